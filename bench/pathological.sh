#!/usr/bin/env bash
# pathological.sh - times batch on pathological CSVs at two sizes to show that parsing stays linear.
#
# usage: bench/pathological.sh [SCALE]   (default 1: files of about 16 and 64 MB)
# For each shape the second file is four times the first; a time ratio
# near 4 is linear, near 16 would be quadratic.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCALE=${1:-1}
RUNS=${BENCH_RUNS:-3}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/groupmatch-pathological}

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGM_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target groupmatch >/dev/null
GM=$BUILD/groupmatch
mkdir -p "$WORK"

# make SHAPE UNITS FILE: writes a pathological CSV of about UNITS MiB.
make_csv() {
	python3 - "$1" "$2" "$3" <<'EOF'
import sys
shape, mib, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
header = 'id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual\n'
n = mib << 20
with open(path, 'w') as f:
    f.write(header)
    if shape == 'long-field':        # one record, one field of n bytes
        f.write('P1,no,' + 'x' * n + ',open_ended\n')
    elif shape == 'long-quoted':     # one quoted field of n bytes, half of them "" escapes
        f.write('P1,no,"' + 'x""' * (n // 3) + '",open_ended\n')
    elif shape == 'many-columns':    # records of 9,999 columns (under the 10,000 limit)
        row = 'P1,no,grief,structured,support,grief,3,yes,yes,no,yes' + ',v' * 9988 + '\n'
        for _ in range(n // len(row)):
            f.write(row)
    elif shape == 'wide-records':    # records of 50,000 columns (over the limit)
        row = 'P1' + ',v' * 49999 + '\n'
        for _ in range(n // len(row)):
            f.write(row)
    elif shape == 'long-fields':     # records with a 512 KiB field each
        row = 'P1,no,"' + 'y' * (512 << 10) + '",open_ended,deep_work,,5,yes,yes,no,yes\n'
        for _ in range(n // len(row)):
            f.write(row)
EOF
}

# secs FILE: the least wall-clock seconds of RUNS runs of batch on FILE
# (the file is in the page cache after the first).
secs() {
	local i a b t best=""
	for ((i = 0; i < RUNS; i++)); do
		a=$(date +%s.%N)
		"$GM" batch -q "$1" >/dev/null || true
		b=$(date +%s.%N)
		t=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", b - a }')
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
		fi
	done
	echo "$best"
}

small=$((16 * SCALE))
large=$((64 * SCALE))
printf '%-14s %10s %9s %10s %9s %7s\n' shape "MB small" seconds "MB large" seconds ratio
for shape in long-field long-quoted long-fields many-columns wide-records; do
	a=$WORK/$shape-$small.csv
	b=$WORK/$shape-$large.csv
	[ -s "$a" ] || make_csv "$shape" "$small" "$a"
	[ -s "$b" ] || make_csv "$shape" "$large" "$b"
	ta=$(secs "$a")
	tb=$(secs "$b")
	awk -v s="$shape" -v sa="$(stat -c %s "$a")" -v ta="$ta" -v sb="$(stat -c %s "$b")" -v tb="$tb" 'BEGIN {
		printf "%-14s %10.1f %9.4f %10.1f %9.4f %7s\n", s, sa / 1e6, ta, sb / 1e6, tb,
			(ta > 0.0005 ? sprintf("%.1f", tb / ta) : "-") }'
done
echo "(the large file is 4 times the small one: a ratio near 4 is linear)"
