# test_cases.sh - groupmatch test: case tables pass, fail with a clear report, or are refused with their lines.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CASES=$GM_TEST_DATA/cases
VIGNETTES=$GM_TEST_DATA/vignettes.tsv

# The shipped vignette table passes on the built-in catalogue; the count
# is every line that is not a comment, blank or the header.
n=$(grep -cv -e '^#' -e '^$' -e '^name	' "$VIGNETTES")
run "$GM" test "$VIGNETTES"
expect_rc "the vignette table passes" 0
expect_out "every vignette is counted" "$n of $n cases passed"
expect_out "the count names the catalogue" "(groupmatch default catalogue, version "

run "$GM" test -v "$VIGNETTES"
face_line=$(grep -n '^face_' "$VIGNETTES" | head -1 | cut -d: -f1)
expect_out "-v lists passing cases with their lines" "pass $VIGNETTES:$face_line: face_"
run "$GM" test -q "$VIGNETTES"
expect_rc "-q" 0
expect_no_out "-q prints nothing when every case passes"

run "$GM" test "$CASES/agreed.csv"
expect_rc "a CSV table with top2 and status columns passes" 0
expect_out "a CSV table is counted" "4 of 4 cases passed"
run "$GM" test - <"$CASES/wrong.tsv"
expect_rc "a table on standard input is read" 1

# Deliberately wrong expectations: exit 1, each failure with its line,
# what was expected and what came out (found here through match).
grief=$("$GM" match -a crisis=no -a goals=life_transition -a focus=support -a issues=grief \
	-a comfort=3 -a connect=yes -a mutual=yes --format json |
	python3 -c 'import json,sys; r=json.load(sys.stdin)["ranking"]; print("%s (%d%%), then %s (%d%%)" % (r[0]["group"], r[0]["percent"], r[1]["group"], r[1]["percent"]))')
run "$GM" test "$CASES/wrong.tsv"
expect_rc "a wrong expectation fails the run" 1
expect_out "the failing case is named with its line" "FAIL $CASES/wrong.tsv:5: wrong_first_choice"
expect_out "the report says what was expected and what came out" "  first: expected cbt, got $grief"
expect_out "every failed check of a case is listed" "FAIL $CASES/wrong.tsv:6: wrong_setting_and_status
  status: expected ok, got invalid: invalid answer to 'comfort': '9' is not in 1-5
  first: expected skills, got no ranking (status invalid)
  setting: expected group, got none (status invalid)"
expect_not_out "passing cases are not listed" "grief_support"
expect_out "the count says how many passed" "2 of 4 cases passed"
run "$GM" test -q "$CASES/wrong.tsv"
expect_out "-q still prints the failures" "FAIL $CASES/wrong.tsv:5"
expect_not_out "-q leaves out the count" "cases passed"

# A malformed table: exit 65, every problem at its line, no case run.
run "$GM" test "$CASES/malformed.tsv"
expect_rc "a malformed table" 65
expect_no_out "a malformed table runs no case"
expect_err "a bad pair is placed" "groupmatch: $CASES/malformed.tsv:4: column 'answers': 'goals' is not QUESTION=VALUE"
expect_err "a long row is placed" "groupmatch: $CASES/malformed.tsv:7: 6 fields where the header (line 2) has 5"
expect_err "the problems are counted" "groupmatch: $CASES/malformed.tsv: 8 problems; no case was run"
run "$GM" test "$CASES/unknown-ids.tsv"
expect_rc "unknown questions and groups" 65
expect_err "an unknown group gets a suggestion" "unknown-ids.tsv:3: column 'first': 'skils' is not a group of the catalogue (did you mean 'skills'?)"
: >empty.tsv
run "$GM" test empty.tsv
expect_rc "an empty table" 65
expect_err "an empty table says what a table starts with" "empty.tsv: no header line"

run "$GM" test no-such.tsv
expect_rc "a missing table" 66
expect_err "a missing table is named" "cannot open 'no-such.tsv'"
run "$GM" test
expect_rc "no table" 64
run "$GM" test a.tsv b.tsv
expect_rc "two tables" 64
run "$GM" test --catalog "$GM_TEST_DATA/catalogs/weights.json" "$VIGNETTES"
expect_rc "an invalid catalogue" 78

# A clinic's changed catalogue is held to the same table: turn support's
# every reason into a caution and the grief vignettes fail.
python3 - "$GM_SOURCE_DIR/groups.json" >no-support.json <<'PY'
import json, sys
cat = json.load(open(sys.argv[1]))
for g in cat["groups"]:
    if g["id"] == "support":
        for c in g["criteria"][1:]:
            c["weight"] = -abs(c["weight"])
print(json.dumps(cat, indent=2))
PY
run "$GM" --catalog no-support.json test "$VIGNETTES"
expect_rc "a changed catalogue can fail the agreed cases" 1
expect_out "the failing vignette is reported" "face_grieving_person_wanting_support_gets_support"

finish
