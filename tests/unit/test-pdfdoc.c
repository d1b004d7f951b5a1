/*
 * Tests of pdfdoc: fonts and their repertoire, exact widths, the text layer
 * (every Vietnamese letter in every tone comes back through pdftotext),
 * pdffonts and qpdf --check, PDF/A metadata, page numbers per section,
 * bookmarks, the draft marking, errors naming the character and its origin,
 * byte-identical output (also from two threads at once), and the cost of a
 * two-page document.
 */
#include <fcntl.h>
#include <pthread.h>
#include <time.h>

#include <hpdf.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "pdf/fontsub.h"
#include "pdf/pdfdoc.h"
#include "pdftest.h"
#include "testhelp.h"

#define EPOCH 1736035200 /* 2025-01-05 00:00:00 UTC */

static const char *const vowels[] = {
	"a", "à", "á", "ả", "ã", "ạ", "ă", "ằ", "ắ", "ẳ", "ẵ", "ặ", "â", "ầ", "ấ", "ẩ", "ẫ", "ậ",
	"e", "è", "é", "ẻ", "ẽ", "ẹ", "ê", "ề", "ế", "ể", "ễ", "ệ",
	"i", "ì", "í", "ỉ", "ĩ", "ị",
	"o", "ò", "ó", "ỏ", "õ", "ọ", "ô", "ồ", "ố", "ổ", "ỗ", "ộ", "ơ", "ờ", "ớ", "ở", "ỡ", "ợ",
	"u", "ù", "ú", "ủ", "ũ", "ụ", "ư", "ừ", "ứ", "ử", "ữ", "ự",
	"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ", "đ",
};
static const char *const upper[] = {
	"A", "À", "Á", "Ả", "Ã", "Ạ", "Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ", "Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ",
	"E", "È", "É", "Ẻ", "Ẽ", "Ẹ", "Ê", "Ề", "Ế", "Ể", "Ễ", "Ệ",
	"I", "Ì", "Í", "Ỉ", "Ĩ", "Ị",
	"O", "Ò", "Ó", "Ỏ", "Õ", "Ọ", "Ô", "Ồ", "Ố", "Ổ", "Ỗ", "Ộ", "Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ",
	"U", "Ù", "Ú", "Ủ", "Ũ", "Ụ", "Ư", "Ừ", "Ứ", "Ử", "Ữ", "Ự",
	"Y", "Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ", "Đ",
};
#define NLETTERS (sizeof(vowels) / sizeof(vowels[0]))

static struct pdfdoc_meta meta(const char *title, int draft)
{
	struct pdfdoc_meta m = {
		title, "Ủy ban nhân dân huyện Tân Phú Đông", "Chỉ số cải cách hành chính năm 2024",
		"CCHC; chỉ số; xếp hạng", NULL, EPOCH, draft, NULL,
	};
	return m;
}

/* The lines of the round-trip document: letters in groups, then symbols. */
static void roundtrip_lines(struct strbuf *lines, size_t *n)
{
	size_t i;

	*n = 0;
	for (i = 0; i < NLETTERS; i++) {
		strbuf_addstr(lines, vowels[i]);
		strbuf_addch(lines, (i + 1) % 18 == 0 || i + 1 == NLETTERS ? '\n' : ' ');
	}
	for (i = 0; i < NLETTERS; i++) {
		strbuf_addstr(lines, upper[i]);
		strbuf_addch(lines, (i + 1) % 18 == 0 || i + 1 == NLETTERS ? '\n' : ' ');
	}
	strbuf_addstr(lines, "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc\n");
	strbuf_addstr(lines, "“Chỉ số” – 87,25 — 3.321 … ₫ € № ≤ ≥ ≠ ≈ − ‰ • © ° ± × ÷ § ¶ « »\n");
	strbuf_addstr(lines, "QUYẾT ĐỊNH: Điều 1. Ủy ban nhân dân huyện; Nơi nhận: Lưu: VT.\n");
	for (i = 0; i < lines->len; i++)
		if (lines->buf[i] == '\n')
			(*n)++;
}

/* Draws `text` line by line in the four styles in turn; one page. */
static void draw_lines(struct pdfdoc *d, const char *text)
{
	struct pdf_box fr;
	int64_t y;
	int k = 0;

	pdfdoc_page_box(d, NULL, &fr);
	y = fr.y1 - PDF_PT(13);
	while (*text) {
		const char *e = strchr(text, '\n');

		pdfdoc_textn(d, (enum pdf_font)(k++ % PDF_NFONTS), PDF_PT(13), fr.x0, y, text,
			     (size_t)(e - text), "test line");
		y -= PDF_PT(20);
		text = e + 1;
	}
}

static void test_measure(void)
{
	struct pdf_fontmetrics m;
	uint32_t bad = 0;
	size_t off = 0, i;
	int all = 1;

	for (i = 0; i < NLETTERS; i++) {
		uint32_t b;
		size_t o;

		if (pdfdoc_text_check(vowels[i], strlen(vowels[i]), &b, &o) < 0 ||
		    pdfdoc_text_check(upper[i], strlen(upper[i]), &b, &o) < 0)
			all = 0;
	}
	TEST("every Vietnamese letter is in the repertoire", all);
	TEST("U+0416 is not", !pdfdoc_char_ok(0x0416));
	TEST("U+0301 combining acute is not", !pdfdoc_char_ok(0x0301));
	TEST("U+1F600 is not", !pdfdoc_char_ok(0x1F600));
	TEST("U+20AB dong sign is", pdfdoc_char_ok(0x20AB));
	TEST_INT("check finds Ж", pdfdoc_text_check("Đà Nẵng Жук", strlen("Đà Nẵng Жук"), &bad, &off), -1);
	TEST_INT("Ж is U+0416", bad, 0x0416);
	TEST_INT("at byte 12", off, 12);
	TEST_INT("invalid UTF-8", pdfdoc_text_check("ab\xe1\xbb", 4, &bad, &off), -1);
	TEST_INT("invalid UTF-8 reported as such", bad, 0xFFFFFFFFu);
	TEST_INT("overlong form rejected", pdfdoc_text_check("\xc0\xaf", 2, &bad, &off), -1);
	TEST_INT("control character rejected", pdfdoc_text_check("a\x01", 2, &bad, &off), -1);
	TEST_INT("newline and tab pass the check", pdfdoc_text_check("a\nb\tc", 5, &bad, &off), 0);

	/* Liberation Serif has the widths of Times: a 444, space 250, bold a 500 (per 1000 em). */
	/* libharu truncates a's 909/2048 em to 443/1000: we measure what /W says */
	TEST_INT("a at 13 pt", pdfdoc_text_width(PDF_REGULAR, PDF_PT(13), "a", 1), 443 * 130);
	TEST_INT("space at 13 pt", pdfdoc_text_width(PDF_REGULAR, PDF_PT(13), " ", 1), 250 * 130);
	TEST_INT("bold a at 13 pt", pdfdoc_text_width(PDF_BOLD, PDF_PT(13), "a", 1), 500 * 130);
	TEST_INT("ệ as wide as e", pdfdoc_text_width(PDF_REGULAR, PDF_PT(13), "ệ", strlen("ệ")),
		 pdfdoc_text_width(PDF_REGULAR, PDF_PT(13), "e", 1));
	TEST_INT("width is additive", pdfdoc_text_width(PDF_ITALIC, PDF_PT(12), "Việt Nam", strlen("Việt Nam")),
		 pdfdoc_text_width(PDF_ITALIC, PDF_PT(12), "Việt", strlen("Việt")) +
		 pdfdoc_text_width(PDF_ITALIC, PDF_PT(12), " Nam", 4));
	pdfdoc_font_metrics(PDF_REGULAR, &m);
	TEST("metrics plausible", m.ascent > 800 && m.ascent < 1000 && m.descent > 150 &&
	     m.descent < 300 && m.cap_height > 600 && m.x_height > 400);
}

static void test_roundtrip(void)
{
	struct strbuf lines = STRBUF_INIT, text = STRBUF_INIT, want = STRBUF_INIT;
	struct pdfdoc_meta m = meta("Kiểm tra chữ Việt", 0);
	struct pdfdoc *d = pdfdoc_new(&m);
	char *path = pt_path("roundtrip.pdf");
	size_t n;
	int nfonts = 0;

	roundtrip_lines(&lines, &n);
	pdfdoc_section(d, "Chữ Việt", PDF_PORTRAIT, 0);
	draw_lines(d, lines.buf);
	TEST_INT("round trip saved", pdfdoc_save(d, path), 0);
	pdfdoc_free(d);

	strbuf_add(&want, lines.buf, lines.len);
	strbuf_addch(&want, '\f');
	/*
	 * -raw: in its default mode poppler joins a line made only of one-letter
	 * words ("a à á") into one word, a heuristic for letter-spaced text; the
	 * spaces are in the PDF. Real text comes back in the default mode too.
	 */
	TEST("pdftotext without warnings", pt_text(path, 0, 0, "-raw", &text));
	TEST_STR("every letter, tone and case comes back exactly", text.buf, want.buf);
	pt_text(path, 0, 0, NULL, &text);
	TEST("real text in the default mode", strstr(text.buf, "\nCộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc\n"
						      "“Chỉ số” – 87,25 — 3.321 … ₫ € № ≤ ≥ ≠ ≈ − ‰ • © ° ± × ÷ § ¶ « »\n"
						      "QUYẾT ĐỊNH: Điều 1. Ủy ban nhân dân huyện; Nơi nhận: Lưu: VT.\n") != NULL);
	TEST("fonts embedded, subset, with ToUnicode", pt_fonts_ok(path, &nfonts));
	TEST_INT("four fonts", nfonts, 4);
	TEST("qpdf --check clean", pt_qpdf_ok(path));
	strbuf_release(&lines);
	strbuf_release(&text);
	strbuf_release(&want);
	free(path);
}

/* A document of two sections with page numbers and bookmarks; `variant` changes one word. */
static struct pdfdoc *sections_doc(int draft, int variant)
{
	struct pdfdoc_meta m = meta("Quyết định <công bố> & \"xếp hạng\"", draft);
	struct pdfdoc *d = pdfdoc_new(&m);
	struct pdf_box fr;
	struct pdf_stroke s = { PDF_PT(0.5), 0, 0, 0 };
	int i;

	pdfdoc_section(d, "Quyết định", PDF_PORTRAIT, 0);
	for (i = 0; i < 2; i++) {
		if (i)
			pdfdoc_page_add(d);
		pdfdoc_page_box(d, NULL, &fr);
		pdfdoc_text(d, PDF_REGULAR, PDF_PT(13), fr.x0, fr.y1 - PDF_PT(20),
			    variant ? "Nội dung khác" : "Nội dung quyết định", NULL);
		pdfdoc_line(d, &s, fr.x0, fr.y1 - PDF_PT(25), fr.x1, fr.y1 - PDF_PT(25));
	}
	pdfdoc_section(d, "Phụ lục I", PDF_LANDSCAPE, 0);
	pdfdoc_bookmark(d, "Bảng xếp hạng nhóm xã", PDF_MM(150));
	for (i = 0; i < 3; i++) {
		if (i)
			pdfdoc_page_add(d);
		pdfdoc_page_box(d, NULL, &fr);
		pdfdoc_text(d, PDF_BOLD, PDF_PT(13), fr.x0, fr.y1 - PDF_PT(20), "Phụ lục I", NULL);
		pdfdoc_rect(d, &s, 90, fr.x0, fr.y0, PDF_MM(40), PDF_MM(10));
		pdfdoc_hatch(d, &s, fr.x0 + PDF_MM(50), fr.y0, PDF_MM(40), PDF_MM(10), 45, PDF_PT(3));
		pdfdoc_circle(d, &s, -1, fr.x0 + PDF_MM(120), fr.y0 + PDF_MM(5), PDF_MM(4));
	}
	return d;
}

static void test_sections(void)
{
	char *a = pt_path("sections-a.pdf"), *b = pt_path("sections-b.pdf");
	char *c = pt_path("sections-c.pdf"), *dr = pt_path("draft.pdf");
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT, cmd = STRBUF_INIT;
	struct pdfdoc *d;
	unsigned char *mem = NULL;
	size_t memlen = 0;
	int nfonts, p, ok = 1;
	static const char *const want_pages[] = {
		"Nội dung quyết định\n\f", "2\nNội dung quyết định\n\f", "Phụ lục I\n\f",
		"2\nPhụ lục I\n\f", "3\nPhụ lục I\n\f",
	};

	d = sections_doc(0, 0);
	TEST_INT("sections saved", pdfdoc_save(d, a), 0);
	pdfdoc_free(d);
	d = sections_doc(0, 0);
	TEST_INT("sections saved again", pdfdoc_save(d, b), 0);
	pdfdoc_free(d);
	TEST("two runs byte-identical", pt_same_file(a, b));
	d = sections_doc(0, 0);
	TEST_INT("saved to memory", pdfdoc_save_mem(d, &mem, &memlen), 0);
	pdfdoc_free(d);
	pt_read(a, &out);
	TEST("memory copy equals the file", memlen == out.len && !memcmp(mem, out.buf, memlen));
	free(mem);
	d = sections_doc(0, 1);
	pdfdoc_save(d, c);
	pdfdoc_free(d);
	pt_read(c, &text);
	TEST("different content, different /ID",
	     pt_find(&out, "/ID [") && pt_find(&text, "/ID [") &&
	     memcmp(pt_find(&out, "/ID ["), pt_find(&text, "/ID ["), 40));

	for (p = 0; p < 5; p++) {
		pt_text(a, p + 1, p + 1, NULL, &text);
		pt_squeeze(&text);
		if (strcmp(text.buf, want_pages[p])) {
			printf("# page %d: '%s'\n", p + 1, text.buf);
			ok = 0;
		}
	}
	TEST("page numbers: none on a section's first page, restarting per section", ok);
	strbuf_addf(&cmd, "pdfinfo -f 1 -l 5 '%s'", a);
	pt_run(cmd.buf, &out, NULL);
	TEST("portrait A4", strstr(out.buf, "Page    1 size:  595.276 x 841.89 pts (A4)") != NULL);
	TEST("landscape A4", strstr(out.buf, "Page    3 size:  841.89 x 595.276 pts (A4)") != NULL);
	TEST("Info title in Vietnamese", strstr(out.buf, "Title:           Quyết định <công bố> & \"xếp hạng\"\n") != NULL);
	TEST("Info author", strstr(out.buf, "Author:          Ủy ban nhân dân huyện Tân Phú Đông\n") != NULL);
	TEST("Info subject", strstr(out.buf, "Subject:         Chỉ số cải cách hành chính năm 2024\n") != NULL);
	TEST("Info keywords", strstr(out.buf, "Keywords:        CCHC; chỉ số; xếp hạng\n") != NULL);
	TEST("creation date from the epoch", strstr(out.buf, "CreationDate:    Sun Jan  5 00:00:00 2025 UTC") != NULL);
	TEST("PDF 1.7", strstr(out.buf, "PDF version:     1.7") != NULL);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "pdfinfo -meta '%s'", a);
	pt_run(cmd.buf, &out, NULL);
	TEST("XMP: PDF/A-2b", strstr(out.buf, "<pdfaid:part>2</pdfaid:part>") &&
	     strstr(out.buf, "<pdfaid:conformance>B</pdfaid:conformance>"));
	TEST("XMP: title escaped", strstr(out.buf, ">Quyết định &lt;công bố&gt; &amp; &quot;xếp hạng&quot;</rdf:li>") != NULL);
	TEST("XMP: creator", strstr(out.buf, "<rdf:li>Ủy ban nhân dân huyện Tân Phú Đông</rdf:li>") != NULL);
	TEST("XMP: dates equal to Info", strstr(out.buf, "<xmp:CreateDate>2025-01-05T00:00:00Z</xmp:CreateDate>") &&
	     strstr(out.buf, "<xmp:ModifyDate>2025-01-05T00:00:00Z</xmp:ModifyDate>"));
	TEST("XMP: producer", strstr(out.buf, "<pdf:Producer>parx ") != NULL);
	pt_read(a, &out);
	TEST("metadata stream not compressed", pt_find(&out, "<pdfaid:part>2</pdfaid:part>") != NULL);
	TEST("output intent sRGB", pt_find(&out, "/S /GTS_PDFA1") && pt_find(&out, "/DestOutputProfile ") &&
	     pt_find(&out, "(sRGB IEC61966-2.1)"));
	TEST("Info dates as D:...Z", pt_find(&out, "(D:20250105000000Z)") != NULL);
	TEST("no transparency", !pt_find(&out, "/SMask") && !pt_find(&out, "/CA ") && !pt_find(&out, "/ca "));
	TEST("no encryption", !pt_find(&out, "/Encrypt"));
	TEST("fonts ok", pt_fonts_ok(a, &nfonts));
	TEST_INT("two fonts used", nfonts, 2);
	TEST("qpdf --check clean", pt_qpdf_ok(a));
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "qpdf --json --json-key=outlines '%s'", a);
	pt_run(cmd.buf, &out, NULL);
	TEST("bookmarks in UTF-8", strstr(out.buf, "Quyết định") && strstr(out.buf, "Phụ lục I") &&
	     strstr(out.buf, "Bảng xếp hạng nhóm xã"));

	d = sections_doc(1, 0);
	TEST_INT("draft saved", pdfdoc_save(d, dr), 0);
	pdfdoc_free(d);
	ok = 1;
	for (p = 0; p < 5; p++) {
		pt_text(dr, p + 1, p + 1, NULL, &text);
		if (!strstr(text.buf, "DỰ THẢO") || strstr(strstr(text.buf, "DỰ THẢO") + 1, "DỰ THẢO"))
			ok = 0;
	}
	TEST("draft: marked once as text on every page (the big marking is shapes)", ok);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "pdfinfo '%s'", dr);
	pt_run(cmd.buf, &out, NULL);
	TEST("draft: title says so", strstr(out.buf, "Title:           DỰ THẢO: Quyết định") != NULL);
	TEST("draft: qpdf clean", pt_qpdf_ok(dr));

	strbuf_release(&text);
	strbuf_release(&out);
	strbuf_release(&cmd);
	free(a);
	free(b);
	free(c);
	free(dr);
}

/* Occurrences of needle in sb (which may hold NULs; needle up to its first newline or 40 bytes). */
static int count(const struct strbuf *sb, const char *needle)
{
	size_t n = strcspn(needle, "\n"), i;
	int k = 0;

	if (n > 40)
		n = 40;
	for (i = 0; n && i + n <= sb->len; i++)
		if (!memcmp(sb->buf + i, needle, n))
			k++;
	return k;
}

/* The grey level 0..255 of one pixel of page 1 at 72 dpi (x, y from the top left, in points). */
static int pixel_grey(const char *pdf, int x, int y)
{
	struct strbuf cmd = STRBUF_INIT, out = STRBUF_INIT;
	int v = -1;

	strbuf_addf(&cmd, "pdftoppm -gray -r 72 -f 1 -l 1 -x %d -y %d -W 1 -H 1 '%s'", x, y, pdf);
	if (pt_run(cmd.buf, &out, NULL) == 0 && out.len > 0 && !strncmp(out.buf, "P5", 2))
		v = (unsigned char)out.buf[out.len - 1];
	strbuf_release(&cmd);
	strbuf_release(&out);
	return v;
}

/*
 * Colours, hatching, the font dictionaries and the exact numbers of the
 * content, read back from qpdf's uncompressed copy.
 */
static void test_drawing(void)
{
	char *a = pt_path("drawing.pdf"), *q = pt_path("drawing-qdf.pdf");
	struct pdfdoc_meta m = meta("Biểu đồ màu", 0);
	struct pdfdoc *d;
	struct pdf_stroke blue = { PDF_PT(2), PDF_RGB(0xD55E00), 0, 0 };
	struct pdf_stroke hs = { PDF_PT(0.5), 0, 0, 0 };
	struct pdf_stroke dashed = { PDF_PT(0.5), 50, PDF_PT(3), PDF_PT(1.5) };
	struct strbuf out = STRBUF_INIT, cmd = STRBUF_INIT;
	const char *p;
	int nfonts, i, g;

	m.keywords = "biểu đồ; 𝔸";
	d = pdfdoc_new(&m);
	pdfdoc_section(d, "Biểu đồ 𝔸", PDF_PORTRAIT, 0);
	/* a blue square 100 pt from the top left corner, 100 pt wide */
	pdfdoc_rect(d, NULL, PDF_RGB(0x0072B2), PDF_PT(100), PDF_A4_LONG - PDF_PT(200), PDF_PT(100),
		    PDF_PT(100));
	pdfdoc_line(d, &blue, PDF_MM(30), PDF_MM(30), PDF_MM(180), PDF_MM(30));
	pdfdoc_line(d, &dashed, PDF_MM(30), PDF_MM(40), PDF_MM(180), PDF_MM(40));
	pdfdoc_text_ex(d, PDF_ITALIC, PDF_PT(12), PDF_MM(30), PDF_MM(50), 0, PDF_RGB(0x009E73),
		       "Màu xanh lục (Okabe-Ito)", 27, NULL);
	for (i = 0; i < 4; i++)
		pdfdoc_hatch(d, &hs, PDF_MM(30 + 40 * i), PDF_MM(100), PDF_MM(30), PDF_MM(20), 45 * i,
			     PDF_PT(2.2));
	pdfdoc_page_add(d);
	pdfdoc_hatch(d, &hs, PDF_MM(30), PDF_MM(100), PDF_MM(30), PDF_MM(20), 45, PDF_PT(2.2));
	pdfdoc_circle(d, &blue, PDF_RGB(0xE69F00), PDF_MM(100), PDF_MM(200), PDF_MM(10));
	TEST_INT("colours and hatching saved", pdfdoc_save(d, a), 0);
	pdfdoc_free(d);

	TEST("qpdf --check clean", pt_qpdf_ok(a));
	TEST("fonts ok", pt_fonts_ok(a, &nfonts));
	TEST("pdftotext without warnings", pt_text(a, 0, 0, "-raw", &out));
	TEST("coloured text is text", strstr(out.buf, "Màu xanh lục (Okabe-Ito)") != NULL);
	/* poppler's grey of 0x0072B2: 0.3 R + 0.59 G + 0.11 B = 87 */
	g = pixel_grey(a, 150, 150);
	TEST("the blue square prints as the grey of its luminance", g >= 80 && g <= 95);
	TEST_INT("white around it", pixel_grey(a, 90, 150), 255);
	strbuf_addf(&cmd, "qpdf --qdf --object-streams=disable '%s' '%s'", a, q);
	pt_run(cmd.buf, NULL, NULL);
	pt_read(q, &out);
	TEST("fill colour: DeviceRGB 0x0072B2", pt_find(&out, "\n0 0.4471 0.698 rg\n") != NULL);
	TEST("stroke colour: DeviceRGB 0xD55E00", pt_find(&out, "\n0.8353 0.3686 0 RG\n") != NULL);
	TEST("text colour", pt_find(&out, "\n0 0.6196 0.451 rg\n") != NULL);
	TEST("grey stays DeviceGray", pt_find(&out, "\n0.5 G\n") != NULL);
	TEST("exact numbers: 30 mm is 85.0394 pt", pt_find(&out, "\n85.0394 85.0394 m\n") != NULL);
	TEST("dash in exact points", pt_find(&out, "[3 1.5 ] 0 d\n") != NULL);
	TEST_INT("one tiling pattern per kind of hatching", count(&out, "/PatternType 1"), 4);
	TEST("hatching fills with the pattern", pt_find(&out, "/Pattern cs\n/H1 scn\n") != NULL);
	TEST("CIDFont: Identity ordering", pt_find(&out, "/Ordering (Identity)") != NULL);
	TEST("Type0: Identity-H", pt_find(&out, "/Encoding /Identity-H") != NULL);
	TEST("font program with its length", pt_find(&out, "/Length1 ") != NULL);
	p = pt_find(&out, "/ToUnicode ");
	/* "/ToUnicode N 0 R" twice, the same N */
	TEST("one ToUnicode map for both fonts", p && count(&out, "/ToUnicode ") == 2 && count(&out, p) == 2);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "qpdf --json --json-key=outlines '%s'", a);
	pt_run(cmd.buf, &out, NULL);
	TEST("bookmark past U+FFFF (UTF-16 surrogates)", strstr(out.buf, "\"Biểu đồ 𝔸\"") != NULL);
	strbuf_release(&out);
	strbuf_release(&cmd);
	free(a);
	free(q);
}

static void test_errors(void)
{
	struct pdfdoc_meta m = meta("Lỗi", 0);
	struct pdfdoc *d = pdfdoc_new(&m);
	char *path = pt_path("bad.pdf");
	struct strbuf ls = STRBUF_INIT, cmd = STRBUF_INIT;
	const char *e;

	TEST_INT("drawing before a section fails", pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), 0, 0, "x", NULL), -1);
	TEST("says why", pdfdoc_error(d) && strstr(pdfdoc_error(d), "no section"));
	pdfdoc_free(d);

	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("good text draws", pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), PDF_MM(30), PDF_MM(200), "Đúng", "ok"), 0);
	TEST_INT("missing glyph fails", pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), PDF_MM(30), PDF_MM(190),
						    "Hợp tác xã Жук", "input/2024/units.csv:7: unit name"), -1);
	e = pdfdoc_error(d);
	TEST("error names the character", e && strstr(e, "U+0416 'Ж'"));
	TEST("error names the origin", e && !strncmp(e, "input/2024/units.csv:7: unit name: ", 35));
	TEST_INT("the document stays failed", pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), 0, 0, "x", NULL), -1);
	TEST_INT("and is not saved", pdfdoc_save(d, path), -1);
	TEST("no file", access(path, F_OK) != 0);
	strbuf_addf(&cmd, "ls -A '%s'", pt_scratch());
	pt_run(cmd.buf, &ls, NULL);
	TEST("no temporary left", !strstr(ls.buf, ".tmp"));
	pdfdoc_free(d);

	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("control character fails", pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), 0, 0, "a\x07", "cell"), -1);
	TEST("control character named", strstr(pdfdoc_error(d), "U+0007"));
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("invalid UTF-8 fails", pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), 0, 0, "a\xff", NULL), -1);
	TEST("invalid UTF-8 named", strstr(pdfdoc_error(d), "text: invalid UTF-8 at byte 1"));
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	TEST_INT("empty document not saved", pdfdoc_save(d, path), -1);
	TEST("says why", strstr(pdfdoc_error(d), "no pages"));
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("bad grey", pdfdoc_rect(d, NULL, 101, 0, 0, 1, 1), -1);
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("bad colour", pdfdoc_rect(d, NULL, PDF_RGB(0x123456) | 0x2000000, 0, 0, 1, 1), -1);
	TEST("says why", strstr(pdfdoc_error(d), "PDF_RGB") != NULL);
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("unwritable path fails", pdfdoc_save(d, "/nonexistent-dir/x.pdf"), -1);
	pdfdoc_free(d);
	strbuf_release(&ls);
	strbuf_release(&cmd);
	free(path);
}

/* What pdfdoc_save(d, path) prints on stderr, into *err; its return value. */
static int save_said(struct pdfdoc *d, const char *path, struct strbuf *err)
{
	char *cap = pt_path("stderr.txt");
	int keep, fd, ret;

	fflush(stderr);
	keep = dup(2);
	fd = open(cap, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	ret = pdfdoc_save(d, path);
	fflush(stderr);
	dup2(keep, 2);
	close(keep);
	strbuf_reset(err);
	file_read(cap, err, NULL);
	free(cap);
	return ret;
}

/*
 * How a failed document is reported: at the user's file and line when its
 * reason starts with them; else named as a document that could not be drawn
 * (its content) or written (the disk, libharu).
 */
static void test_reports(void)
{
	struct pdfdoc_meta m = meta("Lỗi", 0);
	struct pdfdoc *d;
	char *path = pt_path("said.pdf");
	struct strbuf err = STRBUF_INIT, want = STRBUF_INIT;

	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), 0, 0, "Жук", "in/units.csv:7: unit name");
	TEST_INT("located: not saved", save_said(d, path, &err), -1);
	TEST_STR("located: at the user's line", err.buf,
		 "in/units.csv:7: error: unit name: character U+0416 'Ж' is not in the document fonts "
		 "(Liberation Serif, Vietnamese repertoire)\n");
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	pdfdoc_fail(d, "chart book: row %d of a chart is taller than a page", 3);
	TEST_INT("content, no place: not saved", save_said(d, path, &err), -1);
	strbuf_addf(&want, "test-pdfdoc: error: cannot draw '%s': chart book: row 3 of a chart is taller than a page\n", path);
	TEST_STR("content, no place: a document that cannot be drawn", err.buf, want.buf);
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("a folder that is not there: not saved", save_said(d, "/nonexistent-dir/x.pdf", &err), -1);
	TEST("the disk's failure: cannot write", strstr(err.buf, "error: cannot write '/nonexistent-dir/x.pdf': ") != NULL);
	pdfdoc_free(d);
	TEST("nothing saved", access(path, F_OK) != 0);
	strbuf_release(&err);
	strbuf_release(&want);
	free(path);
}

/*
 * A document's failure is told in the user's language: the format given to
 * pdfdoc_fail() is the catalogue's (last: it switches the process to Vietnamese).
 */
static void test_errors_vi(void)
{
	struct pdfdoc_meta m = meta("Lỗi", 0);
	struct pdfdoc *d;
	char *path = pt_path("bad-vi.pdf");

	setenv("LANGUAGE", "vi", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	i18n_init();
	d = pdfdoc_new(&m);
	pdfdoc_section(d, NULL, PDF_PORTRAIT, 0);
	TEST_INT("Vietnamese: missing glyph fails", pdfdoc_text(d, PDF_REGULAR, PDF_PT(12), 0, 0, "Жук", "units.csv:7"), -1);
	TEST_STR("Vietnamese: says why in Vietnamese", pdfdoc_error(d),
		 "units.csv:7: ký tự U+0416 'Ж' không có trong phông chữ của văn bản (Liberation Serif, bộ ký tự tiếng Việt)");
	pdfdoc_free(d);
	d = pdfdoc_new(&m);
	TEST_INT("Vietnamese: empty document not saved", pdfdoc_save(d, path), -1);
	TEST_STR("Vietnamese: says why in Vietnamese", pdfdoc_error(d), "văn bản không có trang nào");
	pdfdoc_free(d);
	free(path);
}

/* Two threads build the same document at once: both equal the single-threaded bytes. */
struct job {
	unsigned char *buf;
	size_t len;
	int ret;
};

static void *build(void *arg)
{
	struct job *j = arg;
	int i;

	for (i = 0; i < 20; i++) {
		struct pdfdoc *d = sections_doc(1, 0);

		free(j->buf);
		j->ret |= pdfdoc_save_mem(d, &j->buf, &j->len);
		pdfdoc_free(d);
	}
	return NULL;
}

static void test_threads(void)
{
	struct job a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, one = { NULL, 0, 0 };
	pthread_t ta, tb;
	struct pdfdoc *d = sections_doc(1, 0);

	one.ret = pdfdoc_save_mem(d, &one.buf, &one.len);
	pdfdoc_free(d);
	pthread_create(&ta, NULL, build, &a);
	pthread_create(&tb, NULL, build, &b);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	TEST("threads built their documents", !a.ret && !b.ret && !one.ret);
	TEST("same bytes from two threads", a.len == one.len && b.len == one.len &&
	     !memcmp(a.buf, one.buf, one.len) && !memcmp(b.buf, one.buf, one.len));
	free(a.buf);
	free(b.buf);
	free(one.buf);
}

/* One two-page document with regular and bold text (the size of a unit sheet). */
static size_t bench_doc(void)
{
	struct pdfdoc_meta m = meta("Phiếu điểm", 0);
	struct pdfdoc *d = pdfdoc_new(&m);
	unsigned char *buf = NULL;
	size_t len = 0;
	int p, l;

	pdfdoc_section(d, "Phiếu điểm", PDF_PORTRAIT, 0);
	for (p = 0; p < 2; p++) {
		if (p)
			pdfdoc_page_add(d);
		for (l = 0; l < 40; l++)
			pdfdoc_text(d, l % 4 ? PDF_REGULAR : PDF_BOLD, PDF_PT(12), PDF_MM(30),
				    PDF_MM(270) - l * PDF_PT(16),
				    "1.2.3 Tỷ lệ thủ tục hành chính được giải quyết đúng hạn 87,25", NULL);
	}
	pdfdoc_save_mem(d, &buf, &len);
	free(buf);
	pdfdoc_free(d);
	return len;
}

/*
 * The same document with libharu alone (no ToUnicode fix, no PDF/A), from
 * the font files `reg` and `bold`: what libharu's own subsetting costs.
 */
static size_t raw_doc(const char *reg, const char *bold)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_Font fr, fb;
	HPDF_UINT32 len;
	int p, l;

	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	fr = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, reg, HPDF_TRUE), "UTF-8");
	fb = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, bold, HPDF_TRUE), "UTF-8");
	for (p = 0; p < 2; p++) {
		HPDF_Page pg = HPDF_AddPage(pdf);

		HPDF_Page_BeginText(pg);
		for (l = 0; l < 40; l++) {
			HPDF_Page_SetFontAndSize(pg, l % 4 ? fr : fb, 12);
			HPDF_Page_TextOut(pg, 85, (HPDF_REAL)(765 - l * 16),
					  "1.2.3 Tỷ lệ thủ tục hành chính được giải quyết đúng hạn 87,25");
		}
		HPDF_Page_EndText(pg);
	}
	HPDF_SaveToStream(pdf);
	len = HPDF_GetStreamSize(pdf);
	HPDF_Free(pdf);
	return len;
}

static double cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* CPU time per document, best of 5 rounds of 100 (other processes only slow a round down). */
static double best_of(size_t (*fn)(const char *, const char *), const char *a, const char *b,
		      size_t *len)
{
	double best = 1e9;
	int r, i;

	for (r = 0; r < 5; r++) {
		double t0 = cpu_ms(), ms;

		for (i = 0; i < 100; i++)
			*len = fn ? fn(a, b) : bench_doc();
		ms = (cpu_ms() - t0) / 100;
		if (ms < best)
			best = ms;
	}
	return best;
}

static void bench(void)
{
	static const struct cp_range vn[] = {
		{ 0x20, 0x7E }, { 0xA0, 0xFF }, { 0x102, 0x103 }, { 0x110, 0x111 }, { 0x128, 0x129 },
		{ 0x168, 0x169 }, { 0x1A0, 0x1A1 }, { 0x1AF, 0x1B0 }, { 0x1EA0, 0x1EF9 },
	};
	const char *dir = "/usr/share/fonts/truetype/liberation2/";
	char reg[256], bold[256];
	char *sr = pt_path("r.ttf"), *sb = pt_path("b.ttf");
	struct strbuf font = STRBUF_INIT;
	size_t len = 0;
	double ms;
	int hint;

	snprintf(reg, sizeof(reg), "%sLiberationSerif-Regular.ttf", dir);
	snprintf(bold, sizeof(bold), "%sLiberationSerif-Bold.ttf", dir);
	printf("# two-page document, regular + bold, 80 lines; CPU time, best of 5 x 100\n");
	ms = best_of(raw_doc, reg, bold, &len);
	printf("# libharu alone, whole fonts:        %5.2f ms %6zu bytes\n", ms, len);
	for (hint = 1; hint >= 0; hint--) {
		fontsub_subset(reg, vn, ARRAY_SIZE(vn), hint, &font);
		file_write_atomic(sr, font.buf, font.len);
		fontsub_subset(bold, vn, ARRAY_SIZE(vn), hint, &font);
		file_write_atomic(sb, font.buf, font.len);
		ms = best_of(raw_doc, sr, sb, &len);
		printf("# libharu alone, hb-subset, %s %5.2f ms %6zu bytes\n",
		       hint ? "hinted:  " : "unhinted:", ms, len);
	}
	ms = best_of(NULL, NULL, NULL, &len);
	printf("# pdfdoc (PDF/A, ToUnicode, ...):    %5.2f ms %6zu bytes\n", ms, len);
	strbuf_release(&font);
	free(sr);
	free(sb);
}

int main(void)
{
	diag_set_prog("test-pdfdoc");
	if (getenv("PARX_BENCH")) {
		/* PARX_BENCH=1 ./build/tests/test-pdfdoc: only the measurement */
		if (pdfdoc_global_init(NULL) < 0)
			return 1;
		bench();
		pdfdoc_global_release();
		pt_cleanup();
		return 0;
	}
	TEST_INT("a missing font is an error", pdfdoc_global_init("/nonexistent/fonts"), -1);
	TEST_INT("fonts prepared", pdfdoc_global_init(NULL), 0);
	TEST_INT("prepared once", pdfdoc_global_init(NULL), 0);
	test_measure();
	test_roundtrip();
	test_sections();
	test_drawing();
	test_errors();
	test_reports();
	test_threads();
	test_errors_vi();
	pdfdoc_global_release();
	pt_cleanup();
	TEST_REPORT();
}
