/* questionnaire.c - the questionnaire run one question at a time: its order, answers, review and screeners. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ascii.h"
#include "cli.h"
#include "questionnaire.h"
#include "quote.h"
#include "text.h"

static int is_set(const gm_answers *ans, int q)
{
	return gm_answers_present(ans, (size_t)q);
}

/* Whether question q is an item of a score block (a screener). */
static int is_item(const struct ask *a, int q)
{
	return gm_catalog_question_block(a->cat, (size_t)q) >= 0;
}

/* Whether the question may be left unanswered: with no --strict one that
 * is not required, and a screener item always (--strict is about the
 * main questions, and the screeners are optional). */
static int skippable(const struct ask *a, int q)
{
	return (!a->strict && gm_catalog_question_required(a->cat, (size_t)q) <= 0) || is_item(a, q);
}

/* A clear yes (1) or no (0) typed at a prompt, else -1; the words are
 * those of a yes/no answer (gm_safety_decide). */
static int yes_or_no(const char *s, size_t len)
{
	switch (gm_safety_decide(s, len)) {
	case GM_SAFETY_YES: return 1;
	case GM_SAFETY_NO: return 0;
	default: return -1;
	}
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
	int qi = a->order[pos];
	struct buf cur = BUF_INIT;
	const char *current = NULL;

	refresh_width(a);
	if (is_set(a->ans, qi)) {
		prompt_format_answer(&cur, a->cat, a->ans, (size_t)qi);
		current = buf_cstr(&cur);
	}
	prompt_question(&a->p, &a->screen, a->cat, (size_t)qi, pos + 1, a->n, current,
			skippable(a, qi));
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

		buf_addf(b, "%3d  ", pos + 1);
		prompt_wrap(&a->p, b, gm_catalog_question_text(a->cat, (size_t)qi), 5);
		buf_adds(b, "     ");
		prompt_sgr(&a->p, b, "1");
		if (is_set(a->ans, qi))
			prompt_format_answer(b, a->cat, a->ans, (size_t)qi);
		else
			buf_adds(b, "(skipped)");
		if (is_set(a->ans, qi) && is_item(a, qi))	/* "1 (Several days)" */
			buf_addf(b, " (%s)", gm_catalog_score_label(a->cat,
					(int)gm_answers_value(a->ans, (size_t)qi)));
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
		  gm_catalog_question_id(a->cat, (size_t)a->order[pos]), msg);
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
	char text[PROMPT_LINE_MAX + 1];
	gm_error err;
	const char *s;
	size_t len = prompt_trim(a->p.line, a->p.len, &s);

	if (len == 0) {
		if (is_set(a->ans, qi))
			return 1;	/* keeps the current answer */
		if (gm_answers_set_default(a->ans, (size_t)qi) == GM_OK)
			return 1;
		if (skippable(a, qi)) {
			gm_answers_unset(a->ans, (size_t)qi);
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
	if (qi == gm_catalog_safety_question(a->cat) && a->p.interactive &&
	    gm_safety_decide(s, len) == GM_SAFETY_UNCLEAR && !gm_safety_doubtful(s, len)) {
		char quoted[64], msg[160];

		/* a typo is asked again; an unsure answer is a yes (below) */
		quote_text(quoted, sizeof quoted, s, len);
		snprintf(msg, sizeof msg, "'%s' is not yes or no. If you are unsure, answer yes.",
			 quoted);
		prompt_problem(&a->p, &a->screen, msg, a->indent);
		return 0;
	}
	memcpy(text, s, len);	/* the answer as a string (a line holds no NUL byte) */
	text[len] = '\0';
	memset(&err, 0, sizeof err);
	/* the draft starts as the answers alone: a line refused before (and
	 * asked again) leaves nothing behind in it */
	gm_answers_clear(a->draft);
	if (gm_answers_copy(a->draft, a->ans) != GM_OK ||
	    gm_answers_set(a->draft, gm_catalog_question_id(a->cat, (size_t)qi), text, &err) != GM_OK) {
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
	gm_answers_copy(a->ans, a->draft);
	return 1;
}

/* After the main questions: offers the score items (or, under
 * --screeners, adds them at once).  Returns -1 to go on, or how the
 * questionnaire ends. */
static int offer_screeners(struct ask *a)
{
	int retry, r;

	a->offered = 1;
	if (!gm_catalog_score_block_count(a->cat) || (!a->screeners && !a->p.interactive))
		return -1;
	if (!a->screeners) {
		const char *t;
		size_t len;

		for (;;) {
			refresh_width(a);
			buf_addc(&a->screen, '\n');
			prompt_para(&a->p, &a->screen, gm_catalog_score_offer(a->cat), 0);
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
			if (!len || yes_or_no(t, len) == 0)
				return -1;
			if (yes_or_no(t, len) == 1)
				break;
			prompt_problem(&a->p, &a->screen, "Type y to answer them, or press Enter to skip them.", 0);
		}
	}
	for (int i = 0; i < (int)gm_catalog_question_count(a->cat) && a->n < GM_QUESTIONS_MAX; i++)
		if (is_item(a, i))
			a->order[a->n++] = i;
	return -1;
}

/* After a score item is answered: a crisis-level answer ends the
 * questionnaire (ASK_URGENT); a review-level one shows its text and the
 * crisis contacts at once, then the questions go on.  Returns -1 to go on. */
static int check_item(struct ask *a)
{
	const char *review;
	int status = gm_answers_score_status(a->ans, &review);

	if (status == GM_RESULT_URGENT)
		return ASK_URGENT;
	if (status == GM_RESULT_REVIEW && review && !a->reviewed) {
		a->reviewed = 1;
		refresh_width(a);
		buf_addc(&a->screen, '\n');
		prompt_sgr(&a->p, &a->screen, "1");
		text_wrap_lines(&a->screen, review, a->p.width);
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

enum ask_end ask_run(struct ask *a)
{
	int pos = 0, editing = 0, show = 1, retry, r;
	enum ask_end end = ASK_DONE;

	refresh_width(a);
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
		const char *help = gm_catalog_question_help(a->cat, (size_t)qi);
		a->indent = prompt_question_indent(pos + 1, a->n);

		if (show && a->p.interactive && !editing && is_item(a, qi))
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
			if (help && help[0])
				prompt_para(&a->p, &a->screen, help, a->indent);
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
		if (qi == gm_catalog_safety_question(a->cat) &&
		    gm_safety_positive(gm_answers_safety(a->ans)))
			return ASK_URGENT;
		if (is_item(a, qi) && (r = check_item(a)) >= 0)
			return (enum ask_end)r;
		if (editing) {
			editing = 0;
			pos = a->n;
		} else
			pos++;
		show = 1;
	}
}

int ask_init(struct ask *a)
{
	int safety = gm_catalog_safety_question(a->cat);

	a->n = 0;
	if (safety >= 0)
		a->order[a->n++] = safety;
	for (int i = 0; i < (int)gm_catalog_question_count(a->cat) && a->n < GM_QUESTIONS_MAX; i++)
		if (i != safety && !is_item(a, i))
			a->order[a->n++] = i;
	a->nmain = a->n;
	a->ans = gm_answers_new(a->cat);
	a->draft = gm_answers_new(a->cat);
	return a->ans && a->draft ? 0 : -1;
}

void ask_release(struct ask *a)
{
	buf_release(&a->screen);
	gm_answers_free(a->ans);
	gm_answers_free(a->draft);
	a->ans = a->draft = NULL;
}

