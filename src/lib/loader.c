/* loader.c - the catalogue loader's kit: typed JSON members read with their path into a problem list. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "editdist.h"
#include "loader.h"
#include "pool.h"
#include "quote.h"

void *loader_alloc(struct loader *L, size_t size)
{
	void *p = pool_alloc(L->mem, size);

	if (!p)
		L->nomem = 1;
	return p;
}

char *loader_strdup(struct loader *L, const char *s)
{
	size_t n = strlen(s);
	char *p = loader_alloc(L, n + 1);

	if (p)
		memcpy(p, s, n + 1);
	return p;
}

void loader_vproblem(gm_error **errs, size_t *nerrs, size_t *cap, int *nomem, int status,
		     int line, int col, const char *path, const char *fmt, va_list ap)
{
	gm_error *e;

	if (*nerrs >= LOADER_MAX_ERRORS)
		return;
	if (*nerrs == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		gm_error *ne = realloc(*errs, ncap * sizeof *ne);

		if (!ne) {
			*nomem = 1;
			return;
		}
		*errs = ne;
		*cap = ncap;
	}
	e = &(*errs)[(*nerrs)++];
	memset(e, 0, sizeof *e);
	e->status = status;
	e->line = line;
	e->column = col;
	snprintf(e->path, sizeof e->path, "%s", path ? path : "");
	vsnprintf(e->message, sizeof e->message, fmt, ap);
}

void loader_problem_at(struct loader *L, int line, int col, const char *path,
		       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	loader_vproblem(&L->errs, &L->nerrs, &L->caperrs, &L->nomem, GM_ERR_CATALOG, line, col,
			path, fmt, ap);
	va_end(ap);
}


/* Writes " (did you mean 'x'?)" into out when one of names[0..n) is close to s. */
void loader_suggest(char *out, size_t outsz, const char *s, const char *const *names, int n)
{
	int i, best = 3, at = -1;
	size_t slen = strlen(s);

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		int d = edit_distance(s, slen, names[i], strlen(names[i]));
		if (d < best && (size_t)d < slen) {
			best = d;
			at = i;
		}
	}
	if (at >= 0)
		snprintf(out, outsz, " (did you mean '%s'?)", names[at]);
}

const char *loader_type_name(const cJSON *j)
{
	if (cJSON_IsString(j)) return "a string";
	if (cJSON_IsNumber(j)) return "a number";
	if (cJSON_IsBool(j)) return "a boolean";
	if (cJSON_IsNull(j)) return "null";
	if (cJSON_IsArray(j)) return "an array";
	if (cJSON_IsObject(j)) return "an object";
	return "an invalid value";
}

/* s as it may appear in a message (see quote_text), in buf. */
const char *loader_shown(char *buf, size_t bufsz, const char *s)
{
	quote_text(buf, bufsz, s, strlen(s));
	return buf;
}

/* A path too long for its buffer ends in "..." rather than silently. */
static void mark_cut(char *out, size_t outsz, int n)
{
	if (n >= (int)outsz && outsz > 4)
		memcpy(out + outsz - 4, "...", 4);
}

/* Puts n bytes of s at out + len, cut as snprintf cuts within outsz;
 * returns the length uncut.  Paths are built for every key read, so
 * without printf: it was a third of loading the built-in catalogue. */
static size_t put(char *out, size_t outsz, size_t len, const char *s, size_t n)
{
	if (len + 1 < outsz)
		memcpy(out + len, s, n < outsz - 1 - len ? n : outsz - 1 - len);
	return len + n;
}

/* Ends a path of len bytes (uncut) put into out, as snprintf would. */
static void put_end(char *out, size_t outsz, size_t len)
{
	if (outsz)
		out[len < outsz ? len : outsz - 1] = '\0';
	mark_cut(out, outsz, len > INT_MAX ? INT_MAX : (int)len);
}

/* path.key, or key at the top. */
void loader_join(char *out, size_t outsz, const char *path, const char *key)
{
	size_t len = put(out, outsz, 0, path, strlen(path));

	if (*path)
		len = put(out, outsz, len, ".", 1);
	put_end(out, outsz, put(out, outsz, len, key, strlen(key)));
}

/* path[i]. */
void loader_join_index(char *out, size_t outsz, const char *path, int i)
{
	char num[16], *d = num + sizeof num;
	unsigned u = i < 0 ? 0u - (unsigned)i : (unsigned)i;
	size_t len = put(out, outsz, 0, path, strlen(path));

	*--d = ']';
	do
		*--d = (char)('0' + u % 10);
	while (u /= 10);
	if (i < 0)
		*--d = '-';
	*--d = '[';
	put_end(out, outsz, put(out, outsz, len, d, (size_t)(num + sizeof num - d)));
}

/* Reports keys of obj that are not in allowed (NULL-terminated, at most
 * 32), and duplicated keys.  Keys starting with '_' are comments.  Linear
 * in the keys of obj: each is compared with allowed only. */
void loader_check_keys(struct loader *L, const cJSON *obj, const char *path,
		       const char *const *allowed)
{
	const cJSON *k;
	uint32_t seen = 0;
	int n = 0;

	while (allowed[n])
		n++;
	cJSON_ArrayForEach(k, obj) {
		char p[160], hint[80], key[64];
		int i, known = -1;

		if (k->string[0] == '_')
			continue;
		for (i = 0; i < n && known < 0; i++)
			if (!strcmp(k->string, allowed[i]))
				known = i;
		if (known >= 0 && !(seen >> known & 1)) {
			seen |= (uint32_t)1 << known;
			continue;	/* the usual case: no message to word */
		}
		loader_join(p, sizeof p, path, loader_shown(key, sizeof key, k->string));
		if (known < 0) {
			loader_suggest(hint, sizeof hint, k->string, allowed, n);
			problem(L, p, "unknown key '%s'%s", key, hint);
			continue;
		}
		problem(L, p, "duplicate key '%s'", k->string);
	}
}

/* Whether the string j can be shown as it is: reports a control
 * character (a terminal would obey it, or it would break the layout) or a
 * bidirectional control (it reorders the text on screen). */
int loader_printable(struct loader *L, const cJSON *j, const char *p)
{
	const unsigned char *s = (const unsigned char *)j->valuestring;
	size_t len = strlen(j->valuestring), at = quote_control_at(j->valuestring, len);
	unsigned cp;

	if (at == len)
		return 1;
	s += at;
	cp = s[0] < 0x80 ? s[0] : s[0] < 0xE0 ? s[1] & 0x3Fu
		: (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
	if (s[0] >= 0xC0 && s[0] < 0xE0)
		cp |= (s[0] & 0x1Fu) << 6;
	problem(L, p, "%s U+%04X at byte %zu: texts may not hold control characters",
		cp >= 0x2000 ? "bidirectional control" : "control character", cp, at + 1);
	return 0;
}

/* A required (or optional) non-empty string member; NULL when absent or bad. */
char *loader_get_string(struct loader *L, const cJSON *obj, const char *key,
			const char *path, int required)
{
	const cJSON *j = loader_get_typed(L, obj, key, path, required, cJSON_IsString, "a string");
	char p[160];

	if (!j)
		return NULL;
	loader_join(p, sizeof p, path, key);
	if (!j->valuestring[strspn(j->valuestring, " \t\r\n")]) {
		problem(L, p, "must not be empty");
		return NULL;
	}
	if (!loader_printable(L, j, p))
		return NULL;
	return loader_strdup(L, j->valuestring);
}

/* Whether j is a whole number in [min, max]; reports it when not. */
int loader_int_value(struct loader *L, const cJSON *j, const char *p, long min,
		     long max, int *out)
{
	double d;

	if (!cJSON_IsNumber(j)) {
		problem(L, p, "expected a whole number, got %s", loader_type_name(j));
		return 0;
	}
	d = j->valuedouble;
	if (d != floor(d) || isnan(d)) {
		problem(L, p, "expected a whole number, got %g", d);
		return 0;
	}
	if (d < (double)min || d > (double)max) {
		problem(L, p, "%.0f is out of range %ld..%ld", d, min, max);
		return 0;
	}
	*out = (int)d;
	return 1;
}

/* An optional whole-number member: 1 when present and good, 0 when absent,
 * -1 when bad (reported). */
int loader_get_int(struct loader *L, const cJSON *obj, const char *key, const char *path,
		   long min, long max, int *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[160];

	if (!j)
		return 0;
	loader_join(p, sizeof p, path, key);
	return loader_int_value(L, j, p, min, max, out) ? 1 : -1;
}

int loader_get_bool(struct loader *L, const cJSON *obj, const char *key, const char *path,
		    int *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[160];

	if (!j)
		return 0;
	loader_join(p, sizeof p, path, key);
	if (!cJSON_IsBool(j)) {
		problem(L, p, "expected true or false, got %s", loader_type_name(j));
		return -1;
	}
	*out = cJSON_IsTrue(j);
	return 1;
}

/* Ids are lowercase ASCII letters, digits and '_', starting with a letter. */
static int valid_id(const char *s)
{
	/* ASCII classes, not <ctype.h>: ids must not depend on the locale */
	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') && *s != '_')
			return 0;
	return 1;
}

char *loader_get_id(struct loader *L, const cJSON *obj, const char *path)
{
	char *id = loader_get_string(L, obj, "id", path, 1);
	char p[160], q[64];

	loader_join(p, sizeof p, path, "id");
	if (id && (!valid_id(id) || strlen(id) > 60)) {
		problem(L, p, "'%s' is not an id (lowercase letters, digits and '_', starting with a letter, at most 60)",
			loader_shown(q, sizeof q, id));
		return NULL;
	}
	return id;
}

/* A member that must pass is (cJSON_IsArray or cJSON_IsObject); NULL
 * when absent (reported if required) or of another type (reported). */
const cJSON *loader_get_typed(struct loader *L, const cJSON *obj, const char *key,
			      const char *path, int required,
			      cJSON_bool (*is)(const cJSON *), const char *what)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[160];

	loader_join(p, sizeof p, path, key);
	if (!j) {
		if (required)
			problem(L, p, "missing");
		return NULL;
	}
	if (!is(j)) {
		problem(L, p, "expected %s, got %s", what, loader_type_name(j));
		return NULL;
	}
	return j;
}

