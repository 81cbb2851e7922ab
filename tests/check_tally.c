/* check_tally.c - unit tests of the tally: counts, and every person to follow up named in every format, whatever their ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"
#include "buf.h"
#include "jsonw.h"
#include "worklist.h"

#define ELLIPSIS "\xE2\x80\xA6"

static gm_answers *ans;
static gm_result *res;
static gm_tally *tally;

static void setup(void)
{
	ans = gm_answers_new(test_catalog());
	res = gm_result_new(test_catalog());
	tally = NULL;
}

static void teardown(void)
{
	gm_tally_free(tally);
	gm_result_free(res);
	gm_answers_free(ans);
}

/* Matches "q=v;q=v" (staff messages) into res. */
static void match(const char *spec)
{
	char copy[512], *save = NULL;

	gm_answers_clear(ans);
	snprintf(copy, sizeof copy, "%s", spec);
	for (char *kv = strtok_r(copy, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');

		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		ck_assert_int_ne(gm_answers_set(ans, kv, eq + 1, NULL), GM_ERR_ARG);
	}
	gm_match(ans, GM_MATCH_STAFF, res);
}

#define OK_ANSWERS "goals=life_transition;focus=support;issues=grief;comfort=3;connect=yes"
#define URGENT "crisis=yes;" OK_ANSWERS
#define UNCLEAR "crisis=unsure;" OK_ANSWERS
#define UNSCREENED OK_ANSWERS
#define INVALID "crisis=no;goals=life_transition;comfort=9"
#define REVIEW "crisis=no;" OK_ANSWERS ";phq9_1=1;phq9_2=1;phq9_3=1;phq9_4=1;phq9_5=1;phq9_6=1;" \
	"phq9_7=1;phq9_8=1;phq9_9=1"
#define INCOMPLETE "crisis=no;" OK_ANSWERS ";gad7_1=1;gad7_2=2"

/* Adds one record matched from spec with its id and two kept cells. */
static void add(const char *spec, const char *id, size_t idlen, unsigned long line,
		const char *name, const char *phone)
{
	const char *cells[2] = { name, phone };
	size_t lens[2] = { name ? strlen(name) : 0, phone ? strlen(phone) : 0 };

	match(spec);
	ck_assert_int_eq(gm_tally_add(tally, res, id, idlen, line, cells, lens), GM_OK);
}

static void add_id(const char *spec, const char *id, unsigned long line)
{
	add(spec, id, strlen(id), line, "", "");
}

static const char *const names[2] = { "Name", "Phone" };

/* Whether s (len bytes) is valid UTF-8. */
static int valid_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n = u[i] < 0x80 ? 1 : (u[i] & 0xE0) == 0xC0 ? 2 : (u[i] & 0xF0) == 0xE0 ? 3
			: (u[i] & 0xF8) == 0xF0 ? 4 : 0;

		if (!n || i + n > len)
			return 0;
		for (size_t k = 1; k < n; k++)
			if ((u[i + k] & 0xC0) != 0x80)
				return 0;
		i += n;
	}
	return 1;
}

START_TEST(counts_follow_each_status_and_the_ok_records_choices)
{
	tally = gm_tally_new(test_catalog(), 0, 0, NULL);
	ck_assert_ptr_nonnull(tally);
	for (int i = 0; i < 5; i++)
		add_id("crisis=no;" OK_ANSWERS, "ok", 1);
	add_id(URGENT, "u", 2);
	add_id(INVALID, "i", 3);
	add_id(REVIEW, "r", 4);
	ck_assert_uint_eq(gm_tally_records(tally), 8);
	ck_assert_uint_eq(gm_tally_status_count(tally, GM_RESULT_OK), 5);
	ck_assert_uint_eq(gm_tally_status_count(tally, GM_RESULT_URGENT), 1);
	ck_assert_uint_eq(gm_tally_status_count(tally, GM_RESULT_INVALID), 1);
	ck_assert_uint_eq(gm_tally_status_count(tally, GM_RESULT_REVIEW), 1);
	match("crisis=no;" OK_ANSWERS);
	ck_assert_uint_eq(gm_tally_first(tally, (size_t)gm_result_group_index(res, 0)), 5);
	ck_assert_uint_eq(gm_tally_top_two(tally, (size_t)gm_result_group_index(res, 1)), 5);
	ck_assert_uint_eq(gm_tally_setting(tally, (size_t)gm_result_setting_index(res)), 5);
	/* an ok record with a safety answer needs nobody's call */
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_NOT_SCREENED), 0);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_URGENT), 1);
	ck_assert_uint_eq(gm_tally_status_count(tally, (gm_result_status)9), 0);
	ck_assert_int_eq(gm_tally_add(tally, NULL, "x", 1, 1, NULL, NULL), GM_ERR_ARG);
	ck_assert_int_eq(gm_tally_add(NULL, res, "x", 1, 1, NULL, NULL), GM_ERR_ARG);
	ck_assert_uint_eq(gm_tally_records(tally), 8);
}
END_TEST

START_TEST(every_list_holds_its_people_with_notes_and_cells)
{
	size_t len;

	tally = gm_tally_new(test_catalog(), 0, 2, names);
	ck_assert_ptr_nonnull(tally);
	add(URGENT, "U1", 2, 2, "Ann", "555-0100");
	add(UNCLEAR, "C1", 2, 3, "Cat", NULL);
	add(REVIEW, "R1", 2, 4, "Rob", "555-0104");
	add(UNSCREENED, "S1", 2, 5, "Sam", "555-0105");
	add(INVALID, "I1", 2, 6, "Ivy", "555-0106");
	add(INCOMPLETE, "P1", 2, 7, "Pat", "555-0107");
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_URGENT), 2);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_UNCLEAR), 1);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_REVIEW), 1);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_NOT_SCREENED), 1);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_INVALID), 1);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_INCOMPLETE), 1);
	ck_assert_str_eq(gm_tally_entry_id(tally, GM_LIST_URGENT, 1, &len), "C1");
	ck_assert_str_eq(gm_tally_entry_id(tally, GM_LIST_UNCLEAR, 0, NULL), "C1");
	ck_assert_str_eq(gm_tally_entry_cell(tally, GM_LIST_URGENT, 0, 1, &len), "555-0100");
	ck_assert_str_eq(gm_tally_entry_cell(tally, GM_LIST_URGENT, 1, 1, &len), "");
	ck_assert_uint_eq(gm_tally_entry_line(tally, GM_LIST_INVALID, 0), 6);
	/* the review's trigger is the staff message, the invalid record's its reason */
	match(REVIEW);
	ck_assert_str_eq(gm_tally_entry_note(tally, GM_LIST_REVIEW, 0), gm_result_message(res));
	ck_assert_ptr_nonnull(strstr(gm_tally_entry_note(tally, GM_LIST_INVALID, 0), "comfort"));
	ck_assert_ptr_nonnull(strstr(gm_tally_entry_note(tally, GM_LIST_INCOMPLETE, 0), "2 of 7 items"));
	ck_assert_str_eq(gm_tally_entry_note(tally, GM_LIST_NOT_SCREENED, 0), "");
	ck_assert_str_eq(gm_tally_entry_id(tally, GM_LIST_INCOMPLETE, 0, NULL), "P1");
	ck_assert_str_eq(gm_tally_cell_name(tally, 1), "Phone");
	ck_assert_ptr_null(gm_tally_cell_name(tally, 2));
	ck_assert_ptr_null(gm_tally_entry_id(tally, GM_LIST_INVALID, 1, NULL));
	ck_assert_ptr_null(gm_tally_entry_cell(tally, GM_LIST_INVALID, 0, 2, NULL));
	for (int l = 0; l < GM_LIST_COUNT; l++) {
		ck_assert_ptr_nonnull(gm_tally_list_key((gm_tally_list)l));
		ck_assert_ptr_nonnull(gm_tally_list_heading((gm_tally_list)l));
	}
	ck_assert_ptr_null(gm_tally_list_key(GM_LIST_COUNT));
}
END_TEST

START_TEST(an_id_is_cut_at_a_character_with_an_ellipsis)
{
	char id[300], line[32];
	const char *kept;
	size_t len, n = 0;

	while (n + 2 < 200) {	/* "é" a hundred times, then an odd byte out */
		id[n++] = '\xC3';
		id[n++] = '\xA9';
	}
	id[n++] = 'x';
	tally = gm_tally_new(test_catalog(), 0, 2, names);
	for (size_t cut = 60; cut < 70; cut++) {	/* every alignment of the cut */
		add(URGENT, id + (cut & 1), n - (cut & 1), 1, id, "");
		kept = gm_tally_entry_id(tally, GM_LIST_URGENT, gm_tally_list_count(tally, GM_LIST_URGENT) - 1, &len);
		ck_assert_uint_le(len, GM_TALLY_CUT);
		ck_assert_uint_ge(len, GM_TALLY_CUT - 4);
		ck_assert(len >= 3 && !memcmp(kept + len - 3, ELLIPSIS, 3));
		ck_assert(valid_utf8(kept + (cut & 1), len - (cut & 1)));
	}
	kept = gm_tally_entry_cell(tally, GM_LIST_URGENT, 0, 0, &len);
	ck_assert_uint_le(len, GM_TALLY_CUT);
	ck_assert(valid_utf8(kept, len));
	/* an id that fits is kept whole, NUL bytes and all; none is the line */
	add(URGENT, "a\0b", 3, 9, NULL, NULL);
	kept = gm_tally_entry_id(tally, GM_LIST_URGENT, gm_tally_list_count(tally, GM_LIST_URGENT) - 1, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert(!memcmp(kept, "a\0b", 3));
	add(URGENT, NULL, 0, 41, NULL, NULL);
	snprintf(line, sizeof line, "line %d", 41);
	ck_assert_str_eq(gm_tally_entry_id(tally, GM_LIST_URGENT, gm_tally_list_count(tally, GM_LIST_URGENT) - 1, NULL),
			 line);
}
END_TEST

START_TEST(counts_only_keeps_nobody_but_counts_everyone)
{
	tally = gm_tally_new(test_catalog(), GM_TALLY_COUNTS_ONLY, 0, NULL);
	for (int i = 0; i < 100; i++)
		add_id(i % 2 ? URGENT : UNSCREENED, "someone", (unsigned long)i);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_URGENT), 50);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_NOT_SCREENED), 50);
	ck_assert_ptr_null(gm_tally_entry_id(tally, GM_LIST_URGENT, 0, NULL));
	ck_assert_ptr_null(gm_tally_new(NULL, 0, 0, NULL));
	ck_assert_ptr_null(gm_tally_new(test_catalog(), 0, 17, NULL));
}
END_TEST

/* Whether every one of the 50 short ids, the two long ones (their first
 * 40 bytes), a kept name and each other list's id is in text. */
static void expect_everyone(const char *text, const char *format)
{
	char id[16];

	for (int i = 0; i < 50; i++) {
		snprintf(id, sizeof id, "urgent-%02d", i);
		ck_assert_msg(strstr(text, id), "%s lacks %s", format, id);
	}
	ck_assert_msg(strstr(text, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "%s lacks the first long id", format);
	ck_assert_msg(strstr(text, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"), "%s lacks the second long id", format);
	ck_assert_msg(!strstr(text, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
		      "%s holds a long id whole", format);
	ck_assert_msg(strstr(text, "Kim-49"), "%s lacks a kept cell", format);
	ck_assert_msg(!strstr(text, "more"), "%s counts people in place of naming them", format);
	for (const char *const *p = (const char *const[]){ "unclear-1", "review-1", "unscreened-1",
							  "invalid-1", "incomplete-1", NULL }; *p; p++)
		ck_assert_msg(strstr(text, *p), "%s lacks %s", format, *p);
}

START_TEST(two_long_ids_crowd_nobody_out_in_any_format)
{
	char *big = malloc(10240), *page;
	char id[32], name[32];
	struct buf out = BUF_INIT;
	struct jw w;

	tally = gm_tally_new(test_catalog(), 0, 2, names);
	memset(big, 'A', 10240);
	add(URGENT, big, 10240, 2, "Al", "");
	memset(big, 'B', 10240);
	add(URGENT, big, 10240, 3, "Bo", "");
	for (int i = 0; i < 50; i++) {
		snprintf(id, sizeof id, "urgent-%02d", i);
		snprintf(name, sizeof name, "Kim-%d", i);
		add(URGENT, id, strlen(id), (unsigned long)i + 4, name, "555-0199");
	}
	add_id(UNCLEAR, "unclear-1", 60);
	add_id(REVIEW, "review-1", 61);
	add_id(UNSCREENED, "unscreened-1", 62);
	add_id(INVALID, "invalid-1", 63);
	add_id(INCOMPLETE, "incomplete-1", 64);
	ck_assert_uint_eq(gm_tally_list_count(tally, GM_LIST_URGENT), 53);

	page = gm_tally_html(tally, NULL, NULL);
	ck_assert_ptr_nonnull(page);
	expect_everyone(page, "html");
	ck_assert_ptr_nonnull(strstr(page, "(53)</h3>"));
	free(page);
	worklist_text(&out, tally);
	expect_everyone(buf_cstr(&out), "text");
	buf_reset(&out);
	jw_init(&w, &out, 1);
	jw_object(&w);
	worklist_json(&w, tally);
	jw_end_object(&w);
	expect_everyone(buf_cstr(&out), "json");
	buf_reset(&out);
	worklist_csv(&out, tally, "worklist,", ",", 0);
	expect_everyone(buf_cstr(&out), "csv");
	buf_release(&out);
	free(big);
}
END_TEST

START_TEST(text_and_html_show_no_control_bytes_of_an_id)
{
	struct buf out = BUF_INIT;
	char *page;

	tally = gm_tally_new(test_catalog(), 0, 2, names);
	add(URGENT, "E\x1b]0;owned\x07" "1", 12, 2, "<b>Eve</b>", "\x1b[2J");
	worklist_text(&out, tally);
	ck_assert_ptr_null(strchr(buf_cstr(&out), '\x1b'));
	ck_assert_ptr_null(strchr(buf_cstr(&out), '\x07'));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "<b>Eve</b>"));
	page = gm_tally_html(tally, NULL, NULL);
	ck_assert_ptr_null(strstr(page, "<b>Eve"));
	ck_assert_ptr_nonnull(strstr(page, "&lt;b&gt;Eve&lt;/b&gt;"));
	ck_assert_ptr_null(strchr(page, '\x1b'));
	free(page);
	buf_release(&out);
}
END_TEST

Suite *tally_suite(void)
{
	Suite *s = suite_create("tally");
	TCase *tc = tcase_create("tally");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, counts_follow_each_status_and_the_ok_records_choices);
	tcase_add_test(tc, every_list_holds_its_people_with_notes_and_cells);
	tcase_add_test(tc, an_id_is_cut_at_a_character_with_an_ellipsis);
	tcase_add_test(tc, counts_only_keeps_nobody_but_counts_everyone);
	tcase_add_test(tc, two_long_ids_crowd_nobody_out_in_any_format);
	tcase_add_test(tc, text_and_html_show_no_control_bytes_of_an_id);
	suite_add_tcase(s, tc);
	return s;
}
