/* check_catalog.c - unit tests of the catalogue loader: the default catalogue, broken catalogues, compiled criteria. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "check_suites.h"
#include "catalog.h"
#include "editdist.h"

static gm_catalog *default_catalog;

static void free_default_catalog(void)
{
	gm_catalog_free(default_catalog);
	default_catalog = NULL;
}

const gm_catalog *test_catalog(void)
{
	if (!default_catalog) {
		gm_error err;

		memset(&err, 0, sizeof err);
		default_catalog = gm_catalog_load_default(&err);
		ck_assert_msg(default_catalog != NULL, "default catalogue: %s: %s", err.path,
			      err.message);
		atexit(free_default_catalog);
	}
	return default_catalog;
}

/* Problems found in one fixture of tests/data/catalogs. */
struct loaded {
	gm_catalog *cat;
	gm_error *errs;
	size_t n;
};

static struct loaded load_fixture(const char *name)
{
	char path[512];
	struct loaded l;

	snprintf(path, sizeof path, "%s/catalogs/%s", GM_TEST_DATA, name);
	l.cat = gm_catalog_load_file(path, &l.errs, &l.n);
	return l;
}

static void loaded_free(struct loaded *l)
{
	gm_catalog_free(l->cat);
	gm_errors_free(l->errs);
}

static void print_problems(const struct loaded *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		fprintf(stderr, "  %d:%d %s: %s\n", l->errs[i].line, l->errs[i].column,
			l->errs[i].path, l->errs[i].message);
}

/* Asserts that one of the problems has exactly this path and message. */
static void expect_problem(const struct loaded *l, const char *path, const char *message)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->errs[i].path, path) && !strcmp(l->errs[i].message, message)) {
			ck_assert_int_eq(l->errs[i].status, GM_ERR_CATALOG);
			return;
		}
	print_problems(l);
	ck_abort_msg("no problem '%s: %s' among %zu", path, message, l->n);
}

/* Loads a fixture that must fail with exactly count problems. */
static struct loaded load_broken(const char *name, size_t count)
{
	struct loaded l = load_fixture(name);

	ck_assert_ptr_null(l.cat);
	if (l.n != count)
		print_problems(&l);
	ck_assert_uint_eq(l.n, count);
	return l;
}

START_TEST(default_catalogue_loads_with_the_spec_ids)
{
	static const char *const questions[] = { "crisis", "goals", "structure", "focus", "issues",
		"comfort", "connect", "feedback", "practice", "mutual" };
	static const char *const groups[] = { "psychoeducational", "support", "process", "cbt",
		"skills", "interpersonal" };
	const gm_catalog *cat = test_catalog();
	size_t i;

	ck_assert_int_eq(gm_catalog_format_version(cat), 1);
	/* the ten questions of the main run, then the 9 + 7 screener items */
	ck_assert_uint_eq(gm_catalog_question_count(cat), 26);
	for (i = 0; i < 10; i++) {
		ck_assert_str_eq(gm_catalog_question_id(cat, i), questions[i]);
		ck_assert_ptr_nonnull(gm_catalog_question_text(cat, i));
		ck_assert_int_eq(gm_catalog_question_block(cat, i), -1);
	}
	for (i = 10; i < 26; i++)
		ck_assert_int_eq(gm_catalog_question_block(cat, i), i < 19 ? 0 : 1);
	ck_assert_uint_eq(gm_catalog_group_count(cat), 6);
	for (i = 0; i < 6; i++) {
		ck_assert_str_eq(gm_catalog_group_id(cat, i), groups[i]);
		ck_assert_ptr_nonnull(gm_catalog_group_name(cat, i));
		ck_assert_ptr_nonnull(gm_catalog_group_summary(cat, i));
	}
}
END_TEST

START_TEST(catalogue_accessors_return_null_past_the_end)
{
	const gm_catalog *cat = test_catalog();

	ck_assert_ptr_null(gm_catalog_question_id(cat, 26));
	ck_assert_ptr_null(gm_catalog_question_text(cat, 99));
	ck_assert_ptr_null(gm_catalog_group_id(cat, 6));
	ck_assert_ptr_null(gm_catalog_group_name(cat, 6));
	ck_assert_ptr_null(gm_catalog_group_summary(cat, (size_t)-1));
}
END_TEST

START_TEST(default_catalogue_has_roles_and_messages)
{
	const struct gm_catalog *cat = test_catalog();

	ck_assert_int_eq(cat->safety, catalog_find_question(cat, "crisis", 6));
	ck_assert_int_eq(cat->comfort, catalog_find_question(cat, "comfort", 7));
	ck_assert_int_eq(cat->readiness_max, 4);
	ck_assert_ptr_nonnull(strstr(cat->urgent, "findahelpline.com"));
	ck_assert_ptr_nonnull(cat->urgent_staff);
	ck_assert_int_eq(cat->safety, 0);
	ck_assert(cat->questions[0].required);
	ck_assert_ptr_nonnull(strstr(cat->reminder, "mental health professional"));
	ck_assert_ptr_nonnull(cat->safety_skipped);
}
END_TEST

START_TEST(every_group_of_the_default_catalogue_has_reasons_and_a_max)
{
	const struct gm_catalog *cat = test_catalog();
	int g, k, sum;

	for (g = 0; g < cat->ngroups; g++) {
		const struct gm_group *grp = &cat->groups[g];

		ck_assert_int_gt(grp->npositive, 0);
		ck_assert_int_gt(grp->napproaches, 0);
		for (k = 0, sum = 0; k < grp->npositive; k++)
			sum += grp->criteria[k].weight;
		ck_assert_int_eq(grp->max, sum);
	}
}
END_TEST

/* Reasons by weight descending, then cautions most negative first. */
static void expect_weight_order(const struct gm_group *g)
{
	int k;

	for (k = 1; k < g->ncriteria; k++) {
		int a = g->criteria[k - 1].weight, b = g->criteria[k].weight;

		if (a > 0 && b > 0)
			ck_assert_int_ge(a, b);
		else if (a < 0 && b < 0)
			ck_assert_int_le(a, b);
		else
			ck_assert_msg(a > 0 && b < 0, "group '%s': a reason after a caution", g->id);
	}
}

START_TEST(default_catalogue_criteria_are_in_weight_order)
{
	const struct gm_catalog *cat = test_catalog();
	int g;

	for (g = 0; g < cat->ngroups; g++)
		expect_weight_order(&cat->groups[g]);
}
END_TEST

/* The minimal fixture with its groups replaced by groups_json. */
static char *catalogue_with_groups(const char *groups_json)
{
	char path[512];
	FILE *f;
	char *text, *out, *start, *end;
	long size;
	size_t outlen;

	snprintf(path, sizeof path, "%s/catalogs/minimal.json", GM_TEST_DATA);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)size + 1);
	ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	start = strstr(text, "\"groups\": [");
	end = strstr(text, "\"setting\":");
	ck_assert(start && end);
	outlen = (size_t)size + strlen(groups_json) + 32;
	out = malloc(outlen);
	snprintf(out, outlen, "%.*s\"groups\": %s,\n  %s", (int)(start - text), text, groups_json, end);
	free(text);
	return out;
}

START_TEST(criteria_are_sorted_reasons_by_weight_then_cautions_most_negative_first)
{
	char *json = catalogue_with_groups(
		"[{\"id\": \"g\", \"name\": \"G\", \"summary\": \"s\", \"description\": \"d\","
		" \"example\": \"e\", \"approaches\": [\"a\"], \"criteria\": ["
		"{\"weight\": 1, \"reason\": \"plus one\", \"when\": {\"question\": \"connect\", \"is\": true}},"
		"{\"weight\": -1, \"reason\": \"minus one\", \"when\": {\"question\": \"connect\", \"is\": false}},"
		"{\"weight\": 3, \"reason\": \"plus three, first\", \"when\": {\"question\": \"comfort\", \"gte\": 3}},"
		"{\"weight\": -4, \"reason\": \"minus four\", \"when\": {\"question\": \"comfort\", \"lte\": 1}},"
		"{\"weight\": 2, \"reason\": \"plus two\", \"when\": {\"question\": \"feedback\", \"is\": true}},"
		"{\"weight\": 3, \"reason\": \"plus three, second\", \"when\": {\"question\": \"focus\", \"any\": [\"support\"]}}"
		"]}]");
	static const char *const order[] = { "plus three, first", "plus three, second", "plus two",
		"plus one", "minus four", "minus one" };
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat = gm_catalog_load_buffer(json, strlen(json), "sorted", &errs, &n);
	int k;

	ck_assert_msg(cat != NULL, "%s", n ? errs[0].message : "?");
	ck_assert_int_eq(cat->groups[0].ncriteria, 6);
	ck_assert_int_eq(cat->groups[0].npositive, 4);
	ck_assert_int_eq(cat->groups[0].max, 9);
	for (k = 0; k < 6; k++)
		ck_assert_str_eq(cat->groups[0].criteria[k].reason, order[k]);
	expect_weight_order(&cat->groups[0]);
	gm_catalog_free(cat);
	free(json);
}
END_TEST

START_TEST(criteria_compile_option_sets_to_bit_masks)
{
	const struct gm_catalog *cat = test_catalog();
	const struct gm_group *g = &cat->groups[catalog_find_group(cat, "support")];
	int issues = catalog_find_question(cat, "issues", 6);
	const struct gm_question *q = &cat->questions[issues];
	uint64_t want = 0;
	int k, o;

	for (o = 0; o < q->noptions; o++)
		if (!strcmp(q->options[o].id, "grief") || !strcmp(q->options[o].id, "serious_illness") ||
		    !strcmp(q->options[o].id, "caregiving"))
			want |= (uint64_t)1 << o;
	for (k = 0; k < g->ncriteria; k++)
		if (g->criteria[k].when.op == C_ANY && g->criteria[k].when.question == issues &&
		    g->criteria[k].when.mask == want)
			return;
	ck_abort_msg("no criterion of 'support' on grief, serious_illness and caregiving");
}
END_TEST

START_TEST(minimal_fixture_loads)
{
	struct loaded l = load_fixture("minimal.json");

	if (!l.cat)
		print_problems(&l);
	ck_assert_ptr_nonnull(l.cat);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_uint_eq(gm_catalog_group_count(l.cat), 3);
	loaded_free(&l);
}
END_TEST

START_TEST(truncated_file_is_an_unexpected_end_at_its_line_and_column)
{
	struct loaded l = load_broken("truncated.json", 1);

	ck_assert_int_eq(l.errs[0].line, 25);
	ck_assert_int_eq(l.errs[0].column, 11);
	ck_assert_ptr_nonnull(strstr(l.errs[0].message, "unexpected end"));
	loaded_free(&l);
}
END_TEST

START_TEST(truncated_buffer_at_any_byte_is_an_unexpected_end)
{
	static const char text[] = "{\"format_version\": 1, \"questions\": [{\"id\": \"crisis\"}]}";
	size_t cut;

	for (cut = 1; cut + 1 < sizeof text - 1; cut++) {
		gm_error *errs = NULL;
		size_t n = 0;
		gm_catalog *cat = gm_catalog_load_buffer(text, cut, "cut", &errs, &n);

		ck_assert_ptr_null(cat);
		ck_assert_uint_eq(n, 1);
		ck_assert_msg(strstr(errs[0].message, "unexpected end") != NULL,
			      "cut at %zu: %s", cut, errs[0].message);
		ck_assert_int_eq(errs[0].line, 1);
		ck_assert_int_gt(errs[0].column, 0);
		gm_errors_free(errs);
	}
}
END_TEST

START_TEST(syntax_error_gives_line_and_column)
{
	struct loaded l = load_broken("syntax-error.json", 1);

	ck_assert_int_eq(l.errs[0].line, 4);
	ck_assert_int_eq(l.errs[0].column, 3);
	ck_assert_ptr_nonnull(strstr(l.errs[0].message, "JSON syntax error"));
	loaded_free(&l);
}
END_TEST

START_TEST(wrong_json_types_are_named_with_their_path)
{
	struct loaded l = load_broken("bad-types.json", 3);

	expect_problem(&l, "questions[0].text", "expected a string, got a number");
	expect_problem(&l, "groups[1].approaches", "expected an array, got a string");
	expect_problem(&l, "messages.urgent", "expected a string, got an array");
	loaded_free(&l);
}
END_TEST

START_TEST(unknown_question_in_a_criterion_suggests_the_closest_id)
{
	struct loaded l = load_broken("unknown-question.json", 1);

	expect_problem(&l, "groups[2].criteria[1].when.question",
		       "unknown question 'foccus' (did you mean 'focus'?)");
	loaded_free(&l);
}
END_TEST

START_TEST(unknown_option_in_a_criterion_suggests_the_closest_id)
{
	struct loaded l = load_broken("unknown-option.json", 1);

	expect_problem(&l, "groups[1].criteria[0].when.any[0]",
		       "unknown option 'suport' of question 'focus' (did you mean 'support'?)");
	loaded_free(&l);
}
END_TEST

START_TEST(duplicate_ids_are_reported_for_questions_options_and_groups)
{
	struct loaded l = load_broken("duplicate-ids.json", 3);

	expect_problem(&l, "questions[1].options[2]", "duplicate option id 'support'");
	expect_problem(&l, "questions[4]", "duplicate question id 'connect'");
	expect_problem(&l, "groups[2]", "duplicate group id 'learn'");
	loaded_free(&l);
}
END_TEST

START_TEST(blank_reason_is_an_empty_reason)
{
	struct loaded l = load_broken("empty-reason.json", 1);

	expect_problem(&l, "groups[1].criteria[0].reason", "must not be empty");
	loaded_free(&l);
}
END_TEST

START_TEST(group_with_no_criteria_is_reported)
{
	struct loaded l = load_broken("no-criteria.json", 1);

	expect_problem(&l, "groups[1].criteria", "a group needs at least one criterion");
	loaded_free(&l);
}
END_TEST

START_TEST(weights_out_of_range_zero_or_fractional_are_reported)
{
	struct loaded l = load_broken("weights.json", 4);

	expect_problem(&l, "groups[0].criteria[0].weight", "11 is out of range -10..10");
	expect_problem(&l, "groups[0].criteria[1].weight", "-11 is out of range -10..10");
	expect_problem(&l, "groups[1].criteria[0].weight",
		       "must not be 0 (a criterion either counts for or against a group)");
	expect_problem(&l, "groups[1].criteria[1].weight", "expected a whole number, got 1.5");
	loaded_free(&l);
}
END_TEST

START_TEST(thresholds_out_of_range_are_reported_once_each)
{
	struct loaded l = load_broken("thresholds.json", 2);

	expect_problem(&l, "setting.group.readiness_min", "3 is out of range 0..2");
	expect_problem(&l, "setting.individual_first.comfort_max", "9 is out of range 1..5");
	loaded_free(&l);
}
END_TEST

START_TEST(individual_first_thresholds_must_lie_below_the_group_ones)
{
	struct loaded l = load_broken("thresholds-crossed.json", 1);

	expect_problem(&l, "setting", "individual_first thresholds must lie below the group ones");
	loaded_free(&l);
}
END_TEST

START_TEST(unknown_keys_are_reported_with_a_suggestion)
{
	struct loaded l = load_broken("unknown-keys.json", 2);

	expect_problem(&l, "colour", "unknown key 'colour'");
	expect_problem(&l, "groups[0].criteria[0].reasons",
		       "unknown key 'reasons' (did you mean 'reason'?)");
	loaded_free(&l);
}
END_TEST

START_TEST(keys_starting_with_underscore_are_comments)
{
	char *json = catalogue_with_groups(
		"[{\"_note\": \"free text\", \"id\": \"g\", \"name\": \"G\", \"summary\": \"s\","
		" \"description\": \"d\", \"example\": \"e\", \"approaches\": [\"a\"], \"criteria\": ["
		"{\"_why\": 1, \"weight\": 1, \"reason\": \"r\", \"when\": {\"question\": \"connect\", \"is\": true}}]}]");
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat = gm_catalog_load_buffer(json, strlen(json), NULL, &errs, &n);

	ck_assert_msg(cat != NULL, "%s: %s", n ? errs[0].path : "", n ? errs[0].message : "");
	gm_catalog_free(cat);
	gm_errors_free(errs);
	free(json);
}
END_TEST

START_TEST(wrong_format_version_is_reported)
{
	struct loaded l = load_broken("format-version.json", 1);

	expect_problem(&l, "format_version", "unsupported format_version 2 (this build reads 1)");
	loaded_free(&l);
}
END_TEST

START_TEST(nul_byte_is_reported_at_its_position)
{
	struct loaded l = load_broken("nul-byte.json", 1);

	ck_assert_str_eq(l.errs[0].message, "NUL byte in the JSON");
	ck_assert_int_eq(l.errs[0].line, 42);
	ck_assert_int_eq(l.errs[0].column, 24);
	loaded_free(&l);
}
END_TEST

START_TEST(invalid_utf8_is_reported_at_its_position)
{
	struct loaded l = load_broken("invalid-utf8.json", 1);

	ck_assert_str_eq(l.errs[0].message, "invalid UTF-8");
	ck_assert_int_eq(l.errs[0].line, 23);
	ck_assert_int_eq(l.errs[0].column, 38);
	loaded_free(&l);
}
END_TEST

START_TEST(catalogue_with_several_mistakes_reports_all_of_them)
{
	struct loaded l = load_broken("many-mistakes.json", 8);

	expect_problem(&l, "groups[0].criteria[0].weight",
		       "must not be 0 (a criterion either counts for or against a group)");
	expect_problem(&l, "groups[1].summery", "unknown key 'summery' (did you mean 'summary'?)");
	expect_problem(&l, "groups[1].summary", "missing");
	expect_problem(&l, "groups[1].criteria[0].when.any[0]",
		       "unknown option 'suport' of question 'focus' (did you mean 'support'?)");
	expect_problem(&l, "groups[1].criteria[1].reason", "must not be empty");
	expect_problem(&l, "groups[2].criteria[1].when.question",
		       "unknown question 'foccus' (did you mean 'focus'?)");
	expect_problem(&l, "groups[2]", "duplicate group id 'learn'");
	expect_problem(&l, "setting.group.comfort_min", "6 is out of range 1..5");
	loaded_free(&l);
}
END_TEST

START_TEST(missing_file_is_one_io_error)
{
	struct loaded l = load_fixture("no-such-catalogue.json");

	ck_assert_ptr_null(l.cat);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.errs[0].status, GM_ERR_IO);
	ck_assert_str_eq(l.errs[0].message, "No such file or directory");
	loaded_free(&l);
}
END_TEST

/* Loads text (NUL-terminated) that must fail with one problem whose
 * message contains want. */
static void expect_one_problem(const char *text, const char *want)
{
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat = gm_catalog_load_buffer(text, strlen(text), NULL, &errs, &n);

	ck_assert_ptr_null(cat);
	ck_assert_uint_eq(n, 1);
	ck_assert_msg(strstr(errs[0].message, want) != NULL, "'%s' lacks '%s'", errs[0].message, want);
	gm_errors_free(errs);
}

START_TEST(empty_text_and_non_objects_are_reported)
{
	expect_one_problem("", "empty file");
	expect_one_problem("  \n\t", "empty file");
	expect_one_problem("[1, 2]", "expected a JSON object at the top, got an array");
	expect_one_problem("\"groups\"", "expected a JSON object at the top, got a string");
}
END_TEST

START_TEST(deeply_nested_json_is_an_error_not_a_crash)
{
	size_t depth = 100000, i;
	char *text = malloc(2 * depth + 1);
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat;

	for (i = 0; i < depth; i++) {
		text[i] = '[';
		text[depth + i] = ']';
	}
	text[2 * depth] = '\0';
	cat = gm_catalog_load_buffer(text, 2 * depth, NULL, &errs, &n);
	ck_assert_ptr_null(cat);
	ck_assert_uint_ge(n, 1);
	gm_errors_free(errs);
	free(text);
}
END_TEST

START_TEST(deeply_nested_conditions_are_limited)
{
	char groups[4096], when[3072];
	size_t o = 0;
	char *json;
	int i;
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat;

	for (i = 0; i < 40; i++)
		o += (size_t)snprintf(when + o, sizeof when - o, "{\"not\": ");
	o += (size_t)snprintf(when + o, sizeof when - o, "{\"question\": \"connect\", \"is\": true}");
	for (i = 0; i < 40; i++)
		when[o++] = '}';
	when[o] = '\0';
	snprintf(groups, sizeof groups,
		 "[{\"id\": \"g\", \"name\": \"G\", \"summary\": \"s\", \"description\": \"d\","
		 " \"example\": \"e\", \"approaches\": [\"a\"], \"criteria\": ["
		 "{\"weight\": 1, \"reason\": \"r\", \"when\": %s}]}]", when);
	json = catalogue_with_groups(groups);
	cat = gm_catalog_load_buffer(json, strlen(json), NULL, &errs, &n);
	ck_assert_ptr_null(cat);
	ck_assert_uint_ge(n, 1);
	ck_assert_ptr_nonnull(strstr(errs[0].message, "nested more than"));
	gm_errors_free(errs);
	free(json);
}
END_TEST

START_TEST(condition_operators_must_fit_the_question_kind)
{
	char *json = catalogue_with_groups(
		"[{\"id\": \"g\", \"name\": \"G\", \"summary\": \"s\", \"description\": \"d\","
		" \"example\": \"e\", \"approaches\": [\"a\"], \"criteria\": ["
		"{\"weight\": 1, \"reason\": \"a\", \"when\": {\"question\": \"connect\", \"gte\": 1}},"
		"{\"weight\": 1, \"reason\": \"b\", \"when\": {\"question\": \"comfort\", \"is\": true}},"
		"{\"weight\": 1, \"reason\": \"c\", \"when\": {\"question\": \"focus\", \"lte\": 2}},"
		"{\"weight\": 1, \"reason\": \"d\", \"when\": {\"question\": \"comfort\", \"gte\": 7}},"
		"{\"weight\": 1, \"reason\": \"e\", \"when\": {\"question\": \"focus\", \"any\": []}},"
		"{\"weight\": 1, \"reason\": \"f\", \"when\": {\"all\": []}}"
		"]}]");
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat = gm_catalog_load_buffer(json, strlen(json), NULL, &errs, &n);

	ck_assert_ptr_null(cat);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(errs[0].path, "groups[0].criteria[0].when.gte");
	ck_assert_str_eq(errs[0].message, "'gte' needs a scale question; 'connect' is yesno");
	ck_assert_str_eq(errs[1].message, "'is' needs a yesno question; 'comfort' is scale");
	ck_assert_str_eq(errs[2].message, "'lte' needs a scale question; 'focus' is multi");
	ck_assert_str_eq(errs[3].path, "groups[0].criteria[3].when.gte");
	ck_assert_str_eq(errs[3].message, "7 is out of range 1..5");
	ck_assert_str_eq(errs[4].message, "must list at least one option");
	ck_assert_str_eq(errs[5].path, "groups[0].criteria[5].when.all");
	ck_assert_str_eq(errs[5].message, "expected a non-empty array of conditions");
	gm_errors_free(errs);
	free(json);
}
END_TEST

START_TEST(edit_distance_is_capped_at_three)
{
	ck_assert_int_eq(edit_distance("focus", 5, "focus", 5), 0);
	ck_assert_int_eq(edit_distance("foccus", 6, "focus", 5), 1);
	ck_assert_int_eq(edit_distance("FOCUS", 5, "focus", 5), 0);
	ck_assert_int_eq(edit_distance("gaols", 5, "goals", 5), 2);
	ck_assert_int_eq(edit_distance("structure", 9, "crisis", 6), 3);
}
END_TEST

Suite *catalog_suite(void)
{
	Suite *s = suite_create("catalog");
	TCase *tc = tcase_create("default");
	TCase *bad = tcase_create("broken");

	tcase_add_test(tc, default_catalogue_loads_with_the_spec_ids);
	tcase_add_test(tc, catalogue_accessors_return_null_past_the_end);
	tcase_add_test(tc, default_catalogue_has_roles_and_messages);
	tcase_add_test(tc, every_group_of_the_default_catalogue_has_reasons_and_a_max);
	tcase_add_test(tc, default_catalogue_criteria_are_in_weight_order);
	tcase_add_test(tc, criteria_are_sorted_reasons_by_weight_then_cautions_most_negative_first);
	tcase_add_test(tc, criteria_compile_option_sets_to_bit_masks);
	tcase_add_test(tc, minimal_fixture_loads);
	tcase_add_test(tc, keys_starting_with_underscore_are_comments);
	tcase_add_test(tc, edit_distance_is_capped_at_three);
	suite_add_tcase(s, tc);

	tcase_add_test(bad, truncated_file_is_an_unexpected_end_at_its_line_and_column);
	tcase_add_test(bad, truncated_buffer_at_any_byte_is_an_unexpected_end);
	tcase_add_test(bad, syntax_error_gives_line_and_column);
	tcase_add_test(bad, wrong_json_types_are_named_with_their_path);
	tcase_add_test(bad, unknown_question_in_a_criterion_suggests_the_closest_id);
	tcase_add_test(bad, unknown_option_in_a_criterion_suggests_the_closest_id);
	tcase_add_test(bad, duplicate_ids_are_reported_for_questions_options_and_groups);
	tcase_add_test(bad, blank_reason_is_an_empty_reason);
	tcase_add_test(bad, group_with_no_criteria_is_reported);
	tcase_add_test(bad, weights_out_of_range_zero_or_fractional_are_reported);
	tcase_add_test(bad, thresholds_out_of_range_are_reported_once_each);
	tcase_add_test(bad, individual_first_thresholds_must_lie_below_the_group_ones);
	tcase_add_test(bad, unknown_keys_are_reported_with_a_suggestion);
	tcase_add_test(bad, wrong_format_version_is_reported);
	tcase_add_test(bad, nul_byte_is_reported_at_its_position);
	tcase_add_test(bad, invalid_utf8_is_reported_at_its_position);
	tcase_add_test(bad, catalogue_with_several_mistakes_reports_all_of_them);
	tcase_add_test(bad, missing_file_is_one_io_error);
	tcase_add_test(bad, empty_text_and_non_objects_are_reported);
	tcase_add_test(bad, deeply_nested_json_is_an_error_not_a_crash);
	tcase_add_test(bad, deeply_nested_conditions_are_limited);
	tcase_add_test(bad, condition_operators_must_fit_the_question_kind);
	suite_add_tcase(s, bad);
	return s;
}
