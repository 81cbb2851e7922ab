/* catalog_info.c - the catalogue read back through the public API: what a form needs to show and code each question. */
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "model.h"
#include "fhir.h"
#include "scores.h"

_Static_assert(GM_FORMAT_VERSION == GM_CATALOG_FORMAT, "the public format version is the loader's");
_Static_assert(GM_QUESTIONS_MAX == GM_MAX_QUESTIONS, "the public limit is the answers' bit count");
_Static_assert(GM_GROUPS_MAX == GM_MAX_GROUPS, "the public limit is the engine's");
_Static_assert((int)GM_KIND_YESNO == Q_YESNO && (int)GM_KIND_SINGLE == Q_SINGLE &&
	       (int)GM_KIND_MULTI == Q_MULTI && (int)GM_KIND_SCALE == Q_SCALE,
	       "gm_question_kind mirrors enum q_kind");

static const struct gm_question *question(const gm_catalog *cat, size_t q)
{
	return cat && q < (size_t)cat->nquestions ? &cat->questions[q] : NULL;
}

static int is_choice(const struct gm_question *qq)
{
	return qq && (qq->kind == Q_SINGLE || qq->kind == Q_MULTI);
}

static const struct gm_option *option(const gm_catalog *cat, size_t q, size_t i)
{
	const struct gm_question *qq = question(cat, q);

	return is_choice(qq) && i < (size_t)qq->noptions ? &qq->options[i] : NULL;
}

static const struct gm_group *group(const gm_catalog *cat, size_t g)
{
	return cat && g < (size_t)cat->ngroups ? &cat->groups[g] : NULL;
}

static const struct score_block *block(const gm_catalog *cat, size_t b)
{
	return cat && cat->scores && b < (size_t)cat->scores->nblocks ? &cat->scores->blocks[b] : NULL;
}

/* --- questions -------------------------------------------------------- */

gm_question_kind gm_catalog_question_kind(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	return qq ? (gm_question_kind)qq->kind : GM_KIND_NONE;
}

int gm_catalog_find_question(const gm_catalog *cat, const char *s, size_t len)
{
	return cat && s ? catalog_find_question(cat, s, len) : -1;
}

int gm_catalog_safety_question(const gm_catalog *cat)
{
	return cat ? cat->safety : -1;
}

const char *gm_catalog_question_role(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	switch (qq ? qq->role : ROLE_NONE) {
	case ROLE_SAFETY: return "safety";
	case ROLE_COMFORT: return "comfort";
	case ROLE_READINESS: return "readiness";
	case ROLE_ITEM: return "item";
	case ROLE_NONE: break;
	}
	return NULL;
}

const char *gm_catalog_question_help(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	return qq ? qq->help : NULL;
}

int gm_catalog_question_required(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	return qq ? qq->required != 0 : -1;
}

int gm_catalog_question_min(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	return qq && (qq->kind == Q_MULTI || qq->kind == Q_SCALE) ? qq->min : 0;
}

int gm_catalog_question_max(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	return qq && (qq->kind == Q_MULTI || qq->kind == Q_SCALE) ? qq->max : 0;
}

const char *gm_catalog_question_scale_label(const gm_catalog *cat, size_t q, int v)
{
	const struct gm_question *qq = question(cat, q);

	if (!qq || qq->kind != Q_SCALE || v < qq->min || v > qq->max)
		return NULL;
	if (qq->role == ROLE_ITEM)
		return gm_catalog_score_label(cat, v);
	return v == qq->min ? qq->min_label : v == qq->max ? qq->max_label : NULL;
}

size_t gm_catalog_option_count(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	return is_choice(qq) ? (size_t)qq->noptions : 0;
}

const char *gm_catalog_option_id(const gm_catalog *cat, size_t q, size_t i)
{
	const struct gm_option *o = option(cat, q, i);

	return o ? o->id : NULL;
}

const char *gm_catalog_option_label(const gm_catalog *cat, size_t q, size_t i)
{
	const struct gm_option *o = option(cat, q, i);

	return o ? o->label : NULL;
}

int gm_catalog_question_has_default(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);

	return qq ? qq->has_default != 0 : -1;
}

long gm_catalog_question_default(const gm_catalog *cat, size_t q)
{
	const struct gm_question *qq = question(cat, q);
	long n = 0;

	if (!qq || !qq->has_default)
		return 0;
	if (!is_choice(qq))
		return (long)qq->default_value;
	for (int i = 0; i < qq->noptions; i++)
		n += (long)((uint64_t)qq->default_value >> i & 1);
	return n;
}

int gm_catalog_option_default(const gm_catalog *cat, size_t q, size_t i)
{
	const struct gm_question *qq = question(cat, q);

	return option(cat, q, i) && qq->has_default && ((uint64_t)qq->default_value >> i & 1);
}

/* --- group types ------------------------------------------------------ */

const char *gm_catalog_group_description(const gm_catalog *cat, size_t g)
{
	const struct gm_group *gg = group(cat, g);

	return gg ? gg->description : NULL;
}

const char *gm_catalog_group_example(const gm_catalog *cat, size_t g)
{
	const struct gm_group *gg = group(cat, g);

	return gg ? gg->example : NULL;
}

size_t gm_catalog_group_approach_count(const gm_catalog *cat, size_t g)
{
	const struct gm_group *gg = group(cat, g);

	return gg ? (size_t)gg->napproaches : 0;
}

const char *gm_catalog_group_approach(const gm_catalog *cat, size_t g, size_t i)
{
	const struct gm_group *gg = group(cat, g);

	return gg && i < (size_t)gg->napproaches ? gg->approaches[i] : NULL;
}

int gm_catalog_group_max(const gm_catalog *cat, size_t g)
{
	const struct gm_group *gg = group(cat, g);

	return gg ? gg->max : -1;
}

size_t gm_catalog_criterion_count(const gm_catalog *cat, size_t g)
{
	const struct gm_group *gg = group(cat, g);

	return gg ? (size_t)gg->ncriteria : 0;
}

int gm_catalog_criterion_weight(const gm_catalog *cat, size_t g, size_t k)
{
	const struct gm_group *gg = group(cat, g);

	return gg && k < (size_t)gg->ncriteria ? gg->criteria[k].weight : 0;
}

const char *gm_catalog_criterion_reason(const gm_catalog *cat, size_t g, size_t k)
{
	const struct gm_group *gg = group(cat, g);

	return gg && k < (size_t)gg->ncriteria ? gg->criteria[k].reason : NULL;
}

/* --- score blocks: their codes and bands ----------------------------- */

const char *gm_catalog_score_code(const gm_catalog *cat, int v)
{
	return cat && cat->scores && cat->scores->codes && v >= 0 && v < cat->scores->nlabels
		? cat->scores->codes[v] : NULL;
}

const char *gm_catalog_score_block_loinc(const gm_catalog *cat, size_t b)
{
	const struct score_block *sb = block(cat, b);

	return sb ? sb->loinc : NULL;
}

const char *gm_catalog_score_block_total_loinc(const gm_catalog *cat, size_t b)
{
	const struct score_block *sb = block(cat, b);

	return sb ? sb->total_loinc : NULL;
}

int gm_catalog_score_block_max_missing(const gm_catalog *cat, size_t b)
{
	const struct score_block *sb = block(cat, b);

	return sb ? sb->max_missing : -1;
}

const char *gm_catalog_score_item_loinc(const gm_catalog *cat, size_t b, size_t k)
{
	const struct score_block *sb = block(cat, b);

	return sb && sb->item_loinc && k < (size_t)sb->nitems ? sb->item_loinc[k] : NULL;
}

size_t gm_catalog_score_band_count(const gm_catalog *cat, size_t b)
{
	const struct score_block *sb = block(cat, b);

	return sb ? (size_t)sb->nbands : 0;
}

static const struct score_band *band(const gm_catalog *cat, size_t b, size_t k)
{
	const struct score_block *sb = block(cat, b);

	return sb && k < (size_t)sb->nbands ? &sb->bands[k] : NULL;
}

const char *gm_catalog_score_band_id(const gm_catalog *cat, size_t b, size_t k)
{
	const struct score_band *sb = band(cat, b, k);

	return sb ? sb->id : NULL;
}

const char *gm_catalog_score_band_label(const gm_catalog *cat, size_t b, size_t k)
{
	const struct score_band *sb = band(cat, b, k);

	return sb ? sb->label : NULL;
}

int gm_catalog_score_band_min(const gm_catalog *cat, size_t b, size_t k)
{
	const struct score_band *sb = band(cat, b, k);

	return sb ? sb->min : -1;
}

int gm_catalog_score_band_max(const gm_catalog *cat, size_t b, size_t k)
{
	const struct score_band *sb = band(cat, b, k);

	return sb ? sb->max : -1;
}

/* --- the questionnaire as FHIR --------------------------------------- */

char *gm_catalog_fhir_questionnaire(const gm_catalog *cat, size_t *len)
{
	struct buf out = BUF_INIT;
	char *s;

	if (!cat || fhir_questionnaire(&out, cat) != 0 || out.oom) {
		buf_release(&out);
		return NULL;
	}
	s = strdup(buf_cstr(&out));
	if (s && len)
		*len = out.len;
	buf_release(&out);
	return s;
}

const char *gm_catalog_reminder(const gm_catalog *cat)
{
	return cat ? cat->reminder : NULL;
}
