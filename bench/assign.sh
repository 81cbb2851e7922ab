#!/usr/bin/env bash
# assign.sh - builds a Release groupmatch and times assign on generated instances, with glpsol for scale.
#
# usage: bench/assign.sh   (BENCH_RUNS=N repeats each timing, best kept; BENCH_GLPSOL=0 skips glpsol)
# Needs python3 and /usr/bin/time (Debian package time); glpsol from glpk-utils for the ratio.
set -euo pipefail
if [ ! -x /usr/bin/time ]; then
	echo "bench/assign.sh: needs /usr/bin/time (apt-get install time)" >&2
	exit 69
fi
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${BENCH_RUNS:-3}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/groupmatch-bench}/assign
INST=$ROOT/bench/assign_instance.py

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGM_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target groupmatch >/dev/null 2>&1 ||
	cmake --build "$BUILD" --target groupmatch
GM=$BUILD/groupmatch
mkdir -p "$WORK"

# measure CMD...: "WALL CPU RSS_KIB": the times (from bash's time, to the
# millisecond) of the run of RUNS that used the least CPU time (user +
# system), and the peak RSS from /usr/bin/time.
measure() {
	local i line best="" rss
	for ((i = 0; i < RUNS; i++)); do
		line=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 | tail -n 1)
		line=$(echo "$line" | awk '{ printf "%s %.3f", $1, $2 + $3 }')
		if [ -z "$best" ] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[2] < y[2]) }'; then
			best=$line
		fi
	done
	rss=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1)
	echo "$best $rss"
}

echo "groupmatch assign benchmark, best of $RUNS"
echo "machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d" " -f1-3 /proc/loadavg)"
echo "offerings: 1 to 15 seats each (times the seat scale), 60% tagged, 35% with an eligibility condition"
echo

# people offerings seed scale
while read -r n m seed scale; do
	d=$WORK/$n-$m-$seed-$scale
	mkdir -p "$d"
	[ -s "$d/intake.csv" ] || python3 "$INST" gen "$d" "$n" "$m" "$seed" "$scale"
	cat "$d/intake.csv" >/dev/null
	seats=$(python3 -c 'import json,sys; print(sum(o["seats"] for o in json.load(open(sys.argv[1]))["offerings"]))' "$d/offerings.json")
	r=$(measure "$GM" assign -q --offerings "$d/offerings.json" "$d/intake.csv")
	"$GM" assign -q --summary --format json --offerings "$d/offerings.json" "$d/intake.csv" >"$d/summary.json" || true
	opt=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["placed"], s["total_fit"])' "$d/summary.json")
	echo "$r $opt" | awk -v n="$n" -v m="$m" -v s="$seats" '{
		printf "%7d records x %3d offerings (%6d seats): %6.3f s cpu %6.3f s wall  peak RSS %5.1f MiB  placed %6d  total fit %8d\n",
			n, m, s, $2, $1, $3 / 1024, $4, $5 }'
done <<'EOF'
10000 50 42 1
100000 200 42 1
10000 50 42 25
100000 200 42 70
EOF

if [ "${BENCH_GLPSOL:-1}" != 0 ] && command -v glpsol >/dev/null; then
	d=$WORK/10000-50-42-1
	"$GM" batch -q --format jsonl "$d/intake.csv" >"$d/scores.jsonl" || true
	python3 "$INST" lp "$d" "$d/scores.jsonl"
	r=$(RUNS=1 measure glpsol --lp "$d/model.lp" -o "$d/glpsol.txt")
	"$GM" assign -q --format jsonl --offerings "$d/offerings.json" "$d/intake.csv" >"$d/roster.jsonl" || true
	check=$(python3 "$INST" check "$d" "$d/scores.jsonl" "$d/roster.jsonl" "$d/glpsol.txt")
	echo "$r" | awk '{ printf "glpsol (GLPK simplex), 10000 x 50 as an LP:       %6.3f s cpu %6.3f s wall  peak RSS %5.1f MiB\n", $2, $1, $3 / 1024 }'
	echo "glpsol agrees: $check"
fi
