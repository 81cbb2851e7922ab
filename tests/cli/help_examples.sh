# help_examples.sh - the examples that --help shows run as written (all but the interactive ask).
. "$(dirname "$0")/lib.sh"

cp "$GM_TEST_DATA/batch/intake.csv" intake.csv
cp "$GM_TEST_DATA/batch/messy-export.csv" export.csv
n=0
for cmd in "" match batch ask questions groups check assign test diff; do
	# shellcheck disable=SC2086
	"$GM" $cmd --help | awk '/^Examples?:/ { f = 1; next } f && /^$/ { f = 0 } f' |
		sed -e ':a' -e '/\\$/N; s/\\\n */ /; ta' -e 's/^ *//' >>examples.txt
done
while IFS= read -r line; do
	case $line in "groupmatch ask"*|"") continue ;; esac
	n=$((n + 1))
	# shellcheck disable=SC2086
	run "$GM" ${line#groupmatch }
	case $rc in
	0|3) ok ;;
	*) fail "--help example '$line' exits $rc" ;;
	esac
done <examples.txt
if [ "$n" -ge 3 ]; then ok; else fail "only $n --help examples were found"; fi
[ -s scored.csv ] && ok || fail "the batch example writes scored.csv"
finish
