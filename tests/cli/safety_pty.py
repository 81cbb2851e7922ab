#!/usr/bin/env python3
"""safety_pty.py - the safety question at a real terminal: help is seen whatever happens to stdout.

Run by safety_pty.sh; uses the pseudo-terminal sessions of ask_pty.py.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ask_pty  # noqa: E402
from ask_pty import CATALOG, QUESTIONS, Session, check, flat  # noqa: E402

URGENT = flat(CATALOG["messages"]["urgent"])[:60]
# The last line is an Enter at the offer of the screeners: it skips them.
ALL_NO = ["no", "1", "1", "1", "", "3", "y", "y", "y", "y", ""]


def out_file():
    fd, path = tempfile.mkstemp(prefix="gm-safety-", suffix=".out")
    os.close(fd)
    return path


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_yes_with_json_to_a_file_still_shows_help_on_the_terminal():
    path = out_file()
    s = Session(["ask", "--format", "json"], stdout_path=path)
    s.prompt()
    s.send("yes")
    code = s.wait()
    check("yes, json to a file: exit 3", code == 3, s)
    check("yes, json to a file: the terminal shows the urgent text", URGENT in flat(s.text()), s)
    check("yes, json to a file: the terminal shows a contact", "findahelpline.com" in s.text(), s)
    check("yes, json to a file: the file holds the urgent JSON", '"status": "urgent"' in read(path), s)
    s.close()
    os.unlink(path)


def test_yes_with_text_to_a_file_still_shows_help_on_the_terminal():
    path = out_file()
    s = Session(["ask", "--region", "gb"], stdout_path=path)
    s.prompt()
    s.send("y")
    s.wait()
    check("yes, text to a file: the terminal shows the region's line",
          "Samaritans: call 116 123" in s.text(), s)
    check("yes, text to a file: the file has it too", "116 123" in read(path), s)
    s.close()
    os.unlink(path)


def test_changing_the_answer_to_yes_in_the_review_shows_help():
    path = out_file()
    s = Session(["ask", "--format", "json"], stdout_path=path)
    for a in ALL_NO:
        s.prompt()
        s.send(a)
    check("the review comes", s.expect(ask_pty.REVIEW_END), s)
    s.prompt()
    s.send("1")
    s.prompt()
    s.send("yes")
    code = s.wait()
    check("a yes in the review: exit 3", code == 3, s)
    check("a yes in the review: the terminal shows the urgent text", URGENT in flat(s.text()), s)
    check("a yes in the review: the file is urgent", '"safety": "yes"' in read(path), s)
    s.close()
    os.unlink(path)


def test_unsure_is_a_yes_and_a_typo_is_asked_again():
    s = Session(["ask"])
    s.prompt()
    s.send("yse please")
    check("a typo at the safety question is asked again",
          s.expect("is not yes or no. If you are unsure, answer yes."), s)
    s.prompt()
    s.send("I'm not sure")
    code = s.wait()
    check("not sure: exit 3", code == 3, s)
    check("not sure: the urgent text", URGENT in flat(s.text()), s)
    check("not sure: nothing more is asked", QUESTIONS["goals"]["text"] not in s.text(), s)
    s.close()


def test_leaving_at_the_safety_question_gives_a_contact():
    for key, what in ((b"\x04", "Ctrl-D"), (b"\x03", "Ctrl-C")):
        path = out_file()
        s = Session(["ask"], stdout_path=path)
        s.prompt()
        s.key(key)
        code = s.wait()
        check(what + " at the safety question exits 130", code == 130, s)
        check(what + " at the safety question shows a contact",
              "If you need someone to talk to now: Find A Helpline" in s.text(), s)
        check(what + " at the safety question writes no result", read(path) == "", s)
        s.close()
        os.unlink(path)


def test_a_finished_questionnaire_says_where_the_result_went():
    path = out_file()
    s = Session(["ask", "--format", "json"], stdout_path=path)
    for a in ALL_NO:
        s.prompt()
        s.send(a)
    s.prompt()
    s.send("")
    code = s.wait()
    check("finished to a file: exit 0", code == 0, s)
    check("finished to a file: says where", ("written to " + path) in s.text(), s)
    check("finished to a file: the file holds the result", '"status": "ok"' in read(path), s)
    s.close()
    os.unlink(path)


if __name__ == "__main__":
    tests = {k: v for k, v in globals().items() if k.startswith("test_")}
    for name, fn in tests.items():
        fn()
    print("%d passed, %d failed" % (ask_pty.passed, ask_pty.failed))
    sys.exit(1 if ask_pty.failed else 0)
