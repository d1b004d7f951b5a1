/*
 * chartbook.c: bieu-do.pdf, the chart book (README.md, "The documents"), one section
 * per kind of chart, each with its bookmark:
 *
 *  1. Ranking, one chart per group (portrait): a bar per unit in rank order
 *     with its index inside the bar end, the group average as a solid line,
 *     the grade thresholds as dashed lines with the grade names above their
 *     zones, the grade at the right.
 *  2. Fields (landscape): small multiples, one panel per field on one shared
 *     0-100 % scale, a row per unit (groups one after the other, each closed
 *     by its average); "không áp dụng" where a unit has no applicable item.
 *  3. Self vs final, one chart per group (landscape): a ring at the
 *     self-assessed total, a dot at the final total, joined; sorted by the
 *     size of the gap, the three largest gaps of the group in bold and black.
 *  4. Year over year, one chart per group (landscape): a square at last
 *     year's index, a dot at this year's, the change of index and of rank
 *     (▲2, ▼1, =). Without previous.csv the section is kept, with one
 *     sentence saying there is no previous year to compare with, so the book
 *     always has the same four parts.
 *
 * Sections 1, 3 and 4 are "row charts" drawn by one engine (struct rowchart):
 * rank and name columns, a plot with gridlines and an axis, text columns at
 * the right, a legend; callbacks draw what is particular to each row. Rows
 * are paginated by lay_paginate() (layout.h), evened out, with the title (then "(tiếp theo)"),
 * header, axis and legend repeated on every page; a chart that fits in what
 * is left of a page is set there. Pages, sections and the cursor are the
 * document's flow (frame.h, typeset.h): the book chooses where its charts
 * break, the flow keeps where the page's free space begins. Every number is text next to its mark, so
 * the book reads in black and white; on screen the series also take an
 * Okabe-Ito colour whose luminance keeps their grey order (chart_bar(),
 * PDF_RGB() in pdfdoc.h; pipeline/DOCUMENTS.md, "The chart book: bieu-do.pdf
 * (chartbook.c, chart.c)").
 */
#include "docs/render.h"

#include <stdlib.h>
#include <string.h>

#include "docs/chart.h"
#include "docs/frame.h"
#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "base/strbuf.h"
#include "base/vnfmt.h"

/* Type sizes and spacing */
#define F_HEAD PDF_PT(14)     /* the book's heading */
#define F_TITLE PDF_PT(12)    /* a chart's title, bold */
#define L_TITLE PDF_PT(14)
#define F_SUB PDF_PT(10.5)    /* its subtitle, italic */
#define L_SUB PDF_PT(12.5)
#define F_NAME PDF_PT(10)     /* unit names */
#define L_NAME PDF_PT(11.5)
#define F_SMALL PDF_PT(9)     /* values, axis, legend, headers */
#define GAP PDF_PT(6)
#define ROW_PAD PDF_PT(5)
#define NAME_LINES 2

struct book {
	const struct render_ctx *c;
	const struct year *y;
	const struct results *r;
	struct frame f;     /* the flow holds the cursor; the book chooses its pages */
	struct pdf_box fr;  /* text frame of the current page */
	int fresh;          /* nothing but the section's heading on the page yet */
	struct strbuf org;  /* origin of the text being drawn */
	int64_t asc, desc;  /* font metrics, 1/1000 em */
};

static int64_t asc(const struct book *b, int64_t size)
{
	return size * b->asc / 1000;
}

static int64_t dsc(const struct book *b, int64_t size)
{
	return size * b->desc / 1000;
}

/* Baseline that centres a line of `size` on height `mid`. */
static int64_t mid_base(const struct book *b, int64_t mid, int64_t size)
{
	return mid - (asc(b, size) - dsc(b, size)) / 2;
}

static const char *unit_origin(struct book *b, size_t u)
{
	strbuf_reset(&b->org);
	strbuf_addf(&b->org, "%s:%d: unit name", b->y->registry.path ? b->y->registry.path : "units.csv",
		    b->y->registry.units[u].line);
	return b->org.buf;
}

/* "path:line: what" for text from an input file (into b->org: use it at once). */
static const char *where(struct book *b, const char *path, int line, const char *what)
{
	strbuf_reset(&b->org);
	if (line > 0)
		strbuf_addf(&b->org, "%s:%d: %s", path ? path : "input", line, what);
	else
		strbuf_addf(&b->org, "%s: %s", path ? path : "input", what);
	return b->org.buf;
}

static int64_t width(enum pdf_font f, int64_t size, const char *s)
{
	return pdfdoc_text_width(f, size, s, strlen(s));
}

static void frame(struct book *b)
{
	pdfdoc_page_box(b->f.doc, NULL, &b->fr);
	b->fresh = 1;
}

/* The cursor of the flow: the top of the free space on the current page. */
static int64_t cur(struct book *b)
{
	return ts_y(b->f.fl);
}

static int new_page(struct book *b)
{
	int r = ts_page_break(b->f.fl);

	frame(b);
	return r;
}

static int section(struct book *b, const char *bookmark, enum pdf_orient o)
{
	int r = ts_section(b->f.fl, bookmark, o, 0);

	frame(b);
	return r;
}

/*
 * A wrapped paragraph of at most `maxlines` lines in [x, x + w], first line's
 * top at `top`; drawn when draw is set. Returns its height.
 */
static int64_t para(struct book *b, int draw, const char *s, enum pdf_font f, int64_t size,
		    int64_t leading, int64_t x, int64_t w, int64_t top, enum lay_align al,
		    size_t maxlines, const char *origin)
{
	struct chart_font cf = { f, size };
	struct chart_label l = CHART_LABEL_INIT;
	int64_t h;

	chart_label_set(&l, s, w, maxlines, chart_font_width, &cf);
	if (draw)
		chart_label_draw(b->f.doc, &l, f, size, leading, x, w, top, al, origin);
	h = (int64_t)l.nlines * leading;
	chart_label_release(&l);
	return h;
}

/* The title of a chart and its subtitle; returns the height with the gap below. */
static int64_t chart_title(struct book *b, int draw, const char *title, const char *sub, int cont,
			   int64_t top, const char *origin)
{
	struct strbuf t = STRBUF_INIT;
	int64_t w = b->fr.x1 - b->fr.x0, h;

	strbuf_addstr(&t, title);
	if (cont)
		strbuf_addstr(&t, " (tiếp theo)");
	h = para(b, draw, t.buf, PDF_BOLD, F_TITLE, L_TITLE, b->fr.x0, w, top, LAY_CENTER, 3,
		 origin ? origin : "chart title");
	if (sub && !cont)
		h += para(b, draw, sub, PDF_ITALIC, F_SUB, L_SUB, b->fr.x0, w, top - h, LAY_CENTER, 3,
			  "chart title");
	strbuf_release(&t);
	return h + GAP;
}

/*
 * The book's heading on its first page: the authority's heading, as every
 * document has it (frame_heading()), then the title and the index, centred.
 */
static int heading(struct book *b)
{
	struct strbuf t = STRBUF_INIT;
	struct pdf_stroke rule = { PDF_PT(0.6), 0, 0, 0 };
	int64_t w = b->fr.x1 - b->fr.x0, top, rw = PDF_MM(40);

	if (b->y->pub.authority && *b->y->pub.authority && frame_heading(&b->f, &b->y->pub) < 0)
		return -1;
	top = cur(b);
	strbuf_addf(&t, "BIỂU ĐỒ SO SÁNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", b->y->index.year);
	top -= para(b, 1, t.buf, PDF_BOLD, F_HEAD, PDF_PT(16.5), b->fr.x0, w, top, LAY_CENTER, 3,
		    "chart book heading");
	if (b->y->index.title && *b->y->index.title)
		top -= para(b, 1, b->y->index.title, PDF_ITALIC, PDF_PT(12), PDF_PT(14),
			    b->fr.x0 + PDF_MM(10), w - PDF_MM(20), top, LAY_CENTER, 3,
			    where(b, b->y->index.path, 0, "index title"));
	top -= PDF_PT(5);
	pdfdoc_line(b->f.doc, &rule, b->fr.x0 + (w - rw) / 2, top, b->fr.x0 + (w + rw) / 2, top);
	ts_move_to(b->f.fl, top - PDF_PT(14));
	strbuf_release(&t);
	return 0;
}

/* An italic note in a plot ("chưa có kết quả"), on white across the gridlines, centred on mid. */
static int note(struct book *b, int64_t size, int64_t x, int64_t mid, const char *s)
{
	return chart_text_bg(b->f.doc, PDF_ITALIC, size, x, mid_base(b, mid, size), 0, 100, PDF_PT(0.8), s,
			     "chart");
}

/* 9000 -> "90", 6550 -> "65,5", 6525 -> "65,25" */
static void add_short(struct strbuf *sb, int64_t v)
{
	struct chart_scale s = { .step = 1, .decimals = v % 100 == 0 ? 0 : v % 10 == 0 ? 1 : 2 };

	chart_scale_label(&s, v, sb);
}

/* ---- The row chart engine ----------------------------------------------------------- */

#define MAXCOLS 5

struct rowchart {
	struct book *b;
	const char *title, *sub, *bookmark;
	size_t group;             /* whose name is in the title (for messages) */
	const char *axis_title;
	struct chart_scale sc;
	size_t n;                 /* rows */
	size_t *unit;             /* [n] */
	char **lead;              /* [n] text of the rank column, or NULL */
	unsigned char *bold;      /* [n] the row stands out */
	struct chart_label *name; /* [n] */
	int64_t *h;               /* [n] */
	size_t ncols;
	const char *head[MAXCOLS];
	char **cell;              /* [n * ncols] */
	int64_t band_h;           /* reference labels above the header row */
	const struct chart_legend_item *legend;
	size_t nlegend;
	int64_t name_w, min_row;
	/* per row, pass 0 shapes, pass 1 texts; `mid` the row's middle */
	int (*row)(struct rowchart *rc, size_t i, int64_t mid, int pass);
	/* after the shapes of the page's rows: reference lines and their labels */
	int (*overlay)(struct rowchart *rc, int64_t base, int64_t rows_top, int64_t band_top);
	void *ctx;
	/* geometry */
	int64_t x_lead, w_lead, x_name, px0, px1, colx[MAXCOLS], colw[MAXCOLS];
};

static void rc_init(struct rowchart *rc, struct book *b, size_t n, size_t ncols)
{
	memset(rc, 0, sizeof(*rc));
	rc->b = b;
	rc->n = n;
	rc->ncols = ncols;
	rc->unit = xcalloc(n + 1, sizeof(*rc->unit));
	rc->lead = xcalloc(n + 1, sizeof(*rc->lead));
	rc->bold = xcalloc(n + 1, 1);
	rc->name = xcalloc(n + 1, sizeof(*rc->name));
	rc->h = xcalloc(n + 1, sizeof(*rc->h));
	rc->cell = xcalloc(n * ncols + 1, sizeof(*rc->cell));
	rc->min_row = PDF_PT(12);
}

static void rc_release(struct rowchart *rc)
{
	size_t i;

	for (i = 0; i < rc->n; i++) {
		free(rc->lead[i]);
		chart_label_release(&rc->name[i]);
	}
	for (i = 0; i < rc->n * rc->ncols; i++)
		free(rc->cell[i]);
	free(rc->unit);
	free(rc->lead);
	free(rc->bold);
	free(rc->name);
	free(rc->h);
	free(rc->cell);
}

static void rc_set(struct rowchart *rc, size_t i, size_t col, struct strbuf *sb)
{
	free(rc->cell[i * rc->ncols + col]);
	rc->cell[i * rc->ncols + col] = xstrdup(sb->buf);
	strbuf_reset(sb);
}

/* Column widths, names wrapped, row heights, plot bounds; the scale's tick budget from its width. */
static void rc_layout(struct rowchart *rc, int64_t lo, int64_t hi)
{
	struct book *b = rc->b;
	struct chart_font cf = { PDF_REGULAR, F_NAME };
	int64_t right = b->fr.x1, lw = width(PDF_REGULAR, F_NAME, "Hạng"), tickw;
	size_t i, k;
	int maxticks;

	for (i = 0; i < rc->n; i++)
		if (rc->lead[i] && width(PDF_BOLD, F_NAME, rc->lead[i]) > lw)
			lw = width(PDF_BOLD, F_NAME, rc->lead[i]);
	rc->x_lead = b->fr.x0;
	rc->w_lead = lw;
	rc->x_name = rc->x_lead + lw + PDF_PT(6);
	for (k = rc->ncols; k-- > 0;) {
		int64_t w = width(PDF_ITALIC, F_SMALL, rc->head[k]);

		for (i = 0; i < rc->n; i++) {
			const char *s = rc->cell[i * rc->ncols + k];

			if (s && width(PDF_BOLD, F_SMALL, s) > w)
				w = width(PDF_BOLD, F_SMALL, s);
		}
		rc->colw[k] = w;
		rc->colx[k] = right - w;
		right -= w + PDF_PT(10);
	}
	rc->px0 = rc->x_name + rc->name_w + PDF_PT(12);
	rc->px1 = right - PDF_PT(8);
	for (i = 0; i < rc->n; i++) {
		int64_t th;

		cf.font = rc->bold[i] ? PDF_BOLD : PDF_REGULAR;
		chart_label_set(&rc->name[i], b->y->registry.units[rc->unit[i]].name, rc->name_w,
				NAME_LINES, chart_font_width, &cf);
		th = (int64_t)rc->name[i].nlines * L_NAME;
		rc->h[i] = (th > rc->min_row ? th : rc->min_row) + ROW_PAD;
	}
	/* ticks no closer than a label and a half */
	tickw = width(PDF_REGULAR, F_SMALL, "100,0") + PDF_PT(10);
	maxticks = (int)((rc->px1 - rc->px0) / tickw) + 1;
	if (maxticks > 11)
		maxticks = 11;
	if (maxticks < 3)
		maxticks = 3;
	chart_scale_nice(lo, hi, maxticks, &rc->sc);
}

#define HEADER_H PDF_PT(14)

static int64_t rc_footer_h(const struct rowchart *rc)
{
	const struct book *b = rc->b;
	int64_t h = PDF_PT(4.5) + asc(b, F_SMALL) + dsc(b, F_SMALL); /* axis */

	if (rc->axis_title)
		h += PDF_PT(2) + asc(b, F_SMALL) + dsc(b, F_SMALL);
	return h + GAP + chart_legend_height(rc->legend, rc->nlegend, b->fr.x1 - b->fr.x0, F_SMALL);
}

static int64_t rc_overhead(struct rowchart *rc, int cont)
{
	return chart_title(rc->b, 0, rc->title, rc->sub, cont, 0, NULL) + rc->band_h + HEADER_H +
	       rc_footer_h(rc);
}

/* One page of the chart: rows [first, first + n), the title's top at the cursor. */
static int rc_page(struct rowchart *rc, size_t first, size_t n, int cont)
{
	struct book *b = rc->b;
	struct pdf_stroke sep = { PDF_PT(0.3), 80, 0, 0 };
	int64_t top = cur(b), band_top, head_base, rows_top, y, base, fy;
	size_t i, k;

	if (!cont && rc->bookmark)
		pdfdoc_bookmark(b->f.doc, rc->bookmark, top);
	top -= chart_title(b, 1, rc->title, rc->sub, cont, top,
			   where(b, b->y->index.path, b->y->index.groups[rc->group].line, "group name"));
	band_top = top;
	head_base = mid_base(b, top - rc->band_h - HEADER_H / 2, F_SMALL);
	rows_top = top - rc->band_h - HEADER_H;
	base = rows_top;
	for (i = first; i < first + n; i++)
		base -= rc->h[i];
	/* gridlines and axis */
	if (chart_axis(b->f.doc, &rc->sc, rc->px0, rc->px1, base, rows_top, F_SMALL) < 0)
		return -1;
	fy = base - PDF_PT(4.5) - asc(b, F_SMALL) - dsc(b, F_SMALL);
	if (rc->axis_title) {
		int64_t w = width(PDF_ITALIC, F_SMALL, rc->axis_title);

		pdfdoc_text(b->f.doc, PDF_ITALIC, F_SMALL, rc->px0 + (rc->px1 - rc->px0 - w) / 2,
			    fy - PDF_PT(2) - asc(b, F_SMALL), rc->axis_title, "chart axis");
		fy -= PDF_PT(2) + asc(b, F_SMALL) + dsc(b, F_SMALL);
	}
	/* header row */
	pdfdoc_text(b->f.doc, PDF_ITALIC, F_SMALL, rc->x_lead + rc->w_lead - width(PDF_ITALIC, F_SMALL, "Hạng"),
		    head_base, "Hạng", "chart header");
	pdfdoc_text(b->f.doc, PDF_ITALIC, F_SMALL, rc->x_name, head_base, "Đơn vị", "chart header");
	for (k = 0; k < rc->ncols; k++)
		pdfdoc_text(b->f.doc, PDF_ITALIC, F_SMALL,
			    rc->colx[k] + rc->colw[k] - width(PDF_ITALIC, F_SMALL, rc->head[k]),
			    head_base, rc->head[k], "chart header");
	/* rows: separators and marks; then reference lines; then the texts of each row */
	y = rows_top;
	for (i = first; i < first + n; i++) {
		if (i > first)
			pdfdoc_line(b->f.doc, &sep, rc->x_lead, y, rc->px0 - PDF_PT(6), y);
		if (rc->row(rc, i, y - rc->h[i] / 2, 0) < 0)
			return -1;
		y -= rc->h[i];
	}
	if (rc->overlay && rc->overlay(rc, base, rows_top, band_top) < 0)
		return -1;
	y = rows_top;
	for (i = first; i < first + n; i++) {
		int64_t mid = y - rc->h[i] / 2, vb = mid_base(b, mid, F_SMALL);
		enum pdf_font nf = rc->bold[i] ? PDF_BOLD : PDF_REGULAR;
		enum pdf_font cf = rc->bold[i] ? PDF_BOLD : PDF_REGULAR;

		if (rc->lead[i])
			pdfdoc_text(b->f.doc, nf, F_NAME, rc->x_lead + rc->w_lead - width(nf, F_NAME, rc->lead[i]),
				    mid_base(b, mid, F_NAME), rc->lead[i], "chart rank");
		chart_label_draw(b->f.doc, &rc->name[i], nf, F_NAME, L_NAME, rc->x_name, rc->name_w,
				 mid + (int64_t)rc->name[i].nlines * L_NAME / 2, LAY_LEFT,
				 unit_origin(b, rc->unit[i]));
		if (rc->row(rc, i, mid, 1) < 0)
			return -1;
		for (k = 0; k < rc->ncols; k++) {
			const char *s = rc->cell[i * rc->ncols + k];

			if (s)
				pdfdoc_text(b->f.doc, cf, F_SMALL,
					    rc->colx[k] + rc->colw[k] - width(cf, F_SMALL, s), vb, s,
					    "chart value");
		}
		y -= rc->h[i];
	}
	if (chart_legend(b->f.doc, rc->legend, rc->nlegend, b->fr.x0, b->fr.x1 - b->fr.x0, fy - GAP,
			 F_SMALL) < 0)
		return -1;
	ts_move_to(b->f.fl, fy - GAP -
		   chart_legend_height(rc->legend, rc->nlegend, b->fr.x1 - b->fr.x0, F_SMALL) -
		   PDF_PT(18));
	b->fresh = 0;
	return 0;
}

/*
 * Splits rows over pages from the current one: the chart's first page has its
 * title and subtitle (overhead o0), the others the title "(tiếp theo)" (o1).
 * A chart starts on the current page when it fits there whole, or when at
 * least a third of a page is left there; else on a new page (added here).
 */
static int paginate(struct book *b, const int64_t *h, const unsigned char *keep, size_t n, int64_t o0,
		    int64_t o1, struct lay_tpage **pages, size_t *np)
{
	int64_t full = b->fr.y1 - b->fr.y0, avail = full - o1, first = cur(b) - b->fr.y0 - o0;
	int64_t sum = 0;
	struct lay_pages rq = { .h = h, .keep = keep, .n = n, .next = avail, .even = 1 };
	size_t bad;

	for (size_t i = 0; i < n; i++)
		sum += h[i];
	if (!b->fresh && first < avail / 3 && sum > first)
		first = 0;
	rq.first = first < 0 ? 0 : first;
	if (lay_paginate(&rq, pages, np, &bad) < 0)
		return pdfdoc_fail(b->f.doc, "chart book: row %zu of a chart is taller than a page", bad + 1);
	if (n > 0 && (*pages)[0].n == 0) {
		/* nothing fits here: start on a new page and split again */
		free(*pages);
		new_page(b);
		rq.first = cur(b) - b->fr.y0 - o0;
		if (lay_paginate(&rq, pages, np, &bad) < 0)
			return pdfdoc_fail(b->f.doc, "chart book: row %zu of a chart is taller than a page",
					   bad + 1);
	}
	return 0;
}

/* The whole chart: on what is left of this page if it all fits there, else paginated. */
static int rc_draw(struct rowchart *rc)
{
	struct book *b = rc->b;
	struct lay_tpage *pages = NULL;
	int64_t o0 = rc_overhead(rc, 0), o1 = rc_overhead(rc, 1);
	size_t i, np;
	int ret = 0;

	if (b->fr.y1 - b->fr.y0 - o0 < PDF_PT(60))
		return pdfdoc_fail(b->f.doc, "chart book: no room for the rows of '%s'", rc->title);
	if (paginate(b, rc->h, NULL, rc->n, o0, o1, &pages, &np) < 0)
		return -1;
	for (i = 0; i < np && ret == 0; i++) {
		if (i > 0 && new_page(b) < 0)
			ret = -1;
		else
			ret = rc_page(rc, pages[i].first, pages[i].n, i > 0);
	}
	free(pages);
	return ret;
}

/* ---- 1. Ranking ----------------------------------------------------------------------- */

struct ranking {
	size_t g;
	const struct grade *grades;
	size_t ngrades;
};

#define BAR_H PDF_PT(10)

static int rank_row(struct rowchart *rc, size_t i, int64_t mid, int pass)
{
	struct book *b = rc->b;
	const struct unit_result *ur = &b->r->units[rc->unit[i]];
	struct strbuf sb = STRBUF_INIT;
	int64_t xe, w;
	int ret = 0;

	if (!ur->scored) {
		if (pass == 1)
			ret = note(b, F_SMALL, rc->px0 + PDF_PT(3), mid, "chưa có kết quả");
		return ret;
	}
	xe = chart_scale_pos(&rc->sc, ur->index, rc->px0, rc->px1);
	if (pass == 0)
		return chart_bar(b->f.doc, &chart_style_unit, rc->px0, mid - BAR_H / 2, xe - rc->px0, BAR_H);
	vnfmt_add_hundredths(&sb, ur->index);
	w = width(PDF_BOLD, F_SMALL, sb.buf);
	if (xe - rc->px0 >= w + PDF_PT(6))
		ret = chart_text_bg(b->f.doc, PDF_BOLD, F_SMALL, xe - PDF_PT(3) - w, mid_base(b, mid, F_SMALL),
				    chart_style_unit.label_gray, chart_style_unit.fill, PDF_PT(0.8),
				    sb.buf, "chart value");
	else
		ret = chart_text_bg(b->f.doc, PDF_BOLD, F_SMALL, xe + PDF_PT(3), mid_base(b, mid, F_SMALL), 0,
				    100, PDF_PT(0.8), sb.buf, "chart value");
	strbuf_release(&sb);
	return ret;
}

#define BAND_ROW PDF_PT(13)

static int rank_overlay(struct rowchart *rc, int64_t base, int64_t rows_top, int64_t band_top)
{
	struct book *b = rc->b;
	const struct ranking *rk = rc->ctx;
	const struct group_result *gr = &b->r->groups[rk->g];
	struct pdf_stroke dash = { PDF_PT(0.9), 0, PDF_PT(3), PDF_PT(2) };
	struct pdf_stroke avg = { PDF_PT(1.4), 0, 0, 0 };
	int64_t pos[16] = { 0 }, w[16] = { 0 }, zone_base = mid_base(b, band_top - BAND_ROW / 2, F_SMALL);
	size_t gi[16];
	size_t i, nz = 0;
	struct strbuf sb = STRBUF_INIT;

	(void)rows_top;
	/*
	 * Thresholds: dashed lines up through the band; each grade's name centred
	 * over its zone. Grades come from the top down, zones are placed from the
	 * left, so the lowest grade fills the arrays last and is reversed in.
	 */
	for (i = rk->ngrades; i-- > 0 && nz < 16;) {
		int64_t hi = i == 0 ? rc->sc.hi : rk->grades[i - 1].from, lo = rk->grades[i].from;
		int64_t x0, x1;

		if (lo < rc->sc.lo)
			lo = rc->sc.lo;
		if (hi > rc->sc.hi)
			hi = rc->sc.hi;
		if (hi <= lo)
			continue;
		x0 = chart_scale_pos(&rc->sc, lo, rc->px0, rc->px1);
		x1 = chart_scale_pos(&rc->sc, hi, rc->px0, rc->px1);
		if (rk->grades[i].from > rc->sc.lo &&
		    pdfdoc_line(b->f.doc, &dash, x0, base, x0, band_top) < 0)
			return -1;
		gi[nz] = i;
		w[nz] = width(PDF_ITALIC, F_SMALL, rk->grades[i].label);
		pos[nz] = (x0 + x1 - w[nz]) / 2;
		nz++;
	}
	chart_spread(pos, w, nz, rc->px0, rc->px1, PDF_PT(4));
	for (i = 0; i < nz; i++)
		if (chart_text_bg(b->f.doc, PDF_ITALIC, F_SMALL, pos[i], zone_base, 0, 100, PDF_PT(1),
				  rk->grades[gi[i]].label,
				  where(b, b->y->index.path, rk->grades[gi[i]].line, "grade label")) < 0)
			return -1;
	/* the group average: a solid line with its value, in the band row under the zones */
	if (gr->nscored > 0) {
		int64_t x = chart_scale_pos(&rc->sc, gr->avg_index, rc->px0, rc->px1), tw, tx;
		int64_t lb = mid_base(b, band_top - BAND_ROW - BAND_ROW / 2, F_SMALL);

		strbuf_addstr(&sb, "Trung bình nhóm: ");
		vnfmt_add_hundredths(&sb, gr->avg_index);
		tw = width(PDF_BOLD, F_SMALL, sb.buf);
		tx = x + PDF_PT(3);
		if (tx + tw > rc->px1 + PDF_PT(6))
			tx = x - PDF_PT(3) - tw;
		if (pdfdoc_line(b->f.doc, &avg, x, base, x, band_top - BAND_ROW - PDF_PT(2)) < 0 ||
		    chart_text_bg(b->f.doc, PDF_BOLD, F_SMALL, tx, lb, 0, 100, PDF_PT(1), sb.buf,
				  "chart average") < 0) {
			strbuf_release(&sb);
			return -1;
		}
	}
	strbuf_release(&sb);
	return 0;
}

static int ranking_chart(struct book *b, size_t g, struct strbuf *title, struct strbuf *legtext)
{
	const struct group_result *gr = &b->r->groups[g];
	const struct index *ix = &b->y->index;
	struct pdf_stroke dash = { PDF_PT(0.9), 0, PDF_PT(3), PDF_PT(2) };
	struct pdf_stroke avg = { PDF_PT(1.4), 0, 0, 0 };
	struct chart_legend_item leg[3];
	struct ranking rk = { g, ix->grades, ix->ngrades };
	struct strbuf sb = STRBUF_INIT, sub = STRBUF_INIT, avgt = STRBUF_INIT;
	struct rowchart rc;
	int64_t hi = 10000;
	size_t i, u, gl = 0;
	int ret;

	rc_init(&rc, b, gr->n, 1);
	rc.head[0] = "Xếp loại";
	for (i = 0; i < gr->n; i++) {
		size_t un = b->r->order[gr->first + i];
		const struct unit_result *ur = &b->r->units[un];

		rc.unit[i] = un;
		if (ur->scored) {
			strbuf_addf(&sb, "%d", ur->rank);
			rc.lead[i] = strbuf_detach(&sb);
			if (ur->grade >= 0) {
				strbuf_addstr(&sb, ix->grades[ur->grade].label);
				rc_set(&rc, i, 0, &sb);
			}
		} else {
			rc.lead[i] = xstrdup("–");
			strbuf_addstr(&sb, "—");
			rc_set(&rc, i, 0, &sb);
		}
	}
	strbuf_reset(title);
	strbuf_addf(title, "Biểu đồ 1.%zu. Chỉ số cải cách hành chính năm %d: %s", g + 1, ix->year,
		    ix->groups[g].name);
	strbuf_addf(&sub, "Xếp theo thứ hạng trong nhóm (%zu đơn vị)", gr->n);
	rc.title = title->buf;
	rc.sub = sub.buf;
	rc.bookmark = ix->groups[g].name;
	rc.group = g;
	/* one scale for every group: 0 to 100, or to the highest index if above */
	for (u = 0; u < b->r->nunits; u++)
		if (b->r->units[u].scored && b->r->units[u].index > hi)
			hi = b->r->units[u].index;
	rc.axis_title = "Chỉ số cải cách hành chính (%)";
	rc.band_h = 2 * BAND_ROW;
	rc.name_w = PDF_PT(150);
	rc.row = rank_row;
	rc.overlay = rank_overlay;
	rc.ctx = &rk;
	/* legend: bar, average, thresholds with their exact values */
	strbuf_reset(legtext);
	strbuf_addstr(legtext, "Ngưỡng xếp loại: ");
	for (i = 0; i < ix->ngrades; i++) {
		if (ix->grades[i].from > 0) {
			strbuf_addf(legtext, "%s%s từ ", gl++ ? "; " : "", ix->grades[i].label);
			add_short(legtext, ix->grades[i].from);
		} else if (i > 0) {
			strbuf_addf(legtext, "%s%s dưới ", gl++ ? "; " : "", ix->grades[i].label);
			add_short(legtext, ix->grades[i - 1].from);
		}
	}
	strbuf_addstr(&avgt, "Trung bình nhóm");
	leg[0] = (struct chart_legend_item){ &chart_style_unit, 1, NULL, "Chỉ số của đơn vị" };
	leg[1] = (struct chart_legend_item){ NULL, 0, &avg, avgt.buf };
	leg[2] = (struct chart_legend_item){ NULL, 0, &dash, legtext->buf };
	rc.legend = leg;
	rc.nlegend = ix->ngrades > 0 ? 3 : 2;
	rc_layout(&rc, 0, hi);
	ret = rc_draw(&rc);
	rc_release(&rc);
	strbuf_release(&sb);
	strbuf_release(&sub);
	strbuf_release(&avgt);
	return ret;
}

/* ---- 3. Self vs final ---------------------------------------------------------------- */

#define TOP_GAPS 3

static int64_t gap_of(const struct unit_result *ur)
{
	int64_t g = ur->total - ur->self_total;

	return g < 0 ? -g : g;
}

/* Scored first; larger gap first; then rank; then registry order. */
static int gap_before(const struct results *r, size_t a, size_t b)
{
	const struct unit_result *ua = &r->units[a], *ub = &r->units[b];

	if (ua->scored != ub->scored)
		return ua->scored;
	if (gap_of(ua) != gap_of(ub))
		return gap_of(ua) > gap_of(ub);
	if (ua->rank != ub->rank)
		return ua->rank < ub->rank;
	return a < b;
}

/* Insertion sort by gap_before (no global state: the book may be drawn on any thread). */
static void sort_by_gap(const struct results *r, size_t *u, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		size_t v = u[i];

		for (j = i; j > 0 && gap_before(r, v, u[j - 1]); j--)
			u[j] = u[j - 1];
		u[j] = v;
	}
}

#define R_RING PDF_PT(3.8)
#define R_DOT PDF_PT(2.6)

static int self_row(struct rowchart *rc, size_t i, int64_t mid, int pass)
{
	struct book *b = rc->b;
	const struct unit_result *ur = &b->r->units[rc->unit[i]];
	struct pdf_stroke link = { PDF_PT(1.8), rc->bold[i] ? 0 : 55, 0, 0 };
	int64_t xs, xf;

	if (!ur->scored)
		return pass == 1 ? note(b, F_SMALL, rc->px0 + PDF_PT(3), mid, "chưa có kết quả")
				 : 0;
	if (pass == 1)
		return 0;
	xs = chart_scale_pos(&rc->sc, ur->self_total, rc->px0, rc->px1);
	xf = chart_scale_pos(&rc->sc, ur->total, rc->px0, rc->px1);
	if (xs != xf && pdfdoc_line(b->f.doc, &link, xs, mid, xf, mid) < 0)
		return -1;
	if (chart_marker(b->f.doc, chart_style_self.marker, xs, mid, R_RING) < 0 ||
	    chart_marker(b->f.doc, chart_style_final.marker, xf, mid, R_DOT) < 0)
		return -1;
	return 0;
}

static int self_chart(struct book *b, size_t g, int64_t lo, int64_t hi, struct strbuf *title)
{
	const struct group_result *gr = &b->r->groups[g];
	const struct index *ix = &b->y->index;
	struct chart_legend_item leg[3];
	struct strbuf sb = STRBUF_INIT, sub = STRBUF_INIT;
	struct rowchart rc;
	size_t i, nb = 0;
	int64_t cut = 0;
	int ret;

	rc_init(&rc, b, gr->n, 3);
	rc.head[0] = "Tự đánh giá";
	rc.head[1] = "Sau thẩm định";
	rc.head[2] = "Chênh lệch";
	for (i = 0; i < gr->n; i++)
		rc.unit[i] = b->r->order[gr->first + i];
	sort_by_gap(b->r, rc.unit, gr->n);
	/* the TOP_GAPS largest non-zero gaps stand out, ties with the last included */
	for (i = 0; i < gr->n; i++) {
		const struct unit_result *ur = &b->r->units[rc.unit[i]];

		if (!ur->scored || gap_of(ur) == 0)
			break;
		if (i < TOP_GAPS)
			cut = gap_of(ur);
		if (gap_of(ur) >= cut) {
			rc.bold[i] = 1;
			nb++;
		}
	}
	for (i = 0; i < gr->n; i++) {
		const struct unit_result *ur = &b->r->units[rc.unit[i]];

		if (ur->scored) {
			strbuf_addf(&sb, "%d", ur->rank);
			rc.lead[i] = strbuf_detach(&sb);
			vnfmt_add_hundredths(&sb, ur->self_total);
			rc_set(&rc, i, 0, &sb);
			vnfmt_add_hundredths(&sb, ur->total);
			rc_set(&rc, i, 1, &sb);
			if (ur->total == ur->self_total)
				strbuf_addstr(&sb, "0,00");
			else
				vnfmt_add_hundredths_signed(&sb, ur->total - ur->self_total);
			rc_set(&rc, i, 2, &sb);
		} else {
			size_t k;

			rc.lead[i] = xstrdup("–");
			for (k = 0; k < 3; k++) {
				strbuf_addstr(&sb, "—");
				rc_set(&rc, i, k, &sb);
			}
		}
	}
	strbuf_reset(title);
	strbuf_addf(title, "Biểu đồ 3.%zu. Tổng điểm tự đánh giá và tổng điểm sau thẩm định năm %d: %s",
		    g + 1, ix->year, ix->groups[g].name);
	strbuf_addstr(&sub, "Xếp theo mức chênh lệch, lớn nhất trước");
	if (nb > 0)
		strbuf_addf(&sub, "; in đậm: %zu đơn vị chênh lệch nhiều nhất", nb);
	strbuf_addstr(&sub, ". Chênh lệch = điểm sau thẩm định − điểm tự đánh giá");
	rc.title = title->buf;
	rc.sub = sub.buf;
	rc.bookmark = ix->groups[g].name;
	rc.group = g;
	rc.axis_title = "Tổng điểm";
	rc.name_w = PDF_PT(175);
	rc.row = self_row;
	leg[0] = (struct chart_legend_item){ &chart_style_self, 0, NULL, "Tổng điểm tự đánh giá" };
	leg[1] = (struct chart_legend_item){ &chart_style_final, 0, NULL, "Tổng điểm sau thẩm định" };
	rc.legend = leg;
	rc.nlegend = 2;
	rc_layout(&rc, lo, hi);
	ret = rc_draw(&rc);
	rc_release(&rc);
	strbuf_release(&sb);
	strbuf_release(&sub);
	return ret;
}

/* ---- 4. Year over year ----------------------------------------------------------------- */

#define R_BOX PDF_PT(3.2)

static int yoy_row(struct rowchart *rc, size_t i, int64_t mid, int pass)
{
	struct book *b = rc->b;
	const struct unit_result *ur = &b->r->units[rc->unit[i]];
	struct pdf_stroke link = { PDF_PT(1.8), 55, 0, 0 };
	int64_t xp, xc;

	if (!ur->scored)
		return pass == 1 ? note(b, F_SMALL, rc->px0 + PDF_PT(3), mid, "chưa có kết quả")
				 : 0;
	if (pass == 1)
		return 0;
	xc = chart_scale_pos(&rc->sc, ur->index, rc->px0, rc->px1);
	if (ur->has_prev) {
		xp = chart_scale_pos(&rc->sc, ur->prev_index, rc->px0, rc->px1);
		if (xp != xc && pdfdoc_line(b->f.doc, &link, xp, mid, xc, mid) < 0)
			return -1;
		if (chart_marker(b->f.doc, chart_style_prev.marker, xp, mid, R_BOX) < 0)
			return -1;
	}
	return chart_marker(b->f.doc, chart_style_final.marker, xc, mid, R_DOT);
}

static int yoy_chart(struct book *b, size_t g, int64_t lo, int64_t hi, struct strbuf *title)
{
	const struct group_result *gr = &b->r->groups[g];
	const struct index *ix = &b->y->index;
	struct chart_legend_item leg[2];
	struct strbuf sb = STRBUF_INIT, sub = STRBUF_INIT, h0 = STRBUF_INIT, h1 = STRBUF_INIT;
	struct strbuf l0 = STRBUF_INIT, l1 = STRBUF_INIT;
	struct rowchart rc;
	size_t i, k;
	int ret;

	rc_init(&rc, b, gr->n, 4);
	strbuf_addf(&h0, "Năm %d", ix->year - 1);
	strbuf_addf(&h1, "Năm %d", ix->year);
	rc.head[0] = h0.buf;
	rc.head[1] = h1.buf;
	rc.head[2] = "Thay đổi";
	rc.head[3] = "Hạng";
	for (i = 0; i < gr->n; i++) {
		size_t u = b->r->order[gr->first + i];
		const struct unit_result *ur = &b->r->units[u];

		rc.unit[i] = u;
		if (!ur->scored) {
			rc.lead[i] = xstrdup("–");
			for (k = 0; k < 4; k++) {
				strbuf_addstr(&sb, "—");
				rc_set(&rc, i, k, &sb);
			}
			continue;
		}
		strbuf_addf(&sb, "%d", ur->rank);
		rc.lead[i] = strbuf_detach(&sb);
		if (ur->has_prev)
			vnfmt_add_hundredths(&sb, ur->prev_index);
		else
			strbuf_addstr(&sb, "—");
		rc_set(&rc, i, 0, &sb);
		vnfmt_add_hundredths(&sb, ur->index);
		rc_set(&rc, i, 1, &sb);
		if (!ur->has_prev)
			strbuf_addstr(&sb, "—");
		else if (ur->index_change == 0)
			strbuf_addstr(&sb, "0,00");
		else
			vnfmt_add_hundredths_signed(&sb, ur->index_change);
		rc_set(&rc, i, 2, &sb);
		if (!ur->has_prev)
			strbuf_addstr(&sb, "—");
		else if (ur->rank_change > 0)
			strbuf_addf(&sb, "▲%d", ur->rank_change);
		else if (ur->rank_change < 0)
			strbuf_addf(&sb, "▼%d", -ur->rank_change);
		else
			strbuf_addstr(&sb, "=");
		rc_set(&rc, i, 3, &sb);
	}
	strbuf_reset(title);
	strbuf_addf(title, "Biểu đồ 4.%zu. Chỉ số cải cách hành chính năm %d và năm %d: %s", g + 1,
		    ix->year - 1, ix->year, ix->groups[g].name);
	strbuf_addf(&sub, "Xếp theo thứ hạng năm %d; hạng: ▲ tăng, ▼ giảm, = giữ nguyên so với năm %d",
		    ix->year, ix->year - 1);
	rc.title = title->buf;
	rc.sub = sub.buf;
	rc.bookmark = ix->groups[g].name;
	rc.group = g;
	rc.axis_title = "Chỉ số cải cách hành chính (%)";
	rc.name_w = PDF_PT(175);
	rc.row = yoy_row;
	strbuf_addf(&l0, "Chỉ số năm %d", ix->year - 1);
	strbuf_addf(&l1, "Chỉ số năm %d", ix->year);
	leg[0] = (struct chart_legend_item){ &chart_style_prev, 0, NULL, l0.buf };
	leg[1] = (struct chart_legend_item){ &chart_style_final, 0, NULL, l1.buf };
	rc.legend = leg;
	rc.nlegend = 2;
	rc_layout(&rc, lo, hi);
	ret = rc_draw(&rc);
	rc_release(&rc);
	strbuf_release(&sb);
	strbuf_release(&sub);
	strbuf_release(&h0);
	strbuf_release(&h1);
	strbuf_release(&l0);
	strbuf_release(&l1);
	return ret;
}

/* ---- 2. Fields: small multiples ------------------------------------------------------- */

#define PANELS_MAX 7
#define F_PANEL PDF_PT(8)
#define L_PANEL PDF_PT(9.2)
#define F_FNAME PDF_PT(9)
#define L_FNAME PDF_PT(10.4)
#define FIELD_BAR PDF_PT(7)

enum frow_kind { FR_GROUP, FR_UNIT, FR_AVG };

struct frow {
	enum frow_kind kind;
	size_t g, u;
	struct chart_label name;
	int64_t h;
};

struct fields {
	struct book *b;
	struct frow *rows;
	size_t n;
	size_t f0, nf;            /* the fields of this set */
	int64_t name_w, px[PANELS_MAX], pw, barw, head_h;
	struct chart_label heads[PANELS_MAX];
	struct chart_scale sc;
};

static const struct chart_legend_item fields_legend[] = {
	{ &chart_style_unit, 1, NULL, "Chỉ số lĩnh vực của đơn vị (% điểm tối đa áp dụng)" },
	{ &chart_style_average, 1, NULL, "Trung bình nhóm" },
};

static int64_t fields_footer_h(const struct book *b)
{
	return PDF_PT(4.5) + asc(b, F_PANEL) + dsc(b, F_PANEL) + GAP +
	       chart_legend_height(fields_legend, ARRAY_SIZE(fields_legend), b->fr.x1 - b->fr.x0,
				   F_SMALL);
}

static int field_value(struct fields *fs, int64_t x0, int64_t mid, int has, int64_t v,
		       const char *none, enum pdf_font vf, int pass, const struct chart_style *st)
{
	struct book *b = fs->b;
	struct strbuf sb = STRBUF_INIT;
	int64_t xe;
	int ret = 0;

	if (!has) {
		if (pass == 1)
			ret = note(b, F_PANEL, x0 + PDF_PT(1), mid, none);
		return ret;
	}
	xe = chart_scale_pos(&fs->sc, v, x0, x0 + fs->barw);
	if (pass == 0)
		return chart_bar(b->f.doc, st, x0, mid - FIELD_BAR / 2, xe - x0, FIELD_BAR);
	vnfmt_add_hundredths(&sb, v);
	ret = chart_text_bg(b->f.doc, vf, F_PANEL, xe + PDF_PT(2), mid_base(b, mid, F_PANEL), 0, 100,
			    PDF_PT(0.6), sb.buf, "chart value");
	strbuf_release(&sb);
	return ret;
}

static int fields_page(struct fields *fs, size_t first, size_t n, int cont, const char *title,
		       const char *sub)
{
	struct book *b = fs->b;
	const struct results *r = b->r;
	struct pdf_stroke sep = { PDF_PT(0.3), 80, 0, 0 };
	struct pdf_stroke frame = { PDF_PT(0.4), 50, 0, 0 };
	int64_t top = cur(b), rows_top, base, y;
	size_t i, p;
	int pass;

	top -= chart_title(b, 1, title, sub, cont, top, NULL);
	for (p = 0; p < fs->nf; p++)
		chart_label_draw(b->f.doc, &fs->heads[p], PDF_BOLD, F_PANEL, L_PANEL, fs->px[p], fs->pw,
				 top - (fs->head_h - (int64_t)fs->heads[p].nlines * L_PANEL), LAY_LEFT,
				 where(b, b->y->index.path, b->y->index.fields[fs->f0 + p].line,
				       "field name"));
	pdfdoc_text(b->f.doc, PDF_ITALIC, F_SMALL, b->fr.x0, mid_base(b, top - fs->head_h + L_PANEL / 2, F_SMALL),
		    "Đơn vị", "chart header");
	rows_top = top - fs->head_h - PDF_PT(4);
	base = rows_top;
	for (i = first; i < first + n; i++)
		base -= fs->rows[i].h;
	for (p = 0; p < fs->nf; p++)
		if (chart_axis(b->f.doc, &fs->sc, fs->px[p], fs->px[p] + fs->barw, base, rows_top, F_PANEL) < 0)
			return -1;
	for (pass = 0; pass < 2; pass++) {
		y = rows_top;
		for (i = first; i < first + n; i++) {
			const struct frow *fr = &fs->rows[i];
			int64_t mid = y - fr->h / 2;

			if (pass == 0 && i > first && fr->kind != FR_AVG)
				pdfdoc_line(b->f.doc, &sep, b->fr.x0, y, b->fr.x1, y);
			if (fr->kind == FR_GROUP) {
				if (pass == 1)
					chart_label_draw(b->f.doc, &fr->name, PDF_BOLD, F_FNAME, L_FNAME,
							 b->fr.x0, b->fr.x1 - b->fr.x0,
							 mid + (int64_t)fr->name.nlines * L_FNAME / 2,
							 LAY_LEFT,
							 where(b, b->y->index.path,
							       b->y->index.groups[fr->g].line,
							       "group name"));
				y -= fr->h;
				continue;
			}
			if (pass == 1)
				chart_label_draw(b->f.doc, &fr->name,
						 fr->kind == FR_AVG ? PDF_BOLD_ITALIC : PDF_REGULAR,
						 F_FNAME, L_FNAME, b->fr.x0, fs->name_w,
						 mid + (int64_t)fr->name.nlines * L_FNAME / 2, LAY_LEFT,
						 fr->kind == FR_UNIT ? unit_origin(b, fr->u) : "chart");
			for (p = 0; p < fs->nf; p++) {
				size_t f = fs->f0 + p;
				int ret;

				if (fr->kind == FR_UNIT) {
					const struct unit_result *ur = &r->units[fr->u];

					ret = field_value(fs, fs->px[p], mid, ur->scored && ur->field_max[f] > 0,
							  ur->field_index[f],
							  ur->scored ? "không áp dụng" : "chưa có kết quả",
							  PDF_REGULAR, pass, &chart_style_unit);
				} else {
					const struct group_result *gr = &r->groups[fr->g];

					ret = field_value(fs, fs->px[p], mid, gr->field_n[f] > 0,
							  gr->avg_field_index[f], "—", PDF_BOLD_ITALIC,
							  pass, &chart_style_average);
				}
				if (ret < 0)
					return -1;
			}
			y -= fr->h;
		}
	}
	/* a frame around the average rows' panels would be noise: a rule above each instead */
	y = rows_top;
	for (i = first; i < first + n; i++) {
		if (fs->rows[i].kind == FR_AVG)
			pdfdoc_line(b->f.doc, &frame, b->fr.x0, y, b->fr.x1, y);
		y -= fs->rows[i].h;
	}
	{
		int64_t fy = base - PDF_PT(4.5) - asc(b, F_PANEL) - dsc(b, F_PANEL) - GAP;
		int64_t lw = b->fr.x1 - b->fr.x0;

		if (chart_legend(b->f.doc, fields_legend, ARRAY_SIZE(fields_legend), b->fr.x0, lw, fy,
				 F_SMALL) < 0)
			return -1;
		ts_move_to(b->f.fl, fy - chart_legend_height(fields_legend, ARRAY_SIZE(fields_legend), lw,
							     F_SMALL) - PDF_PT(18));
	}
	b->fresh = 0;
	return 0;
}

static int fields_chart(struct book *b)
{
	const struct index *ix = &b->y->index;
	const struct results *r = b->r;
	/* Measured as drawn: a group's name in bold at F_FNAME, panel heads at F_PANEL. */
	struct chart_font nf = { PDF_REGULAR, F_FNAME }, hf = { PDF_BOLD, F_PANEL }, gf = { PDF_BOLD, F_FNAME };
	struct fields fs;
	struct strbuf sb = STRBUF_INIT, title = STRBUF_INIT;
	struct lay_tpage *pages = NULL;
	unsigned char *keep;
	static const char sub[] = "Điểm đạt được của mỗi lĩnh vực tính theo % điểm tối đa áp dụng "
				   "cho đơn vị; cùng một thang 0–100 cho mọi lĩnh vực; "
				   "“không áp dụng”: đơn vị không có tiêu chí nào của lĩnh vực";
	size_t g, i, k, p, np, set, nsets;
	int64_t valw, gap = PDF_PT(12), avail, o0, o1;
	int ret = 0;

	memset(&fs, 0, sizeof(fs));
	fs.b = b;
	/* rows: per group a heading, its units, its average */
	fs.rows = xcalloc(r->nunits + 2 * r->ngroups + 1, sizeof(*fs.rows));
	keep = xcalloc(r->nunits + 2 * r->ngroups + 1, 1);
	fs.name_w = PDF_PT(150);
	for (g = 0; g < r->ngroups; g++) {
		const struct group_result *gr = &r->groups[g];

		if (gr->n == 0)
			continue;
		fs.rows[fs.n].kind = FR_GROUP;
		fs.rows[fs.n].g = g;
		chart_label_set(&fs.rows[fs.n].name, ix->groups[g].name, b->fr.x1 - b->fr.x0, 2,
				chart_font_width, &gf);
		fs.rows[fs.n].h = (int64_t)fs.rows[fs.n].name.nlines * L_FNAME + ROW_PAD + PDF_PT(2);
		keep[fs.n++] = 1;
		for (i = 0; i < gr->n; i++) {
			struct frow *fr = &fs.rows[fs.n++];

			fr->kind = FR_UNIT;
			fr->g = g;
			fr->u = r->order[gr->first + i];
			chart_label_set(&fr->name, b->y->registry.units[fr->u].name, fs.name_w, NAME_LINES,
					chart_font_width, &nf);
		}
		fs.rows[fs.n].kind = FR_AVG;
		fs.rows[fs.n].g = g;
		chart_label_set(&fs.rows[fs.n].name, "Trung bình nhóm", fs.name_w, 1, chart_font_width, &nf);
		keep[fs.n - 1] = 1; /* the average stays with the group's last unit */
		fs.n++;
	}
	for (i = 0; i < fs.n; i++)
		if (fs.rows[i].kind != FR_GROUP)
			fs.rows[i].h = (int64_t)fs.rows[i].name.nlines * L_FNAME + ROW_PAD;
	chart_scale_nice(0, 10000, 3, &fs.sc);
	valw = pdfdoc_text_width(PDF_BOLD_ITALIC, F_PANEL, "100,00", 6) + PDF_PT(3);
	nsets = (ix->nfields + PANELS_MAX - 1) / PANELS_MAX;
	for (set = 0; set < nsets && ret == 0; set++) {
		int64_t left = b->fr.x0 + fs.name_w + PDF_PT(10);

		fs.f0 = set * PANELS_MAX;
		fs.nf = ix->nfields - fs.f0 < PANELS_MAX ? ix->nfields - fs.f0 : PANELS_MAX;
		fs.pw = (b->fr.x1 - left - (int64_t)(fs.nf - 1) * gap) / (int64_t)fs.nf;
		fs.barw = fs.pw - valw - PDF_PT(4);
		fs.head_h = 0;
		for (p = 0; p < fs.nf; p++) {
			const struct field *f = &ix->fields[fs.f0 + p];

			fs.px[p] = left + (int64_t)p * (fs.pw + gap) + PDF_PT(4);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s. %s", f->code, f->name);
			chart_label_set(&fs.heads[p], sb.buf, fs.pw, 4, chart_font_width, &hf);
			if ((int64_t)fs.heads[p].nlines * L_PANEL > fs.head_h)
				fs.head_h = (int64_t)fs.heads[p].nlines * L_PANEL;
		}
		strbuf_reset(&title);
		strbuf_addf(&title, "Biểu đồ 2. Chỉ số từng lĩnh vực năm %d", ix->year);
		if (nsets > 1)
			strbuf_addf(&title, " (lĩnh vực %s đến %s)", ix->fields[fs.f0].code,
				    ix->fields[fs.f0 + fs.nf - 1].code);
		if (set > 0 && new_page(b) < 0) {
			ret = -1;
			break;
		}
		o0 = chart_title(b, 0, title.buf, sub, 0, 0, NULL) + fs.head_h + PDF_PT(4) + fields_footer_h(b);
		o1 = chart_title(b, 0, title.buf, sub, 1, 0, NULL) + fs.head_h + PDF_PT(4) + fields_footer_h(b);
		avail = b->fr.y1 - b->fr.y0 - o1;
		{
			int64_t *hs = xcalloc(fs.n + 1, sizeof(*hs));
			unsigned char *kp = xcalloc(fs.n + 1, 1);
			size_t j;

			/* a group stays on one page when it fits on one */
			for (i = 0; i < fs.n; i++)
				hs[i] = fs.rows[i].h;
			for (i = 0; i < fs.n; i = j) {
				int64_t sum = 0;

				for (j = i; j < fs.n && (j == i || fs.rows[j].kind != FR_GROUP); j++)
					sum += hs[j];
				for (k = i; k + 1 < j; k++)
					kp[k] = sum <= avail ? 1 : keep[k];
			}
			if (paginate(b, hs, kp, fs.n, o0, o1, &pages, &np) < 0)
				ret = -1;
			free(hs);
			free(kp);
		}
		for (p = 0; p < np && ret == 0; p++) {
			if (p > 0 && new_page(b) < 0)
				ret = -1;
			else
				ret = fields_page(&fs, pages[p].first, pages[p].n, p > 0, title.buf, sub);
		}
		free(pages);
		pages = NULL;
		for (p = 0; p < fs.nf; p++)
			chart_label_release(&fs.heads[p]);
	}
	for (i = 0; i < fs.n; i++)
		chart_label_release(&fs.rows[i].name);
	free(fs.rows);
	free(keep);
	strbuf_release(&sb);
	strbuf_release(&title);
	return ret;
}

/* ---- The book ------------------------------------------------------------------------- */

/* Range of the values a dumbbell chart shows, over all groups; 0 when there are none. */
static int value_range(const struct results *r, int yoy, int64_t *lo, int64_t *hi)
{
	size_t u;
	int any = 0;

	for (u = 0; u < r->nunits; u++) {
		const struct unit_result *ur = &r->units[u];
		int64_t v[2];
		size_t k, nv = 0;

		if (!ur->scored)
			continue;
		if (yoy) {
			v[nv++] = ur->index;
			if (ur->has_prev)
				v[nv++] = ur->prev_index;
		} else {
			v[nv++] = ur->self_total;
			v[nv++] = ur->total;
		}
		for (k = 0; k < nv; k++) {
			if (!any || v[k] < *lo)
				*lo = v[k];
			if (!any || v[k] > *hi)
				*hi = v[k];
			any = 1;
		}
	}
	if (!any)
		*lo = *hi = 0;
	return any;
}

static int draw_book(struct book *b)
{
	const struct index *ix = &b->y->index;
	const struct results *r = b->r;
	struct strbuf title = STRBUF_INIT, leg = STRBUF_INIT, t = STRBUF_INIT;
	int64_t lo, hi;
	size_t g;
	int ret = 0;

	/* 1. ranking */
	if (section(b, "1. Xếp hạng Chỉ số cải cách hành chính theo nhóm", PDF_PORTRAIT) < 0 ||
	    heading(b) < 0)
		goto fail;
	for (g = 0; g < r->ngroups; g++)
		if (r->groups[g].n > 0 && ranking_chart(b, g, &title, &leg) < 0)
			goto fail;
	/* 2. fields */
	if (section(b, "2. Chỉ số từng lĩnh vực", PDF_LANDSCAPE) < 0 || fields_chart(b) < 0)
		goto fail;
	/* 3. self vs final */
	if (section(b, "3. Điểm tự đánh giá và điểm sau thẩm định", PDF_LANDSCAPE) < 0)
		goto fail;
	value_range(r, 0, &lo, &hi);
	for (g = 0; g < r->ngroups; g++)
		if (r->groups[g].n > 0 && self_chart(b, g, lo, hi, &title) < 0)
			goto fail;
	/* 4. year over year */
	strbuf_addf(&t, "4. So sánh với năm %d", ix->year - 1);
	if (section(b, t.buf, b->y->has_previous ? PDF_LANDSCAPE : PDF_PORTRAIT) < 0)
		goto fail;
	if (!b->y->has_previous) {
		int64_t top = cur(b);

		strbuf_reset(&title);
		strbuf_addf(&title, "Biểu đồ 4. Chỉ số cải cách hành chính năm %d và năm %d",
			    ix->year - 1, ix->year);
		ts_move_to(b->f.fl, top - chart_title(b, 1, title.buf, NULL, 0, top, NULL));
		strbuf_reset(&t);
		strbuf_addf(&t, "Không có số liệu Chỉ số cải cách hành chính năm %d để so sánh.",
			    ix->year - 1);
		para(b, 1, t.buf, PDF_REGULAR, PDF_PT(13), PDF_PT(15), b->fr.x0, b->fr.x1 - b->fr.x0,
		     cur(b), LAY_CENTER, 3, "chart book");
	} else {
		value_range(r, 1, &lo, &hi);
		for (g = 0; g < r->ngroups; g++)
			if (r->groups[g].n > 0 && yoy_chart(b, g, lo, hi, &title) < 0)
				goto fail;
	}
	goto out;
fail:
	ret = -1;
out:
	strbuf_release(&title);
	strbuf_release(&leg);
	strbuf_release(&t);
	return ret;
}

int chartbook_render(const struct render_ctx *c, const char *path)
{
	struct pdf_fontmetrics fm;
	struct strbuf title = STRBUF_INIT, subject = STRBUF_INIT, kw = STRBUF_INIT;
	struct book b;
	int ret = RENDER_OK;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.y = c->y;
	b.r = c->r;
	strbuf_init(&b.org);
	pdfdoc_font_metrics(PDF_REGULAR, &fm);
	b.asc = fm.ascent;
	b.desc = fm.descent;
	if (b.r->nunits != b.y->registry.nunits || b.r->ngroups != b.y->index.ngroups) {
		ret = RENDER_DATA;
		error("chart book: results do not match the year (%zu units, %zu groups)",
		      b.r->nunits, b.r->ngroups);
		goto out;
	}
	strbuf_addf(&title, "Biểu đồ so sánh Chỉ số cải cách hành chính năm %d", b.y->index.year);
	strbuf_addf(&subject, "Xếp hạng theo nhóm, chỉ số từng lĩnh vực, điểm tự đánh giá và điểm "
			      "sau thẩm định, so sánh với năm trước: %s",
		    b.y->index.title ? b.y->index.title : "Chỉ số cải cách hành chính");
	strbuf_addf(&kw, "Chỉ số cải cách hành chính; CCHC; biểu đồ; xếp hạng; %d", b.y->index.year);
	frame_open(&b.f, c, &(struct pdfdoc_meta){ .title = title.buf, .author = frame_author(&b.y->pub, "parx"),
						    .subject = subject.buf, .keywords = kw.buf });
	draw_book(&b); /* a failure fails the document: frame_save() reports it */
	ret = frame_save(&b.f, path);
out:
	strbuf_release(&title);
	strbuf_release(&subject);
	strbuf_release(&kw);
	strbuf_release(&b.org);
	return ret;
}
