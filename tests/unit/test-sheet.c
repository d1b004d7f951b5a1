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

#include "common.h"
#include "diag.h"
#include "pdfdoc.h"
#include "render.h"
#include "scoring.h"
#include "sheet.h"
#include "strbuf.h"
#include "testhelp.h"
#include "vnfmt.h"
#include "year.h"

#define FONTS "/usr/share/fonts/truetype/liberation2"

static char dir[] = "/tmp/parx-test-sheet-XXXXXX";

/* Runs cmd, collecting its standard output (and error, if the command says 2>&1). */
static int run(const char *cmd, struct strbuf *out)
{
	FILE *f = popen(cmd, "r");
	char buf[4096];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(out, buf, n);
	return pclose(f);
}

/* Every run of white space made one space (table cells wrap anywhere). */
static void squeeze(struct strbuf *sb)
{
	size_t j = 0;
	int gap = 0;

	for (size_t i = 0; i < sb->len; i++) {
		char c = sb->buf[i];

		if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
			gap = 1;
			continue;
		}
		if (gap && j)
			sb->buf[j++] = ' ';
		gap = 0;
		sb->buf[j++] = c;
	}
	sb->len = j;
	sb->buf[j] = 0;
}

/* The text layer of a PDF in reading order, white space squeezed. */
static int text_of(const char *path, struct strbuf *out)
{
	char cmd[1024];

	strbuf_reset(out);
	snprintf(cmd, sizeof(cmd), "pdftotext -raw '%s' - 2>/dev/null", path);
	if (run(cmd, out) != 0)
		return -1;
	squeeze(out);
	return 0;
}

static int has(const struct strbuf *txt, const char *what)
{
	struct strbuf w = STRBUF_INIT;
	int found;

	strbuf_addstr(&w, what);
	squeeze(&w);
	found = strstr(txt->buf, w.buf) != NULL;
	if (!found)
		printf("#   missing: '%s'\n", w.buf);
	strbuf_release(&w);
	return found;
}

static int same_file(const char *a, const char *b)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "cmp -s '%s' '%s'", a, b);
	return system(cmd) == 0;
}

/*
 * The checks every document must pass: qpdf --check, no poppler message,
 * every font embedded and subset with a ToUnicode map.
 */
static void check_pdf(const char *path, const char *what)
{
	struct strbuf out = STRBUF_INIT, msg = STRBUF_INIT;
	char cmd[1024];
	int ok = 1, nfonts = 0;

	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1", path);
	strbuf_addf(&msg, "%s: qpdf --check", what);
	TEST(msg.buf, system(cmd) == 0);

	snprintf(cmd, sizeof(cmd), "pdftotext '%s' /dev/null 2>&1; pdfinfo '%s' 2>&1 >/dev/null", path,
		 path);
	run(cmd, &out);
	strbuf_reset(&msg);
	strbuf_addf(&msg, "%s: poppler reads it without a message", what);
	TEST(msg.buf, out.len == 0);
	if (out.len)
		printf("#   %s\n", out.buf);

	strbuf_reset(&out);
	snprintf(cmd, sizeof(cmd), "pdffonts '%s' 2>&1", path);
	run(cmd, &out);
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
 * Every word of every page inside the margins (documents.md §1): left 30 mm,
 * right 15 mm, bottom 20 mm of a portrait A4; the top margin holds the page
 * number only.
 */
static void check_margins(const char *path, const char *what)
{
	struct strbuf out = STRBUF_INIT, msg = STRBUF_INIT;
	char cmd[1024];
	const char *p;
	int ok = 1, words = 0;
	/* in points, with half a point of slack */
	const double left = 30 * 72 / 25.4 - 0.5, right = (210 - 15) * 72 / 25.4 + 0.5;
	const double bottom = (297 - 20) * 72 / 25.4 + 0.5;

	snprintf(cmd, sizeof(cmd), "pdftotext -bbox '%s' - 2>/dev/null", path);
	run(cmd, &out);
	for (p = strstr(out.buf, "<word "); p; p = strstr(p + 1, "<word ")) {
		double x0, y0, x1, y1;

		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0,
			   &x1, &y1) != 4)
			continue;
		words++;
		if (x0 < left || x1 > right || y1 > bottom) {
			if (ok)
				printf("#   word at %.1f,%.1f-%.1f,%.1f: %.40s\n", x0, y0, x1, y1, p);
			ok = 0;
		}
	}
	strbuf_addf(&msg, "%s: every word inside the margins", what);
	TEST(msg.buf, ok && words > 0);
	strbuf_release(&out);
	strbuf_release(&msg);
}

static char *sheet_path(const char *name)
{
	char *p = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

/* Renders the sheet of unit `code` to dir/<file>; returns its index or -1. */
static int render_unit(const struct render_ctx *c, const char *code, const char *file)
{
	int u = registry_find(&c->y->registry, code);
	char *path = sheet_path(file);
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
	char *path = sheet_path("CQ-NN.pdf"), *again = sheet_path("CQ-NN-again.pdf");
	int u = render_unit(c, "CQ-NN", "CQ-NN.pdf"), ok;
	const struct unit_result *ur;

	TEST("CQ-NN: sheet rendered", u >= 0);
	if (u < 0)
		goto out;
	ur = &r->units[u];
	TEST("CQ-NN: text layer", text_of(path, &txt) == 0);
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
			ok &= has(&txt, "Theo quy tắc chấm (số liệu của đơn vị:");
		} else {
			ok &= has(&txt, ir->reason);
			ok &= has(&txt, ir->changed_by);
		}
	}
	TEST("CQ-NN: every change with its reason and its author", ok);
	TEST("CQ-NN: 7.3.1 max, self, final, reason and file, evidence",
	     has(&txt, "7.3.1 Cập nhật, công khai thông tin trên trang thông tin điện tử đúng quy định 2,00 2,00 1,50 Chuyên mục của Phòng trên Trang thông tin điện tử huyện chưa cập nhật kế hoạch cải cách hành chính năm 2024 (2025-01-05-tham-dinh.csv) Chuyên mục của Phòng Nông nghiệp và Phát triển nông thôn trên Trang thông tin điện tử huyện Tân Phú Đông"));
	TEST("CQ-NN: 1.1.3 rule change with the raw data", has(&txt, "Theo quy tắc chấm (số liệu của đơn vị: 23/24)"));
	TEST("CQ-NN: T1 rule change with the count", has(&txt, "Theo quy tắc chấm (số liệu của đơn vị: 2 lần)"));
	TEST("CQ-NN: evidence cited", has(&txt, "Tài liệu kiểm chứng"));

	{
		char cmd[1024];
		struct strbuf js = STRBUF_INIT;

		snprintf(cmd, sizeof(cmd), "qpdf --json --json-key=outlines '%s' 2>/dev/null", path);
		run(cmd, &js);
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
	TEST("CQ-NN: byte-identical across two renderings", same_file(path, again));
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
	char *path = sheet_path("CQ-VP.pdf");
	int u = render_unit(c, "CQ-VP", "CQ-VP.pdf");
	size_t nna = 0, seen = 0;
	const char *p;

	TEST("CQ-VP: sheet rendered", u >= 0);
	if (u < 0)
		goto out;
	TEST("CQ-VP: text layer", text_of(path, &txt) == 0);
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

/* Other paths of the sample: a made-NA item, a cap on the bonus, an unclaimed penalty. */
static void test_other_units(const struct render_ctx *c)
{
	struct strbuf txt = STRBUF_INIT;
	char *path;

	path = sheet_path("CQ-TTR.pdf");
	TEST("CQ-TTR: sheet rendered", render_unit(c, "CQ-TTR", "CQ-TTR.pdf") >= 0);
	text_of(path, &txt);
	TEST("CQ-TTR: 7.2.3 made not applicable by the appraisal, with its reason",
	     has(&txt, "7.2.3 Tỷ lệ thanh toán trực tuyến nghĩa vụ tài chính trong giải quyết thủ tục hành chính 2,00 2,00 Không áp dụng Thanh tra huyện không có thủ tục hành chính phát sinh nghĩa vụ tài chính, tiêu chí không áp dụng (2025-01-05-tham-dinh.csv) Số liệu Cổng dịch vụ công quốc gia năm 2024: 0/0"));
	TEST("CQ-TTR: applicable max 96,00, index 94,72 %",
	     has(&txt, "Điểm tối đa áp dụng 96,00") && has(&txt, "94,72 %"));
	free(path);

	path = sheet_path("XA-TP.pdf");
	TEST("XA-TP: sheet rendered", render_unit(c, "XA-TP", "XA-TP.pdf") >= 0);
	text_of(path, &txt);
	TEST("XA-TP: bonus sum 4,00 capped at 3,00",
	     has(&txt, "Cộng điểm thưởng 3,00 4,00 4,00") && has(&txt, "Điểm thưởng được tính 3,00 3,00 3,00"));
	TEST("XA-TP: total above 100", has(&txt, "Tổng điểm đạt được 101,50"));
	TEST("XA-TP: rank 1 / 6", has(&txt, "Xếp hạng trong nhóm 1 / 6"));
	check_margins(path, "XA-TP sheet");
	free(path);

	path = sheet_path("XA-PD.pdf");
	TEST("XA-PD: sheet rendered", render_unit(c, "XA-PD", "XA-PD.pdf") >= 0);
	text_of(path, &txt);
	TEST("XA-PD: unclaimed T2 given by the appraisal",
	     has(&txt, "0,00 1,00 Bị UBND huyện nhắc nhở 02 lần bằng văn bản do chậm gửi báo cáo cải cách hành chính quý II và quý III (số liệu thẩm định: 2 lần; 2025-01-05-tham-dinh.csv)"));
	free(path);

	path = sheet_path("XA-TTH.pdf");
	TEST("XA-TTH: sheet rendered", render_unit(c, "XA-TTH", "XA-TTH.pdf") >= 0);
	text_of(path, &txt);
	TEST("XA-TTH: declared total that does not add up",
	     has(&txt, "Tổng điểm tự chấm 93,45 Tổng điểm đơn vị kê khai 93,50 (chưa khớp)"));
	free(path);
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
			path = sheet_path(name.buf);
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
	struct year y;
	struct results r;
	struct diag d;
	struct render_ctx c;
	struct strbuf txt = STRBUF_INIT;
	char *path = sheet_path("mini-A3.pdf"), *saved;
	int u;

	memset(&y, 0, sizeof(y));
	memset(&r, 0, sizeof(r));
	diag_init(&d);
	if (year_load(&y, "tests/data/mini", &d) < 0 || (u = registry_find(&y.registry, "A3")) < 0) {
		TEST("mini: loaded", 0);
		goto out;
	}
	saved = y.subs[u].path;
	y.subs[u].path = NULL;
	scoring_run(&y, &r, &d);
	memset(&c, 0, sizeof(c));
	c.y = &y;
	c.r = &r;
	c.epoch = render_epoch(&y);
	c.font_dir = FONTS;
	TEST("mini A3 without submission: sheet rendered", sheet_render(&c, (size_t)u, path) == RENDER_OK);
	y.subs[u].path = saved;
	text_of(path, &txt);
	TEST("mini A3: says why it has no result",
	     has(&txt, "Đơn vị không có hồ sơ tự đánh giá hợp lệ nên không được chấm điểm, xếp hạng."));
	TEST("mini A3: no rank", has(&txt, "Xếp hạng trong nhóm Không xếp hạng"));
	TEST("mini A3: no previous file", has(&txt, "không có số liệu để so sánh"));
	check_pdf(path, "mini A3 sheet");
out:
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	strbuf_release(&txt);
	free(path);
}

/* A character the fonts lack, in a unit name: RENDER_DATA naming its origin, no file. */
static void test_bad_glyph(struct render_ctx *c)
{
	char *path = sheet_path("bad.pdf");
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
	struct year y;
	struct results r;
	struct diag d;
	struct render_ctx c;
	char cmd[256];

	memset(&y, 0, sizeof(y));
	memset(&r, 0, sizeof(r));
	diag_init(&d);
	diag_set_prog("test-sheet");
	if (!mkdtemp(dir)) {
		TEST("scratch folder", 0);
		TEST_REPORT();
	}
	if (year_load(&y, "input/2024", &d) < 0 || d.nerrors || scoring_run(&y, &r, &d) < 0 ||
	    d.nerrors) {
		TEST("load and score input/2024", 0);
		goto out;
	}
	if (pdfdoc_global_init(FONTS) < 0) {
		TEST("fonts", 0);
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.y = &y;
	c.r = &r;
	c.epoch = render_epoch(&y);
	c.font_dir = FONTS;
	c.templates_dir = "templates";

	test_changed_unit(&c);
	test_na_unit(&c);
	test_other_units(&c);
	test_all(&c);
	test_no_submission();
	test_bad_glyph(&c);
out:
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	if (!getenv("PARX_KEEP")) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	} else {
		printf("# kept %s\n", dir);
	}
	pdfdoc_global_release();
	TEST_REPORT();
}
