/* rank.c - one group's score from the answers, and which group ranks first (for what-if changes). */
#include "cond.h"
#include "plan.h"
#include "rank.h"

void rank_score(const struct gm_catalog *cat, int g, const struct gm_answers *a,
			struct gm_ranked *r)
{
	const struct gm_group *grp = &cat->groups[g];
	int i;

	r->group = g;
	r->score = 0;
	r->matched = 0;
	r->nreasons = r->ncautions = 0;
	for (i = 0; i < grp->ncriteria; i++) {
		const struct gm_criterion *c = &grp->criteria[i];
		int m = cond_holds(c, a);

		r->score += c->weight & -m;
		r->matched |= (uint64_t)m << i;
		if (i < grp->npositive)	/* the same way for every row */
			r->nreasons += m;
		else
			r->ncautions += m;
	}
	if (r->score <= 0 || grp->max <= 0)
		r->percent = 0;
	else if (r->score >= grp->max)
		r->percent = 100;
	else
		r->percent = grp->percent[r->score];
}


int rank_first(const struct gm_catalog *cat, const struct gm_answers *a)
{
	struct gm_ranked best, cur;
	uint64_t matched[GM_MAX_GROUPS];
	int i;

	if (cat->plan)
		plan_matched(cat->plan, cat, plan_slots(cat->plan, a, 0), a, matched);

	for (i = 0; i < cat->ngroups; i++) {
		struct gm_ranked *r = i ? &cur : &best;

		if (cat->plan)
			plan_score(cat, i, matched, r);
		else
			rank_score(cat, i, a, r);
		if (i && rank_before(&cur, &best))
			best = cur;
	}
	return best.score > 0 ? best.group : -1;
}
