/*
 * sha256.h: SHA-256 (FIPS 180-4), for provenance, SHA256SUMS, the reruns'
 * digests and PDF IDs. OpenSSL's libcrypto computes it: on a processor with
 * the SHA extensions about seven times as fast as a portable C version
 * (README, "Libraries"), and a package run hashes every file it writes.
 */
#ifndef PARX_SHA256_H
#define PARX_SHA256_H

#include <stddef.h>

/* A digest being computed: sha256_init, any number of sha256_update, then sha256_final. */
struct sha256 {
	void *ctx;   /* libcrypto's EVP_MD_CTX, released by sha256_final */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* The 32-byte digest; releases what sha256_init took. */
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* One-shot digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* The digest of the file at `path`, in hex. Returns 0, or -1 (errno set) when it cannot be read. */
int sha256_file(const char *path, char hex[65]);
/*
 * The digests of n files, hex[i] of paths[i], on one thread a core (up to 8):
 * a run hashes a thousand MB after drawing. rc[i] is sha256_file()'s answer
 * for the file (0, or -1 when it cannot be read).
 */
void sha256_files(const char *const *paths, size_t n, char (*hex)[65], int *rc);

#endif
