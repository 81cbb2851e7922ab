# exit_paths.sh - failures found inside shared helpers end each command with the right status and one message.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

missing="$SCRATCH/no-such-file.json"

# A bad value of a common option, given after any command: 64, the
# option named, and the hint pointing at the global help.
for cmd in ask match batch questions groups check assign test diff; do
	run "$GM" $cmd --color=sometimes
	expect_rc "$cmd --color=sometimes" 64
	expect_err "$cmd: the option is named" "--color 'sometimes' is not auto, always or never"
	expect_err "$cmd: the global help is named" "Try 'groupmatch --help'"
	case $err in *"unknown option"*) fail "$cmd --color=sometimes: also called unknown" ;; *) ok ;; esac
	run "$GM" $cmd --region 1x
	expect_rc "$cmd --region 1x" 64
	expect_err "$cmd: the region is named" "--region: '1x' is not a two-letter country code"
done

# A catalogue or resources file that cannot be read: 66 from every
# command that loads it, with one message.
for cmd in questions groups check; do
	run "$GM" $cmd --catalog "$missing"
	expect_rc "$cmd --catalog MISSING" 66
	expect_err "$cmd: the catalogue is named" "cannot open catalogue '$missing'"
	run "$GM" --resources "$missing" $cmd
	expect_rc "$cmd with --resources MISSING" 66
	expect_err "$cmd: the resources file is named" "cannot open '$missing'"
done
# run_in INPUT CMD...: as run, with INPUT on stdin.
run_in() { out=$(printf '%s' "$1" | "$GM" "${@:2}" 2>"$SCRATCH/.err"); rc=$?; err=$(cat "$SCRATCH/.err"); }
run_in "" ask --catalog "$missing"
expect_rc "ask --catalog MISSING" 66
run_in "" --resources "$missing" ask
expect_rc "ask with --resources MISSING" 66
run_in "" -c "$missing" match -a crisis=no
expect_rc "match -c MISSING" 66

finish
