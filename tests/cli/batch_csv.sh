# batch_csv.sh - batch reads every RFC 4180 case end to end, one output row per record, in order.
. "$(dirname "$0")/lib.sh"
D=$GM_TEST_DATA/batch
GEN=$GM_BUILD_DIR/bench/gen_intake
header="id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual"
good="no,life_transition,open_ended,support,grief,3,yes,no,no,yes"

# csv_rows FILE: the number of records in an output CSV, header included.
csv_rows() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' "$1"; }
# csv_col FILE N: column N (0-based) of every record after the header, one per line.
csv_col() {
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
for r in rows[1:]:
    print(r[int(sys.argv[2])].replace("\n", "\\n"))' "$1" "$2"
}
# last_row: the last output row of $out.
last_row() { printf '%s\n' "$out" | tail -n 1; }

# --- the reference file ---------------------------------------------------

run "$GM" batch "$D/intake.csv"
expect_rc "a file with urgent and invalid records exits 3: someone to call comes first" 3
expect_golden "intake.csv scores as expected" batch_intake.csv
expect_err "the count line sums up" "groupmatch: 9 records: 5 ok, 2 urgent, 2 invalid, 1 not screened"
expect_err "an unknown column is warned about" "ignoring 1 unknown column: 'notes'"
printf '%s\n' "$out" >ref.csv
expect_out "the header is exactly the documented one" \
	"id,status,safety,rank1,rank1_percent,rank2,rank2_percent,rank3,rank3_percent,setting,message"
expect_out "a grieving person who wants support gets support first" "P001,ok,no,support,"
expect_out "a bad scale value names line, column and problem" \
	"P004,invalid,no,,,,,,,,\"line 6, column 'comfort': '9' is not in 1-5\""
expect_out "lines are physical: a quoted newline counts" "line 6, column"
expect_out "a crisis yes is urgent" "P003,urgent,yes,"
expect_out "a crisis yes is urgent even with invalid answers" "P007,urgent,yes,"
expect_out "urgent names the invalid answers" "(invalid answers to 'comfort')"
expect_out "a ragged row is an invalid row" "P008,invalid,missing,,,,,,,,line 10: 3 fields where the header has 12"
expect_out "labels, numbers and yes/no forms are accepted" "P009,ok,no,interpersonal,"
expect_out "a skipped safety question is said in the message" "P006,ok,missing,skills,"
expect_out "the skipped safety message is there, for staff" "safety question not answered: screen this person"
if [ "$(csv_col ref.csv 0 | tr '\n' ' ')" = "P001 P002 P003 P004 P005 P006 P007 P008 P009 " ]; then ok
else fail "records come out in input order"; fi

# --- line ends, byte order mark, blank lines --------------------------------

sed 's/$/\r/' "$D/intake.csv" >crlf.csv
run "$GM" batch crlf.csv
printf '%s\n' "$out" >crlf.out
expect_same "CRLF line ends give the same output as LF" ref.csv crlf.out

printf '\357\273\277' >bom.csv
cat "$D/intake.csv" >>bom.csv
run "$GM" batch bom.csv
printf '%s\n' "$out" >bom.out
expect_same "a UTF-8 byte order mark is skipped" ref.csv bom.out

head -c -1 "$D/intake.csv" >nofinal.csv
run "$GM" batch nofinal.csv
printf '%s\n' "$out" >nofinal.out
expect_same "a last record without a newline is read" ref.csv nofinal.out

{ printf '%s\n\n' "$header"; printf 'B1,%s\n\r\n\n' "$good"; printf 'B2,%s,9\n' "$good"; } >blank.csv
run "$GM" batch blank.csv
expect_rc "blank lines are not records" 65
if [ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ]; then ok; else fail "blank lines make no rows"; fi
expect_out "line numbers count blank lines" "line 6: 12 fields where the header has 11"

# --- broken records ---------------------------------------------------------

{ printf '%s\n' "$header"; printf 'U1,%s\n' "$good"; printf 'U2,no,"life_transition,open_ended\n'; } >unterminated.csv
run "$GM" batch unterminated.csv
expect_rc "an unterminated quote at the end exits 65" 65
expect_out "the record before it is scored" "U1,ok,no,support,"
expect_out "an unterminated quote is an invalid row" "U2,invalid,missing,,,,,,,,line 3: unterminated quoted field"

{ printf '%s\n' "$header"; printf 'Q1,no,"life_transition"x,open_ended,support,grief,3,yes,no,no,yes\n'; printf 'Q2,%s\n' "$good"; } >afterquote.csv
run "$GM" batch afterquote.csv
expect_out "text after a closing quote is an invalid row" \
	"Q1,invalid,missing,,,,,,,,\"line 2, column 'goals': unexpected text after a closing quote\""
expect_out "the reader goes on after it" "Q2,ok,no,support,"

{ printf '%s\n' "$header"; printf 'N1,no,life\0transition,open_ended,support,grief,3,yes,no,no,yes\n'; printf 'N2,%s\n' "$good"; } >nul.csv
run "$GM" batch nul.csv
expect_rc "a NUL byte is a bad value, not a crash" 65
expect_out "a NUL byte is shown as ?" "column 'goals': 'life?transition' is not an option"
expect_out "records after a NUL byte are read" "N2,ok,no,support,"

{ printf '%s\n' "$header"; printf 'X1,no,life_transition,open_ended,support,gri\377ef,3,yes,no,no,yes\n'; } >utf8.csv
run "$GM" batch utf8.csv
expect_out "invalid UTF-8 is shown as ?" "column 'issues': 'gri?ef' is not an option"

{ printf '%s\n' "$header"; printf 'L1,no,"'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '",open_ended,support,grief,3,yes,no,no,yes\n'; printf 'L2,%s\n' "$good"; } >long.csv
run "$GM" batch long.csv
expect_rc "a 10 MB field exits 65" 65
expect_out "a 10 MB field is an invalid row naming its column" \
	",invalid,missing,,,,,,,,\"line 2, column 'goals': field longer than 1048576 bytes\""
expect_out "the record after a 10 MB field is scored" "L2,ok,no,support,"
if [ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ]; then ok; else fail "a 10 MB field gives one row"; fi
{ printf '%s\n' "$header"; printf 'R1'; for i in 1 2 3; do printf ',"'; head -c 900000 /dev/zero | tr '\0' 'a'; printf '"'; done; printf '\n'; } >record.csv
run "$GM" batch record.csv
expect_out "a record over 2 MiB of fields under 1 MiB is an invalid row" ",invalid,missing,,,,,,,,line 2: record longer than 2097152 bytes"

{ printf '%s\n' "$header"; printf 'W1'; head -c 100000 /dev/zero | tr '\0' ','; printf '\nW2,%s\n' "$good"; } >wide.csv
run "$GM" batch wide.csv
expect_out "100,000 columns in a record is an invalid row" ",invalid,missing,,,,,,,,line 2: more than 10000 fields"
expect_out "the record after 100,000 columns is scored" "W2,ok,no,support,"

{ printf 'id'; head -c 100000 /dev/zero | tr '\0' ','; printf '\n'; } >wideheader.csv
run "$GM" batch wideheader.csv
expect_rc "a header of 100,000 columns exits 65" 65
expect_err "a header of 100,000 columns is reported" "the header row is not valid: line 1: more than 10000 fields"

: >empty.csv
run "$GM" batch empty.csv
expect_rc "an empty file exits 65" 65
expect_err "an empty file is reported" "'empty.csv' is empty: expected a header row"
expect_no_out "an empty file writes nothing"

printf '%s\r\n' "$header" >headeronly.csv
run "$GM" batch headeronly.csv
expect_rc "a header only is an error, never 0 records and exit 0" 65
expect_no_out "a header only writes nothing"
expect_err "a header only says there is no record" "'headeronly.csv': no record to score"

# --- quoting on the way out -------------------------------------------------

{ printf '%s\n' "$header"; printf '"a ""quoted"", id",%s\n' "$good"; printf '"two\nline id",%s\n' "$good"; } >ids.csv
run "$GM" batch ids.csv
printf '%s\n' "$out" >ids.out
if [ "$(csv_col ids.out 0)" = 'a "quoted", id
two\nline id' ]; then ok; else fail "ids with commas, quotes and newlines are quoted on output"; fi
if [ "$(csv_col ids.out 1 | tr '\n' ' ')" = "ok ok " ]; then ok; else fail "quoted ids still score"; fi

# --- N records in, N rows out, in order ---------------------------------------

if [ -x "$GEN" ]; then
	"$GEN" -n 20000 -s 7 >gen.csv
	run "$GM" batch gen.csv -o gen.out
	if [ "$(csv_rows gen.out)" = 20001 ]; then ok; else fail "20000 records give 20000 rows"; fi
	tail -n +2 gen.csv | cut -d, -f1 >in.ids
	csv_col gen.out 0 >out.ids
	expect_same "output ids follow input ids" in.ids out.ids
	expect_err "the count line agrees" "groupmatch: 20000 records:"
	run "$GM" batch --format jsonl gen.csv
	if [ "$(printf '%s\n' "$out" | wc -l)" = 20000 ]; then ok; else fail "20000 records give 20000 JSON lines"; fi
else
	fail "gen_intake was not built at $GEN"
fi

finish
