#!/usr/bin/env python3
"""make.py - writes the expected outputs check_writer compares gm_writer with.

usage: make.py GROUPMATCH   (run in this directory)

They were made with the groupmatch binary from before gm_writer existed
(when match and batch wrote results themselves), so the test holds the
writer to the output of that code, byte for byte; but for the "Id:" line
of the text reports of P"2, P4 and P7, which was made again when the
report began to show an id's control and bidirectional characters as
'?'.  rows.txt lists the records, one a line: the id (C escapes \\n \\t
\\" \\\\; "-" for none), a tab, the kept "note" cell, a tab, then
QUESTION=VALUE answers.
"""
import csv, io, os, subprocess, sys

GM = sys.argv[1]
ROWS = [
    ("P1", "plain", "crisis=no goals=life_transition focus=support issues=grief comfort=3 connect=yes"),
    ('P"2,with\nnewline', "quote \" and, comma", "crisis=yes"),
    ("P3", "", "crisis=no"),
    ("P4\tTab", "x", "goals=skill_building issues=anger comfort=4"),
    ("P5", "line\nbreak", "crisis=no goals=symptom_relief;emotional_regulation issues=trauma;anxiety;intense_emotions "
     "focus=deep_work comfort=2 connect=no feedback=yes practice=yes"),
    ("P6", "screener", "crisis=no goals=skill_building comfort=3 phq9_1=3 phq9_2=3 phq9_3=3 phq9_4=3 phq9_5=3 "
     "phq9_6=3 phq9_7=3 phq9_8=3 phq9_9=1"),
    ("P7 \u00e9\u202e", "bidi", "crisis=maybe goals=skill_building"),
    ("P8", "bad", "crisis=no comfort=9 goals=skill_building"),
    ("P9", "many", "crisis=no goals=skill_building;relationships;self_awareness issues=social_anxiety;self_esteem "
     "focus=education comfort=5 connect=yes feedback=yes practice=yes mutual=yes structure=structured"),
]
QUESTIONS = ["crisis", "goals", "focus", "issues", "comfort", "connect", "feedback", "practice",
             "mutual", "structure"] + ["phq9_%d" % i for i in range(1, 10)]

def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace('"', '\\"')

env = dict(os.environ, LANG="C", LC_ALL="C", COLUMNS="80", GROUPMATCH_CATALOG="", NO_COLOR="1")
with open("rows.txt", "w") as f:
    for rid, note, answers in ROWS:
        f.write("%s\t%s\t%s\n" % (esc(rid), esc(note), answers))
for i, (rid, note, answers) in enumerate(ROWS, 1):
    flags = []
    for a in answers.split():
        flags += ["-a", a]
    for fmt, ext in (("json", "json"), ("text", "txt")):
        r = subprocess.run([GM, "match", "--id", rid, "--format", fmt] + flags, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        with open("match-%d.%s" % (i, ext), "wb") as f:
            f.write(r.stdout)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["id", "note"] + QUESTIONS)
for rid, note, answers in ROWS:
    d = dict(a.split("=", 1) for a in answers.split())
    w.writerow([rid, note] + [d.get(q, "") for q in QUESTIONS])
with open("intake.csv", "w") as f:
    f.write(buf.getvalue())
for fmt, ext in (("csv", "csv"), ("jsonl", "jsonl")):
    r = subprocess.run([GM, "batch", "--keep", "note", "--format", fmt, "intake.csv"], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    with open("batch." + ext, "wb") as f:
        f.write(r.stdout)
