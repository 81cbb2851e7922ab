/* jsonparse.c - parses JSON text with cJSON and says where, and why, a text is not JSON. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsonparse.h"
#include "quote.h"

#define STR(x) #x
#define XSTR(x) STR(x)

static void locate(const char *text, size_t off, struct json_fault *f)
{
	size_t i;

	f->line = 1;
	f->column = 1;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			f->line++;
			f->column = 1;
		} else {
			f->column++;
		}
	}
}

static cJSON *fault(const char *text, size_t off, struct json_fault *f, const char *msg)
{
	locate(text, off, f);
	snprintf(f->message, sizeof f->message, "%s", msg);
	return NULL;
}

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] < 0xC2 || s[i] > 0xF4)
			return i;
		n = s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
		if (i + n > len)
			return i;
		cp = s[i] & (0x7F >> n);
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return len;
}

/* Walks text up to off outside strings: the brackets still open there,
 * and where the string still open at the end of the text starts (or len). */
static size_t open_brackets(const char *text, size_t off, size_t len, size_t *open_string)
{
	size_t i, depth = 0, string_at = 0;
	int in_string = 0;

	for (i = 0; i < len; i++) {
		char c = text[i];

		if (i == off && !open_string)
			break;
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
			string_at = i;
		} else if (i < off && (c == '[' || c == '{')) {
			depth++;
		} else if (i < off && (c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	if (open_string)
		*open_string = in_string ? string_at : len;
	return depth;
}

/* One pass over text outside and inside strings: the offset of the first
 * \u0000 in a string (when nul_escape is set) or of the value that passes
 * JSON_MAX_VALUES, with *what saying which; len when neither.  A text
 * with n values has at least n - 1 commas and brackets outside strings,
 * so counting those is an upper bound that needs no parse. */
static size_t scan(const char *text, size_t len, int nul_escape, const char **what)
{
	size_t i, values = 1;
	int in_string = 0;

	for (i = 0; i < len; i++) {
		char c = text[i];

		if (in_string) {
			if (c == '"') {
				in_string = 0;
			} else if (c == '\\' && i + 1 < len) {
				if (nul_escape && text[i + 1] == 'u' && i + 6 <= len &&
				    !memcmp(text + i + 2, "0000", 4)) {
					*what = "\\u0000 (a NUL character) in a string";
					return i;
				}
				i++;
			}
		} else if (c == '"') {
			in_string = 1;
		} else if ((c == ',' || c == '[' || c == '{') && ++values > JSON_MAX_VALUES) {
			*what = "more than " XSTR(JSON_MAX_VALUES) " values in the JSON";
			return i;
		}
	}
	return len;
}

cJSON *json_parse(const char *text, size_t len, int flags, struct json_fault *f)
{
	const char *end = NULL, *nul, *what;
	size_t off, open_string;
	cJSON *root;
	char *copy;

	memset(f, 0, sizeof *f);
	if ((nul = memchr(text, '\0', len)))
		return fault(text, (size_t)(nul - text), f, "NUL byte in the JSON");
	if ((flags & JSON_CHECK_UTF8) &&
	    (off = utf8_invalid_at((const unsigned char *)text, len)) < len)
		return fault(text, off, f, "invalid UTF-8");
	if ((off = scan(text, len, flags & JSON_NO_NUL_ESCAPE, &what)) < len)
		return fault(text, off, f, what);
	/* A copy with a terminating NUL: cJSON then reports running out of text
	 * at offset len, which tells a cut-short text from a mistake in its
	 * last byte. */
	if (!(copy = malloc(len + 1)))
		return fault(text, 0, f, "out of memory");
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (len >= 3 && !memcmp(copy, "\xEF\xBB\xBF", 3))
		memset(copy, ' ', 3);
	if (!copy[strspn(copy, " \t\r\n")]) {
		free(copy);
		return fault(text, 0, f, "empty file: expected JSON");
	}
	root = cJSON_ParseWithOpts(copy, &end, 0);
	off = end ? (size_t)(end - copy) : 0;
	if (off > len)
		off = len;
	if (root) {
		size_t after = off + strspn(copy + off, " \t\r\n");
		if (copy[after]) {
			cJSON_Delete(root);
			root = NULL;
			fault(text, after, f, "unexpected text after the JSON value");
		}
	} else if (open_brackets(copy, off, len, NULL) >= CJSON_NESTING_LIMIT) {
		fault(text, off, f, "JSON nested more than " XSTR(CJSON_NESTING_LIMIT) " levels deep");
	} else if (!copy[off + strspn(copy + off, " \t\r\n")] ||
		   (open_brackets(copy, off, len, &open_string), off + 1 >= open_string)) {
		fault(text, len, f, "unexpected end of JSON: the text is cut short");
	} else {
		char near[64];
		size_t n = strnlen(copy + off, 12);

		n = strcspn(copy + off, "\r\n") < n ? strcspn(copy + off, "\r\n") : n;
		quote_text(near, sizeof near, copy + off, n);
		locate(text, off, f);
		snprintf(f->message, sizeof f->message, "JSON syntax error near '%s'", near);
	}
	free(copy);
	return root;
}
