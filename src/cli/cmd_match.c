/* cmd_match.c - the match command: one respondent's answers from flags or a file, scored. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "jsonw.h"
#include "quote.h"
#include "text.h"

#define MAX_ANSWERS_FILE ((size_t)16 << 20)

enum format { FMT_TEXT, FMT_JSON, FMT_HTML };

/* Reads --format; html only where a page is written (match). */
static int parse_format(const char *arg, enum format *out, int html)
{
	if (!strcmp(arg, "text"))
		*out = FMT_TEXT;
	else if (!strcmp(arg, "json"))
		*out = FMT_JSON;
	else if (html && !strcmp(arg, "html"))
		*out = FMT_HTML;
	else {
		char q[64];

		cli_error("--format '%s' is not %s", cli_quoted(q, sizeof q, arg),
			  html ? "text, json or html" : "text or json");
		return -1;
	}
	return 0;
}

static void match_help(void)
{
	fputs("usage: groupmatch match [OPTIONS] -a QUESTION=VALUE ...\n"
	      "       groupmatch match [OPTIONS] --answers FILE\n"
	      "\n"
	      "Score one respondent's answers and print the ranked group types with the\n"
	      "reasons behind them and advice on group or individual therapy.\n"
	      "\n"
	      "Options:\n"
	      "  -a, --answer Q=VALUE   answer question Q (repeatable; a multi-choice\n"
	      "                         question given twice adds the options up; a yes\n"
	      "                         to the safety question is never undone)\n"
	      "      --answers FILE     read answers from FILE ('-' = standard input): a JSON\n"
	      "                         object {\"goals\":[\"skill_building\"],\"comfort\":3} or a\n"
	      "                         FHIR R4 QuestionnaireResponse; -a flags override it\n"
	      "      --format FORMAT    text (default), json, or html (a page to print)\n"
	      "      --id ID            the respondent's id, shown first in the report\n"
	      "      --top N            show only the best N group types (text)\n"
	      "      --strict           treat unanswered required questions as an error\n"
	      "  -c, --catalog FILE     use FILE instead of the built-in catalogue\n"
	      "      --color[=WHEN]     auto, always or never\n"
	      "  -q, --quiet            no warnings on stderr\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "QUESTION is a question id, in any case.  VALUE is an option id, its\n"
	      "label (any case) or its number; yes/no/y/n/true/false/1/0 for yes/no\n"
	      "questions; several options separated by ',', ';' or '|'.  A question\n"
	      "with a default (structure: no preference) takes it when not answered.\n"
	      "An answer to the safety question that is not a clear yes or no (unsure,\n"
	      "maybe) counts as yes.  'groupmatch questions' lists the questions and\n"
	      "options.\n"
	      "\n"
	      "Example:\n"
	      "  groupmatch match -a goals=life_transition -a focus=support -a issues=grief\n"
	      "\n"
	      "Exit status: 0 ok, 3 someone needs a call (urgent: a positive or unclear\n"
	      "safety answer; review: a screener answer asks for a clinician; or the\n"
	      "safety question not answered), 64 usage, 65 invalid answers, 66 file not\n"
	      "readable, 78 invalid catalogue.\n", stdout);
}

/* Applies one -a QUESTION=VALUE; returns 0, EXIT_USAGE or EXIT_DATAERR.
 * A multi-choice question given again adds its options up, through the
 * library, which checks the question's bounds on the whole answer. */
static int apply_flag(gm_answers *ans, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char id[64];
	size_t n;
	gm_error err;
	gm_status st;

	if (!eq || eq == arg) {
		char shown[64];

		cli_error("-a '%s': expected QUESTION=VALUE", cli_quoted(shown, sizeof shown, arg));
		return EXIT_USAGE;
	}
	n = (size_t)(eq - arg);
	/* 61 bytes of a longer name still name no question (ids have at most
	 * 60) and the message quotes 60 of them */
	snprintf(id, sizeof id, "%.*s", (int)(n > 61 ? 61 : n), arg);
	memset(&err, 0, sizeof err);
	st = gm_answers_add(ans, id, eq + 1, &err);
	if (st == GM_ERR_ARG) {
		cli_error("-a: %s", err.message);
		return EXIT_USAGE;
	}
	return st == GM_OK ? 0 : EXIT_DATAERR;
}

static int read_answers_file(struct cli *cli, gm_answers *ans, const char *path)
{
	const char *name = strcmp(path, "-") ? path : "standard input";
	size_t len = 0, unknown = 0;
	const char *text_kind;
	gm_error err;
	int code = 0;
	char *text;

	if (!strcmp(path, "-"))
		cli_stdin_hint(cli, "answers as JSON");
	text = cli_read_file(path, MAX_ANSWERS_FILE, &len, &code);
	gm_status st;

	if (!text)
		return code;
	text_kind = strstr(text, "\"resourceType\"") ? "fhir" : "json";
	memset(&err, 0, sizeof err);
	st = gm_answers_set_json(ans, text, len, &err, &unknown);
	free(text);
	if (st != GM_OK && err.line) {
		cli_error("%s:%d:%d: %s", name, err.line, err.column, err.message);
		return EXIT_DATAERR;
	}
	if (st == GM_ERR_ARG || (st != GM_OK && !gm_answers_message(ans)[0])) {
		cli_error("%s: %s%s%s", name, err.path, err.path[0] ? ": " : "", err.message);
		return EXIT_DATAERR;
	}
	if (unknown && !cli->quiet) {
		int fhir = strstr(text_kind, "fhir") != NULL;

		cli_warn("'%s': ignored %zu %s%s that %s: %s", name, unknown,
			 fhir ? "item" : "key", unknown == 1 ? "" : "s",
			 unknown == 1 ? "is not a question" : "are not questions",
			 gm_answers_unknown(ans));
	}
	return 0;
}

int cmd_match(struct cli *cli, int argc, char **argv)
{
	enum { OPT_ANSWERS = 2000, OPT_FORMAT, OPT_ID, OPT_TOP, OPT_STRICT };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "answer", required_argument, NULL, 'a' },
		{ "answers", required_argument, NULL, OPT_ANSWERS },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "id", required_argument, NULL, OPT_ID },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "top", required_argument, NULL, OPT_TOP },
		{ NULL, 0, NULL, 0 }
	};
	const char **flags = calloc((size_t)argc + 1, sizeof *flags);
	const char *answers_file = NULL, *id = NULL;
	enum format fmt = FMT_TEXT;
	gm_catalog *cat;
	gm_answers *ans = NULL;
	gm_result *res = NULL;
	struct buf out = BUF_INIT;
	int c, nflags = 0, strict = 0, code = EXIT_OK, i;
	long top = 0;

	if (!flags) {
		cli_error("out of memory");
		return EXIT_IOERR;
	}
	while ((c = getopt_long(argc, argv, "a:c:hq", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'a': flags[nflags++] = optarg; break;
		case OPT_ANSWERS: answers_file = optarg; break;
		case OPT_FORMAT:
			if (parse_format(optarg, &fmt, 1))
				code = EXIT_USAGE;
			break;
		case OPT_ID: id = optarg; break;
		case OPT_STRICT: strict = 1; break;
		case OPT_TOP:
			if (cli_parse_int("--top", optarg, 1, GM_GROUPS_MAX, &top))
				code = EXIT_USAGE;
			break;
		case 'h':
			match_help();
			free(flags);
			return EXIT_OK;
		default:
			buf_release(&out);
			free(flags);
			return cli_bad_option("match", argv, "a:c:hq");
		}
		if (code)
			goto done;
	}
	if (optind < argc) {
		char q[64];

		cli_error("unexpected argument '%s' for match (answers go in -a QUESTION=VALUE)",
			  cli_quoted(q, sizeof q, argv[optind]));
		code = EXIT_USAGE;
		goto done;
	}
	if (!nflags && !answers_file) {
		cli_error("no answers for match (give -a QUESTION=VALUE or --answers FILE)");
		code = EXIT_USAGE;
		goto done;
	}
	if (!(cat = cli_catalog(cli))) {
		code = EXIT_CONFIG;
		goto done;
	}
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	if (!ans || !res) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	if (answers_file && (code = read_answers_file(cli, ans, answers_file)))
		goto done;
	for (i = 0; i < nflags; i++) {
		int rc = apply_flag(ans, flags[i]);
		if (rc == EXIT_USAGE) {
			code = rc;
			goto done;
		}
	}
	gm_match(ans, (strict ? GM_MATCH_STRICT : 0) | GM_MATCH_CHANGES, res);
	code = cli_result_exit(res);
	if (fmt == FMT_JSON) {
		cli_write_result(&out, res, cat, GM_FORMAT_JSON_PRETTY, NULL, id, id ? strlen(id) : 0);
	} else if (fmt == FMT_HTML && gm_result_status_of(res) != GM_RESULT_INVALID) {
		char today[16], *page = gm_result_html(res, ans, id, cli_today(today, sizeof today), NULL);

		buf_adds(&out, page ? page : "");
		out.oom |= !page;
		free(page);
		if (isatty(STDOUT_FILENO))	/* the page's id must not drive it */
			out.len = quote_lines(out.data, out.data, out.len);
	} else if (gm_result_status_of(res) != GM_RESULT_INVALID) {
		gm_writer_opts o = { .color = cli_use_color(cli, stdout), .utf8 = cli_utf8(),
				     .width = cli_width(STDOUT_FILENO), .top = (int)top };

		cli_write_result(&out, res, cat, GM_FORMAT_TEXT, &o, id, id ? strlen(id) : 0);
	}
	if (gm_result_status_of(res) == GM_RESULT_INVALID)
		cli_error("%s", gm_result_message(res));
	if ((gm_result_status_of(res) == GM_RESULT_URGENT || gm_result_status_of(res) == GM_RESULT_REVIEW) &&
	    gm_answers_message(ans)[0])
		cli_warn("%s (the safety answer comes first)", gm_answers_message(ans));
	if (gm_result_status_of(res) == GM_RESULT_URGENT && fmt == FMT_TEXT)
		report_region_hint(&out, cli);
	if (buf_flush(&out, stdout))
		code = EXIT_IOERR;
	if (*gm_result_notes(res) && !isatty(STDOUT_FILENO))	/* for staff: what set it, what was lowered */
		cli_error("%s", gm_result_notes(res));
	if (gm_result_status_of(res) == GM_RESULT_URGENT && !isatty(STDOUT_FILENO))
		cli_error("the safety screen is positive: the result holds crisis contacts (exit 3)");
	else if (gm_result_status_of(res) == GM_RESULT_REVIEW && !isatty(STDOUT_FILENO))
		cli_error("a screener answer asks for a clinician's review soon: the result holds crisis contacts (exit 3)");
	else if (code == EXIT_URGENT && gm_result_status_of(res) == GM_RESULT_OK && !isatty(STDOUT_FILENO))
		cli_error("the safety question was not answered: ask it before offering a group (exit 3)");
done:
	gm_result_free(res);
	gm_answers_free(ans);
	buf_release(&out);
	free(flags);
	return code == EXIT_USAGE ? cli_usage_error("match") : cli_finish_stdout(code);
}
