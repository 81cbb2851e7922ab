/* intake_example.c - scores every record of an intake CSV with libgroupmatch and prints one JSON line each.
 *
 * Build against an installed library:
 *   cc -o intake_example intake_example.c $(pkg-config --cflags --libs groupmatch)
 * Usage:
 *   intake_example [FILE]      (standard input when FILE is "-" or absent)
 *
 * The output is that of 'groupmatch batch --format jsonl FILE' with no other
 * option: the built-in catalogue (crisis lines of GROUPMATCH_REGION, if set),
 * the separator (',', ';' or tab) picked from the header line, UTF-8 input,
 * ids from the column "id" or "record_id" (else "line N").  batch's options
 * are not shown here; each is an argument to a call below: --map and
 * --id-column to gm_batch_new (a map from gm_colmap_load_buffer), --strict
 * its flags, --delimiter and --encoding gm_csv_set_*, --keep the writer's
 * options (with gm_writer_result_cells), --catalog gm_catalog_load_file.
 *
 * Exit status, as batch's: 0 every record ok, 3 some record urgent or for
 * review, 65 some record invalid (or no valid header), 66 FILE cannot be
 * opened, 74 a read or write error or no memory, 78 no catalogue.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <groupmatch.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "-";
	const char *name = strcmp(path, "-") ? path : "standard input";
	const char *region = getenv("GROUPMATCH_REGION");
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : STDIN_FILENO;
	gm_catalog *cat = NULL;
	gm_csv *csv = NULL;
	gm_batch *batch = NULL;
	gm_writer *w = NULL;
	gm_batch_item item;
	gm_error err;
	char *row = NULL;
	size_t cap = 0;
	int got, status = 74, urgent = 0, invalid = 0;

	if (fd < 0) {
		fprintf(stderr, "intake_example: cannot open '%s': %s\n", path, strerror(errno));
		return 66;
	}
	if (!(cat = gm_catalog_load_default(&err))) {
		fprintf(stderr, "intake_example: the built-in catalogue: %s\n", err.message);
		status = 78;
		goto done;
	}
	/* The region changes the catalogue's urgent text: set it before the
	 * writer is made, since the writer escapes the catalogue's texts once. */
	if (region && *region && gm_catalog_set_region(cat, region, &err) != GM_OK)
		fprintf(stderr, "intake_example: %s\n", err.message);	/* "*" lines are shown */
	/* The reader, the loop (no map, the default id column, matching as
	 * batch does for staff) and the writer of JSON lines. */
	if (!(csv = gm_csv_new_fd(fd, &err)) ||
	    !(batch = gm_batch_new(cat, csv, NULL, NULL, GM_MATCH_STAFF, &err)) ||
	    !(w = gm_writer_new(cat, GM_FORMAT_JSON, NULL, &err))) {
		fprintf(stderr, "intake_example: %s\n", err.message);
		goto done;
	}
	gm_csv_set_delimiter(csv, 0);	/* 0: ',', ';' or tab, whichever the header uses */

	/* One item per record after the header: its result and id, and in
	 * item.error why the record could not be read whole (wrong number of
	 * fields, a broken quote): its result then says so, and is written
	 * in its place like any other. */
	while ((got = gm_batch_next(batch, &item, &err)) == 1) {
		size_t need = gm_writer_bound(w, item.idlen) + 2, n;	/* + '\n' and NUL */

		if (item.error.status != GM_OK)
			fprintf(stderr, "intake_example: '%s': %s\n", name, item.error.message);
		switch (gm_result_status_of(item.result)) {
		case GM_RESULT_URGENT:
		case GM_RESULT_REVIEW:
			urgent = 1;
			break;
		case GM_RESULT_INVALID:
			invalid = 1;
			break;
		default:
			break;
		}
		if (need > cap) {
			char *bigger = realloc(row, need);

			if (!bigger) {
				fprintf(stderr, "intake_example: out of memory\n");
				goto done;
			}
			row = bigger;
			cap = need;
		}
		n = gm_writer_result(w, item.result, item.id, item.idlen, row, cap);
		row[n] = '\n';	/* n < cap - 1: the bound holds the row */
		if (fwrite(row, 1, n + 1, stdout) != n + 1)
			break;	/* reported below */
	}
	if (got < 0) {	/* no valid header, or reading failed */
		if (err.line)
			fprintf(stderr, "intake_example: '%s': line %d: %s\n", name, err.line, err.message);
		else
			fprintf(stderr, "intake_example: '%s': %s\n", name, err.message);
		status = err.status == GM_ERR_IO || err.status == GM_ERR_NOMEM ? 74 : 65;
		goto done;
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "intake_example: cannot write the results: %s\n", strerror(errno));
		goto done;
	}
	/* someone to call outweighs a record to fix */
	status = urgent ? 3 : invalid ? 65 : 0;
done:
	free(row);
	gm_writer_free(w);
	gm_batch_free(batch);
	gm_csv_free(csv);
	gm_catalog_free(cat);
	if (fd > STDIN_FILENO)
		close(fd);
	return status;
}
