# layers.sh - the CLI uses only the public API, the library never prints or exits, no cycles.
. "$(dirname "$0")/lib.sh"
if ! command -v nm >/dev/null 2>&1 || ! command -v ldd >/dev/null 2>&1; then
	echo "layers.sh: needs nm and ldd (binutils, libc-bin)" >&2
	exit 77
fi
python3 "$GM_SOURCE_DIR/tests/cli/layers.py"
