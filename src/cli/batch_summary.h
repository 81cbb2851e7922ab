/* batch_summary.h - batch --summary from the library's tally: text with bars, JSON, CSV and the HTML page. */
#ifndef GM_BATCH_SUMMARY_H
#define GM_BATCH_SUMMARY_H

#include "buf.h"
#include "groupmatch.h"

/* Each appends the summary of t to out; every list of t's worklist comes
 * first (in CSV, last), every person named with their kept cells.
 * batch_summary_text draws bars in UTF-8 blocks when utf8, else ASCII;
 * batch_summary_json is indented when pretty, else one line;
 * batch_summary_csv writes each cell of text with text_csv_cell's flags
 * cells (TEXT_CSV_RAW for --raw-cells). */
void batch_summary_text(struct buf *out, const gm_tally *t, int utf8);
void batch_summary_json(struct buf *out, const gm_tally *t, int pretty);
void batch_summary_csv(struct buf *out, const gm_tally *t, unsigned cells);
void batch_summary_html(struct buf *out, const gm_tally *t);

#endif
