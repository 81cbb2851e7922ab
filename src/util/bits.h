/* bits.h - counting the members of a bit set. */
#ifndef GM_BITS_H
#define GM_BITS_H

#include <stdint.h>

/* The number of bits set in x. */
static inline int bits_count(uint64_t x)
{
	return __builtin_popcountll(x);
}

#endif
