/* gen_intake.c - writes a deterministic, realistic intake CSV for benchmarks and tests. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

/* splitmix64: small, fast, and the same sequence on every platform. */
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A whole number in [0, n). */
static unsigned pick(unsigned n)
{
	return (unsigned)((rng() >> 32) * n >> 32);
}

/* True with probability per10000 / 10000. */
static int chance(unsigned per10000)
{
	return pick(10000) < per10000;
}

static const char *const goals[] = {
	"symptom_relief", "skill_building", "personal_growth", "self_awareness",
	"emotional_regulation", "change_patterns", "relationships", "life_transition"
};
static const char *const structures[] = { "structured", "open_ended", "no_preference" };
static const char *const structure_labels[] = { "Structured", "Open-ended", "No preference" };
static const char *const focuses[] = { "education", "support", "deep_work" };
static const char *const issues[] = {
	"anxiety", "social_anxiety", "panic", "depression", "obsessive_thoughts",
	"trauma", "grief", "addiction", "anger", "chronic_pain", "serious_illness",
	"caregiving", "social_skills", "intense_emotions", "relationship_conflict",
	"self_esteem", "stress"
};
static const char *const yes_forms[] = { "yes", "yes", "yes", "Yes", "y", "1", "TRUE" };
static const char *const no_forms[] = { "no", "no", "no", "No", "n", "0", "false" };

#define N(a) (sizeof a / sizeof a[0])

/* Writes 1..max distinct options of list (at least min), joined by ';'
 * or, now and then, as a quoted comma-separated field. */
static void multi(FILE *out, const char *const *list, unsigned n, unsigned min, unsigned max)
{
	unsigned count = min + pick(max - min + 1), used = 0;
	int quoted = count > 1 && chance(1500);
	char sep = quoted ? ',' : chance(300) ? '|' : ';';

	if (quoted)
		putc('"', out);
	for (unsigned i = 0; i < count; i++) {
		unsigned k = pick(n);

		if (used & 1u << k)
			continue;
		if (used)
			putc(sep, out);
		used |= 1u << k;
		if (chance(200))
			fprintf(out, "%u", k + 1);	/* the 1-based option number */
		else
			fputs(list[k], out);
	}
	if (quoted)
		putc('"', out);
}

static void yesno(FILE *out, unsigned yes_per10000)
{
	if (chance(yes_per10000))
		fputs(yes_forms[pick(N(yes_forms))], out);
	else
		fputs(no_forms[pick(N(no_forms))], out);
}

/* One intake record.  About 1% answer yes to the crisis question, 0.1%
 * carry an invalid value, 2% leave an answer out. */
static void row(FILE *out, unsigned long i, unsigned extra_columns)
{
	unsigned bad = chance(10) ? 1 + pick(4) : 0;

	fprintf(out, "P%07lu,", i);
	yesno(out, 100);
	putc(',', out);
	if (bad == 1)
		fputs("flying", out);
	else
		multi(out, goals, N(goals), 1, 3);
	putc(',', out);
	if (!chance(200)) {
		unsigned s = pick(3);

		fputs(chance(1000) ? structure_labels[s] : structures[s], out);
	}
	putc(',', out);
	multi(out, focuses, N(focuses), 1, 2);
	putc(',', out);
	if (!chance(500))
		multi(out, issues, N(issues), 1, 3);
	putc(',', out);
	if (bad == 2)
		fputs("9", out);
	else if (!chance(100))
		fprintf(out, "%u", 1 + pick(5));
	fputs(",", out);
	if (bad == 3)
		fputs("maybe", out);
	else
		yesno(out, 7000);
	putc(',', out);
	yesno(out, 6000);
	putc(',', out);
	yesno(out, 6500);
	putc(',', out);
	if (bad == 4)
		fputs("perhaps", out);
	else
		yesno(out, 7500);
	for (unsigned c = 0; c < extra_columns; c++)
		fprintf(out, ",%u", pick(100));
	putc('\n', out);
}

static void usage(FILE *f)
{
	fputs("usage: gen_intake [-n ROWS] [-s SEED] [--wide COLUMNS] [--long-field MB]\n"
	      "  writes an intake CSV with a header row to stdout\n"
	      "  --wide COLUMNS   add COLUMNS extra (unknown) columns to every row\n"
	      "  --long-field MB  write one record whose goals field is MB MiB long\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "long-field", required_argument, NULL, 'L' },
		{ "rows", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "wide", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long rows = 1000, wide = 0, long_mb = 0;
	uint64_t seed = 42;
	static char obuf[1 << 16];
	int c;

	while ((c = getopt_long(argc, argv, "hn:s:", opts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(stdout); return 0;
		case 'L': long_mb = strtoul(optarg, NULL, 10); break;
		case 'n': rows = strtoul(optarg, NULL, 10); break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'W': wide = strtoul(optarg, NULL, 10); break;
		default: usage(stderr); return 64;
		}
	}
	rng_state = seed;
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	fputs("id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual", stdout);
	for (unsigned long i = 0; i < wide; i++)
		printf(",extra%lu", i + 1);
	putchar('\n');
	if (long_mb) {
		/* A quoted field with escapes and line breaks, to show that
		 * parsing stays linear; the record is reported as too long. */
		static const char chunk[] = "grief;\"\"panic\"\";\n";
		unsigned long n = (long_mb << 20) / (sizeof chunk - 1);

		fputs("P0000000,no,\"", stdout);
		for (unsigned long i = 0; i < n; i++)
			fputs(chunk, stdout);
		fputs("\",structured,support,,3,yes,yes,yes,yes\n", stdout);
	}
	for (unsigned long i = 1; i <= rows; i++)
		row(stdout, i, (unsigned)wide);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("gen_intake: write");
		return 74;
	}
	return 0;
}
