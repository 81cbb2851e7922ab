# outfile.sh - every command that writes -o: a regular file is replaced whole and keeps its mode, owner and group; a FIFO, a device or a link to standard output is written through; a link to a file replaces the file; an input is never the output; nothing partial is left behind.
. "$(dirname "$0")/lib.sh"
EX=$GM_SOURCE_DIR/examples/assign
INTAKE=$GM_TEST_DATA/batch/intake.csv
GEN=$GM_BUILD_DIR/bench/gen_intake
export LC_ALL=C

# Every command and form that takes -o; each line is a name, then the
# arguments.  The reference output of each is what it prints without -o.
RUNS=(
	"batch-rows|batch -q $INTAKE"
	"batch-jsonl|batch -q --format jsonl $INTAKE"
	"batch-summary|batch -q --summary $INTAKE"
	"batch-summary-csv|batch -q --summary --format csv $INTAKE"
	"batch-summary-html|batch -q --summary --format html $INTAKE"
	"assign-roster|assign -q --offerings $EX/offerings.json $EX/intake.csv"
	"assign-jsonl|assign -q --format jsonl --offerings $EX/offerings.json $EX/intake.csv"
	"assign-summary|assign -q --summary --offerings $EX/offerings.json $EX/intake.csv"
	"assign-summary-html|assign -q --summary --format html --offerings $EX/offerings.json $EX/intake.csv"
)

mkdir ref
for r in "${RUNS[@]}"; do
	name=${r%%|*}
	# shellcheck disable=SC2086
	"$GM" ${r#*|} >"ref/$name" 2>/dev/null
	if [ -s "ref/$name" ]; then ok; else fail "$name prints nothing to compare with"; fi
done

# gm RUN ARGS...: runs the command of RUN with ARGS added, as run does.
gm() {
	local r=$1
	shift
	# shellcheck disable=SC2086
	run "$GM" ${r#*|} "$@"
}

# devsafe CMD...: runs CMD where -o /dev/stdout or /dev/full cannot harm the
# machine: as root, a binary that renamed over its output would replace
# the real ones, so there CMD runs in a private mount namespace whose /dev
# holds only stdout, fd, null and full.  Fails (status 125) when it cannot.
if [ "$(id -u)" != 0 ]; then
	devsafe() { "$@"; }
elif unshare -m true 2>/dev/null; then
	devsafe() {
		unshare -m sh -c 'mount -t tmpfs gmdev /dev && ln -s /proc/self/fd/1 /dev/stdout &&
			ln -s /proc/self/fd /dev/fd && mknod -m 666 /dev/full c 1 7 &&
			mknod -m 666 /dev/null c 1 3 || exit 125; exec "$@"' sh "$@"
	}
else
	devsafe() { return 125; }
	echo "skipped: /dev/stdout and /dev/full by name (root, and no private mount namespace)"
fi

# fresh DIR: an empty directory DIR.
fresh() { rm -rf "$1" && mkdir -p "$1"; }
# leftovers DIR: temporary files left in DIR.
leftovers() { find "$1" -maxdepth 1 -name '.*.*' | wc -l; }

echo "a regular file: replaced whole, mode kept"
for r in "${RUNS[@]}"; do
	name=${r%%|*}
	fresh out
	gm "$r" -o out/new
	expect_same "$name -o a new file" "ref/$name" out/new
	want=$(printf '%o' $((0666 & ~$(umask))))
	if [ "$(stat -c %a out/new)" = "$want" ]; then ok; else fail "$name: a new file is $(stat -c %a out/new), not $want"; fi
	for mode in 600 640 444; do
		printf 'old\n' >out/kept
		chmod "$mode" out/kept
		gm "$r" -o out/kept
		expect_same "$name -o a $mode file" "ref/$name" out/kept
		got=$(stat -c %a out/kept)
		if [ "$got" = "$mode" ]; then ok; else fail "$name -o a $mode file left it $got"; fi
	done
	if [ "$(leftovers out)" = 0 ]; then ok; else fail "$name left $(ls -A out)"; fi
done

if [ "$(id -u)" = 0 ]; then
	echo "a regular file: owner and group kept"
	for r in "${RUNS[@]}"; do
		name=${r%%|*}
		fresh out
		printf 'old\n' >out/owned
		chown 4321:8765 out/owned && chmod 640 out/owned
		gm "$r" -o out/owned
		expect_same "$name -o another user's file" "ref/$name" out/owned
		got=$(stat -c %u:%g:%a out/owned)
		if [ "$got" = 4321:8765:640 ]; then ok; else fail "$name -o a file of 4321:8765 640 left $got"; fi
	done
else
	echo "skipped: owner and group of another user's file (not root)"
fi

echo "a FIFO: written through, a reader gets the content"
for r in "${RUNS[@]}"; do
	name=${r%%|*}
	fresh out
	mkfifo out/pipe
	cat out/pipe >got &
	reader=$!
	gm "$r" -o out/pipe
	# a reader still waiting means the FIFO was never written
	for _ in $(seq 30); do kill -0 "$reader" 2>/dev/null || break; sleep 0.1; done
	kill "$reader" 2>/dev/null
	wait "$reader" 2>/dev/null
	expect_same "$name -o a FIFO: the reader gets the output" "ref/$name" got
	if [ -p out/pipe ]; then ok; else fail "$name -o a FIFO: it is a $(stat -c %F out/pipe) now"; fi
	if [ "$(leftovers out)" = 0 ]; then ok; else fail "$name -o a FIFO left $(ls -A out)"; fi
done

echo "standard output by name: written through"
for r in "${RUNS[@]}"; do
	name=${r%%|*}
	fresh out
	ln -s /proc/self/fd/1 out/stdout
	ln -s ../out/stdout out/chain
	for target in out/stdout out/chain /dev/stdout /proc/self/fd/1 /dev/fd/1; do
		# shellcheck disable=SC2086
		devsafe "$GM" ${r#*|} -o "$target" >got 2>/dev/null
		expect_same "$name -o $target (a file on stdout)" "ref/$name" got
		# shellcheck disable=SC2086
		devsafe "$GM" ${r#*|} -o "$target" 2>/dev/null | cat >got
		expect_same "$name -o $target (a pipe on stdout)" "ref/$name" got
	done
	if [ "$(readlink out/stdout)" = /proc/self/fd/1 ] && [ -L out/chain ]; then ok
	else fail "$name -o a link to stdout replaced the link: $(ls -l out)"; fi
	if [ "$(leftovers out)" = 0 ]; then ok; else fail "$name -o stdout left $(ls -A out)"; fi
	# appending to stdout stays an append
	printf 'kept\n' >log
	# shellcheck disable=SC2086
	devsafe "$GM" ${r#*|} -o /dev/stdout >>log 2>/dev/null
	{ printf 'kept\n'; cat "ref/$name"; } >want
	expect_same "$name -o /dev/stdout >>log appends" want log
done

echo "a link to a regular file: the file is replaced, the link kept"
for r in "${RUNS[@]}"; do
	name=${r%%|*}
	fresh out
	mkdir out/real out/links
	printf 'old\n' >out/real/file
	chmod 600 out/real/file
	ln -s ../real/file out/links/rel
	ln -s "$SCRATCH/out/real/file" out/links/abs
	ln -s rel out/links/chain
	for link in rel abs chain; do
		printf 'old\n' >out/real/file
		gm "$r" -o "out/links/$link"
		expect_same "$name -o a $link link: the file it names" "ref/$name" out/real/file
		if [ -L "out/links/$link" ]; then ok; else fail "$name -o a $link link replaced the link"; fi
		if [ "$(stat -c %a out/real/file)" = 600 ]; then ok; else fail "$name -o a $link link: the file is $(stat -c %a out/real/file), not 600"; fi
	done
	if [ "$(readlink out/links/rel)" = ../real/file ]; then ok; else fail "$name: the link changed"; fi
	# a link to a file not there yet creates that file
	ln -s ../real/later out/links/dangling
	gm "$r" -o out/links/dangling
	expect_same "$name -o a dangling link: the file it names" "ref/$name" out/real/later
	if [ -L out/links/dangling ]; then ok; else fail "$name -o a dangling link replaced the link"; fi
	if [ "$(leftovers out/real)$(leftovers out/links)" = 00 ]; then ok; else fail "$name -o a link left $(ls -A out/*)"; fi
done

echo "a character device: written through, stays a device"
fresh dev
if mknod dev/null c 1 3 2>/dev/null && mknod dev/full c 1 7; then
	for r in "${RUNS[@]}"; do
		name=${r%%|*}
		gm "$r" -o dev/null
		expect_rc "$name -o a character device (the intake has urgent records)" 3
		got=$(stat -c '%F %t,%T' dev/null)
		if [ "$got" = "character special file 1,3" ]; then ok; else fail "$name -o a device: it is a $got now"; fi
		ln -sf null dev/link
		gm "$r" -o dev/link
		got=$(stat -c '%F %t,%T' dev/null)
		if [ "$got" = "character special file 1,3" ] && [ -L dev/link ]; then ok
		else fail "$name -o a link to a device: $got, $(ls -l dev)"; fi
		if [ "$(leftovers dev)" = 0 ]; then ok; else fail "$name -o a device left $(ls -A dev)"; fi
	done
	# a disk is never an output: rows over its first blocks would destroy
	# it (the minor is one no loop device uses, so nothing is there)
	if mknod dev/disk b 7 1048000 2>/dev/null; then
		for r in "${RUNS[@]}"; do
			name=${r%%|*}
			gm "$r" -o dev/disk
			expect_rc "$name -o a block device" 73
			expect_err "$name -o a block device" "cannot create 'dev/disk': it is a block device, not a file"
			if [ -b dev/disk ]; then ok; else fail "$name -o a block device: it is a $(stat -c %F dev/disk) now"; fi
		done
	fi
else
	echo "skipped: character device (mknod is not allowed here)"
fi

echo "errors: 73 when it cannot be created, 74 when a write fails"
for r in "${RUNS[@]}"; do
	name=${r%%|*}
	gm "$r" -o missing/x
	expect_rc "$name -o in a missing folder" 73
	expect_err "$name -o in a missing folder" "cannot create 'missing/x': No such file or directory"
	fresh out
	gm "$r" -o out
	expect_rc "$name -o a folder" 73
	ln -s loop2 out/loop1 && ln -s loop1 out/loop2
	gm "$r" -o out/loop1
	expect_rc "$name -o a loop of links" 73
	expect_err "$name -o a loop of links" "cannot create 'out/loop1': Too many levels of symbolic links"
	if [ -L out/loop1 ] && [ "$(leftovers out)" = 0 ]; then ok; else fail "$name -o a loop of links: $(ls -A out)"; fi
	# shellcheck disable=SC2086
	run devsafe "$GM" ${r#*|} -o /dev/full
	expect_rc "$name -o /dev/full" 74
	expect_err "$name -o /dev/full" "cannot write '/dev/full': No space left on device"
	if [ -e dev/null ]; then
		run "$GM" ${r#*|} -o dev/full
		expect_rc "$name -o a full device" 74
		if [ -c dev/full ]; then ok; else fail "$name: a full device is a $(stat -c %F dev/full) now"; fi
	fi
done

echo "an input is never the output"
cp "$INTAKE" in.csv
cp "$EX/intake.csv" ain.csv
cp "$EX/offerings.json" offs.json
cp "$GM_SOURCE_DIR/groups.json" cat.json
cp "$GM_TEST_DATA/batch/export-map.csv" map.csv
printf '{}\n' >res.json
ln -s in.csv in-link.csv
ln in.csv in-hard.csv
cp -p in.csv in.orig; cp -p ain.csv ain.orig; cp -p offs.json offs.orig
cp -p cat.json cat.orig; cp -p map.csv map.orig; cp -p res.json res.orig
# refused CMDLINE: -o onto an input must exit 64 and leave every input alone.
refused() {
	run "$GM" "$@"
	expect_rc "$*" 64
	expect_err "$*" "is the input file"
	for f in in ain offs cat map res; do
		case $f in offs|cat|res) ext=json ;; *) ext=csv ;; esac
		cmp -s "$f.$ext" "$f.orig" || fail "$*: $f.$ext changed"
	done
}
refused batch in.csv -o in.csv
refused batch in.csv -o ./in.csv
refused batch in.csv -o in-link.csv
refused batch in.csv -o in-hard.csv
refused batch -o in.csv <in.csv
refused batch -c cat.json in.csv -o cat.json
refused batch --map map.csv in.csv -o map.csv
refused --resources res.json batch in.csv -o res.json
refused batch --summary in.csv -o in.csv
refused assign --offerings offs.json ain.csv -o ain.csv
refused assign --offerings offs.json ain.csv -o offs.json
refused assign --offerings offs.json -o ain.csv <ain.csv
refused assign --offerings offs.json --summary ain.csv -o offs.json
refused assign -c cat.json --offerings offs.json ain.csv -o cat.json
refused assign --map map.csv --offerings offs.json ain.csv -o map.csv
refused --resources res.json assign --offerings offs.json ain.csv -o res.json
refused -c cat.json assign --offerings offs.json ain.csv -o cat.json
"$GM" assign --offerings offs.json ain.csv >>ain.csv 2>"$SCRATCH/err"
rc=$?
expect_rc "assign ain.csv >>ain.csv" 64
expect_same "assign ain.csv >>ain.csv leaves the input alone" "$EX/intake.csv" ain.csv
devsafe "$GM" batch in.csv -o /dev/stdout >>in.csv 2>"$SCRATCH/err"
rc=$?
expect_rc "batch in.csv -o /dev/stdout >>in.csv" 64
if [ "$(leftovers .)" = 0 ]; then ok; else fail "a refused run left $(ls -A | grep '^\.')"; fi

echo "the order on disk: the file synced, put in place, its folder synced"
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	fresh out
	# order OUT: the syncs, links and renames of batch -o OUT, in order.
	order() {
		strace -qq -e trace=fsync,fdatasync,rename,renameat,renameat2,link,linkat -o "$SCRATCH/trace" \
			"$GM" batch -q "$INTAKE" -o "$1" 2>/dev/null
		grep -oE '^[a-z0-9]+' "$SCRATCH/trace" | tr '\n' ' '
	}
	for file in new existing; do
		got=$(order out/synced.csv)
		case $got in
		"fsync linkat fsync " | "fsync linkat renameat fsync " | "fsync renameat fsync ") ok ;;
		*) fail "-o a $file file: $got" ;;
		esac
	done
	if [ "$(leftovers out)" = 0 ]; then ok; else fail "a synced output left $(ls -A out)"; fi
else
	echo "skipped: the order on disk (no strace)"
fi

echo "SIGKILL leaves no partial file"
if [ ! -x "$GEN" ]; then
	fail "gen_intake was not built at $GEN"
elif ! python3 -c 'import os, sys; os.close(os.open(sys.argv[1], os.O_TMPFILE | os.O_WRONLY, 0o600))' "$SCRATCH" 2>/dev/null; then
	echo "skipped: SIGKILL (this file system has no O_TMPFILE)"
else
	"$GEN" -n 100000 >big.csv
	fresh out
	mkfifo feed
	"$GM" batch -q feed -o out/killed.csv &
	pid=$!
	{ cat big.csv; sleep 30; } >feed &
	feeder=$!
	# wait until the output holds some of the rows
	for _ in $(seq 100); do
		size=0
		for fd in /proc/"$pid"/fd/*; do
			case $(readlink "$fd") in "$SCRATCH/out/"*) size=$(stat -L -c %s "$fd") ;; esac
		done
		[ "$size" -gt 100000 ] && break
		sleep 0.05
	done
	if [ "$size" -gt 100000 ]; then ok; else fail "batch -o never wrote the rows before the kill"; fi
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	kill "$feeder" 2>/dev/null
	wait "$feeder" 2>/dev/null
	if [ -z "$(ls -A out)" ]; then ok; else fail "SIGKILL left $(ls -A out)"; fi
fi

echo "without O_TMPFILE: a named temporary file, removed on every signal"
cat >notmpfile.c <<'EOF'
/* Makes every O_TMPFILE open fail as on a file system without it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#define SHIM(name, ...) \
	int name(__VA_ARGS__, int flags, ...) \
	{ \
		static int (*real)(); \
		va_list ap; \
		int mode; \
		va_start(ap, flags); \
		mode = va_arg(ap, int); \
		va_end(ap); \
		if ((flags & O_TMPFILE) == O_TMPFILE) { \
			errno = EOPNOTSUPP; \
			return -1; \
		}
SHIM(open, const char *p) if (!real) real = (int (*)())dlsym(RTLD_NEXT, "open"); return real(p, flags, mode); }
SHIM(open64, const char *p) if (!real) real = (int (*)())dlsym(RTLD_NEXT, "open64"); return real(p, flags, mode); }
SHIM(openat, int d, const char *p) if (!real) real = (int (*)())dlsym(RTLD_NEXT, "openat"); return real(d, p, flags, mode); }
SHIM(openat64, int d, const char *p) if (!real) real = (int (*)())dlsym(RTLD_NEXT, "openat64"); return real(d, p, flags, mode); }
EOF
if grep -q '^GM_SANITIZE:BOOL=ON' "$GM_BUILD_DIR/CMakeCache.txt" 2>/dev/null; then
	# the sanitizer runtime must come first: a preloaded shim stops the binary
	echo "skipped: without O_TMPFILE (the sanitizers' runtime refuses a preloaded shim)"
elif ! cc -shared -fPIC -o notmpfile.so notmpfile.c -ldl 2>"$SCRATCH/cc.err"; then
	echo "skipped: no C compiler for the O_TMPFILE shim: $(head -1 "$SCRATCH/cc.err")"
else
	fresh out
	printf 'old\n' >out/scored.csv
	chmod 640 out/scored.csv
	LD_PRELOAD=$SCRATCH/notmpfile.so run "$GM" batch -q "$INTAKE" -o out/scored.csv
	expect_rc "batch -o without O_TMPFILE" 3
	expect_same "batch -o without O_TMPFILE" ref/batch-rows out/scored.csv
	if [ "$(stat -c %a out/scored.csv)" = 640 ] && [ "$(leftovers out)" = 0 ]; then ok
	else fail "batch -o without O_TMPFILE: $(stat -c %a out/scored.csv), $(ls -A out)"; fi
	printf 'old\n' >out/scored.csv
	for sig in HUP INT QUIT TERM USR1 ALRM; do
		rm -f feed
		mkfifo feed
		LD_PRELOAD=$SCRATCH/notmpfile.so env --default-signal "$GM" batch -q feed -o out/scored.csv 2>/dev/null &
		pid=$!
		exec 3>feed
		head -2 "$INTAKE" >&3
		for _ in $(seq 100); do [ "$(leftovers out)" -gt 0 ] && break; sleep 0.05; done
		tmp=$(find out -name '.scored.csv.*')
		if [ -n "$tmp" ] && [ "$(stat -c %a "$tmp")" = 600 ]; then ok
		else fail "SIG$sig: the partial output is not a private named file: '$tmp'"; fi
		kill -s "$sig" "$pid"
		exec 3>&-
		wait "$pid"
		rc=$?
		expect_rc "batch -o without O_TMPFILE killed by SIG$sig" $((128 + $(kill -l "$sig")))
		if [ "$(leftovers out)" = 0 ]; then ok; else fail "SIG$sig left $(ls -A out)"; rm -f out/.scored*; fi
		expect_same "SIG$sig left the old output alone" <(printf 'old\n') out/scored.csv
		printf 'old\n' >out/scored.csv
	done
fi

finish
