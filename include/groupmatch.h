/* groupmatch.h - public API of libgroupmatch, the group-therapy matcher.
 *
 * A catalogue (questions, group types, weighted criteria) is loaded once;
 * answers are collected into a gm_answers; gm_match() scores them into a
 * gm_result that ranks the group types with their reasons.
 *
 * This header is everything a program needs to do what the groupmatch
 * command does; the command itself is built on it alone.  In order:
 *   catalogue              loading, provenance, and introspection enough to
 *                          build a form (question kinds, options, labels,
 *                          help, ranges, group descriptions)
 *   crisis resources       the region's crisis lines
 *   the safety answer      the one decision on a crisis answer
 *   answers                gm_answers_set / _add / _set_json: the one answer
 *                          parser behind every front end (typed text, JSON,
 *                          FHIR, intake cells)
 *   matching               gm_match and the result's ranking, reasons,
 *                          fit, near ties, setting and what would change
 *   assignment             offerings and the optimal placement
 *   case tables, score blocks, the printable page
 *   writers                a result as JSON, a CSV row or text, into a
 *                          caller's buffer with snprintf semantics
 *   intake rows            the CSV reader (gm_csv), column maps (gm_colmap),
 *                          an intake header and its rows (gm_intake), and the
 *                          pull loop that yields one result per record
 *                          (gm_batch_next)
 * Only the functions declared here are exported from libgroupmatch.so.
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

/* The version of this header: GM_VERSION_MAJOR, GM_VERSION_MINOR and
 * GM_VERSION_PATCH (numbers, for #if) and GM_VERSION (the string
 * "MAJOR.MINOR.PATCH"), generated from the project's version by the build
 * into groupmatch_version.h, installed beside this header.  gm_version()
 * gives the version of the library a program runs with. */
#include "groupmatch_version.h"

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

/* --- catalogue introspection: enough to build a form ----------------- */

/* Everything a form needs to show, number and code each question, and to
 * describe each group type.  As above, question indices run from 0 to
 * gm_catalog_question_count-1 and group indices from 0 to
 * gm_catalog_group_count-1; an index out of range (or a NULL catalogue)
 * gives NULL, 0 or -1 as each function says.  Strings belong to the
 * catalogue. */

#define GM_FORMAT_VERSION 1  /* the catalogue format_version this library reads */
#define GM_QUESTIONS_MAX 32  /* questions in a catalogue, score items included */
#define GM_GROUPS_MAX 32     /* group types in a catalogue */

typedef enum gm_question_kind {
	GM_KIND_NONE = -1,   /* index out of range */
	GM_KIND_YESNO = 0,   /* yes or no */
	GM_KIND_SINGLE,      /* one of its options */
	GM_KIND_MULTI,       /* a set of its options, from min to max of them */
	GM_KIND_SCALE        /* a whole number from min to max */
} gm_question_kind;

gm_question_kind gm_catalog_question_kind(const gm_catalog *cat, size_t q);

/* The index of the question whose id is s (len bytes, need not be
 * NUL-terminated), ignoring ASCII case whatever the locale; -1 when there
 * is none. */
int gm_catalog_find_question(const gm_catalog *cat, const char *s, size_t len);

/* The index of the safety (crisis) question, which a questionnaire asks
 * first; -1 when the catalogue has none. */
int gm_catalog_safety_question(const gm_catalog *cat);

/* The part question q plays: "safety", "comfort" (the scale the setting
 * advice reads), "readiness", "item" (an item of a score block, see
 * gm_catalog_question_block), or NULL when it has none. */
const char *gm_catalog_question_role(const gm_catalog *cat, size_t q);

/* The help text shown on request; NULL when the question has none. */
const char *gm_catalog_question_help(const gm_catalog *cat, size_t q);

/* 1 when the question is asked of everyone (GM_MATCH_STRICT makes a
 * missing answer invalid), 0 when it may be skipped; -1 out of range. */
int gm_catalog_question_required(const gm_catalog *cat, size_t q);

/* A scale's lowest and highest value; for a multi-choice question the
 * fewest and the most options one answer may hold (max is the option
 * count when the catalogue sets no limit); 0 for other kinds. */
int gm_catalog_question_min(const gm_catalog *cat, size_t q);
int gm_catalog_question_max(const gm_catalog *cat, size_t q);

/* What value v of a scale means: the catalogue's min_label at min and
 * max_label at max (NULL where it gives none); for a score-block item,
 * the answer label of every value ("Several days"); NULL for other
 * values and other kinds. */
const char *gm_catalog_question_scale_label(const gm_catalog *cat, size_t q, int v);

/* The options of a single or multi-choice question, i from 0 (a form
 * numbers them from 1): the id answers are stored as and the label shown.
 * 0 and NULL for other kinds. */
size_t gm_catalog_option_count(const gm_catalog *cat, size_t q);
const char *gm_catalog_option_id(const gm_catalog *cat, size_t q, size_t i);
const char *gm_catalog_option_label(const gm_catalog *cat, size_t q, size_t i);

/* The answer the catalogue gives a question left unanswered, if any:
 * has_default is 1 or 0 (-1 out of range); the default is 0 or 1 for a
 * yes/no question, the number for a scale, the number of options in it
 * for a choice question (0 without a default); option_default is 1 when
 * option i is part of the default. */
int gm_catalog_question_has_default(const gm_catalog *cat, size_t q);
long gm_catalog_question_default(const gm_catalog *cat, size_t q);
int gm_catalog_option_default(const gm_catalog *cat, size_t q, size_t i);

/* A group type's longer description, its example, and the therapeutic
 * approaches it draws on (i from 0). */
const char *gm_catalog_group_description(const gm_catalog *cat, size_t g);
const char *gm_catalog_group_example(const gm_catalog *cat, size_t g);
size_t gm_catalog_group_approach_count(const gm_catalog *cat, size_t g);
const char *gm_catalog_group_approach(const gm_catalog *cat, size_t g, size_t i);

/* The highest score group g can reach (the sum of its positive weights;
 * -1 out of range), and its weighted criteria in the order they are
 * reported: positive weights from the largest, then cautions (negative
 * weights) from the strongest.  A weight is 0 and a reason NULL for k
 * out of range. */
int gm_catalog_group_max(const gm_catalog *cat, size_t g);
size_t gm_catalog_criterion_count(const gm_catalog *cat, size_t g);
int gm_catalog_criterion_weight(const gm_catalog *cat, size_t g, size_t k);
const char *gm_catalog_criterion_reason(const gm_catalog *cat, size_t g, size_t k);

/* How a score block is coded (see "score blocks" below): the LOINC
 * answer code of item value v (as gm_catalog_score_label), the block's
 * panel and total-score LOINC codes, how many items may be missing with
 * the total still given (prorated; -1 out of range), the LOINC code of
 * its item k (k from 0 to gm_catalog_score_block_items-1), and its
 * severity bands k with their inclusive total ranges (-1 out of range). */
const char *gm_catalog_score_code(const gm_catalog *cat, int v);
const char *gm_catalog_score_block_loinc(const gm_catalog *cat, size_t block);
const char *gm_catalog_score_block_total_loinc(const gm_catalog *cat, size_t block);
int gm_catalog_score_block_max_missing(const gm_catalog *cat, size_t block);
const char *gm_catalog_score_item_loinc(const gm_catalog *cat, size_t block, size_t k);
size_t gm_catalog_score_band_count(const gm_catalog *cat, size_t block);
const char *gm_catalog_score_band_id(const gm_catalog *cat, size_t block, size_t k);
const char *gm_catalog_score_band_label(const gm_catalog *cat, size_t block, size_t k);
int gm_catalog_score_band_min(const gm_catalog *cat, size_t block, size_t k);
int gm_catalog_score_band_max(const gm_catalog *cat, size_t block, size_t k);

/* The questionnaire as a FHIR R4 Questionnaire resource (pretty JSON
 * ending in a newline): one item per question with linkId = its id, type
 * boolean, choice or integer, the options as answerOption codings (code =
 * option id, display = label), bounds and help as extensions and nested
 * display items.  Returns a NUL-terminated string, *len bytes long when
 * len is non-NULL, that the caller frees with free(); NULL when cat is
 * NULL or memory ran out. */
char *gm_catalog_fhir_questionnaire(const gm_catalog *cat, size_t *len);

/* The answers read back, question by question (q as above; 0 out of
 * range).  present: q has a valid answer (a default the catalogue would
 * apply is not an answer); invalid: q was given a value that does not fit
 * and gm_match will report it.  value: 1 or 0 for a yes/no question, the
 * number for a scale, the number of options chosen for a choice question;
 * 0 when not present.  option_chosen: option i is in the answer. */
int gm_answers_present(const gm_answers *ans, size_t q);
int gm_answers_invalid(const gm_answers *ans, size_t q);
long gm_answers_value(const gm_answers *ans, size_t q);
int gm_answers_option_chosen(const gm_answers *ans, size_t q, size_t i);

/* The first problem found in the answers so far, worded for a person
 * ("'9' is not in 1-5 for 'comfort'"), "" while no question is invalid.  gm_match
 * reports it too; a front end shows it when the safety answer comes
 * first and the result does not. */
const char *gm_answers_message(const gm_answers *ans);

/* Writes the answer to q as it would be typed back to gm_answers_set
 * ("yes" or "no", the number, option ids joined by ';', "none" for an
 * empty set) to buf of size bytes, always NUL-terminated when size > 0;
 * returns the length it needed, as snprintf, or 0 when q has no answer. */
size_t gm_answers_format(const gm_answers *ans, size_t q, char *buf, size_t size);

/* Copies every answer of src, with its problems, over dst: a form can
 * try an answer on a copy and keep it or drop it.  The safety items'
 * readings dst already held stay (the safety ledger: a copy never lowers
 * one); gm_answers_clear dst first to start a new record.  Returns GM_OK,
 * or GM_ERR_ARG when either is NULL or they belong to different
 * catalogues. */
gm_status gm_answers_copy(gm_answers *dst, const gm_answers *src);

/* Sets q to the catalogue's default for it.  Returns GM_OK, or GM_ERR_ARG
 * when q is out of range or has no default. */
gm_status gm_answers_set_default(gm_answers *ans, size_t q);

/* Forgets the answer to q, and that it was invalid.  The answer to a
 * safety item is never forgotten (see gm_answers_safety).  Returns GM_OK, or GM_ERR_ARG
 * when q is out of range. */
gm_status gm_answers_unset(gm_answers *ans, size_t q);

/* What the score blocks alone make of the answers so far, without a
 * match, so that a questionnaire can react as soon as a screener item is
 * answered.  Returns a gm_result_status (declared below):
 * GM_RESULT_URGENT when a rule counts as a crisis,
 * GM_RESULT_REVIEW when one asks for a clinician's review soon (then
 * *review, when review is non-NULL, is its person-facing text with the
 * crisis resources, owned by the catalogue), else GM_RESULT_OK (*review
 * NULL). */
int gm_answers_score_status(const gm_answers *ans, const char **review);

/* The catalogue's reminder that a ranking is not a diagnosis, shown under
 * every report ("This is guidance, not a diagnosis: ..."); NULL when it
 * has none. */
const char *gm_catalog_reminder(const gm_catalog *cat);

/* The kinds of setting advice ("group", "combined", "individual_first"),
 * i from 0 to count-1, with the catalogue's label for each (NULL when it
 * gives none); a front end counting results by setting uses these
 * indices (see gm_result_setting_index). */
#define GM_SETTINGS_MAX 3
size_t gm_catalog_setting_count(const gm_catalog *cat);
const char *gm_catalog_setting_id(const gm_catalog *cat, size_t i);
const char *gm_catalog_setting_label(const gm_catalog *cat, size_t i);

/* Limits on score blocks and on the bands of one block. */
#define GM_SCORE_BLOCKS_MAX 4
#define GM_BANDS_MAX 8

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

/* Forgets every answer: a new record, with an empty safety ledger. */
void gm_answers_clear(gm_answers *ans);

/* The safety answer collected so far.  It is sticky: once positive (from
 * any source: a flag, a JSON key, a FHIR item, a CSV cell) no later answer
 * turns it back to no; a blank or null answer never clears it.
 *
 * The same holds for every safety item of the catalogue (the safety
 * question and each screener item a review or urgent rule reads, such as
 * PHQ-9 item 9): each set of answers keeps one ledger, every reading from
 * every call that writes answers is added to it, and the most severe
 * reading is kept (a lower one is remembered for gm_result_notes).  A
 * reading of a safety item that cannot be read with certainty (an
 * unreadable text, a value of the wrong type, two values in one FHIR
 * answer) is never "invalid": it counts as unclear, which is positive
 * (for a screener item, at least GM_RESULT_REVIEW); setting a screener
 * item by such text still returns GM_ERR_ANSWER with the reason, so a
 * form can ask again. */
gm_safety gm_answers_safety(const gm_answers *ans);

/* Sets the answer to question (an id, in any case) from text as a person would type it:
 * an option id, label (any case) or 1-based number; yes/no/y/n/true/
 * false/1/0 for yes/no questions; a whole number for a scale; several
 * options of a multi-choice question separated by ';', '|' or ','.
 * Setting a question again replaces its answer, except that a safety
 * item's answer is never lowered (see gm_answers_safety).  Question ids
 * are compared ignoring ASCII case.
 * Returns GM_OK, GM_ERR_ARG for an unknown question, or GM_ERR_ANSWER for
 * a value that does not fit (the question is then remembered as invalid so
 * that gm_match reports it).  err, if non-NULL, says what was wrong. */
gm_status gm_answers_set(gm_answers *ans, const char *question,
			 const char *value, gm_error *err);

/* Sets answers from a JSON object ({"issues":["grief"],"comfort":3,
 * "connect":true}; keys are question ids in any case, blanks around them
 * ignored) or a FHIR R4 QuestionnaireResponse, len bytes of text.  Every
 * member is read, duplicates included: a question other than a safety
 * item given twice with different values is an error naming both.  A
 * QuestionnaireResponse with status entered-in-error is refused
 * (GM_ERR_ARG) after its safety items are read, and err names any
 * positive reading.  Every problem found is
 * recorded as by gm_answers_set; the first one is described in err.
 * Unknown keys (or items whose linkId is not a question) are not errors:
 * *nunknown (if non-NULL) counts them and gm_answers_unknown names them. */
gm_status gm_answers_set_json(gm_answers *ans, const char *text, size_t len,
			      gm_error *err, size_t *nunknown);

/* The keys or linkIds the last gm_answers_set_json ignored, each quoted and
 * joined by ", " ("'goal', 'sleep'"), cut with "..." when there are many;
 * "" when there were none.  Owned by ans, valid until it changes. */
const char *gm_answers_unknown(const gm_answers *ans);

/* --- the one answer parser ------------------------------------------ */

/* Every front end (typed answers, -a flags, answer JSON, FHIR, batch
 * cells and column maps) reads answers through these calls and
 * gm_answers_set, so the same text means the same answer everywhere:
 *
 *  - an option is named by its id, its label or its 1-based number,
 *    ignoring ASCII case (whatever the locale) and with spaces, hyphens
 *    and underscores alike: "open ended", "Open-ended" and "open_ended"
 *    are one answer;
 *  - text that is the start (two characters or more) of one option's id
 *    or label, or a whole word of it, names that option ("relief" is
 *    symptom_relief); when it could be several options it is an error
 *    naming them ("'social' could be more than one option
 *    (social_anxiety or social_skills)");
 *  - a multi-choice answer lists options separated by ';', '|' or ',',
 *    or by blanks ("1 3"); a whole label that itself holds a separator
 *    ("Alcohol, drugs or other addiction") is matched before the text is
 *    split, and the catalogue is checked at load time so that no label
 *    reads differently once split;
 *  - an error says what was typed and what would be accepted.
 *
 * None of these calls allocates, so they may be called per field of a
 * large file, and a front end may memoise them per distinct text. */

/* The option of choice question question (an index as for
 * gm_catalog_question_id) that text (len bytes, need not be
 * NUL-terminated; blanks around it are ignored) names, by the rules
 * above: its 0-based index, -1 when it names none (or the question is
 * out of range or has no options), -2 when it could be several. */
int gm_catalog_option_find(const gm_catalog *cat, size_t question,
			   const char *text, size_t len);

/* The options text could stand for, by the same rules: writes up to max
 * of their indices, in catalogue order, to out (which may be NULL when
 * max is 0) and returns how many there are: 0 when text names none, 1
 * when it names one (as gm_catalog_option_find), more when it could be
 * several, so that a front end can offer the candidates in its own terms
 * (numbers and labels on a form). */
size_t gm_catalog_option_candidates(const gm_catalog *cat, size_t question,
				    const char *text, size_t len,
				    size_t *out, size_t max);

/* Reads a yes/no answer: yes/y/yeah/yep/true/1/checked gives 1,
 * no/n/nope/false/0/unchecked gives 0, any case, blanks around it
 * ignored; anything else (and NULL) gives -1.  The safety question
 * decides unclear answers with gm_safety_decide instead. */
int gm_parse_yesno(const char *text, size_t len);

/* Adds value (text as typed, which may name several options) to the
 * answer to a multi-choice question, as a second -a flag or a second
 * form field does: the value is read as by gm_answers_set and its options
 * join those already given, and the question's bounds are checked on the
 * union, so an answer can never hold more options than the catalogue
 * allows.  A blank value adds nothing.  For a question without a valid
 * answer yet, or one that is not multi-choice, this is gm_answers_set
 * (the value replaces the answer).  Returns GM_OK, GM_ERR_ARG for an
 * unknown question or a NULL argument, or GM_ERR_ANSWER when the value
 * does not fit or the union has too many options: the question is then
 * invalid (gm_match reports it) and err, if non-NULL, says why. */
gm_status gm_answers_add(gm_answers *ans, const char *question,
			 const char *value, gm_error *err);

/* --- matching -------------------------------------------------------- */

typedef enum gm_result_status {
	GM_RESULT_OK = 0,
	GM_RESULT_URGENT,   /* the safety screen was positive: no ranking */
	GM_RESULT_INVALID,  /* some answers were invalid: no ranking */
	GM_RESULT_REVIEW    /* a score rule asks for a clinician's review soon:
	                       the ranking is kept, the message comes first */
} gm_result_status;

enum {
	GM_MATCH_STRICT = 1, /* a missing answer to a required question makes
	                        the result invalid */
	GM_MATCH_STAFF = 2,  /* messages for staff reading many records (batch
	                        rows), not for the person who answered */
	GM_MATCH_CHANGES = 4 /* also work out the changes that would put another
	                        group first (one more match per alternative
	                        answer; see gm_result_change_count) */
};

/* A result able to hold a match against cat (which must outlive it). */
gm_result *gm_result_new(const gm_catalog *cat);
void gm_result_free(gm_result *res);

/* Scores ans against the catalogue into res (overwriting it); flags is 0
 * or a combination of GM_MATCH_STRICT, GM_MATCH_STAFF and GM_MATCH_CHANGES.
 * A question left unanswered that has a default in the catalogue is
 * scored as its default and is not missing (ans itself is not changed).
 * Never fails: a bad set of answers gives a result whose status says so.
 * A positive safety answer gives GM_RESULT_URGENT whatever else is wrong.
 * Answers that give no group a positive score are invalid with the message
 * "not enough answers to suggest a group", never a ranking of zeros.
 * Groups are ranked by percent, then raw score, then catalogue order. */
void gm_match(const gm_answers *ans, int flags, gm_result *res);

gm_result_status gm_result_status_of(const gm_result *res);

/* "ok", "urgent", "invalid" or "review". */
const char *gm_result_status_name(const gm_result *res);

/* The urgent text (with the crisis resources), the review text (with
 * the crisis resources), the error message, or for
 * an ok result whose safety answer is missing the note saying so; NULL
 * for an ok result whose safety answer is no.  Under GM_MATCH_STAFF the
 * urgent and missing texts are the staff-facing ones. */
const char *gm_result_message(const gm_result *res);

/* The safety answer the result was decided on.  A positive one always
 * gives GM_RESULT_URGENT, whatever else was wrong with the answers. */
gm_safety gm_result_safety(const gm_result *res);

/* What the record's safety ledger says for staff, "" when nothing:
 * what set the status ("safety question answered yes", "unclear answer
 * 'No.' to the safety question: ask again today", "PHQ-9 item 9 = 3
 * (nearly every day)", "PHQ-9 item 9 not answered: ask it today", "PHQ-9
 * incomplete: answered items already sum to 19") and any safety reading
 * the input lowered ("PHQ-9 item 9 changed from 3 to 0 in this input":
 * the higher one is kept), joined by "; ".  Under GM_MATCH_STAFF the
 * message ends with them too; the person-facing texts never hold them.
 * Owned by res, valid until the next gm_match into it. */
const char *gm_result_notes(const gm_result *res);

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

/* The catalogue index (as in gm_catalog_group_*) of the group at rank, or
 * -1 out of range: a front end tallying many results counts by it. */
int gm_result_group_index(const gm_result *res, size_t rank);

/* The setting advice as an index into gm_catalog_setting_*, -1 when
 * there is none. */
int gm_result_setting_index(const gm_result *res);

/* How well the group at rank fits: "strong", "possible" or "weak" by its
 * percent against the catalogue's thresholds, or "none" when its score
 * is not positive (no evidence for it: not a recommendation, and batch
 * leaves its rank columns empty).  NULL past the ranking. */
const char *gm_result_fit(const gm_result *res, size_t rank);

/* 1 when the group at rank is within the catalogue's near-tie margin
 * (percent points, default 5) of the first, so the two are about equally
 * good fits; rank 0 is 1 when any other group is.  0 otherwise. */
int gm_result_near_tie(const gm_result *res, size_t rank);

/* Setting advice ("group", "combined", "individual_first"), NULL when
 * not ok; its text; readiness (0..readiness_max) and comfort (-1 when the
 * comfort question was not answered). */
const char *gm_result_setting(const gm_result *res);
const char *gm_result_setting_text(const gm_result *res);
int gm_result_readiness(const gm_result *res);
int gm_result_readiness_max(const gm_result *res);
int gm_result_comfort(const gm_result *res);

/* The reasons of the catalogue's setting modifiers that hold for this
 * result (conditions such as trauma with deep work that raise the advice
 * to at least combined or individual_first), in catalogue order. */
size_t gm_result_because_count(const gm_result *res);
const char *gm_result_because(const gm_result *res, size_t i);

/* What would change the first place: with GM_MATCH_CHANGES, every change
 * of one given answer that would put a different group first (a yes/no
 * flipped, another option or scale value, one option added to or taken
 * off a multi-choice answer).  The count is 0 without the flag or when
 * no single change reorders the top; gm_result_changes_found tells the
 * two apart (1 when the changes were worked out). */
int gm_result_changes_found(const gm_result *res);
size_t gm_result_change_count(const gm_result *res);
/* The question changed, and the group that would then come first. */
const char *gm_result_change_question(const gm_result *res, size_t i);
const char *gm_result_change_first(const gm_result *res, size_t i);
/* Writes the changed answer as it would be typed (option ids joined by
 * ';', "yes" or "no", or the number) to buf of size bytes, always
 * NUL-terminated when size > 0; returns the length it needed, as
 * snprintf, or 0 when i is out of range. */
size_t gm_result_change_to(const gm_result *res, size_t i, char *buf, size_t size);

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
/* --- score blocks (standard screeners such as the PHQ-9) ------------- */

/* A catalogue may carry score blocks: optional questionnaires whose items
 * are questions like any other (kind scale, 0 to the highest label) but
 * are not asked in the main run.  Blocks are numbered from 0. */
size_t gm_catalog_score_block_count(const gm_catalog *cat);
const char *gm_catalog_score_block_id(const gm_catalog *cat, size_t block);
const char *gm_catalog_score_block_name(const gm_catalog *cat, size_t block);
/* The stem said once before the items ("Over the last 2 weeks, ..."). */
const char *gm_catalog_score_block_stem(const gm_catalog *cat, size_t block);
/* The question index of the block's first item and how many there are. */
size_t gm_catalog_score_block_first(const gm_catalog *cat, size_t block);
size_t gm_catalog_score_block_items(const gm_catalog *cat, size_t block);
/* The block question i belongs to, or -1 for a question of the main run. */
int gm_catalog_question_block(const gm_catalog *cat, size_t i);
/* The catalogue's invitation to answer the blocks (NULL with no blocks);
 * the label of item value v (NULL out of range). */
const char *gm_catalog_score_offer(const gm_catalog *cat);
const char *gm_catalog_score_label(const gm_catalog *cat, int v);

/* What the last gm_match found per block.  A block none of whose items
 * was answered is not reported: gm_result_score_answered gives 0.
 * total is -1 when more items are missing than the block allows (no
 * total is then given: a part-answered screener is never read as low);
 * band is NULL then. */
size_t gm_result_score_answered(const gm_result *res, size_t block);
int gm_result_score_total(const gm_result *res, size_t block);
const char *gm_result_score_band(const gm_result *res, size_t block);
/* The band as an index into gm_catalog_score_band_*(cat, block, k); -1
 * when there is no total. */
int gm_result_score_band_index(const gm_result *res, size_t block);
int gm_result_score_prorated(const gm_result *res, size_t block);
/* The rules of the block that fired, by id, with their reasons. */
size_t gm_result_score_rule_count(const gm_result *res, size_t block);
const char *gm_result_score_rule(const gm_result *res, size_t block, size_t i);
const char *gm_result_score_rule_reason(const gm_result *res, size_t block, size_t i);

/* The reasons why score rules raised the setting advice, in catalogue
 * order (each also listed by its block). */
size_t gm_result_score_setting_reason_count(const gm_result *res);
const char *gm_result_score_setting_reason(const gm_result *res, size_t i);
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

/* --- writers: a result as JSON, a CSV row or text ------------------- */

/* A writer turns results of one catalogue into one output format.  It
 * escapes the catalogue's texts once, when it is made, so that writing a
 * row is mostly copying: make it after the catalogue's region and crisis
 * resources are set, and keep it for all the results to write.  A writer
 * is not shared between threads (it keeps a scratch buffer); make one per
 * thread. */
typedef struct gm_writer gm_writer;

typedef enum gm_format {
	GM_FORMAT_JSON = 0,     /* the result object on one line, no newline: a
	                           JSON Lines row without its line end */
	GM_FORMAT_JSON_PRETTY,  /* the same object indented by two spaces, with a
	                           final newline */
	GM_FORMAT_CSV,          /* one CSV row with its newline: id, the kept
	                           columns, status, safety, rankN and rankN_percent
	                           per shown rank, setting, message */
	GM_FORMAT_TEXT          /* the report for the person who answered: the
	                           ranking with bars, reasons (+) and cautions (!),
	                           the setting advice and the reminder */
} gm_format;

/* Options of a writer; a zeroed struct (or NULL) gives the defaults. */
typedef struct gm_writer_opts {
	int top;        /* CSV: rank columns (0: 3); text: groups shown (0: all) */
	int width;      /* text: columns to wrap to (0: 80) */
	int color;      /* text: ANSI colours */
	int utf8;       /* text: bars of block characters, else '#' and '.' */
	size_t ncolumns;            /* input columns kept with each result: after
	                               the id in CSV, as a "columns" object ending
	                               the JSON object; not shown in text */
	const char *const *columns; /* their names (copied), ncolumns of them */
	unsigned flags;             /* GM_WRITE_* bits */
} gm_writer_opts;

/* CSV cells: by default a text cell (the id, a kept cell or column name,
 * the message) that starts with '=', '+', '-' or '@' (after any spaces,
 * tabs or line ends),
 * or with a tab or a carriage return, is written after a ', so that a
 * spreadsheet opening the file shows it as text instead of running it as
 * a formula (the OWASP advice on CSV injection); numbers the writer
 * writes itself (the percents) are never prefixed.  With this flag every
 * cell is written as it is, for a program that reads the CSV. */
#define GM_WRITE_RAW_CELLS 1u

/* A new writer of format for results of cat (which must outlive it).
 * Returns NULL when format is unknown or opts are out of range
 * (GM_ERR_ARG: top or width negative, columns NULL with ncolumns > 0,
 * a flag that is not a GM_WRITE_* bit) or
 * memory ran out (GM_ERR_NOMEM); err, if non-NULL, says which. */
gm_writer *gm_writer_new(const gm_catalog *cat, gm_format format, const gm_writer_opts *opts,
			 gm_error *err);
void gm_writer_free(gm_writer *w);

/* The CSV header line, with its newline, into buf as snprintf does: at
 * most cap - 1 bytes and a NUL (buf may be NULL when cap is 0); returns
 * the full length.  Other formats have no header: returns 0. */
size_t gm_writer_header(const gm_writer *w, char *buf, size_t cap);

/* An upper bound, for any result of the writer's catalogue, on the bytes
 * gm_writer_result writes (less its NUL) for an id of idlen bytes; with
 * kept columns, idlen is the id's length plus the lengths of all the
 * record's cells.  A buffer of the bound plus one always holds the row. */
size_t gm_writer_bound(const gm_writer *w, size_t idlen);

/* Writes res (a result for the writer's catalogue, from gm_match) in the
 * writer's format into buf, as snprintf does: at most cap - 1 bytes and a
 * NUL (buf may be NULL when cap is 0); returns the full length, so a
 * return >= cap means the output was cut.  id is the record's id of idlen
 * bytes (any bytes; NULL for none: JSON null, an empty CSV field, no "Id:"
 * line; in the text report, its control characters, bidirectional
 * controls and invalid UTF-8 are shown as '?').  Allocates nothing when cap is at least the bound plus one.
 * Returns 0 (and writes "" when cap > 0) when w or res is NULL, res is
 * a result of another catalogue, or memory ran out. */
size_t gm_writer_result(gm_writer *w, const gm_result *res, const char *id, size_t idlen,
			char *buf, size_t cap);

/* As gm_writer_result, with the record's cell of each of the writer's
 * kept columns: cells[k] of lens[k] bytes, or NULL when the record has
 * no such field (an empty CSV field, JSON null). */
size_t gm_writer_result_cells(gm_writer *w, const gm_result *res, const char *id, size_t idlen,
			      const char *const *cells, const size_t *lens, char *buf, size_t cap);

/* The catalogue a result came from, for provenance, as one line
 * "NAME, version V, sha256 HEX" (what it lacks left out) with the hash
 * cut to hexlen digits (0 to 64), into buf as snprintf does; returns the
 * full length. */
size_t gm_catalog_provenance(const gm_catalog *cat, int hexlen, char *buf, size_t cap);

/* --- the tally of a run over many records ------------------------------ */

/* What a run over many records (batch, assign) counts for the
 * coordinator, and who needs following up: every summary (text, JSON,
 * CSV, HTML) renders from one tally.  A tally keeps counts per status,
 * first choice, top two, setting and screener band, and one list per kind
 * of follow-up with every person on it: nobody is ever only a count.
 * Memory grows with the people on the lists, never with ok records that
 * need nothing. */
typedef struct gm_tally gm_tally;

/* The follow-up lists, in the order a summary shows them. */
typedef enum gm_tally_list {
	GM_LIST_URGENT = 0,    /* a positive or unclear safety screen: call today;
	                          note: the result's staff message */
	GM_LIST_UNCLEAR,       /* of the urgent, an unclear safety answer */
	GM_LIST_REVIEW,        /* a screener answer asks for a clinician's review;
	                          note: the trigger (the staff message) */
	GM_LIST_NOT_SCREENED,  /* the safety question was not answered (a record
	                          that is not invalid) */
	GM_LIST_INVALID,       /* answers that cannot be read; note: why */
	GM_LIST_INCOMPLETE,    /* a screener with some but not all items answered;
	                          note: which, and how many of its items */
	GM_LIST_COUNT
} gm_tally_list;

/* Bytes kept of an id or a kept cell, and of a note: a longer one is cut
 * at a character boundary and ends in "\u2026" (the cut text included). */
#define GM_TALLY_CUT 64
#define GM_TALLY_NOTE_CUT 400

enum {
	GM_TALLY_COUNTS_ONLY = 1  /* count the people on each list but keep no
	                             entries: memory stays the same whatever
	                             the input (for rows, not a summary) */
};

/* A tally for results of cat (which must outlive it) with ncells kept
 * columns named names[0..ncells-1] (copied; ncells at most 16; names may
 * be NULL when ncells is 0); flags is 0 or GM_TALLY_COUNTS_ONLY.  NULL
 * when cat is NULL, ncells is too large or memory ran out. */
gm_tally *gm_tally_new(const gm_catalog *cat, int flags, size_t ncells, const char *const *names);
void gm_tally_free(gm_tally *t);

/* Counts one record's result res (a result of the tally's catalogue),
 * with its id (idlen bytes, any bytes; NULL or empty: "line N" from
 * line) and its kept cells (cells[k] of lens[k] bytes, NULL for a
 * missing field; cells may be NULL when the tally keeps none).  The
 * record goes on every list it belongs to.  Returns GM_OK, GM_ERR_ARG
 * (t or res NULL, or res of another catalogue: nothing is counted) or
 * GM_ERR_NOMEM (the record is counted, its list entries may be lost). */
gm_status gm_tally_add(gm_tally *t, const gm_result *res, const char *id, size_t idlen,
		       unsigned long line, const char *const *cells, const size_t *lens);

/* The catalogue, the records counted, and those of one status. */
const gm_catalog *gm_tally_catalog(const gm_tally *t);
unsigned long gm_tally_records(const gm_tally *t);
unsigned long gm_tally_status_count(const gm_tally *t, gm_result_status status);

/* Of the ok records: how many have catalogue group g first, g in the top
 * two (with a positive score), setting s (gm_catalog_setting_id order);
 * records with a total in score block b, and of them in band k. */
unsigned long gm_tally_first(const gm_tally *t, size_t g);
unsigned long gm_tally_top_two(const gm_tally *t, size_t g);
unsigned long gm_tally_setting(const gm_tally *t, size_t s);
unsigned long gm_tally_scored(const gm_tally *t, size_t b);
unsigned long gm_tally_band(const gm_tally *t, size_t b, size_t k);

/* A list's key ("urgent", "unclear", "review", "not_screened",
 * "invalid", "incomplete_screener") and its heading in a person's words;
 * NULL out of range. */
const char *gm_tally_list_key(gm_tally_list list);
const char *gm_tally_list_heading(gm_tally_list list);

/* The people on a list, in input order: how many (also under
 * GM_TALLY_COUNTS_ONLY), and entry i's id (at
 * most GM_TALLY_CUT bytes, *len set when len is non-NULL; NUL-terminated
 * but it may hold NUL bytes), input line, note ("" when none) and kept
 * cell k ("" for a missing field).  Ids, notes and cells are the input's
 * bytes, cut but not cleaned: a front end escapes them for where they go.
 * Pointers stay valid until the next gm_tally_add or gm_tally_free; NULL
 * (0 for the line) out of range. */
size_t gm_tally_list_count(const gm_tally *t, gm_tally_list list);
const char *gm_tally_entry_id(const gm_tally *t, gm_tally_list list, size_t i, size_t *len);
unsigned long gm_tally_entry_line(const gm_tally *t, gm_tally_list list, size_t i);
const char *gm_tally_entry_note(const gm_tally *t, gm_tally_list list, size_t i);
const char *gm_tally_entry_cell(const gm_tally *t, gm_tally_list list, size_t i, size_t k,
				size_t *len);

/* The kept columns: how many, and the name of column k (NULL past). */
size_t gm_tally_cell_count(const gm_tally *t);
const char *gm_tally_cell_name(const gm_tally *t, size_t k);

/* The coordinator's page of a tally, as one self-contained HTML page (as
 * gm_result_html): who needs a call first (every list, each id with its
 * kept cells and note), then a chart per count with the counts as a
 * table beside it; date is shown when non-NULL.  Returns a string the
 * caller frees with free(), *len bytes long when len is non-NULL; NULL
 * when t is NULL or memory ran out. */
char *gm_tally_html(const gm_tally *t, const char *date, size_t *len);

/* The coordinator's page of a placement a over offs (the offerings a was
 * made over), after gm_assign_solve: who to follow up (the lists of t, a
 * tally of the same records; when t is NULL, the records a did not place
 * by their status), each offering's fill against its seats and minimum,
 * the waitlist per type and the roster grouped by offering.  As
 * gm_tally_html for date, len and the string returned. */
char *gm_assign_html(const gm_offerings *offs, const gm_assign *a, const gm_tally *t,
		     const char *date, size_t *len);

/* --- intake rows, the CSV reader and the batch loop -------------------- */

/* An intake export is a CSV file: a header row naming the columns, then
 * one record per person.  gm_csv reads records; gm_intake turns the
 * header into columns and each record into answers, exactly as
 * 'groupmatch batch' does; gm_batch runs both over a file and matches
 * every record, one result at a time. */

/* --- the CSV reader --- */

typedef struct gm_csv gm_csv;

/* What can be wrong with one record.  A record with a problem is still
 * returned (never skipped), so it can be reported in its place. */
typedef enum gm_csv_error {
	GM_CSV_OK = 0,
	GM_CSV_EQUOTE,          /* text after a closing quote: "ab"c */
	GM_CSV_EUNTERMINATED,   /* end of input inside a quoted field */
	GM_CSV_EFIELD,          /* a field longer than the field limit (1 MiB) */
	GM_CSV_ECOLUMNS,        /* more fields than the column limit (10000) */
	GM_CSV_ERECORD          /* a record longer than the record limit (2 MiB) */
} gm_csv_error;

#define GM_CSV_KEEP_N 4         /* columns gm_csv_keep can name */

/* One record.  Field i is lens[i] bytes at fields[i]: any bytes, NUL
 * included, not NUL-terminated; quoted fields come without their quotes
 * and with "" turned into ".  Everything belongs to the reader and stays
 * valid until its next gm_csv_next or gm_csv_free. */
typedef struct gm_csv_record {
	const char *const *fields;
	const size_t *lens;
	size_t n;                  /* 0 for GM_CSV_EFIELD, _ECOLUMNS, _ERECORD */
	unsigned long line;        /* physical line (1-based) the record starts on */
	unsigned long nlines;      /* physical lines it spans */
	gm_csv_error error;
	size_t error_column;       /* 1-based field the problem is in, 0 if none */
	size_t limit;              /* the limit broken (bytes or fields), 0 if none */
	/* For a record with n == 0: the short fields (at most 256 bytes) of
	 * the columns named with gm_csv_keep, in that order; NULL for one not
	 * seen or too long.  Empty otherwise. */
	const char *kept[GM_CSV_KEEP_N];
	size_t kept_lens[GM_CSV_KEEP_N];
} gm_csv_record;

/* A reader of the file descriptor fd (read with read(2), never closed
 * by the reader), or of len bytes at data (which must outlive the
 * reader).  Memory stays within a few blocks of 256 KiB plus the longest
 * record allowed, whatever the input.  A UTF-8 byte order mark at the
 * start is skipped.  Returns NULL (err says why, GM_ERR_NOMEM) when out
 * of memory. */
gm_csv *gm_csv_new_fd(int fd, gm_error *err);
gm_csv *gm_csv_new_mem(const void *data, size_t len, gm_error *err);
void gm_csv_free(gm_csv *csv);

/* The field separator: ',' (the default), ';' or '\t', or 0 to pick it
 * from the first line (the most frequent of the three outside quotes).
 * Call before the first gm_csv_next.  Returns GM_OK or GM_ERR_ARG for
 * another character.  gm_csv_delimiter says which is in force. */
gm_status gm_csv_set_delimiter(gm_csv *csv, char delim);
char gm_csv_delimiter(const gm_csv *csv);

/* The input's encoding: GM_CSV_UTF8 (the default), or a single-byte one
 * converted to UTF-8 as it is read.  Call before the first gm_csv_next.
 * Returns GM_OK or GM_ERR_ARG. */
enum { GM_CSV_UTF8 = 0, GM_CSV_LATIN1, GM_CSV_CP1252 };
gm_status gm_csv_set_encoding(gm_csv *csv, int encoding);

/* Names up to GM_CSV_KEEP_N columns (0-based; (size_t)-1 for none)
 * whose short fields are kept for a record that breaks a limit (see
 * gm_csv_record.kept), so an id or a safety answer is not lost with a
 * long notes field. */
void gm_csv_keep(gm_csv *csv, const size_t *cols, size_t n);

/* Reads the next record into *rec.  A line holding no bytes at all is
 * skipped.  Returns 1 for a record, 0 at the end of the input, or -1
 * when reading failed (err: GM_ERR_IO with strerror's text; later calls
 * return -1 too). */
int gm_csv_next(gm_csv *csv, gm_csv_record *rec, gm_error *err);

/* Bytes of input consumed so far (for progress). */
unsigned long long gm_csv_offset(const gm_csv *csv);

/* A lowercase description of e ("unterminated quoted field"). */
const char *gm_csv_strerror(gm_csv_error e);

/* Describes rec's problem in *err (status GM_ERR_ANSWER, line and
 * column set, message such as "line 7: more than 10000 fields"); returns
 * GM_OK, leaving *err cleared, when rec has none. */
gm_status gm_csv_record_error(const gm_csv_record *rec, gm_error *err);

/* --- column maps --- */

/* A column map renames the columns and option codes of another export:
 * a CSV with the header from,to[,question] (a row without a question
 * renames a column to a question id, "id" or "ignore"; a row with one
 * maps an option code of that question), or a JSON object {"columns":
 * {HEADER: TARGET}, "options": {QUESTION: {CODE: OPTION}}}. */
typedef struct gm_colmap gm_colmap;

/* Parses and checks a map of len bytes against cat (which must outlive
 * it).  Every target must be a question id, "id", "ignore" or an option
 * of its question.  Refused with GM_ERR_CATALOG (a map that cannot be
 * used as configured): a code of a safety item (the safety question, or
 * a screener item a review or urgent rule reads, such as PHQ-9 item 9)
 * mapped to a less severe value than the library reads it as (yes or
 * unsure to no, 3 to 0; a code the library cannot read at all, such as
 * REDCap's 2, may be given any meaning) or to nothing; a column that names a safety item (exactly or once
 * normalised) mapped to anything but that item; and a column or code
 * mapped twice to different targets.  Returns the map, or NULL with the
 * first problem in *err: its message starts with where it is ("line 3:
 * ...", "options.goals.X: ...", "line 2, column 5: ..."), line and path
 * are set; GM_ERR_ANSWER for a bad map, GM_ERR_CATALOG as above,
 * GM_ERR_NOMEM, or GM_ERR_ARG for a NULL catalogue.  An empty text is an
 * error. */
gm_colmap *gm_colmap_load_buffer(const gm_catalog *cat, const char *text, size_t len,
				 gm_error *err);
void gm_colmap_free(gm_colmap *map);

/* --- intake rows --- */

typedef struct gm_intake gm_intake;

/* Reads a header row of n fields (field i is lens[i] bytes at fields[i],
 * copied as needed) into columns, for cat (which must outlive the
 * intake) and map (NULL for none; it must outlive the intake):
 *  - a question id in any case, after trimming spaces and byte order
 *    marks, answers that question;
 *  - REDCap checkbox columns QUESTION___CODE (CODE an option id, label,
 *    number or map code; for a yes/no question, its yes and no) add up
 *    to one answer; REDCap's redcap_* and *_complete, *_timestamp
 *    columns are ignored without a word;
 *  - id_column (NULL for the default) names the id column in any case,
 *    with spaces, hyphens and underscores alike; by default it is "id",
 *    else "record_id" ("Record ID");
 *  - the map renames a column first.
 * Returns the intake, or NULL with err: GM_ERR_ARG when id_column names
 * no column (err->column 0) or names the safety question's column
 * (err->column its 1-based index); GM_ERR_ANSWER when two columns answer
 * one question, a checkbox code is not an option, or no column answers
 * a question (err->column the column at fault, 0 if none); GM_ERR_NOMEM.
 * Messages name columns as they are printable, never the caller's
 * options or line numbers.  An intake remembers the cells it has read
 * (gm_intake_decode), so one intake serves one thread; the catalogue and
 * the map are only read and may be shared. */
gm_intake *gm_intake_new(const gm_catalog *cat, const char *const *fields, const size_t *lens,
			 size_t n, const gm_colmap *map, const char *id_column, gm_error *err);
void gm_intake_free(gm_intake *in);

/* The columns of the header: their count, each one's name (printable:
 * control characters shown as '?', cut to about 48 bytes) and the
 * question it answers (or -1: an id, ignored or unknown column). */
size_t gm_intake_column_count(const gm_intake *in);
const char *gm_intake_column_name(const gm_intake *in, size_t i);
int gm_intake_column_question(const gm_intake *in, size_t i);

/* The 0-based id column, or -1 when there is none (the caller then
 * names records by their line). */
long gm_intake_id_column(const gm_intake *in);

/* The 0-based column holding the safety answer, -1 for none; and
 * whether any column (that one, or checkboxes) answers it.  When none
 * does, every record's safety answer is missing. */
long gm_intake_safety_column(const gm_intake *in);
int gm_intake_screens_safety(const gm_intake *in);

/* Columns that answer nothing and are not known to be harmless (not the
 * id, not REDCap bookkeeping, not blank): 0-based column indices, in
 * order.  The caller may mark columns it uses itself with
 * gm_intake_use_column so they are not counted. */
size_t gm_intake_unknown_count(const gm_intake *in);
size_t gm_intake_unknown(const gm_intake *in, size_t i);
void gm_intake_use_column(gm_intake *in, size_t column);

/* A warning about the header, or "" for none: the map turns the safety
 * question's column into another, so its answers are not read. */
const char *gm_intake_warning(const gm_intake *in);

/* Reads one record of n fields (as gm_intake_new) from line into ans,
 * which is cleared first and must be of the intake's catalogue.  Each
 * answer cell goes through the one answer parser (as gm_answers_set
 * reads text; map codes first), its results remembered per column so
 * that a cell text seen before costs a lookup: the answers are exactly
 * those of the parser.  A cell that does not fit its question marks it
 * invalid with "line N, column 'NAME': why".  *id and *idlen (either may
 * be NULL) get the record's id cell, pointing into fields (NULL, 0 when
 * the record has none or it is blank).
 * Returns GM_OK for a record read whole (its answers may still be
 * invalid: gm_match says so).  A record with another number of fields
 * than the header cannot be trusted, since its columns may be shifted:
 * it gives GM_ERR_ANSWER with err saying why ("line 9: 3 fields where
 * the header has 11"), and ans keeps only a positive safety answer, as
 * missing it would be worse.  A record of blank cells gives
 * GM_ERR_ANSWER too ("line 9: empty record").  gm_intake_match turns
 * either into its result. */
gm_status gm_intake_decode(gm_intake *in, const char *const *fields, const size_t *lens,
			   size_t n, unsigned long line, gm_answers *ans, const char **id,
			   size_t *idlen, gm_error *err);

/* As gm_intake_decode for a record of gm_csv_next, which may carry a CSV
 * problem: such a record is broken too (its kept fields are read for the
 * id and the safety answer when it has none of its own; see
 * gm_intake_keep_columns). */
gm_status gm_intake_decode_record(gm_intake *in, const gm_csv_record *rec, gm_answers *ans,
				  const char **id, size_t *idlen, gm_error *err);

/* The columns to pass to gm_csv_keep (the id's, then the safety
 * answer's; (size_t)-1 for none) so that a record over a limit keeps
 * them; returns how many (2) were written to cols. */
size_t gm_intake_keep_columns(const gm_intake *in, size_t *cols);

/* Matches ans, the answers of the record gm_intake_decode read last,
 * into res as gm_match(ans, flags, res) does, except for a record that
 * could not be read whole (decode gave GM_ERR_ANSWER): then res is
 * invalid with the record's problem as its message and no ranking, or,
 * when the kept safety answer is positive, urgent with the problem named
 * after the urgent text. */
void gm_intake_match(gm_intake *in, const gm_answers *ans, int flags, gm_result *res);

/* --- the batch loop --- */

/* Reads an intake CSV and matches its records one at a time, the way
 * jq's input loop hands out inputs: the caller only loops and writes. */
typedef struct gm_batch gm_batch;

/* One record's outcome; every pointer belongs to the batch and stays
 * valid until the next gm_batch_next or gm_batch_free. */
typedef struct gm_batch_item {
	const gm_result *result;   /* the match */
	const gm_answers *answers; /* what the record said */
	const char *id;            /* the id cell, or "line N" when there is no id
	                              column; NULL when the cell is blank */
	size_t idlen;
	unsigned long line;        /* where the record starts */
	const gm_csv_record *record; /* its fields, as read */
	gm_error error;            /* why the record could not be read whole;
	                              status GM_OK when it could */
} gm_batch_item;

/* A loop over csv (which must outlive the batch; the header row is its
 * first record) for cat, with map (NULL for none) and id_column (NULL for
 * the default), matching with flags (GM_MATCH_*).  Returns NULL with
 * err when out of memory. */
gm_batch *gm_batch_new(const gm_catalog *cat, gm_csv *csv, const gm_colmap *map,
		       const char *id_column, int flags, gm_error *err);
void gm_batch_free(gm_batch *b);

/* Reads and matches the next record.  Returns 1 with *item filled, 0 at
 * the end of the input, or -1 with err: the header is not valid
 * (gm_intake_new's errors, with err->line set; or GM_ERR_ANSWER when the
 * input is empty or its header row is broken), the input has bytes (a
 * header row, blank lines) but no record at all (GM_ERR_ANSWER: a file
 * that names no one is an error, not an empty success), reading failed
 * (GM_ERR_IO), or memory ran out. */
int gm_batch_next(gm_batch *b, gm_batch_item *item, gm_error *err);

/* The intake made of the header, once gm_batch_next has read it (NULL
 * before). */
const gm_intake *gm_batch_intake(const gm_batch *b);

/* Makes b read its records with in (which must outlive b, and is not
 * freed with it) instead of making one from a header row: every record
 * gm_batch_next reads from then on is data.  For a caller that reads the
 * header itself, to warn about it in its own words, or that names the
 * columns of a header-less file.  Returns GM_OK, or GM_ERR_ARG when b
 * already has an intake or an argument is NULL. */
gm_status gm_batch_use_intake(gm_batch *b, gm_intake *in);

#ifdef __cplusplus
}
#endif

#endif /* GROUPMATCH_H */
