/* model.h - the library's types: catalogue, question, option, condition, criterion, group, resource, limits. */
#ifndef GM_MODEL_H
#define GM_MODEL_H

#include <stdint.h>
#include "groupmatch.h"
#include "pool.h"

#define GM_MAX_QUESTIONS 32   /* answers keep a bit per question */
#define GM_MAX_OPTIONS 64     /* a choice answer is a 64-bit option set */
#define GM_MAX_GROUPS 32
#define GM_MAX_CRITERIA 64    /* per group */
#define GM_CATALOG_FORMAT 1   /* the format_version this build reads */

enum q_kind {
	Q_YESNO,
	Q_SINGLE,
	Q_MULTI,
	Q_SCALE
};

enum q_role {
	ROLE_NONE,
	ROLE_SAFETY,    /* yes stops matching: the urgent message */
	ROLE_COMFORT,   /* the scale used by the setting advice */
	ROLE_READINESS, /* a yes/no counted into readiness */
	ROLE_ITEM       /* an item of a score block (scores.h): optional */
};

struct gm_option {
	char *id;
	char *label;
	size_t id_len;
	size_t label_len;
};

struct gm_question {
	char *id;
	char *text;
	char *help;
	enum q_kind kind;
	enum q_role role;
	int required;             /* asked of everyone; --strict demands it */
	struct gm_option *options; /* Q_SINGLE, Q_MULTI */
	int noptions;
	uint64_t sep_labels;      /* bit i: option i's label holds ';', '|' or ',' */
	int min, max;             /* Q_MULTI: how many options; Q_SCALE: range */
	char *min_label;          /* Q_SCALE: meaning of min and max */
	char *max_label;
	int has_default;
	int64_t default_value;    /* in the answers' encoding, see answers.h */
	size_t id_len;
	/* How "what would change it" words a changed answer ("you preferred a
	 * structured group"); NULL where the catalogue gives no phrase. */
	char *change_yes, *change_no; /* Q_YESNO */
	char **change_option;     /* Q_SINGLE: one per option */
	char *change_add;         /* Q_MULTI: "...%s..." with the option's label */
	char *change_remove;
	char *change_to;          /* Q_SCALE: "...%d..." with the value */
};

enum cond_op {
	C_ANY,   /* question's option set meets mask */
	C_ALL,   /* question's option set contains mask */
	C_IS,    /* yes/no answer equals value */
	C_GTE,   /* scale answer >= value */
	C_LTE,   /* scale answer <= value */
	C_COUNT_GTE, /* multi answer has at least value options */
	C_AND,
	C_OR,
	C_NOT
};

struct gm_cond {
	enum cond_op op;
	int question;             /* leaf ops */
	uint64_t mask;            /* C_ANY, C_ALL */
	int value;                /* C_IS, C_GTE, C_LTE, C_COUNT_GTE */
	int nkids;                /* C_AND, C_OR, C_NOT */
	struct gm_cond *kids;
};

/* A leaf condition, possibly negated: the flat form of the common
 * criterion "all of these (not) leaves", matched without recursion. */
struct gm_literal {
	uint64_t mask;            /* C_ANY, C_ALL */
	int value;                /* C_IS, C_GTE, C_LTE */
	unsigned char op;         /* a leaf enum cond_op */
	unsigned char question;
	unsigned char negated;
};

#define GM_MAX_LITERALS 4

struct gm_criterion {
	int weight;               /* negative: a caution */
	char *reason;
	struct gm_cond when;
	int nliterals;            /* > 0: when is the AND of literals[]; 0: use the tree */
	struct gm_literal literals[GM_MAX_LITERALS];
};

/* A setting modifier: when its condition holds (and, if first is not 0,
 * the first-ranked group is one of first), the setting advice is at
 * least at_least, and its reason is shown under the setting. */
struct gm_modifier {
	char *id;
	struct gm_criterion crit;  /* its condition (flattened like a criterion's) and reason */
	int at_least;             /* ADVICE_COMBINED or ADVICE_INDIVIDUAL_FIRST */
	uint32_t first;           /* bit per group; 0: whatever comes first */
};

struct gm_group {
	char *id;
	char *name;
	char *summary;
	char *description;
	char *example;
	char **approaches;
	int napproaches;
	struct gm_criterion *criteria; /* positives by weight desc, then cautions by weight asc */
	int ncriteria;
	int npositive;            /* criteria[0..npositive) have weight > 0 */
	int max;                  /* sum of positive weights */
	unsigned char *percent;   /* [0..max]: round(100 * score / max), no division per row */
};

struct gm_advice {
	char *id;                 /* "group", "combined", "individual_first" */
	char *label;
	char *text;
};

enum { ADVICE_GROUP, ADVICE_COMBINED, ADVICE_INDIVIDUAL_FIRST, ADVICE_COUNT };

/* How a crisis resource is reached: a bit per way. */
enum { HOW_CALL = 1, HOW_TEXT = 2, HOW_CHAT = 4, HOW_WEB = 8 };

struct gm_resource {
	char region[3];           /* ISO 3166 alpha-2, or "*" for everywhere */
	char *name;
	char *contact;            /* a number to call or text, or an address */
	unsigned how;             /* HOW_* bits */
	char *hours;
	char *url;                /* https address for chat or web; NULL if none */
};

#define GM_MAX_RESOURCES 64

/* How well a group fits: a band of its percent; FIT_NONE when its score
 * is not positive (no evidence for it). */
enum { FIT_STRONG, FIT_POSSIBLE, FIT_WEAK, FIT_NONE, FIT_COUNT };

#define GM_MAX_MODIFIERS 32

struct gm_catalog {
	int format_version;
	char *name;               /* NULL when the catalogue has none */
	char *version;            /* the author's version string, NULL when none */
	char sha256[65];          /* hex SHA-256 of the canonical bytes, see catalog_hash */
	struct gm_question *questions;
	int nquestions;
	struct gm_group *groups;
	int ngroups;
	int safety;               /* index of the safety question, -1 if none */
	uint32_t safety_items;    /* bit per safety item: the safety question and every
	                           * score item a review or urgent rule reads (safety.c) */
	int comfort;              /* index of the comfort scale, -1 if none */
	uint32_t readiness;       /* bit per readiness question */
	int readiness_max;
	/* setting thresholds: individual_first when readiness <= ind_readiness
	 * or comfort <= ind_comfort; else group when readiness >= group_readiness
	 * and comfort >= group_comfort; else combined. */
	int group_readiness, group_comfort;
	int ind_readiness, ind_comfort;
	struct gm_advice advice[ADVICE_COUNT];
	struct gm_modifier *modifiers;  /* setting.modifiers, in catalogue order */
	int nmodifiers;
	int fit_strong;           /* percent at or above which a fit is strong */
	int fit_possible;         /* ... possible; below it (score > 0) weak */
	int near_tie;             /* percent points from the first that count as a near tie */
	char *urgent;             /* the person-facing urgent text with the resources
	                           * of the selected region (resources.c) */
	char *urgent_intro;       /* messages.urgent: its opening */
	char *urgent_end;         /* messages.urgent_end: its closing */
	char *urgent_staff;       /* messages.urgent_staff: for batch rows */
	char *unscreened_staff;   /* messages.unscreened_staff: for batch rows */
	char *safety_skipped_intro; /* messages.safety_skipped, before the crisis line */
	char *crisis_line;        /* one line: the first contact of the region */
	struct gm_resource *resources;
	int nresources;
	char region[3];           /* selected region, "" for none */
	char *reminder;           /* the closing "discuss with a professional" line */
	char *safety_skipped;     /* said when the safety question was not answered,
	                           * with the crisis line (resources.c) */
	struct gm_scores *scores; /* score blocks (scores.h); NULL when none */
	const struct engine_plan *plan; /* the criteria as bit tests (engine.c); NULL: walk the trees */
	struct pool mem;          /* every allocation of the catalogue */
};

/* Zeroed memory that lives as long as cat and is freed with it; NULL when
 * out of memory. */
static inline void *catalog_alloc(struct gm_catalog *cat, size_t size)
{
	return pool_alloc(&cat->mem, size);
}

/* The names of enum q_kind, as the catalogue writes them (model.c). */
extern const char *const catalog_kind_names[];

/* Index of the question with id (len bytes, any ASCII case), or -1. */
int catalog_find_question(const struct gm_catalog *cat, const char *id, size_t len);

/* Index of the group with id, or -1. */
int catalog_find_group(const struct gm_catalog *cat, const char *id);

#endif
