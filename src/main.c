/* main.c - the groupmatch command: global options, then the command. */
#include <locale.h>
#include <signal.h>
#include "cli.h"

int cli_main(int argc, char **argv);

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	/* a closed pipe is a write error (exit 74), not a silent death */
	signal(SIGPIPE, SIG_IGN);
	return cli_main(argc, argv);
}
