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
	case GM_RESULT_OK:
		/* someone needs a call: a person never asked the safety
		 * question too */
		return gm_result_safety(res) == GM_SAFETY_MISSING ? EXIT_URGENT : EXIT_OK;
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
