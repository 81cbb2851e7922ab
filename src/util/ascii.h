/* ascii.h - ASCII-only case folding: names and ids compare the same whatever the locale. */
#ifndef GM_ASCII_H
#define GM_ASCII_H

#include <stddef.h>
#include <string.h>

static inline unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Whether the n bytes at a and b are equal ignoring ASCII case (and only
 * ASCII case: 'I' is 'i' in every locale, Turkish included). */
static inline int ascii_ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Whether a (alen bytes) equals the string b ignoring ASCII case. */
static inline int ascii_ieq_str(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && ascii_ieq(a, b, alen);
}

/* Whether the name a (alen bytes) is the string b in any ASCII case, with
 * spaces, hyphens and underscores alike: "Record ID" is record_id. */
static inline int ascii_name_eq(const char *a, size_t alen, const char *b)
{
	if (strlen(b) != alen)
		return 0;
	for (size_t i = 0; i < alen; i++) {
		unsigned char x = ascii_lower((unsigned char)a[i]), y = ascii_lower((unsigned char)b[i]);

		if (x == ' ' || x == '-')
			x = '_';
		if (y == ' ' || y == '-')
			y = '_';
		if (x != y)
			return 0;
	}
	return 1;
}

#endif
