#!/usr/bin/env python3
"""safety_property.py - the safety invariant over generated variations of every front end.

If any source says yes (or something unclear) to the safety question, the
record is urgent, keeps its id and has no ranking; nothing turns it into ok.
The variations: header and key case, byte order marks, --map renames and
codes, CSV limit breaks in other columns, duplicate answers, NUL bytes and
answers in odd spellings.  Seeded, so a failure can be replayed
(GM_PROPERTY_SEED); prints one line per failure and a count.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

GM = os.environ["GROUPMATCH"]
SEED = int(os.environ.get("GM_PROPERTY_SEED", "20261202"))
RUNS = int(os.environ.get("GM_PROPERTY_RUNS", "40"))
rng = random.Random(SEED)
tmp = tempfile.mkdtemp(prefix="gm-property-")
passed = failed = 0

POSITIVE = ["yes", "Yes", "YES", " y ", "true", "1", "Checked", "unsure", "maybe", "not sure",
            "N/A", "?", "don't know", "yes\x00", "\x00no", "yes please", "2"]
NEGATIVE = ["no", "No", "N", "false", "0", "nope", "Unchecked"]


def env():
    e = dict(os.environ, NO_COLOR="1")
    e.pop("GROUPMATCH_CATALOG", None)
    return e


def run(args, data=None):
    return subprocess.run([GM] + args, input=data, capture_output=True, env=env())


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s (seed %d) %s" % (name, SEED, detail[:300]))


def mixcase(s):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in s)


def csv_cell(v):
    if any(c in v for c in ',"\n\r') or rng.random() < 0.2:
        return '"' + v.replace('"', '""') + '"'
    return v


def batch_variation(k):
    use_map = rng.random() < 0.3
    safety_col = mixcase(rng.choice(["Risk_Flag", "q_crisis", "SAFETY1"])) if use_map else mixcase("crisis")
    id_col = mixcase(rng.choice(["id", "record_id"]))
    cols = [id_col, safety_col, "goals", "notes"]
    rng.shuffle(cols)
    rows, want = [], {}
    codes = {}
    if use_map:
        codes = {"R1": "yes", "R0": "no", "R9": "unsure"}
    for r in range(5):
        rid = "K%d-%d" % (k, r)
        positive = rng.random() < 0.5
        value = rng.choice(POSITIVE if positive else NEGATIVE)
        if use_map and rng.random() < 0.5:
            code = rng.choice(list(codes))
            value = code
            positive = codes[code] != "no"
        notes = "ok"
        kind = rng.random()
        if kind < 0.1:
            notes = "x" * (1100000)           # a field over 1 MiB
        elif kind < 0.15 and cols[-1] == "notes":
            notes = ",".join(["n"] * 10050)  # more than 10,000 fields, after the others
        elif kind < 0.2:
            notes = "\x00"                   # a NUL in another cell
        cells = {id_col: rid, safety_col: value, "goals": rng.choice(["1", "relationships", "2;3"]),
                 "notes": notes}
        line = ",".join(cells[c] if c == "notes" and notes.startswith("n,") else csv_cell(cells[c])
                        for c in cols)
        rows.append(line)
        want[rid] = positive
    bom = "\ufeff" * rng.choice([0, 0, 1, 2])
    text = bom + ",".join(cols) + "\n" + "\n".join(rows) + "\n"
    path = os.path.join(tmp, "v%d.csv" % k)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    args = ["batch", "-q", "--format", "jsonl", path]
    if use_map:
        mpath = os.path.join(tmp, "v%d.map.csv" % k)
        with open(mpath, "w") as f:
            f.write("from,to,question\n%s,crisis,\n" % mixcase(safety_col))
            for c, v in codes.items():
                f.write("%s,%s,crisis\n" % (c, v))
        args += ["--map", mpath]
    p = run(args)
    got = {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        j = json.loads(line)
        got[j["id"]] = j
    check("batch variation %d: one row per record" % k, len(got) == len(want), repr(list(got)))
    for rid, positive in want.items():
        j = got.get(rid)
        if positive:
            check("batch variation %d: %s is urgent with its id" % (k, rid),
                  j is not None and j["status"] == "urgent" and j["ranking"] == [],
                  json.dumps(j)[:200] if j else "missing row; ids %r" % list(got))
        else:
            check("batch variation %d: %s is not urgent" % (k, rid),
                  j is not None and j["status"] != "urgent", json.dumps(j)[:200] if j else "missing")
    if any(want.values()):
        check("batch variation %d: exit 3" % k, p.returncode == 3, "rc=%d" % p.returncode)


def json_variation(k):
    values = [rng.choice(POSITIVE + NEGATIVE) for _ in range(rng.choice([1, 2, 3]))]
    positive = any(v in POSITIVE for v in values)
    keys = [mixcase("crisis") for _ in values]
    fhir = rng.random() < 0.4
    if fhir:
        items = [{"linkId": key, "answer": [{"valueString": v}]} for key, v in zip(keys, values)]
        items.append({"linkId": "goals", "answer": [{"valueString": "relationships"}]})
        text = json.dumps({"resourceType": "QuestionnaireResponse", "status": "completed",
                           "item": items})
    else:
        members = ["%s: %s" % (json.dumps(key), json.dumps(v)) for key, v in zip(keys, values)]
        members.append('"goals": ["relationships"]')
        rng.shuffle(members)
        text = "{" + ", ".join(members) + "}"
    path = os.path.join(tmp, "a%d.json" % k)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    p = run(["match", "--format", "json", "--answers", path])
    out = p.stdout.decode("utf-8", "replace")
    refused = p.returncode == 65 and not out
    try:
        j = json.loads(out) if out else None
    except ValueError:
        j = None
    if positive:
        # a NUL escape refuses the whole file: never a ranking
        check("json variation %d (%s): positive is urgent or refused" % (k, "fhir" if fhir else "object"),
              refused or (j is not None and j["status"] == "urgent" and j["ranking"] == []
                          and p.returncode == 3), text[:200])
    else:
        check("json variation %d: negative is not urgent" % k,
              j is not None and j["status"] != "urgent", text[:200])


def flags_variation(k):
    values = [rng.choice(POSITIVE + NEGATIVE) for _ in range(rng.choice([1, 2, 3]))]
    values = [v.replace("\x00", "") or "?" for v in values]  # argv cannot hold a NUL
    positive = any(v not in NEGATIVE and v.strip().lower() not in ("no", "n", "false", "0", "nope",
                                                                    "unchecked") for v in values)
    args = ["match", "--format", "json", "-a", "goals=relationships"]
    for v in values:
        args += ["-a", "%s=%s" % (mixcase("crisis"), v)]
    p = run(args)
    j = json.loads(p.stdout)
    if positive:
        check("flags variation %d: %r is urgent" % (k, values),
              j["status"] == "urgent" and p.returncode == 3)
    else:
        check("flags variation %d: %r is not urgent" % (k, values), j["status"] != "urgent")


for k in range(RUNS):
    batch_variation(k)
    json_variation(k)
    flags_variation(k)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
