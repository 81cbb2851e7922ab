/* report_html.c - printable, self-contained HTML pages: a person's result, and the head and stylesheet every page shares.
 *
 * The coordinator's pages (gm_tally_html, gm_assign_html) are in
 * report_pages.c, on the same head and escaping. */
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "assign.h"
#include "scores.h"

/* Nothing is fetched: no scripts, fonts, images or frames, only the inline
 * style sheet.  Links (the crisis resources' own addresses) still work,
 * since following one is navigation, not a fetch. */
#define CSP "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/* Greys and one dark blue that stay apart when printed in greyscale:
 * bars are dark on a light track and always carry their number. */
/* Whether question q is a screener item left unanswered: screeners are
 * optional, so their items are not listed as "not answered". */
static int optional_item(const struct gm_catalog *cat, const struct gm_answers *ans, int q)
{
	return cat->scores && (cat->scores->items >> q & 1) &&
	       !((ans->present | ans->invalid) >> q & 1);
}

static const char style_common[] =
	"@page{size:auto;margin:10mm 12mm}\n"
	"*{box-sizing:border-box}\n"
	"html{background:#fff;color:#111}\n"
	"body{margin:0 auto;max-width:48rem;padding:1rem 1rem;"
	"font:10pt/1.28 \"DejaVu Sans\",\"Helvetica Neue\",Arial,sans-serif}\n"
	"h1{font-size:1.5em;margin:0}\n"
	"h2{font-size:1.15em;margin:.75em 0 .3em;padding-bottom:.1rem;border-bottom:1px solid #777}\n"
	"h3{font-size:1em;margin:0}\n"
	"p{margin:.3rem 0}\n"
	"a{color:#123f6e}\n"
	".meta{color:#333;margin:.15rem 0 0}\n"
	"tr{break-inside:avoid}\n"
	".alert{border:3px solid #111;background:#f1f1f1;padding:.5rem .9rem;margin:.8rem 0}\n"
	".alert h2{border:0;font-size:1.4em;margin:0 0 .3rem}\n"
	".alert ul{margin:.4rem 0;padding-left:1.2rem}\n"
	".alert li{margin:.3rem 0;font-size:1.1em;font-weight:bold}\n"
	".notice{border:2px solid #444;padding:.35rem .7rem;margin:.7rem 0}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"th,td{text-align:left;vertical-align:top;padding:.12rem .4rem;border-bottom:1px solid #bbb}\n"
	"thead th{border-bottom:2px solid #555}\n"
	"th[scope=row]{font-weight:normal}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".reminder{margin-top:.9rem;padding-top:.35rem;border-top:1px solid #777;font-style:italic}\n"
	".muted{color:#444;font-style:italic}\n"
	"@media print{body{max-width:none;padding:0;font-size:9pt;line-height:1.28}\n"
	"h2{margin:.6em 0 .25em}a{color:inherit}\n"
	/* a long page (many reasons, many answers) prints smaller to stay on one */
	"body.dense{font-size:7.2pt;line-height:1.18}\n"
	"body.denser{font-size:6pt;line-height:1.12}}\n";

static const char style_person[] =
	/* two groups a row, so that six with all their reasons fit one page */
	".ranking{list-style:none;margin:0;padding:0;display:grid;"
	"grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));column-gap:1.4rem}\n"
	".ranking>li{padding:.2em 0 .3em;border-bottom:1px solid #ccc;break-inside:avoid}\n"
	".group{display:flex;align-items:center;gap:.4rem}\n"
	".group h3{flex:1}\n"
	".bar{width:5em;height:.8em;flex:none}\n"
	".pct{width:3.1em;text-align:right;font-weight:bold;font-variant-numeric:tabular-nums}\n"
	".why{list-style:none;margin:.1em 0 0 1.1em;padding:0}\n"
	".fit{margin-left:.5em;font-size:.85em;color:#333}\n"
	".tie{margin:.1em 0 0 1.1em;font-style:italic}\n"
	".because{margin:.2em 0 0 1.1em;padding:0}\n"
	".catalog{font-size:.8em;margin:.6rem 0 0}\n"
	".why li{padding-left:1em;text-indent:-1em}\n"
	".mark{display:inline-block;width:1em;text-indent:0;font-weight:bold}\n"
	".caution{color:#222}\n"
	".advice{font-weight:bold}\n"
	".answers{font-size:.92em}\n"
	".answers th{width:42%}\n";

/* Lines that fit on one Letter page in the normal print style (estimated
 * as page_lines does; measured with headless Chromium). */
#define DENSE_LINES 48
/* ... and in the dense style (measured the same way); past it, denser */
#define DENSER_LINES 85

static void put(struct buf *out, const char *s)
{
	buf_adds(out, s);
}

static void esc(struct buf *out, const char *s)
{
	if (s)
		buf_add_html(out, s, strlen(s));
}

void report_html_head(struct buf *out, const char *title, const char *id, const char *style)
{
	put(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	put(out, title);
	if (id) {
		put(out, ": ");
		esc(out, id);
	}
	put(out, "</title>\n<style>\n");
	put(out, style_common);
	put(out, style);
	put(out, "</style>\n</head>\n");
}

/* "<p class="meta">For ID · DATE</p>", or nothing when neither is given. */
static void meta(struct buf *out, const char *id, const char *date)
{
	if (!id && !date)
		return;
	put(out, "<p class=\"meta\">");
	if (id) {
		put(out, "For <strong>");
		esc(out, id);
		put(out, "</strong>");
	}
	if (id && date)
		put(out, " \xC2\xB7 ");
	if (date) {
		put(out, "<time>");
		esc(out, date);
		put(out, "</time>");
	}
	put(out, "</p>\n");
}

/* The longest crisis resource's own address starting at s, or NULL: the
 * only addresses a page links to. */
static const char *resource_url_at(const struct gm_catalog *cat, const char *s)
{
	const char *best = NULL;
	int i;

	if (strncmp(s, "https://", 8))
		return NULL;
	for (i = 0; i < cat->nresources; i++) {
		const char *u = cat->resources[i].url;

		if (u && !strncmp(u, "https://", 8) && !strncmp(s, u, strlen(u))
		    && (!best || strlen(u) > strlen(best)))
			best = u;
	}
	return best;
}

/* One line of a message: escaped, with the resources' addresses as links. */
static void message_line(struct buf *out, const struct gm_catalog *cat, const char *s, size_t len)
{
	const char *end = s + len, *run = s, *u;

	while (s < end) {
		if (*s == 'h' && (u = resource_url_at(cat, s)) && strlen(u) <= (size_t)(end - s)) {
			buf_add_html(out, run, (size_t)(s - run));
			put(out, "<a href=\"");
			esc(out, u);
			put(out, "\">");
			esc(out, u);
			put(out, "</a>");
			s += strlen(u);
			run = s;
			continue;
		}
		s++;
	}
	buf_add_html(out, run, (size_t)(end - run));
}

/* A message of lines: each "- " line an item of a list, each other
 * non-empty line a paragraph. */
static void message(struct buf *out, const struct gm_catalog *cat, const char *text)
{
	const char *p = text;
	int in_list = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		int item = len >= 2 && p[0] == '-' && p[1] == ' ';

		if (item != in_list)
			put(out, item ? "<ul>\n" : "</ul>\n");
		in_list = item;
		if (item) {
			put(out, "<li>");
			message_line(out, cat, p + 2, len - 2);
			put(out, "</li>\n");
		} else if (len) {
			put(out, "<p>");
			message_line(out, cat, p, len);
			put(out, "</p>\n");
		}
		p += len + (nl != NULL);
	}
	if (in_list)
		put(out, "</ul>\n");
}

/* --- the person's page --------------------------------------------------- */

/* Whether the safety message comes before everything else: an urgent
 * result, and a result for a clinician's review (which keeps its ranking). */
static int safety_first(const struct gm_result *res)
{
	return res->status == GM_RESULT_URGENT || res->status == GM_RESULT_REVIEW;
}

/* A bar of percent on a 100-wide track; its number is printed beside it. */
static void bar(struct buf *out, int percent)
{
	if (percent < 0)
		percent = 0;
	if (percent > 100)
		percent = 100;
	buf_addf(out, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
		 "aria-hidden=\"true\"><rect width=\"100\" height=\"10\" fill=\"#e4e4e4\"/>"
		 "<rect width=\"%d\" height=\"10\" fill=\"#1f3b5c\"/></svg>", percent);
}

/* The group's fit band ("strong fit", ...) after its percent; nothing
 * for a group without evidence, which says so below it. */
static void fit_band(struct buf *out, const struct gm_result *res, int rank)
{
	const char *fit = gm_result_fit(res, (size_t)rank);

	if (!fit || !strcmp(fit, "none"))
		return;
	buf_addf(out, "<span class=\"fit\">%s fit</span>", fit);
}

/* "about as good a fit as the first" for a group within a few points of it. */
static void near_tie(struct buf *out, const struct gm_result *res, int rank)
{
	if (rank > 0 && gm_result_near_tie(res, (size_t)rank))
		put(out, "<p class=\"tie\">About as good a fit as the first.</p>\n");
}

/* The reasons under the setting advice: the setting modifiers and the
 * screener rules that raised or backed it. */
static void setting_because(struct buf *out, const struct gm_result *res)
{
	size_t i, n = gm_result_because_count(res), m = gm_result_score_setting_reason_count(res);

	if (!n && !m)
		return;
	put(out, "<ul class=\"because\">\n");
	for (i = 0; i < n; i++) {
		put(out, "<li>");
		esc(out, gm_result_because(res, i));
		put(out, "</li>\n");
	}
	for (i = 0; i < m; i++) {
		put(out, "<li>");
		esc(out, gm_result_score_setting_reason(res, i));
		put(out, "</li>\n");
	}
	put(out, "</ul>\n");
}

/* A section "What would change the first place": one or two sentences on
 * the single-answer changes that would put another group first. */
static void changes(struct buf *out, const struct gm_result *res)
{
	struct buf lines[2] = { BUF_INIT, BUF_INIT };
	int i, n;

	if (!gm_result_changes_found(res))
		return;
	n = report_change_sentences(res, lines);
	put(out, "<section id=\"changes\" aria-labelledby=\"h-changes\">\n"
	    "<h2 id=\"h-changes\">What would change the first place</h2>\n");
	for (i = 0; i < n; i++) {
		put(out, "<p>");
		esc(out, buf_cstr(&lines[i]));
		put(out, "</p>\n");
	}
	if (!n)
		put(out, "<p>No single change to your answers would put another group first.</p>\n");
	put(out, "</section>\n");
	buf_release(&lines[0]);
	buf_release(&lines[1]);
}

/* A section of screener totals and bands (PHQ-9, GAD-7).  Empty until
 * the result carries scores. */
static void scores(struct buf *out, const struct gm_result *res)
{
	(void)out, (void)res;
}

/* The catalogue's name, version and checksum in the footer, so a printed
 * page can be traced to the rules that made it. */
static void provenance(struct buf *out, const struct gm_result *res)
{
	struct buf line = BUF_INIT;

	report_catalog_line(&line, res->cat, 12);
	put(out, "<p class=\"catalog muted\">Catalogue: ");
	esc(out, buf_cstr(&line));
	put(out, "</p>\n");
	buf_release(&line);
}

static void ranking(struct buf *out, const struct gm_result *res)
{
	const struct gm_catalog *cat = res->cat;
	int i, k;

	put(out, "<section id=\"ranking\" aria-labelledby=\"h-ranking\">\n"
	    "<h2 id=\"h-ranking\">Group types, best match first</h2>\n<ol class=\"ranking\">\n");
	for (i = 0; i < res->nranked; i++) {
		const struct gm_ranked *r = &res->ranked[i];
		const struct gm_group *g = &cat->groups[r->group];

		put(out, "<li>\n<div class=\"group\"><h3>");
		buf_addf(out, "%d. ", i + 1);
		esc(out, g->name);
		put(out, "</h3>");
		bar(out, r->percent);
		buf_addf(out, "<span class=\"pct\">%d%%</span>", r->percent);
		fit_band(out, res, i);
		put(out, "</div>\n");
		near_tie(out, res, i);
		if (!r->nreasons && !r->ncautions) {
			put(out, "<p class=\"why muted\">Nothing in your answers points to this group.</p>\n");
		} else {
			put(out, "<ul class=\"why\">\n");
			for (k = 0; k < g->ncriteria; k++) {
				if (!(r->matched >> k & 1))
					continue;
				if (k < g->npositive)
					put(out, "<li><span class=\"mark\" aria-hidden=\"true\">+</span>");
				else
					put(out, "<li class=\"caution\"><span class=\"mark\">!</span>"
					    "<strong>Caution:</strong> ");
				esc(out, g->criteria[k].reason);
				put(out, "</li>\n");
			}
			put(out, "</ul>\n");
		}
		put(out, "</li>\n");
	}
	put(out, "</ol>\n</section>\n");
}

static void setting(struct buf *out, const struct gm_result *res)
{
	const struct gm_advice *a;

	if (res->advice < 0)
		return;
	a = &res->cat->advice[res->advice];
	put(out, "<section id=\"setting\" aria-labelledby=\"h-setting\">\n"
	    "<h2 id=\"h-setting\">Setting</h2>\n<p class=\"advice\">");
	esc(out, a->label);
	put(out, "</p>\n<p>");
	esc(out, a->text);
	put(out, "</p>\n");
	setting_because(out, res);
	put(out, "</section>\n");
}

/* An answer as the person would recognise it: option labels, yes or no,
 * a number on its scale. */
static void answer(struct buf *out, const struct gm_question *q, int64_t v)
{
	int i, n = 0;

	switch (q->kind) {
	case Q_YESNO:
		put(out, v ? "Yes" : "No");
		break;
	case Q_SCALE:
		buf_addf(out, "%lld (on a scale of %d to %d)", (long long)v, q->min, q->max);
		break;
	case Q_SINGLE:
	case Q_MULTI:
		for (i = 0; i < q->noptions && i < 64; i++) {
			if (!((uint64_t)v >> i & 1))
				continue;
			if (n++)
				put(out, "; ");
			esc(out, q->options[i].label);
		}
		if (!n)
			put(out, "None");
		break;
	}
}

static void answers(struct buf *out, const struct gm_result *res, const struct gm_answers *ans)
{
	const struct gm_catalog *cat = res->cat;
	uint32_t missing = 0;
	int q;

	for (q = 0; q < res->nmissing; q++)
		missing |= (uint32_t)1 << res->missing[q];
	put(out, "<section id=\"answers\" aria-labelledby=\"h-answers\">\n"
	    "<h2 id=\"h-answers\">Your answers</h2>\n<table class=\"answers\">\n"
	    "<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th></tr></thead>\n"
	    "<tbody>\n");
	for (q = 0; q < cat->nquestions; q++) {
		const struct gm_question *qq = &cat->questions[q];

		if (optional_item(cat, ans, q))
			continue;	/* a screener the person did not take */
		put(out, "<tr><th scope=\"row\">");
		esc(out, qq->text);
		put(out, "</th><td>");
		if (ans->invalid >> q & 1)
			put(out, "<span class=\"muted\">Not valid, counted for no group</span>");
		else if (ans->present >> q & 1)
			answer(out, qq, ans->value[q]);
		else if (qq->has_default && !(missing >> q & 1)) {
			/* scored as its default, so not missing */
			answer(out, qq, qq->default_value);
			put(out, " <span class=\"muted\">(the default)</span>");
		} else
			put(out, "<span class=\"muted\">Not answered</span>");
		put(out, "</td></tr>\n");
	}
	put(out, "</tbody>\n</table>\n");
	if (res->nmissing)
		buf_addf(out, "<p class=\"muted\">%d question%s not answered: they count for no group.</p>\n",
			 res->nmissing, res->nmissing == 1 ? " was" : "s were");
	put(out, "</section>\n");
}

/* Only the missing answers, when the answers themselves are not at hand. */
static void missing(struct buf *out, const struct gm_result *res)
{
	int i;

	if (!res->nmissing)
		return;
	put(out, "<section id=\"missing\" aria-labelledby=\"h-missing\">\n"
	    "<h2 id=\"h-missing\">Not answered (counted for no group)</h2>\n<ul>\n");
	for (i = 0; i < res->nmissing; i++) {
		put(out, "<li>");
		esc(out, res->cat->questions[res->missing[i]].text);
		put(out, "</li>\n");
	}
	put(out, "</ul>\n</section>\n");
}

/* Lines a text of len bytes takes at cols characters a line. */
static int lines_of(size_t len, int cols)
{
	return len ? (int)((len + (size_t)cols - 1) / (size_t)cols) : 1;
}

/* Lines group rank takes in its column: its heading and its reasons. */
static int group_lines(const struct gm_result *res, int rank)
{
	const struct gm_ranked *r = &res->ranked[rank];
	const struct gm_group *g = &res->cat->groups[r->group];
	int k, n = 1;

	if (!r->nreasons && !r->ncautions)
		return 2;
	for (k = 0; k < g->ncriteria; k++)
		if (r->matched >> k & 1)
			n += lines_of(strlen(g->criteria[k].reason) + (k < g->npositive ? 0 : 9), 46);
	return n;
}

/* Bytes of the answer to q as the page writes it. */
static size_t answer_len(const struct gm_question *q, int64_t v)
{
	size_t n = 0;
	int i;

	if (q->kind != Q_SINGLE && q->kind != Q_MULTI)
		return 24;
	for (i = 0; i < q->noptions && i < 64; i++)
		if ((uint64_t)v >> i & 1)
			n += q->options[i].label_len + 2;
	return n;
}

/* About how many lines the page takes when printed in the normal style:
 * groups two a row, then the setting and the answers. */
static int page_lines(const struct gm_result *res, const struct gm_answers *ans)
{
	const struct gm_catalog *cat = res->cat;
	int i, a, b, n = 0;

	for (i = 0; i < res->nranked; i += 2) {
		a = group_lines(res, i);
		b = i + 1 < res->nranked ? group_lines(res, i + 1) : 0;
		n += a > b ? a : b;
	}
	if (res->advice >= 0)
		n += 1 + lines_of(strlen(cat->advice[res->advice].text), 100);
	for (i = 0; i < (int)gm_result_because_count(res); i++)
		n += lines_of(strlen(gm_result_because(res, (size_t)i)), 100);
	for (i = 0; i < (int)gm_result_score_setting_reason_count(res); i++)
		n += lines_of(strlen(gm_result_score_setting_reason(res, (size_t)i)), 100);
	if (gm_result_changes_found(res))
		n += 4;	/* the heading and up to two sentences */
	for (i = 1; i < res->nranked; i++)
		n += gm_result_near_tie(res, (size_t)i) ? 1 : 0;
	for (i = 0; ans && i < cat->nquestions; i++) {
		const struct gm_question *q = &cat->questions[i];

		if (optional_item(cat, ans, i))
			continue;
		a = lines_of(strlen(q->text), 44);
		b = ans->present >> i & 1 ? lines_of(answer_len(q, ans->value[i]), 58) : 1;
		n += a > b ? a : b;
	}
	return n;
}

/* Whether the page is too long for one printed page in the normal
 * style, and so prints in the denser one. */
static int dense(const struct gm_result *res, const struct gm_answers *ans)
{
	return page_lines(res, ans) > DENSE_LINES;
}

void report_html(struct buf *out, const struct gm_result *res, const struct gm_answers *ans,
		 const char *id, const char *date)
{
	const struct gm_catalog *cat = res->cat;

	report_html_head(out, "Group therapy suggestion", id, style_person);
	put(out, page_lines(res, ans) > DENSER_LINES ? "<body class=\"person denser\">\n"
	    : dense(res, ans) ? "<body class=\"person dense\">\n" : "<body class=\"person\">\n");
	put(out, "<header>\n<h1>Group therapy suggestion</h1>\n");
	meta(out, id, date);
	put(out, "</header>\n<main>\n");
	if (safety_first(res)) {
		put(out, "<section class=\"alert\" id=\"safety\" role=\"alert\" aria-labelledby=\"h-safety\">\n"
		    "<h2 id=\"h-safety\">Help is available now</h2>\n");
		message(out, cat, res->message);
		put(out, "</section>\n");
	} else if (res->status == GM_RESULT_INVALID) {
		put(out, "<section class=\"notice\" id=\"invalid\">\n<h2>No suggestion</h2>\n<p>");
		esc(out, res->message);
		put(out, "</p>\n</section>\n");
	} else if (res->safety_skipped) {
		put(out, "<section class=\"notice\" id=\"safety\">\n<p><strong>Note:</strong> ");
		message_line(out, cat, cat->safety_skipped, strlen(cat->safety_skipped));
		put(out, "</p>\n</section>\n");
	}
	/* an urgent page is only the message: no options, so no reminder */
	if (res->status != GM_RESULT_URGENT && res->status != GM_RESULT_INVALID) {
		ranking(out, res);
		setting(out, res);
		changes(out, res);
		scores(out, res);
		if (ans)
			answers(out, res, ans);
		else
			missing(out, res);
	}
	put(out, "</main>\n<footer>\n");
	provenance(out, res);	/* above the reminder, as in the text report */
	if (res->status != GM_RESULT_URGENT) {
		put(out, "<p class=\"reminder\">");
		esc(out, cat->reminder);
		put(out, "</p>\n");
	}
	put(out, "</footer>\n</body>\n</html>\n");
}

char *gm_result_html(const gm_result *res, const gm_answers *ans, const char *id,
		     const char *date, size_t *len)
{
	struct buf out = BUF_INIT;

	if (!res)
		return NULL;
	report_html(&out, res, ans, id, date);
	return report_html_take(&out, len);
}

/* out's contents as a string for the caller to free, or NULL after a
 * memory error. */
char *report_html_take(struct buf *out, size_t *len)
{
	if (out->oom || buf_reserve(out, 0)) {
		buf_release(out);
		return NULL;
	}
	out->data[out->len] = '\0';
	if (len)
		*len = out->len;
	return out->data;
}

