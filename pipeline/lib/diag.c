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
	for (size_t i = 0; i < d->npaths; i++)
		free(d->paths[i]);
	free(d->paths);
	diag_init(d);
}

/*
 * The rank of `path` among the files mentioned so far. Problems come in runs
 * per file, so the last file is tried first; a run with many files and many
 * problems stays linear in practice.
 */
static size_t path_order(struct diag *d, const char *path)
{
	if (d->npaths && !strcmp(d->paths[d->npaths - 1], path))
		return d->npaths - 1;
	for (size_t i = d->npaths; i-- > 0;)
		if (!strcmp(d->paths[i], path))
			return i;
	xgrow(&d->paths, &d->apaths, d->npaths + 1, sizeof(*d->paths));
	d->paths[d->npaths] = xstrdup(path);
	return d->npaths++;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t k;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		k = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		k = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		k = 4;
	else
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return k;
}

/*
 * Every diagnostic is one line of valid UTF-8, whatever the values it quotes:
 * line breaks and tabs become spaces, other control characters and bytes that
 * are not UTF-8 are shown as <U+XXXX> and <0xXX>.
 */
static void add_one_line(struct strbuf *out, const char *msg)
{
	const unsigned char *p = (const unsigned char *)msg;

	while (*p) {
		size_t k = utf8_len(p);

		if (!k) {
			strbuf_addf(out, "<0x%02X>", *p++);
		} else if (*p == '\n' || *p == '\r' || *p == '\t') {
			strbuf_addch(out, ' ');
			p++;
		} else if (*p < 0x20 || *p == 0x7F) {
			strbuf_addf(out, "<U+%04X>", *p++);
		} else {
			strbuf_add(out, p, k);
			p += k;
		}
	}
}

static void add(struct diag *d, enum diag_level level, const char *path, int line,
		const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT, one = STRBUF_INIT;
	struct diag_entry *e;
	size_t order;

	if (level == DIAG_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->max_entries && d->n >= d->max_entries) {
		d->dropped++;
		return;
	}
	order = path_order(d, path ? path : "");
	strbuf_vaddf(&sb, fmt, ap);
	add_one_line(&one, sb.buf);
	strbuf_release(&sb);
	xgrow(&d->v, &d->alloc, d->n + 1, sizeof(*d->v));
	e = &d->v[d->n];
	e->level = level;
	add_one_line(&sb, path ? path : "");
	e->path = strbuf_detach(&sb);
	e->line = line;
	e->message = strbuf_detach(&one);
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
