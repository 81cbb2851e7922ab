/* report.c - a match result as a text report with bars for people, or as the JSON object. */
#include <stdint.h>
#include <string.h>
#include "jsonw.h"
#include "report.h"
#include "rules.h"
#include "text.h"

#define BAR_CELLS 20
#define BAR_MIN 10

#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_RED "\033[1;31m"
#define SGR_GREEN "\033[32m"
#define SGR_YELLOW "\033[33m"
#define SGR_RESET "\033[0m"

void report_catalog_object(struct jw *w, const struct gm_catalog *cat)
{
	jw_object(w);
	jw_key_string(w, "name", cat->name);
	jw_key_string(w, "version", cat->version);
	jw_key_string(w, "sha256", cat->sha256);
	jw_end_object(w);
}

void report_catalog_line(struct buf *out, const struct gm_catalog *cat, int hexlen)
{
	if (cat->name)
		buf_addf(out, "%s, ", cat->name);
	if (cat->version)
		buf_addf(out, "version %s, ", cat->version);
	buf_addf(out, "sha256 %.*s", hexlen, cat->sha256);
}

size_t gm_catalog_provenance(const gm_catalog *cat, int hexlen, char *buf, size_t cap)
{
	struct buf line = BUF_INIT;
	size_t len = 0;

	if (cat && hexlen >= 0) {
		report_catalog_line(&line, cat, hexlen > 64 ? 64 : hexlen);
		len = line.oom ? 0 : line.len;
	}
	if (cap) {
		size_t n = len < cap ? len : cap - 1;

		if (n)
			memcpy(buf, line.data, n);
		buf[n] = '\0';
	}
	buf_release(&line);
	return len;
}

/* The changes array: {"question":..., "to":..., "first":...} each, "to"
 * in the form of an answers file (a string, an array of strings, true or
 * false, or a number). */
void report_json_changes(struct jw *w, const struct gm_result *res)
{
	const struct gm_catalog *cat = res->cat;
	int i, k;

	jw_array(w);
	for (i = 0; i < res->nchanges; i++) {
		const struct gm_change *c = &res->changes[i];
		const struct gm_question *q = &cat->questions[c->question];

		jw_object(w);
		jw_key_string(w, "question", q->id);
		jw_key(w, "to");
		switch (q->kind) {
		case Q_YESNO:
			jw_bool(w, (int)c->value);
			break;
		case Q_SCALE:
			jw_int(w, (long)c->value);
			break;
		case Q_SINGLE:
			jw_string(w, q->options[__builtin_ctzll((uint64_t)c->value)].id);
			break;
		case Q_MULTI:
			jw_array(w);
			for (k = 0; k < q->noptions; k++)
				if ((uint64_t)c->value >> k & 1)
					jw_string(w, q->options[k].id);
			jw_end_array(w);
			break;
		}
		jw_key_string(w, "first", cat->groups[c->first].id);
		jw_end_object(w);
	}
	jw_end_array(w);
}

/* The "scores" object in compact form: only for records with score items,
 * so it is built with checked appends rather than from prepared pieces. */
void report_json_scores(struct buf *out, const struct gm_result *res)
{
	const struct gm_catalog *cat = res->cat;
	int first = 1;

	buf_addc(out, '{');
	for (size_t i = 0; i < gm_catalog_score_block_count(cat); i++) {
		size_t n = gm_result_score_rule_count(res, i);
		const char *band = gm_result_score_band(res, i);
		const char *id = gm_catalog_score_block_id(cat, i);

		if (!gm_result_score_answered(res, i))
			continue;
		if (!first)
			buf_addc(out, ',');
		first = 0;
		buf_add_json_string(out, id, strlen(id));
		buf_adds(out, ":{\"total\":");
		if (gm_result_score_total(res, i) >= 0)
			buf_add_int(out, gm_result_score_total(res, i));
		else
			buf_adds(out, "null");
		buf_adds(out, ",\"band\":");
		if (band)
			buf_add_json_string(out, band, strlen(band));
		else
			buf_adds(out, "null");
		buf_addf(out, ",\"answered\":%zu,\"items\":%zu,\"prorated\":%s,\"rules\":[",
			 gm_result_score_answered(res, i), gm_catalog_score_block_items(cat, i),
			 gm_result_score_prorated(res, i) ? "true" : "false");
		for (size_t k = 0; k < n; k++) {
			const char *rid = gm_result_score_rule(res, i, k);
			const char *why = gm_result_score_rule_reason(res, i, k);

			buf_adds(out, k ? ",{\"id\":" : "{\"id\":");
			buf_add_json_string(out, rid, strlen(rid));
			buf_adds(out, ",\"reason\":");
			buf_add_json_string(out, why, strlen(why));
			buf_addc(out, '}');
		}
		buf_adds(out, "]}");
	}
	buf_addc(out, '}');
}

void report_json_pretty(struct buf *out, const struct gm_result *res, const char *id,
			size_t idlen, struct jw *jw)
{
	const struct gm_catalog *cat = res->cat;
	struct jw w;
	int i, k;

	jw_init(&w, out, 1);
	jw_object(&w);
	jw_key(&w, "id");
	if (id)
		jw_stringn(&w, id, idlen);
	else
		jw_null(&w);
	jw_key_string(&w, "status", gm_result_status_name(res));
	jw_key_string(&w, "safety", gm_safety_name(res->safety));
	jw_key(&w, "ranking");
	jw_array(&w);
	for (i = 0; i < res->nranked; i++) {
		const struct gm_ranked *r = &res->ranked[i];
		const struct gm_group *g = &cat->groups[r->group];

		jw_object(&w);
		jw_key_int(&w, "rank", i + 1);
		jw_key_string(&w, "group", g->id);
		jw_key_string(&w, "name", g->name);
		jw_key_int(&w, "score", r->score);
		jw_key_int(&w, "max", g->max);
		jw_key_int(&w, "percent", r->percent);
		jw_key_string(&w, "fit", rules_fit_name(rules_fit(res, r)));
		jw_key_bool(&w, "near_tie", rules_near_tie(res, i));
		jw_key(&w, "reasons");
		jw_array(&w);
		for (k = 0; k < g->npositive; k++)
			if (r->matched >> k & 1)
				jw_string(&w, g->criteria[k].reason);
		jw_end_array(&w);
		jw_key(&w, "cautions");
		jw_array(&w);
		for (k = g->npositive; k < g->ncriteria; k++)
			if (r->matched >> k & 1)
				jw_string(&w, g->criteria[k].reason);
		jw_end_array(&w);
		jw_end_object(&w);
	}
	jw_end_array(&w);
	jw_key(&w, "setting");
	if (res->advice >= 0) {
		jw_object(&w);
		jw_key_string(&w, "advice", cat->advice[res->advice].id);
		jw_key_int(&w, "readiness", res->readiness);
		jw_key_int(&w, "readiness_max", cat->readiness_max);
		jw_key(&w, "comfort");
		if (res->comfort >= 0)
			jw_int(&w, res->comfort);
		else
			jw_null(&w);
		jw_key_string(&w, "text", cat->advice[res->advice].text);
		jw_key(&w, "because");
		jw_array(&w);
		for (uint32_t set = res->because; set; set &= set - 1)
			jw_string(&w, cat->modifiers[__builtin_ctz(set)].crit.reason);
		for (i = 0; i < (int)gm_result_score_setting_reason_count(res); i++)
			jw_string(&w, gm_result_score_setting_reason(res, (size_t)i));
		jw_end_array(&w);
		jw_end_object(&w);
	} else {
		jw_null(&w);
	}
	jw_key(&w, "changes");
	if (res->changes_found)
		report_json_changes(&w, res);
	else
		jw_null(&w);
	jw_key(&w, "scores");
	jw_object(&w);
	for (i = 0; i < (int)gm_catalog_score_block_count(cat); i++) {
		size_t n = gm_result_score_rule_count(res, (size_t)i);

		if (!gm_result_score_answered(res, (size_t)i))
			continue;
		jw_key(&w, gm_catalog_score_block_id(cat, (size_t)i));
		jw_object(&w);
		jw_key(&w, "total");
		if (gm_result_score_total(res, (size_t)i) >= 0)
			jw_int(&w, gm_result_score_total(res, (size_t)i));
		else
			jw_null(&w);
		jw_key_string(&w, "band", gm_result_score_band(res, (size_t)i));
		jw_key_int(&w, "answered", (int)gm_result_score_answered(res, (size_t)i));
		jw_key_int(&w, "items", (int)gm_catalog_score_block_items(cat, (size_t)i));
		jw_key_bool(&w, "prorated", gm_result_score_prorated(res, (size_t)i));
		jw_key(&w, "rules");
		jw_array(&w);
		for (k = 0; k < (int)n; k++) {
			jw_object(&w);
			jw_key_string(&w, "id", gm_result_score_rule(res, (size_t)i, (size_t)k));
			jw_key_string(&w, "reason", gm_result_score_rule_reason(res, (size_t)i, (size_t)k));
			jw_end_object(&w);
		}
		jw_end_array(&w);
		jw_end_object(&w);
	}
	jw_end_object(&w);
	jw_key(&w, "missing");
	jw_array(&w);
	for (i = 0; i < res->nmissing; i++)
		jw_string(&w, cat->questions[res->missing[i]].id);
	jw_end_array(&w);
	jw_key_string(&w, "message", res->message);
	jw_key(&w, "catalog");
	report_catalog_object(&w, cat);
	*jw = w;
}

static void spaces(struct buf *out, int n)
{
	while (n-- > 0)
		buf_addc(out, ' ');
}

static void styled(struct buf *out, const struct report_opts *o, const char *sgr, const char *text)
{
	if (o->color)
		buf_adds(out, sgr);
	buf_adds(out, text);
	if (o->color)
		buf_adds(out, SGR_RESET);
}

/* "  <mark> " then text wrapped under itself. */
static void bullet(struct buf *out, const struct report_opts *o, const char *sgr, const char *mark,
		   const char *text)
{
	buf_adds(out, "     ");
	styled(out, o, sgr, mark);
	buf_addc(out, ' ');
	text_wrap(out, text, 7, o->width);
	buf_addc(out, '\n');
}

static void reminder(struct buf *out, const struct gm_result *res, const struct report_opts *o)
{
	buf_addc(out, '\n');
	if (o->color)
		buf_adds(out, SGR_DIM);
	text_wrap(out, res->cat->reminder, 0, o->width);
	if (o->color)
		buf_adds(out, SGR_RESET);
	buf_addc(out, '\n');
}

/* Appends label with its first letter in lower case, unless the label
 * starts with an acronym ("PTSD"). */
static void add_label_in_sentence(struct buf *line, const char *label)
{
	if (label[0] >= 'A' && label[0] <= 'Z' && !(label[1] >= 'A' && label[1] <= 'Z')) {
		buf_addc(line, (char)(label[0] - 'A' + 'a'));
		label++;
	}
	buf_adds(line, label);
}

/* Appends template t with its one %s or %d filled in. */
static void add_template(struct buf *line, const char *t, const char *label, long number)
{
	const char *at = strchr(t, '%');

	buf_add(line, t, (size_t)(at - t));
	if (at[1] == 's')
		add_label_in_sentence(line, label);
	else
		buf_addf(line, "%ld", number);
	buf_adds(line, at + 2);
}

/* The catalogue's own words for change c ("If you preferred a structured
 * group"), or 0 when it has none for this kind of change. */
static int change_phrase(struct buf *line, const struct gm_question *q, const struct gm_change *c)
{
	const char *phrase = NULL;

	switch (q->kind) {
	case Q_YESNO:
		phrase = c->value ? q->change_yes : q->change_no;
		break;
	case Q_SINGLE:
		phrase = q->change_option ? q->change_option[c->option] : NULL;
		break;
	case Q_MULTI:
		if ((phrase = c->removed ? q->change_remove : q->change_add)) {
			buf_adds(line, "If ");
			add_template(line, phrase, q->options[c->option].label, 0);
			return 1;
		}
		break;
	case Q_SCALE:
		if ((phrase = q->change_to)) {
			buf_adds(line, "If ");
			add_template(line, phrase, NULL, (long)c->value);
			return 1;
		}
		break;
	}
	if (phrase)
		buf_addf(line, "If %s", phrase);
	return phrase != NULL;
}

/* One plain sentence for change c: "If you preferred a structured group,
 * the Cognitive-behavioural group would come first", in the catalogue's
 * words where it has them, else naming the question and the answer. */
static void change_sentence(struct buf *line, const struct gm_result *res,
			    const struct gm_change *c)
{
	const struct gm_catalog *cat = res->cat;
	const struct gm_question *q = &cat->questions[c->question];

	if (!change_phrase(line, q, c)) {
		switch (q->kind) {
		case Q_YESNO:
			buf_addf(line, "If you answered %s to \"%s\"", c->value ? "yes" : "no", q->text);
			break;
		case Q_SCALE:
			buf_addf(line, "If you answered %lld to \"%s\"", (long long)c->value, q->text);
			break;
		case Q_SINGLE:
			buf_addf(line, "If you answered \"%s\" to \"%s\"", q->options[c->option].label,
				 q->text);
			break;
		case Q_MULTI:
			buf_addf(line, c->removed ? "If you had not picked \"%s\" for \"%s\""
				 : "If you also picked \"%s\" for \"%s\"", q->options[c->option].label,
				 q->text);
			break;
		}
	}
	buf_addf(line, ", the %s would come first.", cat->groups[c->first].name);
}

int report_change_sentences(const struct gm_result *res, struct buf lines[2])
{
	int i, pick[2] = { -1, -1 }, n = 0;

	/* one that brings the second group up, then one for yet another group */
	for (i = 0; i < res->nchanges && pick[0] < 0; i++)
		if (res->nranked > 1 && res->changes[i].first == res->ranked[1].group)
			pick[0] = i;
	for (i = 0; i < res->nchanges && pick[1] < 0; i++)
		if (pick[0] < 0 || res->changes[i].first != res->changes[pick[0]].first)
			pick[pick[0] < 0 ? 0 : 1] = i;
	for (i = 0; i < 2; i++) {
		if (pick[i] < 0)
			continue;
		buf_reset(&lines[n]);
		change_sentence(&lines[n], res, &res->changes[pick[i]]);
		n++;
	}
	return n;
}

/* Up to two sentences on what would change the first place. */
static void changes_text(struct buf *out, const struct gm_result *res, const struct report_opts *o)
{
	struct buf lines[2] = { BUF_INIT, BUF_INIT };
	int i, n = report_change_sentences(res, lines);

	buf_addc(out, '\n');
	styled(out, o, SGR_BOLD, "What would change the first place");
	buf_addc(out, '\n');
	for (i = 0; i < n; i++) {
		buf_adds(out, "  ");
		text_wrap(out, buf_cstr(&lines[i]), 2, o->width);
		buf_addc(out, '\n');
	}
	buf_release(&lines[0]);
	buf_release(&lines[1]);
	if (!n) {
		buf_adds(out, "  ");
		text_wrap(out, "No single change to your answers would put another group first.", 2,
			    o->width);
		buf_addc(out, '\n');
	}
}

/* Says which groups are about equally good fits with the first. */
static void near_ties_text(struct buf *out, const struct gm_result *res, const struct report_opts *o)
{
	static const char *const words[] = { "two", "three", "four", "five", "six" };
	char line[320], count[16];
	int n = 1;

	while (n < res->nranked && rules_near_tie(res, n))
		n++;
	if (n - 2 < (int)(sizeof words / sizeof *words))
		snprintf(count, sizeof count, "%s", words[n - 2]);
	else
		snprintf(count, sizeof count, "%d", n);
	snprintf(line, sizeof line, "The first %s groups are about equally good fits: their "
		 "percentages are within %d points of each other, so the order between them means "
		 "little.", count, res->cat->near_tie);
	text_wrap(out, line, 0, o->width);
	buf_adds(out, "\n\n");
}

void report_text(struct buf *out, const struct gm_result *res, const struct report_opts *o)
{
	const struct gm_catalog *cat = res->cat;
	int i, k, n, namew = 0, cells, own_line;

	/* so that printed reports can be told apart */
	if (o->id && o->id[0]) {
		buf_adds(out, "Id: ");
		text_wrap(out, o->id, 4, o->width);
		buf_adds(out, "\n\n");
	}
	if (res->status == GM_RESULT_URGENT) {
		/* no reminder: it speaks of options, and none are shown */
		if (o->color)
			buf_adds(out, SGR_BOLD);
		text_wrap_lines(out, res->message, o->width);
		if (o->color)
			buf_adds(out, SGR_RESET);
		buf_addc(out, '\n');
		return;
	}
	if (res->status == GM_RESULT_INVALID) {
		buf_adds(out, "No recommendation: ");
		text_wrap(out, res->message, 19, o->width);
		buf_addc(out, '\n');
		return;
	}
	if (res->status == GM_RESULT_REVIEW) {
		/* first, before any group: the review and where to get help */
		if (o->color)
			buf_adds(out, SGR_BOLD);
		text_wrap_lines(out, res->message, o->width);
		if (o->color)
			buf_adds(out, SGR_RESET);
		buf_adds(out, "\n\n");
		if (!res->nranked) {
			reminder(out, res, o);
			return;
		}
	}
	if (res->safety_skipped) {
		styled(out, o, SGR_YELLOW, "Note:");
		buf_addc(out, ' ');
		text_wrap(out, cat->safety_skipped, 6, o->width);
		buf_adds(out, "\n\n");
	}
	n = o->top > 0 && o->top < res->nranked ? o->top : res->nranked;
	for (i = 0; i < n; i++) {
		const char *name = cat->groups[res->ranked[i].group].name;
		int w = text_columns(name, strlen(name));
		if (w > namew)
			namew = w;
	}
	/* "NN. name  bar NNN%": the bar shrinks to fit the width, and when even
	 * a short bar does not fit it goes on a line of its own */
	cells = o->width - namew - 11;
	own_line = cells < BAR_MIN;
	if (own_line)
		cells = o->width - 10;
	if (cells > BAR_CELLS)
		cells = BAR_CELLS;
	if (cells < 1)
		cells = 1;
	styled(out, o, SGR_BOLD, "Group types, best match first");
	buf_adds(out, "\n\n");
	for (i = 0; i < n; i++) {
		const struct gm_ranked *r = &res->ranked[i];
		const struct gm_group *g = &cat->groups[r->group];

		buf_addf(out, "%2d. ", i + 1);
		styled(out, o, SGR_BOLD, g->name);
		if (own_line) {
			buf_addc(out, '\n');
			spaces(out, 4);
		} else {
			spaces(out, namew - text_columns(g->name, strlen(g->name)) + 2);
		}
		if (o->color)
			buf_adds(out, SGR_GREEN);
		text_bar(out, r->percent, cells, o->utf8);
		if (o->color)
			buf_adds(out, SGR_RESET);
		buf_addf(out, " %3d%%\n", r->percent);
		for (k = 0; k < g->ncriteria; k++) {
			if (!(r->matched >> k & 1))
				continue;
			if (k < g->npositive)
				bullet(out, o, SGR_GREEN, "+", g->criteria[k].reason);
			else
				bullet(out, o, SGR_YELLOW, "!", g->criteria[k].reason);
		}
		if (!r->nreasons && !r->ncautions) {
			buf_adds(out, "     ");
			if (o->color)
				buf_adds(out, SGR_DIM);
			text_wrap(out, "(nothing in your answers points to this group)", 5, o->width);
			if (o->color)
				buf_adds(out, SGR_RESET);
			buf_addc(out, '\n');
		}
		buf_addc(out, '\n');
	}
	text_wrap(out, "Percentages show how much of what each group looks for is in your answers, "
		    "not how likely a group is to help.", 0, o->width);
	buf_adds(out, "\n\n");
	if (rules_near_tie(res, 0))
		near_ties_text(out, res, o);
	if (res->advice >= 0) {
		const struct gm_advice *a = &cat->advice[res->advice];
		buf_adds(out, "Setting: ");
		if (o->color)
			buf_adds(out, SGR_BOLD);
		text_wrap(out, a->label, 9, o->width);
		if (o->color)
			buf_adds(out, SGR_RESET);
		buf_adds(out, "\n  ");
		text_wrap(out, a->text, 2, o->width);
		buf_addc(out, '\n');
		for (uint32_t set = res->because; set; set &= set - 1) {
			buf_adds(out, "   - ");
			text_wrap(out, cat->modifiers[__builtin_ctz(set)].crit.reason, 5, o->width);
			buf_addc(out, '\n');
		}
		for (i = 0; i < (int)gm_result_score_setting_reason_count(res); i++) {
			buf_adds(out, "   - ");
			text_wrap(out, gm_result_score_setting_reason(res, (size_t)i), 5, o->width);
			buf_addc(out, '\n');
		}
	}
	if (res->changes_found)
		changes_text(out, res, o);
	if (res->nmissing) {
		struct buf line = BUF_INIT;

		buf_adds(&line, "Not answered (counted for no group): ");
		for (i = 0; i < res->nmissing; i++) {
			if (i)
				buf_adds(&line, ", ");
			buf_adds(&line, cat->questions[res->missing[i]].id);
		}
		buf_addc(out, '\n');
		text_wrap(out, buf_cstr(&line), 2, o->width);
		buf_addc(out, '\n');
		buf_release(&line);
	}
	buf_addc(out, '\n');
	if (o->color)
		buf_adds(out, SGR_DIM);
	{
		struct buf line = BUF_INIT;

		buf_adds(&line, "Catalogue: ");
		report_catalog_line(&line, cat, 12);
		text_wrap(out, buf_cstr(&line), 2, o->width);
		buf_release(&line);
	}
	if (o->color)
		buf_adds(out, SGR_RESET);
	buf_addc(out, '\n');
	reminder(out, res, o);
}
