/*
 * layout.c: line breaking, column widths and page breaking, in integers.
 *
 * lay_break() works in two passes. The first cuts the runs into words: a
 * word is the text between gaps and may cross runs (a bold "Điều 1." glued to
 * regular text), so it is a list of pieces, one per run. The second fills
 * lines first-fit and places the pieces, spreading a justified line's extra
 * width over its gaps with cumulative rounding so that the last word ends
 * exactly at the right edge. Everything the widths callback returns is summed
 * exactly; no division happens except when distributing space.
 *
 * lay_break_balanced() and lay_break_fit() cut the words the same way and
 * place lines with the same filler; only the choice of breaks differs.
 */
#include "typeset/layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "typeset/vnwords.h"

struct piece {
	size_t run, off, len;
	int64_t w;
};

struct word {
	size_t first, n;  /* pieces */
	int64_t w;
	int64_t gap;      /* width of the gap before it; 0 at the start or after a newline */
	int newline;      /* a '\n' comes before it (and after the previous word) */
};

/*
 * A paragraph cut into words. A table cell or a title has a few dozen words:
 * they stay in the struct's own arrays (on the caller's stack), and only a
 * longer paragraph moves them to the heap. Tables lay out every cell twice or
 * three times, and allocating for each was a fifth of drawing a score sheet.
 */
#define WORDS_LOCAL 64

struct words {
	struct piece *p;
	size_t np, ap;
	struct word *w;
	size_t nw, aw;
	int trailing_newlines; /* '\n' after the last word */
	struct piece local_p[WORDS_LOCAL];
	struct word local_w[WORDS_LOCAL];
};

static void words_init(struct words *ws)
{
	ws->p = ws->local_p;
	ws->ap = WORDS_LOCAL;
	ws->w = ws->local_w;
	ws->aw = WORDS_LOCAL;
	ws->np = ws->nw = 0;
	ws->trailing_newlines = 0;
}

static void words_release(struct words *ws)
{
	if (ws->p != ws->local_p)
		free(ws->p);
	if (ws->w != ws->local_w)
		free(ws->w);
}

/* Room for `need` elements of `size` in *pp, which starts as the array `local`. */
static void words_grow(void *pp, size_t *alloc, size_t need, size_t size, const void *local)
{
	void **p = pp;

	if (need <= *alloc)
		return;
	if (*p == local) {
		void *heap = xmalloc(2 * *alloc * size);

		memcpy(heap, local, *alloc * size);
		*p = heap;
		*alloc *= 2;
	}
	xgrow(p, alloc, need, size);
}

static int is_gap(char c)
{
	return c == ' ' || c == '\t';
}

static size_t utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1; /* stray byte: one at a time */
}

static void add_piece(struct words *ws, size_t run, size_t off, size_t len, int64_t w)
{
	words_grow(&ws->p, &ws->ap, ws->np + 1, sizeof(*ws->p), ws->local_p);
	ws->p[ws->np].run = run;
	ws->p[ws->np].off = off;
	ws->p[ws->np].len = len;
	ws->p[ws->np].w = w;
	ws->np++;
}

/*
 * Cuts runs into words. pending_gap/pending_nl describe what separates the
 * next word from the previous one; `inword` whether the last piece belongs to
 * a word still open (text continuing across a run boundary).
 */
static void split_words(const struct lay_params *p, const struct lay_run *runs, size_t nruns,
			struct words *ws)
{
	int64_t pending_gap = 0;
	int pending_nl = 0, have_gap = 0, inword = 0;
	size_t r;

	for (r = 0; r < nruns; r++) {
		const char *t = runs[r].text;
		size_t len = runs[r].len, i = 0;

		while (i < len) {
			if (is_gap(t[i]) || t[i] == '\n') {
				if (t[i] == '\n') {
					pending_nl++;
					pending_gap = 0;
					have_gap = 0;
				} else if (!have_gap) {
					/* The gap's width is one space of the style of its first space. */
					pending_gap = p->width_fn(p->ctx, runs[r].style, " ", 1);
					have_gap = 1;
				}
				inword = 0;
				i++;
				continue;
			}
			size_t j = i;
			while (j < len && !is_gap(t[j]) && t[j] != '\n')
				j += utf8_len((unsigned char)t[j]);
			if (j > len)
				j = len;
			int64_t w = p->width_fn(p->ctx, runs[r].style, t + i, j - i);
			if (!inword) {
				words_grow(&ws->w, &ws->aw, ws->nw + 1, sizeof(*ws->w), ws->local_w);
				ws->w[ws->nw].first = ws->np;
				ws->w[ws->nw].n = 0;
				ws->w[ws->nw].w = 0;
				ws->w[ws->nw].gap = ws->nw && !pending_nl ? pending_gap : 0;
				ws->w[ws->nw].newline = pending_nl;
				ws->nw++;
				pending_nl = 0;
				pending_gap = 0;
				have_gap = 0;
				inword = 1;
			}
			add_piece(ws, r, i, j - i, w);
			ws->w[ws->nw - 1].n++;
			ws->w[ws->nw - 1].w += w;
			i = j;
		}
	}
	ws->trailing_newlines = pending_nl;
}

struct filler {
	const struct lay_params *p;
	const struct lay_run *runs;
	struct lay_para *out;
	/* the line being filled */
	size_t first;      /* first frag */
	int64_t used;      /* natural width so far */
	size_t ngaps;
	int first_line;
};

static int64_t line_avail(const struct filler *f)
{
	return f->p->width - (f->first_line ? f->p->indent_first : 0);
}

static void add_frag(struct filler *f, size_t run, size_t off, size_t len, int64_t w,
		     int space_before)
{
	struct lay_para *o = f->out;

	xgrow(&o->frags, &o->afrags, o->nfrags + 1, sizeof(*o->frags));
	o->frags[o->nfrags].run = run;
	o->frags[o->nfrags].off = off;
	o->frags[o->nfrags].len = len;
	o->frags[o->nfrags].w = w;
	o->frags[o->nfrags].x = 0;
	o->frags[o->nfrags].space_before = space_before;
	o->nfrags++;
}

/* Ends the current line: places its fragments. */
static void end_line(struct filler *f, unsigned flags)
{
	struct lay_para *o = f->out;
	struct lay_line *ln;
	int64_t avail = line_avail(f), x, extra = 0, start;
	size_t i, gap = 0;

	xgrow(&o->lines, &o->alines, o->nlines + 1, sizeof(*o->lines));
	ln = &o->lines[o->nlines++];
	ln->first = f->first;
	ln->n = o->nfrags - f->first;
	ln->width = f->used;
	ln->flags = flags;

	start = f->first_line ? f->p->indent_first : 0;
	switch (f->p->align) {
	case LAY_CENTER:
		if (avail > f->used)
			start += (avail - f->used) / 2;
		break;
	case LAY_RIGHT:
		if (avail > f->used)
			start += avail - f->used;
		break;
	case LAY_JUSTIFY:
		if (!(flags & (LAY_LINE_LAST | LAY_LINE_FORCED)) && f->ngaps > 0 && avail > f->used) {
			extra = avail - f->used;
			ln->flags |= LAY_LINE_STRETCH;
		}
		break;
	case LAY_LEFT:
		break;
	}

	/* Place: x advances by widths, plus gap widths (recorded as frag x deltas in pass 1). */
	x = start;
	for (i = ln->first; i < ln->first + ln->n; i++) {
		struct lay_frag *fr = &o->frags[i];

		if (fr->space_before) {
			gap++;
			/* fr->x holds the natural gap width until placed */
			x += fr->x;
			if (extra)
				x += extra * (int64_t)gap / (int64_t)f->ngaps -
				     extra * (int64_t)(gap - 1) / (int64_t)f->ngaps;
		}
		fr->x = x;
		x += fr->w;
	}
	f->first = o->nfrags;
	f->used = 0;
	f->ngaps = 0;
	f->first_line = 0;
}

/* Adds the pieces [from, to) of a word, the first with a gap before it of `gap` (0: none). */
static void put_pieces(struct filler *f, const struct words *ws, size_t from, size_t to, int64_t gap,
		       int with_gap)
{
	size_t k;

	for (k = from; k < to; k++) {
		const struct piece *pc = &ws->p[k];
		int sb = k == from && with_gap;

		add_frag(f, pc->run, pc->off, pc->len, pc->w, sb);
		if (sb) {
			f->out->frags[f->out->nfrags - 1].x = gap;
			f->used += gap;
			f->ngaps++;
		}
		f->used += pc->w;
	}
}

/*
 * A word wider than a whole line: cut between characters, filling each line
 * (which is empty when this is called) with as much as fits, at least one
 * character.
 */
static void cut_word(struct filler *f, const struct words *ws, const struct word *wd)
{
	const struct lay_params *p = f->p;
	size_t k;

	for (k = wd->first; k < wd->first + wd->n; k++) {
		const struct piece *pc = &ws->p[k];
		const char *t = f->runs[pc->run].text + pc->off;
		size_t i = 0;

		while (i < pc->len) {
			size_t start = i;
			int64_t w = 0;

			while (i < pc->len) {
				size_t cl = utf8_len((unsigned char)t[i]);
				int64_t cw;

				if (i + cl > pc->len)
					cl = pc->len - i;
				cw = p->width_fn(p->ctx, f->runs[pc->run].style, t + i, cl);
				if (f->used + w + cw > line_avail(f) && (i > start || f->used > 0))
					break;
				w += cw;
				i += cl;
			}
			if (i > start) {
				add_frag(f, pc->run, pc->off + start, i - start, w, 0);
				f->used += w;
			}
			if (i < pc->len)
				end_line(f, 0);
		}
	}
}

static void filler_init(struct filler *f, const struct lay_params *p, const struct lay_run *runs,
			struct lay_para *out)
{
	f->p = p;
	f->runs = runs;
	f->out = out;
	f->first = out->nfrags;
	f->used = 0;
	f->ngaps = 0;
	f->first_line = out->nlines == 0;
}

void lay_break(const struct lay_params *p, const struct lay_run *runs, size_t nruns,
	       struct lay_para *out)
{
	struct words ws;
	struct filler f;
	size_t i;

	words_init(&ws);
	out->nfrags = 0;
	out->nlines = 0;
	split_words(p, runs, nruns, &ws);
	out->widest_word = 0;
	for (i = 0; i < ws.nw; i++)
		if (ws.w[i].w > out->widest_word)
			out->widest_word = ws.w[i].w;
	if (out->afrags < ws.np) { /* a fragment a piece, unless a word is cut */
		out->frags = xrealloc(out->frags, ws.np * sizeof(*out->frags));
		out->afrags = ws.np;
	}
	filler_init(&f, p, runs, out);

	for (i = 0; i < ws.nw; i++) {
		const struct word *wd = &ws.w[i];
		int empty, nl;

		for (nl = 0; nl < wd->newline; nl++)
			end_line(&f, LAY_LINE_FORCED);
		empty = out->nfrags == f.first;
		if (!empty && f.used + wd->gap + wd->w > line_avail(&f)) {
			end_line(&f, 0);
			empty = 1;
		}
		if (empty && wd->w > line_avail(&f))
			cut_word(&f, &ws, wd);
		else
			put_pieces(&f, &ws, wd->first, wd->first + wd->n, wd->gap, !empty);
	}
	for (i = 0; i < (size_t)ws.trailing_newlines; i++)
		end_line(&f, LAY_LINE_FORCED);
	end_line(&f, LAY_LINE_LAST);

	words_release(&ws);
}

/*
 * Sets gl[i] (i < n - 1) to 1 where the gap after word i lies inside a
 * compound or name of vw. A word crossing runs is put together first.
 */
static void glue_words(const struct vnwords *vw, const struct lay_run *runs, const struct words *ws,
		       unsigned char *gl)
{
	size_t n = ws->nw;
	const char **w = xcalloc(n, sizeof(*w));
	char **own = xcalloc(n, sizeof(*own));
	size_t *len = xcalloc(n, sizeof(*len));

	for (size_t i = 0; i < n; i++) {
		const struct word *wd = &ws->w[i];
		const struct piece *pc = &ws->p[wd->first];

		if (wd->n == 1) {
			w[i] = runs[pc->run].text + pc->off;
			len[i] = pc->len;
			continue;
		}
		for (size_t k = 0; k < wd->n; k++)
			len[i] += pc[k].len;
		own[i] = xmalloc(len[i] + 1);
		len[i] = 0;
		for (size_t k = 0; k < wd->n; k++) {
			memcpy(own[i] + len[i], runs[pc[k].run].text + pc[k].off, pc[k].len);
			len[i] += pc[k].len;
		}
		w[i] = own[i];
	}
	vnwords_glue(vw, w, len, n, gl);
	for (size_t i = 0; i < n; i++)
		free(own[i]);
	free(own);
	free(w);
	free(len);
}

/*
 * The balanced breaks: a dynamic programme over (lines, words).
 * best[j*(n+1)+i] is the least cost of setting the first i words on j lines,
 * the cost splits × big + longest line with `big` above any line's width, so
 * that the order is lexicographic (splits first) and a better prefix never
 * makes a worse whole: the programme stays exact. Lines may stay empty
 * (best[j][0] is 0 for every j); they are dropped when placing.
 */
void lay_break_balanced(const struct lay_params *p, const struct vnwords *keep,
			const struct lay_run *runs, size_t nruns, struct lay_para *out)
{
	struct words ws;
	struct filler f;
	size_t n, k = 1, *cut, *starts, last = 0;
	int64_t cur = -1, big = 1, inf = INT64_MAX / 4, *best;
	unsigned char *gl;

	words_init(&ws);
	out->nfrags = 0;
	out->nlines = 0;
	split_words(p, runs, nruns, &ws);
	if (out->afrags < ws.np) { /* a fragment a piece, unless a word is cut */
		out->frags = xrealloc(out->frags, ws.np * sizeof(*out->frags));
		out->afrags = ws.np;
	}
	filler_init(&f, p, runs, out);
	n = ws.nw;
	if (!n) {
		end_line(&f, LAY_LINE_LAST);
		goto out;
	}
	gl = xcalloc(n, 1);
	if (keep)
		glue_words(keep, runs, &ws, gl);
	for (size_t i = 0; i < n; i++)
		big += ws.w[i].w + ws.w[i].gap;
	/* First fit, no word cut: how many lines are needed. */
	for (size_t i = 0; i < n; i++) {
		if (cur >= 0 && cur + ws.w[i].gap + ws.w[i].w <= p->width) {
			cur += ws.w[i].gap + ws.w[i].w;
		} else {
			if (cur >= 0)
				k++;
			cur = ws.w[i].w;
		}
	}
	best = xcalloc((k + 1) * (n + 1), sizeof(*best));
	cut = xcalloc((k + 1) * (n + 1), sizeof(*cut));
	for (size_t i = 0; i <= n; i++)
		best[i] = i ? inf : 0;
	for (size_t j = 1; j <= k; j++)
		for (size_t i = 0; i <= n; i++) {
			best[j * (n + 1) + i] = i ? inf : 0;
			for (size_t m = i; m-- > 0;) {
				int64_t lw = 0, v, prev = best[(j - 1) * (n + 1) + m], splits, longest;

				for (size_t q = m; q < i; q++)
					lw += ws.w[q].w + (q > m ? ws.w[q].gap : 0);
				if (lw > p->width && i - m > 1)
					break;
				if (prev >= inf)
					continue;
				/* The line from word m breaks after word m - 1. */
				splits = prev / big + (m > 0 && gl[m - 1]);
				longest = prev % big > lw ? prev % big : lw;
				v = splits * big + longest;
				if (v < best[j * (n + 1) + i]) {
					best[j * (n + 1) + i] = v;
					cut[j * (n + 1) + i] = m;
				}
			}
		}
	starts = xcalloc(k + 1, sizeof(*starts));
	starts[k] = n;
	for (size_t j = k, i = n; j > 0; j--) {
		i = cut[j * (n + 1) + i];
		starts[j - 1] = i;
	}
	for (size_t j = 0; j < k; j++)
		if (starts[j] < starts[j + 1])
			last = j;
	for (size_t j = 0; j < k; j++) {
		if (starts[j] == starts[j + 1])
			continue;
		for (size_t q = starts[j]; q < starts[j + 1]; q++)
			put_pieces(&f, &ws, ws.w[q].first, ws.w[q].first + ws.w[q].n, ws.w[q].gap,
				   q > starts[j]);
		end_line(&f, j == last ? LAY_LINE_LAST : 0);
	}
	free(starts);
	free(best);
	free(cut);
	free(gl);
out:
	words_release(&ws);
}

/*
 * The last line of lay_break_fit: as many whole words of rest[0..len) as fit
 * with the ellipsis (each prefix measured whole, as it is drawn), or, when not
 * one does, as many characters of the first word. Sets *ell when the line
 * needs the ellipsis; returns the bytes kept.
 */
static size_t fit_last(const struct lay_params *p, int style, const char *rest, size_t len,
		       int64_t ell_w, int more, int *ell)
{
	size_t fit = 0, i = 0;

	while (i < len) {
		size_t e = i;

		while (e < len && rest[e] != ' ')
			e++;
		if (p->width_fn(p->ctx, style, rest, e) + ell_w > p->width)
			break;
		fit = e;
		if (e == len)
			break;
		i = e + 1;
	}
	if (fit == 0) {
		size_t q = 0;

		while (q < len && rest[q] != ' ') {
			size_t st = utf8_len((unsigned char)rest[q]);

			if (q + st > len)
				st = len - q;
			if (p->width_fn(p->ctx, style, rest, q + st) + ell_w > p->width)
				break;
			q += st;
		}
		fit = q;
	}
	*ell = !(fit == len && !more);
	if (*ell)
		while (fit > 0 && rest[fit - 1] == ' ')
			fit--;
	return fit;
}

int lay_break_fit(const struct lay_params *p, const struct lay_run *run, size_t maxlines,
		  int64_t ell_w, struct lay_para *out)
{
	struct words ws;
	struct filler f;
	struct lay_run sub;
	size_t k, o, fit;
	int ell;

	if (maxlines < 1)
		maxlines = 1;
	lay_break(p, run, 1, out);
	if (out->nlines <= maxlines && lay_min_width(run, 1, p->width_fn, p->ctx) <= p->width)
		return 1;
	if (out->nlines < maxlines)
		return 0; /* only a word wider than the line was cut: every line kept */
	k = maxlines - 1;
	o = out->lines[k].n ? out->frags[out->lines[k].first].off : 0;
	fit = fit_last(p, run->style, run->text + o, run->len - o, ell_w, out->nlines > maxlines,
		       &ell);
	/* Line k again, from what fit_last kept. */
	out->nfrags = out->lines[k].first;
	out->nlines = k;
	sub.style = run->style;
	sub.text = run->text + o;
	sub.len = fit;
	words_init(&ws);
	split_words(p, &sub, 1, &ws);
	filler_init(&f, p, run, out);
	for (size_t i = 0; i < ws.nw; i++) {
		size_t from = out->nfrags;

		put_pieces(&f, &ws, ws.w[i].first, ws.w[i].first + ws.w[i].n, ws.w[i].gap, i > 0);
		for (size_t q = from; q < out->nfrags; q++)
			out->frags[q].off += o;
	}
	if (ell)
		f.used += ell_w;
	end_line(&f, LAY_LINE_LAST | (ell ? LAY_LINE_ELLIPSIS : 0u));
	words_release(&ws);
	return 0;
}

void lay_para_release(struct lay_para *out)
{
	free(out->frags);
	free(out->lines);
	memset(out, 0, sizeof(*out));
}

void lay_para_trim(struct lay_para *lp)
{
	if (lp->afrags > lp->nfrags) {
		lp->frags = xrealloc(lp->frags, (lp->nfrags ? lp->nfrags : 1) * sizeof(*lp->frags));
		lp->afrags = lp->nfrags ? lp->nfrags : 1;
	}
	if (lp->alines > lp->nlines) {
		lp->lines = xrealloc(lp->lines, (lp->nlines ? lp->nlines : 1) * sizeof(*lp->lines));
		lp->alines = lp->nlines ? lp->nlines : 1;
	}
}

int64_t lay_para_max_width(const struct lay_para *lp)
{
	int64_t m = 0;
	size_t i;

	for (i = 0; i < lp->nlines; i++)
		if (lp->lines[i].width > m)
			m = lp->lines[i].width;
	return m;
}

int64_t lay_min_width(const struct lay_run *runs, size_t nruns, lay_width_fn fn, void *ctx)
{
	struct lay_params p;
	struct words ws;
	int64_t m = 0;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.width_fn = fn;
	p.ctx = ctx;
	words_init(&ws);
	split_words(&p, runs, nruns, &ws);
	for (i = 0; i < ws.nw; i++)
		if (ws.w[i].w > m)
			m = ws.w[i].w;
	words_release(&ws);
	return m;
}

size_t lay_split_lines(size_t nlines, size_t fit, size_t min_first, size_t min_last)
{
	size_t k;

	if (fit >= nlines)
		return nlines;
	if (min_first < 1)
		min_first = 1;
	if (min_last < 1)
		min_last = 1;
	k = fit;
	if (nlines - k < min_last)
		k = nlines >= min_last ? nlines - min_last : 0;
	if (k < min_first)
		return 0;
	return k;
}

/*
 * Shares `amount` among n slots in proportion to weight[i] (>= 0), exactly:
 * slot i gets floor(A*W_i/W) - floor(A*W_{i-1}/W) for the cumulative weights.
 * With all weights 0, shares equally.
 */
static void share(int64_t amount, const int64_t *weight, size_t n, int64_t *out)
{
	int64_t total = 0, cum = 0, prev = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += weight[i] > 0 ? weight[i] : 0;
	for (i = 0; i < n; i++) {
		int64_t now;

		cum += total ? (weight[i] > 0 ? weight[i] : 0) : 1;
		/* amount and weights are lengths of a page: no overflow in their product */
		now = amount * cum / (total ? total : (int64_t)n);
		out[i] = now - prev;
		prev = now;
	}
}

/* Narrows columns marked in `can` towards their minimum to remove `shortfall`. */
static int shrink(const struct lay_col *cols, size_t n, const int *can, int64_t shortfall,
		  int64_t *out)
{
	int64_t *slack = xcalloc(n, sizeof(*slack)), *cut = xcalloc(n, sizeof(*cut));
	int64_t total = 0;
	size_t i;
	int ret = 0;

	for (i = 0; i < n; i++) {
		if (can[i] && out[i] > cols[i].minimum)
			slack[i] = out[i] - cols[i].minimum;
		total += slack[i];
	}
	if (total < shortfall) {
		for (i = 0; i < n; i++)
			out[i] -= slack[i];
		ret = -1;
	} else if (total > 0) {
		share(shortfall, slack, n, cut);
		for (i = 0; i < n; i++)
			out[i] -= cut[i];
	}
	free(slack);
	free(cut);
	return ret;
}

static int columns(const struct lay_col *cols, size_t n, int64_t total, int64_t *out)
{
	int64_t used = 0, rem;
	int64_t *weight = xcalloc(n ? n : 1, sizeof(*weight));
	int64_t *part = xcalloc(n ? n : 1, sizeof(*part));
	int *active = xcalloc(n ? n : 1, sizeof(*active));
	int *can = xcalloc(n ? n : 1, sizeof(*can));
	size_t i, nprop = 0, nfit = 0;
	int ret = 0;

	for (i = 0; i < n; i++) {
		switch (cols[i].kind) {
		case LAY_COL_FIXED:
			out[i] = cols[i].value;
			break;
		case LAY_COL_FIT:
			out[i] = cols[i].natural > cols[i].minimum ? cols[i].natural : cols[i].minimum;
			nfit++;
			can[i] = 1;
			break;
		case LAY_COL_PROP:
			out[i] = 0;
			active[i] = 1;
			nprop++;
			break;
		}
		used += out[i];
	}
	rem = total - used;

	if (nprop) {
		/* Share by weight; a column whose share is below its minimum takes its
		 * minimum and leaves the sharing, until every share is large enough. */
		int again = 1;

		while (again) {
			again = 0;
			for (i = 0; i < n; i++)
				weight[i] = active[i] ? (cols[i].value > 0 ? cols[i].value : 1) : 0;
			share(rem > 0 ? rem : 0, weight, n, part);
			for (i = 0; i < n; i++) {
				if (active[i] && part[i] < cols[i].minimum) {
					active[i] = 0;
					out[i] = cols[i].minimum;
					rem -= out[i];
					again = 1;
				}
			}
			if (!again) {
				int any = 0;

				for (i = 0; i < n; i++)
					if (active[i]) {
						out[i] = part[i];
						any = 1;
					}
				if (any)
					rem = 0;
			}
		}
		if (rem < 0) {
			/* Everything at its minimum or natural width and still too wide. */
			for (i = 0; i < n; i++)
				if (cols[i].kind == LAY_COL_PROP)
					can[i] = 0;
			ret = shrink(cols, n, can, -rem, out);
		} else if (rem > 0) {
			/* Every proportional column was held at its minimum: widen them. */
			for (i = 0; i < n; i++)
				weight[i] = cols[i].kind == LAY_COL_PROP ? (cols[i].value > 0 ? cols[i].value : 1) : 0;
			share(rem, weight, n, part);
			for (i = 0; i < n; i++)
				out[i] += part[i];
		}
	} else if (nfit && rem > 0) {
		for (i = 0; i < n; i++)
			weight[i] = cols[i].kind == LAY_COL_FIT ? out[i] : 0;
		share(rem, weight, n, part);
		for (i = 0; i < n; i++)
			out[i] += part[i];
	} else if (nfit && rem < 0) {
		ret = shrink(cols, n, can, -rem, out);
	} else if (rem < 0) {
		ret = -1;
	}
	free(weight);
	free(part);
	free(active);
	free(can);
	return ret;
}

/*
 * The fixed widths and the minimums may not fit: a URL cited as evidence is
 * one word wider than the table. Then the minimums of the columns that allow
 * it (a floor) are lowered: first none above an equal share of the free width,
 * then, if that is not enough, towards the floors in proportion to what each
 * holds above its floor. Their long words will be cut between characters
 * (lay_break). The widths are then shared as usual, so the other columns keep
 * their normal share.
 */
int lay_columns(const struct lay_col *cols, size_t n, int64_t total, int64_t *out)
{
	struct lay_col *c = xcalloc(n ? n : 1, sizeof(*c));
	int64_t *slack = xcalloc(n ? n : 1, sizeof(*slack)), *cut = xcalloc(n ? n : 1, sizeof(*cut));
	int64_t need = 0, fixed = 0, room = 0;
	size_t nflex = 0;
	int ret;

	for (size_t i = 0; i < n; i++) {
		c[i] = cols[i];
		if (c[i].kind == LAY_COL_FIXED)
			fixed += c[i].value;
		else
			nflex++;
		need += c[i].kind == LAY_COL_FIXED ? c[i].value : c[i].minimum;
	}
	if (need > total && nflex) {
		/* First, no long word claims more than an equal share of the free width. */
		int64_t fair = (total - fixed) / (int64_t)nflex;

		need = fixed;
		for (size_t i = 0; i < n; i++) {
			if (c[i].kind != LAY_COL_FIXED && c[i].floor > 0) {
				int64_t cap = fair > c[i].floor ? fair : c[i].floor;

				if (c[i].minimum > cap)
					c[i].minimum = cap;
			}
			if (c[i].kind != LAY_COL_FIXED)
				need += c[i].minimum;
		}
	}
	if (need > total) {
		/* Then, if need be, down towards the floors in proportion to what each holds above. */
		for (size_t i = 0; i < n; i++) {
			if (c[i].kind != LAY_COL_FIXED && c[i].floor > 0 && c[i].minimum > c[i].floor)
				slack[i] = c[i].minimum - c[i].floor;
			room += slack[i];
		}
		if (room > 0) {
			share(need - total < room ? need - total : room, slack, n, cut);
			for (size_t i = 0; i < n; i++)
				c[i].minimum -= cut[i];
		}
	}
	ret = columns(c, n, total, out);
	free(c);
	free(slack);
	free(cut);
	return ret;
}

/*
 * First fit of the rows into pages `cap` high (cap <= next; the first page
 * `first`, and no more than cap below next), each under the head: the pages into pg (NULL: count only) and their number.
 * LAY_TOO_TALL when a row does not fit even a page of rq->next (*bad set),
 * LAY_NOT_AT_CAP when a row fits a page but not `cap`.
 */
#define LAY_TOO_TALL SIZE_MAX
#define LAY_NOT_AT_CAP (SIZE_MAX - 1)

static size_t fit_pages(const struct lay_pages *rq, int64_t cap, struct lay_tpage *pg, size_t *bad)
{
	const int64_t *h = rq->h;
	const unsigned char *keep = rq->keep;
	size_t np = 0, i = 0, n = rq->n;
	int64_t first = cap < rq->next && rq->first > cap ? cap : rq->first; /* evening: no page above cap */

	while (i < n || np == 0) {
		int64_t room = np ? cap : first, used = rq->head;
		size_t take = 0;

		while (i + take < n && used + h[i + take] <= room)
			used += h[i + take++];
		if (take == 0 && i < n && (np || rq->head + h[i] > rq->next)) {
			if (rq->head + h[i] > rq->next) {
				*bad = i;
				return LAY_TOO_TALL;
			}
			if (cap < rq->next)
				return LAY_NOT_AT_CAP;
		}
		/*
		 * A page does not end on a row kept with the next: back off to the last
		 * row that is not kept. When every row the page holds is kept, a chain
		 * that a whole page holds goes to the next page if this is the first,
		 * partly filled one; a chain taller than a page breaks where it is full.
		 */
		if (keep && take && i + take < n) {
			size_t k = take;

			while (k > 1 && keep[i + k - 1])
				k--;
			if (!keep[i + k - 1]) {
				take = k;
			} else if (np == 0 && first < rq->next) {
				int64_t chain = rq->head;
				size_t j = i;

				while (j < n && chain + h[j] <= rq->next) {
					chain += h[j];
					if (!keep[j++])
						break;
				}
				if (j > i && !keep[j - 1])
					take = 0;
			}
		}
		if (pg) {
			pg[np].first = i;
			pg[np].n = take;
		}
		np++;
		i += take;
		if (!take && (np > 1 || i >= n))
			break;
	}
	/*
	 * A last page of one row takes another from the page before, if both still
	 * fit and the page before does not then end on a kept row.
	 */
	if (pg && np >= 2 && pg[np - 1].n == 1 && pg[np - 2].n >= 3) {
		size_t f = pg[np - 1].first;

		if (rq->head + h[f - 1] + h[f] <= cap && !(keep && keep[f - 2])) {
			pg[np - 2].n--;
			pg[np - 1].first--;
			pg[np - 1].n++;
		}
	}
	return np;
}

int lay_paginate(const struct lay_pages *rq, struct lay_tpage **pages, size_t *npages, size_t *bad_row)
{
	size_t np = fit_pages(rq, rq->next, NULL, bad_row);
	int64_t cap = rq->next;

	*pages = NULL;
	*npages = 0;
	if (np == LAY_TOO_TALL)
		return -1;
	if (rq->even) { /* the smallest capacity that gives as few pages */
		int64_t lo = 1;

		while (lo < cap) {
			int64_t mid = lo + (cap - lo) / 2;
			size_t k = fit_pages(rq, mid, NULL, bad_row);

			if (k <= np)
				cap = mid;
			else
				lo = mid + 1;
		}
	}
	*pages = xcalloc(np + 1, sizeof(**pages));
	*npages = fit_pages(rq, cap, *pages, bad_row);
	return 0;
}
