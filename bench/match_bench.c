/* match_bench.c - times gm_match alone over answers read from an intake CSV, and checksums every result.
 *
 * usage: match_bench [-n SETS] [-r ROUNDS] [-f FLAGS] [-c CATALOG] INTAKE.csv
 *
 * Reads the first SETS records of INTAKE.csv (a header of question ids
 * and an id column, as bench/gen_intake writes; no quoted newlines) into
 * answer sets through the public parser, then calls gm_match over them
 * ROUNDS times and prints the CPU time per call.  FLAGS is the gm_match
 * flags (2, GM_MATCH_STAFF, as batch uses; 4 adds the changes).  The
 * checksum covers everything the public accessors say about each result,
 * so two builds can be compared for identical output.  It also times
 * loading the default catalogue. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <getopt.h>
#include "groupmatch.h"

static uint64_t sum_state = 1469598103934665603ULL;

static void mix(const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		sum_state = (sum_state ^ s[i]) * 1099511628211ULL;
}

static void mix_str(const char *s)
{
	if (s)
		mix(s, strlen(s) + 1);
	else
		mix("\xff", 1);
}

static void mix_int(long long v)
{
	mix(&v, sizeof v);
}

static void checksum(const gm_result *res)
{
	size_t i, k, n;
	char buf[256];

	mix_int(gm_result_status_of(res));
	mix_str(gm_result_message(res));
	mix_int(gm_result_safety(res));
	n = gm_result_rank_count(res);
	mix_int((long long)n);
	for (i = 0; i < n; i++) {
		mix_str(gm_result_group_id(res, i));
		mix_int(gm_result_score(res, i));
		mix_int(gm_result_max(res, i));
		mix_int(gm_result_percent(res, i));
		mix_str(gm_result_fit(res, i));
		mix_int(gm_result_near_tie(res, i));
		for (k = 0; k < gm_result_reason_count(res, i); k++)
			mix_str(gm_result_reason(res, i, k));
		for (k = 0; k < gm_result_caution_count(res, i); k++)
			mix_str(gm_result_caution(res, i, k));
	}
	mix_str(gm_result_setting(res));
	mix_int(gm_result_readiness(res));
	mix_int(gm_result_comfort(res));
	for (k = 0; k < gm_result_because_count(res); k++)
		mix_str(gm_result_because(res, k));
	mix_int(gm_result_changes_found(res));
	for (k = 0; k < gm_result_change_count(res); k++) {
		mix_str(gm_result_change_question(res, k));
		mix_str(gm_result_change_first(res, k));
		gm_result_change_to(res, k, buf, sizeof buf);
		mix_str(buf);
	}
	for (k = 0; k < gm_result_missing_count(res); k++)
		mix_str(gm_result_missing(res, k));
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Splits line (NUL-terminated, no newline) into at most max fields in
 * place, honouring double quotes; returns the count. */
static int split(char *line, char **field, int max)
{
	int n = 0;
	char *w = line, *r = line;

	while (n < max) {
		field[n++] = w;
		if (*r == '"') {
			r++;
			for (;;) {
				if (!*r)
					break;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
		}
		while (*r && *r != ',')
			*w++ = *r++;
		if (!*r) {
			*w = '\0';
			break;
		}
		*w++ = '\0';
		r++;
	}
	return n;
}

int main(int argc, char **argv)
{
	size_t sets = 20000, rounds = 50, nans = 0, i, r;
	int flags = GM_MATCH_STAFF, opt, nh, nf, k;
	const char *catalog = NULL;
	char line[8192], *head[64], *field[64];
	gm_answers **ans;
	gm_catalog *cat;
	gm_result *res;
	gm_error err;
	double t0, t1;
	FILE *in;

	while ((opt = getopt(argc, argv, "n:r:f:c:")) != -1) {
		switch (opt) {
		case 'n': sets = strtoul(optarg, NULL, 10); break;
		case 'r': rounds = strtoul(optarg, NULL, 10); break;
		case 'f': flags = atoi(optarg); break;
		case 'c': catalog = optarg; break;
		default:
			fprintf(stderr, "usage: match_bench [-n SETS] [-r ROUNDS] [-f FLAGS] [-c CATALOG] INTAKE.csv\n");
			return 64;
		}
	}
	if (optind != argc - 1 || !sets) {
		fprintf(stderr, "usage: match_bench [-n SETS] [-r ROUNDS] [-f FLAGS] [-c CATALOG] INTAKE.csv\n");
		return 64;
	}

	t0 = cpu_now();
	for (i = 0; i < 200; i++)
		gm_catalog_free(gm_catalog_load_default(&err));
	t1 = cpu_now();
	printf("load default catalogue  %10.1f us\n", (t1 - t0) / 200 * 1e6);

	if (catalog) {
		gm_error *errs = NULL;
		size_t nerrs = 0;

		cat = gm_catalog_load_file(catalog, &errs, &nerrs);
		if (!cat) {
			fprintf(stderr, "match_bench: %s: %s\n", catalog, nerrs ? errs[0].message : "cannot load");
			return 65;
		}
		free(errs);
	} else if (!(cat = gm_catalog_load_default(&err))) {
		fprintf(stderr, "match_bench: %s\n", err.message);
		return 70;
	}
	if (!(in = fopen(argv[optind], "r"))) {
		perror(argv[optind]);
		return 66;
	}
	if (!fgets(line, sizeof line, in)) {
		fprintf(stderr, "match_bench: empty input\n");
		return 65;
	}
	line[strcspn(line, "\r\n")] = '\0';
	static char header[8192];
	strcpy(header, line);
	nh = split(header, head, 64);
	ans = calloc(sets, sizeof *ans);
	res = gm_result_new(cat);
	if (!ans || !res)
		return 70;
	while (nans < sets && fgets(line, sizeof line, in)) {
		line[strcspn(line, "\r\n")] = '\0';
		nf = split(line, field, 64);
		if (!(ans[nans] = gm_answers_new(cat)))
			return 70;
		for (k = 0; k < nf && k < nh; k++)
			if (strcmp(head[k], "id") && *field[k])
				gm_answers_set(ans[nans], head[k], field[k], NULL);
		nans++;
	}
	fclose(in);
	if (!nans) {
		fprintf(stderr, "match_bench: no records\n");
		return 65;
	}

	for (i = 0; i < nans; i++) {	/* the checksum, outside the timing */
		gm_match(ans[i], flags, res);
		checksum(res);
	}
	t0 = cpu_now();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < nans; i++)
			gm_match(ans[i], flags, res);
	t1 = cpu_now();
	printf("gm_match (flags %d)      %10.1f ns/call over %zu answer sets x %zu rounds\n", flags,
	       (t1 - t0) / (double)(nans * rounds) * 1e9, nans, rounds);
	printf("checksum                %016llx\n", (unsigned long long)sum_state);
	for (i = 0; i < nans; i++)
		gm_answers_free(ans[i]);
	free(ans);
	gm_result_free(res);
	gm_catalog_free(cat);
	return 0;
}
