/* check_safety.c - unit tests of the safety answer: one decision, sticky positives, the ledger, crisis resources, catalogue checks.
 *
 * Past 700 lines for a reason: the ledger is tested source by source
 * (flags, JSON, FHIR, copies) against one fixture, kept beside the
 * sticky-answer tests it extends.
 */
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
	ck_assert_str_eq(gm_result_message(res), "positive safety screen: contact today for a "
			 "clinician risk assessment; safety question answered yes");
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


/* --- one ledger per record: every safety item, every source ----------- */

#define MAIN_ANSWERS "\"goals\": \"life_transition\", \"focus\": \"support\", \"issues\": \"grief\", " \
	"\"comfort\": 3, \"connect\": \"yes\""

/* The answers a record needs to be ranked, without the safety question. */
static void main_rest(gm_answers *a)
{
	static const char *const flags[][2] = { { "goals", "life_transition" },
		{ "focus", "support" }, { "issues", "grief" }, { "comfort", "3" }, { "connect", "yes" } };

	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		ck_assert_int_eq(gm_answers_set(a, flags[i][0], flags[i][1], NULL), GM_OK);
}

/* The same, with crisis no. */
static void main_answers(gm_answers *a)
{
	ck_assert_int_eq(gm_answers_set(a, "crisis", "no", NULL), GM_OK);
	main_rest(a);
}

static size_t qindex(const char *id)
{
	const gm_catalog *cat = test_catalog();

	for (size_t q = 0; q < gm_catalog_question_count(cat); q++)
		if (!strcmp(gm_catalog_question_id(cat, q), id))
			return q;
	ck_abort_msg("no question %s", id);
	return 0;
}

/* The staff message after matching ans, for the notes. */
static const char *staff(void)
{
	gm_match(ans, GM_MATCH_STAFF, res);
	return gm_result_message(res) ? gm_result_message(res) : "";
}

#define ck_assert_has(hay, needle) \
	ck_assert_msg(strstr((hay), (needle)) != NULL, "'%s' lacks '%s'", (hay), (needle))

START_TEST(the_catalogue_marks_the_safety_question_and_item_9)
{
	const struct gm_catalog *cat = test_catalog();
	uint32_t want = 1u << cat->safety | 1u << qindex("phq9_9");

	ck_assert_uint_eq(cat->safety_items, want);
}
END_TEST

/* Each way of giving item 9 the answer 3 and then 0, in one record. */
static void item9_three_then_zero(int way)
{
	gm_answers *old = gm_answers_new(test_catalog());
	const char *fhir3 = FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueInteger\": 3}]}]}";

	switch (way) {
	case 0:	/* two flags */
		gm_answers_set(ans, "phq9_9", "3", NULL);
		gm_answers_set(ans, "phq9_9", "0", NULL);
		break;
	case 1:	/* a duplicate JSON key */
		set_json("{\"phq9_9\": 3, \"phq9_9\": 0}");
		break;
	case 2:	/* a file, then a flag */
		set_json("{\"phq9_9\": \"nearly every day\"}");
		gm_answers_add(ans, "phq9_9", "not at all", NULL);
		break;
	case 3:	/* FHIR by linkId, then by LOINC code */
		set_json(FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueInteger\": 3}]},"
			 "{\"linkId\": \"44260-8\", \"answer\": [{\"valueInteger\": 0}]}]}");
		break;
	case 4:	/* a form keeps an older copy of the answers, then copies it back */
		gm_answers_copy(old, ans);
		gm_answers_set(ans, "phq9_9", "3", NULL);
		gm_answers_copy(ans, old);
		gm_answers_set(ans, "phq9_9", "0", NULL);
		break;
	case 5:	/* unset, then a default-free blank, then 0 */
		set_json(fhir3);
		gm_answers_unset(ans, qindex("phq9_9"));
		gm_answers_set(ans, "phq9_9", "", NULL);
		set_json("{\"phq9_9\": null}");
		gm_answers_set(ans, "PHQ9_9", "0", NULL);
		break;
	case 6:	/* the review screen: a draft copied over, changed, copied back */
		gm_answers_set(ans, "phq9_9", "3", NULL);
		gm_answers_copy(old, ans);
		gm_answers_set(old, "phq9_9", "0", NULL);
		gm_answers_copy(ans, old);
		break;
	}
	gm_answers_free(old);
}

START_TEST(item_9_answered_3_then_0_keeps_3_from_every_source)
{
	size_t q9 = qindex("phq9_9");

	for (int way = 0; way <= 6; way++) {
		gm_answers_clear(ans);
		main_answers(ans);
		item9_three_then_zero(way);
		ck_assert_msg(gm_answers_value(ans, q9) == 3, "way %d kept %ld", way,
			      gm_answers_value(ans, q9));
		ck_assert_msg(status() == GM_RESULT_URGENT, "way %d: %s", way, gm_result_status_name(res));
		ck_assert_has(staff(), "PHQ-9 item 9 changed from 3 to 0 in this input");
		ck_assert_has(staff(), "PHQ-9 item 9 = 3 (nearly every day)");
	}
}
END_TEST

START_TEST(the_crisis_question_says_when_it_was_lowered)
{
	main_answers(ans);
	gm_answers_set(ans, "crisis", "yes", NULL);
	gm_answers_set(ans, "crisis", "no", NULL);
	ck_assert_has(staff(), "safety question answered yes");
	ck_assert_has(staff(), "safety question changed from yes to no in this input");
}
END_TEST

START_TEST(an_unreadable_item_9_is_review_never_invalid)
{
	static const char *const flags[] = { "yes", "4", "sometimes", "-1", "3;0" };
	static const char *const json[] = {
		"{\"phq9_9\": true}", "{\"phq9_9\": [3, 0]}", "{\"phq9_9\": {\"v\": 3}}", "{\"phq9_9\": 2.5}",
		FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueBoolean\": true}]}]}",
		FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueString\": \"sometimes\"}]}]}",
		FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueInteger\": 0, \"valueString\": \"0\"}]}]}",
		FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueInteger\": 0}, {\"valueInteger\": 0}]}]}",
		FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueQuantity\": {\"value\": 0}}]}]}",
	};
	size_t q9 = qindex("phq9_9");

	for (size_t i = 0; i < sizeof flags / sizeof flags[0] + sizeof json / sizeof json[0]; i++) {
		gm_answers_clear(ans);
		main_answers(ans);
		if (i < sizeof flags / sizeof flags[0])
			gm_answers_set(ans, "phq9_9", flags[i], NULL);
		else
			set_json(json[i - sizeof flags / sizeof flags[0]]);
		ck_assert_msg(!gm_answers_invalid(ans, q9), "case %zu left item 9 invalid", i);
		ck_assert_msg(status() == GM_RESULT_REVIEW, "case %zu: %s", i, gm_result_status_name(res));
		ck_assert_has(staff(), "unclear answer");
		ck_assert_has(staff(), "PHQ-9 item 9: ask it again today");
	}
	gm_answers_clear(ans);
	main_answers(ans);
	gm_answers_set(ans, "phq9_9", "sometimes", NULL);
	ck_assert_has(staff(), "unclear answer 'sometimes' to PHQ-9 item 9");
}
END_TEST

START_TEST(item_9_unanswered_with_other_items_is_review_and_never_prorated)
{
	main_answers(ans);
	for (int k = 1; k <= 8; k++) {
		char id[16];

		snprintf(id, sizeof id, "phq9_%d", k);
		gm_answers_set(ans, id, "0", NULL);
	}
	ck_assert_int_eq(status(), GM_RESULT_REVIEW);
	ck_assert_int_eq(gm_result_score_prorated(res, 0), 0);
	ck_assert_int_eq(gm_result_score_total(res, 0), -1);
	ck_assert_ptr_null(strstr(gm_result_message(res), "You said"));
	ck_assert_has(staff(), "PHQ-9 item 9 not answered: ask it today");
	/* the ranking is kept, as for every review */
	ck_assert_uint_gt(gm_result_rank_count(res), 0);
}
END_TEST

START_TEST(an_incomplete_phq9_fires_on_its_lower_bound)
{
	static const char *const seven[] = { "3", "3", "3", "3", "3", "3", "1" };

	main_answers(ans);
	for (int k = 0; k < 7; k++) {
		char id[16];

		snprintf(id, sizeof id, "phq9_%d", k + 1);
		gm_answers_set(ans, id, seven[k], NULL);
	}
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_REVIEW);
	ck_assert_ptr_nonnull(gm_result_setting(res));
	ck_assert_str_ne(gm_result_setting(res), "group");
	ck_assert_has(staff(), "PHQ-9 incomplete: answered items already sum to 19");
	/* the same seven with item 9 answered 0: no review, the bound still holds */
	gm_answers_set(ans, "phq9_9", "0", NULL);
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_str_ne(gm_result_setting(res), "group");
}
END_TEST

START_TEST(staff_notes_name_the_trigger)
{
	main_answers(ans);
	gm_answers_set(ans, "crisis", "yes", NULL);
	ck_assert_has(staff(), "safety question answered yes");
	ck_assert_has(staff(), "positive safety screen");
	gm_answers_clear(ans);
	main_rest(ans);
	gm_answers_set(ans, "crisis", "No.", NULL);
	ck_assert_has(staff(), "unclear answer 'No.' to the safety question: ask again today");
	gm_answers_clear(ans);
	main_answers(ans);
	gm_answers_set(ans, "phq9_9", "1", NULL);
	ck_assert_int_eq(status(), GM_RESULT_REVIEW);
	ck_assert_has(staff(), "PHQ-9 item 9 = 1 (several days)");
	/* the person-facing text stays the catalogue's */
	gm_match(ans, 0, res);
	ck_assert_ptr_null(strstr(gm_result_message(res), "PHQ-9 item 9 ="));
}
END_TEST

START_TEST(strict_never_hides_a_review_behind_missing_answers)
{
	gm_answers_set(ans, "crisis", "no", NULL);
	gm_answers_set(ans, "goals", "life_transition", NULL);
	gm_answers_set(ans, "phq9_9", "1", NULL);
	gm_match(ans, GM_MATCH_STRICT, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_REVIEW);
}
END_TEST

START_TEST(a_new_record_starts_with_an_empty_ledger)
{
	gm_answers_set(ans, "phq9_9", "3", NULL);
	gm_answers_set(ans, "crisis", "yes", NULL);
	gm_answers_clear(ans);
	main_answers(ans);
	ck_assert_int_eq(status(), GM_RESULT_OK);
	ck_assert_ptr_null(strstr(staff(), "changed from"));
}
END_TEST

START_TEST(json_keys_are_trimmed_and_duplicates_of_other_questions_are_errors)
{
	gm_error err;
	const char *json;

	set_json("{\"crisis \": true}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	gm_answers_clear(ans);
	set_json("{\" PHQ9_9\": 2}");
	ck_assert_int_eq(gm_answers_value(ans, qindex("phq9_9")), 2);
	/* spaces of other kinds and zero-width characters: read fail-closed */
	gm_answers_clear(ans);
	set_json("{\"crisis\u00a0\": \"yes\"}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	gm_answers_clear(ans);
	set_json("{\"cri\u200bsis\": \"no\"}");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	gm_answers_clear(ans);
	set_json("{\"CRISIS\u3000\": \"not sure\"}");
	ck_assert(gm_safety_positive(gm_answers_safety(ans)));
	gm_answers_clear(ans);
	main_answers(ans);
	set_json("{\"phq9_9\u2002\": 0}");
	ck_assert_int_eq(status(), GM_RESULT_REVIEW);
	gm_answers_clear(ans);
	json = "{" MAIN_ANSWERS ", \"crisis\": \"no\", \"comfort\": 4}";
	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_ERR_ANSWER);
	ck_assert_has(err.message, "3");
	ck_assert_has(err.message, "4");
	ck_assert_int_eq(status(), GM_RESULT_INVALID);
	/* the same value twice is no conflict */
	gm_answers_clear(ans);
	json = "{" MAIN_ANSWERS ", \"crisis\": \"no\", \"Comfort\": 3}";
	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_OK);
}
END_TEST

START_TEST(fhir_duplicates_at_every_level_keep_the_positive)
{
	static const char *const cases[] = {
		/* two valueBoolean in one answer */
		FHIR_HEAD "{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true, \"valueBoolean\": false}]}]}",
		FHIR_HEAD "{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": false, \"valueBoolean\": true}]}]}",
		/* two answer arrays */
		FHIR_HEAD "{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true}], \"answer\": [{\"valueBoolean\": false}]}]}",
		/* two item arrays */
		"{\"resourceType\": \"QuestionnaireResponse\", \"item\": [{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true}]}],"
		" \"item\": [{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": false}]}]}",
		/* two value[x] of different types */
		FHIR_HEAD "{\"linkId\": \"crisis\", \"answer\": [{\"valueString\": \"no\", \"valueCoding\": {\"code\": \"yes\"}}]}]}",
		/* keys in the wrong case or with blanks */
		FHIR_HEAD "{\"linkId\": \"crisis\", \"Answer\": [{\"valueBoolean\": true}]}]}",
		FHIR_HEAD "{\"LinkId\": \"crisis\", \"answer\": [{\"ValueBoolean\": true}]}]}",
		FHIR_HEAD "{\"linkId\": \"crisis\", \"answer \": [{\" valueBoolean\": true}]}]}",
		"{\"resourceType\": \"QuestionnaireResponse\", \"Item\": [{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true}]}]}",
		/* two linkIds */
		FHIR_HEAD "{\"linkId\": \"goals\", \"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true}]}]}",
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		gm_answers_clear(ans);
		set_json(cases[i]);
		ck_assert_msg(gm_safety_positive(gm_answers_safety(ans)), "case %zu read %s", i,
			      gm_safety_name(gm_answers_safety(ans)));
	}
	/* item 9 in two answer arrays */
	gm_answers_clear(ans);
	set_json(FHIR_HEAD "{\"linkId\": \"phq9_9\", \"answer\": [{\"valueInteger\": 3}], \"answer\": [{\"valueInteger\": 0}]}]}");
	ck_assert_int_eq(gm_answers_value(ans, qindex("phq9_9")), 3);
}
END_TEST

START_TEST(fhir_duplicates_of_other_questions_are_errors_naming_both)
{
	gm_error err;
	const char *json = FHIR_HEAD "{\"linkId\": \"comfort\", \"answer\": [{\"valueInteger\": 2, \"valueInteger\": 5}]}]}";

	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_ERR_ANSWER);
	ck_assert_has(err.message, "2");
	ck_assert_has(err.message, "5");
	gm_answers_clear(ans);
	json = FHIR_HEAD "{\"linkId\": \"comfort\", \"answer\": [{\"valueInteger\": 2}]},"
		"{\"linkId\": \"comfort\", \"answer\": [{\"valueInteger\": 5}]}]}";
	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_ERR_ANSWER);
	ck_assert_has(err.message, "2");
	ck_assert_has(err.message, "5");
}
END_TEST

START_TEST(fhir_entered_in_error_is_refused_after_its_safety_items_are_read)
{
	gm_error err;
	const char *json = "{\"resourceType\": \"QuestionnaireResponse\", \"status\": \"entered-in-error\", \"item\": ["
		"{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": true}]}]}";

	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_ERR_ARG);
	ck_assert_has(err.message, "entered-in-error");
	ck_assert_has(err.message, "safety question answered yes");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	gm_answers_clear(ans);
	json = "{\"resourceType\": \"QuestionnaireResponse\", \"status\": \"entered-in-error\", \"item\": ["
		"{\"linkId\": \"crisis\", \"answer\": [{\"valueBoolean\": false}]}]}";
	ck_assert_int_eq(gm_answers_set_json(ans, json, strlen(json), &err, NULL), GM_ERR_ARG);
	ck_assert_ptr_null(strstr(err.message, "answered yes"));
}
END_TEST

Suite *safety_suite(void)
{
	Suite *s = suite_create("safety");
	TCase *decide = tcase_create("decide");
	TCase *sticky = tcase_create("sticky");
	TCase *resources = tcase_create("resources");
	TCase *check = tcase_create("check");
	TCase *ledger = tcase_create("ledger");

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

	tcase_add_checked_fixture(ledger, answers_setup, answers_teardown);
	tcase_add_test(ledger, the_catalogue_marks_the_safety_question_and_item_9);
	tcase_add_test(ledger, item_9_answered_3_then_0_keeps_3_from_every_source);
	tcase_add_test(ledger, the_crisis_question_says_when_it_was_lowered);
	tcase_add_test(ledger, an_unreadable_item_9_is_review_never_invalid);
	tcase_add_test(ledger, item_9_unanswered_with_other_items_is_review_and_never_prorated);
	tcase_add_test(ledger, an_incomplete_phq9_fires_on_its_lower_bound);
	tcase_add_test(ledger, staff_notes_name_the_trigger);
	tcase_add_test(ledger, a_new_record_starts_with_an_empty_ledger);
	tcase_add_test(ledger, strict_never_hides_a_review_behind_missing_answers);
	tcase_add_test(ledger, json_keys_are_trimmed_and_duplicates_of_other_questions_are_errors);
	tcase_add_test(ledger, fhir_duplicates_at_every_level_keep_the_positive);
	tcase_add_test(ledger, fhir_duplicates_of_other_questions_are_errors_naming_both);
	tcase_add_test(ledger, fhir_entered_in_error_is_refused_after_its_safety_items_are_read);
	suite_add_tcase(s, ledger);
	return s;
}
