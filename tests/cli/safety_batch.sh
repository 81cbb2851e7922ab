# safety_batch.sh - batch never loses, hides or flips a safety answer: missing columns, blank and
# unclear cells, limit breaks, BOMs, checkboxes, --id-column, --map, exit status and the summary.
. "$(dirname "$0")/lib.sh"

good='relationships,support,3,yes'
head='id,crisis,goals,focus,comfort,connect'

# --- no safety column: said up front, every row 'missing' ----------------------
printf 'id,goals,focus\nA,relationships,support\nB,relationships,support\n' >nosafety.csv
run "$GM" batch -q nosafety.csv
expect_rc "no safety column: still scored, and someone needs a call (exit 3)" 3
expect_err "no safety column: warned about even under -q" "no column answers the safety question 'crisis'"
expect_out "no safety column: each row is safety missing" "A,ok,missing,"
expect_out "no safety column: the row says so to staff" "safety question not answered: screen this person"
run "$GM" batch --summary --format json nosafety.csv
expect_out "no safety column: the summary counts them" '"not_screened": 2'
if printf '%s\n' "$out" | python3 -c 'import json, sys; assert json.load(sys.stdin)["not_screened_ids"] == ["A", "B"]'
then ok; else fail "no safety column: the summary lists them"; fi

# --- blank and unclear cells -----------------------------------------------------
{ echo "$head"; echo "B1,,$good"; echo "U1,N/A,$good"; echo "U2,not sure,$good"; echo "Y1,Yes,$good"; } >cells.csv
run "$GM" batch --format jsonl cells.csv
expect_rc "an urgent record exits 3" 3
expect_out "a blank cell is missing, with a message in JSON" '"id":"B1","status":"ok","safety":"missing"'
if printf '%s\n' "$out" | python3 -c '
import json, sys
rows = {r["id"]: r for r in map(json.loads, sys.stdin)}
assert rows["B1"]["message"] and "not answered" in rows["B1"]["message"]
assert rows["U1"]["status"] == "urgent" and rows["U1"]["safety"] == "unclear"
assert rows["U2"]["status"] == "urgent" and rows["U2"]["safety"] == "unclear"
assert rows["Y1"]["safety"] == "yes" and rows["Y1"]["ranking"] == []
for r in rows.values():
    assert "Thank you for answering" not in (r["message"] or ""), "person-facing text in a batch row"
'; then ok; else fail "blank is missing, N/A and not sure are unclear and urgent, rows carry staff text"; fi
run "$GM" batch --summary cells.csv
expect_out "the text summary lists the urgent ids first, each on a line with its note" $'Positive safety screen: contact today for a clinician risk assessment (3):\n  U1: '
expect_out "the text summary lists every urgent id" $'\n  Y1: '
expect_out "the text summary lists the unclear ids" $'(counted as yes) (2):\n  U1, U2'
expect_out "the text summary lists the unscreened ids" $'Not screened: the safety question was not answered (1):\n  B1'

# --- exit 3 means someone needs a call: urgent, review or not screened -----------
{ echo "$head"; echo "N1,no,$good"; echo "B2,,$good"; } >unscreened.csv
for fmt in csv jsonl json; do
	run "$GM" batch -q --format $fmt unscreened.csv
	expect_rc "a batch whose only problem is an unscreened record exits 3 ($fmt)" 3
done
run "$GM" batch -q --summary unscreened.csv
expect_rc "and so does its summary" 3
{ echo "$head,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9"
  echo "R1,no,$good,1,1,1,1,1,1,1,1,1"; echo "N2,no,$good,0,0,0,0,0,0,0,0,0"; } >review.csv
run "$GM" batch -q review.csv
expect_rc "a batch whose only problem is a clinician review exits 3" 3
expect_out "the review row says so" "R1,review,no,"
{ echo "$head"; echo "N3,no,$good"; echo "N4,no,$good"; } >allclear.csv
run "$GM" batch -q allclear.csv
expect_rc "every record ok and screened: exit 0" 0
{ echo "$head"; echo "N5,no,$good"; echo "I5,no,relationships,support,9,yes"; } >invalidonly.csv
run "$GM" batch -q invalidonly.csv
expect_rc "an invalid record and nobody to call: exit 65" 65
{ echo "$head"; echo "B6,,$good"; echo "I6,no,relationships,support,9,yes"; } >unscreenedinvalid.csv
run "$GM" batch -q unscreenedinvalid.csv
expect_rc "an unscreened record outweighs an invalid one: exit 3, not 65" 3

# match exits the same way for one person
base="-a goals=relationships -a focus=support -a comfort=3 -a connect=yes"
run "$GM" match $base
expect_rc "match: the safety question not answered exits 3" 3
expect_err "match: and says why when the output is not a terminal" "the safety question was not answered: ask it before offering a group (exit 3)"
run "$GM" match -a crisis=no $base
expect_rc "match: a no to the safety question exits 0" 0
run "$GM" match -a crisis=no $base -a phq9_9=1
expect_rc "match: a clinician review exits 3" 3
run "$GM" match -a crisis=no -a comfort=9
expect_rc "match: invalid answers with a safety answer exit 65" 65

# --- urgent outweighs invalid in the exit status ----------------------------------
{ echo "$head"; echo "Y,yes,$good"; echo "I,no,relationships,support,9,yes"; } >mixed.csv
run "$GM" batch mixed.csv
expect_rc "urgent and invalid records: exit 3, not 65" 3

# --- limit breaks keep the id and a positive answer -------------------------------
python3 - <<'PY'
import sys
with open("limits.csv", "w") as f:
    f.write("id,crisis,notes,goals\n")
    f.write("L1,yes," + "x" * (1100000) + ",relationships\n")          # a field over 1 MiB
    f.write("L2,yes," + ",".join(["n"] * 10050) + "\n")                 # more than 10,000 fields
    f.write("L3,yes," + ",".join(["y" * 900000] * 3) + "\n")            # a record over 2 MiB
    f.write("L4,no," + "z" * 1100000 + ",relationships\n")              # a no is not trusted
    f.write("L5,unsure,\"" + "q" * (3 << 20) + "\n")                    # a long unterminated quote
PY
run "$GM" batch -q limits.csv
expect_out "a yes with a field over 1 MiB is urgent with its id" "L1,urgent,yes,"
expect_out "a yes with more than 10,000 fields is urgent with its id" "L2,urgent,yes,"
expect_out "a yes in a record over 2 MiB is urgent with its id" "L3,urgent,yes,"
expect_out "a no in a broken record is invalid, with its id" "L4,invalid,missing,"
expect_out "an unsure with a long unterminated quote is urgent with its id" "L5,urgent,unclear,"
expect_out "the broken record's problem is named for staff" "(line 2, column 'notes': field longer than 1048576 bytes)"

# --- headers that must not hide the safety column ---------------------------------
printf '\xef\xbb\xbf\xef\xbb\xbfid,crisis,goals\nB2,yes,relationships\n' >twobom.csv
run "$GM" batch twobom.csv
expect_out "a second byte order mark does not hide the safety column" "B2,urgent,yes,"
printf 'record_id,crisis___1,goals___1\nC1,Checked,1\nC2,Unchecked,1\n' >box.csv
run "$GM" batch box.csv
expect_out "a REDCap checkbox crisis___1 checked is a yes" "C1,urgent,yes,"
expect_out "a REDCap checkbox crisis___1 unchecked is not screened" "C2,ok,missing,"
printf 'record_id,crisis___yes,crisis___no,goals___1\nD1,1,1,1\nD2,0,1,1\nD3,?,0,1\n' >boxes.csv
run "$GM" batch boxes.csv
expect_out "both yes and no boxes checked is unclear" "D1,urgent,unclear,"
expect_out "the no box checked is a no" "D2,ok,no,"
expect_out "an unreadable box of the safety question is unclear" "D3,urgent,unclear,"
{ echo "$head"; echo "E1,yes,$good"; } >idcol.csv
run "$GM" batch --id-column crisis idcol.csv
expect_rc "--id-column naming the safety column is a usage error" 64
expect_err "--id-column naming the safety column says why" "is the safety question's column"

# --- maps cannot turn a yes into a no ---------------------------------------------
printf 'from,to,question\nRisk,crisis,\nyes,no,crisis\n' >flip.csv
printf 'id,Risk,goals\nM1,yes,relationships\n' >risk.csv
run "$GM" batch --map flip.csv risk.csv
expect_rc "a map turning yes into no is refused as a configuration" 78
expect_err "the refusal names the code" "maps 'yes', a yes to the safety question 'crisis', to 'no': refused"
printf 'from,to,question\nRisk,crisis,\nY,yes,crisis\nN,no,crisis\n' >codes.csv
printf 'id,Risk,goals\nM2,Y,relationships\nM3,N,relationships\nM4,?,relationships\n' >coded.csv
run "$GM" batch --map codes.csv coded.csv
expect_out "a mapped yes code is urgent" "M2,urgent,yes,"
expect_out "a mapped no code is no" "M3,ok,no,"
expect_out "an unmapped code of the safety column is unclear" "M4,urgent,unclear,"
printf 'from,to,question\ncrisis,ignore,\n' >ignore.csv
run "$GM" batch --map ignore.csv idcol.csv
expect_rc "a map that ignores the safety column is refused" 78
expect_err "the refusal names the entry" "line 2: maps the column 'crisis', which names the safety item 'crisis', to 'ignore': refused"
finish
