#!/usr/bin/env bash
# run-all.sh - the whole test suite: build, unit and CLI tests (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build and test (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
# alloc_fail.sh fails every allocation in turn, not every fifth
GM_ALLOC_STRIDE=1 ctest --test-dir build --output-on-failure -j"$jobs"

# The unit suite runs in one process there (CK_FORK=no, set by tests/CMakeLists.txt):
# LeakSanitizer at the exit of each of hundreds of forked tests took minutes.
echo "== the same suite under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGM_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== the quick CLI tests under valgrind, on build/groupmatch"
mkdir -p build/valgrind
cat >build/valgrind/groupmatch <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite "$PWD/build/groupmatch" "\$@"
EOF
chmod +x build/valgrind/groupmatch
vg_failed=0
for t in match check groups ask_pipe provenance test_cases assign; do
	echo "   valgrind: tests/cli/$t.sh"
	if ! GROUPMATCH=$PWD/build/valgrind/groupmatch GM_SOURCE_DIR=$PWD GM_BUILD_DIR=$PWD/build \
		GM_TEST_DATA=$PWD/tests/data GM_GOLDEN=$PWD/tests/golden GM_TIMEOUT=60 \
		bash "tests/cli/$t.sh" >"build/valgrind/$t.log" 2>&1; then
		grep -A4 '^FAIL' "build/valgrind/$t.log" | head -40
		vg_failed=1
	fi
done
[ "$vg_failed" -eq 0 ]

fuzz_seconds=${GM_FUZZ_SECONDS:-30}
echo "== fuzz targets built with clang, each run ${fuzz_seconds}s on a copy of its corpus (build-fuzz/)"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGM_FUZZ=ON -DGM_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz
rm -rf build-fuzz/run
mkdir -p build-fuzz/run/artifacts
for t in catalog answers answers_json csv ask batch cases offerings intake safety; do
	cp -r "tests/fuzz/corpus/$t" "build-fuzz/run/$t"
	if ! "build-fuzz/tests/fuzz/fuzz_$t" -max_total_time="$fuzz_seconds" -timeout=10 \
		-rss_limit_mb=1024 -close_fd_mask=3 -artifact_prefix="build-fuzz/run/artifacts/$t-" \
		"build-fuzz/run/$t" >"build-fuzz/run/$t.log" 2>&1; then
		tail -40 "build-fuzz/run/$t.log"
		echo "fuzz_$t failed; the input is in build-fuzz/run/artifacts/"
		exit 1
	fi
	echo "   fuzz_$t: $(grep -o 'Done [0-9]* runs in [0-9]* second' "build-fuzz/run/$t.log" | tail -1)s"
done
echo "== all stages passed"
echo "stages: 4 passed, 0 failed"
