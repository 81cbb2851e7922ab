/* prompt_editor.h - what prompt.c and its line editor (prompt_editor.c) share; not for commands. */
#ifndef GM_PROMPT_EDITOR_H
#define GM_PROMPT_EDITOR_H

#include "prompt.h"

/* What prompt_fill found. */
enum prompt_fill_result {
	PROMPT_FILL_DATA,          /* p->rbuf has bytes from p->rpos to p->rlen */
	PROMPT_FILL_END,           /* end of input */
	PROMPT_FILL_INTERRUPTED,   /* SIGINT (Ctrl-C) arrived */
	PROMPT_FILL_ERROR          /* read(2) failed; errno says why */
};

/* prompt.c's input, which the editor reads through: it is handed to
 * prompt_editor_open, so the editor does not call back into prompt.c. */
struct prompt_input {
	/* Refills p's read-ahead, waiting with SIGINT unblocked. */
	enum prompt_fill_result (*fill)(struct prompt *p);
	/* Ends the line in p->line (p->len bytes): counts it, drops a CR and,
	 * on the first line, a UTF-8 byte order mark; says what was read. */
	enum prompt_read_status (*finish_line)(struct prompt *p, int toolong, int nul);
	/* Whether a SIGWINCH arrived that the editor has not followed yet. */
	int (*resize_pending)(void);
};

/* Sets up line editing on p (a terminal, with p->ui for the screen),
 * reading through in (which must outlive the editor); returns 0 (also
 * when built without libedit: then p->ed stays NULL) or -1 with errno
 * set. */
int prompt_editor_open(struct prompt *p, const struct prompt_input *in);

/* Restores the terminal and frees the editor; safe when there is none. */
void prompt_editor_close(struct prompt *p);

/* Shows the "> " prompt at column p->indent and reads one edited line. */
enum prompt_read_status prompt_editor_read(struct prompt *p);

/* Lists every key binding on p->ui, as libedit's bind builtin does
 * (nothing without libedit), so a test can see that no key reaches a
 * function outside the editing keys prompt_editor.c allows. */
void prompt_editor_list_keys(struct prompt *p);

#endif
