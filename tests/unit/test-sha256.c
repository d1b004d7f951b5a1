/*
 * test-sha256.c: SHA-256 against the known answers of FIPS 180-4's examples
 * (and NIST's long message), whole, in pieces that cross block boundaries,
 * and from a file; a file that cannot be read.
 */
#include <errno.h>
#include <stdlib.h>

#include "base/sha256.h"
#include "testhelp.h"
#include "tmpdir.h"

static const char ABC[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char EMPTY[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
static const char TWO_BLOCKS_MSG[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char TWO_BLOCKS[] = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
static const char MILLION_A[] = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

static void hex_of(const unsigned char d[32], char out[65])
{
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

int main(void)
{
	char hex[65], *dir, path[4096];
	unsigned char d[32];
	struct sha256 c;
	char *a = malloc(1000000);

	sha256_hex("abc", 3, hex);
	TEST_STR("one-shot: 'abc'", hex, ABC);
	sha256_hex("", 0, hex);
	TEST_STR("one-shot: the empty message", hex, EMPTY);
	sha256_hex(TWO_BLOCKS_MSG, strlen(TWO_BLOCKS_MSG), hex);
	TEST_STR("one-shot: 448 bits, padded into two blocks", hex, TWO_BLOCKS);

	/* A million 'a' fed in pieces of 1, 63, 64, 65, ... bytes: the same digest. */
	memset(a, 'a', 1000000);
	sha256_init(&c);
	for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 7 % 997 + 1)
		sha256_update(&c, a + off, off + step > 1000000 ? 1000000 - off : step);
	sha256_final(&c, d);
	hex_of(d, hex);
	TEST_STR("in pieces: a million 'a'", hex, MILLION_A);

	dir = tmpdir_new();
	tmpdir_write(dir, "a", a, 1000000);
	snprintf(path, sizeof(path), "%s/a", dir);
	TEST_INT("file: read", sha256_file(path, hex), 0);
	TEST_STR("file: a million 'a'", hex, MILLION_A);
	tmpdir_write(dir, "empty", "", 0);
	snprintf(path, sizeof(path), "%s/empty", dir);
	TEST_INT("file: empty read", sha256_file(path, hex), 0);
	TEST_STR("file: empty", hex, EMPTY);
	snprintf(path, sizeof(path), "%s/missing", dir);
	errno = 0;
	TEST_INT("file: missing is -1", sha256_file(path, hex), -1);
	TEST_INT("file: missing sets errno", errno, ENOENT);
	TEST_INT("file: a folder is -1", sha256_file(dir, hex), -1);

	/* Many files on several threads: each its own digest, in its own place. */
	{
		enum { N = 40 };
		char *paths[N], hexes[N][65];
		int rc[N], ok = 1;

		for (int i = 0; i < N; i++) {
			char name[16];

			snprintf(name, sizeof(name), "f%d", i);
			if (i % 10 != 7) /* every tenth file from the 8th is missing */
				tmpdir_write(dir, name, a, (size_t)i * 25000);
			paths[i] = malloc(strlen(dir) + sizeof(name) + 2);
			sprintf(paths[i], "%s/%s", dir, name);
		}
		sha256_files((const char *const *)paths, N, hexes, rc);
		for (int i = 0; i < N; i++) {
			char want[65];
			int want_rc = sha256_file(paths[i], want);

			if (rc[i] != want_rc || (rc[i] == 0 && strcmp(hexes[i], want)))
				ok = 0;
			free(paths[i]);
		}
		TEST("files at once: each as sha256_file gives it, the missing ones -1", ok);
		TEST_STR("files at once: f0 is empty", rc[0] == 0 ? hexes[0] : "", EMPTY);
		TEST_INT("files at once: f7 is missing", rc[7], -1);
		sha256_files(NULL, 0, NULL, NULL); /* no file: touches nothing (ASan would say) */
	}
	tmpdir_remove(dir);
	free(a);
	TEST_REPORT();
}
