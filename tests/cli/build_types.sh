# build_types.sh - each CMake build type compiles at the optimisation it names, nothing overriding it.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if ! command -v cmake >/dev/null 2>&1; then
	echo "build_types.sh: needs cmake" >&2
	exit 77
fi

# flags TYPE: the compile flags of the library's and the binary's objects
# when the tree is configured as TYPE (configured only, nothing built).
flags() {
	rm -rf "b-$1"
	cmake -S "$GM_SOURCE_DIR" -B "b-$1" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE="$1" \
		-DGM_BUILD_TESTS=OFF >/dev/null 2>"b-$1.err" || { cat "b-$1.err"; return 1; }
	cat "b-$1/CMakeFiles/gm_objects.dir/flags.make" "b-$1/CMakeFiles/groupmatch.dir/flags.make" |
		sed -n 's/^C_FLAGS = //p'
}

# check TYPE WANTED UNWANTED...: every object's flags hold WANTED and none of UNWANTED.
check() {
	local type=$1 want=$2 f line
	shift 2
	f=$(flags "$type")
	if [ -n "$f" ]; then ok; else fail "$type: no compile flags found"; return; fi
	while IFS= read -r line; do
		case " $line " in
		*" $want "*) ok ;;
		*) fail "$type compiles without $want: $line" ;;
		esac
		for u in "$@"; do
			case " $line " in
			*" $u "*) fail "$type compiles with $u: $line" ;;
			*) ok ;;
			esac
		done
	done <<EOF_FLAGS
$f
EOF_FLAGS
}

check Release -O3 -O2 -O0 -Os
check RelWithDebInfo -O2 -O3 -O0 -Os
check MinSizeRel -Os -O2 -O3
check Debug -g -O2 -O3 -Os
finish
