# match.sh - groupmatch match: answers from flags and files, text and JSON, every exit code.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CATALOGS=$GM_TEST_DATA/catalogs
EXAMPLE="-a crisis=no -a goals=life_transition -a focus=support -a issues=grief -a comfort=3 -a connect=yes"

# json_check NAME PYTHON: runs PYTHON with the parsed $out as `j`; it fails
# the check by raising.
json_check() {
	if printf '%s\n' "$out" | python3 -c '
import json, sys
j = json.load(sys.stdin, object_pairs_hook=lambda pairs: dict(pairs, __order__=[k for k, _ in pairs]))
def keys(o): return o["__order__"]
'"$2" 2>"$SCRATCH/.py"; then ok; else fail "$1: $(tail -1 "$SCRATCH/.py")"; fi
}

# --- the issue's example ---------------------------------------------------
# shellcheck disable=SC2086
run "$GM" match $EXAMPLE
expect_rc "example" 0
expect_out "example ranks support first" " 1. Support group "
expect_out "example gives reasons" "     + You want emotional support from people who share your experience"
expect_out "example gives the setting" "Setting: "
expect_out "example ends with the reminder" "This is decision support, not a diagnosis"
[ -z "$err" ] && ok || fail "example: nothing on stderr"

# shellcheck disable=SC2086
run "$GM" match --format json --id P0000042 $EXAMPLE
expect_rc "example as JSON" 0
json_check "example JSON is the SPEC 3.3 object" '
assert keys(j) == ["id", "status", "safety", "ranking", "setting", "changes", "scores", "missing", "message", "catalog"], keys(j)
assert j["id"] == "P0000042" and j["status"] == "ok" and j["message"] is None
assert [r["rank"] for r in j["ranking"]] == [1, 2, 3, 4, 5, 6]
for r in j["ranking"]:
    assert keys(r) == ["rank", "group", "name", "score", "max", "percent", "fit", "near_tie", "reasons", "cautions"], keys(r)
    assert r["fit"] in ("strong", "possible", "weak", "none") and r["near_tie"] in (True, False)
    assert 0 <= r["percent"] <= 100 and r["score"] <= r["max"]
first = j["ranking"][0]
assert first["group"] == "support" and first["name"] == "Support group", first
assert first["reasons"][0] == "You want emotional support from people who share your experience"
assert sorted({r["group"] for r in j["ranking"]}) == ["cbt", "interpersonal", "process", "psychoeducational", "skills", "support"]
s = j["setting"]
assert keys(s) == ["advice", "readiness", "readiness_max", "comfort", "text", "because"], keys(s)
assert isinstance(s["because"], list) and isinstance(j["changes"], list)
assert s["readiness"] == 1 and s["readiness_max"] == 4 and s["comfort"] == 3
assert s["advice"] in ("group", "combined", "individual_first")
assert j["missing"] == ["feedback", "practice", "mutual"], j["missing"]
'
# shellcheck disable=SC2086
run "$GM" match --format json $EXAMPLE
json_check "without --id the id is null" 'assert j["id"] is None'

# --- safety screen: exit 3 ------------------------------------------------------
run "$GM" match -a crisis=yes
expect_rc "crisis=yes" 3
expect_out "crisis=yes shows a contact for everywhere" "findahelpline.com"
expect_out "crisis=yes says how to pick a region" "--region"
expect_not_out "crisis=yes ranks nothing" "Group types"
expect_not_out "crisis=yes does not speak of options it did not show" "discuss these options"

run "$GM" match --format json -a crisis=yes -a goals=grief
expect_rc "crisis=yes as JSON" 3
json_check "urgent JSON has no ranking and no setting" '
assert keys(j) == ["id", "status", "safety", "ranking", "setting", "changes", "scores", "missing", "message", "catalog"]
assert j["status"] == "urgent" and j["ranking"] == [] and j["setting"] is None and j["changes"] is None
assert j["safety"] == "yes"
assert "findahelpline.com" in j["message"]
'

run "$GM" match --format json -a crisis=Y -a comfort=9 -a focus=nothing
expect_rc "crisis=yes with invalid answers is still urgent" 3
json_check "urgent message leaves the invalid answers out" '
assert j["status"] == "urgent"
assert "invalid" not in j["message"], j["message"]
'
expect_err "the invalid answers go to stderr" "invalid answer to 'comfort'"

run "$GM" match --strict -a crisis=yes
expect_rc "crisis=yes wins over --strict" 3

# --- invalid answers: exit 65 ------------------------------------------------
run "$GM" match -a crisis=no -a comfort=9
expect_rc "comfort=9" 65
expect_err "comfort=9 names the question" "groupmatch: invalid answer to 'comfort': '9' is not in 1-5"
expect_no_out "comfort=9 prints no recommendation"

run "$GM" match --format json -a crisis=no -a comfort=9 -a connect=maybe
expect_rc "invalid answers as JSON" 65
json_check "invalid JSON object carries the message" '
assert keys(j) == ["id", "status", "safety", "ranking", "setting", "changes", "scores", "missing", "message", "catalog"]
assert j["status"] == "invalid" and j["ranking"] == [] and j["setting"] is None and j["changes"] is None
assert j["message"] == "invalid answer to '"'comfort'"': '"'9'"' is not in 1-5 (and 1 more invalid answer)", j["message"]
'

run "$GM" match -a crisis=no -a structure=structurd
expect_rc "misspelt option" 65
expect_err "misspelt option gets a suggestion" "'structurd' is not an option (did you mean 'structured'?)"

run "$GM" match --strict -a crisis=no -a comfort=3
expect_rc "--strict with missing answers" 65
expect_err "--strict names the missing answers" "missing answers to 'goals', 'focus', 'connect', 'feedback', 'practice', 'mutual'"

run "$GM" match --strict -a crisis=no -a goals=1 -a structure=1 -a focus=1 -a comfort=3 \
	-a connect=y -a feedback=y -a practice=y -a mutual=y
expect_rc "--strict with every required answer" 0

# --- answers from a JSON file ------------------------------------------------
cat >"$SCRATCH/answers.json" <<'EOF'
{"crisis": false, "goals": ["life_transition"], "focus": "support",
 "issues": ["grief"], "comfort": 3, "connect": true}
EOF
run "$GM" match --answers "$SCRATCH/answers.json" --format json
expect_rc "--answers FILE" 0
json_check "--answers FILE ranks support first" 'assert j["ranking"][0]["group"] == "support"'
# shellcheck disable=SC2086
"$GM" match $EXAMPLE --format json >"$SCRATCH/flags.json"
printf '%s\n' "$out" >"$SCRATCH/file.json"
expect_same "a JSON file and the same flags agree" "$SCRATCH/flags.json" "$SCRATCH/file.json"

run "$GM" match --answers - --format json <"$SCRATCH/answers.json"
expect_rc "--answers - reads standard input" 0
printf '%s\n' "$out" >"$SCRATCH/stdin.json"
expect_same "standard input and the file agree" "$SCRATCH/file.json" "$SCRATCH/stdin.json"

run "$GM" match --answers "$SCRATCH/answers.json" -a comfort=1 --format json
json_check "-a overrides the file" 'assert j["setting"]["comfort"] == 1'

run "$GM" match -a crisis=no -a issues=grief -a issues=anxiety --format json
json_check "a multi-choice question given twice adds up" '
r = {x["group"]: x for x in j["ranking"]}
assert any("grief" in s for s in r["support"]["reasons"]) and any("anxiety" in s for s in r["cbt"]["reasons"])
'

printf '{"crisis": "no", "comfort": 3, "age": 40, "name": "A"}' >"$SCRATCH/extra.json"
run "$GM" match --answers "$SCRATCH/extra.json"
expect_rc "unknown keys in the answers file" 0
expect_err "unknown keys are named in a warning" "ignored 2 keys that are not questions: 'age', 'name'"
run "$GM" match -q --answers "$SCRATCH/extra.json"
[ -z "$err" ] && ok || fail "-q silences the unknown-keys warning"

printf '{\n  "crisis": "no",\n  "comfort" 3\n}\n' >"$SCRATCH/syntax.json"
run "$GM" match --answers "$SCRATCH/syntax.json"
expect_rc "answers JSON syntax error" 65
expect_err "syntax error gives file:line:column" "syntax.json:3:13: JSON syntax error"

printf '{"crisis": "no", "goals": ["gri' >"$SCRATCH/cut.json"
run "$GM" match --answers "$SCRATCH/cut.json"
expect_rc "cut-short answers JSON" 65
expect_err "cut-short answers JSON is an unexpected end" "cut.json:1:32: unexpected end of JSON"

printf '["grief"]' >"$SCRATCH/array.json"
run "$GM" match --answers "$SCRATCH/array.json"
expect_rc "answers JSON that is not an object" 65
expect_err "answers JSON must be an object" "expected a JSON object of answers"

printf '{"crisis": "no", "comfort": true}' >"$SCRATCH/wrongtype.json"
run "$GM" match --answers "$SCRATCH/wrongtype.json"
expect_rc "boolean for a scale" 65
expect_err "boolean for a scale is named" "invalid answer to 'comfort': expected a number, got a boolean"

python3 -c 'import sys; sys.stdout.write("{\"goals\": " + "[" * 50000 + "]" * 50000 + "}")' >"$SCRATCH/deep.json"
run "$GM" match --answers "$SCRATCH/deep.json"
expect_rc "deeply nested answers JSON is an error, not a crash" 65

run "$GM" match --answers "$SCRATCH/no-such-file.json"
expect_rc "unreadable --answers file" 66
expect_err "unreadable file is named" "groupmatch: cannot open '$SCRATCH/no-such-file.json': No such file or directory"

cp "$SCRATCH/answers.json" "$SCRATCH/locked.json"
chmod 000 "$SCRATCH/locked.json"
if [ ! -r "$SCRATCH/locked.json" ]; then	# root reads it anyway
	run "$GM" match --answers "$SCRATCH/locked.json"
	expect_rc "--answers file without read permission" 66
	expect_err "a file without read permission says why" "Permission denied"
fi

# --- usage errors: exit 64 ---------------------------------------------------
run "$GM" match --bogus -a crisis=no
expect_rc "unknown option" 64
expect_err "unknown option is named" "unknown option '--bogus'"
expect_err "unknown option points to --help" "Try 'groupmatch match --help'"

run "$GM" match --format xml -a crisis=no
expect_rc "bad --format" 64
expect_err "bad --format is named" "--format 'xml' is not text, json or html"

run "$GM" match -a crisis
expect_rc "-a without =" 64
expect_err "-a without = says what is expected" "-a 'crisis': expected QUESTION=VALUE"

run "$GM" match -a =yes
expect_rc "-a with no question" 64

run "$GM" match -a comfrot=3
expect_rc "unknown question" 64
expect_err "unknown question gets a suggestion" "unknown question 'comfrot' (did you mean 'comfort'?)"

for top in 0 -1 abc 2x 99; do
	run "$GM" match --top "$top" -a crisis=no
	expect_rc "--top $top" 64
done
expect_err "bad --top says the range" "--top '99' is not a whole number from 1 to"

run "$GM" match
expect_rc "no answers" 64
expect_err "no answers says how to give them" "no answers"

run "$GM" match -a crisis=no stray
expect_rc "stray argument" 64

run "$GM" match --top 2 -a crisis=no -a focus=support
expect_rc "--top 2" 0
expect_out "--top 2 shows the second group" " 2. "
expect_not_out "--top 2 hides the third" " 3. "

run "$GM" match --help
expect_rc "match --help" 0
expect_out "match --help is on stdout" "usage: groupmatch match"

# --- colour -----------------------------------------------------------------
run "$GM" match --color=always -a crisis=no -a focus=support
expect_out "--color=always colours" $'\033['
run "$GM" match -a crisis=no -a focus=support
expect_not_out "NO_COLOR and a pipe give no colour" $'\033'
run "$GM" match --color=sometimes -a crisis=no
expect_rc "bad --color" 64

# --- catalogues ---------------------------------------------------------------
run "$GM" match --catalog "$CATALOGS/minimal.json" -a crisis=no -a focus=support
expect_rc "--catalog FILE" 0
expect_out "--catalog FILE is used" " 1. Sharing group"

run "$GM" match --catalog "$CATALOGS/unknown-question.json" -a crisis=no
expect_rc "broken --catalog" 78
expect_err "broken --catalog names the problem" "unknown-question.json: groups[2].criteria[1].when.question: unknown question 'foccus' (did you mean 'focus'?)"
expect_no_out "broken --catalog prints nothing on stdout"

run env GROUPMATCH_CATALOG="$CATALOGS/many-mistakes.json" "$GM" match -a crisis=no
expect_rc "broken GROUPMATCH_CATALOG" 78
expect_err "broken GROUPMATCH_CATALOG is counted" "8 problems; the catalogue is not valid"

run env GROUPMATCH_CATALOG="$CATALOGS/many-mistakes.json" "$GM" match --catalog "$CATALOGS/minimal.json" -a crisis=no -a focus=support
expect_rc "--catalog wins over GROUPMATCH_CATALOG" 0

run env GROUPMATCH_CATALOG= "$GM" match -a crisis=no -a focus=support
expect_rc "an empty GROUPMATCH_CATALOG means the built-in one" 0

run "$GM" match --catalog "$SCRATCH/missing.json" -a crisis=no
expect_rc "missing catalogue file" 66
expect_err "missing catalogue file is named" "cannot open catalogue '$SCRATCH/missing.json'"

# --- output errors: exit 74 ---------------------------------------------------
if [ -w /dev/full ]; then
	# shellcheck disable=SC2086
	"$GM" match $EXAMPLE >/dev/full 2>"$SCRATCH/full.err"
	rc=$?
	err=$(cat "$SCRATCH/full.err")
	expect_rc "full disk" 74
	expect_err "full disk is reported" "groupmatch: cannot write output"
	"$GM" match --format json -a crisis=yes >/dev/full 2>/dev/null
	rc=$?
	expect_rc "full disk beats the urgent status" 74
fi
"$GM" match -a crisis=no -a focus=support >&- 2>/dev/null
rc=$?
expect_rc "closed standard output" 74

# --- from an empty directory ------------------------------------------------------
mkdir "$SCRATCH/empty"
(
	cd "$SCRATCH/empty" || exit 1
	# shellcheck disable=SC2086
	env -u GROUPMATCH_CATALOG HOME="$SCRATCH/empty" "$GM" match $EXAMPLE >"$SCRATCH/empty.out" 2>&1
)
rc=$?
out=$(cat "$SCRATCH/empty.out")
expect_rc "match from an empty directory" 0
expect_out "the built-in catalogue is used" " 1. Support group"

# --- golden files: the exact text and JSON --------------------------------------
# A grieving person who wants support (the issue's example), ASCII bars.
# shellcheck disable=SC2086
run env LC_ALL=C COLUMNS=80 "$GM" match $EXAMPLE
expect_golden "golden: support, text" match-support.txt
# shellcheck disable=SC2086
run env LC_ALL=C "$GM" match --format json --id P0000042 $EXAMPLE
expect_golden "golden: support, JSON" match-support.json

# Structured, symptom-focused, panic: every question answered, block bars.
PANIC="-a crisis=no -a goals=symptom_relief;change_patterns -a structure=structured -a focus=education
	-a issues=panic -a comfort=2 -a connect=no -a feedback=no -a practice=yes -a mutual=yes"
# shellcheck disable=SC2086
run env LC_ALL=C.UTF-8 COLUMNS=80 "$GM" match $PANIC
expect_golden "golden: panic, UTF-8 text" match-panic.txt
# shellcheck disable=SC2086
run env LC_ALL=C "$GM" match --format json $PANIC
expect_golden "golden: panic, JSON" match-panic.json

# The safety screen, and an unanswered safety question.
run env LC_ALL=C COLUMNS=80 "$GM" match -a crisis=yes
expect_golden "golden: urgent, text" match-urgent.txt
run env LC_ALL=C COLUMNS=80 "$GM" match --top 3 -a goals=personal_growth -a structure=open_ended \
	-a focus=deep_work -a comfort=5 -a feedback=yes -a mutual=yes
expect_golden "golden: skipped safety question, top 3, text" match-skipped.txt

# The text report fits the width it wraps to, down to 40 columns.
for cols in 40 52 80; do
	run env COLUMNS=$cols LC_ALL=C "$GM" match -a crisis=no -a goals=life_transition -a focus=support \
		-a issues=grief -a comfort=1 -a connect=yes
	widest=$(printf '%s\n' "$out" | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }')
	if [ "$widest" -le "$cols" ]; then ok; else fail "at COLUMNS=$cols a line is $widest wide"; fi
	expect_out "at COLUMNS=$cols the bars are still drawn" "#"
done

finish
