/*
 * sha256.c: SHA-256 by libcrypto's EVP interface (sha256.h). libcrypto picks
 * the fastest code the processor allows (the SHA extensions, else AVX2); the
 * digest is the same everywhere. A failure of libcrypto here can only be the
 * memory running out, which ends the program as xmalloc does.
 */
#include "base/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/i18n.h"

static void check(int ok)
{
	if (!ok) {
		fprintf(stderr, _("parx: libcrypto cannot compute a SHA-256 digest (out of memory)\n"));
		exit(3);
	}
}

void sha256_init(struct sha256 *c)
{
	EVP_MD_CTX *x = EVP_MD_CTX_new();

	check(x != NULL);
	check(EVP_DigestInit_ex(x, EVP_sha256(), NULL));
	c->ctx = x;
}

void sha256_update(struct sha256 *c, const void *data, size_t n)
{
	check(EVP_DigestUpdate(c->ctx, data, n));
}

void sha256_final(struct sha256 *c, unsigned char out[32])
{
	unsigned int len = 0;

	check(EVP_DigestFinal_ex(c->ctx, out, &len) && len == 32);
	EVP_MD_CTX_free(c->ctx);
	c->ctx = NULL;
}

static void to_hex(const unsigned char d[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

void sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char d[32];
	unsigned int len = 0;

	check(EVP_Digest(data, n, d, &len, EVP_sha256(), NULL) && len == 32);
	to_hex(d, out);
}

int sha256_file(const char *path, char hex[65])
{
	static _Thread_local unsigned char buf[1 << 17];
	unsigned char sum[32];
	struct sha256 c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	sha256_init(&c);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			sha256_final(&c, sum);
			close(fd);
			errno = e;
			return -1;
		}
		sha256_update(&c, buf, (size_t)n);
	}
	close(fd);
	sha256_final(&c, sum);
	to_hex(sum, hex);
	return 0;
}

struct hash_job {
	const char *const *paths;
	char (*hex)[65];
	int *rc;
	size_t n;
	atomic_size_t next;
};

static void *hash_worker(void *arg)
{
	struct hash_job *j = arg;

	for (size_t i; (i = atomic_fetch_add(&j->next, 1)) < j->n;)
		j->rc[i] = sha256_file(j->paths[i], j->hex[i]);
	return NULL;
}

void sha256_files(const char *const *paths, size_t n, char (*hex)[65], int *rc)
{
	struct hash_job j = { .paths = paths, .hex = hex, .rc = rc, .n = n };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = cores < 1 ? 1 : cores > 8 ? 8 : (size_t)cores, started = 0;
	pthread_t tids[8];

	atomic_init(&j.next, 0);
	if (nt > n)
		nt = n ? n : 1;
	for (size_t t = 1; t < nt; t++) /* the caller is the first */
		if (pthread_create(&tids[started], NULL, hash_worker, &j) == 0)
			started++;
	hash_worker(&j);
	for (size_t t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
}
