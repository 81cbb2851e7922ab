/* jsonparse.h - parses JSON text with cJSON and says where, and why, a text is not JSON. */
#ifndef GM_JSONPARSE_H
#define GM_JSONPARSE_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct json_fault {
	int line;                  /* 1-based */
	int column;                /* 1-based, in bytes */
	char message[96];
};

enum {
	JSON_CHECK_UTF8 = 1,       /* invalid UTF-8 anywhere is a fault */
	JSON_NO_NUL_ESCAPE = 2     /* \u0000 in a string is a fault (cJSON would cut the string there) */
};

/* At most this many values (objects, arrays, members, elements) in one
 * text: a tree node costs about 64 bytes however short its text, so the
 * cap keeps a parse within a few MB more than the text itself. */
#define JSON_MAX_VALUES 100000

/* Parses len bytes of text (need not be NUL-terminated; a leading UTF-8
 * byte order mark counts as white space).  Returns the tree (free it with
 * cJSON_Delete), or NULL with the first fault in *f: a NUL byte, invalid
 * UTF-8 (with JSON_CHECK_UTF8), \u0000 (with JSON_NO_NUL_ESCAPE), more
 * than JSON_MAX_VALUES values, an empty text, a text cut short, nesting
 * past cJSON's limit, text after the value, or a syntax error. */
cJSON *json_parse(const char *text, size_t len, int flags, struct json_fault *f);

#endif
