/* answers_json.c - answers from a JSON object or a FHIR QuestionnaireResponse, through the one parser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "answers.h"
#include "bits.h"
#include "fhir.h"
#include "header.h"
#include "jsonparse.h"
#include "labels.h"
#include "quote.h"
#include "text.h"

/* The safety answer a JSON value gives: booleans and texts as people
 * write them, 1 and 0; null is no answer; an array is read item by item
 * (holding both yes and no, it is unclear); anything else is unclear. */
static gm_safety json_safety(const cJSON *v)
{
	const cJSON *item;
	gm_safety s = GM_SAFETY_MISSING, one;
	int yes = 0, no = 0;

	if (cJSON_IsNull(v))
		return GM_SAFETY_MISSING;
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? GM_SAFETY_YES : GM_SAFETY_NO;
	if (cJSON_IsString(v))
		return gm_safety_decide(v->valuestring, strlen(v->valuestring));
	if (cJSON_IsNumber(v))
		return v->valuedouble == 1 ? GM_SAFETY_YES : v->valuedouble == 0 ? GM_SAFETY_NO
			: GM_SAFETY_UNCLEAR;
	if (!cJSON_IsArray(v))
		return GM_SAFETY_UNCLEAR;
	cJSON_ArrayForEach(item, v) {
		one = cJSON_IsArray(item) ? GM_SAFETY_UNCLEAR : json_safety(item);
		yes |= one == GM_SAFETY_YES;
		no |= one == GM_SAFETY_NO;
		if (one == GM_SAFETY_UNCLEAR)
			s = GM_SAFETY_UNCLEAR;
	}
	if (s == GM_SAFETY_UNCLEAR || (yes && no))
		return GM_SAFETY_UNCLEAR;
	return yes ? GM_SAFETY_YES : no ? GM_SAFETY_NO : GM_SAFETY_MISSING;
}

/* v as compact JSON text in out (cut), for a message or a note. */
static void json_text(const cJSON *v, char *out, size_t outsz)
{
	char *p = cJSON_PrintUnformatted(v);

	if (!p) {
		snprintf(out, outsz, "%s", "?");
		return;
	}
	quote_text(out, outsz, p, strlen(p));
	free(p);
}

/* Adds a JSON value to the ledger as a reading of safety item q: a
 * reading that cannot be read with certainty is unclear, never an
 * error.  Null adds nothing. */
static void safety_json_value(struct gm_answers *ans, int q, const cJSON *v)
{
	char shown[48];
	gm_safety s;

	if (cJSON_IsNull(v))
		return;
	if (cJSON_IsString(v)) {
		answers_set_text(ans, q, v->valuestring, strlen(v->valuestring), NULL);
		return;
	}
	if (q == ans->cat->safety && (s = json_safety(v)) != GM_SAFETY_UNCLEAR) {
		answers_note_safety(ans, s);
		return;
	}
	if (q != ans->cat->safety && cJSON_IsNumber(v) && v->valuedouble == (double)(int)v->valuedouble &&
	    v->valuedouble >= ans->cat->questions[q].min && v->valuedouble <= ans->cat->questions[q].max) {
		answers_set_value(ans, q, (int64_t)v->valuedouble);
		return;
	}
	json_text(v, shown, sizeof shown);
	safety_add_unclear(ans, q, shown, strlen(shown));
}

/* A key that almost names safety item q (a space or a zero-width
 * character of another kind around it, its text, its LOINC code), read
 * fail-closed as a CSV header is: a clear positive stays, anything else
 * is unclear.  Null adds nothing. */
static void near_json_value(struct gm_answers *ans, int q, const cJSON *v)
{
	struct gm_answers *one;
	char shown[48];

	if (cJSON_IsNull(v))
		return;
	json_text(v, shown, sizeof shown);
	if (!(one = malloc(sizeof *one))) {
		safety_add_unclear(ans, q, shown, strlen(shown));
		return;
	}
	*one = *ans;
	one->present &= ~(1u << q);
	one->safety = GM_SAFETY_MISSING;
	safety_reset(one);
	safety_json_value(one, q, v);
	if (q == ans->cat->safety && one->safety == GM_SAFETY_YES)
		answers_note_safety(ans, GM_SAFETY_YES);
	else if (q != ans->cat->safety && !one->ledger.unclear && (one->present >> q & 1) &&
		 one->value[q] > 0)
		answers_set_value(ans, q, one->value[q]);
	else
		safety_add_unclear(ans, q, shown, strlen(shown));
	free(one);
}

/* Sets question q from a JSON value; returns 0 after recording a problem. */
static int set_json_value(struct gm_answers *ans, int q, const cJSON *v, gm_error *err)
{
	const struct gm_question *qq = &ans->cat->questions[q];
	gm_error e;
	char num[32];

	memset(&e, 0, sizeof e);
	if (safety_item(ans->cat, q)) {
		safety_json_value(ans, q, v);
		return 1;
	}
	if (cJSON_IsNull(v)) {
		ans->present &= ~(1u << q);
		return 1;
	}
	if (cJSON_IsString(v)) {
		if (answers_set_text(ans, q, v->valuestring, strlen(v->valuestring), &e) == GM_OK)
			return 1;
	} else if (cJSON_IsBool(v)) {
		if (qq->kind == Q_YESNO) {
			answers_set_value(ans, q, cJSON_IsTrue(v));
			return 1;
		}
		snprintf(e.message, sizeof e.message, "expected %s, got a boolean",
			 qq->kind == Q_SCALE ? "a number" : "an option id");
	} else if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d > 1e9 || d < -1e9)
			snprintf(e.message, sizeof e.message, "%g is out of range", d);
		else if (d != (double)(long long)d)
			snprintf(e.message, sizeof e.message, "%g is not a whole number", d);
		else if (snprintf(num, sizeof num, "%lld", (long long)d),
			 answers_set_text(ans, q, num, strlen(num), &e) == GM_OK)
			return 1;
	} else if (cJSON_IsArray(v) && (qq->kind == Q_MULTI || qq->kind == Q_SINGLE)) {
		const cJSON *item;
		uint64_t set = 0;
		char hint[160] = "";
		int o;

		cJSON_ArrayForEach(item, v) {
			if (cJSON_IsString(item))
				o = answers_find_option(qq, item->valuestring, strlen(item->valuestring));
			else if (cJSON_IsNumber(item) && item->valuedouble >= 1 && item->valuedouble <= qq->noptions &&
				 item->valuedouble == (double)(int)item->valuedouble)
				o = (int)item->valuedouble - 1;
			else
				o = -1;
			if (o == LABEL_AMBIGUOUS) {
				answers_option_problem(e.message, sizeof e.message, ans->cat, qq, item->valuestring,
					       strlen(item->valuestring));
				break;
			}
			if (o < 0) {
				char quoted[64];
				if (cJSON_IsString(item))
					quote_text(quoted, sizeof quoted, item->valuestring, strlen(item->valuestring));
				else
					snprintf(quoted, sizeof quoted, "%s", cJSON_IsNumber(item) ? "a number" : "a non-string");
				int oq, oo;
				if (cJSON_IsString(item) &&
				    (oq = answers_option_elsewhere(ans->cat, qq, item->valuestring,
							   strlen(item->valuestring), &oo)) >= 0)
					snprintf(hint, sizeof hint, " ('%s' is an option of '%s')",
						 ans->cat->questions[oq].options[oo].id,
						 ans->cat->questions[oq].id);
				snprintf(e.message, sizeof e.message, "'%s' is not an option%s", quoted, hint);
				break;
			}
			set |= (uint64_t)1 << o;
		}
		if (e.message[0]) {
			/* reported below */
		} else if (qq->kind == Q_MULTI) {
			if (answers_check_count(ans, q, set, &e, "[...]", 5) == GM_OK)
				return 1;
		} else if (bits_count(set) > 1) {
			snprintf(e.message, sizeof e.message, "only one option may be chosen");
		} else {
			if (set)
				answers_set_value(ans, q, (int64_t)set);
			else
				ans->present &= ~(1u << q);
			return 1;
		}
	} else {
		snprintf(e.message, sizeof e.message, "expected %s, got %s",
			 qq->kind == Q_YESNO ? "true or false" : qq->kind == Q_SCALE ? "a number" :
			 qq->kind == Q_MULTI ? "an array of option ids" : "an option id",
			 cJSON_IsArray(v) ? "an array" : cJSON_IsObject(v) ? "an object" : "an invalid value");
	}
	answers_note_invalid(ans, q, &e);
	if (err && err->status == GM_OK) {
		*err = e;
		err->status = GM_ERR_ANSWER;
		snprintf(err->path, sizeof err->path, "%s", qq->id);
	}
	return 0;
}

/* A second key for question q (not a safety item): the same answer as
 * the first is no conflict; a different one is an error naming both.
 * Returns 0 after recording the error. */
static int same_answer(struct gm_answers *ans, int q, const cJSON *first, const cJSON *again,
		       gm_error *err)
{
	struct gm_answers *one = malloc(sizeof *one);
	char a[48], b[48], msg[300];
	int same;

	if (!one)
		return 1;	/* the first answer stands */
	*one = *ans;
	one->present &= ~(1u << q);
	one->invalid &= ~(1u << q);
	set_json_value(one, q, again, NULL);
	same = ((one->present ^ ans->present) >> q & 1) == 0 && ((one->invalid ^ ans->invalid) >> q & 1) == 0 &&
	       (!(ans->present >> q & 1) || one->value[q] == ans->value[q]);
	free(one);
	if (same)
		return 1;
	json_text(first, a, sizeof a);
	json_text(again, b, sizeof b);
	snprintf(msg, sizeof msg, "'%s' is given twice, as %s and as %s", ans->cat->questions[q].id, a, b);
	answers_mark_invalid(ans, q, msg);
	if (err && err->status == GM_OK) {
		err->status = GM_ERR_ANSWER;
		snprintf(err->path, sizeof err->path, "%s", ans->cat->questions[q].id);
		snprintf(err->message, sizeof err->message, "%s", msg);
	}
	return 0;
}

/* The offset of the first \u0000 escape in JSON text, or -1.  cJSON
 * would cut the string there, so "\u0000yes" would read as blank. */
static long nul_escape(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i + 6 <= len; i++) {
		if (text[i] != '\\')
			continue;
		if (text[i + 1] == 'u' && text[i + 2] == '0' && text[i + 3] == '0' &&
		    text[i + 4] == '0' && text[i + 5] == '0')
			return (long)i;
		i++;	/* skip the escaped character, so "\\\\u0000" is not one */
	}
	return -1;
}

gm_status gm_answers_set_json(gm_answers *ans, const char *text, size_t len, gm_error *err,
			      size_t *nunknown)
{
	long nul;

	struct json_fault f;
	const cJSON *rt, *k, *first[GM_MAX_QUESTIONS] = { 0 };
	cJSON *root;
	gm_error local;
	gm_status st = GM_OK;

	if (nunknown)
		*nunknown = 0;
	if (ans) {
		ans->nunknown = 0;
		ans->unknown[0] = '\0';
	}
	if (!err)
		err = &local;
	memset(err, 0, sizeof *err);
	if ((nul = nul_escape(text, len)) >= 0) {
		size_t i;

		err->status = GM_ERR_ANSWER;
		err->line = 1;
		err->column = 1;
		for (i = 0; i < (size_t)nul; i++) {
			if (text[i] == '\n') {
				err->line++;
				err->column = 1;
			} else {
				err->column++;
			}
		}
		snprintf(err->message, sizeof err->message, "\\u0000 (a NUL character) in a string");
		return GM_ERR_ANSWER;
	}
	root = json_parse(text, len, 0, &f);
	if (!root) {
		err->status = GM_ERR_ANSWER;
		err->line = f.line;
		err->column = f.column;
		snprintf(err->message, sizeof err->message, "%s", f.message);
		return GM_ERR_ANSWER;
	}
	if (!cJSON_IsObject(root)) {
		err->status = GM_ERR_ANSWER;
		err->line = err->column = 1;
		snprintf(err->message, sizeof err->message, "expected a JSON object of answers");
		cJSON_Delete(root);
		return GM_ERR_ANSWER;
	}
	rt = cJSON_GetObjectItemCaseSensitive(root, "resourceType");
	if (rt) {
		if (cJSON_IsString(rt) && !strcmp(rt->valuestring, "QuestionnaireResponse")) {
			st = fhir_read_response(ans, root, err, nunknown);
		} else {
			err->status = GM_ERR_ANSWER;
			snprintf(err->path, sizeof err->path, "resourceType");
			snprintf(err->message, sizeof err->message,
				 "a FHIR resource that is not a QuestionnaireResponse");
			st = GM_ERR_ANSWER;
		}
		cJSON_Delete(root);
		return st;
	}
	/* every member, duplicates included (cJSON keeps them as siblings);
	 * keys are read as CSV headers are: blanks around them do not count */
	cJSON_ArrayForEach(k, root) {
		const char *key = k->string;
		size_t klen = strlen(key);
		int q;

		text_trim_space(&key, &klen);
		q = answers_find_question(ans->cat, key, klen);
		if (q < 0 && (q = near_safety_item(ans->cat, key, klen)) >= 0) {
			near_json_value(ans, q, k);
			continue;
		}
		if (q < 0) {
			if (nunknown)
				(*nunknown)++;
			answers_note_unknown(ans, k->string, strlen(k->string));
			continue;
		}
		if (!safety_item(ans->cat, q) && first[q]) {
			if (!same_answer(ans, q, first[q], k, err))
				st = GM_ERR_ANSWER;
			continue;
		}
		first[q] = k;
		if (!set_json_value(ans, q, k, err))
			st = GM_ERR_ANSWER;
	}
	cJSON_Delete(root);
	return st;
}
