/*
 * test-chart.c: the chart module (chart.h).
 *
 * The pure layer first: nice-number scales on awkward ranges, positions and
 * tick labels, label wrapping and shortening measured with a fake font (10
 * units per character, so expectations can be counted by hand), label
 * spreading, and pagination of 3..200 rows. Then the unit field profile drawn
 * for every unit of the sample year into one PDF, checked through pdftotext
 * (every field value with its decimal comma, "không áp dụng" where a unit has
 * no applicable item) and qpdf.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docs/chart.h"
#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "pdftest.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "base/vnfmt.h"
#include "model/year.h"
#include "yearfix.h"

/* ---- scales ---- */

static void check_scale(const char *what, int64_t min, int64_t max, int maxticks, int64_t lo,
			int64_t hi, int64_t step, size_t nticks, int decimals)
{
	struct chart_scale s;
	char buf[200];
	int r = chart_scale_nice(min, max, maxticks, &s);

	snprintf(buf, sizeof(buf), "scale %s: lo %lld hi %lld step %lld, %zu ticks, %d decimals",
		 what, (long long)lo, (long long)hi, (long long)step, nticks, decimals);
	TEST(buf, r == 0 && s.lo == lo && s.hi == hi && s.step == step && s.nticks == nticks &&
		  s.decimals == decimals);
	if (r != 0 || s.lo != lo || s.hi != hi || s.step != step)
		printf("#   got r %d lo %lld hi %lld step %lld n %zu dec %d\n", r, (long long)s.lo,
		       (long long)s.hi, (long long)s.step, s.nticks, s.decimals);
}

static void test_scales(void)
{
	/* tick labels: the scale of min..max in maxticks, the value, its label */
	static const struct {
		int64_t min, max;
		int maxticks;
		int64_t v;
		const char *want, *what;
	} labels[] = {
		{ 0, 10000, 6, 6000, "60", "label 60" },
		{ 0, 300, 7, 250, "2,5", "label 2,5" },
		{ 0, 300, 7, -50, "-0,5", "label -0,5" },
		{ 0, 7, 5, 5, "0,05", "label 0,05" },
		{ 0, 500000, 6, 400000, "4.000", "label 4.000 (thousands dot)" },
	};
	struct chart_scale s;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int ok;

	check_scale("61,3-102,5 in 6", 6130, 10250, 6, 6000, 11000, 1000, 6, 0);
	check_scale("61,3-102,5 in 12", 6130, 10250, 12, 6000, 10500, 500, 10, 0);
	check_scale("61,3-102,5 in 3", 6130, 10250, 3, 5000, 15000, 5000, 3, 0);
	check_scale("0-100 in 6", 0, 10000, 6, 0, 10000, 2000, 6, 0);
	check_scale("0-100 in 11", 0, 10000, 11, 0, 10000, 1000, 11, 0);
	check_scale("0-100 in 5", 0, 10000, 5, 0, 10000, 5000, 3, 0);
	check_scale("0-3 in 6", 0, 300, 6, 0, 300, 100, 4, 0);
	check_scale("0-3 in 7", 0, 300, 7, 0, 300, 50, 7, 1);
	check_scale("0-0,07 in 5", 0, 7, 5, 0, 8, 2, 5, 2);
	check_scale("0-0,07 in 4", 0, 7, 4, 0, 10, 5, 3, 2);
	check_scale("single 87,25", 8725, 8725, 6, 7500, 10000, 500, 6, 0);
	check_scale("single -3", -300, -300, 6, -340, -260, 20, 5, 1);
	check_scale("single 0,01", 1, 1, 6, 0, 2, 1, 3, 2);
	check_scale("all zero", 0, 0, 6, 0, 100, 20, 6, 1);
	check_scale("swapped 100-0", 10000, 0, 6, 0, 10000, 2000, 6, 0);
	check_scale("negative -3,5..12,5", -350, 1250, 6, -500, 1500, 500, 5, 0);
	check_scale("huge 0..10^15 units", 0, 100000000000000000LL, 2, 0, 100000000000000000LL,
		    100000000000000000LL, 2, 0);
	TEST("scale with 1 tick refused", chart_scale_nice(0, 100, 1, &s) == -1);
	TEST("a range across zero in 2 ticks refused", chart_scale_nice(-70, 1911, 2, &s) == -1);
	TEST("scale beyond the series refused",
	     chart_scale_nice(0, 900000000000000000LL, 2, &s) == -1);

	/* every scale over a range of awkward inputs: covers, round, within maxticks */
	ok = 1;
	for (i = 0; i < 3000; i++) {
		int64_t a = (int64_t)((i * 7919) % 20011) - 5000, b = a + (int64_t)((i * 104729) % 15013);
		int mt = 3 + (int)(i % 12);

		if (chart_scale_nice(a, b, mt, &s) < 0 || s.lo > a || s.hi < b ||
		    s.nticks > (size_t)mt || s.lo % s.step || s.hi % s.step ||
		    (s.hi - s.lo) / s.step + 1 != (int64_t)s.nticks) {
			ok = 0;
			printf("#   %lld..%lld in %d\n", (long long)a, (long long)b, mt);
			break;
		}
		/* and the next smaller step of the series would need too many ticks */
		if (s.step > 1) {
			int64_t m = s.step, p = 1, smaller;

			while (m % 10 == 0) {
				m /= 10;
				p *= 10;
			}
			smaller = m == 1 ? p / 2 : m == 2 ? p : 2 * p;
			if (smaller >= 1 && a != b) {
				int64_t lo = a >= 0 ? a / smaller * smaller : -((-a + smaller - 1) / smaller) * smaller;
				int64_t hi = b >= 0 ? (b + smaller - 1) / smaller * smaller : -(-b / smaller) * smaller;

				if ((hi - lo) / smaller + 1 <= mt) {
					ok = 0;
					printf("#   %lld..%lld in %d: step %lld not the smallest\n",
					       (long long)a, (long long)b, mt, (long long)s.step);
					break;
				}
			}
		}
	}
	TEST("3000 ranges: covering, round, smallest step within the tick budget", ok);

	chart_scale_nice(6130, 10250, 6, &s);
	TEST_INT("tick 0 of 60..110", chart_scale_tick(&s, 0), 6000);
	TEST_INT("tick 5 of 60..110", chart_scale_tick(&s, 5), 11000);
	chart_scale_nice(0, 10000, 6, &s);
	TEST_INT("position of 87,25 on 0..100 over 1000", chart_scale_pos(&s, 8725, 0, 1000), 873);
	TEST_INT("position of 0", chart_scale_pos(&s, 0, 100, 1100), 100);
	TEST_INT("position of 100", chart_scale_pos(&s, 10000, 100, 1100), 1100);
	TEST_INT("position clamped below", chart_scale_pos(&s, -500, 100, 1100), 100);
	TEST_INT("position clamped above", chart_scale_pos(&s, 12000, 100, 1100), 1100);
	TEST_INT("position on a reversed axis", chart_scale_pos(&s, 2500, 1000, 0), 750);
	TEST_INT("position without overflow on a long axis",
		 chart_scale_pos(&s, 5000, 0, 4000000000000000LL), 2000000000000000LL);

	for (i = 0; i < ARRAY_SIZE(labels); i++) {
		chart_scale_nice(labels[i].min, labels[i].max, labels[i].maxticks, &s);
		strbuf_reset(&sb);
		chart_scale_label(&s, labels[i].v, &sb);
		TEST_STR(labels[i].what, sb.buf, labels[i].want);
	}
	strbuf_release(&sb);
}

/* ---- labels ---- */

/* Fake font: 10 units per code point. */
static int64_t fake_width(void *ctx, int style, const char *s, size_t len)
{
	int64_t n = 0;
	size_t i;

	(void)ctx;
	(void)style;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n * 10;
}

static void check_wrap(const char *what, const char *s, int64_t width, size_t maxlines,
		       int shortened, const char *l0, const char *l1, const char *l2)
{
	struct chart_label l = CHART_LABEL_INIT;
	const char *want[3] = { l0, l1, l2 };
	size_t n = l2 ? 3 : l1 ? 2 : 1, i;
	char buf[300];
	int ok;

	chart_label_set(&l, s, width, maxlines, fake_width, NULL);
	ok = l.nlines == n && l.shortened == shortened;
	for (i = 0; ok && i < n; i++)
		ok = !strcmp(l.line[i], want[i]) && l.width[i] <= width;
	snprintf(buf, sizeof(buf), "wrap %s", what);
	TEST(buf, ok);
	if (!ok) {
		printf("#   shortened %d, %zu lines:\n", l.shortened, l.nlines);
		for (i = 0; i < l.nlines; i++)
			printf("#   '%s' (%lld)\n", l.line[i], (long long)l.width[i]);
	}
	chart_label_release(&l);
}

static void test_labels(void)
{
	static const char *ld = "Phòng Lao động - Thương binh và Xã hội";
	char *a;
	int64_t pos[4], w[4];
	size_t i;

	check_wrap("fits on one line", "Phòng Tư pháp", 200, 2, CHART_WHOLE, "Phòng Tư pháp", NULL,
		   NULL);
	check_wrap("two lines at 25 characters", ld, 250, 2, CHART_WHOLE, "Phòng Lao động - Thương",
		   "binh và Xã hội", NULL);
	check_wrap("three lines at 15", ld, 150, 3, CHART_WHOLE, "Phòng Lao động", "- Thương binh",
		   "và Xã hội");
	check_wrap("abbreviated when one line is allowed", ld, 250, 1, CHART_ABBREVIATED,
		   "Phòng LĐ-TB&XH", NULL, NULL);
	check_wrap("cut with an ellipsis when even the abbreviation is too long", ld, 100, 1,
		   CHART_CUT, "Phòng…", NULL, NULL);
	check_wrap("cut on the second line", "Phòng Nông nghiệp và Phát triển nông thôn huyện Tân Phú Đông", 150, 2,
		   CHART_CUT, "Phòng NN&PTNT", "huyện Tân Phú…", NULL);
	check_wrap("overlong word cut by characters", "Supercalifragilistic", 50, 1, CHART_CUT,
		   "Supe…", NULL, NULL);
	check_wrap("spaces squeezed", "  Phòng \t Tư   pháp ", 200, 2, CHART_WHOLE, "Phòng Tư pháp",
		   NULL, NULL);
	check_wrap("empty text: one empty line", "", 100, 2, CHART_WHOLE, "", NULL, NULL);
	check_wrap("UBND xã on two lines", "Ủy ban nhân dân xã Tân Thới", 180, 2, CHART_WHOLE,
		   "Ủy ban nhân dân xã", "Tân Thới", NULL);

	a = chart_abbreviate("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện");
	TEST_STR("abbreviate HĐND and UBND", a, "Văn phòng HĐND và UBND huyện");
	free(a);
	a = chart_abbreviate("Phòng Tài chính - Kế hoạchX; Tài chính - Kế hoạch, Giáo dục và Đào tạo");
	TEST_STR("abbreviate whole words only", a, "Phòng Tài chính - Kế hoạchX; TC-KH, GD&ĐT");
	free(a);
	a = chart_abbreviate("Công tác chỉ đạo, điều hành cải cách hành chính");
	TEST_STR("abbreviate cải cách hành chính", a, "Công tác chỉ đạo, điều hành CCHC");
	free(a);
	a = chart_abbreviate("Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức");
	TEST_STR("abbreviate the longer phrase first", a,
		 "Xây dựng và nâng cao chất lượng đội ngũ CBCCVC");
	free(a);

	/* spreading */
	pos[0] = 0; pos[1] = 5; pos[2] = 10;
	w[0] = w[1] = w[2] = 10;
	TEST("spread three overlapping labels", chart_spread(pos, w, 3, 0, 100, 2) == 0 &&
	     pos[0] == 0 && pos[1] == 12 && pos[2] == 24);
	pos[0] = 90; pos[1] = 95;
	TEST("spread pushes back from the right end", chart_spread(pos, w, 2, 0, 100, 2) == 0 &&
	     pos[0] == 78 && pos[1] == 90);
	pos[0] = -20; pos[1] = 50;
	TEST("spread pulls a label inside the left end", chart_spread(pos, w, 2, 0, 100, 2) == 0 &&
	     pos[0] == 0 && pos[1] == 50);
	for (i = 0; i < 4; i++) {
		pos[i] = 0;
		w[i] = 30;
	}
	TEST("spread refuses what cannot fit", chart_spread(pos, w, 4, 0, 100, 2) == -1);
	TEST("spread of nothing", chart_spread(pos, w, 0, 0, 100, 2) == 0);
}

/* ---- the unit profile, drawn ---- */

static void test_profile(void)
{
	struct yearfix sample;
	const struct year *y = &sample.y;
	const struct results *r = &sample.r;
	struct pdfdoc *d;
	struct pdfdoc_meta m = { "Thử biểu đồ", "Thử", NULL, NULL, NULL, 1700000000, 0, NULL };
	char *path = pt_path("profile.pdf");
	struct strbuf txt = STRBUF_INIT, sb = STRBUF_INIT;
	int64_t w = PDF_MM(160), h;
	size_t u, f;
	int ok, fails;

	if (yearfix_load(&sample, "input/2024") < 0) {
		TEST("load the sample year", 0);
		goto out;
	}
	h = chart_unit_profile_height(y, w);
	TEST("profile height is sensible (60..140 mm for 7 fields)",
	     h > PDF_MM(60) && h < PDF_MM(140));
	d = pdfdoc_new(&m);
	pdfdoc_section(d, "Hồ sơ", PDF_PORTRAIT, 0);
	fails = 0;
	for (u = 0; u < y->registry.nunits; u++) {
		struct pdf_box fr;

		if (u)
			pdfdoc_page_add(d);
		pdfdoc_page_box(d, NULL, &fr);
		pdfdoc_text(d, PDF_BOLD, PDF_PT(12), fr.x0, fr.y1 - PDF_PT(12), y->registry.units[u].code, NULL);
		/* natural height at the top, and 3/4 of it below */
		if (chart_unit_profile(d, fr.x0, fr.y1 - PDF_PT(20) - h, w, h, y, r, u, "test") < 0)
			fails++;
		if (chart_unit_profile(d, fr.x0, fr.y0, w, h * 3 / 4 + 1, y, r, u, "test") < 0)
			fails++;
	}
	TEST("profiles of every unit drawn", fails == 0);
	TEST("profile document saved", pdfdoc_save(d, path) == 0);
	pdfdoc_free(d);

	d = pdfdoc_new(&m);
	pdfdoc_section(d, "Hồ sơ", PDF_PORTRAIT, 0);
	TEST("a box too low is refused", chart_unit_profile(d, 0, 0, w, h / 2, y, r, 0, "test") < 0 &&
	     strstr(pdfdoc_error(d), "high"));
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	pdfdoc_section(d, "Hồ sơ", PDF_PORTRAIT, 0);
	TEST("a box too narrow is refused",
	     chart_unit_profile(d, 0, 0, PDF_MM(60), h, y, r, 0, "test") < 0);
	pdfdoc_free(d);

	TEST("qpdf --check the profiles", pt_qpdf_passes(path));

	/* each page: the unit's values, the group's average and best, with decimal commas */
	ok = 1;
	for (u = 0; u < y->registry.nunits && ok; u++) {
		const struct unit_result *ur = &r->units[u];
		const struct group_result *gr = &r->groups[y->registry.units[u].group];

		strbuf_reset(&txt);
		if (pt_sh(&txt, "pdftotext -f %zu -l %zu -layout '%s' - 2>&1", u + 1, u + 1, path) != 0) {
			ok = 0;
			break;
		}
		pt_squeeze_ws(&txt, 0);
		for (f = 0; f < y->index.nfields; f++) {
			int64_t vals[3] = { ur->field_index[f], gr->avg_field_index[f], gr->best_field_index[f] };
			size_t k;

			for (k = 0; k < 3; k++) {
				if (k == 0 && (!ur->scored || ur->field_max[f] == 0))
					continue;
				strbuf_reset(&sb);
				vnfmt_add_hundredths(&sb, vals[k]);
				if (!strstr(txt.buf, sb.buf)) {
					printf("#   %s field %zu: '%s' missing\n", y->registry.units[u].code, f, sb.buf);
					ok = 0;
				}
			}
			if (ur->scored && ur->field_max[f] == 0 && !strstr(txt.buf, "không áp dụng")) {
				printf("#   %s field %zu: 'không áp dụng' missing\n", y->registry.units[u].code, f);
				ok = 0;
			}
		}
		if (!strstr(txt.buf, "Trung bình nhóm") || !strstr(txt.buf, "Cao nhất nhóm") ||
		    !strstr(txt.buf, "Công tác chỉ đạo, điều hành"))
			ok = 0;
		if (strstr(txt.buf, "Syntax") || strstr(txt.buf, "Error"))
			ok = 0;
	}
	TEST("every profile shows the unit's, average and best field indices (decimal comma)", ok);

	/* a unit with a not-applicable field must show it: is there one? */
	ok = 0;
	for (u = 0; u < r->nunits; u++)
		for (f = 0; f < r->nfields; f++)
			if (r->units[u].scored && r->units[u].field_max[f] == 0)
				ok = 1;
	if (!ok)
		printf("# (no unit of the sample has a field without an applicable item)\n");

	/* no two words overlap on any page */
	{
		struct pt_bbox b;
		size_t pages = pt_bbox_load(path, &b), bad = 0, i;

		for (i = 0; i < b.n; i++)
			bad += pt_overlaps(&b.p[i], 0.01, NULL);
		pt_bbox_free(&b);
		TEST("profile pages parsed", pages == y->registry.nunits);
		TEST_INT("no overlapping words in the profiles", bad, 0);
	}
out:
	strbuf_release(&txt);
	strbuf_release(&sb);
	yearfix_release(&sample);
	free(path);
}

int main(void)
{
	test_scales();
	test_labels();
	if (pdfdoc_global_init(YEARFIX_FONTS) < 0) {
		TEST("pdfdoc_global_init", 0);
		TEST_REPORT();
	}
	test_profile();
	pt_cleanup();
	TEST_REPORT();
}
