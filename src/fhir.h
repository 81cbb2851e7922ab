/* fhir.h - the questionnaire as a FHIR R4 Questionnaire, and answers from a QuestionnaireResponse. */
#ifndef GM_FHIR_H
#define GM_FHIR_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "buf.h"
#include "catalog.h"
#include "answers.h"

/* The code system of every answerOption valueCoding: option ids are codes. */
#define FHIR_CODE_SYSTEM "https://groupmatch.invalid/fhir/CodeSystem/options"
/* The canonical URL of the exported Questionnaire. */
#define FHIR_QUESTIONNAIRE_URL "https://groupmatch.invalid/fhir/Questionnaire/groupmatch"

/* Appends to out a FHIR R4 Questionnaire resource (pretty JSON with a final
 * newline) for the questions of cat: one item per question, linkId = the
 * question id; type boolean (yes/no), choice (single and multi, with
 * repeats true for multi) or integer (scale, bounds in the minValue and
 * maxValue extensions); answerOption valueCoding code = option id, display
 * = label; help text as a nested item of type display with linkId
 * "<id>.help".  Returns 0, or -1 when out ran out of memory. */
int fhir_questionnaire(struct buf *out, const struct gm_catalog *cat);

/* Reads the answers of a FHIR R4 QuestionnaireResponse (root, already
 * parsed) into ans.  Items are found by linkId anywhere in the tree: item[]
 * and answer[].item[] are walked, and a linkId ending in ".help" or
 * naming a group is only descended into.  Each answer[] entry is one
 * value: valueCoding (code, else display), valueString, valueBoolean,
 * valueInteger or valueDecimal (a whole number); several answers to a
 * multi question are combined.  Every bad item is recorded with
 * answers_mark_invalid (message "linkId 'comfort' (item[5].answer[0]):
 * ...") so that gm_match reports it; the first problem is also described
 * in err (path = the JSON path).  An item whose linkId is not a question
 * is skipped and counted in *nunknown (if non-NULL).
 * Returns GM_OK, GM_ERR_ANSWER when some answer was bad, or GM_ERR_ARG
 * when root is not a QuestionnaireResponse object. */
gm_status fhir_read_response(struct gm_answers *ans, const cJSON *root,
			     gm_error *err, size_t *nunknown);

#endif
