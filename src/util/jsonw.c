/* jsonw.c - a streaming JSON writer into a buf: objects, arrays, compact or indented by two spaces. */
#include <string.h>
#include "jsonw.h"

void jw_init(struct jw *w, struct buf *out, int pretty)
{
	w->out = out;
	w->pretty = pretty;
	w->depth = 0;
	w->after_key = 0;
	w->nonempty = 0;
}

static void newline(struct jw *w, int depth)
{
	int i;

	if (!w->pretty)
		return;
	buf_addc(w->out, '\n');
	for (i = 0; i < depth; i++)
		buf_add(w->out, "  ", 2);
}

/* What goes before any value or key: a comma and a new line, except
 * right after a key. */
static void before(struct jw *w)
{
	uint64_t bit;

	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	bit = (uint64_t)1 << w->depth;
	if (w->nonempty & bit)
		buf_addc(w->out, ',');
	w->nonempty |= bit;
	newline(w, w->depth);
}

static void begin(struct jw *w, char c)
{
	before(w);
	buf_addc(w->out, c);
	if (w->depth < JW_MAX_DEPTH)
		w->depth++;
	w->nonempty &= ~((uint64_t)1 << w->depth);
}

static void end(struct jw *w, char c)
{
	if (w->depth > 0) {
		if (w->nonempty & ((uint64_t)1 << w->depth))
			newline(w, w->depth - 1);
		w->depth--;
	}
	buf_addc(w->out, c);
	if (w->depth == 0 && w->pretty)
		buf_addc(w->out, '\n');
}

void jw_object(struct jw *w) { begin(w, '{'); }
void jw_end_object(struct jw *w) { end(w, '}'); }
void jw_array(struct jw *w) { begin(w, '['); }
void jw_end_array(struct jw *w) { end(w, ']'); }

void jw_key(struct jw *w, const char *key)
{
	before(w);
	buf_add_json_string(w->out, key, strlen(key));
	buf_adds(w->out, w->pretty ? ": " : ":");
	w->after_key = 1;
}

void jw_string(struct jw *w, const char *s)
{
	before(w);
	if (s)
		buf_add_json_string(w->out, s, strlen(s));
	else
		buf_adds(w->out, "null");
}

void jw_stringn(struct jw *w, const char *s, size_t len)
{
	before(w);
	buf_add_json_string(w->out, s, len);
}

void jw_int(struct jw *w, long v)
{
	before(w);
	buf_add_int(w->out, v);
}

void jw_bool(struct jw *w, int v)
{
	before(w);
	buf_adds(w->out, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	before(w);
	buf_adds(w->out, "null");
}

void jw_key_string(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void jw_key_int(struct jw *w, const char *key, long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_key_bool(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	jw_bool(w, v);
}
