# check.sh - groupmatch check: valid and broken catalogues, every problem with its place.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CATALOGS=$GM_TEST_DATA/catalogs

run "$GM" check
expect_rc "the built-in catalogue" 0
expect_out "the built-in catalogue is summarised" "built-in groups.json: ok (format 1, 10 questions, 6 groups, "
expect_out "the summary counts the score blocks apart" ", 2 score blocks with 16 items)"

run "$GM" check "$GM_SOURCE_DIR/groups.json"
expect_rc "the repository's groups.json" 0

run "$GM" check "$CATALOGS/minimal.json"
expect_rc "a small valid catalogue" 0
expect_out "a small valid catalogue is summarised" "minimal.json: ok (format 1, 5 questions, 3 groups, 6 criteria)"

run "$GM" check -q "$CATALOGS/minimal.json"
expect_rc "check -q" 0
expect_no_out "check -q prints nothing when valid"

# Several mistakes: every one is listed with its JSON path, then a count.
cp "$CATALOGS/many-mistakes.json" "$SCRATCH/many.json"
run "$GM" check many.json
expect_rc "several mistakes" 78
expect_no_out "problems go to stderr"
for problem in \
	"groupmatch: many.json: groups[0].criteria[0].weight: must not be 0 (a criterion either counts for or against a group)" \
	"groupmatch: many.json: groups[1].summery: unknown key 'summery' (did you mean 'summary'?)" \
	"groupmatch: many.json: groups[1].summary: missing" \
	"groupmatch: many.json: groups[1].criteria[0].when.any[0]: unknown option 'suport' of question 'focus' (did you mean 'support'?)" \
	"groupmatch: many.json: groups[1].criteria[1].reason: must not be empty" \
	"groupmatch: many.json: groups[2].criteria[1].when.question: unknown question 'foccus' (did you mean 'focus'?)" \
	"groupmatch: many.json: groups[2]: duplicate group id 'learn'" \
	"groupmatch: many.json: setting.group.comfort_min: 6 is out of range 1..5" \
	"groupmatch: many.json: 8 problems; the catalogue is not valid"; do
	expect_err "several mistakes: $problem" "$problem"
done
lines=$(printf '%s\n' "$err" | wc -l)
[ "$lines" -eq 9 ] && ok || fail "several mistakes: 8 problems and a count, got $lines lines"

cp "$CATALOGS/truncated.json" "$SCRATCH/truncated.json"
run "$GM" check truncated.json
expect_rc "a truncated file" 78
expect_err "a truncated file gives line:column" "groupmatch: truncated.json:25:11: unexpected end of JSON"

cp "$CATALOGS/syntax-error.json" "$SCRATCH/syntax.json"
run "$GM" check syntax.json
expect_rc "a syntax error" 78
expect_err "a syntax error gives line:column" "groupmatch: syntax.json:4:3: JSON syntax error"

run "$GM" check "$CATALOGS/nul-byte.json"
expect_rc "a NUL byte" 78
expect_err "a NUL byte is placed" "nul-byte.json:42:24: NUL byte in the JSON"

run "$GM" check "$CATALOGS/invalid-utf8.json"
expect_rc "invalid UTF-8" 78
expect_err "invalid UTF-8 is placed" "invalid-utf8.json:23:38: invalid UTF-8"

# Every broken fixture is refused with at least one located problem.
for f in "$CATALOGS"/*.json; do
	case $f in */minimal.json) continue ;; esac
	run "$GM" check "$f"
	expect_rc "check $(basename "$f")" 78
	expect_err "check $(basename "$f") names the file" "groupmatch: $f"
done

: >"$SCRATCH/empty.json"
run "$GM" check "$SCRATCH/empty.json"
expect_rc "an empty file" 78
expect_err "an empty file says so" "empty file"

python3 -c 'import sys; sys.stdout.write("[" * 100000 + "]" * 100000)' >"$SCRATCH/deep.json"
run "$GM" check "$SCRATCH/deep.json"
expect_rc "deeply nested JSON is refused, not a crash" 78

# The catalogue can come from --catalog or GROUPMATCH_CATALOG too.
run "$GM" check --catalog "$CATALOGS/unknown-option.json"
expect_rc "check --catalog" 78
expect_err "check --catalog names the problem" "unknown option 'suport' of question 'focus' (did you mean 'support'?)"
run "$GM" --catalog "$CATALOGS/unknown-option.json" check
expect_rc "global --catalog before check" 78
run env GROUPMATCH_CATALOG="$CATALOGS/weights.json" "$GM" check
expect_rc "check with GROUPMATCH_CATALOG" 78
expect_err "check with GROUPMATCH_CATALOG lists every problem" "4 problems; the catalogue is not valid"
run env GROUPMATCH_CATALOG="$CATALOGS/weights.json" "$GM" check "$CATALOGS/minimal.json"
expect_rc "a FILE argument wins over GROUPMATCH_CATALOG" 0

run "$GM" check "$SCRATCH/no-such.json"
expect_rc "a missing file" 66
expect_err "a missing file is named" "cannot open catalogue '$SCRATCH/no-such.json': No such file or directory"

run "$GM" check a.json b.json
expect_rc "two files" 64
run "$GM" check --bogus
expect_rc "an unknown option" 64
expect_err "an unknown option points to --help" "Try 'groupmatch check --help'"

run "$GM" check --help
expect_rc "check --help" 0
expect_out "check --help is on stdout" "usage: groupmatch check"

if [ -w /dev/full ]; then
	"$GM" check >/dev/full 2>/dev/null
	rc=$?
	expect_rc "check to a full disk" 74
fi

# A byte order mark, as some editors write, does not make a catalogue invalid.
printf '\357\273\277' >bom.json
cat "$GM_SOURCE_DIR/groups.json" >>bom.json
run "$GM" check bom.json
expect_rc "a catalogue starting with a BOM is valid" 0
expect_out "a catalogue starting with a BOM is valid" "bom.json: ok"

finish
