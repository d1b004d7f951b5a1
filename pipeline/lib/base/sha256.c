/*
 * sha256.c: SHA-256 by libcrypto's EVP interface (sha256.h). libcrypto picks
 * the fastest code the processor allows (the SHA extensions, else AVX2); the
 * digest is the same everywhere. A failure of libcrypto here can only be the
 * memory running out, which ends the program as xmalloc does.
 */
#include "base/sha256.h"

#include <errno.h>
#include <fcntl.h>
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
