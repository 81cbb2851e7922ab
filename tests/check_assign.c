/* check_assign.c - unit tests of offerings files and the optimal placement, with brute force on small cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "check_suites.h"

/* A small catalogue whose fits follow the answers plainly: 'pick' a, b
 * and c and 'mood' drive three groups, each scoring out of 4. */
static const char catalog_json[] =
	"{\"format_version\": 1, \"questions\": ["
	"{\"id\": \"crisis\", \"kind\": \"yesno\", \"role\": \"safety\", \"required\": true, \"text\": \"Crisis?\"},"
	"{\"id\": \"pick\", \"kind\": \"multi\", \"min\": 0, \"text\": \"Pick\", \"options\": ["
	"{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\", \"label\": \"B\"}, {\"id\": \"c\", \"label\": \"C\"}]},"
	"{\"id\": \"mood\", \"kind\": \"single\", \"text\": \"Mood\", \"options\": ["
	"{\"id\": \"low\", \"label\": \"Low\"}, {\"id\": \"high\", \"label\": \"High\"}]},"
	"{\"id\": \"comfort\", \"kind\": \"scale\", \"role\": \"comfort\", \"min\": 1, \"max\": 5, \"text\": \"Comfort\"},"
	"{\"id\": \"connect\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Connect?\"}"
	"], \"groups\": ["
	"{\"id\": \"ga\", \"name\": \"Group A\", \"summary\": \"s\", \"description\": \"d\", \"example\": \"e\","
	" \"approaches\": [\"x\"], \"criteria\": ["
	"{\"weight\": 3, \"reason\": \"a\", \"when\": {\"question\": \"pick\", \"any\": [\"a\"]}},"
	"{\"weight\": 1, \"reason\": \"low\", \"when\": {\"question\": \"mood\", \"any\": [\"low\"]}}]},"
	"{\"id\": \"gb\", \"name\": \"Group B\", \"summary\": \"s\", \"description\": \"d\", \"example\": \"e\","
	" \"approaches\": [\"x\"], \"criteria\": ["
	"{\"weight\": 2, \"reason\": \"b\", \"when\": {\"question\": \"pick\", \"any\": [\"b\"]}},"
	"{\"weight\": 2, \"reason\": \"high\", \"when\": {\"question\": \"mood\", \"any\": [\"high\"]}}]},"
	"{\"id\": \"gc\", \"name\": \"Group C\", \"summary\": \"s\", \"description\": \"d\", \"example\": \"e\","
	" \"approaches\": [\"x\"], \"criteria\": ["
	"{\"weight\": 1, \"reason\": \"c\", \"when\": {\"question\": \"pick\", \"any\": [\"c\"]}},"
	"{\"weight\": 3, \"reason\": \"low c\", \"when\": {\"all\": [{\"question\": \"pick\", \"any\": [\"c\"]},"
	" {\"question\": \"mood\", \"any\": [\"low\"]}]}}]}"
	"], \"setting\": {"
	"\"group\": {\"readiness_min\": 1, \"comfort_min\": 3, \"label\": \"G\", \"text\": \"group text\"},"
	"\"combined\": {\"label\": \"C\", \"text\": \"combined text\"},"
	"\"individual_first\": {\"readiness_max\": 0, \"comfort_max\": 1, \"label\": \"I\", \"text\": \"individual text\"}},"
	"\"messages\": {\"urgent\": \"Get help now: people are ready to listen, any time, free and in confidence.\","
	" \"urgent_staff\": \"positive screen: call them today\","
	" \"unscreened_staff\": \"not screened: ask the safety question\","
	" \"reminder\": \"Talk to a professional.\", \"safety_skipped\": \"Safety question skipped.\"},"
	"\"resources\": [{\"region\": \"*\", \"name\": \"Line\", \"contact\": \"000\","
	" \"how\": [\"call\"], \"hours\": \"any time\"}]}";

static gm_catalog *cat;
static gm_offerings *offs;
static gm_assign *asg;
static gm_answers *ans;
static gm_result *res;

static void setup(void)
{
	gm_error *errs = NULL;
	size_t n = 0;

	cat = gm_catalog_load_buffer(catalog_json, strlen(catalog_json), "assign test", &errs, &n);
	ck_assert_msg(cat != NULL, "test catalogue: %s: %s", n ? errs[0].path : "",
		      n ? errs[0].message : "");
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
}

static void teardown(void)
{
	gm_assign_free(asg);
	gm_offerings_free(offs);
	gm_result_free(res);
	gm_answers_free(ans);
	gm_catalog_free(cat);
	asg = NULL;
	offs = NULL;
}

/* Loads offerings JSON that must be valid, and starts an assignment. */
static void offerings(const char *json)
{
	gm_error *errs = NULL;
	size_t n = 0;

	offs = gm_offerings_load_buffer(cat, json, strlen(json), &errs, &n);
	ck_assert_msg(offs != NULL, "offerings: %s: %s", n ? errs[0].path : "", n ? errs[0].message : "");
	asg = gm_assign_new(offs);
	ck_assert_ptr_nonnull(asg);
}

/* Adds a record: crisis, pick and mood answers ("" = unanswered). */
static void person(const char *id, const char *crisis, const char *pick, const char *mood,
		   const char *avail)
{
	gm_answers_clear(ans);
	gm_answers_set(ans, "crisis", crisis, NULL);
	if (*pick)
		gm_answers_set(ans, "pick", pick, NULL);
	if (*mood)
		gm_answers_set(ans, "mood", mood, NULL);
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_assign_add(asg, id, strlen(id), ans, res, avail,
				       avail ? strlen(avail) : 0), GM_OK);
}

static long record_of(const char *id)
{
	for (size_t i = 0; i < gm_assign_record_count(asg); i++)
		if (!strcmp(gm_assign_record_id(asg, i), id))
			return (long)i;
	ck_abort_msg("no record '%s'", id);
	return -1;
}

static const char *offering_of(const char *id)
{
	long o = gm_assign_record_offering(asg, (size_t)record_of(id));

	return o < 0 ? "-" : gm_offering_id(offs, (size_t)o);
}

/* Loads offerings JSON that must be refused, and returns every problem
 * as "path: message" lines. */
static char problems[4096];

static size_t refuse(const char *json)
{
	gm_error *errs = NULL;
	size_t n = 0;
	gm_offerings *o = gm_offerings_load_buffer(cat, json, strlen(json), &errs, &n);

	ck_assert_ptr_null(o);
	ck_assert_uint_gt(n, 0);
	problems[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(problems);

		snprintf(problems + len, sizeof problems - len, "%d:%d %s: %s\n", errs[i].line,
			 errs[i].column, errs[i].path, errs[i].message);
		ck_assert_int_eq(errs[i].status, GM_ERR_CATALOG);
	}
	gm_errors_free(errs);
	return n;
}

#define HAS(text) ck_assert_msg(strstr(problems, text) != NULL, "no '%s' in:\n%s", text, problems)

START_TEST(a_valid_file_is_read_with_every_field)
{
	offerings("{\"format_version\": 1, \"offerings\": ["
		  "{\"id\": \"a-tue\", \"type\": \"ga\", \"name\": \"A on Tuesday\", \"schedule\": \"Tue 18:00\","
		  " \"seats\": 8, \"min_size\": 5, \"tags\": [\"Evening\", \"online\"],"
		  " \"eligible\": {\"question\": \"pick\", \"any\": [\"c\"]}},"
		  "{\"id\": \"b\", \"type\": \"gb\", \"name\": \"B\", \"seats\": 3}]}");
	ck_assert_uint_eq(gm_offerings_count(offs), 2);
	ck_assert_str_eq(gm_offering_id(offs, 0), "a-tue");
	ck_assert_str_eq(gm_offering_type(offs, 0), "ga");
	ck_assert_str_eq(gm_offering_name(offs, 0), "A on Tuesday");
	ck_assert_str_eq(gm_offering_schedule(offs, 0), "Tue 18:00");
	ck_assert_int_eq(gm_offering_seats(offs, 0), 8);
	ck_assert_int_eq(gm_offering_min_size(offs, 0), 5);
	ck_assert_uint_eq(gm_offering_tag_count(offs, 0), 2);
	ck_assert_str_eq(gm_offering_tag(offs, 0, 0), "evening");
	ck_assert_str_eq(gm_offering_schedule(offs, 1), "");
	ck_assert_int_eq(gm_offering_min_size(offs, 1), 0);
	ck_assert_ptr_null(gm_offering_id(offs, 2));
}
END_TEST

START_TEST(every_problem_of_a_bad_file_is_reported_with_its_path)
{
	size_t n = refuse("{\"offerings\": ["
			  "{\"id\": \"x\", \"type\": \"gaa\", \"name\": \"X\", \"seats\": 8},"
			  "{\"id\": \"x\", \"type\": \"gb\", \"name\": \"Y\", \"seats\": -2},"
			  "{\"id\": \"z\", \"type\": \"gc\", \"name\": \"Z\", \"seats\": 0, \"min_sise\": 1},"
			  "{\"id\": \"w\", \"type\": \"gc\", \"name\": \"W\", \"seats\": 4, \"min_size\": 6,"
			  " \"eligible\": {\"question\": \"pik\", \"any\": [\"c\"]}}]}");

	ck_assert_uint_ge(n, 6);
	HAS("offerings[0].type: unknown group type 'gaa' (did you mean 'ga'?)");
	HAS("offerings[1].id: duplicate offering id 'x' (also offerings[0])");
	HAS("offerings[1].seats: -2 is out of range 1..100000");
	HAS("offerings[2].seats: 0 is out of range 1..100000");
	HAS("offerings[2].min_sise: unknown key 'min_sise' (did you mean 'min_size'?)");
	HAS("offerings[3].min_size: 6 is more than the 4 seats");
	HAS("offerings[3].eligible.question: unknown question 'pik' (did you mean 'pick'?)");
}
END_TEST

START_TEST(text_from_the_file_is_quoted_without_control_bytes)
{
	refuse("{\"offerings\": [{\"id\": \"x\\u001b[2J\", \"type\": \"g\\u001b]0;a\\u0007\", \"name\": \"X\","
	       " \"seats\": 2, \"k\\u001by\": 1}]}");
	ck_assert_msg(!strchr(problems, '\033') && !strchr(problems, '\007'), "%s", problems);
	HAS("offerings[0].id: 'x?[2J' is not an id");
	HAS("unknown group type 'g?]0;a?'");
	HAS("offerings[0].k?y: unknown key 'k?y'");
}
END_TEST

START_TEST(a_file_with_no_offerings_is_refused)
{
	refuse("{\"offerings\": []}");
	HAS("offerings: 0 offerings, expected 1 to 2000");
	refuse("{\"format_version\": 1}");
	HAS("offerings: missing");
}
END_TEST

START_TEST(a_syntax_error_is_placed_by_line_and_column)
{
	refuse("{\"offerings\": [\n  {\"id\": \"x\",,}\n]}");
	ck_assert_msg(!strncmp(problems, "2:", 2), "%s", problems);
}
END_TEST

START_TEST(a_bad_condition_is_refused_with_its_path)
{
	refuse("{\"offerings\": [{\"id\": \"x\", \"type\": \"ga\", \"name\": \"X\", \"seats\": 2,"
	       " \"eligible\": {\"question\": \"pick\", \"any\": [\"grief\"]}}]}");
	HAS("offerings[0].eligible.any[0]: unknown option 'grief' of question 'pick'");
}
END_TEST

START_TEST(the_seats_go_to_the_best_fits_and_the_rest_wait)
{
	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 1}]}");
	person("weak", "no", "a", "high", NULL);	/* ga 75 */
	person("strong", "no", "a", "low", NULL);	/* ga 100 */
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_str_eq(offering_of("strong"), "a1");
	ck_assert_str_eq(gm_assign_record_status(asg, 0), "waitlist");
	ck_assert_str_eq(gm_assign_record_reason(asg, 0), "full");
	ck_assert_str_eq(gm_assign_record_type(asg, 0), "ga");
	ck_assert_int_eq(gm_assign_record_percent(asg, 0), 75);
	ck_assert_int_eq(gm_assign_placed(asg), 1);
	ck_assert_int_eq(gm_assign_total_fit(asg), 100);
	ck_assert_int_eq(gm_assign_record_percent(asg, 1), 100);
	ck_assert_int_eq(gm_assign_record_choice(asg, 1), 1);
}
END_TEST

START_TEST(placing_more_people_comes_before_a_better_fit)
{
	/* Greedy would give A to p1 (100) and leave p2 with nothing. */
	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 1},"
		  "{\"id\": \"b1\", \"type\": \"gb\", \"name\": \"B\", \"seats\": 1}]}");
	person("p1", "no", "a;b", "low", NULL);	/* ga 100, gb 50 */
	person("p2", "no", "a", "low", NULL);	/* ga 100 only */
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_str_eq(offering_of("p1"), "b1");
	ck_assert_str_eq(offering_of("p2"), "a1");
	ck_assert_int_eq(gm_assign_record_choice(asg, 0), 2);
	ck_assert_int_eq(gm_assign_placed(asg), 2);
}
END_TEST

START_TEST(earlier_records_come_first_among_equals)
{
	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 2}]}");
	person("first", "no", "a", "", NULL);
	person("second", "no", "a", "", NULL);
	person("third", "no", "a", "", NULL);
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_str_eq(offering_of("first"), "a1");
	ck_assert_str_eq(offering_of("second"), "a1");
	ck_assert_str_eq(offering_of("third"), "-");
}
END_TEST

START_TEST(urgent_and_invalid_records_are_never_placed)
{
	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 5}]}");
	person("u", "yes", "a", "low", NULL);
	gm_answers_clear(ans);
	gm_answers_set(ans, "crisis", "no", NULL);
	gm_answers_set(ans, "pick", "zzz", NULL);	/* invalid */
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_assign_add(asg, "i", 1, ans, res, NULL, 0), GM_OK);
	person("ok", "no", "a", "low", NULL);
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_str_eq(gm_assign_record_status(asg, 0), "urgent");
	ck_assert(!strncmp(gm_assign_record_message(asg, 0), "Get help now:", 13));
	ck_assert_str_eq(gm_assign_record_status(asg, 1), "invalid");
	ck_assert_ptr_null(gm_assign_record_type(asg, 0));
	ck_assert_int_eq(gm_assign_record_offering(asg, 0), -1);
	ck_assert_int_eq(gm_assign_record_offering(asg, 1), -1);
	ck_assert_str_eq(gm_assign_record_status(asg, 2), "placed");
	ck_assert_uint_eq(gm_assign_record_count(asg), 3);
}
END_TEST

START_TEST(a_record_needs_its_answers_and_a_result_of_the_same_catalogue)
{
	gm_catalog *other = gm_catalog_load_default(NULL);
	gm_result *theirs = gm_result_new(other);

	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 5}]}");
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_assign_add(asg, "x", 1, NULL, res, NULL, 0), GM_ERR_ARG);
	ck_assert_int_eq(gm_assign_add(asg, "x", 1, ans, theirs, NULL, 0), GM_ERR_ARG);
	ck_assert_uint_eq(gm_assign_record_count(asg), 0);
	gm_result_free(theirs);
	gm_catalog_free(other);
}
END_TEST

START_TEST(an_unanswered_safety_question_is_said_not_taken_as_no)
{
	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 5}]}");
	gm_answers_clear(ans);
	gm_answers_set(ans, "pick", "a", NULL);
	gm_match(ans, 0, res);
	ck_assert_int_eq(gm_assign_add(asg, "s", 1, ans, res, NULL, 0), GM_OK);
	person("n", "no", "a", "", NULL);
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert(gm_assign_record_safety_missing(asg, 0));
	ck_assert_ptr_nonnull(gm_assign_record_message(asg, 0));
	ck_assert(!strncmp(gm_assign_record_message(asg, 0), "Safety question skipped.", 24));
	ck_assert(!gm_assign_record_safety_missing(asg, 1));
	ck_assert_ptr_null(gm_assign_record_message(asg, 1));
}
END_TEST

START_TEST(nobody_goes_to_a_type_without_evidence)
{
	offerings("{\"offerings\": [{\"id\": \"c1\", \"type\": \"gc\", \"name\": \"C\", \"seats\": 5}]}");
	person("p", "no", "a", "low", NULL);	/* nothing for gc */
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_str_eq(gm_assign_record_status(asg, 0), "waitlist");
	ck_assert_str_eq(gm_assign_record_type(asg, 0), "ga");
	ck_assert_str_eq(gm_assign_record_reason(asg, 0), "no_offering");
}
END_TEST

START_TEST(eligibility_and_availability_limit_who_goes_where)
{
	offerings("{\"offerings\": ["
		  "{\"id\": \"a-c\", \"type\": \"ga\", \"name\": \"A for c\", \"seats\": 5,"
		  " \"eligible\": {\"question\": \"pick\", \"any\": [\"c\"]}},"
		  "{\"id\": \"a-online\", \"type\": \"ga\", \"name\": \"A online\", \"seats\": 5, \"tags\": [\"online\"]}]}");
	person("no-c-evening", "no", "a", "low", "evening");
	person("c-evening", "no", "a;c", "low", "Evening ; weekend;EVENING");
	person("online", "no", "a", "", "online");
	person("any", "no", "a", "", "");
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_str_eq(offering_of("no-c-evening"), "-");
	ck_assert_str_eq(gm_assign_record_reason(asg, 0), "not_available");
	ck_assert_str_eq(offering_of("c-evening"), "a-c");
	ck_assert_str_eq(offering_of("online"), "a-online");
	ck_assert_str_eq(offering_of("any"), "a-online");
	ck_assert_uint_eq(gm_assign_unknown_tag_count(asg), 2);
	ck_assert_str_eq(gm_assign_unknown_tag(asg, 0), "evening");
	ck_assert_int_eq(gm_assign_unknown_tag_records(asg, 0), 2);
	ck_assert_str_eq(gm_assign_unknown_tag(asg, 1), "weekend");
}
END_TEST

START_TEST(a_condition_nobody_meets_is_reported_as_not_eligible)
{
	offerings("{\"offerings\": [{\"id\": \"a-c\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 5,"
		  " \"eligible\": {\"question\": \"pick\", \"any\": [\"c\"]}}]}");
	person("p", "no", "a", "", NULL);
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_str_eq(gm_assign_record_reason(asg, 0), "not_eligible");
	ck_assert_int_eq(gm_assign_waitlist(asg, 0), 1);
}
END_TEST

START_TEST(close_small_closes_the_emptiest_and_solves_again)
{
	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A1\", \"seats\": 4, \"min_size\": 3},"
		  "{\"id\": \"a2\", \"type\": \"ga\", \"name\": \"A2\", \"seats\": 4, \"min_size\": 3}]}");
	for (int i = 0; i < 5; i++) {
		char id[16];

		snprintf(id, sizeof id, "p%d", i);
		person(id, "no", "a", "", NULL);
	}
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	ck_assert_int_eq(gm_assign_filled(asg, 0), 3);
	ck_assert_int_eq(gm_assign_filled(asg, 1), 2);
	ck_assert(gm_assign_below_min(asg, 1));
	ck_assert(!gm_assign_below_min(asg, 0));
	ck_assert_int_eq(gm_assign_solve(asg, GM_ASSIGN_CLOSE_SMALL), GM_OK);
	ck_assert(gm_assign_closed(asg, 1));
	ck_assert(!gm_assign_below_min(asg, 1));
	ck_assert_int_eq(gm_assign_filled(asg, 0), 4);
	ck_assert_int_eq(gm_assign_filled(asg, 1), 0);
	ck_assert_int_eq(gm_assign_placed(asg), 4);
	ck_assert_str_eq(offering_of("p4"), "-");
}
END_TEST

/* --- brute force on small random cases -------------------------------- */

static unsigned rng_state = 12345;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 8) % n;
}

#define BF_PEOPLE 7
#define BF_OFFERS 3

struct bf {
	int n, m;
	int fit[BF_PEOPLE][BF_OFFERS];   /* -1: may not go there */
	int seats[BF_OFFERS];
	long best_count, best_fit, best_pos;
	int cur[BF_PEOPLE];
};

static void bf_search(struct bf *b, int i, long count, long fit, long pos)
{
	if (i == b->n) {
		if (count > b->best_count || (count == b->best_count && (fit > b->best_fit
		    || (fit == b->best_fit && pos < b->best_pos)))) {
			b->best_count = count;
			b->best_fit = fit;
			b->best_pos = pos;
		}
		return;
	}
	bf_search(b, i + 1, count, fit, pos);
	for (int o = 0; o < b->m; o++)
		if (b->fit[i][o] >= 0 && b->seats[o] > 0) {
			b->seats[o]--;
			bf_search(b, i + 1, count + 1, fit + b->fit[i][o], pos + i);
			b->seats[o]++;
		}
}

START_TEST(the_placement_matches_brute_force_on_small_cases)
{
	static const char *const types[] = { "ga", "gb", "gc" };
	static const char *const picks[] = { "", "a", "b", "c", "a;b", "a;c", "b;c", "a;b;c" };
	static const char *const moods[] = { "", "low", "high" };
	static const char *const avails[] = { "", "evening", "online", "evening;online" };

	for (int trial = 0; trial < 300; trial++) {
		struct bf b;
		char json[2048];
		int cond[BF_OFFERS], tags[BF_OFFERS], pick[BF_PEOPLE], avail[BF_PEOPLE];
		size_t len;

		memset(&b, 0, sizeof b);
		b.n = 1 + (int)rnd(BF_PEOPLE);
		b.m = 1 + (int)rnd(BF_OFFERS);
		len = (size_t)snprintf(json, sizeof json, "{\"offerings\": [");
		for (int o = 0; o < b.m; o++) {
			int t = (int)rnd(3);

			b.seats[o] = 1 + (int)rnd(2);
			cond[o] = rnd(3) == 0;
			tags[o] = (int)rnd(4);	/* bit 0 evening, bit 1 online */
			len += (size_t)snprintf(json + len, sizeof json - len,
				"%s{\"id\": \"o%d\", \"type\": \"%s\", \"name\": \"O\", \"seats\": %d, \"tags\": [%s%s%s]%s}",
				o ? "," : "", o, types[t], b.seats[o],
				tags[o] & 1 ? "\"evening\"" : "", tags[o] == 3 ? "," : "",
				tags[o] & 2 ? "\"online\"" : "",
				cond[o] ? ", \"eligible\": {\"question\": \"pick\", \"any\": [\"c\"]}" : "");
			b.fit[0][o] = t;	/* the type, for now */
		}
		snprintf(json + len, sizeof json - len, "]}");
		{
			int t0[BF_OFFERS];

			for (int o = 0; o < b.m; o++)
				t0[o] = b.fit[0][o];
			offerings(json);
			for (int i = 0; i < b.n; i++) {
				char id[16];
				int urgent = rnd(10) == 0;

				pick[i] = (int)rnd(8);
				avail[i] = (int)rnd(4);
				snprintf(id, sizeof id, "p%d", i);
				person(id, urgent ? "yes" : "no", picks[pick[i]], moods[rnd(3)], avails[avail[i]]);
				for (int o = 0; o < b.m; o++) {
					int fit = -1;

					for (size_t r = 0; !urgent && gm_result_status_of(res) == GM_RESULT_OK
					     && r < gm_result_rank_count(res); r++)
						if (!strcmp(gm_result_group_id(res, r), types[t0[o]])
						    && gm_result_score(res, r) > 0)
							fit = gm_result_percent(res, r);
					if (cond[o] && !strchr(picks[pick[i]], 'c'))
						fit = -1;
					if (tags[o] && avail[i] && !(tags[o] & avail[i]))
						fit = -1;
					b.fit[i][o] = fit;
				}
			}
		}
		b.best_count = -1;
		bf_search(&b, 0, 0, 0, 0);
		ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
		{
			long pos = 0, fit = 0, count = 0;
			long used[BF_OFFERS] = { 0 };

			for (int i = 0; i < b.n; i++) {
				long o = gm_assign_record_offering(asg, (size_t)i);

				if (o < 0)
					continue;
				ck_assert_msg(b.fit[i][o] >= 0, "trial %d: p%d placed where it may not go", trial, i);
				count++;
				fit += b.fit[i][o];
				pos += i;
				used[o]++;
			}
			for (int o = 0; o < b.m; o++)
				ck_assert_int_le(used[o], b.seats[o]);
			ck_assert_msg(count == b.best_count && fit == b.best_fit && pos == b.best_pos,
				      "trial %d: placed %ld fit %ld positions %ld; brute force %ld %ld %ld\n%s",
				      trial, count, fit, pos, b.best_count, b.best_fit, b.best_pos, json);
			ck_assert_int_eq(gm_assign_placed(asg), count);
			ck_assert_int_eq(gm_assign_total_fit(asg), fit);
		}
		gm_assign_free(asg);
		gm_offerings_free(offs);
		asg = NULL;
		offs = NULL;
	}
}
END_TEST

START_TEST(solving_twice_gives_the_same_roster)
{
	long first[40];

	offerings("{\"offerings\": [{\"id\": \"a1\", \"type\": \"ga\", \"name\": \"A\", \"seats\": 3},"
		  "{\"id\": \"b1\", \"type\": \"gb\", \"name\": \"B\", \"seats\": 3},"
		  "{\"id\": \"c1\", \"type\": \"gc\", \"name\": \"C\", \"seats\": 3}]}");
	for (int i = 0; i < 40; i++) {
		static const char *const picks[] = { "a", "b", "c", "a;b", "a;c", "b;c", "a;b;c" };
		char id[16];

		snprintf(id, sizeof id, "p%d", i);
		person(id, "no", picks[i * 7 % 7 == 0 ? i % 7 : (i * 3) % 7], i % 3 ? "low" : "high", NULL);
	}
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	for (int i = 0; i < 40; i++)
		first[i] = gm_assign_record_offering(asg, (size_t)i);
	ck_assert_int_eq(gm_assign_placed(asg), 9);
	ck_assert_int_eq(gm_assign_solve(asg, 0), GM_OK);
	for (int i = 0; i < 40; i++)
		ck_assert_int_eq(gm_assign_record_offering(asg, (size_t)i), first[i]);
}
END_TEST

Suite *assign_suite(void)
{
	Suite *s = suite_create("assign");
	TCase *tc = tcase_create("offerings");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_valid_file_is_read_with_every_field);
	tcase_add_test(tc, every_problem_of_a_bad_file_is_reported_with_its_path);
	tcase_add_test(tc, text_from_the_file_is_quoted_without_control_bytes);
	tcase_add_test(tc, a_file_with_no_offerings_is_refused);
	tcase_add_test(tc, a_syntax_error_is_placed_by_line_and_column);
	tcase_add_test(tc, a_bad_condition_is_refused_with_its_path);
	suite_add_tcase(s, tc);
	tc = tcase_create("placement");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, the_seats_go_to_the_best_fits_and_the_rest_wait);
	tcase_add_test(tc, placing_more_people_comes_before_a_better_fit);
	tcase_add_test(tc, earlier_records_come_first_among_equals);
	tcase_add_test(tc, urgent_and_invalid_records_are_never_placed);
	tcase_add_test(tc, a_record_needs_its_answers_and_a_result_of_the_same_catalogue);
	tcase_add_test(tc, an_unanswered_safety_question_is_said_not_taken_as_no);
	tcase_add_test(tc, nobody_goes_to_a_type_without_evidence);
	tcase_add_test(tc, eligibility_and_availability_limit_who_goes_where);
	tcase_add_test(tc, a_condition_nobody_meets_is_reported_as_not_eligible);
	tcase_add_test(tc, close_small_closes_the_emptiest_and_solves_again);
	tcase_add_test(tc, the_placement_matches_brute_force_on_small_cases);
	tcase_add_test(tc, solving_twice_gives_the_same_roster);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
