# hostile.sh - bad input on every path: a clear error with a place, the documented exit code, promptly, no crash.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

HOSTILE=$GM_TEST_DATA/hostile
# Seconds before a run counts as hung; raised when run under valgrind.
LIMIT=${GM_TIMEOUT:-5}
HEADER='id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual'
ROW='P9,no,personal_growth,open_ended,deep_work,,5,yes,yes,no,yes'

# sane NAME: what every run must satisfy whatever its input: it ended by
# itself, was not killed by a signal, raised no sanitizer report, and
# stderr stayed short (a bad value is quoted by a prefix only).
sane() {
	case $rc in
	124) fail "$1: still running after ${LIMIT}s" ;;
	13[4-9] | 1[4-9][0-9] | 2[0-9][0-9]) fail "$1: killed by a signal (exit $rc)" ;;
	*) ok ;;
	esac
	case $err in
	*Sanitizer* | *"runtime error"* | *"Invalid read"* | *"Invalid write"*) fail "$1: memory error reported" ;;
	*) ok ;;
	esac
	if [ "${#err}" -le 4000 ]; then ok; else fail "$1: ${#err} bytes on stderr"; fi
}

# hostile NAME CODE TEXT CMD...: runs CMD (stdin from /dev/null) and wants
# exit CODE and TEXT on stderr (the error and where it is).
hostile() {
	local name=$1 code=$2 text=$3
	shift 3
	started=$(date +%s%N)
	run timeout "$LIMIT" "$@" </dev/null
	report "$name" "$code" "$text"
}

# hostile_in NAME CODE TEXT FILE CMD...: the same with stdin from FILE.
hostile_in() {
	local name=$1 code=$2 text=$3 in=$4
	shift 4
	started=$(date +%s%N)
	run timeout "$LIMIT" "$@" <"$in"
	report "$name" "$code" "$text"
}

# report NAME CODE TEXT: prints the case with its exit status and time
# (since $started when set) and checks it.
report() {
	local ms=""
	if [ -n "${started:-}" ]; then ms=$((($(date +%s%N) - started) / 1000000)); fi
	started=""
	printf '  %-44s exit %-3s %6s ms\n' "$1" "$rc" "$ms"
	sane "$1"
	expect_rc "$1" "$2"
	if [ -n "$3" ]; then expect_err "$1" "$3"; fi
}

# --- inputs too big to keep in the repository, made here -------------------
python3 - "$SCRATCH" "$HEADER" "$ROW" <<'EOF'
import sys
d, header, row = sys.argv[1], sys.argv[2], sys.argv[3]
big = 'x' * (10 << 20)
with open(d + '/big-field.csv', 'w') as f:
    f.write(header + '\nP1,no,' + big + ',open_ended,deep_work,,5,yes,yes,no,yes\n' + row + '\n')
with open(d + '/big-quoted-field.csv', 'w') as f:
    f.write(header + '\nP1,no,"' + big + '",open_ended\n' + row + '\n')
with open(d + '/wide-header.csv', 'w') as f:
    f.write(header + ',' + ','.join('c%d' % i for i in range(100000)) + '\n' + row + '\n')
with open(d + '/wide-row.csv', 'w') as f:
    f.write(header + '\n' + row + ',' + ','.join('v' for i in range(100000)) + '\n' + row + '\n')
with open(d + '/big-value.json', 'w') as f:
    f.write('{"crisis":"no","goals":"' + big + '"}\n')
with open(d + '/deep.json', 'w') as f:
    f.write('{"goals":' + '[' * 5000 + ']' * 5000 + '}\n')
with open(d + '/deep-fhir.json', 'w') as f:
    f.write('{"resourceType":"QuestionnaireResponse","item":[' +
            '{"linkId":"x","item":[' * 200 + ']}' * 200 + ']}\n')
with open(d + '/deep-catalog.json', 'w') as f:
    f.write('{"questions":' + '[' * 2000 + ']' * 2000 + '}\n')
with open(d + '/big-value.catalog.json', 'w') as f:
    f.write('{"format_version":1,"name":"' + big + '"}\n')
with open(d + '/long-line.txt', 'w') as f:
    f.write('no\n' + big + '\n')
with open(d + '/many-rows.csv', 'w') as f:
    f.write(header + '\n')
    for i in range(200000):
        f.write('P%07d,no,personal_growth,open_ended,deep_work,,5,yes,yes,no,yes\n' % i)
EOF
: >"$SCRATCH/empty"
BIGVALUE_PREFIX=$(head -c 2000 /dev/zero | tr '\0' x)

echo "match -a"
hostile "-a without '='" 64 "expected QUESTION=VALUE" "$GM" match -a comfort
hostile "-a with an empty question" 64 "expected QUESTION=VALUE" "$GM" match -a =3
hostile "-a with an empty value" 0 "" "$GM" match -a crisis=no -a focus=support -a comfort=
hostile "-a unknown question" 64 "unknown question 'nosuch'" "$GM" match -a nosuch=1
hostile "-a unknown option" 65 "'nosuch' is not an option" "$GM" match -a crisis=no -a goals=nosuch
hostile "-a invalid UTF-8" 65 "is not an option" "$GM" match -a crisis=no -a "goals=$(printf '\377\376')"
hostile "-a huge number" 65 "is not a whole number in 1-5" "$GM" match -a crisis=no -a comfort=99999999999999999999
hostile "-a negative number" 65 "'-3' is not in 1-5" "$GM" match -a crisis=no -a comfort=-3
hostile "-a only separators" 65 "too few options" "$GM" match -a crisis=no -a "goals=;;|,"
hostile "-a 100 kB value" 65 "is not an option" "$GM" match -a crisis=no -a "goals=$(head -c 100000 /dev/zero | tr '\0' y)"
expect_err "-a 100 kB value is quoted by a prefix" "yyyyyyyyyy..."
hostile "--top 0" 64 "--top '0'" "$GM" match -a crisis=no --top 0
hostile "--top -1" 64 "--top '-1'" "$GM" match -a crisis=no --top -1
hostile "--top 2^64" 64 "--top '18446744073709551616'" "$GM" match -a crisis=no --top 18446744073709551616
hostile "--top abc" 64 "--top 'abc'" "$GM" match -a crisis=no --top abc
hostile "--top 6" 0 "" "$GM" match -a crisis=no -a focus=support --top 6

echo "match --answers (JSON)"
hostile "empty answers file" 65 "empty:1:1:" "$GM" match --answers "$SCRATCH/empty"
hostile "BOM-only answers file" 65 ":1:" "$GM" match --answers "$HOSTILE/bom-only.csv"
hostile "NUL byte in answers JSON" 65 "nul-byte.json:1:14: NUL byte" "$GM" match --answers "$HOSTILE/nul-byte.json"
hostile "invalid UTF-8 in answers JSON" 65 "'goals'" "$GM" match --answers "$HOSTILE/invalid-utf8.json"
hostile "answers JSON nested 5000 deep" 65 "deep.json:1:1009: JSON nested more than 1000 levels deep" "$GM" match --answers "$SCRATCH/deep.json"
hostile "wrong JSON types everywhere: an unreadable safety answer is unclear, so urgent" 3 "invalid answer to 'goals'" "$GM" match --answers "$HOSTILE/wrong-types.json"
expect_out "wrong JSON types: the crisis contacts are shown" "findahelpline.com"
hostile "huge JSON numbers" 65 "invalid answer to 'comfort'" "$GM" match --answers "$HOSTILE/huge-numbers.json"
expect_err "huge JSON numbers: all counted" "(and 2 more invalid answers)"
expect_err "huge JSON numbers: out of range" "1e+300 is out of range"
hostile "answers JSON not an object" 65 "not-an-object.json:1:1: expected a JSON object" "$GM" match --answers "$HOSTILE/not-an-object.json"
hostile "10 MB answer value" 65 "invalid answer to 'goals'" "$GM" match --answers "$SCRATCH/big-value.json"
case $err in *"$BIGVALUE_PREFIX"*) fail "10 MB answer value: quoted whole" ;; *) ok ;; esac
hostile "answers file missing" 66 "cannot open '$SCRATCH/nosuch'" "$GM" match --answers "$SCRATCH/nosuch"
hostile "answers file is a directory" 66 "Is a directory" "$GM" match --answers "$SCRATCH"
hostile_in "answers on stdin, cut short" 65 "standard input:1:" "$HOSTILE/bom-only.csv" "$GM" match --answers -

echo "match --answers (FHIR)"
hostile "FHIR wrong value types: an unreadable safety answer is unclear, so urgent" 3 "the safety screen is positive" "$GM" match --answers "$HOSTILE/fhir-wrong-types.json"
hostile "FHIR malformed items" 65 "item[1]" "$GM" match --answers "$HOSTILE/fhir-bad-items.json"
hostile "FHIR resource not a response" 65 "resourceType" "$GM" match --answers "$HOSTILE/fhir-not-a-response.json"
hostile "FHIR items nested 200 deep" 65 "nested more than 64 deep" "$GM" match --answers "$SCRATCH/deep-fhir.json"

echo "check / --catalog"
hostile "empty catalogue" 78 "empty:1:1: empty file" "$GM" check "$SCRATCH/empty"
hostile "BOM-only catalogue" 78 "bom-only.csv:1:1:" "$GM" check "$HOSTILE/bom-only.csv"
hostile "catalogue nested 2000 deep" 78 "deep-catalog.json:1:1013: JSON nested more than 1000 levels deep" "$GM" check "$SCRATCH/deep-catalog.json"
hostile "catalogue with a NUL byte" 78 "NUL byte" "$GM" check "$HOSTILE/nul-byte.json"
hostile "catalogue with a 10 MB name" 78 "big-value.catalog.json: questions: missing" "$GM" check "$SCRATCH/big-value.catalog.json"
hostile "catalogue that is an answers file" 78 "unknown key" "$GM" check "$HOSTILE/wrong-types.json"
hostile "criterion on a question of bad kind" 78 "questions[1].kind: unknown kind 'bogus'" "$GM" check "$HOSTILE/catalog-bad-kind-in-criterion.json"
hostile "option without an id" 78 "questions[1].options[0].id: missing" "$GM" check "$HOSTILE/catalog-option-without-id.json"
hostile "--catalog missing for match" 66 "cannot open catalogue" "$GM" --catalog "$SCRATCH/nosuch" match -a crisis=no
hostile "--catalog invalid for match" 78 "deep-catalog.json:1:1013:" "$GM" match --catalog "$SCRATCH/deep-catalog.json" -a crisis=no
hostile "catalogue is a directory" 66 "cannot open catalogue" "$GM" check "$SCRATCH"

echo "ask (piped)"
hostile_in "ask: empty input" 130 "input ended before question 'crisis'" "$SCRATCH/empty" "$GM" ask
hostile_in "ask: NUL byte" 65 "line 2 (question 'goals'): line contains a NUL byte" "$HOSTILE/ask-nul-byte.txt" "$GM" ask
hostile_in "ask: invalid UTF-8" 65 "line 2 (question 'goals'):" "$HOSTILE/ask-invalid-utf8.txt" "$GM" ask
hostile_in "ask: 10 MB line" 65 "line 2 (question 'goals'): line longer than" "$SCRATCH/long-line.txt" "$GM" ask
hostile_in "ask: huge number" 65 "line 6 (question 'comfort'):" "$HOSTILE/ask-huge-number.txt" "$GM" ask
hostile_in "ask: unknown option" 65 "line 2 (question 'goals'): 'nosuch' is not an option" "$HOSTILE/ask-unknown-id.txt" "$GM" ask
printf '\357\273\277no\n1\n1\n1\n\n3\ny\ny\ny\ny\n' >"$SCRATCH/answers-bom.txt"
hostile_in "ask: byte order mark first" 0 "" "$SCRATCH/answers-bom.txt" "$GM" ask
hostile_in "ask: --top 0" 64 "--top '0'" "$SCRATCH/empty" "$GM" ask --top 0

echo "batch"
hostile "batch: empty file" 65 "'$SCRATCH/empty' is empty" "$GM" batch "$SCRATCH/empty"
hostile "batch: header only" 65 "no record to score: the input holds only a header row" "$GM" batch "$HOSTILE/header-only.csv"
expect_no_out "batch: header only writes nothing"
hostile "batch: BOM only" 65 "is empty" "$GM" batch "$HOSTILE/bom-only.csv"
hostile "batch: NUL byte in a field" 65 "2 records" "$GM" batch "$HOSTILE/nul-byte.csv"
expect_out "batch: NUL byte is placed" "P1,invalid,no,,,,,,,,\"line 2, column 'goals': 'personal?growth' is not an option"
expect_out "batch: NUL byte does not stop the batch" "P2,ok,"
hostile "batch: invalid UTF-8" 65 "2 records" "$GM" batch "$HOSTILE/invalid-utf8.csv"
expect_out "batch: invalid UTF-8 is placed" "P1,invalid,no,,,,,,,,\"line 2, column 'goals': '??' is not an option"
expect_out "batch: invalid UTF-8 does not stop the batch" "P2,ok,"
hostile "batch: 10 MB field" 65 "2 records" "$GM" batch "$SCRATCH/big-field.csv"
expect_out "batch: 10 MB field is placed" "line 2, column 'goals': field longer than"
expect_out "batch: 10 MB field does not stop the batch" "P9,ok,"
hostile "batch: 10 MB quoted field" 65 "2 records" "$GM" batch "$SCRATCH/big-quoted-field.csv"
expect_out "batch: 10 MB quoted field is placed" "line 2, column 'goals': field longer than"
expect_out "batch: 10 MB quoted field does not stop the batch" "P9,ok,"
hostile "batch: 100,000 columns in the header" 65 "line 1: more than" "$GM" batch "$SCRATCH/wide-header.csv"
hostile "batch: 100,000 columns in a row" 65 "2 records" "$GM" batch "$SCRATCH/wide-row.csv"
expect_out "batch: 100,000 columns is placed" "line 2: more than"
expect_out "batch: 100,000 columns does not stop the batch" "P9,ok,"
hostile "batch: unbalanced quote" 65 "2 records" "$GM" batch "$HOSTILE/unbalanced-quote.csv"
expect_out "batch: unbalanced quote is placed" "line 3: unterminated quoted field"
hostile "batch: text after a closing quote" 65 "2 records" "$GM" batch "$HOSTILE/text-after-quote.csv"
expect_out "batch: text after a quote is placed" "line 2, column 'goals': unexpected text after a closing quote"
hostile "batch: ragged rows" 65 "3 records" "$GM" batch "$HOSTILE/ragged.csv"
expect_out "batch: short row is placed" "P1,invalid,missing,,,,,,,,line 2: 2 fields where the header has 11"
expect_out "batch: long row is placed" "P2,invalid,missing,,,,,,,,line 3: 12 fields where the header has 11"
hostile "batch: huge numbers" 65 "3 records" "$GM" batch "$HOSTILE/huge-numbers.csv"
expect_out "batch: huge scale number" "line 2, column 'comfort': '99999999999999999999' is not a whole number in 1-5"
expect_out "batch: huge negative number" "line 3, column 'comfort': '-2147483649' is not a whole number in 1-5"
expect_out "batch: huge option number" "line 4, column 'goals': '99999999999999999999' is not an option"
hostile "batch: empty values are not enough to suggest a group" 65 "1 record" "$GM" batch "$HOSTILE/empty-values.csv"
hostile "batch: empty values, strict" 65 "1 record" "$GM" batch --strict "$HOSTILE/empty-values.csv"
hostile "batch: unknown option ids" 65 "1 record" "$GM" batch "$HOSTILE/unknown-ids.csv"
expect_out "batch: unknown option id is placed" "line 2, column 'goals': 'nosuch' is not an option"
hostile "batch: hostile rows as jsonl" 65 "2 records" "$GM" batch --format jsonl "$HOSTILE/nul-byte.csv"
expect_out "batch: jsonl keeps the invalid record" '"status":"invalid"'
hostile "batch: hostile rows summarised" 65 "" "$GM" batch --summary "$SCRATCH/wide-row.csv"
hostile "batch: --top 0" 64 "--top '0'" "$GM" batch --top 0 "$HOSTILE/header-only.csv"
hostile "batch: --top 7" 64 "--top '7'" "$GM" batch --top 7 "$HOSTILE/header-only.csv"
hostile "batch: --top 2^64" 64 "--top '18446744073709551616'" "$GM" batch --top 18446744073709551616 "$HOSTILE/header-only.csv"
hostile "batch: input missing" 66 "cannot open '$SCRATCH/nosuch'" "$GM" batch "$SCRATCH/nosuch"
hostile "batch: input is a directory" 66 "Is a directory" "$GM" batch "$SCRATCH"

echo "batch --map"
printf 'id,Q1\nP1,no\n' >"$SCRATCH/mapped.csv"
printf '{"columns":' >"$SCRATCH/map-cut.json"
printf '{"columns":{"Q1":"crisis"}} x\n' >"$SCRATCH/map-trailing.json"
printf '{"columns":{"Q1":"crisis",\000"Q2":"goals"}}\n' >"$SCRATCH/map-nul.json"
printf '{"columns":{"Q1":7}}\n' >"$SCRATCH/map-type.json"
printf 'from,to\n"Q1,crisis\n' >"$SCRATCH/map-unbalanced.csv"
python3 -c "print('{\"columns\":' + '[' * 5000 + ']' * 5000 + '}')" >"$SCRATCH/map-deep.json"
hostile "map: empty file" 65 "map '$SCRATCH/empty' is empty" "$GM" batch --map "$SCRATCH/empty" "$SCRATCH/mapped.csv"
hostile "map: JSON cut short" 65 "map-cut.json': line 1, column 12: unexpected end of JSON" "$GM" batch --map "$SCRATCH/map-cut.json" "$SCRATCH/mapped.csv"
hostile "map: text after the JSON" 65 "map-trailing.json': line 1, column 29: unexpected text after the JSON value" "$GM" batch --map "$SCRATCH/map-trailing.json" "$SCRATCH/mapped.csv"
hostile "map: NUL byte" 65 "map-nul.json': line 1, column 27: NUL byte" "$GM" batch --map "$SCRATCH/map-nul.json" "$SCRATCH/mapped.csv"
hostile "map: nested 5000 deep" 65 "map-deep.json': line 1, column 1011: JSON nested more than 1000 levels deep" "$GM" batch --map "$SCRATCH/map-deep.json" "$SCRATCH/mapped.csv"
hostile "map: wrong JSON type" 65 "columns.Q1: expected a string" "$GM" batch --map "$SCRATCH/map-type.json" "$SCRATCH/mapped.csv"
hostile "map: unbalanced quote" 65 "line 2: unterminated quoted field" "$GM" batch --map "$SCRATCH/map-unbalanced.csv" "$SCRATCH/mapped.csv"
hostile "map: 10 MB file" 65 "is larger than" "$GM" batch --map "$SCRATCH/big-value.json" "$SCRATCH/mapped.csv"
hostile "map: missing file" 66 "cannot open '$SCRATCH/nosuch'" "$GM" batch --map "$SCRATCH/nosuch" "$SCRATCH/mapped.csv"

# A field exactly at the 1 MiB limit ended by CRLF, with the CR and the LF
# in different reads, is still a field of 1 MiB.
python3 -c "import sys; sys.stdout.write('id,goals\r\nP1,' + 'x' * (1 << 20) + '\r')" >"$SCRATCH/crlf-part1"
run timeout "$LIMIT" sh -c '{ cat "$1"; sleep 0.3; printf "\n"; } | "$0" batch' "$GM" "$SCRATCH/crlf-part1"
report "batch: field at the limit, CR and LF apart" 65 "1 record"
expect_out "batch: field at the limit is read whole" "line 2, column 'goals': 'xxxxxxxx"

echo "I/O failures"
for cmd in "match -a crisis=no -a focus=support" "batch $HOSTILE/ragged.csv" "questions --format fhir" "groups" "check"; do
	# shellcheck disable=SC2086
	run timeout "$LIMIT" sh -c 'exec "$@" </dev/null >/dev/full' sh "$GM" $cmd
	report "$cmd >/dev/full" 74 "No space left on device"
	case $err in *"device"*"device"*) fail "$cmd >/dev/full: said twice" ;; *) ok ;; esac
done
run timeout "$LIMIT" sh -c 'exec "$0" ask <"$1" >/dev/full' "$GM" "$HOSTILE/ask-huge-number.txt"
report "ask with a bad line >/dev/full" 65 "line 6"
printf 'no\n1\n1\n1\n\n3\ny\ny\ny\ny\n' >"$SCRATCH/answers.txt"
run timeout "$LIMIT" sh -c 'exec "$0" ask <"$1" >/dev/full' "$GM" "$SCRATCH/answers.txt"
report "ask >/dev/full" 74 "No space left on device"

# A full disk under -o: the file size limit stands in for it (SIGXFSZ
# ignored, so writes fail with EFBIG as on a full disk).
mkdir -p "$SCRATCH/out"
run timeout "$LIMIT" sh -c 'trap "" XFSZ; ulimit -f 64; exec "$0" batch -q "$1" -o "$2"' "$GM" "$SCRATCH/many-rows.csv" "$SCRATCH/out/scored.csv"
report "batch -o onto a full disk" 74 "cannot write '$SCRATCH/out/scored.csv'"
if [ -z "$(ls -A "$SCRATCH/out")" ]; then ok; else fail "batch -o onto a full disk left: $(ls -A "$SCRATCH/out")"; fi
printf 'keep me\n' >"$SCRATCH/out/scored.csv"
run timeout "$LIMIT" sh -c 'trap "" XFSZ; ulimit -f 64; exec "$0" batch -q "$1" -o "$2"' "$GM" "$SCRATCH/many-rows.csv" "$SCRATCH/out/scored.csv"
report "batch -o onto a full disk, file there" 74 "cannot write"
if [ "$(cat "$SCRATCH/out/scored.csv")" = "keep me" ] && [ "$(ls -A "$SCRATCH/out")" = scored.csv ]; then ok; else
	fail "batch -o onto a full disk changed the old file: $(ls -A "$SCRATCH/out")"; fi
hostile "batch -o into a missing directory" 73 "" "$GM" batch "$HOSTILE/header-only.csv" -o "$SCRATCH/nosuch/scored.csv"

# A reader that stops early ends the batch at once, with exit 74.
run timeout "$LIMIT" bash -c '"$0" batch "$1" | head -1 >/dev/null; exit "${PIPESTATUS[0]}"' "$GM" "$SCRATCH/many-rows.csv"
report "batch FILE | head -1" 74 ""
run timeout "$LIMIT" bash -c 'cat "$1" | "$0" batch --format jsonl | head -c 10 >/dev/null; exit "${PIPESTATUS[1]}"' "$GM" "$SCRATCH/many-rows.csv"
report "cat FILE | batch --format jsonl | head -c 10" 74 ""

if [ "$(id -u)" -ne 0 ]; then
	cp "$HOSTILE/ragged.csv" "$SCRATCH/unreadable.csv"
	chmod 000 "$SCRATCH/unreadable.csv"
	hostile "batch: unreadable input" 66 "Permission denied" "$GM" batch "$SCRATCH/unreadable.csv"
	hostile "match: unreadable answers" 66 "Permission denied" "$GM" match --answers "$SCRATCH/unreadable.csv"
	hostile "check: unreadable catalogue" 66 "Permission denied" "$GM" check "$SCRATCH/unreadable.csv"
	chmod 600 "$SCRATCH/unreadable.csv"
fi

echo "privacy"
# Nothing is written but the requested output: not next to the input, not
# in the working directory, not in TMPDIR.
mkdir -p "$SCRATCH/priv/in" "$SCRATCH/priv/work" "$SCRATCH/priv/tmp" "$SCRATCH/priv/out"
cp "$HOSTILE/ragged.csv" "$HOSTILE/wrong-types.json" "$SCRATCH/priv/in/"
listing() { (cd "$SCRATCH/priv" && find . | sort); }
before=$(listing)
(
	cd "$SCRATCH/priv/work" || exit 1
	export TMPDIR=$SCRATCH/priv/tmp
	"$GM" batch ../in/ragged.csv -o ../out/scored.csv
	"$GM" batch ../in/ragged.csv --format jsonl
	"$GM" batch --summary <../in/ragged.csv
	"$GM" match --answers ../in/wrong-types.json
	"$GM" match -a crisis=no -a goals=grief --format json
	"$GM" ask <"$SCRATCH/answers.txt"
) >/dev/null 2>&1
after=$(listing)
if [ "$after" = "$(printf '%s\n./out/scored.csv' "$before" | sort)" ]; then ok; else
	fail "files appeared besides the output: $(diff <(echo "$before") <(echo "$after") | grep '^>' | tr '\n' ' ')"; fi

# No network, and no file opened for writing but the output (and its
# temporary beside it), where strace can watch.
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	traced() {
		strace -f -qq -y -e trace=socket,connect,openat,open,creat -o "$SCRATCH/trace" "$@" \
			>/dev/null 2>&1 <"$SCRATCH/answers.txt"
		# the output's unnamed temporary file (O_TMPFILE) is opened in its folder
		grep -E 'socket\(|connect\(|O_WRONLY|O_RDWR|O_CREAT|creat\(' "$SCRATCH/trace" |
			grep -vE "\"$SCRATCH/priv/out/(scored\.csv|\.scored\.csv\.[^\"]*)\"" |
			grep -vE "^[0-9]+ +openat\([0-9]+<$SCRATCH/priv/out>, \"\.\", [A-Z_|]*O_TMPFILE" || true
	}
	for cmd in "batch $SCRATCH/priv/in/ragged.csv -o $SCRATCH/priv/out/scored.csv" \
		"match --answers $SCRATCH/priv/in/wrong-types.json" "match -a crisis=no" "ask"; do
		# shellcheck disable=SC2086
		extra=$(traced "$GM" $cmd)
		if [ -z "$extra" ]; then ok; else fail "$cmd: network or other writes: $extra"; fi
	done
fi

finish
