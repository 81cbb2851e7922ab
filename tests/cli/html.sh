# html.sh - --format html on match, ask and batch --summary: golden pages, exit codes, hostile ids as text.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
D=$GM_TEST_DATA/batch

EXAMPLE="-a crisis=no -a goals=life_transition -a focus=support -a issues=grief -a comfort=3 -a connect=yes"

# undate: the page in $out with today's date replaced, for golden files.
undate() { out=$(printf '%s\n' "$out" | sed 's|<time>[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]</time>|<time>DATE</time>|'); }

# only_own_tags NAME: every tag in $out is one the writer uses, so nothing
# from the data became markup.
only_own_tags() {
	local bad
	bad=$(printf '%s\n' "$out" | grep -o '<[/!]\?[A-Za-z][A-Za-z0-9]*' | sed 's|^</\?!\?||' | sort -u |
		grep -vxE 'DOCTYPE|html|head|meta|title|style|body|header|main|footer|section|h[123]|p|ol|ul|li|div|span|strong|time|svg|rect|text|table|thead|tbody|tr|th|td|figure|a')
	if [ -z "$bad" ]; then ok; else fail "$1: tags from data: $bad"; fi
}

# --- match -------------------------------------------------------------------
# shellcheck disable=SC2086
run "$GM" match --format html --id P0042 $EXAMPLE
expect_rc "match --format html" 0
case $out in "<!DOCTYPE html>"*"</html>") ok ;; *) fail "the page is a whole HTML document" ;; esac
expect_out "the page today" "<time>$(date +%Y-%m-%d)</time>"
undate
expect_golden "the page of the issue's example" match-support.html
expect_out "the page forbids fetches" "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
expect_out "the page ranks support first" "<h3>1. Support group</h3>"
expect_out "the page has the reminder" "discuss these options with a mental health professional"
expect_not_out "the page has no script" "<script"
[ -z "$err" ] && ok || fail "match --format html: nothing on stderr"

run "$GM" match --format html --region US -a crisis=yes -a goals=grief
expect_rc "an urgent page exits 3" 3
undate
expect_golden "the urgent page for the US" match-urgent.html
expect_out "the urgent page escapes the resource names" "988 Suicide &amp; Crisis Lifeline"
expect_out "the urgent page links the resource's own address" '<a href="https://988lifeline.org">https://988lifeline.org</a>'
expect_not_out "the urgent page ranks nothing" 'id="ranking"'
expect_not_out "the urgent page is not the text report's hint" "--region"

run "$GM" match --format html -a crisis=no -a comfort=9
expect_rc "invalid answers exit 65" 65
expect_no_out "invalid answers give no page"
expect_err "invalid answers say why" "'9' is not in 1-5"

for id in '<script>alert(1)</script>' '"><img src=x onerror=alert(1)>'; do
	# shellcheck disable=SC2086
	run "$GM" match --format html --id "$id" $EXAMPLE
	only_own_tags "id $id"
	expect_not_out "id $id: no script element" "<script"
	expect_not_out "id $id: no img element" "<img"
done
expect_out "an id is shown as text" "For <strong>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</strong>"

run "$GM" groups --format html
expect_rc "groups has no html format" 64

# --- ask: the same page as match on the same answers ---------------------------
printf '%s\n' no 8 '' support grief 3 y n n y >answers.txt
run "$GM" ask --format html <answers.txt
expect_rc "ask --format html" 0
undate
printf '%s\n' "$out" >ask.html
run "$GM" match --format html -a crisis=no -a goals=life_transition -a structure=no_preference \
	-a focus=support -a issues=grief -a comfort=3 -a connect=yes -a feedback=no -a practice=no -a mutual=yes
undate
printf '%s\n' "$out" >match.html
expect_same "ask and match give the same page" match.html ask.html

printf '%s\n' yes >urgent.txt
run "$GM" ask --format html <urgent.txt
expect_rc "ask --format html, urgent" 3
expect_out "ask's urgent page holds the message" '<section class="alert" id="safety" role="alert"'

# --- batch --summary ---------------------------------------------------------------
run "$GM" batch -q --summary --format html "$D/intake.csv"
expect_rc "batch --summary --format html exits as the summary does" 3
undate
expect_golden "the coordinator's page of intake.csv" batch_summary.html
expect_out "the page lists who to call, each with the trigger" $'<ul class="people">\n<li><span class="id">P003</span> <span class="note muted">— positive safety screen'
expect_out "the page lists the invalid records with the reason" $'<li><span class="id">P008</span> <span class="note muted">— line 10: 3 fields where the header has 12</span></li>'
expect_out "the page lists who was not screened" $'<ul class="ids">\n<li>P006</li>\n</ul>'
n=$(printf '%s\n' "$out" | grep -c '<figure class="chart">')
t=$(printf '%s\n' "$out" | grep -c '<table')
if [ "$n" = 4 ] && [ "$t" = 4 ]; then ok; else fail "four charts, each with its table ($n charts, $t tables)"; fi

run "$GM" batch -q --format html "$D/intake.csv"
expect_rc "html rows are refused" 64
expect_err "html rows: says why" "--format html is a page for --summary"

run "$GM" batch -q --summary --format html -o summary.html "$D/intake.csv"
expect_rc "the page goes to -o" 3
grep -q '</html>' summary.html && ok || fail "-o holds the whole page"

{
	printf 'id,crisis,goals,focus\n'
	printf '"<script>alert(1)</script>",yes,,\n'
	printf '"""><img src=x onerror=alert(1)>",yes,,\n'
	printf '"<b>bold</b>",,personal_growth,deep_work\n'
	printf 'P4,no,personal_growth,deep_work\n'
} >hostile.csv
run "$GM" batch -q --summary --format html hostile.csv
expect_rc "hostile ids: urgent records exit 3" 3
only_own_tags "hostile batch ids"
expect_out "an urgent id is listed as text" '<li><span class="id">&lt;script&gt;alert(1)&lt;/script&gt;</span>'
expect_out "a quoted id is listed as text" '<li><span class="id">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>'
expect_out "an unscreened id is listed as text" "<li>&lt;b&gt;bold&lt;/b&gt;</li>"

# --- assign --summary --format html: the roster's page ---------------------------

EX=$GM_SOURCE_DIR/examples/assign
run "$GM" assign -q --offerings "$EX/offerings.json" "$EX/intake.csv" --summary --format html
expect_rc "the roster page: urgent and invalid records exit 3" 3
undate
expect_golden "the roster page of the assign example" assign_summary.html
expect_out "the roster page has a CSP meta" 'http-equiv="Content-Security-Policy"'
expect_out "the roster page lists who to follow up first" $'(1)</h3>\n<ul class="people">\n<li><span class="id">P04</span>'
expect_out "the roster page names the invalid record and why" '<li><span class="id">P14</span> <span class="note muted">— line 15, column'
expect_out "the roster page has the fill of each offering" '<th scope="col" class="num">Seats</th>'
expect_out "the roster page marks an offering below its minimum" "below minimum"
expect_out "the roster page has the waitlist per type" '<h2 id="h-wait">Waitlist by best type</h2>'
expect_out "the roster page groups the roster by offering" '<h2 id="h-roster">Roster by offering</h2>'
only_own_tags "the roster page"
{
	printf 'id,crisis,goals,focus,issues,comfort,available\n'
	printf '"<script>alert(1)</script>",no,life_transition,support,grief,3,\n'
	printf '"""><img src=x onerror=alert(1)>",yes,,,,,\n'
} >hostile-assign.csv
run "$GM" assign -q --offerings "$EX/offerings.json" hostile-assign.csv --summary --format html
only_own_tags "hostile ids on the roster page"
expect_out "a placed id is listed as text" "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"
expect_out "an urgent id is listed as text" '<li><span class="id">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>'
run "$GM" assign -q --offerings "$EX/offerings.json" "$EX/intake.csv" --format html
expect_rc "rows as html is a usage error" 64

finish
