/* answers.c - parses answers as people and files give them (ids, labels, numbers, yes/no) into bit sets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "answers.h"
#include "ascii.h"
#include "bits.h"
#include "labels.h"
#include "scores.h"
#include "jsonparse.h"
#include "quote.h"
#include "text.h"
#include "editdist.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Equal ignoring ASCII case only, whatever the locale. */
#define ieq(a, b, n) ascii_ieq((a), (b), (n))

/* A whole decimal number of at most 9 digits with an optional sign. */
static int parse_int(const char *s, size_t len, int *out)
{
	size_t i = 0;
	int neg = 0, v = 0;

	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len || len - i > 9)
		return 0;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 1;
}

int answers_find_option(const struct gm_question *qq, const char *s, size_t len)
{
	text_trim_space(&s, &len);
	return label_find(qq, s, len, NULL);
}

int gm_parse_yesno(const char *s, size_t len)
{
	return s ? answers_parse_yesno(s, len) : -1;
}

int gm_catalog_option_find(const gm_catalog *cat, size_t question, const char *text, size_t len)
{
	const struct gm_question *qq;

	if (!cat || !text || question >= (size_t)cat->nquestions)
		return -1;
	qq = &cat->questions[question];
	if (qq->kind != Q_SINGLE && qq->kind != Q_MULTI)
		return -1;
	return answers_find_option(qq, text, len);
}

size_t gm_catalog_option_candidates(const gm_catalog *cat, size_t question, const char *text,
				    size_t len, size_t *out, size_t max)
{
	const struct gm_question *qq;
	uint64_t cands;
	size_t n = 0;

	if (!cat || !text || question >= (size_t)cat->nquestions)
		return 0;
	qq = &cat->questions[question];
	if (qq->kind != Q_SINGLE && qq->kind != Q_MULTI)
		return 0;
	text_trim_space(&text, &len);
	label_find(qq, text, len, &cands);
	for (int i = 0; i < qq->noptions; i++) {
		if (!(cands >> i & 1))
			continue;
		if (out && n < max)
			out[n] = (size_t)i;
		n++;
	}
	return n;
}

/* The options in cands named by id, "a, b or c", in out. */
static void name_candidates(char *out, size_t outsz, const struct gm_question *q, uint64_t cands)
{
	int i, left = __builtin_popcountll(cands);
	size_t o = 0;

	out[0] = '\0';
	for (i = 0; i < q->noptions && o < outsz; i++) {
		if (!(cands >> i & 1))
			continue;
		left--;
		o += (size_t)snprintf(out + o, outsz - o, "%s%s", q->options[i].id,
				      left > 1 ? ", " : left == 1 ? " or " : "");
	}
}

static gm_status bad(struct gm_answers *ans, int q, gm_error *err, const char *fmt,
		     const char *text, size_t len, const char *extra)
{
	char quoted[64];

	if (safety_item(ans->cat, q)) {
		safety_add_unclear(ans, q, text, len);	/* positive: never invalid */
	} else {
		ans->invalid |= 1u << q;
		ans->present &= ~(1u << q);
	}
	if (err) {
		quote_text(quoted, sizeof quoted, text, len);
		err->status = GM_ERR_ANSWER;
		err->line = err->column = 0;
		snprintf(err->path, sizeof err->path, "%s", ans->cat->questions[q].id);
		snprintf(err->message, sizeof err->message, fmt, quoted, extra ? extra : "");
	}
	return GM_ERR_ANSWER;
}

/* The question other than q that has an option with id s (its index in
 * *opt), or -1. */
int answers_option_elsewhere(const struct gm_catalog *cat, const struct gm_question *q,
			    const char *s, size_t len, int *opt)
{
	for (int k = 0; k < cat->nquestions; k++) {
		const struct gm_question *other = &cat->questions[k];

		if (other == q || (other->kind != Q_SINGLE && other->kind != Q_MULTI))
			continue;
		for (int i = 0; i < other->noptions; i++)
			if (other->options[i].id_len == len && ieq(other->options[i].id, s, len)) {
				*opt = i;
				return k;
			}
	}
	return -1;
}

/* " ('x' is an option of 'issues')", " (did you mean 'x'?)" or, for
 * short lists, " (one of a, b, c)". */
static void option_hint(char *out, size_t outsz, const struct gm_catalog *cat,
			const struct gm_question *q, const char *s, size_t len)
{
	int i, best = 3, at = -1;
	size_t o;

	out[0] = '\0';
	if ((i = answers_option_elsewhere(cat, q, s, len, &at)) >= 0) {
		snprintf(out, outsz, " ('%s' is an option of '%s')",
			 cat->questions[i].options[at].id, cat->questions[i].id);
		return;
	}
	for (i = 0; i < q->noptions; i++) {
		int d = edit_distance(s, len, q->options[i].id, q->options[i].id_len);
		if (d < best && (size_t)d < len) {
			best = d;
			at = i;
		}
	}
	if (at >= 0) {
		snprintf(out, outsz, " (did you mean '%s'?)", q->options[at].id);
		return;
	}
	/* what would be accepted: every id, or when they do not fit, how many */
	o = (size_t)snprintf(out, outsz, " (one of");
	for (i = 0; i < q->noptions && o < outsz; i++)
		o += (size_t)snprintf(out + o, outsz - o, "%s %s", i ? "," : "", q->options[i].id);
	if (o < outsz)
		o += (size_t)snprintf(out + o, outsz - o, ", or 1-%d)", q->noptions);
	if (o >= outsz)
		snprintf(out, outsz, " (one of the %d options of '%s': an id, a label or 1-%d)",
			 q->noptions, q->id, q->noptions);
}

/* Words why s (len bytes) names no single option of q into msg: it could
 * be several (naming them), or it is none (with a hint). */
void answers_option_problem(char *msg, size_t msgsz, const struct gm_catalog *cat,
			   const struct gm_question *q, const char *s, size_t len)
{
	char quoted[64], more[256];
	uint64_t cands;

	quote_text(quoted, sizeof quoted, s, len);
	if (label_find(q, s, len, &cands) == LABEL_AMBIGUOUS) {
		name_candidates(more, sizeof more, q, cands);
		snprintf(msg, msgsz, "'%s' could be more than one option (%s)", quoted, more);
		return;
	}
	option_hint(more, sizeof more, cat, q, s, len);
	snprintf(msg, msgsz, "'%s' is not an option%s", quoted, more);
}

/* Adds the options named in one piece of a multi answer (between
 * separators) to *set: the piece is an option, or (for "1 3" and "anxiety
 * panic") several separated by blanks.  Returns 0 when something in it
 * names no single option, with *bad and *badlen set to what to report: a
 * word that could be several options, else the whole piece. */
static int add_piece(const struct gm_question *q, const char *s, size_t len, uint64_t *set,
		     const char **bad_at, size_t *bad_len)
{
	int o = label_find(q, s, len, NULL);
	size_t i, start;
	uint64_t words = 0;

	*bad_at = s;
	*bad_len = len;
	if (o >= 0) {
		*set |= (uint64_t)1 << o;
		return 1;
	}
	for (i = 0; i < len && !is_space(s[i]); i++)
		;
	if (i == len || o == LABEL_AMBIGUOUS)
		return 0;
	for (i = 0; i < len;) {
		while (i < len && is_space(s[i]))
			i++;
		start = i;
		while (i < len && !is_space(s[i]))
			i++;
		if (i > start) {
			o = label_find(q, s + start, i - start, NULL);
			if (o < 0) {
				if (o == LABEL_AMBIGUOUS) {
					*bad_at = s + start;
					*bad_len = i - start;
				}
				return 0;
			}
			words |= (uint64_t)1 << o;
		}
	}
	*set |= words;
	return 1;
}

/* Reads the options a multi-choice answer (trimmed, non-empty) names into
 * *set.  A whole label holding a separator is taken before the text is
 * split at ';', '|' and ','.  Returns 0 after wording the problem in msg. */
static int read_choices(const struct gm_catalog *cat, const struct gm_question *q,
			const char *text, size_t len, uint64_t *set, char *msg, size_t msgsz)
{
	size_t i = 0, start, used;
	const char *piece, *bad_at;
	size_t plen, bad_len;
	int o;

	*set = 0;
	if (len == 4 && ieq(text, "none", 4) && q->min == 0 && answers_find_option(q, text, len) < 0)
		return 1;
	while (i < len) {
		while (i < len && is_space(text[i]))
			i++;
		if (i == len)
			break;
		if ((o = label_whole_at(q, text + i, len - i, &used)) >= 0) {
			*set |= (uint64_t)1 << o;
			i += used;
			while (i < len && is_space(text[i]))
				i++;
			i++;	/* the separator after it, if any */
			continue;
		}
		start = i;
		while (i < len && !label_is_separator(text[i]))
			i++;
		piece = text + start;
		plen = i - start;
		text_trim_space(&piece, &plen);
		if (plen && !add_piece(q, piece, plen, set, &bad_at, &bad_len)) {
			answers_option_problem(msg, msgsz, cat, q, bad_at, bad_len);
			return 0;
		}
		i++;
	}
	return 1;
}

/* Checks the number of options chosen against the question's bounds. */
gm_status answers_check_count(struct gm_answers *ans, int q, uint64_t set, gm_error *err,
			     const char *text, size_t len)
{
	const struct gm_question *qq = &ans->cat->questions[q];
	int n = bits_count(set);
	char extra[48];

	if (n < qq->min) {
		snprintf(extra, sizeof extra, "%d", qq->min);
		return bad(ans, q, err, "'%s' chooses too few options (at least %s)", text, len, extra);
	}
	if (n > qq->max) {
		snprintf(extra, sizeof extra, "%d", qq->max);
		return bad(ans, q, err, "'%s' chooses too many options (at most %s)", text, len, extra);
	}
	answers_set_value(ans, q, (int64_t)set);
	return GM_OK;
}

gm_status answers_set_text(struct gm_answers *ans, int q, const char *text, size_t len,
			   gm_error *err)
{
	const struct gm_question *qq = &ans->cat->questions[q];
	char msg[320], range[48];
	int v, o;

	if (q == ans->cat->safety) {
		gm_safety s = gm_safety_decide(text, len);

		if (s == GM_SAFETY_UNCLEAR)
			safety_add_unclear(ans, q, text, len);
		else
			answers_note_safety(ans, s);
		return GM_OK;
	}
	text_trim_space(&text, &len);
	if (!len && safety_item(ans->cat, q))
		return GM_OK;	/* a blank reading adds nothing */
	if (!len) {
		ans->present &= ~(1u << q);
		ans->invalid &= ~(1u << q);
		return GM_OK;
	}
	switch (qq->kind) {
	case Q_YESNO:
		v = answers_parse_yesno(text, len);
		if (v < 0)
			return bad(ans, q, err, "'%s' is not yes or no%s", text, len, NULL);
		answers_set_value(ans, q, v);
		return GM_OK;
	case Q_SCALE:
		snprintf(range, sizeof range, "%d-%d", qq->min, qq->max);
		if (qq->role == ROLE_ITEM && !parse_int(text, len, &v) &&
		    (v = scores_find_answer(ans->cat, text, len)) >= 0) {
			answers_set_value(ans, q, v);	/* a label or its code */
			return GM_OK;
		}
		if (!parse_int(text, len, &v) && qq->role == ROLE_ITEM)
			return bad(ans, q, err, "'%s' is not a number in %s or an answer such as 'several days'",
				   text, len, range);
		if (!parse_int(text, len, &v))
			return bad(ans, q, err, "'%s' is not a whole number in %s", text, len, range);
		if (v < qq->min || v > qq->max)
			return bad(ans, q, err, "'%s' is not in %s", text, len, range);
		answers_set_value(ans, q, v);
		return GM_OK;
	case Q_SINGLE:
		o = answers_find_option(qq, text, len);
		if (o < 0) {
			answers_option_problem(msg, sizeof msg, ans->cat, qq, text, len);
			return bad(ans, q, err, "%.0s%s", text, len, msg);
		}
		answers_set_value(ans, q, (int64_t)((uint64_t)1 << o));
		return GM_OK;
	case Q_MULTI: {
		uint64_t set;

		if (!read_choices(ans->cat, qq, text, len, &set, msg, sizeof msg))
			return bad(ans, q, err, "%.0s%s", text, len, msg);
		return answers_check_count(ans, q, set, err, text, len);
	}
	}
	return GM_ERR_ARG;
}

void answers_mark_invalid(struct gm_answers *ans, int q, const char *msg)
{
	if (safety_item(ans->cat, q)) {
		safety_add_unclear(ans, q, NULL, 0);
		return;
	}
	ans->invalid |= 1u << q;
	ans->present &= ~(1u << q);
	if (!ans->message[0] && msg)
		snprintf(ans->message, sizeof ans->message, "%s", msg);
}

int answers_find_question(const struct gm_catalog *cat, const char *s, size_t len)
{
	for (int i = 0; i < cat->nquestions; i++)
		if (cat->questions[i].id_len == len && ieq(cat->questions[i].id, s, len))
			return i;
	return -1;
}

void answers_note_unknown(struct gm_answers *ans, const char *s, size_t len)
{
	size_t used = strlen(ans->unknown);
	char quoted[64];

	ans->nunknown++;
	if (used >= sizeof ans->unknown - 4 || (used && !strcmp(ans->unknown + used - 3, "...")))
		return;
	quote_text(quoted, sizeof quoted, s, len);
	if (used + strlen(quoted) + 4 + 5 >= sizeof ans->unknown) {
		snprintf(ans->unknown + used, sizeof ans->unknown - used, "%s...", used ? ", " : "");
		return;
	}
	snprintf(ans->unknown + used, sizeof ans->unknown - used, "%s'%s'", used ? ", " : "", quoted);
}

const char *gm_answers_unknown(const gm_answers *ans)
{
	return ans ? ans->unknown : "";
}

void answers_set_value(struct gm_answers *ans, int q, int64_t value)
{
	if (q < 0 || q >= ans->cat->nquestions)
		return;	/* not a question: nothing to store */
	if (safety_item(ans->cat, q)) {
		safety_add_value(ans, q, value);
		return;
	}
	ans->value[q] = value;
	ans->present |= 1u << q;
	ans->invalid &= ~(1u << q);
}

/* --- public API ------------------------------------------------------- */

gm_answers *gm_answers_new(const gm_catalog *cat)
{
	gm_answers *ans;

	if (!cat)
		return NULL;
	ans = calloc(1, sizeof *ans);
	if (ans) {
		ans->cat = cat;
		safety_reset(ans);
	}
	return ans;
}

void gm_answers_free(gm_answers *ans)
{
	free(ans);
}

void gm_answers_clear(gm_answers *ans)
{
	ans->present = ans->invalid = 0;
	ans->safety = GM_SAFETY_MISSING;
	safety_reset(ans);	/* a new record, a new ledger */
	ans->message[0] = '\0';
	ans->nunknown = 0;
	ans->unknown[0] = '\0';
}

/* "unknown question 'x' (one of crisis, goals, ...)": the questions of the
 * main run by id, with the screener items counted, or when they do not
 * fit, how many there are. */
static void known_questions(char *out, size_t outsz, const struct gm_catalog *cat,
			    const char *question)
{
	size_t o = (size_t)snprintf(out, outsz, "unknown question '%.60s' (one of", question);
	int n = 0, items = 0;

	for (int i = 0; i < cat->nquestions && o < outsz; i++) {
		if (cat->questions[i].role == ROLE_ITEM) {
			items++;
			continue;
		}
		o += (size_t)snprintf(out + o, outsz - o, "%s %s", n++ ? "," : "", cat->questions[i].id);
	}
	if (o < outsz && items)
		o += (size_t)snprintf(out + o, outsz - o, ", or one of %d screener items", items);
	if (o < outsz)
		o += (size_t)snprintf(out + o, outsz - o, ")");
	if (o >= outsz)
		snprintf(out, outsz, "unknown question '%.60s' (not one of the catalogue's %d questions)",
			 question, cat->nquestions);
}

static void arg_error(gm_error *err, const struct gm_catalog *cat, const char *question)
{
	const char *names[GM_MAX_QUESTIONS];
	int i, best = 3, at = -1;
	size_t len = strlen(question);

	if (!err)
		return;
	memset(err, 0, sizeof *err);
	err->status = GM_ERR_ARG;
	snprintf(err->path, sizeof err->path, "%.100s", question);
	for (i = 0; i < cat->nquestions; i++) {
		int d;
		names[i] = cat->questions[i].id;
		d = edit_distance(question, len, names[i], cat->questions[i].id_len);
		if (d < best && (size_t)d < len) {
			best = d;
			at = i;
		}
	}
	if (at >= 0)
		snprintf(err->message, sizeof err->message, "unknown question '%.60s' (did you mean '%s'?)",
			 question, names[at]);
	else
		known_questions(err->message, sizeof err->message, cat, question);
}

/* Words the error of question q as the message gm_match reports. */
void answers_note_invalid(struct gm_answers *ans, int q, const gm_error *e)
{
	char msg[400];

	snprintf(msg, sizeof msg, "invalid answer to '%s': %s", ans->cat->questions[q].id, e->message);
	answers_mark_invalid(ans, q, msg);
}

gm_status gm_answers_set(gm_answers *ans, const char *question, const char *value, gm_error *err)
{
	gm_error local;
	int q;

	if (!ans || !question || !value) {
		if (err) {
			memset(err, 0, sizeof *err);
			err->status = GM_ERR_ARG;
			snprintf(err->message, sizeof err->message, "missing argument");
		}
		return GM_ERR_ARG;
	}
	q = answers_find_question(ans->cat, question, strlen(question));
	if (q < 0) {
		arg_error(err, ans->cat, question);
		return GM_ERR_ARG;
	}
	if (answers_set_text(ans, q, value, strlen(value), &local) != GM_OK) {
		answers_note_invalid(ans, q, &local);
		if (err)
			*err = local;
		return GM_ERR_ANSWER;
	}
	return GM_OK;
}

gm_status gm_answers_add(gm_answers *ans, const char *question, const char *value, gm_error *err)
{
	const struct gm_question *qq;
	uint64_t set, old;
	gm_error local;
	char msg[320], extra[48];
	size_t len;
	int q, n;

	if (!ans || !question || !value)
		return gm_answers_set(ans, question, value, err);
	q = answers_find_question(ans->cat, question, strlen(question));
	if (q < 0 || ans->cat->questions[q].kind != Q_MULTI || !(ans->present >> q & 1))
		return gm_answers_set(ans, question, value, err);
	qq = &ans->cat->questions[q];
	old = (uint64_t)ans->value[q];
	len = strlen(value);
	text_trim_space(&value, &len);
	memset(&local, 0, sizeof local);
	if (!len)
		return GM_OK;	/* nothing more */
	if (!read_choices(ans->cat, qq, value, len, &set, msg, sizeof msg)) {
		bad(ans, q, &local, "%.0s%s", value, len, msg);
	} else if ((n = bits_count(old | set)) > qq->max) {
		snprintf(extra, sizeof extra, "%d", qq->max);
		snprintf(msg, sizeof msg, "with '%%s' the answer has %d options, more than the %%s allowed", n);
		bad(ans, q, &local, msg, value, len, extra);
	} else {
		answers_set_value(ans, q, (int64_t)(old | set));
		return GM_OK;
	}
	answers_note_invalid(ans, q, &local);
	if (err)
		*err = local;
	return GM_ERR_ANSWER;
}
