/* worklist.h - the follow-up lists of a tally (who needs a call) as text, JSON and CSV, for every summary. */
#ifndef GM_WORKLIST_H
#define GM_WORKLIST_H

#include "buf.h"
#include "groupmatch.h"
#include "jsonw.h"

/* Appends each non-empty list of t: its heading and count, then every
 * person, as a terminal shows them (ids, kept cells and notes through the
 * terminal sanitiser): one a line with their kept cells and note when the
 * list has any, else the ids wrapped at 78 columns.  A blank line after
 * each list. */
void worklist_text(struct buf *out, const gm_tally *t);

/* Writes the key "worklist": an object with one array per list (every
 * list, in order, by gm_tally_list_key), each person an object with id,
 * line, note (null when none) and, when t keeps cells, "columns" (each
 * kept column's name and cell). */
void worklist_json(struct jw *w, const gm_tally *t);

/* Appends one CSV row per person on each list: lead, the list's key,
 * gap, the id, the note and each kept cell, every value through the
 * CSV-cell helper with its flags cells (TEXT_CSV_RAW for --raw-cells). */
void worklist_csv(struct buf *out, const gm_tally *t, const char *lead, const char *gap,
		  unsigned cells);

/* Appends ",NAME" for each kept column, through the CSV-cell helper. */
void worklist_csv_kept(struct buf *out, const gm_tally *t, unsigned cells);

/* Whether someone on t needs a call: an urgent, review or not-screened
 * record (exit status 3). */
int worklist_needs_call(const gm_tally *t);

#endif
