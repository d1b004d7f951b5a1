/*
 * typeset.h: paragraphs and tables flowing down the pages of a pdfdoc.
 *
 * A flow is a cursor running down the text frame of the current page of a
 * document. Paragraphs are broken into lines by layout.h from the fonts'
 * exact widths (justified text places every word itself), kept free of widow
 * and orphan lines, and continue on a new page of the current section when the
 * frame is full. Tables repeat their header rows on every page with a
 * continuation caption, keep a row with the next when asked, split only a row
 * taller than a page, wrap long cell text and rule every cell as official
 * tables do. A group of blocks between ts_keep_begin() and ts_keep_end() is
 * set on one page whenever it fits on one.
 *
 * Lengths and errors are those of pdfdoc.h: a failing call fails the document
 * and returns -1 (a character the fonts lack is reported with the `origin`
 * given). Start sections with ts_section(); the flow also follows pages
 * started directly on the document, moving to the top of the new page.
 *
 *     struct ts_flow *fl = ts_flow_new(doc);
 *     struct ts_style body = TS_STYLE_BODY;               justified 13 pt, indent 1,27 cm
 *     struct ts_run art[] = { { PDF_BOLD, "Điều 1. " }, { PDF_REGULAR, text } };
 *     ts_para(fl, &body, art, 2, "templates/decision.txt:12");
 *     ts_flow_free(fl);
 */
#ifndef PARX_TYPESET_H
#define PARX_TYPESET_H

#include <stddef.h>
#include <stdint.h>

#include "typeset/layout.h"
#include "pdf/pdfdoc.h"

/* Word's "single" line spacing for Liberation Serif/Times (1.15 em) times pct/100. */
#define TS_LINES(size, pct) ((size) * 115 * (pct) / 10000)

struct ts_style {
	enum pdf_font font;     /* of ts_text(); ts_para() runs carry their own */
	int64_t size;           /* font size: PDF_PT(13) */
	int64_t leading;        /* baseline to baseline; 0: TS_LINES(size, 100) */
	enum lay_align align;
	int64_t indent_first;   /* extra indent of the first line (< 0: hanging) */
	int64_t indent_left;    /* from the frame's left edge */
	int64_t indent_right;   /* from the frame's right edge */
	int64_t space_before;   /* dropped at the top of a page */
	int64_t space_after;
	int keep_with_next;     /* no page break between this paragraph and the next block */
};

/* Body text of the decision: 13 pt, justified, first line 1,27 cm, 6 pt after, spacing 1,15. */
#define TS_STYLE_BODY { .font = PDF_REGULAR, .size = PDF_PT(13), .align = LAY_JUSTIFY, \
			.indent_first = PDF_MM(12.7), .space_after = PDF_PT(6) }
/* A centred heading line: 13 pt bold, kept with what follows. */
#define TS_STYLE_HEADING { .font = PDF_BOLD, .size = PDF_PT(13), .align = LAY_CENTER, \
			   .keep_with_next = 1 }

/* A run of text in one font (borrowed, NUL-terminated, NFC UTF-8). */
struct ts_run {
	enum pdf_font font;
	const char *text;
};

/* ---- Flow ------------------------------------------------------------------ */

struct ts_flow;

/* A flow on `d` (which must outlive it; one flow per document at a time). Never NULL. */
struct ts_flow *ts_flow_new(struct pdfdoc *d);
/* Frees the flow; an unclosed keep group is set first. */
void ts_flow_free(struct ts_flow *f);
struct pdfdoc *ts_flow_doc(struct ts_flow *f);

/*
 * A paragraph of runs[0..n) at the cursor, in the frame less the style's
 * indents; '\n' in the text breaks the line. Moves the cursor below it
 * (space_after included) and breaks pages as needed: at least two lines stay
 * together at the bottom and at the top of a page.
 */
int ts_para(struct ts_flow *f, const struct ts_style *st, const struct ts_run *runs, size_t n,
	    const char *origin);
/* A paragraph of one run in st->font. */
int ts_text(struct ts_flow *f, const struct ts_style *st, const char *text, const char *origin);

/* Vertical space (dropped at the top of a page). */
int ts_space(struct ts_flow *f, int64_t h);

/*
 * A horizontal rule of `length` (0: the frame's width) and line `width`,
 * centred in the frame, `above` below the cursor; the cursor then moves to
 * `below` under the rule. Always on the page of the block before it.
 */
int ts_rule(struct ts_flow *f, int64_t length, int64_t width, int64_t above, int64_t below);

/*
 * pdfdoc_section() through the flow (the same: a flow sets whatever it still
 * holds back, a keep group or a heading waiting for its paragraph, on the
 * current page before any section starts).
 */
int ts_section(struct ts_flow *f, const char *bookmark, enum pdf_orient o, unsigned flags);

/* Sets what the flow holds back now (see ts_section); the cursor stays valid. */
int ts_flush(struct ts_flow *f);

/* Starts a new page unless h of height is left; ts_page_break() always does. */
int ts_need(struct ts_flow *f, int64_t h);
int ts_page_break(struct ts_flow *f);

/*
 * Everything from ts_keep_begin() to ts_keep_end() is set on one page when it
 * fits on one (a new page is started if needed); a group taller than a page
 * flows normally. Groups do not nest (an inner begin/end pair is ignored).
 */
int ts_keep_begin(struct ts_flow *f);
int ts_keep_end(struct ts_flow *f);

/* Cursor position (PDF y of the top of the next block) and height left above the bottom margin. */
int64_t ts_y(struct ts_flow *f);
int64_t ts_avail(struct ts_flow *f);

/*
 * For blocks the caller places itself at the cursor (the signature block,
 * the decision's heading): makes sure h fits (else a new page), sets *top to
 * the cursor's y and moves the cursor down by h.
 */
int ts_reserve(struct ts_flow *f, int64_t h, int64_t *top);

/*
 * For blocks the caller placed itself on pages it chose (the chart book's
 * charts, split by lay_paginate() with even pages): moves the cursor down to y, which
 * may lie below the bottom margin (the next block then starts a new page).
 * Nothing may be held back (no keep group open). Returns 0, or -1 when the
 * document is failed.
 */
int ts_move_to(struct ts_flow *f, int64_t y);

/* ---- Paragraphs placed by the caller (no page breaks, cursor untouched) --- */

/*
 * Height (lines × leading, no space before/after) and widest line of a
 * paragraph set `width` wide. Either output may be NULL.
 */
int ts_para_measure(struct ts_flow *f, const struct ts_style *st, const struct ts_run *runs,
		    size_t n, int64_t width, int64_t *height, int64_t *natural, const char *origin);

/*
 * Draws the paragraph with its first line's top at `top`, between x and
 * x + width (the style's indents apply inside), on the current page; *height
 * (may be NULL) receives the height used.
 */
int ts_para_at(struct ts_flow *f, const struct ts_style *st, const struct ts_run *runs, size_t n,
	       int64_t x, int64_t width, int64_t top, int64_t *height, const char *origin);

/* ---- Tables ---------------------------------------------------------------- */

/*
 * A column is as wide as its longest word, unless the table cannot be: then a
 * column goes down to this width (padding aside) and its words longer than
 * that are cut between characters (a URL cited as evidence), so that no text
 * that validated can make a table impossible to set.
 */
#define TS_CUT_FLOOR PDF_MM(12)

struct ts_col {
	enum lay_colkind kind;  /* LAY_COL_FIXED (value = width), LAY_COL_FIT, LAY_COL_PROP (value = weight) */
	int64_t value;
	enum lay_align align;   /* of body cells: numbers LAY_RIGHT */
};

struct ts_table_style {
	int64_t size;             /* body and header font size */
	int64_t leading;          /* 0: TS_LINES(size, 100) */
	enum pdf_font head_font;  /* header cells: centred both ways */
	enum pdf_font body_font;
	int64_t pad_x, pad_y;     /* inside every cell */
	int64_t rule;             /* width of the ruling; 0: none */
	int64_t width;            /* of the table, centred in the frame; 0: the frame's width */
	const char *continued;    /* caption above the header on later pages; NULL: none */
	enum pdf_font continued_font;
	enum lay_align continued_align;
	int64_t space_before, space_after;
	int64_t keep_after;       /* height of what follows (a note): kept on the page of the last row */
};

/*
 * Defaults: 12 pt, single spacing, bold header, regular body, padding 1,5 mm
 * by 1,5 pt, rules 0,5 pt, full frame width, caption "(tiếp theo)" in italic
 * flush right, 6 pt before (not at the top of a page) and after.
 */
void ts_table_style_default(struct ts_table_style *st);

struct ts_table;

/* A table of columns cols[0..ncols) (copied); st NULL: the defaults. Never NULL. */
struct ts_table *ts_table_new(const struct ts_col *cols, size_t ncols, const struct ts_table_style *st);
void ts_table_free(struct ts_table *t);

/* Starts a header row (all header rows come before the body rows) or a body row. */
void ts_table_head_row(struct ts_table *t);
void ts_table_row(struct ts_table *t);

/*
 * Adds a cell (text copied; '\n' breaks its line) in the next column not
 * covered by a span, to the row last started.
 */
void ts_table_cell(struct ts_table *t, const char *text);

/* Modify the cell last added: spans (rows > 1 only in header rows), font, alignment, origin. */
void ts_table_span(struct ts_table *t, int cols, int rows);
void ts_table_font(struct ts_table *t, enum pdf_font font);
void ts_table_align(struct ts_table *t, enum lay_align align);
void ts_table_origin(struct ts_table *t, const char *origin); /* copied; for error messages */

/* Font of every later cell of the row last started (a bold total row). */
void ts_table_row_font(struct ts_table *t, enum pdf_font font);

/*
 * The body row last started stays on the page of the next row (a field's or
 * a criterion's heading row, an item with the lines under it): a page never
 * ends on it, unless every row the page holds is kept (a chain taller than a
 * page then breaks where the page is full). On a header row it is misuse.
 */
void ts_table_row_keep(struct ts_table *t);

/*
 * Measures the table as ts_table_draw() will set it on the flow's current
 * frame. *height (may be NULL): with its header once, every row whole, space
 * before and after. *lead (may be NULL): the least of it that may start a
 * page: space before, the header and the body rows up to and including the
 * first one not kept with the next; what a heading must have below it to
 * stay with the table. The measure is kept for the next ts_table_draw()
 * unless the table changes first. Returns 0, or -1 when the table cannot be
 * set (the document is failed, as by ts_table_draw(), naming `origin`).
 */
int ts_table_measure(struct ts_flow *f, struct ts_table *t, int64_t *height, int64_t *lead,
		     const char *origin);

/*
 * Gives the tables ts[0..n), of the same columns, one set of column widths
 * on the flow's current frame, computed over the cells of all of them (the
 * style of ts[0] sets the padding and the width), so that tables set apart
 * (two parts of a document) line up. Call it once they are complete: the
 * widths hold for the next ts_table_draw() of each; a table changed
 * afterwards, drawn again, or set on a frame of another width has its own
 * widths. Returns 0, or -1 (a malformed table, a different number of
 * columns, columns that cannot fit: the document is failed, naming `origin`).
 */
int ts_table_share_columns(struct ts_flow *f, struct ts_table *const *ts, size_t n,
			   const char *origin);

/*
 * Sets the table at the cursor, across as many pages as needed (of the
 * current section): widths from the columns' kinds, header rows repeated on
 * every page under the continuation caption. The table starts on a new page
 * when not even its header and first row fit on this one. Rows stay whole,
 * but a body row taller than a page under the header: it is split into
 * parts that each fit, line by line (after a '\n' when one falls on the
 * page), its first cell set again over the continuation caption on every
 * later part, its other cells left empty there. A malformed table (cells not
 * filling the columns, a span out of bounds, a kept header row) or one whose
 * header and a single line are taller than a page fails the document, naming
 * `origin`. The table itself is not modified and may be drawn again.
 */
int ts_table_draw(struct ts_flow *f, struct ts_table *t, const char *origin);

#endif
