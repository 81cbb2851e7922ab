/* rules.h - what the ranking means: fit bands, near ties, setting modifiers, the changes that would reorder it. */
#ifndef GM_RULES_H
#define GM_RULES_H

#include "engine.h"

/* FIT_* of r within res: a band of its percent, FIT_NONE when its score
 * is not positive. */
int rules_fit(const struct gm_result *res, const struct gm_ranked *r);

/* Whether the group at rank (0-based) is within the catalogue's near-tie
 * margin of the first; the first itself is when any other group is. */
int rules_near_tie(const struct gm_result *res, int rank);

/* The fit band's name: "strong", "possible", "weak", "none". */
const char *rules_fit_name(int fit);

/* Applies the catalogue's setting modifiers to an ok result whose ranking
 * and advice are made: records which hold in res->because and raises
 * res->advice to the highest at_least among them. */
void rules_modify_setting(const struct gm_answers *a, struct gm_result *res);

/* Works out res->changes for an ok result of a: every change of one
 * given answer (a yes/no flipped, another option or scale value, one
 * option added to or taken off a multi-choice answer within its limits)
 * that would put a different group first. */
void rules_find_changes(const struct gm_answers *a, struct gm_result *res);

/* The changed answer of c as it would be typed: option ids joined by ';',
 * "yes" or "no", or the number; returns the length snprintf would. */
size_t rules_change_text(const struct gm_catalog *cat, const struct gm_change *c,
			 char *buf, size_t size);

#endif
