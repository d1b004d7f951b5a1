/*
 * layout.h: the arithmetic of typesetting, with no I/O and no PDF library.
 *
 * Line breaking of paragraphs made of styled runs, column widths of tables,
 * and where paragraphs and tables break across pages. Everything works on
 * integer lengths in the caller's unit (typeset.h uses 1/10000 pt, pdfdoc.h
 * PDF_PT) and on widths the caller measures through a callback, so results are
 * exact and the same on every machine.
 *
 * Line breaking is first fit, as a word processor does it: words are separated
 * by runs of U+0020 (a tab counts as a space), a gap is one space of the style
 * of its first space character, leading and trailing spaces of a line vanish,
 * U+00A0 (no-break space) joins words, '\n' ends a line. A word wider than the
 * line is cut between characters. There is no hyphenation (Vietnamese words are
 * syllables).
 *
 * Two variants over the same words serve titles and labels: balanced breaks
 * (the decision's centred titles, keeping compounds whole with vnwords.h) and
 * breaks into a fixed number of lines ending in an ellipsis (chart labels).
 * They are the only line breakers of the documents.
 */
#ifndef PARX_LAYOUT_H
#define PARX_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

enum lay_align { LAY_LEFT, LAY_CENTER, LAY_RIGHT, LAY_JUSTIFY };

/*
 * Width of s[0..len) (valid UTF-8, no '\n') set in `style`, in the caller's
 * unit. Must be additive: width("ab") == width("a") + width("b").
 */
typedef int64_t (*lay_width_fn)(void *ctx, int style, const char *s, size_t len);

/* A piece of a paragraph in one style (borrowed text, not NUL-terminated). */
struct lay_run {
	int style;
	const char *text;
	size_t len;
};

struct lay_params {
	int64_t width;        /* of every line, > 0 */
	int64_t indent_first; /* extra left indent of the first line (< 0: hanging) */
	enum lay_align align; /* LAY_JUSTIFY leaves the last line and lines ended by '\n' flush left */
	lay_width_fn width_fn;
	void *ctx;            /* passed to width_fn */
};

/* A word (or the part of a word in one run) placed on a line. */
struct lay_frag {
	size_t run;           /* index in the runs */
	size_t off, len;      /* bytes of runs[run].text */
	int64_t x;            /* left edge, from the paragraph's left edge */
	int64_t w;            /* its width */
	int space_before;     /* 1 if a gap separates it from the previous fragment of the line */
};

#define LAY_LINE_LAST     1u /* the paragraph's last line */
#define LAY_LINE_FORCED   2u /* ended by '\n' */
#define LAY_LINE_STRETCH  4u /* justified: gaps wider than a space */
#define LAY_LINE_ELLIPSIS 8u /* lay_break_fit: the text goes on; draw an ellipsis after it */

struct lay_line {
	size_t first, n;      /* its fragments: frags[first .. first+n) */
	int64_t width;        /* natural width, from the first fragment's left edge */
	unsigned flags;
};

/* A laid-out paragraph; zero-initialise (LAY_PARA_INIT), free with lay_para_release(). */
struct lay_para {
	struct lay_frag *frags;
	size_t nfrags, afrags;
	struct lay_line *lines;
	size_t nlines, alines;
	int64_t widest_word; /* lay_break(): the natural width of its widest word (lay_min_width()) */
};
#define LAY_PARA_INIT { NULL, 0, 0, NULL, 0, 0, 0 }

/*
 * Breaks runs[0..nruns) into lines of p->width and places every fragment
 * (alignment and justification included). Replaces the contents of `out`.
 * An empty paragraph (no words) gives one line with no fragments.
 */
void lay_break(const struct lay_params *p, const struct lay_run *runs, size_t nruns,
	       struct lay_para *out);
void lay_para_release(struct lay_para *out);
/*
 * Gives back what `lp` holds beyond its fragments and lines, for paragraphs
 * kept a while in numbers (every cell of a table of 10,000 rows).
 */
void lay_para_trim(struct lay_para *lp);

struct vnwords;

/*
 * The breaks of a centred title (pipeline/DOCUMENTS.md, "Title and deciding
 * authority (`title_block()`)"): as many lines as first fit needs, with no
 * word cut (a word wider than the line stands alone), and among the breaks
 * into that many lines the one that splits the fewest compounds and names of
 * `keep` (vnwords.h; NULL: none), then the one whose longest line is the
 * shortest. Places the fragments as lay_break() does. The runs hold no '\n'
 * (a title is one paragraph) and p->indent_first is 0. Replaces the contents
 * of `out`.
 */
void lay_break_balanced(const struct lay_params *p, const struct vnwords *keep,
			const struct lay_run *runs, size_t nruns, struct lay_para *out);

/*
 * A label of at most `maxlines` lines (>= 1) from one run without '\n'
 * (indent_first 0). Returns 1 when lay_break() sets it on that many lines
 * without cutting a word; `out` then holds those lines. Otherwise returns 0,
 * and `out` holds lay_break()'s lines when no more than maxlines are needed
 * (a word wider than the line was cut between characters), else its first
 * maxlines - 1 lines and a last line with as many whole words of the rest as
 * fit before an ellipsis `ell_w` wide (each prefix measured whole), or as
 * many characters of the first word when not one fits, flagged
 * LAY_LINE_ELLIPSIS (its width counts the ellipsis) unless the rest fitted
 * whole. The caller draws the ellipsis.
 */
int lay_break_fit(const struct lay_params *p, const struct lay_run *run, size_t maxlines,
		  int64_t ell_w, struct lay_para *out);

/* The widest natural line width (for fitted table columns). */
int64_t lay_para_max_width(const struct lay_para *lp);

/*
 * Widest unbreakable piece of runs (a word, or a run of no-break spaces and
 * words), i.e. the narrowest width at which no word has to be cut.
 */
int64_t lay_min_width(const struct lay_run *runs, size_t nruns, lay_width_fn fn, void *ctx);

/*
 * Widow and orphan control: a paragraph of `nlines` lines of which `fit` fit
 * on the current page. Returns how many to set on this page: all of them, or
 * a number leaving at least `min_first` lines here and `min_last` on the next
 * page, or 0 (move the whole paragraph to the next page). min_first, min_last
 * >= 1 (2 and 2 is usual).
 */
size_t lay_split_lines(size_t nlines, size_t fit, size_t min_first, size_t min_last);

/* Table column widths. */
enum lay_colkind {
	LAY_COL_FIXED, /* value: the width */
	LAY_COL_FIT,   /* as wide as its widest cell set on one line */
	LAY_COL_PROP   /* value: a weight; shares what is left */
};

struct lay_col {
	enum lay_colkind kind;
	int64_t value;
	int64_t natural;  /* FIT/PROP: widest cell on one line, padding included */
	int64_t minimum;  /* FIT/PROP: widest word, padding included (the narrowest sensible width) */
	int64_t floor;    /* FIT/PROP: > 0 lets the column go below `minimum`, down to this, cutting
			     its longest words (a URL cited as evidence); 0: never below minimum */
};

/*
 * Computes widths summing exactly to `total`: fixed columns get their value,
 * fitted columns their natural width, proportional columns share the rest by
 * weight (never below their minimum). Left-over space without proportional
 * columns widens the fitted ones in proportion to their natural width; a
 * shortfall narrows fitted and proportional columns towards their minimum, in
 * proportion to what each can give. When the minimums do not fit either,
 * columns with a floor go below their minimum (their long words will be cut
 * between characters, as lay_break does), in proportion to what each can give
 * above its floor. Returns 0, or -1 when even the fixed widths and the floors
 * (minimums where no floor is set) do not fit (out[] then holds them anyway,
 * summing to more than total).
 */
int lay_columns(const struct lay_col *cols, size_t n, int64_t total, int64_t *out);

/* One page's share of a table: body rows [first, first+n). */
struct lay_tpage {
	size_t first, n;
};

/*
 * The one paginator: tables (typeset.c), the chart book's charts
 * (chartbook.c). Rows of heights h[0..n) go onto pages, each under the
 * repeated head (a table's header rows; 0 for none), the first page `first`
 * high, the others `next`. Rows are never split (split a row taller than a
 * page before). keep (NULL: none) marks rows that stay on the page of the
 * next: a page never ends on one unless every row it holds is kept; then a
 * chain that a whole page holds leaves a partly filled first page for the
 * next, and a longer chain breaks where the page is full. A last page of one
 * row takes another from the page before when both fit and that page does not
 * then end on a kept row. With `even`, the pages are as few, then evened out:
 * the fullest as empty as it can be (41 equal rows at 40 a page give 21 + 20,
 * not 40 + 1), as the chart book wants.
 */
struct lay_pages {
	const int64_t *h;
	const unsigned char *keep;
	size_t n;
	int64_t head;
	int64_t first, next;
	int even;
};

/*
 * Fills *pages (malloc'd, caller frees) and *npages. No rows give one page
 * with n = 0. pages[0].n == 0 with rows means nothing fits on the first page:
 * the caller starts a new page and asks again with that page's height.
 * Returns -1 when a row with the head is taller than `next` (*bad_row is set
 * to it; the rows cannot be set).
 */
int lay_paginate(const struct lay_pages *rq, struct lay_tpage **pages, size_t *npages, size_t *bad_row);

#endif
