/* pool.h - allocations that live together and are freed together. */
#ifndef GM_POOL_H
#define GM_POOL_H

#include <stddef.h>

struct pool {
	void **ptr;               /* every block handed out */
	size_t n, cap;
};

/* Zeroed memory of size bytes (at least 1) that lives until
 * pool_release; NULL when out of memory. */
void *pool_alloc(struct pool *p, size_t size);

/* Frees every block of p and leaves it empty. */
void pool_release(struct pool *p);

#endif
