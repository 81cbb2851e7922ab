/* tally.c - what a run over many results counts, and every person to follow up, for the summaries. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"
#include "engine.h"
#include "scores.h"

_Static_assert(GM_SETTINGS_MAX == ADVICE_COUNT, "the public count is the catalogue's");
_Static_assert(GM_SCORE_BLOCKS_MAX == GM_MAX_SCORE_BLOCKS && GM_BANDS_MAX == GM_MAX_BANDS,
	       "the public limits are the score blocks'");

#define CELLS_MAX 16
#define ELLIPSIS "\xE2\x80\xA6"

/* One person on a list: the record's line, and where its strings start
 * in the list's text: the id, the note, then each kept cell, each as two
 * length bytes (little-endian), the bytes and a NUL. */
struct entry {
	unsigned long line;
	size_t at;
};

struct list {
	unsigned long count;       /* people on the list */
	struct entry *e;           /* of them, those kept */
	size_t n, cap;
	char *text;
	size_t len, size;
};

struct gm_tally {
	const struct gm_catalog *cat;
	int counts_only;           /* GM_TALLY_COUNTS_ONLY */
	size_t ncells;
	char *names[CELLS_MAX];
	unsigned long records;
	unsigned long status[4];   /* by gm_result_status */
	unsigned long first[GM_MAX_GROUPS], top2[GM_MAX_GROUPS], setting[ADVICE_COUNT];
	unsigned long scored[GM_MAX_SCORE_BLOCKS], band[GM_MAX_SCORE_BLOCKS][GM_MAX_BANDS];
	struct list lists[GM_LIST_COUNT];
};

/* --- the catalogue's indices, for a front end's own tally --------------- */

size_t gm_catalog_setting_count(const gm_catalog *cat)
{
	return cat ? ADVICE_COUNT : 0;
}

const char *gm_catalog_setting_id(const gm_catalog *cat, size_t i)
{
	return cat && i < ADVICE_COUNT ? cat->advice[i].id : NULL;
}

const char *gm_catalog_setting_label(const gm_catalog *cat, size_t i)
{
	return cat && i < ADVICE_COUNT ? cat->advice[i].label : NULL;
}

int gm_result_group_index(const gm_result *res, size_t rank)
{
	return res && rank < (size_t)res->nranked ? res->ranked[rank].group : -1;
}

int gm_result_setting_index(const gm_result *res)
{
	return res ? res->advice : -1;
}

int gm_result_score_band_index(const gm_result *res, size_t block)
{
	if (!res || block >= (size_t)res->scores.nblocks)
		return -1;
	return res->scores.out[block].band;
}

/* --- the tally ----------------------------------------------------------- */

gm_tally *gm_tally_new(const gm_catalog *cat, int flags, size_t ncells, const char *const *names)
{
	gm_tally *t;

	if (!cat || ncells > CELLS_MAX || (ncells && !names))
		return NULL;
	if (!(t = calloc(1, sizeof *t)))
		return NULL;
	t->cat = cat;
	t->counts_only = (flags & GM_TALLY_COUNTS_ONLY) != 0;
	for (size_t k = 0; k < ncells; k++) {
		const char *name = names[k] ? names[k] : "";

		if (!(t->names[k] = malloc(strlen(name) + 1))) {
			gm_tally_free(t);
			return NULL;
		}
		memcpy(t->names[k], name, strlen(name) + 1);
	}
	t->ncells = ncells;
	return t;
}

void gm_tally_free(gm_tally *t)
{
	if (!t)
		return;
	for (size_t k = 0; k < CELLS_MAX; k++)
		free(t->names[k]);
	for (int l = 0; l < GM_LIST_COUNT; l++) {
		free(t->lists[l].e);
		free(t->lists[l].text);
	}
	free(t);
}

/* How many of s's len bytes to keep within max bytes with room for the
 * ellipsis: all when they fit, else up to a character boundary (a byte
 * that does not continue a UTF-8 sequence). */
static size_t cut_at(const char *s, size_t len, size_t max)
{
	size_t n;

	if (len <= max)
		return len;
	n = max - (sizeof ELLIPSIS - 1);
	for (int back = 0; back < 3 && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; back++)
		n--;
	return n;
}

/* Appends s (len bytes) to l's text, cut to max bytes; 0, or -1 when out
 * of memory. */
static int put_text(struct list *l, const char *s, size_t len, size_t max)
{
	size_t keep = cut_at(s, len, max), total = keep + (keep < len ? sizeof ELLIPSIS - 1 : 0);

	if (l->len + total + 3 > l->size) {
		size_t size = l->size ? l->size : 256;
		char *p;

		while (size < l->len + total + 3)
			size *= 2;
		if (!(p = realloc(l->text, size)))
			return -1;
		l->text = p;
		l->size = size;
	}
	l->text[l->len++] = (char)(total & 0xFF);
	l->text[l->len++] = (char)(total >> 8);
	if (keep)
		memcpy(l->text + l->len, s, keep);
	l->len += keep;
	if (keep < len) {
		memcpy(l->text + l->len, ELLIPSIS, sizeof ELLIPSIS - 1);
		l->len += sizeof ELLIPSIS - 1;
	}
	l->text[l->len++] = '\0';
	return 0;
}

/* Puts the record on list l with its note; 0, or -1 when out of memory
 * (then the list is as it was). */
static int enlist(gm_tally *t, gm_tally_list which, const char *id, size_t idlen,
		  unsigned long line, const char *note, const char *const *cells, const size_t *lens)
{
	struct list *l = &t->lists[which];
	size_t at = l->len;
	char tmp[32];

	l->count++;
	if (t->counts_only)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct entry *e = realloc(l->e, cap * sizeof *e);

		if (!e)
			return -1;
		l->e = e;
		l->cap = cap;
	}
	if (!id || !idlen) {
		idlen = (size_t)snprintf(tmp, sizeof tmp, "line %lu", line);
		id = tmp;
	}
	if (put_text(l, id, idlen, GM_TALLY_CUT) ||
	    put_text(l, note ? note : "", note ? strlen(note) : 0, GM_TALLY_NOTE_CUT))
		goto undo;
	for (size_t k = 0; k < t->ncells; k++) {
		const char *c = cells ? cells[k] : NULL;

		if (put_text(l, c ? c : "", c ? lens[k] : 0, GM_TALLY_CUT))
			goto undo;
	}
	l->e[l->n++] = (struct entry){ line, at };
	return 0;
undo:
	l->len = at;
	return -1;
}

/* "PHQ-9: 7 of 9 items answered" for each screener that some but not all
 * items of were answered, joined by "; "; "" when none. */
static void incomplete_note(const gm_result *res, char *out, size_t size)
{
	const gm_catalog *cat = res->cat;
	size_t o = 0;

	out[0] = '\0';
	for (size_t b = 0; b < gm_catalog_score_block_count(cat); b++) {
		size_t answered = gm_result_score_answered(res, b), items = gm_catalog_score_block_items(cat, b);
		int n;

		if (!answered || answered >= items || o >= size)
			continue;
		n = snprintf(out + o, size - o, "%s%s: %zu of %zu items answered", o ? "; " : "",
			     gm_catalog_score_block_name(cat, b), answered, items);
		if (n > 0)
			o += (size_t)n;
	}
}

gm_status gm_tally_add(gm_tally *t, const gm_result *res, const char *id, size_t idlen,
		       unsigned long line, const char *const *cells, const size_t *lens)
{
	gm_result_status status;
	gm_safety safety;
	char incomplete[GM_TALLY_NOTE_CUT + 1];
	int lost = 0, g;

	if (!t || !res || res->cat != t->cat)
		return GM_ERR_ARG;
	status = gm_result_status_of(res);
	safety = gm_result_safety(res);
	t->records++;
	if ((unsigned)status < 4)
		t->status[status]++;
	switch (status) {
	case GM_RESULT_OK:
		if ((g = gm_result_group_index(res, 0)) >= 0)
			t->first[g]++;
		for (size_t k = 0; k < 2 && (g = gm_result_group_index(res, k)) >= 0 &&
		     gm_result_score(res, k) > 0; k++)
			t->top2[g]++;
		if ((g = gm_result_setting_index(res)) >= 0 && g < ADVICE_COUNT)
			t->setting[g]++;
		break;
	case GM_RESULT_URGENT:
		lost |= enlist(t, GM_LIST_URGENT, id, idlen, line, gm_result_message(res), cells, lens);
		if (safety == GM_SAFETY_UNCLEAR)
			lost |= enlist(t, GM_LIST_UNCLEAR, id, idlen, line, NULL, cells, lens);
		break;
	case GM_RESULT_REVIEW:
		lost |= enlist(t, GM_LIST_REVIEW, id, idlen, line, gm_result_message(res), cells, lens);
		break;
	case GM_RESULT_INVALID:
		lost |= enlist(t, GM_LIST_INVALID, id, idlen, line, gm_result_message(res), cells, lens);
		break;
	}
	if (safety == GM_SAFETY_MISSING && status != GM_RESULT_INVALID)
		lost |= enlist(t, GM_LIST_NOT_SCREENED, id, idlen, line, NULL, cells, lens);
	incomplete_note(res, incomplete, sizeof incomplete);
	if (incomplete[0])
		lost |= enlist(t, GM_LIST_INCOMPLETE, id, idlen, line, incomplete, cells, lens);
	for (size_t b = 0; b < gm_catalog_score_block_count(t->cat) && b < GM_MAX_SCORE_BLOCKS; b++)
		if ((g = gm_result_score_band_index(res, b)) >= 0 && g < GM_MAX_BANDS) {
			t->scored[b]++;
			t->band[b][g]++;
		}
	return lost ? GM_ERR_NOMEM : GM_OK;
}

/* --- what it counted ----------------------------------------------------- */

const gm_catalog *gm_tally_catalog(const gm_tally *t)
{
	return t ? t->cat : NULL;
}

unsigned long gm_tally_records(const gm_tally *t)
{
	return t ? t->records : 0;
}

unsigned long gm_tally_status_count(const gm_tally *t, gm_result_status status)
{
	return t && (unsigned)status < 4 ? t->status[status] : 0;
}

unsigned long gm_tally_first(const gm_tally *t, size_t g)
{
	return t && g < GM_MAX_GROUPS ? t->first[g] : 0;
}

unsigned long gm_tally_top_two(const gm_tally *t, size_t g)
{
	return t && g < GM_MAX_GROUPS ? t->top2[g] : 0;
}

unsigned long gm_tally_setting(const gm_tally *t, size_t s)
{
	return t && s < ADVICE_COUNT ? t->setting[s] : 0;
}

unsigned long gm_tally_scored(const gm_tally *t, size_t b)
{
	return t && b < GM_MAX_SCORE_BLOCKS ? t->scored[b] : 0;
}

unsigned long gm_tally_band(const gm_tally *t, size_t b, size_t k)
{
	return t && b < GM_MAX_SCORE_BLOCKS && k < GM_MAX_BANDS ? t->band[b][k] : 0;
}

/* --- the lists ----------------------------------------------------------- */

static const char *const list_keys[GM_LIST_COUNT] = {
	"urgent", "unclear", "review", "not_screened", "invalid", "incomplete_screener"
};

static const char *const list_headings[GM_LIST_COUNT] = {
	"Positive safety screen: contact today for a clinician risk assessment",
	"Of them, an unclear answer to the safety question (counted as yes)",
	"Clinician review: a screener answer asks for a clinician to talk with them soon",
	"Not screened: the safety question was not answered",
	"Invalid: answers that could not be read (fix the record and run it again)",
	"Incomplete screener: some items were not answered (ask the rest)",
};

const char *gm_tally_list_key(gm_tally_list list)
{
	return (unsigned)list < GM_LIST_COUNT ? list_keys[list] : NULL;
}

const char *gm_tally_list_heading(gm_tally_list list)
{
	return (unsigned)list < GM_LIST_COUNT ? list_headings[list] : NULL;
}

size_t gm_tally_list_count(const gm_tally *t, gm_tally_list list)
{
	return t && (unsigned)list < GM_LIST_COUNT ? (size_t)t->lists[list].count : 0;
}

/* String k of entry i of list (0 the id, 1 the note, 2 + c cell c), or
 * NULL out of range. */
static const char *entry_string(const gm_tally *t, gm_tally_list list, size_t i, size_t k,
				size_t *len)
{
	const struct list *l;
	const unsigned char *p;
	size_t n;

	if (!t || (unsigned)list >= GM_LIST_COUNT || i >= t->lists[list].n)
		return NULL;
	l = &t->lists[list];
	p = (const unsigned char *)l->text + l->e[i].at;
	for (;;) {
		n = (size_t)p[0] | (size_t)p[1] << 8;
		if (!k--)
			break;
		p += 2 + n + 1;
	}
	if (len)
		*len = n;
	return (const char *)p + 2;
}

const char *gm_tally_entry_id(const gm_tally *t, gm_tally_list list, size_t i, size_t *len)
{
	return entry_string(t, list, i, 0, len);
}

unsigned long gm_tally_entry_line(const gm_tally *t, gm_tally_list list, size_t i)
{
	return t && (unsigned)list < GM_LIST_COUNT && i < t->lists[list].n ? t->lists[list].e[i].line : 0;
}

const char *gm_tally_entry_note(const gm_tally *t, gm_tally_list list, size_t i)
{
	return entry_string(t, list, i, 1, NULL);
}

const char *gm_tally_entry_cell(const gm_tally *t, gm_tally_list list, size_t i, size_t k,
				size_t *len)
{
	if (!t || k >= t->ncells)
		return NULL;
	return entry_string(t, list, i, 2 + k, len);
}

size_t gm_tally_cell_count(const gm_tally *t)
{
	return t ? t->ncells : 0;
}

const char *gm_tally_cell_name(const gm_tally *t, size_t k)
{
	return t && k < t->ncells ? t->names[k] : NULL;
}
