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

/* Provenance: the catalogue's name and the version string its author
 * gave it (NULL when it has none), and the SHA-256 of its canonical
 * bytes as 64 lowercase hex digits.  The canonical bytes are the text as
 * loaded, without a leading UTF-8 byte order mark and with every CR LF
 * pair as one LF (groupmatch-catalog(5)): the same catalogue gives the
 * same hash on every platform and in every run, and changing any other
 * byte changes it. */
const char *gm_catalog_name(const gm_catalog *cat);
const char *gm_catalog_version(const gm_catalog *cat);
const char *gm_catalog_hash(const gm_catalog *cat);

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

/* --- case tables ----------------------------------------------------- */

/* A case table holds agreed cases: answers and what must come of them.
 * It is TSV, or CSV (chosen by a name ending in .csv or .tsv, else by
 * whether its header has a tab).  Lines starting with '#' are comments;
 * the first other line is the header naming the columns: name and
 * answers (space-separated QUESTION=VALUE pairs) are required; first
 * (comma-separated acceptable first choices), top2 (groups that must all
 * be in the top two), setting and status are optional, other columns
 * are ignored, and a '-' or empty cell is not checked.  The format is in
 * groupmatch-catalog(5). */
typedef struct gm_cases gm_cases;

/* Parses a table of len bytes; name (a file name, or NULL) picks TSV or
 * CSV by its extension.  On failure returns NULL and, when errors is
 * non-NULL, stores every problem (line, and the column name in path) in
 * a new array *errors of *nerrors items, as gm_catalog_load_buffer. */
gm_cases *gm_cases_parse(const char *text, size_t len, const char *name,
			 gm_error **errors, size_t *nerrors);
void gm_cases_free(gm_cases *cases);

size_t gm_cases_count(const gm_cases *cases);
/* The name and table line of case i; NULL or -1 past the end. */
const char *gm_case_name(const gm_cases *cases, size_t i);
int gm_case_line(const gm_cases *cases, size_t i);

/* Checks the table's ids against cat: every answered question and every
 * expected group must exist.  Returns GM_OK, or GM_ERR_ARG with every
 * problem in *errors as gm_cases_parse does. */
gm_status gm_cases_check(const gm_cases *cases, const gm_catalog *cat,
			 gm_error **errors, size_t *nerrors);

/* How one case went. */
typedef struct gm_case_outcome {
	const char *name;          /* the case's name (owned by the table) */
	int line;                  /* its line in the table */
	int passed;
	char report[1024];         /* "" when passed; else one line per failed
	                              check: "first: expected cbt, got support
	                              (89%), then process (17%)" */
} gm_case_outcome;

/* Runs case i against cat (non-strict, as gm_match with flags 0) and
 * fills *out.  Returns GM_OK, GM_ERR_ARG for a bad index or NULL
 * argument, or GM_ERR_NOMEM. */
gm_status gm_cases_run(const gm_cases *cases, size_t i, const gm_catalog *cat,
		       gm_case_outcome *out);

#ifdef __cplusplus
}
#endif

#endif /* GROUPMATCH_H */
