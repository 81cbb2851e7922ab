/* batch.h - batch's reading of intake rows, for other commands that score an intake CSV (diff). */
#ifndef GM_BATCH_H
#define GM_BATCH_H

#include "cli.h"
#include "csv.h"
#include "engine.h"

struct batch;

/* How rows are read: batch's own options of the same names. */
struct batch_decoding {
	const char *id_column;     /* --id-column, NULL for id or record_id */
	const char *map_path;      /* --map, NULL for none */
	int strict;                /* --strict */
	int quiet;                 /* no warnings about the header */
};

/* A reader of csv's rows (read by the caller) for cat, exactly as batch
 * reads them; in_name names the input in messages.  Prints why and
 * returns NULL when the map cannot be loaded or memory runs out. */
struct batch *batch_decoder_new(const struct cli *cli, const struct gm_catalog *cat,
				struct csv_reader *csv, const char *in_name,
				const struct batch_decoding *opt);

/* Maps the header record to columns; returns 0, or an exit status after
 * printing why. */
int batch_decoder_header(struct batch *b, const struct csv_record *rec);

/* Decodes one record as batch does (broken rows, safety, REDCap
 * checkboxes, maps) and matches it into res; *id points into rec (NULL
 * when the record has none). */
void batch_decoder_match(struct batch *b, const struct csv_record *rec, struct gm_answers *ans,
			 struct gm_result *res, const char **id, size_t *idlen);

void batch_decoder_free(struct batch *b);

#endif
