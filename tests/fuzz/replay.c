/*
 * replay.c: a main() for the fuzz targets, so that every normal build can
 * replay a corpus without libFuzzer (tests/run.sh does, in `make check`).
 *
 *   replay-NAME FILE|FOLDER...
 *
 * Calls LLVMFuzzerTestOneInput once per file, with a buffer of exactly the
 * file's size (so a sanitizer sees any read past its end); a folder stands
 * for the files in it. Exits 0 when every input ran, 3 when one could not be
 * read; a crash or sanitizer report is the failure it exists to show.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;
	int ret = -1;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || (n && fread(buf, 1, (size_t)n, f) != (size_t)n))
		goto out;
	if (getenv("PARX_FUZZ_PRINT"))
		fprintf(stderr, "== %s\n", path);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	ret = 0;
out:
	if (ret < 0)
		perror(path);
	free(buf);
	if (f)
		fclose(f);
	return ret;
}

static int replay(const char *path, size_t *count)
{
	struct stat st;
	struct dirent **names;
	int n, ret = 0;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		(*count)++;
		return replay_file(path);
	}
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		perror(path);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
			char *sub = malloc(len);

			if (!sub)
				abort();
			snprintf(sub, len, "%s/%s", path, names[i]->d_name);
			if (replay(sub, count) < 0)
				ret = -1;
			free(sub);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (replay(argv[i], &count) < 0)
			status = 3;
	if (getenv("PARX_FUZZ_PRINT"))
		fprintf(stderr, "%zu inputs replayed\n", count);
	return status;
}
