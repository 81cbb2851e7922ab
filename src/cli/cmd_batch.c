/* cmd_batch.c - the batch command: scores an intake CSV, one output row per record, or sums it up. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "answers.h"
#include "ascii.h"
#include "batch.h"
#include "cli.h"
#include "colmap.h"
#include "csv.h"
#include "engine.h"
#include "jsonparse.h"
#include "jsonw.h"
#include "outfile.h"
#include "quote.h"
#include "text.h"

#define OUT_FLUSH ((size_t)256 << 10)   /* write output in blocks of about this size */
#define NAME_SHOWN 48                   /* bytes of a column name in messages */
#define UNKNOWN_SHOWN 5                 /* unknown columns named in the warning */

enum format { FMT_CSV, FMT_JSONL, FMT_JSON, FMT_HTML };

enum col_kind {
	COL_IGNORE,    /* unknown, or known not to matter */
	COL_ID,
	COL_QUESTION,  /* the answer to question q */
	COL_CHECKBOX   /* one option of q: 1/Checked or 0/Unchecked */
};

#define CACHE_WORDS 6                        /* a cached text is up to 48 bytes */
#define CACHE_KEY (CACHE_WORDS * 8)

/* A field text already parsed for a column, with what it parsed to: the
 * same bytes always give the same answer, and intake answers repeat, so
 * most fields skip the parser. */
struct cache_slot {
	uint64_t key[CACHE_WORDS];  /* the text, zero-padded */
	int64_t value;
	uint32_t len;               /* of the text; UINT32_MAX for an empty slot */
	uint32_t present;           /* 1 a valid answer, 0 "no answer" */
};

struct column {
	enum col_kind kind;
	int q;
	int option;                /* COL_CHECKBOX */
	char name[NAME_SHOWN + 8]; /* the header, printable, for messages */
	struct cache_slot *cache;  /* COL_QUESTION: cache_mask + 1 slots */
	uint32_t cache_mask;
	enum {
		READ_PARSER,       /* answers_set_text (with --map codes) */
		READ_YESNO,        /* answers_parse_yesno straight away */
		READ_SCALE,        /* a small whole number read here */
		READ_TEXTS,        /* the cache holds whole texts */
		READ_OPTIONS       /* the cache holds single options */
	} read;
};

/* The ids of records someone must follow up, kept for the summary so
 * that nobody who needs a call is only a count.  Past the cap the rest
 * are counted. */
#define IDS_MAX ((size_t)1 << 20)	/* per list: RSS stays within SPEC 6 */
struct idlist {
	struct buf ids;            /* each id followed by a NUL */
	unsigned long n;           /* records in the list */
	unsigned long kept;        /* of them, with their id in ids */
	int keep;                  /* keep ids (for --summary) */
};

struct counts {
	unsigned long records, ok, urgent, invalid;
	unsigned long unclear;     /* urgent because the safety answer was unclear */
	unsigned long unscreened;  /* the safety question was not answered */
	unsigned long first[GM_MAX_GROUPS];
	unsigned long top2[GM_MAX_GROUPS];
	unsigned long setting[ADVICE_COUNT];
	struct idlist urgent_ids, unclear_ids, unscreened_ids;
	unsigned long review;      /* a score rule asks for a clinician's review */
	struct idlist review_ids;
	unsigned long scored[GM_MAX_SCORE_BLOCKS];  /* records with a total */
	unsigned long band[GM_MAX_SCORE_BLOCKS][GM_MAX_BANDS];
};

struct batch {
	struct cli *cli;
	const struct gm_catalog *cat;
	enum format fmt;
	int top;
	int strict;
	int summary;
	int no_header;
	const char *columns;       /* --columns */
	const char *id_column;     /* --id-column */
	const char *keep;          /* --keep COL,...: copied after the id */
	size_t keep_col[16];       /* their columns, in --keep order */
	char keep_name[16][256];   /* their names: as given, then as in the header */
	int nkeep;
	char delim;                /* --delimiter, 0 to detect */
	int encoding;              /* --encoding: CSV_UTF8, CSV_LATIN1, CSV_CP1252 */
	int format_given;          /* --format was given (for --summary csv) */
	int bad_utf8;              /* invalid UTF-8 was warned about */
	const struct csv_record *rec; /* the record being scored */
	const char *map_path;
	struct colmap map;

	const char *in_name;       /* for messages */
	int in_fd;
	off_t in_size;             /* 0 when unknown */
	struct csv_reader *csv;

	struct column *cols;
	size_t ncols;
	int safety_col;            /* column of the safety question, -1 if none */
	int safety_box;            /* a checkbox column answers it */
	int id_col;                /* the id column, -1 if none: ids are "line N" */
	uint32_t checkbox_qs;      /* questions answered by checkbox columns */

	const char *out_path;      /* -o, NULL for stdout */
	struct outfile outf;       /* -o, or standard output */
	int out_fd;
	int out_errno;             /* first write error, 0 if none */
	struct buf out;
	struct buf scratch;
	struct buf shown_id;       /* an id as shown on a terminal */
	int terminal;              /* the rows go to a terminal */
	gm_writer *writer;         /* the rows' format, made once the header is read */

	struct counts n;
	int progress;
	int completed;             /* every record was read and written */
	struct timespec t0, last;
};

static void batch_help(void)
{
	fputs("usage: groupmatch batch [OPTIONS] [FILE]\n"
	      "\n"
	      "Score every record of an intake CSV (FILE, or standard input when FILE is\n"
	      "'-' or absent): one output row per input record, in input order, with the\n"
	      "status ok, urgent or invalid and the safety answer; or, with --summary, how\n"
	      "many records point to each group type and setting, and the ids of every\n"
	      "record to follow up.\n"
	      "\n"
	      "Options:\n"
	      "  -o, --output FILE      write to FILE (replaced only when scoring ends)\n"
	      "      --format FORMAT    csv (default), jsonl (one JSON object per line, as\n"
	      "                         'match --format json'), json (an array), or html\n"
	      "                         (with --summary only; --summary --format csv is\n"
	      "                         one row per count, for a spreadsheet)\n"
	      "      --top N            rank columns in csv output (default 3)\n"
	      "      --strict           treat unanswered questions as invalid\n"
	      "      --summary          print counts per status, group and setting instead\n"
	      "                         of rows (text, JSON with --format json, or a page\n"
	      "                         of charts to print with --format html)\n"
	      "      --no-header        the input has no header row (and the output gets\n"
	      "                         none, so chunks of a split file concatenate)\n"
	      "      --columns LIST     the column names, comma-separated (with --no-header,\n"
	      "                         or instead of the file's header row)\n"
	      "      --id-column NAME   the column holding record ids (default: id,\n"
	      "                         record_id or 'Record ID'; without one, ids are\n"
	      "                         'line N')\n"
	      "      --keep LIST        copy these input columns (comma-separated, up to\n"
	      "                         16: names, clinician) into each row, after the id\n"
	      "                         (in JSON, into a \"columns\" object)\n"
	      "      --delimiter SEP    ',', ';' or 'tab' (default: whichever the header\n"
	      "                         line uses, outside quotes)\n"
	      "      --encoding ENC     utf-8 (default), latin1 or cp1252 (a Windows\n"
	      "                         spreadsheet's 'CSV'); output is always UTF-8\n"
	      "      --map FILE         rename columns and option codes of another export\n"
	      "                         (CSV from,to,question or JSON; see groupmatch(1))\n"
	      "  -c, --catalog FILE     use FILE instead of the built-in catalogue\n"
	      "  -q, --quiet            no progress, warnings or count line on stderr (a\n"
	      "                         file with no safety column is still warned about)\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "Columns are matched to question ids in any case.  REDCap exports work:\n"
	      "checkbox columns such as issues___anxiety or issues___3 (1 or Checked) add\n"
	      "up to one answer, and *_complete and redcap_* columns are ignored.\n"
	      "Spreadsheet exports work too: yes/no answers may be Yes, Y, TRUE or 1, a\n"
	      "BOM and CRLF line ends are skipped, and a record that is not valid UTF-8\n"
	      "is named with its line and column.\n"
	      "\n"
	      "Examples:\n"
	      "  groupmatch batch intake.csv -o results.csv\n"
	      "  groupmatch batch --encoding cp1252 --keep Name export.csv\n"
	      "  groupmatch batch --summary --format csv -o counts.csv intake.csv\n"
	      "\n"
	      "CSV output columns: id,status,safety,rank1,rank1_percent,rank2,\n"
	      "rank2_percent,rank3,rank3_percent,setting,message.  safety is yes, no,\n"
	      "unclear (counted as yes) or missing; urgent rows carry a note for staff.\n"
	      "\n"
	      "Exit status: 0 every record ok, 3 some record urgent (a positive or unclear\n"
	      "safety answer: this wins over 65), 64 usage, 65 some record invalid (every\n"
	      "other record is still written), 66 input not readable, 73 output not\n"
	      "creatable, 74 read or write error, 78 invalid catalogue.\n", stdout);
}

/* --- output ----------------------------------------------------------- */

/* Writes out the buffered output; remembers the first error. */
static void out_flush(struct batch *b)
{
	const char *p = b->out.data;
	size_t left = b->out.len;

	if (b->out.oom && !b->out_errno)
		b->out_errno = ENOMEM;
	while (left && !b->out_errno) {
		ssize_t n = write(b->out_fd, p, left);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			b->out_errno = errno;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	buf_reset(&b->out);
}

/* The writer of the rows, made once the header has named the --keep
 * columns; returns 0, or EXIT_IOERR when out of memory. */
static int open_writer(struct batch *b)
{
	const char *names[16];
	gm_writer_opts o = { .top = b->top, .ncolumns = (size_t)b->nkeep, .columns = names };
	gm_error err;

	if (b->writer || b->summary || b->fmt == FMT_HTML)
		return 0;
	for (int i = 0; i < b->nkeep; i++)
		names[i] = b->keep_name[i];
	b->writer = gm_writer_new(b->cat, b->fmt == FMT_CSV ? GM_FORMAT_CSV : GM_FORMAT_JSON, &o, &err);
	if (!b->writer) {
		cli_error("%s", err.message);
		return EXIT_IOERR;
	}
	return 0;
}

static void csv_header_out(struct batch *b)
{
	size_t n = gm_writer_header(b->writer, NULL, 0);

	if (buf_reserve(&b->out, n))
		return;
	b->out.len += gm_writer_header(b->writer, b->out.data + b->out.len, n + 1);
}

/* One result as a row (CSV, or the JSON object with the --keep columns,
 * as read, in a "columns" object at its end), written by the writer
 * straight into the output buffer. */
static void row_out(struct batch *b, const struct gm_result *res, const char *id, size_t idlen)
{
	struct buf *out = &b->out;
	const char *cells[16];
	size_t lens[16], total, room, n;

	if (id && b->fmt == FMT_CSV && b->terminal && quote_control_at(id, idlen) < idlen &&
	    !buf_reserve(&b->shown_id, idlen)) {
		/* a terminal would obey the id's control characters */
		idlen = quote_printable(b->shown_id.data, id, idlen);
		id = b->shown_id.data;
	}
	total = idlen;
	for (int k = 0; k < b->nkeep; k++) {	/* the clinic's own columns, as they were */
		size_t c = b->keep_col[k];

		cells[k] = NULL;
		lens[k] = 0;
		if (b->rec && c < b->rec->nfields) {
			cells[k] = b->rec->fields[c].p ? b->rec->fields[c].p : "";
			lens[k] = b->rec->fields[c].len;
			total += lens[k];
		}
	}
	if (buf_reserve(out, gm_writer_bound(b->writer, total)))
		return;
	room = out->cap - out->len;
	n = gm_writer_result_cells(b->writer, res, id, idlen, b->nkeep ? cells : NULL, lens,
				   out->data + out->len, room);
	if (n < room)
		out->len += n;
	else
		out->oom = 1;
}

/* --- progress --------------------------------------------------------- */

static double seconds_since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress(struct batch *b, int last)
{
	struct timespec now;
	double t;
	uint64_t bytes = csv_offset(b->csv);

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!last && seconds_since(&b->last, &now) < 0.25)
		return;
	b->last = now;
	t = seconds_since(&b->t0, &now);
	if (!last && t < 1.0)
		return;
	if (last) {
		if (t >= 1.0)
			fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\r\033[Kgroupmatch: %lu records, %.0f MB/s", b->n.records,
		t > 0 ? (double)bytes / t / 1e6 : 0.0);
	if (b->in_size > 0 && bytes < b->in_size) {	/* converted bytes may outgrow it */
		double rate = t > 0 ? (double)bytes / t : 0;

		fprintf(stderr, ", %.0f%%", 100.0 * (double)bytes / (double)b->in_size);
		if (rate > 0 && (double)b->in_size > (double)bytes) {
			long eta = (long)(((double)b->in_size - (double)bytes) / rate + 0.5);

			if (eta >= 60)
				fprintf(stderr, ", about %ld min %02ld s left", eta / 60, eta % 60);
			else
				fprintf(stderr, ", about %ld s left", eta);
		}
	}
	fflush(stderr);
}

static int ieq_n(const char *a, size_t alen, const char *b)
{
	return ascii_ieq_str(a, alen, b);
}

/* Whether the header name a (alen bytes) is b, in any case and with
 * spaces, hyphens and underscores alike: "Record ID" is record_id. */
static int name_is(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (strlen(b) != alen)
		return 0;
	for (i = 0; i < alen; i++) {
		unsigned char x = ascii_lower((unsigned char)a[i]), y = ascii_lower((unsigned char)b[i]);

		if (x == ' ' || x == '-')
			x = '_';
		if (y == ' ' || y == '-')
			y = '_';
		if (x != y)
			return 0;
	}
	return 1;
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* --- the header ------------------------------------------------------- */

/* Whether a column is one a REDCap export always adds and batch needs
 * no word about. */
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

/* Reads the header into b->cols; returns 0 or an exit status. */
static int map_header(struct batch *b, const struct csv_field *f, size_t nf, uint64_t line)
{
	const struct gm_catalog *cat = b->cat;
	struct buf unknown = BUF_INIT;
	int owner[GM_MAX_QUESTIONS];
	size_t nunknown = 0, i;
	int any_question = 0, id_col = -1, rc = EXIT_DATAERR;
	uint64_t kept = 0;	/* bit i: column i is kept (and so not unknown) */

	for (i = 0; i < GM_MAX_QUESTIONS; i++)
		owner[i] = -1;
	b->nkeep = 0;
	for (const char *k = b->keep; k && *k;) {	/* --keep name,name */
		size_t n = strcspn(k, ",");

		if (b->nkeep == 16 || n == 0 || n >= sizeof b->keep_name[0]) {
			cli_error("--keep: '%.40s' is not a list of up to 16 column names", b->keep);
			return EXIT_USAGE;
		}
		memcpy(b->keep_name[b->nkeep], k, n);
		b->keep_name[b->nkeep][n] = '\0';
		b->keep_col[b->nkeep++] = (size_t)-1;
		k += n + (k[n] == ',');
	}
	b->cols = calloc(nf ? nf : 1, sizeof *b->cols);
	if (!b->cols) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	b->ncols = nf;
	b->safety_col = -1;
	b->id_col = -1;
	for (i = 0; i < nf; i++) {
		struct column *c = &b->cols[i];
		const char *s = f[i].p, *target, *sep;
		size_t len = f[i].len;
		int q, safety_name;

		c->kind = COL_IGNORE;
		trim(&s, &len);
		/* byte order marks: a file saved twice may have more than one */
		while (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			len -= 3;
		}
		quote_text(c->name, sizeof c->name, s, len);
		safety_name = catalog_find_question(cat, s, len) == cat->safety;
		for (int k = 0; k < b->nkeep; k++)
			if (b->keep_col[k] == (size_t)-1 && name_is(s, len, b->keep_name[k])) {
				size_t n = len < sizeof b->keep_name[k] ? len : sizeof b->keep_name[k] - 1;

				memcpy(b->keep_name[k], s, n);	/* the header's own spelling, whole */
				b->keep_name[k][n] = '\0';
				b->keep_col[k] = i;
				if (i < 64)
					kept |= (uint64_t)1 << i;
			}
		target = colmap_column(&b->map, s, len);
		if (target) {
			if (safety_name && catalog_find_question(cat, target, strlen(target)) != cat->safety)
				cli_warn("'%s': the map turns the safety column '%s' into '%s': "
					 "its answers are not read", b->in_name, c->name, target);
			s = target;
			len = strlen(target);
			if (ieq_n(s, len, "ignore"))
				continue;
		}
		if (b->id_column && ieq_n(s, len, b->id_column) &&
		    catalog_find_question(cat, s, len) == cat->safety) {
			cli_error("--id-column: '%s' is the safety question's column; it cannot hold the ids",
				  b->id_column);
			rc = EXIT_USAGE;
			goto done;
		}
		if (b->id_column ? name_is(s, len, b->id_column)
		    : name_is(s, len, "id") || name_is(s, len, "record_id")) {
			if (id_col < 0 || (!b->id_column && ieq_n(s, len, "id"))) {
				if (id_col >= 0)
					b->cols[id_col].kind = COL_IGNORE;
				c->kind = COL_ID;
				id_col = (int)i;
			}
			continue;
		}
		q = catalog_find_question(cat, s, len);	/* any ASCII case */
		if (q >= 0) {
			if (owner[q] >= 0) {
				cli_error("'%s': line %lu: columns '%s' and '%s' both answer '%s'",
					  b->in_name, (unsigned long)line, b->cols[owner[q]].name,
					  c->name, cat->questions[q].id);
				goto done;
			}
			owner[q] = (int)i;
			c->kind = COL_QUESTION;
			c->q = q;
			any_question = 1;
			if (q == cat->safety)
				b->safety_col = (int)i;
			continue;
		}
		/* REDCap checkbox: QUESTION___CODE */
		sep = find_triple_underscore(s, len);
		if (sep && sep > s && sep + 3 < s + len) {
			const char *qname = s, *code = sep + 3;
			size_t qlen = (size_t)(sep - s), clen = len - qlen - 3;
			const char *qt = colmap_column(&b->map, qname, qlen);

			if (qt) {
				qname = qt;
				qlen = strlen(qt);
			}
			q = catalog_find_question(cat, qname, qlen);
			if (q >= 0 && cat->questions[q].kind != Q_SCALE) {
				const char *mapped = colmap_code(&b->map, q, code, clen);
				const char *cs = mapped ? mapped : code;
				size_t cl = mapped ? strlen(mapped) : clen;
				/* a yes/no question's boxes are its yes and its no */
				int o = cat->questions[q].kind == Q_YESNO ? answers_parse_yesno(cs, cl)
					: answers_find_option(&cat->questions[q], cs, cl);

				if (o < 0) {
					char shown[64];

					quote_text(shown, sizeof shown, code, clen);
					cli_error("'%s': line %lu: checkbox column '%s': '%s' is not an option of '%s'",
						  b->in_name, (unsigned long)line, c->name, shown,
						  cat->questions[q].id);
					goto done;
				}
				if (owner[q] >= 0 && b->cols[owner[q]].kind == COL_QUESTION) {
					cli_error("'%s': line %lu: columns '%s' and '%s' both answer '%s'",
						  b->in_name, (unsigned long)line, b->cols[owner[q]].name,
						  c->name, cat->questions[q].id);
					goto done;
				}
				owner[q] = (int)i;
				c->kind = COL_CHECKBOX;
				c->q = q;
				c->option = o;
				b->checkbox_qs |= 1u << q;
				if (q == cat->safety)
					b->safety_box = 1;
				any_question = 1;
				continue;
			}
		}
		if (redcap_bookkeeping(s, len) || len == 0 || (i < 64 && (kept >> i & 1)))
			continue;
		if (nunknown < UNKNOWN_SHOWN) {
			buf_adds(&unknown, nunknown ? ", '" : "'");
			buf_adds(&unknown, c->name);
			buf_addc(&unknown, '\'');
		}
		nunknown++;
	}
	for (int k = 0; k < b->nkeep; k++)
		if (b->keep_col[k] == (size_t)-1) {
			char q[64];

			cli_error("'%s': no column '%s' for --keep", b->in_name,
				  cli_quoted(q, sizeof q, b->keep_name[k]));
			rc = cli_usage_error("batch");
			goto done;
		}
	if (b->id_column && id_col < 0) {
		char q[64];

		cli_error("'%s': no column '%s' for --id-column", b->in_name,
			  cli_quoted(q, sizeof q, b->id_column));
		rc = cli_usage_error("batch");	/* the option is wrong, not the data */
		goto done;
	}
	if (!any_question) {
		cli_error("'%s': line %lu: no column names a question (expected columns such as "
			  "'crisis', 'goals', 'comfort'; see 'groupmatch questions --format csv')",
			  b->in_name, (unsigned long)line);
		goto done;
	}
	if (nunknown > UNKNOWN_SHOWN)
		buf_addf(&unknown, " and %zu more", nunknown - UNKNOWN_SHOWN);
	if (nunknown && !b->cli->quiet)
		cli_warn("'%s': ignoring %zu unknown column%s: %s", b->in_name, nunknown,
			 nunknown == 1 ? "" : "s", buf_cstr(&unknown));
	/* said even under -q: every row will say the person was not screened */
	if (b->safety_col < 0 && !b->safety_box)
		cli_warn("'%s': no column answers the safety question '%s': every record is "
			 "'safety: missing' and must be screened before it is placed", b->in_name,
			 cat->questions[cat->safety].id);
	b->id_col = id_col;
	{
		/* an over-limit record keeps these two, so an urgent row keeps its id */
		size_t keep[2] = { id_col >= 0 ? (size_t)id_col : (size_t)-1,
				   b->safety_col >= 0 ? (size_t)b->safety_col : (size_t)-1 };

		if (b->csv)
			csv_keep(b->csv, keep, 2);
	}
	if (id_col < 0 && !b->cli->quiet) {
		struct buf seen = BUF_INIT;

		for (i = 0; i < nf && i < 6; i++)
			buf_addf(&seen, "%s'%s'", i ? ", " : "", b->cols[i].name);
		if (nf > 6)
			buf_addf(&seen, " and %zu more", nf - 6);
		cli_warn("'%s': no id column (expected 'id' or 'record_id'; the columns are %s; name "
			 "one with --id-column): rows are identified as 'line N'", b->in_name,
			 buf_cstr(&seen));
		buf_release(&seen);
	}
	for (i = 0; i < nf; i++) {
		struct column *c = &b->cols[i];
		const struct gm_question *qq;
		size_t slots;

		if (c->kind != COL_QUESTION)
			continue;
		/* Yes/no and numbers are quicker to read than to look up;
		 * multi-choice texts combine options in too many ways to be
		 * worth remembering whole.  A map rewrites texts first, so
		 * then only whole texts are remembered. */
		qq = &cat->questions[c->q];
		if (c->q == cat->safety)
			c->read = READ_PARSER;	/* every safety cell goes through the one decision */
		else if (b->map.n)
			c->read = READ_TEXTS;
		else if (qq->kind == Q_YESNO)
			c->read = READ_YESNO;
		else if (qq->kind == Q_SCALE)
			c->read = READ_SCALE;
		else
			c->read = qq->kind == Q_MULTI ? READ_OPTIONS : READ_TEXTS;
		if (c->read == READ_YESNO || c->read == READ_SCALE)
			continue;
		slots = c->read == READ_OPTIONS ? 256 : 32;
		c->cache = malloc(slots * sizeof *c->cache);
		if (!c->cache) {
			c->read = READ_PARSER;	/* no cache, just slower */
			continue;
		}
		memset(c->cache, 0xFF, slots * sizeof *c->cache);
		c->cache_mask = (uint32_t)slots - 1;
	}
	rc = 0;
done:
	buf_release(&unknown);
	return rc;
}

/* Reads --columns LIST as the header. */
static int columns_from_list(struct batch *b)
{
	struct csv_reader *r = csv_new_mem(b->columns, strlen(b->columns), NULL);
	struct csv_record rec;
	int rc;

	if (!r) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	if (csv_read(r, &rec) != 1 || rec.error) {
		char q[64];

		cli_error("--columns '%s' is not a comma-separated list of names",
			  cli_quoted(q, sizeof q, b->columns));
		csv_free(r);
		return EXIT_USAGE;
	}
	rc = map_header(b, rec.fields, rec.nfields, 0);
	csv_free(r);
	return rc;
}

/* --- one record ------------------------------------------------------- */

/* Sets question q from field text, applying --map codes. */
static void set_answer(struct batch *b, struct gm_answers *ans, const struct column *c,
		       const char *p, size_t len, uint64_t line)
{
	gm_error err;
	char msg[400];

	if (b->map.n) {
		const struct gm_question *qq = &b->cat->questions[c->q];
		const char *t = p, *m;
		size_t tl = len;

		trim(&t, &tl);
		m = colmap_code(&b->map, c->q, t, tl);
		if (m) {
			p = m;
			len = strlen(m);
		} else if (qq->kind == Q_MULTI) {
			/* map each of several codes */
			size_t i = 0, start;
			int mapped = 0;

			buf_reset(&b->scratch);
			while (i <= len) {
				start = i;
				while (i < len && p[i] != ';' && p[i] != '|' && p[i] != ',')
					i++;
				t = p + start;
				tl = i - start;
				trim(&t, &tl);
				m = colmap_code(&b->map, c->q, t, tl);
				if (b->scratch.len)
					buf_addc(&b->scratch, ';');
				if (m) {
					buf_adds(&b->scratch, m);
					mapped = 1;
				} else {
					buf_add(&b->scratch, t, tl);
				}
				i++;
			}
			if (mapped) {
				p = b->scratch.data;
				len = b->scratch.len;
			}
		}
	}
	if (answers_set_text(ans, c->q, p, len, &err) == GM_OK)
		return;
	snprintf(msg, sizeof msg, "line %lu, column '%s': %s", (unsigned long)line, c->name,
		 err.message);
	answers_mark_invalid(ans, c->q, msg);
}

/* Loads the len bytes at p (len <= CACHE_KEY) as zero-padded words.
 * Reads up to 7 bytes past the end, which the CSV reader allows
 * (CSV_SLACK); returns the number of words. */
static inline size_t load_words(const char *p, size_t len, uint64_t *w)
{
	size_t n = (len + 7) / 8, i;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (i = 0; i < n; i++)
		memcpy(&w[i], p + 8 * i, 8);
	if (len & 7)
		w[n - 1] &= ~(uint64_t)0 >> (64 - 8 * (len & 7));
#else
	for (i = 0; i < n; i++)
		w[i] = 0;
	memcpy(w, p, len);
#endif
	return n;
}

/* The slot of c's cache for the len bytes at p (len <= CACHE_KEY),
 * loaded into w (n words); *hit says whether the slot holds that text. */
static inline struct cache_slot *cache_slot(const struct column *c, const char *p, size_t len,
					    uint64_t *w, size_t *n, int *hit)
{
	struct cache_slot *slot;
	uint64_t h;
	size_t i;

	/* The first eight bytes and the length tell the few texts of a
	 * column apart well enough; the whole text is compared anyway. */
	*n = load_words(p, len, w);
	h = (w[0] + len) * 0x9E3779B97F4A7C15ULL;
	slot = &c->cache[(h >> 32) & c->cache_mask];
	*hit = 0;
	if (slot->len == len) {
		for (i = 0; i < *n && slot->key[i] == w[i]; i++)
			;
		*hit = i == *n;
	}
	return slot;
}

static inline void cache_fill(struct cache_slot *slot, const uint64_t *w, size_t n, size_t len,
			      int present, int64_t value)
{
	memset(slot->key, 0, sizeof slot->key);
	memcpy(slot->key, w, n * 8);
	slot->len = (uint32_t)len;
	slot->present = (uint32_t)present;
	slot->value = value;
}

/* Without -mpopcnt the builtin is a library call; this is a few
 * instructions. */
static inline int popcount64(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (int)((x * 0x0101010101010101ULL) >> 56);
}

static inline int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* A multi-choice field read option by option through c's cache of
 * options (ids, labels, numbers), which stays small however many
 * combinations the rows hold.  Returns 0, having set nothing, when the
 * field needs the full parser: an unknown or long option, "none", a
 * count out of bounds, an empty field. */
/* Bit i set where p[i] (i < len <= 64) separates options: ';', '|' or
 * ','.  Reads up to 15 bytes past the end (CSV_SLACK). */
static inline uint64_t separators(const char *p, size_t len)
{
	uint64_t m = 0;
	size_t k;

#if defined(__SSE2__)
	const __m128i semi = _mm_set1_epi8(';'), bar = _mm_set1_epi8('|'), comma = _mm_set1_epi8(',');

	for (k = 0; k < len; k += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, semi), _mm_cmpeq_epi8(x, bar)),
					   _mm_cmpeq_epi8(x, comma));

		m |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << k;
	}
#else
	for (k = 0; k < len; k++)
		if (p[k] == ';' || p[k] == '|' || p[k] == ',')
			m |= (uint64_t)1 << k;
#endif
	return len < 64 ? m & (((uint64_t)1 << len) - 1) : m;
}

/* A multi-choice field read option by option through c's cache of
 * options (ids, labels, numbers), which stays small however many
 * combinations the rows hold.  Returns 0, having set nothing, when the
 * field needs the full parser: an unknown or long option, "none", a
 * count out of bounds, an empty or long field. */
static inline int multi_fast(struct batch *b, struct gm_answers *ans, const struct column *c,
			     const char *p, size_t len)
{
	const struct gm_question *qq = &b->cat->questions[c->q];
	uint64_t set = 0, w[CACHE_WORDS], seps;
	size_t start = 0, n;
	int count, hit;

	while (len && is_space(*p))
		p++, len--;
	while (len && is_space(p[len - 1]))
		len--;
	if (!len || len > 64)
		return 0;
	/* the options lie between separators, as the parser splits them */
	seps = separators(p, len);
	for (;;) {
		size_t stop = seps ? (size_t)__builtin_ctzll(seps) : len, tl = stop - start;
		const char *t = p + start;
		struct cache_slot *slot;

		while (tl && is_space(*t))
			t++, tl--;
		while (tl && is_space(t[tl - 1]))
			tl--;
		if (tl) {
			if (tl > CACHE_KEY)
				return 0;
			slot = cache_slot(c, t, tl, w, &n, &hit);
			if (!hit) {
				int o = answers_find_option(qq, t, tl);

				if (o < 0)
					return 0;
				cache_fill(slot, w, n, tl, 1, o);
			}
			set |= (uint64_t)1 << slot->value;
		}
		if (!seps)
			break;
		start = stop + 1;
		seps &= seps - 1;
	}
	count = popcount64(set);
	if (count < qq->min || count > qq->max)
		return 0;
	answers_set_value(ans, c->q, (int64_t)set);
	return 1;
}

/* The usual yes/no spellings read on the spot, the rest by the parser:
 * 1, 0, or -1. */
static inline int quick_yesno(const char *p, size_t len)
{
	switch (len) {
	case 1:
		switch (p[0]) {
		case 'y': case 'Y': case '1': return 1;
		case 'n': case 'N': case '0': return 0;
		}
		break;
	case 2:
		if ((p[0] | 0x20) == 'n' && (p[1] | 0x20) == 'o')
			return 0;
		break;
	case 3:
		if ((p[0] | 0x20) == 'y' && (p[1] | 0x20) == 'e' && (p[2] | 0x20) == 's')
			return 1;
		break;
	}
	return answers_parse_yesno(p, len);
}

/* set_answer through the column's cache: of whole texts, or for a
 * multi-choice column of single options.  Invalid values are never
 * cached: their message names the line. */
static inline void set_answer_cached(struct batch *b, struct gm_answers *ans,
				     const struct column *c, const char *p, size_t len,
				     uint64_t line)
{
	uint64_t w[CACHE_WORDS];
	struct cache_slot *slot;
	uint32_t bit = 1u << c->q;
	size_t n;
	int hit;

	if (len == 0)
		return;	/* the answers were cleared: nothing to do */
	switch (c->read) {
	case READ_PARSER:
		set_answer(b, ans, c, p, len, line);
		return;
	case READ_YESNO: {
		int v = quick_yesno(p, len);

		if (v >= 0)
			answers_set_value(ans, c->q, v);
		else
			set_answer(b, ans, c, p, len, line);
		return;
	}
	case READ_SCALE: {
		const struct gm_question *qq = &b->cat->questions[c->q];

		/* one or two plain digits; anything else goes to the parser */
		if (len == 1 && p[0] >= '0' && p[0] <= '9' && p[0] - '0' >= qq->min
		    && p[0] - '0' <= qq->max)
			answers_set_value(ans, c->q, p[0] - '0');
		else if (len == 2 && p[0] >= '1' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'
			 && (p[0] - '0') * 10 + p[1] - '0' >= qq->min
			 && (p[0] - '0') * 10 + p[1] - '0' <= qq->max)
			answers_set_value(ans, c->q, (p[0] - '0') * 10 + p[1] - '0');
		else
			set_answer(b, ans, c, p, len, line);
		return;
	}
	case READ_OPTIONS:
		if (!multi_fast(b, ans, c, p, len))
			set_answer(b, ans, c, p, len, line);
		return;
	case READ_TEXTS:
		break;
	}
	if (len > CACHE_KEY) {
		set_answer(b, ans, c, p, len, line);
		return;
	}
	slot = cache_slot(c, p, len, w, &n, &hit);
	if (hit) {
		if (slot->present)
			answers_set_value(ans, c->q, slot->value);
		return;
	}
	set_answer(b, ans, c, p, len, line);
	if (!(ans->invalid & bit))
		cache_fill(slot, w, n, len, (ans->present & bit) != 0, ans->value[c->q]);
}

/* A checkbox value: 1 checked, 0 not, -1 neither. */
static int checkbox_value(const char *p, size_t len)
{
	int v;

	trim(&p, &len);
	if (!len)
		return 0;
	v = answers_parse_yesno(p, len);
	if (v >= 0)
		return v;
	if (ieq_n(p, len, "checked"))
		return 1;
	if (ieq_n(p, len, "unchecked"))
		return 0;
	return -1;
}

/* The message for a record the CSV reader could not read whole. */
static void record_problem(struct batch *b, const struct csv_record *rec, char *msg, size_t sz)
{
	const struct csv_limits *lim = csv_limits_of(b->csv);
	unsigned long line = (unsigned long)rec->line;
	const char *col = rec->error_column && rec->error_column <= b->ncols
		? b->cols[rec->error_column - 1].name : NULL;

	switch (rec->error) {
	case CSV_OK:
		snprintf(msg, sz, "line %lu: %zu field%s where the header has %zu", line, rec->nfields,
			 rec->nfields == 1 ? "" : "s", b->ncols);
		break;
	case CSV_EUNTERMINATED:
		snprintf(msg, sz, "line %lu: unterminated quoted field (it runs to the end of the input)",
			 line);
		break;
	case CSV_EFIELD:
		if (col)
			snprintf(msg, sz, "line %lu, column '%s': field longer than %zu bytes", line, col,
				 lim->field_max);
		else
			snprintf(msg, sz, "line %lu: field %zu is longer than %zu bytes", line,
				 rec->error_column, lim->field_max);
		break;
	case CSV_ECOLUMNS:
		snprintf(msg, sz, "line %lu: more than %zu fields", line, lim->columns_max);
		break;
	case CSV_ERECORD:
		snprintf(msg, sz, "line %lu: record longer than %zu bytes", line, lim->record_max);
		break;
	case CSV_EQUOTE:
		if (col)
			snprintf(msg, sz, "line %lu, column '%s': %s", line, col, csv_strerror(rec->error));
		else
			snprintf(msg, sz, "line %lu, field %zu: %s", line, rec->error_column,
				 csv_strerror(rec->error));
		break;
	}
}

/* Whether the len bytes at s are valid UTF-8. */
static int valid_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = u[i];
		size_t n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3
			: c >= 0xF0 && c < 0xF5 ? 4 : 0;

		if (!n || i + n > len)
			return 0;
		for (size_t k = 1; k < n; k++)
			if ((u[i + k] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xF0 && u[i + 1] < 0x90) ||
		    (c == 0xED && u[i + 1] >= 0xA0) || (c == 0xF4 && u[i + 1] >= 0x90))
			return 0;
		i += n;
	}
	return 1;
}

/* Says, once per file, where the first cell with invalid UTF-8 is: an id
 * or a kept column (checked on every record) would go out as read and must join back,
 * and an answer (all, for an invalid record) is likely in another encoding. */
static int bad_utf8_at(struct batch *b, const struct csv_record *rec, size_t i)
{
	if (i >= rec->nfields || i >= b->ncols || valid_utf8(rec->fields[i].p, rec->fields[i].len))
		return 0;
	b->bad_utf8 = 1;
	if (!b->cli->quiet)
		cli_warn("'%s': line %lu, column '%s': invalid UTF-8 (a file saved by Excel on "
			 "Windows? try --encoding cp1252)", b->in_name, (unsigned long)rec->line,
			 b->cols[i].name);
	return 1;
}

static void note_bad_utf8(struct batch *b, const struct csv_record *rec, int all)
{
	if (b->bad_utf8)
		return;
	if (all) {
		for (size_t i = 0; i < rec->nfields; i++)
			if (bad_utf8_at(b, rec, i))
				return;
		return;
	}
	if (b->id_col >= 0 && bad_utf8_at(b, rec, (size_t)b->id_col))
		return;
	for (int k = 0; k < b->nkeep; k++)
		if (bad_utf8_at(b, rec, b->keep_col[k]))
			return;
}

/* Keeps the id of a record to follow up (its line when it has none). */
static void note_id(struct idlist *l, const char *id, size_t idlen, uint64_t line)
{
	char tmp[32];

	l->n++;
	if (!l->keep || l->ids.len > IDS_MAX)
		return;
	if (!id) {
		idlen = (size_t)snprintf(tmp, sizeof tmp, "line %lu", (unsigned long)line);
		id = tmp;
	}
	buf_add(&l->ids, id, idlen);
	buf_addc(&l->ids, '\0');
	l->kept++;
}

static void score(struct batch *b, const struct csv_record *rec, struct gm_answers *ans,
		  struct gm_result *res)
{
	const struct gm_catalog *cat = b->cat;
	const struct csv_field *f = rec->fields;
	const char *id = NULL;
	size_t idlen = 0, i, n = rec->nfields < b->ncols ? rec->nfields : b->ncols;
	uint64_t boxes[GM_MAX_QUESTIONS];
	uint32_t box_bad = 0;
	char line_id[32];
	int problem = rec->error || rec->nfields != b->ncols;

	gm_answers_clear(ans);
	b->rec = rec;
	note_bad_utf8(b, rec, 0);
	if (problem) {
		/* Columns may be shifted: only a positive safety answer is
		 * taken (through the one decision), since missing it would be
		 * worse. */
		/* a record over a limit has no fields, but keeps its short
		 * id and safety cells (csv_keep in map_header) */
		const struct csv_field *sf = b->safety_col < 0 ? NULL
			: (size_t)b->safety_col < n ? &f[b->safety_col]
			: !rec->nfields && rec->kept[1].p ? &rec->kept[1] : NULL;

		if (sf) {
			gm_answers *one = gm_answers_new(cat);

			if (one) {
				set_answer(b, one, &b->cols[b->safety_col], sf->p, sf->len, rec->line);
				if (gm_safety_positive(gm_answers_safety(one)))
					answers_note_safety(ans, gm_answers_safety(one));
				gm_answers_free(one);
			} else {
				answers_note_safety(ans, GM_SAFETY_UNCLEAR);	/* cannot read it: err safe */
			}
		}
		for (i = 0; i < n; i++)
			if (b->cols[i].kind == COL_ID && f[i].len) {
				id = f[i].p;
				idlen = f[i].len;
			}
		if (!rec->nfields && rec->kept[0].p) {
			id = rec->kept[0].p;
			idlen = rec->kept[0].len;
		}
		gm_match(ans, GM_MATCH_STAFF, res);
		if (res->status == GM_RESULT_URGENT) {
			char msg[400];

			record_problem(b, rec, msg, sizeof msg);
			snprintf(res->msgbuf, sizeof res->msgbuf, "%s (%s)", cat->urgent_staff, msg);
			res->message = res->msgbuf;
		} else {
			res->status = GM_RESULT_INVALID;
			res->nranked = 0;
			res->advice = -1;
			res->comfort = -1;
			res->readiness = 0;
			res->nmissing = 0;
			res->safety_skipped = 0;
			res->safety = GM_SAFETY_MISSING;	/* not read: the row could not be */
			record_problem(b, rec, res->msgbuf, sizeof res->msgbuf);
			res->message = res->msgbuf;
		}
		goto out;
	}
	for (i = 0; i < n; i++) {	/* Excel's trailing ,,,, is no one: never scored */
		const char *t = f[i].p;
		size_t tl = f[i].len;

		trim(&t, &tl);
		if (tl)
			break;
	}
	if (i == n) {
		gm_match(ans, GM_MATCH_STAFF, res);	/* a clean result to overwrite */
		res->status = GM_RESULT_INVALID;
		res->nranked = 0;
		res->advice = -1;
		res->safety = GM_SAFETY_MISSING;
		res->safety_skipped = 0;
		snprintf(res->msgbuf, sizeof res->msgbuf, "line %lu: empty record",
			 (unsigned long)rec->line);
		res->message = res->msgbuf;
		goto out;
	}
	if (b->checkbox_qs)
		memset(boxes, 0, sizeof boxes);
	for (i = 0; i < n; i++) {
		const struct column *c = &b->cols[i];

		switch (c->kind) {
		case COL_QUESTION:
			set_answer_cached(b, ans, c, f[i].p, f[i].len, rec->line);
			break;
		case COL_ID:
			id = f[i].p;
			idlen = f[i].len;
			break;
		case COL_CHECKBOX: {
			int v = checkbox_value(f[i].p, f[i].len);

			if (v > 0)
				boxes[c->q] |= (uint64_t)1 << c->option;
			else if (v < 0 && !(box_bad >> c->q & 1)) {
				char msg[400], quoted[64];

				quote_text(quoted, sizeof quoted, f[i].p, f[i].len);
				snprintf(msg, sizeof msg, "line %lu, column '%s': '%s' is not 1 or 0 "
					 "(checked or unchecked)", (unsigned long)rec->line, c->name, quoted);
				answers_mark_invalid(ans, c->q, msg);
				box_bad |= 1u << c->q;
			}
			break;
		}
		case COL_IGNORE:
			break;
		}
	}
	if (b->checkbox_qs) {
		for (int q = 0; q < cat->nquestions; q++) {
			const struct gm_question *qq = &cat->questions[q];
			int lo = qq->kind == Q_SINGLE ? 1 : qq->min;
			int hi = qq->kind == Q_SINGLE ? 1 : qq->max;
			int count;

			if (!(b->checkbox_qs >> q & 1) || (box_bad >> q & 1))
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
			count = popcount64(boxes[q]);
			/* None checked is "no answer" unless none is an answer. */
			if (!count && lo > 0)
				continue;
			if (count < lo || count > hi) {
				char msg[400];

				snprintf(msg, sizeof msg, "line %lu: %d option%s of '%s' %s checked "
					 "(%s %d)", (unsigned long)rec->line, count, count == 1 ? "" : "s",
					 qq->id, count == 1 ? "is" : "are", count < lo ? "at least" : "at most",
					 count < lo ? lo : hi);
				answers_mark_invalid(ans, q, msg);
				continue;
			}
			answers_set_value(ans, q, (int64_t)boxes[q]);
		}
	}
	gm_match(ans, GM_MATCH_STAFF | (b->strict ? GM_MATCH_STRICT : 0), res);
out:
	if (res->status == GM_RESULT_INVALID)	/* an answer in another encoding? */
		note_bad_utf8(b, rec, 1);
	if (b->id_col < 0) {	/* no id column: the line tells the row apart */
		idlen = (size_t)snprintf(line_id, sizeof line_id, "line %lu", (unsigned long)rec->line);
		id = line_id;
	}
	if (idlen == 0)
		id = NULL;
	b->n.records++;
	if (res->safety == GM_SAFETY_MISSING && res->status != GM_RESULT_INVALID) {
		b->n.unscreened++;
		note_id(&b->n.unscreened_ids, id, idlen, rec->line);
	}
	switch (res->status) {
	case GM_RESULT_OK:
		b->n.ok++;
		if (res->nranked > 0)
			b->n.first[res->ranked[0].group]++;
		for (int k = 0; k < 2 && k < res->nranked && res->ranked[k].score > 0; k++)
			b->n.top2[res->ranked[k].group]++;
		if (res->advice >= 0)
			b->n.setting[res->advice]++;
		break;
	case GM_RESULT_URGENT:
		b->n.urgent++;
		note_id(&b->n.urgent_ids, id, idlen, rec->line);
		if (res->safety == GM_SAFETY_UNCLEAR) {
			b->n.unclear++;
			note_id(&b->n.unclear_ids, id, idlen, rec->line);
		}
		break;
	case GM_RESULT_INVALID:
		b->n.invalid++;
		break;
	case GM_RESULT_REVIEW:
		b->n.review++;
		note_id(&b->n.review_ids, id, idlen, rec->line);
		break;
	}
	for (int k = 0; k < res->scores.nblocks; k++)
		if (res->scores.out[k].band >= 0) {
			b->n.scored[k]++;
			b->n.band[k][res->scores.out[k].band]++;
		}
	if (b->summary)
		return;
	switch (b->fmt) {
	case FMT_CSV:
		row_out(b, res, id, idlen);
		break;
	case FMT_JSON:
		buf_adds(&b->out, b->n.records > 1 ? ",\n" : "\n");
		row_out(b, res, id, idlen);
		break;
	case FMT_JSONL:
		row_out(b, res, id, idlen);
		buf_addc(&b->out, '\n');
		break;
	case FMT_HTML:	/* a page of the summary only */
		break;
	}
	if (b->out.len >= OUT_FLUSH)
		out_flush(b);
}

/* --- summary ---------------------------------------------------------- */

static double share(unsigned long part, unsigned long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* key: [the ids kept] (and, past the cap, key_more: how many more). */
static void ids_json(struct jw *w, const char *key, const struct idlist *l)
{
	const char *p = l->ids.data, *end = p ? p + l->ids.len : NULL;
	char more[48];

	jw_key(w, key);
	jw_array(w);
	while (p && p < end) {
		size_t n = strlen(p);

		jw_stringn(w, p, n);
		p += n + 1;
	}
	jw_end_array(w);
	if (l->n > l->kept) {
		snprintf(more, sizeof more, "%s_more", key);
		jw_key_int(w, more, (long)(l->n - l->kept));
	}
}

/* A heading and the ids of l, wrapped; nothing when l is empty. */
static void ids_text(struct buf *out, const char *heading, const struct idlist *l)
{
	const char *p = l->ids.data, *end = p ? p + l->ids.len : NULL;
	char quoted[64];
	int col = 2;

	if (!l->n)
		return;
	buf_addf(out, "%s (%lu):\n  ", heading, l->n);
	while (p && p < end) {
		size_t n = strlen(p);
		int w;

		quote_text(quoted, sizeof quoted, p, n);	/* no control bytes on a terminal */
		w = (int)strlen(quoted);
		if (col > 2 && col + 2 + w > 78) {
			buf_adds(out, ",\n  ");
			col = 2;
		} else if (col > 2) {
			buf_adds(out, ", ");
			col += 2;
		}
		buf_adds(out, quoted);
		col += w;
		p += n + 1;
	}
	if (l->n > l->kept)
		buf_addf(out, ", and %lu more", l->n - l->kept);
	buf_adds(out, "\n\n");
}

/* ", N review" for the closing count line, when any record is one. */
static const char *review_note(const struct batch *b)
{
	static char note[40];

	note[0] = '\0';
	if (b->n.review)
		snprintf(note, sizeof note, ", %lu review", b->n.review);
	return note;
}

static void summary_json(struct batch *b)
{
	const struct gm_catalog *cat = b->cat;
	struct jw w;
	int i;

	jw_init(&w, &b->out, b->fmt != FMT_JSONL);
	jw_object(&w);
	jw_key_int(&w, "records", (long)b->n.records);
	jw_key_int(&w, "ok", (long)b->n.ok);
	jw_key_int(&w, "urgent", (long)b->n.urgent);
	jw_key_int(&w, "invalid", (long)b->n.invalid);
	jw_key(&w, "groups");
	jw_array(&w);
	for (i = 0; i < cat->ngroups; i++) {
		jw_object(&w);
		jw_key_string(&w, "group", cat->groups[i].id);
		jw_key_string(&w, "name", cat->groups[i].name);
		jw_key_int(&w, "first_choice", (long)b->n.first[i]);
		jw_key_int(&w, "top_two", (long)b->n.top2[i]);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "settings");
	jw_object(&w);
	for (i = 0; i < ADVICE_COUNT; i++)
		jw_key_int(&w, cat->advice[i].id, (long)b->n.setting[i]);
	jw_end_object(&w);
	/* added after the first keys, which scripts already read */
	jw_key_int(&w, "unclear", (long)b->n.unclear);
	jw_key_int(&w, "not_screened", (long)b->n.unscreened);
	ids_json(&w, "urgent_ids", &b->n.urgent_ids);
	ids_json(&w, "unclear_ids", &b->n.unclear_ids);
	ids_json(&w, "not_screened_ids", &b->n.unscreened_ids);
	jw_key_int(&w, "review", (long)b->n.review);
	ids_json(&w, "review_ids", &b->n.review_ids);
	jw_key(&w, "scores");
	jw_object(&w);
	for (i = 0; i < (int)gm_catalog_score_block_count(cat); i++) {
		const struct score_block *sb = &cat->scores->blocks[i];

		jw_key(&w, sb->id);
		jw_object(&w);
		jw_key_int(&w, "scored", (long)b->n.scored[i]);
		jw_key(&w, "bands");
		jw_object(&w);
		for (int k = 0; k < sb->nbands; k++)
			jw_key_int(&w, sb->bands[k].id, (long)b->n.band[i][k]);
		jw_end_object(&w);
		jw_end_object(&w);
	}
	jw_end_object(&w);
	jw_key(&w, "catalog");
	cli_catalog_json(&w, cat);
	jw_end_object(&w);
	if (b->out.len && b->out.data[b->out.len - 1] != '\n')
		buf_addc(&b->out, '\n');
}

static void pad_to(struct buf *out, size_t start, int width)
{
	int cols = 0;

	for (size_t i = start; i < out->len; i++)
		if (((unsigned char)out->data[i] & 0xC0) != 0x80)
			cols++;
	while (cols++ < width)
		buf_addc(out, ' ');
}

/* "  label      ████░░░░  1234  12.3%" */
static void summary_line(struct batch *b, const char *label, int labelw, unsigned long count,
			 unsigned long whole, int utf8)
{
	struct buf *out = &b->out;
	size_t start;

	buf_adds(out, "  ");
	start = out->len;
	buf_adds(out, label);
	pad_to(out, start, labelw + 2);
	text_bar(out, (int)(share(count, whole) + 0.5), 20, utf8);
	buf_addf(out, " %9lu %5.1f%%\n", count, share(count, whole));
}

/* order[]: the groups by count, most first; ties in catalogue order. */
static void sort_groups(const struct gm_catalog *cat, const unsigned long *count, int *order)
{
	int i;

	for (i = 0; i < cat->ngroups; i++)
		order[i] = i;
	for (i = 1; i < cat->ngroups; i++) {
		int k = i, g = order[i];

		while (k > 0 && count[order[k - 1]] < count[g]) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = g;
	}
}

/* The summary as CSV, one row per status, group and setting:
 * section,key,name,count,of,percent. */
static void summary_csv(struct batch *b)
{
	const struct gm_catalog *cat = b->cat;
	struct buf *out = &b->out;
	const struct { const char *key; unsigned long n; } status[] = {
		{ "ok", b->n.ok }, { "urgent", b->n.urgent }, { "review", b->n.review },
		{ "invalid", b->n.invalid }, { "unclear", b->n.unclear },
		{ "not_screened", b->n.unscreened } };
	int i;

	buf_adds(out, "section,key,name,count,of,percent\n");
	for (i = 0; i < (int)(sizeof status / sizeof *status); i++)
		buf_addf(out, "status,%s,%s,%lu,%lu,%.1f\n", status[i].key, status[i].key, status[i].n,
			 b->n.records, share(status[i].n, b->n.records));
	for (i = 0; i < cat->ngroups; i++) {
		buf_addf(out, "first_choice,%s,", cat->groups[i].id);
		text_csv_field(out, cat->groups[i].name, strlen(cat->groups[i].name));
		buf_addf(out, ",%lu,%lu,%.1f\n", b->n.first[i], b->n.ok, share(b->n.first[i], b->n.ok));
	}
	for (i = 0; i < cat->ngroups; i++) {
		buf_addf(out, "top_two,%s,", cat->groups[i].id);
		text_csv_field(out, cat->groups[i].name, strlen(cat->groups[i].name));
		buf_addf(out, ",%lu,%lu,%.1f\n", b->n.top2[i], b->n.ok, share(b->n.top2[i], b->n.ok));
	}
	for (i = 0; i < ADVICE_COUNT; i++) {
		const char *name = cat->advice[i].label ? cat->advice[i].label : cat->advice[i].id;

		buf_addf(out, "setting,%s,", cat->advice[i].id);
		text_csv_field(out, name, strlen(name));
		buf_addf(out, ",%lu,%lu,%.1f\n", b->n.setting[i], b->n.ok,
			 share(b->n.setting[i], b->n.ok));
	}
}

static void summary_text(struct batch *b)
{
	const struct gm_catalog *cat = b->cat;
	struct buf *out = &b->out;
	int utf8 = cli_utf8(), w = 16, i;
	int order[GM_MAX_GROUPS];

	for (i = 0; i < cat->ngroups; i++) {
		int len = (int)strlen(cat->groups[i].name);

		if (len > w)
			w = len;
		order[i] = i;
	}
	sort_groups(cat, b->n.first, order);
	/* who needs a call comes before any chart */
	ids_text(out, "Positive safety screen: contact today for a clinician risk assessment",
		 &b->n.urgent_ids);
	ids_text(out, "Of them, an unclear answer to the safety question (counted as yes)",
		 &b->n.unclear_ids);
	ids_text(out, "Clinician review: a screener answer asks for a clinician to talk with them soon",
		 &b->n.review_ids);
	ids_text(out, "Not screened: the safety question was not answered", &b->n.unscreened_ids);
	buf_addf(out, "Status of %lu record%s\n", b->n.records, b->n.records == 1 ? "" : "s");
	summary_line(b, "ok", w, b->n.ok, b->n.records, utf8);
	summary_line(b, "urgent", w, b->n.urgent, b->n.records, utf8);
	summary_line(b, "invalid", w, b->n.invalid, b->n.records, utf8);
	summary_line(b, "not screened", w, b->n.unscreened, b->n.records, utf8);
	if (b->n.review)
		summary_line(b, "review", w, b->n.review, b->n.records, utf8);
	buf_adds(out, "\nFirst choice (of the ok records)\n");
	for (i = 0; i < cat->ngroups; i++)
		summary_line(b, cat->groups[order[i]].name, w, b->n.first[order[i]], b->n.ok, utf8);
	sort_groups(cat, b->n.top2, order);
	buf_adds(out, "\nIn the top two\n");
	for (i = 0; i < cat->ngroups; i++)
		summary_line(b, cat->groups[order[i]].name, w, b->n.top2[order[i]], b->n.ok, utf8);
	buf_adds(out, "\nSetting\n");
	for (i = 0; i < ADVICE_COUNT; i++) {	/* the names a person reads, not ids */
		const char *name = cat->advice[i].label ? cat->advice[i].label : cat->advice[i].id;

		if ((int)strlen(name) > w) {	/* a long name on a line of its own */
			buf_addf(out, "  %s\n", name);
			name = "";
		}
		summary_line(b, name, w, b->n.setting[i], b->n.ok, utf8);
	}
	for (i = 0; i < (int)gm_catalog_score_block_count(cat); i++) {
		const struct score_block *sb = &cat->scores->blocks[i];

		if (!b->n.scored[i])
			continue;
		buf_addf(out, "\n%s (of the %lu records with a total)\n", sb->name, b->n.scored[i]);
		for (int k = 0; k < sb->nbands; k++)
			summary_line(b, sb->bands[k].label, w, b->n.band[i][k], b->n.scored[i], utf8);
	}
	buf_adds(out, "\nCatalogue: ");
	if (!buf_reserve(out, gm_catalog_provenance(cat, 64, NULL, 0)))
		out->len += gm_catalog_provenance(cat, 64, out->data + out->len, out->cap - out->len);
	buf_adds(out, "\n\n");
	text_wrap(out, cat->reminder, 0, 80);
	buf_addc(out, '\n');
}

static gm_id_list html_ids(const struct idlist *l)
{
	return (gm_id_list){ l->ids.data, l->ids.len, l->n, l->kept };
}

/* The coordinator's printable page, with charts. */
static void summary_html(struct batch *b)
{
	gm_summary s = {
		.records = b->n.records, .ok = b->n.ok, .urgent = b->n.urgent,
		.invalid = b->n.invalid, .unclear = b->n.unclear, .unscreened = b->n.unscreened,
		.first = b->n.first, .top2 = b->n.top2, .setting = b->n.setting,
		.urgent_ids = html_ids(&b->n.urgent_ids), .unclear_ids = html_ids(&b->n.unclear_ids),
		.unscreened_ids = html_ids(&b->n.unscreened_ids),
	};
	char today[16], *page;
	size_t len;

	page = gm_summary_html(b->cat, &s, cli_today(today, sizeof today), &len);
	if (page)
		buf_add(&b->out, page, len);
	else
		b->out.oom = 1;
	free(page);
}

/* --- files ------------------------------------------------------------ */

static int open_input(struct batch *b, const char *path)
{
	struct stat st;

	if (!path || !strcmp(path, "-")) {
		b->in_fd = STDIN_FILENO;
		b->in_name = "standard input";
		cli_stdin_hint(b->cli, "an intake CSV");
	} else {
		b->in_name = path;
		b->in_fd = open(path, O_RDONLY);
		if (b->in_fd < 0) {
			cli_error("cannot open '%s': %s", path, strerror(errno));
			return EXIT_NOINPUT;
		}
	}
	if (fstat(b->in_fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			cli_error("cannot read '%s': %s", b->in_name, strerror(EISDIR));
			return EXIT_NOINPUT;
		}
		if (S_ISREG(st.st_mode))
			b->in_size = st.st_size;
	}
#ifdef POSIX_FADV_SEQUENTIAL
	posix_fadvise(b->in_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	return 0;
}

/* Opens the output (see outfile_open); returns 0 or an exit status. */
static int open_output(struct batch *b)
{
	int rc = outfile_open(&b->outf, b->out_path, b->in_fd);

	b->out_fd = b->outf.fd;
	return rc;
}

/* Ends the output: the file is put in place only when ok and every write
 * succeeded.  Returns 0 or an exit status. */
static int close_output(struct batch *b, int ok)
{
	int rc = outfile_close(&b->outf, ok, b->out_errno);

	b->out_fd = -1;
	return rc;
}

/* --- the command ------------------------------------------------------ */

static int run(struct batch *b)
{
	struct gm_answers ans;
	struct gm_result res;
	struct csv_record rec;
	int got, have_header = 0, skip_first = 0, rows = !b->summary && b->fmt == FMT_CSV;

	memset(&ans, 0, sizeof ans);
	ans.cat = b->cat;
	result_init(&res, b->cat);
	if (!b->summary && b->fmt == FMT_JSON)
		buf_addc(&b->out, '[');
	if (b->columns) {
		int rc = columns_from_list(b);

		if (!rc)
			rc = open_writer(b);
		if (rc)
			return rc;
		have_header = 1;
		/* --columns replaces the file's own header row, if it has one */
		skip_first = !b->no_header;
		if (rows && !b->no_header)
			csv_header_out(b);
	}
	clock_gettime(CLOCK_MONOTONIC, &b->t0);
	b->last = b->t0;
	while ((got = csv_read(b->csv, &rec)) == 1) {
		if (skip_first) {
			skip_first = 0;
			continue;
		}
		if (!have_header) {
			int rc;

			if (rec.error) {
				char msg[300];

				record_problem(b, &rec, msg, sizeof msg);
				cli_error("'%s': the header row is not valid: %s", b->in_name, msg);
				return EXIT_DATAERR;
			}
			rc = map_header(b, rec.fields, rec.nfields, rec.line);
			if (!rc)
				rc = open_writer(b);
			if (rc)
				return rc;
			have_header = 1;
			if (rows)
				csv_header_out(b);
			continue;
		}
		score(b, &rec, &ans, &res);
		if (b->out_errno)
			break;
		if (b->progress && (b->n.records & 8191) == 0)
			progress(b, 0);
	}
	if (got < 0) {
		cli_error("cannot read '%s': %s", b->in_name, strerror(errno));
		return EXIT_IOERR;
	}
	if (!have_header) {
		cli_error("'%s' is empty: expected a header row naming the questions", b->in_name);
		return EXIT_DATAERR;
	}
	if (b->summary) {
		if (b->fmt == FMT_CSV && b->format_given)
			summary_csv(b);
		else if (b->fmt == FMT_CSV)
			summary_text(b);
		else if (b->fmt == FMT_HTML)
			summary_html(b);
		else
			summary_json(b);
	} else if (b->fmt == FMT_JSON) {
		buf_adds(&b->out, b->n.records ? "\n]\n" : "]\n");
	}
	out_flush(b);
	if (b->progress)
		progress(b, 1);
	b->completed = !b->out_errno;
	/* someone to call outweighs a row to fix */
	return b->n.urgent || b->n.review ? EXIT_URGENT : b->n.invalid ? EXIT_DATAERR : EXIT_OK;
}

static int parse_format(const char *arg, enum format *fmt)
{
	if (!strcmp(arg, "csv"))
		*fmt = FMT_CSV;
	else if (!strcmp(arg, "jsonl"))
		*fmt = FMT_JSONL;
	else if (!strcmp(arg, "json"))
		*fmt = FMT_JSON;
	else if (!strcmp(arg, "html"))
		*fmt = FMT_HTML;
	else {
		char q[64];

		cli_error("--format '%s' is not csv, jsonl, json or html", cli_quoted(q, sizeof q, arg));
		return -1;
	}
	return 0;
}

int cmd_batch(struct cli *cli, int argc, char **argv)
{
	enum { OPT_FORMAT = 2000, OPT_TOP, OPT_STRICT, OPT_SUMMARY, OPT_NO_HEADER,
	       OPT_COLUMNS, OPT_ID_COLUMN, OPT_MAP, OPT_KEEP, OPT_DELIMITER, OPT_ENCODING };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "columns", required_argument, NULL, OPT_COLUMNS },
		{ "delimiter", required_argument, NULL, OPT_DELIMITER },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "id-column", required_argument, NULL, OPT_ID_COLUMN },
		{ "keep", required_argument, NULL, OPT_KEEP },
		{ "map", required_argument, NULL, OPT_MAP },
		{ "no-header", no_argument, NULL, OPT_NO_HEADER },
		{ "output", required_argument, NULL, 'o' },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "top", required_argument, NULL, OPT_TOP },
		{ NULL, 0, NULL, 0 }
	};
	struct batch b;
	long top = 3;
	int c, code, top_given = 0;

	memset(&b, 0, sizeof b);
	b.cli = cli;
	b.fmt = FMT_CSV;
	b.in_fd = -1;
	b.out_fd = -1;
	buf_init(&b.out);
	buf_init(&b.scratch);
	while ((c = getopt_long(argc, argv, "c:ho:q", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'h':
			batch_help();
			return EXIT_OK;
		case 'o':
			b.out_path = optarg;
			break;
		case OPT_COLUMNS:
			b.columns = optarg;
			break;
		case OPT_FORMAT:
			if (parse_format(optarg, &b.fmt))
				return cli_usage_error("batch");
			b.format_given = 1;
			break;
		case OPT_KEEP:
			b.keep = optarg;
			break;
		case OPT_DELIMITER:
			if (!strcmp(optarg, ",") || !strcmp(optarg, "comma"))
				b.delim = ',';
			else if (!strcmp(optarg, ";") || !strcmp(optarg, "semicolon"))
				b.delim = ';';
			else if (!strcmp(optarg, "tab") || !strcmp(optarg, "\t") || !strcmp(optarg, "\\t"))
				b.delim = '\t';
			else {
				char q[64];

				cli_error("--delimiter '%s' is not ',', ';' or 'tab'",
					  cli_quoted(q, sizeof q, optarg));
				return cli_usage_error("batch");
			}
			break;
		case OPT_ENCODING:
			if (!strcmp(optarg, "utf-8") || !strcmp(optarg, "utf8") || !strcmp(optarg, "UTF-8"))
				b.encoding = CSV_UTF8;
			else if (!strcmp(optarg, "latin1") || !strcmp(optarg, "iso-8859-1"))
				b.encoding = CSV_LATIN1;
			else if (!strcmp(optarg, "cp1252") || !strcmp(optarg, "windows-1252"))
				b.encoding = CSV_CP1252;
			else {
				char q[64];

				cli_error("--encoding '%s' is not utf-8, latin1 or cp1252",
					  cli_quoted(q, sizeof q, optarg));
				return cli_usage_error("batch");
			}
			break;
		case OPT_ID_COLUMN:
			b.id_column = optarg;
			break;
		case OPT_MAP:
			b.map_path = optarg;
			break;
		case OPT_NO_HEADER:
			b.no_header = 1;
			break;
		case OPT_STRICT:
			b.strict = 1;
			break;
		case OPT_SUMMARY:
			b.summary = 1;
			break;
		case OPT_TOP:
			if (cli_parse_int("--top", optarg, 1, GM_MAX_GROUPS, &top))
				return cli_usage_error("batch");
			top_given = 1;
			break;
		default:
			return cli_bad_option("batch", argv, "c:ho:q");
		}
	}
	if (argc - optind > 1) {
		cli_error("batch takes one input file, not %d", argc - optind);
		return cli_usage_error("batch");
	}
	b.n.urgent_ids.keep = b.n.unclear_ids.keep = b.n.unscreened_ids.keep = b.summary;
	b.n.review_ids.keep = b.summary;
	if (b.fmt == FMT_HTML && !b.summary) {
		cli_error("--format html is a page for --summary; rows are csv, jsonl or json");
		return cli_usage_error("batch");
	}
	if (b.no_header && !b.columns) {
		cli_error("--no-header needs --columns to name the columns");
		return cli_usage_error("batch");
	}
	if (!(b.cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	if (top > b.cat->ngroups) {
		if (top_given) {
			cli_error("--top '%ld' is more than the %d group types", top, b.cat->ngroups);
			return cli_usage_error("batch");
		}
		top = b.cat->ngroups;
	}
	b.top = (int)top;
	if (b.map_path && (code = colmap_load(&b.map, b.map_path, b.cat)))
		goto done;
	if ((code = open_input(&b, argc > optind ? argv[optind] : NULL)))
		goto done;
	b.csv = csv_new_fd(b.in_fd, NULL);
	if (!b.csv) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	/* a header tells ',' from ';' and tab; chunks without one are ',' */
	csv_set_delimiter(b.csv, b.delim ? b.delim : b.no_header ? ',' : 0);
	csv_set_encoding(b.csv, b.encoding);
	if ((code = open_output(&b)))
		goto done;
	/* Progress only on a terminal, and not when the rows themselves are
	 * scrolling past on it. */
	b.terminal = isatty(b.out_fd);
	b.progress = !cli->quiet && isatty(STDERR_FILENO)
		&& (b.out_fd != STDOUT_FILENO || !isatty(STDOUT_FILENO));
	code = run(&b);
	{
		int closed = close_output(&b, b.completed);

		if (closed)
			code = closed;
	}
	if (b.completed && code != EXIT_IOERR && code != EXIT_CANTCREAT && !cli->quiet)
		fprintf(stderr, "groupmatch: %lu record%s: %lu ok, %lu urgent, %lu invalid, "
			"%lu not screened%s\n", b.n.records, b.n.records == 1 ? "" : "s", b.n.ok,
			b.n.urgent, b.n.invalid, b.n.unscreened, review_note(&b));
done:
	if (b.in_fd > STDIN_FILENO)
		close(b.in_fd);
	csv_free(b.csv);
	for (size_t i = 0; i < b.ncols; i++)
		free(b.cols[i].cache);
	free(b.cols);
	colmap_release(&b.map);
	buf_release(&b.out);
	buf_release(&b.scratch);
	buf_release(&b.shown_id);
	gm_writer_free(b.writer);
	buf_release(&b.n.urgent_ids.ids);
	buf_release(&b.n.unclear_ids.ids);
	buf_release(&b.n.unscreened_ids.ids);
	buf_release(&b.n.review_ids.ids);
	return code;
}

/* --- decoding for other commands (batch.h) ------------------------------ */

/* A batch that only decodes and matches: summary mode writes no rows.
 * It carries its own copy of the options, so it can be quiet. */
struct batch_decoder {
	struct batch b;
	struct cli cli;
};

struct batch *batch_decoder_new(const struct cli *cli, const struct gm_catalog *cat,
				struct csv_reader *csv, const char *in_name,
				const struct batch_decoding *opt)
{
	struct batch_decoder *d = calloc(1, sizeof *d);
	struct batch *b;

	if (!d) {
		cli_error("out of memory");
		return NULL;
	}
	d->cli = *cli;
	d->cli.quiet |= opt->quiet;
	b = &d->b;
	b->cli = &d->cli;
	b->cat = cat;
	b->fmt = FMT_CSV;
	b->summary = 1;
	b->strict = opt->strict;
	b->id_column = opt->id_column;
	b->map_path = opt->map_path;
	b->in_name = in_name;
	b->in_fd = -1;
	b->out_fd = -1;
	b->csv = csv;
	b->top = cat->ngroups;
	buf_init(&b->out);
	buf_init(&b->scratch);
	if (b->map_path && colmap_load(&b->map, b->map_path, cat)) {
		batch_decoder_free(b);
		return NULL;
	}
	return b;
}

int batch_decoder_header(struct batch *b, const struct csv_record *rec)
{
	if (rec->error) {
		char msg[300];

		record_problem(b, rec, msg, sizeof msg);
		cli_error("'%s': the header row is not valid: %s", b->in_name, msg);
		return EXIT_DATAERR;
	}
	return map_header(b, rec->fields, rec->nfields, rec->line);
}

void batch_decoder_match(struct batch *b, const struct csv_record *rec, struct gm_answers *ans,
			 struct gm_result *res, const char **id, size_t *idlen)
{
	size_t i, n = rec->nfields < b->ncols ? rec->nfields : b->ncols;

	score(b, rec, ans, res);
	*id = NULL;
	*idlen = 0;
	for (i = 0; i < n; i++)
		if (b->cols[i].kind == COL_ID && rec->fields[i].len) {
			*id = rec->fields[i].p;
			*idlen = rec->fields[i].len;
		}
}

void batch_decoder_free(struct batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->ncols; i++)
		free(b->cols[i].cache);
	free(b->cols);
	colmap_release(&b->map);
	buf_release(&b->out);
	buf_release(&b->scratch);
	free((struct batch_decoder *)b);
}
