# hostile_input.sh - inputs that try to exhaust time, memory or the screen: each ends promptly with a bounded message.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

LIMIT=${GM_TIMEOUT:-5}

# within NAME CODE TEXT CMD...: CMD ends by itself within LIMIT seconds
# with exit CODE and TEXT on stderr.
within() {
	local name=$1 code=$2 text=$3
	shift 3
	run timeout "$LIMIT" "$@"
	if [ "$rc" = 124 ]; then fail "$name: still running after ${LIMIT}s"; else ok; fi
	expect_rc "$name" "$code"
	if [ -n "$text" ]; then expect_err "$name" "$text"; fi
}

echo "endless input"
within "ask </dev/zero" 65 "line 1 (question 'crisis'): line longer than" sh -c 'exec "$0" ask </dev/zero' "$GM"
within "ask after one answer </dev/zero" 65 "line 2 (question 'goals'): line longer than" \
	sh -c '{ echo no; cat /dev/zero; } | "$0" ask' "$GM"

echo "unbounded warnings"
# 9,000 unknown columns: the warning names a few and counts the rest.
python3 -c "
cols = ['id', 'crisis', 'issues'] + ['extra_%04d' % i for i in range(9000)]
print(','.join(cols))
print(','.join(['P1', 'no', 'grief'] + [''] * 9000))" >wide.csv
within "batch with 9,000 unknown columns" 0 "ignoring 9000 unknown columns: 'extra_0000', 'extra_0001'" "$GM" batch wide.csv
expect_err "the warning counts the columns it does not name" "and 8995 more"
if [ "${#err}" -le 400 ]; then ok; else fail "the warning is ${#err} bytes long"; fi
run "$GM" batch "$GM_TEST_DATA/batch/intake.csv"
expect_err "one unknown column is named" "ignoring 1 unknown column: 'notes'"
case $err in *"more"*) fail "one unknown column: said 'more'" ;; *) ok ;; esac

echo "outside bytes in messages"
# raw_controls TEXT: whether TEXT holds a C0 control (but newline), DEL,
# a C1 control in UTF-8 or a bidirectional control.
CONTROLS=$'[\x01-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]'
raw_controls() { printf '%s' "$1" | LC_ALL=C grep -qE "$CONTROLS"; }
# quoted NAME CODE TEXT CMD...: CMD fails with CODE, says TEXT, and what
# it echoes has no control characters left in it.
quoted() {
	local name=$1
	within "$@"
	if raw_controls "$err"; then fail "$name: control characters reach stderr: $(printf '%s' "$err" | od -c | head -3)"; else ok; fi
}
ESC=$'\033'
CSI=$'\xc2\x9b'
RLO=$'\xe2\x80\xae'
printf '{"crisis": x%s[2J}\n' "$ESC" >esc-syntax.json
quoted "JSON syntax error near an escape" 65 "JSON syntax error near 'x?[2J}'" "$GM" match --answers esc-syntax.json
printf '{"crisis": %s2J}\n' "$CSI" >csi-syntax.json
quoted "JSON syntax error near a C1 CSI" 65 "JSON syntax error near '?2J}'" "$GM" match --answers csi-syntax.json
quoted "answer with a C1 CSI" 65 "'?2J' is not" "$GM" match -a "crisis=no" -a "goals=${CSI}2J"
quoted "answer with U+202E" 65 "'gnp.?exe' is not" "$GM" match -a "crisis=no" -a "goals=gnp.${RLO}exe"
printf 'id,crisis,issues\nP1,no,"%s]52;c;aGk=\a"\n' "$ESC" >osc-cell.csv
within "batch cell with an OSC 52 clipboard write" 65 "" "$GM" batch osc-cell.csv
expect_out "batch cell with an OSC 52 clipboard write" "'?]52' is not an option"
if raw_controls "$out"; then fail "batch cell with an escape: control characters reach stdout"; else ok; fi
printf 'id,crisis,issues___%s[8m\nP1,no,1\n' "$ESC" >esc-checkbox.csv
quoted "checkbox column code with an escape" 65 "'?[8m' is not an option of 'issues'" "$GM" batch esc-checkbox.csv
printf '{"columns":{"Q1":"\\u001b[2J"}}\n' >esc-map.json
printf 'id,Q1\nP1,no\n' >mapped.csv
quoted "map value with an escape" 65 "columns.Q1: '?[2J' is not a question id" "$GM" batch --map esc-map.json mapped.csv
printf '{"columns":{"Q\\u009b1":"crisis","Q2":"x%s"}}\n' "$RLO" >csi-map.json
quoted "map key and value with C1 and U+202E" 65 "columns.Q2: 'x?' is not a question id" "$GM" batch --map csi-map.json mapped.csv
python3 - "$GM_SOURCE_DIR/groups.json" <<'PY'
import json, sys
cat = json.load(open(sys.argv[1]))
cat['questions'][1]['\u001b[2Jbogus'] = 1
cat['questions'][1]['kind'] = 'multi\u009b'
json.dump(cat, open('esc-key.json', 'w'))
PY
quoted "check: unknown key with an escape" 78 "questions[1].?[2Jbogus: unknown key '?[2Jbogus'" "$GM" check esc-key.json
expect_err "check: unknown kind with a C1 CSI" "unknown kind 'multi?'"
quoted "unknown long option with an escape" 64 "unknown option '--?[2J'" "$GM" batch "--${ESC}[2J"
quoted "unknown short option that is a control" 64 "unknown option '-?'" "$GM" match "-${ESC}"
quoted "unknown global option with U+202E" 64 "unknown option '--?x'" "$GM" "--${RLO}x" groups
quoted "unknown command with an escape" 64 "no command '?[2J'" "$GM" "${ESC}[2J"
quoted "--format with an escape" 64 "--format '?[2J' is not" "$GM" questions --format "${ESC}[2J"
quoted "--top with an escape" 64 "--top '?[2J' is not" "$GM" ask --top "${ESC}[2J"
quoted "--id-column with an escape" 64 "no column '?[2J' for --id-column" "$GM" batch --id-column "${ESC}[2J" "$GM_TEST_DATA/batch/intake.csv"
quoted "option lacking its value" 64 "option '--format' needs a value" "$GM" ask --format
quoted "short option lacking its value" 64 "option '-o' needs a value" "$GM" batch -o
quoted "option given a value it does not take" 64 "option '--strict' takes no value" "$GM" batch --strict=1

echo "terminal escapes in the catalogue"
# edit_catalog OUT FROM TO: groups.json with the first FROM replaced by TO.
edit_catalog() {
	python3 - "$GM_SOURCE_DIR/groups.json" "$@" <<'PY'
import sys
src, out, frm, to = sys.argv[1:]
text = open(src, encoding='utf-8').read()
assert frm in text, frm
open(out, 'w', encoding='utf-8').write(text.replace(frm, to, 1))
PY
}
edit_catalog clear.json '"Support group"' '"Support group\u001b[2J"'
edit_catalog hidden.json '"You want emotional support' '"\u001b[8mYou want emotional support'
edit_catalog osc52.json '"Support group"' '"Support\u001b]52;c;aGVsbG8=\u0007 group"'
edit_catalog csi.json '"Support group"' '"Support\u009b2J group"'
edit_catalog rlo.json '"Support group"' '"Support \u202egroup"'
edit_catalog nul.json '"Support group"' '"Supp\u0000ort group"'
quoted "check: ESC[2J in a group name" 78 "groups[1].name: control character U+001B at byte 14" "$GM" check clear.json
quoted "check: ESC[8m hiding a reason" 78 ".reason: control character U+001B at byte 1" "$GM" check hidden.json
quoted "check: OSC 52 clipboard write" 78 "groups[1].name: control character U+001B" "$GM" check osc52.json
quoted "check: C1 CSI" 78 "groups[1].name: control character U+009B" "$GM" check csi.json
quoted "check: right-to-left override" 78 "groups[1].name: bidirectional control U+202E" "$GM" check rlo.json
nul_line=$(grep -n '"Supp\\u0000ort group"' nul.json | cut -d: -f1)
quoted "check: \\u0000 inside a name" 78 "nul.json:$nul_line:20: \\u0000 (a NUL character) in a string" "$GM" check nul.json
for cmd in "groups" "questions" "match -a crisis=no -a issues=grief" "batch --summary $GM_TEST_DATA/batch/intake.csv"; do
	# shellcheck disable=SC2086
	quoted "$cmd --catalog with ESC[2J" 78 "control character U+001B" "$GM" --catalog clear.json $cmd
	if raw_controls "$out"; then fail "$cmd: control characters reach stdout"; else ok; fi
done
quoted "ask --catalog with a C1 CSI" 78 "control character U+009B" sh -c 'echo no | "$0" ask --catalog csi.json' "$GM"

echo "control characters in JSON output"
within "match --id with C1 and U+202E, as JSON" 0 "" "$GM" match -a crisis=no -a issues=grief --format json --id "P${CSI}1${RLO}"
expect_out "the id's C1 control is escaped" '"id": "P\u009b1\u202e"'
if raw_controls "$out"; then fail "match --format json: control characters reach stdout"; else ok; fi
printf 'id,crisis,issues\n"P%s1",no,grief\n"P%s2",no,grief\n' "$CSI" "$RLO" >ids.csv
within "batch --format jsonl with C1 and U+202E in ids" 0 "" "$GM" batch --format jsonl ids.csv
expect_out "batch jsonl escapes the C1 control" '"id":"P\u009b1"'
expect_out "batch jsonl escapes the override" '"id":"P\u202e2"'
if raw_controls "$out"; then fail "batch --format jsonl: control characters reach stdout"; else ok; fi

# CSV rows on a terminal: the ids' control characters are not obeyed.
printf 'id,crisis,issues\n"P%s[2J1",no,grief\n"P%s2",no,grief\n' "$ESC" "$CSI" >esc-ids.csv
run script -qec "'$GM' batch esc-ids.csv" /dev/null
if raw_controls "$(printf '%s' "$out" | tr -d '\r')"; then fail "batch to a terminal: the ids' controls reach it"; else ok; fi
expect_out "batch to a terminal shows the id" "P?[2J1,ok"
expect_out "batch to a terminal shows the C1 id" "P?2,ok"
# into a file the ids stay as they are
run "$GM" batch esc-ids.csv
expect_out "batch to a file keeps the id" "P${ESC}[2J1,ok"

echo "memory stays near the input's size"
# peak_kb CMD...: runs CMD and sets $kb to its peak resident set in KiB.
peak_kb() {
	/usr/bin/time -f '%M' -o "$SCRATCH/rss" "$@" >/dev/null 2>"$SCRATCH/.err"
	rc=$?
	err=$(cat "$SCRATCH/.err")
	kb=$(tail -1 "$SCRATCH/rss")
}
python3 -c "
import sys
sys.stdout.write('{\"crisis\":\"no\",\"goals\":[' + ','.join(['\"a\"'] * 4000000) + ']}')" >many-values.json
python3 - "$GM_SOURCE_DIR/groups.json" <<'PY'
import json, sys
cat = json.load(open(sys.argv[1]))
cat['groups'][0]['approaches'] = ['x'] * 8000000
json.dump(cat, open('many-values.catalog.json', 'w'), separators=(',', ':'))
PY
if [ -x /usr/bin/time ]; then
	peak_kb "$GM" match --answers many-values.json
	expect_rc "answers with 4 million values" 65
	expect_err "answers with 4 million values" "more than 100000 values in the JSON"
	if [ "$kb" -lt 100000 ]; then ok; else fail "answers with 4 million values (16 MB): peak RSS $kb KiB"; fi
	peak_kb "$GM" check many-values.catalog.json
	expect_rc "catalogue with 8 million values" 78
	expect_err "catalogue with 8 million values" "more than 100000 values in the JSON"
	if [ "$kb" -lt 200000 ]; then ok; else fail "catalogue with 8 million values (40 MB): peak RSS $kb KiB"; fi
fi

echo "catalogue loading stays linear"
# 45,000 comment keys and then 45,000 repeats of one key in one object:
# each repeat used to be compared with every key before it (50 s for
# this 1 MB file).
python3 - "$GM_SOURCE_DIR/groups.json" <<'PY'
import sys
text = open(sys.argv[1], encoding='utf-8').read()
add = ''.join('"_c%d":1,' % i for i in range(45000)) + '"name":"x",' * 45000
open('many-keys.json', 'w').write(text.replace('"format_version"', add + '"format_version"', 1))
PY
within "check: 90,000 keys in one object" 78 ": name: duplicate key 'name'" "$GM" check many-keys.json

finish
