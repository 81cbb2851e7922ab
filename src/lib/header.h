/* header.h - header names: the one normalisation, and the safety items a header almost names. */
#ifndef GM_HEADER_H
#define GM_HEADER_H

#include <stddef.h>

struct gm_catalog;

#define FOLD_MAX 256                   /* bytes of a folded name compared */

/* The one normalisation of a header name (len bytes at s) into out
 * (FOLD_MAX bytes): ASCII case folded, characters that show nothing
 * (zero-width, bidirectional marks, byte order marks in UTF-8, UTF-16 or
 * read through Latin-1/cp1252, NUL) dropped, and every run of spaces of
 * any kind (ASCII blanks and CR, NBSP, U+2000-U+200A, U+3000, ...; '_'
 * and '-' too) one '_', none at either end.  Returns the length, or
 * FOLD_MAX + 1 when longer. */
size_t name_fold(const char *s, size_t len, char *out);

/* Whether the names a and b fold alike ("Record ID" is record_id). */
int name_eq(const char *a, size_t alen, const char *b, size_t blen);

/* Whether the name a folds as the string b does. */
int name_is(const char *a, size_t alen, const char *b);

/* Whether question q of cat is a safety item: the safety question, or a
 * score item that a rule with status review or urgent reads (PHQ-9 item
 * 9).  A map may not lower such an answer (colmap.c), and a header that
 * almost names one is read fail-closed (intake.c). */
int header_safety_item(const struct gm_catalog *cat, int q);

/* The safety item (header_safety_item) that the header name s (len
 * bytes) names once folded: by id, by its question text or by its LOINC
 * code, read as it is or with a wrong --encoding undone; -1 when none.
 * For a header that names no question exactly. */
int near_safety_item(const struct gm_catalog *cat, const char *s, size_t len);

#endif
