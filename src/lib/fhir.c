/* fhir.c - the questionnaire as a FHIR R4 Questionnaire, and answers from a QuestionnaireResponse.
 *
 * Past 700 lines for a reason: the Questionnaire written and the
 * QuestionnaireResponse read use one mapping of questions to items
 * (linkIds, codings, extensions), kept in one place so they cannot drift.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ascii.h"
#include "bits.h"
#include "fhir.h"
#include "scores.h"
#include "jsonw.h"
#include "quote.h"
#include "text.h"

#define EXT_BASE "http://hl7.org/fhir/StructureDefinition/"
#define ITEM_CONTROL_SYSTEM "http://hl7.org/fhir/questionnaire-item-control"
#define MAX_ITEM_DEPTH 64          /* nesting of item inside item or answer */
#define SHORT_PATH 100             /* longer paths are cut to "..." + their tail */

/* --- export ----------------------------------------------------------- */

static void ext_int(struct jw *w, const char *name, long v)
{
	char url[96];

	snprintf(url, sizeof url, EXT_BASE "%s", name);
	jw_object(w);
	jw_key_string(w, "url", url);
	jw_key_int(w, "valueInteger", v);
	jw_end_object(w);
}

static void ext_string(struct jw *w, const char *name, const char *v)
{
	char url[96];

	snprintf(url, sizeof url, EXT_BASE "%s", name);
	jw_object(w);
	jw_key_string(w, "url", url);
	jw_key_string(w, "valueString", v);
	jw_end_object(w);
}

static const char *item_type(enum q_kind kind)
{
	switch (kind) {
	case Q_YESNO: return "boolean";
	case Q_SINGLE:
	case Q_MULTI: return "choice";
	case Q_SCALE: return "integer";
	}
	return "string";
}

/* The extensions a question needs: scale bounds and their meaning, and
 * how many options a multi-choice question takes. */
static void item_extensions(struct jw *w, const struct gm_question *q)
{
	char fmt[512];
	int any = 0;

	if (q->kind == Q_SCALE) {
		jw_key(w, "extension");
		jw_array(w);
		ext_int(w, "minValue", q->min);
		ext_int(w, "maxValue", q->max);
		if (q->min_label && q->max_label) {
			snprintf(fmt, sizeof fmt, "%d = %s, %d = %s", q->min,
				 q->min_label, q->max, q->max_label);
			ext_string(w, "entryFormat", fmt);
		}
		jw_end_array(w);
		return;
	}
	if (q->kind != Q_MULTI)
		return;
	if (q->min > 1) {
		jw_key(w, "extension");
		jw_array(w);
		any = 1;
		ext_int(w, "questionnaire-minOccurs", q->min);
	}
	if (q->max > 0 && q->max < q->noptions) {
		if (!any) {
			jw_key(w, "extension");
			jw_array(w);
			any = 1;
		}
		ext_int(w, "questionnaire-maxOccurs", q->max);
	}
	if (any)
		jw_end_array(w);
}

static void answer_options(struct jw *w, const struct gm_question *q,
			   const char *system)
{
	int i;

	jw_key(w, "answerOption");
	jw_array(w);
	for (i = 0; i < q->noptions; i++) {
		jw_object(w);
		jw_key(w, "valueCoding");
		jw_object(w);
		jw_key_string(w, "system", system);
		jw_key_string(w, "code", q->options[i].id);
		jw_key_string(w, "display", q->options[i].label);
		jw_end_object(w);
		if (q->has_default && (q->default_value >> i & 1))
			jw_key_bool(w, "initialSelected", 1);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void help_item(struct jw *w, const struct gm_question *q)
{
	char link[160];

	snprintf(link, sizeof link, "%s.help", q->id);
	jw_key(w, "item");
	jw_array(w);
	jw_object(w);
	jw_key(w, "extension");
	jw_array(w);
	jw_object(w);
	jw_key_string(w, "url", EXT_BASE "questionnaire-itemControl");
	jw_key(w, "valueCodeableConcept");
	jw_object(w);
	jw_key(w, "coding");
	jw_array(w);
	jw_object(w);
	jw_key_string(w, "system", ITEM_CONTROL_SYSTEM);
	jw_key_string(w, "code", "help");
	jw_key_string(w, "display", "Help-Button");
	jw_end_object(w);
	jw_end_array(w);
	jw_end_object(w);
	jw_end_object(w);
	jw_end_array(w);
	jw_key_string(w, "linkId", link);
	jw_key_string(w, "text", q->help);
	jw_key_string(w, "type", "display");
	jw_end_object(w);
	jw_end_array(w);
}

static void question_item(struct jw *w, const struct gm_question *q)
{
	char system[256];

	jw_object(w);
	item_extensions(w, q);
	jw_key_string(w, "linkId", q->id);
	jw_key_string(w, "text", q->text);
	jw_key_string(w, "type", item_type(q->kind));
	jw_key_bool(w, "required", q->required);
	jw_key_bool(w, "repeats", q->kind == Q_MULTI);
	if (q->kind == Q_SINGLE || q->kind == Q_MULTI) {
		snprintf(system, sizeof system, "%s/%s", FHIR_CODE_SYSTEM, q->id);
		answer_options(w, q, system);
	} else if (q->has_default) {
		jw_key(w, "initial");
		jw_array(w);
		jw_object(w);
		if (q->kind == Q_YESNO)
			jw_key_bool(w, "valueBoolean", q->default_value != 0);
		else
			jw_key_int(w, "valueInteger", (long)q->default_value);
		jw_end_object(w);
		jw_end_array(w);
	}
	if (q->help && *q->help)
		help_item(w, q);
	jw_end_object(w);
}

/* A coding in LOINC, as an element of a "code" array. */
static void loinc_code(struct jw *w, const char *code)
{
	jw_key(w, "code");
	jw_array(w);
	jw_object(w);
	jw_key_string(w, "system", "http://loinc.org");
	jw_key_string(w, "code", code);
	jw_end_object(w);
	jw_end_array(w);
}

/* A score block as a group item coded with its panel's LOINC code; its
 * items are coded with theirs and answered with LOINC answer codes. */
static void block_item(struct jw *w, const struct gm_catalog *cat, const struct score_block *b)
{
	const struct gm_scores *s = cat->scores;

	jw_object(w);
	jw_key_string(w, "linkId", b->id);
	loinc_code(w, b->loinc);
	jw_key_string(w, "text", b->name);
	jw_key_string(w, "type", "group");
	jw_key_bool(w, "required", 0);
	jw_key_bool(w, "repeats", 0);
	jw_key(w, "item");
	jw_array(w);
	for (int k = 0; k < b->nitems; k++) {
		const struct gm_question *q = &cat->questions[b->first + k];

		jw_object(w);
		jw_key_string(w, "linkId", q->id);
		loinc_code(w, b->item_loinc[k]);
		jw_key_string(w, "text", q->text);
		jw_key_string(w, "type", "choice");
		jw_key_bool(w, "required", 0);
		jw_key_bool(w, "repeats", 0);
		jw_key(w, "answerOption");
		jw_array(w);
		for (int v = 0; v < s->nlabels; v++) {
			jw_object(w);
			jw_key(w, "valueCoding");
			jw_object(w);
			if (s->codes[v]) {
				jw_key_string(w, "system", "http://loinc.org");
				jw_key_string(w, "code", s->codes[v]);
			}
			jw_key_string(w, "display", s->labels[v]);
			jw_end_object(w);
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
}

int fhir_questionnaire(struct buf *out, const struct gm_catalog *cat)
{
	struct jw w;
	int i;

	jw_init(&w, out, 1);
	jw_object(&w);
	jw_key_string(&w, "resourceType", "Questionnaire");
	jw_key_string(&w, "id", "groupmatch");
	jw_key_string(&w, "url", FHIR_QUESTIONNAIRE_URL);
	jw_key_string(&w, "version", GM_VERSION);
	jw_key_string(&w, "name", "GroupmatchQuestionnaire");
	jw_key_string(&w, "title", cat->name ? cat->name : "groupmatch");
	jw_key_string(&w, "status", "active");
	jw_key(&w, "subjectType");
	jw_array(&w);
	jw_string(&w, "Patient");
	jw_end_array(&w);
	jw_key(&w, "item");
	jw_array(&w);
	for (i = 0; i < cat->nquestions; i++)
		if (cat->questions[i].role != ROLE_ITEM)
			question_item(&w, &cat->questions[i]);
	for (i = 0; cat->scores && i < cat->scores->nblocks; i++)
		block_item(&w, cat, &cat->scores->blocks[i]);
	jw_end_array(&w);
	jw_end_object(&w);
	return out->oom ? -1 : 0;
}

/* --- QuestionnaireResponse ---------------------------------------------- */

struct reader {
	struct gm_answers *ans;
	gm_error *err;
	size_t *nunknown;
	gm_status status;          /* the first problem's status */
	uint32_t seen;             /* bit q: an earlier item answered q */
	uint32_t bad;              /* bit q: a problem was recorded for q */
	char path[512];            /* JSON path of the element being read */
	size_t pathlen;
	char shortpath[SHORT_PATH + 1]; /* its tail, for messages */
};

static size_t path_push(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends to the path; returns the old length for path_pop. */
static size_t path_push(struct reader *r, const char *fmt, ...)
{
	size_t old = r->pathlen;
	va_list ap;
	int n;

	if (r->pathlen < sizeof r->path - 1) {
		va_start(ap, fmt);
		n = vsnprintf(r->path + r->pathlen, sizeof r->path - r->pathlen, fmt, ap);
		va_end(ap);
		if (n > 0)
			r->pathlen += (size_t)n;
		if (r->pathlen > sizeof r->path - 1)
			r->pathlen = sizeof r->path - 1;
	}
	return old;
}

static void path_pop(struct reader *r, size_t old)
{
	r->pathlen = old;
	r->path[old] = '\0';
}

static void problem(struct reader *r, int q, const char *link, gm_status st,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Copies src into dst of size bytes, cut at a character boundary. */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Records a problem at the current path: marks question q (if >= 0)
 * invalid and describes the first problem in r->err. */
static void problem(struct reader *r, int q, const char *link, gm_status st,
		    const char *fmt, ...)
{
	char reason[256], quoted[64], msg[400];
	const char *path = r->path;
	va_list ap;
	int n;

	if (r->pathlen > SHORT_PATH) {
		path = r->path + r->pathlen - SHORT_PATH + 3;
		while (*path && *path != '.' && *path != '[')
			path++;
		snprintf(r->shortpath, sizeof r->shortpath, "...%s", path);
		path = r->shortpath;
	}

	va_start(ap, fmt);
	n = vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	if (n < 0)
		reason[0] = '\0';
	if (link) {
		quote_text(quoted, sizeof quoted, link, strlen(link));
		n = snprintf(msg, sizeof msg, "linkId '%s' (%s): %s", quoted, path, reason);
	} else if (r->pathlen) {
		n = snprintf(msg, sizeof msg, "%s: %s", path, reason);
	} else {
		n = snprintf(msg, sizeof msg, "%s", reason);
	}
	if (n < 0)
		msg[0] = '\0';
	if (q >= 0) {
		answers_mark_invalid(r->ans, q, msg);
		r->bad |= (uint32_t)1 << q;
	}
	if (q >= 0 && safety_item(r->ans->cat, q))
		return;	/* an unclear reading in the ledger, not an error */
	if (r->status != GM_OK)
		return;
	r->status = st;
	if (r->err) {
		memset(r->err, 0, sizeof *r->err);
		r->err->status = st;
		copy_text(r->err->path, sizeof r->err->path, path);
		copy_text(r->err->message, sizeof r->err->message, msg);
	}
}

/* Whether member c's key is name (or with prefix, starts with it),
 * ignoring ASCII case and blanks around it, as CSV headers are read:
 * "Answer" and "answer " are "answer". */
static int key_is_(const cJSON *c, const char *name, int prefix)
{
	const char *k = c->string ? c->string : "";
	size_t n = strlen(k), want = strlen(name);

	text_trim_space(&k, &n);
	return (prefix ? n >= want : n == want) && ascii_ieq(k, name, want);
}
#define key_is(c, name) key_is_((c), (name), 0)

/* The first value[x] member of an answer after c (from the first when
 * c is NULL), or NULL. */
static const cJSON *next_value(const cJSON *answer, const cJSON *c)
{
	for (c = c ? c->next : answer->child; c && !key_is_(c, "value", 1); c = c->next)
		;
	return c;
}
#define answer_value(a) next_value((a), NULL)

/* The name FHIR gives a value[x] member read here, whatever the case
 * or blanks of its key; other keys as they are. */
static const char *value_name(const cJSON *v)
{
	static const char *const names[] = { "valueBoolean", "valueInteger", "valueDecimal",
		"valueString", "valueCode", "valueCoding" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (key_is(v, names[i]))
			return names[i];
	return v->string;
}

/* A whole number from valueInteger or valueDecimal; 0 when it is not one. */
static int whole_number(const cJSON *v, long *out)
{
	double d;

	if (!cJSON_IsNumber(v))
		return 0;
	d = v->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < -1e9 || d > 1e9)
		return 0;
	*out = (long)d;
	return 1;
}

static const char *kind_name(enum q_kind kind)
{
	switch (kind) {
	case Q_YESNO: return "a yes/no";
	case Q_SINGLE: return "a single-choice";
	case Q_MULTI: return "a multiple-choice";
	case Q_SCALE: return "a scale";
	}
	return "a";
}

static const char *kind_wants(enum q_kind kind)
{
	switch (kind) {
	case Q_YESNO: return "valueBoolean";
	case Q_SINGLE:
	case Q_MULTI: return "valueCoding";
	case Q_SCALE: return "valueInteger";
	}
	return "a value";
}

/* The text of a valueCoding's code (else display), valueString or
 * valueCode; NULL when v is none of those.  *alt is set to the display
 * of a coding that also has a code, for a second try. */
static const char *value_text(const cJSON *v, const char **alt)
{
	const cJSON *code, *display;

	*alt = NULL;
	if (strcmp(value_name(v), "valueCoding") == 0) {
		if (!cJSON_IsObject(v))
			return NULL;
		code = cJSON_GetObjectItemCaseSensitive(v, "code");
		display = cJSON_GetObjectItemCaseSensitive(v, "display");
		if (cJSON_IsString(code)) {
			if (cJSON_IsString(display))
				*alt = display->valuestring;
			return code->valuestring;
		}
		return cJSON_IsString(display) ? display->valuestring : NULL;
	}
	if ((strcmp(value_name(v), "valueString") == 0 ||
	     strcmp(value_name(v), "valueCode") == 0) && cJSON_IsString(v))
		return v->valuestring;
	return NULL;
}

/* Whether v, a value[x] whose name FHIR defines, has the JSON type that
 * name requires; records a problem when not.  Other value[x] types
 * (valueDate, valueQuantity, ...) pass, to be refused as the wrong type. */
static int well_formed(struct reader *r, int q, const cJSON *v)
{
	static const struct { const char *name; int type; const char *what; } types[] = {
		{ "valueBoolean", cJSON_True | cJSON_False, "true or false" },
		{ "valueInteger", cJSON_Number, "a number" },
		{ "valueDecimal", cJSON_Number, "a number" },
		{ "valueString", cJSON_String, "a string" },
		{ "valueCode", cJSON_String, "a string" },
		{ "valueCoding", cJSON_Object, "an object" },
	};
	const char *id = r->ans->cat->questions[q].id;
	size_t i;

	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		if (strcmp(value_name(v), types[i].name) != 0)
			continue;
		if (!(v->type & 0xFF & types[i].type)) {
			problem(r, q, id, GM_ERR_ANSWER, "%s is not %s", types[i].name, types[i].what);
			return 0;
		}
		if (types[i].type == cJSON_Object &&
		    !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "code")) &&
		    !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "display"))) {
			problem(r, q, id, GM_ERR_ANSWER, "valueCoding has no code or display");
			return 0;
		}
	}
	return 1;
}

/* Converts one answer's value for question q into the answers' encoding.
 * Booleans, numbers and codes that name an option directly are taken as
 * they are; any other text is read as gm_answers_set reads typed text, so
 * its errors are worded the same way.  Returns 0, or -1 after recording a
 * problem. */
static int read_value(struct reader *r, int q, const cJSON *v, int64_t *out)
{
	const struct gm_question *qq = &r->ans->cat->questions[q];
	const char *text, *alt;
	char num[64];
	gm_error tmp;
	long n;
	int k;

	if (!well_formed(r, q, v))
		return -1;
	text = value_text(v, &alt);
	switch (qq->kind) {
	case Q_YESNO:
		if (strcmp(value_name(v), "valueBoolean") == 0 && cJSON_IsBool(v)) {
			*out = cJSON_IsTrue(v);
			return 0;
		}
		if (strcmp(value_name(v), "valueInteger") == 0 && whole_number(v, &n) &&
		    (n == 0 || n == 1)) {
			*out = n;
			return 0;
		}
		if (text && alt && (k = answers_parse_yesno(text, strlen(text))) < 0 &&
		    (k = answers_parse_yesno(alt, strlen(alt))) >= 0) {
			*out = k;
			return 0;
		}
		break;
	case Q_SINGLE:
	case Q_MULTI:
		if (text) {
			k = answers_find_option(qq, text, strlen(text));
			if (k < 0 && alt)
				k = answers_find_option(qq, alt, strlen(alt));
			if (k >= 0) {
				*out = (int64_t)((uint64_t)1 << k);
				return 0;
			}
		}
		break;
	case Q_SCALE:
		if ((strcmp(value_name(v), "valueInteger") == 0 ||
		     strcmp(value_name(v), "valueDecimal") == 0) && cJSON_IsNumber(v)) {
			if (!whole_number(v, &n)) {
				problem(r, q, qq->id, GM_ERR_ANSWER,
					"%g is not a whole number", v->valuedouble);
				return -1;
			}
			snprintf(num, sizeof num, "%ld", n);
			text = num;
		}
		break;
	}
	if (!text) {
		quote_text(num, sizeof num, v->string, strlen(v->string));
		problem(r, q, qq->id, GM_ERR_ANSWER, "%s question takes %s, not %s",
			kind_name(qq->kind), kind_wants(qq->kind), num);
		return -1;
	}
	if (!*text) {
		problem(r, q, qq->id, GM_ERR_ANSWER, "the answer is empty");
		return -1;
	}
	memset(&tmp, 0, sizeof tmp);
	if (answers_set_text(r->ans, q, text, strlen(text), &tmp) != GM_OK) {
		problem(r, q, qq->id, GM_ERR_ANSWER, "%s", tmp.message);
		return -1;
	}
	*out = r->ans->value[q];
	return 0;
}

/* The safety answer one value[x] gives: booleans, 1 and 0, and texts
 * or codes read by the one decision; anything else is unclear. */
static gm_safety value_safety(const cJSON *v)
{
	const char *text, *alt;
	gm_safety s;

	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? GM_SAFETY_YES : GM_SAFETY_NO;
	if (cJSON_IsNumber(v))
		return v->valuedouble == 1 ? GM_SAFETY_YES : v->valuedouble == 0 ? GM_SAFETY_NO
			: GM_SAFETY_UNCLEAR;
	text = value_text(v, &alt);
	if (!text)
		return GM_SAFETY_UNCLEAR;
	s = gm_safety_decide(text, strlen(text));
	if (s == GM_SAFETY_UNCLEAR && alt)
		s = gm_safety_decide(alt, strlen(alt));
	return s == GM_SAFETY_MISSING ? GM_SAFETY_UNCLEAR : s;
}

/* A value[x] member as "valueInteger 2", cut, for a message. */
static void json_value_text(const cJSON *v, char *out, size_t outsz)
{
	char *p = cJSON_PrintUnformatted(v);
	char quoted[40];

	quote_text(quoted, sizeof quoted, p ? p : "?", p ? strlen(p) : 1);
	free(p);
	snprintf(out, outsz, "%s %s", value_name(v), quoted);
}

/* Reads the answers to the safety question.  Nothing here is an error:
 * a list holding both yes and no, or a value that cannot be read, is
 * unclear, which counts as positive; several items merge as flags do. */
static void read_safety(struct reader *r, const cJSON *answers)
{
	const cJSON *a, *v = NULL;
	int yes = 0, no = 0, unclear = !cJSON_IsArray(answers);

	cJSON_ArrayForEach(a, answers) {
		gm_safety s = cJSON_IsObject(a) && (v = answer_value(a)) ? value_safety(v)
			: GM_SAFETY_UNCLEAR;

		yes |= s == GM_SAFETY_YES;
		no |= s == GM_SAFETY_NO;
		unclear |= s == GM_SAFETY_UNCLEAR;
		/* more values in one answer: each is read, and together unclear */
		for (; cJSON_IsObject(a) && v && (v = next_value(a, v)); unclear = 1) {
			s = value_safety(v);
			yes |= s == GM_SAFETY_YES;
		}
	}
	answers_note_safety(r->ans, unclear || (yes && no) ? GM_SAFETY_UNCLEAR
			    : yes ? GM_SAFETY_YES : no ? GM_SAFETY_NO : GM_SAFETY_MISSING);
}

/* Reads the answer[] array of an item that asks question q. */
static void read_answers(struct reader *r, int q, const cJSON *answers)
{
	const struct gm_question *qq = &r->ans->cat->questions[q];
	const cJSON *a, *v, *v2;
	int64_t value = 0, one;
	size_t mark, mark2;
	char key[64], before[64] = "", shown[2][48];
	int i = 0, n = 0, bad = 0, count = 0, safety = safety_item(r->ans->cat, q);
	uint32_t bit = (uint32_t)1 << q;

	if (!cJSON_IsArray(answers)) {
		mark = path_push(r, ".answer");
		problem(r, q, qq->id, GM_ERR_ANSWER, "'answer' is not an array");
		path_pop(r, mark);
		return;
	}
	if ((r->seen & bit) && qq->kind == Q_MULTI && (r->ans->present & bit))
		value = r->ans->value[q];
	if ((r->seen & bit) && qq->kind != Q_MULTI && !safety)	/* for a second item */
		gm_answers_format(r->ans, (size_t)q, before, sizeof before);
	cJSON_ArrayForEach(a, answers) {
		mark = path_push(r, ".answer[%d]", i++);
		if (!cJSON_IsObject(a)) {
			problem(r, q, qq->id, GM_ERR_ANSWER, "an answer is not an object");
			bad = 1;
		} else if (!(v = answer_value(a))) {
			problem(r, q, qq->id, GM_ERR_ANSWER, "the answer has no value[x]");
			bad = 1;
		} else if ((v2 = next_value(a, v)) && !safety) {
			json_value_text(v, shown[0], sizeof shown[0]);
			json_value_text(v2, shown[1], sizeof shown[1]);
			problem(r, q, qq->id, GM_ERR_ANSWER, "an answer has two values, %s and %s",
				shown[0], shown[1]);
			bad = 1;
		} else {
			/* a safety item: every value is a reading, and more than one is unclear */
			for (v2 = next_value(a, v); v2; v2 = next_value(a, v2)) {
				read_value(r, q, v2, &one);
				safety_add_unclear(r->ans, q, NULL, 0);
			}
			quote_text(key, sizeof key, v->string, strlen(v->string));
			mark2 = path_push(r, ".%s", key);
			if (read_value(r, q, v, &one) == 0) {
				count++;
				if (qq->kind == Q_MULTI)
					value |= one;
				else
					value = one;
			} else {
				bad = 1;
			}
			path_pop(r, mark2);
		}
		path_pop(r, mark);
		if (bad && !safety)
			break;	/* a safety item reads on: every reading counts */
	}
	r->seen |= bit;
	if (bad || count == 0 || (r->bad & bit))
		return;
	mark = path_push(r, ".answer");
	if (qq->kind != Q_MULTI && count > 1) {
		problem(r, q, qq->id, GM_ERR_ANSWER,
			"takes one answer, not %d", count);
	} else if (qq->kind == Q_MULTI && (n = bits_count((uint64_t)value)) < qq->min) {
		problem(r, q, qq->id, GM_ERR_ANSWER,
			"needs at least %d options, got %d", qq->min, n);
	} else if (qq->kind == Q_MULTI && qq->max > 0 && n > qq->max) {
		problem(r, q, qq->id, GM_ERR_ANSWER,
			"takes at most %d options, got %d", qq->max, n);
	} else {
		answers_set_value(r->ans, q, value);
		/* a second item for q: the same answer, or an error naming both */
		if (before[0] && gm_answers_format(r->ans, (size_t)q, shown[1], sizeof shown[1]) &&
		    strcmp(before, shown[1]))
			problem(r, q, qq->id, GM_ERR_ANSWER, "answered twice, as '%s' and as '%s'",
				before, shown[1]);
	}
	path_pop(r, mark);
}

static void read_items(struct reader *r, const cJSON *items, int depth);

/* The question a linkId names (a question id, or a score item's LOINC
 * code), or -1. */
static int question_of(const struct reader *r, const char *link)
{
	int q = catalog_find_question(r->ans->cat, link, strlen(link));

	return q >= 0 ? q : scores_find_code(r->ans->cat, link, strlen(link));
}

/* Reads every "answer" member of item (duplicates included) for q. */
static void read_answer_members(struct reader *r, int q, const cJSON *item)
{
	for (const cJSON *c = item->child; c; c = c->next) {
		if (!key_is(c, "answer"))
			continue;
		if (q == r->ans->cat->safety)
			read_safety(r, c);
		else
			read_answers(r, q, c);
	}
}

static void read_item(struct reader *r, const cJSON *item, int depth)
{
	const cJSON *link = NULL, *other = NULL, *c, *a;
	size_t mark;
	int q = -1, q2 = -1, i, answered = 0;

	if (!cJSON_IsObject(item)) {
		problem(r, -1, NULL, GM_ERR_ARG, "an item is not an object");
		return;
	}
	/* every member: keys in any case or with blanks, duplicates seen */
	for (c = item->child; c; c = c->next) {
		if (key_is(c, "answer"))
			answered |= cJSON_GetArraySize(c) > 0;
		if (!key_is(c, "linkId") || !cJSON_IsString(c))
			continue;
		if (!link) {
			link = c;
			q = question_of(r, c->valuestring);
		} else if (strcmp(c->valuestring, link->valuestring) && !other) {
			other = c;
			q2 = question_of(r, c->valuestring);
		}
	}
	if (!link) {
		problem(r, -1, NULL, GM_ERR_ARG, "an item has no linkId string");
		return;
	}
	if (other) {
		char x[64], y[64];

		/* which question is meant is not known: a safety item among them
		 * is read all the same, since missing it would be worse */
		if (safety_item(r->ans->cat, q))
			read_answer_members(r, q, item);
		if (safety_item(r->ans->cat, q2) && q2 != q)
			read_answer_members(r, q2, item);
		quote_text(x, sizeof x, link->valuestring, strlen(link->valuestring));
		quote_text(y, sizeof y, other->valuestring, strlen(other->valuestring));
		problem(r, -1, NULL, GM_ERR_ARG, "an item has two linkIds, '%s' and '%s'", x, y);
	} else if (q >= 0) {
		read_answer_members(r, q, item);
	} else if (answered) {
		if (r->nunknown)
			(*r->nunknown)++;
		answers_note_unknown(r->ans, link->valuestring, strlen(link->valuestring));
	}
	for (c = item->child; c; c = c->next) {
		if (key_is(c, "item")) {
			mark = path_push(r, ".item");
			read_items(r, c, depth + 1);
			path_pop(r, mark);
		}
		if (!key_is(c, "answer") || !cJSON_IsArray(c))
			continue;
		i = 0;
		cJSON_ArrayForEach(a, c) {
			for (const cJSON *n = cJSON_IsObject(a) ? a->child : NULL; n; n = n->next)
				if (key_is(n, "item")) {
					mark = path_push(r, ".answer[%d].item", i);
					read_items(r, n, depth + 1);
					path_pop(r, mark);
				}
			i++;
		}
	}
}

static void read_items(struct reader *r, const cJSON *items, int depth)
{
	const cJSON *item;
	size_t mark;
	int i = 0;

	if (!cJSON_IsArray(items)) {
		problem(r, -1, NULL, GM_ERR_ARG, "'item' is not an array");
		return;
	}
	if (depth > MAX_ITEM_DEPTH) {
		problem(r, -1, NULL, GM_ERR_ARG, "items are nested more than %d deep",
			MAX_ITEM_DEPTH);
		return;
	}
	cJSON_ArrayForEach(item, items) {
		mark = path_push(r, "[%d]", i++);
		read_item(r, item, depth);
		path_pop(r, mark);
	}
}

gm_status fhir_read_response(struct gm_answers *ans, const cJSON *root,
			     gm_error *err, size_t *nunknown)
{
	struct reader r;
	const cJSON *type, *items, *status;

	memset(&r, 0, sizeof r);
	r.ans = ans;
	r.err = err;
	r.nunknown = nunknown;
	r.status = GM_OK;
	if (nunknown)
		*nunknown = 0;
	type = cJSON_GetObjectItemCaseSensitive(root, "resourceType");
	if (!cJSON_IsObject(root) || !cJSON_IsString(type) ||
	    strcmp(type->valuestring, "QuestionnaireResponse") != 0) {
		problem(&r, -1, NULL, GM_ERR_ARG, "not a FHIR QuestionnaireResponse");
		return r.status;
	}
	for (items = root->child; items; items = items->next)
		if (key_is(items, "item")) {
			size_t mark = path_push(&r, "item");

			read_items(&r, items, 0);
			path_pop(&r, mark);
		}
	for (status = root->child; status; status = status->next)
		if (key_is(status, "status") && cJSON_IsString(status) &&
		    ascii_ieq_str(status->valuestring, strlen(status->valuestring), "entered-in-error")) {
			r.status = GM_OK;	/* this refusal is the one to report */
			problem(&r, -1, NULL, GM_ERR_ARG, "a QuestionnaireResponse with status "
				"'entered-in-error' is not read");
		}
	if (r.status != GM_OK && err) {
		char notes[200];

		/* refused or not, a positive reading is never kept from staff */
		if (safety_notes(ans, NULL, notes, sizeof notes)) {
			size_t used = strlen(err->message);

			snprintf(err->message + used, sizeof err->message - used,
				 " (safety readings in it: %s)", notes);
		}
	}
	return r.status;
}
