#!/usr/bin/env bash
# catalog_size.sh - times `check` on large catalogues at two sizes to show that loading stays linear and memory near the file's size.
#
# usage: bench/catalog_size.sh [SCALE]   (default 1: files of about 0.9 and 3.6 MB)
# Each shape is groups.json with one object or array made large; the
# second file is four times the first.  A time ratio near 4 is linear,
# near 16 quadratic.  The files stay under the 100,000-value cap of the
# JSON reader, so they are read whole; the last line shows a file past
# the cap refused before its tree is built.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCALE=${1:-1}
RUNS=${BENCH_RUNS:-3}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/groupmatch-catalog-size}

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DGM_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target groupmatch >/dev/null
GM=$BUILD/groupmatch
mkdir -p "$WORK"

# make_catalog SHAPE N FILE: groups.json with N added members or elements.
make_catalog() {
	python3 - "$ROOT/groups.json" "$@" <<'PY'
import json, sys
src, shape, n, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
text = open(src, encoding='utf-8').read()
if shape == 'comments-then-keys':   # comment keys, then the same known key again and again
    add = ''.join('"_c%d":1,' % i for i in range(n // 2)) + '"name":"x",' * (n // 2)
    text = text.replace('"format_version"', add + '"format_version"', 1)
elif shape == 'unknown-keys':       # distinct unknown keys in one object
    add = ''.join('"k%d":1,' % i for i in range(n))
    text = text.replace('"format_version"', add + '"format_version"', 1)
elif shape == 'condition-keys':     # comment keys inside one criterion's condition
    add = ''.join('"_x%d":1,' % i for i in range(n))
    text = text.replace('"when": {', '"when": {' + add, 1)
elif shape == 'approaches':         # one long array of strings
    cat = json.loads(text)
    cat['groups'][0]['approaches'] = ['approach %d' % i for i in range(n)]
    text = json.dumps(cat, indent=1)
elif shape == 'option-ids':         # one condition listing an option id again and again
    cat = json.loads(text)
    cat['groups'][0]['criteria'][0]['when'] = {'question': 'goals', 'any': ['symptom_relief'] * n}
    text = json.dumps(cat, indent=1)
open(path, 'w', encoding='utf-8').write(text)
PY
}

# measure FILE: "seconds peak-KiB" of the fastest of RUNS runs of check
# (wall time from date, which is finer than /usr/bin/time's).
measure() {
	local i best="" line a b
	for ((i = 0; i < RUNS; i++)); do
		a=$(date +%s.%N)
		/usr/bin/time -f '%M' -o "$WORK/time" "$GM" check "$1" >/dev/null 2>&1 || true
		b=$(date +%s.%N)
		line="$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", b - a }') $(tail -1 "$WORK/time")"
		if [ -z "$best" ] || awk -v a="${line% *}" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then
			best=$line
		fi
	done
	echo "$best"
}

small=$((45000 * SCALE / 2))
large=$((4 * small))
[ "$large" -lt 99000 ] || { echo "SCALE too large: the files would pass the value cap" >&2; exit 64; }
printf '%-20s %8s %8s %9s %8s %8s %9s %6s\n' shape "MB" seconds "peak MiB" "MB" seconds "peak MiB" ratio
for shape in comments-then-keys unknown-keys condition-keys approaches option-ids; do
	a=$WORK/$shape-$small.json
	b=$WORK/$shape-$large.json
	[ -s "$a" ] || make_catalog "$shape" "$small" "$a"
	[ -s "$b" ] || make_catalog "$shape" "$large" "$b"
	ra=$(measure "$a")
	rb=$(measure "$b")
	awk -v s="$shape" -v sa="$(stat -c %s "$a")" -v ra="$ra" -v sb="$(stat -c %s "$b")" -v rb="$rb" 'BEGIN {
		split(ra, x, " "); split(rb, y, " ")
		printf "%-20s %8.2f %8.3f %9.1f %8.2f %8.3f %9.1f %6s\n", s, sa / 1e6, x[1], x[2] / 1024,
			sb / 1e6, y[1], y[2] / 1024, (x[1] > 0.005 ? sprintf("%.1f", y[1] / x[1]) : "-") }'
done
echo "(the large file is 4 times the small one: a ratio near 4 is linear)"
big=$WORK/past-the-cap.json
[ -s "$big" ] || make_catalog approaches 2000000 "$big"
rc=$(measure "$big")
awk -v sa="$(stat -c %s "$big")" -v r="$rc" 'BEGIN { split(r, x, " ");
	printf "past the value cap: %.1f MB refused in %.2f s, peak %.1f MiB\n", sa / 1e6, x[1], x[2] / 1024 }'
