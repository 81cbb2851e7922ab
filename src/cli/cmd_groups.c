/* cmd_groups.c - the groups command: the group types of the catalogue, as text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "cli.h"
#include "jsonw.h"
#include "text.h"

static void groups_help(void)
{
	fputs("usage: groupmatch groups [--format text|json]\n"
	      "\n"
	      "List the group types of the catalogue with what they are, an example, the\n"
	      "approaches they draw on and (json) their weighted criteria.\n"
	      "\n"
	      "Options:\n"
	      "  -f, --format FORMAT    text (default) or json\n"
	      "  -c, --catalog FILE     use FILE instead of the built-in catalogue\n"
	      "      --color[=WHEN]     auto, always or never\n"
	      "  -h, --help             show this help\n", stdout);
}

static void groups_json(struct buf *out, const gm_catalog *cat)
{
	size_t i, k, n = gm_catalog_group_count(cat);
	struct jw w;

	jw_init(&w, out, 1);
	jw_array(&w);
	for (i = 0; i < n; i++) {
		size_t napproaches = gm_catalog_group_approach_count(cat, i);
		size_t ncriteria = gm_catalog_criterion_count(cat, i);

		jw_object(&w);
		jw_key_string(&w, "id", gm_catalog_group_id(cat, i));
		jw_key_string(&w, "name", gm_catalog_group_name(cat, i));
		jw_key_string(&w, "summary", gm_catalog_group_summary(cat, i));
		jw_key_string(&w, "description", gm_catalog_group_description(cat, i));
		jw_key_string(&w, "example", gm_catalog_group_example(cat, i));
		jw_key(&w, "approaches");
		jw_array(&w);
		for (k = 0; k < napproaches; k++)
			jw_string(&w, gm_catalog_group_approach(cat, i, k));
		jw_end_array(&w);
		jw_key_int(&w, "max", gm_catalog_group_max(cat, i));
		jw_key(&w, "criteria");
		jw_array(&w);
		for (k = 0; k < ncriteria; k++) {
			jw_object(&w);
			jw_key_int(&w, "weight", gm_catalog_criterion_weight(cat, i, k));
			jw_key_string(&w, "reason", gm_catalog_criterion_reason(cat, i, k));
			jw_end_object(&w);
		}
		jw_end_array(&w);
		jw_end_object(&w);
	}
	jw_end_array(&w);
}

static void groups_text(struct buf *out, const gm_catalog *cat, int color, int width)
{
	size_t i, k, n = gm_catalog_group_count(cat);

	for (i = 0; i < n; i++) {
		size_t napproaches = gm_catalog_group_approach_count(cat, i);

		if (i)
			buf_addc(out, '\n');
		buf_addf(out, "%s%s%s (%s)\n  ", color ? "\033[1m" : "", gm_catalog_group_name(cat, i),
			 color ? "\033[0m" : "", gm_catalog_group_id(cat, i));
		text_wrap(out, gm_catalog_group_summary(cat, i), 2, width);
		buf_adds(out, "\n\n  ");
		text_wrap(out, gm_catalog_group_description(cat, i), 2, width);
		buf_adds(out, "\n  Example: ");
		text_wrap(out, gm_catalog_group_example(cat, i), 11, width);
		buf_adds(out, "\n  Approaches: ");
		for (k = 0; k < napproaches; k++) {
			if (k)
				buf_adds(out, ", ");
			buf_adds(out, gm_catalog_group_approach(cat, i, k));
		}
		buf_addc(out, '\n');
	}
}

int cmd_groups(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int json = 0;
	gm_catalog *cat;
	struct buf out = BUF_INIT;
	int c, code = EXIT_OK;

	while ((c = getopt_long(argc, argv, "c:f:hq", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		if (c == 'h') {
			groups_help();
			return EXIT_OK;
		}
		if (c != 'f')
			return cli_bad_option("groups", argv, "c:f:hq");
		if (!strcmp(optarg, "text") || !strcmp(optarg, "json")) {
			json = !strcmp(optarg, "json");
		} else {
			char q[64];

			cli_error("--format '%s' is not text or json", cli_quoted(q, sizeof q, optarg));
			return cli_usage_error("groups");
		}
	}
	if (optind < argc) {
		char q[64];

		cli_error("unexpected argument '%s' for groups", cli_quoted(q, sizeof q, argv[optind]));
		return cli_usage_error("groups");
	}
	if (!(cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	if (json)
		groups_json(&out, cat);
	else
		groups_text(&out, cat, cli_use_color(cli, stdout), cli_width(STDOUT_FILENO));
	if (buf_flush(&out, stdout))
		code = EXIT_IOERR;
	buf_release(&out);
	return cli_finish_stdout(code);
}
