/*
 * web.h: the portal edition of the results (OUT/web/), rendered from the same
 * results as the PDFs, in the same run, and published with them.
 *
 *   web/index.html         the announcement: headline, date, a lead paragraph
 *                          written from the results, one section per group
 *                          (the ranking as a table and an inline SVG chart),
 *                          links to the PDFs (with their sizes) and the CSVs
 *   web/nhom-<code>.html   a group's whole ranking (the index page shows the
 *                          top of a large group only)
 *   web/don-vi/<code>.html one per unit: its summary, its field indices against
 *                          the group average, every item with self, final and
 *                          the reason of each change
 *   web/bai-dang.html      the announcement's body alone, to paste into a CMS
 *
 * The pages are trees (html.h) whose serialiser escapes every text and
 * attribute, so escaping is right by construction; no script, no external
 * font, stylesheet or image: the folder works opened from a USB stick. The
 * charts take their scales from chart.h, as the PDF charts do. Output is
 * deterministic.
 */
#ifndef PARX_WEB_H
#define PARX_WEB_H

#include "docs/render.h"

/*
 * Writes the page of unit u, dir/don-vi/<code>.html (dir/don-vi exists).
 * Pages of different units may be made at once, on different threads.
 * Returns RENDER_OK or RENDER_IO after error().
 */
int web_unit(const struct render_ctx *c, size_t u, const char *dir);

/*
 * Writes the rest of the portal edition into `dir` (created, with its don-vi/
 * folder): the announcement, its body alone, the group pages; it reads the
 * sizes of the documents and CSVs already in `pkgdir` (the package, web/'s
 * parent). Returns RENDER_OK or RENDER_IO after error().
 */
int web_render(const struct render_ctx *c, const char *pkgdir, const char *dir);

#endif
