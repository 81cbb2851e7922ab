/* rules.c - what a ranking means: fit bands, near ties, setting modifiers and the changes that would reorder it. */
#include <stdio.h>
#include <string.h>
#include "answers.h"
#include "plan.h"
#include "rank.h"
#include "rules.h"
#include "scores.h"

int rules_fit(const struct gm_result *res, const struct gm_ranked *r)
{
	const struct gm_catalog *cat = res->cat;

	if (r->score <= 0)
		return FIT_NONE;
	if (r->percent >= cat->fit_strong)
		return FIT_STRONG;
	return r->percent >= cat->fit_possible ? FIT_POSSIBLE : FIT_WEAK;
}

const char *rules_fit_name(int fit)
{
	static const char *const names[FIT_COUNT] = { "strong", "possible", "weak", "none" };

	return fit >= 0 && fit < FIT_COUNT ? names[fit] : NULL;
}

/* Whether the group at rank k > 0 is close enough to the first. */
static int close_to_first(const struct gm_result *res, int k)
{
	const struct gm_ranked *r = &res->ranked[k];

	return r->score > 0 && r->percent + res->cat->near_tie >= res->ranked[0].percent;
}

int rules_near_tie(const struct gm_result *res, int rank)
{
	if (rank < 0 || rank >= res->nranked)
		return 0;
	if (rank > 0)
		return close_to_first(res, rank);
	/* the ranking is sorted, so the second is the closest */
	return res->nranked > 1 && close_to_first(res, 1);
}

void rules_modify_setting(const struct gm_answers *a, struct gm_result *res)
{
	const struct gm_catalog *cat = res->cat;
	uint32_t holds = cat->nmodifiers ? plan_modifiers(res, a) : 0;

	for (; holds; holds &= holds - 1) {
		int m = __builtin_ctz(holds);
		const struct gm_modifier *mod = &cat->modifiers[m];

		if (mod->first && !(mod->first >> res->ranked[0].group & 1))
			continue;
		res->because |= 1u << m;
		if (res->advice < mod->at_least)
			res->advice = mod->at_least;
	}
}

/* Records value as a change of question q when it puts another group first. */
static void try_change(struct gm_answers *trial, int q, int64_t value, int option,
		       int now_first, struct gm_result *res)
{
	int64_t saved = trial->value[q];
	int first;

	if (res->nchanges == GM_MAX_CHANGES)
		return;
	trial->value[q] = value;
	first = rank_first(res->cat, trial);
	trial->value[q] = saved;
	if (first >= 0 && first != now_first) {
		struct gm_change *c = &res->changes[res->nchanges++];

		c->question = q;
		c->first = first;
		c->value = value;
		c->option = option;
		c->removed = option >= 0 && !((uint64_t)value >> option & 1);
	}
}

void rules_find_changes(const struct gm_answers *a, struct gm_result *res)
{
	const struct gm_catalog *cat = res->cat;
	struct gm_answers trial;
	int q, k, now_first = res->ranked[0].group;

	res->changes_found = 1;
	res->nchanges = 0;
	memset(&trial, 0, sizeof trial);
	trial.cat = a->cat;
	trial.present = a->present;
	memcpy(trial.value, a->value, sizeof trial.value);
	for (q = 0; q < cat->nquestions; q++) {
		const struct gm_question *qq = &cat->questions[q];
		int64_t v = a->value[q];

		/* the safety answer and screener items are not preferences to change */
		if (q == cat->safety || !(a->present >> q & 1) ||
		    (cat->scores && (cat->scores->items >> q & 1)))
			continue;
		switch (qq->kind) {
		case Q_YESNO:
			try_change(&trial, q, !v, -1, now_first, res);
			break;
		case Q_SINGLE:
			for (k = 0; k < qq->noptions; k++)
				if (!((uint64_t)v >> k & 1))
					try_change(&trial, q, (int64_t)((uint64_t)1 << k), k, now_first, res);
			break;
		case Q_MULTI: {
			int n = __builtin_popcountll((uint64_t)v);

			for (k = 0; k < qq->noptions; k++) {
				int on = (int)((uint64_t)v >> k & 1);

				if (on ? n - 1 >= qq->min : n + 1 <= qq->max)
					try_change(&trial, q, (int64_t)((uint64_t)v ^ ((uint64_t)1 << k)),
						   k, now_first, res);
			}
			break;
		}
		case Q_SCALE:
			for (k = qq->min; k <= qq->max; k++)
				if (k != v)
					try_change(&trial, q, k, -1, now_first, res);
			break;
		}
	}
}

size_t rules_change_text(const struct gm_catalog *cat, const struct gm_change *c, char *buf,
			 size_t size)
{
	const struct gm_question *qq = &cat->questions[c->question];
	size_t len = 0;
	int k;

	if (size)
		buf[0] = '\0';
	switch (qq->kind) {
	case Q_YESNO:
		return (size_t)snprintf(buf, size, "%s", c->value ? "yes" : "no");
	case Q_SCALE:
		return (size_t)snprintf(buf, size, "%lld", (long long)c->value);
	default:
		for (k = 0; k < qq->noptions; k++) {
			int n;

			if (!((uint64_t)c->value >> k & 1))
				continue;
			n = snprintf(buf + (len < size ? len : size), len < size ? size - len : 0,
				     "%s%s", len ? ";" : "", qq->options[k].id);
			len += (size_t)n;
		}
		return len;
	}
}

/* --- public accessors ------------------------------------------------- */

const char *gm_result_fit(const gm_result *res, size_t rank)
{
	return rank < (size_t)res->nranked ? rules_fit_name(rules_fit(res, &res->ranked[rank])) : NULL;
}

int gm_result_near_tie(const gm_result *res, size_t rank)
{
	return rank < (size_t)res->nranked && rules_near_tie(res, (int)rank);
}

size_t gm_result_because_count(const gm_result *res)
{
	return res->advice >= 0 ? (size_t)__builtin_popcount(res->because) : 0;
}

const char *gm_result_because(const gm_result *res, size_t i)
{
	uint32_t set = res->advice >= 0 ? res->because : 0;

	for (; set; set &= set - 1)
		if (i-- == 0)
			return res->cat->modifiers[__builtin_ctz(set)].crit.reason;
	return NULL;
}

int gm_result_changes_found(const gm_result *res)
{
	return res->changes_found;
}

size_t gm_result_change_count(const gm_result *res)
{
	return (size_t)res->nchanges;
}

const char *gm_result_change_question(const gm_result *res, size_t i)
{
	return i < (size_t)res->nchanges ? res->cat->questions[res->changes[i].question].id : NULL;
}

const char *gm_result_change_first(const gm_result *res, size_t i)
{
	return i < (size_t)res->nchanges ? res->cat->groups[res->changes[i].first].id : NULL;
}

size_t gm_result_change_to(const gm_result *res, size_t i, char *buf, size_t size)
{
	if (i >= (size_t)res->nchanges) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	return rules_change_text(res->cat, &res->changes[i], buf, size);
}
