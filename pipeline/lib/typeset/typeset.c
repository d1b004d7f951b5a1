/*
 * typeset.c: paragraphs and tables on pdfdoc pages.
 *
 * Every flowing call makes a block: a paragraph already broken into lines
 * (layout.h, widths from pdfdoc), a space, a rule, or a table already
 * measured (column widths, cell lines, row heights). A block is placed at
 * once, unless it must wait: inside a keep group, or after a paragraph that
 * keeps with the next block. Waiting blocks are placed together when the
 * group ends or the next block arrives, after a page break if that keeps
 * them on one page. Placing breaks pages where needed: a paragraph after
 * widow and orphan control (lay_split_lines), a table between rows
 * (lay_paginate, which keeps a row marked keep-with-next with the next) with
 * its header repeated under a continuation caption; a row taller than a page
 * is first split into parts of its cells' lines (split_rows). A table is
 * measured once (tprep), on demand before it is drawn when the caller asks
 * its height or shares its column widths with another.
 *
 * Vertical metrics: a line box is `leading` high and its baseline sits
 * leading/2 + 0.34 size below its top, which centres Vietnamese capitals
 * with their marks in the box (ascent 0.891 em, cap height 0.662 em).
 */
#include "typeset/typeset.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/strbuf.h"

/* ---- Measuring ---------------------------------------------------------------- */

struct wctx {
	int64_t size;
};

static int64_t measure(void *ctx, int style, const char *s, size_t len)
{
	const struct wctx *w = ctx;

	return pdfdoc_text_width((enum pdf_font)style, w->size, s, len);
}

static int64_t leading_of(int64_t size, int64_t leading)
{
	return leading > 0 ? leading : TS_LINES(size, 100);
}

/* Baseline of a line whose box starts at `top` (PDF y, downwards). */
static int64_t baseline(int64_t top, int64_t lead, int64_t size)
{
	return top - lead / 2 - size * 34 / 100;
}

/* Runs copied into one buffer, for blocks that outlive the caller's strings. */
struct text {
	char *buf;              /* the runs' texts, after the runs in their block */
	struct lay_run *runs;   /* n (at least one slot): the block text_release() frees */
	size_t n;
};

/* t: the runs' texts, one after the other, in one block with the runs that point into them. */
static void text_copy(struct text *t, const struct ts_run *runs, size_t n)
{
	size_t len = 0, off = 0;

	for (size_t i = 0; i < n; i++)
		len += runs[i].text ? strlen(runs[i].text) : 0;
	t->runs = xmalloc((n ? n : 1) * sizeof(*t->runs) + len + 1);
	t->buf = (char *)(t->runs + (n ? n : 1));
	t->n = n;
	for (size_t i = 0; i < n; i++) {
		size_t l = runs[i].text ? strlen(runs[i].text) : 0;

		memcpy(t->buf + off, runs[i].text ? runs[i].text : "", l);
		t->runs[i].style = (int)runs[i].font;
		t->runs[i].text = t->buf + off;
		t->runs[i].len = l;
		off += l;
	}
	t->buf[off] = '\0';
}

static void text_release(struct text *t)
{
	free(t->runs); /* and the text after them */
	memset(t, 0, sizeof(*t));
}

static int check_runs(struct pdfdoc *d, const struct ts_run *runs, size_t n, const char *origin)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned)runs[i].font >= PDF_NFONTS)
			return pdfdoc_fail(d, "%s: bad font %d", origin ? origin : "text", (int)runs[i].font);
		if (runs[i].text && pdfdoc_check(d, runs[i].text, strlen(runs[i].text), origin) < 0)
			return -1;
	}
	return 0;
}

/*
 * Draws line `ln` of a laid-out paragraph with its box's top at `top` and
 * the paragraph's left edge at x. Words of one font separated by natural
 * spaces are drawn as one string (spaces included, so the text layer has
 * them); a stretched line places every word.
 */
static int draw_line(struct pdfdoc *d, const struct lay_para *lp, const struct lay_run *runs,
		     size_t ln, int64_t x, int64_t top, int64_t size, int64_t lead, const char *origin)
{
	const struct lay_line *line = &lp->lines[ln];
	int64_t y = baseline(top, lead, size);
	struct strbuf sb = STRBUF_INIT;
	char small[256]; /* a cell's or a line's words, mostly: no allocation for them */
	size_t i = line->first, end = line->first + line->n;
	int ret = 0;

	while (i < end && ret == 0) {
		const struct lay_frag *fr = &lp->frags[i];
		int font = runs[fr->run].style;
		int64_t space = pdfdoc_text_width((enum pdf_font)font, size, " ", 1);
		size_t j = i + 1, len = fr->len;
		char *text;

		/* The words drawn as one string: of one font, at their natural distance. */
		while (j < end && !(line->flags & LAY_LINE_STRETCH)) {
			const struct lay_frag *a = &lp->frags[j - 1], *b = &lp->frags[j];

			if (runs[b->run].style != font)
				break;
			if (b->space_before ? b->x != a->x + a->w + space : b->x != a->x + a->w)
				break;
			len += (b->space_before ? 1 : 0) + b->len;
			j++;
		}
		if (len < sizeof(small)) {
			text = small;
		} else {
			strbuf_reset(&sb);
			strbuf_grow(&sb, len);
			text = sb.buf;
		}
		len = 0;
		for (size_t k = i; k < j; k++) {
			const struct lay_frag *b = &lp->frags[k];

			if (k > i && b->space_before)
				text[len++] = ' ';
			memcpy(text + len, runs[b->run].text + b->off, b->len);
			len += b->len;
		}
		text[len] = '\0';
		ret = pdfdoc_textn(d, (enum pdf_font)font, size, x + fr->x, y, text, len, origin);
		i = j;
	}
	strbuf_release(&sb);
	return ret;
}

/* ---- Tables, prepared --------------------------------------------------------- */

struct tcell {
	char *text;
	int col, colspan, rowspan;
	int font, align;   /* -1: the row's or column's */
	char *origin;
};

struct trow {
	int head;
	int keep;          /* stays on the page of the next row */
	int font;          /* -1: the table's */
	size_t first, n;   /* cells */
};

struct tprep;

struct ts_table {
	struct ts_col *cols;
	size_t ncols;
	struct ts_table_style st;
	struct trow *rows;
	size_t nrows, arows;
	struct tcell *cells;
	size_t ncells, acells;
	int misuse;        /* a cell before any row, a body row before a header row ... */
	struct tprep *prep;  /* measured by ts_table_measure/share_columns, for ts_table_draw */
	int64_t prep_w;      /* the frame width it was measured for */
};

/* A cell laid out. */
struct pcell {
	int row, col, colspan, rowspan;
	int font, align;
	struct text t;
	struct lay_para lp;
	int64_t h;         /* text height */
	char *origin;
};

/* A table laid out, ready to place. */
struct tprep {
	struct ts_table_style st;
	int64_t lead, x0, width;
	int64_t *colw, *colx;   /* ncols, ncols + 1 */
	size_t ncols;
	size_t nhead, nbody;    /* rows */
	int64_t *rowh;          /* nhead + nbody */
	unsigned char *keep;    /* nbody: the body row stays on the page of the next */
	size_t *orig;           /* nbody, once rows are split: the number of the row each part is of */
	int64_t head_h;
	struct pcell *cells;
	size_t ncells;
	size_t *row_first;      /* first cell of each row, nhead + nbody + 1 */
	int64_t caption_h;
	char *origin;
};

static void tprep_free(struct tprep *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->ncells; i++) {
		text_release(&p->cells[i].t);
		lay_para_release(&p->cells[i].lp);
		free(p->cells[i].origin);
	}
	free(p->cells);
	free(p->colw);
	free(p->colx);
	free(p->rowh);
	free(p->keep);
	free(p->orig);
	free(p->row_first);
	free((char *)p->st.continued);
	free(p->origin);
	free(p);
}

/*
 * Height of a table with its header once and every row whole, space before
 * and after included; *lead (may be NULL): the least of it that may start a
 * page (space before, the header, the body rows up to and including the
 * first one not kept with the next).
 */
static int64_t tprep_height(const struct tprep *p, int64_t *lead)
{
	int64_t h = p->st.space_before + p->head_h;
	size_t i = 0;

	while (i < p->nbody) {
		h += p->rowh[p->nhead + i];
		if (!p->keep[i++])
			break;
	}
	if (lead)
		*lead = h;
	for (; i < p->nbody; i++)
		h += p->rowh[p->nhead + i];
	return h + p->st.space_after;
}

/* ---- Blocks and the flow ------------------------------------------------------- */

enum bkind { B_PARA, B_SPACE, B_RULE, B_TABLE };

struct block {
	enum bkind kind;
	/* B_PARA */
	struct ts_style st;
	int64_t lead;
	int64_t x, width;      /* of the paragraph box (indents applied) */
	struct text t;
	struct lay_para lp;
	/* B_SPACE: h; B_RULE: length, lw, above, below */
	int64_t h, length, lw, above, below;
	/* B_TABLE */
	struct tprep *tab;
	char *origin;
};

struct ts_flow {
	struct pdfdoc *d;
	int page;             /* pdfdoc_page_count() when y was last set */
	int64_t y;            /* cursor: PDF y of the next block's top */
	int at_top;           /* nothing placed on this page yet */
	int keeping;          /* inside ts_keep_begin/end */
	struct block **pend;  /* blocks waiting */
	size_t npend, apend;
	size_t nkwn;          /* of them, a chain of keep-with-next paragraphs (outside a group) */
};

static void block_free(struct block *b)
{
	if (!b)
		return;
	text_release(&b->t);
	lay_para_release(&b->lp);
	tprep_free(b->tab);
	free(b->origin);
	free(b);
}

static int flush_need(struct ts_flow *f, int whole, int64_t extra);

/* pdfdoc's section hook: what waits belongs to the section that ends. */
static int before_section(void *ctx)
{
	struct ts_flow *f = ctx;
	int ret;

	if (!f->npend)
		return 0;
	ret = flush_need(f, f->keeping, 0);
	f->keeping = 0;
	return ret;
}

struct ts_flow *ts_flow_new(struct pdfdoc *d)
{
	struct ts_flow *f = xcalloc(1, sizeof(*f));

	f->d = d;
	f->page = -1;
	pdfdoc_on_section(d, before_section, f);
	return f;
}

struct pdfdoc *ts_flow_doc(struct ts_flow *f)
{
	return f->d;
}

static struct pdf_box frame(struct ts_flow *f)
{
	struct pdf_box fr;

	pdfdoc_page_box(f->d, NULL, &fr);
	return fr;
}

/* Follows the document: a page begun elsewhere (a new section) puts the cursor at its top. */
static int sync(struct ts_flow *f)
{
	if (pdfdoc_error(f->d))
		return -1;
	if (pdfdoc_page_count(f->d) == 0)
		return pdfdoc_fail(f->d, "typesetting with no page: start a section first");
	if (f->page != pdfdoc_page_count(f->d)) {
		f->page = pdfdoc_page_count(f->d);
		f->y = frame(f).y1;
		f->at_top = 1;
	}
	return 0;
}

static int new_page(struct ts_flow *f)
{
	if (pdfdoc_page_add(f->d) < 0)
		return -1;
	return sync(f);
}

static int64_t avail(struct ts_flow *f)
{
	return f->y - frame(f).y0;
}

static int64_t page_height(struct ts_flow *f)
{
	struct pdf_box fr = frame(f);

	return fr.y1 - fr.y0;
}

/* ---- Placing blocks ------------------------------------------------------------- */

static int place_para(struct ts_flow *f, struct block *b)
{
	size_t i = 0, n = b->lp.nlines;

	if (!f->at_top)
		f->y -= b->st.space_before;
	while (i < n) {
		size_t fit = avail(f) >= b->lead ? (size_t)(avail(f) / b->lead) : 0, k, j;

		/* widows and orphans: two lines at least on either side of a break */
		k = lay_split_lines(n - i, fit, 2, 2);
		if (k == 0) {
			if (f->at_top) {
				/* not even two lines fit on an empty page: set what fits */
				k = fit ? fit : 1;
			} else {
				if (new_page(f) < 0)
					return -1;
				continue;
			}
		}
		for (j = 0; j < k; j++, i++) {
			if (draw_line(f->d, &b->lp, b->t.runs, i, b->x, f->y, b->st.size, b->lead,
				      b->origin) < 0)
				return -1;
			f->y -= b->lead;
		}
		f->at_top = 0;
		if (i < n && new_page(f) < 0)
			return -1;
	}
	f->y -= b->st.space_after;
	return 0;
}

static int place_rule(struct ts_flow *f, struct block *b)
{
	struct pdf_box fr = frame(f);
	struct pdf_stroke s = { b->lw, 0, 0, 0 };
	int64_t len = b->length > 0 ? b->length : fr.x1 - fr.x0;
	int64_t x = fr.x0 + (fr.x1 - fr.x0 - len) / 2, y = f->y - b->above;

	if (pdfdoc_line(f->d, &s, x, y, x + len, y) < 0)
		return -1;
	f->y = y - b->below;
	f->at_top = 0;
	return 0;
}

static int place_table(struct ts_flow *f, struct tprep *p);

static int place(struct ts_flow *f, struct block *b)
{
	switch (b->kind) {
	case B_PARA:
		return place_para(f, b);
	case B_SPACE:
		if (!f->at_top)
			f->y -= b->h;
		return 0;
	case B_RULE:
		return place_rule(f, b);
	case B_TABLE:
		return place_table(f, b->tab);
	}
	return 0;
}

static int64_t para_height(const struct block *b)
{
	return b->st.space_before + (int64_t)b->lp.nlines * b->lead + b->st.space_after;
}

/* Height of the whole block, and of the least part that may start a page. */
static int64_t block_height(const struct block *b, int64_t *start)
{
	int64_t h = 0, s = 0;

	switch (b->kind) {
	case B_PARA:
		h = para_height(b);
		s = b->st.space_before + (int64_t)(b->lp.nlines < 2 ? b->lp.nlines : 2) * b->lead;
		break;
	case B_SPACE:
		h = s = b->h;
		break;
	case B_RULE:
		h = s = b->above + b->below;
		break;
	case B_TABLE:
		h = tprep_height(b->tab, &s);
		break;
	}
	if (start)
		*start = s;
	return h;
}

/*
 * Places the waiting blocks. `whole`: they form a group to keep on one page
 * (when it fits on one); otherwise a keep-with-next chain, which needs only
 * its last block's first part on the same page.
 */
static int flush_need(struct ts_flow *f, int whole, int64_t extra)
{
	int64_t need = extra, start = 0;
	size_t i;
	int ret = 0;

	if (!f->npend)
		return 0;
	for (i = 0; i < f->npend; i++) {
		int64_t h = block_height(f->pend[i], &start);

		need += i + 1 < f->npend || whole || extra ? h : start;
	}
	if (sync(f) == 0 && need > avail(f) && !f->at_top && need <= page_height(f))
		ret = new_page(f);
	for (i = 0; i < f->npend; i++) {
		if (ret == 0)
			ret = place(f, f->pend[i]);
		block_free(f->pend[i]);
	}
	f->npend = 0;
	f->nkwn = 0;
	return ret;
}

static int flush(struct ts_flow *f, int whole)
{
	return flush_need(f, whole, 0);
}

/* Takes a new block: places it, or makes it wait. */
static int submit(struct ts_flow *f, struct block *b, int kwn)
{
	int ret;

	if (sync(f) < 0) {
		block_free(b);
		return -1;
	}
	if (f->keeping || kwn || f->nkwn) {
		xgrow(&f->pend, &f->apend, f->npend + 1, sizeof(*f->pend));
		f->pend[f->npend++] = b;
		if (f->keeping)
			return 0;
		if (kwn) {
			f->nkwn++;
			return 0;
		}
		return flush(f, 0);
	}
	ret = place(f, b);
	block_free(b);
	return ret;
}

void ts_flow_free(struct ts_flow *f)
{
	size_t i;

	if (!f)
		return;
	if (f->npend && !pdfdoc_error(f->d))
		flush(f, f->keeping);
	for (i = 0; i < f->npend; i++)
		block_free(f->pend[i]);
	pdfdoc_on_section(f->d, NULL, f);
	free(f->pend);
	free(f);
}

/* ---- Paragraphs --------------------------------------------------------------- */

/* Lays out runs in a box `width` wide into b (B_PARA). */
static void layout_para(struct block *b, const struct ts_style *st, const struct ts_run *runs,
			size_t n, int64_t width)
{
	struct wctx w = { st->size };
	struct lay_params p;

	b->kind = B_PARA;
	b->st = *st;
	b->lead = leading_of(st->size, st->leading);
	text_copy(&b->t, runs, n);
	p.width = width - st->indent_left - st->indent_right;
	if (p.width < st->size)
		p.width = st->size;
	p.indent_first = st->indent_first;
	p.align = st->align;
	p.width_fn = measure;
	p.ctx = &w;
	lay_break(&p, b->t.runs, b->t.n, &b->lp);
	b->width = p.width;
}

static int check_style(struct pdfdoc *d, const struct ts_style *st, const char *origin)
{
	if (st->size <= 0 || st->size > PDF_PT(200) || (unsigned)st->font >= PDF_NFONTS)
		return pdfdoc_fail(d, "%s: bad paragraph style", origin ? origin : "paragraph");
	return 0;
}

int ts_para(struct ts_flow *f, const struct ts_style *st, const struct ts_run *runs, size_t n,
	    const char *origin)
{
	struct block *b;
	struct pdf_box fr;

	if (sync(f) < 0 || check_style(f->d, st, origin) < 0 || check_runs(f->d, runs, n, origin) < 0)
		return -1;
	fr = frame(f);
	b = xcalloc(1, sizeof(*b));
	layout_para(b, st, runs, n, fr.x1 - fr.x0);
	b->x = fr.x0 + st->indent_left;
	b->origin = origin ? xstrdup(origin) : NULL;
	return submit(f, b, st->keep_with_next);
}

int ts_text(struct ts_flow *f, const struct ts_style *st, const char *text, const char *origin)
{
	struct ts_run r;

	r.font = st->font;
	r.text = text;
	return ts_para(f, st, &r, 1, origin);
}

int ts_space(struct ts_flow *f, int64_t h)
{
	struct block *b;

	if (sync(f) < 0)
		return -1;
	b = xcalloc(1, sizeof(*b));
	b->kind = B_SPACE;
	b->h = h;
	return submit(f, b, 0);
}

int ts_rule(struct ts_flow *f, int64_t length, int64_t width, int64_t above, int64_t below)
{
	struct block *b;

	if (sync(f) < 0)
		return -1;
	b = xcalloc(1, sizeof(*b));
	b->kind = B_RULE;
	b->length = length;
	b->lw = width;
	b->above = above;
	b->below = below;
	/* a rule belongs to what is above it: never a page break between them */
	if (!f->keeping && !f->nkwn) {
		int ret = place(f, b);

		block_free(b);
		return ret;
	}
	return submit(f, b, 1);
}

int ts_flush(struct ts_flow *f)
{
	int ret;

	if (pdfdoc_error(f->d))
		return -1;
	ret = flush(f, f->keeping);
	f->keeping = 0;
	return ret;
}

int ts_section(struct ts_flow *f, const char *bookmark, enum pdf_orient o, unsigned flags)
{
	/* the section hook sets what waits */
	if (pdfdoc_section(f->d, bookmark, o, flags) < 0)
		return -1;
	return sync(f);
}

int ts_need(struct ts_flow *f, int64_t h)
{
	if (flush(f, f->keeping) < 0 || sync(f) < 0)
		return -1;
	f->keeping = 0;
	if (h > avail(f) && !f->at_top)
		return new_page(f);
	return 0;
}

int ts_page_break(struct ts_flow *f)
{
	if (flush(f, f->keeping) < 0 || sync(f) < 0)
		return -1;
	f->keeping = 0;
	return new_page(f);
}

int ts_keep_begin(struct ts_flow *f)
{
	if (sync(f) < 0)
		return -1;
	if (f->keeping)
		return 0;
	/* a waiting keep-with-next chain joins the group */
	f->nkwn = 0;
	f->keeping = 1;
	return 0;
}

int ts_keep_end(struct ts_flow *f)
{
	if (!f->keeping)
		return pdfdoc_error(f->d) ? -1 : 0;
	f->keeping = 0;
	return flush(f, 1);
}

int64_t ts_y(struct ts_flow *f)
{
	if (sync(f) < 0)
		return 0;
	return f->y;
}

int64_t ts_avail(struct ts_flow *f)
{
	if (sync(f) < 0)
		return 0;
	return avail(f);
}

int ts_reserve(struct ts_flow *f, int64_t h, int64_t *top)
{
	/* what waits (a heading keeping with the next block) goes with the reserved block */
	if (flush_need(f, f->keeping, f->keeping || f->nkwn ? h : 0) < 0 || sync(f) < 0)
		return -1;
	f->keeping = 0;
	if (h > avail(f) && !f->at_top && new_page(f) < 0)
		return -1;
	*top = f->y;
	f->y -= h;
	f->at_top = 0;
	return 0;
}

int ts_move_to(struct ts_flow *f, int64_t y)
{
	if (sync(f) < 0)
		return -1;
	f->y = y;
	f->at_top = 0;
	return 0;
}

int ts_para_measure(struct ts_flow *f, const struct ts_style *st, const struct ts_run *runs,
		    size_t n, int64_t width, int64_t *height, int64_t *natural, const char *origin)
{
	struct block b;

	memset(&b, 0, sizeof(b));
	if (pdfdoc_error(f->d) || check_style(f->d, st, origin) < 0 ||
	    check_runs(f->d, runs, n, origin) < 0)
		return -1;
	layout_para(&b, st, runs, n, width);
	if (height)
		*height = (int64_t)b.lp.nlines * b.lead;
	if (natural)
		*natural = lay_para_max_width(&b.lp) + st->indent_left + st->indent_right;
	text_release(&b.t);
	lay_para_release(&b.lp);
	return 0;
}

int ts_para_at(struct ts_flow *f, const struct ts_style *st, const struct ts_run *runs, size_t n,
	       int64_t x, int64_t width, int64_t top, int64_t *height, const char *origin)
{
	struct block b;
	size_t i;
	int ret = 0;

	memset(&b, 0, sizeof(b));
	if (sync(f) < 0 || check_style(f->d, st, origin) < 0 || check_runs(f->d, runs, n, origin) < 0)
		return -1;
	layout_para(&b, st, runs, n, width);
	for (i = 0; i < b.lp.nlines && ret == 0; i++)
		ret = draw_line(f->d, &b.lp, b.t.runs, i, x + st->indent_left, top - (int64_t)i * b.lead,
				st->size, b.lead, origin);
	if (height)
		*height = (int64_t)b.lp.nlines * b.lead;
	text_release(&b.t);
	lay_para_release(&b.lp);
	return ret;
}

/* ---- Tables: building ------------------------------------------------------------ */

void ts_table_style_default(struct ts_table_style *st)
{
	memset(st, 0, sizeof(*st));
	st->size = PDF_PT(12);
	st->head_font = PDF_BOLD;
	st->body_font = PDF_REGULAR;
	st->pad_x = PDF_MM(1.5);
	st->pad_y = PDF_PT(1.5);
	st->rule = PDF_PT(0.5);
	st->continued = "(ti\xe1\xba\xbfp theo)"; /* (tiếp theo) */
	st->continued_font = PDF_ITALIC;
	st->continued_align = LAY_RIGHT;
	st->space_before = PDF_PT(6);
	st->space_after = PDF_PT(6);
}

struct ts_table *ts_table_new(const struct ts_col *cols, size_t ncols, const struct ts_table_style *st)
{
	struct ts_table *t = xcalloc(1, sizeof(*t));

	t->cols = xcalloc(ncols ? ncols : 1, sizeof(*cols));
	if (ncols)
		memcpy(t->cols, cols, ncols * sizeof(*cols));
	t->ncols = ncols;
	if (st)
		t->st = *st;
	else
		ts_table_style_default(&t->st);
	t->st.continued = t->st.continued ? xstrdup(t->st.continued) : NULL;
	return t;
}

void ts_table_free(struct ts_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ncells; i++) {
		free(t->cells[i].text);
		free(t->cells[i].origin);
	}
	free(t->cells);
	free(t->rows);
	free(t->cols);
	free((char *)t->st.continued);
	tprep_free(t->prep);
	free(t);
}

/* A change to the table: what was measured no longer holds. */
static void changed(struct ts_table *t)
{
	tprep_free(t->prep);
	t->prep = NULL;
}

static void add_row(struct ts_table *t, int head)
{
	changed(t);
	if (head && t->nrows && !t->rows[t->nrows - 1].head)
		t->misuse = 1; /* header rows must come first */
	xgrow(&t->rows, &t->arows, t->nrows + 1, sizeof(*t->rows));
	t->rows[t->nrows].head = head;
	t->rows[t->nrows].keep = 0;
	t->rows[t->nrows].font = -1;
	t->rows[t->nrows].first = t->ncells;
	t->rows[t->nrows].n = 0;
	t->nrows++;
}

void ts_table_head_row(struct ts_table *t)
{
	add_row(t, 1);
}

void ts_table_row(struct ts_table *t)
{
	add_row(t, 0);
}

void ts_table_cell(struct ts_table *t, const char *text)
{
	struct tcell *c;

	changed(t);
	if (!t->nrows) {
		t->misuse = 1;
		return;
	}
	xgrow(&t->cells, &t->acells, t->ncells + 1, sizeof(*t->cells));
	c = &t->cells[t->ncells++];
	memset(c, 0, sizeof(*c));
	c->text = xstrdup(text ? text : "");
	c->colspan = c->rowspan = 1;
	c->font = c->align = -1;
	t->rows[t->nrows - 1].n++;
}

static struct tcell *last_cell(struct ts_table *t)
{
	changed(t);
	if (!t->ncells || !t->nrows || !t->rows[t->nrows - 1].n) {
		t->misuse = 1;
		return NULL;
	}
	return &t->cells[t->ncells - 1];
}

void ts_table_span(struct ts_table *t, int cols, int rows)
{
	struct tcell *c = last_cell(t);

	if (c) {
		c->colspan = cols;
		c->rowspan = rows;
	}
}

void ts_table_font(struct ts_table *t, enum pdf_font font)
{
	struct tcell *c = last_cell(t);

	if (c)
		c->font = (int)font;
}

void ts_table_align(struct ts_table *t, enum lay_align align)
{
	struct tcell *c = last_cell(t);

	if (c)
		c->align = (int)align;
}

void ts_table_origin(struct ts_table *t, const char *origin)
{
	struct tcell *c = last_cell(t);

	if (c) {
		free(c->origin);
		c->origin = origin ? xstrdup(origin) : NULL;
	}
}

void ts_table_row_font(struct ts_table *t, enum pdf_font font)
{
	changed(t);
	if (!t->nrows)
		t->misuse = 1;
	else
		t->rows[t->nrows - 1].font = (int)font;
}

void ts_table_row_keep(struct ts_table *t)
{
	changed(t);
	if (!t->nrows || t->rows[t->nrows - 1].head)
		t->misuse = 1;
	else
		t->rows[t->nrows - 1].keep = 1;
}

/* ---- Tables: preparing ------------------------------------------------------------ */

static const char *or_table(const char *o)
{
	return o ? o : "table";
}

/* Assigns columns to cells, checking the grid; -1 after failing d. */
static int grid(struct pdfdoc *d, const struct ts_table *t, struct tprep *p, const char *origin)
{
	size_t nrows = t->nrows, r, k;
	unsigned char *cov = xcalloc(nrows * p->ncols + 1, 1);
	int ret = 0;

	p->cells = xcalloc(t->ncells + 1, sizeof(*p->cells));
	p->row_first = xcalloc(nrows + 1, sizeof(*p->row_first));
	for (r = 0; r < nrows && ret == 0; r++) {
		const struct trow *row = &t->rows[r];
		size_t col = 0, c;

		p->row_first[r] = p->ncells;
		for (k = 0; k < row->n && ret == 0; k++) {
			const struct tcell *tc = &t->cells[row->first + k];
			struct pcell *pc = &p->cells[p->ncells];
			int rr, cc;

			while (col < p->ncols && cov[r * p->ncols + col])
				col++;
			if (tc->colspan < 1 || tc->rowspan < 1 || col + (size_t)tc->colspan > p->ncols) {
				ret = pdfdoc_fail(d, "%s: row %zu: cell %zu does not fit the %zu columns",
						  or_table(origin), r + 1, k + 1, p->ncols);
				break;
			}
			if (tc->rowspan > 1 && (!row->head || r + (size_t)tc->rowspan > p->nhead)) {
				ret = pdfdoc_fail(d, "%s: row %zu: cell %zu spans rows outside the header",
						  or_table(origin), r + 1, k + 1);
				break;
			}
			for (rr = 0; rr < tc->rowspan; rr++)
				for (cc = 0; cc < tc->colspan; cc++)
					cov[(r + (size_t)rr) * p->ncols + col + (size_t)cc] = 1;
			pc->row = (int)r;
			pc->col = (int)col;
			pc->colspan = tc->colspan;
			pc->rowspan = tc->rowspan;
			pc->font = tc->font >= 0 ? tc->font : row->font >= 0 ? row->font :
				   (int)(row->head ? t->st.head_font : t->st.body_font);
			pc->origin = tc->origin ? xstrdup(tc->origin) : NULL;
			p->ncells++;
			col += (size_t)tc->colspan;
		}
		for (c = 0; ret == 0 && c < p->ncols; c++) {
			if (!cov[r * p->ncols + c]) {
				ret = pdfdoc_fail(d, "%s: row %zu has cells for %zu of %zu columns",
						  or_table(origin), r + 1, c, p->ncols);
			}
		}
	}
	p->row_first[nrows] = p->ncells;
	free(cov);
	return ret;
}

static int cell_align(const struct ts_table *t, const struct tprep *p, const struct tcell *tc,
		      const struct pcell *pc)
{
	if (tc->align >= 0)
		return tc->align;
	if ((size_t)pc->row < p->nhead)
		return LAY_CENTER;
	return (int)t->cols[pc->col].align;
}

/* The cells of t checked, placed on the grid and copied (no widths yet); NULL after failing d. */
static struct tprep *prep_cells(struct pdfdoc *d, const struct ts_table *t, const char *origin)
{
	struct tprep *p = xcalloc(1, sizeof(*p));
	size_t i, r;

	p->st = t->st;
	p->st.continued = t->st.continued ? xstrdup(t->st.continued) : NULL;
	p->origin = origin ? xstrdup(origin) : NULL;
	p->ncols = t->ncols;
	p->lead = leading_of(t->st.size, t->st.leading);
	for (r = 0; r < t->nrows && t->rows[r].head; r++)
		p->nhead++;
	p->nbody = t->nrows - p->nhead;
	if (t->misuse || !t->ncols) {
		pdfdoc_fail(d, "%s: malformed table (a cell before its row, a header row after the "
			    "body or kept with the next, or no columns)", or_table(origin));
		goto fail;
	}
	if (t->st.size <= 0 || t->st.pad_x < 0 || t->st.pad_y < 0 || t->st.rule < 0) {
		pdfdoc_fail(d, "%s: bad table style", or_table(origin));
		goto fail;
	}
	if (grid(d, t, p, origin) < 0)
		goto fail;
	for (i = 0; i < p->ncells; i++) {
		const struct tcell *tc = &t->cells[i];
		struct ts_run run;

		run.font = (enum pdf_font)p->cells[i].font;
		run.text = tc->text;
		if (check_runs(d, &run, 1, tc->origin ? tc->origin : origin) < 0)
			goto fail;
		text_copy(&p->cells[i].t, &run, 1);
	}
	return p;
fail:
	tprep_free(p);
	return NULL;
}

/* The columns of t, asking nothing of their content yet. */
static void cols_init(const struct ts_table *t, struct lay_col *lc)
{
	for (size_t c = 0; c < t->ncols; c++) {
		lc[c].kind = t->cols[c].kind;
		lc[c].value = t->cols[c].value;
		lc[c].natural = lc[c].minimum = 2 * t->st.pad_x;
		/* Below its longest word only when nothing else fits: that word is then cut. */
		lc[c].floor = 2 * t->st.pad_x + TS_CUT_FLOOR;
	}
}

/* What the cells of p ask of their columns (widest word, widest line), added to lc. */
static void cols_need(const struct tprep *p, struct lay_col *lc)
{
	struct wctx w = { p->st.size };
	int64_t big = PDF_PT(100000), pad = 2 * p->st.pad_x;

	struct lay_para one = LAY_PARA_INIT; /* each cell's lines in turn */

	for (size_t i = 0; i < p->ncells; i++) {
		const struct pcell *pc = &p->cells[i];
		struct lay_params lp = { .width = big, .align = LAY_LEFT, .width_fn = measure,
					 .ctx = &w };
		int64_t nat, min;

		if (pc->colspan != 1)
			continue;
		lay_break(&lp, pc->t.runs, pc->t.n, &one);
		min = one.widest_word + pad;
		if (min > lc[pc->col].minimum)
			lc[pc->col].minimum = min;
		if ((size_t)pc->row < p->nhead)
			continue; /* header text wraps: only its words count */
		nat = lay_para_max_width(&one) + pad;
		if (nat > lc[pc->col].natural)
			lc[pc->col].natural = nat;
	}
	lay_para_release(&one);
}

/* Widths of columns lc[0..n) summing to `total` into out; -1 after failing d. */
static int cols_widths(struct pdfdoc *d, const struct lay_col *lc, size_t n, int64_t total,
		       int64_t *out, const char *origin)
{
	int64_t need = 0;

	if (lay_columns(lc, n, total, out) == 0)
		return 0;
	for (size_t c = 0; c < n; c++)
		need += out[c];
	return pdfdoc_fail(d, "%s: the columns need %.1f mm, the table is %.1f mm wide", or_table(origin),
			   (double)need * 25.4 / 72 / PDF_UNITS_PER_PT,
			   (double)total * 25.4 / 72 / PDF_UNITS_PER_PT);
}

/*
 * Lays out the cells of p (from prep_cells) in columns of widths w[0..ncols)
 * and measures the rows. Returns p, or NULL after failing d (p freed).
 */
static struct tprep *prep_rows(struct pdfdoc *d, const struct ts_table *t, struct tprep *p,
			       const int64_t *w, const char *origin)
{
	struct wctx wc = { t->st.size };
	size_t i, r, c;

	p->colw = xcalloc(p->ncols, sizeof(*p->colw));
	p->colx = xcalloc(p->ncols + 1, sizeof(*p->colx));
	memcpy(p->colw, w, p->ncols * sizeof(*w));
	for (c = 0; c < p->ncols; c++)
		p->colx[c + 1] = p->colx[c] + p->colw[c];
	p->width = p->colx[p->ncols];

	/* cell lines and row heights */
	p->rowh = xcalloc(t->nrows + 1, sizeof(*p->rowh));
	for (i = 0; i < p->ncells; i++) {
		struct pcell *pc = &p->cells[i];
		const struct tcell *tc = &t->cells[i];
		struct lay_params lp;

		pc->align = cell_align(t, p, tc, pc);
		lp.width = p->colx[pc->col + pc->colspan] - p->colx[pc->col] - 2 * t->st.pad_x;
		if (lp.width < 1)
			lp.width = 1;
		lp.indent_first = 0;
		lp.align = (enum lay_align)pc->align;
		lp.width_fn = measure;
		lp.ctx = &wc;
		lay_break(&lp, pc->t.runs, pc->t.n, &pc->lp);
		lay_para_trim(&pc->lp); /* kept until the table is drawn: all its cells at once */
		pc->h = (int64_t)pc->lp.nlines * p->lead + 2 * t->st.pad_y;
		if (pc->rowspan == 1 && pc->h > p->rowh[pc->row])
			p->rowh[pc->row] = pc->h;
	}
	/* a cell spanning header rows taller than them: the last row grows */
	for (i = 0; i < p->ncells; i++) {
		struct pcell *pc = &p->cells[i];
		int64_t sum = 0;
		int k;

		if (pc->rowspan == 1)
			continue;
		for (k = 0; k < pc->rowspan; k++)
			sum += p->rowh[pc->row + k];
		if (pc->h > sum)
			p->rowh[pc->row + pc->rowspan - 1] += pc->h - sum;
	}
	for (r = 0; r < p->nhead; r++)
		p->head_h += p->rowh[r];
	p->keep = xcalloc(p->nbody + 1, sizeof(*p->keep));
	for (r = 0; r < p->nbody; r++)
		p->keep[r] = t->rows[p->nhead + r].keep != 0;
	p->caption_h = p->st.continued ? leading_of(t->st.size, t->st.leading) + PDF_PT(2) : 0;
	if (p->st.continued && pdfdoc_check(d, p->st.continued, strlen(p->st.continued), origin) < 0) {
		tprep_free(p);
		p = NULL;
	}
	return p;
}

/* The table laid out `frame_w` wide (unless its style sets a width); NULL after failing d. */
static struct tprep *prepare(struct pdfdoc *d, const struct ts_table *t, int64_t frame_w,
			     const char *origin)
{
	struct tprep *p = prep_cells(d, t, origin);
	struct lay_col *lc;
	int64_t *w;

	if (!p)
		return NULL;
	lc = xcalloc(t->ncols, sizeof(*lc));
	w = xcalloc(t->ncols, sizeof(*w));
	cols_init(t, lc);
	cols_need(p, lc);
	if (cols_widths(d, lc, t->ncols, t->st.width > 0 ? t->st.width : frame_w, w, origin) < 0) {
		tprep_free(p);
		p = NULL;
	} else {
		p = prep_rows(d, t, p, w, origin);
	}
	free(lc);
	free(w);
	return p;
}

/*
 * The table prepared for the flow's current frame (kept in t until the table
 * changes); NULL after failing the document.
 */
static struct tprep *table_prep(struct ts_flow *f, struct ts_table *t, const char *origin)
{
	struct pdf_box fr;

	if (sync(f) < 0)
		return NULL;
	fr = frame(f);
	if (t->prep && t->prep_w == fr.x1 - fr.x0)
		return t->prep;
	changed(t);
	t->prep = prepare(f->d, t, fr.x1 - fr.x0, origin);
	t->prep_w = fr.x1 - fr.x0;
	return t->prep;
}

int ts_table_measure(struct ts_flow *f, struct ts_table *t, int64_t *height, int64_t *lead,
		     const char *origin)
{
	struct tprep *p = table_prep(f, t, origin);
	int64_t h;

	if (!p)
		return -1;
	h = tprep_height(p, lead);
	if (height)
		*height = h;
	return 0;
}

int ts_table_share_columns(struct ts_flow *f, struct ts_table *const *ts, size_t n,
			   const char *origin)
{
	struct tprep **p;
	struct lay_col *lc;
	int64_t *w, total;
	struct pdf_box fr;
	size_t k;
	int ret = 0;

	if (sync(f) < 0)
		return -1;
	if (!n)
		return 0;
	fr = frame(f);
	p = xcalloc(n, sizeof(*p));
	lc = xcalloc(ts[0]->ncols ? ts[0]->ncols : 1, sizeof(*lc));
	w = xcalloc(ts[0]->ncols ? ts[0]->ncols : 1, sizeof(*w));
	cols_init(ts[0], lc);
	for (k = 0; k < n && ret == 0; k++) {
		changed(ts[k]);
		if (ts[k]->ncols != ts[0]->ncols) {
			ret = pdfdoc_fail(f->d, "%s: tables of %zu and %zu columns cannot share them",
					  or_table(origin), ts[0]->ncols, ts[k]->ncols);
			break;
		}
		p[k] = prep_cells(f->d, ts[k], origin);
		if (!p[k])
			ret = -1;
		else
			cols_need(p[k], lc);
	}
	total = ts[0]->st.width > 0 ? ts[0]->st.width : fr.x1 - fr.x0;
	if (ret == 0)
		ret = cols_widths(f->d, lc, ts[0]->ncols, total, w, origin);
	for (k = 0; k < n; k++) {
		if (ret == 0) {
			ts[k]->prep = prep_rows(f->d, ts[k], p[k], w, origin);
			ts[k]->prep_w = fr.x1 - fr.x0;
			if (!ts[k]->prep)
				ret = -1;
		} else {
			tprep_free(p[k]);
		}
	}
	free(p);
	free(lc);
	free(w);
	return ret;
}

/* ---- Tables: drawing ----------------------------------------------------------------- */

struct seg {
	int64_t at, a, b; /* a line at `at` from a to b */
};

struct segs {
	struct seg *v;
	size_t n, alloc;
};

static void seg_add(struct segs *s, int64_t at, int64_t a, int64_t b)
{
	xgrow(&s->v, &s->alloc, s->n + 1, sizeof(*s->v));
	s->v[s->n].at = at;
	s->v[s->n].a = a < b ? a : b;
	s->v[s->n].b = a < b ? b : a;
	s->n++;
}

static int seg_cmp(const void *x, const void *y)
{
	const struct seg *a = x, *b = y;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return 0;
}

/* Strokes the segments, joining those that touch on one line. */
static int seg_draw(struct pdfdoc *d, struct segs *s, int horizontal, int64_t lw)
{
	struct pdf_stroke st = { lw, 0, 0, 0 };
	size_t i = 0;

	if (lw == 0) /* a table without ruling (a signature block) */
		return 0;
	qsort(s->v, s->n, sizeof(*s->v), seg_cmp);
	while (i < s->n) {
		int64_t at = s->v[i].at, a = s->v[i].a, b = s->v[i].b;
		size_t j = i + 1;
		int ret;

		while (j < s->n && s->v[j].at == at && s->v[j].a <= b) {
			if (s->v[j].b > b)
				b = s->v[j].b;
			j++;
		}
		/* lines overshoot by half their width so that corners close */
		if (horizontal)
			ret = pdfdoc_line(d, &st, a - lw / 2, at, b + lw / 2, at);
		else
			ret = pdfdoc_line(d, &st, at, a - lw / 2, at, b + lw / 2);
		if (ret < 0)
			return -1;
		i = j;
	}
	s->n = 0;
	return 0;
}

/*
 * Draws rows [r0, r1) with the first one's top at `top`: cell text centred
 * vertically, and each cell's top and left edges (bottom and right edges of
 * the block at the end), collected into segments.
 */
static int draw_rows(struct pdfdoc *d, const struct tprep *p, size_t r0, size_t r1, int64_t top,
		     struct segs *hs, struct segs *vs)
{
	int64_t *rowtop = xcalloc(r1 - r0 + 1, sizeof(*rowtop));
	size_t r, i;
	int ret = 0;

	rowtop[0] = top;
	for (r = r0; r < r1; r++)
		rowtop[r - r0 + 1] = rowtop[r - r0] - p->rowh[r];
	for (r = r0; r < r1 && ret == 0; r++) {
		for (i = p->row_first[r]; i < p->row_first[r + 1] && ret == 0; i++) {
			const struct pcell *pc = &p->cells[i];
			size_t last = r + (size_t)pc->rowspan;
			int64_t x0 = p->x0 + p->colx[pc->col];
			int64_t x1 = p->x0 + p->colx[pc->col + pc->colspan];
			int64_t ctop = rowtop[r - r0], cbot = rowtop[(last < r1 ? last : r1) - r0];
			int64_t texth = (int64_t)pc->lp.nlines * p->lead;
			int64_t ttop = ctop - (ctop - cbot - texth) / 2;
			size_t l;

			for (l = 0; l < pc->lp.nlines && ret == 0; l++)
				ret = draw_line(d, &pc->lp, pc->t.runs, l, x0 + p->st.pad_x,
						ttop - (int64_t)l * p->lead, p->st.size, p->lead,
						pc->origin ? pc->origin : p->origin);
			seg_add(hs, ctop, x0, x1);
			seg_add(vs, x0, cbot, ctop);
		}
	}
	seg_add(hs, rowtop[r1 - r0], p->x0, p->x0 + p->width);
	seg_add(vs, p->x0 + p->width, rowtop[r1 - r0], top);
	free(rowtop);
	return ret;
}

/* ---- Tables: rows taller than a page ----------------------------------------------- */

/* dst: a copy of src's text, its runs pointing into the copy. */
static void text_dup(struct text *dst, const struct text *src)
{
	size_t slots = src->n ? src->n : 1, size = slots * sizeof(*src->runs) + strlen(src->buf) + 1;

	dst->runs = xmalloc(size);
	memcpy(dst->runs, src->runs, size);
	dst->buf = (char *)(dst->runs + slots);
	dst->n = src->n;
	for (size_t i = 0; i < src->n; i++)
		dst->runs[i].text = dst->buf + (src->runs[i].text - src->buf);
}

/* Lines [from, from + n) of cell src, as laid out, as a cell of their own (n = 0: empty). */
static void pcell_lines(struct pcell *dst, const struct pcell *src, size_t from, size_t n,
			const struct tprep *p)
{
	const struct lay_line *ln = src->lp.lines + from;
	size_t f0 = n ? ln[0].first : 0, f1 = n ? ln[n - 1].first + ln[n - 1].n : 0;

	*dst = *src;
	dst->origin = src->origin ? xstrdup(src->origin) : NULL;
	text_dup(&dst->t, &src->t);
	dst->lp.frags = xcalloc(f1 - f0 + 1, sizeof(*dst->lp.frags));
	if (f1 > f0)
		memcpy(dst->lp.frags, src->lp.frags + f0, (f1 - f0) * sizeof(*dst->lp.frags));
	dst->lp.nfrags = f1 - f0;
	dst->lp.afrags = f1 - f0 + 1;
	dst->lp.lines = xcalloc(n + 1, sizeof(*dst->lp.lines));
	for (size_t i = 0; i < n; i++) {
		dst->lp.lines[i] = ln[i];
		dst->lp.lines[i].first -= f0;
	}
	dst->lp.nlines = n;
	dst->lp.alines = n + 1;
	/* an empty cell is one empty line high, as an empty cell of any row */
	dst->h = (int64_t)(n ? n : 1) * p->lead + 2 * p->st.pad_y;
}

/* The first cell of a split row again, over the continuation caption (the later parts). */
static void pcell_again(struct pcell *dst, const struct pcell *src, const struct tprep *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct wctx w = { p->st.size };
	struct ts_run run;
	struct lay_params lp;

	*dst = *src;
	dst->origin = src->origin ? xstrdup(src->origin) : NULL;
	memset(&dst->lp, 0, sizeof(dst->lp));
	strbuf_addstr(&sb, src->t.buf);
	if (p->st.continued)
		strbuf_addf(&sb, "\n%s", p->st.continued);
	run.font = (enum pdf_font)src->font;
	run.text = sb.buf;
	text_copy(&dst->t, &run, 1);
	lp.width = p->colx[src->col + src->colspan] - p->colx[src->col] - 2 * p->st.pad_x;
	if (lp.width < 1)
		lp.width = 1;
	lp.indent_first = 0;
	lp.align = (enum lay_align)src->align;
	lp.width_fn = measure;
	lp.ctx = &w;
	lay_break(&lp, dst->t.runs, dst->t.n, &dst->lp);
	dst->h = (int64_t)dst->lp.nlines * p->lead + 2 * p->st.pad_y;
	strbuf_release(&sb);
}

/* The rows of a table being rebuilt by split_rows(). */
struct rowset {
	struct pcell *cells;
	size_t ncells, acells;
	size_t *first, *orig;
	int64_t *h;
	unsigned char *keep;
	size_t n, a1, a2, a3, a4;
};

/* Starts row rs->n: its cells will follow from rs->ncells. */
static void rowset_row(struct rowset *rs, const struct tprep *p, int64_t h, int keep, size_t orig)
{
	xgrow(&rs->first, &rs->a1, rs->n + 2, sizeof(*rs->first));
	xgrow(&rs->h, &rs->a2, rs->n + 1, sizeof(*rs->h));
	xgrow(&rs->keep, &rs->a3, rs->n + 1, sizeof(*rs->keep));
	xgrow(&rs->orig, &rs->a4, rs->n + 1, sizeof(*rs->orig));
	rs->first[rs->n] = rs->ncells;
	rs->h[rs->n] = h;
	if (rs->n >= p->nhead) {
		rs->keep[rs->n - p->nhead] = (unsigned char)keep;
		rs->orig[rs->n - p->nhead] = orig;
	}
	rs->n++;
}

static struct pcell *rowset_cell(struct rowset *rs)
{
	xgrow(&rs->cells, &rs->acells, rs->ncells + 1, sizeof(*rs->cells));
	return &rs->cells[rs->ncells++];
}

/*
 * Body row b, taller than `limit`, in parts that each fit: every cell gives
 * each part as many of its lines as fit, ending after a line break ('\n', an
 * evidence entry each) when one falls among them. The first cell (an item's
 * code), once all of it is set, is set again on every later part over the
 * continuation caption; the other cells leave their later parts empty. Only
 * the last part keeps with the next row.
 */
static void split_row(struct rowset *rs, struct tprep *p, size_t b, int64_t limit)
{
	size_t r = p->nhead + b, c0 = p->row_first[r], nc = p->row_first[r + 1] - c0;
	size_t *at = xcalloc(nc ? nc : 1, sizeof(*at));
	const struct pcell **src = xcalloc(nc ? nc : 1, sizeof(*src));
	struct pcell again;
	int has_again = 0, more;
	size_t cap = limit - 2 * p->st.pad_y >= p->lead ?
		     (size_t)((limit - 2 * p->st.pad_y) / p->lead) : 1;

	for (size_t j = 0; j < nc; j++)
		src[j] = &p->cells[c0 + j];
	do {
		int64_t h = 0;

		more = 0;
		rowset_row(rs, p, 0, 0, b + 1);
		for (size_t j = 0; j < nc; j++) {
			const struct pcell *sc = src[j];
			size_t left = sc->lp.nlines - at[j], n = left;
			struct pcell *pc;

			if (left > cap) {
				n = cap;
				for (size_t k = cap; k > 0; k--) {
					if (sc->lp.lines[at[j] + k - 1].flags & LAY_LINE_FORCED) {
						n = k;
						break;
					}
				}
			}
			pc = rowset_cell(rs);
			pcell_lines(pc, sc, at[j], n, p);
			pc->row = (int)(rs->n - 1);
			if (pc->h > h)
				h = pc->h;
			at[j] += n;
			if (at[j] < sc->lp.nlines) {
				more = 1;
			} else if (j == 0) {
				if (!has_again)
					pcell_again(&again, &p->cells[c0], p);
				has_again = 1;
				src[0] = &again;
				at[0] = 0;
			}
		}
		rs->h[rs->n - 1] = h;
	} while (more);
	rs->keep[rs->n - 1 - p->nhead] = p->keep[b];
	if (has_again) {
		text_release(&again.t);
		lay_para_release(&again.lp);
		free(again.origin);
	}
	free(at);
	free(src);
}

/*
 * Rows taller than a page cannot be kept whole: body rows taller than
 * `limit` (the last one: `last_limit`) are split into parts (split_row),
 * which p then holds as rows of their own.
 */
static void split_rows(struct tprep *p, int64_t limit, int64_t last_limit)
{
	struct rowset rs;
	size_t r, i, nrows = p->nhead + p->nbody;
	int any = 0;

	for (r = 0; r < p->nbody; r++)
		any |= p->rowh[p->nhead + r] > (r + 1 < p->nbody ? limit : last_limit);
	if (!any)
		return;
	memset(&rs, 0, sizeof(rs));
	for (r = 0; r < nrows; r++) {
		size_t b = r - p->nhead;

		if (r >= p->nhead && p->rowh[r] > (b + 1 < p->nbody ? limit : last_limit)) {
			split_row(&rs, p, b, b + 1 < p->nbody ? limit : last_limit);
			continue;
		}
		/* the row as it is: its cells move over */
		rowset_row(&rs, p, p->rowh[r], r >= p->nhead ? p->keep[b] : 0, b + 1);
		for (i = p->row_first[r]; i < p->row_first[r + 1]; i++) {
			struct pcell *pc = rowset_cell(&rs);

			*pc = p->cells[i];
			pc->row = (int)(rs.n - 1);
			memset(&p->cells[i], 0, sizeof(p->cells[i]));
		}
	}
	rs.first[rs.n] = rs.ncells;
	for (i = 0; i < p->ncells; i++) {
		text_release(&p->cells[i].t);
		lay_para_release(&p->cells[i].lp);
		free(p->cells[i].origin);
	}
	free(p->cells);
	free(p->row_first);
	free(p->rowh);
	free(p->keep);
	free(p->orig);
	p->cells = rs.cells;
	p->ncells = rs.ncells;
	p->row_first = rs.first;
	p->rowh = rs.h;
	p->keep = rs.keep;
	p->orig = rs.orig;
	p->nbody = rs.n - p->nhead;
}

static int place_table(struct ts_flow *f, struct tprep *p)
{
	struct pdf_box fr = frame(f);
	struct lay_tpage *pages = NULL;
	struct segs hs = { NULL, 0, 0 }, vs = { NULL, 0, 0 };
	size_t npages = 0, bad = 0, pg;
	int64_t full = page_height(f), first, limit;
	int ret = -1, tries;

	if (!f->at_top)
		f->y -= p->st.space_before;
	p->x0 = fr.x0 + (fr.x1 - fr.x0 - p->width) / 2;
	/* what a page holds under the header, less a point so that a part surely fits */
	limit = full - p->caption_h - p->head_h - PDF_PT(1);
	split_rows(p, limit, limit - (p->st.keep_after ? p->st.space_after + p->st.keep_after : 0));
	for (tries = 0; tries < 2; tries++) {
		int failed;

		first = avail(f);
		/*
		 * What must follow the last row (a note, the closing "./.") is paginated
		 * as part of that row, so that it never stands alone on a page.
		 */
		if (p->nbody && p->st.keep_after)
			p->rowh[p->nhead + p->nbody - 1] += p->st.space_after + p->st.keep_after;
		failed = lay_paginate(&(struct lay_pages){ .h = p->rowh + p->nhead, .keep = p->keep,
							  .n = p->nbody, .head = p->head_h, .first = first,
							  .next = full - p->caption_h },
				      &pages, &npages, &bad) < 0;
		if (p->nbody && p->st.keep_after)
			p->rowh[p->nhead + p->nbody - 1] -= p->st.space_after + p->st.keep_after;
		if (failed) {
			pdfdoc_fail(f->d, "%s: body row %zu is taller than a page", or_table(p->origin),
				    p->orig ? p->orig[bad] : bad + 1);
			goto out;
		}
		if (!p->nbody || pages[0].n)
			break;
		free(pages); /* nothing fits on this page */
		pages = NULL;
		if (f->at_top) {
			pdfdoc_fail(f->d, "%s: the header and first row are taller than a page",
				    or_table(p->origin));
			goto out;
		}
		if (new_page(f) < 0)
			goto out;
	}
	for (pg = 0; pg < npages; pg++) {
		int64_t top;

		if (pg > 0) {
			if (new_page(f) < 0)
				goto out;
			fr = frame(f);
			p->x0 = fr.x0 + (fr.x1 - fr.x0 - p->width) / 2;
			if (p->st.continued) {
				struct ts_run run = { p->st.continued_font, p->st.continued };
				struct ts_style cs = { .font = p->st.continued_font, .size = p->st.size,
						       .leading = p->st.leading, .align = p->st.continued_align };
				struct block b;

				memset(&b, 0, sizeof(b));
				layout_para(&b, &cs, &run, 1, p->width);
				ret = draw_line(f->d, &b.lp, b.t.runs, 0, p->x0, f->y, p->st.size, b.lead,
						p->origin);
				text_release(&b.t);
				lay_para_release(&b.lp);
				if (ret < 0)
					goto out;
				ret = -1;
				f->y -= p->caption_h;
			}
		}
		top = f->y;
		if (draw_rows(f->d, p, 0, p->nhead, top, &hs, &vs) < 0)
			goto out;
		top -= p->head_h;
		if (pages[pg].n && draw_rows(f->d, p, p->nhead + pages[pg].first,
					     p->nhead + pages[pg].first + pages[pg].n, top, &hs, &vs) < 0)
			goto out;
		for (size_t k = 0; k < pages[pg].n; k++)
			top -= p->rowh[p->nhead + pages[pg].first + k];
		if (seg_draw(f->d, &hs, 1, p->st.rule) < 0 || seg_draw(f->d, &vs, 0, p->st.rule) < 0)
			goto out;
		f->y = top;
		f->at_top = 0;
	}
	f->y -= p->st.space_after;
	ret = 0;
out:
	free(pages);
	free(hs.v);
	free(vs.v);
	return ret;
}

int ts_table_draw(struct ts_flow *f, struct ts_table *t, const char *origin)
{
	struct tprep *p = table_prep(f, t, origin);
	struct block *b;

	if (!p)
		return -1;
	t->prep = NULL; /* the block takes it */
	free(p->origin);
	p->origin = origin ? xstrdup(origin) : NULL;
	b = xcalloc(1, sizeof(*b));
	b->kind = B_TABLE;
	b->tab = p;
	return submit(f, b, 0);
}
