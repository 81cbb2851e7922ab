# batch_parallel.sh - a file split into chunks and scored in parallel gives exactly the output of one run.
. "$(dirname "$0")/lib.sh"
GEN=$GM_BUILD_DIR/bench/gen_intake
if [ ! -x "$GEN" ]; then
	fail "gen_intake was not built at $GEN"
	finish
	exit
fi

"$GEN" -n 40000 -s 11 >all.csv
cols=$(head -n 1 all.csv)
"$GM" batch -q all.csv >all.out
"$GM" batch -q --format jsonl all.csv >all.jsonl
tail -n +2 all.out >all.body
if [ "$(wc -l <all.body)" = 40000 ]; then ok; else fail "one run gives 40000 rows"; fi

# Four chunks at line boundaries, without the header, scored at once.
tail -n +2 all.csv >body.csv
split -n l/4 -d body.csv chunk.
if [ "$(ls chunk.0? | wc -l)" = 4 ]; then ok; else fail "the file splits into four chunks"; fi
printf '%s\n' chunk.0? | xargs -P 4 -I{} sh -c \
	'"$0" batch -q --no-header --columns "$1" "$2" >"$2.csv"; "$0" batch -q --format jsonl --no-header --columns "$1" "$2" >"$2.jsonl"; exit 0' \
	"$GM" "$cols" {}
cat chunk.0?.csv >parallel.body
cat chunk.0?.jsonl >parallel.jsonl
# A chunk knows nothing of the lines before it, so the line numbers in
# messages count from its own start; everything else must be identical.
unline() { sed -E 's/line [0-9]+/line N/g' "$1" >"$1.n"; }
for f in all.body parallel.body all.jsonl parallel.jsonl; do unline "$f"; done
expect_same "csv: the chunks scored in parallel concatenate to one run's rows" all.body.n parallel.body.n
expect_same "jsonl: the chunks scored in parallel concatenate to one run's output" all.jsonl.n parallel.jsonl.n
if [ "$(grep -c 'line N' all.body.n)" -gt 5 ]; then ok; else fail "the generated file has invalid records to compare"; fi
if [ "$(grep -o 'line [0-9]*' chunk.01.csv | head -n 1 | cut -d' ' -f2)" -le "$(wc -l <chunk.01)" ]; then ok
else fail "a chunk's line numbers count from the chunk's start"; fi

# The same through a pipe, chunk by chunk in the background.
i=0
for c in chunk.0?; do
	"$GM" batch -q --no-header --columns "$cols" <"$c" >"bg.$i" &
	i=$((i + 1))
done
wait
cat bg.0 bg.1 bg.2 bg.3 >background.body
unline background.body
expect_same "background jobs reading standard input give the same rows" all.body.n background.body.n

# GNU parallel, when it is installed: --pipe keeps the order with -k.
if command -v parallel >/dev/null 2>&1 && parallel --version 2>/dev/null | grep -q GNU; then
	parallel --will-cite -k --pipe --block 200k -j 4 \
		"$GM" batch -q --no-header --columns "$cols" <body.csv >gnu.body
	unline gnu.body
	expect_same "GNU parallel --pipe -k gives the same rows" all.body.n gnu.body.n
fi

finish
