/* check_intake.c - unit tests of intake rows: header to columns, REDCap checkboxes, maps, broken rows, the CSV reader and the batch loop. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <check.h>
#include "check_suites.h"
#include "intake_diff.h"

#define MAXF 64

/* A line of comma-separated fields (no quotes) as arrays. */
struct row {
	char text[1024];
	const char *f[MAXF];
	size_t l[MAXF];
	size_t n;
};

static void split(struct row *r, const char *line)
{
	char *p;

	snprintf(r->text, sizeof r->text, "%s", line);
	r->n = 0;
	p = r->text;
	for (;;) {
		char *c = strchr(p, ',');

		r->f[r->n] = p;
		r->l[r->n] = c ? (size_t)(c - p) : strlen(p);
		r->n++;
		if (!c)
			break;
		p = c + 1;
	}
}

static gm_intake *intake_of(const char *header, const gm_colmap *map, const char *id_column,
			    gm_error *err)
{
	struct row h;

	split(&h, header);
	return gm_intake_new(test_catalog(), h.f, h.l, h.n, map, id_column, err);
}

static gm_status decode(gm_intake *in, const char *line, unsigned long no, gm_answers *ans,
			char *id, gm_error *err)
{
	struct row r;
	const char *p;
	size_t len;
	gm_status st;

	split(&r, line);
	st = gm_intake_decode(in, r.f, r.l, r.n, no, ans, &p, &len, err);
	snprintf(id, 64, "%.*s", p ? (int)len : 0, p ? p : "");
	return st;
}

static int question(const char *id)
{
	return catalog_find_question(test_catalog(), id, strlen(id));
}

/* The answer the plain parser gives to text for question id. */
static int64_t parsed(const char *qid, const char *text)
{
	gm_answers *a = gm_answers_new(test_catalog());
	int64_t v;

	ck_assert_int_eq(gm_answers_set(a, qid, text, NULL), GM_OK);
	v = a->value[question(qid)];
	gm_answers_free(a);
	return v;
}

START_TEST(header_names_questions_in_any_case_and_record_id)
{
	gm_error err;
	gm_intake *in = intake_of("Record ID, Crisis ,GOALS,structure,notes,redcap_event_name,"
				  "intake_complete", NULL, NULL, &err);

	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(gm_intake_column_count(in), 7);
	ck_assert_int_eq(gm_intake_id_column(in), 0);
	ck_assert_int_eq(gm_intake_safety_column(in), 1);
	ck_assert(gm_intake_screens_safety(in));
	ck_assert_int_eq(gm_intake_column_question(in, 2), question("goals"));
	ck_assert_int_eq(gm_intake_column_question(in, 4), -1);
	/* notes is unknown; REDCap's bookkeeping is not */
	ck_assert_int_eq(gm_intake_unknown_count(in), 1);
	ck_assert_int_eq(gm_intake_unknown(in, 0), 4);
	ck_assert_str_eq(gm_intake_column_name(in, 4), "notes");
	gm_intake_use_column(in, 4);
	ck_assert_int_eq(gm_intake_unknown_count(in), 0);
	ck_assert_str_eq(gm_intake_warning(in), "");
	gm_intake_free(in);
}
END_TEST

START_TEST(id_is_preferred_to_record_id)
{
	gm_intake *in = intake_of("record_id,crisis,id", NULL, NULL, NULL);

	ck_assert_int_eq(gm_intake_id_column(in), 2);
	gm_intake_free(in);
}
END_TEST

START_TEST(missing_id_column_is_said_and_a_named_one_must_exist)
{
	gm_error err;
	gm_intake *in = intake_of("crisis,goals", NULL, NULL, &err);

	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(gm_intake_id_column(in), -1);
	gm_intake_free(in);
	ck_assert_ptr_null(intake_of("crisis,goals", NULL, "pid", &err));
	ck_assert_int_eq(err.status, GM_ERR_ARG);
	ck_assert_int_eq(err.column, 0);
	ck_assert_str_eq(err.message, "no column 'pid' holds the ids");
	ck_assert_ptr_null(intake_of("pid,crisis,goals", NULL, "CRISIS", &err));
	ck_assert_int_eq(err.status, GM_ERR_ARG);
	ck_assert_int_eq(err.column, 2);
	in = intake_of("P-ID,crisis,goals", NULL, "p_id", &err);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(gm_intake_id_column(in), 0);
	gm_intake_free(in);
}
END_TEST

START_TEST(header_problems_are_errors)
{
	gm_error err;

	ck_assert_ptr_null(intake_of("id,goals,Goals", NULL, NULL, &err));
	ck_assert_int_eq(err.status, GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "columns 'goals' and 'Goals' both answer 'goals'");
	ck_assert_int_eq(err.column, 3);
	ck_assert_ptr_null(intake_of("id,name,notes", NULL, NULL, &err));
	ck_assert_int_eq(err.status, GM_ERR_ANSWER);
	ck_assert_ptr_nonnull(strstr(err.message, "no column names a question"));
	ck_assert_ptr_null(intake_of("id,issues___99", NULL, NULL, &err));
	ck_assert_str_eq(err.message, "checkbox column 'issues___99': '99' is not an option of 'issues'");
	ck_assert_ptr_null(intake_of("id,issues,issues___grief", NULL, NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.message, "both answer 'issues'"));
}
END_TEST

START_TEST(redcap_checkboxes_add_up_to_one_answer)
{
	gm_answers *ans = gm_answers_new(test_catalog());
	gm_intake *in = intake_of("record_id,crisis___yes,crisis___no,issues___anxiety,issues___3,"
				  "issues___grief,goals___1", NULL, NULL, NULL);
	char id[64];

	ck_assert_ptr_nonnull(in);
	ck_assert(gm_intake_screens_safety(in));
	ck_assert_int_eq(gm_intake_safety_column(in), -1);
	ck_assert_int_eq(decode(in, "r1,0,1,1,Checked,unchecked,1", 2, ans, id, NULL), GM_OK);
	ck_assert_str_eq(id, "r1");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_NO);
	ck_assert(ans->present >> question("issues") & 1);
	ck_assert_int_eq(ans->value[question("issues")], parsed("issues", "anxiety;3"));
	ck_assert_int_eq(ans->value[question("goals")], parsed("goals", "1"));
	/* a box that is neither ticked nor clear makes the question invalid */
	ck_assert_int_eq(decode(in, "r2,0,1,maybe,0,0,1", 3, ans, id, NULL), GM_OK);
	ck_assert(ans->invalid >> question("issues") & 1);
	ck_assert_str_eq(ans->message, "line 3, column 'issues___anxiety': 'maybe' is not 1 or 0 "
			 "(checked or unchecked)");
	/* both safety boxes ticked is unclear, and so positive */
	ck_assert_int_eq(decode(in, "r3,1,1,0,0,0,1", 4, ans, id, NULL), GM_OK);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	gm_intake_free(in);
	gm_answers_free(ans);
}
END_TEST

/* Every kind of space (ASCII blanks, CR, LF, NBSP, U+1680, U+2000-U+200A,
 * U+202F, U+205F, U+3000) and of invisible character (U+200B-U+200D,
 * U+2060, U+FEFF, and a BOM as cp1252 reads it) a header may carry. */
static const char *const spaces[] = { " ", "\t", "\r", "\n", "\r\n", "\xC2\xA0", "\xE1\x9A\x80",
	"\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
	"\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
	"\xE2\x80\x8A", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80" };
static const char *const invisible[] = { "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D",
	"\xE2\x81\xA0", "\xEF\xBB\xBF", "\xC3\xAF\xC2\xBB\xC2\xBF" };

/* Writes the nth spelling of name that is not exactly it but folds to it
 * into out; returns 0 when n is past the last. */
static int near_spelling(const char *name, int n, char *out, size_t outsz)
{
	const int ns = (int)(sizeof spaces / sizeof spaces[0]);
	const int ni = (int)(sizeof invisible / sizeof invisible[0]);
	char upper[64];
	size_t i;

	for (i = 0; name[i] && i < sizeof upper - 1; i++)
		upper[i] = name[i] >= 'a' && name[i] <= 'z' ? (char)(name[i] - 32) : name[i];
	upper[i] = '\0';
	if (n < (ns - 2) * 3) {	/* a space before, after, or both, in either case
				 * (ASCII blanks around a name are trimmed: it is the name) */
		const char *sp = spaces[2 + n / 3];

		snprintf(out, outsz, "%s%s%s", n % 3 != 1 ? sp : "", n % 2 ? upper : name,
			 n % 3 != 0 ? sp : "");
		return 1;
	}
	n -= (ns - 2) * 3;
	if (strchr(name, '_') && n < ns) {	/* inside: the '_' as a space of any kind */
		const char *us = strchr(name, '_');

		snprintf(out, outsz, "%.*s%s%s%s", (int)(us - name), n % 2 ? upper : name, spaces[n],
			 n % 3 ? spaces[(n + 5) % ns] : "", us + 1);
		return 1;
	}
	if (strchr(name, '_'))
		n -= ns;
	if (n < ni * 3) {	/* an invisible character before, inside or after */
		const char *zw = invisible[n / 3];
		size_t half = strlen(name) / 2;

		if (n % 3 == 0 && !strcmp(zw, "\xEF\xBB\xBF"))	/* a BOM first: the file's own */
			snprintf(out, outsz, "%s%s", name, zw);
		else if (n % 3 == 0)
			snprintf(out, outsz, "%s%s", zw, name);
		else if (n % 3 == 1)
			snprintf(out, outsz, "%.*s%s%s", (int)half, name, zw, name + half);
		else
			snprintf(out, outsz, "%s%s", upper, zw);
		return 1;
	}
	return 0;
}

/* The answers of the records of text (a header and rows), read through
 * the CSV reader with encoding as batch reads them; *warning gets the
 * intake's warning.  Returns the number of records decoded into ans[]. */
static int read_intake(const char *text, int encoding, gm_answers **ans, int max, char *warning,
		       size_t wsz, int *screens)
{
	gm_csv *csv = gm_csv_new_mem(text, strlen(text), NULL);
	gm_csv_record rec;
	gm_intake *in;
	gm_error err;
	int n = 0;

	gm_csv_set_encoding(csv, encoding);
	ck_assert_int_eq(gm_csv_next(csv, &rec, &err), 1);
	in = gm_intake_new(test_catalog(), rec.fields, rec.lens, rec.n, NULL, NULL, &err);
	ck_assert_msg(in != NULL, "%s: %s", text, err.message);
	snprintf(warning, wsz, "%s", gm_intake_warning(in));
	*screens = gm_intake_screens_safety(in);
	while (n < max && gm_csv_next(csv, &rec, &err) == 1) {
		gm_intake_decode_record(in, &rec, ans[n], NULL, NULL, &err);
		n++;
	}
	gm_intake_free(in);
	gm_csv_free(csv);
	return n;
}

/* A header that almost names the safety question (any case, spaces of any
 * kind around or inside, invisible characters, a BOM as cp1252 reads it),
 * under every encoding, with or without the real column: yes stays yes,
 * any other answer is unclear, blank is missing, and the warning says it. */
START_TEST(header_almost_naming_the_safety_question_is_read_fail_closed)
{
	static const int encodings[] = { GM_CSV_UTF8, GM_CSV_LATIN1, GM_CSV_CP1252 };
	gm_answers *ans[4];
	char h[128], text[1024], warning[700];
	int screens, variants = 0;

	for (int k = 0; k < 4; k++)
		ans[k] = gm_answers_new(test_catalog());
	for (int v = 0; near_spelling("crisis", v, h, sizeof h); v++)
		for (size_t e = 0; e < 3; e++) {
			/* alone: the only safety column */
			snprintf(text, sizeof text, "id,\"%s\",goals\nA,yes,x\nB,no,x\nC,,x\nD,unsure,x\n", h);
			ck_assert_int_eq(read_intake(text, encodings[e], ans, 4, warning, sizeof warning,
						     &screens), 4);
			ck_assert_msg(gm_answers_safety(ans[0]) == GM_SAFETY_YES, "variant %d enc %zu", v, e);
			ck_assert_msg(gm_answers_safety(ans[1]) == GM_SAFETY_UNCLEAR, "variant %d enc %zu", v, e);
			ck_assert_msg(gm_answers_safety(ans[2]) == GM_SAFETY_MISSING, "variant %d enc %zu", v, e);
			ck_assert_msg(gm_answers_safety(ans[3]) == GM_SAFETY_UNCLEAR, "variant %d enc %zu", v, e);
			ck_assert(screens);
			ck_assert_msg(strstr(warning, "almost names the safety item 'crisis'"), "%s", warning);
			/* next to the real column, before or after it: the most severe wins */
			for (int after = 0; after < 2; after++) {
				if (after)
					snprintf(text, sizeof text, "id,crisis,\"%s\"\nA,no,yes\nB,no,no\n"
						 "C,no,\nD,yes,no\n", h);
				else
					snprintf(text, sizeof text, "id,\"%s\",crisis\nA,yes,no\nB,no,no\n"
						 "C,,no\nD,no,yes\n", h);
				ck_assert_int_eq(read_intake(text, encodings[e], ans, 4, warning,
							     sizeof warning, &screens), 4);
				ck_assert(gm_answers_safety(ans[0]) == GM_SAFETY_YES);
				ck_assert(gm_answers_safety(ans[1]) == GM_SAFETY_UNCLEAR);
				ck_assert(gm_answers_safety(ans[2]) == GM_SAFETY_NO);
				ck_assert(gm_answers_safety(ans[3]) == GM_SAFETY_YES);
			}
			variants++;
		}
	ck_assert_int_ge(variants, 150);
	/* the question's text as a header, spaced oddly, is the question too */
	snprintf(text, sizeof text, "id,\"  Are you in\xC2\xA0" "crisis right now, or having thoughts of "
		 "harming yourself  or someone else?\"\nA,no\n");
	ck_assert_int_eq(read_intake(text, GM_CSV_UTF8, ans, 1, warning, sizeof warning, &screens), 1);
	ck_assert(gm_answers_safety(ans[0]) == GM_SAFETY_UNCLEAR);
	/* a REDCap checkbox of the safety question, spelled almost */
	snprintf(text, sizeof text, "id,Crisis\xC2\xA0___yes,goals\nA,1,x\nB,0,x\nC,,x\n");
	ck_assert_int_eq(read_intake(text, GM_CSV_UTF8, ans, 3, warning, sizeof warning, &screens), 3);
	ck_assert(gm_answers_safety(ans[0]) == GM_SAFETY_YES);
	ck_assert(gm_answers_safety(ans[1]) == GM_SAFETY_UNCLEAR);
	ck_assert(gm_answers_safety(ans[2]) == GM_SAFETY_MISSING);
	/* names that only look alike are not the safety question */
	snprintf(text, sizeof text, "id,crisis2,crisis_plan,crises,goals\xC2\xA0,crisis\nA,yes,yes,yes,x,no\n");
	ck_assert_int_eq(read_intake(text, GM_CSV_UTF8, ans, 1, warning, sizeof warning, &screens), 1);
	ck_assert(gm_answers_safety(ans[0]) == GM_SAFETY_NO);
	ck_assert_str_eq(warning, "");
	for (int k = 0; k < 4; k++)
		gm_answers_free(ans[k]);
}
END_TEST

/* PHQ-9 item 9 (a screener item a review rule reads) gets the same
 * treatment: a reading above 0 stays (the highest wins), any other is an
 * unclear safety answer. */
START_TEST(header_almost_naming_a_screener_safety_item_is_read_fail_closed)
{
	static const int encodings[] = { GM_CSV_UTF8, GM_CSV_LATIN1, GM_CSV_CP1252 };
	const int q9 = question("phq9_9");
	gm_answers *ans[4];
	char h[128], text[1024], warning[700];
	int screens;

	for (int k = 0; k < 4; k++)
		ans[k] = gm_answers_new(test_catalog());
	for (int v = 0; near_spelling("phq9_9", v, h, sizeof h); v++)
		for (size_t e = 0; e < 3; e++) {
			snprintf(text, sizeof text, "id,crisis,phq9_9,\"%s\"\nA,no,0,3\nB,no,2,0\nC,no,1,\n"
				 "D,no,0,sometimes\n", h);
			ck_assert_int_eq(read_intake(text, encodings[e], ans, 4, warning, sizeof warning,
						     &screens), 4);
			ck_assert_msg(ans[0]->value[q9] == 3 && gm_answers_safety(ans[0]) == GM_SAFETY_NO,
				      "variant %d enc %zu", v, e);
			ck_assert(ans[1]->value[q9] == 2 && gm_answers_safety(ans[1]) == GM_SAFETY_UNCLEAR);
			ck_assert(ans[2]->value[q9] == 1 && gm_answers_safety(ans[2]) == GM_SAFETY_NO);
			ck_assert(gm_answers_safety(ans[3]) == GM_SAFETY_UNCLEAR);
			ck_assert_msg(strstr(warning, "almost names the safety item 'phq9_9'"), "%s", warning);
		}
	/* by its LOINC code, alone */
	snprintf(text, sizeof text, "id,crisis,\" 44260-8\"\nA,no,2\n");
	ck_assert_int_eq(read_intake(text, GM_CSV_UTF8, ans, 1, warning, sizeof warning, &screens), 1);
	ck_assert(ans[0]->value[q9] == 2);
	for (int k = 0; k < 4; k++)
		gm_answers_free(ans[k]);
}
END_TEST

/* One normalisation finds the id column too: "Record\u00a0ID" is record_id. */
START_TEST(id_column_is_found_through_the_same_normalisation)
{
	gm_intake *in = intake_of("\xC2\xA0Record\xE2\x80\x8B ID\xE3\x80\x80,crisis", NULL, NULL, NULL);

	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(gm_intake_id_column(in), 0);
	gm_intake_free(in);
}
END_TEST

/* A UTF-16 file read as bytes is refused: every character would carry a NUL. */
START_TEST(utf16_header_is_refused)
{
	static const char *const heads[] = { "\xFF\xFEi", "\xFE\xFFi", "\xC3\xBF\xC3\xBEi" };
	gm_error err;

	for (size_t k = 0; k < 3; k++) {
		char h[64];

		snprintf(h, sizeof h, "%s,crisis", heads[k]);
		ck_assert_ptr_null(intake_of(h, NULL, NULL, &err));
		ck_assert_int_eq(err.status, GM_ERR_ANSWER);
		ck_assert_ptr_nonnull(strstr(err.message, "UTF-16"));
	}
}
END_TEST

START_TEST(map_renames_columns_and_codes)
{
	static const char map_text[] = "from,to,question\nPID,id,\nQ1,goals,\nQ9,ignore,\n"
		"A,symptom_relief,goals\nB,skill_building,goals\nJ,yes,crisis\n";
	gm_error err;
	gm_colmap *map = gm_colmap_load_buffer(test_catalog(), map_text, strlen(map_text), &err);
	gm_answers *ans = gm_answers_new(test_catalog());
	gm_intake *in;
	char id[64];

	ck_assert_ptr_nonnull(map);
	in = intake_of("PID,crisis,Q1,Q9", map, NULL, &err);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(gm_intake_id_column(in), 0);
	ck_assert_int_eq(gm_intake_unknown_count(in), 0);
	ck_assert_int_eq(decode(in, "p1,no,A;B,x", 2, ans, id, NULL), GM_OK);
	ck_assert_str_eq(id, "p1");
	ck_assert_int_eq(ans->value[question("goals")], parsed("goals", "symptom_relief;skill_building"));
	/* the same cell again comes from the memo, mapped the same way */
	ck_assert_int_eq(decode(in, "p2,J,A;B,x", 3, ans, id, NULL), GM_OK);
	ck_assert_int_eq(ans->value[question("goals")], parsed("goals", "symptom_relief;skill_building"));
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	gm_intake_free(in);
	gm_colmap_free(map);
	gm_answers_free(ans);
}
END_TEST

START_TEST(map_problems_are_errors_not_messages)
{
	static const char bad_target[] = "from,to\nQ1,foo\n";
	static const char yes_to_no[] = "from,to,question\nY,no,crisis\n";
	static const char bad_json[] = "{\"options\": {\"goals\": {\"X\": \"nope\"}}}";
	static const char not_json[] = "{\"columns\": ";
	gm_error err;

	ck_assert_ptr_null(gm_colmap_load_buffer(test_catalog(), bad_target, strlen(bad_target), &err));
	ck_assert_int_eq(err.status, GM_ERR_ANSWER);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.message, "line 2: 'foo' is not a question id, 'id' or 'ignore'");
	ck_assert_ptr_null(gm_colmap_load_buffer(test_catalog(), yes_to_no, strlen(yes_to_no), &err));
	ck_assert_ptr_nonnull(strstr(err.message, "refused"));
	ck_assert_ptr_null(gm_colmap_load_buffer(test_catalog(), bad_json, strlen(bad_json), &err));
	ck_assert_str_eq(err.message, "options.goals.X: 'nope' is not an option of 'goals'");
	ck_assert_str_eq(err.path, "options.goals.X");
	ck_assert_ptr_null(gm_colmap_load_buffer(test_catalog(), not_json, strlen(not_json), &err));
	ck_assert_int_eq(err.line, 1);
	ck_assert_ptr_null(gm_colmap_load_buffer(test_catalog(), " \n", 2, &err));
	ck_assert_ptr_nonnull(strstr(err.message, "empty"));
	gm_colmap_free(NULL);
}
END_TEST

/* Whether a map of text loads; *err says why not. */
static int map_loads(const char *text, gm_error *err)
{
	gm_colmap *m = gm_colmap_load_buffer(test_catalog(), text, strlen(text), err);

	gm_colmap_free(m);
	return m != NULL;
}

/* Every pair of codes and targets for the safety question, in CSV and in
 * JSON: a map may raise an answer, never lower one; an unsure answer
 * ("unsure", "maybe") counts as positive, while a code only the map
 * explains may be given any meaning but none. */
START_TEST(map_cannot_lower_the_safety_question)
{
	/* 2 yes, 1 unsure, 0 no or a code the map alone gives a meaning
	 * (REDCap's 2, another language's no, a clinic's R0): classified by
	 * hand, not by the library */
	static const struct { const char *v; int rank; } vals[] = {
		{ "yes", 2 }, { "Y", 2 }, { "true", 2 }, { "1", 2 }, { "checked", 2 },
		{ "unsure", 1 }, { "maybe", 1 }, { "not sure", 1 }, { "don't know", 1 }, { "Perhaps", 1 },
		{ "2", 0 }, { "Nein", 0 }, { "R0", 0 },
		{ "no", 0 }, { "N", 0 }, { "false", 0 }, { "0", 0 }, { "unchecked", 0 } };
	const size_t n = sizeof vals / sizeof vals[0];
	char text[256];
	gm_error err;

	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++)
			for (int json = 0; json < 2; json++) {
				int lowers = vals[b].rank < vals[a].rank && vals[a].rank > 0;

				if (json)
					snprintf(text, sizeof text, "{\"columns\": {\"Risk\": \"crisis\"}, "
						 "\"options\": {\"crisis\": {\"%s\": \"%s\"}}}", vals[a].v, vals[b].v);
				else
					snprintf(text, sizeof text, "from,to,question\nRisk,crisis,\n%s,%s,crisis\n",
						 vals[a].v, vals[b].v);
				ck_assert_msg(map_loads(text, &err) == !lowers, "%s -> %s (%s): %s",
					      vals[a].v, vals[b].v, json ? "json" : "csv", err.message);
				if (lowers) {
					ck_assert_int_eq(err.status, GM_ERR_CATALOG);
					ck_assert_ptr_nonnull(strstr(err.message, json ? "options.crisis." : "line 3: "));
					ck_assert_ptr_nonnull(strstr(err.message, "refused"));
				}
			}
	/* nor blank it */
	ck_assert(!map_loads("from,to,question\nyes,,crisis\n", &err));
	ck_assert(!map_loads("from,to,question\nno,,crisis\n", &err));
}
END_TEST

/* The same for PHQ-9 item 9, read by a review rule: 3 -> 0 is refused, an
 * unreadable code (unclear) may only go to a positive value. */
START_TEST(map_cannot_lower_a_screener_safety_item)
{
	/* value, or 1 for an unreadable one (the least positive) */
	static const struct { const char *v; int rank; } vals[] = {
		{ "0", 0 }, { "not at all", 0 }, { "1", 1 }, { "several days", 1 }, { "2", 2 },
		{ "3", 3 }, { "nearly every day", 3 }, { "sometimes", 1 }, { "4", 1 }, { "yes", 1 },
		{ "R3", 0 } };
	const size_t n = sizeof vals / sizeof vals[0];
	char text[256];
	gm_error err;

	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++) {
			int lowers = vals[b].rank < vals[a].rank && vals[a].rank > 0;

			snprintf(text, sizeof text, "from,to,question\nQ9,phq9_9,\n%s,%s,phq9_9\n", vals[a].v,
				 vals[b].v);
			ck_assert_msg(map_loads(text, &err) == !lowers, "%s -> %s: %s", vals[a].v, vals[b].v,
				      err.message);
			if (lowers)
				ck_assert_ptr_nonnull(strstr(err.message, "safety item 'phq9_9'"));
		}
	/* an item no review rule reads is not a safety item */
	ck_assert(map_loads("from,to,question\n3,0,phq9_1\n", &err));
}
END_TEST

/* One column (or code) mapped twice to different targets is refused in
 * either order, naming both entries; twice to the same target is fine.
 * A column that names a safety item may only be mapped to it. */
START_TEST(map_naming_a_column_twice_or_dropping_a_safety_column_is_refused)
{
	static const char *const refused[] = {
		"from,to\nRisk,crisis\nRisk,goals\n", "from,to\nRisk,goals\nrisk,crisis\n",
		"from,to,question\nY,yes,crisis\nY,unsure,crisis\n",
		"{\"columns\": {\"Risk\": \"crisis\", \"Risk\": \"ignore\"}}",
		"{\"options\": {\"goals\": {\"X\": \"relationships\", \"X\": \"symptom_relief\"}}}",
		"from,to\ncrisis,ignore\n", "from,to\nCrisis,goals\n", "from,to\nphq9_9,ignore\n",
		"from,to\nCrisis\xC2\xA0,ignore\n", "{\"columns\": {\"PHQ9 9\": \"phq9_1\"}}" };
	gm_error err;

	for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++) {
		ck_assert_msg(!map_loads(refused[k], &err), "%s", refused[k]);
		ck_assert_int_eq(err.status, GM_ERR_CATALOG);
	}
	ck_assert(!map_loads("from,to\nRisk,crisis\nRisk,goals\n", &err));
	ck_assert_ptr_nonnull(strstr(err.message, "line 3: the column 'Risk' is mapped twice, to 'crisis' "
				     "(line 2) and to 'goals'"));
	ck_assert(map_loads("from,to\nRisk,crisis\nRisk,crisis\n", &err));
	ck_assert(map_loads("from,to\nPHQ9 9,phq9_9\ncrisis,crisis\n", &err));
}
END_TEST

START_TEST(broken_row_keeps_only_a_positive_safety_answer)
{
	gm_answers *ans = gm_answers_new(test_catalog());
	gm_result *res = gm_result_new(test_catalog());
	gm_intake *in = intake_of("id,crisis,goals,comfort", NULL, NULL, NULL);
	gm_error err;
	char id[64];

	/* a field short: the yes is kept, nothing else */
	ck_assert_int_eq(decode(in, "7,yes,symptom_relief", 5, ans, id, &err), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "line 5: 3 fields where the header has 4");
	ck_assert_int_eq(err.line, 5);
	ck_assert_str_eq(id, "7");
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	ck_assert_int_eq(ans->present & ~(1u << test_catalog()->safety), 0);
	gm_intake_match(in, ans, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	ck_assert_ptr_nonnull(strstr(gm_result_message(res), "(line 5: 3 fields where the header has 4)"));
	/* an unclear answer is positive too */
	ck_assert_int_eq(decode(in, "8,not sure,a,b,c", 6, ans, id, &err), GM_ERR_ANSWER);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_UNCLEAR);
	/* a no is not kept: the row is invalid, with no ranking */
	ck_assert_int_eq(decode(in, "9,no,symptom_relief", 7, ans, id, &err), GM_ERR_ANSWER);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_MISSING);
	ck_assert_int_eq(ans->present, 0);
	gm_intake_match(in, ans, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	ck_assert_str_eq(gm_result_message(res), "line 7: 3 fields where the header has 4");
	ck_assert_int_eq(gm_result_rank_count(res), 0);
	ck_assert_int_eq(gm_result_missing_count(res), 0);
	/* blank cells are no one */
	ck_assert_int_eq(decode(in, " , ,,", 8, ans, id, &err), GM_ERR_ANSWER);
	ck_assert_str_eq(err.message, "line 8: empty record");
	gm_intake_match(in, ans, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_INVALID);
	/* a whole row is matched as gm_match does */
	ck_assert_int_eq(decode(in, "10,no,symptom_relief,4", 9, ans, id, &err), GM_OK);
	gm_intake_match(in, ans, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_OK);
	gm_intake_free(in);
	gm_result_free(res);
	gm_answers_free(ans);
}
END_TEST

START_TEST(csv_record_over_a_limit_keeps_id_and_safety)
{
	static const char text[] = "id,crisis,goals\n1,yes,\"unterminated\n";
	gm_csv *csv = gm_csv_new_mem(text, strlen(text), NULL);
	gm_answers *ans = gm_answers_new(test_catalog());
	gm_result *res = gm_result_new(test_catalog());
	gm_csv_record rec;
	gm_intake *in;
	gm_error err;
	const char *id;
	size_t idlen, keep[2];

	ck_assert_int_eq(gm_csv_next(csv, &rec, &err), 1);
	ck_assert_int_eq(rec.line, 1);
	in = gm_intake_new(test_catalog(), rec.fields, rec.lens, rec.n, NULL, NULL, &err);
	gm_csv_keep(csv, keep, gm_intake_keep_columns(in, keep));
	ck_assert_int_eq(gm_csv_next(csv, &rec, &err), 1);
	ck_assert_int_eq(rec.error, GM_CSV_EUNTERMINATED);
	ck_assert_int_eq(gm_csv_record_error(&rec, &err), GM_ERR_ANSWER);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.message, "line 2: unterminated quoted field (it runs to the end of the input)");
	ck_assert_int_eq(gm_intake_decode_record(in, &rec, ans, &id, &idlen, &err), GM_ERR_ANSWER);
	ck_assert_int_eq(gm_answers_safety(ans), GM_SAFETY_YES);
	gm_intake_match(in, ans, GM_MATCH_STAFF, res);
	ck_assert_int_eq(gm_result_status_of(res), GM_RESULT_URGENT);
	ck_assert_int_eq(gm_csv_next(csv, &rec, &err), 0);
	ck_assert_str_eq(gm_csv_strerror(GM_CSV_EQUOTE), "unexpected text after a closing quote");
	gm_intake_free(in);
	gm_csv_free(csv);
	gm_result_free(res);
	gm_answers_free(ans);
}
END_TEST

START_TEST(csv_reader_gives_fields_lengths_and_lines)
{
	static const char text[] = "a;b\r\n\"x;\"\"y\";\r\n\r\nc;d";
	gm_csv *csv = gm_csv_new_mem(text, strlen(text), NULL);
	gm_csv_record rec;

	ck_assert_int_eq(gm_csv_set_delimiter(csv, '|'), GM_ERR_ARG);
	ck_assert_int_eq(gm_csv_set_delimiter(csv, 0), GM_OK);
	ck_assert_int_eq(gm_csv_set_encoding(csv, 7), GM_ERR_ARG);
	ck_assert_int_eq(gm_csv_next(csv, &rec, NULL), 1);
	ck_assert_int_eq(gm_csv_delimiter(csv), ';');
	ck_assert_int_eq(rec.n, 2);
	ck_assert_int_eq(gm_csv_next(csv, &rec, NULL), 1);
	ck_assert_int_eq(rec.line, 2);
	ck_assert_int_eq(rec.n, 2);
	ck_assert_int_eq(rec.lens[0], 4);
	ck_assert(!memcmp(rec.fields[0], "x;\"y", 4));
	ck_assert_int_eq(rec.lens[1], 0);
	ck_assert_int_eq(gm_csv_next(csv, &rec, NULL), 1);
	ck_assert_int_eq(rec.line, 4);
	ck_assert_int_eq(gm_csv_next(csv, &rec, NULL), 0);
	ck_assert_int_eq(gm_csv_offset(csv), strlen(text));
	gm_csv_free(csv);
	gm_csv_free(NULL);
}
END_TEST

START_TEST(batch_loop_yields_one_result_per_record)
{
	static const char text[] = "id,crisis,goals,structure,focus,comfort\n"
		"a,no,symptom_relief,structured,education,2\n"
		"b,yes\n"
		",no,symptom_relief,structured,education,9\n";
	gm_csv *csv = gm_csv_new_mem(text, strlen(text), NULL);
	gm_batch *b = gm_batch_new(test_catalog(), csv, NULL, NULL, GM_MATCH_STAFF, NULL);
	gm_batch_item it;
	gm_error err;

	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(gm_batch_intake(b));
	ck_assert_int_eq(gm_batch_next(b, &it, &err), 1);
	ck_assert_ptr_nonnull(gm_batch_intake(b));
	ck_assert_int_eq(it.line, 2);
	ck_assert_int_eq(it.idlen, 1);
	ck_assert(!memcmp(it.id, "a", 1));
	ck_assert_int_eq(it.error.status, GM_OK);
	ck_assert_int_eq(gm_result_status_of(it.result), GM_RESULT_OK);
	ck_assert_int_eq(gm_batch_next(b, &it, &err), 1);
	ck_assert_int_eq(it.error.status, GM_ERR_ANSWER);
	ck_assert_int_eq(gm_result_status_of(it.result), GM_RESULT_URGENT);
	ck_assert_int_eq(gm_batch_next(b, &it, &err), 1);
	ck_assert_ptr_null(it.id);
	ck_assert_int_eq(gm_result_status_of(it.result), GM_RESULT_INVALID);
	ck_assert_ptr_nonnull(strstr(gm_result_message(it.result), "line 4, column 'comfort'"));
	ck_assert_int_eq(gm_batch_next(b, &it, &err), 0);
	gm_batch_free(b);
	gm_csv_free(csv);
}
END_TEST

START_TEST(batch_loop_reports_a_bad_header)
{
	static const char text[] = "id,notes\n1,x\n";
	gm_csv *csv = gm_csv_new_mem(text, strlen(text), NULL);
	gm_batch *b = gm_batch_new(test_catalog(), csv, NULL, NULL, 0, NULL);
	gm_batch_item it;
	gm_error err;

	ck_assert_int_eq(gm_batch_next(b, &it, &err), -1);
	ck_assert_int_eq(err.line, 1);
	ck_assert_ptr_nonnull(strstr(err.message, "no column names a question"));
	gm_batch_free(b);
	gm_csv_free(csv);
	csv = gm_csv_new_mem("", 0, NULL);
	b = gm_batch_new(test_catalog(), csv, NULL, NULL, 0, NULL);
	ck_assert_int_eq(gm_batch_next(b, &it, &err), -1);
	ck_assert_int_eq(err.status, GM_ERR_ANSWER);
	gm_batch_free(b);
	gm_csv_free(csv);
}
END_TEST

/* A file with bytes that names no one is an error, whatever its line
 * ends; only an input of no bytes at all is an empty success (an empty
 * chunk of a split file read with the caller's intake). */
START_TEST(batch_loop_refuses_bytes_without_a_record)
{
	static const char *const texts[] = { "id,crisis\n", "id,crisis\r", "id,crisis\r\r\n\r\n",
		"\xEF\xBB\xBFid,crisis\n\n" };
	static const char *const names[] = { "id", "crisis" };
	const size_t lens[] = { 2, 6 };
	gm_batch_item it;
	gm_error err;

	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
		gm_csv *csv = gm_csv_new_mem(texts[k], strlen(texts[k]), NULL);
		gm_batch *b = gm_batch_new(test_catalog(), csv, NULL, NULL, 0, NULL);

		ck_assert_int_eq(gm_batch_next(b, &it, &err), -1);
		ck_assert_int_eq(err.status, GM_ERR_ANSWER);
		ck_assert_ptr_nonnull(strstr(err.message, "no record to score"));
		gm_batch_free(b);
		gm_csv_free(csv);
	}
	for (int blank = 0; blank < 2; blank++) {
		gm_csv *csv = gm_csv_new_mem("\r\n\r", blank ? 3 : 0, NULL);
		gm_batch *b = gm_batch_new(test_catalog(), csv, NULL, NULL, 0, NULL);
		gm_intake *in = gm_intake_new(test_catalog(), names, lens, 2, NULL, NULL, &err);

		ck_assert_int_eq(gm_batch_use_intake(b, in), GM_OK);
		ck_assert_int_eq(gm_batch_next(b, &it, &err), blank ? -1 : 0);
		gm_batch_free(b);
		gm_intake_free(in);
		gm_csv_free(csv);
	}
}
END_TEST

/* A header-less file whose columns the caller names (batch --columns):
 * every record is data, and the caller's intake outlives the loop. */
START_TEST(batch_loop_reads_with_the_callers_intake)
{
	static const char text[] = "a,no,symptom_relief,structured,education,2\n"
		"b,yes,,,,\n";
	static const char *const names[] = { "id", "crisis", "goals", "structure", "focus", "comfort" };
	size_t lens[6];
	gm_csv *csv = gm_csv_new_mem(text, strlen(text), NULL);
	gm_batch *b = gm_batch_new(test_catalog(), csv, NULL, NULL, GM_MATCH_STAFF, NULL);
	gm_intake *in;
	gm_batch_item it;
	gm_error err;

	for (size_t i = 0; i < 6; i++)
		lens[i] = strlen(names[i]);
	in = gm_intake_new(test_catalog(), names, lens, 6, NULL, NULL, &err);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(gm_batch_use_intake(b, in), GM_OK);
	ck_assert_int_eq(gm_batch_use_intake(b, in), GM_ERR_ARG);	/* it has one */
	ck_assert_ptr_eq(gm_batch_intake(b), in);
	ck_assert_int_eq(gm_batch_next(b, &it, &err), 1);
	ck_assert_int_eq(it.line, 1);	/* the first line is a record */
	ck_assert(it.idlen == 1 && !memcmp(it.id, "a", 1));
	ck_assert_int_eq(gm_result_status_of(it.result), GM_RESULT_OK);
	ck_assert_int_eq(gm_batch_next(b, &it, &err), 1);
	ck_assert_int_eq(gm_result_status_of(it.result), GM_RESULT_URGENT);
	ck_assert_int_eq(gm_batch_next(b, &it, &err), 0);
	gm_batch_free(b);
	/* still the caller's */
	ck_assert_int_eq(gm_intake_id_column(in), 0);
	gm_intake_free(in);
	gm_csv_free(csv);
	ck_assert_int_eq(gm_batch_use_intake(NULL, NULL), GM_ERR_ARG);
}
END_TEST

/* --- the differential check ------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)n + 1)) && fread(text, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	else {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

/* Runs the differential check on every record of one CSV file (header
 * row first; files whose header is no intake are skipped); returns the
 * number of records checked. */
static size_t diff_file(const char *path, const gm_colmap *map)
{
	const gm_catalog *cat = test_catalog();
	size_t len = 0, checked = 0, hn;
	char *text = slurp(path, &len), *hcopy;
	gm_csv *csv;
	gm_csv_record rec;
	gm_intake *warm;
	gm_answers *a = gm_answers_new(cat), *b = gm_answers_new(cat);
	const char **hf;
	size_t *hl;

	ck_assert_ptr_nonnull(text);
	csv = gm_csv_new_mem(text, len, NULL);
	gm_csv_set_delimiter(csv, 0);
	if (gm_csv_next(csv, &rec, NULL) != 1 || rec.error ||
	    !(warm = gm_intake_new(cat, rec.fields, rec.lens, rec.n, map, NULL, NULL))) {
		gm_csv_free(csv);
		free(text);
		gm_answers_free(a);
		gm_answers_free(b);
		return 0;
	}
	/* the header's fields die with the next record: keep a copy */
	hn = rec.n;
	hf = calloc(hn + 1, sizeof *hf);
	hl = calloc(hn + 1, sizeof *hl);
	hcopy = malloc(len + 1);
	ck_assert(hf && hl && hcopy);
	for (size_t i = 0, o = 0; i < hn; i++) {
		memcpy(hcopy + o, rec.fields[i], rec.lens[i]);
		hf[i] = hcopy + o;
		hl[i] = rec.lens[i];
		o += rec.lens[i];
	}
	for (int pass = 0; pass < 2; pass++) {	/* the second pass answers from the memo */
		gm_csv_free(csv);
		csv = gm_csv_new_mem(text, len, NULL);
		gm_csv_set_delimiter(csv, 0);
		gm_csv_next(csv, &rec, NULL);
		while (gm_csv_next(csv, &rec, NULL) == 1) {
			const char *why;

			if (rec.error)
				continue;
			why = intake_diff_record(cat, warm, hf, hl, hn, map, rec.fields, rec.lens, rec.n,
						 rec.line, a, b);
			ck_assert_msg(!why, "%s: line %lu: %s", path, rec.line, why);
			checked++;
		}
	}
	gm_intake_free(warm);
	gm_csv_free(csv);
	free(hf);
	free(hl);
	free(hcopy);
	free(text);
	gm_answers_free(a);
	gm_answers_free(b);
	return checked;
}

static size_t diff_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t checked = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		char path[1024];
		struct stat st;
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			checked += diff_dir(path);
		else if (n > 4 && !strcmp(e->d_name + n - 4, ".csv"))
			checked += diff_file(path, NULL);
	}
	closedir(d);
	return checked;
}

START_TEST(memo_agrees_with_the_parser_on_every_test_intake)
{
	size_t len = 0, checked = diff_dir(GM_TEST_DATA);
	char *text = slurp(GM_TEST_DATA "/batch/export-map.csv", &len);
	gm_colmap *map = gm_colmap_load_buffer(test_catalog(), text, len, NULL);

	ck_assert_ptr_nonnull(map);
	checked += diff_file(GM_TEST_DATA "/batch/export.csv", map);
	ck_assert_uint_gt(checked, 50);
	gm_colmap_free(map);
	free(text);
}
END_TEST

/* Texts people put in answer cells: ids, labels, numbers, yes/no
 * spellings, separators, spaces, case and junk. */
static size_t cell_text(const struct gm_question *qq, unsigned *seed, char *out, size_t cap)
{
	static const char *const junk[] = { "", " ", "none", "None", "?", "maybe", "yes", "NO",
		"y", "0", "1", "2", "5", "10", "-1", "007", " 3 ", "Checked", "unchecked", "true",
		"n/a", ";", ",,", "|", "\t1\t", "not sure", "1.5", "2147483648", "x", "\xC3\xA9" };
	size_t o = 0;
	int parts = 1 + (int)(rand_r(seed) % 4);

	for (int k = 0; k < parts && o < cap - 80; k++) {
		unsigned r = (unsigned)rand_r(seed);
		const char *t;
		char num[16];

		if (k)
			out[o++] = ";|, "[r % 4];
		r /= 4;
		if (qq->noptions && r % 3 == 0) {
			const struct gm_option *op = &qq->options[(r / 3) % qq->noptions];

			t = (r / 64) % 2 ? op->label : op->id;
		} else if (r % 3 == 1) {
			snprintf(num, sizeof num, "%u", (r / 3) % 12);
			t = num;
		} else {
			t = junk[(r / 3) % (sizeof junk / sizeof junk[0])];
		}
		for (size_t i = 0; t[i] && o < cap - 1; i++) {
			char c = t[i];

			if ((r >> 10) & 1 && c >= 'a' && c <= 'z')
				c = (char)(c - 32);
			if ((r >> 11) & 1 && c == '_')
				c = ' ';
			out[o++] = c;
		}
	}
	return o;
}

START_TEST(memo_agrees_with_the_parser_on_generated_cells)
{
	const gm_catalog *cat = test_catalog();
	const char *hf[GM_MAX_QUESTIONS];
	size_t hl[GM_MAX_QUESTIONS], n = (size_t)cat->nquestions;
	static char cells[GM_MAX_QUESTIONS][512];
	const char *f[GM_MAX_QUESTIONS];
	size_t l[GM_MAX_QUESTIONS];
	gm_answers *a = gm_answers_new(cat), *b = gm_answers_new(cat);
	gm_intake *warm;
	unsigned seed = 12345;

	for (size_t q = 0; q < n; q++) {
		hf[q] = cat->questions[q].id;
		hl[q] = strlen(hf[q]);
	}
	warm = gm_intake_new(cat, hf, hl, n, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(warm);
	/* enough rows and texts that the memo fills, collides and grows */
	for (unsigned long row = 0; row < 40000; row++) {
		const char *why;

		for (size_t q = 0; q < n; q++) {
			/* half the rows repeat a small set of texts */
			unsigned s = row % 2 ? seed : (unsigned)(row % 97 + q);

			l[q] = cell_text(&cat->questions[q], &s, cells[q], sizeof cells[q]);
			if (row % 2)
				seed = s;
			f[q] = cells[q];
		}
		why = intake_diff_record(cat, warm, hf, hl, n, NULL, f, l, n, row + 2, a, b);
		ck_assert_msg(!why, "row %lu: %s", row, why);
	}
	gm_intake_free(warm);
	gm_answers_free(a);
	gm_answers_free(b);
}
END_TEST

Suite *intake_suite(void)
{
	Suite *s = suite_create("intake");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, header_names_questions_in_any_case_and_record_id);
	tcase_add_test(tc, id_is_preferred_to_record_id);
	tcase_add_test(tc, missing_id_column_is_said_and_a_named_one_must_exist);
	tcase_add_test(tc, header_problems_are_errors);
	tcase_add_test(tc, redcap_checkboxes_add_up_to_one_answer);
	tcase_add_test(tc, header_almost_naming_the_safety_question_is_read_fail_closed);
	tcase_add_test(tc, header_almost_naming_a_screener_safety_item_is_read_fail_closed);
	tcase_add_test(tc, id_column_is_found_through_the_same_normalisation);
	tcase_add_test(tc, utf16_header_is_refused);
	tcase_add_test(tc, map_renames_columns_and_codes);
	tcase_add_test(tc, map_problems_are_errors_not_messages);
	tcase_add_test(tc, map_cannot_lower_the_safety_question);
	tcase_add_test(tc, map_cannot_lower_a_screener_safety_item);
	tcase_add_test(tc, map_naming_a_column_twice_or_dropping_a_safety_column_is_refused);
	tcase_add_test(tc, broken_row_keeps_only_a_positive_safety_answer);
	tcase_add_test(tc, csv_record_over_a_limit_keeps_id_and_safety);
	tcase_add_test(tc, csv_reader_gives_fields_lengths_and_lines);
	tcase_add_test(tc, batch_loop_yields_one_result_per_record);
	tcase_add_test(tc, batch_loop_reports_a_bad_header);
	tcase_add_test(tc, batch_loop_refuses_bytes_without_a_record);
	tcase_add_test(tc, batch_loop_reads_with_the_callers_intake);
	tcase_add_test(tc, memo_agrees_with_the_parser_on_every_test_intake);
	tcase_add_test(tc, memo_agrees_with_the_parser_on_generated_cells);
	suite_add_tcase(s, tc);
	return s;
}
