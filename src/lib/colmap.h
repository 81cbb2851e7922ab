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

/* Whether the map has any option codes for question q. */
int colmap_has_codes(const gm_colmap *m, int q);

#endif
