/* check_answers.c - unit tests of answer parsing: ids, labels, numbers, yes/no, scales, multi-choice, JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "check_suites.h"
#include "answers.h"

static gm_answers *ans;

static void setup(void)
{
	ans = gm_answers_new(test_catalog());
	ck_assert_ptr_nonnull(ans);
}

static void teardown(void)
{
	gm_answers_free(ans);
	ans = NULL;
}

static int qindex(const char *id)
{
	int q = catalog_find_question(ans->cat, id, strlen(id));

	ck_assert_msg(q >= 0, "no question '%s'", id);
	return q;
}

/* The bit of option id in question qid. */
static uint64_t bit(const char *qid, const char *id)
{
	const struct gm_question *q = &ans->cat->questions[qindex(qid)];
	int i;

	for (i = 0; i < q->noptions; i++)
		if (!strcmp(q->options[i].id, id))
			return (uint64_t)1 << i;
	ck_abort_msg("no option '%s' of '%s'", id, qid);
	return 0;
}

static int present(const char *qid)
{
	return ans->present >> qindex(qid) & 1;
}

static int invalid(const char *qid)
{
	return ans->invalid >> qindex(qid) & 1;
}

static int64_t value(const char *qid)
{
	ck_assert_msg(present(qid), "'%s' has no answer", qid);
	return ans->value[qindex(qid)];
}

/* Sets q=v and asserts it is accepted. */
static void accept(const char *q, const char *v)
{
	gm_error err;

	memset(&err, 0, sizeof err);
	ck_assert_msg(gm_answers_set(ans, q, v, &err) == GM_OK, "%s='%s': %s", q, v, err.message);
	ck_assert(!invalid(q));
}

/* Sets q=v, asserts it is refused and returns the error message. */
static const char *refuse(const char *q, const char *v)
{
	static gm_error err;

	memset(&err, 0, sizeof err);
	ck_assert_msg(gm_answers_set(ans, q, v, &err) == GM_ERR_ANSWER, "%s='%s' accepted", q, v);
	ck_assert_int_eq(err.status, GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, q);
	ck_assert(invalid(q));
	ck_assert(!present(q));
	return err.message;
}

START_TEST(option_matches_by_id)
{
	accept("structure", "open_ended");
	ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
}
END_TEST

START_TEST(label_matches_in_any_case)
{
	accept("structure", "Open-ended");
	ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
	accept("structure", "NO PREFERENCE");
	ck_assert_uint_eq(value("structure"), bit("structure", "no_preference"));
	accept("goals", "relief from SYMPTOMS");
	ck_assert_uint_eq(value("goals"), bit("goals", "symptom_relief"));
}
END_TEST

START_TEST(id_matches_in_any_case)
{
	accept("structure", "STRUCTURED");
	ck_assert_uint_eq(value("structure"), bit("structure", "structured"));
}
END_TEST

START_TEST(number_picks_the_option_counting_from_one)
{
	accept("structure", "1");
	ck_assert_uint_eq(value("structure"), bit("structure", "structured"));
	accept("structure", "3");
	ck_assert_uint_eq(value("structure"), bit("structure", "no_preference"));
	accept("issues", "17");
	ck_assert_uint_eq(value("issues"), bit("issues", "stress"));
}
END_TEST

START_TEST(the_start_of_one_option_names_it)
{
	accept("structure", "open");
	ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
	accept("structure", "No pref");
	ck_assert_uint_eq(value("structure"), bit("structure", "no_preference"));
	/* the start of two options names neither, and the error names both */
	ck_assert_str_eq(refuse("issues", "soc"),
			 "'soc' could be more than one option (social_anxiety or social_skills)");
}
END_TEST

START_TEST(out_of_range_numbers_are_not_options)
{
	ck_assert_str_eq(refuse("structure", "0"),
			 "'0' is not an option (one of structured, open_ended, no_preference, or 1-3)");
	refuse("structure", "4");
	refuse("structure", "-1");
	refuse("structure", "99999999999999");
	refuse("goals", "9");
}
END_TEST

START_TEST(unknown_option_suggests_the_closest_id)
{
	ck_assert_str_eq(refuse("structure", "structurd"),
			 "'structurd' is not an option (did you mean 'structured'?)");
	ck_assert_str_eq(refuse("issues", "zebra"),
			 "'zebra' is not an option (one of anxiety, social_anxiety, panic, depression, "
			 "obsessive_thoughts, trauma, grief, addiction, anger, chronic_pain, serious_illness, "
			 "caregiving, social_skills, intense_emotions, relationship_conflict, self_esteem, "
			 "stress, or 1-17)");
}
END_TEST

START_TEST(yes_no_synonyms_are_accepted_in_any_case)
{
	static const char *const yes[] = { "yes", "YES", "Yes", "y", "Y", "true", "TRUE", "1" };
	static const char *const no[] = { "no", "No", "n", "N", "false", "False", "0" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		accept("connect", yes[i]);
		ck_assert_int_eq(value("connect"), 1);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		accept("connect", no[i]);
		ck_assert_int_eq(value("connect"), 0);
	}
}
END_TEST

START_TEST(other_words_are_not_yes_or_no)
{
	ck_assert_str_eq(refuse("connect", "maybe"), "'maybe' is not yes or no");
	refuse("connect", "2");
	refuse("connect", "yess");
	refuse("connect", "ye");
	refuse("connect", "yes no");
}
END_TEST

START_TEST(parse_yesno_reads_each_synonym)
{
	ck_assert_int_eq(answers_parse_yesno("TrUe", 4), 1);
	ck_assert_int_eq(answers_parse_yesno(" n ", 3), 0);
	ck_assert_int_eq(answers_parse_yesno("yes", 2), -1);
	ck_assert_int_eq(answers_parse_yesno("", 0), -1);
	ck_assert_int_eq(answers_parse_yesno("o", 1), -1);
	ck_assert_int_eq(answers_parse_yesno("Yeah", 4), 1);
	ck_assert_int_eq(answers_parse_yesno("nope", 4), 0);
	ck_assert_int_eq(answers_parse_yesno("CHECKED", 7), 1);
	ck_assert_int_eq(answers_parse_yesno("unchecked", 9), 0);
}
END_TEST

START_TEST(scale_accepts_its_bounds)
{
	accept("comfort", "1");
	ck_assert_int_eq(value("comfort"), 1);
	accept("comfort", "5");
	ck_assert_int_eq(value("comfort"), 5);
	accept("comfort", "+3");
	ck_assert_int_eq(value("comfort"), 3);
}
END_TEST

START_TEST(scale_refuses_values_outside_its_bounds)
{
	ck_assert_str_eq(refuse("comfort", "9"), "'9' is not in 1-5");
	ck_assert_str_eq(refuse("comfort", "0"), "'0' is not in 1-5");
	ck_assert_str_eq(refuse("comfort", "-2"), "'-2' is not in 1-5");
}
END_TEST

START_TEST(scale_refuses_what_is_not_a_whole_number)
{
	ck_assert_str_eq(refuse("comfort", "three"), "'three' is not a whole number in 1-5");
	refuse("comfort", "3.5");
	refuse("comfort", "3x");
	refuse("comfort", "-");
	refuse("comfort", "12345678901");
}
END_TEST

START_TEST(multi_choice_takes_every_separator)
{
	uint64_t want = bit("issues", "anxiety") | bit("issues", "panic");

	accept("issues", "anxiety;panic");
	ck_assert_uint_eq(value("issues"), want);
	accept("issues", "anxiety|panic");
	ck_assert_uint_eq(value("issues"), want);
	accept("issues", "anxiety,panic");
	ck_assert_uint_eq(value("issues"), want);
	accept("issues", " anxiety ; panic ");
	ck_assert_uint_eq(value("issues"), want);
	accept("issues", "1,3");
	ck_assert_uint_eq(value("issues"), want);
}
END_TEST

START_TEST(multi_choice_takes_space_separated_numbers_and_ids)
{
	uint64_t want = bit("issues", "anxiety") | bit("issues", "panic");

	accept("issues", "1 3");
	ck_assert_uint_eq(value("issues"), want);
	accept("issues", "anxiety panic");
	ck_assert_uint_eq(value("issues"), want);
}
END_TEST

START_TEST(multi_choice_takes_labels_with_spaces)
{
	accept("issues", "Panic attacks; grief or loss");
	ck_assert_uint_eq(value("issues"), bit("issues", "panic") | bit("issues", "grief"));
}
END_TEST

START_TEST(multi_choice_mixes_ids_labels_and_numbers)
{
	accept("goals", "symptom_relief, Personal growth; 8");
	ck_assert_uint_eq(value("goals"), bit("goals", "symptom_relief") |
			  bit("goals", "personal_growth") | bit("goals", "life_transition"));
}
END_TEST

START_TEST(repeated_option_counts_once)
{
	accept("focus", "support;support;2");
	ck_assert_uint_eq(value("focus"), bit("focus", "support"));
}
END_TEST

START_TEST(none_is_an_empty_answer_where_zero_options_are_allowed)
{
	accept("issues", "none");
	ck_assert(present("issues"));
	ck_assert_uint_eq(value("issues"), 0);
	accept("issues", "NONE");
	ck_assert_uint_eq(value("issues"), 0);
}
END_TEST

START_TEST(none_is_refused_where_an_option_is_required)
{
	refuse("goals", "none");
}
END_TEST

START_TEST(too_many_options_are_refused)
{
	char path[512];
	gm_error *errs = NULL, err;
	size_t n = 0;
	gm_catalog *small;
	gm_answers *a;

	/* the fixture's focus question allows at most two of its three options */
	snprintf(path, sizeof path, "%s/catalogs/minimal.json", GM_TEST_DATA);
	small = gm_catalog_load_file(path, &errs, &n);
	ck_assert_ptr_nonnull(small);
	a = gm_answers_new(small);
	ck_assert_int_eq(gm_answers_set(a, "focus", "education;support", &err), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "focus", "education;support;deep_work", &err), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message,
			 "'education;support;deep_work' chooses too many options (at most 2)");
	ck_assert_int_eq(gm_answers_set(a, "focus", "1 2 3", &err), GM_ERR_ANSWER);
	gm_answers_free(a);
	gm_catalog_free(small);
}
END_TEST

START_TEST(too_few_options_are_refused)
{
	ck_assert_str_eq(refuse("goals", ";"), "';' chooses too few options (at least 1)");
}
END_TEST

START_TEST(one_bad_option_spoils_a_multi_answer)
{
	ck_assert_str_eq(refuse("issues", "anxiety;zebra"),
			 "'zebra' is not an option (one of anxiety, social_anxiety, panic, depression, "
			 "obsessive_thoughts, trauma, grief, addiction, anger, chronic_pain, serious_illness, "
			 "caregiving, social_skills, intense_emotions, relationship_conflict, self_esteem, "
			 "stress, or 1-17)");
	ck_assert_str_eq(refuse("focus", "support zebra"),
			 "'support zebra' is not an option (one of education, support, deep_work, or 1-3)");
}
END_TEST

START_TEST(empty_value_is_a_missing_answer)
{
	accept("comfort", "3");
	ck_assert(present("comfort"));
	accept("comfort", "");
	ck_assert(!present("comfort"));
	ck_assert(!invalid("comfort"));
	accept("goals", "   \t ");
	ck_assert(!present("goals"));
}
END_TEST

START_TEST(empty_value_clears_an_invalid_answer)
{
	refuse("comfort", "9");
	accept("comfort", "");
	ck_assert(!invalid("comfort"));
}
END_TEST

START_TEST(whitespace_around_a_value_is_trimmed)
{
	accept("comfort", "  4\n");
	ck_assert_int_eq(value("comfort"), 4);
	accept("connect", "\tyes ");
	ck_assert_int_eq(value("connect"), 1);
	accept("structure", " Open-ended\r\n");
	ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
}
END_TEST

START_TEST(setting_a_question_again_replaces_its_answer)
{
	accept("issues", "anxiety");
	accept("issues", "grief");
	ck_assert_uint_eq(value("issues"), bit("issues", "grief"));
	accept("comfort", "2");
	accept("comfort", "4");
	ck_assert_int_eq(value("comfort"), 4);
}
END_TEST

START_TEST(good_answer_replaces_an_invalid_one)
{
	refuse("comfort", "9");
	accept("comfort", "4");
	ck_assert(present("comfort"));
	ck_assert(!invalid("comfort"));
}
END_TEST

START_TEST(invalid_answer_replaces_a_good_one)
{
	accept("comfort", "4");
	refuse("comfort", "6");
	ck_assert(!present("comfort"));
}
END_TEST

START_TEST(unknown_question_is_an_argument_error_with_a_suggestion)
{
	gm_error err;

	ck_assert_int_eq(gm_answers_set(ans, "comfrot", "3", &err), GM_ERR_ARG);
	ck_assert_int_eq(err.status, GM_ERR_ARG);
	ck_assert_str_eq(err.message, "unknown question 'comfrot' (did you mean 'comfort'?)");
	ck_assert_int_eq(gm_answers_set(ans, "shoe_size", "3", &err), GM_ERR_ARG);
	ck_assert_str_eq(err.message, "unknown question 'shoe_size' (one of crisis, goals, structure, "
			 "focus, issues, comfort, connect, feedback, practice, mutual, or one of 16 screener items)");
	ck_assert_uint_eq(ans->invalid, 0);
}
END_TEST

START_TEST(null_arguments_are_argument_errors)
{
	gm_error err;

	ck_assert_int_eq(gm_answers_set(ans, NULL, "3", &err), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_set(ans, "comfort", NULL, &err), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_set(NULL, "comfort", "3", NULL), GM_ERR_ARG);
}
END_TEST

START_TEST(error_is_optional)
{
	ck_assert_int_eq(gm_answers_set(ans, "comfort", "9", NULL), GM_ERR_ANSWER);
	ck_assert_int_eq(gm_answers_set(ans, "nope", "9", NULL), GM_ERR_ARG);
}
END_TEST

START_TEST(first_invalid_answer_is_kept_as_the_message)
{
	refuse("comfort", "9");
	refuse("connect", "maybe");
	ck_assert_str_eq(ans->message, "invalid answer to 'comfort': '9' is not in 1-5");
}
END_TEST

START_TEST(clear_forgets_every_answer)
{
	accept("comfort", "3");
	refuse("connect", "maybe");
	gm_answers_clear(ans);
	ck_assert_uint_eq(ans->present, 0);
	ck_assert_uint_eq(ans->invalid, 0);
	ck_assert_str_eq(ans->message, "");
}
END_TEST

START_TEST(answers_new_of_no_catalogue_is_null)
{
	ck_assert_ptr_null(gm_answers_new(NULL));
	gm_answers_free(NULL);
}
END_TEST

START_TEST(error_message_quotes_a_long_value_shortened)
{
	char value[300];

	memset(value, 'z', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	ck_assert_str_eq(refuse("comfort", value),
			 "'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...' is not a whole number in 1-5");
}
END_TEST

/* --- JSON answers ------------------------------------------------------ */

static gm_status set_json(const char *json, gm_error *err, size_t *unknown)
{
	memset(err, 0, sizeof *err);
	return gm_answers_set_json(ans, json, strlen(json), err, unknown);
}

START_TEST(json_takes_each_kind_of_value)
{
	gm_error err;
	size_t unknown = 99;

	ck_assert_int_eq(set_json("{\"crisis\": false, \"goals\": [\"life_transition\", 1],"
				  " \"structure\": \"Open-ended\", \"focus\": \"support\","
				  " \"issues\": [], \"comfort\": 3, \"connect\": true, \"feedback\": \"no\","
				  " \"practice\": 1, \"mutual\": \"yes\"}", &err, &unknown), GM_OK);
	ck_assert_uint_eq(unknown, 0);
	ck_assert_int_eq(value("crisis"), 0);
	ck_assert_uint_eq(value("goals"), bit("goals", "life_transition") | bit("goals", "symptom_relief"));
	ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
	ck_assert_uint_eq(value("focus"), bit("focus", "support"));
	ck_assert_uint_eq(value("issues"), 0);
	ck_assert_int_eq(value("comfort"), 3);
	ck_assert_int_eq(value("connect"), 1);
	ck_assert_int_eq(value("feedback"), 0);
	ck_assert_int_eq(value("practice"), 1);
	ck_assert_int_eq(value("mutual"), 1);
}
END_TEST

START_TEST(json_string_of_a_multi_answer_uses_the_separators)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"issues\": \"anxiety;grief\"}", &err, NULL), GM_OK);
	ck_assert_uint_eq(value("issues"), bit("issues", "anxiety") | bit("issues", "grief"));
}
END_TEST

START_TEST(json_null_is_a_missing_answer)
{
	gm_error err;

	accept("comfort", "3");
	ck_assert_int_eq(set_json("{\"comfort\": null}", &err, NULL), GM_OK);
	ck_assert(!present("comfort"));
	ck_assert(!invalid("comfort"));
}
END_TEST

START_TEST(json_array_for_a_single_choice_takes_one_option)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"structure\": [\"structured\"]}", &err, NULL), GM_OK);
	ck_assert_uint_eq(value("structure"), bit("structure", "structured"));
	ck_assert_int_eq(set_json("{\"structure\": [\"structured\", \"open_ended\"]}", &err, NULL),
			 GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "only one option may be chosen");
}
END_TEST

START_TEST(json_array_with_an_unknown_option_is_invalid)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"issues\": [\"anxiety\", \"zebra\"]}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, "issues");
	ck_assert_str_eq(err.message, "'zebra' is not an option");
	ck_assert(invalid("issues"));
	ck_assert_int_eq(set_json("{\"goals\": [true]}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "'a non-string' is not an option");
	ck_assert_int_eq(set_json("{\"goals\": [0]}", &err, NULL), GM_ERR_ANSWER);
}
END_TEST

START_TEST(json_array_with_too_many_options_is_invalid)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"focus\": [1, 2, 3]}", &err, NULL), GM_OK);
	ck_assert_int_eq(set_json("{\"goals\": []}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_ptr_nonnull(strstr(err.message, "too few options (at least 1)"));
}
END_TEST

START_TEST(json_numbers_must_be_whole)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"comfort\": 2.5}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "2.5 is not a whole number");
	ck_assert_int_eq(set_json("{\"comfort\": 1e300}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_int_eq(set_json("{\"comfort\": 9}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "'9' is not in 1-5");
	ck_assert_int_eq(set_json("{\"structure\": 2}", &err, NULL), GM_OK);
	ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
}
END_TEST

START_TEST(json_boolean_for_a_scale_or_choice_is_invalid)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"comfort\": true}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, "comfort");
	ck_assert_str_eq(err.message, "expected a number, got a boolean");
	ck_assert_int_eq(set_json("{\"goals\": false}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "expected an option id, got a boolean");
}
END_TEST

START_TEST(json_object_or_array_of_the_wrong_kind_is_invalid)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"comfort\": {\"a\": 1}}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "expected a number, got an object");
	ck_assert_int_eq(set_json("{\"connect\": [true]}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "expected true or false, got an array");
}
END_TEST

START_TEST(json_reports_the_first_problem_and_records_them_all)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"comfort\": 9, \"connect\": \"maybe\", \"crisis\": \"no\"}", &err, NULL),
			 GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, "comfort");
	ck_assert(invalid("comfort"));
	ck_assert(invalid("connect"));
	ck_assert(present("crisis"));
	ck_assert_str_eq(ans->message, "invalid answer to 'comfort': '9' is not in 1-5");
}
END_TEST

START_TEST(json_unknown_keys_are_counted_not_errors)
{
	gm_error err;
	size_t unknown = 0;

	ck_assert_int_eq(set_json("{\"name\": \"A\", \"comfort\": 3, \"age\": 40, \"_x\": null}", &err,
				  &unknown), GM_OK);
	ck_assert_uint_eq(unknown, 3);
	ck_assert_int_eq(value("comfort"), 3);
}
END_TEST

START_TEST(json_syntax_error_gives_line_and_column)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\n  \"comfort\": 3,\n  \"connect\" true\n}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_eq(err.column, 13);
	ck_assert_str_eq(err.message, "JSON syntax error near 'true'");
}
END_TEST

START_TEST(json_cut_short_is_an_unexpected_end)
{
	static const char *const cut[] = { "{", "{\"comfort\": 3", "{\"comfort\": 3,",
		"{\"goals\": [\"gri", "{\"goals\": [\"grief\"", "{\n\"comfort\":\n" };
	size_t i;

	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		gm_error err;

		ck_assert_int_eq(set_json(cut[i], &err, NULL), GM_ERR_ANSWER);
		ck_assert_msg(!strcmp(err.message, "unexpected end of JSON: the text is cut short"), "'%s': %s", cut[i], err.message);
		ck_assert_int_gt(err.line, 0);
	}
}
END_TEST

START_TEST(json_cut_short_points_at_the_end)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\n  \"goals\": [\"gri", &err, NULL), GM_ERR_ANSWER);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.column, 17);
}
END_TEST

START_TEST(json_text_after_the_object_is_an_error)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"comfort\": 3} {}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "unexpected text after the JSON value");
	ck_assert_int_eq(set_json("{\"comfort\": 3}  \n", &err, NULL), GM_OK);
}
END_TEST

START_TEST(json_that_is_not_an_object_is_an_error)
{
	gm_error err;

	ck_assert_int_eq(set_json("[\"grief\"]", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "expected a JSON object of answers");
	ck_assert_int_eq(set_json("", &err, NULL), GM_ERR_ANSWER);
}
END_TEST

START_TEST(json_need_not_be_nul_terminated)
{
	static const char text[] = "{\"comfort\": 4}xxxx";
	gm_error err;

	ck_assert_int_eq(gm_answers_set_json(ans, text, 14, &err, NULL), GM_OK);
	ck_assert_int_eq(value("comfort"), 4);
}
END_TEST

START_TEST(deeply_nested_json_gives_an_error_not_a_crash)
{
	size_t depth = 100000, i;
	char *text = malloc(2 * depth + 20);
	size_t o = 0;
	gm_error err;

	o += (size_t)sprintf(text, "{\"goals\": ");
	for (i = 0; i < depth; i++)
		text[o++] = '[';
	for (i = 0; i < depth; i++)
		text[o++] = ']';
	text[o++] = '}';
	memset(&err, 0, sizeof err);
	ck_assert_int_ne(gm_answers_set_json(ans, text, o, &err, NULL), GM_OK);
	ck_assert_int_ne(err.status, GM_OK);
	ck_assert_str_ne(err.message, "");
	free(text);
}
END_TEST

START_TEST(json_error_argument_is_optional)
{
	ck_assert_int_eq(gm_answers_set_json(ans, "{", 1, NULL, NULL), GM_ERR_ANSWER);
	ck_assert_int_eq(gm_answers_set_json(ans, "{\"comfort\": 7}", 14, NULL, NULL), GM_ERR_ANSWER);
}
END_TEST

START_TEST(fhir_resource_of_another_type_is_refused)
{
	gm_error err;

	ck_assert_int_eq(set_json("{\"resourceType\": \"Patient\"}", &err, NULL), GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, "resourceType");
}
END_TEST

/* --- the one option matcher (SPEC 1.2) ---------------------------------- */

START_TEST(spaces_hyphens_and_underscores_are_alike)
{
	static const char *const same[] = { "open ended", "Open-ended", "open_ended", "OPEN ENDED",
		"open - ended", "Open__Ended", "open\tended" };

	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		accept("structure", same[i]);
		ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
	}
	accept("issues", "self esteem; Social-Skills");
	ck_assert_uint_eq(value("issues"), bit("issues", "self_esteem") | bit("issues", "social_skills"));
	refuse("structure", "openended");
}
END_TEST

START_TEST(case_is_folded_in_ascii_only)
{
	accept("issues", "GRIEF");
	ck_assert_uint_eq(value("issues"), bit("issues", "grief"));
	/* a dotted capital I is not 'i', in any locale */
	refuse("issues", "GR\xC4\xB0" "EF");
	refuse("structure", "STRUCTUR\xC3\x89" "D");
}
END_TEST

START_TEST(a_whole_label_with_a_separator_is_read_before_splitting)
{
	accept("issues", "Alcohol, drugs or other addiction");
	ck_assert_uint_eq(value("issues"), bit("issues", "addiction"));
	accept("issues", "alcohol, drugs or other ADDICTION");
	ck_assert_uint_eq(value("issues"), bit("issues", "addiction"));
	accept("issues", "Alcohol, drugs or other addiction; grief");
	ck_assert_uint_eq(value("issues"), bit("issues", "addiction") | bit("issues", "grief"));
	accept("issues", "grief, Alcohol, drugs or other addiction, Panic attacks");
	ck_assert_uint_eq(value("issues"),
			  bit("issues", "addiction") | bit("issues", "grief") | bit("issues", "panic"));
	accept("issues", "grief|Alcohol, drugs or other addiction");
	ck_assert_uint_eq(value("issues"), bit("issues", "addiction") | bit("issues", "grief"));
}
END_TEST

START_TEST(a_unique_start_or_word_names_an_option)
{
	accept("goals", "relief");
	ck_assert_uint_eq(value("goals"), bit("goals", "symptom_relief"));
	accept("issues", "pain");
	ck_assert_uint_eq(value("issues"), bit("issues", "chronic_pain"));
	accept("focus", "deep; educ");
	ck_assert_uint_eq(value("focus"), bit("focus", "deep_work") | bit("focus", "education"));
	accept("structure", "struct");
	ck_assert_uint_eq(value("structure"), bit("structure", "structured"));
	accept("issues", "other addiction");
	ck_assert_uint_eq(value("issues"), bit("issues", "addiction"));
	/* one character is too little to name anything */
	refuse("structure", "s");
	/* a word must be whole: "lief" is inside "relief" */
	refuse("goals", "lief");
}
END_TEST

START_TEST(an_ambiguous_start_is_refused_naming_the_candidates)
{
	ck_assert_str_eq(refuse("issues", "social"),
			 "'social' could be more than one option (social_anxiety or social_skills)");
	ck_assert_str_eq(refuse("issues", "an"),
			 "'an' could be more than one option (anxiety or anger)");
	ck_assert_str_eq(refuse("issues", "grief; social"),
			 "'social' could be more than one option (social_anxiety or social_skills)");
	ck_assert_str_eq(refuse("issues", "grief social"),
			 "'social' could be more than one option (social_anxiety or social_skills)");
	/* an exact id wins over the start of a longer one */
	accept("issues", "anxiety");
	ck_assert_uint_eq(value("issues"), bit("issues", "anxiety"));
}
END_TEST

START_TEST(numbers_name_options_by_position)
{
	accept("issues", "1, 3 ;17");
	ck_assert_uint_eq(value("issues"),
			  bit("issues", "anxiety") | bit("issues", "panic") | bit("issues", "stress"));
	accept("structure", "02");
	ck_assert_uint_eq(value("structure"), bit("structure", "open_ended"));
	refuse("structure", "4");
	refuse("structure", "1.5");
	refuse("structure", "0000000000000000000000000001x");
}
END_TEST

START_TEST(what_ask_reads_every_front_end_reads)
{
	/* the cases ask's own rewriter took, before the one parser read them */
	accept("goals", "1 3");
	ck_assert_uint_eq(value("goals"), bit("goals", "symptom_relief") | bit("goals", "personal_growth"));
	accept("goals", " 1   3 ");
	ck_assert_uint_eq(value("goals"), bit("goals", "symptom_relief") | bit("goals", "personal_growth"));
	accept("goals", "1, personal_growth");
	ck_assert_uint_eq(value("goals"), bit("goals", "symptom_relief") | bit("goals", "personal_growth"));
	accept("issues", "grief; ANGER|3");
	ck_assert_uint_eq(value("issues"), bit("issues", "grief") | bit("issues", "anger") | bit("issues", "panic"));
	accept("issues", "alcohol, drugs or other addiction");
	ck_assert_uint_eq(value("issues"), bit("issues", "addiction"));
	accept("goals", "Relief from symptoms");
	ck_assert_uint_eq(value("goals"), bit("goals", "symptom_relief"));
	accept("issues", "1\t3");
	ck_assert_uint_eq(value("issues"), bit("issues", "anxiety") | bit("issues", "panic"));
	refuse("goals", "1 banana");
}
END_TEST

START_TEST(public_option_lookup_follows_the_same_rules)
{
	const gm_catalog *cat = test_catalog();
	size_t issues = (size_t)qindex("issues"), crisis = (size_t)qindex("crisis");
	const char *label = "  Alcohol, drugs or other addiction ";

	ck_assert_int_eq(gm_catalog_option_find(cat, issues, label, strlen(label)), 7);
	ck_assert_int_eq(gm_catalog_option_find(cat, issues, "ADDICTION", 9), 7);
	ck_assert_int_eq(gm_catalog_option_find(cat, issues, "self-esteem", 11), 15);
	ck_assert_int_eq(gm_catalog_option_find(cat, issues, "social", 6), -2);
	ck_assert_int_eq(gm_catalog_option_find(cat, issues, "zebra", 5), -1);
	ck_assert_int_eq(gm_catalog_option_find(cat, issues, "17", 2), 16);
	ck_assert_int_eq(gm_catalog_option_find(cat, issues, "grief!", 5), 6);	/* len counts */
	ck_assert_int_eq(gm_catalog_option_find(cat, crisis, "yes", 3), -1);
	ck_assert_int_eq(gm_catalog_option_find(cat, 999, "grief", 5), -1);
	ck_assert_int_eq(gm_catalog_option_find(NULL, issues, "grief", 5), -1);
	{
		size_t c[4];

		ck_assert_uint_eq(gm_catalog_option_candidates(cat, issues, "social", 6, c, 4), 2);
		ck_assert_uint_eq(c[0], 1);
		ck_assert_uint_eq(c[1], 12);
		ck_assert_uint_eq(gm_catalog_option_candidates(cat, issues, " Grief ", 7, c, 4), 1);
		ck_assert_uint_eq(c[0], 6);
		ck_assert_uint_eq(gm_catalog_option_candidates(cat, issues, "zebra", 5, c, 4), 0);
		ck_assert_uint_eq(gm_catalog_option_candidates(cat, issues, "s", 1, NULL, 0), 0);
		ck_assert_uint_eq(gm_catalog_option_candidates(cat, crisis, "yes", 3, c, 4), 0);
	}
	ck_assert_int_eq(gm_catalog_option_find(cat, issues, NULL, 0), -1);
}
END_TEST

START_TEST(public_yes_no_reader)
{
	ck_assert_int_eq(gm_parse_yesno(" Yes ", 5), 1);
	ck_assert_int_eq(gm_parse_yesno("CHECKED", 7), 1);
	ck_assert_int_eq(gm_parse_yesno("nope", 4), 0);
	ck_assert_int_eq(gm_parse_yesno("0", 1), 0);
	ck_assert_int_eq(gm_parse_yesno("maybe", 5), -1);
	ck_assert_int_eq(gm_parse_yesno("yesterday", 3), 1);	/* only len bytes */
	ck_assert_int_eq(gm_parse_yesno(NULL, 0), -1);
}
END_TEST

/* The test catalogue whose goals question allows two of a, b and c. */
static gm_catalog *goals_max2(void)
{
	char path[512];
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat;

	snprintf(path, sizeof path, "%s/labels/goals-max2.json", GM_TEST_DATA);
	cat = gm_catalog_load_file(path, &errs, &n);
	ck_assert_msg(cat != NULL, "%s", n ? errs[0].message : "?");
	return cat;
}

START_TEST(add_checks_the_bounds_on_the_whole_answer)
{
	gm_catalog *cat = goals_max2();
	gm_answers *a = gm_answers_new(cat);
	gm_error err;
	int q = catalog_find_question(cat, "goals", 5);

	ck_assert_int_eq(gm_answers_add(a, "goals", "a;b", &err), GM_OK);
	ck_assert_int_eq(gm_answers_add(a, "goals", "c", &err), GM_ERR_ANSWER);
	ck_assert_int_eq(err.status, GM_ERR_ANSWER);
	ck_assert_str_eq(err.path, "goals");
	ck_assert_str_eq(err.message, "with 'c' the answer has 3 options, more than the 2 allowed");
	ck_assert(a->invalid >> q & 1);
	ck_assert(!(a->present >> q & 1));
	ck_assert_str_eq(a->message,
			 "invalid answer to 'goals': with 'c' the answer has 3 options, more than the 2 allowed");
	gm_answers_free(a);
	gm_catalog_free(cat);
}
END_TEST

START_TEST(add_joins_options_through_the_parser)
{
	gm_catalog *cat = goals_max2();
	gm_answers *a = gm_answers_new(cat);
	gm_error err;
	int q = catalog_find_question(cat, "goals", 5);

	ck_assert_int_eq(gm_answers_add(a, "GOALS", "a", &err), GM_OK);	/* the first is a set */
	ck_assert_int_eq(gm_answers_add(a, "goals", "Beta", &err), GM_OK);
	ck_assert_int_eq(gm_answers_add(a, "goals", "b, alpha", &err), GM_OK);	/* again: no more */
	ck_assert_int_eq(gm_answers_add(a, "goals", " ", &err), GM_OK);	/* blank adds nothing */
	ck_assert_uint_eq((uint64_t)a->value[q], 3);
	ck_assert_int_eq(gm_answers_add(a, "goals", "zeta", &err), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "'zeta' is not an option (one of a, b, c, or 1-3)");
	ck_assert(a->invalid >> q & 1);
	/* a question without a valid answer, or of another kind, is set */
	ck_assert_int_eq(gm_answers_add(a, "goals", "c", &err), GM_OK);
	ck_assert_uint_eq((uint64_t)a->value[q], 4);
	ck_assert_int_eq(gm_answers_add(a, "comfort", "2", &err), GM_OK);
	ck_assert_int_eq(gm_answers_add(a, "comfort", "4", &err), GM_OK);
	ck_assert_int_eq(a->value[catalog_find_question(cat, "comfort", 7)], 4);
	ck_assert_int_eq(gm_answers_add(a, "nosuch", "4", &err), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_add(NULL, "goals", "a", &err), GM_ERR_ARG);
	ck_assert_int_eq(gm_answers_add(a, "goals", NULL, NULL), GM_ERR_ARG);
	gm_answers_free(a);
	gm_catalog_free(cat);
}
END_TEST

START_TEST(json_and_fhir_read_a_label_with_a_separator)
{
	static const char *const texts[] = {
		"{\"issues\": \"Alcohol, drugs or other addiction\"}",
		"{\"issues\": [\"alcohol, drugs or other addiction\", \"grief\"]}",
		"{\"issues\": \"Alcohol, drugs or other addiction | grief\"}",
		"{\"resourceType\": \"QuestionnaireResponse\", \"status\": \"completed\", \"item\": ["
		"{\"linkId\": \"issues\", \"answer\": [{\"valueString\": \"Alcohol, drugs or other addiction\"},"
		"{\"valueCoding\": {\"display\": \"Grief or LOSS\"}}]}]}",
	};
	gm_error err;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		gm_answers_clear(ans);
		ck_assert_msg(gm_answers_set_json(ans, texts[i], strlen(texts[i]), &err, NULL) == GM_OK,
			      "%s: %s", texts[i], err.message);
		ck_assert(value("issues") & bit("issues", "addiction"));
		ck_assert(!(value("issues") & ~(bit("issues", "addiction") | bit("issues", "grief"))));
	}
	gm_answers_clear(ans);
	{
		const char *j = "{\"issues\": [\"social\"]}";

		ck_assert_int_eq(gm_answers_set_json(ans, j, strlen(j), &err, NULL), GM_ERR_ANSWER);
	}
	ck_assert_str_eq(err.message, "'social' could be more than one option (social_anxiety or social_skills)");
}
END_TEST

/* Loads a catalogue like the minimal one whose focus question has the
 * given options (JSON array members); returns the first error's path and
 * message ("" when it loads). */
static const char *load_with_options(const char *options)
{
	static char out[600];
	char *text, *at, path[512];
	gm_error *errs = NULL;
	size_t n = 0, len;
	gm_catalog *cat;
	FILE *f;
	const char *from = "{\"id\": \"education\", \"label\": \"Education\"},\n"
		"       {\"id\": \"support\", \"label\": \"Support\"},\n"
		"       {\"id\": \"deep_work\", \"label\": \"Deep emotional work\"}";

	snprintf(path, sizeof path, "%s/catalogs/minimal.json", GM_TEST_DATA);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	text = calloc(1, 65536);
	len = fread(text, 1, 65535, f);
	fclose(f);
	at = strstr(text, from);
	ck_assert_ptr_nonnull(at);
	{
		char *built = calloc(1, len + strlen(options) + 1);
		size_t head = (size_t)(at - text);

		memcpy(built, text, head);
		strcpy(built + head, options);
		strcat(built, at + strlen(from));
		cat = gm_catalog_load_buffer(built, strlen(built), "t", &errs, &n);
		free(built);
	}
	free(text);
	out[0] = '\0';
	if (!cat && n)
		snprintf(out, sizeof out, "%s: %s", errs[0].path, errs[0].message);
	gm_errors_free(errs);
	gm_catalog_free(cat);
	return out;
}

START_TEST(catalogue_options_must_not_collide_once_normalised)
{
	/* the fixture's own options load, with criteria naming them */
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Education\"}, {\"id\": \"support\", \"label\": \"Support\"},"
		"{\"id\": \"deep_work\", \"label\": \"Deep emotional work\"}"), "");
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Open-ended\"}, {\"id\": \"support\", \"label\": \"open ended\"},"
		"{\"id\": \"deep_work\", \"label\": \"Deep\"}"),
		"questions[1].options[1].label: label 'open ended' reads the same as the label of option "
		"'education' (case, spaces, hyphens and underscores are alike)");
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Learning\"}, {\"id\": \"support\", \"label\": \"Deep work\"},"
		"{\"id\": \"deep_work\", \"label\": \"Deep emotional work\"}"),
		"questions[1].options[2].id: option id 'deep_work' reads as the label of option 'support'");
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Support\"}, {\"id\": \"support\", \"label\": \"Help\"},"
		"{\"id\": \"deep_work\", \"label\": \"Deep emotional work\"}"),
		"questions[1].options[1].id: option id 'support' reads as the label of option 'education'");
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Education\"}, {\"id\": \"support\", \"label\": \"2\"},"
		"{\"id\": \"deep_work\", \"label\": \"Deep emotional work\"}"),
		"questions[1].options[1].label: label '2' is a number, which names an option by its position");
}
END_TEST

START_TEST(catalogue_labels_must_not_split_into_other_options)
{
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Education\"}, {\"id\": \"support\", \"label\": \"Support\"},"
		"{\"id\": \"deep_work\", \"label\": \"Education, support\"}"),
		"questions[1].options[2].label: label 'Education, support' would read as other options "
		"(education, support) once an answer is split at ';', '|' and ','");
	/* pieces that name the option itself, or nothing, are harmless */
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Education\"}, {\"id\": \"support\", \"label\": \"Support\"},"
		"{\"id\": \"deep_work\", \"label\": \"Deep work, emotional work\"}"), "");
	ck_assert_str_eq(load_with_options(
		"{\"id\": \"education\", \"label\": \"Education\"}, {\"id\": \"support\", \"label\": \"Support\"},"
		"{\"id\": \"deep_work\", \"label\": \"Deep; support\"}"),
		"questions[1].options[2].label: label 'Deep; support' would read as other options "
		"(support, deep_work) once an answer is split at ';', '|' and ','");
}
END_TEST

Suite *answers_suite(void)
{
	Suite *s = suite_create("answers");
	TCase *tc = tcase_create("text");
	TCase *js = tcase_create("json");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, option_matches_by_id);
	tcase_add_test(tc, label_matches_in_any_case);
	tcase_add_test(tc, id_matches_in_any_case);
	tcase_add_test(tc, number_picks_the_option_counting_from_one);
	tcase_add_test(tc, out_of_range_numbers_are_not_options);
	tcase_add_test(tc, the_start_of_one_option_names_it);
	tcase_add_test(tc, unknown_option_suggests_the_closest_id);
	tcase_add_test(tc, yes_no_synonyms_are_accepted_in_any_case);
	tcase_add_test(tc, other_words_are_not_yes_or_no);
	tcase_add_test(tc, parse_yesno_reads_each_synonym);
	tcase_add_test(tc, scale_accepts_its_bounds);
	tcase_add_test(tc, scale_refuses_values_outside_its_bounds);
	tcase_add_test(tc, scale_refuses_what_is_not_a_whole_number);
	tcase_add_test(tc, multi_choice_takes_every_separator);
	tcase_add_test(tc, multi_choice_takes_space_separated_numbers_and_ids);
	tcase_add_test(tc, multi_choice_takes_labels_with_spaces);
	tcase_add_test(tc, multi_choice_mixes_ids_labels_and_numbers);
	tcase_add_test(tc, repeated_option_counts_once);
	tcase_add_test(tc, none_is_an_empty_answer_where_zero_options_are_allowed);
	tcase_add_test(tc, none_is_refused_where_an_option_is_required);
	tcase_add_test(tc, too_many_options_are_refused);
	tcase_add_test(tc, too_few_options_are_refused);
	tcase_add_test(tc, one_bad_option_spoils_a_multi_answer);
	tcase_add_test(tc, empty_value_is_a_missing_answer);
	tcase_add_test(tc, empty_value_clears_an_invalid_answer);
	tcase_add_test(tc, whitespace_around_a_value_is_trimmed);
	tcase_add_test(tc, setting_a_question_again_replaces_its_answer);
	tcase_add_test(tc, good_answer_replaces_an_invalid_one);
	tcase_add_test(tc, invalid_answer_replaces_a_good_one);
	tcase_add_test(tc, unknown_question_is_an_argument_error_with_a_suggestion);
	tcase_add_test(tc, null_arguments_are_argument_errors);
	tcase_add_test(tc, error_is_optional);
	tcase_add_test(tc, first_invalid_answer_is_kept_as_the_message);
	tcase_add_test(tc, clear_forgets_every_answer);
	tcase_add_test(tc, answers_new_of_no_catalogue_is_null);
	tcase_add_test(tc, error_message_quotes_a_long_value_shortened);
	tcase_add_test(tc, spaces_hyphens_and_underscores_are_alike);
	tcase_add_test(tc, case_is_folded_in_ascii_only);
	tcase_add_test(tc, a_whole_label_with_a_separator_is_read_before_splitting);
	tcase_add_test(tc, a_unique_start_or_word_names_an_option);
	tcase_add_test(tc, an_ambiguous_start_is_refused_naming_the_candidates);
	tcase_add_test(tc, numbers_name_options_by_position);
	tcase_add_test(tc, what_ask_reads_every_front_end_reads);
	tcase_add_test(tc, public_option_lookup_follows_the_same_rules);
	tcase_add_test(tc, public_yes_no_reader);
	tcase_add_test(tc, add_checks_the_bounds_on_the_whole_answer);
	tcase_add_test(tc, add_joins_options_through_the_parser);
	tcase_add_test(tc, json_and_fhir_read_a_label_with_a_separator);
	tcase_add_test(tc, catalogue_options_must_not_collide_once_normalised);
	tcase_add_test(tc, catalogue_labels_must_not_split_into_other_options);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(js, setup, teardown);
	tcase_add_test(js, json_takes_each_kind_of_value);
	tcase_add_test(js, json_string_of_a_multi_answer_uses_the_separators);
	tcase_add_test(js, json_null_is_a_missing_answer);
	tcase_add_test(js, json_array_for_a_single_choice_takes_one_option);
	tcase_add_test(js, json_array_with_an_unknown_option_is_invalid);
	tcase_add_test(js, json_array_with_too_many_options_is_invalid);
	tcase_add_test(js, json_numbers_must_be_whole);
	tcase_add_test(js, json_boolean_for_a_scale_or_choice_is_invalid);
	tcase_add_test(js, json_object_or_array_of_the_wrong_kind_is_invalid);
	tcase_add_test(js, json_reports_the_first_problem_and_records_them_all);
	tcase_add_test(js, json_unknown_keys_are_counted_not_errors);
	tcase_add_test(js, json_syntax_error_gives_line_and_column);
	tcase_add_test(js, json_cut_short_is_an_unexpected_end);
	tcase_add_test(js, json_cut_short_points_at_the_end);
	tcase_add_test(js, json_text_after_the_object_is_an_error);
	tcase_add_test(js, json_that_is_not_an_object_is_an_error);
	tcase_add_test(js, json_need_not_be_nul_terminated);
	tcase_add_test(js, deeply_nested_json_gives_an_error_not_a_crash);
	tcase_add_test(js, json_error_argument_is_optional);
	tcase_add_test(js, fhir_resource_of_another_type_is_refused);
	suite_add_tcase(s, js);
	return s;
}
