/* assign.c - places records into the offerings a clinic runs: who may go where, then the optimum. */
#include <stdlib.h>
#include <string.h>
#include "assign.h"
#include "cond.h"
#include "transport.h"

#define UNKNOWN_MAX 100           /* availability tags no offering has, kept */

/* One record as kept for placing: the rest of its result is not needed. */
struct arec {
	char *id;                 /* NULL when none */
	const char *status;       /* the result's status name */
	char *message;            /* owned copy, or NULL */
	int ok;                   /* may be placed */
	int safety_missing;       /* ok, but the safety question was not answered */
	int best;                 /* the group ranked first, -1 when none */
	uint64_t avail;           /* tags the person can attend */
	int avail_any;            /* no tags given: any */
	long offering;            /* after solving, -1 when not placed */
	const char *reason;       /* why a waitlisted record was not placed */
};

/* Offerings of one type with the same tags and condition: one node. */
struct aclass {
	int type;
	uint64_t tags;
	int cond;
};

struct gm_assign {
	const struct gm_offerings *offs;
	const struct gm_catalog *cat;
	int ng;                   /* groups in the catalogue */
	struct aclass *classes;
	int nclasses;
	int *class_of;            /* offering -> class */
	int words;                /* of a class bitset */
	int cwords;               /* of a condition bitset */

	struct arec *recs;
	size_t n, cap;
	unsigned char *fit;       /* [n * ng] percent of each group, 0 without evidence */
	unsigned char *rank;      /* [n * ng] 0-based rank of each group */
	uint64_t *elig;           /* [n * words] classes the record may join */
	uint64_t *condok;         /* [n * cwords] conditions the record meets */

	char **unknown;           /* availability tags no offering has */
	long *unknown_records;
	size_t *unknown_last;     /* 1 + the last record that named it */
	size_t nunknown;

	unsigned char *closed;    /* per offering */
	long *filled, *fitsum;
	long placed, total_fit;
	long waitlist[GM_MAX_GROUPS];
	int solved;
};

int assign_has_evidence(const struct gm_result *res, int r)
{
	return r >= 0 && r < res->nranked && res->ranked[r].score > 0;
}

gm_assign *gm_assign_new(const gm_offerings *offs)
{
	gm_assign *a = calloc(1, sizeof *a);

	if (!a)
		return NULL;
	a->offs = offs;
	a->cat = offs->cat;
	a->ng = offs->cat->ngroups;
	a->classes = calloc((size_t)offs->n, sizeof *a->classes);
	a->class_of = calloc((size_t)offs->n, sizeof *a->class_of);
	a->closed = calloc((size_t)offs->n, 1);
	a->filled = calloc((size_t)offs->n, sizeof *a->filled);
	a->fitsum = calloc((size_t)offs->n, sizeof *a->fitsum);
	if (!a->classes || !a->class_of || !a->closed || !a->filled || !a->fitsum) {
		gm_assign_free(a);
		return NULL;
	}
	for (int i = 0; i < offs->n; i++) {
		const struct gm_offering *o = &offs->items[i];
		int c;

		for (c = 0; c < a->nclasses; c++)
			if (a->classes[c].type == o->type && a->classes[c].tags == o->tags
			    && a->classes[c].cond == o->cond)
				break;
		if (c == a->nclasses) {
			a->classes[c].type = o->type;
			a->classes[c].tags = o->tags;
			a->classes[c].cond = o->cond;
			a->nclasses++;
		}
		a->class_of[i] = c;
	}
	a->words = (a->nclasses + 63) / 64;
	a->cwords = (offs->nconds + 63) / 64;
	return a;
}

void gm_assign_free(gm_assign *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->recs[i].id);
		free(a->recs[i].message);
	}
	for (size_t k = 0; k < a->nunknown; k++)
		free(a->unknown[k]);
	free(a->unknown);
	free(a->unknown_records);
	free(a->unknown_last);
	free(a->recs);
	free(a->fit);
	free(a->rank);
	free(a->elig);
	free(a->condok);
	free(a->classes);
	free(a->class_of);
	free(a->closed);
	free(a->filled);
	free(a->fitsum);
	free(a);
}

static int grow(gm_assign *a)
{
	size_t cap = a->cap ? a->cap * 2 : 1024;
	struct arec *r = realloc(a->recs, cap * sizeof *r);
	unsigned char *fit, *rank;
	uint64_t *elig, *condok;

	if (!r)
		return -1;
	a->recs = r;
	if (!(fit = realloc(a->fit, cap * (size_t)a->ng)))
		return -1;
	a->fit = fit;
	if (!(rank = realloc(a->rank, cap * (size_t)a->ng)))
		return -1;
	a->rank = rank;
	if (!(elig = realloc(a->elig, cap * (size_t)(a->words ? a->words : 1) * sizeof *elig)))
		return -1;
	a->elig = elig;
	if (!(condok = realloc(a->condok, cap * (size_t)(a->cwords ? a->cwords : 1) * sizeof *condok)))
		return -1;
	a->condok = condok;
	a->cap = cap;
	return 0;
}

/* Remembers an availability tag that no offering has, in lowercase,
 * counting each record once; past UNKNOWN_MAX different ones, only the
 * first are kept (a hostile column cannot make this quadratic). */
static int note_unknown(gm_assign *a, const char *t, size_t len)
{
	char **u;
	long *c;
	size_t *last;
	char *s;

	if (!(s = malloc(len + 1)))
		return -1;
	for (size_t i = 0; i < len; i++)
		s[i] = t[i] >= 'A' && t[i] <= 'Z' ? (char)(t[i] + 32) : t[i];
	s[len] = '\0';
	for (size_t k = 0; k < a->nunknown; k++)
		if (!strcmp(a->unknown[k], s)) {
			free(s);
			if (a->unknown_last[k] != a->n + 1)
				a->unknown_records[k]++;
			a->unknown_last[k] = a->n + 1;
			return 0;
		}
	if (a->nunknown == UNKNOWN_MAX) {
		free(s);
		return 0;
	}
	if (!(u = realloc(a->unknown, (a->nunknown + 1) * sizeof *u))) {
		free(s);
		return -1;
	}
	a->unknown = u;
	if (!(c = realloc(a->unknown_records, (a->nunknown + 1) * sizeof *c))) {
		free(s);
		return -1;
	}
	a->unknown_records = c;
	if (!(last = realloc(a->unknown_last, (a->nunknown + 1) * sizeof *last))) {
		free(s);
		return -1;
	}
	a->unknown_last = last;
	a->unknown[a->nunknown] = s;
	a->unknown_last[a->nunknown] = a->n + 1;
	a->unknown_records[a->nunknown++] = 1;
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Reads "evening; online" into r's tag set. */
static int read_avail(gm_assign *a, struct arec *r, const char *s, size_t len)
{
	size_t i = 0;
	int named = 0;

	r->avail = 0;
	while (s && i < len) {
		size_t start, end;
		int k;

		while (i < len && (is_blank(s[i]) || s[i] == ';' || s[i] == ',' || s[i] == '|'))
			i++;
		start = i;
		while (i < len && s[i] != ';' && s[i] != ',' && s[i] != '|')
			i++;
		end = i;
		while (end > start && is_blank(s[end - 1]))
			end--;
		if (end == start)
			continue;
		named = 1;
		k = offerings_find_tag(a->offs, s + start, end - start);
		if (k >= 0)
			r->avail |= (uint64_t)1 << k;
		else if (note_unknown(a, s + start, end - start))
			return -1;
	}
	r->avail_any = !named;
	return 0;
}

gm_status gm_assign_add(gm_assign *a, const char *id, size_t idlen, const gm_answers *ans,
			const gm_result *res, const char *avail, size_t availlen)
{
	const struct gm_offerings *offs = a->offs;
	unsigned char *fit, *rank;
	uint64_t *elig, *condok;
	uint32_t evidence = 0;    /* bit g: positive evidence for group g */
	struct arec *r;

	if (!res || !ans || res->cat != a->cat || ans->cat != a->cat || a->n >= TP_MAX_PEOPLE)
		return GM_ERR_ARG;
	if (a->n == a->cap && grow(a))
		return GM_ERR_NOMEM;
	r = &a->recs[a->n];
	memset(r, 0, sizeof *r);
	r->offering = -1;
	r->best = -1;
	fit = a->fit + a->n * (size_t)a->ng;
	rank = a->rank + a->n * (size_t)a->ng;
	elig = a->elig + a->n * (size_t)a->words;
	condok = a->condok + a->n * (size_t)a->cwords;
	memset(fit, 0, (size_t)a->ng);
	memset(rank, 0, (size_t)a->ng);
	memset(elig, 0, (size_t)a->words * sizeof *elig);
	memset(condok, 0, (size_t)a->cwords * sizeof *condok);
	if (id && !(r->id = malloc(idlen + 1)))
		return GM_ERR_NOMEM;
	if (id) {
		memcpy(r->id, id, idlen);
		r->id[idlen] = '\0';
	}
	/* An unanswered safety question is said in every output, never
	 * taken silently as "no crisis". */
	r->safety_missing = res->status == GM_RESULT_OK && res->safety_skipped;
	{
		const char *msg = res->message ? res->message
			: r->safety_missing ? a->cat->safety_skipped : NULL;

		if (msg && !(r->message = strdup(msg))) {
			free(r->id);
			return GM_ERR_NOMEM;
		}
	}
	r->status = gm_result_status_name(res);
	r->ok = res->status == GM_RESULT_OK;
	if (read_avail(a, r, avail, avail ? availlen : 0)) {
		free(r->id);
		free(r->message);
		return GM_ERR_NOMEM;
	}
	a->n++;
	a->solved = 0;
	if (!r->ok)
		return GM_OK;
	for (int k = 0; k < res->nranked; k++) {
		int g = res->ranked[k].group;

		rank[g] = (unsigned char)k;
		if (assign_has_evidence(res, k)) {
			evidence |= (uint32_t)1 << g;
			fit[g] = (unsigned char)(res->ranked[k].percent < 0 ? 0
						 : res->ranked[k].percent > 100 ? 100
						 : res->ranked[k].percent);
		}
	}
	if (assign_has_evidence(res, 0))
		r->best = res->ranked[0].group;
	for (int k = 0; k < offs->nconds; k++)
		if (cond_eval(&offs->conds[k], ans) == 1)
			condok[k / 64] |= (uint64_t)1 << (k % 64);
	for (int c = 0; c < a->nclasses; c++) {
		const struct aclass *cl = &a->classes[c];

		if (!(evidence >> cl->type & 1))
			continue;
		if (cl->cond >= 0 && !(condok[cl->cond / 64] >> (cl->cond % 64) & 1))
			continue;
		if (cl->tags && !r->avail_any && !(cl->tags & r->avail))
			continue;
		elig[c / 64] |= (uint64_t)1 << (c % 64);
	}
	return GM_OK;
}

/* Why waitlisted record i did not get its best type. */
static const char *why(const gm_assign *a, size_t i)
{
	const struct arec *r = &a->recs[i];
	const uint64_t *condok = a->condok + i * (size_t)a->cwords;
	int offered = 0, meets = 0;

	for (int o = 0; o < a->offs->n; o++) {
		const struct gm_offering *of = &a->offs->items[o];

		if (a->closed[o] || of->type != r->best)
			continue;
		offered = 1;
		if (of->cond >= 0 && !(condok[of->cond / 64] >> (of->cond % 64) & 1))
			continue;
		meets = 1;
		if (!of->tags || r->avail_any || (of->tags & r->avail))
			return "full";
	}
	return !offered ? "no_offering" : !meets ? "not_eligible" : "not_available";
}

/* Shares each class's people out among its open offerings: first up to
 * each one's minimum, then up to its seats, in file order; people in
 * record order. */
static void distribute(gm_assign *a, const int *placed)
{
	const struct gm_offerings *offs = a->offs;

	for (int c = 0; c < a->nclasses; c++) {
		size_t i = 0;

		for (int pass = 0; pass < 2; pass++)
			for (int o = 0; o < offs->n; o++) {
				long want;

				if (a->class_of[o] != c || a->closed[o])
					continue;
				want = pass == 0 ? offs->items[o].min_size : offs->items[o].seats;
				while (a->filled[o] < want) {
					while (i < a->n && placed[i] != c)
						i++;
					if (i == a->n)
						break;
					a->recs[i].offering = o;
					a->filled[o]++;
					i++;
				}
			}
	}
}

static gm_status solve_once(gm_assign *a, int *placed, int *class_type, long *cap)
{
	const struct gm_offerings *offs = a->offs;
	struct tp_problem p;

	for (int c = 0; c < a->nclasses; c++) {
		class_type[c] = a->classes[c].type;
		cap[c] = 0;
	}
	for (int o = 0; o < offs->n; o++) {
		if (!a->closed[o])
			cap[a->class_of[o]] += offs->items[o].seats;
		a->filled[o] = a->fitsum[o] = 0;
	}
	p.npeople = (int)a->n;
	p.nclasses = a->nclasses;
	p.ntypes = a->ng;
	p.words = a->words;
	p.class_type = class_type;
	p.class_cap = cap;
	p.fit = a->fit;
	p.elig = a->elig;
	if (tp_solve(&p, placed))
		return GM_ERR_NOMEM;
	for (size_t i = 0; i < a->n; i++)
		a->recs[i].offering = -1;
	distribute(a, placed);
	return GM_OK;
}

gm_status gm_assign_solve(gm_assign *a, int flags)
{
	const struct gm_offerings *offs = a->offs;
	int *placed = malloc((a->n ? a->n : 1) * sizeof *placed);
	int *class_type = malloc((size_t)(a->nclasses ? a->nclasses : 1) * sizeof *class_type);
	long *cap = malloc((size_t)(a->nclasses ? a->nclasses : 1) * sizeof *cap);
	gm_status st = GM_ERR_NOMEM;

	if (!placed || !class_type || !cap)
		goto done;
	memset(a->closed, 0, (size_t)offs->n);
	for (;;) {
		int close = -1;

		if ((st = solve_once(a, placed, class_type, cap)) != GM_OK)
			goto done;
		if (!(flags & GM_ASSIGN_CLOSE_SMALL))
			break;
		/* the emptiest offering below its minimum; the later of equals */
		for (int o = 0; o < offs->n; o++)
			if (!a->closed[o] && a->filled[o] < offs->items[o].min_size
			    && (close < 0 || a->filled[o] <= a->filled[close]))
				close = o;
		if (close < 0)
			break;
		a->closed[close] = 1;
	}
	a->placed = a->total_fit = 0;
	memset(a->waitlist, 0, sizeof a->waitlist);
	for (size_t i = 0; i < a->n; i++) {
		struct arec *r = &a->recs[i];

		r->reason = NULL;
		if (r->offering >= 0) {
			long pc = a->fit[i * (size_t)a->ng + offs->items[r->offering].type];

			a->fitsum[r->offering] += pc;
			a->placed++;
			a->total_fit += pc;
		} else if (r->ok && r->best >= 0) {
			r->reason = why(a, i);
			a->waitlist[r->best]++;
		} else if (r->ok) {
			r->reason = "no_evidence";
		}
	}
	a->solved = 1;
done:
	free(placed);
	free(class_type);
	free(cap);
	return st;
}

static const struct arec *rec(const gm_assign *a, size_t i)
{
	return a && i < a->n ? &a->recs[i] : NULL;
}

size_t gm_assign_record_count(const gm_assign *a)
{
	return a ? a->n : 0;
}

const char *gm_assign_record_id(const gm_assign *a, size_t i)
{
	return rec(a, i) ? rec(a, i)->id : NULL;
}

const char *gm_assign_record_status(const gm_assign *a, size_t i)
{
	const struct arec *r = rec(a, i);

	if (!r)
		return NULL;
	if (!r->ok)
		return r->status;
	return r->offering >= 0 ? "placed" : "waitlist";
}

long gm_assign_record_offering(const gm_assign *a, size_t i)
{
	return rec(a, i) ? rec(a, i)->offering : -1;
}

/* The group a record's row speaks of: placed type, else best type. */
static int row_group(const gm_assign *a, size_t i)
{
	const struct arec *r = rec(a, i);

	if (!r || !r->ok)
		return -1;
	return r->offering >= 0 ? a->offs->items[r->offering].type : r->best;
}

const char *gm_assign_record_type(const gm_assign *a, size_t i)
{
	int g = row_group(a, i);

	return g >= 0 ? a->cat->groups[g].id : NULL;
}

int gm_assign_record_percent(const gm_assign *a, size_t i)
{
	int g = row_group(a, i);

	return g >= 0 ? a->fit[i * (size_t)a->ng + g] : -1;
}

int gm_assign_record_choice(const gm_assign *a, size_t i)
{
	int g = row_group(a, i);

	return g >= 0 ? a->rank[i * (size_t)a->ng + g] + 1 : 0;
}

const char *gm_assign_record_reason(const gm_assign *a, size_t i)
{
	return rec(a, i) ? rec(a, i)->reason : NULL;
}

int gm_assign_record_safety_missing(const gm_assign *a, size_t i)
{
	return rec(a, i) ? rec(a, i)->safety_missing : 0;
}

const char *gm_assign_record_message(const gm_assign *a, size_t i)
{
	return rec(a, i) ? rec(a, i)->message : NULL;
}

long gm_assign_filled(const gm_assign *a, size_t o)
{
	return a && o < (size_t)a->offs->n ? a->filled[o] : -1;
}

long gm_assign_fit_sum(const gm_assign *a, size_t o)
{
	return a && o < (size_t)a->offs->n ? a->fitsum[o] : -1;
}

int gm_assign_closed(const gm_assign *a, size_t o)
{
	return a && o < (size_t)a->offs->n ? a->closed[o] : 0;
}

int gm_assign_below_min(const gm_assign *a, size_t o)
{
	return a && o < (size_t)a->offs->n && !a->closed[o]
		&& a->filled[o] < a->offs->items[o].min_size;
}

long gm_assign_placed(const gm_assign *a)
{
	return a ? a->placed : 0;
}

long gm_assign_total_fit(const gm_assign *a)
{
	return a ? a->total_fit : 0;
}

long gm_assign_waitlist(const gm_assign *a, size_t g)
{
	return a && g < (size_t)a->ng ? a->waitlist[g] : 0;
}

size_t gm_assign_unknown_tag_count(const gm_assign *a)
{
	return a ? a->nunknown : 0;
}

const char *gm_assign_unknown_tag(const gm_assign *a, size_t i)
{
	return a && i < a->nunknown ? a->unknown[i] : NULL;
}

long gm_assign_unknown_tag_records(const gm_assign *a, size_t i)
{
	return a && i < a->nunknown ? a->unknown_records[i] : 0;
}
