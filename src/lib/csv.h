/* csv.h - a streaming RFC 4180 reader: records of pointer+length fields in bounded memory. */
#ifndef GM_CSV_H
#define GM_CSV_H

#include <stddef.h>
#include <stdint.h>

/* What can be wrong with one record.  A record with a problem is still
 * returned (never skipped), so the caller can report it in place.  When
 * several things are wrong, an unterminated quote at the end of the
 * input is reported first, then the first field over field_max, then
 * more fields than columns_max, then a record over record_max, then text
 * after a quote: the same whatever the block size. */
enum csv_error {
	CSV_OK = 0,
	CSV_EQUOTE,          /* text after a closing quote: "ab"c */
	CSV_EUNTERMINATED,   /* end of input inside a quoted field */
	CSV_EFIELD,          /* a field longer than field_max */
	CSV_ECOLUMNS,        /* more than columns_max fields */
	CSV_ERECORD          /* a record longer than record_max */
};

/* One field: len bytes at p, which may hold any byte including NUL and
 * is not NUL-terminated.  Quoted fields come without their quotes and
 * with "" turned into ".  The CSV_SLACK bytes after a field may be read
 * (they hold the rest of the input or zeros), so word-at-a-time code
 * needs no bounds check; they must not be written. */
#define CSV_SLACK 16

struct csv_field {
	const char *p;
	size_t len;
};

/* Columns whose short fields survive a record's limit error (see csv_keep). */
#define CSV_KEEP_N 4
#define CSV_KEEP_MAX 256

struct csv_record {
	const struct csv_field *fields;
	size_t nfields;            /* 0 for CSV_EFIELD, CSV_ECOLUMNS, CSV_ERECORD */
	/* When nfields is 0 for an error: the fields of the columns named to
	 * csv_keep, in that order; p is NULL for one that was not seen, was
	 * longer than CSV_KEEP_MAX or could not be kept. */
	struct csv_field kept[CSV_KEEP_N];
	uint64_t line;             /* physical line (1-based) the record starts on */
	uint64_t nlines;           /* physical lines it spans */
	enum csv_error error;
	size_t error_column;       /* 1-based field the problem is in, 0 if none */
};

/* Limits; a zero member takes the default. */
struct csv_limits {
	size_t field_max;          /* bytes in one field (default 1 MiB) */
	size_t columns_max;        /* fields in one record (default 10000) */
	size_t record_max;         /* bytes in one record (default 2 MiB) */
	size_t block;              /* bytes asked of read() at a time (default 256 KiB) */
};

struct csv_reader;

/* A reader of the file descriptor fd (not closed by the reader), or of
 * len bytes at data (which must outlive the reader).  Memory stays
 * within a few blocks plus the largest record allowed by lim (NULL for
 * the defaults), whatever the input.  UTF-8 byte order marks at the
 * start (one, or more in a file saved twice) are skipped.  Returns NULL when out of memory. */
struct csv_reader *csv_new_fd(int fd, const struct csv_limits *lim);
struct csv_reader *csv_new_mem(const void *data, size_t len,
			       const struct csv_limits *lim);
void csv_free(struct csv_reader *r);

/* Reads the next record into *rec; its fields stay valid until the next
 * call.  Records end outside quotes at a line end: LF, CR LF, CR CR LF
 * (one line end, as some Windows tools write) or a CR alone (Excel's
 * "CSV (Macintosh)"); a CR or LF inside a quoted field is kept as data,
 * and lines inside a quoted field are counted at its LFs.  A line with
 * no bytes at all is skipped (it holds no record).  Returns 1 for a record, 0 at
 * the end of the input, -1 when reading failed (errno says why; later
 * calls return -1 too). */
int csv_read(struct csv_reader *r, struct csv_record *rec);

/* Names up to CSV_KEEP_N columns (0-based) whose fields, when at most
 * CSV_KEEP_MAX bytes, are kept for a record that breaks a limit, so that
 * a small id or answer is not lost with a long notes field.  n = 0
 * keeps none (the default). */
void csv_keep(struct csv_reader *r, const size_t *cols, int n);

/* The field separator: ',' by default, ';' or '\t' for the files European
 * Excel and spreadsheets save, or 0 to pick it from the first line (the
 * most frequent of the three outside quotes).  Call before the first
 * csv_read; csv_delimiter says which is in force. */
void csv_set_delimiter(struct csv_reader *r, char delim);
char csv_delimiter(const struct csv_reader *r);

/* Reads the input as a single-byte encoding converted to UTF-8 (Windows
 * Excel saves CSV as Windows-1252).  Call before the first csv_read. */
enum { CSV_UTF8 = 0, CSV_LATIN1, CSV_CP1252 };
void csv_set_encoding(struct csv_reader *r, int encoding);

/* The byte that Latin-1 or Windows-1252 reads as the character cp, or
 * -1: how text that went through csv_set_encoding by mistake (a UTF-8
 * file read as cp1252) is turned back into its bytes. */
int csv_byte_of(unsigned cp);

/* Bytes of input consumed so far (for progress). */
uint64_t csv_offset(const struct csv_reader *r);

/* The limits in force (defaults filled in). */
const struct csv_limits *csv_limits_of(const struct csv_reader *r);

/* A lowercase description of err ("unterminated quoted field"). */
const char *csv_strerror(enum csv_error err);

#endif
