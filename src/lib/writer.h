/* writer.h - inside the library: the gm_writer object, shared by writer.c (writing) and writer_bound.c (its bound). */
#ifndef GM_WRITER_H
#define GM_WRITER_H

#include "report.h"

/* A catalogue text escaped once for the output format. */
struct piece {
	char *s;
	size_t len;
};

struct wgroup {
	struct piece head;         /* ,"group":"id","name":"Name","score": */
	struct piece max;          /* ,"max":N,"percent": */
	struct piece *crit;        /* each criterion's reason as a JSON string */
	struct piece id;           /* the id as it is (a CSV rank cell) */
};

struct gm_writer {
	const struct gm_catalog *cat;
	gm_format format;
	struct report_opts text;   /* GM_FORMAT_TEXT (id set per result) */
	int top;                   /* GM_FORMAT_CSV: rank columns */
	unsigned cells;            /* GM_FORMAT_CSV: text_csv_cell flags */
	size_t ncolumns;
	char **colname;            /* kept columns, copied */
	struct wgroup groups[GM_MAX_GROUPS];
	struct piece advice_head[ADVICE_COUNT]; /* {"advice":"id","readiness": */
	struct piece advice_tail[ADVICE_COUNT]; /* ,"text":"..." */
	struct piece advice_id[ADVICE_COUNT];   /* the id as it is (CSV) */
	struct piece *modifier;    /* each setting modifier's reason as a JSON string */
	const char *urgent;        /* cat->urgent when the writer was made ... */
	struct piece urgent_json;  /* ... as a JSON string */
	struct piece catalog_json; /* ,"catalog":{...} as the object ends */
	const char *urgent_staff, *unscreened_staff; /* the staff texts ... */
	struct piece urgent_csv, unscreened_csv;     /* ... as CSV fields */
	struct piece header;       /* the CSV header line */
	size_t json_mid;           /* bound of a compact row's unchecked middle */
	size_t csv_mid;            /* bound of a CSV row from status to setting */
	size_t fixed;              /* the bound less what grows with the id */
	size_t per_byte;           /* bytes written per byte of id or cell */
	size_t per_field;          /* bytes written for an empty id or cell */
	struct buf scratch;        /* a result that did not fit the caller's buffer */
	struct buf idcopy;         /* the id NUL-terminated and terminal-safe, for
	                              the text report */
};

/* Works out w->fixed, w->per_byte and w->per_field (gm_writer_bound)
 * once the pieces are escaped; tmp is scratch memory. */
void writer_set_bound(gm_writer *w, struct buf *tmp);

#endif
