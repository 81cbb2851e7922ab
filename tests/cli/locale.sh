# locale.sh - names and ids compare in ASCII whatever the locale: under Turkish case rules 'I' is not 'i'.
# Runs on the plain build as well as under the sanitizers (whose strncasecmp is ASCII-only and
# would hide the fault).
. "$(dirname "$0")/lib.sh"

loc=tr_TR.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^tr_TR\.utf-\?8$'; then
	# build it in the scratch directory when the system lacks it
	if command -v localedef >/dev/null 2>&1 && localedef -i tr_TR -f UTF-8 "$SCRATCH/$loc" >/dev/null 2>&1; then
		export LOCPATH=$SCRATCH
	else
		echo "skipped: no $loc locale and localedef cannot build one"
		exit 0
	fi
fi
export LC_ALL=$loc
if [ "$(LC_ALL=$loc locale charmap 2>/dev/null)" != "UTF-8" ]; then
	echo "skipped: $loc did not load"
	exit 0
fi

printf 'RECORD_ID,RISK_FLAG,GOALS\nP1,yes,1\nP2,no,1\n' >tr.csv
printf 'from,to,question\nrisk_flag,crisis,\n' >map.csv
run "$GM" batch --map map.csv tr.csv
expect_rc "tr_TR: a map entry in lowercase finds the header RISK_FLAG" 3
expect_out "tr_TR: the yes is urgent, with the RECORD_ID id" "P1,urgent,yes,"
expect_out "tr_TR: the no is ok" "P2,ok,no,"
expect_not_out "tr_TR: no row loses its id" $'\n,'

printf 'ID,CRISIS,GOALS,ISSUES___GRIEF\nI1,YES,1,1\n' >upper.csv
run "$GM" batch upper.csv
expect_out "tr_TR: ID, CRISIS and a checkbox header in capitals are read" "I1,urgent,yes,"

run "$GM" match --format json -a CRISIS=yes
expect_rc "tr_TR: -a CRISIS=yes is urgent" 3

run "$GM" check
expect_rc "tr_TR: the built-in catalogue's ids are valid" 0

printf '{"CRISIS": true, "goals": ["relationships"]}' >a.json
run "$GM" match --format json --answers a.json
expect_rc "tr_TR: a JSON key CRISIS is the safety question" 3
finish
