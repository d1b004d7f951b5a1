/*
 * xmldoc.h: reading the user's XML safely and checking it against parx's schemas.
 *
 * Every document is read from memory (bounded by fileio.h) with no network, no
 * DTD, no entity substitution: a document with a DOCTYPE is refused at its line
 * before any of it is used, an encoding other than UTF-8 is refused, and a
 * global entity loader refuses every external fetch. Structure is then checked
 * against the XSD of its kind (pipeline/schema/, compiled into the program and
 * parsed once per process); its messages come out as located diagnostics.
 */
#ifndef PARX_XMLDOC_H
#define PARX_XMLDOC_H

#include <libxml/tree.h>

#include "base/diag.h"

enum xmldoc_kind { XMLDOC_INDEX, XMLDOC_SUBMISSION, XMLDOC_PUBLICATION };

#define NS_INDEX "urn:parx:index:1"
#define NS_SUBMISSION "urn:parx:submission:1"
#define NS_PUBLICATION "urn:parx:publication:1"

/* Prepares libxml2 once per process (thread-safe). Returns 0 or -1 after error(). */
int xmldoc_init(void);

/*
 * Reads `path`, parses and validates it as `kind`. Problems go to `d` at their
 * lines. Returns the document (caller frees with xmlFreeDoc) when it is
 * well-formed and valid, else NULL. `sha256` (NULL: not computed) receives
 * the hex digest of the raw bytes when the file could be read.
 */
xmlDocPtr xmldoc_load(const char *path, enum xmldoc_kind kind, struct diag *d, char sha256[65]);

/*
 * Files of one kind read in order, each parsed and validated ahead on another
 * thread while the caller uses the one before: xmldoc_ahead_next() returns
 * the next file's document as xmldoc_load() would (NULL: not usable) and
 * appends its problems to `d` then, so they come in the files' order. With
 * `hash`, `sha256` receives the file's digest. `paths` must outlive the
 * reader; xmldoc_ahead_stop() ends it, taken or not.
 */
struct xmldoc_ahead;
struct xmldoc_ahead *xmldoc_ahead_start(char *const *paths, size_t n, enum xmldoc_kind kind,
					int hash);
xmlDocPtr xmldoc_ahead_next(struct xmldoc_ahead *a, struct diag *d, char sha256[65]);
void xmldoc_ahead_stop(struct xmldoc_ahead *a);

/* Element children by local name, attribute access, cleaned text. */
xmlNodePtr xmldoc_first(xmlNodePtr parent, const char *name);
xmlNodePtr xmldoc_next(xmlNodePtr node, const char *name);
int xmldoc_line(xmlNodePtr node);
/* The raw value of attribute `name` (borrowed until the next call), or NULL. */
const char *xmldoc_attr(xmlNodePtr node, const char *name);

#endif
