# docs.sh - every command the README and the man pages' EXAMPLES show runs and prints what they show.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

: "${GM_SOURCE_DIR:?set GM_SOURCE_DIR to the source tree}"
run python3 "$here/doctest.py" "$GM_SOURCE_DIR/README.md" "$GM_SOURCE_DIR/man/groupmatch.1" \
	"$GM_SOURCE_DIR/man/groupmatch-catalog.5"
printf '%s\n' "$out"
expect_rc "the documents' commands print what the documents show" 0

# The files the README's examples write in the top directory are ignored by git.
if command -v git >/dev/null 2>&1 && git -C "$GM_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
	for f in $(sed -n 's/^\$ .*> *\([A-Za-z0-9_.-]*\).*$/\1/p; s/^\$ cc -o \([A-Za-z0-9_.-]*\) .*/\1/p' \
		"$GM_SOURCE_DIR/README.md" | sort -u) result.json scored.csv part.00 part.00.out scored-body.csv score.sh; do
		case $f in /dev/null|"") continue ;; esac
		if git -C "$GM_SOURCE_DIR" check-ignore -q --no-index "$f"; then ok; else fail "'$f', written by a README example, is not in .gitignore"; fi
	done
fi
# Every file the README links to is in the repository, and it points at no
# document outside it.
for target in $(grep -o '](\([^)#:]*\))' "$GM_SOURCE_DIR/README.md" | sed 's/^](\(.*\))$/\1/' | sort -u); do
	if [ -e "$GM_SOURCE_DIR/$target" ]; then ok; else fail "README links to '$target', which is not in the repository"; fi
done
if grep -n 'SPEC' "$GM_SOURCE_DIR/README.md"; then fail "README refers to a specification outside the repository"; else ok; fi

# The tools the README's examples use are installed by .ci/deps (package = command here).
for tool in jq parallel; do
	if grep -q "^[^#]*\b$tool\b" "$GM_SOURCE_DIR/README.md"; then
		if grep -q "\b$tool\b" "$GM_SOURCE_DIR/.ci/deps"; then ok; else fail "the README uses $tool but .ci/deps does not install it"; fi
	fi
done

# Advice to link with -static needs static libraries of every dependency.
if grep -q -- '-static' "$GM_SOURCE_DIR/README.md" && grep -q -- 'linked with `-static`\|link.* -static' "$GM_SOURCE_DIR/README.md" &&
	! grep -q 'cannot be linked with' "$GM_SOURCE_DIR/README.md"; then
	fail "the README advises -static, which Debian's libcjson (no .a) cannot do"
else
	ok
fi
finish
