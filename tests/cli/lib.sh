# lib.sh - assertions for the CLI tests; source it, call the checks, end with finish.
# Each test runs "$GROUPMATCH" in a scratch directory.  CTest sets the five
# variables below; run by hand (bash tests/cli/match.sh, from anywhere) a
# script finds the source tree from its own path and the build in build/.
set -u

# gm_abs PATH: PATH made absolute (the tests run in a scratch directory).
gm_abs() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "$1" ;;
	esac
}
GM_SOURCE_DIR=$(gm_abs "${GM_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}")
GM_BUILD_DIR=$(gm_abs "${GM_BUILD_DIR:-$GM_SOURCE_DIR/build}")
GROUPMATCH=$(gm_abs "${GROUPMATCH:-$GM_BUILD_DIR/groupmatch}")
GM_TEST_DATA=$(gm_abs "${GM_TEST_DATA:-$GM_SOURCE_DIR/tests/data}")
GM_GOLDEN=$(gm_abs "${GM_GOLDEN:-$GM_SOURCE_DIR/tests/golden}")
export GROUPMATCH GM_SOURCE_DIR GM_BUILD_DIR GM_TEST_DATA GM_GOLDEN
if [ ! -x "$GROUPMATCH" ]; then
	printf '%s: no binary at %s; build first:\n  cmake -S %s -B %s && cmake --build %s -j2\n' \
		"${0##*/}" "$GROUPMATCH" "$GM_SOURCE_DIR" "$GM_BUILD_DIR" "$GM_BUILD_DIR" >&2
	exit 1
fi
GM=$GROUPMATCH
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/gmtest.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH" || exit 1
export NO_COLOR=1
unset GROUPMATCH_CATALOG
passed=0
failed=0

# run CMD...: runs it, keeping stdout in $out, stderr in $err, status in $rc.
run() {
	"$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err"
	rc=$?
	out=$(cat "$SCRATCH/.out")
	err=$(cat "$SCRATCH/.err")
}

ok() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$1"
	printf '  exit: %s\n  stdout: %.800s\n  stderr: %.800s\n' "${rc:-}" "${out:-}" "${err:-}"
}

# expect_rc NAME CODE
expect_rc() { if [ "$rc" = "$2" ]; then ok; else fail "$1: exit $rc, wanted $2"; fi; }
# expect_out NAME SUBSTRING / expect_err NAME SUBSTRING / expect_no_out NAME
expect_out() { case $out in *"$2"*) ok ;; *) fail "$1: stdout lacks '$2'" ;; esac; }
expect_err() { case $err in *"$2"*) ok ;; *) fail "$1: stderr lacks '$2'" ;; esac; }
expect_not_out() { case $out in *"$2"*) fail "$1: stdout has '$2'" ;; *) ok ;; esac; }
expect_no_out() { if [ -z "$out" ]; then ok; else fail "$1: stdout not empty"; fi; }
# expect_same NAME FILE_A FILE_B
expect_same() {
	if cmp -s "$2" "$3"; then ok; else fail "$1: $2 and $3 differ"; diff -u "$2" "$3" | head -40; fi
}
# The built-in catalogue's hash, from its canonical bytes (no byte order
# mark, CR LF as LF) by sha256sum: golden files hold a placeholder for it,
# so they compare whatever else changes in groups.json, and a wrong hash
# in the output fails them.
CATALOG_SHA256=$(sed '1s/^\xEF\xBB\xBF//; s/\r$//' "$GM_SOURCE_DIR/groups.json" | sha256sum | cut -d' ' -f1)

# expect_golden NAME GOLDEN_FILE: compares $out (plus newline) with the
# golden file, the built-in catalogue's hash (whole or its first 12
# digits) read as @CATALOG_SHA256@ (@CATALOG_SHA256_12@).
expect_golden() {
	printf '%s\n' "$out" | sed "s/$CATALOG_SHA256/@CATALOG_SHA256@/g; s/$(printf %.12s "$CATALOG_SHA256")/@CATALOG_SHA256_12@/g" >"$SCRATCH/.golden"
	if [ -n "${GM_UPDATE_GOLDEN:-}" ]; then cp "$SCRATCH/.golden" "$GM_GOLDEN/$2"; fi
	expect_same "$1" "$GM_GOLDEN/$2" "$SCRATCH/.golden"
}

finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
