/*
 * fontsub.c: a font cut down to a repertoire with hb-subset.
 *
 * HarfBuzz renumbers the glyphs it keeps (composite glyphs keep their
 * components), rebuilds cmap (formats 4 and 12) and the metrics tables, and
 * drops the tables we name. libharu then only has a few hundred glyphs to
 * look at per document.
 */
#include "fontsub.h"

#include <hb-subset.h>
#include <hb.h>

#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "diag.h"

int fontsub_subset(const char *path, const struct fontsub_range *ranges, size_t n, int hinting,
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
