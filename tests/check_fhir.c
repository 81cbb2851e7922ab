/* check_fhir.c - the FHIR Questionnaire export and QuestionnaireResponse reading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "check_suites.h"
#include "answers.h"
#include "buf.h"
#include "catalog.h"
#include "fhir.h"

/* The exported Questionnaire of the default catalogue, parsed. */
static cJSON *exported(void)
{
	struct buf out = BUF_INIT;
	cJSON *root;

	ck_assert_int_eq(fhir_questionnaire(&out, test_catalog()), 0);
	root = cJSON_ParseWithLength(out.data, out.len);
	ck_assert_msg(root != NULL, "the export is not JSON");
	buf_release(&out);
	return root;
}

static const char *str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *read_fixture(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *text;
	long n;

	snprintf(path, sizeof path, "%s/fhir/%s", GM_TEST_DATA, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(fread(text, 1, (size_t)n, f), n);
	text[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return text;
}

/* Reads a QuestionnaireResponse given as text into new answers. */
static gm_answers *read_response(const char *json, gm_status *st, gm_error *err,
				 size_t *nunknown)
{
	gm_answers *ans = gm_answers_new(test_catalog());
	cJSON *root = cJSON_Parse(json);

	ck_assert_ptr_nonnull(ans);
	ck_assert_msg(root != NULL, "bad test JSON: %s", json);
	memset(err, 0, sizeof *err);
	*nunknown = 0;
	*st = fhir_read_response(ans, root, err, nunknown);
	cJSON_Delete(root);
	return ans;
}

static int question(const char *id)
{
	int q = catalog_find_question(test_catalog(), id, strlen(id));

	ck_assert_msg(q >= 0, "no question '%s'", id);
	return q;
}

/* Asserts two results rank the same groups with the same scores. */
static void assert_same_result(const gm_result *a, const gm_result *b)
{
	size_t i;

	ck_assert_str_eq(gm_result_status_name(a), gm_result_status_name(b));
	ck_assert_uint_eq(gm_result_rank_count(a), gm_result_rank_count(b));
	for (i = 0; i < gm_result_rank_count(a); i++) {
		ck_assert_str_eq(gm_result_group_id(a, i), gm_result_group_id(b, i));
		ck_assert_int_eq(gm_result_score(a, i), gm_result_score(b, i));
		ck_assert_int_eq(gm_result_percent(a, i), gm_result_percent(b, i));
		ck_assert_uint_eq(gm_result_reason_count(a, i), gm_result_reason_count(b, i));
		ck_assert_uint_eq(gm_result_caution_count(a, i), gm_result_caution_count(b, i));
	}
	ck_assert_uint_eq(gm_result_missing_count(a), gm_result_missing_count(b));
	if (gm_result_setting(a) || gm_result_setting(b))
		ck_assert_str_eq(gm_result_setting(a), gm_result_setting(b));
	ck_assert_int_eq(gm_result_readiness(a), gm_result_readiness(b));
	ck_assert_int_eq(gm_result_comfort(a), gm_result_comfort(b));
}

START_TEST(export_is_an_active_r4_questionnaire)
{
	cJSON *root = exported();

	ck_assert_str_eq(str(root, "resourceType"), "Questionnaire");
	ck_assert_str_eq(str(root, "status"), "active");
	ck_assert_str_eq(str(root, "id"), "groupmatch");
	ck_assert_str_eq(str(root, "url"), FHIR_QUESTIONNAIRE_URL);
	ck_assert_ptr_nonnull(str(root, "name"));
	ck_assert_ptr_nonnull(str(root, "title"));
	cJSON_Delete(root);
}
END_TEST

START_TEST(export_has_every_question_in_order_with_its_text)
{
	const gm_catalog *cat = test_catalog();
	cJSON *root = exported();
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "item");
	const cJSON *it;
	int i = 0;

	cJSON_ArrayForEach(it, items) {
		const cJSON *sub;

		if (!strcmp(str(it, "type"), "group")) {	/* a score block's items */
			cJSON_ArrayForEach(sub, cJSON_GetObjectItemCaseSensitive(it, "item")) {
				ck_assert_str_eq(str(sub, "linkId"), cat->questions[i].id);
				ck_assert_str_eq(str(sub, "text"), cat->questions[i].text);
				i++;
			}
			continue;
		}
		ck_assert_str_eq(str(it, "linkId"), cat->questions[i].id);
		ck_assert_str_eq(str(it, "text"), cat->questions[i].text);
		i++;
	}
	ck_assert_int_eq(i, cat->nquestions);
	cJSON_Delete(root);
}
END_TEST

START_TEST(export_types_repeats_and_required_follow_the_question_kinds)
{
	static const char *const types[] = { "boolean", "choice", "choice", "integer" };
	const gm_catalog *cat = test_catalog();
	cJSON *root = exported();
	const cJSON *it;
	int i = 0;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "item")) {
		const struct gm_question *q = &cat->questions[i++];

		if (q->role == ROLE_ITEM) {	/* score items: LOINC-coded choices in a group */
			ck_assert_str_eq(str(it, "type"), "group");
			ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(it, "item"), 0),
					     "type"), "choice");
			continue;
		}
		ck_assert_str_eq(str(it, "type"), types[q->kind]);
		ck_assert_int_eq(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "repeats")),
				 q->kind == Q_MULTI);
		ck_assert_int_eq(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "required")),
				 q->required != 0);
	}
	cJSON_Delete(root);
}
END_TEST

START_TEST(export_answer_option_codes_are_the_option_ids)
{
	const gm_catalog *cat = test_catalog();
	cJSON *root = exported();
	const cJSON *it, *opt, *coding;
	char system[256];
	int i = 0, k, nchoice = 0;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "item")) {
		const struct gm_question *q = &cat->questions[i++];
		const cJSON *opts = cJSON_GetObjectItemCaseSensitive(it, "answerOption");

		if (q->kind != Q_SINGLE && q->kind != Q_MULTI) {
			ck_assert_ptr_null(opts);
			continue;
		}
		nchoice++;
		snprintf(system, sizeof system, "%s/%s", FHIR_CODE_SYSTEM, q->id);
		ck_assert_int_eq(cJSON_GetArraySize(opts), q->noptions);
		k = 0;
		cJSON_ArrayForEach(opt, opts) {
			coding = cJSON_GetObjectItemCaseSensitive(opt, "valueCoding");
			ck_assert_str_eq(str(coding, "system"), system);
			ck_assert_str_eq(str(coding, "code"), q->options[k].id);
			ck_assert_str_eq(str(coding, "display"), q->options[k].label);
			k++;
		}
	}
	ck_assert_int_ge(nchoice, 4);
	cJSON_Delete(root);
}
END_TEST

START_TEST(export_scale_bounds_are_min_and_max_value_extensions)
{
	const struct gm_question *q = &test_catalog()->questions[question("comfort")];
	cJSON *root = exported();
	const cJSON *it = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "item"),
					     question("comfort"));
	const cJSON *ext;
	int seen = 0;

	cJSON_ArrayForEach(ext, cJSON_GetObjectItemCaseSensitive(it, "extension")) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(ext, "valueInteger");

		if (strcmp(str(ext, "url"), "http://hl7.org/fhir/StructureDefinition/minValue") == 0) {
			ck_assert_int_eq(v->valueint, q->min);
			seen |= 1;
		} else if (strcmp(str(ext, "url"), "http://hl7.org/fhir/StructureDefinition/maxValue") == 0) {
			ck_assert_int_eq(v->valueint, q->max);
			seen |= 2;
		}
	}
	ck_assert_int_eq(seen, 3);
	cJSON_Delete(root);
}
END_TEST

START_TEST(export_help_is_a_nested_display_item)
{
	cJSON *root = exported();
	const cJSON *it = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "item"),
					     question("structure"));
	const cJSON *help = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(it, "item"), 0);

	ck_assert_str_eq(str(help, "type"), "display");
	ck_assert_str_eq(str(help, "linkId"), "structure.help");
	ck_assert_str_eq(str(help, "text"),
			 test_catalog()->questions[question("structure")].help);
	cJSON_Delete(root);
}
END_TEST

/* Answering every question with its first option (yes, the scale's
 * minimum) through the exported codes gives the answers typed ids give. */
START_TEST(export_codes_read_back_as_the_same_answers)
{
	const gm_catalog *cat = test_catalog();
	cJSON *root = exported(), *resp, *items, *item, *answers, *answer;
	const cJSON *it, *coding;
	gm_answers *typed = gm_answers_new(cat), *coded = gm_answers_new(cat);
	gm_error err;
	size_t nunknown;
	char num[16];
	int i = 0;

	resp = cJSON_CreateObject();
	cJSON_AddStringToObject(resp, "resourceType", "QuestionnaireResponse");
	items = cJSON_AddArrayToObject(resp, "item");
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "item")) {
		const struct gm_question *q = &cat->questions[i++];
		const cJSON *sub;

		if (!strcmp(str(it, "type"), "group")) {
			/* each score item answered with its first LOINC answer code */
			i--;
			cJSON_ArrayForEach(sub, cJSON_GetObjectItemCaseSensitive(it, "item")) {
				q = &cat->questions[i++];
				item = cJSON_CreateObject();
				cJSON_AddStringToObject(item, "linkId", str(sub, "linkId"));
				answers = cJSON_AddArrayToObject(item, "answer");
				answer = cJSON_CreateObject();
				coding = cJSON_GetObjectItemCaseSensitive(
					cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(sub, "answerOption"), 0),
					"valueCoding");
				ck_assert_str_eq(str(coding, "code"), "LA6568-5");
				cJSON_AddItemToObject(answer, "valueCoding", cJSON_Duplicate(coding, 1));
				ck_assert_int_eq(gm_answers_set(typed, q->id, "0", NULL), GM_OK);
				cJSON_AddItemToArray(answers, answer);
				cJSON_AddItemToArray(items, item);
			}
			continue;
		}
		item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "linkId", str(it, "linkId"));
		answers = cJSON_AddArrayToObject(item, "answer");
		answer = cJSON_CreateObject();
		switch (q->kind) {
		case Q_YESNO:
			cJSON_AddBoolToObject(answer, "valueBoolean", 1);
			ck_assert_int_eq(gm_answers_set(typed, q->id, "yes", NULL), GM_OK);
			break;
		case Q_SCALE:
			cJSON_AddNumberToObject(answer, "valueInteger", q->min);
			snprintf(num, sizeof num, "%d", q->min);
			ck_assert_int_eq(gm_answers_set(typed, q->id, num, NULL), GM_OK);
			break;
		default:
			coding = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(it, "answerOption"), 0),
				"valueCoding");
			cJSON_AddItemToObject(answer, "valueCoding", cJSON_Duplicate(coding, 1));
			ck_assert_int_eq(gm_answers_set(typed, q->id, q->options[0].id, NULL), GM_OK);
			break;
		}
		cJSON_AddItemToArray(answers, answer);
		cJSON_AddItemToArray(items, item);
	}
	ck_assert_int_eq(fhir_read_response(coded, resp, &err, &nunknown), GM_OK);
	ck_assert_uint_eq(nunknown, 0);
	ck_assert_uint_eq(coded->present, typed->present);
	for (i = 0; i < cat->nquestions; i++)
		ck_assert_int_eq(coded->value[i], typed->value[i]);
	gm_answers_free(typed);
	gm_answers_free(coded);
	cJSON_Delete(resp);
	cJSON_Delete(root);
}
END_TEST

START_TEST(response_fixture_ranks_as_the_equivalent_answer_flags)
{
	static const char *const flags[][2] = {
		{ "crisis", "no" },
		{ "goals", "symptom_relief;skill_building" },
		{ "structure", "structured" },
		{ "focus", "education" },
		{ "issues", "panic;anxiety" },
		{ "comfort", "2" },
		{ "connect", "yes" },
		{ "feedback", "no" },
		{ "practice", "yes" },
		{ "mutual", "yes" },
	};
	const gm_catalog *cat = test_catalog();
	gm_answers *typed = gm_answers_new(cat), *fhir = gm_answers_new(cat);
	gm_result *a = gm_result_new(cat), *b = gm_result_new(cat);
	gm_error err;
	size_t len, nunknown = 0, i;
	char *text = read_fixture("response.json", &len);

	for (i = 0; i < sizeof flags / sizeof flags[0]; i++)
		ck_assert_int_eq(gm_answers_set(typed, flags[i][0], flags[i][1], NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set_json(fhir, text, len, &err, &nunknown), GM_OK);
	ck_assert_uint_eq(nunknown, 1);
	gm_match(typed, 0, a);
	gm_match(fhir, 0, b);
	ck_assert_str_eq(gm_result_status_name(b), "ok");
	assert_same_result(a, b);
	ck_assert_uint_eq(gm_result_missing_count(b), 0);
	free(text);
	gm_result_free(a);
	gm_result_free(b);
	gm_answers_free(typed);
	gm_answers_free(fhir);
}
END_TEST

START_TEST(items_nested_in_groups_and_answers_are_read)
{
	gm_error err;
	gm_status st;
	size_t nunknown;
	gm_answers *ans = read_response(
		"{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"page1\","
		"\"item\":[{\"linkId\":\"section\",\"item\":[{\"linkId\":\"comfort\","
		"\"answer\":[{\"valueInteger\":4}]}]}]},{\"linkId\":\"connect\",\"answer\":"
		"[{\"valueBoolean\":true,\"item\":[{\"linkId\":\"mutual\",\"answer\":"
		"[{\"valueBoolean\":false}]}]}]}]}", &st, &err, &nunknown);

	ck_assert_int_eq(st, GM_OK);
	ck_assert_uint_eq(nunknown, 0);
	ck_assert_int_eq(ans->value[question("comfort")], 4);
	ck_assert_int_eq(ans->value[question("connect")], 1);
	ck_assert(ans->present >> question("mutual") & 1);
	ck_assert_int_eq(ans->value[question("mutual")], 0);
	gm_answers_free(ans);
}
END_TEST

START_TEST(repeated_answers_to_a_multi_question_are_combined)
{
	const struct gm_question *q = &test_catalog()->questions[question("issues")];
	gm_error err;
	gm_status st;
	size_t nunknown;
	gm_answers *ans = read_response(
		"{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"issues\","
		"\"answer\":[{\"valueCoding\":{\"code\":\"grief\"}},{\"valueString\":\"Anger\"}]},"
		"{\"linkId\":\"issues\",\"answer\":[{\"valueCoding\":{\"display\":\"Stress\"}}]}]}",
		&st, &err, &nunknown);
	int64_t want = 0;

	want |= (int64_t)1 << answers_find_option(q, "grief", 5);
	want |= (int64_t)1 << answers_find_option(q, "anger", 5);
	want |= (int64_t)1 << answers_find_option(q, "stress", 6);
	ck_assert_int_eq(st, GM_OK);
	ck_assert_int_eq(ans->value[question("issues")], want);
	gm_answers_free(ans);
}
END_TEST

START_TEST(a_wrong_value_type_names_the_linkid_and_the_path)
{
	const gm_catalog *cat = test_catalog();
	gm_answers *ans = gm_answers_new(cat);
	gm_result *res = gm_result_new(cat);
	gm_error err;
	size_t len, nunknown;
	char *text = read_fixture("wrong-type.json", &len);

	ck_assert_int_eq(gm_answers_set_json(ans, text, len, &err, &nunknown), GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, "item[1].item[0].answer[0].valueBoolean");
	ck_assert_ptr_nonnull(strstr(err.message, "linkId 'comfort'"));
	ck_assert_ptr_nonnull(strstr(err.message, "valueInteger"));
	gm_match(ans, 0, res);
	ck_assert_str_eq(gm_result_status_name(res), "invalid");
	ck_assert_ptr_nonnull(strstr(gm_result_message(res), "linkId 'comfort'"));
	free(text);
	gm_result_free(res);
	gm_answers_free(ans);
}
END_TEST

START_TEST(bad_values_are_errors_naming_the_linkid)
{
	static const struct { const char *answer, *want; } cases[] = {
		{ "{\"linkId\":\"comfort\",\"answer\":[{\"valueInteger\":9}]}", "'9' is not in 1-5" },
		{ "{\"linkId\":\"comfort\",\"answer\":[{\"valueDecimal\":2.5}]}", "not a whole number" },
		{ "{\"linkId\":\"goals\",\"answer\":[{\"valueCoding\":{\"code\":\"flying\"}}]}", "'flying'" },
		{ "{\"linkId\":\"goals\",\"answer\":[{\"valueBoolean\":true}]}", "valueCoding" },
		{ "{\"linkId\":\"structure\",\"answer\":[{\"valueCoding\":{\"code\":\"structured\"}},"
		  "{\"valueCoding\":{\"code\":\"open_ended\"}}]}", "one answer" },
		{ "{\"linkId\":\"connect\",\"answer\":[{\"valueString\":\"maybe\"}]}", "'maybe'" },
		{ "{\"linkId\":\"connect\",\"answer\":[{\"valueInteger\":2}]}", "valueBoolean" },
		{ "{\"linkId\":\"connect\",\"answer\":[{}]}", "no value" },
		{ "{\"linkId\":\"connect\",\"answer\":{\"valueBoolean\":true}}", "not an array" },
		{ "{\"linkId\":\"connect\",\"answer\":[{\"valueBoolean\":null}]}", "valueBoolean is not true or false" },
		{ "{\"linkId\":\"goals\",\"answer\":[{\"valueCoding\":\"grief\"}]}", "valueCoding is not an object" },
		{ "{\"linkId\":\"goals\",\"answer\":[{\"valueCoding\":{\"system\":\"x\"}}]}", "no code or display" },
		{ "{\"linkId\":\"goals\",\"answer\":[{\"valueString\":7}]}", "valueString is not a string" },
		{ "{\"linkId\":\"comfort\",\"answer\":[{\"valueDate\":\"2026-01-01\"}]}", "not valueDate" },
		{ "{\"linkId\":\"goals\",\"answer\":[{\"valueCoding\":{\"code\":\"\"}}]}", "empty" },
	};
	char json[512];
	gm_error err;
	gm_status st;
	size_t nunknown, i;
	gm_answers *ans;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(json, sizeof json,
			 "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[%s]}", cases[i].answer);
		ans = read_response(json, &st, &err, &nunknown);
		ck_assert_msg(st == GM_ERR_ANSWER, "case %zu: status %d", i, st);
		ck_assert_msg(strstr(err.message, cases[i].want) != NULL,
			      "case %zu: '%s' lacks '%s'", i, err.message, cases[i].want);
		ck_assert_msg(strstr(err.message, "linkId '") == err.message,
			      "case %zu: '%s'", i, err.message);
		ck_assert_uint_ne(ans->invalid, 0);
		gm_answers_free(ans);
	}
}
END_TEST

START_TEST(unknown_linkids_are_counted_not_errors)
{
	gm_error err;
	gm_status st;
	size_t nunknown;
	gm_answers *ans = read_response(
		"{\"resourceType\":\"QuestionnaireResponse\",\"item\":["
		"{\"linkId\":\"favourite_colour\",\"answer\":[{\"valueString\":\"blue\"}]},"
		"{\"linkId\":\"page\",\"item\":[{\"linkId\":\"shoe_size\",\"answer\":[{\"valueInteger\":9}]}]},"
		"{\"linkId\":\"comfort\",\"answer\":[{\"valueInteger\":3}]}]}", &st, &err, &nunknown);

	ck_assert_int_eq(st, GM_OK);
	ck_assert_uint_eq(nunknown, 2);
	ck_assert_int_eq(ans->value[question("comfort")], 3);
	ck_assert_uint_eq(ans->invalid, 0);
	gm_answers_free(ans);
}
END_TEST

START_TEST(malformed_responses_are_rejected_without_crashing)
{
	static const char *const cases[] = {
		"{\"resourceType\":\"Questionnaire\"}",
		"[]",
		"{\"resourceType\":\"QuestionnaireResponse\",\"item\":{}}",
		"{\"resourceType\":\"QuestionnaireResponse\",\"item\":[3]}",
		"{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"answer\":[]}]}",
		"{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":7}]}",
	};
	gm_error err;
	gm_status st;
	size_t nunknown, i;
	gm_answers *ans;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ans = read_response(cases[i], &st, &err, &nunknown);
		ck_assert_msg(st == GM_ERR_ARG, "case %zu: status %d", i, st);
		ck_assert_msg(err.message[0] != '\0', "case %zu: no message", i);
		gm_answers_free(ans);
	}
}
END_TEST

START_TEST(deeply_nested_items_stop_with_an_error)
{
	struct buf json = BUF_INIT;
	gm_error err;
	gm_status st;
	size_t nunknown;
	gm_answers *ans;
	int i;

	buf_adds(&json, "{\"resourceType\":\"QuestionnaireResponse\",\"item\":");
	for (i = 0; i < 200; i++)
		buf_adds(&json, "[{\"linkId\":\"g\",\"item\":");
	buf_adds(&json, "[]");
	for (i = 0; i < 200; i++)
		buf_adds(&json, "}]");
	buf_addc(&json, '}');
	ans = read_response(buf_cstr(&json), &st, &err, &nunknown);
	ck_assert_int_eq(st, GM_ERR_ARG);
	ck_assert_msg(strstr(err.message, "nested") != NULL, "%s", err.message);
	gm_answers_free(ans);
	buf_release(&json);
}
END_TEST

Suite *fhir_suite(void)
{
	Suite *s = suite_create("fhir");
	TCase *tc = tcase_create("questionnaire");

	tcase_add_test(tc, export_is_an_active_r4_questionnaire);
	tcase_add_test(tc, export_has_every_question_in_order_with_its_text);
	tcase_add_test(tc, export_types_repeats_and_required_follow_the_question_kinds);
	tcase_add_test(tc, export_answer_option_codes_are_the_option_ids);
	tcase_add_test(tc, export_scale_bounds_are_min_and_max_value_extensions);
	tcase_add_test(tc, export_help_is_a_nested_display_item);
	tcase_add_test(tc, export_codes_read_back_as_the_same_answers);
	suite_add_tcase(s, tc);
	tc = tcase_create("response");
	tcase_add_test(tc, response_fixture_ranks_as_the_equivalent_answer_flags);
	tcase_add_test(tc, items_nested_in_groups_and_answers_are_read);
	tcase_add_test(tc, repeated_answers_to_a_multi_question_are_combined);
	tcase_add_test(tc, a_wrong_value_type_names_the_linkid_and_the_path);
	tcase_add_test(tc, bad_values_are_errors_naming_the_linkid);
	tcase_add_test(tc, unknown_linkids_are_counted_not_errors);
	tcase_add_test(tc, malformed_responses_are_rejected_without_crashing);
	tcase_add_test(tc, deeply_nested_items_stop_with_an_error);
	suite_add_tcase(s, tc);
	return s;
}
