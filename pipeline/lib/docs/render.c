/*
 * render.c: runs the document modules of the render stage (render.h).
 *
 * The decision, the chart book, the reconciliation report and the unit
 * sheets are independent documents, so they are spread over worker threads
 * that take the next one from a shared counter (the three long documents
 * first). libharu keeps no global state and each is its own document, so the
 * files are the same whatever the number of threads; the fonts are prepared
 * once before any thread starts (pdfdoc_global_init; pipeline/LIBRARIES.md,
 * "libharu 2.3.0").
 */
#include "docs/render.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "docs/web.h"
#include "pdf/pdfdoc.h"
#include "base/strbuf.h"

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), after H. Hinnant's days_from_civil. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t render_epoch(const struct year *y)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde && *sde) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(sde, &end, 10);
		if (!*end && !errno && v >= 0 && v < 253402300800LL)
			return v;
	}
	if (y->pub.date && strlen(y->pub.date) == 10)
		return days_from_civil(atoi(y->pub.date), atoi(y->pub.date + 5), atoi(y->pub.date + 8)) * 86400;
	return days_from_civil(y->index.year ? y->index.year : 2000, 12, 31) * 86400;
}

/* "<dir>/don-vi/<code>.pdf", or "<dir>/don-vi" when unit is (size_t)-1. */
static char *sheet_path(const char *dir, const struct render_ctx *c, size_t unit)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/don-vi", dir);
	if (unit != (size_t)-1)
		strbuf_addf(&sb, "/%s.pdf", c->y->registry.units[unit].code);
	return strbuf_detach(&sb);
}

static const struct {
	const char *name;
	int (*fn)(const struct render_ctx *, const char *);
} documents[] = {
	{ "quyet-dinh.pdf", decision_render },
	{ "bieu-do.pdf", chartbook_render },
	{ "doi-chieu.pdf", recon_render },
};

#define STAGING_PREFIX ".parx-render-"

struct pool {
	const struct render_ctx *c;
	const char *dir;
	atomic_size_t next;
	atomic_size_t done;
	atomic_int worst;
	int progress;
	struct timespec start;
};

static void worse(atomic_int *worst, int status)
{
	int cur = atomic_load(worst);

	while (status > cur && !atomic_compare_exchange_weak(worst, &cur, status))
		;
}

static double elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * What this run draws: the documents (how many), the sheets [*first, *last),
 * and whether the portal edition, whose unit pages are tasks too.
 */
static size_t part(const struct render_ctx *c, size_t *first, size_t *last, int *web)
{
	*first = c->partial ? c->first : 0;
	*last = c->partial ? c->last : c->y->registry.nunits;
	*web = !c->partial || c->documents;
	return *web ? ARRAY_SIZE(documents) : 0;
}

/*
 * The tasks of a run: the long documents (one task: drawn one after the
 * other, so that one of them at a time holds its tables in memory, while
 * the other threads draw sheets), the sheets, then the unit pages of the
 * portal.
 */
static size_t ntasks(const struct render_ctx *c)
{
	size_t first, last;
	int web;
	size_t n = (part(c, &first, &last, &web) ? 1 : 0) + (last - first);

	return n + (web ? c->y->registry.nunits : 0);
}

/* Task k: the documents, a sheet or a unit page. Its status (the worst). */
static int task(const struct pool *p, size_t k)
{
	size_t first, last;
	int web, st = RENDER_OK;
	size_t ndocs = part(p->c, &first, &last, &web);
	char *path;

	if (ndocs && k == 0) {
		for (size_t i = 0; i < ndocs && st != RENDER_IO; i++) {
			int one;

			path = path_join(p->dir, documents[i].name);
			one = documents[i].fn(p->c, path);
			free(path);
			if (one > st)
				st = one;
		}
		return st;
	}
	if (ndocs)
		k--;
	if (k < last - first) {
		path = sheet_path(p->dir, p->c, first + k);
		st = sheet_render(p->c, first + k, path);
	} else {
		path = path_join(p->dir, "web");
		st = web_unit(p->c, k - (last - first), path);
	}
	free(path);
	return st;
}

/*
 * One worker: takes the next task until none is left. The long documents
 * come first, so that they start at once and run beside the sheets rather
 * than after them.
 */
static void *worker(void *arg)
{
	struct pool *p = arg;
	size_t n = ntasks(p->c);

	for (;;) {
		size_t k = atomic_fetch_add(&p->next, 1);

		if (k >= n || atomic_load(&p->worst) == RENDER_IO)
			break;
		worse(&p->worst, task(p, k));
		k = atomic_fetch_add(&p->done, 1) + 1;
		/* The progress line is for a person watching a terminal, never for logs. */
		if (p->progress && (k % 25 == 0 || k == n)) {
			double t = elapsed(&p->start);

			fputc('\r', stderr);
			fprintf(stderr, _("%s: documents %zu/%zu, %.0f/s, %.0f s left   "),
				diag_prog(), k, n, t > 0 ? (double)k / t : 0.0,
				k && t > 0 ? (double)(n - k) * t / (double)k : 0.0);
			if (k == n)
				fputc('\n', stderr);
		}
	}
	return NULL;
}

/* Draws every document into `dir` on `jobs` threads (0: one per core); the worst status. */
static int render_pool(const struct render_ctx *c, const char *dir, int jobs)
{
	struct pool p;
	pthread_t *tids;
	size_t n = ntasks(c);
	int nt = jobs > 0 ? jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	int started = 0;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.dir = dir;
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	atomic_init(&p.worst, RENDER_OK);
	p.progress = isatty(2) && n >= 200;
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	if (nt < 1)
		nt = 1;
	if ((size_t)nt > n)
		nt = n ? (int)n : 1;
	tids = xcalloc((size_t)nt, sizeof(*tids));
	for (int i = 1; i < nt; i++)
		if (pthread_create(&tids[i], NULL, worker, &p) == 0)
			started = i;
		else
			break;
	worker(&p);
	for (int i = 1; i <= started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	return atomic_load(&p.worst);
}

/* Removes what a staging folder can hold: the documents, the sheets, the folders. */
static void remove_staging(const char *staging, const struct render_ctx *c)
{
	char *p;

	for (size_t i = 0; i < ARRAY_SIZE(documents); i++) {
		p = path_join(staging, documents[i].name);
		unlink(p);
		free(p);
	}
	for (size_t u = 0; u < c->y->registry.nunits; u++) {
		p = sheet_path(staging, c, u);
		unlink(p);
		free(p);
	}
	p = sheet_path(staging, c, (size_t)-1);
	rmdir(p);
	free(p);
	p = path_join(staging, "web");
	file_remove_tree(p);
	free(p);
	rmdir(staging);
}

/*
 * This machine's name as a staging folder carries it: letters, digits, '.'
 * and '_' kept, anything else (a '-' too) made '_', so that the process
 * number after the last '-' stands alone.
 */
static void host_name(struct strbuf *out)
{
	char h[256] = "";
	const char *name = gethostname(h, sizeof(h) - 1) == 0 && h[0] ? h : "host";

	for (const char *c = name; *c; c++)
		strbuf_addch(out, (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				  (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' ? *c : '_');
}

/* ".parx-render-<host>-<pid>", the staging folder of this process, into sb. */
static void staging_name(struct strbuf *sb)
{
	strbuf_addstr(sb, STAGING_PREFIX);
	host_name(sb);
	strbuf_addf(sb, "-%ld", (long)getpid());
}

/*
 * Whether the staging folder `name` is left by a run that was killed: one of
 * this machine whose process is gone. Parts of a year may be drawn into one
 * OUT at once, by processes here and on other machines sharing the folder
 * (README.md, "A country-sized year"): a folder of another machine, or of a
 * process still running, is theirs. (A name without a machine, from an
 * earlier parx, is this machine's.)
 */
static int stale(const char *name)
{
	const char *rest = name + strlen(STAGING_PREFIX), *dash = strrchr(rest, '-');
	const char *num = dash ? dash + 1 : rest;
	struct strbuf host = STRBUF_INIT;
	char *end;
	long pid;
	int mine;

	errno = 0;
	pid = strtol(num, &end, 10);
	if (!*num || *end || errno || pid <= 0)
		return 0;
	host_name(&host);
	mine = !dash || ((size_t)(dash - rest) == host.len && !memcmp(rest, host.buf, host.len));
	strbuf_release(&host);
	return mine && pid != (long)getpid() && kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

/*
 * Staging folders of runs that were killed (stale()): garbage, removed. Their
 * files are this stage's own names, so remove_staging() empties them.
 */
static void remove_stale(const char *outdir, const struct render_ctx *c)
{
	DIR *dh = opendir(outdir);
	struct dirent *de;

	if (!dh)
		return;
	while ((de = readdir(dh)))
		if (!strncmp(de->d_name, STAGING_PREFIX, strlen(STAGING_PREFIX)) && stale(de->d_name)) {
			char *p = path_join(outdir, de->d_name);

			remove_staging(p, c);
			free(p);
		}
	closedir(dh);
}

/*
 * A PDF in don-vi/ that is no sheet of this run (a unit no longer registered,
 * a file put there by hand) would pass for part of this publication. It is not
 * parx's to delete: it is named, and left. (`make run` publishes into a fresh
 * folder, and refuses an OUT holding files it did not make: run.sh.)
 */
static void remove_other_sheets(const char *dir, const struct render_ctx *c)
{
	DIR *dh = opendir(dir);
	struct dirent *de;

	if (!dh)
		return;
	while ((de = readdir(dh))) {
		size_t n = strlen(de->d_name);
		char *code, *p;

		if (n <= 4 || strcmp(de->d_name + n - 4, ".pdf"))
			continue;
		code = xstrndup(de->d_name, n - 4);
		if (registry_find(&c->y->registry, code) < 0) {
			p = path_join(dir, de->d_name);
			warning("'%s' is not a sheet of this run (no unit '%s' in units.csv): it is not part of this publication; move it elsewhere",
				p, code);
			free(p);
		}
		free(code);
	}
	closedir(dh);
}

/* Moves every finished document from the staging folder to its final name. */
static int publish(const char *staging, const char *outdir, const struct render_ctx *c)
{
	char *dir = sheet_path(outdir, c, (size_t)-1);
	int ret = 0;

	if (mkdir_p(dir) < 0) {
		ret = error("cannot create folder '%s': %s", dir, strerror(errno));
		goto out;
	}
	size_t first, last;
	int web;
	size_t ndocs = part(c, &first, &last, &web);

	for (size_t u = first; u < last && !ret; u++) {
		char *from = sheet_path(staging, c, u), *to = sheet_path(outdir, c, u);

		if (rename(from, to) < 0)
			ret = error("cannot move '%s' to '%s': %s", from, to, strerror(errno));
		free(from);
		free(to);
	}
	for (size_t i = 0; i < ndocs && !ret; i++) {
		char *from = path_join(staging, documents[i].name), *to = path_join(outdir, documents[i].name);

		if (rename(from, to) < 0)
			ret = error("cannot move '%s' to '%s': %s", from, to, strerror(errno));
		free(from);
		free(to);
	}
	if (!ret)
		remove_other_sheets(dir, c);
out:
	free(dir);
	return ret;
}

/* web/ drawn into the staging folder, then put in the place of an earlier one. */
static int publish_web(const struct render_ctx *c, const char *staging, const char *outdir)
{
	char *from = path_join(staging, "web"), *to = path_join(outdir, "web");
	int st = web_render(c, outdir, from);

	if (st == RENDER_OK && file_remove_tree(to) < 0) {
		error("cannot replace '%s': %s", to, strerror(errno));
		st = RENDER_IO;
	}
	if (st == RENDER_OK && rename(from, to) < 0) {
		error("cannot move '%s' to '%s': %s", from, to, strerror(errno));
		st = RENDER_IO;
	}
	file_remove_tree(from);
	free(from);
	free(to);
	return st;
}

/*
 * The publication is all or nothing: every document is drawn into a hidden
 * staging folder inside `outdir`, and only when all of them succeeded are
 * they moved to their final names. A document that cannot be drawn (a
 * template error, a character the fonts lack) leaves no PDF at all, and a
 * killed run leaves only its staging folder, which the next run removes.
 */
int render_all(const struct render_ctx *c, const char *outdir, int jobs)
{
	struct strbuf staging = STRBUF_INIT;
	char *sheets = NULL, *web_units = NULL;
	size_t first, last;
	int worst = RENDER_OK, web = 0;

	strbuf_addf(&staging, "%s/", outdir);
	staging_name(&staging);
	if (pdfdoc_global_init(c->font_dir) < 0) {
		worst = RENDER_IO;
		goto out;
	}
	remove_stale(outdir, c);
	sheets = sheet_path(staging.buf, c, (size_t)-1);
	web_units = path_join(staging.buf, "web/don-vi");
	part(c, &first, &last, &web);
	if (mkdir_p(sheets) < 0 || (web && mkdir_p(web_units) < 0)) {
		error("cannot create folder '%s': %s", file_exists(sheets) ? web_units : sheets,
		      strerror(errno));
		worst = RENDER_IO;
		goto out;
	}
	worst = render_pool(c, staging.buf, jobs);
	if (worst == RENDER_OK && publish(staging.buf, outdir, c) < 0)
		worst = RENDER_IO;
	/*
	 * The rest of the portal edition, after the documents are in place: it
	 * links them and gives their sizes.
	 */
	if (worst == RENDER_OK && web)
		worst = publish_web(c, staging.buf, outdir);
out:
	if (sheets)
		remove_staging(staging.buf, c);
	free(sheets);
	free(web_units);
	strbuf_release(&staging);
	return worst;
}
