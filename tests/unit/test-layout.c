/*
 * Unit tests of layout: line breaking, justification, widows and orphans,
 * column widths and table pagination, on exact made-up widths: style 0 sets
 * every character 10 wide and a space 4, style 1 (bold) 12 and 5.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset/layout.h"
#include "typeset/vnwords.h"
#include "testhelp.h"

static int64_t width(void *ctx, int style, const char *s, size_t len)
{
	int64_t w = 0;
	size_t i;

	(void)ctx;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) == 0x80)
			continue; /* continuation byte: one character per UTF-8 sequence */
		if (c == ' ')
			w += style ? 5 : 4;
		else
			w += style ? 12 : 10;
	}
	return w;
}

static struct lay_para para = LAY_PARA_INIT;

static void lay1(const char *text, int64_t w, enum lay_align align, int64_t indent)
{
	struct lay_params p = { w, indent, align, width, NULL };
	struct lay_run r = { 0, text, strlen(text) };

	lay_break(&p, &r, 1, &para);
}

/* The text of line i, fragments joined by '|' and '_' when a gap precedes them. */
static const char *line_text(const struct lay_run *runs, size_t i)
{
	static char buf[256];
	const struct lay_line *ln = &para.lines[i];
	size_t k, n = 0;

	for (k = ln->first; k < ln->first + ln->n; k++) {
		const struct lay_frag *fr = &para.frags[k];

		if (k > ln->first)
			buf[n++] = fr->space_before ? '_' : '|';
		memcpy(buf + n, runs[fr->run].text + fr->off, fr->len);
		n += fr->len;
	}
	buf[n] = 0;
	return buf;
}

static const char *line1(const char *text, size_t i)
{
	struct lay_run r = { 0, text, strlen(text) };

	return line_text(&r, i);
}

static void test_breaking(void)
{
	const char *t = "aaa bbb ccc";

	lay1(t, 70, LAY_LEFT, 0);
	TEST_INT("two lines", para.nlines, 2);
	TEST_STR("line 1", line1(t, 0), "aaa_bbb");
	TEST_STR("line 2", line1(t, 1), "ccc");
	TEST_INT("line 1 width", para.lines[0].width, 64);
	TEST_INT("bbb at 34", para.frags[1].x, 34);
	TEST_INT("ccc at 0", para.frags[2].x, 0);
	TEST("last flag", para.lines[1].flags & LAY_LINE_LAST);

	lay1(t, 64, LAY_LEFT, 0);
	TEST_STR("exact fit keeps two words", line1(t, 0), "aaa_bbb");
	lay1(t, 63, LAY_LEFT, 0);
	TEST_STR("one unit short breaks", line1(t, 0), "aaa");
	TEST_INT("three lines", para.nlines, 3);

	lay1(t, 70, LAY_JUSTIFY, 0);
	TEST_INT("justified: bbb ends at the edge", para.frags[1].x + para.frags[1].w, 70);
	TEST("justified line stretched", para.lines[0].flags & LAY_LINE_STRETCH);
	TEST_INT("last line not stretched", para.frags[2].x, 0);
	TEST("last line flag only", !(para.lines[1].flags & LAY_LINE_STRETCH));

	/* Three gaps share 7 units as 2, 2, 3. */
	lay1("a b c d e", 59, LAY_JUSTIFY, 0);
	TEST_STR("four words", line1("a b c d e", 0), "a_b_c_d");
	TEST_INT("b at 16", para.frags[1].x, 16);
	TEST_INT("c at 32", para.frags[2].x, 32);
	TEST_INT("d at 49 (ends at 59)", para.frags[3].x, 49);

	lay1("aaa", 70, LAY_CENTER, 0);
	TEST_INT("centred at 20", para.frags[0].x, 20);
	lay1("aaa", 70, LAY_RIGHT, 0);
	TEST_INT("right at 40", para.frags[0].x, 40);
	lay1("aaa", 71, LAY_CENTER, 0);
	TEST_INT("centred rounds down", para.frags[0].x, 20);

	lay1("aaa bbb ccc", 70, LAY_LEFT, 20);
	TEST_STR("indented first line holds one word", line1("aaa bbb ccc", 0), "aaa");
	TEST_INT("first line starts at the indent", para.frags[0].x, 20);
	TEST_STR("second line full width", line1("aaa bbb ccc", 1), "bbb_ccc");
	TEST_INT("second line starts at 0", para.frags[1].x, 0);

	lay1("aaa bbb ccc", 50, LAY_LEFT, -20);
	TEST_STR("hanging first line wider", line1("aaa bbb ccc", 0), "aaa_bbb");
	TEST_INT("hanging first line starts left", para.frags[0].x, -20);

	lay1("aaa bbb ccc ddd", 80, LAY_JUSTIFY, 10);
	TEST_INT("justified indented first line ends at the edge",
		 para.frags[1].x + para.frags[1].w, 80);
	TEST_INT("justified indented first line starts at the indent", para.frags[0].x, 10);

	lay1("  aaa    bbb  ", 100, LAY_LEFT, 0);
	TEST_STR("spaces collapse and vanish at the ends", line1("  aaa    bbb  ", 0), "aaa_bbb");
	TEST_INT("first word at 0", para.frags[0].x, 0);
	TEST_INT("natural width", para.lines[0].width, 64);

	lay1("a\tb", 100, LAY_LEFT, 0);
	TEST_STR("tab is a gap", line1("a\tb", 0), "a_b");

	lay1("", 100, LAY_JUSTIFY, 0);
	TEST_INT("empty paragraph: one line", para.nlines, 1);
	TEST_INT("empty paragraph: no fragments", para.lines[0].n, 0);
	lay1("   ", 100, LAY_LEFT, 0);
	TEST_INT("blank paragraph: one line", para.nlines, 1);

	lay1("aaa bbb\nccc", 200, LAY_JUSTIFY, 0);
	TEST_INT("newline: two lines", para.nlines, 2);
	TEST("newline: forced", para.lines[0].flags & LAY_LINE_FORCED);
	TEST_INT("forced line not justified", para.frags[1].x, 34);
	TEST_STR("after newline", line1("aaa bbb\nccc", 1), "ccc");
	lay1("a\n\nb", 200, LAY_LEFT, 0);
	TEST_INT("blank line between", para.nlines, 3);
	TEST_INT("blank line empty", para.lines[1].n, 0);
	lay1("\na", 200, LAY_LEFT, 0);
	TEST_INT("leading newline: empty first line", para.nlines, 2);
	TEST_INT("leading newline: line 0 empty", para.lines[0].n, 0);
	lay1("a\n", 200, LAY_LEFT, 0);
	TEST_INT("trailing newline: empty last line", para.nlines, 2);
	lay1("a \n b", 200, LAY_LEFT, 0);
	TEST_STR("spaces around a newline vanish", line1("a \n b", 1), "b");
	TEST_INT("b at 0", para.frags[1].x, 0);

	/* No-break space: "5\u00a0%" never splits. */
	lay1("aaaa 5\xc2\xa0% x", 70, LAY_LEFT, 0);
	TEST_STR("nbsp joins", line1("aaaa 5\xc2\xa0% x", 1), "5\xc2\xa0%_x");

	/* Too long for any line: cut between characters. */
	lay1("abcdefgh", 35, LAY_LEFT, 0);
	TEST_INT("cut into three", para.nlines, 3);
	TEST_STR("cut 1", line1("abcdefgh", 0), "abc");
	TEST_STR("cut 3", line1("abcdefgh", 2), "gh");
	lay1("x abcdefgh y", 35, LAY_LEFT, 0);
	TEST_STR("long word starts a new line", line1("x abcdefgh y", 0), "x");
	TEST_STR("tail shares its line", line1("x abcdefgh y", 3), "gh_y");
	lay1("\xc4\x83\xc3\xa2\xc4\x91\xc3\xaa\xc3\xb4\xc6\xa1\xc6\xb0", 35, LAY_LEFT, 0);
	TEST_INT("multibyte cut: three lines", para.nlines, 3);
	TEST_INT("multibyte cut at character boundary", para.frags[0].len, 6);
	TEST_INT("narrower than a character: one per line", (lay1("ab", 5, LAY_LEFT, 0), para.nlines), 2);
}

static void test_runs(void)
{
	struct lay_params p = { 200, 0, LAY_LEFT, width, NULL };
	struct lay_run r[] = {
		{ 1, "\xc4\x90i\xe1\xbb\x81u 1.", 0 },
		{ 0, " C\xc3\xb4ng b\xe1\xbb\x91", 0 },
	};
	struct lay_run g[] = { { 1, "abc", 3 }, { 0, "def ghi", 7 } };
	struct lay_run s[] = { { 1, "ab ", 3 }, { 0, " cd", 3 } };
	size_t i;

	for (i = 0; i < 2; i++)
		r[i].len = strlen(r[i].text);
	lay_break(&p, r, 2, &para);
	TEST_INT("bold run: Điều at 0", para.frags[0].x, 0);
	TEST_INT("bold run: 1. after a bold gap", para.frags[1].x, 4 * 12 + 5);
	TEST_INT("regular gap after bold", para.frags[2].x, 4 * 12 + 5 + 2 * 12 + 4);
	TEST_STR("mixed line", line_text(r, 0), "\xc4\x90i\xe1\xbb\x81u_1._C\xc3\xb4ng_b\xe1\xbb\x91");

	lay_break(&p, g, 2, &para);
	TEST_INT("glued word: two pieces", para.lines[0].n, 3);
	TEST_STR("glued word", line_text(g, 0), "abc|def_ghi");
	TEST_INT("second piece right after the first", para.frags[1].x, 36);
	TEST_INT("min width: the glued word", lay_min_width(g, 2, width, NULL), 66);
	TEST_INT("lay_break's widest word is the min width", para.widest_word, 66);

	lay_break(&p, s, 2, &para);
	TEST_INT("gap across runs: one bold space", para.frags[1].x, 24 + 5);

	/* A glued word breaks as a whole. */
	p.width = 60;
	lay_break(&p, g, 2, &para);
	TEST_STR("glued word cut when too long", line_text(g, 0), "abc|de");
}

static void test_split(void)
{
	TEST_INT("all fit", lay_split_lines(5, 5, 2, 2), 5);
	TEST_INT("more room than lines", lay_split_lines(5, 9, 2, 2), 5);
	TEST_INT("3 of 5 fit", lay_split_lines(5, 3, 2, 2), 3);
	TEST_INT("4 of 5 fit: widow avoided", lay_split_lines(5, 4, 2, 2), 3);
	TEST_INT("1 of 5 fits: orphan avoided", lay_split_lines(5, 1, 2, 2), 0);
	TEST_INT("0 fit", lay_split_lines(5, 0, 2, 2), 0);
	TEST_INT("3 lines, 2 fit: both rules", lay_split_lines(3, 2, 2, 2), 0);
	TEST_INT("4 lines, 3 fit", lay_split_lines(4, 3, 2, 2), 2);
	TEST_INT("1 line, 0 fit", lay_split_lines(1, 0, 2, 2), 0);
	TEST_INT("no control", lay_split_lines(5, 4, 1, 1), 4);
}

static void test_columns(void)
{
	int64_t out[6];
	struct lay_col c1[] = {
		{ LAY_COL_FIXED, 30, 0, 0, 0 },
		{ LAY_COL_PROP, 1, 0, 20, 0 },
		{ LAY_COL_PROP, 2, 0, 20, 0 },
	};
	struct lay_col c2[] = {
		{ LAY_COL_FIXED, 30, 0, 0, 0 },
		{ LAY_COL_PROP, 1, 0, 60, 0 },
		{ LAY_COL_PROP, 3, 0, 10, 0 },
	};
	struct lay_col c3[] = {
		{ LAY_COL_FIT, 0, 40, 20, 0 },
		{ LAY_COL_FIT, 0, 20, 10, 0 },
	};
	struct lay_col c4[] = {
		{ LAY_COL_FIT, 0, 100, 20, 0 },
		{ LAY_COL_FIT, 0, 60, 40, 0 },
		{ LAY_COL_PROP, 1, 80, 30, 0 },
	};
	struct lay_col c5[] = {
		{ LAY_COL_FIXED, 50, 0, 0, 0 },
		{ LAY_COL_FIT, 0, 100, 60, 0 },
	};
	struct lay_col c6[] = {
		{ LAY_COL_FIT, 0, 30, 10, 0 },
		{ LAY_COL_PROP, 1, 0, 10, 0 },
		{ LAY_COL_PROP, 1, 0, 10, 0 },
	};

	TEST_INT("fixed + prop ok", lay_columns(c1, 3, 130, out), 0);
	TEST("fixed + prop: 30 33 67", out[0] == 30 && out[1] == 33 && out[2] == 67);
	TEST_INT("prop minimum ok", lay_columns(c2, 3, 130, out), 0);
	TEST("prop minimum: 30 60 40", out[0] == 30 && out[1] == 60 && out[2] == 40);
	TEST_INT("fit widened ok", lay_columns(c3, 2, 90, out), 0);
	TEST("fit widened by natural: 60 30", out[0] == 60 && out[1] == 30);
	TEST_INT("fit shrunk ok", lay_columns(c3, 2, 45, out), 0);
	TEST("fit shrunk by slack: 30 15", out[0] == 30 && out[1] == 15);
	TEST_INT("shortfall ok", lay_columns(c4, 3, 150, out), 0);
	TEST("shortfall: prop at minimum, fits narrowed, sum exact",
	     out[2] == 30 && out[0] + out[1] + out[2] == 150 && out[0] >= 20 && out[1] >= 40);
	TEST_INT("too narrow fails", lay_columns(c5, 2, 100, out), -1);
	TEST("too narrow: minimums", out[0] == 50 && out[1] == 60);
	{
		/* A URL as evidence: its column's minimum alone is wider than the table. */
		struct lay_col url[] = {
			{ LAY_COL_FIXED, 20, 0, 0, 0 },
			{ LAY_COL_PROP, 1, 90, 40, 12 },
			{ LAY_COL_PROP, 1, 240, 230, 12 },
		};
		struct lay_col tight[] = {
			{ LAY_COL_FIXED, 90, 0, 0, 0 },
			{ LAY_COL_PROP, 1, 30, 30, 12 },
		};

		TEST_INT("a word wider than the table: the columns go below their minimum", lay_columns(url, 3, 165, out), 0);
		TEST("below minimum: sum exact, the long word's column gives the most, floors kept",
		     out[0] == 20 && out[0] + out[1] + out[2] == 165 && out[1] >= 12 && out[2] >= 12 &&
		     40 - out[1] < 230 - out[2]);
		TEST_INT("not even the floors fit", lay_columns(tight, 2, 100, out), -1);
	}
	TEST_INT("prop shares after fit", lay_columns(c6, 3, 101, out), 0);
	TEST("prop shares exact: 30 35 36", out[0] == 30 && out[1] == 35 && out[2] == 36);
}

static void test_paginate(void)
{
	int64_t h[300];
	struct lay_tpage *pg = NULL;
	size_t np = 0, bad = 0, i, total = 0;
	int ok = 1;

	for (i = 0; i < 300; i++)
		h[i] = i % 7 == 3 ? 23 : 10; /* some wrapped rows */
	TEST_INT("300 rows paginate", lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 300, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad), 0);
	TEST("the first page holds rows", np > 1 && pg[0].n > 0);
	for (i = 0; i < np; i++) {
		int64_t used = 25;
		size_t k;

		if (pg[i].n == 0 || pg[i].first != total)
			ok = 0;
		for (k = pg[i].first; k < pg[i].first + pg[i].n; k++)
			used += h[k];
		if (used > (i ? 180 : 200))
			ok = 0;
		/* each page is full: the next row would not have fitted (but for the
		 * page before the last, which may give the last one a second row) */
		if (i + 2 < np && used + h[pg[i].first + pg[i].n] <= (i ? 180 : 200))
			ok = 0;
		total += pg[i].n;
	}
	TEST("pages consecutive, within height, filled", ok);
	TEST_INT("every row once", total, 300);
	free(pg);

	for (i = 0; i < 300; i++)
		h[i] = 10;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 300, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST_INT("uniform: first page 17 rows", pg[0].n, 17);
	TEST_INT("uniform: next pages 15 rows", pg[1].n, 15);
	TEST_INT("uniform: 20 pages", np, 1 + (300 - 17 + 14) / 15);
	free(pg);

	TEST_INT("header and a row do not fit on the first page",
		 lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 300, .head = 25, .first = 34, .next = 180 }, &pg, &np, &bad), 0);
	TEST("then the first page is empty, the rows start on the second", pg[0].n == 0 && pg[1].first == 0 &&
	     pg[1].n == 15);
	free(pg);
	TEST_INT("exactly fits", lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 300, .head = 25, .first = 35, .next = 180 }, &pg, &np, &bad), 0);
	TEST_INT("exactly fits: one row on the first page", pg[0].n, 1);
	free(pg);

	h[50] = 200;
	TEST_INT("row taller than a page fails", lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 300, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad), -1);
	TEST_INT("bad row reported", bad, 50);

	for (i = 0; i < 300; i++)
		h[i] = 10;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 33, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST_INT("33 rows: three pages", np, 3);
	TEST("a lone last row takes one from the page before", pg[1].n == 14 && pg[2].n == 2 &&
	     pg[2].first == 31);
	free(pg);
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 32, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST("no change without a lone last row", np == 2 && pg[0].n == 17 && pg[1].n == 15);
	free(pg);
	h[32] = 150;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 33, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST("no move when the two rows would not fit", np == 3 && pg[2].n == 1);
	free(pg);
	h[50] = 200;

	TEST_INT("no rows", lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 0, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad), 0);
	TEST("no rows: one page with the header", np == 1 && pg[0].n == 0);
	free(pg);
}

/* Rows kept with the next: a page never ends on one, unless it holds nothing else. */
static void test_paginate_keep(void)
{
	int64_t h[40];
	unsigned char keep[40];
	struct lay_tpage *pg = NULL;
	size_t np = 0, bad = 0, i;

	for (i = 0; i < 40; i++) {
		h[i] = 10;
		keep[i] = 0;
	}
	/* 17 rows fit on the first page (25 + 170 <= 200): rows 15 and 16 head a group */
	keep[15] = keep[16] = 1;
	TEST_INT("kept rows paginate", lay_paginate(&(struct lay_pages){ .h = h, .keep = keep, .n = 40, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad), 0);
	TEST("the first page backs off over the kept rows", np >= 2 && pg[0].n == 15 && pg[1].first == 15);
	free(pg);

	for (i = 0; i < 40; i++)
		keep[i] = 1;
	keep[39] = 0;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = keep, .n = 40, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST("a chain taller than the page breaks where the page is full", np == 3 && pg[0].n == 17 &&
	     pg[1].n == 15 && pg[2].n == 8);
	free(pg);

	for (i = 0; i < 40; i++)
		keep[i] = 0;
	/* 33 rows: pages of 17, 15, 1; the lone last row takes row 31 unless row 30 is kept */
	lay_paginate(&(struct lay_pages){ .h = h, .keep = keep, .n = 33, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST("without keeps a lone last row takes one", np == 3 && pg[2].n == 2);
	free(pg);
	keep[30] = 1;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = keep, .n = 33, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST("no page ends on a kept row to give the last one company", np == 3 && pg[1].n == 15 &&
	     pg[2].n == 1);
	free(pg);
	keep[30] = 0;
	keep[31] = 1;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = keep, .n = 33, .head = 25, .first = 200, .next = 180 }, &pg, &np, &bad);
	TEST("a kept row before the last page goes with it", np == 3 && pg[1].n == 14 &&
	     pg[2].first == 31 && pg[2].n == 2);
	free(pg);
}

static void balanced1(const char *text, int64_t w, const struct vnwords *keep)
{
	struct lay_params p = { w, 0, LAY_CENTER, width, NULL };
	struct lay_run r = { 0, text, strlen(text) };

	lay_break_balanced(&p, keep, &r, 1, &para);
}

static void test_balanced(void)
{
	struct vnwords *vw = vnwords_new();

	balanced1("aa bb cc dd ee", 100, NULL);
	TEST("balanced: the lines first fit needs, the longest as short as can be",
	     para.nlines == 2 && !strcmp(line1("aa bb cc dd ee", 0), "aa_bb_cc") &&
	     !strcmp(line1("aa bb cc dd ee", 1), "dd_ee") && (para.lines[1].flags & LAY_LINE_LAST));
	TEST_INT("balanced lines are centred", para.frags[para.lines[1].first].x, (100 - 44) / 2);
	balanced1("xx ủy ban yy", 80, NULL);
	TEST("balanced without compounds: evenest", para.nlines == 2 &&
	     !strcmp(line1("xx ủy ban yy", 0), "xx_ủy") &&
	     !strcmp(line1("xx ủy ban yy", 1), "ban_yy"));
	balanced1("xx ủy ban yy", 80, vw);
	TEST("balanced: a compound is not split when the line count allows", para.nlines == 2 &&
	     !strcmp(line1("xx ủy ban yy", 0), "xx_ủy_ban") &&
	     !strcmp(line1("xx ủy ban yy", 1), "yy"));
	balanced1("abcdefgh ab", 50, NULL);
	TEST("balanced: a word wider than the line stands alone, uncut", para.nlines == 2 &&
	     !strcmp(line1("abcdefgh ab", 0), "abcdefgh"));
	balanced1("", 50, vw);
	TEST("balanced: no words, one empty line", para.nlines == 1 && para.lines[0].n == 0);
	vnwords_free(vw);
}

static int fit1(const char *text, int64_t w, size_t maxlines)
{
	struct lay_params p = { w, 0, LAY_LEFT, width, NULL };
	struct lay_run r = { 0, text, strlen(text) };

	return lay_break_fit(&p, &r, maxlines, 10, &para);
}

static void test_fit(void)
{
	TEST("fit: whole on two lines", fit1("aa bb cc dd", 50, 2) == 1 && para.nlines == 2);
	TEST("fit: cut on one line, whole words before the ellipsis",
	     fit1("aa bb cc dd", 50, 1) == 0 && para.nlines == 1 &&
	     !strcmp(line1("aa bb cc dd", 0), "aa") && (para.lines[0].flags & LAY_LINE_ELLIPSIS) &&
	     para.lines[0].width == 30);
	TEST("fit: an overlong word cut by lines, the rest fits: no ellipsis",
	     fit1("abcdefgh", 50, 2) == 0 && para.nlines == 2 &&
	     !strcmp(line1("abcdefgh", 1), "fgh") && !(para.lines[1].flags & LAY_LINE_ELLIPSIS));
	TEST("fit: an overlong word with lines to spare: lines kept",
	     fit1("abcdefgh", 50, 3) == 0 && para.nlines == 2);
	TEST("fit: characters of an overlong word before the ellipsis",
	     fit1("abcdefgh ij", 50, 1) == 0 && para.nlines == 1 &&
	     !strcmp(line1("abcdefgh ij", 0), "abcd") && (para.lines[0].flags & LAY_LINE_ELLIPSIS));
}

/* The chart book's pages: as few as can be, then even. */
static void test_paginate_balanced(void)
{
	struct lay_tpage *p;
	int64_t h[250];
	unsigned char keep[250];
	size_t n, i, k, bad;
	int ok;

	for (i = 0; i < 250; i++)
		h[i] = 10;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 41, .first = 400, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("41 rows at 40 a page: 21 + 20", n == 2 && p[0].first == 0 && p[0].n == 21 &&
	     p[1].first == 21 && p[1].n == 20);
	free(p);
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 200, .first = 400, .next = 400, .even = 1 }, &p, &n, &bad);
	ok = n == 5;
	for (i = 0; ok && i < n; i++)
		ok = p[i].n == 40 && p[i].first == 40 * i;
	TEST("200 rows at 40 a page: 5 pages of 40", ok);
	free(p);
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 81, .first = 400, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("81 rows at 40 a page: 27 + 27 + 27", n == 3 && p[0].n == 27 && p[1].n == 27 &&
	     p[2].n == 27);
	free(p);
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 3, .first = 400, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("3 rows: one page", n == 1 && p[0].n == 3);
	free(p);
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 0, .first = 400, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("no rows: one empty page", n == 1 && p[0].n == 0);
	free(p);

	/* a short first page */
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 60, .first = 150, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("60 rows, 15 on the first page then 40 a page: 15 + 23 + 22",
	     n == 3 && p[0].n == 15 && p[1].first == 15 && p[1].n == 23 && p[2].n == 22);
	free(p);
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 30, .first = 5, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("nothing fits on the first page: it stays empty", n == 2 && p[0].n == 0 &&
	     p[1].first == 0 && p[1].n == 30);
	free(p);
	lay_paginate(&(struct lay_pages){ .h = h, .keep = NULL, .n = 30, .first = 0, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("a first page of no height stays empty", n == 2 && p[0].n == 0 && p[1].n == 30);
	free(p);

	/* a heading glued to its first row never ends a page */
	memset(keep, 0, sizeof(keep));
	keep[39] = 1;
	lay_paginate(&(struct lay_pages){ .h = h, .keep = keep, .n = 80, .first = 400, .next = 400, .even = 1 }, &p, &n, &bad);
	TEST("a glued heading moves to the next page", n == 3 || (n == 2 && p[0].n != 40));
	ok = 1;
	for (i = 0; i < n; i++)
		if (keep[p[i].first + p[i].n - 1] && p[i].first + p[i].n < 80)
			ok = 0;
	TEST("no page ends with a glued row", ok);
	free(p);

	/* a row taller than a page cannot be set */
	h[5] = 1000;
	TEST("an overtall row is refused", lay_paginate(&(struct lay_pages){ .h = h, .n = 10, .first = 400,
							.next = 400, .even = 1 }, &p, &n, &bad) == -1 &&
	     bad == 5 && p == NULL);
	h[5] = 10;

	/* 3..200 rows of uneven heights, headings glued: pages cover the rows in order, fit, and are as few as greedy */
	ok = 1;
	for (k = 3; k <= 200 && ok; k++) {
		int64_t sum = 0, maxpage = 0, room = 2500000;
		size_t greedy = 1, covered = 0;
		int64_t used = 0;

		for (i = 0; i < k; i++) {
			h[i] = 140000 + (int64_t)((i * 37) % 5) * 60000; /* 14..38 pt */
			keep[i] = (i % 17) == 0;
		}
		/* greedy page count over glued blocks */
		for (i = 0; i < k;) {
			size_t j = i;
			int64_t bh = h[i];

			while (keep[j] && j + 1 < k)
				bh += h[++j];
			while (used + bh > room && !(used == 0 && greedy > 1)) {
				greedy++;
				used = 0;
				room = 6000000;
			}
			used += bh;
			i = j + 1;
		}
		lay_paginate(&(struct lay_pages){ .h = h, .keep = keep, .n = k, .first = 2500000, .next = 6000000, .even = 1 }, &p, &n, &bad);
		for (i = 0; i < n; i++) {
			size_t r;

			sum = 0;
			if ((p[i].n && p[i].first != covered) || (p[i].n == 0 && i > 0))
				ok = 0;
			for (r = p[i].first; r < p[i].first + p[i].n; r++)
				sum += h[r];
			if (sum > (i ? 6000000 : 2500000) ||
			    (p[i].n && keep[p[i].first + p[i].n - 1] && i + 1 < n))
				ok = 0;
			if (sum > maxpage)
				maxpage = sum;
			covered += p[i].n;
		}
		if (covered != k || n != greedy)
			ok = 0;
		if (!ok)
			printf("#   %zu rows: %zu pages (greedy %zu), covered %zu\n", k, n, greedy, covered);
		free(p);
	}
	TEST("3..200 uneven rows, a short first page: in order, within the page, fewest pages, "
	     "no glued row last", ok);
}

int main(void)
{
	test_breaking();
	test_runs();
	test_split();
	test_columns();
	test_paginate();
	test_paginate_keep();
	test_balanced();
	test_fit();
	test_paginate_balanced();
	lay_para_release(&para);
	TEST_REPORT();
}
