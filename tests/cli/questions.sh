# questions.sh - the questions command in every format, and the FHIR round trip through match.
. "$(dirname "$0")/lib.sh"

ids="id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9,gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7"

run "$GM" questions
expect_rc "text exits 0" 0
expect_out "text lists the safety question first" "1. crisis (yes/no, required)"
expect_out "text numbers the options" " 7  grief"
expect_out "text gives scale bounds" "1 = I strongly prefer one-on-one work"
expect_out "text shows defaults" "default: no_preference"
expect_out "text shows help" "help: "

run "$GM" questions --format json
expect_rc "json exits 0" 0
if printf '%s\n' "$out" | python3 -m json.tool >/dev/null 2>&1; then ok; else fail "json parses"; fi
got=$(printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
q = {x["id"]: x for x in d["questions"]}
print(d["format_version"], len(d["questions"]), q["goals"]["kind"], q["goals"]["options"][0]["id"],
      q["comfort"]["min"], q["comfort"]["max"], q["structure"]["default"], q["crisis"]["role"])')
if [ "$got" = "1 26 multi symptom_relief 1 5 no_preference safety" ]; then ok; else fail "json content: $got"; fi
if printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["scores"]
assert s["label_codes"] == ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"], s["label_codes"]
phq, gad = s["blocks"]
assert (phq["loinc"], phq["total_loinc"], gad["loinc"], gad["total_loinc"]) == ("44249-1", "44261-6", "69737-5", "70274-6")
assert phq["items"][8] == {"id": "phq9_9", "loinc": "44260-8"}, phq["items"][8]
assert [b["min"] for b in phq["bands"]] == [0, 5, 10, 15, 20] and phq["bands"][-1]["max"] == 27
assert [b["min"] for b in gad["bands"]] == [0, 5, 10, 15] and gad["bands"][-1]["max"] == 21
ids = {q["id"]: q for q in d["questions"]}
assert ids["phq9_9"]["role"] == "item" and ids["phq9_9"]["required"] is False, ids["phq9_9"]
'; then ok; else fail "json: the score blocks with their LOINC codes and bands"; fi

run "$GM" questions --format csv
expect_rc "csv exits 0" 0
if [ "$out" = "$ids" ]; then ok; else fail "csv header is '$out'"; fi
header=$(printf '%s\n' "$out" | wc -l)
if [ "$header" -eq 1 ]; then ok; else fail "csv prints one line, not $header"; fi
json_ids=$("$GM" questions --format json | python3 -c '
import json, sys
print(",".join(["id"] + [q["id"] for q in json.load(sys.stdin)["questions"]]))')
if [ "$out" = "$json_ids" ]; then ok; else fail "csv header matches the question ids"; fi

run "$GM" questions --format fhir
expect_rc "fhir exits 0" 0
printf '%s\n' "$out" >questionnaire.json
got=$(python3 -c '
import json
d = json.load(open("questionnaire.json"))
items = d["item"]
print(d["resourceType"], d["status"], ",".join(i["linkId"] for i in items),
      sorted({i["type"] for i in items}), [i["linkId"] for i in items if i["repeats"]])')
want="Questionnaire active crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual,phq9,gad7 ['boolean', 'choice', 'group', 'integer'] ['goals', 'focus', 'issues']"
if [ "$got" = "$want" ]; then ok; else fail "fhir structure: $got"; fi

# Round trip: answer the exported Questionnaire, feed the response back and
# compare with the same answers as -a flags.
python3 - questionnaire.json >flags.txt <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
pick = {"crisis": False, "goals": [0, 2], "structure": [1], "focus": [2], "issues": [6, 15],
        "comfort": 4, "connect": True, "feedback": True, "practice": False, "mutual": True}
# the screeners: a group per block; the response names each item by its
# LOINC code and answers with LOINC answer codes, the flags by id and number
scored = {"phq9": [1, 1, 2, 0, 1, 0, 1, 0, 0], "gad7": [2, 2, 1, 1, 0, 0, 1]}
items, flags = [], []
for it in q["item"]:
    if it["type"] == "group":
        assert it["code"][0]["system"] == "http://loinc.org", it
        sub = []
        for child, v in zip(it["item"], scored[it["linkId"]]):
            c = child["answerOption"][v]["valueCoding"]
            assert c["code"].startswith("LA"), c
            sub.append({"linkId": child["code"][0]["code"], "answer": [{"valueCoding": c}]})
            flags.append("%s=%d" % (child["linkId"], v))
        items.append({"linkId": it["linkId"], "item": sub})
        continue
    v = pick[it["linkId"]]
    if it["type"] == "boolean":
        answers = [{"valueBoolean": v}]
        flags.append("%s=%s" % (it["linkId"], "yes" if v else "no"))
    elif it["type"] == "integer":
        answers = [{"valueInteger": v}]
        flags.append("%s=%d" % (it["linkId"], v))
    else:
        codings = [it["answerOption"][k]["valueCoding"] for k in v]
        answers = [{"valueCoding": c} for c in codings]
        flags.append("%s=%s" % (it["linkId"], ";".join(c["code"] for c in codings)))
    items.append({"linkId": it["linkId"], "text": it["text"], "answer": answers})
resp = {"resourceType": "QuestionnaireResponse", "questionnaire": q["url"],
        "status": "completed", "item": items}
json.dump(resp, open("response.json", "w"), indent=2)
for f in flags:
    print(f)
PY
set --
while IFS= read -r f; do set -- "$@" -a "$f"; done <flags.txt
"$GM" match "$@" --format json >flags.json 2>flags.err
rc=$?
expect_rc "round trip: -a flags match" 0
run "$GM" match --answers response.json --format json
expect_rc "round trip: the response matches" 0
printf '%s\n' "$out" >response-result.json
expect_same "round trip: the response ranks as the flags" flags.json response-result.json
if python3 -c '
import json, sys
s = json.load(open("response-result.json"))["scores"]
assert s["phq9"]["total"] == 6 and s["phq9"]["band"] == "mild", s
assert s["gad7"]["total"] == 7 and s["gad7"]["answered"] == 7, s
'; then ok; else fail "round trip: LOINC-coded screener answers give the same totals"; fi
expect_out "round trip: a real ranking" '"status": "ok"'

run sh -c "\"$GM\" match --answers - --format json <response.json"
expect_rc "round trip from stdin" 0

run "$GM" match --answers "$GM_TEST_DATA/fhir/response.json" --format json
expect_rc "fixture response matches" 0
expect_out "fixture response is scored" '"status": "ok"'
expect_err "the unknown linkId is warned about" "ignored 1 item"

run "$GM" match --answers "$GM_TEST_DATA/fhir/wrong-type.json" --format json
expect_rc "a wrong value type is a data error" 65
expect_out "the error names the linkId" "linkId 'comfort'"
expect_out "the error names the path" "item[1].item[0].answer[0].valueBoolean"

# Golden files: a change to any export shows up as a diff to review
# (GM_UPDATE_GOLDEN=1 rewrites them).
run env COLUMNS=80 "$GM" questions
expect_golden "text matches its golden file" questions.txt
for f in json csv fhir; do
	run "$GM" questions --format "$f"
	expect_golden "$f matches its golden file" "questions.$f"
done

run "$GM" questions --format yaml
expect_rc "an unknown format is a usage error" 64
expect_err "the error names the format" "'yaml'"
expect_no_out "nothing on stdout for a usage error"

run "$GM" questions extra
expect_rc "an extra argument is a usage error" 64

run "$GM" questions --help
expect_rc "--help exits 0" 0
expect_out "--help lists the formats" "text|json|csv|fhir"

run "$GM" help questions
expect_rc "help questions exits 0" 0
expect_out "help questions shows the usage" "usage: groupmatch questions"

finish
