/* engine.c - matches answers against the catalogue: safety gate, scores, ranking, setting advice.
 *
 * Design: with a plan (plan.c, built at load) a record is matched by
 * table lookups over bit words; without one (a catalogue with more
 * distinct tests than a word holds) by walking the condition trees
 * (cond.c, rank.c), which stay the reference the plan is tested against.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "plan.h"
#include "rank.h"
#include "rules.h"

void result_init(struct gm_result *res, const struct gm_catalog *cat)
{
	memset(res, 0, sizeof *res);
	res->cat = cat;
	res->advice = -1;
	res->comfort = -1;
}

/* The setting advice.  Readiness counts the yes answers; an unanswered
 * readiness question may still be a yes, so it never pushes towards
 * individual_first, and only answered yeses count towards group. */
static void advise(const struct gm_catalog *cat, const struct gm_answers *a, struct gm_result *res)
{
	int q, unknown = 0, low, high;

	res->readiness = 0;
	/* by the readiness bits, not over every question: the score items
	 * made the question list longer, and this runs for every row */
	for (uint32_t m = cat->readiness; m; m &= m - 1) {
		q = __builtin_ctz(m);
		if (!(a->present >> q & 1))
			unknown++;
		else if (a->value[q] == 1)
			res->readiness++;
	}
	res->comfort = cat->comfort >= 0 && (a->present >> cat->comfort & 1)
		? (int)a->value[cat->comfort] : -1;
	low = res->readiness + unknown <= cat->ind_readiness ||
	      (res->comfort >= 0 && res->comfort <= cat->ind_comfort);
	high = res->readiness >= cat->group_readiness && res->comfort >= cat->group_comfort;
	res->advice = low ? ADVICE_INDIVIDUAL_FIRST : high ? ADVICE_GROUP : ADVICE_COMBINED;
}

/* Appends "'a', 'b'" naming the questions in mask to res->msgbuf. */
static void name_questions(struct gm_result *res, uint32_t mask)
{
	size_t len = strlen(res->msgbuf);
	int q, first = 1;

	for (q = 0; q < res->cat->nquestions && len + 4 < sizeof res->msgbuf; q++) {
		if (!(mask >> q & 1))
			continue;
		len += (size_t)snprintf(res->msgbuf + len, sizeof res->msgbuf - len, "%s'%s'",
					first ? "" : ", ", res->cat->questions[q].id);
		first = 0;
	}
}

/* Status review: its text (with the crisis resources) is the message;
 * for a safety item left unanswered, the text asking it again. */
static void review(struct gm_result *res, int flags)
{
	const struct score_rule *r = res->scores.review;

	res->status = GM_RESULT_REVIEW;
	if (res->scores.review_missing)
		res->message = flags & GM_MATCH_STAFF ? NULL : r->unanswered;
	else
		res->message = flags & GM_MATCH_STAFF ? r->message_staff : r->review ? r->review : r->message;
	if (res->safety_skipped && (flags & GM_MATCH_STAFF) && res->message) {
		snprintf(res->msgbuf, sizeof res->msgbuf, "%s; %s", r->message_staff,
			 res->cat->unscreened_staff);
		res->message = res->msgbuf;
	}
}

static void match(const gm_answers *a, int flags, gm_result *res);

/* Under GM_MATCH_STAFF the message ends with the ledger's notes, which
 * name what set the status ("PHQ-9 item 9 = 3 (nearly every day)"). */
static void staff_notes(gm_result *res)
{
	char both[sizeof res->msgbuf];

	if (res->status == GM_RESULT_INVALID || !res->notes[0])
		return;
	if (res->message && *res->message)
		snprintf(both, sizeof both, "%s; %s", res->message, res->notes);
	else
		snprintf(both, sizeof both, "%s", res->notes);
	memcpy(res->msgbuf, both, sizeof both);
	res->message = res->msgbuf;
}

void gm_match(const gm_answers *a, int flags, gm_result *res)
{
	match(a, flags, res);
	res->notes[0] = '\0';
	if (gm_safety_positive(a->safety) || a->ledger.unclear || a->ledger.lowered ||
	    res->scores.nblocks)
		safety_notes(a, &res->scores, res->notes, sizeof res->notes);
	if (flags & GM_MATCH_STAFF)
		staff_notes(res);
}

static void match(const gm_answers *a, int flags, gm_result *res)
{
	const struct gm_catalog *cat = a->cat;
	const struct engine_plan *plan = cat->plan;
	struct gm_answers with_defaults;
	struct gm_ranked cur[GM_MAX_GROUPS];
	int64_t key[GM_MAX_GROUPS];
	uint64_t matched[GM_MAX_GROUPS];
	int place[GM_MAX_GROUPS];
	/* score items are optional: never "missing" */
	uint32_t missing = 0, defaulted = 0, items = cat->scores ? cat->scores->items : 0;
	int i, k;

	res->cat = cat;
	res->status = GM_RESULT_OK;
	res->message = NULL;
	res->msgbuf[0] = '\0';
	res->nranked = 0;
	res->advice = -1;
	res->readiness = 0;
	res->comfort = -1;
	res->nmissing = 0;
	res->because = 0;
	res->changes_found = 0;
	res->nchanges = 0;
	res->slots = 0;
	/* A question with a default (structure: no preference) left
	 * unanswered takes it, as Enter does in ask: it is not missing.  The
	 * score items come after the main questions: only those can be missing. */
	if (plan) {	/* the same, by the masks the plan keeps */
		uint32_t main_qs, defaults, absent;

		plan_questions(plan, &main_qs, &defaults);
		absent = main_qs & ~(a->present | a->invalid);
		defaulted = absent & defaults;
		missing = absent & ~defaults;
		for (uint32_t m = missing; m; m &= m - 1)
			res->missing[res->nmissing++] = __builtin_ctz(m);
	} else {
		for (i = 0; i < (items ? cat->scores->blocks[0].first : cat->nquestions); i++)
			if (!((a->present | a->invalid) >> i & 1)) {
				if (cat->questions[i].has_default && i != cat->safety) {
					defaulted |= 1u << i;
					continue;
				}
				res->missing[res->nmissing++] = i;
				missing |= 1u << i;
			}
	}
	/* With a plan the defaults go into the slot word, and a copy of the
	 * answers with them is only made for what reads the answers again. */
	if (defaulted && (!plan || plan_has_trees(plan) || (flags & GM_MATCH_CHANGES) ||
			  (defaulted & cat->readiness) ||
			  (cat->comfort >= 0 && (defaulted >> cat->comfort & 1)))) {
		with_defaults = *a;
		for (i = 0; i < cat->nquestions; i++)
			if (defaulted >> i & 1) {
				with_defaults.value[i] = cat->questions[i].default_value;
				with_defaults.present |= 1u << i;
			}
		a = &with_defaults;
		defaulted = 0;
	}
	res->safety = cat->safety >= 0 ? a->safety : GM_SAFETY_MISSING;
	res->safety_skipped = cat->safety >= 0 && res->safety == GM_SAFETY_MISSING;
	res->scores.nblocks = 0;	/* nothing of the last record's screeners */
	res->scores.status = GM_RESULT_OK;
	res->scores.review = NULL;
	res->scores.advice = -1;
	res->scores.nreasons = 0;
	res->scores.missing = 0;
	res->scores.review_missing = 0;
	if ((a->present | a->ledger.unclear) & items)	/* only records with screener answers pay */
		scores_compute(cat, a, &res->scores);
	if (res->scores.missing && res->scores.unanswered &&
	    res->scores.status == GM_RESULT_OK) {
		/* a safety item left blank among answered items: asked again, not prorated */
		res->scores.status = GM_RESULT_REVIEW;
		res->scores.review = res->scores.unanswered;
		res->scores.review_missing = 1;
		if (res->scores.advice < ADVICE_COMBINED)
			res->scores.advice = ADVICE_COMBINED;
	}

	/* A positive screen wins over everything, invalid answers included:
	 * those are for the caller to report, not for the person to read. */
	if (gm_safety_positive(res->safety) || res->scores.status == GM_RESULT_URGENT) {
		res->status = GM_RESULT_URGENT;
		res->message = flags & GM_MATCH_STAFF ? cat->urgent_staff : cat->urgent;
		if ((flags & GM_MATCH_STAFF) && a->invalid) {	/* staff may want to know */
			snprintf(res->msgbuf, sizeof res->msgbuf, "%s (invalid answers to ", cat->urgent_staff);
			name_questions(res, a->invalid);
			strncat(res->msgbuf, ")", sizeof res->msgbuf - strlen(res->msgbuf) - 1);
			res->message = res->msgbuf;
		}
		return;
	}
	if (a->invalid && res->scores.status == GM_RESULT_REVIEW) {
		/* the review cannot wait for the answers to be put right */
		review(res, flags);
		return;
	}
	if (a->invalid) {
		int n = __builtin_popcount(a->invalid);

		res->status = GM_RESULT_INVALID;
		if (a->message[0]) {
			snprintf(res->msgbuf, sizeof res->msgbuf, "%s", a->message);
			if (n > 1) {
				size_t len = strlen(res->msgbuf);
				snprintf(res->msgbuf + len, sizeof res->msgbuf - len,
					 " (and %d more invalid answer%s)", n - 1, n > 2 ? "s" : "");
			}
		} else {
			snprintf(res->msgbuf, sizeof res->msgbuf, "invalid answer%s to ", n > 1 ? "s" : "");
			name_questions(res, a->invalid);
		}
		res->message = res->msgbuf;
		return;
	}
	if (flags & GM_MATCH_STRICT) {
		uint32_t required = 0;

		for (i = 0; i < cat->nquestions; i++)
			if (cat->questions[i].required)
				required |= 1u << i;
		if (missing & required && res->scores.status == GM_RESULT_REVIEW) {
			review(res, flags);	/* nor for the missing answers */
			return;
		}
		if (missing & required) {
			res->status = GM_RESULT_INVALID;
			snprintf(res->msgbuf, sizeof res->msgbuf, "missing answer%s to ",
				 __builtin_popcount(missing & required) > 1 ? "s" : "");
			name_questions(res, missing & required);
			res->message = res->msgbuf;
			return;
		}
	}

	if (plan) {
		res->slots = plan_slots(plan, a, defaulted);
		plan_matched(plan, cat, res->slots, a, matched);
	}
	for (i = 0; i < cat->ngroups; i++) {
		if (plan)
			plan_score(cat, i, matched, &cur[i]);
		else
			rank_score(cat, i, a, &cur[i]);
		/* by percent, then score, then catalogue order: every key differs */
		key[i] = ((int64_t)cur[i].percent << 40) + (int64_t)cur[i].score * 64 + (63 - i);
	}
	/* each group's place is the number of groups before it, one compare
	 * a pair: no branches on the scores, which differ from record to record */
	for (i = 0; i < cat->ngroups; i++)
		place[i] = 0;
	for (i = 0; i < cat->ngroups; i++) {
		int before = place[i];	/* in a register: not chained through memory */

		for (k = i + 1; k < cat->ngroups; k++) {
			int later = key[k] < key[i];

			place[k] += later;
			before += !later;
		}
		res->ranked[before] = cur[i];
	}
	res->nranked = cat->ngroups;
	if (res->ranked[0].score <= 0) {
		/* no positive evidence for any group: never a ranking of zeros */
		res->nranked = 0;
		if (res->scores.status == GM_RESULT_REVIEW) {
			review(res, flags);	/* the review needs no ranking */
			return;
		}
		res->status = GM_RESULT_INVALID;
		snprintf(res->msgbuf, sizeof res->msgbuf, "not enough answers to suggest a group");
		res->message = res->msgbuf;
		return;
	}
	advise(cat, a, res);
	rules_modify_setting(a, res);
	if (res->scores.advice > res->advice)
		res->advice = res->scores.advice;
	if (flags & GM_MATCH_CHANGES)
		rules_find_changes(a, res);
	if (res->safety_skipped)
		res->message = flags & GM_MATCH_STAFF ? cat->unscreened_staff : cat->safety_skipped;
	if (res->scores.status == GM_RESULT_REVIEW)
		review(res, flags);
}

/* --- public accessors ------------------------------------------------- */

gm_result *gm_result_new(const gm_catalog *cat)
{
	gm_result *res;

	if (!cat)
		return NULL;
	res = malloc(sizeof *res);
	if (res)
		result_init(res, cat);
	return res;
}

void gm_result_free(gm_result *res)
{
	free(res);
}

gm_result_status gm_result_status_of(const gm_result *res) { return res->status; }

const char *gm_result_status_name(const gm_result *res)
{
	static const char *const names[] = { "ok", "urgent", "invalid", "review" };
	return names[res->status];
}

const char *gm_result_message(const gm_result *res) { return res->message; }
gm_safety gm_result_safety(const gm_result *res) { return res->safety; }
const char *gm_result_notes(const gm_result *res) { return res->notes; }
size_t gm_result_rank_count(const gm_result *res) { return (size_t)res->nranked; }

static const struct gm_ranked *ranked(const gm_result *res, size_t rank)
{
	return rank < (size_t)res->nranked ? &res->ranked[rank] : NULL;
}

const char *gm_result_group_id(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? res->cat->groups[r->group].id : NULL;
}

const char *gm_result_group_name(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? res->cat->groups[r->group].name : NULL;
}

int gm_result_score(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? r->score : -1;
}

int gm_result_max(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? res->cat->groups[r->group].max : -1;
}

int gm_result_percent(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? r->percent : -1;
}

size_t gm_result_reason_count(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? (size_t)r->nreasons : 0;
}

const struct gm_criterion *result_matched(const struct gm_result *res, const struct gm_ranked *r,
					 size_t i)
{
	const struct gm_group *g = &res->cat->groups[r->group];
	int k;

	for (k = 0; k < g->ncriteria; k++)
		if ((r->matched >> k & 1) && i-- == 0)
			return &g->criteria[k];
	return NULL;
}

const char *gm_result_reason(const gm_result *res, size_t rank, size_t i)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r && i < (size_t)r->nreasons ? result_matched(res, r, i)->reason : NULL;
}

size_t gm_result_caution_count(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? (size_t)r->ncautions : 0;
}

const char *gm_result_caution(const gm_result *res, size_t rank, size_t i)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r && i < (size_t)r->ncautions ? result_matched(res, r, (size_t)r->nreasons + i)->reason : NULL;
}

const char *gm_result_setting(const gm_result *res)
{
	return res->advice >= 0 ? res->cat->advice[res->advice].id : NULL;
}

const char *gm_result_setting_text(const gm_result *res)
{
	return res->advice >= 0 ? res->cat->advice[res->advice].text : NULL;
}

int gm_result_readiness(const gm_result *res) { return res->readiness; }
int gm_result_readiness_max(const gm_result *res) { return res->cat->readiness_max; }
int gm_result_comfort(const gm_result *res) { return res->comfort; }
size_t gm_result_missing_count(const gm_result *res) { return (size_t)res->nmissing; }

const char *gm_result_missing(const gm_result *res, size_t i)
{
	return i < (size_t)res->nmissing ? res->cat->questions[res->missing[i]].id : NULL;
}

const char *gm_version(void)
{
	return GM_VERSION;
}
