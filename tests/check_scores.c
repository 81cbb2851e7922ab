/* check_scores.c - unit tests of score blocks: band edges, prorating, item rules, review and urgent, catalogue checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "check_suites.h"
#include "catalog.h"
#include "engine.h"

enum { PHQ9, GAD7 };

/* Answers to the main questions that rank every group and advise "group". */
static gm_answers *ready_person(void)
{
	gm_answers *a = gm_answers_new(test_catalog());
	static const char *const set[][2] = {
		{ "crisis", "no" }, { "goals", "symptom_relief" }, { "structure", "structured" },
		{ "focus", "support" }, { "issues", "depression" }, { "comfort", "4" },
		{ "connect", "yes" }, { "feedback", "yes" }, { "practice", "yes" }, { "mutual", "yes" },
	};

	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		ck_assert_int_eq(gm_answers_set(a, set[i][0], set[i][1], NULL), GM_OK);
	return a;
}

/* Answers the first n items of prefix ("phq9" or "gad7") so that they add
 * up to total, filling items in order with 3s; item9 is PHQ-9 item 9's
 * answer (the other items carry the rest). */
static void set_items(gm_answers *a, const char *prefix, int n, int total, int item9)
{
	char id[16], v[12];

	if (!strcmp(prefix, "phq9") && n == 9) {
		snprintf(v, sizeof v, "%d", item9);
		ck_assert_int_eq(gm_answers_set(a, "phq9_9", v, NULL), GM_OK);
		total -= item9;
		n = 8;
	}
	for (int i = 1; i <= n; i++) {
		int x = total > 3 ? 3 : total;

		total -= x;
		snprintf(id, sizeof id, "%s_%d", prefix, i);
		snprintf(v, sizeof v, "%d", x);
		ck_assert_int_eq(gm_answers_set(a, id, v, NULL), GM_OK);
	}
	ck_assert_int_eq(total, 0);
}

static const struct {
	int total;
	const char *band;
} phq9_edges[] = {
	{ 0, "minimal" }, { 4, "minimal" }, { 5, "mild" }, { 9, "mild" }, { 10, "moderate" },
	{ 14, "moderate" }, { 15, "moderately_severe" }, { 19, "moderately_severe" },
	{ 20, "severe" }, { 24, "severe" },
}, gad7_edges[] = {
	{ 0, "minimal" }, { 4, "minimal" }, { 5, "mild" }, { 9, "mild" }, { 10, "moderate" },
	{ 14, "moderate" }, { 15, "severe" }, { 21, "severe" },
};

START_TEST(every_phq9_band_edge_falls_in_its_band)
{
	gm_result *res = gm_result_new(test_catalog());

	for (size_t i = 0; i < sizeof phq9_edges / sizeof phq9_edges[0]; i++) {
		gm_answers *a = ready_person();

		set_items(a, "phq9", 9, phq9_edges[i].total, 0);
		gm_match(a, 0, res);
		ck_assert_int_eq(gm_result_score_total(res, PHQ9), phq9_edges[i].total);
		ck_assert_str_eq(gm_result_score_band(res, PHQ9), phq9_edges[i].band);
		ck_assert_uint_eq(gm_result_score_answered(res, PHQ9), 9);
		ck_assert(!gm_result_score_prorated(res, PHQ9));
		ck_assert_uint_eq(gm_result_score_answered(res, GAD7), 0);
		gm_answers_free(a);
	}
	gm_result_free(res);
}
END_TEST

START_TEST(the_phq9_top_of_27_is_severe_and_urgent_through_item_9)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	set_items(a, "phq9", 9, 27, 3);
	gm_match(a, 0, res);
	ck_assert_int_eq(gm_result_score_total(res, PHQ9), 27);
	ck_assert_str_eq(gm_result_score_band(res, PHQ9), "severe");
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

START_TEST(every_gad7_band_edge_falls_in_its_band)
{
	gm_result *res = gm_result_new(test_catalog());

	for (size_t i = 0; i < sizeof gad7_edges / sizeof gad7_edges[0]; i++) {
		gm_answers *a = ready_person();

		set_items(a, "gad7", 7, gad7_edges[i].total, 0);
		gm_match(a, 0, res);
		ck_assert_int_eq(gm_result_score_total(res, GAD7), gad7_edges[i].total);
		ck_assert_str_eq(gm_result_score_band(res, GAD7), gad7_edges[i].band);
		ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
		gm_answers_free(a);
	}
	gm_result_free(res);
}
END_TEST

START_TEST(one_missing_item_is_prorated_and_rounded_half_up)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	/* 8 of 9 items adding up to 10: 10 * 9 / 8 = 11.25 (item 8 left out:
	 * item 9 is a safety item, never prorated) */
	set_items(a, "phq9", 8, 10, 0);
	gm_answers_set(a, "phq9_8", "", NULL);
	gm_answers_set(a, "phq9_9", "0", NULL);
	gm_match(a, 0, res);
	ck_assert_uint_eq(gm_result_score_answered(res, PHQ9), 8);
	ck_assert(gm_result_score_prorated(res, PHQ9));
	ck_assert_int_eq(gm_result_score_total(res, PHQ9), 11);
	ck_assert_str_eq(gm_result_score_band(res, PHQ9), "moderate");
	/* 12 * 9 / 8 = 13.5 rounds to 14 */
	gm_answers_clear(a);
	gm_answers_free(a);
	a = ready_person();
	set_items(a, "phq9", 8, 12, 0);
	gm_answers_set(a, "phq9_8", "", NULL);
	gm_answers_set(a, "phq9_9", "0", NULL);
	gm_match(a, 0, res);
	ck_assert_int_eq(gm_result_score_total(res, PHQ9), 14);
	/* GAD-7 with 6 of 7 adding up to 13: 13 * 7 / 6 = 15.17, severe */
	set_items(a, "gad7", 6, 13, 0);
	gm_match(a, 0, res);
	ck_assert_int_eq(gm_result_score_total(res, GAD7), 15);
	ck_assert_str_eq(gm_result_score_band(res, GAD7), "severe");
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

START_TEST(two_missing_items_give_no_total_and_no_band)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	set_items(a, "phq9", 7, 21, 0);
	gm_match(a, 0, res);
	ck_assert_uint_eq(gm_result_score_answered(res, PHQ9), 7);
	ck_assert_int_eq(gm_result_score_total(res, PHQ9), -1);
	ck_assert_ptr_null(gm_result_score_band(res, PHQ9));
	/* the total rules fire on the lower bound, 21: the setting says so,
	 * and item 9 left blank asks for a review */
	ck_assert_str_eq(gm_result_setting(res), "individual_first");
	ck_assert_uint_eq(gm_result_score_setting_reason_count(res), 2);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_REVIEW);
	/* below every threshold, with item 9 answered: no total, no rule */
	gm_answers_free(a);
	a = ready_person();
	set_items(a, "phq9", 7, 6, 0);
	gm_answers_set(a, "phq9_7", "", NULL);
	gm_answers_set(a, "phq9_9", "0", NULL);
	gm_match(a, 0, res);
	ck_assert_int_eq(gm_result_score_total(res, PHQ9), -1);
	ck_assert_str_eq(gm_result_setting(res), "group");
	ck_assert_uint_eq(gm_result_score_setting_reason_count(res), 0);
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

START_TEST(a_missing_item_9_is_never_taken_as_0)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	set_items(a, "phq9", 8, 6, 0);
	gm_match(a, 0, res);
	/* not read as a full, low screen, nor prorated: asked again */
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_REVIEW);
	ck_assert(!gm_result_score_prorated(res, PHQ9));
	ck_assert_int_eq(gm_result_score_total(res, PHQ9), -1);
	ck_assert_uint_eq(gm_result_score_rule_count(res, PHQ9), 0);
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

static const struct {
	int item9;
	gm_result_status status;
} item9_cases[] = {
	{ 0, GM_RESULT_OK }, { 1, GM_RESULT_REVIEW }, { 2, GM_RESULT_URGENT }, { 3, GM_RESULT_URGENT },
};

static const char *const status_names[] = { "ok", "urgent", "invalid", "review" };

START_TEST(item_9_at_0_1_2_3_gives_ok_review_urgent_urgent)
{
	gm_result *res = gm_result_new(test_catalog());

	for (size_t i = 0; i < sizeof item9_cases / sizeof item9_cases[0]; i++) {
		gm_answers *a = ready_person();
		char v[4];

		snprintf(v, sizeof v, "%d", item9_cases[i].item9);
		ck_assert_int_eq(gm_answers_set(a, "phq9_9", v, NULL), GM_OK);
		gm_match(a, 0, res);
		ck_assert_msg(gm_result_status_of(res) == item9_cases[i].status,
			      "item 9 = %d gave %s", item9_cases[i].item9, gm_result_status_name(res));
		ck_assert_str_eq(gm_result_status_name(res), status_names[item9_cases[i].status]);
		ck_assert_int_eq(gm_result_safety(res), GM_SAFETY_NO);	/* the crisis answer stays */
		switch (item9_cases[i].status) {
		case GM_RESULT_OK:
			ck_assert_uint_eq(gm_result_rank_count(res), 6);
			ck_assert_str_eq(gm_result_setting(res), "group");
			ck_assert_ptr_null(gm_result_message(res));
			break;
		case GM_RESULT_REVIEW:
			/* the ranking is kept, the setting is at least combined, and
			 * the message is the review text with the crisis contacts */
			ck_assert_uint_eq(gm_result_rank_count(res), 6);
			ck_assert_str_eq(gm_result_setting(res), "combined");
			ck_assert_ptr_nonnull(strstr(gm_result_message(res), "better off dead"));
			ck_assert_ptr_nonnull(strstr(gm_result_message(res), "findahelpline.com"));
			ck_assert_str_eq(gm_result_score_rule(res, PHQ9, 0), "item9_review");
			break;
		default:
			ck_assert_uint_eq(gm_result_rank_count(res), 0);
			ck_assert_ptr_null(gm_result_setting(res));
			ck_assert_str_eq(gm_result_message(res), test_catalog()->urgent);
			ck_assert_uint_eq(gm_result_score_rule_count(res, PHQ9), 2);
			break;
		}
		gm_answers_free(a);
	}
	gm_result_free(res);
}
END_TEST

START_TEST(urgent_wins_over_review_from_either_side)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	/* a yes to the crisis question with item 9 at 1 */
	ck_assert_int_eq(gm_answers_set(a, "phq9_9", "1", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "crisis", "yes", NULL), GM_OK);
	gm_match(a, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	ck_assert_uint_eq(gm_result_rank_count(res), 0);
	/* a no to the crisis question with item 9 at 2: the item's urgent rule */
	gm_answers_free(a);
	a = ready_person();
	ck_assert_int_eq(gm_answers_set(a, "phq9_9", "2", NULL), GM_OK);
	gm_match(a, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	/* the staff text, then the notes naming what set it */
	ck_assert_ptr_eq(strstr(gm_result_message(res), test_catalog()->urgent_staff),
			 gm_result_message(res));
	ck_assert_ptr_nonnull(strstr(gm_result_message(res), "; PHQ-9 item 9 = 2 (more than half the days)"));
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

START_TEST(review_wins_over_invalid_answers_and_uses_the_staff_text_in_batch)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	ck_assert_int_eq(gm_answers_set(a, "phq9_9", "several days", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "comfort", "9", NULL), GM_ERR_ANSWER);
	gm_match(a, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_REVIEW);
	ck_assert_ptr_nonnull(strstr(gm_result_message(res), "PHQ-9 item 9"));
	ck_assert_uint_eq(gm_result_rank_count(res), 0);	/* nothing to rank on */
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

START_TEST(severe_totals_raise_the_setting_with_a_reason)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	set_items(a, "phq9", 9, 15, 0);
	gm_match(a, 0, res);
	ck_assert_str_eq(gm_result_setting(res), "combined");
	ck_assert_uint_eq(gm_result_score_setting_reason_count(res), 1);
	ck_assert_ptr_nonnull(strstr(gm_result_score_setting_reason(res, 0), "moderately severe"));
	gm_answers_free(a);

	a = ready_person();
	set_items(a, "phq9", 9, 20, 0);
	gm_match(a, 0, res);
	ck_assert_str_eq(gm_result_setting(res), "individual_first");
	ck_assert_uint_eq(gm_result_score_setting_reason_count(res), 2);
	ck_assert_ptr_nonnull(strstr(gm_result_score_setting_reason(res, 1), "added as things improve"));
	gm_answers_free(a);

	a = ready_person();
	set_items(a, "gad7", 7, 14, 0);
	gm_match(a, 0, res);
	ck_assert_str_eq(gm_result_setting(res), "group");
	set_items(a, "gad7", 7, 15, 0);
	gm_match(a, 0, res);
	ck_assert_str_eq(gm_result_setting(res), "combined");
	ck_assert_str_eq(gm_result_score_rule(res, GAD7, 0), "severe");
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

START_TEST(an_item_takes_a_number_a_label_or_a_loinc_answer_code)
{
	gm_answers *a = gm_answers_new(test_catalog());
	gm_error err;
	int q = catalog_find_question(test_catalog(), "gad7_3", 6);

	ck_assert_int_eq(gm_answers_set(a, "gad7_3", "Several days", NULL), GM_OK);
	ck_assert_int_eq(a->value[q], 1);
	ck_assert_int_eq(gm_answers_set(a, "gad7_3", "more than half the days", NULL), GM_OK);
	ck_assert_int_eq(a->value[q], 2);
	ck_assert_int_eq(gm_answers_set(a, "gad7_3", "LA6571-9", NULL), GM_OK);
	ck_assert_int_eq(a->value[q], 3);
	ck_assert_int_eq(gm_answers_set(a, "gad7_3", "0", NULL), GM_OK);
	ck_assert_int_eq(a->value[q], 0);
	ck_assert_int_eq(gm_answers_set(a, "gad7_3", "4", &err), GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, "gad7_3");
	ck_assert_str_eq(err.message, "'4' is not in 0-3");
	ck_assert_int_eq(gm_answers_set(a, "gad7_3", "often", &err), GM_ERR_ANSWER);
	ck_assert_ptr_nonnull(strstr(err.message, "'often' is not a number in 0-3"));
	gm_answers_free(a);
}
END_TEST

START_TEST(score_items_are_never_listed_as_missing)
{
	gm_answers *a = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	gm_match(a, GM_MATCH_STRICT, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_uint_eq(gm_result_missing_count(res), 0);
	ck_assert_uint_eq(gm_result_score_answered(res, PHQ9), 0);
	ck_assert_int_eq(res->scores.nblocks, 0);	/* not even looked at */
	gm_answers_free(a);
	gm_result_free(res);
}
END_TEST

START_TEST(a_result_reused_for_a_record_without_items_forgets_the_last_review)
{
	gm_answers *a = ready_person(), *b = ready_person();
	gm_result *res = gm_result_new(test_catalog());

	set_items(a, "phq9", 9, 20, 1);
	gm_match(a, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_REVIEW);
	gm_match(b, GM_MATCH_STAFF, res);	/* as batch does, row after row */
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_str_eq(gm_result_setting(res), "group");
	ck_assert_ptr_null(gm_result_message(res));
	ck_assert_uint_eq(gm_result_score_setting_reason_count(res), 0);
	gm_answers_free(a);
	gm_answers_free(b);
	gm_result_free(res);
}
END_TEST

/* --- catalogue checks ------------------------------------------------ */

/* The default catalogue with one change made by edit; returns the
 * errors of loading it (NULL when it loads). */
static gm_error *load_edited(void (*edit)(cJSON *scores), size_t *n)
{
	cJSON *root = cJSON_ParseWithLength(gm_default_catalog, gm_default_catalog_len);
	gm_error *errs = NULL;
	gm_catalog *cat;
	char *text;

	ck_assert_ptr_nonnull(root);
	edit(cJSON_GetObjectItem(root, "scores"));
	text = cJSON_PrintUnformatted(root);
	cat = gm_catalog_load_buffer(text, strlen(text), "edited", &errs, n);
	gm_catalog_free(cat);
	ck_assert_msg(cat == NULL || *n == 0, "loaded");
	free(text);
	cJSON_Delete(root);
	return errs;
}

static cJSON *phq9_bands(cJSON *scores)
{
	return cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(scores, "blocks"), 0), "bands");
}

static void overlap(cJSON *scores)
{
	cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetArrayItem(phq9_bands(scores), 2), "min"), 9);
}

static void gap(cJSON *scores)
{
	cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetArrayItem(phq9_bands(scores), 2), "min"), 11);
}

static void short_top(cJSON *scores)
{
	cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetArrayItem(phq9_bands(scores), 4), "max"), 26);
}

static void item_rule_out_of_range(cJSON *scores)
{
	cJSON *rules = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(scores, "blocks"), 0), "rules");
	cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 0), "gte"), 4);
}

static void unknown_item(cJSON *scores)
{
	cJSON *rules = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(scores, "blocks"), 0), "rules");
	cJSON_SetValuestring(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 0), "item"), "phq9_10");
}

static void total_out_of_range(cJSON *scores)
{
	cJSON *rules = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(scores, "blocks"), 1), "rules");
	cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 0), "total_gte"), 22);
}

static void bad_loinc(cJSON *scores)
{
	cJSON *items = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(scores, "blocks"), 1), "items");
	cJSON_SetValuestring(cJSON_GetObjectItem(cJSON_GetArrayItem(items, 0), "loinc"), "69725");
}

static const struct {
	void (*edit)(cJSON *);
	const char *path;
	const char *message;
} bad_blocks[] = {
	{ overlap, "scores.blocks[0].bands[2].min", "inside the band before it" },
	{ gap, "scores.blocks[0].bands[2].min", "leaving 10 in no band" },
	{ short_top, "scores.blocks[0].bands", "totals go up to 27" },
	{ item_rule_out_of_range, "scores.blocks[0].rules[0].gte", "out of range 0..3" },
	{ unknown_item, "scores.blocks[0].rules[0].item", "expected the id of an item of 'phq9'" },
	{ total_out_of_range, "scores.blocks[1].rules[0].total_gte", "out of range 0..21" },
	{ bad_loinc, "scores.blocks[1].items[0].loinc", "not a LOINC code" },
};

START_TEST(bad_score_blocks_are_catalogue_errors_with_a_path)
{
	for (size_t i = 0; i < sizeof bad_blocks / sizeof bad_blocks[0]; i++) {
		size_t n = 0, k;
		gm_error *errs = load_edited(bad_blocks[i].edit, &n);
		int found = 0;

		for (k = 0; k < n; k++)
			if (!strcmp(errs[k].path, bad_blocks[i].path) &&
			    strstr(errs[k].message, bad_blocks[i].message))
				found = 1;
		ck_assert_msg(found, "case %zu: no '%s' at %s (first: %s: %s)", i, bad_blocks[i].message,
			      bad_blocks[i].path, n ? errs[0].path : "", n ? errs[0].message : "");
		ck_assert_int_eq(errs[0].status, GM_ERR_CATALOG);
		gm_errors_free(errs);
	}
}
END_TEST

START_TEST(a_catalogue_without_scores_still_loads_and_scores_nothing)
{
	cJSON *root = cJSON_ParseWithLength(gm_default_catalog, gm_default_catalog_len);
	gm_catalog *cat;
	gm_answers *a;
	gm_result *res;
	char *text;
	size_t n;

	cJSON_DeleteItemFromObject(root, "scores");
	text = cJSON_PrintUnformatted(root);
	cat = gm_catalog_load_buffer(text, strlen(text), NULL, NULL, &n);
	ck_assert_ptr_nonnull(cat);
	ck_assert_uint_eq(gm_catalog_question_count(cat), 10);
	ck_assert_uint_eq(gm_catalog_score_block_count(cat), 0);
	ck_assert_ptr_null(gm_catalog_score_offer(cat));
	a = gm_answers_new(cat);
	res = gm_result_new(cat);
	ck_assert_int_eq(gm_answers_set(a, "phq9_9", "1", NULL), GM_ERR_ARG);
	gm_match(a, 0, res);
	ck_assert_uint_eq(gm_result_score_answered(res, 0), 0);
	gm_answers_free(a);
	gm_result_free(res);
	gm_catalog_free(cat);
	free(text);
	cJSON_Delete(root);
}
END_TEST

Suite *scores_suite(void)
{
	Suite *s = suite_create("scores");
	TCase *t = tcase_create("totals");

	tcase_add_test(t, every_phq9_band_edge_falls_in_its_band);
	tcase_add_test(t, the_phq9_top_of_27_is_severe_and_urgent_through_item_9);
	tcase_add_test(t, every_gad7_band_edge_falls_in_its_band);
	tcase_add_test(t, one_missing_item_is_prorated_and_rounded_half_up);
	tcase_add_test(t, two_missing_items_give_no_total_and_no_band);
	tcase_add_test(t, a_missing_item_9_is_never_taken_as_0);
	tcase_add_test(t, an_item_takes_a_number_a_label_or_a_loinc_answer_code);
	tcase_add_test(t, score_items_are_never_listed_as_missing);
	suite_add_tcase(s, t);
	t = tcase_create("rules");
	tcase_add_test(t, item_9_at_0_1_2_3_gives_ok_review_urgent_urgent);
	tcase_add_test(t, urgent_wins_over_review_from_either_side);
	tcase_add_test(t, review_wins_over_invalid_answers_and_uses_the_staff_text_in_batch);
	tcase_add_test(t, severe_totals_raise_the_setting_with_a_reason);
	tcase_add_test(t, a_result_reused_for_a_record_without_items_forgets_the_last_review);
	suite_add_tcase(s, t);
	t = tcase_create("catalogue");
	tcase_add_test(t, bad_score_blocks_are_catalogue_errors_with_a_path);
	tcase_add_test(t, a_catalogue_without_scores_still_loads_and_scores_nothing);
	suite_add_tcase(s, t);
	return s;
}
