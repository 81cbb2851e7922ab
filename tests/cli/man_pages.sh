# man_pages.sh - the man pages follow man-pages(7): section order, credits, and no troff warnings at usual widths.
. "$(dirname "$0")/lib.sh"

if ! command -v groff >/dev/null 2>&1; then
	echo "SKIP: groff is not installed (Debian package groff-base)"
	exit 0
fi

# The order man-pages(7) gives, for the sections a page has.
ORDER="NAME SYNOPSIS CONFIGURATION DESCRIPTION OPTIONS EXIT_STATUS RETURN_VALUE ERRORS ENVIRONMENT FILES ATTRIBUTES VERSIONS STANDARDS HISTORY NOTES CAVEATS BUGS EXAMPLES AUTHORS REPORTING_BUGS COPYRIGHT SEE_ALSO"

for page in man/groupmatch.1 man/groupmatch-catalog.5; do
	src="$GM_SOURCE_DIR/$page"
	# the standard sections of the page, in the page's order
	got=$(sed -n 's/^\.SH "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$src" | tr ' ' '_' |
		while read -r s; do case " $ORDER " in *" $s "*) printf '%s ' "$s" ;; esac; done)
	want=$(for s in $ORDER; do case " $got " in *" $s "*) printf '%s ' "$s" ;; esac; done)
	if [ "$got" = "$want" ]; then ok; else fail "$page: sections in the order '$got', man-pages(7) wants '$want'"; fi
	for s in AUTHORS REPORTING_BUGS COPYRIGHT EXAMPLES; do
		case " $got " in *" $s "*) ok ;; *) fail "$page has no $s section" ;; esac
	done
	grep -q 'MIT' "$src" && ok || fail "$page names the licence"
	# man(1) formats for the terminal's width: no warnings at usual widths
	for ll in 70n 80n 100n 120n; do
		run groff -man -Tutf8 -ww -rLL=$ll -z "$src"
		if [ -z "$err" ]; then ok; else fail "$page at $ll: $err"; fi
	done
done
finish
