/*
 * parx-floor: the rendering floor for `make bench`: N bare libharu documents
 * of two pages with the same Liberation Serif fonts (Regular and Bold,
 * embedded the plain libharu way) and a few lines of text each, written to
 * OUT_FOLDER. Nothing of parx's own typesetting is used: this is what any
 * libharu program pays per document.
 *
 *     parx-floor N FONT_DIR OUT_FOLDER
 */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "parx-floor: libharu error 0x%04X (%u)\n", (unsigned)e, (unsigned)detail);
	exit(3);
}

int main(int argc, char **argv)
{
	char path[4096];
	long n;

	if (argc != 4 || (n = strtol(argv[1], NULL, 10)) < 1) {
		fprintf(stderr, "usage: parx-floor N FONT_DIR OUT_FOLDER\n");
		return 2;
	}
	for (long i = 0; i < n; i++) {
		HPDF_Doc pdf = HPDF_New(on_error, NULL);
		const char *reg, *bold;
		HPDF_Font fr, fb;

		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
		snprintf(path, sizeof(path), "%s/LiberationSerif-Regular.ttf", argv[2]);
		reg = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		snprintf(path, sizeof(path), "%s/LiberationSerif-Bold.ttf", argv[2]);
		bold = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		fr = HPDF_GetFont(pdf, reg, "UTF-8");
		fb = HPDF_GetFont(pdf, bold, "UTF-8");
		for (int p = 0; p < 2; p++) {
			HPDF_Page page = HPDF_AddPage(pdf);

			HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
			HPDF_Page_BeginText(page);
			HPDF_Page_SetFontAndSize(page, fb, 14);
			HPDF_Page_TextOut(page, 85, 780, "PHIẾU KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH");
			HPDF_Page_SetFontAndSize(page, fr, 12);
			for (int l = 0; l < 40; l++)
				HPDF_Page_TextOut(page, 85, 750 - 16 * l,
						  "1.1.1 Ban hành kế hoạch cải cách hành chính năm 1,00 1,00 Tốt");
			HPDF_Page_EndText(page);
		}
		snprintf(path, sizeof(path), "%s/floor-%ld.pdf", argv[3], i);
		HPDF_SaveToFile(pdf, path);
		HPDF_Free(pdf);
	}
	return 0;
}
