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

finish
