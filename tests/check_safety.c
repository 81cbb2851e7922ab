/* check_safety.c - unit tests of the safety answer: one decision, sticky positives, crisis resources, catalogue checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "check_suites.h"
#include "catalog.h"
#include "engine.h"

/* --- the one decision ----------------------------------------------- */

static const struct {
	const char *text;
	gm_safety want;
} decisions[] = {
	{ "yes", GM_SAFETY_YES }, { "Y", GM_SAFETY_YES }, { " TRUE ", GM_SAFETY_YES },
	{ "1", GM_SAFETY_YES }, { "yeah", GM_SAFETY_YES }, { "Yep", GM_SAFETY_YES },
	{ "Checked", GM_SAFETY_YES },
	{ "no", GM_SAFETY_NO }, { "N", GM_SAFETY_NO }, { "false", GM_SAFETY_NO },
	{ "0", GM_SAFETY_NO }, { "nope", GM_SAFETY_NO }, { "unchecked", GM_SAFETY_NO },
	{ "unsure", GM_SAFETY_UNCLEAR }, { "maybe", GM_SAFETY_UNCLEAR },
	{ "not sure", GM_SAFETY_UNCLEAR }, { "don't know", GM_SAFETY_UNCLEAR },
	{ "?", GM_SAFETY_UNCLEAR }, { "N/A", GM_SAFETY_UNCLEAR }, { "2", GM_SAFETY_UNCLEAR },
	{ "yes please", GM_SAFETY_UNCLEAR },
	{ "", GM_SAFETY_MISSING }, { "   ", GM_SAFETY_MISSING }, { "\t\r\n", GM_SAFETY_MISSING },
};

START_TEST(each_text_decides_as_the_table_says)
{
	size_t i;

	for (i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
		ck_assert_msg(gm_safety_decide(decisions[i].text, strlen(decisions[i].text))
			      == decisions[i].want, "'%s' decided as %s", decisions[i].text,
			      gm_safety_name(gm_safety_decide(decisions[i].text, strlen(decisions[i].text))));
}
END_TEST

START_TEST(a_nul_byte_makes_an_answer_unclear_not_blank)
{
	ck_assert_int_eq(gm_safety_decide("\0yes", 4), GM_SAFETY_UNCLEAR);
	ck_assert_int_eq(gm_safety_decide("no\0", 3), GM_SAFETY_UNCLEAR);
	ck_assert_int_eq(gm_safety_decide(NULL, 0), GM_SAFETY_MISSING);
}
END_TEST

START_TEST(unclear_and_yes_are_positive_and_named)
{
	ck_assert(gm_safety_positive(GM_SAFETY_YES));
	ck_assert(gm_safety_positive(GM_SAFETY_UNCLEAR));
	ck_assert(!gm_safety_positive(GM_SAFETY_NO));
	ck_assert(!gm_safety_positive(GM_SAFETY_MISSING));
	ck_assert_str_eq(gm_safety_name(GM_SAFETY_MISSING), "missing");
	ck_assert_str_eq(gm_safety_name(GM_SAFETY_NO), "no");
	ck_assert_str_eq(gm_safety_name(GM_SAFETY_UNCLEAR), "unclear");
	ck_assert_str_eq(gm_safety_name(GM_SAFETY_YES), "yes");
}
END_TEST

/* --- sticky answers through every setter ----------------------------- */

static gm_answers *ans;
static gm_result *res;

static void answers_setup(void)
{
	ans = gm_answers_new(test_catalog());
	res = gm_result_new(test_catalog());
	ck_assert_ptr_nonnull(ans);
	ck_assert_ptr_nonnull(res);
}

static void answers_teardown(void)
{
	gm_answers_free(ans);
	gm_result_free(res);
}

/* The status after matching the answers collected so far. */
static gm_result_status status(void)
{
	gm_match(ans, 0, res);
	return gm_result_status_of(res);
}

static void set_json(const char *json)
{
	gm_error err;

	gm_answers_set_json(ans, json, strlen(json), &err, NULL);
}

START_TEST(a_yes_flag_is_not_overwritten_by_a_later_no)
{
	ck_assert_int_eq(gm_answers_set(ans, "crisis", "yes", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(ans, "crisis", "no", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
	ck_assert_int_eq(gm_result_safety(res), GM_SAFETY_YES);
	ck_assert_uint_eq(gm_result_rank_count(res), 0);
}
END_TEST

START_TEST(no_then_yes_is_yes)
{
	gm_answers_set(ans, "crisis", "no", NULL);
	gm_answers_set(ans, "crisis", "yes", NULL);
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
}
END_TEST

START_TEST(unclear_then_no_stays_unclear_and_yes_then_unclear_stays_yes)
{
	gm_answers_set(ans, "crisis", "maybe", NULL);
	gm_answers_set(ans, "crisis", "no", NULL);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
	gm_answers_set(ans, "crisis", "yes", NULL);
	gm_answers_set(ans, "crisis", "unsure", NULL);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
}
END_TEST

START_TEST(a_blank_answer_never_clears_the_safety_answer)
{
	gm_answers_set(ans, "crisis", "yes", NULL);
	gm_answers_set(ans, "crisis", "", NULL);
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
	set_json("{\"crisis\": null}");
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
}
END_TEST

START_TEST(unsure_is_urgent_not_invalid)
{
	ck_assert_int_eq(gm_answers_set(ans, "crisis", "not sure", NULL), GM_OK);
	gm_answers_set(ans, "comfort", "9", NULL);	/* invalid, but the screen comes first */
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
	ck_assert_int_eq(gm_result_safety(res), GM_SAFETY_UNCLEAR);
	ck_assert_ptr_null(strstr(gm_result_message(res), "invalid"));
	ck_assert_ptr_null(strstr(gm_result_message(res), "these options"));
}
END_TEST

START_TEST(question_ids_are_matched_in_any_ascii_case)
{
	ck_assert_int_eq(gm_answers_set(ans, "CRISIS", "yes", NULL), GM_OK);
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
	gm_answers_clear(ans);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_MISSING);
	ck_assert_int_eq(gm_answers_set(ans, "Comfort", "3", NULL), GM_OK);
}
END_TEST

START_TEST(json_duplicate_keys_keep_a_yes_whichever_comes_first)
{
	set_json("{\"crisis\": true, \"crisis\": false}");
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
	gm_answers_clear(ans);
	set_json("{\"crisis\": false, \"crisis\": \"yes\"}");
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
}
END_TEST

START_TEST(json_then_flag_cannot_turn_a_yes_into_no)
{
	set_json("{\"crisis\": true}");
	gm_answers_set(ans, "crisis", "no", NULL);
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
}
END_TEST

START_TEST(json_key_case_and_odd_values_are_read_for_the_safety_question)
{
	set_json("{\"Crisis\": true}");
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
	gm_answers_clear(ans);
	set_json("{\"crisis\": [true, false]}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	gm_answers_clear(ans);
	set_json("{\"crisis\": {\"x\": 1}}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	gm_answers_clear(ans);
	set_json("{\"crisis\": 0}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_NO);
}
END_TEST

START_TEST(json_nul_escape_is_refused_with_its_place)
{
	gm_error err;
	const char *json = "{\"goals\": [\"relationships\"],\n \"crisis\": \"\\u0000yes\"}";

	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_ERR_ANSWER);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.column, 13);
	ck_assert_ptr_nonnull(strstr(err.message, "NUL"));
	/* an escaped backslash before u0000 is text, not a NUL */
	json = "{\"crisis\": \"no\", \"x\": \"\\\\u0000\"}";
	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_OK);
}
END_TEST

#define FHIR_HEAD "{\"resourceType\": \"QuestionnaireResponse\", \"status\": \"completed\", \"item\": ["

START_TEST(fhir_two_crisis_items_keep_the_yes)
{
	set_json(FHIR_HEAD
		 "{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true}]},"
		 "{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": false}]}]}");
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
}
END_TEST

START_TEST(fhir_answer_list_with_true_and_false_is_unclear)
{
	set_json(FHIR_HEAD
		 "{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true}, {\"valueBoolean\": false}]}]}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	ck_assert_int_eq(status(), GM_RESULT_URGENT);
}
END_TEST

START_TEST(fhir_link_id_in_capitals_and_coded_unsure_are_read)
{
	set_json(FHIR_HEAD
		 "{\"linkId\": \"CRISIS\", \"answer\": [{\"valueCoding\": {\"code\": \"unsure\"}}]}]}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	gm_answers_clear(ans);
	set_json(FHIR_HEAD "{\"linkId\": \"crisis\", \"answer\": [{\"valueString\": \"no\"}]}]}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_NO);
}
END_TEST

START_TEST(staff_flag_gives_the_staff_text)
{
	gm_answers_set(ans, "crisis", "yes", NULL);
	gm_match(ans, GM_MATCH_STAFF, res);
	ck_assert_str_eq(gm_result_message(res),
			 "positive safety screen: contact today for a clinician risk assessment");
}
END_TEST

/* --- crisis resources ------------------------------------------------ */

START_TEST(no_region_shows_the_everywhere_entries)
{
	gm_catalog *cat = gm_catalog_load_default(NULL);

	ck_assert_ptr_nonnull(cat);
	ck_assert_str_eq(gm_catalog_region(cat), "");
	ck_assert_ptr_nonnull(strstr(cat->urgent, "https://findahelpline.com"));
	ck_assert_ptr_null(strstr(cat->urgent, "988"));
	ck_assert_ptr_nonnull(strstr(gm_catalog_crisis_line(cat), "Find A Helpline"));
	gm_catalog_free(cat);
}
END_TEST

START_TEST(each_shipped_region_shows_its_own_line)
{
	static const char *const want[][2] = {
		{ "us", "988 Suicide & Crisis Lifeline: call or text 988, or chat at https://988lifeline.org" },
		{ "CA", "9-8-8 Suicide Crisis Helpline: call or text 9-8-8" },
		{ "GB", "Samaritans: call 116 123" },
		{ "IE", "Emergency services: call 112 or 999" },
		{ "AU", "Lifeline by text: text 0477 13 11 14" },
	};
	gm_catalog *cat = gm_catalog_load_default(NULL);
	gm_error err;
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		ck_assert_int_eq(gm_catalog_set_region(cat, want[i][0], &err), GM_OK);
		ck_assert_msg(strstr(cat->urgent, want[i][1]) != NULL, "%s lacks '%s'", want[i][0],
			      want[i][1]);
		ck_assert_ptr_null(strstr(cat->urgent, "findahelpline"));
		ck_assert_ptr_nonnull(strstr(cat->urgent, "\n- "));
	}
	ck_assert_str_eq(gm_catalog_region(cat), "AU");
	gm_catalog_free(cat);
}
END_TEST

START_TEST(an_unknown_region_says_so_and_falls_back)
{
	gm_catalog *cat = gm_catalog_load_default(NULL);
	gm_error err;

	ck_assert_int_eq(gm_catalog_set_region(cat, "FR", &err), GM_ERR_ARG);
	ck_assert_ptr_nonnull(strstr(err.message, "'FR'"));
	ck_assert_ptr_nonnull(strstr(cat->urgent, "findahelpline"));
	ck_assert_int_eq(gm_catalog_set_region(cat, "France", &err), GM_ERR_ARG);
	ck_assert_int_eq(gm_catalog_set_region(cat, "", &err), GM_OK);
	gm_catalog_free(cat);
}
END_TEST

START_TEST(resources_can_be_replaced_and_bad_ones_are_listed)
{
	static const char good[] = "{\"resources\": [{\"region\": \"*\", \"name\": \"Clinic duty line\","
		" \"contact\": \"555 0100\", \"how\": [\"call\"], \"hours\": \"9 to 5\"}]}";
	static const char bad[] = "{\"resources\": [{\"region\": \"usa\", \"name\": \"\","
		" \"contact\": \"1\", \"how\": [\"fax\", \"web\"], \"hours\": \"x\", \"url\": \"http://x\"}]}";
	gm_catalog *cat = gm_catalog_load_default(NULL);
	gm_error *errs = NULL;
	size_t n = 0;

	ck_assert_int_eq(gm_catalog_set_resources(cat, good, strlen(good), "r.json", &errs, &n), GM_OK);
	ck_assert_ptr_nonnull(strstr(cat->urgent, "Clinic duty line: call 555 0100 (9 to 5)"));
	ck_assert_int_eq(gm_catalog_set_resources(cat, bad, strlen(bad), "r.json", &errs, &n),
			 GM_ERR_CATALOG);
	ck_assert_uint_ge(n, 5);	/* region, name, fax, http, and no "*" entry */
	ck_assert_str_eq(errs[0].path, "resources[0].region");
	gm_errors_free(errs);
	/* unchanged after a failure */
	ck_assert_ptr_nonnull(strstr(cat->urgent, "Clinic duty line"));
	gm_catalog_free(cat);
}
END_TEST

/* --- catalogue checks ------------------------------------------------ */

/* The default catalogue changed by edit, loaded; returns how many
 * problems there were and whether one names path with message. */
static int load_edited(void (*edit)(cJSON *root), const char *path, const char *message)
{
	cJSON *root = cJSON_ParseWithLength(gm_default_catalog, gm_default_catalog_len);
	gm_error *errs = NULL;
	size_t n = 0, i;
	gm_catalog *cat;
	char *text;
	int found = 0;

	ck_assert_ptr_nonnull(root);
	edit(root);
	text = cJSON_Print(root);
	cat = gm_catalog_load_buffer(text, strlen(text), "edited", &errs, &n);
	for (i = 0; i < n; i++)
		if (!strcmp(errs[i].path, path) && strstr(errs[i].message, message))
			found = 1;
	ck_assert_msg(cat == NULL && found, "no problem '%s: %s' (first: %s: %s)", path, message,
		      n ? errs[0].path : "", n ? errs[0].message : "none");
	gm_errors_free(errs);
	free(text);
	cJSON_Delete(root);
	return (int)n;
}

static cJSON *crisis_of(cJSON *root)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItem(root, "questions"), 0);
}

static void move_crisis_last(cJSON *root)
{
	cJSON *qs = cJSON_GetObjectItem(root, "questions");

	cJSON_AddItemToArray(qs, cJSON_DetachItemFromArray(qs, 0));
}

static void crisis_not_required(cJSON *root)
{
	cJSON_ReplaceItemInObject(crisis_of(root), "required", cJSON_CreateFalse());
}

static void crisis_default_no(cJSON *root)
{
	cJSON_AddItemToObject(crisis_of(root), "default", cJSON_CreateFalse());
}

static void short_urgent(cJSON *root)
{
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(root, "messages"), "urgent", cJSON_CreateString("x"));
}

static void no_resources(cJSON *root)
{
	cJSON_DeleteItemFromObject(root, "resources");
}

static void no_everywhere_resource(cJSON *root)
{
	cJSON *r = cJSON_GetObjectItem(root, "resources");

	cJSON_DeleteItemFromArray(r, 0);
	cJSON_DeleteItemFromArray(r, 0);
}

START_TEST(check_refuses_an_unsafe_safety_setup)
{
	load_edited(move_crisis_last, "questions[9]", "must be the first question");
	load_edited(crisis_not_required, "questions[0]", "\"required\": true");
	load_edited(crisis_default_no, "questions[0]", "must not have a default");
	load_edited(short_urgent, "messages.urgent", "too short");
	load_edited(no_resources, "resources", "missing");
	load_edited(no_everywhere_resource, "resources", "no resource for region \"*\"");
}
END_TEST

Suite *safety_suite(void)
{
	Suite *s = suite_create("safety");
	TCase *decide = tcase_create("decide");
	TCase *sticky = tcase_create("sticky");
	TCase *resources = tcase_create("resources");
	TCase *check = tcase_create("check");

	tcase_add_test(decide, each_text_decides_as_the_table_says);
	tcase_add_test(decide, a_nul_byte_makes_an_answer_unclear_not_blank);
	tcase_add_test(decide, unclear_and_yes_are_positive_and_named);
	suite_add_tcase(s, decide);

	tcase_add_checked_fixture(sticky, answers_setup, answers_teardown);
	tcase_add_test(sticky, a_yes_flag_is_not_overwritten_by_a_later_no);
	tcase_add_test(sticky, no_then_yes_is_yes);
	tcase_add_test(sticky, unclear_then_no_stays_unclear_and_yes_then_unclear_stays_yes);
	tcase_add_test(sticky, a_blank_answer_never_clears_the_safety_answer);
	tcase_add_test(sticky, unsure_is_urgent_not_invalid);
	tcase_add_test(sticky, question_ids_are_matched_in_any_ascii_case);
	tcase_add_test(sticky, json_duplicate_keys_keep_a_yes_whichever_comes_first);
	tcase_add_test(sticky, json_then_flag_cannot_turn_a_yes_into_no);
	tcase_add_test(sticky, json_key_case_and_odd_values_are_read_for_the_safety_question);
	tcase_add_test(sticky, json_nul_escape_is_refused_with_its_place);
	tcase_add_test(sticky, fhir_two_crisis_items_keep_the_yes);
	tcase_add_test(sticky, fhir_answer_list_with_true_and_false_is_unclear);
	tcase_add_test(sticky, fhir_link_id_in_capitals_and_coded_unsure_are_read);
	tcase_add_test(sticky, staff_flag_gives_the_staff_text);
	suite_add_tcase(s, sticky);

	tcase_add_test(resources, no_region_shows_the_everywhere_entries);
	tcase_add_test(resources, each_shipped_region_shows_its_own_line);
	tcase_add_test(resources, an_unknown_region_says_so_and_falls_back);
	tcase_add_test(resources, resources_can_be_replaced_and_bad_ones_are_listed);
	suite_add_tcase(s, resources);

	tcase_add_test(check, check_refuses_an_unsafe_safety_setup);
	suite_add_tcase(s, check);
	return s;
}
