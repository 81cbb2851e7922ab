/* assign.h - the offerings a clinic runs, as loaded, and the evidence rule placement uses. */
#ifndef GM_ASSIGN_H
#define GM_ASSIGN_H

#include <stdint.h>
#include "model.h"
#include "engine.h"

struct gm_offering {
	char *id;
	char *name;
	char *schedule;           /* "" when none */
	int type;                 /* index into cat->groups */
	long seats;
	long min_size;
	uint64_t tags;            /* bit k: offs->tags[k] */
	int cond;                 /* index into offs->conds, -1 when anyone may join */
};

struct gm_offerings {
	const struct gm_catalog *cat;
	struct gm_offering *items;
	int n;
	char *tags[GM_TAGS_MAX];  /* every tag named, lowercase, in first-seen order */
	int ntags;
	struct gm_cond *conds;    /* distinct eligibility conditions */
	int nconds;
	struct cond_box *box;     /* owns the conditions' memory */
};

/* Whether group rank r of a result is positive evidence for placing the
 * person in that group: at least one positive criterion matched. */
int assign_has_evidence(const struct gm_result *res, int r);

/* Index of tag (len bytes, compared in ASCII lowercase) among offs->tags,
 * or -1. */
int offerings_find_tag(const struct gm_offerings *offs, const char *tag, size_t len);

#endif
