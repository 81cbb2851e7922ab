# ask_kiosk.sh - no key at ask's prompts starts a program or reads ~/.editrc (ask_kiosk.py).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed to drive a pseudo-terminal"
	exit 0
fi
GROUPMATCH=$GM python3 "$here/ask_kiosk.py"
