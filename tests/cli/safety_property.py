#!/usr/bin/env python3
"""safety_property.py - no positive safety answer is lost, over a grammar of transformations.

Each case draws records, some with a positive safety item (a yes or unclear
answer to the crisis question in many spellings, PHQ-9 item 9 = 1..3, an
unreadable item 9, item 9 left blank after other items) and some negative,
then draws "genes": independent transformations of how the same answers
reach groupmatch, combined at random:

  batch  CSV dialect (LF, CRLF, CR, CR CR LF; , ; TAB; quoting; BOMs under
         every --encoding), header spellings (case, outer and inner spaces of
         every Unicode space kind, zero-width characters, labels, REDCap
         checkbox columns), --map files (including hostile ones that recode a
         yes to no), record damage (extra or missing fields, over-limit or
         broken cells) and every output format, summaries included;
  match  -a flags in every order and spelling, answers JSON (duplicate keys,
         key case and spaces, value types, nesting) and FHIR
         QuestionnaireResponse shapes (duplicate keys at every level, several
         value[x], key case, nesting, LOINC codes vs linkIds, every status),
         and an answers file plus flags.

The oracle: every record with a positive safety item is named urgent or
review (batch rows, summaries, match JSON), or the whole run is refused with
a non-zero exit and a message.  A failure is shrunk (records, then genes) to
a minimal reproducer, printed as a shell command line with its input.

GM_PROPERTY_SEED   the seed (default fixed, so CI is deterministic)
GM_PROPERTY_CASES  how many cases (default 500, about 8 s)
GM_PROPERTY_GAPS   comma-separated families to disable instead of the
                   KNOWN_GAPS list ("none" enables every family)
GM_PROPERTY_KEEP   a directory to keep each failing case's files in
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# the grammar: records, genes and the builders of a case
from safety_property_grammar import *  # noqa: E402,F401,F403

GM = os.environ["GROUPMATCH"]
SEED = int(os.environ.get("GM_PROPERTY_SEED", "20261205"))
CASES = int(os.environ.get("GM_PROPERTY_CASES", "500"))
KEEP = os.environ.get("GM_PROPERTY_KEEP")
MAX_REPORTS = int(os.environ.get("GM_PROPERTY_REPORTS", "8"))

# Families of transformations that still lose a positive answer, disabled
# until the library reads them fail-closed.  Printed at every run; a family
# listed here is never drawn.  Empty when every family passes.
KNOWN_GAPS = {
    # answers JSON
    "key-space": "a JSON key with outer non-ASCII space or zero-width ('crisis\\u00a0') is ignored",
    # CSV dialects
    "bom-then-quote": "a BOM the reader keeps (two, or one under latin1/cp1252) makes the first "
                      "header's opening quote text: the column is lost or the columns shift",
    # maps
    "map-hostile-ignore-safety": "a map may send the safety column to 'ignore' (safety missing, exit 0)",
    # record damage: a record with the wrong number of fields or a broken cell keeps
    # its crisis cell, but not item 9 or the REDCap safety pair
    "damage-extra-fields": "extra fields drop item 9 and REDCap safety columns (record invalid)",
    "damage-missing-fields": "missing fields drop item 9 and REDCap safety columns",
    "damage-many-fields": "over 10,000 fields drop item 9",
    "damage-over-limit-cell": "an over-limit cell elsewhere drops item 9",
    "damage-long-safety-cell": "an over-limit safety cell makes the record invalid",
    "damage-unbalanced-quote": "an unterminated quote makes the record invalid, no id",
}

if "GM_PROPERTY_GAPS" in os.environ:
    names = os.environ["GM_PROPERTY_GAPS"]
    GAPS = {} if names in ("", "none") else {n: "disabled by GM_PROPERTY_GAPS" for n in names.split(",")}
else:
    GAPS = dict(KNOWN_GAPS)

# ---------------------------------------------------------------- running

def env():
    e = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    e.pop("GROUPMATCH_CATALOG", None)
    return e


def run_case(args, files, stdin_file, workdir):
    os.makedirs(workdir, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(workdir, name), "wb") as f:
            f.write(data)
    data = files[stdin_file] if stdin_file else b""
    try:
        p = subprocess.run([GM] + args, input=data, capture_output=True, env=env(), cwd=workdir,
                           timeout=60)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return -1, "", "timeout"


def refused(rc, err):
    """The whole run refused: a non-zero exit other than 3, and a message."""
    return rc not in (0, 3) and rc > 0 and "groupmatch:" in err


def batch_rows(fmt, out):
    """The output rows as (id, status) in order, or None when not parseable."""
    import csv as csvmod
    import io
    if fmt == "csv":
        rows = list(csvmod.reader(io.StringIO(out)))
        if not rows:
            return []
        if rows[0][:2] != ["id", "status"]:
            return None
        return [(r[0], r[1]) for r in rows[1:] if len(r) >= 2]
    if fmt == "jsonl":
        res = []
        for line in out.splitlines():
            try:
                j = json.loads(line)
            except ValueError:
                return None
            res.append((j.get("id"), j.get("status")))
        return res
    if fmt == "json":
        if not out.strip():
            return []
        try:
            return [(j.get("id"), j.get("status")) for j in json.loads(out)]
        except (ValueError, AttributeError):
            return None
    return None


def check_batch(g, recs, rc, out, err):
    """None when the oracle holds, else what went wrong."""
    positives = [(k, r) for k, r in enumerate(recs) if r.positive]
    if refused(rc, err) and not out.strip():
        return None
    if rc < 0:
        return "timed out"
    if rc in (0, 3) and positives and rc != 3:
        pass   # exit status is checked by its own family below
    fmt = g["format"]
    if fmt.startswith("summary-"):
        # a summary names every positive record: its id is in the output
        # (a lost id column names records 'line N': the id is then not the
        # subject, the safety reading is, so any 'line ' name counts)
        missing = [r.rid for _, r in positives if r.rid not in out and "line " not in out]
        if missing:
            return "summary (%s, exit %d) does not name %s" % (fmt, rc, ", ".join(missing))
        if positives and rc == 0:
            return "exit 0 with %d positive records" % len(positives)
        return None
    rows = batch_rows(fmt, out)
    if rows is None:
        return "output not parseable as %s" % fmt
    if rows == [] and rc != 0 and "groupmatch:" in err:
        return None    # refused: nothing written, a message
    if len(rows) != len(recs):
        # a damaged record may be split or merged; then every positive id
        # still needs its own urgent or review row
        byid = {}
        for rid, st in rows:
            byid.setdefault(rid, []).append(st)
        bad = [r.rid for _, r in positives
               if not any(s in ("urgent", "review") for s in byid.get(r.rid, []))]
        if bad:
            return "%d rows for %d records; not urgent or review: %s" % (len(rows), len(recs),
                                                                          ", ".join(bad))
        return None
    bad = []
    for k, r in positives:
        rid, st = rows[k]
        if st not in ("urgent", "review"):
            bad.append("%s is %s" % (r.rid, st))
        elif rid != r.rid and not (rid or "").startswith("line "):
            bad.append("%s is named %r" % (r.rid, rid))
    if bad:
        return "; ".join(bad)
    if positives and rc == 0:
        return "exit 0 with %d positive records" % len(positives)
    return None


def check_match(g, rec, rc, out, err):
    if rc < 0:
        return "timed out"
    try:
        j = json.loads(out) if out.strip() else None
    except ValueError:
        return "output not JSON"
    status = j.get("status") if isinstance(j, dict) else None
    if not rec.positive:
        return None
    if status in ("urgent", "review"):
        if rc == 0:
            return "status %s but exit 0" % status
        return None
    if refused(rc, err) and (j is None or not j.get("ranking")):
        return None
    return "status %s, exit %d" % (status, rc)


# ---------------------------------------------------------------- reporting

def sh_quote(s):
    if s and all(c.isalnum() or c in "-_=./,:+" for c in s):
        return s
    if all(0x20 <= ord(c) < 0x7f for c in s):
        return "'" + s.replace("'", "'\\''") + "'"
    return "\"$(printf '%s')\"" % "".join("\\%03o" % b for b in s.encode("utf-8"))


def printf_bytes(data, limit=3000):
    out = []
    for b in data[:limit]:
        c = chr(b)
        if c == "'":
            out.append("'\\''")
        elif c == "\\":
            out.append("\\\\")
        elif c == "%":
            out.append("%%")
        elif 0x20 <= b < 0x7f:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    tail = "" if len(data) <= limit else "  # first %d of %d bytes" % (limit, len(data))
    return "printf '" + "".join(out) + "'" + tail


def reproducer(args, files, stdin_file):
    lines = []
    for name, data in files.items():
        if stdin_file == name:
            continue
        lines.append("%s > %s" % (printf_bytes(data), name))
    cmd = "groupmatch " + " ".join(sh_quote(a) for a in args)
    if stdin_file:
        cmd = "%s | %s" % (printf_bytes(files[stdin_file]), cmd)
    lines.append(cmd)
    return "\n".join(lines)


# ---------------------------------------------------------------- shrinking

BATCH_DEFAULTS = None


def default_batch_genes():
    g = draw_batch_genes(random.Random(0))
    plain_h = {"base": "id", "case": "same", "outer": "", "outer_end": "", "inner": None,
               "zw": None}
    g.update(encoding="utf-8", encoding_flag=False, encoding_spelling=0, bom="none", eol="lf", final_eol=True,
             delim=",", delim_flag=False, quote="minimal", order_seed=0.0, id_header="id",
             crisis_header=dict(plain_h), item9_header=dict(plain_h), redcap=False, map="none",
             map_form="csv", damage="none", format="csv", stdin=False, strict=False)
    return g


def default_match_genes():
    g = draw_match_genes(random.Random(0))
    g.update(source="flags", flag_form=["-a"] * 12, flag_order=0.9, key_case="same",
             key_space=False, dup="none", json_value="string", fhir_value="string",
             fhir_shape="flat", fhir_key_case=False, status="completed", stdin=False,
             id=False)
    return g


def shrink(kind, g, recs, seed, workdir):
    """Fewer records and plainer genes while the case still fails."""
    def fails(g2, recs2):
        if kind == "batch":
            args, files, stdin = build_batch(g2, recs2, seed)
            rc, out, err = run_case(args, files, stdin, workdir)
            return check_batch(g2, recs2, rc, out, err)
        args, files, stdin = build_match(g2, recs2[0], seed)
        rc, out, err = run_case(args, files, stdin, workdir)
        return check_match(g2, recs2[0], rc, out, err)

    if kind == "batch" and len(recs) > 1:
        for r in recs:
            if r.positive and fails(g, [r]):
                recs = [r]
                break
    plain = default_batch_genes() if kind == "batch" else default_match_genes()
    for key in list(g):
        if key not in plain or g[key] == plain[key]:
            continue
        g2 = dict(g)
        g2[key] = plain[key]
        if fails(g2, recs):
            g = g2
    return g, recs


# ---------------------------------------------------------------- main

def allowed(families):
    return not (families & set(GAPS))


def draw_case(case_seed, serial):
    """One case from its seed: kind, records, genes and families."""
    crng = random.Random(case_seed)
    if crng.random() < 0.6:
        recs = []
        for k in range(crng.randint(1, 6)):
            recs.append(draw_record(crng, "R%05dQ" % (serial + k + 1), crng.random() < 0.5))
        if not any(r.positive for r in recs):
            recs.append(draw_record(crng, "R%05dQ" % (serial + len(recs) + 1), True))
        crng.shuffle(recs)
        g = draw_batch_genes(crng)
        return "batch", recs, g, batch_families(g, recs)
    recs = [draw_record(crng, "R%05dQ" % (serial + 1), crng.random() < 0.85)]
    g = draw_match_genes(crng)
    return "match", recs, g, match_families(g, recs[0])


def main():
    rng = random.Random(SEED)
    tmp = tempfile.mkdtemp(prefix="gm-property-")
    start = time.time()
    print("safety property: seed %d (GM_PROPERTY_SEED), %d cases (GM_PROPERTY_CASES)" % (SEED, CASES))
    if GAPS:
        print("KNOWN GAPS, disabled families (positive answers still lost there):")
        for name, why in sorted(GAPS.items()):
            print("  %s: %s" % (name, why))
    failed, passed, skipped = 0, 0, 0
    negatives_ok = 0
    families_seen = {}
    reports = 0
    signatures = {}
    serial = 0
    for n in range(CASES):
        # a case touching a known gap is drawn again (at most 50 times)
        for _ in range(50):
            case_seed = rng.getrandbits(32)
            kind, recs, g, fam = draw_case(case_seed, serial)
            if allowed(fam):
                break
        else:
            skipped += 1
            continue
        serial += len(recs)
        for f in fam:
            families_seen[f] = families_seen.get(f, 0) + 1
        workdir = os.path.join(tmp, "c%d" % n)
        if kind == "batch":
            args, files, stdin = build_batch(g, recs, case_seed)
            rc, out, err = run_case(args, files, stdin, workdir)
            why = check_batch(g, recs, rc, out, err)
            if g["format"] == "jsonl" and g == dict(g, damage="none"):
                negatives_ok += sum(1 for (rid, st), r in zip(batch_rows("jsonl", out) or [], recs)
                                    if not r.positive and st == "ok")
        else:
            args, files, stdin = build_match(g, recs[0], case_seed)
            rc, out, err = run_case(args, files, stdin, workdir)
            why = check_match(g, recs[0], rc, out, err)
            if not recs[0].positive and '"status":"ok"' in out.replace(" ", ""):
                negatives_ok += 1
        if why is None:
            passed += 1
            shutil.rmtree(workdir, ignore_errors=True)
            continue
        failed += 1
        if reports >= MAX_REPORTS:
            continue
        reports += 1
        g2, recs2 = shrink(kind, g, recs, case_seed, workdir + "-shrink")
        fam2 = batch_families(g2, recs2) if kind == "batch" else match_families(g2, recs2[0])
        if kind == "batch":
            args, files, stdin = build_batch(g2, recs2, case_seed)
            rc, out, err = run_case(args, files, stdin, workdir + "-min")
            why2 = check_batch(g2, recs2, rc, out, err)
        else:
            args, files, stdin = build_match(g2, recs2[0], case_seed)
            rc, out, err = run_case(args, files, stdin, workdir + "-min")
            why2 = check_match(g2, recs2[0], rc, out, err)
        sig = ", ".join(sorted(f for f in fam2 if f not in ("batch", "match"))) or "(plain)"
        signatures[sig] = signatures.get(sig, 0) + 1
        print("FAIL: case %d (seed %d, GM_PROPERTY_SEED=%d): %s" % (n, case_seed, SEED, why))
        print("  families: %s" % ", ".join(sorted(f for f in fam2 if f not in ("batch", "match"))))
        print("  positive: %s" % "; ".join("%s (%s: crisis %r, phq9_9 %r)" % (
            r.rid, r.why, r.crisis, r.phq[8] if r.phq else None) for r in recs2 if r.positive))
        print("  minimal reproducer (%s):" % why2)
        for line in reproducer(args, files, stdin).splitlines():
            print("    " + line)
        print("  got: exit %d; stdout: %s; stderr: %s" % (rc, out[:300].replace("\n", "\\n"),
                                                         err[:300].replace("\n", "\\n")))
        if KEEP:
            dest = os.path.join(KEEP, "case-%d" % n)
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(workdir + "-min", dest)
    shutil.rmtree(tmp, ignore_errors=True)
    # the oracle can fail: clean negatives must come out ok somewhere
    if CASES >= 100 and negatives_ok == 0:
        print("FAIL: no negative record came out ok: the oracle cannot tell")
        failed += 1
    if signatures:
        print("minimal failing families (of the %d failures shrunk):" % reports)
        for sig, k in sorted(signatures.items(), key=lambda x: -x[1]):
            print("  %4d  %s" % (k, sig))
    print("families exercised: %d; negatives ok: %d" % (len(families_seen), negatives_ok))
    if GAPS:
        print("KNOWN GAPS still disabled: %s" % ", ".join(sorted(GAPS)))
    print("%d passed, %d failed, %d skipped (known gaps) in %.1f s" % (
        passed, failed, skipped, time.time() - start))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
