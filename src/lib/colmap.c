/* colmap.c - a column map: the column names and option codes of other intake exports, from CSV or JSON. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "answers.h"
#include "ascii.h"
#include "colmap.h"
#include "csv.h"
#include "header.h"
#include "jsonparse.h"
#include "quote.h"
#include "text.h"

/* A header to a target ("id", "ignore" or a question id), or (q >= 0) an
 * option code of question q to the text that stands for it. */
struct colmap_entry {
	char *from;
	char *to;
	int q;
	char where[64];            /* "line 3", "columns.Q1": for messages */
};

struct gm_colmap {
	struct colmap_entry *e;
	size_t n, cap;
	uint32_t coded;            /* bit q: question q has option codes */
	const struct gm_catalog *cat;
	gm_error *err;             /* where the loader puts its one problem */
};

/* Records the problem at where ("line 3", "columns.Q1") with the given
 * status; returns -1. */
static int fail(gm_colmap *m, gm_status st, int line, const char *where, const char *fmt, ...)
{
	gm_error *e = m->err;
	char msg[256];
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memset(e, 0, sizeof *e);
	e->status = st;
	e->line = line;
	if (where) {
		snprintf(e->path, sizeof e->path, "%s", where);
		snprintf(e->message, sizeof e->message, "%.60s: %s", where, msg);
	} else {
		snprintf(e->message, sizeof e->message, "%s", msg);
	}
	return -1;
}

static int nomem(gm_colmap *m)
{
	return fail(m, GM_ERR_NOMEM, 0, NULL, "out of memory");
}

static int ieq_n(const char *a, size_t alen, const char *b)
{
	return ascii_ieq_str(a, alen, b);
}

static int map_add(gm_colmap *m, int line, const char *where, const char *from, size_t fromlen,
		   const char *to, size_t tolen, int q)
{
	struct colmap_entry *e;

	/* the same column (or code) twice: which entry applied would depend
	 * on their order, and a safety column could silently drop out */
	for (size_t i = 0; i < m->n; i++) {
		char f[64], a[64], b[64];

		e = &m->e[i];
		if (e->q != q || !ieq_n(from, fromlen, e->from) || ieq_n(to, tolen, e->to))
			continue;
		quote_text(f, sizeof f, from, fromlen);
		quote_text(a, sizeof a, e->to, strlen(e->to));
		quote_text(b, sizeof b, to, tolen);
		return fail(m, GM_ERR_CATALOG, line, where, "%s '%s' is mapped twice, to '%s' (%s) "
			    "and to '%s': refused (which applies would depend on the order)",
			    q < 0 ? "the column" : "the code", f, a, e->where, b);
	}

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;

		e = realloc(m->e, cap * sizeof *e);
		if (!e)
			return nomem(m);
		m->e = e;
		m->cap = cap;
	}
	e = &m->e[m->n];
	e->from = strndup(from, fromlen);
	e->to = strndup(to, tolen);
	e->q = q;
	snprintf(e->where, sizeof e->where, "%s", where ? where : "");
	if (!e->from || !e->to) {
		free(e->from);
		free(e->to);
		return nomem(m);
	}
	if (q >= 0)
		m->coded |= 1u << q;
	m->n++;
	return 0;
}

void gm_colmap_free(gm_colmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->e[i].from);
		free(m->e[i].to);
	}
	free(m->e);
	free(m);
}

/* How severe a value (len bytes at s) of safety item q reads: -1 blank,
 * 0 a clear no (or 0) or a code the library cannot read at all ("R0",
 * "2", "Nein": the map is what gives it a meaning), then higher for more
 * severe: for the safety question 1 unsure ("maybe", "not sure") and 2
 * yes; for a screener item its value, an unreadable number, a yes or
 * words of doubt counting as 1 (unclear, the least positive).  In *what,
 * the reading in words for a message. */
static int severity(const struct gm_catalog *cat, int q, const char *s, size_t len, char *what,
		    size_t wsz)
{
	const char *id = cat->questions[q].id;
	struct gm_answers a;
	gm_safety d;
	long long n;
	char *end, num[32];

	text_trim_space(&s, &len);
	if (!len) {
		snprintf(what, wsz, "no answer");
		return -1;
	}
	if (q == cat->safety) {
		d = gm_safety_decide(s, len);
		if (d == GM_SAFETY_UNCLEAR && !gm_safety_doubtful(s, len))
			d = GM_SAFETY_NO;	/* a code of the map's own */
		snprintf(what, wsz, "%s to the safety question '%s'", d == GM_SAFETY_YES ? "a yes"
			 : d == GM_SAFETY_NO ? "a no" : "an unsure answer", id);
		return d == GM_SAFETY_YES ? 2 : d == GM_SAFETY_UNCLEAR ? 1 : 0;
	}
	memset(&a, 0, sizeof a);
	a.cat = cat;
	if (answers_set_text(&a, q, s, len, NULL) == GM_OK && (a.present >> q & 1)) {
		snprintf(what, wsz, "%s %lld on the safety item '%s'", a.value[q] > 0 ? "a positive" : "a",
			 (long long)a.value[q], id);
		return a.value[q] > 0 ? (int)a.value[q] : 0;
	}
	snprintf(num, sizeof num, "%.*s", (int)(len < sizeof num - 1 ? len : sizeof num - 1), s);
	n = strtoll(num, &end, 10);
	if ((len < sizeof num && end != num && !*end && n != 0) || answers_parse_yesno(s, len) == 1
	    || gm_safety_doubtful(s, len)) {
		snprintf(what, wsz, "an unreadable (so unclear) answer to the safety item '%s'", id);
		return 1;
	}
	snprintf(what, wsz, "a code of the safety item '%s'", id);
	return 0;
}

/* Checks one entry; returns 0 or records why not and returns -1.  from
 * is the header or the code being mapped, q the code's question (-1 for
 * a column); line is where it is in a CSV map (0 in a JSON one). */
static int map_check(gm_colmap *m, int line, const char *where, const char *from, size_t fromlen,
		     const char *to, size_t tolen, int q)
{
	const struct gm_question *qq;
	char v[64];

	quote_text(v, sizeof v, to, tolen);
	if (q >= 0 && header_safety_item(m->cat, q)) {
		char f[64], was[160], now[160];
		int a = severity(m->cat, q, from, fromlen, was, sizeof was);
		int b = severity(m->cat, q, to, tolen, now, sizeof now);

		/* a map may give a code a meaning, never make a safety
		 * answer less severe (nor blank) */
		quote_text(f, sizeof f, from, fromlen);
		if (b < 0)
			return fail(m, GM_ERR_CATALOG, line, where, "maps '%s', a code of the safety item "
				    "'%s', to nothing: refused", f, m->cat->questions[q].id);
		if (a > 0 && b < a)
			return fail(m, GM_ERR_CATALOG, line, where, "maps '%s', %s, to '%s': refused "
				    "(a map may not make a safety answer less severe)", f, was, v);
		if (q == m->cat->safety)
			return 0;	/* whatever else it says is read by the one decision */
	}
	if (q < 0) {
		int named = catalog_find_question(m->cat, from, fromlen), target;

		if (named < 0 || !header_safety_item(m->cat, named))
			named = near_safety_item(m->cat, from, fromlen);
		target = catalog_find_question(m->cat, to, tolen);
		if (named >= 0 && target != named) {
			char f[64];

			quote_text(f, sizeof f, from, fromlen);
			return fail(m, GM_ERR_CATALOG, line, where, "maps the column '%s', which names the "
				    "safety item '%s', to '%s': refused (its answers would be lost)", f,
				    m->cat->questions[named].id, v);
		}
		if (ieq_n(to, tolen, "id") || ieq_n(to, tolen, "ignore") || target >= 0)
			return 0;
		return fail(m, GM_ERR_ANSWER, line, where, "'%s' is not a question id, 'id' or 'ignore'", v);
	}
	qq = &m->cat->questions[q];
	if ((qq->kind == Q_SINGLE || qq->kind == Q_MULTI) && answers_find_option(qq, to, tolen) < 0) {
		return fail(m, GM_ERR_ANSWER, line, where, "'%s' is not an option of '%s'", v, qq->id);
	}
	if (qq->kind == Q_YESNO && answers_parse_yesno(to, tolen) < 0) {
		return fail(m, GM_ERR_ANSWER, line, where, "'%s' is not yes or no", v);
	}
	return 0;
}

static int map_question(gm_colmap *m, int line, const char *where, const char *id, size_t len)
{
	int q = catalog_find_question(m->cat, id, len);
	char v[64];

	if (q < 0) {
		quote_text(v, sizeof v, id, len);
		fail(m, GM_ERR_ANSWER, line, where, "'%s' is not a question id", v);
	}
	return q;
}

/* A JSON map: {"columns": {HEADER: TARGET}, "options": {QUESTION: {CODE: OPTION}}}. */
static int map_load_json(gm_colmap *m, const char *text, size_t len)
{
	struct json_fault f;
	cJSON *root = json_parse(text, len, 0, &f);
	cJSON *sect, *item, *code;
	char where[200], k1[64], k2[64];
	int rc = -1;

	if (!root) {
		fail(m, strcmp(f.message, "out of memory") ? GM_ERR_ANSWER : GM_ERR_NOMEM, f.line, NULL, "line %d, column %d: %s",
		     f.line, f.column, f.message);
		if (m->err)
			m->err->column = f.column;
		goto done;
	}
	if (!cJSON_IsObject(root)) {
		fail(m, GM_ERR_ANSWER, 0, NULL, "not a JSON object of \"columns\" and \"options\"");
		goto done;
	}
	cJSON_ArrayForEach(sect, root) {
		int is_cols = !strcmp(sect->string, "columns");

		if ((!is_cols && strcmp(sect->string, "options")) || !cJSON_IsObject(sect)) {
			quote_text(k1, sizeof k1, sect->string, strlen(sect->string));
			fail(m, GM_ERR_ANSWER, 0, NULL, "'%s' is not \"columns\" or \"options\" with an object",
			     k1);
			goto done;
		}
		cJSON_ArrayForEach(item, sect) {
			quote_text(k1, sizeof k1, item->string, strlen(item->string));
			snprintf(where, sizeof where, "%s.%s", sect->string, k1);
			if (is_cols) {
				if (!cJSON_IsString(item)) {
					fail(m, GM_ERR_ANSWER, 0, where, "expected a string");
					goto done;
				}
				if (map_check(m, 0, where, item->string, strlen(item->string), item->valuestring,
					      strlen(item->valuestring), -1)
				    || map_add(m, 0, where, item->string, strlen(item->string),
					       item->valuestring, strlen(item->valuestring), -1))
					goto done;
				continue;
			}
			{
				int q = map_question(m, 0, where, item->string, strlen(item->string));

				if (q < 0)
					goto done;
				if (!cJSON_IsObject(item)) {
					fail(m, GM_ERR_ANSWER, 0, where, "expected an object of codes");
					goto done;
				}
				cJSON_ArrayForEach(code, item) {
					char num[32];
					const char *to = num;

					quote_text(k2, sizeof k2, code->string, strlen(code->string));
					snprintf(where, sizeof where, "options.%s.%s", k1, k2);
					if (cJSON_IsString(code))
						to = code->valuestring;
					else if (cJSON_IsNumber(code))
						snprintf(num, sizeof num, "%.0f", code->valuedouble);
					else {
						fail(m, GM_ERR_ANSWER, 0, where, "expected a string");
						goto done;
					}
					if (map_check(m, 0, where, code->string, strlen(code->string), to, strlen(to), q)
					    || map_add(m, 0, where, code->string, strlen(code->string), to,
						       strlen(to), q))
						goto done;
				}
			}
		}
	}
	rc = 0;
done:
	cJSON_Delete(root);
	return rc;
}

/* A CSV map with a header from,to[,question]: a row without a question
 * renames a column; a row with one maps an option code of that question. */
static int map_load_csv(gm_colmap *m, const char *text, size_t len)
{
	struct csv_reader *r = csv_new_mem(text, len, NULL);
	struct csv_record rec;
	char where[64];
	int rc = -1, got, header = 1;

	if (!r)
		return nomem(m);
	while ((got = csv_read(r, &rec)) == 1) {
		const struct csv_field *f = rec.fields;
		const char *to, *from;
		size_t tolen, fromlen;
		int q = -1;

		snprintf(where, sizeof where, "line %lu", (unsigned long)rec.line);
		if (rec.error) {
			fail(m, GM_ERR_ANSWER, (int)rec.line, where, "%s", csv_strerror(rec.error));
			goto done;
		}
		if (header) {
			if (rec.nfields < 2 || rec.nfields > 3 || !ieq_n(f[0].p, f[0].len, "from")
			    || !ieq_n(f[1].p, f[1].len, "to")
			    || (rec.nfields == 3 && !ieq_n(f[2].p, f[2].len, "question"))) {
				fail(m, GM_ERR_ANSWER, (int)rec.line, where,
				     "expected the header from,to or from,to,question");
				goto done;
			}
			header = 0;
			continue;
		}
		if (rec.nfields < 2 || rec.nfields > 3) {
			fail(m, GM_ERR_ANSWER, (int)rec.line, where, "expected 2 or 3 fields, not %zu",
			     rec.nfields);
			goto done;
		}
		from = f[0].p, fromlen = f[0].len;
		to = f[1].p, tolen = f[1].len;
		text_trim_blanks(&from, &fromlen);
		text_trim_blanks(&to, &tolen);
		if (rec.nfields == 3 && f[2].len) {
			const char *qs = f[2].p;
			size_t qlen = f[2].len;

			text_trim_blanks(&qs, &qlen);
			if ((q = map_question(m, (int)rec.line, where, qs, qlen)) < 0)
				goto done;
		}
		if (map_check(m, (int)rec.line, where, from, fromlen, to, tolen, q)
		    || map_add(m, (int)rec.line, where, from, fromlen, to, tolen, q))
			goto done;
	}
	if (got < 0) {	/* reading memory fails only for want of it */
		nomem(m);
		goto done;
	}
	rc = 0;
done:
	csv_free(r);
	return rc;
}

gm_colmap *gm_colmap_load_buffer(const gm_catalog *cat, const char *text, size_t len,
				 gm_error *err)
{
	gm_colmap *m;
	size_t i = 0;
	int rc;

	if (err)
		memset(err, 0, sizeof *err);
	if (!cat || (!text && len)) {
		if (err) {
			err->status = GM_ERR_ARG;
			snprintf(err->message, sizeof err->message, "no catalogue or no text");
		}
		return NULL;
	}
	if (!(m = calloc(1, sizeof *m))) {
		if (err) {
			err->status = GM_ERR_NOMEM;
			snprintf(err->message, sizeof err->message, "out of memory");
		}
		return NULL;
	}
	m->cat = cat;
	m->err = err;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	if (i == len)
		rc = fail(m, GM_ERR_ANSWER, 0, NULL, "empty: expected a CSV of from,to or a JSON object");
	else if (text[i] == '{')
		rc = map_load_json(m, text, len);
	else
		rc = map_load_csv(m, text, len);
	m->err = NULL;
	if (rc) {
		gm_colmap_free(m);
		return NULL;
	}
	return m;
}

/* The map's target for a header, or NULL. */
const char *colmap_column(const gm_colmap *m, const char *name, size_t len)
{
	if (!m)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].q < 0 && ieq_n(name, len, m->e[i].from))
			return m->e[i].to;
	return NULL;
}

/* The map's text for an option code of question q, or NULL. */
const char *colmap_code(const gm_colmap *m, int q, const char *code, size_t len)
{
	if (!m || !(m->coded >> q & 1))
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].q == q && ieq_n(code, len, m->e[i].from))
			return m->e[i].to;
	return NULL;
}

int colmap_has_codes(const gm_colmap *m, int q)
{
	return m && q >= 0 && (m->coded >> q & 1);
}
