/*
 * decision.c: quyet-dinh.pdf, the decision announcing the index and its
 * annexes, one file (README.md, "The documents", Nghị định 30/2020/NĐ-CP Mẫu 1.2).
 *
 * The decision is a portrait section: the two-column heading (authority and
 * number on the left, Quốc hiệu, Tiêu ngữ, place and date on the right), the
 * title and its summary, the deciding authority, the legal bases and the
 * proposal from publication.xml, the articles filled in from the template
 * templates/quyet-dinh.txt (template.h), then the recipients and the signature
 * side by side, kept on the page of the last lines of the articles. Each group
 * of the index gets a landscape annex with its ranking table.
 *
 * Heading lines are broken evenly (layout.h, lay_break_balanced(): the
 * decree's headings are short blocks of one to three lines) and drawn line by
 * line at exact positions here;
 * running text and the tables go through typeset.h.
 */
#include "docs/decision.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "pdf/pdfdoc.h"
#include "docs/chart.h"
#include "docs/frame.h"
#include "docs/render.h"
#include "base/strbuf.h"
#include "typeset/template.h"
#include "typeset/typeset.h"
#include "base/vnfmt.h"
#include "typeset/vnwords.h"

/* Sizes of pipeline/DOCUMENTS.md, "The decision: quyet-dinh.pdf". */
#define SZ_SUPERIOR   PDF_PT(13)
#define SZ_AUTHORITY  PDF_PT(13)
#define SZ_NUMBER     PDF_PT(13)
#define SZ_QUOC_HIEU  PDF_PT(13)
#define SZ_TIEU_NGU   PDF_PT(14)
#define SZ_DATE       PDF_PT(14)
#define SZ_BODY       PDF_PT(14)
#define SZ_NOI_NHAN   PDF_PT(12)
#define SZ_RECIPIENT  PDF_PT(11)
#define SZ_SIGNER     PDF_PT(14)
#define SZ_ANNEX_HEAD PDF_PT(14)
#define SZ_ANNEX      PDF_PT(13)
#define SZ_TABLE      PDF_PT(11)
#define SZ_NOTE       PDF_PT(11)

#define RULE_W        PDF_PT(0.5)
#define SIGN_SPACE    PDF_MM(28)   /* for the signature and the seal */
#define RIGHT_PAD     PDF_MM(4)    /* around the widest line of the right heading column */


struct dec {
	const struct render_ctx *c;
	const struct year *y;
	const struct results *r;
	struct frame f;
	const struct decider_info *di; /* who decides, number, date: y->pub.d */
	struct vnwords *words;  /* what a centred title does not split */
	char *pub_origin;      /* "input/2024/publication.xml" */
	int64_t left_w;        /* width of the left heading column */
	int64_t x0, x1, top, bottom; /* frame of the current page */
};

/* ---- Text helpers ------------------------------------------------------------ */

char *decision_punctuate(const char *text, const char *mark)
{
	size_t n = strlen(text);
	struct strbuf out = STRBUF_INIT;

	while (n && text[n - 1] == ' ')
		n--;
	if (n && strchr(".;,:", text[n - 1]))
		n--;
	while (n && text[n - 1] == ' ')
		n--;
	strbuf_add(&out, text, n);
	strbuf_addstr(&out, mark);
	return strbuf_detach(&out);
}

/*
 * s broken as a centred title is (layout.h, lay_break_balanced(): the fewest
 * lines, the fewest compounds and names split, then as even as possible;
 * pipeline/DOCUMENTS.md, "Title and deciding authority (`title_block()`)"),
 * its lines joined by '\n', one space between words.
 */
static char *balance_lines(const struct vnwords *vw, enum pdf_font f, int64_t size, const char *s,
			   int64_t width)
{
	struct chart_font cf = { f, size };
	struct lay_params p = { .width = width, .align = LAY_CENTER, .width_fn = chart_font_width,
				.ctx = &cf };
	struct lay_run run = { 0, s, strlen(s) };
	struct lay_para lp = LAY_PARA_INIT;
	struct strbuf sb = STRBUF_INIT;

	lay_break_balanced(&p, vw, &run, 1, &lp);
	for (size_t j = 0; j < lp.nlines; j++) {
		const struct lay_line *ln = &lp.lines[j];

		if (j)
			strbuf_addch(&sb, '\n');
		for (size_t q = ln->first; q < ln->first + ln->n; q++) {
			if (lp.frags[q].space_before)
				strbuf_addch(&sb, ' ');
			strbuf_add(&sb, s + lp.frags[q].off, lp.frags[q].len);
		}
	}
	lay_para_release(&lp);
	return strbuf_detach(&sb);
}

/* Widest line of '\n'-separated text. */
static int64_t widest(enum pdf_font f, int64_t size, const char *s)
{
	int64_t m = 0;

	for (const char *p = s;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int64_t v = pdfdoc_text_width(f, size, p, n);

		if (v > m)
			m = v;
		if (!nl)
			break;
		p = nl + 1;
	}
	return m;
}

static size_t count_lines(const char *s)
{
	size_t n = 1;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int64_t lead(int64_t size)
{
	return TS_LINES(size, 100);
}

/* The baseline of a line of `size` whose box of height lead(size) has its top at `top` (as typeset.c). */
static int64_t baseline(int64_t top, int64_t size)
{
	return top - lead(size) / 2 - size * 34 / 100;
}

static int64_t descent(int64_t size)
{
	struct pdf_fontmetrics m;

	pdfdoc_font_metrics(PDF_REGULAR, &m);
	return size * m.descent / 1000;
}

/*
 * Draws the '\n'-separated lines of s centred on cx, the first line's box top
 * at `top`; returns the baseline of the last line.
 */
static int64_t draw_centered(struct dec *D, enum pdf_font f, int64_t size, const char *s,
			     int64_t cx, int64_t top, const char *origin)
{
	int64_t base = baseline(top, size);

	for (const char *p = s;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int64_t w = pdfdoc_text_width(f, size, p, n);
		int64_t x = cx - w / 2;

		if (x + w > D->x1)
			x = D->x1 - w;
		pdfdoc_textn(D->f.doc, f, size, x, base, p, n, origin);
		if (!nl)
			break;
		p = nl + 1;
		base -= lead(size);
	}
	return base;
}

/* Where a rule goes under a line of `size` with baseline `base`: clear of the marks below. */
static int64_t rule_y(int64_t base, int64_t size)
{
	return base - size * 45 / 100;
}

static void hrule(struct dec *D, int64_t cx, int64_t y, int64_t len)
{
	struct pdf_stroke st = { RULE_W, 0, 0, 0 };

	pdfdoc_line(D->f.doc, &st, cx - len / 2, y, cx + len / 2, y);
}

static void frame(struct dec *D)
{
	struct pdf_box fr;

	pdfdoc_page_box(D->f.doc, NULL, &fr);
	D->x0 = fr.x0;
	D->x1 = fr.x1;
	D->top = fr.y1;
	D->bottom = fr.y0;
}

/* A block of centred lines across the frame, at the cursor (moved to a new page if needed). */
static void centered_block(struct dec *D, enum pdf_font f, int64_t size, const char *text,
			   int64_t max_w, int64_t *last_base, int64_t *widest_line, const char *origin)
{
	char *lines = balance_lines(D->words, f, size, text, max_w);
	int64_t top, h = (int64_t)count_lines(lines) * lead(size), base;

	ts_reserve(D->f.fl, h, &top);
	frame(D);
	base = draw_centered(D, f, size, lines, (D->x0 + D->x1) / 2, top, origin);
	if (last_base)
		*last_base = base;
	if (widest_line)
		*widest_line = widest(f, size, lines);
	free(lines);
}

/* ---- The decision --------------------------------------------------------------- */

static const char *QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
static const char *TIEU_NGU = "Độc lập - Tự do - Hạnh phúc";

static char *date_line(const struct dec *D)
{
	struct strbuf sb = STRBUF_INIT;

	frame_add_dateline(&sb, &D->y->pub);
	return strbuf_detach(&sb);
}

/*
 * The heading of Mẫu 1.2: two columns side by side, then Số and the date on one line
 * (pipeline/DOCUMENTS.md, "Heading block (`heading()`)").
 */
static void heading(struct dec *D)
{
	const struct publication *p = &D->y->pub;
	int has_sup = p->superior && *p->superior;
	char *sup = NULL, *auth, *dl = date_line(D), *num;
	int64_t rw, lw, lx, rx, top, h, yl, yr, y, ybase;
	int64_t qh = pdfdoc_text_width(PDF_BOLD, SZ_QUOC_HIEU, QUOC_HIEU, strlen(QUOC_HIEU));
	int64_t tn = pdfdoc_text_width(PDF_BOLD, SZ_TIEU_NGU, TIEU_NGU, strlen(TIEU_NGU));
	int64_t dw = pdfdoc_text_width(PDF_ITALIC, SZ_DATE, dl, strlen(dl));
	int64_t aw, gap = PDF_PT(12); /* from the rules to the line of Số and the date */
	struct strbuf sb = STRBUF_INIT;

	frame(D);
	/* The right column is as wide as its widest line allows; the left takes the rest. */
	rw = qh > dw ? qh : dw;
	if (tn > rw)
		rw = tn;
	rw += 2 * RIGHT_PAD;
	lw = D->x1 - D->x0 - rw;
	if (lw < PDF_MM(55)) {
		lw = PDF_MM(55);
		rw = D->x1 - D->x0 - lw;
	}
	D->left_w = lw;
	lx = D->x0 + lw / 2;
	rx = D->x0 + lw + rw / 2;
	if (has_sup)
		sup = balance_lines(D->words, PDF_REGULAR, SZ_SUPERIOR, p->superior, lw - PDF_MM(2));
	auth = balance_lines(D->words, PDF_BOLD, SZ_AUTHORITY, p->authority, lw - PDF_MM(2));
	aw = widest(PDF_BOLD, SZ_AUTHORITY, auth);
	strbuf_addf(&sb, "Số: %s", D->di->number);
	num = strbuf_detach(&sb);

	/* Heights: the left column, the right column, then the line of Số and the date. */
	yl = (has_sup ? (int64_t)count_lines(sup) * lead(SZ_SUPERIOR) : 0) +
	     (int64_t)count_lines(auth) * lead(SZ_AUTHORITY);
	yr = lead(SZ_QUOC_HIEU) + lead(SZ_TIEU_NGU);
	h = (yl > yr ? yl : yr) + gap + lead(SZ_DATE);
	ts_reserve(D->f.fl, h, &top);

	/* Left: superior, authority, its rule. */
	y = top;
	if (has_sup) {
		draw_centered(D, PDF_REGULAR, SZ_SUPERIOR, sup, lx, y, D->pub_origin);
		y -= (int64_t)count_lines(sup) * lead(SZ_SUPERIOR);
	}
	ybase = draw_centered(D, PDF_BOLD, SZ_AUTHORITY, auth, lx, y, D->pub_origin);
	hrule(D, lx, rule_y(ybase, SZ_AUTHORITY), aw * 2 / 5);

	/* Right: Quốc hiệu, Tiêu ngữ and its rule as long as the line. */
	draw_centered(D, PDF_BOLD, SZ_QUOC_HIEU, QUOC_HIEU, rx, top, "Quốc hiệu");
	ybase = draw_centered(D, PDF_BOLD, SZ_TIEU_NGU, TIEU_NGU, rx, top - lead(SZ_QUOC_HIEU), "Tiêu ngữ");
	hrule(D, rx, rule_y(ybase, SZ_TIEU_NGU), tn);

	/* Số on the left and the date on the right, on one baseline. */
	y = top - (yl > yr ? yl : yr) - gap;
	ybase = baseline(y, SZ_DATE);
	pdfdoc_text(D->f.doc, PDF_REGULAR, SZ_NUMBER,
		    lx - pdfdoc_text_width(PDF_REGULAR, SZ_NUMBER, num, strlen(num)) / 2, ybase, num,
		    D->pub_origin);
	{
		int64_t x = rx - dw / 2;

		if (x + dw > D->x1)
			x = D->x1 - dw;
		pdfdoc_text(D->f.doc, PDF_ITALIC, SZ_DATE, x, ybase, dl, D->pub_origin);
	}
	free(sup);
	free(auth);
	free(dl);
	free(num);
}

/*
 * QUYẾT ĐỊNH, the trích yếu and its rule, the deciding authority
 * (pipeline/DOCUMENTS.md, "Title and deciding authority (`title_block()`)").
 */
static void title_block(struct dec *D)
{
	const struct publication *p = &D->y->pub;
	int64_t base, wl, top;

	ts_space(D->f.fl, PDF_PT(18));
	centered_block(D, PDF_BOLD, SZ_BODY, "QUYẾT ĐỊNH", D->x1 - D->x0, NULL, NULL, "title");
	centered_block(D, PDF_BOLD, SZ_BODY, p->title, D->x1 - D->x0, &base, &wl,
		       D->pub_origin);
	/* The short rule under the summary: a third of its longest line (pipeline/DOCUMENTS.md,
	 * "Title and deciding authority (`title_block()`)"). */
	ts_reserve(D->f.fl, PDF_PT(6), &top);
	/* Lower than under the capitals of the heading: this line has descenders and dots below. */
	hrule(D, (D->x0 + D->x1) / 2, rule_y(base, SZ_BODY) - PDF_PT(3), wl / 3);
	ts_space(D->f.fl, PDF_PT(12));
	centered_block(D, PDF_BOLD, SZ_BODY, D->di->authority_line, D->x1 - D->x0, NULL, NULL,
		       D->pub_origin);
	ts_space(D->f.fl, PDF_PT(6));
}

static void bases_block(struct dec *D)
{
	const struct publication *p = &D->y->pub;
	struct ts_style st = TS_STYLE_BODY;
	struct ts_style heading = TS_STYLE_HEADING;
	int has_prop = p->proposal && *p->proposal;

	st.font = PDF_ITALIC;
	st.size = SZ_BODY;
	/* every paragraph, each Căn cứ too (pipeline/DOCUMENTS.md, "Bases and "QUYẾT ĐỊNH:" (`bases_block()`)") */
	st.space_after = PDF_PT(6);
	for (size_t i = 0; i < p->nbases; i++) {
		char *t = decision_punctuate(p->bases[i], i + 1 < p->nbases || has_prop ? ";" : ".");

		ts_text(D->f.fl, &st, t, D->pub_origin);
		free(t);
	}
	if (has_prop) {
		char *t = decision_punctuate(p->proposal, ".");

		ts_text(D->f.fl, &st, t, D->pub_origin);
		free(t);
	}
	heading.size = SZ_BODY;
	heading.space_before = PDF_PT(6);
	heading.space_after = PDF_PT(6);
	ts_text(D->f.fl, &heading, "QUYẾT ĐỊNH:", "title");
}

/* Length of the "Điều N." label at the start of s, or 0. */
static size_t article_label(const char *s)
{
	static const char dieu[] = "Điều ";
	size_t n = strlen(dieu), i = n;

	if (strncmp(s, dieu, n))
		return 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == n || s[i] != '.')
		return 0;
	return i + 1;
}

/* The recipients and the signature, side by side: height, and drawing at `top`. */
struct sigblock {
	char **lines;     /* signer's title lines (borrowed from the publication) */
	size_t nlines;
	char **recip;     /* "- X;" ... "- Y." */
	size_t nrecip;
	int64_t h;
};

static void sig_prepare(struct dec *D, struct sigblock *sb)
{
	const struct publication *p = &D->y->pub;
	struct ts_style rs = { .font = PDF_REGULAR, .size = SZ_RECIPIENT, .align = LAY_LEFT };
	int64_t dash = pdfdoc_text_width(PDF_REGULAR, SZ_RECIPIENT, "- ", 2);
	int64_t left_h = lead(SZ_NOI_NHAN), right_h;

	memset(sb, 0, sizeof(*sb));
	/* The lines derived with the authority line (publication.h): they cannot disagree. */
	sb->lines = (char **)D->di->signature;
	sb->nlines = D->di->nsignature;
	sb->recip = xcalloc(p->nrecipients + 1, sizeof(char *));
	rs.indent_left = dash;
	rs.indent_first = -dash;
	for (size_t i = 0; i < p->nrecipients; i++) {
		char *t = decision_punctuate(p->recipients[i], i + 1 < p->nrecipients ? ";" : ".");
		struct strbuf b = STRBUF_INIT;
		int64_t h = 0;
		struct ts_run run = { PDF_REGULAR, NULL };

		strbuf_addf(&b, "- %s", t);
		sb->recip[sb->nrecip++] = strbuf_detach(&b);
		run.text = sb->recip[sb->nrecip - 1];
		ts_para_measure(D->f.fl, &rs, &run, 1, D->left_w - PDF_MM(2), &h, NULL, D->pub_origin);
		left_h += h;
		free(t);
	}
	right_h = (int64_t)sb->nlines * lead(SZ_SIGNER) + SIGN_SPACE + lead(SZ_SIGNER);
	sb->h = (left_h > right_h ? left_h : right_h) + descent(SZ_SIGNER);
}

static void sig_draw(struct dec *D, struct sigblock *sb, int64_t top)
{
	const struct signer *s = &D->y->pub.signer;
	struct ts_style rs = { .font = PDF_REGULAR, .size = SZ_RECIPIENT, .align = LAY_LEFT };
	int64_t dash = pdfdoc_text_width(PDF_REGULAR, SZ_RECIPIENT, "- ", 2);
	int64_t rx = D->x0 + D->left_w + (D->x1 - D->x0 - D->left_w) / 2;
	int64_t b0 = baseline(top, SZ_SIGNER), y;

	/* "Nơi nhận:" on the baseline of the signer's first line. */
	pdfdoc_text(D->f.doc, PDF_BOLD_ITALIC, SZ_NOI_NHAN, D->x0, b0, "Nơi nhận:", "Nơi nhận");
	rs.indent_left = dash;
	rs.indent_first = -dash;
	y = b0 - descent(SZ_NOI_NHAN) - PDF_PT(1);
	for (size_t i = 0; i < sb->nrecip; i++) {
		struct ts_run run = { PDF_REGULAR, sb->recip[i] };
		int64_t h = 0;

		ts_para_at(D->f.fl, &rs, &run, 1, D->x0, D->left_w - PDF_MM(2), y, &h, D->pub_origin);
		y -= h;
	}
	for (size_t i = 0; i < sb->nlines; i++)
		draw_centered(D, PDF_BOLD, SZ_SIGNER, sb->lines[i], rx, top - (int64_t)i * lead(SZ_SIGNER),
			      D->pub_origin);
	draw_centered(D, PDF_BOLD, SZ_SIGNER, s->name ? s->name : "", rx,
		      top - (int64_t)sb->nlines * lead(SZ_SIGNER) - SIGN_SPACE, D->pub_origin);
}

static void sig_release(struct sigblock *sb)
{
	for (size_t i = 0; i < sb->nrecip; i++)
		free(sb->recip[i]);
	free(sb->recip);
}

/*
 * The runs of an article's paragraph: "Điều N." bold, the rest regular (a
 * paragraph without a label is one regular run). *label is the label's copy
 * to free. Returns the number of runs.
 */
static size_t article_runs(const char *text, struct ts_run runs[2], char **label)
{
	size_t lab = article_label(text);

	*label = NULL;
	if (!lab) {
		runs[0].font = PDF_REGULAR;
		runs[0].text = text;
		return 1;
	}
	*label = xstrndup(text, lab);
	runs[0].font = PDF_BOLD;
	runs[0].text = *label;
	runs[1].font = PDF_REGULAR;
	runs[1].text = text + lab;
	return 2;
}

/* "./." at the end of the last paragraph, not doubled (pipeline/DOCUMENTS.md, "Articles (`articles()`)"). */
static char *end_mark(const char *text)
{
	size_t n = strlen(text);
	struct strbuf b = STRBUF_INIT;

	if (n >= 3 && !strcmp(text + n - 3, "./."))
		strbuf_addstr(&b, text);
	else if (n && text[n - 1] == '.')
		strbuf_addf(&b, "%s/.", text);
	else
		strbuf_addf(&b, "%s./.", text);
	return strbuf_detach(&b);
}

/* The articles, then the recipients and the signature, kept with the last paragraph. */
static void articles(struct dec *D, const struct tpl_output *out, const char *tpath)
{
	struct ts_style st = TS_STYLE_BODY;
	struct sigblock sb;
	struct strbuf origin = STRBUF_INIT;
	int64_t top;

	st.size = SZ_BODY;
	sig_prepare(D, &sb);
	for (size_t i = 0; i < out->n; i++) {
		int last = i + 1 == out->n;
		char *text = last ? end_mark(out->v[i].text) : xstrdup(out->v[i].text), *label;
		struct ts_run runs[2];
		size_t nr = article_runs(text, runs, &label);

		strbuf_reset(&origin);
		strbuf_addf(&origin, "%s:%d", tpath, out->v[i].line);
		if (last) {
			/*
			 * The signature never stands alone: the last paragraph goes to the
			 * next page with it unless both fit here (a paragraph taller than a
			 * page less the block flows on, and the block follows it;
			 * pipeline/DOCUMENTS.md, "Recipients and signature (`sig_prepare()`, `sig_draw()`)").
			 */
			int64_t h = 0, need;

			ts_para_measure(D->f.fl, &st, runs, nr, D->x1 - D->x0, &h, NULL, origin.buf);
			need = h + st.space_after + PDF_PT(6) + sb.h;
			if (need <= D->top - D->bottom)
				ts_need(D->f.fl, need);
		}
		ts_para(D->f.fl, &st, runs, nr, origin.buf);
		free(label);
		free(text);
	}
	ts_space(D->f.fl, PDF_PT(6));
	ts_reserve(D->f.fl, sb.h, &top);
	frame(D);
	sig_draw(D, &sb, top);
	sig_release(&sb);
	strbuf_release(&origin);
}

/* ---- The annexes ------------------------------------------------------------------ */

/* "LV1" for a numeric field code, the code itself otherwise. */
static char *field_short(const struct field *f)
{
	struct strbuf sb = STRBUF_INIT;
	int digits = *f->code != '\0';

	for (const char *p = f->code; *p; p++)
		if (*p < '0' || *p > '9')
			digits = 0;
	if (digits)
		strbuf_addf(&sb, "LV%s", f->code);
	else
		strbuf_addstr(&sb, f->code);
	return strbuf_detach(&sb);
}

static char *reference_line(const struct dec *D)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '(');
	frame_add_decision_ref(&sb, &D->y->pub);
	strbuf_addch(&sb, ')');
	return strbuf_detach(&sb);
}

/* Width of the widest '\n'-line of any of the strings, padded. */
static int64_t fit_width(enum pdf_font f, const char *s, int64_t cur)
{
	int64_t w = widest(f, SZ_TABLE, s) + 2 * PDF_MM(1.5) + PDF_PT(1);

	return w > cur ? w : cur;
}

enum { C_STT, C_NAME, C_FIELDS };

struct annex_cols {
	size_t nf;           /* fields */
	int bonus, penalty, change;
	size_t ncols;
	size_t c_bonus, c_penalty, c_total, c_index, c_rank, c_grade, c_dindex, c_drank;
};

static void annex_cols_init(const struct dec *D, struct annex_cols *ac)
{
	size_t k;

	memset(ac, 0, sizeof(*ac));
	ac->nf = D->y->index.nfields;
	ac->bonus = D->y->index.has_bonuses;
	ac->penalty = D->y->index.has_penalties;
	ac->change = D->y->has_previous;
	k = C_FIELDS + ac->nf;
	ac->c_bonus = ac->bonus ? k++ : (size_t)-1;
	ac->c_penalty = ac->penalty ? k++ : (size_t)-1;
	ac->c_total = k++;
	ac->c_index = k++;
	ac->c_rank = k++;
	ac->c_grade = k++;
	ac->c_dindex = ac->change ? k++ : (size_t)-1;
	ac->c_drank = ac->change ? k++ : (size_t)-1;
	ac->ncols = k;
}

/* The cells of one unit's row, in column order (each malloc'd). */
static void unit_cells(const struct dec *D, const struct annex_cols *ac, size_t u, size_t stt,
		       char **cells)
{
	const struct unit_result *ur = &D->r->units[u];
	const struct index *ix = &D->y->index;

	cells[C_STT] = vnfmt_int((int64_t)stt);
	cells[C_NAME] = xstrdup(D->y->registry.units[u].name);
	for (size_t f = 0; f < ac->nf; f++)
		cells[C_FIELDS + f] = !ur->scored || !ur->field_max[f] ? xstrdup("-")
				      : vnfmt_hundredths(ur->field_points[f]);
	if (ac->bonus)
		cells[ac->c_bonus] = ur->scored ? vnfmt_hundredths(ur->bonus) : xstrdup("-");
	if (ac->penalty)
		cells[ac->c_penalty] = ur->scored ? vnfmt_hundredths(ur->penalty) : xstrdup("-");
	cells[ac->c_total] = ur->scored ? vnfmt_hundredths(ur->total) : xstrdup("-");
	cells[ac->c_index] = ur->scored ? vnfmt_hundredths(ur->index) : xstrdup("-");
	cells[ac->c_rank] = ur->rank ? vnfmt_int(ur->rank) : xstrdup("-");
	cells[ac->c_grade] = xstrdup(ur->scored && ur->grade >= 0 ? ix->grades[ur->grade].label : "-");
	if (ac->change) {
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

		if (ur->scored && ur->has_prev) {
			vnfmt_add_hundredths_signed(&a, ur->index_change);
			vnfmt_add_int_signed(&b, ur->rank_change);
		}
		cells[ac->c_dindex] = strbuf_detach(&a);
		cells[ac->c_drank] = strbuf_detach(&b);
	}
}

/* The group-average row's cells (columns STT and name merged: cells[C_STT] is the label). */
static void average_cells(const struct dec *D, const struct annex_cols *ac, size_t g, char **cells)
{
	const struct group_result *gr = &D->r->groups[g];

	cells[C_STT] = xstrdup("Bình quân");
	cells[C_NAME] = NULL;
	for (size_t f = 0; f < ac->nf; f++)
		cells[C_FIELDS + f] = gr->field_n[f] ? vnfmt_hundredths(gr->avg_field_points[f]) : xstrdup("-");
	if (ac->bonus)
		cells[ac->c_bonus] = vnfmt_hundredths(gr->avg_bonus);
	if (ac->penalty)
		cells[ac->c_penalty] = vnfmt_hundredths(gr->avg_penalty);
	cells[ac->c_total] = vnfmt_hundredths(gr->avg_total);
	cells[ac->c_index] = vnfmt_hundredths(gr->avg_index);
	cells[ac->c_rank] = xstrdup("");
	cells[ac->c_grade] = xstrdup("");
	if (ac->change) {
		cells[ac->c_dindex] = xstrdup("");
		cells[ac->c_drank] = xstrdup("");
	}
}

/* The annex's note (what the columns mean, ending "./.") and its style, under a table of width table_w. */
static void annex_note(const struct dec *D, const struct annex_cols *ac, char ***rows, size_t n,
		       char **fshort, int64_t table_w, struct strbuf *sb, struct ts_style *st)
{
	const struct index *ix = &D->y->index;
	struct ts_style s0 = { .font = PDF_ITALIC, .size = SZ_NOTE, .align = LAY_JUSTIFY };
	int dash = 0;

	*st = s0;
	/* Under the table, as wide as it. */
	if (table_w) {
		st->indent_left = (D->x1 - D->x0 - table_w) / 2;
		st->indent_right = st->indent_left;
	}
	for (size_t i = 0; i < n && !dash; i++)
		for (size_t f = 0; f < ac->nf; f++)
			if (!strcmp(rows[i][C_FIELDS + f], "-"))
				dash = 1;
	strbuf_addstr(sb, "Ghi chú: ");
	for (size_t f = 0; f < ac->nf; f++)
		strbuf_addf(sb, "%s: %s%s", fshort[f], ix->fields[f].name, f + 1 < ac->nf ? "; " : ". ");
	strbuf_addstr(sb, "Chỉ số (%) = Tổng điểm / Tổng điểm tối đa của các tiêu chí áp dụng "
		      "đối với đơn vị × 100.");
	if (dash)
		strbuf_addstr(sb, " Dấu \"-\": lĩnh vực không có tiêu chí áp dụng đối với đơn vị.");
	if (ac->change)
		strbuf_addf(sb, " So với năm %d: chênh lệch Chỉ số (%%) và thứ hạng; dấu \"+\" là "
			    "tăng, dấu \"-\" là giảm; để trống khi đơn vị không có kết quả năm %d.",
			    ix->year - 1, ix->year - 1);
	sb->len--;
	sb->buf[sb->len] = '\0';
	strbuf_addstr(sb, "./.");
}

static void annex_table(struct dec *D, size_t g, const char *roman)
{
	const struct group_result *gr = &D->r->groups[g];
	const struct index *ix = &D->y->index;
	struct annex_cols ac;
	size_t nrows = gr->n + 1;
	char ***rows, **fshort;
	int64_t *w;
	struct ts_col *cols;
	struct ts_table_style ts;
	struct ts_table *t;
	struct strbuf cont = STRBUF_INIT, origin = STRBUF_INIT, prevhead = STRBUF_INIT;
	int64_t table_w;
	const char *heads[8];
	struct strbuf note = STRBUF_INIT;
	struct ts_style nst;

	annex_cols_init(D, &ac);
	rows = xcalloc(nrows, sizeof(*rows));
	for (size_t i = 0; i < nrows; i++)
		rows[i] = xcalloc(ac.ncols, sizeof(char *));
	for (size_t i = 0; i < gr->n; i++)
		unit_cells(D, &ac, D->r->order[gr->first + i], i + 1, rows[i]);
	average_cells(D, &ac, g, rows[gr->n]);
	fshort = xcalloc(ac.nf ? ac.nf : 1, sizeof(*fshort));
	for (size_t f = 0; f < ac.nf; f++)
		fshort[f] = field_short(&ix->fields[f]);

	/* Column widths: every column but the name fits its widest cell; the name takes the rest. */
	w = xcalloc(ac.ncols, sizeof(*w));
	w[C_STT] = fit_width(PDF_BOLD, "STT", 0);
	for (size_t f = 0; f < ac.nf; f++)
		w[C_FIELDS + f] = fit_width(PDF_BOLD, fshort[f], 0);
	heads[0] = "Điểm\ncộng";
	heads[1] = "Điểm\ntrừ";
	heads[2] = "Tổng\nđiểm";
	heads[3] = "Chỉ số\n(%)";
	heads[4] = "Xếp\nhạng";
	heads[5] = "Xếp\nloại";
	heads[6] = "± Chỉ số";
	heads[7] = "± Hạng";
	if (ac.bonus)
		w[ac.c_bonus] = fit_width(PDF_BOLD, heads[0], 0);
	if (ac.penalty)
		w[ac.c_penalty] = fit_width(PDF_BOLD, heads[1], 0);
	w[ac.c_total] = fit_width(PDF_BOLD, heads[2], 0);
	w[ac.c_index] = fit_width(PDF_BOLD, heads[3], 0);
	w[ac.c_rank] = fit_width(PDF_BOLD, heads[4], 0);
	w[ac.c_grade] = fit_width(PDF_BOLD, heads[5], 0);
	if (ac.change) {
		w[ac.c_dindex] = fit_width(PDF_BOLD, heads[6], 0);
		w[ac.c_drank] = fit_width(PDF_BOLD, heads[7], 0);
	}
	for (size_t i = 0; i < nrows; i++)
		for (size_t k = C_FIELDS; k < ac.ncols; k++)
			w[k] = fit_width(i == gr->n ? PDF_BOLD : PDF_REGULAR, rows[i][k], w[k]);
	for (size_t i = 0; i < gr->n; i++)
		w[C_STT] = fit_width(PDF_REGULAR, rows[i][C_STT], w[C_STT]);
	/* "So với năm N" fits on one line over its two columns. */
	if (ac.change) {
		int64_t need, have;

		strbuf_addf(&prevhead, "So với năm %d", ix->year - 1);
		need = fit_width(PDF_BOLD, prevhead.buf, 0);
		have = w[ac.c_dindex] + w[ac.c_drank];
		if (need > have) {
			w[ac.c_dindex] += (need - have + 1) / 2;
			w[ac.c_drank] += (need - have + 1) / 2;
		}
	}
	/* The fields share one width, the widest of them, for an even block. */
	{
		int64_t m = 0;

		for (size_t f = 0; f < ac.nf; f++)
			if (w[C_FIELDS + f] > m)
				m = w[C_FIELDS + f];
		/* ... and "Điểm các lĩnh vực" stays on one line over them. */
		if (ac.nf && m * (int64_t)ac.nf < fit_width(PDF_BOLD, "Điểm các lĩnh vực", 0))
			m = (fit_width(PDF_BOLD, "Điểm các lĩnh vực", 0) + (int64_t)ac.nf - 1) / (int64_t)ac.nf;
		for (size_t f = 0; f < ac.nf; f++)
			w[C_FIELDS + f] = m;
	}
	/*
	 * The name takes what is left, up to what its longest name needs (never
	 * less than 45 mm): a table of few columns is narrower and centred.
	 */
	{
		int64_t fixed = 0, name = fit_width(PDF_BOLD, "Tên đơn vị", 0), avail = D->x1 - D->x0;

		for (size_t k = 0; k < ac.ncols; k++)
			if (k != C_NAME)
				fixed += w[k];
		for (size_t i = 0; i < gr->n; i++)
			name = fit_width(PDF_REGULAR, rows[i][C_NAME], name);
		if (name < PDF_MM(45))
			name = PDF_MM(45);
		table_w = fixed + name < avail ? fixed + name : 0;
	}
	cols = xcalloc(ac.ncols, sizeof(*cols));
	for (size_t k = 0; k < ac.ncols; k++) {
		cols[k].kind = LAY_COL_FIXED;
		cols[k].value = w[k];
		cols[k].align = LAY_RIGHT;
	}
	cols[C_STT].align = LAY_CENTER;
	cols[C_NAME].kind = LAY_COL_PROP;
	cols[C_NAME].value = 1;
	cols[C_NAME].align = LAY_LEFT;
	cols[ac.c_rank].align = LAY_CENTER;
	cols[ac.c_grade].align = LAY_CENTER;

	annex_note(D, &ac, rows, gr->n, fshort, table_w, &note, &nst);
	ts_table_style_default(&ts);
	ts.size = SZ_TABLE;
	strbuf_addf(&cont, "Phụ lục %s (tiếp theo)", roman);
	ts.continued = cont.buf;
	ts.space_after = PDF_PT(6);
	ts.width = table_w;
	/* The note goes with the last row: never alone on a page (pipeline/DOCUMENTS.md,
	 * "Annexes (`annex()`, `annex_table()`, `annex_note()`)"). */
	{
		struct ts_run run = { nst.font, note.buf };
		int64_t nh = 0;

		ts_para_measure(D->f.fl, &nst, &run, 1, D->x1 - D->x0, &nh, NULL, "note");
		ts.keep_after = nh;
	}
	t = ts_table_new(cols, ac.ncols, &ts);

	/*
	 * Two header rows: the fields under one heading, last year's changes under another
	 * (pipeline/DOCUMENTS.md, "Annexes (`annex()`, `annex_table()`, `annex_note()`)").
	 */
	ts_table_head_row(t);
	ts_table_cell(t, "STT");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Tên đơn vị");
	ts_table_span(t, 1, 2);
	if (ac.nf) {
		ts_table_cell(t, "Điểm các lĩnh vực");
		ts_table_span(t, (int)ac.nf, 1);
	}
	if (ac.bonus) {
		ts_table_cell(t, heads[0]);
		ts_table_span(t, 1, 2);
	}
	if (ac.penalty) {
		ts_table_cell(t, heads[1]);
		ts_table_span(t, 1, 2);
	}
	for (int k = 2; k < 6; k++) {
		ts_table_cell(t, heads[k]);
		ts_table_span(t, 1, 2);
	}
	if (ac.change) {
		ts_table_cell(t, prevhead.buf);
		ts_table_span(t, 2, 1);
	}
	ts_table_head_row(t);
	for (size_t f = 0; f < ac.nf; f++)
		ts_table_cell(t, fshort[f]);
	if (ac.change) {
		ts_table_cell(t, heads[6]);
		ts_table_cell(t, heads[7]);
	}
	for (size_t i = 0; i < gr->n; i++) {
		const struct unit *un = &D->y->registry.units[D->r->order[gr->first + i]];

		ts_table_row(t);
		for (size_t k = 0; k < ac.ncols; k++) {
			ts_table_cell(t, rows[i][k]);
			if (k == C_NAME) {
				strbuf_reset(&origin);
				strbuf_addf(&origin, "%s:%d: unit name", D->y->registry.path, un->line);
				ts_table_origin(t, origin.buf);
			}
		}
	}
	ts_table_row(t);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, rows[gr->n][C_STT]);
	ts_table_span(t, 2, 1);
	ts_table_align(t, LAY_CENTER);
	for (size_t k = C_FIELDS; k < ac.ncols; k++)
		ts_table_cell(t, rows[gr->n][k]);
	strbuf_reset(&origin);
	strbuf_addf(&origin, "Phụ lục %s", roman);
	ts_table_draw(D->f.fl, t, origin.buf);
	ts_table_free(t);

	/* The note: what the columns mean; the annex ends "./." (pipeline/DOCUMENTS.md,
	 * "Annexes (`annex()`, `annex_table()`, `annex_note()`)"). */
	ts_text(D->f.fl, &nst, note.buf, "note");
	strbuf_release(&note);

	for (size_t i = 0; i < nrows; i++) {
		for (size_t k = 0; k < ac.ncols; k++)
			free(rows[i][k]);
		free(rows[i]);
	}
	free(rows);
	for (size_t f = 0; f < ac.nf; f++)
		free(fshort[f]);
	free(fshort);
	free(w);
	free(cols);
	strbuf_release(&cont);
	strbuf_release(&origin);
	strbuf_release(&prevhead);
}

static void annex(struct dec *D, size_t g)
{
	const struct group *gp = &D->y->index.groups[g];
	char *roman = vnfmt_roman((int)g + 1), *upper = vnfmt_upper(gp->name), *ref;
	struct strbuf sb = STRBUF_INIT, origin = STRBUF_INIT;
	int64_t top;

	strbuf_addf(&origin, "%s:%d: group name", D->y->index.path, gp->line);
	strbuf_addf(&sb, "Phụ lục %s: %s", roman ? roman : "?", gp->name);
	pdfdoc_section(D->f.doc, sb.buf, PDF_LANDSCAPE, 0);
	frame(D);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Phụ lục %s", roman ? roman : "?");
	centered_block(D, PDF_BOLD, SZ_ANNEX_HEAD, sb.buf, D->x1 - D->x0, NULL, NULL, "annex");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d CỦA %s", D->y->index.year,
		    upper ? upper : gp->name);
	centered_block(D, PDF_BOLD, SZ_ANNEX, sb.buf, D->x1 - D->x0 - PDF_MM(30), NULL, NULL,
		       origin.buf);
	ref = reference_line(D);
	centered_block(D, PDF_ITALIC, SZ_ANNEX, ref, D->x1 - D->x0 - PDF_MM(10), NULL, NULL,
		       D->pub_origin);
	ts_reserve(D->f.fl, PDF_PT(16), &top);
	hrule(D, (D->x0 + D->x1) / 2, top - PDF_PT(5), PDF_MM(40));
	annex_table(D, g, roman ? roman : "?");
	free(ref);
	free(roman);
	free(upper);
	strbuf_release(&sb);
	strbuf_release(&origin);
}

/* ---- The model of the template ------------------------------------------------------ */

static void grade_counts(const struct dec *D, struct tpl_scope *s, const size_t *units, size_t n)
{
	const struct index *ix = &D->y->index;
	struct tpl_scope *proto = tpl_list_declare(s, "xep_loai");

	tpl_set(proto, "ten", "");
	tpl_set(proto, "so", "");
	for (size_t k = 0; k < ix->ngrades; k++) {
		size_t cnt = 0;

		for (size_t i = 0; i < n; i++) {
			const struct unit_result *ur = &D->r->units[units[i]];

			cnt += ur->scored && ur->grade == (int)k;
		}
		if (cnt) {
			struct tpl_scope *e = tpl_list_add(s, "xep_loai");

			tpl_set(e, "ten", ix->grades[k].label);
			tpl_setf(e, "so", "%zu", cnt);
		}
	}
}

static void group_values(struct tpl_scope *e, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		tpl_set(e, names[i], "");
}

static struct tpl_scope *build_model(const struct dec *D)
{
	static const char *const group_names[] = {
		"ma", "ten", "ten_thuong", "ten_hoa", "so_don_vi", "phu_luc", "la_ma", "binh_quan",
		"cao_nhat", "thap_nhat", "dan_dau", NULL,
	};
	const struct year *y = D->y;
	const struct index *ix = &y->index;
	const struct publication *p = &y->pub;
	struct tpl_scope *m = tpl_scope_new(), *proto;
	struct strbuf sb = STRBUF_INIT;
	char *s;

	tpl_setf(m, "nam", "%d", ix->year);
	tpl_setf(m, "nam_truoc", "%d", ix->year - 1);
	tpl_setf(m, "nam_sau", "%d", ix->year + 1);
	tpl_set(m, "ten_bo_chi_so", ix->title);
	s = vnfmt_int((int64_t)y->registry.nunits);
	tpl_set(m, "so_don_vi", s);
	free(s);
	tpl_setf(m, "so_nhom", "%zu", ix->ngroups);
	for (size_t g = 0; g < ix->ngroups; g++) {
		if (g)
			strbuf_addstr(&sb, ", ");
		strbuf_addstr(&sb, "Phụ lục ");
		vnfmt_add_roman(&sb, (int)g + 1);
	}
	tpl_set(m, "phu_luc", sb.buf);
	strbuf_reset(&sb);
	tpl_set(m, "co_quan", p->authority);
	tpl_set(m, "ten_co_quan", D->di->authority_name);
	tpl_set(m, "so_ky_hieu", D->di->number);
	tpl_set(m, "ngay_ky", D->di->date);
	tpl_set(m, "dia_danh", p->place ? p->place : "");
	tpl_set(m, "trich_yeu", p->title ? p->title : "");
	tpl_set(m, "nguoi_quyet_dinh", D->di->authority_line);
	tpl_set(m, "ten_nguoi_quyet_dinh", D->di->issuer);
	/* The optional particulars: a value, and a list of one element or none to test them by. */
	tpl_set(m, "theo_doi", p->coordinator ? p->coordinator : "");
	tpl_list_declare(m, "neu_theo_doi");
	if (p->coordinator)
		tpl_list_add(m, "neu_theo_doi");
	tpl_set(m, "thi_hanh", p->executors ? p->executors : "");
	tpl_list_declare(m, "neu_thi_hanh");
	if (p->executors)
		tpl_list_add(m, "neu_thi_hanh");

	/* Groups, with their grade counts. */
	proto = tpl_list_declare(m, "nhom");
	group_values(proto, group_names);
	tpl_set(tpl_list_declare(proto, "xep_loai"), "ten", "");
	tpl_set(tpl_list_declare(proto, "xep_loai"), "so", "");
	for (size_t g = 0; g < ix->ngroups; g++) {
		const struct group_result *gr = &D->r->groups[g];
		struct tpl_scope *e = tpl_list_add(m, "nhom");
		const size_t *units = D->r->order + gr->first;

		tpl_set(e, "ma", ix->groups[g].code);
		tpl_set(e, "ten", ix->groups[g].name);
		s = vnfmt_map_first(ix->groups[g].name, vnfmt_lower);
		tpl_set(e, "ten_thuong", s);
		free(s);
		s = vnfmt_upper(ix->groups[g].name);
		tpl_set(e, "ten_hoa", s ? s : ix->groups[g].name);
		free(s);
		s = vnfmt_int((int64_t)gr->n);
		tpl_set(e, "so_don_vi", s);
		free(s);
		s = vnfmt_roman((int)g + 1);
		tpl_set(e, "la_ma", s ? s : "");
		tpl_setf(e, "phu_luc", "Phụ lục %s", s ? s : "");
		free(s);
		s = vnfmt_hundredths(gr->avg_index);
		tpl_set(e, "binh_quan", s);
		free(s);
		s = vnfmt_hundredths(gr->best_index);
		tpl_set(e, "cao_nhat", s);
		free(s);
		s = gr->nscored ? vnfmt_hundredths(D->r->units[units[gr->nscored - 1]].index) : xstrdup("");
		tpl_set(e, "thap_nhat", s);
		free(s);
		strbuf_reset(&sb);
		for (size_t i = 0; i < gr->nscored; i++) {
			if (D->r->units[units[i]].rank != 1)
				break;
			if (sb.len)
				strbuf_addstr(&sb, ", ");
			strbuf_addstr(&sb, y->registry.units[units[i]].name);
		}
		tpl_set(e, "dan_dau", sb.buf);
		grade_counts(D, e, units, gr->n);
	}
	/* Every unit's grades. */
	grade_counts(D, m, D->r->order, D->r->nunits);
	/* Fields. */
	proto = tpl_list_declare(m, "linh_vuc");
	tpl_set(proto, "ma", "");
	tpl_set(proto, "ky_hieu", "");
	tpl_set(proto, "ten", "");
	for (size_t f = 0; f < ix->nfields; f++) {
		struct tpl_scope *e = tpl_list_add(m, "linh_vuc");

		tpl_set(e, "ma", ix->fields[f].code);
		s = field_short(&ix->fields[f]);
		tpl_set(e, "ky_hieu", s);
		free(s);
		tpl_set(e, "ten", ix->fields[f].name);
	}
	strbuf_release(&sb);
	return m;
}

/* ---- The document -------------------------------------------------------------------- */

char *decision_template_path(const char *templates_dir, const char *year_dir)
{
	char *own = NULL;

	if (year_dir) {
		char *dir = path_join(year_dir, "templates");

		own = path_join(dir, DECISION_TEMPLATE);
		free(dir);
		if (file_exists(own))
			return own;
		free(own);
	}
	return path_join(templates_dir ? templates_dir : "templates", DECISION_TEMPLATE);
}

/* A failure while drawing is the data's (a character, a row); libharu's own is I/O. */
int decision_render(const struct render_ctx *c, const char *path)
{
	const struct year *y = c->y;
	const struct publication *p = &y->pub;
	struct dec D;
	struct diag dg;
	struct strbuf src = STRBUF_INIT, sb = STRBUF_INIT, kw = STRBUF_INIT;
	struct tpl *t = NULL;
	struct tpl_output out = { NULL, 0, 0 };
	struct tpl_scope *m = NULL;
	char *tpath = decision_template_path(c->templates_dir, y->dir);
	char *title = NULL;
	int ret = RENDER_IO, articles_found = 0;

	memset(&D, 0, sizeof(D));
	diag_init(&dg);
	D.c = c;
	D.y = y;
	D.r = c->r;
	D.pub_origin = xstrdup(p->path ? p->path : "publication.xml");
	D.di = &p->d;
	if (!D.di->authority_line) {
		/* publication_load() derives it from any authority; none means the year did not load. */
		fprintf(stderr, _("%s: error: the decision's particulars were not read\n"), D.pub_origin);
		ret = RENDER_DATA;
		goto out;
	}
	D.words = vnwords_new();
	if (p->place)
		vnwords_add(D.words, p->place);

	/* The articles first: a template problem stops everything before any drawing. */
	if (file_read(tpath, &src, &dg) < 0) {
		diag_print(&dg, stderr, 1);
		ret = RENDER_IO;
		goto out;
	}
	t = tpl_parse(tpath, src.buf, src.len, &dg);
	m = build_model(&D);
	if (!t || tpl_fill(t, m, &out, &dg) < 0) {
		diag_print(&dg, stderr, 1);
		ret = RENDER_DATA;
		goto out;
	}
	for (size_t i = 0; i < out.n; i++)
		articles_found += article_label(out.v[i].text) != 0;
	if (!articles_found) {
		diag_error(&dg, tpath, 0, "the template has no article: an article is a line starting "
			   "'Điều 1.', 'Điều 2.' ...");
		diag_print(&dg, stderr, 1);
		ret = RENDER_DATA;
		goto out;
	}

	strbuf_addf(&sb, "Quyết định công bố Chỉ số cải cách hành chính năm %d", y->index.year);
	title = strbuf_detach(&sb);
	strbuf_addf(&kw, "Chỉ số cải cách hành chính; CCHC; PAR Index; %d; quyết định; %s",
		    y->index.year, D.di->authority_name);
	for (size_t g = 0; g < y->index.ngroups; g++)
		strbuf_addf(&kw, "; %s", y->index.groups[g].name);
	frame_open(&D.f, c, &(struct pdfdoc_meta){ .title = title, .author = D.di->authority_name,
						    .subject = p->title, .keywords = kw.buf });

	pdfdoc_section(D.f.doc, "Quyết định", PDF_PORTRAIT, 0);
	frame(&D);
	heading(&D);
	title_block(&D);
	bases_block(&D);
	articles(&D, &out, tpath);
	for (size_t g = 0; g < y->index.ngroups; g++)
		annex(&D, g);

	ret = frame_save(&D.f, path); /* on a failure: reports it, writes nothing */
out:
	frame_release(&D.f);
	tpl_output_release(&out);
	tpl_scope_free(m);
	tpl_free(t);
	strbuf_release(&src);
	strbuf_release(&sb);
	strbuf_release(&kw);
	diag_release(&dg);
	free(tpath);
	free(title);
	free(D.pub_origin);
	vnwords_free(D.words);
	return ret;
}
