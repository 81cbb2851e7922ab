/* outfile.c - an output file written beside its target and renamed into place when complete. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "outfile.h"

/* The temporary file a signal must remove, and the group the target had. */
static volatile sig_atomic_t armed;
static char armed_path[PATH_MAX + 16];
static gid_t target_gid;
static int have_target_gid;

/* Every signal whose default action ends the process and that can be
 * caught; the real-time signals are added at run time. */
static const int ending_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGUSR1,
	SIGSEGV, SIGUSR2, SIGALRM, SIGTERM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
	SIGIO, SIGSYS,
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};
#define NENDING (sizeof ending_signals / sizeof ending_signals[0])

static void on_signal(int sig)
{
	int saved = errno;

	if (armed)
		unlink(armed_path);
	signal(sig, SIG_DFL);
	raise(sig);	/* delivered on return, so the status says which signal */
	errno = saved;
}

/* Installs on_signal for sig unless whoever started us ignores it. */
static void catch_signal(int sig)
{
	struct sigaction sa, old;

	if (sigaction(sig, NULL, &old) < 0 || old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);	/* one handler at a time */
	sigaction(sig, &sa, NULL);
}

static void catch_ending_signals(void)
{
	size_t i;
	int sig;

	for (i = 0; i < NENDING; i++)
		catch_signal(ending_signals[i]);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		catch_signal(sig);
}

/* Whether fd is the regular file st describes. */
static int same_file(int fd, const struct stat *st)
{
	struct stat fst;

	return fd >= 0 && fstat(fd, &fst) == 0 && S_ISREG(fst.st_mode) &&
	       fst.st_dev == st->st_dev && fst.st_ino == st->st_ino;
}

int outfile_open(struct outfile *o, const char *path, int in_fd)
{
	struct stat st;
	const char *slash;
	size_t dirlen;
	mode_t mask;
	int exists;

	memset(o, 0, sizeof *o);
	o->path = path;
	o->fd = -1;
	if (!path || !strcmp(path, "-")) {
		if (fstat(STDOUT_FILENO, &st) == 0 && same_file(in_fd, &st)) {
			cli_error("standard output is the input file: write the output to another file");
			return EXIT_USAGE;
		}
		o->fd = STDOUT_FILENO;
		return 0;
	}
	exists = stat(path, &st) == 0;
	if (exists && same_file(in_fd, &st)) {
		cli_error("'%s' is the input file: write the output to another file", path);
		return EXIT_USAGE;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			cli_error("cannot create '%s': %s", path, strerror(EISDIR));
			return EXIT_CANTCREAT;
		}
		o->fd = open(path, O_WRONLY | O_TRUNC);
		if (o->fd < 0) {
			cli_error("cannot open '%s': %s", path, strerror(errno));
			return EXIT_CANTCREAT;
		}
		return 0;
	}
	/* The file this one replaces keeps its mode; a new file gets the
	 * mode the umask allows. */
	if (exists) {
		o->mode = st.st_mode & 07777;
		target_gid = st.st_gid;
		have_target_gid = 1;
	} else {
		mask = umask(0);
		umask(mask);
		o->mode = 0666 & ~mask;
		have_target_gid = 0;
	}
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	if (strlen(path) + 16 > sizeof armed_path) {
		cli_error("cannot create '%s': %s", path, strerror(ENAMETOOLONG));
		return EXIT_CANTCREAT;
	}
	o->tmp = malloc(strlen(path) + 16);
	if (!o->tmp) {
		cli_error("out of memory");
		return EXIT_CANTCREAT;
	}
	sprintf(o->tmp, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	strcpy(armed_path, o->tmp);
	catch_ending_signals();
	/* mkstemp creates the file 0600: private while it is partial */
	armed = 1;
	o->fd = mkstemp(armed_path);
	if (o->fd < 0) {
		armed = 0;
		cli_error("cannot create '%s': %s", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return EXIT_CANTCREAT;
	}
	strcpy(o->tmp, armed_path);
	return 0;
}

/* Gives the finished temporary file its final group and mode.  When the
 * group of the file it replaces cannot be kept, that group's permissions
 * are not passed on to ours. */
static int finish_mode(struct outfile *o)
{
	mode_t mode = o->mode;
	struct stat st;

	if (have_target_gid && fstat(o->fd, &st) == 0 && st.st_gid != target_gid &&
	    fchown(o->fd, (uid_t)-1, target_gid) != 0)
		mode &= ~(mode_t)(S_IRWXG | S_ISGID);
	return fchmod(o->fd, mode);
}

int outfile_close(struct outfile *o, int keep, int write_errno)
{
	const char *name = o->tmp ? o->path : o->path && strcmp(o->path, "-") ? o->path
		: "standard output";
	int rc = 0;

	if (o->tmp && keep && !write_errno && o->fd >= 0) {
		if (fsync(o->fd) != 0)
			write_errno = errno;
		else if (finish_mode(o) != 0)
			write_errno = errno;
	}
	if (o->fd >= 0 && o->fd != STDOUT_FILENO && close(o->fd) != 0 && !write_errno)
		write_errno = errno;
	o->fd = -1;
	if (write_errno) {
		if (write_errno != EPIPE)
			cli_error("cannot write '%s': %s", name, strerror(write_errno));
		rc = EXIT_IOERR;
	}
	if (o->tmp) {
		if (keep && !rc && rename(o->tmp, o->path) != 0) {
			cli_error("cannot create '%s': %s", o->path, strerror(errno));
			rc = EXIT_CANTCREAT;
		}
		if (!keep || rc)
			unlink(o->tmp);
		armed = 0;
		free(o->tmp);
		o->tmp = NULL;
	}
	return rc;
}
