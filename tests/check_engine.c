/* check_engine.c - unit tests of the rule engine: Kleene logic, percent, ranking, safety gate, strictness, setting advice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "check_suites.h"
#include "catalog.h"
#include "engine.h"

/* A purpose-built catalogue: the safety question, a multi-choice 'pick'
 * (a, b, c; none allowed; not required), a single-choice 'mood' (low,
 * high), the comfort scale 1-5 and four readiness questions, these five
 * required; setting thresholds as in
 * the default catalogue (group: readiness >= 3 and comfort >= 3;
 * individual_first: readiness <= 1 or comfort <= 1).  Only the groups
 * differ from test to test. */
#define URGENT "Get help now: people are ready to listen and help you, free and in confidence."
static const char head[] =
	"{\"format_version\": 1, \"questions\": ["
	"{\"id\": \"crisis\", \"kind\": \"yesno\", \"role\": \"safety\", \"required\": true, \"text\": \"Crisis?\"},"
	"{\"id\": \"pick\", \"kind\": \"multi\", \"min\": 0, \"text\": \"Pick\", \"options\": ["
	"{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\", \"label\": \"B\"}, {\"id\": \"c\", \"label\": \"C\"}]},"
	"{\"id\": \"mood\", \"required\": true, \"kind\": \"single\", \"text\": \"Mood\", \"options\": ["
	"{\"id\": \"low\", \"label\": \"Low\"}, {\"id\": \"high\", \"label\": \"High\"}]},"
	"{\"id\": \"comfort\", \"required\": true, \"kind\": \"scale\", \"role\": \"comfort\", \"min\": 1, \"max\": 5, \"text\": \"Comfort\"},"
	"{\"id\": \"connect\", \"required\": true, \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Connect?\"},"
	"{\"id\": \"feedback\", \"required\": true, \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Feedback?\"},"
	"{\"id\": \"practice\", \"required\": true, \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Practice?\"},"
	"{\"id\": \"mutual\", \"required\": true, \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Mutual?\"}"
	"], \"groups\": ";
static const char tail[] =
	", \"setting\": {"
	"\"group\": {\"readiness_min\": 3, \"comfort_min\": 3, \"label\": \"G\", \"text\": \"group text\"},"
	"\"combined\": {\"label\": \"C\", \"text\": \"combined text\"},"
	"\"individual_first\": {\"readiness_max\": 1, \"comfort_max\": 1, \"label\": \"I\", \"text\": \"individual text\"}},"
	"\"messages\": {\"urgent\": \"" URGENT "\", \"reminder\": \"Talk to a professional.\","
	" \"urgent_staff\": \"positive screen: call them today\","
	" \"unscreened_staff\": \"not screened: ask the safety question\","
	" \"safety_skipped\": \"Safety question skipped.\"},"
	"\"resources\": [{\"region\": \"*\", \"name\": \"Line\", \"contact\": \"000\","
	" \"how\": [\"call\"], \"hours\": \"any time\"}]}";

/* The urgent text the test catalogue composes from its one resource. */
#define URGENT_TEXT URGENT "\n\n- Line: call 000 (any time)"

/* One group's JSON with the given criteria (a JSON array's inside). */
#define GROUP(id, criteria) \
	"{\"id\": \"" id "\", \"name\": \"Group " id "\", \"summary\": \"s\", \"description\": \"d\"," \
	" \"example\": \"e\", \"approaches\": [\"x\"], \"criteria\": [" criteria "]}"
#define CRIT(weight, reason, when) \
	"{\"weight\": " #weight ", \"reason\": \"" reason "\", \"when\": " when "}"

/* A group that every test catalogue may use when only one matters; a
 * yes to connect or picking a is evidence for it. */
#define FILLER GROUP("filler", CRIT(1, "filler", "{\"any\": [{\"question\": \"connect\", \"is\": true}," \
				    " {\"question\": \"pick\", \"any\": [\"a\"]}]}"))

/* With no evidence for any group a result is invalid, so catalogues that
 * test single criteria add this group and match() answers mutual yes. */
#define ANCHOR GROUP("anchor", CRIT(1, "anchor", "{\"question\": \"mutual\", \"is\": true}"))
static int anchored;

static gm_catalog *cat;
static gm_answers *ans;
static gm_result *res;

static void load(const char *groups)
{
	size_t len = strlen(head) + strlen(groups) + strlen(tail) + 1, n = 0;
	char *json = malloc(len);
	gm_error *errs = NULL;

	snprintf(json, len, "%s%s%s", head, groups, tail);
	anchored = strstr(groups, "\"anchor\"") != NULL;
	cat = gm_catalog_load_buffer(json, strlen(json), "engine test", &errs, &n);
	ck_assert_msg(cat != NULL, "test catalogue: %s: %s", n ? errs[0].path : "",
		      n ? errs[0].message : "");
	free(json);
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	ck_assert(ans && res);
}

static void teardown(void)
{
	gm_result_free(res);
	gm_answers_free(ans);
	gm_catalog_free(cat);
	res = NULL;
	ans = NULL;
	cat = NULL;
}

static void set(const char *q, const char *v)
{
	gm_error err;

	ck_assert_msg(gm_answers_set(ans, q, v, &err) == GM_OK, "%s=%s: %s", q, v, err.message);
}

static void set_bad(const char *q, const char *v)
{
	ck_assert_int_eq(gm_answers_set(ans, q, v, NULL), GM_ERR_ANSWER);
}

static void match(int flags)
{
	if (anchored)
		set("mutual", "yes");
	gm_match(ans, flags, res);
}

/* Rank (0-based) of group id in the result, or -1. */
static int rank_of(const char *id)
{
	size_t r;

	for (r = 0; r < gm_result_rank_count(res); r++)
		if (!strcmp(gm_result_group_id(res, r), id))
			return (int)r;
	return -1;
}

static int score_of(const char *id)
{
	int r = rank_of(id);

	ck_assert_int_ge(r, 0);
	return gm_result_score(res, (size_t)r);
}

static int percent_of(const char *id)
{
	int r = rank_of(id);

	ck_assert_int_ge(r, 0);
	return gm_result_percent(res, (size_t)r);
}

/* --- Kleene logic --------------------------------------------------- */

#define KLEENE_GROUPS "[" \
	GROUP("any_a", CRIT(1, "pick a", "{\"question\": \"pick\", \"any\": [\"a\"]}")) "," \
	GROUP("not_a", CRIT(1, "not pick a", "{\"not\": {\"question\": \"pick\", \"any\": [\"a\"]}}")) "," \
	GROUP("a_or_high", CRIT(1, "a or high", "{\"any\": [{\"question\": \"pick\", \"any\": [\"a\"]}," \
					       " {\"question\": \"mood\", \"any\": [\"high\"]}]}")) "," \
	GROUP("a_and_high", CRIT(1, "a and high", "{\"all\": [{\"question\": \"pick\", \"any\": [\"a\"]}," \
						 " {\"question\": \"mood\", \"any\": [\"high\"]}]}")) "," \
	GROUP("not_a_and_high", CRIT(1, "not (a and high)", "{\"not\": {\"all\": [" \
				     "{\"question\": \"pick\", \"any\": [\"a\"]}," \
				     " {\"question\": \"mood\", \"any\": [\"high\"]}]}}")) "," \
	GROUP("not_a_or_high", CRIT(1, "not (a or high)", "{\"not\": {\"any\": [" \
				    "{\"question\": \"pick\", \"any\": [\"a\"]}," \
				    " {\"question\": \"mood\", \"any\": [\"high\"]}]}}")) "," ANCHOR "]"

static void kleene_setup(void)
{
	load(KLEENE_GROUPS);
}

/* Whether the one criterion of group id matched. */
static int matched(const char *id)
{
	return score_of(id) == 1;
}

START_TEST(criterion_on_an_unanswered_question_never_matches)
{
	match(0);
	ck_assert_str_eq(gm_result_status_name(res), "ok");
	ck_assert(!matched("any_a"));
	ck_assert_uint_eq(gm_result_reason_count(res, (size_t)rank_of("any_a")), 0);
}
END_TEST

START_TEST(not_of_an_unanswered_question_is_unknown_and_does_not_match)
{
	match(0);
	ck_assert(!matched("not_a"));
	ck_assert(!matched("not_a_and_high"));
	ck_assert(!matched("not_a_or_high"));
}
END_TEST

START_TEST(not_of_a_false_condition_matches)
{
	set("pick", "b");
	match(0);
	ck_assert(!matched("any_a"));
	ck_assert(matched("not_a"));
}
END_TEST

START_TEST(explicit_none_answers_a_multi_question)
{
	set("pick", "none");
	match(0);
	ck_assert(!matched("any_a"));
	ck_assert(matched("not_a"));
}
END_TEST

START_TEST(any_with_one_true_part_matches_though_another_is_unknown)
{
	set("pick", "a");
	match(0);
	ck_assert(matched("a_or_high"));
	ck_assert(!matched("not_a_or_high"));
}
END_TEST

START_TEST(any_with_false_and_unknown_parts_is_unknown)
{
	set("pick", "b");
	match(0);
	ck_assert(!matched("a_or_high"));
	ck_assert(!matched("not_a_or_high"));
}
END_TEST

START_TEST(all_with_one_false_part_is_false_though_another_is_unknown)
{
	set("pick", "b");
	match(0);
	ck_assert(!matched("a_and_high"));
	ck_assert(matched("not_a_and_high"));
}
END_TEST

START_TEST(all_with_true_and_unknown_parts_is_unknown)
{
	set("pick", "a");
	match(0);
	ck_assert(!matched("a_and_high"));
	ck_assert(!matched("not_a_and_high"));
}
END_TEST

START_TEST(all_with_every_part_true_matches)
{
	set("pick", "a;c");
	set("mood", "high");
	match(0);
	ck_assert(matched("a_and_high"));
	ck_assert(!matched("not_a_and_high"));
	ck_assert(matched("a_or_high"));
}
END_TEST

/* --- leaf operators ---------------------------------------------------- */

static void leaf_setup(void)
{
	load("["
	     GROUP("all_ab", CRIT(1, "a and b", "{\"question\": \"pick\", \"all\": [\"a\", \"b\"]}")) ","
	     GROUP("gte4", CRIT(1, "comfort >= 4", "{\"question\": \"comfort\", \"gte\": 4}")) ","
	     GROUP("lte2", CRIT(1, "comfort <= 2", "{\"question\": \"comfort\", \"lte\": 2}")) ","
	     GROUP("is_no", CRIT(1, "connect no", "{\"question\": \"connect\", \"is\": false}")) ","
	     ANCHOR "]");
}

START_TEST(all_of_options_needs_every_one_chosen)
{
	set("pick", "a");
	match(0);
	ck_assert(!matched("all_ab"));
	set("pick", "a;b;c");
	match(0);
	ck_assert(matched("all_ab"));
}
END_TEST

START_TEST(gte_and_lte_include_their_bound)
{
	set("comfort", "4");
	match(0);
	ck_assert(matched("gte4"));
	ck_assert(!matched("lte2"));
	set("comfort", "2");
	match(0);
	ck_assert(!matched("gte4"));
	ck_assert(matched("lte2"));
	set("comfort", "3");
	match(0);
	ck_assert(!matched("gte4"));
	ck_assert(!matched("lte2"));
}
END_TEST

START_TEST(is_false_matches_only_an_answered_no)
{
	match(0);
	ck_assert(!matched("is_no"));
	set("connect", "no");
	match(0);
	ck_assert(matched("is_no"));
	set("connect", "yes");
	match(0);
	ck_assert(!matched("is_no"));
}
END_TEST

/* --- percent ------------------------------------------------------------ */

static void percent_setup(void)
{
	load("["
	     GROUP("thirds", CRIT(1, "one of three", "{\"question\": \"pick\", \"any\": [\"a\"]}") ","
		   CRIT(2, "two of three", "{\"question\": \"pick\", \"any\": [\"b\"]}")) ","
	     GROUP("eighths", CRIT(1, "one of eight", "{\"question\": \"pick\", \"any\": [\"a\"]}") ","
		   CRIT(3, "three of eight", "{\"question\": \"pick\", \"any\": [\"b\"]}") ","
		   CRIT(4, "four of eight", "{\"question\": \"pick\", \"any\": [\"c\"]}")) ","
	     GROUP("cautioned", CRIT(2, "plus two", "{\"question\": \"pick\", \"any\": [\"a\"]}") ","
		   CRIT(-5, "minus five", "{\"question\": \"mood\", \"any\": [\"low\"]}") ","
		   CRIT(-1, "minus one", "{\"question\": \"connect\", \"is\": false}"))
	     "]");
}

START_TEST(percent_rounds_half_up)
{
	set("pick", "a");
	match(0);
	ck_assert_int_eq(percent_of("thirds"), 33);     /* 1/3 */
	ck_assert_int_eq(percent_of("eighths"), 13);    /* 1/8 = 12.5 */
	set("pick", "b");
	match(0);
	ck_assert_int_eq(percent_of("thirds"), 67);     /* 2/3 */
	ck_assert_int_eq(percent_of("eighths"), 38);    /* 3/8 = 37.5 */
	set("pick", "a;c");
	match(0);
	ck_assert_int_eq(percent_of("eighths"), 63);    /* 5/8 = 62.5 */
}
END_TEST

START_TEST(percent_is_100_when_every_reason_matches)
{
	set("pick", "a;b;c");
	match(0);
	ck_assert_int_eq(percent_of("thirds"), 100);
	ck_assert_int_eq(percent_of("eighths"), 100);
	ck_assert_int_eq(gm_result_score(res, (size_t)rank_of("eighths")), 8);
	ck_assert_int_eq(gm_result_max(res, (size_t)rank_of("eighths")), 8);
}
END_TEST

START_TEST(cautions_lower_the_score_and_percent_clamps_at_zero)
{
	set("pick", "a");
	set("connect", "no");
	match(0);
	ck_assert_int_eq(score_of("cautioned"), 1);
	ck_assert_int_eq(percent_of("cautioned"), 50);
	set("mood", "low");
	match(0);
	ck_assert_int_eq(score_of("cautioned"), -4);
	ck_assert_int_eq(percent_of("cautioned"), 0);
	ck_assert_int_eq(gm_result_max(res, (size_t)rank_of("cautioned")), 2);
}
END_TEST

START_TEST(cautions_come_most_negative_first)
{
	size_t r;

	set("pick", "a");
	set("connect", "no");
	set("mood", "low");
	match(0);
	r = (size_t)rank_of("cautioned");
	ck_assert_uint_eq(gm_result_reason_count(res, r), 1);
	ck_assert_str_eq(gm_result_reason(res, r, 0), "plus two");
	ck_assert_uint_eq(gm_result_caution_count(res, r), 2);
	ck_assert_str_eq(gm_result_caution(res, r, 0), "minus five");
	ck_assert_str_eq(gm_result_caution(res, r, 1), "minus one");
	ck_assert_ptr_null(gm_result_caution(res, r, 2));
	ck_assert_ptr_null(gm_result_reason(res, r, 1));
}
END_TEST

START_TEST(reasons_come_in_weight_order)
{
	size_t r;

	set("pick", "a;b;c");
	match(0);
	r = (size_t)rank_of("eighths");
	ck_assert_uint_eq(gm_result_reason_count(res, r), 3);
	ck_assert_str_eq(gm_result_reason(res, r, 0), "four of eight");
	ck_assert_str_eq(gm_result_reason(res, r, 1), "three of eight");
	ck_assert_str_eq(gm_result_reason(res, r, 2), "one of eight");
	ck_assert_uint_eq(gm_result_caution_count(res, r), 0);
}
END_TEST

/* --- ranking ------------------------------------------------------------ */

static void ranking_setup(void)
{
	load("["
	     GROUP("first", CRIT(1, "a", "{\"question\": \"pick\", \"any\": [\"a\"]}")) ","
	     GROUP("second", CRIT(2, "a twice", "{\"question\": \"pick\", \"any\": [\"a\"]}")) ","
	     GROUP("third", CRIT(1, "b", "{\"question\": \"pick\", \"any\": [\"b\"]}")) ","
	     GROUP("fourth", CRIT(1, "a", "{\"question\": \"pick\", \"any\": [\"a\"]}") ","
		   CRIT(1, "c", "{\"question\": \"pick\", \"any\": [\"c\"]}"))
	     "]");
}

static void expect_order(const char *a, const char *b, const char *c, const char *d)
{
	ck_assert_uint_eq(gm_result_rank_count(res), 4);
	ck_assert_str_eq(gm_result_group_id(res, 0), a);
	ck_assert_str_eq(gm_result_group_id(res, 1), b);
	ck_assert_str_eq(gm_result_group_id(res, 2), c);
	ck_assert_str_eq(gm_result_group_id(res, 3), d);
}

START_TEST(equal_percent_ranks_the_higher_score_first)
{
	set("pick", "a");
	match(0);
	/* first 1/1 and second 2/2 are both 100%; fourth 50%, third 0% */
	expect_order("second", "first", "fourth", "third");
}
END_TEST

START_TEST(ties_in_percent_and_score_keep_catalogue_order)
{
	set("pick", "a;c");
	match(0);
	/* second 2/2 and fourth 2/2 tie, then first 1/1 */
	expect_order("second", "fourth", "first", "third");
}
END_TEST

START_TEST(ranking_is_by_percent_not_score)
{
	set("pick", "b;c");
	match(0);
	/* third 1/1 = 100%, fourth 1/2 = 50% */
	expect_order("third", "fourth", "first", "second");
	ck_assert_int_eq(gm_result_percent(res, 0), 100);
	ck_assert_int_eq(gm_result_percent(res, 1), 50);
}
END_TEST

START_TEST(every_group_is_ranked_with_its_name)
{
	set("pick", "b");
	match(0);
	ck_assert_str_eq(gm_result_group_id(res, 0), "third");
	ck_assert_str_eq(gm_result_group_name(res, 0), "Group third");
	ck_assert_int_eq(gm_result_max(res, 3), 2);
}
END_TEST

/* --- safety gate, invalid answers, strictness, missing answers ------------ */

static void gate_setup(void)
{
	load("[" FILLER "]");
}

START_TEST(crisis_yes_is_urgent_with_no_ranking)
{
	set("crisis", "yes");
	set("pick", "a");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	ck_assert_str_eq(gm_result_status_name(res), "urgent");
	ck_assert_str_eq(gm_result_message(res), URGENT_TEXT);
	ck_assert_uint_eq(gm_result_rank_count(res), 0);
	ck_assert_ptr_null(gm_result_setting(res));
	ck_assert_ptr_null(gm_result_setting_text(res));
	ck_assert_ptr_null(gm_result_group_id(res, 0));
}
END_TEST

START_TEST(crisis_yes_is_urgent_even_with_invalid_answers_which_stay_out_of_its_text)
{
	set("crisis", "y");
	set_bad("comfort", "9");
	set_bad("pick", "zebra");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	/* the person in crisis reads the contacts, not a list of bad answers */
	ck_assert_str_eq(gm_result_message(res), URGENT_TEXT);
	ck_assert_uint_eq(gm_result_rank_count(res), 0);
}
END_TEST

START_TEST(crisis_yes_is_urgent_even_when_strict_answers_are_missing)
{
	set("crisis", "true");
	match(GM_MATCH_STRICT);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	ck_assert_str_eq(gm_result_message(res), URGENT_TEXT);
}
END_TEST

START_TEST(invalid_answer_gives_invalid_status_with_its_message)
{
	set("crisis", "no");
	set_bad("comfort", "9");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	ck_assert_str_eq(gm_result_status_name(res), "invalid");
	ck_assert_str_eq(gm_result_message(res), "invalid answer to 'comfort': '9' is not in 1-5");
	ck_assert_uint_eq(gm_result_rank_count(res), 0);
	ck_assert_ptr_null(gm_result_setting(res));
}
END_TEST

START_TEST(several_invalid_answers_say_how_many_more)
{
	set_bad("comfort", "9");
	set_bad("connect", "maybe");
	match(0);
	ck_assert_str_eq(gm_result_message(res),
			 "invalid answer to 'comfort': '9' is not in 1-5 (and 1 more invalid answer)");
	set_bad("mood", "sideways");
	match(0);
	ck_assert_str_eq(gm_result_message(res),
			 "invalid answer to 'comfort': '9' is not in 1-5 (and 2 more invalid answers)");
}
END_TEST

START_TEST(invalid_answers_marked_without_a_message_are_named)
{
	answers_mark_invalid(ans, catalog_find_question(cat, "mood", 4), NULL);
	answers_mark_invalid(ans, catalog_find_question(cat, "pick", 4), NULL);
	match(0);
	ck_assert_str_eq(gm_result_message(res), "invalid answers to 'pick', 'mood'");
}
END_TEST

START_TEST(strict_turns_missing_required_answers_into_an_error)
{
	set("crisis", "no");
	set("mood", "low");
	set("comfort", "3");
	set("connect", "yes");
	set("feedback", "yes");
	match(GM_MATCH_STRICT);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	ck_assert_str_eq(gm_result_message(res), "missing answers to 'practice', 'mutual'");
	set("practice", "no");
	match(GM_MATCH_STRICT);
	ck_assert_str_eq(gm_result_message(res), "missing answer to 'mutual'");
	set("mutual", "no");
	match(GM_MATCH_STRICT);
	/* 'pick' is not required: still unanswered, still listed as missing */
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_ptr_null(gm_result_message(res));
	ck_assert_uint_eq(gm_result_missing_count(res), 1);
	ck_assert_str_eq(gm_result_missing(res, 0), "pick");
}
END_TEST

START_TEST(strict_demands_the_safety_question)
{
	set("mood", "low");
	set("comfort", "3");
	set("connect", "yes");
	set("feedback", "yes");
	set("practice", "yes");
	set("mutual", "yes");
	match(GM_MATCH_STRICT);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	ck_assert_str_eq(gm_result_message(res), "missing answer to 'crisis'");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_str_eq(gm_result_missing(res, 0), "crisis");
	ck_assert(res->safety_skipped);
	ck_assert_int_eq(gm_result_safety(res), GM_SAFETY_MISSING);
	/* never silent: the message says it was not answered */
	ck_assert_str_eq(gm_result_message(res), "Safety question skipped. Line: call 000 (any time).");
	match(GM_MATCH_STAFF);
	ck_assert_str_eq(gm_result_message(res), "not screened: ask the safety question");
}
END_TEST

START_TEST(missing_answers_are_listed_in_catalogue_order)
{
	set("mutual", "yes");
	set("pick", "a");
	set("crisis", "no");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_uint_eq(gm_result_missing_count(res), 5);
	ck_assert_str_eq(gm_result_missing(res, 0), "mood");
	ck_assert_str_eq(gm_result_missing(res, 1), "comfort");
	ck_assert_str_eq(gm_result_missing(res, 2), "connect");
	ck_assert_str_eq(gm_result_missing(res, 3), "feedback");
	ck_assert_str_eq(gm_result_missing(res, 4), "practice");
	ck_assert_ptr_null(gm_result_missing(res, 5));
	ck_assert(!res->safety_skipped);
}
END_TEST

START_TEST(unanswered_safety_question_is_missing_and_skipped_not_no)
{
	set("pick", "a");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_str_eq(gm_result_missing(res, 0), "crisis");
	ck_assert(res->safety_skipped);
}
END_TEST

START_TEST(invalid_answers_are_not_listed_as_missing)
{
	set_bad("comfort", "0");
	match(0);
	ck_assert_uint_eq(gm_result_missing_count(res), 7);
	ck_assert_int_eq(rank_of("filler"), -1);
}
END_TEST

START_TEST(result_is_overwritten_by_the_next_match)
{
	set("crisis", "yes");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	gm_answers_clear(ans);	/* the next person: a yes is never overwritten otherwise */
	set("crisis", "no");
	set("connect", "yes");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	ck_assert_ptr_null(gm_result_message(res));
	ck_assert_uint_eq(gm_result_rank_count(res), 1);
	ck_assert_int_eq(gm_result_percent(res, 0), 100);
	ck_assert_str_eq(gm_result_reason(res, 0, 0), "filler");
}
END_TEST

/* --- setting advice ---------------------------------------------------- */

/* Sets the four readiness answers from a string such as "yyn-" (y yes, n
 * no, - unanswered) and comfort (0 = unanswered), matches, and returns
 * the advice. */
static const char *advice(const char *readiness, int comfort)
{
	static const char *const q[] = { "connect", "feedback", "practice", "mutual" };
	char c[8];
	int i;

	for (i = 0; i < 4; i++)
		set(q[i], readiness[i] == 'y' ? "yes" : readiness[i] == 'n' ? "no" : "");
	snprintf(c, sizeof c, "%d", comfort);
	set("comfort", comfort ? c : "");
	set("crisis", "no");
	set("pick", "a");	/* evidence for the filler group, whatever the rest */
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	return gm_result_setting(res);
}

START_TEST(ready_and_comfortable_is_group)
{
	ck_assert_str_eq(advice("yyyy", 5), "group");
	ck_assert_int_eq(gm_result_readiness(res), 4);
	ck_assert_int_eq(gm_result_readiness_max(res), 4);
	ck_assert_int_eq(gm_result_comfort(res), 5);
	ck_assert_str_eq(gm_result_setting_text(res), "group text");
	ck_assert_str_eq(advice("yyyn", 3), "group");
	ck_assert_int_eq(gm_result_readiness(res), 3);
}
END_TEST

START_TEST(below_a_group_threshold_is_combined)
{
	ck_assert_str_eq(advice("yynn", 5), "combined");
	ck_assert_str_eq(advice("yyyy", 2), "combined");
	ck_assert_str_eq(gm_result_setting_text(res), "combined text");
}
END_TEST

START_TEST(low_readiness_or_comfort_is_individual_first)
{
	ck_assert_str_eq(advice("ynnn", 5), "individual_first");
	ck_assert_str_eq(gm_result_setting_text(res), "individual text");
	ck_assert_str_eq(advice("nnnn", 5), "individual_first");
	ck_assert_str_eq(advice("yyyy", 1), "individual_first");
}
END_TEST

START_TEST(unknown_readiness_never_pushes_to_individual_first)
{
	ck_assert_str_eq(advice("----", 4), "combined");
	ck_assert_int_eq(gm_result_readiness(res), 0);
	ck_assert_str_eq(advice("ynn-", 4), "combined");
	/* three noes leave at most one yes: individual_first whatever the fourth is */
	ck_assert_str_eq(advice("nnn-", 4), "individual_first");
	ck_assert_str_eq(advice("nn--", 4), "combined");
}
END_TEST

START_TEST(unknown_readiness_never_counts_towards_group)
{
	ck_assert_str_eq(advice("yy--", 5), "combined");
	ck_assert_str_eq(advice("yyy-", 5), "group");
}
END_TEST

START_TEST(unanswered_comfort_is_combined_and_reported_as_minus_one)
{
	ck_assert_str_eq(advice("yyyy", 0), "combined");
	ck_assert_int_eq(gm_result_comfort(res), -1);
	ck_assert_str_eq(advice("nnnn", 0), "individual_first");
}
END_TEST

/* --- public API edges and the default catalogue ---------------------------- */

START_TEST(accessors_past_the_ranking_return_nothing)
{
	set("connect", "yes");
	match(0);
	ck_assert_ptr_null(gm_result_group_id(res, 1));
	ck_assert_ptr_null(gm_result_group_name(res, 1));
	ck_assert_int_eq(gm_result_score(res, 1), -1);
	ck_assert_int_eq(gm_result_max(res, 1), -1);
	ck_assert_int_eq(gm_result_percent(res, 1), -1);
	ck_assert_uint_eq(gm_result_reason_count(res, 1), 0);
	ck_assert_uint_eq(gm_result_caution_count(res, 1), 0);
	ck_assert_ptr_null(gm_result_reason(res, 1, 0));
	ck_assert_ptr_null(gm_result_caution(res, 0, 0));
}
END_TEST

START_TEST(new_result_of_no_catalogue_is_null_and_free_of_null_is_safe)
{
	ck_assert_ptr_null(gm_result_new(NULL));
	gm_result_free(NULL);
	gm_catalog_free(NULL);
	gm_errors_free(NULL);
}
END_TEST

START_TEST(version_is_the_header_version)
{
	ck_assert_str_eq(gm_version(), GM_VERSION);
}
END_TEST

START_TEST(issue_example_ranks_support_first_with_reasons)
{
	const gm_catalog *def = test_catalog();
	gm_answers *a = gm_answers_new(def);
	gm_result *r = gm_result_new(def);

	ck_assert_int_eq(gm_answers_set(a, "crisis", "no", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "goals", "life_transition", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "focus", "support", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "issues", "grief", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "comfort", "3", NULL), GM_OK);
	ck_assert_int_eq(gm_answers_set(a, "connect", "yes", NULL), GM_OK);
	gm_match(a, 0, r);
	ck_assert_int_eq(gm_result_status_of(r), GM_RESULT_OK);
	ck_assert_uint_eq(gm_result_rank_count(r), 6);
	ck_assert_str_eq(gm_result_group_id(r, 0), "support");
	ck_assert_uint_ge(gm_result_reason_count(r, 0), 4);
	ck_assert_str_eq(gm_result_reason(r, 0, 0),
			 "You want emotional support from people who share your experience");
	ck_assert_int_gt(gm_result_percent(r, 0), gm_result_percent(r, 1));
	ck_assert_uint_eq(gm_result_missing_count(r), 3);
	gm_result_free(r);
	gm_answers_free(a);
}
END_TEST

/* --- the compiled plan against the tree walk -------------------------- */

static uint64_t rnd_state = 12345;

static unsigned rnd(unsigned n)
{
	uint64_t z = (rnd_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return (unsigned)(((z ^ (z >> 31)) >> 32) * n >> 32);
}

/* Random answers for cat: some questions left out, now and then one
 * invalid, values within each question's kind. */
static void random_answers(const struct gm_catalog *c, struct gm_answers *a)
{
	gm_answers_clear(a);
	for (int q = 0; q < c->nquestions; q++) {
		const struct gm_question *qq = &c->questions[q];
		int64_t v;

		if (rnd(4) == 0)
			continue;
		switch (qq->kind) {
		case Q_YESNO: v = rnd(2); break;
		case Q_SINGLE: v = (int64_t)((uint64_t)1 << rnd((unsigned)qq->noptions)); break;
		case Q_MULTI: v = (int64_t)rnd(1u << qq->noptions); break;
		default: v = qq->min + (int)rnd((unsigned)(qq->max - qq->min + 1)); break;
		}
		if (q == c->safety && rnd(3))
			v = 0;	/* mostly no: positive screens skip the ranking */
		answers_set_value(a, q, v);
		if (q != c->safety && rnd(60) == 0)
			a->invalid |= 1u << q;
	}
}

static int same_text(const char *x, const char *y)
{
	return x == y || (x && y && !strcmp(x, y));
}

/* Matches a with and without the plan and checks the two results agree
 * in every field the accessors and writers read. */
static void compare_with_tree(gm_catalog *c, const struct gm_answers *a, int flags,
			      struct gm_result *x, struct gm_result *y)
{
	const struct engine_plan *plan = c->plan;
	int i;

	gm_match(a, flags, x);
	c->plan = NULL;
	gm_match(a, flags, y);
	c->plan = plan;
	ck_assert_int_eq(x->status, y->status);
	ck_assert_msg(same_text(x->message, y->message), "%s | %s", x->message, y->message);
	ck_assert_int_eq(x->safety, y->safety);
	ck_assert_int_eq(x->safety_skipped, y->safety_skipped);
	ck_assert_int_eq(x->nranked, y->nranked);
	for (i = 0; i < x->nranked; i++) {
		ck_assert_int_eq(x->ranked[i].group, y->ranked[i].group);
		ck_assert_int_eq(x->ranked[i].score, y->ranked[i].score);
		ck_assert_int_eq(x->ranked[i].percent, y->ranked[i].percent);
		ck_assert_int_eq(x->ranked[i].nreasons, y->ranked[i].nreasons);
		ck_assert_int_eq(x->ranked[i].ncautions, y->ranked[i].ncautions);
		ck_assert(x->ranked[i].matched == y->ranked[i].matched);
	}
	ck_assert_int_eq(x->advice, y->advice);
	ck_assert_int_eq(x->readiness, y->readiness);
	ck_assert_int_eq(x->comfort, y->comfort);
	ck_assert_uint_eq(x->because, y->because);
	ck_assert_int_eq(x->nmissing, y->nmissing);
	ck_assert(!memcmp(x->missing, y->missing, (size_t)x->nmissing * sizeof *x->missing));
	ck_assert_int_eq(x->changes_found, y->changes_found);
	ck_assert_int_eq(x->nchanges, y->nchanges);
	for (i = 0; i < x->nchanges; i++) {
		ck_assert_int_eq(x->changes[i].question, y->changes[i].question);
		ck_assert_int_eq(x->changes[i].first, y->changes[i].first);
		ck_assert_int_eq(x->changes[i].option, y->changes[i].option);
		ck_assert_int_eq(x->changes[i].removed, y->changes[i].removed);
		ck_assert(x->changes[i].value == y->changes[i].value);
	}
}

static void compare_many(gm_catalog *c, int n)
{
	gm_answers *a = gm_answers_new(c);
	gm_result *x = gm_result_new(c), *y = gm_result_new(c);

	ck_assert(a && x && y);
	for (int i = 0; i < n; i++) {
		random_answers(c, a);
		compare_with_tree(c, a, (int)rnd(8), x, y);
	}
	gm_result_free(x);
	gm_result_free(y);
	gm_answers_free(a);
}

START_TEST(plan_agrees_with_the_tree_walk_on_the_default_catalogue)
{
	gm_catalog *c = gm_catalog_load_default(NULL);

	ck_assert(c && c->plan);
	compare_many(c, 20000);
	gm_catalog_free(c);
}
END_TEST

/* A random condition of at most depth levels on the questions of the
 * plan test catalogue, as JSON appended to b. */
static void random_cond(char *b, size_t size, int depth)
{
	static const char *const opts4[] = { "a", "b", "c", "d" }, *const moods[] = { "low", "mid", "high" };
	static const char *const yesnos[] = { "connect", "feedback", "practice", "mutual" };
	size_t len = strlen(b);
	unsigned kind = depth > 0 ? rnd(9) : 3 + rnd(6), n, i, set;

	if (kind < 2) {
		n = 1 + rnd(4);
		snprintf(b + len, size - len, "{\"%s\": [", kind ? "any" : "all");
		for (i = 0; i < n; i++) {
			if (i)
				strncat(b, ", ", size - strlen(b) - 1);
			random_cond(b, size, depth - 1);
		}
		strncat(b, "]}", size - strlen(b) - 1);
		return;
	}
	if (kind == 2) {
		strncat(b, "{\"not\": ", size - strlen(b) - 1);
		random_cond(b, size, depth - 1);
		strncat(b, "}", size - strlen(b) - 1);
		return;
	}
	switch (kind) {
	case 3:
	case 4:
		set = 1 + rnd(15);
		snprintf(b + len, size - len, "{\"question\": \"pick\", \"%s\": [", rnd(2) ? "any" : "all");
		for (i = 0; i < 4; i++)
			if (set >> i & 1)
				snprintf(b + strlen(b), size - strlen(b), "%s\"%s\"", set & ((1u << i) - 1) ? ", " : "", opts4[i]);
		strncat(b, "]}", size - strlen(b) - 1);
		break;
	case 5:
		if (rnd(2))
			snprintf(b + len, size - len, "{\"question\": \"pick\", \"count_gte\": %u}", 1 + rnd(4));
		else
			snprintf(b + len, size - len, "{\"question\": \"mood\", \"%s\": [\"%s\"]}",
				 rnd(2) ? "any" : "all", moods[rnd(3)]);
		break;
	case 6:
		snprintf(b + len, size - len, "{\"question\": \"comfort\", \"%s\": %u}", rnd(2) ? "gte" : "lte",
			 1 + rnd(5));
		break;
	default:
		snprintf(b + len, size - len, "{\"question\": \"%s\", \"is\": %s}", yesnos[rnd(4)],
			 rnd(2) ? "true" : "false");
		break;
	}
}

/* A catalogue with random criteria, modifiers and defaults. */
static gm_catalog *random_catalog(void)
{
	static char json[65536];
	const size_t size = sizeof json;
	unsigned ngroups = 1 + rnd(5), g, k, n;
	gm_error *errs = NULL;
	size_t nerrs = 0;
	gm_catalog *c;

	snprintf(json, size, "{\"format_version\": 1, \"questions\": ["
		 "{\"id\": \"crisis\", \"kind\": \"yesno\", \"role\": \"safety\", \"required\": true,"
		 " \"text\": \"Crisis?\"},"
		 "{\"id\": \"pick\", \"kind\": \"multi\", \"min\": 0, \"text\": \"Pick\"%s, \"options\": ["
		 "{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\", \"label\": \"B\"},"
		 " {\"id\": \"c\", \"label\": \"C\"}, {\"id\": \"d\", \"label\": \"D\"}]},"
		 "{\"id\": \"mood\", \"kind\": \"single\", \"required\": true, \"text\": \"Mood\"%s, \"options\": ["
		 "{\"id\": \"low\", \"label\": \"Low\"}, {\"id\": \"mid\", \"label\": \"Mid\"},"
		 " {\"id\": \"high\", \"label\": \"High\"}]},"
		 "{\"id\": \"comfort\", \"kind\": \"scale\", \"role\": \"comfort\", \"min\": 1, \"max\": 5,"
		 " \"text\": \"Comfort\"%s},"
		 "{\"id\": \"connect\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Connect?\"%s},"
		 "{\"id\": \"feedback\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Feedback?\"},"
		 "{\"id\": \"practice\", \"kind\": \"yesno\", \"text\": \"Practice?\"%s},"
		 "{\"id\": \"mutual\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Mutual?\"}"
		 "], \"groups\": [",
		 rnd(3) ? "" : rnd(2) ? ", \"default\": [\"b\", \"d\"]" : ", \"default\": []",
		 rnd(2) ? "" : ", \"default\": \"mid\"",
		 rnd(3) ? "" : ", \"default\": 2",
		 rnd(3) ? "" : ", \"default\": true",
		 rnd(2) ? "" : ", \"default\": false");
	for (g = 0; g < ngroups; g++) {
		snprintf(json + strlen(json), size - strlen(json),
			 "%s{\"id\": \"g%u\", \"name\": \"G%u\", \"summary\": \"s\", \"description\": \"d\","
			 " \"example\": \"e\", \"approaches\": [\"x\"], \"criteria\": [", g ? ", " : "", g, g);
		n = 1 + rnd(8);
		for (k = 0; k < n; k++) {
			int w = k == 0 ? 1 + (int)rnd(5) : (int)rnd(9) - 4;

			snprintf(json + strlen(json), size - strlen(json),
				 "%s{\"weight\": %d, \"reason\": \"g%u c%u\", \"when\": ", k ? ", " : "",
				 w ? w : 2, g, k);
			random_cond(json, size, (int)rnd(4));
			strncat(json, "}", size - strlen(json) - 1);
		}
		strncat(json, "]}", size - strlen(json) - 1);
	}
	strncat(json, "], \"setting\": {"
		"\"group\": {\"readiness_min\": 2, \"comfort_min\": 3, \"label\": \"G\", \"text\": \"group text\"},"
		"\"combined\": {\"label\": \"C\", \"text\": \"combined text\"},"
		"\"individual_first\": {\"readiness_max\": 0, \"comfort_max\": 1, \"label\": \"I\","
		" \"text\": \"individual text\"}, \"modifiers\": [", size - strlen(json) - 1);
	n = rnd(4);
	for (k = 0; k < n; k++) {
		snprintf(json + strlen(json), size - strlen(json),
			 "%s{\"id\": \"m%u\", \"at_least\": \"%s\",%s \"reason\": \"m%u\", \"when\": ",
			 k ? ", " : "", k, rnd(2) ? "combined" : "individual_first",
			 rnd(2) ? "" : " \"first\": [\"g0\"],", k);
		random_cond(json, size, (int)rnd(4));
		strncat(json, "}", size - strlen(json) - 1);
	}
	strncat(json, "]}, \"messages\": {\"urgent\": \"" URGENT "\", \"reminder\": \"Talk to a professional.\","
		" \"urgent_staff\": \"positive screen: call them today\","
		" \"unscreened_staff\": \"not screened: ask the safety question\","
		" \"safety_skipped\": \"Safety question skipped.\"},"
		"\"resources\": [{\"region\": \"*\", \"name\": \"Line\", \"contact\": \"000\","
		" \"how\": [\"call\"], \"hours\": \"any time\"}]}", size - strlen(json) - 1);
	ck_assert_uint_lt(strlen(json), size - 1);
	c = gm_catalog_load_buffer(json, strlen(json), "plan test", &errs, &nerrs);
	ck_assert_msg(c != NULL, "%s: %s in %s", nerrs ? errs[0].path : "", nerrs ? errs[0].message : "", json);
	free(errs);
	return c;
}

START_TEST(plan_agrees_with_the_tree_walk_on_random_catalogues)
{
	int planned = 0;

	for (int i = 0; i < 300; i++) {
		gm_catalog *c = random_catalog();

		planned += c->plan != NULL;
		compare_many(c, 300);
		gm_catalog_free(c);
	}
	ck_assert_int_gt(planned, 250);
}
END_TEST

START_TEST(a_catalogue_with_more_tests_than_a_plan_holds_walks_the_trees)
{
	/* 41 leaves, each for a group and (negated) against it: 82 slots */
	static const char *const sets[] = { "\"a\"", "\"b\"", "\"a\", \"b\"", "\"c\"", "\"a\", \"c\"",
		"\"b\", \"c\"", "\"a\", \"b\", \"c\"" };
	static const char *const yesnos[] = { "connect", "feedback", "practice", "mutual" };
	static char groups[32768];
	char leaf[41][96];
	int n = 0, i;

	for (i = 0; i < 7; i++) {
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"pick\", \"any\": [%s]}", sets[i]);
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"pick\", \"all\": [%s]}", sets[i]);
	}
	for (i = 1; i <= 3; i++)
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"pick\", \"count_gte\": %d}", i);
	for (i = 0; i < 3; i++) {
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"mood\", \"any\": [%s]}",
			 i == 0 ? "\"low\"" : i == 1 ? "\"high\"" : "\"low\", \"high\"");
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"mood\", \"all\": [%s]}",
			 i == 0 ? "\"low\"" : i == 1 ? "\"high\"" : "\"low\", \"high\"");
	}
	for (i = 1; i <= 5; i++) {
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"comfort\", \"gte\": %d}", i);
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"comfort\", \"lte\": %d}", i);
	}
	for (i = 0; i < 8; i++)
		snprintf(leaf[n++], sizeof leaf[0], "{\"question\": \"%s\", \"is\": %s}", yesnos[i / 2],
			 i % 2 ? "true" : "false");
	ck_assert_int_eq(n, 41);
	strcpy(groups, "[" ANCHOR);
	for (int g = 0; g < 2; g++) {
		snprintf(groups + strlen(groups), sizeof groups - strlen(groups),
			 ", {\"id\": \"big%d\", \"name\": \"Big\", \"summary\": \"s\", \"description\": \"d\","
			 " \"example\": \"e\", \"approaches\": [\"x\"], \"criteria\": [", g);
		for (i = 0; i < n; i++)
			snprintf(groups + strlen(groups), sizeof groups - strlen(groups),
				 "%s{\"weight\": %d, \"reason\": \"r%d\", \"when\": %s%s%s}", i ? ", " : "",
				 g && i ? -1 : 1, i, g ? "{\"not\": " : "", leaf[i], g ? "}" : "");
		strncat(groups, "]}", sizeof groups - strlen(groups) - 1);
	}
	strncat(groups, "]", sizeof groups - strlen(groups) - 1);
	load(groups);
	ck_assert(cat->plan == NULL);
	set("pick", "a;b");
	set("comfort", "3");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	/* any a, any b, any a;b, any a;c, any b;c, any a;b;c, all a, all b,
	 * all a;b, count 1, count 2, gte 1..3, lte 3..5, mutual yes */
	ck_assert_int_eq(score_of("big0"), 18);
	/* against it, the leaves answered and false: any c; all c, a;c, b;c,
	 * a;b;c; count 3; gte 4, 5; lte 1, 2; mutual no */
	ck_assert_int_eq(score_of("big1"), -11);
}
END_TEST

/* The built-in catalogue's hash is worked out at build time; it must be
 * what the loader would work out. */
START_TEST(built_in_catalogue_hash_is_the_hash_of_its_text)
{
	gm_catalog *c = gm_catalog_load_default(NULL);
	char hex[65];

	ck_assert(c != NULL);
	catalog_hash(gm_default_catalog, gm_default_catalog_len, hex);
	ck_assert_str_eq(gm_catalog_hash(c), hex);
	gm_catalog_free(c);
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *k = tcase_create("kleene");
	TCase *leaf = tcase_create("leaf");
	TCase *pc = tcase_create("percent");
	TCase *rk = tcase_create("ranking");
	TCase *gate = tcase_create("gate");
	TCase *set_tc = tcase_create("setting");
	TCase *api = tcase_create("api");
	TCase *plan = tcase_create("plan");

	tcase_add_checked_fixture(k, kleene_setup, teardown);
	tcase_add_test(k, criterion_on_an_unanswered_question_never_matches);
	tcase_add_test(k, not_of_an_unanswered_question_is_unknown_and_does_not_match);
	tcase_add_test(k, not_of_a_false_condition_matches);
	tcase_add_test(k, explicit_none_answers_a_multi_question);
	tcase_add_test(k, any_with_one_true_part_matches_though_another_is_unknown);
	tcase_add_test(k, any_with_false_and_unknown_parts_is_unknown);
	tcase_add_test(k, all_with_one_false_part_is_false_though_another_is_unknown);
	tcase_add_test(k, all_with_true_and_unknown_parts_is_unknown);
	tcase_add_test(k, all_with_every_part_true_matches);
	suite_add_tcase(s, k);

	tcase_add_checked_fixture(leaf, leaf_setup, teardown);
	tcase_add_test(leaf, all_of_options_needs_every_one_chosen);
	tcase_add_test(leaf, gte_and_lte_include_their_bound);
	tcase_add_test(leaf, is_false_matches_only_an_answered_no);
	suite_add_tcase(s, leaf);

	tcase_add_checked_fixture(pc, percent_setup, teardown);
	tcase_add_test(pc, percent_rounds_half_up);
	tcase_add_test(pc, percent_is_100_when_every_reason_matches);
	tcase_add_test(pc, cautions_lower_the_score_and_percent_clamps_at_zero);
	tcase_add_test(pc, cautions_come_most_negative_first);
	tcase_add_test(pc, reasons_come_in_weight_order);
	suite_add_tcase(s, pc);

	tcase_add_checked_fixture(rk, ranking_setup, teardown);
	tcase_add_test(rk, equal_percent_ranks_the_higher_score_first);
	tcase_add_test(rk, ties_in_percent_and_score_keep_catalogue_order);
	tcase_add_test(rk, ranking_is_by_percent_not_score);
	tcase_add_test(rk, every_group_is_ranked_with_its_name);
	suite_add_tcase(s, rk);

	tcase_add_checked_fixture(gate, gate_setup, teardown);
	tcase_add_test(gate, crisis_yes_is_urgent_with_no_ranking);
	tcase_add_test(gate, crisis_yes_is_urgent_even_with_invalid_answers_which_stay_out_of_its_text);
	tcase_add_test(gate, crisis_yes_is_urgent_even_when_strict_answers_are_missing);
	tcase_add_test(gate, invalid_answer_gives_invalid_status_with_its_message);
	tcase_add_test(gate, several_invalid_answers_say_how_many_more);
	tcase_add_test(gate, invalid_answers_marked_without_a_message_are_named);
	tcase_add_test(gate, strict_turns_missing_required_answers_into_an_error);
	tcase_add_test(gate, strict_demands_the_safety_question);
	tcase_add_test(gate, missing_answers_are_listed_in_catalogue_order);
	tcase_add_test(gate, unanswered_safety_question_is_missing_and_skipped_not_no);
	tcase_add_test(gate, invalid_answers_are_not_listed_as_missing);
	tcase_add_test(gate, result_is_overwritten_by_the_next_match);
	suite_add_tcase(s, gate);

	tcase_add_checked_fixture(set_tc, gate_setup, teardown);
	tcase_add_test(set_tc, ready_and_comfortable_is_group);
	tcase_add_test(set_tc, below_a_group_threshold_is_combined);
	tcase_add_test(set_tc, low_readiness_or_comfort_is_individual_first);
	tcase_add_test(set_tc, unknown_readiness_never_pushes_to_individual_first);
	tcase_add_test(set_tc, unknown_readiness_never_counts_towards_group);
	tcase_add_test(set_tc, unanswered_comfort_is_combined_and_reported_as_minus_one);
	suite_add_tcase(s, set_tc);

	tcase_add_checked_fixture(api, gate_setup, teardown);
	tcase_add_test(api, accessors_past_the_ranking_return_nothing);
	tcase_add_test(api, new_result_of_no_catalogue_is_null_and_free_of_null_is_safe);
	tcase_add_test(api, version_is_the_header_version);
	tcase_add_test(api, issue_example_ranks_support_first_with_reasons);
	suite_add_tcase(s, api);
	tcase_add_test(plan, plan_agrees_with_the_tree_walk_on_the_default_catalogue);
	tcase_add_test(plan, plan_agrees_with_the_tree_walk_on_random_catalogues);
	tcase_add_test(plan, built_in_catalogue_hash_is_the_hash_of_its_text);
	tcase_add_checked_fixture(plan, NULL, teardown);
	tcase_add_test(plan, a_catalogue_with_more_tests_than_a_plan_holds_walks_the_trees);
	tcase_set_timeout(plan, 60);
	suite_add_tcase(s, plan);

	return s;
}
