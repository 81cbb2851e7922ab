# safety_broken.sh - a row that cannot be read whole still keeps every positive safety item: PHQ-9 item 9, the crisis yes box, kept fields of a row over a limit.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# row_status NAME WANT: the status of record A in $out (CSV).
row_status() {
	got=$(printf '%s\n' "$out" | awk -F, '$1 == "A" { print $2 }')
	if [ "$got" = "$2" ]; then ok; else fail "$1: record A is '$got', wanted $2"; fi
}

hdr='id,crisis,goals,phq9_1,phq9_9'
# item 9 on a row with a field too many, a field too few (item 9 still
# there) and a quote left open in its last field
for v in 1 2 3; do
	want=review
	[ "$v" -ge 2 ] && want=urgent
	printf '%s\nA,no,1,1,%s,extra\n' "$hdr" "$v" >extra.csv
	run "$GM" batch extra.csv
	expect_rc "item 9 = $v on a row with a field too many: exit" 3
	row_status "item 9 = $v on a row with a field too many" "$want"
	expect_out "the row's problem is named (item 9 = $v)" "6 fields where the header has 5"
	printf 'id,crisis,phq9_9,goals,phq9_1\nA,no,%s,1\n' "$v" >short.csv
	run "$GM" batch short.csv
	row_status "item 9 = $v on a row with a field too few" "$want"
done
# a review from a broken row keeps no ranking and no setting
printf '%s\nA,no,1,1,1,extra\n' "$hdr" >review.csv
run "$GM" batch --format jsonl review.csv
case $out in *'"status": "review"'*'"ranking": []'*'"setting": null'*|*'"status":"review"'*'"ranking":[]'*'"setting":null'*) ok ;;
*) fail "a broken row's review keeps no ranking or setting" ;; esac
# item 9 = 0 on a broken row is not taken: the row stays invalid
printf '%s\nA,no,1,1,0,extra\n' "$hdr" >zero.csv
run "$GM" batch zero.csv
row_status "item 9 = 0 on a broken row" invalid
# the crisis question as REDCap checkbox columns: a ticked yes box
printf 'id,crisis___1,crisis___0,goals\nA,1,0,1,extra\n' >box.csv
run "$GM" batch box.csv
expect_rc "a ticked yes box on a broken row: exit" 3
row_status "a ticked yes box on a broken row" urgent
# a row over the field limit keeps its item 9 cell as it keeps the id
python3 -c '
import sys
print("id,crisis,goals,notes,phq9_9")
print("A,no,1,\"" + "x" * (1024 * 1024 + 10) + "\",2")
print("B,no,1,short,0")' >big.csv
run "$GM" batch big.csv
row_status "item 9 = 2 kept from a row with a field over the limit" urgent
expect_out "the long field is named" "field longer than"
# a safety cell too long to read counts as unclear: crisis urgent, item 9 review
python3 -c '
print("id,crisis,goals,phq9_1,phq9_9")
print("A,\"no" + " " * (1024 * 1024 + 10) + "\",1,1,0")' >longcrisis.csv
run "$GM" batch longcrisis.csv
row_status "a crisis cell over the field limit" urgent
python3 -c '
print("id,crisis,goals,phq9_1,phq9_9")
print("A,no,1,1,\"0" + " " * (1024 * 1024 + 10) + "\"")' >longitem.csv
run "$GM" batch longitem.csv
row_status "an item 9 cell over the field limit" review

finish
