# safety_intake.sh - a positive safety answer survives every CSV dialect, header spelling and map:
# line ends (LF, CR LF, CR alone, CR CR LF, mixed), delimiters, encodings, BOMs, headers that almost
# name a safety item, and maps that would lower one.
. "$(dirname "$0")/lib.sh"

# gen_dialects DIR: writes one intake file per line end x delimiter x encoding x BOM into DIR, each
# with records Y1 (crisis yes), U1 (unsure), N1 (no), a quoted note holding CR and LF, and the
# expected statuses in DIR/NAME.want; DIR/list names "FILE ENCODING" per line.
gen_dialects() {
	python3 - "$1" <<'EOF'
import os, sys
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
ends = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "crcrlf": "\r\r\n", "mixed": None}
delims = {"comma": ",", "semicolon": ";", "tab": "\t"}
encs = ["utf-8", "latin1", "cp1252"]
rows = [["id", "crisis", "goals", "focus", "comfort", "notes"],
        ["Y1", "yes", "relationships", "support", "3", "line one\rline two"],
        ["N1", "no", "relationships", "support", "3", "a\r\nb"],
        ["U1", "unsure", "relationships", "support", "3", "caf\u00e9"],
        ["N2", "No", "relationships", "support", "3", "x\ny"]]
want = {"Y1": "urgent", "N1": "ok", "U1": "urgent", "N2": "ok"}
mix = ["\n", "\r", "\r\n", "\r\r\n", "\r"]
with open(os.path.join(d, "list"), "w") as lst:
    for en, end in ends.items():
        for dn, sep in delims.items():
            for enc in encs:
                for bom in (0, 1):
                    text = ""
                    for i, r in enumerate(rows):
                        cells = ['"%s"' % c if any(ch in c for ch in "\r\n") else c for c in r]
                        text += sep.join(cells) + (end if end else mix[i % len(mix)])
                    data = text.encode(enc)
                    if bom:
                        data = b"\xef\xbb\xbf" + data if enc == "utf-8" else data
                    name = "%s-%s-%s-%d.csv" % (en, dn, enc, bom)
                    open(os.path.join(d, name), "wb").write(data)
                    lst.write("%s %s\n" % (name, {"utf-8": "utf-8", "latin1": "latin1", "cp1252": "cp1252"}[enc]))
EOF
}

# --- CSV dialects: every line end, delimiter and encoding reads every record ---------
gen_dialects dialects
while read -r file enc; do
	"$GM" batch -q --encoding "$enc" --format jsonl "dialects/$file" >"dialects/$file.out" 2>&1
	echo "$file $?" >>dialects/rc
done <dialects/list
run python3 - dialects <<'EOF'
import json, os, sys
d = sys.argv[1]
bad = []
for line in open(os.path.join(d, "rc")):
    name, rc = line.split()
    rows = [json.loads(l) for l in open(os.path.join(d, name + ".out")) if l.startswith("{")]
    got = {r["id"]: r["status"] for r in rows}
    if rc != "3" or len(rows) != 4 or got != {"Y1": "urgent", "N1": "ok", "U1": "urgent", "N2": "ok"}:
        bad.append("%s: exit %s, %s" % (name, rc, got))
n = sum(1 for _ in open(os.path.join(d, "rc")))
print("%d files, %d bad" % (n, len(bad)))
print("\n".join(bad[:10]))
sys.exit(1 if bad or n < 90 else 0)
EOF
expect_rc "every line end x delimiter x encoding x BOM: 4 records, Y1 and U1 urgent" 0

# The Macintosh CSV of the report: CR alone, no final line end.
printf 'id,crisis,goals\rA,yes,relationships\rB,no,relationships' >mac.csv
run "$GM" batch mac.csv
expect_rc "CR-only line ends: the yes is read (exit 3)" 3
expect_out "CR-only line ends: A is urgent" "A,urgent,yes,"
expect_out "CR-only line ends: B is read too" "B,ok,no,"
expect_err "CR-only line ends: two records" "2 records"

# CR CR LF: one line end, no CR left on the last cell.
printf 'id,goals,crisis\r\r\nA,relationships,yes\r\r\nB,relationships,no\r\r\n' >crcrlf.csv
run "$GM" batch crcrlf.csv
expect_rc "CR CR LF: the yes is read (exit 3)" 3
expect_out "CR CR LF: the last column's yes is yes, not unclear" "A,urgent,yes,"
expect_out "CR CR LF: a no stays no" "B,ok,no,"
expect_not_out "CR CR LF: no blank line is a record" "line 3"

# Quoted cells keep their CR and LF whatever the line ends; one row per record.
printf 'id,crisis,goals,notes\r"A",yes,relationships,"one\rtwo"\r"B",no,relationships,"three\r\nfour"\r' >quoted.csv
run "$GM" batch --keep notes --format jsonl quoted.csv
expect_rc "quoted CR in a CR-only file: read" 3
if printf '%s\n' "$out" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert [r["id"] for r in rows] == ["A", "B"], rows
assert rows[0]["columns"]["notes"] == "one\rtwo", rows[0]
assert rows[1]["columns"]["notes"] == "three\r\nfour", rows[1]
'; then ok; else fail "quoted CR and CR LF are kept inside cells"; fi

# --- a file with bytes but no record is an error -------------------------------------
for end in '\n' '\r\n' '\r' '\r\r\n'; do
	printf "id,crisis,goals$end$end" >hdr.csv
	run "$GM" batch hdr.csv
	expect_rc "header only ($end): exit 65, not 0" 65
	expect_err "header only ($end): said" "'hdr.csv': no record to score"
	expect_no_out "header only ($end): nothing written"
	run "$GM" batch --summary --format json hdr.csv
	expect_rc "header only ($end), --summary: exit 65" 65
	printf "$end$end" >blank.csv
	run "$GM" batch --no-header --columns id,crisis blank.csv
	expect_rc "blank lines only, --no-header ($end): exit 65" 65
	expect_err "blank lines only: said" "no record to score"
done
printf '\357\273\277id,crisis\r' >bomhdr.csv
run "$GM" batch bomhdr.csv
expect_rc "a BOM and a header only: 65" 65
: >empty.csv
run "$GM" batch --no-header --columns id,crisis empty.csv
expect_rc "a file of no bytes with --no-header: an empty chunk, exit 0" 0

# --- headers that almost name a safety item are read fail-closed ---------------------
# Every space kind around the name, invisible characters, a BOM read through cp1252, the
# question's text; alone or next to the real column; under every --encoding.
python3 - near <<'EOF'
import os, sys
d = sys.argv[1]
os.makedirs(d)
spaces = ["\r", "\n", "\u00a0", "\u1680"] + [chr(c) for c in range(0x2000, 0x200b)] + ["\u202f", "\u205f", "\u3000"]
invisible = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
names = []
for i, sp in enumerate(spaces):
    names += [sp + "crisis", "Crisis" + sp, sp + "CRISIS" + sp]
for zw in invisible:
    names += ["cri" + zw + "sis", "crisis" + zw]
names.append("\u00ef\u00bb\u00bfcrisis")   # a UTF-8 BOM as cp1252 shows it, saved again as UTF-8
names.append("Are you in crisis right now,  or having thoughts of harming yourself or someone else?")
with open(os.path.join(d, "list"), "w") as lst:
    for i, h in enumerate(names):
        q = '"%s"' % h
        for enc in ("utf-8", "latin1", "cp1252"):
            for with_real in (0, 1):
                if with_real:
                    text = "id,crisis,goals,%s\r\nY1,no,relationships,yes\r\nN1,no,relationships,no\r\nB1,no,relationships,\r\nY2,yes,relationships,no\r\n" % q
                    want = "Y1=urgent:yes N1=urgent:unclear B1=ok:no Y2=urgent:yes"
                else:
                    text = "id,%s,goals\r\nY1,yes,relationships\r\nN1,no,relationships\r\nB1,,relationships\r\nU1,unsure,relationships\r\n" % q
                    want = "Y1=urgent:yes N1=urgent:unclear B1=ok:missing U1=urgent:unclear"
                name = "h%03d-%s-%d.csv" % (i, enc, with_real)
                open(os.path.join(d, name), "wb").write(text.encode("utf-8"))
                lst.write("%s %s %s\n" % (name, enc, want))
EOF
while read -r file enc want; do
	"$GM" batch --encoding "$enc" --format jsonl "near/$file" >"near/$file.out" 2>"near/$file.err"
	echo "$file $? $want" >>near/rc
done <near/list
run python3 - near <<'EOF'
import json, os, sys
d = sys.argv[1]
bad, n = [], 0
for line in open(os.path.join(d, "rc")):
    name, rc, *want = line.split()
    n += 1
    rows = [json.loads(l) for l in open(os.path.join(d, name + ".out"))]
    got = " ".join("%s=%s:%s" % (r["id"], r["status"], r["safety"]) for r in rows)
    err = open(os.path.join(d, name + ".err")).read()
    if rc != "3" or got != " ".join(want) or "almost names the safety item 'crisis'" not in err:
        bad.append("%s: exit %s, %s; %s" % (name, rc, got, err[:200]))
print("%d files, %d bad" % (n, len(bad)))
print("\n".join(bad[:8]))
sys.exit(1 if bad or n < 300 else 0)
EOF
expect_rc "a header almost naming the safety question, every spelling and encoding: yes stays yes, other answers unclear" 0

# PHQ-9 item 9 spelled almost: a 3 there is not lost, a 0 is unclear.
printf 'id,crisis,phq9_1,PHQ9\302\2409\nA,no,1,3\nB,no,1,0\nC,no,1,\n' >item9.csv
run "$GM" batch --format jsonl item9.csv
expect_rc "item 9 spelled almost: someone to call (exit 3)" 3
expect_err "item 9 spelled almost: the warning names it" "almost names the safety item 'phq9_9'"
expect_out "item 9 spelled almost: its 3 is read" '"id":"A","status":"urgent"'
expect_out "item 9 spelled almost: its 0 is unclear" '"id":"B","status":"urgent","safety":"unclear"'

# Two byte order marks (a file saved twice) before a quoted safety header.
printf '\357\273\277\357\273\277"crisis",id,goals\n"not sure",A,relationships\n' >bom2.csv
run "$GM" batch bom2.csv
expect_rc "two BOMs then a quoted header: the unsure answer is read (exit 3)" 3
expect_out "two BOMs then a quoted header: A is urgent, unclear" "A,urgent,unclear,"

# A UTF-16 file is refused, not read as garbage.
printf '\377\376i\000d\000,\000c\000r\000i\000s\000i\000s\000\r\000\n\000' >u16.csv
run "$GM" batch u16.csv
expect_rc "UTF-16: refused (65)" 65
expect_err "UTF-16: said" "UTF-16"

# --- maps cannot lower a safety answer -----------------------------------------------
printf 'id,Risk,Q9,goals\nM1,unsure,3,relationships\n' >coded.csv
for entry in 'unsure,no,crisis' 'maybe,no,crisis' 'yes,no,crisis' 'not sure,no,crisis' '3,0,phq9_9' '3,1,phq9_9'; do
	printf 'from,to,question\nRisk,crisis,\nQ9,phq9_9,\n%s\n' "$entry" >lower.csv
	run "$GM" batch --map lower.csv coded.csv
	expect_rc "map entry $entry: refused as configuration (78)" 78
	expect_err "map entry $entry: the message names the line" "map 'lower.csv': line 4: maps '"
	expect_no_out "map entry $entry: nothing written"
done
printf '{"columns": {"Risk": "crisis", "Q9": "phq9_9"}, "options": {"crisis": {"unsure": "no"}}}' >lower.json
run "$GM" batch --map lower.json coded.csv
expect_rc "JSON map unsure -> no: refused (78)" 78
expect_err "JSON map: the message names the JSON path" "map 'lower.json': options.crisis.unsure: maps 'unsure'"
printf 'from,to,question\nRisk,crisis,\nQ9,phq9_9,\nno,yes,crisis\n0,1,phq9_9\nR0,no,crisis\n2,no,crisis\n' >raise.csv
run "$GM" batch --map raise.csv coded.csv
expect_rc "a map may raise a safety answer, and give its own codes a meaning" 3

# One source column twice, in either order: refused, whichever entry comes first.
printf 'from,to,question\nRisk,crisis,\nRisk,goals,\n' >twice1.csv
printf 'from,to,question\nRisk,goals,\nRisk,crisis,\n' >twice2.csv
printf '{"columns": {"Risk": "ignore", "Risk": "crisis"}}' >twice.json
for m in twice1.csv twice2.csv twice.json; do
	run "$GM" batch --map "$m" coded.csv
	expect_rc "$m: a column mapped twice is refused (78)" 78
	expect_err "$m: the message names both entries" "the column 'Risk' is mapped twice"
done
printf 'from,to,question\nRisk,crisis,\nRisk,crisis,\n' >same.csv
run "$GM" batch --map same.csv coded.csv
expect_rc "the same entry twice is harmless" 3

finish
