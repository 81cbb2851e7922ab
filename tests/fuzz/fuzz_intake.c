/* fuzz_intake.c - libFuzzer target: intake decoding memoised, fresh and by the plain parser must give the same answers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../intake_diff.h"
#include "fuzz_common.h"

/* Headers the records are read under, picked by the first byte: plain
 * question ids, REDCap checkboxes with ids, and a mapped export. */
static const char *const headers[] = {
	"id,crisis,goals,structure,focus,issues,comfort,connect,feedback,practice,mutual",
	("record_id,crisis___yes,crisis___no,goals___1,goals___2,issues___anxiety,issues___grief,"
	 "structure,comfort,connect"),
	"PID,Q_Crisis,Q_Goals,Q_Structure,Q_Issues,Q_Comfort,Q_Connect",
	"crisis,goals,phq9_1,phq9_9,gad7_1,comfort,focus___education,focus___support",
};

static const char map_text[] =
	"from,to,question\nPID,id,\nQ_Crisis,crisis,\nQ_Goals,goals,\nQ_Structure,structure,\n"
	"Q_Issues,issues,\nQ_Comfort,comfort,\nQ_Connect,connect,\nJ,yes,crisis\nN,no,crisis\n"
	"SR,symptom_relief,goals\nSB,skill_building,goals\nS,structured,structure\n"
	"A,anxiety,issues\nG,grief,issues\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct gm_catalog *cat = fuzz_catalog();
	static gm_colmap *map;
	unsigned pick = size ? data[0] % (sizeof headers / sizeof headers[0]) : 0;
	const gm_colmap *use_map;
	gm_csv *hcsv, *csv;
	gm_csv_record h, rec;
	gm_intake *warm;
	struct gm_answers a, b;
	const char **hf;
	size_t *hl, hn;

	/* the map first: the mapped header names no question without it, so
	 * an input run first in its process would fail for want of the map */
	if (!map && !(map = gm_colmap_load_buffer(cat, map_text, strlen(map_text), NULL)))
		abort();
	use_map = pick == 2 ? map : NULL;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.cat = b.cat = cat;
	hcsv = gm_csv_new_mem(headers[pick], strlen(headers[pick]), NULL);
	if (!hcsv || gm_csv_next(hcsv, &h, NULL) != 1)
		abort();
	/* the header record stays valid: hcsv is read no further */
	hf = (const char **)h.fields;
	hl = (size_t *)h.lens;
	hn = h.n;
	warm = gm_intake_new(cat, hf, hl, hn, use_map, NULL, NULL);
	if (!warm)
		abort();
	/* twice over the records: the second time the memo answers */
	for (int pass = 0; pass < 2; pass++) {
		csv = gm_csv_new_mem(size ? data + 1 : data, size ? size - 1 : 0, NULL);
		if (!csv)
			abort();
		while (gm_csv_next(csv, &rec, NULL) == 1) {
			const char *why = intake_diff_record(cat, warm, hf, hl, hn, use_map, rec.fields,
							     rec.lens, rec.n, rec.line, &a, &b);

			if (why) {
				fprintf(stderr, "fuzz_intake: line %lu: %s\n", rec.line, why);
				abort();
			}
			if (pass == 0) {
				gm_intake_decode_record(warm, &rec, &a, NULL, NULL, NULL);
				fuzz_match_and_report(&a, GM_MATCH_STAFF);
			}
		}
		gm_csv_free(csv);
	}
	gm_intake_free(warm);
	gm_csv_free(hcsv);
	return 0;
}
