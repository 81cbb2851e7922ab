/* scores.c - score blocks: loads and checks the catalogue's screeners, scores their items, fires their rules.
 *
 * Past 700 lines for a reason: loading, checking and scoring a block use
 * one block table, and the checks of band edges and rules must see the
 * structure they guard.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "answers.h"
#include "ascii.h"
#include "buf.h"
#include "engine.h"
#include "scores.h"

struct sload {
	struct gm_catalog *cat;
	struct gm_scores *s;
	scores_problem_fn problem;
	void *ctx;
	int nomem;
};

static void bad(struct sload *L, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct sload *L, const char *path, const char *fmt, ...)
{
	char msg[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	L->problem(L->ctx, path, msg);
}

/* A path too long for its buffer ends in "..." rather than silently. */
static void cut(char *out, size_t outsz, int n)
{
	if (n >= (int)outsz && outsz > 4)
		memcpy(out + outsz - 4, "...", 4);
}

static void at(char *out, size_t outsz, const char *path, const char *key)
{
	cut(out, outsz, snprintf(out, outsz, "%s.%s", path, key));
}

static void at_index(char *out, size_t outsz, const char *path, int i)
{
	cut(out, outsz, snprintf(out, outsz, "%s[%d]", path, i));
}

static char *dup(struct sload *L, const char *s)
{
	size_t n = strlen(s);
	char *p = catalog_alloc(L->cat, n + 1);

	if (!p) {
		L->nomem = 1;
		return NULL;
	}
	memcpy(p, s, n + 1);
	return p;
}

/* Keys of obj not in allowed (NULL-terminated); '_' keys are comments. */
static void only_keys(struct sload *L, const cJSON *obj, const char *path,
		      const char *const *allowed)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, obj) {
		int i, known = k->string[0] == '_';
		char p[160];

		for (i = 0; allowed[i] && !known; i++)
			known = !strcmp(k->string, allowed[i]);
		if (!known) {
			at(p, sizeof p, path, k->string);
			bad(L, p, "unknown key '%s'", k->string);
		}
	}
}

/* A non-empty string member; NULL when absent (reported if required) or bad. */
static char *text(struct sload *L, const cJSON *obj, const char *key, const char *path,
		  int required)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[160];

	at(p, sizeof p, path, key);
	if (!j) {
		if (required)
			bad(L, p, "missing");
		return NULL;
	}
	if (!cJSON_IsString(j) || !j->valuestring[strspn(j->valuestring, " \t\r\n")]) {
		bad(L, p, "expected a non-empty string");
		return NULL;
	}
	return dup(L, j->valuestring);
}

/* A whole-number member in [min, max]: 1 when good, 0 when absent
 * (reported if required), -1 when bad (reported). */
static int number(struct sload *L, const cJSON *obj, const char *key, const char *path,
		  int min, int max, int required, int *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[160];
	double d;

	at(p, sizeof p, path, key);
	if (!j) {
		if (required)
			bad(L, p, "missing");
		return 0;
	}
	d = cJSON_IsNumber(j) ? j->valuedouble : NAN;
	if (isnan(d) || d != floor(d)) {
		bad(L, p, "expected a whole number");
		return -1;
	}
	if (d < min || d > max) {
		bad(L, p, "%.0f is out of range %d..%d", d, min, max);
		return -1;
	}
	*out = (int)d;
	return 1;
}

/* Ids are lowercase ASCII letters, digits and '_', starting with a letter. */
static int is_id(const char *s)
{
	if (!s || !(*s >= 'a' && *s <= 'z') || strlen(s) > 60)
		return 0;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') && *s != '_')
			return 0;
	return 1;
}

static char *id_of(struct sload *L, const cJSON *obj, const char *path)
{
	char *id = text(L, obj, "id", path, 1);
	char p[160];

	if (id && !is_id(id)) {
		at(p, sizeof p, path, "id");
		bad(L, p, "'%s' is not an id (lowercase letters, digits and '_', starting with a letter)", id);
		return NULL;
	}
	return id;
}

/* A LOINC code: digits, a hyphen and one check digit ("44261-6"). */
static int is_loinc(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n >= 1 && n <= 7 && s[n] == '-' && s[n + 1] >= '0' && s[n + 1] <= '9' && !s[n + 2];
}

static char *loinc_of(struct sload *L, const cJSON *obj, const char *key, const char *path)
{
	char *code = text(L, obj, key, path, 1);
	char p[160];

	if (code && !is_loinc(code)) {
		at(p, sizeof p, path, key);
		bad(L, p, "'%s' is not a LOINC code (such as 44261-6)", code);
		return NULL;
	}
	return code;
}

/* The shared answer labels ("Not at all" ... ) and their LOINC answer codes. */
static void load_labels(struct sload *L, const cJSON *root)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(root, "labels");
	const cJSON *codes = cJSON_GetObjectItemCaseSensitive(root, "label_codes");
	const cJSON *j;
	int n, i = 0;

	if (!cJSON_IsArray(labels) || (n = cJSON_GetArraySize(labels)) < 2 || n > 11) {
		bad(L, "scores.labels", "expected an array of 2 to 11 answer labels, lowest value first");
		return;
	}
	if (codes && (!cJSON_IsArray(codes) || cJSON_GetArraySize(codes) != n)) {
		bad(L, "scores.label_codes", "expected an array with one code per label");
		codes = NULL;
	}
	L->s->labels = catalog_alloc(L->cat, (size_t)n * sizeof *L->s->labels);
	L->s->codes = catalog_alloc(L->cat, (size_t)n * sizeof *L->s->codes);
	if (!L->s->labels || !L->s->codes) {
		L->nomem = 1;
		return;
	}
	cJSON_ArrayForEach(j, labels) {
		char p[160];

		at_index(p, sizeof p, "scores.labels", i);
		if (!cJSON_IsString(j) || !*j->valuestring)
			bad(L, p, "expected a non-empty string");
		else
			L->s->labels[i] = dup(L, j->valuestring);
		for (int k = 0; k < i && L->s->labels[i]; k++)
			if (L->s->labels[k] && !strcmp(L->s->labels[k], L->s->labels[i]))
				bad(L, p, "duplicate label '%s'", L->s->labels[i]);
		i++;
	}
	i = 0;
	if (codes)
		cJSON_ArrayForEach(j, codes) {
			char p[160];

			at_index(p, sizeof p, "scores.label_codes", i);
			if (!cJSON_IsString(j) || !*j->valuestring || strlen(j->valuestring) > 20)
				bad(L, p, "expected a code such as LA6568-5");
			else
				L->s->codes[i] = dup(L, j->valuestring);
			i++;
		}
	L->s->nlabels = n;
}

/* Appends the items of block b as questions; returns 0 or -1 (reported). */
static int load_items(struct sload *L, const cJSON *jb, const char *path, struct score_block *b)
{
	static const char *const keys[] = { "id", "text", "loinc", NULL };
	struct gm_catalog *cat = L->cat;
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(jb, "items");
	struct gm_question *qs;
	const cJSON *j;
	char p[160];
	int n, i = 0;

	at(p, sizeof p, path, "items");
	if (!cJSON_IsArray(items) || (n = cJSON_GetArraySize(items)) < 1) {
		bad(L, p, "expected a non-empty array of items");
		return -1;
	}
	if (cat->nquestions + n > GM_MAX_QUESTIONS) {
		bad(L, p, "%d questions and score items in all, at most %d are allowed",
		    cat->nquestions + n, GM_MAX_QUESTIONS);
		return -1;
	}
	qs = catalog_alloc(cat, (size_t)(cat->nquestions + n) * sizeof *qs);
	b->item_loinc = catalog_alloc(cat, (size_t)n * sizeof *b->item_loinc);
	if (!qs || !b->item_loinc) {
		L->nomem = 1;
		return -1;
	}
	memcpy(qs, cat->questions, (size_t)cat->nquestions * sizeof *qs);
	b->first = cat->nquestions;
	cJSON_ArrayForEach(j, items) {
		struct gm_question *q = &qs[b->first + i];
		char pi[160];

		at_index(pi, sizeof pi, p, i);
		if (!cJSON_IsObject(j)) {
			bad(L, pi, "expected an item object");
			i++;
			continue;
		}
		only_keys(L, j, pi, keys);
		q->id = id_of(L, j, pi);
		q->id_len = q->id ? strlen(q->id) : 0;
		q->text = text(L, j, "text", pi, 1);
		q->help = b->stem;
		q->kind = Q_SCALE;
		q->role = ROLE_ITEM;
		q->min = 0;
		q->max = L->s->nlabels - 1;
		q->min_label = L->s->labels ? L->s->labels[0] : NULL;
		q->max_label = L->s->labels ? L->s->labels[q->max] : NULL;
		b->item_loinc[i] = loinc_of(L, j, "loinc", pi);
		for (int k = 0; k < b->first + i && q->id; k++)
			if (qs[k].id && !strcmp(qs[k].id, q->id))
				bad(L, pi, "duplicate question id '%s'", q->id);
		L->s->items |= 1u << (b->first + i);
		i++;
	}
	cat->questions = qs;
	cat->nquestions += n;
	b->nitems = n;
	b->total_max = n * (L->s->nlabels - 1);
	return 0;
}

/* Bands in order, from 0 to the highest total, with no gap or overlap. */
static void load_bands(struct sload *L, const cJSON *jb, const char *path, struct score_block *b)
{
	static const char *const keys[] = { "id", "label", "min", "max", NULL };
	const cJSON *bands = cJSON_GetObjectItemCaseSensitive(jb, "bands");
	const cJSON *j;
	char p[160];
	int n, next = 0, good = 1;

	at(p, sizeof p, path, "bands");
	if (!cJSON_IsArray(bands) || (n = cJSON_GetArraySize(bands)) < 1 || n > GM_MAX_BANDS) {
		bad(L, p, "expected an array of 1 to %d bands", GM_MAX_BANDS);
		return;
	}
	cJSON_ArrayForEach(j, bands) {
		struct score_band *d = &b->bands[b->nbands];
		char pb[160], pk[160];
		int lo, hi;

		at_index(pb, sizeof pb, p, b->nbands);
		b->nbands++;
		if (!cJSON_IsObject(j)) {
			bad(L, pb, "expected a band object");
			good = 0;
			continue;
		}
		only_keys(L, j, pb, keys);
		d->id = id_of(L, j, pb);
		d->label = text(L, j, "label", pb, 1);
		lo = number(L, j, "min", pb, 0, b->total_max, 1, &d->min);
		hi = number(L, j, "max", pb, 0, b->total_max, 1, &d->max);
		for (int k = 0; k < b->nbands - 1 && d->id; k++)
			if (b->bands[k].id && !strcmp(b->bands[k].id, d->id))
				bad(L, pb, "duplicate band id '%s'", d->id);
		if (lo <= 0 || hi <= 0) {
			good = 0;
			continue;
		}
		if (d->min > d->max) {
			at(pk, sizeof pk, pb, "min");
			bad(L, pk, "min %d is more than max %d", d->min, d->max);
			good = 0;
		} else if (good && d->min < next) {
			at(pk, sizeof pk, pb, "min");
			bad(L, pk, "band '%s' starts at %d, inside the band before it (which ends at %d)",
			    d->id ? d->id : "?", d->min, next - 1);
			good = 0;
		} else if (good && d->min > next) {
			char gap[32];

			if (next + 1 == d->min)
				snprintf(gap, sizeof gap, "%d", next);
			else
				snprintf(gap, sizeof gap, "%d-%d", next, d->min - 1);
			at(pk, sizeof pk, pb, "min");
			bad(L, pk, "band '%s' starts at %d, leaving %s in no band",
			    d->id ? d->id : "?", d->min, gap);
			good = 0;
		}
		next = d->max + 1;
	}
	if (good && next != b->total_max + 1)
		bad(L, p, "the bands end at %d, but totals go up to %d", next - 1, b->total_max);
}

static int band_index(const struct score_block *b, const char *id)
{
	for (int i = 0; i < b->nbands; i++)
		if (b->bands[i].id && !strcmp(b->bands[i].id, id))
			return i;
	return -1;
}

static void load_rule(struct sload *L, const cJSON *j, const char *pr, struct score_block *b,
		      struct score_rule *r)
{
	static const char *const keys[] = { "id", "total_gte", "band_at_least", "item", "gte",
		"status", "setting_at_least", "reason", "message", "message_staff", NULL };
	const cJSON *v;
	char pk[160];
	int forms = 0;

	r->advice = -1;
	r->status = GM_RESULT_OK;
	if (!cJSON_IsObject(j)) {
		bad(L, pr, "expected a rule object");
		return;
	}
	only_keys(L, j, pr, keys);
	r->id = id_of(L, j, pr);
	r->reason = text(L, j, "reason", pr, 1);
	if (cJSON_GetObjectItemCaseSensitive(j, "total_gte")) {
		forms++;
		r->on = SCORE_ON_TOTAL;
		number(L, j, "total_gte", pr, 0, b->total_max, 1, &r->gte);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "band_at_least"))) {
		forms++;
		r->on = SCORE_ON_BAND;
		at(pk, sizeof pk, pr, "band_at_least");
		if (!cJSON_IsString(v) || (r->band = band_index(b, v->valuestring)) < 0)
			bad(L, pk, "expected the id of a band of '%s'", b->id ? b->id : "?");
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "item"))) {
		forms++;
		r->on = SCORE_ON_ITEM;
		r->item = -1;
		at(pk, sizeof pk, pr, "item");
		if (cJSON_IsString(v))
			for (int k = 0; k < b->nitems; k++) {
				const char *id = L->cat->questions[b->first + k].id;
				if (id && !strcmp(id, v->valuestring))
					r->item = b->first + k;
			}
		if (r->item < 0)
			bad(L, pk, "expected the id of an item of '%s'", b->id ? b->id : "?");
		number(L, j, "gte", pr, 0, L->s->nlabels - 1, 1, &r->gte);
	} else if (cJSON_GetObjectItemCaseSensitive(j, "gte")) {
		at(pk, sizeof pk, pr, "gte");
		bad(L, pk, "\"gte\" goes with \"item\"; use \"total_gte\" for the total");
	}
	if (forms != 1)
		bad(L, pr, "expected exactly one of \"total_gte\", \"band_at_least\" or \"item\"");

	if ((v = cJSON_GetObjectItemCaseSensitive(j, "status"))) {
		at(pk, sizeof pk, pr, "status");
		if (cJSON_IsString(v) && !strcmp(v->valuestring, "review"))
			r->status = GM_RESULT_REVIEW;
		else if (cJSON_IsString(v) && !strcmp(v->valuestring, "urgent"))
			r->status = GM_RESULT_URGENT;
		else
			bad(L, pk, "expected \"review\" or \"urgent\"");
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "setting_at_least"))) {
		at(pk, sizeof pk, pr, "setting_at_least");
		if (cJSON_IsString(v) && !strcmp(v->valuestring, "combined"))
			r->advice = ADVICE_COMBINED;
		else if (cJSON_IsString(v) && !strcmp(v->valuestring, "individual_first"))
			r->advice = ADVICE_INDIVIDUAL_FIRST;
		else
			bad(L, pk, "expected \"combined\" or \"individual_first\"");
	}
	if (r->status == GM_RESULT_OK && r->advice < 0 && !cJSON_GetObjectItemCaseSensitive(j, "status"))
		bad(L, pr, "a rule needs \"status\" or \"setting_at_least\"");
	r->message = text(L, j, "message", pr, r->status == GM_RESULT_REVIEW);
	r->message_staff = text(L, j, "message_staff", pr, r->status == GM_RESULT_REVIEW);
	if (r->status == GM_RESULT_REVIEW && r->advice < ADVICE_COMBINED)
		r->advice = ADVICE_COMBINED;	/* a review keeps individual help in view */
}

static void load_block(struct sload *L, const cJSON *jb, const char *path, struct score_block *b)
{
	static const char *const keys[] = { "id", "name", "stem", "loinc", "total_loinc",
		"max_missing", "items", "bands", "rules", NULL };
	const cJSON *rules, *j;
	char p[160];

	if (!cJSON_IsObject(jb)) {
		bad(L, path, "expected a score block object");
		return;
	}
	only_keys(L, jb, path, keys);
	b->id = id_of(L, jb, path);
	b->name = text(L, jb, "name", path, 1);
	b->stem = text(L, jb, "stem", path, 1);
	b->loinc = loinc_of(L, jb, "loinc", path);
	b->total_loinc = loinc_of(L, jb, "total_loinc", path);
	if (load_items(L, jb, path, b))
		return;
	number(L, jb, "max_missing", path, 0, b->nitems - 1, 1, &b->max_missing);
	load_bands(L, jb, path, b);
	rules = cJSON_GetObjectItemCaseSensitive(jb, "rules");
	at(p, sizeof p, path, "rules");
	if (!rules)
		return;
	if (!cJSON_IsArray(rules) || cJSON_GetArraySize(rules) > GM_MAX_SCORE_RULES) {
		bad(L, p, "expected an array of at most %d rules", GM_MAX_SCORE_RULES);
		return;
	}
	cJSON_ArrayForEach(j, rules) {
		char pr[160];

		at_index(pr, sizeof pr, p, b->nrules);
		load_rule(L, j, pr, b, &b->rules[b->nrules]);
		for (int k = 0; k < b->nrules; k++)
			if (b->rules[k].id && b->rules[b->nrules].id &&
			    !strcmp(b->rules[k].id, b->rules[b->nrules].id))
				bad(L, pr, "duplicate rule id '%s'", b->rules[k].id);
		b->nrules++;
	}
}

int scores_load(struct gm_catalog *cat, const void *root_, scores_problem_fn problem, void *ctx)
{
	static const char *const keys[] = { "offer", "labels", "label_codes", "blocks", NULL };
	const cJSON *root = cJSON_GetObjectItemCaseSensitive(root_, "scores");
	struct sload L = { cat, NULL, problem, ctx, 0 };
	const cJSON *blocks, *j;
	int n;

	if (!root)
		return 0;
	if (!cJSON_IsObject(root)) {
		bad(&L, "scores", "expected an object");
		return 0;
	}
	if (!cat->questions)
		return 0;	/* the questions have failed: their problems are reported */
	if (!(L.s = catalog_alloc(cat, sizeof *L.s)))
		return -1;
	only_keys(&L, root, "scores", keys);
	L.s->offer = text(&L, root, "offer", "scores", 1);
	load_labels(&L, root);
	blocks = cJSON_GetObjectItemCaseSensitive(root, "blocks");
	if (!cJSON_IsArray(blocks) || (n = cJSON_GetArraySize(blocks)) < 1 || n > GM_MAX_SCORE_BLOCKS) {
		bad(&L, "scores.blocks", "expected an array of 1 to %d score blocks", GM_MAX_SCORE_BLOCKS);
		return L.nomem ? -1 : 0;
	}
	if (!L.s->nlabels)
		return L.nomem ? -1 : 0;
	cJSON_ArrayForEach(j, blocks) {
		struct score_block *b = &L.s->blocks[L.s->nblocks];
		char p[160];

		at_index(p, sizeof p, "scores.blocks", L.s->nblocks);
		L.s->nblocks++;
		load_block(&L, j, p, b);
		for (int k = 0; k < L.s->nblocks - 1 && b->id; k++)
			if (L.s->blocks[k].id && !strcmp(L.s->blocks[k].id, b->id))
				bad(&L, p, "duplicate score block id '%s'", b->id);
	}
	cat->scores = L.s;
	return L.nomem ? -1 : 0;
}

/* A copy of b's text in memory owned by cat, or NULL. */
static char *keep_buf(struct gm_catalog *cat, struct buf *b)
{
	char *p;

	if (b->oom || !(p = catalog_alloc(cat, b->len + 1)))
		return NULL;
	memcpy(p, b->data ? b->data : "", b->len);
	return p;
}

int scores_compose(struct gm_catalog *cat, const char *resources)
{
	struct gm_scores *s = cat->scores;
	struct buf b = BUF_INIT;

	if (!s)
		return 0;
	for (int i = 0; i < s->nblocks; i++)
		for (int k = 0; k < s->blocks[i].nrules; k++) {
			struct score_rule *r = &s->blocks[i].rules[k];

			if (r->on == SCORE_ON_ITEM && r->item >= 0 && r->status != GM_RESULT_OK) {
				/* the item is left blank: asked again, never taken as a 0 */
				buf_reset(&b);
				buf_adds(&b, "One question was not answered: \"");
				buf_adds(&b, cat->questions[r->item].text ? cat->questions[r->item].text : "");
				buf_adds(&b, "\". It matters for your safety, so please talk with a clinician "
					 "about it soon, today if you can. You do not have to wait for a group "
					 "to get support, and people are ready to listen now:");
				if (resources && *resources) {
					buf_adds(&b, "\n\n");
					buf_adds(&b, resources);
				}
				if (!(r->unanswered = keep_buf(cat, &b))) {
					buf_release(&b);
					return -1;
				}
			}
			if (r->status != GM_RESULT_REVIEW || !r->message)
				continue;
			buf_reset(&b);
			buf_adds(&b, r->message);
			if (resources && *resources) {
				buf_adds(&b, "\n\n");
				buf_adds(&b, resources);
			}
			if (!(r->review = keep_buf(cat, &b))) {
				buf_release(&b);
				return -1;
			}
		}
	buf_release(&b);
	return 0;
}

static int status_rank(int status)
{
	return status == GM_RESULT_URGENT ? 2 : status == GM_RESULT_REVIEW ? 1 : 0;
}

/* Whether block b has a review rule reading item q. */
static int has_review_rule(const struct score_block *b, int q)
{
	for (int k = 0; k < b->nrules; k++)
		if (b->rules[k].on == SCORE_ON_ITEM && b->rules[k].item == q &&
		    b->rules[k].status == GM_RESULT_REVIEW)
			return 1;
	return 0;
}

/* The band of total in b, or -1. */
static int band_of(const struct score_block *b, int total)
{
	for (int k = 0; total >= 0 && k < b->nbands; k++)
		if (total >= b->bands[k].min && total <= b->bands[k].max)
			return k;
	return -1;
}

void scores_compute(const struct gm_catalog *cat, const struct gm_answers *a,
		    struct score_result *r)
{
	const struct gm_scores *s = cat->scores;
	uint32_t unclear = a->ledger.unclear;

	r->nblocks = 0;
	r->status = GM_RESULT_OK;
	r->review = NULL;
	r->missing = 0;
	r->unanswered = NULL;
	r->review_missing = 0;
	r->advice = -1;
	r->nreasons = 0;
	if (!s || !((a->present | unclear) & s->items))
		return;
	r->nblocks = s->nblocks;
	for (int i = 0; i < s->nblocks; i++) {
		const struct score_block *b = &s->blocks[i];
		struct score_outcome *o = &r->out[i];
		uint32_t absent = 0;
		int sum = 0, lower_band;

		o->answered = 0;
		o->total = o->band = -1;
		o->prorated = 0;
		o->sum = 0;
		o->bound = 0;
		o->fired = 0;
		for (int k = 0; k < b->nitems; k++)
			if (a->present >> (b->first + k) & 1) {
				o->answered++;
				sum += (int)a->value[b->first + k];
			} else if (!(unclear >> (b->first + k) & 1)) {
				absent |= 1u << (b->first + k);
			}
		o->sum = sum;
		if (!o->answered && !(unclear >> b->first & ((1u << b->nitems) - 1)))
			continue;
		/* a safety item is never prorated: it is asked again */
		r->missing |= o->answered ? absent & cat->safety_items : 0;
		if (o->answered == b->nitems) {
			o->total = sum;
		} else if (b->nitems - o->answered <= b->max_missing && !(absent & cat->safety_items) &&
			   !(unclear >> b->first & (((1u << b->nitems) - 1)))) {
			/* sum * nitems / answered, rounded half up */
			o->total = (2 * sum * b->nitems + o->answered) / (2 * o->answered);
			if (o->total > b->total_max)
				o->total = b->total_max;
			o->prorated = 1;
		}
		o->band = band_of(b, o->total);
		lower_band = band_of(b, sum);
		for (int k = 0; k < b->nrules; k++) {
			const struct score_rule *u = &b->rules[k];
			int fire;

			switch (u->on) {
			case SCORE_ON_TOTAL:
				fire = o->total >= 0 ? o->total >= u->gte : sum >= u->gte;
				o->bound |= fire && o->total < 0;
				break;
			case SCORE_ON_BAND:
				fire = o->band >= 0 ? o->band >= u->band : lower_band >= u->band;
				o->bound |= fire && o->band < 0;
				break;
			default:
				/* an item rule needs that item: a missing one is never a 0 */
				fire = (a->present >> u->item & 1) && a->value[u->item] >= u->gte;
				/* an unclear one is positive: at least the review */
				fire |= (unclear >> u->item & 1) && u->status != GM_RESULT_OK &&
					(u->status == GM_RESULT_REVIEW || !has_review_rule(b, u->item));
				if (u->status != GM_RESULT_OK && (r->missing >> u->item & 1) &&
				    (!r->unanswered || (u->status == GM_RESULT_REVIEW &&
							r->unanswered->item == u->item &&
							r->unanswered->status != GM_RESULT_REVIEW)))
					r->unanswered = u;
				break;
			}
			if (!fire)
				continue;
			o->fired |= 1u << k;
			if (status_rank(u->status) > status_rank(r->status))
				r->status = u->status;
			if (u->status == GM_RESULT_REVIEW && !r->review)
				r->review = u;
			if (u->advice >= 0) {
				if (u->advice > r->advice)
					r->advice = u->advice;
				r->reasons[r->nreasons++] = u;
			}
		}
	}
}

int scores_find_code(const struct gm_catalog *cat, const char *code, size_t len)
{
	const struct gm_scores *s = cat->scores;

	if (!s)
		return -1;
	if (len && code[0] == '/') {
		code++;
		len--;
	}
	for (int i = 0; i < s->nblocks; i++)
		for (int k = 0; k < s->blocks[i].nitems; k++) {
			const char *c = s->blocks[i].item_loinc[k];
			if (c && strlen(c) == len && !memcmp(c, code, len))
				return s->blocks[i].first + k;
		}
	return -1;
}

/* Whether a and b are the same words, ignoring case and treating
 * spaces, hyphens and underscores alike. */
static int same_words(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen && b[i]; i++) {
		char x = (char)ascii_lower((unsigned char)a[i]), y = (char)ascii_lower((unsigned char)b[i]);

		if (x == '-' || x == '_')
			x = ' ';
		if (y == '-' || y == '_')
			y = ' ';
		if (x != y)
			return 0;
	}
	return i == alen && !b[i];
}

int scores_find_answer(const struct gm_catalog *cat, const char *t, size_t len)
{
	const struct gm_scores *s = cat->scores;

	if (!s)
		return -1;
	for (int i = 0; i < s->nlabels; i++)
		if ((s->labels[i] && same_words(t, len, s->labels[i])) ||
		    (s->codes[i] && strlen(s->codes[i]) == len && ascii_ieq(t, s->codes[i], len)))
			return i;
	return -1;
}

/* --- public accessors ------------------------------------------------- */

static const struct score_block *block_of(const gm_catalog *cat, size_t i)
{
	return cat->scores && i < (size_t)cat->scores->nblocks ? &cat->scores->blocks[i] : NULL;
}

size_t gm_catalog_score_block_count(const gm_catalog *cat)
{
	return cat->scores ? (size_t)cat->scores->nblocks : 0;
}

const char *gm_catalog_score_block_id(const gm_catalog *cat, size_t i)
{
	const struct score_block *b = block_of(cat, i);
	return b ? b->id : NULL;
}

const char *gm_catalog_score_block_name(const gm_catalog *cat, size_t i)
{
	const struct score_block *b = block_of(cat, i);
	return b ? b->name : NULL;
}

const char *gm_catalog_score_block_stem(const gm_catalog *cat, size_t i)
{
	const struct score_block *b = block_of(cat, i);
	return b ? b->stem : NULL;
}

size_t gm_catalog_score_block_first(const gm_catalog *cat, size_t i)
{
	const struct score_block *b = block_of(cat, i);
	return b ? (size_t)b->first : 0;
}

size_t gm_catalog_score_block_items(const gm_catalog *cat, size_t i)
{
	const struct score_block *b = block_of(cat, i);
	return b ? (size_t)b->nitems : 0;
}

int gm_catalog_question_block(const gm_catalog *cat, size_t q)
{
	for (int i = 0; cat->scores && i < cat->scores->nblocks; i++) {
		const struct score_block *b = &cat->scores->blocks[i];
		if (q >= (size_t)b->first && q < (size_t)(b->first + b->nitems))
			return i;
	}
	return -1;
}

const char *gm_catalog_score_offer(const gm_catalog *cat)
{
	return cat->scores ? cat->scores->offer : NULL;
}

const char *gm_catalog_score_label(const gm_catalog *cat, int v)
{
	return cat->scores && v >= 0 && v < cat->scores->nlabels ? cat->scores->labels[v] : NULL;
}

static const struct score_outcome *outcome(const gm_result *res, size_t i)
{
	return i < (size_t)res->scores.nblocks && res->scores.out[i].answered
		? &res->scores.out[i] : NULL;
}

size_t gm_result_score_answered(const gm_result *res, size_t i)
{
	const struct score_outcome *o = outcome(res, i);
	return o ? (size_t)o->answered : 0;
}

int gm_result_score_total(const gm_result *res, size_t i)
{
	const struct score_outcome *o = outcome(res, i);
	return o ? o->total : -1;
}

const char *gm_result_score_band(const gm_result *res, size_t i)
{
	const struct score_outcome *o = outcome(res, i);
	return o && o->band >= 0 ? res->cat->scores->blocks[i].bands[o->band].id : NULL;
}

int gm_result_score_prorated(const gm_result *res, size_t i)
{
	const struct score_outcome *o = outcome(res, i);
	return o ? o->prorated : 0;
}

size_t gm_result_score_rule_count(const gm_result *res, size_t i)
{
	const struct score_outcome *o = outcome(res, i);
	return o ? (size_t)__builtin_popcount(o->fired) : 0;
}

/* The i-th rule of block b that fired, or NULL. */
static const struct score_rule *fired(const gm_result *res, size_t b, size_t i)
{
	const struct score_outcome *o = outcome(res, b);

	for (int k = 0; o && k < res->cat->scores->blocks[b].nrules; k++)
		if ((o->fired >> k & 1) && i-- == 0)
			return &res->cat->scores->blocks[b].rules[k];
	return NULL;
}

const char *gm_result_score_rule(const gm_result *res, size_t b, size_t i)
{
	const struct score_rule *r = fired(res, b, i);
	return r ? r->id : NULL;
}

const char *gm_result_score_rule_reason(const gm_result *res, size_t b, size_t i)
{
	const struct score_rule *r = fired(res, b, i);
	return r ? r->reason : NULL;
}

size_t gm_result_score_setting_reason_count(const gm_result *res)
{
	return res->status == GM_RESULT_OK || res->status == GM_RESULT_REVIEW
		? (size_t)res->scores.nreasons : 0;
}

const char *gm_result_score_setting_reason(const gm_result *res, size_t i)
{
	return i < gm_result_score_setting_reason_count(res) ? res->scores.reasons[i]->reason : NULL;
}
