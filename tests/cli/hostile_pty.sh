# hostile_pty.sh - bad lines typed at the terminal: ask says why, asks again, and still finishes.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

LIMIT=${GM_TIMEOUT:-10}

# session NAME CODE TEXT LINE...: types each LINE (Python bytes literals)
# at a pseudo-terminal running 'groupmatch ask' and wants exit CODE and
# TEXT somewhere in what the terminal showed.
session() {
	local name=$1 code=$2 text=$3
	shift 3
	python3 - "$GM" "$LIMIT" "$@" >"$SCRATCH/.screen" 2>&1 <<'EOF'
import os, pty, select, sys, time
gm, limit, lines = sys.argv[1], float(sys.argv[2]), [eval(a, {"__builtins__": {}}) for a in sys.argv[3:]]
pid, fd = pty.fork()
if pid == 0:
    os.environ["NO_COLOR"] = "1"
    os.environ["TERM"] = "xterm"
    os.execv(gm, [gm, "ask"])
screen = b""
def pump(wait):
    global screen
    end = time.time() + wait
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            screen += chunk
    return True
pump(0.3)
for line in lines:
    os.write(fd, line)
    if not pump(0.15):
        break
deadline = time.time() + limit
status = None
while time.time() < deadline:
    pump(0.05)
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(st)
        break
if status is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    status = 124
pump(0.1)
sys.stdout.write(screen.decode("utf-8", "replace"))
sys.stdout.write("\nEXIT %d\n" % status)
EOF
	out=$(cat "$SCRATCH/.screen")
	rc=$(sed -n 's/^EXIT \([0-9-]*\)$/\1/p' "$SCRATCH/.screen" | tail -1)
	err=""
	printf '  %-44s exit %s\n' "$name" "$rc"
	expect_rc "$name" "$code"
	if [ -n "$text" ]; then expect_out "$name" "$text"; fi
}

# the last two: Enter skips the screeners, Enter at the review
REST="b'1\n' b'1\n' b'1\n' b'\n' b'3\n' b'y\n' b'y\n' b'y\n' b'y\n' b'\n' b'\n'"
# shellcheck disable=SC2086
session "NUL, invalid UTF-8 and a long line, then answers" 0 "Group types, best match first" \
	"b'\x00\n'" "b'\xff\xfe\n'" "b'y' * 2000 + b'\n'" "b'no\n'" $REST
expect_out "a NUL byte is refused" "NUL byte"
expect_out "invalid UTF-8 is refused" "is not yes or no"
expect_out "a long line is refused" "too long"
# shellcheck disable=SC2086
session "a bad answer to every question, then good ones" 0 "Group types, best match first" \
	"b'nah\n'" "b'no\n'" "b'99\n'" "b'1\n'" "b'nosuch\n'" "b'1\n'" "b';;;\n'" "b'1\n'" \
	"b'\n'" "b'99999999999999999999\n'" "b'3\n'" "b'2\n'" "b'y\n'" "b'y\n'" "b'y\n'" "b'y\n'" \
	"b'\n'" "b'12345\n'" "b'\n'"
expect_out "an out-of-range review choice is refused" "is not a number from 1 to"
session "end of input in the middle" 130 "not finished" "b'no\n'" "b'\x04'"
session "Ctrl-C in the middle" 130 "not finished" "b'no\n'" "b'\x03'"

finish
