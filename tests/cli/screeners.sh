# screeners.sh - the PHQ-9 and GAD-7 score blocks: every front end reaches the same status and totals.
. "$(dirname "$0")/lib.sh"

# One person: PHQ-9 items adding up to 11 (moderate) with item 9 at 1, which
# asks for a clinician's review; GAD-7 items adding up to 15 (severe), which
# raises the setting to at least combined.
PHQ="2 2 1 1 2 1 1 0 1"
GAD="3 3 2 2 2 1 2"
MAIN="crisis=no goals=symptom_relief structure=structured focus=support issues=depression comfort=4 connect=yes feedback=yes practice=yes mutual=yes"

set --
for a in $MAIN; do set -- "$@" -a "$a"; done
i=1; for v in $PHQ; do set -- "$@" -a "phq9_$i=$v"; i=$((i + 1)); done
i=1; for v in $GAD; do set -- "$@" -a "gad7_$i=$v"; i=$((i + 1)); done

# check_result NAME FILE: the status, totals, bands and rules every front end must give.
check_result() {
	if python3 - "$2" <<'PY'
import json, sys
text = open(sys.argv[1]).read().strip()
r = json.loads(text.splitlines()[0]) if text.startswith('{"') else json.loads(text)
assert r["status"] == "review", r["status"]
assert r["safety"] == "no", r["safety"]
assert len(r["ranking"]) == 6, "the ranking is kept"
assert r["setting"]["advice"] == "combined", r["setting"]
s = r["scores"]
assert (s["phq9"]["total"], s["phq9"]["band"], s["phq9"]["answered"]) == (11, "moderate", 9), s
assert (s["gad7"]["total"], s["gad7"]["band"], s["gad7"]["answered"]) == (15, "severe", 7), s
assert [x["id"] for x in s["phq9"]["rules"]] == ["item9_review"], s
assert [x["id"] for x in s["gad7"]["rules"]] == ["severe"], s
assert not any(q.startswith(("phq9", "gad7")) for q in r["missing"]), r["missing"]
PY
	then ok; else fail "$1: not the expected review result"; fi
}

# --- flags ------------------------------------------------------------------

run "$GM" match "$@" --format json
expect_rc "flags: review exits 3" 3
printf '%s\n' "$out" >flags.json
check_result "flags" flags.json
expect_err "flags: a review to a file or pipe is said on stderr" "clinician's review"

run "$GM" match "$@"
expect_rc "text: review exits 3" 3
first=$(printf '%s\n' "$out" | head -1)
case $first in "Thank you for answering honestly. You said you have had thoughts"*) ok ;;
*) fail "text: the review text comes first, not '$first'" ;; esac
expect_out "text: the crisis contacts follow the review text" "findahelpline.com"
expect_out "text: the ranking is kept" " 1. "
expect_out "text: the reason for the setting is under it" "worry questionnaire score is in the severe range"
expect_not_out "text: no total is shown to the person" "moderate"

# --- answers JSON -------------------------------------------------------------

python3 - "$PHQ" "$GAD" >answers.json <<'PY'
import json, sys
a = {"crisis": False, "goals": ["symptom_relief"], "structure": "structured", "focus": ["support"],
     "issues": ["depression"], "comfort": 4, "connect": True, "feedback": True, "practice": True,
     "mutual": True}
for i, v in enumerate(sys.argv[1].split(), 1):
    a["phq9_%d" % i] = int(v)
labels = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
for i, v in enumerate(sys.argv[2].split(), 1):
    a["gad7_%d" % i] = labels[int(v)]   # as labels, the way a form may store them
json.dump(a, sys.stdout)
PY
run "$GM" match --answers answers.json --format json
expect_rc "answers JSON: review exits 3" 3
printf '%s\n' "$out" >answers-result.json
check_result "answers JSON" answers-result.json

# --- FHIR, coded with LOINC ---------------------------------------------------

python3 - "$PHQ" "$GAD" >response.json <<'PY'
import json, sys
phq = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"]
gad = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]
la = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]
def coded(codes, values):
    return [{"linkId": "/" + c, "answer": [{"valueCoding": {"system": "http://loinc.org", "code": la[int(v)]}}]}
            for c, v in zip(codes, values.split())]
items = [{"linkId": "crisis", "answer": [{"valueBoolean": False}]},
         {"linkId": "goals", "answer": [{"valueCoding": {"code": "symptom_relief"}}]},
         {"linkId": "structure", "answer": [{"valueCoding": {"code": "structured"}}]},
         {"linkId": "focus", "answer": [{"valueCoding": {"code": "support"}}]},
         {"linkId": "issues", "answer": [{"valueCoding": {"code": "depression"}}]},
         {"linkId": "comfort", "answer": [{"valueInteger": 4}]}]
items += [{"linkId": q, "answer": [{"valueBoolean": True}]} for q in ["connect", "feedback", "practice", "mutual"]]
items.append({"linkId": "44249-1", "item": coded(phq, sys.argv[1])})
items.append({"linkId": "69737-5", "item": coded(gad, sys.argv[2])})
json.dump({"resourceType": "QuestionnaireResponse", "status": "completed", "item": items}, sys.stdout)
PY
run "$GM" match --answers response.json --format json
expect_rc "FHIR: review exits 3" 3
printf '%s\n' "$out" >fhir-result.json
check_result "FHIR with LOINC linkIds and answer codes" fhir-result.json

# --- batch, by item id and through a REDCap map ---------------------------------

python3 - "$PHQ" "$GAD" <<'PY'
import sys
phq, gad = sys.argv[1].split(), sys.argv[2].split()
main = ["no", "symptom_relief", "structured", "support", "depression", "4", "yes", "yes", "yes", "yes"]
head = ["crisis", "goals", "structure", "focus", "issues", "comfort", "connect", "feedback", "practice", "mutual"]
with open("intake.csv", "w") as f:
    f.write(",".join(["id"] + head + ["phq9_%d" % i for i in range(1, 10)] + ["gad7_%d" % i for i in range(1, 8)]) + "\n")
    f.write(",".join(["P1"] + main + phq + gad) + "\n")
    f.write(",".join(["P2"] + main + [""] * 16) + "\n")
with open("redcap.csv", "w") as f:
    f.write(",".join(["record_id"] + head + ["phq9_q%d" % i for i in range(1, 10)] + ["gad7_q%d" % i for i in range(1, 8)]) + "\n")
    f.write(",".join(["1"] + main + phq + gad) + "\n")
PY
run "$GM" batch --format jsonl intake.csv
expect_rc "batch: a review row exits 3" 3
printf '%s\n' "$out" | head -1 >batch-result.json
check_result "batch item columns" batch-result.json
second=$(printf '%s\n' "$out" | sed -n 2p)
case $second in *'"status":"ok"'*'"scores":{}'*) ok ;;
*) fail "batch: a row without items is ok with empty scores: $second" ;; esac
expect_err "batch: the count line says how many need review" "1 review"

run "$GM" batch intake.csv
expect_out "batch csv: the row says review with the staff text" \
	"P1,review,no,"
expect_out "batch csv: the staff text names item 9" "PHQ-9 item 9 above 0"

run "$GM" batch --format jsonl --map "$GM_SOURCE_DIR/examples/redcap-screeners-map.csv" redcap.csv
expect_rc "REDCap map: review exits 3" 3
printf '%s\n' "$out" >redcap-result.json
check_result "REDCap-mapped row" redcap-result.json

run "$GM" batch --summary --format json intake.csv
expect_rc "summary: exit 3 with a review record" 3
if printf '%s\n' "$out" | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["review"] == 1 and s["review_ids"] == ["P1"], s
assert s["scores"]["phq9"]["bands"]["moderate"] == 1 and s["scores"]["phq9"]["scored"] == 1, s
assert s["scores"]["gad7"]["bands"]["severe"] == 1, s
assert s["ok"] == 1 and s["urgent"] == 0, s'
then ok; else fail "summary JSON: review count, ids and bands"; fi
run "$GM" batch --summary intake.csv
expect_out "summary text: review ids come before the charts" "Clinician review"
expect_out "summary text: the review id is listed" "P1"
expect_out "summary text: counts per band" "PHQ-9 (depression) (of the 1 records with a total)"

# --- precedence, bad input ---------------------------------------------------------

run "$GM" match "$@" -a phq9_9=3 --format json
expect_rc "item 9 at 3 is urgent" 3
expect_out "item 9 at 3: status urgent" '"status": "urgent"'
expect_out "item 9 at 3: no ranking" '"ranking": []'
run "$GM" match "$@" -a crisis=yes --format json
expect_out "a yes to the crisis question wins over a review" '"status": "urgent"'

run "$GM" match -a crisis=no -a phq9_4=4
expect_rc "an item answer of 4 is invalid" 65
expect_err "the error names the item and the range" "'phq9_4'"
expect_err "the error gives the range" "'4' is not in 0-3"

# --- ask with piped input reads the screeners only under --screeners ---------------

main_lines="no
1
1
2

4
y
y
y
y"
run sh -c "printf '%s\n' \"\$1\" | \"$GM\" ask --format json" sh "$main_lines
2"
expect_rc "piped ask without --screeners reports lines after the main answers" 65
expect_err "the extra line is named" "line 11: '2' comes after the last question"
run sh -c "printf '%s\n' \"\$1\" | \"$GM\" ask --format json" sh "$main_lines"
expect_rc "piped ask of the main answers alone finishes" 0
expect_out "piped ask without --screeners scores nothing" '"scores": {}'
items=$(printf '%s\n' $PHQ $GAD)
run sh -c "printf '%s\n' \"\$1\" | \"$GM\" ask --screeners --format json" sh "$main_lines
$items"
expect_rc "piped ask --screeners: review exits 3" 3
printf '%s\n' "$out" >ask-result.json
check_result "piped ask --screeners" ask-result.json

strict_main=$(printf '%s\n' "$main_lines" | sed '5s/^$/none/')
run sh -c "printf '%s\n' \"\$1\" | \"$GM\" ask --strict --screeners --format json" sh "$strict_main

0
0
0
0
0
0
0
0
0
0
0
0
0
0
0"
expect_rc "ask --strict: a screener item may still be skipped" 0
expect_out "ask --strict: the skipped item leaves 8 answered" '"answered": 8'
expect_out "ask --strict: and the total is prorated" '"prorated": true'

finish
