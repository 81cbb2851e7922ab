/* catalog.c - loads groups.json: parses and validates every field (criteria compile in cond.c).
 *
 * Past 700 lines for a reason: validation is one pass over one JSON tree
 * whose parts (questions, criteria, groups, setting, resources) share the
 * loader's state - the error list, the allocation pool and the JSON path
 * of the value at hand.  Moving a part out means a loader header shared
 * by catalog_*.c files; that is where it should go when it grows again.
 */
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

#define MAX_WEIGHT 10
#define MAX_SCALE 1000
#define MAX_VERSION 100       /* bytes in the version string */

/* The catalogue; its allocations are listed in cat.mem. */
struct catalog_box {
	struct gm_catalog cat;
};


static const char *const role_names[] = { "none", "safety", "comfort", "readiness" };

static void load_change(struct loader *L, const cJSON *jq, const char *path, struct gm_question *q);

static void load_question(struct loader *L, const cJSON *jq, const char *path,
			  struct gm_question *q)
{
	static const char *const keys[] = { "id", "kind", "role", "required", "text",
		"help", "options", "min", "max", "min_label", "max_label", "default", "change", NULL };
	const char *kind_list[4] = { "yesno", "single", "multi", "scale" };
	const cJSON *j, *opts;
	char p[160], hint[80], txt[64];
	int i;

	if (!cJSON_IsObject(jq)) {
		problem(L, path, "expected a question object, got %s", loader_type_name(jq));
		return;
	}
	loader_check_keys(L, jq, path, keys);
	q->id = loader_get_id(L, jq, path);
	q->id_len = q->id ? strlen(q->id) : 0;
	q->text = loader_get_string(L, jq, "text", path, 1);
	q->help = loader_get_string(L, jq, "help", path, 0);
	loader_get_bool(L, jq, "required", path, &q->required);

	j = cJSON_GetObjectItemCaseSensitive(jq, "kind");
	loader_join(p, sizeof p, path, "kind");
	q->kind = (enum q_kind)-1;
	if (!j) {
		problem(L, p, "missing (one of yesno, single, multi, scale)");
	} else if (!cJSON_IsString(j)) {
		problem(L, p, "expected a string, got %s", loader_type_name(j));
	} else {
		for (i = 0; i < 4; i++)
			if (!strcmp(j->valuestring, catalog_kind_names[i]))
				q->kind = (enum q_kind)i;
		if ((int)q->kind < 0) {
			loader_suggest(hint, sizeof hint, j->valuestring, kind_list, 4);
			problem(L, p, "unknown kind '%s'%s (one of yesno, single, multi, scale)",
				loader_shown(txt, sizeof txt, j->valuestring), hint);
		}
	}

	j = cJSON_GetObjectItemCaseSensitive(jq, "role");
	loader_join(p, sizeof p, path, "role");
	q->role = ROLE_NONE;
	if (j) {
		int found = 0;
		if (cJSON_IsString(j))
			for (i = 1; i < 4; i++)
				if (!strcmp(j->valuestring, role_names[i])) {
					q->role = (enum q_role)i;
					found = 1;
				}
		if (!found)
			problem(L, p, "expected one of safety, comfort, readiness");
		else if ((q->role == ROLE_SAFETY || q->role == ROLE_READINESS) && q->kind != Q_YESNO && (int)q->kind >= 0)
			problem(L, p, "a %s question must be of kind yesno", role_names[q->role]);
		else if (q->role == ROLE_COMFORT && q->kind != Q_SCALE && (int)q->kind >= 0)
			problem(L, p, "a comfort question must be of kind scale");
	}

	opts = cJSON_GetObjectItemCaseSensitive(jq, "options");
	loader_join(p, sizeof p, path, "options");
	if (q->kind == Q_SINGLE || q->kind == Q_MULTI) {
		if (!opts) {
			problem(L, p, "missing (a %s question needs options)", catalog_kind_names[q->kind]);
		} else if (!cJSON_IsArray(opts) || !cJSON_GetArraySize(opts)) {
			problem(L, p, "expected a non-empty array of options");
		} else if (cJSON_GetArraySize(opts) > GM_MAX_OPTIONS) {
			problem(L, p, "%d options, at most %d are allowed",
				cJSON_GetArraySize(opts), GM_MAX_OPTIONS);
		} else {
			static const char *const okeys[] = { "id", "label", NULL };
			int n = cJSON_GetArraySize(opts), k;

			q->options = loader_alloc(L, (size_t)n * sizeof *q->options);
			if (!q->options)
				return;
			q->noptions = n;
			i = 0;
			cJSON_ArrayForEach(j, opts) {
				struct gm_option *o = &q->options[i];
				char po[160];

				loader_join_index(po, sizeof po, p, i);
				if (!cJSON_IsObject(j)) {
					problem(L, po, "expected an option object, got %s", loader_type_name(j));
					i++;
					continue;
				}
				loader_check_keys(L, j, po, okeys);
				o->id = loader_get_id(L, j, po);
				o->label = loader_get_string(L, j, "label", po, 1);
				o->id_len = o->id ? strlen(o->id) : 0;
				o->label_len = o->label ? strlen(o->label) : 0;
				for (k = 0; k < i; k++) {
					if (o->id && q->options[k].id && !strcmp(o->id, q->options[k].id))
						problem(L, po, "duplicate option id '%s'", o->id);
					if (o->label && q->options[k].label && strlen(o->label) == strlen(q->options[k].label) &&
					    ascii_ieq(o->label, q->options[k].label, strlen(o->label)))
						problem(L, po, "duplicate option label '%s'",
							loader_shown(txt, sizeof txt, o->label));
				}
				i++;
			}
		}
	} else if (opts && (int)q->kind >= 0) {
		problem(L, p, "only single and multi questions have options");
	}

	if (q->kind == Q_MULTI) {
		q->min = 0;
		q->max = q->noptions;
		loader_get_int(L, jq, "min", path, 0, q->noptions, &q->min);
		loader_get_int(L, jq, "max", path, 1, q->noptions ? q->noptions : 1, &q->max);
		if (q->min > q->max) {
			loader_join(p, sizeof p, path, "min");
			problem(L, p, "min %d is more than max %d", q->min, q->max);
		}
	} else if (q->kind == Q_SCALE) {
		int a = loader_get_int(L, jq, "min", path, -MAX_SCALE, MAX_SCALE, &q->min);
		int b = loader_get_int(L, jq, "max", path, -MAX_SCALE, MAX_SCALE, &q->max);
		loader_join(p, sizeof p, path, a == 0 ? "min" : "max");
		if (a == 0 || b == 0)
			problem(L, p, "missing (a scale needs min and max)");
		else if (a > 0 && b > 0 && q->min >= q->max)
			problem(L, p, "min %d must be less than max %d", q->min, q->max);
		q->min_label = loader_get_string(L, jq, "min_label", path, 0);
		q->max_label = loader_get_string(L, jq, "max_label", path, 0);
	} else if ((int)q->kind >= 0) {
		if (cJSON_GetObjectItemCaseSensitive(jq, "min") || cJSON_GetObjectItemCaseSensitive(jq, "max")) {
			loader_join(p, sizeof p, path, "min");
			problem(L, p, "only multi and scale questions have min and max");
		}
	}
	if (q->kind != Q_SCALE && (int)q->kind >= 0 &&
	    (cJSON_GetObjectItemCaseSensitive(jq, "min_label") || cJSON_GetObjectItemCaseSensitive(jq, "max_label"))) {
		loader_join(p, sizeof p, path, "min_label");
		problem(L, p, "only scale questions have min_label and max_label");
	}

	j = cJSON_GetObjectItemCaseSensitive(jq, "default");
	loader_join(p, sizeof p, path, "default");
	if (j && (int)q->kind >= 0) {
		uint64_t set;
		int v;

		switch (q->kind) {
		case Q_YESNO:
			if (cJSON_IsBool(j)) {
				q->has_default = 1;
				q->default_value = cJSON_IsTrue(j);
			} else {
				problem(L, p, "expected true or false, got %s", loader_type_name(j));
			}
			break;
		case Q_SINGLE:
			if (q->options && (v = cond_option_index(L, q, j, p)) >= 0) {
				q->has_default = 1;
				q->default_value = (int64_t)((uint64_t)1 << v);
			}
			break;
		case Q_MULTI:
			if (q->options && cond_option_set(L, q, j, p, 0, &set)) {
				q->has_default = 1;
				q->default_value = (int64_t)set;
			}
			break;
		case Q_SCALE:
			if (loader_int_value(L, j, p, q->min, q->max, &v)) {
				q->has_default = 1;
				q->default_value = v;
			}
			break;
		}
	}
	load_change(L, jq, path, q);
}

/* A phrase template with exactly one conversion, conv ('s' or 'd'), and
 * no other '%'; NULL (reported) when it is not one. */
static char *get_template(struct loader *L, const cJSON *obj, const char *key, const char *path,
			  char conv)
{
	char *t = loader_get_string(L, obj, key, path, 0), p[160];
	const char *c;
	int n = 0, good = 1;

	if (!t)
		return NULL;
	for (c = strchr(t, '%'); c; c = strchr(c + 2, '%')) {
		n++;
		if (c[1] != conv)
			good = 0;
		if (!c[1])
			break;
	}
	if (!good || n != 1) {
		loader_join(p, sizeof p, path, key);
		problem(L, p, "needs exactly one %%%c and no other %%", conv);
		return NULL;
	}
	return t;
}

/* The optional "change" object: how a changed answer is put into words. */
static void load_change(struct loader *L, const cJSON *jq, const char *path, struct gm_question *q)
{
	static const char *const yesno_keys[] = { "yes", "no", NULL };
	static const char *const multi_keys[] = { "add", "remove", NULL };
	static const char *const scale_keys[] = { "to", NULL };
	const cJSON *ch = get_object(L, jq, "change", path, 0), *j;
	char p[160];
	int i;

	if (!ch || (int)q->kind < 0)
		return;
	loader_join(p, sizeof p, path, "change");
	switch (q->kind) {
	case Q_YESNO:
		loader_check_keys(L, ch, p, yesno_keys);
		q->change_yes = loader_get_string(L, ch, "yes", p, 0);
		q->change_no = loader_get_string(L, ch, "no", p, 0);
		break;
	case Q_MULTI:
		loader_check_keys(L, ch, p, multi_keys);
		q->change_add = get_template(L, ch, "add", p, 's');
		q->change_remove = get_template(L, ch, "remove", p, 's');
		break;
	case Q_SCALE:
		loader_check_keys(L, ch, p, scale_keys);
		q->change_to = get_template(L, ch, "to", p, 'd');
		break;
	case Q_SINGLE:
		if (!q->options || !(q->change_option = loader_alloc(L, (size_t)q->noptions * sizeof *q->change_option)))
			return;
		cJSON_ArrayForEach(j, ch) {
			char pk[160];

			if (j->string[0] == '_')
				continue;
			loader_join(pk, sizeof pk, p, j->string);
			for (i = 0; i < q->noptions; i++)
				if (q->options[i].id && !strcmp(q->options[i].id, j->string))
					break;
			if (i == q->noptions)
				problem(L, pk, "unknown option '%s' of question '%s'", j->string, q->id ? q->id : "?");
			else
				q->change_option[i] = loader_get_string(L, ch, j->string, p, 0);
		}
		break;
	}
}

/* The top-level array key of 1 to max items, with zeroed room for them
 * (size bytes each) in *items; returns the array, or NULL after a problem. */
static const cJSON *load_list(struct loader *L, const cJSON *root, const char *key, int max,
			      size_t size, void **items, int *count)
{
	const cJSON *arr = get_array(L, root, key, "", 1);
	int n;

	if (!arr)
		return NULL;
	n = cJSON_GetArraySize(arr);
	if (n == 0 || n > max) {
		problem(L, key, "%d %s, expected 1 to %d", n, key, max);
		return NULL;
	}
	if (!(*items = loader_alloc(L, (size_t)n * size)))
		return NULL;
	*count = n;
	return arr;
}

static void load_questions(struct loader *L, const cJSON *root)
{
	struct gm_catalog *cat = L->cat;
	const cJSON *arr, *j;
	int i = 0, k;

	arr = load_list(L, root, "questions", GM_MAX_QUESTIONS, sizeof *cat->questions,
			(void **)&cat->questions, &cat->nquestions);
	if (!arr)
		return;
	cJSON_ArrayForEach(j, arr) {
		struct gm_question *q = &cat->questions[i];
		char p[160];

		loader_join_index(p, sizeof p, "questions", i);
		load_question(L, j, p, q);
		for (k = 0; k < i && q->id; k++)
			if (cat->questions[k].id && !strcmp(cat->questions[k].id, q->id))
				problem(L, p, "duplicate question id '%s'", q->id);
		if (q->role == ROLE_SAFETY) {
			if (cat->safety >= 0)
				problem(L, p, "a second safety question ('%s')", q->id ? q->id : "?");
			cat->safety = i;
		} else if (q->role == ROLE_COMFORT) {
			if (cat->comfort >= 0)
				problem(L, p, "a second comfort question ('%s')", q->id ? q->id : "?");
			cat->comfort = i;
		} else if (q->role == ROLE_READINESS) {
			cat->readiness |= 1u << i;
			cat->readiness_max++;
		}
		i++;
	}
}

static void load_group(struct loader *L, const cJSON *jg, const char *path, struct gm_group *g)
{
	static const char *const keys[] = { "id", "name", "summary", "description", "example",
		"approaches", "criteria", NULL };
	static const char *const ckeys[] = { "weight", "reason", "when", NULL };
	const cJSON *arr, *j;
	char p[160];
	int n, i;

	if (!cJSON_IsObject(jg)) {
		problem(L, path, "expected a group object, got %s", loader_type_name(jg));
		return;
	}
	loader_check_keys(L, jg, path, keys);
	g->id = loader_get_id(L, jg, path);
	g->name = loader_get_string(L, jg, "name", path, 1);
	g->summary = loader_get_string(L, jg, "summary", path, 1);
	g->description = loader_get_string(L, jg, "description", path, 1);
	g->example = loader_get_string(L, jg, "example", path, 1);

	arr = get_array(L, jg, "approaches", path, 1);
	if (arr) {
		n = cJSON_GetArraySize(arr);
		loader_join(p, sizeof p, path, "approaches");
		if (!n)
			problem(L, p, "must name at least one approach");
		g->approaches = loader_alloc(L, (size_t)(n ? n : 1) * sizeof *g->approaches);
		i = 0;
		cJSON_ArrayForEach(j, arr) {
			char pi[160];
			loader_join_index(pi, sizeof pi, p, i);
			if (!cJSON_IsString(j) || !*j->valuestring)
				problem(L, pi, "expected a non-empty string, got %s", loader_type_name(j));
			else if (loader_printable(L, j, pi) && g->approaches)
				g->approaches[g->napproaches++] = loader_strdup(L, j->valuestring);
			i++;
		}
	}

	arr = get_array(L, jg, "criteria", path, 1);
	if (!arr)
		return;
	n = cJSON_GetArraySize(arr);
	loader_join(p, sizeof p, path, "criteria");
	if (n == 0) {
		problem(L, p, "a group needs at least one criterion");
		return;
	}
	if (n > GM_MAX_CRITERIA) {
		problem(L, p, "%d criteria, at most %d are allowed", n, GM_MAX_CRITERIA);
		return;
	}
	g->criteria = loader_alloc(L, (size_t)n * sizeof *g->criteria);
	if (!g->criteria)
		return;
	i = 0;
	cJSON_ArrayForEach(j, arr) {
		struct gm_criterion *c = &g->criteria[g->ncriteria];
		const cJSON *w;
		char pc[160], pw[160];
		int good = 1;

		loader_join_index(pc, sizeof pc, p, i++);
		if (!cJSON_IsObject(j)) {
			problem(L, pc, "expected a criterion object, got %s", loader_type_name(j));
			continue;
		}
		loader_check_keys(L, j, pc, ckeys);
		w = cJSON_GetObjectItemCaseSensitive(j, "weight");
		loader_join(pw, sizeof pw, pc, "weight");
		if (!w) {
			problem(L, pw, "missing");
			good = 0;
		} else if (!loader_int_value(L, w, pw, -MAX_WEIGHT, MAX_WEIGHT, &c->weight)) {
			good = 0;
		} else if (c->weight == 0) {
			problem(L, pw, "must not be 0 (a criterion either counts for or against a group)");
			good = 0;
		}
		c->reason = loader_get_string(L, j, "reason", pc, 1);
		if (!c->reason)
			good = 0;
		loader_join(pw, sizeof pw, pc, "when");
		w = cJSON_GetObjectItemCaseSensitive(j, "when");
		if (!w) {
			problem(L, pw, "missing");
			good = 0;
		} else if (!cond_compile(L, w, pw, 0, &c->when)) {
			good = 0;
		}
		if (good) {
			cond_flatten(c);
			g->ncriteria++;
		}
	}
	/* stable insertion sort into weight order */
	for (i = 1; i < g->ncriteria; i++) {
		struct gm_criterion c = g->criteria[i];
		int k = i;
		while (k > 0 && cond_criterion_before(&c, &g->criteria[k - 1])) {
			g->criteria[k] = g->criteria[k - 1];
			k--;
		}
		g->criteria[k] = c;
	}
	for (i = 0; i < g->ncriteria; i++)
		if (g->criteria[i].weight > 0) {
			g->npositive++;
			g->max += g->criteria[i].weight;
		}
	if (g->max > 0 && (g->percent = loader_alloc(L, (size_t)g->max + 1)))
		for (i = 0; i <= g->max; i++)	/* rounded half up */
			g->percent[i] = (unsigned char)((200 * i + g->max) / (2 * g->max));
	if (g->ncriteria == n && g->max == 0)
		problem(L, p, "a group needs at least one criterion with a positive weight");
}

static void load_groups(struct loader *L, const cJSON *root)
{
	struct gm_catalog *cat = L->cat;
	const cJSON *arr, *j;
	int i = 0, k;

	arr = load_list(L, root, "groups", GM_MAX_GROUPS, sizeof *cat->groups,
			(void **)&cat->groups, &cat->ngroups);
	if (!arr)
		return;
	cJSON_ArrayForEach(j, arr) {
		char p[160];
		loader_join_index(p, sizeof p, "groups", i);
		load_group(L, j, p, &cat->groups[i]);
		for (k = 0; k < i && cat->groups[i].id; k++)
			if (cat->groups[k].id && !strcmp(cat->groups[k].id, cat->groups[i].id))
				problem(L, p, "duplicate group id '%s'", cat->groups[i].id);
		i++;
	}
}

/* setting.modifiers: conditions that raise the advice, each with its reason. */
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
static void load_ranking(struct loader *L, const cJSON *root)
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

static void load_setting(struct loader *L, const cJSON *root)
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

static void load_messages(struct loader *L, const cJSON *root)
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
static void load_resource_list(struct loader *L, const cJSON *arr, const char *path,
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

static void load_resources(struct loader *L, const cJSON *root)
{
	const cJSON *arr = get_array(L, root, "resources", "", 1);

	if (arr)
		load_resource_list(L, arr, "resources", &L->cat->resources, &L->cat->nresources);
}

/* The safety question is the screen everything else waits on. */
static void check_safety(struct loader *L)
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
static void load_version(struct loader *L, const cJSON *root)
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

void catalog_hash(const char *text, size_t len, char out[65])
{
	struct sha256 s;
	size_t start = 0, i;

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		start = 3;
	sha256_init(&s);
	for (i = start; i + 1 < len; i++)
		if (text[i] == '\r' && text[i + 1] == '\n') {
			sha256_update(&s, text + start, i - start);
			start = i + 1;	/* the LF starts the next run */
		}
	sha256_update(&s, text + start, len - start);
	sha256_final_hex(&s, out);
}

/* How scores.c reports a problem into the loader's list. */
/* Checks that people can name every option of a choice question without
 * doubt, by the rules the answer parser follows (labels.h): no two
 * options' ids or labels are the same once case, spaces, hyphens and
 * underscores are ignored (an id against the other options' labels too),
 * no id or label is a bare number (numbers name options by position), and
 * no label holding a separator would name other options once an answer
 * is split at ';', '|' and ','.  Exact duplicates are reported where the
 * options are read. */
static void check_option_names(struct loader *L)
{
	const struct gm_catalog *cat = L->cat;
	char p[160], a[64], b[64];

	for (int qi = 0; qi < cat->nquestions; qi++) {
		struct gm_question *q = &L->cat->questions[qi];

		if ((q->kind != Q_SINGLE && q->kind != Q_MULTI) || !q->options)
			continue;
		for (int i = 0; i < q->noptions; i++) {
			const struct gm_option *o = &q->options[i];
			int digits = 1;

			if (o->label && strpbrk(o->label, ";|,") && i < 64)
				q->sep_labels |= (uint64_t)1 << i;

			snprintf(p, sizeof p, "questions[%d].options[%d].label", qi, i);
			for (size_t c = 0; o->label && c < o->label_len; c++)
				digits &= o->label[c] >= '0' && o->label[c] <= '9';
			if (o->label && o->label_len && digits)
				problem(L, p, "label '%s' is a number, which names an option by its position",
					loader_shown(a, sizeof a, o->label));
			for (int k = 0; k < i; k++) {
				const struct gm_option *e = &q->options[k];

				if (o->id && e->id && !strcmp(o->id, e->id))
					continue;	/* a duplicate, reported already */
				if (o->id && e->id &&
				    label_same(o->id, o->id_len, e->id, e->id_len)) {
					snprintf(p, sizeof p, "questions[%d].options[%d].id", qi, i);
					problem(L, p, "option id '%s' reads the same as option id '%s' "
						"(case, spaces, hyphens and underscores are alike)", o->id, e->id);
				}
				if (o->label && e->label && !(o->label_len == e->label_len &&
				    ascii_ieq(o->label, e->label, o->label_len)) &&
				    label_same(o->label, o->label_len, e->label, e->label_len)) {
					snprintf(p, sizeof p, "questions[%d].options[%d].label", qi, i);
					problem(L, p, "label '%s' reads the same as the label of option '%s' "
						"(case, spaces, hyphens and underscores are alike)",
						loader_shown(a, sizeof a, o->label), e->id ? e->id : "?");
				}
				if (o->label && e->id && label_same(o->label, o->label_len, e->id, e->id_len)) {
					snprintf(p, sizeof p, "questions[%d].options[%d].label", qi, i);
					problem(L, p, "label '%s' reads as the id of option '%s'",
						loader_shown(a, sizeof a, o->label), e->id);
				}
				if (o->id && e->label && label_same(o->id, o->id_len, e->label, e->label_len)) {
					snprintf(p, sizeof p, "questions[%d].options[%d].id", qi, i);
					problem(L, p, "option id '%s' reads as the label of option '%s'",
						o->id, e->id ? e->id : "?");
				}
			}
			if (o->label && strpbrk(o->label, ";|,")) {
				/* the options the label names once split, when it names some */
				size_t at = 0, end, n = o->label_len;
				uint64_t named = 0;
				int all = 1;

				while (at <= n && all) {
					const char *piece;
					size_t plen;
					int f;

					for (end = at; end < n && !label_is_separator(o->label[end]); end++)
						;
					piece = o->label + at;
					plen = end - at;
					while (plen && (*piece == ' ' || *piece == '\t')) {
						piece++;
						plen--;
					}
					while (plen && (piece[plen - 1] == ' ' || piece[plen - 1] == '\t'))
						plen--;
					if (plen) {
						f = label_find(q, piece, plen, NULL);
						if (f < 0)
							all = 0;
						else
							named |= (uint64_t)1 << f;
					}
					at = end + 1;
				}
				if (all && named & ~((uint64_t)1 << i)) {
					char names[120];
					size_t w = 0;

					for (int k = 0; k < q->noptions && w < sizeof names; k++)
						if (named >> k & 1)
							w += (size_t)snprintf(names + w, sizeof names - w, "%s%s",
									      w ? ", " : "", q->options[k].id ? q->options[k].id : "?");
					snprintf(p, sizeof p, "questions[%d].options[%d].label", qi, i);
					problem(L, p, "label '%s' would read as other options (%s) once an answer "
						"is split at ';', '|' and ','", loader_shown(b, sizeof b, o->label), names);
				}
			}
		}
	}
}

static void scores_problem(void *ctx, const char *path, const char *message)
{
	problem((struct loader *)ctx, path, "%s", message);
}

static void parse(struct loader *L, const char *text, size_t len)
{
	struct json_fault f;
	cJSON *root = json_parse(text, len, JSON_CHECK_UTF8 | JSON_NO_NUL_ESCAPE, &f);

	if (!root) {
		loader_problem_at(L, f.line, f.column, "", "%s", f.message);
		return;
	}
	if (!cJSON_IsObject(root)) {
		loader_problem_at(L, 1, 1, "", "expected a JSON object at the top, got %s", loader_type_name(root));
		cJSON_Delete(root);
		return;
	}
	{
		static const char *const keys[] = { "format_version", "name", "version", "questions",
			"groups", "setting", "messages", "resources", "ranking", "scores", NULL };
		int v = 0, got;

		loader_check_keys(L, root, "", keys);
		got = loader_get_int(L, root, "format_version", "", 0, 1000000, &v);
		if (got == 0)
			problem(L, "format_version", "missing (this build reads format_version %d)", GM_CATALOG_FORMAT);
		else if (got > 0 && v != GM_CATALOG_FORMAT)
			problem(L, "format_version", "unsupported format_version %d (this build reads %d)", v, GM_CATALOG_FORMAT);
		L->cat->format_version = v;
		L->cat->name = loader_get_string(L, root, "name", "", 0);
		load_version(L, root);
		load_questions(L, root);
		check_option_names(L);
		if (scores_load(L->cat, root, scores_problem, L))
			L->nomem = 1;
		load_groups(L, root);
		load_setting(L, root);
		load_ranking(L, root);
		load_messages(L, root);
		load_resources(L, root);
		if (L->cat->safety < 0 && !L->nerrs)
			problem(L, "questions", "no question has role safety (the crisis screen)");
		check_safety(L);
	}
	cJSON_Delete(root);
}

void gm_catalog_free(gm_catalog *cat)
{
	struct catalog_box *box = (struct catalog_box *)cat;

	if (!box)
		return;
	pool_release(&box->cat.mem);
	free(box);
}

void gm_errors_free(gm_error *errors)
{
	free(errors);
}

/* gm_catalog_load_buffer, given the hash of text when it is known ("" or
 * NULL when it is not). */
static gm_catalog *load_buffer(const char *text, size_t len, const char *sha256,
			       gm_error **errors, size_t *nerrors)
{
	struct catalog_box *box = calloc(1, sizeof *box);
	struct loader L;

	memset(&L, 0, sizeof L);
	if (errors)
		*errors = NULL;
	if (nerrors)
		*nerrors = 0;
	if (box) {
		L.cat = &box->cat;
		L.mem = &box->cat.mem;
		box->cat.safety = box->cat.comfort = -1;
		parse(&L, text, len);
	} else {
		L.nomem = 1;
	}
	if (L.nomem) {
		L.nerrs = 0;
		problem(&L, "", "out of memory");
		if (L.nerrs)
			L.errs[0].status = GM_ERR_NOMEM;
	}
	if (L.nerrs || L.nomem) {
		gm_catalog_free(box ? &box->cat : NULL);
		if (errors)
			*errors = L.errs;
		else
			free(L.errs);
		if (nerrors)
			*nerrors = L.nerrs;
		return NULL;
	}
	free(L.errs);
	if (sha256 && strlen(sha256) == 64)
		memcpy(box->cat.sha256, sha256, 65);
	else
		catalog_hash(text, len, box->cat.sha256);
	safety_mark_items(&box->cat);
	if (resources_compose(&box->cat) || engine_compile(&box->cat)) {
		gm_catalog_free(&box->cat);
		if (errors && (*errors = calloc(1, sizeof **errors))) {
			(*errors)->status = GM_ERR_NOMEM;
			snprintf((*errors)->message, sizeof (*errors)->message, "out of memory");
			if (nerrors)
				*nerrors = 1;
		}
		return NULL;
	}
	return &box->cat;
}

gm_catalog *gm_catalog_load_buffer(const char *text, size_t len, const char *name,
				   gm_error **errors, size_t *nerrors)
{
	(void)name;
	/* the built-in text (read-only) has its hash from the build */
	return load_buffer(text, len, text == gm_default_catalog && len == gm_default_catalog_len
			   ? gm_default_catalog_sha256 : NULL, errors, nerrors);
}

gm_status gm_catalog_set_resources(gm_catalog *cat, const char *text, size_t len,
				   const char *name, gm_error **errors, size_t *nerrors)
{
	struct catalog_box *box = (struct catalog_box *)cat;
	struct gm_resource *res = NULL;
	struct json_fault f;
	struct loader L;
	cJSON *root;
	int n = 0;

	(void)name;
	memset(&L, 0, sizeof L);
	L.cat = cat;
	L.mem = &box->cat.mem;
	if (errors)
		*errors = NULL;
	if (nerrors)
		*nerrors = 0;
	root = json_parse(text, len, JSON_CHECK_UTF8, &f);
	if (!root) {
		loader_problem_at(&L, f.line, f.column, "", "%s", f.message);
	} else if (!cJSON_IsObject(root)) {
		loader_problem_at(&L, 1, 1, "", "expected a JSON object {\"resources\": [...]}, got %s",
			   loader_type_name(root));
	} else {
		static const char *const keys[] = { "resources", NULL };
		const cJSON *arr = get_array(&L, root, "resources", "", 1);

		loader_check_keys(&L, root, "", keys);
		if (arr)
			load_resource_list(&L, arr, "resources", &res, &n);
	}
	cJSON_Delete(root);
	if (L.nomem && !L.nerrs)
		problem(&L, "", "out of memory");
	if (!L.nerrs) {
		struct gm_resource *old = cat->resources;
		int oldn = cat->nresources;

		cat->resources = res;
		cat->nresources = n;
		if (resources_compose(cat) == 0)
			return GM_OK;
		cat->resources = old;
		cat->nresources = oldn;
		problem(&L, "", "out of memory");
	}
	if (errors)
		*errors = L.errs;
	else
		free(L.errs);
	if (nerrors)
		*nerrors = L.nerrs;
	return GM_ERR_CATALOG;
}

/* Reads the whole file at path (at most 64 MiB) into a new buffer; on
 * failure returns NULL with errno set. */
static char *read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL, *nt;
	size_t len = 0, cap = 0, n;
	int saved = 0;

	if (!f)
		return NULL;
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			if (cap > ((size_t)64 << 20)) {
				saved = EFBIG;
				break;
			}
			if (!(nt = realloc(text, cap))) {
				saved = ENOMEM;
				break;
			}
			text = nt;
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (!saved && ferror(f))
		saved = errno ? errno : EIO;
	fclose(f);
	if (saved) {
		free(text);
		errno = saved;
		return NULL;
	}
	*lenp = len;
	return text ? text : calloc(1, 1);
}

gm_catalog *gm_catalog_load_file(const char *path, gm_error **errors, size_t *nerrors)
{
	size_t len = 0;
	char *text = read_file(path, &len);
	gm_catalog *cat;

	if (!text) {
		gm_error *e = calloc(1, sizeof *e);
		int saved = errno;

		if (e) {
			e->status = GM_ERR_IO;
			snprintf(e->path, sizeof e->path, "%s", path);
			snprintf(e->message, sizeof e->message, "%s",
				 saved == EFBIG ? "file too large (over 64 MiB)" : strerror(saved));
		}
		if (errors)
			*errors = e;
		else
			free(e);
		if (nerrors)
			*nerrors = e ? 1 : 0;
		return NULL;
	}
	cat = gm_catalog_load_buffer(text, len, path, errors, nerrors);
	free(text);
	return cat;
}

gm_catalog *gm_catalog_load_default(gm_error *err)
{
	gm_error *errs = NULL;
	size_t n = 0;
	gm_catalog *cat = load_buffer(gm_default_catalog, gm_default_catalog_len,
				      gm_default_catalog_sha256, &errs, &n);

	if (!cat && err && n)
		*err = errs[0];
	gm_errors_free(errs);
	return cat;
}

int gm_catalog_format_version(const gm_catalog *cat) { return cat->format_version; }
const char *gm_catalog_name(const gm_catalog *cat) { return cat->name; }
const char *gm_catalog_version(const gm_catalog *cat) { return cat->version; }
const char *gm_catalog_hash(const gm_catalog *cat) { return cat->sha256; }
size_t gm_catalog_question_count(const gm_catalog *cat) { return (size_t)cat->nquestions; }
size_t gm_catalog_group_count(const gm_catalog *cat) { return (size_t)cat->ngroups; }

const char *gm_catalog_question_id(const gm_catalog *cat, size_t i)
{
	return i < (size_t)cat->nquestions ? cat->questions[i].id : NULL;
}

const char *gm_catalog_question_text(const gm_catalog *cat, size_t i)
{
	return i < (size_t)cat->nquestions ? cat->questions[i].text : NULL;
}

const char *gm_catalog_group_id(const gm_catalog *cat, size_t i)
{
	return i < (size_t)cat->ngroups ? cat->groups[i].id : NULL;
}

const char *gm_catalog_group_name(const gm_catalog *cat, size_t i)
{
	return i < (size_t)cat->ngroups ? cat->groups[i].name : NULL;
}

const char *gm_catalog_group_summary(const gm_catalog *cat, size_t i)
{
	return i < (size_t)cat->ngroups ? cat->groups[i].summary : NULL;
}
