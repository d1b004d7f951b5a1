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
 * The issuing authority's block at the top left of the first page, as the
 * decree sets it: the superior body (when given) and, in bold, the authority,
 * centred in a column about a third of the page wide and underlined by a
 * short rule. Moves the flow's cursor below it. Returns 0 or -1 (the document
 * is failed, pdfdoc.h).
 */
int sheet_heading(struct ts_flow *fl, const struct publication *pub);

/*
 * Appends the raw data of a score or an appraisal row as Vietnamese text,
 * e.g. "23/24" for a ratio or proportional item, "2 lần" for a count item;
 * nothing when the item's rule takes no raw data or none is given.
 */
void sheet_add_raw(struct strbuf *sb, const struct item *it, int has_numerator,
		   int64_t numerator, int has_denominator, int64_t denominator, int has_count,
		   int64_t count);

/*
 * Appends "Kèm theo Quyết định số 05/QĐ-UBND ngày 15 tháng 01 năm 2026 của
 * Chủ tịch Ủy ban nhân dân tỉnh …", the decision's annex reference
 * (publication.h), with blanks where the publication leaves the number or
 * parts of the date to be filled in by hand.
 */
void sheet_add_decision_ref(struct strbuf *sb, const struct publication *pub);

/* "path:line: what", the origin of a piece of text for pdfdoc's glyph checks. */
void sheet_origin(struct strbuf *sb, const char *path, int line, const char *what);

#endif
