/*
 * tmpdir.h: scratch folders and files for unit tests (header-only, like testhelp.h).
 */
#ifndef PARX_TMPDIR_H
#define PARX_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Creates a fresh folder under $TMPDIR; the caller frees the name. */
static char *tmpdir_new(void)
{
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *p = malloc(strlen(base) + 32);

	sprintf(p, "%s/parx-test-XXXXXX", base);
	if (!mkdtemp(p)) {
		perror("mkdtemp");
		exit(3);
	}
	return p;
}

/* Writes `len` bytes (len == (size_t)-1: strlen) to dir/name, creating one sub-folder level. */
static void tmpdir_write(const char *dir, const char *name, const char *data, size_t len)
{
	char path[4096];
	const char *slash = strchr(name, '/');
	FILE *f;

	if (slash) {
		snprintf(path, sizeof(path), "%s/%.*s", dir, (int)(slash - name), name);
		mkdir(path, 0777);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(3);
	}
	fwrite(data, 1, len == (size_t)-1 ? strlen(data) : len, f);
	fclose(f);
}

/* Removes the folder and everything under it. */
static void tmpdir_remove(char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(dir);
}

#endif
