# batch_output.sh - batch's output: atomic -o, full disks, closed pipes, unreadable input.
. "$(dirname "$0")/lib.sh"
D=$GM_TEST_DATA/batch
GEN=$GM_BUILD_DIR/bench/gen_intake

# leftovers DIR: temporary files batch left in DIR.
leftovers() { find "$1" -maxdepth 1 -name '.*.??????' | wc -l; }

"$GM" batch -q "$D/intake.csv" >stdout.csv

# --- -o -------------------------------------------------------------------------

mkdir out
run "$GM" batch "$D/intake.csv" -o out/scored.csv
expect_rc "-o with urgent and invalid records exits 3" 3
expect_no_out "-o writes nothing to stdout"
expect_same "-o writes what stdout would get" stdout.csv out/scored.csv
if [ "$(leftovers out)" = 0 ]; then ok; else fail "-o leaves no temporary file"; fi
if [ "$(stat -c %a out/scored.csv)" = "$(printf '%o' $((0666 & ~$(umask))))" ]; then ok
else fail "-o gives the file the usual mode, not the temporary file's 0600"; fi

echo "precious" >out/keep.csv
printf 'name,age\nx,1\n' >nothing.csv
run "$GM" batch nothing.csv -o out/keep.csv
expect_rc "a run that fails exits 65" 65
if [ "$(cat out/keep.csv)" = "precious" ]; then ok; else fail "a failed run leaves an existing output file alone"; fi
if [ "$(leftovers out)" = 0 ]; then ok; else fail "a failed run leaves no temporary file"; fi

# -o onto the input would replace the intake with its scores.
cp "$D/intake.csv" same.csv
run "$GM" batch same.csv -o same.csv
expect_rc "the output may not be the input" 64
expect_err "the output may not be the input" "'same.csv' is the input file"
expect_same "the input is left as it was" "$D/intake.csv" same.csv

run "$GM" batch "$D/intake.csv" -o missing-dir/x.csv
expect_rc "an output that cannot be created exits 73" 73
expect_err "an output that cannot be created is named" "cannot create 'missing-dir/x.csv': No such file or directory"
run "$GM" batch "$D/intake.csv" -o out
expect_rc "a directory as output exits 73" 73

# --- full disks and closed pipes -----------------------------------------------

run "$GM" batch "$D/intake.csv" -o /dev/full
expect_rc "-o /dev/full exits 74" 74
expect_err "-o /dev/full says why" "cannot write '/dev/full': No space left on device"
if [ -c /dev/full ]; then ok; else fail "/dev/full is still a device"; fi

run sh -c '"$0" batch "$1" >/dev/full' "$GM" "$D/intake.csv"
expect_rc "stdout on a full disk exits 74" 74
expect_err "stdout on a full disk says why" "cannot write 'standard output': No space left on device"

if [ -x "$GEN" ]; then
	"$GEN" -n 200000 >big.csv
	# A file size limit makes writes fail part way, as a full disk does.
	run bash -c 'trap "" XFSZ; ulimit -f 64; exec "$0" batch -q "$1" -o out/big.csv' "$GM" big.csv
	expect_rc "a write error part way exits 74" 74
	expect_err "a write error part way says why" "cannot write 'out/big.csv': File too large"
	if [ ! -e out/big.csv ]; then ok; else fail "a write error part way leaves no output file"; fi
	if [ "$(leftovers out)" = 0 ]; then ok; else fail "a write error part way leaves no temporary file"; fi

	# Input that stalls half way, so the run is surely going when killed.
	mkfifo stall
	"$GM" batch -q stall -o out/killed.csv &
	pid=$!
	{ head -n 1000 big.csv; sleep 3; } >stall &
	feeder=$!
	sleep 0.5
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	kill "$feeder" 2>/dev/null
	wait "$feeder" 2>/dev/null
	expect_rc "a run ended by SIGTERM dies of it" 143
	if [ ! -e out/killed.csv ] && [ "$(leftovers out)" = 0 ]; then ok
	else fail "a run ended by SIGTERM leaves no output and no temporary file"; fi

	start=$(date +%s)
	run bash -c '"$0" batch "$1" | head -c 100 >/dev/null; exit ${PIPESTATUS[0]}' "$GM" big.csv
	end=$(date +%s)
	expect_rc "a closed pipe exits 74" 74
	if [ -z "$err" ]; then ok; else fail "a closed pipe is quiet"; fi
	if [ $((end - start)) -lt 10 ]; then ok; else fail "a closed pipe stops the run promptly"; fi
else
	fail "gen_intake was not built at $GEN"
fi

# --- input ------------------------------------------------------------------------

run "$GM" batch nope.csv -o out/nope.csv
expect_rc "a missing input exits 66" 66
expect_err "a missing input is named" "cannot open 'nope.csv': No such file or directory"
if [ ! -e out/nope.csv ] && [ "$(leftovers out)" = 0 ]; then ok; else fail "a missing input creates no output"; fi
run "$GM" batch out
expect_rc "a directory as input exits 66" 66
expect_err "a directory as input is named" "cannot read 'out': Is a directory"

finish
