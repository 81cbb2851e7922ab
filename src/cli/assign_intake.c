/* assign_intake.c - the assign command's intake: each record read as batch reads it, matched, with its availability, into an assignment. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ascii.h"
#include "assign_intake.h"
#include "batch.h"

/* The availability column of the header, or -1. */
static long find_avail(const struct assign_intake *a, const gm_csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++) {
		const char *s = rec->fields[i];
		size_t len = rec->lens[i];

		while (len && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (a->avail_column && ascii_ieq_str(s, len, a->avail_column))
			return (long)i;
	}
	return -1;
}

/* Turns one record into answers and a result, and adds it. */
static int add_record(struct assign_intake *a, const gm_csv_record *rec, gm_answers *ans,
		      gm_result *res)
{
	const char *id = NULL, *avail = NULL;
	size_t idlen = 0, availlen = 0;
	char idbuf[32];
	gm_status st;

	gm_intake_decode_record(a->in, rec, ans, &id, &idlen, NULL);
	gm_intake_match(a->in, ans, GM_MATCH_STAFF | (a->strict ? GM_MATCH_STRICT : 0), res);
	if (a->avail_col >= 0 && (size_t)a->avail_col < rec->n && !rec->error &&
	    rec->n == gm_intake_column_count(a->in)) {
		avail = rec->fields[a->avail_col];
		availlen = rec->lens[a->avail_col];
	}
	if (!id || !idlen) {
		snprintf(idbuf, sizeof idbuf, "line %lu", rec->line);
		id = idbuf;
		idlen = strlen(idbuf);
	}
	/* a clinician review needs follow-up as soon as an urgent record */
	if (gm_result_status_of(res) == GM_RESULT_URGENT || gm_result_status_of(res) == GM_RESULT_REVIEW)
		a->urgent++;
	else if (gm_result_status_of(res) != GM_RESULT_OK)
		a->invalid++;
	st = gm_assign_add(a->asg, id, idlen, ans, res, avail, availlen);
	if (st == GM_OK)
		st = gm_tally_add(a->tally, res, id, idlen, (unsigned long)rec->line, NULL, NULL);
	if (st != GM_OK) {
		cli_error(st == GM_ERR_NOMEM ? "out of memory" : "'%s': too many records", a->in_name);
		return EXIT_IOERR;
	}
	return 0;
}

int assign_read_intake(struct assign_intake *a)
{
	gm_answers *ans = gm_answers_new(a->cat);
	gm_result *res = gm_result_new(a->cat);
	gm_csv *r = NULL;
	gm_csv_record rec;
	gm_error err;
	int fd = STDIN_FILENO, got, rc = EXIT_IOERR;
	struct stat st;

	if (!ans || !res) {
		cli_error("out of memory");
		goto done;
	}
	if (a->in_path && strcmp(a->in_path, "-")) {
		fd = open(a->in_path, O_RDONLY);
		if (fd < 0 || (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))) {
			cli_error("cannot open '%s': %s", a->in_path, strerror(fd < 0 ? errno : EISDIR));
			rc = EXIT_NOINPUT;
			goto done;
		}
	}
	if (!(r = gm_csv_new_fd(fd, NULL))) {
		cli_error("out of memory");
		goto done;
	}
	while ((got = gm_csv_next(r, &rec, &err)) == 1) {
		if (!a->in) {
			size_t keep[2];

			if (rec.error) {
				char msg[400];

				cli_error("'%s': the header row is not valid: %s", a->in_name,
					  batch_record_problem(&rec, msg, sizeof msg));
				rc = EXIT_DATAERR;
				goto done;
			}
			if (!(a->in = batch_intake_new(a->cat, &rec, a->map, a->id_column, a->in_name,
						       "assign", &rc)))
				goto done;
			if ((a->avail_col = find_avail(a, &rec)) >= 0)
				gm_intake_use_column(a->in, (size_t)a->avail_col);
			if (!a->cli->quiet)	/* assign's -q silences every warning about the header */
				batch_intake_warn(a->in, a->cat, a->in_name, 0);
			gm_csv_keep(r, keep, gm_intake_keep_columns(a->in, keep));
			continue;
		}
		if ((rc = add_record(a, &rec, ans, res)))
			goto done;
	}
	if (got < 0) {
		cli_error("cannot read '%s': %s", a->in_name, err.message);
		rc = EXIT_IOERR;
		goto done;
	}
	if (!a->in) {
		cli_error("'%s' is empty: expected a header row naming the questions", a->in_name);
		rc = EXIT_DATAERR;
		goto done;
	}
	rc = 0;
done:
	gm_csv_free(r);
	if (fd > STDIN_FILENO)
		close(fd);
	gm_result_free(res);
	gm_answers_free(ans);
	return rc;
}

void assign_intake_release(struct assign_intake *a)
{
	gm_intake_free(a->in);
	a->in = NULL;
}
