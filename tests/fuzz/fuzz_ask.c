/* fuzz_ask.c - libFuzzer target: 'groupmatch ask' reading piped answer lines from standard input. */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "cli.h"

static int input_fd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The input reaches ask through a memory-backed file put in place of
	 * standard input: a regular file, so never a terminal. */
	input_fd = memfd_create("fuzz-ask-input", 0);
	if (input_fd < 0 || dup2(input_fd, STDIN_FILENO) < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static gm_catalog *cat;
	struct cli cli = { 0 };
	char a0[] = "ask", strict[] = "--strict", json[] = "--format=json", top[] = "--top=2";
	char *argv[5];
	int argc = 0, code;
	unsigned flags = size ? data[0] : 0;

	if (!cat && !(cat = gm_catalog_load_default(NULL)))
		abort();
	/* The first byte picks the options; the rest is what is typed. */
	if (size) {
		data++;
		size--;
	}
	argv[argc++] = a0;
	if (flags & 1)
		argv[argc++] = strict;
	if (flags & 2)
		argv[argc++] = json;
	if (flags & 4)
		argv[argc++] = top;
	argv[argc] = NULL;
	if (ftruncate(STDIN_FILENO, 0) < 0 || pwrite(STDIN_FILENO, data, size, 0) != (ssize_t)size ||
	    lseek(STDIN_FILENO, 0, SEEK_SET) != 0)
		abort();
	cli.cat = cat;
	cli.color = COLOR_NEVER;
	code = cmd_ask(&cli, argc, argv);
	switch (code) {
	case EXIT_OK:
	case EXIT_URGENT:
	case EXIT_DATAERR:
	case EXIT_IOERR:
	case EXIT_INTERRUPTED:
		break;
	default:
		abort();	/* nothing else can come of piped answers */
	}
	fflush(stdout);
	clearerr(stdout);
	return 0;
}
