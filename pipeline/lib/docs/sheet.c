/*
 * sheet.c: one unit's score sheet, don-vi/<code>.pdf (README.md, "The documents").
 *
 * A portrait document per unit, for the unit's own file and the archive:
 * the authority's heading, the title, the unit and its group; I. the summary
 * box (total and its parts, applicable maximum, index, rank k / n in the
 * group, grade, self and declared totals, last year's index and rank and the
 * change); II. the unit's field indices against the group's average and best
 * (chart.h's field profile, every bar labelled); III. every item of the
 * unit's group under its field and criterion rows (max, self, final, the
 * reason and author of a change, the evidence cited, or "Không áp dụng" with
 * the unit's note); IV. bonuses and penalties with their caps. Each part has
 * a bookmark.
 *
 * The item tables go through sheet_table (below): typeset.h tables cannot
 * keep a row with the next, so the rows are measured here exactly as
 * typeset.h will set them, split into pages so that a field or criterion row
 * never ends a page, and drawn one ts_table per page. The report (recon.c)
 * uses them too.
 *
 * Speed: 10 000 sheets are drawn in a run, so a sheet uses two fonts only
 * (Regular and Bold: each font a document uses costs its embedding) and does
 * nothing twice. Everything is read from the year and its results, which are
 * not modified; a sheet keeps no state outside its own document, so render.c
 * draws many at once on threads. All numbers are the exact hundredths of the
 * results, written by vnfmt.
 */
#include "docs/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "docs/chart.h"
#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "docs/render.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "typeset/typeset.h"
#include "base/vnfmt.h"

#define TABLE_SIZE PDF_PT(10)
#define SUMMARY_SIZE PDF_PT(12)

/* ---- Shared with recon.c ------------------------------------------------------ */

void sheet_origin(struct strbuf *sb, const char *path, int line, const char *what)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, path ? path : "(input)");
	if (line > 0)
		strbuf_addf(sb, ":%d", line);
	strbuf_addf(sb, ": %s", what);
}

void sheet_add_raw(struct strbuf *sb, const struct item *it, int has_numerator,
		   int64_t numerator, int has_denominator, int64_t denominator, int has_count,
		   int64_t count)
{
	switch (it->rule) {
	case RULE_RATIO:
	case RULE_PROPORTIONAL:
		if (!has_numerator && !has_denominator)
			break;
		if (has_numerator)
			vnfmt_add_int(sb, numerator);
		else
			strbuf_addstr(sb, "…");
		strbuf_addch(sb, '/');
		if (has_denominator)
			vnfmt_add_int(sb, denominator);
		else
			strbuf_addstr(sb, "…");
		break;
	case RULE_COUNT:
		if (!has_count)
			break;
		vnfmt_add_int(sb, count);
		strbuf_addstr(sb, " lần");
		break;
	case RULE_LEVELS:
	case RULE_SCALE:
		break;
	}
}

void sheet_add_decision_ref(struct strbuf *sb, const struct publication *pub)
{
	/* The decision's own words for it (publication.h), blanks and all. */
	strbuf_addstr(sb, pub->d.reference ? pub->d.reference : "");
}

int sheet_heading(struct ts_flow *fl, const struct publication *pub)
{
	struct pdfdoc *d = ts_flow_doc(fl);
	struct ts_style st = TS_STYLE_HEADING;
	struct ts_run runs[3];
	size_t n = 0;
	struct pdf_box fr;
	int64_t w, h, top, x, rule_w, aw, sw = 0;
	const struct pdf_stroke thin = { PDF_PT(0.5), 0, 0, 0 };
	const char *auth = pub->authority && *pub->authority ? pub->authority : "";
	int has_sup = pub->superior && *pub->superior;

	pdfdoc_page_box(d, NULL, &fr);
	st.keep_with_next = 0;
	st.size = PDF_PT(12.5);
	/* As wide as the longer line needs, within 60 mm and 60 % of the frame. */
	aw = pdfdoc_text_width(PDF_BOLD, st.size, auth, strlen(auth));
	if (has_sup)
		sw = pdfdoc_text_width(PDF_REGULAR, st.size, pub->superior, strlen(pub->superior));
	w = (aw > sw ? aw : sw) + PDF_MM(4);
	if (w < PDF_MM(60))
		w = PDF_MM(60);
	if (w > (fr.x1 - fr.x0) * 3 / 5)
		w = (fr.x1 - fr.x0) * 3 / 5;
	if (has_sup) {
		runs[n].font = PDF_REGULAR;
		runs[n++].text = pub->superior;
		runs[n].font = PDF_REGULAR;
		runs[n++].text = "\n";
	}
	runs[n].font = PDF_BOLD;
	runs[n++].text = auth;
	if (ts_para_measure(fl, &st, runs, n, w, &h, NULL, pub->path) < 0)
		return -1;
	if (ts_reserve(fl, h + PDF_PT(8), &top) < 0)
		return -1;
	x = fr.x0;
	if (ts_para_at(fl, &st, runs, n, x, w, top, NULL, pub->path) < 0)
		return -1;
	/* The short rule under the authority: a third of its line, centred. */
	rule_w = (aw < w ? aw : w) / 3;
	return pdfdoc_line(d, &thin, x + (w - rule_w) / 2, top - h - PDF_PT(3),
			   x + (w + rule_w) / 2, top - h - PDF_PT(3));
}

/* ---- Tables that keep their heading rows (sheet.h) ------------------------------- */

struct scell {
	char *text;
	char *origin;
	int span;
	int font;  /* -1: the row's, then the table's */
	int align; /* -1: the column's (centred in header rows) */
};

struct srow {
	int head;
	int keep;
	int font;  /* -1: the table's */
	size_t first, n; /* cells[first .. first+n) */
	int64_t h; /* measured */
};

struct sheet_table {
	struct ts_table_style st;
	struct ts_col *cols;
	size_t ncols;
	struct srow *rows;
	size_t nrows, arows;
	struct scell *cells;
	size_t ncells, acells;
	int64_t *w;        /* column widths, once measured */
	int64_t measured_for; /* the frame width they were measured for (0: not yet) */
	int64_t head_h;
	int misuse;
};

struct sheet_table *sheet_table_new(const struct ts_col *cols, size_t ncols,
				    const struct ts_table_style *st)
{
	struct sheet_table *t = xcalloc(1, sizeof(*t));

	if (st)
		t->st = *st;
	else
		ts_table_style_default(&t->st);
	t->cols = xcalloc(ncols ? ncols : 1, sizeof(*t->cols));
	if (ncols)
		memcpy(t->cols, cols, ncols * sizeof(*cols));
	t->ncols = ncols;
	t->w = xcalloc(ncols ? ncols : 1, sizeof(*t->w));
	return t;
}

void sheet_table_free(struct sheet_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncells; i++) {
		free(t->cells[i].text);
		free(t->cells[i].origin);
	}
	free(t->cells);
	free(t->rows);
	free(t->cols);
	free(t->w);
	free(t);
}

static void srow_add(struct sheet_table *t, int head, int keep)
{
	struct srow *r;

	if (head && t->nrows && !t->rows[t->nrows - 1].head)
		t->misuse = 1;
	xgrow(&t->rows, &t->arows, t->nrows + 1, sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->head = head;
	r->keep = keep;
	r->font = -1;
	r->first = t->ncells;
	t->measured_for = 0;
}

void sheet_table_head_row(struct sheet_table *t)
{
	srow_add(t, 1, 0);
}

void sheet_table_row(struct sheet_table *t, int keep_with_next)
{
	srow_add(t, 0, keep_with_next);
}

void sheet_table_cell(struct sheet_table *t, const char *text)
{
	struct scell *c;

	if (!t->nrows) {
		t->misuse = 1;
		return;
	}
	xgrow(&t->cells, &t->acells, t->ncells + 1, sizeof(*t->cells));
	c = &t->cells[t->ncells++];
	c->text = xstrdup(text ? text : "");
	c->origin = NULL;
	c->span = 1;
	c->font = -1;
	c->align = -1;
	t->rows[t->nrows - 1].n++;
}

static struct scell *last_cell(struct sheet_table *t)
{
	if (!t->nrows || !t->rows[t->nrows - 1].n) {
		t->misuse = 1;
		return NULL;
	}
	return &t->cells[t->ncells - 1];
}

void sheet_table_span(struct sheet_table *t, int cols)
{
	struct scell *c = last_cell(t);

	if (c)
		c->span = cols;
}

void sheet_table_font(struct sheet_table *t, enum pdf_font font)
{
	struct scell *c = last_cell(t);

	if (c)
		c->font = (int)font;
}

void sheet_table_align(struct sheet_table *t, enum lay_align align)
{
	struct scell *c = last_cell(t);

	if (c)
		c->align = (int)align;
}

void sheet_table_origin(struct sheet_table *t, const char *origin)
{
	struct scell *c = last_cell(t);

	if (c) {
		free(c->origin);
		c->origin = origin ? xstrdup(origin) : NULL;
	}
}

void sheet_table_row_font(struct sheet_table *t, enum pdf_font font)
{
	if (!t->nrows)
		t->misuse = 1;
	else
		t->rows[t->nrows - 1].font = (int)font;
}

static enum pdf_font scell_font(const struct sheet_table *t, const struct srow *r,
				const struct scell *c)
{
	if (c->font >= 0)
		return (enum pdf_font)c->font;
	if (r->font >= 0)
		return (enum pdf_font)r->font;
	return r->head ? t->st.head_font : t->st.body_font;
}

static enum lay_align scell_align(const struct sheet_table *t, const struct srow *r,
				  const struct scell *c, size_t col)
{
	if (c->align >= 0)
		return (enum lay_align)c->align;
	return r->head ? LAY_CENTER : t->cols[col].align;
}

struct twidth {
	int64_t size;
};

static int64_t twidth_fn(void *ctx, int style, const char *s, size_t len)
{
	return pdfdoc_text_width((enum pdf_font)style, ((struct twidth *)ctx)->size, s, len);
}

/*
 * Column widths and row heights on the current frame, as typeset.h computes
 * them: proportional columns share what the fixed ones leave, never below
 * their widest word; a row is as high as its tallest cell. Tables measured
 * together (the same columns) get the same widths, wide enough for all.
 */
static int measure_tables(struct ts_flow *fl, struct sheet_table **ts, size_t nt,
			  const char *origin)
{
	struct pdfdoc *d = ts_flow_doc(fl);
	struct sheet_table *t0 = ts[0];
	struct pdf_box fr;
	struct lay_col *lc;
	int ret = 0;

	pdfdoc_page_box(d, NULL, &fr);
	lc = xcalloc(t0->ncols ? t0->ncols : 1, sizeof(*lc));
	for (size_t c = 0; c < t0->ncols; c++) {
		lc[c].kind = t0->cols[c].kind == LAY_COL_FIXED ? LAY_COL_FIXED : LAY_COL_PROP;
		lc[c].value = t0->cols[c].value;
		lc[c].natural = lc[c].minimum = 2 * t0->st.pad_x;
		lc[c].floor = 2 * t0->st.pad_x + TS_CUT_FLOOR;
	}
	for (size_t k = 0; k < nt; k++) {
		struct sheet_table *t = ts[k];
		struct twidth tw = { t->st.size };

		if (t->misuse || !t->ncols || t->ncols != t0->ncols) {
			ret = pdfdoc_fail(d, "%s: malformed table", origin ? origin : "table");
			goto out;
		}
		for (size_t r = 0; r < t->nrows; r++) {
			const struct srow *row = &t->rows[r];
			size_t col = 0;

			for (size_t j = 0; j < row->n; j++) {
				const struct scell *c = &t->cells[row->first + j];

				if (c->span < 1 || col + (size_t)c->span > t->ncols) {
					ret = pdfdoc_fail(d, "%s: row %zu: cell %zu does not fit the %zu columns",
							  origin ? origin : "table", r + 1, j + 1, t->ncols);
					goto out;
				}
				if (c->span == 1 && lc[col].kind == LAY_COL_PROP) {
					struct lay_run run = { (int)scell_font(t, row, c), c->text,
							       strlen(c->text) };
					int64_t min = lay_min_width(&run, 1, twidth_fn, &tw) + 2 * t->st.pad_x;

					if (min > lc[col].minimum)
						lc[col].minimum = min;
				}
				col += (size_t)c->span;
			}
			if (col != t->ncols) {
				ret = pdfdoc_fail(d, "%s: row %zu has cells for %zu of %zu columns",
						  origin ? origin : "table", r + 1, col, t->ncols);
				goto out;
			}
		}
	}
	lay_columns(lc, t0->ncols, t0->st.width > 0 ? t0->st.width : fr.x1 - fr.x0, t0->w);

	for (size_t k = 0; k < nt; k++) {
		struct sheet_table *t = ts[k];
		int64_t lead = t->st.leading > 0 ? t->st.leading : TS_LINES(t->st.size, 100);

		if (k)
			memcpy(t->w, t0->w, t->ncols * sizeof(*t->w));
		t->head_h = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			struct srow *row = &t->rows[r];
			size_t col = 0;

			row->h = 0;
			for (size_t j = 0; j < row->n; j++) {
				const struct scell *c = &t->cells[row->first + j];
				struct ts_style st = { scell_font(t, row, c), t->st.size, t->st.leading,
						       scell_align(t, row, c, col), 0, 0, 0, 0, 0, 0 };
				struct ts_run run = { st.font, c->text };
				int64_t w = 0, h;

				for (int sp = 0; sp < c->span; sp++)
					w += t->w[col + (size_t)sp];
				if (ts_para_measure(fl, &st, &run, 1, w - 2 * t->st.pad_x, &h, NULL,
						    c->origin ? c->origin : origin) < 0) {
					ret = -1;
					goto out;
				}
				if (h < lead)
					h = lead;
				if (h + 2 * t->st.pad_y > row->h)
					row->h = h + 2 * t->st.pad_y;
				col += (size_t)c->span;
			}
			if (row->head)
				t->head_h += row->h;
		}
		t->measured_for = fr.x1 - fr.x0;
	}
out:
	free(lc);
	return ret;
}

/* Measures t alone unless it was measured on a frame of this width already. */
static int measure(struct ts_flow *fl, struct sheet_table *t, const char *origin)
{
	struct pdf_box fr;

	pdfdoc_page_box(ts_flow_doc(fl), NULL, &fr);
	if (t->measured_for == fr.x1 - fr.x0)
		return 0;
	return measure_tables(fl, &t, 1, origin);
}

static size_t nhead_rows(const struct sheet_table *t)
{
	size_t n = 0;

	while (n < t->nrows && t->rows[n].head)
		n++;
	return n;
}

int64_t sheet_table_lead_height(struct ts_flow *fl, struct sheet_table *t)
{
	int64_t h;
	size_t r = nhead_rows(t);

	if (measure(fl, t, NULL) < 0)
		return -1;
	h = t->head_h + t->st.space_before;
	for (; r < t->nrows; r++) {
		h += t->rows[r].h;
		if (!t->rows[r].keep)
			break;
	}
	return h;
}

int64_t sheet_table_height(struct ts_flow *fl, struct sheet_table *t)
{
	int64_t h;

	if (measure(fl, t, NULL) < 0)
		return -1;
	h = t->head_h + t->st.space_before + t->st.space_after;
	for (size_t r = nhead_rows(t); r < t->nrows; r++)
		h += t->rows[r].h;
	return h;
}

/* Height of `text` set in the cell of row r starting at column col, spanning `span`. */
static int cell_height(struct ts_flow *fl, const struct sheet_table *t, const struct srow *r,
		       const struct scell *c, size_t col, const char *text, int64_t *h)
{
	struct ts_style st = { scell_font(t, r, c), t->st.size, t->st.leading,
			       scell_align(t, r, c, col), 0, 0, 0, 0, 0, 0 };
	struct ts_run run = { st.font, text };
	int64_t w = 0;

	for (int sp = 0; sp < c->span; sp++)
		w += t->w[col + (size_t)sp];
	return ts_para_measure(fl, &st, &run, 1, w - 2 * t->st.pad_x, h, NULL,
			       c->origin ? c->origin : "table");
}

/*
 * The longest head of `text` whose height fits `cap`: whole lines ('\n', an
 * evidence entry each) while they fit, else words, else (a word taller than
 * the cell, which lay_break cuts) at least one character. Returns its length
 * (the whole text when it fits; > 0 unless the text is empty).
 */
static size_t fitting_head(struct ts_flow *fl, const struct sheet_table *t, const struct srow *r,
			   const struct scell *c, size_t col, const char *text, int64_t cap)
{
	size_t len = strlen(text), best = 0;
	int64_t h;
	char *head;

	if (!len)
		return 0;
	for (int pass = 0; pass < 2 && !best; pass++) {
		for (size_t i = 1; i <= len; i++) {
			if (i < len && text[i] != (pass ? ' ' : '\n'))
				continue;
			head = xstrndup(text, i);
			if (cell_height(fl, t, r, c, col, head, &h) < 0) {
				free(head);
				return len;
			}
			free(head);
			if (h > cap)
				break;
			best = i;
		}
	}
	if (!best) {
		best = 1;
		while (best < len && ((unsigned char)text[best] & 0xC0) == 0x80)
			best++;
	}
	return best;
}

/*
 * Rows taller than the space of a whole page (twenty documents cited for one
 * score, a long reason) are the only rows that split: into parts that each
 * fit, the cells that run on continuing in the next part, the row's first
 * cell (its code) repeated there with "(tiếp theo)", the others left empty.
 * Every other row stays whole.
 */
static int split_tall_rows(struct ts_flow *fl, struct sheet_table *t, int64_t limit,
			   const char *origin)
{
	struct srow *rows = NULL;
	struct scell *cells = NULL;
	size_t nrows = 0, arows = 0, ncells = 0, acells = 0, split = 0;
	static const char cont[] = "(tiếp theo)";

	for (size_t r = 0; r < t->nrows; r++)
		split += !t->rows[r].head && t->rows[r].h > limit;
	if (!split)
		return 0;
	for (size_t r = 0; r < t->nrows; r++) {
		struct srow row = t->rows[r];
		char **rest = xcalloc(row.n ? row.n : 1, sizeof(*rest));
		int first = 1, more;

		for (size_t j = 0; j < row.n; j++)
			rest[j] = xstrdup(t->cells[row.first + j].text);
		do {
			struct srow part = row;
			size_t col = 0;

			more = 0;
			part.first = ncells;
			if (!first)
				part.keep = 0;
			for (size_t j = 0; j < row.n; j++) {
				const struct scell *c = &t->cells[row.first + j];
				struct scell piece = *c;
				size_t take = strlen(rest[j]);

				if (!row.head && row.h > limit)
					take = fitting_head(fl, t, &row, c, col, rest[j],
							    limit - 2 * t->st.pad_y);
				piece.text = xstrndup(rest[j], take);
				piece.origin = c->origin ? xstrdup(c->origin) : NULL;
				if (rest[j][take]) {
					struct strbuf sb = STRBUF_INIT;
					const char *tail = rest[j] + take;

					while (*tail == ' ' || *tail == '\n')
						tail++;
					strbuf_addstr(&sb, tail);
					free(rest[j]);
					rest[j] = strbuf_detach(&sb);
					more = 1;
				} else if (j == 0) {
					/* The row's first cell (its code) names it again on every part. */
					struct strbuf sb = STRBUF_INIT;

					strbuf_addf(&sb, "%s\n%s", c->text, cont);
					free(rest[j]);
					rest[j] = strbuf_detach(&sb);
				} else {
					free(rest[j]);
					rest[j] = xstrdup("");
				}
				xgrow(&cells, &acells, ncells + 1, sizeof(*cells));
				cells[ncells++] = piece;
				col += (size_t)c->span;
			}
			xgrow(&rows, &arows, nrows + 1, sizeof(*rows));
			rows[nrows++] = part;
			first = 0;
		} while (more);
		for (size_t j = 0; j < row.n; j++)
			free(rest[j]);
		free(rest);
	}
	for (size_t i = 0; i < t->ncells; i++) {
		free(t->cells[i].text);
		free(t->cells[i].origin);
	}
	free(t->cells);
	free(t->rows);
	t->cells = cells;
	t->ncells = t->acells = ncells;
	t->rows = rows;
	t->nrows = t->arows = nrows;
	t->measured_for = 0;
	return measure(fl, t, origin);
}

/* One page's share of the body rows [first, first + n). */
struct span {
	size_t first, n;
};

/*
 * Splits the body rows into pages: as many as fit, then back off over rows
 * kept with their next; a last page of one row takes one more from the page
 * before when that leaves it two or more and does not end it on a kept row.
 */
static size_t paginate(const struct sheet_table *t, size_t b0, int64_t first_avail,
		       int64_t next_avail, struct span **out)
{
	size_t n = t->nrows - b0, i = 0, np = 0, alloc = 0;
	struct span *pg = NULL;

	while (i < n || np == 0) {
		int64_t avail = np ? next_avail : first_avail, used = t->head_h;
		size_t take = 0;

		while (i + take < n && used + t->rows[b0 + i + take].h <= avail)
			used += t->rows[b0 + i + take++].h;
		if (take == 0 && i < n)
			take = 1; /* taller than a page: typeset.h reports it */
		if (i + take < n) {
			size_t k = take;

			while (k > 1 && t->rows[b0 + i + k - 1].keep)
				k--;
			if (!t->rows[b0 + i + k - 1].keep)
				take = k;
		}
		xgrow(&pg, &alloc, np + 1, sizeof(*pg));
		pg[np].first = i;
		pg[np++].n = take;
		i += take;
		if (!take)
			break;
	}
	if (np >= 2 && pg[np - 1].n == 1 && pg[np - 2].n >= 3 &&
	    !t->rows[b0 + pg[np - 2].first + pg[np - 2].n - 2].keep) {
		pg[np - 2].n--;
		pg[np - 1].first--;
		pg[np - 1].n++;
	}
	*out = pg;
	return np;
}

int sheet_table_draw(struct ts_flow *fl, struct sheet_table *t, const char *origin)
{
	struct pdfdoc *d = ts_flow_doc(fl);
	struct pdf_box fr;
	struct span *pg = NULL;
	size_t np, nh = nhead_rows(t);
	int64_t full, avail, caption_h = 0, lead;
	int ret = 0, at_top;

	if (measure(fl, t, origin) < 0)
		return -1;
	lead = t->st.leading > 0 ? t->st.leading : TS_LINES(t->st.size, 100);
	pdfdoc_page_box(d, NULL, &fr);
	full = fr.y1 - fr.y0;
	avail = ts_avail(fl);
	at_top = avail >= full;
	if (!at_top)
		avail -= t->st.space_before;
	if (t->st.continued)
		caption_h = lead + PDF_PT(2);
	if (split_tall_rows(fl, t, full - caption_h - t->head_h - PDF_PT(1), origin) < 0)
		return -1;
	/* Not even the header and the first rows here: the table starts on a new page. */
	if (!at_top && nh < t->nrows && t->head_h + t->rows[nh].h > avail) {
		if (ts_page_break(fl) < 0)
			return -1;
		avail = full;
		at_top = 1;
	}
	np = paginate(t, nh, avail, full - caption_h, &pg);
	for (size_t p = 0; p < np && ret == 0; p++) {
		struct ts_table_style st = t->st;
		struct ts_col *cols = xcalloc(t->ncols, sizeof(*cols));
		struct ts_table *tt;

		for (size_t c = 0; c < t->ncols; c++)
			cols[c] = (struct ts_col){ LAY_COL_FIXED, t->w[c], t->cols[c].align };
		if (p > 0) {
			st.space_before = 0;
			if (ts_page_break(fl) < 0) {
				free(cols);
				ret = -1;
				break;
			}
			if (t->st.continued) {
				struct ts_style cs = { t->st.continued_font, t->st.size, t->st.leading,
						       t->st.continued_align, 0, 0, 0, 0, PDF_PT(2), 0 };

				if (ts_text(fl, &cs, t->st.continued, origin) < 0) {
					free(cols);
					ret = -1;
					break;
				}
			}
		}
		if (p + 1 < np)
			st.space_after = 0;
		tt = ts_table_new(cols, t->ncols, &st);
		free(cols);
		for (size_t r = 0; r < nh + pg[p].n; r++) {
			const struct srow *row = &t->rows[r < nh ? r : nh + pg[p].first + (r - nh)];

			if (row->head)
				ts_table_head_row(tt);
			else
				ts_table_row(tt);
			if (row->font >= 0)
				ts_table_row_font(tt, (enum pdf_font)row->font);
			for (size_t k = 0; k < row->n; k++) {
				const struct scell *c = &t->cells[row->first + k];

				ts_table_cell(tt, c->text);
				if (c->span != 1)
					ts_table_span(tt, c->span, 1);
				if (c->font >= 0)
					ts_table_font(tt, (enum pdf_font)c->font);
				if (c->align >= 0)
					ts_table_align(tt, (enum lay_align)c->align);
				if (c->origin)
					ts_table_origin(tt, c->origin);
			}
		}
		ret = ts_table_draw(fl, tt, origin);
		ts_table_free(tt);
	}
	free(pg);
	return ret;
}

/* ---- One sheet ------------------------------------------------------------------ */

struct sheet {
	const struct render_ctx *c;
	const struct year *y;
	const struct index *ix;
	const struct results *r;
	size_t u;
	const struct unit *un;
	const struct unit_result *ur;
	const struct submission *sub; /* NULL: no valid submission */
	struct pdfdoc *d;
	struct ts_flow *fl;
	struct strbuf sb, org;
};

static void sb_truncate(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

static void cell_pts(struct sheet *s, struct sheet_table *t, int64_t v)
{
	strbuf_reset(&s->sb);
	vnfmt_add_hundredths(&s->sb, v);
	sheet_table_cell(t, s->sb.buf);
}

static void cell_text_from(struct sheet_table *t, const char *text, const struct strbuf *org)
{
	sheet_table_cell(t, text ? text : "");
	if (org && text && *text)
		sheet_table_origin(t, org->buf);
}

static int item_applies(const struct sheet *s, const struct item *it)
{
	int g = s->un->group;

	if (g < 0 || (size_t)g >= s->ix->ngroups)
		return 0;
	return !it->in_group || it->in_group[g];
}

static const struct score *score_of(const struct sheet *s, size_t i)
{
	if (!s->sub || !s->sub->scores || !s->sub->scores[i].present)
		return NULL;
	return &s->sub->scores[i];
}

/*
 * A bold part heading with its bookmark, on a new page unless `need` (what
 * must follow it on the same page: the chart, the first rows of a table)
 * fits below it. need < 0: a failed measure, passed on.
 */
static int part_heading(struct sheet *s, const char *title, int64_t need)
{
	struct ts_style st = TS_STYLE_BODY;
	struct ts_run run = { PDF_BOLD, title };
	struct pdf_box fr;
	int64_t h;

	if (need < 0)
		return -1;
	st.font = PDF_BOLD;
	st.indent_first = 0;
	st.align = LAY_LEFT;
	st.space_before = PDF_PT(10);
	st.space_after = PDF_PT(6);
	st.keep_with_next = 0;
	pdfdoc_page_box(s->d, NULL, &fr);
	if (ts_para_measure(s->fl, &st, &run, 1, fr.x1 - fr.x0, &h, NULL, NULL) < 0 ||
	    ts_need(s->fl, st.space_before + h + st.space_after + need) < 0 ||
	    pdfdoc_bookmark(s->d, title, ts_y(s->fl)) < 0)
		return -1;
	return ts_text(s->fl, &st, title, NULL);
}

static int title_block(struct sheet *s)
{
	struct ts_style st = TS_STYLE_HEADING;
	struct ts_style it = TS_STYLE_HEADING;
	struct ts_style body = TS_STYLE_BODY;
	struct ts_run runs[4];
	const struct group *gr = &s->ix->groups[s->un->group];

	if (sheet_heading(s->fl, &s->y->pub) < 0)
		return -1;
	ts_space(s->fl, PDF_PT(14));

	st.size = PDF_PT(14);
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "PHIẾU KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", s->ix->year);
	if (ts_text(s->fl, &st, s->sb.buf, NULL) < 0)
		return -1;
	it.font = PDF_REGULAR;
	it.size = PDF_PT(13);
	it.space_after = PDF_PT(12);
	strbuf_reset(&s->sb);
	strbuf_addch(&s->sb, '(');
	sheet_add_decision_ref(&s->sb, &s->y->pub);
	strbuf_addch(&s->sb, ')');
	if (ts_text(s->fl, &it, s->sb.buf, s->y->pub.path) < 0)
		return -1;

	body.indent_first = 0;
	body.align = LAY_LEFT;
	body.space_after = PDF_PT(3);
	sheet_origin(&s->org, s->y->registry.path, s->un->line, "unit name");
	runs[0] = (struct ts_run){ PDF_REGULAR, "Đơn vị: " };
	runs[1] = (struct ts_run){ PDF_BOLD, s->un->name };
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, " (mã %s)", s->un->code);
	runs[2] = (struct ts_run){ PDF_REGULAR, s->sb.buf };
	if (ts_para(s->fl, &body, runs, 3, s->org.buf) < 0)
		return -1;
	sheet_origin(&s->org, s->ix->path, gr->line, "group name");
	runs[0] = (struct ts_run){ PDF_REGULAR, "Nhóm: " };
	runs[1] = (struct ts_run){ PDF_REGULAR, gr->name };
	if (ts_para(s->fl, &body, runs, 2, s->org.buf) < 0)
		return -1;
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "Năm đánh giá: %d", s->ix->year);
	if (s->sub && s->sub->date && *s->sub->date) {
		char *date = vnfmt_date(s->sub->date);

		if (date) {
			strbuf_addf(&s->sb, "; hồ sơ tự đánh giá %s", date);
			free(date);
		}
	}
	return ts_text(s->fl, &body, s->sb.buf, NULL);
}

/* ---- I. Summary -------------------------------------------------------------- */

static struct ts_table *summary_table(void)
{
	static const struct ts_col cols[] = {
		{ LAY_COL_PROP, 34, LAY_LEFT },
		{ LAY_COL_PROP, 16, LAY_RIGHT },
		{ LAY_COL_PROP, 34, LAY_LEFT },
		{ LAY_COL_PROP, 16, LAY_RIGHT },
	};
	struct ts_table_style st;

	ts_table_style_default(&st);
	st.size = SUMMARY_SIZE;
	st.continued_font = PDF_REGULAR;
	return ts_table_new(cols, ARRAY_SIZE(cols), &st);
}

static void sum_pair(struct ts_table *t, const char *label, const char *value, int bold)
{
	ts_table_cell(t, label);
	if (bold)
		ts_table_font(t, PDF_BOLD);
	ts_table_cell(t, value);
	if (bold)
		ts_table_font(t, PDF_BOLD);
}

static char *pts_str(int64_t v)
{
	return vnfmt_hundredths(v);
}

static int summary(struct sheet *s)
{
	const struct unit_result *ur = s->ur;
	const struct group_result *gr = &s->r->groups[s->un->group];
	struct ts_table *t = summary_table();
	struct strbuf v = STRBUF_INIT;
	char *a, *b;
	int ret;

	if (part_heading(s, "I. KẾT QUẢ CHUNG", PDF_MM(50)) < 0) {
		ts_table_free(t);
		return -1;
	}

	ts_table_row(t);
	a = pts_str(ur->total);
	b = pts_str(ur->max);
	sum_pair(t, "Tổng điểm đạt được", ur->scored ? a : "–", 1);
	sum_pair(t, "Điểm tối đa áp dụng", ur->scored ? b : "–", 0);
	free(a);
	free(b);

	ts_table_row(t);
	a = pts_str(ur->base);
	strbuf_reset(&v);
	if (ur->scored) {
		vnfmt_add_hundredths(&v, ur->index);
		strbuf_addstr(&v, " %");
	} else {
		strbuf_addstr(&v, "–");
	}
	sum_pair(t, "Điểm các lĩnh vực", ur->scored ? a : "–", 0);
	sum_pair(t, "Chỉ số cải cách hành chính", v.buf, 1);
	free(a);

	ts_table_row(t);
	a = pts_str(ur->bonus);
	strbuf_reset(&v);
	if (ur->scored && ur->rank > 0)
		strbuf_addf(&v, "%d / %zu", ur->rank, gr->nscored);
	else
		strbuf_addstr(&v, "Không xếp hạng");
	sum_pair(t, "Điểm thưởng", ur->scored ? a : "–", 0);
	sum_pair(t, "Xếp hạng trong nhóm", v.buf, 1);
	free(a);

	ts_table_row(t);
	a = pts_str(ur->penalty);
	sum_pair(t, "Điểm trừ", ur->scored ? a : "–", 0);
	sum_pair(t, "Xếp loại",
		 ur->scored && ur->grade >= 0 ? s->ix->grades[ur->grade].label : "–", 1);
	free(a);

	if (s->sub) {
		ts_table_row(t);
		a = pts_str(ur->self_total);
		sum_pair(t, "Tổng điểm tự chấm", a, 0);
		free(a);
		strbuf_reset(&v);
		if (s->sub->has_declared) {
			vnfmt_add_hundredths(&v, s->sub->declared_total);
			if (ur->declared_mismatch)
				strbuf_addstr(&v, " (chưa khớp)");
		} else {
			strbuf_addstr(&v, "–");
		}
		sum_pair(t, "Tổng điểm đơn vị kê khai", v.buf, 0);
	}

	ts_table_row(t);
	strbuf_reset(&v);
	strbuf_addf(&v, "Chỉ số năm %d", s->ix->year - 1);
	if (ur->has_prev) {
		a = pts_str(ur->prev_index);
		ts_table_cell(t, v.buf);
		strbuf_reset(&v);
		strbuf_addf(&v, "%s %%", a);
		free(a);
		ts_table_cell(t, v.buf);
		strbuf_reset(&v);
		strbuf_addf(&v, "Xếp hạng năm %d", s->ix->year - 1);
		ts_table_cell(t, v.buf);
		strbuf_reset(&v);
		strbuf_addf(&v, "%d", ur->prev_rank);
		ts_table_cell(t, v.buf);
		if (ur->scored) {
			ts_table_row(t);
			strbuf_reset(&v);
			vnfmt_add_hundredths_signed(&v, ur->index_change);
			ts_table_cell(t, "Thay đổi chỉ số");
			ts_table_cell(t, v.buf);
			strbuf_reset(&v);
			if (ur->rank_change > 0)
				strbuf_addf(&v, "Tăng %d bậc", ur->rank_change);
			else if (ur->rank_change < 0)
				strbuf_addf(&v, "Giảm %d bậc", -ur->rank_change);
			else
				strbuf_addstr(&v, "Giữ nguyên");
			ts_table_cell(t, "Thay đổi thứ hạng");
			ts_table_cell(t, v.buf);
		}
	} else {
		strbuf_addstr(&v, s->y->has_previous ? ": không có số liệu của đơn vị để so sánh"
					       : ": không có số liệu để so sánh");
		ts_table_cell(t, v.buf);
		ts_table_span(t, 4, 1);
	}

	ret = ts_table_draw(s->fl, t, "unit sheet: summary");
	ts_table_free(t);
	if (ret == 0 && !ur->scored) {
		struct ts_style st = TS_STYLE_BODY;

		ret = ts_text(s->fl, &st,
			      s->sub ? "Đơn vị không có tiêu chí nào được áp dụng nên không tính chỉ số và không xếp hạng."
				     : "Đơn vị không có hồ sơ tự đánh giá hợp lệ nên không được chấm điểm, xếp hạng.",
			      NULL);
	}
	strbuf_release(&v);
	return ret;
}

/* ---- II. Fields ---------------------------------------------------------------- */

/*
 * The unit's field indices against the group's average and best, as chart.h
 * draws them (every bar labelled with its value). The chart takes its natural
 * height, or as little as 3/4 of it to stay on the page it starts on.
 */
static int fields(struct sheet *s)
{
	struct pdf_box fr;
	int64_t w, h, top;

	pdfdoc_page_box(s->d, NULL, &fr);
	w = fr.x1 - fr.x0;
	h = chart_unit_profile_height(s->y, w);
	if (part_heading(s, "II. CHỈ SỐ THÀNH PHẦN THEO LĨNH VỰC", h * 3 / 4 + 1) < 0)
		return -1;
	if (ts_avail(s->fl) < h && ts_avail(s->fl) >= h * 3 / 4 + 1)
		h = ts_avail(s->fl);
	if (ts_reserve(s->fl, h, &top) < 0)
		return -1;
	strbuf_reset(&s->org);
	strbuf_addf(&s->org, "unit sheet %s: field chart", s->un->code);
	return chart_unit_profile(s->d, fr.x0, top - h, w, h, s->y, s->r, s->u, s->org.buf);
}

/* ---- III, IV. Items, bonuses and penalties -------------------------------------- */

static struct sheet_table *item_table(const char *name_head)
{
	static const struct ts_col cols[] = {
		{ LAY_COL_FIXED, PDF_MM(11), LAY_LEFT },
		{ LAY_COL_PROP, 1, LAY_LEFT },
		{ LAY_COL_FIXED, PDF_MM(13.5), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(13.5), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(13.5), LAY_RIGHT },
	};
	const char *head[] = { "Mã", name_head, "Điểm tối đa", "Tự chấm", "Thẩm định" };
	struct ts_table_style st;
	struct sheet_table *t;

	ts_table_style_default(&st);
	st.size = TABLE_SIZE;
	st.continued_font = PDF_REGULAR;
	st.pad_x = PDF_MM(1.2);
	t = sheet_table_new(cols, ARRAY_SIZE(cols), &st);
	sheet_table_head_row(t);
	for (size_t k = 0; k < ARRAY_SIZE(head); k++)
		sheet_table_cell(t, head[k]);
	return t;
}

/*
 * The reason of a change, for the line under its item ("Lý do điều chỉnh"):
 * the rule's own points on the unit's data, or the last appraisal round's
 * reason, its corrected data and its round. Leaves it in s->sb (its origin in
 * s->org) and returns 1, or returns 0 when nothing changed the item.
 */
static int reason_text(struct sheet *s, size_t i)
{
	const struct item *it = &s->ix->items[i];
	const struct item_result *ir = &s->ur->items[i];

	strbuf_reset(&s->sb);
	strbuf_reset(&s->org);
	if (!s->sub)
		return 0;
	if (ir->changed_by && !strcmp(ir->changed_by, "rule")) {
		const struct score *sc = score_of(s, i);
		size_t mark;

		strbuf_addstr(&s->sb, "Lý do điều chỉnh: theo quy tắc chấm");
		mark = s->sb.len;
		if (sc)
			sheet_add_raw(&s->sb, it, sc->has_numerator, sc->numerator,
				      sc->has_denominator, sc->denominator, sc->has_count,
				      sc->count);
		if (s->sb.len > mark) {
			/* Put the raw data in brackets after the words. */
			char *raw = xstrdup(s->sb.buf + mark);

			sb_truncate(&s->sb, mark);
			strbuf_addf(&s->sb, " (số liệu của đơn vị: %s)", raw);
			free(raw);
		}
		return 1;
	}
	if (ir->nrounds) {
		const struct round_result *rd = &ir->rounds[ir->nrounds - 1];
		const struct appraisal_row *row = &s->y->rows[rd->row];
		size_t m2;

		strbuf_addf(&s->sb, "Lý do điều chỉnh (vòng %d): ", year_round_of(s->y, row->file));
		if (row->reason && *row->reason)
			strbuf_addstr(&s->sb, row->reason);
		m2 = s->sb.len;
		sheet_add_raw(&s->sb, it, row->has_numerator, row->numerator, row->has_denominator,
			      row->denominator, row->has_count, row->count);
		if (s->sb.len > m2) {
			char *raw = xstrdup(s->sb.buf + m2);

			sb_truncate(&s->sb, m2);
			strbuf_addf(&s->sb, " (số liệu thẩm định: %s)", raw);
			free(raw);
		}
		sheet_origin(&s->org, row->path, row->line, "reason");
		return 1;
	}
	return 0;
}

/*
 * The evidence of an item, for the line under it: each document cited on its
 * own line, then the unit's notes. Leaves it in s->sb (origin in s->org);
 * returns 0 when the unit cited nothing.
 */
static int evidence_text(struct sheet *s, size_t i, int na)
{
	const struct score *sc = score_of(s, i);

	strbuf_reset(&s->sb);
	strbuf_reset(&s->org);
	if (!sc)
		return 0;
	for (size_t k = 0; k < sc->nevidence && !na; k++) {
		strbuf_addstr(&s->sb, k ? "\n" : "Tài liệu kiểm chứng: ");
		if (sc->nevidence > 1)
			strbuf_addstr(&s->sb, k ? "- " : "\n- ");
		strbuf_addstr(&s->sb, sc->evidence[k]);
	}
	for (size_t k = 0; k < sc->nnotes; k++) {
		if (s->sb.len)
			strbuf_addch(&s->sb, '\n');
		strbuf_addstr(&s->sb, na ? (k ? "" : "Lý do không áp dụng: ") : "Ghi chú: ");
		strbuf_addstr(&s->sb, sc->notes[k]);
	}
	if (!s->sb.len)
		return 0;
	sheet_origin(&s->org, s->sub->path, sc->line, "evidence");
	return 1;
}

/* A line under an item, the width of the name and score columns. */
static void under_line(struct sheet_table *t, int keep, const char *text, const char *origin,
		       enum pdf_font font)
{
	sheet_table_row(t, keep);
	sheet_table_cell(t, "");
	sheet_table_cell(t, text);
	sheet_table_span(t, 4);
	sheet_table_font(t, font);
	if (origin && *origin)
		sheet_table_origin(t, origin);
}

/*
 * One item: code, name, max, self and final; under it, the width of the
 * table, the evidence the unit cited and, when something changed the item,
 * the reason. The lines stay on the page of their item.
 */
static void item_row(struct sheet *s, struct sheet_table *t, size_t i)
{
	const struct item *it = &s->ix->items[i];
	const struct item_result *ir = &s->ur->items[i];
	int has_reason = reason_text(s, i);
	char *reason = has_reason ? strbuf_detach(&s->sb) : NULL;
	char *reason_org = has_reason ? strbuf_detach(&s->org) : NULL;
	int has_evidence = s->sub && evidence_text(s, i, ir->self_na);
	char *evidence = has_evidence ? strbuf_detach(&s->sb) : NULL;
	char *evidence_org = has_evidence ? strbuf_detach(&s->org) : NULL;

	sheet_table_row(t, has_reason || has_evidence);
	sheet_table_cell(t, it->code);
	sheet_origin(&s->org, s->ix->path, it->line, "item name");
	cell_text_from(t, it->name, &s->org);
	cell_pts(s, t, it->max);
	if (!s->sub) {
		sheet_table_cell(t, "");
		sheet_table_cell(t, "");
	} else if (ir->self_na && ir->final_na) {
		sheet_table_cell(t, "Không áp dụng");
		sheet_table_span(t, 2);
		sheet_table_align(t, LAY_CENTER);
	} else {
		if (ir->self_na) {
			sheet_table_cell(t, "Không áp dụng");
			sheet_table_align(t, LAY_CENTER);
		} else if (ir->has_self) {
			cell_pts(s, t, ir->self);
		} else {
			sheet_table_cell(t, "");
		}
		if (ir->final_na) {
			sheet_table_cell(t, "Không áp dụng");
			sheet_table_align(t, LAY_CENTER);
			sheet_table_font(t, PDF_BOLD);
		} else {
			cell_pts(s, t, ir->final);
			sheet_table_font(t, PDF_BOLD);
		}
	}
	if (has_evidence)
		under_line(t, has_reason, evidence, evidence_org, PDF_REGULAR);
	if (has_reason)
		under_line(t, 0, reason, reason_org, PDF_ITALIC);
	free(reason);
	free(reason_org);
	free(evidence);
	free(evidence_org);
}

static void field_row(struct sheet *s, struct sheet_table *t, size_t f, int64_t self_sum)
{
	const struct field *fd = &s->ix->fields[f];

	sheet_table_row(t, 1);
	sheet_table_row_font(t, PDF_BOLD);
	sheet_table_cell(t, fd->code);
	sheet_origin(&s->org, s->ix->path, fd->line, "field name");
	cell_text_from(t, fd->name, &s->org);
	if (s->ur->scored && s->ur->field_max[f] > 0) {
		cell_pts(s, t, s->ur->field_max[f]);
		cell_pts(s, t, self_sum);
		cell_pts(s, t, s->ur->field_points[f]);
	} else if (s->ur->scored) {
		sheet_table_cell(t, "Không áp dụng");
		sheet_table_span(t, 3);
		sheet_table_align(t, LAY_CENTER);
	} else {
		sheet_table_cell(t, "");
		sheet_table_cell(t, "");
		sheet_table_cell(t, "");
	}
}

static void criterion_row(struct sheet *s, struct sheet_table *t, size_t cr)
{
	const struct criterion *c = &s->ix->criteria[cr];

	sheet_table_row(t, 1);
	sheet_table_row_font(t, PDF_BOLD);
	sheet_table_cell(t, c->code);
	sheet_origin(&s->org, s->ix->path, c->line, "criterion name");
	cell_text_from(t, c->name, &s->org);
	sheet_table_span(t, 4);
}

/* Part III: every item of the unit's group under its field and criterion. */
static struct sheet_table *items_table(struct sheet *s)
{
	const struct index *ix = s->ix;
	int64_t *self_sum = xcalloc(ix->nfields ? ix->nfields : 1, sizeof(*self_sum));
	struct sheet_table *t;
	int field = -1, crit = -1;

	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];
		const struct item_result *ir = &s->ur->items[i];

		if (it->kind == KIND_ITEM && it->field >= 0 && (size_t)it->field < ix->nfields &&
		    item_applies(s, it) && !ir->self_na && ir->has_self)
			self_sum[it->field] += ir->self;
	}

	t = item_table("Lĩnh vực, tiêu chí");
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];

		if (it->kind != KIND_ITEM || !item_applies(s, it))
			continue;
		if (it->field != field && it->field >= 0 && (size_t)it->field < ix->nfields) {
			field = it->field;
			crit = -1;
			field_row(s, t, (size_t)field, self_sum[field]);
		}
		if (it->criterion != crit && it->criterion >= 0 &&
		    (size_t)it->criterion < ix->ncriteria) {
			crit = it->criterion;
			criterion_row(s, t, (size_t)crit);
		}
		item_row(s, t, i);
	}
	sheet_table_row(t, 0);
	sheet_table_row_font(t, PDF_BOLD);
	sheet_table_cell(t, "");
	sheet_table_cell(t, "Cộng các lĩnh vực");
	if (s->ur->scored) {
		int64_t all = 0;

		for (size_t f = 0; f < ix->nfields; f++)
			all += self_sum[f];
		cell_pts(s, t, s->ur->max);
		cell_pts(s, t, all);
		cell_pts(s, t, s->ur->base);
	} else {
		sheet_table_cell(t, "");
		sheet_table_cell(t, "");
		sheet_table_cell(t, "");
	}
	free(self_sum);
	return t;
}

/* The rows of one kind (bonus or penalty) and its sum, with the cap when it bites. */
static void bp_rows(struct sheet *s, struct sheet_table *t, enum item_kind kind)
{
	const struct index *ix = s->ix;
	int64_t cap = kind == KIND_BONUS ? ix->bonus_max : ix->penalty_max;
	int64_t self_sum = 0, final_sum = 0;
	const char *what = kind == KIND_BONUS ? "điểm thưởng" : "điểm trừ";

	sheet_table_row(t, 1);
	sheet_table_row_font(t, PDF_BOLD);
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "%s (tổng không quá ", kind == KIND_BONUS ? "Điểm thưởng" : "Điểm trừ");
	vnfmt_add_hundredths(&s->sb, cap);
	strbuf_addstr(&s->sb, " điểm)");
	sheet_table_cell(t, s->sb.buf);
	sheet_table_span(t, 5);
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];
		const struct item_result *ir = &s->ur->items[i];

		if (it->kind != kind || !item_applies(s, it))
			continue;
		item_row(s, t, i);
		if (ir->has_self && !ir->self_na)
			self_sum += ir->self;
		if (!ir->final_na)
			final_sum += ir->final;
	}
	sheet_table_row(t, 0);
	sheet_table_row_font(t, PDF_BOLD);
	sheet_table_cell(t, "");
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "Cộng %s", what);
	sheet_table_cell(t, s->sb.buf);
	cell_pts(s, t, cap);
	if (s->sub) {
		cell_pts(s, t, self_sum);
		cell_pts(s, t, final_sum);
	} else {
		sheet_table_cell(t, "");
		sheet_table_cell(t, "");
	}
	if (s->sub && (self_sum > cap || final_sum > cap)) {
		sheet_table_row(t, 1);
		sheet_table_row_font(t, PDF_BOLD);
		sheet_table_cell(t, "");
		strbuf_reset(&s->sb);
		strbuf_addf(&s->sb, "%s%s được tính", kind == KIND_BONUS ? "Điểm thưởng" : "Điểm trừ",
			    "");
		sheet_table_cell(t, s->sb.buf);
		cell_pts(s, t, cap);
		cell_pts(s, t, self_sum > cap ? cap : self_sum);
		cell_pts(s, t, final_sum > cap ? cap : final_sum);
		strbuf_reset(&s->sb);
		strbuf_addf(&s->sb, "Tổng %s vượt mức tối đa ", what);
		vnfmt_add_hundredths(&s->sb, cap);
		strbuf_addstr(&s->sb, " điểm, chỉ tính ");
		vnfmt_add_hundredths(&s->sb, cap);
		strbuf_addstr(&s->sb, " điểm");
		under_line(t, 0, s->sb.buf, NULL, PDF_ITALIC);
	}
}

/* Part IV: the bonuses and penalties, with their caps. */
static struct sheet_table *extras_table(struct sheet *s)
{
	struct sheet_table *t = item_table("Nội dung");

	if (s->ix->has_bonuses)
		bp_rows(s, t, KIND_BONUS);
	if (s->ix->has_penalties)
		bp_rows(s, t, KIND_PENALTY);
	return t;
}

/*
 * Parts III and IV, their columns alike. Part IV, short, starts on a new
 * page rather than split when it fits on one.
 */
static int tables(struct sheet *s)
{
	struct sheet_table *ts[2] = { NULL, NULL };
	size_t nt = 0;
	struct pdf_box fr;
	int ret;

	ts[nt++] = items_table(s);
	if (s->ix->has_bonuses || s->ix->has_penalties)
		ts[nt++] = extras_table(s);
	ret = measure_tables(s->fl, ts, nt, "unit sheet: items");
	if (ret == 0)
		ret = part_heading(s, "III. KẾT QUẢ CHẤM ĐIỂM CÁC TIÊU CHÍ",
				   sheet_table_lead_height(s->fl, ts[0]));
	if (ret == 0)
		ret = sheet_table_draw(s->fl, ts[0], "unit sheet: items");
	if (ret == 0 && nt > 1) {
		int64_t h = sheet_table_height(s->fl, ts[1]);

		pdfdoc_page_box(s->d, NULL, &fr);
		if (h > (fr.y1 - fr.y0) * 4 / 5)
			h = sheet_table_lead_height(s->fl, ts[1]);
		ret = part_heading(s, "IV. ĐIỂM THƯỞNG, ĐIỂM TRỪ", h);
		if (ret == 0)
			ret = sheet_table_draw(s->fl, ts[1], "unit sheet: bonuses and penalties");
	}
	sheet_table_free(ts[0]);
	sheet_table_free(ts[1]);
	return ret;
}

/* The unit's general notes on its submission, if any. */
static int notes(struct sheet *s)
{
	struct ts_style st = TS_STYLE_BODY;

	if (!s->sub || !s->sub->nnotes)
		return 0;
	st.space_before = PDF_PT(6);
	st.font = PDF_REGULAR;
	for (size_t k = 0; k < s->sub->nnotes; k++) {
		struct ts_run runs[2] = {
			{ PDF_BOLD, k ? "" : "Ghi chú của đơn vị: " },
			{ PDF_REGULAR, s->sub->notes[k] },
		};

		sheet_origin(&s->org, s->sub->path, s->sub->line, "note");
		if (ts_para(s->fl, &st, runs, 2, s->org.buf) < 0)
			return -1;
		st.space_before = 0;
	}
	return 0;
}

int sheet_render(const struct render_ctx *c, size_t unit, const char *path)
{
	struct sheet s;
	struct strbuf title = STRBUF_INIT, subject = STRBUF_INIT, keywords = STRBUF_INIT;
	struct pdfdoc_meta m;
	int ret = RENDER_OK;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.y = c->y;
	s.ix = &c->y->index;
	s.r = c->r;
	s.u = unit;
	strbuf_init(&s.sb);
	strbuf_init(&s.org);
	if (unit >= c->y->registry.nunits || unit >= c->r->nunits) {
		error("unit sheet: no unit %zu", unit);
		ret = RENDER_DATA;
		goto out;
	}
	s.un = &c->y->registry.units[unit];
	s.ur = &c->r->units[unit];
	s.sub = c->y->subs && c->y->subs[unit].path ? &c->y->subs[unit] : NULL;
	if (s.un->group < 0 || (size_t)s.un->group >= s.ix->ngroups) {
		error("unit sheet: unit '%s' has no group", s.un->code);
		ret = RENDER_DATA;
		goto out;
	}

	strbuf_addf(&title, "Phiếu kết quả Chỉ số cải cách hành chính năm %d - %s", s.ix->year,
		    s.un->name);
	strbuf_addf(&subject, "Kết quả tự đánh giá, thẩm định và chấm điểm Chỉ số cải cách hành chính năm %d của %s",
		    s.ix->year, s.un->name);
	strbuf_addf(&keywords, "Chỉ số cải cách hành chính; CCHC; năm %d; %s; phiếu kết quả",
		    s.ix->year, s.un->code);
	memset(&m, 0, sizeof(m));
	m.title = title.buf;
	m.author = c->y->pub.authority && *c->y->pub.authority ? c->y->pub.authority : "parx";
	m.subject = subject.buf;
	m.keywords = keywords.buf;
	m.epoch = c->epoch;
	m.draft = c->draft;
	s.d = pdfdoc_new(&m);
	pdfdoc_section(s.d, s.un->name, PDF_PORTRAIT, 0);
	s.fl = ts_flow_new(s.d);

	if (title_block(&s) < 0 || summary(&s) < 0 || fields(&s) < 0 || tables(&s) < 0 ||
	    notes(&s) < 0) {
		/* The document is failed; pdfdoc_save() reports why and writes nothing. */
	}
	ts_flow_free(s.fl);
	s.fl = NULL;
	/*
	 * A document failed while drawing has met text it cannot set (a character
	 * the fonts lack, with its origin): the data's fault. pdfdoc_save() reports
	 * it and writes nothing; a failure only there is an I/O one.
	 */
	ret = render_save(s.d, path);
out:
	if (s.fl)
		ts_flow_free(s.fl);
	if (s.d)
		pdfdoc_free(s.d);
	strbuf_release(&title);
	strbuf_release(&subject);
	strbuf_release(&keywords);
	strbuf_release(&s.sb);
	strbuf_release(&s.org);
	return ret;
}
