#!/usr/bin/env python3
"""html_browser.py - the HTML pages rendered by headless Chromium: screenshots, PDFs and the DOM.

Run by html_browser.sh with GROUPMATCH set, once chromium, pdftotext and
pdfinfo are known to be installed.
"""
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

GM = os.environ["GROUPMATCH"]
CHROMIUM = os.environ["GM_CHROMIUM"]
WORK = tempfile.mkdtemp(prefix="gm-browser-")
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
# Letter is the shorter of the two paper sizes: 11 inches at 96 CSS pixels an inch.
PAGE_PX = 11 * 96
ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "main", "footer",
           "section", "h1", "h2", "h3", "p", "ol", "ul", "li", "div", "span", "strong", "time",
           "svg", "rect", "text", "table", "thead", "tbody", "tr", "th", "td", "figure", "a"}
EXAMPLE = ["-a", "crisis=no", "-a", "goals=life_transition", "-a", "focus=support",
           "-a", "issues=grief", "-a", "comfort=3", "-a", "connect=yes"]
EVERYTHING = ["-a", "crisis=no", "-a", "goals=1,2,3,4,5,6,7,8", "-a", "structure=no_preference",
              "-a", "focus=education,support,deep_work",
              "-a", "issues=" + ",".join(
                  ["anxiety", "social_anxiety", "panic", "depression", "obsessive_thoughts",
                   "trauma", "grief", "addiction", "anger", "chronic_pain", "serious_illness",
                   "caregiving", "social_skills", "intense_emotions", "relationship_conflict",
                   "self_esteem", "stress"]),
              "-a", "comfort=5", "-a", "connect=yes", "-a", "feedback=yes", "-a", "practice=yes",
              "-a", "mutual=yes"]

# The longest page among 600 random answer sets, and one just under the
# length where the denser print style starts.
LONGEST = ["-a", "crisis=no", "-a", "goals=emotional_regulation,change_patterns,life_transition,"
           "symptom_relief,relationships,self_awareness", "-a", "structure=structured",
           "-a", "focus=deep_work", "-a", "issues=stress,chronic_pain,relationship_conflict,addiction,"
           "panic,self_esteem,caregiving,obsessive_thoughts,social_skills,trauma,anxiety,"
           "intense_emotions,anger,social_anxiety,grief,depression,serious_illness",
           "-a", "comfort=5", "-a", "connect=yes", "-a", "feedback=yes", "-a", "practice=yes",
           "-a", "mutual=yes"]
NEAR_LIMIT = ["-a", "crisis=no", "-a", "goals=skill_building,personal_growth",
              "-a", "structure=no_preference", "-a", "focus=deep_work", "-a", "comfort=2",
              "-a", "connect=no", "-a", "feedback=yes", "-a", "practice=no", "-a", "mutual=no"]

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name}" + (f"\n  {str(detail)[:800]}" if detail else ""))


def groupmatch(*args, stdin=None):
    p = subprocess.run([GM, *args], input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8")


def page(name, *args):
    """Writes groupmatch's output for args to WORK/name.html; returns its path."""
    _, out = groupmatch(*args)
    path = os.path.join(WORK, name + ".html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    return path


def chromium(*args):
    """Runs headless Chromium with a fresh profile; returns its stdout."""
    profile = tempfile.mkdtemp(prefix="profile-", dir=WORK)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, *args]
    p = subprocess.run(cmd, capture_output=True, timeout=120)
    return p.stdout.decode("utf-8", "replace")


def pdf(path, name):
    out = os.path.join(WORK, name + ".pdf")
    chromium("--no-pdf-header-footer", "--print-to-pdf=" + out, "file://" + path)
    return out


def pdf_pages(path):
    if not os.path.exists(path):
        return 0
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


def pdf_text(path):
    """The PDF's text with all white space removed, so wrapped lines and
    columns compare with the strings they hold."""
    if not os.path.exists(path):
        return ""
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", text)


def squeeze(s):
    return re.sub(r"\s+", "", s)


def png_rows(path):
    """Decodes an 8-bit RGB or RGBA PNG into rows of pixel tuples."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG form"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return rows


class Dom(html.parser.HTMLParser):
    """The elements of a dumped DOM: tag names with their attributes and
    the tags they sit in."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack, self.text = [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in ("meta", "rect", "br"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.stack)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)

    def tags(self, name):
        return [e for e in self.elements if e[0] == name]


def dom(path):
    return Dom(chromium("--dump-dom", "file://" + path))


def no_injected_elements(name, d):
    tags = {e[0] for e in d.elements}
    check(f"{name}: only the writer's elements", tags <= ALLOWED, sorted(tags - ALLOWED))
    handlers = [(e[0], k) for e in d.elements for k in e[1] if k.lower().startswith("on")]
    check(f"{name}: no event handler attributes", not handlers, handlers)
    check(f"{name}: no script and no img", not d.tags("script") and not d.tags("img"))


def csp(name, d):
    metas = [e[1] for e in d.tags("meta") if e[1].get("http-equiv") == "Content-Security-Policy"]
    check(f"{name}: a Content-Security-Policy meta", len(metas) == 1)
    check(f"{name}: the policy forbids fetches",
          bool(metas) and metas[0].get("content", "").startswith("default-src 'none';"), metas)


def test_person_page():
    path = page("support", "match", "--format", "html", "--id", "P0042", *EXAMPLE)
    _, js = groupmatch("match", "--format", "json", *EXAMPLE)
    result = json.loads(js)

    shot = os.path.join(WORK, "support.png")
    chromium("--window-size=816,1200", "--screenshot=" + shot, "file://" + path)
    check("the screenshot is taken", os.path.exists(shot))
    if os.path.exists(shot):
        rows = png_rows(shot)
        background = rows[-1][0]
        inked = [y for y, r in enumerate(rows) if any(px != background for px in r)]
        colours = {px for r in rows[::4] for px in r[::4]}
        check("the screenshot is not blank", len(inked) > 200 and len(colours) > 8,
              f"{len(inked)} rows inked, {len(colours)} colours")
        check("the page is one page tall on screen", inked and inked[-1] < PAGE_PX,
              f"last inked row {inked[-1] if inked else None}, page {PAGE_PX}")
        # the bars' fill: 78% of the first bar, 6% of the second
        fill = sum(1 for r in rows for px in r
                   if all(abs(a - b) < 16 for a, b in zip(px, (0x1F, 0x3B, 0x5C))))
        check("the bars are drawn", fill > 300, fill)

    out = pdf(path, "support")
    check("the person's report prints as one page", pdf_pages(out) == 1, pdf_pages(out))
    text = pdf_text(out)
    for r in result["ranking"]:
        check(f"the PDF names {r['group']}", squeeze(r["name"]) in text)
        check(f"the PDF gives {r['group']}'s percent", squeeze(f"{r['percent']}%") in text)
        for reason in r["reasons"] + r["cautions"]:
            check(f"the PDF gives the reason '{reason[:30]}'", squeeze(reason) in text)
    check("the PDF gives the setting", squeeze(result["setting"]["text"]) in text)
    check("the PDF ends with the reminder",
          text.endswith(squeeze("discuss these options with a mental health professional.")), text[-120:])
    check("the PDF shows the id and the date", "P0042" in text and re.search(r"\d{4}-\d\d-\d\d", text))

    d = dom(path)
    check("the DOM has one h1", len(d.tags("h1")) == 1)
    h2 = " ".join("".join(d.text).split())
    check("the DOM has the section headings",
          all(h in h2 for h in ("Group types, best match first", "Setting", "Your answers")))
    check("the DOM ranks six groups in an ordered list",
          len([e for e in d.tags("li") if e[2][-1:] == ("ol",)]) == 6)
    check("the answers are a table with headers",
          len(d.tags("table")) == 1 and len([e for e in d.tags("th") if e[1].get("scope") == "col"]) == 2)
    csp("the person's page", d)
    no_injected_elements("the person's page", d)


def test_long_pages_still_print_on_one_page():
    for name, answers in (("near-limit", NEAR_LIMIT), ("everything", EVERYTHING),
                          ("longest", LONGEST)):
        path = page(name, "match", "--format", "html", *answers)
        check(f"the {name} page prints as one Letter page", pdf_pages(pdf(path, name)) == 1)
        with open(path, encoding="utf-8") as f:
            a4 = f.read().replace("size:auto", "size:A4")
        check(f"the {name} page sets its paper size in one place", "size:A4" in a4)
        a4path = os.path.join(WORK, name + "-a4.html")
        with open(a4path, "w", encoding="utf-8") as f:
            f.write(a4)
        check(f"the {name} page prints as one A4 page", pdf_pages(pdf(a4path, name + "-a4")) == 1)


def test_urgent_page():
    path = page("urgent", "match", "--format", "html", "--region", "US", "-a", "crisis=yes")
    out = pdf(path, "urgent")
    text = pdf_text(out)
    check("the urgent page prints as one page", pdf_pages(out) == 1)
    check("the urgent page gives the crisis line", squeeze("988 Suicide & Crisis Lifeline") in text)
    check("the urgent page ranks nothing", "Supportgroup" not in text and "%" not in text)
    d = dom(path)
    heads = [e for e in d.elements if e[0] in ("h2", "section")]
    check("the safety section comes first", heads and heads[0][1].get("id") == "safety", heads[:2])
    links = [e[1].get("href") for e in d.tags("a")]
    check("the only link is the resource's own", links == ["https://988lifeline.org"], links)
    no_injected_elements("the urgent page", d)


def test_summary_page():
    src = os.environ.get("GM_TEST_DATA", "") + "/batch/intake.csv"
    path = page("summary", "batch", "-q", "--summary", "--format", "html", src)
    d = dom(path)
    figures = d.tags("figure")
    tables = d.tags("table")
    check("the summary has four charts", len(figures) == 4, len(figures))
    check("one table per chart, inside it", len(tables) == len(figures)
          and all("figure" in t[2] for t in tables))
    check("each chart is an SVG", len(d.tags("svg")) == len(figures))
    check("the tables have column headers",
          len([e for e in d.tags("th") if e[1].get("scope") == "col"]) == 3 * len(tables))
    csp("the summary", d)
    no_injected_elements("the summary", d)
    out = pdf(path, "summary")
    text = pdf_text(out)
    check("the summary prints", pdf_pages(out) >= 1)
    check("the summary lists who to call first", text.find("P003") < text.find("Firstchoice"))
    check("the bars carry their numbers", "5(55.6%)" in text)
    shot = os.path.join(WORK, "summary.png")
    chromium("--window-size=816,1200", "--screenshot=" + shot, "file://" + path)
    rows = png_rows(shot) if os.path.exists(shot) else []
    check("the summary's screenshot is not blank",
          sum(1 for r in rows if any(px != rows[-1][0] for px in r)) > 200)


def test_hostile_ids():
    for i, bad in enumerate(HOSTILE):
        path = page(f"hostile{i}", "match", "--format", "html", "--id", bad, *EXAMPLE)
        d = dom(path)
        no_injected_elements(f"id {bad}", d)
        check(f"id {bad} is shown as text", bad in "".join(d.text))
    csv = os.path.join(WORK, "hostile.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("id,crisis,goals\n")
        for bad in HOSTILE:
            f.write('"' + bad.replace('"', '""') + '",yes,\n')
    path = page("hostile-summary", "batch", "-q", "--summary", "--format", "html", csv)
    d = dom(path)
    no_injected_elements("hostile batch ids", d)
    text = "".join(d.text)
    for bad in HOSTILE:
        check(f"batch id {bad} is listed as text", bad in text)


def main():
    try:
        test_person_page()
        test_long_pages_still_print_on_one_page()
        test_urgent_page()
        test_summary_page()
        test_hostile_ids()
    finally:
        if os.environ.get("GM_KEEP_BROWSER_OUTPUT"):
            print("output kept in", WORK)
        else:
            shutil.rmtree(WORK, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
