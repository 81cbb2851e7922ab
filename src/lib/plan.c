/* plan.c - the criteria and setting modifiers compiled to bit tests, once per catalogue.
 *
 * At load, engine_compile turns every criterion and setting modifier
 * into a plan of bit tests.  Each distinct leaf test of the catalogue,
 * with its polarity, is a "slot": one bit of a 64-bit word that is 1 when
 * its question is answered and the test holds (or, for a negated slot,
 * fails).  A condition becomes a disjunction of terms, each a mask of
 * slots that must all be set; under Kleene logic that is exactly "the
 * condition is true" (a NOT swaps the polarity of the slots below it).
 * Per record gm_match then does table lookups only: the slots of each
 * question by the nibbles of its option set (or by its value), the
 * criteria of a single slot by the nibbles of the slot word (into
 * matched words: group g's criterion i is one bit), the other criteria
 * by one AND and compare, and each group's score, reasons and cautions
 * by the nibbles of its matched bits.  Catalogues too big for one word
 * (over 63 slots) keep no plan and take engine.c's tree walk, which stays
 * the reference: check_engine compares the two on random catalogues.
 */
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "engine.h"
#include "cond.h"
#include "plan.h"

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
	uint32_t main_qs;                     /* the questions that can be missing (not score items) */
	uint32_t defaults;                    /* those of them that take a default instead */
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
	n = cat->scores && cat->scores->items ? cat->scores->blocks[0].first : cat->nquestions;
	p->main_qs = n >= 32 ? ~(uint32_t)0 : ((uint32_t)1 << n) - 1;
	for (k = 0; k < n; k++)
		if (cat->questions[k].has_default && k != cat->safety)
			p->defaults |= (uint32_t)1 << k;
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
uint64_t plan_slots(const struct engine_plan *p, const struct gm_answers *a, uint32_t defaulted)
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
void plan_matched(const struct engine_plan *p, const struct gm_catalog *cat, uint64_t x,
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
			    (e->tree ? cond_eval(e->tree, a) == 1 : (x & e->term) == e->term))
				matched[pg->word] |= bit;
		}
	}
}

/* Scores group g from the matched words. */
void plan_score(const struct gm_catalog *cat, int g, const uint64_t *matched,
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

uint32_t plan_modifiers(const struct gm_result *res, const struct gm_answers *a)
{
	const struct gm_catalog *cat = res->cat;
	const struct engine_plan *p = cat->plan;
	uint32_t holds = 0;

	for (int m = 0; m < cat->nmodifiers; m++) {
		const struct plan_cond *c = p ? &p->mods[m] : NULL;
		int h = 0;

		if (!c)
			h = cond_holds(&cat->modifiers[m].crit, a);
		else if (c->nterms < 0)
			h = cond_eval(&cat->modifiers[m].crit.when, a) == 1;
		else
			for (int i = 0; i < c->nterms; i++)
				h |= (res->slots & c->terms[i]) == c->terms[i];
		holds |= (uint32_t)h << m;
	}
	return holds;
}

int plan_has_trees(const struct engine_plan *p)
{
	return p->trees;
}

void plan_questions(const struct engine_plan *p, uint32_t *main_qs, uint32_t *defaults)
{
	*main_qs = p->main_qs;
	*defaults = p->defaults;
}
