/* intake.c - intake rows: a header to columns, each record to answers through the one parser, memoised per column.
 *
 * Past 700 lines for a reason: the header, the row loop and the memo share
 * the column table, and the memo lookup must inline into the row loop (it
 * runs for every cell of a million-row batch). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bits.h"
#include "answers.h"
#include "ascii.h"
#include "buf.h"
#include "model.h"
#include "colmap.h"
#include "engine.h"
#include "header.h"
#include "safety.h"
#include "error.h"
#include "groupmatch.h"
#include "quote.h"
#include "text.h"

#define NAME_SHOWN 48                  /* bytes of a column name in messages */
#define MEMO_WORDS 6                   /* a remembered text is up to 48 bytes */
#define MEMO_KEY (MEMO_WORDS * 8)
#define MEMO_FIRST 16                  /* slots a column starts with */
#define MEMO_WINDOW 4096               /* lookups between looks at the miss rate */
#define MEMO_MAX 4096                  /* and may grow to, when its texts vary */

enum col_kind {
	COL_IGNORE,    /* unknown, or known not to matter */
	COL_ID,
	COL_QUESTION,  /* the answer to question q */
	COL_CHECKBOX,  /* one option of q (or yes/no): ticked or not */
	COL_NEAR       /* almost names safety item q: read fail-closed */
};

/* A cell text the parser has read for a column, with what it gave: the
 * same bytes always give the same answer, and intake answers repeat.
 * One slot is one cache line. */
struct __attribute__((aligned(64))) memo_slot {
	uint64_t key[MEMO_WORDS];  /* the text, zero-padded */
	int64_t value;             /* the encoded answer (answers.h) */
	uint32_t len;              /* of the text; UINT32_MAX for an empty slot */
	uint32_t present;          /* 1 an answer, 0 "no answer" (blank) */
};

struct column {
	enum col_kind kind;
	int q;
	int option;                /* COL_CHECKBOX: the option, or 1 yes / 0 no;
	                            * COL_NEAR: the same for a checkbox, -1 none */
	char name[NAME_SHOWN + 8]; /* the header, printable, for messages */
	struct memo_slot *memo;    /* COL_QUESTION but the safety question's */
	uint32_t mask;             /* slots - 1 */
	uint32_t lookups, misses;  /* in the current window (MEMO_WINDOW lookups) */
};

enum row { ROW_OK, ROW_BROKEN, ROW_EMPTY };

struct gm_intake {
	const struct gm_catalog *cat;
	const gm_colmap *map;
	struct column *cols;
	size_t ncols;
	long safety_col;           /* -1 if none */
	int safety_box;            /* a checkbox column answers the safety question */
	long id_col;               /* -1 if none */
	uint32_t checkbox_qs;      /* questions answered by checkbox columns */
	size_t memo_cols[GM_MAX_QUESTIONS]; /* the columns with a memo */
	size_t nmemo;
	size_t *unknown;           /* columns that answer nothing */
	size_t nunknown;
	size_t *near;              /* COL_NEAR columns */
	size_t nnear;
	char warning[640];
	struct buf scratch;        /* a multi-choice cell with its codes mapped */
	struct gm_answers one;     /* a broken record's safety answer alone */
	enum row last;             /* how the last record was read */
	char problem[400];         /* why it could not be read whole */
};

/* Whether a column is one a REDCap export always adds. */
static int redcap_bookkeeping(const char *s, size_t len)
{
	static const char *const suffixes[] = { "_complete", "_timestamp" };

	if (len >= 8 && ascii_ieq(s, "redcap_", 7))
		return 1;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t n = strlen(suffixes[i]);

		if (len > n && ascii_ieq(s + len - n, suffixes[i], n))
			return 1;
	}
	return 0;
}

/* The first "___" in s, or NULL. */
static const char *find_triple_underscore(const char *s, size_t len)
{
	for (size_t i = 0; i + 3 <= len; i++)
		if (s[i] == '_' && s[i + 1] == '_' && s[i + 2] == '_')
			return s + i;
	return NULL;
}

static int memo_alloc(struct column *c, uint32_t slots)
{
	struct memo_slot *m = aligned_alloc(64, slots * sizeof *m);

	if (!m)
		return -1;
	memset(m, 0xFF, slots * sizeof *m);
	free(c->memo);
	c->memo = m;
	c->mask = slots - 1;
	c->lookups = c->misses = 0;
	return 0;
}

/* A REDCap checkbox column QUESTION___CODE into c: 0 when s is not one,
 * 1 when it is, -1 with err when its code is no option. */
static int checkbox_column(gm_intake *in, struct column *c, size_t i, const char *s, size_t len,
			   gm_error *err)
{
	const struct gm_catalog *cat = in->cat;
	const char *sep = find_triple_underscore(s, len), *qname = s, *code, *qt, *mapped, *cs;
	size_t qlen, clen, cl;
	int q, o;

	if (!sep || sep == s || sep + 3 >= s + len)
		return 0;
	qlen = (size_t)(sep - s);
	code = sep + 3;
	clen = len - qlen - 3;
	if ((qt = colmap_column(in->map, qname, qlen))) {
		qname = qt;
		qlen = strlen(qt);
	}
	q = catalog_find_question(cat, qname, qlen);
	if (q < 0 || cat->questions[q].kind == Q_SCALE)
		return 0;
	mapped = colmap_code(in->map, q, code, clen);
	cs = mapped ? mapped : code;
	cl = mapped ? strlen(mapped) : clen;
	/* a yes/no question's boxes are its yes and its no */
	o = cat->questions[q].kind == Q_YESNO ? answers_parse_yesno(cs, cl)
		: answers_find_option(&cat->questions[q], cs, cl);
	if (o < 0) {
		char shown[64];

		quote_text(shown, sizeof shown, code, clen);
		error_set(err, GM_ERR_ANSWER, i + 1, cat->questions[q].id,
			  "checkbox column '%s': '%s' is not an option of '%s'", c->name, shown,
			  cat->questions[q].id);
		return -1;
	}
	c->kind = COL_CHECKBOX;
	c->q = q;
	c->option = o;
	return 1;
}

/* A column whose header names no question exactly but almost names a
 * safety item, plainly or as a REDCap checkbox QUESTION___CODE of the
 * safety question, into c (column i); returns whether it does. */
static int near_column(gm_intake *in, struct column *c, size_t i, const char *s, size_t len)
{
	const char *sep = find_triple_underscore(s, len);
	int q = near_safety_item(in->cat, s, len), option = -1;

	if (q < 0 && sep && sep > s && sep + 3 < s + len
	    && (q = near_safety_item(in->cat, s, (size_t)(sep - s))) >= 0) {
		if (in->cat->questions[q].kind != Q_YESNO)
			q = -1;
		else	/* the yes box, the no box, or a code of neither (-1) */
			option = answers_parse_yesno(sep + 3, len - (size_t)(sep + 3 - s));
	}
	if (q < 0)
		return 0;
	c->kind = COL_NEAR;
	c->q = q;
	c->option = option;
	in->near[in->nnear++] = i;
	return 1;
}

/* Says in the warning what the COL_NEAR columns are and how they are read. */
static void warn_near(gm_intake *in)
{
	const struct column *c = &in->cols[in->near[0]];
	size_t used = strlen(in->warning);
	char more[64] = "";

	if (in->nnear > 1)
		snprintf(more, sizeof more, " (and %zu more such column%s)", in->nnear - 1,
			 in->nnear > 2 ? "s" : "");
	snprintf(in->warning + used, sizeof in->warning - used, "%scolumn '%s' almost names the "
		 "safety item '%s' (its case, spaces or invisible characters differ)%s: its cells "
		 "are read as safety answers that cannot be trusted: %s, any other answer counts "
		 "as unclear (positive), a blank one as not answered", used ? "; " : "", c->name,
		 in->cat->questions[c->q].id, more, c->q == in->cat->safety ? "yes stays yes"
		 : "a value above 0 stays");
}

gm_intake *gm_intake_new(const gm_catalog *cat, const char *const *fields, const size_t *lens,
			 size_t n, const gm_colmap *map, const char *id_column, gm_error *err)
{
	int owner[GM_MAX_QUESTIONS], any_question = 0;
	long id_col = -1;
	gm_intake *in;

	if (err)
		memset(err, 0, sizeof *err);
	if (!cat || (n && (!fields || !lens))) {
		error_set(err, GM_ERR_ARG, 0, NULL, "no catalogue or no header");
		return NULL;
	}
	in = calloc(1, sizeof *in);
	if (!in || !(in->cols = calloc(n ? n : 1, sizeof *in->cols))
	    || !(in->unknown = malloc((n ? n : 1) * sizeof *in->unknown))
	    || !(in->near = malloc((n ? n : 1) * sizeof *in->near)))
		goto nomem;
	in->cat = cat;
	in->map = map;
	in->ncols = n;
	in->safety_col = -1;
	in->id_col = -1;
	in->one.cat = cat;
	buf_init(&in->scratch);
	for (int q = 0; q < GM_MAX_QUESTIONS; q++)
		owner[q] = -1;
	for (size_t i = 0; i < n; i++) {
		struct column *c = &in->cols[i];
		const char *s = fields[i], *target;
		size_t len = lens[i];
		int q, safety_name, box;

		c->kind = COL_IGNORE;
		text_trim_blanks(&s, &len);
		/* byte order marks: a file saved twice may have more than one */
		while (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			len -= 3;
		}
		quote_text(c->name, sizeof c->name, s, len);
		if (i == 0 && len >= 2 && (!memcmp(s, "\xFF\xFE", 2) || !memcmp(s, "\xFE\xFF", 2)
					   || (len >= 4 && (!memcmp(s, "\xC3\xBF\xC3\xBE", 4)
							    || !memcmp(s, "\xC3\xBE\xC3\xBF", 4))))) {
			/* read as UTF-8 or one byte a character, every character
			 * of UTF-16 comes with a NUL: nothing in it is certain */
			error_set(err, GM_ERR_ANSWER, 1, NULL, "the file is UTF-16 (it starts with a "
				  "UTF-16 byte order mark): save it as CSV UTF-8 and read it again");
			goto fail;
		}
		safety_name = cat->safety >= 0 && catalog_find_question(cat, s, len) == cat->safety;
		if ((target = colmap_column(map, s, len))) {
			if (safety_name && catalog_find_question(cat, target, strlen(target)) != cat->safety
			    && !in->warning[0]) {
				char shown[64];

				quote_text(shown, sizeof shown, target, strlen(target));
				snprintf(in->warning, sizeof in->warning, "the map turns the safety column "
					 "'%s' into '%s': its answers are not read", c->name, shown);
			}
			s = target;
			len = strlen(target);
			if (ascii_ieq_str(s, len, "ignore"))
				continue;
		}
		if (id_column && ascii_ieq_str(s, len, id_column) && cat->safety >= 0 &&
		    catalog_find_question(cat, s, len) == cat->safety) {
			error_set(err, GM_ERR_ARG, i + 1, "id_column",
				  "'%s' is the safety question's column; it cannot hold the ids", c->name);
			goto fail;
		}
		if (id_column ? name_is(s, len, id_column)
		    : name_is(s, len, "id") || name_is(s, len, "record_id")) {
			if (id_col < 0 || (!id_column && ascii_ieq_str(s, len, "id"))) {
				if (id_col >= 0)
					in->cols[id_col].kind = COL_IGNORE;
				c->kind = COL_ID;
				id_col = (long)i;
			}
			continue;
		}
		q = catalog_find_question(cat, s, len);	/* any ASCII case */
		if (q >= 0) {
			if (owner[q] >= 0) {
				error_set(err, GM_ERR_ANSWER, i + 1, cat->questions[q].id,
					  "columns '%s' and '%s' both answer '%s'", in->cols[owner[q]].name,
					  c->name, cat->questions[q].id);
				goto fail;
			}
			owner[q] = (int)i;
			c->kind = COL_QUESTION;
			c->q = q;
			any_question = 1;
			if (q == cat->safety)
				in->safety_col = (long)i;
			continue;
		}
		if ((box = checkbox_column(in, c, i, s, len, err)) < 0)
			goto fail;
		if (box) {
			q = c->q;
			if (owner[q] >= 0 && in->cols[owner[q]].kind == COL_QUESTION) {
				error_set(err, GM_ERR_ANSWER, i + 1, cat->questions[q].id,
					  "columns '%s' and '%s' both answer '%s'", in->cols[owner[q]].name,
					  c->name, cat->questions[q].id);
				goto fail;
			}
			owner[q] = (int)i;
			in->checkbox_qs |= 1u << q;
			if (q == cat->safety)
				in->safety_box = 1;
			any_question = 1;
			continue;
		}
		if (redcap_bookkeeping(s, len) || len == 0)
			continue;
		if (near_column(in, c, i, s, len)) {
			any_question = 1;
			continue;
		}
		in->unknown[in->nunknown++] = i;
	}
	if (in->nnear)
		warn_near(in);
	if (id_column && id_col < 0) {
		char shown[64];

		quote_text(shown, sizeof shown, id_column, strlen(id_column));
		error_set(err, GM_ERR_ARG, 0, "id_column", "no column '%s' holds the ids", shown);
		goto fail;
	}
	if (!any_question) {
		error_set(err, GM_ERR_ANSWER, 0, NULL, "no column names a question (expected columns "
			  "such as 'crisis', 'goals', 'comfort')");
		goto fail;
	}
	in->id_col = id_col;
	for (size_t i = 0; i < n; i++) {
		struct column *c = &in->cols[i];

		/* every safety item's cell goes to the ledger, unremembered */
		if (c->kind != COL_QUESTION || safety_item(cat, c->q))
			continue;
		if (memo_alloc(c, MEMO_FIRST))
			goto nomem;
		in->memo_cols[in->nmemo++] = i;
	}
	return in;
nomem:
	error_set(err, GM_ERR_NOMEM, 0, NULL, "out of memory");
fail:
	gm_intake_free(in);
	return NULL;
}

void gm_intake_free(gm_intake *in)
{
	if (!in)
		return;
	for (size_t i = 0; in->cols && i < in->ncols; i++)
		free(in->cols[i].memo);
	free(in->cols);
	free(in->unknown);
	free(in->near);
	buf_release(&in->scratch);
	free(in);
}

size_t gm_intake_column_count(const gm_intake *in)
{
	return in ? in->ncols : 0;
}

const char *gm_intake_column_name(const gm_intake *in, size_t i)
{
	return in && i < in->ncols ? in->cols[i].name : NULL;
}

int gm_intake_column_question(const gm_intake *in, size_t i)
{
	if (!in || i >= in->ncols)
		return -1;
	return in->cols[i].kind == COL_QUESTION || in->cols[i].kind == COL_CHECKBOX
		? in->cols[i].q : -1;
}

long gm_intake_id_column(const gm_intake *in)
{
	return in ? in->id_col : -1;
}

long gm_intake_safety_column(const gm_intake *in)
{
	return in ? in->safety_col : -1;
}

int gm_intake_screens_safety(const gm_intake *in)
{
	if (!in)
		return 0;
	for (size_t k = 0; k < in->nnear; k++)
		if (in->cols[in->near[k]].q == in->cat->safety)
			return 1;
	return in->safety_col >= 0 || in->safety_box;
}

size_t gm_intake_unknown_count(const gm_intake *in)
{
	return in ? in->nunknown : 0;
}

size_t gm_intake_unknown(const gm_intake *in, size_t i)
{
	return in && i < in->nunknown ? in->unknown[i] : (size_t)-1;
}

void gm_intake_use_column(gm_intake *in, size_t column)
{
	size_t k = 0;

	if (!in)
		return;
	for (size_t i = 0; i < in->nunknown; i++)
		if (in->unknown[i] != column)
			in->unknown[k++] = in->unknown[i];
	in->nunknown = k;
}

const char *gm_intake_warning(const gm_intake *in)
{
	return in ? in->warning : "";
}

/* Whether column i reads a safety item other than the safety question
 * (a screener's item, such as PHQ-9 item 9) by its exact name. */
static int item_column(const gm_intake *in, size_t i)
{
	const struct column *c = &in->cols[i];

	return c->kind == COL_QUESTION && c->q != in->cat->safety && safety_item(in->cat, c->q);
}

/* Whether column i almost names a safety item (COL_NEAR); items only:
 * not the safety question. */
static int near_safety_column(const gm_intake *in, size_t i, int items_only)
{
	const struct column *c = &in->cols[i];

	return c->kind == COL_NEAR && (!items_only || c->q != in->cat->safety);
}

size_t gm_intake_keep_columns(const gm_intake *in, size_t *cols)
{
	size_t n = 2;

	cols[0] = in && in->id_col >= 0 ? (size_t)in->id_col : (size_t)-1;
	cols[1] = in && in->safety_col >= 0 ? (size_t)in->safety_col : (size_t)-1;
	for (size_t i = 0; in && i < in->ncols && n < GM_CSV_KEEP_N; i++)
		if (item_column(in, i) || near_safety_column(in, i, 0))
			cols[n++] = i;
	return n;
}

/* --- one record ------------------------------------------------------- */

/* Sets question q from cell text through the one parser, --map codes
 * first; a value that does not fit marks q invalid, naming the cell. */
static void parse_cell(gm_intake *in, struct gm_answers *ans, const struct column *c,
		       const char *p, size_t len, unsigned long line)
{
	gm_error err;
	char msg[400];

	if (in->map && colmap_has_codes(in->map, c->q)) {
		const char *t = p, *m;
		size_t tl = len;

		text_trim_blanks(&t, &tl);
		if ((m = colmap_code(in->map, c->q, t, tl))) {
			p = m;
			len = strlen(m);
		} else if (in->cat->questions[c->q].kind == Q_MULTI) {
			/* each of several codes */
			size_t i = 0, start;
			int mapped = 0;

			buf_reset(&in->scratch);
			while (i <= len) {
				start = i;
				while (i < len && p[i] != ';' && p[i] != '|' && p[i] != ',')
					i++;
				t = p + start;
				tl = i - start;
				text_trim_blanks(&t, &tl);
				m = colmap_code(in->map, c->q, t, tl);
				if (in->scratch.len)
					buf_addc(&in->scratch, ';');
				if (m) {
					buf_adds(&in->scratch, m);
					mapped = 1;
				} else {
					buf_add(&in->scratch, t, tl);
				}
				i++;
			}
			if (mapped && !in->scratch.oom) {
				p = in->scratch.data;
				len = in->scratch.len;
			}
		}
	}
	if (answers_set_text(ans, c->q, p, len, &err) == GM_OK)
		return;
	snprintf(msg, sizeof msg, "line %lu, column '%s': %s", line, c->name, err.message);
	answers_mark_invalid(ans, c->q, msg);
}

/* Loads the len bytes at p (0 < len <= MEMO_KEY) as zero-padded words,
 * reading no byte past the end; returns the number of words. */
static inline size_t load_key(const char *p, size_t len, uint64_t *w)
{
	size_t full = len / 8, rem = len & 7, i;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (i = 0; i < full; i++)
		memcpy(&w[i], p + 8 * i, 8);
	if (rem && len >= 8) {	/* the last eight bytes, shifted down */
		uint64_t t;

		memcpy(&t, p + len - 8, 8);
		w[full] = t >> (8 * (8 - rem));
	} else if (rem >= 4) {	/* two overlapping halves */
		uint32_t a, b;

		memcpy(&a, p, 4);
		memcpy(&b, p + len - 4, 4);
		w[0] = a | (uint64_t)b << (8 * (len - 4));
	} else if (rem) {	/* the first, middle and last bytes */
		const unsigned char *u = (const unsigned char *)p;

		w[0] = u[0] | (uint64_t)u[len / 2] << (8 * (len / 2)) | (uint64_t)u[len - 1] << (8 * (len - 1));
	}
#else
	for (i = 0; i < (len + 7) / 8; i++)
		w[i] = 0;
	memcpy(w, p, len);
	(void)full;
#endif
	return (len + 7) / 8;
}

/* The key of the len bytes at p (0 < len <= MEMO_KEY) in w (*nw words),
 * and its hash. */
static inline uint64_t key_hash(const char *p, size_t len, uint64_t *w, size_t *nw)
{
	uint64_t h = len;

	*nw = load_key(p, len, w);
	for (size_t i = 0; i < *nw; i++)
		h = (h ^ w[i]) * 0x9E3779B97F4A7C15ULL;
	return h;
}

/* parse_cell through the column's memo: the parser's answer to the same
 * bytes, remembered.  Invalid values are not remembered: their message
 * names the line. */
static inline void set_cell(gm_intake *in, struct gm_answers *ans, struct column *c,
			    const char *p, size_t len, unsigned long line)
{
	uint64_t w[MEMO_WORDS], h;
	struct memo_slot *slot;
	size_t nw, i;

	if (len == 0)
		return;	/* the answers were cleared: nothing to do */
	if (!c->memo || len > MEMO_KEY) {
		parse_cell(in, ans, c, p, len, line);
		return;
	}
	/* Two slots per hash: a text found in the second moves to the
	 * first, so texts seen often stay while rare ones take turns. */
	h = key_hash(p, len, w, &nw);
	slot = &c->memo[(h >> 40) & c->mask & ~(uint32_t)1];
	c->lookups++;
	for (int k = 0; k < 2; k++, slot++) {
		if (slot->len != len || slot->key[0] != w[0])
			continue;
		for (i = 1; i < nw && slot->key[i] == w[i]; i++)
			;
		if (i < nw)
			continue;
		if (slot->present) {	/* answers_set_value, for a question that is not the safety one */
			ans->value[c->q] = slot->value;
			ans->present |= 1u << c->q;
		}
		if (k) {
			struct memo_slot t = slot[0];

			slot[0] = slot[-1];
			slot[-1] = t;
		}
		return;
	}
	parse_cell(in, ans, c, p, len, line);
	if (ans->invalid >> c->q & 1)
		return;
	/* More than one miss in sixteen: the column's texts outnumber its
	 * slots; a bigger memo (and a fresh start) */
	if (++c->misses > MEMO_WINDOW / 16 && c->mask + 1 < MEMO_MAX)
		memo_alloc(c, (c->mask + 1) * 4 > MEMO_MAX ? MEMO_MAX : (c->mask + 1) * 4);
	else if (c->lookups >= MEMO_WINDOW)
		c->lookups = c->misses = 0;
	slot = &c->memo[(h >> 40) & c->mask & ~(uint32_t)1];	/* too many texts: a bigger memo */
	if (slot->len != UINT32_MAX)
		slot++;	/* a new text waits in the second slot */
	for (i = 0; i < nw; i++)
		slot->key[i] = w[i];
	slot->len = (uint32_t)len;
	slot->present = (uint32_t)(ans->present >> c->q & 1);
	slot->value = ans->value[c->q];
}

/* Adds what a COL_NEAR cell says to ans, fail-closed: for the safety
 * question a clear yes (a ticked yes box) stays yes, any other text is
 * unclear; for a screener's safety item a value above 0 stays (the
 * highest reading wins), any other text makes the safety answer unclear.
 * A blank cell is no answer.  positive_only: the record's columns may
 * be shifted (a broken row): a reading is taken only when positive. */
static void near_cell(gm_intake *in, struct gm_answers *ans, const struct column *c,
		      const char *p, size_t len, int positive_only)
{
	const char *t = p;
	size_t tl = len;
	gm_safety s;

	text_trim_space(&t, &tl);
	if (!tl)
		return;
	if (c->q == in->cat->safety) {
		if (c->option >= 0)
			s = c->option == 1 && answers_parse_yesno(t, tl) == 1 ? GM_SAFETY_YES
				: GM_SAFETY_UNCLEAR;
		else
			s = gm_safety_decide(t, tl) == GM_SAFETY_YES ? GM_SAFETY_YES
				: GM_SAFETY_UNCLEAR;
		if (!positive_only || gm_safety_positive(gm_safety_decide(t, tl))
		    || (c->option >= 0 && s == GM_SAFETY_YES))
			answers_note_safety(ans, s);
		return;
	}
	gm_answers_clear(&in->one);
	answers_set_text(&in->one, c->q, t, tl, NULL);
	if ((in->one.present >> c->q & 1) && in->one.value[c->q] > 0) {
		if (!(ans->present >> c->q & 1) || ans->value[c->q] < in->one.value[c->q])
			answers_set_value(ans, c->q, in->one.value[c->q]);
	} else if (!positive_only || !(in->one.present >> c->q & 1)) {
		answers_note_safety(ans, GM_SAFETY_UNCLEAR);
	}
}

/* Sets the questions answered by checkbox columns from the boxes ticked. */
static void set_checkboxes(gm_intake *in, struct gm_answers *ans, const uint64_t *boxes,
			   uint32_t box_bad, unsigned long line)
{
	const struct gm_catalog *cat = in->cat;

	for (int q = 0; q < cat->nquestions; q++) {
		const struct gm_question *qq = &cat->questions[q];
		int lo = qq->kind == Q_SINGLE ? 1 : qq->min;
		int hi = qq->kind == Q_SINGLE ? 1 : qq->max;
		int count;

		if (!(in->checkbox_qs >> q & 1) || (box_bad >> q & 1))
			continue;
		if (qq->kind == Q_YESNO) {	/* bit 1: the yes box, bit 0: the no box */
			if (boxes[q] == 3 && q == cat->safety)
				answers_note_safety(ans, GM_SAFETY_UNCLEAR);
			else if (boxes[q] == 3)
				answers_mark_invalid(ans, q, "both yes and no are checked");
			else if (boxes[q])
				answers_set_value(ans, q, boxes[q] == 2);
			continue;
		}
		count = bits_count(boxes[q]);
		/* None checked is "no answer" unless none is an answer. */
		if (!count && lo > 0)
			continue;
		if (count < lo || count > hi) {
			char msg[400];

			snprintf(msg, sizeof msg, "line %lu: %d option%s of '%s' %s checked (%s %d)", line,
				 count, count == 1 ? "" : "s", qq->id, count == 1 ? "is" : "are",
				 count < lo ? "at least" : "at most", count < lo ? lo : hi);
			answers_mark_invalid(ans, q, msg);
			continue;
		}
		answers_set_value(ans, q, (int64_t)boxes[q]);
	}
}

/* A record not read whole: what its screener safety items (by their
 * columns, or the fields rec kept of a record over a limit) and the
 * safety question's yes box say, when it is positive; the columns may be
 * shifted, so nothing else is taken. */
static void broken_items(gm_intake *in, struct gm_answers *ans, const char *const *f,
			 const size_t *l, size_t nn, const gm_csv_record *rec)
{
	size_t cols[GM_CSV_KEEP_N], nkeep = gm_intake_keep_columns(in, cols);
	uint32_t items = in->cat->scores ? in->cat->scores->items : 0;
	uint32_t said = 0;         /* screener items with text on this row */
	uint32_t taken = 0;        /* safety items read positive */

	/* a safety cell too long to read is a reading that cannot be trusted */
	if (rec && rec->error == GM_CSV_EFIELD && rec->error_column >= 1
	    && rec->error_column <= in->ncols) {
		size_t i = rec->error_column - 1;
		const struct column *c = &in->cols[i];

		if ((long)i == in->safety_col || (c->q == in->cat->safety
		    && (c->kind == COL_NEAR || c->kind == COL_CHECKBOX)))
			answers_note_safety(ans, GM_SAFETY_UNCLEAR);
		else if (item_column(in, i) || near_safety_column(in, i, 1))
			safety_add_unclear(ans, c->q, NULL, 0);
	}
	for (size_t i = 0; i < in->ncols; i++) {
		const struct column *c = &in->cols[i];
		const char *p = NULL;
		size_t len = 0;

		if (i < nn) {
			p = f[i];
			len = l[i];
		} else if (rec) {
			for (size_t k = 2; k < nkeep; k++)
				if (cols[k] == i && rec->kept[k]) {
					p = rec->kept[k];
					len = rec->kept_lens[k];
				}
		}
		if (!p)
			continue;
		if (c->kind == COL_QUESTION && (items >> c->q & 1)) {
			const char *t = p;
			size_t tl = len;

			text_trim_space(&t, &tl);
			if (tl)
				said |= 1u << c->q;
		}
		if (near_safety_column(in, i, 0)) {
			if (i >= nn)	/* kept: the near columns in reach are read already */
				near_cell(in, ans, c, p, len, 1);
		} else if (item_column(in, i)) {
			gm_answers_clear(&in->one);
			parse_cell(in, &in->one, c, p, len, rec ? rec->line : 0);
			if ((in->one.present >> c->q & 1) && in->one.value[c->q] > 0) {
				answers_set_value(ans, c->q, in->one.value[c->q]);
				taken |= 1u << c->q;
			} else if ((in->one.invalid | in->one.ledger.unclear) >> c->q & 1) {
				/* unreadable: as the safety question's "maybe" */
				safety_add_unclear(ans, c->q, p, len);
				taken |= 1u << c->q;
			}
		} else if (c->kind == COL_CHECKBOX && c->q == in->cat->safety && c->option == 1) {
			const char *t = p;
			size_t tl = len;

			text_trim_blanks(&t, &tl);
			if (tl && answers_parse_yesno(t, tl) == 1)
				answers_note_safety(ans, GM_SAFETY_YES);
		}
	}
	/* A screener given on this row whose safety item could not be read
	 * as 0 or more (blank, or its column cut off): as unreadable, since
	 * unanswered it asks for a review on a whole row too. */
	/* nothing of the row could be read (a limit broken before its
	 * fields): whether the screener was given is not known either */
	if (!nn && rec && rec->error)
		said = items;
	if (said) {
		for (size_t i = 0; i < in->ncols; i++) {
			int q = in->cols[i].q;

			if (!item_column(in, i) && !near_safety_column(in, i, 1))
				continue;
			if ((ans->present >> q & 1) && ans->value[q] > 0)
				taken |= 1u << q;
			if (!((taken | ans->ledger.unclear) >> q & 1) && (i >= nn || !(said >> q & 1)
			    || near_safety_column(in, i, 1))) {
				const char *t = i < nn ? f[i] : "";
				size_t tl = i < nn ? l[i] : 0;

				text_trim_space(&t, &tl);
				if (!tl)
					safety_add_unclear(ans, q, NULL, 0);
			}
		}
	}
}

/* Why a record could not be read whole, naming the column where it can. */
static void describe_problem(const gm_intake *in, const gm_csv_record *rec, size_t n,
			     unsigned long line, char *msg, size_t sz)
{
	const char *col = rec && rec->error_column && rec->error_column <= in->ncols
		? in->cols[rec->error_column - 1].name : NULL;
	gm_error e;

	if (!rec || rec->error == GM_CSV_OK) {
		snprintf(msg, sz, "line %lu: %zu field%s where the header has %zu", line, n,
			 n == 1 ? "" : "s", in->ncols);
	} else if (col && rec->error == GM_CSV_EFIELD) {
		snprintf(msg, sz, "line %lu, column '%s': field longer than %zu bytes", line, col,
			 rec->limit);
	} else if (col && rec->error == GM_CSV_EQUOTE) {
		snprintf(msg, sz, "line %lu, column '%s': %s", line, col, gm_csv_strerror(rec->error));
	} else {
		gm_csv_record_error(rec, &e);
		snprintf(msg, sz, "%s", e.message);
	}
}

static gm_status decode(gm_intake *in, const char *const *f, const size_t *l, size_t n,
			unsigned long line, const gm_csv_record *rec, struct gm_answers *ans,
			const char **idp, size_t *idlenp, gm_error *err)
{
	size_t nn = n < in->ncols ? n : in->ncols, i, idlen = 0;
	const char *id = NULL;
	uint64_t boxes[GM_MAX_QUESTIONS];
	uint32_t box_bad = 0;

	gm_answers_clear(ans);
	in->last = ROW_OK;
	if ((rec && rec->error) || n != in->ncols) {
		/* Columns may be shifted: only a positive safety answer is
		 * taken (through the one decision), since missing it would be
		 * worse.  A record over a limit has no fields but may keep its
		 * short id and safety cells (gm_intake_keep_columns). */
		const char *sp = NULL;
		size_t sl = 0;

		if (in->safety_col >= 0 && (size_t)in->safety_col < nn) {
			sp = f[in->safety_col];
			sl = l[in->safety_col];
		} else if (in->safety_col >= 0 && !n && rec && rec->kept[1]) {
			sp = rec->kept[1];
			sl = rec->kept_lens[1];
		}
		if (sp) {
			gm_answers_clear(&in->one);
			parse_cell(in, &in->one, &in->cols[in->safety_col], sp, sl, line);
			if (gm_safety_positive(in->one.safety))
				answers_note_safety(ans, in->one.safety);
		}
		for (i = 0; i < in->nnear; i++)
			if (in->near[i] < nn)
				near_cell(in, ans, &in->cols[in->near[i]], f[in->near[i]],
					  l[in->near[i]], 1);
		broken_items(in, ans, f, l, nn, n ? NULL : rec);
		if (in->id_col >= 0 && (size_t)in->id_col < nn && l[in->id_col]) {
			id = f[in->id_col];
			idlen = l[in->id_col];
		} else if (in->id_col >= 0 && !n && rec && rec->kept[0] && rec->kept_lens[0]) {
			id = rec->kept[0];
			idlen = rec->kept_lens[0];
		}
		in->last = ROW_BROKEN;
		describe_problem(in, rec, n, line, in->problem, sizeof in->problem);
		goto problem;
	}
	for (i = 0; i < n; i++) {	/* Excel's trailing ,,,, is no one */
		const char *t = f[i];
		size_t tl = l[i];

		text_trim_blanks(&t, &tl);
		if (tl)
			break;
	}
	if (i == n) {
		in->last = ROW_EMPTY;
		snprintf(in->problem, sizeof in->problem, "line %lu: empty record", line);
		goto problem;
	}
	if (in->checkbox_qs)
		memset(boxes, 0, sizeof boxes);
	for (i = 0; i < n; i++) {
		struct column *c = &in->cols[i];

		switch (c->kind) {
		case COL_QUESTION:
			set_cell(in, ans, c, f[i], l[i], line);
			break;
		case COL_ID:
			id = f[i];
			idlen = l[i];
			break;
		case COL_CHECKBOX: {
			/* ticked or not, read by the one yes/no parser; blank is not */
			const char *t = f[i];
			size_t tl = l[i];
			int v;

			text_trim_blanks(&t, &tl);
			v = tl ? answers_parse_yesno(t, tl) : 0;
			if (v > 0) {
				boxes[c->q] |= (uint64_t)1 << c->option;
			} else if (v < 0 && !(box_bad >> c->q & 1)) {
				char msg[400], quoted[64];

				quote_text(quoted, sizeof quoted, f[i], l[i]);
				snprintf(msg, sizeof msg, "line %lu, column '%s': '%s' is not 1 or 0 "
					 "(checked or unchecked)", line, c->name, quoted);
				answers_mark_invalid(ans, c->q, msg);
				box_bad |= 1u << c->q;
			}
			break;
		}
		case COL_IGNORE:
		case COL_NEAR:
			break;
		}
	}
	if (in->checkbox_qs)
		set_checkboxes(in, ans, boxes, box_bad, line);
	/* after every exact column, so the most severe reading stays */
	for (i = 0; i < in->nnear; i++)
		near_cell(in, ans, &in->cols[in->near[i]], f[in->near[i]], l[in->near[i]], 0);
	if (idp)
		*idp = idlen ? id : NULL;
	if (idlenp)
		*idlenp = idlen;
	if (err) {	/* no memset: this runs for every record of a batch */
		err->status = GM_OK;
		err->line = err->column = 0;
		err->path[0] = err->message[0] = '\0';
	}
	return GM_OK;
problem:
	if (idp)
		*idp = idlen ? id : NULL;
	if (idlenp)
		*idlenp = idlen;
	error_set(err, GM_ERR_ANSWER, rec ? rec->error_column : 0, NULL, "%s", in->problem);
	if (err)
		err->line = (int)line;
	return GM_ERR_ANSWER;
}

gm_status gm_intake_decode(gm_intake *in, const char *const *fields, const size_t *lens,
			   size_t n, unsigned long line, gm_answers *ans, const char **id,
			   size_t *idlen, gm_error *err)
{
	if (!in || !ans || ans->cat != in->cat || (n && (!fields || !lens))) {
		error_set(err, GM_ERR_ARG, 0, NULL, "no intake, answers or fields, or answers of "
			  "another catalogue");
		return GM_ERR_ARG;
	}
	return decode(in, fields, lens, n, line, NULL, ans, id, idlen, err);
}

gm_status gm_intake_decode_record(gm_intake *in, const gm_csv_record *rec, gm_answers *ans,
				  const char **id, size_t *idlen, gm_error *err)
{
	if (!in || !rec || !ans || ans->cat != in->cat) {
		error_set(err, GM_ERR_ARG, 0, NULL, "no intake, record or answers, or answers of "
			  "another catalogue");
		return GM_ERR_ARG;
	}
	return decode(in, rec->fields, rec->lens, rec->n, rec->line, rec, ans, id, idlen, err);
}

void gm_intake_match(gm_intake *in, const gm_answers *ans, int flags, gm_result *res)
{
	char msg[sizeof res->msgbuf];

	if (!in || !ans || !res)
		return;
	if (in->last == ROW_OK) {
		gm_match(ans, flags, res);
		return;
	}
	/* The library resets res; a record not read whole then keeps no
	 * ranking, setting or missing list: nothing of it can be trusted
	 * but a positive safety answer. */
	gm_match(ans, flags & ~(GM_MATCH_STRICT | GM_MATCH_CHANGES), res);
	if ((res->status == GM_RESULT_URGENT || res->status == GM_RESULT_REVIEW)
	    && in->last == ROW_BROKEN) {
		/* a positive screener item stays a review, with nothing
		 * else of the row: no ranking, no setting */
		if (res->status == GM_RESULT_REVIEW) {
			res->nranked = 0;
			res->advice = -1;
			res->comfort = -1;
			res->readiness = 0;
			res->nmissing = 0;
		}
		snprintf(msg, sizeof msg, "%s (%s)", res->message ? res->message : "", in->problem);
		memcpy(res->msgbuf, msg, sizeof res->msgbuf);
		res->message = res->msgbuf;
		return;
	}
	if (res->status == GM_RESULT_URGENT)
		return;
	res->status = GM_RESULT_INVALID;
	res->nranked = 0;
	res->advice = -1;
	res->comfort = -1;
	res->readiness = 0;
	if (in->last == ROW_BROKEN)
		res->nmissing = 0;
	res->safety_skipped = 0;
	res->safety = GM_SAFETY_MISSING;	/* not read: the row could not be */
	snprintf(res->msgbuf, sizeof res->msgbuf, "%s", in->problem);
	res->message = res->msgbuf;
}
