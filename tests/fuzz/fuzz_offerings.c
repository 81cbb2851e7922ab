/* fuzz_offerings.c - libFuzzer target: gm_offerings_load_buffer on any bytes, then a placement into what loads. */
#include <stddef.h>
#include <stdint.h>
#include "fuzz_common.h"

/* Answers that give several group types evidence, with availabilities. */
static const char *const people[][3] = {
	{ "issues", "grief", "online" },
	{ "issues", "panic;anxiety", "daytime;evening" },
	{ "goals", "personal_growth", "" },
	{ "issues", "anger", "Evening, weekend" },
	{ "focus", "support", "|;,;" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gm_catalog *cat = fuzz_catalog();
	gm_error *errs = NULL;
	size_t nerrs = 0, i;
	gm_offerings *offs = gm_offerings_load_buffer(cat, (const char *)data, size, &errs, &nerrs);
	gm_answers *ans;
	gm_result *res;
	gm_assign *a;
	long *used;

	if (!offs) {
		if (!nerrs || !errs)
			abort();
		for (i = 0; i < nerrs; i++)
			if (!memchr(errs[i].message, '\0', sizeof errs[i].message) ||
			    !memchr(errs[i].path, '\0', sizeof errs[i].path) || !errs[i].message[0])
				abort();
		gm_errors_free(errs);
		return 0;
	}
	if (nerrs || errs || !gm_offerings_count(offs))
		abort();
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	a = gm_assign_new(offs);
	if (!ans || !res || !a)
		abort();
	/* Each person twice, the second time free at the fuzzer's own text. */
	for (int round = 0; round < 2; round++)
		for (i = 0; i < sizeof people / sizeof people[0]; i++) {
			const char *avail = round ? (const char *)data : people[i][2];
			size_t alen = round ? (size < 64 ? size : 64) : strlen(people[i][2]);

			gm_answers_clear(ans);
			gm_answers_set(ans, "crisis", "no", NULL);
			gm_answers_set(ans, people[i][0], people[i][1], NULL);
			gm_answers_set(ans, "comfort", "3", NULL);
			gm_match(ans, 0, res);
			if (gm_assign_add(a, "p", 1, ans, res, avail, alen) != GM_OK)
				abort();
		}
	if (gm_assign_solve(a, GM_ASSIGN_CLOSE_SMALL) != GM_OK)
		abort();
	used = calloc(gm_offerings_count(offs), sizeof *used);
	if (!used)
		abort();
	for (i = 0; i < gm_assign_record_count(a); i++) {
		long o = gm_assign_record_offering(a, i);

		if (o >= (long)gm_offerings_count(offs) || (o >= 0 && gm_assign_closed(a, (size_t)o)))
			abort();
		if (o >= 0 && ++used[o] > gm_offering_seats(offs, (size_t)o))
			abort();
	}
	free(used);
	gm_assign_free(a);
	gm_result_free(res);
	gm_answers_free(ans);
	gm_offerings_free(offs);
	return 0;
}
