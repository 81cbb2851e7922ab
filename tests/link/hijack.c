/* hijack.c - a program with its own error_set and buf_add, linked with the static libgroupmatch.a:
 * the library must keep its own (its internal names are local to the archive), so its errors
 * and pages still come out, and the program's functions are never called by it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <groupmatch.h>

static int taken;

/* The names (and here the shapes) of two of the library's internal helpers. */
void error_set(gm_error *err, gm_status st, size_t column, const char *path, const char *fmt, ...);
void buf_add(void *b, const void *p, size_t n);

void error_set(gm_error *err, gm_status st, size_t column, const char *path, const char *fmt, ...)
{
	(void)column;
	(void)path;
	(void)fmt;
	taken++;
	if (err) {
		memset(err, 0, sizeof *err);
		err->status = st;
		strcpy(err->message, "the program's own error_set");
	}
}

void buf_add(void *b, const void *p, size_t n)
{
	(void)b;
	(void)p;
	(void)n;
	taken++;
}

int main(void)
{
	gm_error err;
	gm_catalog *cat = gm_catalog_load_default(&err);
	gm_answers *ans;
	gm_result *res;
	char *page;
	int bad = 0;

	if (!cat) {
		fprintf(stderr, "hijack: no catalogue: %s\n", err.message);
		return 1;
	}
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	if (!ans || !res)
		return 1;
	/* an error the library words itself */
	if (gm_answers_set(ans, "no_such_question", "x", &err) == GM_OK) {
		fprintf(stderr, "hijack: an unknown question was accepted\n");
		bad = 1;
	}
	printf("error: %s\n", err.message);
	if (!err.message[0] || strstr(err.message, "program's own")) {
		fprintf(stderr, "hijack: the library's error is not its own: '%s'\n", err.message);
		bad = 1;
	}
	/* text the library builds in its own buffers */
	gm_answers_set(ans, "crisis", "no", NULL);
	gm_answers_set(ans, "focus", "support", NULL);
	gm_match(ans, 0, res);
	page = gm_result_html(res, ans, "hijack", NULL, NULL);
	if (!page || !strstr(page, "</html>")) {
		fprintf(stderr, "hijack: the printable page is empty or cut\n");
		bad = 1;
	}
	free(page);
	if (taken) {
		fprintf(stderr, "hijack: the library called the program's error_set or buf_add %d times\n", taken);
		bad = 1;
	}
	gm_result_free(res);
	gm_answers_free(ans);
	gm_catalog_free(cat);
	printf("%s\n", bad ? "hijacked" : "the library kept its own");
	return bad;
}
