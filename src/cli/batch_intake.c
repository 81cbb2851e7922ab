/* batch_intake.c - how batch, assign and diff read an intake CSV's header and --map file, and say what is wrong with them. */
#include <stdio.h>
#include <stdlib.h>
#include "batch.h"
#include "buf.h"
#include "cli.h"

#define MAP_MAX ((size_t)4 << 20)       /* largest --map file */
#define UNKNOWN_SHOWN 5                 /* unknown columns named in the warning */

int batch_map_load(const char *path, const gm_catalog *cat, gm_colmap **map)
{
	size_t len = 0, i = 0;
	int code = 0;
	char *text;
	gm_error err;

	*map = NULL;
	if (!(text = cli_read_file(path, MAP_MAX, &len, &code)))
		return code;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	if (i == len) {
		cli_error("map '%s' is empty: expected a CSV of from,to or a JSON object", path);
		free(text);
		return EXIT_DATAERR;
	}
	*map = gm_colmap_load_buffer(cat, text, len, &err);
	free(text);
	if (*map)
		return 0;
	cli_error("map '%s': %s", path, err.message);
	/* refused as a configuration: it would lower a safety answer or
	 * names one column twice */
	return err.status == GM_ERR_NOMEM ? EXIT_IOERR : err.status == GM_ERR_CATALOG ? EXIT_CONFIG
		: EXIT_DATAERR;
}

gm_intake *batch_intake_new(const gm_catalog *cat, const gm_csv_record *rec, const gm_colmap *map,
			    const char *id_column, const char *in_name, const char *command,
			    int *rc)
{
	gm_error err;
	gm_intake *in = gm_intake_new(cat, rec->fields, rec->lens, rec->n, map, id_column, &err);
	char q[64];

	*rc = 0;
	if (in)
		return in;
	switch (err.status) {
	case GM_ERR_ARG:
		if (err.column) {
			cli_error("--id-column: '%s' is the safety question's column; it cannot hold the ids",
				  id_column);
			*rc = EXIT_USAGE;
		} else {
			cli_error("'%s': no column '%s' for --id-column", in_name,
				  cli_quoted(q, sizeof q, id_column));
			*rc = cli_usage_error(command);	/* the option is wrong, not the data */
		}
		break;
	case GM_ERR_NOMEM:
		cli_error("out of memory");
		*rc = EXIT_IOERR;
		break;
	default:
		if (!err.path[0] && !err.column)	/* no question at all */
			cli_error("'%s': line %lu: no column names a question (expected columns such as "
				  "'crisis', 'goals', 'comfort'; see 'groupmatch questions --format csv')",
				  in_name, rec->line);
		else
			cli_error("'%s': line %lu: %s", in_name, rec->line, err.message);
		*rc = EXIT_DATAERR;
		break;
	}
	return NULL;
}

void batch_intake_warn(const gm_intake *in, const gm_catalog *cat,
		       const char *in_name, int quiet)
{
	size_t nunknown = gm_intake_unknown_count(in), ncols = gm_intake_column_count(in);
	struct buf msg = BUF_INIT;

	if (gm_intake_warning(in)[0])
		cli_warn("'%s': %s", in_name, gm_intake_warning(in));
	if (nunknown && !quiet) {
		for (size_t i = 0; i < nunknown && i < UNKNOWN_SHOWN; i++)
			buf_addf(&msg, "%s'%s'", i ? ", " : "",
				 gm_intake_column_name(in, gm_intake_unknown(in, i)));
		if (nunknown > UNKNOWN_SHOWN)
			buf_addf(&msg, " and %zu more", nunknown - UNKNOWN_SHOWN);
		cli_warn("'%s': ignoring %zu unknown column%s: %s", in_name, nunknown,
			 nunknown == 1 ? "" : "s", buf_cstr(&msg));
	}
	/* said even under -q: every row will say the person was not screened */
	if (!gm_intake_screens_safety(in))	/* the safety question is always the first */
		cli_warn("'%s': no column answers the safety question '%s': every record is "
			 "'safety: missing' and must be screened before it is placed", in_name,
			 gm_catalog_question_id(cat, 0));
	if (gm_intake_id_column(in) < 0 && !quiet) {
		buf_reset(&msg);
		for (size_t i = 0; i < ncols && i < 6; i++)
			buf_addf(&msg, "%s'%s'", i ? ", " : "", gm_intake_column_name(in, i));
		if (ncols > 6)
			buf_addf(&msg, " and %zu more", ncols - 6);
		cli_warn("'%s': no id column (expected 'id' or 'record_id'; the columns are %s; name "
			 "one with --id-column): rows are identified as 'line N'", in_name,
			 buf_cstr(&msg));
	}
	buf_release(&msg);
}

const char *batch_record_problem(const gm_csv_record *rec, char *buf, size_t size)
{
	gm_error err;

	gm_csv_record_error(rec, &err);
	snprintf(buf, size, "%s", err.message);
	return buf;
}
