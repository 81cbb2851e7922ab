/* cmd_batch.c - batch scoring of intake CSVs (being written; see the batch issue). */
#include "cli.h"

int cmd_batch(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	cli_error("batch: not available in this build yet");
	return EXIT_USAGE;
}
