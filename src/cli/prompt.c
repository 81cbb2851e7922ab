/* prompt.c - line input and on-screen questions for the interactive questionnaire (line editing is in prompt_editor.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include "ascii.h"
#include "editdist.h"
#include "quote.h"
#include "prompt.h"
#include "prompt_editor.h"
#include "text.h"

static volatile sig_atomic_t prompt_sigint;
static volatile sig_atomic_t prompt_winch;

static void on_sigint(int sig)
{
	(void)sig;
	prompt_sigint = 1;
}

static void on_sigwinch(int sig)
{
	(void)sig;
	prompt_winch = 1;
}

static int resize_pending(void)
{
	return prompt_winch != 0;
}

static enum prompt_fill_result fill(struct prompt *p);
static enum prompt_read_status finish_line(struct prompt *p, int toolong, int nul);

/* What the line editor reads through (prompt_editor.h). */
static const struct prompt_input input = { fill, finish_line, resize_pending };

int prompt_resized(void)
{
	int r = prompt_winch != 0;

	prompt_winch = 0;
	return r;
}


int prompt_open(struct prompt *p, int in)
{
	struct sigaction sa;
	sigset_t block;

	memset(p, 0, sizeof *p);
	p->in = in;
	p->width = 80;
	p->interactive = isatty(in);
	if (p->interactive) {
		p->ui = fopen("/dev/tty", "we");
		if (p->ui)
			p->ui_owned = 1;
		else
			p->ui = stderr;
	}

	/* SIGINT stays blocked except while waiting for input, so that it
	 * can only arrive inside pselect and never between a check of the
	 * flag and the wait.  A SIGINT ignored by whoever started us (a
	 * background job) stays ignored. */
	prompt_sigint = 0;
	if (sigaction(SIGINT, NULL, &p->oldint) < 0)
		goto fail;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = p->oldint.sa_handler == SIG_IGN ? SIG_IGN : on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	if (sigaction(SIGINT, &sa, NULL) < 0)
		goto fail;
	/* A resize interrupts the wait, so the editor redraws for the new
	 * width at once; other calls simply restart. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigwinch;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGWINCH, &sa, &p->oldwinch) < 0) {
		sigaction(SIGINT, &p->oldint, NULL);
		goto fail;
	}
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	if (sigprocmask(SIG_BLOCK, &block, &p->oldmask) < 0) {
		sigaction(SIGINT, &p->oldint, NULL);
		sigaction(SIGWINCH, &p->oldwinch, NULL);
		goto fail;
	}
	if (p->interactive && p->ui && prompt_editor_open(p, &input) < 0) {
		sigprocmask(SIG_SETMASK, &p->oldmask, NULL);
		sigaction(SIGINT, &p->oldint, NULL);
		sigaction(SIGWINCH, &p->oldwinch, NULL);
		goto fail;
	}
	return 0;
fail:
	if (p->ui_owned)
		fclose(p->ui);
	p->ui = NULL;
	p->ui_owned = 0;
	return -1;
}

void prompt_close(struct prompt *p)
{
	prompt_editor_close(p);
	sigaction(SIGWINCH, &p->oldwinch, NULL);
	sigaction(SIGINT, &p->oldint, NULL);
	sigprocmask(SIG_SETMASK, &p->oldmask, NULL);
	if (p->ui_owned)
		fclose(p->ui);
	p->ui = NULL;
	p->ui_owned = 0;
}

static enum prompt_fill_result fill(struct prompt *p)
{
	sigset_t waitmask;
	fd_set rfds;
	ssize_t n;

	if (p->eof)
		return PROMPT_FILL_END;
	waitmask = p->oldmask;
	sigdelset(&waitmask, SIGINT);
	for (;;) {
		if (prompt_sigint)
			return PROMPT_FILL_INTERRUPTED;
		if (p->in < FD_SETSIZE) {
			FD_ZERO(&rfds);
			FD_SET(p->in, &rfds);
			if (pselect(p->in + 1, &rfds, NULL, NULL, NULL, &waitmask) < 0) {
				if (errno == EINTR)
					continue;
				return PROMPT_FILL_ERROR;
			}
		}
		n = read(p->in, p->rbuf, sizeof p->rbuf);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* A terminal that went away reads as the end. */
			if (errno == EIO && p->interactive) {
				p->eof = 1;
				return PROMPT_FILL_END;
			}
			return PROMPT_FILL_ERROR;
		}
		if (n == 0) {
			p->eof = 1;
			return PROMPT_FILL_END;
		}
		p->rpos = 0;
		p->rlen = (size_t)n;
		return PROMPT_FILL_DATA;
	}
}

/* Shows the "> " prompt at column p->indent, for plain reads at a terminal. */
static void show_prompt(struct prompt *p)
{
	struct buf b = BUF_INIT;

	for (int i = 0; i < p->indent; i++)
		buf_addc(&b, ' ');
	prompt_sgr(p, &b, "1");
	buf_adds(&b, "> ");
	prompt_sgr(p, &b, "0");
	prompt_flush(p, &b);
	buf_release(&b);
}

static enum prompt_read_status finish_line(struct prompt *p, int toolong, int nul)
{
	p->lineno++;
	if (toolong) {
		p->len = 0;
		p->line[0] = '\0';
		return PROMPT_TOO_LONG;
	}
	if (p->len > 0 && p->line[p->len - 1] == '\r')
		p->len--;
	/* A file of answers saved with a UTF-8 byte order mark. */
	if (p->lineno == 1 && p->len >= 3 && memcmp(p->line, "\xEF\xBB\xBF", 3) == 0) {
		memmove(p->line, p->line + 3, p->len - 3);
		p->len -= 3;
	}
	p->line[p->len] = '\0';
	return nul ? PROMPT_NUL : PROMPT_LINE;
}

enum prompt_read_status prompt_read(struct prompt *p)
{
	int toolong = 0, nul = 0, got = 0;
	size_t seen = 0;

	if (p->ed)
		return prompt_editor_read(p);
	if (p->interactive)
		show_prompt(p);
	p->len = 0;
	for (;;) {
		if (seen > PROMPT_SKIP_MAX) {
			/* endless input such as /dev/zero: no end of line to skip to */
			p->eof = 1;
			p->rpos = p->rlen = 0;
			break;
		}
		if (p->rpos == p->rlen) {
			enum prompt_fill_result r = fill(p);
			if (r == PROMPT_FILL_INTERRUPTED)
				return PROMPT_INTERRUPTED;
			if (r == PROMPT_FILL_ERROR)
				return PROMPT_READ_ERROR;
			if (r == PROMPT_FILL_END) {
				if (!got)
					return PROMPT_EOF;
				break;	/* a last line without its newline */
			}
		}
		char *s = p->rbuf + p->rpos;
		size_t avail = p->rlen - p->rpos;
		char *nl = memchr(s, '\n', avail);
		size_t take = nl ? (size_t)(nl - s) : avail;

		got = 1;
		seen += take;
		if (memchr(s, '\0', take))
			nul = 1;
		if (p->len + take > PROMPT_LINE_MAX)
			toolong = 1;
		else {
			memcpy(p->line + p->len, s, take);
			p->len += take;
		}
		p->rpos += take + (nl != NULL);
		if (nl)
			break;
	}
	return finish_line(p, toolong, nul);
}


void prompt_write(struct prompt *p, const char *s, size_t len)
{
	if (!p->ui)
		return;
	fwrite(s, 1, len, p->ui);
	fflush(p->ui);
}

void prompt_flush(struct prompt *p, struct buf *b)
{
	prompt_write(p, b->data, b->len);
	buf_reset(b);
}

void prompt_sgr(const struct prompt *p, struct buf *b, const char *code)
{
	if (!p->color)
		return;
	buf_adds(b, "\033[");
	buf_adds(b, code);
	buf_addc(b, 'm');
}

static void indent_to(struct buf *b, int n)
{
	for (int i = 0; i < n; i++)
		buf_addc(b, ' ');
}

void prompt_wrap(const struct prompt *p, struct buf *b, const char *text, int indent)
{
	text_wrap(b, text, indent, p->width - 1);
	buf_addc(b, '\n');
}

void prompt_para(const struct prompt *p, struct buf *b, const char *text, int indent)
{
	indent_to(b, indent);
	prompt_wrap(p, b, text, indent);
}

void prompt_problem(const struct prompt *p, struct buf *b, const char *msg, int indent)
{
	indent_to(b, indent);
	prompt_sgr(p, b, "31");
	text_wrap(b, msg, indent, p->width - 1);
	prompt_sgr(p, b, "0");
	buf_addc(b, '\n');
}

/* The hint line: how to answer this kind of question. */
static void add_hint(struct buf *b, const gm_catalog *cat, size_t q)
{
	int n = (int)gm_catalog_option_count(cat, q);
	int min = gm_catalog_question_min(cat, q), qmax = gm_catalog_question_max(cat, q);
	int max = qmax > 0 && qmax < n ? qmax : n;

	switch (gm_catalog_question_kind(cat, q)) {
	case GM_KIND_YESNO:
		buf_adds(b, "yes or no");
		break;
	case GM_KIND_SINGLE:
		buf_adds(b, "pick one");
		break;
	case GM_KIND_SCALE:
		buf_addf(b, "%d to %d", min, qmax);
		if (gm_catalog_question_scale_label(cat, q, min) &&
		    gm_catalog_question_scale_label(cat, q, qmax))
			buf_addf(b, ": %d = %s, %d = %s", min, gm_catalog_question_scale_label(cat, q, min),
				 qmax, gm_catalog_question_scale_label(cat, q, qmax));
		break;
	case GM_KIND_MULTI:
		if (min <= 0 && max >= n)
			buf_adds(b, "pick any, e.g. 1,3, or none");
		else if (min <= 0)
			buf_addf(b, "pick up to %d, e.g. 1,3, or none", max);
		else if (max >= n)
			buf_addf(b, "pick %s, e.g. 1,3", min == 1 ? "one or more"
				 : "several");
		else if (min == max)
			buf_addf(b, "pick %d, e.g. 1,3", max);
		else
			buf_addf(b, "pick %d to %d, e.g. 1,3", min, max);
		break;
	case GM_KIND_NONE:
		break;
	}
}

void prompt_question(const struct prompt *p, struct buf *b, const gm_catalog *cat, size_t q,
		     int num, int total, const char *current, int skippable)
{
	gm_question_kind kind = gm_catalog_question_kind(cat, q);
	struct buf hint = BUF_INIT;
	char pos[32];
	int indent = prompt_question_indent(num, total);

	snprintf(pos, sizeof pos, "%d/%d", num, total);
	buf_addc(b, '\n');
	prompt_sgr(p, b, "2");
	buf_adds(b, pos);
	prompt_sgr(p, b, "0");
	buf_adds(b, "  ");
	prompt_sgr(p, b, "1");
	text_wrap(b, gm_catalog_question_text(cat, q), indent, p->width - 1);
	prompt_sgr(p, b, "0");
	buf_addc(b, '\n');

	if (kind == GM_KIND_SINGLE || kind == GM_KIND_MULTI) {
		int n = (int)gm_catalog_option_count(cat, q);
		int nw = n >= 10 ? 2 : 1;

		for (int i = 0; i < n; i++) {
			indent_to(b, indent);
			prompt_sgr(p, b, "1");
			buf_addf(b, "%*d", nw, i + 1);
			prompt_sgr(p, b, "0");
			buf_adds(b, "  ");
			text_wrap(b, gm_catalog_option_label(cat, q, (size_t)i), indent + nw + 2,
				    p->width - 1);
			buf_addc(b, '\n');
		}
	}

	add_hint(&hint, cat, q);
	if (current)
		buf_addf(&hint, "; Enter keeps %s", current);
	else if (gm_catalog_question_has_default(cat, q) > 0) {
		buf_adds(&hint, "; Enter = ");
		prompt_format_default(&hint, cat, q);
	} else if (skippable)
		buf_adds(&hint, "; Enter skips");
	buf_adds(&hint, "; ? help, b back");
	if (!hint.oom) {
		indent_to(b, indent);
		prompt_sgr(p, b, "2");
		text_wrap(b, buf_cstr(&hint), indent, p->width - 1);
		prompt_sgr(p, b, "0");
		buf_addc(b, '\n');
	}
	buf_release(&hint);
}

int prompt_question_indent(int num, int total)
{
	return snprintf(NULL, 0, "%d/%d", num, total) + 2;
}

size_t prompt_trim(const char *s, size_t len, const char **start)
{
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	*start = s;
	return len;
}

static int word_is(const char *s, size_t len, const char *w)
{
	size_t wl = strlen(w);

	if (len != wl)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return 0;
	}
	return 1;
}

enum prompt_cmd prompt_classify(const char *s, size_t len)
{
	len = prompt_trim(s, len, &s);
	if (len == 0)
		return PROMPT_CMD_EMPTY;
	if (word_is(s, len, "?") || word_is(s, len, "help"))
		return PROMPT_CMD_HELP;
	if (word_is(s, len, "b") || word_is(s, len, "back"))
		return PROMPT_CMD_BACK;
	return PROMPT_CMD_ANSWER;
}

/* Appends an answer to q as a person reads it: value is the yes/no or
 * scale value; the options of a choice are those ans holds, or with ans
 * NULL those of the catalogue's default. */
static void format_answer(struct buf *b, const gm_catalog *cat, size_t q, long value,
			  const gm_answers *ans)
{
	size_t n = gm_catalog_option_count(cat, q);
	int k = 0;

	switch (gm_catalog_question_kind(cat, q)) {
	case GM_KIND_YESNO:
		buf_adds(b, value ? "yes" : "no");
		break;
	case GM_KIND_SCALE:
		buf_add_int(b, value);
		break;
	case GM_KIND_SINGLE:
	case GM_KIND_MULTI:
		for (size_t i = 0; i < n; i++) {
			if (!(ans ? gm_answers_option_chosen(ans, q, i) : gm_catalog_option_default(cat, q, i)))
				continue;
			if (k++ > 0)
				buf_adds(b, ", ");
			buf_adds(b, gm_catalog_option_label(cat, q, i));
		}
		if (k == 0)
			buf_adds(b, "none");
		break;
	case GM_KIND_NONE:
		break;
	}
}

void prompt_format_answer(struct buf *b, const gm_catalog *cat, const gm_answers *ans, size_t q)
{
	if (gm_answers_present(ans, q))
		format_answer(b, cat, q, gm_answers_value(ans, q), ans);
}

void prompt_format_default(struct buf *b, const gm_catalog *cat, size_t q)
{
	if (gm_catalog_question_has_default(cat, q) > 0)
		format_answer(b, cat, q, gm_catalog_question_default(cat, q), NULL);
}

/* The option whose label (or id) is closest to s (a typo of one), or -1.
 * The start or a word of one option is not a typo: it names the option. */
static int near_label(const gm_catalog *cat, size_t qi, const char *s, size_t len)
{
	size_t n = gm_catalog_option_count(cat, qi);
	int best = 3, at = -1;

	for (size_t i = 0; i < n; i++) {
		const char *label = gm_catalog_option_label(cat, qi, i);
		const char *id = gm_catalog_option_id(cat, qi, i);
		int d = edit_distance(s, len, label, strlen(label));
		int di = edit_distance(s, len, id, strlen(id));

		if (di < d)
			d = di;	/* a typo of a word the person may know the option by */
		if (d < best && (size_t)d < len) {
			best = d;
			at = (int)i;
		}
	}
	return at;
}

/* Appends 'text' quoted as answers quote it. */
static void add_quoted(struct buf *b, const char *s, size_t len)
{
	char quoted[64];

	quote_text(quoted, sizeof quoted, s, len);
	buf_addf(b, "'%s'", quoted);
}

/* "pick one", "pick at least 2", ... */
static void add_count(struct buf *b, const char *what, int n)
{
	if (n == 1)
		buf_addf(b, "pick %s one", what);
	else
		buf_addf(b, "pick %s %d", what, n);
}

/* Says why piece (plen bytes) names no single choice of question qi, as
 * the screen shows the choices; 0 when it names one. */
static int explain_piece(struct buf *b, const gm_catalog *cat, size_t qi, const char *piece,
			 size_t plen)
{
	size_t cands[8], n = gm_catalog_option_candidates(cat, qi, piece, plen, cands, 8);

	if (n == 1)
		return 0;
	add_quoted(b, piece, plen);
	if (n > 1) {
		buf_adds(b, " could be more than one of the choices: ");
		for (size_t k = 0; k < n && k < 8; k++)
			buf_addf(b, "%s%zu (%s)", k == 0 ? "" : k + 1 == n ? " or " : ", ", cands[k] + 1,
				 gm_catalog_option_label(cat, qi, cands[k]));
		if (n > 8)
			buf_adds(b, ", ...");
		return 1;
	}
	int near = near_label(cat, qi, piece, plen);

	buf_adds(b, " is not one of the choices");
	if (near >= 0)
		buf_addf(b, " (did you mean %d, %s?)", near + 1, gm_catalog_option_label(cat, qi, (size_t)near));
	else
		buf_addf(b, ": type a number from 1 to %zu, or a label", gm_catalog_option_count(cat, qi));
	return 1;
}

/* Adds the options named in piece (blank-separated when it is not one
 * option, as the answer parser reads it) to *set; returns 1 after
 * explaining a word that names no single choice. */
static int explain_words(struct buf *b, const gm_catalog *cat, size_t qi, const char *piece,
			 size_t plen, uint64_t *set)
{
	int o = gm_catalog_option_find(cat, qi, piece, plen);
	size_t i = 0, start;

	if (o >= 0) {
		*set |= (uint64_t)1 << o;
		return 0;
	}
	if (o == -2 || (!memchr(piece, ' ', plen) && !memchr(piece, '\t', plen)))
		return explain_piece(b, cat, qi, piece, plen);
	while (i < plen) {
		while (i < plen && (piece[i] == ' ' || piece[i] == '\t'))
			i++;
		start = i;
		while (i < plen && piece[i] != ' ' && piece[i] != '\t')
			i++;
		if (i == start)
			continue;
		o = gm_catalog_option_find(cat, qi, piece + start, i - start);
		if (o < 0) {
			/* a word of a wrong phrase: say it of the whole phrase,
			 * unless the word itself could be several choices */
			if (o == -2)
				return explain_piece(b, cat, qi, piece + start, i - start);
			return explain_piece(b, cat, qi, piece, plen);
		}
		*set |= (uint64_t)1 << o;
	}
	return 0;
}

int prompt_explain(struct buf *b, const gm_catalog *cat, size_t qi, const char *text, size_t len)
{
	gm_question_kind kind = gm_catalog_question_kind(cat, qi);
	int min = gm_catalog_question_min(cat, qi), max, n;
	uint64_t set = 0;
	size_t i = 0;

	len = prompt_trim(text, len, &text);
	if (kind == GM_KIND_SCALE) {
		int top = gm_catalog_question_max(cat, qi);
		const char *lo = gm_catalog_question_scale_label(cat, qi, min);
		const char *hi = gm_catalog_question_scale_label(cat, qi, top);

		add_quoted(b, text, len);
		buf_addf(b, " is not a number from %d to %d", min, top);
		if (lo && hi)
			buf_addf(b, " (%d = %s, %d = %s)", min, lo, top, hi);
		return 1;
	}
	if (kind == GM_KIND_SINGLE)
		min = 0;
	else if (kind != GM_KIND_MULTI)
		return 0;
	max = kind == GM_KIND_SINGLE ? 1 : gm_catalog_question_max(cat, qi);
	if (len == 4 && ascii_ieq(text, "none", 4) && min > 0) {
		buf_adds(b, "'none' is not possible here: ");
		add_count(b, "at least", min);
		return 1;
	}
	if (gm_catalog_option_find(cat, qi, text, len) >= 0) {
		set = 1;	/* one choice, even a label holding a comma */
	} else {
		/* the first piece that names no single choice on the screen */
		while (i < len) {
			size_t j = i;
			const char *piece;
			size_t plen;

			while (j < len && !strchr(";|,", text[j]))
				j++;
			plen = prompt_trim(text + i, j - i, &piece);
			if (plen > 0 && explain_words(b, cat, qi, piece, plen, &set))
				return 1;
			i = j + 1;
		}
	}
	n = __builtin_popcountll(set);
	if (n > max) {
		add_count(b, max == 1 ? "only" : "at most", max);
		if (max > 1)
			buf_adds(b, " of the choices");
		return 1;
	}
	if (n < min) {
		add_count(b, "at least", min);
		return 1;
	}
	return 0;
}
