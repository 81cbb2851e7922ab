/* loader.h - the catalogue loader's kit: typed JSON members read with their path into a problem list. */
#ifndef GM_LOADER_H
#define GM_LOADER_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "catalog.h"
#include "pool.h"

/* The state of one load: the catalogue being filled (or read, when a
 * condition is compiled outside it), the pool of its allocations and
 * the problems found, each with its JSON path. */
struct loader {
	struct gm_catalog *cat;
	struct pool *mem;           /* everything the catalogue allocates */
	gm_error *errs;
	size_t nerrs, caperrs;
	int nomem;
};

/* Zeroed memory from L->mem, or a copy of s there; NULL (and L->nomem
 * set) when out of memory. */
void *loader_alloc(struct loader *L, size_t size);
char *loader_strdup(struct loader *L, const char *s);

/* Adds a catalogue problem at path (and line and column when known). */
void loader_problem_at(struct loader *L, int line, int col, const char *path,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define problem(L, path, ...) loader_problem_at((L), 0, 0, (path), __VA_ARGS__)

/* Writes " (did you mean 'x'?)" into out when one of names[0..n) is close to s. */
void loader_suggest(char *out, size_t outsz, const char *s, const char *const *names, int n);
/* "a string", "an array"...: the JSON type of j as a message words it. */
const char *loader_type_name(const cJSON *j);
/* s as it may appear in a message (see quote_text), in buf. */
const char *loader_shown(char *buf, size_t bufsz, const char *s);
/* path.key (key at the top), and path[i]; cut with "..." when too long. */
void loader_join(char *out, size_t outsz, const char *path, const char *key);
void loader_join_index(char *out, size_t outsz, const char *path, int i);

/* Reports keys of obj that are not in allowed (NULL-terminated, at most
 * 32), and duplicated keys.  Keys starting with '_' are comments. */
void loader_check_keys(struct loader *L, const cJSON *obj, const char *path,
		       const char *const *allowed);
/* Whether the string j holds no control or bidirectional control
 * character; reports the first one when it does. */
int loader_printable(struct loader *L, const cJSON *j, const char *p);
/* A required (or optional) non-empty string member; NULL when absent or bad. */
char *loader_get_string(struct loader *L, const cJSON *obj, const char *key,
			const char *path, int required);
/* Whether j is a whole number in [min, max]; reports it when not. */
int loader_int_value(struct loader *L, const cJSON *j, const char *p, long min,
		     long max, int *out);
/* Optional whole-number and boolean members: 1 when present and good, 0
 * when absent, -1 when bad (reported). */
int loader_get_int(struct loader *L, const cJSON *obj, const char *key, const char *path,
		   long min, long max, int *out);
int loader_get_bool(struct loader *L, const cJSON *obj, const char *key, const char *path,
		    int *out);
/* The member "id": lowercase letters, digits and '_', starting with a
 * letter, at most 60 bytes; NULL when absent or bad (reported). */
char *loader_get_id(struct loader *L, const cJSON *obj, const char *path);
/* A member that must pass is (cJSON_IsArray or cJSON_IsObject); NULL
 * when absent (reported if required) or of another type (reported). */
const cJSON *loader_get_typed(struct loader *L, const cJSON *obj, const char *key,
			      const char *path, int required,
			      cJSON_bool (*is)(const cJSON *), const char *what);
#define get_array(L, obj, key, path, req) loader_get_typed(L, obj, key, path, req, cJSON_IsArray, "an array")
#define get_object(L, obj, key, path, req) loader_get_typed(L, obj, key, path, req, cJSON_IsObject, "an object")

/* The catalogue's sections, each read from the root object into L->cat
 * with its problems reported: questions and groups (catalog_load.c);
 * setting, ranking, messages, resources and version (catalog_setting.c). */
void catalog_load_questions(struct loader *L, const cJSON *root);
void catalog_load_groups(struct loader *L, const cJSON *root);
/* Reports option names that an intake could not tell apart. */
void catalog_check_option_names(struct loader *L);
void catalog_load_setting(struct loader *L, const cJSON *root);
void catalog_load_ranking(struct loader *L, const cJSON *root);
void catalog_load_messages(struct loader *L, const cJSON *root);
void catalog_load_resources(struct loader *L, const cJSON *root);
void catalog_load_resource_list(struct loader *L, const cJSON *arr, const char *path,
				struct gm_resource **out, int *count);
/* Checks the safety question (the screen everything else waits on). */
void catalog_check_safety(struct loader *L);
void catalog_load_version(struct loader *L, const cJSON *root);

#endif
