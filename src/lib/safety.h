/* safety.h - the safety ledger: every reading of a safety item, kept at its most severe. */
#ifndef GM_SAFETY_H
#define GM_SAFETY_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"

struct gm_answers;
struct score_result;

/* What one record's readings of its safety items (cat->safety_items: the
 * safety question and every screener item a review or urgent rule reads)
 * have been.  The value kept is the most severe reading: the answers'
 * safety for the safety question, the highest value for an item.  Every
 * reading is added; nothing overwrites, and a blank or null reading adds
 * nothing.  The ledger remembers what a person reading the record must
 * know: that a reading could not be read with certainty (unclear counts
 * as positive), and that a later reading was lower than the one kept. */
struct safety_ledger {
	uint32_t unclear;          /* bit q: a reading of q could not be read with certainty */
	uint32_t lowered;          /* bit q: a later reading was less severe than the one kept */
	signed char from[GM_MAX_QUESTIONS]; /* q's first lowering: the value kept then */
	signed char to[GM_MAX_QUESTIONS];   /* and the lower reading */
	char crisis_text[40];      /* the first unclear text for the safety question, quoted */
	char item_text[40];        /* the first unclear text for a screener item, quoted */
	signed char item_q;        /* that item */
};

/* Whether question q of cat (an index, or -1) is a safety item. */
static inline int safety_item(const struct gm_catalog *cat, int q)
{
	return q >= 0 && (cat->safety_items >> (q & (GM_MAX_QUESTIONS - 1)) & 1);
}

/* Adds a reading v of screener safety item q (in its range) to the
 * ledger: kept when it is the first or more severe, remembered as a
 * lowering when less severe. */
void safety_add_value(struct gm_answers *ans, int q, int64_t v);

/* Adds a reading of safety item q that cannot be read with certainty:
 * text (len bytes; NULL when there is none to show) is remembered for the
 * notes.  For the safety question this is UNCLEAR; for an item it is a
 * positive reading that asks for at least a clinician's review. */
void safety_add_unclear(struct gm_answers *ans, int q, const char *text, size_t len);

/* Starts a new record: forgets every reading (gm_answers_clear). */
void safety_reset(struct gm_answers *ans);

/* After the answers of ans were replaced by a copy (gm_answers_copy),
 * adds back every reading old held, so that no copy lowers a safety item. */
void safety_keep(struct gm_answers *ans, const struct gm_answers *old);

/* Writes the staff notes on the ledger and the score outcome sr ("safety
 * question answered yes", "PHQ-9 item 9 = 3 (nearly every day)", ...)
 * joined by "; " to out (always NUL-terminated); returns their length,
 * 0 when there is nothing to note. */
size_t safety_notes(const struct gm_answers *ans, const struct score_result *sr, char *out,
		    size_t outsz);

/* "PHQ-9 item 9" for screener item q: the block's name up to its first
 * " (", and the item's number. */
void safety_item_name(const struct gm_catalog *cat, int q, char *out, size_t outsz);

#endif
