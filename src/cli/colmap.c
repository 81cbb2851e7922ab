/* colmap.c - batch's --map file: the column names and option codes of other intake exports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cjson/cJSON.h>
#include "answers.h"
#include "cli.h"
#include "ascii.h"
#include "colmap.h"
#include "csv.h"
#include "jsonparse.h"
#include "quote.h"

#define MAP_MAX ((size_t)4 << 20)       /* largest --map file */

static int ieq_n(const char *a, size_t alen, const char *b)
{
	return ascii_ieq_str(a, alen, b);
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static int map_add(struct colmap *m, const char *from, size_t fromlen, const char *to,
		   size_t tolen, int q)
{
	struct colmap_entry *e;

	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;

		e = realloc(m->e, cap * sizeof *e);
		if (!e)
			return -1;
		m->e = e;
		m->cap = cap;
	}
	e = &m->e[m->n];
	e->from = strndup(from, fromlen);
	e->to = strndup(to, tolen);
	e->q = q;
	if (!e->from || !e->to) {
		free(e->from);
		free(e->to);
		return -1;
	}
	m->n++;
	return 0;
}

void colmap_release(struct colmap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->e[i].from);
		free(m->e[i].to);
	}
	free(m->e);
	m->e = NULL;
	m->n = m->cap = 0;
}

/* Checks one entry's target; returns 0 or prints why not and returns -1.
 * from is the code being mapped (NULL for a column). */
static int map_check(struct colmap *m, const char *where, const char *from, size_t fromlen,
		     const char *to, size_t tolen, int q)
{
	const struct gm_question *qq;
	char v[64];

	quote_text(v, sizeof v, to, tolen);
	if (q >= 0 && q == m->cat->safety) {
		gm_safety a = gm_safety_decide(from, fromlen), b = gm_safety_decide(to, tolen);
		char f[64];

		/* a map may give a code a meaning, never turn a yes into a no */
		if (gm_safety_positive(a) && a != GM_SAFETY_UNCLEAR && !gm_safety_positive(b)) {
			quote_text(f, sizeof f, from, fromlen);
			cli_error("map '%s': %s: maps '%s', a yes to the safety question '%s', to '%s': "
				  "refused", m->path, where, f, m->cat->questions[q].id, v);
			return -1;
		}
		if (gm_safety_decide(to, tolen) == GM_SAFETY_MISSING) {
			cli_error("map '%s': %s: maps a code of the safety question to nothing", m->path, where);
			return -1;
		}
		return 0;	/* whatever else it says is read by the one decision */
	}
	if (q < 0) {
		if (ieq_n(to, tolen, "id") || ieq_n(to, tolen, "ignore")
		    || catalog_find_question(m->cat, to, tolen) >= 0)
			return 0;
		cli_error("map '%s': %s: '%s' is not a question id, 'id' or 'ignore'", m->path, where, v);
		return -1;
	}
	qq = &m->cat->questions[q];
	if ((qq->kind == Q_SINGLE || qq->kind == Q_MULTI) && answers_find_option(qq, to, tolen) < 0) {
		cli_error("map '%s': %s: '%s' is not an option of '%s'", m->path, where, v, qq->id);
		return -1;
	}
	if (qq->kind == Q_YESNO && answers_parse_yesno(to, tolen) < 0) {
		cli_error("map '%s': %s: '%s' is not yes or no", m->path, where, v);
		return -1;
	}
	return 0;
}

static int map_question(struct colmap *m, const char *where, const char *id, size_t len)
{
	int q = catalog_find_question(m->cat, id, len);
	char v[64];

	if (q < 0) {
		quote_text(v, sizeof v, id, len);
		cli_error("map '%s': %s: '%s' is not a question id", m->path, where, v);
	}
	return q;
}

/* A JSON map: {"columns": {HEADER: TARGET}, "options": {QUESTION: {CODE: OPTION}}}.
 * text is NUL-terminated at len, as cli_read_file leaves it. */
static int map_load_json(struct colmap *m, const char *text, size_t len)
{
	struct json_fault f;
	cJSON *root = json_parse(text, len, 0, &f);
	cJSON *sect, *item, *code;
	char where[200], k1[64], k2[64];
	int rc = -1;

	if (!root) {
		cli_error("map '%s': line %d, column %d: %s", m->path, f.line, f.column, f.message);
		goto done;
	}
	if (!cJSON_IsObject(root)) {
		cli_error("map '%s': not a JSON object of \"columns\" and \"options\"", m->path);
		goto done;
	}
	cJSON_ArrayForEach(sect, root) {
		int is_cols = !strcmp(sect->string, "columns");

		if ((!is_cols && strcmp(sect->string, "options")) || !cJSON_IsObject(sect)) {
			quote_text(k1, sizeof k1, sect->string, strlen(sect->string));
			cli_error("map '%s': '%s' is not \"columns\" or \"options\" with an object",
				  m->path, k1);
			goto done;
		}
		cJSON_ArrayForEach(item, sect) {
			quote_text(k1, sizeof k1, item->string, strlen(item->string));
			snprintf(where, sizeof where, "%s.%s", sect->string, k1);
			if (is_cols) {
				if (!cJSON_IsString(item)) {
					cli_error("map '%s': %s: expected a string", m->path, where);
					goto done;
				}
				if (map_check(m, where, NULL, 0, item->valuestring, strlen(item->valuestring), -1)
				    || map_add(m, item->string, strlen(item->string),
					       item->valuestring, strlen(item->valuestring), -1))
					goto done;
				continue;
			}
			{
				int q = map_question(m, where, item->string, strlen(item->string));

				if (q < 0)
					goto done;
				if (!cJSON_IsObject(item)) {
					cli_error("map '%s': %s: expected an object of codes", m->path, where);
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
						cli_error("map '%s': %s: expected a string", m->path, where);
						goto done;
					}
					if (map_check(m, where, code->string, strlen(code->string), to, strlen(to), q)
					    || map_add(m, code->string, strlen(code->string), to,
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
static int map_load_csv(struct colmap *m, const char *text, size_t len)
{
	struct csv_reader *r = csv_new_mem(text, len, NULL);
	struct csv_record rec;
	char where[64];
	int rc = -1, got, header = 1;

	if (!r)
		return -1;
	while ((got = csv_read(r, &rec)) == 1) {
		const struct csv_field *f = rec.fields;
		const char *to, *from;
		size_t tolen, fromlen;
		int q = -1;

		snprintf(where, sizeof where, "line %lu", (unsigned long)rec.line);
		if (rec.error) {
			cli_error("map '%s': %s: %s", m->path, where, csv_strerror(rec.error));
			goto done;
		}
		if (header) {
			if (rec.nfields < 2 || rec.nfields > 3 || !ieq_n(f[0].p, f[0].len, "from")
			    || !ieq_n(f[1].p, f[1].len, "to")
			    || (rec.nfields == 3 && !ieq_n(f[2].p, f[2].len, "question"))) {
				cli_error("map '%s': line 1: expected the header from,to or from,to,question",
					  m->path);
				goto done;
			}
			header = 0;
			continue;
		}
		if (rec.nfields < 2 || rec.nfields > 3) {
			cli_error("map '%s': %s: expected 2 or 3 fields, not %zu", m->path, where,
				  rec.nfields);
			goto done;
		}
		from = f[0].p, fromlen = f[0].len;
		to = f[1].p, tolen = f[1].len;
		trim(&from, &fromlen);
		trim(&to, &tolen);
		if (rec.nfields == 3 && f[2].len) {
			const char *qs = f[2].p;
			size_t qlen = f[2].len;

			trim(&qs, &qlen);
			if ((q = map_question(m, where, qs, qlen)) < 0)
				goto done;
		}
		if (map_check(m, where, from, fromlen, to, tolen, q) || map_add(m, from, fromlen, to, tolen, q))
			goto done;
	}
	if (got < 0) {
		cli_error("map '%s': cannot read: %s", m->path, strerror(errno));
		goto done;
	}
	rc = 0;
done:
	csv_free(r);
	return rc;
}

int colmap_load(struct colmap *m, const char *path, const struct gm_catalog *cat)
{
	size_t len = 0, i = 0;
	int code = 0, rc;
	char *text;

	m->path = path;
	m->cat = cat;
	if (!(text = cli_read_file(path, MAP_MAX, &len, &code)))
		return code;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	if (i == len) {
		cli_error("map '%s' is empty: expected a CSV of from,to or a JSON object", m->path);
		free(text);
		return EXIT_DATAERR;
	}
	if (i < len && text[i] == '{')
		rc = map_load_json(m, text, len);
	else
		rc = map_load_csv(m, text, len);
	free(text);
	return rc ? EXIT_DATAERR : 0;
}

/* The map's target for a header, or NULL. */
const char *colmap_column(const struct colmap *m, const char *name, size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].q < 0 && ieq_n(name, len, m->e[i].from))
			return m->e[i].to;
	return NULL;
}

/* The map's text for an option code of question q, or NULL. */
const char *colmap_code(const struct colmap *m, int q, const char *code, size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].q == q && ieq_n(code, len, m->e[i].from))
			return m->e[i].to;
	return NULL;
}
