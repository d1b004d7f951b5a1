/*
 * html.h: the small HTML tree the portal's pages are built as (web.c), and
 * its serialiser. Text and attribute values are escaped when the tree is
 * written, never by the caller, so a unit's name with "&" or "<" in it stays
 * text.
 *
 *     struct html *h = html_new();
 *     struct html_node *p = html_el(html_body(h), "p", "Tổng điểm: ");
 *
 *     html_attr(html_el(p, "a", "xem"), "href", "don-vi/X.html");
 *     html_text(p, ".");
 *     html_write(h, NULL, &sb);               (the page, from <!DOCTYPE html>)
 *     html_free(h);
 *
 * Everything of a page (nodes, names, texts) lives in one arena freed by
 * html_free(); a page is made by one thread, different pages by many.
 *
 * The layout of the text written is the one libxml2's HTML serialiser gave
 * (the portal was written by it until 2026; pipeline/DOCUMENTS.md, "The
 * portal"), so that pages stay byte-identical: a block element (p, div,
 * table, tr, li, h1 …) with several children starts them on a line of their
 * own if the first is an element, and its end tag if the last is; elements HTML 4 did not know (main, section,
 * figure, svg and its shapes …) and inline ones (a) add no line break; void
 * elements (meta) have no end tag.
 */
#ifndef PARX_HTML_H
#define PARX_HTML_H

#include "base/strbuf.h"

struct html;
struct html_node;

/* A page: <!DOCTYPE html><html lang="vi"> with an empty <head> and <body>. */
struct html *html_new(void);
void html_free(struct html *h);

struct html_node *html_head(struct html *h);
struct html_node *html_body(struct html *h);

/* A new element `name` as the last child of `parent`, holding `text` if not NULL. */
struct html_node *html_el(struct html_node *parent, const char *name, const char *text);

/* Sets attribute `name` of `n` to `value` (the attributes are written in the order first set). */
void html_attr(struct html_node *n, const char *name, const char *value);

/* Appends `text` to `n`'s content, after its children (joined to a text that ends it). */
void html_text(struct html_node *n, const char *text);

/*
 * Appends the page to `out` (its last line ended), or, if `n` is not NULL,
 * only the element n, as a fragment to paste elsewhere (no newline after it).
 */
void html_write(const struct html *h, const struct html_node *n, struct strbuf *out);

#endif
