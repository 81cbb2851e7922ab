# messages.sh - every message on stderr starts "groupmatch: ", whatever the path the binary was started by.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# Started by a path, as from a build tree: messages still say "groupmatch: ".
mkdir -p "$SCRATCH/some/dir"
ln -s "$GM" "$SCRATCH/some/dir/groupmatch"
GMP="$SCRATCH/some/dir/groupmatch"

# expect_prefix NAME: every line of $err starts with "groupmatch: " or "Try 'groupmatch".
expect_prefix() {
	local bad
	bad=$(printf '%s\n' "$err" | grep -v -e '^groupmatch: ' -e "^Try 'groupmatch " -e '^$')
	if [ -z "$bad" ]; then ok; else fail "$1: lines without the prefix: $bad"; fi
	case $err in *"$GMP"*|*"groupmatch match:"*|*"groupmatch batch:"*|*": --"[a-z]*:*) fail "$1: a second prefix in: $err" ;; *) ok ;; esac
}

for args in "--bogus" "-Z" "--catalog" "match --bogus" "match -a" "match --format" \
	"match --format xml -a crisis=no" "match --top 0 -a crisis=no" "match --top x -a crisis=no" \
	"ask --bogus" "batch --bogus" "batch --top" "batch --top 99 -" "batch --format xml" \
	"questions --bogus" "questions --format xml" "groups --bogus" "groups --format" \
	"check --bogus" "--color=sometimes groups" "match extra -a crisis=no" "questions extra" "groups extra"; do
	# shellcheck disable=SC2086
	run "$GMP" $args </dev/null
	expect_rc "'$args' is a usage error" 64
	expect_prefix "'$args'"
	[ -n "$err" ] && ok || fail "'$args' says something"
done

run "$GMP" match --top 0 -a crisis=no
expect_err "--top names the option and the value" "groupmatch: --top '0' is not a whole number from 1 to"
run "$GMP" match --format xml -a crisis=no
expect_err "--format names the option and the value" "groupmatch: --format 'xml' is not text, json or html"
run "$GMP" match --bogus
expect_err "an unknown option has the one prefix" "groupmatch: unknown option '--bogus'"
case $err in *"help' for more information."*"help' for more information."*) fail "the usage hint is given once" ;; *) ok ;; esac

# groups --help lists every option groups takes.
run "$GM" groups --help
expect_rc "groups --help" 0
expect_out "groups --help lists -f" "-f, --format"
run "$GM" groups -f json
expect_rc "groups -f json works as listed" 0
case $out in "["*) ok ;; *) fail "groups -f json prints JSON" ;; esac

# The licence is named in --version, and the file ships.
run "$GM" --version
expect_out "--version names the licence" "License MIT"
if [ -n "${GM_SOURCE_DIR:-}" ]; then
	grep -q '^MIT License' "$GM_SOURCE_DIR/LICENSE" && ok || fail "LICENSE is the MIT licence"
	grep -q 'MIT' "$GM_SOURCE_DIR/groupmatch.pc.in" && ok || fail "groupmatch.pc names the licence"
fi
# A file name is outside text too: an escape sequence or a bell in it never
# reaches the terminal through a message, whichever command names it.
esc=$(printf 'x\033[31mred\a')
cp "$GM_TEST_DATA/batch/intake.csv" "$esc.csv"
for args in "batch no-$esc" "batch -q -o /nonexistent/$esc $esc.csv" "--catalog no-$esc groups" \
	"assign --offerings no-$esc $esc.csv" "diff --intake no-$esc no-$esc no-$esc"; do
	# shellcheck disable=SC2086
	run "$GM" $args
	case $err in
	*"$(printf '\033')"*|*"$(printf '\a')"*) fail "control characters in the message of: groupmatch $args" ;;
	*'x?[31mred?'*) ok ;;
	*) fail "the file name is not in the message of: groupmatch $args" ;;
	esac
done

finish
