/* questionnaire.h - the questionnaire run one question at a time at a terminal or from piped lines. */
#ifndef GM_QUESTIONNAIRE_H
#define GM_QUESTIONNAIRE_H

#include "buf.h"
#include "groupmatch.h"
#include "prompt.h"

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
	const gm_catalog *cat;
	gm_answers *ans;
	gm_answers *draft;         /* an answer is tried here before it is kept */
	int order[GM_QUESTIONS_MAX]; /* question indices, the safety one first */
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

/* Before ask_init the caller sets cat, strict, screeners and quiet (the
 * rest zeroed).  Puts the safety question first, then the main questions
 * (the score items are offered after them) and makes the answers.
 * Returns 0, or -1 when out of memory; ask_release frees what it made. */
int ask_init(struct ask *a);
void ask_release(struct ask *a);

/* Asks the questions on a->p, which the caller has opened (and coloured),
 * until the questionnaire ends; problems with piped input and read
 * errors are reported here.  a->ans holds the answers, a->at the
 * position where it stopped. */
enum ask_end ask_run(struct ask *a);

#endif
