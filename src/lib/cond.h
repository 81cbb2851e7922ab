/* cond.h - the criterion language on answers: conditions under Kleene logic, criteria as flat literals. */
#ifndef GM_COND_H
#define GM_COND_H

#include "answers.h"
#include "catalog.h"

/* A condition on answers under Kleene logic: 1 true, 0 false, -1 unknown
 * (it depends on a question not answered). */
int cond_eval(const struct gm_cond *c, const struct gm_answers *a);

/* Whether every literal of c is answered and true: the flat form of eval
 * for the criteria that are an AND of (negated) leaves. */
static inline int cond_literals_hold(const struct gm_criterion *c, const struct gm_answers *a)
{
	int i, ok = 1;

	/* no early exits: which literals hold depends on the row, and
	 * branches on it are mispredicted in a batch */
	for (i = 0; i < c->nliterals; i++) {
		const struct gm_literal *l = &c->literals[i];
		int64_t v = a->value[l->question];
		int t;

		switch (l->op) {	/* the same op at this place for every row */
		case C_ANY: t = ((uint64_t)v & l->mask) != 0; break;
		case C_ALL: t = ((uint64_t)v & l->mask) == l->mask; break;
		case C_IS: t = v == l->value; break;
		case C_GTE: t = v >= l->value; break;
		case C_LTE: t = v <= l->value; break;
		default: t = __builtin_popcountll((uint64_t)v) >= l->value; break;
		}
		ok &= (int)(a->present >> l->question & 1) & (t ^ l->negated);
	}
	return ok;
}

/* Whether criterion c holds for a (its condition is true, not unknown). */
static inline int cond_holds(const struct gm_criterion *c, const struct gm_answers *a)
{
	return c->nliterals ? cond_literals_hold(c, a) : cond_eval(&c->when, a) == 1;
}

#endif
