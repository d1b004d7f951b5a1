/*
 * sheet.h: the unit score sheet, don-vi/<code>.pdf
 * (pipeline/DOCUMENTS.md, "Unit score sheets: don-vi/\<code\>.pdf (sheet.c)"), and
 * the pieces of it that the reconciliation report (recon.c) shares.
 *
 * The document function itself, sheet_render(), is declared in render.h:
 *
 *     int sheet_render(const struct render_ctx *c, size_t unit, const char *path);
 *
 * It draws unit `unit` (an index in c->y->registry.units) of the scored year
 * into a new document and saves it atomically under `path`. It reads c->y and
 * c->r only, keeps no state between calls and may run on several threads at
 * once (one document per call), after pdfdoc_global_init().
 */
#ifndef PARX_SHEET_H
#define PARX_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "typeset/typeset.h"
#include "model/year.h"

/*
 * Appends the raw data of a score or an appraisal row as Vietnamese text,
 * e.g. "23/24" for a ratio or proportional item, "2 lần" for a count item;
 * nothing when the item's rule takes no raw data or none is given.
 */
void sheet_add_raw(struct strbuf *sb, const struct item *it, const struct raw_data *raw);

/* "path:line: what", the origin of a piece of text for pdfdoc's glyph checks. */
void sheet_origin(struct strbuf *sb, const char *path, int line, const char *what);

#endif
