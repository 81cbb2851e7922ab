# safety_ledger.sh - one ledger per record: no source, order or shape of input lowers a safety item.
. "$(dirname "$0")/lib.sh"

main="-a crisis=no -a goals=life_transition -a focus=support -a issues=grief -a comfort=3 -a connect=yes"
fhir_head='{"resourceType": "QuestionnaireResponse", "status": "completed", "item": ['

# status JSON...: the "status" of a match --format json result on stdout
status_of() { printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }
# expect_status NAME WANT: the result's status (and exit 3 for urgent and review)
expect_status() {
	got=$(status_of 2>/dev/null)
	if [ "$got" = "$2" ]; then ok; else fail "$1: status '$got', wanted '$2'"; fi
	case $2 in urgent|review) expect_rc "$1 exits 3" 3 ;; esac
}

# --- item 9 answered 3, then 0: 3 is kept, from every source ----------------

# shellcheck disable=SC2086
run "$GM" match --format json $main -a phq9_9=3 -a phq9_9=0
expect_status "a second -a does not lower item 9" urgent

printf '{"phq9_9": 3, "phq9_9": 0}' >dup.json
# shellcheck disable=SC2086
run "$GM" match --format json $main --answers dup.json
expect_status "a duplicate JSON key does not lower item 9" urgent

printf '{"crisis": "no", "goals": "life_transition", "phq9_9": 3}' >file.json
run "$GM" match --format json -a phq9_9=0 --answers file.json
expect_status "a flag over a file does not lower item 9" urgent

printf '%s{"linkId": "phq9_9", "answer": [{"valueInteger": 3}]}, {"linkId": "44260-8", "answer": [{"valueInteger": 0}]}]}' "$fhir_head" >loinc.json
# shellcheck disable=SC2086
run "$GM" match --format json $main --answers loinc.json
expect_status "FHIR by linkId then by LOINC code does not lower item 9" urgent

printf '%s{"linkId": "phq9_9", "answer": [{"valueString": "3"}]}]}' "$fhir_head" >fhir3.json
run "$GM" match --format json -a crisis=no -a goals=1 -a phq9_9=0 --answers fhir3.json
expect_status "a flag over a FHIR file does not lower item 9" urgent

# the lowering is named for staff
# shellcheck disable=SC2086
run "$GM" match $main -a phq9_9=3 -a phq9_9=0
expect_err "naming the item's answer" "PHQ-9 item 9 = 3 (nearly every day)"
expect_err "and the lowering" "PHQ-9 item 9 changed from 3 to 0 in this input"
printf 'id,crisis,goals,phq9_9,phq9_9\nA,no,1,3,0\n' >twice.csv
run "$GM" batch twice.csv
if [ "$rc" -ne 0 ]; then ok; else fail "a batch with two item 9 columns is not read as one"; fi

# --- fail closed --------------------------------------------------------------

for v in yes 4 sometimes -1; do
	# shellcheck disable=SC2086
	run "$GM" match --format json $main -a phq9_9=$v
	expect_status "item 9 = '$v' is a review, not invalid" review
done
printf '{"crisis": "no", "goals": "1", "phq9_9": true}' >bool.json
run "$GM" match --format json --answers bool.json
expect_status "a boolean for item 9 is a review" review
printf '%s{"linkId": "phq9_9", "answer": [{"valueInteger": 0, "valueString": "0"}]}]}' "$fhir_head" >two.json
run "$GM" match --format json -a crisis=no -a goals=1 --answers two.json
expect_status "two values in one FHIR answer for item 9 are a review" review

printf 'id,crisis,goals,phq9_1,phq9_9\nA,no,1,1,4\nB,no,1,1,sometimes\nC,no,1,1,sometimes\n' >u.csv
run "$GM" batch u.csv
expect_rc "unreadable item 9 cells exit 3" 3
expect_out "a cell of 4 is a review" "A,review"
expect_out "a cell of sometimes is a review" "B,review"
expect_out "every time it is seen" "C,review"
expect_out "and the row names it" "unclear answer 'sometimes' to PHQ-9 item 9: ask it again today"

printf 'id,crisis,goals,phq9_1,phq9_9\nA,no,1,1,\n' >blank.csv
run "$GM" batch blank.csv
expect_rc "item 9 left blank among answered items exits 3" 3
expect_out "as a review" "A,review"
expect_out "saying so" "PHQ-9 item 9 not answered: ask it today"
run "$GM" match --format json -a crisis=no -a goals=1 -a phq9_1=2 -a phq9_2=1
expect_status "item 9 left blank in match is a review" review
expect_not_out "and its text does not claim an answer" "You said"

run "$GM" batch --strict blank.csv
expect_out "--strict keeps the review" "A,review"

# items 8 and 9 blank, seven answered items summing to 19
run "$GM" match --format json -a crisis=no -a goals=life_transition -a focus=support -a issues=grief \
	-a comfort=3 -a connect=yes -a phq9_1=3 -a phq9_2=3 -a phq9_3=3 -a phq9_4=3 -a phq9_5=3 \
	-a phq9_6=3 -a phq9_7=1
expect_status "an incomplete PHQ-9 summing to 19 is a review" review
expect_not_out "and never a group on its own" '"setting": "group"'
printf 'id,crisis,goals,focus,issues,comfort,connect,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7\nA,no,life_transition,support,grief,3,yes,3,3,3,3,3,3,1\n' >inc.csv
run "$GM" batch inc.csv
expect_out "the row says what the answered items sum to" "PHQ-9 incomplete: answered items already sum to 19"

# --- staff notes name the trigger ----------------------------------------------

printf 'id,crisis,goals\nA,yes,1\nB,No.,1\n' >notes.csv
run "$GM" batch notes.csv
expect_out "a yes is named" "safety question answered yes"
expect_out "an unclear answer is quoted" "unclear answer 'No.' to the safety question: ask again today"
run "$GM" match -a crisis=yes -a goals=1
expect_not_out "the person's text has no staff notes" "answered yes"

# --- JSON and FHIR keys and duplicates -----------------------------------------

printf '{"crisis ": "yes", "goals": "1"}' >space.json
run "$GM" match --format json -a crisis=no --answers space.json
expect_status "a JSON key with a blank after it is read" urgent
printf '{"crisis\302\240": "yes", "goals": "1"}' >nbsp.json
run "$GM" match --format json -a crisis=no --answers nbsp.json
expect_status "a JSON key with a no-break space after it is read" urgent
printf '{"cri\342\200\213sis": "no", "goals": "1"}' >zw.json
run "$GM" match --format json --answers zw.json
expect_status "a JSON key with a zero-width space inside is read fail-closed" urgent
for shape in \
	'{"linkId": "crisis", "answer": [{"valueBoolean": true, "valueBoolean": false}]}' \
	'{"linkId": "crisis", "answer": [{"valueBoolean": false, "valueBoolean": true}]}' \
	'{"linkId": "crisis", "answer": [{"valueBoolean": true}], "answer": [{"valueBoolean": false}]}' \
	'{"linkId": "crisis", "Answer": [{"valueBoolean": true}]}' \
	'{"linkId": "crisis", "answer": [{"ValueBoolean": true}]}'; do
	printf '%s%s]}' "$fhir_head" "$shape" >shape.json
	run "$GM" match --format json -a crisis=no -a goals=1 --answers shape.json
	expect_status "FHIR $shape" urgent
done
printf '{"resourceType": "QuestionnaireResponse", "Item": [{"linkId": "crisis", "answer": [{"valueBoolean": true}]}], "item": [{"linkId": "crisis", "answer": [{"valueBoolean": false}]}]}' >items.json
run "$GM" match --format json -a goals=1 --answers items.json
expect_status "two item arrays, one in another case" urgent

printf '{"crisis": "no", "goals": "1", "comfort": 3, "Comfort": 4}' >conflict.json
run "$GM" match --answers conflict.json
expect_rc "a question given twice with different values is refused" 65
expect_err "naming both" "as 3 and as 4"

printf '{"resourceType": "QuestionnaireResponse", "status": "entered-in-error", "item": [{"linkId": "crisis", "answer": [{"valueBoolean": true}]}]}' >eie.json
run "$GM" match -a goals=1 --answers eie.json
expect_rc "an entered-in-error response is refused" 65
expect_err "saying why" "entered-in-error"
expect_err "and showing its positive answer" "safety question answered yes"

finish
