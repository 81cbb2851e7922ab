# batch_redcap.sh - REDCap exports (checkbox columns, record_id, bookkeeping columns) and --map for other exports.
. "$(dirname "$0")/lib.sh"
D=$GM_TEST_DATA/batch

# The same two people as P001 and P002 of intake.csv must score the same.
p001="ok,no,support,88,process,17,interpersonal,6,combined,"
p002="ok,no,psychoeducational,83,cbt,81,skills,50,combined,"
run "$GM" batch "$D/intake.csv"
expect_out "the plain export scores P001 as the REDCap rows are expected to" "P001,$p001"
expect_out "the plain export scores P002 as the REDCap rows are expected to" "P002,$p002"

# --- REDCap -----------------------------------------------------------------

run "$GM" batch "$D/redcap.csv"
expect_rc "a REDCap export with one bad checkbox and a crisis 1 exits 3" 3
expect_out "raw checkbox columns (goals___8 = 1) fold into one answer" $'\n1,'"$p001"
expect_out "label checkbox columns (Checked/Unchecked) fold into one answer" $'\n2,'"$p002"
expect_out "a bad checkbox value names its column" \
	"4,invalid,no,,,,,,,,\"line 5, column 'issues___grief': '2' is not 1 or 0 (checked or unchecked)\""
expect_out "a REDCap crisis 1 is urgent" $'\n5,urgent,yes,'
if [ "$err" = "groupmatch: 5 records: 3 ok, 1 urgent, 1 invalid, 0 not screened" ]; then ok
else fail "redcap_event_name and *_complete are ignored without a warning"; fi

run "$GM" batch --format jsonl "$D/redcap.csv"
if printf '%s\n' "$out" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows[0]["id"] == "1", rows[0]["id"]
assert "goals" in rows[2]["missing"], rows[2]["missing"]
assert "goals" not in rows[0]["missing"]
'; then ok; else fail "no goal checked means goals is unanswered"; fi

printf 'record_id,crisis,issues___99\n1,0,1\n' >badopt.csv
run "$GM" batch badopt.csv
expect_rc "a checkbox column for an unknown option exits 65" 65
expect_err "a checkbox column for an unknown option is named" "checkbox column 'issues___99': '99' is not an option of 'issues'"

printf 'record_id,crisis,issues,issues___3\n1,0,grief,1\n' >both.csv
run "$GM" batch both.csv
expect_rc "a question given as a column and as checkboxes exits 65" 65
expect_err "the clash is named" "both answer 'issues'"

printf 'record_id,crisis,structure___1,structure___2\n1,0,1,1\n2,0,0,1\n' >single.csv
run "$GM" batch --format jsonl single.csv
expect_out "two checked options of a single-choice question are invalid" "line 2: 2 options of 'structure' are checked (at most 1)"
expect_out "one checked option of a single-choice question is its answer" '"id":"2","status":"ok"'

printf 'record_id,crisis,focus___1,focus___2,focus___3,comfort,redcap_repeat_instrument\n1,0,0,0,0,3,\n' >nofocus.csv
run "$GM" batch --format jsonl nofocus.csv
expect_out "unchecked boxes of a question that needs an option leave it unanswered" '"missing":["goals","focus"'

# --- --map ----------------------------------------------------------------------

for map in export-map.csv export-map.json; do
	run "$GM" batch --map "$D/$map" "$D/export.csv"
	expect_rc "$map: a mapped export with a crisis code exits 3" 3
	expect_out "$map: columns and codes map (P001)" "P001,$p001"
	expect_out "$map: several codes in one field map (P002)" "P002,$p002"
	expect_out "$map: a mapped crisis code is urgent" "P003,urgent,yes,"
	if [ "$err" = "groupmatch: 3 records: 2 ok, 1 urgent, 0 invalid, 0 not screened" ]; then ok
	else fail "$map: a column mapped to ignore is not warned about"; fi
done

printf 'PatientID,Q_Crisis,Q_Goals\nP1,J\nP2,N\n' >mapragged.csv
run "$GM" batch --map "$D/export-map.csv" mapragged.csv
expect_out "a mapped crisis code makes even a ragged row urgent" $'\nP1,urgent,yes,'
expect_out "a ragged row without a crisis yes is invalid" $'\nP2,invalid,'

printf 'PatientID,Q_Crisis,Q_Issues___G,Q_Issues___P\nP1,N,1,0\n' >mapbox.csv
run "$GM" batch --format jsonl --map "$D/export-map.csv" mapbox.csv
expect_out "a mapped checkbox column uses the column and code maps" '"id":"P1","status":"ok"'
if printf '%s\n' "$out" | grep -q '"issues"'; then fail "the mapped checkbox answers issues"; else ok; fi

printf 'from,to,question\nQ1,foo,\n' >bad1.csv
run "$GM" batch --map bad1.csv "$D/export.csv"
expect_rc "a map to an unknown question exits 65" 65
expect_err "a map to an unknown question is named" "map 'bad1.csv': line 2: 'foo' is not a question id, 'id' or 'ignore'"
printf 'from,to,question\nX,flying,goals\n' >bad2.csv
run "$GM" batch --map bad2.csv "$D/export.csv"
expect_err "a map to an unknown option is named" "line 2: 'flying' is not an option of 'goals'"
printf 'source,target\n' >bad3.csv
run "$GM" batch --map bad3.csv "$D/export.csv"
expect_err "a map without its header is named" "expected the header from,to or from,to,question"
printf '{"columns": {"A": 3}}' >bad4.json
run "$GM" batch --map bad4.json "$D/export.csv"
expect_rc "a JSON map with a wrong type exits 65" 65
expect_err "a JSON map with a wrong type is named" "columns.A: expected a string"
printf '{"options": {"goals": {"X": "nope"}}}' >bad5.json
run "$GM" batch --map bad5.json "$D/export.csv"
expect_err "a JSON map to an unknown option is named" "options.goals.X: 'nope' is not an option of 'goals'"
run "$GM" batch --map missing.json "$D/export.csv"
expect_rc "an unreadable map exits 66" 66
expect_err "an unreadable map is named" "cannot open 'missing.json'"

finish
