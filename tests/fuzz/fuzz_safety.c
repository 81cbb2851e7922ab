/* fuzz_safety.c - libFuzzer target: no positive safety answer is lost, whatever transformations the input picks. */
/* Past 700 lines: one grammar of transformations and its oracle, the C twin of
 * tests/cli/safety_property_grammar.py; split, the choices would drift apart. */
/*
 * The input is a script of choices, read a byte at a time (zeros once it
 * runs out): how a set of records reaches the library (a CSV dialect,
 * encoding and byte order mark, header spellings, a column map, record
 * damage; or answers JSON, a FHIR QuestionnaireResponse and flags), and
 * what each record says (a yes or unclear answer to the crisis question,
 * PHQ-9 item 9 of 1-3, an unreadable or skipped item 9, or any bytes as
 * the crisis answer, decided by gm_safety_decide alone).  The oracle, as
 * tests/cli/safety_property.py's: every positive record ends urgent or
 * review, or the whole input is refused with a message.  A loss aborts.
 *
 * Families that still lose answers in the library are listed in
 * known_gaps and never drawn (their plain choice is used instead);
 * GM_FUZZ_SAFETY_GAPS=none draws them all, GM_FUZZ_SAFETY_GAPS=a,b
 * disables only those.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "groupmatch.h"

/* The families, named as safety_property.py names them. */
static const char *const known_gaps[] = {
	"key-space", "bom-then-quote", "damage-extra-fields", "damage-missing-fields",
	"redcap-zero-width", NULL,
};
static const char *gaps_env;

static int gap(const char *family)
{
	const char *p;
	size_t n = strlen(family);

	if (gaps_env) {
		if (!strcmp(gaps_env, "none") || !*gaps_env)
			return 0;
		for (p = gaps_env; (p = strstr(p, family)); p += n)
			if ((p == gaps_env || p[-1] == ',') && (p[n] == ',' || !p[n]))
				return 1;
		return 0;
	}
	for (size_t i = 0; known_gaps[i]; i++)
		if (!strcmp(known_gaps[i], family))
			return 1;
	return 0;
}

/* --- the script ---------------------------------------------------------- */

struct script {
	const uint8_t *p;
	size_t n;
};

static unsigned take(struct script *s, unsigned mod)
{
	unsigned v = 0;

	if (s->n) {
		v = *s->p++;
		s->n--;
	}
	return mod ? v % mod : v;
}

/* A choice of family: v when the family is drawn, plain otherwise. */
static unsigned pick(unsigned v, unsigned plain, const char *family)
{
	return v != plain && gap(family) ? plain : v;
}

/* --- a growing text -------------------------------------------------------- */

struct text {
	char *s;
	size_t len, cap;
};

static void put(struct text *t, const void *p, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		if (!(t->s = realloc(t->s, t->cap)))
			abort();
	}
	memcpy(t->s + t->len, p, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void puts_(struct text *t, const char *s)
{
	put(t, s, strlen(s));
}

/* --- values ---------------------------------------------------------------- */

static const char *const crisis_yes[] = {
	"yes", "Yes", "YES", "y", "Y", "true", "TRUE", "1", "Checked", " yes ", "yes\xc2\xa0",
	"\xe2\x80\x8byes", "\xef\xbb\xbfyes",
};
static const char *const crisis_unclear[] = {
	"unsure", "maybe", "not sure", "don't know", "?", "N/A", "yes please", "no?", "No.",
	"2", "-1", "yess", "\xef\xbd\x99\xef\xbd\x85\xef\xbd\x93", "prefer not to say", "0 1",
};
static const char *const crisis_no[] = { "no", "No", "N", "n", "false", "0", "Unchecked" };
static const char *const item9_pos[] = {
	"1", "2", "3", " 3", "01", "Several days", "more than half the days", "Nearly every day",
};
static const char *const item9_bad[] = { "yes", "4", "9", "sometimes", "3?", "2.5", "x" };
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* UTF-8 spaces and zero-width characters for header spellings */
static const char *const spaces[] = {
	" ", "\t", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x89",
	"\xe2\x80\x8a", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
};
static const char *const zero_width[] = {
	"\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0", "\xef\xbb\xbf",
};

static const char crisis_label[] =
	"Are you in crisis right now, or having thoughts of harming yourself or someone else?";
static const char item9_label[] =
	"Thoughts that you would be better off dead, or of hurting yourself in some way";

enum kind { NEGATIVE, CRISIS_YES, CRISIS_UNCLEAR, CRISIS_RAW, ITEM9, ITEM9_BAD, ITEM9_BLANK };

struct record {
	enum kind kind;
	const char *crisis, *item9;
	char raw[24];
	size_t rawlen;
	char notes[40];
	size_t noteslen;
	int positive;
};

/* Draws a record; raw crisis answers only when the cell's bytes reach
 * the library unchanged (UTF-8). */
static void draw_record(struct script *s, struct record *r, int utf8, int phq)
{
	unsigned k = take(s, 8), v = take(s, 0);

	memset(r, 0, sizeof *r);
	r->crisis = crisis_no[v % N(crisis_no)];
	r->item9 = phq ? "0" : "";
	r->kind = k == 0 || k == 1 ? NEGATIVE : k == 2 ? CRISIS_YES : k == 3 ? CRISIS_UNCLEAR :
		  k == 4 ? CRISIS_RAW : k == 5 ? ITEM9 : k == 6 ? ITEM9_BAD : ITEM9_BLANK;
	if (r->kind == CRISIS_RAW && !utf8)
		r->kind = CRISIS_UNCLEAR;
	if (r->kind >= ITEM9 && !phq)
		r->kind = CRISIS_YES;
	if (r->kind == ITEM9_BAD && gap("item9-unreadable"))
		r->kind = ITEM9;
	if (r->kind == ITEM9_BLANK && gap("item9-blank"))
		r->kind = ITEM9;
	switch (r->kind) {
	case NEGATIVE:
		break;
	case CRISIS_YES:
		r->crisis = crisis_yes[v % N(crisis_yes)];
		break;
	case CRISIS_UNCLEAR:
		r->crisis = crisis_unclear[v % N(crisis_unclear)];
		break;
	case CRISIS_RAW:
		r->rawlen = take(s, sizeof r->raw);
		for (size_t i = 0; i < r->rawlen; i++)
			r->raw[i] = (char)take(s, 0);
		r->crisis = r->raw;
		break;
	case ITEM9:
		r->item9 = item9_pos[v % N(item9_pos)];
		break;
	case ITEM9_BAD:
		r->item9 = item9_bad[v % N(item9_bad)];
		break;
	case ITEM9_BLANK:
		r->item9 = "";
		break;
	}
	r->noteslen = take(s, sizeof r->notes);
	for (size_t i = 0; i < r->noteslen; i++)
		r->notes[i] = (char)take(s, 0);
	if (r->kind == CRISIS_RAW)
		/* a blank cell is no answer, anything else is decided by the library */
		r->positive = gm_safety_positive(gm_safety_decide(r->raw, r->rawlen));
	else
		r->positive = r->kind != NEGATIVE;
}

static size_t crisis_len(const struct record *r)
{
	return r->crisis == r->raw ? r->rawlen : strlen(r->crisis);
}

/* What was fed to the library, shown when a positive is lost. */
static const char *shown, *shown_map;
static size_t shown_len;
static int shown_enc, shown_delim;

static void lost(const char *where, const struct record *r, const char *got)
{
	if (shown) {
		fprintf(stderr, "fuzz_safety: input (encoding %d, delimiter %d), as C: \"", shown_enc,
			shown_delim);
		for (size_t i = 0; i < shown_len; i++) {
			unsigned char c = (unsigned char)shown[i];

			if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
				fputc(c, stderr);
			else
				fprintf(stderr, "\\%03o", c);
		}
		fprintf(stderr, "\"\n");
		if (shown_map)
			fprintf(stderr, "fuzz_safety: map:\n%s", shown_map);
	}
	fprintf(stderr, "fuzz_safety: %s: a positive record (kind %d, crisis '%.*s', item 9 '%s') "
		"came out %s\n", where, (int)r->kind, (int)crisis_len(r), r->crisis, r->item9, got);
	abort();
}

/* --- CSV ------------------------------------------------------------------ */

struct dialect {
	const char *eol;
	char delim;
	int quote_all, encoding;
};

/* Writes one cell, quoted when it must be (or when the dialect says). */
static void cell(struct text *t, const struct dialect *d, const char *p, size_t n, int quote)
{
	int need = quote || d->quote_all;

	for (size_t i = 0; i < n && !need; i++)
		need = p[i] == d->delim || p[i] == '"' || p[i] == '\n' || p[i] == '\r';
	if (!need) {
		put(t, p, n);
		return;
	}
	put(t, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"')
			put(t, "\"", 1);
		put(t, p + i, 1);
	}
	put(t, "\"", 1);
}

/* A header spelling of name (or of label, when not NULL): case flips, outer spaces,
 * a zero-width character inside.  In a single-byte encoding only the
 * spaces it has. */
static void spell(struct script *s, struct text *h, const char *name, const char *label, int utf8)
{
	char buf[160];
	unsigned use_label = label && pick(take(s, 6) == 0, 0, "header-label");
	unsigned flips = take(s, 0), pre = take(s, 0), post = take(s, 0);
	unsigned zw = pick(take(s, 4) == 0, 0, label ? "header-zero-width" : "redcap-zero-width");
	unsigned zwat = take(s, 0);
	const char *src = use_label ? label : name;
	size_t n = strlen(src), i;
	int unicode = 0;

	memcpy(buf, src, n + 1);
	for (i = 0; i < n && i < 8; i++)
		if (flips & (1u << i) && buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 'a' + 'A');
	pre %= 2 * N(spaces);
	post %= 2 * N(spaces);
	if (!utf8) {	/* space, tab, and NBSP as the single byte 0xa0 */
		pre = pre < N(spaces) ? pre % 3 : N(spaces);
		post = post < N(spaces) ? post % 3 : N(spaces);
		zw = 0;
	}
	unicode = (pre >= 2 && pre < N(spaces)) || (post >= 2 && post < N(spaces));
	if (unicode && gap("header-outer-unicode-space"))
		pre = post = N(spaces);
	if (pre < N(spaces))
		puts_(h, !utf8 && pre == 2 ? "\xa0" : spaces[pre]);
	if (zw) {
		zwat %= n + 1;
		put(h, buf, zwat);
		puts_(h, zero_width[take(s, N(zero_width))]);
		put(h, buf + zwat, n - zwat);
	} else {
		put(h, buf, n);
	}
	if (post < N(spaces))
		puts_(h, !utf8 && post == 2 ? "\xa0" : spaces[post]);
}

enum col { C_ID, C_CRISIS, C_YES, C_NO, C_PHQ, C_ITEM9, C_GOALS, C_NOTES };

static void fuzz_csv(struct script *s, const gm_catalog *cat)
{
	static const char *const eols[] = { "\n", "\r\n", "\r", "\r\r\n" };
	static const char *const eol_family[] = { "", "", "eol-cr", "eol-crcrlf" };
	struct dialect d;
	struct text csv = { 0 }, map = { 0 };
	struct record recs[5];
	enum col cols[20];
	int ncols = 0, utf8, phq, redcap, nrec, damage, damaged, bom, mapkind, auto_delim;
	unsigned e;
	gm_colmap *cmap = NULL;
	gm_csv *reader;
	gm_batch *batch;
	gm_batch_item item;
	gm_error err;
	int i, j, got;

	e = take(s, 4);
	d.eol = eols[pick(e, 0, eol_family[e] ? eol_family[e] : "")];
	d.delim = ",;\t"[take(s, 3)];
	auto_delim = take(s, 2);
	d.encoding = (int)take(s, 3);
	d.quote_all = take(s, 3) == 0;
	utf8 = d.encoding == GM_CSV_UTF8;
	bom = (int)take(s, 4);	/* none, one, two, none */
	/* a BOM the reader keeps (two, or one in a single-byte encoding) may
	 * stand before a quoted first header */
	if (bom == 3 || ((bom == 2 || (bom == 1 && !utf8)) && gap("bom-then-quote")))
		bom = 0;
	phq = (int)take(s, 2);
	redcap = take(s, 6) == 0;
	mapkind = redcap ? 0 : (int)take(s, 8);	/* 0-4 none, 5 rename, 6 recode, 7 hostile */
	if (mapkind == 7 && phq && gap("map-hostile-item9-zero"))
		mapkind = 6;
	nrec = 1 + (int)take(s, 4);
	damage = (int)take(s, 8);	/* 0-4 none, 5 extra, 6 missing, 7 long cell */
	damage = pick(damage == 5, 0, "damage-extra-fields") ? 5 :
		 pick(damage == 6, 0, "damage-missing-fields") ? 6 :
		 pick(damage == 7, 0, "damage-long-other-cell") ? 7 : 0;
	damaged = (int)take(s, (unsigned)nrec);

	/* the columns, in an order the script picks */
	cols[ncols++] = C_ID;
	if (redcap) {
		cols[ncols++] = C_YES;
		cols[ncols++] = C_NO;
	} else {
		cols[ncols++] = C_CRISIS;
	}
	if (phq) {
		for (i = 0; i < 8; i++)
			cols[ncols++] = C_PHQ;
		cols[ncols++] = C_ITEM9;
	}
	cols[ncols++] = C_GOALS;
	cols[ncols++] = C_NOTES;
	for (i = ncols - 1; i > 0; i--) {
		enum col c = cols[i];

		j = (int)take(s, (unsigned)i + 1);
		cols[i] = cols[j];
		cols[j] = c;
	}
	for (i = 0; i < nrec; i++)
		draw_record(s, &recs[i], utf8 && !redcap && mapkind < 6, phq);

	/* the header row */
	if (bom)
		puts_(&csv, bom == 2 ? "\xef\xbb\xbf\xef\xbb\xbf" : "\xef\xbb\xbf");
	for (i = 0, j = 0; i < ncols; i++) {
		struct text h = { 0 };

		if (i)
			put(&csv, &d.delim, 1);
		switch (cols[i]) {
		case C_ID: puts_(&h, "id"); break;
		case C_CRISIS:
			if (mapkind >= 5)
				puts_(&h, "Q_Crisis");
			else
				spell(s, &h, "crisis", crisis_label, utf8);
			break;
		case C_YES: spell(s, &h, "crisis___yes", NULL, utf8); break;
		case C_NO: spell(s, &h, "crisis___no", NULL, utf8); break;
		case C_PHQ: {
			char name[16];

			snprintf(name, sizeof name, "phq9_%d", ++j);
			puts_(&h, name);
			break;
		}
		case C_ITEM9: spell(s, &h, "phq9_9", item9_label, utf8); break;
		case C_GOALS: puts_(&h, "goals"); break;
		case C_NOTES: puts_(&h, "notes"); break;
		}
		cell(&csv, &d, h.s, h.len, 0);
		free(h.s);
	}
	puts_(&csv, d.eol);
	/* the records */
	for (int r = 0; r < nrec; r++) {
		const struct record *rec = &recs[r];
		char id[16];
		int last_safety = 0, upto = ncols;

		for (i = 0; i < ncols; i++)
			if (cols[i] == C_CRISIS || cols[i] == C_YES || cols[i] == C_NO || cols[i] == C_ITEM9 ||
			    cols[i] == C_ID)
				last_safety = i;
		if (damage == 6 && r == damaged)
			upto = last_safety + 1 + (int)take(s, (unsigned)(ncols - last_safety));
		snprintf(id, sizeof id, "P%d", r + 1);
		for (i = 0, j = 0; i < upto; i++) {
			const char *v = "";
			size_t n;
			int q = take(s, 4) == 0;

			if (i)
				put(&csv, &d.delim, 1);
			switch (cols[i]) {
			case C_ID: v = id; break;
			case C_CRISIS:
				v = rec->crisis;
				if (mapkind == 6 || mapkind == 7)
					v = rec->kind == CRISIS_YES ? "J" : rec->kind == NEGATIVE ? "N" : v;
				break;
			case C_YES: v = rec->kind == CRISIS_YES ? "Checked" : rec->kind == NEGATIVE ||
				  rec->kind >= ITEM9 ? "Unchecked" : rec->crisis; break;
			case C_NO: v = rec->kind == CRISIS_YES ? "Unchecked" : rec->kind == NEGATIVE ||
				 rec->kind >= ITEM9 ? "Checked" : rec->crisis; break;
			case C_PHQ: v = "1"; break;
			case C_ITEM9: v = rec->item9; break;
			case C_GOALS: v = "relationships"; break;
			case C_NOTES:
				if (damage == 7 && r == damaged) {
					static char longcell[70000];

					memset(longcell, 'x', sizeof longcell);
					cell(&csv, &d, longcell, sizeof longcell, q);
					continue;
				}
				cell(&csv, &d, rec->notes, rec->noteslen, q);
				continue;
			}
			n = cols[i] == C_CRISIS && v == rec->raw ? rec->rawlen : strlen(v);
			cell(&csv, &d, v, n, q);
		}
		if (damage == 5 && r == damaged)
			for (i = 1 + (int)take(s, 3); i > 0; i--)
				puts_(&csv, d.delim == ',' ? ",extra" : d.delim == ';' ? ";extra" : "\textra");
		puts_(&csv, d.eol);
	}
	/* a map */
	if (mapkind >= 5) {
		puts_(&map, "from,to,question\nQ_Crisis,crisis,\n");
		if (mapkind >= 6)
			puts_(&map, "J,yes,crisis\nN,no,crisis\n");
		if (mapkind == 7)	/* hostile: a yes and an unclear code sent to no */
			puts_(&map, phq ? "yes,no,crisis\nunsure,no,crisis\n3,0,phq9_9\n" :
			       "yes,no,crisis\nunsure,no,crisis\n");
		cmap = gm_colmap_load_buffer(cat, map.s, map.len, &err);
		if (!cmap) {
			if (!err.message[0])
				abort();
			goto done;	/* the map refused: the run stops with a message */
		}
	}

	shown = csv.s;
	shown_len = csv.len;
	shown_map = map.s;
	shown_enc = d.encoding;
	shown_delim = auto_delim ? 0 : d.delim;
	reader = gm_csv_new_mem(csv.s, csv.len, NULL);
	if (!reader || gm_csv_set_encoding(reader, d.encoding) != GM_OK ||
	    gm_csv_set_delimiter(reader, auto_delim ? 0 : d.delim) != GM_OK)
		abort();
	batch = gm_batch_new(cat, reader, cmap, NULL, GM_MATCH_STAFF, NULL);
	if (!batch)
		abort();
	for (got = 0; got <= nrec; got++) {
		int st = gm_batch_next(batch, &item, &err);

		if (st < 0) {
			if (got || !err.message[0])
				lost("csv", &recs[0], "a failed read after some records");
			break;	/* the header refused, with a message: the run stops */
		}
		if (st == 0) {
			for (i = got; i < nrec; i++)
				if (recs[i].positive)
					lost("csv", &recs[i], "missing (fewer rows than records)");
			break;
		}
		if (got < nrec && recs[got].positive) {
			gm_result_status rs = gm_result_status_of(item.result);

			if (rs != GM_RESULT_URGENT && rs != GM_RESULT_REVIEW)
				lost("csv", &recs[got], gm_result_status_name(item.result));
		}
	}
	gm_batch_free(batch);
	gm_csv_free(reader);
	shown = NULL;
done:
	gm_colmap_free(cmap);
	free(csv.s);
	free(map.s);
}

/* --- answers JSON, FHIR and flags ------------------------------------------ */

static void json_string(struct text *t, const char *p, size_t n)
{
	char esc[8];

	put(t, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '"' || c == '\\' || c < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			puts_(t, esc);
		} else {
			put(t, p + i, 1);
		}
	}
	put(t, "\"", 1);
}

/* A key spelled by the script: case flips, and outer whitespace. */
static void json_key(struct script *s, struct text *t, const char *key)
{
	char buf[32];
	unsigned flips = take(s, 0), sp = pick(take(s, 6) == 0, 0, "key-space");
	size_t n = strlen(key);

	memcpy(buf, key, n + 1);
	for (size_t i = 0; i < n && i < 8; i++)
		if (flips & (1u << i) && buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 'a' + 'A');
	if (sp) {
		char spaced[40];

		snprintf(spaced, sizeof spaced, " %s\t", buf);
		json_string(t, spaced, strlen(spaced));
	} else {
		json_string(t, buf, n);
	}
}

/* One JSON value for a safety answer, in a type the script picks. */
static void json_value(struct script *s, struct text *t, const char *v, size_t n)
{
	switch (take(s, 5)) {
	case 1:
		puts_(t, "[");
		json_string(t, v, n);
		puts_(t, "]");
		break;
	case 2:
		puts_(t, "{\"value\":");
		json_string(t, v, n);
		puts_(t, "}");
		break;
	case 3:
		if (n == 1 && v[0] >= '0' && v[0] <= '3') {
			put(t, v, 1);
			break;
		}
		if (n == 3 && !memcmp(v, "yes", 3)) {
			puts_(t, "true");
			break;
		}
		/* fall through */
	default:
		json_string(t, v, n);
	}
}

/* A FHIR item answering link with value v as the script picks: value
 * type, a second value[x], a second answer array, nesting. */
static void fhir_item(struct script *s, struct text *t, const char *link, const char *v, size_t n,
		      const char *neg, int dup)
{
	int keycase = pick(take(s, 8) == 0, 0, "fhir-key-case");
	const char *answer = keycase ? "\"Answer\"" : "\"answer\"";

	puts_(t, "{\"linkId\":");
	json_string(t, link, strlen(link));
	puts_(t, ",");
	puts_(t, answer);
	puts_(t, ":[{");
	switch (take(s, 3)) {
	case 1:
		if (n == 3 && !memcmp(v, "yes", 3)) {
			puts_(t, "\"valueBoolean\":true");
			break;
		}
		if (n == 1 && v[0] >= '0' && v[0] <= '3') {
			puts_(t, "\"valueInteger\":");
			put(t, v, 1);
			break;
		}
		/* fall through */
	case 2:
		puts_(t, "\"valueCoding\":{\"code\":");
		json_string(t, v, n);
		puts_(t, "}");
		break;
	default:
		puts_(t, "\"valueString\":");
		json_string(t, v, n);
	}
	if (dup == 1) {	/* a second value[x] in the same answer, negative */
		puts_(t, ",\"valueString\":");
		json_string(t, neg, strlen(neg));
	}
	puts_(t, "}]");
	if (dup == 2) {	/* a second answer array, negative */
		puts_(t, ",");
		puts_(t, answer);
		puts_(t, ":[{\"valueString\":");
		json_string(t, neg, strlen(neg));
		puts_(t, "}]");
	}
	puts_(t, "}");
}

static void fuzz_answers(struct script *s, const gm_catalog *cat, int fhir)
{
	static const char *const statuses[] = {
		"completed", "in-progress", "amended", "entered-in-error", "stopped", "COMPLETED",
	};
	struct record rec;
	struct text t = { 0 };
	gm_answers *ans = gm_answers_new(cat);
	gm_result *res = gm_result_new(cat);
	gm_error err;
	gm_status st;
	int dup, flags_after, nest, loinc, phq = (int)take(s, 2);
	gm_result_status rs;

	if (!ans || !res)
		abort();
	draw_record(s, &rec, 1, phq);
	if (rec.kind == ITEM9_BLANK)
		rec.item9 = NULL;	/* not answered at all */
	dup = (int)take(s, 4);	/* none, second value[x] / duplicate key, second answer, none */
	flags_after = take(s, 3) == 0;
	nest = (int)take(s, 3);
	loinc = (int)take(s, 2);
	if (phq && (dup || flags_after) && gap("lower-item9"))
		dup = flags_after = 0;
	if (fhir) {
		puts_(&t, "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"");
		puts_(&t, statuses[take(s, N(statuses))]);
		puts_(&t, "\",\"item\":[");
		if (nest == 1)
			puts_(&t, "{\"linkId\":\"section\",\"item\":[");
		if (nest == 2)
			puts_(&t, "{\"linkId\":\"intro\",\"answer\":[{\"valueBoolean\":true,\"item\":[");
		fhir_item(s, &t, "crisis", rec.crisis, crisis_len(&rec), "no", dup);
		if (phq) {
			puts_(&t, ",{\"linkId\":\"phq9_1\",\"answer\":[{\"valueInteger\":1}]}");
			if (rec.item9) {
				puts_(&t, ",");
				fhir_item(s, &t, loinc ? "44260-8" : "phq9_9", rec.item9,
					  strlen(rec.item9), "0", dup);
			}
		}
		if (nest == 1)
			puts_(&t, "]}");
		if (nest == 2)
			puts_(&t, "]}]}");
		puts_(&t, ",{\"linkId\":\"goals\",\"answer\":[{\"valueString\":\"relationships\"}]}]}");
	} else {
		puts_(&t, "{");
		if (dup == 1) {	/* a negative duplicate key before */
			json_key(s, &t, "crisis");
			puts_(&t, ":\"no\",");
		}
		json_key(s, &t, "crisis");
		puts_(&t, ":");
		json_value(s, &t, rec.crisis, crisis_len(&rec));
		if (phq) {
			puts_(&t, ",\"phq9_1\":1");
			if (rec.item9) {
				puts_(&t, ",");
				json_key(s, &t, "phq9_9");
				puts_(&t, ":");
				json_value(s, &t, rec.item9, strlen(rec.item9));
			}
			if (dup == 2 && rec.item9)
				puts_(&t, ",\"phq9_9\":0");
		}
		if (dup == 2) {	/* a negative duplicate key after */
			puts_(&t, ",");
			json_key(s, &t, "crisis");
			puts_(&t, ":false");
		}
		puts_(&t, ",\"goals\":\"relationships\"}");
	}
	shown = t.s;
	shown_len = t.len;
	shown_map = NULL;
	st = gm_answers_set_json(ans, t.s, t.len, &err, NULL);
	if (st != GM_OK && !err.message[0])
		abort();
	if (flags_after) {	/* flags over the file, negative */
		gm_answers_set(ans, "crisis", "no", NULL);
		if (phq && rec.item9)	/* a 0 would answer a skipped item */
			gm_answers_set(ans, "phq9_9", "0", NULL);
	}
	gm_match(ans, 0, res);
	rs = gm_result_status_of(res);
	/* a refused file (an error with a message) stops the run: fine */
	if (rec.positive && st == GM_OK && rs != GM_RESULT_URGENT && rs != GM_RESULT_REVIEW) {
		if (flags_after)
			fprintf(stderr, "fuzz_safety: then -a crisis=no%s\n", phq && rec.item9 ? " -a phq9_9=0" : "");
		lost(fhir ? "fhir" : "json", &rec, gm_result_status_name(res));
	}
	shown = NULL;
	free(t.s);
	gm_result_free(res);
	gm_answers_free(ans);
}

/* Raw bytes after a planted positive record: the first record must stay
 * urgent whatever follows it. */
static void fuzz_raw(struct script *s, const gm_catalog *cat)
{
	static const char planted[] = "id,crisis,goals,phq9_1,phq9_9\nP1,unsure,1,1,3\n";
	struct text csv = { 0 };
	gm_csv *reader;
	gm_batch *batch;
	gm_batch_item item;
	gm_error err;
	struct record r = { .kind = CRISIS_UNCLEAR, .crisis = "unsure", .item9 = "3" };
	int st;

	puts_(&csv, planted);
	put(&csv, s->p, s->n);
	reader = gm_csv_new_mem(csv.s, csv.len, NULL);
	if (!reader)
		abort();
	batch = gm_batch_new(cat, reader, NULL, NULL, GM_MATCH_STAFF, NULL);
	if (!batch)
		abort();
	st = gm_batch_next(batch, &item, &err);
	if (st != 1 || gm_result_status_of(item.result) != GM_RESULT_URGENT)
		lost("raw", &r, st == 1 ? gm_result_status_name(item.result) : "no row");
	while (gm_batch_next(batch, &item, &err) == 1)
		;
	gm_batch_free(batch);
	gm_csv_free(reader);
	free(csv.s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static gm_catalog *cat;
	struct script s = { data, size };
	unsigned mode;

	if (!cat) {
		if (!(cat = gm_catalog_load_default(NULL)))
			abort();
		gaps_env = getenv("GM_FUZZ_SAFETY_GAPS");
	}
	mode = take(&s, 8);
	if (mode < 4)
		fuzz_csv(&s, cat);
	else if (mode == 4 || mode == 5)
		fuzz_answers(&s, cat, mode == 5);
	else if (mode == 6)
		fuzz_answers(&s, cat, 0);
	else
		fuzz_raw(&s, cat);
	return 0;
}
