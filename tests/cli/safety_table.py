#!/usr/bin/env python3
"""safety_table.py - every front end decides the same list of safety answers the same way.

Each case is a sequence of answers to the safety question (more than one
where a front end can give it twice) and the status and safety value every
front end must reach: flags, answer JSON, FHIR, a batch cell, a --map code and
piped ask.  Prints one line per failure and a count; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile

GM = os.environ["GROUPMATCH"]
BASE = {"goals": "relationships", "focus": "support", "comfort": "3", "connect": "yes"}

# (name, answers in order, status, safety)
CASES = [
    ("yes", ["yes"], "urgent", "yes"),
    ("Y", ["Y"], "urgent", "yes"),
    ("no", ["no"], "ok", "no"),
    ("false", ["false"], "ok", "no"),
    ("unsure", ["unsure"], "urgent", "unclear"),
    ("maybe", ["maybe"], "urgent", "unclear"),
    ("not sure", ["not sure"], "urgent", "unclear"),
    ("N/A", ["N/A"], "urgent", "unclear"),
    ("blank", [""], "ok", "missing"),
    ("yes then no", ["yes", "no"], "urgent", "yes"),
    ("no then yes", ["no", "yes"], "urgent", "yes"),
    ("yes twice", ["yes", "yes"], "urgent", "yes"),
    ("unsure then no", ["unsure", "no"], "urgent", "unclear"),
    ("no twice", ["no", "no"], "ok", "no"),
    ("yes then blank", ["yes", ""], "urgent", "yes"),
]

passed = failed = 0
tmp = tempfile.mkdtemp(prefix="gm-safety-table-")


def check(front, case, got_status, got_safety, want_status, want_safety, detail=""):
    global passed, failed
    if (got_status, got_safety) == (want_status, want_safety):
        passed += 1
        return
    failed += 1
    print("FAIL: %s, %s: got %s/%s, wanted %s/%s %s" % (front, case, got_status, got_safety,
                                                       want_status, want_safety, detail))


def run(args, stdin=None):
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GROUPMATCH_CATALOG", None)
    return subprocess.run([GM] + args, input=stdin, capture_output=True, text=True, env=env)


def result(p):
    try:
        j = json.loads(p.stdout)
    except ValueError:
        return "no-json(rc=%d)" % p.returncode, p.stderr.strip()[:80]
    want_rc = {"urgent": 3, "ok": 0}.get(j["status"])
    if j["status"] == "ok" and j["safety"] == "missing":
        want_rc = 3  # someone needs a call: the safety question was never answered
    if want_rc is not None and p.returncode != want_rc:
        return "rc=%d" % p.returncode, j["safety"]
    return j["status"], j["safety"]


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def flags(answers):
    args = ["match", "--format", "json"]
    for a in answers:
        args += ["-a", "crisis=" + a]
    for k, v in BASE.items():
        args += ["-a", "%s=%s" % (k, v)]
    return result(run(args))


def answer_json(answers):
    # duplicate keys, as a careless export writes them
    members = ['"crisis": %s' % json.dumps(a) for a in answers]
    members += ['%s: %s' % (json.dumps(k), json.dumps(v)) for k, v in BASE.items()]
    path = write("answers.json", "{" + ", ".join(members) + "}")
    return result(run(["match", "--format", "json", "--answers", path]))


def fhir(answers):
    items = [{"linkId": "crisis", "answer": [{"valueString": a}]} for a in answers if a]
    items += [{"linkId": "crisis", "answer": []} for a in answers if not a]
    items += [{"linkId": k, "answer": [{"valueString": v}]} for k, v in BASE.items()]
    doc = {"resourceType": "QuestionnaireResponse", "status": "completed", "item": items}
    path = write("response.json", json.dumps(doc))
    return result(run(["match", "--format", "json", "--answers", path]))


def csv_cell(a):
    return '"%s"' % a.replace('"', '""')


def batch(answers, mapped=False):
    if len(answers) > 1:
        # two columns for one question are refused at the header: never a silent no
        path = write("dup.csv", "id,crisis,CRISIS,goals\nA,%s,%s,1\n" % (csv_cell(answers[0]),
                                                                      csv_cell(answers[1])))
        p = run(["batch", "--format", "jsonl", path])
        ok = p.returncode == 65 and "both answer 'crisis'" in p.stderr
        return ("refused", "header") if ok else ("not-refused", "rc=%d" % p.returncode)
    head = "id,%s,goals,focus,comfort,connect\n" % ("Risk" if mapped else "crisis")
    cell = answers[0]
    args = ["batch", "--format", "jsonl"]
    if mapped:
        codes = {"yes": "R1", "no": "R0", "unsure": "R9"}
        cell = codes.get(cell, cell)
        args += ["--map", write("map.csv", "from,to,question\nRisk,crisis,\nR1,yes,crisis\n"
                                "R0,no,crisis\nR9,unsure,crisis\n")]
    path = write("in.csv", head + "A,%s,relationships,support,3,yes\n" % csv_cell(cell))
    p = run(args + [path])
    return result(p)


def ask_piped(answers):
    if len(answers) > 1:
        return ("n/a", "n/a")
    lines = [answers[0], "7", "", "2", "", "3", "yes", "no", "no", "yes"]
    if answers[0] == "":
        return ("n/a", "n/a")  # a required question: a blank line is asked again
    return result(run(["ask", "--format", "json"], "\n".join(lines) + "\n"))


for name, answers, status, safety in CASES:
    for front, fn in (("flags", flags), ("json", answer_json), ("fhir", fhir)):
        got = fn(answers)
        check(front, name, got[0], got[1], status, safety)
    got = batch(answers)
    if len(answers) > 1:
        check("batch cell", name, got[0], got[1], "refused", "header")
    else:
        check("batch cell", name, got[0], got[1], status, safety)
    if len(answers) == 1 and answers[0] in ("yes", "no", "unsure", ""):
        got = batch(answers, mapped=True)
        check("--map code", name, got[0], got[1], status, safety)
    got = ask_piped(answers)
    if got != ("n/a", "n/a"):
        check("ask (piped)", name, got[0], got[1], status, safety)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
