# screeners_pty.sh - the PHQ-9 and GAD-7 in an interactive ask: accepted, skipped, item 9 at 1 and at 3.
# The sessions are driven by screeners_pty.py through a pseudo-terminal.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed to drive a pseudo-terminal"
	exit 0
fi
GROUPMATCH=$GM GM_SOURCE_DIR=${GM_SOURCE_DIR:-$here/../..} python3 "$here/screeners_pty.py"
