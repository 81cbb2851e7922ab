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
expect_out "the text summary lists who to call first" $'Positive safety screen: contact today for a clinician risk assessment (2):\n  P003, P007'
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
                   "not_screened", "urgent_ids", "unclear_ids", "not_screened_ids", "review", "review_ids", "scores", "catalog"], list(s)
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
EOF
then ok; else fail "the JSON summary has the counts of intake.csv"; fi

run "$GM" batch --summary --format jsonl "$D/intake.csv"
if [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]; then ok; else fail "the jsonl summary is one line"; fi

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
