/* fuzz_answers.c - libFuzzer target: answer text as -a gives it, to every question and as QUESTION=VALUE lines. */
#include <stddef.h>
#include <stdint.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct gm_catalog *cat = fuzz_catalog();
	const char *text = (const char *)data;
	struct gm_answers *ans = gm_answers_new(cat);
	gm_error err;
	char *line;
	size_t i, start;
	int q, positive = 0;

	if (!ans)
		abort();
	/* The whole input as the answer to each question in turn. */
	for (q = 0; q < cat->nquestions; q++) {
		memset(&err, 0, sizeof err);
		if (answers_set_text(ans, q, text, size, &err) != GM_OK &&
		    (!err.message[0] || !memchr(err.message, '\0', sizeof err.message)))
			abort();
	}
	fuzz_match_and_report(ans, 0);
	/* the input was the safety question's answer too */
	if (cat->safety >= 0 && fuzz_positive(text, size) &&
	    !gm_safety_positive(gm_answers_safety(ans)))
		abort();

	/* Each line as a -a QUESTION=VALUE flag, through the public API. */
	gm_answers_clear(ans);
	line = malloc(size + 1);
	if (!line)
		abort();
	for (start = 0; start <= size; start = i + 1) {
		char *eq;

		for (i = start; i < size && text[i] != '\n'; i++)
			;
		memcpy(line, text + start, i - start);
		line[i - start] = '\0';
		eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		memset(&err, 0, sizeof err);
		gm_answers_set(ans, line, eq + 1, &err);
		/* a positive flag for the safety question, in any case, stays positive */
		if (catalog_find_question(cat, line, strlen(line)) == cat->safety &&
		    fuzz_positive(eq + 1, strlen(eq + 1)))
			positive = 1;
		if (positive && !gm_safety_positive(gm_answers_safety(ans)))
			abort();
		if (err.status != GM_OK && !memchr(err.message, '\0', sizeof err.message))
			abort();
	}
	free(line);
	fuzz_match_and_report(ans, 0);
	fuzz_match_and_report(ans, GM_MATCH_STRICT);
	gm_answers_free(ans);
	return 0;
}
