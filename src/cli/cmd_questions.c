/* cmd_questions.c - the questions command: the questionnaire as text, JSON, a CSV header or FHIR. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "cli.h"
#include "jsonw.h"
#include "text.h"

enum format { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_FHIR };

static const char *const format_names[] = { "text", "json", "csv", "fhir", NULL };

static void usage(FILE *f)
{
	fputs("usage: groupmatch questions [--format text|json|csv|fhir]\n"
	      "\n"
	      "Prints the questionnaire of the catalogue.\n"
	      "\n"
	      "  -f, --format FORMAT  text (default): the questions, their options and help;\n"
	      "                       json: the questionnaire for programs;\n"
	      "                       csv: the header row of an intake form for batch;\n"
	      "                       fhir: a FHIR R4 Questionnaire resource\n"
	      "  -h, --help           show this help\n", f);
}

static const char *kind_id(gm_question_kind kind)
{
	switch (kind) {
	case GM_KIND_YESNO: return "yesno";
	case GM_KIND_SINGLE: return "single";
	case GM_KIND_MULTI: return "multi";
	case GM_KIND_SCALE: return "scale";
	case GM_KIND_NONE: break;
	}
	return "";
}

/* What kind of answer question q takes, in words: "yes/no", "choose
 * one", "choose 1 to 3", "scale 1-5". */
static void describe_kind(struct buf *out, const gm_catalog *cat, size_t q)
{
	int min = gm_catalog_question_min(cat, q), max = gm_catalog_question_max(cat, q);
	int n = (int)gm_catalog_option_count(cat, q);

	switch (gm_catalog_question_kind(cat, q)) {
	case GM_KIND_YESNO:
		buf_adds(out, "yes/no");
		break;
	case GM_KIND_SINGLE:
		buf_adds(out, "choose one");
		break;
	case GM_KIND_MULTI:
		if (min == 0 && max >= n)
			buf_adds(out, "choose any, or none");
		else if (max >= n)
			buf_addf(out, "choose %d or more", min);
		else if (min == max)
			buf_addf(out, "choose %d", min);
		else
			buf_addf(out, "choose %d to %d", min, max);
		break;
	case GM_KIND_SCALE:
		buf_addf(out, "scale %d-%d", min, max);
		break;
	case GM_KIND_NONE:
		break;
	}
}

static int is_choice(const gm_catalog *cat, size_t q)
{
	gm_question_kind kind = gm_catalog_question_kind(cat, q);

	return kind == GM_KIND_SINGLE || kind == GM_KIND_MULTI;
}

/* One question; numbers are right-aligned in numw columns and the rest
 * of the entry is indented past them. */
static void text_question(struct buf *out, const gm_catalog *cat, size_t q,
			  int number, int numw, int width)
{
	gm_question_kind kind = gm_catalog_question_kind(cat, q);
	int min = gm_catalog_question_min(cat, q), max = gm_catalog_question_max(cat, q);
	const char *help = gm_catalog_question_help(cat, q);
	size_t i, n = gm_catalog_option_count(cat, q);
	int ind = numw + 2;

	buf_addf(out, "%*d. %s (", numw, number, gm_catalog_question_id(cat, q));
	describe_kind(out, cat, q);
	buf_addf(out, "%s)\n%*s", gm_catalog_question_required(cat, q) > 0 ? ", required" : ", optional",
		 ind, "");
	text_wrap(out, gm_catalog_question_text(cat, q), ind, width);
	buf_addc(out, '\n');
	if (is_choice(cat, q)) {
		for (i = 0; i < n; i++)
			buf_addf(out, "%*s%2d  %-22s %s\n", ind, "", (int)i + 1,
				 gm_catalog_option_id(cat, q, i), gm_catalog_option_label(cat, q, i));
	} else if (kind == GM_KIND_SCALE && gm_catalog_question_scale_label(cat, q, min) &&
		   gm_catalog_question_scale_label(cat, q, max)) {
		buf_addf(out, "%*s%d = %s, %d = %s\n", ind, "", min,
			 gm_catalog_question_scale_label(cat, q, min), max,
			 gm_catalog_question_scale_label(cat, q, max));
	}
	if (gm_catalog_question_has_default(cat, q) > 0) {
		buf_addf(out, "%*sdefault: ", ind, "");
		if (kind == GM_KIND_YESNO) {
			buf_adds(out, gm_catalog_question_default(cat, q) ? "yes" : "no");
		} else if (kind == GM_KIND_SCALE) {
			buf_add_int(out, gm_catalog_question_default(cat, q));
		} else {
			const char *sep = "";

			for (i = 0; i < n; i++)
				if (gm_catalog_option_default(cat, q, i)) {
					buf_addf(out, "%s%s", sep, gm_catalog_option_id(cat, q, i));
					sep = ";";
				}
		}
		buf_addc(out, '\n');
	}
	if (help && *help) {
		buf_addf(out, "%*shelp: ", ind, "");
		text_wrap(out, help, ind + 6, width);
		buf_addc(out, '\n');
	}
}

static void text_format(struct buf *out, const gm_catalog *cat, int width)
{
	size_t i, n = gm_catalog_question_count(cat);
	int numw = n >= 10 ? 2 : 1;

	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(out, '\n');
		text_question(out, cat, i, (int)i + 1, numw, width);
	}
}

static void json_default(struct jw *w, const gm_catalog *cat, size_t q)
{
	size_t i, n = gm_catalog_option_count(cat, q);

	jw_key(w, "default");
	if (gm_catalog_question_has_default(cat, q) <= 0) {
		jw_null(w);
		return;
	}
	switch (gm_catalog_question_kind(cat, q)) {
	case GM_KIND_YESNO:
		jw_bool(w, gm_catalog_question_default(cat, q) != 0);
		break;
	case GM_KIND_SCALE:
		jw_int(w, gm_catalog_question_default(cat, q));
		break;
	case GM_KIND_SINGLE:
		for (i = 0; i < n; i++)
			if (gm_catalog_option_default(cat, q, i))
				break;
		jw_string(w, i < n ? gm_catalog_option_id(cat, q, i) : NULL);
		break;
	case GM_KIND_MULTI:
		jw_array(w);
		for (i = 0; i < n; i++)
			if (gm_catalog_option_default(cat, q, i))
				jw_string(w, gm_catalog_option_id(cat, q, i));
		jw_end_array(w);
		break;
	case GM_KIND_NONE:
		break;
	}
}

static void json_question(struct jw *w, const gm_catalog *cat, size_t q, int number)
{
	gm_question_kind kind = gm_catalog_question_kind(cat, q);
	int min = gm_catalog_question_min(cat, q), max = gm_catalog_question_max(cat, q);
	size_t i, n = gm_catalog_option_count(cat, q);

	jw_object(w);
	jw_key_string(w, "id", gm_catalog_question_id(cat, q));
	jw_key_int(w, "number", number);
	jw_key_string(w, "kind", kind_id(kind));
	jw_key_string(w, "role", gm_catalog_question_role(cat, q));
	jw_key_bool(w, "required", gm_catalog_question_required(cat, q) > 0);
	jw_key_string(w, "text", gm_catalog_question_text(cat, q));
	jw_key_string(w, "help", gm_catalog_question_help(cat, q));
	if (kind == GM_KIND_MULTI || kind == GM_KIND_SCALE) {
		jw_key_int(w, "min", min);
		jw_key_int(w, "max", max);
	}
	if (kind == GM_KIND_SCALE) {
		jw_key_string(w, "min_label", gm_catalog_question_scale_label(cat, q, min));
		jw_key_string(w, "max_label", gm_catalog_question_scale_label(cat, q, max));
	}
	json_default(w, cat, q);
	if (is_choice(cat, q)) {
		jw_key(w, "options");
		jw_array(w);
		for (i = 0; i < n; i++) {
			jw_object(w);
			jw_key_int(w, "number", (int)i + 1);
			jw_key_string(w, "id", gm_catalog_option_id(cat, q, i));
			jw_key_string(w, "label", gm_catalog_option_label(cat, q, i));
			jw_end_object(w);
		}
		jw_end_array(w);
	}
	jw_end_object(w);
}

/* The score blocks, enough for a form to lay out and code a screener:
 * the shared answers with their LOINC codes, then per block its stem,
 * codes, items (questions listed above) and bands. */
static void json_scores(struct jw *w, const gm_catalog *cat)
{
	const char *label;
	size_t nblocks = gm_catalog_score_block_count(cat);

	jw_key(w, "scores");
	jw_object(w);
	jw_key(w, "labels");
	jw_array(w);
	for (int v = 0; (label = gm_catalog_score_label(cat, v)); v++)
		jw_string(w, label);
	jw_end_array(w);
	jw_key(w, "label_codes");
	jw_array(w);
	for (int v = 0; gm_catalog_score_label(cat, v); v++)
		jw_string(w, gm_catalog_score_code(cat, v));
	jw_end_array(w);
	jw_key(w, "blocks");
	jw_array(w);
	for (size_t b = 0; b < nblocks; b++) {
		size_t first = gm_catalog_score_block_first(cat, b);
		size_t nitems = gm_catalog_score_block_items(cat, b);
		size_t nbands = gm_catalog_score_band_count(cat, b);

		jw_object(w);
		jw_key_string(w, "id", gm_catalog_score_block_id(cat, b));
		jw_key_string(w, "name", gm_catalog_score_block_name(cat, b));
		jw_key_string(w, "stem", gm_catalog_score_block_stem(cat, b));
		jw_key_string(w, "loinc", gm_catalog_score_block_loinc(cat, b));
		jw_key_string(w, "total_loinc", gm_catalog_score_block_total_loinc(cat, b));
		jw_key_int(w, "max_missing", gm_catalog_score_block_max_missing(cat, b));
		jw_key(w, "items");
		jw_array(w);
		for (size_t k = 0; k < nitems; k++) {
			jw_object(w);
			jw_key_string(w, "id", gm_catalog_question_id(cat, first + k));
			jw_key_string(w, "loinc", gm_catalog_score_item_loinc(cat, b, k));
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_key(w, "bands");
		jw_array(w);
		for (size_t k = 0; k < nbands; k++) {
			jw_object(w);
			jw_key_string(w, "id", gm_catalog_score_band_id(cat, b, k));
			jw_key_string(w, "label", gm_catalog_score_band_label(cat, b, k));
			jw_key_int(w, "min", gm_catalog_score_band_min(cat, b, k));
			jw_key_int(w, "max", gm_catalog_score_band_max(cat, b, k));
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
}

static void json_format(struct buf *out, const gm_catalog *cat)
{
	struct jw w;
	size_t i, n = gm_catalog_question_count(cat);

	jw_init(&w, out, 1);
	jw_object(&w);
	jw_key_int(&w, "format_version", gm_catalog_format_version(cat));
	jw_key_string(&w, "name", gm_catalog_name(cat));
	jw_key(&w, "questions");
	jw_array(&w);
	for (i = 0; i < n; i++)
		json_question(&w, cat, i, (int)i + 1);
	jw_end_array(&w);
	if (gm_catalog_score_block_count(cat))
		json_scores(&w, cat);
	jw_end_object(&w);
}

/* The header row of an intake form: id, then one column per question. */
static void csv_format(struct buf *out, const gm_catalog *cat)
{
	size_t i, n = gm_catalog_question_count(cat);

	buf_adds(out, "id");
	for (i = 0; i < n; i++) {
		buf_addc(out, ',');
		text_csv_str(out, gm_catalog_question_id(cat, i));
	}
	buf_addc(out, '\n');
}

/* The FHIR R4 Questionnaire, from the library. */
static void fhir_format(struct buf *out, const gm_catalog *cat)
{
	size_t len = 0;
	char *text = gm_catalog_fhir_questionnaire(cat, &len);

	if (text)
		buf_add(out, text, len);
	else
		out->oom = 1;
	free(text);
}

int cmd_questions(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct buf out = BUF_INIT;
	const gm_catalog *cat;
	enum format format = FMT_TEXT;
	int c, i, code = EXIT_OK;

	while ((c = getopt_long(argc, argv, "c:f:hq", longopts, NULL)) != -1) {
		if (cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'f':
			for (i = 0; format_names[i]; i++)
				if (strcmp(optarg, format_names[i]) == 0)
					break;
			if (!format_names[i]) {
				char q[64];

				cli_error("--format '%s' is not text, json, csv or fhir",
					  cli_quoted(q, sizeof q, optarg));
				return cli_usage_error("questions");
			}
			format = (enum format)i;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("questions", argv, "c:f:hq");
		}
	}
	if (optind < argc) {
		char q[64];

		cli_error("unexpected argument '%s' for questions", cli_quoted(q, sizeof q, argv[optind]));
		return cli_usage_error("questions");
	}
	if (!(cat = cli_catalog(cli)))
		return EXIT_CONFIG;
	switch (format) {
	case FMT_TEXT:
		text_format(&out, cat, cli_width(STDOUT_FILENO));
		break;
	case FMT_JSON:
		json_format(&out, cat);
		break;
	case FMT_CSV:
		csv_format(&out, cat);
		break;
	case FMT_FHIR:
		fhir_format(&out, cat);
		break;
	}
	if (out.oom) {
		cli_error("out of memory");
		code = EXIT_IOERR;
	} else if (buf_flush(&out, stdout) != 0) {
		code = EXIT_IOERR;
	}
	buf_release(&out);
	return code;
}
