/* transport.c - the placement's min-cost max-flow, by shortest paths over the classes only.
 *
 * The network is source -> person -> class -> sink, with one unit per
 * person and a class's seats on its sink arc.  Placing person i in class
 * j costs -(K * fit + (n - i)): with K above any sum of positions, the
 * cheapest flow of the largest value has the largest total fit, then the
 * earliest people.  Successive shortest paths grow the flow one person at
 * a time, which makes it a maximum flow of minimum cost.
 *
 * People far outnumber classes, so paths are found over the classes
 * alone.  A placed person k in class j is folded into an arc j -> j'
 * (k moves over) whose cost c(k,j') - c(k,j) = K * (fit[type j] -
 * fit[type j']) does not depend on k's position; an arc keeps only its
 * cheapest difference and how many members have it, and is recomputed
 * from the class's members only when the last of them has left.  Unplaced people enter through the best of them for
 * each class: per type, people sorted by fit and position, walked by a
 * pointer that only moves forward.  Each path is then Dijkstra's
 * algorithm on the classes with Johnson potentials, stopped at the sink.
 */
#include <stdlib.h>
#include <string.h>
#include "transport.h"

#define NONE INT64_MAX

struct tp {
	const struct tp_problem *p;
	int n, m, T;
	int64_t K;
	int *place;               /* person -> class, -1 */
	int *slot;                /* person -> index in its class's members */
	int **members;            /* class -> people placed there */
	long *nmembers;
	int **order;              /* type -> people by fit desc, position asc */
	int *norder;
	long *head;               /* class -> next candidate in order[type] */
	int *arcd;                /* m*m: cheapest fit difference j -> j' (INT32_MAX none) */
	int *arcn;                /* m*m: members of j that have it */
	int64_t *pot;             /* m + 1 (the sink last) */
	int64_t *label;
	int *pred;                /* -1: entered from the source */
	unsigned char *done;
};

static inline int eligible(const struct tp *s, int i, int j)
{
	return (int)(s->p->elig[(size_t)i * s->p->words + (size_t)j / 64] >> (j % 64) & 1);
}

static inline int fit(const struct tp *s, int i, int t)
{
	return s->p->fit[(size_t)i * s->T + t];
}

/* Counts member k of class j into every arc out of j. */
static void row_add(struct tp *s, int j, int k)
{
	const uint64_t *e = s->p->elig + (size_t)k * s->p->words;
	int tj = s->p->class_type[j], fj = fit(s, k, tj);

	for (int w = 0; w < s->p->words; w++) {
		uint64_t bits = e[w];

		while (bits) {
			int x = w * 64 + __builtin_ctzll(bits);
			size_t at = (size_t)j * s->m + x;
			int d = fj - fit(s, k, s->p->class_type[x]);

			bits &= bits - 1;
			if (x == j || d > s->arcd[at])
				continue;
			if (d < s->arcd[at]) {
				s->arcd[at] = d;
				s->arcn[at] = 0;
			}
			s->arcn[at]++;
		}
	}
}

/* Takes member k of class j out of the arcs out of j.  An arc that loses
 * its last cheapest member keeps its old difference with a count of 0
 * (stale): a lower bound, recomputed when the arc is next needed. */
static void row_remove(struct tp *s, int j, int k)
{
	const uint64_t *e = s->p->elig + (size_t)k * s->p->words;
	int tj = s->p->class_type[j], fj = fit(s, k, tj);

	for (int w = 0; w < s->p->words; w++) {
		uint64_t bits = e[w];

		while (bits) {
			int x = w * 64 + __builtin_ctzll(bits);
			size_t at = (size_t)j * s->m + x;

			bits &= bits - 1;
			if (x != j && s->arcn[at] > 0 && fj - fit(s, k, s->p->class_type[x]) == s->arcd[at])
				s->arcn[at]--;
		}
	}
}

/* Recomputes the stale arc j -> x from the members of j. */
static void arc_recompute(struct tp *s, int j, int x)
{
	size_t at = (size_t)j * s->m + x;
	int tj = s->p->class_type[j], tx = s->p->class_type[x];

	s->arcd[at] = INT32_MAX;
	s->arcn[at] = 0;
	for (long q = 0; q < s->nmembers[j]; q++) {
		int k = s->members[j][q], d;

		if (!eligible(s, k, x))
			continue;
		d = fit(s, k, tj) - fit(s, k, tx);
		if (d < s->arcd[at]) {
			s->arcd[at] = d;
			s->arcn[at] = 0;
		}
		s->arcn[at] += d == s->arcd[at];
	}
}

static void member_add(struct tp *s, int j, int k)
{
	s->place[k] = j;
	s->slot[k] = (int)s->nmembers[j];
	s->members[j][s->nmembers[j]++] = k;
	row_add(s, j, k);
}

static void member_remove(struct tp *s, int j, int k)
{
	int last = s->members[j][--s->nmembers[j]];

	s->members[j][s->slot[k]] = last;
	s->slot[last] = s->slot[k];
	s->place[k] = -1;
	row_remove(s, j, k);
}

/* A member of class j that moves to class x at the arc's cost. */
static int mover(const struct tp *s, int j, int x)
{
	int d = s->arcd[(size_t)j * s->m + x], tj = s->p->class_type[j], tx = s->p->class_type[x];

	for (long q = 0; q < s->nmembers[j]; q++) {
		int k = s->members[j][q];

		if (eligible(s, k, x) && fit(s, k, tj) - fit(s, k, tx) == d)
			return k;
	}
	return -1;	/* not reached: the arc's count says there is one */
}

/* The best unplaced person who may join class j, or -1. */
static int head_of(struct tp *s, int j)
{
	int t = s->p->class_type[j];
	const int *ord = s->order[t];

	while (s->head[j] < s->norder[t]) {
		int i = ord[s->head[j]];

		if (s->place[i] < 0 && eligible(s, i, j))
			return i;
		s->head[j]++;
	}
	return -1;
}

static inline int64_t cost(const struct tp *s, int i, int j)
{
	return -(s->K * fit(s, i, s->p->class_type[j]) + (int64_t)(s->n - i));
}

/* One shortest path from the source to the sink, and the flow along it;
 * returns 0 when there is none. */
static int augment(struct tp *s)
{
	int m = s->m, sink = m;
	int64_t lt;

	for (int j = 0; j < m; j++) {
		int i = head_of(s, j);

		s->label[j] = i < 0 ? NONE : cost(s, i, j) - s->pot[j];
		s->pred[j] = -1;
		s->done[j] = 0;
	}
	s->label[sink] = NONE;
	for (;;) {
		int64_t best = NONE;
		int u = -1;

		for (int j = 0; j < m; j++)
			if (!s->done[j] && s->label[j] < best) {
				best = s->label[j];
				u = j;
			}
		if (u < 0 || s->label[sink] <= best)
			break;
		s->done[u] = 1;
		if (s->nmembers[u] < s->p->class_cap[u]) {
			int64_t l = best + s->pot[u] - s->pot[sink];

			if (l < s->label[sink]) {
				s->label[sink] = l;
				s->pred[sink] = u;
			}
		}
		for (int x = 0; x < m; x++) {
			size_t at = (size_t)u * m + x;
			int64_t l;
			int d;

			if (s->arcd[at] == INT32_MAX || s->done[x])
				continue;
			if (s->arcn[at] == 0) {
				arc_recompute(s, u, x);
				if (s->arcd[at] == INT32_MAX)
					continue;
			}
			d = s->arcd[at];
			l = best + s->K * d + s->pot[u] - s->pot[x];
			if (l < s->label[x]) {
				s->label[x] = l;
				s->pred[x] = u;
			}
		}
	}
	lt = s->label[sink];
	if (lt == NONE)
		return 0;
	for (int v = 0; v <= m; v++)
		s->pot[v] += s->label[v] < lt ? s->label[v] : lt;
	/* Walk back from the sink: each class takes over one person from
	 * the class before it, and the first takes its best newcomer. */
	for (int j = s->pred[sink];;) {
		int from = s->pred[j];

		if (from < 0) {
			member_add(s, j, head_of(s, j));
			break;
		}
		int k = mover(s, from, j);

		member_remove(s, from, k);
		member_add(s, j, k);
		j = from;
	}
	return 1;
}

/* Whether person i may join some class of type t (tmask: its classes). */
static int eligible_type(const struct tp *s, int i, const uint64_t *tmask)
{
	const uint64_t *e = s->p->elig + (size_t)i * s->p->words;

	for (int w = 0; w < s->p->words; w++)
		if (e[w] & tmask[w])
			return 1;
	return 0;
}

/* People by fit for type t, best first, earlier first among equals;
 * only those who may join some class of type t. */
static int sort_type(struct tp *s, int t)
{
	long count[102] = { 0 };
	int n = s->n, len = 0;
	int *ord = NULL;
	uint64_t *tmask = calloc((size_t)s->p->words, sizeof *tmask);

	if (!tmask)
		return -1;
	for (int j = 0; j < s->m; j++)
		if (s->p->class_type[j] == t)
			tmask[j / 64] |= (uint64_t)1 << (j % 64);
	for (int i = 0; i < n; i++)
		if (eligible_type(s, i, tmask))
			count[100 - fit(s, i, t) + 1]++, len++;
	ord = malloc((size_t)(len ? len : 1) * sizeof *ord);
	if (!ord) {
		free(tmask);
		return -1;
	}
	for (int f = 1; f < 102; f++)
		count[f] += count[f - 1];
	for (int i = 0; i < n; i++)
		if (eligible_type(s, i, tmask))
			ord[count[100 - fit(s, i, t)]++] = i;
	free(tmask);
	s->order[t] = ord;
	s->norder[t] = len;
	return 0;
}

static void tp_release(struct tp *s)
{
	for (int j = 0; s->members && j < s->m; j++)
		free(s->members[j]);
	for (int t = 0; s->order && t < s->T; t++)
		free(s->order[t]);
	free(s->members);
	free(s->nmembers);
	free(s->order);
	free(s->norder);
	free(s->head);
	free(s->arcd);
	free(s->arcn);
	free(s->pot);
	free(s->label);
	free(s->pred);
	free(s->done);
	free(s->slot);
}

int tp_solve(const struct tp_problem *p, int *placed)
{
	struct tp s;
	int rc = -1;

	memset(&s, 0, sizeof s);
	s.p = p;
	s.n = p->npeople;
	s.m = p->nclasses;
	s.T = p->ntypes;
	s.place = placed;
	for (int i = 0; i < s.n; i++)
		placed[i] = -1;
	if (s.n > TP_MAX_PEOPLE || s.n < 0 || s.m < 0)
		return -1;
	if (s.n == 0 || s.m == 0)
		return 0;
	s.K = (int64_t)s.n * s.n + 1;
	s.members = calloc((size_t)s.m, sizeof *s.members);
	s.nmembers = calloc((size_t)s.m, sizeof *s.nmembers);
	s.order = calloc((size_t)s.T, sizeof *s.order);
	s.norder = calloc((size_t)s.T, sizeof *s.norder);
	s.head = calloc((size_t)s.m, sizeof *s.head);
	s.arcd = malloc((size_t)s.m * s.m * sizeof *s.arcd);
	s.arcn = malloc((size_t)s.m * s.m * sizeof *s.arcn);
	s.pot = calloc((size_t)s.m + 1, sizeof *s.pot);
	s.label = malloc(((size_t)s.m + 1) * sizeof *s.label);
	s.pred = malloc(((size_t)s.m + 1) * sizeof *s.pred);
	s.done = malloc((size_t)s.m + 1);
	s.slot = malloc((size_t)s.n * sizeof *s.slot);
	if (!s.members || !s.nmembers || !s.order || !s.norder || !s.head || !s.arcd || !s.arcn
	    || !s.pot || !s.label || !s.pred || !s.done || !s.slot)
		goto done;
	for (int j = 0; j < s.m; j++) {
		long cap = p->class_cap[j] < s.n ? p->class_cap[j] : s.n;

		s.members[j] = malloc((size_t)(cap > 0 ? cap : 1) * sizeof **s.members);
		if (!s.members[j])
			goto done;
		for (int x = 0; x < s.m; x++)
			s.arcd[(size_t)j * s.m + x] = INT32_MAX;
	}
	for (int t = 0; t < s.T; t++)
		if (sort_type(&s, t))
			goto done;
	while (augment(&s))
		;
	rc = 0;
done:
	if (rc)
		for (int i = 0; i < s.n; i++)
			placed[i] = -1;
	tp_release(&s);
	return rc;
}
