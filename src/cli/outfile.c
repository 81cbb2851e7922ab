/* outfile.c - every file a command writes: a regular file is replaced whole, anything else is written through. */
#define _GNU_SOURCE	/* O_TMPFILE, AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "outfile.h"

/* --- the temporary file a signal removes ------------------------------- */

static volatile sig_atomic_t armed;
static int armed_dirfd = -1;
static char armed_name[288];

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
		unlinkat(armed_dirfd, armed_name, 0);
	signal(sig, SIG_DFL);
	raise(sig);	/* delivered on return, so the status says which signal */
	errno = saved;
}

/* Installs on_signal for sig unless whoever started us ignores it. */
static void catch_signal(int sig)
{
	struct sigaction sa, old;

	if (sigaction(sig, NULL, &old) < 0 || old.sa_handler == SIG_IGN || old.sa_handler == on_signal)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);	/* one handler at a time */
	sigaction(sig, &sa, NULL);
}

/* From here until disarm, a signal that ends the program removes name
 * in dirfd. */
static void arm(int dirfd, const char *name)
{
	size_t i;
	int sig;

	for (i = 0; i < NENDING; i++)
		catch_signal(ending_signals[i]);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		catch_signal(sig);
	armed = 0;
	armed_dirfd = dirfd;
	snprintf(armed_name, sizeof armed_name, "%s", name);
	armed = 1;
}

static void disarm(void)
{
	armed = 0;
}

/* --- which file path names --------------------------------------------- */

enum kind {
	K_NEW,          /* no file yet: create dir/base */
	K_REGULAR,      /* a regular file dir/base: replace it */
	K_THROUGH,      /* something else at path: open it and write through */
	K_OWN_FD        /* our own descriptor fd_no, by a /proc name */
};

struct target {
	enum kind kind;
	char *dir;                 /* the folder, without links */
	char *base;                /* the last name in it */
	char *path;                /* dir/base */
	int magic;                 /* K_THROUGH: a link in /proc, followed by open */
	int fd_no;                 /* K_OWN_FD */
};

static void target_release(struct target *t)
{
	free(t->dir);
	free(t->base);
	free(t->path);
	memset(t, 0, sizeof *t);
}

static char *join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *s = malloc(dl + nl + 2);

	if (!s)
		return NULL;
	memcpy(s, dir, dl);
	s[dl] = '/';
	if (dl == 1 && dir[0] == '/')
		dl = 0;	/* "/" + name, not "//name" */
	memcpy(s + dl + 1, name, nl + 1);
	return s;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Whether dir (without links) is this process's folder of descriptors:
 * /proc/PID/fd or /proc/PID/task/TID/fd. */
static int own_fd_dir(const char *dir)
{
	char pid[32];
	size_t pl;
	const char *rest;

	pl = (size_t)snprintf(pid, sizeof pid, "/proc/%ld", (long)getpid());
	if (strncmp(dir, pid, pl))
		return 0;
	rest = dir + pl;
	if (!strcmp(rest, "/fd"))
		return 1;
	if (strncmp(rest, "/task/", 6))
		return 0;
	rest += 6;
	while (*rest >= '0' && *rest <= '9')
		rest++;
	return !strcmp(rest, "/fd") && rest > dir + pl + 6;
}

/* Follows path's links to what it names, into t; returns 0 or an errno. */
static int resolve(const char *path, struct target *t)
{
	char *cur = strdup(path);
	int hops;

	memset(t, 0, sizeof *t);
	if (!cur)
		return ENOMEM;
	for (hops = 0;; hops++) {
		char *slash = strrchr(cur, '/'), *dir, link[PATH_MAX];
		struct stat st;
		ssize_t n;

		if (slash && !slash[1]) {
			free(cur);
			return EISDIR;	/* "name/" names a folder */
		}
		if (slash == cur)
			dir = realpath("/", NULL);
		else if (slash) {
			*slash = '\0';
			dir = realpath(cur, NULL);
			*slash = '/';
		} else
			dir = realpath(".", NULL);
		if (!dir) {
			int e = errno;

			free(cur);
			return e;
		}
		free(t->dir);
		free(t->base);
		free(t->path);
		t->dir = dir;
		t->base = strdup(slash ? slash + 1 : cur);
		t->path = t->base ? join(dir, t->base) : NULL;
		free(cur);
		cur = NULL;
		if (!t->base || !t->path)
			return ENOMEM;
		if (own_fd_dir(dir) && all_digits(t->base) && strlen(t->base) < 10) {
			t->kind = K_OWN_FD;
			t->fd_no = atoi(t->base);
			return 0;
		}
		if (lstat(t->path, &st) != 0) {
			if (errno != ENOENT)
				return errno;
			t->kind = K_NEW;
			return 0;
		}
		if (S_ISREG(st.st_mode)) {
			t->kind = K_REGULAR;
			return 0;
		}
		if (S_ISDIR(st.st_mode))
			return EISDIR;
		if (!S_ISLNK(st.st_mode)) {
			t->kind = K_THROUGH;
			return 0;
		}
		if (!strncmp(dir, "/proc/", 6) || !strcmp(dir, "/proc")) {
			/* /proc's links name open files by text that is not a
			 * path ("pipe:[42]"): only open() follows them */
			t->kind = K_THROUGH;
			t->magic = 1;
			return 0;
		}
		if (hops >= 40)
			return ELOOP;
		n = readlink(t->path, link, sizeof link - 1);
		if (n < 0)
			return errno;
		link[n] = '\0';
		cur = link[0] == '/' ? strdup(link) : join(dir, link);
		if (!cur)
			return ENOMEM;
	}
}

/* --- inputs ------------------------------------------------------------ */

/* Whether st is the regular file that inputs[i] names, for some i. */
static int is_input(const struct stat *st, const char *const *inputs, size_t n)
{
	struct stat in;
	size_t i;

	if (!S_ISREG(st->st_mode))
		return 0;
	for (i = 0; i < n; i++) {
		const char *p = inputs[i];

		if (!p || !*p)
			continue;
		if (!strcmp(p, "-") ? fstat(STDIN_FILENO, &in) != 0 : stat(p, &in) != 0)
			continue;
		if (S_ISREG(in.st_mode) && in.st_dev == st->st_dev && in.st_ino == st->st_ino)
			return 1;
	}
	return 0;
}

static int refuse(const char *path)
{
	if (path)
		cli_error("'%s' is the input file: write the output to another file", path);
	else
		cli_error("standard output is the input file: write the output to another file");
	return EXIT_USAGE;
}

int outfile_check(const char *path, const char *const *inputs, size_t n)
{
	struct stat st;

	if (!path || !strcmp(path, "-"))
		return fstat(STDOUT_FILENO, &st) == 0 && is_input(&st, inputs, n) ? refuse(NULL) : 0;
	return stat(path, &st) == 0 && is_input(&st, inputs, n) ? refuse(path) : 0;
}

/* --- opening ----------------------------------------------------------- */

static int cant(const char *what, const char *path, int e)
{
	cli_error("cannot %s '%s': %s", what, path, strerror(e));
	return EXIT_CANTCREAT;
}

/* A name ".BASE.XXXXXX" for a temporary file beside base, in buf. */
static int temp_name(char *buf, size_t size, const char *base)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long counter;
	unsigned char rnd[6];
	size_t len = strlen(base), i;
	int at;

	if (len + 9 > NAME_MAX || len + 9 >= size)
		return ENAMETOOLONG;
	if (getrandom(rnd, sizeof rnd, GRND_NONBLOCK) != (ssize_t)sizeof rnd) {
		struct timespec ts;
		unsigned long x;

		clock_gettime(CLOCK_REALTIME, &ts);
		x = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^ ++counter * 2654435761UL;
		for (i = 0; i < sizeof rnd; i++, x /= 62)
			rnd[i] = (unsigned char)(x % 62);
	}
	at = snprintf(buf, size, ".%s.", base);
	for (i = 0; i < sizeof rnd; i++)
		buf[at + (int)i] = chars[rnd[i] % 62];
	buf[at + 6] = '\0';
	return 0;
}

/* A new file in dirfd with a temporary name, 0600; its descriptor, or -1
 * with errno set.  Armed: a signal removes it. */
static int create_named(struct outfile *o)
{
	int tries, fd, e;

	for (tries = 0; tries < 100; tries++) {
		if ((e = temp_name(o->tmpname, sizeof o->tmpname, o->base))) {
			errno = e;
			return -1;
		}
		arm(o->dirfd, o->tmpname);
		fd = openat(o->dirfd, o->tmpname, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0)
			return fd;
		e = errno;
		disarm();
		o->tmpname[0] = '\0';
		if (e != EEXIST) {
			errno = e;
			return -1;
		}
	}
	errno = EEXIST;
	return -1;
}

/* The temporary file for a replacing output, in o->fd. */
static int open_replacement(struct outfile *o, const struct target *t)
{
	struct stat st;

	o->dirfd = open(t->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->dirfd < 0)
		return cant("create", o->name, errno);
	if (t->kind == K_REGULAR) {
		if (fstatat(o->dirfd, t->base, &st, AT_SYMLINK_NOFOLLOW) != 0)
			return cant("create", o->name, errno);
		o->existed = 1;
		o->mode = st.st_mode & 07777;
		o->uid = st.st_uid;
		o->gid = st.st_gid;
	}
	if (!(o->base = strdup(t->base)))
		return cant("create", o->name, ENOMEM);
	o->replace = 1;
#ifdef O_TMPFILE
	/* 0600: private while it is partial */
	o->fd = openat(o->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (o->fd >= 0) {
		o->unnamed = 1;
		return 0;
	}
#endif
	o->fd = create_named(o);
	if (o->fd < 0)
		return cant("create", o->name, errno);
	return 0;
}

/* Our own descriptor fd_no, by name: a copy of it, if it is open for
 * writing. */
static int open_own_fd(struct outfile *o, int fd_no)
{
	int fl = fcntl(fd_no, F_GETFL);

	if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY)
		return cant("open", o->name, EBADF);
	o->fd = fcntl(fd_no, F_DUPFD_CLOEXEC, 3);
	if (o->fd < 0)
		return cant("open", o->name, errno);
	return 0;
}

static int block_device(struct outfile *o)
{
	cli_error("cannot create '%s': it is a block device, not a file", o->name);
	return EXIT_CANTCREAT;
}

/* Whatever t->path is that is not a regular file (or, through /proc, an
 * open file of another process), opened for writing. */
static int open_through(struct outfile *o, const struct target *t, int *again)
{
	struct stat st;

	/* a disk: rows written over its first blocks would destroy it; asked
	 * before the open too, which alone can have effects on some devices */
	if (stat(t->path, &st) == 0 && S_ISBLK(st.st_mode))
		return block_device(o);
	o->fd = open(t->path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (t->magic ? 0 : O_NOFOLLOW));
	if (o->fd < 0 || fstat(o->fd, &st) != 0)
		return cant("open", o->name, errno);
	if (S_ISBLK(st.st_mode))
		return block_device(o);
	if (S_ISREG(st.st_mode)) {
		if (!t->magic) {
			/* it became a regular file meanwhile: replace that */
			close(o->fd);
			o->fd = -1;
			*again = 1;
			return 0;
		}
		if (ftruncate(o->fd, 0) != 0)
			return cant("open", o->name, errno);
	}
	return 0;
}

static void reset(struct outfile *o, const char *path)
{
	memset(o, 0, sizeof *o);
	o->name = path ? path : "standard output";
	o->fd = -1;
	o->dirfd = -1;
}

/* Closes and removes whatever a failed open left. */
static void discard(struct outfile *o)
{
	if (o->fd >= 0 && o->fd != STDOUT_FILENO)
		close(o->fd);
	if (o->tmpname[0])
		unlinkat(o->dirfd, o->tmpname, 0);
	disarm();
	if (o->dirfd >= 0)
		close(o->dirfd);
	free(o->base);
	reset(o, o->name);
}

int outfile_open(struct outfile *o, const char *path, const char *const *inputs, size_t n)
{
	struct target t;
	struct stat st;
	int rc, tries, again;

	if (path && !strcmp(path, "-"))
		path = NULL;
	reset(o, path);
	if ((rc = outfile_check(path, inputs, n)))
		return rc;
	if (!path) {
		o->fd = STDOUT_FILENO;
		return 0;
	}
	for (tries = 0; tries < 3; tries++) {
		int e = resolve(path, &t);

		if (e) {
			target_release(&t);
			return cant("create", path, e);
		}
		again = 0;
		switch (t.kind) {
		case K_NEW:
		case K_REGULAR:
			rc = open_replacement(o, &t);
			break;
		case K_OWN_FD:
			rc = open_own_fd(o, t.fd_no);
			break;
		case K_THROUGH:
			rc = open_through(o, &t, &again);
			break;
		}
		target_release(&t);
		if (rc || !again)
			break;
	}
	if (!rc && o->fd < 0)
		rc = cant("create", path, EAGAIN);
	/* checked again on what was opened: a name may have changed */
	if (!rc && !o->replace && fstat(o->fd, &st) == 0 && is_input(&st, inputs, n))
		rc = refuse(path);
	if (!rc && o->replace && o->existed && fstatat(o->dirfd, o->base, &st, 0) == 0 &&
	    is_input(&st, inputs, n))
		rc = refuse(path);
	if (rc)
		discard(o);
	return rc;
}

/* --- writing and closing ----------------------------------------------- */

int outfile_write(struct outfile *o, const void *data, size_t len)
{
	const char *p = data;

	while (len && !o->err) {
		ssize_t w = write(o->fd, p, len);

		if (w < 0) {
			if (errno != EINTR)
				o->err = errno;
			continue;
		}
		p += w;
		len -= (size_t)w;
	}
	return o->err;
}

/* Gives the finished temporary file the owner, group and mode of the file
 * it replaces, or a new file's mode.  What cannot be kept is not passed
 * on: the set-user-ID bit without the owner, the group's permissions and
 * set-group-ID without the group. */
static int finish_mode(struct outfile *o)
{
	struct stat st;
	mode_t mode, mask;

	if (!o->existed) {
		mask = umask(0);
		umask(mask);
		return fchmod(o->fd, 0666 & ~mask);
	}
	mode = o->mode;
	if (fstat(o->fd, &st) != 0)
		return -1;
	if (st.st_uid != o->uid || st.st_gid != o->gid) {
		if (fchown(o->fd, o->uid, o->gid) != 0) {
			mode &= ~(mode_t)S_ISUID;
			if (st.st_gid != o->gid && fchown(o->fd, (uid_t)-1, o->gid) != 0)
				mode &= ~(mode_t)(S_IRWXG | S_ISGID);
		}
	}
	return fchmod(o->fd, mode);
}

/* Gives the unnamed temporary file the name name in its folder; returns
 * 0 or an errno (EEXIST when the name is taken). */
static int link_unnamed(struct outfile *o, const char *name)
{
	char proc[64];

	/* AT_EMPTY_PATH needs a capability; /proc does not */
	if (linkat(o->fd, "", o->dirfd, name, AT_EMPTY_PATH) == 0)
		return 0;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
	if (linkat(AT_FDCWD, proc, o->dirfd, name, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	return errno;
}

/* Puts the unnamed temporary file in place: a new file takes its name at
 * once; otherwise it gets a temporary name, to be renamed over the file.
 * Sets *done when nothing is left to rename; returns 0 or an errno. */
static int name_unnamed(struct outfile *o, int *done)
{
	int tries, e;

	if (!o->existed && (e = link_unnamed(o, o->base)) != EEXIST) {
		*done = !e;
		return e;
	}
	for (tries = 0; tries < 100; tries++) {
		if ((e = temp_name(o->tmpname, sizeof o->tmpname, o->base)))
			return e;
		arm(o->dirfd, o->tmpname);
		if (!(e = link_unnamed(o, o->tmpname)))
			return 0;
		disarm();
		o->tmpname[0] = '\0';
		if (e != EEXIST)
			return e;
	}
	return EEXIST;
}

int outfile_close(struct outfile *o, int keep, int write_errno)
{
	int rc = 0, e = 0, done = 0;

	if (!write_errno)
		write_errno = o->err;
	if (o->replace && keep && !write_errno && o->fd >= 0) {
		if (fsync(o->fd) != 0 && errno != EINVAL)
			write_errno = errno;
		else if (finish_mode(o) != 0)
			write_errno = errno;
		else if (o->unnamed && (e = name_unnamed(o, &done)))
			rc = cant("create", o->name, e);
	}
	if (o->fd >= 0 && o->fd != STDOUT_FILENO && close(o->fd) != 0 && !write_errno)
		write_errno = errno;
	o->fd = -1;
	if (write_errno) {
		if (write_errno != EPIPE)
			cli_error("cannot write '%s': %s", o->name, strerror(write_errno));
		rc = EXIT_IOERR;
	}
	if (o->replace) {
		if (keep && !rc && !done && renameat(o->dirfd, o->tmpname, o->dirfd, o->base) != 0)
			rc = cant("create", o->name, errno);
		else if (keep && !rc) {
			o->tmpname[0] = '\0';
			disarm();
			if (fsync(o->dirfd) != 0 && errno != EINVAL) {
				cli_error("cannot write '%s': %s", o->name, strerror(errno));
				rc = EXIT_IOERR;
			}
		}
	}
	discard(o);
	return rc;
}
