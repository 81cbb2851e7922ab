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

START_TEST(a_text_with_a_terminal_escape_is_refused_with_its_path)
{
	struct outcome o = load_edited("\"Support group\"", "\"Supp\\u001b[8mort group\"");

	ck_assert_ptr_null(o.cat);
	ck_assert(has_problem(&o, "groups[1].name", "control character U+001B at byte 5"));
	outcome_free(&o);
}
END_TEST

START_TEST(a_text_with_a_c1_control_is_refused)
{
	/* U+009B written as UTF-8 in the file, not as an escape */
	struct outcome o = load_edited("\"Support group\"", "\"Support\xc2\x9b" "2J group\"");

	ck_assert_ptr_null(o.cat);
	ck_assert(has_problem(&o, "groups[1].name", "control character U+009B at byte 8"));
	outcome_free(&o);
}
END_TEST

START_TEST(a_text_with_a_bidirectional_override_is_refused)
{
	struct outcome o = load_edited("[\"humanistic\"]", "[\"humanistic\\u202e\"]");

	ck_assert_ptr_null(o.cat);
	ck_assert(has_problem(&o, "groups[1].approaches[0]", "bidirectional control U+202E at byte 11"));
	outcome_free(&o);
}
END_TEST

START_TEST(a_text_with_a_line_break_or_tab_is_refused)
{
	struct outcome o = load_edited("\"Support group\"", "\"Support\\tgroup\"");

	ck_assert_ptr_null(o.cat);
	ck_assert(has_problem(&o, "groups[1].name", "control character U+0009"));
	outcome_free(&o);
}
END_TEST

/* The 1-based line of the first occurrence of needle in text. */
static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle), *p;
	int line = 1;

	ck_assert_ptr_nonnull(at);
	for (p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

START_TEST(a_nul_escape_in_a_text_is_refused_where_it_is)
{
	struct outcome o = load_edited("\"Support group\"", "\"Supp\\u0000ort group\"");
	size_t i;

	ck_assert_ptr_null(o.cat);
	ck_assert_uint_eq(o.n, 1);
	ck_assert_int_eq(o.errs[0].line, line_of(gm_default_catalog, "\"Support group\""));
	ck_assert_int_eq(o.errs[0].column, 20);
	ck_assert_str_eq(o.errs[0].message, "\\u0000 (a NUL character) in a string");
	for (i = 0; i < o.n; i++)
		ck_assert(!has_control(o.errs[i].message));
	outcome_free(&o);
}
END_TEST

START_TEST(an_escaped_backslash_before_u0000_is_text)
{
	static const char text[] = "{\"a\": \"x\\\\u0000\"}";	/* the text x\u0000 */
	struct json_fault f;
	cJSON *root = json_parse(text, sizeof text - 1, JSON_NO_NUL_ESCAPE, &f);

	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(cJSON_GetObjectItem(root, "a")->valuestring, "x\\u0000");
	cJSON_Delete(root);
}
END_TEST

/* The value count is capped before cJSON builds its tree. */
START_TEST(json_with_too_many_values_is_refused_before_parsing)
{
	size_t n = JSON_MAX_VALUES + 10, i;
	char *text = malloc(2 * n + 2);
	struct json_fault f;

	text[0] = '[';
	for (i = 0; i < n; i++) {
		text[1 + 2 * i] = '0';
		text[2 + 2 * i] = i + 1 < n ? ',' : ']';
	}
	ck_assert_ptr_null(json_parse(text, 2 * n + 1, 0, &f));
	ck_assert_str_eq(f.message, "more than 100000 values in the JSON");
	ck_assert_int_eq(f.line, 1);
	/* the array and its elements are the values: the comma before the
	 * element that makes one too many is the place */
	ck_assert_int_eq(f.column, 2 * JSON_MAX_VALUES - 1);
	/* at the cap it is still read */
	text[2 * JSON_MAX_VALUES - 2] = ']';
	cJSON *root = json_parse(text, 2 * JSON_MAX_VALUES - 1, 0, &f);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(cJSON_GetArraySize(root), JSON_MAX_VALUES - 1);
	cJSON_Delete(root);
	free(text);
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *q = tcase_create("quoting");
	TCase *t = tcase_create("texts");
	TCase *m = tcase_create("memory");

	tcase_add_test(q, an_unknown_key_is_echoed_without_its_escape);
	tcase_add_test(q, an_unknown_kind_is_echoed_without_its_c1_control);
	tcase_add_test(q, a_syntax_error_shows_its_neighbourhood_without_controls);
	suite_add_tcase(s, q);

	tcase_add_test(t, a_text_with_a_terminal_escape_is_refused_with_its_path);
	tcase_add_test(t, a_text_with_a_c1_control_is_refused);
	tcase_add_test(t, a_text_with_a_bidirectional_override_is_refused);
	tcase_add_test(t, a_text_with_a_line_break_or_tab_is_refused);
	tcase_add_test(t, a_nul_escape_in_a_text_is_refused_where_it_is);
	tcase_add_test(t, an_escaped_backslash_before_u0000_is_text);
	suite_add_tcase(s, t);

	tcase_add_test(m, json_with_too_many_values_is_refused_before_parsing);
	suite_add_tcase(s, m);
	return s;
}
