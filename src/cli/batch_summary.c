/* batch_summary.c - batch --summary from the library's tally: who to follow up first, then counts as text, JSON, CSV or a page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch_summary.h"
#include "cli.h"
#include "jsonw.h"
#include "text.h"
#include "worklist.h"

static double share(unsigned long part, unsigned long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* key: the ids of list l, every one (kept for scripts that read them). */
static void ids_json(struct jw *w, const char *key, const gm_tally *t, gm_tally_list l)
{
	size_t len;

	jw_key(w, key);
	jw_array(w);
	for (size_t i = 0; i < gm_tally_list_count(t, l); i++) {
		const char *id = gm_tally_entry_id(t, l, i, &len);

		if (id)
			jw_stringn(w, id, len);
	}
	jw_end_array(w);
}

void batch_summary_json(struct buf *out, const gm_tally *t, int pretty)
{
	const gm_catalog *cat = gm_tally_catalog(t);
	size_t ngroups = gm_catalog_group_count(cat);
	struct jw w;

	jw_init(&w, out, pretty);
	jw_object(&w);
	jw_key_int(&w, "records", (long)gm_tally_records(t));
	jw_key_int(&w, "ok", (long)gm_tally_status_count(t, GM_RESULT_OK));
	jw_key_int(&w, "urgent", (long)gm_tally_status_count(t, GM_RESULT_URGENT));
	jw_key_int(&w, "invalid", (long)gm_tally_status_count(t, GM_RESULT_INVALID));
	jw_key(&w, "groups");
	jw_array(&w);
	for (size_t i = 0; i < ngroups; i++) {
		jw_object(&w);
		jw_key_string(&w, "group", gm_catalog_group_id(cat, i));
		jw_key_string(&w, "name", gm_catalog_group_name(cat, i));
		jw_key_int(&w, "first_choice", (long)gm_tally_first(t, i));
		jw_key_int(&w, "top_two", (long)gm_tally_top_two(t, i));
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "settings");
	jw_object(&w);
	for (size_t i = 0; i < GM_SETTINGS_MAX; i++)
		jw_key_int(&w, gm_catalog_setting_id(cat, i), (long)gm_tally_setting(t, i));
	jw_end_object(&w);
	/* added after the first keys, which scripts already read */
	jw_key_int(&w, "unclear", (long)gm_tally_list_count(t, GM_LIST_UNCLEAR));
	jw_key_int(&w, "not_screened", (long)gm_tally_list_count(t, GM_LIST_NOT_SCREENED));
	ids_json(&w, "urgent_ids", t, GM_LIST_URGENT);
	ids_json(&w, "unclear_ids", t, GM_LIST_UNCLEAR);
	ids_json(&w, "not_screened_ids", t, GM_LIST_NOT_SCREENED);
	jw_key_int(&w, "review", (long)gm_tally_status_count(t, GM_RESULT_REVIEW));
	ids_json(&w, "review_ids", t, GM_LIST_REVIEW);
	/* every list, each person with their line, note and kept cells */
	jw_key_int(&w, "incomplete_screener", (long)gm_tally_list_count(t, GM_LIST_INCOMPLETE));
	worklist_json(&w, t);
	jw_key(&w, "scores");
	jw_object(&w);
	for (size_t i = 0; i < gm_catalog_score_block_count(cat); i++) {
		jw_key(&w, gm_catalog_score_block_id(cat, i));
		jw_object(&w);
		jw_key_int(&w, "scored", (long)gm_tally_scored(t, i));
		jw_key(&w, "bands");
		jw_object(&w);
		for (size_t k = 0; k < gm_catalog_score_band_count(cat, i); k++)
			jw_key_int(&w, gm_catalog_score_band_id(cat, i, k), (long)gm_tally_band(t, i, k));
		jw_end_object(&w);
		jw_end_object(&w);
	}
	jw_end_object(&w);
	jw_key(&w, "catalog");
	cli_catalog_json(&w, cat);
	jw_end_object(&w);
	if (out->len && out->data[out->len - 1] != '\n')
		buf_addc(out, '\n');
}

static void pad_to(struct buf *out, size_t start, int width)
{
	int cols = 0;

	for (size_t i = start; i < out->len; i++)
		if (((unsigned char)out->data[i] & 0xC0) != 0x80)
			cols++;
	while (cols++ < width)
		buf_addc(out, ' ');
}

/* "  label      ████░░░░  1234  12.3%" */
static void summary_line(struct buf *out, const char *label, int labelw, unsigned long count,
			 unsigned long whole, int utf8)
{
	size_t start;

	buf_adds(out, "  ");
	start = out->len;
	buf_adds(out, label);
	pad_to(out, start, labelw + 2);
	text_bar(out, (int)(share(count, whole) + 0.5), 20, utf8);
	buf_addf(out, " %9lu %5.1f%%\n", count, share(count, whole));
}

/* order[]: the groups by count (count(t, g)), most first; ties in
 * catalogue order. */
static void sort_groups(const gm_tally *t, unsigned long (*count)(const gm_tally *, size_t),
			int *order)
{
	int ngroups = (int)gm_catalog_group_count(gm_tally_catalog(t)), i;

	for (i = 0; i < ngroups; i++)
		order[i] = i;
	for (i = 1; i < ngroups; i++) {
		int k = i, g = order[i];

		while (k > 0 && count(t, (size_t)order[k - 1]) < count(t, (size_t)g)) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = g;
	}
}

/* A setting as a person reads it: its label, else its id. */
static const char *setting_name(const gm_catalog *cat, size_t i)
{
	const char *label = gm_catalog_setting_label(cat, i);

	return label ? label : gm_catalog_setting_id(cat, i);
}

/* The summary as CSV, one row per status, group and setting
 * (section,key,name,count,of,percent), then one row per person to follow
 * up (section worklist, key the list: id, note and the kept columns). */
void batch_summary_csv(struct buf *out, const gm_tally *t, unsigned cells)
{
	const gm_catalog *cat = gm_tally_catalog(t);
	size_t ngroups = gm_catalog_group_count(cat), i;
	unsigned long records = gm_tally_records(t), ok = gm_tally_status_count(t, GM_RESULT_OK);
	const struct { const char *key; unsigned long n; } status[] = {
		{ "ok", ok }, { "urgent", gm_tally_status_count(t, GM_RESULT_URGENT) },
		{ "review", gm_tally_status_count(t, GM_RESULT_REVIEW) },
		{ "invalid", gm_tally_status_count(t, GM_RESULT_INVALID) },
		{ "unclear", gm_tally_list_count(t, GM_LIST_UNCLEAR) },
		{ "not_screened", gm_tally_list_count(t, GM_LIST_NOT_SCREENED) },
		{ "incomplete_screener", gm_tally_list_count(t, GM_LIST_INCOMPLETE) } };
	struct buf tail = BUF_INIT;	/* the empty id, note and kept cells of a count row */

	buf_adds(&tail, ",,");
	for (i = 0; i < gm_tally_cell_count(t); i++)
		buf_addc(&tail, ',');
	buf_addc(&tail, '\n');
	buf_adds(out, "section,key,name,count,of,percent,id,note");
	worklist_csv_kept(out, t, cells);
	buf_addc(out, '\n');
	for (i = 0; i < sizeof status / sizeof *status; i++) {
		buf_addf(out, "status,%s,%s,%lu,%lu,%.1f", status[i].key, status[i].key, status[i].n,
			 records, share(status[i].n, records));
		buf_adds(out, buf_cstr(&tail));
	}
	for (i = 0; i < ngroups; i++) {
		buf_addf(out, "first_choice,%s,", gm_catalog_group_id(cat, i));
		text_csv_cstr(out, gm_catalog_group_name(cat, i), cells);
		buf_addf(out, ",%lu,%lu,%.1f", gm_tally_first(t, i), ok, share(gm_tally_first(t, i), ok));
		buf_adds(out, buf_cstr(&tail));
	}
	for (i = 0; i < ngroups; i++) {
		buf_addf(out, "top_two,%s,", gm_catalog_group_id(cat, i));
		text_csv_cstr(out, gm_catalog_group_name(cat, i), cells);
		buf_addf(out, ",%lu,%lu,%.1f", gm_tally_top_two(t, i), ok, share(gm_tally_top_two(t, i), ok));
		buf_adds(out, buf_cstr(&tail));
	}
	for (i = 0; i < GM_SETTINGS_MAX; i++) {
		buf_addf(out, "setting,%s,", gm_catalog_setting_id(cat, i));
		text_csv_cstr(out, setting_name(cat, i), cells);
		buf_addf(out, ",%lu,%lu,%.1f", gm_tally_setting(t, i), ok, share(gm_tally_setting(t, i), ok));
		buf_adds(out, buf_cstr(&tail));
	}
	out->oom |= tail.oom;
	buf_release(&tail);
	worklist_csv(out, t, "worklist,", ",,,,,", cells);
}

void batch_summary_text(struct buf *out, const gm_tally *t, int utf8)
{
	const gm_catalog *cat = gm_tally_catalog(t);
	int ngroups = (int)gm_catalog_group_count(cat), w = 16, i;
	unsigned long records = gm_tally_records(t), ok = gm_tally_status_count(t, GM_RESULT_OK);
	unsigned long review = gm_tally_status_count(t, GM_RESULT_REVIEW);
	int order[GM_GROUPS_MAX];

	for (i = 0; i < ngroups; i++) {
		int len = (int)strlen(gm_catalog_group_name(cat, (size_t)i));

		if (len > w)
			w = len;
	}
	/* who needs a call comes before any chart */
	worklist_text(out, t);
	buf_addf(out, "Status of %lu record%s\n", records, records == 1 ? "" : "s");
	summary_line(out, "ok", w, ok, records, utf8);
	summary_line(out, "urgent", w, gm_tally_status_count(t, GM_RESULT_URGENT), records, utf8);
	summary_line(out, "invalid", w, gm_tally_status_count(t, GM_RESULT_INVALID), records, utf8);
	summary_line(out, "not screened", w, gm_tally_list_count(t, GM_LIST_NOT_SCREENED), records, utf8);
	if (review)
		summary_line(out, "review", w, review, records, utf8);
	sort_groups(t, gm_tally_first, order);
	buf_adds(out, "\nFirst choice (of the ok records)\n");
	for (i = 0; i < ngroups; i++)
		summary_line(out, gm_catalog_group_name(cat, (size_t)order[i]), w,
			     gm_tally_first(t, (size_t)order[i]), ok, utf8);
	sort_groups(t, gm_tally_top_two, order);
	buf_adds(out, "\nIn the top two\n");
	for (i = 0; i < ngroups; i++)
		summary_line(out, gm_catalog_group_name(cat, (size_t)order[i]), w,
			     gm_tally_top_two(t, (size_t)order[i]), ok, utf8);
	buf_adds(out, "\nSetting\n");
	for (i = 0; i < GM_SETTINGS_MAX; i++) {	/* the names a person reads, not ids */
		const char *name = setting_name(cat, (size_t)i);

		if ((int)strlen(name) > w) {	/* a long name on a line of its own */
			buf_addf(out, "  %s\n", name);
			name = "";
		}
		summary_line(out, name, w, gm_tally_setting(t, (size_t)i), ok, utf8);
	}
	for (i = 0; i < (int)gm_catalog_score_block_count(cat); i++) {
		unsigned long scored = gm_tally_scored(t, (size_t)i);

		if (!scored)
			continue;
		buf_addf(out, "\n%s (of the %lu records with a total)\n",
			 gm_catalog_score_block_name(cat, (size_t)i), scored);
		for (size_t k = 0; k < gm_catalog_score_band_count(cat, (size_t)i); k++)
			summary_line(out, gm_catalog_score_band_label(cat, (size_t)i, k), w,
				     gm_tally_band(t, (size_t)i, k), scored, utf8);
	}
	buf_adds(out, "\nCatalogue: ");
	if (!buf_reserve(out, gm_catalog_provenance(cat, 64, NULL, 0)))
		out->len += gm_catalog_provenance(cat, 64, out->data + out->len, out->cap - out->len);
	buf_adds(out, "\n\n");
	text_wrap(out, gm_catalog_reminder(cat), 0, 80);
	buf_addc(out, '\n');
}

void batch_summary_html(struct buf *out, const gm_tally *t)
{
	char today[16], *page;
	size_t len;

	page = gm_tally_html(t, cli_today(today, sizeof today), &len);
	if (page)
		buf_add(out, page, len);
	else
		out->oom = 1;
	free(page);
}
