/* report_pages.c - the coordinator's printable pages: the tally of a batch (who to follow up, then charts) and a placement's roster. */
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "assign.h"

static const char style_summary[] =
	"section{break-inside:avoid}\n"
	".follow h3{margin:.5rem 0 .2rem}\n"
	".ids{columns:4 8rem;margin:.2rem 0;padding-left:1.2rem;font-family:\"DejaVu Sans Mono\",monospace}\n"
	".people{margin:.2rem 0;padding-left:1.2rem}\n"
	".people .id{font-family:\"DejaVu Sans Mono\",monospace}\n"
	".chart{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;"
	"align-items:start;margin:.3rem 0 0}\n"
	".chart svg{width:100%;height:auto}\n"
	"table.counts{font-size:9pt}\n"
	"table.counts svg.bar{width:6rem;height:.7rem;vertical-align:middle}\n";

static void put(struct buf *out, const char *s)
{
	buf_adds(out, s);
}

static void esc(struct buf *out, const char *s)
{
	if (s)
		buf_add_html(out, s, strlen(s));
}

/* --- the coordinator's page ---------------------------------------------- */

static double share(unsigned long part, unsigned long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* Whether anyone on list l has a note, or the tally keeps cells: then
 * one person a line, else ids in columns. */
static int list_detailed(const gm_tally *t, gm_tally_list l)
{
	if (gm_tally_cell_count(t))
		return 1;
	for (size_t i = 0; i < gm_tally_list_count(t, l); i++)
		if (*gm_tally_entry_note(t, l, i))
			return 1;
	return 0;
}

/* List l's heading and every person on it, with their kept cells and
 * note; nothing when it is empty. */
static void follow_list(struct buf *out, const gm_tally *t, gm_tally_list l)
{
	size_t n = gm_tally_list_count(t, l), len;
	int detailed;

	if (!n)
		return;
	detailed = list_detailed(t, l);
	buf_addf(out, "<h3 id=\"list-%s\">", gm_tally_list_key(l));
	esc(out, gm_tally_list_heading(l));
	buf_addf(out, " (%zu)</h3>\n<ul class=\"%s\">\n", n, detailed ? "people" : "ids");
	for (size_t i = 0; i < n; i++) {
		const char *id = gm_tally_entry_id(t, l, i, &len), *note = gm_tally_entry_note(t, l, i);
		int shown = 0;

		if (!id)	/* a tally of counts only */
			break;

		put(out, detailed ? "<li><span class=\"id\">" : "<li>");
		buf_add_html(out, id, len);
		put(out, detailed ? "</span>" : "");
		for (size_t k = 0; k < gm_tally_cell_count(t); k++) {
			const char *c = gm_tally_entry_cell(t, l, i, k, &len);

			if (!len)
				continue;
			put(out, shown++ ? " \xC2\xB7 " : " <span class=\"cells\">");
			buf_add_html(out, c, len);
		}
		put(out, shown ? "</span>" : "");
		if (*note) {
			put(out, " <span class=\"note muted\">\xE2\x80\x94 ");
			esc(out, note);
			put(out, "</span>");
		}
		put(out, "</li>\n");
	}
	put(out, "</ul>\n");
}

/* The section of who needs a call, before any chart or roster. */
static void follow_section(struct buf *out, const gm_tally *t)
{
	int any = 0;

	put(out, "<section class=\"follow\" aria-labelledby=\"h-follow\">\n"
	    "<h2 id=\"h-follow\">To follow up</h2>\n");
	for (int l = 0; l < GM_LIST_COUNT; l++)
		any |= gm_tally_list_count(t, (gm_tally_list)l) > 0;
	if (!any)
		put(out, "<p>No record had a positive safety screen or needs a review, every record "
		    "was screened and could be read.</p>\n");
	for (int l = 0; l < GM_LIST_COUNT; l++)
		follow_list(out, t, (gm_tally_list)l);
	put(out, "</section>\n");
}

/* One bar of a chart. */
struct row {
	const char *label;
	unsigned long count;
};

#define CHART_W 400
#define CHART_BAR 290
#define ROW_H 34

/* A figure: a bar chart of rows (each with its count and share of whole)
 * and the same counts as a table beside it. */
static void chart(struct buf *out, const char *key, const char *title, const char *what,
		  const char *col, const struct row *rows, int n, unsigned long whole)
{
	unsigned long most = 0;
	int i;

	for (i = 0; i < n; i++)
		if (rows[i].count > most)
			most = rows[i].count;
	buf_addf(out, "<section class=\"chart-section\" aria-labelledby=\"h-%s\">\n"
		 "<h2 id=\"h-%s\">%s</h2>\n<p class=\"muted\">%s</p>\n<figure class=\"chart\">\n",
		 key, key, title, what);
	buf_addf(out, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"h-%s\" "
		 "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n",
		 CHART_W, n * ROW_H + 4, key);
	for (i = 0; i < n; i++) {
		int y = i * ROW_H;
		/* bars scale to the largest count, so small differences show */
		int w = most ? (int)((double)rows[i].count * CHART_BAR / (double)most + 0.5) : 0;

		buf_addf(out, "<text x=\"0\" y=\"%d\" fill=\"#111\">", y + 12);
		esc(out, rows[i].label);
		buf_addf(out, "</text>\n<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#e4e4e4\"/>"
			 "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#1f3b5c\"/>"
			 "<text x=\"%d\" y=\"%d\" fill=\"#111\">%lu (%.1f%%)</text>\n",
			 y + 16, CHART_BAR, y + 16, w, CHART_BAR + 6, y + 27, rows[i].count,
			 share(rows[i].count, whole));
	}
	put(out, "</svg>\n<table class=\"counts\">\n<thead><tr><th scope=\"col\">");
	put(out, col);
	put(out, "</th><th scope=\"col\" class=\"num\">Records</th>"
	    "<th scope=\"col\" class=\"num\">Share</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		put(out, "<tr><th scope=\"row\">");
		esc(out, rows[i].label);
		buf_addf(out, "</th><td class=\"num\">%lu</td><td class=\"num\">%.1f%%</td></tr>\n",
			 rows[i].count, share(rows[i].count, whole));
	}
	put(out, "</tbody>\n</table>\n</figure>\n</section>\n");
}

void report_html_summary(struct buf *out, const gm_tally *t, const char *date)
{
	const struct gm_catalog *cat = gm_tally_catalog(t);
	unsigned long records = gm_tally_records(t), ok = gm_tally_status_count(t, GM_RESULT_OK);
	unsigned long review = gm_tally_status_count(t, GM_RESULT_REVIEW);
	struct row rows[GM_MAX_GROUPS + ADVICE_COUNT];
	int order[GM_MAX_GROUPS];
	int i, n;

	report_html_head(out, "Intake summary", NULL, style_summary);
	put(out, "<body class=\"summary\">\n<header>\n<h1>Intake summary</h1>\n");
	buf_addf(out, "<p class=\"meta\">%lu record%s", records, records == 1 ? "" : "s");
	if (date) {
		put(out, " \xC2\xB7 <time>");
		esc(out, date);
		put(out, "</time>");
	}
	put(out, "</p>\n</header>\n<main>\n");
	follow_section(out, t);

	n = 0;
	rows[n++] = (struct row){ "ok", ok };
	rows[n++] = (struct row){ "urgent", gm_tally_status_count(t, GM_RESULT_URGENT) };
	if (review)
		rows[n++] = (struct row){ "review", review };
	rows[n++] = (struct row){ "invalid", gm_tally_status_count(t, GM_RESULT_INVALID) };
	rows[n++] = (struct row){ "not screened", gm_tally_list_count(t, GM_LIST_NOT_SCREENED) };
	chart(out, "status", "Status", "The status of every record; not screened records are also counted by status.",
	      "Status", rows, n, records);
	/* groups by first-choice count, most first; ties in catalogue order */
	for (i = 0; i < cat->ngroups; i++) {
		int k = i;

		while (k > 0 && gm_tally_first(t, (size_t)order[k - 1]) < gm_tally_first(t, (size_t)i)) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}
	for (i = 0; i < cat->ngroups; i++)
		rows[i] = (struct row){ cat->groups[order[i]].name, gm_tally_first(t, (size_t)order[i]) };
	chart(out, "first", "First choice", "How many of the ok records have each group type first.",
	      "Group type", rows, cat->ngroups, ok);
	for (i = 0; i < cat->ngroups; i++)
		rows[i] = (struct row){ cat->groups[order[i]].name, gm_tally_top_two(t, (size_t)order[i]) };
	chart(out, "top2", "In the top two",
	      "How many of the ok records have each group type first or second.",
	      "Group type", rows, cat->ngroups, ok);
	for (i = 0, n = 0; i < ADVICE_COUNT; i++)
		if (cat->advice[i].label)
			rows[n++] = (struct row){ cat->advice[i].label, gm_tally_setting(t, (size_t)i) };
	chart(out, "setting", "Setting", "The setting advice for the ok records.", "Advice", rows, n,
	      ok);
	put(out, "</main>\n<footer>\n<p class=\"reminder\">");
	esc(out, cat->reminder);
	put(out, "</p>\n</footer>\n</body>\n</html>\n");
}

/* --- the roster's page (assign --summary) ------------------------------- */

/* A bar of filled against seats, with a tick at the minimum size. */
static void fill_bar(struct buf *out, long filled, long seats, long min)
{
	long w = seats > 0 ? 100 * filled / seats : 0, m = seats > 0 ? 100 * min / seats : 0;

	buf_addf(out, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
		 "aria-hidden=\"true\"><rect width=\"100\" height=\"10\" fill=\"#e4e4e4\"/>"
		 "<rect width=\"%ld\" height=\"10\" fill=\"#1f3b5c\"/>", w > 100 ? 100 : w);
	if (min > 0 && m <= 100)
		buf_addf(out, "<rect x=\"%ld\" width=\"1\" height=\"10\" fill=\"#b00\"/>", m > 99 ? 99 : m);
	put(out, "</svg>");
}

void report_html_assign(struct buf *out, const struct gm_catalog *cat, const gm_offerings *offs,
			const gm_assign *asg, const gm_tally *t, const char *date)
{
	static const char *const follow[] = { "urgent", "review", "invalid" };
	size_t n = gm_offerings_count(offs), nrec = gm_assign_record_count(asg), o, i, k;
	int g, waiting = 0;

	report_html_head(out, "Group roster", NULL, style_summary);
	put(out, "<body class=\"summary\">\n<header>\n<h1>Group roster</h1>\n");
	buf_addf(out, "<p class=\"meta\">%zu record%s: %ld placed", nrec, nrec == 1 ? "" : "s",
		 gm_assign_placed(asg));
	if (date) {
		put(out, " \xC2\xB7 <time>");
		esc(out, date);
		put(out, "</time>");
	}
	put(out, "</p>\n</header>\n<main>\n");

	/* who needs a call comes before the roster */
	if (t) {
		follow_section(out, t);
		goto roster;
	}
	put(out, "<section class=\"follow\" aria-labelledby=\"h-follow\">\n"
	    "<h2 id=\"h-follow\">To follow up</h2>\n");
	for (k = 0; k < sizeof follow / sizeof *follow; k++) {
		size_t c = 0;

		for (i = 0; i < nrec; i++)
			c += !strcmp(gm_assign_record_status(asg, i), follow[k]);
		if (!c)
			continue;
		buf_addf(out, "<h3>Not placed, %s (%zu)</h3>\n<ul class=\"ids\">\n", follow[k], c);
		for (i = 0; i < nrec; i++)
			if (!strcmp(gm_assign_record_status(asg, i), follow[k])) {
				put(out, "<li>");
				esc(out, gm_assign_record_id(asg, i));
				put(out, "</li>\n");
			}
		put(out, "</ul>\n");
	}
	for (k = 0, i = 0; i < nrec; i++)
		k += gm_assign_record_safety_missing(asg, i) != 0;
	if (k) {
		buf_addf(out, "<h3>Safety question not answered: ask it first (%zu)</h3>\n"
			 "<ul class=\"ids\">\n", k);
		for (i = 0; i < nrec; i++)
			if (gm_assign_record_safety_missing(asg, i)) {
				put(out, "<li>");
				esc(out, gm_assign_record_id(asg, i));
				put(out, "</li>\n");
			}
		put(out, "</ul>\n");
	}
	put(out, "</section>\n");
roster:
	put(out, "<section aria-labelledby=\"h-fill\">\n<h2 id=\"h-fill\">Offerings</h2>\n"
	    "<table class=\"counts\">\n<thead><tr><th scope=\"col\">Offering</th>"
	    "<th scope=\"col\">Type</th><th scope=\"col\">Filled</th><th scope=\"col\" class=\"num\">"
	    "Seats</th><th scope=\"col\" class=\"num\">Minimum</th><th scope=\"col\">State</th></tr>"
	    "</thead>\n<tbody>\n");
	for (o = 0; o < n; o++) {
		long f = gm_assign_filled(asg, o), s = gm_offering_seats(offs, o);

		put(out, "<tr><th scope=\"row\">");
		esc(out, gm_offering_name(offs, o));
		put(out, " <span class=\"muted\">(");
		esc(out, gm_offering_id(offs, o));
		put(out, ")</span></th><td>");
		esc(out, gm_offering_type(offs, o));
		put(out, "</td><td>");
		fill_bar(out, f, s, gm_offering_min_size(offs, o));
		buf_addf(out, " %ld</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td><td>%s</td></tr>\n",
			 f, s, gm_offering_min_size(offs, o),
			 gm_assign_closed(asg, o) ? "closed" : gm_assign_below_min(asg, o)
			 ? "below minimum" : f == s ? "full" : "open");
	}
	put(out, "</tbody>\n</table>\n</section>\n");

	put(out, "<section aria-labelledby=\"h-wait\">\n<h2 id=\"h-wait\">Waitlist by best type</h2>\n");
	for (g = 0; g < cat->ngroups; g++)
		waiting += gm_assign_waitlist(asg, (size_t)g) > 0;
	if (!waiting) {
		put(out, "<p>Nobody is waiting.</p>\n");
	} else {
		put(out, "<table class=\"counts\">\n<thead><tr><th scope=\"col\">Type</th>"
		    "<th scope=\"col\" class=\"num\">Waiting</th><th scope=\"col\" class=\"num\">"
		    "Seats that would clear it</th></tr></thead>\n<tbody>\n");
		for (g = 0; g < cat->ngroups; g++) {
			long w = gm_assign_waitlist(asg, (size_t)g);

			if (!w)
				continue;
			put(out, "<tr><th scope=\"row\">");
			esc(out, cat->groups[g].name);
			buf_addf(out, "</th><td class=\"num\">%ld</td><td class=\"num\">%ld</td></tr>\n", w, w);
		}
		put(out, "</tbody>\n</table>\n");
	}
	put(out, "</section>\n");

	put(out, "<section aria-labelledby=\"h-roster\">\n<h2 id=\"h-roster\">Roster by offering</h2>\n");
	for (o = 0; o < n; o++) {
		if (!gm_assign_filled(asg, o))
			continue;
		put(out, "<h3>");
		esc(out, gm_offering_name(offs, o));
		if (*gm_offering_schedule(offs, o)) {
			put(out, " <span class=\"muted\">");
			esc(out, gm_offering_schedule(offs, o));
			put(out, "</span>");
		}
		put(out, "</h3>\n<ul class=\"ids\">\n");
		for (i = 0; i < nrec; i++)
			if (gm_assign_record_offering(asg, i) == (long)o) {
				put(out, "<li>");
				esc(out, gm_assign_record_id(asg, i));
				put(out, "</li>\n");
			}
		put(out, "</ul>\n");
	}
	put(out, "</section>\n</main>\n<footer>\n<p class=\"catalog muted\">Catalogue: ");
	{
		struct buf line = BUF_INIT;

		report_catalog_line(&line, cat, 12);
		esc(out, buf_cstr(&line));
		buf_release(&line);
	}
	put(out, "</p>\n<p class=\"reminder\">");
	esc(out, cat->reminder);
	put(out, "</p>\n</footer>\n</body>\n</html>\n");
}

char *gm_tally_html(const gm_tally *t, const char *date, size_t *len)
{
	struct buf out = BUF_INIT;

	if (!t)
		return NULL;
	report_html_summary(&out, t, date);
	return report_html_take(&out, len);
}

char *gm_assign_html(const gm_offerings *offs, const gm_assign *a, const gm_tally *t,
		     const char *date, size_t *len)
{
	struct buf out = BUF_INIT;

	if (!offs || !a || (t && gm_tally_catalog(t) != offs->cat))
		return NULL;
	report_html_assign(&out, offs->cat, offs, a, t, date);
	return report_html_take(&out, len);
}
