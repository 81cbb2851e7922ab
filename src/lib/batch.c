/* batch.c - the batch loop: reads an intake CSV record by record and hands out each one's result, as jq's input loop does. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "groupmatch.h"

struct gm_batch {
	const struct gm_catalog *cat;
	gm_csv *csv;
	const gm_colmap *map;
	char *id_column;
	int flags;
	gm_intake *in;             /* made of the header row, or the caller's */
	int own_in;                /* in was made here and is freed with b */
	gm_answers *ans;
	gm_result *res;
	gm_csv_record rec;
	unsigned long records;     /* handed out so far */
	char line_id[32];
};

gm_batch *gm_batch_new(const gm_catalog *cat, gm_csv *csv, const gm_colmap *map,
		       const char *id_column, int flags, gm_error *err)
{
	gm_batch *b;

	if (err)
		memset(err, 0, sizeof *err);
	if (!cat || !csv) {
		error_set(err, GM_ERR_ARG, 0, NULL, "no catalogue or no reader");
		return NULL;
	}
	b = calloc(1, sizeof *b);
	if (!b || !(b->ans = gm_answers_new(cat)) || !(b->res = gm_result_new(cat))
	    || (id_column && !(b->id_column = strdup(id_column)))) {
		gm_batch_free(b);
		error_set(err, GM_ERR_NOMEM, 0, NULL, "out of memory");
		return NULL;
	}
	b->cat = cat;
	b->csv = csv;
	b->map = map;
	b->flags = flags;
	return b;
}

void gm_batch_free(gm_batch *b)
{
	if (!b)
		return;
	if (b->own_in)
		gm_intake_free(b->in);
	gm_answers_free(b->ans);
	gm_result_free(b->res);
	free(b->id_column);
	free(b);
}

const gm_intake *gm_batch_intake(const gm_batch *b)
{
	return b ? b->in : NULL;
}

gm_status gm_batch_use_intake(gm_batch *b, gm_intake *in)
{
	if (!b || !in || b->in)
		return GM_ERR_ARG;
	b->in = in;
	b->own_in = 0;
	return GM_OK;
}

int gm_batch_next(gm_batch *b, gm_batch_item *item, gm_error *err)
{
	int got;

	if (!b || !item) {
		error_set(err, GM_ERR_ARG, 0, NULL, "no batch or no item");
		return -1;
	}
	while (!b->in) {
		size_t keep[GM_CSV_KEEP_N];

		got = gm_csv_next(b->csv, &b->rec, err);
		if (got < 0)
			return -1;
		if (got == 0) {
			error_set(err, GM_ERR_ANSWER, 0, NULL,
				  "empty: expected a header row naming the questions");
			return -1;
		}
		if (b->rec.error) {
			gm_error e;

			gm_csv_record_error(&b->rec, &e);
			error_set(err, GM_ERR_ANSWER, e.column, NULL, "the header row is not valid: %s",
				  e.message);
			if (err)
				err->line = (int)b->rec.line;
			return -1;
		}
		b->in = gm_intake_new(b->cat, b->rec.fields, b->rec.lens, b->rec.n, b->map,
				      b->id_column, err);
		if (!b->in) {
			if (err)
				err->line = (int)b->rec.line;
			return -1;
		}
		b->own_in = 1;
		gm_csv_keep(b->csv, keep, gm_intake_keep_columns(b->in, keep));
	}
	got = gm_csv_next(b->csv, &b->rec, err);
	if (got == 0 && !b->records && gm_csv_offset(b->csv) > 0) {
		/* bytes but no one in them: never "0 records, all fine" */
		error_set(err, GM_ERR_ANSWER, 0, NULL, "no record to score: the input holds only %s",
			  b->own_in ? "a header row" : "a header row or blank lines");
		return -1;
	}
	if (got <= 0)
		return got;
	b->records++;
	item->id = NULL;	/* the fields one by one: item->error alone is 500 bytes */
	item->idlen = 0;
	gm_intake_decode_record(b->in, &b->rec, b->ans, &item->id, &item->idlen, &item->error);
	gm_intake_match(b->in, b->ans, b->flags, b->res);
	if (gm_intake_id_column(b->in) < 0) {	/* no id column: the line tells the record apart */
		item->idlen = (size_t)snprintf(b->line_id, sizeof b->line_id, "line %lu", b->rec.line);
		item->id = b->line_id;
	}
	item->result = b->res;
	item->answers = b->ans;
	item->line = b->rec.line;
	item->record = &b->rec;
	return 1;
}
