/*
 * test-chartbook.c: the chart book (chartbook_render, README.md, "The documents").
 *
 * Renders the sample years and a generated year of 200 units, then reads the
 * PDFs back with poppler and qpdf:
 *  - structure: qpdf --check, fonts embedded, no poppler warnings, metadata,
 *    the four section bookmarks and one per group, byte-identical reruns;
 *  - text layer (pdftotext -raw, in drawing order): on the ranking, every
 *    unit's rank, name, index (decimal comma) and grade in one row; on the
 *    fields chart, every unit's name followed by its seven field indices or
 *    "không áp dụng"; on self vs final, name, self total, final total and the
 *    signed difference; year over year, the two indices, the change and ▲/▼/=;
 *    without previous.csv, the sentence saying so;
 *  - geometry (pdftotext -bbox): on every page no two words overlap, and
 *    every word lies inside the page, for 3..200 units;
 *  - a grayscale render (pdftoppm -gray) that succeeds without warnings
 *    (PARX_PDF_KEEP=1 keeps the PNGs to look at).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/chart.h"
#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "pdftest.h"
#include "docs/render.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "base/vnfmt.h"
#include "model/year.h"
#include "yearfix.h"

/* ---- reading the PDF back ---- */

/* The raw text layer, squeezed, pages split by '\f'; 0 when poppler said nothing on stderr. */
static int raw_text(const char *pdf, struct strbuf *out)
{
	int ok = pt_text(pdf, 0, 0, "-raw", out);

	pt_squeeze_ws(out, PT_WS_PAGES);
	return ok ? 0 : -1;
}

/* The pages of text whose content has `mark` (a chart title prefix), joined with '\f'. */
static void pages_with(const struct strbuf *all, const char *mark, struct strbuf *out)
{
	const char *p = all->buf;

	strbuf_reset(out);
	while (*p) {
		const char *e = strchr(p, '\f');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *pg = xstrndup(p, len);

		if (strstr(pg, mark)) {
			strbuf_add(out, pg, len);
			strbuf_addch(out, '\f');
		}
		free(pg);
		if (!e)
			break;
		p = e + 1;
	}
}

/*
 * Word boxes page by page from pdftotext -bbox: counts pairs of words that
 * overlap on a page (the first ones printed) and words outside the page.
 * Returns the number of pages.
 */
static int bbox_check(const char *pdf, int *overlaps, int *outside)
{
	struct pt_bbox b;
	size_t pages = pt_bbox_load(pdf, &b);
	int shown = 0;

	*overlaps = *outside = 0;
	for (size_t i = 0; i < b.n; i++) {
		const struct pt_page *pg = &b.p[i];

		*overlaps += (int)pt_overlaps(pg, 0.05, &shown);
		*outside += (int)pt_outside(pg, 0, 0, pg->w, pg->h, NULL);
	}
	pt_bbox_free(&b);
	return (int)pages;
}

/* ---- rendering ---- */

static int render(const struct year *y, const struct results *r, int draft, const char *path)
{
	struct render_ctx c = yearfix_ctx_of(y, r, NULL, draft);

	return chartbook_render(&c, path);
}

/* ---- text-layer checks of each chart ---- */

/*
 * The name of unit u as a chart sets it (whole, abbreviated or cut), lines
 * joined by a space: ranking 10 pt in 150 pt, fields 9 pt in 150 pt, self vs
 * final and year over year 10 pt in 175 pt (bold when the row stands out).
 */
static const char *shown(const struct year *y, size_t u, enum pdf_font f, double size, double w)
{
	static struct strbuf sb = STRBUF_INIT;
	struct chart_font cf = { f, PDF_PT(size) };
	struct chart_label l = CHART_LABEL_INIT;
	size_t i;

	chart_label_set(&l, y->registry.units[u].name, PDF_PT(w), 2, chart_font_width, &cf);
	strbuf_reset(&sb);
	for (i = 0; i < l.nlines; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", l.line[i]);
	chart_label_release(&l);
	return sb.buf;
}

/* Builds into *want the row of unit u as a chart shows it, the name set in font f. */
typedef void row_fn(const struct year *y, const struct results *r, size_t u, enum pdf_font f,
		    struct strbuf *want);

/*
 * Every unit's row, built by `row` with the name set regular (or bold, when
 * `bold` allows a row that stands out), on the pages of the chart whose title
 * starts with `mark`; a missing row is printed after `what`.
 */
static int check_rows(const struct year *y, const struct results *r, const struct strbuf *txt,
		      const char *mark, const char *what, row_fn *row, int bold)
{
	struct strbuf want = STRBUF_INIT, alt = STRBUF_INIT, sec = STRBUF_INIT;
	int ok = 1;

	pages_with(txt, mark, &sec);
	for (size_t u = 0; u < r->nunits; u++) {
		row(y, r, u, PDF_REGULAR, &want);
		if (strstr(sec.buf, want.buf))
			continue;
		if (bold) {
			row(y, r, u, PDF_BOLD, &alt);
			if (strstr(sec.buf, alt.buf))
				continue;
		}
		printf("#   %s: '%s' missing\n", what, want.buf);
		ok = 0;
	}
	strbuf_release(&want);
	strbuf_release(&alt);
	strbuf_release(&sec);
	return ok;
}

static void ranking_row(const struct year *y, const struct results *r, size_t u, enum pdf_font f,
			struct strbuf *want)
{
	const struct unit_result *ur = &r->units[u];

	strbuf_reset(want);
	if (ur->scored) {
		strbuf_addf(want, "%d %s ", ur->rank, shown(y, u, f, 10, 150));
		vnfmt_add_hundredths(want, ur->index);
		strbuf_addf(want, " %s", ur->grade >= 0 ? y->index.grades[ur->grade].label : "");
	} else {
		strbuf_addf(want, "– %s chưa có kết quả —", shown(y, u, f, 10, 150));
	}
}

static int check_ranking(const struct year *y, const struct results *r, const struct strbuf *txt)
{
	return check_rows(y, r, txt, "Biểu đồ 1.", "ranking", ranking_row, 0);
}

static void fields_row(const struct year *y, const struct results *r, size_t u, enum pdf_font f,
		       struct strbuf *want)
{
	const struct unit_result *ur = &r->units[u];

	strbuf_reset(want);
	strbuf_addstr(want, shown(y, u, f, 9, 150));
	for (size_t k = 0; k < r->nfields && k < 7; k++) {
		strbuf_addch(want, ' ');
		if (!ur->scored)
			strbuf_addstr(want, "chưa có kết quả");
		else if (ur->field_max[k] == 0)
			strbuf_addstr(want, "không áp dụng");
		else
			vnfmt_add_hundredths(want, ur->field_index[k]);
	}
}

/* The fields chart: every unit's row, each group's average row; *nas counts the fields shown not applicable. */
static int check_fields(const struct year *y, const struct results *r, const struct strbuf *txt,
			int *nas)
{
	struct strbuf want = STRBUF_INIT, sec = STRBUF_INIT;
	size_t u, f;
	int ok = check_rows(y, r, txt, "Biểu đồ 2", "fields", fields_row, 0);

	*nas = 0;
	for (u = 0; u < r->nunits; u++)
		for (f = 0; f < r->nfields && f < 7; f++)
			*nas += r->units[u].scored && r->units[u].field_max[f] == 0;
	pages_with(txt, "Biểu đồ 2", &sec);
	for (f = 0; f < r->ngroups; f++) {
		if (r->groups[f].n == 0)
			continue;
		strbuf_reset(&want);
		strbuf_addstr(&want, "Trung bình nhóm");
		for (u = 0; u < r->nfields && u < 7; u++) {
			strbuf_addch(&want, ' ');
			if (r->groups[f].field_n[u])
				vnfmt_add_hundredths(&want, r->groups[f].avg_field_index[u]);
			else
				strbuf_addstr(&want, "—");
		}
		if (!strstr(sec.buf, want.buf)) {
			printf("#   fields: '%s' missing\n", want.buf);
			ok = 0;
		}
	}
	strbuf_release(&want);
	strbuf_release(&sec);
	return ok;
}

static void self_row(const struct year *y, const struct results *r, size_t u, enum pdf_font f,
		     struct strbuf *want)
{
	const struct unit_result *ur = &r->units[u];

	strbuf_reset(want);
	if (!ur->scored) {
		strbuf_addf(want, "– %s chưa có kết quả — — —", shown(y, u, f, 10, 175));
		return;
	}
	strbuf_addf(want, "%d %s ", ur->rank, shown(y, u, f, 10, 175));
	vnfmt_add_hundredths(want, ur->self_total);
	strbuf_addch(want, ' ');
	vnfmt_add_hundredths(want, ur->total);
	strbuf_addch(want, ' ');
	if (ur->total == ur->self_total)
		strbuf_addstr(want, "0,00");
	else
		vnfmt_add_hundredths_signed(want, ur->total - ur->self_total);
}

/* Self vs final: a row that stands out is set in bold. */
static int check_self(const struct year *y, const struct results *r, const struct strbuf *txt)
{
	return check_rows(y, r, txt, "Biểu đồ 3.", "self vs final", self_row, 1);
}

static void yoy_row(const struct year *y, const struct results *r, size_t u, enum pdf_font f,
		    struct strbuf *want)
{
	const struct unit_result *ur = &r->units[u];

	strbuf_reset(want);
	if (!ur->scored) {
		strbuf_addf(want, "– %s chưa có kết quả — — — —", shown(y, u, f, 10, 175));
		return;
	}
	strbuf_addf(want, "%d %s ", ur->rank, shown(y, u, f, 10, 175));
	if (ur->has_prev)
		vnfmt_add_hundredths(want, ur->prev_index);
	else
		strbuf_addstr(want, "—");
	strbuf_addch(want, ' ');
	vnfmt_add_hundredths(want, ur->index);
	strbuf_addch(want, ' ');
	if (!ur->has_prev) {
		strbuf_addstr(want, "— —");
		return;
	}
	if (ur->index_change == 0)
		strbuf_addstr(want, "0,00");
	else
		vnfmt_add_hundredths_signed(want, ur->index_change);
	if (ur->rank_change > 0)
		strbuf_addf(want, " ▲%d", ur->rank_change);
	else if (ur->rank_change < 0)
		strbuf_addf(want, " ▼%d", -ur->rank_change);
	else
		strbuf_addstr(want, " =");
}

static int check_yoy(const struct year *y, const struct results *r, const struct strbuf *txt)
{
	return check_rows(y, r, txt, "Biểu đồ 4.", "year over year", yoy_row, 0);
}

static int count(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* ---- the sample years ---- */

static void test_sample(void)
{
	struct yearfix f;
	const struct year *y = &f.y;
	const struct results *r = &f.r;
	char *pdf = pt_path("bieu-do.pdf"), *pdf2 = pt_path("bieu-do-2.pdf");
	char *draft = pt_path("draft.pdf"), *old = pt_path("bieu-do-2023.pdf");
	struct strbuf cmd = STRBUF_INIT, out = STRBUF_INIT, err = STRBUF_INIT, txt = STRBUF_INIT;
	size_t g;
	int ov, outs, pages, nas;

	if (yearfix_load(&f, "input/2024") < 0) {
		TEST("load input/2024", 0);
		goto out;
	}
	TEST_INT("2024 chart book rendered", render(y, r, 0, pdf), RENDER_OK);
	TEST_INT("rendered again", render(y, r, 0, pdf2), RENDER_OK);
	TEST("two runs byte-identical", pt_same_file(pdf, pdf2));

	strbuf_addf(&cmd, "qpdf --check '%s'", pdf);
	TEST("qpdf --check", pt_run(cmd.buf, &out, &err) == 0 && err.len == 0);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "pdffonts '%s' | tail -n +3 | awk '{ print $(NF-4) }' | sort -u", pdf);
	pt_run(cmd.buf, &out, &err);
	TEST_STR("every font embedded", out.buf, "yes\n");
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "pdfinfo '%s'", pdf);
	pt_run(cmd.buf, &out, &err);
	pt_squeeze_ws(&out, PT_WS_PAGES);
	TEST("metadata: title", strstr(out.buf, "Title: Biểu đồ so sánh Chỉ số cải cách hành chính năm 2024 ") != NULL);
	TEST("metadata: author is the authority", strstr(out.buf, "Author: ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG ") != NULL);
	TEST("metadata: creation date from the decision", strstr(out.buf, "CreationDate: Mon Jan 20 00:00:00 2025 UTC") != NULL);
	TEST("metadata: subject and keywords", strstr(out.buf, "Subject:") && strstr(out.buf, "Keywords:"));
	TEST("pdfinfo without warnings", err.len == 0);
	pt_outlines(pdf, &out);
	TEST("bookmark: 1. ranking", strstr(out.buf, "\"title\": \"1. Xếp hạng Chỉ số cải cách hành chính theo nhóm\""));
	TEST("bookmark: 2. fields", strstr(out.buf, "\"title\": \"2. Chỉ số từng lĩnh vực\""));
	TEST("bookmark: 3. self vs final", strstr(out.buf, "\"title\": \"3. Điểm tự đánh giá và điểm sau thẩm định\""));
	TEST("bookmark: 4. year over year", strstr(out.buf, "\"title\": \"4. So sánh với năm 2023\""));
	TEST_INT("bookmarks per group (sections 1, 3, 4)",
		 count(out.buf, "\"title\": \"Cơ quan chuyên môn thuộc Ủy ban nhân dân huyện\""), 3);

	TEST("text layer without warnings", raw_text(pdf, &txt) == 0);
	TEST("heading", strstr(txt.buf, "BIỂU ĐỒ SO SÁNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024") != NULL);
	TEST("ranking: every unit with rank, name, index and grade in one row", check_ranking(y, r, &txt));
	for (g = 0; g < r->ngroups; g++) {
		strbuf_reset(&out);
		strbuf_addstr(&out, "Trung bình nhóm: ");
		vnfmt_add_hundredths(&out, r->groups[g].avg_index);
		TEST("ranking: the group average labelled", strstr(txt.buf, out.buf) != NULL);
	}
	TEST("ranking: grade thresholds in the legend",
	     strstr(txt.buf, "Ngưỡng xếp loại: Tốt từ 90; Khá từ 80; Trung bình từ 70; Yếu dưới 70") != NULL);
	TEST("fields: every unit with its field indices", check_fields(y, r, &txt, &nas));
	TEST("self vs final: every unit with both totals and the difference", check_self(y, r, &txt));
	TEST("year over year: every unit with both indices and its rank change", check_yoy(y, r, &txt));
	TEST("year over year: a climb and a fall shown", strstr(txt.buf, "▲") && strstr(txt.buf, "▼"));

	pages = bbox_check(pdf, &ov, &outs);
	TEST("2024: pages", pages >= 5);
	TEST_INT("2024: no overlapping words", ov, 0);
	TEST_INT("2024: no word outside the page", outs, 0);

	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "pdftoppm -gray -r 80 -png '%s' '%s/gray'", pdf, pt_scratch());
	TEST("grayscale render without warnings", pt_run(cmd.buf, NULL, &err) == 0 && err.len == 0);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "pdftoppm -r 80 -png '%s' '%s/colour'", pdf, pt_scratch());
	TEST("colour render without warnings", pt_run(cmd.buf, NULL, &err) == 0 && err.len == 0);

	TEST_INT("draft rendered", render(y, r, 1, draft), RENDER_OK);
	raw_text(draft, &txt);
	pages = pt_pages(draft);
	TEST("draft: every page marked DỰ THẢO", count(txt.buf, "DỰ THẢO") == pages && pages > 0);

	yearfix_release(&f);

	/* no previous.csv */
	if (yearfix_load(&f, "input/2023") < 0) {
		TEST("load input/2023", 0);
		goto out;
	}
	TEST_INT("2023 chart book rendered", render(y, r, 0, old), RENDER_OK);
	raw_text(old, &txt);
	TEST("2023: the missing previous year said",
	     strstr(txt.buf, "Không có số liệu Chỉ số cải cách hành chính năm 2022 để so sánh.") != NULL);
	TEST("2023: ranking", check_ranking(y, r, &txt));
	TEST("2023: fields", check_fields(y, r, &txt, &nas));
	TEST("2023: self vs final", check_self(y, r, &txt));
	bbox_check(old, &ov, &outs);
	TEST_INT("2023: no overlapping words", ov, 0);
	yearfix_release(&f);

	/* the tiny one */
	if (yearfix_load(&f, "tests/data/mini") == 0) {
		char *mini = pt_path("mini.pdf");

		TEST_INT("mini chart book rendered", render(y, r, 0, mini), RENDER_OK);
		raw_text(mini, &txt);
		TEST("mini: ranking", check_ranking(y, r, &txt));
		TEST("mini: fields", check_fields(y, r, &txt, &nas));
		bbox_check(mini, &ov, &outs);
		TEST_INT("mini: no overlapping words", ov, 0);
		free(mini);
	}
out:
	yearfix_release(&f);
	free(pdf);
	free(pdf2);
	free(draft);
	free(old);
	strbuf_release(&cmd);
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&txt);
}

/* ---- a generated year ---- */

static const char *stems[] = {
	"Phòng Lao động - Thương binh và Xã hội",
	"Phòng Nông nghiệp và Phát triển nông thôn",
	"Ủy ban nhân dân xã Tân Thạnh",
	"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
	"Phòng Tư pháp",
	"Thanh tra",
	"Ban Quản lý dự án đầu tư xây dựng và phát triển quỹ đất khu vực phía Nam",
	"Trung tâm Văn hóa, Thể thao và Truyền thanh",
};

static const struct results *sort_res;

static int by_index(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const struct unit_result *ua = &sort_res->units[a], *ub = &sort_res->units[b];

	if (ua->scored != ub->scored)
		return ua->scored ? -1 : 1;
	if (ua->index != ub->index)
		return ua->index > ub->index ? -1 : 1;
	return a < b ? -1 : a > b;
}

/*
 * A year of n units over the sample index: registry and results made up
 * (the chart book reads nothing else), names long and short, a few units
 * unscored, some fields not applicable, some indices above 100.
 */
static void synth(const struct year *base, size_t n, struct year *y, struct results *r)
{
	size_t u, g, f, i, pos = 0;
	size_t nf = base->index.nfields, ng = base->index.ngroups;

	*y = *base;
	y->registry.units = xcalloc(n, sizeof(*y->registry.units));
	y->registry.nunits = n;
	y->registry.path = (char *)"generated/units.csv";
	y->has_previous = 1;
	memset(r, 0, sizeof(*r));
	r->nunits = n;
	r->nfields = nf;
	r->ngroups = ng;
	r->units = xcalloc(n, sizeof(*r->units));
	r->order = xcalloc(n, sizeof(*r->order));
	r->groups = xcalloc(ng, sizeof(*r->groups));
	for (u = 0; u < n; u++) {
		struct unit *un = &y->registry.units[u];
		struct unit_result *ur = &r->units[u];
		char buf[300];

		snprintf(buf, sizeof(buf), "U%03zu", u + 1);
		un->code = xstrdup(buf);
		snprintf(buf, sizeof(buf), "%s %zu", stems[yearfix_random() % ARRAY_SIZE(stems)], u + 1);
		un->name = xstrdup(buf);
		un->group = (int)(u % 3 == 2 ? 1 : 0) % (int)ng;
		un->line = (int)u + 2;
		ur->scored = yearfix_random() % 23 != 0;
		ur->field_max = xcalloc(nf, sizeof(int64_t));
		ur->field_index = xcalloc(nf, sizeof(int64_t));
		ur->field_points = xcalloc(nf, sizeof(int64_t));
		for (f = 0; f < nf; f++) {
			ur->field_max[f] = yearfix_random() % 11 == 0 ? 0 : 1000;
			ur->field_index[f] = ur->field_max[f] ? (int64_t)(yearfix_random() % 10001) : 0;
		}
		ur->index = 4000 + (int64_t)(yearfix_random() % 6400);
		ur->total = ur->index;
		ur->self_total = ur->total + (int64_t)(yearfix_random() % 1500) - 300;
		if (ur->self_total < 0)
			ur->self_total = 0;
		ur->grade = ur->scored ? scoring_grade(&base->index, ur->index) : -1;
		ur->has_prev = ur->scored && yearfix_random() % 7 != 0;
		ur->prev_index = 4000 + (int64_t)(yearfix_random() % 6000);
		ur->prev_rank = 1 + (int)(yearfix_random() % 60);
	}
	for (g = 0; g < ng; g++) {
		struct group_result *gr = &r->groups[g];
		int64_t sum = 0;

		gr->first = pos;
		for (u = 0; u < n; u++)
			if (y->registry.units[u].group == (int)g)
				r->order[pos++] = u;
		gr->n = pos - gr->first;
		sort_res = r;
		qsort(r->order + gr->first, gr->n, sizeof(size_t), by_index);
		gr->field_n = xcalloc(nf, sizeof(size_t));
		gr->avg_field_index = xcalloc(nf, sizeof(int64_t));
		gr->avg_field_points = xcalloc(nf, sizeof(int64_t));
		gr->best_field_index = xcalloc(nf, sizeof(int64_t));
		for (i = 0; i < gr->n; i++) {
			struct unit_result *ur = &r->units[r->order[gr->first + i]];

			if (!ur->scored)
				continue;
			ur->rank = (int)i + 1;
			ur->index_change = ur->index - ur->prev_index;
			ur->rank_change = ur->prev_rank - ur->rank;
			gr->nscored++;
			sum += ur->index;
			for (f = 0; f < nf; f++)
				if (ur->field_max[f]) {
					gr->field_n[f]++;
					gr->avg_field_index[f] += ur->field_index[f];
					if (ur->field_index[f] > gr->best_field_index[f])
						gr->best_field_index[f] = ur->field_index[f];
				}
		}
		gr->avg_index = gr->nscored ? sum / (int64_t)gr->nscored : 0;
		for (f = 0; f < nf; f++)
			if (gr->field_n[f])
				gr->avg_field_index[f] /= (int64_t)gr->field_n[f];
	}
}

static void synth_release(struct year *y, struct results *r)
{
	size_t u, g;

	for (u = 0; u < y->registry.nunits; u++) {
		free(y->registry.units[u].code);
		free(y->registry.units[u].name);
		free(r->units[u].field_max);
		free(r->units[u].field_index);
		free(r->units[u].field_points);
	}
	for (g = 0; g < r->ngroups; g++) {
		free(r->groups[g].field_n);
		free(r->groups[g].avg_field_index);
		free(r->groups[g].avg_field_points);
		free(r->groups[g].best_field_index);
	}
	free(y->registry.units);
	free(r->units);
	free(r->order);
	free(r->groups);
}

/* Units whose names are set whole (not abbreviated or cut) at the chart book's widths. */
static int whole_names(const struct year *y)
{
	struct chart_font cf = { PDF_REGULAR, PDF_PT(10) };
	struct chart_label l = CHART_LABEL_INIT;
	size_t u;
	int all = 1;

	for (u = 0; u < y->registry.nunits; u++) {
		chart_label_set(&l, y->registry.units[u].name, PDF_PT(150), 2, chart_font_width, &cf);
		if (l.shortened)
			all = 0;
	}
	chart_label_release(&l);
	return all;
}

static void test_generated(void)
{
	static const size_t sizes[] = { 3, 4, 7, 25, 41, 80, 137, 200 };
	struct yearfix base;
	struct year y;
	struct results r;
	struct strbuf txt = STRBUF_INIT, name = STRBUF_INIT, cmd = STRBUF_INIT, err = STRBUF_INIT;
	size_t k;

	if (yearfix_load(&base, "input/2024") < 0) {
		TEST("load input/2024", 0);
		yearfix_release(&base);
		return;
	}
	for (k = 0; k < ARRAY_SIZE(sizes); k++) {
		size_t n = sizes[k], u;
		char what[160], *pdf;
		int ov, outs, pages, cut = 0, nas = 0;

		snprintf(what, sizeof(what), "gen-%zu.pdf", n);
		pdf = pt_path(what);
		synth(&base.y, n, &y, &r);
		snprintf(what, sizeof(what), "%zu units: rendered", n);
		TEST_INT(what, render(&y, &r, 0, pdf), RENDER_OK);
		pages = bbox_check(pdf, &ov, &outs);
		snprintf(what, sizeof(what), "%zu units: %d pages, no overlapping words", n, pages);
		TEST_INT(what, ov, 0);
		snprintf(what, sizeof(what), "%zu units: no word outside the page", n);
		TEST_INT(what, outs, 0);
		raw_text(pdf, &txt);
		/* every unit on every chart, its name as set there (whole, abbreviated or cut) */
		for (u = 0; u < n; u++) {
			struct chart_font cf = { PDF_REGULAR, PDF_PT(10) };
			struct chart_label l = CHART_LABEL_INIT;

			chart_label_set(&l, y.registry.units[u].name, PDF_PT(150), 2, chart_font_width, &cf);
			cut += l.shortened != CHART_WHOLE;
			chart_label_release(&l);
		}
		snprintf(what, sizeof(what), "%zu units: ranking rows", n);
		TEST(what, check_ranking(&y, &r, &txt));
		snprintf(what, sizeof(what), "%zu units: fields rows", n);
		TEST(what, check_fields(&y, &r, &txt, &nas));
		snprintf(what, sizeof(what), "%zu units: self vs final rows", n);
		TEST(what, check_self(&y, &r, &txt));
		snprintf(what, sizeof(what), "%zu units: year over year rows", n);
		TEST(what, check_yoy(&y, &r, &txt));
		if (n == 200) {
			TEST("200 units: some long names shortened by the rule", cut > 0 && !whole_names(&y));
			TEST("200 units: the ranking continues over pages", count(txt.buf, "(tiếp theo)") >= 4);
			TEST("200 units: some fields not applicable", nas > 0);
			strbuf_reset(&cmd);
			strbuf_addf(&cmd, "qpdf --check '%s'", pdf);
			TEST("200 units: qpdf --check", pt_run(cmd.buf, NULL, &err) == 0 && err.len == 0);
			strbuf_reset(&cmd);
			strbuf_addf(&cmd, "pdftoppm -gray -r 80 -png -f 1 -l 3 '%s' '%s/gen200'", pdf, pt_scratch());
			TEST("200 units: grayscale render", pt_run(cmd.buf, NULL, &err) == 0 && err.len == 0);
		}
		if (n == 3) {
			/* a character the fonts lack: a data error, nothing written */
			char *bad = pt_path("bad.pdf");

			free(y.registry.units[1].name);
			y.registry.units[1].name = xstrdup("Phòng Tư pháp \xF0\x9F\x98\x80");
			TEST_INT("a glyph the fonts lack: RENDER_DATA", render(&y, &r, 0, bad), RENDER_DATA);
			TEST("a glyph the fonts lack: nothing written", access(bad, F_OK) != 0);
			free(bad);
		}
		synth_release(&y, &r);
		free(pdf);
	}
	yearfix_release(&base);
	strbuf_release(&txt);
	strbuf_release(&name);
	strbuf_release(&cmd);
	strbuf_release(&err);
}

int main(void)
{
	if (pdfdoc_global_init(YEARFIX_FONTS) < 0) {
		TEST("pdfdoc_global_init", 0);
		TEST_REPORT();
	}
	test_sample();
	test_generated();
	pt_cleanup();
	TEST_REPORT();
}
