/*
 * formbook.c: the self-assessment form and the appraisal worksheet
 * (formbook.h), written with libxlsxwriter in the layout of formdef.h.
 *
 * The formulas redo the index's arithmetic in the spreadsheet so that the unit
 * sees its points while it types; they are a convenience, never the record:
 * parx scores the imported values itself, exactly. They keep to integers where
 * the rule divides (QUOTIENT, 10000 × numerator ≥ from × denominator), as
 * scoring.c does, so that Excel and LibreOffice show what parx will compute.
 * Formulas are written in the file's own syntax ("," between arguments, "."
 * for decimals); Excel and Calc show them in the user's locale
 * (pipeline/LIBRARIES.md, "libxlsxwriter 1.1.4").
 */
#include "forms/formbook.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "forms/formdef.h"

/* ---- Numbers and words -------------------------------------------------------- */

/* Hundredths the shortest way a Vietnamese reader writes them: 50 -> "0,5", 100 -> "1". */
static void add_short(struct strbuf *sb, int64_t v, char mark)
{
	int64_t frac = v % 100;

	strbuf_addf(sb, "%lld", (long long)(v / 100));
	if (frac == 0)
		return;
	if (frac % 10 == 0)
		strbuf_addf(sb, "%c%lld", mark, (long long)(frac / 10));
	else
		strbuf_addf(sb, "%c%02lld", mark, (long long)frac);
}

/* The same for a formula or a validation list: "." as the decimal mark. */
static const char *num(struct strbuf *sb, int64_t v)
{
	strbuf_reset(sb);
	add_short(sb, v, '.');
	return sb->buf;
}

void formbook_rule_words(struct strbuf *sb, const struct item *it)
{
	switch (it->rule) {
	case RULE_LEVELS:
		strbuf_addstr(sb, "Chọn một mức: ");
		for (size_t i = 0; i < it->nlevels; i++) {
			if (i)
				strbuf_addstr(sb, "; ");
			add_short(sb, it->levels[i].points, ',');
			strbuf_addstr(sb, " điểm: ");
			strbuf_addstr(sb, it->levels[i].text ? it->levels[i].text : "");
		}
		break;
	case RULE_SCALE:
		strbuf_addstr(sb, "Chấm từ 0 đến ");
		add_short(sb, it->max, ',');
		strbuf_addstr(sb, " điểm");
		break;
	case RULE_RATIO:
		strbuf_addstr(sb, "Theo tỷ lệ Tử số/Mẫu số: ");
		for (size_t i = 0; i < it->nbands; i++) {
			if (i)
				strbuf_addstr(sb, "; ");
			if (it->bands[i].from > 0) {
				strbuf_addstr(sb, "từ ");
				add_short(sb, it->bands[i].from, ',');
				strbuf_addstr(sb, "%");
				if (i > 0) {
					strbuf_addstr(sb, " đến dưới ");
					add_short(sb, it->bands[i - 1].from, ',');
					strbuf_addstr(sb, "%");
				} else {
					strbuf_addstr(sb, " trở lên");
				}
			} else if (i > 0) {
				strbuf_addstr(sb, "dưới ");
				add_short(sb, it->bands[i - 1].from, ',');
				strbuf_addstr(sb, "%");
			} else {
				strbuf_addstr(sb, "mọi tỷ lệ");
			}
			strbuf_addstr(sb, ": ");
			add_short(sb, it->bands[i].points, ',');
			strbuf_addstr(sb, " điểm");
		}
		break;
	case RULE_PROPORTIONAL:
		strbuf_addstr(sb, "Điểm = ");
		add_short(sb, it->max, ',');
		strbuf_addstr(sb, " × tỷ lệ Tử số/Mẫu số");
		if (it->target > 0 && it->target != 10000) {
			strbuf_addstr(sb, " ÷ ");
			add_short(sb, it->target, ',');
			strbuf_addstr(sb, "%; đạt từ ");
			add_short(sb, it->target, ',');
			strbuf_addstr(sb, "% trở lên được tối đa");
		}
		strbuf_addstr(sb, " (làm tròn đến 0,01)");
		break;
	case RULE_COUNT:
		strbuf_addstr(sb, it->kind == KIND_PENALTY ? "Mỗi lần trừ " : "Mỗi lần được ");
		add_short(sb, it->per, ',');
		strbuf_addstr(sb, " điểm, tối đa ");
		add_short(sb, it->max, ',');
		strbuf_addstr(sb, " điểm; nhập số lần ở cột Số lượng");
		break;
	}
	if (it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL) {
		strbuf_addstr(sb, ". Mẫu số bằng 0 (không phát sinh): ");
		add_short(sb, it->empty_zero ? 0 : it->max, ',');
		strbuf_addstr(sb, " điểm");
	}
	if (it->na_allowed)
		strbuf_addstr(sb, ". Nếu đơn vị không có nhiệm vụ này, đánh dấu x ở cột Không áp dụng "
				  "và ghi lý do ở cột Ghi chú");
}

/* ---- The workbook ------------------------------------------------------------ */

/* Widths of the columns with long texts, in Excel's units (about a character). */
#define SELF_W_NAME 42.0
#define SELF_W_RULE 40.0

struct book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	struct strbuf sb, n1, n2;
	/* Formats: title, labels, column heads, field and criterion rows, item text,
	 * points, input cells (text, points, whole numbers), totals. */
	lxw_format *title, *label, *value, *head, *field, *field_pts, *crit, *text, *pts,
		*in_text, *in_pts, *in_int, *in_mark, *total, *total_pts, *note;
	char cellname[2][LXW_MAX_CELL_NAME_LENGTH];
};

static lxw_format *fmt(struct book *b, int bold, int wrap, int input, const char *numfmt,
		       uint32_t bg)
{
	lxw_format *f = workbook_add_format(b->wb);

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 12);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f, LXW_BORDER_THIN);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	if (numfmt)
		format_set_num_format(f, numfmt);
	if (input) {
		format_set_unlocked(f);
		format_set_bg_color(f, 0xFFF8DC); /* the cells to fill, pale yellow */
	} else if (bg) {
		format_set_bg_color(f, bg);
	}
	return f;
}

static void formats(struct book *b)
{
	b->title = fmt(b, 1, 1, 0, NULL, 0);
	format_set_border(b->title, LXW_BORDER_NONE);
	format_set_align(b->title, LXW_ALIGN_CENTER);
	format_set_font_size(b->title, 14);
	b->label = fmt(b, 0, 0, 0, NULL, 0);
	format_set_border(b->label, LXW_BORDER_NONE);
	b->value = fmt(b, 1, 0, 0, NULL, 0);
	format_set_border(b->value, LXW_BORDER_NONE);
	b->head = fmt(b, 1, 1, 0, NULL, 0xD9E1F2);
	format_set_align(b->head, LXW_ALIGN_CENTER);
	b->field = fmt(b, 1, 1, 0, NULL, 0xE2EFDA);
	b->field_pts = fmt(b, 1, 0, 0, "0.00", 0xE2EFDA);
	b->crit = fmt(b, 1, 1, 0, NULL, 0);
	b->text = fmt(b, 0, 1, 0, NULL, 0);
	b->pts = fmt(b, 0, 0, 0, "0.00", 0);
	b->in_text = fmt(b, 0, 1, 1, "@", 0);
	b->in_pts = fmt(b, 0, 0, 1, "0.00", 0);
	b->in_int = fmt(b, 0, 0, 1, "0", 0);
	b->in_mark = fmt(b, 0, 0, 1, "@", 0);
	format_set_align(b->in_mark, LXW_ALIGN_CENTER);
	b->total = fmt(b, 1, 1, 0, NULL, 0xFCE4D6);
	b->total_pts = fmt(b, 1, 0, 0, "0.00", 0xFCE4D6);
	b->note = fmt(b, 0, 1, 0, NULL, 0);
	format_set_border(b->note, LXW_BORDER_NONE);
	format_set_italic(b->note);
}

/* "E14" for 0-based row, col; two slots so that a formula can name two cells. */
static const char *cell(struct book *b, int slot, int row, int col)
{
	lxw_rowcol_to_cell(b->cellname[slot], (lxw_row_t)row, (lxw_col_t)col);
	return b->cellname[slot];
}

/*
 * Starts a workbook at a temporary name beside `path`. The document's date is
 * 1 January of the year after the index year (when the forms go out), so the
 * same inputs give the same bytes.
 */
static int book_open(struct book *b, const char *tmp, const char *title, int year)
{
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .tmpdir = NULL,
				     .use_zip64 = LXW_FALSE };
	struct tm tm = { .tm_year = year + 1 - 1900, .tm_mon = 0, .tm_mday = 1, .tm_hour = 0 };
	lxw_doc_properties props = { 0 };

	memset(b, 0, sizeof(*b));
	strbuf_init(&b->sb);
	strbuf_init(&b->n1);
	strbuf_init(&b->n2);
	b->wb = workbook_new_opt(tmp, &opt);
	if (!b->wb)
		return -1;
	props.title = (char *)title;
	props.author = (char *)"parx";
	props.created = timegm(&tm);
	workbook_set_properties(b->wb, &props);
	formats(b);
	return 0;
}

static int book_close(struct book *b, const char *tmp, const char *path)
{
	lxw_error e = b->wb ? workbook_close(b->wb) : LXW_ERROR_MEMORY_MALLOC_FAILED;

	strbuf_release(&b->sb);
	strbuf_release(&b->n1);
	strbuf_release(&b->n2);
	if (e != LXW_NO_ERROR) {
		unlink(tmp);
		return error("cannot write '%s': %s", path, lxw_strerror(e));
	}
	return commit_rename(tmp, path);
}

/* Print setup: A4 landscape, one page wide, the heads repeated, page numbers. */
static void print_setup(struct book *b, int head_row)
{
	worksheet_set_landscape(b->ws);
	worksheet_set_paper(b->ws, 9);
	worksheet_set_margins(b->ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_fit_to_pages(b->ws, 1, 0);
	worksheet_repeat_rows(b->ws, (lxw_row_t)head_row, (lxw_row_t)head_row);
	worksheet_set_footer(b->ws, "&CTrang &P/&N");
	worksheet_freeze_panes(b->ws, (lxw_row_t)head_row + 1, 0);
}

/* Protected without a password: the unit fills the input cells and nothing else. */
static void protect(struct book *b, int filter)
{
	lxw_protection p = { 0 };

	p.format_rows = 1;    /* a row may be made taller to read a long text */
	p.format_columns = 1;
	p.autofilter = (uint8_t)filter;
	p.sort = 0;
	worksheet_protect(b->ws, NULL, &p);
}

static void ident(struct book *b, int row, const char *label, const char *value)
{
	worksheet_write_string(b->ws, (lxw_row_t)row, 0, label, b->label);
	worksheet_write_string(b->ws, (lxw_row_t)row, FORM_ID_COL, value, b->value);
}

static void heads(struct book *b, int row, const char *const *titles, int n)
{
	for (int c = 0; c < n; c++)
		worksheet_write_string(b->ws, (lxw_row_t)row, (lxw_col_t)c, titles[c], b->head);
}

/*
 * Rows are given their height: Excel fits a row to wrapped text only when it
 * edits it, LibreOffice not always on load, and a form must print as it
 * shows. Lines of `text` in a column `width` units wide: 12-point Times holds
 * about 1.15 characters per unit, words that do not fill a line included
 * (measured in LibreOffice; pipeline/LIBRARIES.md, "libxlsxwriter 1.1.4").
 */
static int text_lines(const char *text, double width)
{
	int lines = 0;
	const char *p = text;

	if (!text || !*text)
		return 1;
	while (p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *para = xstrndup(p, len);
		size_t chars = text_length(para);
		int n = chars ? (int)((double)chars / (width * 1.15)) + 1 : 1;

		free(para);
		lines += n;
		p = nl ? nl + 1 : NULL;
	}
	return lines;
}

static void fit_row(struct book *b, int row, int lines)
{
	if (lines > 1)
		worksheet_set_row(b->ws, (lxw_row_t)row, 15.0 * lines + 2, NULL);
}

/* ---- Data validation ------------------------------------------------------------ */

static void validate_points(struct book *b, int row, int col, const struct item *it,
			    const char *title)
{
	lxw_data_validation v = { 0 };
	const char *c = cell(b, 0, row, col);
	const char **list = NULL;

	v.ignore_blank = LXW_VALIDATION_ON;
	v.show_input = LXW_VALIDATION_ON;
	v.show_error = LXW_VALIDATION_ON;
	v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	strbuf_reset(&b->sb);
	if (it->rule == RULE_LEVELS) {
		/* The levels as a list (the file's syntax: "." decimals). */
		struct strbuf *vals = xcalloc(it->nlevels, sizeof(*vals));

		list = xcalloc(it->nlevels + 1, sizeof(*list));
		for (size_t i = 0; i < it->nlevels; i++) {
			strbuf_init(&vals[i]);
			add_short(&vals[i], it->levels[i].points, '.');
			list[i] = vals[i].buf;
		}
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = (char **)list;
		v.input_title = (char *)title;
		v.input_message = (char *)"Chọn một mức trong danh sách.";
		v.error_title = (char *)"Điểm không hợp lệ";
		v.error_message = (char *)"Điểm phải là một trong các mức của tiêu chí.";
		worksheet_data_validation_cell(b->ws, (lxw_row_t)row, (lxw_col_t)col, &v);
		for (size_t i = 0; i < it->nlevels; i++)
			strbuf_release(&vals[i]);
		free(vals);
		free(list);
		return;
	}
	/* 0..max, at most two decimals (the hundredths within a millionth: binary noise). */
	strbuf_addf(&b->sb, "=AND(ISNUMBER(%s),%s>=0,%s<=%s,ABS(%s*100-ROUND(%s*100,0))<0.000001)",
		    c, c, c, num(&b->n1, it->max), c, c);
	v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
	v.value_formula = b->sb.buf;
	v.input_title = (char *)title;
	strbuf_reset(&b->n2);
	strbuf_addstr(&b->n2, "Từ 0 đến ");
	add_short(&b->n2, it->max, ',');
	strbuf_addstr(&b->n2, " điểm, tối đa hai chữ số thập phân.");
	v.input_message = b->n2.buf;
	v.error_title = (char *)"Điểm không hợp lệ";
	v.error_message = b->n2.buf;
	worksheet_data_validation_cell(b->ws, (lxw_row_t)row, (lxw_col_t)col, &v);
}

static void validate_whole(struct book *b, int row, int col)
{
	lxw_data_validation v = { 0 };

	v.validate = LXW_VALIDATION_TYPE_INTEGER;
	v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	v.minimum_number = 0;
	v.maximum_number = 999999999;
	v.ignore_blank = LXW_VALIDATION_ON;
	v.show_input = LXW_VALIDATION_ON;
	v.show_error = LXW_VALIDATION_ON;
	v.input_title = (char *)"Số nguyên";
	v.input_message = (char *)"Một số nguyên từ 0 trở lên.";
	v.error_title = (char *)"Số không hợp lệ";
	v.error_message = (char *)"Nhập một số nguyên từ 0 trở lên, không có phần thập phân.";
	worksheet_data_validation_cell(b->ws, (lxw_row_t)row, (lxw_col_t)col, &v);
}

static void validate_mark(struct book *b, int row, int col)
{
	lxw_data_validation v = { 0 };
	const char *list[] = { FORM_NA_MARK, NULL };

	v.validate = LXW_VALIDATION_TYPE_LIST;
	v.value_list = (char **)list;
	v.ignore_blank = LXW_VALIDATION_ON;
	v.show_input = LXW_VALIDATION_ON;
	v.show_error = LXW_VALIDATION_ON;
	v.input_title = (char *)"Không áp dụng";
	v.input_message = (char *)"Gõ x nếu tiêu chí không áp dụng với đơn vị; ghi lý do ở cột Ghi chú.";
	v.error_title = (char *)"Chỉ gõ x";
	v.error_message = (char *)"Gõ x, hoặc để trống.";
	worksheet_data_validation_cell(b->ws, (lxw_row_t)row, (lxw_col_t)col, &v);
}

/* ---- Self-assessment form -------------------------------------------------------- */

/*
 * The formula of the rule's points on row `row`: empty while the unit has not
 * given what the rule needs, or when it marked the item not applicable.
 */
static void points_formula(struct book *b, struct strbuf *f, const struct item *it, int row)
{
	char self[16], n[16], d[16], cnt[16], na[16];

	lxw_rowcol_to_cell(self, (lxw_row_t)row, SELF_COL_SELF);
	lxw_rowcol_to_cell(n, (lxw_row_t)row, SELF_COL_NUMERATOR);
	lxw_rowcol_to_cell(d, (lxw_row_t)row, SELF_COL_DENOMINATOR);
	lxw_rowcol_to_cell(cnt, (lxw_row_t)row, SELF_COL_COUNT);
	lxw_rowcol_to_cell(na, (lxw_row_t)row, SELF_COL_NA);
	strbuf_reset(f);
	strbuf_addstr(f, "=");
	if (it->na_allowed)
		strbuf_addf(f, "IF(%s=\"%s\",\"\",", na, FORM_NA_MARK);
	switch (it->rule) {
	case RULE_LEVELS:
	case RULE_SCALE:
		strbuf_addf(f, "IF(%s=\"\",\"\",%s)", self, self);
		break;
	case RULE_COUNT:
		strbuf_addf(f, "IF(%s=\"\",\"\",MIN(%s,%s*%s))", cnt, num(&b->n1, it->max), cnt,
			    num(&b->n2, it->per));
		break;
	case RULE_RATIO:
		strbuf_addf(f, "IF(OR(%s=\"\",%s=\"\"),\"\",IF(%s=0,%s,", n, d, d,
			    num(&b->n1, it->empty_zero ? 0 : it->max));
		/* The first band reached: 10000 × n ≥ from × d, from in hundredths of a percent. */
		for (size_t i = 0; i + 1 < it->nbands; i++)
			strbuf_addf(f, "IF(10000*%s>=%lld*%s,%s,", n, (long long)it->bands[i].from, d,
				    num(&b->n1, it->bands[i].points));
		strbuf_addstr(f, it->nbands ? num(&b->n1, it->bands[it->nbands - 1].points) : "0");
		for (size_t i = 0; i + 1 < it->nbands; i++)
			strbuf_addch(f, ')');
		strbuf_addstr(f, "))");
		break;
	case RULE_PROPORTIONAL: {
		long long t = it->target > 0 ? (long long)it->target : 10000;

		/* max × n × 10000 / (d × target), rounded half up to the hundredth, at most max. */
		strbuf_addf(f, "IF(OR(%s=\"\",%s=\"\"),\"\",IF(%s=0,%s,", n, d, d,
			    num(&b->n1, it->empty_zero ? 0 : it->max));
		strbuf_addf(f, "MIN(%s,QUOTIENT(2*%lld*10000*%s+%s*%lld,2*%s*%lld)/100)))",
			    num(&b->n1, it->max), (long long)it->max, n, d, t, d, t);
		break;
	}
	}
	if (it->na_allowed)
		strbuf_addch(f, ')');
}

static void item_row(struct book *b, const struct item *it, int row)
{
	lxw_worksheet *ws = b->ws;
	lxw_row_t r = (lxw_row_t)row;
	int raw = it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL;
	struct strbuf f = STRBUF_INIT;

	worksheet_write_string(ws, r, SELF_COL_CODE, it->code, b->text);
	worksheet_write_string(ws, r, SELF_COL_NAME, it->name, b->text);
	worksheet_write_number(ws, r, SELF_COL_MAX, (double)it->max / 100, b->pts);
	strbuf_reset(&b->sb);
	formbook_rule_words(&b->sb, it);
	worksheet_write_string(ws, r, SELF_COL_RULE, b->sb.buf, b->text);
	{
		int a = text_lines(it->name, SELF_W_NAME), c = text_lines(b->sb.buf, SELF_W_RULE);

		fit_row(b, row, a > c ? a : c);
	}
	worksheet_write_blank(ws, r, SELF_COL_SELF, b->in_pts);
	validate_points(b, row, SELF_COL_SELF, it, form_self_columns[SELF_COL_SELF]);
	worksheet_write_blank(ws, r, SELF_COL_NUMERATOR, raw ? b->in_int : b->pts);
	worksheet_write_blank(ws, r, SELF_COL_DENOMINATOR, raw ? b->in_int : b->pts);
	if (raw) {
		validate_whole(b, row, SELF_COL_NUMERATOR);
		validate_whole(b, row, SELF_COL_DENOMINATOR);
	}
	worksheet_write_blank(ws, r, SELF_COL_COUNT, it->rule == RULE_COUNT ? b->in_int : b->pts);
	if (it->rule == RULE_COUNT)
		validate_whole(b, row, SELF_COL_COUNT);
	worksheet_write_blank(ws, r, SELF_COL_NA, it->na_allowed ? b->in_mark : b->text);
	if (it->na_allowed)
		validate_mark(b, row, SELF_COL_NA);
	points_formula(b, &f, it, row);
	worksheet_write_formula_str(ws, r, SELF_COL_POINTS, f.buf, b->pts, "");
	worksheet_write_blank(ws, r, SELF_COL_EVIDENCE, b->in_text);
	worksheet_write_blank(ws, r, SELF_COL_NOTE, b->in_text);
	strbuf_release(&f);
}

/* A heading row (field, criterion, bonuses, penalties): code and name, the rest shaded. */
static void heading_row(struct book *b, int row, const char *code, const char *name,
			lxw_format *f)
{
	for (int c = 0; c < SELF_NCOLS; c++)
		worksheet_write_blank(b->ws, (lxw_row_t)row, (lxw_col_t)c, f);
	worksheet_write_string(b->ws, (lxw_row_t)row, SELF_COL_CODE, code, f);
	worksheet_write_string(b->ws, (lxw_row_t)row, SELF_COL_NAME, name, f);
	fit_row(b, row, text_lines(name, SELF_W_NAME));
}

/* "=SUM(E12:E20)" over rows [first, last] of column col; "=0" for none. */
static void sum_formula(struct book *b, struct strbuf *f, int col, int first, int last)
{
	strbuf_reset(f);
	if (last < first)
		strbuf_addstr(f, "=0");
	else
		strbuf_addf(f, "=SUM(%s:%s)", cell(b, 0, first, col), cell(b, 1, last, col));
}

/*
 * A totals row: label in B, the self formula in E, the rule's in J, with
 * `blank` as their value in the empty form: LibreOffice shows a formula's
 * stored value until a cell it depends on changes (pipeline/LIBRARIES.md, "libxlsxwriter 1.1.4").
 */
static void total_row(struct book *b, int row, const char *label, const char *self_f,
		      const char *points_f, double blank)
{
	for (int c = 0; c < SELF_NCOLS; c++)
		worksheet_write_blank(b->ws, (lxw_row_t)row, (lxw_col_t)c, b->total);
	worksheet_write_string(b->ws, (lxw_row_t)row, SELF_COL_NAME, label, b->total);
	worksheet_write_formula_num(b->ws, (lxw_row_t)row, SELF_COL_SELF, self_f, b->total_pts, blank);
	worksheet_write_formula_num(b->ws, (lxw_row_t)row, SELF_COL_POINTS, points_f, b->total_pts,
				    blank);
}

/* The "Hướng dẫn" sheet: one paragraph per row, wrapped, each row as tall as its text. */
static void guide_sheet(struct book *b, const char *const *lines, size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, FORM_GUIDE_SHEET);
	lxw_format *f = workbook_add_format(b->wb);
	lxw_protection p = { 0 };
	const double width = 62; /* fits A4 portrait (LibreOffice measured) */

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 12);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	worksheet_set_column(ws, 0, 0, width, NULL);
	for (size_t i = 0; i < n; i++) {
		int lines_n = text_lines(lines[i], width);

		worksheet_write_string(ws, (lxw_row_t)i, 0, lines[i], i == 0 ? b->value : f);
		worksheet_set_row(ws, (lxw_row_t)i, 15.0 * lines_n + 4, NULL);
	}
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_protect(ws, NULL, &p);
}

static void self_guide(struct book *b, const struct year *y)
{
	static const char *const lines[] = {
		"HƯỚNG DẪN ĐIỀN BẢNG TỰ CHẤM ĐIỂM",
		"",
		"1. Chỉ điền vào các ô màu vàng nhạt ở trang \"" FORM_SELF_SHEET "\"; các ô khác đã được khóa.",
		"2. Điểm tự chấm: nhập điểm của từng tiêu chí, từ 0 đến điểm tối đa, nhiều nhất hai chữ số thập phân "
		"(ví dụ 0,5 hoặc 1,25). Tiêu chí chấm theo mức: chọn một mức trong danh sách.",
		"3. Tiêu chí chấm theo tỷ lệ: nhập Tử số và Mẫu số (số nguyên, Tử số không lớn hơn Mẫu số); "
		"cột \"Điểm theo cách chấm\" tự tính điểm tương ứng. Mẫu số bằng 0 nghĩa là không phát sinh.",
		"4. Điểm thưởng, điểm trừ chấm theo số lần: nhập số lần ở cột Số lượng. Để trống nếu không có.",
		"5. Không áp dụng: chỉ ở tiêu chí cho phép; gõ x, để trống điểm tự chấm và ghi lý do ở cột Ghi chú.",
		"6. Tài liệu kiểm chứng: mỗi tài liệu một dòng (Alt+Enter để xuống dòng trong ô): số, ký hiệu, "
		"ngày và trích yếu văn bản, hoặc đường dẫn.",
		"7. Dòng tổng cộng cuối trang tự tính tổng điểm tự chấm và chỉ số khi đơn vị nhập liệu.",
		"8. Không đổi tên trang, không sửa mã đơn vị, mã bộ chỉ số và mã tiêu chí: phần mềm dựa vào "
		"chúng để nhận bảng. Lưu tệp ở định dạng Excel (.xlsx), không đặt mật khẩu.",
		"9. Gửi lại tệp này cùng tài liệu kiểm chứng cho cơ quan tổng hợp (Nội vụ).",
	};

	(void)y;
	guide_sheet(b, lines, sizeof(lines) / sizeof(lines[0]));
}

int formbook_write_self(const struct year *y, size_t u, const char *path)
{
	const struct index *ix = &y->index;
	const struct unit *un = &y->registry.units[u];
	int g = un->group;
	struct book b;
	struct strbuf f = STRBUF_INIT;
	char *tmp = tmp_name_for(path);
	int row = SELF_ROW_FIRST, status;
	int *field_row = xcalloc(ix->nfields + 1, sizeof(*field_row));
	int item_first = -1, item_last = -1; /* rows of ordinary items, for the applicable max */
	int bonus_first = -1, bonus_last = -2, pen_first = -1, pen_last = -2;

	if (!tmp) {
		free(field_row);
		return -1;
	}
	if (book_open(&b, tmp, "Bảng tự chấm điểm", ix->year) < 0) {
		free(field_row);
		status = error("cannot write '%s'", path);
		free(tmp);
		return status;
	}
	b.ws = workbook_add_worksheet(b.wb, FORM_SELF_SHEET);

	/* Heading and identification. */
	strbuf_reset(&b.sb);
	strbuf_addf(&b.sb, "BẢNG TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", ix->year);
	worksheet_merge_range(b.ws, 0, 0, 0, SELF_NCOLS - 1, b.sb.buf, b.title);
	ident(&b, SELF_ROW_UNIT_NAME, "Đơn vị:", un->name);
	ident(&b, SELF_ROW_UNIT, "Mã đơn vị:", un->code);
	strbuf_reset(&b.sb);
	strbuf_addf(&b.sb, "%s (%s)", ix->groups[g].name, ix->groups[g].code);
	ident(&b, SELF_ROW_GROUP, "Nhóm:", b.sb.buf);
	ident(&b, SELF_ROW_INDEX_TITLE, "Bộ chỉ số:", ix->title ? ix->title : "");
	ident(&b, SELF_ROW_INDEX, "Mã bộ chỉ số:", ix->id);
	strbuf_reset(&b.sb);
	strbuf_addf(&b.sb, "%d", ix->year);
	ident(&b, SELF_ROW_YEAR, "Năm đánh giá:", b.sb.buf);
	heads(&b, SELF_ROW_HEAD, form_self_columns, SELF_NCOLS);
	worksheet_set_row(b.ws, SELF_ROW_HEAD, 34, NULL);

	/* Fields, criteria, items in index order; each field's subtotal on its own row. */
	for (size_t fi = 0; fi < ix->nfields; fi++) {
		int frow, first = -1, last = -1, crit = -1;
		int64_t fmax = 0;

		for (size_t i = 0; i < ix->nitems; i++)
			if (ix->items[i].kind == KIND_ITEM && ix->items[i].field == (int)fi &&
			    ix->items[i].in_group[g])
				break;
			else if (i + 1 == ix->nitems)
				goto next_field; /* no item of this group in the field: no row for it */
		frow = row++;
		for (size_t i = 0; i < ix->nitems; i++) {
			const struct item *it = &ix->items[i];

			if (it->kind != KIND_ITEM || it->field != (int)fi || !it->in_group[g])
				continue;
			if (it->criterion != crit) {
				crit = it->criterion;
				heading_row(&b, row++, ix->criteria[crit].code, ix->criteria[crit].name,
					    b.crit);
			}
			if (first < 0)
				first = row;
			last = row;
			if (item_first < 0)
				item_first = row;
			item_last = row;
			fmax += it->max;
			item_row(&b, it, row++);
		}
		heading_row(&b, frow, ix->fields[fi].code, ix->fields[fi].name, b.field);
		worksheet_write_number(b.ws, (lxw_row_t)frow, SELF_COL_MAX, (double)fmax / 100,
				       b.field_pts);
		sum_formula(&b, &f, SELF_COL_SELF, first, last);
		worksheet_write_formula_num(b.ws, (lxw_row_t)frow, SELF_COL_SELF, f.buf, b.field_pts, 0);
		sum_formula(&b, &f, SELF_COL_POINTS, first, last);
		worksheet_write_formula_num(b.ws, (lxw_row_t)frow, SELF_COL_POINTS, f.buf, b.field_pts, 0);
		field_row[fi] = frow;
next_field:;
	}

	/* Bonuses and penalties, each under its own heading with its cap. */
	for (int kind = KIND_BONUS; kind <= KIND_PENALTY; kind++) {
		int64_t cap = kind == KIND_BONUS ? ix->bonus_max : ix->penalty_max;
		int present = kind == KIND_BONUS ? ix->has_bonuses : ix->has_penalties;
		int hrow = row, first = -1, last = -2;

		if (!present)
			continue;
		strbuf_reset(&b.sb);
		strbuf_addstr(&b.sb, kind == KIND_BONUS ? "ĐIỂM THƯỞNG (tối đa " : "ĐIỂM TRỪ (tối đa ");
		add_short(&b.sb, cap, ',');
		strbuf_addstr(&b.sb, " điểm)");
		heading_row(&b, row++, "", b.sb.buf, b.field);
		for (size_t i = 0; i < ix->nitems; i++) {
			const struct item *it = &ix->items[i];

			if ((int)it->kind != kind || !it->in_group[g])
				continue;
			if (first < 0)
				first = row;
			last = row;
			item_row(&b, it, row++);
		}
		if (first < 0)
			row = hrow; /* none for this group */
		if (kind == KIND_BONUS)
			bonus_first = first, bonus_last = last;
		else
			pen_first = first, pen_last = last;
	}

	/*
	 * Totals, as the index computes them (README.md, "Scoring"; input/FORMATS.md,
	 * "index.xml: the index"): the fields, the capped bonus and penalty,
	 * floored at 0 (capped at the applicable max with cap="true"), the
	 * applicable max, the index.
	 */
	row++;
	{
		int r_base = row, r_bonus = row + 1, r_pen = row + 2, r_total = row + 3,
		    r_max = row + 4, r_index = row + 5;
		int cols[2] = { SELF_COL_SELF, SELF_COL_POINTS };
		struct strbuf sf[2] = { STRBUF_INIT, STRBUF_INIT };

		/* The applicable max: the scale less the max of items marked not applicable. */
		strbuf_reset(&f);
		if (item_first >= 0)
			strbuf_addf(&f, "=%s-SUMIF(%s:", num(&b.n1, ix->scale),
				    cell(&b, 0, item_first, SELF_COL_NA));
		if (item_first >= 0) {
			strbuf_addf(&f, "%s,\"%s\",", cell(&b, 0, item_last, SELF_COL_NA), FORM_NA_MARK);
			strbuf_addf(&f, "%s:", cell(&b, 0, item_first, SELF_COL_MAX));
			strbuf_addf(&f, "%s)", cell(&b, 0, item_last, SELF_COL_MAX));
		} else {
			strbuf_addf(&f, "=%s", num(&b.n1, ix->scale));
		}

		for (int k = 0; k < 2; k++) {
			int c = cols[k];
			struct strbuf *s = &sf[k];

			strbuf_reset(s);
			strbuf_addstr(s, "=0");
			for (size_t fi = 0; fi < ix->nfields; fi++)
				if (field_row[fi])
					strbuf_addf(s, "+%s", cell(&b, 0, field_row[fi], c));
		}
		total_row(&b, r_base, "Tổng điểm các lĩnh vực", sf[0].buf, sf[1].buf, 0);
		for (int k = 0; k < 2; k++) {
			int c = cols[k];

			strbuf_reset(&sf[k]);
			if (bonus_first >= 0)
				strbuf_addf(&sf[k], "=MIN(%s,SUM(%s:", num(&b.n1, ix->bonus_max),
					    cell(&b, 0, bonus_first, c)),
					strbuf_addf(&sf[k], "%s))", cell(&b, 0, bonus_last, c));
			else
				strbuf_addstr(&sf[k], "=0");
		}
		strbuf_reset(&b.sb);
		strbuf_addstr(&b.sb, "Điểm thưởng (tối đa ");
		add_short(&b.sb, ix->bonus_max, ',');
		strbuf_addstr(&b.sb, " điểm)");
		total_row(&b, r_bonus, b.sb.buf, sf[0].buf, sf[1].buf, 0);
		for (int k = 0; k < 2; k++) {
			int c = cols[k];

			strbuf_reset(&sf[k]);
			if (pen_first >= 0)
				strbuf_addf(&sf[k], "=MIN(%s,SUM(%s:", num(&b.n1, ix->penalty_max),
					    cell(&b, 0, pen_first, c)),
					strbuf_addf(&sf[k], "%s))", cell(&b, 0, pen_last, c));
			else
				strbuf_addstr(&sf[k], "=0");
		}
		strbuf_reset(&b.sb);
		strbuf_addstr(&b.sb, "Điểm trừ (tối đa ");
		add_short(&b.sb, ix->penalty_max, ',');
		strbuf_addstr(&b.sb, " điểm)");
		total_row(&b, r_pen, b.sb.buf, sf[0].buf, sf[1].buf, 0);
		for (int k = 0; k < 2; k++) {
			int c = cols[k];

			strbuf_reset(&sf[k]);
			strbuf_addstr(&sf[k], "=");
			if (ix->cap)
				strbuf_addstr(&sf[k], "MIN(");
			strbuf_addf(&sf[k], "MAX(0,%s", cell(&b, 0, r_base, c));
			strbuf_addf(&sf[k], "+%s", cell(&b, 0, r_bonus, c));
			strbuf_addf(&sf[k], "-%s)", cell(&b, 0, r_pen, c));
			if (ix->cap)
				strbuf_addf(&sf[k], ",%s)", cell(&b, 0, r_max, c));
		}
		total_row(&b, r_total, "TỔNG ĐIỂM", sf[0].buf, sf[1].buf, 0);
		total_row(&b, r_max, "Điểm tối đa áp dụng (trừ các tiêu chí không áp dụng)", f.buf,
			  f.buf, (double)ix->scale / 100);
		/* The index: total / max × 100, half up to the hundredth, in integers. */
		for (int k = 0; k < 2; k++) {
			int c = cols[k];
			char t[LXW_MAX_CELL_NAME_LENGTH], m[LXW_MAX_CELL_NAME_LENGTH];

			lxw_rowcol_to_cell(t, (lxw_row_t)r_total, (lxw_col_t)c);
			lxw_rowcol_to_cell(m, (lxw_row_t)r_max, (lxw_col_t)c);
			strbuf_reset(&sf[k]);
			strbuf_addf(&sf[k], "=IF(%s<=0,0,QUOTIENT(2*ROUND(%s*100,0)*10000+ROUND(%s*100,0),"
				    "2*ROUND(%s*100,0))/100)", m, t, m, m);
		}
		total_row(&b, r_index, "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (%)", sf[0].buf, sf[1].buf, 0);
		worksheet_merge_range(b.ws, (lxw_row_t)r_index + 2, SELF_COL_NAME, (lxw_row_t)r_index + 2,
				      SELF_NCOLS - 1,
				      "Cột \"Điểm tự chấm\" cộng điểm đơn vị tự chấm; cột \"Điểm theo cách chấm\" "
				      "cộng điểm tính theo số liệu đơn vị nhập. Kết quả chính thức do "
				      "tổ thẩm định xác định.", b.note);
		strbuf_release(&sf[0]);
		strbuf_release(&sf[1]);
		row = r_index + 3;
	}

	worksheet_set_column(b.ws, SELF_COL_CODE, SELF_COL_CODE, 8, NULL);
	worksheet_set_column(b.ws, SELF_COL_NAME, SELF_COL_NAME, SELF_W_NAME, NULL);
	worksheet_set_column(b.ws, SELF_COL_MAX, SELF_COL_MAX, 9, NULL);
	worksheet_set_column(b.ws, SELF_COL_RULE, SELF_COL_RULE, SELF_W_RULE, NULL);
	worksheet_set_column(b.ws, SELF_COL_SELF, SELF_COL_COUNT, 10, NULL);
	worksheet_set_column(b.ws, SELF_COL_NA, SELF_COL_NA, 10, NULL);
	worksheet_set_column(b.ws, SELF_COL_POINTS, SELF_COL_POINTS, 11, NULL);
	worksheet_set_column(b.ws, SELF_COL_EVIDENCE, SELF_COL_EVIDENCE, 40, NULL);
	worksheet_set_column(b.ws, SELF_COL_NOTE, SELF_COL_NOTE, 28, NULL);
	print_setup(&b, SELF_ROW_HEAD);
	protect(&b, 0);
	worksheet_activate(b.ws);
	self_guide(&b, y);

	strbuf_release(&f);
	free(field_row);
	status = book_close(&b, tmp, path);
	free(tmp);
	return status;
}

/* ---- Appraisal worksheet ----------------------------------------------------------- */

static void appraisal_guide(struct book *b, int round)
{
	static const char *const lines[] = {
		"HƯỚNG DẪN ĐIỀN BẢNG THẨM ĐỊNH",
		"",
		"1. Mỗi dòng là một tiêu chí của một đơn vị: điểm đơn vị tự chấm, số liệu, tài liệu kiểm chứng "
		"và điểm hiện tại (sau các vòng thẩm định trước, nếu có).",
		"2. Chỉ điền ở dòng cần điều chỉnh, vào các ô màu vàng nhạt: Điểm thẩm định (từ 0 đến điểm tối đa, "
		"nhiều nhất hai chữ số thập phân), hoặc Tử số và Mẫu số (hoặc Số lượng) đã sửa để phần mềm tự tính điểm.",
		"3. Tiêu chí đơn vị không được áp dụng: gõ x ở cột Không áp dụng (chỉ ở tiêu chí cho phép).",
		"4. Mỗi dòng điều chỉnh phải có Lý do: lý do được in trong báo cáo đối chiếu và phiếu điểm của đơn vị.",
		"5. Dòng để trống là giữ nguyên điểm hiện tại. Có thể lọc theo đơn vị bằng nút lọc ở dòng tiêu đề.",
		"6. Không đổi tên trang, không sửa các cột mã: phần mềm dựa vào chúng để nhận bảng. "
		"Lưu tệp ở định dạng Excel (.xlsx), không đặt mật khẩu.",
	};

	(void)round;
	guide_sheet(b, lines, sizeof(lines) / sizeof(lines[0]));
}

/* The unit's raw data as text: "24/25" for a ratio, "2" for a count; "" when none. */
static void raw_text(struct strbuf *sb, const struct item *it, const struct score *sc)
{
	strbuf_reset(sb);
	if (!sc || !sc->present || sc->na)
		return;
	if ((it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL) && sc->raw.has_numerator &&
	    sc->raw.has_denominator)
		strbuf_addf(sb, "%lld/%lld", (long long)sc->raw.numerator, (long long)sc->raw.denominator);
	else if (it->rule == RULE_COUNT && sc->raw.has_count)
		strbuf_addf(sb, "%lld", (long long)sc->raw.count);
}

static void appraisal_row(struct book *b, const struct year *y, const struct results *r, size_t u,
			  size_t i, int row, const double *widths)
{
	const struct item *it = &y->index.items[i];
	const struct score *sc = &y->subs[u].scores[i];
	const struct item_result *ir = &r->units[u].items[i];
	lxw_worksheet *ws = b->ws;
	lxw_row_t rr = (lxw_row_t)row;
	int raw = it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL;

	worksheet_write_string(ws, rr, APPR_COL_UNIT, y->registry.units[u].code, b->text);
	worksheet_write_string(ws, rr, APPR_COL_UNIT_NAME, y->registry.units[u].name, b->text);
	worksheet_write_string(ws, rr, APPR_COL_CODE, it->code, b->text);
	worksheet_write_string(ws, rr, APPR_COL_NAME, it->name, b->text);
	worksheet_write_number(ws, rr, APPR_COL_MAX, (double)it->max / 100, b->pts);
	if (ir->self_na)
		worksheet_write_string(ws, rr, APPR_COL_SELF, "Không áp dụng", b->text);
	else
		worksheet_write_number(ws, rr, APPR_COL_SELF, (double)ir->self / 100, b->pts);
	raw_text(&b->sb, it, sc);
	worksheet_write_string(ws, rr, APPR_COL_RAW, b->sb.buf, b->text);
	strbuf_reset(&b->sb);
	for (size_t k = 0; sc->present && k < sc->nevidence; k++) {
		if (k)
			strbuf_addch(&b->sb, '\n');
		strbuf_addstr(&b->sb, sc->evidence[k]);
	}
	for (size_t k = 0; sc->present && k < sc->nnotes; k++) {
		if (b->sb.len)
			strbuf_addch(&b->sb, '\n');
		strbuf_addf(&b->sb, "Ghi chú: %s", sc->notes[k]);
	}
	worksheet_write_string(ws, rr, APPR_COL_EVIDENCE, b->sb.buf, b->text);
	{
		int n = text_lines(b->sb.buf, widths[APPR_COL_EVIDENCE]), k;

		k = text_lines(it->name, widths[APPR_COL_NAME]);
		n = k > n ? k : n;
		k = text_lines(y->registry.units[u].name, widths[APPR_COL_UNIT_NAME]);
		fit_row(b, row, k > n ? k : n);
	}
	if (ir->final_na)
		worksheet_write_string(ws, rr, APPR_COL_CURRENT, "Không áp dụng", b->text);
	else
		worksheet_write_number(ws, rr, APPR_COL_CURRENT, (double)ir->final / 100, b->pts);
	worksheet_write_blank(ws, rr, APPR_COL_SCORE, b->in_pts);
	validate_points(b, row, APPR_COL_SCORE, it, form_appraisal_columns[APPR_COL_SCORE]);
	worksheet_write_blank(ws, rr, APPR_COL_NUMERATOR, raw ? b->in_int : b->text);
	worksheet_write_blank(ws, rr, APPR_COL_DENOMINATOR, raw ? b->in_int : b->text);
	if (raw) {
		validate_whole(b, row, APPR_COL_NUMERATOR);
		validate_whole(b, row, APPR_COL_DENOMINATOR);
	}
	worksheet_write_blank(ws, rr, APPR_COL_COUNT, it->rule == RULE_COUNT ? b->in_int : b->text);
	if (it->rule == RULE_COUNT)
		validate_whole(b, row, APPR_COL_COUNT);
	worksheet_write_blank(ws, rr, APPR_COL_NA, it->na_allowed ? b->in_mark : b->text);
	if (it->na_allowed)
		validate_mark(b, row, APPR_COL_NA);
	worksheet_write_blank(ws, rr, APPR_COL_REASON, b->in_text);
}

int formbook_write_appraisal(const struct year *y, const struct results *r, int round,
			     const char *path)
{
	const struct index *ix = &y->index;
	struct book b;
	char *tmp = tmp_name_for(path);
	int row = APPR_ROW_FIRST, status;
	static const double widths[APPR_NCOLS] = {
		[APPR_COL_UNIT] = 10, [APPR_COL_UNIT_NAME] = 24, [APPR_COL_CODE] = 7,
		[APPR_COL_NAME] = 34, [APPR_COL_MAX] = 8, [APPR_COL_SELF] = 9, [APPR_COL_RAW] = 10,
		[APPR_COL_EVIDENCE] = 36, [APPR_COL_CURRENT] = 9, [APPR_COL_SCORE] = 10,
		[APPR_COL_NUMERATOR] = 9, [APPR_COL_DENOMINATOR] = 9, [APPR_COL_COUNT] = 9,
		[APPR_COL_NA] = 10, [APPR_COL_REASON] = 36,
	};

	if (!tmp)
		return -1;
	if (book_open(&b, tmp, "Bảng thẩm định", ix->year) < 0) {
		status = error("cannot write '%s'", path);
		free(tmp);
		return status;
	}
	b.ws = workbook_add_worksheet(b.wb, FORM_APPRAISAL_SHEET);
	strbuf_reset(&b.sb);
	strbuf_addf(&b.sb, "BẢNG THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d — VÒNG %d", ix->year,
		    round);
	worksheet_merge_range(b.ws, 0, 0, 0, APPR_NCOLS - 1, b.sb.buf, b.title);
	ident(&b, APPR_ROW_INDEX_TITLE, "Bộ chỉ số:", ix->title ? ix->title : "");
	ident(&b, APPR_ROW_INDEX, "Mã bộ chỉ số:", ix->id);
	strbuf_reset(&b.sb);
	strbuf_addf(&b.sb, "%d", ix->year);
	ident(&b, APPR_ROW_YEAR, "Năm đánh giá:", b.sb.buf);
	worksheet_write_string(b.ws, APPR_ROW_ROUND, 0, "Vòng thẩm định:", b.label);
	worksheet_write_number(b.ws, APPR_ROW_ROUND, FORM_ID_COL, round, b.value);
	heads(&b, APPR_ROW_HEAD, form_appraisal_columns, APPR_NCOLS);
	worksheet_set_row(b.ws, APPR_ROW_HEAD, 34, NULL);
	for (size_t u = 0; u < y->registry.nunits; u++) {
		int g = y->registry.units[u].group;

		if (!y->subs[u].path || !r->units[u].items)
			continue;
		for (size_t i = 0; i < ix->nitems; i++)
			if (ix->items[i].in_group[g])
				appraisal_row(&b, y, r, u, i, row++, widths);
	}
	for (int c = 0; c < APPR_NCOLS; c++)
		worksheet_set_column(b.ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	if (row > APPR_ROW_FIRST)
		worksheet_autofilter(b.ws, APPR_ROW_HEAD, 0, (lxw_row_t)row - 1, APPR_NCOLS - 1);
	print_setup(&b, APPR_ROW_HEAD);
	protect(&b, 1);
	worksheet_activate(b.ws);
	appraisal_guide(&b, round);
	status = book_close(&b, tmp, path);
	free(tmp);
	return status;
}
