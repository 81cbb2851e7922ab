/* writer_bound.c - gm_writer_bound: the most bytes one result can take in each format, worked out once per writer. */
#include <string.h>
#include "scores.h"
#include "text.h"
#include "writer.h"

/* Length of s as a JSON string, quotes included. */
static size_t jlen(struct buf *tmp, const char *s)
{
	size_t n;

	if (!s)
		return 4;
	buf_reset(tmp);
	buf_add_json_string(tmp, s, strlen(s));
	n = tmp->len;
	buf_reset(tmp);
	return n;
}

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t max2(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* The longest message a result of cat can carry. */
static size_t message_max(const struct gm_catalog *cat)
{
	size_t m = sizeof ((struct gm_result *)0)->msgbuf - 1;
	int i, k;

	m = max2(m, slen(cat->urgent));
	m = max2(m, slen(cat->urgent_staff));
	m = max2(m, slen(cat->unscreened_staff));
	m = max2(m, slen(cat->safety_skipped));
	for (i = 0; cat->scores && i < cat->scores->nblocks; i++)
		for (k = 0; k < cat->scores->blocks[i].nrules; k++) {
			const struct score_rule *r = &cat->scores->blocks[i].rules[k];

			m = max2(m, slen(r->message));
			m = max2(m, slen(r->message_staff));
			m = max2(m, slen(r->review));
		}
	return m;
}

/* --- bounds ------------------------------------------------------------ */

#define LIT(s) (sizeof(s) - 1)
#define INT_CHARS 20           /* a long in decimal, sign included */

/* The compact object, less 6 bytes per byte of id and cell and 4 per
 * field; *elements counts its values (for the pretty form). */
static size_t json_fixed(const gm_writer *w, struct buf *tmp, size_t msgmax, size_t *elements)
{
	const struct gm_catalog *cat = w->cat;
	const struct gm_scores *sc = cat->scores;
	size_t n, e = 24, most, change = 0, qid = 0, gid = 0;
	int i, k;

	n = LIT("{\"id\":,\"status\":\"invalid\",\"safety\":\"missing\",\"ranking\":[],\"setting\":"
		",\"changes\":,\"scores\":,\"missing\":[],\"message\":}") + w->catalog_json.len;
	for (i = 0; i < cat->ngroups; i++) {
		const struct wgroup *wg = &w->groups[i];

		n += 1 + LIT("{\"rank\":") + 3 * INT_CHARS + wg->head.len + wg->max.len
			+ LIT(",\"fit\":\"possible\",\"near_tie\":false,\"reasons\":[],\"cautions\":[]}");
		for (k = 0; k < cat->groups[i].ncriteria; k++)
			n += wg->crit[k].len + 1;
		e += 12 + (size_t)cat->groups[i].ncriteria;
		gid = max2(gid, jlen(tmp, cat->groups[i].id));
	}
	most = 4;
	for (i = 0; i < ADVICE_COUNT; i++) {
		size_t a = w->advice_head[i].len + w->advice_tail[i].len + 3 * INT_CHARS
			+ LIT(",\"readiness_max\":,\"comfort\":,\"because\":[]}");

		for (k = 0; k < cat->nmodifiers; k++)
			a += w->modifier[k].len + 1;
		for (int b = 0; sc && b < sc->nblocks; b++)
			for (k = 0; k < sc->blocks[b].nrules; k++)
				a += 6 * slen(sc->blocks[b].rules[k].reason) + 3;
		most = max2(most, a);
	}
	n += most;
	e += 8 + (size_t)cat->nmodifiers + (sc ? (size_t)sc->nblocks * GM_MAX_SCORE_RULES : 0);
	/* changes: each a question, its new answer and the group then first */
	for (i = 0; i < cat->nquestions; i++) {
		const struct gm_question *q = &cat->questions[i];
		size_t to = INT_CHARS;

		qid = max2(qid, jlen(tmp, q->id));
		if (q->kind == Q_MULTI || q->kind == Q_SINGLE) {
			size_t all = 2;

			for (k = 0; k < q->noptions; k++) {
				size_t o = jlen(tmp, q->options[k].id);

				all += o + 1;
				to = max2(to, o);
			}
			to = max2(to, all);
		}
		change = max2(change, to);
		e += 1;
	}
	n += max2(4, 2 + GM_MAX_CHANGES * (LIT(",{\"question\":,\"to\":,\"first\":}") + qid + change
					     + gid));
	e += GM_MAX_CHANGES * (5 + GM_MAX_OPTIONS);
	/* scores */
	n += 2;
	for (i = 0; sc && i < sc->nblocks; i++) {
		const struct score_block *b = &sc->blocks[i];
		size_t band = 4;

		for (k = 0; k < b->nbands; k++)
			band = max2(band, max2(jlen(tmp, b->bands[k].id), jlen(tmp, b->bands[k].label)));
		n += 1 + jlen(tmp, b->id) + band + 3 * INT_CHARS
			+ LIT(":{\"total\":,\"band\":,\"answered\":,\"items\":,\"prorated\":false,\"rules\":[]}");
		for (k = 0; k < b->nrules; k++)
			n += LIT(",{\"id\":,\"reason\":}") + jlen(tmp, b->rules[k].id)
				+ jlen(tmp, b->rules[k].reason);
		e += 10 + 4 * (size_t)b->nrules;
	}
	for (i = 0; i < cat->nquestions; i++)
		n += cat->questions[i].id_len + 3;
	n += max2(4, 6 * msgmax + 2);
	if (w->ncolumns) {
		n += LIT(",\"columns\":{}");
		for (size_t c = 0; c < w->ncolumns; c++)
			n += jlen(tmp, w->colname[c]) + 2;
		e += 2 + w->ncolumns;
	}
	*elements = e;
	return n;
}

/* The text report, less 6 bytes per byte of id and 6 for its line. */
static size_t text_fixed(const gm_writer *w, size_t msgmax)
{
	const struct gm_catalog *cat = w->cat;
	const struct gm_scores *sc = cat->scores;
	size_t n = 64, name = 0, most = 0, qtext = 0, label = 0, phrase = 0, gname = 0, ids = 0;
	int i, k;

	n += 16 + 4 * msgmax;                   /* urgent or review message */
	n += 20 + 21 * msgmax;                  /* invalid: its message at indent 19 */
	n += 2 * (16 + 2 * slen(cat->reminder));
	n += 16 + 8 * slen(cat->safety_skipped);
	n += 48 + 2 * 320 + 2;                  /* heading, near ties */
	n += 2 + 2 * LIT("Percentages show how much of what each group looks for is in your "
			 "answers, not how likely a group is to help.");
	for (i = 0; i < cat->ngroups; i++)
		name = max2(name, slen(cat->groups[i].name));
	for (i = 0; i < cat->ngroups; i++) {
		const struct gm_group *g = &cat->groups[i];

		n += INT_CHARS + 4 + slen(g->name) + 8 + max2(name + 2, 5) + 9 + 20 * 3 + 16;
		for (k = 0; k < g->ncriteria; k++)
			n += 24 + 9 * slen(g->criteria[k].reason);
		n += 24 + 7 * LIT("(nothing in your answers points to this group)");
		gname = max2(gname, slen(g->name));
	}
	for (i = 0; i < ADVICE_COUNT; i++)
		most = max2(most, 24 + 11 * slen(cat->advice[i].label) + 4 * slen(cat->advice[i].text));
	n += most;
	for (i = 0; i < cat->nmodifiers; i++)
		n += 8 + 7 * slen(cat->modifiers[i].crit.reason);
	for (i = 0; sc && i < sc->nblocks; i++)
		for (k = 0; k < sc->blocks[i].nrules; k++)
			n += 8 + 7 * slen(sc->blocks[i].rules[k].reason);
	for (i = 0; i < cat->nquestions; i++) {
		const struct gm_question *q = &cat->questions[i];

		qtext = max2(qtext, slen(q->text));
		for (k = 0; k < q->noptions; k++) {
			label = max2(label, q->options[k].label_len);
			if (q->change_option)
				phrase = max2(phrase, slen(q->change_option[k]));
		}
		phrase = max2(phrase, max2(slen(q->change_yes), slen(q->change_no)));
		phrase = max2(phrase, max2(slen(q->change_add), slen(q->change_remove)));
		phrase = max2(phrase, slen(q->change_to));
		ids += q->id_len + 2;
	}
	/* what would change the first place: two sentences, or the none line */
	n += 64 + 2 * (8 + 4 * (96 + qtext + 2 * label + phrase + INT_CHARS + gname)) + 4 * 80;
	n += 8 + 4 * (40 + ids);                /* not answered */
	n += 16 + 4 * (24 + slen(cat->name) + slen(cat->version) + 64);
	return n;
}

void writer_set_bound(gm_writer *w, struct buf *tmp)
{
	size_t msgmax = message_max(w->cat), elements, n;

	switch (w->format) {
	case GM_FORMAT_JSON:
	case GM_FORMAT_JSON_PRETTY:
		n = json_fixed(w, tmp, msgmax, &elements);
		if (w->format == GM_FORMAT_JSON_PRETTY)
			n += 16 * elements + 1;	/* newline, indent, ": " */
		w->fixed = n + w->json_mid;	/* json_compact reserves it ahead */
		w->per_byte = 6;
		w->per_field = 4;
		break;
	case GM_FORMAT_CSV:
		w->fixed = w->csv_mid + w->ncolumns + max2(TEXT_CSV_ROOM(msgmax),
			max2(w->urgent_csv.len, w->unscreened_csv.len)) + 1;
		w->per_byte = 2;	/* TEXT_CSV_ROOM: 2 a byte and 3 a cell */
		w->per_field = 3;
		break;
	case GM_FORMAT_TEXT:
		w->fixed = text_fixed(w, msgmax);
		w->per_byte = 6;
		w->per_field = 6;
		break;
	}
}
