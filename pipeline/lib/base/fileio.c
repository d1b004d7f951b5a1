/*
 * fileio.c: bounded input reading, sorted folder listing, atomic output.
 *
 * Temporary names are "<dir>/.<name>.tmp-<pid>": hidden, in the same folder
 * (so rename() is atomic), and unique per process so parallel writers of
 * different files never collide.
 */
#include "base/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"

static char *confine_dir, *confine_real;

void file_confine(const char *dir)
{
	free(confine_dir);
	free(confine_real);
	confine_dir = confine_real = NULL;
	if (!dir)
		return;
	confine_dir = xstrdup(dir);
	while (strlen(confine_dir) > 1 && confine_dir[strlen(confine_dir) - 1] == '/')
		confine_dir[strlen(confine_dir) - 1] = '\0';
	confine_real = realpath(dir, NULL);
}

/* 0 when `path` is not under the confinement or really lies inside it, else -1 (reported). */
static int check_confined(const char *path, struct diag *d)
{
	size_t n = confine_dir ? strlen(confine_dir) : 0;
	char *real;
	int inside;

	if (!confine_dir || strncmp(path, confine_dir, n) || path[n] != '/')
		return 0;
	real = realpath(path, NULL);
	if (!real)
		return 0; /* missing: open() says so */
	inside = confine_real && !strncmp(real, confine_real, strlen(confine_real)) &&
		 (real[strlen(confine_real)] == '/' || !strcmp(confine_real, "/"));
	free(real);
	if (inside)
		return 0;
	diag_error(d, path, 0, "is a link to a file outside the year folder: parx reads only the year's own files; copy the file into the folder instead of linking it");
	return -1;
}

int file_read(const char *path, struct strbuf *out, struct diag *d)
{
	struct stat st;
	int fd;
	ssize_t n;

	strbuf_reset(out);
	if (check_confined(path, d) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > INPUT_MAX_BYTES) {
		diag_error(d, path, 0, "file is %lld bytes, more than the %u MB an input may have",
			   (long long)st.st_size, INPUT_MAX_BYTES >> 20);
		close(fd);
		return -1;
	}
	strbuf_grow(out, (size_t)st.st_size);
	for (;;) {
		/* Never more than one byte past the limit: exactly the limit is fine. */
		size_t want = INPUT_MAX_BYTES + 1 - out->len < 65536 ? INPUT_MAX_BYTES + 1 - out->len : 65536;

		if (out->len > INPUT_MAX_BYTES) {
			diag_error(d, path, 0, "file grew beyond %u MB while being read",
				   INPUT_MAX_BYTES >> 20);
			close(fd);
			return -1;
		}
		strbuf_grow(out, want);
		n = read(fd, out->buf + out->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_error(d, path, 0, "cannot read: %s", strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
	}
	close(fd);
	return 0;
}

int file_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

char *path_join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(dir);

	strbuf_addstr(&sb, dir);
	if (n && dir[n - 1] != '/')
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, name);
	return strbuf_detach(&sb);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

int dir_list(const char *dir, const char *suffix, int optional, struct diag *d, char ***names)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	char **all = NULL, **v;
	size_t nall = 0, aall = 0, n = 0;

	*names = NULL;
	if (!dh) {
		if (errno == ENOENT && optional) {
			*names = xcalloc(1, sizeof(char *));
			return 0;
		}
		diag_error(d, dir, 0, "cannot open folder: %s", strerror(errno));
		return -1;
	}
	/* Names first, sorted, so that warnings come in name order whatever the folder's order. */
	while ((de = readdir(dh)))
		if (de->d_name[0] != '.') {
			xgrow(&all, &aall, nall + 1, sizeof(*all));
			all[nall++] = xstrdup(de->d_name);
		}
	closedir(dh);
	if (nall)
		qsort(all, nall, sizeof(*all), cmp_names);
	v = xcalloc(nall + 1, sizeof(*v));
	for (size_t i = 0; i < nall; i++) {
		char *full = path_join(dir, all[i]);
		struct stat st;

		if (stat(full, &st) < 0) {
			if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
				diag_warn(d, full, 0, "skipped: a link to a file that does not exist");
			else
				diag_warn(d, full, 0, "skipped: cannot read it: %s", strerror(errno));
			free(all[i]);
		} else if (S_ISDIR(st.st_mode)) {
			free(all[i]); /* sub-folders are not read, by design */
		} else if (!ends_with(all[i], suffix)) {
			diag_warn(d, full, 0, "skipped: only '*%s' files are read here", suffix);
			free(all[i]);
		} else if (!S_ISREG(st.st_mode)) {
			diag_warn(d, full, 0, "skipped: not a regular file (a pipe, device or socket)");
			free(all[i]);
		} else {
			v[n++] = all[i];
		}
		free(full);
	}
	free(all);
	v[n] = NULL;
	*names = v;
	return (int)n;
}

void names_free(char **names)
{
	if (!names)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}

int mkdir_p(const char *dir)
{
	char *p = xstrdup(dir);
	int ret = 0;

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST) {
				ret = -1;
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return ret;
}

char *tmp_name_for(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *slash = strrchr(path, '/');

	if (slash)
		strbuf_add(&sb, path, (size_t)(slash - path + 1));
	strbuf_addf(&sb, ".%s.tmp-%ld", slash ? slash + 1 : path, (long)getpid());
	return strbuf_detach(&sb);
}

int commit_rename(const char *tmp, const char *path)
{
	if (rename(tmp, path) < 0) {
		int e = errno;

		unlink(tmp);
		return error("cannot rename '%s' to '%s': %s", tmp, path, strerror(e));
	}
	return 0;
}

int outfile_open(struct outfile *o, const char *path)
{
	int fd;

	o->path = xstrdup(path);
	o->tmp = tmp_name_for(path);
	fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		o->f = NULL;
		error("cannot create '%s': %s", path, strerror(e));
		outfile_abort(o);
		return -1;
	}
	return 0;
}

int outfile_commit(struct outfile *o)
{
	int bad = ferror(o->f), e = 0;

	if (fflush(o->f) != 0 || bad) {
		e = errno;
		bad = 1;
	}
	if (fclose(o->f) != 0 && !bad) {
		e = errno;
		bad = 1;
	}
	o->f = NULL;
	if (bad) {
		error("cannot write '%s': %s", o->path, strerror(e ? e : EIO));
		outfile_abort(o);
		return -1;
	}
	if (commit_rename(o->tmp, o->path) < 0) {
		outfile_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}

int file_write_atomic(const char *path, const void *data, size_t len)
{
	struct outfile o;

	if (outfile_open(&o, path) < 0)
		return -1;
	fwrite(data, 1, len, o.f);
	return outfile_commit(&o);
}

int file_write_staged(const char *path, const void *data, size_t len)
{
	const char *p = data;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666), e = 0;

	if (fd < 0)
		return error("cannot create '%s': %s", path, strerror(errno));
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : ENOSPC;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) < 0 && !e)
		e = errno;
	if (e) {
		unlink(path);
		return error("cannot write '%s': %s", path, strerror(e));
	}
	return 0;
}

/* Removes `name` under the folder `dirfd`, recursively, following no link. */
static int remove_at(int dirfd, const char *name)
{
	DIR *dir;
	struct dirent *e;
	int fd, rc = 0;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return -1;
	}
	while ((e = readdir(dir)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && remove_at(fd, e->d_name) < 0)
			rc = -1;
	closedir(dir);
	if (rc == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		rc = -1;
	return rc;
}

int file_remove_tree(const char *path)
{
	return remove_at(AT_FDCWD, path);
}
