/* safety.c - the safety answer and the safety ledger: every reading of a safety item, kept at its most severe. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "answers.h"
#include "ascii.h"
#include "catalog.h"
#include "quote.h"
#include "safety.h"
#include "scores.h"
#include "text.h"

/* --- the one yes/no reading ------------------------------------------ */

int answers_parse_yesno(const char *s, size_t len)
{
	text_trim_space(&s, &len);
	switch (len) {
	case 1:
		if (*s == '1' || (*s | 0x20) == 'y') return 1;
		if (*s == '0' || (*s | 0x20) == 'n') return 0;
		break;
	case 2:
		if (ascii_ieq(s, "no", 2)) return 0;
		break;
	case 3:
		if (ascii_ieq(s, "yes", 3) || ascii_ieq(s, "yep", 3)) return 1;
		break;
	case 4:
		if (ascii_ieq(s, "true", 4) || ascii_ieq(s, "yeah", 4)) return 1;
		if (ascii_ieq(s, "nope", 4)) return 0;
		break;
	case 5:
		if (ascii_ieq(s, "false", 5)) return 0;
		break;
	case 7:
		if (ascii_ieq(s, "checked", 7)) return 1;
		break;
	case 9:
		if (ascii_ieq(s, "unchecked", 9)) return 0;
		break;
	}
	return -1;
}

/* --- the safety answer ------------------------------------------------ */

gm_safety gm_safety_decide(const char *text, size_t len)
{
	int v;

	if (!text)
		return GM_SAFETY_MISSING;
	text_trim_space(&text, &len);
	if (!len)
		return GM_SAFETY_MISSING;
	if (memchr(text, '\0', len))	/* "\0yes" must not read as anything clear */
		return GM_SAFETY_UNCLEAR;
	v = answers_parse_yesno(text, len);
	return v == 1 ? GM_SAFETY_YES : v == 0 ? GM_SAFETY_NO : GM_SAFETY_UNCLEAR;
}

int gm_safety_doubtful(const char *text, size_t len)
{
	static const char *const doubt[] = { "unsure", "not sure", "maybe", "perhaps", "possibly",
		"know", "dunno", "idk", "certain", "sometimes", "kind of", "sort of", "a bit",
		"a little", "probably", "might", "not really", NULL };
	char low[128];
	size_t i;

	if (!text)
		return 0;
	text_trim_space(&text, &len);
	if (!len || len >= sizeof low)
		return 0;
	for (i = 0; i < len; i++)
		low[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] + 32)
			: text[i] == '\'' || text[i] == '\xE2' ? '\'' : text[i];
	low[len] = '\0';
	for (i = 0; doubt[i]; i++)
		if (strstr(low, doubt[i]))
			return 1;
	return 0;
}

int gm_safety_positive(gm_safety s)
{
	return s == GM_SAFETY_YES || s == GM_SAFETY_UNCLEAR;
}

const char *gm_safety_name(gm_safety s)
{
	static const char *const names[] = { "missing", "no", "unclear", "yes" };

	return (unsigned)s < 4 ? names[s] : "unclear";
}

gm_safety gm_answers_safety(const gm_answers *ans)
{
	return ans ? ans->safety : GM_SAFETY_MISSING;
}

/* --- the ledger ------------------------------------------------------- */

/* Remembers the first lowering of q: from the value kept to a lower reading. */
static void note_lowered(struct safety_ledger *l, int q, int from, int to)
{
	if (l->lowered >> q & 1)
		return;
	l->lowered |= 1u << q;
	l->from[q] = (signed char)from;
	l->to[q] = (signed char)to;
}

/* The severity order of the safety answer is the enum's: missing, no,
 * unclear, yes.  The most severe reading is kept. */
void answers_note_safety(struct gm_answers *ans, gm_safety s)
{
	int q = ans->cat->safety;
	gm_safety old = ans->safety;

	if (q < 0 || s == GM_SAFETY_MISSING)
		return;
	if (s < old)
		note_lowered(&ans->ledger, q, (int)old, (int)s);
	if (s < old)
		s = old;	/* a more severe answer stays */
	ans->safety = s;
	ans->value[q] = gm_safety_positive(s);
	ans->present |= 1u << q;
	ans->invalid &= ~(1u << q);
}

void safety_add_value(struct gm_answers *ans, int q, int64_t v)
{
	uint32_t bit = 1u << q;

	if (q == ans->cat->safety) {
		answers_note_safety(ans, v == 1 ? GM_SAFETY_YES : v == 0 ? GM_SAFETY_NO
				    : GM_SAFETY_UNCLEAR);
		return;
	}
	ans->invalid &= ~bit;
	if ((ans->present & bit) && v < ans->value[q]) {
		note_lowered(&ans->ledger, q, (int)ans->value[q], (int)v);
		return;
	}
	ans->value[q] = v;
	ans->present |= bit;
}

/* Keeps text, quoted and cut, in out when out is still empty. */
static void keep_text(char *out, size_t outsz, const char *text, size_t len)
{
	if (out[0] || !text)
		return;
	text_trim_space(&text, &len);
	quote_text(out, outsz, text, len);
	if (!out[0])
		snprintf(out, outsz, "%s", " ");	/* a reading with nothing to show */
}

void safety_add_unclear(struct gm_answers *ans, int q, const char *text, size_t len)
{
	struct safety_ledger *l = &ans->ledger;

	ans->invalid &= ~(1u << q);
	if (q == ans->cat->safety) {
		keep_text(l->crisis_text, sizeof l->crisis_text, text, len);
		answers_note_safety(ans, GM_SAFETY_UNCLEAR);
		return;
	}
	if (!(l->unclear >> q & 1) || !l->item_text[0]) {
		if (!l->item_text[0] && text) {
			keep_text(l->item_text, sizeof l->item_text, text, len);
			l->item_q = (signed char)q;
		}
	}
	l->unclear |= 1u << q;
}

void safety_reset(struct gm_answers *ans)
{
	ans->ledger.unclear = ans->ledger.lowered = 0;
	ans->ledger.crisis_text[0] = ans->ledger.item_text[0] = '\0';
	ans->ledger.item_q = -1;
}

void safety_keep(struct gm_answers *ans, const struct gm_answers *old)
{
	struct safety_ledger *l = &ans->ledger;
	const struct safety_ledger *o = &old->ledger;
	uint32_t items = ans->cat->safety_items;

	if (ans->cat->safety >= 0)
		items &= ~(1u << ans->cat->safety);
	answers_note_safety(ans, old->safety);
	for (uint32_t m = items & old->present; m; m &= m - 1) {
		int q = __builtin_ctz(m);

		if ((ans->present >> q & 1) && ans->value[q] < old->value[q])
			note_lowered(l, q, (int)old->value[q], (int)ans->value[q]);
		if (!(ans->present >> q & 1) || ans->value[q] < old->value[q]) {
			ans->value[q] = old->value[q];
			ans->present |= 1u << q;
		}
		ans->invalid &= ~(1u << q);
	}
	for (uint32_t m = o->lowered & ~l->lowered; m; m &= m - 1) {
		int q = __builtin_ctz(m);

		note_lowered(l, q, o->from[q], o->to[q]);
	}
	l->unclear |= o->unclear;
	if (!l->crisis_text[0])
		memcpy(l->crisis_text, o->crisis_text, sizeof l->crisis_text);
	if (!l->item_text[0] && o->item_text[0]) {
		memcpy(l->item_text, o->item_text, sizeof l->item_text);
		l->item_q = o->item_q;
	}
}

/* --- the notes -------------------------------------------------------- */

void safety_item_name(const struct gm_catalog *cat, int q, char *out, size_t outsz)
{
	const struct score_block *blk = NULL;
	const char *name, *cut;

	for (int i = 0; cat->scores && i < cat->scores->nblocks; i++)
		if (q >= cat->scores->blocks[i].first &&
		    q < cat->scores->blocks[i].first + cat->scores->blocks[i].nitems)
			blk = &cat->scores->blocks[i];
	if (!blk) {
		snprintf(out, outsz, "'%s'", cat->questions[q].id);
		return;
	}
	name = blk->name ? blk->name : blk->id;
	cut = strstr(name, " (");
	snprintf(out, outsz, "%.*s item %d", (int)(cut ? (size_t)(cut - name) : strlen(name)), name,
		 q - blk->first + 1);
}

/* Appends one note, with "; " between notes. */
static void add(char *out, size_t outsz, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(char *out, size_t outsz, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len + 3 >= outsz)
		return;
	if (*len) {
		memcpy(out + *len, "; ", 3);
		*len += 2;
	}
	va_start(ap, fmt);
	n = vsnprintf(out + *len, outsz - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n < outsz - *len ? (size_t)n : outsz - *len - 1;
}

/* The label of item value v in lowercase ("nearly every day") in out. */
static const char *value_label(const struct gm_catalog *cat, int v, char *out, size_t outsz)
{
	const char *label = cat->scores && v >= 0 && v < cat->scores->nlabels
		? cat->scores->labels[v] : NULL;
	size_t i;

	if (!label || !outsz)
		return NULL;
	for (i = 0; label[i] && i + 1 < outsz; i++)
		out[i] = (char)ascii_lower((unsigned char)label[i]);
	out[i] = '\0';
	return out;
}

size_t safety_notes(const struct gm_answers *a, const struct score_result *sr, char *out,
		    size_t outsz)
{
	const struct gm_catalog *cat = a->cat;
	const struct safety_ledger *l = &a->ledger;
	char name[64], label[48];
	size_t len = 0;
	int q = cat->safety;

	if (!outsz)
		return 0;
	out[0] = '\0';
	if (q >= 0 && a->safety == GM_SAFETY_YES)
		add(out, outsz, &len, "safety question answered yes");
	else if (q >= 0 && a->safety == GM_SAFETY_UNCLEAR && l->crisis_text[0] > ' ')
		add(out, outsz, &len, "unclear answer '%s' to the safety question: ask again today",
		    l->crisis_text);
	else if (q >= 0 && a->safety == GM_SAFETY_UNCLEAR)
		add(out, outsz, &len, "unclear answer to the safety question: ask again today");
	if (q >= 0 && (l->lowered >> q & 1))
		add(out, outsz, &len, "safety question changed from %s to %s in this input",
		    gm_safety_name((gm_safety)l->from[q]), gm_safety_name((gm_safety)l->to[q]));
	for (uint32_t m = cat->safety_items & ~(q >= 0 ? 1u << q : 0); m; m &= m - 1) {
		int k = __builtin_ctz(m);

		safety_item_name(cat, k, name, sizeof name);
		if ((a->present >> k & 1) && a->value[k] > 0 &&
		    value_label(cat, (int)a->value[k], label, sizeof label))
			add(out, outsz, &len, "%s = %d (%s)", name, (int)a->value[k], label);
		else if ((a->present >> k & 1) && a->value[k] > 0)
			add(out, outsz, &len, "%s = %d", name, (int)a->value[k]);
		if ((l->unclear >> k & 1) && l->item_q == k && l->item_text[0] > ' ')
			add(out, outsz, &len, "unclear answer '%s' to %s: ask it again today",
			    l->item_text, name);
		else if (l->unclear >> k & 1)
			add(out, outsz, &len, "unclear answer to %s: ask it again today", name);
		if (l->lowered >> k & 1)
			add(out, outsz, &len, "%s changed from %d to %d in this input", name,
			    l->from[k], l->to[k]);
		if (sr && sr->missing >> k & 1)
			add(out, outsz, &len, "%s not answered: ask it today", name);
	}
	for (int b = 0; sr && b < sr->nblocks; b++) {
		const struct score_outcome *o = &sr->out[b];
		const struct score_block *blk = &cat->scores->blocks[b];
		const char *bn = blk->name ? blk->name : blk->id, *cut = strstr(bn, " (");

		if (!o->answered || o->answered == blk->nitems || o->total >= 0)
			continue;
		if (o->bound)	/* a rule fired on what is known so far */
			add(out, outsz, &len, "%.*s incomplete: answered items already sum to %d",
			    (int)(cut ? (size_t)(cut - bn) : strlen(bn)), bn, o->sum);
	}
	return len;
}

/* --- the catalogue's safety items ------------------------------------- */

void safety_mark_items(struct gm_catalog *cat)
{
	cat->safety_items = cat->safety >= 0 ? 1u << cat->safety : 0;
	for (int i = 0; cat->scores && i < cat->scores->nblocks; i++) {
		const struct score_block *b = &cat->scores->blocks[i];

		for (int k = 0; k < b->nrules; k++)
			if (b->rules[k].on == SCORE_ON_ITEM && b->rules[k].item >= 0 &&
			    (b->rules[k].status == GM_RESULT_REVIEW || b->rules[k].status == GM_RESULT_URGENT))
				cat->safety_items |= 1u << b->rules[k].item;
	}
}
