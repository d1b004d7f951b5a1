/*
 * frame.h: what every PDF of the render stage shares around its own content
 * (pipeline/DOCUMENTS.md, "Common to every PDF"): opening the document
 * (pdfdoc, its metadata, the date and draft mark of the run, a ts_flow on it),
 * the pieces several documents print the same way (the issuing authority's
 * heading, the decision's reference, the dated line), and saving with the
 * status render.h defines.
 *
 *     struct frame f;
 *
 *     frame_open(&f, c, &meta);               (title, subject, keywords, author)
 *     pdfdoc_section(f.doc, "…", PDF_PORTRAIT, 0);
 *     frame_heading(&f, &c->y->pub);
 *     ... draw through f.fl ...
 *     ret = frame_save(&f, path);             (RENDER_OK, RENDER_DATA or RENDER_IO)
 *
 * A frame is open from frame_open() to frame_save() or frame_release(); both
 * free the document and the flow, and either may be called on a frame
 * zeroed and never opened.
 */
#ifndef PARX_FRAME_H
#define PARX_FRAME_H

#include "base/strbuf.h"
#include "docs/render.h"
#include "model/year.h"
#include "pdf/pdfdoc.h"
#include "typeset/typeset.h"

struct frame {
	struct pdfdoc *doc;
	struct ts_flow *fl; /* the document's flow: paragraphs, tables, pages */
};

/*
 * Opens a new document with the metadata of m (title, author, subject,
 * keywords; its epoch and draft fields are ignored), dated and marked as the
 * run says (c->epoch, c->draft), and a flow on it. The caller begins the first
 * section.
 */
void frame_open(struct frame *f, const struct render_ctx *c, const struct pdfdoc_meta *m);

/*
 * The author of a document other than the decision: the publication's
 * <authority> when given, else `fallback`.
 */
const char *frame_author(const struct publication *pub, const char *fallback);

/*
 * Sets what the flow still holds, saves the document to `path` and closes
 * the frame. `path` is in the render stage's staging folder, which is
 * published whole (pdfdoc_save_staged: no temporary name per file). Returns RENDER_OK;
 * RENDER_DATA when drawing failed on its content (pdfdoc_failure(): the error
 * names the data's origin); RENDER_IO when libharu, a font, memory or the disk
 * failed. On a failure the error is reported and nothing is left at `path`
 * (pipeline/DOCUMENTS.md, "Failure and writing").
 */
int frame_save(struct frame *f, const char *path);

/* Closes the frame without saving (a document given up before it was drawn). */
void frame_release(struct frame *f);

/*
 * The issuing authority's block at the top left of the page, as the decree
 * sets it for a report: the superior body (when given) and, in bold, the
 * authority, 12.5 pt, centred in a column about a third of the page wide and
 * underlined by a short rule (pipeline/DOCUMENTS.md, "Unit score sheets:
 * don-vi/\<code\>.pdf (sheet.c)"; the reconciliation report has the same).
 * Moves the flow's cursor below it. Returns 0 or -1 (the document is failed).
 */
int frame_heading(struct frame *f, const struct publication *pub);

/*
 * Appends "Kèm theo Quyết định số 05/QĐ-UBND ngày 15 tháng 01 năm 2026 của
 * Chủ tịch Ủy ban nhân dân tỉnh …", the decision's annex reference
 * (publication_derive()), with its blanks where the number or parts of the
 * date are left to fill in by hand.
 */
void frame_add_decision_ref(struct strbuf *sb, const struct publication *pub);

/*
 * Appends the dated line "<place>, ngày … tháng … năm …" of the decision
 * (publication_derive(): blanks where the date is not known in full). An
 * empty place leaves the date alone.
 */
void frame_add_dateline(struct strbuf *sb, const struct publication *pub);

/*
 * Appends the dated line of a page signed by hand on a day not known yet:
 * "<place>, ngày ______ tháng ______ năm ______", each ______ a VNFMT_BLANK
 * (vnfmt.h), the blanks of the decision's date; no place: a double blank
 * (pipeline/DOCUMENTS.md, "Reconciliation report: doi-chieu.pdf (recon.c)").
 */
void frame_add_dateline_blank(struct strbuf *sb, const struct publication *pub);

#endif
