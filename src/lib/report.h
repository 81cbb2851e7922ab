/* report.h - a match result as text for people or as the JSON object of SPEC 3.3. */
#ifndef GM_REPORT_H
#define GM_REPORT_H

#include "buf.h"
#include "engine.h"
#include "jsonw.h"

struct report_opts {
	int color;                 /* ANSI colour */
	int utf8;                  /* bars with block characters, else ASCII */
	int width;                 /* wrap text to this many columns */
	int top;                   /* groups to show, 0 = all */
	const char *id;            /* the respondent's id, shown first; NULL for none */
};

/* The JSON object: compact on one line (no newline) or pretty-printed
 * with a final newline.  id may be NULL (written as null). */
void report_json(struct buf *out, const struct gm_result *res,
		 const char *id, size_t idlen, int pretty);

/* The human report: the id (when given), ranked bars, reasons (+),
 * cautions (!), setting advice and the reminder line; for urgent and
 * invalid results, their message. */
void report_text(struct buf *out, const struct gm_result *res,
		 const struct report_opts *opts);

/* The catalogue a result came from, for provenance: as the JSON object
 * {"name","version","sha256"} (null for what it lacks), or as one line
 * "NAME, version V, sha256 HEX" with the hash cut to hexlen digits. */
void report_catalog_object(struct jw *w, const struct gm_catalog *cat);
void report_catalog_line(struct buf *out, const struct gm_catalog *cat, int hexlen);

/* Appends a bar of width cells filled to percent. */
void report_bar(struct buf *out, int percent, int width, int utf8);

/* Appends text word-wrapped to width columns; continuation lines start
 * with indent spaces (the first line is assumed already indented). */
void report_wrap(struct buf *out, const char *text, int indent, int width);

/* Writes up to two plain sentences on what would change the first place
 * of res (worked out with GM_MATCH_CHANGES) into lines[0] and lines[1];
 * returns how many. */
int report_change_sentences(const struct gm_result *res, struct buf lines[2]);

/* Wraps text line by line: a line starting "- " is a list item whose
 * continuation lines are indented under its text. */
void report_wrap_lines(struct buf *out, const char *text, int width);

/* --- printable HTML pages (report_html.c) ----------------------------- */

/* The person's page: id and date are shown when non-NULL, the answers
 * when ans is non-NULL.  See gm_result_html. */
void report_html(struct buf *out, const struct gm_result *res, const struct gm_answers *ans,
		 const char *id, const char *date);

/* Ids of records to follow up: each id followed by a NUL, as batch keeps
 * them; n records in the list, of which the first kept are in ids. */
struct report_ids {
	const char *ids;
	size_t len;
	unsigned long n;
	unsigned long kept;
};

/* What batch --summary counts, for the coordinator's page.  The arrays
 * have one count per group (first, top2) or per advice (setting). */
struct report_summary {
	unsigned long records, ok, urgent, review, invalid;
	unsigned long unclear;     /* of the urgent, on an unclear safety answer */
	unsigned long unscreened;  /* the safety question was not answered */
	const unsigned long *first;
	const unsigned long *top2;
	const unsigned long *setting;
	struct report_ids urgent_ids, review_ids, unclear_ids, unscreened_ids;
};

/* The coordinator's page: who needs a call first, then a chart per count
 * with the counts as a table beside it.  date is shown when non-NULL. */
/* The coordinator's page of a solved placement (assign --summary): who to
 * follow up, each offering's fill against its seats and minimum, the
 * waitlist per type and the roster grouped by offering. */
void report_html_assign(struct buf *out, const struct gm_catalog *cat, const gm_offerings *offs,
			const gm_assign *asg, const char *date);

void report_html_summary(struct buf *out, const struct gm_catalog *cat,
			 const struct report_summary *s, const char *date);

#endif
