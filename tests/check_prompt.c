/* check_prompt.c - unit tests for the questionnaire's line reader and answer helpers. */
#define _XOPEN_SOURCE 700
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_suites.h"
#include "prompt.h"
#include "prompt_editor.h"
#include <fcntl.h>
#include <stdio.h>

static size_t question_index(const char *id)
{
	int q = gm_catalog_find_question(test_catalog(), id, strlen(id));

	ck_assert_int_ge(q, 0);
	return (size_t)q;
}

/* The catalogue and index arguments for question id. */
#define question(id) test_catalog(), question_index(id)

/* Appends to b the answer value given to question id, as shown. */
static void format_answer(struct buf *b, const char *id, const char *value)
{
	gm_answers *ans = gm_answers_new(test_catalog());

	ck_assert_int_eq(gm_answers_set(ans, id, value, NULL), GM_OK);
	prompt_format_answer(b, test_catalog(), ans, question_index(id));
	gm_answers_free(ans);
}

/* Opens a prompt reading the bytes s (len bytes) from a pipe. */
static void open_on(struct prompt *p, const char *s, size_t len)
{
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], s, len), (ssize_t)len);
	close(fds[1]);
	ck_assert_int_eq(prompt_open(p, fds[0]), 0);
}

static void close_on(struct prompt *p)
{
	int fd = p->in;

	prompt_close(p);
	close(fd);
}

START_TEST(classify_knows_help_back_and_empty_lines)
{
	ck_assert_int_eq(prompt_classify("", 0), PROMPT_CMD_EMPTY);
	ck_assert_int_eq(prompt_classify(" \t ", 3), PROMPT_CMD_EMPTY);
	ck_assert_int_eq(prompt_classify("?", 1), PROMPT_CMD_HELP);
	ck_assert_int_eq(prompt_classify(" HELP ", 6), PROMPT_CMD_HELP);
	ck_assert_int_eq(prompt_classify("b", 1), PROMPT_CMD_BACK);
	ck_assert_int_eq(prompt_classify("Back\r", 5), PROMPT_CMD_BACK);
	ck_assert_int_eq(prompt_classify("bb", 2), PROMPT_CMD_ANSWER);
	ck_assert_int_eq(prompt_classify("1,3", 3), PROMPT_CMD_ANSWER);
	ck_assert_int_eq(prompt_classify("?!", 2), PROMPT_CMD_ANSWER);
}
END_TEST

START_TEST(trim_strips_blanks_at_both_ends_only)
{
	const char *s;
	size_t n = prompt_trim("  a b\t\r", 7, &s);

	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(strncmp(s, "a b", 3), 0);
	ck_assert_uint_eq(prompt_trim("   ", 3, &s), 0);
}
END_TEST

START_TEST(format_answer_reads_as_a_person_would)
{
	struct buf b = BUF_INIT;

	format_answer(&b, "crisis", "yes");
	ck_assert_str_eq(buf_cstr(&b), "yes");
	buf_reset(&b);
	format_answer(&b, "comfort", "4");
	ck_assert_str_eq(buf_cstr(&b), "4");
	buf_reset(&b);
	format_answer(&b, "goals", "symptom_relief;personal_growth");
	ck_assert_str_eq(buf_cstr(&b), "Relief from symptoms, Personal growth");
	buf_reset(&b);
	format_answer(&b, "issues", "none");
	ck_assert_str_eq(buf_cstr(&b), "none");
	buf_reset(&b);
	prompt_format_default(&b, question("structure"));
	ck_assert_str_eq(buf_cstr(&b), "No preference");
	buf_release(&b);
}
END_TEST

START_TEST(read_counts_lines_and_strips_line_ends)
{
	static const char in[] = "no\r\n 1 3 \n\nlast";
	struct prompt p;

	open_on(&p, in, sizeof in - 1);
	ck_assert_int_eq(p.interactive, 0);
	ck_assert_ptr_null(p.ui);
	ck_assert_int_eq(prompt_read(&p), PROMPT_LINE);
	ck_assert_str_eq(p.line, "no");
	ck_assert_int_eq(prompt_read(&p), PROMPT_LINE);
	ck_assert_str_eq(p.line, " 1 3 ");
	ck_assert_int_eq(prompt_read(&p), PROMPT_LINE);
	ck_assert_uint_eq(p.len, 0);
	ck_assert_int_eq(prompt_read(&p), PROMPT_LINE);
	ck_assert_str_eq(p.line, "last");
	ck_assert_int_eq(p.lineno, 4);
	ck_assert_int_eq(prompt_read(&p), PROMPT_EOF);
	ck_assert_int_eq(prompt_read(&p), PROMPT_EOF);
	ck_assert_int_eq(p.lineno, 4);
	close_on(&p);
}
END_TEST

START_TEST(read_skips_a_line_too_long_and_goes_on)
{
	size_t n = PROMPT_LINE_MAX + 5000;
	char *in = malloc(n + 4);
	struct prompt p;

	memset(in, 'x', n);
	memcpy(in + n, "\nok\n", 4);
	open_on(&p, in, n + 4);
	ck_assert_int_eq(prompt_read(&p), PROMPT_TOO_LONG);
	ck_assert_int_eq(p.lineno, 1);
	ck_assert_int_eq(prompt_read(&p), PROMPT_LINE);
	ck_assert_str_eq(p.line, "ok");
	ck_assert_int_eq(p.lineno, 2);
	close_on(&p);
	free(in);
}
END_TEST

/* /dev/zero as answers: NUL bytes and no end of line.  Reading stops soon
 * after the skip limit rather than looking for a newline for ever. */
START_TEST(read_gives_up_a_line_that_never_ends)
{
	size_t n = 64 * PROMPT_SKIP_MAX;
	char *in = calloc(n + 4, 1);
	FILE *f = tmpfile();
	struct prompt p;

	ck_assert_ptr_nonnull(f);
	memcpy(in + n, "\nno\n", 4);
	ck_assert_uint_eq(fwrite(in, 1, n + 4, f), n + 4);
	ck_assert_int_eq(fflush(f), 0);
	ck_assert_int_eq(lseek(fileno(f), 0, SEEK_SET), 0);
	ck_assert_int_eq(prompt_open(&p, fileno(f)), 0);
	ck_assert_int_eq(prompt_read(&p), PROMPT_TOO_LONG);
	ck_assert_int_eq(p.lineno, 1);
	ck_assert_int_le(lseek(fileno(f), 0, SEEK_CUR), 2 * PROMPT_SKIP_MAX);
	ck_assert_int_eq(prompt_read(&p), PROMPT_EOF);
	prompt_close(&p);
	fclose(f);
	free(in);
}
END_TEST

START_TEST(read_flags_a_nul_byte)
{
	static const char in[] = "a\0b\nc\n";
	struct prompt p;

	open_on(&p, in, sizeof in - 1);
	ck_assert_int_eq(prompt_read(&p), PROMPT_NUL);
	ck_assert_int_eq(prompt_read(&p), PROMPT_LINE);
	ck_assert_str_eq(p.line, "c");
	close_on(&p);
}
END_TEST

START_TEST(read_returns_interrupted_on_sigint)
{
	int fds[2];
	struct prompt p;

	ck_assert_int_eq(pipe(fds), 0);	/* the write end stays open: read would wait */
	ck_assert_int_eq(prompt_open(&p, fds[0]), 0);
	raise(SIGINT);	/* blocked until the read waits, then handled */
	ck_assert_int_eq(prompt_read(&p), PROMPT_INTERRUPTED);
	prompt_close(&p);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

START_TEST(close_restores_the_sigint_disposition)
{
	struct sigaction before, after;
	struct prompt p;

	sigaction(SIGINT, NULL, &before);
	open_on(&p, "", 0);
	close_on(&p);
	sigaction(SIGINT, NULL, &after);
	ck_assert_ptr_eq((void *)after.sa_handler, (void *)before.sa_handler);
}
END_TEST

START_TEST(an_ignored_sigint_stays_ignored)
{
	struct sigaction ign, during;
	struct prompt p;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, NULL);
	open_on(&p, "", 0);
	sigaction(SIGINT, NULL, &during);
	ck_assert_ptr_eq((void *)during.sa_handler, (void *)SIG_IGN);
	close_on(&p);
	signal(SIGINT, SIG_DFL);
}
END_TEST

START_TEST(para_wraps_to_the_width_with_its_indent)
{
	struct prompt p;
	struct buf b = BUF_INIT;
	const char *s, *nl;

	memset(&p, 0, sizeof p);
	p.width = 40;
	prompt_para(&p, &b, "one two three four five six seven eight nine ten "
		    "eleven twelve thirteen fourteen", 4);
	s = buf_cstr(&b);
	ck_assert_int_eq(s[b.len - 1], '\n');
	for (; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_int_lt(nl - s, 40);
		ck_assert_int_eq(strncmp(s, "    ", 4), 0);
		ck_assert_int_ne(s[4], ' ');
	}
	buf_release(&b);
}
END_TEST

START_TEST(question_shows_options_and_default_and_leaves_the_prompt_to_the_reader)
{
	struct prompt p;
	struct buf b = BUF_INIT;
	const char *s;

	memset(&p, 0, sizeof p);
	p.width = 80;
	prompt_question(&p, &b, question("structure"), 3, 10, NULL, 0);
	s = buf_cstr(&b);
	ck_assert_ptr_nonnull(strstr(s, "3/10  Do you prefer"));
	ck_assert_ptr_nonnull(strstr(s, "1  Structured\n"));
	ck_assert_ptr_nonnull(strstr(s, "3  No preference\n"));
	ck_assert_ptr_nonnull(strstr(s, "Enter = No preference"));
	ck_assert_ptr_null(strchr(s, '\033'));
	/* prompt_read shows "> " (through the line editor at a terminal) */
	ck_assert_int_eq(s[b.len - 1], '\n');
	ck_assert_ptr_null(strstr(s, "> "));
	ck_assert_int_eq(prompt_question_indent(3, 10), 6);
	buf_release(&b);
}
END_TEST

START_TEST(question_offers_to_keep_the_current_answer_or_skip)
{
	struct prompt p;
	struct buf b = BUF_INIT;

	memset(&p, 0, sizeof p);
	p.width = 200;
	prompt_question(&p, &b, question("issues"), 5, 10, "Grief or loss", 1);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "Enter keeps Grief or loss"));
	buf_reset(&b);
	prompt_question(&p, &b, question("issues"), 5, 10, NULL, 1);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "Enter skips"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "17  Stress"));
	buf_reset(&b);
	prompt_question(&p, &b, question("comfort"), 6, 10, NULL, 0);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "1 to 5: 1 = "));
	ck_assert_ptr_null(strstr(buf_cstr(&b), "Enter"));
	buf_release(&b);
}
END_TEST

START_TEST(question_is_coloured_only_when_asked)
{
	struct prompt p;
	struct buf b = BUF_INIT;

	memset(&p, 0, sizeof p);
	p.width = 80;
	p.color = 1;
	prompt_question(&p, &b, question("crisis"), 1, 10, NULL, 0);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "\033[1m"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&b), "\033[0m"));
	buf_release(&b);
}
END_TEST

/* What prompt_explain says about text for question qid ("" when nothing). */
static const char *explain(const char *qid, const char *text)
{
	static char out[400];
	struct buf b = BUF_INIT;

	out[0] = '\0';
	if (prompt_explain(&b, test_catalog(),
			   (size_t)gm_catalog_find_question(test_catalog(), qid, strlen(qid)), text, strlen(text)))
		snprintf(out, sizeof out, "%s", buf_cstr(&b));
	buf_release(&b);
	return out;
}

START_TEST(explain_uses_numbers_and_labels_not_ids_or_commands)
{
	ck_assert_str_eq(explain("issues", "zebra"),
			 "'zebra' is not one of the choices: type a number from 1 to 17, or a label");
	ck_assert_str_eq(explain("goals", "42"),
			 "'42' is not one of the choices: type a number from 1 to 8, or a label");
	ck_assert_str_eq(explain("goals", "none"), "'none' is not possible here: pick at least one");
	ck_assert_ptr_null(strstr(explain("goals", "none"), "symptom_relief"));
	ck_assert_ptr_null(strstr(explain("issues", "zebra"), "groupmatch"));
}
END_TEST

START_TEST(explain_suggests_the_number_and_label_of_a_near_miss)
{
	ck_assert_str_eq(explain("structure", "structurd"), "'structurd' is not one of the choices "
			 "(did you mean 1, Structured?)");
	ck_assert_str_eq(explain("issues", "1, anxity"), "'anxity' is not one of the choices "
			 "(did you mean 1, Anxiety or worry?)");
}
END_TEST

START_TEST(explain_names_the_choices_a_start_could_be)
{
	ck_assert_str_eq(explain("issues", "grief, social"), "'social' could be more than one of the "
			 "choices: 2 (Social anxiety) or 13 (Social skills)");
	ck_assert_str_eq(explain("issues", "an"), "'an' could be more than one of the choices: "
			 "1 (Anxiety or worry) or 9 (Anger)");
	/* a label holding a comma is one choice; elsewhere its words are none */
	ck_assert_str_eq(explain("issues", "alcohol, drugs or other addiction"), "");
	ck_assert_str_eq(explain("focus", "Alcohol, drugs or other addiction"),
			 "'Alcohol' is not one of the choices: type a number from 1 to 3, or a label");
	ck_assert_str_eq(explain("structure", "open ended, structured"), "pick only one");
	ck_assert_str_eq(explain("structure", "Open-ended"), "");
}
END_TEST

START_TEST(explain_counts_choices_in_plain_words)
{
	ck_assert_str_eq(explain("structure", "1 2"), "pick only one");
	ck_assert_str_eq(explain("focus", "1,2,3,1"), "");	/* three is allowed */
	ck_assert_str_eq(explain("comfort", "9"), "'9' is not a number from 1 to 5 "
			 "(1 = I strongly prefer one-on-one work, 5 = Very comfortable in a group)");
	ck_assert_str_eq(explain("connect", "maybe"), "");	/* the parser's words do */
}
END_TEST


#ifdef GM_HAVE_LIBEDIT
static enum prompt_fill_result no_fill(struct prompt *p)
{
	(void)p;
	return PROMPT_FILL_END;
}

static enum prompt_read_status no_finish(struct prompt *p, int toolong, int nul)
{
	(void)p;
	(void)toolong;
	(void)nul;
	return PROMPT_EOF;
}

static int no_resize(void)
{
	return 0;
}

/* Every binding libedit lists for the editor ask uses. */
static char *editor_key_listing(void)
{
	static const struct prompt_input input = { no_fill, no_finish, no_resize };
	struct prompt p;
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	int slave;
	char *text;
	long n;

	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(slave, 0);
	memset(&p, 0, sizeof p);
	p.in = slave;
	p.interactive = 1;
	p.ui = tmpfile();
	ck_assert_ptr_nonnull(p.ui);
	ck_assert_int_eq(prompt_editor_open(&p, &input), 0);
	ck_assert_ptr_nonnull(p.ed);
	prompt_editor_list_keys(&p);
	prompt_editor_close(&p);
	fflush(p.ui);
	n = ftell(p.ui);
	ck_assert_int_gt(n, 0);
	text = calloc(1, (size_t)n + 1);
	rewind(p.ui);
	ck_assert_uint_eq(fread(text, 1, (size_t)n, p.ui), (size_t)n);
	fclose(p.ui);
	close(slave);
	close(master);
	return text;
}

START_TEST(editor_binds_no_key_to_a_command_line_or_an_editor)
{
	/* ed-command opens libedit's command line, whose builtins rebind
	 * keys and switch to vi mode; vi-histedit starts $EDITOR (and so a
	 * shell); ed-quoted-insert types raw control bytes. */
	static const char *const refused[] = {
		"ed-command", "vi-", "em-inc-search", "ed-quoted-insert",
		"ed-clear-screen", "ed-search", "^X^X"
	};
	char *text = editor_key_listing();

	ck_assert_msg(!strstr(text, "bind:"), "a binding was refused: %.300s", strstr(text, "bind:"));
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		const char *at = strstr(text, refused[i]);
		const char *line = at;

		while (line && line > text && line[-1] != '\n')
			line--;
		ck_assert_msg(!at, "a key is bound to %s: %.80s", refused[i], line);
	}
	/* and the keys a person edits an answer with are still there */
	ck_assert_ptr_nonnull(strstr(text, "ed-prev-history"));

	ck_assert_ptr_nonnull(strstr(text, "ed-move-to-beg"));
	ck_assert_ptr_nonnull(strstr(text, "ed-delete-prev-word"));
	free(text);
}
END_TEST
#endif

Suite *prompt_suite(void)
{
	Suite *s = suite_create("prompt");
	TCase *tc = tcase_create("helpers");
	TCase *rd = tcase_create("reading");
	TCase *sc = tcase_create("screen");

	tcase_add_test(tc, classify_knows_help_back_and_empty_lines);
	tcase_add_test(tc, explain_uses_numbers_and_labels_not_ids_or_commands);
	tcase_add_test(tc, explain_suggests_the_number_and_label_of_a_near_miss);
	tcase_add_test(tc, explain_counts_choices_in_plain_words);
	tcase_add_test(tc, explain_names_the_choices_a_start_could_be);
	tcase_add_test(tc, trim_strips_blanks_at_both_ends_only);
	tcase_add_test(tc, format_answer_reads_as_a_person_would);
	suite_add_tcase(s, tc);
	tcase_add_test(rd, read_counts_lines_and_strips_line_ends);
	tcase_add_test(rd, read_skips_a_line_too_long_and_goes_on);
	tcase_add_test(rd, read_gives_up_a_line_that_never_ends);
	tcase_add_test(rd, read_flags_a_nul_byte);
	tcase_add_test(rd, read_returns_interrupted_on_sigint);
	tcase_add_test(rd, close_restores_the_sigint_disposition);
	tcase_add_test(rd, an_ignored_sigint_stays_ignored);
#ifdef GM_HAVE_LIBEDIT
	tcase_add_test(rd, editor_binds_no_key_to_a_command_line_or_an_editor);
#endif
	suite_add_tcase(s, rd);
	tcase_add_test(sc, para_wraps_to_the_width_with_its_indent);
	tcase_add_test(sc, question_shows_options_and_default_and_leaves_the_prompt_to_the_reader);
	tcase_add_test(sc, question_offers_to_keep_the_current_answer_or_skip);
	tcase_add_test(sc, question_is_coloured_only_when_asked);
	suite_add_tcase(s, sc);
	return s;
}
