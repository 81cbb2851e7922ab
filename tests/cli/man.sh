# man.sh - the man pages format without warnings and document every command and option.
. "$(dirname "$0")/lib.sh"

if ! command -v groff >/dev/null 2>&1; then
	echo "SKIP: groff is not installed (Debian package groff-base)"
	exit 0
fi

for page in man/groupmatch.1 man/groupmatch-catalog.5; do
	run groff -man -ww -z "$GM_SOURCE_DIR/$page"
	expect_rc "$page formats" 0
	if [ -z "$err" ]; then ok; else fail "$page: groff warnings"; fi
done

# The text of groupmatch(1) as a reader sees it.
page=$(groff -man -Tascii -P-cbou "$GM_SOURCE_DIR/man/groupmatch.1" 2>/dev/null)
for section in NAME SYNOPSIS DESCRIPTION COMMANDS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	if printf '%s\n' "$page" | grep -qx "$section"; then ok; else fail "groupmatch.1 has no $section section"; fi
done
for cmd in ask match batch questions groups check test diff help; do
	if printf '%s\n' "$page" | grep -qE "^   $cmd( |\$)"; then ok; else fail "groupmatch.1 does not describe '$cmd'"; fi
done

# Every long option a --help documents is in the page.
for cmd in "" ask match batch questions groups check test diff; do
	opts=$("$GM" $cmd --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
	for o in $opts; do
		if printf '%s\n' "$page" | grep -qe "$o"; then ok; else fail "groupmatch.1 lacks ${cmd:-the global option} $o"; fi
	done
done

# Every exit status of SPEC 3.4 is listed.
for code in 0 3 64 65 66 73 74 78 130; do
	if printf '%s\n' "$page" | grep -qE "^       $code( |\$)"; then ok; else fail "groupmatch.1 lacks exit status $code"; fi
done

# The catalogue page names every key the loader accepts at the top level.
page5=$(groff -man -Tascii -P-cbou "$GM_SOURCE_DIR/man/groupmatch-catalog.5" 2>/dev/null)
for key in format_version name version questions groups setting messages kind role required \
	options min_label default weight reason when any all not is gte lte readiness_min \
	comfort_min readiness_max comfort_max urgent reminder safety_skipped; do
	if printf '%s\n' "$page5" | grep -qw -- "$key"; then ok; else fail "groupmatch-catalog.5 lacks '$key'"; fi
done

finish
