/* plan.h - the criteria compiled to bit tests once per catalogue (plan.c), as gm_match uses them. */
#ifndef GM_PLAN_H
#define GM_PLAN_H

#include <stdint.h>
#include "engine.h"

/* cat->plan, built by engine_compile (catalog.h). */
struct engine_plan;

/* Whether some condition of p is walked as a tree, and so reads the
 * answers with the defaults taken. */
int plan_has_trees(const struct engine_plan *p);

/* The questions that are missing when left unanswered (not score items),
 * and those of them that take their default instead (not the safety
 * question), as bit sets. */
void plan_questions(const struct engine_plan *p, uint32_t *main_qs, uint32_t *defaults);

/* The slot word of a: bit b set when the question of slot b is answered,
 * or is one of defaulted (unanswered questions that take their default),
 * and its test holds. */
uint64_t plan_slots(const struct engine_plan *p, const struct gm_answers *a, uint32_t defaulted);

/* Works out which criteria of every group hold for the slot word x into
 * matched[], GM_MAX_GROUPS words at most; a (with the defaults taken) is
 * only read for criteria walked as trees. */
void plan_matched(const struct engine_plan *p, const struct gm_catalog *cat, uint64_t x,
		  const struct gm_answers *a, uint64_t *matched);

/* Scores group g of cat from the words plan_matched filled into r. */
void plan_score(const struct gm_catalog *cat, int g, const uint64_t *matched, struct gm_ranked *r);
/* The setting modifiers whose conditions hold (bit m: cat->modifiers[m])
 * for res, an ok result being made from a (with the defaults taken). */
uint32_t plan_modifiers(const struct gm_result *res, const struct gm_answers *a);

#endif
