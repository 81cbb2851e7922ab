/* engine.h - the rule engine: safety gate, criterion scores, ranking, setting advice. */
#ifndef GM_ENGINE_H
#define GM_ENGINE_H

#include "model.h"
#include "answers.h"
#include "scores.h"

/* One group's score.  Kept small: a result is sorted and rebuilt for every
 * row of a batch. */
struct gm_ranked {
	int group;                 /* index into cat->groups */
	int score;
	int percent;
	int nreasons;              /* matched criteria below npositive */
	int ncautions;             /* matched criteria from npositive on */
	uint64_t matched;          /* bit k: cat->groups[group].criteria[k] matched;
	                            * criteria are in weight order, so reasons then
	                            * cautions come out in order by walking the bits */
};

#define GM_MAX_CHANGES 64

/* One answer changed that would put another group first. */
struct gm_change {
	int question;
	int first;                 /* the group that would come first */
	int option;                /* the option chosen, added or taken off; -1: yes/no, scale */
	int removed;               /* the option was taken off a multi-choice answer */
	int64_t value;             /* the changed answer, encoded as in answers.h */
};

struct gm_result {
	const struct gm_catalog *cat;
	gm_result_status status;
	const char *message;       /* points at cat->urgent or into msgbuf */
	char msgbuf[1024];
	char notes[512];           /* the ledger's notes for staff (safety_notes), "" for none */
	int nranked;
	struct gm_ranked ranked[GM_MAX_GROUPS];
	int advice;                /* ADVICE_*, -1 when not ok */
	int readiness;
	int comfort;               /* -1 when missing */
	int nmissing;
	int missing[GM_MAX_QUESTIONS];
	int safety_skipped;        /* the safety question was not answered */
	gm_safety safety;          /* the safety answer decided on */
	uint32_t because;          /* bit m: setting modifier m holds (rules.c) */
	int changes_found;         /* changes[] was worked out (GM_MATCH_CHANGES) */
	int nchanges;
	struct gm_change changes[GM_MAX_CHANGES];
	struct score_result scores; /* what the score blocks found (scores.c) */
	uint64_t slots;            /* the slot word of the answers (engine.c's plan) */
};

/* Initialises a result on the stack or inside another object for cat. */
void result_init(struct gm_result *res, const struct gm_catalog *cat);

/* The i-th matched criterion of r: reasons first, then cautions, each in
 * weight order; NULL past the end. */
const struct gm_criterion *result_matched(const struct gm_result *res,
					  const struct gm_ranked *r, size_t i);

#endif
