/*
 * test-package.c: publishing a package whole or not at all (package.h): the
 * checks on IN and OUT, the lock, the repair of an interrupted run, the
 * foreign files, the checksums and the swap.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fileio.h"
#include "run/package.h"
#include "base/sha256.h"
#include "run/stage.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "tmpdir.h"

static char *at(const char *dir, const char *name)
{
	return path_join(dir, name);
}

static char *slurp(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb);
}

static int exists(const char *dir, const char *name)
{
	char *p = at(dir, name);
	int e = file_exists(p);

	free(p);
	return e;
}

static void test_refusals(const char *root)
{
	struct package p;
	char *in = at(root, "năm 2025"), *out;

	mkdir(in, 0777);
	out = at(in, "out");
	TEST_INT("OUT inside IN is wrong usage", package_open(&p, in, out), EXIT_USAGE);
	package_close(&p);
	free(out);
	out = at(in, "../năm 2025/./sub/../x");
	TEST_INT("OUT inside IN, written with .. and .", package_open(&p, in, out), EXIT_USAGE);
	package_close(&p);
	free(out);
	TEST_INT("IN inside OUT is wrong usage", package_open(&p, in, root), EXIT_USAGE);
	package_close(&p);
	TEST_INT("OUT = / is wrong usage", package_open(&p, in, "/"), EXIT_USAGE);
	package_close(&p);

	/* A file OUT does not list in its SHA256SUMS: named, never deleted. */
	out = at(root, "out-foreign");
	mkdir(out, 0777);
	tmpdir_write(out, "ghi-chu.txt", "x", (size_t)-1);
	TEST_INT("a foreign file in OUT is wrong usage", package_open(&p, in, out), EXIT_USAGE);
	package_close(&p);
	TEST("the foreign file is kept", exists(out, "ghi-chu.txt"));
	free(out);
	free(in);
}

#define FAKE_DIGEST "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* A package_digest_fn that knows the sheet only. */
static const char *known_digest(void *ctx, const char *name)
{
	(void)ctx;
	return !strcmp(name, "don-vi/A1.pdf") ? FAKE_DIGEST : NULL;
}

static void test_publish(const char *root)
{
	struct package p, q;
	char *in = at(root, "in"), *out = at(root, "out"), *sums, *text, *lock;
	char hex[65];
	char **files;
	int n, fd;

	mkdir(in, 0777);
	TEST_INT("open: fresh OUT", package_open(&p, in, out), EXIT_OK);
	TEST("open: a staging folder beside OUT", p.stage && !strncmp(p.stage, root, strlen(root)) &&
						     strstr(p.stage, "/.out.new-"));
	TEST("open: OUT not made yet", !file_exists(out));

	/* A second run while the first holds the lock refuses at once. */
	TEST_INT("a second run is refused while one runs", package_open(&q, in, out), EXIT_IO);
	package_close(&q);

	tmpdir_write(p.stage, "results.csv", "a,b\n", (size_t)-1);
	tmpdir_write(p.stage, "don-vi/A1.pdf", "%PDF", (size_t)-1);
	tmpdir_write(p.stage, ".results.csv.tmp-1", "half", (size_t)-1);
	TEST_INT("sums: written", package_sums(&p, NULL, NULL), 0);
	sums = at(p.stage, "SHA256SUMS");
	text = slurp(sums);
	sha256_hex("a,b\n", 4, hex);
	{
		struct strbuf want = STRBUF_INIT;
		char hex2[65];

		sha256_hex("%PDF", 4, hex2);
		strbuf_addf(&want, "%s  don-vi/A1.pdf\n%s  results.csv\n", hex2, hex);
		TEST_STR("sums: every file, sorted, sha256sum format", text, want.buf);
		strbuf_release(&want);
	}
	free(text);
	/* A digest the caller knows is taken as it is; the others are read. */
	TEST_INT("sums: with known digests", package_sums(&p, known_digest, NULL), 0);
	text = slurp(sums);
	{
		struct strbuf want = STRBUF_INIT;

		strbuf_addf(&want, "%s  don-vi/A1.pdf\n%s  results.csv\n", FAKE_DIGEST, hex);
		TEST_STR("sums: a known digest is not read again", text, want.buf);
		strbuf_release(&want);
	}
	free(text);
	free(sums);
	TEST("sums: hidden temporaries removed", !exists(p.stage, ".results.csv.tmp-1"));
	TEST_INT("publish", package_publish(&p), 0);
	TEST("publish: OUT is the package", exists(out, "results.csv") && exists(out, "don-vi/A1.pdf"));
	n = package_files(out, &files);
	TEST_INT("publish: OUT holds the package and nothing else", n, 3);
	names_free(files);
	package_close(&p);

	/* A rerun with data errors: validation.txt alone replaces the package. */
	TEST_INT("rerun: open over an earlier package", package_open(&p, in, out), EXIT_OK);
	tmpdir_write(p.stage, "validation.txt", "in/a.xml:3: error: x\n", (size_t)-1);
	tmpdir_write(p.stage, "ingest/units.csv", "code\n", (size_t)-1);
	TEST_INT("report only", package_report_only(&p), 0);
	TEST_INT("report only: published", package_publish(&p), 0);
	n = package_files(out, &files);
	TEST("report only: OUT holds validation.txt alone", n == 1 && !strcmp(files[0], "validation.txt"));
	names_free(files);
	package_close(&p);

	/* Killed between the two renames: the earlier package set aside, OUT missing. */
	{
		char *aside = at(root, ".out.old-99999"), *half = at(root, ".out.new-99998");

		rename(out, aside);
		mkdir(half, 0777);
		tmpdir_write(half, "quyet-dinh.pdf", "half", (size_t)-1);
		TEST_INT("repair: open after a kill", package_open(&p, in, out), EXIT_OK);
		TEST("repair: the earlier package is back", exists(out, "validation.txt"));
		TEST("repair: nothing set aside is left", !file_exists(aside));
		TEST("repair: the half-written staging folder is gone", !file_exists(half));
		package_close(&p);
		TEST("close: the staging folder of an unpublished run is removed",
		     !exists(root, ".out.new-99998"));
		free(aside);
		free(half);
	}

	/* The lock is an flock: held by another process, the run refuses. */
	lock = at(root, ".out.lock");
	fd = open(lock, O_WRONLY);
	TEST("the lock file is beside OUT", fd >= 0);
	if (fd >= 0) {
		pid_t pid = fork();

		if (pid == 0) {
			flock(fd, LOCK_EX);
			sleep(2);
			_exit(0);
		}
		usleep(300000);
		TEST_INT("a lock held by another process refuses", package_open(&q, in, out), EXIT_IO);
		package_close(&q);
		close(fd);
		waitpid(pid, NULL, 0);
	}
	free(lock);
	free(in);
	free(out);
}

static void test_remove_tree(const char *root)
{
	char *t = at(root, "tree"), *link, *target = at(root, "kept.txt");

	tmpdir_write(root, "kept.txt", "x", (size_t)-1);
	mkdir(t, 0777);
	tmpdir_write(t, "a/b.txt", "x", (size_t)-1);
	link = at(t, "link");
	TEST("symlink made", symlink(target, link) == 0);
	TEST_INT("remove_tree", file_remove_tree(t), 0);
	TEST("remove_tree: gone", !file_exists(t));
	TEST("remove_tree: a link's target is kept", file_exists(target));
	TEST_INT("remove_tree: missing is fine", file_remove_tree(t), 0);
	free(link);
	free(target);
	free(t);
}

int main(void)
{
	char *root = tmpdir_new();

	test_refusals(root);
	test_publish(root);
	test_remove_tree(root);
	tmpdir_remove(root);
	TEST_REPORT();
}
