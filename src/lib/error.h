/* error.h - filling a caller's gm_error: one place for status, where and the message. */
#ifndef GM_ERROR_H
#define GM_ERROR_H

#include <stddef.h>
#include "groupmatch.h"

/* Sets *err (nothing when err is NULL) to status st at column (1-based, 0
 * when unknown) and path (NULL for none), with the formatted message;
 * the line is left 0 for the caller to set. */
void error_set(gm_error *err, gm_status st, size_t column, const char *path,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
