#!/usr/bin/env python3
"""assign_instance.py - random assign instances, their LP model for GLPK, and an independent check of a roster.

usage:
  assign_instance.py gen DIR PEOPLE OFFERINGS SEED [SCALE]
                                                     writes DIR/intake.csv and DIR/offerings.json;
                                                     offerings have 1 to 15 seats, times SCALE
  assign_instance.py lp DIR SCORES                   writes DIR/model.lp from the intake, the offerings
                                                     and SCORES (batch --format jsonl of the intake)
  assign_instance.py check DIR SCORES ROSTER [SOL]   checks ROSTER (assign --format jsonl): invariants,
                                                     and with SOL (glpsol -o output) the optimum

The model is the placement as a linear programme: x[i,o] for each person i
and offering o that i may join (a type with positive evidence, the
eligibility condition met, a shared tag), at most one offering per person,
at most the seats per offering, maximise sum (BIG + percent) x[i,o] with
BIG above any total fit, so the count of people placed comes first.  Its
constraint matrix is totally unimodular, so the LP optimum is whole.
Eligibility and availability are evaluated here, from the files, not by
groupmatch.
"""
import csv
import json
import random
import re
import sys

TYPES = ["psychoeducational", "support", "process", "cbt", "skills", "interpersonal"]
GOALS = ["symptom_relief", "skill_building", "personal_growth", "self_awareness",
         "emotional_regulation", "change_patterns", "relationships", "life_transition"]
STRUCTURES = ["structured", "open_ended", "no_preference"]
FOCUSES = ["education", "support", "deep_work"]
ISSUES = ["anxiety", "social_anxiety", "panic", "depression", "obsessive_thoughts", "trauma",
          "grief", "addiction", "anger", "chronic_pain", "serious_illness", "caregiving",
          "social_skills", "intense_emotions", "relationship_conflict", "self_esteem", "stress"]
TAGS = ["evening", "daytime", "online", "weekend", "spanish"]
YESNO = ["connect", "feedback", "practice", "mutual"]
HEADER = ["id", "crisis", "goals", "structure", "focus", "issues", "comfort"] + YESNO + ["available"]


def gen(d, people, offerings, seed, scale=1):
    rnd = random.Random(seed)
    with open(f"{d}/intake.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(people):
            row = [f"P{i:06d}", "yes" if rnd.random() < 0.03 else "no",
                   ";".join(rnd.sample(GOALS, rnd.randint(1, 3))),
                   rnd.choice(STRUCTURES),
                   ";".join(rnd.sample(FOCUSES, rnd.randint(1, 2))),
                   ";".join(rnd.sample(ISSUES, rnd.randint(0, 3))),
                   "" if rnd.random() < 0.05 else str(rnd.randint(1, 5))]
            row += [rnd.choice(["yes", "no"]) for _ in YESNO]
            if rnd.random() < 0.01:
                row[6] = "9"  # an invalid record
            r = rnd.random()
            row.append("" if r < 0.3 else ";".join(rnd.sample(TAGS, 1 if r < 0.7 else 2)))
            w.writerow(row)
    offs = []
    for o in range(offerings):
        seats = rnd.randint(1, 15) * scale
        item = {"id": f"g{o:03d}", "type": rnd.choice(TYPES), "name": f"Group {o}",
                "seats": seats, "min_size": rnd.randint(0, seats)}
        r = rnd.random()
        if r < 0.6:
            item["tags"] = rnd.sample(TAGS, 1 if r < 0.45 else 2)
        r = rnd.random()
        if r < 0.2:
            item["eligible"] = {"question": "issues", "any": rnd.sample(ISSUES, rnd.randint(1, 4))}
        elif r < 0.3:
            item["eligible"] = {"question": "comfort", "gte": rnd.randint(2, 4)}
        elif r < 0.35:
            item["eligible"] = {"question": "practice", "is": True}
        offs.append(item)
    with open(f"{d}/offerings.json", "w") as f:
        json.dump({"format_version": 1, "offerings": offs}, f, indent=1)


def holds(cond, person):
    """The condition under the catalogue's rules: an unanswered question never holds."""
    q = cond["question"]
    v = person[q].strip()
    if not v:
        return False
    if "any" in cond:
        return bool(set(re.split(r"[;,|]", v)) & set(cond["any"]))
    if "gte" in cond:
        return int(v) >= cond["gte"]
    if "is" in cond:
        return (v == "yes") == cond["is"]
    raise ValueError(cond)


def load(d, scores):
    people = list(csv.DictReader(open(f"{d}/intake.csv")))
    offs = json.load(open(f"{d}/offerings.json"))["offerings"]
    results = [json.loads(line) for line in open(scores)]
    assert len(results) == len(people), "batch gave one result per record"
    return people, offs, results


def allowed(people, offs, results):
    """(i, o, percent) for every place a person may take."""
    pairs = []
    for i, (p, res) in enumerate(zip(people, results)):
        if res["status"] != "ok":
            continue
        fit = {g["group"]: g["percent"] for g in res["ranking"] if g["score"] > 0}
        avail = {t for t in p["available"].split(";") if t}
        for o, off in enumerate(offs):
            if off["type"] not in fit:
                continue
            if "eligible" in off and not holds(off["eligible"], p):
                continue
            tags = set(off.get("tags", []))
            if tags and avail and not tags & avail:
                continue
            pairs.append((i, o, fit[off["type"]]))
    return pairs


def lp(d, scores):
    people, offs, results = load(d, scores)
    pairs = allowed(people, offs, results)
    big = 100 * len(people) + 1
    with open(f"{d}/model.lp", "w") as f:
        f.write("Maximize\n obj:")
        for k, (i, o, pc) in enumerate(pairs):
            f.write(f" + {big + pc} x{i}_{o}")
            if k % 8 == 7:
                f.write("\n")
        if not pairs:
            f.write(" 0 dummy")
        f.write("\nSubject To\n")
        by_person, by_off = {}, {}
        for i, o, _ in pairs:
            by_person.setdefault(i, []).append(f"x{i}_{o}")
            by_off.setdefault(o, []).append(f"x{i}_{o}")
        for i, xs in by_person.items():
            f.write(f" p{i}: " + " + ".join(xs) + " <= 1\n")
        for o, xs in by_off.items():
            f.write(f" s{o}: " + " + ".join(xs) + f" <= {offs[o]['seats']}\n")
        f.write("Bounds\n")
        for i, o, _ in pairs:
            f.write(f" 0 <= x{i}_{o} <= 1\n")
        if not pairs:
            f.write(" 0 <= dummy <= 1\n")
        f.write("End\n")
    return big


def check(d, scores, roster, sol=None):
    people, offs, results = load(d, scores)
    rows = [json.loads(line) for line in open(roster)]
    ids = {o["id"]: k for k, o in enumerate(offs)}
    may = {(i, o): pc for i, o, pc in allowed(people, offs, results)}
    assert [r["id"] for r in rows] == [p["id"] for p in people], "N records in give N rows out, in order"
    used = [0] * len(offs)
    placed = fit = 0
    for i, (r, res) in enumerate(zip(rows, results)):
        if res["status"] != "ok":
            assert r["status"] == res["status"] and r["offering"] is None, ("never placed", r)
            continue
        assert r["status"] in ("placed", "waitlist"), r
        if r["status"] == "waitlist":
            assert r["offering"] is None, r
            continue
        o = ids[r["offering"]]
        assert (i, o) in may, ("placed where the person may not go", r)
        assert r["percent"] == may[(i, o)], ("the percent is the type's fit", r)
        used[o] += 1
        placed += 1
        fit += r["percent"]
    for o, n in enumerate(used):
        assert n <= offs[o]["seats"], ("over its seats", offs[o]["id"], n)
    if sol:
        text = open(sol).read()
        m = re.search(r"Objective:\s+obj = (\S+)", text)
        assert m, "glpsol gave an objective"
        assert "OPTIMAL" in text.upper(), "glpsol found the optimum"
        big = 100 * len(people) + 1
        obj = round(float(m.group(1)))
        assert (placed, fit) == (obj // big, obj % big), (
            f"groupmatch placed {placed} with total fit {fit}; glpsol {obj // big} with {obj % big}")
    print(f"{len(people)} records, {len(offs)} offerings: {placed} placed, total fit {fit}")


def main(argv):
    if len(argv) >= 5 and argv[0] == "gen":
        gen(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), int(argv[5]) if len(argv) > 5 else 1)
    elif len(argv) == 3 and argv[0] == "lp":
        lp(argv[1], argv[2])
    elif len(argv) in (4, 5) and argv[0] == "check":
        check(*argv[1:])
    else:
        sys.stderr.write(__doc__)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
