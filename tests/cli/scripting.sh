# scripting.sh - match as scripts use it: ids in any case, defaults, named unknown keys, the id in the report, stdin hints.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

ALL="-a crisis=no -a goals=life_transition -a focus=support -a issues=grief -a comfort=3 -a connect=yes -a feedback=no -a practice=no -a mutual=yes"

# Question ids in -a are case-insensitive, as batch headers are.
# shellcheck disable=SC2086
run "$GM" match $ALL --format json
lower=$out
run "$GM" match -a CRISIS=no -a Goals=life_transition -a FOCUS=support -a Issues=grief \
	-a comfort=3 -a Connect=yes -a feedback=no -a practice=no -a mutual=yes --format json
expect_rc "-a with question ids in capitals" 0
[ "$out" = "$lower" ] && ok || fail "-a ids in any case give the same result"

# The documented JSON answers work; an option given to the wrong question says where it belongs.
printf '{"issues":["grief"],"comfort":3,"connect":true}' >answers.json
run "$GM" match --answers answers.json -a crisis=no --format json
expect_rc "the documented answers file" 0
expect_out "the documented answers file ranks support first" '"group": "support"'
printf '{"goals":["grief"],"comfort":3,"connect":true}' >wrong.json
run "$GM" match --answers wrong.json
expect_rc "an option of another question" 65
expect_err "the error says whose option it is" "'grief' is an option of 'issues'"
run "$GM" match -a crisis=no -a goals=grief
expect_rc "-a with an option of another question" 65
expect_err "-a: the error says whose option it is" "'grief' is an option of 'issues'"

# A question with a default (structure) is answered by it in match, as Enter does in ask.
# shellcheck disable=SC2086
run "$GM" match $ALL --strict
expect_rc "--strict does not ask for a question with a default" 0
# shellcheck disable=SC2086
run "$GM" match $ALL --format json
expect_not_out "a question with a default is not listed as missing" '"structure"'
# shellcheck disable=SC2086
run "$GM" match $ALL -a structure=no_preference --format json
[ "$out" = "$lower" ] && ok || fail "the default scores as the same answer given"
printf '%s\n' no 1 '' 1 '' 3 y n n y | "$GM" ask --format json >ask.json
# shellcheck disable=SC2086
run "$GM" match -a crisis=no -a goals=1 -a focus=1 -a comfort=3 -a connect=y -a feedback=n \
	-a practice=n -a mutual=y --format json
expect_same "ask (Enter at structure) and match (no structure) agree" ask.json .out

# Unknown keys are named, not just counted; FHIR items by their linkId.
printf '{"crisis":false,"comfort":3,"age":40,"name":"A"}' >extra.json
run "$GM" match --answers extra.json
expect_err "unknown keys are named" "warning: 'extra.json': ignored 2 keys that are not questions: 'age', 'name'"
run "$GM" match --answers "$GM_TEST_DATA/fhir/response.json"
expect_err "unknown FHIR items are named" "ignored 1 item that is not a question: 'referral_source'"
run "$GM" -q match --answers extra.json
[ -z "$err" ] && ok || fail "-q silences the unknown-key warning"

# --id appears in the text report, so printed reports can be told apart.
# shellcheck disable=SC2086
run "$GM" match $ALL --id P7
expect_out "the text report shows the id" "Id: P7"
first=$(printf '%s\n' "$out" | head -1)
[ "$first" = "Id: P7" ] && ok || fail "the id comes first, got '$first'"
run "$GM" match -a crisis=yes --id P8
expect_rc "urgent with an id" 3
expect_out "an urgent report shows the id too" "Id: P8"
# shellcheck disable=SC2086
run "$GM" match $ALL
expect_not_out "no id, no id line" "Id:"

# Waiting on a terminal for stdin says so on stderr; piped input does not.
python3 - "$GM" >hint.txt <<'PY'
import os, pty, select, sys, time
gm = sys.argv[1]
for args in (["match", "--answers", "-"], ["batch"]):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(gm, [gm] + args)
    seen = b""
    end = time.time() + 5
    while time.time() < end and b"Ctrl-D" not in seen:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    print(" ".join(args) + ": " + seen.decode("utf-8", "replace").strip())
PY
out=$(cat hint.txt)
expect_out "match --answers - at a terminal hints" "match --answers -: groupmatch: reading answers as JSON from the terminal; end with Ctrl-D"
expect_out "batch at a terminal hints" "batch: groupmatch: reading an intake CSV from the terminal; end with Ctrl-D"
run "$GM" match --answers - <answers.json
expect_not_out "no hint when stdin is a file" "reading"
case $err in *reading*) fail "no hint on stderr when stdin is a file" ;; *) ok ;; esac

# An --id-column that names no column is a usage error, as any bad option is.
printf 'id,crisis,goals\nP1,no,1\n' >intake.csv
run "$GM" batch --id-column nosuch intake.csv
expect_rc "--id-column naming no column" 64
expect_err "--id-column naming no column says which" "no column 'nosuch' for --id-column"
expect_err "--id-column naming no column points to --help" "Try 'groupmatch batch --help'"
expect_no_out "--id-column naming no column writes no rows"

finish
