# safety_property.sh - generated variations of every front end keep a positive safety answer urgent.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed"
	exit 0
fi
GROUPMATCH=$GM python3 "$here/safety_property.py"
