# labels.sh - one answer parser: labels, separators, prefixes and bounds read alike by -a, JSON and FHIR.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

LABELS=$GM_TEST_DATA/labels
BASE="-a crisis=no -a goals=symptom_relief -a focus=support"
ADDICTION="Alcohol, drugs or other addiction"

# --- a whole label holding a separator is read before the text is split ----
# shellcheck disable=SC2086
run "$GM" match --format json $BASE -a "issues=$ADDICTION"
expect_rc "-a takes the label with a comma" 0
expect_out "-a label with a comma is the addiction option" '"status": "ok"'

# shellcheck disable=SC2086
run "$GM" match --format json $BASE -a "issues=alcohol, drugs or other ADDICTION; grief"
expect_rc "-a takes the label with a comma among others" 0

printf '{"crisis": "no", "goals": ["symptom_relief"], "focus": "support", "issues": "%s"}\n' "$ADDICTION" >answers.json
run "$GM" match --format json --answers answers.json
expect_rc "JSON string takes the label with a comma" 0
printf '{"crisis": "no", "goals": "symptom_relief", "focus": "support", "issues": ["%s", "grief"]}\n' "$ADDICTION" >answers.json
run "$GM" match --format json --answers answers.json
expect_rc "JSON array takes the label with a comma" 0

cat >fhir.json <<JSON
{"resourceType": "QuestionnaireResponse", "status": "completed", "item": [
 {"linkId": "crisis", "answer": [{"valueBoolean": false}]},
 {"linkId": "goals", "answer": [{"valueString": "Relief from symptoms"}]},
 {"linkId": "focus", "answer": [{"valueString": "support"}]},
 {"linkId": "issues", "answer": [{"valueString": "$ADDICTION"}, {"valueCoding": {"display": "grief or LOSS"}}]}
]}
JSON
run "$GM" match --format json --answers fhir.json
expect_rc "FHIR takes the label with a comma" 0

# ask reads the same text the same way: a label with a comma among others,
# "open ended", and a word of a label; the result equals match's
printf '%s\n' no relief "open ended" support "$ADDICTION, grief" 3 y n n y >ask.txt
run "$GM" ask --format json <ask.txt
expect_rc "ask takes the same labels" 0
printf '%s\n' "$out" >ask.json
run "$GM" match --format json -a crisis=no -a goals=symptom_relief -a structure=open_ended \
	-a focus=support -a "issues=addiction;grief" -a comfort=3 -a connect=yes -a feedback=no \
	-a practice=no -a mutual=yes
printf '%s\n' "$out" >match.json
expect_same "ask and match read the labels alike" match.json ask.json

# --- spaces, hyphens and underscores are alike; unique starts and words ----
for v in "open ended" "Open-ended" "open_ended" "OPEN ENDED" "open"; do
	# shellcheck disable=SC2086
	run "$GM" match --format json $BASE -a "structure=$v"
	expect_rc "structure='$v' is open_ended" 0
done
run "$GM" match -a crisis=no -a goals=relief -a focus=deep
expect_rc "a word or start of one option names it" 0
# shellcheck disable=SC2086
run "$GM" match $BASE -a issues=social
expect_rc "a start of two options is refused" 65
expect_err "the refusal names the candidates" "'social' could be more than one option (social_anxiety or social_skills)"

# --- library messages name no command --------------------------------------
# shellcheck disable=SC2086
run "$GM" match $BASE -a issues=zebra
expect_rc "an unknown option is refused" 65
expect_err "the refusal lists what is accepted" "'zebra' is not an option (one of anxiety, social_anxiety,"
case $err in *"groupmatch questions"*) fail "the library message names a command" ;; *) ok ;; esac

# --- a second -a goes through the parser and its bounds --------------------
run "$GM" match -c "$LABELS/goals-max2.json" -a crisis=no -a focus=support -a 'goals=a;b' -a goals=c
expect_rc "a second -a past max is refused" 65
expect_err "the refusal says how many are allowed" "invalid answer to 'goals': with 'c' the answer has 3 options, more than the 2 allowed"
run "$GM" match -c "$LABELS/goals-max2.json" -a crisis=no -a focus=support -a goals=a -a goals=Beta
expect_rc "a second -a within max adds up" 0
run "$GM" match -c "$LABELS/goals-max2.json" -a crisis=no -a focus=support -a 'goals=a;b' -a goals=zeta
expect_rc "a second -a with an unknown option is refused" 65
expect_err "the unknown option is named" "'zeta' is not an option"

finish
