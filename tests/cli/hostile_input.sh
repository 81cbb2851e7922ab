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

finish
