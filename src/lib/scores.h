/* scores.h - score blocks: standard screeners (items, totals, bands, rules) read from the catalogue. */
#ifndef GM_SCORES_H
#define GM_SCORES_H

#include <stdint.h>
#include "model.h"

struct gm_answers;

#define GM_MAX_SCORE_BLOCKS 4
#define GM_MAX_BANDS 8
#define GM_MAX_SCORE_RULES 8   /* per block */

/* What a score rule looks at. */
enum score_on {
	SCORE_ON_TOTAL,            /* the (possibly prorated) total >= gte */
	SCORE_ON_BAND,             /* the total's band is band or a later one */
	SCORE_ON_ITEM              /* the answer to one item >= gte */
};

struct score_rule {
	char *id;
	enum score_on on;
	int item;                  /* SCORE_ON_ITEM: question index */
	int gte;                   /* SCORE_ON_TOTAL, SCORE_ON_ITEM */
	int band;                  /* SCORE_ON_BAND: band index */
	int status;                /* GM_RESULT_OK (none), GM_RESULT_REVIEW or GM_RESULT_URGENT */
	int advice;                /* ADVICE_* the setting is raised to at least; -1 none */
	char *reason;              /* why, in plain words (shown under the setting) */
	char *message;             /* status review: the person-facing text */
	char *message_staff;       /* status review: the text for batch rows */
	char *review;              /* message with the crisis resources (scores_compose) */
	char *unanswered;          /* SCORE_ON_ITEM with a status: the person-facing text when
	                            * the item is not answered, with the crisis resources */
};

struct score_band {
	char *id;
	char *label;
	int min, max;              /* inclusive */
};

struct score_block {
	char *id;
	char *name;
	char *stem;                /* "Over the last 2 weeks, how often ..." */
	char *loinc;               /* the panel's LOINC code */
	char *total_loinc;         /* the total score's LOINC code */
	char **item_loinc;         /* each item's LOINC code */
	int first;                 /* questions[first .. first+nitems) are the items */
	int nitems;
	int max_missing;           /* items that may be missing and the total prorated */
	int total_max;             /* nitems * the highest item value */
	struct score_band bands[GM_MAX_BANDS];
	int nbands;
	struct score_rule rules[GM_MAX_SCORE_RULES];
	int nrules;
};

/* The catalogue's score blocks, kept with it (cat->scores). */
struct gm_scores {
	struct score_block blocks[GM_MAX_SCORE_BLOCKS];
	int nblocks;
	uint32_t items;            /* bit per question that is a score item */
	char *offer;               /* asked before the items in an interactive run */
	char **labels;             /* the answer labels shared by every item */
	char **codes;              /* their LOINC answer codes */
	int nlabels;
};

/* One block's outcome for one set of answers. */
struct score_outcome {
	int answered;              /* items answered */
	int total;                 /* -1 when too many items are missing */
	int band;                  /* index, -1 with no total */
	int prorated;
	int sum;                   /* the answered items' sum: a lower bound of the total */
	int bound;                 /* a rule fired on the lower bound, the total being unknown */
	uint32_t fired;            /* bit per rule of the block */
};

/* What the score blocks say about one set of answers. */
struct score_result {
	int nblocks;               /* 0: no item answered, nothing to report */
	struct score_outcome out[GM_MAX_SCORE_BLOCKS];
	int status;                /* GM_RESULT_OK, GM_RESULT_REVIEW or GM_RESULT_URGENT */
	const struct score_rule *review; /* the first review rule that fired */
	uint32_t missing;          /* safety items not answered in a block that has answers */
	const struct score_rule *unanswered; /* a status rule reading the first of them */
	int review_missing;        /* the review is for a safety item left unanswered (engine.c) */
	int advice;                /* the setting's lower bound, -1 none */
	int nreasons;              /* rules that raised the setting */
	const struct score_rule *reasons[GM_MAX_SCORE_BLOCKS * GM_MAX_SCORE_RULES];
};

/* Reports one catalogue problem at a JSON path (catalog.c's loader). */
typedef void (*scores_problem_fn)(void *ctx, const char *path, const char *message);

/* Reads the optional top-level "scores" object of root into cat: the
 * blocks, and their items appended to cat->questions as scale questions
 * with role ROLE_ITEM.  Every problem goes to problem(ctx, ...).  Call
 * after the questions are loaded and before anything indexes them by
 * count.  Returns 0, or -1 when out of memory. */
int scores_load(struct gm_catalog *cat, const void *root, scores_problem_fn problem, void *ctx);

/* Builds each review rule's text with the crisis resources of the
 * selected region (resources: "- name: contact" lines).  Returns 0, or
 * -1 when out of memory. */
int scores_compose(struct gm_catalog *cat, const char *resources);

/* Scores the items in a into r.  Cheap when no item is answered.  A
 * total is prorated only when no safety item is missing; a rule on the
 * total or its band fires on the lower bound (the answered items' sum) as
 * soon as that reaches it; an unclear safety item fires the review rule
 * that reads it (the urgent one when it has none); r->missing names the
 * safety items left unanswered for the caller to act on. */
void scores_compute(const struct gm_catalog *cat, const struct gm_answers *a,
		    struct score_result *r);

/* The question whose item carries LOINC code (len bytes; a leading '/'
 * is allowed, as in LOINC-derived linkIds), or -1. */
int scores_find_code(const struct gm_catalog *cat, const char *code, size_t len);

/* The value (0-based label index) an item answer code or label names, or -1. */
int scores_find_answer(const struct gm_catalog *cat, const char *text, size_t len);

#endif
