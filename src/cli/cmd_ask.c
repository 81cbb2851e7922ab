/* cmd_ask.c - groupmatch ask: the questionnaire at a terminal or from piped lines. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "answers.h"
#include "buf.h"
#include "ascii.h"
#include "cli.h"
#include "engine.h"
#include "prompt.h"
#include "quote.h"
#include "report.h"
#include "scores.h"

/* How the questionnaire ended. */
enum ask_end {
	ASK_DONE,                  /* every question answered and reviewed */
	ASK_URGENT,                /* the safety question was answered yes */
	ASK_STOPPED,               /* end of input or Ctrl-C */
	ASK_BAD_LINE,              /* piped input with a bad answer (reported) */
	ASK_READ_ERROR             /* reading failed (reported) */
};

struct ask {
	struct prompt p;
	const struct gm_catalog *cat;
	struct gm_answers *ans;
	int order[GM_MAX_QUESTIONS]; /* question indices, the safety one first */
	int n;
	int strict;                /* every question needs an answer */
	int at;                    /* position where the questionnaire stopped */
	int indent;                /* column of the current "> " prompt */
	int quiet;
	struct buf screen;         /* what goes to the prompt output next */
	int nmain;                 /* order[0..nmain): the main questions */
	int screeners;             /* --screeners: ask the score items, no offer */
	int offered;               /* the score items were offered (or added) */
	int reviewed;              /* a review text has been shown */
};

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

static int is_set(const struct gm_answers *ans, int q)
{
	return (ans->present >> q) & 1;
}

static void intro(struct ask *a)
{
	struct buf *b = &a->screen;

	if (a->quiet)
		return;
	prompt_sgr(&a->p, b, "1");
	buf_addf(b, "%d questions", a->nmain);
	prompt_sgr(&a->p, b, "0");
	buf_addc(b, '\n');
	prompt_para(&a->p, b, "Answer with a number or a label; type ? for "
		    "help on a question and b to go back.  You can review your "
		    "answers before the result.  Ctrl-D or Ctrl-C stops without "
		    "a result.", 0);
	prompt_flush(&a->p, b);
}

/* Follows the terminal's width when the window is resized. */
static void refresh_width(struct ask *a)
{
	if (a->p.ui)
		a->p.width = cli_width(fileno(a->p.ui));
}

static void show_question(struct ask *a, int pos)
{
	const struct gm_question *q = &a->cat->questions[a->order[pos]];
	struct buf cur = BUF_INIT;
	const char *current = NULL;

	refresh_width(a);
	if (is_set(a->ans, a->order[pos])) {
		prompt_format_answer(&cur, q, a->ans->value[a->order[pos]]);
		current = buf_cstr(&cur);
	}
	prompt_question(&a->p, &a->screen, q, pos + 1, a->n, current,
			(!a->strict && !q->required) || q->role == ROLE_ITEM);
	prompt_flush(&a->p, &a->screen);
	buf_release(&cur);
}

/* Shows what is pending (a problem or a help text) before the "> "
 * prompt is shown again by the next read. */
static void reprompt(struct ask *a)
{
	prompt_flush(&a->p, &a->screen);
}

static void show_review(struct ask *a)
{
	struct buf *b = &a->screen;

	refresh_width(a);
	buf_addc(b, '\n');
	prompt_sgr(&a->p, b, "1");
	buf_adds(b, "Your answers");
	prompt_sgr(&a->p, b, "0");
	buf_addc(b, '\n');
	for (int pos = 0; pos < a->n; pos++) {
		int qi = a->order[pos];
		const struct gm_question *q = &a->cat->questions[qi];

		buf_addf(b, "%3d  ", pos + 1);
		prompt_wrap(&a->p, b, q->text, 5);
		buf_adds(b, "     ");
		prompt_sgr(&a->p, b, "1");
		if (is_set(a->ans, qi))
			prompt_format_answer(b, q, a->ans->value[qi]);
		else
			buf_adds(b, "(skipped)");
		if (is_set(a->ans, qi) && q->role == ROLE_ITEM)	/* "1 (Several days)" */
			buf_addf(b, " (%s)", gm_catalog_score_label(a->cat, (int)a->ans->value[qi]));
		prompt_sgr(&a->p, b, "0");
		buf_addc(b, '\n');
	}
	prompt_sgr(&a->p, b, "2");
	buf_addf(b, "Enter shows the result; 1-%d changes that answer; b goes back\n", a->n);
	prompt_sgr(&a->p, b, "0");
	prompt_flush(&a->p, b);
	reprompt(a);
}

/* Reports a bad line of piped input. */
static enum ask_end bad_line(struct ask *a, int pos, const char *msg)
{
	cli_error("line %ld (question '%s'): %s", a->p.lineno,
		  a->cat->questions[a->order[pos]].id, msg);
	return ASK_BAD_LINE;
}

/* Reads a line; returns -1 to go on with p->line, or how the questionnaire
 * ends.  Problems with the line itself are told to the person (and the
 * line is asked again: *retry) or, for piped input, end it. */
static int read_answer(struct ask *a, int pos, int *retry)
{
	enum prompt_read_status st;

	*retry = 0;
	a->p.indent = a->indent;
	st = prompt_read(&a->p);
	/* whatever is shown next is wrapped to the window as it is now */
	prompt_resized();
	refresh_width(a);
	switch (st) {
	case PROMPT_LINE:
		return -1;
	case PROMPT_EOF:
	case PROMPT_INTERRUPTED:
		return ASK_STOPPED;
	case PROMPT_READ_ERROR:
		cli_error("cannot read answers: %s", strerror(errno));
		return ASK_READ_ERROR;
	case PROMPT_TOO_LONG:
		if (!a->p.interactive) {
			char msg[64];

			snprintf(msg, sizeof msg, "line longer than %d bytes", PROMPT_LINE_MAX);
			return bad_line(a, pos, msg);
		}
		prompt_problem(&a->p, &a->screen, "That line is too long.", a->indent);
		break;
	case PROMPT_NUL:
		if (!a->p.interactive)
			return bad_line(a, pos, "line contains a NUL byte");
		prompt_problem(&a->p, &a->screen, "That line contains a NUL byte.", a->indent);
		break;
	}
	*retry = 1;
	return -1;
}

/* Piped input is over once the last question is answered: a line with
 * anything on it after that is an answer that went nowhere, so the
 * answers did not line up with the questions. */
static enum ask_end extra_lines(struct ask *a)
{
	for (;;) {
		const char *s;
		char quoted[48];

		switch (prompt_read(&a->p)) {
		case PROMPT_EOF:
			return ASK_DONE;
		case PROMPT_READ_ERROR:
			cli_error("cannot read answers: %s", strerror(errno));
			return ASK_READ_ERROR;
		case PROMPT_INTERRUPTED:
			return ASK_STOPPED;
		case PROMPT_LINE:
			if (prompt_trim(a->p.line, a->p.len, &s) == 0)
				continue;
			quote_text(quoted, sizeof quoted, s, prompt_trim(a->p.line, a->p.len, &s));
			cli_error("line %ld: '%s' comes after the last question (%d answers expected)",
				  a->p.lineno, quoted, a->n);
			return ASK_BAD_LINE;
		case PROMPT_TOO_LONG:
		case PROMPT_NUL:
			cli_error("line %ld: a line comes after the last question (%d answers expected)",
				  a->p.lineno, a->n);
			return ASK_BAD_LINE;
		}
	}
}

/* Handles a line typed at the review; returns the next position (a->n to
 * stay), or -2 when the answers are accepted.  *editing is set when a
 * question is reopened from the review. */
static int review_line(struct ask *a, int *editing)
{
	const char *s;
	size_t len = prompt_trim(a->p.line, a->p.len, &s);
	long k = 0;

	switch (prompt_classify(s, len)) {
	case PROMPT_CMD_EMPTY:
		return -2;
	case PROMPT_CMD_BACK:
		return a->n > 0 ? a->n - 1 : a->n;
	case PROMPT_CMD_HELP:
		prompt_para(&a->p, &a->screen, "Press Enter (or type y) to see the "
			    "result.  To change an answer, type its number.", a->indent);
		reprompt(a);
		return a->n;
	case PROMPT_CMD_ANSWER:
		break;
	}
	if ((len == 1 && (*s == 'y' || *s == 'Y')) ||
	    (len == 3 && ascii_ieq(s, "yes", 3)))
		return -2;
	for (size_t i = 0; i < len && k <= a->n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			k = 0;
			break;
		}
		k = k * 10 + (s[i] - '0');
	}
	if (k >= 1 && k <= a->n) {
		*editing = 1;
		return (int)k - 1;
	}
	{
		char msg[160], quoted[48];

		quote_text(quoted, sizeof quoted, s, len);
		snprintf(msg, sizeof msg, "'%s' is not a number from 1 to %d; "
			 "press Enter to see the result.", quoted, a->n);
		prompt_problem(&a->p, &a->screen, msg, a->indent);
	}
	reprompt(a);
	return a->n;
}

/* Applies the typed line to the question at pos.  Returns 1 when the
 * question is answered, 0 when it is to be asked again (the reason is in
 * a->screen), or -1 after a bad piped line was reported. */
static int answer_line(struct ask *a, int pos, enum ask_end *end)
{
	int qi = a->order[pos];
	const struct gm_question *q = &a->cat->questions[qi];
	struct gm_answers tmp;
	gm_error err;
	const char *s;
	size_t len = prompt_trim(a->p.line, a->p.len, &s);

	if (len == 0) {
		if (is_set(a->ans, qi))
			return 1;	/* keeps the current answer */
		if (q->has_default) {
			answers_set_value(a->ans, qi, q->default_value);
			return 1;
		}
		if ((!a->strict && !q->required) || q->role == ROLE_ITEM) {
			/* a screener item may always be skipped: --strict is about the
			 * main questions, and the screeners are optional */
			answers_set_text(a->ans, qi, "", 0, NULL);
			return 1;
		}
		if (!a->p.interactive) {
			*end = bad_line(a, pos, "an answer is needed");
			return -1;
		}
		prompt_problem(&a->p, &a->screen, "This question needs an answer; "
			       "type ? for help.", a->indent);
		return 0;
	}
	if (qi == a->cat->safety && a->p.interactive &&
	    gm_safety_decide(s, len) == GM_SAFETY_UNCLEAR && !gm_safety_doubtful(s, len)) {
		char quoted[64], msg[160];

		/* a typo is asked again; an unsure answer is a yes (below) */
		quote_text(quoted, sizeof quoted, s, len);
		snprintf(msg, sizeof msg, "'%s' is not yes or no. If you are unsure, answer yes.",
			 quoted);
		prompt_problem(&a->p, &a->screen, msg, a->indent);
		return 0;
	}
	tmp = *a->ans;
	memset(&err, 0, sizeof err);
	if (answers_set_text(&tmp, qi, s, len, &err) != GM_OK) {
		struct buf why = BUF_INIT;

		if (!err.message[0])
			snprintf(err.message, sizeof err.message, "not a valid answer");
		if (!a->p.interactive) {
			*end = bad_line(a, pos, err.message);
			return -1;
		}
		/* at the prompt, in the numbers and labels on the screen */
		if (prompt_explain(&why, a->cat, (size_t)qi, a->p.line, a->p.len) && !why.oom)
			prompt_problem(&a->p, &a->screen, buf_cstr(&why), a->indent);
		else
			prompt_problem(&a->p, &a->screen, err.message, a->indent);
		buf_release(&why);
		return 0;
	}
	*a->ans = tmp;
	return 1;
}

/* After the main questions: offers the score items (or, under
 * --screeners, adds them at once).  Returns -1 to go on, or how the
 * questionnaire ends. */
static int offer_screeners(struct ask *a)
{
	const struct gm_scores *s = a->cat->scores;
	int retry, r;

	a->offered = 1;
	if (!s || (!a->screeners && !a->p.interactive))
		return -1;
	if (!a->screeners) {
		const char *t;
		size_t len;

		for (;;) {
			refresh_width(a);
			buf_addc(&a->screen, '\n');
			prompt_para(&a->p, &a->screen, s->offer, 0);
			prompt_sgr(&a->p, &a->screen, "2");
			buf_adds(&a->screen, "y answers them; Enter skips them\n");
			prompt_sgr(&a->p, &a->screen, "0");
			prompt_flush(&a->p, &a->screen);
			a->indent = 0;
			reprompt(a);
			r = read_answer(a, a->n, &retry);
			if (r >= 0)
				return r;
			if (retry)
				continue;
			len = prompt_trim(a->p.line, a->p.len, &t);
			if (!len || answers_parse_yesno(t, len) == 0)
				return -1;
			if (answers_parse_yesno(t, len) == 1)
				break;
			prompt_problem(&a->p, &a->screen, "Type y to answer them, or press Enter to skip them.", 0);
		}
	}
	for (int i = 0; i < a->cat->nquestions && a->n < GM_MAX_QUESTIONS; i++)
		if (a->cat->questions[i].role == ROLE_ITEM)
			a->order[a->n++] = i;
	return -1;
}

/* After a score item is answered: a crisis-level answer ends the
 * questionnaire (ASK_URGENT); a review-level one shows its text and the
 * crisis contacts at once, then the questions go on.  Returns -1 to go on. */
static int check_item(struct ask *a)
{
	struct score_result sr;

	scores_compute(a->cat, a->ans, &sr);
	if (sr.status == GM_RESULT_URGENT)
		return ASK_URGENT;
	if (sr.status == GM_RESULT_REVIEW && sr.review && !a->reviewed) {
		a->reviewed = 1;
		refresh_width(a);
		buf_addc(&a->screen, '\n');
		prompt_sgr(&a->p, &a->screen, "1");
		report_wrap_lines(&a->screen, sr.review->review ? sr.review->review : sr.review->message,
				  a->p.width);
		prompt_sgr(&a->p, &a->screen, "0");
		buf_adds(&a->screen, "\n\n");
		prompt_flush(&a->p, &a->screen);
	}
	return -1;
}

/* Shows a block's stem before its first item. */
static void show_stem(struct ask *a, int qi)
{
	int b = gm_catalog_question_block(a->cat, (size_t)qi);

	if (b < 0 || (size_t)qi != gm_catalog_score_block_first(a->cat, (size_t)b))
		return;
	buf_addc(&a->screen, '\n');
	prompt_sgr(&a->p, &a->screen, "1");
	buf_adds(&a->screen, gm_catalog_score_block_name(a->cat, (size_t)b));
	prompt_sgr(&a->p, &a->screen, "0");
	buf_addc(&a->screen, '\n');
	prompt_para(&a->p, &a->screen, gm_catalog_score_block_stem(a->cat, (size_t)b), 0);
	{
		/* every answer of the scale, as the printed form shows them */
		struct buf scale = BUF_INIT;
		const char *label;

		for (int v = 0; (label = gm_catalog_score_label(a->cat, v)); v++)
			buf_addf(&scale, "%s%d = %s", v ? ", " : "", v, label);
		prompt_sgr(&a->p, &a->screen, "2");
		prompt_para(&a->p, &a->screen, buf_cstr(&scale), 0);
		prompt_sgr(&a->p, &a->screen, "0");
		buf_release(&scale);
	}
	prompt_flush(&a->p, &a->screen);
}

static enum ask_end run(struct ask *a)
{
	int pos = 0, editing = 0, show = 1, retry, r;
	enum ask_end end = ASK_DONE;

	if (a->p.interactive)
		intro(a);
	for (;;) {
		if (pos >= a->n && !a->offered) {
			r = offer_screeners(a);
			if (r >= 0) {
				a->at = pos;
				return (enum ask_end)r;
			}
			show = 1;
			if (pos < a->n)
				continue;
		}
		if (pos >= a->n) {
			if (!a->p.interactive)
				return extra_lines(a);
			a->indent = 0;
			if (show)
				show_review(a);
			show = 0;
			r = read_answer(a, pos, &retry);
			if (r >= 0)
				return (enum ask_end)r;
			if (retry) {
				reprompt(a);
				continue;
			}
			r = review_line(a, &editing);
			if (r == -2)
				return ASK_DONE;
			show = (r != pos);
			pos = r;
			continue;
		}

		int qi = a->order[pos];
		const struct gm_question *q = &a->cat->questions[qi];
		a->indent = prompt_question_indent(pos + 1, a->n);

		if (show && a->p.interactive && !editing && q->role == ROLE_ITEM)
			show_stem(a, qi);
		if (show)
			show_question(a, pos);
		show = 0;
		r = read_answer(a, pos, &retry);
		if (r >= 0) {
			a->at = pos;
			return (enum ask_end)r;
		}
		if (retry) {
			reprompt(a);
			continue;
		}
		const char *s;
		size_t len = prompt_trim(a->p.line, a->p.len, &s);
		enum prompt_cmd cmd = a->p.interactive ? prompt_classify(s, len)
			: (len ? PROMPT_CMD_ANSWER : PROMPT_CMD_EMPTY);

		if (cmd == PROMPT_CMD_HELP) {
			if (q->help && q->help[0])
				prompt_para(&a->p, &a->screen, q->help, a->indent);
			else
				prompt_para(&a->p, &a->screen,
					    "There is no help for this question.", a->indent);
			prompt_flush(&a->p, &a->screen);
			reprompt(a);
			continue;
		}
		if (cmd == PROMPT_CMD_BACK) {
			if (editing) {
				editing = 0;
				pos = a->n;
			} else if (pos == 0) {
				prompt_problem(&a->p, &a->screen,
					       "This is the first question.", a->indent);
				prompt_flush(&a->p, &a->screen);
				reprompt(a);
				continue;
			} else
				pos--;
			show = 1;
			continue;
		}
		r = answer_line(a, pos, &end);
		if (r < 0)
			return end;
		if (r == 0) {
			prompt_flush(&a->p, &a->screen);
			reprompt(a);
			continue;
		}
		if (qi == a->cat->safety && is_set(a->ans, qi) && a->ans->value[qi] == 1)
			return ASK_URGENT;
		if (q->role == ROLE_ITEM && (r = check_item(a)) >= 0)
			return (enum ask_end)r;
		if (editing) {
			editing = 0;
			pos = a->n;
		} else
			pos++;
		show = 1;
	}
}

static int print_result(struct cli *cli, const struct gm_result *res,
			const struct gm_answers *ans, enum format fmt, int top)
{
	struct buf out = BUF_INIT;
	int code = cli_result_exit(res);

	if (fmt == FORMAT_JSON)
		report_json(&out, res, NULL, 0, 1);
	else if (fmt == FORMAT_HTML) {
		char today[16], *page = gm_result_html(res, ans, NULL, cli_today(today, sizeof today), NULL);

		buf_adds(&out, page ? page : "");
		out.oom |= !page;
		free(page);
	} else {
		struct report_opts opts;

		opts.color = cli_use_color(cli, stdout);
		opts.utf8 = cli_utf8();
		opts.width = cli_width(STDOUT_FILENO);
		opts.top = top;
		opts.id = NULL;
		report_text(&out, res, &opts);
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
static void tell_person(struct cli *cli, const struct gm_result *res, int interactive)
{
	struct buf out = BUF_INIT;
	char path[512];
	const char *name;

	if (isatty(STDOUT_FILENO))
		return;
	if (gm_result_status_of(res) == GM_RESULT_URGENT ||
	    gm_result_status_of(res) == GM_RESULT_REVIEW) {
		struct report_opts o = { 0, cli_utf8(), cli_width(STDERR_FILENO), 0, NULL };

		/* for a review, the text alone: the groups are in the result */
		if (gm_result_status_of(res) == GM_RESULT_REVIEW) {
			report_wrap_lines(&out, gm_result_message(res), o.width);
			buf_addc(&out, '\n');
		} else {
			report_text(&out, res, &o);
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
	struct gm_result *res = NULL;
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
			if (cli_parse_int("--top", optarg, 1, GM_MAX_GROUPS, &top) < 0)
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
	if (a.cat->safety >= 0)
		a.order[a.n++] = a.cat->safety;
	for (int i = 0; i < a.cat->nquestions && a.n < GM_MAX_QUESTIONS; i++)
		if (i != a.cat->safety && a.cat->questions[i].role != ROLE_ITEM)
			a.order[a.n++] = i;
	a.nmain = a.n;
	a.ans = gm_answers_new(a.cat);
	res = gm_result_new(a.cat);
	if (!a.ans || !res) {
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
	refresh_width(&a);
	end = run(&a);
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
				  "question '%s'", a.cat->questions[a.order[a.at]].id);
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
	buf_release(&a.screen);
	gm_answers_free(a.ans);
	gm_result_free(res);
	return code;
}
