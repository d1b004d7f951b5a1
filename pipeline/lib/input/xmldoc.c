/*
 * xmldoc.c: safe XML reading for every XML input of parx.
 *
 * The order of defences matters. The raw bytes are screened first (UTF-16 BOM,
 * a declared encoding other than UTF-8, invalid UTF-8), so libxml2 never
 * guesses an encoding. The parser runs with NONET and without NOENT/DTDLOAD,
 * and its internalSubset callback stops it at the first DOCTYPE: no DTD is ever
 * read and no entity declared there is ever expanded, so XXE, billion laughs
 * and quadratic blow-ups are refused in microseconds. A global entity loader
 * refuses every external resource as a last line. Only then is the tree checked
 * against its schema, compiled once per process from the embedded XSD texts
 * (pipeline/LIBRARIES.md, "libxml2 2.9.14").
 */
#include "input/xmldoc.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "input/schemas.h"
#include "base/sha256.h"
#include "base/strbuf.h"

static struct {
	const char *text;
	const char *root;
	const char *ns;
	xmlSchemaPtr schema;
} kinds[] = {
	[XMLDOC_INDEX] = { parx_schema_index, "index", NS_INDEX, NULL },
	[XMLDOC_SUBMISSION] = { parx_schema_submission, "submission", NS_SUBMISSION, NULL },
	[XMLDOC_PUBLICATION] = { parx_schema_publication, "publication", NS_PUBLICATION, NULL },
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_status;

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
	xmlSetGenericErrorFunc(NULL, silent);
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		xmlSchemaParserCtxtPtr pc =
			xmlSchemaNewMemParserCtxt(kinds[k].text, (int)strlen(kinds[k].text));

		if (pc) {
			xmlSchemaSetParserErrors(pc, silent, silent, NULL);
			kinds[k].schema = xmlSchemaParse(pc);
			xmlSchemaFreeParserCtxt(pc);
		}
		if (!kinds[k].schema) {
			init_status = error("internal error: cannot compile the %s schema", kinds[k].root);
			return;
		}
	}
}

int xmldoc_init(void)
{
	pthread_once(&init_once, init);
	return init_status;
}

/* What one load collects from libxml2's callbacks. */
struct load_state {
	struct diag *d;
	const char *path;
	int doctype_line;
	int nerrors;
};

/* Removes "{urn:...}" namespace prefixes of libxml2's element names and the trailing newline. */
static void strip_namespaces(struct strbuf *out, const char *msg)
{
	for (const char *p = msg; *p; p++) {
		if (*p == '{' && !strncmp(p + 1, "urn:", 4) && strchr(p, '}')) {
			p = strchr(p, '}');
			continue;
		}
		strbuf_addch(out, *p);
	}
	while (out->len && (out->buf[out->len - 1] == '\n' || out->buf[out->len - 1] == ' ' ||
			    out->buf[out->len - 1] == '.'))
		out->buf[--out->len] = '\0';
}

/* Copies the text between `open` and the next `close` after it; NULL when absent. */
static char *between(const char *s, const char *open, char close)
{
	const char *a = strstr(s, open), *b;

	if (!a)
		return NULL;
	a += strlen(open);
	b = strchr(a, close);
	return b ? xstrndup(a, (size_t)(b - a)) : NULL;
}

/*
 * Says libxml2's schema messages in the project's words:
 *   Element 'item': The attribute 'max' is required but missing.
 *     -> <item> needs the attribute 'max'
 * and the like; anything else keeps libxml2's text without namespaces.
 */
static void plain_message(struct strbuf *out, const char *msg)
{
	struct strbuf m = STRBUF_INIT;
	char *elem, *attr = NULL, *rest;

	strip_namespaces(&m, msg);
	elem = between(m.buf, "Element '", '\'');
	rest = strstr(m.buf, "': ");
	if (elem && rest) {
		rest += 3;
		attr = between(m.buf, "', attribute '", '\'');
		if (strstr(rest, "is required but missing")) {
			char *a = between(rest, "attribute '", '\'');

			strbuf_addf(out, _("<%s> needs the attribute '%s'"), elem, a ? a : "?");
			free(a);
		} else if (attr && strstr(rest, "is not allowed")) {
			strbuf_addf(out, _("<%s> may not have the attribute '%s'"), elem, attr);
		} else if (attr && strstr(rest, "[facet 'enumeration']")) {
			char *v = between(rest, "The value '", '\'');
			char *set = between(rest, "set {", '}');

			strbuf_addf(out, _("%s=\"%s\" on <%s> is not one of %s"), attr, v ? v : "",
				    elem, set ? set : _("the allowed values"));
			free(v);
			free(set);
		} else if (strstr(rest, "Missing child element")) {
			char *exp = between(rest, "( ", ')');

			strbuf_addf(out, _("<%s> is missing a child element: expected %s%s"), elem,
				    exp ? exp : _("more content"), "");
			free(exp);
		} else if (strstr(rest, "This element is not expected")) {
			char *exp = between(rest, "( ", ')');

			strbuf_addf(out, _("<%s> is not expected here"), elem);
			if (exp)
				strbuf_addf(out, _(": expected %s"), exp);
			free(exp);
		} else if (strstr(rest, "Character content other than whitespace is not allowed")) {
			strbuf_addf(out, _("<%s> may not hold text here"), elem);
		} else {
			if (attr)
				strbuf_addf(out, _("<%s> attribute '%s': %s"), elem, attr, rest);
			else
				strbuf_addf(out, "<%s>: %s", elem, rest);
		}
	} else {
		strbuf_addstr(out, m.buf);
		if (out->len && out->buf[0] >= 'A' && out->buf[0] <= 'Z')
			out->buf[0] = (char)(out->buf[0] - 'A' + 'a');
	}
	/* "( item )" lists come back as "item"; trim the spaces libxml2 leaves. */
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	free(elem);
	free(attr);
	strbuf_release(&m);
}

/*
 * The parser's well-formedness messages in plain words (libxml2 2.9.14's
 * wording is matched; anything else keeps its own text, namespaces removed;
 * pipeline/LIBRARIES.md, "libxml2 2.9.14").
 */
static void parser_message(struct strbuf *out, const xmlError *err)
{
	const char *m = err->message ? err->message : "";
	char *a = NULL, *b = NULL;

	if (strstr(m, "xcessive depth")) {
		strbuf_addstr(out, _("elements nested more than 256 deep: no parx document is nested like this"));
	} else if (strstr(m, "xmlParseCharRef: invalid xmlChar value") ||
		   strstr(m, "invalid Char value") || strstr(m, "out of allowed range")) {
		strbuf_addf(out, _("the character U+%04X is not allowed in XML text (a control character?): remove it"),
			    (unsigned)err->int1);
	} else if (strstr(m, "Opening and ending tag mismatch")) {
		char open[64] = "?", close[64] = "?";
		int line = 0;

		sscanf(m, "Opening and ending tag mismatch: %63s line %d and %63s", open, &line, close);
		strbuf_addf(out, _("end tag </%s> does not match <%s>, opened on line %d"), close, open, line);
	} else if (strstr(m, "Premature end of data in tag")) {
		char open[64] = "?";
		int line = 0;

		sscanf(m, "Premature end of data in tag %63s line %d", open, &line);
		strbuf_addf(out, _("the file ends inside <%s>, opened on line %d: it looks truncated"), open, line);
	} else if (strstr(m, "EndTag: '</' not found") || strstr(m, "Couldn't find end of Start Tag")) {
		strbuf_addstr(out, _("the file ends in the middle of a tag: it looks truncated"));
	} else if (strstr(m, "Extra content at the end of the document")) {
		strbuf_addstr(out, _("more content after the end of the document element"));
	} else if (strstr(m, "Document is empty") || strstr(m, "Start tag expected")) {
		strbuf_addstr(out, _("no XML document here: the file should start with <?xml ...?> and an element"));
	} else if (strstr(m, "xmlParseEntityRef: no name")) {
		strbuf_addstr(out, _("'&' is not followed by an entity name: write &amp; for an '&' in text"));
	} else if (strstr(m, "Entity '") && strstr(m, "not defined")) {
		a = between(m, "Entity '", '\'');
		strbuf_addf(out, _("entity &%s; is not defined: only &amp; &lt; &gt; &quot; &apos; may be used"),
			    a ? a : "?");
	} else if (strstr(m, "StartTag: invalid element name")) {
		strbuf_addstr(out, _("'<' is not followed by an element name: write &lt; for a '<' in text"));
	} else if (strstr(m, "AttValue: \" or ' expected") || strstr(m, "attributes construct error")) {
		strbuf_addstr(out, _("malformed attribute: values are written name=\"value\""));
	} else {
		strip_namespaces(out, m);
		if (out->len && out->buf[0] >= 'A' && out->buf[0] <= 'Z')
			out->buf[0] = (char)(out->buf[0] - 'A' + 'a');
	}
	free(a);
	free(b);
}

static void on_error(void *ctx, xmlErrorPtr err)
{
	struct load_state *st = ctx;
	struct strbuf msg = STRBUF_INIT;

	if (!err || err->level == XML_ERR_WARNING)
		return;
	if (st->doctype_line && err->code == XML_ERR_USER_STOP)
		return;
	/* After the first fatal parse error, libxml2's further messages are echoes (pipeline/LIBRARIES.md, "libxml2 2.9.14"). */
	if (st->nerrors && err->domain == XML_FROM_PARSER)
		return;
	if (err->domain == XML_FROM_PARSER)
		parser_message(&msg, err);
	else
		plain_message(&msg, err->message ? err->message : "malformed XML");
	diag_error_text(st->d, st->path, err->line, msg.buf);
	st->nerrors++;
	strbuf_release(&msg);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;

	(void)name;
	(void)eid;
	(void)sid;
	if (!st->doctype_line) {
		st->doctype_line = ctxt->input ? ctxt->input->line : 1;
		diag_error(st->d, st->path, st->doctype_line,
			   "a DOCTYPE is not allowed: parx never reads DTDs or entities; remove the <!DOCTYPE ...> declaration");
	}
	xmlStopParser(ctxt);
}

/* Line of byte offset `off` in buf. */
static int line_at(const char *buf, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* Returns the offset of the first byte that is not valid UTF-8, or (size_t)-1. */
static size_t bad_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k;
		unsigned cp;

		if (c < 0x80) {
			if (c == 0)
				return i;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) { k = 1; cp = c & 0x1F; }
		else if (c >= 0xE0 && c <= 0xEF) { k = 2; cp = c & 0x0F; }
		else if (c >= 0xF0 && c <= 0xF4) { k = 3; cp = c & 0x07; }
		else
			return i;
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += k + 1;
	}
	return (size_t)-1;
}

static int check_utf8(const char *path, const struct strbuf *raw, struct diag *d);

/* Screens the start of the raw bytes: no UTF-16, no declared encoding but UTF-8. */
static int check_declaration(const char *path, const struct strbuf *raw, struct diag *d,
			     const char *what)
{
	const unsigned char *s = (const unsigned char *)raw->buf;

	if (raw->len == 0 || strspn(raw->buf, " \t\r\n") == raw->len) {
		diag_error(d, path, 1, "the file is empty: a <%s> document is expected", what);
		return -1;
	}
	if (raw->len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF) ||
			      (s[0] == 0 && s[1] == '<') || (s[0] == '<' && s[1] == 0))) {
		diag_error(d, path, 1, "file is UTF-16: only UTF-8 is accepted; save it as UTF-8");
		return -1;
	}
	if (raw->len >= 5 && !memcmp(s, "<?xml", 5)) {
		const char *end = memchr(raw->buf, '>', raw->len);
		const char *enc = NULL;

		if (end) {
			struct strbuf decl = STRBUF_INIT;

			strbuf_add(&decl, raw->buf, (size_t)(end - raw->buf));
			enc = strstr(decl.buf, "encoding");
			if (enc) {
				const char *q = strpbrk(enc, "\"'");

				if (q) {
					const char *e = strchr(q + 1, *q);
					size_t n = e ? (size_t)(e - q - 1) : 0;

					if (!(n == 5 && !strncasecmp(q + 1, "UTF-8", 5)) &&
					    !(n == 4 && !strncasecmp(q + 1, "UTF8", 4))) {
						diag_error(d, path, 1,
							   "declared encoding '%.*s' is not accepted: only UTF-8 is; save the file as UTF-8",
							   (int)(n > 40 ? 40 : n), q + 1);
						strbuf_release(&decl);
						return -1;
					}
				}
			}
			strbuf_release(&decl);
		}
	}
	/* UTF-8 XML never holds a NUL; libxml2 would guess another encoding from it (pipeline/LIBRARIES.md, "libxml2 2.9.14"). */
	if (memchr(raw->buf, '\0', raw->len))
		return check_utf8(path, raw, d);
	return 0;
}

/* Locates the first byte that is not UTF-8, in words a clerk understands. */
static int check_utf8(const char *path, const struct strbuf *raw, struct diag *d)
{
	const unsigned char *s = (const unsigned char *)raw->buf;
	size_t off = bad_utf8(s, raw->len);

	if (off != (size_t)-1) {
		diag_error(d, path, line_at(raw->buf, off),
			   s[off] ? "byte 0x%02X is not valid UTF-8: save the file as UTF-8 (it may be Latin-1, CP1258 or a legacy Vietnamese encoding)"
				  : "a NUL byte (0x%02X) is not allowed in XML text",
			   s[off]);
		return -1;
	}
	return 0;
}

static xmlDocPtr parse(const char *path, const struct strbuf *raw, struct load_state *st)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	int wf;

	if (raw->len > INT32_MAX)
		return NULL;
	ctxt = xmlCreateMemoryParserCtxt(raw->buf, (int)raw->len);
	if (!ctxt) {
		diag_error(st->d, path, 0, "cannot start the XML parser");
		return NULL;
	}
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	/* The bytes were checked to be UTF-8: never let the parser guess otherwise. */
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->externalSubset = NULL;
	ctxt->_private = st;
	if (ctxt->input && !ctxt->input->filename)
		ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)path);
	xmlSetStructuredErrorFunc(st, on_error);
	xmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	wf = ctxt->wellFormed && !st->doctype_line;
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
	if (doc && (!wf || doc->intSubset)) {
		if (!st->nerrors && !st->doctype_line)
			diag_error(st->d, path, 1, "malformed XML");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (!doc && !st->nerrors && !st->doctype_line)
		diag_error(st->d, path, 1, "malformed XML: no document element");
	return doc;
}

/* Skips raw[*i..] past the first occurrence of `end`, counting lines. */
static void skip_past(const char *raw, size_t len, size_t *i, const char *end, int *line)
{
	size_t n = strlen(end);

	while (*i < len && (*i + n > len || memcmp(raw + *i, end, n))) {
		*line += raw[*i] == '\n';
		(*i)++;
	}
	*i = *i + n < len ? *i + n : len;
}

/*
 * libxml2 numbers an element by the line where its start tag ends; parx reports
 * problems at the line of its '<' (input/FORMATS.md, "Problems and what parx
 * says"; pipeline/LIBRARIES.md, "libxml2 2.9.14"), where a reader looks for the
 * tag. The start tags of the raw text, in order, are the elements in document
 * order, so each element takes the line of its own '<'. Lines past 65535, which
 * libxml2 keeps elsewhere, are left as they are.
 */
static void lines_of_start_tags(xmlDocPtr doc, const char *raw, size_t len)
{
	int *starts = NULL, line = 1;
	size_t n = 0, alloc = 0, i = 0, k = 0;
	xmlNodePtr node = xmlDocGetRootElement(doc);

	while (i < len) {
		if (raw[i] == '\n')
			line++;
		if (raw[i] != '<') {
			i++;
			continue;
		}
		if (!strncmp(raw + i, "<!--", 4)) {
			skip_past(raw, len, &i, "-->", &line);
		} else if (!strncmp(raw + i, "<![CDATA[", 9)) {
			skip_past(raw, len, &i, "]]>", &line);
		} else if (raw[i + 1] == '?') {
			skip_past(raw, len, &i, "?>", &line);
		} else if (raw[i + 1] == '/' || raw[i + 1] == '!') {
			skip_past(raw, len, &i, ">", &line);
		} else {
			char q = 0;

			xgrow(&starts, &alloc, n + 1, sizeof(*starts));
			starts[n++] = line;
			for (i++; i < len && (q || raw[i] != '>'); i++) {
				line += raw[i] == '\n';
				if (q && raw[i] == q)
					q = 0;
				else if (!q && (raw[i] == '"' || raw[i] == '\''))
					q = raw[i];
			}
			i++;
		}
	}
	/* Pre-order walk of the elements. */
	while (node && k < n) {
		if (node->type == XML_ELEMENT_NODE) {
			if (node->line < 65535 && starts[k] < 65535)
				node->line = (unsigned short)starts[k];
			k++;
		}
		if (node->type == XML_ELEMENT_NODE && node->children) {
			node = node->children;
			continue;
		}
		while (node && !node->next && node->parent && node->parent->type != XML_DOCUMENT_NODE)
			node = node->parent;
		node = node ? node->next : NULL;
	}
	free(starts);
}

xmlDocPtr xmldoc_load(const char *path, enum xmldoc_kind kind, struct diag *d, char sha256[65])
{
	struct strbuf raw = STRBUF_INIT;
	struct load_state st = { d, path, 0, 0 };
	struct diag parse_diag;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	xmlSchemaValidCtxtPtr vc;

	if (sha256)
		sha256[0] = '\0';
	if (xmldoc_init() < 0 || file_read(path, &raw, d) < 0)
		goto out;
	if (sha256)
		sha256_hex(raw.buf, raw.len, sha256);
	if (check_declaration(path, &raw, d, kinds[kind].root) < 0)
		goto out;
	/*
	 * libxml2 checks UTF-8 as it parses, so only a document that fails pays
	 * for the scan that says where a bad byte is in plain words; its message
	 * then replaces the parser's.
	 */
	diag_init(&parse_diag);
	st.d = &parse_diag;
	doc = parse(path, &raw, &st);
	st.d = d;
	if (!doc && check_utf8(path, &raw, d) < 0) {
		diag_release(&parse_diag);
		goto out;
	}
	for (size_t i = 0; i < parse_diag.n; i++)
		diag_error_text(d, parse_diag.v[i].path, parse_diag.v[i].line, parse_diag.v[i].message);
	diag_release(&parse_diag);
	if (!doc)
		goto out;
	lines_of_start_tags(doc, raw.buf, raw.len);
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, kinds[kind].root) || !root->ns ||
	    strcmp((const char *)root->ns->href, kinds[kind].ns)) {
		if (root && root->ns)
			diag_error(d, path, xmldoc_line(root),
				   "root element is <%s> in namespace '%s', expected <%s xmlns=\"%s\">",
				   (const char *)root->name, (const char *)root->ns->href, kinds[kind].root,
				   kinds[kind].ns);
		else
			diag_error(d, path, root ? xmldoc_line(root) : 1,
				   "root element is <%s> without a namespace, expected <%s xmlns=\"%s\">",
				   root ? (const char *)root->name : "", kinds[kind].root, kinds[kind].ns);
		xmlFreeDoc(doc);
		doc = NULL;
		goto out;
	}
	vc = xmlSchemaNewValidCtxt(kinds[kind].schema);
	if (!vc) {
		diag_error(d, path, 0, "cannot start schema validation");
		xmlFreeDoc(doc);
		doc = NULL;
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(vc, on_error, &st);
	if (xmlSchemaValidateDoc(vc, doc) != 0) {
		if (!st.nerrors)
			diag_error(d, path, 1, "does not follow the %s schema", kinds[kind].root);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlSchemaFreeValidCtxt(vc);
out:
	strbuf_release(&raw);
	return doc;
}

/* ---- Reading ahead on another thread ------------------------------------------- */

/*
 * Parsing and validating a submission costs about as much as reading it into
 * the model; a second thread does the first while the caller does the
 * second, at most AHEAD_WINDOW files ahead (so that few documents wait in
 * memory). The caller takes the files in order, so its diagnostics come out
 * in the order one thread gives.
 */
#define AHEAD_WINDOW 32

struct ahead_slot {
	xmlDocPtr doc;
	struct diag d;   /* the file's problems, appended to the caller's when taken */
	char sha[65];
	int done;
};

struct xmldoc_ahead {
	char *const *paths;
	size_t n;
	enum xmldoc_kind kind;
	int hash;
	struct ahead_slot *slot;  /* [n] */
	size_t taken;             /* files the caller has taken */
	int stop;
	int threaded;             /* 0: no thread could start; the caller parses itself */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t tid;
};

static void parse_slot(struct xmldoc_ahead *a, size_t k)
{
	struct ahead_slot *sl = &a->slot[k];

	diag_init(&sl->d);
	sl->sha[0] = '\0';
	sl->doc = xmldoc_load(a->paths[k], a->kind, &sl->d, a->hash ? sl->sha : NULL);
}

static void *ahead_worker(void *arg)
{
	struct xmldoc_ahead *a = arg;

	xmlSetGenericErrorFunc(NULL, silent); /* libxml2's handlers are per thread */
	for (size_t k = 0; k < a->n; k++) {
		pthread_mutex_lock(&a->mu);
		while (!a->stop && k >= a->taken + AHEAD_WINDOW)
			pthread_cond_wait(&a->cv, &a->mu);
		pthread_mutex_unlock(&a->mu);
		if (a->stop)
			break;
		parse_slot(a, k);
		pthread_mutex_lock(&a->mu);
		a->slot[k].done = 1;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
	}
	return NULL;
}

struct xmldoc_ahead *xmldoc_ahead_start(char *const *paths, size_t n, enum xmldoc_kind kind,
					int hash)
{
	struct xmldoc_ahead *a = xcalloc(1, sizeof(*a));

	a->paths = paths;
	a->n = n;
	a->kind = kind;
	a->hash = hash;
	a->slot = xcalloc(n ? n : 1, sizeof(*a->slot));
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	/* Prepared here, once: the worker then only reads the schemas. */
	a->threaded = n > 1 && xmldoc_init() == 0 &&
		      pthread_create(&a->tid, NULL, ahead_worker, a) == 0;
	return a;
}

xmlDocPtr xmldoc_ahead_next(struct xmldoc_ahead *a, struct diag *d, char sha256[65])
{
	size_t k = a->taken;
	struct ahead_slot *sl = &a->slot[k];
	xmlDocPtr doc;

	if (k >= a->n)
		return NULL;
	if (a->threaded) {
		pthread_mutex_lock(&a->mu);
		while (!sl->done)
			pthread_cond_wait(&a->cv, &a->mu);
		pthread_mutex_unlock(&a->mu);
	} else {
		parse_slot(a, k);
	}
	diag_append(d, &sl->d);
	diag_release(&sl->d);
	if (sha256)
		memcpy(sha256, sl->sha, sizeof(sl->sha));
	doc = sl->doc;
	sl->doc = NULL;
	pthread_mutex_lock(&a->mu);
	a->taken = k + 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return doc;
}

void xmldoc_ahead_stop(struct xmldoc_ahead *a)
{
	if (!a)
		return;
	if (a->threaded) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->tid, NULL);
	}
	/* Files parsed but not taken (the caller stopped early). */
	for (size_t k = a->taken; k < a->n; k++)
		if (a->slot[k].done) {
			xmlFreeDoc(a->slot[k].doc);
			diag_release(&a->slot[k].d);
		}
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	free(a->slot);
	free(a);
}

static int is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && (!name || !strcmp((const char *)n->name, name));
}

xmlNodePtr xmldoc_first(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
		if (is_element(n, name))
			return n;
	return NULL;
}

xmlNodePtr xmldoc_next(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr n = node ? node->next : NULL; n; n = n->next)
		if (is_element(n, name))
			return n;
	return NULL;
}

int xmldoc_line(xmlNodePtr node)
{
	long l = xmlGetLineNo(node);

	return l > 0 && l < INT32_MAX ? (int)l : 0;
}

const char *xmldoc_attr(xmlNodePtr node, const char *name)
{
	xmlAttrPtr a = xmlHasProp(node, (const xmlChar *)name);
	char *v, *end;

	if (!a)
		return NULL;
	if (!a->children || !a->children->content)
		return "";
	/*
	 * Every attribute value is trimmed (input/FORMATS.md), numbers and keywords
	 * included: white space and no-break spaces at both ends are cut off in
	 * the tree itself, which this document owns.
	 */
	v = (char *)a->children->content;
	end = v + strlen(v);
	while (end > v && (strchr(" \t\r\n", end[-1]) ||
			   (end - v >= 2 && (unsigned char)end[-2] == 0xC2 && (unsigned char)end[-1] == 0xA0)))
		end -= strchr(" \t\r\n", end[-1]) ? 1 : 2;
	*end = '\0';
	while (*v && (strchr(" \t\r\n", *v) || ((unsigned char)v[0] == 0xC2 && (unsigned char)v[1] == 0xA0)))
		v += strchr(" \t\r\n", *v) ? 1 : 2;
	return v;
}
