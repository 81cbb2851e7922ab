/* cmd_assign.c - the assign command: reads an intake and an offerings file, prints the roster or its summary. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "answers.h"
#include "assign_report.h"
#include "buf.h"
#include "cli.h"
#include "colmap.h"
#include "csv.h"
#include "jsonw.h"
#include "report.h"

#define NAME_SHOWN 48

struct acol {
	int kind;                  /* COL_* */
	int q;                     /* the question of a COL_QUESTION or COL_CHECKBOX */
	int option;                /* COL_CHECKBOX: the option it checks */
	char name[NAME_SHOWN + 8]; /* printable, for messages */
};

enum { COL_IGNORE, COL_ID, COL_QUESTION, COL_CHECKBOX, COL_AVAILABLE };

struct assign_cmd {
	struct cli *cli;
	const struct gm_catalog *cat;
	const char *offerings_path;
	const char *in_path;
	const char *in_name;
	const char *out_path;
	const char *id_column;
	const char *avail_column;
	const char *map_path;
	struct colmap map;
	struct buf scratch;        /* a multi-choice cell with its codes mapped */
	uint32_t checkbox_qs;      /* questions answered by checkbox columns */
	enum aformat fmt;
	int summary;
	int strict;
	int close_small;
	gm_offerings *offs;
	gm_assign *asg;
	struct acol *cols;
	size_t ncols;
	int safety_col;
	long urgent, invalid;      /* records whose status asks for follow-up */
};

static void assign_help(void)
{
	fputs("usage: groupmatch assign --offerings FILE [OPTIONS] [INTAKE]\n"
	      "\n"
	      "Place the ok records of an intake CSV (INTAKE, or standard input when it is\n"
	      "'-' or absent) into the groups a clinic runs, listed in the offerings file:\n"
	      "as many people as the seats allow, then the best total fit, then earlier\n"
	      "records first.  Urgent and invalid records are never placed; they are listed\n"
	      "with their status for follow-up.  One output row per record, in input order.\n"
	      "\n"
	      "Options:\n"
	      "      --offerings FILE   the groups that run: id, type, name, schedule, seats,\n"
	      "                         min_size, tags, eligible (see groupmatch-catalog(5))\n"
	      "  -o, --output FILE      write to FILE (replaced only when all is written)\n"
	      "      --format FORMAT    rows: csv (default) or jsonl; with --summary: text\n"
	      "                         (default), csv or json\n"
	      "      --summary          per offering: filled seats, below minimum, mean fit;\n"
	      "                         and the waitlist per type\n"
	      "      --close-small      close the emptiest offering below its minimum and\n"
	      "                         place again, until every open one meets it\n"
	      "      --available-column NAME\n"
	      "                         the column of tags a person can attend, separated by\n"
	      "                         ';' (default: available; blank means any)\n"
	      "      --id-column NAME   the column holding record ids (default: id or\n"
	      "                         record_id)\n"
	      "      --map FILE         rename columns and option codes of another export,\n"
	      "                         as for batch\n"
	      "      --strict           treat unanswered questions as invalid\n"
	      "  -c, --catalog FILE     use FILE instead of the built-in catalogue\n"
	      "  -q, --quiet            no warnings or count line on stderr\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "CSV columns: id,status,offering,type,percent,choice,reason,message.  status is\n"
	      "placed, waitlist or the record's own status (urgent, invalid); for the\n"
	      "waitlist, type is the person's best type and reason says why they were not\n"
	      "placed in it: full, not_eligible, not_available or no_offering.\n"
	      "\n"
	      "Exit status: 0 every record ok (placed or waitlisted), 3 some record urgent,\n"
	      "64 usage, 65 some record invalid, 66 input not readable, 73 output not\n"
	      "creatable, 74 read or write error, 78 invalid catalogue or offerings.\n", stdout);
}

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

/* --- the intake ------------------------------------------------------- */

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
static int checkbox_column(struct assign_cmd *a, struct acol *c, const char *s, size_t len,
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
static int map_header(struct assign_cmd *a, const struct csv_record *rec)
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
		answers_quote(c->name, sizeof c->name, s, len);
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
static void map_codes(struct assign_cmd *a, int q, const char **p, size_t *len)
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
static void set_checkboxes(struct assign_cmd *a, gm_answers *ans, const uint64_t *boxes,
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
static int add_record(struct assign_cmd *a, const struct csv_record *rec, gm_answers *ans,
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

					answers_quote(quoted, sizeof quoted, f->p, f->len);
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
	gm_match(ans, a->strict ? GM_MATCH_STRICT : 0, res);
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

static int read_intake(struct assign_cmd *a)
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

/* --- output ----------------------------------------------------------- */

/* s as one CSV field, quoted when it has to be. */
static void csv_field(struct buf *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(out, s);
		return;
	}
	buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(out, '"');
		buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

static void rows_csv(struct assign_cmd *a, struct buf *out)
{
	const gm_assign *g = a->asg;

	buf_adds(out, "id,status,offering,type,percent,choice,reason,message\n");
	for (size_t i = 0; i < gm_assign_record_count(g); i++) {
		long o = gm_assign_record_offering(g, i);
		int pc = gm_assign_record_percent(g, i);

		csv_field(out, gm_assign_record_id(g, i));
		buf_addc(out, ',');
		buf_adds(out, gm_assign_record_status(g, i));
		buf_addc(out, ',');
		if (o >= 0)
			csv_field(out, gm_offering_id(a->offs, (size_t)o));
		buf_addc(out, ',');
		csv_field(out, gm_assign_record_type(g, i));
		buf_addc(out, ',');
		if (pc >= 0)
			buf_addf(out, "%d,%d", pc, gm_assign_record_choice(g, i));
		else
			buf_addc(out, ',');
		buf_addc(out, ',');
		csv_field(out, gm_assign_record_reason(g, i));
		buf_addc(out, ',');
		csv_field(out, gm_assign_record_message(g, i));
		buf_addc(out, '\n');
	}
}

static void rows_jsonl(struct assign_cmd *a, struct buf *out)
{
	const gm_assign *g = a->asg;
	struct jw w;

	for (size_t i = 0; i < gm_assign_record_count(g); i++) {
		long o = gm_assign_record_offering(g, i);
		int pc = gm_assign_record_percent(g, i);

		jw_init(&w, out, 0);
		jw_object(&w);
		jw_key_string(&w, "id", gm_assign_record_id(g, i));
		jw_key_string(&w, "status", gm_assign_record_status(g, i));
		jw_key_string(&w, "offering", o >= 0 ? gm_offering_id(a->offs, (size_t)o) : NULL);
		jw_key_string(&w, "type", gm_assign_record_type(g, i));
		jw_key(&w, "percent");
		if (pc >= 0)
			jw_int(&w, pc);
		else
			jw_null(&w);
		jw_key(&w, "choice");
		if (pc >= 0)
			jw_int(&w, gm_assign_record_choice(g, i));
		else
			jw_null(&w);
		jw_key_string(&w, "reason", gm_assign_record_reason(g, i));
		jw_key_string(&w, "message", gm_assign_record_message(g, i));
		jw_end_object(&w);
		buf_addc(out, '\n');
	}
}

/* Writes data to path through a temporary file beside it, synced and
 * renamed into place; or to stdout.  Returns 0 or an exit status. */
static int write_out(const char *path, struct buf *data)
{
	const char *p = data->data ? data->data : "";
	size_t left = data->len;
	char *tmp = NULL;
	int fd = STDOUT_FILENO, rc = 0;

	if (data->oom) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	if (path && strcmp(path, "-")) {
		struct stat st;
		const char *slash = strrchr(path, '/');
		int dirlen = slash ? (int)(slash - path) + 1 : 0;
		mode_t mask;

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			cli_error("cannot create '%s': %s", path, strerror(EISDIR));
			return EXIT_CANTCREAT;
		}
		if (!(tmp = malloc(strlen(path) + 16))) {
			cli_error("out of memory");
			return EXIT_CANTCREAT;
		}
		sprintf(tmp, "%.*s.%s.XXXXXX", dirlen, path, path + dirlen);
		if ((fd = mkstemp(tmp)) < 0) {
			cli_error("cannot create '%s': %s", path, strerror(errno));
			free(tmp);
			return EXIT_CANTCREAT;
		}
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	while (left) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (errno != EPIPE)
				cli_error("cannot write '%s': %s", tmp ? path : "standard output", strerror(errno));
			rc = EXIT_IOERR;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (tmp) {
		if (!rc && fsync(fd) != 0 && errno != EINVAL) {
			cli_error("cannot write '%s': %s", path, strerror(errno));
			rc = EXIT_IOERR;
		}
		if (close(fd) != 0 && !rc) {
			cli_error("cannot write '%s': %s", path, strerror(errno));
			rc = EXIT_IOERR;
		}
		if (!rc && rename(tmp, path) != 0) {
			cli_error("cannot create '%s': %s", path, strerror(errno));
			rc = EXIT_CANTCREAT;
		}
		if (rc)
			unlink(tmp);
		free(tmp);
	}
	return rc;
}

/* --- the command ------------------------------------------------------ */

static int load_offerings(struct assign_cmd *a)
{
	gm_error *errs = NULL;
	size_t n = 0;

	a->offs = gm_offerings_load_file(a->cat, a->offerings_path, &errs, &n);
	if (a->offs)
		return 0;
	if (n == 1 && errs[0].status == GM_ERR_IO) {
		cli_error("cannot open '%s': %s", a->offerings_path, errs[0].message);
		gm_errors_free(errs);
		return EXIT_NOINPUT;
	}
	for (size_t i = 0; i < n; i++) {
		const gm_error *e = &errs[i];

		if (e->line)
			cli_error("%s:%d:%d: %s", a->offerings_path, e->line, e->column, e->message);
		else if (e->path[0])
			cli_error("%s: %s: %s", a->offerings_path, e->path, e->message);
		else
			cli_error("%s: %s", a->offerings_path, e->message);
	}
	if (n > 1)
		cli_error("%s: %zu problems; the offerings are not valid", a->offerings_path, n);
	gm_errors_free(errs);
	return EXIT_CONFIG;
}

static void warn_unknown_tags(struct assign_cmd *a)
{
	size_t n = gm_assign_unknown_tag_count(a->asg);
	struct buf list = BUF_INIT;

	if (!n || a->cli->quiet)
		return;
	for (size_t i = 0; i < n && i < 10; i++)
		buf_addf(&list, "%s'%s' (%ld)", i ? ", " : "", gm_assign_unknown_tag(a->asg, i),
			 gm_assign_unknown_tag_records(a->asg, i));
	if (n > 10)
		buf_addf(&list, " and %zu more", n - 10);
	cli_warn("'%s': column '%s' names tags that no offering has: %s", a->in_name,
		 a->avail_column, buf_cstr(&list));
	buf_release(&list);
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a && b && strcmp(a, "-") && strcmp(b, "-") && stat(a, &sa) == 0 && stat(b, &sb) == 0
		&& sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int cmd_assign(struct cli *cli, int argc, char **argv)
{
	enum { OPT_OFFERINGS = 2000, OPT_FORMAT, OPT_SUMMARY, OPT_CLOSE_SMALL, OPT_AVAILABLE,
	       OPT_ID_COLUMN, OPT_MAP, OPT_STRICT };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "available-column", required_argument, NULL, OPT_AVAILABLE },
		{ "close-small", no_argument, NULL, OPT_CLOSE_SMALL },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "id-column", required_argument, NULL, OPT_ID_COLUMN },
		{ "map", required_argument, NULL, OPT_MAP },
		{ "offerings", required_argument, NULL, OPT_OFFERINGS },
		{ "output", required_argument, NULL, 'o' },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const format_names[] = { "", "csv", "jsonl", "json", "text" };
	struct assign_cmd a;
	struct buf out = BUF_INIT;
	int c, code;

	memset(&a, 0, sizeof a);
	a.cli = cli;
	a.avail_column = "available";
	while ((c = getopt_long(argc, argv, "c:ho:q", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'h':
			assign_help();
			return EXIT_OK;
		case 'o':
			a.out_path = optarg;
			break;
		case OPT_AVAILABLE:
			a.avail_column = optarg;
			break;
		case OPT_CLOSE_SMALL:
			a.close_small = 1;
			break;
		case OPT_FORMAT:
			a.fmt = AF_DEFAULT;
			for (int f = AF_CSV; f <= AF_TEXT; f++)
				if (!strcmp(optarg, format_names[f]))
					a.fmt = (enum aformat)f;
			if (a.fmt == AF_DEFAULT) {
				cli_error("--format: '%.40s' is not csv, jsonl, json or text", optarg);
				return cli_usage_error("assign");
			}
			break;
		case OPT_ID_COLUMN:
			a.id_column = optarg;
			break;
		case OPT_MAP:
			a.map_path = optarg;
			break;
		case OPT_OFFERINGS:
			a.offerings_path = optarg;
			break;
		case OPT_STRICT:
			a.strict = 1;
			break;
		case OPT_SUMMARY:
			a.summary = 1;
			break;
		default:
			return cli_usage_error("assign");
		}
	}
	if (argc - optind > 1) {
		cli_error("assign takes one intake file, not %d", argc - optind);
		return cli_usage_error("assign");
	}
	if (!a.offerings_path) {
		cli_error("assign needs --offerings FILE, the groups the clinic runs");
		return cli_usage_error("assign");
	}
	if (a.fmt == AF_DEFAULT)
		a.fmt = a.summary ? AF_TEXT : AF_CSV;
	if (a.summary ? a.fmt == AF_JSONL : a.fmt == AF_JSON || a.fmt == AF_TEXT) {
		cli_error("--format: '%s' is not %s", format_names[a.fmt],
			  a.summary ? "text, csv or json for --summary" : "csv or jsonl for rows");
		return cli_usage_error("assign");
	}
	a.in_path = argc > optind ? argv[optind] : NULL;
	a.in_name = a.in_path && strcmp(a.in_path, "-") ? a.in_path : "standard input";
	if (same_file(a.out_path, a.in_path) || same_file(a.out_path, a.offerings_path)) {
		cli_error("-o: '%s' is an input file; refusing to overwrite it", a.out_path);
		return cli_usage_error("assign");
	}
	if (!(a.cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	if ((code = load_offerings(&a)))
		goto done;
	if (a.map_path && (code = colmap_load(&a.map, a.map_path, a.cat)))
		goto done;
	if (!(a.asg = gm_assign_new(a.offs))) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	if ((code = read_intake(&a)))
		goto done;
	warn_unknown_tags(&a);
	if (gm_assign_solve(a.asg, a.close_small ? GM_ASSIGN_CLOSE_SMALL : 0) != GM_OK) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	if (a.summary)
		assign_summary(a.cat, a.offs, a.asg, a.fmt, cli_utf8(), &out);
	else if (a.fmt == AF_JSONL)
		rows_jsonl(&a, &out);
	else
		rows_csv(&a, &out);
	if ((code = write_out(a.out_path, &out)))
		goto done;
	if (!cli->quiet) {
		size_t n = gm_assign_record_count(a.asg);
		long placed = gm_assign_placed(a.asg);

		fprintf(stderr, "groupmatch: %zu record%s: %ld placed, %ld waitlist, %ld urgent, "
			"%ld invalid\n", n, n == 1 ? "" : "s", placed,
			(long)n - placed - a.urgent - a.invalid, a.urgent, a.invalid);
	}
	code = a.urgent ? EXIT_URGENT : a.invalid ? EXIT_DATAERR : EXIT_OK;
done:
	buf_release(&out);
	buf_release(&a.scratch);
	colmap_release(&a.map);
	free(a.cols);
	gm_assign_free(a.asg);
	gm_offerings_free(a.offs);
	return code;
}
