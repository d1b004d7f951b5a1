/*
 * fontsub.h: subsetting TrueType fonts with HarfBuzz (hb-subset), once per
 * process, so that every PDF embeds a small font instead of libharu's
 * near-complete copy (fonts/README.md has the measurements).
 */
#ifndef PARX_FONTSUB_H
#define PARX_FONTSUB_H

#include <stddef.h>
#include <stdint.h>

#include "base/repertoire.h"
#include "base/strbuf.h"


/*
 * Reads the TrueType font `path`, checks that it maps every code point of
 * ranges[0..n) to a glyph, and writes to `out` (replacing its contents) the
 * font subset to exactly those code points: glyph outlines and metrics, cmap,
 * name, OS/2, post (without glyph names); no layout tables (GSUB, GPOS, GDEF,
 * kern: parx shapes nothing), no hinting unless `hinting`. Returns 0, or -1
 * after error() naming the file and, for a gap, the first missing code point.
 */
int fontsub_subset(const char *path, const struct cp_range *ranges, size_t n, int hinting,
		   struct strbuf *out);

/*
 * Rewrites the cmap of the TrueType font in `font` (a subset: code points up
 * to U+FFFE) as one Windows Unicode format 4 subtable with a segment per
 * cluster of code points (4 for parx's repertoire, against 32 from
 * hb-subset): libharu searches the segments linearly for every one of the
 * 65,536 codes when it loads the font (once per process, in pdfdoc)
 * (pipeline/LIBRARIES.md, "HarfBuzz 6.0 subsetter (hb-subset)").
 * Returns 0, or -1 after error() (not a font it can rewrite: left unchanged).
 */
int fontsub_flatten_cmap(struct strbuf *font);

/* The glyph HarfBuzz finds for code point cp in the font held in `font`; 0 if none. */
unsigned fontsub_glyph(const struct strbuf *font, uint32_t cp);

/* An outline: moves, lines, cubic curves and closes, in font units (y up). */
enum fontsub_op { FONTSUB_MOVE, FONTSUB_LINE, FONTSUB_CUBIC, FONTSUB_CLOSE };

struct fontsub_seg {
	enum fontsub_op op;
	float x[3], y[3];  /* MOVE/LINE: point 0; CUBIC: controls 0, 1 and end point 2 */
};

struct fontsub_path {
	struct fontsub_seg *v;
	size_t n, alloc;
	int upem;          /* font units per em */
	int advance;       /* width of the text, font units */
};

/*
 * The outlines of `text` (UTF-8) set in the font `path` without shaping,
 * starting at the origin, for text drawn as shapes rather than characters
 * (the draft marking, which must not pollute the text layer). Quadratic
 * curves become cubic ones. Returns 0, or -1 after error() (unreadable font,
 * a character it lacks).
 */
int fontsub_outline(const char *path, const char *text, struct fontsub_path *out);
void fontsub_path_release(struct fontsub_path *p);

#endif
