/* answers.h - one respondent's answers, parsed from text into bit sets and numbers. */
#ifndef GM_ANSWERS_H
#define GM_ANSWERS_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"
#include "safety.h"

/* Encoding of value[q]: Q_YESNO 0 or 1; Q_SCALE the number; Q_SINGLE and
 * Q_MULTI a bit set of option indices (bit i = option i). */
struct gm_answers {
	const struct gm_catalog *cat;
	uint32_t present;          /* bit q: question q has a valid answer */
	uint32_t invalid;          /* bit q: question q was given a bad value */
	int64_t value[GM_MAX_QUESTIONS];
	gm_safety safety;          /* the safety answer: its most severe reading */
	struct safety_ledger ledger; /* what the readings of the safety items were (safety.h) */
	char message[400];         /* the first problem, as the caller worded it */
	size_t nunknown;           /* keys or items the last JSON text had that are not questions */
	char unknown[200];         /* their names, quoted, joined by ", " (cut with "...") */
};

/* The one entry point of the answer parser: every front end's text goes
 * through here (gm_answers_set, JSON strings, FHIR, batch cells), so a
 * fast path memoises its result per distinct text rather than parsing
 * again.  Parses text (len bytes, not necessarily NUL-terminated) as an
 * answer to question q and stores it.  The result depends only on the
 * catalogue, q and the text (and, for the safety question, on the sticky
 * answer already held), so memoising is sound.  On a bad value sets q's invalid bit (but
 * leaves ans->message alone, so the caller can word it with its own
 * context through answers_mark_invalid), writes the reason ("'9' is not
 * in 1-5", without the question) to err if non-NULL, and returns
 * GM_ERR_ANSWER.  An empty text is "no answer" and clears q.  For a multi
 * question the options may be separated by ';', '|' or ',' (or blanks),
 * a whole label holding a separator being taken first; "none" is an
 * explicit empty answer where the question allows zero options.
 * Does not allocate, and runs in time linear in len times the options'
 * total length. */
gm_status answers_set_text(struct gm_answers *ans, int q, const char *text,
			   size_t len, gm_error *err);

/* The question whose id is s (len bytes) in any case, or -1.  Answers
 * name questions the way people type them; ids themselves are lowercase. */
int answers_find_question(const struct gm_catalog *cat, const char *s, size_t len);

/* Counts a key or item named s (len bytes) that is not a question, and
 * adds its name to ans->unknown while there is room. */
void answers_note_unknown(struct gm_answers *ans, const char *s, size_t len);

/* The one option lookup (labels.h): the option of a choice question that
 * s (len bytes, blanks around it ignored) names by id, label or 1-based
 * number, by the start of one or a whole word of one; returns its index,
 * -1 for none or -2 when it could be several.  gm_catalog_option_find is
 * the public form. */
int answers_find_option(const struct gm_question *qq, const char *s, size_t len);

/* Parses yes/y/yeah/yep/true/1/checked and no/n/nope/false/0/unchecked
 * in any case: 1, 0, or -1 (safety.c, under the safety answer's one
 * decision). */
int answers_parse_yesno(const char *s, size_t len);

/* Records that question q is invalid and, when ans->message is still
 * empty, keeps msg as the message gm_match will report (gm_match adds
 * "(and N more)" when several questions are invalid).  An answer to a
 * safety item that cannot be read is never "invalid": it is an unclear
 * reading in the ledger, and so positive. */
void answers_mark_invalid(struct gm_answers *ans, int q, const char *msg);

/* Adds s to the ledger as a reading of the safety question: the most
 * severe reading is kept (missing < no < unclear < yes), a MISSING one
 * changes nothing, a less severe one is remembered as a lowering.  Keeps
 * the safety question's present bit and value (1 for a positive answer)
 * in step (safety.c). */
void answers_note_safety(struct gm_answers *ans, gm_safety s);

/* Stores an already-encoded value for q (see the encoding above); for a
 * safety item this is a reading added to the ledger. */
void answers_set_value(struct gm_answers *ans, int q, int64_t value);

/* Shared with answers_json.c, which reads JSON and FHIR answers through
 * the same rules. */

/* The question other than q that has an option with id s (its index in
 * *opt), or -1. */
int answers_option_elsewhere(const struct gm_catalog *cat, const struct gm_question *q,
			     const char *s, size_t len, int *opt);

/* Words why s (len bytes) names no single option of q into msg: it could
 * be several (naming them), or it is none (with a hint). */
void answers_option_problem(char *msg, size_t msgsz, const struct gm_catalog *cat,
			    const struct gm_question *q, const char *s, size_t len);

/* Stores set as q's answer after checking the number of options chosen
 * against the question's bounds; text is the answer as given, for the
 * message. */
gm_status answers_check_count(struct gm_answers *ans, int q, uint64_t set, gm_error *err,
			      const char *text, size_t len);

/* Marks q invalid with e's message, worded as gm_match reports it. */
void answers_note_invalid(struct gm_answers *ans, int q, const gm_error *e);

#endif
