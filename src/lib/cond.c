/* cond.c - the criterion language: conditions compiled from JSON, flattened, evaluated under Kleene logic. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "cond.h"
#include "loader.h"
#include "pool.h"

#define MAX_COND_DEPTH 16

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

/* Index of option id in q, or -1 after reporting it with a suggestion. */
int cond_option_index(struct loader *L, const struct gm_question *q, const cJSON *j,
			const char *p)
{
	const char *names[GM_MAX_OPTIONS];
	char hint[80], v[64];
	int i;

	if (!cJSON_IsString(j)) {
		problem(L, p, "expected an option id of '%s', got %s", q->id, loader_type_name(j));
		return -1;
	}
	for (i = 0; i < q->noptions; i++) {
		/* an option without a valid id is reported already */
		names[i] = q->options[i].id ? q->options[i].id : "";
		if (!strcmp(names[i], j->valuestring) && q->options[i].id)
			return i;
	}
	loader_suggest(hint, sizeof hint, j->valuestring, names, q->noptions);
	problem(L, p, "unknown option '%s' of question '%s'%s", loader_shown(v, sizeof v, j->valuestring),
		q->id, hint);
	return -1;
}

/* An array of option ids of q as a bit set; 0 after reporting a problem
 * (and an empty array is a problem when nonempty is set). */
int cond_option_set(struct loader *L, const struct gm_question *q, const cJSON *arr,
		      const char *p, int nonempty, uint64_t *out)
{
	const cJSON *j;
	int i = 0, good = 1;

	*out = 0;
	if (!cJSON_IsArray(arr)) {
		problem(L, p, "expected an array of option ids, got %s", loader_type_name(arr));
		return 0;
	}
	if (nonempty && !cJSON_GetArraySize(arr)) {
		problem(L, p, "must list at least one option");
		return 0;
	}
	cJSON_ArrayForEach(j, arr) {
		char pi[160];
		int o;

		loader_join_index(pi, sizeof pi, p, i++);
		o = cond_option_index(L, q, j, pi);
		if (o < 0)
			good = 0;
		else
			*out |= (uint64_t)1 << o;
	}
	return good;
}


/* Compiles one condition into c; returns 0 after reporting a problem. */
int cond_compile(struct loader *L, const cJSON *j, const char *path, int depth,
			struct gm_cond *c)
{
	static const char *const leaf_keys[] = { "question", "any", "all", "is", "gte", "lte",
		"count_gte", NULL };
	static const char *const comb_keys[] = { "all", "any", "not", NULL };
	const struct gm_catalog *cat = L->cat;
	const cJSON *jq, *op = NULL, *k;
	const char *opname = NULL;
	char p[160];
	int nops = 0;

	if (!cJSON_IsObject(j)) {
		problem(L, path, "expected a condition object, got %s", loader_type_name(j));
		return 0;
	}
	if (depth > MAX_COND_DEPTH) {
		problem(L, path, "conditions nested more than %d deep", MAX_COND_DEPTH);
		return 0;
	}
	jq = cJSON_GetObjectItemCaseSensitive(j, "question");
	loader_check_keys(L, j, path, jq ? leaf_keys : comb_keys);
	cJSON_ArrayForEach(k, j) {
		if (k->string[0] == '_' || !strcmp(k->string, "question"))
			continue;
		nops++;
		op = k;
		opname = k->string;
	}
	if (nops != 1) {
		problem(L, path, jq ? "needs exactly one of any, all, is, gte, lte, count_gte"
			: "needs \"question\" or exactly one of all, any, not");
		return 0;
	}
	loader_join(p, sizeof p, path, opname);
	if (jq) {
		const struct gm_question *q;
		const char *names[GM_MAX_QUESTIONS];
		char pq[160], hint[80], v[64];
		int qi, i;

		loader_join(pq, sizeof pq, path, "question");
		if (!cJSON_IsString(jq)) {
			problem(L, pq, "expected a question id, got %s", loader_type_name(jq));
			return 0;
		}
		qi = catalog_find_question(cat, jq->valuestring, strlen(jq->valuestring));
		if (qi < 0) {
			for (i = 0; i < cat->nquestions; i++)
				names[i] = cat->questions[i].id ? cat->questions[i].id : "";
			loader_suggest(hint, sizeof hint, jq->valuestring, names, cat->nquestions);
			problem(L, pq, "unknown question '%s'%s", loader_shown(v, sizeof v, jq->valuestring), hint);
			return 0;
		}
		q = &cat->questions[qi];
		c->question = qi;
		if ((int)q->kind < 0)
			return 0;	/* its bad kind is reported already */
		if (!strcmp(opname, "any") || !strcmp(opname, "all")) {
			c->op = opname[1] == 'n' ? C_ANY : C_ALL;
			if (q->kind != Q_SINGLE && q->kind != Q_MULTI) {
				problem(L, p, "'%s' needs a single or multi question; '%s' is %s",
					opname, q->id, catalog_kind_names[q->kind]);
				return 0;
			}
			return q->options && cond_option_set(L, q, op, p, 1, &c->mask);
		}
		if (!strcmp(opname, "count_gte")) {
			c->op = C_COUNT_GTE;
			if (q->kind != Q_MULTI) {
				problem(L, p, "'count_gte' needs a multi question; '%s' is %s",
					q->id, catalog_kind_names[q->kind]);
				return 0;
			}
			return loader_int_value(L, op, p, 1, q->noptions ? q->noptions : 1, &c->value);
		}
		if (!strcmp(opname, "is")) {
			c->op = C_IS;
			if (q->kind != Q_YESNO) {
				problem(L, p, "'is' needs a yesno question; '%s' is %s", q->id, catalog_kind_names[q->kind]);
				return 0;
			}
			if (!cJSON_IsBool(op)) {
				problem(L, p, "expected true or false, got %s", loader_type_name(op));
				return 0;
			}
			c->value = cJSON_IsTrue(op);
			return 1;
		}
		c->op = opname[0] == 'g' ? C_GTE : C_LTE;
		if (q->kind != Q_SCALE) {
			problem(L, p, "'%s' needs a scale question; '%s' is %s", opname, q->id, catalog_kind_names[q->kind]);
			return 0;
		}
		return loader_int_value(L, op, p, q->min, q->max, &c->value);
	}
	if (!strcmp(opname, "not")) {
		c->op = C_NOT;
		c->nkids = 1;
		c->kids = loader_alloc(L, sizeof *c->kids);
		return c->kids && cond_compile(L, op, p, depth + 1, c->kids);
	}
	{
		int n, i = 0, good = 1;

		c->op = opname[1] == 'n' ? C_OR : C_AND;
		if (!cJSON_IsArray(op) || !(n = cJSON_GetArraySize(op))) {
			problem(L, p, "expected a non-empty array of conditions");
			return 0;
		}
		c->kids = loader_alloc(L, (size_t)n * sizeof *c->kids);
		if (!c->kids)
			return 0;
		c->nkids = n;
		cJSON_ArrayForEach(k, op) {
			char pk[160];
			loader_join_index(pk, sizeof pk, p, i);
			good &= cond_compile(L, k, pk, depth + 1, &c->kids[i]);
			i++;
		}
		return good;
	}
}

/* Adds c (a leaf, or not of a leaf) to the literals of crit; 0 when it is
 * neither or there is no room. */
static int add_literal(struct gm_criterion *crit, const struct gm_cond *c)
{
	struct gm_literal *l;
	int negated = 0;

	if (c->op == C_NOT) {
		c = c->kids;
		negated = 1;
	}
	if (c->op == C_AND || c->op == C_OR || c->op == C_NOT || crit->nliterals == GM_MAX_LITERALS)
		return 0;
	l = &crit->literals[crit->nliterals++];
	l->op = (unsigned char)c->op;
	l->question = (unsigned char)c->question;
	l->mask = c->mask;
	l->value = c->value;
	l->negated = (unsigned char)negated;
	return 1;
}

/* Flattens a criterion that is a literal or an AND of literals.  Under
 * Kleene logic such a criterion is true exactly when every literal is
 * answered and true, which is all scoring asks. */
void cond_flatten(struct gm_criterion *crit)
{
	const struct gm_cond *w = &crit->when;
	int i, ok = 1;

	crit->nliterals = 0;
	if (w->op == C_AND) {
		for (i = 0; i < w->nkids && ok; i++)
			ok = add_literal(crit, &w->kids[i]);
	} else {
		ok = add_literal(crit, w);
	}
	if (!ok)
		crit->nliterals = 0;
}

/* Sort key: reasons by weight descending, then cautions by weight ascending. */
int cond_criterion_before(const struct gm_criterion *a, const struct gm_criterion *b)
{
	if ((a->weight > 0) != (b->weight > 0))
		return a->weight > 0;
	return a->weight > 0 ? a->weight > b->weight : a->weight < b->weight;
}

/* --- conditions outside the catalogue ---------------------------------- */

struct cond_box {
	struct pool mem;
	gm_error *errs;
	size_t nerrs, caperrs;
};

struct cond_box *catalog_cond_box_new(void)
{
	return calloc(1, sizeof(struct cond_box));
}

void catalog_cond_box_free(struct cond_box *box)
{
	if (!box)
		return;
	pool_release(&box->mem);
	free(box->errs);
	free(box);
}

int catalog_compile_cond(const struct gm_catalog *cat, struct cond_box *box, const void *json,
			 const char *path, struct gm_cond *out)
{
	struct loader L;
	int ok;

	memset(&L, 0, sizeof L);
	L.cat = (struct gm_catalog *)cat;	/* compile_cond only reads it */
	L.mem = &box->mem;
	L.errs = box->errs;
	L.nerrs = box->nerrs;
	L.caperrs = box->caperrs;
	ok = cond_compile(&L, json, path, 0, out) && !L.nomem;
	box->errs = L.errs;
	box->nerrs = L.nerrs;
	box->caperrs = L.caperrs;
	return ok;
}

size_t catalog_cond_box_errors(struct cond_box *box, gm_error **errs)
{
	*errs = box->errs;
	return box->nerrs;
}

