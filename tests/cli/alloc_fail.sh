# alloc_fail.sh - out of memory at every allocation in turn: no command crashes or hangs.
# tests/alloc/failalloc.c, preloaded, makes the Nth malloc, calloc or
# realloc of a run fail; each command below is run for N = 1 .. K (K: the
# allocations of its whole run), every GM_ALLOC_STRIDE-th N (default 5;
# tests/run-all.sh runs every N).  Every run must end by itself, without a
# signal or a sanitizer report.  The contract goes further: a run either
# succeeds (ends as it does with memory enough) or exits 74 saying "out of
# memory".  Runs that end otherwise (another status, another message, or
# none) are counted and shown; with GM_ALLOC_STRICT=1 they fail.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

shim=$GM_BUILD_DIR/tests/libgm_failalloc.so
if [ ! -f "$shim" ]; then
	echo "alloc_fail.sh: no $shim (not built in this configuration)" >&2
	exit 77
fi
if grep -q '^GM_SANITIZE:BOOL=ON' "$GM_BUILD_DIR/CMakeCache.txt" 2>/dev/null; then
	echo "alloc_fail.sh: the sanitizers own malloc in this build; the shim cannot stand in front" >&2
	exit 77
fi
stride=${GM_ALLOC_STRIDE:-5}
strict=${GM_ALLOC_STRICT:-0}
D=$GM_TEST_DATA/batch
EX=$GM_SOURCE_DIR/examples/assign
head -6 "$D/intake.csv" >small.csv

# loop NAME CMD...: runs CMD with the Nth allocation failing, for every N.
loop() {
	local name=$1 total n rc base runs=0 odd=0 first_odd=""
	shift
	rm -f count
	GM_FAIL_ALLOC_COUNT=$SCRATCH/count LD_PRELOAD=$shim "$@" >/dev/null 2>&1
	base=$?
	total=$(cat count 2>/dev/null || echo 0)
	# the status of the run with memory enough (3 for a batch with an urgent row)
	if [ "$base" -lt 64 ] && [ "$total" -gt 10 ]; then ok; else
		fail "$name: the run without a failure exits $base after $total allocations"
		return
	fi
	n=1
	while [ "$n" -le "$total" ]; do
		GM_FAIL_ALLOC=$n LD_PRELOAD=$shim timeout 20 "$@" >out.txt 2>err.txt
		rc=$?
		runs=$((runs + 1))
		if [ "$rc" -eq 124 ]; then
			fail "$name: allocation $n failing, the run hangs"
		elif [ "$rc" -gt 125 ]; then
			fail "$name: allocation $n failing, the run dies with status $rc: $(head -c 300 err.txt)"
		elif grep -q 'Sanitizer\|runtime error' err.txt; then
			fail "$name: allocation $n failing, a sanitizer reports: $(head -c 300 err.txt)"
		else
			ok
		fi
		if [ "$rc" -ne "$base" ] && { [ "$rc" -ne 74 ] || ! grep -q '^groupmatch: .*out of memory' err.txt; }; then
			odd=$((odd + 1))
			[ -n "$first_odd" ] || first_odd="allocation $n: exit $rc, stderr '$(head -c 120 err.txt | tr '\n' ' ')'"
		fi
		n=$((n + stride))
	done
	printf '%s: %d allocations, %d runs, %d not ending in success or exit 74 "out of memory"%s\n' \
		"$name" "$total" "$runs" "$odd" "${first_odd:+ (first: $first_odd)}"
	if [ "$strict" = 1 ] && [ "$odd" -ne 0 ]; then
		fail "$name: $odd runs out of memory end otherwise than with exit 74 and 'out of memory'"
	fi
}

loop match "$GM" match -a crisis=no -a focus=support -a issues=grief
loop check "$GM" check
loop batch "$GM" batch small.csv
loop assign "$GM" assign --offerings "$EX/offerings.json" "$EX/intake.csv"
finish
