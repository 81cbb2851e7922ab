/* check_csv.c - unit tests of the streaming CSV reader, at every read block size. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include "check_suites.h"
#include "csv.h"

/* Read block sizes every input is parsed with: records then straddle
 * refills at every possible byte. */
static const size_t blocks[] = { 1, 2, 3, 4, 5, 7, 16, 17, 64, 0 };
#define NBLOCKS (sizeof blocks / sizeof blocks[0])

/* Renders every record of in as "line:[f1|f2]" (bytes outside printable
 * ASCII as \xNN, '|' and '\' escaped), errors as "!code@column", records
 * separated by spaces. */
static char set_delim = ',';     /* csv_set_delimiter's argument (0: detect) */
static int set_encoding = CSV_UTF8;

static char *render_with(const char *in, size_t len, const struct csv_limits *lim)
{
	static char out[1 << 16];
	size_t o = 0;
	struct csv_reader *r = csv_new_mem(in, len, lim);
	struct csv_record rec;
	int rc;

	ck_assert_ptr_nonnull(r);
	csv_set_delimiter(r, set_delim);
	csv_set_encoding(r, set_encoding);
	out[0] = '\0';
	while ((rc = csv_read(r, &rec)) == 1) {
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%lu:[", o ? " " : "",
				      (unsigned long)rec.line);
		for (size_t i = 0; i < rec.nfields && o < sizeof out - 64; i++) {
			const unsigned char *p = (const unsigned char *)rec.fields[i].p;

			if (i)
				out[o++] = '|';
			for (size_t j = 0; j < rec.fields[i].len && o < sizeof out - 64; j++) {
				if (p[j] < 0x20 || p[j] >= 0x7f || p[j] == '|' || p[j] == '\\')
					o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", p[j]);
				else
					out[o++] = (char)p[j];
			}
		}
		out[o++] = ']';
		if (rec.error)
			o += (size_t)snprintf(out + o, sizeof out - o, "!%d@%zu",
					      (int)rec.error, rec.error_column);
		out[o] = '\0';
	}
	ck_assert_int_eq(rc, 0);
	csv_free(r);
	return out;
}

/* Parses in (len bytes, or strlen when len is 0) at every block size,
 * checks they all agree with want, and returns the rendering. */
static void expect_n(const char *in, size_t len, const char *want,
		     const struct csv_limits *base)
{
	for (size_t i = 0; i < NBLOCKS; i++) {
		struct csv_limits lim = { 0, 0, 0, 0 };

		if (base)
			lim = *base;
		lim.block = blocks[i];
		ck_assert_msg(strcmp(render_with(in, len, &lim), want) == 0,
			      "block %zu: got %s, wanted %s", blocks[i],
			      render_with(in, len, &lim), want);
	}
}

static void expect(const char *in, const char *want)
{
	expect_n(in, strlen(in), want, NULL);
}

/* Reads in with the delimiter picked from its first line, at every block
 * size, and checks which one was picked. */
static void expect_detected(const char *in, char want_delim, const char *want)
{
	struct csv_reader *r;
	struct csv_record rec;

	set_delim = 0;
	expect(in, want);
	r = csv_new_mem(in, strlen(in), NULL);
	ck_assert_ptr_nonnull(r);
	csv_set_delimiter(r, 0);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	ck_assert_int_eq(csv_delimiter(r), want_delim);
	csv_free(r);
	set_delim = ',';
}

START_TEST(detects_the_delimiter_from_the_first_line)
{
	expect_detected("id;crisis;goals\r\nP1;no;\"a,b\"\r\n", ';',
			"1:[id|crisis|goals] 2:[P1|no|a,b]");
	expect_detected("id\tcrisis\nP1\tno\n", '\t', "1:[id|crisis] 2:[P1|no]");
	expect_detected("id,crisis\nP1;x,no\n", ',', "1:[id|crisis] 2:[P1;x|no]");
	/* separators inside quotes do not count, even across a quoted line break */
	expect_detected("\"a;b;c\nd;e\",crisis\nP1,no\n", ',', "1:[a;b;c\\x0ad;e|crisis] 3:[P1|no]");
	/* no line end at all, in another encoding: the same at every block size */
	set_encoding = CSV_CP1252;
	expect_detected("\xb3\xb3;x", ';', "1:[\\xc2\\xb3\\xc2\\xb3|x]");
	set_encoding = CSV_UTF8;
	/* one column: nothing to pick, the comma stays */
	expect_detected("id\nP1\n", ',', "1:[id] 2:[P1]");
}
END_TEST

START_TEST(reads_a_forced_delimiter)
{
	set_delim = ';';
	expect("id;crisis\nP1;\"no;really\"\n", "1:[id|crisis] 2:[P1|no;really]");
	expect("id,crisis\nP1,no\n", "1:[id,crisis] 2:[P1,no]");
	set_delim = '\t';
	expect("a\tb\n1\t\"x\ty\"\n", "1:[a|b] 2:[1|x\\x09y]");
	set_delim = ',';
}
END_TEST

START_TEST(converts_latin1_and_cp1252_to_utf8)
{
	set_encoding = CSV_LATIN1;
	/* e-acute, and 0x80 (a C1 control in Latin-1) */
	expect("id\n\xe9t\xe9\x80\n", "1:[id] 2:[\\xc3\\xa9t\\xc3\\xa9\\xc2\\x80]");
	set_encoding = CSV_CP1252;
	/* the euro sign and curly quotes live in 0x80-0x9f */
	expect("id,n\n\xe9,\x80\x93\n", "1:[id|n] 2:[\\xc3\\xa9|\\xe2\\x82\\xac\\xe2\\x80\\x9c]");
	/* quoting and line counting are unchanged by the conversion */
	expect("a,b\n\"\xe9\n\xe9\",1\n", "1:[a|b] 2:[\\xc3\\xa9\\x0a\\xc3\\xa9|1]");
	set_encoding = CSV_UTF8;
	expect("id\n\xe9\n", "1:[id] 2:[\\xe9]");
}
END_TEST

START_TEST(reads_simple_records_with_lf_line_ends)
{
	expect("id,goals\nP1,grief\nP2,panic\n", "1:[id|goals] 2:[P1|grief] 3:[P2|panic]");
}
END_TEST

START_TEST(reads_crlf_line_ends_without_keeping_the_cr)
{
	expect("a,b\r\nc,d\r\n", "1:[a|b] 2:[c|d]");
}
END_TEST

START_TEST(accepts_lf_and_crlf_mixed_in_one_file)
{
	expect("a,b\r\nc,d\ne,f\r\n", "1:[a|b] 2:[c|d] 3:[e|f]");
}
END_TEST

START_TEST(ends_a_bare_field_and_its_record_at_a_lone_cr)
{
	/* as Python's csv module reads it: a CR outside quotes is a line end */
	expect("a\rb,c\n", "1:[a] 2:[b|c]");
}
END_TEST

START_TEST(reads_a_last_record_without_a_final_newline)
{
	expect("a,b\nc,d", "1:[a|b] 2:[c|d]");
	expect("a,b\nc,d\r", "1:[a|b] 2:[c|d]");
}
END_TEST

START_TEST(reports_empty_fields_anywhere_in_a_record)
{
	expect(",a,,\n,\n", "1:[|a||] 2:[|]");
	expect("a,", "1:[a|]");
}
END_TEST

START_TEST(unescapes_doubled_quotes_in_quoted_fields)
{
	expect("\"say \"\"hi\"\"\",x\n", "1:[say \"hi\"|x]");
	expect("\"\"\"\"\n", "1:[\"]");
	expect("\"a\"\"\",\"\"\"b\"\n", "1:[a\"|\"b]");
}
END_TEST

START_TEST(keeps_commas_and_newlines_inside_quoted_fields)
{
	expect("\"anxiety,panic\",\"two\nlines\"\nP2,x\n",
	       "1:[anxiety,panic|two\\x0alines] 3:[P2|x]");
}
END_TEST

START_TEST(keeps_crlf_inside_quoted_fields_and_counts_the_line)
{
	expect("\"a\r\nb\"\r\nc\r\n", "1:[a\\x0d\\x0ab] 3:[c]");
}
END_TEST

START_TEST(counts_physical_lines_across_many_embedded_newlines)
{
	expect("\"\n\n\n\",x\ny\n\"\n\"\nz", "1:[\\x0a\\x0a\\x0a|x] 5:[y] 6:[\\x0a] 8:[z]");
}
END_TEST

START_TEST(reads_an_empty_quoted_field_as_a_record)
{
	expect("\"\"\n\"\",\"\"\n", "1:[] 2:[|]");
}
END_TEST

START_TEST(skips_blank_lines_but_counts_them)
{
	expect("\na\n\n\r\nb\n\n", "2:[a] 5:[b]");
}
END_TEST

START_TEST(skips_a_utf8_byte_order_mark_at_the_start_only)
{
	expect("\xEF\xBB\xBFid,x\n1,2\n", "1:[id|x] 2:[1|2]");
	expect("a\n\xEF\xBB\xBF\n", "1:[a] 2:[\\xef\\xbb\\xbf]");
	expect("\xEF\xBB\xBF", "");
	expect("\xEF\xBB", "1:[\\xef\\xbb]");
	/* a file saved twice: every mark goes, and a quoted field after them is one */
	expect("\xEF\xBB\xBF\xEF\xBB\xBF\"crisis\",id\nyes,1\n", "1:[crisis|id] 2:[yes|1]");
	expect("\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF", "");
}
END_TEST

START_TEST(ends_a_record_at_a_cr_alone)
{
	/* Excel's "CSV (Macintosh)" */
	expect("id,crisis\r1,yes\r2,no", "1:[id|crisis] 2:[1|yes] 3:[2|no]");
	expect("id,crisis\r1,yes\r", "1:[id|crisis] 2:[1|yes]");
	expect("a,\r,b\r\"q\"\rz", "1:[a|] 2:[|b] 3:[q] 4:[z]");
	expect("\"ab\"\rc\r", "1:[ab] 2:[c]");
	expect("\"ab\"x\ry\r", "1:[ab]!1@1 2:[y]");
}
END_TEST

START_TEST(reads_cr_cr_lf_as_one_line_end)
{
	expect("a,b\r\r\nc,d\r\r\n", "1:[a|b] 2:[c|d]");
	expect("a\r\r\nb", "1:[a] 2:[b]");
	expect("\"a\"\r\r\nb\r\r\n", "1:[a] 2:[b]");
	/* three CRs: a CR alone, then CR CR LF */
	expect("a\r\r\r\nb\n", "1:[a] 3:[b]");
	expect("a\r\rb\n", "1:[a] 3:[b]");
	expect("a\r\r", "1:[a]");
}
END_TEST

/* CR CR then not LF: the second CR starts the next line, so it does not
 * count toward the record's length, whichever read it arrives in. */
START_TEST(does_not_count_a_second_cr_toward_the_record_limit)
{
	const struct csv_limits lim = { 1, 2, 4, 0 };

	expect_n("\x06,3\r\r)\n", 7, "1:[\\x06|3] 3:[)]", &lim);
	expect_n("\x06,3\r\r\n", 6, "1:[]!5@0", &lim);
}
END_TEST

START_TEST(reads_every_mix_of_line_ends)
{
	expect("a\rb\nc\r\nd\r\r\ne", "1:[a] 2:[b] 3:[c] 4:[d] 5:[e]");
	expect("\r\ra\r\r\r\nb", "3:[a] 5:[b]");
	expect("\r\n\r\r\n\n\r", "");
}
END_TEST

START_TEST(keeps_cr_and_lf_inside_quoted_fields_whatever_the_line_ends)
{
	expect("\"x\ry\"\r\"p\r\nq\"\r\"s\r\r\nt\"\r",
	       "1:[x\\x0dy] 2:[p\\x0d\\x0aq] 4:[s\\x0d\\x0d\\x0at]");
	expect("\"a\r\",\"\r\"\r\r\nz", "1:[a\\x0d|\\x0d] 2:[z]");
}
END_TEST

/* What the reader must give, by a plain byte-at-a-time model of the
 * dialect (no limits): fields, quoted fields with "" and any bytes, text
 * after a closing quote an error, and a line end of LF, CR LF, CR CR LF
 * or a CR alone; blank lines skipped; lines counted at line ends and at
 * the LFs inside quoted fields. */
static void model_render(const char *in, size_t n, char *out, size_t outsz)
{
	size_t i = 0, o = 0, line = 1;

	out[0] = '\0';
	if (n >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n) {
		char rec[4096];
		size_t r = 0, nf = 0, start_line = line, errcol = 0;
		int quoted_any = 0, err = 0;

		for (;;) {	/* one field */
			int quoted = i < n && in[i] == '"';
			char fld[2048];
			size_t fl = 0;

			if (quoted) {
				quoted_any = 1;
				i++;
				for (;;) {
					if (i >= n) {
						err = 2;
						errcol = nf + 1;
						break;
					}
					if (in[i] == '"' && i + 1 < n && in[i + 1] == '"') {
						fld[fl++] = '"';
						i += 2;
						continue;
					}
					if (in[i] == '"') {
						i++;
						break;
					}
					if (in[i] == '\n')
						line++;
					fld[fl++] = in[i++];
				}
				if (err != 2 && i < n && in[i] != ',' && in[i] != '\n' && in[i] != '\r') {
					if (!err) {
						err = 1;
						errcol = nf + 1;
					}
					while (i < n && in[i] != ',' && in[i] != '\n' && in[i] != '\r')
						i++;
				}
			} else {
				while (i < n && in[i] != ',' && in[i] != '\n' && in[i] != '\r')
					fld[fl++] = in[i++];
			}
			if (nf)
				rec[r++] = '|';
			for (size_t k = 0; k < fl; k++) {
				unsigned char c = (unsigned char)fld[k];

				if (c < 0x20 || c >= 0x7f || c == '|' || c == '\\')
					r += (size_t)sprintf(rec + r, "\\x%02x", c);
				else
					rec[r++] = (char)c;
			}
			nf++;
			if (i < n && in[i] == ',') {
				i++;
				continue;
			}
			break;
		}
		if (i < n) {	/* a line end */
			if (in[i] == '\r' && i + 2 < n + 0 && in[i + 1] == '\r' && in[i + 2] == '\n')
				i += 3;
			else if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n')
				i += 2;
			else
				i++;
			line++;
		}
		rec[r] = '\0';
		if (nf == 1 && r == 0 && !quoted_any && !err)
			continue;
		o += (size_t)snprintf(out + o, outsz - o, "%s%zu:[%s]", o ? " " : "", start_line, rec);
		if (err)
			o += (size_t)snprintf(out + o, outsz - o, "!%d@%zu", err, err == 2 ? nf : errcol);
	}
}

START_TEST(reads_generated_inputs_as_the_model_says_at_every_block_size)
{
	static const char alphabet[] = "aab,,\"\r\r\n \xEF";
	static char in[400], want[1 << 15];
	uint64_t seed = 99;

	for (int round = 0; round < 3000; round++) {
		size_t n = 1 + (size_t)round % 300;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			in[i] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
		}
		model_render(in, n, want, sizeof want);
		expect_n(in, n, want, NULL);
	}
}
END_TEST

/* Long bare fields put their line end's CR at every offset of the fast
 * path's 64-byte blocks, its LF in the same block or the next. */
START_TEST(ends_long_bare_fields_at_every_line_end_and_offset)
{
	static const char *const ends[] = { "\n", "\r\n", "\r", "\r\r\n" };
	static char in[1024], want[4096];

	for (size_t lead = 0; lead < 3; lead++)
		for (size_t len = 1; len < 200; len++)
			for (int e = 0; e < 4; e++) {
				size_t n = 0;

				for (size_t i = 0; i < lead; i++)
					in[n++] = ',';
				for (size_t i = 0; i < len; i++)
					in[n++] = (char)('a' + i % 26);
				n += (size_t)sprintf(in + n, "%sz,%s", ends[e], ends[e]);
				model_render(in, n, want, sizeof want);
				expect_n(in, n, want, NULL);
			}
}
END_TEST

/* Records written with every line end read back alike, quoted CRs and
 * LFs inside them kept. */
START_TEST(reads_the_same_records_with_every_line_end)
{
	static const char *const ends[] = { "\n", "\r\n", "\r", "\r\r\n" };
	static const char *const cells[] = { "yes", "", "\"a\rb\"", "\"c\nd\"", "\"e\r\nf\"",
		"\"g,\"\"h\"", "no", "x y" };
	uint64_t seed = 7;
	char in[4096], want[8192];

	for (int round = 0; round < 400; round++) {
		char got[4][8192];

		for (int e = 0; e < 4; e++) {
			uint64_t s = seed;
			size_t o = 0;

			for (int row = 0; row < 6; row++) {
				for (int c = 0; c < 3; c++) {
					s = s * 6364136223846793005ULL + 1442695040888963407ULL;
					o += (size_t)sprintf(in + o, "%s%s", c ? "," : "",
							     cells[(s >> 33) % 8]);
				}
				o += (size_t)sprintf(in + o, "%s", ends[e]);
			}
			strcpy(got[e], render_with(in, o, NULL));
			/* and at every block size, against the model */
			model_render(in, o, want, sizeof want);
			expect_n(in, o, want, NULL);
		}
		/* line numbers differ only by the LFs inside quoted fields,
		 * which are the same in all four: the records are the same */
		for (int e = 1; e < 4; e++)
			ck_assert_msg(strcmp(got[0], got[e]) == 0, "round %d: %s / %s", round, got[0],
				      got[e]);
		seed = seed * 2862933555777941757ULL + 3037000493ULL;
	}
}
END_TEST

START_TEST(reports_ragged_rows_by_their_field_count)
{
	expect("a,b,c\n1,2\n1,2,3,4\n", "1:[a|b|c] 2:[1|2] 3:[1|2|3|4]");
}
END_TEST

START_TEST(reports_an_unterminated_quote_at_end_of_file_as_a_record)
{
	expect("a,b\n1,\"open\nmore", "1:[a|b] 2:[1|open\\x0amore]!2@2");
	expect("\"", "1:[]!2@1");
}
END_TEST

START_TEST(reports_text_after_a_closing_quote_and_reads_on)
{
	expect("\"ab\"c,d\ne,f\n", "1:[ab|d]!1@1 2:[e|f]");
	expect("x,\"ab\" \rc\nd\n", "1:[x|ab]!1@2 2:[c] 3:[d]");
	expect("\"ab\" \n", "1:[ab]!1@1");
}
END_TEST

START_TEST(accepts_a_closing_quote_then_crlf_or_end_of_file)
{
	expect("\"a\"\r\n\"b\"", "1:[a] 2:[b]");
	expect("\"a\"\r", "1:[a]");
}
END_TEST

START_TEST(keeps_a_quote_inside_a_bare_field_literally)
{
	expect("a\"b,c\"\n", "1:[a\"b|c\"]");
}
END_TEST

START_TEST(keeps_nul_bytes_inside_fields)
{
	static const char in[] = "a\0b,\"c\0\"\n\0\n";

	expect_n(in, sizeof in - 1, "1:[a\\x00b|c\\x00] 2:[\\x00]", NULL);
}
END_TEST

START_TEST(reads_an_empty_input_as_no_records)
{
	expect("", "");
	expect("\n\n\r\n", "");
}
END_TEST

START_TEST(reports_a_field_over_the_limit_and_resumes_at_the_next_record)
{
	struct csv_limits lim = { 8, 0, 0, 0 };

	expect_n("id,x\nP1,123456789\nP2,12345678\n", 0 + 30,
		 "1:[id|x] 2:[]!3@2 3:[P2|12345678]", &lim);
	expect_n("a,\"12345\n6789\"\nb\n", 17, "1:[]!3@2 3:[b]", &lim);
}
END_TEST

START_TEST(reports_too_many_columns_and_resumes_at_the_next_record)
{
	struct csv_limits lim = { 0, 3, 0, 0 };

	expect_n("a,b,c\na,b,c,d\n\"x\ny\",2\n", 22, "1:[a|b|c] 2:[]!4@4 3:[x\\x0ay|2]", &lim);
}
END_TEST

START_TEST(reports_a_record_over_the_limit)
{
	struct csv_limits lim = { 0, 0, 10, 0 };

	expect_n("1,2,3,4,5,6\n1,2\n", 16, "1:[]!5@0 2:[1|2]", &lim);
}
END_TEST

START_TEST(says_unterminated_even_when_the_open_field_is_over_the_limit)
{
	struct csv_limits lim = { 4, 0, 0, 0 };

	expect_n("a\n\"0123456789", 12, "1:[a] 2:[]!2@0", &lim);
}
END_TEST

/* A 10 MB field and 100,000 columns are reported, not kept: memory stays
 * bounded and the following record is read normally. */
START_TEST(handles_a_10_mb_field_in_bounded_memory)
{
	size_t n = 10u << 20;
	char *in = malloc(n + 32);
	struct csv_reader *r;
	struct csv_record rec;

	ck_assert_ptr_nonnull(in);
	memcpy(in, "P1,", 3);
	memset(in + 3, 'x', n);
	memcpy(in + 3 + n, "\nP2,ok\n", 7);
	r = csv_new_mem(in, n + 10, NULL);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	/* over the record limit too, but the field is what is named */
	ck_assert_int_eq(rec.error, CSV_EFIELD);
	ck_assert_uint_eq(rec.error_column, 2);
	ck_assert_uint_eq(rec.nfields, 0);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	ck_assert_int_eq(rec.error, CSV_OK);
	ck_assert_uint_eq(rec.line, 2);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_int_eq(memcmp(rec.fields[1].p, "ok", 2), 0);
	ck_assert_int_eq(csv_read(r, &rec), 0);
	ck_assert_uint_eq(csv_offset(r), n + 10);
	csv_free(r);
	free(in);
}
END_TEST

START_TEST(handles_100000_columns_in_bounded_memory)
{
	size_t cols = 100000, n = cols * 2;
	char *in = malloc(n + 16);
	struct csv_reader *r;
	struct csv_record rec;

	ck_assert_ptr_nonnull(in);
	for (size_t i = 0; i < cols; i++) {
		in[2 * i] = 'c';
		in[2 * i + 1] = i + 1 < cols ? ',' : '\n';
	}
	memcpy(in + n, "a,b\n", 4);
	r = csv_new_mem(in, n + 4, NULL);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	ck_assert_int_eq(rec.error, CSV_ECOLUMNS);
	ck_assert_uint_eq(rec.error_column, 10001);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	ck_assert_int_eq(rec.error, CSV_OK);
	ck_assert_uint_eq(rec.nfields, 2);
	csv_free(r);
	free(in);
}
END_TEST

START_TEST(reads_large_inputs_from_a_file_descriptor)
{
	FILE *f = tmpfile();
	struct csv_reader *r;
	struct csv_record rec;
	unsigned long n = 0;
	const int rows = 50000;
	uint64_t size;

	ck_assert_ptr_nonnull(f);
	fputs("\xEF\xBB\xBFid,issues\r\n", f);
	for (int i = 0; i < rows; i++)
		fprintf(f, "P%07d,\"anxiety,\"\"panic\"\"\"\r\n", i);
	fflush(f);
	size = (uint64_t)ftell(f);
	rewind(f);
	r = csv_new_fd(fileno(f), NULL);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_int_eq(memcmp(rec.fields[0].p, "id", 2), 0);
	while (csv_read(r, &rec) == 1) {
		char id[16];

		n++;
		snprintf(id, sizeof id, "P%07lu", n - 1);
		ck_assert_uint_eq(rec.line, n + 1);
		ck_assert_uint_eq(rec.nfields, 2);
		ck_assert_uint_eq(rec.fields[0].len, 8);
		ck_assert_int_eq(memcmp(rec.fields[0].p, id, 8), 0);
		ck_assert_uint_eq(rec.fields[1].len, 15);
		ck_assert_int_eq(memcmp(rec.fields[1].p, "anxiety,\"panic\"", 15), 0);
	}
	ck_assert_uint_eq(n, rows);
	ck_assert_uint_eq(csv_offset(r), size);
	csv_free(r);
	fclose(f);
}
END_TEST

START_TEST(reports_a_read_error_with_errno)
{
	struct csv_reader *r = csv_new_fd(-1, NULL);
	struct csv_record rec;

	errno = 0;
	ck_assert_int_eq(csv_read(r, &rec), -1);
	ck_assert_int_eq(errno, EBADF);
	ck_assert_int_eq(csv_read(r, &rec), -1);
	csv_free(r);
}
END_TEST

START_TEST(counts_consumed_bytes_for_progress)
{
	static const char in[] = "a,b\nc,d\n";
	struct csv_reader *r = csv_new_mem(in, 8, NULL);
	struct csv_record rec;

	ck_assert_uint_eq(csv_offset(r), 0);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	ck_assert_uint_eq(csv_offset(r), 4);
	ck_assert_int_eq(csv_read(r, &rec), 1);
	ck_assert_uint_eq(csv_offset(r), 8);
	ck_assert_int_eq(csv_read(r, &rec), 0);
	csv_free(r);
}
END_TEST

/* Random inputs built from the bytes that matter to the reader must
 * read the same whatever the block size, so the block-at-a-time path and
 * the byte-wise one agree, at every boundary. */
START_TEST(reads_random_inputs_the_same_at_every_block_size)
{
	static const char alphabet[] = "aaaaaaaabc,,,,,\"\"\n\r\0";
	static const size_t sizes[] = { 1, 3, 63, 64, 65, 127, 200, 4096, 0 };
	static char in[3000];
	static char want[1 << 16];
	uint64_t seed = 12345;

	for (int round = 0; round < 150; round++) {
		size_t n = 100 + (size_t)round * 17;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			/* Quotes get rarer in later rounds, so long unquoted
			 * stretches are exercised too. */
			if (round > 75 && alphabet[(seed >> 33) % (sizeof alphabet - 1)] == '"'
			    && (seed >> 20) % 8)
				in[i] = 'q';
			else
				in[i] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
		}
		/* default limits, then small ones that records run into */
		for (int small = 0; small < 2; small++) {
			for (size_t j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
				struct csv_limits lim = { 0, 0, 0, sizes[j] };
				const char *got;

				if (small) {
					lim.field_max = 6;
					lim.columns_max = 9;
					lim.record_max = 200;
				}
				got = render_with(in, n, &lim);
				if (j == 0)
					strcpy(want, got);
				else
					ck_assert_msg(strcmp(want, got) == 0,
						      "round %d block %zu limits %d differs",
						      round, sizes[j], small);
			}
		}
	}
}
END_TEST

/* Word-at-a-time readers of fields rely on CSV_SLACK readable bytes
 * after every field, even the last one of the input (run under
 * AddressSanitizer to make this test bite). */
START_TEST(leaves_slack_bytes_readable_after_every_field)
{
	static const char in[] = "a,\"b\"\"\",c\nlast";
	static const size_t sizes[] = { 1, 4, 64, 0 };

	for (size_t j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
		struct csv_limits lim = { 0, 0, 0, sizes[j] };
		struct csv_reader *r = csv_new_mem(in, sizeof in - 1, &lim);
		struct csv_record rec;
		unsigned sum = 0;

		while (csv_read(r, &rec) == 1)
			for (size_t i = 0; i < rec.nfields; i++)
				for (size_t k = 0; k < rec.fields[i].len + CSV_SLACK; k++)
					sum += (unsigned char)rec.fields[i].p[k];
		ck_assert_uint_gt(sum, 0);
		csv_free(r);
	}
}
END_TEST

START_TEST(fills_in_default_limits)
{
	struct csv_reader *r = csv_new_mem("", 0, NULL);

	ck_assert_uint_eq(csv_limits_of(r)->field_max, 1u << 20);
	ck_assert_uint_eq(csv_limits_of(r)->columns_max, 10000);
	ck_assert_str_eq(csv_strerror(CSV_EUNTERMINATED), "unterminated quoted field");
	csv_free(r);
	csv_free(NULL);
}
END_TEST

Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("reader");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, reads_simple_records_with_lf_line_ends);
	tcase_add_test(tc, reads_crlf_line_ends_without_keeping_the_cr);
	tcase_add_test(tc, accepts_lf_and_crlf_mixed_in_one_file);
	tcase_add_test(tc, ends_a_bare_field_and_its_record_at_a_lone_cr);
	tcase_add_test(tc, reads_a_last_record_without_a_final_newline);
	tcase_add_test(tc, reports_empty_fields_anywhere_in_a_record);
	tcase_add_test(tc, unescapes_doubled_quotes_in_quoted_fields);
	tcase_add_test(tc, keeps_commas_and_newlines_inside_quoted_fields);
	tcase_add_test(tc, keeps_crlf_inside_quoted_fields_and_counts_the_line);
	tcase_add_test(tc, counts_physical_lines_across_many_embedded_newlines);
	tcase_add_test(tc, reads_an_empty_quoted_field_as_a_record);
	tcase_add_test(tc, skips_blank_lines_but_counts_them);
	tcase_add_test(tc, skips_a_utf8_byte_order_mark_at_the_start_only);
	tcase_add_test(tc, ends_a_record_at_a_cr_alone);
	tcase_add_test(tc, reads_cr_cr_lf_as_one_line_end);
	tcase_add_test(tc, does_not_count_a_second_cr_toward_the_record_limit);
	tcase_add_test(tc, reads_every_mix_of_line_ends);
	tcase_add_test(tc, keeps_cr_and_lf_inside_quoted_fields_whatever_the_line_ends);
	tcase_add_test(tc, reads_generated_inputs_as_the_model_says_at_every_block_size);
	tcase_add_test(tc, reads_the_same_records_with_every_line_end);
	tcase_add_test(tc, ends_long_bare_fields_at_every_line_end_and_offset);
	tcase_add_test(tc, reports_ragged_rows_by_their_field_count);
	tcase_add_test(tc, reports_an_unterminated_quote_at_end_of_file_as_a_record);
	tcase_add_test(tc, reports_text_after_a_closing_quote_and_reads_on);
	tcase_add_test(tc, accepts_a_closing_quote_then_crlf_or_end_of_file);
	tcase_add_test(tc, keeps_a_quote_inside_a_bare_field_literally);
	tcase_add_test(tc, keeps_nul_bytes_inside_fields);
	tcase_add_test(tc, reads_an_empty_input_as_no_records);
	tcase_add_test(tc, reports_a_field_over_the_limit_and_resumes_at_the_next_record);
	tcase_add_test(tc, reports_too_many_columns_and_resumes_at_the_next_record);
	tcase_add_test(tc, reports_a_record_over_the_limit);
	tcase_add_test(tc, says_unterminated_even_when_the_open_field_is_over_the_limit);
	tcase_add_test(tc, handles_a_10_mb_field_in_bounded_memory);
	tcase_add_test(tc, handles_100000_columns_in_bounded_memory);
	tcase_add_test(tc, reads_large_inputs_from_a_file_descriptor);
	tcase_add_test(tc, reports_a_read_error_with_errno);
	tcase_add_test(tc, counts_consumed_bytes_for_progress);
	tcase_add_test(tc, reads_random_inputs_the_same_at_every_block_size);
	tcase_add_test(tc, leaves_slack_bytes_readable_after_every_field);
	tcase_add_test(tc, fills_in_default_limits);
	tcase_add_test(tc, detects_the_delimiter_from_the_first_line);
	tcase_add_test(tc, reads_a_forced_delimiter);
	tcase_add_test(tc, converts_latin1_and_cp1252_to_utf8);
	suite_add_tcase(s, tc);
	return s;
}
