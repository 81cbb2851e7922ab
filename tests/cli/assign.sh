# assign.sh - assign: the roster and summary of the example in docs/clinic.md, bad offerings, options and output files.
. "$(dirname "$0")/lib.sh"
EX=$GM_SOURCE_DIR/examples/assign
export LC_ALL=C	# ASCII bars, so the golden files do not depend on the locale

run "$GM" assign --offerings "$EX/offerings.json" "$EX/intake.csv"
expect_rc "an intake with an urgent record exits 3" 3
expect_golden "the roster of the example in docs/clinic.md" assign_roster.csv
expect_err "the count line says what happened" "18 records: 15 placed, 1 waitlist, 1 urgent, 1 invalid"
printf '%s\n' "$out" >roster.csv

# Every invariant, checked from the files themselves.
if python3 - "$EX/offerings.json" "$EX/intake.csv" roster.csv <<'EOF'
import csv, json, sys
offs = {o["id"]: o for o in json.load(open(sys.argv[1]))["offerings"]}
intake = list(csv.DictReader(open(sys.argv[2])))
rows = list(csv.DictReader(open(sys.argv[3])))
assert [r["id"] for r in rows] == [r["id"] for r in intake], "one row per record, in order"
used = {}
for person, row in zip(intake, rows):
    if row["status"] != "placed":
        assert row["offering"] == "", row
        continue
    o = offs[row["offering"]]
    used[o["id"]] = used.get(o["id"], 0) + 1
    assert o["type"] == row["type"], row
    tags = set(o.get("tags", []))
    avail = {t.strip() for t in person["available"].split(";") if t.strip()}
    assert not tags or not avail or tags & avail, ("not available", row)
    cond = o.get("eligible")
    if cond:
        issues = set(person["issues"].split(","))
        assert issues & set(cond["any"]), ("not eligible", row)
    assert person["crisis"] == "no", row
for k, n in used.items():
    assert n <= offs[k]["seats"], (k, n)
st = {r["id"]: r["status"] for r in rows}
assert st["P04"] == "urgent" and st["P14"] == "invalid", st
assert st["P10"] == "waitlist", st
EOF
then ok; else fail "the roster keeps seats, eligibility, availability and the safety screen"; fi

run "$GM" assign --offerings "$EX/offerings.json" "$EX/intake.csv"
printf '%s\n' "$out" >again.csv
expect_same "two runs give the same roster" roster.csv again.csv

run "$GM" assign --offerings "$EX/offerings.json" --summary "$EX/intake.csv"
expect_rc "the summary exits as the rows do" 3
expect_golden "the text summary of the example in docs/clinic.md" assign_summary.txt
expect_out "the summary marks a group below its minimum" "below minimum (3)"
expect_out "the summary lists urgent records by id, first" $'Positive safety screen: contact today for a clinician risk assessment (1):\n  P04: '
expect_out "the summary names the invalid record and why" $'(fix the record and run it again) (1):\n  P14: line 15, column '
expect_out "the summary ends with the reminder" "discuss these options with a mental"

run "$GM" assign --offerings "$EX/offerings.json" --summary --close-small "$EX/intake.csv"
expect_out "--close-small closes the group below its minimum" "closed (minimum 3)"
expect_not_out "--close-small leaves no open group below its minimum" "below minimum"
if [ "$(printf '%s\n' "$out" | awk '{ if (length($0) > 80) n++ } END { print n + 0 }')" = 0 ]; then ok
else fail "the text summary fits in 80 columns"; fi

run "$GM" assign --offerings "$EX/offerings.json" --summary --format json "$EX/intake.csv"
printf '%s\n' "$out" >summary.json
if python3 - summary.json roster.csv <<'EOF'
import csv, json, sys
s = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert list(s) == ["records", "placed", "waitlist", "total_fit", "offerings", "waitlist_by_type", "follow_up",
                   "worklist"], list(s)
assert s["records"] == len(rows)
assert s["placed"] == sum(r["status"] == "placed" for r in rows)
assert s["total_fit"] == sum(int(r["percent"]) for r in rows if r["status"] == "placed")
for o in s["offerings"]:
    assert o["filled"] == sum(r["offering"] == o["offering"] for r in rows), o
assert s["follow_up"] == {"urgent": ["P04"], "invalid": ["P14"]}, s["follow_up"]
wl = s["worklist"]
assert [p["id"] for p in wl["urgent"]] == ["P04"] and [p["id"] for p in wl["invalid"]] == ["P14"], wl
assert "goals" in wl["invalid"][0]["note"], wl["invalid"]
assert wl["review"] == wl["not_screened"] == wl["unclear"] == [], wl
w = {x["type"]: x["waitlist"] for x in s["waitlist_by_type"]}
assert sum(w.values()) == s["waitlist"] == sum(r["status"] == "waitlist" for r in rows)
EOF
then ok; else fail "the JSON summary agrees with the rows"; fi

run "$GM" assign --offerings "$EX/offerings.json" --summary --format csv "$EX/intake.csv"
expect_out "the CSV summary has its header" "offering,type,name,schedule,seats,min_size,filled,below_min,closed,mean_fit,waitlist,seats_to_clear"
expect_out "the CSV summary has a row per offering" "relate-fri,interpersonal,Relationships group"
printf '%s\n' "$out" >summary.csv
if python3 - summary.csv <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][-3:] == ["list", "id", "note"], rows[0]
assert all(len(r) == len(rows[0]) for r in rows), [r for r in rows if len(r) != len(rows[0])]
work = [r[-3:] for r in rows[1:] if r[-3]]
assert [w[:2] for w in work] == [["urgent", "P04"], ["invalid", "P14"]], work
assert "goals" in work[1][2], work
EOF
then ok; else fail "the CSV summary names who to follow up, with the reason"; fi

run "$GM" assign --offerings "$EX/offerings.json" --format jsonl "$EX/intake.csv"
if [ "$(printf '%s\n' "$out" | wc -l)" = 18 ] &&
	printf '%s\n' "$out" | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]'; then
	ok
else
	fail "jsonl gives one JSON object per record"
fi

# -o is atomic and never the input.
run "$GM" assign --offerings "$EX/offerings.json" -o out.csv "$EX/intake.csv"
expect_no_out "-o leaves stdout empty"
expect_same "-o writes the roster" roster.csv out.csv
cp "$EX/intake.csv" intake.csv
run "$GM" assign --offerings "$EX/offerings.json" -o intake.csv intake.csv
expect_rc "-o naming the intake is refused" 64
expect_same "the intake is left alone" "$EX/intake.csv" intake.csv
run "$GM" assign --offerings "$EX/offerings.json" -o no/such/dir/out.csv "$EX/intake.csv"
expect_rc "an output that cannot be created exits 73" 73
expect_err "the output error names the file" "cannot create 'no/such/dir/out.csv'"

# Usage and files.
run "$GM" assign "$EX/intake.csv"
expect_rc "assign without --offerings is a usage error" 64
expect_err "the usage error says what is missing" "assign needs --offerings FILE"
run "$GM" assign --offerings nosuch.json "$EX/intake.csv"
expect_rc "a missing offerings file exits 66" 66
expect_err "the missing file is named" "cannot open 'nosuch.json'"
run "$GM" assign --offerings "$EX/offerings.json" nosuch.csv
expect_rc "a missing intake exits 66" 66
run "$GM" assign --offerings "$EX/offerings.json" --format html "$EX/intake.csv"
expect_rc "an unknown format is a usage error" 64
run "$GM" assign --offerings "$EX/offerings.json" --summary --format jsonl "$EX/intake.csv"
expect_rc "jsonl is not a summary format" 64
run "$GM" assign --help
expect_rc "--help exits 0" 0
expect_out "--help lists --close-small" "--close-small"

# Bad offerings files: every problem, with its path, exit 78.
offer() { printf '{"offerings": [%s]}\n' "$1" >bad.json; }
offer '{"id": "a", "type": "suport", "name": "A", "seats": 8}'
run "$GM" assign --offerings bad.json "$EX/intake.csv"
expect_rc "an unknown type exits 78" 78
expect_err "an unknown type gets a suggestion" "bad.json: offerings[0].type: unknown group type 'suport' (did you mean 'support'?)"
offer '{"id": "a", "type": "cbt", "name": "A", "seats": -3}, {"id": "a", "type": "cbt", "name": "B", "seats": 0}'
run "$GM" assign --offerings bad.json "$EX/intake.csv"
expect_rc "negative and zero seats exit 78" 78
expect_err "negative seats are refused" "offerings[0].seats: -3 is out of range 1..100000"
expect_err "zero seats are refused" "offerings[1].seats: 0 is out of range 1..100000"
expect_err "a duplicate id is refused" "offerings[1].id: duplicate offering id 'a'"
expect_err "the problems are counted" "3 problems; the offerings are not valid"
offer '{"id": "a", "type": "cbt", "name": "A", "seats": 4, "eligible": {"question": "issues", "any": ["grif"]}}'
run "$GM" assign --offerings bad.json "$EX/intake.csv"
expect_rc "a bad condition exits 78" 78
expect_err "a bad condition is placed by path" "offerings[0].eligible.any[0]: unknown option 'grif' of question 'issues' (did you mean 'grief'?)"
offer ''
run "$GM" assign --offerings bad.json "$EX/intake.csv"
expect_rc "zero offerings exit 78" 78
expect_err "zero offerings are explained" "offerings: 0 offerings, expected 1 to 2000"
offer '{"id": "a", "type": "cbt", "name": "A", "seats": 4, "eligible": {"question": "issues", "any": ["\u001b[2J"]}}'
run "$GM" assign --offerings bad.json "$EX/intake.csv"
case $err in *$'\033'*) fail "an offerings error keeps an escape byte of the file" ;; *) ok ;; esac
expect_err "an offerings error shows control bytes as '?'" "unknown option '?[2J' of question 'issues'"
printf '{"offerings": [\n  {"id": "a",}\n]}\n' >bad.json
run "$GM" assign --offerings bad.json "$EX/intake.csv"
expect_rc "a syntax error exits 78" 78
expect_err "a syntax error is placed by line and column" "bad.json:2:"

# Availability: tags no offering has are a warning; blank means any.
printf 'id,crisis,goals,focus,issues,comfort,available\nA1,no,life_transition,support,grief,3,weekend\nA2,no,life_transition,support,grief,3,\n' >avail.csv
run "$GM" assign --offerings "$EX/offerings.json" avail.csv
expect_rc "an intake with only ok records exits 0" 0
expect_err "unknown tags are a warning naming them" "warning: 'avail.csv': column 'available' names tags that no offering has: 'weekend' (1)"
expect_out "a person free only at unknown times waits as not available" "A1,waitlist,,support,"
expect_out "a blank availability means any" "A2,placed,grief-online"
sed 's/available/slots/' avail.csv >slots.csv
run "$GM" assign --offerings "$EX/offerings.json" --available-column slots slots.csv
expect_out "--available-column names the column" "A1,waitlist,,support,"
run "$GM" assign -q --offerings "$EX/offerings.json" avail.csv
expect_err "-q silences the warning" ""
if [ -z "$err" ]; then ok; else fail "-q leaves stderr empty"; fi

# An unanswered safety question is said in the row and the summary.
printf 'id,crisis,goals,focus,issues,comfort,available\nS1,,life_transition,support,grief,3,\nS2,no,life_transition,support,grief,3,\n' >nosafety.csv
run "$GM" assign --offerings "$EX/offerings.json" nosafety.csv
if printf '%s\n' "$out" | grep -q '^S1,placed,grief-online,.*,safety question not answered: screen this person'; then ok
else fail "a placed row without a safety answer says so"; fi
if printf '%s\n' "$out" | grep -q '^S2,placed,grief-online,[a-z]*,[0-9]*,1,,$'; then ok
else fail "a row with a safety answer has no such note"; fi
run "$GM" assign --offerings "$EX/offerings.json" --summary nosafety.csv
expect_rc "an unscreened record needs a call: exit 3" 3
expect_out "the summary lists records without a safety answer" $'Not screened: the safety question was not answered (1):\n  S1\n'
run "$GM" assign -q --offerings "$EX/offerings.json" nosafety.csv
expect_rc "and so do its rows: exit 3" 3
run "$GM" assign --offerings "$EX/offerings.json" --summary --format json nosafety.csv
expect_out "the JSON summary lists records without a safety answer" '"safety_missing": ['

# A tag with terminal control bytes is shown safely in the warning.
printf 'id,crisis,goals,focus,issues,comfort,available\nE1,no,life_transition,support,grief,3,"x\033]0;owned\007y"\n' >esc.csv
run "$GM" assign --offerings "$EX/offerings.json" esc.csv
case $err in *$'\033'*) fail "the warning keeps an escape byte of the intake" ;; *) ok ;; esac
expect_err "the warning shows control bytes as '?'" "'x?]0' (1), 'owned?y' (1)"

printf 'id,crisis,goals\n"U\033[2J",yes,life_transition\n' >escid.csv
run "$GM" assign --offerings "$EX/offerings.json" --summary escid.csv
case $out in *$'\033'*) fail "the text summary keeps an escape byte of an id" ;; *) ok ;; esac
expect_out "the text summary shows an id's control bytes as '?'" $'\n  U?[2J: '
printf 'id,crisis,goals,focus,issues,comfort,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9\nV1,no,life_transition,support,grief,3,1,1,1,1,1,1,1,1,1\nV2,no,life_transition,support,grief,3,1,2,,,,,,,\n' >review.csv
run "$GM" assign -q --offerings "$EX/offerings.json" --summary review.csv
expect_rc "a clinician review needs a call: exit 3" 3
expect_out "the summary names the review and its trigger" $'for a clinician to talk with them soon (2):\n  V1: PHQ-9 item 9'
expect_out "the summary names the incomplete screener" $'(ask the rest) (1):\n  V2: PHQ-9'
run "$GM" assign -q --offerings "$EX/offerings.json" --summary --format html review.csv
expect_out "the roster page names the review" '<span class="id">V1</span>'
expect_out "the roster page names the incomplete screener" '<span class="id">V2</span>'

# A ragged row is invalid, but keeps a positive safety answer.
printf 'id,crisis,goals,issues\nR1,yes,symptom_relief,panic,extra\nR2,no,symptom_relief\n' >ragged.csv
run "$GM" assign --offerings "$EX/offerings.json" ragged.csv
expect_rc "a ragged urgent row makes the run exit 3" 3
expect_out "a ragged row with a positive safety answer stays urgent" "R1,urgent"
expect_out "a ragged row is invalid with its line" "R2,invalid,,,,,,line 3: 3 fields where the header has 4"

# The intake is read as batch reads it: every record gets the status batch
# gives it (ok becoming placed or waitlist), REDCap exports and --map too.
same_statuses() {
	local name=$1
	shift
	"$GM" batch -q "$@" >batch.csv
	"$GM" assign -q --offerings "$EX/offerings.json" "$@" >assign.csv
	if python3 - batch.csv assign.csv <<'EOF2'
import csv, sys
b = list(csv.DictReader(open(sys.argv[1])))
a = list(csv.DictReader(open(sys.argv[2])))
assert [r["id"] for r in b] == [r["id"] for r in a], "the same records"
for x, y in zip(b, a):
    want = {"ok": ("placed", "waitlist")}.get(x["status"], (x["status"],))
    assert y["status"] in want, (x["id"], x["status"], y["status"])
    if x["status"] == "ok" and y["status"] == "waitlist":
        assert y["type"] == x["rank1"], (x, y)
    if x["status"] == "invalid":
        assert y["message"] == x["message"], (x["message"], y["message"])
EOF2
	then ok; else fail "$name"; fi
}
same_statuses "assign reads the batch test intake as batch does" "$GM_TEST_DATA/batch/intake.csv"
same_statuses "assign reads REDCap checkbox columns as batch does" "$GM_TEST_DATA/batch/redcap.csv"
same_statuses "assign reads an export through --map as batch does" --map "$GM_TEST_DATA/batch/export-map.csv" "$GM_TEST_DATA/batch/export.csv"
run "$GM" assign --offerings "$EX/offerings.json" "$GM_TEST_DATA/batch/redcap.csv"
expect_out "a bad checkbox value names its column" "line 5, column 'issues___grief': '2' is not 1 or 0 (checked or unchecked)"
if [ "$err" = "groupmatch: 5 records: 3 placed, 0 waitlist, 1 urgent, 1 invalid" ]; then ok
else fail "REDCap bookkeeping columns are ignored without a warning"; fi

# The man pages document every option of assign and the offerings format.
if command -v groff >/dev/null 2>&1; then
	page=$(groff -man -Tascii -P-cbou "$GM_SOURCE_DIR/man/groupmatch.1" 2>/dev/null)
	for o in $("$GM" assign --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		if printf '%s\n' "$page" | grep -qe "$o"; then ok; else fail "groupmatch.1 lacks assign $o"; fi
	done
	if printf '%s\n' "$page" | grep -qE "^   assign( |\$)"; then ok; else fail "groupmatch.1 describes assign"; fi
	page5=$(groff -man -Tascii -P-cbou "$GM_SOURCE_DIR/man/groupmatch-catalog.5" 2>/dev/null)
	for key in offerings seats min_size tags eligible schedule; do
		if printf '%s\n' "$page5" | grep -qw -- "$key"; then ok; else fail "groupmatch-catalog.5 lacks '$key'"; fi
	done
fi

# The bash completion knows the command, its options and its formats.
# shellcheck source=/dev/null
. "$GM_SOURCE_DIR/completion/groupmatch.bash"
complete_words() {
	COMP_WORDS=("$GM" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_groupmatch 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}"
}
if complete_words "" | grep -qx assign; then ok; else fail "the completion offers assign"; fi
if complete_words assign --c | grep -qx -- --close-small; then ok; else fail "the completion offers --close-small"; fi
if complete_words assign --format "" | grep -qx jsonl; then ok; else fail "the completion offers assign's formats"; fi

finish
