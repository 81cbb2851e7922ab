/* check_report.c - unit tests of the reports: the JSON object of SPEC 3.3, escaping, bars, wrapping, the text report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "check_suites.h"
#include "report.h"
#include "text.h"

static gm_answers *ans;
static gm_result *res;
static struct buf out;

static void setup(void)
{
	ans = gm_answers_new(test_catalog());
	res = gm_result_new(test_catalog());
	buf_init(&out);
}

static void teardown(void)
{
	buf_release(&out);
	gm_result_free(res);
	gm_answers_free(ans);
}

static void set(const char *q, const char *v)
{
	gm_error err;

	ck_assert_msg(gm_answers_set(ans, q, v, &err) != GM_ERR_ARG, "%s: %s", q, err.message);
}

/* The issue's example: a grieving person who wants support. */
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

static cJSON *parse_out(void)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithOpts(buf_cstr(&out), &end, 1);

	ck_assert_msg(j != NULL, "not JSON: %s", buf_cstr(&out));
	return j;
}

/* Asserts obj's keys are exactly keys (NULL-terminated), in that order. */
static void expect_keys(const cJSON *obj, const char *const *keys)
{
	const cJSON *k = obj->child;
	int i;

	ck_assert(cJSON_IsObject(obj));
	for (i = 0; keys[i]; i++, k = k->next) {
		ck_assert_msg(k != NULL, "key '%s' missing", keys[i]);
		ck_assert_str_eq(k->string, keys[i]);
	}
	ck_assert_msg(k == NULL, "extra key '%s'", k ? k->string : "");
}

static const char *const top_keys[] = { "id", "status", "safety", "ranking", "setting", "changes", "scores",
	"missing", "message", "catalog", NULL };
static const char *const rank_keys[] = { "rank", "group", "name", "score", "max", "percent",
	"fit", "near_tie", "reasons", "cautions", NULL };
static const char *const setting_keys[] = { "advice", "readiness", "readiness_max", "comfort",
	"text", "because", NULL };

START_TEST(json_keys_appear_in_spec_order)
{
	cJSON *j, *r;
	int n = 0;

	match_example();
	report_json(&out, res, "P0000042", 8, 1);
	j = parse_out();
	expect_keys(j, top_keys);
	cJSON_ArrayForEach(r, cJSON_GetObjectItem(j, "ranking")) {
		expect_keys(r, rank_keys);
		ck_assert_int_eq(cJSON_GetObjectItem(r, "rank")->valueint, ++n);
	}
	ck_assert_int_eq(n, 6);
	expect_keys(cJSON_GetObjectItem(j, "setting"), setting_keys);
	cJSON_Delete(j);
}
END_TEST

START_TEST(json_values_match_the_result)
{
	cJSON *j, *first, *setting;

	match_example();
	report_json(&out, res, "P0000042", 8, 0);
	j = parse_out();
	ck_assert_str_eq(cJSON_GetObjectItem(j, "id")->valuestring, "P0000042");
	ck_assert_str_eq(cJSON_GetObjectItem(j, "status")->valuestring, "ok");
	first = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "ranking"), 0);
	ck_assert_str_eq(cJSON_GetObjectItem(first, "group")->valuestring, "support");
	ck_assert_str_eq(cJSON_GetObjectItem(first, "name")->valuestring, gm_result_group_name(res, 0));
	ck_assert_int_eq(cJSON_GetObjectItem(first, "score")->valueint, gm_result_score(res, 0));
	ck_assert_int_eq(cJSON_GetObjectItem(first, "max")->valueint, gm_result_max(res, 0));
	ck_assert_int_eq(cJSON_GetObjectItem(first, "percent")->valueint, gm_result_percent(res, 0));
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(first, "reasons")),
			 (int)gm_result_reason_count(res, 0));
	ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(first, "reasons"), 0)->valuestring,
			 gm_result_reason(res, 0, 0));
	setting = cJSON_GetObjectItem(j, "setting");
	ck_assert_str_eq(cJSON_GetObjectItem(setting, "advice")->valuestring, gm_result_setting(res));
	ck_assert_int_eq(cJSON_GetObjectItem(setting, "readiness")->valueint, 1);
	ck_assert_int_eq(cJSON_GetObjectItem(setting, "readiness_max")->valueint, 4);
	ck_assert_int_eq(cJSON_GetObjectItem(setting, "comfort")->valueint, 3);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "missing")), 3);
	ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "missing"), 0)->valuestring,
			 "feedback");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "message")));
	cJSON_Delete(j);
}
END_TEST

START_TEST(json_compact_is_one_line_and_pretty_is_indented)
{
	struct buf pretty = BUF_INIT;
	cJSON *a, *b;
	const char *p;

	match_example();
	report_json(&out, res, NULL, 0, 0);
	ck_assert_ptr_null(memchr(out.data, '\n', out.len));
	ck_assert_int_eq(out.data[0], '{');
	ck_assert_int_eq(out.data[out.len - 1], '}');
	ck_assert_ptr_null(strstr(buf_cstr(&out), "\": "));
	report_json(&pretty, res, NULL, 0, 1);
	p = buf_cstr(&pretty);
	ck_assert(!strncmp(p, "{\n  \"id\": null,\n  \"status\": \"ok\",\n  \"safety\": \"no\",\n  \"ranking\": [\n    {\n      \"rank\": 1,", 89));
	ck_assert_int_eq(p[pretty.len - 1], '\n');
	ck_assert_int_eq(p[pretty.len - 2], '}');
	a = parse_out();
	b = cJSON_Parse(p);
	ck_assert(cJSON_Compare(a, b, 1));
	cJSON_Delete(a);
	cJSON_Delete(b);
	buf_release(&pretty);
}
END_TEST

/* Answer sets that reach every part of the object: reasons and cautions,
 * missing answers, a null comfort, urgent and invalid results. */
static const char *const varied[][2] = {
	{ "crisis=no goals=1,3 structure=open_ended focus=deep_work comfort=1 connect=no", "P1" },
	{ "crisis=no goals=skill_building issues=anger;social_skills comfort=4 connect=yes "
	  "feedback=yes practice=yes mutual=yes", "P\"2\\" },
	{ "goals=symptom_relief focus=education", NULL },
	{ "crisis=yes comfort=9", "P4" },
	{ "crisis=no comfort=9 focus=nothing", "P5" },
};

START_TEST(json_compact_is_the_pretty_object_without_spaces)
{
	struct buf pretty = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof varied / sizeof varied[0]; i++) {
		char answers[256], *pair, *save = NULL;
		const char *id = varied[i][1];
		cJSON *parsed;
		char *flat;

		gm_answers_clear(ans);
		snprintf(answers, sizeof answers, "%s", varied[i][0]);
		for (pair = strtok_r(answers, " ", &save); pair; pair = strtok_r(NULL, " ", &save)) {
			char *eq = strchr(pair, '=');
			*eq = '\0';
			gm_answers_set(ans, pair, eq + 1, NULL);
		}
		gm_match(ans, 0, res);
		buf_reset(&out);
		buf_reset(&pretty);
		report_json(&out, res, id, id ? strlen(id) : 0, 0);
		report_json(&pretty, res, id, id ? strlen(id) : 0, 1);
		parsed = cJSON_Parse(buf_cstr(&pretty));
		ck_assert_ptr_nonnull(parsed);
		flat = cJSON_PrintUnformatted(parsed);
		ck_assert_msg(!strcmp(flat, buf_cstr(&out)), "case %zu:\ncompact %s\npretty  %s",
			      i, buf_cstr(&out), flat);
		free(flat);
		cJSON_Delete(parsed);
	}
	buf_release(&pretty);
}
END_TEST

START_TEST(json_empty_arrays_stay_on_one_line_when_pretty)
{
	set("crisis", "no");
	set("goals", "1");
	set("focus", "1");
	set("structure", "1");
	set("issues", "none");
	set("comfort", "1");
	set("connect", "n");
	set("feedback", "n");
	set("practice", "n");
	set("mutual", "n");
	gm_match(ans, 0, res);
	report_json(&out, res, NULL, 0, 1);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"missing\": [],"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"cautions\": []"));
}
END_TEST

START_TEST(json_urgent_has_empty_ranking_and_null_setting)
{
	cJSON *j;

	set("crisis", "yes");
	gm_match(ans, 0, res);
	report_json(&out, res, "7", 1, 0);
	j = parse_out();
	expect_keys(j, top_keys);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "status")->valuestring, "urgent");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "ranking")), 0);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "setting")));
	ck_assert_str_eq(cJSON_GetObjectItem(j, "message")->valuestring, gm_result_message(res));
	ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(j, "message")->valuestring, "findahelpline"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"ranking\":[],\"setting\":null,"));
	cJSON_Delete(j);
}
END_TEST

START_TEST(json_invalid_has_empty_ranking_null_setting_and_the_error)
{
	cJSON *j;

	set("crisis", "no");
	set("comfort", "9");
	gm_match(ans, 0, res);
	report_json(&out, res, NULL, 0, 1);
	j = parse_out();
	expect_keys(j, top_keys);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "status")->valuestring, "invalid");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "ranking")), 0);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "setting")));
	ck_assert_str_eq(cJSON_GetObjectItem(j, "message")->valuestring,
			 "invalid answer to 'comfort': '9' is not in 1-5");
	cJSON_Delete(j);
}
END_TEST

START_TEST(json_comfort_is_null_when_unanswered)
{
	cJSON *j;

	set("crisis", "no");
	set("focus", "support");
	gm_match(ans, 0, res);
	report_json(&out, res, NULL, 0, 0);
	j = parse_out();
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "setting"), "comfort")));
	cJSON_Delete(j);
}
END_TEST

START_TEST(json_id_escapes_control_characters_and_quotes)
{
	static const char id[] = "a\"b\\c\n\t\r\x01\x1f" "d";

	set("crisis", "yes");
	gm_match(ans, 0, res);
	report_json(&out, res, id, sizeof id - 1, 0);
	static const char want[] = "{\"id\":\"a\\\"b\\\\c\\n\\t\\r\\u0001\\u001fd\",\"status\"";

	ck_assert(!strncmp(buf_cstr(&out), want, sizeof want - 1));
}
END_TEST

START_TEST(json_id_may_hold_a_nul_byte)
{
	cJSON *j;

	set("crisis", "yes");
	gm_match(ans, 0, res);
	report_json(&out, res, "a\0b", 3, 0);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"id\":\"a\\u0000b\""));
	j = parse_out();
	cJSON_Delete(j);
}
END_TEST

/* s as a JSON string by buf_add_json_string. */
static const char *json_string(const char *s, size_t len)
{
	buf_reset(&out);
	buf_add_json_string(&out, s, len);
	return buf_cstr(&out);
}

START_TEST(json_strings_keep_valid_utf8)
{
	ck_assert_str_eq(json_string("caf\xc3\xa9 \xe2\x96\x88 \xf0\x9f\x99\x82", 14),
			 "\"caf\xc3\xa9 \xe2\x96\x88 \xf0\x9f\x99\x82\"");
}
END_TEST

START_TEST(json_strings_replace_invalid_utf8)
{
	/* a stray continuation byte, a cut sequence, an overlong form, a surrogate */
	ck_assert_str_eq(json_string("a\x80" "b", 3), "\"a\xef\xbf\xbd" "b\"");
	ck_assert_str_eq(json_string("\xc3", 1), "\"\xef\xbf\xbd\"");
	ck_assert_str_eq(json_string("\xc0\xaf", 2), "\"\xef\xbf\xbd\xef\xbf\xbd\"");
	ck_assert_str_eq(json_string("\xed\xa0\x80", 3), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	ck_assert_str_eq(json_string("\xff", 1), "\"\xef\xbf\xbd\"");
}
END_TEST

START_TEST(json_output_is_valid_json_whatever_the_id)
{
	char id[256];
	cJSON *j;
	int i;

	for (i = 0; i < 256; i++)
		id[i] = (char)(255 - i);
	set("crisis", "yes");
	gm_match(ans, 0, res);
	report_json(&out, res, id, sizeof id, 0);
	j = parse_out();
	ck_assert(cJSON_IsString(cJSON_GetObjectItem(j, "id")));
	cJSON_Delete(j);
}
END_TEST

/* --- bars and wrapping ------------------------------------------------ */

static const char *bar(int percent, int width, int utf8)
{
	buf_reset(&out);
	text_bar(&out, percent, width, utf8);
	return buf_cstr(&out);
}

START_TEST(ascii_bar_fills_in_proportion)
{
	ck_assert_str_eq(bar(0, 10, 0), "..........");
	ck_assert_str_eq(bar(100, 10, 0), "##########");
	ck_assert_str_eq(bar(50, 10, 0), "#####.....");
	ck_assert_str_eq(bar(82, 20, 0), "################....");
	ck_assert_str_eq(bar(4, 10, 0), "..........");
	ck_assert_str_eq(bar(5, 10, 0), "#.........");
}
END_TEST

START_TEST(bar_clamps_its_percent)
{
	ck_assert_str_eq(bar(-20, 4, 0), "....");
	ck_assert_str_eq(bar(250, 4, 0), "####");
}
END_TEST

START_TEST(utf8_bar_uses_block_characters)
{
	ck_assert_str_eq(bar(50, 4, 1), "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x91\xe2\x96\x91");
	ck_assert_str_eq(bar(100, 2, 1), "\xe2\x96\x88\xe2\x96\x88");
	ck_assert_uint_eq(strlen(bar(37, 20, 1)), 60);
}
END_TEST

/* Display columns of a line: one per UTF-8 code point. */
static int columns(const char *s, size_t len)
{
	int n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Asserts no line of text is wider than width columns; returns the lines. */
static int expect_width(const char *text, int width)
{
	const char *p = text, *nl;
	int lines = 0;

	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		ck_assert_msg(columns(p, (size_t)(nl - p)) <= width, "line wider than %d: '%.*s'", width,
			      (int)(nl - p), p);
		lines++;
		p = *nl ? nl + 1 : nl;
	}
	return lines;
}

static const char prose[] =
	"Your answers show you are ready to work with others and comfortable enough sharing "
	"in a group. A group on its own is a reasonable place to start; you can still add "
	"individual sessions later if you want them. Caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 words.";

START_TEST(wrap_never_exceeds_the_width_for_ordinary_words)
{
	int width, indent;

	for (width = 30; width <= 100; width += 7)
		for (indent = 0; indent <= 8; indent += 4) {
			buf_reset(&out);
			text_wrap(&out, prose, indent, width);
			ck_assert_int_gt(expect_width(buf_cstr(&out), width), 1);
		}
}
END_TEST

START_TEST(wrap_indents_continuation_lines_and_keeps_every_word)
{
	const char *p;
	char *nl;
	size_t words = 0;

	text_wrap(&out, prose, 4, 40);
	p = buf_cstr(&out);
	ck_assert_int_ne(p[0], ' ');
	for (nl = strchr(p, '\n'); nl; nl = strchr(nl + 1, '\n'))
		ck_assert(!strncmp(nl + 1, "    ", 4) && nl[5] != ' ');
	for (p = buf_cstr(&out); *p; p++)
		if (*p != ' ' && *p != '\n' && (p[1] == ' ' || p[1] == '\n' || !p[1]))
			words++;
	ck_assert_uint_eq(words, 43);
}
END_TEST

START_TEST(wrap_keeps_short_text_on_one_line)
{
	text_wrap(&out, "  short   text  ", 2, 80);
	ck_assert_str_eq(buf_cstr(&out), "short text");
}
END_TEST

START_TEST(wrap_puts_an_overlong_word_on_its_own_line)
{
	char word[81], text[100];

	memset(word, 'w', 80);
	word[80] = '\0';
	snprintf(text, sizeof text, "a %s b", word);
	text_wrap(&out, text, 0, 40);
	ck_assert(!strncmp(buf_cstr(&out), "a\nwwww", 6));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "w\nb"));
}
END_TEST

START_TEST(wrap_follows_explicit_line_breaks)
{
	text_wrap(&out, "one\ntwo three", 2, 80);
	ck_assert_str_eq(buf_cstr(&out), "one\n  two three");
}
END_TEST

/* --- the text report ------------------------------------------------- */

static const char *text_report(int utf8, int width, int top, int color)
{
	struct report_opts o = { color, utf8, width, top, NULL };

	buf_reset(&out);
	report_text(&out, res, &o);
	return buf_cstr(&out);
}

START_TEST(text_report_ranks_groups_with_bars_reasons_and_cautions)
{
	const char *t;

	match_example();
	t = text_report(0, 80, 0, 0);
	ck_assert(!strncmp(t, "Group types, best match first\n\n 1. Support group ", 49));
	ck_assert_ptr_nonnull(strstr(t, " 6. "));
	ck_assert_ptr_nonnull(strstr(t, "#...."));
	ck_assert_ptr_nonnull(strstr(t, "%\n     + You want emotional support from people who share your experience\n"));
	ck_assert_ptr_nonnull(strstr(t, "\n     ! "));
	ck_assert_ptr_nonnull(strstr(t, "\nSetting: "));
	ck_assert_ptr_nonnull(strstr(t, "Not answered (counted for no group): feedback, practice, mutual"));
	ck_assert_ptr_null(strstr(t, "\033["));
	ck_assert_ptr_null(strstr(t, "\xe2\x96"));
	expect_width(t, 80);
}
END_TEST

START_TEST(text_report_ends_with_the_reminder_line)
{
	const char *t, *last;
	const struct gm_catalog *cat = test_catalog();

	match_example();
	t = text_report(0, 100, 0, 0);
	ck_assert_int_eq(t[out.len - 1], '\n');
	last = t + out.len - 1;
	while (last > t && last[-1] != '\n')
		last--;
	ck_assert(!strncmp(last, cat->reminder, strlen(cat->reminder)));
	ck_assert_int_eq(last[-2], '\n');
}
END_TEST

START_TEST(text_report_uses_block_bars_in_utf8)
{
	const char *t;

	match_example();
	t = text_report(1, 80, 0, 0);
	ck_assert_ptr_nonnull(strstr(t, "\xe2\x96\x88"));
	ck_assert_ptr_nonnull(strstr(t, "\xe2\x96\x91"));
	ck_assert_ptr_null(strstr(t, "#."));
	expect_width(t, 80);
}
END_TEST

START_TEST(text_report_wraps_to_the_width)
{
	int width;

	match_example();
	/* the ranked lines are 61 columns with the default group names */
	for (width = 61; width <= 100; width += 3) {
		expect_width(text_report(1, width, 0, 0), width);
		expect_width(text_report(0, width, 0, 0), width);
	}
}
END_TEST

START_TEST(text_report_top_limits_the_groups_shown)
{
	const char *t;

	match_example();
	t = text_report(0, 80, 2, 0);
	ck_assert_ptr_nonnull(strstr(t, " 2. "));
	ck_assert_ptr_null(strstr(t, " 3. "));
	ck_assert_ptr_nonnull(strstr(t, "Setting: "));
}
END_TEST

START_TEST(text_report_colours_only_when_asked)
{
	match_example();
	ck_assert_ptr_nonnull(strstr(text_report(0, 80, 0, 1), "\033[1m"));
	ck_assert_ptr_null(strstr(text_report(0, 80, 0, 0), "\033"));
}
END_TEST

START_TEST(text_report_says_when_nothing_points_to_a_group)
{
	set("crisis", "no");
	set("focus", "support");
	gm_match(ans, 0, res);
	ck_assert_ptr_nonnull(strstr(text_report(0, 80, 0, 0),
				     "(nothing in your answers points to this group)"));
}
END_TEST

START_TEST(text_report_notes_a_skipped_safety_question_first)
{
	const struct gm_catalog *cat = test_catalog();
	const char *t;

	set("focus", "support");
	gm_match(ans, 0, res);
	t = text_report(0, 100, 0, 0);
	ck_assert(!strncmp(t, "Note: ", 6));
	ck_assert(!strncmp(t + 6, cat->safety_skipped, 30));
}
END_TEST

START_TEST(text_report_of_an_urgent_result_is_the_message_without_the_reminder)
{
	const struct gm_catalog *cat = test_catalog();
	const char *t;

	set("crisis", "yes");
	gm_match(ans, 0, res);
	t = text_report(0, 100, 0, 0);
	ck_assert(!strncmp(t, cat->urgent_intro, 20));
	ck_assert_ptr_nonnull(strstr(t, "\n- Find A Helpline: visit https://findahelpline.com"));
	ck_assert_ptr_null(strstr(t, "Group types"));
	ck_assert_ptr_null(strstr(t, "Setting:"));
	/* no "discuss these options": none were shown */
	ck_assert_ptr_null(strstr(t, cat->reminder));
	expect_width(t, 100);
	expect_width(text_report(0, 40, 0, 0), 40);
}
END_TEST

START_TEST(text_report_of_an_invalid_result_gives_no_recommendation)
{
	const char *t;

	set("comfort", "9");
	gm_match(ans, 0, res);
	t = text_report(0, 80, 0, 0);
	ck_assert_str_eq(t, "No recommendation: invalid answer to 'comfort': '9' is not in 1-5\n");
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *js = tcase_create("json");
	TCase *bw = tcase_create("bars and wrapping");
	TCase *tx = tcase_create("text");

	tcase_add_checked_fixture(js, setup, teardown);
	tcase_add_test(js, json_keys_appear_in_spec_order);
	tcase_add_test(js, json_values_match_the_result);
	tcase_add_test(js, json_compact_is_one_line_and_pretty_is_indented);
	tcase_add_test(js, json_compact_is_the_pretty_object_without_spaces);
	tcase_add_test(js, json_empty_arrays_stay_on_one_line_when_pretty);
	tcase_add_test(js, json_urgent_has_empty_ranking_and_null_setting);
	tcase_add_test(js, json_invalid_has_empty_ranking_null_setting_and_the_error);
	tcase_add_test(js, json_comfort_is_null_when_unanswered);
	tcase_add_test(js, json_id_escapes_control_characters_and_quotes);
	tcase_add_test(js, json_id_may_hold_a_nul_byte);
	tcase_add_test(js, json_strings_keep_valid_utf8);
	tcase_add_test(js, json_strings_replace_invalid_utf8);
	tcase_add_test(js, json_output_is_valid_json_whatever_the_id);
	suite_add_tcase(s, js);

	tcase_add_checked_fixture(bw, setup, teardown);
	tcase_add_test(bw, ascii_bar_fills_in_proportion);
	tcase_add_test(bw, bar_clamps_its_percent);
	tcase_add_test(bw, utf8_bar_uses_block_characters);
	tcase_add_test(bw, wrap_never_exceeds_the_width_for_ordinary_words);
	tcase_add_test(bw, wrap_indents_continuation_lines_and_keeps_every_word);
	tcase_add_test(bw, wrap_keeps_short_text_on_one_line);
	tcase_add_test(bw, wrap_puts_an_overlong_word_on_its_own_line);
	tcase_add_test(bw, wrap_follows_explicit_line_breaks);
	suite_add_tcase(s, bw);

	tcase_add_checked_fixture(tx, setup, teardown);
	tcase_add_test(tx, text_report_ranks_groups_with_bars_reasons_and_cautions);
	tcase_add_test(tx, text_report_ends_with_the_reminder_line);
	tcase_add_test(tx, text_report_uses_block_bars_in_utf8);
	tcase_add_test(tx, text_report_wraps_to_the_width);
	tcase_add_test(tx, text_report_top_limits_the_groups_shown);
	tcase_add_test(tx, text_report_colours_only_when_asked);
	tcase_add_test(tx, text_report_says_when_nothing_points_to_a_group);
	tcase_add_test(tx, text_report_notes_a_skipped_safety_question_first);
	tcase_add_test(tx, text_report_of_an_urgent_result_is_the_message_without_the_reminder);
	tcase_add_test(tx, text_report_of_an_invalid_result_gives_no_recommendation);
	suite_add_tcase(s, tx);
	return s;
}
