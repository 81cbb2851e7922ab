/* assign_intake.h - reads the assign command's intake as batch reads it, into an assignment. */
#ifndef GM_ASSIGN_INTAKE_H
#define GM_ASSIGN_INTAKE_H

#include "cli.h"

struct assign_intake {
	struct cli *cli;
	const struct gm_catalog *cat;
	const char *in_path;       /* NULL or "-": standard input */
	const char *in_name;       /* for messages */
	const char *id_column;     /* --id-column, or NULL */
	const char *avail_column;  /* --available-column */
	gm_colmap *map;            /* --map, loaded by the caller (NULL when none) */
	int strict;                /* --strict */
	gm_assign *asg;            /* where each record goes */
	gm_tally *tally;           /* and what is counted of it: who to follow up */
	long urgent, invalid;      /* records whose status asks for follow-up */
	gm_intake *in;             /* the header, read by assign_read_intake */
	long avail_col;            /* the availability column, -1 if none */
};

/* Reads every record of the intake (header row first, read as batch
 * reads it, plus the availability column), matches it and adds it to
 * in->asg.  Prints each problem of the file; returns 0 or an exit
 * status. */
int assign_read_intake(struct assign_intake *in);

/* Frees what assign_read_intake kept (not the map or the assignment). */
void assign_intake_release(struct assign_intake *in);

#endif
