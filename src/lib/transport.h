/* transport.h - places people into classes of seats: a min-cost max-flow solved on the small side. */
#ifndef GM_TRANSPORT_H
#define GM_TRANSPORT_H

#include <stdint.h>

/* A transportation problem.  People are in priority order (record order);
 * a class is a set of seats of one group type that people may share (the
 * offerings of one type, tags and eligibility).  Person i may take a seat
 * of class j when bit j of elig[i * words ...] is set; the fit of person i
 * for type t is fit[i * ntypes + t], 0..100. */
struct tp_problem {
	int npeople;
	int nclasses;
	int ntypes;
	int words;                  /* 64-bit words of elig per person */
	const int *class_type;      /* [nclasses] */
	const long *class_cap;      /* [nclasses] seats, >= 0 */
	const unsigned char *fit;   /* [npeople * ntypes] */
	const uint64_t *elig;       /* [npeople * words] */
};

#define TP_MAX_PEOPLE 2000000   /* keeps every path cost inside 64 bits */

/* Finds the placement that seats the most people, then has the largest
 * total fit, then the smallest sum of record positions (earlier people
 * first), and writes the class of each person to placed[i] (-1 when not
 * placed).  The same problem always gives the same placement.
 * Returns 0, or -1 when out of memory or too large. */
int tp_solve(const struct tp_problem *p, int *placed);

#endif
