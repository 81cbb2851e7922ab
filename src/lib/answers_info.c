/* answers_info.c - the answers read back through the public API, and the small edits an interactive form makes. */
#include <stdio.h>
#include <string.h>
#include "answers.h"
#include "scores.h"

static const struct gm_question *question(const gm_answers *ans, size_t q)
{
	return ans && q < (size_t)ans->cat->nquestions ? &ans->cat->questions[q] : NULL;
}

int gm_answers_present(const gm_answers *ans, size_t q)
{
	return question(ans, q) ? (int)(ans->present >> q & 1) : 0;
}

int gm_answers_invalid(const gm_answers *ans, size_t q)
{
	return question(ans, q) ? (int)(ans->invalid >> q & 1) : 0;
}

long gm_answers_value(const gm_answers *ans, size_t q)
{
	const struct gm_question *qq = question(ans, q);
	long n = 0;

	if (!qq || !(ans->present >> q & 1))
		return 0;
	if (qq->kind == Q_YESNO || qq->kind == Q_SCALE)
		return (long)ans->value[q];
	for (int i = 0; i < qq->noptions; i++)
		n += (long)((uint64_t)ans->value[q] >> i & 1);
	return n;
}

int gm_answers_option_chosen(const gm_answers *ans, size_t q, size_t i)
{
	const struct gm_question *qq = question(ans, q);

	return qq && (qq->kind == Q_SINGLE || qq->kind == Q_MULTI) && i < (size_t)qq->noptions &&
	       (ans->present >> q & 1) && ((uint64_t)ans->value[q] >> i & 1);
}

size_t gm_answers_format(const gm_answers *ans, size_t q, char *buf, size_t size)
{
	const struct gm_question *qq = question(ans, q);
	size_t n = 0;
	int k = 0;

	if (size)
		buf[0] = '\0';
	if (!qq || !(ans->present >> q & 1))
		return 0;
	switch (qq->kind) {
	case Q_YESNO:
		return (size_t)snprintf(buf, size, "%s", ans->value[q] ? "yes" : "no");
	case Q_SCALE:
		return (size_t)snprintf(buf, size, "%ld", (long)ans->value[q]);
	case Q_SINGLE:
	case Q_MULTI:
		break;
	}
	for (int i = 0; i < qq->noptions; i++) {
		if (!((uint64_t)ans->value[q] >> i & 1))
			continue;
		n += (size_t)snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0, "%s%s",
				      k++ ? ";" : "", qq->options[i].id);
	}
	if (!k)
		n = (size_t)snprintf(buf, size, "none");
	return n;
}

gm_status gm_answers_copy(gm_answers *dst, const gm_answers *src)
{
	if (!dst || !src || dst->cat != src->cat)
		return GM_ERR_ARG;
	if (dst != src) {
		struct gm_answers old = *dst;

		*dst = *src;
		safety_keep(dst, &old);	/* no copy lowers a safety item */
	}
	return GM_OK;
}

gm_status gm_answers_set_default(gm_answers *ans, size_t q)
{
	const struct gm_question *qq = question(ans, q);

	if (!qq || !qq->has_default)
		return GM_ERR_ARG;
	answers_set_value(ans, (int)q, qq->default_value);
	return GM_OK;
}

gm_status gm_answers_unset(gm_answers *ans, size_t q)
{
	if (!question(ans, q))
		return GM_ERR_ARG;
	return answers_set_text(ans, (int)q, "", 0, NULL);
}

int gm_answers_score_status(const gm_answers *ans, const char **review)
{
	struct score_result sr;

	if (review)
		*review = NULL;
	if (!ans)
		return GM_RESULT_OK;
	scores_compute(ans->cat, ans, &sr);
	if (sr.status == GM_RESULT_REVIEW && review && sr.review)
		*review = sr.review->review ? sr.review->review : sr.review->message;
	return sr.status;
}

const char *gm_answers_message(const gm_answers *ans)
{
	return ans && ans->invalid ? ans->message : "";
}
