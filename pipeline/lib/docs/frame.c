/*
 * frame.c: the frame of every PDF of the render stage (frame.h).
 *
 * The document modules draw their own content; what they have in common is
 * here, once: the metadata and marks of the run, the flow, the typed status
 * of a save, and the pieces of text that must read the same in every
 * document that prints them (the authority's heading, the decision's
 * reference, the dated lines). Every blank to fill in by hand is the same:
 * VNFMT_BLANK, no-break spaces (vnfmt.h), in the decision's number and date
 * as in the reconciliation report's dated line.
 */
#include "docs/frame.h"

#include <string.h>

#include "base/vnfmt.h"

void frame_open(struct frame *f, const struct render_ctx *c, const struct pdfdoc_meta *m)
{
	struct pdfdoc_meta meta = *m;

	meta.epoch = c->epoch;
	meta.draft = c->draft;
	f->doc = pdfdoc_new(&meta);
	f->fl = ts_flow_new(f->doc);
}

const char *frame_author(const struct publication *pub, const char *fallback)
{
	return pub->authority && *pub->authority ? pub->authority : fallback;
}

void frame_release(struct frame *f)
{
	if (f->fl)
		ts_flow_free(f->fl);
	if (f->doc)
		pdfdoc_free(f->doc);
	f->fl = NULL;
	f->doc = NULL;
}

int frame_save(struct frame *f, const char *path)
{
	int kind, ret;

	/* What the flow holds back (a kept block) is set before the file is written. */
	ts_flow_free(f->fl);
	f->fl = NULL;
	kind = pdfdoc_failure(f->doc);
	ret = pdfdoc_save_staged(f->doc, path) == 0 ? RENDER_OK :
	      kind == PDFDOC_FAILED_CONTENT ? RENDER_DATA : RENDER_IO;
	frame_release(f);
	return ret;
}

int frame_heading(struct frame *f, const struct publication *pub)
{
	struct ts_style st = TS_STYLE_HEADING;
	struct ts_run runs[3];
	size_t n = 0;
	struct pdf_box fr;
	int64_t w, h, top, x, rule_w, aw, sw = 0;
	const struct pdf_stroke thin = { PDF_PT(0.5), 0, 0, 0 };
	const char *auth = pub->authority && *pub->authority ? pub->authority : "";
	int has_sup = pub->superior && *pub->superior;

	pdfdoc_page_box(f->doc, NULL, &fr);
	st.keep_with_next = 0;
	st.size = PDF_PT(12.5);
	/* As wide as the longer line needs, within 60 mm and 60 % of the frame. */
	aw = pdfdoc_text_width(PDF_BOLD, st.size, auth, strlen(auth));
	if (has_sup)
		sw = pdfdoc_text_width(PDF_REGULAR, st.size, pub->superior, strlen(pub->superior));
	w = (aw > sw ? aw : sw) + PDF_MM(4);
	if (w < PDF_MM(60))
		w = PDF_MM(60);
	if (w > (fr.x1 - fr.x0) * 3 / 5)
		w = (fr.x1 - fr.x0) * 3 / 5;
	if (has_sup) {
		runs[n].font = PDF_REGULAR;
		runs[n++].text = pub->superior;
		runs[n].font = PDF_REGULAR;
		runs[n++].text = "\n";
	}
	runs[n].font = PDF_BOLD;
	runs[n++].text = auth;
	if (ts_para_measure(f->fl, &st, runs, n, w, &h, NULL, pub->path) < 0)
		return -1;
	if (ts_reserve(f->fl, h + PDF_PT(8), &top) < 0)
		return -1;
	x = fr.x0;
	if (ts_para_at(f->fl, &st, runs, n, x, w, top, NULL, pub->path) < 0)
		return -1;
	/* The short rule under the authority: a third of its line, centred. */
	rule_w = (aw < w ? aw : w) / 3;
	return pdfdoc_line(f->doc, &thin, x + (w - rule_w) / 2, top - h - PDF_PT(3),
			   x + (w + rule_w) / 2, top - h - PDF_PT(3));
}

void frame_add_decision_ref(struct strbuf *sb, const struct publication *pub)
{
	/* The decision's own words for it (publication.h), blanks and all. */
	strbuf_addstr(sb, pub->d.reference ? pub->d.reference : "");
}

void frame_add_dateline(struct strbuf *sb, const struct publication *pub)
{
	if (pub->place && *pub->place)
		strbuf_addf(sb, "%s, ", pub->place);
	strbuf_addstr(sb, pub->d.date ? pub->d.date : "");
}

void frame_add_dateline_blank(struct strbuf *sb, const struct publication *pub)
{
	strbuf_addf(sb, "%s, ", pub->place && *pub->place ? pub->place : VNFMT_BLANK VNFMT_BLANK);
	vnfmt_add_date_blanks(sb, 0, 0);
}
