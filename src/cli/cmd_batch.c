/* cmd_batch.c - the batch command: scores an intake CSV, one output row per record, or sums it up.
 *
 * Past 700 lines for a reason: the command's options, its header and
 * --keep columns, its output file and its progress line share the run's
 * state; the reading of rows and their decoding are in the library
 * (gm_batch, gm_intake), the counts in its tally (gm_tally) and the
 * summaries in batch_summary.c.
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
#include "batch_summary.h"
#include "cli.h"
#include "jsonparse.h"
#include "outfile.h"
#include "quote.h"
#include "text.h"
#include "worklist.h"

#define OUT_FLUSH ((size_t)256 << 10)   /* write output in blocks of about this size */
#define NAME_SHOWN 48                   /* bytes of a column name in messages */

enum format { FMT_CSV, FMT_JSONL, FMT_JSON, FMT_HTML };

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

	gm_tally *tally;           /* the counts, and for --summary who to follow up */
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
	      "many records point to each group type and setting, and the worklist: every\n"
	      "record to follow up (urgent, unclear, review, not screened, invalid,\n"
	      "incomplete screener), each id with its --keep columns.\n"
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
	      "Exit status: 0 every record ok and screened, 3 someone needs a call: some\n"
	      "record urgent (a positive or unclear safety answer), review (a screener\n"
	      "answer asks for a clinician) or not screened (the safety question not\n"
	      "answered); this wins over 65, 64 usage, 65 some record invalid (every\n"
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

/* The record's cells of the --keep columns into cells and lens (NULL
 * for a field the record lacks); returns their total length. */
static size_t keep_cells(const struct batch *b, const char **cells, size_t *lens)
{
	size_t total = 0;

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
	return total;
}

/* One result as a row (CSV, or the JSON object with the --keep columns,
 * as read, in a "columns" object at its end), written by the writer
 * straight into the output buffer. */
static void row_out(struct batch *b, const gm_result *res, const char *id, size_t idlen)
{
	struct buf *out = &b->out;
	const char *cells[16];
	size_t lens[16], total, room, n;

	total = idlen + keep_cells(b, cells, lens);
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
	fprintf(stderr, "\r\033[Kgroupmatch: %lu records, %.0f MB/s", gm_tally_records(b->tally),
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

/* Counts one record the batch loop has read and matched, and writes its
 * row. */
static void score(struct batch *b, const gm_batch_item *item)
{
	const gm_csv_record *rec = item->record;
	const gm_result *res = item->result;
	const char *id = item->id;
	size_t idlen = item->idlen;

	b->rec = rec;
	note_bad_utf8(b, rec, 0);
	if (gm_result_status_of(res) == GM_RESULT_INVALID)	/* an answer in another encoding? */
		note_bad_utf8(b, rec, 1);
	if (idlen == 0)
		id = NULL;
	if (b->summary) {	/* the --keep cells go beside each person on a list */
		const char *cells[16];
		size_t lens[16];

		keep_cells(b, cells, lens);
		if (gm_tally_add(b->tally, res, id, idlen, (unsigned long)rec->line, cells, lens) == GM_ERR_NOMEM)
			b->out.oom = 1;
		return;
	}
	gm_tally_add(b->tally, res, id, idlen, (unsigned long)rec->line, NULL, NULL);
	switch (b->fmt) {
	case FMT_CSV:
		row_out(b, res, id, idlen);
		break;
	case FMT_JSON:
		buf_adds(&b->out, gm_tally_records(b->tally) > 1 ? ",\n" : "\n");
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

/* ", N review" for the closing count line, when any record is one. */
static const char *review_note(const struct batch *b)
{
	static char note[40];
	unsigned long review = gm_tally_status_count(b->tally, GM_RESULT_REVIEW);

	note[0] = '\0';
	if (review)
		snprintf(note, sizeof note, ", %lu review", review);
	return note;
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
	{
		const char *names[16];

		for (int k = 0; k < b->nkeep; k++)
			names[k] = b->keep_name[k];
		/* rows need only counts: memory stays flat whatever the input */
		b->tally = b->summary ? gm_tally_new(b->cat, 0, (size_t)b->nkeep, names)
			: gm_tally_new(b->cat, GM_TALLY_COUNTS_ONLY, 0, NULL);
		if (!b->tally) {
			cli_error("out of memory");
			return EXIT_IOERR;
		}
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
		if (b->progress && (gm_tally_records(b->tally) & 8191) == 0)
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
			batch_summary_csv(&b->out, b->tally, b->cells);
		else if (b->fmt == FMT_CSV)
			batch_summary_text(&b->out, b->tally, cli_utf8());
		else if (b->fmt == FMT_HTML)
			batch_summary_html(&b->out, b->tally);
		else
			batch_summary_json(&b->out, b->tally, b->fmt != FMT_JSONL);
	} else if (b->fmt == FMT_JSON) {
		buf_adds(&b->out, gm_tally_records(b->tally) ? "\n]\n" : "]\n");
	}
	out_flush(b);
	if (b->progress)
		progress(b, 1);
	b->completed = !b->out_errno;
	/* someone to call (urgent, review, not screened) outweighs a row to fix */
	return worklist_needs_call(b->tally) ? EXIT_URGENT
		: gm_tally_status_count(b->tally, GM_RESULT_INVALID) ? EXIT_DATAERR : EXIT_OK;
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
	if (b.completed && code != EXIT_IOERR && code != EXIT_CANTCREAT && !cli->quiet) {
		unsigned long records = gm_tally_records(b.tally);

		fprintf(stderr, "groupmatch: %lu record%s: %lu ok, %lu urgent, %lu invalid, "
			"%lu not screened%s\n", records, records == 1 ? "" : "s",
			gm_tally_status_count(b.tally, GM_RESULT_OK),
			gm_tally_status_count(b.tally, GM_RESULT_URGENT),
			gm_tally_status_count(b.tally, GM_RESULT_INVALID),
			(unsigned long)gm_tally_list_count(b.tally, GM_LIST_NOT_SCREENED), review_note(&b));
	}
done:
	if (b.in_fd > STDIN_FILENO)
		close(b.in_fd);
	gm_csv_free(b.csv);
	gm_intake_free(b.in);
	gm_colmap_free(b.map);
	buf_release(&b.out);
	gm_writer_free(b.writer);
	gm_tally_free(b.tally);
	return code;
}
