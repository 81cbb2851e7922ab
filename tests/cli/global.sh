# global.sh - global options, help, version, command names and usage errors.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

for opt in --help -h; do
	run "$GM" $opt
	expect_rc "$opt" 0
	expect_out "$opt shows the usage on stdout" "usage: groupmatch [OPTIONS] COMMAND [ARGS]"
	expect_out "$opt lists match" "  match "
	expect_out "$opt lists check" "  check "
	expect_out "$opt documents the exit codes" "Exit status: 0 ok, 1 a test case failed, 3 urgent"
	[ -z "$err" ] && ok || fail "$opt: nothing on stderr"
done

for opt in --version -V; do
	run "$GM" $opt
	expect_rc "$opt" 0
	first=$(printf '%s\n' "$out" | head -1)
	case $first in
	"groupmatch "[0-9]*.[0-9]*.[0-9]*) ok ;;
	*) fail "$opt: first line is 'groupmatch VERSION' (GNU form), got '$first'" ;;
	esac
done

run "$GM" help
expect_rc "help" 0
expect_out "help shows the usage" "usage: groupmatch"
for cmd in match groups check; do
	run "$GM" help $cmd
	expect_rc "help $cmd" 0
	expect_out "help $cmd shows its usage on stdout" "usage: groupmatch $cmd"
	run "$GM" $cmd --help
	expect_rc "$cmd --help" 0
	expect_out "$cmd --help shows its usage on stdout" "usage: groupmatch $cmd"
	[ -z "$err" ] && ok || fail "$cmd --help: nothing on stderr"
done
run "$GM" help nosuch
expect_rc "help for an unknown command" 64
expect_err "help for an unknown command says so" "groupmatch: no command 'nosuch'"

for typo in mtach macth grups chek; do
	run "$GM" $typo
	expect_rc "mistyped command $typo" 64
done
run "$GM" mtach -a crisis=no
expect_err "a mistyped command gets a suggestion" "groupmatch: no command 'mtach' (did you mean 'match'?)"
run "$GM" frobnicate
expect_rc "an unknown command" 64
expect_err "an unknown command is named" "groupmatch: no command 'frobnicate'"
expect_not_out "an unknown command prints nothing on stdout" "usage"

run "$GM" --bogus
expect_rc "an unknown global option" 64
expect_err "an unknown global option points to --help" "Try 'groupmatch --help'"

run "$GM" --color=sometimes groups
expect_rc "a bad --color" 64
expect_err "a bad --color is named" "--color 'sometimes' is not auto, always or never"
run "$GM" --color=never groups
expect_rc "--color=never" 0
run "$GM" --color=always match -a crisis=no -a focus=support
expect_out "global --color=always colours" $'\033['

# No command and no terminal: usage on stderr, exit 64.
run "$GM" </dev/null
expect_rc "bare groupmatch with no terminal" 64
expect_no_out "bare groupmatch prints nothing on stdout"
expect_err "bare groupmatch prints the usage on stderr" "usage: groupmatch"

run "$GM" -c "$SCRATCH/missing.json" groups
expect_rc "global -c with a missing file" 66
run "$GM" -q --catalog "$GM_TEST_DATA/catalogs/minimal.json" groups
expect_rc "global -q and --catalog" 0
expect_out "global --catalog is used by the command" "Learning group (learn)"

if [ -w /dev/full ]; then
	for args in --help --version "help match"; do
		# shellcheck disable=SC2086
		"$GM" $args >/dev/full 2>/dev/null
		rc=$?
		expect_rc "$args to a full disk" 74
	done
fi

finish
