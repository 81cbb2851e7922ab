/* labels.h - option names as people type them: the one matcher of typed text to an option. */
#ifndef GM_LABELS_H
#define GM_LABELS_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"

/* The rules (SPEC §1.2), shared by the answer parser and the catalogue's
 * load-time check so that what the check proves is what the parser does:
 *
 *  - two names are the same when they are equal ignoring ASCII case, with
 *    spaces, tabs, hyphens and underscores alike and a run of them one
 *    ("open ended", "Open-ended", "open_ended");
 *  - an option is named by its 1-based number, its id or its label;
 *  - failing that, by text that is the start (2 characters or more) of its
 *    id or label, or a whole word or run of whole words of either
 *    ("relief" -> symptom_relief), when that holds for one option only.
 *
 * Nothing here allocates, and nothing depends on the locale. */

#define LABEL_NONE (-1)       /* names no option */
#define LABEL_AMBIGUOUS (-2)  /* the start or a word of several options */

/* Whether a (alen bytes) and b (blen bytes) are the same name. */
int label_same(const char *a, size_t alen, const char *b, size_t blen);

/* The option of q that s (len bytes, trimmed by the caller) names: its
 * index, LABEL_NONE or LABEL_AMBIGUOUS.  When cands is non-NULL it gets
 * the options s could stand for (one bit each; for LABEL_AMBIGUOUS, the
 * candidates to name in the message). */
int label_find(const struct gm_question *q, const char *s, size_t len, uint64_t *cands);

/* Whether c separates the options of a multi-choice answer (';' '|' ','). */
int label_is_separator(char c);

/* When text (len bytes) starts with a whole label of q that contains a
 * separator ("Alcohol, drugs or other addiction"), followed by the end or
 * by a separator (blanks aside): that option's index, with *used set to the
 * bytes the label spans; the longest such label wins.  Otherwise -1. */
int label_whole_at(const struct gm_question *q, const char *text, size_t len, size_t *used);

#endif
