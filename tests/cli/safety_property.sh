# safety_property.sh - no positive safety answer is lost over a grammar of transformations (see safety_property.py).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "skipped: python3 is needed"
	exit 77
fi
# The seed is fixed unless GM_PROPERTY_SEED is set; GM_PROPERTY_CASES runs more cases.
GROUPMATCH=$GM python3 "$here/safety_property.py"
