/* fuzz_catalog.c - libFuzzer target: gm_catalog_load_buffer on any bytes, then a match against what loads. */
#include <stddef.h>
#include <stdint.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gm_error *errs = NULL;
	size_t nerrs = 0, i;
	gm_catalog *cat;
	struct gm_answers *ans;

	cat = gm_catalog_load_buffer((const char *)data, size, "fuzz", &errs, &nerrs);
	if (!cat) {
		if (!nerrs || !errs)
			abort();
		for (i = 0; i < nerrs; i++)
			if (!memchr(errs[i].message, '\0', sizeof errs[i].message) ||
			    !memchr(errs[i].path, '\0', sizeof errs[i].path) || !errs[i].message[0])
				abort();
		gm_errors_free(errs);
		return 0;
	}
	if (nerrs || errs)
		abort();
	/* A catalogue that loads must match any answers without trouble:
	 * every question answered by its first option, and then by nothing. */
	ans = gm_answers_new(cat);
	if (!ans)
		abort();
	fuzz_match_and_report(ans, 0);
	for (i = 0; i < gm_catalog_question_count(cat); i++)
		answers_set_text(ans, (int)i, "1", 1, NULL);
	fuzz_match_and_report(ans, 0);
	fuzz_match_and_report(ans, GM_MATCH_STRICT);
	gm_answers_free(ans);
	gm_catalog_free(cat);
	return 0;
}
