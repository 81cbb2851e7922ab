#!/usr/bin/env bash
# cases.sh - times `groupmatch test` on generated case tables of 10,000 to 100,000 cases, to show it stays near-linear.
#
# usage: bench/cases.sh
# Each table has distinct names and a mix of answers; every case passes.
# The time per case should stay about the same as the table grows ten
# times; peak RSS grows with the table, which is read whole.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${BENCH_RUNS:-3}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/groupmatch-cases}

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGM_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target groupmatch >/dev/null
GM=$BUILD/groupmatch
mkdir -p "$WORK"

# make_table N FILE: N cases, each expecting what the catalogue gives it.
make_table() {
	python3 - "$@" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
kinds = [
    ("crisis=no goals=symptom_relief structure=structured focus=education issues=panic comfort=2", "cbt,psychoeducational,skills"),
    ("crisis=no goals=life_transition focus=support issues=grief comfort=3 connect=yes mutual=yes", "support"),
    ("crisis=yes", "-"),
]
with open(path, "w") as f:
    f.write("name\tanswers\tfirst\tstatus\n")
    for i in range(n):
        answers, first = kinds[i % len(kinds)]
        status = "urgent" if first == "-" else "ok"
        f.write("case_%07d\t%s\t%s\t%s\n" % (i, answers, first, status))
PY
}

printf '| cases | best of %d, s | µs a case | peak RSS |\n|---:|---:|---:|---:|\n' "$RUNS"
for n in 10000 40000 100000; do
	table=$WORK/cases-$n.tsv
	make_table "$n" "$table"
	best=
	rss=
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f '%e %M' -o "$WORK/time" "$GM" test "$table" >/dev/null
		read -r t m <"$WORK/time"
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
			rss=$m
		fi
	done
	awk -v n="$n" -v t="$best" -v m="$rss" 'BEGIN {
		printf "| %d | %.2f | %.1f | %.1f MiB |\n", n, t, t * 1e6 / n, m / 1024 }'
done
