/* cmd_check.c - the check command: validates a catalogue and says what it holds. */
#include <getopt.h>
#include <stdio.h>
#include "buf.h"
#include "cli.h"
#include "quote.h"

int cmd_check(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	gm_catalog *cat;
	size_t i, ngroups, blocks, items = 0, criteria = 0;
	char extra[64] = "";
	int c;

	while ((c = getopt_long(argc, argv, "c:hq", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		if (c == 'h') {
			fputs("usage: groupmatch check [FILE]\n"
			      "\n"
			      "Validate a catalogue (FILE, else --catalog, GROUPMATCH_CATALOG or the\n"
			      "built-in one) and list every problem with its place: FILE:LINE:COLUMN\n"
			      "for JSON syntax, a JSON path such as groups[2].criteria[1].when for the\n"
			      "rest.  Exit status 0 when it is valid, 78 when not, 66 when unreadable.\n",
			      stdout);
			return EXIT_OK;
		}
		return cli_bad_option("check", argv, "c:hq");
	}
	if (optind + 1 < argc) {
		cli_error("check takes one catalogue at a time");
		return cli_usage_error("check");
	}
	if (optind < argc)
		cli->catalog_path = argv[optind];
	if (!(cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	ngroups = gm_catalog_group_count(cat);
	for (i = 0; i < ngroups; i++)
		criteria += gm_catalog_criterion_count(cat, i);
	blocks = gm_catalog_score_block_count(cat);
	for (i = 0; i < blocks; i++)
		items += gm_catalog_score_block_items(cat, i);
	if (blocks)
		snprintf(extra, sizeof extra, ", %zu score block%s with %zu items", blocks,
			 blocks == 1 ? "" : "s", items);
	if (!cli->quiet) {
		struct buf path = BUF_INIT;	/* a file name can hold anything */

		quote_adds(&path, cli->catalog_path ? cli->catalog_path : "built-in groups.json");
		printf("%s: ok (format %d, %zu questions, %zu groups, %zu criteria%s)\n",
		       buf_cstr(&path),
		       gm_catalog_format_version(cat), gm_catalog_question_count(cat) - items,
		       ngroups, criteria, extra);
		printf("name: %s\nversion: %s\nsha256: %s\n",
		       gm_catalog_name(cat) ? gm_catalog_name(cat) : "(none)",
		       gm_catalog_version(cat) ? gm_catalog_version(cat) : "(none)",
		       gm_catalog_hash(cat));
		buf_release(&path);
	}
	return cli_finish_stdout(EXIT_OK);
}
