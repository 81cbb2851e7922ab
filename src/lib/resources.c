/* resources.c - the crisis texts: the urgent message built from the resources of the selected region. */
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "resources.h"
#include "scores.h"

/* Whether the catalogue has resources of its own for region. */
static int has_region(const struct gm_catalog *cat, const char *region)
{
	for (int i = 0; i < cat->nresources; i++)
		if (!strcmp(cat->resources[i].region, region))
			return 1;
	return 0;
}

/* The region whose resources are shown: the selected one when it has
 * any, else "*". */
static const char *shown_region(const struct gm_catalog *cat)
{
	return cat->region[0] && has_region(cat, cat->region) ? cat->region : "*";
}

/* "Name: call or text 988, or chat at https://... (24 hours a day)" */
static void add_resource(struct buf *b, const struct gm_resource *r)
{
	const char *sep = "";

	buf_adds(b, r->name);
	buf_adds(b, ": ");
	if (r->how & (HOW_CALL | HOW_TEXT)) {
		buf_adds(b, (r->how & HOW_CALL) && (r->how & HOW_TEXT) ? "call or text "
			 : r->how & HOW_CALL ? "call " : "text ");
		buf_adds(b, r->contact);
		sep = ", or ";
	}
	if ((r->how & HOW_CHAT) && r->url) {
		buf_adds(b, sep);
		buf_adds(b, "chat at ");
		buf_adds(b, r->url);
		sep = ", or ";
	}
	if ((r->how & HOW_WEB) && r->url) {
		buf_adds(b, sep);
		buf_adds(b, "visit ");
		buf_adds(b, r->url);
	}
	buf_adds(b, " (");
	buf_adds(b, r->hours);
	buf_addc(b, ')');
}

/* A copy of b's text in memory owned by cat, or NULL. */
static char *keep(struct gm_catalog *cat, struct buf *b)
{
	char *p;

	if (b->oom || !(p = catalog_alloc(cat, b->len + 1)))
		return NULL;
	memcpy(p, b->data ? b->data : "", b->len);
	p[b->len] = '\0';
	return p;
}

int resources_compose(struct gm_catalog *cat)
{
	const char *region = shown_region(cat);
	struct buf b = BUF_INIT;
	char *urgent, *line, *skipped, *list;
	int i, first = -1;

	if (!cat->urgent_intro || !cat->safety_skipped_intro)
		return 0;	/* nothing to build from: loading has reported it */
	buf_adds(&b, cat->urgent_intro);
	buf_addc(&b, '\n');
	for (i = 0; i < cat->nresources; i++) {
		if (strcmp(cat->resources[i].region, region))
			continue;
		if (first < 0)
			first = i;
		buf_adds(&b, "\n- ");
		add_resource(&b, &cat->resources[i]);
	}
	list = keep(cat, &b);	/* the resources alone, for the review texts */
	if (cat->urgent_end) {
		buf_adds(&b, "\n\n");
		buf_adds(&b, cat->urgent_end);
	}
	urgent = keep(cat, &b);
	buf_reset(&b);
	if (first >= 0)
		add_resource(&b, &cat->resources[first]);
	line = keep(cat, &b);
	buf_reset(&b);
	buf_adds(&b, cat->safety_skipped_intro);
	if (first >= 0) {
		buf_addc(&b, ' ');
		add_resource(&b, &cat->resources[first]);
		buf_addc(&b, '.');
	}
	skipped = keep(cat, &b);
	buf_release(&b);
	if (!urgent || !line || !skipped || !list)
		return -1;
	/* list is the intro, a blank line, then "- " lines */
	if (scores_compose(cat, strlen(list) > strlen(cat->urgent_intro) + 2
			   ? list + strlen(cat->urgent_intro) + 2 : ""))
		return -1;
	cat->urgent = urgent;
	cat->crisis_line = line;
	cat->safety_skipped = skipped;
	return 0;
}

gm_status gm_catalog_set_region(gm_catalog *cat, const char *region, gm_error *err)
{
	char code[3] = "";

	if (err)
		memset(err, 0, sizeof *err);
	if (region && *region) {
		for (int i = 0; i < 2; i++) {
			unsigned char c = (unsigned char)region[i];

			if (c >= 'a' && c <= 'z')
				c = (unsigned char)(c - 32);
			if (!(c >= 'A' && c <= 'Z')) {
				code[0] = '\0';
				break;
			}
			code[i] = (char)c;
		}
		if (!code[0] || region[2]) {
			if (err) {
				err->status = GM_ERR_ARG;
				snprintf(err->message, sizeof err->message,
					 "'%.20s' is not a region (two letters, such as US, GB or AU)", region);
			}
			return GM_ERR_ARG;
		}
		code[2] = '\0';
	}
	memcpy(cat->region, code, sizeof code);
	if (resources_compose(cat)) {
		if (err) {
			err->status = GM_ERR_NOMEM;
			snprintf(err->message, sizeof err->message, "out of memory");
		}
		return GM_ERR_NOMEM;
	}
	if (code[0] && !has_region(cat, code)) {
		if (err) {
			err->status = GM_ERR_ARG;
			snprintf(err->message, sizeof err->message,
				 "no crisis resources for region '%s': showing the ones for everywhere", code);
		}
		return GM_ERR_ARG;
	}
	return GM_OK;
}

const char *gm_catalog_region(const gm_catalog *cat)
{
	return cat->region;
}

const char *gm_catalog_crisis_line(const gm_catalog *cat)
{
	return cat->crisis_line ? cat->crisis_line : "";
}
