/* buf.h - a growable byte buffer for building output without stdio per field. */
#ifndef GM_BUF_H
#define GM_BUF_H

#include <stddef.h>
#include <stdio.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	int oom;                   /* an allocation failed; later adds are dropped */
	int fixed;                 /* data is the caller's memory: never grown nor freed */
};

#define BUF_INIT { NULL, 0, 0, 0, 0 }

void buf_init(struct buf *b);
/* A buffer over the caller's cap bytes at mem: adds that would not fit
 * (with room for a NUL) are dropped and set oom; release does not free. */
void buf_init_fixed(struct buf *b, char *mem, size_t cap);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);          /* len = 0, keeps memory */
int buf_reserve(struct buf *b, size_t extra);  /* 0 on success */
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_add_int(struct buf *b, long v);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* s (len bytes) as a JSON string with its quotes; invalid UTF-8 becomes
 * U+FFFD, and control characters (C0, DEL, C1) and bidirectional controls
 * (U+202A-U+202E, U+2066-U+2069) are written as \u escapes. */
void buf_add_json_string(struct buf *b, const char *s, size_t len);
/* s (len bytes) as HTML text, safe inside an element or a quoted
 * attribute: & < > " ' as entities, invalid UTF-8 and control bytes other
 * than tab and newline as U+FFFD. */
void buf_add_html(struct buf *b, const char *s, size_t len);
/* A NUL-terminated view of the contents (the NUL is not counted in len). */
const char *buf_cstr(struct buf *b);
/* Writes the contents to f and resets; returns 0, or -1 on a write error. */
int buf_flush(struct buf *b, FILE *f);

#endif
