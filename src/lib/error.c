/* error.c - filling a caller's gm_error: one place for status, where and the message. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "error.h"

void error_set(gm_error *err, gm_status st, size_t column, const char *path,
	       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	memset(err, 0, sizeof *err);
	err->status = st;
	err->column = (int)column;
	snprintf(err->path, sizeof err->path, "%s", path ? path : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}
