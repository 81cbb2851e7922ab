/* check_vignettes.c - the clinical vignettes of tests/data/vignettes.tsv, one table read by one test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "groupmatch.h"
#include "check_suites.h"

#define VIGNETTES GM_TEST_DATA "/vignettes.tsv"

/* Whether id is one of the comma-separated names in list. */
static int listed(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, id, n))
			return 1;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

/* Runs one line of the table; returns NULL when it passes, else why not
 * (in buf). */
static const char *run_case(char *line, char *why, size_t whysz, int *face)
{
	char *name = strtok(line, "\t");
	char *answers = strtok(NULL, "\t");
	char *first = strtok(NULL, "\t");
	char *setting = strtok(NULL, "\t\r\n");
	const gm_catalog *cat = test_catalog();
	gm_answers *ans;
	gm_result *res;
	char *pair, *save = NULL;
	gm_error err;

	if (!name || !answers || !first || !setting) {
		snprintf(why, whysz, "malformed line (need 4 tab-separated fields)");
		return why;
	}
	*face = !strncmp(name, "face_", 5);
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	ck_assert_ptr_nonnull(ans);
	ck_assert_ptr_nonnull(res);
	why[0] = '\0';
	for (pair = strtok_r(answers, " ", &save); pair; pair = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(pair, '=');
		if (!eq) {
			snprintf(why, whysz, "%s: '%s' is not QUESTION=VALUE", name, pair);
			goto done;
		}
		*eq = '\0';
		if (gm_answers_set(ans, pair, eq + 1, &err) != GM_OK) {
			snprintf(why, whysz, "%s: %s=%s: %s", name, pair, eq + 1, err.message);
			goto done;
		}
	}
	gm_match(ans, 0, res);
	if (gm_result_status_of(res) != GM_RESULT_OK) {
		snprintf(why, whysz, "%s: status %s", name, gm_result_status_name(res));
	} else if (!listed(first, gm_result_group_id(res, 0))) {
		snprintf(why, whysz, "%s: first is %s (%d%%), wanted %s; second %s (%d%%)", name,
			 gm_result_group_id(res, 0), gm_result_percent(res, 0), first,
			 gm_result_group_id(res, 1), gm_result_percent(res, 1));
	} else if (strcmp(setting, "-") && strcmp(setting, gm_result_setting(res))) {
		snprintf(why, whysz, "%s: setting is %s, wanted %s", name, gm_result_setting(res), setting);
	}
done:
	gm_answers_free(ans);
	gm_result_free(res);
	return why[0] ? why : NULL;
}

START_TEST(every_vignette_ranks_an_acceptable_group_first)
{
	FILE *f = fopen(VIGNETTES, "r");
	char line[2048], why[512];
	int cases = 0, faces = 0, failures = 0, face;

	ck_assert_msg(f != NULL, "cannot open %s", VIGNETTES);
	while (fgets(line, sizeof line, f)) {
		const char *bad;

		if (line[0] == '#' || line[0] == '\n' || !strncmp(line, "name\t", 5))
			continue;	/* comments, blank lines and the header */
		cases++;
		face = 0;
		bad = run_case(line, why, sizeof why, &face);
		faces += face;
		if (bad) {
			fprintf(stderr, "vignette failed: %s\n", bad);
			failures++;
		}
	}
	fclose(f);
	ck_assert_msg(cases >= 15, "only %d vignettes; the table needs at least 15", cases);
	ck_assert_msg(faces >= 6, "only %d face-validity vignettes; SPEC 1.3 names six", faces);
	ck_assert_msg(failures == 0, "%d of %d vignettes failed (see stderr)", failures, cases);
}
END_TEST

Suite *vignettes_suite(void)
{
	Suite *s = suite_create("vignettes");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, every_vignette_ranks_an_acceptable_group_first);
	suite_add_tcase(s, tc);
	return s;
}
