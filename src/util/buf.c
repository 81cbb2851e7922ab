/* buf.c - a growable byte buffer for building output without stdio per field. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
	b->fixed = 0;
}

void buf_init_fixed(struct buf *b, char *mem, size_t cap)
{
	b->data = mem;
	b->len = 0;
	b->cap = mem ? cap : 0;
	b->oom = 0;
	b->fixed = 1;
}

void buf_release(struct buf *b)
{
	if (!b->fixed)
		free(b->data);
	buf_init(b);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
}

int buf_reserve(struct buf *b, size_t extra)
{
	size_t want, cap;
	char *p;

	if (b->oom)
		return -1;
	want = b->len + extra + 1;	/* room for buf_cstr's NUL */
	if (want <= b->cap)
		return 0;
	if (want < b->len || b->fixed) {
		b->oom = 1;
		return -1;
	}
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->data[b->len++] = c;
		return;
	}
	buf_add(b, &c, 1);
}

void buf_add_int(struct buf *b, long v)
{
	char tmp[24];
	char *p = tmp + sizeof tmp;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	len = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (len > n)
		return 0;
	cp = s[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
	    || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

void buf_add_json_string(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	if (buf_reserve(b, len + 2))
		return;
	b->data[b->len++] = '"';
	while (p < end) {
		const unsigned char *run = p;
		size_t n;

		while (p < end && *p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		if (p == end)
			break;
		if (*p >= 0x80) {
			n = utf8_seq(p, (size_t)(end - p));
			if ((n == 2 && p[0] == 0xC2 && p[1] < 0xA0) ||
			    (n == 3 && p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
							(p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))) {
				/* C1 and bidirectional controls: escaped, so that JSON
				 * shown on a terminal cannot drive it */
				unsigned cp = n == 2 ? p[1] : 0x2000u | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
				char esc[6] = { '\\', 'u', hex[cp >> 12], hex[cp >> 8 & 15],
						hex[cp >> 4 & 15], hex[cp & 15] };
				buf_add(b, esc, 6);
				p += n;
			} else if (n) {
				buf_add(b, p, n);
				p += n;
			} else {
				buf_add(b, "\xEF\xBF\xBD", 3);
				p++;
			}
			continue;
		}
		switch (*p) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default: {
			char esc[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };
			buf_add(b, esc, 6);
		}
		}
		p++;
	}
	buf_addc(b, '"');
}

void buf_add_html(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		const unsigned char *run = p;
		size_t n;

		while (p < end && ((*p >= 0x20 && *p < 0x7F) || *p == '\t' || *p == '\n')
		       && *p != '&' && *p != '<' && *p != '>' && *p != '"' && *p != '\'')
			p++;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		if (p == end)
			break;
		switch (*p) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default:
			if (*p >= 0x80 && (n = utf8_seq(p, (size_t)(end - p)))) {
				buf_add(b, p, n);
				p += n;
				continue;
			}
			buf_add(b, "\xEF\xBF\xBD", 3);
		}
		p++;
	}
}

const char *buf_cstr(struct buf *b)
{
	if (buf_reserve(b, 0))
		return "";
	b->data[b->len] = '\0';
	return b->data;
}

int buf_flush(struct buf *b, FILE *f)
{
	int bad = b->oom;

	if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
		bad = 1;
	b->len = 0;
	return bad ? -1 : 0;
}
