#!/usr/bin/env python3
"""ask_pty.py - drives `groupmatch ask` through a real pseudo-terminal.

Run by ask_pty.sh with GROUPMATCH set to the binary and GM_SOURCE_DIR to the
source tree (for the catalogue's help texts).  Prints one line per failure
and a count; exits 1 when anything failed.  GM_PTY_VERBOSE=1 prints every
session's transcript.

`ask_pty.py --transcript` prints instead the whole session that the README
shows under "A person at a terminal" (DOCUMENTED_ANSWERS, typed at an
80-column terminal), to paste there; test_the_documented_transcript checks
that the README's block, with its elisions, is that session.
"""
import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

GM = os.environ["GROUPMATCH"]
SRC = os.environ.get("GM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
VERBOSE = os.environ.get("GM_PTY_VERBOSE")
TIMEOUT = 10.0

with open(os.path.join(SRC, "groups.json"), encoding="utf-8") as f:
    CATALOG = json.load(f)
QUESTIONS = {q["id"]: q for q in CATALOG["questions"]}

passed = 0
failed = 0


def env_for_test():
    env = dict(os.environ)
    env.pop("GROUPMATCH_CATALOG", None)
    env.pop("COLUMNS", None)
    env["NO_COLOR"] = "1"
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env["TERM"] = "xterm"
    return env


def flat(s):
    """Text with every run of white space made one space, for wrapped output."""
    return re.sub(r"\s+", " ", s)


class Session:
    """One groupmatch process whose terminal is a pty we hold both ends of."""

    def __init__(self, args, stdout_path=None, cols=80, rows=24, env=None):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.termios_before = termios.tcgetattr(self.slave)
        self.out = b""
        self.pos = 0
        self.status = None
        pid = os.fork()
        if pid == 0:
            try:
                os.setsid()
                fcntl.ioctl(self.slave, termios.TIOCSCTTY, 0)
                os.dup2(self.slave, 0)
                if stdout_path:
                    fd = os.open(stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    os.dup2(fd, 1)
                    os.close(fd)
                else:
                    os.dup2(self.slave, 1)
                os.dup2(self.slave, 2)
                os.close(self.master)
                os.close(self.slave)
                os.execve(GM, [GM] + args, env or env_for_test())
            finally:
                os._exit(127)
        self.pid = pid

    def _read(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        self.out += data
        return True

    def text(self):
        return self.out.decode("utf-8", "replace").replace("\r\n", "\n")

    def expect(self, needle, timeout=TIMEOUT):
        """Waits until needle appears after the last match, comparing with
        every run of white space made one space (the output is wrapped);
        returns True when it did."""
        end = time.monotonic() + timeout
        want = flat(needle)
        while True:
            got = flat(self.text())
            i = got.find(want, self.pos)
            if i >= 0:
                self.pos = i + len(want)
                return True
            left = end - time.monotonic()
            if left <= 0 or (self.status is not None and not self._read(0)):
                return False
            self._read(min(left, 0.2))
            self._poll()

    def prompt(self):
        return self.expect("> ")

    def send(self, line):
        os.write(self.master, line.encode("utf-8") + b"\r")

    def key(self, byte):
        os.write(self.master, byte)

    def _poll(self):
        if self.status is None:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = st

    def wait(self, timeout=TIMEOUT):
        end = time.monotonic() + timeout
        while self.status is None and time.monotonic() < end:
            self._read(0.05)
            self._poll()
        while self._read(0.05):
            pass
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            return None
        if os.WIFEXITED(self.status):
            return os.WEXITSTATUS(self.status)
        return 128 + os.WTERMSIG(self.status)

    def close(self):
        if self.status is None:
            self.wait(1)
        if VERBOSE:
            sys.stdout.write(self.text())
        self.termios_after = termios.tcgetattr(self.slave)
        os.close(self.master)
        os.close(self.slave)


def check(name, cond, session=None):
    global passed, failed
    if cond:
        passed += 1
        return
    failed += 1
    print("FAIL: " + name)
    if session is not None:
        print("  transcript (last 1500 chars):")
        print("  " + session.text()[-1500:].replace("\n", "\n  "))


def piped(answers, *args):
    """The same questionnaire answered through a pipe; (code, stdout)."""
    p = subprocess.run([GM, "ask"] + list(args), input="\n".join(answers) + "\n",
                       capture_output=True, text=True, env=env_for_test())
    return p.returncode, p.stdout


def answer_all(s, answers):
    for a in answers:
        if not s.prompt():
            return False
        s.send(a)
    return True


# The last line of the review, before its prompt.
REVIEW_END = "Enter shows the result"

# A person after deep emotional work, open-ended, comfortable sharing.
# The last line is an Enter at the offer of the screeners: it skips them.
DEEP = ["no", "3 4", "2", "3", "15 14", "5", "y", "y", "n", "y", ""]


def test_wrong_answer_is_explained_and_asked_again():
    s = Session(["ask"])
    ok = s.prompt()
    s.send("nah")
    check("a wrong yes/no answer says why", ok and s.expect("'nah' is not yes or no"), s)
    check("the question is asked again", s.prompt(), s)
    s.send("no")
    check("after a good answer the next question comes", s.expect(QUESTIONS["goals"]["text"]), s)
    s.prompt()
    s.send("42")
    check("an option number out of range says why", s.expect("'42' is not one of the choices"), s)
    s.prompt()
    s.send("1 3")
    check("several choices separated by a blank are taken",
          s.expect(QUESTIONS["structure"]["text"]), s)
    s.key(b"\x04")
    check("Ctrl-D mid-way exits 130", s.wait() == 130, s)
    check("Ctrl-D says the questionnaire is not finished",
          "questionnaire not finished" in s.text(), s)
    check("Ctrl-D prints no result", "Group types" not in s.text(), s)
    s.close()


def test_help_and_back():
    s = Session(["ask"])
    s.prompt()
    s.send("?")
    check("? shows the question's help", s.expect(QUESTIONS["crisis"]["help"]), s)
    s.prompt()
    s.send("b")
    check("back at the first question says so", s.expect("This is the first question"), s)
    s.prompt()
    s.send("n")
    s.prompt()
    s.send("symptom_relief, Personal growth")
    s.expect(QUESTIONS["structure"]["text"])
    s.prompt()
    s.send("back")
    check("back returns to the previous question", s.expect(QUESTIONS["goals"]["text"]), s)
    check("the previous question shows its current answer",
          s.expect("Enter keeps Relief from symptoms, Personal growth"), s)
    s.prompt()
    s.send("")
    check("Enter keeps the answer and moves on", s.expect(QUESTIONS["structure"]["text"]), s)
    check("a question with a default shows it", s.expect("Enter = No preference"), s)
    s.key(b"\x03")
    code = s.wait()
    check("Ctrl-C exits 130", code == 130, s)
    check("Ctrl-C says the questionnaire is not finished",
          "questionnaire not finished" in s.text(), s)
    s.close()
    lflag = s.termios_after[3]
    check("the terminal is left in canonical mode with echo after Ctrl-C",
          lflag & termios.ICANON and lflag & termios.ECHO)
    check("the terminal settings are as before after Ctrl-C",
          s.termios_after == s.termios_before)


def test_review_changes_the_ranking():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        s = Session(["ask", "--format", "json"], stdout_path=out)
        answer_all(s, DEEP)
        check("the review lists the answers", s.expect("Your answers"), s)
        check("the review shows an answer by its label", s.expect("Deep emotional work"), s)
        s.prompt()
        s.send("zz")
        check("a bad review entry says why", s.expect("'zz' is not a number from 1 to 10"), s)
        s.prompt()
        s.send("4")
        check("a number in the review reopens that question",
              s.expect(QUESTIONS["focus"]["text"]), s)
        s.prompt()
        s.send("2")
        check("after the change the review comes back", s.expect("Your answers"), s)
        s.prompt()
        s.send("")
        code = s.wait()
        s.close()
        with open(out, encoding="utf-8") as f:
            got = f.read()
    changed = list(DEEP)
    changed[3] = "2"
    code_before, before = piped(DEEP, "--format", "json")
    code_after, after = piped(changed, "--format", "json")
    check("ask exits 0 after the review", code == 0, s)
    check("the changed answer changes the ranking", before != after and code_before == 0)
    check("the result is that of the changed answers", got == after)
    try:
        first = json.loads(got)["ranking"][0]["group"]
        check("the new first group differs from the old one",
              first != json.loads(before)["ranking"][0]["group"])
    except (ValueError, KeyError, IndexError):
        check("the result on stdout is the JSON object", False, s)
    check("no prompt went to stdout", "> " not in got and REVIEW_END not in got
          and QUESTIONS["goals"]["text"] not in got)


def test_final_screen():
    s = Session(["ask"])
    answer_all(s, DEEP)
    s.expect(REVIEW_END)
    s.prompt()
    s.send("y")
    code = s.wait()
    screen = s.text().rsplit(REVIEW_END, 1)[-1].split("\n", 1)[-1]
    check("ask exits 0 with a result", code == 0, s)
    check("the final screen has bars", "█" in screen and "%" in screen, s)
    check("the final screen has reasons", re.search(r"^\s+\+ \S", screen, re.M) is not None, s)
    check("the final screen ends with the reminder",
          flat(CATALOG["messages"]["reminder"]) in flat(screen), s)
    check("the final screen's lines fit the terminal",
          all(len(l) <= 80 for l in screen.split("\n")), s)
    s.close()


def test_crisis_yes_stops_at_once():
    s = Session(["ask"])
    s.prompt()
    s.send("yes")
    code = s.wait()
    check("crisis yes exits 3", code == 3, s)
    check("crisis yes shows the urgent message",
          flat(CATALOG["messages"]["urgent"])[:60] in flat(s.text()), s)
    check("crisis yes shows a contact", "findahelpline.com" in s.text(), s)
    check("crisis yes asks nothing more", QUESTIONS["goals"]["text"] not in s.text(), s)
    s.close()


def test_a_resized_window_rewraps_the_next_question():
    s = Session(["ask"], cols=100)
    s.prompt()
    s.send("no")
    s.prompt()
    fcntl.ioctl(s.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 45, 0, 0))
    s.send("1")
    s.expect("3/10")
    s.prompt()
    tail = s.text()[s.text().rfind("3/10"):]
    check("after a resize the next question fits the new width",
          all(len(l) <= 45 for l in tail.split("\n")), s)
    s.key(b"\x04")
    s.wait()
    s.close()


def test_interrupted_session_writes_nothing_to_stdout():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        s = Session(["ask", "--format", "json"], stdout_path=out)
        answer_all(s, DEEP[:3])
        s.prompt()
        s.key(b"\x03")
        check("Ctrl-C with stdout redirected exits 130", s.wait() == 130, s)
        s.close()
        check("Ctrl-C leaves stdout empty", os.path.getsize(out) == 0)
        s = Session(["ask", "--format", "json"], stdout_path=out)
        answer_all(s, DEEP)
        s.expect(REVIEW_END)
        s.prompt()
        s.key(b"\x04")
        check("Ctrl-D at the review exits 130", s.wait() == 130, s)
        s.close()
        check("Ctrl-D at the review leaves stdout empty", os.path.getsize(out) == 0)


def test_bare_groupmatch_on_a_terminal_asks():
    s = Session([])
    check("bare groupmatch on a terminal starts the questionnaire",
          s.expect(QUESTIONS["crisis"]["text"]), s)
    s.prompt()
    s.key(b"\x04")
    check("bare groupmatch: Ctrl-D exits 130", s.wait() == 130, s)
    s.close()


def test_strict_needs_every_answer():
    s = Session(["ask", "--strict"])
    answer_all(s, DEEP[:4])
    s.prompt()
    s.send("")
    check("--strict refuses to skip a question", s.expect("needs an answer"), s)
    s.key(b"\x03")
    check("Ctrl-C at a retry exits 130", s.wait() == 130, s)
    s.close()


def test_colour_and_width():
    env = env_for_test()
    env.pop("NO_COLOR")
    s = Session(["--color=always", "ask"], cols=50, env=env)
    s.prompt()
    check("--color=always colours the prompts", "\033[" in s.text(), s)
    s.key(b"\x04")
    s.wait()
    s.close()
    s = Session(["ask"], cols=50)
    s.prompt()
    s.send("no")
    s.prompt()
    lines = re.sub(r"\033\[[0-9;]*m", "", s.text()).split("\n")
    check("prompts wrap to a 50-column terminal", all(len(l) <= 50 for l in lines), s)
    s.key(b"\x04")
    s.wait()
    s.close()


LEFT, RIGHT, UP, DOWN = b"\033[D", b"\033[C", b"\033[A", b"\033[B"
HOME, END, CTRL_W = b"\033[H", b"\033[F", b"\x17"


def type_keys(s, *parts):
    """Types text and keys, each part on its own, as a person would."""
    for part in parts:
        s.key(part.encode("utf-8") if isinstance(part, str) else part)
        time.sleep(0.05)


def test_arrow_keys_edit_the_answer():
    s = Session(["ask"])
    s.prompt()
    # typed ahead, while the next question is still being shown
    s.send("no")
    type_keys(s, "13", LEFT, ",", b"\r")
    check("13, Left, ',' and Enter is taken as an answer",
          s.expect(QUESTIONS["structure"]["text"]), s)
    check("Left does not put an escape sequence into the answer", "[D" not in s.text(), s)
    s.prompt()
    s.send("b")
    check("13, Left, ',' answered goals 1 and 3",
          s.expect("Enter keeps Relief from symptoms, Personal growth"), s)
    s.prompt()
    s.send("")
    s.expect(QUESTIONS["structure"]["text"])
    s.prompt()
    s.send("2")
    s.expect(QUESTIONS["focus"]["text"])
    s.prompt()
    # Up goes back through earlier answers: "2", then "b", then "1,3"
    type_keys(s, UP, UP, UP, b"\r")
    check("Up recalls an earlier answer", s.expect(QUESTIONS["issues"]["text"]), s)
    check("Up does not echo an escape sequence", "^[[A" not in s.text(), s)
    s.prompt()
    s.send("b")
    check("the recalled answer was the one typed before",
          s.expect("Enter keeps Education, Deep emotional work"), s)
    s.prompt()
    s.send("")
    s.expect(QUESTIONS["issues"]["text"])
    s.prompt()
    # Home and End move to the ends; Ctrl-W deletes the word before the cursor
    type_keys(s, "4", HOME, "1,", END, ",nosuch", CTRL_W, "15", b"\r")
    check("Home, End and Ctrl-W edit the answer", s.expect(QUESTIONS["comfort"]["text"]), s)
    s.prompt()
    s.send("b")
    issues = CATALOG["questions"][4]["options"]
    want = ", ".join(issues[i - 1]["label"] for i in (1, 4, 15))
    check("Home, End and Ctrl-W gave issues 1, 4 and 15", s.expect("Enter keeps " + want), s)
    s.prompt()
    type_keys(s, "12", LEFT)
    s.key(b"\x03")
    check("Ctrl-C in the middle of a line exits 130", s.wait() == 130, s)
    check("Ctrl-C in the middle of a line says the questionnaire is not finished",
          "questionnaire not finished" in s.text(), s)
    s.close()
    check("the terminal settings are as before after editing",
          s.termios_after == s.termios_before)


def test_help_after_a_resize_wraps_to_the_new_width():
    s = Session(["ask"], cols=100)
    s.prompt()
    s.send("?")
    s.expect(QUESTIONS["crisis"]["help"][:30])
    s.prompt()
    wide = s.text()
    help_wide = wide[wide.rfind("> ?"):]
    check("at 100 columns the help has lines wider than 50",
          any(len(l) > 50 for l in help_wide.split("\n")), s)
    fcntl.ioctl(s.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 50, 0, 0))
    time.sleep(0.2)
    start = len(s.text())
    s.send("?")
    s.expect(QUESTIONS["crisis"]["help"][:30])
    s.prompt()
    after = s.text()[start:]
    check("after a resize, ? wraps the help to the new width",
          after.count("\n") > 2 and all(len(l) <= 50 for l in after.split("\n")), s)
    s.key(b"\x04")
    s.wait()
    s.close()


def test_piped_lines_after_the_last_question_are_reported():
    p = subprocess.run([GM, "ask", "--format", "json"],
                       input="\n".join(DEEP[:10] + ["extra"]) + "\n",
                       capture_output=True, text=True, env=env_for_test())
    check("an extra line after the last answer is an error", p.returncode == 65)
    check("the extra line is named with its number",
          "line 11" in p.stderr and "after the last question" in p.stderr)
    check("no result for an input with extra lines", p.stdout == "")
    code, out = piped(DEEP + [""], "--format", "json")
    check("a trailing empty line is not an extra answer", code == 0 and out.startswith("{"))


def test_errors_speak_of_what_the_person_sees():
    s = Session(["ask"])
    intro = s.expect("Answer with a number or a label")
    check("the intro does not speak of ids", intro and " an id" not in s.text(), s)
    s.prompt()
    s.send("no")
    s.prompt()
    s.send("none")
    check("'none' where a choice is needed says so in plain words",
          s.expect("'none' is not possible here: pick at least one"), s)
    check("no internal ids are listed", "symptom_relief" not in s.text(), s)
    s.prompt()
    s.send("1")
    s.prompt()
    s.send("")
    s.prompt()
    s.send("1")
    s.prompt()
    s.send("zebra")
    check("an unknown word says what was typed and the numbers on screen",
          s.expect("'zebra' is not one of the choices: type a number from 1 to 17"), s)
    check("ask never sends the person to another command", "groupmatch questions" not in s.text(), s)
    s.prompt()
    s.send("anxity")
    check("a near miss suggests the label on screen", s.expect("did you mean 1, " + QUESTIONS["issues"]["options"][0]["label"] + "?"), s)
    s.prompt()
    s.key(b"\x03")
    s.wait()
    s.close()


# The session the README shows: a typo and the help on the way, issues skipped,
# the screeners declined, and the result asked for at the review.
DOCUMENTED_ARGS = ["ask", "--top", "2"]
DOCUMENTED_ANSWERS = ["no", "3", "open-endd", "2", "?", "3", "", "4", "y", "y", "n", "y", "", ""]
README_MARK = "tests/cli/ask_pty.py"


def documented_transcript():
    """What a person typing DOCUMENTED_ANSWERS sees, as a console block shows it."""
    s = Session(DOCUMENTED_ARGS)
    for a in DOCUMENTED_ANSWERS:
        if not s.prompt():
            break
        s.send(a)
    code = s.wait()
    s.close()
    lines = [l.rstrip() for l in s.text().split("\n")]
    return code, ["$ groupmatch " + " ".join(DOCUMENTED_ARGS)] + lines


def readme_transcript():
    """The README's console block whose doctest marker names this script."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "gm_doctest", os.path.join(os.path.dirname(os.path.abspath(__file__)), "doctest.py"))
    doctest = importlib.util.module_from_spec(spec)
    os.environ.setdefault("GM_SOURCE_DIR", SRC)
    spec.loader.exec_module(doctest)
    text = open(os.path.join(SRC, "README.md"), encoding="utf-8").read().split("\n")
    for i, line in enumerate(text):
        if line.startswith("<!-- doctest: skip") and README_MARK in line and \
                i + 1 < len(text) and text[i + 1] == "```console":
            end = text.index("```", i + 2)
            return doctest, text[i + 2:end]
    return doctest, None


def test_the_documented_transcript():
    doctest, shown = readme_transcript()
    check("the README has a console block marked as checked by ask_pty.py", shown is not None)
    if shown is None:
        return
    code, got = documented_transcript()
    check("the documented session ends with a result (exit 0)", code == 0)
    same = doctest.matches(shown, got)
    check("the README's ask transcript is the session ask_pty.py --transcript prints", same)
    if not same:
        print("  generated (python3 tests/cli/ask_pty.py --transcript):")
        print("  | " + "\n  | ".join(got))


def run_tests(tests):
    for name, fn in list(tests.items()):
        if name.startswith("test_") and callable(fn):
            fn()
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if sys.argv[1:] == ["--transcript"]:
        code, lines = documented_transcript()
        print("\n".join(lines).rstrip("\n"))
        sys.exit(0 if code == 0 else 1)
    run_tests(globals())
