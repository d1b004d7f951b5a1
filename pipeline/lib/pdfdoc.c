/*
 * pdfdoc.c: parx's PDF documents on libharu 2.3.0, with its bugs worked around.
 *
 * Once per process (pdfdoc_global_init) the four Liberation Serif styles are
 * subset with HarfBuzz to the Vietnamese repertoire and written to anonymous
 * files (libharu 2.3.0 only loads fonts from a path: it gets
 * /proc/self/fd/N), their widths are read back through libharu itself (so our
 * measurements equal the /W widths viewers use), the sRGB profile is read and
 * the ToUnicode CMap text is built. All of that is read-only afterwards, so
 * threads may share it.
 *
 * A document wraps one HPDF_Doc. libharu's error handler only records the
 * error in the document (no longjmp anywhere); every call checks it. Fonts
 * are loaded into a document when first used. Text goes into one text object
 * per run of text calls, positioned with relative Td moves from our integer
 * coordinates. Saving fixes what libharu writes wrongly or not at all
 * (libraries.md): the ToUnicode CMap of each font, the font names, the XMP
 * metadata, the output intent (libharu's own writes a key with a trailing
 * space), the Info dates and the trailer /ID, a hash of the page contents and
 * the metadata, so that the same document always gives the same bytes.
 */
#define _GNU_SOURCE /* memfd_create */
#include "pdfdoc.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "common.h"
#include "diag.h"
#include "fileio.h"
#include "fontsub.h"
#include "sha256.h"
#include "strbuf.h"

#define DEFAULT_FONT_DIR "/usr/share/fonts/truetype/liberation2"
#define ICC_PATH "/usr/share/color/icc/sRGB.icc"
#define ICC_NAME "sRGB IEC61966-2.1"
#define NO_GLYPH 0xFFFFu
#define DRAFT_TEXT "D\xe1\xbb\xb0 TH\xe1\xba\xa2O" /* DỰ THẢO */

/* ---- The process-wide part ------------------------------------------------ */

static const struct fontsub_range repertoire[] = {
	{ 0x0020, 0x007E }, { 0x00A0, 0x00FF },
	{ 0x0102, 0x0103 }, { 0x0110, 0x0111 }, { 0x0128, 0x0129 }, { 0x0168, 0x0169 },
	{ 0x01A0, 0x01A1 }, { 0x01AF, 0x01B0 }, { 0x1EA0, 0x1EF9 },
	{ 0x2010, 0x2010 }, { 0x2012, 0x2015 }, { 0x2018, 0x201E }, { 0x2020, 0x2022 },
	{ 0x2026, 0x2026 }, { 0x2030, 0x2030 }, { 0x2032, 0x2033 }, { 0x2039, 0x203A },
	{ 0x20AB, 0x20AC }, { 0x2116, 0x2116 }, { 0x2122, 0x2122 }, { 0x2190, 0x2193 },
	{ 0x2212, 0x2212 }, { 0x2248, 0x2248 }, { 0x2260, 0x2260 }, { 0x2264, 0x2265 },
	{ 0x25A0, 0x25A1 }, { 0x25B2, 0x25B2 }, { 0x25BC, 0x25BC }, { 0x25CB, 0x25CB },
	{ 0x25CF, 0x25CF },
};

static const char *const font_file[PDF_NFONTS] = {
	"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
	"LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
};

struct gfont {
	int fd;
	char path[64];                /* /proc/self/fd/N */
	uint16_t *width[256];         /* by high byte: 1/1000 em, NO_GLYPH if absent */
	struct pdf_fontmetrics m;
	size_t subset_bytes;
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_ready;
static struct gfont g_font[PDF_NFONTS];
static struct strbuf g_icc = STRBUF_INIT;
static struct strbuf g_tounicode = STRBUF_INIT;
static struct fontsub_path g_draft;    /* "DỰ THẢO" in bold, as shapes */

static void init_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	HPDF_STATUS *st = user;

	(void)detail;
	if (!*st)
		*st = e;
}

/* An anonymous file holding data[0..len); its descriptor, or -1 after error(). */
static int anon_file(const void *data, size_t len)
{
	const char *p = data;
	int fd = memfd_create("parx-font", MFD_CLOEXEC);

	if (fd < 0) {
		/* No memfd: an unlinked file in the temporary folder does the same. */
		struct strbuf t = STRBUF_INIT;
		const char *dir = getenv("TMPDIR");

		strbuf_addf(&t, "%s/parx-font-XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkostemp(t.buf, O_CLOEXEC);
		if (fd >= 0)
			unlink(t.buf);
		strbuf_release(&t);
		if (fd < 0)
			return error("cannot create a temporary font file: %s", strerror(errno));
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;

			close(fd);
			return error("cannot write a temporary font file: %s", strerror(e));
		}
		p += n;
		len -= (size_t)n;
	}
	return fd;
}

/* Loads the subset font into a scratch document and reads widths and metrics through libharu. */
static int read_metrics(struct gfont *g, const struct strbuf *data)
{
	HPDF_STATUS st = 0;
	HPDF_Doc pdf = HPDF_New(init_error, &st);
	HPDF_Font font = NULL;
	const char *name;
	size_t r;
	int ret = -1;

	if (!pdf)
		return error("cannot start libharu");
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	name = HPDF_LoadTTFontFromFile(pdf, g->path, HPDF_TRUE);
	if (name)
		font = HPDF_GetFont(pdf, name, "UTF-8");
	if (!font || st) {
		error("libharu cannot load the subset font (error 0x%04X)", (unsigned)st);
		goto out;
	}
	for (r = 0; r < ARRAY_SIZE(repertoire); r++) {
		uint32_t cp;

		for (cp = repertoire[r].first; cp <= repertoire[r].last; cp++) {
			uint16_t **page = &g->width[cp >> 8];

			if (!*page) {
				*page = xmalloc(256 * sizeof(**page));
				for (int i = 0; i < 256; i++)
					(*page)[i] = NO_GLYPH;
			}
			(*page)[cp & 0xFF] = (uint16_t)HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
			/* libharu must read our rewritten cmap as HarfBuzz does */
			if (HPDF_TTFontDef_GetGlyphid(((HPDF_FontAttr)font->attr)->fontdef,
						      (HPDF_UINT16)cp) != fontsub_glyph(data, cp) ||
			    !fontsub_glyph(data, cp)) {
				error("libharu reads the glyph of U+%04X wrongly", (unsigned)cp);
				goto out;
			}
		}
	}
	g->m.ascent = HPDF_Font_GetAscent(font);
	g->m.descent = -HPDF_Font_GetDescent(font);
	g->m.cap_height = (int)HPDF_Font_GetCapHeight(font);
	g->m.x_height = (int)HPDF_Font_GetXHeight(font);
	ret = st ? error("libharu cannot measure the subset font (error 0x%04X)", (unsigned)st) : 0;
out:
	HPDF_Free(pdf);
	return ret;
}

/*
 * The ToUnicode CMap: code = Unicode code point (libharu's UTF-8 encoding),
 * as identity bfranges that never cross a high byte, at most 100 per block.
 */
static void build_tounicode(struct strbuf *sb)
{
	struct strbuf lines = STRBUF_INIT;
	size_t r, n = 0, i;
	const char *p;

	strbuf_addstr(sb,
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (r = 0; r < ARRAY_SIZE(repertoire); r++) {
		uint32_t a = repertoire[r].first, last = repertoire[r].last;

		while (a <= last) {
			uint32_t b = last < (a | 0xFF) ? last : (a | 0xFF);

			strbuf_addf(&lines, "<%04X> <%04X> <%04X>\n", (unsigned)a, (unsigned)b, (unsigned)a);
			n++;
			a = b + 1;
		}
	}
	p = lines.buf;
	for (i = 0; i < n; i += 100) {
		size_t k = n - i < 100 ? n - i : 100, j;

		strbuf_addf(sb, "%zu beginbfrange\n", k);
		for (j = 0; j < k; j++) {
			const char *e = strchr(p, '\n') + 1;

			strbuf_add(sb, p, (size_t)(e - p));
			p = e;
		}
		strbuf_addstr(sb, "endbfrange\n");
	}
	strbuf_addstr(sb,
		"endcmap\n"
		"CMapName currentdict /CMap defineresource pop\n"
		"end\n"
		"end\n");
	strbuf_release(&lines);
}

static int read_icc(struct strbuf *out)
{
	FILE *f = fopen(ICC_PATH, "rb");
	char buf[8192];
	size_t n;
	int bad;

	if (!f)
		return error("cannot open the sRGB profile '%s' (Debian package icc-profiles-free): %s",
			     ICC_PATH, strerror(errno));
	strbuf_reset(out);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && out->len < (1u << 20))
		strbuf_add(out, buf, n);
	bad = ferror(f);
	fclose(f);
	/* An ICC profile: its size in the first 4 bytes, "acsp" at 36, RGB data. */
	if (bad || out->len < 132 || memcmp(out->buf + 36, "acsp", 4) ||
	    memcmp(out->buf + 16, "RGB ", 4))
		return error("'%s' is not an RGB ICC profile", ICC_PATH);
	return 0;
}

static void release_fonts(void)
{
	int f, i;

	for (f = 0; f < PDF_NFONTS; f++) {
		if (g_font[f].fd > 0)
			close(g_font[f].fd);
		for (i = 0; i < 256; i++)
			free(g_font[f].width[i]);
		memset(&g_font[f], 0, sizeof(g_font[f]));
	}
	strbuf_release(&g_icc);
	strbuf_release(&g_tounicode);
	fontsub_path_release(&g_draft);
}

int pdfdoc_global_init(const char *font_dir)
{
	struct strbuf data = STRBUF_INIT, path = STRBUF_INIT;
	int f, ret = 0;

	pthread_mutex_lock(&g_lock);
	if (g_ready)
		goto out;
	if (!font_dir)
		font_dir = DEFAULT_FONT_DIR;
	ret = -1;
	for (f = 0; f < PDF_NFONTS; f++) {
		struct gfont *g = &g_font[f];

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", font_dir, font_file[f]);
		if (access(path.buf, R_OK) < 0) {
			error("font '%s' not found (Debian package fonts-liberation2): %s", path.buf,
			      strerror(errno));
			goto fail;
		}
		if (fontsub_subset(path.buf, repertoire, ARRAY_SIZE(repertoire), 0, &data) < 0 ||
		    fontsub_flatten_cmap(&data) < 0)
			goto fail;
		g->subset_bytes = data.len;
		g->fd = anon_file(data.buf, data.len);
		if (g->fd < 0) {
			g->fd = 0;
			goto fail;
		}
		snprintf(g->path, sizeof(g->path), "/proc/self/fd/%d", g->fd);
		if (access(g->path, R_OK) < 0) {
			error("cannot reopen the subset font as '%s': %s", g->path, strerror(errno));
			goto fail;
		}
		if (read_metrics(g, &data) < 0) {
			error("cannot use the subset of '%s'", path.buf);
			goto fail;
		}
		if (f == PDF_BOLD && fontsub_outline(g->path, DRAFT_TEXT, &g_draft) < 0)
			goto fail;
	}
	if (read_icc(&g_icc) < 0)
		goto fail;
	build_tounicode(&g_tounicode);
	g_ready = 1;
	ret = 0;
	goto out;
fail:
	release_fonts();
out:
	pthread_mutex_unlock(&g_lock);
	strbuf_release(&data);
	strbuf_release(&path);
	return ret;
}

void pdfdoc_global_release(void)
{
	pthread_mutex_lock(&g_lock);
	if (g_ready)
		release_fonts();
	g_ready = 0;
	pthread_mutex_unlock(&g_lock);
}

/* ---- Text measurement ------------------------------------------------------ */

/*
 * Decodes one UTF-8 character of s[0..len) (len >= 1) into *cp; returns its
 * length, or 0 when the bytes are not valid UTF-8 (overlong forms,
 * surrogates and values past U+10FFFF included).
 */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

static unsigned glyph_width(enum pdf_font f, uint32_t cp)
{
	const uint16_t *page;

	if (cp > 0xFFFF || !(page = g_font[f].width[cp >> 8]))
		return NO_GLYPH;
	return page[cp & 0xFF];
}

int pdfdoc_char_ok(uint32_t cp)
{
	return g_ready && glyph_width(PDF_REGULAR, cp) != NO_GLYPH;
}

int pdfdoc_text_check(const char *s, size_t len, uint32_t *bad, size_t *off)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(u + i, len - i, &cp);

		if (!n) {
			*bad = 0xFFFFFFFFu;
			*off = i;
			return -1;
		}
		if (cp != '\n' && cp != '\t' && !pdfdoc_char_ok(cp)) {
			*bad = cp;
			*off = i;
			return -1;
		}
		i += n;
	}
	return 0;
}

int64_t pdfdoc_text_width(enum pdf_font f, int64_t size, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	int64_t em = 0;
	size_t i = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(u + i, len - i, &cp);
		unsigned w;

		if (!n) {
			i++;
			continue;
		}
		w = glyph_width(f, cp);
		if (w != NO_GLYPH)
			em += w;
		i += n;
	}
	/* em is in 1/1000 em; size in units: round once per string. */
	return (em * size + 500) / 1000;
}

void pdfdoc_font_metrics(enum pdf_font f, struct pdf_fontmetrics *m)
{
	*m = g_font[f].m;
}

/* ---- Documents --------------------------------------------------------------- */

struct gstate {
	int64_t line_width; /* -1: unknown */
	int stroke_gray, fill_gray;
	int64_t dash_on, dash_off;
};

struct pdfdoc {
	HPDF_Doc pdf;
	HPDF_STATUS hpdf_status;   /* recorded by the error handler */
	int quiet;                 /* expected errors: the handler ignores them */
	char *err;                 /* the first error */
	int saved;

	/* metadata (copied) */
	char *title, *author, *subject, *keywords, *creator;
	int64_t epoch;
	int draft;
	struct pdfdoc_margins margins;

	HPDF_Font font[PDF_NFONTS];
	HPDF_Encoder utf8;

	/* pages */
	HPDF_Page page;
	HPDF_Page *pages;
	size_t npages, apages;
	enum pdf_orient orient;
	int64_t pw, ph;
	int page_in_section;
	unsigned sec_flags;
	HPDF_Outline sec_outline;
	int has_outline;
	int (*on_section)(void *);
	void *on_section_ctx;

	/* drawing state of the current page */
	int in_text;
	int text_font;             /* -1: none set */
	int64_t text_size;
	int64_t tx, ty;            /* origin of the current text line */
	int matrix_dirty;          /* a rotated text was drawn: reset with Tm */
	struct gstate gs;
	struct strbuf scratch;
};

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	struct pdfdoc *d = user;

	if (d->quiet)
		return;
	if (!d->hpdf_status)
		d->hpdf_status = e;
	if (!d->err) {
		struct strbuf sb = STRBUF_INIT;

		if (e == HPDF_FILE_OPEN_ERROR)
			strbuf_addf(&sb, "cannot create the file: %s", strerror((int)detail));
		else if (e == HPDF_FILE_IO_ERROR)
			strbuf_addf(&sb, "cannot write the file: %s", strerror((int)detail));
		else if (e == HPDF_FAILD_TO_ALLOC_MEM)
			strbuf_addstr(&sb, "out of memory");
		else
			strbuf_addf(&sb, "libharu error 0x%04X (detail %u)", (unsigned)e, (unsigned)detail);
		d->err = strbuf_detach(&sb);
	}
}

int pdfdoc_fail(struct pdfdoc *d, const char *fmt, ...)
{
	va_list ap;

	if (!d->err) {
		struct strbuf sb = STRBUF_INIT;

		va_start(ap, fmt);
		strbuf_vaddf(&sb, fmt, ap);
		va_end(ap);
		d->err = strbuf_detach(&sb);
	}
	return -1;
}

const char *pdfdoc_error(const struct pdfdoc *d)
{
	return d->err;
}

/* -1 if the document has failed (libharu or ours), else 0. */
static int failed(struct pdfdoc *d)
{
	if (d->hpdf_status && !d->err)
		pdfdoc_fail(d, "libharu error 0x%04X", (unsigned)d->hpdf_status);
	return d->err ? -1 : 0;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct pdfdoc *pdfdoc_new(const struct pdfdoc_meta *m)
{
	static const struct pdfdoc_margins def = PDFDOC_MARGINS_DEFAULT;
	struct pdfdoc *d = xcalloc(1, sizeof(*d));

	strbuf_init(&d->scratch);
	d->title = dup_or_null(m->title);
	d->author = dup_or_null(m->author);
	d->subject = dup_or_null(m->subject);
	d->keywords = dup_or_null(m->keywords);
	d->creator = m->creator ? xstrdup(m->creator) : xstrdup("parx " PARX_VERSION);
	d->epoch = m->epoch;
	d->draft = m->draft;
	d->margins = m->margins ? *m->margins : def;
	d->text_font = -1;

	if (!g_ready) {
		pdfdoc_fail(d, "pdfdoc_global_init() was not called");
		return d;
	}
	if (!d->title || !d->author) {
		pdfdoc_fail(d, "a document needs a title and an author");
		return d;
	}
	d->pdf = HPDF_New(on_error, d);
	if (!d->pdf) {
		pdfdoc_fail(d, "cannot start libharu (out of memory)");
		return d;
	}
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	d->utf8 = HPDF_GetEncoder(d->pdf, "UTF-8");
	failed(d);
	return d;
}

void pdfdoc_free(struct pdfdoc *d)
{
	if (!d)
		return;
	if (d->pdf)
		HPDF_Free(d->pdf);
	free(d->pages);
	free(d->title);
	free(d->author);
	free(d->subject);
	free(d->keywords);
	free(d->creator);
	free(d->err);
	strbuf_release(&d->scratch);
	free(d);
}

static HPDF_REAL real(int64_t v)
{
	return (HPDF_REAL)((double)v / PDF_UNITS_PER_PT);
}

/*
 * libharu writes a CIDToGIDMap for all 65,536 codes (131 KB to compress in
 * every document); only codes up to the repertoire's last are ever drawn, so
 * the map stops there (CIDs past its end map to glyph 0, which no text uses).
 */
static void truncate_map(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Dict map = attr->map_stream;
	size_t keep = 2 * ((size_t)repertoire[ARRAY_SIZE(repertoire) - 1].last + 1);
	HPDF_BYTE *buf;
	HPDF_UINT got;

	if (!map || !map->stream || map->stream->size <= keep)
		return;
	buf = xmalloc(keep);
	got = (HPDF_UINT)keep;
	HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET);
	if (HPDF_Stream_Read(map->stream, buf, &got) == HPDF_OK && got == keep) {
		HPDF_MemStream_FreeData(map->stream);
		HPDF_Stream_Write(map->stream, buf, (HPDF_UINT)keep);
	}
	free(buf);
}

/* The font f of this document, loaded on first use. */
static HPDF_Font get_font(struct pdfdoc *d, enum pdf_font f)
{
	const char *name;

	if (d->font[f])
		return d->font[f];
	name = HPDF_LoadTTFontFromFile(d->pdf, g_font[f].path, HPDF_TRUE);
	if (name)
		d->font[f] = HPDF_GetFont(d->pdf, name, "UTF-8");
	if (!d->font[f]) {
		if (!d->err)
			pdfdoc_fail(d, "cannot load font %d", (int)f);
		return NULL;
	}
	truncate_map(d->font[f]);
	return d->font[f];
}

static void end_text(struct pdfdoc *d)
{
	if (d->in_text) {
		HPDF_Page_EndText(d->page);
		d->in_text = 0;
	}
}

/* ---- Graphics state ---------------------------------------------------------- */

static void reset_gstate(struct gstate *g)
{
	g->line_width = PDF_PT(1); /* the PDF defaults */
	g->stroke_gray = 0;
	g->fill_gray = 0;
	g->dash_on = g->dash_off = 0;
}

static void set_fill(struct pdfdoc *d, int gray)
{
	if (d->gs.fill_gray != gray) {
		HPDF_Page_SetGrayFill(d->page, (HPDF_REAL)gray / 100);
		d->gs.fill_gray = gray;
	}
}

static void set_stroke(struct pdfdoc *d, const struct pdf_stroke *s)
{
	if (d->gs.line_width != s->width) {
		HPDF_Page_SetLineWidth(d->page, real(s->width));
		d->gs.line_width = s->width;
	}
	if (d->gs.stroke_gray != s->gray) {
		HPDF_Page_SetGrayStroke(d->page, (HPDF_REAL)s->gray / 100);
		d->gs.stroke_gray = s->gray;
	}
	if (d->gs.dash_on != s->dash_on || d->gs.dash_off != s->dash_off) {
		if (s->dash_on > 0 && s->dash_off > 0) {
			/* libharu takes whole points */
			HPDF_UINT16 ptn[2];
			int64_t on = (s->dash_on + PDF_UNITS_PER_PT / 2) / PDF_UNITS_PER_PT;
			int64_t off = (s->dash_off + PDF_UNITS_PER_PT / 2) / PDF_UNITS_PER_PT;

			ptn[0] = (HPDF_UINT16)(on < 1 ? 1 : on > 1000 ? 1000 : on);
			ptn[1] = (HPDF_UINT16)(off < 1 ? 1 : off > 1000 ? 1000 : off);
			HPDF_Page_SetDash(d->page, ptn, 2, 0);
		} else {
			HPDF_Page_SetDash(d->page, NULL, 0, 0);
		}
		d->gs.dash_on = s->dash_on;
		d->gs.dash_off = s->dash_off;
	}
}

static int check_gray(struct pdfdoc *d, int gray, int allow_none)
{
	if ((allow_none && gray == -1) || (gray >= 0 && gray <= 100))
		return 0;
	return pdfdoc_fail(d, "grey level %d out of 0..100", gray);
}

/* Common checks of every drawing call. */
static int can_draw(struct pdfdoc *d)
{
	if (failed(d) < 0)
		return -1;
	if (!d->page)
		return pdfdoc_fail(d, "nothing to draw on: no section started");
	return 0;
}

/* ---- Text ----------------------------------------------------------------------- */

/* Fails d unless s can be drawn; '\n' and '\t' pass when `layout` (typeset reads them). */
static int text_error(struct pdfdoc *d, const char *s, size_t len, const char *origin, int layout)
{
	uint32_t bad = 0;
	size_t off = 0;

	if (pdfdoc_text_check(s, len, &bad, &off) == 0) {
		if (layout)
			return 0;
		/* only '\n' or '\t' can be left */
		for (off = 0; off < len && s[off] != '\n' && s[off] != '\t'; off++)
			;
		if (off == len)
			return 0;
		bad = (unsigned char)s[off];
	}
	if (!origin)
		origin = "text";
	if (bad == 0xFFFFFFFFu)
		return pdfdoc_fail(d, "%s: invalid UTF-8 at byte %zu", origin, off);
	if (bad < 0x20 || bad == 0x7F || (bad >= 0x80 && bad < 0xA0))
		return pdfdoc_fail(d, "%s: control character U+%04X cannot be printed", origin,
				   (unsigned)bad);
	return pdfdoc_fail(d, "%s: character U+%04X '%.*s' is not in the document fonts "
			   "(Liberation Serif, Vietnamese repertoire)", origin, (unsigned)bad,
			   (int)(bad < 0x80 ? 1 : bad < 0x800 ? 2 : bad < 0x10000 ? 3 : 4), s + off);
}

static int draw_text(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		     int angle, int gray, const char *s, size_t len, const char *origin)
{
	HPDF_Font font;

	if (can_draw(d) < 0)
		return -1;
	if ((unsigned)f >= PDF_NFONTS || size <= 0)
		return pdfdoc_fail(d, "%s: bad font %d or size", origin ? origin : "text", (int)f);
	if (check_gray(d, gray, 0) < 0 || text_error(d, s, len, origin, 0) < 0)
		return -1;
	if (len == 0)
		return 0;
	font = get_font(d, f);
	if (!font)
		return -1;
	if (!d->in_text) {
		HPDF_Page_BeginText(d->page);
		d->in_text = 1;
		d->tx = d->ty = 0;
		d->matrix_dirty = 0;
	}
	if (d->text_font != (int)f || d->text_size != size) {
		HPDF_Page_SetFontAndSize(d->page, font, real(size));
		d->text_font = (int)f;
		d->text_size = size;
	}
	set_fill(d, gray);
	if (angle) {
		double a = angle * (M_PI / 180.0);
		HPDF_REAL c = (HPDF_REAL)cos(a), sn = (HPDF_REAL)sin(a);

		HPDF_Page_SetTextMatrix(d->page, c, sn, -sn, c, real(x), real(y));
		d->matrix_dirty = 1;
	} else if (d->matrix_dirty) {
		HPDF_Page_SetTextMatrix(d->page, 1, 0, 0, 1, real(x), real(y));
		d->matrix_dirty = 0;
	} else {
		HPDF_Page_MoveTextPos(d->page, real(x - d->tx), real(y - d->ty));
	}
	d->tx = x;
	d->ty = y;
	strbuf_reset(&d->scratch);
	strbuf_add(&d->scratch, s, len);
	HPDF_Page_ShowText(d->page, d->scratch.buf);
	return failed(d);
}

int pdfdoc_check(struct pdfdoc *d, const char *s, size_t len, const char *origin)
{
	if (failed(d) < 0)
		return -1;
	return text_error(d, s, len, origin, 1);
}

int pdfdoc_textn(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		 const char *s, size_t len, const char *origin)
{
	return draw_text(d, f, size, x, y, 0, 0, s, len, origin);
}

int pdfdoc_text(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		const char *s, const char *origin)
{
	return draw_text(d, f, size, x, y, 0, 0, s, strlen(s), origin);
}

int pdfdoc_text_ex(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		   int angle, int gray, const char *s, size_t len, const char *origin)
{
	return draw_text(d, f, size, x, y, ((angle % 360) + 360) % 360, gray, s, len, origin);
}

/* ---- Vector graphics ------------------------------------------------------------ */

static int begin_path(struct pdfdoc *d, const struct pdf_stroke *s, int fill)
{
	if (can_draw(d) < 0 || check_gray(d, fill, 1) < 0 ||
	    (s && (check_gray(d, s->gray, 0) < 0 || s->width < 0)))
		return -1;
	if (!s && fill < 0)
		return 1; /* nothing to paint */
	end_text(d);
	if (s)
		set_stroke(d, s);
	if (fill >= 0)
		set_fill(d, fill);
	return 0;
}

static int paint(struct pdfdoc *d, const struct pdf_stroke *s, int fill)
{
	if (s && fill >= 0)
		HPDF_Page_FillStroke(d->page);
	else if (s)
		HPDF_Page_Stroke(d->page);
	else
		HPDF_Page_Fill(d->page);
	return failed(d);
}

int pdfdoc_line(struct pdfdoc *d, const struct pdf_stroke *s, int64_t x0, int64_t y0,
		int64_t x1, int64_t y1)
{
	int r = begin_path(d, s, -1);

	if (r)
		return r < 0 ? -1 : 0;
	HPDF_Page_MoveTo(d->page, real(x0), real(y0));
	HPDF_Page_LineTo(d->page, real(x1), real(y1));
	return paint(d, s, -1);
}

int pdfdoc_rect(struct pdfdoc *d, const struct pdf_stroke *s, int fill, int64_t x, int64_t y,
		int64_t w, int64_t h)
{
	int r = begin_path(d, s, fill);

	if (r)
		return r < 0 ? -1 : 0;
	HPDF_Page_Rectangle(d->page, real(x), real(y), real(w), real(h));
	return paint(d, s, fill);
}

int pdfdoc_polygon(struct pdfdoc *d, const struct pdf_stroke *s, int fill, const int64_t *xy,
		   size_t n)
{
	size_t i;
	int r;

	if (n < 2)
		return can_draw(d);
	r = begin_path(d, s, fill);
	if (r)
		return r < 0 ? -1 : 0;
	HPDF_Page_MoveTo(d->page, real(xy[0]), real(xy[1]));
	for (i = 1; i < n; i++)
		HPDF_Page_LineTo(d->page, real(xy[2 * i]), real(xy[2 * i + 1]));
	HPDF_Page_ClosePath(d->page);
	return paint(d, s, fill);
}

int pdfdoc_circle(struct pdfdoc *d, const struct pdf_stroke *s, int fill, int64_t cx, int64_t cy,
		  int64_t r)
{
	int k = begin_path(d, s, fill);

	if (k)
		return k < 0 ? -1 : 0;
	HPDF_Page_Circle(d->page, real(cx), real(cy), real(r));
	return paint(d, s, fill);
}

int pdfdoc_hatch(struct pdfdoc *d, const struct pdf_stroke *s, int64_t x, int64_t y, int64_t w,
		 int64_t h, int angle, int64_t spacing)
{
	struct gstate saved;
	int64_t t;
	int r;

	if (angle != 0 && angle != 45 && angle != 90 && angle != 135)
		return pdfdoc_fail(d, "hatching at %d degrees (0, 45, 90 or 135)", angle);
	if (spacing <= 0 || !s)
		return pdfdoc_fail(d, "hatching needs a stroke and a spacing");
	r = begin_path(d, NULL, -1);
	if (r < 0 || can_draw(d) < 0)
		return -1;
	end_text(d);
	saved = d->gs;
	/* Clip to the rectangle, stroke lines across it, restore. */
	HPDF_Page_GSave(d->page);
	HPDF_Page_Rectangle(d->page, real(x), real(y), real(w), real(h));
	HPDF_Page_Clip(d->page);
	HPDF_Page_EndPath(d->page);
	set_stroke(d, s);
	switch (angle) {
	case 0:
		for (t = y + spacing / 2; t < y + h; t += spacing) {
			HPDF_Page_MoveTo(d->page, real(x), real(t));
			HPDF_Page_LineTo(d->page, real(x + w), real(t));
		}
		break;
	case 90:
		for (t = x + spacing / 2; t < x + w; t += spacing) {
			HPDF_Page_MoveTo(d->page, real(t), real(y));
			HPDF_Page_LineTo(d->page, real(t), real(y + h));
		}
		break;
	default: {
		/* Diagonals x - y = c (45) or x + y = c (135), spaced perpendicular by `spacing`. */
		int64_t step = spacing * 14142 / 10000;

		for (t = -h; t < w + h; t += step) {
			if (angle == 45) {
				HPDF_Page_MoveTo(d->page, real(x + t), real(y));
				HPDF_Page_LineTo(d->page, real(x + t + h), real(y + h));
			} else {
				HPDF_Page_MoveTo(d->page, real(x + t), real(y));
				HPDF_Page_LineTo(d->page, real(x + t - h), real(y + h));
			}
		}
		break;
	}
	}
	HPDF_Page_Stroke(d->page);
	HPDF_Page_GRestore(d->page);
	d->gs = saved;
	return failed(d);
}

/* ---- Pages ------------------------------------------------------------------------- */

/* The margins of the current page, turned for landscape (its top is the bound edge). */
static struct pdfdoc_margins page_margins(const struct pdfdoc *d)
{
	struct pdfdoc_margins m = d->margins, t;

	if (d->orient == PDF_PORTRAIT)
		return m;
	t.top = m.left;
	t.bottom = m.right;
	t.left = m.bottom;
	t.right = m.top;
	return t;
}

void pdfdoc_page_box(const struct pdfdoc *d, struct pdf_box *page, struct pdf_box *frame)
{
	struct pdf_box p = { 0, 0, 0, 0 }, f = { 0, 0, 0, 0 };

	if (d->page) {
		struct pdfdoc_margins m = page_margins(d);

		p.x1 = d->pw;
		p.y1 = d->ph;
		f.x0 = m.left;
		f.y0 = m.bottom;
		f.x1 = d->pw - m.right;
		f.y1 = d->ph - m.top;
	}
	if (page)
		*page = p;
	if (frame)
		*frame = f;
}

int pdfdoc_page_number(const struct pdfdoc *d)
{
	return d->page_in_section;
}

int pdfdoc_page_count(const struct pdfdoc *d)
{
	return (int)d->npages;
}

/*
 * "DỰ THẢO" across the page, light grey, under everything drawn later; drawn
 * as shapes so that it stays out of the text layer. Then the same boxed, as
 * text, flush right in the top margin.
 */
static int draw_draft(struct pdfdoc *d)
{
	static const char *t = DRAFT_TEXT;
	size_t len = strlen(t), i;
	struct pdfdoc_margins m = page_margins(d);
	struct pdf_stroke box = { PDF_PT(1), 0, 0, 0 };
	struct gstate saved = d->gs;
	double diag = sqrt((double)d->pw * (double)d->pw + (double)d->ph * (double)d->ph);
	double a = atan2((double)d->ph, (double)d->pw);
	double w = diag * 0.62 / PDF_UNITS_PER_PT;              /* points */
	double k = w / g_draft.advance;                         /* points per font unit */
	double cap = (double)g_font[PDF_BOLD].m.cap_height * g_draft.upem / 1000 * k;
	double c = cos(a), sn = sin(a);
	double x = (double)d->pw / 2 / PDF_UNITS_PER_PT - (w / 2 * c - cap / 2 * sn);
	double y = (double)d->ph / 2 / PDF_UNITS_PER_PT - (w / 2 * sn + cap / 2 * c);
	int64_t ls, lw, bx, by;

	end_text(d);
	HPDF_Page_GSave(d->page);
	HPDF_Page_Concat(d->page, (HPDF_REAL)(k * c), (HPDF_REAL)(k * sn), (HPDF_REAL)(-k * sn),
			 (HPDF_REAL)(k * c), (HPDF_REAL)x, (HPDF_REAL)y);
	HPDF_Page_SetGrayFill(d->page, 0.88f);
	for (i = 0; i < g_draft.n; i++) {
		const struct fontsub_seg *g = &g_draft.v[i];

		switch (g->op) {
		case FONTSUB_MOVE:
			HPDF_Page_MoveTo(d->page, g->x[0], g->y[0]);
			break;
		case FONTSUB_LINE:
			HPDF_Page_LineTo(d->page, g->x[0], g->y[0]);
			break;
		case FONTSUB_CUBIC:
			HPDF_Page_CurveTo(d->page, g->x[0], g->y[0], g->x[1], g->y[1], g->x[2], g->y[2]);
			break;
		case FONTSUB_CLOSE:
			HPDF_Page_ClosePath(d->page);
			break;
		}
	}
	HPDF_Page_Fill(d->page);
	HPDF_Page_GRestore(d->page);
	d->gs = saved;
	if (failed(d) < 0)
		return -1;
	/* the label: bold 12 pt in a box, flush right in the top margin */
	ls = PDF_PT(12);
	lw = pdfdoc_text_width(PDF_BOLD, ls, t, len);
	bx = d->pw - m.right - lw - PDF_PT(8);
	by = d->ph - m.top / 2 - ls / 2 - PDF_PT(3);
	if (pdfdoc_rect(d, &box, -1, bx, by, lw + PDF_PT(8), ls + PDF_PT(6)) < 0)
		return -1;
	return draw_text(d, PDF_BOLD, ls, bx + PDF_PT(4), by + PDF_PT(3) + ls * 22 / 100, 0, 0, t,
			 len, "draft marking");
}

/* Centred in the top margin of the current page. */
static int draw_page_number(struct pdfdoc *d)
{
	struct pdfdoc_margins m = page_margins(d);
	int64_t size = PDF_PT(13), w, x, y;
	char num[16];

	snprintf(num, sizeof(num), "%d", d->page_in_section);
	w = pdfdoc_text_width(PDF_REGULAR, size, num, strlen(num));
	x = m.left + (d->pw - m.left - m.right - w) / 2;
	y = d->ph - m.top / 2 - size * 33 / 100;
	return draw_text(d, PDF_REGULAR, size, x, y, 0, 0, num, strlen(num), "page number");
}

static int new_page(struct pdfdoc *d)
{
	HPDF_Page p;

	end_text(d);
	p = HPDF_AddPage(d->pdf);
	if (!p || failed(d) < 0)
		return pdfdoc_fail(d, "cannot add a page");
	d->pw = d->orient == PDF_PORTRAIT ? PDF_A4_SHORT : PDF_A4_LONG;
	d->ph = d->orient == PDF_PORTRAIT ? PDF_A4_LONG : PDF_A4_SHORT;
	HPDF_Page_SetWidth(p, real(d->pw));
	HPDF_Page_SetHeight(p, real(d->ph));
	d->page = p;
	xgrow(&d->pages, &d->apages, d->npages + 1, sizeof(*d->pages));
	d->pages[d->npages++] = p;
	d->page_in_section++;
	d->text_font = -1;
	d->text_size = 0;
	reset_gstate(&d->gs);
	if (d->draft && draw_draft(d) < 0)
		return -1;
	if (d->page_in_section > 1 && !(d->sec_flags & PDF_SEC_NO_NUMBERS) && draw_page_number(d) < 0)
		return -1;
	return failed(d);
}

/* A title for the outline: valid UTF-8 without control characters. */
static int check_title(struct pdfdoc *d, const char *t)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t len = strlen(t), i = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(u + i, len - i, &cp);

		if (!n || cp < 0x20 || cp == 0x7F)
			return pdfdoc_fail(d, "bookmark '%s': invalid UTF-8 or control character", t);
		i += n;
	}
	return 0;
}

static HPDF_Outline add_outline(struct pdfdoc *d, HPDF_Outline parent, const char *title, int64_t y)
{
	HPDF_Outline o;
	HPDF_Destination dst;

	if (check_title(d, title) < 0)
		return NULL;
	o = HPDF_CreateOutline(d->pdf, parent, title, d->utf8);
	dst = HPDF_Page_CreateDestination(d->page);
	if (!o || !dst)
		return NULL;
	HPDF_Destination_SetFitH(dst, real(y));
	HPDF_Outline_SetDestination(o, dst);
	d->has_outline = 1;
	return o;
}

void pdfdoc_on_section(struct pdfdoc *d, int (*fn)(void *ctx), void *ctx)
{
	if (!fn && ctx != d->on_section_ctx)
		return;
	d->on_section = fn;
	d->on_section_ctx = fn ? ctx : NULL;
}

int pdfdoc_section(struct pdfdoc *d, const char *bookmark, enum pdf_orient o, unsigned flags)
{
	if (failed(d) < 0)
		return -1;
	if (d->on_section && d->page && d->on_section(d->on_section_ctx) < 0)
		return failed(d) < 0 ? -1 : pdfdoc_fail(d, "cannot finish the previous section");
	d->orient = o == PDF_LANDSCAPE ? PDF_LANDSCAPE : PDF_PORTRAIT;
	d->sec_flags = flags;
	d->page_in_section = 0;
	d->sec_outline = NULL;
	if (new_page(d) < 0)
		return -1;
	if (bookmark) {
		d->sec_outline = add_outline(d, NULL, bookmark, d->ph);
		if (!d->sec_outline)
			return failed(d) < 0 ? -1 : pdfdoc_fail(d, "cannot add bookmark '%s'", bookmark);
		HPDF_Outline_SetOpened(d->sec_outline, HPDF_TRUE);
	}
	return failed(d);
}

int pdfdoc_page_add(struct pdfdoc *d)
{
	if (can_draw(d) < 0)
		return -1;
	return new_page(d);
}

int pdfdoc_bookmark(struct pdfdoc *d, const char *title, int64_t y)
{
	if (can_draw(d) < 0)
		return -1;
	if (!add_outline(d, d->sec_outline, title, y))
		return failed(d) < 0 ? -1 : pdfdoc_fail(d, "cannot add bookmark '%s'", title);
	return failed(d);
}

/* ---- Finishing --------------------------------------------------------------------- */

/* Replaces libharu's ToUnicode CMap of every font used, and drops the ",Bold"-style name suffixes. */
static void fix_fonts(struct pdfdoc *d)
{
	int f;

	/* HPDF_Dict_RemoveElement reports a missing key as an error: harmless here */
	d->quiet = 1;
	for (f = 0; f < PDF_NFONTS; f++) {
		HPDF_FontAttr attr;
		HPDF_Dict cmap;
		HPDF_TTFontDefAttr def;
		char *comma;

		if (!d->font[f])
			continue;
		attr = (HPDF_FontAttr)d->font[f]->attr;
		cmap = attr->cmap_stream;
		if (cmap && cmap->stream) {
			HPDF_MemStream_FreeData(cmap->stream);
			HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)g_tounicode.buf,
					  (HPDF_UINT)g_tounicode.len);
			/* keys of libharu's encoding CMap that do not describe this one */
			HPDF_Dict_RemoveElement(cmap, "Type");
			HPDF_Dict_RemoveElement(cmap, "CMapName");
			HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
			HPDF_Dict_RemoveElement(cmap, "WMode");
		}
		/* "LiberationSerif-Bold,Bold" is the font's name plus a style libharu adds */
		def = (HPDF_TTFontDefAttr)attr->fontdef->attr;
		if ((comma = strchr(def->base_font, ',')) != NULL)
			*comma = 0;
		if ((comma = strchr(attr->fontdef->base_font, ',')) != NULL)
			*comma = 0;
	}
	HPDF_ResetError(d->pdf);
	d->quiet = 0;
}

static void xml_escaped(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&apos;"); break;
		default: strbuf_addch(sb, *s);
		}
	}
}

static void utc(int64_t epoch, struct tm *tm)
{
	time_t t = (time_t)epoch;

	if (!gmtime_r(&t, tm))
		memset(tm, 0, sizeof(*tm));
}

/* The XMP packet of PDF/A-2b, with the same values as the Info dictionary. */
static void build_xmp(const struct pdfdoc *d, const char *title, const char *producer,
		      struct strbuf *x)
{
	struct tm tm;
	char date[64];

	utc(d->epoch, &tm);
	snprintf(date, sizeof(date), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	strbuf_addstr(x,
		"<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		"  <rdf:Description rdf:about=\"\"\n"
		"    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
		"    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		"    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		"    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
		"   <pdfaid:part>2</pdfaid:part>\n"
		"   <pdfaid:conformance>B</pdfaid:conformance>\n"
		"   <dc:format>application/pdf</dc:format>\n"
		"   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_escaped(x, title);
	strbuf_addstr(x, "</rdf:li></rdf:Alt></dc:title>\n   <dc:creator><rdf:Seq><rdf:li>");
	xml_escaped(x, d->author);
	strbuf_addstr(x, "</rdf:li></rdf:Seq></dc:creator>\n");
	if (d->subject) {
		strbuf_addstr(x, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_escaped(x, d->subject);
		strbuf_addstr(x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (d->keywords) {
		strbuf_addstr(x, "   <pdf:Keywords>");
		xml_escaped(x, d->keywords);
		strbuf_addstr(x, "</pdf:Keywords>\n");
	}
	strbuf_addstr(x, "   <pdf:Producer>");
	xml_escaped(x, producer);
	strbuf_addstr(x, "</pdf:Producer>\n   <xmp:CreatorTool>");
	xml_escaped(x, d->creator);
	strbuf_addf(x, "</xmp:CreatorTool>\n"
		    "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		    "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n"
		    "  </rdf:Description>\n"
		    " </rdf:RDF>\n"
		    "</x:xmpmeta>\n", date, date, date);
	/* no padding: nobody edits these files in place, and there are thousands of them */
	strbuf_addstr(x, "<?xpacket end=\"r\"?>");
}

/* Hashes everything that makes the document: metadata and every page's size and content. */
static void content_id(struct pdfdoc *d, const struct strbuf *xmp, unsigned char id[32])
{
	struct sha256 c;
	size_t p;

	sha256_init(&c);
	sha256_update(&c, xmp->buf, xmp->len);
	for (p = 0; p < d->npages; p++) {
		HPDF_PageAttr attr = (HPDF_PageAttr)d->pages[p]->attr;
		HPDF_Stream s = attr->stream;
		HPDF_UINT i, n = HPDF_MemStream_GetBufCount(s);
		HPDF_Box box = HPDF_Page_GetMediaBox(d->pages[p]);
		char dims[64];

		snprintf(dims, sizeof(dims), "page %zu %.4f %.4f\n", p, (double)box.right,
			 (double)box.top);
		sha256_update(&c, dims, strlen(dims));
		for (i = 0; i < n; i++) {
			HPDF_UINT len = 0;
			HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, i, &len);

			if (b && len)
				sha256_update(&c, b, len);
		}
	}
	sha256_final(&c, id);
}

static int finish(struct pdfdoc *d)
{
	struct strbuf xmp = STRBUF_INIT, title = STRBUF_INIT, producer = STRBUF_INIT;
	HPDF_Dict meta, intent, icc;
	HPDF_Array intents, ids;
	char date[64];
	struct tm tm;
	unsigned char id[32];
	int ret = -1;

	if (d->saved) {
		pdfdoc_fail(d, "document already saved");
		goto out;
	}
	d->saved = 1;
	if (failed(d) < 0)
		goto out;
	if (!d->npages) {
		pdfdoc_fail(d, "the document has no pages");
		goto out;
	}
	end_text(d);
	fix_fonts(d);

	/* Info, in UTF-16BE (libharu converts through the current UTF-8 encoder) */
	if (d->draft)
		strbuf_addstr(&title, DRAFT_TEXT ": ");
	strbuf_addstr(&title, d->title);
	strbuf_addf(&producer, "parx %s with libharu %s", PARX_VERSION, HPDF_VERSION_TEXT);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, title.buf);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, d->author);
	if (d->subject)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, d->subject);
	if (d->keywords)
		HPDF_SetInfoAttr(d->pdf, HPDF_INFO_KEYWORDS, d->keywords);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, d->creator);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_PRODUCER, producer.buf);
	/* libharu writes 'Z' dates as "Z00'00'": write them as XMP's equal, "...Z" */
	utc(d->epoch, &tm);
	snprintf(date, sizeof(date), "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (failed(d) < 0 || !d->pdf->info)
		goto fail;
	HPDF_Dict_Add(d->pdf->info, "CreationDate", HPDF_String_New(d->pdf->mmgr, date, NULL));
	HPDF_Dict_Add(d->pdf->info, "ModDate", HPDF_String_New(d->pdf->mmgr, date, NULL));
	if (failed(d) < 0)
		goto out;

	/* XMP metadata, uncompressed as PDF/A wants it */
	build_xmp(d, title.buf, producer.buf, &xmp);
	meta = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	if (!meta)
		goto fail;
	meta->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(meta, "Type", "Metadata");
	HPDF_Dict_AddName(meta, "Subtype", "XML");
	HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp.buf, (HPDF_UINT)xmp.len);
	HPDF_Dict_Add(d->pdf->catalog, "Metadata", meta);

	/* sRGB output intent */
	icc = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	intent = HPDF_Dict_New(d->pdf->mmgr);
	intents = HPDF_Array_New(d->pdf->mmgr);
	if (!icc || !intent || !intents)
		goto fail;
	icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(icc, "N", 3);
	HPDF_Stream_Write(icc->stream, (const HPDF_BYTE *)g_icc.buf, (HPDF_UINT)g_icc.len);
	HPDF_Xref_Add(d->pdf->xref, intent);
	HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(d->pdf->mmgr, ICC_NAME, NULL));
	HPDF_Dict_Add(intent, "Info", HPDF_String_New(d->pdf->mmgr, ICC_NAME, NULL));
	HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(d->pdf->mmgr, "http://www.color.org", NULL));
	HPDF_Dict_Add(intent, "DestOutputProfile", icc);
	HPDF_Array_Add(intents, intent);
	HPDF_Dict_Add(d->pdf->catalog, "OutputIntents", intents);
	HPDF_Dict_Add(d->pdf->catalog, "Lang", HPDF_String_New(d->pdf->mmgr, "vi", NULL));
	if (d->has_outline)
		HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);

	/* /ID from the content: the same document, the same bytes */
	content_id(d, &xmp, id);
	ids = HPDF_Array_New(d->pdf->mmgr);
	if (!ids)
		goto fail;
	HPDF_Dict_Add(d->pdf->trailer, "ID", ids);
	HPDF_Array_Add(ids, HPDF_Binary_New(d->pdf->mmgr, id, 16));
	HPDF_Array_Add(ids, HPDF_Binary_New(d->pdf->mmgr, id, 16));
	d->pdf->pdf_version = HPDF_VER_17;
	ret = failed(d);
	goto out;
fail:
	ret = failed(d) < 0 ? -1 : pdfdoc_fail(d, "out of memory finishing the document");
out:
	strbuf_release(&xmp);
	strbuf_release(&title);
	strbuf_release(&producer);
	return ret;
}

int pdfdoc_save(struct pdfdoc *d, const char *path)
{
	char *tmp = NULL;
	int ret = -1;

	if (finish(d) < 0) {
		error("cannot write '%s': %s", path, d->err);
		return -1;
	}
	tmp = tmp_name_for(path);
	if (HPDF_SaveToFile(d->pdf, tmp) != HPDF_OK || failed(d) < 0) {
		error("cannot write '%s': %s", path, d->err ? d->err : "libharu failed");
		unlink(tmp);
		goto out;
	}
	if (commit_rename(tmp, path) < 0)
		goto out;
	ret = 0;
out:
	free(tmp);
	return ret;
}

int pdfdoc_save_mem(struct pdfdoc *d, unsigned char **out, size_t *len)
{
	HPDF_UINT32 size, got;
	unsigned char *buf;

	*out = NULL;
	*len = 0;
	if (finish(d) < 0)
		return -1;
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK || failed(d) < 0)
		return failed(d) < 0 ? -1 : pdfdoc_fail(d, "cannot save to memory");
	size = HPDF_GetStreamSize(d->pdf);
	buf = xmalloc(size ? size : 1);
	got = size;
	HPDF_ResetStream(d->pdf);
	/* reading to the end reports HPDF_STREAM_EOF: not an error for us */
	d->quiet = 1;
	HPDF_ReadFromStream(d->pdf, buf, &got);
	HPDF_ResetError(d->pdf);
	d->quiet = 0;
	if (got != size) {
		free(buf);
		return pdfdoc_fail(d, "cannot read the saved document");
	}
	*out = buf;
	*len = got;
	return 0;
}
