/* result_info.c - what a front end needs to tally many results: groups, settings and bands by index. */
#include "catalog.h"
#include "engine.h"
#include "scores.h"

_Static_assert(GM_SETTINGS_MAX == ADVICE_COUNT, "the public count is the catalogue's");
_Static_assert(GM_SCORE_BLOCKS_MAX == GM_MAX_SCORE_BLOCKS && GM_BANDS_MAX == GM_MAX_BANDS,
	       "the public limits are the score blocks'");

size_t gm_catalog_setting_count(const gm_catalog *cat)
{
	return cat ? ADVICE_COUNT : 0;
}

const char *gm_catalog_setting_id(const gm_catalog *cat, size_t i)
{
	return cat && i < ADVICE_COUNT ? cat->advice[i].id : NULL;
}

const char *gm_catalog_setting_label(const gm_catalog *cat, size_t i)
{
	return cat && i < ADVICE_COUNT ? cat->advice[i].label : NULL;
}

int gm_result_group_index(const gm_result *res, size_t rank)
{
	return res && rank < (size_t)res->nranked ? res->ranked[rank].group : -1;
}

int gm_result_setting_index(const gm_result *res)
{
	return res ? res->advice : -1;
}

int gm_result_score_band_index(const gm_result *res, size_t block)
{
	if (!res || block >= (size_t)res->scores.nblocks)
		return -1;
	return res->scores.out[block].band;
}
