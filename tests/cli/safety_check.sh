# safety_check.sh - check refuses a catalogue whose safety screen could fail a person, and --resources.
. "$(dirname "$0")/lib.sh"

src=${GM_SOURCE_DIR:?}/groups.json
edit() {	# edit NAME PYTHON: writes NAME.json, the built-in catalogue changed by PYTHON (on c)
	python3 - "$src" "$1.json" "$2" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(c, open(sys.argv[2], "w"))
PY
}
edit notfirst 'c["questions"].append(c["questions"].pop(0))'
edit optional 'c["questions"][0]["required"] = False'
edit default 'c["questions"][0]["default"] = False'
edit shorturgent 'c["messages"]["urgent"] = "x"'
edit noresources 'del c["resources"]'
edit nocontact 'c["resources"] = [r for r in c["resources"] if r["region"] != "*"]'
edit badres 'c["resources"][0]["how"] = ["fax"]; c["resources"][1]["url"] = "http://example.org"'

run "$GM" check notfirst.json
expect_rc "a safety question that is not first is refused" 78
expect_err "and said" "must be the first question"
run "$GM" check optional.json
expect_rc "a safety question that is not required is refused" 78
expect_err "and said" "\"required\": true"
run "$GM" check default.json
expect_rc "a default on the safety question is refused" 78
expect_err "and said" "must not have a default"
run "$GM" check shorturgent.json
expect_rc "an urgent text of one letter is refused" 78
expect_err "and said" "messages.urgent: 1 characters is too short"
run "$GM" check noresources.json
expect_rc "a catalogue with no crisis resources is refused" 78
expect_err "and said" "resources: missing"
run "$GM" check nocontact.json
expect_rc "a catalogue with nothing for everywhere is refused" 78
run "$GM" check badres.json
expect_rc "a resource reached by fax, or over http, is refused" 78
expect_err "the way is named" "'fax' is not one of call, text, chat, web"
expect_err "the address is named" "is not an https:// address"

printf '{"resources": [{"region": "*", "name": "Clinic duty line", "contact": "555 0100", "how": ["call"], "hours": "9 to 5"}]}' >clinic.json
run "$GM" --resources clinic.json match -a crisis=yes
expect_rc "--resources: urgent" 3
expect_out "--resources replaces the lines" "Clinic duty line: call 555 0100 (9 to 5)"
expect_not_out "--resources: the built-in lines are gone" "findahelpline"
printf '{"resources": [{"region": "usa"}]}' >bad.json
run "$GM" --resources bad.json match -a crisis=yes
expect_rc "--resources: an invalid file is refused" 78
expect_err "--resources: the problem has its path" "resources[0].region"
run "$GM" --resources nosuch.json match -a crisis=yes
expect_rc "--resources: a missing file" 66
run "$GM" --region FR match -a crisis=yes
expect_rc "--region FR: still urgent" 3
expect_err "--region FR: says there are no lines for it" "no crisis resources for region 'FR'"
expect_out "--region FR: shows the lines for everywhere" "findahelpline"
run "$GM" --region France match -a crisis=yes
expect_rc "--region France is a usage error" 64
GROUPMATCH_REGION=ca run "$GM" match -a crisis=yes
expect_out "GROUPMATCH_REGION picks the region" "9-8-8 Suicide Crisis Helpline: call or text 9-8-8"
run "$GM" match -a crisis=yes --region au
expect_out "--region after the command works too" "Lifeline: call 13 11 14"
# found by fuzzing: a group whose id is bad, named elsewhere, must be a problem, not a crash
run "$GM" check "$GM_TEST_DATA/hostile/catalog-group-without-id-referenced.json"
expect_rc "a reference to a group whose id is bad is reported, not a crash" 78
finish
