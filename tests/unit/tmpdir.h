/*
 * tmpdir.h: scratch folders and files for unit tests (header-only, like testhelp.h).
 */
#ifndef PARX_TMPDIR_H
#define PARX_TMPDIR_H

#include <dirent.h>
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

/* Removes `path` and, when it is a folder (not a link to one), everything under it. */
static int tmpdir_remove_tree(const char *path)
{
	struct stat st;
	int ret = 0;

	if (lstat(path, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *dh = opendir(path);
		struct dirent *de;

		while (dh && (de = readdir(dh))) {
			size_t n;
			char *sub;

			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			n = strlen(path) + strlen(de->d_name) + 2;
			sub = malloc(n);
			snprintf(sub, n, "%s/%s", path, de->d_name);
			ret |= tmpdir_remove_tree(sub);
			free(sub);
		}
		if (dh)
			closedir(dh);
		return rmdir(path) < 0 ? -1 : ret;
	}
	return unlink(path) < 0 ? -1 : ret;
}

/* Removes the folder and everything under it; frees its name. */
static void tmpdir_remove(char *dir)
{
	if (tmpdir_remove_tree(dir) < 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(dir);
}

#endif
