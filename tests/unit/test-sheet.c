/*
 * test-sheet.c: the unit score sheets (sheet.c), drawn from the sample year.
 *
 * input/2024 is loaded and scored as the pipeline does it; sheets are drawn
 * into a scratch folder and read back through poppler: the text layer must
 * give the unit, its figures with decimal commas, its rank "k / n", every item
 * code of its group, each change with its reason and who made it, and for
 * CQ-VP the not-applicable items with the unit's note. Every sheet passes
 * qpdf --check, poppler reads it without a warning, every font is embedded,
 * every word stays inside the page's margins, and a second rendering is the
 * same file byte for byte. A unit without a submission gets a short sheet.
 * All 18 sample sheets are timed (printed, not asserted).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "pdftest.h"
#include "docs/render.h"
#include "score/scoring.h"
#include "docs/sheet.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "base/vnfmt.h"
#include "model/year.h"
#include "yearfix.h"

/* Does the squeezed text layer hold `what`? */
static int has(const struct strbuf *txt, const char *what)
{
	return pt_holds(txt->buf, NULL, what, NULL);
}

/*
 * The checks every document must pass: qpdf --check, no poppler message,
 * every font embedded and subset with a ToUnicode map.
 */
static void check_pdf(const char *path, const char *what)
{
	struct strbuf out = STRBUF_INIT, msg = STRBUF_INIT;
	int ok = 1, nfonts = 0;

	strbuf_addf(&msg, "%s: qpdf --check", what);
	TEST(msg.buf, pt_qpdf_passes(path));
	strbuf_reset(&msg);
	strbuf_addf(&msg, "%s: poppler reads it without a message", what);
	TEST(msg.buf, pt_poppler_quiet(path));

	pt_sh(&out, "pdffonts '%s' 2>&1", path);
	/* After the two header lines: "... emb sub uni object ID" = "yes yes yes N 0". */
	{
		char *line = out.buf, *nl;
		int k = 0;

		for (; line && *line; line = nl ? nl + 1 : NULL, k++) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = 0;
			if (k < 2 || !*line)
				continue;
			nfonts++;
			if (!strstr(line, " yes yes yes "))
				ok = 0;
		}
	}
	strbuf_reset(&msg);
	strbuf_addf(&msg, "%s: every font embedded, subset, with ToUnicode", what);
	TEST(msg.buf, ok && nfonts > 0);
	strbuf_release(&out);
	strbuf_release(&msg);
}

/*
 * Every word of every page inside the margins (pipeline/DOCUMENTS.md, "Page and margins"): left 30 mm,
 * right 15 mm, bottom 20 mm of a portrait A4 (in points, with half a point of
 * slack); the top margin holds the page number only.
 */
static void check_margins(const char *path, const char *what)
{
	struct strbuf msg = STRBUF_INIT;
	size_t words;
	size_t outside = pt_words_outside(path, 30 * 72 / 25.4 - 0.5, (210 - 15) * 72 / 25.4 + 0.5,
					  (297 - 20) * 72 / 25.4 + 0.5, &words);

	strbuf_addf(&msg, "%s: every word inside the margins", what);
	TEST(msg.buf, outside == 0 && words > 0);
	strbuf_release(&msg);
}

/* Renders the sheet of unit `code` to <file> in the scratch folder; returns its index or -1. */
static int render_unit(const struct render_ctx *c, const char *code, const char *file)
{
	int u = registry_find(&c->y->registry, code);
	char *path = pt_path(file);
	int st;

	if (u < 0) {
		free(path);
		return -1;
	}
	st = sheet_render(c, (size_t)u, path);
	free(path);
	return st == RENDER_OK ? u : -1;
}

/* CQ-NN: a rule change (1.1.3, T1), an appraisal change (7.3.1), last year's figures. */
static void test_changed_unit(const struct render_ctx *c)
{
	const struct year *y = c->y;
	const struct results *r = c->r;
	struct strbuf txt = STRBUF_INIT, sb = STRBUF_INIT;
	char *path = pt_path("CQ-NN.pdf"), *again = pt_path("CQ-NN-again.pdf");
	int u = render_unit(c, "CQ-NN", "CQ-NN.pdf"), ok;
	const struct unit_result *ur;

	TEST("CQ-NN: sheet rendered", u >= 0);
	if (u < 0)
		goto out;
	ur = &r->units[u];
	TEST("CQ-NN: text layer", pt_raw_text(path, &txt) == 0);
	TEST("CQ-NN: title", has(&txt, "PHIẾU KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024"));
	TEST("CQ-NN: authority", has(&txt, "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG"));
	TEST("CQ-NN: decision", has(&txt, "Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 01 năm 2025"));
	TEST("CQ-NN: unit name", has(&txt, "Phòng Nông nghiệp và Phát triển nông thôn"));
	TEST("CQ-NN: group", has(&txt, "Nhóm: Cơ quan chuyên môn thuộc Ủy ban nhân dân huyện"));
	TEST("CQ-NN: total with decimal comma", has(&txt, "Tổng điểm đạt được 86,23"));
	TEST("CQ-NN: applicable max", has(&txt, "Điểm tối đa áp dụng 100,00"));
	TEST("CQ-NN: index", has(&txt, "Chỉ số cải cách hành chính 86,23 %"));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Xếp hạng trong nhóm %d / %zu", ur->rank,
		    r->groups[y->registry.units[u].group].nscored);
	TEST("CQ-NN: rank k / n", has(&txt, sb.buf) && !strcmp(sb.buf, "Xếp hạng trong nhóm 10 / 12"));
	TEST("CQ-NN: grade", has(&txt, "Xếp loại Khá"));
	TEST("CQ-NN: bonus and penalty in the summary", has(&txt, "Điểm trừ 0,50"));
	TEST("CQ-NN: last year's index and rank", has(&txt, "Chỉ số năm 2023 84,43 %") &&
	     has(&txt, "Xếp hạng năm 2023 10"));
	TEST("CQ-NN: change of index and rank", has(&txt, "+1,80") && has(&txt, "Giữ nguyên"));

	/* every item code of the group, in index order */
	ok = 1;
	{
		const char *from = txt.buf;

		for (size_t i = 0; i < y->index.nitems; i++) {
			const struct item *it = &y->index.items[i];
			const char *at;

			if (!r->units[u].items[i].applies)
				continue;
			strbuf_reset(&sb);
			strbuf_addf(&sb, " %s ", it->code);
			at = strstr(from, sb.buf);
			if (!at) {
				printf("#   code %s missing or out of order\n", it->code);
				ok = 0;
				continue;
			}
			from = at + 1;
		}
	}
	TEST("CQ-NN: every item code of the group, in order", ok);
	TEST("CQ-NN: an item of the other group is absent", !strstr(txt.buf, " 6.3.2 "));

	/* every change with its reason and who made it */
	ok = 1;
	for (size_t i = 0; i < y->index.nitems; i++) {
		const struct item_result *ir = &r->units[u].items[i];

		if (!ir->changed_by)
			continue;
		if (!strcmp(ir->changed_by, "rule")) {
			ok &= has(&txt, "Lý do điều chỉnh: theo quy tắc chấm (số liệu của đơn vị:");
		} else {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "Lý do điều chỉnh (vòng %d): %s", year_round_of(y, ir->changed_by), ir->reason);
			ok &= has(&txt, sb.buf);
		}
	}
	TEST("CQ-NN: every change with its reason and its author", ok);
	TEST("CQ-NN: 7.3.1 max, self, final, then its evidence, then the reason and its round",
	     has(&txt, "7.3.1 Cập nhật, công khai thông tin trên trang thông tin điện tử đúng quy định 2,00 2,00 1,50 Tài liệu kiểm chứng: Chuyên mục của Phòng Nông nghiệp và Phát triển nông thôn trên Trang thông tin điện tử huyện Tân Phú Đông (tanphudong.tiengiang.gov.vn) Lý do điều chỉnh (vòng 1): Chuyên mục của Phòng trên Trang thông tin điện tử huyện chưa cập nhật kế hoạch cải cách hành chính năm 2024"));
	TEST("CQ-NN: 1.1.3 rule change with the raw data", has(&txt, "Lý do điều chỉnh: theo quy tắc chấm (số liệu của đơn vị: 23/24)"));
	TEST("CQ-NN: T1 rule change with the count", has(&txt, "Lý do điều chỉnh: theo quy tắc chấm (số liệu của đơn vị: 2 lần)"));
	{
		/* A reason line only under a changed item: as many as the changes. */
		size_t nreasons = 0, nchanges = 0;

		for (const char *p = strstr(txt.buf, "Lý do điều chỉnh"); p; p = strstr(p + 1, "Lý do điều chỉnh"))
			nreasons++;
		for (size_t i = 0; i < y->index.nitems; i++)
			nchanges += r->units[u].items[i].changed_by != NULL;
		TEST_INT("CQ-NN: one reason line per changed item, none elsewhere", nreasons, nchanges);
		TEST("CQ-NN: no reason column in the header", has(&txt, "Điểm tối đa Tự chấm Thẩm định") && !has(&txt, "Thẩm định Lý do điều chỉnh"));
	}
	TEST("CQ-NN: evidence cited", has(&txt, "Tài liệu kiểm chứng"));

	{
		struct strbuf js = STRBUF_INIT;

		pt_outlines(path, &js);
		TEST("CQ-NN: bookmarks of the unit and of parts I-IV",
		     strstr(js.buf, "\"title\": \"Phòng Nông nghiệp và Phát triển nông thôn\"") &&
		     strstr(js.buf, "\"title\": \"I. KẾT QUẢ CHUNG\"") &&
		     strstr(js.buf, "\"title\": \"II. CHỈ SỐ THÀNH PHẦN THEO LĨNH VỰC\"") &&
		     strstr(js.buf, "\"title\": \"III. KẾT QUẢ CHẤM ĐIỂM CÁC TIÊU CHÍ\"") &&
		     strstr(js.buf, "\"title\": \"IV. ĐIỂM THƯỞNG, ĐIỂM TRỪ\""));
		strbuf_release(&js);
	}
	check_pdf(path, "CQ-NN sheet");
	check_margins(path, "CQ-NN sheet");
	TEST("CQ-NN: rendered again", render_unit(c, "CQ-NN", "CQ-NN-again.pdf") == u);
	TEST("CQ-NN: byte-identical across two renderings", pt_same_file(path, again));
out:
	free(path);
	free(again);
	strbuf_release(&txt);
	strbuf_release(&sb);
}

/* CQ-VP: eight items declared not applicable, with the unit's note; applicable max 76. */
static void test_na_unit(const struct render_ctx *c)
{
	struct strbuf txt = STRBUF_INIT, sb = STRBUF_INIT;
	char *path = pt_path("CQ-VP.pdf");
	int u = render_unit(c, "CQ-VP", "CQ-VP.pdf");
	size_t nna = 0, seen = 0;
	const char *p;

	TEST("CQ-VP: sheet rendered", u >= 0);
	if (u < 0)
		goto out;
	TEST("CQ-VP: text layer", pt_raw_text(path, &txt) == 0);
	TEST("CQ-VP: applicable max 76,00", has(&txt, "Điểm tối đa áp dụng 76,00"));
	TEST("CQ-VP: index 92,76 %, shared rank 5", has(&txt, "92,76 %") &&
	     has(&txt, "Xếp hạng trong nhóm 5 / 12"));
	TEST("CQ-VP: 3.1.1 not applicable with the unit's note",
	     has(&txt, "3.1.1") &&
	     has(&txt, "Không áp dụng Lý do không áp dụng: Văn phòng không được giao chủ trì thủ tục hành chính nào trong danh mục do Chủ tịch UBND tỉnh công bố"));
	for (size_t i = 0; i < c->y->index.nitems; i++)
		nna += c->r->units[u].items[i].self_na;
	for (p = strstr(txt.buf, "Không áp dụng"); p; p = strstr(p + 1, "Không áp dụng"))
		seen++;
	TEST("CQ-VP: every not-applicable item says so", nna == 8 && seen >= nna);
	TEST("CQ-VP: field 3 applicable max 4,00 in its row",
	     has(&txt, "Cải cách thủ tục hành chính 4,00"));
	check_pdf(path, "CQ-VP sheet");
	check_margins(path, "CQ-VP sheet");
out:
	free(path);
	strbuf_release(&txt);
	strbuf_release(&sb);
}

/* Renders the sheet of unit `code` to <code>.pdf and reads its text layer into *txt; returns the unit's index or -1. */
static int render_read(const struct render_ctx *c, const char *code, struct strbuf *txt)
{
	struct strbuf name = STRBUF_INIT;
	char *path;
	int u;

	strbuf_addf(&name, "%s.pdf", code);
	u = render_unit(c, code, name.buf);
	path = pt_path(name.buf);
	pt_raw_text(path, txt);
	free(path);
	strbuf_release(&name);
	return u;
}

/* Other paths of the sample: a made-NA item, a cap on the bonus, an unclaimed penalty. */
static void test_other_units(const struct render_ctx *c)
{
	struct strbuf txt = STRBUF_INIT;
	char *path;

	TEST("CQ-TTR: sheet rendered", render_read(c, "CQ-TTR", &txt) >= 0);
	TEST("CQ-TTR: 7.2.3 made not applicable by the appraisal, with its reason",
	     has(&txt, "7.2.3 Tỷ lệ thanh toán trực tuyến nghĩa vụ tài chính trong giải quyết thủ tục hành chính 2,00 2,00 Không áp dụng Tài liệu kiểm chứng: Số liệu Cổng dịch vụ công quốc gia năm 2024: 0/0 hồ sơ thanh toán nghĩa vụ tài chính trực tuyến Lý do điều chỉnh (vòng 1): Thanh tra huyện không có thủ tục hành chính phát sinh nghĩa vụ tài chính, tiêu chí không áp dụng"));
	TEST("CQ-TTR: applicable max 96,00, index 94,72 %",
	     has(&txt, "Điểm tối đa áp dụng 96,00") && has(&txt, "94,72 %"));

	TEST("XA-TP: sheet rendered", render_read(c, "XA-TP", &txt) >= 0);
	TEST("XA-TP: bonus sum 4,00 capped at 3,00",
	     has(&txt, "Cộng điểm thưởng 3,00 4,00 4,00") && has(&txt, "Điểm thưởng được tính 3,00 3,00 3,00"));
	TEST("XA-TP: total above 100", has(&txt, "Tổng điểm đạt được 101,50"));
	TEST("XA-TP: rank 1 / 6", has(&txt, "Xếp hạng trong nhóm 1 / 6"));
	path = pt_path("XA-TP.pdf");
	check_margins(path, "XA-TP sheet");
	free(path);

	TEST("XA-PD: sheet rendered", render_read(c, "XA-PD", &txt) >= 0);
	TEST("XA-PD: unclaimed T2 given by the appraisal",
	     has(&txt, "2,00 0,00 1,00 Lý do điều chỉnh (vòng 1): Bị UBND huyện nhắc nhở 02 lần bằng văn bản do chậm gửi báo cáo cải cách hành chính quý II và quý III (số liệu thẩm định: 2 lần)"));

	TEST("XA-TTH: sheet rendered", render_read(c, "XA-TTH", &txt) >= 0);
	TEST("XA-TTH: declared total that does not add up",
	     has(&txt, "Tổng điểm tự chấm 93,45 Tổng điểm đơn vị kê khai 93,50 (chưa khớp)"));
	strbuf_release(&txt);
}

/* All sheets of the sample: each renders; time and size per sheet (printed). */
static void test_all(const struct render_ctx *c)
{
	struct timespec t0, t1;
	size_t n = c->y->registry.nunits, bytes = 0;
	int fails = 0, rounds = 2;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int k = 0; k < rounds; k++)
		for (size_t u = 0; u < n; u++) {
			char *path;
			struct strbuf name = STRBUF_INIT;

			strbuf_addf(&name, "all-%s.pdf", c->y->registry.units[u].code);
			path = pt_path(name.buf);
			if (sheet_render(c, u, path) != RENDER_OK)
				fails++;
			if (k == 0) {
				FILE *f = fopen(path, "rb");

				if (f) {
					fseek(f, 0, SEEK_END);
					bytes += (size_t)ftell(f);
					fclose(f);
				}
			}
			free(path);
			strbuf_release(&name);
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) /
	     (double)(n * (size_t)rounds);
	TEST("every unit of the sample has its sheet", fails == 0);
	printf("# %zu sheets x %d: %.2f ms per sheet, %zu bytes per sheet on average\n", n, rounds, ms,
	       n ? bytes / n : 0);
}

/* A unit without a valid submission: a short sheet, no rank. */
static void test_no_submission(void)
{
	struct yearfix m;
	struct render_ctx c;
	struct strbuf txt = STRBUF_INIT;
	char *path = pt_path("mini-A3.pdf");
	int u;

	if (yearfix_load(&m, "tests/data/mini") < 0 || (u = yearfix_drop_submission(&m, "A3")) < 0) {
		TEST("mini: loaded", 0);
		goto out;
	}
	c = yearfix_ctx(&m, NULL, 0);
	TEST("mini A3 without submission: sheet rendered", sheet_render(&c, (size_t)u, path) == RENDER_OK);
	pt_raw_text(path, &txt);
	TEST("mini A3: says why it has no result",
	     has(&txt, "Đơn vị không có hồ sơ tự đánh giá hợp lệ nên không được chấm điểm, xếp hạng."));
	TEST("mini A3: no rank", has(&txt, "Xếp hạng trong nhóm Không xếp hạng"));
	TEST("mini A3: no previous file", has(&txt, "không có số liệu để so sánh"));
	check_pdf(path, "mini A3 sheet");
out:
	yearfix_release(&m);
	strbuf_release(&txt);
	free(path);
}

/* A character the fonts lack, in a unit name: RENDER_DATA naming its origin, no file. */
static void test_bad_glyph(struct render_ctx *c)
{
	char *path = pt_path("bad.pdf");
	int u = registry_find(&c->y->registry, "CQ-NV");
	struct unit *un = &((struct year *)c->y)->registry.units[u];
	char *name = un->name;

	un->name = (char *)"Phòng Nội vụ \xe2\x98\x83"; /* U+2603 SNOWMAN */
	TEST("a glyph the fonts lack: RENDER_DATA", sheet_render(c, (size_t)u, path) == RENDER_DATA);
	un->name = name;
	TEST("a glyph the fonts lack: nothing written", access(path, F_OK) != 0);
	free(path);
}

int main(void)
{
	struct yearfix f;
	struct render_ctx c;

	diag_set_prog("test-sheet");
	if (yearfix_load(&f, "input/2024") < 0) {
		TEST("load and score input/2024", 0);
		goto out;
	}
	if (pdfdoc_global_init(YEARFIX_FONTS) < 0) {
		TEST("fonts", 0);
		goto out;
	}
	c = yearfix_ctx(&f, "templates", 0);

	test_changed_unit(&c);
	test_na_unit(&c);
	test_other_units(&c);
	test_all(&c);
	test_no_submission();
	test_bad_glyph(&c);
out:
	yearfix_release(&f);
	pt_cleanup();
	pdfdoc_global_release();
	TEST_REPORT();
}
