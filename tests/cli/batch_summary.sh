# batch_summary.sh - batch --summary: the capacity-planning counts as a text table and as JSON.
. "$(dirname "$0")/lib.sh"
D=$GM_TEST_DATA/batch
GEN=$GM_BUILD_DIR/bench/gen_intake

export LC_ALL=C	# ASCII bars, so the golden file does not depend on the locale

run "$GM" batch --summary "$D/intake.csv"
expect_rc "a summary over urgent and invalid records exits 3" 3
expect_golden "the text summary of intake.csv" batch_summary.txt
expect_out "the text summary counts the records" "Status of 9 records"
expect_out "the text summary draws bars" "###"
expect_out "the text summary lists who to call first, with the staff note" $'Positive safety screen: contact today for a clinician risk assessment (2):\n  P003: positive safety screen'
expect_out "the text summary names each invalid record and why" $'(2):\n  P004: line 6, column \'comfort\': \'9\' is not in 1-5\n  P008: line 10: 3 fields where the header has 12'
expect_out "the text summary lists who was not screened" $'Not screened: the safety question was not answered (1):\n  P006'
expect_out "the text summary counts the unscreened" "not screened"
expect_out "the text summary ends with the reminder" "discuss these options with a mental"
expect_not_out "the text summary has no rows" "P001"

run "$GM" batch --summary --format json "$D/intake.csv"
printf '%s\n' "$out" >summary.json
if python3 - summary.json <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
assert list(s) == ["records", "ok", "urgent", "invalid", "groups", "settings", "unclear",
                   "not_screened", "urgent_ids", "unclear_ids", "not_screened_ids", "review", "review_ids",
                   "incomplete_screener", "worklist", "scores", "catalog"], list(s)
assert (s["records"], s["ok"], s["urgent"], s["invalid"]) == (9, 5, 2, 2)
assert (s["unclear"], s["not_screened"]) == (0, 1)
assert s["urgent_ids"] == ["P003", "P007"] and s["not_screened_ids"] == ["P006"], s
g = {x["group"]: x for x in s["groups"]}
assert list(g) == ["psychoeducational", "support", "process", "cbt", "skills", "interpersonal"]
assert g["support"]["first_choice"] == 1 and g["process"]["top_two"] == 3, g
assert sum(x["first_choice"] for x in s["groups"]) == s["ok"]
# a group with no evidence for it fills no place in the top two
assert s["ok"] <= sum(x["top_two"] for x in s["groups"]) <= 2 * s["ok"]
assert s["settings"] == {"group": 2, "combined": 3, "individual_first": 0}, s["settings"]
w = s["worklist"]
assert list(w) == ["urgent", "unclear", "review", "not_screened", "invalid", "incomplete_screener"], list(w)
assert [p["id"] for p in w["invalid"]] == ["P004", "P008"], w["invalid"]
assert w["invalid"][1] == {"id": "P008", "line": 10, "note": "line 10: 3 fields where the header has 12"}, w["invalid"][1]
assert w["not_screened"] == [{"id": "P006", "line": 8, "note": None}], w["not_screened"]
assert w["urgent"][0]["note"].startswith("positive safety screen"), w["urgent"]
EOF
then ok; else fail "the JSON summary has the counts of intake.csv"; fi

run "$GM" batch --summary --format jsonl "$D/intake.csv"
if [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]; then ok; else fail "the jsonl summary is one line"; fi

# --- the worklist: every person named in every format, with the --keep columns ------
good='relationships,support,3,yes'
python3 - "$good" <<'PY'
import sys
good = sys.argv[1]
with open("many.csv", "w") as f:
    f.write("id,Name,Phone,crisis,goals,focus,comfort,connect,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9\n")
    f.write("A" * 10240 + ",Al Long,555-0101,yes," + good + ",,,,,,,,,\n")   # two 10 kB ids
    f.write("B" * 10240 + ",Bo Long,555-0102,yes," + good + ",,,,,,,,,\n")
    for i in range(50):
        f.write("urgent-%02d,Kim %d,555-02%02d,yes,%s,,,,,,,,,\n" % (i, i, i, good))
    f.write("unclear-1,Cy,555-0301,not sure,%s,,,,,,,,,\n" % good)
    f.write("review-1,Ro,555-0302,no,%s,1,1,1,1,1,1,1,1,1\n" % good)
    f.write("unscreened-1,Sy,555-0303,,%s,,,,,,,,,\n" % good)
    f.write("invalid-1,Iv,555-0304,no,relationships,support,9,yes,,,,,,,,,\n")
    f.write("incomplete-1,Ina,555-0305,no,%s,1,2,1,,,,,,\n" % good)
    f.write("ok-1,Ok,555-0306,no,%s,0,0,0,0,0,0,0,0,0\n" % good)
PY
# every short id, the start of each long one (cut, not whole), each list, a kept cell
everyone() {
	for i in $(seq -w 0 49); do expect_out "$1: urgent-$i is named" "urgent-$i"; done
	expect_out "$1: the first long id is named" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	expect_out "$1: the second long id is named" "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
	expect_not_out "$1: a long id is cut" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	expect_not_out "$1: nobody is only a count" " more"
	for who in unclear-1 review-1 unscreened-1 invalid-1 incomplete-1; do
		expect_out "$1: $who is named" "$who"
	done
	expect_out "$1: the kept name is beside the id" "Kim 49"
	expect_out "$1: the kept phone is beside the id" "555-0249"
	expect_out "$1: the review's kept phone is there" "555-0302"
	expect_out "$1: the invalid record's kept name is there" "Iv"
	expect_not_out "$1: an ok record is on no list" "555-0306"
}
run "$GM" batch -q --summary --keep Name,Phone many.csv
expect_rc "many to call: exit 3" 3
everyone text
expect_out "text: one person a line, kept columns and note" $'\n  urgent-49 (Kim 49, 555-0249): positive safety screen'
expect_out "text: the long id ends in an ellipsis" "AAAA… (Al Long,"
expect_out "text: the review's trigger" "review-1 (Ro, 555-0302): PHQ-9 item 9"
expect_out "text: the incomplete screener and how much of it" "incomplete-1 (Ina, 555-0305): PHQ-9 (depression): 3 of 9 items answered"
expect_out "text: the unclear list" $'(counted as yes) (1):\n  unclear-1 (Cy, 555-0301)\n'
run "$GM" batch -q --summary --format json --keep Name,Phone many.csv
everyone json
if printf '%s\n' "$out" | python3 -c '
import json, sys
s = json.load(sys.stdin)
w = s["worklist"]
assert len(w["urgent"]) == 53 == s["urgent"] and len(s["urgent_ids"]) == 53, len(w["urgent"])
assert "urgent_ids_more" not in s
assert w["urgent"][2] == {"id": "urgent-00", "line": 4, "note": w["urgent"][2]["note"],
                          "columns": {"Name": "Kim 0", "Phone": "555-0200"}}, w["urgent"][2]
first = w["urgent"][0]["id"]
assert first.endswith("\u2026") and len(first.encode()) <= 64 and first.startswith("AAAA"), first
assert [p["id"] for p in w["unclear"]] == ["unclear-1"]
assert w["review"][0]["id"] == "review-1" and "PHQ-9 item 9" in w["review"][0]["note"], w["review"]
assert w["not_screened"][0]["columns"] == {"Name": "Sy", "Phone": "555-0303"}, w["not_screened"]
assert w["invalid"][0]["id"] == "invalid-1" and "comfort" in w["invalid"][0]["note"], w["invalid"]
assert w["incomplete_screener"][0]["note"] == "PHQ-9 (depression): 3 of 9 items answered", w["incomplete_screener"]
assert s["incomplete_screener"] == 1
'; then ok; else fail "json: every list, each person with line, note and kept columns"; fi
run "$GM" batch -q --summary --format csv --keep Name,Phone many.csv
everyone csv
printf '%s\n' "$out" >many-summary.csv
if python3 - many-summary.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head = rows[0]
assert head == ["section", "key", "name", "count", "of", "percent", "id", "note", "Name", "Phone"], head
assert all(len(r) == len(head) for r in rows), [r for r in rows if len(r) != len(head)]
work = [r for r in rows if r[0] == "worklist"]
assert sum(r[1] == "urgent" for r in work) == 53
assert ["worklist", "invalid", "", "", "", "", "invalid-1"] == work[[r[6] for r in work].index("invalid-1")][:7]
rv = [r for r in work if r[1] == "review"][0]
assert rv[6] == "review-1" and "PHQ-9 item 9" in rv[7] and rv[8:] == ["Ro", "555-0302"], rv
assert [r[6] for r in work if r[1] == "not_screened"] == ["unscreened-1"]
assert [r[6] for r in work if r[1] == "incomplete_screener"] == ["incomplete-1"]
PY
then ok; else fail "csv: a rectangular table, one worklist row per person with note and kept columns"; fi
run "$GM" batch -q --summary --format html --keep Name,Phone many.csv
everyone html
expect_out "html: kept columns beside the id" '<li><span class="id">urgent-49</span> <span class="cells">Kim 49 · 555-0249</span>'
expect_out "html: the invalid list" '<h3 id="list-invalid">'
expect_out "html: the review list" '<h3 id="list-review">'

# control bytes in an id or a kept cell never reach a terminal
printf 'id,Name,crisis,goals\n"E\033]0;x\0071","Eve\033[2J",yes,relationships\n' >ctl.csv
run "$GM" batch -q --summary --keep Name ctl.csv
case $out in *$'\033'*|*$'\007'*) fail "text: a control byte of an id or a kept cell reached the terminal" ;; *) ok ;; esac
expect_out "text: control bytes shown as ?" "E?]0;x?1 (Eve?[2J)"

# a worklist cell in CSV cannot run as a formula in a spreadsheet, unless --raw-cells
printf 'id,Name,crisis,goals\n=HYPERLINK(1),@Eve,yes,relationships\n' >formula.csv
run "$GM" batch -q --summary --format csv --keep Name formula.csv
expect_out "csv: a formula id and kept cell are shown as text" "worklist,urgent,,,,,'=HYPERLINK(1),"
expect_out "csv: the kept cell too" ",'@Eve"
run "$GM" batch -q --summary --format csv --raw-cells --keep Name formula.csv
expect_out "csv: --raw-cells writes them as they are" "worklist,urgent,,,,,=HYPERLINK(1),"

printf 'id,crisis\n' >headeronly.csv
run "$GM" batch --summary --format json headeronly.csv
expect_rc "a summary of a header only is an error, not 0 records and exit 0" 65
expect_no_out "a summary of a header only writes nothing"
expect_err "a summary of a header only says why" "no record to score"

if [ -x "$GEN" ]; then
	"$GEN" -n 30000 -s 3 >gen.csv
	run "$GM" batch --summary --format json gen.csv
	if printf '%s\n' "$out" | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["records"] == 30000 == s["ok"] + s["urgent"] + s["invalid"]
assert 150 < s["urgent"] < 450, s["urgent"]
assert 5 < s["invalid"] < 100, s["invalid"]
assert sum(x["first_choice"] for x in s["groups"]) == s["ok"]
# a group with no evidence for it fills no place in the top two
assert s["ok"] <= sum(x["top_two"] for x in s["groups"]) <= 2 * s["ok"]
assert sum(s["settings"].values()) == s["ok"]
'; then ok; else fail "summary counts add up over a generated file"; fi
	# The summary agrees with the rows it sums up.
	"$GM" batch -q gen.csv -o rows.csv
	want=$(python3 -c '
import csv, collections, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
first = collections.Counter(r["rank1"] for r in rows if r["status"] == "ok")
print(first["support"], first["cbt"], sum(r["status"] == "urgent" for r in rows))' rows.csv)
	got=$(printf '%s\n' "$out" | python3 -c '
import json, sys
s = json.load(sys.stdin)
g = {x["group"]: x["first_choice"] for x in s["groups"]}
print(g["support"], g["cbt"], s["urgent"])')
	if [ "$want" = "$got" ]; then ok; else fail "summary counts ($got) match the rows ($want)"; fi
else
	fail "gen_intake was not built at $GEN"
fi

finish
