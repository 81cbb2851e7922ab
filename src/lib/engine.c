/* engine.c - matches answers against the catalogue: safety gate, scores, ranking, setting advice.
 *
 * Design: at load, engine_compile turns every criterion and setting
 * modifier into a plan of bit tests.  Each distinct leaf test of the
 * catalogue, with its polarity, is a "slot": one bit of a 64-bit word
 * that is 1 when its question is answered and the test holds (or, for a
 * negated slot, fails).  A condition becomes a disjunction of terms, each
 * a mask of slots that must all be set; under Kleene logic that is
 * exactly "the condition is true" (a NOT swaps the polarity of the slots
 * below it).  gm_match then works out the slot word once per record and
 * scores each criterion with one AND and compare.  Catalogues too big for
 * one word (over 63 slots) keep no plan and take the tree walk below,
 * which stays the reference: check_engine compares the two. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "rules.h"

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

/* Whether every literal of c is answered and true: the flat form of eval
 * for the criteria that are an AND of (negated) leaves. */
static inline int literals_hold(const struct gm_criterion *c, const struct gm_answers *a)
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


int engine_holds(const struct gm_criterion *c, const struct gm_answers *a)
{
	return c->nliterals ? literals_hold(c, a) : eval(&c->when, a) == 1;
}

/* --- the plan: conditions compiled to bit tests ----------------------- */

#define PLAN_SLOTS 63                     /* bit 63 is never set */
#define PLAN_NEVER ((uint64_t)1 << 63)    /* a term that never holds */
#define PLAN_MAX_TERMS 8                  /* a bigger disjunction stays a tree */

/* Slot tests, in the order of their bits: set tests, then ranges, then counts. */
struct plan_set {                 /* ((value ^ flip) & mask) != 0, xor inv */
	uint64_t mask, flip;
	uint32_t q, inv;
};

struct plan_range {               /* lo <= value <= hi (counts: popcount >= lo), xor inv */
	int64_t lo, hi;
	uint32_t q, inv;
};

/* A criterion with more than one term, or walked as a tree. */
struct plan_extra {
	int crit;
	uint64_t term;
	const struct gm_cond *tree;       /* non-NULL: eval it instead */
};

struct plan_group {
	const uint64_t *need;             /* per criterion: its one term, or PLAN_NEVER
	                                   * when it is among the extras */
	const int *weight;
	int ncriteria, npositive;
	const struct plan_extra *extra;
	int nextra;
	int word, off;                    /* criterion i is bit off + i of matched word */
	uint64_t mask;                    /* the group's criteria, from bit 0 */
	int nnib;
	uint64_t *sum;                    /* [nnib][16]: what a nibble of them adds up to
	                                   * (PLAN_SUM_* fields) */
};

/* A criterion whose one term is not a single slot. */
struct plan_conj {
	int word, bit;
	uint64_t need;
};

/* The fields of a plan_group sum: no field can carry into the next. */
#define PLAN_SUM_POS(s) ((int)((s) & 0xffff))          /* positive weights met */
#define PLAN_SUM_NEG(s) ((int)((s) >> 16 & 0xffff))    /* negative weights met, negated */
#define PLAN_SUM_REASONS(s) ((int)((s) >> 32 & 0xff))
#define PLAN_SUM_CAUTIONS(s) ((int)((s) >> 40 & 0xff))

struct plan_cond {                /* a setting modifier's condition */
	const uint64_t *terms;
	int nterms;                       /* -1: walk the tree */
};

/* The slots of one question, looked up by its value: for set tests by
 * each nibble of the option set (a test meets the set when it meets one
 * of its nibbles), for ranges by the value itself. */
struct plan_qtab {
	uint32_t q;
	uint32_t n;                       /* set: nibbles looked up; range: entries */
	int64_t lo;                       /* range: the value of entry 0 */
	uint64_t inv;                     /* set: the slots that are negated */
	uint64_t *tab;                    /* set: [n][16] slots met; range: [n] slots set */
};

#define PLAN_RANGE_TABLE 64               /* wider scales are tested slot by slot */

struct engine_plan {
	int nsetq, nrangeq;
	struct plan_qtab setq[GM_MAX_QUESTIONS];
	struct plan_qtab rangeq[GM_MAX_QUESTIONS];
	int nset, nrange, ncount;
	struct plan_set set[PLAN_SLOTS];
	struct plan_range range[PLAN_SLOTS];
	struct plan_range count[PLAN_SLOTS];
	int nq;
	unsigned char qs[GM_MAX_QUESTIONS];   /* the questions some slot reads */
	uint64_t qslots[GM_MAX_QUESTIONS];    /* the slots that read question q */
	uint64_t defslots[GM_MAX_QUESTIONS];  /* those set when q takes its default */
	int trees;                            /* some condition is walked as a tree */
	struct plan_group groups[GM_MAX_GROUPS];
	struct plan_cond *mods;
	/* the matched criteria of every group, packed into nwords words */
	int nwords;
	int nxnib;                            /* nibbles of the slot word in use */
	uint64_t *single;                     /* [nwords][16 nibbles][16]: the criteria
	                                       * of one slot that a nibble of the slot
	                                       * word meets */
	struct plan_conj *conj;               /* the others with one term */
	int nconj;
};

/* A slot as the compiler collects it, before the bits are ordered. */
struct slot {
	int kind;                         /* 0 set, 1 range, 2 count */
	int q, inv;
	uint64_t mask, flip;
	int64_t lo, hi;
};

struct plan_build {
	struct slot slots[PLAN_SLOTS];
	int nslots;
	int full;                         /* more slots were needed than a word has */
};

/* The slot of leaf c (negated when neg), added when new; -1 when there is no room. */
static int slot_of(struct plan_build *pb, const struct gm_cond *c, int neg)
{
	struct slot s;
	int i;

	memset(&s, 0, sizeof s);
	s.q = c->question;
	s.inv = neg;
	switch (c->op) {
	case C_ANY: s.mask = c->mask; break;
	case C_ALL: s.mask = c->mask; s.flip = ~(uint64_t)0; s.inv = !neg; break;
	case C_IS: s.kind = 1; s.lo = s.hi = c->value; break;
	case C_GTE: s.kind = 1; s.lo = c->value; s.hi = INT64_MAX; break;
	case C_LTE: s.kind = 1; s.lo = INT64_MIN; s.hi = c->value; break;
	case C_COUNT_GTE: s.kind = 2; s.lo = c->value; break;
	default: return -1;
	}
	for (i = 0; i < pb->nslots; i++)
		if (!memcmp(&pb->slots[i], &s, sizeof s))
			return i;
	if (pb->nslots == PLAN_SLOTS) {
		pb->full = 1;
		return -1;
	}
	pb->slots[pb->nslots] = s;
	return pb->nslots++;
}

/* Writes the terms of c (of its negation when neg) to out: c holds
 * exactly when all the slots of some term are set.  Returns the count,
 * or -1 when there would be more than PLAN_MAX_TERMS or no slot left. */
static int dnf(struct plan_build *pb, const struct gm_cond *c, int neg, uint64_t *out)
{
	uint64_t kid[PLAN_MAX_TERMS], prod[PLAN_MAX_TERMS];
	int i, k, n, a, b, m;

	switch (c->op) {
	case C_NOT:
		return dnf(pb, c->kids, !neg, out);
	case C_AND:
	case C_OR:
		if ((c->op == C_AND) != neg) {	/* all of the kids: the product */
			out[0] = 0;
			n = 1;
			for (i = 0; i < c->nkids; i++) {
				if ((k = dnf(pb, &c->kids[i], neg, kid)) < 0 || n * k > PLAN_MAX_TERMS)
					return -1;
				for (m = 0, a = 0; a < n; a++)
					for (b = 0; b < k; b++)
						prod[m++] = out[a] | kid[b];
				memcpy(out, prod, (size_t)m * sizeof *out);
				n = m;
			}
			return n;
		}
		for (n = 0, i = 0; i < c->nkids; i++) {	/* any of the kids: the union */
			if ((k = dnf(pb, &c->kids[i], neg, kid)) < 0 || n + k > PLAN_MAX_TERMS)
				return -1;
			memcpy(out + n, kid, (size_t)k * sizeof *out);
			n += k;
		}
		return n;
	default:
		if ((k = slot_of(pb, c, neg)) < 0)
			return -1;
		out[0] = (uint64_t)1 << k;
		return 1;
	}
}

/* Whether slot s holds for an answered value v. */
static int slot_holds(const struct slot *s, int64_t v)
{
	int t;

	if (s->kind == 0)
		t = (((uint64_t)v ^ s->flip) & s->mask) != 0;
	else if (s->kind == 1)
		t = v >= s->lo && v <= s->hi;
	else
		t = __builtin_popcountll((uint64_t)v) >= s->lo;
	return t ^ s->inv;
}

/* Renumbers the slots of term by bit[] (the order of the final word). */
static uint64_t renumber(uint64_t term, const int *bit)
{
	uint64_t out = term & PLAN_NEVER;

	for (term &= ~PLAN_NEVER; term; term &= term - 1)
		out |= (uint64_t)1 << bit[__builtin_ctzll(term)];
	return out;
}

/* Fills the per-question tables of p from its slots; 0, or -1 when out of memory. */
static int plan_tables(struct gm_catalog *cat, struct engine_plan *p)
{
	int q, i, k, b;

	for (q = 0; q < cat->nquestions; q++) {
		const struct gm_question *qq = &cat->questions[q];
		uint64_t masks = 0;
		struct plan_qtab *t;
		int64_t lo, hi;
		int any = 0;

		for (i = 0; i < p->nset; i++)
			if (p->set[i].q == (uint32_t)q) {
				masks |= p->set[i].mask;
				any = 1;
			}
		if (any) {
			t = &p->setq[p->nsetq++];
			t->q = (uint32_t)q;
			/* the nibbles up to the last option tested: others meet nothing */
			t->n = masks ? (uint32_t)((63 - __builtin_clzll(masks)) / 4 + 1) : 0;
			if (t->n && !(t->tab = catalog_alloc(cat, (size_t)t->n * 16 * sizeof *t->tab)))
				return -1;
			for (i = 0; i < p->nset; i++) {
				const struct plan_set *s = &p->set[i];

				if (s->q != (uint32_t)q)
					continue;
				t->inv |= (uint64_t)s->inv << i;
				for (k = 0; k < (int)t->n; k++)
					for (b = 0; b < 16; b++)
						if (((uint64_t)b ^ (s->flip >> 4 * k & 15)) & (s->mask >> 4 * k & 15))
							t->tab[k * 16 + b] |= (uint64_t)1 << i;
			}
		}

		for (i = 0; i < p->nrange && p->range[i].q != (uint32_t)q; i++)
			;
		if (i == p->nrange)
			continue;
		t = &p->rangeq[p->nrangeq++];
		t->q = (uint32_t)q;
		lo = qq->kind == Q_SCALE ? qq->min : 0;
		hi = qq->kind == Q_SCALE ? qq->max : 1;
		if (hi < lo || hi - lo >= PLAN_RANGE_TABLE)
			continue;	/* n = 0: every value slot by slot */
		t->lo = lo;
		t->n = (uint32_t)(hi - lo + 1);
		if (!(t->tab = catalog_alloc(cat, (size_t)t->n * sizeof *t->tab)))
			return -1;
		for (k = 0; k < (int)t->n; k++)
			for (i = 0; i < p->nrange; i++) {
				const struct plan_range *s = &p->range[i];
				int64_t v = lo + k;

				if (s->q == (uint32_t)q && (((v >= s->lo) & (v <= s->hi)) ^ s->inv))
					t->tab[k] |= (uint64_t)1 << (p->nset + i);
			}
	}
	return 0;
}

/* Packs the groups' criteria into matched words and fills the tables
 * that turn the slot word into them, and them into scores.  Returns 0,
 * 1 when a group's weights are too big for the sums, -1 when out of memory. */
static int plan_words(struct gm_catalog *cat, struct engine_plan *p)
{
	int g, k, v, used = 0, nconj = 0, nslots = p->nset + p->nrange + p->ncount;

	p->nwords = cat->ngroups ? 1 : 0;
	for (g = 0; g < cat->ngroups; g++) {
		struct plan_group *pg = &p->groups[g];
		int total = 0;

		if (used + pg->ncriteria > 64) {	/* a group never straddles two words */
			p->nwords++;
			used = 0;
		}
		pg->word = p->nwords - 1;
		pg->off = used;
		used += pg->ncriteria;
		pg->mask = pg->ncriteria == 64 ? ~(uint64_t)0 : ((uint64_t)1 << pg->ncriteria) - 1;
		pg->nnib = (pg->ncriteria + 3) / 4;
		for (k = 0; k < pg->ncriteria; k++) {
			total += pg->weight[k] < 0 ? -pg->weight[k] : pg->weight[k];
			if (pg->need[k] != PLAN_NEVER && __builtin_popcountll(pg->need[k]) != 1)
				nconj++;
		}
		if (total > 0xffff)
			return 1;
	}
	p->nxnib = (nslots + 3) / 4;
	p->single = catalog_alloc(cat, ((size_t)p->nwords * 256 + 1) * sizeof *p->single);
	p->conj = catalog_alloc(cat, ((size_t)nconj + 1) * sizeof *p->conj);
	if (!p->single || !p->conj)
		return -1;
	for (g = 0; g < cat->ngroups; g++) {
		struct plan_group *pg = &p->groups[g];

		if (!(pg->sum = catalog_alloc(cat, ((size_t)pg->nnib * 16 + 1) * sizeof *pg->sum)))
			return -1;
		for (k = 0; k < pg->ncriteria; k++) {
			uint64_t need = pg->need[k], bit = (uint64_t)1 << (pg->off + k), add;
			int w = pg->weight[k], b;

			if (need == PLAN_NEVER) {
				;	/* an extra: matched one term or tree at a time */
			} else if (__builtin_popcountll(need) == 1) {
				b = __builtin_ctzll(need);
				for (v = 0; v < 16; v++)
					if (v >> (b % 4) & 1)
						p->single[(size_t)pg->word * 256 + (size_t)(b / 4) * 16 + (size_t)v] |= bit;
			} else {
				p->conj[p->nconj].word = pg->word;
				p->conj[p->nconj].bit = pg->off + k;
				p->conj[p->nconj++].need = need;
			}
			add = w > 0 ? (uint64_t)w : (uint64_t)-w << 16;
			add += k < pg->npositive ? (uint64_t)1 << 32 : (uint64_t)1 << 40;
			for (v = 0; v < 16; v++)
				if (v >> (k % 4) & 1)
					pg->sum[(k / 4) * 16 + v] += add;
		}
	}
	return 0;
}

int engine_compile(struct gm_catalog *cat)
{
	struct plan_build *pb = calloc(1, sizeof *pb);
	struct engine_plan *p;
	struct plan_extra *extras;
	uint64_t *need, *terms, t[PLAN_MAX_TERMS];
	int *weight, *nt, bit[PLAN_SLOTS];
	int total = 0, nextras = 0, nterms = 0, g, i, k, n, used = 0;

	cat->plan = NULL;
	if (!pb)
		return -1;
	/* first pass: the slots, and how many terms of each kind are needed */
	for (g = 0; g < cat->ngroups; g++)
		total += cat->groups[g].ncriteria;
	nt = calloc((size_t)total + (size_t)cat->nmodifiers + 1, sizeof *nt);
	if (!nt) {
		free(pb);
		return -1;
	}
	for (g = 0, i = 0; g < cat->ngroups; g++)
		for (k = 0; k < cat->groups[g].ncriteria; k++, i++) {
			nt[i] = dnf(pb, &cat->groups[g].criteria[k].when, 0, t);
			if (nt[i] != 1)
				nextras += nt[i] < 0 ? 1 : nt[i];
		}
	for (k = 0; k < cat->nmodifiers; k++, i++) {
		nt[i] = dnf(pb, &cat->modifiers[k].crit.when, 0, t);
		nterms += nt[i] > 0 ? nt[i] : 0;
	}
	if (pb->full) {	/* too big for one word: the tree walk serves */
		free(nt);
		free(pb);
		return 0;
	}
	p = catalog_alloc(cat, sizeof *p);
	need = catalog_alloc(cat, ((size_t)total + 1) * sizeof *need);
	weight = catalog_alloc(cat, ((size_t)total + 1) * sizeof *weight);
	extras = catalog_alloc(cat, ((size_t)nextras + 1) * sizeof *extras);
	terms = catalog_alloc(cat, ((size_t)nterms + 1) * sizeof *terms);
	if (p)
		p->mods = catalog_alloc(cat, ((size_t)cat->nmodifiers + 1) * sizeof *p->mods);
	if (!p || !need || !weight || !extras || !terms || !p->mods)
		goto nomem;

	/* the bits: set tests first, then ranges, then counts */
	for (int kind = 0; kind < 3; kind++)
		for (k = 0; k < pb->nslots; k++) {
			const struct slot *s = &pb->slots[k];

			if (s->kind != kind)
				continue;
			bit[k] = used++;
			if (kind == 0) {
				struct plan_set *d = &p->set[p->nset++];
				d->mask = s->mask;
				d->flip = s->flip;
				d->q = (uint32_t)s->q;
				d->inv = (uint32_t)s->inv;
			} else {
				struct plan_range *d = kind == 1 ? &p->range[p->nrange++] : &p->count[p->ncount++];
				d->lo = s->lo;
				d->hi = s->hi;
				d->q = (uint32_t)s->q;
				d->inv = (uint32_t)s->inv;
			}
			if (!p->qslots[s->q])
				p->qs[p->nq++] = (unsigned char)s->q;
			p->qslots[s->q] |= (uint64_t)1 << bit[k];
			if (cat->questions[s->q].has_default && slot_holds(s, cat->questions[s->q].default_value))
				p->defslots[s->q] |= (uint64_t)1 << bit[k];
		}

	if (plan_tables(cat, p))
		goto nomem;

	/* second pass: the terms, renumbered */
	for (g = 0, i = 0, nextras = 0; g < cat->ngroups; g++) {
		const struct gm_group *grp = &cat->groups[g];
		struct plan_group *pg = &p->groups[g];

		pg->need = need + i;
		pg->weight = weight + i;
		pg->ncriteria = grp->ncriteria;
		pg->npositive = grp->npositive;
		pg->extra = extras + nextras;
		for (k = 0; k < grp->ncriteria; k++, i++) {
			const struct gm_cond *w = &grp->criteria[k].when;

			n = dnf(pb, w, 0, t);
			weight[i] = grp->criteria[k].weight;
			need[i] = n == 1 ? renumber(t[0], bit) : PLAN_NEVER;
			if (n < 0) {
				extras[nextras].crit = k;
				extras[nextras++].tree = w;
				p->trees = 1;
			}
			for (int e = 0; n > 1 && e < n; e++) {
				extras[nextras].crit = k;
				extras[nextras++].term = renumber(t[e], bit);
			}
		}
		pg->nextra = (int)(extras + nextras - pg->extra);
	}
	for (k = 0, nterms = 0; k < cat->nmodifiers; k++) {
		n = dnf(pb, &cat->modifiers[k].crit.when, 0, t);
		p->mods[k].terms = terms + nterms;
		p->mods[k].nterms = n;
		if (n < 0)
			p->trees = 1;
		for (int e = 0; e < n; e++)
			terms[nterms++] = renumber(t[e], bit);
	}
	switch (plan_words(cat, p)) {
	case 0:
		break;
	case 1:	/* weights too big for the sums: the tree walk serves */
		free(nt);
		free(pb);
		return 0;
	default:
		goto nomem;
	}
	free(nt);
	free(pb);
	cat->plan = p;
	return 0;
nomem:
	free(nt);
	free(pb);
	return -1;
}

/* The range slots of question q for a value outside its table. */
static uint64_t range_slots(const struct engine_plan *p, uint32_t q, int64_t v)
{
	uint64_t w = 0;

	for (int i = 0; i < p->nrange; i++) {
		const struct plan_range *s = &p->range[i];

		if (s->q == q)
			w |= (uint64_t)(((v >= s->lo) & (v <= s->hi)) ^ s->inv) << (p->nset + i);
	}
	return w;
}

/* The slot word of a: bit b set when the question of slot b is answered
 * (or takes its default: the questions in defaulted) and the test holds. */
static uint64_t plan_slots(const struct engine_plan *p, const struct gm_answers *a, uint32_t defaulted)
{
	uint64_t w = 0, on = 0;
	int i, b = 0;

	/* a few table lookups a question, the same for every record */
	for (i = 0; i < p->nsetq; i++) {
		const struct plan_qtab *t = &p->setq[i];
		uint64_t v = (uint64_t)a->value[t->q], met = 0;

		for (uint32_t k = 0; k < t->n; k++)
			met |= t->tab[k * 16 + (v >> 4 * k & 15)];
		w |= met ^ t->inv;
	}
	for (i = 0; i < p->nrangeq; i++) {
		const struct plan_qtab *t = &p->rangeq[i];
		uint64_t k = (uint64_t)a->value[t->q] - (uint64_t)t->lo;

		w |= k < t->n ? t->tab[k] : range_slots(p, t->q, a->value[t->q]);
	}
	for (i = 0, b = p->nset + p->nrange; i < p->ncount; i++, b++) {
		const struct plan_range *s = &p->count[i];

		w |= (uint64_t)((__builtin_popcountll((uint64_t)a->value[s->q]) >= s->lo) ^ s->inv) << b;
	}
	for (i = 0; i < p->nq; i++)
		on |= p->qslots[p->qs[i]] & -(uint64_t)(a->present >> p->qs[i] & 1);
	w &= on;
	for (; defaulted; defaulted &= defaulted - 1)
		w |= p->defslots[__builtin_ctz(defaulted)];
	return w;
}

/* Works out which criteria of every group hold for the slot word x into
 * matched[0 .. nwords); a (with the defaults) is only read for
 * criteria walked as trees. */
static void plan_matched(const struct engine_plan *p, const struct gm_catalog *cat, uint64_t x,
			 const struct gm_answers *a, uint64_t *matched)
{
	int i, k, g;

	for (i = 0; i < p->nwords; i++) {
		const uint64_t *t = p->single + (size_t)i * 256;
		uint64_t m = 0;

		for (k = 0; k < p->nxnib; k++)
			m |= t[k * 16 + (x >> 4 * k & 15)];
		matched[i] = m;
	}
	for (i = 0; i < p->nconj; i++) {
		const struct plan_conj *c = &p->conj[i];

		matched[c->word] |= (uint64_t)((x & c->need) == c->need) << c->bit;
	}
	for (g = 0; g < cat->ngroups; g++) {
		const struct plan_group *pg = &p->groups[g];

		for (i = 0; i < pg->nextra; i++) {
			const struct plan_extra *e = &pg->extra[i];
			uint64_t bit = (uint64_t)1 << (pg->off + e->crit);

			if (!(matched[pg->word] & bit) &&
			    (e->tree ? eval(e->tree, a) == 1 : (x & e->term) == e->term))
				matched[pg->word] |= bit;
		}
	}
}

/* Scores group g from the matched words. */
static void plan_score(const struct gm_catalog *cat, int g, const uint64_t *matched,
		       struct gm_ranked *r)
{
	const struct plan_group *pg = &cat->plan->groups[g];
	const struct gm_group *grp = &cat->groups[g];
	uint64_t m = matched[pg->word] >> pg->off & pg->mask, sum = 0;
	int k, score;

	for (k = 0; k < pg->nnib; k++)
		sum += pg->sum[k * 16 + (m >> 4 * k & 15)];
	score = PLAN_SUM_POS(sum) - PLAN_SUM_NEG(sum);
	r->group = g;
	r->score = score;
	r->matched = m;
	r->nreasons = PLAN_SUM_REASONS(sum);
	r->ncautions = PLAN_SUM_CAUTIONS(sum);
	if (score <= 0 || grp->max <= 0)
		r->percent = 0;
	else if (score >= grp->max)
		r->percent = 100;
	else
		r->percent = grp->percent[score];
}

uint32_t engine_modifiers(const struct gm_result *res, const struct gm_answers *a)
{
	const struct gm_catalog *cat = res->cat;
	const struct engine_plan *p = cat->plan;
	uint32_t holds = 0;

	for (int m = 0; m < cat->nmodifiers; m++) {
		const struct plan_cond *c = p ? &p->mods[m] : NULL;
		int h = 0;

		if (!c)
			h = engine_holds(&cat->modifiers[m].crit, a);
		else if (c->nterms < 0)
			h = eval(&cat->modifiers[m].crit.when, a) == 1;
		else
			for (int i = 0; i < c->nterms; i++)
				h |= (res->slots & c->terms[i]) == c->terms[i];
		holds |= (uint32_t)h << m;
	}
	return holds;
}

void result_init(struct gm_result *res, const struct gm_catalog *cat)
{
	memset(res, 0, sizeof *res);
	res->cat = cat;
	res->advice = -1;
	res->comfort = -1;
}

static void score_group(const struct gm_catalog *cat, int g, const struct gm_answers *a,
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
		int m = c->nliterals ? literals_hold(c, a) : eval(&c->when, a) == 1;

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

/* Whether a ranks before b: by percent, then raw score; the caller
 * keeps catalogue order among equals. */
static inline int ranks_before(const struct gm_ranked *a, const struct gm_ranked *b)
{
	return a->percent > b->percent || (a->percent == b->percent && a->score > b->score);
}

int engine_first(const struct gm_catalog *cat, const struct gm_answers *a)
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
			score_group(cat, i, a, r);
		if (i && ranks_before(&cur, &best))
			best = cur;
	}
	return best.score > 0 ? best.group : -1;
}

/* The setting advice.  Readiness counts the yes answers; an unanswered
 * readiness question may still be a yes, so it never pushes towards
 * individual_first, and only answered yeses count towards group. */
static void advise(const struct gm_catalog *cat, const struct gm_answers *a, struct gm_result *res)
{
	int q, unknown = 0, low, high;

	res->readiness = 0;
	/* by the readiness bits, not over every question: the score items
	 * made the question list longer, and this runs for every row */
	for (uint32_t m = cat->readiness; m; m &= m - 1) {
		q = __builtin_ctz(m);
		if (!(a->present >> q & 1))
			unknown++;
		else if (a->value[q] == 1)
			res->readiness++;
	}
	res->comfort = cat->comfort >= 0 && (a->present >> cat->comfort & 1)
		? (int)a->value[cat->comfort] : -1;
	low = res->readiness + unknown <= cat->ind_readiness ||
	      (res->comfort >= 0 && res->comfort <= cat->ind_comfort);
	high = res->readiness >= cat->group_readiness && res->comfort >= cat->group_comfort;
	res->advice = low ? ADVICE_INDIVIDUAL_FIRST : high ? ADVICE_GROUP : ADVICE_COMBINED;
}

/* Appends "'a', 'b'" naming the questions in mask to res->msgbuf. */
static void name_questions(struct gm_result *res, uint32_t mask)
{
	size_t len = strlen(res->msgbuf);
	int q, first = 1;

	for (q = 0; q < res->cat->nquestions && len + 4 < sizeof res->msgbuf; q++) {
		if (!(mask >> q & 1))
			continue;
		len += (size_t)snprintf(res->msgbuf + len, sizeof res->msgbuf - len, "%s'%s'",
					first ? "" : ", ", res->cat->questions[q].id);
		first = 0;
	}
}

/* Status review: its text (with the crisis resources) is the message. */
static void review(struct gm_result *res, int flags)
{
	const struct score_rule *r = res->scores.review;

	res->status = GM_RESULT_REVIEW;
	res->message = flags & GM_MATCH_STAFF ? r->message_staff : r->review ? r->review : r->message;
	if (res->safety_skipped && (flags & GM_MATCH_STAFF)) {
		snprintf(res->msgbuf, sizeof res->msgbuf, "%s; %s", r->message_staff,
			 res->cat->unscreened_staff);
		res->message = res->msgbuf;
	}
}

void gm_match(const gm_answers *a, int flags, gm_result *res)
{
	const struct gm_catalog *cat = a->cat;
	const struct engine_plan *plan = cat->plan;
	struct gm_answers with_defaults;
	struct gm_ranked cur[GM_MAX_GROUPS];
	int64_t key[GM_MAX_GROUPS];
	uint64_t matched[GM_MAX_GROUPS];
	/* score items are optional: never "missing" */
	uint32_t missing = 0, defaulted = 0, items = cat->scores ? cat->scores->items : 0;
	int i, k;

	res->cat = cat;
	res->status = GM_RESULT_OK;
	res->message = NULL;
	res->msgbuf[0] = '\0';
	res->nranked = 0;
	res->advice = -1;
	res->readiness = 0;
	res->comfort = -1;
	res->nmissing = 0;
	res->because = 0;
	res->changes_found = 0;
	res->nchanges = 0;
	res->slots = 0;
	/* A question with a default (structure: no preference) left
	 * unanswered takes it, as Enter does in ask: it is not missing.  The
	 * score items come after the main questions: only those can be missing. */
	for (i = 0; i < (items ? cat->scores->blocks[0].first : cat->nquestions); i++)
		if (!((a->present | a->invalid) >> i & 1)) {
			if (cat->questions[i].has_default && i != cat->safety) {
				defaulted |= 1u << i;
				continue;
			}
			res->missing[res->nmissing++] = i;
			missing |= 1u << i;
		}
	/* With a plan the defaults go into the slot word, and a copy of the
	 * answers with them is only made for what reads the answers again. */
	if (defaulted && (!plan || plan->trees || (flags & GM_MATCH_CHANGES) ||
			  (defaulted & cat->readiness) ||
			  (cat->comfort >= 0 && (defaulted >> cat->comfort & 1)))) {
		with_defaults = *a;
		for (i = 0; i < cat->nquestions; i++)
			if (defaulted >> i & 1) {
				with_defaults.value[i] = cat->questions[i].default_value;
				with_defaults.present |= 1u << i;
			}
		a = &with_defaults;
		defaulted = 0;
	}
	res->safety = cat->safety >= 0 ? a->safety : GM_SAFETY_MISSING;
	res->safety_skipped = cat->safety >= 0 && res->safety == GM_SAFETY_MISSING;
	res->scores.nblocks = 0;	/* nothing of the last record's screeners */
	res->scores.status = GM_RESULT_OK;
	res->scores.review = NULL;
	res->scores.advice = -1;
	res->scores.nreasons = 0;
	if (a->present & items)	/* only records with screener answers pay for them */
		scores_compute(cat, a, &res->scores);

	/* A positive screen wins over everything, invalid answers included:
	 * those are for the caller to report, not for the person to read. */
	if (gm_safety_positive(res->safety) || res->scores.status == GM_RESULT_URGENT) {
		res->status = GM_RESULT_URGENT;
		res->message = flags & GM_MATCH_STAFF ? cat->urgent_staff : cat->urgent;
		if ((flags & GM_MATCH_STAFF) && a->invalid) {	/* staff may want to know */
			snprintf(res->msgbuf, sizeof res->msgbuf, "%s (invalid answers to ", cat->urgent_staff);
			name_questions(res, a->invalid);
			strncat(res->msgbuf, ")", sizeof res->msgbuf - strlen(res->msgbuf) - 1);
			res->message = res->msgbuf;
		}
		return;
	}
	if (a->invalid && res->scores.status == GM_RESULT_REVIEW) {
		/* the review cannot wait for the answers to be put right */
		review(res, flags);
		return;
	}
	if (a->invalid) {
		int n = __builtin_popcount(a->invalid);

		res->status = GM_RESULT_INVALID;
		if (a->message[0]) {
			snprintf(res->msgbuf, sizeof res->msgbuf, "%s", a->message);
			if (n > 1) {
				size_t len = strlen(res->msgbuf);
				snprintf(res->msgbuf + len, sizeof res->msgbuf - len,
					 " (and %d more invalid answer%s)", n - 1, n > 2 ? "s" : "");
			}
		} else {
			snprintf(res->msgbuf, sizeof res->msgbuf, "invalid answer%s to ", n > 1 ? "s" : "");
			name_questions(res, a->invalid);
		}
		res->message = res->msgbuf;
		return;
	}
	if (flags & GM_MATCH_STRICT) {
		uint32_t required = 0;

		for (i = 0; i < cat->nquestions; i++)
			if (cat->questions[i].required)
				required |= 1u << i;
		if (missing & required) {
			res->status = GM_RESULT_INVALID;
			snprintf(res->msgbuf, sizeof res->msgbuf, "missing answer%s to ",
				 __builtin_popcount(missing & required) > 1 ? "s" : "");
			name_questions(res, missing & required);
			res->message = res->msgbuf;
			return;
		}
	}

	if (plan) {
		res->slots = plan_slots(plan, a, defaulted);
		plan_matched(plan, cat, res->slots, a, matched);
	}
	for (i = 0; i < cat->ngroups; i++) {
		if (plan)
			plan_score(cat, i, matched, &cur[i]);
		else
			score_group(cat, i, a, &cur[i]);
		/* by percent, then score, then catalogue order: every key differs */
		key[i] = ((int64_t)cur[i].percent << 40) + (int64_t)cur[i].score * 64 + (63 - i);
	}
	/* each group's place is the number of groups before it: no branches
	 * on the scores, which differ from record to record */
	for (i = 0; i < cat->ngroups; i++) {
		int place = 0;

		for (k = 0; k < cat->ngroups; k++)
			place += key[k] > key[i];
		res->ranked[place] = cur[i];
	}
	res->nranked = cat->ngroups;
	if (res->ranked[0].score <= 0) {
		/* no positive evidence for any group: never a ranking of zeros */
		res->nranked = 0;
		if (res->scores.status == GM_RESULT_REVIEW) {
			review(res, flags);	/* the review needs no ranking */
			return;
		}
		res->status = GM_RESULT_INVALID;
		snprintf(res->msgbuf, sizeof res->msgbuf, "not enough answers to suggest a group");
		res->message = res->msgbuf;
		return;
	}
	advise(cat, a, res);
	rules_modify_setting(a, res);
	if (res->scores.advice > res->advice)
		res->advice = res->scores.advice;
	if (flags & GM_MATCH_CHANGES)
		rules_find_changes(a, res);
	if (res->safety_skipped)
		res->message = flags & GM_MATCH_STAFF ? cat->unscreened_staff : cat->safety_skipped;
	if (res->scores.status == GM_RESULT_REVIEW)
		review(res, flags);
}

/* --- public accessors ------------------------------------------------- */

gm_result *gm_result_new(const gm_catalog *cat)
{
	gm_result *res;

	if (!cat)
		return NULL;
	res = malloc(sizeof *res);
	if (res)
		result_init(res, cat);
	return res;
}

void gm_result_free(gm_result *res)
{
	free(res);
}

gm_result_status gm_result_status_of(const gm_result *res) { return res->status; }

const char *gm_result_status_name(const gm_result *res)
{
	static const char *const names[] = { "ok", "urgent", "invalid", "review" };
	return names[res->status];
}

const char *gm_result_message(const gm_result *res) { return res->message; }
gm_safety gm_result_safety(const gm_result *res) { return res->safety; }
size_t gm_result_rank_count(const gm_result *res) { return (size_t)res->nranked; }

static const struct gm_ranked *ranked(const gm_result *res, size_t rank)
{
	return rank < (size_t)res->nranked ? &res->ranked[rank] : NULL;
}

const char *gm_result_group_id(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? res->cat->groups[r->group].id : NULL;
}

const char *gm_result_group_name(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? res->cat->groups[r->group].name : NULL;
}

int gm_result_score(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? r->score : -1;
}

int gm_result_max(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? res->cat->groups[r->group].max : -1;
}

int gm_result_percent(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? r->percent : -1;
}

size_t gm_result_reason_count(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? (size_t)r->nreasons : 0;
}

const struct gm_criterion *result_matched(const struct gm_result *res, const struct gm_ranked *r,
					 size_t i)
{
	const struct gm_group *g = &res->cat->groups[r->group];
	int k;

	for (k = 0; k < g->ncriteria; k++)
		if ((r->matched >> k & 1) && i-- == 0)
			return &g->criteria[k];
	return NULL;
}

const char *gm_result_reason(const gm_result *res, size_t rank, size_t i)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r && i < (size_t)r->nreasons ? result_matched(res, r, i)->reason : NULL;
}

size_t gm_result_caution_count(const gm_result *res, size_t rank)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r ? (size_t)r->ncautions : 0;
}

const char *gm_result_caution(const gm_result *res, size_t rank, size_t i)
{
	const struct gm_ranked *r = ranked(res, rank);
	return r && i < (size_t)r->ncautions ? result_matched(res, r, (size_t)r->nreasons + i)->reason : NULL;
}

const char *gm_result_setting(const gm_result *res)
{
	return res->advice >= 0 ? res->cat->advice[res->advice].id : NULL;
}

const char *gm_result_setting_text(const gm_result *res)
{
	return res->advice >= 0 ? res->cat->advice[res->advice].text : NULL;
}

int gm_result_readiness(const gm_result *res) { return res->readiness; }
int gm_result_readiness_max(const gm_result *res) { return res->cat->readiness_max; }
int gm_result_comfort(const gm_result *res) { return res->comfort; }
size_t gm_result_missing_count(const gm_result *res) { return (size_t)res->nmissing; }

const char *gm_result_missing(const gm_result *res, size_t i)
{
	return i < (size_t)res->nmissing ? res->cat->questions[res->missing[i]].id : NULL;
}

const char *gm_version(void)
{
	return GM_VERSION;
}

int cond_eval(const struct gm_cond *c, const struct gm_answers *a)
{
	return eval(c, a);
}
