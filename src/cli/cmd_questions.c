/* cmd_questions.c - the questions command: the questionnaire as text, JSON, a CSV header or FHIR. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "cli.h"
#include "fhir.h"
#include "jsonw.h"
#include "text.h"
#include "scores.h"

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

static const char *kind_id(enum q_kind kind)
{
	switch (kind) {
	case Q_YESNO: return "yesno";
	case Q_SINGLE: return "single";
	case Q_MULTI: return "multi";
	case Q_SCALE: return "scale";
	}
	return "";
}

static const char *role_id(enum q_role role)
{
	switch (role) {
	case ROLE_SAFETY: return "safety";
	case ROLE_COMFORT: return "comfort";
	case ROLE_READINESS: return "readiness";
	case ROLE_ITEM: return "item";
	case ROLE_NONE: break;
	}
	return NULL;
}

/* What kind of answer a question takes, in words: "yes/no", "choose
 * one", "choose 1 to 3", "scale 1-5". */
static void describe_kind(struct buf *out, const struct gm_question *q)
{
	switch (q->kind) {
	case Q_YESNO:
		buf_adds(out, "yes/no");
		break;
	case Q_SINGLE:
		buf_adds(out, "choose one");
		break;
	case Q_MULTI:
		if (q->min == 0 && q->max >= q->noptions)
			buf_adds(out, "choose any, or none");
		else if (q->max >= q->noptions)
			buf_addf(out, "choose %d or more", q->min);
		else if (q->min == q->max)
			buf_addf(out, "choose %d", q->min);
		else
			buf_addf(out, "choose %d to %d", q->min, q->max);
		break;
	case Q_SCALE:
		buf_addf(out, "scale %d-%d", q->min, q->max);
		break;
	}
}

/* One question; numbers are right-aligned in numw columns and the rest
 * of the entry is indented past them. */
static void text_question(struct buf *out, const struct gm_question *q,
			  int number, int numw, int width)
{
	int i, ind = numw + 2;

	buf_addf(out, "%*d. %s (", numw, number, q->id);
	describe_kind(out, q);
	buf_addf(out, "%s)\n%*s", q->required ? ", required" : ", optional", ind, "");
	text_wrap(out, q->text, ind, width);
	buf_addc(out, '\n');
	if (q->kind == Q_SINGLE || q->kind == Q_MULTI) {
		for (i = 0; i < q->noptions; i++)
			buf_addf(out, "%*s%2d  %-22s %s\n", ind, "", i + 1, q->options[i].id,
				 q->options[i].label);
	} else if (q->kind == Q_SCALE && q->min_label && q->max_label) {
		buf_addf(out, "%*s%d = %s, %d = %s\n", ind, "", q->min, q->min_label,
			 q->max, q->max_label);
	}
	if (q->has_default) {
		buf_addf(out, "%*sdefault: ", ind, "");
		if (q->kind == Q_YESNO) {
			buf_adds(out, q->default_value ? "yes" : "no");
		} else if (q->kind == Q_SCALE) {
			buf_add_int(out, (long)q->default_value);
		} else {
			const char *sep = "";

			for (i = 0; i < q->noptions; i++)
				if (q->default_value >> i & 1) {
					buf_addf(out, "%s%s", sep, q->options[i].id);
					sep = ";";
				}
		}
		buf_addc(out, '\n');
	}
	if (q->help && *q->help) {
		buf_addf(out, "%*shelp: ", ind, "");
		text_wrap(out, q->help, ind + 6, width);
		buf_addc(out, '\n');
	}
}

static void text_format(struct buf *out, const struct gm_catalog *cat, int width)
{
	int i, numw = cat->nquestions >= 10 ? 2 : 1;

	for (i = 0; i < cat->nquestions; i++) {
		if (i)
			buf_addc(out, '\n');
		text_question(out, &cat->questions[i], i + 1, numw, width);
	}
}

static void json_default(struct jw *w, const struct gm_question *q)
{
	int i;

	jw_key(w, "default");
	if (!q->has_default) {
		jw_null(w);
		return;
	}
	switch (q->kind) {
	case Q_YESNO:
		jw_bool(w, q->default_value != 0);
		break;
	case Q_SCALE:
		jw_int(w, (long)q->default_value);
		break;
	case Q_SINGLE:
		for (i = 0; i < q->noptions; i++)
			if (q->default_value >> i & 1)
				break;
		jw_string(w, i < q->noptions ? q->options[i].id : NULL);
		break;
	case Q_MULTI:
		jw_array(w);
		for (i = 0; i < q->noptions; i++)
			if (q->default_value >> i & 1)
				jw_string(w, q->options[i].id);
		jw_end_array(w);
		break;
	}
}

static void json_question(struct jw *w, const struct gm_question *q, int number)
{
	int i;

	jw_object(w);
	jw_key_string(w, "id", q->id);
	jw_key_int(w, "number", number);
	jw_key_string(w, "kind", kind_id(q->kind));
	jw_key_string(w, "role", role_id(q->role));
	jw_key_bool(w, "required", q->required);
	jw_key_string(w, "text", q->text);
	jw_key_string(w, "help", q->help);
	if (q->kind == Q_MULTI || q->kind == Q_SCALE) {
		jw_key_int(w, "min", q->min);
		jw_key_int(w, "max", q->max);
	}
	if (q->kind == Q_SCALE) {
		jw_key_string(w, "min_label", q->min_label);
		jw_key_string(w, "max_label", q->max_label);
	}
	json_default(w, q);
	if (q->kind == Q_SINGLE || q->kind == Q_MULTI) {
		jw_key(w, "options");
		jw_array(w);
		for (i = 0; i < q->noptions; i++) {
			jw_object(w);
			jw_key_int(w, "number", i + 1);
			jw_key_string(w, "id", q->options[i].id);
			jw_key_string(w, "label", q->options[i].label);
			jw_end_object(w);
		}
		jw_end_array(w);
	}
	jw_end_object(w);
}

/* The score blocks, enough for a form to lay out and code a screener:
 * the shared answers with their LOINC codes, then per block its stem,
 * codes, items (questions listed above) and bands. */
static void json_scores(struct jw *w, const struct gm_catalog *cat)
{
	const struct gm_scores *s = cat->scores;

	jw_key(w, "scores");
	jw_object(w);
	jw_key(w, "labels");
	jw_array(w);
	for (int v = 0; v < s->nlabels; v++)
		jw_string(w, s->labels[v]);
	jw_end_array(w);
	jw_key(w, "label_codes");
	jw_array(w);
	for (int v = 0; v < s->nlabels; v++)
		jw_string(w, s->codes[v]);
	jw_end_array(w);
	jw_key(w, "blocks");
	jw_array(w);
	for (int i = 0; i < s->nblocks; i++) {
		const struct score_block *b = &s->blocks[i];

		jw_object(w);
		jw_key_string(w, "id", b->id);
		jw_key_string(w, "name", b->name);
		jw_key_string(w, "stem", b->stem);
		jw_key_string(w, "loinc", b->loinc);
		jw_key_string(w, "total_loinc", b->total_loinc);
		jw_key_int(w, "max_missing", b->max_missing);
		jw_key(w, "items");
		jw_array(w);
		for (int k = 0; k < b->nitems; k++) {
			jw_object(w);
			jw_key_string(w, "id", cat->questions[b->first + k].id);
			jw_key_string(w, "loinc", b->item_loinc[k]);
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_key(w, "bands");
		jw_array(w);
		for (int k = 0; k < b->nbands; k++) {
			jw_object(w);
			jw_key_string(w, "id", b->bands[k].id);
			jw_key_string(w, "label", b->bands[k].label);
			jw_key_int(w, "min", b->bands[k].min);
			jw_key_int(w, "max", b->bands[k].max);
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
}

static void json_format(struct buf *out, const struct gm_catalog *cat)
{
	struct jw w;
	int i;

	jw_init(&w, out, 1);
	jw_object(&w);
	jw_key_int(&w, "format_version", cat->format_version);
	jw_key_string(&w, "name", cat->name);
	jw_key(&w, "questions");
	jw_array(&w);
	for (i = 0; i < cat->nquestions; i++)
		json_question(&w, &cat->questions[i], i + 1);
	jw_end_array(&w);
	if (cat->scores)
		json_scores(&w, cat);
	jw_end_object(&w);
}

/* The header row of an intake form: id, then one column per question. */
static void csv_format(struct buf *out, const struct gm_catalog *cat)
{
	const char *s;
	int i;

	buf_adds(out, "id");
	for (i = 0; i < cat->nquestions; i++) {
		s = cat->questions[i].id;
		buf_addc(out, ',');
		if (strpbrk(s, ",\"\r\n")) {
			buf_addc(out, '"');
			for (; *s; s++) {
				if (*s == '"')
					buf_addc(out, '"');
				buf_addc(out, *s);
			}
			buf_addc(out, '"');
		} else {
			buf_adds(out, s);
		}
	}
	buf_addc(out, '\n');
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
	const struct gm_catalog *cat;
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
		fhir_questionnaire(&out, cat);
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
