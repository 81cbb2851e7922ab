# hostile_output.sh - odd descriptors, files and signals around batch -o: the output holds only the output, keeps its file's mode, and no temporary file is left behind.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

INTAKE=$GM_TEST_DATA/batch/intake.csv

echo "closed standard descriptors"
# stderr closed: the warnings must not land in the output file, which
# would otherwise be given fd 2.
rm -f scored.csv
"$GM" batch -o scored.csv <"$INTAKE" 2>&-
rc=$?
expect_rc "batch -o with stderr closed" 65
if head -1 scored.csv | grep -q '^id,status,'; then ok; else
	fail "batch -o with stderr closed: the output starts with: $(head -c 80 scored.csv)"; fi
if grep -q 'groupmatch:' scored.csv; then fail "batch -o with stderr closed: a message is in the output"; else ok; fi
# stdin closed: reads as empty input, not as a read error.
run "$GM" ask <&-
expect_rc "ask with stdin closed" 130
expect_err "ask with stdin closed" "input ended before question"
# stdout closed: the result is lost quietly into /dev/null, not an error
# on a bad descriptor.
"$GM" match -a crisis=no -a issues=grief >&- 2>"$SCRATCH/err"
rc=$?
expect_rc "match with stdout closed" 0

finish
