#!/usr/bin/env python3
"""safety_ledger_pty.py - a change at ask's review screen never lowers a safety item.

Run by safety_ledger_pty.sh; uses the pseudo-terminal sessions of ask_pty.py.
"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ask_pty  # noqa: E402
from ask_pty import CATALOG, Session, check  # noqa: E402

MAIN = ["no", "1", "1", "1", "", "3", "y", "y", "y", "y"]
NMAIN = len([q for q in CATALOG["questions"]])
ITEM9 = NMAIN + 9   # its number on the review screen: the main questions, then the PHQ-9


def answer(s, lines):
    for a in lines:
        if not s.prompt():
            return False
        s.send(a)
    return True


def test_item_9_changed_from_1_to_0_at_the_review_stays_1():
    fd, path = tempfile.mkstemp(prefix="gm-ledger-", suffix=".json")
    os.close(fd)
    s = Session(["ask", "--format", "json"], stdout_path=path)
    answer(s, MAIN + ["y"] + ["0"] * 8 + ["1"] + ["0"] * 7)
    check("review: the answers are listed", s.expect("Your answers"), s)
    s.prompt()
    s.send(str(ITEM9))
    check("review: item 9 is asked again", s.expect("better off dead"), s)
    s.prompt()
    s.send("0")
    s.expect("Your answers")
    s.prompt()
    s.send("")
    code = s.wait()
    with open(path, encoding="utf-8") as f:
        text = f.read()
    r = json.loads(text) if text else None
    check("review: exit 3", code == 3, s)
    check("review: the 1 is kept, status review",
          r is not None and r["status"] == "review", s)
    s.close()
    os.unlink(path)


if __name__ == "__main__":
    tests = {k: v for k, v in globals().items() if k.startswith("test_")}
    for name, fn in tests.items():
        fn()
    print("%d passed, %d failed" % (ask_pty.passed, ask_pty.failed))
    sys.exit(1 if ask_pty.failed else 0)
