/* outfile.h - every file a command writes: a regular file is replaced whole, anything else is written through. */
#ifndef GM_OUTFILE_H
#define GM_OUTFILE_H

#include <stddef.h>
#include <sys/types.h>

/* One output.  The rules, for path as a command's -o names it:
 *  - NULL or "-": standard output, written as it is;
 *  - a regular file, a new file, or a symbolic link (through any chain)
 *    to either: the file the links name is replaced whole.  The output
 *    is written to a private temporary file in that file's folder (an
 *    unnamed O_TMPFILE where the file system has it, else a named
 *    ".NAME.XXXXXX" removed on every signal that can be caught), synced,
 *    given the mode, owner and group of the file it replaces (or the
 *    mode the umask allows a new one), and renamed over it; the folder
 *    is synced too.  The links are left as they were;
 *  - anything else (a FIFO, a device, a socket's name fails) and our own
 *    descriptors by name (/dev/stdout, /dev/fd/N, /proc/self/fd/N, or a
 *    link to one): opened and written through, never renamed over;
 *  - a folder: cannot be created.
 * An output that is one of the command's regular input files (the same
 * device and inode, by any name, standard output included) is refused. */
struct outfile {
	const char *name;          /* for messages: the path, or "standard output" */
	int fd;                    /* where to write; -1 when closed */
	int err;                   /* the first error writing to fd, 0 if none */
	int replace;               /* fd is a temporary file to put in place of a regular file */
	int unnamed;               /* replace: fd is an O_TMPFILE with no name yet */
	int dirfd;                 /* replace: the folder of the file, -1 otherwise */
	char *base;                /* replace: the file's name in that folder */
	char tmpname[288];         /* replace: the temporary file's name there, "" when none */
	int existed;               /* replace: a file is replaced, not created */
	mode_t mode;               /* replace: the mode of the file replaced */
	uid_t uid;                 /* replace: its owner */
	gid_t gid;                 /* replace: and group */
};

/* The files a command reads, for the check that its output is none of
 * them: inputs[0..n-1], where NULL and "" are skipped and "-" is standard
 * input.  Prints the problem and returns EXIT_USAGE when path (NULL or "-"
 * for standard output) is one of them, else 0.  Commands call it before
 * any work, and outfile_open calls it again. */
int outfile_check(const char *path, const char *const *inputs, size_t n);

/* Opens the output for path (see struct outfile), after outfile_check.
 * A FIFO blocks here until a reader opens it.  Prints any problem;
 * returns 0, or EXIT_USAGE, EXIT_CANTCREAT. */
int outfile_open(struct outfile *o, const char *path, const char *const *inputs, size_t n);

/* Writes len bytes of data to o->fd, retrying after signals; returns 0
 * or the error, which is kept in o->err (nothing more is written after
 * one). */
int outfile_write(struct outfile *o, const void *data, size_t len);

/* Ends the output.  When keep is set and nothing failed (write_errno and
 * o->err are 0), a replacing output is synced and put in place; otherwise
 * its temporary file is removed and the old file left as it was.  EPIPE
 * is not reported (the reader left) but still fails.  Prints any problem;
 * returns 0, EXIT_IOERR or EXIT_CANTCREAT. */
int outfile_close(struct outfile *o, int keep, int write_errno);

#endif
