/* planted.c - a library planted in the working folder: if a program loads it, its constructor leaves a mark. */
#include <fcntl.h>
#include <unistd.h>

#ifndef GM_PLANTED_MARK
#error "build with -DGM_PLANTED_MARK=\"/path/of/the/mark\""
#endif

__attribute__((constructor)) static void announce(void)
{
	int fd = open(GM_PLANTED_MARK, O_WRONLY | O_CREAT | O_APPEND, 0600);

	if (fd >= 0) {
		(void)!write(fd, GM_PLANTED_NAME "\n", sizeof GM_PLANTED_NAME);
		close(fd);
	}
}
