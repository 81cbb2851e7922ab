#!/usr/bin/env python3
"""layers.py - the build's layers hold: the CLI is a client of the public API.

Reads the symbol tables of the built objects (nm) and the sources, and
checks what STYLE.md's "Layout" promises:

- a CLI object uses only public gm_ functions (those declared in
  include/groupmatch.h), util and other CLI objects, and libc: no symbol
  that a library object defines and the header does not declare;
- CLI sources include only groupmatch.h, util and CLI headers;
- library objects never print, exit or read the environment, and fold
  case by ASCII, not by the locale;
- only main.c calls exit();
- neither the library's modules nor the command line's form a cycle
  (object A needs B and B needs A);
- the version script lists exactly the header's functions, and the shared
  library exports exactly those, in the version node GROUPMATCH_1; the
  static library defines exactly those globals (only gm_ names);
- a source file over 700 lines says at its top why it is that long;
- the binary is linked against libgroupmatch.so.

Prints one line per failure and "N passed, M failed"; exits 1 on failure.
"""
import os
import re
import subprocess
import sys

SRC = os.environ["GM_SOURCE_DIR"]
BUILD = os.environ["GM_BUILD_DIR"]
BINARY = os.environ["GROUPMATCH"]
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def objects(target, layer):
    """The objects CMake built for target from src/<layer>/."""
    root = os.path.join(BUILD, "CMakeFiles", target + ".dir", "src", layer)
    if not os.path.isdir(root):
        return []
    return sorted(os.path.join(root, f) for f in os.listdir(root) if f.endswith(".o"))


def nm(path, *flags):
    out = subprocess.run(["nm", *flags, path], capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def defined(path):
    syms = set()
    for line in nm(path, "--defined-only", "--extern-only"):
        parts = line.split()
        if len(parts) == 3:
            syms.add(parts[2])
    return syms


def undefined(path):
    return {line.split()[-1] for line in nm(path, "--undefined-only") if line.strip()}


def public_functions():
    text = open(os.path.join(SRC, "include", "groupmatch.h")).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return set(re.findall(r"\b(gm_[a-z0-9_]+)\s*\(", text))


def find_target(layer):
    """The CMake target whose objects hold src/<layer>/ (names may move)."""
    base = os.path.join(BUILD, "CMakeFiles")
    for t in sorted(os.listdir(base)):
        if t.endswith(".dir") and objects(t[:-4], layer):
            if layer != "cli" or t == "groupmatch.dir":
                return t[:-4]
    return None


public = public_functions()
check(len(public) > 50, "include/groupmatch.h declares the API (found %d functions)" % len(public))

lib_target, util_target = find_target("lib"), find_target("util")
lib_objs = [o for o in objects(lib_target, "lib") if os.path.exists(os.path.join(SRC, "src", "lib", os.path.basename(o)[:-2]))] if lib_target else []
util_objs = objects(util_target, "util") if util_target else []
cli_objs = [o for o in objects("groupmatch", "cli") if os.path.exists(os.path.join(SRC, "src", "cli", os.path.basename(o)[:-2]))]
check(lib_objs and util_objs and cli_objs, "found the lib, util and cli objects under " + BUILD)

lib_defs = {o: defined(o) for o in lib_objs}
lib_all = set().union(*lib_defs.values()) if lib_defs else set()

# The CLI on the public API.
for o in cli_objs:
    name = os.path.basename(o)[:-2]
    bad = sorted(s for s in undefined(o)
                 if (s in lib_all and s not in public) or (s.startswith("gm_") and s not in public))
    check(not bad, "src/cli/%s uses library internals: %s" % (name, " ".join(bad[:12])))
    if not name.startswith("main."):
        check("exit" not in undefined(o), "src/cli/%s calls exit() (only main.c may)" % name)

# Only the public header, util and CLI headers in CLI sources.
allowed = {"groupmatch.h"}
allowed |= set(os.listdir(os.path.join(SRC, "src", "util")))
allowed |= set(os.listdir(os.path.join(SRC, "src", "cli")))
for f in sorted(os.listdir(os.path.join(SRC, "src", "cli"))):
    if f.endswith((".c", ".h")):
        incs = re.findall(r'#\s*include\s+"([^"]+)"', open(os.path.join(SRC, "src", "cli", f)).read())
        bad = [i for i in incs if i not in allowed]
        check(not bad, "src/cli/%s includes library headers: %s" % (f, " ".join(bad)))

# The library never prints, exits or reads the environment.
forbidden = {"stdout", "stderr", "printf", "fprintf", "vfprintf", "puts", "putchar", "fputs",
             "fputc", "putc", "perror", "exit", "_exit", "abort", "getenv", "setlocale"}
for o in lib_objs:
    bad = sorted(undefined(o) & forbidden)
    check(not bad, "src/lib/%s uses %s" % (os.path.basename(o)[:-2], " ".join(bad)))
# Case folding and character classes are ASCII whatever the locale.
locale = {"strcasecmp", "strncasecmp", "tolower", "toupper", "__ctype_b_loc",
          "__ctype_tolower_loc", "__ctype_toupper_loc", "isspace", "isalpha", "isdigit"}
for o in lib_objs + util_objs:
    bad = sorted(undefined(o) & locale)
    check(not bad, "%s follows the locale: %s" % (os.path.basename(o)[:-2], " ".join(bad)))
for o in util_objs:
    bad = sorted(undefined(o) & (forbidden - {"fwrite"}))
    check(not bad, "src/util/%s uses %s" % (os.path.basename(o)[:-2], " ".join(bad)))

# No cycles between the modules of the library, nor between those of the
# command line (util sits below both; main.c dispatches to the commands).


def cycles_of(objs):
    mods = {os.path.basename(o)[:-4]: o for o in objs}
    owner = {}
    for m, o in mods.items():
        for s in defined(o):
            owner[s] = m
    edges = {m: sorted({owner[s] for s in undefined(o) if s in owner and owner[s] != m})
             for m, o in mods.items()}
    state, found = {}, []

    def visit(m, path):
        state[m] = 1
        for n in edges[m]:
            if state.get(n) == 1:
                found.append(path[path.index(n):] + [n])
            elif n not in state:
                visit(n, path + [n])
        state[m] = 2

    for m in sorted(mods):
        if m not in state:
            visit(m, [m])
    return found


for layer, objs in (("library", lib_objs), ("command-line", cli_objs)):
    found = cycles_of(objs)
    check(not found, "%s modules form cycles: %s"
          % (layer, "; ".join(" -> ".join(c) for c in found[:5])))

# The version script lists exactly the public functions.
mapfile = os.path.join(SRC, "src", "lib", "groupmatch.map")
listed = set(re.findall(r"^\s*(gm_[a-z0-9_]+);", open(mapfile).read(), flags=re.M))
check(listed == public, "groupmatch.map and groupmatch.h differ: only in map %s, only in header %s"
      % (sorted(listed - public)[:8], sorted(public - listed)[:8]))
shared = [os.path.join(BUILD, f) for f in os.listdir(BUILD) if re.match(r"libgroupmatch\.so\.\d+\.\d+\.\d+$", f)]
check(len(shared) == 1, "found libgroupmatch.so in " + BUILD)
if shared:
    dyn = [l.split() for l in nm(shared[0], "-D", "--defined-only") if l.strip()]
    # the version nodes are absolute symbols of their own
    nodes = {p[-1] for p in dyn if p[-2] == "A"}
    exported = {p[-1].split("@")[0] for p in dyn if p[-2] != "A"}
    check(exported == public, "libgroupmatch.so exports other than the header: extra %s, missing %s"
          % (sorted(exported - public)[:8], sorted(public - exported)[:8]))
    check(nodes == {"GROUPMATCH_1"}, "libgroupmatch.so has the version nodes %s, wanted GROUPMATCH_1"
          % sorted(nodes))
    versioned = {p[-1] for p in dyn if p[-2] != "A" and not p[-1].endswith("@@GROUPMATCH_1")}
    check(not versioned, "libgroupmatch.so exports outside the node GROUPMATCH_1: %s" % sorted(versioned)[:8])

# The static library defines the same names and no other global: a
# program's own error_set or buf_add must not meet the library's.
static = os.path.join(BUILD, "libgroupmatch.a")
check(os.path.exists(static), "found libgroupmatch.a in " + BUILD)
if os.path.exists(static):
    globs = {l.split()[-1] for l in nm(static, "--defined-only", "--extern-only")
             if len(l.split()) == 3}
    check(globs == public, "libgroupmatch.a defines globals other than the header's: extra %s, missing %s"
          % (sorted(globs - public)[:12], sorted(public - globs)[:8]))
    check(all(g.startswith("gm_") for g in globs), "libgroupmatch.a exports names without gm_: %s"
          % sorted(g for g in globs if not g.startswith("gm_"))[:12])

# Long files say why.
for layer in ("util", "lib", "cli"):
    d = os.path.join(SRC, "src", layer)
    for f in sorted(os.listdir(d)):
        if f.endswith((".c", ".h")):
            lines = open(os.path.join(d, f)).read().splitlines()
            if len(lines) > 700:
                head = "\n".join(lines[:25]).lower()
                check("700 lines" in head,
                      "src/%s/%s has %d lines and does not say at its top why it is long"
                      % (layer, f, len(lines)))

# The binary is a client of the shared library.
ldd = subprocess.run(["ldd", BINARY], capture_output=True, text=True).stdout
check("libgroupmatch.so" in ldd, "ldd %s does not list libgroupmatch.so" % BINARY)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
