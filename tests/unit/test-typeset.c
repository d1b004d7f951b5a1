/*
 * Tests of typeset, around a specimen document that shows everything the
 * layer does: a decision in portrait (two-column heading with rules,
 * justified articles with bold labels and italic grounds, a signature block
 * kept together), a landscape annex with a two-row spanning header that runs
 * over pages, and a 300-row table; marked as a draft.
 *
 * `test-typeset FILE` only writes the specimen (a draft) to FILE; to look at
 * it: pdftoppm -r 80 -png FILE /tmp/spec/p. PARX_SPECIMEN=path also keeps
 * a copy while testing.
 */
#include <math.h>
#include <pthread.h>
#include <time.h>

#include "base/diag.h"
#include "pdftest.h"
#include "testhelp.h"
#include "typeset/typeset.h"
#include "base/vnfmt.h"

#define EPOCH 1736035200 /* 2025-01-05 */

static const char *const units[] = {
	"Xã Tân Thới", "Xã Tân Phú", "Xã Phú Thạnh", "Xã Phú Đông", "Xã Phú Tân", "Xã Tân Thạnh",
	"Văn phòng HĐND và UBND huyện", "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch",
	"Phòng Tài nguyên và Môi trường", "Phòng Lao động - Thương binh và Xã hội",
	"Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo", "Phòng Y tế",
	"Phòng Kinh tế và Hạ tầng", "Phòng Nông nghiệp và Phát triển nông thôn",
	"Thanh tra huyện", "Trung tâm Văn hóa, Thông tin và Thể thao huyện",
	"Ban Quản lý dự án đầu tư xây dựng khu vực huyện",
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

static const char *const grades[] = { "Tốt", "Khá", "Trung bình", "Yếu" };

static struct pdfdoc *new_doc(int draft)
{
	struct pdfdoc_meta m = {
		"Quyết định công bố Chỉ số cải cách hành chính năm 2024 của các cơ quan, đơn vị",
		"Ủy ban nhân dân huyện Tân Phú Đông", "Chỉ số cải cách hành chính năm 2024",
		"cải cách hành chính; chỉ số CCHC; xếp hạng; Tân Phú Đông", NULL, EPOCH, draft, NULL,
	};
	return pdfdoc_new(&m);
}

/* The decision's heading: authority left, national motto right, each with its rule. */
static void heading(struct ts_flow *fl)
{
	struct pdfdoc *d = ts_flow_doc(fl);
	struct pdf_box fr;
	struct pdf_stroke rule = { PDF_PT(0.5), 0, 0, 0 };
	struct ts_style left = { PDF_REGULAR, PDF_PT(12.5), 0, LAY_CENTER, 0, 0, 0, 0, 0, 0 };
	struct ts_style right = { PDF_BOLD, PDF_PT(12.5), 0, LAY_CENTER, 0, 0, 0, 0, 0, 0 };
	struct ts_style motto = { PDF_BOLD, PDF_PT(13.5), 0, LAY_CENTER, 0, 0, 0, 0, 0, 0 };
	struct ts_style no = { PDF_REGULAR, PDF_PT(13), 0, LAY_CENTER, 0, 0, 0, 0, 0, 0 };
	struct ts_style place = { PDF_ITALIC, PDF_PT(13), 0, LAY_CENTER, 0, 0, 0, 0, 0, 0 };
	struct ts_run auth[] = { { PDF_BOLD, "ỦY BAN NHÂN DÂN\nHUYỆN TÂN PHÚ ĐÔNG" } };
	struct ts_run qh[] = { { PDF_BOLD, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" } };
	struct ts_run tn[] = { { PDF_BOLD, "Độc lập - Tự do - Hạnh phúc" } };
	struct ts_run so[] = { { PDF_REGULAR, "Số: 15/QĐ-UBND" } };
	struct ts_run dt[] = { { PDF_ITALIC, "Tân Phú Đông, ngày 20 tháng 01 năm 2025" } };
	int64_t lw = PDF_MM(62), rx, rw, top, h1, h2, w, y, tnw;

	pdfdoc_page_box(d, NULL, &fr);
	rx = fr.x0 + lw;
	rw = fr.x1 - rx;
	ts_reserve(fl, PDF_MM(28), &top);
	ts_para_at(fl, &left, auth, 1, fr.x0, lw, top, &h1, "heading");
	/* a rule of a third of "ỦY BAN NHÂN DÂN" under the authority */
	w = pdfdoc_text_width(PDF_BOLD, PDF_PT(12.5), "HUYỆN TÂN PHÚ ĐÔNG", strlen("HUYỆN TÂN PHÚ ĐÔNG")) / 2;
	y = top - h1 - PDF_PT(3);
	pdfdoc_line(d, &rule, fr.x0 + (lw - w) / 2, y, fr.x0 + (lw + w) / 2, y);
	ts_para_at(fl, &right, qh, 1, rx, rw, top, &h2, "heading");
	ts_para_at(fl, &motto, tn, 1, rx, rw, top - h2, &h1, "heading");
	tnw = pdfdoc_text_width(PDF_BOLD, PDF_PT(13.5), tn[0].text, strlen(tn[0].text));
	y = top - h2 - h1 - PDF_PT(3);
	pdfdoc_line(d, &rule, rx + (rw - tnw) / 2, y, rx + (rw + tnw) / 2, y);
	y -= PDF_PT(8);
	ts_para_at(fl, &no, so, 1, fr.x0, lw, y, &h1, "heading");
	ts_para_at(fl, &place, dt, 1, rx, rw, y, &h1, "heading");
}

static void decision(struct ts_flow *fl)
{
	struct ts_style title = TS_STYLE_HEADING, body = TS_STYLE_BODY, ground = TS_STYLE_BODY;
	struct ts_style center = TS_STYLE_HEADING;
	struct ts_run a1[] = {
		{ PDF_BOLD, "Điều 1. " },
		{ PDF_REGULAR, "Công bố Chỉ số cải cách hành chính năm 2024 của 20 cơ quan, đơn vị "
			       "thuộc Ủy ban nhân dân huyện Tân Phú Đông: 06 xã và 14 cơ quan chuyên môn, "
			       "đơn vị sự nghiệp (chi tiết tại " },
		{ PDF_ITALIC, "Phụ lục I" },
		{ PDF_REGULAR, " và " },
		{ PDF_ITALIC, "Phụ lục II" },
		{ PDF_REGULAR, " kèm theo). Chỉ số bình quân của nhóm xã đạt 87,25%; của nhóm cơ quan "
			       "chuyên môn đạt 84,10%; không có đơn vị xếp loại Yếu." },
	};
	struct ts_run a2[] = {
		{ PDF_BOLD, "Điều 2. " },
		{ PDF_REGULAR, "Giao Phòng Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị có liên quan "
			       "theo dõi, đôn đốc việc khắc phục những tồn tại, hạn chế được chỉ ra qua kết "
			       "quả xác định Chỉ số; tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân huyện trước "
			       "ngày 30 tháng 6 năm 2025." },
	};
	struct ts_run a3[] = {
		{ PDF_BOLD, "Điều 3. " },
		{ PDF_REGULAR, "Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Thủ trưởng các "
			       "cơ quan chuyên môn, đơn vị sự nghiệp thuộc Ủy ban nhân dân huyện và Chủ tịch "
			       "Ủy ban nhân dân các xã chịu trách nhiệm thi hành Quyết định này./." },
	};
	struct pdf_box fr;
	int64_t top, h1, h2, half;
	struct ts_style nn = { PDF_BOLD_ITALIC, PDF_PT(12), 0, LAY_LEFT, 0, 0, 0, 0, 0, 0 };
	struct ts_style rec = { PDF_REGULAR, PDF_PT(11), 0, LAY_LEFT, 0, 0, 0, 0, 0, 0 };
	struct ts_style sig = { PDF_BOLD, PDF_PT(13), 0, LAY_CENTER, 0, 0, 0, 0, 0, 0 };
	struct ts_run r_nn[] = { { PDF_BOLD_ITALIC, "Nơi nhận:" } };
	struct ts_run r_rec[] = { { PDF_REGULAR, "- Như Điều 3;\n- Sở Nội vụ tỉnh (b/c);\n"
						 "- TT. Huyện ủy, TT. HĐND huyện (b/c);\n- CT, các PCT UBND huyện;\n"
						 "- Cổng thông tin điện tử huyện;\n- Lưu: VT, NV." } };
	struct ts_run r_sig[] = { { PDF_BOLD, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\n\nNguyễn Văn An" } };

	heading(fl);
	ts_space(fl, PDF_PT(12));
	title.keep_with_next = 1;
	title.size = PDF_PT(14);
	ts_text(fl, &title, "QUYẾT ĐỊNH", "decision title");
	ts_text(fl, &title, "Về việc công bố Chỉ số cải cách hành chính năm 2024\ncủa các cơ quan, đơn vị "
		"thuộc Ủy ban nhân dân huyện", "decision summary");
	ts_rule(fl, PDF_MM(40), PDF_PT(0.5), PDF_PT(3), PDF_PT(10));
	ts_text(fl, &center, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG", "authority");
	ts_space(fl, PDF_PT(6));
	ground.font = PDF_ITALIC;
	ts_text(fl, &ground, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật "
		"sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
		"phương ngày 22 tháng 11 năm 2019;", "ground 1");
	ts_text(fl, &ground, "Căn cứ Quyết định số 1025/QĐ-UBND ngày 15 tháng 3 năm 2024 của Ủy ban nhân "
		"dân huyện ban hành Bộ Chỉ số đánh giá kết quả thực hiện công tác cải cách hành chính;",
		"ground 2");
	ts_text(fl, &ground, "Theo đề nghị của Trưởng phòng Nội vụ huyện.", "ground 3");
	ts_space(fl, PDF_PT(6));
	center.keep_with_next = 1;
	ts_text(fl, &center, "QUYẾT ĐỊNH:", "decides");
	ts_para(fl, &body, a1, sizeof(a1) / sizeof(a1[0]), "article 1");
	ts_para(fl, &body, a2, 2, "article 2");
	ts_para(fl, &body, a3, 2, "article 3");

	/* the signature block: two columns, never split */
	pdfdoc_page_box(ts_flow_doc(fl), NULL, &fr);
	half = (fr.x1 - fr.x0) / 2;
	ts_para_measure(fl, &rec, r_rec, 1, half, &h1, NULL, "recipients");
	ts_para_measure(fl, &sig, r_sig, 1, half, &h2, NULL, "signer");
	h1 += TS_LINES(PDF_PT(12), 100);
	ts_reserve(fl, (h1 > h2 ? h1 : h2) + PDF_PT(12), &top);
	top -= PDF_PT(12);
	ts_para_at(fl, &nn, r_nn, 1, fr.x0, half, top, &h1, "recipients");
	ts_para_at(fl, &rec, r_rec, 1, fr.x0, half, top - h1, NULL, "recipients");
	ts_para_at(fl, &sig, r_sig, 1, fr.x0 + half, half, top, NULL, "signer");
}

/* The ranking annex: landscape, a header of two rows with a span, 40 rows over pages. */
static void annex(struct ts_flow *fl, int rows)
{
	static const char *const fields[] = { "LV1", "LV2", "LV3", "LV4", "LV5", "LV6", "LV7" };
	struct ts_style t1 = TS_STYLE_HEADING, t2 = TS_STYLE_HEADING, sub = TS_STYLE_HEADING;
	struct ts_col cols[17];
	struct ts_table *t;
	struct strbuf sb = STRBUF_INIT;
	int c, r;

	t1.size = PDF_PT(14);
	sub.font = PDF_ITALIC;
	ts_text(fl, &t1, "Phụ lục I", "annex");
	ts_text(fl, &t2, "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA CÁC XÃ", "annex");
	ts_text(fl, &sub, "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 01 năm 2025 của Ủy ban nhân "
		"dân huyện Tân Phú Đông)", "annex");
	ts_rule(fl, PDF_MM(40), PDF_PT(0.5), PDF_PT(3), PDF_PT(8));

	cols[0] = (struct ts_col){ LAY_COL_FIT, 0, LAY_CENTER };
	cols[1] = (struct ts_col){ LAY_COL_PROP, 1, LAY_LEFT };
	for (c = 2; c < 9; c++)
		cols[c] = (struct ts_col){ LAY_COL_FIT, 0, LAY_RIGHT };
	for (c = 9; c < 14; c++)
		cols[c] = (struct ts_col){ LAY_COL_FIT, 0, LAY_RIGHT };
	cols[12].align = LAY_CENTER;
	cols[13].align = LAY_CENTER;
	cols[14] = (struct ts_col){ LAY_COL_FIT, 0, LAY_RIGHT };
	cols[15] = (struct ts_col){ LAY_COL_FIT, 0, LAY_CENTER };
	cols[16] = (struct ts_col){ LAY_COL_FIT, 0, LAY_CENTER };
	t = ts_table_new(cols, 17, NULL);
	ts_table_head_row(t);
	ts_table_cell(t, "STT");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Tên đơn vị");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Điểm các lĩnh vực");
	ts_table_span(t, 7, 1);
	ts_table_cell(t, "Điểm cộng");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Điểm trừ");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Tổng điểm");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Chỉ số (%)");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Xếp hạng");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Xếp loại");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Chỉ số năm trước");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Thay đổi hạng");
	ts_table_span(t, 1, 2);
	ts_table_head_row(t);
	for (c = 0; c < 7; c++)
		ts_table_cell(t, fields[c]);
	for (r = 0; r < rows; r++) {
		int64_t idx = 9500 - r * 37;

		ts_table_row(t);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d", r + 1);
		ts_table_cell(t, sb.buf);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s", units[(size_t)r % NUNITS], r % 7 == 3 ? " (đơn vị sáp nhập từ hai đơn vị cũ)" : "");
		ts_table_cell(t, sb.buf);
		ts_table_origin(t, "units.csv: unit name");
		for (c = 0; c < 7; c++) {
			strbuf_reset(&sb);
			vnfmt_add_hundredths(&sb, 700 + (r * 53 + c * 31) % 800);
			ts_table_cell(t, sb.buf);
		}
		ts_table_cell(t, "1,00");
		ts_table_cell(t, r % 5 ? "0,00" : "-0,50");
		strbuf_reset(&sb);
		vnfmt_add_hundredths(&sb, idx);
		ts_table_cell(t, sb.buf);
		ts_table_cell(t, sb.buf);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d", r + 1);
		ts_table_cell(t, sb.buf);
		ts_table_cell(t, grades[idx >= 9000 ? 0 : idx >= 8000 ? 1 : idx >= 6500 ? 2 : 3]);
		strbuf_reset(&sb);
		vnfmt_add_hundredths(&sb, idx - 150 + r * 11 % 300);
		ts_table_cell(t, sb.buf);
		strbuf_reset(&sb);
		vnfmt_add_int_signed(&sb, (r * 7) % 5 - 2);
		ts_table_cell(t, sb.buf);
	}
	ts_table_row(t);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, "Bình quân nhóm");
	ts_table_span(t, 2, 1);
	for (c = 0; c < 7; c++)
		ts_table_cell(t, "10,52");
	ts_table_cell(t, "1,00");
	ts_table_cell(t, "-0,10");
	ts_table_cell(t, "80,55");
	ts_table_cell(t, "80,55");
	ts_table_cell(t, "");
	ts_table_cell(t, "");
	ts_table_cell(t, "79,90");
	ts_table_cell(t, "");
	ts_table_draw(fl, t, "annex I table");
	ts_table_free(t);
	strbuf_release(&sb);
	t2.align = LAY_LEFT;
	ts_text(fl, &t2, "./.", "annex end");
}

/* The long table: 300 rows, some wrapping over two lines, marked R001A .. R001Z. */
static void long_table(struct ts_flow *fl)
{
	struct ts_col cols[] = {
		{ LAY_COL_FIT, 0, LAY_CENTER }, { LAY_COL_PROP, 1, LAY_LEFT },
		{ LAY_COL_FIXED, PDF_MM(25), LAY_RIGHT }, { LAY_COL_FIXED, PDF_MM(25), LAY_RIGHT },
	};
	struct ts_style t1 = TS_STYLE_HEADING;
	struct ts_table *t = ts_table_new(cols, 4, NULL);
	struct strbuf sb = STRBUF_INIT;
	int r;

	t1.size = PDF_PT(14);
	ts_text(fl, &t1, "Phụ lục II", "annex II");
	ts_text(fl, &t1, "ĐIỂM THÀNH PHẦN CỦA 300 TIÊU CHÍ", "annex II");
	ts_table_head_row(t);
	ts_table_cell(t, "Mã");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Tiêu chí");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Điểm");
	ts_table_span(t, 2, 1);
	ts_table_head_row(t);
	ts_table_cell(t, "Tối đa");
	ts_table_cell(t, "Đạt được");
	for (r = 1; r <= 300; r++) {
		ts_table_row(t);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d.%d", (r - 1) / 10 + 1, (r - 1) % 10 + 1);
		ts_table_cell(t, sb.buf);
		strbuf_reset(&sb);
		if (r % 9 == 0)
			strbuf_addf(&sb, "R%03dA Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết "
				    "trực tuyến toàn trình trên tổng số hồ sơ của đơn vị trong năm R%03dZ", r, r);
		else
			strbuf_addf(&sb, "R%03dA tiêu chí số %d R%03dZ", r, r, r);
		ts_table_cell(t, sb.buf);
		ts_table_cell(t, "2,00");
		strbuf_reset(&sb);
		vnfmt_add_hundredths(&sb, (r * 37) % 201);
		ts_table_cell(t, sb.buf);
	}
	ts_table_draw(fl, t, "annex II table");
	ts_table_free(t);
	strbuf_release(&sb);
}

static struct pdfdoc *specimen(int draft)
{
	struct pdfdoc *d = new_doc(draft);
	struct ts_flow *fl = ts_flow_new(d);

	ts_section(fl, "Quyết định", PDF_PORTRAIT, 0);
	decision(fl);
	ts_section(fl, "Phụ lục I", PDF_LANDSCAPE, 0);
	annex(fl, 40);
	ts_section(fl, "Phụ lục II", PDF_PORTRAIT, 0);
	long_table(fl);
	ts_flow_free(fl);
	return d;
}

/* Word boxes of pdftotext -bbox for page `page`: the right edge of each line's last word. */
static size_t line_ends(const char *pdf, int page, double *ymin, double *xmax, size_t max)
{
	struct strbuf out = STRBUF_INIT, cmd = STRBUF_INIT;
	const char *p;
	size_t n = 0;

	strbuf_addf(&cmd, "pdftotext -bbox -f %d -l %d '%s' -", page, page, pdf);
	pt_run(cmd.buf, &out, NULL);
	for (p = strstr(out.buf, "<word "); p; p = strstr(p + 1, "<word ")) {
		double x0, y0, x1, y1;
		size_t i;

		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1) != 4)
			continue;
		for (i = 0; i < n; i++)
			if (fabs(ymin[i] - y0) < 0.5)
				break;
		if (i == n) {
			if (n == max)
				continue;
			ymin[n] = y0;
			xmax[n++] = x1;
		} else if (x1 > xmax[i]) {
			xmax[i] = x1;
		}
	}
	strbuf_release(&out);
	strbuf_release(&cmd);
	return n;
}

static void test_specimen(void)
{
	char *path = pt_path("specimen.pdf");
	const char *keep = getenv("PARX_SPECIMEN");
	struct pdfdoc *d = specimen(1);
	struct strbuf text = STRBUF_INIT, cmd = STRBUF_INIT, out = STRBUF_INIT;
	unsigned char *m1 = NULL, *m2 = NULL;
	size_t l1 = 0, l2 = 0, n, i;
	int nfonts = 0, pages, p, ok, sec3 = 0, npg, seen[301], last = 0, split = 0, inorder = 1;
	double ymin[200], xmax[200];

	TEST_INT("specimen built and saved", pdfdoc_save(d, path), 0);
	if (pdfdoc_error(d))
		printf("# %s\n", pdfdoc_error(d));
	pdfdoc_free(d);
	if (keep && *keep) {
		d = specimen(1);
		pdfdoc_save(d, keep);
		pdfdoc_free(d);
	}
	d = specimen(1);
	pdfdoc_save_mem(d, &m1, &l1);
	pdfdoc_free(d);
	d = specimen(1);
	pdfdoc_save_mem(d, &m2, &l2);
	pdfdoc_free(d);
	TEST("specimen byte-identical across runs", l1 == l2 && l1 > 0 && !memcmp(m1, m2, l1));
	free(m1);
	free(m2);

	TEST("qpdf --check clean", pt_qpdf_ok(path));
	TEST("fonts embedded and subset", pt_fonts_ok(path, &nfonts));
	TEST_INT("four styles", nfonts, 4);
	TEST("pdftotext without warnings", pt_text(path, 0, 0, NULL, &text));
	TEST("text: heading", strstr(text.buf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") &&
	     strstr(text.buf, "Độc lập - Tự do - Hạnh phúc"));
	TEST("text: mixed runs", strstr(text.buf, "Điều 1. Công bố Chỉ số cải cách hành chính năm 2024") != NULL);
	TEST("text: signer", strstr(text.buf, "Nguyễn Văn An") != NULL);
	strbuf_addf(&cmd, "pdfinfo '%s'", path);
	pt_run(cmd.buf, &out, NULL);
	pages = 0;
	if (strstr(out.buf, "Pages:"))
		pages = atoi(strstr(out.buf, "Pages:") + 6);
	TEST("several pages", pages > 8);

	/* justified lines end exactly at the right margin: 595.276 - 15 mm = 552.756 pt */
	n = line_ends(path, 1, ymin, xmax, 200);
	ok = 0;
	for (i = 0; i < n; i++)
		if (fabs(xmax[i] - 552.756) < 0.05)
			ok++;
	TEST("justified lines flush with the right margin", ok >= 4);
	printf("# page 1: %d of %zu lines end at the right margin\n", ok, n);

	/* the 300-row table: header on every page, caption on later ones, no split row */
	memset(seen, 0, sizeof(seen));
	for (p = 1; p <= pages; p++) {
		pt_text(path, p, p, NULL, &text);
		if (strstr(text.buf, "Phụ lục II"))
			sec3 = p;
	}
	TEST("annex II found", sec3 > 0);
	npg = 0;
	ok = 1;
	for (p = sec3; sec3 && p <= pages; p++) {
		const char *s;

		pt_text(path, p, p, "-raw", &text);
		npg++;
		if (!strstr(text.buf, "Tiêu chí") || !strstr(text.buf, "Tối đa") || !strstr(text.buf, "Đạt được"))
			ok = 0;
		if ((p > sec3) != (strstr(text.buf, "(tiếp theo)") != NULL))
			ok = 0;
		for (s = strstr(text.buf, "R"); s; s = strstr(s + 1, "R")) {
			int r;
			char z;

			if (sscanf(s, "R%3d%c", &r, &z) != 2 || r < 1 || r > 300 || (z != 'A' && z != 'Z'))
				continue;
			if (z == 'A') {
				if (r != last + 1)
					inorder = 0;
				last = r;
				seen[r] |= 1;
				/* its Z must be on this page too */
				char mark[8];

				snprintf(mark, sizeof(mark), "R%03dZ", r);
				if (!strstr(s, mark))
					split = 1;
			} else {
				seen[r] |= 2;
			}
		}
	}
	TEST("header repeated on every page, caption on continuations", ok);
	TEST("the 300-row table spans pages", npg >= 5);
	for (i = 1, ok = 1; i <= 300; i++)
		if (seen[i] != 3)
			ok = 0;
	TEST("every row once", ok);
	TEST("rows in order", inorder);
	TEST("no row split across pages", !split);
	pt_text(path, pages, pages, "-raw", &text);
	TEST("the last page has two rows", strstr(text.buf, "R299A") && strstr(text.buf, "R300A"));
	printf("# specimen: %d pages, annex II on %d pages, %zu bytes\n", pages, npg, l1);

	strbuf_release(&text);
	strbuf_release(&cmd);
	strbuf_release(&out);
	free(path);
}

/* Widows and orphans, keep groups and keep-with-next, on a page filled with numbered lines. */
static void test_flow(void)
{
	struct ts_style st = { PDF_REGULAR, PDF_PT(12), PDF_PT(14), LAY_LEFT, 0, 0, 0, 0, 0, 0 };
	struct ts_style head = TS_STYLE_HEADING;
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;
	char *path = pt_path("flow.pdf");
	struct pdfdoc *d = new_doc(0);
	struct ts_flow *fl = ts_flow_new(d);
	int64_t room;
	int i;

	pdfdoc_section(d, NULL, PDF_PORTRAIT, PDF_SEC_NO_NUMBERS);
	/* fill until exactly one line of 14 pt is left */
	for (i = 0; ts_avail(fl) >= 2 * PDF_PT(14); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "filler %d", i);
		ts_text(fl, &st, sb.buf, "filler");
	}
	room = ts_avail(fl);
	TEST("one line left", room >= PDF_PT(14) && room < 2 * PDF_PT(14));
	ts_text(fl, &st, "orphan-1\northan-2\northan-3", "para");
	TEST_INT("orphan avoided: the paragraph starts a page", pdfdoc_page_count(d), 2);
	/* on page 2: fill until three lines are left, then a 4-line paragraph */
	while (ts_avail(fl) >= 4 * PDF_PT(14))
		ts_text(fl, &st, "filler", "filler");
	ts_text(fl, &st, "widow-1\nwidow-2\nwidow-3\nwidow-4", "para");
	ts_page_break(fl);
	/* a keep group that does not fit moves whole */
	while (ts_avail(fl) >= 4 * PDF_PT(14))
		ts_text(fl, &st, "filler", "filler");
	ts_keep_begin(fl);
	ts_text(fl, &st, "keep-1", "keep");
	ts_text(fl, &st, "keep-2", "keep");
	ts_text(fl, &st, "keep-3", "keep");
	ts_text(fl, &st, "keep-4", "keep");
	ts_keep_end(fl);
	ts_page_break(fl);
	/* a heading that keeps with its paragraph */
	while (ts_avail(fl) >= 3 * PDF_PT(14))
		ts_text(fl, &st, "filler", "filler");
	head.leading = PDF_PT(14);
	ts_text(fl, &head, "HEADING", "head");
	ts_text(fl, &st, "after-1\nafter-2\nafter-3", "para");
	/* a heading keeps with a block the caller places itself */
	ts_page_break(fl);
	while (ts_avail(fl) >= 4 * PDF_PT(14))
		ts_text(fl, &st, "filler", "filler");
	ts_text(fl, &head, "SIGNATURE", "head");
	{
		int64_t top;

		ts_reserve(fl, 5 * PDF_PT(14), &top);
		pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), PDF_MM(100), top - PDF_PT(12), "signer", "sig");
	}
	/* a block still waiting when a section starts stays in its own section */
	ts_text(fl, &head, "LAST WORDS", "kept back");
	pdfdoc_section(d, NULL, PDF_LANDSCAPE, 0);
	ts_text(fl, &st, "new section", "para");
	ts_flow_free(fl);
	TEST_INT("flow saved", pdfdoc_save(d, path), 0);
	pdfdoc_free(d);

	pt_text(path, 1, 1, "-raw", &text);
	TEST("page 1 has no orphan", !strstr(text.buf, "orphan-1"));
	pt_text(path, 2, 2, "-raw", &text);
	TEST("page 2 starts with the paragraph", !strncmp(text.buf, "orphan-1\n", 9));
	TEST("widow avoided: two lines stay", strstr(text.buf, "widow-2\n") && !strstr(text.buf, "widow-3"));
	pt_text(path, 3, 3, "-raw", &text);
	TEST("widow avoided: two lines go", !strncmp(text.buf, "widow-3\nwidow-4\n", 16));
	pt_text(path, 4, 4, "-raw", &text);
	TEST("keep group not on the filled page", !strstr(text.buf, "keep-1"));
	pt_text(path, 5, 5, "-raw", &text);
	TEST("keep group whole on the next page", !strncmp(text.buf, "keep-1\nkeep-2\nkeep-3\nkeep-4\n", 28));
	pt_text(path, 7, 7, "-raw", &text);
	TEST("heading kept with its paragraph", !strncmp(text.buf, "HEADING\nafter-1\n", 16));
	pt_text(path, 9, 9, "-raw", &text);
	TEST("a waiting block ends its section", strstr(text.buf, "signer\nLAST WORDS\n") != NULL);
	pt_text(path, 9, 9, "-raw", &text);
	TEST("a heading moves with the reserved block", !strncmp(text.buf, "SIGNATURE\nsigner\n", 17));
	pt_text(path, 10, 10, "-raw", &text);
	TEST_STR("the new section starts clean", text.buf, "new section\n\f");
	strbuf_release(&sb);
	strbuf_release(&text);
	free(path);
}

/* The chart book's way: the caller draws, then moves the flow's cursor to below what it drew. */
static void test_move_to(void)
{
	struct ts_style st = { PDF_REGULAR, PDF_PT(12), PDF_PT(14), LAY_LEFT, 0, 0, 0, 0, 0, 0 };
	struct pdfdoc *d = new_doc(0);
	struct ts_flow *fl = ts_flow_new(d);
	int64_t y0, top;

	pdfdoc_section(d, NULL, PDF_PORTRAIT, PDF_SEC_NO_NUMBERS);
	y0 = ts_y(fl);
	TEST_INT("move_to: the cursor follows", ts_move_to(fl, y0 - PDF_PT(100)) == 0 ? ts_y(fl) : 0,
		 y0 - PDF_PT(100));
	TEST_INT("move_to: no page added", pdfdoc_page_count(d), 1);
	ts_move_to(fl, y0 - ts_avail(fl) - PDF_PT(100) - PDF_PT(5));
	TEST_INT("move_to: below the bottom margin, still the same page", pdfdoc_page_count(d), 1);
	ts_reserve(fl, PDF_PT(10), &top);
	TEST("... and the next block starts a new page", pdfdoc_page_count(d) == 2 && top == y0);
	ts_text(fl, &st, "text", "text");
	ts_flow_free(fl);
	pdfdoc_free(d);
}

static void test_errors(void)
{
	struct ts_col cols[] = { { LAY_COL_PROP, 1, LAY_LEFT }, { LAY_COL_FIXED, PDF_MM(20), LAY_RIGHT } };
	struct ts_style st = TS_STYLE_BODY;
	struct pdfdoc *d = new_doc(0);
	struct ts_flow *fl = ts_flow_new(d);
	struct ts_table *t;

	TEST_INT("no page yet", ts_text(fl, &st, "x", "early"), -1);
	TEST("says so", strstr(pdfdoc_error(d), "no page"));
	ts_flow_free(fl);
	pdfdoc_free(d);

	d = new_doc(0);
	fl = ts_flow_new(d);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	t = ts_table_new(cols, 2, NULL);
	ts_table_row(t);
	ts_table_cell(t, "Hợp tác xã");
	ts_table_cell(t, "1");
	ts_table_cell(t, "2");
	TEST_INT("too many cells", ts_table_draw(fl, t, "units table"), -1);
	TEST("named", strstr(pdfdoc_error(d), "units table: row 1: cell 3 does not fit the 2 columns"));
	ts_table_free(t);
	ts_flow_free(fl);
	pdfdoc_free(d);

	d = new_doc(0);
	fl = ts_flow_new(d);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	t = ts_table_new(cols, 2, NULL);
	ts_table_row(t);
	ts_table_cell(t, "only one");
	TEST_INT("too few cells", ts_table_draw(fl, t, "units table"), -1);
	TEST("named", strstr(pdfdoc_error(d), "row 1 has cells for 1 of 2 columns"));
	ts_table_free(t);
	ts_flow_free(fl);
	pdfdoc_free(d);

	d = new_doc(0);
	fl = ts_flow_new(d);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	t = ts_table_new(cols, 2, NULL);
	ts_table_row(t);
	ts_table_cell(t, "Хорошо");
	ts_table_origin(t, "input/2024/units.csv:9: unit name");
	ts_table_cell(t, "1");
	TEST_INT("missing glyph in a cell", ts_table_draw(fl, t, "units table"), -1);
	TEST("cell origin and character named",
	     strstr(pdfdoc_error(d), "input/2024/units.csv:9: unit name: character U+0425 'Х'"));
	ts_table_free(t);
	ts_flow_free(fl);
	pdfdoc_free(d);

	d = new_doc(0);
	fl = ts_flow_new(d);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("missing glyph in a paragraph", ts_text(fl, &st, "Mã số ☃", "template.txt:3"), -1);
	TEST("paragraph origin named", !strncmp(pdfdoc_error(d), "template.txt:3: character U+2603", 32));
	ts_flow_free(fl);
	pdfdoc_free(d);
}

/* The text of page `pg` of pdf, lines as pdftotext -raw gives them. */
static int page_lines(const char *pdf, int pg, struct strbuf *text)
{
	return pt_text(pdf, pg, pg, "-raw", text);
}

/* The last line of a page's text (in sb's buffer, which it modifies). */
static const char *last_line(struct strbuf *sb)
{
	char *end;

	while (sb->len && (sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == '\f'))
		sb->buf[--sb->len] = '\0';
	end = strrchr(sb->buf, '\n');
	return end ? end + 1 : sb->buf;
}

/*
 * 30 groups of a heading row and 4 items, after some text: drawn with the
 * headings kept with their next row (or not), saved to `path`. Returns the
 * number of pages.
 */
static int grouped_table(const char *path, int keep)
{
	struct ts_col cols[] = { { LAY_COL_PROP, 1, LAY_LEFT } };
	struct ts_style st = { PDF_REGULAR, PDF_PT(12), 0, LAY_LEFT, 0, 0, 0, 0, 0, 0 };
	struct pdfdoc *d = new_doc(0);
	struct ts_flow *fl = ts_flow_new(d);
	struct ts_table *t = ts_table_new(cols, 1, NULL);
	struct strbuf sb = STRBUF_INIT;
	int pages;

	pdfdoc_section(d, NULL, PDF_PORTRAIT, PDF_SEC_NO_NUMBERS);
	ts_table_head_row(t);
	ts_table_cell(t, "HEAD");
	for (int g = 0; g < 30; g++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "GROUP %d", g);
		ts_table_row(t);
		if (keep)
			ts_table_row_keep(t);
		ts_table_row_font(t, PDF_BOLD);
		ts_table_cell(t, sb.buf);
		for (int i = 0; i < 4; i++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "item %d.%d", g, i);
			ts_table_row(t);
			ts_table_cell(t, sb.buf);
		}
	}
	for (int i = 0; i < 7; i++)
		ts_text(fl, &st, "before the table", "filler");
	ts_table_draw(fl, t, "grouped");
	ts_table_free(t);
	ts_flow_free(fl);
	pages = pdfdoc_save(d, path) < 0 ? -1 : pdfdoc_page_count(d);
	pdfdoc_free(d);
	strbuf_release(&sb);
	return pages;
}

static void test_table_keep(void)
{
	char *path = pt_path("keep.pdf");
	struct strbuf text = STRBUF_INIT;
	int pages, ends_on_group = 0, items = 0;

	/* the test can fail: without keeping, some page ends on a heading row */
	pages = grouped_table(path, 0);
	for (int pg = 1; pg <= pages; pg++) {
		page_lines(path, pg, &text);
		ends_on_group += !strncmp(last_line(&text), "GROUP ", 6);
	}
	TEST("without keeping, a page ends on a heading row", pages > 1 && ends_on_group > 0);

	pages = grouped_table(path, 1);
	ends_on_group = 0;
	for (int pg = 1; pg <= pages; pg++) {
		page_lines(path, pg, &text);
		for (const char *q = text.buf; (q = strstr(q, "item ")); q++)
			items++;
		ends_on_group += !strncmp(last_line(&text), "GROUP ", 6);
	}
	TEST("kept heading rows never end a page", pages > 1 && ends_on_group == 0);
	TEST_INT("every row once", items, 120);
	strbuf_release(&text);
	free(path);
}

static void test_table_measure(void)
{
	struct ts_col cols[] = { { LAY_COL_PROP, 1, LAY_LEFT }, { LAY_COL_PROP, 1, LAY_LEFT } };
	struct pdfdoc *d = new_doc(0);
	struct ts_flow *fl = ts_flow_new(d);
	struct ts_table *t = ts_table_new(cols, 2, NULL), *a, *b, *both[2];
	int64_t row = TS_LINES(PDF_PT(12), 100) + 2 * PDF_PT(1.5), h = 0, lead = 0, alone = 0, shared = 0;
	const char *words = "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba "
			    "mười bốn mười lăm mười sáu mười bảy mười tám mười chín hai mươi";

	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	for (int r = 0; r < 4; r++) {
		ts_table_row(t);
		if (r < 2)
			ts_table_row_keep(t);
		ts_table_cell(t, "a");
		ts_table_cell(t, "b");
	}
	TEST_INT("measured", ts_table_measure(fl, t, &h, &lead, "measured"), 0);
	TEST("height: four rows, space before and after", h == PDF_PT(6) + 4 * row + PDF_PT(6));
	TEST("lead: two kept rows and the one they keep with", lead == PDF_PT(6) + 3 * row);
	ts_table_row(t);
	ts_table_cell(t, "c");
	ts_table_cell(t, "d");
	ts_table_measure(fl, t, &h, NULL, "measured");
	TEST("a row added after measuring counts", h == PDF_PT(6) + 5 * row + PDF_PT(6));
	TEST_INT("drawn after measuring", ts_table_draw(fl, t, "measured"), 0);
	ts_table_free(t);

	/* a long word in table a's first column narrows the second column of b too */
	a = ts_table_new(cols, 2, NULL);
	ts_table_row(a);
	ts_table_cell(a, "Ủybannhândântỉnhđồngthápthànhphốcaolãnhphườngmộtphườnghai");
	ts_table_cell(a, "x");
	b = ts_table_new(cols, 2, NULL);
	ts_table_row(b);
	ts_table_cell(b, "y");
	ts_table_cell(b, words);
	ts_table_measure(fl, b, &alone, NULL, "b");
	both[0] = a;
	both[1] = b;
	TEST_INT("columns shared", ts_table_share_columns(fl, both, 2, "a and b"), 0);
	ts_table_measure(fl, b, &shared, NULL, "b");
	TEST("shared columns: b's text wraps in a narrower column", shared > alone);
	ts_table_cell(b, "z");
	ts_table_measure(fl, b, &h, NULL, "b");
	TEST_INT("b changed: its own widths again, and malformed", pdfdoc_error(d) != NULL, 1);
	ts_table_free(a);
	ts_table_free(b);
	ts_flow_free(fl);
	pdfdoc_free(d);

	d = new_doc(0);
	fl = ts_flow_new(d);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	t = ts_table_new(cols, 2, NULL);
	ts_table_head_row(t);
	ts_table_row_keep(t);
	ts_table_cell(t, "a");
	ts_table_cell(t, "b");
	TEST_INT("a kept header row", ts_table_draw(fl, t, "kept head"), -1);
	TEST("is misuse", strstr(pdfdoc_error(d), "kept head: malformed table") != NULL);
	ts_table_free(t);
	ts_flow_free(fl);
	pdfdoc_free(d);
}

/*
 * A row taller than a page: forty documents cited for one item, each an
 * entry of two or three lines, and a code in its first cell.
 */
static void test_table_split(void)
{
	struct ts_col cols[] = { { LAY_COL_FIXED, PDF_MM(20), LAY_LEFT }, { LAY_COL_PROP, 1, LAY_LEFT },
				 { LAY_COL_FIXED, PDF_MM(20), LAY_RIGHT } };
	char *path = pt_path("split.pdf");
	struct pdfdoc *d = new_doc(0);
	struct ts_flow *fl = ts_flow_new(d);
	struct ts_table *t = ts_table_new(cols, 3, NULL);
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;
	int pages, whole = 1, seen = 0, heads = 0, again = 0;

	pdfdoc_section(d, NULL, PDF_PORTRAIT, PDF_SEC_NO_NUMBERS);
	ts_table_head_row(t);
	ts_table_cell(t, "Mã");
	ts_table_cell(t, "Tài liệu");
	ts_table_cell(t, "Điểm");
	ts_table_row(t);
	ts_table_cell(t, "before");
	ts_table_cell(t, "a short row");
	ts_table_cell(t, "1,00");
	ts_table_row(t);
	ts_table_cell(t, "X.1");
	for (int k = 0; k < 40; k++)
		strbuf_addf(&sb, "%sBEGIN-%d Văn bản số %d/BC-PNV ngày 05/01/2024 của Phòng Nội vụ về việc "
			    "báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính năm 2024 END-%d",
			    k ? "\n" : "", k, k, k);
	ts_table_cell(t, sb.buf);
	ts_table_cell(t, "2,00");
	ts_table_row(t);
	ts_table_cell(t, "after");
	ts_table_cell(t, "the row after");
	ts_table_cell(t, "3,00");
	TEST_INT("a row taller than a page is set", ts_table_draw(fl, t, "split"), 0);
	ts_table_free(t);
	ts_flow_free(fl);
	TEST_INT("saved", pdfdoc_save(d, path), 0);
	pages = pdfdoc_page_count(d);
	pdfdoc_free(d);
	TEST("over several pages", pages >= 3);
	for (int pg = 1; pg <= pages; pg++) {
		page_lines(path, pg, &text);
		pt_squeeze_ws(&text, 0);
		heads += strstr(text.buf, "Mã Tài liệu Điểm") != NULL;
		again += pg > 1 && strstr(text.buf, "X.1 (tiếp theo)") != NULL;
		for (int k = 0; k < 40; k++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "BEGIN-%d ", k);
			if (!strstr(text.buf, sb.buf))
				continue;
			seen++;
			strbuf_reset(&sb);
			strbuf_addf(&sb, " END-%d", k);
			whole &= strstr(text.buf, sb.buf) != NULL;
		}
	}
	TEST_INT("the header on every page", heads, pages);
	TEST("the code again with the caption on later pages", again == pages - 1);
	TEST_INT("every document once", seen, 40);
	TEST("no document split between pages", whole);
	page_lines(path, pages, &text);
	TEST("the row after follows", strstr(text.buf, "the row after") != NULL);
	strbuf_release(&sb);
	strbuf_release(&text);
	free(path);
}

/*
 * A unit sheet's worth of typesetting: a heading, a table of 70 items (some
 * names wrapping) over two pages, a closing paragraph; saved to memory.
 */
static size_t unit_sheet(int k)
{
	struct ts_col cols[] = {
		{ LAY_COL_FIT, 0, LAY_CENTER }, { LAY_COL_PROP, 1, LAY_LEFT }, { LAY_COL_FIT, 0, LAY_RIGHT },
		{ LAY_COL_FIT, 0, LAY_RIGHT }, { LAY_COL_FIT, 0, LAY_RIGHT }, { LAY_COL_PROP, 1, LAY_LEFT },
	};
	struct ts_style h = TS_STYLE_HEADING, body = TS_STYLE_BODY;
	struct pdfdoc *d = new_doc(0);
	struct ts_flow *fl = ts_flow_new(d);
	struct ts_table *t = ts_table_new(cols, 6, NULL);
	struct strbuf sb = STRBUF_INIT;
	unsigned char *buf = NULL;
	size_t len = 0;
	int r;

	ts_section(fl, units[(size_t)k % NUNITS], PDF_PORTRAIT, 0);
	ts_text(fl, &h, "PHIẾU ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024", "sheet");
	ts_text(fl, &h, units[(size_t)k % NUNITS], "sheet");
	ts_text(fl, &body, "Tổng điểm: 87,25; Chỉ số: 87,25%; Xếp hạng: 3/6; Xếp loại: Khá.", "sheet");
	ts_table_head_row(t);
	ts_table_cell(t, "Mã");
	ts_table_cell(t, "Tiêu chí");
	ts_table_cell(t, "Tối đa");
	ts_table_cell(t, "Tự chấm");
	ts_table_cell(t, "Thẩm định");
	ts_table_cell(t, "Lý do thay đổi");
	for (r = 0; r < 70; r++) {
		ts_table_row(t);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d.%d", r / 10 + 1, r % 10 + 1);
		ts_table_cell(t, sb.buf);
		ts_table_cell(t, r % 4 ? "Ban hành kế hoạch cải cách hành chính năm" :
			      "Tỷ lệ hồ sơ giải quyết đúng hạn trên tổng số hồ sơ tiếp nhận trong năm");
		ts_table_cell(t, "2,00");
		ts_table_cell(t, "2,00");
		ts_table_cell(t, r % 6 ? "2,00" : "1,50");
		ts_table_cell(t, r % 6 ? "" : "Chưa có minh chứng đầy đủ");
	}
	ts_table_draw(fl, t, "sheet");
	ts_text(fl, &body, "Phiếu này được lập tự động từ dữ liệu đã thẩm định./.", "sheet");
	ts_flow_free(fl);
	pdfdoc_save_mem(d, &buf, &len);
	free(buf);
	ts_table_free(t);
	pdfdoc_free(d);
	strbuf_release(&sb);
	return len;
}

static void *sheets(void *arg)
{
	int *n = arg, i;

	for (i = 0; i < *n; i++)
		unit_sheet(i);
	return NULL;
}

static double now_ms(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* PARX_BENCH=1 ./build/tests/test-typeset: CPU per sheet, then two threads' throughput. */
static void bench(void)
{
	double best = 1e9, t0, ms, cpu;
	pthread_t th[2];
	int n = 200, r, i;
	size_t len = 0;

	for (r = 0; r < 5; r++) {
		t0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
		for (i = 0; i < 50; i++)
			len = unit_sheet(i);
		ms = (now_ms(CLOCK_PROCESS_CPUTIME_ID) - t0) / 50;
		if (ms < best)
			best = ms;
	}
	printf("# unit sheet (2 pages, 70-row table): %.2f ms CPU, %zu bytes\n", best, len);
	t0 = now_ms(CLOCK_MONOTONIC);
	cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID);
	for (i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, sheets, &n);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	ms = now_ms(CLOCK_MONOTONIC) - t0;
	cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	printf("# two threads: %d sheets in %.0f ms wall (%.0f ms CPU, %.1f ms CPU each): "
	       "10,000 would take %.0f s\n", 2 * n, ms, cpu, cpu / (2 * n), 10000 * ms / (2 * n) / 1e3);
}

int main(int argc, char **argv)
{
	diag_set_prog("test-typeset");
	if (pdfdoc_global_init(NULL) < 0)
		return 1;
	if (getenv("PARX_BENCH")) {
		bench();
		pdfdoc_global_release();
		return 0;
	}
	if (argc == 2) {
		/* test-typeset FILE: only write the specimen (tests/cases/t4001-specimen) */
		struct pdfdoc *d = specimen(1);
		int ret = pdfdoc_save(d, argv[1]);

		pdfdoc_free(d);
		pdfdoc_global_release();
		return ret < 0 ? 1 : 0;
	}
	test_specimen();
	test_flow();
	test_move_to();
	test_errors();
	test_table_keep();
	test_table_measure();
	test_table_split();
	pdfdoc_global_release();
	pt_cleanup();
	TEST_REPORT();
}
