/* model.c - the few functions on the catalogue's types that every module shares. */
#include <string.h>
#include "model.h"

const char *const catalog_kind_names[] = { "yesno", "single", "multi", "scale" };

int catalog_find_question(const struct gm_catalog *cat, const char *id, size_t len)
{
	int i;

	/* ids are lowercase ASCII; a name in any ASCII case finds its
	 * question, whatever the locale */
	for (i = 0; i < cat->nquestions; i++) {
		const char *qid = cat->questions[i].id;
		size_t k;

		if (cat->questions[i].id_len != len || !qid)
			continue;
		for (k = 0; k < len; k++) {
			unsigned char c = (unsigned char)id[k];

			if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)qid[k])
				break;
		}
		if (k == len)
			return i;
	}
	return -1;
}

int catalog_find_group(const struct gm_catalog *cat, const char *id)
{
	int i;

	for (i = 0; i < cat->ngroups; i++)	/* a group whose id was bad has none */
		if (cat->groups[i].id && !strcmp(cat->groups[i].id, id))
			return i;
	return -1;
}

