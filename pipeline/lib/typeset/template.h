/*
 * template.h: the article templates of templates/ (templates/README.md is the
 * clerk's description of the syntax), read and filled in.
 *
 * A template is UTF-8 text, one paragraph per line:
 *
 *     # a comment line
 *     Điều 1. Công bố Chỉ số cải cách hành chính năm {nam} của {so_don_vi} đơn vị:
 *     {#nhom}
 *     {nhom.stt}. {nhom.ten}: {#xep_loai|, | và }{xep_loai.so} {xep_loai.ten}{/xep_loai}{nhom.ket}
 *     {/nhom}
 *
 *  - blank lines and lines whose first visible character is '#' are skipped;
 *  - {name} is replaced by a value of the model (a "scope", below);
 *  - {#list} ... {/list} repeats what it encloses once per element of a list,
 *    whose values are written {list.name}; every element also has
 *    {list.stt} (1, 2, ...) and {list.ket} (";" for every element but the
 *    last, "." for the last), whatever the model says;
 *  - a list lies within one line ({#list|SEP|LAST}...{/list}, SEP put
 *    between elements and LAST, if given, before the last one), or its
 *    {#list} and {/list} each stand alone on their own lines and it repeats
 *    the lines in between (no separators then);
 *  - {^list} ... {/list} is set once when the list is empty (or absent from
 *    the model's data), never otherwise: the wording to use when an optional
 *    particular is not given; it takes no separators;
 *  - a list inside a list is looked for in the enclosing elements first
 *    (innermost first), then at the top of the model;
 *  - "{{" and "}}" are literal braces.
 *
 * Every line is screened as user-edited text (text.h text_checked: NFC, no
 * legacy encoding, no control characters; tabs count as spaces). Problems are
 * located diagnostics "path:line: error: ..." in a struct diag, all of them
 * at once: malformed structure when parsing, unknown placeholders (checked
 * against everything the model could give, even for empty lists) when
 * filling in.
 */
#ifndef PARX_TEMPLATE_H
#define PARX_TEMPLATE_H

#include <stddef.h>

#include "base/diag.h"

/* ---- The model: named values and named lists of elements ------------------ */

struct tpl_scope;

struct tpl_scope *tpl_scope_new(void);
void tpl_scope_free(struct tpl_scope *s);

/* Sets value `name` (copied; '\n' and '\t' become spaces). A later set replaces it. */
void tpl_set(struct tpl_scope *s, const char *name, const char *value);
void tpl_setf(struct tpl_scope *s, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Declares list `name` in s (idempotent) and returns its prototype: the names
 * set on it (values unused) and the lists declared in it tell what every
 * element may hold, so that a template using an empty list is still checked.
 * Borrowed, owned by s.
 */
struct tpl_scope *tpl_list_declare(struct tpl_scope *s, const char *name);

/* Appends an element to list `name` of s (declared if needed) and returns it (borrowed). */
struct tpl_scope *tpl_list_add(struct tpl_scope *s, const char *name);

/* ---- Templates ------------------------------------------------------------ */

struct tpl;

/*
 * Parses text[0..len) read from `path` (the name used in messages). Returns
 * the template, or NULL after reporting every problem in d (lines that fail
 * the text screen, unbalanced or crossed lists, a list that is neither within
 * a line nor alone on its lines, separators on a list of lines, unclosed or
 * empty braces, malformed names). A leading UTF-8 BOM is ignored.
 */
struct tpl *tpl_parse(const char *path, const char *text, size_t len, struct diag *d);
void tpl_free(struct tpl *t);

/* One line of the filled-in template: a paragraph, and the template line it came from. */
struct tpl_line {
	char *text; /* NFC, trimmed, never empty */
	int line;
};

struct tpl_output {
	struct tpl_line *v;
	size_t n, alloc;
};

/*
 * Checks every placeholder and list of t against what `root` can give, then
 * fills the template in: out receives the non-empty lines (replacing what it
 * held). Returns 0, or -1 after reporting each unknown placeholder
 * ("unknown placeholder '{xyz}'"), unknown list, or element value used
 * outside its list in d (out is then empty).
 */
int tpl_fill(const struct tpl *t, const struct tpl_scope *root, struct tpl_output *out,
	     struct diag *d);
void tpl_output_release(struct tpl_output *out);

#endif
