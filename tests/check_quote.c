/* check_quote.c - the one quoting function: what outside text looks like in a message. */
#include <string.h>
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

START_TEST(printable_replaces_controls_and_keeps_the_rest_whole)
{
	static const char in[] = "P\033[2J1\xc2\x9b" "2\xe2\x80\xae" "3 caf\xc3\xa9 \xff";
	char out[sizeof in];
	size_t n = quote_printable(out, in, sizeof in - 1);

	out[n] = '\0';
	ck_assert_str_eq(out, "P?[2J1?2?3 caf\xc3\xa9 \xff");
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
	tcase_add_test(tc, printable_replaces_controls_and_keeps_the_rest_whole);
	suite_add_tcase(s, tc);
	return s;
}
