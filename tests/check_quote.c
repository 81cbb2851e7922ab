/* check_quote.c - the one quoting function and the one terminal sanitiser: what outside text looks like in a message or on a terminal. */
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "check_suites.h"
#include "quote.h"

START_TEST(quote_shows_control_bytes_as_question_marks)
{
	char out[64];

	quote_text(out, sizeof out, "a\tb\nc\x7f" "d", 7);
	ck_assert_str_eq(out, "a?b?c?d");
	quote_text(out, sizeof out, "a\0b", 3);
	ck_assert_str_eq(out, "a?b");
}
END_TEST

START_TEST(quote_keeps_valid_utf8_and_replaces_invalid_bytes)
{
	char out[64];

	quote_text(out, sizeof out, "caf\xc3\xa9", 5);
	ck_assert_str_eq(out, "caf\xc3\xa9");
	quote_text(out, sizeof out, "a\xff" "b\xc3", 4);
	ck_assert_str_eq(out, "a?b?");
	quote_text(out, sizeof out, "\xe2\x82", 2);
	ck_assert_str_eq(out, "??");
}
END_TEST

START_TEST(quote_cuts_long_values_with_an_ellipsis)
{
	char long_value[200], out[64];

	memset(long_value, 'x', sizeof long_value);
	quote_text(out, sizeof out, long_value, sizeof long_value);
	ck_assert_uint_eq(strlen(out), 43);
	ck_assert_str_eq(out + 40, "...");
	quote_text(out, sizeof out, long_value, 40);
	ck_assert_uint_eq(strlen(out), 40);
}
END_TEST

START_TEST(quote_never_splits_a_character_at_the_cut)
{
	char value[60], out[64];
	size_t i;

	memset(value, 'x', 39);
	memcpy(value + 39, "\xc3\xa9\xc3\xa9", 4);
	quote_text(out, sizeof out, value, 43);
	for (i = 0; out[i]; i++)
		ck_assert_int_ne((unsigned char)out[i], 0xc3);
	ck_assert_str_eq(out + 39, "?...");
}
END_TEST

START_TEST(quote_fits_a_small_buffer)
{
	char out[8];

	quote_text(out, sizeof out, "abcdefghijkl", 12);
	ck_assert_uint_lt(strlen(out), sizeof out);
	quote_text(out, 1, "abc", 3);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(quote_hides_c1_controls_written_as_utf8)
{
	char out[64];

	/* U+009B is CSI: ESC [ in one character on some terminals */
	quote_text(out, sizeof out, "a\xc2\x9b" "2Jb", 6);
	ck_assert_str_eq(out, "a?2Jb");
	quote_text(out, sizeof out, "\xc2\x80\xc2\x9f\xc2\xa0", 6);
	ck_assert_str_eq(out, "??\xc2\xa0");	/* U+00A0 is printable */
}
END_TEST

START_TEST(quote_hides_bidirectional_controls)
{
	char out[64];

	/* U+202E turns "exe.txt" around on the screen */
	quote_text(out, sizeof out, "a\xe2\x80\xae" "txt", 7);
	ck_assert_str_eq(out, "a?txt");
	quote_text(out, sizeof out, "\xe2\x80\xaa\xe2\x80\xac\xe2\x81\xa6\xe2\x81\xa9", 12);
	ck_assert_str_eq(out, "????");
	/* neighbours that are ordinary punctuation stay */
	quote_text(out, sizeof out, "\xe2\x80\x94\xe2\x80\xaf\xe2\x81\xaa", 9);
	ck_assert_str_eq(out, "\xe2\x80\x94\xe2\x80\xaf\xe2\x81\xaa");
}
END_TEST

START_TEST(quote_hides_an_escape_sequence)
{
	char out[64];

	quote_text(out, sizeof out, "\033]52;c;aGk=\007", 12);
	ck_assert_str_eq(out, "?]52;c;aGk=?");
}
END_TEST

START_TEST(control_at_finds_the_first_control)
{
	ck_assert_uint_eq(quote_control_at("plain text", 10), 10);
	ck_assert_uint_eq(quote_control_at("caf\xc3\xa9", 5), 5);
	ck_assert_uint_eq(quote_control_at("ab\033[2J", 6), 2);
	ck_assert_uint_eq(quote_control_at("a\nb", 3), 1);
	ck_assert_uint_eq(quote_control_at("\xc3\xa9\xc2\x9b", 4), 2);
	ck_assert_uint_eq(quote_control_at("x\xe2\x81\xa7", 4), 1);
	ck_assert_uint_eq(quote_control_at("x\x7f", 2), 1);
}
END_TEST

START_TEST(printable_replaces_controls_and_invalid_bytes_and_keeps_the_rest_whole)
{
	static const char in[] = "P\033[2J1\xc2\x9b" "2\xe2\x80\xae" "3 caf\xc3\xa9 \xff\n";
	char out[sizeof in];
	size_t n = quote_printable(out, in, sizeof in - 1);

	out[n] = '\0';
	ck_assert_str_eq(out, "P?[2J1?2?3 caf\xc3\xa9 ??");
	/* in place */
	memcpy(out, in, sizeof in);
	n = quote_printable(out, out, sizeof in - 1);
	out[n] = '\0';
	ck_assert_str_eq(out, "P?[2J1?2?3 caf\xc3\xa9 ??");
}
END_TEST

START_TEST(lines_keep_line_feeds_only)
{
	static const char in[] = "a\r\nb\tc\n\033]52;c;eA==\a\n\xc2\x85\xed\xa0\x80z";
	char out[sizeof in];
	size_t n = quote_lines(out, in, sizeof in - 1);

	out[n] = '\0';
	ck_assert_str_eq(out, "a?\nb?c\n?]52;c;eA==?\n????z");
}
END_TEST

START_TEST(add_appends_the_sanitised_text)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "Id: ");
	quote_add(&b, "x\033[2Jy", 6);
	quote_adds(&b, NULL);
	quote_adds(&b, " \xe2\x81\xa6z");
	ck_assert_str_eq(buf_cstr(&b), "Id: x?[2Jy ?z");
	buf_release(&b);
}
END_TEST

/* --- the hostile strings table ------------------------------------------ */

#define HOSTILE_MAX 64

static char hostile_text[HOSTILE_MAX][256];
static size_t hostile_len[HOSTILE_MAX];
static size_t hostile_n = (size_t)-1;

/* Reads tests/data/hostile_strings.txt once: NAME TAB STRING, with
 * \xHH \t \r \n \\ in the string. */
static void hostile_load(void)
{
	char path[512], line[1024];
	FILE *f;

	hostile_n = 0;
	snprintf(path, sizeof path, "%s/hostile_strings.txt", GM_TEST_DATA);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (fgets(line, sizeof line, f) && hostile_n < HOSTILE_MAX) {
		char *p = strchr(line, '\t'), *o = hostile_text[hostile_n];
		size_t n = 0;

		if (line[0] == '#' || !p)
			continue;
		for (p++; *p && *p != '\n' && n < sizeof hostile_text[0]; p++) {
			if (*p == '\\' && p[1] == 'x') {
				unsigned v;

				ck_assert_int_eq(sscanf(p + 2, "%2x", &v), 1);
				o[n++] = (char)v;
				p += 3;
			} else if (*p == '\\' && p[1]) {
				p++;
				o[n++] = *p == 't' ? '\t' : *p == 'r' ? '\r' : *p == 'n' ? '\n' : *p;
			} else {
				o[n++] = *p;
			}
		}
		hostile_len[hostile_n++] = n;
	}
	fclose(f);
	ck_assert_uint_ge(hostile_n, 20);
}

int hostile_string(size_t i, const char **s, size_t *len)
{
	if (hostile_n == (size_t)-1)
		hostile_load();
	if (i >= hostile_n)
		return 0;
	*s = hostile_text[i];
	*len = hostile_len[i];
	return 1;
}

/* Whether s (len bytes) is valid UTF-8 holding no control character and
 * no bidirectional control: what a terminal may be shown. */
static int terminal_safe(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		unsigned c = u[i], cp, n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2
			: c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;

		if (!n || i + n > len)
			return 0;
		cp = n == 1 ? c : c & (0x7Fu >> n);
		for (unsigned k = 1; k < n; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (u[i + k] & 0x3Fu);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return 0;
		i += n;
	}
	return 1;
}

/* Every string of the table, whole, in pieces cut anywhere and with
 * plain text around it: what the sanitiser leaves is terminal-safe, no
 * longer than what it was given, and the printable ASCII is kept. */
START_TEST(every_hostile_string_comes_out_terminal_safe)
{
	const char *s;
	size_t len;

	for (size_t i = 0; hostile_string(i, &s, &len); i++)
		for (size_t from = 0; from <= len; from++) {
			char in[300], out[300];
			size_t n = len - from, m;

			memcpy(in, "ok ", 3);
			memcpy(in + 3, s + from, n);
			m = quote_printable(out, in, n + 3);
			ck_assert_uint_le(m, n + 3);
			ck_assert_msg(terminal_safe(out, m), "string %zu from byte %zu", i, from);
			ck_assert_int_eq(memcmp(out, "ok ", 3), 0);
			for (size_t k = 0, j = 0; k < n; k++)	/* ASCII letters and digits stay */
				if ((s[from + k] >= 'a' && s[from + k] <= 'z') || (s[from + k] >= '0' && s[from + k] <= '9')) {
					const char *hit = memchr(out + 3 + j, s[from + k], m - 3 - j);

					ck_assert_msg(hit != NULL, "string %zu lost '%c'", i, s[from + k]);
					j = (size_t)(hit - out - 3) + 1;
				}
			m = quote_lines(out, in, n + 3);
			for (size_t k = 0; k < m; k++)
				if (out[k] == '\n')
					out[k] = ' ';
			ck_assert_msg(terminal_safe(out, m), "lines: string %zu from byte %zu", i, from);
			quote_text(out, sizeof out, in, n + 3);
			ck_assert_msg(terminal_safe(out, strlen(out)), "quote: string %zu", i);
		}
}
END_TEST

Suite *quote_suite(void)
{
	Suite *s = suite_create("quote");
	TCase *tc = tcase_create("quote");

	tcase_add_test(tc, quote_shows_control_bytes_as_question_marks);
	tcase_add_test(tc, quote_keeps_valid_utf8_and_replaces_invalid_bytes);
	tcase_add_test(tc, quote_cuts_long_values_with_an_ellipsis);
	tcase_add_test(tc, quote_never_splits_a_character_at_the_cut);
	tcase_add_test(tc, quote_fits_a_small_buffer);
	tcase_add_test(tc, quote_hides_c1_controls_written_as_utf8);
	tcase_add_test(tc, quote_hides_bidirectional_controls);
	tcase_add_test(tc, quote_hides_an_escape_sequence);
	tcase_add_test(tc, control_at_finds_the_first_control);
	tcase_add_test(tc, printable_replaces_controls_and_invalid_bytes_and_keeps_the_rest_whole);
	tcase_add_test(tc, lines_keep_line_feeds_only);
	tcase_add_test(tc, add_appends_the_sanitised_text);
	tcase_add_test(tc, every_hostile_string_comes_out_terminal_safe);
	suite_add_tcase(s, tc);
	return s;
}
