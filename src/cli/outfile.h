/* outfile.h - an output file written beside its target and renamed into place when complete. */
#ifndef GM_OUTFILE_H
#define GM_OUTFILE_H

#include <sys/types.h>

struct outfile {
	const char *path;          /* the target; NULL or "-" for standard output */
	char *tmp;                 /* the temporary file beside path, NULL when writing in place */
	int fd;                    /* where to write; -1 when closed */
	mode_t mode;               /* what tmp is widened to at the rename */
};

/* Opens the output for path: standard output, a device or pipe as it is,
 * or for a regular file (or a new one) a private temporary file beside
 * it.  Refuses an output that is the input (in_fd, -1 for none): the same
 * file would be replaced while it is read.  Until outfile_close, a signal
 * that ends the program removes the temporary file.  Prints any problem;
 * returns 0, or EXIT_USAGE or EXIT_CANTCREAT. */
int outfile_open(struct outfile *o, const char *path, int in_fd);

/* Ends the output.  When keep is set and write_errno is 0, flushes the
 * temporary file to disk, gives it the mode (and group, when allowed) of
 * the file it replaces, or the mode a new file gets, and renames it into
 * place; otherwise removes it.  write_errno is the first error writing to
 * o->fd, 0 if none (EPIPE is not reported: the reader left).  Prints any
 * problem; returns 0, EXIT_IOERR or EXIT_CANTCREAT. */
int outfile_close(struct outfile *o, int keep, int write_errno);

#endif
