# layers.sh - the CLI uses only the public API, the library never prints or exits, no cycles.
: "${GM_SOURCE_DIR:?set GM_SOURCE_DIR}" "${GM_BUILD_DIR:?set GM_BUILD_DIR}" "${GROUPMATCH:?set GROUPMATCH}"
if ! command -v nm >/dev/null 2>&1 || ! command -v ldd >/dev/null 2>&1; then
	echo "layers.sh: needs nm and ldd (binutils, libc-bin)" >&2
	exit 77
fi
exec python3 "$GM_SOURCE_DIR/tests/cli/layers.py"
