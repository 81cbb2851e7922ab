# provenance.sh - every output names the catalogue it came from: name, version and SHA-256 of its canonical bytes.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CATALOGS=$GM_TEST_DATA/catalogs
# canonical bytes: no byte order mark, CR LF as LF
canon_sha() { sed '1s/^\xEF\xBB\xBF//; s/\r$//' "$1" | sha256sum | cut -d' ' -f1; }
builtin=$(canon_sha "$GM_SOURCE_DIR/groups.json")
version=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$GM_SOURCE_DIR/groups.json")

run "$GM" check
expect_rc "check" 0
expect_out "check prints the built-in catalogue's hash" "sha256: $builtin"
expect_out "check prints the built-in catalogue's version" "version: $version"
expect_out "check prints the built-in catalogue's name" "name: groupmatch default catalogue"

run "$GM" --version
expect_rc "--version" 0
expect_out "--version names the built-in catalogue and its version" "Built-in catalogue: groupmatch default catalogue, version $version"
expect_out "--version gives the built-in catalogue's hash" "sha256 $builtin"

# The same bytes hash alike from run to run, and CR LF line ends or a byte
# order mark (a Windows checkout, some editors) do not change the hash.
first=$("$GM" check | sed -n 's/^sha256: //p')
second=$("$GM" check | sed -n 's/^sha256: //p')
[ -n "$first" ] && [ "$first" = "$second" ] && ok || fail "the hash is stable across runs: '$first' '$second'"
sed 's/$/\r/' "$GM_SOURCE_DIR/groups.json" >crlf.json
printf '\357\273\277' >bom.json
cat crlf.json >>bom.json
for f in crlf.json bom.json; do
	run "$GM" check "$f"
	expect_rc "check $f" 0
	expect_out "$f hashes like groups.json" "sha256: $builtin"
done
[ "$(sha256sum <crlf.json | cut -d' ' -f1)" != "$builtin" ] && ok || fail "the CR LF copy differs byte for byte"

# Any other change, even in a version string or whitespace, changes it.
sed "s/\"version\": \"$version\"/\"version\": \"$version-local\"/" "$GM_SOURCE_DIR/groups.json" >local.json
run "$GM" check local.json
expect_out "a new version string is read" "version: $version-local"
expect_out "a new version string gives sha256sum's hash of the file" "sha256: $(canon_sha local.json)"
expect_not_out "a new version string changes the hash" "$builtin"
{ cat "$GM_SOURCE_DIR/groups.json"; echo; } >space.json
run "$GM" check space.json
expect_out "an added blank line gives sha256sum's hash" "sha256: $(canon_sha space.json)"
expect_not_out "an added blank line changes the hash" "$builtin"

run "$GM" check "$CATALOGS/minimal.json"
expect_out "a catalogue without a version says so" "version: (none)"
expect_out "a catalogue file is hashed as sha256sum hashes it" "sha256: $(canon_sha "$CATALOGS/minimal.json")"

# JSON results: "catalog" is the last key, with the three fields.
check_json() {
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys
sha, ver = sys.argv[2], sys.argv[3]
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    j = json.loads(line)
    assert list(j)[-1] == "catalog", list(j)
    c = j["catalog"]
    assert list(c) == ["name", "version", "sha256"], c
    assert c["sha256"] == sha, (c, sha)
    assert c["version"] == (None if ver == "-" else ver), c
PY
}
"$GM" match -a crisis=no -a goals=skill_building -a issues=anger --format json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >one.json
check_json one.json "$builtin" "$version" && ok || fail "match --format json names the built-in catalogue"
"$GM" match -a crisis=yes --format json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >urgent.json
check_json urgent.json "$builtin" "$version" && ok || fail "an urgent result names the catalogue too"
"$GM" --catalog "$CATALOGS/minimal.json" match -a crisis=no -a focus=education --format json \
	| python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >minimal.json
check_json minimal.json "$(canon_sha "$CATALOGS/minimal.json")" - && ok || fail "--catalog FILE is the catalogue named"
"$GM" batch -q --format jsonl "$GM_TEST_DATA/batch/intake.csv" >rows.jsonl
check_json rows.jsonl "$builtin" "$version" && ok || fail "every batch jsonl row names the catalogue"
"$GM" batch -q --format json --summary "$GM_TEST_DATA/batch/intake.csv" \
	| python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >summary.json
check_json summary.json "$builtin" "$version" && ok || fail "the JSON summary names the catalogue"

run "$GM" batch -q --summary "$GM_TEST_DATA/batch/intake.csv"
expect_out "the text summary names the catalogue with its whole hash" "Catalogue: groupmatch default catalogue, version $version, sha256 $builtin"

run "$GM" match -a crisis=no -a goals=skill_building -a issues=anger
expect_out "the text report's footer names the catalogue" "Catalogue: groupmatch default catalogue, version $version, sha256 $(printf %.12s "$builtin")"
last=$(printf '%s\n' "$out" | tail -2 | tr '\n' ' ')
case $last in *"mental health professional"*) ok ;; *) fail "the reminder stays the last line: $last" ;; esac

finish
