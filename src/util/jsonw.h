/* jsonw.h - a streaming JSON writer into a buf: objects, arrays, compact or indented by two spaces. */
#ifndef GM_JSONW_H
#define GM_JSONW_H

#include <stdint.h>
#include "buf.h"

#define JW_MAX_DEPTH 63

/* Commas, colons and indentation are placed by the writer; the caller
 * only says what comes next.  Memory errors are left in out->oom. */
struct jw {
	struct buf *out;
	int pretty;                /* newline and two-space indent per level */
	int depth;
	int after_key;             /* a key was written, its value comes next */
	uint64_t nonempty;         /* bit d: the container at depth d has an element */
};

void jw_init(struct jw *w, struct buf *out, int pretty);
void jw_object(struct jw *w);
void jw_end_object(struct jw *w);
void jw_array(struct jw *w);
void jw_end_array(struct jw *w);
void jw_key(struct jw *w, const char *key);
/* s as a JSON string, or null when s is NULL. */
void jw_string(struct jw *w, const char *s);
/* s of len bytes (may hold any bytes) as a JSON string. */
void jw_stringn(struct jw *w, const char *s, size_t len);
void jw_int(struct jw *w, long v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);

/* Shorthands for a key and its value. */
void jw_key_string(struct jw *w, const char *key, const char *s);
void jw_key_int(struct jw *w, const char *key, long v);
void jw_key_bool(struct jw *w, const char *key, int v);

#endif
