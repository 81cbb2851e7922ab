/* cli.h - what the command implementations share: options, catalogue, exit codes, messages. */
#ifndef GM_CLI_H
#define GM_CLI_H

#include <stdio.h>
#include "groupmatch.h"

/* Exit status, SPEC 3.4 (sysexits values where they exist). */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_URGENT = 3,        /* match/ask: the safety screen was positive */
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,      /* invalid answers or records */
	EXIT_NOINPUT = 66,      /* an input file cannot be opened */
	EXIT_CANTCREAT = 73,    /* the output file cannot be created */
	EXIT_IOERR = 74,        /* reading or writing failed */
	EXIT_CONFIG = 78,       /* the catalogue is invalid */
	EXIT_INTERRUPTED = 130  /* the questionnaire ended early */
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct cli {
	const char *catalog_path;  /* --catalog or GROUPMATCH_CATALOG, NULL = embedded */
	gm_catalog *cat;           /* loaded by cli_catalog() */
	enum color_mode color;
	int quiet;
	const char *region;        /* --region or GROUPMATCH_REGION, NULL = none */
	const char *resources_path; /* --resources FILE */
	int exit_status;           /* when not 0, the program ends with it whatever the
	                              command returns: a catalogue or resources file that
	                              cannot be read (EXIT_NOINPUT, EXIT_IOERR) */
};

/* The catalogue, loaded on first use; prints every problem and returns
 * NULL when it is invalid (the caller returns EXIT_CONFIG).  A catalogue
 * or --resources file that cannot be read is an unopenable input: it
 * prints why, returns NULL as well and sets cli->exit_status, which
 * main exits with in place of the command's status. */
gm_catalog *cli_catalog(struct cli *cli);

/* "groupmatch: " + message + newline on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether to colour output going to f under the --color mode. */
int cli_use_color(const struct cli *cli, FILE *f);
/* Whether the locale can show UTF-8 block characters. */
int cli_utf8(void);
/* Columns of the terminal on fd, or 80. */
int cli_width(int fd);

/* Parses a whole decimal number in [min, max] for option opt; prints an
 * error and returns -1 when it is not one. */
int cli_parse_int(const char *opt, const char *s, long min, long max, long *out);

/* Flushes and checks stdout; returns code, or EXIT_IOERR after printing
 * an error when anything written to stdout was lost. */
int cli_finish_stdout(int code);

/* After an urgent text shown to a person with no region selected: one
 * line on f saying how to see the crisis lines of their country. */
void cli_region_hint(const struct cli *cli, FILE *f);
/* The same line appended to a buffer. */
struct buf;
void report_region_hint(struct buf *out, const struct cli *cli);

/* Appends res in format (opts may be NULL) to out through a writer made
 * for it; id of idlen bytes as gm_writer_result.  Sets out->oom when
 * memory runs out. */
struct buf;
void cli_write_result(struct buf *out, const gm_result *res, const gm_catalog *cat,
		      gm_format format, const gm_writer_opts *opts, const char *id, size_t idlen);

/* The catalogue, for provenance, as the JSON object {"name","version",
 * "sha256"} (null for what it lacks), the next value of w. */
struct jw;
void cli_catalog_json(struct jw *w, const gm_catalog *cat);

/* Writes text to the person's terminal (/dev/tty, else stderr).  Unless
 * always, only when stdout is not a terminal: an urgent text written to a
 * file must be seen as well.  Returns 1 when it wrote. */
int cli_tell_person(const char *text, int always);

/* Where stdout goes, for "your result is in FILE": a path, or NULL. */
const char *cli_stdout_name(char *buf, size_t size);

/* Today's local date as YYYY-MM-DD in buf (at least 11 bytes), for the
 * printable pages. */
const char *cli_today(char *buf, size_t size);

/* Exit status for a single-respondent result: 0, 3 (urgent, review, or ok
 * with the safety question not answered) or 65. */
int cli_result_exit(const gm_result *res);

/* Commands (main.c's table): each parses its own options from argv
 * (argv[0] is the command name) and returns an exit status. */
int cmd_ask(struct cli *cli, int argc, char **argv);
int cmd_assign(struct cli *cli, int argc, char **argv);
int cmd_batch(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_diff(struct cli *cli, int argc, char **argv);
int cmd_groups(struct cli *cli, int argc, char **argv);
int cmd_match(struct cli *cli, int argc, char **argv);
int cmd_questions(struct cli *cli, int argc, char **argv);
int cmd_test(struct cli *cli, int argc, char **argv);

/* Options every command accepts as well as the global ones: --catalog,
 * --color and --quiet.  Put CLI_COMMON_LONGOPTS in a command's option
 * table and "c:q" in its short options, and hand unknown option codes to
 * cli_common_option, which returns 1 when it handled one.  A common
 * option with a bad value (--color=sometimes) is reported there and 0 is
 * returned, as for an option that is not common: the command ends through
 * its usual cli_bad_option or cli_usage_error, which then only adds the
 * hint to the global help, and returns EXIT_USAGE. */
enum { OPT_COLOR = 1000, OPT_CATALOG_LONG, OPT_REGION, OPT_RESOURCES };
#define CLI_COMMON_LONGOPTS \
	{ "catalog", required_argument, NULL, 'c' }, \
	{ "color", optional_argument, NULL, OPT_COLOR }, \
	{ "colour", optional_argument, NULL, OPT_COLOR }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "region", required_argument, NULL, OPT_REGION }, \
	{ "resources", required_argument, NULL, OPT_RESOURCES }
int cli_common_option(struct cli *cli, int c, const char *arg);

/* s (NUL-terminated, from outside: an argument, a name in a file) as it
 * may be echoed in a message, in buf (see quote_text): at most 40 bytes,
 * control characters and bidirectional controls shown as '?'. */
const char *cli_quoted(char *buf, size_t bufsz, const char *s);

/* After getopt_long returned '?' (opterr is 0): says which option of
 * command was unknown or lacked its value (optstring tells short options
 * with a value), quoted, and returns EXIT_USAGE. */
int cli_bad_option(const char *command, char **argv, const char *optstring);

/* Prints "groupmatch: usage error" style hint: "try 'groupmatch CMD --help'"
 * and returns EXIT_USAGE. */
int cli_usage_error(const char *command);

/* Unless --quiet, when standard input is a terminal, says on stderr (one line) that what
 * (e.g. "answers as JSON") is awaited there and how to end it, so that a
 * command waiting for input is not mistaken for one that hangs. */
void cli_stdin_hint(const struct cli *cli, const char *what);

/* Reads a whole file (path "-" is stdin) of at most max bytes into a new
 * NUL-terminated buffer; prints the error and returns NULL (with *code
 * set to EXIT_NOINPUT or EXIT_IOERR) when it cannot. */
char *cli_read_file(const char *path, size_t max, size_t *len, int *code);

#endif
