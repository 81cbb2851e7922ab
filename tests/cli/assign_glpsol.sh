# assign_glpsol.sh - assign's optimum against GLPK's glpsol on generated instances, with every invariant checked.
. "$(dirname "$0")/lib.sh"
if ! command -v glpsol >/dev/null; then
	echo "SKIP: glpsol is not installed (bash .ci/deps installs glpk-utils)"
	exit 77
fi
INST=$GM_SOURCE_DIR/bench/assign_instance.py

# people offerings seed [seat scale]: mostly small, a few up to 2,000 x 60;
# the last few with about as many seats as people, where people move most.
cases="5 3 1
8 3 2
12 4 3
20 5 4
30 3 5
40 8 6
50 10 7
60 6 8
80 12 9
100 3 10
120 20 11
150 15 12
200 25 13
250 8 14
300 30 15
400 40 16
500 12 17
600 50 18
800 60 19
1000 20 20
1200 45 21
1500 60 22
2000 30 23
2000 60 24
100 5 25 3
300 10 26 5
700 20 27 6
1000 30 28 5
1500 45 29 5"
while read -r n m seed scale; do
	d=case-$n-$m-$seed
	mkdir -p "$d"
	python3 "$INST" gen "$d" "$n" "$m" "$seed" "${scale:-1}"
	"$GM" batch --format jsonl "$d/intake.csv" >"$d/scores.jsonl" 2>/dev/null
	"$GM" assign -q --offerings "$d/offerings.json" --format jsonl "$d/intake.csv" >"$d/roster.jsonl"
	rc=$?
	"$GM" assign -q --offerings "$d/offerings.json" --format jsonl "$d/intake.csv" >"$d/again.jsonl"
	python3 "$INST" lp "$d" "$d/scores.jsonl"
	glpsol --lp "$d/model.lp" -o "$d/glpsol.txt" >"$d/glpsol.log" 2>&1
	out=$(python3 "$INST" check "$d" "$d/scores.jsonl" "$d/roster.jsonl" "$d/glpsol.txt" 2>&1)
	if [ $? -eq 0 ] && [ "$rc" -le 65 ]; then ok; else fail "$n x $m (seed $seed) agrees with glpsol: $out"; fi
	expect_same "$n x $m (seed $seed): two runs give the same roster" "$d/roster.jsonl" "$d/again.jsonl"
	echo "$out"
done <<<"$cases"
finish
