/* catalog.c - the catalogue's facade: parse and load (sections in catalog_load.c, catalog_setting.c), free, accessors. */
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

/* The catalogue; its allocations are listed in cat.mem. */
struct catalog_box {
	struct gm_catalog cat;
};

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
		catalog_load_version(L, root);
		catalog_load_questions(L, root);
		catalog_check_option_names(L);
		if (scores_load(L->cat, root, scores_problem, L))
			L->nomem = 1;
		catalog_load_groups(L, root);
		catalog_load_setting(L, root);
		catalog_load_ranking(L, root);
		catalog_load_messages(L, root);
		catalog_load_resources(L, root);
		if (L->cat->safety < 0 && !L->nerrs)
			problem(L, "questions", "no question has role safety (the crisis screen)");
		catalog_check_safety(L);
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
			catalog_load_resource_list(&L, arr, "resources", &res, &n);
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
