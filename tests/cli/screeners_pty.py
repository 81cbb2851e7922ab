#!/usr/bin/env python3
"""screeners_pty.py - the screeners offered by `groupmatch ask` at a real terminal.

Run by screeners_pty.sh; uses the pseudo-terminal sessions of ask_pty.py.
"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ask_pty  # noqa: E402
from ask_pty import CATALOG, Session, check, flat  # noqa: E402

SCORES = CATALOG["scores"]
OFFER = flat(SCORES["offer"])[:50]
PHQ9 = SCORES["blocks"][0]
REVIEW = flat([r for r in PHQ9["rules"] if r.get("status") == "review"][0]["message"])[:60]
URGENT = flat(CATALOG["messages"]["urgent"])[:60]
MAIN = ["no", "1", "1", "1", "", "3", "y", "y", "y", "y"]


def out_file():
    fd, path = tempfile.mkstemp(prefix="gm-screeners-", suffix=".json")
    os.close(fd)
    return path


def result(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return json.loads(text) if text else None


def answer(s, lines):
    for a in lines:
        if not s.prompt():
            return False
        s.send(a)
    return True


def test_skipping_the_screeners_scores_nothing():
    path = out_file()
    s = Session(["ask", "--format", "json"], stdout_path=path)
    answer(s, MAIN)
    check("skip: the screeners are offered after the main questions", s.expect(OFFER), s)
    s.prompt()
    s.send("")
    check("skip: Enter goes straight to the review", s.expect("Your answers"), s)
    s.prompt()
    s.send("")
    code = s.wait()
    r = result(path)
    check("skip: exit 0", code == 0, s)
    check("skip: no scores", r is not None and r["scores"] == {} and r["status"] == "ok", s)
    s.close()
    os.unlink(path)


def test_accepting_the_screeners_asks_every_item_and_scores_them():
    path = out_file()
    s = Session(["ask", "--format", "json"], stdout_path=path)
    answer(s, MAIN)
    s.expect(OFFER)
    s.prompt()
    s.send("y")
    check("accept: the PHQ-9 stem comes first", s.expect(PHQ9["stem"]), s)
    check("accept: with every answer of the scale",
          s.expect("0 = Not at all, 1 = Several days, 2 = More than half the days, 3 = Nearly every day"), s)
    check("accept: then its first item", s.expect(PHQ9["items"][0]["text"]), s)
    s.prompt()
    s.send("wrong")
    check("accept: a bad item answer says why", s.expect("'wrong' is not a number from 0 to 3"), s)
    s.prompt()
    s.send("several days")    # a label answers too
    answer(s, ["2", "1", "1", "2", "1", "1", "0", "0"])
    check("accept: the GAD-7 follows", s.expect(SCORES["blocks"][1]["stem"]), s)
    answer(s, ["1", "1", "1", "1", "1", "1", "1"])
    check("accept: the review lists the items", s.expect("Your answers") and s.expect("Several days"), s)
    s.prompt()
    s.send("")
    code = s.wait()
    r = result(path)
    check("accept: exit 0 (item 9 at 0)", code == 0, s)
    check("accept: the PHQ-9 total", r is not None and r["scores"]["phq9"]["total"] == 9
          and r["scores"]["phq9"]["band"] == "mild", s)
    check("accept: the GAD-7 total", r is not None and r["scores"]["gad7"]["total"] == 7, s)
    s.close()
    os.unlink(path)


def test_item_9_at_1_shows_the_review_at_once_and_goes_on():
    path = out_file()
    s = Session(["ask", "--format", "json"], stdout_path=path)
    answer(s, MAIN + ["y"] + ["0"] * 8)
    s.prompt()
    s.send("1")
    check("item 9 at 1: the review text comes at once", s.expect(REVIEW), s)
    check("item 9 at 1: with a crisis contact", s.expect("findahelpline.com"), s)
    check("item 9 at 1: the GAD-7 still follows", s.expect(SCORES["blocks"][1]["items"][0]["text"]), s)
    answer(s, ["0"] * 7)
    s.expect("Your answers")
    s.prompt()
    s.send("")
    code = s.wait()
    r = result(path)
    check("item 9 at 1: exit 3", code == 3, s)
    check("item 9 at 1: status review with the ranking kept",
          r is not None and r["status"] == "review" and len(r["ranking"]) == 6, s)
    check("item 9 at 1: the setting is at least combined",
          r is not None and r["setting"]["advice"] in ("combined", "individual_first"), s)
    s.close()
    os.unlink(path)


def test_item_9_at_3_ends_the_questionnaire_at_once():
    path = out_file()
    s = Session(["ask", "--format", "json"], stdout_path=path)
    answer(s, MAIN + ["y"] + ["0"] * 8)
    s.prompt()
    s.send("3")
    code = s.wait()
    r = result(path)
    check("item 9 at 3: exit 3 at once, with no GAD-7 and no review", code == 3
          and SCORES["blocks"][1]["items"][0]["text"] not in s.text(), s)
    check("item 9 at 3: the terminal shows the urgent text", URGENT in flat(s.text()), s)
    check("item 9 at 3: the result is urgent", r is not None and r["status"] == "urgent"
          and r["ranking"] == [], s)
    s.close()
    os.unlink(path)


if __name__ == "__main__":
    tests = {k: v for k, v in globals().items() if k.startswith("test_")}
    for name, fn in tests.items():
        fn()
    print("%d passed, %d failed" % (ask_pty.passed, ask_pty.failed))
    sys.exit(1 if ask_pty.failed else 0)
