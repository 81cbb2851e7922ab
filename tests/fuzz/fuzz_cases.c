/* fuzz_cases.c - libFuzzer target: case tables read as TSV and as CSV, checked and run against the built-in catalogue. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

/* Every problem has a message and a line that is not past the input. */
static void check_errors(const gm_error *errs, size_t n, size_t size)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!errs[i].message[0] || errs[i].line < 0 || (size_t)errs[i].line > size + 1)
			abort();
		if (!memchr(errs[i].message, '\0', sizeof errs[i].message))
			abort();
	}
}

static void one(const uint8_t *data, size_t size, const char *name)
{
	const gm_catalog *cat = fuzz_catalog();
	gm_error *errs = NULL;
	size_t n = 0, i;
	gm_cases *cases = gm_cases_parse((const char *)data, size, name, &errs, &n);

	if (!cases) {
		if (!n)
			abort();	/* a refusal says why */
		check_errors(errs, n, size);
		gm_errors_free(errs);
		return;
	}
	if (n || !gm_cases_count(cases))
		abort();
	if (gm_cases_check(cases, cat, &errs, &n) != GM_OK) {
		check_errors(errs, n, size);
		gm_errors_free(errs);
		gm_cases_free(cases);
		return;
	}
	for (i = 0; i < gm_cases_count(cases); i++) {
		gm_case_outcome o;

		if (gm_cases_run(cases, i, cat, &o) != GM_OK)
			abort();
		if (o.passed != (o.report[0] == '\0') || !memchr(o.report, '\0', sizeof o.report))
			abort();
		if (strcmp(o.name, gm_case_name(cases, i)) || o.line != gm_case_line(cases, i))
			abort();
	}
	gm_cases_free(cases);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, NULL);
	one(data, size, "cases.csv");
	one(data, size, "cases.tsv");
	return 0;
}
