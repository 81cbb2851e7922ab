/* editdist.h - how far apart two words are, for "did you mean" suggestions. */
#ifndef GM_EDITDIST_H
#define GM_EDITDIST_H

#include <stddef.h>

/* The Levenshtein distance between a (alen bytes) and b (blen bytes),
 * ignoring ASCII case, capped at 3: anything 3 or more apart (or longer
 * than 60 bytes) is too far to suggest. */
int edit_distance(const char *a, size_t alen, const char *b, size_t blen);

#endif
