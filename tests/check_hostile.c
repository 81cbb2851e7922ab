/* check_hostile.c - hostile catalogues and JSON: refused with a place, echoed without control characters, loaded in linear time and bounded memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "check_suites.h"
#include "catalog.h"
#include "jsonparse.h"

/* The default catalogue with the first from replaced by to. */
static char *edited(const char *from, const char *to, size_t *len)
{
	const char *text = gm_default_catalog, *at;
	size_t n = gm_default_catalog_len, fl = strlen(from), tl = strlen(to);
	char *out;

	at = strstr(text, from);
	ck_assert_msg(at != NULL, "'%s' is not in the default catalogue", from);
	out = malloc(n - fl + tl + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, (size_t)(at - text));
	memcpy(out + (at - text), to, tl);
	memcpy(out + (at - text) + tl, at + fl, n - (size_t)(at - text) - fl);
	*len = n - fl + tl;
	out[*len] = '\0';
	return out;
}

struct outcome {
	gm_catalog *cat;
	gm_error *errs;
	size_t n;
};

static struct outcome load_edited(const char *from, const char *to)
{
	struct outcome o;
	size_t len;
	char *text = edited(from, to, &len);

	o.cat = gm_catalog_load_buffer(text, len, "edited.json", &o.errs, &o.n);
	free(text);
	return o;
}

static void outcome_free(struct outcome *o)
{
	gm_catalog_free(o->cat);
	gm_errors_free(o->errs);
}

/* Whether some problem has path and a message containing text. */
static int has_problem(const struct outcome *o, const char *path, const char *text)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->errs[i].path, path) && strstr(o->errs[i].message, text))
			return 1;
	for (i = 0; i < o->n; i++)
		fprintf(stderr, "  %d:%d %s: %s\n", o->errs[i].line, o->errs[i].column,
			o->errs[i].path, o->errs[i].message);
	return 0;
}

/* Whether s holds a byte below 0x20 or a C1 control in UTF-8. */
static int has_control(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u; u++)
		if (*u < 0x20 || *u == 0x7F || (u[0] == 0xC2 && u[1] >= 0x80 && u[1] < 0xA0))
			return 1;
	return 0;
}

START_TEST(an_unknown_key_is_echoed_without_its_escape)
{
	struct outcome o = load_edited("\"format_version\"", "\"\\u001b[2Jx\": 1, \"format_version\"");
	size_t i;

	ck_assert_ptr_null(o.cat);
	ck_assert(has_problem(&o, "?[2Jx", "unknown key '?[2Jx'"));
	for (i = 0; i < o.n; i++) {
		ck_assert(!has_control(o.errs[i].path));
		ck_assert(!has_control(o.errs[i].message));
	}
	outcome_free(&o);
}
END_TEST

START_TEST(an_unknown_kind_is_echoed_without_its_c1_control)
{
	struct outcome o = load_edited("\"kind\": \"multi\"", "\"kind\": \"multi\\u009b\"");

	ck_assert_ptr_null(o.cat);
	ck_assert(has_problem(&o, "questions[1].kind", "unknown kind 'multi?'"));
	outcome_free(&o);
}
END_TEST

START_TEST(a_syntax_error_shows_its_neighbourhood_without_controls)
{
	static const char text[] = "{\"a\": x\033[2J\xc2\x9b}";
	struct json_fault f;

	ck_assert_ptr_null(json_parse(text, sizeof text - 1, 0, &f));
	ck_assert_int_eq(f.line, 1);
	ck_assert_int_eq(f.column, 7);
	ck_assert_str_eq(f.message, "JSON syntax error near 'x?[2J?}'");
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *q = tcase_create("quoting");

	tcase_add_test(q, an_unknown_key_is_echoed_without_its_escape);
	tcase_add_test(q, an_unknown_kind_is_echoed_without_its_c1_control);
	tcase_add_test(q, a_syntax_error_shows_its_neighbourhood_without_controls);
	suite_add_tcase(s, q);
	return s;
}
