/* check_rules.c - unit tests of what a ranking means: order, fit bands, near ties, no evidence, setting modifiers, changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "check_suites.h"
#include "engine.h"
#include "report.h"

/* A small catalogue: the safety question, a multi-choice 'pick' (a, b, c,
 * d; 0 to 3 of them), a single-choice 'mood' (low, high), the comfort
 * scale 1-5 and two readiness questions; setting group at readiness 2
 * and comfort 3, individual_first at readiness 0 or comfort 1.  Groups,
 * the ranking object and the modifiers differ from test to test. */
static const char head[] =
	"{\"format_version\": 1, \"questions\": ["
	"{\"id\": \"crisis\", \"kind\": \"yesno\", \"role\": \"safety\", \"required\": true, \"text\": \"Crisis?\"},"
	"{\"id\": \"pick\", \"kind\": \"multi\", \"min\": 0, \"max\": 3, \"text\": \"Pick which?\", \"options\": ["
	"{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\", \"label\": \"B\"}, {\"id\": \"c\", \"label\": \"C\"},"
	" {\"id\": \"d\", \"label\": \"D\"}]},"
	"{\"id\": \"mood\", \"kind\": \"single\", \"text\": \"Mood?\", \"options\": ["
	"{\"id\": \"low\", \"label\": \"Low\"}, {\"id\": \"high\", \"label\": \"High\"}]},"
	"{\"id\": \"comfort\", \"kind\": \"scale\", \"role\": \"comfort\", \"min\": 1, \"max\": 5, \"text\": \"Comfort?\"},"
	"{\"id\": \"connect\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Connect?\"},"
	"{\"id\": \"mutual\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Mutual?\"}"
	"], \"groups\": ";
static const char setting_head[] =
	", \"setting\": {"
	"\"group\": {\"readiness_min\": 2, \"comfort_min\": 3, \"label\": \"G\", \"text\": \"group text\"},"
	"\"combined\": {\"label\": \"C\", \"text\": \"combined text\"},"
	"\"individual_first\": {\"readiness_max\": 0, \"comfort_max\": 1, \"label\": \"I\", \"text\": \"individual text\"}";
static const char tail[] =
	"\"messages\": {\"urgent\": \"Get help now: people are ready to listen and help you, free and in confidence.\","
	" \"reminder\": \"Talk to a professional.\","
	" \"urgent_staff\": \"positive screen: call them today\","
	" \"unscreened_staff\": \"not screened: ask the safety question\","
	" \"safety_skipped\": \"Safety question skipped.\"},"
	"\"resources\": [{\"region\": \"*\", \"name\": \"Line\", \"contact\": \"000\","
	" \"how\": [\"call\"], \"hours\": \"any time\"}]}";

#define GROUP(id, criteria) \
	"{\"id\": \"" id "\", \"name\": \"Group " id "\", \"summary\": \"s\", \"description\": \"d\"," \
	" \"example\": \"e\", \"approaches\": [\"x\"], \"criteria\": [" criteria "]}"
#define CRIT(weight, reason, when) \
	"{\"weight\": " #weight ", \"reason\": \"" reason "\", \"when\": " when "}"
#define PICK(o) "{\"question\": \"pick\", \"any\": [\"" o "\"]}"
#define MOOD(o) "{\"question\": \"mood\", \"any\": [\"" o "\"]}"

/* Three groups: alpha 4/4 on a (or 1 more on b), beta 3/3 on a plus
 * caution -1 on mood low, gamma 10 on c. */
#define THREE_GROUPS "[" \
	GROUP("alpha", CRIT(4, "alpha a", PICK("a")) "," CRIT(1, "alpha b", PICK("b"))) "," \
	GROUP("beta", CRIT(3, "beta a", PICK("a")) "," CRIT(-1, "beta low", MOOD("low"))) "," \
	GROUP("gamma", CRIT(10, "gamma c", PICK("c")) "," CRIT(10, "gamma d", PICK("d"))) "]"

/* The same questions with the catalogue's words for changed answers. */
static const char head_phrased[] =
	"{\"format_version\": 1, \"questions\": ["
	"{\"id\": \"crisis\", \"kind\": \"yesno\", \"role\": \"safety\", \"required\": true, \"text\": \"Crisis?\"},"
	"{\"id\": \"pick\", \"kind\": \"multi\", \"min\": 0, \"max\": 3, \"text\": \"Pick which?\","
	" \"change\": {\"add\": \"you also picked %s\", \"remove\": \"you had dropped %s\"}, \"options\": ["
	"{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\", \"label\": \"Bee\"}, {\"id\": \"c\", \"label\": \"C\"},"
	" {\"id\": \"d\", \"label\": \"D\"}]},"
	"{\"id\": \"mood\", \"kind\": \"single\", \"text\": \"Mood?\","
	" \"change\": {\"low\": \"your mood were low\"}, \"options\": ["
	"{\"id\": \"low\", \"label\": \"Low\"}, {\"id\": \"high\", \"label\": \"High\"}]},"
	"{\"id\": \"comfort\", \"kind\": \"scale\", \"role\": \"comfort\", \"min\": 1, \"max\": 5, \"text\": \"Comfort?\","
	" \"change\": {\"to\": \"your comfort were %d\"}},"
	"{\"id\": \"connect\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Connect?\","
	" \"change\": {\"yes\": \"you wanted to connect\"}},"
	"{\"id\": \"mutual\", \"kind\": \"yesno\", \"role\": \"readiness\", \"text\": \"Mutual?\"}"
	"], \"groups\": ";
static const char *questions = head;	/* the head load() uses */

static gm_catalog *cat;
static gm_answers *ans;
static gm_result *res;

/* Loads groups, modifiers (the inside of setting.modifiers, or NULL) and
 * ranking (a whole "ranking" member, or NULL). */
static void load(const char *groups, const char *modifiers, const char *ranking)
{
	size_t n = 0, len = strlen(questions) + strlen(groups) + strlen(setting_head) + strlen(tail) +
		(modifiers ? strlen(modifiers) : 0) + (ranking ? strlen(ranking) : 0) + 64;
	char *json = malloc(len);
	gm_error *errs = NULL;

	snprintf(json, len, "%s%s%s%s%s%s},%s%s%s", questions, groups, setting_head,
		 modifiers ? ", \"modifiers\": [" : "", modifiers ? modifiers : "", modifiers ? "]" : "",
		 ranking ? ranking : "", ranking ? "," : "", tail);
	cat = gm_catalog_load_buffer(json, strlen(json), "rules test", &errs, &n);
	ck_assert_msg(cat != NULL, "test catalogue: %s: %s", n ? errs[0].path : "",
		      n ? errs[0].message : "");
	gm_errors_free(errs);
	free(json);
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	ck_assert(ans && res);
}

static void teardown(void)
{
	questions = head;
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

static void match(int flags)
{
	gm_match(ans, flags, res);
}

static void three_setup(void)
{
	load(THREE_GROUPS, NULL, NULL);
}

/* --- order ------------------------------------------------------------- */

START_TEST(a_cautioned_group_never_ranks_above_an_equal_percent_with_more_score)
{
	/* alpha 4/5 = 80%; beta 3/3 = 100% but 2/3 = 67% with the caution */
	set("pick", "a");
	set("mood", "low");
	match(0);
	ck_assert_str_eq(gm_result_group_id(res, 0), "alpha");
	ck_assert_str_eq(gm_result_group_id(res, 1), "beta");
	/* gamma scores 0 and comes last */
	ck_assert_str_eq(gm_result_group_id(res, 2), "gamma");
}
END_TEST

START_TEST(zero_percent_groups_rank_by_score_so_a_caution_sinks)
{
	/* gamma 10/20 first; alpha 0 and beta -1 both 0%: alpha first */
	set("pick", "c");
	set("mood", "low");
	match(0);
	ck_assert_str_eq(gm_result_group_id(res, 0), "gamma");
	ck_assert_str_eq(gm_result_group_id(res, 1), "alpha");
	ck_assert_str_eq(gm_result_group_id(res, 2), "beta");
	ck_assert_int_eq(gm_result_score(res, 2), -1);
}
END_TEST

/* --- no evidence ---------------------------------------------------------- */

START_TEST(no_answers_at_all_are_not_enough_to_suggest_a_group)
{
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	ck_assert_str_eq(gm_result_message(res), "not enough answers to suggest a group");
	ck_assert_uint_eq(gm_result_rank_count(res), 0);
	ck_assert_ptr_null(gm_result_setting(res));
}
END_TEST

START_TEST(only_the_safety_answer_is_not_enough)
{
	set("crisis", "no");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	ck_assert_str_eq(gm_result_message(res), "not enough answers to suggest a group");
}
END_TEST

START_TEST(cautions_alone_are_not_evidence)
{
	set("crisis", "no");
	set("mood", "low");
	set("pick", "b;d");
	match(0);
	/* alpha 1/5, gamma 10/20: evidence */
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	set("pick", "none");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
}
END_TEST

START_TEST(the_safety_gate_still_comes_before_no_evidence)
{
	set("crisis", "yes");
	match(0);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
}
END_TEST

/* --- fit bands and near ties ------------------------------------------------- */

START_TEST(fit_bands_follow_the_default_thresholds)
{
	set("pick", "a;c");
	match(0);
	/* alpha 80% strong, beta 100% strong, gamma 50% possible */
	ck_assert_str_eq(gm_result_group_id(res, 0), "beta");
	ck_assert_str_eq(gm_result_fit(res, 0), "strong");
	ck_assert_str_eq(gm_result_fit(res, 1), "strong");
	ck_assert_str_eq(gm_result_fit(res, 2), "possible");
	ck_assert_ptr_null(gm_result_fit(res, 3));
	set("pick", "b;c");
	match(0);
	/* gamma 50%, alpha 1/5 = 20% weak, beta 0 none */
	ck_assert_str_eq(gm_result_fit(res, 1), "weak");
	ck_assert_str_eq(gm_result_fit(res, 2), "none");
}
END_TEST

START_TEST(fit_thresholds_are_catalogue_data)
{
	teardown();
	load(THREE_GROUPS, NULL, "\"ranking\": {\"fit\": {\"strong\": 90, \"possible\": 15}, \"near_tie\": 0}");
	set("pick", "b;c");
	match(0);
	ck_assert_str_eq(gm_result_fit(res, 0), "possible");	/* gamma 50% */
	ck_assert_str_eq(gm_result_fit(res, 1), "possible");	/* alpha 20% */
	set("pick", "a");
	match(0);
	ck_assert_str_eq(gm_result_fit(res, 1), "possible");	/* alpha 80% < 90 */
}
END_TEST

START_TEST(groups_within_five_points_of_the_first_are_near_ties)
{
	set("pick", "a;b");
	match(0);
	/* alpha 5/5 and beta 3/3 both 100%: a tie, and the first is marked too */
	ck_assert(gm_result_near_tie(res, 0));
	ck_assert(gm_result_near_tie(res, 1));
	ck_assert(!gm_result_near_tie(res, 2));
	set("pick", "a");
	match(0);
	/* beta 100%, alpha 80%: twenty points apart */
	ck_assert(!gm_result_near_tie(res, 0));
	ck_assert(!gm_result_near_tie(res, 1));
	ck_assert(!gm_result_near_tie(res, 9));
}
END_TEST

START_TEST(a_group_without_evidence_is_never_a_near_tie)
{
	teardown();
	load(THREE_GROUPS, NULL, "\"ranking\": {\"near_tie\": 100}");
	set("pick", "c");
	match(0);
	ck_assert(!gm_result_near_tie(res, 1));
	ck_assert(!gm_result_near_tie(res, 0));
	set("pick", "c;b");
	match(0);
	ck_assert(gm_result_near_tie(res, 1));	/* alpha 20% within 100 of gamma */
}
END_TEST

/* --- setting modifiers ------------------------------------------------------- */

#define MODIFIERS \
	"{\"id\": \"b_and_low\", \"at_least\": \"combined\", \"reason\": \"b with low mood\"," \
	" \"when\": {\"all\": [" PICK("b") ", " MOOD("low") "]}}," \
	"{\"id\": \"three\", \"at_least\": \"individual_first\", \"reason\": \"three picked\"," \
	" \"when\": {\"question\": \"pick\", \"count_gte\": 3}}," \
	"{\"id\": \"gamma_high\", \"at_least\": \"combined\", \"first\": [\"gamma\"], \"reason\": \"gamma first, high\"," \
	" \"when\": " MOOD("high") "}"

static void modifier_setup(void)
{
	load(THREE_GROUPS, MODIFIERS, NULL);
	set("crisis", "no");
	set("comfort", "5");
	set("connect", "yes");
	set("mutual", "yes");
}

START_TEST(without_a_modifier_ready_and_comfortable_is_group)
{
	set("pick", "a");
	match(0);
	ck_assert_str_eq(gm_result_setting(res), "group");
	ck_assert_uint_eq(gm_result_because_count(res), 0);
	ck_assert_ptr_null(gm_result_because(res, 0));
}
END_TEST

START_TEST(a_modifier_raises_the_advice_and_says_why)
{
	set("pick", "a;b");
	set("mood", "low");
	match(0);
	ck_assert_str_eq(gm_result_setting(res), "combined");
	ck_assert_uint_eq(gm_result_because_count(res), 1);
	ck_assert_str_eq(gm_result_because(res, 0), "b with low mood");
}
END_TEST

START_TEST(count_gte_counts_the_options_picked)
{
	set("pick", "a;c;d");
	match(0);
	ck_assert_str_eq(gm_result_setting(res), "individual_first");
	ck_assert_str_eq(gm_result_because(res, 0), "three picked");
	set("pick", "a;c");
	match(0);
	ck_assert_str_eq(gm_result_setting(res), "group");
}
END_TEST

START_TEST(a_modifier_never_lowers_the_advice)
{
	set("comfort", "1");
	set("pick", "a;b");
	set("mood", "low");
	match(0);
	ck_assert_str_eq(gm_result_setting(res), "individual_first");
	ck_assert_str_eq(gm_result_because(res, 0), "b with low mood");
}
END_TEST

START_TEST(a_modifier_with_first_holds_only_when_that_group_comes_first)
{
	set("mood", "high");
	set("pick", "a");
	match(0);
	ck_assert_str_eq(gm_result_group_id(res, 0), "beta");
	ck_assert_str_eq(gm_result_setting(res), "group");
	set("pick", "c;d");
	match(0);
	ck_assert_str_eq(gm_result_group_id(res, 0), "gamma");
	ck_assert_str_eq(gm_result_setting(res), "combined");
	ck_assert_str_eq(gm_result_because(res, 0), "gamma first, high");
}
END_TEST

START_TEST(several_modifiers_give_every_reason_in_catalogue_order)
{
	set("pick", "b;c;d");
	set("mood", "low");
	match(0);
	ck_assert_str_eq(gm_result_setting(res), "individual_first");
	ck_assert_uint_eq(gm_result_because_count(res), 2);
	ck_assert_str_eq(gm_result_because(res, 0), "b with low mood");
	ck_assert_str_eq(gm_result_because(res, 1), "three picked");
}
END_TEST

START_TEST(modifiers_appear_under_setting_because_in_json)
{
	struct buf out = BUF_INIT;
	cJSON *j, *because;

	set("pick", "a;b");
	set("mood", "low");
	match(0);
	report_json(&out, res, NULL, 0, 0);
	j = cJSON_Parse(buf_cstr(&out));
	ck_assert_ptr_nonnull(j);
	because = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "setting"), "because");
	ck_assert_int_eq(cJSON_GetArraySize(because), 1);
	ck_assert_str_eq(cJSON_GetArrayItem(because, 0)->valuestring, "b with low mood");
	cJSON_Delete(j);
	buf_release(&out);
}
END_TEST

/* --- catalogue validation of the new parts ------------------------------------ */

/* The first error loading groups with modifiers and ranking, or "". */
static const char *first_error(const char *modifiers, const char *ranking)
{
	static char msg[600];
	size_t n = 0, len = strlen(head) + strlen(THREE_GROUPS) + strlen(setting_head) + strlen(tail) +
		strlen(modifiers) + strlen(ranking) + 64;
	char *json = malloc(len);
	gm_error *errs = NULL;
	gm_catalog *c;

	snprintf(json, len, "%s%s%s, \"modifiers\": [%s]},%s%s%s", head, THREE_GROUPS, setting_head,
		 modifiers, ranking, *ranking ? "," : "", tail);
	c = gm_catalog_load_buffer(json, strlen(json), "rules test", &errs, &n);
	snprintf(msg, sizeof msg, "%s%s%s", n ? errs[0].path : "", n ? ": " : "", n ? errs[0].message : "");
	gm_catalog_free(c);
	gm_errors_free(errs);
	free(json);
	return msg;
}

START_TEST(bad_modifiers_and_thresholds_are_reported_with_their_path)
{
	ck_assert_str_eq(first_error("{\"id\": \"m\", \"at_least\": \"group\", \"reason\": \"r\", \"when\": " PICK("a") "}", ""),
			 "setting.modifiers[0].at_least: expected combined or individual_first");
	ck_assert_str_eq(first_error("{\"id\": \"m\", \"at_least\": \"combined\", \"reason\": \"r\", \"first\": [\"delta\"], \"when\": " PICK("a") "}", ""),
			 "setting.modifiers[0].first[0]: expected a group id, got 'delta' (no such group)");
	ck_assert_str_eq(first_error("{\"id\": \"m\", \"at_least\": \"combined\", \"reason\": \"r\", \"when\": {\"question\": \"mood\", \"count_gte\": 2}}", ""),
			 "setting.modifiers[0].when.count_gte: 'count_gte' needs a multi question; 'mood' is single");
	ck_assert_str_eq(first_error("{\"id\": \"m\", \"at_least\": \"combined\", \"reason\": \"r\", \"when\": {\"question\": \"pick\", \"count_gte\": 5}}", ""),
			 "setting.modifiers[0].when.count_gte: 5 is out of range 1..4");
	ck_assert_str_eq(first_error("{\"id\": \"m\", \"at_least\": \"combined\", \"when\": " PICK("a") "}", ""),
			 "setting.modifiers[0].reason: missing");
	ck_assert_str_eq(first_error("{\"id\": \"m\", \"at_least\": \"combined\", \"when\": " PICK("a") "},"
				     "{\"id\": \"m\", \"at_least\": \"combined\", \"reason\": \"r\", \"when\": " PICK("b") "}", ""),
			 "setting.modifiers[0].reason: missing");
	ck_assert_str_eq(first_error("{\"id\": \"m\", \"at_least\": \"combined\", \"reason\": \"r\", \"when\": " PICK("a") "},"
				     "{\"id\": \"m\", \"at_least\": \"combined\", \"reason\": \"r\", \"when\": " PICK("b") "}", ""),
			 "setting.modifiers[1]: duplicate modifier id 'm'");
	ck_assert_str_eq(first_error("", "\"ranking\": {\"fit\": {\"strong\": 30, \"possible\": 60}}"),
			 "ranking.fit.possible: 60 is above strong (30)");
	ck_assert_str_eq(first_error("", "\"ranking\": {\"near_tie\": 101}"),
			 "ranking.near_tie: 101 is out of range 0..100");
	ck_assert_str_eq(first_error("", "\"ranking\": {\"fit\": {\"strng\": 80}}"),
			 "ranking.fit.strng: unknown key 'strng' (did you mean 'strong'?)");
}
END_TEST

/* --- changes ------------------------------------------------------------------- */

/* Index of the change to question q with text to, or -1. */
static int change_index(const char *q, const char *to)
{
	char buf[64];
	size_t i;

	for (i = 0; i < gm_result_change_count(res); i++) {
		gm_result_change_to(res, i, buf, sizeof buf);
		if (!strcmp(gm_result_change_question(res, i), q) && !strcmp(buf, to))
			return (int)i;
	}
	return -1;
}

START_TEST(changes_are_worked_out_only_when_asked)
{
	set("pick", "a");
	match(0);
	ck_assert(!gm_result_changes_found(res));
	ck_assert_uint_eq(gm_result_change_count(res), 0);
	match(GM_MATCH_CHANGES);
	ck_assert(gm_result_changes_found(res));
}
END_TEST

START_TEST(changes_list_every_single_answer_that_puts_another_group_first)
{
	int i;

	/* beta 100% first, alpha 80% second */
	set("pick", "a");
	set("mood", "high");
	match(GM_MATCH_CHANGES);
	ck_assert_str_eq(gm_result_group_id(res, 0), "beta");
	/* adding b: alpha 5/5 = beta 3/3 at 100%, alpha has the higher score */
	i = change_index("pick", "a;b");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(gm_result_change_first(res, (size_t)i), "alpha");
	/* mood low: beta 2/3 = 67% falls below alpha 80% */
	i = change_index("mood", "low");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(gm_result_change_first(res, (size_t)i), "alpha");
	/* taking a off leaves no evidence: not a change that suggests a group */
	ck_assert_int_eq(change_index("pick", ""), -1);
	/* adding c: beta still first at 100% over gamma 50% */
	ck_assert_int_eq(change_index("pick", "a;c"), -1);
	ck_assert_uint_eq(gm_result_change_count(res), 2);
	ck_assert_ptr_null(gm_result_change_question(res, 2));
	ck_assert_ptr_null(gm_result_change_first(res, 2));
}
END_TEST

START_TEST(changes_respect_a_multi_questions_limits_and_skip_the_safety_question)
{
	int i;
	char buf[8];

	set("crisis", "no");
	set("pick", "b;c;d");	/* max 3: nothing can be added */
	match(GM_MATCH_CHANGES);
	ck_assert_str_eq(gm_result_group_id(res, 0), "gamma");
	ck_assert_int_eq(change_index("pick", "a;b;c;d"), -1);
	for (i = 0; i < (int)gm_result_change_count(res); i++)
		ck_assert_str_ne(gm_result_change_question(res, (size_t)i), "crisis");
	ck_assert_uint_eq(gm_result_change_to(res, 99, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(changes_appear_in_json_in_the_form_of_an_answers_file)
{
	struct buf out = BUF_INIT;
	cJSON *j, *changes, *c;
	int seen = 0;

	set("pick", "a");
	set("mood", "high");
	match(GM_MATCH_CHANGES);
	report_json(&out, res, NULL, 0, 1);
	j = cJSON_Parse(buf_cstr(&out));
	ck_assert_ptr_nonnull(j);
	changes = cJSON_GetObjectItem(j, "changes");
	ck_assert_int_eq(cJSON_GetArraySize(changes), 2);
	cJSON_ArrayForEach(c, changes) {
		const cJSON *to = cJSON_GetObjectItem(c, "to");

		ck_assert_str_eq(cJSON_GetObjectItem(c, "first")->valuestring, "alpha");
		if (!strcmp(cJSON_GetObjectItem(c, "question")->valuestring, "pick")) {
			ck_assert(cJSON_IsArray(to));
			ck_assert_int_eq(cJSON_GetArraySize(to), 2);
			seen |= 1;
		} else {
			ck_assert_str_eq(to->valuestring, "low");
			seen |= 2;
		}
	}
	ck_assert_int_eq(seen, 3);
	cJSON_Delete(j);
	buf_reset(&out);
	match(0);
	report_json(&out, res, NULL, 0, 0);
	j = cJSON_Parse(buf_cstr(&out));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "changes")));
	cJSON_Delete(j);
	buf_release(&out);
}
END_TEST

START_TEST(the_text_report_says_what_would_change_the_first_place)
{
	struct buf out = BUF_INIT;
	struct report_opts o = { 0, 0, 200, 0, NULL };

	set("pick", "a");
	set("mood", "high");
	match(GM_MATCH_CHANGES);
	report_text(&out, res, &o);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "What would change the first place"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out),
				     "If you also picked \"B\" for \"Pick which?\", the Group alpha would come first."));
	/* one sentence per group that would come first */
	ck_assert_ptr_null(strstr(buf_cstr(&out), "If you answered \"Low\""));
	buf_release(&out);
}
END_TEST

START_TEST(the_text_report_names_near_ties)
{
	struct buf out = BUF_INIT;
	struct report_opts o = { 0, 0, 200, 0, NULL };

	set("pick", "a;b");
	match(0);
	report_text(&out, res, &o);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "The first two groups are about equally good fits"));
	/* percentages are explained as a match, not a chance */
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "not how likely a group is to help"));
	buf_reset(&out);
	set("pick", "a");
	match(0);
	report_text(&out, res, &o);
	ck_assert_ptr_null(strstr(buf_cstr(&out), "about equally good fits"));
	buf_release(&out);
}
END_TEST

/* The report's text for the current result, at a wide width. */
static const char *text_of(struct buf *out)
{
	struct report_opts o = { 0, 0, 200, 0, NULL };

	buf_reset(out);
	report_text(out, res, &o);
	return buf_cstr(out);
}

static void phrased_setup(void)
{
	questions = head_phrased;
	load(THREE_GROUPS, NULL, NULL);
}

START_TEST(changes_are_worded_with_the_catalogues_phrases)
{
	struct buf out = BUF_INIT;

	/* beta first; adding b or mood low brings alpha up */
	set("pick", "a");
	set("mood", "high");
	match(GM_MATCH_CHANGES);
	ck_assert_ptr_nonnull(strstr(text_of(&out),
				     "If you also picked bee, the Group alpha would come first."));
	ck_assert_ptr_null(strstr(text_of(&out), "Pick which?"));
	buf_release(&out);
}
END_TEST

START_TEST(changes_without_a_phrase_name_the_question_and_answer)
{
	struct buf out = BUF_INIT;

	/* each kind of change, set by hand on an ok result: mood has a
	 * phrase for low only, mutual none at all */
	set("pick", "a;b");
	match(GM_MATCH_CHANGES);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	{
		struct gm_change c = { 2, 1, 1, 0, 2 };	/* mood -> high, beta first */
		res->changes[0] = c;
		res->nchanges = 1;
		res->changes_found = 1;
	}
	ck_assert_ptr_nonnull(strstr(text_of(&out),
				     "If you answered \"High\" to \"Mood?\", the Group beta would come first."));
	{
		struct gm_change c = { 2, 1, 0, 0, 1 };	/* mood -> low */
		res->changes[0] = c;
	}
	ck_assert_ptr_nonnull(strstr(text_of(&out), "If your mood were low, the Group beta would come first."));
	{
		struct gm_change c = { 3, 2, -1, 0, 2 };	/* comfort -> 2 */
		res->changes[0] = c;
	}
	ck_assert_ptr_nonnull(strstr(text_of(&out), "If your comfort were 2, the Group gamma would come first."));
	{
		struct gm_change c = { 5, 2, -1, 0, 0 };	/* mutual -> no: no phrase */
		res->changes[0] = c;
	}
	ck_assert_ptr_nonnull(strstr(text_of(&out), "If you answered no to \"Mutual?\", the Group gamma would come first."));
	{
		struct gm_change c = { 1, 2, 3, 1, 4 };	/* d taken off a;d: a phrase for removing */
		res->changes[0] = c;
	}
	ck_assert_ptr_nonnull(strstr(text_of(&out), "If you had dropped d, the Group gamma would come first."));
	buf_release(&out);
}
END_TEST

/* The first error loading the phrased questions with one replacement made. */
static const char *phrase_error(const char *from, const char *to)
{
	static char msg[600], json[4096];
	const char *at = strstr(head_phrased, from);
	size_t n = 0;
	gm_error *errs = NULL;
	gm_catalog *c;

	ck_assert_ptr_nonnull(at);
	snprintf(json, sizeof json, "%.*s%s%s%s%s},%s", (int)(at - head_phrased), head_phrased, to,
		 at + strlen(from), THREE_GROUPS, setting_head, tail);
	c = gm_catalog_load_buffer(json, strlen(json), "rules test", &errs, &n);
	snprintf(msg, sizeof msg, "%s%s%s", n ? errs[0].path : "", n ? ": " : "", n ? errs[0].message : "");
	gm_catalog_free(c);
	gm_errors_free(errs);
	return msg;
}

START_TEST(bad_change_phrases_are_reported_with_their_path)
{
	ck_assert_str_eq(phrase_error("", ""), "");
	ck_assert_str_eq(phrase_error("you also picked %s", "you picked %s and %s"),
			 "questions[1].change.add: needs exactly one %s and no other %");
	ck_assert_str_eq(phrase_error("your comfort were %d", "your comfort were %s"),
			 "questions[3].change.to: needs exactly one %d and no other %");
	ck_assert_str_eq(phrase_error("{\"low\": ", "{\"lo\": "),
			 "questions[2].change.lo: unknown option 'lo' of question 'mood'");
	ck_assert_str_eq(phrase_error("{\"yes\": ", "{\"yea\": "),
			 "questions[4].change.yea: unknown key 'yea' (did you mean 'yes'?)");
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *order = tcase_create("order");
	TCase *evidence = tcase_create("evidence");
	TCase *fit = tcase_create("fit");
	TCase *mod = tcase_create("modifiers");
	TCase *chg = tcase_create("changes");
	TCase *words = tcase_create("change words");

	tcase_add_checked_fixture(order, three_setup, teardown);
	tcase_add_test(order, a_cautioned_group_never_ranks_above_an_equal_percent_with_more_score);
	tcase_add_test(order, zero_percent_groups_rank_by_score_so_a_caution_sinks);
	suite_add_tcase(s, order);

	tcase_add_checked_fixture(evidence, three_setup, teardown);
	tcase_add_test(evidence, no_answers_at_all_are_not_enough_to_suggest_a_group);
	tcase_add_test(evidence, only_the_safety_answer_is_not_enough);
	tcase_add_test(evidence, cautions_alone_are_not_evidence);
	tcase_add_test(evidence, the_safety_gate_still_comes_before_no_evidence);
	suite_add_tcase(s, evidence);

	tcase_add_checked_fixture(fit, three_setup, teardown);
	tcase_add_test(fit, fit_bands_follow_the_default_thresholds);
	tcase_add_test(fit, fit_thresholds_are_catalogue_data);
	tcase_add_test(fit, groups_within_five_points_of_the_first_are_near_ties);
	tcase_add_test(fit, a_group_without_evidence_is_never_a_near_tie);
	tcase_add_test(fit, the_text_report_names_near_ties);
	suite_add_tcase(s, fit);

	tcase_add_checked_fixture(mod, modifier_setup, teardown);
	tcase_add_test(mod, without_a_modifier_ready_and_comfortable_is_group);
	tcase_add_test(mod, a_modifier_raises_the_advice_and_says_why);
	tcase_add_test(mod, count_gte_counts_the_options_picked);
	tcase_add_test(mod, a_modifier_never_lowers_the_advice);
	tcase_add_test(mod, a_modifier_with_first_holds_only_when_that_group_comes_first);
	tcase_add_test(mod, several_modifiers_give_every_reason_in_catalogue_order);
	tcase_add_test(mod, modifiers_appear_under_setting_because_in_json);
	tcase_add_test(mod, bad_modifiers_and_thresholds_are_reported_with_their_path);
	suite_add_tcase(s, mod);

	tcase_add_checked_fixture(chg, three_setup, teardown);
	tcase_add_test(chg, changes_are_worked_out_only_when_asked);
	tcase_add_test(chg, changes_list_every_single_answer_that_puts_another_group_first);
	tcase_add_test(chg, changes_respect_a_multi_questions_limits_and_skip_the_safety_question);
	tcase_add_test(chg, changes_appear_in_json_in_the_form_of_an_answers_file);
	tcase_add_test(chg, the_text_report_says_what_would_change_the_first_place);
	suite_add_tcase(s, chg);

	tcase_add_checked_fixture(words, phrased_setup, teardown);
	tcase_add_test(words, changes_are_worded_with_the_catalogues_phrases);
	tcase_add_test(words, changes_without_a_phrase_name_the_question_and_answer);
	tcase_add_test(words, bad_change_phrases_are_reported_with_their_path);
	suite_add_tcase(s, words);
	return s;
}
