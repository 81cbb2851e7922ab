/* text.c - plain text: display width, word wrapping, bars, CSV fields. */
#include <string.h>
#include "text.h"

int text_columns(const char *s, size_t len)
{
	int n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

void text_bar(struct buf *out, int percent, int width, int utf8)
{
	int filled, i;

	if (percent < 0)
		percent = 0;
	if (percent > 100)
		percent = 100;
	filled = (percent * width + 50) / 100;
	for (i = 0; i < width; i++) {
		if (utf8)
			buf_adds(out, i < filled ? "\u2588" : "\u2591");
		else
			buf_addc(out, i < filled ? '#' : '.');
	}
}

static void spaces(struct buf *out, int n)
{
	while (n-- > 0)
		buf_addc(out, ' ');
}

void text_wrap(struct buf *out, const char *text, int indent, int width)
{
	int col = indent, avail = width > indent + 20 ? width : indent + 20;
	const char *p = text;

	while (*p) {
		const char *w = p;
		int wl;

		while (*w == ' ')
			w++;
		if (*w == '\n') {	/* explicit line break */
			buf_addc(out, '\n');
			spaces(out, indent);
			col = indent;
			p = w + 1;
			continue;
		}
		p = w;
		while (*p && *p != ' ' && *p != '\n')
			p++;
		if (p == w)
			break;
		wl = text_columns(w, (size_t)(p - w));
		if (col > indent && col + 1 + wl > avail) {
			buf_addc(out, '\n');
			spaces(out, indent);
			col = indent;
		} else if (col > indent) {
			buf_addc(out, ' ');
			col++;
		}
		buf_add(out, w, (size_t)(p - w));
		col += wl;
	}
}

void text_wrap_lines(struct buf *out, const char *text, int width)
{
	struct buf line = BUF_INIT;
	const char *p = text, *nl;

	for (;;) {
		int item;

		nl = strchr(p, '\n');
		buf_reset(&line);
		buf_add(&line, p, nl ? (size_t)(nl - p) : strlen(p));
		item = line.len >= 2 && p[0] == '-' && p[1] == ' ';
		text_wrap(out, buf_cstr(&line), item ? 2 : 0, width);
		if (!nl)
			break;
		buf_addc(out, '\n');
		p = nl + 1;
	}
	buf_release(&line);
}

int text_csv_formula(const char *s, size_t len)
{
	size_t i = 0;

	if (len && (s[0] == '\t' || s[0] == '\r'))
		return 1;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i < len && (s[i] == '=' || s[i] == '+' || s[i] == '-' || s[i] == '@');
}

char *text_csv_put(char *w, const char *s, size_t len, unsigned flags)
{
	int guard = !(flags & TEXT_CSV_RAW) && text_csv_formula(s, len);
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			break;
	if (i == len) {
		if (guard)
			*w++ = '\'';
		memcpy(w, s, len);
		return w + len;
	}
	*w++ = '"';
	if (guard)
		*w++ = '\'';
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			*w++ = '"';
		*w++ = s[i];
	}
	*w++ = '"';
	return w;
}

void text_csv_cell(struct buf *out, const char *s, size_t len, unsigned flags)
{
	if (!s)
		return;
	if (len > ((size_t)-1 - 3) / 2 || buf_reserve(out, TEXT_CSV_ROOM(len))) {
		out->oom = 1;
		return;
	}
	out->len = (size_t)(text_csv_put(out->data + out->len, s, len, flags) - out->data);
}

void text_csv_field(struct buf *out, const char *s, size_t len)
{
	text_csv_cell(out, s, len, 0);
}

void text_trim_blanks(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void text_trim_space(const char **s, size_t *len)
{
	while (*len && is_space(**s))
		(*s)++, (*len)--;
	while (*len && is_space((*s)[*len - 1]))
		(*len)--;
}

void text_csv_cstr(struct buf *out, const char *s, unsigned flags)
{
	if (s)
		text_csv_cell(out, s, strlen(s), flags);
}

void text_csv_str(struct buf *out, const char *s)
{
	text_csv_cstr(out, s, 0);
}
