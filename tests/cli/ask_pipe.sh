# ask_pipe.sh - groupmatch ask with answers piped in, one per line.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# answers LINE...: the lines as a file, one answer per line.
answers() { printf '%s\n' "$@" >"$SCRATCH/answers.txt"; }

# A grieving person who wants support; the structure question takes its default.
answers no 8 '' support grief 3 y n n y
run "$GM" ask --format json <"$SCRATCH/answers.txt"
expect_rc "piped answers" 0
expect_out "piped answers give the JSON result" '"status": "ok"'
expect_out "piped answers rank support first" '"rank": 1,
      "group": "support"'
expect_not_out "prompts are not on stdout" '> '
expect_not_out "the questions are not on stdout" 'What are your main goals'
case $out in "{"*"}") ok ;; *) fail "stdout is only the JSON object" ;; esac
printf '%s\n' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null && ok ||
	fail "stdout parses as JSON"

# The same answers as match flags give the same object.
if "$GM" match --help >/dev/null 2>&1; then
	run "$GM" match --format json -a crisis=no -a goals=life_transition \
		-a structure=no_preference -a focus=support -a issues=grief -a comfort=3 -a connect=yes \
		-a feedback=no -a practice=no -a mutual=yes
	printf '%s\n' "$out" >"$SCRATCH/match.json"
	"$GM" ask --format json <"$SCRATCH/answers.txt" >"$SCRATCH/ask.json" 2>/dev/null
	expect_same "ask and match agree on the same answers" "$SCRATCH/match.json" "$SCRATCH/ask.json"
fi

# Labels, ids, numbers, several choices by blanks or commas, CRLF lines.
printf 'N\r\nsymptom_relief, 2\r\nStructured\r\n1 2\r\npanic;anxiety\r\n4\r\nyes\r\nno\r\nyes\r\nyes\r\n' >"$SCRATCH/crlf.txt"
run "$GM" ask --format json <"$SCRATCH/crlf.txt"
expect_rc "ids, labels, numbers and CRLF" 0
expect_out "a panic answer ranks cbt first" '"rank": 1,
      "group": "cbt"'

# Text result: bars, reasons, the reminder.
answers no 8 '' support grief 3 y n n y
run env LANG=C.UTF-8 "$GM" ask <"$SCRATCH/answers.txt"
expect_rc "text result" 0
expect_out "text result has bars" '█'
expect_out "text result has reasons" '+ '
expect_out "text result ends with the reminder" 'discuss these options'
run env LC_ALL=C "$GM" ask <"$SCRATCH/answers.txt"
expect_out "without a UTF-8 locale the bars are ASCII" '%'
expect_not_out "without a UTF-8 locale there are no block characters" '█'
run "$GM" ask --top 2 <"$SCRATCH/answers.txt"
expect_out "--top 2 shows the second group" ' 2. '
expect_not_out "--top 2 hides the third group" ' 3. '

# An empty line skips a question that may be skipped, and takes a default.
answers no 3 '' 1 '' 2 y y y y
run "$GM" ask --format json <"$SCRATCH/answers.txt"
expect_rc "empty lines" 0
expect_out "a skipped question is listed as missing" '"missing": [
    "issues"
  ]'
run "$GM" ask --format json --strict <"$SCRATCH/answers.txt"
expect_rc "--strict: an empty line where no default exists" 65
expect_err "--strict names the line" "line 5 (question 'issues')"
expect_no_out "--strict error: nothing on stdout"

# Ending early.
answers no 1 ''
run "$GM" ask --format json <"$SCRATCH/answers.txt"
expect_rc "early end" 130
expect_no_out "early end: nothing on stdout"
expect_err "early end: not finished" "questionnaire not finished"
expect_err "early end: says where" "'focus'"
run "$GM" ask </dev/null
expect_rc "no input at all" 130
expect_no_out "no input: nothing on stdout"

# The safety question.
answers yes
run "$GM" ask <"$SCRATCH/answers.txt"
expect_rc "crisis yes" 3
expect_out "crisis yes shows the urgent message" "findahelpline.com"
answers YES 1 1 1 1 1 y y y y
run "$GM" ask --format json <"$SCRATCH/answers.txt"
expect_rc "crisis yes, JSON" 3
expect_out "crisis yes is urgent" '"status": "urgent"'
expect_out "crisis yes has no ranking" '"ranking": []'

# Bad lines: an error naming the line, nothing on stdout, exit 65.
answers no 1 '' 9
run "$GM" ask --format json <"$SCRATCH/answers.txt"
expect_rc "a bad line" 65
expect_err "a bad line names its number and question" "line 4 (question 'focus')"
expect_err "a bad line says what is wrong" "'9'"
expect_no_out "a bad line: nothing on stdout"
answers no 1 '' 1 '' 6
run "$GM" ask <"$SCRATCH/answers.txt"
expect_rc "a scale out of range" 65
expect_err "a scale out of range" "line 6 (question 'comfort')"
answers maybe
run "$GM" ask <"$SCRATCH/answers.txt"
expect_rc "an unclear crisis answer is urgent, as from every other source" 3
expect_out "an unclear crisis answer shows the urgent message" "findahelpline.com"
answers nah
run "$GM" ask --format json <"$SCRATCH/answers.txt"
expect_rc "an unreadable crisis answer in a script is urgent too" 3
expect_out "an unreadable crisis answer is reported as unclear" '"safety": "unclear"'
answers no ''
run "$GM" ask <"$SCRATCH/answers.txt"
expect_rc "an empty line where an answer is needed" 65
expect_err "an empty required answer" "line 2 (question 'goals'): an answer is needed"
answers no '?'
run "$GM" ask <"$SCRATCH/answers.txt"
expect_rc "? is not special in piped input" 65
printf 'no\n1\n\n1\n\n3\ny\ny\ny\nab\000c\n' >"$SCRATCH/nul.txt"
run "$GM" ask <"$SCRATCH/nul.txt"
expect_rc "a NUL byte" 65
expect_err "a NUL byte names its line" "line 10"
{ echo no; head -c 5000 /dev/zero | tr '\0' x; echo; } >"$SCRATCH/long.txt"
run "$GM" ask <"$SCRATCH/long.txt"
expect_rc "a very long line" 65
expect_err "a very long line names its line" "line 2"
printf 'no\n1\n\n1\n\n\377\376\n' >"$SCRATCH/utf8.txt"
run "$GM" ask <"$SCRATCH/utf8.txt"
expect_rc "invalid UTF-8" 65
expect_err "invalid UTF-8 names its line" "line 6"

# A result that cannot be written is an I/O error.
if [ -w /dev/full ]; then
	answers no 8 '' support grief 3 y n n y
	"$GM" ask --format json <"$SCRATCH/answers.txt" >/dev/full 2>"$SCRATCH/.err"
	rc=$? err=$(cat "$SCRATCH/.err") out=
	expect_rc "a full disk" 74
	expect_err "a full disk is reported" "cannot write"
fi

# Options.
run "$GM" ask --format xml </dev/null
expect_rc "an unknown format" 64
run "$GM" ask --top 0 </dev/null
expect_rc "--top 0" 64
run "$GM" ask --nope </dev/null
expect_rc "an unknown option" 64
expect_err "an unknown option is named" "'--nope'"
run "$GM" ask extra </dev/null
expect_rc "an extra argument" 64
run "$GM" ask --help
expect_rc "--help" 0
expect_out "--help shows the usage" "usage: groupmatch"
expect_out "--help documents the keys" "? shows help"
run "$GM" </dev/null
expect_rc "bare groupmatch without a terminal" 64

finish
