/* fhir.h - the questionnaire as a FHIR R4 Questionnaire, and answers from a QuestionnaireResponse. */
#ifndef GM_FHIR_H
#define GM_FHIR_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "buf.h"
#include "model.h"
#include "answers.h"

/* The code systems of the answerOption codings are this + "/" + the
 * question id: option ids are codes, unique within their question. */
#define FHIR_CODE_SYSTEM "https://groupmatch.invalid/fhir/CodeSystem"
/* The canonical URL of the exported Questionnaire. */
#define FHIR_QUESTIONNAIRE_URL "https://groupmatch.invalid/fhir/Questionnaire/groupmatch"

/* Appends to out a FHIR R4 Questionnaire resource (pretty JSON with a final
 * newline) for the questions of cat: one item per question, linkId = the
 * question id; type boolean (yes/no), choice (single and multi, with
 * repeats true for multi) or integer (scale, bounds in the minValue and
 * maxValue extensions, their meaning in entryFormat); answerOption
 * valueCoding with system FHIR_CODE_SYSTEM "/" question id, code = option
 * id, display = label, initialSelected for a default; minOccurs/maxOccurs
 * extensions for the number of options; the help text as a nested item
 * of type display with linkId "<id>.help" and itemControl "help".
 * Returns 0, or -1 when out ran out of memory. */
int fhir_questionnaire(struct buf *out, const struct gm_catalog *cat);

/* Reads the answers of a FHIR R4 QuestionnaireResponse (root, already
 * parsed) into ans.  Items are found by linkId anywhere in the tree: item[]
 * and answer[].item[] are walked.  Every member is read, duplicates
 * included, with keys compared in any case and without blanks around
 * them ("Answer", "item "); a safety item takes every value of every
 * answer as a reading for the ledger (more than one in an answer is
 * unclear), and its problems are unclear readings, not errors; another
 * question answered twice differently, or one answer with two value[x],
 * is an error naming both.  An item with two different linkIds is
 * GM_ERR_ARG (its safety items read all the same); status
 * entered-in-error is GM_ERR_ARG after the items are read, err naming
 * the ledger's notes.  Each answer[] entry is one value:
 * valueCoding (its code, else its display; the system is not checked),
 * valueString, valueCode, valueBoolean, valueInteger or valueDecimal (a
 * whole number), read as gm_answers_set reads text; several answers to a
 * multi question, or several items with its linkId, are combined.  A value
 * of the wrong type or a bad value marks the question invalid through
 * answers_mark_invalid, with a message naming the linkId and the JSON path
 * ("linkId 'comfort' (item[5].answer[0].valueBoolean): ..."), so that
 * gm_match reports it; the first problem is also described in err (if
 * non-NULL; path = the JSON path).  An item whose linkId is not a question
 * is only descended into; when it has answers it is counted in *nunknown
 * (if non-NULL; first set to 0).  Malformed structure (an item that is
 * not an object or has no linkId, nesting deeper than 64) is GM_ERR_ARG.
 * Paths longer than 100 characters are shown as "..." and their tail.
 * Returns GM_OK, GM_ERR_ANSWER when some answer was bad, or GM_ERR_ARG
 * for malformed structure or when root is not a QuestionnaireResponse. */
gm_status fhir_read_response(struct gm_answers *ans, const cJSON *root,
			     gm_error *err, size_t *nunknown);

#endif
