/* header.c - header names: the one normalisation (case, spaces of every kind, invisible characters, a wrong encoding) and the safety items a header almost names. */
#include <string.h>
#include "ascii.h"
#include "model.h"
#include "groupmatch.h"
#include "csv.h"
#include "header.h"
#include "scores.h"

/* What the bytes at u (len > 0) start with: 1 a space of any kind (or
 * '_' or '-', which names use alike), 2 a character that shows nothing
 * (zero-width, a bidirectional mark, a byte order mark in UTF-8, in
 * UTF-16 or read through Latin-1/cp1252, NUL), 0 anything else; *n is
 * its length in bytes. */
static int name_blank(const unsigned char *u, size_t len, size_t *n)
{
	static const struct { const char *b; size_t n; } marks[] = {
		{ "\xEF\xBB\xBF", 3 }, { "\xC3\xAF\xC2\xBB\xC2\xBF", 6 },	/* U+FEFF; as cp1252 */
		{ "\xFF\xFE", 2 }, { "\xFE\xFF", 2 },			/* UTF-16's */
		{ "\xC3\xBF\xC3\xBE", 4 }, { "\xC3\xBE\xC3\xBF", 4 }	/* as Latin-1 */
	};
	unsigned cp;

	*n = 1;
	if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r') || u[0] == '_' || u[0] == '-')
		return 1;
	if (u[0] == '\0' || u[0] == '"')	/* quotes a quoted field kept, as after a BOM */
		return 2;
	if (u[0] < 0x80)
		return 0;
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
		if (len >= marks[k].n && !memcmp(u, marks[k].b, marks[k].n)) {
			*n = marks[k].n;
			return 2;
		}
	if (len >= 2 && u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0x85)) {	/* NBSP, NEL */
		*n = 2;
		return 1;
	}
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xAD) {	/* soft hyphen */
		*n = 2;
		return 2;
	}
	if (len < 3 || (u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
		return 0;
	cp = (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	*n = 3;
	if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
	    || cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return 1;
	if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060
	    || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF)
		return 2;
	*n = 1;
	return 0;
}

/* The one normalisation of a header name (len bytes at s) into out
 * (FOLD_MAX bytes): ASCII case folded, characters that show nothing
 * dropped, and every run of spaces of any kind (with '_' and '-') one
 * '_', none at either end.  "Record ID", "record-id" and "\xC2\xA0Record\xE2\x80\x8B_ID"
 * all fold to "record_id".  Returns the length, FOLD_MAX + 1 when longer. */
size_t name_fold(const char *s, size_t len, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n, o = 0;
	int gap = 0, k;

	for (i = 0; i < len; i += n) {
		if ((k = name_blank(u + i, len - i, &n))) {
			gap |= k == 1;
			continue;
		}
		if (o + 2 > FOLD_MAX)
			return FOLD_MAX + 1;
		if (gap && o)
			out[o++] = '_';
		gap = 0;
		out[o++] = (char)ascii_lower(u[i]);
	}
	return o;
}

/* Whether the names a and b fold alike. */
int name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	char fa[FOLD_MAX], fb[FOLD_MAX];
	size_t la = name_fold(a, alen, fa), lb = name_fold(b, blen, fb);

	return la == lb && la <= FOLD_MAX && !memcmp(fa, fb, la);
}

int name_is(const char *a, size_t alen, const char *b)
{
	return name_eq(a, alen, b, strlen(b));
}

/* s (UTF-8) turned back into the bytes a Latin-1 or cp1252 reading made
 * it of ("\xC3\xAF\xC2\xBB\xC2\xBF" back to a UTF-8 byte order mark), into out
 * (cap bytes); returns the length, or 0 when s holds no such character
 * or one those encodings cannot give. */
static size_t name_unmangle(const char *s, size_t len, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0;
	int high = 0;

	while (i < len && o < cap) {
		unsigned cp;
		int b;

		if (u[i] < 0x80) {
			out[o++] = (char)u[i++];
			continue;
		}
		if ((u[i] & 0xE0) == 0xC0 && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			cp = (unsigned)(u[i] & 0x1F) << 6 | (u[i + 1] & 0x3F);
			i += 2;
		} else if ((u[i] & 0xF0) == 0xE0 && i + 2 < len && (u[i + 1] & 0xC0) == 0x80
			   && (u[i + 2] & 0xC0) == 0x80) {
			cp = (unsigned)(u[i] & 0x0F) << 12 | (unsigned)(u[i + 1] & 0x3F) << 6
				| (u[i + 2] & 0x3F);
			i += 3;
		} else {
			return 0;
		}
		if ((b = csv_byte_of(cp)) < 0)
			return 0;
		out[o++] = (char)b;
		high = 1;
	}
	return high && i == len ? o : 0;
}

/* The safety item (header_safety_item) that the header name s (len
 * bytes), which names no question exactly, names once folded: by id, by
 * its question text or by its LOINC code, read as it is or with a wrong
 * --encoding undone; -1 when none. */
int near_safety_item(const struct gm_catalog *cat, const char *s, size_t len)
{
	char raw[FOLD_MAX];
	size_t rl = name_unmangle(s, len, raw, sizeof raw);

	for (int q = 0; q < cat->nquestions; q++) {
		const struct gm_question *qq = &cat->questions[q];
		const char *names[3] = { qq->id, qq->text, NULL };

		if (!header_safety_item(cat, q))
			continue;
		for (int b = 0; qq->role == ROLE_ITEM && cat->scores && b < cat->scores->nblocks; b++) {
			const struct score_block *sb = &cat->scores->blocks[b];

			if (q >= sb->first && q < sb->first + sb->nitems && sb->item_loinc)
				names[2] = sb->item_loinc[q - sb->first];
		}
		for (int k = 0; k < 3; k++)
			if (names[k] && (name_is(s, len, names[k]) || (rl && name_is(raw, rl, names[k]))))
				return q;
	}
	return -1;
}

int header_safety_item(const struct gm_catalog *cat, int q)
{
	if (!cat || q < 0 || q >= cat->nquestions)
		return 0;
	if (q == cat->safety)
		return 1;
	for (int b = 0; cat->scores && b < cat->scores->nblocks; b++)
		for (int r = 0; r < cat->scores->blocks[b].nrules; r++) {
			const struct score_rule *sr = &cat->scores->blocks[b].rules[r];

			if (sr->on == SCORE_ON_ITEM && sr->item == q
			    && (sr->status == GM_RESULT_REVIEW || sr->status == GM_RESULT_URGENT))
				return 1;
		}
	return 0;
}
