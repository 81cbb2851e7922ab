/* labels.c - option names as people type them: the one matcher of typed text to an option (see labels.h). */
#include <string.h>
#include "ascii.h"
#include "labels.h"

/* Spaces, tabs, hyphens and underscores are alike in names. */
static int is_gap(char c)
{
	return c == ' ' || c == '\t' || c == '-' || c == '_';
}

/* The next character of a name from *i as compared: lowercase ASCII, one
 * ' ' for a run of gaps, -1 at the end (trailing gaps included). */
static int next(const char *s, size_t len, size_t *i)
{
	if (*i >= len)
		return -1;
	if (is_gap(s[*i])) {
		while (*i < len && is_gap(s[*i]))
			(*i)++;
		return *i < len ? ' ' : -1;
	}
	return ascii_lower((unsigned char)s[(*i)++]);
}

int label_same(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	int x, y;

	do {
		x = next(a, alen, &i);
		y = next(b, blen, &j);
		if (x != y)
			return 0;
	} while (x != -1);
	return 1;
}

/* How many characters s has as compared (a run of gaps counts once). */
static size_t name_length(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (next(s, len, &i) != -1)
		n++;
	return n;
}

/* Whether t (tlen) matches name from name[at]: 1 when t is used up, with
 * *end set to where the name goes on; 0 when they differ first. */
static int match_from(const char *t, size_t tlen, const char *name, size_t nlen, size_t at,
		      size_t *end)
{
	size_t i = 0, j = at;
	int x;

	while ((x = next(t, tlen, &i)) != -1)
		if (next(name, nlen, &j) != x)
			return 0;
	*end = j;
	return 1;
}

/* Whether t is the start of name, or a whole word or run of whole words
 * of it. */
static int names_part(const char *t, size_t tlen, const char *name, size_t nlen)
{
	size_t at, end;

	if (!name)
		return 0;
	if (match_from(t, tlen, name, nlen, 0, &end))
		return 1;
	for (at = 1; at < nlen; at++) {
		if (is_gap(name[at]) || !is_gap(name[at - 1]))
			continue;
		if (!match_from(t, tlen, name, nlen, at, &end))
			continue;
		if (end == nlen || is_gap(name[end]))
			return 1;
	}
	return 0;
}

static int all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* A whole decimal number of at most 9 digits. */
static int parse_number(const char *s, size_t len, int *out)
{
	int v = 0;

	if (!len || len > 9)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int label_find(const struct gm_question *q, const char *s, size_t len, uint64_t *cands)
{
	uint64_t exact = 0, part = 0;
	int n, i;

	if (cands)
		*cands = 0;
	if (!len || !q->options)
		return LABEL_NONE;
	if (all_digits(s, len)) {
		/* a number names an option by its position, or none at all */
		size_t k = 0;

		while (k + 1 < len && s[k] == '0')
			k++;
		if (!parse_number(s + k, len - k, &n) || n < 1 || n > q->noptions)
			return LABEL_NONE;
		if (cands)
			*cands = (uint64_t)1 << (n - 1);
		return n - 1;
	}
	/* the common case first: an id as written (the load-time check makes
	 * sure no other option reads the same) */
	for (i = 0; i < q->noptions; i++) {
		const struct gm_option *o = &q->options[i];

		if (o->id && o->id_len == len && ascii_ieq(o->id, s, len)) {
			if (cands)
				*cands = (uint64_t)1 << i;
			return i;
		}
	}
	for (i = 0; i < q->noptions; i++) {
		const struct gm_option *o = &q->options[i];

		if ((o->id && label_same(s, len, o->id, o->id_len)) ||
		    (o->label && label_same(s, len, o->label, o->label_len)))
			exact |= (uint64_t)1 << i;
	}
	if (!exact && name_length(s, len) >= 2) {
		for (i = 0; i < q->noptions; i++) {
			const struct gm_option *o = &q->options[i];

			if (names_part(s, len, o->id, o->id_len) ||
			    names_part(s, len, o->label, o->label_len))
				part |= (uint64_t)1 << i;
		}
	}
	if (!exact)
		exact = part;
	if (cands)
		*cands = exact;
	if (!exact)
		return LABEL_NONE;
	if (exact & (exact - 1))
		return LABEL_AMBIGUOUS;
	return __builtin_ctzll(exact);
}

int label_is_separator(char c)
{
	return c == ';' || c == '|' || c == ',';
}

int label_whole_at(const struct gm_question *q, const char *text, size_t len, size_t *used)
{
	int best = -1;
	size_t best_used = 0;

	/* only a label holding a separator can be cut by a split */
	for (uint64_t sep = q->sep_labels; sep; sep &= sep - 1) {
		int i = __builtin_ctzll(sep);
		const struct gm_option *o = &q->options[i];
		size_t k, end;

		/* the label is used up: end is where the text goes on */
		if (!match_from(o->label, o->label_len, text, len, 0, &end))
			continue;
		k = end;
		while (k < len && (text[k] == ' ' || text[k] == '\t'))
			k++;
		if (k < len && !label_is_separator(text[k]))
			continue;
		if (end > best_used) {
			best = i;
			best_used = end;
		}
	}
	if (best >= 0)
		*used = best_used;
	return best;
}
