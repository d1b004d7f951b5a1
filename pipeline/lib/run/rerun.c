/*
 * rerun.c: running again only the stages whose inputs changed (rerun.h).
 */
#include "run/rerun.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/sha256.h"
#include "input/load.h"
#include "input/workcopy.h"
#include "run/stage.h"
#include "score/scored.h"

#define STAGES_FILE "STAGES"
#define STAGES_MAGIC "parx-stages\t1"

static const char *const stage_names[RERUN_NSTAGES] = { "ingest", "score", "render" };

/* The files handed between stages: in the work folder, never in the package. */
static const char *const handed[] = { "ingest/" WORKCOPY_FILE, SCORED_DIR "/" SCORED_FILE };

static int is_handed(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(handed); i++)
		if (!strcmp(name, handed[i]))
			return 1;
	return 0;
}

static void set_release(struct rerun_set *s)
{
	free(s->key);
	for (size_t i = 0; i < s->nfiles; i++)
		free(s->files[i].name);
	free(s->files);
	memset(s, 0, sizeof(*s));
}

/* What identifies a file's present contents without reading them; 0 if it cannot be seen. */
static int identity(const char *path, struct rerun_file *f)
{
	struct stat st;

	if (!path || stat(path, &st) < 0)
		return 0;
	f->ino = (unsigned long long)st.st_ino;
	f->size = (unsigned long long)st.st_size;
	f->ctime_ns = (long long)st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec;
	return 1;
}

/* Adds a file with its digest; `path`, where it is now, for rerun_digest() (NULL: a last run's). */
static void set_add(struct rerun_set *s, const char *name, const char *sha, const char *path)
{
	struct rerun_file *f;

	xgrow(&s->files, &s->alloc, s->nfiles + 1, sizeof(*s->files));
	f = &s->files[s->nfiles++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	memcpy(f->sha256, sha, 65);
	identity(path, f);
}

/* STAGES: "stage <name> <key>" then "<sha256>  <file>" lines. Anything odd: no reuse. */
static void read_stages(struct rerun *r)
{
	char *path = path_join(r->work, STAGES_FILE);
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int cur = -1, ok = 1;

	free(path);
	if (!f)
		return;
	if ((n = getline(&line, &cap, f)) <= 0 || strncmp(line, STAGES_MAGIC "\n", (size_t)n))
		ok = 0;
	while (ok && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (!strncmp(line, "stage ", 6)) {
			char *sp = strchr(line + 6, ' ');

			cur = -1;
			for (int s = 0; sp && s < RERUN_NSTAGES; s++)
				if ((size_t)(sp - line - 6) == strlen(stage_names[s]) &&
				    !strncmp(line + 6, stage_names[s], strlen(stage_names[s])))
					cur = s;
			if (cur < 0 || r->last[cur].key) {
				ok = 0;
				break;
			}
			r->last[cur].key = xstrdup(sp + 1);
		} else if (cur >= 0 && n > 66 && line[64] == ' ' && line[65] == ' ') {
			line[64] = '\0';
			set_add(&r->last[cur], line + 66, line, NULL);
		} else {
			ok = 0;
		}
	}
	if (!ok)
		for (int s = 0; s < RERUN_NSTAGES; s++)
			set_release(&r->last[s]);
	free(line);
	fclose(f);
}

void rerun_open(struct rerun *r, const struct package *p, int fresh)
{
	struct strbuf sb = STRBUF_INIT;

	memset(r, 0, sizeof(*r));
	strbuf_addf(&sb, ".%s.work", p->name);
	r->work = path_join(p->parent, sb.buf);
	strbuf_release(&sb);
	r->out = xstrdup(p->path);
	r->stage = xstrdup(p->stage);
	if (!fresh)
		read_stages(r);
}

void rerun_release(struct rerun *r)
{
	for (int s = 0; s < RERUN_NSTAGES; s++) {
		set_release(&r->last[s]);
		set_release(&r->now[s]);
	}
	names_free(r->before);
	strmap_free(r->digests);
	free(r->work);
	free(r->out);
	free(r->stage);
	memset(r, 0, sizeof(*r));
}

/* Whether the file `name` of the staging folder is still the one f was taken of. */
static int unchanged(const struct rerun *r, const struct rerun_file *f, const char *name)
{
	struct rerun_file now;
	char *path = path_join(r->stage, name);
	int same = identity(path, &now) && now.ino == f->ino && now.size == f->size &&
		   now.ctime_ns == f->ctime_ns;

	free(path);
	return same;
}

/* ---- Keys ---------------------------------------------------------------------- */

/* "<label> <sha256 of path>\n", or "<label> -\n" when it cannot be read. */
static void add_digest(struct strbuf *sb, const char *label, const char *path)
{
	char hex[65];

	strbuf_addf(sb, "%s %s\n", label, sha256_file(path, hex) == 0 ? hex : "-");
}

/* "<label> <sha256>\n" of the file `name` of the staging folder: the digest a stage took of it, else read. */
static void add_staged_digest(struct rerun *r, struct strbuf *sb, const char *label, const char *name)
{
	for (int s = 0; s < RERUN_NSTAGES; s++)
		for (size_t i = 0; i < r->now[s].nfiles; i++)
			if (!strcmp(r->now[s].files[i].name, name) && unchanged(r, &r->now[s].files[i], name)) {
				strbuf_addf(sb, "%s %s\n", label, r->now[s].files[i].sha256);
				return;
			}
	{
		char *p = path_join(r->stage, name);

		add_digest(sb, label, p);
		free(p);
	}
}

/* Every regular file of `dir` (recursively), by name, with its digest. */
static void add_folder(struct strbuf *sb, const char *label, const char *dir)
{
	char **files = NULL;

	strbuf_addf(sb, "%s %s\n", label, dir ? dir : "-");
	if (!dir || package_files(dir, &files) < 0)
		return;
	for (char **f = files; *f; f++) {
		char *full = path_join(dir, *f);

		add_digest(sb, *f, full);
		free(full);
	}
	names_free(files);
}

/* The year folder's inputs, as the loaders take them (input/FORMATS.md, "The folder"). */
static void add_inputs(struct strbuf *sb, const char *in)
{
	for (size_t i = 0; i < LOAD_NFIXED; i++) {
		char *p = path_join(in, load_fixed[i]);

		add_digest(sb, load_fixed[i], p);
		free(p);
	}
	for (size_t i = 0; i < LOAD_NLISTED; i++) {
		const struct load_listed *l = &load_listed[i];
		char *dir = path_join(in, l->dir);
		char **names = NULL;
		struct diag quiet;

		diag_init(&quiet);
		strbuf_addf(sb, "%s/\n", l->dir);
		if (dir_list(dir, l->suffix, 1, &quiet, &names) >= 0 && names) {
			size_t n = 0;
			char **paths, (*hex)[65];
			int *rc;

			while (names[n])
				n++;
			paths = xcalloc(n + 1, sizeof(*paths));
			hex = xcalloc(n + 1, sizeof(*hex));
			rc = xcalloc(n + 1, sizeof(*rc));
			for (size_t k = 0; k < n; k++)
				paths[k] = path_join(dir, names[k]);
			sha256_files((const char *const *)paths, n, hex, rc); /* 10,000 submissions: every core */
			for (size_t k = 0; k < n; k++) {
				strbuf_addf(sb, "%s %s\n", names[k], rc[k] == 0 ? hex[k] : "-");
				free(paths[k]);
			}
			free(paths);
			free(hex);
			free(rc);
		}
		/* A skipped file changes the warnings, so the working copy. */
		for (size_t k = 0; k < quiet.n; k++)
			strbuf_addf(sb, "note %s\n", quiet.v[k].path);
		names_free(names);
		diag_release(&quiet);
		free(dir);
	}
}

void rerun_key(struct rerun *r, enum rerun_stage s, const char *bin, const char *in, int draft,
	       struct strbuf *key)
{
	struct strbuf sb = STRBUF_INIT;
	char hex[65], *prog;

	strbuf_addf(&sb, "parx %s, stage %s\n", PARX_VERSION, stage_names[s]);
	prog = path_join(bin, "parx-");
	strbuf_reset(key);
	strbuf_addf(key, "%s%s", prog, stage_names[s]);
	add_digest(&sb, "program", key->buf);
	free(prog);
	switch (s) {
	case RERUN_INGEST: {
		char *cwd = getcwd(NULL, 0);

		/*
		 * The working copy records the folder as named, where the run was,
		 * and its messages, worded in this run's language.
		 */
		strbuf_addf(&sb, "in %s\ncwd %s\nlanguage %s\n", in, cwd ? cwd : "-", i18n_language());
		free(cwd);
		add_inputs(&sb, in);
		break;
	}
	case RERUN_SCORE:
		add_staged_digest(r, &sb, "copy", "ingest/" WORKCOPY_FILE);
		break;
	case RERUN_RENDER: {
		char *t = stage_templates(), *f = stage_fonts(), *yt = path_join(in, "templates");
		const char *epoch = getenv("SOURCE_DATE_EPOCH");

		add_staged_digest(r, &sb, "copy", "ingest/" WORKCOPY_FILE);
		add_staged_digest(r, &sb, "scored", SCORED_DIR "/" SCORED_FILE);
		strbuf_addf(&sb, "draft %d\nepoch %s\n", draft, epoch ? epoch : "-");
		add_folder(&sb, "templates", t);
		add_folder(&sb, "year templates", yt);
		add_folder(&sb, "fonts", f);
		free(t);
		free(f);
		free(yt);
		break;
	}
	case RERUN_NSTAGES:
		break;
	}
	sha256_hex(sb.buf, sb.len, hex);
	strbuf_reset(key);
	strbuf_addstr(key, hex);
	strbuf_release(&sb);
}

/* ---- Reuse ---------------------------------------------------------------------- */

/* Links `from` to `to` (a new name), or copies it when the file system cannot link. */
static int link_or_copy(const char *from, const char *to)
{
	char *dir = xstrdup(to), *slash = strrchr(dir, '/');
	int rc = 0;

	if (slash) {
		*slash = '\0';
		rc = mkdir_p(dir);
	}
	free(dir);
	if (rc < 0)
		return -1;
	if (link(from, to) == 0)
		return 0;
	{
		char buf[1 << 16], *tmp = tmp_name_for(to);
		FILE *in = fopen(from, "rb"), *out = tmp ? fopen(tmp, "wb") : NULL;
		size_t n;

		rc = in && out ? 0 : -1;
		while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in)) > 0)
			if (fwrite(buf, 1, n, out) != n)
				rc = -1;
		if (in && ferror(in))
			rc = -1;
		if (in)
			fclose(in);
		if (out && fclose(out) != 0)
			rc = -1;
		if (rc == 0)
			rc = commit_rename(tmp, to);
		else if (tmp)
			unlink(tmp);
		free(tmp);
	}
	return rc;
}

/* Where a file of the last run is: the work folder for a handed file, else OUT. */
static char *last_place(const struct rerun *r, const char *name)
{
	return path_join(is_handed(name) ? r->work : r->out, name);
}

/* Whether every file of `last` is where the last run left it, with the same digest. */
static int all_unchanged(struct rerun *r, const struct rerun_set *last)
{
	char **paths = xcalloc(last->nfiles + 1, sizeof(*paths)), (*hex)[65] = xcalloc(last->nfiles + 1, 65);
	int *rc = xcalloc(last->nfiles + 1, sizeof(*rc)), same = 1;

	for (size_t i = 0; i < last->nfiles; i++)
		paths[i] = last_place(r, last->files[i].name);
	sha256_files((const char *const *)paths, last->nfiles, hex, rc);
	for (size_t i = 0; i < last->nfiles; i++) {
		same &= rc[i] == 0 && !strcmp(hex[i], last->files[i].sha256);
		free(paths[i]);
	}
	free(paths);
	free(hex);
	free(rc);
	return same;
}

int rerun_reuse(struct rerun *r, enum rerun_stage s, const char *key)
{
	const struct rerun_set *last = &r->last[s];

	free(r->now[s].key);
	r->now[s].key = xstrdup(key);
	if (!last->key || strcmp(last->key, key) || !last->nfiles)
		return 0;
	/* Every file still there, unchanged: else the stage runs. */
	if (!all_unchanged(r, last))
		return 0;
	for (size_t i = 0; i < last->nfiles; i++) {
		char *from = last_place(r, last->files[i].name);
		char *to = path_join(r->stage, last->files[i].name);
		int rc = link_or_copy(from, to);

		if (rc < 0)
			error("cannot put '%s' into '%s': %s", from, to, strerror(errno));
		else
			set_add(&r->now[s], last->files[i].name, last->files[i].sha256, to);
		free(from);
		free(to);
		if (rc < 0)
			return -1;
	}
	r->reused[s] = 1;
	return 1;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rerun_before(struct rerun *r)
{
	names_free(r->before);
	r->before = NULL;
	if (package_files(r->stage, &r->before) < 0)
		return error("cannot read '%s': %s", r->stage, strerror(errno));
	return 0;
}

int rerun_after(struct rerun *r, enum rerun_stage s, const char *key)
{
	char **now = NULL, **mine, **paths, (*hex)[65];
	size_t nb = 0, nnow = 0, n = 0;
	int *rc;

	if (package_files(r->stage, &now) < 0)
		return error("cannot read '%s': %s", r->stage, strerror(errno));
	while (r->before && r->before[nb])
		nb++;
	while (now[nnow])
		nnow++;
	mine = xcalloc(nnow + 1, sizeof(*mine));
	paths = xcalloc(nnow + 1, sizeof(*paths));
	hex = xcalloc(nnow + 1, sizeof(*hex));
	rc = xcalloc(nnow + 1, sizeof(*rc));
	free(r->now[s].key);
	r->now[s].key = xstrdup(key);
	for (char **f = now; *f; f++) {
		if (r->before && bsearch(f, r->before, nb, sizeof(*r->before), cmp_name))
			continue;
		if (!strcmp(*f, "validation.txt"))
			continue; /* the checks' report: they always run, beside the scoring */
		mine[n] = *f;
		paths[n++] = path_join(r->stage, *f);
	}
	sha256_files((const char *const *)paths, n, hex, rc);
	for (size_t i = 0; i < n; i++) {
		if (rc[i] == 0)
			set_add(&r->now[s], mine[i], hex[i], paths[i]);
		free(paths[i]);
	}
	free(mine);
	free(paths);
	free(hex);
	free(rc);
	names_free(now);
	return 0;
}

int rerun_set_aside(struct rerun *r)
{
	if (mkdir_p(r->work) < 0)
		return error("cannot create '%s': %s", r->work, strerror(errno));
	for (size_t i = 0; i < ARRAY_SIZE(handed); i++) {
		char *from = path_join(r->stage, handed[i]), *to = path_join(r->work, handed[i]);
		char *dir = xstrdup(to);
		int rc = 0;

		*strrchr(dir, '/') = '\0';
		/*
		 * The old one goes first: a reused file is a link to it, and
		 * rename() between two links of one file does nothing.
		 */
		if (file_exists(from)) {
			if (mkdir_p(dir) < 0 || (unlink(to) < 0 && errno != ENOENT) || rename(from, to) < 0)
				rc = error("cannot move '%s' to '%s': %s", from, to, strerror(errno));
		}
		free(dir);
		free(from);
		free(to);
		if (rc < 0)
			return -1;
	}
	/* The score stage's folder held only its handed file. */
	{
		char *d = path_join(r->stage, SCORED_DIR);

		rmdir(d);
		free(d);
	}
	return 0;
}

int rerun_commit(struct rerun *r)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = path_join(r->work, STAGES_FILE);
	int rc;

	strbuf_addstr(&sb, STAGES_MAGIC "\n");
	for (int s = 0; s < RERUN_NSTAGES; s++) {
		if (!r->now[s].key)
			continue;
		strbuf_addf(&sb, "stage %s %s\n", stage_names[s], r->now[s].key);
		for (size_t i = 0; i < r->now[s].nfiles; i++)
			strbuf_addf(&sb, "%s  %s\n", r->now[s].files[i].sha256, r->now[s].files[i].name);
	}
	rc = mkdir_p(r->work) < 0 ? -1 : file_write_atomic(path, sb.buf, sb.len);
	free(path);
	strbuf_release(&sb);
	return rc;
}

/* A stage and a file of its set in one map value: the files of a stage stay below 2^26. */
#define DIGEST_SHIFT 26

const char *rerun_digest(void *ctx, const char *name)
{
	struct rerun *r = ctx;
	const struct rerun_file *f;
	int v;

	if (!r->digests) {
		r->digests = strmap_new();
		for (int s = 0; s < RERUN_NSTAGES; s++)
			for (size_t i = 0; i < r->now[s].nfiles && i < (size_t)1 << DIGEST_SHIFT; i++)
				strmap_put(r->digests, r->now[s].files[i].name,
					   s << DIGEST_SHIFT | (int)i);
	}
	v = strmap_get(r->digests, name);
	if (v < 0)
		return NULL;
	f = &r->now[v >> DIGEST_SHIFT].files[v & ((1 << DIGEST_SHIFT) - 1)];
	/* Rewritten since (by a later stage)? Then the caller reads it again. */
	return unchanged(r, f, name) ? f->sha256 : NULL;
}
