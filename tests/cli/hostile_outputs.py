#!/usr/bin/env python3
"""hostile_outputs.py - every output of groupmatch, fed the strings of tests/data/hostile_strings.txt.

  hostile_outputs.py cells      every CSV output: no cell that a spreadsheet
                                would run, unless --raw-cells asks for the
                                cells as read (and then they are as read)
  hostile_outputs.py terminal   every output shown on a terminal: no control
                                character, bidirectional control or invalid
                                UTF-8 byte reaches it

Each string goes in as a record id, a kept cell, a kept column's name, an
answer, an offering's name and schedule, a case name and a file name.
Run in an empty scratch folder with GROUPMATCH, GM_SOURCE_DIR and
GM_TEST_DATA set (tests/cli/hostile_cells.sh and hostile_terminal.sh do).
"""
import csv
import fcntl
import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import termios

GM = os.environ["GROUPMATCH"]
SRC = os.environ["GM_SOURCE_DIR"]
TABLE = os.path.join(os.environ["GM_TEST_DATA"], "hostile_strings.txt")
LIMIT = float(os.environ.get("GM_TIMEOUT", "20"))

ANSWERS = [b"no", b"life_transition", b"open_ended", b"support", b"grief", b"3", b"yes", b"no",
           b"no", b"yes", b"online"]
HEADER = [b"id", b"crisis", b"goals", b"structure", b"focus", b"issues", b"comfort", b"connect",
          b"feedback", b"practice", b"mutual", b"available", b"notes"]
FORMULA = (b"=", b"+", b"-", b"@")
OWN_NUMBER = re.compile(rb"-?[0-9]+(\.[0-9]+)?")

failures = []
checks = 0


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


def unescape(v):
    """The table's escapes: \\xHH, \\t, \\r, \\n and \\\\."""
    out, i = bytearray(), 0
    while i < len(v):
        if v[i] == 0x5C and i + 1 < len(v):
            n = chr(v[i + 1])
            if n == "x":
                out.append(int(v[i + 2:i + 4], 16))
                i += 4
                continue
            out += {"t": b"\t", "r": b"\r", "n": b"\n", "\\": b"\\"}[n]
            i += 2
            continue
        out.append(v[i])
        i += 1
    return bytes(out)


def load_table():
    rows = []
    with open(TABLE, "rb") as f:
        for line in f:
            line = line.rstrip(b"\n")
            if not line or line.startswith(b"#"):
                continue
            name, value = line.split(b"\t", 1)
            rows.append((name.decode(), unescape(value)))
    return rows


def csv_field(s):
    return b'"' + s.replace(b'"', b'""') + b'"'


def csv_line(cells):
    return b",".join(csv_field(c) for c in cells) + b"\n"


def json_string(s):
    """s as a JSON string, its bytes kept (invalid UTF-8 too), controls escaped."""
    out = bytearray(b'"')
    for b in s:
        if b in (0x22, 0x5C):
            out += b"\\" + bytes([b])
        elif b < 0x20:
            out += b"\\u%04x" % b
        else:
            out.append(b)
    return bytes(out + b'"')


def formula(cell):
    """Whether a spreadsheet could take the cell for a formula: it starts
    with a tab or a CR, or with = + - @ after any white space."""
    return cell[:1] in (b"\t", b"\r") or cell.lstrip(b" \t\r\n")[:1] in FORMULA


def file_name(prefix, s, ext):
    return prefix + s.replace(b"/", b"_")[:100] + ext


def write_inputs(s):
    """The inputs carrying s; returns a dict of their paths (bytes)."""
    keep = s if b"," not in s and s == s.strip(b" \t\r\n") and s else None
    header = HEADER + ([keep] if keep else [])

    def row(rid, **change):
        cells = [rid] + list(ANSWERS) + [s]
        for k, v in change.items():
            cells[HEADER.index(k.encode())] = v
        return cells + ([s] if keep else [])

    with open(b"intake.csv", "wb") as f:
        f.write(csv_line(header))
        f.write(csv_line(row(s)))                               # ok
        f.write(csv_line(row(s, crisis=b"yes")))                # urgent
        f.write(csv_line(row(s, crisis=b"")))                   # not screened
        f.write(csv_line(row(s, comfort=b"9")))                 # invalid
        f.write(csv_line(row(b"P5", goals=s)))                  # an answer that is s
        f.write(csv_line(row(b"P6", focus=b"education")))       # waits for another type
    # JSON is UTF-8: bytes that are not go in as U+FFFD
    named = s.decode("utf-8", "replace").encode("utf-8")
    offers = [
        b'{"id": "-dbt", "type": "support", "name": ' + json_string(named) + b', "schedule": '
        + json_string(named) + b', "seats": 2, "min_size": 2}',
        b'{"id": "grief.two", "type": "psychoeducational", "name": "Two ' + json_string(named)[1:]
        + b', "seats": 3}',
    ]
    with open(b"offerings.json", "wb") as f:
        f.write(b'{"format_version": 1, "offerings": [' + b",".join(offers) + b"]}\n")
    cases = file_name(b"cases-", s, b".csv")
    answers = b"crisis=no goals=life_transition focus=support issues=grief comfort=3 connect=yes mutual=yes"
    with open(cases, "wb") as f:
        f.write(b"name,answers,first,status\n")
        f.write(csv_line([s, answers, b"support", b"ok"]))
        f.write(csv_line([s, answers, b"cbt", b"ok"]))
    with open(os.path.join(SRC, "groups.json"), "rb") as f:
        cat = json.load(f)
    old = file_name(b"old-", s, b".json")
    with open(old, "w") as f:
        json.dump(cat, f)
    for g in cat["groups"]:	# support falls from first place
        if g["id"] == "support":
            for c in g["criteria"]:	# but for one about addiction
                if "addiction" not in json.dumps(c["when"]):
                    c["weight"] = -abs(c["weight"])
    new = file_name(b"new-", s, b".json")
    with open(new, "w") as f:
        json.dump(cat, f)
    with open(b"answers.json", "wb") as f:
        f.write(b'{"crisis": "no", "goals": ' + json_string(named) + b", " + json_string(named)
                + b': "x"}\n')
    return {"cases": cases, "old": old, "new": new, "keep": keep, "named": named}


def run(argv, stdin=b""):
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=LIMIT)
    return p.returncode, p.stdout


def on_terminal(argv, stdin=None):
    """Runs argv with stdout and stderr on a pseudo-terminal (its controlling
    terminal, output not post-processed); returns the exit status and every
    byte the terminal received."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)

    def own_terminal():
        os.setsid()
        fcntl.ioctl(1, termios.TIOCSCTTY, 0)

    p = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                         stdout=slave, stderr=slave, preexec_fn=own_terminal)
    os.close(slave)
    if stdin is not None:
        try:
            p.stdin.write(stdin)
            p.stdin.close()
        except BrokenPipeError:
            pass
    got = bytearray()
    while True:
        r, _, _ = select.select([master], [], [], LIMIT)
        if not r:
            p.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        got += chunk
    rc = p.wait()
    os.close(master)
    return rc, bytes(got)


def cells_of(data):
    text = data.decode("utf-8", "surrogateescape")
    return [[c.encode("utf-8", "surrogateescape") for c in row]
            for row in csv.reader(io.StringIO(text, newline=""))]


def shown(b):
    return repr(b)[:120]


def sane(what, rc):
    global checks
    checks += 1
    if rc < 0 or rc >= 124:
        fail("%s: ended with %d" % (what, rc))
        return False
    return True


# --- cells ------------------------------------------------------------------

def check_cells(what, data, s, raw):
    """No cell starts as a formula unless raw, apart from numbers groupmatch
    writes itself; s (unless None) is in some cell, prefixed with ' when it
    starts as a formula and not raw."""
    global checks
    rows = cells_of(data)
    if not rows:
        fail("%s: no CSV output" % what)
        return
    checks += 1
    if not raw:
        for row in rows:
            for cell in row:
                if formula(cell) and not OWN_NUMBER.fullmatch(cell):
                    fail("%s: a spreadsheet would run the cell %s" % (what, shown(cell)))
                    return
    if s is None:
        return
    checks += 1
    want = b"'" + s if formula(s) and not raw else s
    every = [c for row in rows for c in row]
    if want not in every:
        fail("%s: no cell is %s" % (what, shown(want)))
    if raw and formula(s) and b"'" + s in every:
        fail("%s: --raw-cells still prefixed %s" % (what, shown(s)))


def cells_test(table):
    for name, s in table:
        files = write_inputs(s)
        keep = b"notes" + (b"," + files["keep"] if files["keep"] else b"")
        runs = [
            ("batch", [GM, "batch", "--keep", keep, "intake.csv"], s),
            ("batch --summary --format csv", [GM, "batch", "--summary", "--format", "csv",
                                              "--keep", keep, "intake.csv"], s),
            ("assign", [GM, "assign", "--offerings", "offerings.json", "intake.csv"], s),
            ("assign --summary --format csv", [GM, "assign", "--offerings", "offerings.json",
                                               "--summary", "--format", "csv", "intake.csv"],
             files["named"]),
            ("diff --format csv", [GM, "diff", files["old"], files["new"], "--intake",
                                   "intake.csv", "--format", "csv"], s),
            ("questions --format csv", [GM, "questions", "--format", "csv"], None),
        ]
        for what, argv, where in runs:
            for raw in (False, True):
                if raw and what.startswith("questions"):
                    continue
                full = argv[:2] + (["--raw-cells"] if raw else []) + argv[2:]
                label = "%s%s [%s]" % (what, " --raw-cells" if raw else "", name)
                rc, out = run(full)
                if not sane(label, rc):
                    continue
                if rc not in (0, 3, 65):
                    fail("%s: exit %d" % (label, rc))
                    continue
                check_cells(label, out, where, raw)
        # the -o path writes what stdout gets
        rc, _ = run([GM, "batch", "--keep", keep, "-o", "out.csv", "intake.csv"])
        if sane("batch -o [%s]" % name, rc):
            with open("out.csv", "rb") as f:
                check_cells("batch -o [%s]" % name, f.read(), s, False)


# --- terminal ---------------------------------------------------------------

SGR = re.compile(rb"\x1b\[[0-9;]*m")
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def check_terminal(what, data, colour):
    global checks
    checks += 1
    if colour:
        data = SGR.sub(b"", data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: invalid UTF-8 reaches the terminal at byte %d: %s" %
             (what, e.start, shown(data[max(0, e.start - 20):e.start + 20])))
        return
    for i, ch in enumerate(text):
        c = ord(ch)
        if (c < 0x20 and ch != "\n") or 0x7F <= c <= 0x9F or c in BIDI:
            fail("%s: U+%04X reaches the terminal: %s" % (what, c, shown(text[max(0, i - 20):i + 20])))
            return


def terminal_test(table):
    for name, s in table:
        files = write_inputs(s)
        keep = b"notes" + (b"," + files["keep"] if files["keep"] else b"")
        flags = [a for pair in zip([b"-a"] * 6, [b"crisis=no", b"goals=life_transition",
                                                  b"focus=support", b"issues=grief", b"comfort=3",
                                                  b"connect=yes"]) for a in pair]
        offs = ["--offerings", "offerings.json"]
        runs = [
            ("match --id", [GM, "match", "--id", s] + flags, None, False),
            ("match --id --color=always", [GM, "match", "--color=always", "--id", s] + flags, None, True),
            ("match --id --format json", [GM, "match", "--format", "json", "--id", s] + flags, None, False),
            ("match --id --format html", [GM, "match", "--format", "html", "--id", s] + flags, None, False),
            ("match --answers", [GM, "match", "--answers", "answers.json"], None, False),
            ("ask --format html", [GM, "ask", "--format", "html"],
             b"no\nlife_transition\n\nsupport\ngrief\n3\nyes\nno\nno\nyes\n", False),
            ("match -a", [GM, "match", "-a", b"goals=" + s, "-a", b"focus=" + s], None, False),
            ("ask", [GM, "ask"], b"no\n" + s + b"\n", False),
            ("batch", [GM, "batch", "--keep", keep, "intake.csv"], None, False),
            ("batch --format jsonl", [GM, "batch", "--format", "jsonl", "--keep", keep, "intake.csv"], None, False),
            ("batch --summary", [GM, "batch", "--summary", "--keep", keep, "intake.csv"], None, False),
            ("batch --summary --format csv", [GM, "batch", "--summary", "--format", "csv", "--keep", keep, "intake.csv"], None, False),
            ("batch --summary --format json", [GM, "batch", "--summary", "--format", "json", "intake.csv"], None, False),
            ("batch --raw-cells", [GM, "batch", "--raw-cells", "--keep", keep, "intake.csv"], None, False),
            ("assign", [GM, "assign"] + offs + ["intake.csv"], None, False),
            ("assign --raw-cells", [GM, "assign", "--raw-cells"] + offs + ["intake.csv"], None, False),
            ("assign --format jsonl", [GM, "assign", "--format", "jsonl"] + offs + ["intake.csv"], None, False),
            ("assign --summary", [GM, "assign", "--summary"] + offs + ["intake.csv"], None, False),
            ("assign --summary --format csv", [GM, "assign", "--summary", "--format", "csv"] + offs + ["intake.csv"], None, False),
            ("assign --summary --format json", [GM, "assign", "--summary", "--format", "json"] + offs + ["intake.csv"], None, False),
            ("diff", [GM, "diff", files["old"], files["new"], "--intake", "intake.csv"], None, False),
            ("diff --format csv", [GM, "diff", "--format", "csv", files["old"], files["new"], "--intake", "intake.csv"], None, False),
            ("diff --raw-cells", [GM, "diff", "--raw-cells", "--format", "csv", files["old"], files["new"], "--intake", "intake.csv"], None, False),
            ("diff --format json", [GM, "diff", "--format", "json", files["old"], files["new"], "--intake", "intake.csv"], None, False),
            ("test -v", [GM, "test", "-v", files["cases"]], None, False),
            ("test", [GM, "test", files["cases"]], None, False),
            ("check", [GM, "check", files["old"]], None, False),
            ("questions", [GM, "-c", files["old"], "questions"], None, False),
            ("groups", [GM, "-c", files["old"], "groups"], None, False),
        ]
        for what, argv, stdin, colour in runs:
            label = "%s [%s]" % (what, name)
            rc, out = on_terminal(argv, stdin)
            if sane(label, rc):
                if not out:
                    fail("%s: nothing on the terminal" % label)
                check_terminal(label, out, colour)


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("cells", "terminal"):
        sys.exit(__doc__)
    table = load_table()
    (cells_test if sys.argv[1] == "cells" else terminal_test)(table)
    print("%d strings, %d checks, %d failed" % (len(table), checks, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
