/* editdist.c - capped Levenshtein distance between two words, ignoring ASCII case. */
#include "ascii.h"
#include "editdist.h"

int edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	int row[64], i, j;

	if (alen > 60 || blen > 60)
		return 3;
	if ((alen > blen ? alen - blen : blen - alen) > 2)
		return 3;
	for (j = 0; j <= (int)blen; j++)
		row[j] = j;
	for (i = 1; i <= (int)alen; i++) {
		int diag = row[0], best;
		row[0] = i;
		best = row[0];
		for (j = 1; j <= (int)blen; j++) {
			int up = row[j];
			int cost = ascii_lower((unsigned char)a[i - 1]) != ascii_lower((unsigned char)b[j - 1]);
			int v = diag + cost;
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best >= 3)
			return 3;
	}
	return row[blen] < 3 ? row[blen] : 3;
}
