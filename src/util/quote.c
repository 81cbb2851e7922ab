/* quote.c - outside text made safe to echo in a message or show on a terminal. */
#include <string.h>
#include "buf.h"
#include "quote.h"

/* Length of the valid UTF-8 sequence at s (at most len bytes), 0 if none. */
static size_t utf8_length(const unsigned char *s, size_t len)
{
	size_t n, k;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (n > len)
		return 0;
	cp = s[0] & (0x7Fu >> n);
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3Fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* Whether the character of n bytes at s may not reach a terminal as it is. */
static int is_control(const unsigned char *s, size_t n)
{
	if (n == 1)
		return s[0] < 0x20 || s[0] == 0x7F;
	if (n == 2)	/* C1: U+0080-U+009F is C2 80 - C2 9F */
		return s[0] == 0xC2 && s[1] < 0xA0;
	if (n == 3 && s[0] == 0xE2) {
		if (s[1] == 0x80)	/* U+202A-U+202E: embeddings and overrides */
			return s[2] >= 0xAA && s[2] <= 0xAE;
		if (s[1] == 0x81)	/* U+2066-U+2069: isolates */
			return s[2] >= 0xA6 && s[2] <= 0xA9;
	}
	return 0;
}

void quote_text(char *out, size_t outsz, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, n;

	if (!outsz)
		return;
	while (i < len && i < QUOTE_MAX && o + 5 < outsz) {
		n = utf8_length(u + i, len - i);
		/* a character that does not fit whole is shown as '?' too */
		if (!n || is_control(u + i, n) || i + n > QUOTE_MAX || o + n + 4 >= outsz) {
			out[o++] = '?';
			i += n ? n : 1;
			continue;
		}
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	if (i < len && o + 3 < outsz) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

size_t quote_control_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7F) {	/* printable ASCII: most bytes */
			i++;
			continue;
		}
		n = utf8_length(u + i, len - i);
		if (!n)
			n = 1;
		else if (is_control(u + i, n))
			return i;
		i += n;
	}
	return len;
}

/* The one terminal sanitiser: see quote_printable and quote_lines. */
static size_t printable(char *out, const char *s, size_t len, int lines)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, n;

	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7F) {	/* printable ASCII: most bytes */
			out[o++] = s[i++];
			continue;
		}
		n = utf8_length(u + i, len - i);
		if (lines && u[i] == '\n') {
			out[o++] = '\n';
		} else if (!n || is_control(u + i, n)) {
			out[o++] = '?';
		} else {
			memmove(out + o, s + i, n);	/* out may be s */
			o += n;
		}
		i += n ? n : 1;
	}
	return o;
}

size_t quote_printable(char *out, const char *s, size_t len)
{
	return printable(out, s, len, 0);
}

size_t quote_lines(char *out, const char *s, size_t len)
{
	return printable(out, s, len, 1);
}

void quote_add(struct buf *out, const char *s, size_t len)
{
	if (buf_reserve(out, len))
		return;
	out->len += quote_printable(out->data + out->len, s, len);
}

void quote_adds(struct buf *out, const char *s)
{
	if (s)
		quote_add(out, s, strlen(s));
}
