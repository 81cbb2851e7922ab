/* fuzz_common.h - what the fuzz targets share: the built-in catalogue and a result check. */
#ifndef GM_FUZZ_COMMON_H
#define GM_FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "buf.h"
#include "engine.h"
#include "report.h"

/* The built-in catalogue, loaded once per process. */
static inline const struct gm_catalog *fuzz_catalog(void)
{
	static gm_catalog *cat;

	if (!cat && !(cat = gm_catalog_load_default(NULL)))
		abort();
	return cat;
}

/* Matches ans and renders the result both ways, so that every string the
 * answers left behind is read; aborts when the result breaks its contract. */
static inline void fuzz_match_and_report(const struct gm_answers *ans, int flags)
{
	struct gm_result res;
	struct buf out = BUF_INIT;
	struct report_opts opts = { 1, 1, 40, 0, "F1" };
	size_t i, n;

	result_init(&res, ans->cat);
	gm_match(ans, flags, &res);
	n = gm_result_rank_count(&res);
	if (res.status != GM_RESULT_OK && res.status != GM_RESULT_REVIEW && n)
		abort();
	for (i = 0; i < n; i++) {
		int p = gm_result_percent(&res, i);
		if (p < 0 || p > 100)
			abort();
	}
	if (res.status != GM_RESULT_OK && !gm_result_message(&res))
		abort();
	/* the safety invariant: a positive answer is urgent, with no ranking;
	 * otherwise only a score rule (PHQ-9 item 9) makes a result urgent */
	if ((gm_safety_positive(gm_answers_safety(ans)) && res.status != GM_RESULT_URGENT) ||
	    (res.status == GM_RESULT_URGENT && !gm_safety_positive(gm_answers_safety(ans)) &&
	     res.scores.status != GM_RESULT_URGENT) ||
	    (res.status == GM_RESULT_URGENT && n) || gm_result_safety(&res) != gm_answers_safety(ans))
		abort();
	/* a review rule that fired gives review or urgent, never ok or invalid */
	if (res.scores.status == GM_RESULT_REVIEW && res.status != GM_RESULT_REVIEW &&
	    res.status != GM_RESULT_URGENT)
		abort();
	report_json(&out, &res, "id", 2, 0);
	report_json(&out, &res, NULL, 0, 1);
	report_text(&out, &res, &opts);
	opts.utf8 = 0;
	opts.top = 2;
	report_text(&out, &res, &opts);
	buf_release(&out);
}

/* Whether text, as an answer to the safety question, is positive: the
 * oracle the targets hold the front ends to. */
static inline int fuzz_positive(const char *text, size_t len)
{
	return gm_safety_positive(gm_safety_decide(text, len));
}

#endif
