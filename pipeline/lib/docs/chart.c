/*
 * chart.c: the chart module (chart.h): scales, label layout and pagination as
 * pure integer arithmetic, and the drawing of chart parts on a pdfdoc.
 *
 * The pure half knows nothing of PDF: widths come through a layout.h
 * callback, so tests can measure with a fake font. The drawing half only
 * combines pdfdoc primitives (grey fills, hatching, strokes, text); it keeps
 * no state between calls. The unit field profile at the end is the one
 * complete chart that lives here because two documents draw it (the unit
 * score sheet today, maybe the chart book later).
 */
#include "docs/chart.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/vnfmt.h"

/* ---- Scales ------------------------------------------------------------------ */

#define SCALE_LIMIT 100000000000000000LL /* 10^17: the largest step of the series */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if (a % b != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t ceil_div(int64_t a, int64_t b)
{
	return -floor_div(-a, b);
}

int chart_scale_nice(int64_t min, int64_t max, int maxticks, struct chart_scale *s)
{
	static const int64_t mant[] = { 1, 2, 5 };
	int64_t p;

	if (maxticks < 2)
		return -1;
	if (min > max) {
		int64_t t = min;

		min = max;
		max = t;
	}
	if (min < -SCALE_LIMIT || max > SCALE_LIMIT)
		return -1;
	if (min == max) {
		if (min == 0) {
			max = 100;
		} else {
			int64_t widen = (min < 0 ? -min : min) / 10;

			if (widen < 1)
				widen = 1;
			min -= widen;
			max += widen;
		}
	}
	for (p = 1; p <= SCALE_LIMIT; p *= 10) {
		size_t m;

		for (m = 0; m < ARRAY_SIZE(mant); m++) {
			int64_t step = mant[m] * p;
			int64_t lo = floor_div(min, step) * step;
			int64_t hi = ceil_div(max, step) * step;
			int64_t n = (hi - lo) / step + 1;

			if (n <= maxticks) {
				s->lo = lo;
				s->hi = hi;
				s->step = step;
				s->nticks = (size_t)n;
				s->decimals = step % 100 == 0 ? 0 : step % 10 == 0 ? 1 : 2;
				return 0;
			}
		}
	}
	return -1;
}

int64_t chart_scale_tick(const struct chart_scale *s, size_t i)
{
	return s->lo + (int64_t)i * s->step;
}

/* a * b / c rounded to nearest (halves away from zero), c > 0, without overflow. */
static int64_t muldiv(int64_t a, int64_t b, int64_t c)
{
	__int128 n = (__int128)a * b;
	__int128 q = (n < 0 ? n - c / 2 : n + c / 2) / c;

	return (int64_t)q;
}

int64_t chart_scale_pos(const struct chart_scale *s, int64_t v, int64_t from, int64_t to)
{
	if (s->hi <= s->lo)
		return from;
	if (v < s->lo)
		v = s->lo;
	if (v > s->hi)
		v = s->hi;
	return from + muldiv(v - s->lo, to - from, s->hi - s->lo);
}

void chart_scale_label(const struct chart_scale *s, int64_t v, struct strbuf *sb)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	if (v < 0)
		strbuf_addch(sb, '-');
	vnfmt_add_int(sb, (int64_t)(a / 100));
	if (s->decimals >= 1) {
		strbuf_addch(sb, ',');
		strbuf_addch(sb, (int)('0' + a / 10 % 10));
		if (s->decimals >= 2)
			strbuf_addch(sb, (int)('0' + a % 10));
	}
}

/* ---- Labels ------------------------------------------------------------------ */

int64_t chart_font_width(void *ctx, int style, const char *s, size_t len)
{
	const struct chart_font *f = ctx;

	(void)style;
	return pdfdoc_text_width(f->font, f->size, s, len);
}

void chart_label_release(struct chart_label *l)
{
	size_t i;

	for (i = 0; i < CHART_MAXLINES; i++)
		free(l->line[i]);
	memset(l, 0, sizeof(*l));
}

/* s with every run of spaces, tabs and newlines made one space, trimmed. */
static char *squeeze(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int gap = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			gap = sb.len > 0;
			continue;
		}
		if (gap)
			strbuf_addch(&sb, ' ');
		gap = 0;
		strbuf_addch(&sb, *s);
	}
	return strbuf_detach(&sb);
}

static const struct {
	const char *from, *to;
} abbrev[] = {
	/* longest first where one contains another */
	{ "Văn hóa, Thể thao và Du lịch", "VH,TT&DL" },
	{ "Nông nghiệp và Phát triển nông thôn", "NN&PTNT" },
	{ "Lao động - Thương binh và Xã hội", "LĐ-TB&XH" },
	{ "cán bộ, công chức, viên chức", "CBCCVC" },
	{ "Tài nguyên và Môi trường", "TN&MT" },
	{ "Khoa học và Công nghệ", "KH&CN" },
	{ "Giáo dục và Đào tạo", "GD&ĐT" },
	{ "Văn hóa và Thông tin", "VH&TT" },
	{ "Văn hóa - Thông tin", "VH-TT" },
	{ "Kinh tế và Hạ tầng", "KT&HT" },
	{ "Tài chính - Kế hoạch", "TC-KH" },
	{ "Cải cách hành chính", "CCHC" },
	{ "cải cách hành chính", "CCHC" },
	{ "thủ tục hành chính", "TTHC" },
	{ "Hội đồng nhân dân", "HĐND" },
	{ "hội đồng nhân dân", "HĐND" },
	{ "Ủy ban nhân dân", "UBND" },
	{ "Uỷ ban nhân dân", "UBND" },
	{ "ủy ban nhân dân", "UBND" },
	{ "uỷ ban nhân dân", "UBND" },
	{ "cán bộ, công chức", "CBCC" },
};

static int word_start(const char *s, const char *p)
{
	return p == s || p[-1] == ' ' || p[-1] == '(' || p[-1] == '"';
}

static int word_end(char c)
{
	return !c || c == ' ' || c == ',' || c == ';' || c == ':' || c == '.' || c == ')' ||
	       c == '"';
}

char *chart_abbreviate(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = s;

	while (*p) {
		size_t i, done = 0;

		if (word_start(s, p)) {
			for (i = 0; i < ARRAY_SIZE(abbrev); i++) {
				size_t n = strlen(abbrev[i].from);

				if (!strncmp(p, abbrev[i].from, n) && word_end(p[n])) {
					strbuf_addstr(&sb, abbrev[i].to);
					p += n;
					done = 1;
					break;
				}
			}
		}
		if (!done)
			strbuf_addch(&sb, *p++);
	}
	return strbuf_detach(&sb);
}

static void set_line(struct chart_label *out, const char *s, size_t len, lay_width_fn fn,
		     void *ctx)
{
	size_t i = out->nlines++;

	out->line[i] = xstrndup(s, len);
	out->width[i] = fn(ctx, 0, s, len);
	if (out->width[i] > out->max_width)
		out->max_width = out->width[i];
}

/* Byte range of line k of a paragraph broken from one run. */
static void line_range(const struct lay_para *lp, size_t k, size_t *off, size_t *len)
{
	const struct lay_line *ln = &lp->lines[k];

	if (ln->n == 0) {
		*off = *len = 0;
		return;
	}
	*off = lp->frags[ln->first].off;
	*len = lp->frags[ln->first + ln->n - 1].off + lp->frags[ln->first + ln->n - 1].len - *off;
}

/*
 * The breaking is layout.h's (lay_break_fit); the label adds its order of
 * resorts: whole, abbreviated, cut with "…".
 */
void chart_label_set(struct chart_label *out, const char *s, int64_t width, size_t maxlines,
		     lay_width_fn fn, void *ctx)
{
	static const char ell[] = "…";
	struct lay_para lp = LAY_PARA_INIT;
	struct lay_params p = { .align = LAY_LEFT, .width_fn = fn, .ctx = ctx };
	struct strbuf line = STRBUF_INIT;
	char *t = squeeze(s), *a = NULL;
	struct lay_run run = { 0, t, strlen(t) };
	int64_t ew = fn(ctx, 0, ell, strlen(ell));

	chart_label_release(out);
	if (maxlines < 1)
		maxlines = 1;
	if (maxlines > CHART_MAXLINES)
		maxlines = CHART_MAXLINES;
	p.width = width < 1 ? 1 : width;
	if (!*t) {
		set_line(out, "", 0, fn, ctx);
		goto out;
	}
	if (!lay_break_fit(&p, &run, maxlines, ew, &lp)) {
		a = chart_abbreviate(t);
		run.text = a;
		run.len = strlen(a);
		out->shortened = lay_break_fit(&p, &run, maxlines, ew, &lp) ? CHART_ABBREVIATED : CHART_CUT;
	}
	for (size_t k = 0; k < lp.nlines; k++) {
		size_t off, len;

		line_range(&lp, k, &off, &len);
		strbuf_reset(&line);
		strbuf_add(&line, run.text + off, len);
		if (lp.lines[k].flags & LAY_LINE_ELLIPSIS)
			strbuf_addstr(&line, ell);
		set_line(out, line.buf, line.len, fn, ctx);
	}
out:
	strbuf_release(&line);
	lay_para_release(&lp);
	free(t);
	free(a);
}

int chart_spread(int64_t *pos, const int64_t *w, size_t n, int64_t lo, int64_t hi, int64_t gap)
{
	int64_t total = 0;
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		total += w[i] + (i ? gap : 0);
	if (pos[0] < lo)
		pos[0] = lo;
	for (i = 1; i < n; i++)
		if (pos[i] < pos[i - 1] + w[i - 1] + gap)
			pos[i] = pos[i - 1] + w[i - 1] + gap;
	if (pos[n - 1] + w[n - 1] > hi)
		pos[n - 1] = hi - w[n - 1];
	for (i = n - 1; i > 0; i--)
		if (pos[i - 1] + w[i - 1] + gap > pos[i])
			pos[i - 1] = pos[i] - gap - w[i - 1];
	return total > hi - lo || pos[0] < lo ? -1 : 0;
}

/* ---- Styles -------------------------------------------------------------------- */

/* Okabe & Ito (2002), "Color Universal Design": blue, orange, bluish green, vermillion, sky blue. */
const struct chart_style chart_style_unit = {
	.fill = 30, .hatch = -1, .hatch_gray = 0, .outline = 0,
	.marker = CHART_M_SQUARE, .label_gray = 100, .rgb = 0x0072B2,
};
const struct chart_style chart_style_average = {
	.fill = 100, .hatch = 45, .hatch_gray = 0, .outline = 0,
	.marker = CHART_M_DIAMOND, .label_gray = 0, .rgb = 0xD55E00,
};
const struct chart_style chart_style_best = {
	.fill = 78, .hatch = -1, .hatch_gray = 0, .outline = 0,
	.marker = CHART_M_TRIANGLE, .label_gray = 0, .rgb = 0x56B4E9,
};
const struct chart_style chart_style_self = {
	.fill = 100, .hatch = -1, .hatch_gray = 0, .outline = 0,
	.marker = CHART_M_RING, .label_gray = 0, .rgb = 0xD55E00,
};
const struct chart_style chart_style_final = {
	.fill = 0, .hatch = -1, .hatch_gray = 0, .outline = 0,
	.marker = CHART_M_DOT, .label_gray = 100, .rgb = 0x0072B2,
};
const struct chart_style chart_style_prev = {
	.fill = 100, .hatch = -1, .hatch_gray = 0, .outline = 0,
	.marker = CHART_M_BOX, .label_gray = 0, .rgb = 0x56B4E9,
};

/* ---- Drawing -------------------------------------------------------------------- */

#define HAIR PDF_PT(0.5)

int chart_bar(struct pdfdoc *d, const struct chart_style *st, int64_t x, int64_t y, int64_t w,
	      int64_t h)
{
	struct pdf_stroke hs = { PDF_PT(0.5), st->hatch_gray, 0, 0 };
	struct pdf_stroke os = { HAIR, st->outline, 0, 0 };
	int fill = st->fill;

	if (w <= 0 || h <= 0)
		return 0;
	/*
	 * On screen the series take their Okabe-Ito colour: a tinted fill, or
	 * coloured hatching on a white bar. The colours were chosen so that their
	 * luminance keeps the grey order of the black-and-white styles (dark
	 * blue, mid vermillion lines, light sky blue), so a grey printer still
	 * tells them apart, with the hatching and the labels.
	 */
	if (st->rgb && fill >= 0 && fill < 100)
		fill = PDF_RGB(st->rgb);
	if (st->rgb && st->hatch >= 0)
		hs.gray = PDF_RGB(st->rgb);
	if (fill >= 0 && pdfdoc_rect(d, NULL, fill, x, y, w, h) < 0)
		return -1;
	if (st->hatch >= 0 && pdfdoc_hatch(d, &hs, x, y, w, h, st->hatch, PDF_PT(2.2)) < 0)
		return -1;
	if (st->outline >= 0 && pdfdoc_rect(d, &os, -1, x, y, w, h) < 0)
		return -1;
	return 0;
}

int chart_marker(struct pdfdoc *d, enum chart_marker m, int64_t cx, int64_t cy, int64_t r)
{
	struct pdf_stroke s = { PDF_PT(0.8), 0, 0, 0 };
	int64_t xy[8];

	switch (m) {
	case CHART_M_NONE:
		return 0;
	case CHART_M_DOT:
		return pdfdoc_circle(d, NULL, 0, cx, cy, r);
	case CHART_M_RING:
		return pdfdoc_circle(d, &s, 100, cx, cy, r - s.width / 2);
	case CHART_M_SQUARE:
		return pdfdoc_rect(d, NULL, 0, cx - r, cy - r, 2 * r, 2 * r);
	case CHART_M_BOX:
		return pdfdoc_rect(d, &s, 100, cx - r + s.width / 2, cy - r + s.width / 2,
				   2 * r - s.width, 2 * r - s.width);
	case CHART_M_DIAMOND:
		xy[0] = cx; xy[1] = cy - r - r / 4;
		xy[2] = cx + r + r / 4; xy[3] = cy;
		xy[4] = cx; xy[5] = cy + r + r / 4;
		xy[6] = cx - r - r / 4; xy[7] = cy;
		return pdfdoc_polygon(d, NULL, 0, xy, 4);
	case CHART_M_TRIANGLE:
		xy[0] = cx - r - r / 5; xy[1] = cy - r;
		xy[2] = cx + r + r / 5; xy[3] = cy - r;
		xy[4] = cx; xy[5] = cy + r + r / 5;
		return pdfdoc_polygon(d, NULL, 0, xy, 3);
	}
	return 0;
}

int chart_polyline(struct pdfdoc *d, const struct pdf_stroke *s, const int64_t *xy, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (pdfdoc_line(d, s, xy[2 * i - 2], xy[2 * i - 1], xy[2 * i], xy[2 * i + 1]) < 0)
			return -1;
	return 0;
}

static int64_t ascent(int64_t size)
{
	struct pdf_fontmetrics m;

	pdfdoc_font_metrics(PDF_REGULAR, &m);
	return size * m.ascent / 1000;
}

static int64_t descent(int64_t size)
{
	struct pdf_fontmetrics m;

	pdfdoc_font_metrics(PDF_REGULAR, &m);
	return size * m.descent / 1000;
}

int64_t chart_axis(struct pdfdoc *d, const struct chart_scale *s, int64_t x0, int64_t x1,
		   int64_t base, int64_t top, int64_t size)
{
	struct pdf_stroke axis = { PDF_PT(0.6), 0, 0, 0 };
	struct pdf_stroke grid = { PDF_PT(0.4), 72, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	int64_t tick = PDF_PT(3), gap = PDF_PT(1.5);
	size_t i;
	int ret = 0;

	for (i = 0; i < s->nticks && top > base; i++) {
		int64_t x = chart_scale_pos(s, chart_scale_tick(s, i), x0, x1);

		if (pdfdoc_line(d, &grid, x, base, x, top) < 0)
			ret = -1;
	}
	if (pdfdoc_line(d, &axis, x0, base, x1, base) < 0)
		ret = -1;
	for (i = 0; i < s->nticks; i++) {
		int64_t v = chart_scale_tick(s, i), x = chart_scale_pos(s, v, x0, x1), w;

		strbuf_reset(&sb);
		chart_scale_label(s, v, &sb);
		w = pdfdoc_text_width(PDF_REGULAR, size, sb.buf, sb.len);
		if (pdfdoc_line(d, &axis, x, base, x, base - tick) < 0 ||
		    pdfdoc_textn(d, PDF_REGULAR, size, x - w / 2, base - tick - gap - ascent(size),
				 sb.buf, sb.len, "chart axis") < 0)
			ret = -1;
	}
	strbuf_release(&sb);
	return ret < 0 ? -1 : tick + gap + ascent(size) + descent(size);
}

int chart_label_draw(struct pdfdoc *d, const struct chart_label *l, enum pdf_font f,
		     int64_t size, int64_t leading, int64_t x, int64_t w, int64_t top,
		     enum lay_align align, const char *origin)
{
	size_t i;

	for (i = 0; i < l->nlines; i++) {
		int64_t lw = pdfdoc_text_width(f, size, l->line[i], strlen(l->line[i]));
		int64_t lx = align == LAY_RIGHT ? x + w - lw : align == LAY_CENTER ? x + (w - lw) / 2 : x;

		if (pdfdoc_text(d, f, size, lx, top - ascent(size) - (int64_t)i * leading, l->line[i],
				origin) < 0)
			return -1;
	}
	return 0;
}

int chart_text_bg(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		  int gray, int bg, int64_t pad, const char *s, const char *origin)
{
	int64_t w = pdfdoc_text_width(f, size, s, strlen(s));

	if (bg >= 0 && pdfdoc_rect(d, NULL, bg, x - pad, y - descent(size) - pad, w + 2 * pad,
				   ascent(size) + descent(size) + 2 * pad) < 0)
		return -1;
	return pdfdoc_text_ex(d, f, size, x, y, 0, gray, s, strlen(s), origin);
}

/* Legend geometry: swatch width, gap after it, gap between entries, row height. */
#define LG_SWATCH(size) ((size) * 14 / 10)
#define LG_GAP(size) ((size) * 4 / 10)
#define LG_SEP(size) ((size) * 15 / 10)
#define LG_ROW(size) ((size) * 16 / 10)

static int64_t legend_item_width(const struct chart_legend_item *it, int64_t size)
{
	return LG_SWATCH(size) + LG_GAP(size) +
	       pdfdoc_text_width(PDF_REGULAR, size, it->text, strlen(it->text));
}

/* Lays the entries out; draws them when d is not NULL. Returns the height. */
static int64_t legend_run(struct pdfdoc *d, const struct chart_legend_item *it, size_t n,
			  int64_t x, int64_t w, int64_t top, int64_t size, int *fail)
{
	int64_t cx = 0, row = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t iw = legend_item_width(&it[i], size);

		if (cx > 0 && cx + iw > w) {
			cx = 0;
			row++;
		}
		if (d) {
			int64_t sx = x + cx, mid = top - row * LG_ROW(size) - LG_ROW(size) / 2;
			int64_t base = mid - (ascent(size) - descent(size)) / 2, sw = LG_SWATCH(size);
			const struct chart_style *st = it[i].style;
			int r = 0;

			if (!st) {
				struct pdf_stroke def = { PDF_PT(1), 0, 0, 0 };

				r = pdfdoc_line(d, it[i].line ? it[i].line : &def, sx, mid, sx + sw, mid);
			} else if (it[i].bar) {
				r = chart_bar(d, st, sx, mid - size * 35 / 100, sw, size * 7 / 10);
			} else {
				if (it[i].line)
					r = pdfdoc_line(d, it[i].line, sx, mid, sx + sw, mid);
				if (r == 0)
					r = chart_marker(d, st->marker, sx + sw / 2, mid, size * 3 / 10);
			}
			if (r < 0 || pdfdoc_text(d, PDF_REGULAR, size, sx + sw + LG_GAP(size), base,
						 it[i].text, "chart legend") < 0)
				*fail = 1;
		}
		cx += iw + LG_SEP(size);
	}
	return n ? (row + 1) * LG_ROW(size) : 0;
}

int64_t chart_legend(struct pdfdoc *d, const struct chart_legend_item *it, size_t n, int64_t x,
		     int64_t w, int64_t top, int64_t size)
{
	int fail = 0;
	int64_t h = legend_run(d, it, n, x, w, top, size, &fail);

	return fail ? -1 : h;
}

int64_t chart_legend_height(const struct chart_legend_item *it, size_t n, int64_t w, int64_t size)
{
	int fail = 0;

	return legend_run(NULL, it, n, 0, w, 0, size, &fail);
}

/* ---- The unit's field profile ----------------------------------------------------- */

#define PF_LABEL PDF_PT(8)       /* field names */
#define PF_LEADING PDF_PT(9.2)
#define PF_SLOT PDF_PT(10)       /* one bar's slot at the natural height */
#define PF_ROWGAP PDF_PT(6)
#define PF_MAXLINES 3

struct profile_geom {
	int64_t label_w, plot_x0, plot_x1, legend_h, axis_h, rows_h;
	int64_t *row_h; /* natural, per field */
	struct chart_label *labels;
	size_t n;
};

static void profile_release(struct profile_geom *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		chart_label_release(&g->labels[i]);
	free(g->labels);
	free(g->row_h);
}

static const struct chart_legend_item profile_legend[] = {
	{ &chart_style_unit, 1, NULL, "Đơn vị" },
	{ &chart_style_average, 1, NULL, "Trung bình nhóm" },
	{ &chart_style_best, 1, NULL, "Cao nhất nhóm" },
};

static void field_caption(const struct field *f, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s. %s", f->code, f->name);
}

static void profile_geom(const struct year *y, int64_t x, int64_t w, struct profile_geom *g)
{
	struct chart_font lf = { PDF_REGULAR, PF_LABEL };
	struct strbuf sb = STRBUF_INIT;
	int64_t valw = pdfdoc_text_width(PDF_REGULAR, PF_LABEL, "100,00", 6) + PDF_PT(4);
	size_t i;

	memset(g, 0, sizeof(*g));
	g->n = y->index.nfields;
	g->labels = xcalloc(g->n ? g->n : 1, sizeof(*g->labels));
	g->row_h = xcalloc(g->n ? g->n : 1, sizeof(*g->row_h));
	g->label_w = w * 36 / 100;
	g->plot_x0 = x + g->label_w + PDF_PT(6);
	g->plot_x1 = x + w - valw;
	g->legend_h = chart_legend_height(profile_legend, ARRAY_SIZE(profile_legend), w, PF_LABEL) +
		      PDF_PT(4);
	g->axis_h = PDF_PT(3) + PDF_PT(1.5) + ascent(PF_LABEL) + descent(PF_LABEL) + PDF_PT(2);
	for (i = 0; i < g->n; i++) {
		int64_t th, bh = 3 * PF_SLOT;

		field_caption(&y->index.fields[i], &sb);
		chart_label_set(&g->labels[i], sb.buf, g->label_w, PF_MAXLINES, chart_font_width, &lf);
		th = (int64_t)g->labels[i].nlines * PF_LEADING;
		g->row_h[i] = (th > bh ? th : bh) + PF_ROWGAP;
		g->rows_h += g->row_h[i];
	}
	strbuf_release(&sb);
}

int64_t chart_unit_profile_height(const struct year *y, int64_t w)
{
	struct profile_geom g;
	int64_t h;

	profile_geom(y, 0, w, &g);
	h = g.legend_h + g.rows_h + g.axis_h;
	profile_release(&g);
	return h;
}

/* One bar of the profile with its value at the end, or a note instead. */
static int profile_bar(struct pdfdoc *d, const struct chart_scale *sc, const struct profile_geom *g,
		       const struct chart_style *st, int has, int64_t v, const char *none,
		       int64_t top, int64_t slot, int64_t fs, const char *origin)
{
	int64_t bh = slot * 72 / 100, by = top - slot + (slot - bh) / 2;
	int64_t mid = by + bh / 2, base = mid - (ascent(fs) - descent(fs)) / 2;
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	if (has) {
		int64_t xe = chart_scale_pos(sc, v, g->plot_x0, g->plot_x1);

		if (chart_bar(d, st, g->plot_x0, by, xe - g->plot_x0, bh) < 0)
			ret = -1;
		vnfmt_add_hundredths(&sb, v);
		if (chart_text_bg(d, PDF_REGULAR, fs, xe + PDF_PT(2), base, 0, 100, PDF_PT(0.5), sb.buf,
				  origin) < 0)
			ret = -1;
	} else if (chart_text_bg(d, PDF_ITALIC, fs, g->plot_x0 + PDF_PT(2), base, 0, 100, PDF_PT(0.5),
				 none, origin) < 0) {
		ret = -1;
	}
	strbuf_release(&sb);
	return ret;
}

int chart_unit_profile(struct pdfdoc *d, int64_t x, int64_t y0, int64_t w, int64_t h,
		       const struct year *y, const struct results *r, size_t unit,
		       const char *origin)
{
	struct pdf_stroke sep = { PDF_PT(0.3), 60, 0, 0 };
	struct strbuf org = STRBUF_INIT;
	struct profile_geom g;
	struct chart_scale sc;
	const struct unit_result *ur;
	const struct group_result *gr;
	int64_t natural, avail, top, fs, slot_nat = PF_SLOT;
	size_t f;
	int ret = -1;

	if (!origin)
		origin = "chart";
	if (unit >= r->nunits || unit >= y->registry.nunits)
		return pdfdoc_fail(d, "%s: no unit %zu for the field chart", origin, unit);
	if (w < PDF_MM(80))
		return pdfdoc_fail(d, "%s: field chart box %lld pt wide, at least 80 mm needed",
				   origin, (long long)(w / PDF_UNITS_PER_PT));
	ur = &r->units[unit];
	gr = &r->groups[y->registry.units[unit].group];
	profile_geom(y, x, w, &g);
	natural = g.legend_h + g.rows_h + g.axis_h;
	if (h * 4 < natural * 3) {
		ret = pdfdoc_fail(d, "%s: field chart box %lld pt high, at least %lld pt needed",
				  origin, (long long)(h / PDF_UNITS_PER_PT),
				  (long long)((natural * 3 / 4 + PDF_UNITS_PER_PT - 1) / PDF_UNITS_PER_PT));
		goto out;
	}
	chart_scale_nice(0, 10000, 6, &sc);
	if (chart_legend(d, profile_legend, ARRAY_SIZE(profile_legend), x, w, y0 + h, PF_LABEL) < 0)
		goto out;
	/* rows share what the box gives beyond legend and axis, in proportion to their natural height */
	avail = h - g.legend_h - g.axis_h;
	top = y0 + h - g.legend_h;
	if (chart_axis(d, &sc, g.plot_x0, g.plot_x1, y0 + g.axis_h, top, PF_LABEL) < 0)
		goto out;
	if (pdfdoc_text(d, PDF_REGULAR, PF_LABEL,
			g.plot_x1 + pdfdoc_text_width(PDF_REGULAR, PF_LABEL, "100", 3) / 2 + PDF_PT(3),
			y0 + g.axis_h - PDF_PT(4.5) - ascent(PF_LABEL), "%", origin) < 0)
		goto out;
	for (f = 0; f < g.n; f++) {
		int64_t rh = muldiv(g.row_h[f], avail, g.rows_h);
		int64_t slot = muldiv(slot_nat, avail, g.rows_h);
		int64_t btop = top - (rh - 3 * slot) / 2;
		int has_unit = ur->scored && ur->field_max[f] > 0;
		int has_group = gr->field_n[f] > 0;
		const char *none = !ur->scored ? "chưa có kết quả" : "không áp dụng";

		fs = slot * 80 / 100;
		if (fs > PDF_PT(7.5))
			fs = PDF_PT(7.5);
		strbuf_reset(&org);
		strbuf_addf(&org, "%s:%d: field name", y->index.path ? y->index.path : "index.xml",
			    y->index.fields[f].line);
		if (chart_label_draw(d, &g.labels[f], PDF_REGULAR, PF_LABEL, PF_LEADING, x, g.label_w,
				     top - (rh - (int64_t)g.labels[f].nlines * PF_LEADING) / 2,
				     LAY_LEFT, org.buf) < 0 ||
		    profile_bar(d, &sc, &g, &chart_style_unit, has_unit,
				has_unit ? ur->field_index[f] : 0, none, btop, slot, fs, origin) < 0 ||
		    profile_bar(d, &sc, &g, &chart_style_average, has_group,
				gr->avg_field_index[f], "—", btop - slot, slot, fs, origin) < 0 ||
		    profile_bar(d, &sc, &g, &chart_style_best, has_group,
				gr->best_field_index[f], "—", btop - 2 * slot, slot, fs, origin) < 0)
			goto out;
		top -= rh;
		if (f + 1 < g.n && pdfdoc_line(d, &sep, x, top, x + w, top) < 0)
			goto out;
	}
	ret = 0;
out:
	profile_release(&g);
	strbuf_release(&org);
	return ret;
}
