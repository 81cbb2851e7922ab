/* quote.h - outside text made safe to echo in a message or show on a terminal. */
#ifndef GM_QUOTE_H
#define GM_QUOTE_H

#include <stddef.h>

struct buf;

#define QUOTE_MAX 40               /* bytes of the text a quote shows */

/* Writes a copy of s (len bytes, not necessarily NUL-terminated) into out
 * (outsz bytes, NUL-terminated) for use inside '...' in a message: at most
 * QUOTE_MAX bytes of s, with "..." when cut, and '?' in place of every
 * control character (C0, DEL, C1 U+0080-U+009F), bidirectional control
 * (U+202A-U+202E, U+2066-U+2069) and byte that is not valid UTF-8, so
 * that what reaches a terminal is only printable text.  Every echo of
 * outside bytes in a message goes through here.  Does not allocate. */
void quote_text(char *out, size_t outsz, const char *s, size_t len);

/* The one terminal sanitiser: every text from outside (an id, a kept
 * cell, an offering's name, a case name, a file name) passes here before
 * it reaches a terminal.  Copies s (len bytes) into out (room for len
 * bytes) with each control character (C0, DEL, C1 U+0080-U+009F),
 * bidirectional control (U+202A-U+202E, U+2066-U+2069) and byte that is
 * not valid UTF-8 replaced by '?', so that only printable text is left;
 * returns the length written, at most len.  out may be s. */
size_t quote_printable(char *out, const char *s, size_t len);
/* The same keeping line feeds, for a whole output of lines (CSV rows
 * shown on a terminal) whose pieces were not shown one by one. */
size_t quote_lines(char *out, const char *s, size_t len);
/* Appends quote_printable of s (len bytes) to out. */
void quote_add(struct buf *out, const char *s, size_t len);
/* The NUL-terminated s the same way; nothing for NULL. */
void quote_adds(struct buf *out, const char *s);

/* Offset of the first control character or bidirectional control (as
 * above) in s, len bytes of valid UTF-8, or len when there is none. */
size_t quote_control_at(const char *s, size_t len);

#endif
