/*
 * render.c: runs the document modules of the render stage (render.h).
 *
 * The decision, the chart book and the reconciliation report are one document
 * each; the unit sheets are many small independent ones, so they are spread
 * over worker threads that take the next unit from a shared counter. libharu
 * keeps no global state and each sheet is its own document, so the files are
 * the same whatever the number of threads; the fonts are prepared once before
 * any thread starts (pdfdoc_global_init).
 */
#include "render.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "diag.h"
#include "fileio.h"
#include "pdfdoc.h"
#include "strbuf.h"

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

static void *sheet_worker(void *arg)
{
	struct pool *p = arg;
	size_t n = p->c->y->registry.nunits;

	for (;;) {
		size_t u = atomic_fetch_add(&p->next, 1);
		char *name, *path;
		int st;

		if (u >= n || atomic_load(&p->worst) == RENDER_IO)
			break;
		name = xmalloc(strlen(p->c->y->registry.units[u].code) + 5);
		sprintf(name, "%s.pdf", p->c->y->registry.units[u].code);
		path = path_join(p->dir, name);
		st = sheet_render(p->c, u, path);
		worse(&p->worst, st);
		free(path);
		free(name);
		u = atomic_fetch_add(&p->done, 1) + 1;
		/* The progress line is for a person watching a terminal, never for logs. */
		if (p->progress && (u % 25 == 0 || u == n)) {
			double t = elapsed(&p->start);

			fprintf(stderr, "\r%s: unit sheets %zu/%zu, %.0f/s, %.0f s left   ",
				diag_prog(), u, n, t > 0 ? (double)u / t : 0.0,
				u && t > 0 ? (double)(n - u) * t / (double)u : 0.0);
			if (u == n)
				fputc('\n', stderr);
		}
	}
	return NULL;
}

static int render_sheets(const struct render_ctx *c, const char *outdir, int jobs)
{
	struct pool p;
	pthread_t *tids;
	int nt = jobs > 0 ? jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	int started = 0;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.dir = outdir;
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	atomic_init(&p.worst, RENDER_OK);
	p.progress = isatty(2) && c->y->registry.nunits >= 200;
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	if (nt < 1)
		nt = 1;
	if ((size_t)nt > c->y->registry.nunits)
		nt = (int)(c->y->registry.nunits ? c->y->registry.nunits : 1);
	tids = xcalloc((size_t)nt, sizeof(*tids));
	for (int i = 1; i < nt; i++)
		if (pthread_create(&tids[i], NULL, sheet_worker, &p) == 0)
			started = i;
		else
			break;
	sheet_worker(&p);
	for (int i = 1; i <= started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	return atomic_load(&p.worst);
}

int render_all(const struct render_ctx *c, const char *outdir, int jobs)
{
	char *sheets = path_join(outdir, "don-vi");
	struct {
		const char *name;
		int (*fn)(const struct render_ctx *, const char *);
	} docs[] = {
		{ "quyet-dinh.pdf", decision_render },
		{ "bieu-do.pdf", chartbook_render },
		{ "doi-chieu.pdf", recon_render },
	};
	int worst = RENDER_OK;

	if (pdfdoc_global_init(c->font_dir) < 0) {
		worst = RENDER_IO;
		goto out;
	}
	if (mkdir_p(sheets) < 0) {
		worst = error("cannot create folder '%s': %s", sheets, strerror(errno)) ? RENDER_IO : RENDER_IO;
		goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++) {
		char *path = path_join(outdir, docs[i].name);
		int st = docs[i].fn(c, path);

		free(path);
		if (st > worst)
			worst = st;
		if (st == RENDER_IO)
			goto out;
	}
	{
		int st = render_sheets(c, sheets, jobs);

		if (st > worst)
			worst = st;
	}
out:
	free(sheets);
	return worst;
}
