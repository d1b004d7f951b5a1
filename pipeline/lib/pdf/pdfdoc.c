/*
 * pdfdoc.c: parx's PDF documents on libharu 2.3.0, with its bugs worked around
 * and its slow paths avoided (pipeline/LIBRARIES.md, "libharu 2.3.0").
 *
 * Once per process (pdfdoc_global_init) the four Liberation Serif styles are
 * subset with HarfBuzz to the Vietnamese repertoire and loaded into a scratch
 * libharu document (libharu 2.3.0 only loads fonts from a path: it gets an
 * anonymous file as /proc/self/fd/N), which gives their widths (so our
 * measurements equal the /W widths viewers use) and their font dictionaries
 * as libharu makes them. Everything that is the same in every document is
 * made then, once: each style's font dictionaries as text, its font program
 * and CIDToGIDMap deflated, the ToUnicode CMap and the sRGB profile
 * deflated. All of that is read-only afterwards, so threads may share it.
 *
 * A document wraps one HPDF_Doc, used for the object structure (pages,
 * outline, Info, cross-references); every stream reaches it deflated
 * already, by libdeflate (one compressor per document). What
 * libharu does slowly or wrongly per document is done here instead
 * (fonts/README.md): the page contents are written operator by
 * operator from our integer coordinates (exact decimals); a font used by the
 * document is three dictionaries whose direct entries are the process-wide
 * text and whose streams are read-only libharu streams over the process-wide
 * deflated bytes (libharu's own font building walks all 65,536 codes, and its
 * ToUnicode map is wrong); Info strings and bookmark titles are UTF-16BE
 * written here. Saving adds the XMP metadata, the output intent (libharu's
 * own writes a key with a trailing space), the Info dates and the trailer
 * /ID, a hash of the page contents and the metadata, so that the same
 * document always gives the same bytes. libharu's error handler only records
 * the error in the document (no longjmp anywhere); every call checks it.
 */
#define _GNU_SOURCE /* memfd_create */
#include "pdf/pdfdoc.h"

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
#include <libdeflate.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "pdf/fontsub.h"
#include "base/repertoire.h"
#include "base/sha256.h"
#include "base/strbuf.h"

#define DEFAULT_FONT_DIR "/usr/share/fonts/truetype/liberation2"
#define ICC_PATH "/usr/share/color/icc/sRGB.icc"
#define ICC_NAME "sRGB IEC61966-2.1"
#define NO_GLYPH 0xFFFFu
#define DRAFT_TEXT "D\xe1\xbb\xb0 TH\xe1\xba\xa2O" /* DỰ THẢO */

/* ---- The process-wide part ------------------------------------------------ */

/*
 * The fonts are cut down to the repertoire (repertoire.h). Codes (= CIDs)
 * that can be drawn end below MAP_END: each font's CIDToGIDMap stops there
 * (CIDs past the end of the map mean glyph 0, which no text uses). One past
 * the repertoire's last code point (checked at start-up).
 */
#define MAP_END 0x25D0u

static const char *const font_file[PDF_NFONTS] = {
	"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
	"LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
};

struct gfont {
	uint16_t *width[256];         /* by high byte: 1/1000 em, NO_GLYPH if absent */
	uint16_t ascii[128];          /* the same for U+0000-007F, 0 if absent (the fast path) */
	struct pdf_fontmetrics m;
	size_t subset_bytes;          /* the font program's length (/Length1) */
	struct strbuf file_z;         /* the font program, deflated: every document's FontFile2 */
	struct strbuf map_z;          /* its CIDToGIDMap up to MAP_END, deflated */
	/* the direct entries of its three dictionaries, as PDF text */
	struct strbuf type0_raw, cid_raw, desc_raw;
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_ready;
static struct gfont g_font[PDF_NFONTS];
static struct strbuf g_icc_z = STRBUF_INIT;        /* the sRGB profile, deflated */
static struct strbuf g_tounicode_z = STRBUF_INIT;  /* the ToUnicode CMap, deflated */
static struct fontsub_path g_draft;    /* "DỰ THẢO" in bold, as shapes */

static void init_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	HPDF_STATUS *st = user;

	(void)detail;
	if (!*st)
		*st = e;
}

/*
 * A read-only libharu stream over bytes that outlive it (the process-wide
 * streams, a page's contents): libharu reads it when it writes the document,
 * without the copy into its own memory streams. One block, freed by
 * HPDF_Stream_Free() with the object that holds it.
 */
struct rostream {
	HPDF_Stream_Rec s; /* first */
	const unsigned char *data;
	size_t len, pos;
};

static HPDF_STATUS ro_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
	struct rostream *r = (struct rostream *)(void *)s;
	size_t n = r->len - r->pos;

	if (n > *size)
		n = *size;
	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	if (n < *size) {
		*size = (HPDF_UINT)n;
		return HPDF_STREAM_EOF; /* as libharu's memory streams: not an error */
	}
	return HPDF_OK;
}

static HPDF_STATUS ro_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct rostream *r = (struct rostream *)(void *)s;
	int64_t p = pos;

	if (mode == HPDF_SEEK_CUR)
		p += (int64_t)r->pos;
	else if (mode == HPDF_SEEK_END)
		p = (int64_t)r->len - p;
	if (p < 0 || p > (int64_t)r->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	r->pos = (size_t)p;
	return HPDF_OK;
}

static HPDF_INT32 ro_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct rostream *)(void *)s)->pos;
}

static HPDF_UINT32 ro_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct rostream *)(void *)s)->len;
}

static void ro_init(struct rostream *r, HPDF_MMgr mmgr, HPDF_Error err, const void *data,
		    size_t len)
{
	memset(r, 0, sizeof(*r));
	r->s.sig_bytes = HPDF_STREAM_SIG_BYTES;
	r->s.type = HPDF_STREAM_CALLBACK;
	r->s.mmgr = mmgr;
	r->s.error = err;
	r->s.size = (HPDF_UINT)len;
	r->s.read_fn = ro_read;
	r->s.seek_fn = ro_seek;
	r->s.tell_fn = ro_tell;
	r->s.size_fn = ro_size;
	r->data = data;
	r->len = len;
}

static HPDF_Stream ro_new(HPDF_MMgr mmgr, const void *data, size_t len)
{
	struct rostream *r = HPDF_GetMem(mmgr, (HPDF_UINT)sizeof(*r));

	if (!r)
		return NULL;
	ro_init(r, mmgr, mmgr->error, data, len);
	return &r->s;
}

/*
 * Deflating. Every stream parx writes is deflated here, with libdeflate, not
 * by libharu (whose zlib at its fixed default level was a third of the
 * render stage's time): whole buffers at once, in the zlib format FlateDecode
 * reads. What every document shares is deflated once at the smallest level;
 * page contents at DEFLATE_PAGE, which is five to seven times as fast as zlib's default
 * for 8 % more bytes of page content (1 % of a score sheet, whose fonts are
 * smaller by more than that; pipeline/LIBRARIES.md, "libdeflate").
 */
#define DEFLATE_ONCE 12
#define DEFLATE_PAGE 1

/* z = data[0..len) deflated by the compressor c. Returns 0 or -1 (out of memory). */
static int deflate_with(struct libdeflate_compressor *c, const void *data, size_t len,
			struct strbuf *z)
{
	size_t bound = libdeflate_zlib_compress_bound(c, len), n;

	strbuf_reset(z);
	strbuf_grow(z, bound);
	n = libdeflate_zlib_compress(c, data, len, z->buf, bound);
	if (!n)
		return -1;
	z->len = n;
	z->buf[n] = '\0';
	return 0;
}

/* Written into the dictionary of a stream whose bytes are deflated already. */
static HPDF_STATUS write_flate_key(HPDF_Dict obj, HPDF_Stream out)
{
	(void)obj;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/*
 * Makes the stream dictionary `dict` write z[0..len) (deflated already) as
 * its data, marked FlateDecode, instead of what it holds. Returns 0, or -1
 * (out of memory, or a dictionary libharu writes itself).
 */
static int put_deflated(HPDF_Dict dict, const struct strbuf *z)
{
	HPDF_Stream s;

	if (!dict || !dict->stream || dict->write_fn)
		return -1;
	s = ro_new(dict->mmgr, z->buf, z->len);
	if (!s)
		return -1;
	HPDF_Stream_Free(dict->stream);
	dict->stream = s;
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = write_flate_key;
	return 0;
}

/* The bytes of a libharu memory stream. */
static void mem_bytes(HPDF_Stream s, struct strbuf *out)
{
	HPDF_UINT i, n = HPDF_MemStream_GetBufCount(s), got;

	strbuf_reset(out);
	for (i = 0; i < n; i++) {
		HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, i, &got);

		if (b)
			strbuf_add(out, b, got);
	}
}

/* z = data[0..len) deflated as small as libdeflate can, once per process. */
static int deflate_once(const void *data, size_t len, struct strbuf *z)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(DEFLATE_ONCE);
	int ret = c ? deflate_with(c, data, len, z) : -1;

	libdeflate_free_compressor(c);
	return ret < 0 ? error("libdeflate cannot deflate (out of memory)") : 0;
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

/* The CIDToGIDMap up to MAP_END (2 bytes per CID = code point, big-endian), from HarfBuzz's glyphs. */
static void build_map(const struct strbuf *font, struct strbuf *map)
{
	size_t r;

	strbuf_reset(map);
	strbuf_grow(map, 2 * MAP_END);
	memset(map->buf, 0, 2 * MAP_END);
	map->len = 2 * MAP_END;
	map->buf[map->len] = 0;
	for (r = 0; r < repertoire_nranges; r++) {
		uint32_t cp;

		for (cp = repertoire_ranges[r].first; cp <= repertoire_ranges[r].last; cp++) {
			unsigned gid = fontsub_glyph(font, cp);

			map->buf[2 * cp] = (char)(gid >> 8);
			map->buf[2 * cp + 1] = (char)(gid & 0xFF);
		}
	}
}

/* Appends a libharu object as libharu writes it (a value, not a reference). */
static int obj_text(HPDF_Doc pdf, void *obj, struct strbuf *out)
{
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, 4096);
	struct strbuf t = STRBUF_INIT;
	int ret = -1;

	if (s && obj && HPDF_Obj_WriteValue(obj, s, NULL) == HPDF_OK) {
		mem_bytes(s, &t);
		strbuf_add(out, t.buf, t.len);
		ret = 0;
	}
	if (s)
		HPDF_Stream_Free(s);
	strbuf_release(&t);
	return ret;
}

/*
 * Loads the subset font into a scratch libharu document, with libharu's own
 * UTF-8 encoding (code = CID = Unicode code point), and takes from it
 * everything a document needs of the font: the widths and metrics (so our
 * measurements are the /W widths viewers use), and the font's three
 * dictionaries as libharu makes them, as text. Checks that libharu finds
 * HarfBuzz's glyphs and that its CIDToGIDMap is ours.
 */
static int read_font(struct gfont *g, const char *path, const struct strbuf *data,
		     const struct strbuf *map)
{
	HPDF_STATUS st = 0;
	HPDF_Doc pdf = HPDF_New(init_error, &st);
	HPDF_Font font = NULL;
	HPDF_FontAttr attr;
	HPDF_FontDef def;
	struct strbuf got = STRBUF_INIT, name = STRBUF_INIT;
	const char *fname, *base;
	unsigned char digest[32];
	struct sha256 c;
	size_t r, k;
	int ret = -1;

	if (!pdf)
		return error("cannot start libharu");
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	fname = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	if (fname)
		font = HPDF_GetFont(pdf, fname, "UTF-8");
	if (!font || st) {
		error("libharu cannot load the subset font (error 0x%04X)", (unsigned)st);
		goto out;
	}
	attr = (HPDF_FontAttr)font->attr;
	def = attr->fontdef;
	for (r = 0; r < repertoire_nranges; r++) {
		uint32_t cp;

		for (cp = repertoire_ranges[r].first; cp <= repertoire_ranges[r].last; cp++) {
			uint16_t **page = &g->width[cp >> 8];

			if (!*page) {
				*page = xmalloc(256 * sizeof(**page));
				for (int i = 0; i < 256; i++)
					(*page)[i] = NO_GLYPH;
			}
			(*page)[cp & 0xFF] = (uint16_t)HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
			if (cp < 0x80)
				g->ascii[cp] = (*page)[cp & 0xFF];
			/* libharu must read our rewritten cmap as HarfBuzz does */
			if (HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) != fontsub_glyph(data, cp) ||
			    !fontsub_glyph(data, cp)) {
				error("libharu reads the glyph of U+%04X wrongly", (unsigned)cp);
				goto out;
			}
		}
	}
	/* every document gets our map: it must be the one libharu makes */
	mem_bytes(attr->map_stream->stream, &got);
	if (got.len < map->len || memcmp(got.buf, map->buf, map->len)) {
		error("libharu maps the subset font's glyphs differently");
		goto out;
	}
	g->m.ascent = HPDF_Font_GetAscent(font);
	g->m.descent = -HPDF_Font_GetDescent(font);
	g->m.cap_height = (int)HPDF_Font_GetCapHeight(font);
	g->m.x_height = (int)HPDF_Font_GetXHeight(font);

	/*
	 * The name: "LiberationSerif-Bold" (libharu's own name is that plus a
	 * style, ",Bold"), after a subset tag made from the font program, the
	 * same in every document that embeds it (pipeline/LIBRARIES.md, "libharu 2.3.0").
	 */
	base = ((HPDF_TTFontDefAttr)def->attr)->base_font;
	if (strchr(base, '+'))
		base = strchr(base, '+') + 1;
	sha256_init(&c);
	sha256_update(&c, data->buf, data->len);
	sha256_final(&c, digest);
	for (k = 0; k < 6; k++)
		strbuf_addch(&name, 'A' + digest[k] % 26);
	strbuf_addch(&name, '+');
	strbuf_add(&name, base, strcspn(base, ","));

	strbuf_addf(&g->type0_raw, "/Type /Font\012/Subtype /Type0\012/BaseFont /%s\012"
		    "/Encoding /Identity-H\012", name.buf);
	strbuf_addf(&g->cid_raw, "/Type /Font\012/Subtype /CIDFontType2\012/BaseFont /%s\012"
		    "/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\012",
		    name.buf);
	strbuf_addstr(&g->cid_raw, "/DW ");
	if (obj_text(pdf, HPDF_Dict_GetItem(attr->descendant_font, "DW", HPDF_OCLASS_NUMBER),
		     &g->cid_raw) < 0)
		goto out;
	strbuf_addstr(&g->cid_raw, "\012/DW2 ");
	if (obj_text(pdf, HPDF_Dict_GetItem(attr->descendant_font, "DW2", HPDF_OCLASS_ARRAY),
		     &g->cid_raw) < 0)
		goto out;
	strbuf_addstr(&g->cid_raw, "\012/W ");
	if (obj_text(pdf, HPDF_Dict_GetItem(attr->descendant_font, "W", HPDF_OCLASS_ARRAY),
		     &g->cid_raw) < 0)
		goto out;
	strbuf_addstr(&g->cid_raw, "\012");
	strbuf_addf(&g->desc_raw, "/Type /FontDescriptor\012/FontName /%s\012/Flags %u\012"
		    "/FontBBox [%d %d %d %d]\012/ItalicAngle %d\012/Ascent %d\012/Descent %d\012"
		    "/CapHeight %d\012/StemV %u\012/XHeight %u\012", name.buf, (unsigned)def->flags,
		    (int)floor(def->font_bbox.left + 0.5), (int)floor(def->font_bbox.bottom + 0.5),
		    (int)floor(def->font_bbox.right + 0.5), (int)floor(def->font_bbox.top + 0.5),
		    (int)def->italic_angle, (int)def->ascent, (int)def->descent,
		    (int)def->cap_height, (unsigned)def->stemv, (unsigned)def->x_height);
	if (st) {
		error("libharu cannot measure the subset font (error 0x%04X)", (unsigned)st);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&got);
	strbuf_release(&name);
	HPDF_Free(pdf);
	return ret;
}

/*
 * The ToUnicode CMap: code = Unicode code point (libharu's UTF-8 encoding),
 * as identity bfranges that never cross a high byte, at most 100 per block
 * (pipeline/LIBRARIES.md, "libharu 2.3.0").
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
	for (r = 0; r < repertoire_nranges; r++) {
		uint32_t a = repertoire_ranges[r].first, last = repertoire_ranges[r].last;

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
		for (i = 0; i < 256; i++)
			free(g_font[f].width[i]);
		strbuf_release(&g_font[f].file_z);
		strbuf_release(&g_font[f].map_z);
		strbuf_release(&g_font[f].type0_raw);
		strbuf_release(&g_font[f].cid_raw);
		strbuf_release(&g_font[f].desc_raw);
		memset(&g_font[f], 0, sizeof(g_font[f]));
	}
	strbuf_release(&g_icc_z);
	strbuf_release(&g_tounicode_z);
	fontsub_path_release(&g_draft);
}

int pdfdoc_global_init(const char *font_dir)
{
	struct strbuf data = STRBUF_INIT, path = STRBUF_INIT, map = STRBUF_INIT;
	char fdpath[64];
	int f, fd = -1, ret = 0;

	pthread_mutex_lock(&g_lock);
	if (g_ready)
		goto out;
	if (!font_dir)
		font_dir = DEFAULT_FONT_DIR;
	ret = -1;
	if (repertoire_ranges[repertoire_nranges - 1].last + 1 != MAP_END) {
		error("pdfdoc: MAP_END is not one past the repertoire");
		goto fail;
	}
	for (f = 0; f < PDF_NFONTS; f++) {
		struct gfont *g = &g_font[f];

		strbuf_init(&g->file_z);
		strbuf_init(&g->map_z);
		strbuf_init(&g->type0_raw);
		strbuf_init(&g->cid_raw);
		strbuf_init(&g->desc_raw);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", font_dir, font_file[f]);
		if (access(path.buf, R_OK) < 0) {
			error("font '%s' not found (Debian package fonts-liberation2): %s", path.buf,
			      strerror(errno));
			goto fail;
		}
		if (fontsub_subset(path.buf, repertoire_ranges, repertoire_nranges, 0, &data) < 0 ||
		    fontsub_flatten_cmap(&data) < 0)
			goto fail;
		g->subset_bytes = data.len;
		fd = anon_file(data.buf, data.len);
		if (fd < 0)
			goto fail;
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
		if (access(fdpath, R_OK) < 0) {
			error("cannot reopen the subset font as '%s': %s", fdpath, strerror(errno));
			goto fail;
		}
		build_map(&data, &map);
		if (read_font(g, fdpath, &data, &map) < 0) {
			error("cannot use the subset of '%s'", path.buf);
			goto fail;
		}
		if (f == PDF_BOLD && fontsub_outline(fdpath, DRAFT_TEXT, &g_draft) < 0)
			goto fail;
		close(fd);
		fd = -1;
		if (deflate_once(data.buf, data.len, &g->file_z) < 0 ||
		    deflate_once(map.buf, map.len, &g->map_z) < 0)
			goto fail;
	}
	if (read_icc(&data) < 0 || deflate_once(data.buf, data.len, &g_icc_z) < 0)
		goto fail;
	strbuf_reset(&data);
	build_tounicode(&data);
	if (deflate_once(data.buf, data.len, &g_tounicode_z) < 0)
		goto fail;
	g_ready = 1;
	ret = 0;
	goto out;
fail:
	release_fonts();
out:
	if (fd >= 0)
		close(fd);
	pthread_mutex_unlock(&g_lock);
	strbuf_release(&data);
	strbuf_release(&path);
	strbuf_release(&map);
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

/* utf8_decode() with the 2- and 3-byte forms of Vietnamese inline (s[0] >= 0x80). */
static inline size_t utf8_multi(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0];

	if (c >= 0xC2 && c < 0xE0 && len >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = (c & 0x1F) << 6 | (s[1] & 0x3Fu);
		return 2;
	}
	if ((c & 0xF0) == 0xE0 && len >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		uint32_t v = (c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3Fu);

		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return 3;
	}
	return utf8_decode(s, len, cp);
}

static inline unsigned glyph_width(enum pdf_font f, uint32_t cp)
{
	const uint16_t *page;

	if (cp > 0xFFFF || !(page = g_font[f].width[cp >> 8]))
		return NO_GLYPH;
	return page[cp & 0xFF];
}

/* In the repertoire (the same in every style). */
static inline int char_ok(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 0x20 && cp < 0x7F;
	return glyph_width(PDF_REGULAR, cp) != NO_GLYPH;
}

int pdfdoc_char_ok(uint32_t cp)
{
	return g_ready && char_ok(cp);
}

int pdfdoc_text_check(const char *s, size_t len, uint32_t *bad, size_t *off)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp = u[i];
		size_t n = 1;

		if (cp >= 0x20 && cp < 0x7F && g_ready) {
			i++;
			continue;
		}
		if (cp >= 0x80)
			n = utf8_multi(u + i, len - i, &cp);
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
	const struct gfont *g = &g_font[f];
	int64_t em = 0;
	size_t i = 0;

	while (i < len) {
		uint32_t cp = u[i];
		size_t n;
		unsigned w;

		if (cp < 0x80) {
			em += g->ascii[cp];
			i++;
			continue;
		}
		n = utf8_multi(u + i, len - i, &cp);
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

/* What the content stream has set: written again only when it changes. */
struct gstate {
	int64_t line_width;
	int stroke, fill;          /* grey 0..100 or a PDF_RGB() value */
	int64_t dash_on, dash_off;
};

struct hatch;

struct page {
	HPDF_Page page;
	struct strbuf cs;          /* its content stream, written here; deflated once done */
	int done;
	unsigned char digest[16];  /* of the content, for the /ID (page_digest) */
	size_t raw_len;
	int64_t w, h;
};

struct pdfdoc {
	HPDF_Doc pdf;
	HPDF_STATUS hpdf_status;   /* recorded by the error handler */
	int quiet;                 /* expected errors: the handler ignores them */
	char *err;                 /* the first error */
	int io;                    /* it was the system's or libharu's fault, not the content's */
	int saved;

	/* metadata (copied) */
	char *title, *author, *subject, *keywords, *creator;
	int64_t epoch;
	int draft;
	struct pdfdoc_margins margins;

	struct libdeflate_compressor *z; /* the page contents' deflater, made on first use */

	HPDF_Dict font[PDF_NFONTS];   /* the Type0 font of each style used */
	HPDF_Dict tounicode;          /* shared by the fonts */

	/* pages */
	HPDF_Page page;
	struct strbuf *cs;         /* the current page's content stream */
	struct page *pages;
	size_t npages, apages;
	enum pdf_orient orient;
	int64_t pw, ph;
	int page_in_section;
	unsigned sec_flags;
	HPDF_Outline sec_outline;
	int has_outline;
	int (*on_section)(void *);
	void *on_section_ctx;

	struct hatch *hatch;       /* hatching patterns made so far */
	size_t nhatch, ahatch;

	/* drawing state of the current page */
	const char *font_name[PDF_NFONTS]; /* resource names, once used on the page */
	HPDF_Dict patterns;        /* the page's /Pattern resources, once one is used */
	int in_text;
	int text_font;             /* -1: none set */
	int64_t text_size;
	int64_t tx, ty;            /* origin of the current text line */
	int matrix_dirty;          /* a rotated text was drawn: reset with Tm */
	struct gstate gs;
};

/*
 * libharu calls this when a call ends with an error set (the last one set).
 * A failed write reaches it as FILE_IO_ERROR with ferror()'s flag as the
 * detail, or, inside a deflated stream, as ZLIB_ERROR with FILE_IO_ERROR as
 * the detail; the reason is errno, which the closing of the file has left.
 */
static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	struct pdfdoc *d = user;
	int sys = errno;

	if (d->quiet)
		return;
	if (!d->hpdf_status)
		d->hpdf_status = e;
	if (!d->err) {
		struct strbuf sb = STRBUF_INIT;

		if (e == HPDF_FILE_OPEN_ERROR)
			strbuf_addf(&sb, _("cannot create the file: %s"), strerror((int)detail));
		else if (e == HPDF_FILE_IO_ERROR ||
			 (e == HPDF_ZLIB_ERROR && detail == HPDF_FILE_IO_ERROR))
			strbuf_addstr(&sb, strerror(sys ? sys : EIO)); /* after "cannot write 'path': " */
		else if (e == HPDF_FAILD_TO_ALLOC_MEM)
			strbuf_addstr(&sb, _("out of memory"));
		else
			strbuf_addf(&sb, _("libharu error 0x%04X (detail %u)"), (unsigned)e,
				    (unsigned)detail);
		d->err = strbuf_detach(&sb);
	}
}

int pdfdoc_fail(struct pdfdoc *d, const char *fmt, ...)
{
	va_list ap;

	if (!d->err) {
		struct strbuf sb = STRBUF_INIT;

		va_start(ap, fmt);
		strbuf_vaddf(&sb, _(fmt), ap);
		va_end(ap);
		d->err = strbuf_detach(&sb);
	}
	return -1;
}

const char *pdfdoc_error(const struct pdfdoc *d)
{
	return d->err;
}

int pdfdoc_failure(const struct pdfdoc *d)
{
	if (!d->err && !d->hpdf_status)
		return PDFDOC_OK;
	return d->io || d->hpdf_status ? PDFDOC_FAILED_IO : PDFDOC_FAILED_CONTENT;
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
		d->io = 1;
		return d;
	}
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	failed(d);
	return d;
}

void pdfdoc_free(struct pdfdoc *d)
{
	size_t p;

	if (!d)
		return;
	/* libharu's streams over our page contents go first */
	if (d->pdf)
		HPDF_Free(d->pdf);
	libdeflate_free_compressor(d->z);
	for (p = 0; p < d->npages; p++)
		strbuf_release(&d->pages[p].cs);
	free(d->pages);
	free(d->hatch);
	free(d->title);
	free(d->author);
	free(d->subject);
	free(d->keywords);
	free(d->creator);
	free(d->err);
	free(d);
}

/* ---- The content stream ------------------------------------------------------- */

/*
 * Operators are written as PDF text: numbers are our integer units written
 * as exact decimals (1/10000 pt: at most four decimals, no trailing zeros).
 */
static size_t fmt_units(char *p, int64_t v)
{
	char tmp[24];
	size_t n = 0, k = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t ip = u / PDF_UNITS_PER_PT;
	unsigned fp = (unsigned)(u % PDF_UNITS_PER_PT);

	if (v < 0)
		p[n++] = '-';
	do {
		tmp[k++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	while (k)
		p[n++] = tmp[--k];
	if (fp) {
		unsigned div = 1000;

		p[n++] = '.';
		while (fp) {
			p[n++] = (char)('0' + fp / div);
			fp %= div;
			div /= 10;
		}
	}
	return n;
}

/* Appends the numbers v[0..n) (units), each followed by a space, then op and a newline. */
static void cs_op(struct strbuf *cs, const int64_t *v, size_t n, const char *op)
{
	size_t i, ol = strlen(op);
	char *p;

	strbuf_grow(cs, n * 22 + ol + 1);
	p = cs->buf + cs->len;
	for (i = 0; i < n; i++) {
		p += fmt_units(p, v[i]);
		*p++ = ' ';
	}
	memcpy(p, op, ol);
	p += ol;
	*p++ = '\n';
	*p = 0;
	cs->len = (size_t)(p - cs->buf);
}

static void cs_op1(struct strbuf *cs, int64_t a, const char *op)
{
	cs_op(cs, &a, 1, op);
}

static void cs_op2(struct strbuf *cs, int64_t a, int64_t b, const char *op)
{
	int64_t v[2] = { a, b };

	cs_op(cs, v, 2, op);
}

static void cs_op4(struct strbuf *cs, int64_t a, int64_t b, int64_t c, int64_t e, const char *op)
{
	int64_t v[4] = { a, b, c, e };

	cs_op(cs, v, 4, op);
}

/* A real number (matrices of rotated text and of the draft marking), to six decimals. */
static void cs_real(struct strbuf *cs, double v)
{
	char buf[48];
	int n = snprintf(buf, sizeof(buf), "%.6f", v);

	while (n > 0 && buf[n - 1] == '0')
		n--;
	if (n > 0 && buf[n - 1] == '.')
		n--;
	if (n == 2 && !memcmp(buf, "-0", 2))
		n = 1, buf[0] = '0';
	strbuf_add(cs, buf, (size_t)n);
	strbuf_addch(cs, ' ');
}

/*
 * A colour value (grey 0..100 or PDF_RGB()) with its operator: g/rg for
 * filling, G/RG for stroking.
 */
static void cs_color(struct strbuf *cs, int c, int stroke)
{
	if (c >= 0 && c <= 100) {
		cs_op1(cs, (int64_t)c * 100, stroke ? "G" : "g");
	} else {
		int64_t v[3];
		int i;

		for (i = 0; i < 3; i++)
			v[i] = ((int64_t)((c >> (16 - 8 * i)) & 0xFF) * 10000 + 127) / 255;
		cs_op(cs, v, 3, stroke ? "RG" : "rg");
	}
}

/*
 * A 128-bit digest of a page's content stream, for the /ID: not a
 * cryptographic hash (two multiply-xorshift lanes over 8-byte words, about
 * one instruction a byte), since SHA-256 of every content stream cost more
 * than drawing it; the digests then go through SHA-256 with the rest.
 */
static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static uint64_t mix(uint64_t h, uint64_t w, uint64_t k)
{
	h = (h ^ w) * k;
	return h ^ (h >> 29);
}

static void page_digest(const struct strbuf *cs, unsigned char out[16])
{
	static const uint64_t k1 = 0x9E3779B97F4A7C15u, k2 = 0xC2B2AE3D27D4EB4Fu;
	const unsigned char *p = (const unsigned char *)cs->buf;
	unsigned char tail[16] = { 0 };
	uint64_t a = 0x6A09E667F3BCC908u, b = 0xBB67AE8584CAA73Bu;
	size_t n = cs->len, i;

	for (; n >= 16; p += 16, n -= 16) {
		a = mix(a, le64(p), k1);
		b = mix(b, le64(p + 8), k2);
	}
	memcpy(tail, p, n);
	a = mix(a, le64(tail), k1);
	b = mix(b, le64(tail + 8), k2);
	a = mix(a, (uint64_t)cs->len, k2);
	b = mix(b ^ a, (uint64_t)cs->len, k1);
	a = mix(a ^ b, 0, k1);
	for (i = 0; i < 8; i++) {
		out[i] = (unsigned char)(a >> (8 * i));
		out[8 + i] = (unsigned char)(b >> (8 * i));
	}
}

/* ---- Fonts -------------------------------------------------------------------- */

/* Writes the process-wide direct entries of a font dictionary (its attr). */
static HPDF_STATUS write_raw(HPDF_Dict obj, HPDF_Stream out)
{
	const struct strbuf *raw = obj->attr;

	return HPDF_Stream_Write(out, (const HPDF_BYTE *)raw->buf, (HPDF_UINT)raw->len);
}

/* A new indirect dictionary of the document whose direct entries are `raw`. */
static HPDF_Dict raw_dict(struct pdfdoc *d, const struct strbuf *raw)
{
	HPDF_Dict o = HPDF_Dict_New(d->pdf->mmgr);

	if (!o || HPDF_Xref_Add(d->pdf->xref, o) != HPDF_OK)
		return NULL;
	o->write_fn = write_raw;
	o->attr = (void *)raw;
	return o;
}

/* A new stream of the document holding the process-wide deflated bytes z. */
static HPDF_Dict deflated_stream(struct pdfdoc *d, const struct strbuf *z)
{
	HPDF_Dict o = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);

	return o && put_deflated(o, z) == 0 ? o : NULL;
}

/*
 * The font of style f in this document, made on first use: a Type0 font
 * (Identity-H: the 2-byte codes of the content are CIDs, equal to the
 * Unicode code points), its CIDFontType2 with /W and CIDToGIDMap, its
 * descriptor with the subset font program, and the ToUnicode map.
 */
static HPDF_Dict get_font(struct pdfdoc *d, enum pdf_font f)
{
	const struct gfont *g = &g_font[f];
	HPDF_Dict type0, cid, desc, map, file;
	HPDF_Array desc_fonts;
	HPDF_STATUS r = 0;

	if (d->font[f])
		return d->font[f];
	if (!d->tounicode)
		d->tounicode = deflated_stream(d, &g_tounicode_z);
	type0 = raw_dict(d, &g->type0_raw);
	cid = raw_dict(d, &g->cid_raw);
	desc = raw_dict(d, &g->desc_raw);
	map = deflated_stream(d, &g->map_z);
	file = deflated_stream(d, &g->file_z);
	desc_fonts = HPDF_Array_New(d->pdf->mmgr);
	if (!d->tounicode || !type0 || !cid || !desc || !map || !file || !desc_fonts) {
		if (!failed(d))
			(pdfdoc_fail(d, "cannot make font %d", (int)f), d->io = 1);
		return NULL;
	}
	r |= HPDF_Dict_Add(type0, "DescendantFonts", desc_fonts);
	r |= HPDF_Array_Add(desc_fonts, cid);
	r |= HPDF_Dict_Add(type0, "ToUnicode", d->tounicode);
	r |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
	r |= HPDF_Dict_Add(cid, "CIDToGIDMap", map);
	r |= HPDF_Dict_Add(desc, "FontFile2", file);
	r |= HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)g->subset_bytes);
	r |= HPDF_Dict_AddNumber(file, "Length2", 0);
	r |= HPDF_Dict_AddNumber(file, "Length3", 0);
	if (r != HPDF_OK || failed(d) < 0) {
		(pdfdoc_fail(d, "cannot make font %d", (int)f), d->io = 1);
		return NULL;
	}
	d->font[f] = type0;
	return type0;
}

/* The font's resource name on the current page (registered on first use). */
static const char *font_name(struct pdfdoc *d, enum pdf_font f)
{
	HPDF_Dict font;

	if (d->font_name[f])
		return d->font_name[f];
	font = get_font(d, f);
	if (!font)
		return NULL;
	d->font_name[f] = HPDF_Page_GetLocalFontName(d->page, font);
	if (!d->font_name[f] && !d->err)
		pdfdoc_fail(d, "cannot use font %d on the page", (int)f);
	return d->font_name[f];
}

static void end_text(struct pdfdoc *d)
{
	if (d->in_text) {
		strbuf_add(d->cs, "ET\n", 3);
		d->in_text = 0;
	}
}

/* ---- Graphics state ---------------------------------------------------------- */

static void reset_gstate(struct gstate *g)
{
	g->line_width = PDF_PT(1); /* the PDF defaults */
	g->stroke = 0;
	g->fill = 0;
	g->dash_on = g->dash_off = 0;
}

static void set_fill(struct pdfdoc *d, int c)
{
	if (d->gs.fill != c) {
		cs_color(d->cs, c, 0);
		d->gs.fill = c;
	}
}

static void set_stroke(struct pdfdoc *d, const struct pdf_stroke *s)
{
	if (d->gs.line_width != s->width) {
		cs_op1(d->cs, s->width, "w");
		d->gs.line_width = s->width;
	}
	if (d->gs.stroke != s->gray) {
		cs_color(d->cs, s->gray, 1);
		d->gs.stroke = s->gray;
	}
	if (d->gs.dash_on != s->dash_on || d->gs.dash_off != s->dash_off) {
		if (s->dash_on > 0 && s->dash_off > 0) {
			int64_t v[2] = { s->dash_on, s->dash_off };

			strbuf_addch(d->cs, '[');
			cs_op(d->cs, v, 2, "] 0 d");
		} else {
			strbuf_addstr(d->cs, "[] 0 d\n");
		}
		d->gs.dash_on = s->dash_on;
		d->gs.dash_off = s->dash_off;
	}
}

/* A grey level 0..100, a PDF_RGB() colour, or -1 (none) when allow_none. */
static int check_color(struct pdfdoc *d, int c, int allow_none)
{
	if ((allow_none && c == -1) || (c >= 0 && c <= 100) || (c & ~0xFFFFFF) == PDF_RGB(0))
		return 0;
	return pdfdoc_fail(d, "grey level %d out of 0..100 (or a PDF_RGB colour)", c);
}

/* Common checks of every drawing call. */
static int can_draw(struct pdfdoc *d)
{
	if (failed(d) < 0)
		return -1;
	if (d->saved)
		return pdfdoc_fail(d, "document already saved");
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

/* One byte of a literal string. */
static char *put_byte(char *p, unsigned b)
{
	switch (b) {
	case '(': case ')': case '\\':
		*p++ = '\\';
		*p++ = (char)b;
		break;
	case '\n':
		*p++ = '\\';
		*p++ = 'n';
		break;
	case '\r':
		*p++ = '\\';
		*p++ = 'r';
		break;
	default:
		*p++ = (char)b;
	}
	return p;
}

/*
 * Appends "(...) Tj": the UTF-8 text s[0..len) as the 2-byte codes of
 * libharu's UTF-8 encoding (code = CID = Unicode code point), a literal
 * string. Returns 0, or -1 when s has a character the fonts lack or invalid
 * UTF-8 (nothing appended).
 */
static int put_show(struct strbuf *cs, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	char *p;

	/* at most 4 bytes out per byte in, plus "() Tj\n" */
	strbuf_grow(cs, 4 * len + 8);
	p = cs->buf + cs->len;
	*p++ = '(';
	while (i < len) {
		uint32_t cp = u[i];
		size_t n = 1;

		if (cp >= 0x80)
			n = utf8_multi(u + i, len - i, &cp);
		if (!n || !char_ok(cp)) {
			cs->buf[cs->len] = 0;
			return -1;
		}
		p = put_byte(p, cp >> 8);
		p = put_byte(p, cp & 0xFF);
		i += n;
	}
	memcpy(p, ") Tj\n", 5);
	p += 5;
	*p = 0;
	cs->len = (size_t)(p - cs->buf);
	return 0;
}

static int draw_text(struct pdfdoc *d, enum pdf_font f, int64_t size, int64_t x, int64_t y,
		     int angle, int color, const char *s, size_t len, const char *origin)
{
	const char *name;

	if (can_draw(d) < 0)
		return -1;
	if ((unsigned)f >= PDF_NFONTS || size <= 0)
		return pdfdoc_fail(d, "%s: bad font %d or size", origin ? origin : "text", (int)f);
	if (check_color(d, color, 0) < 0)
		return -1;
	if (len == 0)
		return text_error(d, s, len, origin, 0);
	name = font_name(d, f);
	if (!name)
		return -1;
	if (!d->in_text) {
		strbuf_add(d->cs, "BT\n", 3);
		d->in_text = 1;
		d->tx = d->ty = 0;
		d->matrix_dirty = 0;
	}
	if (d->text_font != (int)f || d->text_size != size) {
		strbuf_addch(d->cs, '/');
		strbuf_addstr(d->cs, name);
		strbuf_addch(d->cs, ' ');
		cs_op1(d->cs, size, "Tf");
		d->text_font = (int)f;
		d->text_size = size;
	}
	set_fill(d, color);
	if (angle) {
		double a = angle * (M_PI / 180.0), c = cos(a), sn = sin(a);

		cs_real(d->cs, c);
		cs_real(d->cs, sn);
		cs_real(d->cs, -sn);
		cs_real(d->cs, c);
		cs_op2(d->cs, x, y, "Tm");
		d->matrix_dirty = 1;
	} else if (d->matrix_dirty) {
		strbuf_addstr(d->cs, "1 0 0 1 ");
		cs_op2(d->cs, x, y, "Tm");
		d->matrix_dirty = 0;
	} else if (x != d->tx || y != d->ty) {
		cs_op2(d->cs, x - d->tx, y - d->ty, "Td");
	}
	d->tx = x;
	d->ty = y;
	if (put_show(d->cs, s, len) < 0) {
		if (text_error(d, s, len, origin, 0) == 0)
			pdfdoc_fail(d, "%s: text cannot be drawn", origin ? origin : "text");
		return -1;
	}
	return 0;
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
	if (can_draw(d) < 0 || check_color(d, fill, 1) < 0 ||
	    (s && (check_color(d, s->gray, 0) < 0 || s->width < 0)))
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
		strbuf_add(d->cs, "B\n", 2);
	else if (s)
		strbuf_add(d->cs, "S\n", 2);
	else
		strbuf_add(d->cs, "f\n", 2);
	return 0;
}

int pdfdoc_line(struct pdfdoc *d, const struct pdf_stroke *s, int64_t x0, int64_t y0,
		int64_t x1, int64_t y1)
{
	int r = begin_path(d, s, -1);

	if (r)
		return r < 0 ? -1 : 0;
	cs_op2(d->cs, x0, y0, "m");
	cs_op2(d->cs, x1, y1, "l");
	return paint(d, s, -1);
}

int pdfdoc_rect(struct pdfdoc *d, const struct pdf_stroke *s, int fill, int64_t x, int64_t y,
		int64_t w, int64_t h)
{
	int r = begin_path(d, s, fill);

	if (r)
		return r < 0 ? -1 : 0;
	cs_op4(d->cs, x, y, w, h, "re");
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
	cs_op2(d->cs, xy[0], xy[1], "m");
	for (i = 1; i < n; i++)
		cs_op2(d->cs, xy[2 * i], xy[2 * i + 1], "l");
	strbuf_add(d->cs, "h\n", 2);
	return paint(d, s, fill);
}

int pdfdoc_circle(struct pdfdoc *d, const struct pdf_stroke *s, int fill, int64_t cx, int64_t cy,
		  int64_t r)
{
	/* four Bézier quarters; 0.5523 is the usual control distance for a circle */
	int64_t k = r * 5523 / 10000, v[6];
	int e = begin_path(d, s, fill);

	if (e)
		return e < 0 ? -1 : 0;
	cs_op2(d->cs, cx - r, cy, "m");
	v[0] = cx - r, v[1] = cy + k, v[2] = cx - k, v[3] = cy + r, v[4] = cx, v[5] = cy + r;
	cs_op(d->cs, v, 6, "c");
	v[0] = cx + k, v[1] = cy + r, v[2] = cx + r, v[3] = cy + k, v[4] = cx + r, v[5] = cy;
	cs_op(d->cs, v, 6, "c");
	v[0] = cx + r, v[1] = cy - k, v[2] = cx + k, v[3] = cy - r, v[4] = cx, v[5] = cy - r;
	cs_op(d->cs, v, 6, "c");
	v[0] = cx - k, v[1] = cy - r, v[2] = cx - r, v[3] = cy - k, v[4] = cx - r, v[5] = cy;
	cs_op(d->cs, v, 6, "c");
	strbuf_add(d->cs, "h\n", 2);
	return paint(d, s, fill);
}

/*
 * Hatching is a fill with a tiling pattern (one per kind of hatching and
 * document): a few dozen bytes per hatched area instead of a path per line.
 * The pattern is anchored to the page, so the lines of neighbouring areas
 * line up. Its cell, about 24 pt square, holds a whole number of line
 * periods, the lines drawn beyond the cell, which clips them, so that they
 * join from cell to cell (a larger cell than one period: viewers rasterise a
 * cell at a time, and tiny cells show seams at screen resolutions).
 */
struct hatch {
	int angle, color;
	int64_t spacing, width, dash_on, dash_off;
	HPDF_Dict obj;
	int on_page;               /* registered on the current page */
};

/* Frees the raw text of a pattern dictionary (its attr) with the dictionary. */
static void free_raw(HPDF_Dict obj)
{
	HPDF_FreeMem(obj->mmgr, obj->attr);
	obj->attr = NULL;
}

static HPDF_STATUS write_raw_mem(HPDF_Dict obj, HPDF_Stream out)
{
	const char *raw = obj->attr;

	return HPDF_Stream_WriteStr(out, raw);
}

static HPDF_Dict hatch_pattern(struct pdfdoc *d, const struct pdf_stroke *s, int angle,
			       int64_t spacing)
{
	/* p: the lines' period along x (45, 135) or across them (0, 90); the cell holds n of them */
	int64_t p = angle == 45 || angle == 135 ? spacing * 14142 / 10000 : spacing;
	int64_t n = (PDF_PT(24) + p / 2) / p, c, k;
	struct strbuf cs = STRBUF_INIT, raw = STRBUF_INIT;
	HPDF_Dict o = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	char *mem;

	if (!o)
		return NULL;
	if (n < 1)
		n = 1;
	c = n * p;
	cs_op1(&cs, s->width, "w");
	if (s->dash_on > 0 && s->dash_off > 0) {
		int64_t v[2] = { s->dash_on, s->dash_off };

		strbuf_addch(&cs, '[');
		cs_op(&cs, v, 2, "] 0 d");
	}
	cs_color(&cs, s->gray, 1);
	for (k = -n; k <= n; k++) {
		switch (angle) {
		case 0:
			if (k >= 0 && k < n) {
				cs_op2(&cs, -p, k * p + p / 2, "m");
				cs_op2(&cs, c + p, k * p + p / 2, "l");
			}
			break;
		case 90:
			if (k >= 0 && k < n) {
				cs_op2(&cs, k * p + p / 2, -p, "m");
				cs_op2(&cs, k * p + p / 2, c + p, "l");
			}
			break;
		case 45: /* x - y = k p, drawn beyond the cell */
			cs_op2(&cs, k * p - p, -p, "m");
			cs_op2(&cs, k * p + c + p, c + p, "l");
			break;
		default: /* 135: x + y = (k + n) p */
			cs_op2(&cs, (k + n) * p + p, -p, "m");
			cs_op2(&cs, (k + n) * p - c - p, c + p, "l");
			break;
		}
	}
	strbuf_add(&cs, "S\n", 2);
	strbuf_addstr(&raw, "/Type /Pattern\012/PatternType 1\012/PaintType 1\012/TilingType 1\012"
		      "/BBox [0 0 ");
	cs_op(&raw, (int64_t[]){ c, c }, 2, "]");
	strbuf_addstr(&raw, "/XStep ");
	cs_op1(&raw, c, "");
	strbuf_addstr(&raw, "/YStep ");
	cs_op1(&raw, c, "");
	strbuf_addstr(&raw, "/Resources <<>>\012");
	mem = HPDF_GetMem(d->pdf->mmgr, (HPDF_UINT)raw.len + 1);
	if (mem) {
		memcpy(mem, raw.buf, raw.len + 1);
		o->attr = mem;
		o->free_fn = free_raw;
		o->write_fn = write_raw_mem;
		HPDF_Stream_Write(o->stream, (const HPDF_BYTE *)cs.buf, (HPDF_UINT)cs.len);
	}
	strbuf_release(&cs);
	strbuf_release(&raw);
	return mem ? o : NULL;
}

int pdfdoc_hatch(struct pdfdoc *d, const struct pdf_stroke *s, int64_t x, int64_t y, int64_t w,
		 int64_t h, int angle, int64_t spacing)
{
	struct hatch *t = NULL;
	size_t i;
	char name[32];

	if (angle != 0 && angle != 45 && angle != 90 && angle != 135)
		return pdfdoc_fail(d, "hatching at %d degrees (0, 45, 90 or 135)", angle);
	if (spacing <= 0 || !s)
		return pdfdoc_fail(d, "hatching needs a stroke and a spacing");
	if (can_draw(d) < 0 || check_color(d, s->gray, 0) < 0 || s->width < 0)
		return -1;
	for (i = 0; i < d->nhatch && !t; i++) {
		struct hatch *c = &d->hatch[i];

		if (c->angle == angle && c->spacing == spacing && c->width == s->width &&
		    c->color == s->gray && c->dash_on == s->dash_on && c->dash_off == s->dash_off)
			t = c;
	}
	if (!t) {
		xgrow(&d->hatch, &d->ahatch, d->nhatch + 1, sizeof(*d->hatch));
		t = &d->hatch[d->nhatch];
		memset(t, 0, sizeof(*t));
		t->angle = angle;
		t->spacing = spacing;
		t->width = s->width;
		t->color = s->gray;
		t->dash_on = s->dash_on;
		t->dash_off = s->dash_off;
		t->obj = hatch_pattern(d, s, angle, spacing);
		if (!t->obj)
			return failed(d) < 0 ? -1 : pdfdoc_fail(d, "cannot make a hatching pattern");
		d->nhatch++;
	}
	i = (size_t)(t - d->hatch);
	snprintf(name, sizeof(name), "H%zu", i + 1);
	if (!t->on_page) {
		if (!d->patterns) {
			HPDF_Dict res = HPDF_Page_GetInheritableItem(d->page, "Resources",
								     HPDF_OCLASS_DICT);

			d->patterns = HPDF_Dict_New(d->pdf->mmgr);
			if (!res || !d->patterns || HPDF_Dict_Add(res, "Pattern", d->patterns) != HPDF_OK)
				return failed(d) < 0 ? -1 : pdfdoc_fail(d, "cannot use a pattern");
		}
		if (HPDF_Dict_Add(d->patterns, name, t->obj) != HPDF_OK)
			return failed(d) < 0 ? -1 : pdfdoc_fail(d, "cannot use a pattern");
		t->on_page = 1;
	}
	end_text(d);
	strbuf_addf(d->cs, "q\n/Pattern cs\n/%s scn\n", name);
	cs_op4(d->cs, x, y, w, h, "re");
	strbuf_add(d->cs, "f\nQ\n", 4);
	return 0;
}

/* ---- Pages ------------------------------------------------------------------------- */

static HPDF_REAL real(int64_t v)
{
	return (HPDF_REAL)((double)v / PDF_UNITS_PER_PT);
}

/*
 * The margins of the current page, turned for landscape (its top is the bound edge;
 * pipeline/DOCUMENTS.md, "Page and margins").
 */
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

/* A length in font units of the draft marking's outline (which cm scales), exact to 1/10000. */
static int64_t fu(float v)
{
	return (int64_t)llround((double)v * PDF_UNITS_PER_PT);
}

/*
 * "DỰ THẢO" across the page, light grey, under everything drawn later; drawn
 * as shapes so that it stays out of the text layer. Then the same boxed, as
 * text, flush right in the top margin (pipeline/DOCUMENTS.md, "Draft marking").
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
	strbuf_add(d->cs, "q\n", 2);
	cs_real(d->cs, k * c);
	cs_real(d->cs, k * sn);
	cs_real(d->cs, -k * sn);
	cs_real(d->cs, k * c);
	cs_real(d->cs, x);
	cs_real(d->cs, y);
	strbuf_addstr(d->cs, "cm\n0.88 g\n");
	for (i = 0; i < g_draft.n; i++) {
		const struct fontsub_seg *g = &g_draft.v[i];
		int64_t v[6];

		switch (g->op) {
		case FONTSUB_MOVE:
			cs_op2(d->cs, fu(g->x[0]), fu(g->y[0]), "m");
			break;
		case FONTSUB_LINE:
			cs_op2(d->cs, fu(g->x[0]), fu(g->y[0]), "l");
			break;
		case FONTSUB_CUBIC:
			v[0] = fu(g->x[0]), v[1] = fu(g->y[0]), v[2] = fu(g->x[1]);
			v[3] = fu(g->y[1]), v[4] = fu(g->x[2]), v[5] = fu(g->y[2]);
			cs_op(d->cs, v, 6, "c");
			break;
		case FONTSUB_CLOSE:
			strbuf_add(d->cs, "h\n", 2);
			break;
		}
	}
	strbuf_add(d->cs, "f\nQ\n", 4);
	d->gs = saved;
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

/* Centred in the top margin of the current page (pipeline/DOCUMENTS.md, "Page numbers and bookmarks"). */
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

/*
 * The current page is complete: its content is digested for the /ID and
 * deflated, so that a document of thousands of pages holds them deflated.
 */
static int finish_page(struct pdfdoc *d)
{
	struct page *pg = d->npages ? &d->pages[d->npages - 1] : NULL;
	struct strbuf z = STRBUF_INIT;

	if (!pg || pg->done)
		return 0;
	end_text(d);
	page_digest(&pg->cs, pg->digest);
	pg->raw_len = pg->cs.len;
	pg->done = 1;
	if (!d->z)
		d->z = libdeflate_alloc_compressor(DEFLATE_PAGE);
	if (pg->cs.len && (!d->z || deflate_with(d->z, pg->cs.buf, pg->cs.len, &z) < 0)) {
		strbuf_release(&z);
		d->io = 1;
		return pdfdoc_fail(d, "cannot deflate a page (out of memory)");
	}
	strbuf_release(&pg->cs);
	pg->cs = z;
	return 0;
}

static int new_page(struct pdfdoc *d)
{
	HPDF_Page p;
	struct page *pg;

	if (finish_page(d) < 0)
		return -1;
	p = HPDF_AddPage(d->pdf);
	if (!p || failed(d) < 0)
		return pdfdoc_fail(d, "cannot add a page");
	d->pw = d->orient == PDF_PORTRAIT ? PDF_A4_SHORT : PDF_A4_LONG;
	d->ph = d->orient == PDF_PORTRAIT ? PDF_A4_LONG : PDF_A4_SHORT;
	HPDF_Page_SetWidth(p, real(d->pw));
	HPDF_Page_SetHeight(p, real(d->ph));
	d->page = p;
	xgrow(&d->pages, &d->apages, d->npages + 1, sizeof(*d->pages));
	pg = &d->pages[d->npages++];
	memset(pg, 0, sizeof(*pg));
	pg->page = p;
	pg->w = d->pw;
	pg->h = d->ph;
	strbuf_init(&pg->cs);
	d->cs = &pg->cs;
	d->page_in_section++;
	memset(d->font_name, 0, sizeof(d->font_name));
	for (size_t i = 0; i < d->nhatch; i++)
		d->hatch[i].on_page = 0;
	d->patterns = NULL;
	d->in_text = 0;
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

/*
 * A PDF text string (outline titles, Info): UTF-16BE with its byte order
 * mark, as a hex string. Invalid UTF-8 becomes U+FFFD.
 */
static HPDF_Binary text_string(struct pdfdoc *d, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;
	struct strbuf b = STRBUF_INIT;
	HPDF_Binary bin;

	strbuf_add(&b, "\xFE\xFF", 2);
	while (i < len) {
		uint32_t cp = 0xFFFD;
		size_t n = utf8_decode(u + i, len - i, &cp);

		if (!n) {
			cp = 0xFFFD;
			n = 1;
		}
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000, hi = 0xD800 | (v >> 10), lo = 0xDC00 | (v & 0x3FF);

			strbuf_addch(&b, (int)(hi >> 8));
			strbuf_addch(&b, (int)(hi & 0xFF));
			cp = lo;
		}
		strbuf_addch(&b, (int)(cp >> 8));
		strbuf_addch(&b, (int)(cp & 0xFF));
		i += n;
	}
	bin = b.len <= HPDF_LIMIT_MAX_STRING_LEN ?
	      HPDF_Binary_New(d->pdf->mmgr, (HPDF_BYTE *)b.buf, (HPDF_UINT)b.len) : NULL;
	strbuf_release(&b);
	return bin;
}

static HPDF_Outline add_outline(struct pdfdoc *d, HPDF_Outline parent, const char *title, int64_t y)
{
	HPDF_Outline o;
	HPDF_Destination dst;

	if (check_title(d, title) < 0)
		return NULL;
	/* made with an ASCII title, then titled in UTF-16 (pipeline/LIBRARIES.md, "libharu 2.3.0") */
	o = HPDF_CreateOutline(d->pdf, parent, "-", NULL);
	dst = HPDF_Page_CreateDestination(d->page);
	if (!o || !dst || HPDF_Dict_Add(o, "Title", text_string(d, title)) != HPDF_OK)
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

static void utc(int64_t epoch, struct tm *tm)
{
	time_t t = (time_t)epoch;

	if (!gmtime_r(&t, tm))
		memset(tm, 0, sizeof(*tm));
}

/*
 * The XMP packet of PDF/A-2b, with the same values as the Info dictionary
 * (pipeline/DOCUMENTS.md, "Metadata, PDF/A-2b, determinism (pdfdoc.c, `finish()`)").
 */
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
	strbuf_addxml(x, title);
	strbuf_addstr(x, "</rdf:li></rdf:Alt></dc:title>\n   <dc:creator><rdf:Seq><rdf:li>");
	strbuf_addxml(x, d->author);
	strbuf_addstr(x, "</rdf:li></rdf:Seq></dc:creator>\n");
	if (d->subject) {
		strbuf_addstr(x, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		strbuf_addxml(x, d->subject);
		strbuf_addstr(x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (d->keywords) {
		strbuf_addstr(x, "   <pdf:Keywords>");
		strbuf_addxml(x, d->keywords);
		strbuf_addstr(x, "</pdf:Keywords>\n");
	}
	strbuf_addstr(x, "   <pdf:Producer>");
	strbuf_addxml(x, producer);
	strbuf_addstr(x, "</pdf:Producer>\n   <xmp:CreatorTool>");
	strbuf_addxml(x, d->creator);
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

/*
 * Hashes everything that makes the document: metadata and every page's size and content
 * (pipeline/DOCUMENTS.md, "Metadata, PDF/A-2b, determinism (pdfdoc.c, `finish()`)").
 */
static void content_id(struct pdfdoc *d, const struct strbuf *xmp, unsigned char id[32])
{
	struct sha256 c;
	size_t p;

	sha256_init(&c);
	sha256_update(&c, xmp->buf, xmp->len);
	for (p = 0; p < d->npages; p++) {
		char dims[80];

		snprintf(dims, sizeof(dims), "page %zu %lld %lld %zu\n", p, (long long)d->pages[p].w,
			 (long long)d->pages[p].h, d->pages[p].raw_len);
		sha256_update(&c, dims, strlen(dims));
		sha256_update(&c, d->pages[p].digest, sizeof(d->pages[p].digest));
	}
	sha256_final(&c, id);
}

/* Hands every page's content stream, deflated, to libharu. */
static int attach_contents(struct pdfdoc *d)
{
	size_t p;

	for (p = 0; p < d->npages; p++) {
		HPDF_PageAttr attr = (HPDF_PageAttr)d->pages[p].page->attr;
		HPDF_Dict contents = attr->contents;

		if (!contents || contents->stream != attr->stream || !d->pages[p].done)
			return pdfdoc_fail(d, "libharu's page is not as expected");
		if (!d->pages[p].cs.len) {
			contents->filter = HPDF_STREAM_FILTER_NONE; /* empty: no data to inflate */
			continue;
		}
		if (put_deflated(contents, &d->pages[p].cs) < 0)
			return failed(d) < 0 ? -1 : pdfdoc_fail(d, "libharu's page is not as expected");
		attr->stream = contents->stream;
	}
	return 0;
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
	if (finish_page(d) < 0 || attach_contents(d) < 0)
		goto out;

	/* Info, in UTF-16BE (libharu makes the dictionary) */
	if (d->draft)
		strbuf_addstr(&title, DRAFT_TEXT ": ");
	strbuf_addstr(&title, d->title);
	strbuf_addf(&producer, "parx %s with libharu %s", PARX_VERSION, HPDF_VERSION_TEXT);
	HPDF_SetInfoAttr(d->pdf, HPDF_INFO_PRODUCER, "parx");
	if (failed(d) < 0 || !d->pdf->info)
		goto fail;
	HPDF_Dict_Add(d->pdf->info, "Title", text_string(d, title.buf));
	HPDF_Dict_Add(d->pdf->info, "Author", text_string(d, d->author));
	if (d->subject)
		HPDF_Dict_Add(d->pdf->info, "Subject", text_string(d, d->subject));
	if (d->keywords)
		HPDF_Dict_Add(d->pdf->info, "Keywords", text_string(d, d->keywords));
	HPDF_Dict_Add(d->pdf->info, "Creator", text_string(d, d->creator));
	HPDF_Dict_Add(d->pdf->info, "Producer", text_string(d, producer.buf));
	/* libharu writes 'Z' dates as "Z00'00'": write them as XMP's equal, "...Z" (pipeline/LIBRARIES.md, "libharu 2.3.0") */
	utc(d->epoch, &tm);
	snprintf(date, sizeof(date), "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
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

	/* sRGB output intent, its profile deflated once */
	icc = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	intent = HPDF_Dict_New(d->pdf->mmgr);
	intents = HPDF_Array_New(d->pdf->mmgr);
	if (!icc || !intent || !intents || put_deflated(icc, &g_icc_z) < 0)
		goto fail;
	HPDF_Dict_AddNumber(icc, "N", 3);
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

/*
 * A document that could not be drawn: when the reason starts with where the
 * text came from ("in/appraisal/x.csv:12: reason: ..."), the message is the
 * user's file and line, GNU style, in one write (threads render side by side);
 * the path of the document, a temporary one, is not the user's business then.
 * Otherwise the document is named, as one that could not be drawn (a failure
 * of its content) or written (libharu, memory).
 */
static void report_failure(const struct pdfdoc *d, const char *path)
{
	const char *p = d->err ? d->err : "";
	struct strbuf sb = STRBUF_INIT;

	for (const char *c = strchr(p, ':'); c; c = strchr(c + 1, ':')) {
		size_t k = strspn(c + 1, "0123456789");

		if (k && c[1 + k] == ':' && c[2 + k] == ' ') {
			strbuf_addf(&sb, "%.*s: error: %s\n", (int)(c + 1 + k - p), p, c + 3 + k);
			fputs(sb.buf, stderr);
			strbuf_release(&sb);
			return;
		}
	}
	strbuf_release(&sb);
	if (pdfdoc_failure(d) == PDFDOC_FAILED_CONTENT)
		error("cannot draw '%s': %s", path, p); /* what was drawn, not the disk */
	else
		error("cannot write '%s': %s", path, p);
}

int pdfdoc_save(struct pdfdoc *d, const char *path)
{
	char *tmp = NULL;
	int ret = -1;

	if (finish(d) < 0) {
		report_failure(d, path);
		return -1;
	}
	tmp = tmp_name_for(path);
	if (HPDF_SaveToFile(d->pdf, tmp) != HPDF_OK || failed(d) < 0) {
		error("cannot write '%s': %s", path, d->err ? d->err : _("libharu failed"));
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

int pdfdoc_save_staged(struct pdfdoc *d, const char *path)
{
	if (finish(d) < 0) {
		report_failure(d, path);
		return -1;
	}
	if (HPDF_SaveToFile(d->pdf, path) != HPDF_OK || failed(d) < 0) {
		error("cannot write '%s': %s", path, d->err ? d->err : _("libharu failed"));
		unlink(path);
		return -1;
	}
	return 0;
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
