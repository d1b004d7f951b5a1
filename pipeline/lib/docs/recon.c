/*
 * recon.c: the reconciliation report, doi-chieu.pdf
 * (pipeline/DOCUMENTS.md, "Reconciliation report: doi-chieu.pdf (recon.c)").
 *
 * One landscape document for the appraisal team and the units. After the
 * heading, the title and a paragraph saying what was compared (how many
 * units, which appraisal files, how many items moved and by how much), part I
 * sums it up: the points the appraisal moved in each group and field (with
 * the number of changed items), the sums per unit beside their self and final
 * totals, and the declared totals that do not add up. Part II goes unit by
 * unit in registry order, each a bookmark: a table of the items whose final
 * differs from self (and those an appraisal row named that ended where they
 * started), with every appraisal round in order, then the unit's sum; a unit
 * without any change gets one line, "Không có điều chỉnh".
 *
 * The differences and their sums are exact hundredths (recon.h); the shared
 * pieces of the documents (heading, raw data, origins) come from sheet.h.
 */
#include "docs/recon.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "docs/frame.h"
#include "docs/render.h"
#include "docs/sheet.h"
#include "base/strbuf.h"
#include "typeset/typeset.h"
#include "base/vnfmt.h"

#define TABLE_SIZE PDF_PT(11)

int64_t recon_diff(const struct item_result *ir)
{
	int64_t self = ir->self_na || !ir->has_self ? 0 : ir->self;
	int64_t final = ir->final_na ? 0 : ir->final;

	return final - self;
}

void recon_unit_sum(const struct year *y, const struct results *r, size_t u,
		    struct recon_sum *out, struct recon_sum *by_field)
{
	const struct index *ix = &y->index;
	const struct unit_result *ur = &r->units[u];

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < ix->nitems && i < r->nitems; i++) {
		const struct item *it = &ix->items[i];
		const struct item_result *ir = &ur->items[i];
		int64_t dv;

		if (!ir->applies || !ir->changed)
			continue;
		dv = recon_diff(ir);
		out->nchanged++;
		switch (it->kind) {
		case KIND_ITEM:
			out->fields += dv;
			if (by_field && it->field >= 0 && (size_t)it->field < ix->nfields) {
				by_field[it->field].fields += dv;
				by_field[it->field].effect += dv;
				by_field[it->field].nchanged++;
			}
			break;
		case KIND_BONUS:
			out->bonus += dv;
			break;
		case KIND_PENALTY:
			out->penalty += dv;
			break;
		}
	}
	out->effect = out->fields + out->bonus - out->penalty;
}

/* ---- The document ------------------------------------------------------------- */

struct recon {
	const struct render_ctx *c;
	const struct year *y;
	const struct index *ix;
	const struct results *r;
	struct frame f;
	struct strbuf sb, org;
	struct recon_sum *units;   /* [nunits] */
	struct recon_sum *gfield;  /* [ngroups * nfields] */
	struct recon_sum *gsum;    /* [ngroups]: bonus, penalty, effect, nchanged */
	struct recon_sum all;
	size_t nlisted_units;      /* units with at least one changed code */
	size_t nmismatch;          /* declared totals that do not add up */
	int64_t who_w;             /* width of the "Người điều chỉnh" column, the same for all units */
};

/* 1 if code i of unit u goes into the unit's table: changed, or named by an appraisal row. */
static int listed(const struct results *r, size_t u, size_t i)
{
	const struct item_result *ir = &r->units[u].items[i];

	return ir->applies && (ir->changed || ir->nrounds || ir->changed_by);
}

/*
 * Who changed an item, in words, into rc->sb: "Quy tắc chấm", or the round of
 * the appraisal file that changed it last ("Vòng 2"; the introduction names
 * each round's file).
 */
static void who(struct recon *rc, const char *changed_by)
{
	strbuf_reset(&rc->sb);
	if (!changed_by)
		return;
	if (!strcmp(changed_by, "rule"))
		strbuf_addstr(&rc->sb, "Quy tắc chấm");
	else
		strbuf_addf(&rc->sb, "Vòng %d", year_round_of(rc->y, changed_by));
}

static void compute(struct recon *rc)
{
	size_t ng = rc->ix->ngroups, nf = rc->ix->nfields;

	rc->units = xcalloc(rc->r->nunits ? rc->r->nunits : 1, sizeof(*rc->units));
	rc->gfield = xcalloc(ng * nf + 1, sizeof(*rc->gfield));
	rc->gsum = xcalloc(ng ? ng : 1, sizeof(*rc->gsum));
	for (size_t u = 0; u < rc->r->nunits; u++) {
		const struct unit *un = &rc->y->registry.units[u];
		struct recon_sum *s = &rc->units[u];
		int g = un->group;

		recon_unit_sum(rc->y, rc->r, u, s,
			       g >= 0 && (size_t)g < ng ? &rc->gfield[(size_t)g * nf] : NULL);
		if (g >= 0 && (size_t)g < ng) {
			struct recon_sum *gs = &rc->gsum[g];

			gs->fields += s->fields;
			gs->bonus += s->bonus;
			gs->penalty += s->penalty;
			gs->effect += s->effect;
			gs->nchanged += s->nchanged;
		}
		rc->all.fields += s->fields;
		rc->all.bonus += s->bonus;
		rc->all.penalty += s->penalty;
		rc->all.effect += s->effect;
		rc->all.nchanged += s->nchanged;
		if (s->nchanged)
			rc->nlisted_units++;
		if (rc->r->units[u].declared_mismatch)
			rc->nmismatch++;
		/* The widest author of a change (the rule, a round) sets the column. */
		for (size_t i = 0; i < rc->r->nitems; i++) {
			const char *by = rc->r->units[u].items[i].changed_by;
			int64_t w;

			if (!by || !listed(rc->r, u, i))
				continue;
			who(rc, by);
			w = pdfdoc_text_width(PDF_REGULAR, TABLE_SIZE, rc->sb.buf, rc->sb.len) + PDF_MM(2.4) +
			    PDF_PT(1);
			if (w > rc->who_w)
				rc->who_w = w;
		}
	}
	if (rc->who_w < PDF_MM(26))
		rc->who_w = PDF_MM(26);
	if (rc->who_w > PDF_MM(60))
		rc->who_w = PDF_MM(60);
}

static void cell_pts(struct recon *rc, struct ts_table *t, int64_t v)
{
	strbuf_reset(&rc->sb);
	vnfmt_add_hundredths(&rc->sb, v);
	ts_table_cell(t, rc->sb.buf);
}

static void cell_signed(struct recon *rc, struct ts_table *t, int64_t v)
{
	strbuf_reset(&rc->sb);
	vnfmt_add_hundredths_signed(&rc->sb, v);
	ts_table_cell(t, rc->sb.buf);
}

/* A summed difference with its count of changed items, "−1,50 (2)", or "–" for none. */
static void cell_sum(struct recon *rc, struct ts_table *t, int64_t v, size_t n)
{
	strbuf_reset(&rc->sb);
	if (!n && !v) {
		ts_table_cell(t, "–");
		return;
	}
	vnfmt_add_hundredths_signed(&rc->sb, v);
	strbuf_addf(&rc->sb, " (%zu)", n);
	ts_table_cell(t, rc->sb.buf);
}

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s ? s + 1 : path ? path : "";
}

static int part_heading(struct recon *rc, const char *title, int bookmark)
{
	struct ts_style st = TS_STYLE_BODY;

	st.font = PDF_BOLD;
	st.indent_first = 0;
	st.align = LAY_LEFT;
	st.space_before = PDF_PT(10);
	st.space_after = PDF_PT(6);
	st.keep_with_next = 1;
	if (ts_need(rc->f.fl, PDF_PT(13) * 6) < 0)
		return -1;
	if (bookmark && pdfdoc_bookmark(rc->f.doc, title, ts_y(rc->f.fl)) < 0)
		return -1;
	return ts_text(rc->f.fl, &st, title, NULL);
}

static int sub_heading(struct recon *rc, const char *title)
{
	struct ts_style st = TS_STYLE_BODY;

	st.font = PDF_BOLD_ITALIC;
	st.indent_first = 0;
	st.align = LAY_LEFT;
	st.space_before = PDF_PT(6);
	st.space_after = PDF_PT(4);
	st.keep_with_next = 1;
	return ts_text(rc->f.fl, &st, title, NULL);
}

static int body(struct recon *rc, const char *text, enum pdf_font font)
{
	struct ts_style st = TS_STYLE_BODY;

	st.font = font;
	return ts_text(rc->f.fl, &st, text, NULL);
}

/* Sets a table (and frees it), then its italic note under it. */
static int draw_with_note(struct recon *rc, struct ts_table *t, const char *origin, const char *note)
{
	int ret = ts_table_draw(rc->f.fl, t, origin);

	ts_table_free(t);
	return ret == 0 ? body(rc, note, PDF_ITALIC) : ret;
}

static int title_block(struct recon *rc)
{
	const struct publication *pub = &rc->y->pub;
	struct ts_style st = TS_STYLE_HEADING;

	if (frame_heading(&rc->f, pub) < 0)
		return -1;
	if (pub->d.date) {
		struct ts_style right = TS_STYLE_BODY;

		right.font = PDF_ITALIC;
		right.align = LAY_RIGHT;
		right.indent_first = 0;
		strbuf_reset(&rc->sb);
		frame_add_dateline(&rc->sb, pub);
		if (ts_text(rc->f.fl, &right, rc->sb.buf, pub->path) < 0)
			return -1;
	}
	ts_space(rc->f.fl, PDF_PT(6));
	st.size = PDF_PT(14);
	if (ts_text(rc->f.fl, &st, "BÁO CÁO ĐỐI CHIẾU", NULL) < 0)
		return -1;
	st.size = PDF_PT(13);
	st.space_after = PDF_PT(12);
	strbuf_reset(&rc->sb);
	strbuf_addf(&rc->sb, "Kết quả tự đánh giá và kết quả thẩm định Chỉ số cải cách hành chính năm %d",
		    rc->ix->year);
	return ts_text(rc->f.fl, &st, rc->sb.buf, NULL);
}

/* What was compared, in one paragraph, and how to read the tables. */
static int intro(struct recon *rc)
{
	struct strbuf files = STRBUF_INIT;
	size_t nfiles = 0, nsub = 0;
	int ret;

	/* The rounds, once: "vòng 1: tệp 01-tham-dinh.csv"; the tables name the round only. */
	for (size_t k = 0; k < rc->y->nrows; k++) {
		const char *f = rc->y->rows[k].file;

		if (k && !strcmp(f, rc->y->rows[k - 1].file))
			continue;
		strbuf_addstr(&files, nfiles ? "; " : "");
		strbuf_addf(&files, "vòng %d: tệp %s", year_round_of(rc->y, f), f);
		nfiles++;
	}
	for (size_t u = 0; u < rc->y->registry.nunits; u++)
		if (rc->y->subs && rc->y->subs[u].path)
			nsub++;

	strbuf_reset(&rc->sb);
	strbuf_addf(&rc->sb, "Báo cáo đối chiếu điểm tự đánh giá của %zu/%zu đơn vị có hồ sơ với kết quả chấm điểm cuối cùng",
		    nsub, rc->y->registry.nunits);
	if (nfiles)
		strbuf_addf(&rc->sb, " sau %zu vòng thẩm định (%s)", nfiles, files.buf);
	else
		strbuf_addstr(&rc->sb, " (không có vòng thẩm định nào)");
	strbuf_addf(&rc->sb, ". Có %zu tiêu chí của %zu đơn vị có điểm cuối cùng khác điểm tự chấm; tổng chênh lệch là ",
		    rc->all.nchanged, rc->nlisted_units);
	vnfmt_add_hundredths_signed(&rc->sb, rc->all.effect);
	strbuf_addstr(&rc->sb, " điểm. ");
	if (rc->nmismatch)
		strbuf_addf(&rc->sb, "Có %zu đơn vị kê khai tổng điểm không khớp với điểm tự chấm.",
			    rc->nmismatch);
	else
		strbuf_addstr(&rc->sb, "Tổng điểm kê khai của các đơn vị đều khớp với điểm tự chấm.");
	ret = body(rc, rc->sb.buf, PDF_REGULAR);
	if (ret == 0)
		ret = body(rc,
			   "Chênh lệch của một tiêu chí là điểm cuối cùng trừ điểm tự chấm (tiêu chí không áp dụng tính là 0 điểm). "
			   "Cộng chênh lệch của đơn vị, của nhóm và của toàn bộ là mức tác động đến tổng điểm: điểm trừ tăng làm giảm tổng điểm nên được tính với dấu ngược lại; "
			   "số liệu tính trước khi áp dụng mức tối đa của điểm thưởng, điểm trừ. "
			   "\"Theo quy tắc\" là điểm tính theo quy tắc chấm của tiêu chí trên số liệu do đơn vị báo cáo.",
			   PDF_ITALIC);
	strbuf_release(&files);
	return ret;
}

/* I.1: the points moved per group and field, with the counts of changed items. */
static int group_field_table(struct recon *rc)
{
	size_t nf = rc->ix->nfields, ng = rc->ix->ngroups, ncols = nf + 4;
	struct ts_col *cols = xcalloc(ncols, sizeof(*cols));
	struct ts_table_style st;
	struct ts_table *t;

	cols[0] = (struct ts_col){ LAY_COL_PROP, 1, LAY_LEFT };
	for (size_t k = 1; k < ncols; k++)
		cols[k] = (struct ts_col){ LAY_COL_FIXED, k + 1 == ncols ? PDF_MM(24) : PDF_MM(19),
					   LAY_RIGHT };
	ts_table_style_default(&st);
	st.size = TABLE_SIZE;
	t = ts_table_new(cols, ncols, &st);
	free(cols);

	ts_table_head_row(t);
	ts_table_cell(t, "Nhóm");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Lĩnh vực");
	ts_table_span(t, (int)nf, 1);
	ts_table_cell(t, "Điểm thưởng");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Điểm trừ");
	ts_table_span(t, 1, 2);
	ts_table_cell(t, "Tác động đến tổng điểm");
	ts_table_span(t, 1, 2);
	ts_table_head_row(t);
	for (size_t f = 0; f < nf; f++)
		ts_table_cell(t, rc->ix->fields[f].code);

	for (size_t g = 0; g < ng; g++) {
		const struct recon_sum *gs = &rc->gsum[g];
		size_t nb = 0, np = 0;

		/* Counts of changed bonuses and penalties of the group. */
		for (size_t u = 0; u < rc->r->nunits; u++) {
			if (rc->y->registry.units[u].group != (int)g)
				continue;
			for (size_t i = 0; i < rc->r->nitems; i++) {
				const struct item_result *ir = &rc->r->units[u].items[i];

				if (!ir->applies || !ir->changed)
					continue;
				nb += rc->ix->items[i].kind == KIND_BONUS;
				np += rc->ix->items[i].kind == KIND_PENALTY;
			}
		}
		ts_table_row(t);
		sheet_origin(&rc->org, rc->ix->path, rc->ix->groups[g].line, "group name");
		ts_table_cell(t, rc->ix->groups[g].name);
		ts_table_origin(t, rc->org.buf);
		for (size_t f = 0; f < nf; f++) {
			const struct recon_sum *x = &rc->gfield[g * nf + f];

			cell_sum(rc, t, x->fields, x->nchanged);
		}
		cell_sum(rc, t, gs->bonus, nb);
		cell_sum(rc, t, gs->penalty, np);
		cell_sum(rc, t, gs->effect, gs->nchanged);
		ts_table_font(t, PDF_BOLD);
	}
	ts_table_row(t);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, "Cộng");
	for (size_t f = 0; f < nf; f++) {
		int64_t v = 0;
		size_t n = 0;

		for (size_t g = 0; g < ng; g++) {
			v += rc->gfield[g * nf + f].fields;
			n += rc->gfield[g * nf + f].nchanged;
		}
		cell_sum(rc, t, v, n);
	}
	{
		size_t nb = 0, np = 0;

		for (size_t u = 0; u < rc->r->nunits; u++)
			for (size_t i = 0; i < rc->r->nitems; i++) {
				const struct item_result *ir = &rc->r->units[u].items[i];

				if (!ir->applies || !ir->changed)
					continue;
				nb += rc->ix->items[i].kind == KIND_BONUS;
				np += rc->ix->items[i].kind == KIND_PENALTY;
			}
		cell_sum(rc, t, rc->all.bonus, nb);
		cell_sum(rc, t, rc->all.penalty, np);
	}
	cell_sum(rc, t, rc->all.effect, rc->all.nchanged);
	return draw_with_note(rc, t, "reconciliation report: groups and fields", "Ghi chú: số trong ngoặc là số tiêu chí có điểm cuối cùng khác điểm tự chấm; \"–\": không có điều chỉnh.");
}

/* I.2: every unit's sums beside its self and final totals. */
static int unit_sum_table(struct recon *rc)
{
	static const struct ts_col cols[] = {
		{ LAY_COL_FIXED, PDF_MM(12), LAY_CENTER },
		{ LAY_COL_PROP, 1, LAY_LEFT },
		{ LAY_COL_FIXED, PDF_MM(20), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(22), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(20), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(20), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(22), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(22), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(24), LAY_RIGHT },
	};
	static const char *const head[] = {
		"STT", "Đơn vị", "Số tiêu chí điều chỉnh", "Chênh lệch các lĩnh vực", "Điểm thưởng",
		"Điểm trừ", "Cộng chênh lệch", "Tổng điểm tự chấm", "Tổng điểm sau thẩm định",
	};
	struct ts_table_style st;
	struct ts_table *t;

	ts_table_style_default(&st);
	st.size = TABLE_SIZE;
	t = ts_table_new(cols, ARRAY_SIZE(cols), &st);
	ts_table_head_row(t);
	for (size_t k = 0; k < ARRAY_SIZE(head); k++)
		ts_table_cell(t, head[k]);
	for (size_t u = 0; u < rc->y->registry.nunits && u < rc->r->nunits; u++) {
		const struct unit *un = &rc->y->registry.units[u];
		const struct unit_result *ur = &rc->r->units[u];
		const struct recon_sum *s = &rc->units[u];
		int has = rc->y->subs && rc->y->subs[u].path;
		size_t nlisted = 0;

		for (size_t i = 0; i < rc->r->nitems; i++)
			nlisted += listed(rc->r, u, i);
		if (!nlisted)
			continue;
		ts_table_row(t);
		strbuf_reset(&rc->sb);
		strbuf_addf(&rc->sb, "%zu", u + 1);
		ts_table_cell(t, rc->sb.buf);
		strbuf_reset(&rc->sb);
		strbuf_addf(&rc->sb, "%s (%s)", un->name, un->code);
		sheet_origin(&rc->org, rc->y->registry.path, un->line, "unit name");
		ts_table_cell(t, rc->sb.buf);
		ts_table_origin(t, rc->org.buf);
		strbuf_reset(&rc->sb);
		strbuf_addf(&rc->sb, "%zu", s->nchanged);
		ts_table_cell(t, rc->sb.buf);
		cell_signed(rc, t, s->fields);
		cell_signed(rc, t, s->bonus);
		cell_signed(rc, t, s->penalty);
		cell_signed(rc, t, s->effect);
		ts_table_font(t, PDF_BOLD);
		if (has)
			cell_pts(rc, t, ur->self_total);
		else
			ts_table_cell(t, "–");
		if (ur->scored)
			cell_pts(rc, t, ur->total);
		else
			ts_table_cell(t, "–");
	}
	ts_table_row(t);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, "");
	ts_table_cell(t, "Cộng");
	strbuf_reset(&rc->sb);
	strbuf_addf(&rc->sb, "%zu", rc->all.nchanged);
	ts_table_cell(t, rc->sb.buf);
	cell_signed(rc, t, rc->all.fields);
	cell_signed(rc, t, rc->all.bonus);
	cell_signed(rc, t, rc->all.penalty);
	cell_signed(rc, t, rc->all.effect);
	ts_table_cell(t, "");
	ts_table_cell(t, "");
	return draw_with_note(rc, t, "reconciliation report: units", "Các đơn vị không có trong bảng không có điều chỉnh; số thứ tự là số thứ tự của đơn vị ở phần II.");
}

/* I.3: declared totals that differ from the total of the self scores. */
static int mismatch_table(struct recon *rc)
{
	static const struct ts_col cols[] = {
		{ LAY_COL_FIXED, PDF_MM(12), LAY_CENTER },
		{ LAY_COL_PROP, 1, LAY_LEFT },
		{ LAY_COL_FIXED, PDF_MM(28), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(28), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(28), LAY_RIGHT },
		{ LAY_COL_PROP, 1, LAY_LEFT },
	};
	static const char *const head[] = {
		"STT", "Đơn vị", "Tổng điểm kê khai", "Tổng điểm tự chấm tính lại",
		"Chênh lệch (kê khai − tính lại)", "Hồ sơ",
	};
	struct ts_table_style st;
	struct ts_table *t;
	size_t n = 0;
	int ret;

	if (!rc->nmismatch)
		return body(rc, "Tổng điểm kê khai của tất cả các đơn vị đều khớp với tổng điểm tự chấm.",
			    PDF_ITALIC);
	ts_table_style_default(&st);
	st.size = TABLE_SIZE;
	t = ts_table_new(cols, ARRAY_SIZE(cols), &st);
	ts_table_head_row(t);
	for (size_t k = 0; k < ARRAY_SIZE(head); k++)
		ts_table_cell(t, head[k]);
	for (size_t u = 0; u < rc->y->registry.nunits && u < rc->r->nunits; u++) {
		const struct unit *un = &rc->y->registry.units[u];
		const struct unit_result *ur = &rc->r->units[u];
		const struct submission *sub = &rc->y->subs[u];

		if (!ur->declared_mismatch)
			continue;
		ts_table_row(t);
		strbuf_reset(&rc->sb);
		strbuf_addf(&rc->sb, "%zu", ++n);
		ts_table_cell(t, rc->sb.buf);
		strbuf_reset(&rc->sb);
		strbuf_addf(&rc->sb, "%s (%s)", un->name, un->code);
		sheet_origin(&rc->org, rc->y->registry.path, un->line, "unit name");
		ts_table_cell(t, rc->sb.buf);
		ts_table_origin(t, rc->org.buf);
		cell_pts(rc, t, sub->declared_total);
		cell_pts(rc, t, ur->self_total);
		cell_signed(rc, t, sub->declared_total - ur->self_total);
		strbuf_reset(&rc->sb);
		strbuf_addstr(&rc->sb, base_name(sub->path));
		if (sub->declared_line > 0)
			strbuf_addf(&rc->sb, ", dòng %d", sub->declared_line);
		ts_table_cell(t, rc->sb.buf);
	}
	ret = ts_table_draw(rc->f.fl, t, "reconciliation report: declared totals");
	ts_table_free(t);
	return ret;
}

static void ucell_pts(struct recon *rc, struct ts_table *t, int64_t v, int sign)
{
	strbuf_reset(&rc->sb);
	if (sign)
		vnfmt_add_hundredths_signed(&rc->sb, v);
	else
		vnfmt_add_hundredths(&rc->sb, v);
	ts_table_cell(t, rc->sb.buf);
}

/* A score cell of the unit tables: points, "Không áp dụng", or empty. */
static void cell_score(struct recon *rc, struct ts_table *t, int na, int has, int64_t v)
{
	if (na) {
		ts_table_cell(t, "Không áp dụng");
		ts_table_align(t, LAY_CENTER);
		ts_table_font(t, PDF_ITALIC);
	} else if (has) {
		ucell_pts(rc, t, v, 0);
	} else {
		ts_table_cell(t, "");
	}
}

/* Every appraisal round of a code, in order: file, score (raw data), reason. */
static void rounds_cell(struct recon *rc, struct ts_table *t, size_t u, size_t i)
{
	const struct item *it = &rc->ix->items[i];
	const struct item_result *ir = &rc->r->units[u].items[i];
	const struct score *sc = rc->y->subs && rc->y->subs[u].scores ? &rc->y->subs[u].scores[i] : NULL;
	const struct appraisal_row *first = NULL;

	strbuf_reset(&rc->sb);
	if (!ir->nrounds) {
		size_t mark;

		strbuf_addstr(&rc->sb, "Không có; điểm tính theo quy tắc chấm");
		mark = rc->sb.len;
		if (sc && sc->present)
			sheet_add_raw(&rc->sb, it, &sc->raw);
		if (rc->sb.len > mark) {
			char *raw = xstrdup(rc->sb.buf + mark);

			rc->sb.len = mark;
			rc->sb.buf[mark] = '\0';
			strbuf_addf(&rc->sb, " trên số liệu của đơn vị (%s)", raw);
			free(raw);
		}
		ts_table_cell(t, rc->sb.buf);
		return;
	}
	for (size_t k = 0; k < ir->nrounds; k++) {
		const struct round_result *rd = &ir->rounds[k];
		const struct appraisal_row *row = &rc->y->rows[rd->row];
		size_t mark;

		if (!first)
			first = row;
		if (k)
			strbuf_addch(&rc->sb, '\n');
		strbuf_addf(&rc->sb, "Vòng %d: ", year_round_of(rc->y, row->file));
		if (rd->na)
			strbuf_addstr(&rc->sb, "không áp dụng");
		else
			vnfmt_add_hundredths(&rc->sb, rd->points);
		mark = rc->sb.len;
		sheet_add_raw(&rc->sb, it, &row->raw);
		if (rc->sb.len > mark) {
			char *raw = xstrdup(rc->sb.buf + mark);

			rc->sb.len = mark;
			rc->sb.buf[mark] = '\0';
			strbuf_addf(&rc->sb, it->rule == RULE_COUNT ? " (%s)" : " (số liệu %s)", raw);
			free(raw);
		}
		if (row->reason && *row->reason)
			strbuf_addf(&rc->sb, ". %s", row->reason);
	}
	ts_table_cell(t, rc->sb.buf);
	if (first) {
		sheet_origin(&rc->org, first->path, first->line, "appraisal reason");
		ts_table_origin(t, rc->org.buf);
	}
}

static struct ts_table *unit_table(const struct recon *rc)
{
	struct ts_col cols[] = {
		{ LAY_COL_FIXED, PDF_MM(13), LAY_LEFT },
		{ LAY_COL_PROP, 30, LAY_LEFT },
		{ LAY_COL_FIXED, PDF_MM(17), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(17), LAY_RIGHT },
		{ LAY_COL_PROP, 62, LAY_LEFT },
		{ LAY_COL_FIXED, PDF_MM(17), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(17), LAY_RIGHT },
		{ LAY_COL_FIXED, rc->who_w, LAY_LEFT },
	};
	static const char *const head[] = {
		"Mã", "Tiêu chí", "Tự chấm", "Theo quy tắc", "Các vòng thẩm định (vòng, điểm, lý do)",
		"Điểm cuối cùng", "Chênh lệch", "Người điều chỉnh",
	};
	struct ts_table_style st;
	struct ts_table *t;

	ts_table_style_default(&st);
	st.size = TABLE_SIZE;
	st.pad_x = PDF_MM(1.2);
	t = ts_table_new(cols, ARRAY_SIZE(cols), &st);
	ts_table_head_row(t);
	for (size_t k = 0; k < ARRAY_SIZE(head); k++)
		ts_table_cell(t, head[k]);
	return t;
}

/* Height of body text set with body(): its lines and the space after. */
static int64_t body_height(struct recon *rc, const char *text, enum pdf_font font)
{
	struct ts_style st = TS_STYLE_BODY;
	struct ts_run run = { font, text };
	struct pdf_box fr;
	int64_t h;

	st.font = font;
	pdfdoc_page_box(rc->f.doc, NULL, &fr);
	if (ts_para_measure(rc->f.fl, &st, &run, 1, fr.x1 - fr.x0, &h, NULL, NULL) < 0)
		return -1;
	return h + st.space_after;
}

/*
 * One unit of part II: its heading (a bookmark), the table of its listed
 * codes and its sum, its totals and a declared total that does not add up;
 * or one line. The whole block stays on one page when it fits on one.
 */
static int unit_part(struct recon *rc, size_t u)
{
	const struct unit *un = &rc->y->registry.units[u];
	const struct unit_result *ur = &rc->r->units[u];
	const struct submission *sub = rc->y->subs && rc->y->subs[u].path ? &rc->y->subs[u] : NULL;
	struct ts_style st = TS_STYLE_BODY;
	struct ts_run run;
	struct ts_table *t = NULL;
	struct strbuf totals = STRBUF_INIT, mismatch = STRBUF_INIT;
	struct pdf_box fr;
	size_t nlisted = 0;
	int64_t need, h;
	int ret = -1;

	st.font = PDF_BOLD;
	st.indent_first = 0;
	st.align = LAY_LEFT;
	st.space_before = PDF_PT(8);
	st.space_after = PDF_PT(4);
	st.keep_with_next = 0;
	for (size_t i = 0; i < rc->r->nitems; i++)
		nlisted += listed(rc->r, u, i);

	if (sub && nlisted) {
		t = unit_table(rc);
		for (size_t i = 0; i < rc->r->nitems; i++) {
			const struct item *it = &rc->ix->items[i];
			const struct item_result *ir = &ur->items[i];

			if (!listed(rc->r, u, i))
				continue;
			ts_table_row(t);
			ts_table_cell(t, it->code);
			sheet_origin(&rc->org, rc->ix->path, it->line, "item name");
			ts_table_cell(t, it->name);
			ts_table_origin(t, rc->org.buf);
			if (!ir->claimed && it->kind != KIND_ITEM)
				ts_table_cell(t, "0,00 (không kê khai)");
			else
				cell_score(rc, t, ir->self_na, ir->has_self, ir->self);
			cell_score(rc, t, 0, ir->has_computed, ir->computed);
			rounds_cell(rc, t, u, i);
			cell_score(rc, t, ir->final_na, 1, ir->final);
			if (!ir->final_na)
				ts_table_font(t, PDF_BOLD);
			ucell_pts(rc, t, recon_diff(ir), 1);
			who(rc, ir->changed_by);
			ts_table_cell(t, rc->sb.buf);
		}
		ts_table_row(t);
		ts_table_row_font(t, PDF_BOLD);
		ts_table_cell(t, "");
		ts_table_cell(t, "Cộng chênh lệch (điểm trừ tính ngược dấu)");
		ts_table_span(t, 5, 1);
		ucell_pts(rc, t, rc->units[u].effect, 1);
		ts_table_cell(t, "");
	}
	if (sub && nlisted && ur->scored) {
		strbuf_addstr(&totals, "Tổng điểm tự chấm ");
		vnfmt_add_hundredths(&totals, ur->self_total);
		strbuf_addstr(&totals, "; tổng điểm sau thẩm định ");
		vnfmt_add_hundredths(&totals, ur->total);
		strbuf_addstr(&totals, "; chỉ số ");
		vnfmt_add_hundredths(&totals, ur->index);
		strbuf_addstr(&totals, " %.");
	}
	if (sub && ur->declared_mismatch) {
		strbuf_addstr(&mismatch, "Tổng điểm đơn vị kê khai ");
		vnfmt_add_hundredths(&mismatch, sub->declared_total);
		strbuf_addstr(&mismatch, " không khớp với tổng điểm tự chấm tính lại ");
		vnfmt_add_hundredths(&mismatch, ur->self_total);
		strbuf_addstr(&mismatch, " (chênh lệch ");
		vnfmt_add_hundredths_signed(&mismatch, sub->declared_total - ur->self_total);
		strbuf_addstr(&mismatch, ").");
	}

	/* The heading, where the whole block (or at least the table's first row) fits. */
	strbuf_reset(&rc->sb);
	strbuf_addf(&rc->sb, "%zu. %s (%s)", u + 1, un->name, un->code);
	sheet_origin(&rc->org, rc->y->registry.path, un->line, "unit name");
	run.font = PDF_BOLD;
	run.text = rc->sb.buf;
	pdfdoc_page_box(rc->f.doc, NULL, &fr);
	if (ts_para_measure(rc->f.fl, &st, &run, 1, fr.x1 - fr.x0, &h, NULL, rc->org.buf) < 0)
		goto out;
	need = st.space_before + h + st.space_after;
	if (t) {
		int64_t all, lead, more = 0;

		if (ts_table_measure(rc->f.fl, t, &all, &lead, "reconciliation report: unit") < 0)
			goto out;
		if (totals.len)
			more += body_height(rc, totals.buf, PDF_REGULAR);
		if (mismatch.len)
			more += body_height(rc, mismatch.buf, PDF_ITALIC);
		if (more < 0)
			goto out;
		if (need + all + more <= fr.y1 - fr.y0)
			need += all + more;
		else
			need += lead;
	} else {
		need += body_height(rc, "Không có điều chỉnh.", PDF_ITALIC);
		if (mismatch.len)
			need += body_height(rc, mismatch.buf, PDF_ITALIC);
	}
	if (ts_need(rc->f.fl, need) < 0)
		goto out;
	{
		struct strbuf bm = STRBUF_INIT;

		strbuf_addf(&bm, "%s – %s", un->code, un->name);
		ret = pdfdoc_bookmark(rc->f.doc, bm.buf, ts_y(rc->f.fl));
		strbuf_release(&bm);
		if (ret < 0)
			goto out;
	}
	sheet_origin(&rc->org, rc->y->registry.path, un->line, "unit name");
	if ((ret = ts_text(rc->f.fl, &st, rc->sb.buf, rc->org.buf)) < 0)
		goto out;

	if (!sub)
		ret = body(rc, "Không có hồ sơ tự đánh giá hợp lệ.", PDF_ITALIC);
	else if (!t)
		ret = body(rc, "Không có điều chỉnh.", PDF_ITALIC);
	else
		ret = ts_table_draw(rc->f.fl, t, "reconciliation report: unit");
	if (ret == 0 && totals.len)
		ret = body(rc, totals.buf, PDF_REGULAR);
	if (ret == 0 && mismatch.len)
		ret = body(rc, mismatch.buf, PDF_ITALIC);
out:
	ts_table_free(t);
	strbuf_release(&totals);
	strbuf_release(&mismatch);
	return ret;
}

/*
 * The appraisal team confirms the figures: a block kept on one page, with the
 * place and date left blank to fill by hand and a column to sign for the
 * team's head and its secretary.
 */
static int confirmation(struct recon *rc)
{
	static const struct ts_col cols[] = {
		{ LAY_COL_PROP, 1, LAY_CENTER },
		{ LAY_COL_PROP, 1, LAY_CENTER },
	};
	struct ts_style title = TS_STYLE_BODY, line = TS_STYLE_BODY;
	struct ts_table_style st;
	struct ts_table *t;
	int ret;

	title.font = PDF_BOLD;
	title.align = LAY_CENTER;
	title.indent_first = 0;
	title.space_before = PDF_PT(18);
	line.indent_first = 0;
	ts_table_style_default(&st);
	st.size = PDF_PT(13);
	st.rule = 0;
	st.continued = NULL;
	st.head_font = PDF_BOLD;
	t = ts_table_new(cols, ARRAY_SIZE(cols), &st);
	ts_table_head_row(t);
	ts_table_cell(t, "TỔ TRƯỞNG TỔ THẨM ĐỊNH");
	ts_table_cell(t, "THƯ KÝ TỔ THẨM ĐỊNH");
	ts_table_row(t);
	ts_table_cell(t, "(Ký, ghi rõ họ tên)\n\n\n\n\n");
	ts_table_font(t, PDF_ITALIC);
	ts_table_cell(t, "(Ký, ghi rõ họ tên)\n\n\n\n\n");
	ts_table_font(t, PDF_ITALIC);
	ret = ts_keep_begin(rc->f.fl);
	if (ret == 0)
		ret = ts_text(rc->f.fl, &title, "XÁC NHẬN CỦA TỔ THẨM ĐỊNH", NULL);
	if (ret == 0)
		ret = ts_text(rc->f.fl, &line,
			      "Tổ thẩm định đã đối chiếu và xác nhận các số liệu trong báo cáo này: điểm tự chấm, "
			      "điểm của từng vòng thẩm định, điểm cuối cùng và lý do của mọi điều chỉnh.", NULL);
	if (ret == 0) {
		line.align = LAY_RIGHT;
		line.font = PDF_ITALIC;
		strbuf_reset(&rc->sb);
		frame_add_dateline_blank(&rc->sb, &rc->y->pub);
		ret = ts_text(rc->f.fl, &line, rc->sb.buf, NULL);
	}
	if (ret == 0)
		ret = ts_table_draw(rc->f.fl, t, "doi-chieu: confirmation");
	if (ret == 0)
		ret = ts_keep_end(rc->f.fl);
	ts_table_free(t);
	return ret;
}

static int draw(struct recon *rc)
{
	if (title_block(rc) < 0 || intro(rc) < 0)
		return -1;
	if (part_heading(rc, "I. TỔNG HỢP", 1) < 0)
		return -1;
	if (sub_heading(rc, "1. Số điểm thẩm định điều chỉnh theo nhóm và lĩnh vực") < 0 ||
	    group_field_table(rc) < 0)
		return -1;
	if (sub_heading(rc, "2. Chênh lệch theo đơn vị") < 0 || unit_sum_table(rc) < 0)
		return -1;
	if (sub_heading(rc, "3. Tổng điểm kê khai không khớp với điểm tự chấm") < 0 ||
	    mismatch_table(rc) < 0)
		return -1;
	if (ts_page_break(rc->f.fl) < 0 || part_heading(rc, "II. CHI TIẾT THEO ĐƠN VỊ", 1) < 0)
		return -1;
	for (size_t u = 0; u < rc->y->registry.nunits && u < rc->r->nunits; u++)
		if (unit_part(rc, u) < 0)
			return -1;
	return confirmation(rc);
}

int recon_render(const struct render_ctx *c, const char *path)
{
	struct recon rc;
	struct strbuf title = STRBUF_INIT, subject = STRBUF_INIT, keywords = STRBUF_INIT;
	int ret = RENDER_OK;

	memset(&rc, 0, sizeof(rc));
	rc.c = c;
	rc.y = c->y;
	rc.ix = &c->y->index;
	rc.r = c->r;
	strbuf_init(&rc.sb);
	strbuf_init(&rc.org);
	compute(&rc);

	strbuf_addf(&title, "Báo cáo đối chiếu kết quả tự đánh giá và thẩm định Chỉ số cải cách hành chính năm %d",
		    rc.ix->year);
	strbuf_addf(&subject, "Các tiêu chí có điểm thẩm định khác điểm tự chấm, theo đơn vị, năm %d",
		    rc.ix->year);
	strbuf_addf(&keywords, "Chỉ số cải cách hành chính; CCHC; năm %d; đối chiếu; thẩm định",
		    rc.ix->year);
	frame_open(&rc.f, c, &(struct pdfdoc_meta){ .title = title.buf, .author = frame_author(&c->y->pub, "parx"),
						     .subject = subject.buf, .keywords = keywords.buf });
	strbuf_reset(&rc.sb);
	strbuf_addf(&rc.sb, "Báo cáo đối chiếu năm %d", rc.ix->year);
	pdfdoc_section(rc.f.doc, rc.sb.buf, PDF_LANDSCAPE, 0);
	draw(&rc); /* a failure fails the document: frame_save() reports it */
	ret = frame_save(&rc.f, path);
	free(rc.units);
	free(rc.gfield);
	free(rc.gsum);
	strbuf_release(&title);
	strbuf_release(&subject);
	strbuf_release(&keywords);
	strbuf_release(&rc.sb);
	strbuf_release(&rc.org);
	return ret;
}
