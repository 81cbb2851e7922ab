/* sha256.h - SHA-256 (FIPS 180-4), for the catalogue's content hash. */
#ifndef GM_SHA256_H
#define GM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST 32
#define SHA256_HEX (2 * SHA256_DIGEST + 1)   /* 64 hex digits and a NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;            /* message length so far */
	unsigned char block[64];
	size_t fill;               /* bytes waiting in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Pads, writes the 32-byte digest to out; s must be initialised again
 * before reuse. */
void sha256_final(struct sha256 *s, unsigned char out[SHA256_DIGEST]);

/* As sha256_final, as 64 lowercase hex digits. */
void sha256_final_hex(struct sha256 *s, char out[SHA256_HEX]);

/* The digest of len bytes at data as 64 lowercase hex digits. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX]);

#endif
