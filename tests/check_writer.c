/* check_writer.c - unit tests of gm_writer: snprintf semantics, the bound, and the output of the code it replaced. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "check_suites.h"
#include "groupmatch.h"
#include "text.h"

#define MAX_ROWS 16

/* One record of tests/data/writer/rows.txt. */
struct row {
	char id[128];
	size_t idlen;
	int has_id;
	char note[128];
	size_t notelen;
	char answers[512];
};

static gm_catalog *cat;
static gm_answers *ans;
static gm_result *res;
static struct row rows[MAX_ROWS];
static size_t nrows;

static char *read_file(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *text;
	long n;

	snprintf(path, sizeof path, "%s/writer/%s", GM_TEST_DATA, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return text;
}

/* Copies the C-escaped text [s, end) into out; returns its length. */
static size_t unescape(char *out, size_t cap, const char *s, const char *end)
{
	size_t n = 0;

	for (; s < end && n + 1 < cap; s++) {
		char c = *s;

		if (c == '\\' && s + 1 < end) {
			c = *++s;
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

static void load_rows(void)
{
	char *text = read_file("rows.txt", NULL), *p = text, *nl;

	nrows = 0;
	for (; (nl = strchr(p, '\n')) && nrows < MAX_ROWS; p = nl + 1) {
		struct row *r = &rows[nrows++];
		char *t1 = memchr(p, '\t', (size_t)(nl - p)), *t2;

		ck_assert_ptr_nonnull(t1);
		t2 = memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1));
		ck_assert_ptr_nonnull(t2);
		r->has_id = !(t1 - p == 1 && *p == '-');
		r->idlen = unescape(r->id, sizeof r->id, p, t1);
		r->notelen = unescape(r->note, sizeof r->note, t1 + 1, t2);
		ck_assert_int_lt((size_t)(nl - t2), sizeof r->answers);
		memcpy(r->answers, t2 + 1, (size_t)(nl - t2 - 1));
		r->answers[nl - t2 - 1] = '\0';
	}
	free(text);
}

static void setup(void)
{
	cat = gm_catalog_load_default(NULL);
	ck_assert_ptr_nonnull(cat);
	ans = gm_answers_new(cat);
	res = gm_result_new(cat);
	load_rows();
}

static void teardown(void)
{
	gm_result_free(res);
	gm_answers_free(ans);
	gm_catalog_free(cat);
}

/* Matches row r's answers as match (flags GM_MATCH_CHANGES) or batch
 * (GM_MATCH_STAFF) does. */
static void match_row(const struct row *r, int flags)
{
	char copy[512], *save = NULL, *a;

	gm_answers_clear(ans);
	snprintf(copy, sizeof copy, "%s", r->answers);
	for (a = strtok_r(copy, " ", &save); a; a = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(a, '=');

		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		gm_answers_set(ans, a, eq + 1, NULL);
	}
	gm_match(ans, flags, res);
}

/* Writes res with w into a new string of exactly the bound plus one,
 * checking the length against the bound; cells may be NULL. */
static char *write_res(gm_writer *w, const char *id, size_t idlen, const char *const *cells,
		       const size_t *lens, size_t *len)
{
	size_t total = idlen, bound, n;
	char *buf;

	for (size_t k = 0; cells && cells[k]; k++)
		total += lens[k];
	bound = gm_writer_bound(w, total);
	buf = malloc(bound + 1);
	ck_assert_ptr_nonnull(buf);
	memset(buf, 'X', bound + 1);
	n = gm_writer_result_cells(w, res, id, idlen, cells, lens, buf, bound + 1);
	ck_assert_msg(n <= bound, "wrote %zu bytes, bound %zu", n, bound);
	ck_assert_int_eq(buf[n], '\0');
	if (len)
		*len = n;
	return buf;
}

/* --- the output of the code it replaced ------------------------------- */

/* match --format json and text, with --id, as they were written. */
START_TEST(pretty_json_and_text_equal_the_old_match_output)
{
	gm_writer_opts o = { .width = 80 };
	gm_writer *pretty = gm_writer_new(cat, GM_FORMAT_JSON_PRETTY, NULL, NULL);
	gm_writer *text = gm_writer_new(cat, GM_FORMAT_TEXT, &o, NULL);

	ck_assert_ptr_nonnull(pretty);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_ge(nrows, 8);
	for (size_t i = 0; i < nrows; i++) {
		char name[32], *want, *got;
		size_t len;

		match_row(&rows[i], GM_MATCH_CHANGES);
		snprintf(name, sizeof name, "match-%zu.json", i + 1);
		want = read_file(name, NULL);
		got = write_res(pretty, rows[i].id, rows[i].idlen, NULL, NULL, &len);
		ck_assert_str_eq(got, want);
		free(got);
		free(want);
		snprintf(name, sizeof name, "match-%zu.txt", i + 1);
		want = read_file(name, NULL);
		/* match writes no report for an invalid result: only its message */
		if (gm_result_status_of(res) != GM_RESULT_INVALID) {
			got = write_res(text, rows[i].id, rows[i].idlen, NULL, NULL, &len);
			ck_assert_msg(strncmp(got, want, len) == 0, "row %zu:\n%s\n---\n%s", i + 1, got, want);
			free(got);
		}
		free(want);
	}
	gm_writer_free(pretty);
	gm_writer_free(text);
}
END_TEST

/* batch --keep note --format csv and jsonl: header and rows. */
START_TEST(csv_and_jsonl_rows_equal_the_old_batch_output)
{
	const char *names[] = { "note" };
	gm_writer_opts o = { .ncolumns = 1, .columns = names };
	gm_writer *csv = gm_writer_new(cat, GM_FORMAT_CSV, &o, NULL);
	gm_writer *jsonl = gm_writer_new(cat, GM_FORMAT_JSON, &o, NULL);
	char *want_csv = read_file("batch.csv", NULL), *want_jsonl = read_file("batch.jsonl", NULL);
	char *pc = want_csv, *pj = want_jsonl, header[512];
	size_t n;

	ck_assert_ptr_nonnull(csv);
	ck_assert_ptr_nonnull(jsonl);
	n = gm_writer_header(csv, header, sizeof header);
	ck_assert_int_lt(n, sizeof header);
	ck_assert_int_eq(strncmp(pc, header, n), 0);
	pc += n;
	ck_assert_int_eq(gm_writer_header(jsonl, header, sizeof header), 0);
	ck_assert_str_eq(header, "");
	for (size_t i = 0; i < nrows; i++) {
		const char *cells[] = { rows[i].note, NULL };
		size_t lens[] = { rows[i].notelen, 0 };
		char *got;

		match_row(&rows[i], GM_MATCH_STAFF);
		if (!strncmp(gm_result_message(res) ? gm_result_message(res) : "", "invalid answer", 14)) {
			/* batch names the line and column of a bad cell: that
			 * message is the row decoder's, not the writer's */
			pc = strchr(pc, '\n') + 1;
			pj = strchr(pj, '\n') + 1;
			continue;
		}
		got = write_res(csv, rows[i].id, rows[i].idlen, cells, lens, &n);
		ck_assert_msg(strncmp(pc, got, n) == 0, "row %zu: got\n%s\nwant\n%.*s", i + 1, got,
			      (int)n, pc);
		pc += n;
		free(got);
		got = write_res(jsonl, rows[i].id, rows[i].idlen, cells, lens, &n);
		ck_assert_msg(strncmp(pj, got, n) == 0 && pj[n] == '\n', "row %zu: got\n%s\nwant\n%s",
			      i + 1, got, pj);
		pj += n + 1;
		free(got);
	}
	ck_assert_str_eq(pc, "");
	ck_assert_str_eq(pj, "");
	free(want_csv);
	free(want_jsonl);
	gm_writer_free(csv);
	gm_writer_free(jsonl);
}
END_TEST

/* The compact object is the pretty one without its spaces. */
START_TEST(compact_json_is_the_pretty_object_on_one_line)
{
	gm_writer *compact = gm_writer_new(cat, GM_FORMAT_JSON, NULL, NULL);
	gm_writer *pretty = gm_writer_new(cat, GM_FORMAT_JSON_PRETTY, NULL, NULL);

	for (size_t i = 0; i < nrows; i++) {
		char *a, *b, *pa, *pb;
		cJSON *ja, *jb;

		match_row(&rows[i], GM_MATCH_CHANGES);
		a = write_res(compact, rows[i].id, rows[i].idlen, NULL, NULL, NULL);
		b = write_res(pretty, rows[i].id, rows[i].idlen, NULL, NULL, NULL);
		ck_assert_ptr_null(strchr(a, '\n'));
		ja = cJSON_Parse(a);
		jb = cJSON_Parse(b);
		ck_assert_ptr_nonnull(ja);
		ck_assert_ptr_nonnull(jb);
		pa = cJSON_PrintUnformatted(ja);
		pb = cJSON_PrintUnformatted(jb);
		ck_assert_str_eq(pa, pb);
		free(pa);
		free(pb);
		cJSON_Delete(ja);
		cJSON_Delete(jb);
		free(a);
		free(b);
	}
	gm_writer_free(compact);
	gm_writer_free(pretty);
}
END_TEST

/* --- snprintf semantics ---------------------------------------------- */

static const gm_format all_formats[] = {
	GM_FORMAT_JSON, GM_FORMAT_JSON_PRETTY, GM_FORMAT_CSV, GM_FORMAT_TEXT
};

START_TEST(cap_zero_writes_nothing_and_returns_the_length)
{
	gm_writer *w = gm_writer_new(cat, all_formats[_i], NULL, NULL);
	char *whole, canary = '#';
	size_t len;

	match_row(&rows[0], GM_MATCH_CHANGES);
	whole = write_res(w, "P1", 2, NULL, NULL, &len);
	ck_assert_int_gt(len, 0);
	ck_assert_int_eq(gm_writer_result(w, res, "P1", 2, NULL, 0), len);
	ck_assert_int_eq(gm_writer_result(w, res, "P1", 2, &canary, 0), len);
	ck_assert_int_eq(canary, '#');
	free(whole);
	gm_writer_free(w);
}
END_TEST

START_TEST(a_small_buffer_gets_a_cut_nul_terminated_prefix)
{
	gm_writer *w = gm_writer_new(cat, all_formats[_i], NULL, NULL);
	char *whole, *buf;
	size_t len, caps[] = { 1, 2, 7, 100 }, k;

	match_row(&rows[4], GM_MATCH_CHANGES);
	whole = write_res(w, "P5", 2, NULL, NULL, &len);
	buf = malloc(len + 2);
	for (k = 0; k < sizeof caps / sizeof *caps; k++) {
		size_t cap = caps[k] < len ? caps[k] : len;

		memset(buf, '#', len + 2);
		ck_assert_int_eq(gm_writer_result(w, res, "P5", 2, buf, cap), len);
		ck_assert_int_eq(buf[cap - 1], '\0');
		ck_assert_int_eq(memcmp(buf, whole, cap - 1), 0);
		ck_assert_int_eq(buf[cap], '#');
	}
	/* exact fit: the length plus its NUL */
	memset(buf, '#', len + 2);
	ck_assert_int_eq(gm_writer_result(w, res, "P5", 2, buf, len + 1), len);
	ck_assert_str_eq(buf, whole);
	ck_assert_int_eq(buf[len + 1], '#');
	/* one short: the last byte gives way to the NUL */
	ck_assert_int_eq(gm_writer_result(w, res, "P5", 2, buf, len), len);
	ck_assert_int_eq(strlen(buf), len - 1);
	ck_assert_int_eq(memcmp(buf, whole, len - 1), 0);
	free(buf);
	free(whole);
	gm_writer_free(w);
}
END_TEST

START_TEST(a_missing_writer_or_result_writes_an_empty_string)
{
	gm_writer *w = gm_writer_new(cat, GM_FORMAT_JSON, NULL, NULL);
	char buf[8] = "xxxxxxx";

	ck_assert_int_eq(gm_writer_result(NULL, res, "a", 1, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "");
	buf[0] = 'x';
	ck_assert_int_eq(gm_writer_result(w, NULL, "a", 1, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(gm_writer_bound(NULL, 10), 0);
	gm_writer_free(w);
	gm_writer_free(NULL);
}
END_TEST

START_TEST(bad_options_are_refused_with_a_message)
{
	gm_writer_opts o = { .top = -1 };
	gm_error err;

	ck_assert_ptr_null(gm_writer_new(cat, GM_FORMAT_CSV, &o, &err));
	ck_assert_int_eq(err.status, GM_ERR_ARG);
	ck_assert_str_ne(err.message, "");
	ck_assert_ptr_null(gm_writer_new(cat, (gm_format)42, NULL, &err));
	ck_assert_int_eq(err.status, GM_ERR_ARG);
	o.top = 0;
	o.ncolumns = 2;
	ck_assert_ptr_null(gm_writer_new(cat, GM_FORMAT_CSV, &o, &err));
	ck_assert_ptr_null(gm_writer_new(NULL, GM_FORMAT_CSV, NULL, &err));
}
END_TEST

/* --- the bound -------------------------------------------------------- */

/* An id that makes every escape as long as it gets: quotes, commas, line
 * ends, control bytes (six bytes each in JSON), invalid UTF-8, bidi
 * controls, spaces for the text wrap. */
static size_t hostile_id(char *out, size_t n)
{
	static const char bits[] = "\"\x01,\n\r \\\x7f\xff\xe2\x80\xae \t\"";
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = bits[i % (sizeof bits - 1)];
	return n;
}

/* Every format, for every answer set, with ids and cells from empty to
 * long and hostile, with and without kept columns, as match and as batch
 * would match: never more than the bound. */
START_TEST(the_bound_holds_for_hostile_ids_cells_and_every_result)
{
	static const size_t idlens[] = { 0, 1, 17, 300, 5000 };
	const char *names[] = { "a\"b", "note,2", "\x01" };
	static char id[5000], cell[5000];
	gm_writer_opts with = { .ncolumns = 3, .columns = names, .top = 6, .width = 40,
				.color = 1, .utf8 = 1 };
	const int flags[] = { GM_MATCH_CHANGES, GM_MATCH_STAFF, GM_MATCH_STAFF | GM_MATCH_STRICT };

	hostile_id(id, sizeof id);
	hostile_id(cell, sizeof cell);
	for (int lead = 0; lead < 2; lead++)	/* then as formulas: a ' more per cell */
	for (size_t f = 0; f < sizeof all_formats / sizeof *all_formats; f++)
		for (int kept = 0; kept < 2; kept++) {
			gm_writer *w = gm_writer_new(cat, all_formats[f], kept ? &with : NULL, NULL);

			ck_assert_ptr_nonnull(w);
			id[0] = lead ? '=' : '"';
			cell[0] = lead ? '@' : '"';
			for (size_t i = 0; i < nrows; i++)
				for (size_t m = 0; m < sizeof flags / sizeof *flags; m++) {
					match_row(&rows[i], flags[m]);
					for (size_t k = 0; k < sizeof idlens / sizeof *idlens; k++) {
						const char *cells[] = { cell, "", cell, NULL };
						size_t lens[] = { idlens[k], 0, idlens[k] / 2, 0 };

						free(write_res(w, idlens[k] ? id : NULL, idlens[k],
							       kept ? cells : NULL, lens, NULL));
					}
				}
			gm_writer_free(w);
		}
}
END_TEST

/* A writer made with the bound's room never allocates per row: the
 * buffer it is given is enough, and what it writes there is whole. */
START_TEST(a_row_written_into_the_bound_is_the_same_as_one_written_through_scratch)
{
	gm_writer *w = gm_writer_new(cat, GM_FORMAT_JSON, NULL, NULL);
	char id[300], *whole, *cut;
	size_t len, n;

	hostile_id(id, sizeof id);
	match_row(&rows[4], GM_MATCH_CHANGES);
	whole = write_res(w, id, sizeof id, NULL, NULL, &len);
	cut = malloc(len + 1);
	n = gm_writer_result(w, res, id, sizeof id, cut, len + 1);	/* below the bound */
	ck_assert_int_eq(n, len);
	ck_assert_str_eq(cut, whole);
	free(cut);
	free(whole);
	gm_writer_free(w);
}
END_TEST

START_TEST(the_provenance_line_follows_snprintf)
{
	char buf[256], small[8];
	size_t n = gm_catalog_provenance(cat, 12, buf, sizeof buf);

	ck_assert_int_eq(n, strlen(buf));
	ck_assert_ptr_nonnull(strstr(buf, "sha256 "));
	ck_assert_int_eq(strlen(strstr(buf, "sha256 ") + 7), 12);
	ck_assert_int_eq(gm_catalog_provenance(cat, 12, NULL, 0), n);
	ck_assert_int_eq(gm_catalog_provenance(cat, 12, small, sizeof small), n);
	ck_assert_int_eq(strlen(small), sizeof small - 1);
	ck_assert_int_eq(strncmp(small, buf, sizeof small - 1), 0);
	n = gm_catalog_provenance(cat, 64, buf, sizeof buf);
	ck_assert_int_eq(strlen(strstr(buf, "sha256 ") + 7), 64);
}
END_TEST

/* --- spreadsheet-safe cells -------------------------------------------- */

/* The text of the CSV cell at *p (quoted or not), into out; moves *p past
 * it and its comma.  Returns its length. */
static size_t csv_cell(const char **p, char *out, size_t cap)
{
	const char *s = *p;
	size_t n = 0;

	if (*s == '"') {
		for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
			if (*s == '"')
				s++;
			ck_assert_uint_lt(n, cap);
			out[n++] = *s;
		}
		ck_assert_int_eq(*s, '"');
		s++;
	} else {
		for (; *s && *s != ',' && *s != '\n'; s++) {
			ck_assert_uint_lt(n, cap);
			out[n++] = *s;
		}
	}
	if (*s == ',')
		s++;
	*p = s;
	return n;
}

START_TEST(a_formula_is_what_starts_with_a_formula_character)
{
	static const char *const yes[] = { "=1", "+1", "-1", "@A1", "\t1", "\r1", "  =1", " -", "=",
					   " \t=1", "\n=1", " \r\n@x", "\t" };
	static const char *const no[] = { "", " ", "a=1", "1-2", "'=1", "\n", " \n x=1", "\"=1",
					  "\xef\xbc\x9d" "1", "x@y" };

	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		ck_assert_msg(text_csv_formula(yes[i], strlen(yes[i])), "'%s'", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		ck_assert_msg(!text_csv_formula(no[i], strlen(no[i])), "'%s'", no[i]);
	ck_assert(!text_csv_formula("=1", 0));
}
END_TEST

/* Every string of the hostile table as a cell: read back, it is the
 * string after a ' when it starts as a formula, and the string as it is
 * when raw; the cell never starts as a formula unless raw, and fits
 * TEXT_CSV_ROOM. */
START_TEST(every_hostile_string_is_a_spreadsheet_safe_cell)
{
	const char *s;
	size_t len;

	for (size_t i = 0; hostile_string(i, &s, &len); i++)
		for (unsigned flags = 0; flags <= TEXT_CSV_RAW; flags += TEXT_CSV_RAW) {
			struct buf b = BUF_INIT;
			char back[600], *put = malloc(TEXT_CSV_ROOM(len));
			const char *p;
			size_t n, m;
			int guard = !flags && text_csv_formula(s, len);

			text_csv_cell(&b, s, len, flags);
			buf_addc(&b, ',');
			p = buf_cstr(&b);
			n = csv_cell(&p, back, sizeof back);
			ck_assert_int_eq(*p, '\0');
			ck_assert_uint_eq(n, len + (size_t)guard);
			if (guard)
				ck_assert_int_eq(back[0], '\'');
			ck_assert_int_eq(memcmp(back + guard, s, len), 0);
			ck_assert_msg(flags || !text_csv_formula(back, n), "string %zu runs", i);
			m = (size_t)(text_csv_put(put, s, len, flags) - put);
			ck_assert_uint_le(m, TEXT_CSV_ROOM(len));
			ck_assert_uint_eq(m, b.len - 1);
			ck_assert_int_eq(memcmp(put, b.data, m), 0);
			free(put);
			buf_release(&b);
		}
}
END_TEST

START_TEST(the_helpers_keep_plain_cells_and_quote_as_before)
{
	struct buf b = BUF_INIT;

	text_csv_str(&b, "plain");
	buf_addc(&b, '|');
	text_csv_field(&b, "a,\"b\"", 5);
	buf_addc(&b, '|');
	text_csv_str(&b, "-x,y");
	buf_addc(&b, '|');
	text_csv_cstr(&b, "-x,y", TEXT_CSV_RAW);
	buf_addc(&b, '|');
	text_csv_str(&b, NULL);
	text_csv_cstr(&b, "@", 0);
	ck_assert_str_eq(buf_cstr(&b), "plain|\"a,\"\"b\"\"\"|\"'-x,y\"|\"-x,y\"|'@");
	buf_release(&b);
}
END_TEST

/* The writer's CSV: the id, the kept cells and the kept columns' names
 * are spreadsheet-safe, or as they are with GM_WRITE_RAW_CELLS; the
 * percents it writes are never prefixed. */
START_TEST(the_csv_writer_guards_ids_cells_and_names_unless_raw)
{
	const char *names[] = { "=name", "note" };
	const char *cells[] = { "+cmd|' /C calc'!A0", "-2", NULL };
	const size_t lens[] = { strlen(cells[0]), strlen(cells[1]) };
	static const char id[] = "@SUM(1,2)";

	match_row(&rows[0], GM_MATCH_STAFF);
	for (int raw = 0; raw < 2; raw++) {
		gm_writer_opts o = { .ncolumns = 2, .columns = names,
				     .flags = raw ? GM_WRITE_RAW_CELLS : 0 };
		gm_writer *w = gm_writer_new(cat, GM_FORMAT_CSV, &o, NULL);
		char header[512], got[64];
		char *row;
		const char *p;

		ck_assert_ptr_nonnull(w);
		gm_writer_header(w, header, sizeof header);
		ck_assert_str_eq(header, raw ? "id,=name,note,status,safety,rank1,rank1_percent,rank2,"
				 "rank2_percent,rank3,rank3_percent,setting,message\n"
				 : "id,'=name,note,status,safety,rank1,rank1_percent,rank2,"
				 "rank2_percent,rank3,rank3_percent,setting,message\n");
		row = write_res(w, id, sizeof id - 1, cells, lens, NULL);
		p = row;
		got[csv_cell(&p, got, sizeof got - 1)] = '\0';
		ck_assert_str_eq(got, raw ? "@SUM(1,2)" : "'@SUM(1,2)");
		got[csv_cell(&p, got, sizeof got - 1)] = '\0';
		ck_assert_str_eq(got, raw ? "+cmd|' /C calc'!A0" : "'+cmd|' /C calc'!A0");
		got[csv_cell(&p, got, sizeof got - 1)] = '\0';
		ck_assert_str_eq(got, raw ? "-2" : "'-2");
		ck_assert_msg(strncmp(p, "ok,no,support,", 14) == 0 && p[14] >= '1' && p[14] <= '9',
			      "%s", p);	/* its numbers as numbers */
		free(row);
		gm_writer_free(w);
	}
}
END_TEST

START_TEST(an_unknown_writer_flag_is_refused)
{
	gm_writer_opts o = { .flags = 2 };
	gm_error err;

	ck_assert_ptr_null(gm_writer_new(cat, GM_FORMAT_CSV, &o, &err));
	ck_assert_int_eq(err.status, GM_ERR_ARG);
}
END_TEST

/* The text report shows an id with no control character, bidirectional
 * control or invalid UTF-8: each is a '?'. */
START_TEST(the_text_report_shows_a_hostile_id_as_printable_text)
{
	gm_writer *w = gm_writer_new(cat, GM_FORMAT_TEXT, NULL, NULL);
	static const char id[] = "P\033]52;c;eA==\a\xc2\x9b" "2J\xe2\x80\xaex\xff\ny";
	static const char want[] = "Id: P?]52;c;eA==??2J?x??y\n\n";
	char *got;

	ck_assert_ptr_nonnull(w);
	match_row(&rows[0], GM_MATCH_CHANGES);
	got = write_res(w, id, sizeof id - 1, NULL, NULL, NULL);
	ck_assert_msg(strncmp(got, want, sizeof want - 1) == 0, "%.40s", got);
	free(got);
	gm_writer_free(w);
}
END_TEST

Suite *writer_suite(void)
{
	Suite *s = suite_create("writer");
	TCase *old = tcase_create("old_output");
	TCase *sn = tcase_create("snprintf");
	TCase *bound = tcase_create("bound");

	tcase_add_checked_fixture(old, setup, teardown);
	tcase_add_test(old, pretty_json_and_text_equal_the_old_match_output);
	tcase_add_test(old, csv_and_jsonl_rows_equal_the_old_batch_output);
	tcase_add_test(old, compact_json_is_the_pretty_object_on_one_line);
	suite_add_tcase(s, old);
	tcase_add_checked_fixture(sn, setup, teardown);
	tcase_add_loop_test(sn, cap_zero_writes_nothing_and_returns_the_length, 0, 4);
	tcase_add_loop_test(sn, a_small_buffer_gets_a_cut_nul_terminated_prefix, 0, 4);
	tcase_add_test(sn, a_missing_writer_or_result_writes_an_empty_string);
	tcase_add_test(sn, bad_options_are_refused_with_a_message);
	tcase_add_test(sn, the_provenance_line_follows_snprintf);
	tcase_add_test(sn, a_formula_is_what_starts_with_a_formula_character);
	tcase_add_test(sn, every_hostile_string_is_a_spreadsheet_safe_cell);
	tcase_add_test(sn, the_helpers_keep_plain_cells_and_quote_as_before);
	tcase_add_test(sn, the_csv_writer_guards_ids_cells_and_names_unless_raw);
	tcase_add_test(sn, an_unknown_writer_flag_is_refused);
	tcase_add_test(sn, the_text_report_shows_a_hostile_id_as_printable_text);
	suite_add_tcase(s, sn);
	tcase_add_checked_fixture(bound, setup, teardown);
	tcase_set_timeout(bound, 60);
	tcase_add_test(bound, the_bound_holds_for_hostile_ids_cells_and_every_result);
	tcase_add_test(bound, a_row_written_into_the_bound_is_the_same_as_one_written_through_scratch);
	suite_add_tcase(s, bound);
	return s;
}
