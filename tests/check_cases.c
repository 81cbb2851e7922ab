/* check_cases.c - case tables: parsing TSV and CSV with located errors, checking ids, running cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "groupmatch.h"
#include "check_suites.h"
#include "buf.h"

static gm_cases *parse(const char *text, const char *name, gm_error **errs, size_t *n)
{
	return gm_cases_parse(text, strlen(text), name, errs, n);
}

/* The outcome of the only case of a one-case TSV table. */
static gm_case_outcome run_one(const char *header, const char *row)
{
	char text[2048];
	gm_case_outcome o;
	gm_cases *cases;
	gm_error *errs = NULL;
	size_t n = 0;

	snprintf(text, sizeof text, "%s\n%s\n", header, row);
	cases = parse(text, NULL, &errs, &n);
	ck_assert_msg(cases != NULL, "%s", n ? errs[0].message : "?");
	ck_assert_uint_eq(gm_cases_count(cases), 1);
	ck_assert_int_eq(gm_cases_check(cases, test_catalog(), NULL, NULL), GM_OK);
	ck_assert_int_eq(gm_cases_run(cases, 0, test_catalog(), &o), GM_OK);
	ck_assert_str_eq(o.name, gm_case_name(cases, 0));
	ck_assert_int_eq(o.line, gm_case_line(cases, 0));
	o.name = NULL;	/* it belonged to the table */
	gm_cases_free(cases);
	return o;
}

#define GRIEF "crisis=no goals=life_transition focus=support issues=grief comfort=3 connect=yes mutual=yes"

/* What the engine gives GRIEF, found through the match API itself. */
static void grief_result(char *first, char *second, int *p1, int *p2, char *setting)
{
	static const char *const pairs[][2] = { { "crisis", "no" }, { "goals", "life_transition" },
		{ "focus", "support" }, { "issues", "grief" }, { "comfort", "3" },
		{ "connect", "yes" }, { "mutual", "yes" } };
	gm_answers *ans = gm_answers_new(test_catalog());
	gm_result *res = gm_result_new(test_catalog());
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		gm_answers_set(ans, pairs[i][0], pairs[i][1], NULL);
	gm_match(ans, 0, res);
	strcpy(first, gm_result_group_id(res, 0));
	strcpy(second, gm_result_group_id(res, 1));
	*p1 = gm_result_percent(res, 0);
	*p2 = gm_result_percent(res, 1);
	strcpy(setting, gm_result_setting(res));
	gm_answers_free(ans);
	gm_result_free(res);
}

START_TEST(a_case_whose_expectations_hold_passes)
{
	char first[64], second[64], setting[64], row[512];
	int p1, p2;
	gm_case_outcome o;

	grief_result(first, second, &p1, &p2, setting);
	snprintf(row, sizeof row, "grief\t%s\tcbt,%s\t%s,%s\t%s\tok", GRIEF, first, second, first, setting);
	o = run_one("name\tanswers\tfirst\ttop2\tsetting\tstatus", row);
	ck_assert_msg(o.passed, "%s", o.report);
	ck_assert_str_eq(o.report, "");
	ck_assert_int_eq(o.line, 2);
}
END_TEST

START_TEST(a_wrong_first_choice_says_what_was_expected_and_what_came_out)
{
	char first[64], second[64], setting[64], row[512], want[256];
	const char *other = "cbt";
	int p1, p2;
	gm_case_outcome o;

	grief_result(first, second, &p1, &p2, setting);
	if (!strcmp(first, other))
		other = "skills";
	snprintf(row, sizeof row, "grief\t%s\t%s", GRIEF, other);
	o = run_one("name\tanswers\tfirst", row);
	ck_assert(!o.passed);
	snprintf(want, sizeof want, "first: expected %s, got %s (%d%%), then %s (%d%%)", other,
		 first, p1, second, p2);
	ck_assert_str_eq(o.report, want);
}
END_TEST

START_TEST(every_failed_check_of_a_case_is_reported)
{
	gm_case_outcome o = run_one("name\tanswers\tfirst\ttop2\tsetting\tstatus",
				    "c\tcrisis=yes\tsupport\tsupport\tgroup\tok");

	ck_assert(!o.passed);
	ck_assert_str_eq(o.report,
			 "status: expected ok, got urgent\n"
			 "first: expected support, got no ranking (status urgent)\n"
			 "top2: expected support in the top two, got no ranking (status urgent)\n"
			 "setting: expected group, got none (status urgent)");
}
END_TEST

START_TEST(an_invalid_answer_can_be_the_expected_outcome)
{
	gm_case_outcome o = run_one("name\tanswers\tstatus", "c\tcrisis=no comfort=9\tinvalid");

	ck_assert_msg(o.passed, "%s", o.report);
	o = run_one("name\tanswers\tstatus", "c\tcrisis=no comfort=9\tok");
	ck_assert(!o.passed);
	ck_assert_msg(strstr(o.report, "got invalid: ") && strstr(o.report, "'9' is not in 1-5"),
		      "%s", o.report);
}
END_TEST

START_TEST(a_missing_column_or_a_dash_is_not_checked)
{
	gm_case_outcome o = run_one("name\tanswers\tfirst\tsetting\twhy",
				    "c\t" GRIEF "\t-\t\tanything at all");

	ck_assert_msg(o.passed, "%s", o.report);
	o = run_one("name\tanswers", "c\t-");
	ck_assert_msg(o.passed, "%s", o.report);
}
END_TEST

START_TEST(csv_is_read_by_extension_or_when_the_header_has_no_tab)
{
	const char *csv = "# a comment\nname,answers,first\n\"a, quoted name\",\"" GRIEF "\",\"support, process\"\n";
	gm_cases *cases;

	cases = parse(csv, "agreed.csv", NULL, NULL);
	ck_assert_ptr_nonnull(cases);
	ck_assert_str_eq(gm_case_name(cases, 0), "a, quoted name");
	ck_assert_int_eq(gm_case_line(cases, 0), 3);
	gm_cases_free(cases);
	cases = parse(csv, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(cases);
	ck_assert_str_eq(gm_case_name(cases, 0), "a, quoted name");
	gm_cases_free(cases);
	/* a .tsv name is read as TSV even without a tab: one column, no answers */
	ck_assert_ptr_null(parse(csv, "agreed.tsv", NULL, NULL));
}
END_TEST

START_TEST(trailing_empty_cells_may_be_left_out_but_not_name_or_answers)
{
	gm_cases *cases = parse("name\tanswers\tfirst\twhy\nc\tcrisis=no\n", NULL, NULL, NULL);
	gm_error *errs = NULL;
	size_t n = 0;
	gm_case_outcome o;

	ck_assert_ptr_nonnull(cases);
	ck_assert_int_eq(gm_cases_run(cases, 0, test_catalog(), &o), GM_OK);
	ck_assert_msg(o.passed, "%s", o.report);
	gm_cases_free(cases);
	ck_assert_ptr_null(gm_cases_parse("name\tanswers\tfirst\nc\n", 21, NULL, &errs, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(errs[0].line, 2);
	ck_assert_str_eq(errs[0].message, "1 field where the header (line 1) has 3: no name or answers");
	gm_errors_free(errs);
}
END_TEST

/* A quote in a CSV comment does not open a field that runs on. */
START_TEST(a_quote_in_a_csv_comment_is_part_of_the_comment)
{
	const char *csv = "# the \"agreed\" cases\nname,answers\n  # \"another\nc,crisis=no\n";
	gm_cases *cases = parse(csv, "t.csv", NULL, NULL);

	ck_assert_ptr_nonnull(cases);
	ck_assert_uint_eq(gm_cases_count(cases), 1);
	ck_assert_str_eq(gm_case_name(cases, 0), "c");
	ck_assert_int_eq(gm_case_line(cases, 0), 4);
	gm_cases_free(cases);
}
END_TEST

START_TEST(crlf_and_a_byte_order_mark_are_read)
{
	gm_cases *cases = parse("\xEF\xBB\xBFname\tanswers\r\nc\tcrisis=no\r\n", NULL, NULL, NULL);

	ck_assert_ptr_nonnull(cases);
	ck_assert_str_eq(gm_case_name(cases, 0), "c");
	gm_cases_free(cases);
}
END_TEST

/* Every problem of a malformed table, each at its line. */

START_TEST(every_repeated_name_of_a_long_table_names_its_first_line)
{
	/* 20,000 cases; case 7 comes again at the end and case 19000 in the
	 * middle; a refused case's name is not taken, so the case after it
	 * may use it */
	struct buf b;
	gm_error *errs = NULL;
	size_t n = 0;
	const size_t ncases = 20000;

	buf_init(&b);
	buf_adds(&b, "name\tanswers\tfirst\n");
	for (size_t i = 0; i < ncases; i++) {
		if (i == 100)
			buf_adds(&b, "refused\tgoals\t-\n");      /* line 102: not QUESTION=VALUE */
		if (i == 101)
			buf_adds(&b, "refused\tcrisis=no\t-\n");  /* line 104: a good case */
		buf_addf(&b, "case%zu\tcrisis=no issues=panic\t-\n", i);
		if (i == 12000)
			buf_adds(&b, "case19000\tcrisis=no\t-\n");
	}
	buf_adds(&b, "case7\tcrisis=no\t-\n");
	ck_assert_ptr_null(gm_cases_parse(b.data, b.len, "long.tsv", &errs, &n));
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(errs[0].line, 102);
	/* case19000 first stands after case12000 (line 12005), then again */
	ck_assert_int_eq(errs[1].line, 19005);
	ck_assert_msg(strstr(errs[1].message, "'case19000' is already the name of the case on line 12005"),
		      "%s", errs[1].message);
	ck_assert_int_eq(errs[2].line, (int)ncases + 5);
	ck_assert_msg(strstr(errs[2].message, "'case7' is already the name of the case on line 9"),
		      "%s", errs[2].message);
	free(errs);
	buf_release(&b);
}
END_TEST

START_TEST(every_problem_of_a_malformed_table_is_placed)
{
	static const struct { int line; const char *column, *message; } want[] = {
		{ 3, "name", "a case needs a name" },
		{ 4, "answers", "'goals' is not QUESTION=VALUE" },
		{ 5, "setting", "'groups' is not group, combined or individual_first" },
		{ 6, "status", "'fine' is not ok, review, urgent or invalid" },
		{ 7, "", "6 fields where the header (line 2) has 5" },
		{ 8, "answers", "'crisis' is answered twice" },
		{ 9, "first", "expected group ids separated by commas" },
		{ 11, "name", "'same_name' is already the name of the case on line 10" },
	};
	FILE *f = fopen(GM_TEST_DATA "/cases/malformed.tsv", "rb");
	char text[4096];
	size_t len, n = 0, i;
	gm_error *errs = NULL;

	ck_assert_ptr_nonnull(f);
	len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	ck_assert_ptr_null(gm_cases_parse(text, len, "malformed.tsv", &errs, &n));
	ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(errs[i].line, want[i].line);
		ck_assert_str_eq(errs[i].path, want[i].column);
		ck_assert_str_eq(errs[i].message, want[i].message);
	}
	gm_errors_free(errs);
}
END_TEST

START_TEST(a_table_without_a_header_name_or_answers_or_cases_is_refused)
{
	static const char *const bad[] = {
		"", "# only a comment\n", "name\tfirst\nc\tsupport\n", "name\tanswers\n",
		"name\tanswers\tname\nc\tcrisis=no\td\n", "\"unterminated,answers\nc,d\n",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		gm_error *errs = NULL;
		size_t n = 0;

		ck_assert_msg(parse(bad[i], NULL, &errs, &n) == NULL, "table %zu was accepted", i);
		ck_assert_uint_ge(n, 1);
		ck_assert_str_ne(errs[0].message, "");
		gm_errors_free(errs);
	}
}
END_TEST

#define T(lit) lit, sizeof lit - 1

START_TEST(nul_bytes_control_characters_and_invalid_utf8_are_refused_in_place)
{
	static const struct { const char *text; size_t len; const char *message; } bad[] = {
		{ T("name\tanswers\nc\0d\tcrisis=no\n"), "NUL byte in the cell" },
		{ T("name\tanswers\nc\033[2Jd\tcrisis=no\n"), "control character in the cell" },
		{ T("name\tanswers\nc\xC3(\tcrisis=no\n"), "invalid UTF-8 in the cell" },
		{ T("name\tanswers\nc\xED\xA0\x80\tcrisis=no\n"), "invalid UTF-8 in the cell" },
		{ T("name\tanswers\nc\tcrisis=no\xF0\x9F\n"), "invalid UTF-8 in the cell" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		gm_error *errs = NULL;
		size_t n = 0;

		ck_assert_msg(gm_cases_parse(bad[i].text, bad[i].len, NULL, &errs, &n) == NULL,
			      "table %zu was accepted", i);
		ck_assert_uint_eq(n, 1);
		ck_assert_int_eq(errs[0].line, 2);
		ck_assert_str_eq(errs[0].message, bad[i].message);
		gm_errors_free(errs);
	}
	/* UTF-8 names are fine */
	{
		gm_cases *cases = parse("name\tanswers\nd\xC3\xA9j\xC3\xA0 vu \xF0\x9F\x99\x82\tcrisis=no\n",
					NULL, NULL, NULL);

		ck_assert_ptr_nonnull(cases);
		gm_cases_free(cases);
	}
}
END_TEST

START_TEST(unknown_questions_and_groups_are_found_against_the_catalogue)
{
	gm_cases *cases = parse("name\tanswers\tfirst\ttop2\n"
				"a\tcrisis=no foccus=support\tsupport\t-\n"
				"b\tcrisis=no\tskils\tsupport,cbtt\n", NULL, NULL, NULL);
	gm_error *errs = NULL;
	size_t n = 0;

	ck_assert_ptr_nonnull(cases);
	ck_assert_int_eq(gm_cases_check(cases, test_catalog(), &errs, &n), GM_ERR_ARG);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(errs[0].line, 2);
	ck_assert_str_eq(errs[0].message, "'foccus' is not a question of the catalogue (did you mean 'focus'?)");
	ck_assert_int_eq(errs[1].line, 3);
	ck_assert_str_eq(errs[1].path, "first");
	ck_assert_str_eq(errs[1].message, "'skils' is not a group of the catalogue (did you mean 'skills'?)");
	ck_assert_str_eq(errs[2].path, "top2");
	gm_errors_free(errs);
	gm_cases_free(cases);
}
END_TEST

START_TEST(run_refuses_a_bad_index)
{
	gm_cases *cases = parse("name\tanswers\nc\tcrisis=no\n", NULL, NULL, NULL);
	gm_case_outcome o;

	ck_assert_int_eq(gm_cases_run(cases, 1, test_catalog(), &o), GM_ERR_ARG);
	ck_assert_ptr_null(gm_case_name(cases, 1));
	ck_assert_int_eq(gm_case_line(cases, 1), -1);
	gm_cases_free(cases);
	gm_cases_free(NULL);
}
END_TEST

/* The project's own vignette table, run through the public runner. */
START_TEST(the_shipped_vignette_table_passes_through_the_runner)
{
	FILE *f = fopen(GM_TEST_DATA "/vignettes.tsv", "rb");
	static char text[1 << 20];
	size_t len, n = 0, i;
	gm_error *errs = NULL;
	gm_cases *cases;

	ck_assert_ptr_nonnull(f);
	len = fread(text, 1, sizeof text, f);
	fclose(f);
	cases = gm_cases_parse(text, len, "vignettes.tsv", &errs, &n);
	ck_assert_msg(cases != NULL, "line %d: %s", n ? errs[0].line : 0, n ? errs[0].message : "");
	ck_assert_uint_ge(gm_cases_count(cases), 15);
	ck_assert_int_eq(gm_cases_check(cases, test_catalog(), NULL, NULL), GM_OK);
	for (i = 0; i < gm_cases_count(cases); i++) {
		gm_case_outcome o;

		ck_assert_int_eq(gm_cases_run(cases, i, test_catalog(), &o), GM_OK);
		ck_assert_msg(o.passed, "line %d %s: %s", o.line, o.name, o.report);
	}
	gm_cases_free(cases);
}
END_TEST

Suite *cases_suite(void)
{
	Suite *s = suite_create("cases");
	TCase *tc = tcase_create("run");

	tcase_add_test(tc, a_case_whose_expectations_hold_passes);
	tcase_add_test(tc, a_wrong_first_choice_says_what_was_expected_and_what_came_out);
	tcase_add_test(tc, every_failed_check_of_a_case_is_reported);
	tcase_add_test(tc, an_invalid_answer_can_be_the_expected_outcome);
	tcase_add_test(tc, a_missing_column_or_a_dash_is_not_checked);
	tcase_add_test(tc, run_refuses_a_bad_index);
	tcase_add_test(tc, the_shipped_vignette_table_passes_through_the_runner);
	suite_add_tcase(s, tc);
	tc = tcase_create("parse");
	tcase_add_test(tc, csv_is_read_by_extension_or_when_the_header_has_no_tab);
	tcase_add_test(tc, crlf_and_a_byte_order_mark_are_read);
	tcase_add_test(tc, a_quote_in_a_csv_comment_is_part_of_the_comment);
	tcase_add_test(tc, trailing_empty_cells_may_be_left_out_but_not_name_or_answers);
	tcase_add_test(tc, every_problem_of_a_malformed_table_is_placed);
	tcase_add_test(tc, every_repeated_name_of_a_long_table_names_its_first_line);
	tcase_add_test(tc, a_table_without_a_header_name_or_answers_or_cases_is_refused);
	tcase_add_test(tc, nul_bytes_control_characters_and_invalid_utf8_are_refused_in_place);
	tcase_add_test(tc, unknown_questions_and_groups_are_found_against_the_catalogue);
	suite_add_tcase(s, tc);
	return s;
}
