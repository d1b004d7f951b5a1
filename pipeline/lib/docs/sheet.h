/*
 * sheet.h: the unit score sheet, don-vi/<code>.pdf (README.md, "The documents"), and
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

/*
 * A table of fixed and proportional columns set with typeset.h, page by page,
 * so that rows marked "keep with next" (the field and criterion rows of a
 * score sheet, the heading rows of a group) never end a page and the last
 * page never holds a single row when the one before can spare one. Built like
 * a ts_table (the same calls, prefixed sheet_table_; header rows first, no
 * row spans); sheet_table_draw() measures every cell exactly as typeset.h
 * will set it, splits the rows into pages and draws one ts_table per page,
 * its header repeated under a "(tiếp theo)" caption on later pages.
 * Columns are LAY_COL_FIXED or LAY_COL_PROP (a proportional column is never
 * narrower than its widest word, as in typeset.h).
 */
struct sheet_table;

struct sheet_table *sheet_table_new(const struct ts_col *cols, size_t ncols,
				    const struct ts_table_style *st);
void sheet_table_free(struct sheet_table *t);
void sheet_table_head_row(struct sheet_table *t);
/* A body row; keep_with_next: no page break between it and the next row. */
void sheet_table_row(struct sheet_table *t, int keep_with_next);
void sheet_table_cell(struct sheet_table *t, const char *text); /* copied */
void sheet_table_span(struct sheet_table *t, int cols);
void sheet_table_font(struct sheet_table *t, enum pdf_font font);
void sheet_table_align(struct sheet_table *t, enum lay_align align);
void sheet_table_origin(struct sheet_table *t, const char *origin); /* copied */
void sheet_table_row_font(struct sheet_table *t, enum pdf_font font);

/*
 * Heights on the flow's current page width: the header and the rows up to
 * and including the first one not kept with its next (what must follow a
 * heading on its page), and the whole table with its header once. -1 when a
 * cell's text cannot be set (the document is failed).
 */
int64_t sheet_table_lead_height(struct ts_flow *fl, struct sheet_table *t);
int64_t sheet_table_height(struct ts_flow *fl, struct sheet_table *t);

/*
 * Sets the table at the cursor (nothing may be held back in the flow: place
 * a heading with keep_with_next 0 after ts_need() of its height plus
 * sheet_table_lead_height()). Returns 0 or -1 (the document is failed).
 */
int sheet_table_draw(struct ts_flow *fl, struct sheet_table *t, const char *origin);

#endif
