/*
 * test-frame.c: the frame every PDF shares (frame.c), on the sample year
 * input/2024: the dated lines and the decision's reference read as the
 * publication derives them, the author falls back only without an authority,
 * and a frame opened, given the heading and saved reports the three endings
 * of a save: written (the heading's text in the file), failed on its content
 * (a character the fonts lack: RENDER_DATA, no file) and failed on the disk
 * (RENDER_IO).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "docs/frame.h"
#include "docs/render.h"
#include "pdf/pdfdoc.h"
#include "pdftest.h"
#include "testhelp.h"
#include "yearfix.h"

/* six no-break spaces: a blank to fill in by hand */
#define B "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"

static void test_texts(const struct publication *pub)
{
	struct publication none;
	struct strbuf sb = STRBUF_INIT, want = STRBUF_INIT;

	frame_add_dateline(&sb, pub);
	strbuf_addf(&want, "%s, %s", pub->place, pub->d.date);
	TEST_STR("dated line: place, then the derived date", sb.buf, want.buf);
	strbuf_reset(&sb);
	frame_add_decision_ref(&sb, pub);
	TEST_STR("the decision's reference as publication_derive() words it", sb.buf, pub->d.reference);
	TEST("the reference names the decision", strstr(sb.buf, "Quyết định số") != NULL);
	strbuf_reset(&sb);
	frame_add_dateline_blank(&sb, pub);
	strbuf_reset(&want);
	strbuf_addf(&want, "%s, ngày" B " tháng" B " năm" B, pub->place);
	TEST_STR("the blank dated line: the place, every part of the date blank", sb.buf, want.buf);
	memset(&none, 0, sizeof(none));
	strbuf_reset(&sb);
	frame_add_dateline_blank(&sb, &none);
	TEST_STR("the blank dated line without a place", sb.buf,
		 B B ", ngày" B " tháng" B " năm" B);
	TEST_STR("author: the authority", frame_author(pub, "x"), pub->authority);
	TEST_STR("author: the fallback without one", frame_author(&none, "x"), "x");
	strbuf_reset(&sb);
	frame_add_dateline(&sb, &none);
	TEST_STR("dated line: nothing known, nothing printed", sb.buf, "");
	strbuf_release(&sb);
	strbuf_release(&want);
}

static int draw(const struct render_ctx *c, const char *text, const char *path)
{
	struct pdfdoc_meta m;
	struct frame f;
	struct ts_style st = TS_STYLE_BODY;

	memset(&m, 0, sizeof(m));
	m.title = "Khung";
	m.author = frame_author(&c->y->pub, "parx");
	frame_open(&f, c, &m);
	pdfdoc_section(f.doc, "Khung", PDF_PORTRAIT, 0);
	frame_heading(&f, &c->y->pub);
	ts_text(f.fl, &st, text, "test: text");
	return frame_save(&f, path);
}

static void test_save(const struct render_ctx *c)
{
	char *ok = pt_path("frame.pdf"), *bad = pt_path("frame-bad.pdf");
	struct strbuf txt = STRBUF_INIT;

	TEST_INT("a frame saved: RENDER_OK", draw(c, "Nội dung", ok), RENDER_OK);
	pt_raw_text(ok, &txt);
	TEST("the heading holds the authority", pt_holds(txt.buf, NULL, c->y->pub.authority, "heading"));
	TEST("qpdf --check", pt_qpdf_passes(ok));
	TEST_INT("a character the fonts lack: RENDER_DATA", draw(c, "\xe2\x98\x83", bad), RENDER_DATA);
	TEST("... and no file", access(bad, F_OK) != 0);
	TEST_INT("a folder that does not exist: RENDER_IO",
		 draw(c, "Nội dung", "/nonexistent-parx/frame.pdf"), RENDER_IO);
	{
		struct frame f;

		memset(&f, 0, sizeof(f));
		frame_release(&f); /* a frame never opened */
		TEST("a frame never opened is released", f.doc == NULL && f.fl == NULL);
	}
	strbuf_release(&txt);
	free(ok);
	free(bad);
}

int main(void)
{
	struct yearfix f;
	struct render_ctx c;

	diag_set_prog("test-frame");
	if (yearfix_load(&f, "input/2024") < 0) {
		TEST("load and score input/2024", 0);
		goto out;
	}
	test_texts(&f.y.pub);
	if (pdfdoc_global_init(YEARFIX_FONTS) < 0) {
		TEST("fonts", 0);
		goto out;
	}
	c = yearfix_ctx(&f, "templates", 0);
	test_save(&c);
out:
	yearfix_release(&f);
	pt_cleanup();
	pdfdoc_global_release();
	TEST_REPORT();
}
