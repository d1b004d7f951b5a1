/*
 * render.h: the render stage, the documents of README.md and input/FORMATS.md drawn from a
 * scored year (pipeline/DOCUMENTS.md, "Files and where they are made"). Each
 * document module draws one kind of document with pdfdoc.h/typeset.h and saves
 * it atomically under its final name; render_all() runs them all, the unit
 * sheets spread over threads.
 *
 * Every document function returns RENDER_OK, RENDER_DATA after reporting a
 * located problem (a template error, a character the fonts lack, with its
 * origin) on stderr through error(), or RENDER_IO after error() on an I/O or
 * library failure. Nothing is left under the final name on failure.
 */
#ifndef PARX_RENDER_H
#define PARX_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "score/scoring.h"
#include "model/year.h"

enum { RENDER_OK = 0, RENDER_DATA = 1, RENDER_IO = 3 };

struct render_ctx {
	const struct year *y;
	const struct results *r;
	int draft;                 /* mark every page DỰ THẢO */
	int64_t epoch;             /* document dates: render_epoch() */
	const char *templates_dir; /* folder of the article templates (templates/) */
	const char *font_dir;      /* folder of the Liberation fonts */
	/*
	 * A part of the run, to share a large year among processes: when
	 * `partial`, only the sheets of units [first, last) are drawn (none when
	 * first == last), and the three documents only when `documents`.
	 */
	int partial, documents;
	size_t first, last;
};

/*
 * The date every document carries: SOURCE_DATE_EPOCH when set (a valid
 * number), else the decision's date in publication.xml (00:00 UTC), else
 * 31 December of the index year. Never the clock.
 */
int64_t render_epoch(const struct year *y);

/* quyet-dinh.pdf: the decision and its annexes (README.md, "The documents"). decision.c */
int decision_render(const struct render_ctx *c, const char *path);
/* bieu-do.pdf: the chart book (README.md, "The documents"). chartbook.c */
int chartbook_render(const struct render_ctx *c, const char *path);
/* don-vi/<code>.pdf: one unit's score sheet (README.md, "The documents"). sheet.c */
int sheet_render(const struct render_ctx *c, size_t unit, const char *path);
/* doi-chieu.pdf: the reconciliation report (README.md, "The documents"). recon.c */
int recon_render(const struct render_ctx *c, const char *path);

/*
 * Renders every document into `outdir` (don-vi/ created), the unit sheets on
 * `jobs` threads (0: one per core). Output is identical whatever `jobs` is.
 * Returns the worst status of the documents.
 */
int render_all(const struct render_ctx *c, const char *outdir, int jobs);

#endif
