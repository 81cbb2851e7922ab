# groups.sh - groupmatch groups: the six group types as text and JSON.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CATALOGS=$GM_TEST_DATA/catalogs

run "$GM" groups
expect_rc "groups" 0
for name in "Psychoeducational group (psychoeducational)" "Support group (support)" \
	"Process-oriented therapy group (process)" "Cognitive-behavioural group (cbt)" \
	"Skill development group (skills)" "Interpersonal group (interpersonal)"; do
	expect_out "groups lists $name" "$name"
done
expect_out "groups gives examples" "  Example: "
expect_out "groups gives approaches" "  Approaches: "
[ -z "$err" ] && ok || fail "groups: nothing on stderr"
width=$(printf '%s\n' "$out" | LC_ALL=C.UTF-8 awk '{ if (length($0) > w) w = length($0) } END { print w }')
[ "$width" -le 80 ] && ok || fail "groups wraps to 80 columns (widest line: $width)"

run env COLUMNS=60 "$GM" groups
width=$(printf '%s\n' "$out" | LC_ALL=C.UTF-8 awk '{ if (length($0) > w) w = length($0) } END { print w }')
[ "$width" -le 60 ] && ok || fail "groups wraps to COLUMNS=60 (widest line: $width)"

run "$GM" groups --format json
expect_rc "groups --format json" 0
if printf '%s\n' "$out" | python3 -c '
import json, sys
g = json.load(sys.stdin, object_pairs_hook=lambda p: (dict(p), [k for k, _ in p]))
ids = [x[0]["id"] for x in g]
assert ids == ["psychoeducational", "support", "process", "cbt", "skills", "interpersonal"], ids
for obj, keys in g:
    assert keys == ["id", "name", "summary", "description", "example", "approaches", "max", "criteria"], keys
    assert obj["approaches"] and obj["max"] > 0
    w = [c[0]["weight"] for c in obj["criteria"]]
    pos = [x for x in w if x > 0]; neg = [x for x in w if x < 0]
    assert w == pos + neg and pos == sorted(pos, reverse=True) and neg == sorted(neg), w
    assert obj["max"] == sum(pos)
' 2>"$SCRATCH/py.err"; then ok; else fail "groups JSON: $(tail -1 "$SCRATCH/py.err")"; fi

run "$GM" groups -f json
expect_rc "groups -f json" 0

run "$GM" groups --catalog "$CATALOGS/minimal.json"
expect_rc "groups --catalog" 0
expect_out "groups --catalog lists its groups" "Exploring group (explore)"
expect_not_out "groups --catalog lists only its groups" "Support group"

run "$GM" groups --catalog "$CATALOGS/duplicate-ids.json"
expect_rc "groups with a broken catalogue" 78
expect_err "groups with a broken catalogue names the problem" "duplicate group id 'learn'"
expect_no_out "groups with a broken catalogue prints nothing"

run "$GM" groups --catalog "$SCRATCH/none.json"
expect_rc "groups with a missing catalogue" 66

run "$GM" groups --format xml
expect_rc "groups --format xml" 64
expect_err "groups --format xml is named" "--format 'xml' is not text or json"
run "$GM" groups extra
expect_rc "groups with an argument" 64
run "$GM" groups --bogus
expect_rc "groups with an unknown option" 64
expect_err "groups unknown option points to --help" "Try 'groupmatch groups --help'"

run "$GM" groups --help
expect_rc "groups --help" 0
expect_out "groups --help is on stdout" "usage: groupmatch groups"

if [ -w /dev/full ]; then
	"$GM" groups >/dev/full 2>"$SCRATCH/full.err"
	rc=$?
	err=$(cat "$SCRATCH/full.err")
	expect_rc "groups to a full disk" 74
	expect_err "groups to a full disk says so" "cannot write output"
fi

finish
