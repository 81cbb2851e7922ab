/* colmap.h - batch's --map file: the column names and option codes of other intake exports. */
#ifndef GM_COLMAP_H
#define GM_COLMAP_H

#include <stddef.h>
#include "catalog.h"

/* A header to a target ("id", "ignore" or a question id), or (q >= 0) an
 * option code of question q to the text that stands for it. */
struct colmap_entry {
	char *from;
	char *to;
	int q;
};

/* Start from a zeroed struct; colmap_release frees it. */
struct colmap {
	struct colmap_entry *e;
	size_t n, cap;
	const char *path;          /* for messages */
	const struct gm_catalog *cat;
};

/* Reads the map file at path for the questions of cat: a CSV with the
 * header from,to[,question], or a JSON object {"columns": {HEADER:
 * TARGET}, "options": {QUESTION: {CODE: OPTION}}}.  Every target is
 * checked against the catalogue.  Prints the first problem with its place
 * and returns EXIT_NOINPUT or EXIT_DATAERR; 0 when the map is good. */
int colmap_load(struct colmap *m, const char *path, const struct gm_catalog *cat);
void colmap_release(struct colmap *m);

/* The target of a header (any case), or NULL. */
const char *colmap_column(const struct colmap *m, const char *name, size_t len);

/* The text an option code of question q stands for, or NULL. */
const char *colmap_code(const struct colmap *m, int q, const char *code, size_t len);

#endif
