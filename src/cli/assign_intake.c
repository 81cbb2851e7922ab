/* assign_intake.c - the assign command's intake: header to columns, each record to answers, a result and its availability. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "answers.h"
#include "assign_intake.h"
#include "csv.h"
#include "quote.h"

#define NAME_SHOWN 48

struct acol {
	int kind;                  /* COL_* */
	int q;                     /* the question of a COL_QUESTION or COL_CHECKBOX */
	int option;                /* COL_CHECKBOX: the option it checks */
	char name[NAME_SHOWN + 8]; /* printable, for messages */
};

enum { COL_IGNORE, COL_ID, COL_QUESTION, COL_CHECKBOX, COL_AVAILABLE };

static int ieq(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && strncasecmp(a, b, alen) == 0;
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* The question named by s (len bytes, any case), or -1. */
static int find_question(const struct gm_catalog *cat, const char *s, size_t len)
{
	char low[64];

	if (len >= sizeof low)
		return -1;
	for (size_t k = 0; k < len; k++)
		low[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
	return catalog_find_question(cat, low, len);
}

/* A REDCap checkbox column, QUESTION___CODE, into c; 0 when s is not
 * one, 1 when it is, -1 after printing why it is a bad one. */
static int checkbox_column(struct assign_intake *a, struct acol *c, const char *s, size_t len,
			   unsigned long line)
{
	const struct gm_catalog *cat = a->cat;
	const char *sep = NULL, *qname = s, *code, *qt, *mapped;
	size_t qlen, clen;
	int q, o;

	for (size_t i = 0; i + 3 <= len && !sep; i++)
		if (s[i] == '_' && s[i + 1] == '_' && s[i + 2] == '_')
			sep = s + i;
	if (!sep || sep == s || sep + 3 == s + len)
		return 0;
	qlen = (size_t)(sep - s);
	code = sep + 3;
	clen = len - qlen - 3;
	if ((qt = colmap_column(&a->map, qname, qlen))) {
		qname = qt;
		qlen = strlen(qt);
	}
	q = find_question(cat, qname, qlen);
	if (q < 0 || (cat->questions[q].kind != Q_MULTI && cat->questions[q].kind != Q_SINGLE))
		return 0;
	mapped = colmap_code(&a->map, q, code, clen);
	o = mapped ? answers_find_option(&cat->questions[q], mapped, strlen(mapped))
		: answers_find_option(&cat->questions[q], code, clen);
	if (o < 0) {
		cli_error("'%s': line %lu: checkbox column '%s': '%.*s' is not an option of '%s'",
			  a->in_name, line, c->name, (int)(clen > 40 ? 40 : clen), code,
			  cat->questions[q].id);
		return -1;
	}
	c->kind = COL_CHECKBOX;
	c->q = q;
	c->option = o;
	a->checkbox_qs |= (uint32_t)1 << q;
	return 1;
}

/* Reads the header row into a->cols, as batch does (question ids in any
 * case, id or record_id, REDCap checkboxes, --map names), plus the
 * availability column; returns 0 or an exit status. */
static int map_header(struct assign_intake *a, const struct csv_record *rec)
{
	const struct gm_catalog *cat = a->cat;
	struct buf unknown = BUF_INIT;
	int owner[GM_MAX_QUESTIONS], id_col = -1, any_question = 0, rc = EXIT_DATAERR;
	size_t nunknown = 0;
	unsigned long line = (unsigned long)rec->line;

	for (int q = 0; q < GM_MAX_QUESTIONS; q++)
		owner[q] = -1;
	a->cols = calloc(rec->nfields ? rec->nfields : 1, sizeof *a->cols);
	if (!a->cols) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	a->ncols = rec->nfields;
	a->safety_col = -1;
	for (size_t i = 0; i < rec->nfields; i++) {
		struct acol *c = &a->cols[i];
		const char *s = rec->fields[i].p, *target;
		size_t len = rec->fields[i].len;
		int q, box;

		trim(&s, &len);
		quote_text(c->name, sizeof c->name, s, len);
		if (ieq(s, len, a->avail_column)) {
			c->kind = COL_AVAILABLE;
			continue;
		}
		if ((target = colmap_column(&a->map, s, len))) {
			s = target;
			len = strlen(target);
			if (ieq(s, len, "ignore"))
				continue;
		}
		if (a->id_column ? ieq(s, len, a->id_column) : ieq(s, len, "id") || ieq(s, len, "record_id")) {
			if (id_col < 0 || (!a->id_column && ieq(s, len, "id"))) {
				if (id_col >= 0)
					a->cols[id_col].kind = COL_IGNORE;
				c->kind = COL_ID;
				id_col = (int)i;
			}
			continue;
		}
		if ((q = find_question(cat, s, len)) >= 0) {
			if (owner[q] >= 0) {
				cli_error("'%s': line %lu: columns '%s' and '%s' both answer '%s'", a->in_name,
					  line, a->cols[owner[q]].name, c->name, cat->questions[q].id);
				goto done;
			}
			owner[q] = (int)i;
			c->kind = COL_QUESTION;
			c->q = q;
			any_question = 1;
			if (q == cat->safety)
				a->safety_col = (int)i;
			continue;
		}
		if ((box = checkbox_column(a, c, s, len, line)) < 0)
			goto done;
		if (box) {
			if (owner[c->q] >= 0 && a->cols[owner[c->q]].kind == COL_QUESTION) {
				cli_error("'%s': line %lu: columns '%s' and '%s' both answer '%s'", a->in_name,
					  line, a->cols[owner[c->q]].name, c->name, cat->questions[c->q].id);
				goto done;
			}
			owner[c->q] = (int)i;
			any_question = 1;
			continue;
		}
		/* REDCap's own bookkeeping columns need no word */
		if (len == 0 || (len >= 8 && !strncasecmp(s, "redcap_", 7))
		    || (len > 9 && !strncasecmp(s + len - 9, "_complete", 9))
		    || (len > 10 && !strncasecmp(s + len - 10, "_timestamp", 10)))
			continue;
		buf_adds(&unknown, nunknown++ ? ", '" : "'");
		buf_adds(&unknown, c->name);
		buf_addc(&unknown, '\'');
	}
	if (a->id_column && id_col < 0) {
		cli_error("'%s': no column '%s' for --id-column", a->in_name, a->id_column);
		goto done;
	}
	if (!any_question) {
		cli_error("'%s': line %lu: no column names a question (expected columns such as "
			  "'crisis', 'goals', 'comfort')", a->in_name, line);
		goto done;
	}
	if (!a->cli->quiet) {
		if (nunknown)
			cli_warn("'%s': ignoring %zu unknown column%s: %s", a->in_name, nunknown,
				 nunknown == 1 ? "" : "s", buf_cstr(&unknown));
		if (id_col < 0)
			cli_warn("'%s': no id column (id or record_id; or use --id-column): rows are "
				 "named by line", a->in_name);
		if (a->safety_col < 0 && cat->safety >= 0)
			cli_warn("'%s': no '%s' column: the safety question was not answered by anyone",
				 a->in_name, cat->questions[cat->safety].id);
	}
	rc = 0;
done:
	buf_release(&unknown);
	return rc;
}

/* The cell text with --map codes of question q turned into what they
 * stand for (each of several, for a multi-choice question). */
static void map_codes(struct assign_intake *a, int q, const char **p, size_t *len)
{
	const char *t = *p, *m;
	size_t tl = *len, i = 0;
	int mapped = 0;

	if (!a->map.n)
		return;
	trim(&t, &tl);
	if ((m = colmap_code(&a->map, q, t, tl))) {
		*p = m;
		*len = strlen(m);
		return;
	}
	if (a->cat->questions[q].kind != Q_MULTI)
		return;
	buf_reset(&a->scratch);
	while (i <= *len) {
		size_t start = i;

		while (i < *len && (*p)[i] != ';' && (*p)[i] != '|' && (*p)[i] != ',')
			i++;
		t = *p + start;
		tl = i - start;
		trim(&t, &tl);
		m = colmap_code(&a->map, q, t, tl);
		if (a->scratch.len)
			buf_addc(&a->scratch, ';');
		if (m) {
			buf_adds(&a->scratch, m);
			mapped = 1;
		} else {
			buf_add(&a->scratch, t, tl);
		}
		i++;
	}
	if (mapped) {
		*p = a->scratch.data;
		*len = a->scratch.len;
	}
}

/* A checkbox cell: 1 checked, 0 not, -1 neither. */
static int checkbox_value(const char *p, size_t len)
{
	int v;

	trim(&p, &len);
	if (!len)
		return 0;
	if ((v = answers_parse_yesno(p, len)) >= 0)
		return v;
	if (ieq(p, len, "checked"))
		return 1;
	return ieq(p, len, "unchecked") ? 0 : -1;
}

/* Sets the questions answered by checkbox columns from the boxes ticked;
 * a count out of the question's bounds is a problem of the record. */
static void set_checkboxes(struct assign_intake *a, gm_answers *ans, const uint64_t *boxes,
			   uint32_t bad, unsigned long line)
{
	const struct gm_catalog *cat = a->cat;

	for (int q = 0; q < cat->nquestions; q++) {
		const struct gm_question *qq = &cat->questions[q];
		int lo = qq->kind == Q_SINGLE ? 1 : qq->min, hi = qq->kind == Q_SINGLE ? 1 : qq->max;
		int count = __builtin_popcountll(boxes[q]);
		char msg[400];

		if (!(a->checkbox_qs >> q & 1) || (bad >> q & 1) || (!count && lo > 0))
			continue;
		if (count < lo || count > hi) {
			snprintf(msg, sizeof msg, "line %lu: %d option%s of '%s' %s checked (%s %d)", line,
				 count, count == 1 ? "" : "s", qq->id, count == 1 ? "is" : "are",
				 count < lo ? "at least" : "at most", count < lo ? lo : hi);
			answers_mark_invalid(ans, q, msg);
			continue;
		}
		answers_set_value(ans, q, (int64_t)boxes[q]);
	}
}

/* A question to hang a record's own problem on: not the safety question,
 * whose positive answer must survive the problem. */
static int not_safety(const struct gm_catalog *cat)
{
	return cat->safety == 0 && cat->nquestions > 1 ? 1 : 0;
}

/* Turns one record into answers and a result, and adds it. */
static int add_record(struct assign_intake *a, const struct csv_record *rec, gm_answers *ans,
		      gm_result *res)
{
	const char *id = NULL, *avail = NULL;
	size_t idlen = 0, availlen = 0;
	char msg[400], idbuf[32];
	uint64_t boxes[GM_MAX_QUESTIONS] = { 0 };
	uint32_t box_bad = 0;
	int empty = 1;
	gm_status st;

	gm_answers_clear(ans);
	if (rec->error || rec->nfields != a->ncols) {
		/* a broken row keeps only a positive safety answer */
		if (rec->nfields && a->safety_col >= 0 && (size_t)a->safety_col < rec->nfields) {
			const struct csv_field *f = &rec->fields[a->safety_col];

			if (answers_parse_yesno(f->p, f->len) == 1)
				answers_set_text(ans, a->cat->safety, f->p, f->len, NULL);
		}
		if (rec->error)
			snprintf(msg, sizeof msg, "line %lu: %s", (unsigned long)rec->line,
				 csv_strerror(rec->error));
		else
			snprintf(msg, sizeof msg, "line %lu: %zu fields where the header has %zu",
				 (unsigned long)rec->line, rec->nfields, a->ncols);
		answers_mark_invalid(ans, not_safety(a->cat), msg);
		for (size_t i = 0; i < rec->nfields && i < a->ncols; i++)
			if (a->cols[i].kind == COL_ID) {
				id = rec->fields[i].p;
				idlen = rec->fields[i].len;
			}
	} else {
		for (size_t i = 0; i < rec->nfields; i++) {
			const struct csv_field *f = &rec->fields[i];
			const struct acol *c = &a->cols[i];
			gm_error err;

			if (f->len)
				empty = 0;
			switch (c->kind) {
			case COL_ID:
				id = f->p;
				idlen = f->len;
				break;
			case COL_AVAILABLE:
				avail = f->p;
				availlen = f->len;
				break;
			case COL_QUESTION: {
				const char *p = f->p;
				size_t len = f->len;

				map_codes(a, c->q, &p, &len);
				if (len && answers_set_text(ans, c->q, p, len, &err) != GM_OK) {
					snprintf(msg, sizeof msg, "line %lu, column '%s': %s",
						 (unsigned long)rec->line, c->name, err.message);
					answers_mark_invalid(ans, c->q, msg);
				}
				break;
			}
			case COL_CHECKBOX: {
				int v = checkbox_value(f->p, f->len);

				if (v > 0) {
					boxes[c->q] |= (uint64_t)1 << c->option;
				} else if (v < 0 && !(box_bad >> c->q & 1)) {
					char quoted[64];

					quote_text(quoted, sizeof quoted, f->p, f->len);
					snprintf(msg, sizeof msg, "line %lu, column '%s': '%s' is not 1 or 0 "
						 "(checked or unchecked)", (unsigned long)rec->line, c->name, quoted);
					answers_mark_invalid(ans, c->q, msg);
					box_bad |= (uint32_t)1 << c->q;
				}
				break;
			}
			}
		}
		if (a->checkbox_qs)
			set_checkboxes(a, ans, boxes, box_bad, (unsigned long)rec->line);
		if (empty) {
			snprintf(msg, sizeof msg, "line %lu: empty record", (unsigned long)rec->line);
			answers_mark_invalid(ans, not_safety(a->cat), msg);
		}
	}
	gm_match(ans, GM_MATCH_STAFF | (a->strict ? GM_MATCH_STRICT : 0), res);
	if (!id || !idlen) {
		snprintf(idbuf, sizeof idbuf, "line %lu", (unsigned long)rec->line);
		id = idbuf;
		idlen = strlen(idbuf);
	}
	/* a clinician review needs follow-up as soon as an urgent record */
	if (gm_result_status_of(res) == GM_RESULT_URGENT || !strcmp(gm_result_status_name(res), "review"))
		a->urgent++;
	else if (gm_result_status_of(res) != GM_RESULT_OK)
		a->invalid++;
	st = gm_assign_add(a->asg, id, idlen, ans, res, avail, availlen);
	if (st != GM_OK) {
		cli_error(st == GM_ERR_NOMEM ? "out of memory" : "'%s': too many records", a->in_name);
		return EXIT_IOERR;
	}
	return 0;
}

int assign_read_intake(struct assign_intake *a)
{
	gm_answers *ans = gm_answers_new(a->cat);
	gm_result *res = gm_result_new(a->cat);
	struct csv_reader *r = NULL;
	struct csv_record rec;
	int fd = STDIN_FILENO, got, rc = EXIT_IOERR, have_header = 0;
	struct stat st;

	if (!ans || !res) {
		cli_error("out of memory");
		goto done;
	}
	if (a->in_path && strcmp(a->in_path, "-")) {
		fd = open(a->in_path, O_RDONLY);
		if (fd < 0 || (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))) {
			cli_error("cannot open '%s': %s", a->in_path, strerror(fd < 0 ? errno : EISDIR));
			rc = EXIT_NOINPUT;
			goto done;
		}
	}
	if (!(r = csv_new_fd(fd, NULL))) {
		cli_error("out of memory");
		goto done;
	}
	while ((got = csv_read(r, &rec)) == 1) {
		if (!have_header) {
			if (rec.error) {
				cli_error("'%s': the header row is not valid: %s", a->in_name,
					  csv_strerror(rec.error));
				rc = EXIT_DATAERR;
				goto done;
			}
			if ((rc = map_header(a, &rec)))
				goto done;
			have_header = 1;
			continue;
		}
		if ((rc = add_record(a, &rec, ans, res)))
			goto done;
	}
	if (got < 0) {
		cli_error("cannot read '%s': %s", a->in_name, strerror(errno));
		rc = EXIT_IOERR;
		goto done;
	}
	if (!have_header) {
		cli_error("'%s' is empty: expected a header row naming the questions", a->in_name);
		rc = EXIT_DATAERR;
		goto done;
	}
	rc = 0;
done:
	csv_free(r);
	if (fd > STDIN_FILENO)
		close(fd);
	gm_result_free(res);
	gm_answers_free(ans);
	return rc;
}

void assign_intake_release(struct assign_intake *a)
{
	buf_release(&a->scratch);
	free(a->cols);
	a->cols = NULL;
}
