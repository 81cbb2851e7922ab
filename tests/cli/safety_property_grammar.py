#!/usr/bin/env python3
"""safety_property_grammar.py - the records and transformations safety_property.py draws.

A case is records (some with a positive safety item) and genes: each gene is
one independent transformation of how the same answers reach groupmatch.
draw_*_genes picks genes at random; build_batch and build_match turn genes
and records into files and a command line, with no randomness of their own
beyond the case seed, so a failing case can be rebuilt with plainer genes
(shrunk) and still mean the same records.
"""
import json
import random

# ---------------------------------------------------------------- values

# Answers to the crisis question that are a yes, or not a clear yes or no
# (which counts as yes).
CRISIS_YES = ["yes", "Yes", "YES", "y", "Y", "true", "TRUE", "True", "1", "Checked", "checked",
              " yes ", "yes\t", "\u00a0yes", "yes\u00a0", "\u200byes", "yes\u200b", "\ufeffyes"]
CRISIS_UNCLEAR = ["unsure", "Unsure", "maybe", "Maybe", "not sure", "don't know", "dont know",
                  "?", "??", "N/A", "n/a", "yes please", "yes/no", "no?", "No.", "no!", "nah?",
                  "2", "-1", "10", "yess", "ye s", "sí", "oui", "ja", "\uff59\uff45\uff53",
                  "Nο",  # Greek omicron
                  "y\u0435s",  # Cyrillic e
                  "prefer not to say", "no yes", "0 1", "1.0", "yes\nno"]
CRISIS_NO = ["no", "No", "NO", "n", "N", "false", "FALSE", "0", "Unchecked"]
# PHQ-9 item 9 readings: positive numbers and labels, unreadable values
ITEM9_POS = ["1", "2", "3", " 3", "3 ", "01", "Several days", "more than half the days",
             "Nearly every day", "NEARLY EVERY DAY"]
ITEM9_UNREADABLE = ["yes", "4", "9", "-1", "sometimes", "3?", "1-2", "2.5", "x", "\u00a03\u00a0",
                    "３"]
ITEM9_ZERO = ["0", "Not at all"]

# Unicode space kinds for header spellings, and zero-width characters
SPACES = ["\u0020", "\u0009", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003",
          "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u202f",
          "\u205f", "\u3000"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
ENCODINGS = ["utf-8", "latin1", "cp1252"]
# every spelling of each that --encoding accepts
ENCODING_NAMES = {"utf-8": ["utf-8", "utf8", "UTF-8"], "latin1": ["latin1", "iso-8859-1"],
                  "cp1252": ["cp1252", "windows-1252"]}

CRISIS_LABEL = ("Are you in crisis right now, or having thoughts of harming yourself or "
                "someone else?")
ITEM9_LABEL = "Thoughts that you would be better off dead, or of hurting yourself in some way"
ITEM9_LOINC = "44260-8"
PHQ9_LOINC = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5",
              "44253-3", ITEM9_LOINC]


# ---------------------------------------------------------------- records

class Record:
    """One person's answers: crisis (text or None), phq (9 texts or None)."""

    def __init__(self, rid, crisis, phq, why):
        self.rid, self.crisis, self.phq, self.why = rid, crisis, phq, why

    @property
    def positive(self):
        return self.why is not None


def draw_record(rng, rid, positive):
    other_phq = [rng.choice(["0", "1", "2"]) for _ in range(8)]
    if not positive:
        crisis = rng.choice(CRISIS_NO)
        phq = None if rng.random() < 0.5 else other_phq + [rng.choice(ITEM9_ZERO)]
        return Record(rid, crisis, phq, None)
    kind = rng.choice(["crisis_yes", "crisis_unclear", "item9", "item9", "item9_unreadable",
                       "item9_blank", "both"])
    crisis, phq = rng.choice(CRISIS_NO), None
    if kind in ("crisis_yes", "both"):
        crisis = rng.choice(CRISIS_YES)
    if kind == "crisis_unclear":
        crisis = rng.choice(CRISIS_UNCLEAR)
    if kind in ("item9", "both"):
        phq = other_phq + [rng.choice(ITEM9_POS)]
    if kind == "item9_unreadable":
        phq = other_phq + [rng.choice(ITEM9_UNREADABLE)]
    if kind == "item9_blank":
        phq = other_phq + [""]
    return Record(rid, crisis, phq, kind)


def family_of(rec):
    """The family a record's positive reading belongs to."""
    return {"item9_unreadable": "item9-unreadable", "item9_blank": "item9-blank"}.get(rec.why)


# ---------------------------------------------------------------- genes

def spell_header(rng, base, label):
    """A header spelling gene for a column whose id is base."""
    g = {"base": "id", "case": "same", "outer": "", "outer_end": "", "inner": None, "zw": None}
    r = rng.random()
    if r < 0.15 and label:
        g["base"] = "label"
    if rng.random() < 0.5:
        g["case"] = rng.choice(["upper", "title", "mixed"])
        g["mix"] = [rng.random() < 0.5 for _ in range(120)]
    if rng.random() < 0.4:
        g["outer"] = "".join(rng.choice(SPACES) for _ in range(rng.randint(0, 2)))
        g["outer_end"] = "".join(rng.choice(SPACES) for _ in range(rng.randint(0, 2)))
    if rng.random() < 0.2:   # between the words of a label
        g["inner"] = rng.choice(SPACES) * rng.randint(1, 2)
    if rng.random() < 0.25:
        g["zw"] = (rng.choice(ZERO_WIDTH), rng.randint(0, 200))
    return g


def header_text(g, base, label):
    s = label if g["base"] == "label" else base
    if g["inner"] is not None:
        s = s.replace(" ", g["inner"])
    if g["case"] == "upper":
        s = s.upper()
    elif g["case"] == "title":
        s = s.title()
    elif g["case"] == "mixed":
        s = "".join(c.upper() if m else c.lower() for c, m in zip(s, g["mix"] + [False] * len(s)))
    if g["zw"]:
        z, at = g["zw"]
        at %= len(s) + 1
        s = s[:at] + z + s[at:]
    return g["outer"] + s + g["outer_end"]


def draw_batch_genes(rng):
    g = {
        "encoding": rng.choice(ENCODINGS),
        "encoding_flag": rng.random() < 0.7,
        "encoding_spelling": rng.randrange(6),
        "bom": rng.choice(["none"] * 4 + ["utf8", "utf8x2", "utf16le", "utf16be"]),
        "eol": rng.choice(["lf", "crlf", "cr", "crcrlf", "mixed"]),
        "final_eol": rng.random() < 0.8,
        "delim": rng.choice([",", ",", ";", "\t"]),
        "delim_flag": rng.random() < 0.3,
        "quote": rng.choice(["minimal", "minimal", "all", "random", "multiline"]),
        "order_seed": rng.random(),
        "id_header": rng.choice(["id", "record_id", "Record ID", "ID", "Id"]),
        "crisis_header": spell_header(rng, "crisis", CRISIS_LABEL),
        "item9_header": spell_header(rng, "phq9_9", ITEM9_LABEL),
        "redcap": rng.random() < 0.15,
        "map": "none",
        "map_form": rng.choice(["csv", "json"]),
        "damage": "none",
        "format": rng.choice(["csv", "csv", "jsonl", "json", "summary-text", "summary-json",
                              "summary-csv", "summary-html"]),
        "stdin": rng.random() < 0.3,
        "strict": rng.random() < 0.1,
    }
    if rng.random() < 0.3 and not g["redcap"]:
        g["map"] = rng.choice(["rename", "recode", "rename", "recode", "hostile-yes-no",
                               "hostile-unsure-no", "hostile-item9-zero", "hostile-dup-column",
                               "hostile-second-crisis", "hostile-ignore-safety"])
    if rng.random() < 0.25:
        g["damage"] = rng.choice(["extra-fields", "missing-fields", "long-other-cell",
                                  "over-limit-cell", "many-fields", "nul-cell", "bad-utf8",
                                  "long-safety-cell", "unbalanced-quote"])
        g["damage_row"] = rng.random()
    return g


# the family each gene value belongs to, for the known-gaps list and reports
def batch_families(g, recs):
    f = {"batch"}
    if g["eol"] != "lf":
        f.add("eol-" + g["eol"])
    if g["encoding"] != "utf-8":
        f.add("encoding-" + g["encoding"])
    if g["bom"] != "none":
        f.add("bom-" + g["bom"] + ("" if g["encoding"] == "utf-8" or g["bom"].startswith("utf16")
                                   else "-under-" + g["encoding"]))
    # a BOM the reader does not skip, then a quoted first header: the quote is text
    if (g["bom"] == "utf8x2" or (g["bom"] == "utf8" and g["encoding"] != "utf-8")) and (
            g["quote"] != "minimal" or "label" in (g["crisis_header"]["base"],
                                                   g["item9_header"]["base"])):
        f.add("bom-then-quote")
    if g["format"] != "csv":
        f.add("format-" + g["format"])
    if g["delim"] != ",":
        f.add("delimiter")
    if g["quote"] != "minimal":
        f.add("quote-" + g["quote"])
    for col in ("crisis_header", "item9_header"):
        h = g[col]
        if h["base"] == "label":
            f.add("header-label")
        if h["case"] != "same":
            f.add("header-case")
        if any(c not in " " for c in h["outer"] + h["outer_end"]):
            f.add("header-outer-unicode-space")
        elif h["outer"] + h["outer_end"]:
            f.add("header-outer-space")
        if h["inner"] is not None and h["base"] == "label":
            f.add("header-inner-space")
        if h["zw"]:
            f.add("header-zero-width")
    if g["redcap"]:
        f.add("redcap")
    if g["strict"]:
        f.add("strict")
    if g["map"] != "none":
        f.add("map-" + g["map"])
    if g["damage"] != "none":
        f.add("damage-" + g["damage"])
    for r in recs:
        if family_of(r):
            f.add(family_of(r))
    return f


def draw_match_genes(rng):
    g = {
        "source": rng.choice(["flags", "json", "fhir", "json+flags", "fhir+flags"]),
        "flag_form": [rng.choice(["-a", "--answer", "--answer="]) for _ in range(12)],
        "flag_order": rng.random(),
        "key_case": rng.choice(["same"] * 3 + ["upper", "mixed"]),
        "key_space": rng.random() < 0.15,
        "dup": "none",
        "json_value": rng.choice(["string", "string", "native", "array", "object"]),
        "fhir_value": rng.choice(["boolean", "string", "coding", "coding-loinc", "integer"]),
        "fhir_shape": rng.choice(["flat", "flat", "group", "answer-item", "loinc"]),
        "fhir_key_case": rng.random() < 0.1,
        "status": rng.choice(["completed"] * 3 + ["in-progress", "amended", "entered-in-error",
                                                  "stopped", "preliminary", "COMPLETED"]),
        "stdin": rng.random() < 0.3,
        "id": rng.random() < 0.3,
    }
    if rng.random() < 0.4:
        g["dup"] = rng.choice(["neg-after", "neg-before", "value-x", "answer-array", "item-array",
                               "top-item-array", "both-bool"])
    return g


def match_families(g, rec):
    f = {"match", "source-" + g["source"]}
    if g["source"] != "flags":
        if g["key_case"] != "same":
            f.add("key-case")
        if g["key_space"]:
            f.add("key-space")
        if g["dup"] != "none":
            f.add(("fhir-dup-" if "fhir" in g["source"] else "json-dup-") + g["dup"])
    # a later negative reading of item 9 (a duplicate, or flags over a file)
    if item9_answered(rec) and (g["dup"] != "none" or "+flags" in g["source"]):
        f.add("lower-item9")
    elif g["dup"] != "none":
        f.add("flags-dup")
    if g["source"].startswith("json"):
        f.add("json-value-" + g["json_value"])
    if g["source"].startswith("fhir"):
        f.add("fhir-value-" + g["fhir_value"])
        f.add("fhir-shape-" + g["fhir_shape"])
        if g["fhir_key_case"]:
            f.add("fhir-key-case")
        if g["status"] != "completed":
            f.add("fhir-status-" + g["status"])
    if "+flags" in g["source"]:
        f.add("file-plus-flags")
    if family_of(rec):
        f.add(family_of(rec))
    return f


# ---------------------------------------------------------------- batch input

OTHER = [("goals", ["relationships", "1", "2;3", "Better relationships", "skill_building"]),
         ("focus", ["support", "education", "2"]),
         ("comfort", ["3", "4", "2"]),
         ("notes", ["fine", "call after 5", "none"])]


def build_batch(g, recs, rng_seed):
    """The files and argv of one batch case, from genes and records only."""
    rng = random.Random(rng_seed)
    enc = g["encoding"]
    crisis_h = header_text(g["crisis_header"], "crisis", CRISIS_LABEL)
    item9_h = header_text(g["item9_header"], "phq9_9", ITEM9_LABEL)
    has_phq = any(r.phq is not None for r in recs)
    # columns: (header, getter)
    cols = [(g["id_header"], lambda r: r.rid, True)]
    map_rows, map_json = [], {"columns": {}, "options": {}}
    export = g["map"] not in ("none",)
    crisis_cols = []
    if g["redcap"]:
        crisis_cols = [(crisis_h + "___yes", lambda r: redcap(r.crisis, True), True),
                       (crisis_h + "___no", lambda r: redcap(r.crisis, False), True)]
    else:
        crisis_cols = [(crisis_h, lambda r: r.crisis, True)]
    if export and not g["redcap"]:
        # the export names the column Q_Crisis; the map renames it
        crisis_cols = [("Q_Crisis", lambda r: recode(g, r.crisis), True)]
        map_rows.append(("Q_Crisis", "crisis", ""))
        map_json["columns"]["Q_Crisis"] = "crisis"
        if g["map"] == "recode" or g["map"].startswith("hostile"):
            for code, to in (("J", "yes"), ("N", "no"), ("U", "unsure")):
                map_rows.append((code, to, "crisis"))
                map_json["options"].setdefault("crisis", {})[code] = to
        if g["map"] == "hostile-yes-no":
            for frm in ("yes", "Yes", "y", "1", "true", "Checked"):
                map_rows.append((frm, "no", "crisis"))
                map_json["options"].setdefault("crisis", {})[frm] = "no"
        if g["map"] == "hostile-unsure-no":
            for frm in ("unsure", "maybe", "?", "not sure", "U"):
                map_rows.append((frm, "no", "crisis"))
                map_json["options"].setdefault("crisis", {})[frm] = "no"
        if g["map"] == "hostile-dup-column":
            map_rows.append(("Q_Crisis", "ignore", ""))
        if g["map"] == "hostile-ignore-safety":
            map_rows[:] = [("Q_Crisis", "ignore", "")] + [m for m in map_rows if m[0] != "Q_Crisis"]
            map_json["columns"]["Q_Crisis"] = "ignore"
    cols += crisis_cols
    if g["map"] == "hostile-second-crisis":
        cols.append(("Q_Crisis_Again", lambda r: "no", True))
        map_rows.append(("Q_Crisis_Again", "crisis", ""))
        map_json["columns"]["Q_Crisis_Again"] = "crisis"
    if has_phq:
        for i in range(8):
            cols.append(("phq9_%d" % (i + 1), lambda r, i=i: r.phq[i] if r.phq else "", False))
        if export and g["map"] in ("hostile-item9-zero", "recode", "rename"):
            cols.append(("Q_Item9", lambda r: r.phq[8] if r.phq else "", True))
            map_rows.append(("Q_Item9", "phq9_9", ""))
            map_json["columns"]["Q_Item9"] = "phq9_9"
            if g["map"] == "hostile-item9-zero":
                for frm in ("1", "2", "3", "Several days", "Nearly every day"):
                    map_rows.append((frm, "0", "phq9_9"))
                    map_json["options"].setdefault("phq9_9", {})[frm] = "0"
        else:
            cols.append((item9_h, lambda r: r.phq[8] if r.phq else "", True))
    for name, values in OTHER:
        cols.append((name, lambda r, v=rng.choice(values): v, False))
    # column order: the id first or anywhere
    order_rng = random.Random(g["order_seed"])
    head, rest = cols[:1], cols[1:]
    order_rng.shuffle(rest)
    r = order_rng.random()
    if r < 0.2:
        # a safety column first, where a byte order mark sticks to it
        safety = [c for c in rest if c[2]]
        cols = [safety[0]] + [c for c in rest if c is not safety[0]]
        cols.insert(order_rng.randrange(1, len(cols) + 1), head[0])
    elif r < 0.6:
        cols = head + rest
    else:
        cols = rest[:]
        cols.insert(order_rng.randrange(len(cols) + 1), head[0])
    delim = g["delim"]
    damage = g["damage"]
    damaged = int(g.get("damage_row", 0) * len(recs)) if recs else 0
    lines = [[c[0] for c in cols]]
    eols = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "crcrlf": "\r\r\n"}
    notes = [i for i, c in enumerate(cols) if c[0] == "notes"]
    for k, r in enumerate(recs):
        row = [c[1](r) for c in cols]
        if g["quote"] == "multiline" and notes and rng.random() < 0.6:
            # a line end inside a quoted cell, in the file's own dialect
            row[notes[0]] = "call" + eols.get(g["eol"], "\r\n") + "after 5"
        if damage != "none" and k == damaged:
            row = damage_row(damage, row, cols, rng)
        lines.append(row)
    out = []
    for k, row in enumerate(lines):
        if damage == "many-fields" and k == damaged + 1:
            out.append(delim.join(quote_cell(g, c, delim, rng) for c in row[:-1])
                       + delim + delim.join(["n"] * 10050))
        else:
            out.append(delim.join(quote_cell(g, c, delim, rng) for c in row))
    if g["eol"] == "mixed":
        text = ""
        for s in out:
            text += s + rng.choice(list(eols.values()))
    else:
        eol = eols[g["eol"]]
        text = eol.join(out) + (eol if g["final_eol"] else "")
    data = encode_text(text, g)
    files = {"in.csv": data}
    args = ["batch"]
    fmt = g["format"]
    if fmt.startswith("summary-"):
        args += ["--summary", "--format", fmt[8:]]
    else:
        args += ["--format", fmt]
    if g["encoding_flag"] or enc != "utf-8":
        names = ENCODING_NAMES[enc]
        args += ["--encoding", names[g["encoding_spelling"] % len(names)]]
    if g["delim_flag"]:
        args += ["--delimiter", {",": ",", ";": ";", "\t": "tab"}[delim]]
    if g["strict"]:
        args.append("--strict")
    if export:
        if g["map_form"] == "json" and g["map"] not in ("hostile-dup-column",):
            files["map.json"] = json.dumps(map_json).encode()
            args += ["--map", "map.json"]
        else:
            files["map.csv"] = ("from,to,question\n" + "".join(
                "%s,%s,%s\n" % m for m in map_rows)).encode()
            args += ["--map", "map.csv"]
    if g["stdin"]:
        args.append("-")
    else:
        args.append("in.csv")
    return args, files, "in.csv" if g["stdin"] else None


def redcap(value, yes_column):
    """A crisis answer as the REDCap checkbox pair crisis___yes / crisis___no."""
    v = value.strip().lower()
    positive = v in ("yes", "y", "true", "1", "checked")
    negative = v in ("no", "n", "false", "0", "unchecked")
    if positive:
        return "Checked" if yes_column else "Unchecked"
    if negative:
        return "Unchecked" if yes_column else "Checked"
    return value   # an unclear answer stays what it was, in both columns


def recode(g, value):
    """A crisis answer as the export codes J/N/U, when the map recodes."""
    v = value.strip().lower()
    if g["map"] != "recode":
        return value
    if v in ("yes", "y", "true", "1", "checked"):
        return "J"
    if v in ("no", "n", "false", "0", "unchecked"):
        return "N"
    return value if len(value) % 2 else "U"


def damage_row(kind, row, cols, rng):
    protected = {i for i, c in enumerate(cols) if c[2]}
    others = [i for i in range(len(row)) if i not in protected]
    row = list(row)
    if kind == "extra-fields":
        row += ["extra"] * rng.randint(1, 3)
    elif kind == "missing-fields":
        # drop trailing fields, as long as none of them holds a safety answer
        while len(row) > 1 and (len(row) - 1) not in protected:
            row.pop()
            if rng.random() < 0.5:
                break
    elif kind == "long-other-cell" and others:
        row[rng.choice(others)] = "x" * 70000
    elif kind == "over-limit-cell" and others:
        row[rng.choice(others)] = "x" * 1100000
    elif kind == "nul-cell" and others:
        row[rng.choice(others)] = "a\x00b"
    elif kind == "bad-utf8" and others:
        row[rng.choice(others)] = "\udcff\udcfe"
    elif kind == "long-safety-cell":
        for i in protected:
            if i and row[i]:
                row[i] = row[i] + " " * 1100000
    elif kind == "unbalanced-quote" and others:
        row[rng.choice(others)] = "\x01UNBALANCED"
    return row


def quote_cell(g, cell, delim, rng):
    if cell == "\x01UNBALANCED":
        return '"unbalanced'
    need = any(c in cell for c in (delim, '"', "\n", "\r"))
    q = g["quote"]
    if need or q == "all" or (q == "random" and rng.random() < 0.4):
        return '"' + cell.replace('"', '""') + '"'
    if q == "multiline" and rng.random() < 0.2 and cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def encode_text(text, g):
    enc = g["encoding"]
    if g["bom"] in ("utf16le", "utf16be"):
        codec = "utf-16-le" if g["bom"] == "utf16le" else "utf-16-be"
        return "\ufeff".encode(codec) + text.encode(codec, "surrogatepass")
    if enc == "utf-8":
        data = text.encode("utf-8", "surrogateescape")
    else:
        data = b"".join(encode_char(c, enc) for c in text)
    bom = {"none": b"", "utf8": b"\xef\xbb\xbf", "utf8x2": b"\xef\xbb\xbf" * 2}[g["bom"]]
    return bom + data


def encode_char(c, enc):
    """One character in a single-byte encoding: a raw byte stays itself, a
    space the encoding lacks is a plain space and a zero-width character
    it lacks is left out (neither was ever in such a file), anything else
    becomes '?'."""
    if 0xdc80 <= ord(c) <= 0xdcff:
        return bytes([ord(c) - 0xdc00])
    try:
        return c.encode(enc)
    except UnicodeEncodeError:
        return b" " if c in SPACES else b"" if c in ZERO_WIDTH else b"?"


# ---------------------------------------------------------------- match input

def key_spell(g, key, rng):
    if g["key_case"] == "upper":
        key = key.upper()
    elif g["key_case"] == "mixed":
        key = "".join(c.upper() if rng.random() < 0.5 else c for c in key)
    if g["key_space"]:
        key = rng.choice(["", " "]) + key + rng.choice([" ", "\u00a0", "\t"])
    return key


def json_value(g, q, text):
    kind = g["json_value"]
    if kind == "native":
        t = text.strip().lower()
        if q == "crisis" and t in ("yes", "true", "y"):
            return True
        if q == "crisis" and t in ("no", "false", "n"):
            return False
        if t.isdigit():
            return int(t)
        return text
    if kind == "array":
        return [text]
    if kind == "object":
        return {"value": text}
    return text


def item9_answered(rec):
    """Whether the record answers item 9 (a skipped one is not lowered by a 0,
    which would answer it)."""
    return rec.phq is not None and rec.phq[8] != ""


def build_match(g, rec, rng_seed):
    rng = random.Random(rng_seed)
    answers = [("goals", "relationships"), ("focus", "support"), ("comfort", "3")]
    safety = [("crisis", rec.crisis)]
    if rec.phq:
        safety += [("phq9_%d" % (i + 1), v) for i, v in enumerate(rec.phq) if v != ""]
    files, args = {}, ["match", "--format", "json"]
    if g["id"]:
        args += ["--id", rec.rid]
    src = g["source"]
    flags = []
    if src == "flags":
        flags = safety + answers
    else:
        file_items = safety + answers
        if "+flags" in src:
            # the flags repeat a negative over the file's answers
            flags = [("crisis", "no")] + ([("phq9_9", "0")] if item9_answered(rec) else []) \
                + answers[:1]
        if src.startswith("json"):
            files["answers.json"] = answers_json(g, file_items, rng).encode("utf-8")
        else:
            files["answers.json"] = answers_fhir(g, file_items, rng).encode("utf-8")
    if src == "flags" and g["dup"] != "none":
        neg = [("crisis", rng.choice(CRISIS_NO))] + ([("phq9_9", "0")] if item9_answered(rec) else [])
        flags = (neg + flags) if g["dup"] == "neg-before" else (flags + neg)
    order = random.Random(g["flag_order"])
    if order.random() < 0.5:
        order.shuffle(flags)
    for k, (q, v) in enumerate(flags):
        q = key_spell(dict(g, key_space=False), q, rng) if src == "flags" else q
        v = v.replace("\x00", "")
        form = g["flag_form"][k % len(g["flag_form"])]
        if form == "--answer=":
            args.append("--answer=%s=%s" % (q, v))
        else:
            args += [form, "%s=%s" % (q, v)]
    stdin = None
    if files:
        if g["stdin"]:
            args += ["--answers", "-"]
            stdin = "answers.json"
        else:
            args += ["--answers", "answers.json"]
    return args, files, stdin


def answers_json(g, items, rng):
    members = []
    for q, v in items:
        members.append((key_spell(g, q, rng), json_value(g, q, v) if q in ("crisis", "phq9_9")
                        else v))
        if q in ("crisis", "phq9_9") and g["dup"] in ("neg-after", "neg-before", "both-bool"):
            neg = (key_spell(g, q, rng), json_value(g, q, "no" if q == "crisis" else "0"))
            if g["dup"] == "neg-before":
                members.insert(len(members) - 1, neg)
            else:
                members.append(neg)
    text = "{" + ", ".join("%s: %s" % (json.dumps(k), json.dumps(v)) for k, v in members) + "}"
    return text


def fhir_key(g, key):
    return key[0].upper() + key[1:] if g["fhir_key_case"] else key


def fhir_value(g, q, text):
    """The value[x] members (as (key, json text) pairs) of one answer."""
    kind = g["fhir_value"]
    t = text.strip().lower()
    if q == "crisis":
        if kind == "boolean" and t in ("yes", "true", "y", "1"):
            return [("valueBoolean", "true")]
        if kind == "boolean" and t in ("no", "false", "n", "0"):
            return [("valueBoolean", "false")]
        if kind == "coding-loinc" and t in ("yes", "y", "true"):
            return [("valueCoding", json.dumps({"system": "http://loinc.org", "code": "LA33-6",
                                                "display": "Yes"}))]
        if kind == "coding":
            return [("valueCoding", json.dumps({"code": text}))]
        return [("valueString", json.dumps(text))]
    if kind in ("integer", "boolean") and t.isdigit():
        return [("valueInteger", t)]
    if kind == "coding-loinc" and t in ("0", "1", "2", "3"):
        codes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]
        return [("valueCoding", json.dumps({"system": "http://loinc.org", "code": codes[int(t)]}))]
    if kind == "coding":
        return [("valueCoding", json.dumps({"code": text}))]
    return [("valueString", json.dumps(text))]


def obj(pairs):
    """A JSON object from (key, json text) pairs, duplicates kept."""
    return "{" + ", ".join("%s: %s" % (json.dumps(k), v) for k, v in pairs) + "}"


def arr(texts):
    return "[" + ", ".join(texts) + "]"


def answers_fhir(g, items, rng):
    K = lambda k: fhir_key(g, k)
    dup = g["dup"]
    shape = g["fhir_shape"]
    out = []
    for q, v in items:
        link = key_spell(dict(g, key_space=False), q, rng)
        if q.startswith("phq9_") and (shape == "loinc" or rng.random() < 0.2):
            link = PHQ9_LOINC[int(q[5:]) - 1]
        values = fhir_value(g, q, v)
        safety = q in ("crisis", "phq9_9")
        neg = fhir_value(g, q, "no" if q == "crisis" else "0")
        answer = obj(values)
        item = [(K("linkId"), json.dumps(link)), (K("answer"), arr([answer]))]
        if safety and dup == "value-x":
            item = [(K("linkId"), json.dumps(link)),
                    (K("answer"), arr([obj(values + ([("valueString", json.dumps("no"))]
                                                      if q == "crisis" else
                                                      [("valueInteger", "0")]))]))]
        if safety and dup == "both-bool" and q == "crisis":
            item = [(K("linkId"), json.dumps(link)), (K("answer"), arr([obj(values + neg)]))]
        if safety and dup == "answer-array":
            item.append((K("answer"), arr([obj(neg)])))
        if safety and dup in ("neg-after", "neg-before"):
            other = obj([(K("linkId"), json.dumps(link)), (K("answer"), arr([obj(neg)]))])
            if dup == "neg-before":
                out.append(other)
                out.append(obj(item))
                continue
            out.append(obj(item))
            out.append(other)
            continue
        if safety and dup == "item-array":
            # the item is a group holding the answer, then its "item" array again, negative
            grp = [(K("linkId"), json.dumps("grp-" + q)),
                   (K("item"), arr([obj(item)])),
                   (K("item"), arr([obj([(K("linkId"), json.dumps(link)),
                                         (K("answer"), arr([obj(neg)]))])]))]
            out.append(obj(grp))
            continue
        if shape == "group" and safety:
            out.append(obj([(K("linkId"), json.dumps("section")), (K("item"), arr([obj(item)]))]))
            continue
        if shape == "answer-item" and safety:
            holder = obj([(K("linkId"), json.dumps("intro")),
                          (K("answer"), arr([obj([("valueBoolean", "true"),
                                                  (K("item"), arr([obj(item)]))])]))])
            out.append(holder)
            continue
        out.append(obj(item))
    top = [("resourceType", json.dumps("QuestionnaireResponse")),
           ("status", json.dumps(g["status"])), (K("item"), arr(out))]
    if dup == "top-item-array":
        negs = [obj([(K("linkId"), json.dumps("crisis")),
                     (K("answer"), arr([obj(fhir_value(g, "crisis", "no"))]))])]
        top.append((K("item"), arr(negs)))
    return obj(top)
