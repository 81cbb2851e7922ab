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
finish
