/* main.c - the groupmatch command: global options, then the command. */
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <unistd.h>
#include "cli.h"

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
	return cli_main(argc, argv);
}
