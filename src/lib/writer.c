/* writer.c - gm_writer: a result as compact or pretty JSON, a CSV row or the text report, into a caller's buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "quote.h"
#include "rules.h"
#include "scores.h"
#include "text.h"
#include "writer.h"

/* --- escaped pieces ---------------------------------------------------- */

/* Moves tmp's contents into p; returns -1 when out of memory. */
static int keep(struct piece *p, struct buf *tmp)
{
	p->s = malloc(tmp->len + 1);
	if (!p->s || tmp->oom)
		return -1;
	memcpy(p->s, tmp->data ? tmp->data : "", tmp->len);
	p->s[tmp->len] = '\0';
	p->len = tmp->len;
	buf_reset(tmp);
	return 0;
}

/* The JSON pieces of the compact object, and the bound of its middle
 * (the part written without checks). */
static int prepare_json(gm_writer *w, struct buf *tmp)
{
	const struct gm_catalog *cat = w->cat;
	struct jw jw;
	size_t row = 256;	/* the fixed keys and numbers of one result */
	int i, k, bad = 0;

	for (i = 0; i < cat->ngroups; i++) {
		const struct gm_group *g = &cat->groups[i];
		struct wgroup *wg = &w->groups[i];

		buf_adds(tmp, ",\"group\":");
		buf_add_json_string(tmp, g->id, strlen(g->id));
		buf_adds(tmp, ",\"name\":");
		buf_add_json_string(tmp, g->name, strlen(g->name));
		buf_adds(tmp, ",\"score\":");
		bad |= keep(&wg->head, tmp);
		buf_addf(tmp, ",\"max\":%d,\"percent\":", g->max);
		bad |= keep(&wg->max, tmp);
		row += wg->head.len + wg->max.len + 96;
		if (!(wg->crit = calloc((size_t)g->ncriteria + 1, sizeof *wg->crit)))
			return -1;
		for (k = 0; k < g->ncriteria; k++) {
			buf_add_json_string(tmp, g->criteria[k].reason, strlen(g->criteria[k].reason));
			bad |= keep(&wg->crit[k], tmp);
			row += wg->crit[k].len + 1;
		}
	}
	for (i = 0; i < ADVICE_COUNT; i++) {
		const struct gm_advice *a = &cat->advice[i];

		if (!a->id || !a->text)
			continue;
		buf_adds(tmp, "{\"advice\":");
		buf_add_json_string(tmp, a->id, strlen(a->id));
		buf_adds(tmp, ",\"readiness\":");
		bad |= keep(&w->advice_head[i], tmp);
		buf_adds(tmp, ",\"text\":");
		buf_add_json_string(tmp, a->text, strlen(a->text));
		bad |= keep(&w->advice_tail[i], tmp);
		row += w->advice_head[i].len + w->advice_tail[i].len + 64;
	}
	if (!(w->modifier = calloc((size_t)cat->nmodifiers + 1, sizeof *w->modifier)))
		return -1;
	for (i = 0; i < cat->nmodifiers; i++) {
		const char *r = cat->modifiers[i].crit.reason;

		buf_add_json_string(tmp, r, strlen(r));
		bad |= keep(&w->modifier[i], tmp);
		row += w->modifier[i].len + 1;
	}
	row += (size_t)cat->ngroups * 40;	/* ,"fit":"possible","near_tie":false */
	for (i = 0; i < cat->nquestions; i++)
		row += cat->questions[i].id_len + 3;
	w->urgent = cat->urgent;
	if (cat->urgent) {
		buf_add_json_string(tmp, cat->urgent, strlen(cat->urgent));
		bad |= keep(&w->urgent_json, tmp);
	}
	buf_adds(tmp, ",\"catalog\":");
	jw_init(&jw, tmp, 0);
	report_catalog_object(&jw, cat);
	bad |= keep(&w->catalog_json, tmp);
	w->json_mid = row;
	return bad ? -1 : 0;
}

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* The CSV pieces and header. */
static int prepare_csv(gm_writer *w, struct buf *tmp)
{
	const struct gm_catalog *cat = w->cat;
	size_t longest = 0, bound = 16 + 8;	/* with ",unclear" */
	int i, bad = 0;

	for (i = 0; i < cat->ngroups; i++) {
		buf_adds(tmp, cat->groups[i].id);
		bad |= keep(&w->groups[i].id, tmp);
		if (w->groups[i].id.len > longest)
			longest = w->groups[i].id.len;
	}
	bound += (size_t)w->top * (longest + 6);
	longest = 0;
	for (i = 0; i < ADVICE_COUNT; i++) {
		buf_adds(tmp, cat->advice[i].id ? cat->advice[i].id : "");
		bad |= keep(&w->advice_id[i], tmp);
		if (w->advice_id[i].len > longest)
			longest = w->advice_id[i].len;
	}
	w->csv_mid = bound + longest + 2;
	w->urgent_staff = cat->urgent_staff;
	w->unscreened_staff = cat->unscreened_staff;
	text_csv_cell(tmp, cat->urgent_staff, slen(cat->urgent_staff), w->cells);
	bad |= keep(&w->urgent_csv, tmp);
	text_csv_cell(tmp, cat->unscreened_staff, slen(cat->unscreened_staff), w->cells);
	bad |= keep(&w->unscreened_csv, tmp);
	buf_adds(tmp, "id");
	for (size_t k = 0; k < w->ncolumns; k++) {	/* the intake's own names */
		buf_addc(tmp, ',');
		text_csv_cell(tmp, w->colname[k], strlen(w->colname[k]), w->cells);
	}
	buf_adds(tmp, ",status,safety");
	for (i = 1; i <= w->top; i++)
		buf_addf(tmp, ",rank%d,rank%d_percent", i, i);
	buf_adds(tmp, ",setting,message\n");
	bad |= keep(&w->header, tmp);
	return bad ? -1 : 0;
}

/* --- lifecycle --------------------------------------------------------- */

static void fail(gm_error *err, gm_status status, const char *message)
{
	if (!err)
		return;
	memset(err, 0, sizeof *err);
	err->status = status;
	snprintf(err->message, sizeof err->message, "%s", message);
}

gm_writer *gm_writer_new(const gm_catalog *cat, gm_format format, const gm_writer_opts *opts,
			 gm_error *err)
{
	static const gm_writer_opts none;
	struct buf tmp = BUF_INIT;
	gm_writer *w;
	int bad = 0;

	if (err)
		memset(err, 0, sizeof *err);
	if (!opts)
		opts = &none;
	if (!cat || (unsigned)format > GM_FORMAT_TEXT || opts->top < 0 || opts->width < 0 ||
	    (opts->ncolumns && !opts->columns) || (opts->flags & ~GM_WRITE_RAW_CELLS)) {
		fail(err, GM_ERR_ARG, !cat ? "no catalogue" : (unsigned)format > GM_FORMAT_TEXT
		     ? "unknown output format" : "writer options out of range");
		return NULL;
	}
	if (!(w = calloc(1, sizeof *w)))
		goto nomem;
	w->cat = cat;
	w->format = format;
	w->top = format == GM_FORMAT_CSV && !opts->top ? 3 : opts->top;
	w->cells = opts->flags & GM_WRITE_RAW_CELLS ? TEXT_CSV_RAW : 0;
	w->text.color = opts->color;
	w->text.utf8 = opts->utf8;
	w->text.width = opts->width ? opts->width : 80;
	w->text.top = opts->top;
	buf_init(&w->scratch);
	buf_init(&w->idcopy);
	if (opts->ncolumns) {
		if (!(w->colname = calloc(opts->ncolumns, sizeof *w->colname)))
			goto nomem;
		w->ncolumns = opts->ncolumns;
		for (size_t k = 0; k < opts->ncolumns; k++)
			if (!(w->colname[k] = strdup(opts->columns[k] ? opts->columns[k] : "")))
				goto nomem;
	}
	bad |= prepare_json(w, &tmp);
	bad |= prepare_csv(w, &tmp);
	if (bad)
		goto nomem;
	writer_set_bound(w, &tmp);
	if (tmp.oom)
		goto nomem;
	buf_release(&tmp);
	return w;
nomem:
	buf_release(&tmp);
	gm_writer_free(w);
	fail(err, GM_ERR_NOMEM, "out of memory");
	return NULL;
}

static void drop(struct piece *p)
{
	free(p->s);
}

void gm_writer_free(gm_writer *w)
{
	int i, k;

	if (!w)
		return;
	for (i = 0; i < GM_MAX_GROUPS; i++) {
		struct wgroup *wg = &w->groups[i];

		drop(&wg->head);
		drop(&wg->max);
		drop(&wg->id);
		for (k = 0; wg->crit && i < w->cat->ngroups && k < w->cat->groups[i].ncriteria; k++)
			drop(&wg->crit[k]);
		free(wg->crit);
	}
	for (i = 0; i < ADVICE_COUNT; i++) {
		drop(&w->advice_head[i]);
		drop(&w->advice_tail[i]);
		drop(&w->advice_id[i]);
	}
	for (i = 0; w->modifier && i < w->cat->nmodifiers; i++)
		drop(&w->modifier[i]);
	free(w->modifier);
	drop(&w->urgent_json);
	drop(&w->catalog_json);
	drop(&w->urgent_csv);
	drop(&w->unscreened_csv);
	drop(&w->header);
	for (size_t c = 0; c < w->ncolumns; c++)
		free(w->colname[c]);
	free(w->colname);
	buf_release(&w->scratch);
	buf_release(&w->idcopy);
	free(w);
}

/* Copies src (len bytes) into buf of cap bytes as snprintf does. */
static size_t give(const char *src, size_t len, char *buf, size_t cap)
{
	if (cap) {
		size_t n = len < cap ? len : cap - 1;

		memcpy(buf, src, n);
		buf[n] = '\0';
	}
	return len;
}

size_t gm_writer_header(const gm_writer *w, char *buf, size_t cap)
{
	if (!w || w->format != GM_FORMAT_CSV)
		return give("", 0, buf, cap);
	return give(w->header.s, w->header.len, buf, cap);
}

size_t gm_writer_bound(const gm_writer *w, size_t idlen)
{
	if (!w)
		return 0;
	return w->fixed + w->per_field * (1 + w->ncolumns) + w->per_byte * idlen;
}

/* --- the compact JSON object -------------------------------------------- */

/* Appends without checks: the caller reserved room. */
static inline void put(struct buf *b, const char *s, size_t n)
{
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

#define PUT(b, lit) put((b), (lit), sizeof(lit) - 1)

static inline void put_int(struct buf *b, int v)
{
	char tmp[12];
	char *p = tmp + sizeof tmp;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* Bit k set for each reason (positive criterion) k of g. */
static inline uint64_t positive_bits(const struct gm_group *g)
{
	return g->npositive >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << g->npositive) - 1;
}

/* The reasons of the criteria in set, comma-separated, in weight order. */
static inline void put_criteria(struct buf *out, const struct wgroup *wg, uint64_t set)
{
	int k;

	while (set) {
		k = __builtin_ctzll(set);
		put(out, wg->crit[k].s, wg->crit[k].len);
		set &= set - 1;
		if (set)
			PUT(out, ",");
	}
}

/* ,"fit":"<band>","near_tie": for each band. */
#define FIT_JSON(band) { ",\"fit\":\"" band "\",\"near_tie\":", sizeof(",\"fit\":\"" band "\",\"near_tie\":") - 1 }
static const struct {
	const char *s;
	size_t len;
} fit_json[FIT_COUNT] = {
	FIT_JSON("strong"), FIT_JSON("possible"), FIT_JSON("weak"), FIT_JSON("none")
};

/* The kept columns as the "columns" object. */
static void json_columns(const gm_writer *w, struct jw *jw, const char *const *cells,
			 const size_t *lens)
{
	jw_object(jw);
	for (size_t k = 0; k < w->ncolumns; k++) {
		jw_key(jw, w->colname[k]);
		if (cells && cells[k])
			jw_stringn(jw, cells[k], lens[k]);
		else
			jw_null(jw);
	}
	jw_end_object(jw);
}

/* The compact object, built from the escaped pieces: this is the per-row
 * path of batch --format jsonl.  The pretty form (report.c) is the same
 * object (a unit test holds the two together). */
static void json_compact(const gm_writer *W, struct buf *out, const struct gm_result *res,
			 const char *id, size_t idlen, const char *const *cells, const size_t *lens)
{
	static const char *const status[] = { "\"ok\"", "\"urgent\"", "\"invalid\"", "\"review\"" };
	static const char *const safety_json[] = { "\"missing\"", "\"no\"", "\"unclear\"", "\"yes\"" };
	const struct gm_catalog *cat = res->cat;
	int i;

	buf_adds(out, "{\"id\":");
	if (id)
		buf_add_json_string(out, id, idlen);
	else
		buf_adds(out, "null");
	if (buf_reserve(out, W->json_mid))
		return;
	PUT(out, ",\"status\":");
	put(out, status[res->status], strlen(status[res->status]));
	PUT(out, ",\"safety\":");
	put(out, safety_json[res->safety & 3], strlen(safety_json[res->safety & 3]));
	PUT(out, ",\"ranking\":[");
	for (i = 0; i < res->nranked; i++) {
		const struct gm_ranked *r = &res->ranked[i];
		const struct gm_group *g = &cat->groups[r->group];
		const struct wgroup *wg = &W->groups[r->group];

		if (i)
			PUT(out, ",");
		PUT(out, "{\"rank\":");
		put_int(out, i + 1);
		put(out, wg->head.s, wg->head.len);
		put_int(out, r->score);
		put(out, wg->max.s, wg->max.len);
		put_int(out, r->percent);
		put(out, fit_json[rules_fit(res, r)].s, fit_json[rules_fit(res, r)].len);
		if (rules_near_tie(res, i))
			PUT(out, "true");
		else
			PUT(out, "false");
		PUT(out, ",\"reasons\":[");
		put_criteria(out, wg, r->matched & positive_bits(g));
		PUT(out, "],\"cautions\":[");
		put_criteria(out, wg, r->matched & ~positive_bits(g));
		PUT(out, "]}");
	}
	PUT(out, "],\"setting\":");
	if (res->advice >= 0) {
		put(out, W->advice_head[res->advice].s, W->advice_head[res->advice].len);
		put_int(out, res->readiness);
		PUT(out, ",\"readiness_max\":");
		put_int(out, cat->readiness_max);
		PUT(out, ",\"comfort\":");
		if (res->comfort >= 0)
			put_int(out, res->comfort);
		else
			PUT(out, "null");
		put(out, W->advice_tail[res->advice].s, W->advice_tail[res->advice].len);
		PUT(out, ",\"because\":[");
		for (uint32_t set = res->because; set; set &= set - 1) {
			const struct piece *m = &W->modifier[__builtin_ctz(set)];
			put(out, m->s, m->len);
			if (set & (set - 1))
				PUT(out, ",");
		}
		/* a screener's reasons too; rare, so checked appends, keeping
		 * the room the rest of the row was promised */
		for (i = 0; i < (int)gm_result_score_setting_reason_count(res); i++) {
			const char *r = gm_result_score_setting_reason(res, (size_t)i);

			if (buf_reserve(out, 6 * strlen(r) + 8 + W->json_mid))
				return;
			if (i || res->because)
				buf_addc(out, ',');
			buf_add_json_string(out, r, strlen(r));
		}
		PUT(out, "]}");
	} else {
		PUT(out, "null");
	}
	PUT(out, ",\"changes\":");
	if (res->changes_found) {
		struct jw w;

		jw_init(&w, out, 0);
		report_json_changes(&w, res);
		if (buf_reserve(out, W->json_mid))
			return;
	} else {
		PUT(out, "null");
	}
	PUT(out, ",\"scores\":");
	if (res->scores.nblocks) {
		report_json_scores(out, res);
		if (buf_reserve(out, W->json_mid))
			return;
	} else {
		PUT(out, "{}");
	}
	PUT(out, ",\"missing\":[");
	for (i = 0; i < res->nmissing; i++) {
		const struct gm_question *q = &cat->questions[res->missing[i]];
		if (i)
			PUT(out, ",");
		PUT(out, "\"");
		put(out, q->id, q->id_len);
		PUT(out, "\"");
	}
	PUT(out, "],\"message\":");
	if (!res->message)
		buf_adds(out, "null");
	else if (res->message == W->urgent && W->urgent_json.s)
		buf_add(out, W->urgent_json.s, W->urgent_json.len);
	else
		buf_add_json_string(out, res->message, strlen(res->message));
	buf_add(out, W->catalog_json.s, W->catalog_json.len);
	if (W->ncolumns) {
		struct jw w;

		buf_adds(out, ",\"columns\":");
		jw_init(&w, out, 0);
		json_columns(W, &w, cells, lens);
	}
	buf_addc(out, '}');
}

/* --- the CSV row ---------------------------------------------------------- */

/* Appends n bytes at p at w, whose room was reserved. */
static inline char *put_at(char *w, const char *p, size_t n)
{
	memcpy(w, p, n);
	return w + n;
}

static void csv_row(const gm_writer *W, struct buf *out, const struct gm_result *res,
		    const char *id, size_t idlen, const char *const *cells, const size_t *lens)
{
	static const char digits[] = "00010203040506070809101112131415161718192021222324"
		"2526272829303132333435363738394041424344454647484950515253545556575859606162636465666768"
		"6970717273747576777879808182838485868788899091929394959697989900";
	static const struct { const char *s; size_t len; } status[] = {
		{ "ok", 2 }, { "urgent", 6 }, { "invalid", 7 }, { "review", 6 } };
	static const struct { const char *s; size_t len; } safety[] = {
		{ "missing", 7 }, { "no", 2 }, { "unclear", 7 }, { "yes", 3 } };
	const char *msg = res->message;
	size_t need = W->csv_mid + (id ? TEXT_CSV_ROOM(idlen) : 0) + W->ncolumns + 1, msglen = 0;
	char *w;
	int i;

	/* one reservation for the whole row (as gm_writer_bound counts it),
	 * then writes in place */
	for (size_t k = 0; cells && k < W->ncolumns; k++)
		need += cells[k] ? TEXT_CSV_ROOM(lens[k]) : 0;
	if (msg && msg == W->urgent_staff && W->urgent_csv.len)
		need += W->urgent_csv.len;
	else if (msg && msg == W->unscreened_staff && W->unscreened_csv.len)
		need += W->unscreened_csv.len;
	else if (msg)
		need += TEXT_CSV_ROOM(msglen = strlen(msg));
	if (buf_reserve(out, need))
		return;
	w = out->data + out->len;
	if (id)
		w = text_csv_put(w, id, idlen, W->cells);
	for (size_t k = 0; k < W->ncolumns; k++) {	/* the clinic's own columns, as they were */
		*w++ = ',';
		if (cells && cells[k])
			w = text_csv_put(w, cells[k], lens[k], W->cells);
	}
	*w++ = ',';
	w = put_at(w, status[res->status].s, status[res->status].len);
	*w++ = ',';
	w = put_at(w, safety[res->safety & 3].s, safety[res->safety & 3].len);
	for (i = 0; i < W->top; i++) {
		*w++ = ',';
		if (i < res->nranked && res->ranked[i].score > 0) {	/* evidence for it */
			const struct piece *g = &W->groups[res->ranked[i].group].id;
			int pc = res->ranked[i].percent;

			w = put_at(w, g->s, g->len);
			*w++ = ',';
			if (pc >= 100) {
				w = put_at(w, "100", 3);
			} else if (pc >= 10) {
				w = put_at(w, digits + 2 * pc, 2);
			} else {
				*w++ = (char)('0' + (pc > 0 ? pc : 0));
			}
		} else {
			*w++ = ',';
		}
	}
	*w++ = ',';
	if (res->advice >= 0)
		w = put_at(w, W->advice_id[res->advice].s, W->advice_id[res->advice].len);
	*w++ = ',';
	if (msg && msg == W->urgent_staff && W->urgent_csv.len)
		w = put_at(w, W->urgent_csv.s, W->urgent_csv.len);
	else if (msg && msg == W->unscreened_staff && W->unscreened_csv.len)
		w = put_at(w, W->unscreened_csv.s, W->unscreened_csv.len);
	else if (msg)
		w = text_csv_put(w, msg, msglen, W->cells);
	*w++ = '\n';
	out->len = (size_t)(w - out->data);
}

/* --- writing ------------------------------------------------------------ */

static void render(gm_writer *w, struct buf *out, const struct gm_result *res, const char *id,
		   size_t idlen, const char *const *cells, const size_t *lens)
{
	switch (w->format) {
	case GM_FORMAT_JSON:
		json_compact(w, out, res, id, idlen, cells, lens);
		break;
	case GM_FORMAT_JSON_PRETTY: {
		struct jw jw;

		report_json_pretty(out, res, id, idlen, &jw);
		if (w->ncolumns) {
			jw_key(&jw, "columns");
			json_columns(w, &jw, cells, lens);
		}
		jw_end_object(&jw);	/* with the final newline */
		break;
	}
	case GM_FORMAT_CSV:
		csv_row(w, out, res, id, idlen, cells, lens);
		break;
	case GM_FORMAT_TEXT:
		w->text.id = NULL;
		if (id && idlen) {
			buf_reset(&w->idcopy);	/* outside text: terminal-safe */
			quote_add(&w->idcopy, id, idlen);
			w->text.id = buf_cstr(&w->idcopy);
		}
		report_text(out, res, &w->text);
		break;
	}
}

size_t gm_writer_result_cells(gm_writer *w, const gm_result *res, const char *id, size_t idlen,
			      const char *const *cells, const size_t *lens, char *buf, size_t cap)
{
	size_t total = idlen;

	if (!w || !res || res->cat != w->cat || (!buf && cap))
		return give("", 0, buf, cap);
	for (size_t k = 0; cells && k < w->ncolumns; k++)
		total += cells[k] ? lens[k] : 0;
	if (cap > w->fixed + w->per_field * (1 + w->ncolumns) + w->per_byte * total) {
		/* the bound says it fits: straight into the caller's memory */
		struct buf view = { buf, 0, cap, 0, 1 };	/* as buf_init_fixed */

		render(w, &view, res, id, idlen, cells, lens);
		if (!view.oom) {
			buf[view.len] = '\0';
			return view.len;
		}
	}
	buf_reset(&w->scratch);
	render(w, &w->scratch, res, id, idlen, cells, lens);
	if (w->scratch.oom) {
		buf_release(&w->scratch);
		return give("", 0, buf, cap);
	}
	return give(w->scratch.data, w->scratch.len, buf, cap);
}

size_t gm_writer_result(gm_writer *w, const gm_result *res, const char *id, size_t idlen,
			char *buf, size_t cap)
{
	return gm_writer_result_cells(w, res, id, idlen, NULL, NULL, buf, cap);
}

void report_json(struct buf *out, const struct gm_result *res, const char *id, size_t idlen,
		 int pretty)
{
	gm_writer *w = gm_writer_new(res->cat, pretty ? GM_FORMAT_JSON_PRETTY : GM_FORMAT_JSON,
				     NULL, NULL);

	if (!w) {
		out->oom = 1;
		return;
	}
	render(w, out, res, id, idlen, NULL, NULL);
	gm_writer_free(w);
}
