/* cases.c - case tables (answers -> expected first choice, top two, setting, status) and the runner that checks them.
 *
 * Past 700 lines for a reason: reading a table (TSV or CSV, comments,
 * columns by name) and running its cases against a catalogue share the
 * case structure, which stays private to this file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "csv.h"
#include "groupmatch.h"
#include "ascii.h"
#include "text.h"
#include "editdist.h"

#define MAX_COLUMNS 64
#define MAX_PAIRS 64          /* QUESTION=VALUE pairs in one case */

enum column { COL_NAME, COL_ANSWERS, COL_FIRST, COL_TOP2, COL_SETTING, COL_STATUS, NCOLUMNS };

static const char *const column_names[NCOLUMNS] = {
	"name", "answers", "first", "top2", "setting", "status"
};

/* One case.  Every string points into text, one allocation per case. */
struct gm_case {
	char *text;
	int line;
	const char *name;
	int npairs;
	const char *pairs;             /* npairs times QUESTION\0VALUE\0, in text */
	int nfirst;                    /* 0: the first choice is not checked */
	const char *first[GM_MAX_GROUPS];
	int ntop2;                     /* 0: the top two are not checked */
	const char *top2[2];
	const char *setting;           /* NULL: not checked */
	const char *status;            /* NULL: not checked */
};

/* The string after s in a run of NUL-terminated strings: the value after
 * a question, the next question after a value. */
static const char *next_string(const char *s)
{
	return s + strlen(s) + 1;
}

struct gm_cases {
	struct gm_case *cases;
	size_t n, cap;
};

/* The parser's state: the header's column of each known column. */
struct table {
	gm_cases *cases;
	int have_header;
	int header_line;
	int ncols;                     /* in the header */
	int at[NCOLUMNS];              /* field index of each column, -1 when absent */
	gm_error *errs;
	size_t nerrs, caperrs;
	int nomem;
	size_t *names;                 /* open addressing: 1 + index of a case, 0 for free */
	size_t nnames;                 /* slots, a power of two, at most half full */
};

static size_t name_hash(const char *s)
{
	size_t h = 14695981039346656037u & SIZE_MAX;  /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
	return h;
}

/* The slot where name is, or the free slot where it would go. */
static size_t name_slot(const struct table *t, const char *name)
{
	size_t mask = t->nnames - 1, k;

	for (k = name_hash(name) & mask; t->names[k]; k = (k + 1) & mask)
		if (!strcmp(t->cases->cases[t->names[k] - 1].name, name))
			break;
	return k;
}

/* The index of the case already named name, or -1. */
static long name_find(const struct table *t, const char *name)
{
	size_t k;

	if (!t->nnames)
		return -1;
	k = name_slot(t, name);
	return t->names[k] ? (long)(t->names[k] - 1) : -1;
}

/* Remembers the name of case i, a name no earlier case has; sets
 * t->nomem when the table cannot grow. */
static void name_add(struct table *t, size_t i)
{
	if (2 * (i + 1) > t->nnames) {
		struct table grown = *t;
		size_t k;

		grown.nnames = t->nnames ? 2 * t->nnames : 64;
		grown.names = calloc(grown.nnames, sizeof *grown.names);
		if (!grown.names) {
			t->nomem = 1;
			return;
		}
		for (k = 0; k < t->nnames; k++)
			if (t->names[k])
				grown.names[name_slot(&grown, t->cases->cases[t->names[k] - 1].name)] =
					t->names[k];
		free(t->names);
		t->names = grown.names;
		t->nnames = grown.nnames;
	}
	t->names[name_slot(t, t->cases->cases[i].name)] = i + 1;
}

static void problem(struct table *t, int line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct table *t, int line, const char *column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	loader_vproblem(&t->errs, &t->nerrs, &t->caperrs, &t->nomem, GM_ERR_ARG, line, 0, column,
			fmt, ap);
	va_end(ap);
}

/* A cell's text for messages: at most 40 bytes, control bytes as '?'. */
static void shown(char *out, size_t outsz, const char *s)
{
	size_t i, n = strlen(s);

	snprintf(out, outsz, "%.40s%s", s, n > 40 ? "..." : "");
	for (i = 0; out[i]; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
}

/* NULL when the len bytes at s are printable UTF-8 (tabs allowed), else
 * what is wrong with them. */
static const char *bad_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p;
		size_t n, k;
		unsigned long cp;

		if (c < 0x80) {
			if (c == 0)
				return "NUL byte in the cell";
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return "control character in the cell";
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return "invalid UTF-8 in the cell";
		if ((size_t)(end - p) <= n)
			return "invalid UTF-8 in the cell";
		for (k = 1; k <= n; k++) {
			if ((p[k] & 0xC0) != 0x80)
				return "invalid UTF-8 in the cell";
			cp = cp << 6 | (p[k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))
		    || (cp >= 0xD800 && cp <= 0xDFFF))
			return "invalid UTF-8 in the cell";
		p += n + 1;
	}
	return NULL;
}

static int not_checked(const char *s)
{
	return !*s || !strcmp(s, "-");
}

/* Splits s at commas in place into list (at most max entries); -1 when
 * there are more, or an entry is empty. */
static int split_list(char *s, const char **list, int max)
{
	int n = 0;

	for (;;) {
		char *comma = strchr(s, ','), *end;
		const char *p = s;
		size_t len;

		if (comma)
			*comma = '\0';
		len = strlen(p);
		text_trim_space(&p, &len);
		end = (char *)p + len;
		*end = '\0';
		if (!len || n == max)
			return -1;
		list[n++] = p;
		if (!comma)
			return n;
		s = comma + 1;
	}
}

static void read_header(struct table *t, int line, const char **f, const size_t *len, int n)
{
	int i, k;

	t->have_header = 1;
	t->header_line = line;
	t->ncols = n;
	for (k = 0; k < NCOLUMNS; k++)
		t->at[k] = -1;
	for (i = 0; i < n; i++)
		for (k = 0; k < NCOLUMNS; k++) {
			const char *s = f[i];
			size_t l = len[i];

			text_trim_space(&s, &l);
			if (!ascii_ieq_str(s, l, column_names[k]))
				continue;
			if (t->at[k] >= 0)
				problem(t, line, column_names[k], "the header names column '%s' twice",
					column_names[k]);
			t->at[k] = i;
		}
	for (k = COL_NAME; k <= COL_ANSWERS; k++)
		if (t->at[k] < 0)
			problem(t, line, NULL, "the header has no '%s' column (a case table needs "
				"name and answers; first, top2, setting and status are optional)",
				column_names[k]);
}

/* Adds one case from the fields of a row. */
static void read_case(struct table *t, int line, const char **f, const size_t *len, int n)
{
	static const char *const statuses[] = { "ok", "review", "urgent", "invalid", NULL };
	static const char *const settings[] = { "group", "combined", "individual_first", NULL };
	char *cell[NCOLUMNS] = { NULL };
	struct gm_case *c;
	size_t total = 0;
	long seen;
	char *w, quoted[64];
	int k, bad = 0;

	/* trailing empty cells may be left out, as editors drop them */
	if (n > t->ncols || t->at[COL_NAME] >= n || t->at[COL_ANSWERS] >= n) {
		problem(t, line, NULL, "%d field%s where the header (line %d) has %d%s", n,
			n == 1 ? "" : "s", t->header_line, t->ncols,
			n > t->ncols ? "" : ": no name or answers");
		return;
	}
	if (t->cases->n == t->cases->cap) {
		size_t cap = t->cases->cap ? t->cases->cap * 2 : 32;
		struct gm_case *nc = realloc(t->cases->cases, cap * sizeof *nc);

		if (!nc) {
			t->nomem = 1;
			return;
		}
		t->cases->cases = nc;
		t->cases->cap = cap;
	}
	c = &t->cases->cases[t->cases->n];
	memset(c, 0, sizeof *c);
	c->line = line;
	for (k = 0; k < NCOLUMNS; k++)
		if (t->at[k] >= 0 && t->at[k] < n)
			total += len[t->at[k]] + 1;
	c->text = w = malloc(total ? total : 1);
	if (!c->text) {
		t->nomem = 1;
		return;
	}
	for (k = 0; k < NCOLUMNS; k++) {
		const char *s, *why;
		size_t l;

		if (t->at[k] < 0 || t->at[k] >= n)
			continue;
		s = f[t->at[k]];
		l = len[t->at[k]];
		text_trim_space(&s, &l);
		if ((why = bad_text(s, l))) {
			problem(t, line, column_names[k], "%s", why);
			bad = 1;
		}
		cell[k] = w;
		memcpy(w, s, l);
		w[l] = '\0';
		w += l + 1;
	}
	c->name = cell[COL_NAME];
	if (!*c->name || !strcmp(c->name, "-")) {
		problem(t, line, "name", "a case needs a name");
		bad = 1;
	} else if ((seen = name_find(t, c->name)) >= 0) {
		shown(quoted, sizeof quoted, c->name);
		problem(t, line, "name", "'%s' is already the name of the case on line %d",
			quoted, t->cases->cases[seen].line);
		bad = 1;
	}
	if (!not_checked(cell[COL_ANSWERS])) {
		char *save = NULL, *pair, *packed = cell[COL_ANSWERS];
		const char *q;
		size_t ql, vl;

		/* the pairs are packed at the start of the cell as they are
		 * read, so a case holds no table of pointers */
		c->pairs = packed;

		for (pair = strtok_r(cell[COL_ANSWERS], " \t", &save); pair;
		     pair = strtok_r(NULL, " \t", &save)) {
			char *eq = strchr(pair, '=');

			shown(quoted, sizeof quoted, pair);
			if (!eq || eq == pair) {
				problem(t, line, "answers", "'%s' is not QUESTION=VALUE", quoted);
				bad = 1;
				continue;
			}
			if (c->npairs == MAX_PAIRS) {
				problem(t, line, "answers", "more than %d answers", MAX_PAIRS);
				bad = 1;
				break;
			}
			*eq = '\0';
			q = c->pairs;
			for (k = 0; k < c->npairs; k++, q = next_string(next_string(q)))
				if (!strcmp(q, pair)) {
					shown(quoted, sizeof quoted, pair);
					problem(t, line, "answers", "'%s' is answered twice", quoted);
					bad = 1;
				}
			ql = strlen(pair) + 1;
			vl = strlen(eq + 1) + 1;
			memmove(packed, pair, ql);
			memmove(packed + ql, eq + 1, vl);
			packed += ql + vl;
			c->npairs++;
		}
	}
	if (cell[COL_FIRST] && !not_checked(cell[COL_FIRST])
	    && (c->nfirst = split_list(cell[COL_FIRST], c->first, GM_MAX_GROUPS)) < 0) {
		problem(t, line, "first", "expected group ids separated by commas");
		bad = 1;
	}
	if (cell[COL_TOP2] && !not_checked(cell[COL_TOP2])
	    && (c->ntop2 = split_list(cell[COL_TOP2], c->top2, 2)) < 0) {
		problem(t, line, "top2", "expected one or two group ids separated by a comma");
		bad = 1;
	}
	for (k = COL_SETTING; k <= COL_STATUS; k++) {
		const char *const *allowed = k == COL_SETTING ? settings : statuses;
		const char *v = cell[k];
		int j;

		if (!v || not_checked(v))
			continue;
		for (j = 0; allowed[j] && strcmp(allowed[j], v); j++)
			;
		if (!allowed[j]) {
			shown(quoted, sizeof quoted, v);
			problem(t, line, column_names[k], "'%s' is not %s", quoted, k == COL_SETTING
				? "group, combined or individual_first"
				: "ok, review, urgent or invalid");
			bad = 1;
			continue;
		}
		if (k == COL_SETTING)
			c->setting = v;
		else
			c->status = v;
	}
	if (bad) {
		free(c->text);
		return;
	}
	name_add(t, t->cases->n);
	t->cases->n++;
}

static void read_row(struct table *t, int line, const char **f, const size_t *len, int n)
{
	const char *s = f[0];
	size_t l = len[0];

	text_trim_space(&s, &l);
	if (l && *s == '#')
		return;	/* a comment */
	if (n == 1 && !l)
		return;	/* a blank line */
	if (!t->have_header)
		read_header(t, line, f, len, n);
	else if (t->at[COL_NAME] >= 0 && t->at[COL_ANSWERS] >= 0)
		read_case(t, line, f, len, n);
}

static void read_tsv(struct table *t, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	int line = 0;

	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end && !t->nomem && t->nerrs < LOADER_MAX_ERRORS) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *stop = eol ? eol : end, *f[MAX_COLUMNS];
		size_t flen[MAX_COLUMNS];
		int n = 0;

		line++;
		if (stop > p && stop[-1] == '\r')
			stop--;
		for (;;) {
			const char *tab = memchr(p, '\t', (size_t)(stop - p));
			const char *fend = tab ? tab : stop;

			if (n == MAX_COLUMNS) {
				n++;
				break;
			}
			f[n] = p;
			flen[n++] = (size_t)(fend - p);
			if (!tab)
				break;
			p = tab + 1;
		}
		if (n > MAX_COLUMNS)
			problem(t, line, NULL, "more than %d columns", MAX_COLUMNS);
		else
			read_row(t, line, f, flen, n);
		p = eol ? eol + 1 : end;
	}
}

/* A copy of text whose comment lines (a '#' first, outside quotes) are
 * blanked to spaces, so that a quote in a comment cannot open a field;
 * lines keep their places for the line numbers.  NULL when out of memory. */
static char *blank_comments(const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);
	int quoted = 0, at_start = 1;
	size_t i;

	if (!copy)
		return NULL;
	memcpy(copy, text, len);
	for (i = 0; i < len; i++) {
		if (at_start && !quoted) {
			size_t k = i;

			if (k == 0 && len >= 3 && !memcmp(copy, "\xEF\xBB\xBF", 3))
				k = 3;
			while (k < len && (copy[k] == ' ' || copy[k] == '\t'))
				k++;
			if (k < len && copy[k] == '#') {
				while (k < len && copy[k] != '\n' && copy[k] != '\r')
					copy[k++] = ' ';
				i = k - 1;
				at_start = 0;
				continue;
			}
		}
		if (copy[i] == '"')
			quoted = !quoted;
		at_start = copy[i] == '\n';
	}
	return copy;
}

static void read_csv(struct table *t, const char *text, size_t len)
{
	char *copy = blank_comments(text, len);
	struct csv_reader *r = copy ? csv_new_mem(copy, len, NULL) : NULL;
	struct csv_record rec;
	int got;

	if (!r) {
		free(copy);
		t->nomem = 1;
		return;
	}
	while (!t->nomem && t->nerrs < LOADER_MAX_ERRORS && (got = csv_read(r, &rec)) == 1) {
		const char *f[MAX_COLUMNS];
		size_t flen[MAX_COLUMNS], i;

		if (rec.error) {
			problem(t, (int)rec.line, NULL, "%s", csv_strerror(rec.error));
			continue;
		}
		if (rec.nfields > MAX_COLUMNS) {
			problem(t, (int)rec.line, NULL, "more than %d columns", MAX_COLUMNS);
			continue;
		}
		for (i = 0; i < rec.nfields; i++) {
			f[i] = rec.fields[i].p;
			flen[i] = rec.fields[i].len;
		}
		read_row(t, (int)rec.line, f, flen, (int)rec.nfields);
	}
	csv_free(r);
	free(copy);
}

/* Whether the table is CSV: by the name's extension, else by its first
 * line that is not a comment having no tab. */
static int is_csv(const char *text, size_t len, const char *name)
{
	size_t nl = name ? strlen(name) : 0, i = 0;

	if (nl >= 4 && ascii_ieq(name + nl - 4, ".csv", 4))
		return 1;
	if (nl >= 4 && (ascii_ieq(name + nl - 4, ".tsv", 4) || ascii_ieq(name + nl - 4, ".tab", 4)))
		return 0;
	while (i < len) {
		const char *eol = memchr(text + i, '\n', len - i);
		size_t stop = eol ? (size_t)(eol - text) : len, k = i;

		while (k < stop && (text[k] == ' ' || text[k] == '\r'))
			k++;
		if (k < stop && text[k] != '#')
			return !memchr(text + i, '\t', stop - i);
		i = stop + 1;
	}
	return 0;
}

void gm_cases_free(gm_cases *cases)
{
	size_t i;

	if (!cases)
		return;
	for (i = 0; i < cases->n; i++)
		free(cases->cases[i].text);
	free(cases->cases);
	free(cases);
}

gm_cases *gm_cases_parse(const char *text, size_t len, const char *name, gm_error **errors,
			 size_t *nerrors)
{
	struct table t;

	memset(&t, 0, sizeof t);
	if (errors)
		*errors = NULL;
	if (nerrors)
		*nerrors = 0;
	t.cases = calloc(1, sizeof *t.cases);
	if (!t.cases) {
		t.nomem = 1;
	} else {
		if (is_csv(text, len, name))
			read_csv(&t, text, len);
		else
			read_tsv(&t, text, len);
		if (!t.have_header && !t.nerrs)
			problem(&t, 0, NULL, "no header line (a case table starts with a line naming "
				"its columns: name, answers and any of first, top2, setting, status)");
		else if (!t.cases->n && !t.nerrs)
			problem(&t, 0, NULL, "no cases after the header");
	}
	if (t.nomem) {
		t.nerrs = 0;
		problem(&t, 0, NULL, "out of memory");
		if (t.nerrs)
			t.errs[0].status = GM_ERR_NOMEM;
	}
	free(t.names);
	if (t.nerrs || t.nomem) {
		gm_cases_free(t.cases);
		if (errors)
			*errors = t.errs;
		else
			free(t.errs);
		if (nerrors)
			*nerrors = t.nerrs;
		return NULL;
	}
	free(t.errs);
	return t.cases;
}

size_t gm_cases_count(const gm_cases *cases)
{
	return cases ? cases->n : 0;
}

const char *gm_case_name(const gm_cases *cases, size_t i)
{
	return cases && i < cases->n ? cases->cases[i].name : NULL;
}

int gm_case_line(const gm_cases *cases, size_t i)
{
	return cases && i < cases->n ? cases->cases[i].line : -1;
}

/* Reports an id of ids[0..n) that is not a group of cat, with a
 * did-you-mean; returns the number reported. */
static int check_groups(struct table *t, const struct gm_case *c, const char *column,
			const char *const *ids, int n, const struct gm_catalog *cat)
{
	int i, g, bad = 0;

	for (i = 0; i < n; i++) {
		char quoted[64], hint[96] = "";
		int best = 3;

		if (catalog_find_group(cat, ids[i]) >= 0)
			continue;
		for (g = 0; g < cat->ngroups; g++) {
			int d = edit_distance(ids[i], strlen(ids[i]), cat->groups[g].id,
						      strlen(cat->groups[g].id));

			if (d < best) {
				best = d;
				snprintf(hint, sizeof hint, " (did you mean '%s'?)", cat->groups[g].id);
			}
		}
		shown(quoted, sizeof quoted, ids[i]);
		problem(t, c->line, column, "'%s' is not a group of the catalogue%s", quoted, hint);
		bad++;
	}
	return bad;
}

gm_status gm_cases_check(const gm_cases *cases, const gm_catalog *cat, gm_error **errors,
			 size_t *nerrors)
{
	struct table t;
	size_t i;
	int k;

	memset(&t, 0, sizeof t);
	if (errors)
		*errors = NULL;
	if (nerrors)
		*nerrors = 0;
	if (!cases || !cat)
		return GM_ERR_ARG;
	for (i = 0; i < cases->n; i++) {
		const struct gm_case *c = &cases->cases[i];

		const char *q = c->pairs;

		for (k = 0; k < c->npairs; k++, q = next_string(next_string(q))) {
			char quoted[64], hint[96] = "";
			int best = 3, j;

			if (catalog_find_question(cat, q, strlen(q)) >= 0)
				continue;
			for (j = 0; j < cat->nquestions; j++) {
				int d = edit_distance(q, strlen(q), cat->questions[j].id,
							      cat->questions[j].id_len);

				if (d < best) {
					best = d;
					snprintf(hint, sizeof hint, " (did you mean '%s'?)",
						 cat->questions[j].id);
				}
			}
			shown(quoted, sizeof quoted, q);
			problem(&t, c->line, "answers", "'%s' is not a question of the catalogue%s",
				quoted, hint);
		}
		check_groups(&t, c, "first", c->first, c->nfirst, cat);
		check_groups(&t, c, "top2", c->top2, c->ntop2, cat);
	}
	if (t.nomem) {
		free(t.errs);
		return GM_ERR_NOMEM;
	}
	if (errors)
		*errors = t.errs;
	else
		free(t.errs);
	if (nerrors)
		*nerrors = t.nerrs;
	return t.nerrs ? GM_ERR_ARG : GM_OK;
}

/* Appends to the outcome's report, one line per failed check. */
static void say(gm_case_outcome *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(gm_case_outcome *o, const char *fmt, ...)
{
	size_t used = strlen(o->report);
	va_list ap;

	if (used + 1 >= sizeof o->report)
		return;
	if (used)
		o->report[used++] = '\n';
	va_start(ap, fmt);
	vsnprintf(o->report + used, sizeof o->report - used, fmt, ap);
	va_end(ap);
}

/* "support (89%)" for rank r of res. */
static void ranked(char *out, size_t sz, const gm_result *res, size_t r)
{
	snprintf(out, sz, "%s (%d%%)", gm_result_group_id(res, r), gm_result_percent(res, r));
}

/* What came out instead of a ranking: "no ranking (status urgent)". */
static void no_ranking(char *out, size_t sz, const gm_result *res)
{
	snprintf(out, sz, "no ranking (status %s)", gm_result_status_name(res));
}

/* "a", "a or b", "a, b or c" (or "and"). */
static void listing(char *out, size_t sz, const char *const *ids, int n, const char *word)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < n && used < sz; i++) {
		const char *sep = i == 0 ? "" : i == n - 1 ? word : ", ";

		used += (size_t)snprintf(out + used, sz - used, "%s%s", sep, ids[i]);
	}
}

gm_status gm_cases_run(const gm_cases *cases, size_t i, const gm_catalog *cat,
		       gm_case_outcome *out)
{
	const struct gm_case *c;
	const char *q;
	gm_answers *ans;
	gm_result *res;
	char want[512], got[160], second[160];
	int k, j;

	if (!cases || !cat || !out || i >= cases->n)
		return GM_ERR_ARG;
	c = &cases->cases[i];
	memset(out, 0, sizeof *out);
	out->name = c->name;
	out->line = c->line;
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	if (!ans || !res) {
		gm_answers_free(ans);
		gm_result_free(res);
		return GM_ERR_NOMEM;
	}
	q = c->pairs;
	for (k = 0; k < c->npairs; k++, q = next_string(next_string(q))) {
		gm_error err;

		/* a value that does not fit makes the result invalid, which a
		 * case may expect; an unknown question cannot be answered */
		if (gm_answers_set(ans, q, next_string(q), &err) == GM_ERR_ARG)
			say(out, "answers: %s", err.message);
	}
	gm_match(ans, 0, res);
	if (c->status && strcmp(c->status, gm_result_status_name(res))) {
		const char *msg = gm_result_message(res);

		if (msg && gm_result_status_of(res) == GM_RESULT_INVALID)
			say(out, "status: expected %s, got invalid: %s", c->status, msg);
		else
			say(out, "status: expected %s, got %s", c->status, gm_result_status_name(res));
	}
	if (gm_result_rank_count(res) >= 2)
		ranked(second, sizeof second, res, 1);
	if (c->nfirst) {
		const char *id = gm_result_rank_count(res) ? gm_result_group_id(res, 0) : NULL;

		for (k = 0; id && k < c->nfirst && strcmp(c->first[k], id); k++)
			;
		if (!id || k == c->nfirst) {
			listing(want, sizeof want, c->first, c->nfirst, " or ");
			if (!id) {
				no_ranking(got, sizeof got, res);
				say(out, "first: expected %s, got %s", want, got);
			} else {
				ranked(got, sizeof got, res, 0);
				say(out, "first: expected %s, got %s, then %s", want, got,
				    gm_result_rank_count(res) >= 2 ? second : "nothing");
			}
		}
	}
	if (c->ntop2) {
		size_t n = gm_result_rank_count(res);
		int missing = 0;

		for (k = 0; k < c->ntop2; k++) {
			for (j = 0; j < 2 && (size_t)j < n && strcmp(c->top2[k], gm_result_group_id(res, (size_t)j)); j++)
				;
			if (j == 2 || (size_t)j >= n)
				missing = 1;
		}
		if (missing) {
			listing(want, sizeof want, c->top2, c->ntop2, " and ");
			if (!n) {
				no_ranking(got, sizeof got, res);
				say(out, "top2: expected %s in the top two, got %s", want, got);
			} else {
				ranked(got, sizeof got, res, 0);
				say(out, "top2: expected %s in the top two, got %s and %s", want, got,
				    n >= 2 ? second : "nothing");
			}
		}
	}
	if (c->setting) {
		const char *s = gm_result_setting(res);

		if (!s)
			say(out, "setting: expected %s, got none (status %s)", c->setting,
			    gm_result_status_name(res));
		else if (strcmp(s, c->setting))
			say(out, "setting: expected %s, got %s", c->setting, s);
	}
	out->passed = out->report[0] == '\0';
	gm_answers_free(ans);
	gm_result_free(res);
	return GM_OK;
}
