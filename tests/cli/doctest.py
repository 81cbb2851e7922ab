#!/usr/bin/env python3
"""doctest.py - runs the commands shown in the README and the man pages' EXAMPLES and
compares what they print with what the documents show.

Usage: doctest.py FILE...  (with GROUPMATCH, GM_SOURCE_DIR and GM_BUILD_DIR set)
       doctest.py --links FILE.md...  checks the Markdown files' links instead

Markdown: every ```console or ```sh block, at the margin or indented in a list
item, must follow a marker line:
  <!-- doctest -->               run each "$ " command; compare the output shown
  <!-- doctest: run -->          run the block as a bash script; its last command must succeed
  <!-- doctest: skip REASON -->  not run, for the reason given
Man pages: every .nf/.fi or .EX/.EE display in EXAMPLES is a "doctest" block.
GM_DOCTEST_UPDATE=1 rewrites the outputs shown in a Markdown file to what the
commands print now (to review with git diff), rather than failing.

In a "doctest" block, a command is a line starting with "$ " and the lines
after it that continue it (ending in "\\"); its output is what follows up to
the next command.  stdout and stderr are compared together, as a terminal
shows them, after trailing blanks are dropped.  An output line that is just
"..." or "[... anything ...]" stands for any number of lines.  The blocks of
one file run in order in one scratch directory that holds the source tree's
examples/, tests/, man/, bench/ and groups.json, with build/ the build tree,
HOME in the scratch directory, and groupmatch on PATH (and, for a sanitized
build, a cc that adds the sanitizer flags).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.setrecursionlimit(100000)	# matches() recurses once per line of long outputs

GM = os.environ.get("GROUPMATCH", "groupmatch")
SRC = os.environ["GM_SOURCE_DIR"]
BUILD = os.environ.get("GM_BUILD_DIR", os.path.join(SRC, "build"))
TIMEOUT = 300
MARK = "@@doctest-command@@"
# GM_DOCTEST_UPDATE=1 writes what the commands print into a Markdown file's
# blocks instead of failing (elisions that still fit are kept); check the diff.
UPDATE = os.environ.get("GM_DOCTEST_UPDATE") == "1"

failures = 0
ran = 0


def fail(where, msg):
    global failures
    failures += 1
    print("FAIL: %s: %s" % (where, msg))


def markdown_blocks(path):
    """(line, kind, text) for every marked block; unmarked ones are failures."""
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, i, marker = [], 0, None
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^<!-- doctest(?::\s*(\w+)\s*(.*?))?\s*-->$", line.strip())
        if m:
            marker = (m.group(1) or "compare", m.group(2) or "", i + 1)
            i += 1
            continue
        fence = re.match(r"^( *)```(\w*)", line)
        if fence:
            # a block may be indented, inside a list item: its indent is not part of it
            indent, lang, start = len(fence.group(1)), fence.group(2), i + 1
            j = i + 1
            while j < len(lines) and not lines[j].lstrip(" ").startswith("```"):
                j += 1
            body = "\n".join(l[indent:] if l[:indent].strip() == "" else l for l in lines[i + 1:j])
            if lang in ("console", "sh"):
                where = "%s:%d" % (os.path.basename(path), start)
                if marker is None or marker[2] != i:
                    fail(where, "a %s block without a doctest marker on the line before it" % lang)
                elif marker[0] == "skip" and not marker[1]:
                    fail(where, "'doctest: skip' needs a reason")
                elif marker[0] not in ("compare", "run", "skip"):
                    fail(where, "unknown doctest marker '%s'" % marker[0])
                else:
                    blocks.append((where, marker[0], body))
            marker = None
            i = j + 1
            continue
        if line.strip():
            marker = marker if marker and marker[2] == i else None
        i += 1
    return blocks


def troff_text(line):
    line = line.replace("\\(aq", "'").replace("\\(dq", '"').replace("\\(rs", "\\")
    line = line.replace("\\-", "-").replace("\\&", "").replace("\\e", "\\")
    return line


def man_blocks(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, in_examples, body, start = [], False, None, 0
    for n, line in enumerate(lines, 1):
        if line.startswith(".SH"):
            in_examples = line.strip() in (".SH EXAMPLES", '.SH "EXAMPLES"')
            continue
        if not in_examples:
            continue
        if line.startswith((".nf", ".EX")):
            body, start = [], n
        elif line.startswith((".fi", ".EE")) and body is not None:
            text = "\n".join(body)
            if "$ " in text:
                blocks.append(("%s:%d" % (os.path.basename(path), start), "compare", text))
            body = None
        elif body is not None and not line.startswith("."):
            body.append(troff_text(line))
    return blocks


def split_commands(text):
    """[(command, expected_output_lines)] of a console block."""
    out, cmd, expect, cont = [], None, [], False
    for line in text.split("\n"):
        if cont:
            cmd += "\n" + line
            cont = line.endswith("\\")
            continue
        if line.startswith("$ "):
            if cmd is not None:
                out.append((cmd, expect))
            cmd, expect = line[2:], []
            cont = line.endswith("\\")
        elif cmd is not None:
            expect.append(line)
    if cmd is not None:
        out.append((cmd, expect))
    return out


def is_elision(line):
    s = line.strip()
    return s == "..." or (s.startswith("[...") and s.endswith("...]"))


def matches(expect, got):
    """Whether the got lines fit the expected ones, elisions standing for any lines."""
    expect = [l.rstrip() for l in expect]
    got = [l.rstrip() for l in got]
    while expect and not expect[-1]:
        expect.pop()
    while got and not got[-1]:
        got.pop()
    memo = {}

    def fit(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(expect):
            r = j == len(got)
        elif is_elision(expect[i]):
            r = any(fit(i + 1, k) for k in range(j, len(got) + 1))
        else:
            r = j < len(got) and expect[i] == got[j] and fit(i + 1, j + 1)
        memo[(i, j)] = r
        return r
    return fit(0, 0)


def scratch_dir():
    d = tempfile.mkdtemp(prefix="gmdoc.")
    for name in ("examples", "tests", "man", "bench", "groups.json", "completion", "README.md", "docs"):
        if os.path.exists(os.path.join(SRC, name)):
            os.symlink(os.path.join(SRC, name), os.path.join(d, name))
    os.symlink(BUILD, os.path.join(d, "build"))
    bindir = os.path.join(d, ".bin")
    os.mkdir(bindir)
    os.symlink(GM, os.path.join(bindir, "groupmatch"))
    # A program linked to a sanitized library needs the sanitizer runtime:
    # with such a build, cc adds the flags the build used.
    cache = os.path.join(BUILD, "CMakeCache.txt")
    if os.path.exists(cache) and "GM_SANITIZE:BOOL=ON" in open(cache).read():
        cc = shutil.which("cc")
        with open(os.path.join(bindir, "cc"), "w") as f:
            f.write('#!/bin/sh\nexec %s -fsanitize=address,undefined "$@"\n' % cc)
        os.chmod(os.path.join(bindir, "cc"), 0o755)
    return d, bindir


def environment(d, bindir):
    env = dict(os.environ)
    for k in ("GROUPMATCH_CATALOG", "GROUPMATCH_REGION", "COLUMNS", "GREP_OPTIONS"):
        env.pop(k, None)
    env.update({"PATH": bindir + os.pathsep + env.get("PATH", ""), "HOME": d,
                "NO_COLOR": "1", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TERM": "dumb"})
    return env


def run_file(path):
    global ran
    updates = []
    blocks = man_blocks(path) if re.search(r"\.\d$", path) else markdown_blocks(path)
    d, bindir = scratch_dir()
    env = environment(d, bindir)
    ran_before = ran
    try:
        for where, kind, text in blocks:
            if kind == "skip":
                continue
            ran += 1
            if kind == "run":
                p = subprocess.run(["bash", "-c", text], cwd=d, env=env, timeout=TIMEOUT,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                if p.returncode != 0:
                    fail(where, "the block exits %d:\n%s" % (p.returncode, p.stdout[-1500:]))
                continue
            cmds = split_commands(text)
            # the marker line keeps $? for a command such as "echo $?"
            script = "exec 2>&1\nst=0\n" + "".join(
                "echo '%s'\n(exit $st)\n%s\nst=$?\n" % (MARK, c) for c, _ in cmds)
            p = subprocess.run(["bash", "-c", script], cwd=d, env=env, timeout=TIMEOUT,
                               stdout=subprocess.PIPE, text=True, errors="replace")
            outputs = p.stdout.split(MARK + "\n")[1:]
            rewritten = []
            for k, (cmd, expect) in enumerate(cmds):
                got = outputs[k].split("\n") if k < len(outputs) else ["(not run)"]
                if not matches(expect, got):
                    if UPDATE and not path.endswith(tuple("123456789")):
                        while got and not got[-1].rstrip():
                            got.pop()
                        cut = [k for k, l in enumerate(expect) if is_elision(l)]
                        if len(cut) == 1:
                            # keep the elision: what it stands for is what printed in between
                            p, q = cut[0], len(expect) - cut[0] - 1
                            got = got[:p] + [expect[p]] + (got[len(got) - q:] if q else [])
                        rewritten.append("$ " + cmd + "\n" + "\n".join(l.rstrip() for l in got))
                        continue
                    fail(where, "'%s' printed:\n%s\n  the document shows:\n%s" % (
                        cmd.split("\n")[0], "\n".join("  | " + l for l in got).rstrip(),
                        "\n".join("  | " + l for l in expect).rstrip()))
                rewritten.append("$ " + cmd + ("\n" + "\n".join(expect) if expect else ""))
            if UPDATE and "\n".join(rewritten) != text:
                updates.append((text, "\n".join(rewritten).rstrip("\n")))
    finally:
        shutil.rmtree(d, ignore_errors=True)
    print("%s: %d blocks run" % (os.path.relpath(path, SRC), ran - ran_before))
    if updates:
        doc = open(path, encoding="utf-8").read()
        for before, after in updates:
            for pad in ("", "  ", "    "):	# blocks at the margin, or in a list item
                old = pad + "```console\n" + "".join((pad + l if l else "") + "\n" for l in before.split("\n")) + pad + "```"
                if old in doc:
                    new = pad + "```console\n" + "".join((pad + l).rstrip() + "\n" for l in after.split("\n")) + pad + "```"
                    doc = doc.replace(old, new, 1)
                    break
            else:
                fail(path, "could not write the new output into the block:\n" + before[:200])
        open(path, "w", encoding="utf-8").write(doc)
        print("updated %d block(s) of %s" % (len(updates), path))


def slug(heading):
    """The anchor GitHub gives a heading: lower case, punctuation dropped, blanks as hyphens."""
    text = re.sub(r"[`*_]|<[^>]*>", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    out, fenced = set(), False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"^#{1,6} ", line):
            out.add(slug(line.lstrip("#")))
    return out


def check_links(path):
    """Every relative link leads to a file of the repository, and its #anchor to a heading."""
    global ran
    root = os.path.realpath(SRC)
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(?ms)^```.*?^```", "", text)
    text = re.sub(r"`[^`\n]*`", "", text)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target):
            continue
        ran += 1
        where = "%s: link '%s'" % (os.path.relpath(path, SRC), target)
        file, _, anchor = target.partition("#")
        dest = os.path.realpath(os.path.join(os.path.dirname(path), file)) if file else os.path.realpath(path)
        if dest != root and not dest.startswith(root + os.sep):
            fail(where, "points outside the repository")
        elif not os.path.exists(dest):
            fail(where, "the file does not exist")
        elif anchor and dest.endswith(".md") and anchor not in anchors(dest):
            fail(where, "no heading of %s has the anchor '#%s'" % (os.path.basename(dest), anchor))


def main():
    if sys.argv[1:2] == ["--links"]:
        for f in sys.argv[2:]:
            check_links(f)
        print("%d links checked, %d failed" % (ran, failures))
        sys.exit(1 if failures else 0)

    for f in sys.argv[1:]:
        run_file(f)
    print("%d blocks run, %d failed" % (ran, failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
