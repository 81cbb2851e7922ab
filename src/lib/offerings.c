/* offerings.c - loads an offerings file: the groups a clinic runs, validated like the catalogue. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "assign.h"
#include "catalog.h"
#include "cond.h"
#include "jsonparse.h"
#include "editdist.h"

#define MAX_SEATS 100000
#define MAX_FILE (64u << 20)

struct oloader {
	struct gm_offerings *offs;
	gm_error *errs;
	size_t nerrs, cap;
	int nomem;
	char **cond_text;         /* conds[k] as compact JSON, to share equal ones */
};

static void problem_at(struct oloader *L, int line, int col, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void problem_at(struct oloader *L, int line, int col, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	loader_vproblem(&L->errs, &L->nerrs, &L->cap, &L->nomem, GM_ERR_CATALOG, line, col, path,
			fmt, ap);
	va_end(ap);
}

#define problem(L, path, ...) problem_at((L), 0, 0, (path), __VA_ARGS__)

static const char *type_name(const cJSON *j)
{
	if (cJSON_IsString(j)) return "a string";
	if (cJSON_IsNumber(j)) return "a number";
	if (cJSON_IsBool(j)) return "a boolean";
	if (cJSON_IsNull(j)) return "null";
	if (cJSON_IsArray(j)) return "an array";
	if (cJSON_IsObject(j)) return "an object";
	return "an invalid value";
}

/* A copy of s for a message: at most 60 bytes, control bytes as '?', so
 * that text from the file cannot drive the terminal it is shown on. */
static const char *shown(char *out, size_t outsz, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < outsz && i < 60; i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	out[i] = '\0';
	return out;
}

/* " (did you mean 'x'?)" for the closest of names, or "". */
static void suggest(char *out, size_t outsz, const char *s, const char *const *names, int n)
{
	int best = 3, at = -1;
	size_t slen = strlen(s);

	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		int d = edit_distance(s, slen, names[i], strlen(names[i]));

		if (d < best && (size_t)d < slen) {
			best = d;
			at = i;
		}
	}
	if (at >= 0)
		snprintf(out, outsz, " (did you mean '%s'?)", names[at]);
}

/* path + "." + key, or path + "[i]"; a path too long ends in "...". */
static void join(char *out, size_t outsz, const char *path, const char *key)
{
	int n = snprintf(out, outsz, "%s%s%s", path, *path ? "." : "", key);

	if (n >= (int)outsz && outsz > 4)
		memcpy(out + outsz - 4, "...", 4);
}

static void join_index(char *out, size_t outsz, const char *path, int i)
{
	char ix[16];

	snprintf(ix, sizeof ix, "[%d]", i);
	join(out, outsz, path, "");
	if (strlen(out) + strlen(ix) < outsz)
		strcat(out, ix);
}

static void check_keys(struct oloader *L, const cJSON *obj, const char *path,
		       const char *const *allowed, int n)
{
	const cJSON *k, *k2;

	cJSON_ArrayForEach(k, obj) {
		char p[160], hint[80], key[64];
		int known = 0;

		if (k->string[0] == '_')
			continue;
		for (int i = 0; i < n; i++)
			known |= !strcmp(k->string, allowed[i]);
		join(p, sizeof p, path, shown(key, sizeof key, k->string));
		if (!known) {
			suggest(hint, sizeof hint, k->string, allowed, n);
			problem(L, p, "unknown key '%s'%s", key, hint);
			continue;
		}
		for (k2 = obj->child; k2 != k; k2 = k2->next)
			if (!strcmp(k2->string, k->string)) {
				problem(L, p, "duplicate key '%s'", key);
				break;
			}
	}
}

static char *dup(struct oloader *L, const char *s)
{
	char *p = strdup(s);

	if (!p)
		L->nomem = 1;
	return p;
}

/* A non-empty string member; NULL when absent (reported if required) or bad. */
static char *get_string(struct oloader *L, const cJSON *obj, const char *key, const char *path,
			int required)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[160];

	join(p, sizeof p, path, key);
	if (!j) {
		if (required)
			problem(L, p, "missing");
		return NULL;
	}
	if (!cJSON_IsString(j)) {
		problem(L, p, "expected a string, got %s", type_name(j));
		return NULL;
	}
	if (!j->valuestring[strspn(j->valuestring, " \t\r\n")]) {
		problem(L, p, "must not be empty");
		return NULL;
	}
	return dup(L, j->valuestring);
}

/* A whole-number member in [min, max]: 1 good, 0 absent (reported if
 * required), -1 bad (reported). */
static int get_count(struct oloader *L, const cJSON *obj, const char *key, const char *path,
		     int required, long min, long max, long *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[160];
	double d;

	join(p, sizeof p, path, key);
	if (!j) {
		if (required)
			problem(L, p, "missing");
		return 0;
	}
	if (!cJSON_IsNumber(j)) {
		problem(L, p, "expected a whole number, got %s", type_name(j));
		return -1;
	}
	d = j->valuedouble;
	if (isnan(d) || d != floor(d)) {
		problem(L, p, "expected a whole number, got %g", d);
		return -1;
	}
	if (d < (double)min || d > (double)max) {
		problem(L, p, "%.0f is out of range %ld..%ld", d, min, max);
		return -1;
	}
	*out = (long)d;
	return 1;
}

/* Offering ids and tags: letters, digits, '_', '-' and '.', at most 60. */
static int valid_name(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char c = s[n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		      || c == '_' || c == '-' || c == '.'))
			return 0;
	}
	return n > 0 && n <= 60;
}

int offerings_find_tag(const struct gm_offerings *offs, const char *tag, size_t len)
{
	for (int k = 0; k < offs->ntags; k++) {
		const char *t = offs->tags[k];
		size_t i;

		for (i = 0; i < len && t[i]; i++) {
			char c = tag[i] >= 'A' && tag[i] <= 'Z' ? (char)(tag[i] + 32) : tag[i];

			if (c != t[i])
				break;
		}
		if (i == len && !t[i])
			return k;
	}
	return -1;
}

static void load_tags(struct oloader *L, const cJSON *arr, const char *path, struct gm_offering *o)
{
	struct gm_offerings *offs = L->offs;
	const cJSON *j;
	int i = 0;

	if (!cJSON_IsArray(arr)) {
		problem(L, path, "expected an array of tags, got %s", type_name(arr));
		return;
	}
	cJSON_ArrayForEach(j, arr) {
		char p[160];
		int k;

		join_index(p, sizeof p, path, i++);
		if (!cJSON_IsString(j) || !valid_name(j->valuestring)) {
			problem(L, p, "expected a tag (letters, digits, '_', '-' or '.', at most 60)");
			continue;
		}
		k = offerings_find_tag(offs, j->valuestring, strlen(j->valuestring));
		if (k < 0) {
			if (offs->ntags == GM_TAGS_MAX) {
				problem(L, p, "more than %d different tags", GM_TAGS_MAX);
				continue;
			}
			k = offs->ntags;
			if (!(offs->tags[k] = dup(L, j->valuestring)))
				return;
			for (char *c = offs->tags[k]; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c + 32);
			offs->ntags++;
		}
		o->tags |= (uint64_t)1 << k;
	}
}

/* Compiles an eligibility condition, sharing one with an equal earlier one. */
static void load_condition(struct oloader *L, const cJSON *j, const char *path, struct gm_offering *o)
{
	struct gm_offerings *offs = L->offs;
	char *text = cJSON_PrintUnformatted(j);
	gm_error *errs;
	size_t before, after;

	if (!text) {
		L->nomem = 1;
		return;
	}
	for (int k = 0; k < offs->nconds; k++)
		if (!strcmp(L->cond_text[k], text)) {
			o->cond = k;
			free(text);
			return;
		}
	before = catalog_cond_box_errors(offs->box, &errs);
	if (catalog_compile_cond(offs->cat, offs->box, j, path, &offs->conds[offs->nconds])) {
		L->cond_text[offs->nconds] = text;
		o->cond = offs->nconds++;
		return;
	}
	free(text);
	after = catalog_cond_box_errors(offs->box, &errs);
	for (size_t e = before; e < after; e++)
		problem(L, errs[e].path, "%s", errs[e].message);
	if (after == before)
		L->nomem = 1;
}

static void load_offering(struct oloader *L, const cJSON *jo, const char *path, int index)
{
	static const char *const keys[] = { "id", "type", "name", "schedule", "seats", "min_size",
		"tags", "eligible" };
	struct gm_offerings *offs = L->offs;
	const struct gm_catalog *cat = offs->cat;
	struct gm_offering *o = &offs->items[index];
	const cJSON *j;
	char p[160], *type;
	int seats_ok, min_ok;

	o->cond = -1;
	o->type = -1;
	if (!cJSON_IsObject(jo)) {
		problem(L, path, "expected an offering object, got %s", type_name(jo));
		return;
	}
	check_keys(L, jo, path, keys, (int)(sizeof keys / sizeof keys[0]));
	o->id = get_string(L, jo, "id", path, 1);
	join(p, sizeof p, path, "id");
	if (o->id && !valid_name(o->id)) {
		char bad[64];

		problem(L, p, "'%s' is not an id (letters, digits, '_', '-' or '.', at most 60)",
			shown(bad, sizeof bad, o->id));
	} else if (o->id) {
		for (int k = 0; k < index; k++)
			if (offs->items[k].id && !strcmp(offs->items[k].id, o->id)) {
				problem(L, p, "duplicate offering id '%s' (also offerings[%d])", o->id, k);
				break;
			}
	}
	type = get_string(L, jo, "type", path, 1);
	if (type) {
		const char *names[GM_MAX_GROUPS];
		char hint[80], bad[64];

		o->type = catalog_find_group(cat, type);
		if (o->type < 0) {
			for (int g = 0; g < cat->ngroups; g++)
				names[g] = cat->groups[g].id;
			suggest(hint, sizeof hint, type, names, cat->ngroups);
			join(p, sizeof p, path, "type");
			problem(L, p, "unknown group type '%s'%s", shown(bad, sizeof bad, type), hint);
		}
		free(type);
	}
	o->name = get_string(L, jo, "name", path, 1);
	o->schedule = get_string(L, jo, "schedule", path, 0);
	if (!o->schedule)
		o->schedule = dup(L, "");
	seats_ok = get_count(L, jo, "seats", path, 1, 1, MAX_SEATS, &o->seats);
	min_ok = get_count(L, jo, "min_size", path, 0, 0, MAX_SEATS, &o->min_size);
	if (seats_ok > 0 && min_ok > 0 && o->min_size > o->seats) {
		join(p, sizeof p, path, "min_size");
		problem(L, p, "%ld is more than the %ld seats", o->min_size, o->seats);
	}
	if ((j = cJSON_GetObjectItemCaseSensitive(jo, "tags"))) {
		join(p, sizeof p, path, "tags");
		load_tags(L, j, p, o);
	}
	if ((j = cJSON_GetObjectItemCaseSensitive(jo, "eligible"))) {
		join(p, sizeof p, path, "eligible");
		load_condition(L, j, p, o);
	}
}

static void parse(struct oloader *L, const char *text, size_t len)
{
	static const char *const keys[] = { "format_version", "offerings" };
	struct gm_offerings *offs = L->offs;
	struct json_fault f;
	cJSON *root = json_parse(text, len, JSON_CHECK_UTF8, &f);
	const cJSON *arr, *j;
	int n, i = 0;
	long version;

	if (!root) {
		problem_at(L, f.line, f.column, "", "%s", f.message);
		return;
	}
	if (!cJSON_IsObject(root)) {
		problem_at(L, 1, 1, "", "expected a JSON object at the top, got %s", type_name(root));
		goto done;
	}
	check_keys(L, root, "", keys, 2);
	if (get_count(L, root, "format_version", "", 0, 0, 1000000, &version) > 0 && version != 1)
		problem(L, "format_version", "unsupported format_version %ld (this build reads 1)", version);
	arr = cJSON_GetObjectItemCaseSensitive(root, "offerings");
	if (!arr) {
		problem(L, "offerings", "missing");
		goto done;
	}
	if (!cJSON_IsArray(arr)) {
		problem(L, "offerings", "expected an array, got %s", type_name(arr));
		goto done;
	}
	n = cJSON_GetArraySize(arr);
	if (n == 0 || n > GM_OFFERINGS_MAX) {
		problem(L, "offerings", "%d offerings, expected 1 to %d", n, GM_OFFERINGS_MAX);
		goto done;
	}
	offs->items = calloc((size_t)n, sizeof *offs->items);
	offs->conds = calloc((size_t)n, sizeof *offs->conds);
	L->cond_text = calloc((size_t)n, sizeof *L->cond_text);
	if (!offs->items || !offs->conds || !L->cond_text) {
		L->nomem = 1;
		goto done;
	}
	offs->n = n;
	cJSON_ArrayForEach(j, arr) {
		char p[160];

		snprintf(p, sizeof p, "offerings[%d]", i);
		load_offering(L, j, p, i);
		i++;
	}
done:
	cJSON_Delete(root);
}

void gm_offerings_free(gm_offerings *offs)
{
	if (!offs)
		return;
	for (int i = 0; offs->items && i < offs->n; i++) {
		free(offs->items[i].id);
		free(offs->items[i].name);
		free(offs->items[i].schedule);
	}
	for (int k = 0; k < offs->ntags; k++)
		free(offs->tags[k]);
	free(offs->items);
	free(offs->conds);
	catalog_cond_box_free(offs->box);
	free(offs);
}

gm_offerings *gm_offerings_load_buffer(const gm_catalog *cat, const char *text, size_t len,
				       gm_error **errors, size_t *nerrors)
{
	struct oloader L;

	memset(&L, 0, sizeof L);
	if (errors)
		*errors = NULL;
	if (nerrors)
		*nerrors = 0;
	L.offs = calloc(1, sizeof *L.offs);
	if (L.offs) {
		L.offs->cat = cat;
		L.offs->box = catalog_cond_box_new();
	}
	if (!L.offs || !L.offs->box)
		L.nomem = 1;
	else
		parse(&L, text, len);
	if (L.cond_text)
		for (int k = 0; k < L.offs->nconds; k++)
			free(L.cond_text[k]);
	free(L.cond_text);
	if (L.nomem) {
		L.nerrs = 0;
		problem(&L, "", "out of memory");
		if (L.nerrs)
			L.errs[0].status = GM_ERR_NOMEM;
	}
	if (L.nerrs || L.nomem) {
		gm_offerings_free(L.offs);
		if (errors)
			*errors = L.errs;
		else
			free(L.errs);
		if (nerrors)
			*nerrors = L.nerrs;
		return NULL;
	}
	free(L.errs);
	return L.offs;
}

gm_offerings *gm_offerings_load_file(const gm_catalog *cat, const char *path, gm_error **errors,
				     size_t *nerrors)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	gm_offerings *offs;

	if (errors)
		*errors = NULL;
	if (nerrors)
		*nerrors = 0;
	if (f) {
		do {
			if (len == cap) {
				char *nt = cap < MAX_FILE ? realloc(text, cap = cap ? cap * 2 : 65536) : NULL;

				if (!nt) {
					errno = cap >= MAX_FILE ? EFBIG : ENOMEM;
					break;
				}
				text = nt;
			}
			n = fread(text + len, 1, cap - len, f);
			len += n;
		} while (n > 0);
		if (ferror(f) || len == cap) {
			free(text);
			text = NULL;
		}
		fclose(f);
	}
	if (!text) {
		gm_error *e = calloc(1, sizeof *e);

		if (e) {
			e->status = GM_ERR_IO;
			snprintf(e->message, sizeof e->message, "%s", strerror(errno));
		}
		if (errors)
			*errors = e;
		else
			free(e);
		if (nerrors)
			*nerrors = e ? 1 : 0;
		return NULL;
	}
	offs = gm_offerings_load_buffer(cat, text, len, errors, nerrors);
	free(text);
	return offs;
}

size_t gm_offerings_count(const gm_offerings *offs)
{
	return offs ? (size_t)offs->n : 0;
}

static const struct gm_offering *item(const gm_offerings *offs, size_t i)
{
	return offs && i < (size_t)offs->n ? &offs->items[i] : NULL;
}

const char *gm_offering_id(const gm_offerings *offs, size_t i)
{
	return item(offs, i) ? item(offs, i)->id : NULL;
}

const char *gm_offering_type(const gm_offerings *offs, size_t i)
{
	return item(offs, i) ? offs->cat->groups[item(offs, i)->type].id : NULL;
}

const char *gm_offering_name(const gm_offerings *offs, size_t i)
{
	return item(offs, i) ? item(offs, i)->name : NULL;
}

const char *gm_offering_schedule(const gm_offerings *offs, size_t i)
{
	return item(offs, i) ? item(offs, i)->schedule : NULL;
}

long gm_offering_seats(const gm_offerings *offs, size_t i)
{
	return item(offs, i) ? item(offs, i)->seats : -1;
}

long gm_offering_min_size(const gm_offerings *offs, size_t i)
{
	return item(offs, i) ? item(offs, i)->min_size : -1;
}

size_t gm_offering_tag_count(const gm_offerings *offs, size_t i)
{
	return item(offs, i) ? (size_t)__builtin_popcountll(item(offs, i)->tags) : 0;
}

const char *gm_offering_tag(const gm_offerings *offs, size_t i, size_t k)
{
	const struct gm_offering *o = item(offs, i);

	if (!o)
		return NULL;
	for (int t = 0; t < offs->ntags; t++)
		if ((o->tags >> t & 1) && k-- == 0)
			return offs->tags[t];
	return NULL;
}
