/* fuzz_csv.c - libFuzzer target: the CSV reader under small limits, delimiters and encodings, read in one block and byte by byte, must agree. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "csv.h"

/* Appends every record the reader gives as a canonical text, touching
 * every byte of every field (an out-of-bounds field is then reported). */
static char delim = ',';        /* csv_set_delimiter's argument */
static int encoding = CSV_UTF8;

static void read_all(const uint8_t *data, size_t size, const struct csv_limits *lim,
		     struct buf *out)
{
	struct csv_reader *r = csv_new_mem(data, size, lim);
	const struct csv_limits *in_force;
	struct csv_record rec;
	uint64_t last_line = 0;
	size_t records = 0;
	int rc;

	if (!r)
		abort();
	csv_set_delimiter(r, delim);
	csv_set_encoding(r, encoding);
	in_force = csv_limits_of(r);
	while ((rc = csv_read(r, &rec)) == 1) {
		if (++records > size + 1)
			abort();	/* more records than bytes: a loop */
		if (rec.line <= last_line && records > 1)
			abort();	/* records go forward */
		last_line = rec.line;
		if ((rec.error == CSV_EFIELD || rec.error == CSV_ECOLUMNS ||
		     rec.error == CSV_ERECORD) && rec.nfields)
			abort();	/* over a limit: no fields */
		if (rec.nfields > in_force->columns_max)
			abort();
		if (rec.nfields && !rec.fields)
			abort();
		/* A record over two limits may report either, depending on
		 * where the reads ended: both are "over a limit" here. */
		if (rec.error == CSV_EFIELD || rec.error == CSV_ECOLUMNS ||
		    rec.error == CSV_ERECORD)
			buf_addf(out, "L%llu over a limit:", (unsigned long long)rec.line);
		else
			buf_addf(out, "L%llu E%d C%zu N%zu:", (unsigned long long)rec.line,
				 (int)rec.error, rec.error_column, rec.nfields);
		for (size_t i = 0; i < rec.nfields; i++) {
			if (rec.fields[i].len > in_force->field_max)
				abort();
			buf_addc(out, '[');
			buf_add(out, rec.fields[i].p, rec.fields[i].len);
			buf_addc(out, ']');
		}
		buf_addc(out, '\n');
		if (csv_offset(r) > (encoding ? 3 * size : size))
			abort();	/* a converted byte is at most 3 */
	}
	if (rc != 0)
		abort();	/* memory input cannot fail */
	if (csv_read(r, &rec) != 0)
		abort();	/* the end stays the end */
	csv_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t fields[] = { 1, 3, 8, 64, 1000, 0 };
	static const size_t columns[] = { 1, 2, 5, 100, 0 };
	static const size_t records[] = { 4, 16, 200, 0 };
	struct csv_limits lim = { 0, 0, 0, 0 };
	struct buf whole = BUF_INIT, bytewise = BUF_INIT;

	/* The first byte chooses the limits, the delimiter and the encoding
	 * (comma and UTF-8, detected and Windows-1252, or ';' and Latin-1);
	 * the rest is the CSV. */
	delim = ',';
	encoding = CSV_UTF8;
	if (size) {
		lim.field_max = fields[data[0] % 6];
		lim.columns_max = columns[(data[0] / 6) % 5];
		lim.record_max = records[(data[0] / 30) % 4];
		if (data[0] / 120 == 1) {
			delim = 0;
			encoding = CSV_CP1252;
		} else if (data[0] / 120 == 2) {
			delim = ';';
			encoding = CSV_LATIN1;
		}
		data++;
		size--;
	}
	lim.block = 1 << 16;
	read_all(data, size, &lim, &whole);
	lim.block = 1;
	read_all(data, size, &lim, &bytewise);
	if (whole.len != bytewise.len || (whole.len && memcmp(whole.data, bytewise.data, whole.len))) {
		fprintf(stderr, "read in one block:\n%.*s\nread byte by byte:\n%.*s\n",
			(int)(whole.len > 2000 ? 2000 : whole.len), whole.data ? whole.data : "",
			(int)(bytewise.len > 2000 ? 2000 : bytewise.len), bytewise.data ? bytewise.data : "");
		abort();
	}
	buf_release(&whole);
	buf_release(&bytewise);
	return 0;
}
