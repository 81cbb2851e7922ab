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

/* --- crisis resources -------------------------------------------------- */

/* A catalogue carries crisis resources for several regions (ISO 3166
 * codes such as "US", "GB", and "*" for everywhere).  The person-facing
 * urgent text is built from the resources of the selected region; with
 * no region selected it shows the "*" entries.  Select the region, or
 * replace the resources, once after loading and before the catalogue is
 * shared: these are the only calls that change a loaded catalogue. */

/* Selects region (two letters, any case; NULL or "" for none) for the
 * urgent text.  Returns GM_OK, or GM_ERR_ARG when region is not two
 * letters or has no resources of its own (the "*" entries are shown then,
 * and err says so). */
gm_status gm_catalog_set_region(gm_catalog *cat, const char *region, gm_error *err);

/* The selected region ("" for none). */
const char *gm_catalog_region(const gm_catalog *cat);

/* Replaces the catalogue's crisis resources with those of a JSON document
 * {"resources": [...]} of len bytes (the same form as in the catalogue);
 * name is used in messages.  On failure leaves the catalogue unchanged,
 * returns GM_ERR_CATALOG and, when errors is non-NULL, stores every
 * problem in a new array as gm_catalog_load_buffer does. */
gm_status gm_catalog_set_resources(gm_catalog *cat, const char *text, size_t len,
				   const char *name, gm_error **errors, size_t *nerrors);

/* One line naming the first crisis contact for the selected region, for
 * a place with room for only one line (a person leaving the
 * questionnaire early). */
const char *gm_catalog_crisis_line(const gm_catalog *cat);

/* --- the safety answer ----------------------------------------------- */

/* The answer to the safety (crisis) question.  UNCLEAR is any non-empty
 * answer that is not a clear yes or no ("unsure", "maybe", a NUL byte, a
 * FHIR answer list holding both true and false): it counts as positive,
 * because the question asks people who are unsure to answer yes. */
typedef enum gm_safety {
	GM_SAFETY_MISSING = 0,  /* not answered: never taken as "no crisis" */
	GM_SAFETY_NO,
	GM_SAFETY_UNCLEAR,      /* positive */
	GM_SAFETY_YES           /* positive */
} gm_safety;

/* The one decision every front end makes on a safety answer given as
 * text (len bytes, need not be NUL-terminated): blank is MISSING, a clear
 * yes or no (yes/y/yeah/yep/true/1/checked, no/n/nope/false/0/unchecked,
 * any case) is YES or NO, anything else UNCLEAR. */
gm_safety gm_safety_decide(const char *text, size_t len);

/* Whether an UNCLEAR text says the person is unsure ("not sure",
 * "maybe", "don't know", ...) rather than being unreadable.  A front end
 * that can ask again (an interactive questionnaire) may ask again about
 * an unreadable answer, saying "if you are unsure, answer yes"; a doubtful
 * one is positive at once.  Everywhere else UNCLEAR is positive. */
int gm_safety_doubtful(const char *text, size_t len);

/* Whether s counts as a positive screen (YES or UNCLEAR). */
int gm_safety_positive(gm_safety s);

/* "missing", "no", "unclear" or "yes". */
const char *gm_safety_name(gm_safety s);

/* --- answers --------------------------------------------------------- */

/* A new, empty set of answers for questions of cat (which must outlive
 * it).  Returns NULL when out of memory. */
gm_answers *gm_answers_new(const gm_catalog *cat);
void gm_answers_free(gm_answers *ans);

/* Forgets every answer. */
void gm_answers_clear(gm_answers *ans);

/* The safety answer collected so far.  It is sticky: once positive (from
 * any source: a flag, a JSON key, a FHIR item, a CSV cell) no later answer
 * turns it back to no; a blank or null answer never clears it. */
gm_safety gm_answers_safety(const gm_answers *ans);

/* Sets the answer to question (an id) from text as a person would type it:
 * an option id, label (any case) or 1-based number; yes/no/y/n/true/
 * false/1/0 for yes/no questions; a whole number for a scale; several
 * options of a multi-choice question separated by ';', '|' or ','.
 * Setting a question again replaces its answer, except that a positive
 * safety answer is never replaced (see gm_answers_safety).  Question ids
 * are compared ignoring ASCII case.
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
	GM_MATCH_STRICT = 1, /* a missing answer to a required question makes
	                        the result invalid */
	GM_MATCH_STAFF = 2   /* messages for staff reading many records (batch
	                        rows), not for the person who answered */
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

/* The urgent text (with the crisis resources), the error message, or for
 * an ok result whose safety answer is missing the note saying so; NULL
 * for an ok result whose safety answer is no.  Under GM_MATCH_STAFF the
 * urgent and missing texts are the staff-facing ones. */
const char *gm_result_message(const gm_result *res);

/* The safety answer the result was decided on.  A positive one always
 * gives GM_RESULT_URGENT, whatever else was wrong with the answers. */
gm_safety gm_result_safety(const gm_result *res);

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

/* --- printable page ---------------------------------------------------- */

/* res as one self-contained HTML page for the person who answered, to
 * read on screen or print on one A4 or Letter page: the ranking with bars,
 * reasons and cautions, the setting advice, the answers and the reminder;
 * for an urgent result only the message with the crisis resources.  The
 * page loads nothing (no scripts, no external files: a Content-Security-
 * Policy says so) and links only to the crisis resources' own addresses.
 * ans, when non-NULL, is the set of answers res was matched from, listed
 * on the page; id and date (any text, such as "2026-12-02"), when
 * non-NULL, are shown under the title.  Every text is HTML-escaped.
 * Returns a NUL-terminated string, *len bytes long when len is non-NULL,
 * that the caller frees with free(); NULL when res is NULL or memory ran
 * out. */
char *gm_result_html(const gm_result *res, const gm_answers *ans, const char *id,
		     const char *date, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* GROUPMATCH_H */
