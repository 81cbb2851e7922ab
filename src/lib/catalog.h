/* catalog.h - loading the catalogue (groups.json) into the model (model.h). */
#ifndef GM_CATALOG_H
#define GM_CATALOG_H

#include <stdarg.h>
#include "model.h"

/* Compiles the criteria and setting modifiers of a loaded catalogue into
 * cat->plan, in memory freed with cat (engine.c).  A catalogue with more
 * distinct tests than a plan holds keeps cat->plan NULL and is matched by
 * walking the condition trees.  Returns 0, or -1 when out of memory. */
int engine_compile(struct gm_catalog *cat);

/* Marks cat->safety_items: the safety question and every screener item
 * a score rule with status review or urgent reads (safety.c). */
void safety_mark_items(struct gm_catalog *cat);

/* Writes the hex SHA-256 of the catalogue text's canonical bytes to out:
 * the text without a leading UTF-8 byte order mark and with every CR LF
 * pair as a single LF, so one catalogue hashes alike on every platform. */
void catalog_hash(const char *text, size_t len, char out[65]);

/* The compiled-in default catalogue text (generated at build time). */
extern const char gm_default_catalog[];
extern const size_t gm_default_catalog_len;
/* Its hex SHA-256 as catalog_hash gives it, worked out at build time; ""
 * when the build left it to the loader. */
extern const char gm_default_catalog_sha256[];

/* Adds a problem to a loader's list (*errs, *nerrs of *cap), keeping at
 * most LOADER_MAX_ERRORS; sets *nomem when the list cannot grow.  The
 * catalogue, offerings and case-table loaders share it. */
#define LOADER_MAX_ERRORS 200
void loader_vproblem(gm_error **errs, size_t *nerrs, size_t *cap, int *nomem, int status,
		     int line, int col, const char *path, const char *fmt, va_list ap);

#endif
