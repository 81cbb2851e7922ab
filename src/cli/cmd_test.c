/* cmd_test.c - the test command: runs a case table against the catalogue and reports each failing case. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "cli.h"
#include "quote.h"

#define MAX_CASES_FILE ((size_t)64 << 20)

enum { EXIT_CASES_FAILED = 1 };	/* some case did not come out as expected */

static void test_help(void)
{
	fputs("usage: groupmatch test [OPTIONS] CASES\n"
	      "\n"
	      "Run the case table CASES ('-' = standard input) against the catalogue in\n"
	      "use: each case gives answers and what must come of them.  Every failing\n"
	      "case is reported with what was expected and what came out, then a count.\n"
	      "\n"
	      "The table is TSV, or CSV when its name ends in .csv or its header has no\n"
	      "tab.  Lines starting with '#' are comments.  The first other line names\n"
	      "the columns:\n"
	      "  name       the case's name (required)\n"
	      "  answers    QUESTION=VALUE pairs separated by spaces (required)\n"
	      "  first      acceptable first choices, comma-separated\n"
	      "  top2       groups that must all be in the top two, comma-separated\n"
	      "  setting    group, combined or individual_first\n"
	      "  status     ok, review, urgent or invalid\n"
	      "Other columns are ignored; '-' or an empty cell is not checked.\n"
	      "\n"
	      "Options:\n"
	      "  -v, --verbose          list the cases that pass too\n"
	      "  -c, --catalog FILE     test FILE instead of the built-in catalogue\n"
	      "  -q, --quiet            print only the failing cases\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "Exit status: 0 every case passed, 1 some case failed, 64 usage, 65 the\n"
	      "table is malformed or names unknown questions or groups, 66 not readable,\n"
	      "78 invalid catalogue.\n", stdout);
}

/* Prints "WHAT FILE:LINE: NAME" with the file's and the case's names (the
 * table's own text) terminal-safe. */
static void case_line(struct buf *out, const char *what, const char *file, int line,
		      const char *name)
{
	buf_reset(out);
	buf_adds(out, what);
	quote_adds(out, file);
	buf_addf(out, ":%d: ", line);
	quote_adds(out, name);
	buf_addc(out, '\n');
	fwrite(buf_cstr(out), 1, out->len, stdout);
}

/* Prints every problem of a table as FILE:LINE: [column 'C': ]message. */
static void print_errors(const char *name, const gm_error *errs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const gm_error *e = &errs[i];
		char where[64] = "";

		if (e->line > 0)
			snprintf(where, sizeof where, ":%d", e->line);
		if (e->path[0])
			cli_error("%s%s: column '%s': %s", name, where, e->path, e->message);
		else
			cli_error("%s%s: %s", name, where, e->message);
	}
	if (n > 1)
		cli_error("%s: %zu problems; no case was run", name, n);
}

int cmd_test(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	gm_catalog *cat;
	gm_cases *cases = NULL;
	gm_error *errs = NULL;
	const char *path, *name;
	size_t len = 0, nerrs = 0, i, failed = 0, n;
	char *text = NULL;
	struct buf line = BUF_INIT;
	int c, code = 0, verbose = 0;

	while ((c = getopt_long(argc, argv, "c:hqv", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'h':
			test_help();
			return EXIT_OK;
		case 'v':
			verbose = 1;
			break;
		default:
			return cli_usage_error("test");
		}
	}
	if (argc - optind != 1) {
		cli_error(argc == optind ? "test: no case table (give a TSV or CSV file)"
			  : "test: one case table at a time");
		return cli_usage_error("test");
	}
	path = argv[optind];
	name = strcmp(path, "-") ? path : "standard input";
	if (!(cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	if (!(text = cli_read_file(path, MAX_CASES_FILE, &len, &code)))
		return code;
	cases = gm_cases_parse(text, len, strcmp(path, "-") ? path : NULL, &errs, &nerrs);
	if (!cases || gm_cases_check(cases, cat, &errs, &nerrs) != GM_OK) {
		print_errors(name, errs, nerrs);
		code = nerrs && errs[0].status == GM_ERR_NOMEM ? EXIT_IOERR : EXIT_DATAERR;
		goto done;
	}
	n = gm_cases_count(cases);
	for (i = 0; i < n; i++) {
		gm_case_outcome o;

		if (gm_cases_run(cases, i, cat, &o) != GM_OK) {
			cli_error("out of memory");
			code = EXIT_IOERR;
			goto done;
		}
		if (o.passed) {
			if (verbose)
				case_line(&line, "pass ", name, o.line, o.name);
			continue;
		}
		failed++;
		case_line(&line, "FAIL ", name, o.line, o.name);
		for (const char *r = o.report, *nl; r; r = nl ? nl + 1 : NULL) {
			nl = strchr(r, '\n');
			buf_reset(&line);
			buf_adds(&line, "  ");
			quote_add(&line, r, nl ? (size_t)(nl - r) : strlen(r));
			buf_addc(&line, '\n');
			fwrite(buf_cstr(&line), 1, line.len, stdout);
		}
	}
	if (!cli->quiet) {
		char about[512];

		gm_catalog_provenance(cat, 12, about, sizeof about);
		buf_reset(&line);
		quote_adds(&line, about);	/* the catalogue's name and version */
		printf("%zu of %zu case%s passed (%s)\n", n - failed, n, n == 1 ? "" : "s",
		       buf_cstr(&line));
	}
	code = failed ? EXIT_CASES_FAILED : EXIT_OK;
done:
	buf_release(&line);
	gm_errors_free(errs);
	gm_cases_free(cases);
	free(text);
	return cli_finish_stdout(code);
}
