# docs.sh - every command the README, the guides under docs/ and the man pages' EXAMPLES show
# runs and prints what they show; their links lead somewhere.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

: "${GM_SOURCE_DIR:?set GM_SOURCE_DIR to the source tree}"
docs="$GM_SOURCE_DIR/README.md $(ls "$GM_SOURCE_DIR"/docs/*.md)"
run python3 "$here/doctest.py" $docs "$GM_SOURCE_DIR/man/groupmatch.1" \
	"$GM_SOURCE_DIR/man/groupmatch-catalog.5"
printf '%s\n' "$out"
expect_rc "the documents' commands print what the documents show" 0

# The guides the README sends readers to exist, and every guide is linked from it.
for g in clinic safety scripting HACKING hostile-input using; do
	if [ -f "$GM_SOURCE_DIR/docs/$g.md" ]; then ok; else fail "docs/$g.md is missing"; fi
done
for d in "$GM_SOURCE_DIR"/docs/*.md; do
	if grep -q "](docs/$(basename "$d"))" "$GM_SOURCE_DIR/README.md"; then ok; else fail "the README's Read on does not link to docs/$(basename "$d")"; fi
done

# The README stays a short front door; the rest lives in the guides.
lines=$(wc -l <"$GM_SOURCE_DIR/README.md")
if [ "$lines" -lt 400 ]; then ok; else fail "README.md has $lines lines: move material into a guide under docs/"; fi
# CI runs the test command the README gives, word for word.
if grep -qx 'bash tests/run-all.sh' "$GM_SOURCE_DIR/README.md" && grep -qx 'bash tests/run-all.sh' "$GM_SOURCE_DIR/.ci/run"; then
	ok
else
	fail "the README and .ci/run do not both run 'bash tests/run-all.sh'"
fi

# HACKING's layout names every source file (cmd_<name>.c stands for the commands).
for f in "$GM_SOURCE_DIR"/src/*/*.c; do
	b=$(basename "$f")
	case $b in cmd_*.c) continue ;; esac
	if grep -qF "$b" "$GM_SOURCE_DIR/docs/HACKING.md"; then ok; else fail "docs/HACKING.md's layout does not name src/$(basename "$(dirname "$f")")/$b"; fi
done

# The files the documents' examples write in the top directory are ignored by git.
if command -v git >/dev/null 2>&1 && git -C "$GM_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
	for f in $(sed -n 's/^\$ .*> *\([A-Za-z0-9_.-]*\).*$/\1/p; s/^\$ cc -o \([A-Za-z0-9_.-]*\) .*/\1/p' \
		$docs | sort -u) result.json scored.csv part.00 part.00.out scored-body.csv score.sh; do
		case $f in /dev/null|"") continue ;; esac
		if git -C "$GM_SOURCE_DIR" check-ignore -q --no-index "$f"; then ok; else fail "'$f', written by a documented example, is not in .gitignore"; fi
	done
fi

# Every file a document links to is in the repository, every #anchor is a
# heading of its target, and no document points outside the repository.
run python3 "$here/doctest.py" --links $docs
printf '%s\n' "$out"
expect_rc "the documents' links lead to files and headings that exist" 0
for d in $docs; do
	if grep -n 'SPEC' "$d"; then fail "$(basename "$d") refers to a specification outside the repository"; else ok; fi
done

# The tools the examples use are installed by .ci/deps (package = command here).
for tool in jq parallel; do
	if grep -q "^[^#]*\b$tool\b" $docs; then
		if grep -q "\b$tool\b" "$GM_SOURCE_DIR/.ci/deps"; then ok; else fail "the documents use $tool but .ci/deps does not install it"; fi
	fi
done

# Advice to link with -static needs static libraries of every dependency.
if cat $docs | grep -q -- 'linked with `-static`\|link.* -static' && ! cat $docs | grep -q 'cannot be linked with'; then
	fail "a document advises -static, which Debian's libcjson (no .a) cannot do"
else
	ok
fi
finish
