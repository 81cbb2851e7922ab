/* pool.c - allocations that live together and are freed together. */
#include <stdlib.h>
#include "pool.h"

void *pool_alloc(struct pool *p, size_t size)
{
	void *block;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		void **np = realloc(p->ptr, cap * sizeof *np);

		if (!np)
			return NULL;
		p->ptr = np;
		p->cap = cap;
	}
	if (!(block = calloc(1, size ? size : 1)))
		return NULL;
	p->ptr[p->n++] = block;
	return block;
}

void pool_release(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->ptr[i]);
	free(p->ptr);
	p->ptr = NULL;
	p->n = p->cap = 0;
}
