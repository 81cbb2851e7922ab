# install.sh - cmake --install gives a complete tree, and a program builds against it with pkg-config.
. "$(dirname "$0")/lib.sh"

: "${GM_BUILD_DIR:?set GM_BUILD_DIR to the build directory}"
: "${GM_SOURCE_DIR:?set GM_SOURCE_DIR to the source directory}"

cache=$GM_BUILD_DIR/CMakeCache.txt
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$cache")
libdir=${libdir:-lib}
cflags=""
# A sanitized library needs the sanitizer runtime in every program linked to it.
if grep -q '^GM_SANITIZE:BOOL=ON' "$cache"; then
	cflags="-fsanitize=address,undefined"
fi
prefix=$SCRATCH/prefix

run cmake --install "$GM_BUILD_DIR" --prefix "$prefix"
expect_rc "cmake --install succeeds" 0

for f in bin/groupmatch "$libdir/libgroupmatch.so" "$libdir/libgroupmatch.a" \
	include/groupmatch.h "$libdir/pkgconfig/groupmatch.pc" \
	share/man/man1/groupmatch.1 share/man/man5/groupmatch-catalog.5 \
	share/groupmatch/groups.json share/bash-completion/completions/groupmatch; do
	if [ -f "$prefix/$f" ]; then ok; else fail "the install tree lacks $f"; fi
done
if [ -x "$prefix/bin/groupmatch" ]; then ok; else fail "bin/groupmatch is not executable"; fi
expect_same "the installed catalogue is groups.json" "$GM_SOURCE_DIR/groups.json" "$prefix/share/groupmatch/groups.json"

run "$prefix/bin/groupmatch" --version
expect_rc "the installed binary runs" 0
expect_out "the installed binary has the version" "groupmatch 1.0.0"
run "$prefix/bin/groupmatch" questions --format csv
expect_out "the installed binary needs no files" "id,crisis,goals"

# The installed binary finds its library through $ORIGIN alone, and the
# build tree's binary through the build folder alone: no empty element,
# which the loader would read as the current folder.
if command -v readelf >/dev/null 2>&1; then
	rp=$(readelf -d "$prefix/bin/groupmatch" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]$/\1/p')
	if [ "$rp" = "\$ORIGIN/../$libdir" ]; then ok; else fail "the installed binary's RUNPATH is '$rp', wanted '\$ORIGIN/../$libdir'"; fi
	rp=$(readelf -d "$GM_BUILD_DIR/groupmatch" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]$/\1/p')
	case :$rp: in
	*::* | *:[!/]*) fail "the build tree's binary has a relative or empty RUNPATH element: '$rp'" ;;
	*":$GM_BUILD_DIR:"*) ok ;;
	*) fail "the build tree's binary's RUNPATH '$rp' does not name $GM_BUILD_DIR" ;;
	esac
	# installed twice over the same tree, the RUNPATH stays right
	run cmake --install "$GM_BUILD_DIR" --prefix "$prefix"
	expect_rc "cmake --install succeeds a second time" 0
	rp=$(readelf -d "$prefix/bin/groupmatch" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]$/\1/p')
	if [ "$rp" = "\$ORIGIN/../$libdir" ]; then ok; else fail "reinstalled, the RUNPATH is '$rp'"; fi
fi

export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
run pkg-config --modversion groupmatch
expect_rc "pkg-config finds groupmatch" 0
if [ "$out" = "1.0.0" ]; then ok; else fail "pkg-config version is '$out'"; fi
run pkg-config --cflags --libs groupmatch
expect_out "pkg-config points into the install tree" "$prefix"

# The header's version macros are the project's version, as the library's
# gm_version() and pkg-config say it.
for f in include/groupmatch_version.h; do
	if [ -f "$prefix/$f" ]; then ok; else fail "the install tree lacks $f"; fi
done
cat >version.c <<'EOF_C'
#include <stdio.h>
#include <string.h>
#include <groupmatch.h>
#if !defined(GM_VERSION_MAJOR) || !defined(GM_VERSION_MINOR) || !defined(GM_VERSION_PATCH)
#error "groupmatch.h lacks the version macros"
#endif
#if GM_VERSION_MAJOR < 1
#error "GM_VERSION_MAJOR is not a number for #if"
#endif
int main(void)
{
	char v[64];
	snprintf(v, sizeof v, "%d.%d.%d", GM_VERSION_MAJOR, GM_VERSION_MINOR, GM_VERSION_PATCH);
	printf("%s %s %s\n", v, GM_VERSION, gm_version());
	return strcmp(v, GM_VERSION) || strcmp(v, gm_version());
}
EOF_C
pcversion=$(pkg-config --modversion groupmatch)
run sh -c "cc -std=c11 -Wall -Wextra -Werror $cflags -o version version.c \$(pkg-config --cflags --libs groupmatch)"
expect_rc "a program reads the version macros" 0
run env LD_LIBRARY_PATH="$prefix/$libdir" ./version
expect_rc "the version macros, GM_VERSION and gm_version() agree" 0
expect_out "the version macros are the project's version" "$pcversion $pcversion $pcversion"

# The shared library exports the gm_ API and nothing else.
if command -v nm >/dev/null 2>&1; then
	# each name in the version node GROUPMATCH_1 (itself an absolute symbol)
	extra=$(nm -D --defined-only "$prefix/$libdir/libgroupmatch.so" | awk '$2 != "A" && $3 !~ /^gm_[a-z0-9_]*@@GROUPMATCH_1$/ { print $3 }')
	if [ -z "$extra" ]; then ok; else fail "libgroupmatch.so exports internals or unversioned names: $(echo $extra | head -c 200)"; fi
	for sym in gm_catalog_load_default gm_answers_set_json gm_match gm_result_reason gm_result_html; do
		if nm -D --defined-only "$prefix/$libdir/libgroupmatch.so" | grep -q " $sym@@GROUPMATCH_1\$"; then ok; else fail "libgroupmatch.so lacks $sym"; fi
	done
fi

# The example program, against the shared library.
run sh -c "cc -std=c11 -Wall -Wextra -Werror $cflags -o example \
	'$GM_SOURCE_DIR/examples/match_example.c' \$(pkg-config --cflags --libs groupmatch)"
expect_rc "the example compiles with pkg-config --cflags --libs" 0
run env LD_LIBRARY_PATH="$prefix/$libdir" ./example
expect_rc "the example runs" 0
expect_out "the example ranks support first" "1. Support group (support)"
expect_out "the example prints reasons" "   + "
expect_out "the example prints the setting" "setting: "
run env LD_LIBRARY_PATH="$prefix/$libdir" ./example --html
expect_rc "the example writes the printable page" 0
expect_out "the example's page is the library's" '<h3>1. Support group</h3>'
run sh -c "LD_LIBRARY_PATH='$prefix/$libdir' ldd ./example"
expect_out "the example uses the installed shared library" "$prefix/$libdir/libgroupmatch.so"

# The intake example, against the shared library: the public API alone
# reads an intake CSV as batch does.  Its stdout and exit status must be
# batch's for every intake test file, run as batch is with no option.
# Every tests/data/**/*.csv is run, the ones batch rejects too (a header
# naming no question, an empty file, export.csv without its --map): there
# both must write nothing and exit alike.  Files that only read right
# with an option (--map, --encoding, --id-column) are not run with it:
# the example shows none of the options, so none is excluded by name.
# At least 10 files with rows (the header accepted) must be compared,
# the bench generator's file among them when it is built.
run sh -c "cc -std=c11 -Wall -Wextra -Werror $cflags -o intake-example \
	'$GM_SOURCE_DIR/examples/intake_example.c' \$(pkg-config --cflags --libs groupmatch)"
expect_rc "the intake example compiles with pkg-config --cflags --libs" 0
intakes=$(find "$GM_SOURCE_DIR/tests/data" -name '*.csv' | LC_ALL=C sort)
# messy-export.csv is ';'-separated; a tab-separated copy of intake.csv
# (its quoted commas and line break kept) tries the third separator.
python3 -c 'import csv, sys
w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
w.writerows(csv.reader(sys.stdin))' <"$GM_SOURCE_DIR/tests/data/batch/intake.csv" >tab.csv
intakes="$intakes
$SCRATCH/tab.csv"
if [ -x "$GM_BUILD_DIR/bench/gen_intake" ]; then
	"$GM_BUILD_DIR/bench/gen_intake" -n 2000 -s 7 >generated.csv
	intakes="$intakes
$SCRATCH/generated.csv"
fi
compared=0
while IFS= read -r f; do
	"$GM" batch --format jsonl "$f" >batch.jsonl 2>/dev/null
	brc=$?
	run env LD_LIBRARY_PATH="$prefix/$libdir" ./intake-example "$f"
	if [ "$rc" = "$brc" ]; then ok; else fail "intake example on $f: exit $rc, batch $brc"; fi
	expect_same "intake example on $f is batch --format jsonl" batch.jsonl "$SCRATCH/.out"
	if [ -s batch.jsonl ]; then compared=$((compared + 1)); fi
done <<EOF
$intakes
EOF
if [ "$compared" -ge 10 ]; then ok; else fail "only $compared intake files with rows compared"; fi
f=$GM_SOURCE_DIR/tests/data/batch/intake.csv
"$GM" batch --format jsonl "$f" >batch.jsonl 2>/dev/null
run sh -c "LD_LIBRARY_PATH='$prefix/$libdir' ./intake-example - <'$f'"
expect_same "the intake example reads standard input" batch.jsonl "$SCRATCH/.out"
run env LD_LIBRARY_PATH="$prefix/$libdir" ./intake-example "$SCRATCH/no-such.csv"
expect_rc "the intake example says when the file cannot be opened" 66
expect_err "the intake example names the file" "no-such.csv"

# Against the static library: self-contained apart from cJSON and libm.
run sh -c "cc -std=c11 -Wall -Werror $cflags -o example-static \
	'$GM_SOURCE_DIR/examples/match_example.c' \$(pkg-config --cflags groupmatch) \
	'$prefix/$libdir/libgroupmatch.a' \$(pkg-config --libs libcjson) -lm"
expect_rc "the example links with libgroupmatch.a" 0
run ./example-static
expect_rc "the static example runs" 0
expect_out "the static example ranks support first" "1. Support group (support)"

# The static library's internal names are local: a program with its own
# error_set and buf_add links with it, and the library keeps its own.
if command -v nm >/dev/null 2>&1; then
	extra=$(nm --defined-only --extern-only "$prefix/$libdir/libgroupmatch.a" | awk 'NF == 3 && $3 !~ /^gm_/ { print $3 }')
	if [ -z "$extra" ]; then ok; else fail "libgroupmatch.a exports internals: $(echo $extra | head -c 200)"; fi
fi
run sh -c "cc -std=c11 -Wall -Wextra -Werror $cflags -o hijack \
	'$GM_SOURCE_DIR/tests/link/hijack.c' \$(pkg-config --cflags groupmatch) \
	'$prefix/$libdir/libgroupmatch.a' \$(pkg-config --libs libcjson) -lm"
expect_rc "a program with its own error_set and buf_add links with libgroupmatch.a" 0
run ./hijack
expect_rc "the static library keeps its own error_set and buf_add" 0
expect_out "the static library words its own errors" "error: unknown question 'no_such_question'"

# The .pc file is relocatable: a moved tree still compiles.
mv "$prefix" "$SCRATCH/moved"
export PKG_CONFIG_PATH="$SCRATCH/moved/$libdir/pkgconfig"
run pkg-config --cflags groupmatch
expect_out "pkg-config follows a moved tree" "$SCRATCH/moved"
run sh -c "cc -std=c11 $cflags -o example-moved '$GM_SOURCE_DIR/examples/match_example.c' \
	\$(pkg-config --cflags --libs groupmatch) && LD_LIBRARY_PATH='$SCRATCH/moved/$libdir' ./example-moved"
expect_rc "the example builds and runs from the moved tree" 0

finish
