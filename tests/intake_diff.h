/* intake_diff.h - the differential check of intake decoding: memoised, fresh and the plain parser must give the same answers. */
#ifndef GM_INTAKE_DIFF_H
#define GM_INTAKE_DIFF_H

#include <stdio.h>
#include <string.h>
#include "answers.h"
#include "catalog.h"
#include "groupmatch.h"

/* Whether two sets of answers say the same; NULL when they do, else
 * what differs. */
static inline const char *intake_diff_answers(const struct gm_answers *a, const struct gm_answers *b)
{
	if (a->present != b->present)
		return "present bits differ";
	if (a->invalid != b->invalid)
		return "invalid bits differ";
	if (a->safety != b->safety)
		return "safety differs";
	if (a->ledger.unclear != b->ledger.unclear)
		return "unclear safety readings differ";
	for (int q = 0; q < a->cat->nquestions; q++)
		if ((a->present >> q & 1) && a->value[q] != b->value[q])
			return "a value differs";
	if (strcmp(a->message, b->message))
		return "messages differ";
	return NULL;
}

/* The question a header field names itself (no map), or -1. */
static inline int intake_diff_named(const struct gm_catalog *cat, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3, len -= 3;
	return catalog_find_question(cat, s, len);
}

/* Decodes one record (n fields from line) with warm, an intake that has
 * seen earlier records and so answers from its memo, and with a fresh
 * intake of the same header (hf, hl, hn; map as warm's), into a and b;
 * then, with no map, reads each answer cell of a whole record with the
 * plain parser alone.  Returns NULL when all agree, else what differs. */
static inline const char *intake_diff_record(const struct gm_catalog *cat, gm_intake *warm,
					     const char *const *hf, const size_t *hl, size_t hn,
					     const gm_colmap *map, const char *const *f, const size_t *l,
					     size_t n, unsigned long line, struct gm_answers *a,
					     struct gm_answers *b)
{
	gm_intake *cold = gm_intake_new(cat, hf, hl, hn, map, NULL, NULL);
	const char *id1, *id2, *why;
	size_t len1, len2;
	gm_status s1, s2;

	if (!cold)
		return "a second intake of the same header failed";
	s1 = gm_intake_decode(warm, f, l, n, line, a, &id1, &len1, NULL);
	s2 = gm_intake_decode(cold, f, l, n, line, b, &id2, &len2, NULL);
	gm_intake_free(cold);
	if (s1 != s2 || len1 != len2 || id1 != id2)
		return "the status or id differs";
	if ((why = intake_diff_answers(a, b)))
		return why;
	if (map || s1 != GM_OK)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int q = gm_intake_column_question(warm, i);
		gm_error e;

		if (q < 0 || intake_diff_named(cat, hf[i], hl[i]) != q)
			continue;	/* not an answer column, or a checkbox */
		if (q == cat->safety) {
			if (a->safety != gm_safety_decide(f[i], l[i]))
				return "the safety answer differs from the one decision";
			continue;
		}
		gm_answers_clear(b);
		if (l[i] && answers_set_text(b, q, f[i], l[i], &e) != GM_OK) {
			/* a safety item's unreadable cell is an unclear reading */
			if (!(a->invalid >> q & 1) && !(a->ledger.unclear >> q & 1))
				return "the parser refused a cell the memo accepted";
			continue;
		}
		if ((a->present >> q & 1) != (b->present >> q & 1) || (a->invalid >> q & 1))
			return "the memo and the parser disagree on an answer";
		if ((a->present >> q & 1) && a->value[q] != b->value[q])
			return "the memo and the parser give different values";
	}
	return NULL;
}

#endif
