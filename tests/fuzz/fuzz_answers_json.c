/* fuzz_answers_json.c - libFuzzer target: gm_answers_set_json on any bytes (answer objects and FHIR QuestionnaireResponses). */
#include <stddef.h>
#include <stdint.h>
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
	gm_answers_free(ans);
	return 0;
}
