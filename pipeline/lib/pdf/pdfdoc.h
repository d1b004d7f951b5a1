/*
 * pdfdoc.h: a PDF document as parx makes them (README.md, "The documents"), on libharu.
 *
 * A4 pages in sections (portrait or landscape), each section with its own page
 * numbers (centred in the top margin, not on its first page) and a bookmark;
 * Liberation Serif in four styles, embedded and subset; every character checked
 * against the fonts before it is drawn; a correct ToUnicode map, so the text
 * layer gives back exactly what was drawn; PDF/A-2b (XMP metadata, sRGB output
 * intent, an ID derived from the content); an optional "DỰ THẢO" marking on
 * every page; byte-identical output for the same input (dates come from the
 * caller, never the clock); saved under a temporary name and renamed into place.
 *
 * Lengths are int64_t in units of 1/10000 pt (PDF_PT, PDF_MM); positions are
 * PDF coordinates: origin at the bottom left of the page, y upwards.
 *
 * Errors: a drawing function that fails records why in the document and
 * returns -1; the document is then failed: later calls return -1 at once and
 * pdfdoc_save() refuses to write it, reporting the first error. Callers may
 * stop at the first -1 or simply carry on to pdfdoc_save(). Nothing here prints
 * except pdfdoc_global_init() and pdfdoc_save(), through error().
 *
 * Threads: call pdfdoc_global_init() once before starting threads; after it,
 * any number of threads may each build their own documents. A document belongs
 * to one thread at a time.
 *
 * Typical use (typeset.h sets paragraphs and tables on these pages):
 *
 *     if (pdfdoc_global_init(NULL) < 0) return -1;
 *     struct pdfdoc_meta m = { .title = "Quyết định ...", .author = "Ủy ban ...",
 *                              .epoch = epoch, .draft = draft };
 *     struct pdfdoc *d = pdfdoc_new(&m);
 *     pdfdoc_section(d, "Quyết định", PDF_PORTRAIT, 0);
 *     ... draw ...
 *     pdfdoc_section(d, "Phụ lục I", PDF_LANDSCAPE, 0);
 *     ... draw ...
 *     ret = pdfdoc_save(d, "output/2024/quyet-dinh.pdf");
 *     pdfdoc_free(d);
 */
#ifndef PARX_PDFDOC_H
#define PARX_PDFDOC_H

#include <stddef.h>
#include <stdint.h>

/* Lengths: 1/10000 pt. PDF_PT(13), PDF_PT(0.5), PDF_MM(20), PDF_MM(12.7) (constants, >= 0). */
#define PDF_UNITS_PER_PT 10000
#define PDF_PT(x) ((int64_t)((x) * 10000.0 + 0.5))
#define PDF_MM(x) ((int64_t)((x) * (720000.0 / 25.4) + 0.5))

#define PDF_A4_SHORT PDF_MM(210)
#define PDF_A4_LONG  PDF_MM(297)

enum pdf_font { PDF_REGULAR, PDF_BOLD, PDF_ITALIC, PDF_BOLD_ITALIC };
#define PDF_NFONTS 4

enum pdf_orient { PDF_PORTRAIT, PDF_LANDSCAPE };

/* ---- Once per process ---------------------------------------------------- */

/*
 * Prepares what every document shares: subsets the four Liberation Serif
 * fonts of `font_dir` (NULL: /usr/share/fonts/truetype/liberation2) to the
 * repertoire below with HarfBuzz, reads their metrics through libharu, and
 * makes once what every document embeds (font dictionaries, font programs
 * and maps deflated, the ToUnicode map, the sRGB ICC profile). About 20 ms.
 * Call it before starting threads. Returns 0 (also when already done), or
 * -1 after error() naming what is missing; a failed call may be retried.
 *
 * The repertoire (repertoire.h; the same in all four styles; fonts/README.md): U+0020-007E,
 * U+00A0-00FF, Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư, U+1EA0-1EF9, ‐ ‒ – — ― ‘ ’ ‚ ‛ “ ” „ † ‡ •
 * … ‰ ′ ″ ‹ › ₫ € № ™ ← ↑ → ↓ − ≈ ≠ ≤ ≥ ■ □ ▲ ▼ ○ ●.
 */
int pdfdoc_global_init(const char *font_dir);

/* Frees what pdfdoc_global_init() prepared (no document may be alive). Optional. */
void pdfdoc_global_release(void);

/* ---- Text measurement (pure; thread-safe after pdfdoc_global_init) ------- */

/* 1 if code point cp can be drawn (it is in the repertoire), else 0. */
int pdfdoc_char_ok(uint32_t cp);

/*
 * Checks s[0..len) (UTF-8): returns 0 when every character can be drawn, else
 * -1 with *bad set to the first offending code point (0xFFFFFFFF: invalid
 * UTF-8) and *off to its byte offset. Control characters (other than '\n'
 * and '\t', which typeset.h interprets) are offending too.
 */
int pdfdoc_text_check(const char *s, size_t len, uint32_t *bad, size_t *off);

/* Width of s[0..len) in font f at `size` (characters not in the repertoire count 0). */
int64_t pdfdoc_text_width(enum pdf_font f, int64_t size, const char *s, size_t len);

/* Font metrics in 1/1000 em (all four styles share them closely enough). */
struct pdf_fontmetrics {
	int ascent;     /* above the baseline, positive */
	int descent;    /* below the baseline, positive */
	int cap_height;
	int x_height;
};
void pdfdoc_font_metrics(enum pdf_font f, struct pdf_fontmetrics *m);

/* ---- Documents ------------------------------------------------------------ */

struct pdfdoc_margins {
	int64_t top, bottom, left, right; /* of a portrait page; landscape pages turn them */
};

/*
 * The margins of pipeline/DOCUMENTS.md, "Page and margins": top 20 mm, bottom
 * 20 mm, left 30 mm, right 15 mm. A landscape page has them turned with the
 * page, its top edge being the bound edge: top 30 mm, bottom 15 mm, left 20 mm,
 * right 20 mm.
 */
#define PDFDOC_MARGINS_DEFAULT { PDF_MM(20), PDF_MM(20), PDF_MM(30), PDF_MM(15) }

struct pdfdoc_meta {
	const char *title;     /* Info /Title, dc:title (Vietnamese, UTF-8); required */
	const char *author;    /* the issuing authority: /Author, dc:creator; required */
	const char *subject;   /* /Subject, dc:description; may be NULL */
	const char *keywords;  /* /Keywords, pdf:Keywords; may be NULL */
	const char *creator;   /* /Creator, xmp:CreatorTool; NULL: "parx <version>" */
	int64_t epoch;         /* creation and modification date, seconds since 1970-01-01 UTC
	                        * (SOURCE_DATE_EPOCH or a date from the data); never the clock */
	int draft;             /* non-zero: "DỰ THẢO" marked on every page */
	const struct pdfdoc_margins *margins; /* NULL: PDFDOC_MARGINS_DEFAULT */
};

/*
 * A new, empty document (strings of `m` are copied). Never NULL: if libharu
 * cannot start, the document is failed (see Errors above).
 * pdfdoc_global_init() must have succeeded.
 */
struct pdfdoc *pdfdoc_new(const struct pdfdoc_meta *m);
void pdfdoc_free(struct pdfdoc *d);

/*
 * Finishes and writes the document to `path` (through a temporary name in the
 * same folder, renamed into place only when complete). Returns 0, or -1 after
 * error() (which names the path and, for a failed document, its first error);
 * nothing is left at `path` or the temporary name then. Call it once.
 */
int pdfdoc_save(struct pdfdoc *d, const char *path);

/*
 * As pdfdoc_save(), but written straight to `path`, which lies in a staging
 * folder published whole (file_write_staged() in base/fileio.h): no
 * temporary name, no rename; nothing is left at `path` on a failure.
 */
int pdfdoc_save_staged(struct pdfdoc *d, const char *path);

/*
 * Finishes the document into memory (for tests and hashing): *out is a
 * malloc'd copy, *len its size. Returns 0, or -1 (message in pdfdoc_error()).
 * A document is finished once: by pdfdoc_save() or by this.
 */
int pdfdoc_save_mem(struct pdfdoc *d, unsigned char **out, size_t *len);

/* The first error recorded, or NULL. Borrowed, valid until pdfdoc_free(). */
const char *pdfdoc_error(const struct pdfdoc *d);

/*
 * Whose fault a failure was: PDFDOC_FAILED_CONTENT when drawing failed on what
 * was drawn (a character the fonts lack, a table that cannot fit: the data's
 * fault, to report at its origin), PDFDOC_FAILED_IO when libharu, a font file
 * or memory failed. The one way every document tells the two apart.
 */
enum { PDFDOC_OK, PDFDOC_FAILED_CONTENT, PDFDOC_FAILED_IO };
int pdfdoc_failure(const struct pdfdoc *d);

/*
 * Records an error (printf format; the first one wins) and returns -1: for
 * modules drawing on d. The format is translated (i18n.h): pdfdoc_fail is an
 * xgettext keyword, so its call sites need no mark.
 */
int pdfdoc_fail(struct pdfdoc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Checks that s[0..len) can be drawn, as pdfdoc_text() would, except that
 * '\n' and '\t' pass (typeset.h reads them as a line break and a space).
 * Returns 0, or -1 after failing the document with a message naming the
 * character and `origin`.
 */
int pdfdoc_check(struct pdfdoc *d, const char *s, size_t len, const char *origin);

/* ---- Sections and pages ---------------------------------------------------- */

#define PDF_SEC_NO_NUMBERS 1u /* no page numbers at all in this section */

/*
 * Starts a section on a new page of orientation `o`: its pages are numbered
 * from 1 (the number shown from page 2 on), and `bookmark` (UTF-8; NULL for
 * none) becomes a top-level outline entry pointing at its first page.
 */
int pdfdoc_section(struct pdfdoc *d, const char *bookmark, enum pdf_orient o, unsigned flags);

/*
 * Calls fn(ctx) at the start of every pdfdoc_section(), before its first
 * page (typeset.h sets what a flow still holds back on the page it belongs
 * to). One hook per document: a new one replaces the old; fn NULL removes
 * the hook if it was registered with this ctx. A -1 from fn fails the section.
 */
void pdfdoc_on_section(struct pdfdoc *d, int (*fn)(void *ctx), void *ctx);

/* Adds a page to the current section (same orientation). */
int pdfdoc_page_add(struct pdfdoc *d);

/*
 * Adds an outline entry under the current section's bookmark (at top level if
 * it has none) pointing at height y of the current page.
 */
int pdfdoc_bookmark(struct pdfdoc *d, const char *title, int64_t y);

struct pdf_box {
	int64_t x0, y0, x1, y1; /* lower left, upper right */
};

/*
 * The current page's geometry: *page the whole sheet, *frame the text area
 * inside the margins (either may be NULL). Both zero before the first section.
 */
void pdfdoc_page_box(const struct pdfdoc *d, struct pdf_box *page, struct pdf_box *frame);

/* Number of the current page in its section (1, 2, ...; 0 before the first section). */
int pdfdoc_page_number(const struct pdfdoc *d);
/* Pages in the document so far; also serves to notice that a new page began. */
int pdfdoc_page_count(const struct pdfdoc *d);

/* ---- Drawing on the current page ------------------------------------------ */

/*
 * Colours. Wherever a drawing call takes a grey level (0 black .. 100 white:
 * the `fill` of pdfdoc_rect/polygon/circle, pdf_stroke.gray, the `gray` of
 * pdfdoc_text_ex), PDF_RGB(0xRRGGBB) gives that colour instead, e.g.
 *
 *     pdfdoc_rect(d, NULL, PDF_RGB(0x0072B2), x, y, w, h);     blue bar
 *     struct pdf_stroke s = { PDF_PT(1), PDF_RGB(0xD55E00), 0, 0 };
 *
 * DeviceRGB, read against the document's sRGB output intent (PDF/A-2b). The
 * value is an int > 100, so it never collides with a grey level or with -1
 * (no fill). Nothing is stateful: each call says its own colour. On a
 * black-and-white printer a colour becomes a grey of its luminance, so
 * charts still tell their series apart by shade, hatching and marker shape.
 */
#define PDF_RGB(rgb) ((int)(0x1000000 | ((uint32_t)(rgb) & 0xFFFFFFu)))

/*
 * Draws s (NUL-terminated) / s[0..len) in font f at `size`, black, its
 * baseline starting at (x, y). Every character is checked first: one that the
 * fonts lack fails the document with a message naming it (U+XXXX) and
 * `origin` (the caller's description of where the text came from, e.g.
 * "input/2024/units.csv:7: unit name"; NULL: "text"). '\n' and '\t' are not
 * drawn by this layer either: they are errors here.
 */
int pdfdoc_text(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		const char *s, const char *origin);
int pdfdoc_textn(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		 const char *s, size_t len, const char *origin);

/*
 * The same rotated by `angle` degrees counter-clockwise about (x, y), filled
 * with grey level `gray` (0 black .. 100 white) or a PDF_RGB() colour.
 */
int pdfdoc_text_ex(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		   int angle, int gray, const char *s, size_t len, const char *origin);

/* How lines are stroked: width, grey level (0 black .. 100 white) or PDF_RGB(), dash (0, 0: solid). */
struct pdf_stroke {
	int64_t width;
	int gray;
	int64_t dash_on, dash_off;
};

/* A straight line. */
int pdfdoc_line(struct pdfdoc *d, const struct pdf_stroke *s, int64_t x0, int64_t y0,
		int64_t x1, int64_t y1);

/*
 * A rectangle with lower left (x, y): filled with grey `fill` (0..100, or a
 * PDF_RGB() colour; -1: not filled), then stroked with `s` (NULL: not stroked).
 */
int pdfdoc_rect(struct pdfdoc *d, const struct pdf_stroke *s, int fill, int64_t x, int64_t y,
		int64_t w, int64_t h);

/* A polygon through xy[0..2n) (x0, y0, x1, y1, ...), closed; fill and stroke as pdfdoc_rect. */
int pdfdoc_polygon(struct pdfdoc *d, const struct pdf_stroke *s, int fill, const int64_t *xy,
		   size_t n);

/* A circle; fill and stroke as pdfdoc_rect. */
int pdfdoc_circle(struct pdfdoc *d, const struct pdf_stroke *s, int fill, int64_t cx, int64_t cy,
		  int64_t r);

/*
 * Hatching inside a rectangle (for bars legible in black and white): parallel
 * lines `spacing` apart at `angle` degrees (0, 45, 90 or 135), stroked with s.
 */
int pdfdoc_hatch(struct pdfdoc *d, const struct pdf_stroke *s, int64_t x, int64_t y, int64_t w,
		 int64_t h, int angle, int64_t spacing);

#endif
