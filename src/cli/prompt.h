/* prompt.h - line input and on-screen questions for the interactive questionnaire. */
#ifndef GM_PROMPT_H
#define GM_PROMPT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "buf.h"
#include "groupmatch.h"

#define PROMPT_LINE_MAX 1024       /* longest answer line kept */
#define PROMPT_SKIP_MAX 65536      /* longest line skipped to its end; past it the input is given up */

/* What prompt_read found. */
enum prompt_read_status {
	PROMPT_LINE,               /* a line is in p->line (without its newline) */
	PROMPT_EOF,                /* end of input (Ctrl-D on a terminal) */
	PROMPT_INTERRUPTED,        /* SIGINT (Ctrl-C) arrived */
	PROMPT_TOO_LONG,           /* the line was longer than PROMPT_LINE_MAX and was skipped;
	                              past PROMPT_SKIP_MAX the rest of the input is left unread
	                              and the next read returns PROMPT_EOF */
	PROMPT_NUL,                /* the line held a NUL byte */
	PROMPT_READ_ERROR          /* read(2) failed; errno says why */
};

/* What a typed line asks for. */
enum prompt_cmd {
	PROMPT_CMD_ANSWER,         /* anything else: an answer to parse */
	PROMPT_CMD_EMPTY,          /* an empty line (blanks only) */
	PROMPT_CMD_HELP,           /* "?" or "help" */
	PROMPT_CMD_BACK            /* "b" or "back" */
};

struct prompt_editor;              /* line editing at a terminal (libedit) */

/* One questionnaire session's input and screen.  Not reentrant: only one
 * may be open at a time, as it owns the SIGINT and SIGWINCH dispositions. */
struct prompt {
	int in;                    /* fd answers are read from */
	int interactive;           /* in is a terminal: show prompts, allow retries */
	FILE *ui;                  /* where prompts go, NULL for nowhere */
	int ui_owned;              /* ui is /dev/tty, opened here */
	int color;                 /* ANSI colour in prompts */
	int width;                 /* columns to wrap prompts to */
	int indent;                /* column of the "> " prompt prompt_read shows */
	long lineno;               /* lines read so far */
	char line[PROMPT_LINE_MAX + 1];  /* the last line read, NUL-terminated */
	size_t len;
	char rbuf[4096];           /* read-ahead */
	size_t rpos, rlen;
	int eof;
	struct prompt_editor *ed;  /* NULL: plain reads (not a terminal, or no libedit) */
	sigset_t oldmask;          /* signal mask before prompt_open */
	struct sigaction oldint;   /* SIGINT disposition before prompt_open */
	struct sigaction oldwinch; /* SIGWINCH disposition before prompt_open */
};

/* Starts a session reading from fd in.  When in is a terminal, prompts
 * go to /dev/tty (or stderr when that cannot be opened), and lines are
 * read with line editing (arrow keys, Home/End, word deletion, a history
 * of earlier answers) when libedit is built in; otherwise no prompts are
 * written at all and lines are read as they come.  Installs a SIGINT
 * handler so that Ctrl-C makes prompt_read return PROMPT_INTERRUPTED, and
 * a SIGWINCH handler so that the editor follows the window's size.  Sets
 * width to 80 and colour off: the caller decides those for p->ui.
 * Returns 0, or -1 with errno set. */
int prompt_open(struct prompt *p, int in);

/* Restores the terminal, the SIGINT and SIGWINCH dispositions and the
 * signal mask, and closes /dev/tty. */
void prompt_close(struct prompt *p);

/* Reads the next line into p->line, without its newline or a trailing
 * CR, and counts it in p->lineno.  A last line without a newline counts.
 * At a terminal, first shows the "> " prompt at column p->indent. */
enum prompt_read_status prompt_read(struct prompt *p);

/* Whether the window was resized since the last call (SIGWINCH). */
int prompt_resized(void);

/* Writes len bytes to the prompt output; does nothing when there is none. */
void prompt_write(struct prompt *p, const char *s, size_t len);

/* Writes and resets b. */
void prompt_flush(struct prompt *p, struct buf *b);

/* Appends an ANSI SGR sequence ("1", "2", "31", "0") when colour is on. */
void prompt_sgr(const struct prompt *p, struct buf *b, const char *code);

/* Appends question q as shown before its prompt: "num/total", the text,
 * numbered options or the scale's range, a hint on how to answer, and
 * what an empty line does: keep current (when not NULL), take the
 * default, or skip (when skippable).  prompt_read shows the "> " prompt,
 * at column prompt_question_indent(num, total). */
void prompt_question(const struct prompt *p, struct buf *b, const gm_catalog *cat, size_t q,
		     int num, int total, const char *current, int skippable);

/* The column where question num of total shows its text and prompt. */
int prompt_question_indent(int num, int total);

/* Appends a problem with the last answer, indented, so the person can retry. */
void prompt_problem(const struct prompt *p, struct buf *b, const char *msg, int indent);

/* Appends text word-wrapped to the prompt width and a newline, for a
 * caller that has already written the first line's indent spaces;
 * continuation lines are indented as much. */
void prompt_wrap(const struct prompt *p, struct buf *b, const char *text, int indent);

/* Appends text word-wrapped to the prompt width, every line indented by
 * indent spaces, ending with a newline. */
void prompt_para(const struct prompt *p, struct buf *b, const char *text, int indent);

/* Classifies a typed line (s, len bytes, surrounding blanks allowed). */
enum prompt_cmd prompt_classify(const char *s, size_t len);

/* Strips blanks (spaces, tabs, CR) from both ends of s, len bytes; returns
 * the new length and stores the new start in *start. */
size_t prompt_trim(const char *s, size_t len, const char **start);

/* Appends to b why text (len bytes), which the answer parser refused,
 * does not answer choice or scale question qi of cat, in the terms a person at the prompt sees: the numbers and
 * labels on the screen, never option ids or other commands ("'zebra' is
 * not one of the choices: type a number from 1 to 17, or a label").
 * Returns 0 when it has nothing better to say than the answer parser
 * (and leaves b alone). */
int prompt_explain(struct buf *b, const gm_catalog *cat, size_t qi, const char *text, size_t len);

/* Appends the answer to question q in ans (of cat) as a person reads it:
 * "yes", "3", an option label, labels joined by ", ", or "none"; nothing
 * when q is not answered. */
void prompt_format_answer(struct buf *b, const gm_catalog *cat, const gm_answers *ans, size_t q);

/* The same for the catalogue's default answer to q. */
void prompt_format_default(struct buf *b, const gm_catalog *cat, size_t q);

#endif
