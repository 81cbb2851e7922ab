/* cmd_ask.c - groupmatch ask: options, the questionnaire (questionnaire.c), then the result. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "cli.h"
#include "questionnaire.h"
#include "text.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_HTML };

static void usage(FILE *f)
{
	fputs("usage: groupmatch [GLOBAL OPTIONS] ask [--format text|json|html] [--top N] [--strict]\n"
	      "                                        [--screeners]\n", f);
}

static void help(void)
{
	usage(stdout);
	fputs("\n"
	      "Asks the questionnaire one question at a time, shows the answers for\n"
	      "review, then prints the ranked recommendation on stdout.  Prompts go to\n"
	      "the terminal (or stderr), never to stdout.\n"
	      "\n"
	      "  --format FORMAT  text (default), json (the result object only) or html\n"
	      "                   (a page to print)\n"
	      "  --screeners      ask the standard screeners (PHQ-9, GAD-7) after the\n"
	      "                   main questions without offering them first; piped\n"
	      "                   input reads them only with this option\n"
	      "  --strict         every question needs an answer; none can be skipped\n"
	      "  --top N          show only the best N group types (text)\n"
	      "  -h, --help       show this help and exit\n"
	      "\n"
	      "At a prompt: a number or a label answers; several choices as 1,3 or\n"
	      "1 3; ? shows help on the question; b or back returns to the previous\n"
	      "one; an empty line keeps the current answer, takes the default, or\n"
	      "skips a question that may be skipped.  The arrow keys, Home, End and\n"
	      "Ctrl-W edit the line; Up and Down recall earlier answers.  Ctrl-D or\n"
	      "Ctrl-C stops without a result.\n"
	      "\n"
	      "When stdin is not a terminal, each line answers the next question in\n"
	      "order, the safety question first; nothing is prompted, there is no\n"
	      "review, and a bad line (or an answer after the last question) stops\n"
	      "with its line number.\n"
	      "\n"
	      "The safety question comes first.  A yes, or an unsure answer, ends the\n"
	      "questionnaire with crisis lines (shown on the terminal even when stdout is\n"
	      "a file); a typo there is asked again.  Leaving at it shows a contact.\n"
	      "\n"
	      "After the main questions the screeners are offered (Enter skips them).\n"
	      "An answer to a screener item that asks for a clinician's review shows\n"
	      "that text and crisis contacts at once; one that counts as a crisis\n"
	      "ends the questionnaire as a yes to the safety question does.\n"
	      "\n"
	      "Exit status: 0 ok, 3 the safety question was answered yes or unsure, or a\n"
	      "screener answer asks for a clinician's review, 64 usage\n"
	      "error, 65 a bad answer line, 74 I/O error, 78 invalid catalogue,\n"
	      "130 the questionnaire was not finished.\n", stdout);
}

static int print_result(struct cli *cli, const gm_result *res,
			const gm_answers *ans, enum format fmt, int top)
{
	struct buf out = BUF_INIT;
	int code = cli_result_exit(res);

	if (fmt == FORMAT_JSON)
		cli_write_result(&out, res, cli->cat, GM_FORMAT_JSON_PRETTY, NULL, NULL, 0);
	else if (fmt == FORMAT_HTML) {
		char today[16], *page = gm_result_html(res, ans, NULL, cli_today(today, sizeof today), NULL);

		buf_adds(&out, page ? page : "");
		out.oom |= !page;
		free(page);
	} else {
		gm_writer_opts opts = { .color = cli_use_color(cli, stdout), .utf8 = cli_utf8(),
					.width = cli_width(STDOUT_FILENO), .top = top };

		cli_write_result(&out, res, cli->cat, GM_FORMAT_TEXT, &opts, NULL, 0);
		if (gm_result_status_of(res) == GM_RESULT_URGENT ||
		    gm_result_status_of(res) == GM_RESULT_REVIEW)
			report_region_hint(&out, cli);
	}
	if (out.oom) {
		cli_error("out of memory");
		buf_release(&out);
		return EXIT_IOERR;
	}
	buf_flush(&out, stdout);
	buf_release(&out);
	return cli_finish_stdout(code);
}

/* When the result went somewhere other than the terminal: an urgent
 * text is shown on the terminal as well, and a finished questionnaire
 * says where its result went. */
static void tell_person(struct cli *cli, const gm_result *res, int interactive)
{
	struct buf out = BUF_INIT;
	char path[512];
	const char *name;

	if (isatty(STDOUT_FILENO))
		return;
	if (gm_result_status_of(res) == GM_RESULT_URGENT ||
	    gm_result_status_of(res) == GM_RESULT_REVIEW) {
		gm_writer_opts o = { .utf8 = cli_utf8(), .width = cli_width(STDERR_FILENO) };

		/* for a review, the text alone: the groups are in the result */
		if (gm_result_status_of(res) == GM_RESULT_REVIEW) {
			text_wrap_lines(&out, gm_result_message(res), o.width);
			buf_addc(&out, '\n');
		} else {
			cli_write_result(&out, res, cli->cat, GM_FORMAT_TEXT, &o, NULL, 0);
		}
		report_region_hint(&out, cli);
		cli_tell_person(buf_cstr(&out), 0);
	} else if (interactive) {
		name = cli_stdout_name(path, sizeof path);
		buf_addf(&out, "Your result was written to %s.\n", name ? name : "standard output");
		cli_tell_person(buf_cstr(&out), 0);
	}
	buf_release(&out);
}

int cmd_ask(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "screeners", no_argument, NULL, 'S' },
		{ "strict", no_argument, NULL, 's' },
		{ "top", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct ask a;
	gm_result *res = NULL;
	enum format fmt = FORMAT_TEXT;
	int c, code;
	long top = 0;
	enum ask_end end;

	memset(&a, 0, sizeof a);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:c:hq", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = FORMAT_JSON;
			else if (strcmp(optarg, "html") == 0)
				fmt = FORMAT_HTML;
			else {
				char q[64];

				cli_error("unknown format '%s' for ask (use text, json or html)",
					  cli_quoted(q, sizeof q, optarg));
				return cli_usage_error("ask");
			}
			break;
		case 'h':
			help();
			return cli_finish_stdout(EXIT_OK);
		case 's':
			a.strict = 1;
			break;
		case 'S':
			a.screeners = 1;
			break;
		case 't':
			if (cli_parse_int("--top", optarg, 1, GM_GROUPS_MAX, &top) < 0)
				return cli_usage_error("ask");
			break;
		default:	/* ':' or '?' */
			return cli_bad_option("ask", argv, "c:hq");
		}
	}
	if (optind < argc) {
		char q[64];

		cli_error("unexpected argument '%s' for ask", cli_quoted(q, sizeof q, argv[optind]));
		return cli_usage_error("ask");
	}

	a.cat = cli_catalog(cli);
	if (!a.cat)
		return EXIT_CONFIG;
	a.quiet = cli->quiet;
	res = gm_result_new(a.cat);
	if (ask_init(&a) < 0 || !res) {
		cli_error("out of memory");
		code = EXIT_IOERR;
		goto done;
	}
	if (prompt_open(&a.p, STDIN_FILENO) < 0) {
		cli_error("cannot set up the terminal: %s", strerror(errno));
		code = EXIT_IOERR;
		goto done;
	}
	if (a.p.ui)
		a.p.color = cli_use_color(cli, a.p.ui);
	end = ask_run(&a);
	if (end == ASK_STOPPED && a.p.interactive)
		prompt_write(&a.p, "\n", 1);
	else if ((end == ASK_DONE || end == ASK_URGENT) && a.p.interactive && fmt == FORMAT_TEXT)
		prompt_write(&a.p, "\n", 1);
	prompt_close(&a.p);

	switch (end) {
	case ASK_DONE:
	case ASK_URGENT:
		gm_match(a.ans, (a.strict ? GM_MATCH_STRICT : 0) | GM_MATCH_CHANGES, res);
		code = print_result(cli, res, a.ans, fmt, (int)top);
		tell_person(cli, res, a.p.interactive);
		break;
	case ASK_STOPPED:
		if (a.p.eof && !a.p.interactive && a.at < a.n)
			cli_error("questionnaire not finished: input ended before "
				  "question '%s'", gm_catalog_question_id(a.cat, (size_t)a.order[a.at]));
		else
			cli_error("questionnaire not finished");
		/* the person who leaves at the safety question may be the one
		 * it is for: one line with a contact, on the terminal */
		if (a.p.interactive || a.at > 0) {
			struct buf line = BUF_INIT;

			buf_adds(&line, "If you need someone to talk to now: ");
			buf_adds(&line, gm_catalog_crisis_line(a.cat));
			buf_addc(&line, '\n');
			cli_tell_person(buf_cstr(&line), 1);
			buf_release(&line);
		}
		code = EXIT_INTERRUPTED;
		break;
	case ASK_BAD_LINE:
		code = EXIT_DATAERR;
		break;
	case ASK_READ_ERROR:
	default:
		code = EXIT_IOERR;
		break;
	}
done:
	ask_release(&a);
	gm_result_free(res);
	return code;
}
