/* prompt_editor.c - line editing at the questionnaire's prompts: arrow keys, Home/End, word deletion and history, through libedit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include "prompt_editor.h"

#ifdef GM_HAVE_LIBEDIT
#include <histedit.h>

/* libedit reads characters through editor_getc, which waits in prompt.c's fill()
 * like the plain reader: Ctrl-C and the end of input are seen the same
 * way, and libedit installs no signal handlers of its own. */
struct prompt_editor {
	EditLine *el;
	History *hist;
	FILE *in;                  /* a stream on the input for libedit's terminal settings */
	struct termios saved;      /* the terminal's settings before prompt_open */
	struct termios quiet;      /* between prompts: no echo, no line discipline */
	int have_saved;
	mbstate_t mb;              /* UTF-8 decoding state between bytes */
	enum prompt_read_status stop;  /* why editor_getc gave up, PROMPT_LINE if it did not */
	const struct prompt_input *input; /* prompt.c's reading, given at open */
	int nul;                   /* a NUL byte was typed on this line */
	char ps[96];               /* the prompt, SGR sequences between \1 marks */
};

static int editor_getc(EditLine *el, wchar_t *wc)
{
	struct prompt *p;
	struct prompt_editor *ed;

	if (el_get(el, EL_CLIENTDATA, &p) != 0 || !p)
		return -1;
	ed = p->ed;
	for (;;) {
		if (p->rpos == p->rlen) {
			enum prompt_fill_result r;

			if (ed->input->resize_pending())
				el_resize(el);
			r = ed->input->fill(p);
			if (r == PROMPT_FILL_INTERRUPTED) {
				ed->stop = PROMPT_INTERRUPTED;
				return -1;
			}
			if (r == PROMPT_FILL_ERROR) {
				ed->stop = PROMPT_READ_ERROR;
				return -1;
			}
			if (r == PROMPT_FILL_END) {
				ed->stop = PROMPT_EOF;
				return 0;
			}
			continue;
		}
		unsigned char c = (unsigned char)p->rbuf[p->rpos++];
		wchar_t w;
		size_t n;

		if (c == '\0') {
			/* kept from the editor, whose key map gives NUL a
			 * meaning; the line is refused when it ends */
			ed->nul = 1;
			memset(&ed->mb, 0, sizeof ed->mb);
			continue;
		}
		n = mbrtowc(&w, (const char *)&c, 1, &ed->mb);
		if (n == (size_t)-2)
			continue;	/* more bytes of this character to come */
		if (n == (size_t)-1) {
			/* not text in this locale: shown as '?', and the
			 * answer parser says what it is not */
			memset(&ed->mb, 0, sizeof ed->mb);
			w = L'?';
		}
		*wc = w;
		return 1;
	}
}

/* The whole key map, built from nothing but this list: an answer is a
 * short line, so the keys are those that edit one (arrows, Home/End, word
 * motion and deletion, history).  libedit's defaults also reach
 * ed-command (ESC x, and U+00D8/U+00F8 as 8-bit meta keys), whose
 * builtins rebind keys and switch to vi mode, from which vi-histedit
 * starts $EDITOR and so a shell: on an intake kiosk that is a way out.
 * So every key that libedit's emacs map gives a meaning to is bound here
 * again, to an editing function of this list or to nothing, and no
 * ~/.editrc is ever read (el_source is not called). */
static const char *const editor_keys[][2] = {
	{ "^A", "ed-move-to-beg" },
	{ "^B", "ed-prev-char" },
	{ "^D", "em-delete-or-list" },     /* on an empty line: the end of input */
	{ "^E", "ed-move-to-end" },
	{ "^F", "ed-next-char" },
	{ "^H", "em-delete-prev-char" },
	{ "^J", "ed-newline" },
	{ "^K", "ed-kill-line" },
	{ "^M", "ed-newline" },
	{ "^N", "ed-next-history" },
	{ "^P", "ed-prev-history" },
	{ "^U", "em-kill-line" },
	{ "^W", "ed-delete-prev-word" },
	{ "^?", "em-delete-prev-char" },
	{ "\033b", "ed-prev-word" },
	{ "\033B", "ed-prev-word" },
	{ "\033f", "em-next-word" },
	{ "\033F", "em-next-word" },
	{ "\033d", "em-delete-next-word" },
	{ "\033D", "em-delete-next-word" },
	{ "\033\010", "ed-delete-prev-word" },
	{ "\033\177", "ed-delete-prev-word" },
	/* arrows, Home/End, Delete and Ctrl-Left/Right as terminals send them */
	{ "\033[A", "ed-prev-history" },
	{ "\033[B", "ed-next-history" },
	{ "\033[C", "ed-next-char" },
	{ "\033[D", "ed-prev-char" },
	{ "\033OA", "ed-prev-history" },
	{ "\033OB", "ed-next-history" },
	{ "\033OC", "ed-next-char" },
	{ "\033OD", "ed-prev-char" },
	{ "\033[H", "ed-move-to-beg" },
	{ "\033[F", "ed-move-to-end" },
	{ "\033OH", "ed-move-to-beg" },
	{ "\033OF", "ed-move-to-end" },
	{ "\033[1~", "ed-move-to-beg" },
	{ "\033[4~", "ed-move-to-end" },
	{ "\033[3~", "ed-delete-next-char" },
	{ "\033[1;5D", "ed-prev-word" },
	{ "\033[1;5C", "em-next-word" },
};

/* Binds the key c, after ESC when meta, to fn; c goes as an octal
 * escape, which bind reads for any character (a bare '-', '^' or '\'
 * would be a switch or an escape). */
static void editor_bind_char(EditLine *el, int meta, int c, const char *fn)
{
	char key[16];

	snprintf(key, sizeof key, "%s\\%03o", meta ? "\\033" : "", (unsigned)c);
	el_set(el, EL_BIND, key, fn, NULL);
}

static void editor_keymap(EditLine *el)
{
	el_set(el, EL_EDITOR, "emacs");
	/* the one multi-key sequence of the emacs map that is not ESC's */
	el_set(el, EL_BIND, "-r", "^X^X", NULL);
	for (int c = 0; c < 0x100; c++) {
		/* ESC and a key: nothing, but for the ESC [ and ESC O of
		 * the arrow keys, whose sequences are bound below */
		if (c > 0 && c < 0x80 && c != '[' && c != 'O')
			editor_bind_char(el, 1, c, "ed-unassigned");
		/* a key alone: text is typed, control keys do nothing;
		 * ESC stays the lead-in of the sequences */
		if (c != 0x1b)
			editor_bind_char(el, 0, c, c < 0x20 || c == 0x7f ? "ed-unassigned" : "ed-insert");
	}
	for (size_t i = 0; i < sizeof editor_keys / sizeof editor_keys[0]; i++)
		el_set(el, EL_BIND, editor_keys[i][0], editor_keys[i][1], NULL);
}

static char *editor_prompt(EditLine *el)
{
	struct prompt *p;

	if (el_get(el, EL_CLIENTDATA, &p) != 0 || !p)
		return (char *)"> ";
	return p->ed->ps;
}

int prompt_editor_open(struct prompt *p, const struct prompt_input *input)
{
	struct prompt_editor *ed = calloc(1, sizeof *ed);
	HistEvent ev;
	FILE *in;

	if (!ed)
		return -1;
	in = fdopen(dup(p->in), "r");
	if (!in) {
		free(ed);
		return -1;
	}
	ed->el = el_init("groupmatch", in, p->ui, p->ui);
	ed->hist = history_init();
	if (!ed->el || !ed->hist) {
		if (ed->el)
			el_end(ed->el);
		if (ed->hist)
			history_end(ed->hist);
		fclose(in);
		free(ed);
		errno = ENOMEM;
		return -1;
	}
	ed->input = input;
	el_set(ed->el, EL_CLIENTDATA, p);
	el_set(ed->el, EL_SIGNAL, 0);
	el_set(ed->el, EL_GETCFN, editor_getc);
	el_set(ed->el, EL_PROMPT_ESC, editor_prompt, '\1');
	history(ed->hist, &ev, H_SETSIZE, 100);
	history(ed->hist, &ev, H_SETUNIQUE, 1);
	el_set(ed->el, EL_HIST, history, ed->hist);
	editor_keymap(ed->el);
	ed->in = in;
	ed->stop = PROMPT_LINE;
	p->ed = ed;
	/* Between prompts the terminal neither echoes nor edits lines, so
	 * keys typed while a question is being shown (an arrow, Ctrl-D)
	 * reach the editor as they were typed instead of being echoed as
	 * ^[[A or turned into the line discipline's end-of-file. */
	if (tcgetattr(p->in, &ed->saved) == 0) {
		ed->have_saved = 1;
		ed->quiet = ed->saved;
		ed->quiet.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL);
		ed->quiet.c_cc[VMIN] = 1;
		ed->quiet.c_cc[VTIME] = 0;
		tcsetattr(p->in, TCSANOW, &ed->quiet);
	}
	return 0;
}

void prompt_editor_close(struct prompt *p)
{
	if (!p->ed)
		return;
	el_end(p->ed->el);
	history_end(p->ed->hist);
	if (p->ed->have_saved)
		tcsetattr(p->in, TCSANOW, &p->ed->saved);
	fclose(p->ed->in);	/* el_end leaves the streams it was given open */
	free(p->ed);
	p->ed = NULL;
}

enum prompt_read_status prompt_editor_read(struct prompt *p)
{
	struct prompt_editor *ed = p->ed;
	const char *line;
	size_t o = 0, len;
	int count = 0;
	HistEvent ev;

	/* ps has room for 40 columns of indent and the colour sequences */
	for (int i = 0; i < p->indent && i < 40; i++)
		ed->ps[o++] = ' ';
	if (p->color)
		o += (size_t)snprintf(ed->ps + o, sizeof ed->ps - o, "\1\033[1m\1> \1\033[0m\1");
	else
		o += (size_t)snprintf(ed->ps + o, sizeof ed->ps - o, "> ");
	ed->stop = PROMPT_LINE;
	ed->nul = 0;
	memset(&ed->mb, 0, sizeof ed->mb);
	p->len = 0;
	line = el_gets(ed->el, &count);
	if (ed->have_saved)
		tcsetattr(p->in, TCSANOW, &ed->quiet);
	/* Ctrl-C, the end of input or a read error, as editor_getc saw it,
	 * wins over a line cut short; Ctrl-D on an empty line is the end */
	if (ed->stop != PROMPT_LINE)
		return ed->stop;
	if (!line || count <= 0)
		return count < 0 ? PROMPT_READ_ERROR : PROMPT_EOF;
	len = strlen(line);
	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len > PROMPT_LINE_MAX)
		return ed->input->finish_line(p, 1, 0);
	memcpy(p->line, line, len);
	p->len = len;
	if (len > 0 && !ed->nul) {
		char keep[PROMPT_LINE_MAX + 1];

		memcpy(keep, line, len);
		keep[len] = '\0';
		history(ed->hist, &ev, H_ENTER, keep);
	}
	return ed->input->finish_line(p, 0, ed->nul);
}
void prompt_editor_list_keys(struct prompt *p)
{
	if (p->ed)
		el_set(p->ed->el, EL_BIND, NULL);
}
#else
void prompt_editor_list_keys(struct prompt *p)
{
	(void)p;
}

int prompt_editor_open(struct prompt *p, const struct prompt_input *input)
{
	(void)p;
	(void)input;
	return 0;
}

void prompt_editor_close(struct prompt *p)
{
	(void)p;
}

enum prompt_read_status prompt_editor_read(struct prompt *p)
{
	(void)p;
	return PROMPT_READ_ERROR;
}
#endif
