/*
 * html.c: the portal's HTML trees and their serialiser (html.h).
 *
 * A page is a few thousand nodes made and written in well under a
 * millisecond, so everything of it is carved out of one arena of 32 KB
 * blocks, freed at once.
 */
#include "docs/html.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"

/* What HTML 4 says of an element (as libxml2's table of it does). */
enum {
	TAG_BLOCK = 1,	  /* a block: its children may go on lines of their own */
	TAG_INLINE = 2,	  /* inline: no line breaks of its own */
	TAG_VOID = 4,	  /* no content, no end tag (meta, br …) */
	TAG_OPEN_END = 8, /* written without end tag when empty (li) */
	TAG_RAW = 16,	  /* its text is written as it is (style, script) */
};

struct html_attr {
	const char *name, *value;
	struct html_attr *next;
};

struct html_node {
	const char *name; /* NULL for a text node */
	const char *text; /* a text node's content, unescaped */
	size_t len;
	unsigned flags;   /* TAG_*; 0 for an element HTML 4 did not know (main, section, svg, rect …) */
	struct html *h; /* the page whose arena holds the node */
	struct html_attr *attrs, *attrs_last;
	struct html_node *first, *last, *next;
};

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

struct html {
	struct arena_block *blocks;
	struct html_node *html, *head, *body;
};

#define ARENA_BLOCK 32768

static void *arena_alloc(struct html *h, size_t n)
{
	struct arena_block *b = h->blocks;
	void *p;

	n = (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		b->next = h->blocks;
		h->blocks = b;
	}
	p = b->data + b->used;
	b->used += n;
	return p;
}

static const char *arena_strndup(struct html *h, const char *s, size_t len)
{
	char *p = arena_alloc(h, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* ---- What HTML 4 says of an element ---------------------------------------- */

/* Every element of HTML 4, sorted for bsearch. */
static const struct tag {
	const char *name;
	unsigned flags;
} tags[] = {
	{ "a", TAG_INLINE },
	{ "abbr", TAG_INLINE },
	{ "acronym", TAG_INLINE },
	{ "address", TAG_BLOCK },
	{ "applet", TAG_INLINE },
	{ "area", TAG_BLOCK | TAG_VOID },
	{ "b", TAG_INLINE },
	{ "base", TAG_BLOCK | TAG_VOID },
	{ "basefont", TAG_INLINE | TAG_VOID },
	{ "bdo", TAG_INLINE },
	{ "big", TAG_INLINE },
	{ "blockquote", TAG_BLOCK },
	{ "body", TAG_BLOCK },
	{ "br", TAG_INLINE | TAG_VOID },
	{ "button", TAG_INLINE },
	{ "caption", TAG_BLOCK },
	{ "center", TAG_BLOCK },
	{ "cite", TAG_INLINE },
	{ "code", TAG_INLINE },
	{ "col", TAG_BLOCK | TAG_VOID },
	{ "colgroup", TAG_BLOCK },
	{ "dd", TAG_BLOCK },
	{ "del", TAG_INLINE },
	{ "dfn", TAG_INLINE },
	{ "dir", TAG_BLOCK },
	{ "div", TAG_BLOCK },
	{ "dl", TAG_BLOCK },
	{ "dt", TAG_BLOCK },
	{ "em", TAG_INLINE },
	{ "embed", TAG_INLINE },
	{ "fieldset", TAG_BLOCK },
	{ "font", TAG_INLINE },
	{ "form", TAG_BLOCK },
	{ "frame", TAG_BLOCK | TAG_VOID },
	{ "frameset", TAG_BLOCK },
	{ "h1", TAG_BLOCK },
	{ "h2", TAG_BLOCK },
	{ "h3", TAG_BLOCK },
	{ "h4", TAG_BLOCK },
	{ "h5", TAG_BLOCK },
	{ "h6", TAG_BLOCK },
	{ "head", TAG_BLOCK },
	{ "hr", TAG_BLOCK | TAG_VOID },
	{ "html", TAG_BLOCK },
	{ "i", TAG_INLINE },
	{ "iframe", TAG_INLINE },
	{ "img", TAG_INLINE | TAG_VOID },
	{ "input", TAG_INLINE | TAG_VOID },
	{ "ins", TAG_INLINE },
	{ "isindex", TAG_BLOCK | TAG_VOID },
	{ "kbd", TAG_INLINE },
	{ "label", TAG_INLINE },
	{ "legend", TAG_BLOCK },
	{ "li", TAG_BLOCK | TAG_OPEN_END },
	{ "link", TAG_BLOCK | TAG_VOID },
	{ "map", TAG_INLINE },
	{ "menu", TAG_BLOCK },
	{ "meta", TAG_BLOCK | TAG_VOID },
	{ "noframes", TAG_BLOCK },
	{ "noscript", TAG_BLOCK },
	{ "object", TAG_INLINE },
	{ "ol", TAG_BLOCK },
	{ "optgroup", TAG_BLOCK },
	{ "option", TAG_BLOCK },
	{ "p", TAG_BLOCK },
	{ "param", TAG_BLOCK | TAG_VOID },
	{ "pre", TAG_BLOCK },
	{ "q", TAG_INLINE },
	{ "s", TAG_INLINE },
	{ "samp", TAG_INLINE },
	{ "script", TAG_INLINE | TAG_RAW },
	{ "select", TAG_INLINE },
	{ "small", TAG_INLINE },
	{ "span", TAG_INLINE },
	{ "strike", TAG_INLINE },
	{ "strong", TAG_INLINE },
	{ "style", TAG_BLOCK | TAG_RAW },
	{ "sub", TAG_INLINE },
	{ "sup", TAG_INLINE },
	{ "table", TAG_BLOCK },
	{ "tbody", TAG_BLOCK },
	{ "td", TAG_BLOCK },
	{ "textarea", TAG_INLINE },
	{ "tfoot", TAG_BLOCK },
	{ "th", TAG_BLOCK },
	{ "thead", TAG_BLOCK },
	{ "title", TAG_BLOCK },
	{ "tr", TAG_BLOCK },
	{ "tt", TAG_INLINE },
	{ "u", TAG_INLINE },
	{ "ul", TAG_BLOCK },
	{ "var", TAG_INLINE },
};

static int cmp_tag(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static unsigned tag_flags(const char *name)
{
	const struct tag *t = bsearch(name, tags, ARRAY_SIZE(tags), sizeof(*tags), cmp_tag);

	return t ? t->flags : 0;
}

/* ---- Building ----------------------------------------------------------------- */

static void append(struct html_node *parent, struct html_node *n)
{
	if (parent->last)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
}

static struct html_node *new_element(struct html *h, const char *name)
{
	struct html_node *n = arena_alloc(h, sizeof(*n));

	*n = (struct html_node){ .name = arena_strndup(h, name, strlen(name)), .h = h, .flags = tag_flags(name) };
	return n;
}

struct html *html_new(void)
{
	struct html *h = xcalloc(1, sizeof(*h));

	h->html = new_element(h, "html");
	html_attr(h->html, "lang", "vi");
	h->head = html_el(h->html, "head", NULL);
	h->body = html_el(h->html, "body", NULL);
	return h;
}

void html_free(struct html *h)
{
	if (!h)
		return;
	while (h->blocks) {
		struct arena_block *next = h->blocks->next;

		free(h->blocks);
		h->blocks = next;
	}
	free(h);
}

struct html_node *html_head(struct html *h)
{
	return h->head;
}

struct html_node *html_body(struct html *h)
{
	return h->body;
}

struct html_node *html_el(struct html_node *parent, const char *name, const char *text)
{
	struct html_node *n = new_element(parent->h, name);

	if (text)
		html_text(n, text);
	append(parent, n);
	return n;
}

void html_attr(struct html_node *n, const char *name, const char *value)
{
	struct html *h = n->h;
	struct html_attr *a;

	for (a = n->attrs; a; a = a->next)
		if (!strcmp(a->name, name))
			break;
	if (!a) {
		a = arena_alloc(h, sizeof(*a));
		*a = (struct html_attr){ .name = arena_strndup(h, name, strlen(name)) };
		if (n->attrs_last)
			n->attrs_last->next = a;
		else
			n->attrs = a;
		n->attrs_last = a;
	}
	a->value = arena_strndup(h, value, strlen(value));
}

void html_text(struct html_node *n, const char *text)
{
	struct html *h = n->h;
	size_t len = strlen(text);
	struct html_node *t = n->last;

	if (!len)
		return;
	if (t && !t->name) { /* one text node, as a parser would read it back */
		char *joined = arena_alloc(h, t->len + len + 1);

		memcpy(joined, t->text, t->len);
		memcpy(joined + t->len, text, len + 1);
		t->text = joined;
		t->len += len;
		return;
	}
	t = arena_alloc(h, sizeof(*t));
	*t = (struct html_node){ .text = arena_strndup(h, text, len), .len = len, .h = h };
	append(n, t);
}

/* ---- Writing ------------------------------------------------------------------ */

/* Text content: & < > as references; the rest as it is (UTF-8). */
static void add_text(struct strbuf *out, const char *s, size_t len)
{
	const char *run = s, *end = s + len;

	for (; s < end; s++) {
		const char *ref = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;

		if (!ref)
			continue;
		strbuf_add(out, run, (size_t)(s - run));
		strbuf_addstr(out, ref);
		run = s + 1;
	}
	strbuf_add(out, run, (size_t)(end - run));
}

static int is_url_attr(const char *name)
{
	return !strcmp(name, "href") || !strcmp(name, "src") || !strcmp(name, "action");
}

/*
 * An address: leading white space dropped, & < > as references, and what may
 * not stand in a URL (space, '"', bytes of UTF-8 …) as %XX.
 */
static void add_url(struct strbuf *out, const char *s)
{
	static const char keep[] = "-_.!~*'()@/:=?;#%,+";

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&' || c == '<' || c == '>')
			add_text(out, s, 1);
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(keep, c))
			strbuf_addch(out, (char)c);
		else
			strbuf_addf(out, "%%%02X", c);
	}
}

/*
 * An attribute: name="value", its & < > as references; a value holding '"'
 * is quoted with ' unless it holds both quotes, when '"' is &quot;.
 */
static void add_attr(struct strbuf *out, const struct html_attr *a)
{
	const char *v = a->value;
	int dq = !is_url_attr(a->name) && strchr(v, '"'), sq = dq && strchr(v, '\'');

	strbuf_addch(out, ' ');
	strbuf_addstr(out, a->name);
	strbuf_addstr(out, dq && !sq ? "='" : "=\"");
	if (is_url_attr(a->name)) {
		add_url(out, v);
	} else if (!sq) {
		add_text(out, v, strlen(v));
	} else {
		for (const char *q; (q = strchr(v, '"')); v = q + 1) {
			add_text(out, v, (size_t)(q - v));
			strbuf_addstr(out, "&quot;");
		}
		add_text(out, v, strlen(v));
	}
	strbuf_addch(out, dq && !sq ? '\'' : '"');
}

/*
 * Whether a block's children start on a line of their own (`edge` its first
 * child) or its end tag does (`edge` its last): it has several, the edge one an
 * element, and it is not a p.
 */
static int line_inside(const struct html_node *n, const struct html_node *edge)
{
	return (n->flags & TAG_BLOCK) && n->first != n->last && edge->name && n->name[0] != 'p';
}

/* Whether a line break follows n, a child of parent. */
static int line_after(const struct html_node *n, const struct html_node *parent)
{
	return (n->flags & TAG_BLOCK) && n->next && n->next->name && parent && parent->name[0] != 'p';
}

static void write_node(const struct html_node *n, const struct html_node *parent, struct strbuf *out)
{
	if (!n->name) {
		if (parent && (parent->flags & TAG_RAW))
			strbuf_add(out, n->text, n->len);
		else
			add_text(out, n->text, n->len);
		return;
	}
	strbuf_addch(out, '<');
	strbuf_addstr(out, n->name);
	for (const struct html_attr *a = n->attrs; a; a = a->next)
		add_attr(out, a);
	if ((n->flags & TAG_VOID) || (!n->first && (n->flags & TAG_OPEN_END))) {
		strbuf_addch(out, '>');
	} else {
		strbuf_addch(out, '>');
		if (line_inside(n, n->first))
			strbuf_addch(out, '\n');
		for (const struct html_node *c = n->first; c; c = c->next)
			write_node(c, n, out);
		if (line_inside(n, n->last))
			strbuf_addch(out, '\n');
		strbuf_addstr(out, "</");
		strbuf_addstr(out, n->name);
		strbuf_addch(out, '>');
	}
	if (line_after(n, parent))
		strbuf_addch(out, '\n');
}

void html_write(const struct html *h, const struct html_node *n, struct strbuf *out)
{
	if (n) {
		write_node(n, NULL, out);
		return;
	}
	strbuf_addstr(out, "<!DOCTYPE html>\n");
	write_node(h->html, NULL, out);
	strbuf_addch(out, '\n');
}
