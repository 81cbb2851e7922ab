/* catalog_load.c - the catalogue's questions and groups: each read, checked and compiled from its JSON section. */
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

void catalog_load_questions(struct loader *L, const cJSON *root)
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

void catalog_load_groups(struct loader *L, const cJSON *root)
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


/* How scores.c reports a problem into the loader's list. */
/* Checks that people can name every option of a choice question without
 * doubt, by the rules the answer parser follows (labels.h): no two
 * options' ids or labels are the same once case, spaces, hyphens and
 * underscores are ignored (an id against the other options' labels too),
 * no id or label is a bare number (numbers name options by position), and
 * no label holding a separator would name other options once an answer
 * is split at ';', '|' and ','.  Exact duplicates are reported where the
 * options are read. */
void catalog_check_option_names(struct loader *L)
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
