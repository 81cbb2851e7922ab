# diff.sh - groupmatch diff: who moves when one weight changes, checked against two independent batch runs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

GEN=$GM_BUILD_DIR/bench/gen_intake
if [ ! -x "$GEN" ]; then
	fail "gen_intake was not built at $GEN"
	finish
	exit
fi
"$GEN" -n 5000 -s 11 >intake.csv
cp "$GM_SOURCE_DIR/groups.json" old.json
# One weight changes: the first criterion of the skills group, by 3.
python3 - old.json >new.json <<'PY'
import json, sys
cat = json.load(open(sys.argv[1]))
g = next(g for g in cat["groups"] if g["id"] == "skills")
w = g["criteria"][0]["weight"]
g["criteria"][0]["weight"] = w + 3 if w <= 7 else w - 3
print(json.dumps(cat, indent=2))
PY
[ "$(diff old.json new.json | grep -c '^>')" -ge 1 ] && ok || fail "the new catalogue differs"

# The expected changes, from two batch runs joined by id.
"$GM" --catalog old.json batch -q --top 2 intake.csv >old.csv
"$GM" --catalog new.json batch -q --top 2 intake.csv >new.csv
python3 - old.csv new.csv >expected.txt <<'PY'
import csv, sys
old = {r["id"]: r for r in csv.DictReader(open(sys.argv[1]))}
new = {r["id"]: r for r in csv.DictReader(open(sys.argv[2]))}
assert list(old) == list(new)
for i in old:
    o, n = old[i], new[i]
    kinds = []
    if o["status"] != n["status"]: kinds.append("status")
    if o["rank1"] != n["rank1"]: kinds.append("first")
    if {o["rank1"], o["rank2"]} != {n["rank1"], n["rank2"]}: kinds.append("top2")
    if o["setting"] != n["setting"]: kinds.append("setting")
    if kinds:
        print(i, ";".join(kinds))
PY
nfirst=$(grep -c ' .*first' expected.txt)
[ "$nfirst" -gt 0 ] && ok || fail "the changed weight moves somebody's first choice"

run "$GM" diff old.json new.json --intake intake.csv --format csv
expect_rc "diff --format csv (the intake has urgent people)" 3
printf '%s\n' "$out" >diff.csv
python3 - diff.csv >got.txt <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["id"], r["changes"])
PY
expect_same "diff reports exactly the records batch says changed, in the same ways" expected.txt got.txt
grep ' .*first' expected.txt | cut -d' ' -f1 >first-expected.txt
grep ' .*first' got.txt | cut -d' ' -f1 >first-got.txt
expect_same "diff's first-choice changes are batch's" first-expected.txt first-got.txt
expect_err "the count line says how many changed" "5000 records: $(wc -l <expected.txt | tr -d ' ') changed"

# Each changed row carries both results as batch gave them.
python3 - diff.csv old.csv new.csv <<'PY' && ok || fail "diff's old and new columns are batch's results"
import csv, sys
old = {r["id"]: r for r in csv.DictReader(open(sys.argv[2]))}
new = {r["id"]: r for r in csv.DictReader(open(sys.argv[3]))}
for r in csv.DictReader(open(sys.argv[1])):
    for side, rows in (("old", old), ("new", new)):
        b = rows[r["id"]]
        for k in ("status", "rank1", "rank1_percent", "rank2", "rank2_percent", "setting"):
            assert r[side + "_" + k] == b[k], (r["id"], side, k, r[side + "_" + k], b[k])
PY

# JSON: the same counts, every change listed, transitions that add up.
"$GM" diff -q old.json new.json --intake intake.csv --format json >diff.json
python3 - diff.json expected.txt old.csv new.csv <<'PY' && ok || fail "the JSON report agrees with batch"
import csv, json, sys
from collections import Counter
j = json.load(open(sys.argv[1]))
expected = [l.split() for l in open(sys.argv[2])]
assert j["records"] == 5000
assert j["counts"]["changed"] == len(expected) == len(j["changed"])
for kind in ("status", "first", "top2", "setting"):
    assert j["counts"][kind] == sum(kind in k.split(";") for _, k in expected), kind
assert [c["id"] for c in j["changed"]] == [i for i, _ in expected]
old = {r["id"]: r["rank1"] or None for r in csv.DictReader(open(sys.argv[3]))}
new = {r["id"]: r["rank1"] or None for r in csv.DictReader(open(sys.argv[4]))}
moves = Counter((old[i], new[i]) for i in old)
assert {(m["old"], m["new"]): m["count"] for m in j["first_choice"]} == dict(moves)
assert j["old"]["catalog"]["sha256"] != j["new"]["catalog"]["sha256"]
PY

run "$GM" diff old.json new.json --intake intake.csv
expect_rc "diff (text)" 3
expect_out "the text report counts the records" "5000 records scored with both catalogues"
expect_out "the text report names both catalogues" "new: new.json: groupmatch default catalogue"
expect_out "the text report has the transition table" "First choice, old -> new"
expect_out "the text report lists a changed record" "$(head -1 expected.txt | cut -d' ' -f1): "

# Ids are the intake's text: in the text report control bytes do not reach
# the terminal; a record without an id is named by its line.
python3 - old.json >noskills.json <<'PY'
import json, sys
cat = json.load(open(sys.argv[1]))
g = next(g for g in cat["groups"] if g["id"] == "skills")
for c in g["criteria"][1:]:
    c["weight"] = -abs(c["weight"])
print(json.dumps(cat))
PY
printf 'id,crisis,goals,issues,practice\n"a\033[31mb",no,skill_building,anger,yes\n,no,skill_building,anger,yes\n' >esc.csv
run "$GM" diff old.json noskills.json --intake esc.csv
expect_rc "ids with control bytes" 0
expect_out "a control byte in an id is shown as ?" "a?[31mb: first"
expect_out "a record without an id is named by its line" "line 3: first"

# The same catalogue twice: nothing changes.
run "$GM" diff old.json old.json --intake intake.csv --format csv
expect_rc "identical catalogues" 3
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && ok || fail "identical catalogues change nobody"
run "$GM" diff old.json "$GM_SOURCE_DIR/groups.json" --intake - --format json <intake.csv
expect_rc "intake from standard input" 3

# Exit 3 means someone needs a call: a record urgent, review or not
# screened under either catalogue, whether or not its result changes.
printf 'id,crisis,goals,issues\nA,no,skill_building,anger\nB,no,life_transition,grief\n' >screened.csv
run "$GM" diff old.json new.json --intake screened.csv
expect_rc "everyone screened and ok" 0
expect_not_out "nobody needs a call" "needs a call"
for row in 'C,,skill_building,anger' 'C,yes,skill_building,anger' 'C,maybe,skill_building,anger'; do
	{ cat screened.csv; printf '%s\n' "$row"; } >call.csv
	run "$GM" diff old.json new.json --intake call.csv
	expect_rc "a record needing a call ($row)" 3
	expect_err "the count line says so ($row)" "1 record is urgent, review or not screened under either catalogue"
done
printf 'id,goals,issues\nA,skill_building,anger\n' >nosafety.csv
run "$GM" -q diff old.json new.json --intake nosafety.csv
expect_rc "no safety column: nobody is screened" 3
run "$GM" diff old.json noskills.json --intake screened.csv --format json
expect_rc "a change of first choice alone is not a call" 0

# Usage and file errors.
run "$GM" diff old.json new.json
expect_rc "no --intake" 64
expect_err "no --intake says so" "no intake"
run "$GM" diff old.json --intake intake.csv
expect_rc "one catalogue" 64
run "$GM" diff old.json "$GM_TEST_DATA/catalogs/weights.json" --intake intake.csv
expect_rc "an invalid new catalogue" 78
run "$GM" diff old.json new.json --intake no-such.csv
expect_rc "a missing intake" 66
run "$GM" diff old.json new.json --intake intake.csv --format yaml
expect_rc "an unknown format" 64
: >empty.csv
run "$GM" diff old.json new.json --intake empty.csv
expect_rc "an empty intake" 65

finish
