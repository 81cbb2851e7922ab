/* cmd_diff.c - the diff command: scores an intake with two catalogues and reports who would get a different result. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "batch.h"
#include "cli.h"
#include "jsonw.h"
#include "quote.h"
#include "text.h"

#define OUT_FLUSH ((size_t)256 << 10)

enum format { FMT_TEXT, FMT_CSV, FMT_JSON };

/* What can differ between the two results of one record. */
enum change { CH_STATUS = 1, CH_FIRST = 2, CH_TOP2 = 4, CH_SETTING = 8 };
static const char *const change_names[] = { "status", "first", "top2", "setting" };

/* One side: a catalogue and the row reader and result for it. */
struct side {
	const char *path;
	gm_catalog *cat;
	gm_colmap *map;            /* --map, checked against this catalogue */
	gm_intake *rows;           /* the header's columns for this catalogue */
	gm_answers *ans;
	gm_result *res;
};

struct diff {
	enum format fmt;
	unsigned cells;            /* CSV cell flags: TEXT_CSV_RAW for --raw-cells */
	int terminal;              /* stdout is a terminal */
	struct side old, new;
	struct buf out;
	struct jw w;
	unsigned long records, changed, by[4];
	unsigned long calls;       /* records urgent, review or not screened under either */
	/* first-choice transitions: [old group + 1][new group + 1], 0 = none */
	unsigned long moves[GM_GROUPS_MAX + 1][GM_GROUPS_MAX + 1];
};

static void diff_help(void)
{
	fputs("usage: groupmatch diff [OPTIONS] OLD NEW --intake FILE\n"
	      "\n"
	      "Score every record of an intake CSV with two catalogues, OLD and NEW, and\n"
	      "report who would get a different result: the records whose status, first\n"
	      "choice, top two or setting changes, with both results; how many change in\n"
	      "each way; and how first choices move from one group to another.  Rows\n"
	      "are read as 'groupmatch batch' reads them.\n"
	      "\n"
	      "Options:\n"
	      "      --intake FILE      the intake CSV ('-' = standard input; required)\n"
	      "      --format FORMAT    text (default), csv (one row per changed record)\n"
	      "                         or json\n"
	      "      --id-column NAME   the column holding record ids (default: id or\n"
	      "                         record_id)\n"
	      "      --map FILE         rename columns and option codes (as for batch)\n"
	      "      --strict           treat unanswered questions as invalid\n"
	      "      --raw-cells        CSV cells as they are, for programs; without it a\n"
	      "                         cell starting = + - @ tab or CR gets a leading '\n"
	      "                         so that a spreadsheet shows it, not runs it\n"
	      "  -q, --quiet            no warnings or count line on stderr\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "Exit status: 0 done (whether or not anything changed), 3 someone needs a\n"
	      "call (a record urgent, review or not screened under either catalogue),\n"
	      "64 usage, 65 the intake has no usable header, 66 a file not readable,\n"
	      "74 read or write error, 78 a catalogue is invalid.\n", stdout);
}

static int out_flush(struct diff *d)
{
	int bad;

	if (d->terminal)	/* ids must not drive it */
		d->out.len = quote_lines(d->out.data, d->out.data, d->out.len);
	bad = buf_flush(&d->out, stdout);

	buf_reset(&d->out);
	return bad;
}

/* The group index ranked r-th (0-based), or -1. */
/* The group at rank r, or -1: past the ranking, or a group with no
 * evidence, which batch leaves out of its rank columns too. */
static int rank_group(const gm_result *res, int r)
{
	return gm_result_score(res, (size_t)r) > 0 ? gm_result_group_index(res, (size_t)r) : -1;
}

/* The id of the group at rank r, or NULL as rank_group. */
static const char *rank_id(const gm_result *res, int r)
{
	return rank_group(res, r) >= 0 ? gm_result_group_id(res, (size_t)r) : NULL;
}

static const char *group_id(const gm_catalog *cat, int g)
{
	return g >= 0 ? gm_catalog_group_id(cat, (size_t)g) : NULL;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Whether the group ranked r-th in a is among the top two of b, by id. */
static int in_top2(const gm_result *a, int r, const gm_result *b)
{
	const char *id = rank_id(a, r);
	int k;

	if (!id)
		return 1;
	for (k = 0; k < 2; k++)
		if (same(id, rank_id(b, k)))
			return 1;
	return 0;
}

/* How the results of one record differ (CH_* bits): groups compared by
 * id, since the two catalogues may order them differently, and the top
 * two as a set (a swap is a change of first choice). */
static int compare(const gm_result *o, const gm_result *n)
{
	int ch = 0;

	if (strcmp(gm_result_status_name(o), gm_result_status_name(n)))
		ch |= CH_STATUS;
	if (!same(rank_id(o, 0), rank_id(n, 0)))
		ch |= CH_FIRST;
	size_t on = gm_result_rank_count(o), nn = gm_result_rank_count(n);

	if ((on >= 2) != (nn >= 2) || (on > 0) != (nn > 0)
	    || !in_top2(o, 0, n) || !in_top2(o, 1, n) || !in_top2(n, 0, o) || !in_top2(n, 1, o))
		ch |= CH_TOP2;
	if (!same(gm_result_setting(o), gm_result_setting(n)))
		ch |= CH_SETTING;
	return ch;
}

static void changes_joined(struct buf *out, int ch, const char *sep)
{
	int k, n = 0;

	for (k = 0; k < 4; k++)
		if (ch >> k & 1)
			buf_addf(out, "%s%s", n++ ? sep : "", change_names[k]);
}

static void csv_side(struct buf *out, const gm_result *res)
{
	int r;

	buf_addf(out, ",%s", gm_result_status_name(res));
	for (r = 0; r < 2; r++) {
		int g = rank_group(res, r);

		if (g >= 0)
			buf_addf(out, ",%s,%d", gm_result_group_id(res, (size_t)r), gm_result_percent(res, (size_t)r));
		else
			buf_adds(out, ",,");
	}
	buf_addf(out, ",%s", gm_result_setting(res) ? gm_result_setting(res) : "");
}

static void json_side(struct jw *w, const gm_result *res)
{
	int r;

	jw_object(w);
	jw_key_string(w, "status", gm_result_status_name(res));
	jw_key(w, "top2");
	jw_array(w);
	for (r = 0; r < 2 && rank_group(res, r) >= 0; r++) {
		jw_object(w);
		jw_key_string(w, "group", gm_result_group_id(res, (size_t)r));
		jw_key_int(w, "percent", gm_result_percent(res, (size_t)r));
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_key_string(w, "setting", gm_result_setting(res));
	jw_end_object(w);
}

/* "ok, support 89%, process 17%, combined" */
static void text_side(struct buf *out, const gm_result *res)
{
	int r;

	buf_adds(out, gm_result_status_name(res));
	for (r = 0; r < 2 && rank_group(res, r) >= 0; r++)
		buf_addf(out, ", %s %d%%", gm_result_group_id(res, (size_t)r),
			 gm_result_percent(res, (size_t)r));
	if (gm_result_setting(res))
		buf_addf(out, ", %s", gm_result_setting(res));
}

static void record_out(struct diff *d, const char *id, size_t idlen, unsigned long line, int ch)
{
	struct buf *out = &d->out;

	switch (d->fmt) {
	case FMT_CSV:
		if (id)
			text_csv_cell(out, id, idlen, d->cells);
		buf_addf(out, ",%lu,", line);
		changes_joined(out, ch, ";");
		csv_side(out, d->old.res);
		csv_side(out, d->new.res);
		buf_addc(out, '\n');
		break;
	case FMT_JSON:
		jw_object(&d->w);
		jw_key(&d->w, "id");
		if (id)
			jw_stringn(&d->w, id, idlen);
		else
			jw_null(&d->w);
		jw_key_int(&d->w, "line", (long)line);
		jw_key(&d->w, "changes");
		jw_array(&d->w);
		for (int k = 0; k < 4; k++)
			if (ch >> k & 1)
				jw_string(&d->w, change_names[k]);
		jw_end_array(&d->w);
		jw_key(&d->w, "old");
		json_side(&d->w, d->old.res);
		jw_key(&d->w, "new");
		json_side(&d->w, d->new.res);
		jw_end_object(&d->w);
		break;
	case FMT_TEXT:
		if (id)	/* the intake's text: nothing that drives a terminal */
			quote_add(out, id, idlen);
		else
			buf_addf(out, "line %lu", line);
		buf_adds(out, ": ");
		changes_joined(out, ch, ", ");
		buf_adds(out, "\n  old: ");
		text_side(out, d->old.res);
		buf_adds(out, "\n  new: ");
		text_side(out, d->new.res);
		buf_addc(out, '\n');
		break;
	}
}

static void begin(struct diff *d)
{
	switch (d->fmt) {
	case FMT_CSV:
		buf_adds(&d->out, "id,line,changes,old_status,old_rank1,old_rank1_percent,old_rank2,"
			 "old_rank2_percent,old_setting,new_status,new_rank1,new_rank1_percent,"
			 "new_rank2,new_rank2_percent,new_setting\n");
		break;
	case FMT_JSON:
		jw_init(&d->w, &d->out, 1);
		jw_object(&d->w);
		jw_key(&d->w, "old");
		jw_object(&d->w);
		jw_key_string(&d->w, "file", d->old.path);
		jw_key(&d->w, "catalog");
		cli_catalog_json(&d->w, d->old.cat);
		jw_end_object(&d->w);
		jw_key(&d->w, "new");
		jw_object(&d->w);
		jw_key_string(&d->w, "file", d->new.path);
		jw_key(&d->w, "catalog");
		cli_catalog_json(&d->w, d->new.cat);
		jw_end_object(&d->w);
		jw_key(&d->w, "changed");
		jw_array(&d->w);
		break;
	case FMT_TEXT:
		break;
	}
}

/* Transitions: moves before records that stayed, each by count, most
 * first; ties by old then new. */
struct move {
	int from, to;              /* group index + 1, 0 = none */
	int stayed;                /* the same group id (or none) on both sides */
	unsigned long n;
};

static int move_order(const void *a, const void *b)
{
	const struct move *x = a, *y = b;

	if (x->stayed != y->stayed)
		return x->stayed ? 1 : -1;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	if (x->from != y->from)
		return x->from - y->from;
	return x->to - y->to;
}

static size_t moves_sorted(const struct diff *d, struct move *m)
{
	size_t n = 0;
	int i, j;

	for (i = 0; i <= (int)gm_catalog_group_count(d->old.cat); i++)
		for (j = 0; j <= (int)gm_catalog_group_count(d->new.cat); j++)
			if (d->moves[i][j]) {
				m[n].from = i;
				m[n].to = j;
				m[n].stayed = same(group_id(d->old.cat, i - 1), group_id(d->new.cat, j - 1));
				m[n++].n = d->moves[i][j];
			}
	qsort(m, n, sizeof *m, move_order);
	return n;
}

/* Appends the catalogue's name, version and short hash. */
static void catalog_line(struct buf *out, const gm_catalog *cat)
{
	size_t n = gm_catalog_provenance(cat, 12, NULL, 0);

	if (!buf_reserve(out, n))
		out->len += gm_catalog_provenance(cat, 12, out->data + out->len, n + 1);
}

static double share(unsigned long part, unsigned long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void end(struct diff *d)
{
	static const char *const labels[] = { "status", "first choice", "top two", "setting" };
	struct move m[(GM_GROUPS_MAX + 1) * (GM_GROUPS_MAX + 1)];
	size_t n = moves_sorted(d, m), i;
	struct buf *out = &d->out;
	int k;

	switch (d->fmt) {
	case FMT_CSV:
		break;
	case FMT_JSON:
		jw_end_array(&d->w);
		jw_key_int(&d->w, "records", (long)d->records);
		jw_key(&d->w, "counts");
		jw_object(&d->w);
		jw_key_int(&d->w, "changed", (long)d->changed);
		for (k = 0; k < 4; k++)
			jw_key_int(&d->w, change_names[k], (long)d->by[k]);
		jw_end_object(&d->w);
		jw_key(&d->w, "first_choice");
		jw_array(&d->w);
		for (i = 0; i < n; i++) {
			jw_object(&d->w);
			jw_key_string(&d->w, "old", group_id(d->old.cat, m[i].from - 1));
			jw_key_string(&d->w, "new", group_id(d->new.cat, m[i].to - 1));
			jw_key_int(&d->w, "count", (long)m[i].n);
			jw_end_object(&d->w);
		}
		jw_end_array(&d->w);
		jw_end_object(&d->w);
		buf_addc(out, '\n');
		break;
	case FMT_TEXT:
		if (d->changed)
			buf_addc(out, '\n');
		buf_addf(out, "%lu record%s scored with both catalogues\n", d->records,
			 d->records == 1 ? "" : "s");
		buf_adds(out, "  old: ");
		quote_adds(out, d->old.path);
		buf_adds(out, ": ");
		catalog_line(out, d->old.cat);
		buf_adds(out, "\n  new: ");
		quote_adds(out, d->new.path);
		buf_adds(out, ": ");
		catalog_line(out, d->new.cat);
		buf_addf(out, "\n\nChanged records\n  %-13s %9lu %5.1f%%\n", "any", d->changed,
			 share(d->changed, d->records));
		for (k = 0; k < 4; k++)
			buf_addf(out, "  %-13s %9lu %5.1f%%\n", labels[k], d->by[k],
				 share(d->by[k], d->records));
		buf_adds(out, "\nFirst choice, old -> new\n");
		for (i = 0; i < n; i++) {
			const char *a = group_id(d->old.cat, m[i].from - 1);
			const char *b = group_id(d->new.cat, m[i].to - 1);
			size_t start = out->len;

			buf_addf(out, "  %s -> %s", a ? a : "(none)", b ? b : "(none)");
			while (out->len - start < 44)
				buf_addc(out, ' ');
			buf_addf(out, "%9lu%s\n", m[i].n, m[i].stayed ? "  unchanged" : "");
		}
		break;
	}
}

/* Loads one catalogue as the global --catalog would, and keeps it. */
static gm_catalog *load(struct cli *cli, const char *path)
{
	gm_catalog *cat;

	cli->catalog_path = path;
	cli->cat = NULL;
	cat = cli_catalog(cli);
	cli->cat = NULL;
	return cat;
}

static int parse_format(const char *arg, enum format *fmt)
{
	if (!strcmp(arg, "text"))
		*fmt = FMT_TEXT;
	else if (!strcmp(arg, "csv"))
		*fmt = FMT_CSV;
	else if (!strcmp(arg, "json"))
		*fmt = FMT_JSON;
	else {
		cli_error("--format: '%.40s' is not text, csv or json", arg);
		return -1;
	}
	return 0;
}

/* Matches one record with one side's catalogue, as batch does. */
static void side_match(struct side *s, int strict, const gm_csv_record *rec, const char **id,
		       size_t *idlen)
{
	gm_intake_decode_record(s->rows, rec, s->ans, id, idlen, NULL);
	gm_intake_match(s->rows, s->ans, GM_MATCH_STAFF | (strict ? GM_MATCH_STRICT : 0), s->res);
}

static int run(struct diff *d, gm_csv *csv, const char *in_name, const char *id_column,
	       int strict, int quiet)
{
	gm_csv_record rec;
	gm_error err;
	int got, have_header = 0, rc;

	while ((got = gm_csv_next(csv, &rec, &err)) == 1) {
		const char *id, *id2;
		size_t idlen, idlen2;
		int ch;

		if (!have_header) {
			size_t keep[2];

			if (rec.error) {
				char msg[400];

				cli_error("'%s': the header row is not valid: %s", in_name,
					  batch_record_problem(&rec, msg, sizeof msg));
				return EXIT_DATAERR;
			}
			if (!(d->old.rows = batch_intake_new(d->old.cat, &rec, d->old.map, id_column,
							     in_name, "diff", &rc)))
				return rc;
			/* the header's unknown columns are said once, for the old catalogue */
			batch_intake_warn(d->old.rows, d->old.cat, in_name, quiet);
			if (!(d->new.rows = batch_intake_new(d->new.cat, &rec, d->new.map, id_column,
							     in_name, "diff", &rc)))
				return rc;
			gm_csv_keep(csv, keep, gm_intake_keep_columns(d->old.rows, keep));
			have_header = 1;
			begin(d);
			continue;
		}
		side_match(&d->old, strict, &rec, &id, &idlen);
		side_match(&d->new, strict, &rec, &id2, &idlen2);
		d->records++;
		if (cli_result_exit(d->old.res) == EXIT_URGENT || cli_result_exit(d->new.res) == EXIT_URGENT)
			d->calls++;
		d->moves[rank_group(d->old.res, 0) + 1][rank_group(d->new.res, 0) + 1]++;
		if (!(ch = compare(d->old.res, d->new.res)))
			continue;
		d->changed++;
		for (int k = 0; k < 4; k++)
			if (ch >> k & 1)
				d->by[k]++;
		record_out(d, id, idlen, (unsigned long)rec.line, ch);
		if (d->out.len >= OUT_FLUSH && out_flush(d))
			return EXIT_IOERR;
	}
	if (got < 0) {
		cli_error("cannot read '%s': %s", in_name, err.message);
		return EXIT_IOERR;
	}
	if (!have_header) {
		cli_error("'%s' is empty: expected a header row naming the questions", in_name);
		return EXIT_DATAERR;
	}
	end(d);
	if (out_flush(d))
		return EXIT_IOERR;
	return d->calls ? EXIT_URGENT : EXIT_OK;
}

int cmd_diff(struct cli *cli, int argc, char **argv)
{
	enum { OPT_FORMAT = 2000, OPT_INTAKE, OPT_ID_COLUMN, OPT_MAP, OPT_STRICT, OPT_RAW_CELLS };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "id-column", required_argument, NULL, OPT_ID_COLUMN },
		{ "intake", required_argument, NULL, OPT_INTAKE },
		{ "map", required_argument, NULL, OPT_MAP },
		{ "raw-cells", no_argument, NULL, OPT_RAW_CELLS },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ NULL, 0, NULL, 0 }
	};
	struct diff *d = calloc(1, sizeof *d);
	gm_csv *csv = NULL;
	const char *intake = NULL, *in_name, *id_column = NULL, *map_path = NULL;
	int c, fd = -1, code = EXIT_USAGE, strict = 0;

	if (!d) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	buf_init(&d->out);
	while ((c = getopt_long(argc, argv, "c:hq", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'h':
			diff_help();
			code = EXIT_OK;
			goto done;
		case OPT_FORMAT:
			if (parse_format(optarg, &d->fmt))
				goto usage;
			break;
		case OPT_INTAKE:
			intake = optarg;
			break;
		case OPT_ID_COLUMN:
			id_column = optarg;
			break;
		case OPT_MAP:
			map_path = optarg;
			break;
		case OPT_RAW_CELLS:
			d->cells = TEXT_CSV_RAW;
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2) {
		cli_error("diff: expected two catalogues, OLD and NEW, not %d", argc - optind);
		goto usage;
	}
	if (!intake) {
		cli_error("diff: no intake (give --intake FILE)");
		goto usage;
	}
	d->old.path = argv[optind];
	d->new.path = argv[optind + 1];
	code = EXIT_CONFIG;
	if (!(d->old.cat = load(cli, d->old.path)) || !(d->new.cat = load(cli, d->new.path)))
		goto done;
	if (!strcmp(intake, "-")) {
		fd = STDIN_FILENO;
		in_name = "standard input";
	} else {
		struct stat st;

		in_name = intake;
		fd = open(intake, O_RDONLY);
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			fd = -1;
			errno = EISDIR;
		}
		if (fd < 0) {
			cli_error("cannot open '%s': %s", intake, strerror(errno));
			code = EXIT_NOINPUT;
			goto done;
		}
	}
	code = EXIT_IOERR;
	if (!(csv = gm_csv_new_fd(fd, NULL))) {
		cli_error("out of memory");
		goto done;
	}
	if (map_path && ((code = batch_map_load(map_path, d->old.cat, &d->old.map))
			 || (code = batch_map_load(map_path, d->new.cat, &d->new.map))))
		goto done;
	d->old.ans = gm_answers_new(d->old.cat);
	d->new.ans = gm_answers_new(d->new.cat);
	d->old.res = gm_result_new(d->old.cat);
	d->new.res = gm_result_new(d->new.cat);
	if (!d->old.ans || !d->new.ans || !d->old.res || !d->new.res) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	d->terminal = isatty(STDOUT_FILENO);
	code = run(d, csv, in_name, id_column, strict, cli->quiet);
	if ((code == EXIT_OK || code == EXIT_URGENT) && !cli->quiet)
		fprintf(stderr, "groupmatch: %lu record%s: %lu changed (status %lu, first choice %lu, "
			"top two %lu, setting %lu)\n", d->records, d->records == 1 ? "" : "s",
			d->changed, d->by[0], d->by[1], d->by[2], d->by[3]);
	if (code == EXIT_URGENT && !cli->quiet)
		fprintf(stderr, "groupmatch: %lu record%s urgent, review or not screened under either "
			"catalogue: someone needs a call (exit 3)\n", d->calls, d->calls == 1 ? " is" : "s are");
	goto done;
usage:
	code = cli_usage_error("diff");
done:
	gm_answers_free(d->old.ans);
	gm_answers_free(d->new.ans);
	gm_result_free(d->old.res);
	gm_result_free(d->new.res);
	gm_intake_free(d->old.rows);
	gm_intake_free(d->new.rows);
	gm_colmap_free(d->old.map);
	gm_colmap_free(d->new.map);
	gm_csv_free(csv);
	if (fd > STDIN_FILENO)
		close(fd);
	gm_catalog_free(d->old.cat);
	gm_catalog_free(d->new.cat);
	buf_release(&d->out);
	free(d);
	return code;
}
