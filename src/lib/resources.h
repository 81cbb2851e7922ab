/* resources.h - the crisis texts: the urgent, skipped and review messages built from the region's resources. */
#ifndef GM_RESOURCES_H
#define GM_RESOURCES_H

#include "model.h"

/* Builds the texts that show the crisis resources of cat->region:
 * urgent, safety_skipped and crisis_line, and the score rules' review
 * texts (scores_compose).  Returns 0, or -1 when out of memory. */
int resources_compose(struct gm_catalog *cat);

#endif
