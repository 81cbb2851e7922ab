/* check_vignettes.c - the clinical vignettes of tests/data/vignettes.tsv, one table read by one test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "groupmatch.h"
#include "check_suites.h"

#define VIGNETTES GM_TEST_DATA "/vignettes.tsv"
#define MAX_FIELDS 16

/* The columns this test reads, found by name in the header line. */
enum { COL_NAME, COL_ANSWERS, COL_FIRST, COL_TOP2, COL_SETTING, COL_STATUS, COL_WHY, NCOLS };
static const char *const column_names[NCOLS] = {
	"name", "answers", "first", "top2", "setting", "status", "why"
};

/* Whether id is one of the comma-separated names in list. */
static int listed(const char *list, const char *id)
{
	size_t n = id ? strlen(id) : 0;
	const char *p = list;

	while (id && *p) {
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

/* Whether a rationale names one of the sources of groupmatch-catalog(5). */
static int cites_a_source(const char *why)
{
	static const char *const sources[] = { "TIP 41", "Yalom & Leszcz", "AGPA", "Linehan",
		"NICE CG159", "NICE NG222", "NICE CG113", "Resick", "Pinquart", "Wittouck", "SPEC 1.",
		"Kroenke", "Spitzer" };
	size_t i;

	for (i = 0; i < sizeof sources / sizeof *sources; i++)
		if (strstr(why, sources[i]))
			return 1;
	return 0;
}

/* Splits line at tabs into at most MAX_FIELDS fields; returns how many. */
static int split(char *line, char **field)
{
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	field[n++] = line;
	for (char *p = line; *p && n < MAX_FIELDS; p++)
		if (*p == '\t') {
			*p = '\0';
			field[n++] = p + 1;
		}
	return n;
}

/* Maps the header's names to col[] (field index, -1 when absent). */
static void read_header(char *line, int *col)
{
	char *field[MAX_FIELDS];
	int n = split(line, field), i, k;

	for (k = 0; k < NCOLS; k++) {
		col[k] = -1;
		for (i = 0; i < n; i++)
			if (!strcmp(field[i], column_names[k]))
				col[k] = i;
	}
}

/* Every group in the comma-separated list is among the first two of res. */
static int in_top_two(const gm_result *res, const char *list)
{
	char copy[256], *save = NULL, *g;

	snprintf(copy, sizeof copy, "%s", list);
	for (g = strtok_r(copy, ",", &save); g; g = strtok_r(NULL, ",", &save)) {
		const char *a = gm_result_group_id(res, 0), *b = gm_result_group_id(res, 1);

		if (!(a && !strcmp(a, g)) && !(b && !strcmp(b, g)))
			return 0;
	}
	return 1;
}

/* Runs one case; returns 1 when it passes, else writes why not to why. */
static int run_case(char **f, char *why, size_t whysz)
{
	const gm_catalog *cat = test_catalog();
	const char *name = f[COL_NAME], *status = f[COL_STATUS];
	gm_answers *ans = gm_answers_new(cat);
	gm_result *res = gm_result_new(cat);
	char answers[1024], *pair, *save = NULL;
	gm_error err;

	ck_assert_ptr_nonnull(ans);
	ck_assert_ptr_nonnull(res);
	why[0] = '\0';
	snprintf(answers, sizeof answers, "%s", f[COL_ANSWERS]);
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
	if (strcmp(status, "-") && strcmp(status, gm_result_status_name(res))) {
		snprintf(why, whysz, "%s: status is %s (%s), wanted %s", name, gm_result_status_name(res),
			 gm_result_message(res) ? gm_result_message(res) : "", status);
	} else if (strcmp(f[COL_FIRST], "-") && !listed(f[COL_FIRST], gm_result_group_id(res, 0))) {
		snprintf(why, whysz, "%s: first is %s (%d%%), wanted %s; second %s (%d%%)", name,
			 gm_result_group_id(res, 0), gm_result_percent(res, 0), f[COL_FIRST],
			 gm_result_group_id(res, 1), gm_result_percent(res, 1));
	} else if (strcmp(f[COL_TOP2], "-") && !in_top_two(res, f[COL_TOP2])) {
		snprintf(why, whysz, "%s: top two are %s (%d%%) and %s (%d%%), wanted %s in them", name,
			 gm_result_group_id(res, 0), gm_result_percent(res, 0),
			 gm_result_group_id(res, 1), gm_result_percent(res, 1), f[COL_TOP2]);
	} else if (strcmp(f[COL_SETTING], "-") &&
		   (!gm_result_setting(res) || strcmp(f[COL_SETTING], gm_result_setting(res)))) {
		snprintf(why, whysz, "%s: setting is %s, wanted %s", name,
			 gm_result_setting(res) ? gm_result_setting(res) : "(none)", f[COL_SETTING]);
	}
done:
	gm_answers_free(ans);
	gm_result_free(res);
	return !why[0];
}

START_TEST(every_vignette_gets_an_acceptable_result)
{
	FILE *f = fopen(VIGNETTES, "r");
	char line[4096], why[640], *field[MAX_FIELDS], *row[NCOLS];
	int col[NCOLS], have_header = 0, cases = 0, faces = 0, failures = 0, lineno = 0;

	ck_assert_msg(f != NULL, "cannot open %s", VIGNETTES);
	while (fgets(line, sizeof line, f)) {
		int n, k;

		lineno++;
		if (line[0] == '#' || line[0] == '\n' || line[0] == '\r')
			continue;
		if (!have_header) {
			read_header(line, col);
			for (k = 0; k < NCOLS; k++)
				ck_assert_msg(col[k] >= 0, "%s: the header has no column '%s'", VIGNETTES,
					      column_names[k]);
			have_header = 1;
			continue;
		}
		n = split(line, field);
		for (k = 0; k < NCOLS; k++) {
			ck_assert_msg(col[k] < n, "%s:%d: no field '%s'", VIGNETTES, lineno, column_names[k]);
			row[k] = field[col[k]];
		}
		cases++;
		faces += !strncmp(row[COL_NAME], "face_", 5);
		/* an ok case checks the first choice, the top two and the setting,
		 * and every case says why, with its source */
		if (!strcmp(row[COL_STATUS], "ok"))
			ck_assert_msg(strcmp(row[COL_FIRST], "-") && strcmp(row[COL_TOP2], "-") &&
				      strcmp(row[COL_SETTING], "-"),
				      "%s:%d: an ok case must check first, top2 and setting", VIGNETTES, lineno);
		ck_assert_msg(strlen(row[COL_WHY]) > 20 && cites_a_source(row[COL_WHY]),
			      "%s:%d: 'why' needs a rationale that names its source", VIGNETTES, lineno);
		if (!run_case(row, why, sizeof why)) {
			fprintf(stderr, "vignette failed: %s:%d: %s\n", VIGNETTES, lineno, why);
			failures++;
		}
	}
	fclose(f);
	ck_assert_msg(have_header, "%s has no header line", VIGNETTES);
	ck_assert_msg(cases >= 60, "only %d vignettes; the table needs at least 60", cases);
	ck_assert_msg(faces >= 6, "only %d face-validity vignettes; SPEC 1.3 names six", faces);
	ck_assert_msg(failures == 0, "%d of %d vignettes failed (see stderr)", failures, cases);
}
END_TEST

Suite *vignettes_suite(void)
{
	Suite *s = suite_create("vignettes");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, every_vignette_gets_an_acceptable_result);
	suite_add_tcase(s, tc);
	return s;
}
