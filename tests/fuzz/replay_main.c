/* replay_main.c - runs a fuzz target on the files named, without libFuzzer: the corpus as a regression test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Only the targets that set up their process define it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Reads all of path into a fresh allocation of its exact size, so that
 * the sanitizers see a read past the end; NULL when it cannot. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL, *grown;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			if (!(grown = realloc(data, cap))) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = grown;
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	if ((grown = malloc(n ? n : 1)))
		for (size_t i = 0; i < n; i++)
			grown[i] = data[i];
	free(data);
	*size = n;
	return grown;
}

int main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		size_t size;
		uint8_t *data = slurp(argv[i], &size);

		if (!data) {
			fprintf(stderr, "replay: cannot read '%s'\n", argv[i]);
			return 66;
		}
		LLVMFuzzerTestOneInput(data, size);
		free(data);
	}
	return 0;
}
