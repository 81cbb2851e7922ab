/* cmd_batch.c - the batch command: scores an intake CSV, one output row per record, or sums it up.
 *
 * Past 700 lines for a reason: the command's options, its output file,
 * its progress line and its summaries (JSON, CSV, text, HTML) share the
 * run's state and counts; the reading of rows and their decoding are in
 * the library (gm_batch, gm_intake).
 */
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
#include "ascii.h"
#include "batch.h"
#include "cli.h"
#include "jsonparse.h"
#include "jsonw.h"
#include "outfile.h"
#include "quote.h"
#include "text.h"

#define OUT_FLUSH ((size_t)256 << 10)   /* write output in blocks of about this size */
#define NAME_SHOWN 48                   /* bytes of a column name in messages */

enum format { FMT_CSV, FMT_JSONL, FMT_JSON, FMT_HTML };

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
	unsigned long first[GM_GROUPS_MAX];
	unsigned long top2[GM_GROUPS_MAX];
	unsigned long setting[GM_SETTINGS_MAX];
	struct idlist urgent_ids, unclear_ids, unscreened_ids;
	unsigned long review;      /* a score rule asks for a clinician's review */
	struct idlist review_ids;
	unsigned long scored[GM_SCORE_BLOCKS_MAX];  /* records with a total */
	unsigned long band[GM_SCORE_BLOCKS_MAX][GM_BANDS_MAX];
};

struct batch {
	struct cli *cli;
	const gm_catalog *cat;
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
	const gm_csv_record *rec;  /* the record being scored */
	const char *map_path;
	gm_colmap *map;            /* --map, NULL for none */

	const char *in_name;       /* for messages */
	int in_fd;
	off_t in_size;             /* 0 when unknown */
	gm_csv *csv;
	gm_batch *loop;            /* the library's record loop over csv */
	gm_intake *in;             /* the header's columns */

	const char *out_path;      /* -o, NULL for stdout */
	struct outfile outf;       /* -o, or standard output */
	int out_fd;
	int out_errno;             /* first write error, 0 if none */
	struct buf out;
	int terminal;              /* the output goes to a terminal */
	unsigned cells;            /* CSV cell flags: TEXT_CSV_RAW for --raw-cells */
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
	      "      --raw-cells        CSV cells as they are, for programs; without it a\n"
	      "                         cell starting = + - @ tab or CR gets a leading '\n"
	      "                         so that a spreadsheet shows it, not runs it\n"
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
	if (b->out.oom && !b->out_errno)
		b->out_errno = ENOMEM;
	if (b->terminal)	/* ids and kept cells must not drive it */
		b->out.len = quote_lines(b->out.data, b->out.data, b->out.len);
	if (!b->out_errno)
		b->out_errno = outfile_write(&b->outf, b->out.data, b->out.len);
	buf_reset(&b->out);
}

/* The writer of the rows, made once the header has named the --keep
 * columns; returns 0, or EXIT_IOERR when out of memory. */
static int open_writer(struct batch *b)
{
	const char *names[16];
	gm_writer_opts o = { .top = b->top, .ncolumns = (size_t)b->nkeep, .columns = names,
			     .flags = b->cells & TEXT_CSV_RAW ? GM_WRITE_RAW_CELLS : 0 };
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
static void row_out(struct batch *b, const gm_result *res, const char *id, size_t idlen)
{
	struct buf *out = &b->out;
	const char *cells[16];
	size_t lens[16], total, room, n;

	total = idlen;
	for (int k = 0; k < b->nkeep; k++) {	/* the clinic's own columns, as they were */
		size_t c = b->keep_col[k];

		cells[k] = NULL;
		lens[k] = 0;
		if (b->rec && c < b->rec->n) {
			cells[k] = b->rec->fields[c] ? b->rec->fields[c] : "";
			lens[k] = b->rec->lens[c];
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
	uint64_t bytes = gm_csv_offset(b->csv);

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

/* --- the header ------------------------------------------------------- */

/* Reads the header into b->in, with the --keep columns; returns 0 or an
 * exit status. */
static int map_header(struct batch *b, const gm_csv_record *rec)
{
	size_t keep[2];
	int rc;

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
	if (!(b->in = batch_intake_new(b->cat, rec, b->map, b->id_column, b->in_name, "batch", &rc)))
		return rc;
	for (size_t i = 0; i < rec->n; i++) {
		const char *s = rec->fields[i];
		size_t len = rec->lens[i];

		text_trim_blanks(&s, &len);
		while (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			len -= 3;
		}
		for (int k = 0; k < b->nkeep; k++)
			if (b->keep_col[k] == (size_t)-1 && ascii_name_eq(s, len, b->keep_name[k])) {
				size_t n = len < sizeof b->keep_name[k] ? len : sizeof b->keep_name[k] - 1;

				memcpy(b->keep_name[k], s, n);	/* the header's own spelling, whole */
				b->keep_name[k][n] = '\0';
				b->keep_col[k] = i;
				if (gm_intake_column_question(b->in, i) < 0 && (long)i != gm_intake_id_column(b->in))
					gm_intake_use_column(b->in, i);
			}
	}
	for (int k = 0; k < b->nkeep; k++)
		if (b->keep_col[k] == (size_t)-1) {
			char q[64];

			cli_error("'%s': no column '%s' for --keep", b->in_name,
				  cli_quoted(q, sizeof q, b->keep_name[k]));
			return cli_usage_error("batch");
		}
	batch_intake_warn(b->in, b->cat, b->in_name, b->cli->quiet);
	/* an over-limit record keeps these two, so an urgent row keeps its id */
	if (b->csv)
		gm_csv_keep(b->csv, keep, gm_intake_keep_columns(b->in, keep));
	return 0;
}

/* Reads --columns LIST as the header. */
static int columns_from_list(struct batch *b)
{
	gm_csv *r = gm_csv_new_mem(b->columns, strlen(b->columns), NULL);
	gm_csv_record rec;
	int rc;

	if (!r) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	if (gm_csv_next(r, &rec, NULL) != 1 || rec.error) {
		char q[64];

		cli_error("--columns '%s' is not a comma-separated list of names",
			  cli_quoted(q, sizeof q, b->columns));
		gm_csv_free(r);
		return EXIT_USAGE;
	}
	rec.line = 0;
	rc = map_header(b, &rec);
	gm_csv_free(r);
	return rc;
}

/* --- one record ------------------------------------------------------- */

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
static int bad_utf8_at(struct batch *b, const gm_csv_record *rec, size_t i)
{
	if (i >= rec->n || i >= gm_intake_column_count(b->in) || valid_utf8(rec->fields[i], rec->lens[i]))
		return 0;
	b->bad_utf8 = 1;
	if (!b->cli->quiet)
		cli_warn("'%s': line %lu, column '%s': invalid UTF-8 (a file saved by Excel on "
			 "Windows? try --encoding cp1252)", b->in_name, (unsigned long)rec->line,
			 gm_intake_column_name(b->in, i));
	return 1;
}

static void note_bad_utf8(struct batch *b, const gm_csv_record *rec, int all)
{
	if (b->bad_utf8)
		return;
	if (all) {
		for (size_t i = 0; i < rec->n; i++)
			if (bad_utf8_at(b, rec, i))
				return;
		return;
	}
	if (gm_intake_id_column(b->in) >= 0 && bad_utf8_at(b, rec, (size_t)gm_intake_id_column(b->in)))
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

/* Counts one record the batch loop has read and matched, and writes its
 * row. */
static void score(struct batch *b, const gm_batch_item *item)
{
	const gm_csv_record *rec = item->record;
	const gm_result *res = item->result;
	const char *id = item->id;
	size_t idlen = item->idlen;
	gm_result_status status;
	gm_safety safety;
	int g;

	b->rec = rec;
	note_bad_utf8(b, rec, 0);
	status = gm_result_status_of(res);
	safety = gm_result_safety(res);
	if (status == GM_RESULT_INVALID)	/* an answer in another encoding? */
		note_bad_utf8(b, rec, 1);
	if (idlen == 0)
		id = NULL;
	b->n.records++;
	if (safety == GM_SAFETY_MISSING && status != GM_RESULT_INVALID) {
		b->n.unscreened++;
		note_id(&b->n.unscreened_ids, id, idlen, rec->line);
	}
	switch (status) {
	case GM_RESULT_OK:
		b->n.ok++;
		if ((g = gm_result_group_index(res, 0)) >= 0)
			b->n.first[g]++;
		for (size_t k = 0; k < 2 && (g = gm_result_group_index(res, k)) >= 0 &&
		     gm_result_score(res, k) > 0; k++)
			b->n.top2[g]++;
		if ((g = gm_result_setting_index(res)) >= 0)
			b->n.setting[g]++;
		break;
	case GM_RESULT_URGENT:
		b->n.urgent++;
		note_id(&b->n.urgent_ids, id, idlen, rec->line);
		if (safety == GM_SAFETY_UNCLEAR) {
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
	for (size_t k = 0; k < gm_catalog_score_block_count(b->cat); k++)
		if ((g = gm_result_score_band_index(res, k)) >= 0) {
			b->n.scored[k]++;
			b->n.band[k][g]++;
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
	const gm_catalog *cat = b->cat;
	int ngroups = (int)gm_catalog_group_count(cat);
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
	for (i = 0; i < ngroups; i++) {
		jw_object(&w);
		jw_key_string(&w, "group", gm_catalog_group_id(cat, (size_t)i));
		jw_key_string(&w, "name", gm_catalog_group_name(cat, (size_t)i));
		jw_key_int(&w, "first_choice", (long)b->n.first[i]);
		jw_key_int(&w, "top_two", (long)b->n.top2[i]);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "settings");
	jw_object(&w);
	for (i = 0; i < GM_SETTINGS_MAX; i++)
		jw_key_int(&w, gm_catalog_setting_id(cat, (size_t)i), (long)b->n.setting[i]);
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
		jw_key(&w, gm_catalog_score_block_id(cat, (size_t)i));
		jw_object(&w);
		jw_key_int(&w, "scored", (long)b->n.scored[i]);
		jw_key(&w, "bands");
		jw_object(&w);
		for (size_t k = 0; k < gm_catalog_score_band_count(cat, (size_t)i); k++)
			jw_key_int(&w, gm_catalog_score_band_id(cat, (size_t)i, k), (long)b->n.band[i][k]);
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
static void sort_groups(const gm_catalog *cat, const unsigned long *count, int *order)
{
	int ngroups = (int)gm_catalog_group_count(cat), i;

	for (i = 0; i < ngroups; i++)
		order[i] = i;
	for (i = 1; i < ngroups; i++) {
		int k = i, g = order[i];

		while (k > 0 && count[order[k - 1]] < count[g]) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = g;
	}
}

/* A setting as a person reads it: its label, else its id. */
static const char *setting_name(const gm_catalog *cat, size_t i)
{
	const char *label = gm_catalog_setting_label(cat, i);

	return label ? label : gm_catalog_setting_id(cat, i);
}

/* The summary as CSV, one row per status, group and setting:
 * section,key,name,count,of,percent. */
static void summary_csv(struct batch *b)
{
	const gm_catalog *cat = b->cat;
	int ngroups = (int)gm_catalog_group_count(cat);
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
	for (i = 0; i < ngroups; i++) {
		buf_addf(out, "first_choice,%s,", gm_catalog_group_id(cat, (size_t)i));
		text_csv_cstr(out, gm_catalog_group_name(cat, (size_t)i), b->cells);
		buf_addf(out, ",%lu,%lu,%.1f\n", b->n.first[i], b->n.ok, share(b->n.first[i], b->n.ok));
	}
	for (i = 0; i < ngroups; i++) {
		buf_addf(out, "top_two,%s,", gm_catalog_group_id(cat, (size_t)i));
		text_csv_cstr(out, gm_catalog_group_name(cat, (size_t)i), b->cells);
		buf_addf(out, ",%lu,%lu,%.1f\n", b->n.top2[i], b->n.ok, share(b->n.top2[i], b->n.ok));
	}
	for (i = 0; i < GM_SETTINGS_MAX; i++) {
		const char *name = setting_name(cat, (size_t)i);

		buf_addf(out, "setting,%s,", gm_catalog_setting_id(cat, (size_t)i));
		text_csv_cell(out, name, strlen(name), b->cells);
		buf_addf(out, ",%lu,%lu,%.1f\n", b->n.setting[i], b->n.ok,
			 share(b->n.setting[i], b->n.ok));
	}
}

static void summary_text(struct batch *b)
{
	const gm_catalog *cat = b->cat;
	int ngroups = (int)gm_catalog_group_count(cat);
	struct buf *out = &b->out;
	int utf8 = cli_utf8(), w = 16, i;
	int order[GM_GROUPS_MAX];

	for (i = 0; i < ngroups; i++) {
		int len = (int)strlen(gm_catalog_group_name(cat, (size_t)i));

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
	for (i = 0; i < ngroups; i++)
		summary_line(b, gm_catalog_group_name(cat, (size_t)order[i]), w, b->n.first[order[i]], b->n.ok, utf8);
	sort_groups(cat, b->n.top2, order);
	buf_adds(out, "\nIn the top two\n");
	for (i = 0; i < ngroups; i++)
		summary_line(b, gm_catalog_group_name(cat, (size_t)order[i]), w, b->n.top2[order[i]], b->n.ok, utf8);
	buf_adds(out, "\nSetting\n");
	for (i = 0; i < GM_SETTINGS_MAX; i++) {	/* the names a person reads, not ids */
		const char *name = setting_name(cat, (size_t)i);

		if ((int)strlen(name) > w) {	/* a long name on a line of its own */
			buf_addf(out, "  %s\n", name);
			name = "";
		}
		summary_line(b, name, w, b->n.setting[i], b->n.ok, utf8);
	}
	for (i = 0; i < (int)gm_catalog_score_block_count(cat); i++) {
		if (!b->n.scored[i])
			continue;
		buf_addf(out, "\n%s (of the %lu records with a total)\n",
			 gm_catalog_score_block_name(cat, (size_t)i), b->n.scored[i]);
		for (size_t k = 0; k < gm_catalog_score_band_count(cat, (size_t)i); k++)
			summary_line(b, gm_catalog_score_band_label(cat, (size_t)i, k), w,
				     b->n.band[i][k], b->n.scored[i], utf8);
	}
	buf_adds(out, "\nCatalogue: ");
	if (!buf_reserve(out, gm_catalog_provenance(cat, 64, NULL, 0)))
		out->len += gm_catalog_provenance(cat, 64, out->data + out->len, out->cap - out->len);
	buf_adds(out, "\n\n");
	text_wrap(out, gm_catalog_reminder(cat), 0, 80);
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

/* The files batch reads from in_path (NULL for standard input), which
 * its output may not be, in inputs. */
static size_t batch_inputs(const struct batch *b, const char *in_path, const char *inputs[4])
{
	inputs[0] = in_path ? in_path : "-";
	inputs[1] = b->map_path;
	inputs[2] = b->cli->catalog_path;
	inputs[3] = b->cli->resources_path;
	return 4;
}

/* Opens the output (see outfile_open); returns 0 or an exit status. */
static int open_output(struct batch *b, const char *in_path)
{
	const char *inputs[4];
	int rc = outfile_open(&b->outf, b->out_path, inputs, batch_inputs(b, in_path, inputs));

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

static int run_rows(struct batch *b)
{
	gm_csv_record rec;
	gm_batch_item item;
	gm_error err;
	int got = 1, have_header = 0, skip_first = 0, rows = !b->summary && b->fmt == FMT_CSV;

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
	/* the header row (or the row --columns replaces), read here so that
	 * its problems are told in batch's words; then the library's loop */
	while (!have_header || skip_first) {
		int rc;

		if ((got = gm_csv_next(b->csv, &rec, &err)) != 1)
			break;
		if (skip_first) {
			skip_first = 0;
			continue;
		}
		if (rec.error) {
			char msg[400];

			cli_error("'%s': the header row is not valid: %s", b->in_name,
				  batch_record_problem(&rec, msg, sizeof msg));
			return EXIT_DATAERR;
		}
		rc = map_header(b, &rec);
		if (!rc)
			rc = open_writer(b);
		if (rc)
			return rc;
		have_header = 1;
		if (rows)
			csv_header_out(b);
	}
	if (got < 0) {
		cli_error("cannot read '%s': %s", b->in_name, err.message);
		return EXIT_IOERR;
	}
	if (!have_header) {
		cli_error("'%s' is empty: expected a header row naming the questions", b->in_name);
		return EXIT_DATAERR;
	}
	b->loop = gm_batch_new(b->cat, b->csv, NULL, NULL,
			       GM_MATCH_STAFF | (b->strict ? GM_MATCH_STRICT : 0), &err);
	if (!b->loop || gm_batch_use_intake(b->loop, b->in) != GM_OK) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	while (got == 1 && (got = gm_batch_next(b->loop, &item, &err)) == 1) {
		score(b, &item);
		if (b->out_errno)
			break;
		if (b->progress && (b->n.records & 8191) == 0)
			progress(b, 0);
	}
	if (got < 0 && err.status == GM_ERR_ANSWER) {	/* bytes but no record */
		cli_error("'%s': %s", b->in_name, err.message);
		return EXIT_DATAERR;
	}
	if (got < 0) {
		cli_error("cannot read '%s': %s", b->in_name, err.message);
		return EXIT_IOERR;
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

static int run(struct batch *b)
{
	int code = run_rows(b);

	gm_batch_free(b->loop);
	b->loop = NULL;
	return code;
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
	       OPT_COLUMNS, OPT_ID_COLUMN, OPT_MAP, OPT_KEEP, OPT_DELIMITER, OPT_ENCODING,
	       OPT_RAW_CELLS };
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
		{ "raw-cells", no_argument, NULL, OPT_RAW_CELLS },
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
				b.encoding = GM_CSV_UTF8;
			else if (!strcmp(optarg, "latin1") || !strcmp(optarg, "iso-8859-1"))
				b.encoding = GM_CSV_LATIN1;
			else if (!strcmp(optarg, "cp1252") || !strcmp(optarg, "windows-1252"))
				b.encoding = GM_CSV_CP1252;
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
		case OPT_RAW_CELLS:
			b.cells = TEXT_CSV_RAW;
			break;
		case OPT_STRICT:
			b.strict = 1;
			break;
		case OPT_SUMMARY:
			b.summary = 1;
			break;
		case OPT_TOP:
			if (cli_parse_int("--top", optarg, 1, GM_GROUPS_MAX, &top))
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
	{
		const char *inputs[4];
		size_t n = batch_inputs(&b, argc > optind ? argv[optind] : NULL, inputs);

		if (outfile_check(b.out_path, inputs, n))
			return EXIT_USAGE;
	}
	if (!(b.cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	if (top > (long)gm_catalog_group_count(b.cat)) {
		if (top_given) {
			cli_error("--top '%ld' is more than the %ld group types", top, (long)gm_catalog_group_count(b.cat));
			return cli_usage_error("batch");
		}
		top = (long)gm_catalog_group_count(b.cat);
	}
	b.top = (int)top;
	if (b.map_path && (code = batch_map_load(b.map_path, b.cat, &b.map)))
		goto done;
	if ((code = open_input(&b, argc > optind ? argv[optind] : NULL)))
		goto done;
	b.csv = gm_csv_new_fd(b.in_fd, NULL);
	if (!b.csv) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	/* a header tells ',' from ';' and tab; chunks without one are ',' */
	gm_csv_set_delimiter(b.csv, b.delim ? b.delim : b.no_header ? ',' : 0);
	gm_csv_set_encoding(b.csv, b.encoding);
	if ((code = open_output(&b, argc > optind ? argv[optind] : NULL)))
		goto done;
	/* Progress only on a terminal, and not when the rows themselves are
	 * scrolling past on it. */
	b.terminal = isatty(b.out_fd);
	b.progress = !cli->quiet && isatty(STDERR_FILENO) && !b.terminal;
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
	gm_csv_free(b.csv);
	gm_intake_free(b.in);
	gm_colmap_free(b.map);
	buf_release(&b.out);
	gm_writer_free(b.writer);
	buf_release(&b.n.urgent_ids.ids);
	buf_release(&b.n.unclear_ids.ids);
	buf_release(&b.n.unscreened_ids.ids);
	buf_release(&b.n.review_ids.ids);
	return code;
}
