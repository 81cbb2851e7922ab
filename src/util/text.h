/* text.h - plain text: display width, word wrapping, bars, CSV fields. */
#ifndef GM_TEXT_H
#define GM_TEXT_H

#include <stddef.h>
#include "buf.h"

/* Display width of s (len bytes): one column per UTF-8 code point. */
int text_columns(const char *s, size_t len);

/* Appends a bar of width cells filled to percent (clamped to 0..100):
 * block characters when utf8, else '#' and '.'. */
void text_bar(struct buf *out, int percent, int width, int utf8);

/* Appends text word-wrapped to width columns (at least indent + 20);
 * continuation lines start with indent spaces (the first line is assumed
 * already indented), and a newline in text starts a new line.  Writes at
 * most (indent + 2) bytes per byte of text. */
void text_wrap(struct buf *out, const char *text, int indent, int width);

/* Wraps text line by line: a line starting "- " is a list item whose
 * continuation lines are indented under its text.  Writes at most four
 * bytes per byte of text. */
void text_wrap_lines(struct buf *out, const char *text, int width);

/* --- CSV cells: every cell of text that groupmatch writes in a CSV ---- */

/* flags of a CSV cell */
#define TEXT_CSV_RAW 1u            /* as it is: no ' before a formula */

/* The most bytes text_csv_put writes for len bytes of text. */
#define TEXT_CSV_ROOM(len) (2 * (size_t)(len) + 3)

/* Whether a spreadsheet opening a CSV could run the cell s (len bytes)
 * as a formula: it starts with '=', '+', '-' or '@' (after any spaces,
 * tabs and line ends, which a spreadsheet may trim), or with a tab or a
 * carriage return. */
int text_csv_formula(const char *s, size_t len);

/* Appends s (len bytes) as one CSV cell: in double quotes (doubled
 * inside) when it holds a comma, a quote or a line end, and, unless
 * flags has TEXT_CSV_RAW, after a ' when text_csv_formula, so that a
 * spreadsheet shows the text instead of running it (the OWASP advice on
 * CSV injection).  Nothing for a NULL s.  Numbers that groupmatch writes
 * itself do not come here, so they stay numbers. */
void text_csv_cell(struct buf *out, const char *s, size_t len, unsigned flags);
/* text_csv_cell with no flags: the spreadsheet-safe cell. */
void text_csv_field(struct buf *out, const char *s, size_t len);
/* The NUL-terminated s as one spreadsheet-safe cell; nothing for NULL. */
void text_csv_str(struct buf *out, const char *s);
/* The NUL-terminated s as text_csv_cell writes it; nothing for NULL. */
void text_csv_cstr(struct buf *out, const char *s, unsigned flags);
/* text_csv_cell at w, which has room for TEXT_CSV_ROOM(len) bytes;
 * returns the end. */
char *text_csv_put(char *w, const char *s, size_t len, unsigned flags);

/* Narrows s (len bytes) past leading and trailing blanks (space, tab). */
void text_trim_blanks(const char **s, size_t *len);
/* The same for white space: space, tab, CR and LF (ASCII only, whatever
 * the locale). */
void text_trim_space(const char **s, size_t *len);

#endif
