# safety_ledger_pty.sh - a change at ask's review screen never lowers PHQ-9 item 9.
# The session is driven by safety_ledger_pty.py through a pseudo-terminal.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed to drive a pseudo-terminal"
	exit 0
fi
GROUPMATCH=$GM GM_SOURCE_DIR=${GM_SOURCE_DIR:-$here/../..} python3 "$here/safety_ledger_pty.py"
