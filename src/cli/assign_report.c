/* assign_report.c - the summary of a placement per offering and per type, as text with bars, CSV or JSON. */
#include <stdlib.h>
#include <string.h>
#include "assign_report.h"
#include "jsonw.h"
#include "quote.h"
#include "text.h"
#include "worklist.h"

#define BAR 12

static long mean_fit(const gm_assign *asg, size_t o)
{
	long n = gm_assign_filled(asg, o);

	return n > 0 ? (gm_assign_fit_sum(asg, o) + n / 2) / n : -1;
}

/* s for a terminal: control characters (an escape sequence in an intake
 * id, say), bidirectional controls and invalid UTF-8 become '?'. */
static void put_safe(struct buf *out, const char *s)
{
	quote_adds(out, s);
}

static void pad(struct buf *out, const char *s, int width)
{
	size_t start = out->len;

	put_safe(out, s);
	for (int n = text_columns(out->data + start, out->len - start); n < width; n++)
		buf_addc(out, ' ');
}

/* The statuses other than placed and waitlist, in order of first use. */
static size_t follow_up_statuses(const gm_assign *asg, const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < gm_assign_record_count(asg); i++) {
		const char *s = gm_assign_record_status(asg, i);
		size_t k;

		if (!strcmp(s, "placed") || !strcmp(s, "waitlist"))
			continue;
		for (k = 0; k < n && strcmp(names[k], s); k++)
			;
		if (k == n && n < max)
			names[n++] = s;
	}
	return n;
}

static long count_status(const gm_assign *asg, const char *status)
{
	long n = 0;

	for (size_t i = 0; i < gm_assign_record_count(asg); i++)
		n += !strcmp(gm_assign_record_status(asg, i), status);
	return n;
}

static long count_safety_missing(const gm_assign *asg)
{
	long n = 0;

	for (size_t i = 0; i < gm_assign_record_count(asg); i++)
		n += gm_assign_record_safety_missing(asg, i);
	return n;
}

static void summary_text(const gm_catalog *cat, const gm_offerings *offs,
			 const gm_assign *asg, const gm_tally *t, int utf8, struct buf *out)
{
	size_t n = gm_offerings_count(offs), nrec = gm_assign_record_count(asg);
	const char *statuses[8];
	size_t nstatus = follow_up_statuses(asg, statuses, 8);
	long seats = 0, filled = 0, any_waiting = 0;
	int idw = 8, typew = 4;

	for (size_t o = 0; o < n; o++) {
		if (text_columns(gm_offering_id(offs, o), strlen(gm_offering_id(offs, o))) > idw)
			idw = text_columns(gm_offering_id(offs, o), strlen(gm_offering_id(offs, o)));
		if (text_columns(gm_offering_type(offs, o), strlen(gm_offering_type(offs, o))) > typew)
			typew = text_columns(gm_offering_type(offs, o), strlen(gm_offering_type(offs, o)));
		if (!gm_assign_closed(asg, o))
			seats += gm_offering_seats(offs, o);
		filled += gm_assign_filled(asg, o);
	}
	if (idw > 24)
		idw = 24;
	/* who needs a call comes before the roster */
	worklist_text(out, t);
	buf_addf(out, "Offerings: %ld of %ld open seat%s filled\n", filled, seats, seats == 1 ? "" : "s");
	for (size_t o = 0; o < n; o++) {
		long f = gm_assign_filled(asg, o), s = gm_offering_seats(offs, o), fit = mean_fit(asg, o);
		char frac[48];

		buf_adds(out, "  ");
		pad(out, gm_offering_id(offs, o), idw);
		buf_adds(out, "  ");
		pad(out, gm_offering_type(offs, o), typew);
		buf_adds(out, "  ");
		text_bar(out, (int)(100 * f / s), BAR, utf8);
		snprintf(frac, sizeof frac, " %ld/%ld", f, s);
		pad(out, frac, 7);
		if (fit >= 0)
			buf_addf(out, "  fit %3ld%%", fit);
		else
			buf_adds(out, "          ");
		if (gm_assign_closed(asg, o))
			buf_addf(out, "  closed (minimum %ld)", gm_offering_min_size(offs, o));
		else if (gm_assign_below_min(asg, o))
			buf_addf(out, "  below minimum (%ld)", gm_offering_min_size(offs, o));
		while (out->len && out->data[out->len - 1] == ' ')
			out->len--;
		buf_addc(out, '\n');
		buf_adds(out, "    ");
		{
			struct buf line = BUF_INIT;

			put_safe(&line, gm_offering_name(offs, o));
			if (*gm_offering_schedule(offs, o)) {
				buf_adds(&line, "; ");
				put_safe(&line, gm_offering_schedule(offs, o));
			}
			text_wrap(out, buf_cstr(&line), 4, 80);
			buf_release(&line);
		}
		buf_addc(out, '\n');
	}
	buf_adds(out, "\nWaitlist by best type\n");
	for (size_t g = 0; g < gm_catalog_group_count(cat); g++) {
		long w = gm_assign_waitlist(asg, g);

		if (!w)
			continue;
		any_waiting = 1;
		buf_adds(out, "  ");
		pad(out, gm_catalog_group_name(cat, g), 32);
		buf_addf(out, " %5ld waiting; %ld more seat%s would clear it\n", w, w, w == 1 ? "" : "s");
	}
	if (!any_waiting)
		buf_adds(out, "  nobody is waiting\n");
	buf_addf(out, "\nRecords: %zu: %ld placed, %ld waitlist", nrec, gm_assign_placed(asg),
		 count_status(asg, "waitlist"));
	for (size_t k = 0; k < nstatus; k++)
		buf_addf(out, ", %ld %s", count_status(asg, statuses[k]), statuses[k]);
	buf_addc(out, '\n');
	buf_addc(out, '\n');
	if (gm_catalog_reminder(cat)) {
		text_wrap(out, gm_catalog_reminder(cat), 0, 80);
		buf_addc(out, '\n');
	}
}

/* One row per offering, then per type (its waitlist), then per person to
 * follow up (list, id and note, the other fields empty). */
static void summary_csv(const gm_catalog *cat, const gm_offerings *offs,
			const gm_assign *asg, const gm_tally *t, unsigned cells, struct buf *out)
{
	buf_adds(out, "offering,type,name,schedule,seats,min_size,filled,below_min,closed,mean_fit,"
		 "waitlist,seats_to_clear,list,id,note");
	worklist_csv_kept(out, t, cells);
	buf_addc(out, '\n');
	for (size_t o = 0; o < gm_offerings_count(offs); o++) {
		long fit = mean_fit(asg, o);

		text_csv_cstr(out, gm_offering_id(offs, o), cells);
		buf_addc(out, ',');
		text_csv_cstr(out, gm_offering_type(offs, o), cells);
		buf_addc(out, ',');
		text_csv_cstr(out, gm_offering_name(offs, o), cells);
		buf_addc(out, ',');
		text_csv_cstr(out, gm_offering_schedule(offs, o), cells);
		buf_addf(out, ",%ld,%ld,%ld,%s,%s,", gm_offering_seats(offs, o),
			 gm_offering_min_size(offs, o), gm_assign_filled(asg, o),
			 gm_assign_below_min(asg, o) ? "yes" : "no", gm_assign_closed(asg, o) ? "yes" : "no");
		if (fit >= 0)
			buf_add_int(out, fit);
		buf_adds(out, ",,,,,");
		for (size_t k = 0; k < gm_tally_cell_count(t); k++)
			buf_addc(out, ',');
		buf_addc(out, '\n');
	}
	for (size_t g = 0; g < gm_catalog_group_count(cat); g++) {
		long w = gm_assign_waitlist(asg, g);

		buf_addc(out, ',');
		text_csv_cstr(out, gm_catalog_group_id(cat, g), cells);
		buf_addc(out, ',');
		text_csv_cstr(out, gm_catalog_group_name(cat, g), cells);
		buf_addf(out, ",,,,,,,,%ld,%ld,,,", w, w);
		for (size_t k = 0; k < gm_tally_cell_count(t); k++)
			buf_addc(out, ',');
		buf_addc(out, '\n');
	}
	worklist_csv(out, t, ",,,,,,,,,,,,", ",", cells);
}

static void summary_json(const gm_catalog *cat, const gm_offerings *offs,
			 const gm_assign *asg, const gm_tally *t, struct buf *out)
{
	const char *statuses[8];
	size_t nstatus = follow_up_statuses(asg, statuses, 8);
	struct jw w;

	jw_init(&w, out, 1);
	jw_object(&w);
	jw_key_int(&w, "records", (long)gm_assign_record_count(asg));
	jw_key_int(&w, "placed", gm_assign_placed(asg));
	jw_key_int(&w, "waitlist", count_status(asg, "waitlist"));
	jw_key_int(&w, "total_fit", gm_assign_total_fit(asg));
	jw_key(&w, "offerings");
	jw_array(&w);
	for (size_t o = 0; o < gm_offerings_count(offs); o++) {
		long fit = mean_fit(asg, o);

		jw_object(&w);
		jw_key_string(&w, "offering", gm_offering_id(offs, o));
		jw_key_string(&w, "type", gm_offering_type(offs, o));
		jw_key_string(&w, "name", gm_offering_name(offs, o));
		jw_key_string(&w, "schedule", gm_offering_schedule(offs, o));
		jw_key_int(&w, "seats", gm_offering_seats(offs, o));
		jw_key_int(&w, "min_size", gm_offering_min_size(offs, o));
		jw_key_int(&w, "filled", gm_assign_filled(asg, o));
		jw_key_bool(&w, "below_min", gm_assign_below_min(asg, o));
		jw_key_bool(&w, "closed", gm_assign_closed(asg, o));
		jw_key(&w, "mean_fit");
		if (fit >= 0)
			jw_int(&w, fit);
		else
			jw_null(&w);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "waitlist_by_type");
	jw_array(&w);
	for (size_t g = 0; g < gm_catalog_group_count(cat); g++) {
		jw_object(&w);
		jw_key_string(&w, "type", gm_catalog_group_id(cat, g));
		jw_key_string(&w, "name", gm_catalog_group_name(cat, g));
		jw_key_int(&w, "waitlist", gm_assign_waitlist(asg, g));
		jw_key_int(&w, "seats_to_clear", gm_assign_waitlist(asg, g));
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "follow_up");
	jw_object(&w);
	for (size_t k = 0; k < nstatus; k++) {
		jw_key(&w, statuses[k]);
		jw_array(&w);
		for (size_t i = 0; i < gm_assign_record_count(asg); i++)
			if (!strcmp(gm_assign_record_status(asg, i), statuses[k]))
				jw_string(&w, gm_assign_record_id(asg, i));
		jw_end_array(&w);
	}
	if (count_safety_missing(asg)) {
		jw_key(&w, "safety_missing");
		jw_array(&w);
		for (size_t i = 0; i < gm_assign_record_count(asg); i++)
			if (gm_assign_record_safety_missing(asg, i))
				jw_string(&w, gm_assign_record_id(asg, i));
		jw_end_array(&w);
	}
	jw_end_object(&w);
	worklist_json(&w, t);
	jw_end_object(&w);
	if (out->len && out->data[out->len - 1] != '\n')
		buf_addc(out, '\n');
}

void assign_summary(const gm_catalog *cat, const gm_offerings *offs, const gm_assign *asg,
		    const gm_tally *t, enum aformat fmt, int utf8, unsigned cells, struct buf *out)
{
	if (fmt == AF_CSV)
		summary_csv(cat, offs, asg, t, cells, out);
	else if (fmt == AF_JSON)
		summary_json(cat, offs, asg, t, out);
	else
		summary_text(cat, offs, asg, t, utf8, out);
}
