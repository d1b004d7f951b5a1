/*
 * test-decision.c: quyet-dinh.pdf (decision.c) drawn from real years and
 * checked from the outside, as a reader would: the text layer (pdftotext
 * -raw), the positions and sizes of words (pdftotext -bbox), the structure
 * (qpdf --check, bookmarks, metadata through pdfinfo), page numbering per
 * section, a generated 200-unit group across pages, template errors and a
 * character the fonts lack.
 *
 * Runs from the repository root; the 200-unit year comes from parx-gen of
 * the same build tree (<build>/tools/parx-gen, found from argv[0]).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"
#include "docs/decision.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "input/publication.h"
#include "pdftest.h"
#include "docs/render.h"
#include "score/scoring.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "tmpdir.h"
#include "base/vnfmt.h"
#include "model/year.h"
#include "yearfix.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define EPS 0.6

static char *scratch;
static char gen_path[4096];

/* ---- Tools ------------------------------------------------------------------------ */

/* Runs of white space (and no-break spaces) become one space. */
static char *norm(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, s);
	pt_squeeze_ws(&sb, PT_WS_NBSP);
	return strbuf_detach(&sb);
}

/* The text of one page (pdftotext -raw, poppler's messages included), normalised. */
static char *page_text(const char *pdf, int page)
{
	struct strbuf sb = STRBUF_INIT;

	pt_sh(&sb, "pdftotext -raw -f %d -l %d '%s' - 2>&1", page, page, pdf);
	pt_squeeze_ws(&sb, PT_WS_NBSP);
	return strbuf_detach(&sb);
}

/* Page 2's text (static buffer, for one comparison). */
static const char *page_text_2_is_annex(const char *pdf)
{
	static char buf[256];
	char *t = page_text(pdf, 2);

	snprintf(buf, sizeof(buf), "%s", t);
	free(t);
	return buf;
}

/* The first word `t` on page pg at or after index `from` (NULL if none). */
static const struct pt_word *find_word(const struct pt_page *pg, const char *t, size_t from)
{
	for (size_t i = from; i < pg->n; i++)
		if (!strcmp(pg->v[i].t, t))
			return &pg->v[i];
	return NULL;
}

static int fabs_ok(double a, double b, double tol)
{
	return a - b <= tol && b - a <= tol;
}

/* Middle of the line running from word a to word b. */
static double mid(const struct pt_word *a, const struct pt_word *b)
{
	return a && b ? (a->x0 + b->x1) / 2 : -1000;
}

/* Font size from a word's box: Liberation Serif's ascent + descent is 1.107 em. */
static double size_of(const struct pt_word *w)
{
	return w ? (w->y1 - w->y0) / 1.107 : 0;
}

/* Baseline of a word of the given size (descent 0.216 em). */
static double base_of(const struct pt_word *w, double size)
{
	return w ? w->y1 - 0.216 * size : 0;
}

static int landscape(const struct pt_page *pg)
{
	return pg->w > pg->h;
}

/* The page number drawn in the top margin, centred on the text frame, or 0. */
static int page_number(const struct pt_page *pg)
{
	double top = landscape(pg) ? MM(30) : MM(20);
	double centre = landscape(pg) ? pg->w / 2 : (MM(30) + pg->w - MM(15)) / 2;

	for (size_t i = 0; i < pg->n; i++) {
		const struct pt_word *w = &pg->v[i];
		double xm = (w->x0 + w->x1) / 2;

		if (w->y1 < top && xm > centre - 10 && xm < centre + 10 &&
		    strspn(w->t, "0123456789") == strlen(w->t))
			return atoi(w->t);
	}
	return 0;
}

/* Stderr of fn while it runs, into *err. */
struct captured {
	int status;
	char *err;
};

static struct captured render_capture(const struct render_ctx *c, const char *path)
{
	struct captured cap;
	char *name;
	int saved, fd;
	struct strbuf sb = STRBUF_INIT;
	FILE *f;
	char buf[4096];
	size_t n;

	name = path_join(scratch, "stderr.txt");
	fflush(stderr);
	saved = dup(2);
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	close(fd);
	cap.status = decision_render(c, path);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fopen(name, "rb");
	while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	if (f)
		fclose(f);
	cap.err = strbuf_detach(&sb);
	free(name);
	return cap;
}

/* Renders to pdf and checks: RENDER_OK, nothing on stderr, qpdf --check passes (each named after `what`). */
static void render_checked(const struct render_ctx *c, const char *pdf, const char *what)
{
	struct captured cap = render_capture(c, pdf);
	struct strbuf name = STRBUF_INIT;

	strbuf_addf(&name, "%s: RENDER_OK", what);
	TEST_INT(name.buf, cap.status, RENDER_OK);
	strbuf_reset(&name);
	strbuf_addf(&name, "%s: nothing on stderr", what);
	TEST_STR(name.buf, cap.err, "");
	strbuf_reset(&name);
	strbuf_addf(&name, "%s: qpdf --check", what);
	TEST(name.buf, pt_qpdf_passes(pdf));
	strbuf_release(&name);
	free(cap.err);
}

/* decision_render()'s status, its messages dropped. */
static int render_status(const struct render_ctx *c, const char *pdf)
{
	struct captured cap = render_capture(c, pdf);

	free(cap.err);
	return cap.status;
}

/* ---- Years ---------------------------------------------------------------------- */

static char *out_path(const char *name)
{
	char *p = xmalloc(strlen(scratch) + strlen(name) + 2);

	sprintf(p, "%s/%s", scratch, name);
	return p;
}

/* A space, then v in hundredths with a decimal comma: the next cell of a row. */
static void add_cell(struct strbuf *sb, int64_t v)
{
	strbuf_addch(sb, ' ');
	vnfmt_add_hundredths(sb, v);
}

/* The row of unit u as pdftotext gives it back: STT, name, fields, ..., grade, changes. */
static char *row_text(const struct yearfix *L, size_t u, size_t stt)
{
	const struct unit_result *ur = &L->r.units[u];
	const struct index *ix = &L->y.index;
	struct strbuf sb = STRBUF_INIT;
	char *name = norm(L->y.registry.units[u].name);

	strbuf_addf(&sb, "%zu %s", stt, name);
	free(name);
	for (size_t f = 0; f < ix->nfields; f++) {
		if (ur->field_max[f])
			add_cell(&sb, ur->field_points[f]);
		else
			strbuf_addstr(&sb, " -");
	}
	if (ix->has_bonuses)
		add_cell(&sb, ur->bonus);
	if (ix->has_penalties)
		add_cell(&sb, ur->penalty);
	add_cell(&sb, ur->total);
	add_cell(&sb, ur->index);
	strbuf_addf(&sb, " %d %s", ur->rank, ix->grades[ur->grade].label);
	if (L->y.has_previous && ur->has_prev) {
		strbuf_addch(&sb, ' ');
		vnfmt_add_hundredths_signed(&sb, ur->index_change);
		strbuf_addch(&sb, ' ');
		vnfmt_add_int_signed(&sb, ur->rank_change);
	}
	return strbuf_detach(&sb);
}

/* Whether the rows of group g stand in rank order in the text at *at; *at moves past the last one found. */
static int rows_in_order(const struct yearfix *L, size_t g, const char **at)
{
	const struct group_result *gr = &L->r.groups[g];
	int ok = 1;

	for (size_t i = 0; i < gr->n; i++) {
		char *want = row_text(L, L->r.order[gr->first + i], i + 1);
		const char *hit = strstr(*at, want);

		if (!hit) {
			printf("#   row not found in order: '%s'\n", want);
			ok = 0;
		} else {
			*at = hit + strlen(want);
		}
		free(want);
	}
	return ok;
}

/* First pages of the sections: the decision, then each annex (its heading "Phụ lục X KẾT QUẢ"). */
static int section_of_pages(const char *pdf, int npages, int *first_of, int *sec)
{
	int ns = 0;

	for (int p = 1; p <= npages; p++) {
		char *t = page_text(pdf, p);
		int start = p == 1;

		if (!strncmp(t, "Phụ lục ", strlen("Phụ lục ")) && strstr(t, " KẾT QUẢ ") &&
		    strstr(t, " KẾT QUẢ ") - t < 20)
			start = 1;
		if (start)
			first_of[ns++] = p;
		sec[p] = ns - 1;
		free(t);
	}
	return ns;
}

/* ---- The sample year ----------------------------------------------------------------- */

static void check_margins(const struct pt_bbox *b, const char *what)
{
	int ok = 1;

	for (size_t i = 0; i < b->n; i++) {
		const struct pt_page *pg = &b->p[i];
		double l = landscape(pg) ? MM(20) : MM(30), r = pg->w - (landscape(pg) ? MM(20) : MM(15));
		double t = landscape(pg) ? MM(30) : MM(20), bo = pg->h - (landscape(pg) ? MM(15) : MM(20));
		int num = page_number(pg);

		for (size_t k = 0; k < pg->n; k++) {
			const struct pt_word *w = &pg->v[k];

			if (w->x0 < l - EPS || w->x1 > r + EPS) {
				printf("#   page %zu: '%s' at x %.1f..%.1f outside %.1f..%.1f\n", i + 1, w->t,
				       w->x0, w->x1, l, r);
				ok = 0;
			}
			if (w->y1 > bo + EPS || (w->y0 < t - EPS && !(num && atoi(w->t) == num))) {
				printf("#   page %zu: '%s' at y %.1f..%.1f outside %.1f..%.1f\n", i + 1, w->t,
				       w->y0, w->y1, t, bo);
				ok = 0;
			}
		}
	}
	TEST(what, ok);
}

static void check_page_numbers(const char *pdf, const struct pt_bbox *b, const char *what)
{
	int n = (int)b->n, *first = xcalloc((size_t)n + 2, sizeof(int)), *sec = xcalloc((size_t)n + 2, sizeof(int));
	int ok = n > 0;

	section_of_pages(pdf, n, first, sec);
	for (int p = 1; p <= n; p++) {
		int k = p - first[sec[p]] + 1, got = page_number(&b->p[p - 1]);

		if (got != (k == 1 ? 0 : k)) {
			printf("#   page %d (page %d of section %d): number %d\n", p, k, sec[p] + 1, got);
			ok = 0;
		}
	}
	TEST(what, ok);
	free(first);
	free(sec);
}

static void test_sample(void)
{
	struct yearfix L;
	struct render_ctx c;
	char *pdf = out_path("quyet-dinh.pdf"), *pdf2 = out_path("again.pdf"), *s;
	struct strbuf out = STRBUF_INIT;
	struct pt_bbox b;
	int npages;

	TEST("sample 2024 loads and scores", yearfix_load(&L, "input/2024") == 0);
	c = yearfix_ctx(&L, "templates", 0);
	render_checked(&c, pdf, "sample");
	pt_sh(&out, "pdftotext '%s' - 2>&1 >/dev/null", pdf);
	TEST_STR("sample: poppler has nothing to say", out.buf, "");
	strbuf_reset(&out);
	pt_sh(&out, "pdffonts '%s' | grep -c 'LiberationSerif.*yes *yes'", pdf);
	TEST_INT("sample: four styles (regular, bold, italic, bold italic) embedded and subset", atoi(out.buf), 4);

	/* Metadata. */
	s = pt_info(pdf, "Title");
	TEST_STR("title", s, "Quyết định công bố Chỉ số cải cách hành chính năm 2024");
	free(s);
	s = pt_info(pdf, "Author");
	TEST_STR("author: the issuing authority", s, "Ủy ban nhân dân huyện Tân Phú Đông");
	free(s);
	s = pt_info(pdf, "Subject");
	TEST_STR("subject: the summary", s, L.y.pub.title);
	free(s);
	s = pt_info(pdf, "Keywords");
	TEST("keywords", strstr(s, "Chỉ số cải cách hành chính") && strstr(s, "2024"));
	free(s);
	s = pt_info(pdf, "CreationDate");
	TEST("creation date from the decision's date", strstr(s, "Jan 20 00:00:00 2025") != NULL);
	free(s);

	/* Bookmarks. */
	strbuf_reset(&out);
	pt_sh(&out, "qpdf --json --json-key=outlines '%s' | grep '\"title\"'", pdf);
	pt_squeeze_ws(&out, PT_WS_NBSP);
	TEST_STR("bookmarks: the decision and each annex", out.buf,
		 "\"title\": \"Quyết định\" \"title\": \"Phụ lục I: Cơ quan chuyên môn thuộc Ủy ban "
		 "nhân dân huyện\" \"title\": \"Phụ lục II: Ủy ban nhân dân các xã\"");

	npages = pt_pages(pdf);
	TEST_INT("sample: four pages (decision 2, annexes 1 + 1)", npages, 4);

	/* The decision's text, in reading order. */
	{
		char *p1 = page_text(pdf, 1), *p2 = page_text(pdf, 2);
		struct strbuf all = STRBUF_INIT;
		const char *at;

		strbuf_addf(&all, "%s %s", p1, p2);
		TEST("heading in order",
		     (at = strstr(all.buf, "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG CỘNG HÒA")) &&
		     !strstr(all.buf, "TIỀN GIANG ỦY BAN") &&
		     strstr(all.buf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc") &&
		     strstr(all.buf, "Số: 15/QĐ-UBND") &&
		     strstr(all.buf, "Tân Phú Đông, ngày 20 tháng 01 năm 2025"));
		TEST("title, summary, decider, bases, proposal, QUYẾT ĐỊNH:",
		     strstr(all.buf, "QUYẾT ĐỊNH Về việc công bố Chỉ số cải cách hành chính năm 2024 của các cơ "
			    "quan chuyên môn thuộc Ủy ban nhân dân huyện và Ủy ban nhân dân các xã CHỦ TỊCH ỦY "
			    "BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 "
			    "tháng 6 năm 2015; Căn cứ Luật sửa đổi"));
		TEST("bases end ';', the proposal '.'",
		     strstr(all.buf, "giai đoạn 2021 - 2030; Căn cứ Quyết định số 3125/QĐ-UBND") &&
		     strstr(all.buf, "và Ủy ban nhân dân các xã; Theo đề nghị của Trưởng phòng Nội vụ huyện. "
			    "QUYẾT ĐỊNH: Điều 1. Công bố"));
		TEST("articles from the template, counts and annex references",
		     strstr(all.buf, "Điều 1. Công bố Chỉ số cải cách hành chính năm 2024 của 18 cơ quan, đơn vị") &&
		     strstr(all.buf, "1. Cơ quan chuyên môn thuộc Ủy ban nhân dân huyện: 12 đơn vị,") &&
		     strstr(all.buf, "(chi tiết tại Phụ lục I kèm theo); 2. Ủy ban nhân dân các xã: 6 đơn vị,") &&
		     strstr(all.buf, "(chi tiết tại Phụ lục II kèm theo). Điều 2.") &&
		     strstr(all.buf, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."));
		TEST("the last article ends './.', then the recipients and the signature",
		     strstr(all.buf, "chịu trách nhiệm thi hành Quyết định này./. Nơi nhận:") != NULL);
		TEST("recipients '- X;' and the last '- X.'",
		     strstr(all.buf, "- Như Điều 3; - Sở Nội vụ tỉnh Tiền Giang;") &&
		     strstr(all.buf, "- CT, các PCT UBND huyện; - Lưu: VT, NV."));
		TEST("signer", strstr(all.buf, "KT. CHỦ TỊCH") && strstr(all.buf, "PHÓ CHỦ TỊCH") &&
		     strstr(all.buf, "Trần Văn Phúc"));
		{
			int n = 0;

			for (const char *q = all.buf; (q = strstr(q, "./.")) != NULL; q++)
				n++;
			TEST_INT("'./.' once in the decision", n, 1);
		}
		TEST("no draft marking", !strstr(all.buf, "DỰ THẢO"));
		strbuf_release(&all);
		free(p1);
		free(p2);
	}

	/* The annexes: headings, the reference to the decision, rows in rank order. */
	for (size_t g = 0; g < L.y.index.ngroups; g++) {
		const struct group_result *gr = &L.r.groups[g];
		char *t = page_text(pdf, 3 + (int)g), *roman = vnfmt_roman((int)g + 1);
		const char *at = t;
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "Phụ lục %s KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA ", roman);
		TEST("annex heading", !strncmp(t, sb.buf, sb.len));
		TEST("annex: reference line quotes the decision's number and date",
		     strstr(t, "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 01 năm 2025 của Chủ tịch Ủy "
			    "ban nhân dân huyện Tân Phú Đông)") != NULL);
		TEST("annex: two-row header",
		     strstr(t, "STT Tên đơn vị Điểm các lĩnh vực Điểm cộng Điểm trừ Tổng điểm Chỉ số (%) Xếp "
			    "hạng Xếp loại So với năm 2023 LV1 LV2 LV3 LV4 LV5 LV6 LV7 ± Chỉ số ± Hạng") != NULL);
		TEST("annex: every unit's row (name, points, index, rank, grade, changes) in rank order",
		     rows_in_order(&L, g, &at));
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "Bình quân");
		for (size_t f = 0; f < L.y.index.nfields; f++)
			add_cell(&sb, gr->avg_field_points[f]);
		add_cell(&sb, gr->avg_bonus);
		add_cell(&sb, gr->avg_penalty);
		add_cell(&sb, gr->avg_total);
		add_cell(&sb, gr->avg_index);
		TEST("annex: the group average row after the rows", strstr(at, sb.buf) != NULL);
		TEST("annex: ends './.'", strlen(t) > 3 && !strcmp(t + strlen(t) - 3, "./."));
		strbuf_release(&sb);
		free(roman);
		free(t);
	}
	/* Fixed points of the sample (input/README.md), independent of the scorer. */
	{
		char *a = page_text(pdf, 3), *x = page_text(pdf, 4);

		TEST("CQ rank 1: Phòng Nội vụ 97,17",
		     strstr(a, "1 Phòng Nội vụ 13,67 9,50 18,00 10,00 14,00 10,00 21,00 1,00 0,00 97,17 97,17 1 Tốt +6,42 +4") != NULL);
		TEST("shared rank 5 (92,76), then 7",
		     strstr(a, "70,50 92,76 5 Tốt") && strstr(a, "92,76 92,76 5 Tốt") && strstr(a, "91,72 91,72 7 Tốt"));
		TEST("previous_code match: Phòng Văn hóa và Thông tin +1,13 0",
		     strstr(a, "Phòng Văn hóa và Thông tin 13,20 9,50 14,00 10,00 12,50 10,00 18,23 0,00 0,00 87,43 87,43 9 Khá +1,13 0") != NULL);
		TEST("XA rank 1 above 100: UBND xã Tân Phú 101,50",
		     strstr(x, "1 UBND xã Tân Phú 12,00 10,00 24,00 8,00 14,00 9,00 21,50 3,00 0,00 101,50 101,50 1 Tốt") != NULL);
		free(a);
		free(x);
	}

	/* Geometry. */
	pt_bbox_load(pdf, &b);
	TEST_INT("bbox pages", b.n, 4);
	TEST("portrait decision, landscape annexes",
	     b.n == 4 && !landscape(&b.p[0]) && !landscape(&b.p[1]) && landscape(&b.p[2]) && landscape(&b.p[3]));
	check_margins(&b, "every word inside the decree's margins (portrait: left >= 30 mm, right <= 195 mm)");
	check_page_numbers(pdf, &b, "page numbers from page 2 of each section, restarting per annex");
	if (b.n == 4) {
		const struct pt_page *p1 = &b.p[0], *p2 = &b.p[1];
		const struct pt_word *qh = find_word(p1, "CỘNG", 0), *sup = find_word(p1, "ỦY", 0);
		const struct pt_word *tn = find_word(p1, "Độc", 0), *so = find_word(p1, "Số:", 0);
		const struct pt_word *dt = find_word(p1, "Tân", 0), *qd = find_word(p1, "QUYẾT", 0);
		const struct pt_word *can = find_word(p1, "Căn", 0), *dieu = find_word(p1, "Điều", 0);
		const struct pt_word *huyen = find_word(p1, "HUYỆN", 0), *hp = find_word(p1, "phúc", 0);
		const struct pt_word *nam = find_word(p1, "2025", 0);
		const struct pt_word *noi = find_word(p2, "Nơi", 0), *kt = find_word(p2, "KT.", 0);
		const struct pt_word *nhu = find_word(p2, "Như", 0), *tran = find_word(p2, "Trần", 0);
		const struct pt_word *end = find_word(p2, "này./.", 0);
		double left_max = 0;

		for (size_t i = 0; i < p1->n; i++)
			if (so && p1->v[i].y1 < so->y0 && qh && p1->v[i].x1 < qh->x0 + 1 && p1->v[i].x1 > left_max)
				left_max = p1->v[i].x1;
		TEST("two heading columns: Quốc hiệu right of the authority, on the first line",
		     qh && sup && qh->x0 > left_max && left_max > 0 && qh->y0 == sup->y0);
		TEST("Số and the date on one baseline",
		     so && dt && base_of(so, 13) - base_of(dt, 14) < 0.3 && base_of(dt, 14) - base_of(so, 13) < 0.3);
		TEST("the date line centred under the Tiêu ngữ", fabs_ok(mid(dt, nam), mid(tn, hp), 1));
		TEST("Số centred under the authority",
		     fabs_ok(mid(so, find_word(p1, "15/QĐ-UBND", 0)), mid(huyen, find_word(p1, "ĐÔNG", 0)), 1));
		TEST("Quốc hiệu and Tiêu ngữ centred on one axis",
		     fabs_ok(mid(qh, find_word(p1, "NAM", 0)), mid(tn, hp), 1));
		TEST("sizes: Quốc hiệu 13, Tiêu ngữ 14, authority 13, Số 13, date 14",
		     fabs_ok(size_of(qh), 13, 0.1) && fabs_ok(size_of(tn), 14, 0.1) &&
		     fabs_ok(size_of(huyen), 13, 0.1) && fabs_ok(size_of(so), 13, 0.1) &&
		     fabs_ok(size_of(dt), 14, 0.1));
		TEST("sizes: QUYẾT ĐỊNH, bases, articles 14",
		     fabs_ok(size_of(qd), 14, 0.1) && fabs_ok(size_of(can), 14, 0.1) &&
		     fabs_ok(size_of(dieu), 14, 0.1));
		TEST("bases and articles indented 1-1,27 cm",
		     can && dieu && can->x0 - MM(30) >= MM(10) - EPS && can->x0 - MM(30) <= MM(12.7) + EPS &&
		     fabs_ok(dieu->x0, can->x0, 0.1));
		TEST("sizes: Nơi nhận 12, recipients 11, signer 14",
		     fabs_ok(size_of(noi), 12, 0.1) && fabs_ok(size_of(nhu), 11, 0.1) &&
		     fabs_ok(size_of(kt), 14, 0.1) && fabs_ok(size_of(tran), 14, 0.1));
		TEST("Nơi nhận level with the signer's title, left; the signer right",
		     noi && kt && fabs_ok(base_of(noi, 12), base_of(kt, 14), 0.3) &&
		     fabs_ok(noi->x0, MM(30), 0.5) && kt->x0 > p2->w / 2);
		TEST("the signature block on the page of the last article's end", end && noi && tran &&
		     end->y1 < noi->y0);
		TEST("space for signature and seal (>= 20 mm)", kt && tran && tran->y0 - kt->y1 >= MM(20));
		{
			const struct pt_page *a = &b.p[2];
			const struct pt_word *pl = find_word(a, "Phụ", 0), *kq = find_word(a, "KẾT", 0);
			const struct pt_word *stt = find_word(a, "STT", 0), *nv = find_word(a, "Nội", 0);

			TEST("annex sizes: Phụ lục 14, title 13, table 11",
			     fabs_ok(size_of(pl), 14, 0.1) && fabs_ok(size_of(kq), 13, 0.1) &&
			     fabs_ok(size_of(stt), 11, 0.1) && fabs_ok(size_of(nv), 11, 0.1));
			TEST("annex heading centred", fabs_ok(mid(pl, find_word(a, "I", 0)), a->w / 2, 1));
		}
	}
	pt_bbox_free(&b);

	/* Byte-identical twice. */
	{
		struct captured c2 = render_capture(&c, pdf2);
		struct stat sst;

		TEST("two runs byte-identical", c2.status == RENDER_OK && stat(pdf, &sst) == 0 &&
		     sst.st_size > 0 && pt_same_file(pdf, pdf2));
		free(c2.err);
	}
	/* Draft. */
	{
		struct render_ctx cd = yearfix_ctx(&L, "templates", 1);
		struct captured c3 = render_capture(&cd, pdf2);
		int ok = c3.status == RENDER_OK;

		for (int p = 1; p <= pt_pages(pdf2) && ok; p++) {
			char *t = page_text(pdf2, p);

			ok = strstr(t, "DỰ THẢO") != NULL;
			free(t);
		}
		TEST("draft: DỰ THẢO on every page", ok && pt_pages(pdf2) == 4);
		free(c3.err);
	}
	yearfix_release(&L);
	strbuf_release(&out);
	free(pdf);
	free(pdf2);
}

/* ---- Blanks, no superior, a year without last year ----------------------------------- */

static void replace(char **field, const char *v)
{
	free(*field);
	*field = v ? xstrdup(v) : NULL;
}

static void test_blanks(void)
{
	struct yearfix L;
	struct render_ctx c;
	char *pdf = out_path("blank.pdf"), *p1, *a;

	yearfix_load(&L, "input/2024");
	replace(&L.y.pub.number, "");
	replace(&L.y.pub.date, NULL);
	replace(&L.y.pub.superior, NULL);
	replace(&L.y.pub.decider, NULL);
	replace(&L.y.pub.signer.on_behalf, "TM.");
	replace(&L.y.pub.signer.title, "ỦY BAN NHÂN DÂN");
	replace(&L.y.pub.signer.position, "CHỦ TỊCH");
	publication_derive(&L.y.pub, &L.d);
	c = yearfix_ctx(&L, "templates", 0);
	TEST_INT("blank number and date: RENDER_OK", render_status(&c, pdf), RENDER_OK);
	p1 = page_text(pdf, 1);
	a = page_text(pdf, 3);
	TEST("no superior: the authority alone on the left",
	     !strncmp(p1, "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG", strlen("ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG")) &&
	     !strstr(p1, "TIỀN GIANG CỘNG"));
	TEST("blank number: 'Số: /QĐ-UBND'", strstr(p1, "Số: /QĐ-UBND") != NULL);
	TEST("blank date: 'Tân Phú Đông, ngày tháng năm', never '20..'",
	     strstr(p1, "Tân Phú Đông, ngày tháng năm ") != NULL && !strstr(p1, "20.."));
	TEST("annex reference with blanks, of the committee",
	     strstr(a, "(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm của Ủy ban nhân dân huyện "
		    "Tân Phú Đông)") != NULL && !strstr(a, "20.."));
	{
		struct pt_bbox b;

		pt_bbox_load(pdf, &b);
		if (b.n) {
			const struct pt_word *so = find_word(&b.p[0], "Số:", 0), *sym = find_word(&b.p[0], "/QĐ-UBND", 0);

			TEST("blank number space: at least 8 mm to write the number in",
			     so && sym && sym->x0 - so->x1 >= MM(8));
		}
		check_margins(&b, "blanks: inside the margins");
		pt_bbox_free(&b);
	}
	free(p1);
	free(a);
	yearfix_release(&L);
	free(pdf);
}

static void test_2023(void)
{
	struct yearfix L;
	struct render_ctx c;
	char *pdf = out_path("2023.pdf"), *a;

	TEST("2023 loads", yearfix_load(&L, "input/2023") == 0);
	c = yearfix_ctx(&L, "templates", 0);
	TEST_INT("2023: RENDER_OK", render_status(&c, pdf), RENDER_OK);
	a = page_text(pdf, 3);
	TEST("2023: no change columns without previous.csv",
	     !strstr(a, "So với năm") && !strstr(a, "± Chỉ số") && strstr(a, "Xếp hạng Xếp loại LV1"));
	TEST("2023: the decision's own number and date",
	     strstr(a, "(Kèm theo Quyết định số 12/QĐ-UBND ngày 18 tháng 01 năm 2024") != NULL);
	{
		const char *at = a;

		TEST("2023: rows in rank order", rows_in_order(&L, 0, &at));
	}
	free(a);
	yearfix_release(&L);
	free(pdf);
}

/* A short decision: everything on its first page, the signature under the articles. */
static void test_mini(void)
{
	struct yearfix L;
	struct render_ctx c;
	char *pdf = out_path("mini.pdf"), *t;
	struct pt_bbox b;

	TEST("mini loads", yearfix_load(&L, "tests/data/mini") == 0);
	c = yearfix_ctx(&L, "templates", 0);
	TEST_INT("mini: RENDER_OK", render_status(&c, pdf), RENDER_OK);
	t = page_text(pdf, 1);
	TEST("mini: the decision on one page, signature included",
	     strstr(t, "Quyết định này./. Nơi nhận:") && strstr(t, "Trần Văn Phúc") &&
	     !strncmp(page_text_2_is_annex(pdf), "Phụ lục I KẾT QUẢ", strlen("Phụ lục I KẾT QUẢ")));
	pt_bbox_load(pdf, &b);
	check_margins(&b, "mini: inside the margins");
	check_page_numbers(pdf, &b, "mini: no page number on any first page");
	pt_bbox_free(&b);
	free(t);
	yearfix_release(&L);
	free(pdf);
}

/* ---- A 200-unit group ---------------------------------------------------------------------- */

static void test_large(void)
{
	struct yearfix L;
	struct render_ctx c;
	char *dir = out_path("gen"), *pdf = out_path("large.pdf");
	struct strbuf out = STRBUF_INIT;
	struct pt_bbox b;
	int st, npages, *first, *sec, ns, loaded;
	size_t g = 1;

	st = pt_sh(&out, "'%s' 300 input/2024 '%s' 2>&1", gen_path, dir);
	TEST_INT("parx-gen writes a 300-unit year", st, 0);
	if (st)
		printf("#   %s: %s\n", gen_path, out.buf);
	loaded = yearfix_load(&L, dir) == 0;
	TEST("generated year loads and scores", loaded);
	if (!loaded || L.y.index.ngroups < 2) {
		yearfix_release(&L);
		goto out;
	}
	TEST_INT("the second group has 200 units", L.r.groups[g].n, 200);
	c = yearfix_ctx(&L, "templates", 0);
	render_checked(&c, pdf, "200-unit group");

	npages = pt_pages(pdf);
	first = xcalloc((size_t)npages + 2, sizeof(int));
	sec = xcalloc((size_t)npages + 2, sizeof(int));
	ns = section_of_pages(pdf, npages, first, sec);
	TEST_INT("sections: the decision and two annexes", ns, 3);
	if (ns == 3) {
		int from = first[2], to = npages, ok_rows = 1, ok_head = 1, ok_order = 1;
		const struct group_result *gr = &L.r.groups[g];
		char **texts = xcalloc((size_t)npages + 1, sizeof(char *));
		int last_page = from;

		TEST("annex II spans several pages", to - from + 1 >= 5);
		for (int p = from; p <= to; p++) {
			texts[p] = page_text(pdf, p);
			if (!strstr(texts[p], "STT Tên đơn vị Điểm các lĩnh vực") ||
			    (p > from && !strstr(texts[p], "Phụ lục II (tiếp theo)"))) {
				printf("#   page %d lacks the repeated header: %.80s\n", p, texts[p]);
				ok_head = 0;
			}
		}
		/* Every row whole on one page, pages in rank order. */
		for (size_t i = 0; i < gr->n; i++) {
			char *want = row_text(&L, L.r.order[gr->first + i], i + 1);
			int found = 0;

			for (int p = last_page; p <= to && !found; p++)
				if (strstr(texts[p], want)) {
					found = p;
				}
			if (!found) {
				printf("#   row %zu not whole on any page (or out of order): '%s'\n", i + 1, want);
				ok_rows = 0;
			} else {
				if (found < last_page)
					ok_order = 0;
				last_page = found;
			}
			free(want);
		}
		TEST("header repeated on every page with '(tiếp theo)'", ok_head);
		TEST("every row whole on one page", ok_rows);
		TEST("rows in rank order across pages", ok_order);
		TEST("the average row and './.' on the last page",
		     strstr(texts[to], "Bình quân") && !strcmp(texts[to] + strlen(texts[to]) - 3, "./."));
		for (int p = from; p <= to; p++)
			free(texts[p]);
		free(texts);
	}
	pt_bbox_load(pdf, &b);
	check_margins(&b, "200-unit group: every word inside the margins");
	check_page_numbers(pdf, &b, "200-unit group: page numbers restart per annex, shown from page 2");
	/* No row drawn over the bottom margin or the repeated header. */
	{
		int ok = 1;

		for (size_t i = 0; i < b.n; i++) {
			const struct pt_page *pg = &b.p[i];
			const struct pt_word *stt = find_word(pg, "STT", 0);

			if (!landscape(pg) || !stt)
				continue;
			for (size_t k = 0; k < pg->n; k++)
				if (strspn(pg->v[k].t, "0123456789") == strlen(pg->v[k].t) &&
				    pg->v[k].x1 < stt->x1 + 5 && pg->v[k].y0 < stt->y1 &&
				    pg->v[k].y0 > MM(30)) {
					printf("#   page %zu: '%s' above the header\n", i + 1, pg->v[k].t);
					ok = 0;
				}
		}
		TEST("no row above the repeated header", ok);
	}
	pt_bbox_free(&b);
	free(first);
	free(sec);
	yearfix_release(&L);
out:
	strbuf_release(&out);
	free(dir);
	free(pdf);
}

/* ---- Errors ---------------------------------------------------------------------------------- */

static void test_template_errors(void)
{
	struct yearfix L;
	struct render_ctx c;
	struct captured cap;
	char *tdir = out_path("tpl"), *pdf = out_path("bad.pdf"), *want;
	struct stat sst;

	mkdir(tdir, 0777);
	yearfix_load(&L, "input/2024");
	c = yearfix_ctx(&L, tdir, 0);
	want = xmalloc(strlen(tdir) + 200);

	tmpdir_write(tdir, "quyet-dinh.txt", "# x\nĐiều 1. Năm {nam}.\nĐiều 2. {xyz} và {nhom.ten}.\n", (size_t)-1);
	cap = render_capture(&c, pdf);
	TEST_INT("unknown placeholder: RENDER_DATA", cap.status, RENDER_DATA);
	sprintf(want, "%s/quyet-dinh.txt:3: error: unknown placeholder '{xyz}'\n"
		"%s/quyet-dinh.txt:3: error: placeholder '{nhom.ten}' is outside its list: put it between "
		"{#nhom} and {/nhom}\n", tdir, tdir);
	TEST_STR("unknown placeholder: located messages", cap.err, want);
	TEST("no file left", stat(pdf, &sst) != 0);
	free(cap.err);

	tmpdir_write(tdir, "quyet-dinh.txt", "Điều 1. Công bố:\n{#nhom}\n{nhom.ten}\n", (size_t)-1);
	cap = render_capture(&c, pdf);
	TEST_INT("malformed list: RENDER_DATA", cap.status, RENDER_DATA);
	sprintf(want, "%s/quyet-dinh.txt:2: error: '{#nhom}' is never closed: add a line '{/nhom}' after "
		"the lines it repeats\n", tdir);
	TEST_STR("malformed list: located message", cap.err, want);
	free(cap.err);

	tmpdir_write(tdir, "quyet-dinh.txt", "Công bố năm {nam}.\n", (size_t)-1);
	cap = render_capture(&c, pdf);
	TEST_INT("no article: RENDER_DATA", cap.status, RENDER_DATA);
	TEST("no article: message", strstr(cap.err, "quyet-dinh.txt: error: the template has no article") != NULL);
	free(cap.err);

	tmpdir_write(tdir, "quyet-dinh.txt", "Điều 1. Năm {nam}.\nC¶i c¸ch hµnh chÝnh n¨m {nam}.\n", (size_t)-1);
	cap = render_capture(&c, pdf);
	TEST_INT("legacy encoding: RENDER_DATA", cap.status, RENDER_DATA);
	TEST("legacy encoding: located message",
	     strstr(cap.err, "quyet-dinh.txt:2: error: the template line looks typed in the legacy TCVN3") != NULL);
	free(cap.err);

	/* A character the fonts lack, in the template: located at its line. */
	tmpdir_write(tdir, "quyet-dinh.txt", "Điều 1. Năm {nam}.\nĐiều 2. Chữ 漢.\n", (size_t)-1);
	cap = render_capture(&c, pdf);
	TEST_INT("template character not in the fonts: RENDER_DATA", cap.status, RENDER_DATA);
	TEST("template character not in the fonts: names the line and U+6F22",
	     strstr(cap.err, "quyet-dinh.txt:2") && strstr(cap.err, "U+6F22"));
	TEST("no file left", stat(pdf, &sst) != 0);
	free(cap.err);

	/* The rendered template, from a clerk's edit: lists of lines and within a line. */
	tmpdir_write(tdir, "quyet-dinh.txt",
		     "Điều 1. Công bố {#nhom|, | và }{nhom.phu_luc} ({nhom.ten_thuong}){/nhom}.\n"
		     "Điều 2. Hiệu lực.\n", (size_t)-1);
	cap = render_capture(&c, pdf);
	TEST_INT("edited template: RENDER_OK", cap.status, RENDER_OK);
	{
		char *t = page_text(pdf, 1);

		TEST("edited template: its text, the last article ends './.'",
		     strstr(t, "Điều 1. Công bố Phụ lục I (cơ quan chuyên môn thuộc Ủy ban nhân dân huyện) và "
			    "Phụ lục II (ủy ban nhân dân các xã). Điều 2. Hiệu lực./. Nơi nhận:") != NULL);
		free(t);
	}
	free(cap.err);

	unlink(pdf);
	remove(want);
	sprintf(want, "%s/quyet-dinh.txt", tdir);
	unlink(want);
	cap = render_capture(&c, pdf);
	TEST_INT("missing template: RENDER_IO", cap.status, RENDER_IO);
	TEST("missing template: names it", strstr(cap.err, want) != NULL);
	TEST("missing template: no file", stat(pdf, &sst) != 0);
	free(cap.err);

	yearfix_release(&L);
	free(want);
	free(tdir);
	free(pdf);
}

static void test_glyph_error(void)
{
	struct yearfix L;
	struct render_ctx c;
	struct captured cap;
	char *pdf = out_path("glyph.pdf");
	struct stat sst;

	yearfix_load(&L, "input/2024");
	replace(&L.y.registry.units[2].name, "Phòng Tư pháp ☃");
	c = yearfix_ctx(&L, "templates", 0);
	cap = render_capture(&c, pdf);
	TEST_INT("unit name with a character the fonts lack: RENDER_DATA", cap.status, RENDER_DATA);
	TEST("the message names units.csv:4 and U+2603",
	     strstr(cap.err, "input/2024/units.csv:4") && strstr(cap.err, "U+2603"));
	TEST("no file left", stat(pdf, &sst) != 0);
	free(cap.err);
	yearfix_release(&L);
	free(pdf);
}

/* ---- Helpers -------------------------------------------------------------------------------- */

static void test_helpers(void)
{
	static const struct { const char *auth, *place, *want; } names[] = {
		{ "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG", "Tân Phú Đông", "Ủy ban nhân dân huyện Tân Phú Đông" },
		{ "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG", NULL, "Ủy ban nhân dân huyện Tân Phú Đông" },
		{ "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG", "Mỹ Tho", "Ủy ban nhân dân tỉnh Tiền Giang" },
		{ "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh",
		  "Ủy ban nhân dân thành phố Hồ Chí Minh" },
		{ "ỦY BAN NHÂN DÂN THỊ XÃ GÒ CÔNG", "Gò Công", "Ủy ban nhân dân thị xã Gò Công" },
		{ "ỦY BAN NHÂN DÂN XÃ PHÚ TÂN", "Phú Tân", "Ủy ban nhân dân xã Phú Tân" },
		{ "ỦY BAN NHÂN DÂN QUẬN 3", "Quận 3", "Ủy ban nhân dân quận 3" },
		{ "SỞ NỘI VỤ", "Mỹ Tho", "Sở nội vụ" },
		{ "", "", "" },
	};
	static const struct { const char *in, *mark, *want; } punct[] = {
		{ "Căn cứ Luật A", ";", "Căn cứ Luật A;" },
		{ "Căn cứ Luật A;", ";", "Căn cứ Luật A;" },
		{ "Căn cứ Luật A.", ";", "Căn cứ Luật A;" },
		{ "Căn cứ Luật A ; ", ".", "Căn cứ Luật A." },
		{ "Lưu: VT, NV", ".", "Lưu: VT, NV." },
		{ "Như Điều 3:", ";", "Như Điều 3;" },
		{ "", ".", "." },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char *got = publication_authority_name(names[i].auth, names[i].place);

		TEST_STR("authority in running text", got, names[i].want);
		free(got);
	}
	for (size_t i = 0; i < ARRAY_SIZE(punct); i++) {
		char *got = decision_punctuate(punct[i].in, punct[i].mark);

		TEST_STR("closing punctuation not doubled", got, punct[i].want);
		free(got);
	}
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');

	(void)argc;
	/* <build>/tests/test-decision -> <build>/tools/parx-gen */
	snprintf(gen_path, sizeof(gen_path), "%.*s/../tools/parx-gen",
		 slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
	scratch = tmpdir_new();
	if (pdfdoc_global_init("/usr/share/fonts/truetype/liberation2") < 0) {
		printf("not ok - fonts\n");
		return 1;
	}
	test_helpers();
	test_sample();
	test_blanks();
	test_2023();
	test_mini();
	test_template_errors();
	test_glyph_error();
	test_large();
	tmpdir_remove(scratch);
	TEST_REPORT();
}
