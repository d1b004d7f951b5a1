/*
 * loadutil.c: text and number access for the XML loaders, with one wording
 * for every number error so messages read the same across files.
 */
#include "input/loadutil.h"

#include <libxml/tree.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/points.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "input/xmldoc.h"

void load_error(struct loadctx *c, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, _(fmt), ap);
	va_end(ap);
	diag_error_text(c->d, c->path, line, sb.buf);
	c->errors++;
	strbuf_release(&sb);
}

char *load_text(struct loadctx *c, xmlNodePtr node, const char *what)
{
	xmlChar *raw = xmlNodeGetContent(node);
	size_t before = c->d->nerrors;
	char *s;

	s = text_checked(c->d, c->path, xmldoc_line(node), what, raw ? (const char *)raw : "",
			 raw ? strlen((const char *)raw) : 0);
	c->errors += (int)(c->d->nerrors - before);
	xmlFree(raw);
	return s;
}

char *load_attr(struct loadctx *c, xmlNodePtr node, const char *name, const char *what)
{
	const char *raw = xmldoc_attr(node, name);
	size_t before = c->d->nerrors;
	char *s;

	if (!raw)
		return NULL;
	s = text_checked(c->d, c->path, xmldoc_line(node), what, raw, strlen(raw));
	c->errors += (int)(c->d->nerrors - before);
	return s;
}

/* A bad value as a message quotes it: one line, shortened at a character boundary. */
static void quote_value(struct strbuf *sb, const char *v)
{
	char *e = text_excerpt(v);

	strbuf_addstr(sb, e);
	free(e);
}

int load_points(struct loadctx *c, xmlNodePtr node, const char *name, int64_t *out)
{
	const char *raw = xmldoc_attr(node, name);
	struct strbuf v = STRBUF_INIT;

	if (!raw)
		return 0;
	int r = points_parse(raw, 0, out);

	if (r == 0)
		return 1;
	quote_value(&v, raw);
	if (r == -2)
		load_error(c, xmldoc_line(node), "%s=\"%s\" is more than 999999999.99, the most points parx accepts",
			   name, v.buf);
	else
		load_error(c, xmldoc_line(node),
			   "%s=\"%s\" is not a number of points: write digits with at most two decimals after a '.' (e.g. 1.5)",
			   name, v.buf);
	strbuf_release(&v);
	return -1;
}

int load_count(struct loadctx *c, xmlNodePtr node, const char *name, int64_t *out)
{
	const char *raw = xmldoc_attr(node, name);
	struct strbuf v = STRBUF_INIT;

	if (!raw)
		return 0;
	int r = count_parse(raw, out);

	if (r == 0)
		return 1;
	quote_value(&v, raw);
	if (r == -2)
		load_error(c, xmldoc_line(node), "%s=\"%s\" is more than 999999999, the largest whole number parx accepts",
			   name, v.buf);
	else
		load_error(c, xmldoc_line(node),
			   "%s=\"%s\" is not a whole number: write digits only, from 0 to 999999999",
			   name, v.buf);
	strbuf_release(&v);
	return -1;
}

int load_is_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, dd;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	dd = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

int load_is_code(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f' ||
		    ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0))
			return 0;
	return 1;
}
