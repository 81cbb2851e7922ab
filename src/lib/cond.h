/* cond.h - the criterion language on answers: conditions under Kleene logic, criteria as flat literals. */
#ifndef GM_COND_H
#define GM_COND_H

#include "answers.h"
#include "model.h"

struct loader;
struct cJSON;

/* Index of option id j in q, or -1 after reporting it with a suggestion. */
int cond_option_index(struct loader *L, const struct gm_question *q, const struct cJSON *j,
		      const char *p);
/* An array of option ids of q as a bit set; 0 after reporting a problem
 * (and an empty array is a problem when nonempty is set). */
int cond_option_set(struct loader *L, const struct gm_question *q, const struct cJSON *arr,
		    const char *p, int nonempty, uint64_t *out);
/* Compiles the condition j (at path, nested depth deep) for the questions
 * of L->cat into c; returns 0 after reporting a problem. */
int cond_compile(struct loader *L, const struct cJSON *j, const char *path, int depth,
		 struct gm_cond *c);
/* Flattens a criterion that is a literal or an AND of literals into
 * crit->literals (nliterals 0 when it is not). */
void cond_flatten(struct gm_criterion *crit);
/* Sort key: reasons by weight descending, then cautions by weight ascending. */
int cond_criterion_before(const struct gm_criterion *a, const struct gm_criterion *b);

/* Conditions in the criterion language compiled outside the catalogue
 * (an offering's eligibility): a box owns their memory and the problems
 * found, each with its JSON path. */
struct cond_box;
struct cond_box *catalog_cond_box_new(void);
void catalog_cond_box_free(struct cond_box *box);
/* Compiles json (a cJSON condition object) for the questions of cat into
 * *out; returns 1, or 0 after adding the problems to box. */
int catalog_compile_cond(const struct gm_catalog *cat, struct cond_box *box, const void *json,
			 const char *path, struct gm_cond *out);
/* The problems found so far; *errs stays owned by box. */
size_t catalog_cond_box_errors(struct cond_box *box, gm_error **errs);

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
