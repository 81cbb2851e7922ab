/* csv.c - a streaming RFC 4180 reader: records of pointer+length fields in bounded memory.
 *
 * Past 700 lines for a reason: the byte loop, the encoding conversion,
 * the size limits and the public gm_csv_* wrappers share one buffer and
 * one state machine, and the loop must inline its field scanning.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__SSE2__) && !defined(CSV_NO_SIMD)
#include <emmintrin.h>
#endif
#include <stdio.h>
#include "csv.h"
#include "groupmatch.h"

#define CSV_PAD CSV_SLACK           /* bytes past the data a vector load may touch */
#define DEFAULT_FIELD_MAX (1u << 20)
#define DEFAULT_COLUMNS_MAX 10000
#define DEFAULT_RECORD_MAX (2u << 20)
#define DEFAULT_BLOCK (256u << 10)

enum state {
	ST_FIELD,     /* at the start of a field */
	ST_BARE,      /* in an unquoted field */
	ST_QUOTED,    /* in a quoted field */
	ST_QUOTE,     /* after a quote inside a quoted field: an escape or the end */
	ST_JUNK,      /* after a closing quote, in text that does not belong there */
	ST_CR,        /* after the CR that ended the record's last field */
	ST_CR2        /* after CR CR: one line end if a line feed follows */
};

struct csv_reader {
	int fd;
	const char *mem;            /* the in-memory source, NULL for fd */
	size_t memlen, mempos;
	int eof;                    /* the source has no more bytes */
	int failed;                 /* a read failed: errno was err_no */
	int err_no;
	int started;                /* the byte order mark has been dealt with */
	struct csv_limits lim;

	char *buf;                  /* cap + CSV_PAD bytes */
	size_t cap;
	size_t len;                 /* bytes of input in buf */
	size_t pos;                 /* next byte to parse */
	size_t rec;                 /* start of the record being parsed */
	uint64_t consumed;          /* input bytes dropped from the front of buf */
	uint64_t line;              /* physical line at pos */

	enum state st;
	int skipping;               /* over a limit: scan to the record's end, keep nothing */
	size_t nseen;               /* while skipping: fields of the record so far */
	size_t long_col;            /* first column over field_max, 0 if none */
	int force_record;           /* out of memory: report the record as too long */
	int fquoted;                /* the current field started with a quote */
	size_t fstart;              /* current field start, from rec */
	size_t w;                   /* where a quoted field's next byte goes, from rec */
	enum csv_error error;
	size_t error_column;
	uint64_t rec_line;
	uint64_t rec_start;         /* input offset of the record's first byte */

	char delim;                 /* the field separator: ',' unless csv_set_delimiter */
	int detect;                 /* pick delim from the first line (csv_set_delimiter 0) */
	int encoding;               /* CSV_UTF8, or a single-byte encoding to convert */
	char *stage;                /* single-byte input before conversion */
	int nkeep;                  /* columns named by csv_keep */
	size_t keep_col[CSV_KEEP_N];
	unsigned keep_have;         /* bit k: keep_buf[k] holds this record's field */
	size_t keep_len[CSV_KEEP_N];
	char keep_buf[CSV_KEEP_N][CSV_KEEP_MAX + CSV_SLACK]; /* zeros after each field */

	size_t *offs;               /* fields as offsets while the buffer moves */
	struct csv_field *fields;
	size_t nfields;
	size_t fields_cap;
};

/* The first byte in [p, end) equal to a or b, or NULL. */
static inline const char *scan2(const char *p, const char *end, char a, char b)
{
#if defined(__SSE2__) && !defined(CSV_NO_SIMD)
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);

	while (p < end) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)));

		if (m) {
			p += __builtin_ctz(m);
			return p < end ? p : NULL;
		}
		p += 16;
	}
	return NULL;
#else
	for (; p < end; p++)
		if (*p == a || *p == b)
			return p;
	return NULL;
#endif
}

/* The first byte in [p, end) that is sep, a line feed or a CR, or NULL. */
static inline const char *scan_end(const char *p, const char *end, char sep)
{
#if defined(__SSE2__) && !defined(CSV_NO_SIMD)
	const __m128i vs = _mm_set1_epi8(sep), vn = _mm_set1_epi8('\n');
	const __m128i vr = _mm_set1_epi8('\r');

	while (p < end) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, vs),
			_mm_or_si128(_mm_cmpeq_epi8(x, vn), _mm_cmpeq_epi8(x, vr))));

		if (m) {
			p += __builtin_ctz(m);
			return p < end ? p : NULL;
		}
		p += 16;
	}
	return NULL;
#else
	for (; p < end; p++)
		if (*p == sep || *p == '\n' || *p == '\r')
			return p;
	return NULL;
#endif
}

static struct csv_reader *reader_new(const struct csv_limits *lim)
{
	struct csv_reader *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	if (lim)
		r->lim = *lim;
	if (!r->lim.field_max)
		r->lim.field_max = DEFAULT_FIELD_MAX;
	if (!r->lim.columns_max)
		r->lim.columns_max = DEFAULT_COLUMNS_MAX;
	if (!r->lim.record_max)
		r->lim.record_max = DEFAULT_RECORD_MAX;
	if (!r->lim.block)
		r->lim.block = DEFAULT_BLOCK;
	r->cap = r->lim.block;
	r->buf = malloc(r->cap + CSV_PAD);
	r->fields_cap = r->lim.columns_max < 64 ? r->lim.columns_max : 64;
	r->offs = malloc(r->fields_cap * sizeof *r->offs);
	r->fields = malloc(r->fields_cap * sizeof *r->fields);
	if (!r->buf || !r->offs || !r->fields) {
		csv_free(r);
		return NULL;
	}
	memset(r->buf, 0, CSV_PAD);
	r->line = 1;
	r->delim = ',';
	return r;
}

struct csv_reader *csv_new_fd(int fd, const struct csv_limits *lim)
{
	struct csv_reader *r = reader_new(lim);

	if (r)
		r->fd = fd;
	return r;
}

struct csv_reader *csv_new_mem(const void *data, size_t len,
			       const struct csv_limits *lim)
{
	struct csv_reader *r = reader_new(lim);

	if (r) {
		r->mem = data ? data : "";
		r->memlen = len;
	}
	return r;
}

void csv_free(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->offs);
	free(r->fields);
	free(r->stage);
	free(r);
}

uint64_t csv_offset(const struct csv_reader *r)
{
	return r->consumed + r->pos;
}

const struct csv_limits *csv_limits_of(const struct csv_reader *r)
{
	return &r->lim;
}

const char *csv_strerror(enum csv_error err)
{
	switch (err) {
	case CSV_OK: return "no error";
	case CSV_EQUOTE: return "unexpected text after a closing quote";
	case CSV_EUNTERMINATED: return "unterminated quoted field";
	case CSV_EFIELD: return "field too long";
	case CSV_ECOLUMNS: return "too many columns";
	case CSV_ERECORD: return "record too long";
	}
	return "unknown error";
}

/* Copies field col (0-based; len bytes at p) when csv_keep named it. */
static void keep_field(struct csv_reader *r, size_t col, const char *p, size_t len)
{
	for (int k = 0; k < r->nkeep; k++)
		if (r->keep_col[k] == col && !(r->keep_have >> k & 1) && len <= CSV_KEEP_MAX) {
			memcpy(r->keep_buf[k], p, len);
			memset(r->keep_buf[k] + len, 0, CSV_SLACK);
			r->keep_len[k] = len;
			r->keep_have |= 1u << k;
		}
}

/* Keeps the named fields among those stored so far (their pointers must
 * be valid). */
static void keep_stored(struct csv_reader *r)
{
	for (int k = 0; k < r->nkeep; k++)
		if (r->keep_col[k] < r->nfields)
			keep_field(r, r->keep_col[k], r->fields[r->keep_col[k]].p,
				   r->fields[r->keep_col[k]].len);
}

/* Stops keeping the current record, which is over a limit: it becomes
 * an error record without fields (but for the short ones csv_keep named).
 * The rest of it is still scanned and its fields counted and measured, so
 * which error is reported does not depend on where the reader noticed
 * (see decide()).  stored_valid: the stored fields' pointers are valid. */
static void stop_keeping(struct csv_reader *r, int stored_valid)
{
	if (r->skipping)
		return;
	if (stored_valid)
		keep_stored(r);
	r->skipping = 1;
	r->nseen = r->nfields;
	r->nfields = 0;
}

static void start_skipping(struct csv_reader *r)
{
	stop_keeping(r, 1);
}

static void note_error(struct csv_reader *r, enum csv_error err)
{
	if (!r->error) {
		r->error = err;
		r->error_column = r->nfields + 1;
	}
}

/* Ends the current field, len bytes from fstart: the rare cases. */
static void push_field_slow(struct csv_reader *r, size_t len)
{
	size_t col = (r->skipping ? r->nseen : r->nfields) + 1;

	if (len > r->lim.field_max && !r->long_col)
		r->long_col = col;
	if (r->long_col || col > r->lim.columns_max)
		start_skipping(r);
	if (r->skipping) {
		/* a short field read whole since the last refill is still in
		 * the buffer; one that straddled a refill is not (its start
		 * wrapped below zero) */
		size_t at = r->rec + r->fstart;

		if (r->nkeep && at <= r->len && len <= r->len - at)
			keep_field(r, col - 1, r->buf + at, len);
		r->nseen++;
		return;
	}
	if (r->nfields == r->fields_cap) {
		size_t cap = r->fields_cap * 2;
		size_t *o;
		struct csv_field *f;

		if (cap > r->lim.columns_max)
			cap = r->lim.columns_max;
		o = realloc(r->offs, cap * sizeof *o);
		if (o)
			r->offs = o;
		f = realloc(r->fields, cap * sizeof *f);
		if (f)
			r->fields = f;
		if (!o || !f) {
			/* Out of memory counts as over the limit: the record
			 * is reported, never silently cut. */
			r->force_record = 1;
			start_skipping(r);
			r->nseen++;
			return;
		}
		r->fields_cap = cap;
	}
	r->fields[r->nfields].p = r->buf + r->rec + r->fstart;
	r->fields[r->nfields].len = len;
	r->nfields++;
}

/* Ends the current field, len bytes from fstart.  fields_cap never
 * exceeds columns_max, and skipping leaves nfields at 0 < fields_cap only
 * with the slow path's checks, so the common case is two comparisons. */
static inline void push_field(struct csv_reader *r, size_t len)
{
	if (r->nfields < r->fields_cap && len <= r->lim.field_max && !r->skipping) {
		r->fields[r->nfields].p = r->buf + r->rec + r->fstart;
		r->fields[r->nfields].len = len;
		r->nfields++;
		return;
	}
	push_field_slow(r, len);
}

#if defined(__SSE2__) && !defined(CSV_NO_SIMD)
#define FAST_BLOCK 64

/* Bit i of *delim: p[i] is sep or '\n'; of *stop: p[i] is '"' or a CR. */
static inline void classify64(const char *p, char sep, uint64_t *delim, uint64_t *stop)
{
	const __m128i comma = _mm_set1_epi8(sep), nl = _mm_set1_epi8('\n');
	const __m128i qu = _mm_set1_epi8('"'), ret = _mm_set1_epi8('\r');
	uint64_t d = 0, q = 0;

	for (int i = 0; i < 4; i++) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));

		d |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, nl))) << (16 * i);
		q |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_cmpeq_epi8(x, qu), _mm_cmpeq_epi8(x, ret))) << (16 * i);
	}
	*delim = d;
	*stop = q;
}

/* At the start of a field with at least FAST_BLOCK bytes buffered: reads
 * unquoted fields a block at a time, every delimiter of a block found at
 * once.  Returns 1 at the end of the record; 0 when it hands over to the
 * byte-wise machine (a quote, a CR other than CR LF's, too few bytes
 * left, or a limit reached), with r->st and r->pos set for it. */
static int parse_fast(struct csv_reader *r)
{
	const char *b = r->buf;
	const size_t len = r->len, rec = r->rec, field_max = r->lim.field_max;
	struct csv_field *fields = r->fields;
	size_t pos = r->pos, fs = pos, nf = r->nfields, cap = r->fields_cap;

	/* fs (where the field starts) and nf live in registers here and go
	 * back into r on the way out; a field that is not simple takes the
	 * checked path of push_field. */
	r->fquoted = 0;
	while (pos + FAST_BLOCK <= len) {
		uint64_t d, stop, first_stop;

		classify64(b + pos, r->delim, &d, &stop);
		/* the byte-wise machine takes over at the first quote or at
		 * a CR that does not start a CR LF inside the block (a line
		 * end of its own, CR CR LF's, or one whose LF is in the next
		 * block: the field must end before it) */
		while (stop && __builtin_ctzll(stop) < FAST_BLOCK - 1
		       && b[pos + (size_t)__builtin_ctzll(stop)] == '\r'
		       && b[pos + (size_t)__builtin_ctzll(stop) + 1] == '\n')
			stop &= stop - 1;
		first_stop = stop & (0 - stop);
		if (stop)
			d &= first_stop - 1;
		while (d) {
			size_t end = pos + (size_t)__builtin_ctzll(d), flen;
			int nl = b[end] == '\n';

			d &= d - 1;
			flen = end - fs;
			if (nl && flen && b[end - 1] == '\r')
				flen--;
			if (nf < cap && flen <= field_max) {
				fields[nf].p = b + fs;
				fields[nf].len = flen;
				nf++;
			} else {
				r->nfields = nf;
				r->fstart = fs - rec;
				push_field(r, flen);
				nf = r->nfields;
				fields = r->fields;
				cap = r->fields_cap;
				if (r->skipping && !nl) {
					r->pos = end + 1;
					r->fstart = end + 1 - rec;
					r->st = ST_FIELD;
					return 0;
				}
			}
			fs = end + 1;
			if (nl) {
				r->nfields = nf;
				r->pos = end + 1;
				r->line++;
				r->st = ST_FIELD;
				return 1;
			}
		}
		if (stop) {
			size_t at = pos + (size_t)__builtin_ctzll(stop);

			r->nfields = nf;
			r->fstart = fs - rec;
			if (b[at] == '\r') {
				/* a CR: the field ends there, the machine reads on */
				r->pos = at;
				r->st = ST_BARE;
			} else if (fs == at) {
				r->pos = at;
				r->st = ST_FIELD;
			} else {
				/* A quote inside an unquoted field is data. */
				r->pos = at + 1;
				r->st = ST_BARE;
			}
			return 0;
		}
		pos += FAST_BLOCK;
	}
	/* A field starting exactly here may be a quoted one. */
	r->nfields = nf;
	r->fstart = fs - rec;
	r->pos = pos;
	r->st = pos == fs ? ST_FIELD : ST_BARE;
	return 0;
}
#endif

/* Parses buf[pos, len); returns 1 at the end of a record (pos just past
 * its line feed), 0 when every byte was used and more are needed. */
static int parse(struct csv_reader *r)
{
	char *b = r->buf;
	size_t pos = r->pos;
	const size_t len = r->len;
	const char *q;

	while (pos < len) {
		switch (r->st) {
		case ST_FIELD:
#ifdef FAST_BLOCK
			if (len - pos >= FAST_BLOCK && b[pos] != '"' && !r->skipping) {
				r->pos = pos;
				if (parse_fast(r))
					return 1;
				pos = r->pos;
				break;
			}
#endif
			r->fquoted = b[pos] == '"';
			if (r->fquoted) {
				pos++;
				r->st = ST_QUOTED;
				r->fstart = r->w = pos - r->rec;
			} else {
				r->st = ST_BARE;
				r->fstart = pos - r->rec;
			}
			break;
		case ST_BARE:
			q = scan_end(b + pos, b + len, r->delim);
			if (!q) {
				pos = len;
				break;
			}
			push_field(r, (size_t)(q - b) - r->rec - r->fstart);
			pos = (size_t)(q - b) + 1;
			if (*q == r->delim) {
				r->st = ST_FIELD;
				break;
			}
			if (*q == '\r') {
				r->st = ST_CR;
				break;
			}
			r->pos = pos;
			r->line++;
			r->st = ST_FIELD;
			return 1;
		case ST_QUOTED: {
			size_t stop, n;

			q = scan2(b + pos, b + len, '"', '\n');
			stop = q ? (size_t)(q - b) : len;
			if (q && *q == '\n') {
				stop++;
				r->line++;
			}
			n = stop - pos;
			if (!r->skipping && r->rec + r->w != pos)
				memmove(b + r->rec + r->w, b + pos, n);
			r->w += n;
			pos = stop;
			if (q && *q == '"') {
				pos++;
				r->st = ST_QUOTE;
			}
			break;
		}
		case ST_QUOTE:
			if (b[pos] == r->delim) {
				push_field(r, r->w - r->fstart);
				pos++;
				r->st = ST_FIELD;
				break;
			}
			switch (b[pos]) {
			case '"':
				if (!r->skipping)
					b[r->rec + r->w] = '"';
				r->w++;
				pos++;
				r->st = ST_QUOTED;
				break;
			case '\n':
				push_field(r, r->w - r->fstart);
				r->pos = pos + 1;
				r->line++;
				r->st = ST_FIELD;
				return 1;
			case '\r':
				push_field(r, r->w - r->fstart);
				pos++;
				r->st = ST_CR;
				break;
			default:
				note_error(r, CSV_EQUOTE);
				r->st = ST_JUNK;
			}
			break;
		case ST_JUNK:
			q = scan_end(b + pos, b + len, r->delim);
			if (!q) {
				pos = len;
				break;
			}
			push_field(r, r->w - r->fstart);
			pos = (size_t)(q - b) + 1;
			r->st = *q == '\r' ? ST_CR : ST_FIELD;
			if (*q == '\n') {
				r->pos = pos;
				r->line++;
				return 1;
			}
			break;
		case ST_CR:
			/* CR LF and CR CR LF are one line end, as is a CR alone
			 * (Excel's "CSV (Macintosh)"): what follows it starts
			 * the next record */
			if (b[pos] == '\r') {
				pos++;
				r->st = ST_CR2;
				break;
			}
			r->line++;
			r->st = ST_FIELD;
			r->pos = b[pos] == '\n' ? pos + 1 : pos;
			return 1;
		case ST_CR2:
			/* the second CR starts the next record unless a line
			 * feed follows (a refill keeps the byte before pos) */
			r->line++;
			r->st = ST_FIELD;
			r->pos = b[pos] == '\n' ? pos + 1 : pos - 1;
			return 1;
		}
	}
	r->pos = pos;
	return 0;
}

/* Length so far of the field being parsed. */
static size_t field_so_far(const struct csv_reader *r)
{
	switch (r->st) {
	case ST_BARE:
		return r->pos - r->rec - r->fstart;
	case ST_QUOTED:
	case ST_QUOTE:
	case ST_JUNK:
		return r->w - r->fstart;
	case ST_FIELD:
	case ST_CR:
	case ST_CR2:
		break;
	}
	return 0;
}

void csv_keep(struct csv_reader *r, const size_t *cols, int n)
{
	if (n > CSV_KEEP_N)
		n = CSV_KEEP_N;
	r->nkeep = n < 0 ? 0 : n;
	for (int k = 0; k < r->nkeep; k++)
		r->keep_col[k] = cols[k];
}

/* Windows-1252's characters at 0x80-0x9F (0 where it has none, which are
 * kept as the C1 controls Latin-1 puts there). */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
	0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

int csv_byte_of(unsigned cp)
{
	if (cp < 0x100)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] == cp)
			return 0x80 + i;
	return -1;
}

/* Converts n single-byte characters at in to UTF-8 at out (room for 3n);
 * returns the bytes written. */
static size_t to_utf8(int encoding, const char *in, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)in[i];

		if (encoding == CSV_CP1252 && c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80])
			c = cp1252_high[c - 0x80];
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xC0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | c >> 12);
			out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	return o;
}

void csv_set_delimiter(struct csv_reader *r, char delim)
{
	r->detect = !delim;
	r->delim = delim ? delim : ',';
}

char csv_delimiter(const struct csv_reader *r)
{
	return r->delim;
}

void csv_set_encoding(struct csv_reader *r, int encoding)
{
	r->encoding = encoding;
}

static long refill(struct csv_reader *r);

/* Picks the delimiter from the first line (to its LF or CR): the one of
 * ',', ';' and tab found most often outside quotes (',' on a tie or when
 * none is). */
#define DETECT_MAX 65536

static int detect_delimiter(struct csv_reader *r)
{
	size_t i, end, n[3] = { 0, 0, 0 };
	int quoted = 0;

	/* at most DETECT_MAX bytes, whatever the read size, so that every
	 * block size picks the same */
	while (!scan_end(r->buf + r->pos, r->buf + r->len, '\n') && !r->eof &&
	       r->len - r->pos < DETECT_MAX)
		if (refill(r) < 0)
			return -1;
	end = r->len - r->pos < DETECT_MAX ? r->len : r->pos + DETECT_MAX;
	for (i = r->pos; i < end && r->buf[i] != '\n' && r->buf[i] != '\r'; i++) {
		char c = r->buf[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted)
			n[0] += c == ',', n[1] += c == ';', n[2] += c == '\t';
	}
	r->delim = n[1] > n[0] && n[1] >= n[2] ? ';' : n[2] > n[0] && n[2] > n[1] ? '\t' : ',';
	r->detect = 0;
	return 0;
}

/* Makes room and reads more input after buf[len]: returns the number of
 * bytes read, 0 at the end of the input, -1 on a read error. */
static long refill(struct csv_reader *r)
{
	size_t keep, room, want, i;
	long n;

	if (!r->skipping) {
		size_t flen = field_so_far(r);

		/* after CR CR, the second CR belongs to the record only if a
		 * line feed follows: not counted yet, as decide() does not */
		if (flen > r->lim.field_max) {
			r->long_col = r->nfields + 1;
			start_skipping(r);
		} else if (r->len - r->rec - (r->st == ST_CR2) > r->lim.record_max) {
			start_skipping(r);
		}
	}
	/* The fields read so far become offsets while the buffer moves. */
	for (i = 0; i < r->nfields; i++)
		r->offs[i] = (size_t)(r->fields[i].p - r->buf);
	/* Drop what is no longer needed from the front of the buffer; while
	 * skipping, all but the last byte (the second CR of a CR CR that
	 * may not be followed by a line feed: ST_CR2 steps back onto it).
	 * Offsets from rec then wrap around below zero, but differences of
	 * them, the lengths of the field being skipped, stay right. */
	keep = r->skipping ? (r->pos ? r->pos - 1 : 0) : r->rec;
	if (keep) {
		memmove(r->buf, r->buf + keep, r->len - keep);
		r->consumed += keep;
		r->len -= keep;
		r->pos -= keep;
		if (r->skipping) {
			r->fstart = r->rec + r->fstart - keep;
			r->w = r->rec + r->w - keep;
			r->rec = 0;
		} else {
			r->rec -= keep;
		}
	}
	/* a converted byte takes up to 3: keep room for one */
	if (r->len == r->cap || (r->encoding && r->cap - r->len < 3)) {
		size_t cap = r->cap * 2 < r->len + 3 ? r->len + 3 : r->cap * 2;
		char *p = realloc(r->buf, cap + CSV_PAD);

		if (!p) {
			/* no room to grow: skip the record, keeping one byte
			 * as a skipping refill does */
			size_t drop = r->len - 1;

			r->force_record = 1;
			stop_keeping(r, 0);	/* the stored fields' data has moved */
			r->buf[0] = r->buf[drop];
			r->fstart = r->rec + r->fstart - drop;
			r->w = r->rec + r->w - drop;
			r->consumed += drop;
			r->len = r->pos = 1;
			r->rec = 0;
		} else {
			r->buf = p;
			r->cap = cap;
		}
	}
	for (i = 0; i < r->nfields; i++)
		r->fields[i].p = r->buf + r->offs[i] - keep;
	if (r->eof) {
		memset(r->buf + r->len, 0, CSV_PAD);	/* the slack after the data moved */
		return 0;
	}
	room = r->cap - r->len;
	want = room < r->lim.block ? room : r->lim.block;
	if (r->encoding) {
		/* a byte becomes at most 3 in UTF-8: read a third, into the stage */
		want /= 3;
		if (!want)
			want = 1;
		if (!r->stage && !(r->stage = malloc(r->lim.block))) {
			r->failed = 1;
			r->err_no = ENOMEM;
			return -1;
		}
	}
	{
		char *dst = r->encoding ? r->stage : r->buf + r->len;

		if (r->mem) {
			n = (long)(r->memlen - r->mempos < want ? r->memlen - r->mempos : want);
			memcpy(dst, r->mem + r->mempos, (size_t)n);
			r->mempos += (size_t)n;
		} else {
			do
				n = (long)read(r->fd, dst, want);
			while (n < 0 && errno == EINTR);
			if (n < 0) {
				r->failed = 1;
				r->err_no = errno;
				return -1;
			}
		}
	}
	if (n == 0)
		r->eof = 1;
	r->len += r->encoding ? to_utf8(r->encoding, r->stage, (size_t)n, r->buf + r->len)
		: (size_t)n;
	memset(r->buf + r->len, 0, CSV_PAD);
	return n;
}

/* Skips the UTF-8 byte order marks at the start (a file saved twice may
 * have more than one, and a quoted first field must start after them),
 * reading until three bytes after them are buffered or the input ends. */
static int start(struct csv_reader *r)
{
	for (;;) {
		while (r->len - r->pos < 3 && !r->eof)
			if (refill(r) < 0)
				return -1;
		if (r->len - r->pos < 3 || memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
			break;
		r->pos += 3;
		r->rec = r->pos;
	}
	r->started = 1;
	return 0;
}

/* Ends the record at the end of the input. */
static void finish_at_eof(struct csv_reader *r)
{
	switch (r->st) {
	case ST_FIELD:
		r->fstart = r->pos - r->rec;
		push_field(r, 0);
		break;
	case ST_BARE:	/* holds no CR: it would have ended the field */
		push_field(r, r->pos - r->rec - r->fstart);
		break;
	case ST_QUOTED:
		push_field(r, r->w - r->fstart);
		r->error = CSV_EUNTERMINATED;
		break;
	case ST_QUOTE:
	case ST_JUNK:
		push_field(r, r->w - r->fstart);
		break;
	case ST_CR:
	case ST_CR2:
		r->line++;	/* the record's field is in */
		break;
	}
	r->st = ST_FIELD;
}

/* The error of the record just read, from what was found in all of it,
 * so that it is the same wherever the reader's blocks fell: an
 * unterminated quote, else the first field over field_max, else too many
 * columns, else a record over record_max, else text after a quote. */
static void decide(struct csv_reader *r)
{
	int over = r->force_record || r->consumed + r->pos - r->rec_start > r->lim.record_max;
	size_t columns = r->skipping ? r->nseen : r->nfields;

	if (r->error == CSV_EUNTERMINATED) {
		if (!r->skipping && over)
			keep_stored(r);
		if (r->skipping || over)
			r->nfields = 0;
		r->error_column = r->nfields;
		return;
	}
	if (r->long_col) {
		r->error = CSV_EFIELD;
		r->error_column = r->long_col;
	} else if (columns > r->lim.columns_max) {
		r->error = CSV_ECOLUMNS;
		r->error_column = r->lim.columns_max + 1;
	} else if (over) {
		r->error = CSV_ERECORD;
		r->error_column = 0;
	} else {
		return;
	}
	keep_stored(r);
	r->nfields = 0;
}

int csv_read(struct csv_reader *r, struct csv_record *rec)
{
	if (r->failed) {
		errno = r->err_no;
		return -1;
	}
	if (!r->started && start(r) < 0)
		return -1;
	if (r->detect && detect_delimiter(r) < 0)
		return -1;
	for (;;) {
		r->rec = r->pos;
		r->rec_start = r->consumed + r->pos;
		r->rec_line = r->line;
		r->nfields = 0;
		r->error = CSV_OK;
		r->error_column = 0;
		r->skipping = 0;
		r->nseen = 0;
		r->long_col = 0;
		r->force_record = 0;
		r->keep_have = 0;
		r->st = ST_FIELD;
		r->fquoted = 0;
		while (!parse(r)) {
			long n = refill(r);

			if (n < 0)
				return -1;
			if (n > 0)
				continue;
			if (r->st == ST_FIELD && r->nfields == 0 && !r->skipping)
				return 0;
			finish_at_eof(r);
			break;
		}
		/* A line with nothing on it holds no record. */
		if (r->nfields == 1 && r->fields[0].len == 0 && !r->fquoted
		    && !r->error && !r->skipping)
			continue;
		decide(r);
		break;
	}
	rec->fields = r->nfields ? r->fields : NULL;
	rec->nfields = r->nfields;
	for (int k = 0; k < CSV_KEEP_N; k++) {
		int have = k < r->nkeep && (r->keep_have >> k & 1) && !r->nfields;

		rec->kept[k].p = have ? r->keep_buf[k] : NULL;
		rec->kept[k].len = have ? r->keep_len[k] : 0;
	}
	rec->line = r->rec_line;
	rec->error = r->error;
	rec->error_column = r->error_column;
	return 1;
}

/* --- the public reader (groupmatch.h): fields as pointer and length arrays --- */

struct gm_csv {
	struct csv_reader *r;
	const char **fields;        /* per record: the fields' starts */
	size_t *lens;               /* and lengths */
	size_t cap;
};

static void csv_nomem(gm_error *err)
{
	if (err) {
		memset(err, 0, sizeof *err);
		err->status = GM_ERR_NOMEM;
		snprintf(err->message, sizeof err->message, "out of memory");
	}
}

static gm_csv *csv_wrap(struct csv_reader *r, gm_error *err)
{
	gm_csv *c = r ? calloc(1, sizeof *c) : NULL;

	if (!c) {
		csv_free(r);
		csv_nomem(err);
		return NULL;
	}
	c->r = r;
	return c;
}

gm_csv *gm_csv_new_fd(int fd, gm_error *err)
{
	return csv_wrap(csv_new_fd(fd, NULL), err);
}

gm_csv *gm_csv_new_mem(const void *data, size_t len, gm_error *err)
{
	return csv_wrap(csv_new_mem(data ? data : "", data ? len : 0, NULL), err);
}

void gm_csv_free(gm_csv *csv)
{
	if (!csv)
		return;
	csv_free(csv->r);
	free(csv->fields);
	free(csv->lens);
	free(csv);
}

gm_status gm_csv_set_delimiter(gm_csv *csv, char delim)
{
	if (!csv || (delim && delim != ',' && delim != ';' && delim != '\t'))
		return GM_ERR_ARG;
	csv_set_delimiter(csv->r, delim);
	return GM_OK;
}

char gm_csv_delimiter(const gm_csv *csv)
{
	return csv ? csv_delimiter(csv->r) : ',';
}

gm_status gm_csv_set_encoding(gm_csv *csv, int encoding)
{
	if (!csv || encoding < GM_CSV_UTF8 || encoding > GM_CSV_CP1252)
		return GM_ERR_ARG;
	csv_set_encoding(csv->r, encoding);
	return GM_OK;
}

void gm_csv_keep(gm_csv *csv, const size_t *cols, size_t n)
{
	if (csv)
		csv_keep(csv->r, cols, (int)(n > GM_CSV_KEEP_N ? GM_CSV_KEEP_N : n));
}

int gm_csv_next(gm_csv *csv, gm_csv_record *out, gm_error *err)
{
	const struct csv_limits *lim;
	struct csv_record rec;
	int got;

	if (!csv || !out)
		return -1;
	got = csv_read(csv->r, &rec);
	if (got < 0 && err) {
		int e = errno;

		memset(err, 0, sizeof *err);
		err->status = GM_ERR_IO;
		snprintf(err->message, sizeof err->message, "%s", strerror(e));
	}
	if (got != 1)
		return got;
	if (rec.nfields > csv->cap) {
		size_t cap = csv->cap ? csv->cap : 16;
		const char **f;
		size_t *l;

		while (cap < rec.nfields)
			cap *= 2;
		f = realloc(csv->fields, cap * sizeof *f);
		if (f)
			csv->fields = f;
		l = f ? realloc(csv->lens, cap * sizeof *l) : NULL;
		if (!l) {
			csv_nomem(err);
			return -1;
		}
		csv->lens = l;
		csv->cap = cap;
	}
	for (size_t i = 0; i < rec.nfields; i++) {
		csv->fields[i] = rec.fields[i].p;
		csv->lens[i] = rec.fields[i].len;
	}
	out->fields = csv->fields;
	out->lens = csv->lens;
	out->n = rec.nfields;
	out->line = (unsigned long)rec.line;
	out->nlines = (unsigned long)rec.nlines;
	out->error = (gm_csv_error)rec.error;
	out->error_column = rec.error_column;
	lim = csv_limits_of(csv->r);
	out->limit = rec.error == CSV_EFIELD ? lim->field_max : rec.error == CSV_ECOLUMNS
		? lim->columns_max : rec.error == CSV_ERECORD ? lim->record_max : 0;
	for (int k = 0; k < GM_CSV_KEEP_N; k++) {
		out->kept[k] = rec.nfields ? NULL : rec.kept[k].p;
		out->kept_lens[k] = out->kept[k] ? rec.kept[k].len : 0;
	}
	return 1;
}

unsigned long long gm_csv_offset(const gm_csv *csv)
{
	return csv ? (unsigned long long)csv_offset(csv->r) : 0;
}

const char *gm_csv_strerror(gm_csv_error e)
{
	return csv_strerror((enum csv_error)e);
}

gm_status gm_csv_record_error(const gm_csv_record *rec, gm_error *err)
{
	gm_error local;

	if (!err)
		err = &local;
	memset(err, 0, sizeof *err);
	if (!rec || rec->error == GM_CSV_OK)
		return GM_OK;
	err->status = GM_ERR_ANSWER;
	err->line = (int)rec->line;
	err->column = (int)rec->error_column;
	switch (rec->error) {
	case GM_CSV_EUNTERMINATED:
		snprintf(err->message, sizeof err->message,
			 "line %lu: unterminated quoted field (it runs to the end of the input)", rec->line);
		break;
	case GM_CSV_EFIELD:
		snprintf(err->message, sizeof err->message, "line %lu: field %zu is longer than %zu bytes",
			 rec->line, rec->error_column, rec->limit);
		break;
	case GM_CSV_ECOLUMNS:
		snprintf(err->message, sizeof err->message, "line %lu: more than %zu fields", rec->line,
			 rec->limit);
		break;
	case GM_CSV_ERECORD:
		snprintf(err->message, sizeof err->message, "line %lu: record longer than %zu bytes",
			 rec->line, rec->limit);
		break;
	default:
		snprintf(err->message, sizeof err->message, "line %lu, field %zu: %s", rec->line,
			 rec->error_column, csv_strerror((enum csv_error)rec->error));
		break;
	}
	return GM_ERR_ANSWER;
}
