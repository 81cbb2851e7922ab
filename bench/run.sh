#!/usr/bin/env bash
# run.sh - builds a Release groupmatch and measures batch throughput, peak memory and match latency.
#
# usage: bench/run.sh [ROWS]   (default 1000000; BENCH_RUNS=N repeats each timing, best kept)
# Needs /usr/bin/time (Debian package time); uses hyperfine when installed.
set -euo pipefail
if [ ! -x /usr/bin/time ]; then
	echo "bench/run.sh: needs /usr/bin/time (apt-get install time)" >&2
	exit 69
fi
cd "$(dirname "$0")/.."
ROOT=$PWD
ROWS=${1:-1000000}
RUNS=${BENCH_RUNS:-3}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/groupmatch-bench}

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGM_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target groupmatch gen_intake >/dev/null 2>&1 ||
	cmake --build "$BUILD" --target groupmatch gen_intake
GM=$BUILD/groupmatch
GEN=$BUILD/bench/gen_intake
mkdir -p "$WORK"
CSV=$WORK/intake-$ROWS.csv
if [ ! -s "$CSV" ]; then
	"$GEN" -n "$ROWS" -s 42 >"$CSV"
fi
BYTES=$(stat -c %s "$CSV")

# now: seconds since the epoch with nanoseconds.
now() { date +%s.%N; }

# measure CMD...: runs CMD (output discarded) RUNS times under /usr/bin/time
# and prints "WALL CPU RSS_KIB" of the run that used the least CPU time
# (user + system): on a shared machine CPU time is the steadier figure.
measure() {
	local i line best=""
	for ((i = 0; i < RUNS; i++)); do
		line=$(/usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -n 1)
		line=$(echo "$line" | awk '{ printf "%s %.2f %s", $1, $2 + $3, $4 }')
		if [ -z "$best" ] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[2] < y[2]) }'; then
			best=$line
		fi
	done
	echo "$best"
}

# report LABEL ROWS BYTES "WALL CPU RSS_KIB" [no-rss]
report() {
	echo "$4" | awk -v l="$1" -v r="$2" -v b="$3" -v norss="${5:-}" '{
		t = $2 > 0 ? $2 : 0.005
		printf "%-26s %7.2f s cpu %6.2f s wall %11.0f rows/s %8.1f MB/s", l, $2, $1, r / t, b / t / 1e6
		if (norss == "") printf "   peak RSS %5.1f MiB", $3 / 1024
		printf "\n"
	}'
}

cat >/dev/null "$CSV"	# warm the page cache
echo "groupmatch benchmark: $ROWS rows, $BYTES bytes ($(awk -v b="$BYTES" -v r="$ROWS" 'BEGIN { printf "%.0f", b / r }') bytes/row), best of $RUNS"
echo "machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d" " -f1-3 /proc/loadavg)"
echo

best=""
for ((i = 0; i < RUNS; i++)); do
	t0=$(now); cat "$CSV" >/dev/null; t1=$(now)
	t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
	if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
done
echo "$best" | awk -v r="$ROWS" -v b="$BYTES" '{ printf "%-26s %7s       %6.3f s wall %11.0f rows/s %8.1f MB/s\n", "cat > /dev/null (floor)", "", $1, r / $1, b / $1 / 1e6 }'
report "batch --format csv" "$ROWS" "$BYTES" "$(measure "$GM" batch -q "$CSV")"
report "batch --format jsonl" "$ROWS" "$BYTES" "$(measure "$GM" batch -q --format jsonl "$CSV")"
report "batch --summary" "$ROWS" "$BYTES" "$(measure "$GM" batch -q --summary "$CSV")"

# Pathological inputs: the time must stay linear in the bytes, the
# memory bounded.
LONG=$WORK/long-field.csv
[ -s "$LONG" ] || "$GEN" -n 1000 --long-field 100 >"$LONG"
report "one 100 MiB field" 1001 "$(stat -c %s "$LONG")" "$(measure "$GM" batch -q "$LONG")"
WIDE=$WORK/wide.csv
[ -s "$WIDE" ] || "$GEN" -n 20000 --wide 2000 >"$WIDE"
report "2011 columns x 20000 rows" 20000 "$(stat -c %s "$WIDE")" "$(measure "$GM" batch -q "$WIDE")"

echo
MATCH=("$GM" match -a crisis=no -a goals=life_transition -a focus=support -a issues=grief
	-a comfort=3 -a connect=yes -a feedback=no -a practice=no -a mutual=yes)
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 20 --runs 300 --export-json "$WORK/match.json" "${MATCH[*]}" >/dev/null 2>&1 ||
		hyperfine --warmup 20 --runs 300 --export-json "$WORK/match.json" "${MATCH[*]}" >/dev/null
	python3 - "$WORK/match.json" <<'END'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("one match invocation          %8.3f ms mean, %.3f ms median, %.3f ms min (hyperfine, %d runs)"
      % (r["mean"] * 1e3, r["median"] * 1e3, r["min"] * 1e3, len(r["times"])))
END
else
	n=200
	t0=$(now)
	for ((i = 0; i < n; i++)); do "${MATCH[@]}" >/dev/null; done
	t1=$(now)
	echo "$t0 $t1 $n" | awk '{ printf "one match invocation          %8.3f ms (mean of %d)\n", ($2 - $1) / $3 * 1000, $3 }'
fi
echo "peak RSS of one match: $(measure "${MATCH[@]}" | awk '{ printf "%.1f MiB", $3 / 1024 }')"
