# ask_pty.sh - groupmatch ask at a real terminal: retries, help, back, review, Ctrl-D, Ctrl-C, and the README's transcript.
# The sessions are driven by ask_pty.py through a pseudo-terminal.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed to drive a pseudo-terminal"
	exit 0
fi
GROUPMATCH=$GM GM_SOURCE_DIR=${GM_SOURCE_DIR:-$here/../..} python3 "$here/ask_pty.py"
