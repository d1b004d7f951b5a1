/*
 * package.c: the all-or-nothing publication of a run (package.h).
 *
 * Renames within one folder are atomic, so after a kill at any point OUT is
 * the old package, the new one, or missing with the old one set aside under
 * the lock's name pattern, where the next run finds it and puts it back.
 */
#include "run/package.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/sha256.h"
#include "run/stage.h"
#include "base/strbuf.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct list {
	char **v;
	size_t n, alloc;
};

static void list_add(struct list *l, char *s)
{
	xgrow(&l->v, &l->alloc, l->n + 2, sizeof(*l->v));
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

/*
 * Collects the regular files under `dir` as paths relative to the top, in
 * `files`; with `hidden`, names starting with '.' too (and only those go into
 * `files` when hidden == 2: the temporaries to remove, folders included).
 */
static int walk(const char *top, const char *rel, int hidden, struct list *files)
{
	char *dir = *rel ? path_join(top, rel) : xstrdup(top);
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d) {
		free(dir);
		return -1;
	}
	while (rc == 0 && (e = readdir(d))) {
		struct stat st;
		char *r;
		int dot = e->d_name[0] == '.', is_dir = e->d_type == DT_DIR;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (dot && !hidden)
			continue;
		r = *rel ? path_join(rel, e->d_name) : xstrdup(e->d_name);
		if (e->d_type == DT_UNKNOWN) { /* a file system that does not say: ask (20,000 times less on ext4) */
			char *full = path_join(top, r);

			if (lstat(full, &st) < 0)
				rc = -1;
			is_dir = rc == 0 && S_ISDIR(st.st_mode);
			free(full);
		}
		if (rc == 0 && hidden == 2 && dot) {
			list_add(files, r);
			r = NULL;
		} else if (rc == 0 && is_dir) {
			rc = walk(top, r, hidden, files);
		} else if (rc == 0 && hidden != 2) {
			list_add(files, r);
			r = NULL;
		}
		free(r);
	}
	closedir(d);
	free(dir);
	return rc;
}

static int files_of(const char *dir, int hidden, char ***files)
{
	struct list l = { NULL, 0, 0 };

	list_add(&l, NULL);
	l.n = 0;
	if (walk(dir, "", hidden, &l) < 0) {
		int e = errno;

		names_free(l.v);
		errno = e;
		return -1;
	}
	qsort(l.v, l.n, sizeof(*l.v), cmp_str);
	*files = l.v;
	return (int)l.n;
}

int package_files(const char *dir, char ***files)
{
	return files_of(dir, 0, files);
}

/*
 * `path` made absolute with its existing part's links resolved, the rest
 * taken as written (like `realpath -m`): OUT need not exist yet.
 */
static char *resolve(const char *path)
{
	struct strbuf abs = STRBUF_INIT;
	char *res, *copy, *save = NULL;
	int exists = 1;

	if (path[0] != '/') {
		char cwd[PATH_MAX];

		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		strbuf_addstr(&abs, cwd);
		strbuf_addch(&abs, '/');
	}
	strbuf_addstr(&abs, path);
	copy = strbuf_detach(&abs);
	res = xstrdup("/");
	for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		char *cand, *real;

		if (!strcmp(c, "."))
			continue;
		if (!strcmp(c, "..")) {
			char *slash = strrchr(res, '/');

			if (slash == res)
				res[1] = '\0';
			else
				*slash = '\0';
			continue;
		}
		cand = path_join(res, c);
		real = exists ? realpath(cand, NULL) : NULL;
		free(res);
		if (real) {
			res = real;
			free(cand);
		} else {
			exists = 0;
			res = cand;
		}
	}
	free(copy);
	return res;
}

/* 1 when `path` is `dir` or lies under it. */
static int under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "/"))
		return 1;
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/* What an interrupted run left beside OUT: an old package goes back, staging folders go. */
/*
 * The forms folder of an earlier package goes into the new one (it is not part
 * of the package: parx forms writes it, parx run keeps it). Best effort: the
 * forms can always be made again.
 */
static void carry_forms(const char *old, const char *now)
{
	char *from = path_join(old, PACKAGE_FORMS), *to = path_join(now, PACKAGE_FORMS);

	if (file_exists(from) && !file_exists(to) && file_exists(now) && rename(from, to) < 0)
		warning("the forms in '%s' could not be kept: %s", from, strerror(errno));
	free(from);
	free(to);
}

static int repair(struct package *p)
{
	DIR *d = opendir(p->parent);
	struct dirent *e;
	struct strbuf old = STRBUF_INIT, staged = STRBUF_INIT;
	int rc = 0;

	if (!d)
		return error("cannot read the folder '%s': %s", p->parent, strerror(errno));
	strbuf_addf(&old, ".%s.old-", p->name);
	strbuf_addf(&staged, ".%s.new-", p->name);
	while (rc == 0 && (e = readdir(d))) {
		char *full;

		if (strncmp(e->d_name, old.buf, old.len) && strncmp(e->d_name, staged.buf, staged.len))
			continue;
		full = path_join(p->parent, e->d_name);
		if (!strncmp(e->d_name, old.buf, old.len) && !file_exists(p->path)) {
			if (rename(full, p->path) < 0)
				rc = error("cannot put the earlier package '%s' back as '%s': %s", full, p->out,
					   strerror(errno));
		} else if ((carry_forms(full, p->path), file_remove_tree(full) < 0)) {
			rc = error("cannot remove '%s', left by an interrupted run: %s", full, strerror(errno));
		}
		free(full);
	}
	closedir(d);
	strbuf_release(&old);
	strbuf_release(&staged);
	return rc;
}

/* The files SHA256SUMS of an earlier package lists (or validation.txt alone), sorted. */
static char **ours(const char *dir)
{
	struct list l = { NULL, 0, 0 };
	char *sums = path_join(dir, "SHA256SUMS");
	FILE *f = fopen(sums, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	list_add(&l, xstrdup(f ? "SHA256SUMS" : "validation.txt"));
	while (f && (n = getline(&line, &cap, f)) > 0) {
		char *name = strstr(line, "  ");

		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (name && name[2])
			list_add(&l, xstrdup(name + 2));
	}
	free(line);
	if (f)
		fclose(f);
	free(sums);
	qsort(l.v, l.n, sizeof(*l.v), cmp_str);
	return l.v;
}

/* OUT holds nothing but an earlier package of parx (or nothing at all). */
static int check_foreign(struct package *p)
{
	struct stat st;
	char **have, **known;
	size_t nknown = 0, nforeign = 0;
	int rc = EXIT_OK;

	if (stat(p->path, &st) < 0)
		return errno == ENOENT ? EXIT_OK : (error("cannot read '%s': %s", p->out, strerror(errno)), EXIT_IO);
	if (!S_ISDIR(st.st_mode)) {
		error("OUT '%s' is a file, not a folder", p->out);
		return EXIT_USAGE;
	}
	if (files_of(p->path, 1, &have) < 0) {
		error("cannot read '%s': %s", p->out, strerror(errno));
		return EXIT_IO;
	}
	known = ours(p->path);
	while (known[nknown])
		nknown++;
	for (char **h = have; *h; h++) {
		if (bsearch(h, known, nknown, sizeof(*known), cmp_str))
			continue;
		if (!strncmp(*h, PACKAGE_FORMS "/", sizeof(PACKAGE_FORMS)))
			continue; /* the forms of parx forms: kept across runs (package.h) */
		if (nforeign++ == 0) {
			error("'%s' holds files that are not parx's package; move them elsewhere (or choose another OUT), then run again:",
			      p->out);
			rc = EXIT_USAGE;
		}
		if (nforeign <= 20)
			fprintf(stderr, "  %s\n", *h);
	}
	if (nforeign > 20)
		fprintf(stderr, _("  … and %zu more\n"), nforeign - 20);
	names_free(have);
	names_free(known);
	return rc;
}

int package_lock(struct package *p, const char *in, const char *out)
{
	char *rin = realpath(in, NULL);
	char *slash, *lock;
	int rc = EXIT_OK;

	memset(p, 0, sizeof(*p));
	p->lock = -1;
	p->out = xstrdup(out);
	p->path = resolve(out);
	if (!rin || !p->path) {
		error("cannot resolve '%s': %s", rin ? out : in, strerror(errno));
		free(rin);
		return EXIT_IO;
	}
	if (!strcmp(p->path, "/")) {
		error("OUT cannot be /");
		rc = EXIT_USAGE;
	} else if (under(p->path, rin)) {
		error("OUT '%s' is inside the year folder '%s': choose a folder outside it", out, in);
		rc = EXIT_USAGE;
	} else if (under(rin, p->path)) {
		error("the year folder '%s' is inside OUT '%s': publishing would replace it; choose another OUT",
		      in, out);
		rc = EXIT_USAGE;
	}
	free(rin);
	if (rc)
		return rc;
	slash = strrchr(p->path, '/');
	p->parent = slash == p->path ? xstrdup("/") : xstrndup(p->path, (size_t)(slash - p->path));
	p->name = xstrdup(slash + 1);
	{
		struct stat st;

		if (mkdir_p(p->parent) < 0 || stat(p->parent, &st) < 0)
			return error("cannot create OUT '%s': %s", out, strerror(errno)), EXIT_IO;
		if (!S_ISDIR(st.st_mode))
			return error("cannot create OUT '%s': %s", out, strerror(ENOTDIR)), EXIT_IO;
	}

	/* One run at a time per OUT: a second one refuses at once rather than mixing. */
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, ".%s.lock", p->name);
		lock = path_join(p->parent, sb.buf);
		strbuf_release(&sb);
	}
	p->lock = open(lock, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	if (p->lock < 0) {
		error("cannot create the lock '%s': %s", lock, strerror(errno));
		free(lock);
		return EXIT_IO;
	}
	free(lock);
	if (flock(p->lock, LOCK_EX | LOCK_NB) < 0) {
		error("another parx run is writing '%s'; wait for it to finish, then run again", out);
		close(p->lock);
		p->lock = -1;
		return EXIT_IO;
	}
	if (repair(p) < 0)
		return EXIT_IO;
	return EXIT_OK;
}

int package_open(struct package *p, const char *in, const char *out)
{
	int rc = package_lock(p, in, out);

	if (rc)
		return rc;
	rc = check_foreign(p);
	if (rc)
		return rc;
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, ".%s.new-%ld", p->name, (long)getpid());
		p->stage = path_join(p->parent, sb.buf);
		strbuf_reset(&sb);
		strbuf_addf(&sb, ".%s.old-%ld", p->name, (long)getpid());
		p->old = path_join(p->parent, sb.buf);
		strbuf_release(&sb);
	}
	if (mkdir(p->stage, 0777) < 0) {
		error("cannot create the staging folder '%s': %s", p->stage, strerror(errno));
		free(p->stage);
		p->stage = NULL;
		return EXIT_IO;
	}
	return EXIT_OK;
}

int package_report_only(struct package *p)
{
	DIR *d = opendir(p->stage);
	struct dirent *e;
	int rc = 0, have = 0;

	if (!d)
		return error("cannot read '%s': %s", p->stage, strerror(errno));
	while ((e = readdir(d))) {
		char *full;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!strcmp(e->d_name, "validation.txt")) {
			have = 1;
			continue;
		}
		full = path_join(p->stage, e->d_name);
		if (file_remove_tree(full) < 0)
			rc = error("cannot remove '%s': %s", full, strerror(errno));
		free(full);
	}
	closedir(d);
	if (!rc && !have)
		rc = error("the validation report was not written");
	return rc;
}

int package_sums(struct package *p, package_digest_fn *known, void *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	char **tmp, **files;
	char *sums;
	int rc = 0;

	/* Hidden temporaries of a stage are never part of the package. */
	if (files_of(p->stage, 2, &tmp) < 0)
		return error("cannot read '%s': %s", p->stage, strerror(errno));
	for (char **t = tmp; *t && !rc; t++) {
		char *full = path_join(p->stage, *t);

		if (file_remove_tree(full) < 0)
			rc = error("cannot remove '%s': %s", full, strerror(errno));
		free(full);
	}
	names_free(tmp);
	if (rc)
		return rc;
	if (files_of(p->stage, 0, &files) < 0)
		return error("cannot read '%s': %s", p->stage, strerror(errno));
	for (char **f = files; *f && !rc; f++) {
		const char *k = known ? known(ctx, *f) : NULL;
		char *full, hex[65];

		if (!strcmp(*f, "SHA256SUMS"))
			continue;
		if (k) {
			strbuf_addf(&sb, "%s  %s\n", k, *f);
			continue;
		}
		full = path_join(p->stage, *f);
		if (sha256_file(full, hex) < 0)
			rc = error("cannot read '%s': %s", full, strerror(errno));
		else
			strbuf_addf(&sb, "%s  %s\n", hex, *f);
		free(full);
	}
	names_free(files);
	sums = path_join(p->stage, "SHA256SUMS");
	if (!rc && (!sb.len || file_write_atomic(sums, sb.buf, sb.len) < 0))
		rc = error("cannot write the checksums of the package (SHA256SUMS)");
	free(sums);
	strbuf_release(&sb);
	return rc;
}

int package_publish(struct package *p)
{
	int had = file_exists(p->path);

	if (had && rename(p->path, p->old) < 0)
		return error("cannot publish into '%s': %s", p->out, strerror(errno));
	if (rename(p->stage, p->path) < 0) {
		int e = errno;

		if (had)
			rename(p->old, p->path);
		return error("cannot publish into '%s': %s", p->out, strerror(e));
	}
	free(p->stage);
	p->stage = NULL;
	if (had)
		carry_forms(p->old, p->path);
	if (had && file_remove_tree(p->old) < 0)
		warning("the earlier package '%s' could not be removed: %s", p->old, strerror(errno));
	return 0;
}

void package_close(struct package *p)
{
	if (p->stage)
		file_remove_tree(p->stage);
	if (p->lock >= 0)
		close(p->lock);
	free(p->out);
	free(p->path);
	free(p->parent);
	free(p->name);
	free(p->stage);
	free(p->old);
	memset(p, 0, sizeof(*p));
	p->lock = -1;
}

int package_replace_sub(struct package *p, const char *fresh, const char *name)
{
	char *dest = path_join(p->path, name);
	struct strbuf aside = STRBUF_INIT;
	int had = file_exists(dest), rc = 0;

	strbuf_addf(&aside, "%s/.%s.old-%ld", p->path, name, (long)getpid());
	if (had && rename(dest, aside.buf) < 0) {
		rc = error("cannot replace '%s': %s", dest, strerror(errno));
	} else if (rename(fresh, dest) < 0) {
		rc = error("cannot replace '%s': %s", dest, strerror(errno));
		if (had)
			rename(aside.buf, dest);
	} else if (had && file_remove_tree(aside.buf) < 0) {
		warning("the earlier '%s' could not be removed: %s", aside.buf, strerror(errno));
	}
	free(dest);
	strbuf_release(&aside);
	return rc;
}
