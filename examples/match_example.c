/* match_example.c - scores one respondent with libgroupmatch and prints the ranking with its reasons.
 *
 * Build against an installed library:
 *   cc -o match_example match_example.c $(pkg-config --cflags --libs groupmatch)
 * Run it with --html for the printable page instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <groupmatch.h>

/* A grieving person who wants support: the answers as a person would type them. */
static const char *const answers[][2] = {
	{ "crisis", "no" },
	{ "goals", "life_transition" },
	{ "structure", "no_preference" },
	{ "focus", "support" },
	{ "issues", "grief" },
	{ "comfort", "3" },
	{ "connect", "yes" },
	{ "feedback", "yes" },
	{ "practice", "no" },
	{ "mutual", "yes" },
};

int main(int argc, char **argv)
{
	gm_catalog *cat = NULL;
	gm_answers *ans = NULL;
	gm_result *res = NULL;
	gm_error err;
	size_t i, k;
	int status = EXIT_FAILURE;

	cat = gm_catalog_load_default(&err);
	if (!cat) {
		fprintf(stderr, "match_example: cannot load the catalogue: %s\n", err.message);
		goto fail;
	}
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	if (!ans || !res) {
		fprintf(stderr, "match_example: out of memory\n");
		goto fail;
	}
	for (i = 0; i < sizeof answers / sizeof answers[0]; i++) {
		if (gm_answers_set(ans, answers[i][0], answers[i][1], &err) != GM_OK) {
			fprintf(stderr, "match_example: '%s': %s\n", answers[i][0], err.message);
			goto fail;
		}
	}

	gm_match(ans, 0, res);
	if (argc > 1 && !strcmp(argv[1], "--html")) {
		char *page = gm_result_html(res, ans, "example", NULL, NULL);

		if (page && fputs(page, stdout) != EOF)
			status = EXIT_SUCCESS;
		free(page);
		goto fail;	/* the cleanup, whatever the status */
	}
	printf("libgroupmatch %s: %s\n", gm_version(), gm_result_status_name(res));
	if (gm_result_status_of(res) != GM_RESULT_OK) {
		printf("%s\n", gm_result_message(res));
		goto fail;
	}
	for (i = 0; i < gm_result_rank_count(res); i++) {
		printf("%zu. %s (%s) %d%%\n", i + 1, gm_result_group_name(res, i),
		       gm_result_group_id(res, i), gm_result_percent(res, i));
		for (k = 0; k < gm_result_reason_count(res, i); k++)
			printf("   + %s\n", gm_result_reason(res, i, k));
		for (k = 0; k < gm_result_caution_count(res, i); k++)
			printf("   ! %s\n", gm_result_caution(res, i, k));
	}
	printf("setting: %s (readiness %d of %d)\n", gm_result_setting(res),
	       gm_result_readiness(res), gm_result_readiness_max(res));
	status = EXIT_SUCCESS;
fail:
	gm_result_free(res);
	gm_answers_free(ans);
	gm_catalog_free(cat);
	return status;
}
