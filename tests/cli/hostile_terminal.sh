# hostile_terminal.sh - every command's output on a pseudo-terminal, fed the hostile strings table: no control, bidi or invalid UTF-8 byte reaches it.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed"
	exit 77
fi
GROUPMATCH=$GM python3 "$here/hostile_outputs.py" terminal
