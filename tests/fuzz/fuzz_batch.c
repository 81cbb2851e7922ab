/* fuzz_batch.c - libFuzzer target: 'groupmatch batch' on any CSV from standard input, with options and a --map file. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "cli.h"

static int map_fd = -1, out_fd = -1;
static char map_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int in = memfd_create("fuzz-batch-input", 0);

	(void)argc;
	(void)argv;
	/* The CSV arrives as standard input, a memory-backed regular file;
	 * the rows go to another, read back by check_rows. */
	map_fd = memfd_create("fuzz-batch-map", 0);
	out_fd = memfd_create("fuzz-batch-output", 0);
	if (in < 0 || out_fd < 0 || map_fd < 0 || dup2(in, STDIN_FILENO) < 0)
		abort();
	snprintf(map_path, sizeof map_path, "/proc/self/fd/%d", map_fd);
	return 0;
}

/* The safety invariant on the rows written (jsonl and csv go to a
 * memory file): a row whose safety answer is positive is urgent, with no
 * ranking; an urgent row has a positive answer. */
static void check_rows(void)
{
	static char buf[1 << 20];
	ssize_t n;
	char *line, *save = NULL;

	fflush(stdout);
	n = pread(STDOUT_FILENO, buf, sizeof buf - 1, 0);
	if (n < 0 || ftruncate(STDOUT_FILENO, 0) < 0 || lseek(STDOUT_FILENO, 0, SEEK_SET) != 0)
		abort();
	buf[n] = '\0';
	if (n == (ssize_t)sizeof buf - 1 && (line = strrchr(buf, '\n')))
		*line = '\0';	/* the last row may be cut short */
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int positive = strstr(line, "\"safety\":\"yes\"") || strstr(line, "\"safety\":\"unclear\"");
		int urgent = strstr(line, "\"status\":\"urgent\"") != NULL;

		if (strncmp(line, "{\"id\":", 6))
			continue;	/* csv rows, summaries: their text may hold anything */
		if (positive != urgent || (urgent && !strstr(line, "\"ranking\":[]")))
			abort();
	}
}

static void fill(int fd, const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size ||
	    lseek(fd, 0, SEEK_SET) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static gm_catalog *cat;
	struct cli cli = { 0 };
	char a0[] = "batch", strict[] = "--strict", jsonl[] = "--format=jsonl",
	     json[] = "--format=json", summary[] = "--summary", noheader[] = "--no-header",
	     columns[] = "--columns=id,crisis,goals,comfort,issues,connect", map[] = "--map",
	     top[] = "--top=1", idcol[] = "--id-column=record_id",
	     cp1252[] = "--encoding=cp1252";
	char *argv[16];
	int argc = 0, code, use_map = 0;
	unsigned flags = size ? data[0] : 0;
	const uint8_t *ff;

	if (!cat && !(cat = gm_catalog_load_default(NULL)))
		abort();
	/* The first byte picks the options; with --map, the map file is
	 * what comes before the first form feed and the CSV the rest. */
	if (size) {
		data++;
		size--;
	}
	argv[argc++] = a0;
	if (flags & 1)
		argv[argc++] = strict;
	if ((flags & 6) == 2)
		argv[argc++] = jsonl;
	else if ((flags & 6) == 4)
		argv[argc++] = json;
	else if ((flags & 6) == 6)
		argv[argc++] = summary;
	if (flags & 8) {
		argv[argc++] = noheader;
		argv[argc++] = columns;
	}
	if (flags & 16)
		argv[argc++] = top;
	if (flags & 32)
		argv[argc++] = idcol;
	if (flags & 128)
		argv[argc++] = cp1252;
	if ((flags & 64) && (ff = memchr(data, '\f', size))) {
		fill(map_fd, data, (size_t)(ff - data));
		size -= (size_t)(ff - data) + 1;
		data = ff + 1;
		argv[argc++] = map;
		argv[argc++] = map_path;
		use_map = 1;
	}
	argv[argc] = NULL;
	fill(STDIN_FILENO, data, size);
	/* libFuzzer may have put /dev/null on stdout (-close_fd_mask) */
	fflush(stdout);
	if (dup2(out_fd, STDOUT_FILENO) < 0)
		abort();
	cli.cat = cat;
	cli.quiet = 1;
	cli.color = COLOR_NEVER;
	optind = 0;
	code = cmd_batch(&cli, argc, argv);
	/* nothing else can come of a CSV read from memory, but for an
	 * --id-column that names no column, a usage error, and for a map
	 * that is refused (one that would lower a safety answer, or names a
	 * column twice), exit 78 */
	if (code != EXIT_OK && code != EXIT_DATAERR && code != EXIT_URGENT &&
	    !(code == EXIT_USAGE && (flags & 32)) && !(code == EXIT_CONFIG && use_map))
		abort();
	check_rows();
	fflush(stdout);
	clearerr(stdout);
	return 0;
}
