/*
 * xlsx.c: the cells of one worksheet of an .xlsx workbook (xlsx.h), for a
 * file that came back from outside and may be hostile.
 *
 * The archive is opened with libzip (ZIP_CHECKCONS: the central directory and
 * the local headers must agree) after a look at its first bytes, so that a
 * password-protected workbook or an old .xls (both OLE2 compound files) is
 * named as such. Every entry name is screened (absolute, backslash, "..") and
 * an encrypted entry refused before any part is read (pipeline/LIBRARIES.md, "libzip 1.7.3").
 *
 * Every part is read the same way (parse_part): inflated by zip_fread in
 * chunks, the bytes counted as they come whatever the archive declares (a zip
 * bomb declares a small size and inflates to gigabytes), and fed to libxml2's
 * push parser with a SAX handler of our own. Nothing builds a tree, so a big
 * sheet is never held whole and memory follows the cells kept, not the part.
 * The handler is SAX2 only: no entity declaration is ever processed, the
 * internalSubset callback stops the parser at the first DOCTYPE, NONET is
 * set and NOENT, DTDLOAD and HUGE never are; the predefined entities and
 * character references are all the parser resolves (pipeline/LIBRARIES.md, "libxml2 2.9.14").
 *
 * Elements are matched by local name (SpreadsheetML in its transitional or
 * strict namespace, or none), r:id by local name and the relationship
 * namespace: prefixes differ between Excel, LibreOffice, openpyxl and
 * libxlsxwriter and mean nothing.
 *
 * Rows and cells must come in increasing order, as every spreadsheet program
 * writes them: a part that has them out of order (or twice) is refused rather
 * than sorted, which keeps the cells ordered for xlsx_cell()'s binary search
 * without a second pass.
 */
#include "input/xlsx.h"

#include <errno.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/common.h"
#include "base/strbuf.h"
#include "input/xmldoc.h"

#define MAX_ROW 1048576     /* Excel's last row */
#define MAX_COL 16384       /* Excel's last column, XFD */
#define MAX_CELLS 1000000   /* cells holding a value in one sheet: no form is near */
#define MAX_SHEETS XLSX_MAX_ENTRIES
#define CHUNK 65536
/*
 * Raw characters kept of one text before it is certainly too long: an
 * escaped character (_xHHHH_) takes 7, so beyond 7 × XLSX_MAX_TEXT no
 * decoding can bring it back within the limit.
 */
#define RAW_TEXT_MAX (7 * (size_t)XLSX_MAX_TEXT)

static const char *const ns_sml[] = {
	"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
	"http://purl.oclc.org/ooxml/spreadsheetml/main",
};
static const char *const ns_rel[] = {
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	"http://purl.oclc.org/ooxml/officeDocument/relationships",
};

/* What b->zip points to. */
struct archive {
	zip_t *za;
	char *sst; /* the shared strings part, NULL when the workbook has none */
};

static zip_t *za_of(const struct xlsx_book *b)
{
	return ((struct archive *)b->zip)->za;
}

/* The index of part `name`, matched exactly, then regardless of case (OPC part names are). */
static zip_int64_t locate(zip_t *za, const char *name)
{
	zip_int64_t i = zip_name_locate(za, name, 0);

	return i >= 0 ? i : zip_name_locate(za, name, ZIP_FL_NOCASE);
}

/* ---- Text of cells and shared strings ---- */

/* A text being collected, bounded while it comes. */
struct text {
	struct strbuf sb;
	size_t chars; /* raw characters (UTF-8 lead bytes) seen */
	int over;     /* beyond RAW_TEXT_MAX: no longer kept */
};

static void text_reset(struct text *t)
{
	strbuf_reset(&t->sb);
	t->chars = 0;
	t->over = 0;
}

static void text_add(struct text *t, const xmlChar *s, int len)
{
	if (t->over)
		return;
	for (int i = 0; i < len; i++)
		t->chars += (s[i] & 0xC0) != 0x80;
	if (t->chars > RAW_TEXT_MAX) {
		t->over = 1;
		return;
	}
	strbuf_add(&t->sb, s, (size_t)len);
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void add_utf8(struct strbuf *sb, unsigned cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | cp >> 6));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xE0 | cp >> 12));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

/*
 * The text with OOXML's escapes decoded: _xHHHH_ stands for the character
 * U+HHHH (Excel writes a carriage return as _x000D_ and a literal "_x" as
 * _x005F_x). Anything else, and an escape of NUL or a surrogate, stays as it is.
 */
static char *unescape(const struct strbuf *in)
{
	struct strbuf out = STRBUF_INIT;
	const char *s = in->buf;

	if (!strstr(s, "_x"))
		return xstrndup(s, in->len);
	for (size_t i = 0; i < in->len; i++) {
		if (s[i] == '_' && i + 6 < in->len && s[i + 1] == 'x' && s[i + 6] == '_') {
			int h[4];
			unsigned cp = 0;
			int ok = 1;

			for (int k = 0; k < 4; k++) {
				h[k] = hexval((unsigned char)s[i + 2 + k]);
				ok &= h[k] >= 0;
				cp = cp << 4 | (unsigned)(h[k] < 0 ? 0 : h[k]);
			}
			if (ok && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
				add_utf8(&out, cp);
				i += 6;
				continue;
			}
		}
		strbuf_addch(&out, s[i]);
	}
	return strbuf_detach(&out);
}

/* ---- Reading one part through the SAX push parser ---- */

/* What every part's handler state starts with. */
struct parse {
	xmlParserCtxtPtr ctxt;
	struct diag *d;
	const char *path; /* the workbook, for messages */
	const char *part;
	int stop;         /* a problem was reported by a handler: stop reading */
	int doctype;
	int xml_line;     /* line of the first well-formedness error, 0 while none */
};

static void stop(struct parse *p)
{
	p->stop = 1;
	xmlStopParser(p->ctxt);
}

static void on_xml_error(void *ctx, xmlErrorPtr err)
{
	struct parse *p = ctx;

	/* After our own stop (or a DOCTYPE) libxml2 adds "user stop": not the file's fault
	 * (pipeline/LIBRARIES.md, "libxml2 2.9.14"). */
	if (!err || err->level == XML_ERR_WARNING || p->stop || p->doctype || p->xml_line)
		return;
	p->xml_line = err->line > 0 ? err->line : 1;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	struct parse *p = ctx;

	(void)name;
	(void)eid;
	(void)sid;
	p->doctype = 1;
	xmlStopParser(p->ctxt);
}

/* A SAX2 handler that builds nothing: only the callbacks given, and our safeguards. */
static void sax_init(xmlSAXHandler *h, startElementNsSAX2Func start, endElementNsSAX2Func end,
		     charactersSAXFunc chars)
{
	memset(h, 0, sizeof(*h));
	h->initialized = XML_SAX2_MAGIC;
	h->startElementNs = start;
	h->endElementNs = end;
	h->characters = chars;
	h->ignorableWhitespace = chars;
	h->cdataBlock = chars;
	h->internalSubset = on_doctype;
	h->serror = on_xml_error;
}

static void too_big_counted(struct parse *p, zip_uint64_t declared)
{
	diag_error(p->d, p->path, 0,
		   "the part '%s' inflates to more than %u MB although it declares %llu bytes: the archive is forged (a zip bomb); parx refuses it",
		   p->part, XLSX_MAX_PART >> 20, (unsigned long long)declared);
}

static void part_unreadable(struct parse *p, int code)
{
	if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP)
		diag_error(p->d, p->path, 0,
			   "the part '%s' is compressed in a way parx cannot read: save the workbook again from Excel",
			   p->part);
	else
		diag_error(p->d, p->path, 0,
			   "the part '%s' cannot be read: the archive is damaged; save the workbook again from Excel",
			   p->part);
}

/*
 * Streams `part` of the archive through the handler `sax`, whose state
 * starts with `p`. Returns 0, or -1 after an error in p->d (including one a
 * handler reported).
 */
static int parse_part(struct xlsx_book *b, const char *part, const xmlSAXHandler *sax,
		      struct parse *p, struct diag *d)
{
	zip_t *za = za_of(b);
	zip_int64_t idx = locate(za, part);
	zip_stat_t st;
	zip_file_t *zf = NULL;
	zip_uint64_t declared = 0, count = 0;
	char *buf = NULL;
	int ret = -1;

	p->d = d;
	p->path = b->path;
	p->part = part;
	if (idx < 0) {
		diag_error(d, b->path, 0,
			   "the part '%s' is missing from the workbook: it is damaged; save it again from Excel",
			   part);
		return -1;
	}
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
		declared = st.size;
	if (declared > XLSX_MAX_PART) {
		diag_error(d, b->path, 0,
			   "the part '%s' is %llu MB uncompressed, more than the %u MB a part may have: this is not a parx form",
			   part, (unsigned long long)((declared + (1u << 20) - 1) >> 20), XLSX_MAX_PART >> 20);
		return -1;
	}
	zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (!zf) {
		part_unreadable(p, zip_error_code_zip(zip_get_error(za)));
		return -1;
	}
	p->ctxt = xmlCreatePushParserCtxt((xmlSAXHandlerPtr)sax, p, NULL, 0, part);
	if (!p->ctxt) {
		diag_error(d, b->path, 0, "cannot start the XML parser");
		goto out;
	}
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	buf = xmalloc(CHUNK);
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, CHUNK);

		if (n < 0) {
			part_unreadable(p, zip_error_code_zip(zip_file_get_error(zf)));
			goto out;
		}
		/* Counted before libxml2 sees a byte: the declared size may lie (pipeline/LIBRARIES.md, "libzip 1.7.3"). */
		count += (zip_uint64_t)n;
		if (count > XLSX_MAX_PART) {
			too_big_counted(p, declared);
			goto out;
		}
		xmlParseChunk(p->ctxt, buf, (int)n, n == 0);
		if (n == 0 || p->stop || p->doctype || p->xml_line)
			break;
	}
	if (p->doctype)
		diag_error(d, b->path, 0,
			   "the part '%s' has a DOCTYPE, which no spreadsheet program writes: parx refuses it",
			   part);
	else if (p->stop)
		; /* reported by the handler */
	else if (p->xml_line || !p->ctxt->wellFormed)
		diag_error(d, b->path, 0,
			   "the part '%s' is not well-formed XML (line %d of the part): the workbook is damaged; save it again from Excel",
			   part, p->xml_line ? p->xml_line : 1);
	else
		ret = 0;
out:
	if (p->ctxt)
		xmlFreeParserCtxt(p->ctxt);
	p->ctxt = NULL;
	free(buf);
	zip_fclose(zf);
	return ret;
}

/* ---- Attributes and names ---- */

static int in_list(const xmlChar *uri, const char *const *list, size_t n)
{
	for (size_t i = 0; uri && i < n; i++)
		if (!strcmp((const char *)uri, list[i]))
			return 1;
	return 0;
}

/* A SpreadsheetML element (or one without a namespace) called `name`. */
static int is_sml(const xmlChar *local, const xmlChar *uri, const char *name)
{
	return !strcmp((const char *)local, name) && (!uri || in_list(uri, ns_sml, ARRAY_SIZE(ns_sml)));
}

/*
 * The value of attribute `local` (unqualified, or with `ns`: in one of the
 * relationship namespaces), copied; NULL when absent.
 */
static char *attr(const xmlChar **attrs, int n, const char *local, int rel_ns)
{
	for (int i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;

		if (strcmp((const char *)a[0], local))
			continue;
		if (rel_ns ? !in_list(a[2], ns_rel, ARRAY_SIZE(ns_rel)) : a[2] != NULL)
			continue;
		return xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
	}
	return NULL;
}

/* Why an archive entry name could write outside the folder it is extracted to, or NULL. */
static const char *unsafe_name(const char *name)
{
	const char *c = name;

	if (name[0] == '/' ||
	    (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':'))
		return "absolute";
	if (strchr(name, '\\'))
		return "backslash";
	while (*c) {
		size_t n = strcspn(c, "/");

		if (n == 2 && c[0] == '.' && c[1] == '.')
			return "dotdot";
		c += n;
		if (*c == '/')
			c++;
	}
	return NULL;
}

/*
 * The part a relationship target names: relative to xl/ or absolute from the
 * archive's root ("/xl/worksheets/sheet1.xml"), percent-escapes decoded, "."
 * and ".." resolved. NULL when it climbs above the root, holds a backslash or
 * an escaped NUL.
 */
static char *resolve_target(const char *target)
{
	struct strbuf raw = STRBUF_INIT, out = STRBUF_INIT;
	size_t *starts = NULL, n = 0, alloc = 0;
	const char *c;

	if (target[0] != '/')
		strbuf_addstr(&raw, "xl/");
	for (c = target; *c; c++) {
		if (*c == '%' && hexval((unsigned char)c[1]) >= 0 && hexval((unsigned char)c[2]) >= 0) {
			int v = hexval((unsigned char)c[1]) << 4 | hexval((unsigned char)c[2]);

			if (v == 0)
				goto bad;
			strbuf_addch(&raw, v);
			c += 2;
		} else {
			strbuf_addch(&raw, *c);
		}
	}
	if (strchr(raw.buf, '\\'))
		goto bad;
	for (c = raw.buf; *c;) {
		size_t len = strcspn(c, "/");

		if ((len == 1 && c[0] == '.') || len == 0) {
			/* nothing */
		} else if (len == 2 && c[0] == '.' && c[1] == '.') {
			if (!n)
				goto bad;
			out.len = starts[--n];
			out.buf[out.len] = '\0';
		} else {
			xgrow(&starts, &alloc, n + 1, sizeof(*starts));
			starts[n++] = out.len;
			if (out.len)
				strbuf_addch(&out, '/');
			strbuf_add(&out, c, len);
		}
		c += len;
		if (*c == '/')
			c++;
	}
	free(starts);
	strbuf_release(&raw);
	if (!out.len) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out);
bad:
	free(starts);
	strbuf_release(&raw);
	strbuf_release(&out);
	return NULL;
}

/* ---- xl/workbook.xml and its relationships ---- */

struct wb_parse {
	struct parse p;
	struct xlsx_book *b;
	char **rids; /* [nsheets] */
	size_t alloc;
};

static void wb_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		     int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	struct wb_parse *w = ctx;
	struct xlsx_book *b = w->b;
	char *name, *rid;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (w->p.stop || !is_sml(local, uri, "sheet"))
		return;
	name = attr(attrs, nattrs, "name", 0);
	rid = attr(attrs, nattrs, "id", 1);
	if (!name || !rid || !*name) {
		diag_error(w->p.d, w->p.path, 0,
			   "a sheet in '%s' has no name or no r:id: the workbook is damaged; save it again from Excel",
			   w->p.part);
		free(name);
		free(rid);
		stop(&w->p);
		return;
	}
	if (b->nsheets >= MAX_SHEETS) {
		diag_error(w->p.d, w->p.path, 0,
			   "the workbook lists more than %d sheets: this is not a parx form", MAX_SHEETS);
		free(name);
		free(rid);
		stop(&w->p);
		return;
	}
	xgrow(&b->sheets, &w->alloc, b->nsheets + 1, sizeof(*b->sheets));
	w->rids = xrealloc(w->rids, w->alloc * sizeof(*w->rids));
	b->sheets[b->nsheets] = name;
	w->rids[b->nsheets] = rid;
	b->nsheets++;
}

struct rel {
	char *id, *type, *target;
};

struct rels_parse {
	struct parse p;
	struct rel *v;
	size_t n, alloc;
};

static void rels_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		       int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	struct rels_parse *r = ctx;
	char *mode;

	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (r->p.stop || strcmp((const char *)local, "Relationship"))
		return;
	mode = attr(attrs, nattrs, "TargetMode", 0);
	if (mode && !strcmp(mode, "External")) {
		free(mode);
		return;
	}
	free(mode);
	if (r->n >= XLSX_MAX_ENTRIES) {
		diag_error(r->p.d, r->p.path, 0,
			   "'%s' holds more than %d relationships: this is not a parx form", r->p.part,
			   XLSX_MAX_ENTRIES);
		stop(&r->p);
		return;
	}
	xgrow(&r->v, &r->alloc, r->n + 1, sizeof(*r->v));
	r->v[r->n].id = attr(attrs, nattrs, "Id", 0);
	r->v[r->n].type = attr(attrs, nattrs, "Type", 0);
	r->v[r->n].target = attr(attrs, nattrs, "Target", 0);
	r->n++;
}

static int ends_with(const char *s, const char *end)
{
	size_t a = strlen(s), b = strlen(end);

	return a >= b && !strcmp(s + a - b, end);
}

/* Reads the sheet list and where each sheet is. Returns 0 or -1 after an error. */
static int read_workbook(struct xlsx_book *b, struct diag *d)
{
	static const char wb_part[] = "xl/workbook.xml", rels_part[] = "xl/_rels/workbook.xml.rels";
	struct wb_parse w;
	struct rels_parse r;
	xmlSAXHandler h;
	struct archive *a = b->zip;
	int ret = -1;

	memset(&w, 0, sizeof(w));
	memset(&r, 0, sizeof(r));
	w.b = b;
	sax_init(&h, wb_start, NULL, NULL);
	if (parse_part(b, wb_part, &h, &w.p, d) < 0)
		goto out;
	if (!b->nsheets) {
		diag_error(d, b->path, 0, "the workbook has no sheets: save it again from Excel");
		goto out;
	}
	sax_init(&h, rels_start, NULL, NULL);
	if (parse_part(b, rels_part, &h, &r.p, d) < 0)
		goto out;
	b->parts = xcalloc(b->nsheets, sizeof(*b->parts));
	for (size_t i = 0; i < b->nsheets; i++) {
		const struct rel *rel = NULL;

		for (size_t k = 0; k < r.n && !rel; k++)
			if (r.v[k].id && !strcmp(r.v[k].id, w.rids[i]))
				rel = &r.v[k];
		if (!rel || !rel->target) {
			diag_error(d, b->path, 0,
				   "the sheet '%s' has no relationship '%s' in '%s': the workbook is damaged; save it again from Excel",
				   b->sheets[i], w.rids[i], rels_part);
			goto out;
		}
		b->parts[i] = resolve_target(rel->target);
		if (!b->parts[i]) {
			diag_error(d, b->path, 0,
				   "the target '%s' in '%s' is not a part of the archive (it climbs out of it): parx refuses such a workbook",
				   rel->target, rels_part);
			goto out;
		}
	}
	for (size_t k = 0; k < r.n && !a->sst; k++)
		if (r.v[k].type && r.v[k].target && ends_with(r.v[k].type, "/sharedStrings")) {
			a->sst = resolve_target(r.v[k].target);
			if (!a->sst) {
				diag_error(d, b->path, 0,
					   "the target '%s' in '%s' is not a part of the archive (it climbs out of it): parx refuses such a workbook",
					   r.v[k].target, rels_part);
				goto out;
			}
		}
	if (!a->sst && locate(a->za, "xl/sharedStrings.xml") >= 0)
		a->sst = xstrdup("xl/sharedStrings.xml");
	ret = 0;
out:
	for (size_t i = 0; i < b->nsheets; i++)
		free(w.rids ? w.rids[i] : NULL);
	free(w.rids);
	for (size_t k = 0; k < r.n; k++) {
		free(r.v[k].id);
		free(r.v[k].type);
		free(r.v[k].target);
	}
	free(r.v);
	return ret;
}

/* ---- Opening ---- */

/*
 * Looks at the first bytes: 0 for a zip, -1 after naming what the file is instead
 * (pipeline/LIBRARIES.md, "libzip 1.7.3").
 */
static int check_magic(const char *path, struct diag *d)
{
	static const unsigned char ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	unsigned char m[8] = { 0 };
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	n = fread(m, 1, sizeof(m), f);
	if (ferror(f)) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	if (n == sizeof(m) && !memcmp(m, ole2, sizeof(ole2))) {
		diag_error(d, path, 0,
			   "this workbook is encrypted with a password or is an old .xls workbook: save it as an Excel workbook (.xlsx) without a password");
		return -1;
	}
	if (n < 4 || m[0] != 'P' || m[1] != 'K') {
		diag_error(d, path, 0,
			   "not an .xlsx workbook (not a zip archive): save it as an Excel workbook (.xlsx)");
		return -1;
	}
	return 0;
}

/* Screens every entry: their number, their names, their encryption (pipeline/LIBRARIES.md, "libzip 1.7.3"). */
static int check_entries(struct xlsx_book *b, struct diag *d)
{
	zip_t *za = za_of(b);
	zip_int64_t n = zip_get_num_entries(za, 0);
	int ret = 0;

	if (n > XLSX_MAX_ENTRIES) {
		diag_error(d, b->path, 0,
			   "the archive has more than %d entries: this is not a parx form", XLSX_MAX_ENTRIES);
		return -1;
	}
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		zip_stat_t st;

		if (!name) {
			diag_error(d, b->path, 0,
				   "the archive is damaged or truncated: save the workbook again from Excel");
			return -1;
		}
		if (unsafe_name(name)) {
			diag_error(d, b->path, 0,
				   "the archive entry '%s' has an unsafe name (absolute, with a backslash or climbing out with '..'): no spreadsheet program writes one; parx refuses the file",
				   name);
			ret = -1;
			continue;
		}
		zip_stat_init(&st);
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0 &&
		    (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			diag_error(d, b->path, 0,
				   "the archive entry '%s' is encrypted: save the workbook as an Excel workbook (.xlsx) without a password",
				   name);
			ret = -1;
		}
	}
	return ret;
}

int xlsx_open(struct xlsx_book *b, const char *path, struct diag *d)
{
	struct archive *a;
	int zerr = 0;

	memset(b, 0, sizeof(*b));
	b->path = xstrdup(path);
	if (xmldoc_init() < 0) {
		diag_error(d, path, 0, "cannot start the XML parser");
		goto fail;
	}
	if (check_magic(path, d) < 0)
		goto fail;
	a = xcalloc(1, sizeof(*a));
	b->zip = a;
	a->za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!a->za) {
		if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ) {
			zip_error_t ze;
			int sys;

			zip_error_init_with_code(&ze, zerr);
			sys = zip_error_code_system(&ze);
			zip_error_fini(&ze);
			diag_error(d, path, 0, "cannot open: %s", strerror(sys ? sys : EIO));
		} else {
			diag_error(d, path, 0,
				   "the archive is damaged or truncated: save the workbook again from Excel");
		}
		goto fail;
	}
	if (check_entries(b, d) < 0)
		goto fail;
	if (locate(a->za, "xl/workbook.xml") < 0) {
		if (locate(a->za, "xl/workbook.bin") >= 0)
			diag_error(d, path, 0,
				   "this is a binary Excel workbook (.xlsb), not an .xlsx workbook: save it as an Excel workbook (.xlsx)");
		else if (locate(a->za, "content.xml") >= 0)
			diag_error(d, path, 0,
				   "this is an OpenDocument spreadsheet (.ods), not an .xlsx workbook: save it as an Excel workbook (.xlsx)");
		else
			diag_error(d, path, 0,
				   "not an .xlsx workbook (the archive has no xl/workbook.xml): save it as an Excel workbook (.xlsx)");
		goto fail;
	}
	if (read_workbook(b, d) < 0)
		goto fail;
	return 0;
fail:
	xlsx_close(b);
	return -1;
}

void xlsx_close(struct xlsx_book *b)
{
	struct archive *a = b->zip;

	if (a) {
		if (a->za)
			zip_discard(a->za);
		free(a->sst);
		free(a);
	}
	for (size_t i = 0; i < b->nsheets; i++) {
		free(b->sheets[i]);
		free(b->parts ? b->parts[i] : NULL);
	}
	free(b->sheets);
	free(b->parts);
	for (size_t i = 0; i < b->nstrings; i++)
		free(b->strings[i]);
	free(b->strings);
	free(b->path);
	memset(b, 0, sizeof(*b));
}

/* ---- Shared strings ---- */

struct sst_parse {
	struct parse p;
	struct xlsx_book *b;
	size_t alloc;
	int in_si, in_t, in_rph;
	struct text t;
};

static void sst_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		      int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	struct sst_parse *s = ctx;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)nattrs;
	(void)ndef;
	(void)attrs;
	if (s->p.stop)
		return;
	if (is_sml(local, uri, "si")) {
		if (s->b->nstrings >= XLSX_MAX_STRINGS) {
			diag_error(s->p.d, s->p.path, 0,
				   "the part '%s' holds more than %d shared strings: this is not a parx form",
				   s->p.part, XLSX_MAX_STRINGS);
			stop(&s->p);
			return;
		}
		s->in_si = 1;
		s->in_rph = 0;
		text_reset(&s->t);
	} else if (s->in_si && is_sml(local, uri, "rPh")) {
		s->in_rph++;
	} else if (s->in_si && !s->in_rph && is_sml(local, uri, "t")) {
		s->in_t = 1;
	}
}

static void sst_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct sst_parse *s = ctx;
	struct xlsx_book *b = s->b;
	char *text;

	(void)prefix;
	if (s->p.stop || !s->in_si)
		return;
	if (is_sml(local, uri, "t")) {
		s->in_t = 0;
	} else if (is_sml(local, uri, "rPh")) {
		s->in_rph--;
	} else if (is_sml(local, uri, "si")) {
		s->in_si = 0;
		text = s->t.over ? NULL : unescape(&s->t.sb);
		if (!text || utf8_chars(text) > XLSX_MAX_TEXT) {
			diag_error(s->p.d, s->p.path, 0,
				   "shared string %zu of '%s' is longer than %d characters, Excel's own limit: the workbook is damaged; save it again from Excel",
				   b->nstrings, s->p.part, XLSX_MAX_TEXT);
			free(text);
			stop(&s->p);
			return;
		}
		xgrow(&b->strings, &s->alloc, b->nstrings + 1, sizeof(*b->strings));
		b->strings[b->nstrings++] = text;
	}
}

static void sst_chars(void *ctx, const xmlChar *ch, int len)
{
	struct sst_parse *s = ctx;

	if (!s->p.stop && s->in_si && s->in_t && !s->in_rph)
		text_add(&s->t, ch, len);
}

static int read_strings(struct xlsx_book *b, struct diag *d)
{
	struct archive *a = b->zip;
	struct sst_parse s;
	xmlSAXHandler h;
	int ret;

	if (b->strings_read)
		return 0;
	if (!a->sst) {
		b->strings_read = 1;
		return 0;
	}
	memset(&s, 0, sizeof(s));
	s.b = b;
	strbuf_init(&s.t.sb);
	sax_init(&h, sst_start, sst_end, sst_chars);
	ret = parse_part(b, a->sst, &h, &s.p, d);
	strbuf_release(&s.t.sb);
	if (ret < 0) {
		/* Read again (and reported again) by the next sheet asked for. */
		for (size_t i = 0; i < b->nstrings; i++)
			free(b->strings[i]);
		free(b->strings);
		b->strings = NULL;
		b->nstrings = 0;
		return -1;
	}
	b->strings_read = 1;
	return 0;
}

/* ---- A worksheet ---- */

enum ctype { T_NUMBER, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERROR, T_DATE, T_UNKNOWN };

struct sheet_parse {
	struct parse p;
	struct xlsx_book *b;
	struct xlsx_sheet *s;
	size_t alloc;
	int max_rows;
	int cell_errors;   /* problems of single cells: reading goes on, the sheet fails */
	int in_data;       /* inside <sheetData> */
	int in_row;
	int row;           /* the current (or last) row, 0 before the first */
	int col;           /* the last column met in the row, 0 before its first cell */
	/* the current cell */
	int in_cell, has_f, has_v, has_is, in_v, in_is, in_t, in_rph;
	enum ctype type;
	char *type_raw;
	struct text v, is;
};

/*
 * Digits of a row number: 1 for a number (saturated at INT32_MAX), 0 when
 * malformed (empty, not digits, a leading zero).
 */
static int parse_number(const char *s, size_t len, long *out)
{
	long v = 0;

	if (!len || s[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v > INT32_MAX / 10 ? INT32_MAX : v * 10 + (s[i] - '0');
	}
	*out = v > INT32_MAX ? INT32_MAX : v;
	return 1;
}

/* "F14" → 14, 6. Returns 0, -1 when malformed, 1 when beyond XFD1048576. */
static int parse_ref(const char *s, int *row, int *col)
{
	size_t i = 0, len = strlen(s);
	long c = 0, r;

	while (i < len && s[i] >= 'A' && s[i] <= 'Z') {
		c = c > MAX_COL ? c : c * 26 + (s[i] - 'A' + 1);
		i++;
	}
	if (!i || !parse_number(s + i, len - i, &r))
		return -1;
	if (c > MAX_COL || r > MAX_ROW)
		return 1;
	*row = (int)r;
	*col = (int)c;
	return 0;
}

/* "Sheet!F14", for diag_error_at. */
static void where(struct strbuf *sb, const struct sheet_parse *sp, int row, int col)
{
	char name[16];

	xlsx_cell_name(name, row, col);
	strbuf_reset(sb);
	strbuf_addf(sb, "%s!%s", sp->s->name, name);
}

static enum ctype parse_type(const char *t)
{
	static const struct {
		const char *name;
		enum ctype type;
	} types[] = {
		{ "n", T_NUMBER }, { "s", T_SHARED }, { "inlineStr", T_INLINE }, { "str", T_STR },
		{ "b", T_BOOL },   { "e", T_ERROR },  { "d", T_DATE },
	};

	if (!t)
		return T_NUMBER;
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (!strcmp(t, types[i].name))
			return types[i].type;
	return T_UNKNOWN;
}

static void row_start(struct sheet_parse *sp, const xmlChar **attrs, int nattrs)
{
	char *r = attr(attrs, nattrs, "r", 0);
	long n = sp->row + 1L;

	if (r && !parse_number(r, strlen(r), &n)) {
		diag_error(sp->p.d, sp->p.path, 0,
			   "malformed row number r=\"%s\" in '%s': the workbook is damaged; save it again from Excel",
			   r, sp->p.part);
		stop(&sp->p);
	} else if (n > MAX_ROW) {
		diag_error(sp->p.d, sp->p.path, 0,
			   "row %ld in '%s' is beyond the last row of a sheet (%d): the workbook is damaged; save it again from Excel",
			   n, sp->p.part, MAX_ROW);
		stop(&sp->p);
	} else if (n <= sp->row) {
		diag_error(sp->p.d, sp->p.path, 0,
			   "row %ld comes after row %d in '%s': rows must be in increasing order; save the workbook again from Excel",
			   n, sp->row, sp->p.part);
		stop(&sp->p);
	} else {
		sp->row = (int)n;
		sp->col = 0;
		sp->in_row = 1;
	}
	free(r);
}

static void cell_start(struct sheet_parse *sp, const xmlChar **attrs, int nattrs)
{
	char *r = attr(attrs, nattrs, "r", 0);
	int row = sp->row, col = sp->col + 1, k = r ? parse_ref(r, &row, &col) : 0;
	char a[16], b[16];

	if (k < 0) {
		diag_error(sp->p.d, sp->p.path, 0,
			   "malformed cell reference r=\"%s\" in '%s': the workbook is damaged; save it again from Excel",
			   r, sp->p.part);
		stop(&sp->p);
	} else if (k > 0 || col > MAX_COL) {
		if (!r)
			xlsx_cell_name(a, row, col);
		diag_error(sp->p.d, sp->p.path, 0,
			   "the cell %s in '%s' is beyond the last cell of a sheet (XFD1048576): the workbook is damaged; save it again from Excel",
			   r ? r : a, sp->p.part);
		stop(&sp->p);
	} else if (row != sp->row) {
		diag_error(sp->p.d, sp->p.path, 0,
			   "the cell %s is inside row %d in '%s': the workbook is damaged; save it again from Excel",
			   r, sp->row, sp->p.part);
		stop(&sp->p);
	} else if (col <= sp->col) {
		xlsx_cell_name(a, row, col);
		xlsx_cell_name(b, sp->row, sp->col);
		diag_error(sp->p.d, sp->p.path, 0,
			   "the cell %s comes after %s in '%s': cells must be in order by row and column; save the workbook again from Excel",
			   a, b, sp->p.part);
		stop(&sp->p);
	} else {
		sp->col = col;
		sp->in_cell = 1;
		sp->has_f = sp->has_v = sp->has_is = 0;
		sp->in_v = sp->in_is = sp->in_t = sp->in_rph = 0;
		free(sp->type_raw);
		sp->type_raw = attr(attrs, nattrs, "t", 0);
		sp->type = parse_type(sp->type_raw);
		text_reset(&sp->v);
		text_reset(&sp->is);
	}
	free(r);
}

static void sheet_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
			int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	struct sheet_parse *sp = ctx;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (sp->p.stop)
		return;
	if (sp->in_cell) {
		if (is_sml(local, uri, "f")) {
			sp->has_f = 1;
		} else if (!sp->in_is && is_sml(local, uri, "v")) {
			sp->has_v = sp->in_v = 1;
			text_reset(&sp->v);
		} else if (is_sml(local, uri, "is")) {
			sp->has_is = sp->in_is = 1;
		} else if (sp->in_is && is_sml(local, uri, "rPh")) {
			sp->in_rph++;
		} else if (sp->in_is && !sp->in_rph && is_sml(local, uri, "t")) {
			sp->in_t = 1;
		}
	} else if (sp->in_row) {
		if (is_sml(local, uri, "c"))
			cell_start(sp, attrs, nattrs);
	} else if (sp->in_data) {
		if (is_sml(local, uri, "row"))
			row_start(sp, attrs, nattrs);
	} else if (is_sml(local, uri, "sheetData")) {
		sp->in_data = 1;
	}
}

/* Whether a number cell's literal is one: [-+]digits[.digits][E[-+]digits]. */
static int is_number(const char *s)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		s++, digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'E' || *s == 'e') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* The cell's value and type, or NULL after a problem reported at the cell. */
static char *cell_value(struct sheet_parse *sp, enum xlsx_type *type, struct strbuf *at)
{
	struct diag *d = sp->p.d;
	const char *path = sp->p.path;
	int row = sp->row;
	const struct text *t = sp->type == T_INLINE ? &sp->is : &sp->v;
	char *v;

	if (t->over)
		goto too_long;
	switch (sp->type) {
	case T_NUMBER:
		if (!is_number(sp->v.sb.buf)) {
			diag_error_at(d, path, row, at->buf,
				      "the number cell holds '%s', which is not a number: the workbook is damaged; type the value again",
				      sp->v.sb.buf);
			return NULL;
		}
		*type = XLSX_NUMBER;
		return xstrdup(sp->v.sb.buf);
	case T_SHARED: {
		long i = -1;

		if (!strcmp(sp->v.sb.buf, "0"))
			i = 0;
		else if (!parse_number(sp->v.sb.buf, sp->v.sb.len, &i))
			i = -1;
		if (i < 0 || (size_t)i >= sp->b->nstrings) {
			diag_error_at(d, path, row, at->buf,
				      "the cell refers to shared string '%s' but the workbook has %zu: it is damaged; save it again from Excel",
				      sp->v.sb.buf, sp->b->nstrings);
			return NULL;
		}
		*type = XLSX_TEXT;
		return xstrdup(sp->b->strings[i]);
	}
	case T_INLINE:
	case T_STR:
		v = unescape(&t->sb);
		if (utf8_chars(v) > XLSX_MAX_TEXT) {
			free(v);
			goto too_long;
		}
		*type = XLSX_TEXT;
		return v;
	case T_DATE:
		*type = XLSX_TEXT;
		return xstrdup(sp->v.sb.buf);
	case T_BOOL:
		if (!strcmp(sp->v.sb.buf, "1") || !strcmp(sp->v.sb.buf, "true"))
			v = xstrdup("1");
		else if (!strcmp(sp->v.sb.buf, "0") || !strcmp(sp->v.sb.buf, "false"))
			v = xstrdup("0");
		else {
			diag_error_at(d, path, row, at->buf,
				      "the TRUE/FALSE cell holds '%s': the workbook is damaged; type the value again",
				      sp->v.sb.buf);
			return NULL;
		}
		*type = XLSX_BOOL;
		return v;
	case T_ERROR:
		*type = XLSX_ERROR;
		return xstrdup(sp->v.sb.buf);
	case T_UNKNOWN:
		break;
	}
	diag_error_at(d, path, row, at->buf,
		      "unknown cell type t=\"%s\": the workbook is damaged; save it again from Excel",
		      sp->type_raw ? sp->type_raw : "");
	return NULL;
too_long:
	diag_error_at(d, path, row, at->buf,
		      "the text is longer than %d characters, Excel's own limit: shorten it", XLSX_MAX_TEXT);
	return NULL;
}

static void cell_end(struct sheet_parse *sp)
{
	struct xlsx_sheet *s = sp->s;
	struct strbuf at = STRBUF_INIT;
	struct xlsx_cell *c;
	enum xlsx_type type = XLSX_TEXT;
	char *v;
	int has_value = sp->type == T_INLINE ? sp->has_is : sp->has_v;

	sp->in_cell = 0;
	/* An empty <v/> of a number is no value; of a string, it is the empty text. */
	if (!has_value || (sp->type == T_NUMBER && !sp->v.sb.len && !sp->v.over))
		return;
	if (sp->row > sp->max_rows) {
		where(&at, sp, sp->row, 1);
		diag_error_at(sp->p.d, sp->p.path, sp->row, at.buf,
			      "the sheet has more than %d rows: this is not a parx form; check that the right workbook was sent",
			      sp->max_rows);
		strbuf_release(&at);
		stop(&sp->p);
		return;
	}
	if (s->ncells >= MAX_CELLS) {
		diag_error(sp->p.d, sp->p.path, 0,
			   "the sheet '%s' has more than %d cells holding a value: this is not a parx form",
			   s->name, MAX_CELLS);
		strbuf_release(&at);
		stop(&sp->p);
		return;
	}
	where(&at, sp, sp->row, sp->col);
	v = cell_value(sp, &type, &at);
	strbuf_release(&at);
	if (!v) {
		sp->cell_errors++;
		return;
	}
	xgrow(&s->cells, &sp->alloc, s->ncells + 1, sizeof(*s->cells));
	c = &s->cells[s->ncells++];
	c->row = sp->row;
	c->col = sp->col;
	c->type = type;
	c->formula = sp->has_f;
	c->value = v;
	s->last_row = sp->row;
}

static void sheet_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct sheet_parse *sp = ctx;

	(void)prefix;
	if (sp->p.stop)
		return;
	if (sp->in_cell) {
		if (sp->in_v && is_sml(local, uri, "v"))
			sp->in_v = 0;
		else if (sp->in_is && sp->in_t && is_sml(local, uri, "t"))
			sp->in_t = 0;
		else if (sp->in_is && sp->in_rph && is_sml(local, uri, "rPh"))
			sp->in_rph--;
		else if (sp->in_is && is_sml(local, uri, "is"))
			sp->in_is = 0;
		else if (is_sml(local, uri, "c"))
			cell_end(sp);
	} else if (sp->in_row && is_sml(local, uri, "row")) {
		sp->in_row = 0;
	} else if (sp->in_data && !sp->in_row && is_sml(local, uri, "sheetData")) {
		sp->in_data = 0;
	}
}

static void sheet_chars(void *ctx, const xmlChar *ch, int len)
{
	struct sheet_parse *sp = ctx;

	if (sp->p.stop || !sp->in_cell)
		return;
	if (sp->in_v)
		text_add(&sp->v, ch, len);
	else if (sp->in_is && sp->in_t && !sp->in_rph)
		text_add(&sp->is, ch, len);
}

/* "'A', 'B'" for the message of a missing sheet (the first 20). */
static void sheet_list(struct strbuf *sb, const struct xlsx_book *b)
{
	for (size_t i = 0; i < b->nsheets && i < 20; i++)
		strbuf_addf(sb, "%s'%s'", i ? ", " : "", b->sheets[i]);
	if (b->nsheets > 20)
		strbuf_addstr(sb, ", …");
}

int xlsx_read_sheet(struct xlsx_book *b, const char *name, int max_rows, struct xlsx_sheet *s,
		    struct diag *d)
{
	struct sheet_parse sp;
	xmlSAXHandler h;
	size_t i;
	int ret;

	memset(s, 0, sizeof(*s));
	if (!b->zip) /* a book whose opening failed: reported then */
		return -1;
	for (i = 0; i < b->nsheets; i++)
		if (!strcmp(b->sheets[i], name))
			break;
	if (i == b->nsheets) {
		struct strbuf list = STRBUF_INIT;

		sheet_list(&list, b);
		diag_error(d, b->path, 0,
			   "no sheet '%s' in the workbook (it has: %s): check that the right workbook was sent",
			   name, list.buf);
		strbuf_release(&list);
		return -1;
	}
	if (read_strings(b, d) < 0)
		return -1;
	memset(&sp, 0, sizeof(sp));
	sp.b = b;
	sp.s = s;
	sp.max_rows = max_rows > 0 && max_rows < MAX_ROW ? max_rows : MAX_ROW;
	strbuf_init(&sp.v.sb);
	strbuf_init(&sp.is.sb);
	s->name = xstrdup(name);
	sax_init(&h, sheet_start, sheet_end, sheet_chars);
	ret = parse_part(b, b->parts[i], &h, &sp.p, d);
	strbuf_release(&sp.v.sb);
	strbuf_release(&sp.is.sb);
	free(sp.type_raw);
	if (ret < 0 || sp.cell_errors) {
		xlsx_sheet_release(s);
		return -1;
	}
	return 0;
}

const struct xlsx_cell *xlsx_cell(const struct xlsx_sheet *s, int row, int col)
{
	size_t lo = 0, hi = s->ncells;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct xlsx_cell *c = &s->cells[mid];

		if (c->row == row && c->col == col)
			return c;
		if (c->row < row || (c->row == row && c->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void xlsx_cell_name(char *buf, int row, int col)
{
	char letters[4];
	int n = 0;

	/*
	 * Clamped to A..ZZZ, three letters (XFE, just beyond a sheet, still gets
	 * its name), so that any row fits in 16 bytes with them.
	 */
	if (col < 1)
		col = 1;
	if (col > 26 + 26 * 26 + 26 * 26 * 26)
		col = 26 + 26 * 26 + 26 * 26 * 26;
	while (col > 0) {
		col--;
		letters[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = letters[n - 1 - i];
	snprintf(buf + n, (size_t)(16 - n), "%d", row);
}

void xlsx_sheet_release(struct xlsx_sheet *s)
{
	for (size_t i = 0; i < s->ncells; i++)
		free(s->cells[i].value);
	free(s->cells);
	free(s->name);
	memset(s, 0, sizeof(*s));
}
