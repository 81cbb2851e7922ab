/* cli.c - command-line front end: global options, command dispatch, shared helpers for commands. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "cli.h"
#include "editdist.h"
#include "jsonw.h"
#include "quote.h"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "ask", cmd_ask, "answer the questionnaire at the terminal, then see the recommendation" },
	{ "match", cmd_match, "score one respondent's answers given as flags or a file" },
	{ "batch", cmd_batch, "score an intake CSV, one output row per record" },
	{ "questions", cmd_questions, "print the questionnaire (text, json, csv header, FHIR)" },
	{ "groups", cmd_groups, "list the group types with descriptions and examples" },
	{ "check", cmd_check, "validate a catalogue and list every problem" },
	{ "assign", cmd_assign, "place intake records into the groups a clinic runs" },
	{ "test", cmd_test, "run a table of agreed cases against the catalogue" },
	{ "diff", cmd_diff, "show whose result changes between two catalogues" },
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

/* Set when cli_common_option has reported a bad value: the usage error
 * the caller ends with then points at the global options' help. */
static int common_value_reported;

/* Writes all of len bytes at p to fd; -1 on an error. */
static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes prefix and the formatted message to stderr, each line with its
 * control characters (an escape sequence in a file name, say) as '?', so
 * that no message can drive the terminal whatever text it carries. */
static void message(const char *prefix, const char *fmt, va_list ap)
{
	char small[1024], *text = small;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)))
		vsnprintf(text, (size_t)n + 1, fmt, again);
	va_end(again);
	if (!text) {	/* no memory: the cut message is better than none */
		text = small;
		n = (int)sizeof small - 1;
	}
	fflush(stdout);
	fputs(prefix, stderr);
	for (char *line = text; n > 0 && line < text + n;) {
		size_t len = strcspn(line, "\n");

		fwrite(line, 1, quote_printable(line, line, len), stderr);
		line += len;
		if (*line == '\n') {
			fputc('\n', stderr);
			line++;
		}
	}
	fputc('\n', stderr);
	if (text != small)
		free(text);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("groupmatch: ", fmt, ap);
	va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("groupmatch: warning: ", fmt, ap);
	va_end(ap);
}

void cli_usage(FILE *f)
{
	int i;

	fputs("usage: groupmatch [OPTIONS] COMMAND [ARGS]\n"
	      "\n"
	      "Match a person's answers to the \"how to choose a group\" questionnaire with\n"
	      "the six kinds of group therapy, and explain the ranking.\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  -c, --catalog FILE     use FILE instead of the built-in catalogue\n"
	      "                         (also GROUPMATCH_CATALOG)\n"
	      "      --color[=WHEN]     colour output: auto (default), always, never\n"
	      "  -q, --quiet            no warnings, progress or summaries on stderr\n"
	      "      --region CC        show the crisis lines of country CC (US, CA, GB,\n"
	      "                         IE, AU...; also GROUPMATCH_REGION)\n"
	      "      --resources FILE   crisis lines from FILE instead of the catalogue's\n"
	      "  -h, --help             show this help (or 'groupmatch help COMMAND')\n"
	      "  -V, --version          show the version\n"
	      "\n"
	      "Examples:\n"
	      "  groupmatch ask\n"
	      "  groupmatch match -a goals=life_transition -a focus=support \\\n"
	      "                   -a issues=grief -a comfort=3 -a connect=yes\n"
	      "  groupmatch batch intake.csv -o scored.csv\n"
	      "\n"
	      "Exit status: 0 ok, 1 a test case failed, 3 urgent (safety screen positive),\n"
	      "64 usage error, 65 invalid answers or records, 66 input not readable,\n"
	      "73 output not creatable, 74 read/write error, 78 invalid catalogue,\n"
	      "130 questionnaire not finished.\n"
	      "\n"
	      "groupmatch is decision support, not a diagnosis: discuss the options with\n"
	      "a mental health professional.\n", f);
}

const char *cli_quoted(char *buf, size_t bufsz, const char *s)
{
	quote_text(buf, bufsz, s, strlen(s));
	return buf;
}

int cli_bad_option(const char *command, char **argv, const char *optstring)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	char q[64];
	int is_long = arg[0] == '-' && arg[1] == '-';

	if (common_value_reported) {
		/* already said: cli_common_option */
	} else if (is_long) {
		/* a known long option reports its code, an unknown (or ambiguous) one 0 */
		cli_quoted(q, sizeof q, arg);
		if (optopt && strchr(arg, '='))
			cli_error("option '%.*s' takes no value", (int)strcspn(q, "="), q);
		else if (optopt)
			cli_error("option '%s' needs a value", q);
		else
			cli_error("unknown option '%s'", q);
	} else {
		char opt[2] = { (char)optopt, '\0' };

		cli_quoted(q, sizeof q, opt);
		if (optopt && optopt != ':' && strchr(optstring, optopt))
			cli_error("option '-%s' needs a value", q);
		else
			cli_error("unknown option '-%s'", q);
	}
	return cli_usage_error(command);
}

int cli_usage_error(const char *command)
{
	if (common_value_reported) {
		common_value_reported = 0;
		command = NULL;	/* a global option was at fault */
	}
	if (command)
		fprintf(stderr, "Try 'groupmatch %s --help' for more information.\n", command);
	else
		fputs("Try 'groupmatch --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static void version(void)
{
	gm_catalog *cat = gm_catalog_load_default(NULL);

	printf("groupmatch %s\n"
	       "Copyright (C) 2026 the groupmatch developers.\n"
	       "License MIT: <https://opensource.org/license/mit>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "Reads catalogue format %d; the built-in catalogue is compiled in.\n",
	       gm_version(), GM_FORMAT_VERSION);
	if (cat) {
		const char *v = gm_catalog_version(cat);

		printf("Built-in catalogue: %s, version %s\n"
		       "  sha256 %s\n", gm_catalog_name(cat) ? gm_catalog_name(cat) : "(no name)",
		       v ? v : "(none)", gm_catalog_hash(cat));
	}
	printf("There is NO WARRANTY, to the extent permitted by law.\n"
	       "\n"
	       "Written by the groupmatch developers.\n");
	gm_catalog_free(cat);
}

/* A common option's value was bad (and said so): the caller is told the
 * option was not handled, so that it ends through its own usage error,
 * freeing what it holds, with EXIT_USAGE. */
static int bad_common_value(void)
{
	common_value_reported = 1;
	return 0;
}

int cli_common_option(struct cli *cli, int c, const char *arg)
{
	switch (c) {
	case 'c':
		cli->catalog_path = arg;
		return 1;
	case 'q':
		cli->quiet = 1;
		return 1;
	case OPT_REGION: {
		size_t n = strlen(arg);

		if (n != 2 || !((arg[0] | 0x20) >= 'a' && (arg[0] | 0x20) <= 'z') ||
		    !((arg[1] | 0x20) >= 'a' && (arg[1] | 0x20) <= 'z')) {
			cli_error("--region: '%.20s' is not a two-letter country code (such as US, GB or AU)",
				  arg);
			return bad_common_value();
		}
		cli->region = arg;
		return 1;
	}
	case OPT_RESOURCES:
		cli->resources_path = arg;
		return 1;
	case OPT_COLOR:
		if (!arg || !strcmp(arg, "always") || !strcmp(arg, "yes"))
			cli->color = COLOR_ALWAYS;
		else if (!strcmp(arg, "never") || !strcmp(arg, "no"))
			cli->color = COLOR_NEVER;
		else if (!strcmp(arg, "auto"))
			cli->color = COLOR_AUTO;
		else {
			char q[64];

			cli_error("--color '%s' is not auto, always or never", cli_quoted(q, sizeof q, arg));
			return bad_common_value();
		}
		return 1;
	}
	return 0;
}

int cli_use_color(const struct cli *cli, FILE *f)
{
	const char *nc, *term;

	if (cli->color != COLOR_AUTO)
		return cli->color == COLOR_ALWAYS;
	nc = getenv("NO_COLOR");
	term = getenv("TERM");
	if ((nc && *nc) || (term && !strcmp(term, "dumb")))
		return 0;
	return isatty(fileno(f));
}

int cli_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

int cli_width(int fd)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	int w = 0;

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	else if (env && *env)
		w = atoi(env);
	if (w <= 0)
		w = 80;
	if (w < 40)
		w = 40;
	if (w > 100)
		w = 100;
	return w;
}

int cli_parse_int(const char *opt, const char *s, long min, long max, long *out)
{
	char *end, q[64];
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max) {
		cli_error("%s '%s' is not a whole number from %ld to %ld", opt,
			  cli_quoted(q, sizeof q, s), min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_finish_stdout(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			cli_error("cannot write output: %s", strerror(errno));
		clearerr(stdout);	/* said once, though commands and main both check */
		return EXIT_IOERR;
	}
	return code;
}

int cli_result_exit(const gm_result *res)
{
	switch (gm_result_status_of(res)) {
	case GM_RESULT_OK: return EXIT_OK;
	case GM_RESULT_URGENT: return EXIT_URGENT;
	case GM_RESULT_REVIEW: return EXIT_URGENT;
	default: return EXIT_DATAERR;
	}
}

void cli_stdin_hint(const struct cli *cli, const char *what)
{
	if (!cli->quiet && isatty(STDIN_FILENO))
		fprintf(stderr, "groupmatch: reading %s from the terminal; "
			"end with Ctrl-D, or press Ctrl-C to stop\n", what);
}

char *cli_read_file(const char *path, size_t max, size_t *lenp, int *code)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	const char *name = strcmp(path, "-") ? path : "standard input";
	char *text = NULL, *nt;
	size_t len = 0, cap = 0, n;
	struct stat st;

	if (f && f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		f = NULL;
		errno = EISDIR;
	}
	if (!f) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		*code = EXIT_NOINPUT;
		return NULL;
	}
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			if (!(nt = realloc(text, cap + 1))) {
				cli_error("'%s': out of memory", name);
				goto fail;
			}
			text = nt;
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
		if (len > max) {
			cli_error("'%s' is larger than %zu MiB", name, max >> 20);
			*code = EXIT_DATAERR;
			goto fail_code;
		}
	} while (n > 0);
	if (ferror(f)) {
		cli_error("cannot read '%s': %s", name, strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	text[len] = '\0';
	*lenp = len;
	return text;
fail:
	*code = EXIT_IOERR;
fail_code:
	if (f != stdin)
		fclose(f);
	free(text);
	return NULL;
}

static void print_problems(const char *name, const gm_error *errs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const gm_error *e = &errs[i];
		if (e->line)
			cli_error("%s:%d:%d: %s", name, e->line, e->column, e->message);
		else if (e->path[0])
			cli_error("%s: %s: %s", name, e->path, e->message);
		else
			cli_error("%s: %s", name, e->message);
	}
	if (n > 1)
		cli_error("%s: %zu problems; the catalogue is not valid", name, n);
}

/* Applies --resources and --region to the loaded catalogue; returns 0
 * after printing why when the resources file is invalid (the caller
 * exits EXIT_CONFIG), or cannot be read (cli->exit_status says how the
 * program ends). */
static int cli_catalog_safety(struct cli *cli)
{
	gm_error err, *errs = NULL;
	size_t n = 0, len = 0;
	int code = 0;

	if (cli->resources_path) {
		char *text = cli_read_file(cli->resources_path, (size_t)1 << 20, &len, &code);

		if (!text) {
			cli->exit_status = code == EXIT_IOERR ? EXIT_IOERR : EXIT_NOINPUT;
			gm_catalog_free(cli->cat);
			cli->cat = NULL;
			return 0;
		}
		if (gm_catalog_set_resources(cli->cat, text, len, cli->resources_path, &errs, &n)
		    != GM_OK) {
			print_problems(cli->resources_path, errs, n);
			gm_errors_free(errs);
			free(text);
			gm_catalog_free(cli->cat);
			cli->cat = NULL;
			return 0;
		}
		free(text);
	}
	if (cli->region && gm_catalog_set_region(cli->cat, cli->region, &err) != GM_OK)
		cli_warn("%s", err.message);
	return 1;
}

static const char region_hint[] =
	"\nTo see the crisis lines for your country, add --region with its two-letter\n"
	"code (for example --region GB), or set GROUPMATCH_REGION.\n";

void cli_region_hint(const struct cli *cli, FILE *f)
{
	if (cli->cat && gm_catalog_region(cli->cat)[0])
		return;
	fputs(region_hint, f);
}

void report_region_hint(struct buf *out, const struct cli *cli)
{
	if (cli->cat && gm_catalog_region(cli->cat)[0])
		return;
	buf_adds(out, region_hint);
}

void cli_write_result(struct buf *out, const gm_result *res, const gm_catalog *cat,
		      gm_format format, const gm_writer_opts *opts, const char *id, size_t idlen)
{
	gm_writer *w = gm_writer_new(cat, format, opts, NULL);
	size_t bound = w ? gm_writer_bound(w, idlen) : 0;

	if (!w || buf_reserve(out, bound)) {
		out->oom = 1;
	} else {
		size_t n = gm_writer_result(w, res, id, idlen, out->data + out->len, out->cap - out->len);

		if (n < out->cap - out->len)
			out->len += n;
		else
			out->oom = 1;
	}
	gm_writer_free(w);
}

void cli_catalog_json(struct jw *w, const gm_catalog *cat)
{
	jw_object(w);
	jw_key_string(w, "name", gm_catalog_name(cat));
	jw_key_string(w, "version", gm_catalog_version(cat));
	jw_key_string(w, "sha256", gm_catalog_hash(cat));
	jw_end_object(w);
}

const char *cli_today(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm) || !strftime(buf, size, "%Y-%m-%d", &tm))
		snprintf(buf, size, "%s", "");
	return buf;
}

const char *cli_stdout_name(char *buf, size_t size)
{
	ssize_t n;
	struct stat st;

	if (fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	n = readlink("/proc/self/fd/1", buf, size - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

int cli_tell_person(const char *text, int always)
{
	FILE *tty;
	int fd;

	if (!always && isatty(STDOUT_FILENO))
		return 0;
	tty = fopen("/dev/tty", "w");
	fd = tty ? fileno(tty) : STDERR_FILENO;
	if (!tty)
		fflush(stderr);
	if (write_all(fd, text, strlen(text)) < 0 && tty) {
		fclose(tty);
		tty = NULL;
		write_all(STDERR_FILENO, text, strlen(text));
	}
	if (tty)
		fclose(tty);
	return 1;
}

gm_catalog *cli_catalog(struct cli *cli)
{
	gm_error *errs = NULL;
	size_t n = 0;
	const char *name;

	if (cli->cat)
		return cli->cat;
	if (cli->catalog_path) {
		cli->cat = gm_catalog_load_file(cli->catalog_path, &errs, &n);
		name = cli->catalog_path;
	} else {
		gm_error err;

		memset(&err, 0, sizeof err);
		if (!(cli->cat = gm_catalog_load_default(&err)) && err.message[0] &&
		    (errs = malloc(sizeof *errs))) {
			errs[0] = err;
			n = 1;
		}
		name = "built-in groups.json";
	}
	if (cli->cat)
		return cli_catalog_safety(cli) ? cli->cat : NULL;
	if (n == 1 && errs[0].status == GM_ERR_IO) {
		cli_error("cannot open catalogue '%s': %s", name, errs[0].message);
		gm_errors_free(errs);
		cli->exit_status = EXIT_NOINPUT;
		return NULL;
	}
	print_problems(name, errs, n);
	gm_errors_free(errs);
	return NULL;
}

static int help_command(const char *name)
{
	int i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name)) {
			struct cli cli = { 0 };
			char *argv[] = { (char *)name, (char *)"--help", NULL };
			optind = 0;
			return cli_finish_stdout(commands[i].run(&cli, 2, argv));
		}
	{
		char q[64];

		cli_error("no command '%s'", cli_quoted(q, sizeof q, name));
	}
	return cli_usage_error(NULL);
}

int cli_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli = { 0 };
	const char *env = getenv("GROUPMATCH_CATALOG");
	int c, i, code;

	if (env && *env)
		cli.catalog_path = env;
	env = getenv("GROUPMATCH_REGION");
	if (env && *env)
		cli.region = env;
	opterr = 0;	/* messages quote what was typed: cli_bad_option */
	while ((c = getopt_long(argc, argv, "+c:hqV", longopts, NULL)) != -1) {
		if (cli_common_option(&cli, c, optarg))
			continue;
		switch (c) {
		case 'h':
			cli_usage(stdout);
			return cli_finish_stdout(EXIT_OK);
		case 'V':
			version();
			return cli_finish_stdout(EXIT_OK);
		default:
			return cli_bad_option(NULL, argv, "c:");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		if (isatty(STDIN_FILENO)) {
			char *av[] = { (char *)"ask", NULL };
			optind = 0;
			code = cmd_ask(&cli, 1, av);
			gm_catalog_free(cli.cat);
			return cli.exit_status ? cli.exit_status : cli_finish_stdout(code);
		}
		cli_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[0], "help")) {
		if (argc < 2) {
			cli_usage(stdout);
			return cli_finish_stdout(EXIT_OK);
		}
		return help_command(argv[1]);
	}
	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, argv[0]))
			continue;
		/* getopt's own messages start "groupmatch: " as well */
		argv[0] = (char *)"groupmatch";
		optind = 0;	/* glibc: restart getopt for the command's options */
		code = commands[i].run(&cli, argc, argv);
		gm_catalog_free(cli.cat);
		return cli.exit_status ? cli.exit_status : cli_finish_stdout(code);
	}
	{
		const char *names[NCOMMANDS];
		char q[64];
		int best = 3, at = -1, d;
		for (i = 0; i < NCOMMANDS; i++) {
			names[i] = commands[i].name;
			d = edit_distance(argv[0], strlen(argv[0]), names[i], strlen(names[i]));
			if (d < best) {
				best = d;
				at = i;
			}
		}
		cli_quoted(q, sizeof q, argv[0]);
		if (at >= 0)
			cli_error("no command '%s' (did you mean '%s'?)", q, names[at]);
		else
			cli_error("no command '%s'", q);
	}
	return cli_usage_error(NULL);
}
