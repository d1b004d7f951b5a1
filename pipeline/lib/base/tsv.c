/*
 * tsv.c: the record files stages hand on to each other (tsv.h).
 */
#include "base/tsv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"

void tsv_put_text(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '\t');
	if (!s) {
		strbuf_addstr(sb, "\\N");
		return;
	}
	while (*s) {
		size_t plain = strcspn(s, "\\\t\n\r");

		strbuf_add(sb, s, plain);
		s += plain;
		switch (*s) {
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		default: continue; /* the end */
		}
		s++;
	}
}

void tsv_put_int(struct strbuf *sb, long long v)
{
	strbuf_addch(sb, '\t');
	strbuf_addint(sb, v);
}

#define SPILL_AT (1u << 20)

int tsv_writer_open(struct tsv_writer *w, const char *path)
{
	strbuf_init(&w->sb);
	return outfile_open(&w->o, path);
}

void tsv_writer_spill(struct tsv_writer *w)
{
	if (w->sb.len < SPILL_AT)
		return;
	fwrite(w->sb.buf, 1, w->sb.len, w->o.f); /* a failure is seen by outfile_commit() */
	strbuf_reset(&w->sb);
}

int tsv_writer_commit(struct tsv_writer *w)
{
	fwrite(w->sb.buf, 1, w->sb.len, w->o.f);
	strbuf_release(&w->sb);
	return outfile_commit(&w->o);
}

int tsv_open(struct tsv_reader *r, const char *path, const char *what, const char *remedy,
	     struct diag *d)
{
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->what = what;
	r->remedy = remedy;
	r->d = d;
	r->f = fopen(path, "r");
	if (!r->f) {
		diag_error(d, path, 0, "cannot read %s: %s", _(what), strerror(errno));
		r->bad = 1;
		return -1;
	}
	return 0;
}

void tsv_close(struct tsv_reader *r)
{
	if (r->f)
		fclose(r->f);
	free(r->buf);
	free(r->field);
	r->f = NULL;
	r->buf = NULL;
	r->field = NULL;
}

int tsv_next(struct tsv_reader *r)
{
	ssize_t n = r->f ? getline(&r->buf, &r->cap, r->f) : -1;
	char *p, *q;

	r->nfield = 0;
	if (n <= 0)
		return 0;
	r->line++;
	if (r->buf[n - 1] == '\n')
		r->buf[--n] = '\0';
	r->next = 1;
	for (p = r->buf;;) {
		xgrow(&r->field, &r->afield, r->nfield + 1, sizeof(*r->field));
		r->field[r->nfield++] = p;
		q = strchr(p, '\t');
		if (!q)
			break;
		*q = '\0';
		p = q + 1;
	}
	return 1;
}

void tsv_damaged(struct tsv_reader *r, const char *why)
{
	if (!r->bad)
		diag_error(r->d, r->path, r->line, "%s is damaged (%s): %s", _(r->what), _(why),
			   _(r->remedy));
	r->bad = 1;
}

int tsv_is(const struct tsv_reader *r, const char *name)
{
	return !r->bad && r->nfield > 0 && !strcmp(r->field[0], name);
}

int tsv_expect(struct tsv_reader *r, const char *name, size_t n)
{
	if (r->bad)
		return 0;
	if (r->nfield == 0 || strcmp(r->field[0], name) || r->nfield != n + 1) {
		tsv_damaged(r, N_("a record is missing or malformed"));
		return 0;
	}
	return 1;
}

char *tsv_text(struct tsv_reader *r)
{
	const char *s;
	char *out;
	size_t o = 0;

	if (r->bad)
		return NULL;
	if (r->next >= r->nfield) {
		tsv_damaged(r, N_("a record is short"));
		return NULL;
	}
	s = r->field[r->next++];
	if (!strcmp(s, "\\N"))
		return NULL;
	/* Unescaping never lengthens: one block of the field's size, no more (a model holds 500,000). */
	out = xmalloc(strlen(s) + 1);
	for (; *s; s++) {
		if (*s != '\\') {
			out[o++] = *s;
			continue;
		}
		switch (*++s) {
		case '\\': out[o++] = '\\'; break;
		case 't': out[o++] = '\t'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		default:
			tsv_damaged(r, N_("a bad escape"));
			free(out);
			return NULL;
		}
	}
	out[o] = '\0';
	return out;
}

long long tsv_int(struct tsv_reader *r, long long lo, long long hi)
{
	const char *s;
	char *end;
	long long v;

	if (r->bad)
		return lo;
	if (r->next >= r->nfield) {
		tsv_damaged(r, N_("a record is short"));
		return lo;
	}
	s = r->field[r->next++];
	errno = 0;
	v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi) {
		tsv_damaged(r, N_("a number out of its range"));
		return lo;
	}
	return v;
}
