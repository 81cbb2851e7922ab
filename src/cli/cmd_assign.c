/* cmd_assign.c - the assign command: reads an intake and an offerings file, prints the roster or its summary. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "assign_intake.h"
#include "batch.h"
#include "assign_report.h"
#include "buf.h"
#include "cli.h"
#include "quote.h"
#include "jsonw.h"
#include "outfile.h"
#include "text.h"
#include "worklist.h"

struct assign_cmd {
	struct cli *cli;
	const struct gm_catalog *cat;
	const char *offerings_path;
	const char *out_path;
	const char *map_path;
	enum aformat fmt;
	unsigned cells;            /* CSV cell flags: TEXT_CSV_RAW for --raw-cells */
	int summary;
	int close_small;
	gm_offerings *offs;
	gm_assign *asg;
	struct assign_intake in;
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
	      "                         (default), csv, json or html (a page to print)\n"
	      "      --summary          who to follow up (every list, as batch --summary);\n"
	      "                         per offering: filled seats, below minimum, mean\n"
	      "                         fit; and the waitlist per type\n"
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
	      "      --raw-cells        CSV cells as they are, for programs; without it a\n"
	      "                         cell starting = + - @ tab or CR gets a leading '\n"
	      "                         so that a spreadsheet shows it, not runs it\n"
	      "  -c, --catalog FILE     use FILE instead of the built-in catalogue\n"
	      "  -q, --quiet            no warnings or count line on stderr\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "CSV columns: id,status,offering,type,percent,choice,reason,message.  status is\n"
	      "placed, waitlist or the record's own status (urgent, invalid); for the\n"
	      "waitlist, type is the person's best type and reason says why they were not\n"
	      "placed in it: full, not_eligible, not_available, no_offering or no_evidence.\n"
	      "A record whose safety question was not answered may be placed, and its\n"
	      "message says the question was not answered.\n"
	      "\n"
	      "Exit status: 0 every record ok and screened (placed or waitlisted), 3\n"
	      "someone needs a call: some record urgent, review or not screened (this wins\n"
	      "over 65), 64 usage, 65 some record invalid, 66 input not readable, 73\n"
	      "output not creatable, 74 read or write error, 78 invalid catalogue or\n"
	      "offerings.\n", stdout);
}

/* --- output ----------------------------------------------------------- */

static void rows_csv(struct assign_cmd *a, struct buf *out)
{
	const gm_assign *g = a->asg;

	buf_adds(out, "id,status,offering,type,percent,choice,reason,message\n");
	for (size_t i = 0; i < gm_assign_record_count(g); i++) {
		long o = gm_assign_record_offering(g, i);
		int pc = gm_assign_record_percent(g, i);

		text_csv_cstr(out, gm_assign_record_id(g, i), a->cells);
		buf_addc(out, ',');
		buf_adds(out, gm_assign_record_status(g, i));
		buf_addc(out, ',');
		if (o >= 0)
			text_csv_cstr(out, gm_offering_id(a->offs, (size_t)o), a->cells);
		buf_addc(out, ',');
		text_csv_cstr(out, gm_assign_record_type(g, i), a->cells);
		buf_addc(out, ',');
		if (pc >= 0)
			buf_addf(out, "%d,%d", pc, gm_assign_record_choice(g, i));
		else
			buf_addc(out, ',');
		buf_addc(out, ',');
		text_csv_cstr(out, gm_assign_record_reason(g, i), a->cells);
		buf_addc(out, ',');
		text_csv_cstr(out, gm_assign_record_message(g, i), a->cells);
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
		gm_error *e = &errs[i];

		/* the file's own text, quoted in a message, must not drive the terminal */
		for (char *c = e->message; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
		for (char *c = e->path; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
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
	for (size_t i = 0; i < n && i < 10; i++) {
		const char *t = gm_assign_unknown_tag(a->asg, i);
		char shown[64];	/* the intake's bytes, made safe for a terminal */

		quote_text(shown, sizeof shown, t, strlen(t));
		buf_addf(&list, "%s'%s' (%ld)", i ? ", " : "", shown,
			 gm_assign_unknown_tag_records(a->asg, i));
	}
	if (n > 10)
		buf_addf(&list, " and %zu more", n - 10);
	cli_warn("'%s': column '%s' names tags that no offering has: %s", a->in.in_name,
		 a->in.avail_column, buf_cstr(&list));
	buf_release(&list);
}

/* The files assign reads, which its output may not be, in inputs. */
static size_t assign_inputs(const struct assign_cmd *a, const char *inputs[5])
{
	inputs[0] = a->in.in_path ? a->in.in_path : "-";
	inputs[1] = a->offerings_path;
	inputs[2] = a->map_path;
	inputs[3] = a->cli->catalog_path;
	inputs[4] = a->cli->resources_path;
	return 5;
}

int cmd_assign(struct cli *cli, int argc, char **argv)
{
	enum { OPT_OFFERINGS = 2000, OPT_FORMAT, OPT_SUMMARY, OPT_CLOSE_SMALL, OPT_AVAILABLE,
	       OPT_ID_COLUMN, OPT_MAP, OPT_STRICT, OPT_RAW_CELLS };
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
		{ "raw-cells", no_argument, NULL, OPT_RAW_CELLS },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const format_names[] = { "", "csv", "jsonl", "json", "text", "html" };
	struct assign_cmd a;
	struct buf out = BUF_INIT;
	struct outfile outf;
	const char *inputs[5];
	int c, code;

	memset(&a, 0, sizeof a);
	a.cli = cli;
	a.in.avail_column = "available";
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
			a.in.avail_column = optarg;
			break;
		case OPT_CLOSE_SMALL:
			a.close_small = 1;
			break;
		case OPT_FORMAT:
			a.fmt = AF_DEFAULT;
			for (int f = AF_CSV; f <= AF_HTML; f++)
				if (!strcmp(optarg, format_names[f]))
					a.fmt = (enum aformat)f;
			if (a.fmt == AF_DEFAULT) {
				char q[64];

				cli_error("--format '%s' is not csv, jsonl, json, text or html",
					  cli_quoted(q, sizeof q, optarg));
				return cli_usage_error("assign");
			}
			break;
		case OPT_ID_COLUMN:
			a.in.id_column = optarg;
			break;
		case OPT_MAP:
			a.map_path = optarg;
			break;
		case OPT_OFFERINGS:
			a.offerings_path = optarg;
			break;
		case OPT_RAW_CELLS:
			a.cells = TEXT_CSV_RAW;
			break;
		case OPT_STRICT:
			a.in.strict = 1;
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
	if (a.summary ? a.fmt == AF_JSONL : a.fmt == AF_JSON || a.fmt == AF_TEXT || a.fmt == AF_HTML) {
		cli_error("--format: '%s' is not %s", format_names[a.fmt],
			  a.summary ? "text, csv, json or html for --summary" : "csv or jsonl for rows");
		return cli_usage_error("assign");
	}
	a.in.in_path = argc > optind ? argv[optind] : NULL;
	a.in.in_name = a.in.in_path && strcmp(a.in.in_path, "-") ? a.in.in_path : "standard input";
	if (outfile_check(a.out_path, inputs, assign_inputs(&a, inputs)))
		return EXIT_USAGE;
	if (!(a.cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	if ((code = load_offerings(&a)))
		goto done;
	if (a.map_path && (code = batch_map_load(a.map_path, a.cat, &a.in.map)))
		goto done;
	if (!(a.asg = gm_assign_new(a.offs))) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	if (!(a.in.tally = gm_tally_new(a.cat, 0, 0, NULL))) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	a.in.cli = cli;
	a.in.cat = a.cat;
	a.in.asg = a.asg;
	if ((code = assign_read_intake(&a.in)))
		goto done;
	warn_unknown_tags(&a);
	if (gm_assign_solve(a.asg, a.close_small ? GM_ASSIGN_CLOSE_SMALL : 0) != GM_OK) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	if (a.summary && a.fmt == AF_HTML) {
		char today[16], *page;
		size_t len;

		page = gm_assign_html(a.offs, a.asg, a.in.tally, cli_today(today, sizeof today), &len);
		if (page)
			buf_add(&out, page, len);
		else
			out.oom = 1;
		free(page);
	} else if (a.summary)
		assign_summary(a.cat, a.offs, a.asg, a.in.tally, a.fmt, cli_utf8(), a.cells, &out);
	else if (a.fmt == AF_JSONL)
		rows_jsonl(&a, &out);
	else
		rows_csv(&a, &out);
	if (out.oom) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	if ((code = outfile_open(&outf, a.out_path, inputs, assign_inputs(&a, inputs))))
		goto done;
	if (isatty(outf.fd))	/* ids, names and cells must not drive it */
		out.len = quote_lines(out.data, out.data, out.len);
	outfile_write(&outf, out.data, out.len);
	if ((code = outfile_close(&outf, 1, 0)))
		goto done;
	if (!cli->quiet) {
		size_t n = gm_assign_record_count(a.asg);
		long placed = gm_assign_placed(a.asg);

		fprintf(stderr, "groupmatch: %zu record%s: %ld placed, %ld waitlist, %ld urgent, "
			"%ld invalid\n", n, n == 1 ? "" : "s", placed,
			(long)n - placed - a.in.urgent - a.in.invalid, a.in.urgent, a.in.invalid);
	}
	/* someone to call (urgent, review, not screened) outweighs a row to fix */
	code = worklist_needs_call(a.in.tally) ? EXIT_URGENT : a.in.invalid ? EXIT_DATAERR : EXIT_OK;
done:
	buf_release(&out);
	assign_intake_release(&a.in);
	gm_colmap_free(a.in.map);
	gm_assign_free(a.asg);
	gm_tally_free(a.in.tally);
	gm_offerings_free(a.offs);
	return code;
}
