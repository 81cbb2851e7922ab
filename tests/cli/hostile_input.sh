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
quoted "--format with an escape" 64 "--format: '?[2J' is not" "$GM" questions --format "${ESC}[2J"
quoted "--top with an escape" 64 "--top: '?[2J' is not" "$GM" ask --top "${ESC}[2J"
quoted "--id-column with an escape" 65 "no column '?[2J' for --id-column" "$GM" batch --id-column "${ESC}[2J" "$GM_TEST_DATA/batch/intake.csv"
quoted "option lacking its value" 64 "option '--format' needs a value" "$GM" ask --format

finish
