# hostile_cells.sh - every CSV output, fed the hostile strings table: no cell a spreadsheet would run as a formula, unless --raw-cells.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed"
	exit 77
fi
GROUPMATCH=$GM python3 "$here/hostile_outputs.py" cells
