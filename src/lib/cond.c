/* cond.c - the criterion language on answers: a condition tree evaluated under Kleene logic. */
#include "cond.h"

/* Kleene logic: 1 true, 0 false, -1 unknown (a question not answered). */
static int eval(const struct gm_cond *c, const struct gm_answers *a)
{
	int64_t v;
	int i, k, r;

	switch (c->op) {
	case C_AND:
		r = 1;
		for (i = 0; i < c->nkids; i++) {
			k = eval(&c->kids[i], a);
			if (k == 0)
				return 0;
			if (k < 0)
				r = -1;
		}
		return r;
	case C_OR:
		r = 0;
		for (i = 0; i < c->nkids; i++) {
			k = eval(&c->kids[i], a);
			if (k == 1)
				return 1;
			if (k < 0)
				r = -1;
		}
		return r;
	case C_NOT:
		k = eval(c->kids, a);
		return k < 0 ? -1 : !k;
	default:
		break;
	}
	if (!(a->present >> c->question & 1))
		return -1;
	v = a->value[c->question];
	switch (c->op) {
	case C_ANY: return ((uint64_t)v & c->mask) != 0;
	case C_ALL: return ((uint64_t)v & c->mask) == c->mask;
	case C_IS: return v == c->value;
	case C_GTE: return v >= c->value;
	case C_LTE: return v <= c->value;
	case C_COUNT_GTE: return __builtin_popcountll((uint64_t)v) >= c->value;
	default: return -1;
	}
}

int cond_eval(const struct gm_cond *c, const struct gm_answers *a)
{
	return eval(c, a);
}
