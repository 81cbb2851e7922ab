/* groupmatch.h - public API of libgroupmatch, the group-therapy matcher.
 *
 * A catalogue (questions, group types, weighted criteria) is loaded once;
 * answers are collected into a gm_answers; gm_match() scores them into a
 * gm_result that ranks the group types with their reasons.
 *
 * Ownership, stated once for the whole API: every object returned by a
 * gm_*_new or gm_catalog_load_* function belongs to the caller and is freed
 * with the matching gm_*_free (passing NULL is safe).  Every string returned
 * by an accessor belongs to the object it came from and stays valid until
 * that object is freed (for a result: until the next gm_match on it).
 *
 * No function prints, exits or keeps global state; distinct objects may be
 * used from distinct threads.  A gm_catalog is read-only after loading and
 * may be shared by any number of answers and results.
 */
#ifndef GROUPMATCH_H
#define GROUPMATCH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GM_VERSION "1.0.0"

typedef struct gm_catalog gm_catalog;
typedef struct gm_answers gm_answers;
typedef struct gm_result gm_result;

typedef enum gm_status {
	GM_OK = 0,
	GM_ERR_ARG,      /* a bad argument: unknown question, NULL object */
	GM_ERR_ANSWER,   /* an answer value that does not fit its question */
	GM_ERR_CATALOG,  /* the catalogue is invalid */
	GM_ERR_IO,       /* a file could not be read */
	GM_ERR_NOMEM
} gm_status;

/* One problem, with where it is.  line/column are 1-based, 0 when unknown;
 * path is a JSON path ("groups[2].criteria[1].when.question") or a question
 * id, "" when none. */
typedef struct gm_error {
	gm_status status;
	int line;
	int column;
	char path[160];
	char message[320];
} gm_error;

/* The library's version string, e.g. "1.0.0". */
const char *gm_version(void);

/* --- catalogue ------------------------------------------------------- */

/* Loads the catalogue compiled into the library.  Cannot fail short of
 * memory exhaustion; on failure returns NULL and fills *err if non-NULL. */
gm_catalog *gm_catalog_load_default(gm_error *err);

/* Parses and validates a catalogue from text (len bytes, need not be
 * NUL-terminated); name is used in messages (a file name, or NULL).
 * On success returns the catalogue and sets *nerrors to 0.  On failure
 * returns NULL and, when errors is non-NULL, stores every problem found in
 * a new array *errors (free it with gm_errors_free) of *nerrors items. */
gm_catalog *gm_catalog_load_buffer(const char *text, size_t len,
				   const char *name, gm_error **errors,
				   size_t *nerrors);

/* As gm_catalog_load_buffer, reading the file at path.  A file that
 * cannot be read gives one error with status GM_ERR_IO. */
gm_catalog *gm_catalog_load_file(const char *path, gm_error **errors,
				 size_t *nerrors);

void gm_catalog_free(gm_catalog *cat);
void gm_errors_free(gm_error *errors);

/* Format version, questions and group types of a catalogue.  Indices run
 * from 0 to count-1; out-of-range indices return NULL or -1. */
int gm_catalog_format_version(const gm_catalog *cat);
size_t gm_catalog_question_count(const gm_catalog *cat);
const char *gm_catalog_question_id(const gm_catalog *cat, size_t i);
const char *gm_catalog_question_text(const gm_catalog *cat, size_t i);
size_t gm_catalog_group_count(const gm_catalog *cat);
const char *gm_catalog_group_id(const gm_catalog *cat, size_t i);
const char *gm_catalog_group_name(const gm_catalog *cat, size_t i);
const char *gm_catalog_group_summary(const gm_catalog *cat, size_t i);

/* --- answers --------------------------------------------------------- */

/* A new, empty set of answers for questions of cat (which must outlive
 * it).  Returns NULL when out of memory. */
gm_answers *gm_answers_new(const gm_catalog *cat);
void gm_answers_free(gm_answers *ans);

/* Forgets every answer. */
void gm_answers_clear(gm_answers *ans);

/* Sets the answer to question (an id) from text as a person would type it:
 * an option id, label (any case) or 1-based number; yes/no/y/n/true/
 * false/1/0 for yes/no questions; a whole number for a scale; several
 * options of a multi-choice question separated by ';', '|' or ','.
 * Setting a question again replaces its answer.
 * Returns GM_OK, GM_ERR_ARG for an unknown question, or GM_ERR_ANSWER for
 * a value that does not fit (the question is then remembered as invalid so
 * that gm_match reports it).  err, if non-NULL, says what was wrong. */
gm_status gm_answers_set(gm_answers *ans, const char *question,
			 const char *value, gm_error *err);

/* Sets answers from a JSON object ({"goals":["grief"],"comfort":3,
 * "connect":true}) or a FHIR R4 QuestionnaireResponse, len bytes of text.
 * Every problem found is recorded as by gm_answers_set; the first one is
 * described in err.  Unknown keys are not errors: *nunknown (if non-NULL)
 * counts them. */
gm_status gm_answers_set_json(gm_answers *ans, const char *text, size_t len,
			      gm_error *err, size_t *nunknown);

/* --- matching -------------------------------------------------------- */

typedef enum gm_result_status {
	GM_RESULT_OK = 0,
	GM_RESULT_URGENT,   /* the safety screen was positive: no ranking */
	GM_RESULT_INVALID   /* some answers were invalid: no ranking */
} gm_result_status;

enum {
	GM_MATCH_STRICT = 1  /* a missing answer to a required question makes
	                        the result invalid */
};

/* A result able to hold a match against cat (which must outlive it). */
gm_result *gm_result_new(const gm_catalog *cat);
void gm_result_free(gm_result *res);

/* Scores ans against the catalogue into res (overwriting it); flags is 0
 * or GM_MATCH_STRICT.  Never fails: a bad set of answers gives a result
 * whose status says so. */
void gm_match(const gm_answers *ans, int flags, gm_result *res);

gm_result_status gm_result_status_of(const gm_result *res);

/* "ok", "urgent" or "invalid". */
const char *gm_result_status_name(const gm_result *res);

/* The urgent text or the error message; NULL when the status is ok. */
const char *gm_result_message(const gm_result *res);

/* Ranked groups: 0 when not ok, else every group of the catalogue.
 * rank is 0-based here (rank 0 is the best match). */
size_t gm_result_rank_count(const gm_result *res);
const char *gm_result_group_id(const gm_result *res, size_t rank);
const char *gm_result_group_name(const gm_result *res, size_t rank);
int gm_result_score(const gm_result *res, size_t rank);
int gm_result_max(const gm_result *res, size_t rank);
int gm_result_percent(const gm_result *res, size_t rank);
size_t gm_result_reason_count(const gm_result *res, size_t rank);
const char *gm_result_reason(const gm_result *res, size_t rank, size_t i);
size_t gm_result_caution_count(const gm_result *res, size_t rank);
const char *gm_result_caution(const gm_result *res, size_t rank, size_t i);

/* Setting advice ("group", "combined", "individual_first"), NULL when
 * not ok; its text; readiness (0..readiness_max) and comfort (-1 when the
 * comfort question was not answered). */
const char *gm_result_setting(const gm_result *res);
const char *gm_result_setting_text(const gm_result *res);
int gm_result_readiness(const gm_result *res);
int gm_result_readiness_max(const gm_result *res);
int gm_result_comfort(const gm_result *res);

/* Questions left unanswered, in catalogue order. */
size_t gm_result_missing_count(const gm_result *res);
const char *gm_result_missing(const gm_result *res, size_t i);

/* --- assignment: seats in the groups a clinic runs -------------------- */

/* An offerings file lists the concrete groups a clinic runs: each has an
 * id, a type (a group id of the catalogue), a name, a schedule, seats, a
 * minimum size, tags (such as "evening" or "online") and an eligibility
 * condition in the catalogue's criterion language.  See
 * groupmatch-catalog(5). */
typedef struct gm_offerings gm_offerings;

/* Records and their placement into offerings. */
typedef struct gm_assign gm_assign;

#define GM_OFFERINGS_MAX 2000  /* offerings in one file */
#define GM_TAGS_MAX 64         /* distinct tags over all offerings */

/* Parses and validates an offerings file for cat (which must outlive the
 * result), len bytes of JSON text.  As gm_catalog_load_buffer: on failure
 * returns NULL with every problem, each with a JSON path or a line and
 * column, in a new array *errors of *nerrors items. */
gm_offerings *gm_offerings_load_buffer(const gm_catalog *cat, const char *text, size_t len,
				       gm_error **errors, size_t *nerrors);

/* As gm_offerings_load_buffer, reading the file at path; a file that
 * cannot be read gives one error with status GM_ERR_IO. */
gm_offerings *gm_offerings_load_file(const gm_catalog *cat, const char *path,
				     gm_error **errors, size_t *nerrors);

void gm_offerings_free(gm_offerings *offs);

/* The offerings in file order; i runs from 0 to count-1 (out of range:
 * NULL or -1).  type is the catalogue group id; schedule is "" when the
 * file gives none. */
size_t gm_offerings_count(const gm_offerings *offs);
const char *gm_offering_id(const gm_offerings *offs, size_t i);
const char *gm_offering_type(const gm_offerings *offs, size_t i);
const char *gm_offering_name(const gm_offerings *offs, size_t i);
const char *gm_offering_schedule(const gm_offerings *offs, size_t i);
long gm_offering_seats(const gm_offerings *offs, size_t i);
long gm_offering_min_size(const gm_offerings *offs, size_t i);
size_t gm_offering_tag_count(const gm_offerings *offs, size_t i);
const char *gm_offering_tag(const gm_offerings *offs, size_t i, size_t k);

/* A new, empty assignment over offs (which must outlive it); NULL when
 * out of memory. */
gm_assign *gm_assign_new(const gm_offerings *offs);
void gm_assign_free(gm_assign *a);

/* Adds one record in input order: its id (idlen bytes, copied; NULL for
 * none), its answers and their result from gm_match against the
 * offerings' catalogue (read now, not kept), and the tags the person can
 * attend, separated by ';' (availlen bytes; NULL or blank: any).  Only a
 * record whose status is ok may be placed; any other keeps its status.
 * Tags that no offering has are counted (gm_assign_unknown_tag).
 * Returns GM_OK, GM_ERR_ARG (no answers or result, either of another
 * catalogue, or too many records) or GM_ERR_NOMEM. */
gm_status gm_assign_add(gm_assign *a, const char *id, size_t idlen, const gm_answers *ans,
			const gm_result *res, const char *avail, size_t availlen);

enum {
	GM_ASSIGN_CLOSE_SMALL = 1  /* close the emptiest offering below its
	                              minimum and solve again, until none is */
};

/* Places the records: as many as possible, then the largest total fit
 * (the percent of each placed type), then earlier records first.  A
 * record is placed only in an offering of a type with positive evidence
 * for it, whose condition it meets and whose tags it shares.  flags is 0
 * or GM_ASSIGN_CLOSE_SMALL.  May be called again after more records are
 * added.  Returns GM_OK or GM_ERR_NOMEM. */
gm_status gm_assign_solve(gm_assign *a, int flags);

/* The records in input order, after gm_assign_solve.  status is
 * "placed", "waitlist" or the record's own status ("urgent", "invalid",
 * ...); offering is an offering index or -1; type is the placed type, or
 * for the waitlist the person's best type (NULL otherwise); percent is
 * that type's fit (-1 when none); choice is the type's 1-based rank for
 * the person (0 when none); reason says why a waitlisted record was not
 * placed in its best type: "full", "not_eligible", "not_available" or
 * "no_offering", or "no_evidence" when no type has positive evidence for
 * it (NULL otherwise); message is the record's own message (the urgent
 * text, the error, or for an ok record whose safety question was not
 * answered the catalogue's note saying so) or NULL; safety_missing is 1
 * for such a record, which may be placed but needs the question asked. */
size_t gm_assign_record_count(const gm_assign *a);
const char *gm_assign_record_id(const gm_assign *a, size_t i);
const char *gm_assign_record_status(const gm_assign *a, size_t i);
long gm_assign_record_offering(const gm_assign *a, size_t i);
const char *gm_assign_record_type(const gm_assign *a, size_t i);
int gm_assign_record_percent(const gm_assign *a, size_t i);
int gm_assign_record_choice(const gm_assign *a, size_t i);
const char *gm_assign_record_reason(const gm_assign *a, size_t i);
const char *gm_assign_record_message(const gm_assign *a, size_t i);
int gm_assign_record_safety_missing(const gm_assign *a, size_t i);

/* Per offering (index as in gm_offering_*), after gm_assign_solve:
 * people placed, the sum of their percents, whether --close-small closed
 * it, and whether it is open with fewer people than its minimum. */
long gm_assign_filled(const gm_assign *a, size_t offering);
long gm_assign_fit_sum(const gm_assign *a, size_t offering);
int gm_assign_closed(const gm_assign *a, size_t offering);
int gm_assign_below_min(const gm_assign *a, size_t offering);

/* Totals: records placed, and the sum of their percents. */
long gm_assign_placed(const gm_assign *a);
long gm_assign_total_fit(const gm_assign *a);

/* Waitlisted records whose best type is catalogue group g. */
long gm_assign_waitlist(const gm_assign *a, size_t g);

/* Availability tags that no offering has (the first 100 different ones),
 * in lowercase, in the order first seen, with the number of records
 * naming each. */
size_t gm_assign_unknown_tag_count(const gm_assign *a);
const char *gm_assign_unknown_tag(const gm_assign *a, size_t i);
long gm_assign_unknown_tag_records(const gm_assign *a, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* GROUPMATCH_H */
