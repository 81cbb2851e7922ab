/* colmap.h - a column map: the column names and option codes of other intake exports. */
#ifndef GM_COLMAP_H
#define GM_COLMAP_H

#include <stddef.h>
#include "groupmatch.h"

/* The target of a header (any case): "id", "ignore" or a question id;
 * NULL when the map does not name it, or when m is NULL. */
const char *colmap_column(const gm_colmap *m, const char *name, size_t len);

/* The text an option code of question q stands for, or NULL. */
const char *colmap_code(const gm_colmap *m, int q, const char *code, size_t len);

/* Whether question q of cat is a safety item: the safety question, or a
 * score item that a rule with status review or urgent reads (PHQ-9 item
 * 9).  A map may not lower such an answer, and a header that almost
 * names one is read fail-closed (intake.c). */
int colmap_safety_item(const struct gm_catalog *cat, int q);

/* Whether the map has any option codes for question q. */
int colmap_has_codes(const gm_colmap *m, int q);

#endif
