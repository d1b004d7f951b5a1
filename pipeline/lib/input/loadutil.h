/*
 * loadutil.h: small helpers shared by the XML loaders (index, submission,
 * publication): cleaned text of elements and attributes, and number checks
 * with the project's standard messages.
 */
#ifndef PARX_LOADUTIL_H
#define PARX_LOADUTIL_H

#include <libxml/tree.h>
#include <stdint.h>

#include "base/diag.h"

/* Where a loader is: the file (for messages) and the diagnostics. */
struct loadctx {
	const char *path;
	struct diag *d;
	int errors; /* errors reported through this context */
};

/* Cleaned (NFC, trimmed, screened) text content of `node`; NULL when reported. */
char *load_text(struct loadctx *c, xmlNodePtr node, const char *what);
/* Cleaned value of attribute `name`; NULL when absent (no message) or reported. */
char *load_attr(struct loadctx *c, xmlNodePtr node, const char *name, const char *what);
/*
 * Points attribute `name` ([0-9]+(.[0-9]{1,2})?) into *out. Returns 1 when
 * present and valid, 0 when absent, -1 when reported invalid.
 */
int load_points(struct loadctx *c, xmlNodePtr node, const char *name, int64_t *out);
/* Integer attribute ([0-9]+ up to 999 999 999): 1 valid, 0 absent, -1 reported. */
int load_count(struct loadctx *c, xmlNodePtr node, const char *name, int64_t *out);
/* Reports through the context (counts errors). */
void load_error(struct loadctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* 1 if s is a real date YYYY-MM-DD. */
int load_is_date(const char *s);
/* 1 if s is non-empty and has no white space. */
int load_is_code(const char *s);

#endif
