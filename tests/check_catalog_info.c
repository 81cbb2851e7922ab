/* check_catalog_info.c - unit tests for the catalogue and answers read back through the public API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"

/* Only the public header: these functions exist so that a program needs
 * nothing else to build a form. */

static size_t qi(const char *id)
{
	int q = gm_catalog_find_question(test_catalog(), id, strlen(id));

	ck_assert_int_ge(q, 0);
	return (size_t)q;
}

START_TEST(find_question_ignores_ascii_case_and_needs_the_whole_id)
{
	const gm_catalog *cat = test_catalog();

	ck_assert_int_eq(gm_catalog_find_question(cat, "crisis", 6), 0);
	ck_assert_int_eq(gm_catalog_find_question(cat, "GOALS", 5), 1);
	ck_assert_int_eq(gm_catalog_find_question(cat, "comfortable", 7), 5);
	ck_assert_int_eq(gm_catalog_find_question(cat, "comfo", 5), -1);
	ck_assert_int_eq(gm_catalog_find_question(cat, "phq9_1", 6), 10);
	ck_assert_int_eq(gm_catalog_find_question(cat, "nothing", 7), -1);
	ck_assert_int_eq(gm_catalog_find_question(cat, NULL, 0), -1);
	ck_assert_int_eq(gm_catalog_find_question(NULL, "goals", 5), -1);
	ck_assert_int_eq(gm_catalog_safety_question(cat), 0);
	ck_assert_int_eq(gm_catalog_safety_question(NULL), -1);
}
END_TEST

START_TEST(question_kinds_roles_and_requirements_follow_groups_json)
{
	const gm_catalog *cat = test_catalog();
	size_t n = gm_catalog_question_count(cat);

	ck_assert_int_eq(gm_catalog_question_kind(cat, qi("crisis")), GM_KIND_YESNO);
	ck_assert_int_eq(gm_catalog_question_kind(cat, qi("goals")), GM_KIND_MULTI);
	ck_assert_int_eq(gm_catalog_question_kind(cat, qi("structure")), GM_KIND_SINGLE);
	ck_assert_int_eq(gm_catalog_question_kind(cat, qi("comfort")), GM_KIND_SCALE);
	ck_assert_int_eq(gm_catalog_question_kind(cat, qi("phq9_1")), GM_KIND_SCALE);
	ck_assert_int_eq(gm_catalog_question_kind(cat, n), GM_KIND_NONE);

	ck_assert_str_eq(gm_catalog_question_role(cat, qi("crisis")), "safety");
	ck_assert_str_eq(gm_catalog_question_role(cat, qi("comfort")), "comfort");
	ck_assert_str_eq(gm_catalog_question_role(cat, qi("connect")), "readiness");
	ck_assert_str_eq(gm_catalog_question_role(cat, qi("gad7_1")), "item");
	ck_assert_ptr_null(gm_catalog_question_role(cat, qi("goals")));
	ck_assert_ptr_null(gm_catalog_question_role(cat, n));

	ck_assert_int_eq(gm_catalog_question_required(cat, qi("goals")), 1);
	ck_assert_int_eq(gm_catalog_question_required(cat, qi("issues")), 0);
	ck_assert_int_eq(gm_catalog_question_required(cat, n), -1);

	ck_assert_ptr_nonnull(strstr(gm_catalog_question_help(cat, qi("crisis")),
				     "This is asked first"));
	/* a screener item's help is its block's stem */
	ck_assert_str_eq(gm_catalog_question_help(cat, qi("phq9_1")),
			 gm_catalog_score_block_stem(cat, 0));
	ck_assert_ptr_null(gm_catalog_question_help(cat, n));
}
END_TEST

START_TEST(scale_and_multi_bounds_and_scale_labels)
{
	const gm_catalog *cat = test_catalog();
	size_t comfort = qi("comfort"), item = qi("phq9_1");

	ck_assert_int_eq(gm_catalog_question_min(cat, comfort), 1);
	ck_assert_int_eq(gm_catalog_question_max(cat, comfort), 5);
	ck_assert_str_eq(gm_catalog_question_scale_label(cat, comfort, 1),
			 "I strongly prefer one-on-one work");
	ck_assert_str_eq(gm_catalog_question_scale_label(cat, comfort, 5),
			 "Very comfortable in a group");
	ck_assert_ptr_null(gm_catalog_question_scale_label(cat, comfort, 3));
	ck_assert_ptr_null(gm_catalog_question_scale_label(cat, comfort, 0));
	ck_assert_ptr_null(gm_catalog_question_scale_label(cat, comfort, 6));

	ck_assert_int_eq(gm_catalog_question_min(cat, item), 0);
	ck_assert_int_eq(gm_catalog_question_max(cat, item), 3);
	ck_assert_str_eq(gm_catalog_question_scale_label(cat, item, 1), "Several days");
	ck_assert_str_eq(gm_catalog_question_scale_label(cat, item, 3), "Nearly every day");

	/* focus: 1 to 3 of 3; goals: at least 1, no limit (max = the count);
	 * issues: any, or none */
	ck_assert_int_eq(gm_catalog_question_min(cat, qi("focus")), 1);
	ck_assert_int_eq(gm_catalog_question_max(cat, qi("focus")), 3);
	ck_assert_int_eq(gm_catalog_question_min(cat, qi("goals")), 1);
	ck_assert_int_eq(gm_catalog_question_max(cat, qi("goals")), 8);
	ck_assert_int_eq(gm_catalog_question_min(cat, qi("issues")), 0);
	ck_assert_int_eq(gm_catalog_question_max(cat, qi("issues")), 17);

	/* neither for other kinds, nor out of range */
	ck_assert_int_eq(gm_catalog_question_max(cat, qi("structure")), 0);
	ck_assert_int_eq(gm_catalog_question_max(cat, qi("crisis")), 0);
	ck_assert_ptr_null(gm_catalog_question_scale_label(cat, qi("crisis"), 0));
	ck_assert_int_eq(gm_catalog_question_min(cat, 99), 0);
	ck_assert_ptr_null(gm_catalog_question_scale_label(cat, 99, 1));
}
END_TEST

START_TEST(options_have_ids_and_labels_in_catalogue_order)
{
	const gm_catalog *cat = test_catalog();
	size_t s = qi("structure"), g = qi("goals");

	ck_assert_uint_eq(gm_catalog_option_count(cat, s), 3);
	ck_assert_str_eq(gm_catalog_option_id(cat, s, 0), "structured");
	ck_assert_str_eq(gm_catalog_option_label(cat, s, 1), "Open-ended");
	ck_assert_str_eq(gm_catalog_option_id(cat, s, 2), "no_preference");
	ck_assert_ptr_null(gm_catalog_option_id(cat, s, 3));
	ck_assert_ptr_null(gm_catalog_option_label(cat, s, 3));

	ck_assert_uint_eq(gm_catalog_option_count(cat, g), 8);
	ck_assert_str_eq(gm_catalog_option_label(cat, g, 2), "Personal growth");
	ck_assert_uint_eq(gm_catalog_option_count(cat, qi("issues")), 17);

	/* no options for yes/no and scales, nor out of range */
	ck_assert_uint_eq(gm_catalog_option_count(cat, qi("crisis")), 0);
	ck_assert_uint_eq(gm_catalog_option_count(cat, qi("comfort")), 0);
	ck_assert_ptr_null(gm_catalog_option_id(cat, qi("comfort"), 0));
	ck_assert_uint_eq(gm_catalog_option_count(cat, 99), 0);
	ck_assert_ptr_null(gm_catalog_option_label(NULL, 0, 0));
}
END_TEST

START_TEST(defaults_are_told_per_option)
{
	const gm_catalog *cat = test_catalog();
	size_t s = qi("structure");

	ck_assert_int_eq(gm_catalog_question_has_default(cat, s), 1);
	ck_assert_int_eq(gm_catalog_question_default(cat, s), 1);	/* one option */
	ck_assert_int_eq(gm_catalog_option_default(cat, s, 0), 0);
	ck_assert_int_eq(gm_catalog_option_default(cat, s, 2), 1);
	ck_assert_int_eq(gm_catalog_option_default(cat, s, 3), 0);
	ck_assert_int_eq(gm_catalog_question_has_default(cat, qi("goals")), 0);
	ck_assert_int_eq(gm_catalog_question_default(cat, qi("goals")), 0);
	ck_assert_int_eq(gm_catalog_option_default(cat, qi("goals"), 0), 0);
	ck_assert_int_eq(gm_catalog_question_has_default(cat, 99), -1);
}
END_TEST

/* Replaces the first "from" in text (of at most size bytes) by "to". */
static void replace(char *text, size_t size, const char *from, const char *to)
{
	char *at = strstr(text, from);
	size_t fl = strlen(from), tl = strlen(to), rest;

	ck_assert_ptr_nonnull(at);
	rest = strlen(at + fl);
	ck_assert_uint_lt(strlen(text) - fl + tl, size);
	memmove(at + tl, at + fl, rest + 1);
	memcpy(at, to, tl);
}

START_TEST(defaults_of_other_kinds_are_their_values)
{
	char path[512], text[8192], buf[32];
	gm_error *errs = NULL;
	size_t nerrs = 0, len;
	gm_catalog *cat;
	gm_answers *ans;
	FILE *f;

	/* the minimal fixture, with a default for each kind */
	snprintf(path, sizeof path, "%s/catalogs/minimal.json", GM_TEST_DATA);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	replace(text, sizeof text, "\"text\": \"What do you want from a group?\",",
		"\"text\": \"What do you want from a group?\", \"default\": [\"education\", \"deep_work\"],");
	replace(text, sizeof text, "\"text\": \"How comfortable are you sharing?\"",
		"\"text\": \"How comfortable are you sharing?\", \"default\": 4");
	replace(text, sizeof text, "\"text\": \"Do you want to connect with others?\"",
		"\"text\": \"Do you want to connect with others?\", \"default\": true");
	cat = gm_catalog_load_buffer(text, strlen(text), "minimal.json", &errs, &nerrs);
	ck_assert_msg(cat != NULL, "%s: %s", nerrs ? errs[0].path : "", nerrs ? errs[0].message : "");

	ck_assert_int_eq(gm_catalog_question_default(cat, 1), 2);
	ck_assert_int_eq(gm_catalog_option_default(cat, 1, 0), 1);
	ck_assert_int_eq(gm_catalog_option_default(cat, 1, 1), 0);
	ck_assert_int_eq(gm_catalog_option_default(cat, 1, 2), 1);
	ck_assert_int_eq(gm_catalog_question_default(cat, 2), 4);
	ck_assert_int_eq(gm_catalog_question_default(cat, 3), 1);
	ck_assert_int_eq(gm_catalog_question_has_default(cat, 4), 0);
	ck_assert_int_eq(gm_catalog_question_default(cat, 4), 0);

	/* taking the default answers the question with it */
	ans = gm_answers_new(cat);
	for (size_t q = 1; q < 4; q++)
		ck_assert_int_eq(gm_answers_set_default(ans, q), GM_OK);
	ck_assert_int_eq(gm_answers_set_default(ans, 4), GM_ERR_ARG);
	gm_answers_format(ans, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "education;deep_work");
	ck_assert_int_eq(gm_answers_value(ans, 2), 4);
	ck_assert_int_eq(gm_answers_value(ans, 3), 1);
	gm_answers_free(ans);
	gm_catalog_free(cat);
}
END_TEST

START_TEST(groups_have_description_example_approaches_and_criteria)
{
	const gm_catalog *cat = test_catalog();
	size_t n = gm_catalog_group_count(cat), k, nc;
	int max = 0;

	ck_assert_str_eq(gm_catalog_group_id(cat, 0), "psychoeducational");
	ck_assert_ptr_nonnull(strstr(gm_catalog_group_description(cat, 0),
				     "A psychoeducational group teaches"));
	ck_assert_ptr_nonnull(strstr(gm_catalog_group_example(cat, 0), "A social-anxiety class"));
	ck_assert_uint_eq(gm_catalog_group_approach_count(cat, 0), 2);
	ck_assert_str_eq(gm_catalog_group_approach(cat, 0, 0), "cognitive-behavioural");
	ck_assert_str_eq(gm_catalog_group_approach(cat, 0, 1), "mindfulness-based");
	ck_assert_ptr_null(gm_catalog_group_approach(cat, 0, 2));

	/* weights 4 3 2 1 1 1, then cautions -4 -2 -2; max is the positives' sum */
	nc = gm_catalog_criterion_count(cat, 0);
	ck_assert_uint_eq(nc, 9);
	ck_assert_int_eq(gm_catalog_criterion_weight(cat, 0, 0), 4);
	ck_assert_str_eq(gm_catalog_criterion_reason(cat, 0, 0),
			 "You want to learn about what you are facing and how to manage it");
	ck_assert_int_eq(gm_catalog_criterion_weight(cat, 0, 6), -4);
	for (k = 0; k < nc; k++)
		if (gm_catalog_criterion_weight(cat, 0, k) > 0)
			max += gm_catalog_criterion_weight(cat, 0, k);
	ck_assert_int_eq(gm_catalog_group_max(cat, 0), max);
	ck_assert_int_eq(max, 12);
	ck_assert_int_eq(gm_catalog_criterion_weight(cat, 0, nc), 0);
	ck_assert_ptr_null(gm_catalog_criterion_reason(cat, 0, nc));

	ck_assert_ptr_null(gm_catalog_group_description(cat, n));
	ck_assert_ptr_null(gm_catalog_group_example(cat, n));
	ck_assert_uint_eq(gm_catalog_group_approach_count(cat, n), 0);
	ck_assert_int_eq(gm_catalog_group_max(cat, n), -1);
	ck_assert_uint_eq(gm_catalog_criterion_count(cat, n), 0);
}
END_TEST

START_TEST(score_blocks_tell_their_codes_and_bands)
{
	const gm_catalog *cat = test_catalog();

	ck_assert_str_eq(gm_catalog_score_code(cat, 0), "LA6568-5");
	ck_assert_str_eq(gm_catalog_score_code(cat, 3), "LA6571-9");
	ck_assert_ptr_null(gm_catalog_score_code(cat, 4));
	ck_assert_ptr_null(gm_catalog_score_code(cat, -1));
	ck_assert_str_eq(gm_catalog_score_block_loinc(cat, 0), "44249-1");
	ck_assert_str_eq(gm_catalog_score_block_total_loinc(cat, 0), "44261-6");
	ck_assert_int_eq(gm_catalog_score_block_max_missing(cat, 0), 1);
	ck_assert_str_eq(gm_catalog_score_item_loinc(cat, 0, 0), "44250-9");
	ck_assert_ptr_null(gm_catalog_score_item_loinc(cat, 0, 9));
	ck_assert_str_eq(gm_catalog_score_block_loinc(cat, 1), "69737-5");
	ck_assert_uint_ge(gm_catalog_score_band_count(cat, 0), 2);
	ck_assert_str_eq(gm_catalog_score_band_id(cat, 0, 0), "minimal");
	ck_assert_int_eq(gm_catalog_score_band_min(cat, 0, 1), 5);
	ck_assert_int_eq(gm_catalog_score_band_max(cat, 0, 1), 9);
	ck_assert_ptr_nonnull(gm_catalog_score_band_label(cat, 0, 1));

	ck_assert_ptr_null(gm_catalog_score_block_loinc(cat, 2));
	ck_assert_int_eq(gm_catalog_score_block_max_missing(cat, 2), -1);
	ck_assert_uint_eq(gm_catalog_score_band_count(cat, 2), 0);
	ck_assert_ptr_null(gm_catalog_score_band_id(cat, 0, 99));
	ck_assert_int_eq(gm_catalog_score_band_min(cat, 0, 99), -1);
}
END_TEST

START_TEST(fhir_questionnaire_is_one_string_with_every_question)
{
	const gm_catalog *cat = test_catalog();
	size_t len = 0;
	char *s = gm_catalog_fhir_questionnaire(cat, &len);

	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(len, strlen(s));
	ck_assert_ptr_nonnull(strstr(s, "\"resourceType\": \"Questionnaire\""));
	ck_assert_ptr_nonnull(strstr(s, "\"linkId\": \"mutual\""));
	ck_assert_int_eq(s[len - 1], '\n');
	free(s);
	ck_assert_ptr_null(gm_catalog_fhir_questionnaire(NULL, NULL));
}
END_TEST

START_TEST(answers_read_back_question_by_question)
{
	const gm_catalog *cat = test_catalog();
	gm_answers *ans = gm_answers_new(cat);
	char buf[64];

	ck_assert_int_eq(gm_answers_set(ans, "goals", "symptom_relief;personal_growth", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "comfort", "4", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "connect", "no", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "issues", "none", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "focus", "zebra", NULL), GM_ERR_ANSWER);

	ck_assert_int_eq(gm_answers_present(ans, qi("goals")), 1);
	ck_assert_int_eq(gm_answers_value(ans, qi("goals")), 2);
	ck_assert_int_eq(gm_answers_option_chosen(ans, qi("goals"), 0), 1);
	ck_assert_int_eq(gm_answers_option_chosen(ans, qi("goals"), 1), 0);
	ck_assert_int_eq(gm_answers_option_chosen(ans, qi("goals"), 2), 1);
	ck_assert_int_eq(gm_answers_option_chosen(ans, qi("goals"), 99), 0);
	ck_assert_int_eq(gm_answers_value(ans, qi("comfort")), 4);
	ck_assert_int_eq(gm_answers_present(ans, qi("connect")), 1);
	ck_assert_int_eq(gm_answers_value(ans, qi("connect")), 0);
	ck_assert_int_eq(gm_answers_present(ans, qi("structure")), 0);
	ck_assert_int_eq(gm_answers_invalid(ans, qi("structure")), 0);
	ck_assert_int_eq(gm_answers_present(ans, qi("focus")), 0);
	ck_assert_int_eq(gm_answers_invalid(ans, qi("focus")), 1);
	ck_assert_int_eq(gm_answers_present(ans, 99), 0);
	ck_assert_int_eq(gm_answers_value(NULL, 0), 0);

	ck_assert_uint_eq(gm_answers_format(ans, qi("goals"), buf, sizeof buf),
			  strlen("symptom_relief;personal_growth"));
	ck_assert_str_eq(buf, "symptom_relief;personal_growth");
	gm_answers_format(ans, qi("comfort"), buf, sizeof buf);
	ck_assert_str_eq(buf, "4");
	gm_answers_format(ans, qi("connect"), buf, sizeof buf);
	ck_assert_str_eq(buf, "no");
	gm_answers_format(ans, qi("issues"), buf, sizeof buf);
	ck_assert_str_eq(buf, "none");
	ck_assert_uint_eq(gm_answers_format(ans, qi("structure"), buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "");
	/* snprintf semantics: cut, terminated, and the length needed */
	ck_assert_uint_eq(gm_answers_format(ans, qi("goals"), buf, 8), 30);
	ck_assert_str_eq(buf, "symptom");
	ck_assert_uint_eq(gm_answers_format(ans, qi("goals"), NULL, 0), 30);
	gm_answers_free(ans);
}
END_TEST

START_TEST(a_copy_lets_a_form_try_an_answer)
{
	const gm_catalog *cat = test_catalog();
	gm_answers *ans = gm_answers_new(cat), *draft = gm_answers_new(cat);
	gm_catalog *other = gm_catalog_load_default(NULL);
	gm_answers *elsewhere = gm_answers_new(other);

	ck_assert_int_eq(gm_answers_set(ans, "comfort", "2", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_copy(draft, ans), GM_OK);
	ck_assert_int_eq(gm_answers_set(draft, "comfort", "9", NULL), GM_ERR_ANSWER);
	/* the bad try stays in the draft */
	ck_assert_int_eq(gm_answers_invalid(draft, qi("comfort")), 1);
	ck_assert_int_eq(gm_answers_value(ans, qi("comfort")), 2);
	ck_assert_int_eq(gm_answers_set(draft, "comfort", "5", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_copy(ans, draft), GM_OK);
	ck_assert_int_eq(gm_answers_value(ans, qi("comfort")), 5);

	ck_assert_int_eq(gm_answers_copy(elsewhere, ans), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_copy(NULL, ans), GM_ERR_ARG);
	gm_answers_free(elsewhere);
	gm_catalog_free(other);
	gm_answers_free(draft);
	gm_answers_free(ans);
}
END_TEST

START_TEST(unset_forgets_an_answer_but_never_a_positive_safety_answer)
{
	const gm_catalog *cat = test_catalog();
	gm_answers *ans = gm_answers_new(cat);

	ck_assert_int_eq(gm_answers_set(ans, "comfort", "9", NULL), GM_ERR_ANSWER);
	ck_assert_int_eq(gm_answers_unset(ans, qi("comfort")), GM_OK);
	ck_assert_int_eq(gm_answers_invalid(ans, qi("comfort")), 0);
	ck_assert_int_eq(gm_answers_set(ans, "comfort", "3", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_unset(ans, qi("comfort")), GM_OK);
	ck_assert_int_eq(gm_answers_present(ans, qi("comfort")), 0);

	ck_assert_int_eq(gm_answers_set(ans, "crisis", "yes", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_unset(ans, qi("crisis")), GM_OK);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	ck_assert_int_eq(gm_answers_present(ans, qi("crisis")), 1);
	ck_assert_int_eq(gm_answers_value(ans, qi("crisis")), 1);

	ck_assert_int_eq(gm_answers_unset(ans, 99), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_set_default(ans, qi("goals")), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_set_default(ans, 99), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_set_default(ans, qi("structure")), GM_OK);
	ck_assert_int_eq(gm_answers_option_chosen(ans, qi("structure"), 2), 1);
	gm_answers_free(ans);
}
END_TEST

START_TEST(score_status_reacts_to_screener_items_alone)
{
	const gm_catalog *cat = test_catalog();
	gm_answers *ans = gm_answers_new(cat);
	const char *review = "unchanged";
	char id[16];

	ck_assert_int_eq(gm_answers_score_status(ans, &review), GM_RESULT_OK);
	ck_assert_ptr_null(review);
	/* high answers alone ask nothing of the default catalogue ... */
	for (int k = 1; k <= 8; k++) {
		snprintf(id, sizeof id, "phq9_%d", k);
		ck_assert_int_eq(gm_answers_set(ans, id, "3", NULL), GM_OK);
	}
	ck_assert_int_eq(gm_answers_score_status(ans, &review), GM_RESULT_OK);
	ck_assert_ptr_null(review);
	/* ... but any answer above "not at all" to item 9 asks for a review */
	ck_assert_int_eq(gm_answers_set(ans, "phq9_9", "1", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_score_status(ans, &review), GM_RESULT_REVIEW);
	ck_assert_ptr_nonnull(review);
	ck_assert_ptr_nonnull(strstr(review, "Thank you for answering honestly"));
	ck_assert_int_eq(gm_answers_score_status(ans, NULL), GM_RESULT_REVIEW);
	ck_assert_int_eq(gm_answers_score_status(NULL, &review), GM_RESULT_OK);
	gm_answers_free(ans);
}
END_TEST

Suite *catalog_info_suite(void)
{
	Suite *s = suite_create("catalog_info");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, find_question_ignores_ascii_case_and_needs_the_whole_id);
	tcase_add_test(tc, question_kinds_roles_and_requirements_follow_groups_json);
	tcase_add_test(tc, scale_and_multi_bounds_and_scale_labels);
	tcase_add_test(tc, options_have_ids_and_labels_in_catalogue_order);
	tcase_add_test(tc, defaults_are_told_per_option);
	tcase_add_test(tc, defaults_of_other_kinds_are_their_values);
	tcase_add_test(tc, groups_have_description_example_approaches_and_criteria);
	tcase_add_test(tc, score_blocks_tell_their_codes_and_bands);
	tcase_add_test(tc, fhir_questionnaire_is_one_string_with_every_question);
	tcase_add_test(tc, answers_read_back_question_by_question);
	tcase_add_test(tc, a_copy_lets_a_form_try_an_answer);
	tcase_add_test(tc, unset_forgets_an_answer_but_never_a_positive_safety_answer);
	tcase_add_test(tc, score_status_reacts_to_screener_items_alone);
	suite_add_tcase(s, tc);
	return s;
}
