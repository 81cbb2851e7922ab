# fuzz_corpus.sh - every input of the fuzz corpus, each alone in a fresh process, passes its target.
# The targets are built without libFuzzer as build/tests/fuzz/replay_NAME
# (tests/fuzz/replay_main.c); an input that once crashed a target is kept
# in tests/fuzz/corpus/NAME/ and replayed here for good.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

fuzz=$GM_BUILD_DIR/tests/fuzz
corpus=$GM_SOURCE_DIR/tests/fuzz/corpus
if ! ls "$fuzz"/replay_* >/dev/null 2>&1; then
	echo "fuzz_corpus.sh: no replay targets in $fuzz (a -DGM_FUZZ=ON build runs libFuzzer instead)" >&2
	exit 77
fi
targets=0
for dir in "$corpus"/*/; do
	name=$(basename "$dir")
	replay=$fuzz/replay_$name
	if [ -x "$replay" ]; then ok; else fail "corpus $name has no target $replay"; continue; fi
	targets=$((targets + 1))
	for input in "$dir"*; do
		# one process an input: no state left by an earlier one may hide a crash
		run "$replay" "$input"
		expect_rc "fuzz_$name on ${input#"$GM_SOURCE_DIR"/}" 0
	done
done
for replay in "$fuzz"/replay_*; do
	name=${replay##*/replay_}
	if [ -d "$corpus/$name" ]; then ok; else fail "fuzz_$name has no corpus in tests/fuzz/corpus/$name"; fi
done
if [ "$targets" -ge 9 ]; then ok; else fail "only $targets fuzz targets replayed"; fi
# The input that crashed fuzz_intake when run first in its process.
if [ -f "$corpus/intake/mapped-first-input.csv" ]; then ok; else fail "the intake crash input left the corpus"; fi
# No fuzzer artefact is kept at the top of the tree (.gitignore keeps them out).
if command -v git >/dev/null 2>&1 && git -C "$GM_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
	stray=$(git -C "$GM_SOURCE_DIR" ls-files -- 'crash-*' 'leak-*' 'timeout-*' 'oom-*' 'slow-unit-*')
	if [ -z "$stray" ]; then ok; else fail "fuzzer artefacts in the tree: $stray"; fi
	for f in crash-0a1b leak-0a1b timeout-0a1b oom-0a1b; do
		if git -C "$GM_SOURCE_DIR" check-ignore -q "$f"; then ok; else fail "git would keep a $f file at the top"; fi
	done
fi
finish
