/* rank.h - one group's score from the answers, and which group ranks first. */
#ifndef GM_RANK_H
#define GM_RANK_H

#include "engine.h"

/* Scores group g of cat for a by walking its criteria into r. */
void rank_score(const struct gm_catalog *cat, int g, const struct gm_answers *a,
		struct gm_ranked *r);

/* The index of the group that ranks first for a, or -1 when no group
 * has a positive score; no side effects. */
int rank_first(const struct gm_catalog *cat, const struct gm_answers *a);

/* Whether a ranks before b: by percent, then raw score; the caller
 * keeps catalogue order among equals. */
static inline int rank_before(const struct gm_ranked *a, const struct gm_ranked *b)
{
	return a->percent > b->percent || (a->percent == b->percent && a->score > b->score);
}

#endif
