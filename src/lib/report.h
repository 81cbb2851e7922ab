/* report.h - inside the library: a result as the pretty JSON object and the text report (report.c), the HTML pages (report_html.c); gm_writer (writer.c) is the way in. */
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

/* The JSON object of SPEC 3.3 through a transient writer: compact on one
 * line (no newline) or pretty-printed with a final newline.  id may be
 * NULL (written as null).  Sets out->oom when memory runs out. */
void report_json(struct buf *out, const struct gm_result *res,
		 const char *id, size_t idlen, int pretty);

/* The pretty object up to its "catalog" key, its root left open in *jw
 * so that the caller may add keys and close it. */
void report_json_pretty(struct buf *out, const struct gm_result *res, const char *id,
			size_t idlen, struct jw *jw);

/* The "changes" array, and the compact "scores" object, of the result. */
void report_json_changes(struct jw *w, const struct gm_result *res);
void report_json_scores(struct buf *out, const struct gm_result *res);

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

/* Writes up to two plain sentences on what would change the first place
 * of res (worked out with GM_MATCH_CHANGES) into lines[0] and lines[1];
 * returns how many. */
int report_change_sentences(const struct gm_result *res, struct buf lines[2]);

/* --- printable HTML pages (report_html.c) ----------------------------- */

/* The person's page: id and date are shown when non-NULL, the answers
 * when ans is non-NULL.  See gm_result_html. */
void report_html(struct buf *out, const struct gm_result *res, const struct gm_answers *ans,
		 const char *id, const char *date);

/* The head every page shares (title, then ": " and id when id is
 * non-NULL; the common style sheet and style), and out's contents as a
 * string for the caller to free (NULL after a memory error). */
void report_html_head(struct buf *out, const char *title, const char *id, const char *style);
char *report_html_take(struct buf *out, size_t *len);

/* The coordinator's pages (report_pages.c): see gm_tally_html and gm_assign_html (t may
 * be NULL there). */
void report_html_summary(struct buf *out, const gm_tally *t, const char *date);
void report_html_assign(struct buf *out, const struct gm_catalog *cat, const gm_offerings *offs,
			const gm_assign *asg, const gm_tally *t, const char *date);

#endif
