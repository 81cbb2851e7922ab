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

finish
