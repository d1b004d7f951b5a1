/*
 * sha256.h: SHA-256 (FIPS 180-4), for provenance, SHA256SUMS and PDF IDs.
 */
#ifndef PARX_SHA256_H
#define PARX_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* One-shot digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* The digest of the file at `path`, in hex. Returns 0, or -1 (errno set) when it cannot be read. */
int sha256_file(const char *path, char hex[65]);

#endif
