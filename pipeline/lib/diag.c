/*
 * diag.c: collected data diagnostics and immediate program messages.
 *
 * Loaders run file by file and may check a file in several passes, so entries
 * are sorted at the end by file (in the order files were first mentioned) and
 * line; equal keys keep their reporting order.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "strbuf.h"

static const char *prog = "parx";

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_release(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].message);
	}
	free(d->v);
	diag_init(d);
}

static void add(struct diag *d, enum diag_level level, const char *path, int line,
		const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag_entry *e;
	size_t order = d->n;

	if (level == DIAG_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->max_entries && d->n >= d->max_entries) {
		d->dropped++;
		return;
	}
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].path, path ? path : "")) {
			order = d->v[i].order;
			break;
		}
	strbuf_vaddf(&sb, fmt, ap);
	xgrow(&d->v, &d->alloc, d->n + 1, sizeof(*d->v));
	e = &d->v[d->n];
	e->level = level;
	e->path = xstrdup(path ? path : "");
	e->line = line;
	e->message = strbuf_detach(&sb);
	e->order = order;
	e->seq = d->n;
	d->n++;
}

void diag_error(struct diag *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_ERROR, path, line, fmt, ap);
	va_end(ap);
}

void diag_warn(struct diag *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_WARNING, path, line, fmt, ap);
	va_end(ap);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct diag_entry *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_sort(struct diag *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp_entry);
}

int diag_print(const struct diag *d, FILE *f, int warnings)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];
		const char *what = e->level == DIAG_ERROR ? "error" : "warning";

		if (e->level == DIAG_WARNING && !warnings)
			continue;
		if (e->line > 0)
			fprintf(f, "%s:%d: %s: %s\n", e->path, e->line, what, e->message);
		else
			fprintf(f, "%s: %s: %s\n", e->path, what, e->message);
	}
	if (d->dropped)
		fprintf(f, "%s: note: %zu further problems not shown\n", prog, d->dropped);
	return ferror(f) ? -1 : 0;
}

void diag_set_prog(const char *name)
{
	const char *slash = strrchr(name, '/');

	prog = slash ? slash + 1 : name;
}

const char *diag_prog(void)
{
	return prog;
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", prog, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	exit(status);
}
