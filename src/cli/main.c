/* main.c - the groupmatch command: the command table, global options, dispatch and the exit status. */
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "editdist.h"

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

static void usage(FILE *f)
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


/* Reads the global options, then runs the command; returns the exit status. */
static int run(int argc, char **argv)
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
			usage(stdout);
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
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[0], "help")) {
		if (argc < 2) {
			usage(stdout);
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


/* Puts /dev/null on whichever of fds 0-2 is closed, so that no file
 * opened later takes its number: the output file would otherwise get
 * fd 2 and the warnings, or fd 0 and be read as the input.  It is opened
 * the other way round (stdin for writing, stdout and stderr for reading),
 * so a descriptor that was closed still fails every read or write with
 * EBADF, as it did: a closed stdout is still a write error, not silence.
 * Returns 0, or -1 when a hole cannot be filled. */
static int fill_standard_fds(void)
{
	int fd;

	/* In this order open() returns the lowest free number: fd itself. */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 &&
		    open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY) != fd)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	if (fill_standard_fds() < 0)
		return EXIT_IOERR;	/* nothing safe to write to */
	setlocale(LC_CTYPE, "");
	/* a closed pipe is a write error (exit 74), not a silent death */
	signal(SIGPIPE, SIG_IGN);
	return run(argc, argv);
}
