# completion.sh - the bash completion offers commands, options, formats, question ids, answers and files.
. "$(dirname "$0")/lib.sh"

# shellcheck source=/dev/null
. "$GM_SOURCE_DIR/completion/groupmatch.bash"

# candidates WORD...: the candidates for the last word, one per line, in $out.
candidates() {
	COMP_WORDS=("$GM" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_groupmatch 2>/dev/null
	out=$(printf '%s\n' "${COMPREPLY[@]}")
	rc=0
	err=""
}
# expect_words NAME WORD...: each WORD is a candidate.
expect_words() {
	local name=$1 w
	shift
	for w in "$@"; do
		if printf '%s\n' "$out" | grep -qxF -- "$w"; then ok; else fail "$name: no '$w'"; fi
	done
}

candidates ""
expect_words "commands" ask match batch questions groups check test diff help
candidates diff --format ""
expect_words "diff formats" text csv json
candidates diff --i
expect_words "diff options" --intake
candidates "q"
if [ "$out" = "questions" ]; then ok; else fail "'q' completes to questions, not '$out'"; fi
candidates "-"
expect_words "global options" --catalog --color= --quiet --help --version
candidates -c groups.json ""
expect_words "commands after --catalog FILE" match

candidates match --f
expect_words "match options" --format
candidates match --format ""
if [ "$out" = "$(printf 'text\njson\nhtml')" ]; then ok; else fail "match formats: $out"; fi
candidates groups --format ""
if [ "$out" = "$(printf 'text\njson')" ]; then ok; else fail "groups formats: $out"; fi
candidates questions --format ""
expect_words "questions formats" text json csv fhir
candidates batch --format ""
expect_words "batch formats" csv jsonl json html
candidates questions --format = ""
expect_words "--format=VALUE" fhir
candidates questions --format = "f"
if [ "$out" = "fhir" ]; then ok; else fail "--format=f: $out"; fi
candidates --color = ""
expect_words "--color=WHEN" auto always never

candidates match -a ""
expect_words "question ids after -a" crisis= goals= structure= focus= issues= comfort= connect= feedback= practice= mutual=
candidates match --answer go
if [ "$out" = "goals=" ]; then ok; else fail "--answer go: $out"; fi
candidates match -a goals = ""
expect_words "options after goals=" symptom_relief life_transition
candidates match -a goals = "sym"
if [ "$out" = "symptom_relief" ]; then ok; else fail "goals=sym: $out"; fi
candidates match -a goals = "symptom_relief,sk"
if [ "$out" = "symptom_relief,skill_building" ]; then ok; else fail "goals=symptom_relief,sk: $out"; fi
candidates match -a crisis = ""
if [ "$out" = "$(printf 'yes\nno')" ]; then ok; else fail "crisis=: $out"; fi
candidates match -a comfort = ""
if [ "$out" = "$(printf '1\n2\n3\n4\n5')" ]; then ok; else fail "comfort=: $out"; fi

touch answers.json intake.csv
candidates match --answers ""
expect_words "files after --answers" answers.json
candidates check ""
expect_words "files after check" intake.csv
candidates batch -o ""
expect_words "files after -o" intake.csv
candidates help ""
expect_words "commands after help" batch questions

# Every long option a command's --help documents is offered.
for cmd in ask match batch questions groups check; do
	opts=$("$GM" "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
	[ -n "$opts" ] || continue
	candidates "$cmd" --
	for o in $opts; do
		if printf '%s\n' "$out" | grep -qE -- "^$o=?\$"; then ok; else fail "$cmd --help has $o, completion lacks it"; fi
	done
done

finish
