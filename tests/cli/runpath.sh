# runpath.sh - the binary loads no library from the working folder; its RUNPATH holds only absolute folders.
# A library planted in the folder the binary is run from announces itself
# (tests/runpath/planted.c) if the loader picks it: an empty element in
# RUNPATH means the current folder.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v readelf >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1; then
	echo "runpath.sh: needs readelf (binutils) and cc" >&2
	exit 77
fi

# runpath FILE: the RUNPATH (or RPATH) of an ELF file, empty if none.
runpath() {
	readelf -d "$1" 2>/dev/null | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]$/\2/p'
}
# only_absolute NAME PATHLIST: every element of PATHLIST is an absolute folder.
only_absolute() {
	local rest=$2: elem bad=""
	[ -n "$2" ] || { ok; return; }
	while [ -n "$rest" ]; do
		elem=${rest%%:*}
		rest=${rest#*:}
		case $elem in /*) ;; *) bad="$bad '$elem'" ;; esac
	done
	if [ -z "$bad" ]; then ok; else fail "$1: RUNPATH '$2' has the relative or empty elements$bad"; fi
}

rp=$(runpath "$GM")
if [ -n "$rp" ]; then ok; else fail "the binary has no RUNPATH (it needs the build's libgroupmatch.so)"; fi
only_absolute "$GM" "$rp"
case :$rp: in
*":$GM_BUILD_DIR:"*) ok ;;
*) fail "the RUNPATH '$rp' does not name the build folder $GM_BUILD_DIR" ;;
esac
# every program the build links
for f in "$GM_BUILD_DIR"/tests/check_groupmatch "$GM_BUILD_DIR"/bench/* "$GM_BUILD_DIR"/tests/fuzz/replay_*; do
	[ -f "$f" ] && [ -x "$f" ] || continue
	only_absolute "$f" "$(runpath "$f")"
done

# Plant the libraries the binary needs, each announcing itself, in the folder it runs from.
mkdir planted
mark=$SCRATCH/planted.mark
libs="libedit.so.2 libc.so.6 libgroupmatch.so.1 libcjson.so.1"
for lib in $libs; do
	if cc -shared -fPIC -o "planted/$lib" -Wl,-soname,"$lib" \
		-DGM_PLANTED_MARK="\"$mark\"" -DGM_PLANTED_NAME="\"$lib\"" "$GM_SOURCE_DIR/tests/runpath/planted.c"; then
		ok
	else
		fail "cannot build the planted $lib"
	fi
done
# The planted libraries do announce themselves when the loader is pointed at them.
env LD_PRELOAD="$SCRATCH/planted/libedit.so.2" true
if grep -q libedit.so.2 "$mark" 2>/dev/null; then ok; else fail "a planted library does not leave its mark when loaded"; fi
rm -f "$mark"

# One library planted at a time, then all of them together.
for lib in $libs all; do
	rm -rf run && mkdir run
	if [ "$lib" = all ]; then cp planted/* run/; else cp "planted/$lib" run/; fi
	cd run || exit 1
	rm -f "$mark"
	run "$GM" match -a crisis=no -a focus=support
	expect_rc "match runs from a folder holding a planted $lib" 0
	expect_out "match runs from a folder holding a planted $lib" "Support group"
	if [ ! -e "$mark" ]; then ok; else fail "with $lib planted the binary loaded: $(tr '\n' ' ' <"$mark")"; fi
	cd "$SCRATCH" || exit 1
done
cd run || exit 1
loaded=$(env LD_DEBUG=libs "$GM" --version 2>&1 >/dev/null | sed -n 's/.*calling init: //p')
case $loaded in
*"$SCRATCH"*) fail "the loader initialised a library from the working folder: $loaded" ;;
*) ok ;;
esac
cd "$SCRATCH" || exit 1
finish
