/*
 * chart.h: small vector charts drawn on a pdfdoc (pipeline/DOCUMENTS.md,
 * "The chart book: bieu-do.pdf (chartbook.c, chart.c)").
 *
 * Two layers. The pure layer is arithmetic with no drawing and no I/O, so it
 * is unit-tested on its own: scales with round ticks ("nice numbers"),
 * positions on a scale, shortening of labels (their lines and pages are
 * layout.h's), spreading labels along a line so they do not collide. The
 * drawing layer puts axes, gridlines, bars, markers, lines, labels
 * and legends on the current page of a pdfdoc, and one ready-made chart, the
 * field profile of a unit for the unit score sheet.
 *
 * Values are int64_t hundredths (87,25 -> 8725), as everywhere in parx;
 * lengths and positions are pdfdoc's (1/10000 pt, origin bottom left, y up).
 * No floating point.
 *
 * Black and white first: pdfdoc draws in grey levels only, so series are told
 * apart by grey, hatching and marker shape (struct chart_style), and every
 * bar carries its value as text. The Okabe-Ito colour of each style is kept
 * in chart_style.rgb, used for bar fills and hatching (chart_bar).
 *
 * Drawing functions return 0, or -1 when the document failed (pdfdoc.h
 * "Errors"; text the fonts lack is reported with the `origin` given).
 */
#ifndef PARX_CHART_H
#define PARX_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "typeset/layout.h"
#include "pdf/pdfdoc.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "model/year.h"

/* ---- Scales (pure) --------------------------------------------------------- */

/*
 * A linear value axis: ticks lo, lo + step, ..., hi (nticks of them), every
 * tick a multiple of step, step one of 1, 2, 5 × 10^k hundredths (0,01, 0,02,
 * 0,05, 0,1, ..., 1, 2, 5, 10, 20, ...).
 */
struct chart_scale {
	int64_t lo, hi;
	int64_t step;
	size_t nticks;
	int decimals; /* decimals the tick labels need: 0 (step a whole number), 1 or 2 */
};

/*
 * The "nice numbers" scale covering [min, max] with at most `maxticks` ticks
 * (>= 2): the smallest step of the 1-2-5 series for which lo = the largest
 * multiple of step <= min and hi = the smallest multiple >= max give no more
 * than maxticks ticks. 61,30-102,50 with 6 ticks: 60, 70, ..., 110.
 * min > max are swapped. A single value (min == max) is widened: 0 to 0..1;
 * v to v ± max(|v|/10, 0,01) before rounding out. Include 0 in [min, max]
 * yourself when the bars must start at zero. Returns 0, or -1 when maxticks < 2,
 * when no step up to 10^17 gives few enough ticks (a range across zero needs
 * at least 3), or min, max are beyond ±10^17.
 */
int chart_scale_nice(int64_t min, int64_t max, int maxticks, struct chart_scale *s);

/* The value of tick i (0 .. nticks-1). */
int64_t chart_scale_tick(const struct chart_scale *s, size_t i);

/*
 * Position of value v on an axis drawn from `from` (at s->lo) to `to` (at
 * s->hi), rounded to the nearest unit; values outside [lo, hi] are clamped.
 */
int64_t chart_scale_pos(const struct chart_scale *s, int64_t v, int64_t from, int64_t to);

/* Appends v as a tick label: s->decimals decimals, decimal comma ("60", "2,5", "0,25"). */
void chart_scale_label(const struct chart_scale *s, int64_t v, struct strbuf *sb);

/* ---- Labels (pure) --------------------------------------------------------- */

#define CHART_MAXLINES 4

/* A label set on at most CHART_MAXLINES lines. */
struct chart_label {
	size_t nlines;
	char *line[CHART_MAXLINES]; /* owned, NUL-terminated */
	int64_t width[CHART_MAXLINES];
	int64_t max_width;          /* of its widest line */
	int shortened;              /* CHART_WHOLE, CHART_ABBREVIATED or CHART_CUT */
};
enum { CHART_WHOLE = 0, CHART_ABBREVIATED = 1, CHART_CUT = 2 };
#define CHART_LABEL_INIT { 0, { NULL, NULL, NULL, NULL }, { 0, 0, 0, 0 }, 0, 0 }

/*
 * The measure of text in one font and size, as a layout.h width function:
 * `ctx` points to a struct chart_font, `style` is ignored. Needs
 * pdfdoc_global_init().
 */
struct chart_font {
	enum pdf_font font;
	int64_t size;
};
int64_t chart_font_width(void *ctx, int style, const char *s, size_t len);

/*
 * Sets text s (spaces squeezed) as label `out`, on lines no wider than
 * `width`, at most `maxlines` (1 .. CHART_MAXLINES), measuring with fn(ctx,
 * 0, ...). The breaks are layout.h's lay_break_fit(); the label tries, in order:
 *  1. whole: first-fit line breaking at spaces, no word cut;
 *  2. abbreviated: if that needs more lines, the standard abbreviations of
 *     Vietnamese administrative names (chart_abbreviate) and again 1;
 *  3. cut: if that still needs more lines (or a single word is wider than
 *     the width), the first maxlines-1 lines as broken, and on the last as
 *     many words (or characters of an overlong word) as fit followed by "…".
 * Replaces the contents of `out` (release with chart_label_release). An empty
 * text gives one empty line.
 */
void chart_label_set(struct chart_label *out, const char *s, int64_t width, size_t maxlines,
		     lay_width_fn fn, void *ctx);
void chart_label_release(struct chart_label *l);

/*
 * The abbreviated form of s (caller frees): each phrase of this table that
 * occurs as whole words is replaced, longest first, case as written:
 *   Hội đồng nhân dân -> HĐND, Ủy ban nhân dân (Uỷ ban nhân dân) -> UBND,
 *   Lao động - Thương binh và Xã hội -> LĐ-TB&XH, Tài nguyên và Môi trường ->
 *   TN&MT, Giáo dục và Đào tạo -> GD&ĐT, Nông nghiệp và Phát triển nông thôn ->
 *   NN&PTNT, Văn hóa và Thông tin -> VH&TT, Văn hóa - Thông tin -> VH-TT,
 *   Kinh tế và Hạ tầng -> KT&HT, Tài chính - Kế hoạch -> TC-KH, Khoa học và
 *   Công nghệ -> KH&CN, Văn hóa, Thể thao và Du lịch -> VH,TT&DL, Cải cách hành
 *   chính -> CCHC, cải cách hành chính -> CCHC, thủ tục hành chính -> TTHC,
 *   cán bộ, công chức, viên chức -> CBCCVC, cán bộ, công chức -> CBCC.
 * These are the abbreviations Vietnamese administrative documents use
 * themselves ("Phòng Lao động - Thương binh và Xã hội" -> "Phòng LĐ-TB&XH").
 */
char *chart_abbreviate(const char *s);

/*
 * Spreads n labels along a line so that none overlaps: label i wants its left
 * edge at pos[i] and is w[i] wide; labels must be given in order of pos.
 * Moves them as little as the simple push rule allows (each pushed right past
 * its predecessor plus `gap`, then the whole chain pushed back left from hi),
 * keeping every label inside [lo, hi]. Returns 0, or -1 when they cannot fit
 * (their widths and gaps exceed hi - lo; pos[] is then left as pushed).
 */
int chart_spread(int64_t *pos, const int64_t *w, size_t n, int64_t lo, int64_t hi, int64_t gap);

/* ---- Styles ---------------------------------------------------------------- */

enum chart_marker {
	CHART_M_NONE,
	CHART_M_DOT,      /* filled circle ● */
	CHART_M_RING,     /* open circle ○ */
	CHART_M_SQUARE,   /* filled square ■ */
	CHART_M_BOX,      /* open square □ */
	CHART_M_DIAMOND,  /* filled diamond */
	CHART_M_TRIANGLE  /* filled triangle ▲ */
};

/* How a series is drawn; legible in black and white. */
struct chart_style {
	int fill;           /* bar fill grey (0 black .. 100 white), -1: none */
	int hatch;          /* hatching angle 0, 45, 90, 135, or -1: none */
	int hatch_gray;     /* grey of the hatching lines */
	int outline;        /* outline grey, -1: none */
	enum chart_marker marker;
	int label_gray;     /* grey of a value label set inside the bar (0 or 100) */
	uint32_t rgb;       /* Okabe-Ito colour 0xRRGGBB of bar fills and hatching; 0: greys only */
};

/* The styles parx uses, by role. */
extern const struct chart_style chart_style_unit;    /* dark solid: the unit / the index */
extern const struct chart_style chart_style_average; /* white, hatched 45°: group average */
extern const struct chart_style chart_style_best;    /* light grey, outlined: group's best */
extern const struct chart_style chart_style_self;    /* open ring: self-assessment */
extern const struct chart_style chart_style_final;   /* black dot: final after appraisal */
extern const struct chart_style chart_style_prev;    /* open square: last year */

/* ---- Drawing on the current page ------------------------------------------- */

/* A bar (rectangle, lower left x, y) in style st: fill, hatching, outline. */
int chart_bar(struct pdfdoc *d, const struct chart_style *st, int64_t x, int64_t y, int64_t w,
	      int64_t h);

/* A marker of shape m centred at (cx, cy), `r` its half size. */
int chart_marker(struct pdfdoc *d, enum chart_marker m, int64_t cx, int64_t cy, int64_t r);

/* Straight segments through xy[0..2n) (open: not closed), stroked with s. */
int chart_polyline(struct pdfdoc *d, const struct pdf_stroke *s, const int64_t *xy, size_t n);

/*
 * A horizontal value axis of scale s from x0 to x1 at height `base`: the axis
 * line, a tick and its label (font REGULAR at `size`, centred, below the line)
 * at every tick, and, when `top` > base, a light vertical gridline from base
 * to top at every tick. Returns the height it takes below `base` (ticks and
 * labels), or -1.
 */
int64_t chart_axis(struct pdfdoc *d, const struct chart_scale *s, int64_t x0, int64_t x1,
		   int64_t base, int64_t top, int64_t size);

/*
 * The lines of label l, font f at `size`, `leading` apart, the first line's
 * top at `top` (its baseline one ascent lower), aligned in [x, x + w]
 * (LAY_LEFT, LAY_CENTER, LAY_RIGHT).
 */
int chart_label_draw(struct pdfdoc *d, const struct chart_label *l, enum pdf_font f,
		     int64_t size, int64_t leading, int64_t x, int64_t w, int64_t top,
		     enum lay_align align, const char *origin);

/*
 * One line of text with a filled background rectangle `pad` larger on every
 * side (bg grey 0..100, -1: none), baseline at (x, y), text grey `gray`; for
 * labels that sit across gridlines or reference lines.
 */
int chart_text_bg(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		  int gray, int bg, int64_t pad, const char *s, const char *origin);

/* A legend entry: a swatch of the style (bar swatch if `bar`, else its marker, or a line). */
struct chart_legend_item {
	const struct chart_style *style; /* NULL: a line sample drawn with `line` */
	int bar;
	const struct pdf_stroke *line;
	const char *text;
};

/*
 * The entries side by side, wrapping onto further rows when wider than w,
 * font REGULAR at `size`, the first row's top at `top`, starting at x.
 * Returns the height used, or -1.
 */
int64_t chart_legend(struct pdfdoc *d, const struct chart_legend_item *it, size_t n, int64_t x,
		     int64_t w, int64_t top, int64_t size);
/* The height chart_legend() would use (pure, after pdfdoc_global_init). */
int64_t chart_legend_height(const struct chart_legend_item *it, size_t n, int64_t w, int64_t size);

/* ---- The unit's field profile (unit score sheet, README.md, "The documents") ---------- */

/*
 * The natural height of chart_unit_profile() in a box `w` wide for the fields
 * of y's index: a legend row, one row per field (its name wrapped on up to
 * three lines at 8 pt, three bars), and the axis. Boxes down to 3/4 of it
 * still work (thinner bars).
 */
int64_t chart_unit_profile_height(const struct year *y, int64_t w);

/*
 * Draws, inside the box with lower left (x, y0), w wide and h high, the field
 * profile of unit `unit`: for each field of the index, in index order, three
 * horizontal bars on one 0-100 % scale (shared ticks and gridlines) — the
 * unit's field index (chart_style_unit), the group's average field index
 * (chart_style_average) and the group's best field index (chart_style_best) —
 * each labelled with its value at the bar end ("87,25"), the field's number
 * and name wrapped at the left, a legend on top ("Đơn vị", "Trung bình nhóm",
 * "Cao nhất nhóm") and the axis with "%" at the bottom. A field where the unit
 * has no applicable item shows "không áp dụng" instead of its bar (not 0); a
 * field with no scored unit in the group shows "—" for average and best; an
 * unscored unit shows its bars as "chưa có kết quả". Everything stays inside
 * the box. Fails the document (-1) when h is below 3/4 of
 * chart_unit_profile_height(y, w) or w below 80 mm. `origin` names the
 * caller for text errors (e.g. "unit sheet CQ-NV").
 */
int chart_unit_profile(struct pdfdoc *d, int64_t x, int64_t y0, int64_t w, int64_t h,
		       const struct year *y, const struct results *r, size_t unit,
		       const char *origin);

#endif
