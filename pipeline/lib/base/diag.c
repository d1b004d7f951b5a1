/*
 * diag.c: collected data diagnostics and immediate program messages.
 *
 * Loaders run file by file and may check a file in several passes, so entries
 * are sorted at the end by file (in the order files were first mentioned) and
 * line; equal keys keep their reporting order.
 */
#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/strmap.h"
#include "base/strbuf.h"

static const char *prog = "parx";

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_release(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].where);
		free(d->v[i].message);
	}
	free(d->v);
	for (size_t i = 0; i < d->npaths; i++)
		free(d->paths[i]);
	free(d->paths);
	for (size_t i = 0; i < d->ashown; i++)
		free(d->shown[i]);
	free(d->shown);
	free(d->kept);
	free(d->more);
	for (size_t i = 0; i < d->nkinds; i++)
		free(d->kinds[i]);
	free(d->kinds);
	strmap_free(d->path_map);
	diag_init(d);
}

/*
 * The rank of `path` among the files mentioned so far. Problems come in runs
 * per file, so the last file is tried first; then a map of every path (the
 * scorer's warnings visit 10,000 submissions in turn: a search through the
 * list made validation quadratic).
 */
static size_t path_order(struct diag *d, const char *path)
{
	int i;

	if (d->npaths && !strcmp(d->paths[d->npaths - 1], path))
		return d->npaths - 1;
	if (!d->path_map)
		d->path_map = strmap_new();
	if ((i = strmap_get(d->path_map, path)) >= 0)
		return (size_t)i;
	xgrow(&d->paths, &d->apaths, d->npaths + 1, sizeof(*d->paths));
	d->paths[d->npaths] = xstrdup(path);
	strmap_put(d->path_map, d->paths[d->npaths], (int)d->npaths);
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

/*
 * A message quotes the user's values ('…' or "…"): each quoted value longer
 * than DIAG_QUOTE_MAX characters is cut there with "…", so that a 10 MB id
 * quoted in every submission's error stays a line, not 178 MB. A message as a
 * whole is cut at DIAG_MESSAGE_MAX characters.
 */
static void shorten(struct strbuf *out, const char *msg)
{
	const unsigned char *p = (const unsigned char *)msg;
	size_t chars = 0;

	while (*p) {
		size_t k = utf8_len(p);

		if (chars >= DIAG_MESSAGE_MAX) {
			strbuf_addstr(out, "…");
			return;
		}
		if ((*p == '\'' || *p == '"') && strchr((const char *)p + 1, *p)) {
			const unsigned char *end = (const unsigned char *)strchr((const char *)p + 1, *p);
			const unsigned char *q = p + 1;
			size_t n = 0;

			while (q < end && n < DIAG_QUOTE_MAX) {
				size_t kq = utf8_len(q);

				q += kq ? kq : 1;
				n++;
			}
			if (q < end) {
				strbuf_add(out, p, (size_t)(q - p));
				strbuf_addstr(out, "…");
			} else {
				strbuf_add(out, p, (size_t)(end - p));
			}
			/* The whole quotation is passed: quotes inside it open nothing. */
			strbuf_addch(out, (char)*end);
			chars += n + 3;
			p = end + 1;
			continue;
		}
		strbuf_add(out, p, k ? k : 1);
		p += k ? k : 1;
		chars++;
	}
}

/* The entries kept for the file of rank `order`, and those only counted. */
static size_t *count_slot(size_t **v, size_t *alloc, size_t order)
{
	if (order >= *alloc) {
		size_t old = *alloc;

		xgrow(v, alloc, order + 1, sizeof(**v));
		memset(*v + old, 0, (*alloc - old) * sizeof(**v));
	}
	return &(*v)[order];
}

static void add(struct diag *d, enum diag_level level, const char *path, int line,
		const char *where, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT, one = STRBUF_INIT, cut = STRBUF_INIT;
	struct diag_entry *e;
	size_t order, *kept;

	if (level == DIAG_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->max_entries && d->n >= d->max_entries) {
		d->dropped++;
		return;
	}
	order = path_order(d, path ? path : "");
	/*
	 * At most DIAG_PER_FILE errors and DIAG_PER_FILE warnings of one file are
	 * kept (a file's many warnings never hide its errors); the rest are counted.
	 */
	kept = count_slot(&d->kept, &d->akept, 2 * order + (level == DIAG_ERROR));
	if (*kept >= DIAG_PER_FILE) {
		(*count_slot(&d->more, &d->amore, order))++;
		return;
	}
	(*kept)++;
	strbuf_vaddf(&sb, fmt, ap);
	shorten(&cut, sb.buf);
	strbuf_release(&sb);
	add_one_line(&one, cut.buf);
	strbuf_release(&cut);
	xgrow(&d->v, &d->alloc, d->n + 1, sizeof(*d->v));
	e = &d->v[d->n];
	e->level = level;
	if (order >= d->ashown) {
		size_t old = d->ashown;

		xgrow(&d->shown, &d->ashown, order + 1, sizeof(*d->shown));
		memset(d->shown + old, 0, (d->ashown - old) * sizeof(*d->shown));
	}
	if (!d->shown[order]) {
		add_one_line(&sb, path ? path : "");
		d->shown[order] = strbuf_detach(&sb);
	}
	e->path = d->shown[order];
	e->line = line;
	e->where = where ? xstrdup(where) : NULL;
	/* Exactly its size: a year's warnings can be a hundred thousand. */
	{
		size_t len = one.len;

		e->message = xrealloc(strbuf_detach(&one), len + 1);
	}
	e->kind = fmt;
	e->order = order;
	e->seq = d->n;
	d->n++;
}

/* The message formats are translated here, so call sites need no _() (i18n.h). */
void diag_error(struct diag *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_ERROR, path, line, NULL, _(fmt), ap);
	va_end(ap);
}

void diag_warn(struct diag *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_WARNING, path, line, NULL, _(fmt), ap);
	va_end(ap);
}

static void __attribute__((format(printf, 5, 6)))
add_raw(struct diag *d, enum diag_level level, const char *path, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, level, path, line, NULL, fmt, ap);
	va_end(ap);
}

void diag_error_at(struct diag *d, const char *path, int line, const char *where,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_ERROR, path, line, where, _(fmt), ap);
	va_end(ap);
}

void diag_warn_at(struct diag *d, const char *path, int line, const char *where,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, DIAG_WARNING, path, line, where, _(fmt), ap);
	va_end(ap);
}

static void __attribute__((format(printf, 6, 7)))
add_raw_at(struct diag *d, enum diag_level level, const char *path, int line, const char *where,
	   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, level, path, line, where, fmt, ap);
	va_end(ap);
}

void diag_copy_at(struct diag *d, const struct diag *from, const char *path, int line,
		  const char *where)
{
	for (size_t i = 0; i < from->n; i++)
		add_raw_at(d, from->v[i].level, path, line, where, "%s", from->v[i].message);
}

/* A kind read back from a file, owned by the diag: the same text gives the same pointer. */
static const char *intern_kind(struct diag *d, const char *kind);

void diag_append(struct diag *d, const struct diag *from)
{
	size_t ne = 0, nw = 0;

	for (size_t i = 0; i < from->n; i++) {
		const struct diag_entry *e = &from->v[i];
		size_t n = d->n;
		int owned = 0;

		add_raw_at(d, e->level, e->path, e->line, e->where, "%s", e->message);
		for (size_t k = 0; k < from->nkinds && !owned; k++)
			owned = from->kinds[k] == e->kind;
		if (d->n > n)
			d->v[n].kind = owned ? intern_kind(d, e->kind) : e->kind;
		if (e->level == DIAG_ERROR)
			ne++;
		else
			nw++;
	}
	/* What `from` only counted still counts, and its notes of problems not shown. */
	d->nerrors += from->nerrors - ne;
	d->nwarnings += from->nwarnings - nw;
	for (size_t i = 0; i < from->npaths; i++)
		if (diag_more(from, i))
			diag_restore_more(d, from->paths[i], diag_more(from, i));
}

void diag_add_errors(struct diag *d, const struct diag *from)
{
	size_t kept = 0;

	for (size_t i = 0; i < from->n; i++)
		if (from->v[i].level == DIAG_ERROR) {
			add_raw_at(d, DIAG_ERROR, from->v[i].path, from->v[i].line, from->v[i].where, "%s",
				   from->v[i].message);
			kept++;
		}
	/* Errors only counted (beyond the per-file bound) still count. */
	d->nerrors += from->nerrors - kept;
}

static const char *intern_kind(struct diag *d, const char *kind)
{
	for (size_t i = 0; i < d->nkinds; i++)
		if (!strcmp(d->kinds[i], kind))
			return d->kinds[i];
	xgrow(&d->kinds, &d->akinds, d->nkinds + 1, sizeof(*d->kinds));
	d->kinds[d->nkinds] = xstrdup(kind);
	return d->kinds[d->nkinds++];
}

void diag_restore(struct diag *d, enum diag_level level, const char *path, int line,
		  const char *where, const char *kind, const char *message)
{
	size_t n = d->n;

	add_raw_at(d, level, path, line, where, "%s", message);
	if (d->n > n)
		d->v[n].kind = intern_kind(d, kind ? kind : "");
}

void diag_restore_more(struct diag *d, const char *path, size_t more)
{
	*count_slot(&d->more, &d->amore, path_order(d, path ? path : "")) += more;
}

void diag_restore_counts(struct diag *d, size_t nerrors, size_t nwarnings)
{
	if (nerrors > d->nerrors)
		d->nerrors = nerrors;
	if (nwarnings > d->nwarnings)
		d->nwarnings = nwarnings;
}

size_t diag_more(const struct diag *d, size_t order)
{
	return order < d->amore ? d->more[order] : 0;
}

void diag_error_text(struct diag *d, const char *path, int line, const char *text)
{
	add_raw(d, DIAG_ERROR, path, line, "%s", text);
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

/* `path` relative to `dir` when it lies under it. */
static const char *shown_path(const char *path, const char *dir)
{
	size_t n = dir ? strlen(dir) : 0;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n && !strncmp(path, dir, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

/* "path: note: N more problems in this file are not shown", after the file's last line. */
static void print_more(const struct diag *d, FILE *f, size_t order, const char *dir)
{
	if (order < d->amore && d->more[order])
		fprintf(f, P_("%s: note: %zu more problem in this file is not shown (the first %d errors and %d warnings are)\n",
			      "%s: note: %zu more problems in this file are not shown (the first %d errors and %d warnings are)\n",
			      d->more[order]),
			shown_path(d->paths[order], dir), d->more[order], DIAG_PER_FILE, DIAG_PER_FILE);
}

/* Kinds of warning (by the format of their message) and how often each occurs. */
struct kind {
	const char *kind;
	size_t count;
	size_t first; /* the entry of its first warning */
};

static struct kind *kind_slot(struct kind **v, size_t *n, size_t *alloc, const char *kind, size_t entry)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].kind == kind)
			return &(*v)[i];
	xgrow(v, alloc, *n + 1, sizeof(**v));
	(*v)[*n] = (struct kind){ kind, 0, entry };
	return &(*v)[(*n)++];
}

static void print_entry(FILE *f, const struct diag_entry *e, const char *dir)
{
	const char *what = e->level == DIAG_ERROR ? "error" : "warning";

	if (e->where)
		fprintf(f, "%s:%s: %s: %s\n", shown_path(e->path, dir), e->where, what, e->message);
	else if (e->line > 0)
		fprintf(f, "%s:%d: %s: %s\n", shown_path(e->path, dir), e->line, what, e->message);
	else
		fprintf(f, "%s: %s: %s\n", shown_path(e->path, dir), what, e->message);
}

static int print(const struct diag *d, FILE *f, int warnings, const char *dir, int group,
		 const char *where)
{
	struct kind *kinds = NULL;
	size_t nkinds = 0, akinds = 0;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR)
			print_entry(f, &d->v[i], dir);
	for (size_t i = 0; warnings && i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];

		if (e->level != DIAG_WARNING)
			continue;
		if (group && kind_slot(&kinds, &nkinds, &akinds, e->kind, i)->count++ >= DIAG_GROUP_SHOW)
			continue;
		print_entry(f, e, dir);
	}
	for (size_t i = 0; i < d->npaths; i++)
		print_more(d, f, i, dir);
	for (size_t k = 0; k < nkinds; k++)
		if (kinds[k].count > DIAG_GROUP_SHOW)
			fprintf(f, where ? _("%s: note: %zu more warnings like \"%s\" are not shown here; all are in %s\n")
				      : _("%s: note: %zu more warnings like \"%s\" are not shown here\n"),
				prog, kinds[k].count - DIAG_GROUP_SHOW, d->v[kinds[k].first].message, where);
	free(kinds);
	if (d->dropped)
		fprintf(f, _("%s: note: %zu further problems not shown\n"), prog, d->dropped);
	return ferror(f) ? -1 : 0;
}

int diag_print(const struct diag *d, FILE *f, int warnings)
{
	return print(d, f, warnings, NULL, 0, NULL);
}

int diag_print_in(const struct diag *d, FILE *f, int warnings, const char *dir)
{
	return print(d, f, warnings, dir, 0, NULL);
}

int diag_print_grouped(const struct diag *d, FILE *f, int warnings, const char *where)
{
	if (print(d, f, warnings, NULL, 1, where) < 0)
		return -1;
	if (d->nerrors || (warnings && d->nwarnings))
		return diag_print_count(d, f);
	return 0;
}

int diag_print_count(const struct diag *d, FILE *f)
{
	if (!d->nerrors && !d->nwarnings)
		return 0;
	/* TRANSLATORS: the count line that ends the diagnostics, "3 errors, 1679 warnings". */
	fprintf(f, "%s: ", prog);
	fprintf(f, P_("%zu error", "%zu errors", d->nerrors), d->nerrors);
	fprintf(f, ", ");
	fprintf(f, P_("%zu warning", "%zu warnings", d->nwarnings), d->nwarnings);
	fprintf(f, "\n");
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

/*
 * "prog: error: message" built whole, then written at once: render's worker
 * threads report side by side, and two half lines must never interleave.
 */
static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;

	strbuf_vaddf(&sb, fmt, ap);
	strbuf_addf(&line, "%s: %s", prog, prefix);
	strbuf_addstr(&line, sb.buf);
	strbuf_addch(&line, '\n');
	fwrite(line.buf, 1, line.len, stderr);
	strbuf_release(&sb);
	strbuf_release(&line);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", _(fmt), ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", _(fmt), ap);
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", _(fmt), ap);
	va_end(ap);
	exit(status);
}
