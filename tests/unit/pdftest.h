/*
 * pdftest.h: helpers of the PDF tests (test-pdfdoc, test-typeset): a scratch
 * folder, running poppler and qpdf on a file, reading their output.
 * Header-only, static functions: each test binary includes it once.
 */
#ifndef PARX_PDFTEST_H
#define PARX_PDFTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"

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

#endif
