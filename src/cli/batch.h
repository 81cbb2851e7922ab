/* batch.h - what batch, assign and diff share to read an intake CSV: the --map file and the header, with batch's messages (batch_intake.c). */
#ifndef GM_BATCH_H
#define GM_BATCH_H

#include <stddef.h>
#include "groupmatch.h"

/* Loads the --map file at path for cat into *map.  Prints the problem
 * ("map 'PATH': line 3: ...") and returns an exit status, or 0. */
int batch_map_load(const char *path, const gm_catalog *cat, gm_colmap **map);

/* The columns of header record rec as batch reads them, for cat with map
 * (NULL for none) and --id-column id_column (NULL for none); in_name
 * names the input and command the command in messages.  Prints why and
 * sets *rc to an exit status when the header cannot be read. */
gm_intake *batch_intake_new(const gm_catalog *cat, const gm_csv_record *rec, const gm_colmap *map,
			    const char *id_column, const char *in_name, const char *command,
			    int *rc);

/* Warns about the header as batch does: unknown columns and a missing id
 * column (unless quiet), and a missing safety column (always: every row
 * will say the person was not screened). */
void batch_intake_warn(const gm_intake *in, const gm_catalog *cat,
		       const char *in_name, int quiet);

/* "line 7: unterminated quoted field ..." for a record's CSV problem. */
const char *batch_record_problem(const gm_csv_record *rec, char *buf, size_t size);

#endif
