/* fuzz_answers_json.c - libFuzzer target: gm_answers_set_json on any bytes (answer objects and FHIR QuestionnaireResponses). */
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct gm_catalog *cat = fuzz_catalog();
	struct gm_answers *ans = gm_answers_new(cat);
	size_t unknown = 0;
	gm_error err;
	gm_status st;

	if (!ans)
		abort();
	/* data is exactly size bytes with no NUL after it: reading past the
	 * end is an AddressSanitizer report. */
	st = gm_answers_set_json(ans, (const char *)data, size, &err, &unknown);
	if (st != err.status)
		abort();
	if (st != GM_OK && (!err.message[0] || !memchr(err.message, '\0', sizeof err.message) ||
			    !memchr(err.path, '\0', sizeof err.path)))
		abort();
	fuzz_match_and_report(ans, 0);
	/* The oracle: a plain answers object (not FHIR) with a safety key in
	 * any case whose value is true, 1 or a positive text must be urgent,
	 * whatever else is in it, unless the whole text was refused. */
	if (!err.line) {
		cJSON *root = cJSON_ParseWithLength((const char *)data, size), *k;
		int positive = 0;

		if (cJSON_IsObject(root) && !cJSON_GetObjectItemCaseSensitive(root, "resourceType"))
			cJSON_ArrayForEach(k, root)
				if (catalog_find_question(cat, k->string, strlen(k->string)) == cat->safety &&
				    (cJSON_IsTrue(k) || (cJSON_IsNumber(k) && k->valuedouble == 1) ||
				     (cJSON_IsString(k) && fuzz_positive(k->valuestring, strlen(k->valuestring)))))
					positive = 1;
		if (positive && !gm_safety_positive(gm_answers_safety(ans)))
			abort();
		cJSON_Delete(root);
	}
	gm_answers_free(ans);
	return 0;
}
