/* worklist.c - the follow-up lists of a tally as text, JSON and CSV: every person named, with their kept cells. */
#include <string.h>
#include "quote.h"
#include "text.h"
#include "worklist.h"

/* s (len bytes) as a terminal may show it, through the one terminal
 * sanitiser. */
static void put_shown(struct buf *out, const char *s, size_t len)
{
	quote_add(out, s, len);
}

/* Whether list l should show one person a line: it has a note or kept
 * cells. */
static int detailed(const gm_tally *t, gm_tally_list l)
{
	size_t n = gm_tally_list_count(t, l);

	if (gm_tally_cell_count(t))
		return 1;
	for (size_t i = 0; i < n; i++) {
		const char *note = gm_tally_entry_note(t, l, i);

		if (note && *note)
			return 1;
	}
	return 0;
}

/* "  ID (cell, cell): note", wrapped under the id. */
static void person_line(struct buf *out, const gm_tally *t, gm_tally_list l, size_t i)
{
	struct buf line = BUF_INIT;
	const char *note = gm_tally_entry_note(t, l, i);
	size_t len;
	const char *id = gm_tally_entry_id(t, l, i, &len);
	int shown = 0;

	put_shown(&line, id, len);
	for (size_t k = 0; k < gm_tally_cell_count(t); k++) {
		const char *c = gm_tally_entry_cell(t, l, i, k, &len);

		if (!len)
			continue;
		buf_adds(&line, shown++ ? ", " : " (");
		put_shown(&line, c, len);
	}
	if (shown)
		buf_addc(&line, ')');
	if (note && *note) {
		buf_adds(&line, ": ");
		put_shown(&line, note, strlen(note));
	}
	buf_adds(out, "  ");
	text_wrap(out, buf_cstr(&line), 4, 80);
	buf_addc(out, '\n');
	out->oom |= line.oom;
	buf_release(&line);
}

void worklist_text(struct buf *out, const gm_tally *t)
{
	for (int li = 0; li < GM_LIST_COUNT; li++) {
		gm_tally_list l = (gm_tally_list)li;
		size_t n = gm_tally_list_count(t, l), len;
		int col = 2;

		if (!n)
			continue;
		buf_addf(out, "%s (%zu):\n", gm_tally_list_heading(l), n);
		if (detailed(t, l)) {
			for (size_t i = 0; i < n && gm_tally_entry_id(t, l, i, NULL); i++)
				person_line(out, t, l, i);
			buf_addc(out, '\n');
			continue;
		}
		buf_adds(out, "  ");
		for (size_t i = 0; i < n; i++) {
			const char *id = gm_tally_entry_id(t, l, i, &len);
			size_t start;

			if (!id)
				break;
			if (col > 2 && col + 2 + text_columns(id, len) > 78) {
				buf_adds(out, ",\n  ");
				col = 2;
			} else if (col > 2) {
				buf_adds(out, ", ");
				col += 2;
			}
			start = out->len;
			put_shown(out, id, len);
			col += text_columns(out->data + start, out->len - start);
		}
		buf_adds(out, "\n\n");
	}
}

void worklist_json(struct jw *w, const gm_tally *t)
{
	jw_key(w, "worklist");
	jw_object(w);
	for (int li = 0; li < GM_LIST_COUNT; li++) {
		gm_tally_list l = (gm_tally_list)li;
		size_t len;

		jw_key(w, gm_tally_list_key(l));
		jw_array(w);
		for (size_t i = 0; i < gm_tally_list_count(t, l); i++) {
			const char *id = gm_tally_entry_id(t, l, i, &len), *note;

			if (!id)
				break;
			jw_object(w);
			jw_key(w, "id");
			jw_stringn(w, id, len);
			jw_key_int(w, "line", (long)gm_tally_entry_line(t, l, i));
			note = gm_tally_entry_note(t, l, i);
			jw_key_string(w, "note", *note ? note : NULL);
			if (gm_tally_cell_count(t)) {
				jw_key(w, "columns");
				jw_object(w);
				for (size_t k = 0; k < gm_tally_cell_count(t); k++) {
					const char *c = gm_tally_entry_cell(t, l, i, k, &len);

					jw_key(w, gm_tally_cell_name(t, k));
					jw_stringn(w, c, len);
				}
				jw_end_object(w);
			}
			jw_end_object(w);
		}
		jw_end_array(w);
	}
	jw_end_object(w);
}

void worklist_csv_kept(struct buf *out, const gm_tally *t, unsigned cells)
{
	for (size_t k = 0; k < gm_tally_cell_count(t); k++) {
		buf_addc(out, ',');
		text_csv_cstr(out, gm_tally_cell_name(t, k), cells);
	}
}

void worklist_csv(struct buf *out, const gm_tally *t, const char *lead, const char *gap,
		  unsigned cells)
{
	for (int li = 0; li < GM_LIST_COUNT; li++) {
		gm_tally_list l = (gm_tally_list)li;
		size_t len;

		for (size_t i = 0; i < gm_tally_list_count(t, l); i++) {
			const char *id = gm_tally_entry_id(t, l, i, &len);

			if (!id)
				break;
			buf_adds(out, lead);
			text_csv_cstr(out, gm_tally_list_key(l), cells);
			buf_adds(out, gap);
			text_csv_cell(out, id, len, cells);
			buf_addc(out, ',');
			text_csv_cstr(out, gm_tally_entry_note(t, l, i), cells);
			for (size_t k = 0; k < gm_tally_cell_count(t); k++) {
				const char *c = gm_tally_entry_cell(t, l, i, k, &len);

				buf_addc(out, ',');
				text_csv_cell(out, c, len, cells);
			}
			buf_addc(out, '\n');
		}
	}
}

int worklist_needs_call(const gm_tally *t)
{
	return gm_tally_status_count(t, GM_RESULT_URGENT) || gm_tally_status_count(t, GM_RESULT_REVIEW) ||
	       gm_tally_list_count(t, GM_LIST_NOT_SCREENED);
}
