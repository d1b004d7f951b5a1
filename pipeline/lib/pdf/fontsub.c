/*
 * fontsub.c: a font cut down to a repertoire with hb-subset.
 *
 * HarfBuzz renumbers the glyphs it keeps (composite glyphs keep their
 * components), rebuilds cmap (formats 4 and 12) and the metrics tables, and
 * drops the tables we name. libharu then only has a few hundred glyphs to
 * look at per document (pipeline/LIBRARIES.md, "HarfBuzz 6.0 subsetter (hb-subset)").
 */
#include "pdf/fontsub.h"

#include <hb-subset.h>
#include <hb.h>

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/diag.h"

int fontsub_subset(const char *path, const struct cp_range *ranges, size_t n, int hinting,
		   struct strbuf *out)
{
	static const hb_tag_t drop[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('J', 'S', 'T', 'F'),
		HB_TAG('B', 'A', 'S', 'E'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('f', 'e', 'a', 't'),
	};
	hb_blob_t *blob = NULL, *res = NULL;
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *in = NULL;
	hb_set_t *have = NULL, *uni, *tables;
	unsigned flags = HB_SUBSET_FLAGS_DEFAULT;
	unsigned int len = 0;
	const char *data;
	size_t i;
	int ret = -1;

	blob = hb_blob_create_from_file_or_fail(path);
	if (!blob) {
		error("cannot read font '%s'", path);
		goto out;
	}
	face = hb_face_create(blob, 0);
	if (hb_face_get_glyph_count(face) == 0) {
		error("'%s' is not a TrueType font", path);
		goto out;
	}
	have = hb_set_create();
	hb_face_collect_unicodes(face, have);
	in = hb_subset_input_create_or_fail();
	if (!in) {
		error("out of memory subsetting '%s'", path);
		goto out;
	}
	uni = hb_subset_input_unicode_set(in);
	for (i = 0; i < n; i++) {
		uint32_t cp;

		for (cp = ranges[i].first; cp <= ranges[i].last; cp++) {
			if (!hb_set_has(have, cp)) {
				error("font '%s' has no glyph for U+%04X", path, (unsigned)cp);
				goto out;
			}
		}
		hb_set_add_range(uni, ranges[i].first, ranges[i].last);
	}
	tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(tables, drop[i]);
	if (!hinting)
		flags |= HB_SUBSET_FLAGS_NO_HINTING;
	hb_subset_input_set_flags(in, flags);
	sub = hb_subset_or_fail(face, in);
	if (!sub) {
		error("cannot subset font '%s'", path);
		goto out;
	}
	res = hb_face_reference_blob(sub);
	data = hb_blob_get_data(res, &len);
	if (!data || !len) {
		error("cannot subset font '%s'", path);
		goto out;
	}
	strbuf_reset(out);
	strbuf_add(out, data, len);
	ret = 0;
out:
	hb_blob_destroy(res);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_set_destroy(have);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ret;
}

/* ---- A cmap for libharu ------------------------------------------------------ */

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(struct strbuf *sb, unsigned v)
{
	strbuf_addch(sb, (int)((v >> 8) & 0xFF));
	strbuf_addch(sb, (int)(v & 0xFF));
}

static void put32(struct strbuf *sb, uint32_t v)
{
	put16(sb, v >> 16);
	put16(sb, v & 0xFFFF);
}

static void set32(char *p, uint32_t v)
{
	p[0] = (char)(v >> 24);
	p[1] = (char)(v >> 16);
	p[2] = (char)(v >> 8);
	p[3] = (char)v;
}

/* The OpenType table checksum: the sum of its big-endian 32-bit words, zero-padded. */
static uint32_t checksum(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += get32(p + i);
	if (i < len) {
		unsigned char last[4] = { 0, 0, 0, 0 };

		memcpy(last, p + i, len - i);
		sum += get32(last);
	}
	return sum;
}

/*
 * The new cmap table for `map` (the glyph of each code point from first to
 * last, 0 for none): segments cover the clusters of code points (gaps under
 * 512 are filled with glyph 0), each through the glyph array, then 0xFFFF.
 */
static void build_cmap(struct strbuf *c, uint32_t first, uint32_t last, const uint16_t *map)
{
	uint32_t seg_start[64], seg_end[64], i, pos = 0;
	unsigned nseg = 0, k, pow = 1, sel = 0;

	for (i = first; i <= last; i++) {
		if (!map[i - first])
			continue;
		if (nseg && i - seg_end[nseg - 1] < 512 && nseg < 63) {
			seg_end[nseg - 1] = i;
		} else {
			seg_start[nseg] = seg_end[nseg] = i;
			nseg++;
		}
	}
	seg_start[nseg] = seg_end[nseg] = 0xFFFF;
	nseg++;
	while (pow * 2 <= nseg) {
		pow *= 2;
		sel++;
	}
	for (k = 0; k + 1 < nseg; k++)
		pos += seg_end[k] - seg_start[k] + 1;

	put16(c, 0);                 /* version */
	put16(c, 1);                 /* one subtable */
	put16(c, 3);                 /* Windows */
	put16(c, 1);                 /* Unicode BMP */
	put32(c, 12);                /* its offset */
	put16(c, 4);                 /* format 4 */
	put16(c, 16 + 8 * nseg + 2 * pos); /* length */
	put16(c, 0);                 /* language */
	put16(c, 2 * nseg);          /* segCountX2 */
	put16(c, 2 * pow);           /* searchRange */
	put16(c, sel);               /* entrySelector */
	put16(c, 2 * nseg - 2 * pow); /* rangeShift */
	for (k = 0; k < nseg; k++)
		put16(c, seg_end[k]);
	put16(c, 0);                 /* reservedPad */
	for (k = 0; k < nseg; k++)
		put16(c, seg_start[k]);
	for (k = 0; k < nseg; k++)
		put16(c, k + 1 < nseg ? 0 : 1); /* idDelta: 0xFFFF + 1 = glyph 0 */
	/* idRangeOffset: bytes from this entry to the segment's first glyph in the array */
	for (k = 0, pos = 0; k < nseg; k++) {
		put16(c, k + 1 < nseg ? 2 * (nseg - k) + 2 * pos : 0);
		if (k + 1 < nseg)
			pos += seg_end[k] - seg_start[k] + 1;
	}
	for (k = 0; k + 1 < nseg; k++)
		for (i = seg_start[k]; i <= seg_end[k]; i++)
			put16(c, map[i - first]);
}

int fontsub_flatten_cmap(struct strbuf *font)
{
	const unsigned char *u = (const unsigned char *)font->buf;
	hb_blob_t *blob = NULL;
	hb_face_t *face = NULL;
	hb_font_t *hf = NULL;
	hb_set_t *cps = NULL;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	struct strbuf cmap = STRBUF_INIT, out = STRBUF_INIT;
	uint16_t *map = NULL;
	uint32_t first, last;
	size_t ntab, i, headpos = 0;
	int ret = -1;

	if (font->len < 12 || get32(u) != 0x00010000u)
		return error("fontsub: not a TrueType font");
	ntab = get16(u + 4);
	if (font->len < 12 + 16 * ntab)
		return error("fontsub: truncated font");
	blob = hb_blob_create(font->buf, (unsigned)font->len, HB_MEMORY_MODE_READONLY, NULL, NULL);
	face = hb_face_create(blob, 0);
	hf = hb_font_create(face);
	cps = hb_set_create();
	hb_face_collect_unicodes(face, cps);
	first = hb_set_get_min(cps);
	last = hb_set_get_max(cps);
	if (hb_set_is_empty(cps) || last >= 0xFFFF || last - first + 1 > 30000) {
		error("fontsub: cannot flatten this cmap (U+%04X to U+%04X)", (unsigned)first, (unsigned)last);
		goto out;
	}
	map = xcalloc(last - first + 1, sizeof(*map));
	while (hb_set_next(cps, &cp)) {
		hb_codepoint_t gid = 0;

		if (hb_font_get_nominal_glyph(hf, cp, &gid))
			map[cp - first] = (uint16_t)gid;
	}
	build_cmap(&cmap, first, last, map);

	/* The font again, tables in the same order, cmap replaced, offsets and checksums redone. */
	strbuf_add(&out, font->buf, 12);
	for (i = 0; i < ntab; i++)
		strbuf_add(&out, font->buf + 12 + 16 * i, 16);
	for (i = 0; i < ntab; i++) {
		const unsigned char *rec = u + 12 + 16 * i;
		uint32_t tag = get32(rec), off = get32(rec + 8), len = get32(rec + 12);
		const char *data = font->buf + off;
		size_t at = out.len;

		if (tag == 0x636D6170u) { /* 'cmap' */
			data = cmap.buf;
			len = (uint32_t)cmap.len;
		} else if ((size_t)off + len > font->len) {
			error("fontsub: table outside the font");
			goto out;
		}
		strbuf_add(&out, data, len);
		while (out.len % 4)
			strbuf_addch(&out, 0);
		if (tag == 0x68656164u && len >= 12) { /* 'head': summed with checkSumAdjustment 0 */
			headpos = at;
			set32(out.buf + at + 8, 0);
		}
		set32(out.buf + 12 + 16 * i + 4, checksum(out.buf + at, len));
		set32(out.buf + 12 + 16 * i + 8, (uint32_t)at);
		set32(out.buf + 12 + 16 * i + 12, len);
	}
	if (headpos)
		set32(out.buf + headpos + 8, 0xB1B0AFBAu - checksum(out.buf, out.len));
	/* the new font must map exactly as the old one */
	{
		hb_blob_t *nb = hb_blob_create(out.buf, (unsigned)out.len, HB_MEMORY_MODE_READONLY, NULL, NULL);
		hb_face_t *nf = hb_face_create(nb, 0);
		hb_font_t *nfont = hb_font_create(nf);
		int same = 1;

		cp = HB_SET_VALUE_INVALID;
		while (same && hb_set_next(cps, &cp)) {
			hb_codepoint_t gid = 0;

			same = hb_font_get_nominal_glyph(nfont, cp, &gid) && gid == map[cp - first];
		}
		hb_font_destroy(nfont);
		hb_face_destroy(nf);
		hb_blob_destroy(nb);
		if (!same) {
			error("fontsub: the rewritten cmap maps U+%04X differently", (unsigned)cp);
			goto out;
		}
	}
	strbuf_release(font);
	*font = out;
	strbuf_init(&out);
	ret = 0;
out:
	free(map);
	strbuf_release(&cmap);
	strbuf_release(&out);
	hb_set_destroy(cps);
	hb_font_destroy(hf);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ret;
}

unsigned fontsub_glyph(const struct strbuf *font, uint32_t cp)
{
	hb_blob_t *b = hb_blob_create(font->buf, (unsigned)font->len, HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *f = hb_face_create(b, 0);
	hb_font_t *hf = hb_font_create(f);
	hb_codepoint_t gid = 0;

	if (!hb_font_get_nominal_glyph(hf, cp, &gid))
		gid = 0;
	hb_font_destroy(hf);
	hb_face_destroy(f);
	hb_blob_destroy(b);
	return gid;
}

/* ---- Outlines ---------------------------------------------------------------- */

struct pen {
	struct fontsub_path *p;
	float dx;          /* where the current glyph starts */
};

static void push(struct pen *pen, enum fontsub_op op, const float *xy, int npts)
{
	struct fontsub_path *p = pen->p;
	struct fontsub_seg *s;
	int i;

	xgrow(&p->v, &p->alloc, p->n + 1, sizeof(*p->v));
	s = &p->v[p->n++];
	memset(s, 0, sizeof(*s));
	s->op = op;
	for (i = 0; i < npts; i++) {
		s->x[i] = xy[2 * i] + pen->dx;
		s->y[i] = xy[2 * i + 1];
	}
}

static void move_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	float xy[2] = { x, y };

	(void)f, (void)st, (void)u;
	push(data, FONTSUB_MOVE, xy, 1);
}

static void line_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	float xy[2] = { x, y };

	(void)f, (void)st, (void)u;
	push(data, FONTSUB_LINE, xy, 1);
}

static void quad_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float cx, float cy,
		    float x, float y, void *u)
{
	/* the cubic with the same curve: controls 2/3 of the way to the quadratic control */
	float xy[6] = {
		st->current_x + 2.0f / 3.0f * (cx - st->current_x),
		st->current_y + 2.0f / 3.0f * (cy - st->current_y),
		x + 2.0f / 3.0f * (cx - x), y + 2.0f / 3.0f * (cy - y), x, y,
	};

	(void)f, (void)u;
	push(data, FONTSUB_CUBIC, xy, 3);
}

static void cubic_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float c1x, float c1y,
		     float c2x, float c2y, float x, float y, void *u)
{
	float xy[6] = { c1x, c1y, c2x, c2y, x, y };

	(void)f, (void)st, (void)u;
	push(data, FONTSUB_CUBIC, xy, 3);
}

static void close_path(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	push(data, FONTSUB_CLOSE, NULL, 0);
}

int fontsub_outline(const char *path, const char *text, struct fontsub_path *out)
{
	hb_blob_t *blob = NULL;
	hb_face_t *face = NULL;
	hb_font_t *font = NULL;
	hb_draw_funcs_t *df = NULL;
	struct pen pen;
	const unsigned char *s = (const unsigned char *)text;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	pen.p = out;
	pen.dx = 0;
	blob = hb_blob_create_from_file_or_fail(path);
	if (!blob) {
		error("cannot read font '%s'", path);
		goto out;
	}
	face = hb_face_create(blob, 0);
	font = hb_font_create(face);
	out->upem = (int)hb_face_get_upem(face);
	df = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(df, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, quad_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, close_path, NULL, NULL);
	while (*s) {
		hb_codepoint_t cp, gid = 0;
		int n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : 4, i;

		cp = n == 1 ? *s : (hb_codepoint_t)(*s & (0x7F >> n));
		for (i = 1; i < n; i++) {
			if ((s[i] & 0xC0) != 0x80) {
				error("invalid UTF-8 in '%s'", text);
				goto out;
			}
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if (!hb_font_get_nominal_glyph(font, cp, &gid)) {
			error("font '%s' has no glyph for U+%04X", path, (unsigned)cp);
			goto out;
		}
		hb_font_get_glyph_shape(font, gid, df, &pen);
		pen.dx += (float)hb_font_get_glyph_h_advance(font, gid);
		s += n;
	}
	out->advance = (int)pen.dx;
	ret = 0;
out:
	if (ret < 0)
		fontsub_path_release(out);
	hb_draw_funcs_destroy(df);
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ret;
}

void fontsub_path_release(struct fontsub_path *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}
