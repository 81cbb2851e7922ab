/* catalog_setting.c - the catalogue's setting, ranking, messages, resources and version sections. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "ascii.h"
#include "catalog.h"
#include "cond.h"
#include "loader.h"
#include "resources.h"
#include "jsonparse.h"
#include "labels.h"
#include "quote.h"
#include "editdist.h"
#include "pool.h"
#include "sha256.h"
#include "scores.h"

#define MAX_VERSION 100       /* bytes in the version string */

static void load_modifiers(struct loader *L, const cJSON *s)
{
	static const char *const keys[] = { "id", "when", "at_least", "first", "reason", NULL };
	struct gm_catalog *cat = L->cat;
	const cJSON *arr = get_array(L, s, "modifiers", "setting", 0), *j;
	int n, i = 0;

	if (!arr)
		return;
	n = cJSON_GetArraySize(arr);
	if (n > GM_MAX_MODIFIERS) {
		problem(L, "setting.modifiers", "%d modifiers, at most %d are allowed", n, GM_MAX_MODIFIERS);
		return;
	}
	if (!n || !(cat->modifiers = loader_alloc(L, (size_t)n * sizeof *cat->modifiers)))
		return;
	cJSON_ArrayForEach(j, arr) {
		struct gm_modifier *m = &cat->modifiers[cat->nmodifiers];
		const cJSON *w, *g;
		char p[160], pk[160];
		int good = 1;

		loader_join_index(p, sizeof p, "setting.modifiers", i++);
		if (!cJSON_IsObject(j)) {
			problem(L, p, "expected a modifier object, got %s", loader_type_name(j));
			continue;
		}
		loader_check_keys(L, j, p, keys);
		m->id = loader_get_id(L, j, p);
		m->crit.reason = loader_get_string(L, j, "reason", p, 1);
		good = m->id && m->crit.reason;
		for (w = arr->child; w != j && m->id; w = w->next) {
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(w, "id");

			if (cJSON_IsString(id) && !strcmp(id->valuestring, m->id)) {
				problem(L, p, "duplicate modifier id '%s'", m->id);
				good = 0;
				break;
			}
		}
		w = cJSON_GetObjectItemCaseSensitive(j, "at_least");
		loader_join(pk, sizeof pk, p, "at_least");
		if (!w) {
			problem(L, pk, "missing (combined or individual_first)");
			good = 0;
		} else if (cJSON_IsString(w) && !strcmp(w->valuestring, "combined")) {
			m->at_least = ADVICE_COMBINED;
		} else if (cJSON_IsString(w) && !strcmp(w->valuestring, "individual_first")) {
			m->at_least = ADVICE_INDIVIDUAL_FIRST;
		} else {
			problem(L, pk, "expected combined or individual_first");
			good = 0;
		}
		w = cJSON_GetObjectItemCaseSensitive(j, "when");
		loader_join(pk, sizeof pk, p, "when");
		if (!w) {
			problem(L, pk, "missing");
			good = 0;
		} else if (!cond_compile(L, w, pk, 0, &m->crit.when)) {
			good = 0;
		} else {
			cond_flatten(&m->crit);
		}
		g = get_array(L, j, "first", p, 0);
		if (g) {
			int gi = 0;

			loader_join(pk, sizeof pk, p, "first");
			if (!cJSON_GetArraySize(g)) {
				problem(L, pk, "must list at least one group");
				good = 0;
			}
			cJSON_ArrayForEach(w, g) {
				char pi[160];
				int at = cJSON_IsString(w) ? catalog_find_group(cat, w->valuestring) : -1;

				loader_join_index(pi, sizeof pi, pk, gi++);
				if (at < 0) {
					problem(L, pi, "expected a group id, got %s%s%s%s", cJSON_IsString(w) ? "'" : "",
						cJSON_IsString(w) ? w->valuestring : loader_type_name(w),
						cJSON_IsString(w) ? "'" : "", cJSON_IsString(w) ? " (no such group)" : "");
					good = 0;
				} else {
					m->first |= 1u << at;
				}
			}
		}
		if (good)
			cat->nmodifiers++;
	}
}

/* The optional "ranking" object: fit bands and the near-tie margin. */
void catalog_load_ranking(struct loader *L, const cJSON *root)
{
	static const char *const keys[] = { "fit", "near_tie", NULL };
	static const char *const fkeys[] = { "strong", "possible", NULL };
	struct gm_catalog *cat = L->cat;
	const cJSON *r = get_object(L, root, "ranking", "", 0), *f;

	cat->fit_strong = 70;
	cat->fit_possible = 40;
	cat->near_tie = 5;
	if (!r)
		return;
	loader_check_keys(L, r, "ranking", keys);
	loader_get_int(L, r, "near_tie", "ranking", 0, 100, &cat->near_tie);
	f = get_object(L, r, "fit", "ranking", 0);
	if (!f)
		return;
	loader_check_keys(L, f, "ranking.fit", fkeys);
	if (loader_get_int(L, f, "strong", "ranking.fit", 1, 100, &cat->fit_strong) >= 0 &&
	    loader_get_int(L, f, "possible", "ranking.fit", 1, 100, &cat->fit_possible) >= 0 &&
	    cat->fit_possible > cat->fit_strong)
		problem(L, "ranking.fit.possible", "%d is above strong (%d)", cat->fit_possible,
			cat->fit_strong);
}

void catalog_load_setting(struct loader *L, const cJSON *root)
{
	static const char *const keys[] = { "group", "combined", "individual_first", "modifiers", NULL };
	static const char *const gkeys[] = { "readiness_min", "comfort_min", "label", "text", NULL };
	static const char *const ckeys[] = { "label", "text", NULL };
	static const char *const ikeys[] = { "readiness_max", "comfort_max", "label", "text", NULL };
	static const char *const *const advice_keys[ADVICE_COUNT] = { gkeys, ckeys, ikeys };
	struct gm_catalog *cat = L->cat;
	const cJSON *s = get_object(L, root, "setting", "", 1);
	const struct gm_question *cq;
	int i, lo = 0, hi = 0;

	if (!s)
		return;
	loader_check_keys(L, s, "setting", keys);
	if (cat->comfort < 0 || !cat->readiness_max) {
		problem(L, "setting", "setting advice needs a question with role comfort and at least one with role readiness");
		return;
	}
	cq = &cat->questions[cat->comfort];
	if (cq->kind == Q_SCALE) {
		lo = cq->min;
		hi = cq->max;
	}
	load_modifiers(L, s);
	for (i = 0; i < ADVICE_COUNT; i++) {
		const cJSON *a = get_object(L, s, keys[i], "setting", 1);
		char p[160];

		loader_join(p, sizeof p, "setting", keys[i]);
		cat->advice[i].id = (char *)keys[i];
		if (!a)
			continue;
		loader_check_keys(L, a, p, advice_keys[i]);
		cat->advice[i].label = loader_get_string(L, a, "label", p, 1);
		cat->advice[i].text = loader_get_string(L, a, "text", p, 1);
	}
	{
		const cJSON *g = cJSON_GetObjectItemCaseSensitive(s, "group");
		const cJSON *ind = cJSON_GetObjectItemCaseSensitive(s, "individual_first");
		int got, good = 0;	/* thresholds read without a problem */
		if (cJSON_IsObject(g)) {
			if ((got = loader_get_int(L, g, "readiness_min", "setting.group", 0, cat->readiness_max, &cat->group_readiness)) == 0)
				problem(L, "setting.group.readiness_min", "missing");
			good += got > 0;
			if ((got = loader_get_int(L, g, "comfort_min", "setting.group", lo, hi, &cat->group_comfort)) == 0)
				problem(L, "setting.group.comfort_min", "missing");
			good += got > 0;
		}
		if (cJSON_IsObject(ind)) {
			if ((got = loader_get_int(L, ind, "readiness_max", "setting.individual_first", 0, cat->readiness_max, &cat->ind_readiness)) == 0)
				problem(L, "setting.individual_first.readiness_max", "missing");
			good += got > 0;
			if ((got = loader_get_int(L, ind, "comfort_max", "setting.individual_first", lo, hi, &cat->ind_comfort)) == 0)
				problem(L, "setting.individual_first.comfort_max", "missing");
			good += got > 0;
		}
		if (good == 4 &&
		    (cat->ind_readiness >= cat->group_readiness || cat->ind_comfort >= cat->group_comfort))
			problem(L, "setting", "individual_first thresholds must lie below the group ones");
	}
}

/* Shorter than this, an urgent text cannot say what to do. */
#define URGENT_MIN 60

void catalog_load_messages(struct loader *L, const cJSON *root)
{
	static const char *const keys[] = { "urgent", "urgent_end", "urgent_staff",
		"unscreened_staff", "reminder", "safety_skipped", NULL };
	struct gm_catalog *cat = L->cat;
	const cJSON *m = get_object(L, root, "messages", "", 1);

	if (!m)
		return;
	loader_check_keys(L, m, "messages", keys);
	cat->urgent_intro = loader_get_string(L, m, "urgent", "messages", 1);
	cat->urgent_end = loader_get_string(L, m, "urgent_end", "messages", 0);
	cat->urgent_staff = loader_get_string(L, m, "urgent_staff", "messages", 1);
	cat->unscreened_staff = loader_get_string(L, m, "unscreened_staff", "messages", 1);
	cat->reminder = loader_get_string(L, m, "reminder", "messages", 1);
	cat->safety_skipped_intro = loader_get_string(L, m, "safety_skipped", "messages", 1);
	if (cat->urgent_intro && strlen(cat->urgent_intro) < URGENT_MIN)
		problem(L, "messages.urgent", "%zu characters is too short for the text a person in "
			"crisis reads (at least %d)", strlen(cat->urgent_intro), URGENT_MIN);
	if (cat->urgent_staff && strlen(cat->urgent_staff) < 20)
		problem(L, "messages.urgent_staff", "too short to tell staff what to do (at least 20 characters)");
}

/* Reads a list of crisis resources into *out (memory of the catalogue
 * being loaded); path names the list in messages. */
void catalog_load_resource_list(struct loader *L, const cJSON *arr, const char *path,
			       struct gm_resource **out, int *count)
{
	static const char *const keys[] = { "region", "name", "contact", "how", "hours", "url", NULL };
	static const char *const hows[] = { "call", "text", "chat", "web" };
	struct gm_resource *res;
	const cJSON *j;
	int n, i = 0, everywhere = 0;

	n = cJSON_GetArraySize(arr);
	if (n == 0 || n > GM_MAX_RESOURCES) {
		problem(L, path, "%d resources, expected 1 to %d", n, GM_MAX_RESOURCES);
		return;
	}
	if (!(res = loader_alloc(L, (size_t)n * sizeof *res)))
		return;
	cJSON_ArrayForEach(j, arr) {
		struct gm_resource *r = &res[i];
		const cJSON *reg, *how, *w;
		char p[160], pk[160];

		loader_join_index(p, sizeof p, path, i++);
		if (!cJSON_IsObject(j)) {
			problem(L, p, "expected a resource object, got %s", loader_type_name(j));
			continue;
		}
		loader_check_keys(L, j, p, keys);
		reg = cJSON_GetObjectItemCaseSensitive(j, "region");
		loader_join(pk, sizeof pk, p, "region");
		if (!cJSON_IsString(reg))
			problem(L, pk, reg ? "expected a string, got %s" : "missing", loader_type_name(reg));
		else if (!strcmp(reg->valuestring, "*"))
			strcpy(r->region, "*");
		else if (strlen(reg->valuestring) == 2 && reg->valuestring[0] >= 'A' &&
			 reg->valuestring[0] <= 'Z' && reg->valuestring[1] >= 'A' && reg->valuestring[1] <= 'Z')
			memcpy(r->region, reg->valuestring, 3);
		else
			problem(L, pk, "'%.20s' is not a region (two capital letters, ISO 3166, or \"*\" for everywhere)",
				reg->valuestring);
		everywhere |= r->region[0] == '*';
		r->name = loader_get_string(L, j, "name", p, 1);
		r->contact = loader_get_string(L, j, "contact", p, 1);
		r->hours = loader_get_string(L, j, "hours", p, 1);
		r->url = loader_get_string(L, j, "url", p, 0);
		loader_join(pk, sizeof pk, p, "url");
		if (r->url && strncmp(r->url, "https://", 8) != 0)
			problem(L, pk, "'%.40s' is not an https:// address", r->url);
		how = cJSON_GetObjectItemCaseSensitive(j, "how");
		loader_join(pk, sizeof pk, p, "how");
		if (!cJSON_IsArray(how) || cJSON_GetArraySize(how) == 0) {
			problem(L, pk, "expected a non-empty list of call, text, chat, web");
			continue;
		}
		cJSON_ArrayForEach(w, how) {
			unsigned bit = 0;

			for (int k = 0; k < 4; k++)
				if (cJSON_IsString(w) && !strcmp(w->valuestring, hows[k]))
					bit = 1u << k;
			if (!bit)
				problem(L, pk, "'%.20s' is not one of call, text, chat, web",
					cJSON_IsString(w) ? w->valuestring : "?");
			r->how |= bit;
		}
		if ((r->how & (HOW_CHAT | HOW_WEB)) && !r->url)
			problem(L, p, "chat and web need a \"url\"");
	}
	if (!everywhere)
		problem(L, path, "no resource for region \"*\" (shown when no region is selected)");
	*out = res;
	*count = n;
}

void catalog_load_resources(struct loader *L, const cJSON *root)
{
	const cJSON *arr = get_array(L, root, "resources", "", 1);

	if (arr)
		catalog_load_resource_list(L, arr, "resources", &L->cat->resources, &L->cat->nresources);
}

/* The safety question is the screen everything else waits on. */
void catalog_check_safety(struct loader *L)
{
	const struct gm_catalog *cat = L->cat;
	const struct gm_question *q;
	char p[160];

	if (cat->safety < 0)
		return;
	q = &cat->questions[cat->safety];
	loader_join_index(p, sizeof p, "questions", cat->safety);
	if (cat->safety != 0)
		problem(L, p, "the safety question '%s' must be the first question", q->id ? q->id : "?");
	if (!q->required)
		problem(L, p, "the safety question must have \"required\": true");
	if ((int)q->kind >= 0 && q->kind != Q_YESNO)
		problem(L, p, "the safety question must be a yesno question");
	if (q->has_default)
		problem(L, p, "the safety question must not have a default: "
			"an empty answer would then mean \"no crisis\"");
}

/* The optional version string: printable, on one line, short enough to
 * show in every result. */
void catalog_load_version(struct loader *L, const cJSON *root)
{
	char *v = loader_get_string(L, root, "version", "", 0);
	const unsigned char *p;

	if (!v)
		return;
	if (strlen(v) > MAX_VERSION) {
		problem(L, "version", "%zu bytes, at most %d are allowed", strlen(v), MAX_VERSION);
		return;
	}
	for (p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f) {
			problem(L, "version", "must not hold control characters");
			return;
		}
	L->cat->version = v;
}
