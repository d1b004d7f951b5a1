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

enum tag_kind {
	TAG_UNKNOWN, /* not an element of HTML 4 (main, section, svg, rect …): no line breaks of its own */
	TAG_BLOCK,
	TAG_INLINE,
};

struct html_attr {
	const char *name, *value;
	struct html_attr *next;
};

struct html_node {
	const char *name; /* NULL for a text node */
	const char *text; /* a text node's content, unescaped */
	size_t len;
	enum tag_kind kind;
	unsigned char is_void;	/* no content, no end tag (meta, br …) */
	unsigned char open_end; /* written without end tag when empty (li) */
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

/* Sorted, for bsearch. */
static const char *const void_tags[] = {
	"area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link", "meta", "param",
};

static const char *const inline_tags[] = {
	"a", "abbr", "acronym", "applet", "b", "basefont", "bdo", "big", "br", "button", "cite", "code", "del", "dfn",
	"em", "embed", "font", "i", "iframe", "img", "input", "ins", "kbd", "label", "map", "object", "q", "s",
	"samp", "script", "select", "small", "span", "strike", "strong", "sub", "sup", "textarea", "tt", "u", "var",
};

static const char *const block_tags[] = {
	"address", "area", "base", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "dir", "div",
	"dl", "dt", "fieldset", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr",
	"html", "isindex", "legend", "li", "link", "menu", "meta", "noframes", "noscript", "ol", "optgroup",
	"option", "p", "param", "pre", "style", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
};

static int cmp_tag(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int in_tags(const char *name, const char *const *tags, size_t n)
{
	return bsearch(name, tags, n, sizeof(*tags), cmp_tag) != NULL;
}

static void classify(struct html_node *n)
{
	if (in_tags(n->name, inline_tags, ARRAY_SIZE(inline_tags)))
		n->kind = TAG_INLINE;
	else if (in_tags(n->name, block_tags, ARRAY_SIZE(block_tags)))
		n->kind = TAG_BLOCK;
	else
		n->kind = TAG_UNKNOWN;
	n->is_void = in_tags(n->name, void_tags, ARRAY_SIZE(void_tags));
	n->open_end = !strcmp(n->name, "li");
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

	*n = (struct html_node){ .name = arena_strndup(h, name, strlen(name)), .h = h };
	classify(n);
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
	return n->kind == TAG_BLOCK && n->first != n->last && edge->name && n->name[0] != 'p';
}

/* Whether a line break follows n, a child of parent. */
static int line_after(const struct html_node *n, const struct html_node *parent)
{
	return n->kind == TAG_BLOCK && n->next && n->next->name && parent && parent->name[0] != 'p';
}

static void write_node(const struct html_node *n, const struct html_node *parent, struct strbuf *out)
{
	if (!n->name) {
		if (parent && (!strcmp(parent->name, "style") || !strcmp(parent->name, "script")))
			strbuf_add(out, n->text, n->len);
		else
			add_text(out, n->text, n->len);
		return;
	}
	strbuf_addch(out, '<');
	strbuf_addstr(out, n->name);
	for (const struct html_attr *a = n->attrs; a; a = a->next)
		add_attr(out, a);
	if (n->is_void || (!n->first && n->open_end)) {
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
