/* check_scripting.c - unit tests of what scripts rely on: question ids in any case, defaults, named unknown keys, ids in reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "check_suites.h"
#include "answers.h"
#include "engine.h"
#include "report.h"

static gm_answers *ans;
static gm_result *res;

static void setup(void)
{
	ans = gm_answers_new(test_catalog());
	res = gm_result_new(test_catalog());
	ck_assert_ptr_nonnull(ans);
	ck_assert_ptr_nonnull(res);
}

static void teardown(void)
{
	gm_answers_free(ans);
	gm_result_free(res);
}

static int missing_has(const char *id)
{
	for (size_t i = 0; i < gm_result_missing_count(res); i++)
		if (!strcmp(gm_result_missing(res, i), id))
			return 1;
	return 0;
}

START_TEST(question_ids_are_found_in_any_case)
{
	gm_error err;

	ck_assert_int_eq(gm_answers_set(ans, "Comfort", "3", &err), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "GOALS", "symptom_relief", &err), GM_OK);
	ck_assert_int_eq(answers_find_question(ans->cat, "cRiSiS", 6), ans->cat->safety);
	ck_assert_int_eq(gm_answers_set(ans, "comforts", "3", &err), GM_ERR_ARG);
}
END_TEST

START_TEST(an_option_of_another_question_is_named_with_its_question)
{
	gm_error err;

	ck_assert_int_eq(gm_answers_set(ans, "goals", "grief", &err), GM_ERR_ANSWER);
	ck_assert_msg(strstr(err.message, "'grief' is an option of 'issues'") != NULL, "%s", err.message);
}
END_TEST

START_TEST(an_option_of_another_question_in_a_json_array_is_named_too)
{
	const char *text = "{\"goals\":[\"grief\"],\"comfort\":3,\"connect\":true}";
	gm_error err;

	ck_assert_int_eq(gm_answers_set_json(ans, text, strlen(text), &err, NULL), GM_ERR_ANSWER);
	ck_assert_msg(strstr(err.message, "'grief' is an option of 'issues'") != NULL, "%s", err.message);
}
END_TEST

START_TEST(the_documented_json_answers_are_valid)
{
	const char *text = "{\"issues\":[\"grief\"],\"comfort\":3,\"connect\":true}";
	gm_error err;

	ck_assert_int_eq(gm_answers_set_json(ans, text, strlen(text), &err, NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "crisis", "no", &err), GM_OK);
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_str_eq(gm_result_group_id(res, 0), "support");
}
END_TEST

START_TEST(unknown_json_keys_are_named)
{
	const char *text = "{\"crisis\":false,\"Comfort\":3,\"age\":40,\"name\":\"A\"}";
	size_t n = 0;
	gm_error err;

	ck_assert_int_eq(gm_answers_set_json(ans, text, strlen(text), &err, &n), GM_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(gm_answers_unknown(ans), "'age', 'name'");
	ck_assert(ans->present >> answers_find_question(ans->cat, "comfort", 7) & 1);
	/* a second text starts a new list */
	ck_assert_int_eq(gm_answers_set_json(ans, "{}", 2, &err, &n), GM_OK);
	ck_assert_str_eq(gm_answers_unknown(ans), "");
}
END_TEST

START_TEST(many_unknown_keys_are_cut_short)
{
	char text[4096];
	size_t o = 0, n = 0;
	gm_error err;

	o += (size_t)snprintf(text + o, sizeof text - o, "{");
	for (int i = 0; i < 60; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "%s\"unknown_key_%02d\":1", i ? "," : "", i);
	snprintf(text + o, sizeof text - o, "}");
	ck_assert_int_eq(gm_answers_set_json(ans, text, strlen(text), &err, &n), GM_OK);
	ck_assert_uint_eq(n, 60);
	ck_assert_uint_lt(strlen(gm_answers_unknown(ans)), sizeof ans->unknown);
	ck_assert_msg(strstr(gm_answers_unknown(ans), "'unknown_key_00', ") == gm_answers_unknown(ans),
		      "%s", gm_answers_unknown(ans));
	ck_assert_msg(strstr(gm_answers_unknown(ans), "...") != NULL, "%s", gm_answers_unknown(ans));
}
END_TEST

START_TEST(unknown_fhir_items_are_named_by_linkid)
{
	const char *text = "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\","
		"\"item\":[{\"linkId\":\"crisis\",\"answer\":[{\"valueBoolean\":false}]},"
		"{\"linkId\":\"referral\",\"answer\":[{\"valueString\":\"GP\"}]}]}";
	size_t n = 0;
	gm_error err;

	ck_assert_int_eq(gm_answers_set_json(ans, text, strlen(text), &err, &n), GM_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(gm_answers_unknown(ans), "'referral'");
}
END_TEST

START_TEST(an_unanswered_question_with_a_default_takes_it)
{
	gm_error err;
	int structure = answers_find_question(ans->cat, "structure", 9);

	ck_assert_int_ge(structure, 0);
	ck_assert(ans->cat->questions[structure].has_default);
	ck_assert_int_eq(gm_answers_set(ans, "crisis", "no", &err), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "goals", "symptom_relief", &err), GM_OK);
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert(!missing_has("structure"));
	ck_assert(missing_has("focus"));
	/* the answers themselves are left as they were */
	ck_assert(!(ans->present >> structure & 1));
}
END_TEST

START_TEST(strict_does_not_ask_for_a_question_with_a_default)
{
	const char *all[][2] = { { "crisis", "no" }, { "goals", "1" }, { "focus", "1" },
		{ "issues", "none" }, { "comfort", "3" }, { "connect", "y" }, { "feedback", "y" },
		{ "practice", "y" }, { "mutual", "y" } };
	gm_error err;

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		ck_assert_int_eq(gm_answers_set(ans, all[i][0], all[i][1], &err), GM_OK);
	gm_match(ans, GM_MATCH_STRICT, res);
	ck_assert_msg(gm_result_status_of(res) == GM_RESULT_OK, "%s",
		      gm_result_message(res) ? gm_result_message(res) : "");
}
END_TEST

START_TEST(a_default_scores_as_the_same_answer_given)
{
	gm_result *given = gm_result_new(test_catalog());
	gm_error err;

	ck_assert_int_eq(gm_answers_set(ans, "crisis", "no", &err), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "goals", "personal_growth", &err), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "comfort", "4", &err), GM_OK);
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_answers_set(ans, "structure", "no_preference", &err), GM_OK);
	gm_match(ans, 0, given);
	for (size_t i = 0; i < gm_result_rank_count(res); i++) {
		ck_assert_str_eq(gm_result_group_id(res, i), gm_result_group_id(given, i));
		ck_assert_int_eq(gm_result_percent(res, i), gm_result_percent(given, i));
	}
	gm_result_free(given);
}
END_TEST

START_TEST(the_text_report_starts_with_the_id)
{
	struct report_opts o = { 0, 1, 80, 0, "P7" };
	struct buf out = BUF_INIT;
	gm_error err;

	ck_assert_int_eq(gm_answers_set(ans, "crisis", "no", &err), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "goals", "1", &err), GM_OK);
	gm_match(ans, 0, res);
	report_text(&out, res, &o);
	ck_assert_msg(strncmp(buf_cstr(&out), "Id: P7\n", 7) == 0, "%s", buf_cstr(&out));
	buf_reset(&out);
	o.id = NULL;
	report_text(&out, res, &o);
	ck_assert(strstr(buf_cstr(&out), "Id:") == NULL);
	buf_release(&out);
}
END_TEST

Suite *scripting_suite(void)
{
	Suite *s = suite_create("scripting");
	TCase *tc = tcase_create("answers");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, question_ids_are_found_in_any_case);
	tcase_add_test(tc, an_option_of_another_question_is_named_with_its_question);
	tcase_add_test(tc, an_option_of_another_question_in_a_json_array_is_named_too);
	tcase_add_test(tc, the_documented_json_answers_are_valid);
	tcase_add_test(tc, unknown_json_keys_are_named);
	tcase_add_test(tc, many_unknown_keys_are_cut_short);
	tcase_add_test(tc, unknown_fhir_items_are_named_by_linkid);
	tcase_add_test(tc, an_unanswered_question_with_a_default_takes_it);
	tcase_add_test(tc, strict_does_not_ask_for_a_question_with_a_default);
	tcase_add_test(tc, a_default_scores_as_the_same_answer_given);
	tcase_add_test(tc, the_text_report_starts_with_the_id);
	suite_add_tcase(s, tc);
	return s;
}
