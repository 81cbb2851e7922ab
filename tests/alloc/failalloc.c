/* failalloc.c - LD_PRELOAD shim: the Nth allocation (malloc, calloc or realloc) of a process fails.
 *
 * GM_FAIL_ALLOC=N makes the Nth call return NULL with errno ENOMEM (the
 * others succeed); GM_FAIL_ALLOC_FROM=N makes every call from the Nth on
 * fail.  Counting starts when the shim is loaded.  At exit the shim writes
 * the number of calls to the file GM_FAIL_ALLOC_COUNT names, if set, so a
 * test knows how many allocations a run makes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* glibc's own allocator, under the names it exports for shims like this */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t k, size_t n);
extern void *__libc_realloc(void *p, size_t n);

static unsigned long calls, fail_at, fail_from;
static int ready;

static void setup(void)
{
	const char *s;

	ready = 1;
	if ((s = getenv("GM_FAIL_ALLOC")))
		fail_at = strtoul(s, NULL, 10);
	if ((s = getenv("GM_FAIL_ALLOC_FROM")))
		fail_from = strtoul(s, NULL, 10);
}

/* Whether this call is the one to fail. */
static int fails(void)
{
	if (!ready)
		setup();
	calls++;
	if ((fail_at && calls == fail_at) || (fail_from && calls >= fail_from)) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t k, size_t n)
{
	return fails() ? NULL : __libc_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
	return fails() ? NULL : __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("GM_FAIL_ALLOC_COUNT");
	char line[32];
	int fd, len;

	if (!path || !*path)
		return;
	len = snprintf(line, sizeof line, "%lu\n", calls);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		(void)!write(fd, line, (size_t)len);
		close(fd);
	}
}
