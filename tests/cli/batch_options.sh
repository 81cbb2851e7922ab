# batch_options.sh - batch's options: formats, --top, --strict, id columns, headers and usage errors.
. "$(dirname "$0")/lib.sh"
D=$GM_TEST_DATA/batch
header="id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual"
good="no,life_transition,open_ended,support,grief,3,yes,no,no,yes"

# --- formats ----------------------------------------------------------------

run "$GM" batch --format jsonl "$D/intake.csv"
expect_rc "jsonl with urgent and invalid records exits 3" 3
printf '%s\n' "$out" >out.jsonl
if [ "$(wc -l <out.jsonl)" -eq 9 ]; then ok; else fail "jsonl has one line per record"; fi
"$GM" match --format json --id P001 -a crisis=no -a goals=life_transition -a structure=open_ended \
	-a focus=support -a issues=grief -a comfort=3 -a connect=yes -a feedback=no -a practice=no \
	-a mutual=yes >match.json
if python3 - out.jsonl match.json <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
one = json.load(open(sys.argv[2]))
# batch does not work out what would change each row's first place
assert lines[0]["changes"] is None and isinstance(one["changes"], list)
one["changes"] = None
assert lines[0] == one, "first jsonl object differs from match --format json"
assert list(lines[0].keys()) == ["id", "status", "safety", "ranking", "setting", "changes", "scores", "missing", "message", "catalog"]
assert [l["safety"] for l in lines] == ["no", "no", "yes", "no", "no", "missing", "yes", "missing", "no"]
assert lines[2]["message"].startswith("positive safety screen: contact today"), lines[2]["message"]
assert lines[5]["message"].startswith("safety question not answered"), lines[5]["message"]
assert [l["status"] for l in lines] == ["ok", "ok", "urgent", "invalid", "ok", "ok", "urgent", "invalid", "ok"]
assert lines[2]["ranking"] == [] and lines[2]["setting"] is None
assert lines[3]["message"] == "line 6, column 'comfort': '9' is not in 1-5"
assert lines[5]["missing"] == ["crisis"]
EOF
then ok; else fail "jsonl objects are the match --format json objects"; fi

run "$GM" batch --format json "$D/intake.csv"
if printf '%s\n' "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); assert len(d) == 9 and d[8]["id"] == "P009"'
then ok; else fail "json is an array of every record"; fi
printf '%s\n' "$header" >headeronly.csv
run "$GM" batch --format json headeronly.csv
expect_rc "json of a header only: an error (65), not an empty success" 65
expect_no_out "json of a header only: nothing written"

run "$GM" batch --format xml "$D/intake.csv"
expect_rc "an unknown format is a usage error" 64
expect_err "an unknown format is named" "--format 'xml' is not csv, jsonl, json or html"

# --- --top --------------------------------------------------------------------

run "$GM" batch --top 1 "$D/intake.csv"
expect_out "--top 1 has one rank column pair" "id,status,safety,rank1,rank1_percent,setting,message"
expect_out "--top 1 rows have one rank" "P001,ok,no,support,88,combined,"
run "$GM" batch --top 6 "$D/intake.csv"
expect_out "--top 6 has six rank columns" "rank6,rank6_percent,setting,message"
if printf '%s\n' "$out" | awk -F, 'NR == 2 && NF != 17 { exit 1 }'; then ok; else fail "--top 6 rows have 17 fields"; fi
run "$GM" batch --top 0 "$D/intake.csv"
expect_rc "--top 0 is a usage error" 64
run "$GM" batch --top 7 "$D/intake.csv"
expect_rc "--top past the group count is a usage error" 64
expect_err "--top past the group count says why" "more than the 6 group types"
run "$GM" batch --top x "$D/intake.csv"
expect_rc "--top x is a usage error" 64

# --- --strict -----------------------------------------------------------------

{ printf '%s\n' "$header"; printf 'S1,no,life_transition,open_ended,support,grief,,yes,no,no,yes\n'; } >missing.csv
run "$GM" batch missing.csv
expect_rc "a missing answer is fine without --strict" 0
run "$GM" batch --strict missing.csv
expect_rc "--strict makes a missing answer invalid" 65
expect_out "--strict names the missing answer" "S1,invalid,no,,,,,,,,missing answer to 'comfort'"

# --- ids ------------------------------------------------------------------------

{ printf 'record_id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual\n'; printf 'R1,%s\n' "$good"; } >recid.csv
run "$GM" batch recid.csv
expect_out "record_id is an id column" "R1,ok,no,support,"
{ printf 'pid,site,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual\n'; printf 'X9,north,%s\n' "$good"; } >pid.csv
run "$GM" batch --id-column PID pid.csv
expect_out "--id-column picks the id in any case" "X9,ok,no,support,"
expect_err "--id-column's other columns are still warned about" "ignoring 1 unknown column: 'site'"
run "$GM" batch --id-column nope pid.csv
expect_rc "a missing --id-column is a usage error" 64
expect_err "a missing --id-column is named" "no column 'nope' for --id-column"
{ printf 'crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual\n'; printf '%s\n' "$good"; } >noid.csv
run "$GM" batch noid.csv
expect_out "without an id column the id is the line" $'\nline 2,ok,no,support,'
expect_err "a missing id column is warned about, naming the columns seen" "no id column (expected 'id' or 'record_id'; the columns are 'crisis', 'goals', 'structure', 'focus', 'issues', 'comfort' and 4 more; name one with --id-column)"
run "$GM" batch --format jsonl noid.csv
expect_out "without an id column the JSON id is the line" '{"id":"line 2","status":"ok"'

# --- headers --------------------------------------------------------------------

{ printf 'ID,CRISIS,Goals, Structure ,FOCUS,issues,Comfort,connect,feedback,practice,mutual\n'; printf 'C1,%s\n' "$good"; } >case.csv
run "$GM" batch case.csv
expect_rc "headers match in any case and with spaces" 0
expect_out "a mixed-case header scores" "C1,ok,no,support,88"
run "$GM" batch -q "$D/intake.csv"
expect_rc "-q keeps the exit status" 3
if [ -z "$err" ]; then ok; else fail "-q silences the warning and the count line"; fi
{ printf 'id,goals,Goals,crisis\n'; printf 'D1,a,b,no\n'; } >dup.csv
run "$GM" batch dup.csv
expect_rc "two columns for one question exit 65" 65
expect_err "two columns for one question are named" "columns 'goals' and 'Goals' both answer 'goals'"
expect_no_out "a bad header writes nothing"
{ printf 'name,age\n'; printf 'a,1\n'; } >other.csv
run "$GM" batch other.csv
expect_rc "a file without question columns exits 65" 65
expect_err "a file without question columns says so" "no column names a question"

# --- headerless chunks --------------------------------------------------------

printf 'H1,%s\nH2,%s\n' "$good" "$good" >chunk.csv
run "$GM" batch --no-header --columns "$header" chunk.csv
expect_rc "--no-header --columns scores a chunk" 0
if [ "$(printf '%s\n' "$out" | head -n 1)" = "H1,ok,no,support,88,process,17,interpersonal,6,combined," ]; then ok
else fail "--no-header writes no output header"; fi
if [ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ]; then ok; else fail "--no-header gives a row per line"; fi
run "$GM" batch --no-header chunk.csv
expect_rc "--no-header without --columns is a usage error" 64
{ printf 'a,b,c,d,e,f,g,h,i,j,k\n'; printf 'K1,%s\n' "$good"; } >renamed.csv
run "$GM" batch --columns "$header" renamed.csv
expect_out "--columns replaces the file's header" "K1,ok,no,support,"
expect_out "--columns with a header keeps the output header" "id,status,safety,rank1"
run "$GM" batch --no-header --columns 'id,"open' chunk.csv
expect_rc "a broken --columns list is a usage error" 64

# --- multi-choice values read as match reads them -----------------------------

values=("anxiety;panic" " Anxiety | PANIC " "1 3" "none" "anxiety;;" ";" "anxiety,flying"
	"Social anxiety; 3" "none;anxiety" "Panic attacks|grief" "17;1" "18" "anxiety panic"
	"anxiety;$(printf '%50s' '')panic" "anxiety;$(printf '%51s' '')panic" "anxiety;$(printf '%52s' '')panic"
	"anxiety;panic;grief;anger;stress;trauma;addiction;depression;caregiving;social_skills")
{
	printf 'id,crisis,goals,focus,issues,comfort\n'
	for v in "${values[@]}"; do
		printf 'M,no,"1;%s",support,"%s",3\n' "$v" "$v"
	done
} >multi.csv
"$GM" batch -q --format jsonl multi.csv >multi.jsonl
i=0
for v in "${values[@]}"; do
	i=$((i + 1))
	"$GM" match --format json --id M -a crisis=no -a "goals=1;$v" -a focus=support -a "issues=$v" \
		-a comfort=3 >match.json 2>/dev/null
	if sed -n "${i}p" multi.jsonl | python3 -c '
import json, sys
b = json.loads(sys.stdin.read())
m = json.load(open("match.json"))
keep = lambda d: (d["status"], d["ranking"], d["setting"], d["missing"])
assert keep(b) == keep(m), (keep(b)[0], keep(m)[0])
'; then ok; else fail "multi value '$v' reads as match reads it"; fi
done

# --- scale and yes/no values read as match reads them ---------------------------

comforts=("1" "5" "03" "+3" " 4 " "10" "0" "6" "-1" "x" "2.0")
answers=("yes" "Y" " no " "TRUE" "0" "1" "maybe" "2" "n" "False" "y " "1" "yes" "no" "N" "t" "YES")
{
	printf 'id,crisis,goals,focus,comfort,connect\n'
	for i in "${!comforts[@]}"; do printf 'V,no,1,support,"%s","%s"\n' "${comforts[$i]}" "${answers[$i]}"; done
} >scale.csv
"$GM" batch -q --format jsonl scale.csv >scale.jsonl
for i in "${!comforts[@]}"; do
	"$GM" match --format json --id V -a crisis=no -a goals=1 -a focus=support \
		-a "comfort=${comforts[$i]}" -a "connect=${answers[$i]}" >match.json 2>/dev/null
	if sed -n "$((i + 1))p" scale.jsonl | python3 -c '
import json, sys
b = json.loads(sys.stdin.read())
m = json.load(open("match.json"))
keep = lambda d: (d["status"], d["ranking"], d["setting"], d["missing"])
assert keep(b) == keep(m), (keep(b)[0], keep(m)[0])
'; then ok; else fail "comfort '${comforts[$i]}' and connect '${answers[$i]}' read as match reads them"; fi
done

# --- input ----------------------------------------------------------------------

run sh -c '"$0" batch <"$1"' "$GM" "$D/intake.csv"
expect_out "standard input is read when no file is given" "P009,ok,no,interpersonal,"
expect_err "standard input is named in messages" "'standard input': ignoring 1 unknown column"
run sh -c '"$0" batch - <"$1"' "$GM" "$D/intake.csv"
expect_out "- is standard input" "P009,ok,no,interpersonal,"
run "$GM" batch a.csv b.csv
expect_rc "two input files are a usage error" 64
run "$GM" batch --bogus "$D/intake.csv"
expect_rc "an unknown option is a usage error" 64
run "$GM" batch --help
expect_rc "--help exits 0" 0
expect_out "--help shows the usage" "usage: groupmatch batch [OPTIONS] [FILE]"
expect_out "--help lists the output columns" "id,status,safety,rank1,rank1_percent"

{ printf '%s\n' "$header"; printf 'G1,%s\nG2,yes,,,,,,,,,\n' "$good"; } >allgood.csv
run "$GM" batch allgood.csv
expect_rc "an urgent record exits 3, for a nightly job to alert on" 3

finish
