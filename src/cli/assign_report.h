/* assign_report.h - the assign command's summary of a placement: text with bars, CSV or JSON. */
#ifndef GM_ASSIGN_REPORT_H
#define GM_ASSIGN_REPORT_H

#include "buf.h"
#include "groupmatch.h"

enum aformat { AF_DEFAULT, AF_CSV, AF_JSONL, AF_JSON, AF_TEXT, AF_HTML };

/* Appends the summary of a solved assignment to out: who to follow up
 * (the lists of t, a tally of the same records, every person named), per
 * offering the seats filled, whether it is below its minimum or closed,
 * and the mean fit; the waitlist per type.  fmt is AF_TEXT (bars in UTF-8
 * blocks when utf8, else ASCII; outside text terminal-safe), AF_CSV
 * (cells written with text_csv_cell's flags cells) or AF_JSON. */
void assign_summary(const gm_catalog *cat, const gm_offerings *offs, const gm_assign *asg,
		    const gm_tally *t, enum aformat fmt, int utf8, unsigned cells, struct buf *out);

#endif
