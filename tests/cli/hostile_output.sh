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
expect_rc "batch -o with stderr closed (intake.csv has urgent records)" 3
if head -1 scored.csv | grep -q '^id,status,'; then ok; else
	fail "batch -o with stderr closed: the output starts with: $(head -c 80 scored.csv)"; fi
if grep -q 'groupmatch:' scored.csv; then fail "batch -o with stderr closed: a message is in the output"; else ok; fi
# stdin closed: batch reads standard input and writes -o; the temporary
# output file must not take fd 0 and be read back as the input.
run "$GM" batch -o scored.csv <&-
expect_rc "batch -o with stdin closed" 74
expect_err "batch -o with stdin closed" "cannot read 'standard input': Bad file descriptor"
run "$GM" ask <&-
expect_rc "ask with stdin closed" 74
expect_err "ask with stdin closed" "Bad file descriptor"
# stdout closed: still an error, not output lost in silence.
"$GM" match -a crisis=no -a issues=grief >&- 2>"$SCRATCH/err"
rc=$?
expect_rc "match with stdout closed" 74

# leftovers DIR: how many temporary output files are in DIR.
leftovers() { find "$1" -name '.*.csv.*' | wc -l; }

# partial PID DIR: the /proc link of the temporary output file that PID
# has open in DIR (named, or unnamed with O_TMPFILE), or nothing.
partial() {
	local dir fd
	dir=$(cd "$2" && pwd)
	for fd in /proc/"$1"/fd/*; do
		case $(readlink "$fd" 2>/dev/null) in "$dir"/*) echo "$fd"; return ;; esac
	done
}

# start_slow OUT: starts batch -o OUT reading from a fifo that is held
# open and fed one record, so the run is under way and waits; its pid is
# in $pid and the fifo's writer is fd 3.
start_slow() {
	rm -f "$SCRATCH/in.fifo"
	mkfifo "$SCRATCH/in.fifo"
	# a background job would start with SIGINT and SIGQUIT ignored
	env --default-signal "$GM" batch -q "$SCRATCH/in.fifo" -o "$1" 2>"$SCRATCH/slow.err" &
	pid=$!
	exec 3>"$SCRATCH/in.fifo"
	head -2 "$INTAKE" >&3
	# wait until the temporary file exists
	for _ in $(seq 50); do
		[ -n "$(partial "$pid" "$(dirname "$1")")" ] && break
		sleep 0.05
	done
}

echo "-o keeps the file's mode"
mkdir -p out
for mode in 600 640 604; do
	printf 'old\n' >out/scored.csv
	chmod "$mode" out/scored.csv
	run "$GM" batch -q "$INTAKE" -o out/scored.csv
	expect_rc "batch -o over a $mode file" 3
	got=$(stat -c %a out/scored.csv)
	if [ "$got" = "$mode" ]; then ok; else fail "batch -o over a $mode file left it $got"; fi
	if head -1 out/scored.csv | grep -q '^id,status'; then ok; else fail "batch -o over a $mode file: not replaced"; fi
done
rm -f out/scored.csv
run "$GM" batch -q "$INTAKE" -o out/scored.csv
got=$(stat -c %a out/scored.csv)
if [ "$got" = "$(printf '%o' $((0666 & ~$(umask))))" ]; then ok; else fail "a new -o file is $got, not what the umask allows"; fi
# A file of another group of ours (any group, for root) keeps its group.
other=$(id -G | tr ' ' '\n' | grep -vx "$(id -g)" | head -1)
if [ -z "$other" ] && [ "$(id -u)" = 0 ]; then other=$(( $(id -g) + 1 )); fi
if [ -n "$other" ]; then
	printf 'old\n' >out/grouped.csv
	chgrp "$other" out/grouped.csv && chmod 640 out/grouped.csv
	run "$GM" batch -q "$INTAKE" -o out/grouped.csv
	if [ "$(stat -c %g:%a out/grouped.csv)" = "$other:640" ]; then ok; else
		fail "batch -o over a file of group $other left $(stat -c %g:%a out/grouped.csv)"; fi
	rm -f out/grouped.csv
fi
# While the run is under way the partial output is private.
printf 'old\n' >out/scored.csv
chmod 644 out/scored.csv
start_slow out/scored.csv
tmp=$(partial "$pid" out)
if [ -n "$tmp" ] && [ "$(stat -L -c %a "$tmp")" = 600 ]; then ok; else
	fail "the partial output is not private: '$tmp' $(stat -L -c %a "$tmp" 2>/dev/null)"; fi
exec 3>&-
wait "$pid"
if [ "$(stat -c %a out/scored.csv)" = 644 ]; then ok; else fail "the finished output is not 644 again"; fi
if [ "$(leftovers out)" = 0 ]; then ok; else fail "a finished run left a temporary file"; fi

# The output reaches the disk before it is renamed into place.
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	strace -qq -e trace=fsync,fdatasync,rename,renameat,renameat2,linkat -o "$SCRATCH/trace" \
		"$GM" batch -q "$INTAKE" -o out/synced.csv
	order=$(grep -oE '^(fsync|fdatasync|rename[a-z0-9]*|linkat)' "$SCRATCH/trace" | tr '\n' ' ')
	case $order in
	*sync*rename* | *sync*linkat*) ok ;;
	*) fail "no fsync before the rename: $order" ;;
	esac
fi

echo "signals remove the partial output"
for sig in HUP INT QUIT USR1 USR2 ALRM TERM XCPU VTALRM PROF; do
	start_slow out/scored.csv
	kill -s "$sig" "$pid"
	exec 3>&- # were the signal ignored, the run would now end by itself
	wait "$pid"
	rc=$?
	want=$((128 + $(kill -l "$sig")))
	expect_rc "batch -o killed by SIG$sig" "$want"
	if [ "$(leftovers out)" = 0 ]; then ok; else
		fail "SIG$sig left a temporary file: $(find out -name '.*')"; rm -f out/.scored.csv.*; fi
done

echo "-o onto the input"
cp "$INTAKE" same.csv
ln same.csv linked.csv
for how in "same.csv -o same.csv" "same.csv -o ./same.csv" "same.csv -o linked.csv" "-o same.csv"; do
	# shellcheck disable=SC2086
	run "$GM" batch $how <same.csv
	expect_rc "batch $how" 64
	expect_err "batch $how" "is the input file"
	expect_same "batch $how leaves the input alone" "$INTAKE" same.csv
done
"$GM" batch same.csv >>same.csv 2>"$SCRATCH/err"
rc=$?
expect_rc "batch same.csv >>same.csv" 64
expect_same "batch same.csv >>same.csv leaves the input alone" "$INTAKE" same.csv
if [ "$(leftovers .)" = 0 ]; then ok; else fail "a refused run left a temporary file"; fi

finish
