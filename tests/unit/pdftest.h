/*
 * pdftest.h: helpers of the PDF tests (test-pdfdoc, test-typeset, and the
 * document tests: test-chart, test-chartbook, test-decision, test-recon,
 * test-sheet): a scratch folder, running poppler and qpdf on a file, reading
 * their output (text with its white space squeezed, word boxes, pdfinfo).
 * Header-only, static functions: each test binary includes it once.
 */
#ifndef PARX_PDFTEST_H
#define PARX_PDFTEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/common.h"
#include "base/strbuf.h"

static char pt_dir[64];

/* Creates the scratch folder (PARX_PDF_KEEP=1 keeps it, for looking at the files). */
static inline const char *pt_scratch(void)
{
	if (!pt_dir[0]) {
		const char *t = getenv("TMPDIR");

		snprintf(pt_dir, sizeof(pt_dir), "%s/parx-pdf-XXXXXX", t && *t && strlen(t) < 30 ? t : "/tmp");
		if (!mkdtemp(pt_dir)) {
			perror("mkdtemp");
			exit(2);
		}
	}
	return pt_dir;
}

static inline char *pt_path(const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/%s", pt_scratch(), name);
	return strbuf_detach(&sb);
}

static inline void pt_cleanup(void)
{
	const char *keep = getenv("PARX_PDF_KEEP");
	struct strbuf cmd = STRBUF_INIT;

	if (!pt_dir[0])
		return;
	if (keep && *keep == '1') {
		printf("# kept %s\n", pt_dir);
		return;
	}
	strbuf_addf(&cmd, "rm -rf '%s'", pt_dir);
	if (system(cmd.buf) != 0)
		printf("# cannot remove %s\n", pt_dir);
	strbuf_release(&cmd);
}

/* Reads a whole file into sb (reset first); -1 if it cannot be opened. */
static inline int pt_read(const char *path, struct strbuf *sb)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	strbuf_reset(sb);
	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(sb, buf, n);
	fclose(f);
	return 0;
}

/*
 * Runs a shell command, its stdout into *out and stderr into *err (either
 * may be NULL: discarded). Returns the exit status (-1 if it did not exit).
 */
static inline int pt_run(const char *cmd, struct strbuf *out, struct strbuf *err)
{
	char *o = pt_path(".out"), *e = pt_path(".err");
	struct strbuf full = STRBUF_INIT;
	int st;

	strbuf_addf(&full, "(%s) >'%s' 2>'%s'", cmd, o, e);
	st = system(full.buf);
	if (out)
		pt_read(o, out);
	if (err)
		pt_read(e, err);
	unlink(o);
	unlink(e);
	free(o);
	free(e);
	strbuf_release(&full);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The first occurrence of needle in buf[0..len) (which may hold NULs), or NULL. */
static inline const char *pt_find(const struct strbuf *sb, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; n && i + n <= sb->len; i++)
		if (sb->buf[i] == needle[0] && !memcmp(sb->buf + i, needle, n))
			return sb->buf + i;
	return NULL;
}

/* Removes empty lines (poppler's paragraph spacing) from text. */
static inline void pt_squeeze(struct strbuf *sb)
{
	size_t i, n = 0;

	for (i = 0; i < sb->len; i++)
		if (!(sb->buf[i] == '\n' && (n == 0 || sb->buf[n - 1] == '\n')))
			sb->buf[n++] = sb->buf[i];
	sb->len = n;
	sb->buf[n] = 0;
}

/* 1 if the two files have the same bytes. */
static inline int pt_same_file(const char *a, const char *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	int same = pt_read(a, &x) == 0 && pt_read(b, &y) == 0 && x.len == y.len &&
		   !memcmp(x.buf, y.buf, x.len);

	strbuf_release(&x);
	strbuf_release(&y);
	return same;
}

/* Every font embedded, subset and with a ToUnicode map, per pdffonts; *nfonts counted. */
static inline int pt_fonts_ok(const char *pdf, int *nfonts)
{
	struct strbuf out = STRBUF_INIT, cmd = STRBUF_INIT;
	char *line, *save = NULL;
	int ok = 1, n = 0, lineno = 0;

	strbuf_addf(&cmd, "pdffonts '%s'", pdf);
	if (pt_run(cmd.buf, &out, NULL) != 0)
		ok = 0;
	for (line = strtok_r(out.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (++lineno <= 2)
			continue;
		n++;
		/* columns: name type encoding emb sub uni object ID */
		if (!strstr(line, "yes yes yes") || !strchr(line, '+'))
			ok = 0;
	}
	strbuf_release(&out);
	strbuf_release(&cmd);
	*nfonts = n;
	return ok && n > 0;
}

/* qpdf --check finds nothing wrong. */
static inline int pt_qpdf_ok(const char *pdf)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT, cmd = STRBUF_INIT;
	int ok;

	strbuf_addf(&cmd, "qpdf --check '%s'", pdf);
	ok = pt_run(cmd.buf, &out, &err) == 0 && strstr(out.buf, "No syntax or stream encoding errors") &&
	     !strstr(out.buf, "WARNING") && err.len == 0;
	if (!ok)
		printf("# qpdf: %s%s\n", out.buf, err.buf);
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&cmd);
	return ok;
}

/* pdftotext of pages first..last (0, 0: all) into *text; returns 1 when poppler said nothing on stderr. */
static inline int pt_text(const char *pdf, int first, int last, const char *opts, struct strbuf *text)
{
	struct strbuf err = STRBUF_INIT, cmd = STRBUF_INIT;
	int ok;

	strbuf_addf(&cmd, "pdftotext -enc UTF-8 %s", opts ? opts : "");
	if (first)
		strbuf_addf(&cmd, " -f %d -l %d", first, last);
	strbuf_addf(&cmd, " '%s' -", pdf);
	ok = pt_run(cmd.buf, text, &err) == 0 && err.len == 0;
	if (err.len)
		printf("# pdftotext stderr: %s\n", err.buf);
	strbuf_release(&err);
	strbuf_release(&cmd);
	return ok;
}

/*
 * Runs the shell command made from fmt (printf-like) through popen,
 * appending its standard output to *out (NULL: read and dropped); the
 * command's own redirections decide where its standard error goes. Returns
 * the exit status, -1 when it could not start or did not exit.
 */
static inline int pt_sh(struct strbuf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline int pt_sh(struct strbuf *out, const char *fmt, ...)
{
	struct strbuf cmd = STRBUF_INIT;
	char buf[8192];
	size_t n;
	va_list ap;
	FILE *p;
	int st;

	va_start(ap, fmt);
	strbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	p = popen(cmd.buf, "r");
	strbuf_release(&cmd);
	if (!p)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		if (out)
			strbuf_add(out, buf, n);
	st = pclose(p);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Flags of pt_squeeze_ws(). */
enum {
	PT_WS_PAGES = 1, /* a form feed (a page break) stays, with no space next to it */
	PT_WS_NBSP = 2,  /* a no-break space (U+00A0) is white space too */
};

/*
 * Makes every run of white space (space, tab, CR, LF, form feed) one space
 * and drops it at both ends: table cells wrap anywhere, so texts are compared
 * squeezed. flags: PT_WS_* or 0.
 */
static inline void pt_squeeze_ws(struct strbuf *sb, int flags)
{
	size_t i = 0, j = 0;
	int gap = 0;

	while (i < sb->len) {
		unsigned char c = (unsigned char)sb->buf[i];
		size_t ws = 0;

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c == '\f' && !(flags & PT_WS_PAGES)))
			ws = 1;
		else if ((flags & PT_WS_NBSP) && c == 0xC2 && i + 1 < sb->len &&
			 (unsigned char)sb->buf[i + 1] == 0xA0)
			ws = 2;
		if (ws) {
			gap = 1;
			i += ws;
			continue;
		}
		if (gap && j && !((flags & PT_WS_PAGES) && (sb->buf[j - 1] == '\f' || c == '\f')))
			sb->buf[j++] = ' ';
		gap = 0;
		sb->buf[j++] = sb->buf[i++];
	}
	sb->len = j;
	sb->buf[j] = 0;
}

/*
 * Whether [from, to) (to NULL: all of from) holds `what`, its white space
 * squeezed; says what is missing, after `who` (may be NULL), when it does not.
 */
static inline int pt_holds(const char *from, const char *to, const char *what, const char *who)
{
	struct strbuf w = STRBUF_INIT;
	const char *at;
	int found;

	strbuf_addstr(&w, what);
	pt_squeeze_ws(&w, 0);
	at = strstr(from, w.buf);
	found = at && (!to || at + w.len <= to);
	if (!found)
		printf("#   %s%smissing '%s'\n", who ? who : "", who ? ": " : "", w.buf);
	strbuf_release(&w);
	return found;
}

/* The text layer in reading order (pdftotext -raw, its stderr dropped) into *out, squeezed; 0 when pdftotext exited 0. */
static inline int pt_raw_text(const char *pdf, struct strbuf *out)
{
	int st;

	strbuf_reset(out);
	st = pt_sh(out, "pdftotext -raw '%s' - 2>/dev/null", pdf);
	pt_squeeze_ws(out, 0);
	return st == 0 ? 0 : -1;
}

/* qpdf --check exits 0. */
static inline int pt_qpdf_passes(const char *pdf)
{
	return pt_sh(NULL, "qpdf --check '%s' >/dev/null 2>&1", pdf) == 0;
}

/* Poppler reads the file without a message: pdftotext and pdfinfo say nothing on stderr (shown when they do). */
static inline int pt_poppler_quiet(const char *pdf)
{
	struct strbuf msg = STRBUF_INIT;
	int quiet;

	pt_sh(&msg, "pdftotext '%s' /dev/null 2>&1; pdfinfo '%s' 2>&1 >/dev/null", pdf, pdf);
	quiet = msg.len == 0;
	if (!quiet)
		printf("#   %s\n", msg.buf);
	strbuf_release(&msg);
	return quiet;
}

/* The bookmarks of the file (qpdf --json --json-key=outlines) into *out (reset first). */
static inline void pt_outlines(const char *pdf, struct strbuf *out)
{
	strbuf_reset(out);
	pt_sh(out, "qpdf --json --json-key=outlines '%s' 2>/dev/null", pdf);
}

/* pdfinfo's value of `key` (e.g. "Title"), leading spaces trimmed; "" when absent. The caller frees it. */
static inline char *pt_info(const char *pdf, const char *key)
{
	struct strbuf out = STRBUF_INIT, k = STRBUF_INIT;
	const char *p;
	char *v = NULL;

	pt_sh(&out, "echo; pdfinfo '%s' 2>&1", pdf);
	strbuf_addf(&k, "\n%s:", key);
	p = strstr(out.buf, k.buf);
	if (p) {
		const char *e;

		p += k.len;
		while (*p == ' ')
			p++;
		e = strchr(p, '\n');
		v = xstrndup(p, e ? (size_t)(e - p) : strlen(p));
	}
	strbuf_release(&out);
	strbuf_release(&k);
	return v ? v : xstrdup("");
}

/* The number of pages pdfinfo gives, 0 when it gives none. */
static inline int pt_pages(const char *pdf)
{
	char *v = pt_info(pdf, "Pages");
	int n = atoi(v);

	free(v);
	return n;
}

/* ---- word boxes (pdftotext -bbox), in points, y downwards ---- */

struct pt_word {
	double x0, y0, x1, y1;
	char *t; /* the word, entities decoded */
};

struct pt_page {
	double w, h;
	struct pt_word *v;
	size_t n, alloc;
};

struct pt_bbox {
	struct pt_page *p;
	size_t n, alloc;
};

/* The number after name=" in s, 0 when s has no name. */
static inline double pt_attr(const char *s, const char *name)
{
	const char *p = strstr(s, name);

	return p ? atof(p + strlen(name) + 2) : 0;
}

/* The n bytes of XML text at s with their entities decoded. The caller frees it. */
static inline char *pt_unescape(const char *s, size_t n)
{
	static const struct {
		const char *e, *c;
	} ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
	};
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n;) {
		int done = 0;

		for (size_t k = 0; k < ARRAY_SIZE(ents) && !done; k++)
			if (!strncmp(s + i, ents[k].e, strlen(ents[k].e))) {
				strbuf_addstr(&sb, ents[k].c);
				i += strlen(ents[k].e);
				done = 1;
			}
		if (!done)
			strbuf_addch(&sb, s[i++]);
	}
	return strbuf_detach(&sb);
}

/* Every page of the file with its words (pdftotext -bbox); returns the number of pages. Free with pt_bbox_free(). */
static inline size_t pt_bbox_load(const char *pdf, struct pt_bbox *b)
{
	struct strbuf out = STRBUF_INIT;
	char *line, *save = NULL;

	memset(b, 0, sizeof(*b));
	pt_sh(&out, "pdftotext -bbox '%s' - 2>/dev/null", pdf);
	for (line = strtok_r(out.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "<page ")) {
			xgrow(&b->p, &b->alloc, b->n + 1, sizeof(*b->p));
			memset(&b->p[b->n], 0, sizeof(*b->p));
			b->p[b->n].w = pt_attr(line, "width");
			b->p[b->n].h = pt_attr(line, "height");
			b->n++;
		} else if (strstr(line, "<word ") && b->n) {
			struct pt_page *pg = &b->p[b->n - 1];
			const char *gt = strchr(line, '>'), *lt = strstr(line, "</word>");
			struct pt_word *w;

			if (!gt || !lt)
				continue;
			xgrow(&pg->v, &pg->alloc, pg->n + 1, sizeof(*pg->v));
			w = &pg->v[pg->n++];
			w->x0 = pt_attr(line, "xMin");
			w->y0 = pt_attr(line, "yMin");
			w->x1 = pt_attr(line, "xMax");
			w->y1 = pt_attr(line, "yMax");
			w->t = pt_unescape(gt + 1, (size_t)(lt - gt - 1));
		}
	}
	strbuf_release(&out);
	return b->n;
}

static inline void pt_bbox_free(struct pt_bbox *b)
{
	for (size_t i = 0; i < b->n; i++) {
		for (size_t k = 0; k < b->p[i].n; k++)
			free(b->p[i].v[k].t);
		free(b->p[i].v);
	}
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* The words of all pages. */
static inline size_t pt_bbox_words(const struct pt_bbox *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->n; i++)
		n += b->p[i].n;
	return n;
}

/*
 * Pairs of words of page pg whose boxes overlap by more than `tol` points
 * both ways; with `shown` (may be NULL), the first pairs are printed while
 * *shown < 10, each counting in it.
 */
static inline size_t pt_overlaps(const struct pt_page *pg, double tol, int *shown)
{
	size_t bad = 0;

	for (size_t i = 0; i < pg->n; i++)
		for (size_t j = i + 1; j < pg->n; j++) {
			const struct pt_word *a = &pg->v[i], *c = &pg->v[j];

			if (!(a->x0 < c->x1 - tol && c->x0 < a->x1 - tol && a->y0 < c->y1 - tol &&
			      c->y0 < a->y1 - tol))
				continue;
			if (shown && *shown < 10) {
				printf("#   overlap '%s' (%.1f,%.1f)-(%.1f,%.1f) and '%s' (%.1f,%.1f)-(%.1f,%.1f)\n",
				       a->t, a->x0, a->y0, a->x1, a->y1, c->t, c->x0, c->y0, c->x1, c->y1);
				(*shown)++;
			}
			bad++;
		}
	return bad;
}

/*
 * Words of page pg outside left <= x0, x1 <= right, top <= y0, y1 <= bottom
 * (points, y downwards); printed like pt_overlaps().
 */
static inline size_t pt_outside(const struct pt_page *pg, double left, double top, double right,
				double bottom, int *shown)
{
	size_t bad = 0;

	for (size_t k = 0; k < pg->n; k++) {
		const struct pt_word *w = &pg->v[k];

		if (w->x0 >= left && w->x1 <= right && w->y0 >= top && w->y1 <= bottom)
			continue;
		if (shown && *shown < 10) {
			printf("#   outside: '%s' at (%.1f,%.1f)-(%.1f,%.1f)\n", w->t, w->x0, w->y0, w->x1,
			       w->y1);
			(*shown)++;
		}
		bad++;
	}
	return bad;
}

/*
 * Words of the file outside the text frame left..right, above `bottom`
 * (points, y downwards; the top margin is free: the page number stands
 * there); *nwords counts every word. The first ones are printed.
 */
static inline size_t pt_words_outside(const char *pdf, double left, double right, double bottom,
				      size_t *nwords)
{
	struct pt_bbox b;
	size_t bad = 0;
	int shown = 0;

	pt_bbox_load(pdf, &b);
	for (size_t i = 0; i < b.n; i++)
		bad += pt_outside(&b.p[i], left, -1e9, right, bottom, &shown);
	*nwords = pt_bbox_words(&b);
	pt_bbox_free(&b);
	return bad;
}

#endif
