#!/usr/bin/env python3
"""ask_kiosk.py - the prompts of `groupmatch ask` cannot start a program.

libedit's default keys open its command line (ESC x, ESC X, and U+00D8 or
U+00F8 taken as 8-bit meta keys), whose `bind -v` switches to vi mode, where
`v` starts $EDITOR and so a shell.  On an intake kiosk that is a way out.
Each session here types such keys at a real pseudo-terminal with $EDITOR,
$VISUAL and ~/.editrc planted, and checks that no process was started, that
what was typed was taken as an answer, and that the terminal is restored.

Run by ask_kiosk.sh with GROUPMATCH set to the binary.  Prints one line per
failure and a count; exits 1 when anything failed.
"""
import fcntl
import os
import select
import signal
import struct
import sys
import tempfile
import termios
import time

GM = os.environ["GROUPMATCH"]
TIMEOUT = 10.0

passed = 0
failed = 0


def check(name, cond, transcript=""):
    global passed, failed
    if cond:
        passed += 1
        return
    failed += 1
    print("FAIL: " + name)
    if transcript:
        print("  transcript (last 800 chars): " + repr(transcript[-800:]))


def children(pid):
    """The pids of pid's children that run another program, from /proc.
    A child still running groupmatch itself is not a program started: a
    sanitizer build's leak checker clones such a tracer at exit."""
    kids = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                kids += f.read().split()
    except OSError:
        pass
    started = []
    for kid in kids:
        try:
            exe = os.path.realpath("/proc/%s/exe" % kid)
        except OSError:
            continue
        if exe != os.path.realpath(GM):
            started.append(kid)
    return started


class Session:
    def __init__(self, home):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.before = termios.tcgetattr(self.slave)
        self.marker = os.path.join(home, "started")
        editor = os.path.join(home, "editor.sh")
        with open(editor, "w") as f:
            f.write("#!/bin/sh\necho started >>'%s'\n" % self.marker)
        os.chmod(editor, 0o755)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home, "EDITRC": os.path.join(home, ".editrc"),
            "EDITOR": editor, "VISUAL": editor, "FCEDIT": editor, "SHELL": editor,
            "TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1",
        }
        self.out = b""
        self.spawned = []
        pid = os.fork()
        if pid == 0:
            try:
                os.setsid()
                fcntl.ioctl(self.slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(self.slave, fd)
                os.close(self.master)
                os.close(self.slave)
                os.execve(GM, [GM, "ask"], env)
            finally:
                os._exit(127)
        self.pid = pid
        self.status = None

    def pump(self, wait):
        end = time.monotonic() + wait
        while time.monotonic() < end:
            self.spawned += children(self.pid)
            r, _, _ = select.select([self.master], [], [], 0.02)
            if r:
                try:
                    self.out += os.read(self.master, 65536)
                except OSError:
                    return

    def type(self, data):
        os.write(self.master, data)
        self.pump(0.15)

    def finish(self):
        os.write(self.master, b"\x04")  # Ctrl-D on an empty line: not finished
        end = time.monotonic() + TIMEOUT
        while self.status is None and time.monotonic() < end:
            self.pump(0.05)
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = st
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            code = None
        else:
            code = os.WEXITSTATUS(self.status) if os.WIFEXITED(self.status) else -1
        after = termios.tcgetattr(self.slave)
        os.close(self.master)
        os.close(self.slave)
        return code, after

    def text(self):
        return self.out.decode("utf-8", "replace")


ESC = b"\x1b"
# Each attack: a name, what is typed, and the text the answer must echo
# (the keys did nothing but type text).
ATTACKS = [
    ("ESC x, bind -v, then ESC v", [ESC + b"x", b"bind -v\r", ESC, b"v", b"\r"], "'bind -v'"),
    ("ESC X, bind -v, then ESC v", [ESC + b"X", b"bind -v\r", ESC, b"v", b"\r"], "'bind -v'"),
    ("U+00F8 as a meta key, then a command", ["ø".encode(), b"bind -v\r", ESC, b"v", b"\r"], "'øbind -v'"),
    ("U+00D8 as a meta key, then a command", ["Ø".encode(), b"echotc cl\r"], "'Øechotc cl'"),
    ("Ctrl-X twice, Ctrl-V and Ctrl-R", [b"\x18\x18", b"\x16", ESC, b"\x12", b"settc\r"], "'settc'"),
    ("ESC ! and ESC _", [ESC + b"!", ESC + b"_", b"history\r"], "'history'"),
]

EDITRCS = [
    "",                                   # none
    "bind -v\n",                          # vi mode from the start
    "bind y ed-command\nbind ^A vi-histedit\n",
]

# every attack with the most hostile ~/.editrc, and the first with each
CASES = [(EDITRCS[-1], a) for a in ATTACKS] + [(e, ATTACKS[0]) for e in EDITRCS[:-1]]

for editrc, (name, keys, echoed) in CASES:
    with tempfile.TemporaryDirectory() as home:
        with open(os.path.join(home, ".editrc"), "w") as f:
            f.write(editrc)
        s = Session(home)
        s.pump(0.8)
        for k in keys:
            s.type(k)
        # a plain answer still works after the attack, with Home
        s.type(b"o\x01n\r")
        code, after = s.finish()
        label = "%s (.editrc %r)" % (name, editrc.strip())
        check(label + ": no program was started",
              not os.path.exists(s.marker) and not s.spawned, s.text())
        check(label + ": what was typed was taken as an answer",
              echoed in s.text() and "is not yes or no" in s.text(), s.text())
        check(label + ": no libedit command line was shown", "\n: " not in s.text().replace("\r", ""), s.text())
        check(label + ": the next answer is read as typed", "2/10" in s.text(), s.text())
        check(label + ": Ctrl-D ends with exit 130", code == 130, s.text())
        check(label + ": the terminal is restored", after == s.before)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
