/* check_report_html.c - unit tests of the printable HTML pages: content, escaping, no fetches, the summary's charts. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <check.h>
#include "catalog.h"
#include "check_suites.h"
#include "report.h"

static const char *const hostile_ids[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"' onmouseover='alert(1)",
	"<svg onload=alert(1)>&amp;",
};

static gm_answers *ans;
static gm_result *res;
static char *page;

static void setup(void)
{
	ans = gm_answers_new(test_catalog());
	res = gm_result_new(test_catalog());
	page = NULL;
}

static void teardown(void)
{
	free(page);
	gm_result_free(res);
	gm_answers_free(ans);
}

static void set(const char *q, const char *v)
{
	gm_error err;

	ck_assert_msg(gm_answers_set(ans, q, v, &err) != GM_ERR_ARG, "%s: %s", q, err.message);
}

/* The example: a grieving person who wants support. */
static void match_example(void)
{
	set("crisis", "no");
	set("goals", "life_transition");
	set("focus", "support");
	set("issues", "grief");
	set("comfort", "3");
	set("connect", "yes");
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
}

static const char *html(const char *id, const char *date)
{
	size_t len = 0;

	free(page);
	page = gm_result_html(res, ans, id, date, &len);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(len, strlen(page));
	return page;
}

static void expect_has(const char *text, const char *part)
{
	ck_assert_msg(strstr(text, part) != NULL, "page lacks '%s'", part);
}

static void expect_lacks(const char *text, const char *part)
{
	ck_assert_msg(strstr(text, part) == NULL, "page has '%s'", part);
}

/* Asserts that no tag in text was opened by data: every '<' starts one
 * of the tags the writers use. */
static void expect_only_own_tags(const char *text)
{
	static const char *const own[] = {
		"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "main",
		"footer", "section", "h1", "h2", "h3", "p", "ol", "ul", "li", "div", "span",
		"strong", "time", "svg", "rect", "text", "table", "thead", "tbody", "tr", "th",
		"td", "figure", "a", NULL
	};
	const char *p;

	for (p = strchr(text, '<'); p; p = strchr(p + 1, '<')) {
		const char *name = p + 1 + (p[1] == '/');
		size_t n = strcspn(name, " >/\n");
		int i, known = 0;

		for (i = 0; own[i] && !known; i++)
			known = strlen(own[i]) == n && !strncmp(name, own[i], n);
		ck_assert_msg(known, "unexpected tag at '%.40s'", p);
	}
}

/* Asserts that every http(s) address in text is a crisis resource's own. */
static void expect_only_resource_urls(const char *text)
{
	const struct gm_catalog *cat = test_catalog();
	const char *p;

	for (p = strcasestr(text, "http"); p; p = strcasestr(p + 1, "http")) {
		int i, known = 0;

		if (strncasecmp(p, "http://", 7) && strncasecmp(p, "https://", 8))
			continue;
		for (i = 0; i < cat->nresources && !known; i++)
			known = cat->resources[i].url
				&& !strncmp(p, cat->resources[i].url, strlen(cat->resources[i].url));
		ck_assert_msg(known, "address not of a crisis resource at '%.60s'", p);
	}
}

START_TEST(html_escape_turns_markup_into_text)
{
	struct buf b = BUF_INIT;
	const char in[] = "<a href=\"x\">'&'</a>";

	buf_add_html(&b, in, sizeof in - 1);
	ck_assert_str_eq(buf_cstr(&b), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	buf_release(&b);
}
END_TEST

START_TEST(html_escape_replaces_invalid_utf8_and_control_bytes)
{
	struct buf b = BUF_INIT;
	const char in[] = "caf\xC3\xA9 \xFF\x01\x1B[31m\tend\n";

	buf_add_html(&b, in, sizeof in - 1);
	ck_assert_str_eq(buf_cstr(&b), "caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD[31m\tend\n");
	buf_release(&b);
}
END_TEST

START_TEST(page_forbids_fetches_and_holds_no_script)
{
	const char *p;

	match_example();
	p = html("P0042", "2026-01-31");
	expect_has(p, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
	ck_assert_ptr_null(strcasestr(p, "<script"));
	ck_assert_ptr_null(strcasestr(p, " src="));
	ck_assert_ptr_null(strcasestr(p, "url("));
	ck_assert_ptr_null(strcasestr(p, "@import"));
	expect_only_own_tags(p);
	expect_only_resource_urls(p);
}
END_TEST

START_TEST(page_ranks_every_group_with_its_percent_bar_and_reasons)
{
	const struct gm_catalog *cat = test_catalog();
	const char *p, *prev = NULL;
	char want[160];
	size_t i, k;

	match_example();
	p = html(NULL, NULL);
	for (i = 0; i < gm_result_rank_count(res); i++) {
		const char *at;

		snprintf(want, sizeof want, "<h3>%zu. %s</h3>", i + 1, gm_result_group_name(res, i));
		at = strstr(p, want);
		ck_assert_msg(at != NULL, "page lacks '%s'", want);
		ck_assert_msg(!prev || at > prev, "'%s' out of rank order", want);
		prev = at;
		snprintf(want, sizeof want, "<rect width=\"%d\" height=\"10\"", gm_result_percent(res, i));
		ck_assert_msg(strstr(at, want) != NULL, "no bar of %d for rank %zu", gm_result_percent(res, i), i);
		snprintf(want, sizeof want, "<span class=\"pct\">%d%%</span>", gm_result_percent(res, i));
		ck_assert_msg(strstr(at, want) != NULL, "no number beside the bar of rank %zu", i);
		for (k = 0; k < gm_result_reason_count(res, i); k++)
			expect_has(at, gm_result_reason(res, i, k));
		for (k = 0; k < gm_result_caution_count(res, i); k++)
			expect_has(at, gm_result_caution(res, i, k));
	}
	expect_has(p, "<span class=\"mark\">!</span><strong>Caution:</strong> ");
	expect_has(p, gm_result_setting_text(res));
	expect_has(p, cat->reminder);
}
END_TEST

START_TEST(page_shows_the_id_the_date_and_the_answers)
{
	const char *p;

	match_example();
	p = html("P0042", "2026-01-31");
	expect_has(p, "<title>Group therapy suggestion: P0042</title>");
	expect_has(p, "For <strong>P0042</strong> \xC2\xB7 <time>2026-01-31</time>");
	expect_has(p, "<th scope=\"row\">What issues do you want to address?</th><td>Grief or loss</td>");
	expect_has(p, "<td>3 (on a scale of 1 to 5)</td>");
	expect_has(p, "<th scope=\"row\">Do you prefer a structured or an open-ended group?</th>"
		   "<td>No preference <span class=\"muted\">(the default)</span></td>");
	expect_has(p, "3 questions were not answered");
	/* screeners are optional: their items are not listed when not taken */
	expect_lacks(p, "Little interest or pleasure");
	p = html(NULL, NULL);
	expect_lacks(p, "class=\"meta\"");
	expect_has(p, "<title>Group therapy suggestion</title>");
}
END_TEST

START_TEST(answers_show_a_default_the_result_scored_in_place_of_an_answer)
{
	const struct gm_catalog *cat = test_catalog();
	int q = catalog_find_question(cat, "structure", 9), i, k = 0;

	match_example();
	ck_assert_int_ge(q, 0);
	ck_assert(cat->questions[q].has_default);
	ck_assert_int_eq(gm_answers_set(ans, "structure", "", NULL), GM_OK);
	/* a result that scored the unanswered question as its default */
	for (i = 0; i < res->nmissing; i++)
		if (res->missing[i] != q)
			res->missing[k++] = res->missing[i];
	res->nmissing = k;
	expect_has(html(NULL, NULL), "<th scope=\"row\">Do you prefer a structured or an open-ended group?</th>"
		   "<td>No preference <span class=\"muted\">(the default)</span></td>");
}
END_TEST

START_TEST(page_without_answers_lists_the_missing_questions)
{
	const char *p;

	match_example();
	free(page);
	page = gm_result_html(res, NULL, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(page);
	p = page;
	expect_lacks(p, "id=\"answers\"");
	expect_has(p, "<h2 id=\"h-missing\">Not answered (counted for no group)</h2>");
	expect_has(p, "<li>Are you open to giving and receiving support?</li>");
}
END_TEST

START_TEST(urgent_page_is_the_message_and_resources_without_a_ranking)
{
	const struct gm_catalog *cat = test_catalog();
	const char *p;
	int i;

	set("crisis", "yes");
	set("goals", "life_transition");
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	p = html("P7", "2026-01-31");
	expect_has(p, "<section class=\"alert\" id=\"safety\" role=\"alert\"");
	for (i = 0; i < cat->nresources; i++) {
		const struct gm_resource *r = &cat->resources[i];

		if (strcmp(r->region, "*"))
			continue;
		expect_has(p, r->name);
		if (r->url) {
			char link[200];

			snprintf(link, sizeof link, "<a href=\"%s\">%s</a>", r->url, r->url);
			expect_has(p, link);
		}
	}
	expect_has(p, "<ul>\n<li>");
	expect_lacks(p, "id=\"ranking\"");
	expect_lacks(p, "id=\"setting\"");
	expect_lacks(p, "id=\"answers\"");
	expect_lacks(p, "class=\"reminder\"");
	expect_only_own_tags(p);
	expect_only_resource_urls(p);
}
END_TEST

START_TEST(urgent_page_links_each_address_whole_and_escapes_the_resources)
{
	static const char list[] = "{\"resources\": ["
		"{\"region\": \"*\", \"name\": \"Duty <b>line</b> & co\", \"contact\": \"555 0100\","
		" \"how\": [\"call\", \"web\"], \"hours\": \"9 to 5\", \"url\": \"https://clinic.example\"},"
		"{\"region\": \"*\", \"name\": \"Chat\", \"contact\": \"-\", \"how\": [\"chat\"],"
		" \"hours\": \"evenings\", \"url\": \"https://clinic.example/chat?a=1&b=2\"}]}";
	gm_catalog *cat = gm_catalog_load_default(NULL);
	gm_error *errs = NULL;
	size_t n = 0;
	gm_answers *a;
	gm_result *r;
	char *p;

	ck_assert_int_eq(gm_catalog_set_resources(cat, list, strlen(list), "r.json", &errs, &n), GM_OK);
	a = gm_answers_new(cat);
	r = gm_result_new(cat);
	gm_answers_set(a, "crisis", "yes", NULL);
	gm_match(a, 0, r);
	p = gm_result_html(r, a, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(p);
	expect_has(p, "<li>Duty &lt;b&gt;line&lt;/b&gt; &amp; co: call 555 0100, or visit "
		   "<a href=\"https://clinic.example\">https://clinic.example</a> (9 to 5)</li>");
	expect_has(p, "<a href=\"https://clinic.example/chat?a=1&amp;b=2\">"
		   "https://clinic.example/chat?a=1&amp;b=2</a>");
	expect_only_own_tags(p);
	free(p);
	gm_result_free(r);
	gm_answers_free(a);
	gm_catalog_free(cat);
}
END_TEST

START_TEST(unscreened_page_says_so_before_the_ranking)
{
	const char *p, *note, *ranking;

	set("goals", "life_transition");
	set("focus", "support");
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_safety(res), GM_SAFETY_MISSING);
	p = html(NULL, NULL);
	note = strstr(p, "<section class=\"notice\" id=\"safety\">");
	ranking = strstr(p, "id=\"ranking\"");
	ck_assert_ptr_nonnull(note);
	ck_assert_ptr_nonnull(ranking);
	ck_assert(note < ranking);
	expect_only_resource_urls(p);
}
END_TEST

START_TEST(invalid_page_gives_the_problem_and_no_ranking)
{
	const char *p;

	set("crisis", "no");
	set("comfort", "9");
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	p = html(NULL, NULL);
	expect_has(p, "&#39;9&#39; is not in 1-5");
	expect_lacks(p, "id=\"ranking\"");
}
END_TEST

START_TEST(hostile_ids_render_as_text)
{
	const char *p;
	size_t i;

	match_example();
	for (i = 0; i < sizeof hostile_ids / sizeof *hostile_ids; i++) {
		struct buf want = BUF_INIT;

		p = html(hostile_ids[i], "<b>today</b>");
		expect_only_own_tags(p);
		ck_assert_ptr_null(strcasestr(p, "<script"));
		ck_assert_ptr_null(strcasestr(p, "<img"));
		buf_add_html(&want, hostile_ids[i], strlen(hostile_ids[i]));
		expect_has(p, buf_cstr(&want));
		expect_has(p, "&lt;b&gt;today&lt;/b&gt;");
		buf_release(&want);
	}
}
END_TEST

START_TEST(catalogue_texts_are_escaped)
{
	const char *text = gm_default_catalog;
	const char *from = "\"name\": \"Support group\"";
	const char *at = strstr(text, from);
	struct buf b = BUF_INIT;
	gm_catalog *cat;
	gm_answers *a;
	gm_result *r;
	char *p;

	ck_assert_ptr_nonnull(at);
	buf_add(&b, text, (size_t)(at - text));
	buf_adds(&b, "\"name\": \"Support <i>group</i> & \\\"friends\\\"\"");
	buf_adds(&b, at + strlen(from));
	cat = gm_catalog_load_buffer(b.data, b.len, "test", NULL, NULL);
	ck_assert_ptr_nonnull(cat);
	a = gm_answers_new(cat);
	r = gm_result_new(cat);
	gm_answers_set(a, "crisis", "no", NULL);
	gm_answers_set(a, "issues", "grief", NULL);
	gm_answers_set(a, "focus", "support", NULL);
	gm_match(a, 0, r);
	p = gm_result_html(r, a, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(p);
	expect_has(p, "Support &lt;i&gt;group&lt;/i&gt; &amp; &quot;friends&quot;");
	expect_lacks(p, "<i>");
	free(p);
	gm_result_free(r);
	gm_answers_free(a);
	gm_catalog_free(cat);
	buf_release(&b);
}
END_TEST

START_TEST(long_pages_print_in_the_dense_style)
{
	match_example();
	expect_has(html(NULL, NULL), "<body class=\"person\">");
	set("goals", "1,2,3,4,5,6,7,8");
	set("focus", "education,support,deep_work");
	set("issues", "anxiety,panic,depression,trauma,grief,addiction,anger,stress,self_esteem");
	set("feedback", "yes");
	set("practice", "yes");
	set("mutual", "yes");
	gm_match(ans, 0, res);
	expect_has(html(NULL, NULL), "<body class=\"person dense");	/* dense or denser */
}
END_TEST

START_TEST(page_says_how_firm_the_suggestion_is_and_names_its_catalogue)
{
	const char *p;
	char want[128];

	set("crisis", "no");
	set("goals", "symptom_relief");
	set("structure", "structured");
	set("focus", "education");
	set("issues", "trauma");
	set("comfort", "3");
	set("connect", "yes");
	set("feedback", "yes");
	set("practice", "yes");
	set("mutual", "yes");
	gm_match(ans, GM_MATCH_CHANGES, res);
	p = html(NULL, NULL);
	snprintf(want, sizeof want, "<span class=\"fit\">%s fit</span>", gm_result_fit(res, 0));
	expect_has(p, want);
	expect_has(p, "<h2 id=\"h-changes\">What would change the first place</h2>");
	expect_has(p, "<ul class=\"because\">\n<li>");
	snprintf(want, sizeof want, "sha256 %.12s", gm_catalog_hash(test_catalog()));
	expect_has(p, want);
	expect_only_own_tags(p);
}
END_TEST

/* --- the coordinator's page --------------------------------------------- */

/* Counts occurrences of part in text. */
static int count(const char *text, const char *part)
{
	int n = 0;

	for (text = strstr(text, part); text; text = strstr(text + 1, part))
		n++;
	return n;
}

/* Adds records matched from the answers "q=v;q=v" to t, n times, each
 * with id. */
static void tally_add(gm_tally *t, const char *spec, const char *id, int n)
{
	char copy[256], *save = NULL;

	gm_answers_clear(ans);
	snprintf(copy, sizeof copy, "%s", spec);
	for (char *kv = strtok_r(copy, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');

		*eq = '\0';
		set(kv, eq + 1);
	}
	gm_match(ans, GM_MATCH_STAFF, res);
	while (n-- > 0)
		ck_assert_int_eq(gm_tally_add(t, res, id, strlen(id), 1, NULL, NULL), GM_OK);
}

#define SUPPORT "goals=life_transition;focus=support;issues=grief;comfort=3;connect=yes"
#define SKILLS "goals=skill_building;structure=structured;focus=education;issues=anger;comfort=3;" \
	"connect=yes;feedback=yes;practice=yes"

START_TEST(summary_has_a_table_beside_each_chart)
{
	const struct gm_catalog *cat = test_catalog();
	gm_tally *t = gm_tally_new(cat, 0, 0, NULL);
	char *html;
	const char *p, *fig;
	char row[200];
	int g1, g2;

	tally_add(t, "crisis=no;" SUPPORT, "s", 4);
	tally_add(t, "crisis=no;" SKILLS, "k", 2);
	g1 = gm_result_group_index(res, 0);
	tally_add(t, "crisis=no;" SUPPORT, "s", 0);
	g2 = gm_result_group_index(res, 0);
	ck_assert_int_ne(g1, g2);
	html = gm_tally_html(t, "2026-01-31", NULL);
	ck_assert_ptr_nonnull(html);
	p = html;
	expect_has(p, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
	ck_assert_int_eq(count(p, "<figure class=\"chart\">"), 4);
	ck_assert_int_eq(count(p, "<table"), 4);
	ck_assert_int_eq(count(p, "<svg"), 4);
	for (fig = strstr(p, "<figure"); fig; fig = strstr(fig + 1, "<figure")) {
		const char *end = strstr(fig, "</figure>"), *tb = strstr(fig, "<table");

		ck_assert(tb && end && tb < end);
	}
	/* the first-choice chart, most first, and its table */
	fig = strstr(p, "id=\"h-first\"");
	ck_assert_ptr_nonnull(fig);
	snprintf(row, sizeof row, "<tr><th scope=\"row\">%s</th><td class=\"num\">4</td>"
		 "<td class=\"num\">66.7%%</td></tr>", cat->groups[g2].name);
	expect_has(fig, row);
	expect_has(fig, "4 (66.7%)</text>");
	ck_assert(strstr(fig, cat->groups[g2].name) < strstr(fig, cat->groups[g1].name));
	expect_has(p, "6 records \xC2\xB7 <time>2026-01-31</time>");
	expect_has(p, "No record had a positive safety screen");
	expect_has(p, cat->reminder);
	expect_only_own_tags(p);
	expect_only_resource_urls(p);
	free(html);
	gm_tally_free(t);
}
END_TEST

START_TEST(summary_lists_who_to_follow_up_first_and_escapes_ids)
{
	gm_tally *t = gm_tally_new(test_catalog(), 0, 0, NULL);
	const char *p, *follow, *chart;
	char *html;
	size_t i;

	for (i = 0; i < sizeof hostile_ids / sizeof *hostile_ids; i++)
		tally_add(t, "crisis=yes;" SUPPORT, hostile_ids[i], 1);
	tally_add(t, "crisis=yes;" SUPPORT, "fifth", 1);
	tally_add(t, SUPPORT, "", 1);
	html = gm_tally_html(t, NULL, NULL);
	ck_assert_ptr_nonnull(html);
	p = html;
	follow = strstr(p, "id=\"h-follow\"");
	chart = strstr(p, "<figure");
	ck_assert(follow && chart && follow < chart);
	expect_has(p, "contact today for a clinician risk assessment (5)</h3>");
	expect_has(p, "<li><span class=\"id\">&lt;script&gt;alert(1)&lt;/script&gt;</span>");
	expect_has(p, "<li><span class=\"id\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>");
	expect_has(p, "<span class=\"id\">fifth</span>");
	expect_lacks(p, "more</p>");
	expect_has(p, "<li>line 1</li>");
	expect_lacks(p, "No record had a positive safety screen");
	expect_only_own_tags(p);
	free(html);
	gm_tally_free(t);
}
END_TEST

Suite *report_html_suite(void)
{
	Suite *s = suite_create("report_html");
	TCase *pe = tcase_create("person");
	TCase *su = tcase_create("summary");

	tcase_add_checked_fixture(pe, setup, teardown);
	tcase_add_test(pe, html_escape_turns_markup_into_text);
	tcase_add_test(pe, html_escape_replaces_invalid_utf8_and_control_bytes);
	tcase_add_test(pe, page_forbids_fetches_and_holds_no_script);
	tcase_add_test(pe, page_ranks_every_group_with_its_percent_bar_and_reasons);
	tcase_add_test(pe, page_shows_the_id_the_date_and_the_answers);
	tcase_add_test(pe, answers_show_a_default_the_result_scored_in_place_of_an_answer);
	tcase_add_test(pe, page_without_answers_lists_the_missing_questions);
	tcase_add_test(pe, urgent_page_is_the_message_and_resources_without_a_ranking);
	tcase_add_test(pe, urgent_page_links_each_address_whole_and_escapes_the_resources);
	tcase_add_test(pe, unscreened_page_says_so_before_the_ranking);
	tcase_add_test(pe, invalid_page_gives_the_problem_and_no_ranking);
	tcase_add_test(pe, hostile_ids_render_as_text);
	tcase_add_test(pe, catalogue_texts_are_escaped);
	tcase_add_test(pe, long_pages_print_in_the_dense_style);
	tcase_add_test(pe, page_says_how_firm_the_suggestion_is_and_names_its_catalogue);
	suite_add_tcase(s, pe);

	tcase_add_checked_fixture(su, setup, teardown);
	tcase_add_test(su, summary_has_a_table_beside_each_chart);
	tcase_add_test(su, summary_lists_who_to_follow_up_first_and_escapes_ids);
	suite_add_tcase(s, su);
	return s;
}
