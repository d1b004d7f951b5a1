/*
 * sheet.c: one unit's score sheet, don-vi/<code>.pdf
 * (pipeline/DOCUMENTS.md, "Unit score sheets: don-vi/\<code\>.pdf (sheet.c)").
 *
 * A portrait document per unit, for the unit's own file and the archive:
 * the authority's heading, the title, the unit and its group; I. the summary
 * box (total and its parts, applicable maximum, index, rank k / n in the
 * group, grade, self and declared totals, last year's index and rank and the
 * change); II. the unit's field indices against the group's average and best
 * (chart.h's field profile, every bar labelled); III. every item of the
 * unit's group under its field and criterion rows (max, self, final, the
 * reason and author of a change, the evidence cited, or "Không áp dụng" with
 * the unit's note); IV. bonuses and penalties with their caps. Each part has
 * a bookmark.
 *
 * The item tables are ts_tables whose field and criterion rows, and items
 * with lines under them, keep with the next row, so that a heading row never
 * ends a page; parts III and IV share their column widths.
 *
 * Speed: 10 000 sheets are drawn in a run, so a sheet uses two fonts only
 * (Regular and Bold: each font a document uses costs its embedding) and does
 * nothing twice. Everything is read from the year and its results, which are
 * not modified; a sheet keeps no state outside its own document, so render.c
 * draws many at once on threads. All numbers are the exact hundredths of the
 * results, written by vnfmt.
 */
#include "docs/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "docs/chart.h"
#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "docs/frame.h"
#include "docs/render.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "typeset/typeset.h"
#include "base/vnfmt.h"

#define TABLE_SIZE PDF_PT(10)
#define SUMMARY_SIZE PDF_PT(12)

/* ---- Shared with recon.c ------------------------------------------------------ */

void sheet_origin(struct strbuf *sb, const char *path, int line, const char *what)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, path ? path : "(input)");
	if (line > 0) {
		strbuf_addch(sb, ':');
		strbuf_addint(sb, line);
	}
	strbuf_addstr(sb, ": ");
	strbuf_addstr(sb, what);
}

void sheet_add_raw(struct strbuf *sb, const struct item *it, const struct raw_data *raw)
{
	switch (it->rule) {
	case RULE_RATIO:
	case RULE_PROPORTIONAL:
		if (!raw->has_numerator && !raw->has_denominator)
			break;
		if (raw->has_numerator)
			vnfmt_add_int(sb, raw->numerator);
		else
			strbuf_addstr(sb, "…");
		strbuf_addch(sb, '/');
		if (raw->has_denominator)
			vnfmt_add_int(sb, raw->denominator);
		else
			strbuf_addstr(sb, "…");
		break;
	case RULE_COUNT:
		if (!raw->has_count)
			break;
		vnfmt_add_int(sb, raw->count);
		strbuf_addstr(sb, " lần");
		break;
	case RULE_LEVELS:
	case RULE_SCALE:
		break;
	}
}

/* ---- One sheet ------------------------------------------------------------------ */

struct sheet {
	const struct render_ctx *c;
	const struct year *y;
	const struct index *ix;
	const struct results *r;
	size_t u;
	const struct unit *un;
	const struct unit_result *ur;
	const struct submission *sub; /* NULL: no valid submission */
	struct frame f;
	struct strbuf sb, org;
};

static void sb_truncate(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

static void cell_pts(struct sheet *s, struct ts_table *t, int64_t v)
{
	strbuf_reset(&s->sb);
	vnfmt_add_hundredths(&s->sb, v);
	ts_table_cell(t, s->sb.buf);
}

static void cell_text_from(struct ts_table *t, const char *text, const struct strbuf *org)
{
	ts_table_cell(t, text ? text : "");
	if (org && text && *text)
		ts_table_origin(t, org->buf);
}

/* A body row of an item table; keep: it stays on the page of the next row. */
static void body_row(struct ts_table *t, int keep)
{
	ts_table_row(t);
	if (keep)
		ts_table_row_keep(t);
}

static int item_applies(const struct sheet *s, const struct item *it)
{
	int g = s->un->group;

	if (g < 0 || (size_t)g >= s->ix->ngroups)
		return 0;
	return !it->in_group || it->in_group[g];
}

static const struct score *score_of(const struct sheet *s, size_t i)
{
	if (!s->sub || !s->sub->scores || !s->sub->scores[i].present)
		return NULL;
	return &s->sub->scores[i];
}

/*
 * A bold part heading with its bookmark, on a new page unless `need` (what
 * must follow it on the same page: the chart, the first rows of a table)
 * fits below it. need < 0: a failed measure, passed on.
 */
static int part_heading(struct sheet *s, const char *title, int64_t need)
{
	struct ts_style st = TS_STYLE_BODY;
	struct ts_run run = { PDF_BOLD, title };
	struct pdf_box fr;
	int64_t h;

	if (need < 0)
		return -1;
	st.font = PDF_BOLD;
	st.indent_first = 0;
	st.align = LAY_LEFT;
	st.space_before = PDF_PT(10);
	st.space_after = PDF_PT(6);
	st.keep_with_next = 0;
	pdfdoc_page_box(s->f.doc, NULL, &fr);
	if (ts_para_measure(s->f.fl, &st, &run, 1, fr.x1 - fr.x0, &h, NULL, NULL) < 0 ||
	    ts_need(s->f.fl, st.space_before + h + st.space_after + need) < 0 ||
	    pdfdoc_bookmark(s->f.doc, title, ts_y(s->f.fl)) < 0)
		return -1;
	return ts_text(s->f.fl, &st, title, NULL);
}

static int title_block(struct sheet *s)
{
	struct ts_style st = TS_STYLE_HEADING;
	struct ts_style it = TS_STYLE_HEADING;
	struct ts_style body = TS_STYLE_BODY;
	struct ts_run runs[4];
	const struct group *gr = &s->ix->groups[s->un->group];

	if (frame_heading(&s->f, &s->y->pub) < 0)
		return -1;
	ts_space(s->f.fl, PDF_PT(14));

	st.size = PDF_PT(14);
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "PHIẾU KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", s->ix->year);
	if (ts_text(s->f.fl, &st, s->sb.buf, NULL) < 0)
		return -1;
	it.font = PDF_REGULAR;
	it.size = PDF_PT(13);
	it.space_after = PDF_PT(12);
	strbuf_reset(&s->sb);
	strbuf_addch(&s->sb, '(');
	frame_add_decision_ref(&s->sb, &s->y->pub);
	strbuf_addch(&s->sb, ')');
	if (ts_text(s->f.fl, &it, s->sb.buf, s->y->pub.path) < 0)
		return -1;

	body.indent_first = 0;
	body.align = LAY_LEFT;
	body.space_after = PDF_PT(3);
	sheet_origin(&s->org, s->y->registry.path, s->un->line, "unit name");
	runs[0] = (struct ts_run){ PDF_REGULAR, "Đơn vị: " };
	runs[1] = (struct ts_run){ PDF_BOLD, s->un->name };
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, " (mã %s)", s->un->code);
	runs[2] = (struct ts_run){ PDF_REGULAR, s->sb.buf };
	if (ts_para(s->f.fl, &body, runs, 3, s->org.buf) < 0)
		return -1;
	sheet_origin(&s->org, s->ix->path, gr->line, "group name");
	runs[0] = (struct ts_run){ PDF_REGULAR, "Nhóm: " };
	runs[1] = (struct ts_run){ PDF_REGULAR, gr->name };
	if (ts_para(s->f.fl, &body, runs, 2, s->org.buf) < 0)
		return -1;
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "Năm đánh giá: %d", s->ix->year);
	if (s->sub && s->sub->date && *s->sub->date) {
		char *date = vnfmt_date(s->sub->date);

		if (date) {
			strbuf_addf(&s->sb, "; hồ sơ tự đánh giá %s", date);
			free(date);
		}
	}
	return ts_text(s->f.fl, &body, s->sb.buf, NULL);
}

/* ---- I. Summary -------------------------------------------------------------- */

static struct ts_table *summary_table(void)
{
	static const struct ts_col cols[] = {
		{ LAY_COL_PROP, 34, LAY_LEFT },
		{ LAY_COL_PROP, 16, LAY_RIGHT },
		{ LAY_COL_PROP, 34, LAY_LEFT },
		{ LAY_COL_PROP, 16, LAY_RIGHT },
	};
	struct ts_table_style st;

	ts_table_style_default(&st);
	st.size = SUMMARY_SIZE;
	st.continued_font = PDF_REGULAR;
	return ts_table_new(cols, ARRAY_SIZE(cols), &st);
}

static void sum_pair(struct ts_table *t, const char *label, const char *value, int bold)
{
	ts_table_cell(t, label);
	if (bold)
		ts_table_font(t, PDF_BOLD);
	ts_table_cell(t, value);
	if (bold)
		ts_table_font(t, PDF_BOLD);
}

static char *pts_str(int64_t v)
{
	return vnfmt_hundredths(v);
}

static int summary(struct sheet *s)
{
	const struct unit_result *ur = s->ur;
	const struct group_result *gr = &s->r->groups[s->un->group];
	struct ts_table *t = summary_table();
	struct strbuf v = STRBUF_INIT;
	char *a, *b;
	int ret;

	if (part_heading(s, "I. KẾT QUẢ CHUNG", PDF_MM(50)) < 0) {
		ts_table_free(t);
		return -1;
	}

	ts_table_row(t);
	a = pts_str(ur->total);
	b = pts_str(ur->max);
	sum_pair(t, "Tổng điểm đạt được", ur->scored ? a : "–", 1);
	sum_pair(t, "Điểm tối đa áp dụng", ur->scored ? b : "–", 0);
	free(a);
	free(b);

	ts_table_row(t);
	a = pts_str(ur->base);
	strbuf_reset(&v);
	if (ur->scored) {
		vnfmt_add_hundredths(&v, ur->index);
		strbuf_addstr(&v, " %");
	} else {
		strbuf_addstr(&v, "–");
	}
	sum_pair(t, "Điểm các lĩnh vực", ur->scored ? a : "–", 0);
	sum_pair(t, "Chỉ số cải cách hành chính", v.buf, 1);
	free(a);

	ts_table_row(t);
	a = pts_str(ur->bonus);
	strbuf_reset(&v);
	if (ur->scored && ur->rank > 0)
		strbuf_addf(&v, "%d / %zu", ur->rank, gr->nscored);
	else
		strbuf_addstr(&v, "Không xếp hạng");
	sum_pair(t, "Điểm thưởng", ur->scored ? a : "–", 0);
	sum_pair(t, "Xếp hạng trong nhóm", v.buf, 1);
	free(a);

	ts_table_row(t);
	a = pts_str(ur->penalty);
	sum_pair(t, "Điểm trừ", ur->scored ? a : "–", 0);
	sum_pair(t, "Xếp loại",
		 ur->scored && ur->grade >= 0 ? s->ix->grades[ur->grade].label : "–", 1);
	free(a);

	if (s->sub) {
		ts_table_row(t);
		a = pts_str(ur->self_total);
		sum_pair(t, "Tổng điểm tự chấm", a, 0);
		free(a);
		strbuf_reset(&v);
		if (s->sub->has_declared) {
			vnfmt_add_hundredths(&v, s->sub->declared_total);
			if (ur->declared_mismatch)
				strbuf_addstr(&v, " (chưa khớp)");
		} else {
			strbuf_addstr(&v, "–");
		}
		sum_pair(t, "Tổng điểm đơn vị kê khai", v.buf, 0);
	}

	ts_table_row(t);
	strbuf_reset(&v);
	strbuf_addf(&v, "Chỉ số năm %d", s->ix->year - 1);
	if (ur->has_prev) {
		a = pts_str(ur->prev_index);
		ts_table_cell(t, v.buf);
		strbuf_reset(&v);
		strbuf_addf(&v, "%s %%", a);
		free(a);
		ts_table_cell(t, v.buf);
		strbuf_reset(&v);
		strbuf_addf(&v, "Xếp hạng năm %d", s->ix->year - 1);
		ts_table_cell(t, v.buf);
		strbuf_reset(&v);
		strbuf_addf(&v, "%d", ur->prev_rank);
		ts_table_cell(t, v.buf);
		if (ur->scored) {
			ts_table_row(t);
			strbuf_reset(&v);
			vnfmt_add_hundredths_signed(&v, ur->index_change);
			ts_table_cell(t, "Thay đổi chỉ số");
			ts_table_cell(t, v.buf);
			strbuf_reset(&v);
			if (ur->rank_change > 0)
				strbuf_addf(&v, "Tăng %d bậc", ur->rank_change);
			else if (ur->rank_change < 0)
				strbuf_addf(&v, "Giảm %d bậc", -ur->rank_change);
			else
				strbuf_addstr(&v, "Giữ nguyên");
			ts_table_cell(t, "Thay đổi thứ hạng");
			ts_table_cell(t, v.buf);
		}
	} else {
		strbuf_addstr(&v, s->y->has_previous ? ": không có số liệu của đơn vị để so sánh"
					       : ": không có số liệu để so sánh");
		ts_table_cell(t, v.buf);
		ts_table_span(t, 4, 1);
	}

	ret = ts_table_draw(s->f.fl, t, "unit sheet: summary");
	ts_table_free(t);
	if (ret == 0 && !ur->scored) {
		struct ts_style st = TS_STYLE_BODY;

		ret = ts_text(s->f.fl, &st,
			      s->sub ? "Đơn vị không có tiêu chí nào được áp dụng nên không tính chỉ số và không xếp hạng."
				     : "Đơn vị không có hồ sơ tự đánh giá hợp lệ nên không được chấm điểm, xếp hạng.",
			      NULL);
	}
	strbuf_release(&v);
	return ret;
}

/* ---- II. Fields ---------------------------------------------------------------- */

/*
 * The unit's field indices against the group's average and best, as chart.h
 * draws them (every bar labelled with its value). The chart takes its natural
 * height, or as little as 3/4 of it to stay on the page it starts on.
 */
static int fields(struct sheet *s)
{
	struct pdf_box fr;
	int64_t w, h, top;

	pdfdoc_page_box(s->f.doc, NULL, &fr);
	w = fr.x1 - fr.x0;
	h = chart_unit_profile_height(s->y, w);
	if (part_heading(s, "II. CHỈ SỐ THÀNH PHẦN THEO LĨNH VỰC", h * 3 / 4 + 1) < 0)
		return -1;
	if (ts_avail(s->f.fl) < h && ts_avail(s->f.fl) >= h * 3 / 4 + 1)
		h = ts_avail(s->f.fl);
	if (ts_reserve(s->f.fl, h, &top) < 0)
		return -1;
	strbuf_reset(&s->org);
	strbuf_addf(&s->org, "unit sheet %s: field chart", s->un->code);
	return chart_unit_profile(s->f.doc, fr.x0, top - h, w, h, s->y, s->r, s->u, s->org.buf);
}

/* ---- III, IV. Items, bonuses and penalties -------------------------------------- */

static struct ts_table *item_table(const char *name_head)
{
	static const struct ts_col cols[] = {
		{ LAY_COL_FIXED, PDF_MM(11), LAY_LEFT },
		{ LAY_COL_PROP, 1, LAY_LEFT },
		{ LAY_COL_FIXED, PDF_MM(13.5), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(13.5), LAY_RIGHT },
		{ LAY_COL_FIXED, PDF_MM(13.5), LAY_RIGHT },
	};
	const char *head[] = { "Mã", name_head, "Điểm tối đa", "Tự chấm", "Thẩm định" };
	struct ts_table_style st;
	struct ts_table *t;

	ts_table_style_default(&st);
	st.size = TABLE_SIZE;
	st.continued_font = PDF_REGULAR;
	st.pad_x = PDF_MM(1.2);
	t = ts_table_new(cols, ARRAY_SIZE(cols), &st);
	ts_table_head_row(t);
	for (size_t k = 0; k < ARRAY_SIZE(head); k++)
		ts_table_cell(t, head[k]);
	return t;
}

/*
 * The reason of a change, for the line under its item ("Lý do điều chỉnh"):
 * the rule's own points on the unit's data, or the last appraisal round's
 * reason, its corrected data and its round. Leaves it in s->sb (its origin in
 * s->org) and returns 1, or returns 0 when nothing changed the item.
 */
static int reason_text(struct sheet *s, size_t i)
{
	const struct item *it = &s->ix->items[i];
	const struct item_result *ir = &s->ur->items[i];

	strbuf_reset(&s->sb);
	strbuf_reset(&s->org);
	if (!s->sub)
		return 0;
	if (ir->changed_by && !strcmp(ir->changed_by, "rule")) {
		const struct score *sc = score_of(s, i);
		size_t mark;

		strbuf_addstr(&s->sb, "Lý do điều chỉnh: theo quy tắc chấm");
		mark = s->sb.len;
		if (sc)
			sheet_add_raw(&s->sb, it, &sc->raw);
		if (s->sb.len > mark) {
			/* Put the raw data in brackets after the words. */
			char *raw = xstrdup(s->sb.buf + mark);

			sb_truncate(&s->sb, mark);
			strbuf_addf(&s->sb, " (số liệu của đơn vị: %s)", raw);
			free(raw);
		}
		return 1;
	}
	if (ir->nrounds) {
		const struct round_result *rd = &ir->rounds[ir->nrounds - 1];
		const struct appraisal_row *row = &s->y->rows[rd->row];
		size_t m2;

		strbuf_addf(&s->sb, "Lý do điều chỉnh (vòng %d): ", year_round_of(s->y, row->file));
		if (row->reason && *row->reason)
			strbuf_addstr(&s->sb, row->reason);
		m2 = s->sb.len;
		sheet_add_raw(&s->sb, it, &row->raw);
		if (s->sb.len > m2) {
			char *raw = xstrdup(s->sb.buf + m2);

			sb_truncate(&s->sb, m2);
			strbuf_addf(&s->sb, " (số liệu thẩm định: %s)", raw);
			free(raw);
		}
		sheet_origin(&s->org, row->path, row->line, "reason");
		return 1;
	}
	return 0;
}

/*
 * The evidence of an item, for the line under it: each document cited on its
 * own line, then the unit's notes. Leaves it in s->sb (origin in s->org);
 * returns 0 when the unit cited nothing.
 */
static int evidence_text(struct sheet *s, size_t i, int na)
{
	const struct score *sc = score_of(s, i);

	strbuf_reset(&s->sb);
	strbuf_reset(&s->org);
	if (!sc)
		return 0;
	for (size_t k = 0; k < sc->nevidence && !na; k++) {
		strbuf_addstr(&s->sb, k ? "\n" : "Tài liệu kiểm chứng: ");
		if (sc->nevidence > 1)
			strbuf_addstr(&s->sb, k ? "- " : "\n- ");
		strbuf_addstr(&s->sb, sc->evidence[k]);
	}
	for (size_t k = 0; k < sc->nnotes; k++) {
		if (s->sb.len)
			strbuf_addch(&s->sb, '\n');
		strbuf_addstr(&s->sb, na ? (k ? "" : "Lý do không áp dụng: ") : "Ghi chú: ");
		strbuf_addstr(&s->sb, sc->notes[k]);
	}
	if (!s->sb.len)
		return 0;
	sheet_origin(&s->org, s->sub->path, sc->line, "evidence");
	return 1;
}

/* A line under an item, the width of the name and score columns. */
static void under_line(struct ts_table *t, int keep, const char *text, const char *origin,
		       enum pdf_font font)
{
	body_row(t, keep);
	ts_table_cell(t, "");
	ts_table_cell(t, text);
	ts_table_span(t, 4, 1);
	ts_table_font(t, font);
	if (origin && *origin)
		ts_table_origin(t, origin);
}

/*
 * One item: code, name, max, self and final; under it, the width of the
 * table, the evidence the unit cited and, when something changed the item,
 * the reason. The lines stay on the page of their item.
 */
static void item_row(struct sheet *s, struct ts_table *t, size_t i)
{
	const struct item *it = &s->ix->items[i];
	const struct item_result *ir = &s->ur->items[i];
	int has_reason = reason_text(s, i);
	char *reason = has_reason ? strbuf_detach(&s->sb) : NULL;
	char *reason_org = has_reason ? strbuf_detach(&s->org) : NULL;
	int has_evidence = s->sub && evidence_text(s, i, ir->self_na);
	char *evidence = has_evidence ? strbuf_detach(&s->sb) : NULL;
	char *evidence_org = has_evidence ? strbuf_detach(&s->org) : NULL;

	body_row(t, has_reason || has_evidence);
	ts_table_cell(t, it->code);
	sheet_origin(&s->org, s->ix->path, it->line, "item name");
	cell_text_from(t, it->name, &s->org);
	cell_pts(s, t, it->max);
	if (!s->sub) {
		ts_table_cell(t, "");
		ts_table_cell(t, "");
	} else if (ir->self_na && ir->final_na) {
		ts_table_cell(t, "Không áp dụng");
		ts_table_span(t, 2, 1);
		ts_table_align(t, LAY_CENTER);
	} else {
		if (ir->self_na) {
			ts_table_cell(t, "Không áp dụng");
			ts_table_align(t, LAY_CENTER);
		} else if (ir->has_self) {
			cell_pts(s, t, ir->self);
		} else {
			ts_table_cell(t, "");
		}
		if (ir->final_na) {
			ts_table_cell(t, "Không áp dụng");
			ts_table_align(t, LAY_CENTER);
			ts_table_font(t, PDF_BOLD);
		} else {
			cell_pts(s, t, ir->final);
			ts_table_font(t, PDF_BOLD);
		}
	}
	if (has_evidence)
		under_line(t, has_reason, evidence, evidence_org, PDF_REGULAR);
	if (has_reason)
		under_line(t, 0, reason, reason_org, PDF_ITALIC);
	free(reason);
	free(reason_org);
	free(evidence);
	free(evidence_org);
}

static void field_row(struct sheet *s, struct ts_table *t, size_t f, int64_t self_sum)
{
	const struct field *fd = &s->ix->fields[f];

	body_row(t, 1);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, fd->code);
	sheet_origin(&s->org, s->ix->path, fd->line, "field name");
	cell_text_from(t, fd->name, &s->org);
	if (s->ur->scored && s->ur->field_max[f] > 0) {
		cell_pts(s, t, s->ur->field_max[f]);
		cell_pts(s, t, self_sum);
		cell_pts(s, t, s->ur->field_points[f]);
	} else if (s->ur->scored) {
		ts_table_cell(t, "Không áp dụng");
		ts_table_span(t, 3, 1);
		ts_table_align(t, LAY_CENTER);
	} else {
		ts_table_cell(t, "");
		ts_table_cell(t, "");
		ts_table_cell(t, "");
	}
}

static void criterion_row(struct sheet *s, struct ts_table *t, size_t cr)
{
	const struct criterion *c = &s->ix->criteria[cr];

	body_row(t, 1);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, c->code);
	sheet_origin(&s->org, s->ix->path, c->line, "criterion name");
	cell_text_from(t, c->name, &s->org);
	ts_table_span(t, 4, 1);
}

/* Part III: every item of the unit's group under its field and criterion. */
static struct ts_table *items_table(struct sheet *s)
{
	const struct index *ix = s->ix;
	int64_t *self_sum = xcalloc(ix->nfields ? ix->nfields : 1, sizeof(*self_sum));
	struct ts_table *t;
	int field = -1, crit = -1;

	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];
		const struct item_result *ir = &s->ur->items[i];

		if (it->kind == KIND_ITEM && it->field >= 0 && (size_t)it->field < ix->nfields &&
		    item_applies(s, it) && !ir->self_na && ir->has_self)
			self_sum[it->field] += ir->self;
	}

	t = item_table("Lĩnh vực, tiêu chí");
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];

		if (it->kind != KIND_ITEM || !item_applies(s, it))
			continue;
		if (it->field != field && it->field >= 0 && (size_t)it->field < ix->nfields) {
			field = it->field;
			crit = -1;
			field_row(s, t, (size_t)field, self_sum[field]);
		}
		if (it->criterion != crit && it->criterion >= 0 &&
		    (size_t)it->criterion < ix->ncriteria) {
			crit = it->criterion;
			criterion_row(s, t, (size_t)crit);
		}
		item_row(s, t, i);
	}
	body_row(t, 0);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, "");
	ts_table_cell(t, "Cộng các lĩnh vực");
	if (s->ur->scored) {
		int64_t all = 0;

		for (size_t f = 0; f < ix->nfields; f++)
			all += self_sum[f];
		cell_pts(s, t, s->ur->max);
		cell_pts(s, t, all);
		cell_pts(s, t, s->ur->base);
	} else {
		ts_table_cell(t, "");
		ts_table_cell(t, "");
		ts_table_cell(t, "");
	}
	free(self_sum);
	return t;
}

/* The rows of one kind (bonus or penalty) and its sum, with the cap when it bites. */
static void bp_rows(struct sheet *s, struct ts_table *t, enum item_kind kind)
{
	const struct index *ix = s->ix;
	int64_t cap = kind == KIND_BONUS ? ix->bonus_max : ix->penalty_max;
	int64_t self_sum = 0, final_sum = 0;
	const char *what = kind == KIND_BONUS ? "điểm thưởng" : "điểm trừ";

	body_row(t, 1);
	ts_table_row_font(t, PDF_BOLD);
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "%s (tổng không quá ", kind == KIND_BONUS ? "Điểm thưởng" : "Điểm trừ");
	vnfmt_add_hundredths(&s->sb, cap);
	strbuf_addstr(&s->sb, " điểm)");
	ts_table_cell(t, s->sb.buf);
	ts_table_span(t, 5, 1);
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];
		const struct item_result *ir = &s->ur->items[i];

		if (it->kind != kind || !item_applies(s, it))
			continue;
		item_row(s, t, i);
		if (ir->has_self && !ir->self_na)
			self_sum += ir->self;
		if (!ir->final_na)
			final_sum += ir->final;
	}
	body_row(t, 0);
	ts_table_row_font(t, PDF_BOLD);
	ts_table_cell(t, "");
	strbuf_reset(&s->sb);
	strbuf_addf(&s->sb, "Cộng %s", what);
	ts_table_cell(t, s->sb.buf);
	cell_pts(s, t, cap);
	if (s->sub) {
		cell_pts(s, t, self_sum);
		cell_pts(s, t, final_sum);
	} else {
		ts_table_cell(t, "");
		ts_table_cell(t, "");
	}
	if (s->sub && (self_sum > cap || final_sum > cap)) {
		body_row(t, 1);
		ts_table_row_font(t, PDF_BOLD);
		ts_table_cell(t, "");
		strbuf_reset(&s->sb);
		strbuf_addf(&s->sb, "%s%s được tính", kind == KIND_BONUS ? "Điểm thưởng" : "Điểm trừ",
			    "");
		ts_table_cell(t, s->sb.buf);
		cell_pts(s, t, cap);
		cell_pts(s, t, self_sum > cap ? cap : self_sum);
		cell_pts(s, t, final_sum > cap ? cap : final_sum);
		strbuf_reset(&s->sb);
		strbuf_addf(&s->sb, "Tổng %s vượt mức tối đa ", what);
		vnfmt_add_hundredths(&s->sb, cap);
		strbuf_addstr(&s->sb, " điểm, chỉ tính ");
		vnfmt_add_hundredths(&s->sb, cap);
		strbuf_addstr(&s->sb, " điểm");
		under_line(t, 0, s->sb.buf, NULL, PDF_ITALIC);
	}
}

/* Part IV: the bonuses and penalties, with their caps. */
static struct ts_table *extras_table(struct sheet *s)
{
	struct ts_table *t = item_table("Nội dung");

	if (s->ix->has_bonuses)
		bp_rows(s, t, KIND_BONUS);
	if (s->ix->has_penalties)
		bp_rows(s, t, KIND_PENALTY);
	return t;
}

/*
 * Parts III and IV, their columns alike. Part IV, short, starts on a new
 * page rather than split when it fits on one.
 */
static int tables(struct sheet *s)
{
	struct ts_table *ts[2] = { NULL, NULL };
	size_t nt = 0;
	struct pdf_box fr;
	int64_t h = 0, lead = 0;
	int ret;

	ts[nt++] = items_table(s);
	if (s->ix->has_bonuses || s->ix->has_penalties)
		ts[nt++] = extras_table(s);
	ret = ts_table_share_columns(s->f.fl, ts, nt, "unit sheet: items");
	if (ret == 0)
		ret = ts_table_measure(s->f.fl, ts[0], NULL, &lead, "unit sheet: items");
	if (ret == 0)
		ret = part_heading(s, "III. KẾT QUẢ CHẤM ĐIỂM CÁC TIÊU CHÍ", lead);
	if (ret == 0)
		ret = ts_table_draw(s->f.fl, ts[0], "unit sheet: items");
	if (ret == 0 && nt > 1)
		ret = ts_table_measure(s->f.fl, ts[1], &h, &lead, "unit sheet: bonuses and penalties");
	if (ret == 0 && nt > 1) {
		pdfdoc_page_box(s->f.doc, NULL, &fr);
		ret = part_heading(s, "IV. ĐIỂM THƯỞNG, ĐIỂM TRỪ",
				   h > (fr.y1 - fr.y0) * 4 / 5 ? lead : h);
		if (ret == 0)
			ret = ts_table_draw(s->f.fl, ts[1], "unit sheet: bonuses and penalties");
	}
	ts_table_free(ts[0]);
	ts_table_free(ts[1]);
	return ret;
}

/* The unit's general notes on its submission, if any. */
static int notes(struct sheet *s)
{
	struct ts_style st = TS_STYLE_BODY;

	if (!s->sub || !s->sub->nnotes)
		return 0;
	st.space_before = PDF_PT(6);
	st.font = PDF_REGULAR;
	for (size_t k = 0; k < s->sub->nnotes; k++) {
		struct ts_run runs[2] = {
			{ PDF_BOLD, k ? "" : "Ghi chú của đơn vị: " },
			{ PDF_REGULAR, s->sub->notes[k] },
		};

		sheet_origin(&s->org, s->sub->path, s->sub->line, "note");
		if (ts_para(s->f.fl, &st, runs, 2, s->org.buf) < 0)
			return -1;
		st.space_before = 0;
	}
	return 0;
}

int sheet_render(const struct render_ctx *c, size_t unit, const char *path)
{
	struct sheet s;
	struct strbuf title = STRBUF_INIT, subject = STRBUF_INIT, keywords = STRBUF_INIT;
	int ret = RENDER_OK;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.y = c->y;
	s.ix = &c->y->index;
	s.r = c->r;
	s.u = unit;
	strbuf_init(&s.sb);
	strbuf_init(&s.org);
	if (unit >= c->y->registry.nunits || unit >= c->r->nunits) {
		error("unit sheet: no unit %zu", unit);
		ret = RENDER_DATA;
		goto out;
	}
	s.un = &c->y->registry.units[unit];
	s.ur = &c->r->units[unit];
	s.sub = c->y->subs && c->y->subs[unit].path ? &c->y->subs[unit] : NULL;
	if (s.un->group < 0 || (size_t)s.un->group >= s.ix->ngroups) {
		error("unit sheet: unit '%s' has no group", s.un->code);
		ret = RENDER_DATA;
		goto out;
	}

	strbuf_addf(&title, "Phiếu kết quả Chỉ số cải cách hành chính năm %d - %s", s.ix->year,
		    s.un->name);
	strbuf_addf(&subject, "Kết quả tự đánh giá, thẩm định và chấm điểm Chỉ số cải cách hành chính năm %d của %s",
		    s.ix->year, s.un->name);
	strbuf_addf(&keywords, "Chỉ số cải cách hành chính; CCHC; năm %d; %s; phiếu kết quả",
		    s.ix->year, s.un->code);
	frame_open(&s.f, c, &(struct pdfdoc_meta){ .title = title.buf, .author = frame_author(&c->y->pub, "parx"),
						    .subject = subject.buf, .keywords = keywords.buf });
	pdfdoc_section(s.f.doc, s.un->name, PDF_PORTRAIT, 0);
	/* A failure fails the document: frame_save() reports it, as a data or an I/O fault. */
	if (title_block(&s) == 0 && summary(&s) == 0 && fields(&s) == 0 && tables(&s) == 0)
		notes(&s);
	ret = frame_save(&s.f, path);
out:
	frame_release(&s.f);
	strbuf_release(&title);
	strbuf_release(&subject);
	strbuf_release(&keywords);
	strbuf_release(&s.sb);
	strbuf_release(&s.org);
	return ret;
}
