# batch_export.sh - a clinic's spreadsheet export as it really arrives: ';' or
# tab separated, Windows-1252 names, a 'Record ID' header, Yes/Y/TRUE, blank
# cells, Excel quoting and a trailing empty row; --keep, --delimiter,
# --encoding, the invalid UTF-8 warning and the summary as CSV.
. "$(dirname "$0")/lib.sh"

MESSY=$GM_TEST_DATA/batch/messy-export.csv
Q=crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual

# The messy export, scored as docs/clinic.md shows.
run "$GM" batch --encoding cp1252 --keep Name,Clinician "$MESSY"
expect_rc "messy export" 3
expect_golden "messy export rows" batch_messy_export.csv
expect_err "messy export count" "6 records: 3 ok, 1 urgent, 2 invalid, 1 not screened"
expect_out "'Record ID' is the id column" "R-003,Françoise Dupré,Dr. Müller,urgent,yes"
case $err in *"no id column"*|*"unknown column"*) fail "Record ID taken as unknown" ;; *) ok ;; esac
[ "$(printf '%s\n' "$out" | wc -l)" -eq 7 ] && ok || fail "a header and one row per record (6)"
expect_out "the trailing ;;;; row is one invalid row" "line 7: empty record"

# Without --encoding the names are not UTF-8: said once, with line and column.
run "$GM" batch --keep Name "$MESSY"
expect_err "invalid UTF-8 named" "line 2, column 'Name': invalid UTF-8"
expect_err "suggests cp1252" "try --encoding cp1252"
[ "$(printf '%s\n' "$err" | grep -c 'invalid UTF-8')" -eq 1 ] && ok || fail "warned once"
run "$GM" batch --quiet --keep Name "$MESSY"
case $err in *UTF-8*) fail "--quiet still warns about UTF-8" ;; *) ok ;; esac

# latin1 and cp1252 differ above 0x7f only in 0x80-0x9f (cp1252's curly quotes, €).
printf 'id,crisis,goals,note\n\351t\351,no,relationships,\2004 \223ok\224\n' >enc.csv
run "$GM" batch --encoding cp1252 --keep note enc.csv
expect_out "cp1252: id and note converted" "été,€4 “ok”,"
run "$GM" batch --encoding latin1 --keep note enc.csv
expect_out "latin1: id converted" "été,"
run "$GM" batch --encoding utf-8 enc.csv
expect_err "utf-8 input checked" "line 2, column 'id': invalid UTF-8"
run "$GM" batch --encoding utf-16 enc.csv
expect_rc "unknown encoding" 64
expect_err "unknown encoding named" "--encoding 'utf-16' is not utf-8, latin1 or cp1252"
# an answer in another encoding is named too, when it makes the record invalid
printf 'id,crisis,goals\nX1,no,caf\351\n' >answer.csv
run "$GM" batch answer.csv
expect_err "answer cell named" "line 2, column 'goals': invalid UTF-8"

# Delimiters: detected from the header (outside quotes), or forced.
head -n 3 "$GM_TEST_DATA/batch/intake.csv" >comma.csv
tr ',' ';' <comma.csv >semi.csv
tr ',' '\t' <comma.csv >tab.tsv
run "$GM" batch comma.csv
cp .out comma.out
for f in semi.csv tab.tsv; do
	run "$GM" batch "$f"
	expect_rc "$f detected" 0
	printf '%s\n' "$out" >"$f.out"
	expect_same "$f scores as the comma file" comma.out "$f.out"
done
run "$GM" batch --delimiter tab tab.tsv
expect_rc "--delimiter tab" 0
run "$GM" batch --delimiter , tab.tsv
expect_rc "--delimiter , on a tab file" 65
expect_err "forced delimiter: no question columns" "no column names a question"
printf '"a;b",crisis,goals\nX,no,relationships\n' >quoted.csv
run "$GM" batch --id-column 'a;b' quoted.csv
expect_rc "';' inside quotes does not decide" 0
expect_out "quoted header read with commas" "X,ok,no"
run "$GM" batch --delimiter '|' comma.csv
expect_rc "bad --delimiter" 64
expect_err "bad --delimiter named" "--delimiter '|' is not ',', ';' or 'tab'"
tail -n +2 semi.csv >semi-rows.csv
run "$GM" batch --no-header --columns id,$Q,notes --delimiter ';' semi-rows.csv
expect_rc "--no-header with --delimiter" 0
expect_out "--no-header rows scored" "P001,ok"
expect_not_out "--no-header: no header out" "status"

# --keep: after the id, in --keep order, in CSV and in JSON.
run "$GM" batch --keep notes,crisis "$GM_TEST_DATA/batch/intake.csv"
expect_out "--keep header" "id,notes,crisis,status,safety,rank1"
run "$GM" batch --format jsonl --encoding cp1252 --keep Name "$MESSY"
printf '%s\n' "$out" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows[2]["id"] == "R-003" and rows[2]["columns"] == {"Name": "Françoise Dupré"}, rows[2]
assert rows[3]["columns"]["Name"] == "Lee \"Sam\" Park"
' && ok || fail "--keep in jsonl is a columns object"
# a long header (a web form's question text) is kept whole, in the header's spelling
long="Preferred name of the person as written on the referral form"
printf 'id,crisis,"%s"\nA1,no,Ann\n' "$long" >long.csv
run "$GM" batch --keep "preferred name of the person as written on the referral form" long.csv
expect_out "long --keep header whole" "id,$long,status"
expect_out "long --keep value" "A1,Ann,"
run "$GM" batch --keep Nope "$MESSY"
expect_rc "--keep missing column" 64
expect_err "--keep missing named" "no column 'Nope' for --keep"
run "$GM" batch --keep "a,,b" "$MESSY"
expect_rc "--keep empty name" 64

# A 'Record ID' header alone is enough; with no id column ids are 'line N'.
printf 'Record ID,crisis,goals\nA7,yes,relationships\n' >rid.csv
run "$GM" batch rid.csv
expect_out "'Record ID' read as the id" "A7,urgent,yes"
printf 'Patient,crisis,goals\nA7,yes,relationships\n' >noid.csv
run "$GM" batch noid.csv
expect_out "no id: line N" "line 2,urgent,yes"
expect_err "no id column warned, naming what it saw" "Patient"
expect_err "no id column: suggests --id-column" "--id-column"

# The summary as CSV: one row per status, group, top two and setting, then
# one per person on the worklist.
run "$GM" batch --summary --format csv "$GM_TEST_DATA/batch/intake.csv"
expect_rc "summary csv" 3
expect_golden "summary csv" batch_summary.csv
printf '%s\n' "$out" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
sections = {r["section"] for r in rows}
assert sections == {"status", "first_choice", "top_two", "setting", "worklist"}, sections
work = [(r["key"], r["id"]) for r in rows if r["section"] == "worklist"]
assert work == [("urgent", "P003"), ("urgent", "P007"), ("not_screened", "P006"),
                ("invalid", "P004"), ("invalid", "P008")], work
rows = [r for r in rows if r["section"] != "worklist"]
for r in rows:
    if int(r["of"]):
        assert abs(float(r["percent"]) - 100 * int(r["count"]) / int(r["of"])) < 0.06, r
assert sum(int(r["count"]) for r in rows if r["section"] == "first_choice") == int(rows[0]["of"]) - 4
' && ok || fail "summary csv adds up"

# The text summary: top two sorted, settings by name.
run "$GM" batch --summary "$GM_TEST_DATA/batch/intake.csv"
printf '%s\n' "$out" | awk '/^In the top two/ { f = 1; next } f && /^$/ { exit } f { print $NF, $(NF - 1) }' |
	awk 'NR > 1 && $2 > prev { bad = 1 } { prev = $2 } END { exit bad }' && ok || fail "top two not sorted by count"
expect_out "setting named" "Group therapy looks like a good fit"
expect_not_out "no raw setting id" "individual_first"

finish
