/*
 * formimport.c: filled workbooks back into submissions and appraisal files
 * (formimport.h). Everything is read and checked first; files are written
 * only when no workbook has an error, each to a temporary name renamed into
 * place.
 */
#include "forms/formimport.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/points.h"
#include "base/strbuf.h"
#include "base/strmap.h"
#include "base/text.h"
#include "forms/formdef.h"
#include "forms/formset.h"
#include "input/load.h"
#include "input/xlsx.h"
#include "score/scoring.h"

/* ---- Numbers ------------------------------------------------------------------ */

/*
 * The decimal a stored number shows in Excel: its literal rounded half up to
 * 15 significant digits (Excel's display precision), in hundredths. `whole`:
 * any fraction is an error (-2). Returns 0 or the negative codes of formimport.h.
 */
static int literal_value(const char *s, int whole, int64_t *out)
{
	char dig[64];
	size_t nd = 0;
	int exp10 = 0, neg = 0, seen = 0, dot = 0, nonzero = 0;
	const char *p = s;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			seen = 1;
			if (!nonzero && *p == '0') {
				if (dot)
					exp10--; /* 0.00x: leading zeros after the point */
				continue;
			}
			nonzero = 1;
			if (nd < sizeof(dig) - 1)
				dig[nd++] = *p;
			else if (!dot)
				exp10++; /* digits beyond what we keep still count */
			if (!dot)
				exp10++;
		} else if (*p == '.' && !dot) {
			dot = 1;
		} else {
			break;
		}
	}
	if (!seen)
		return -1;
	if (*p == 'e' || *p == 'E') {
		long e = 0;
		int eneg = 0;

		p++;
		if (*p == '-' || *p == '+')
			eneg = *p++ == '-';
		if (!(*p >= '0' && *p <= '9'))
			return -1;
		for (; *p >= '0' && *p <= '9'; p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
		exp10 += (int)(eneg ? -e : e);
	}
	if (*p)
		return -1;
	if (!nonzero) {
		*out = 0;
		return 0;
	}
	/* value = 0.dig × 10^exp10; round to 15 significant digits, half up. */
	if (nd > 15) {
		int carry = dig[15] >= '5';

		nd = 15;
		for (size_t i = nd; carry && i-- > 0;) {
			if (dig[i] == '9') {
				dig[i] = '0';
			} else {
				dig[i]++;
				carry = 0;
			}
		}
		if (carry) {
			memmove(dig + 1, dig, nd - 1);
			dig[0] = '1';
			exp10++;
		}
	}
	while (nd > 0 && dig[nd - 1] == '0')
		nd--;
	if (neg)
		return -3;
	if ((int)nd - exp10 > (whole ? 0 : 2))
		return -2;
	if (exp10 > 9)
		return -4;
	{
		int64_t v = 0;
		int scale = whole ? exp10 : exp10 + 2; /* digits of the result */

		for (int i = 0; i < scale; i++)
			v = v * 10 + (i < (int)nd ? dig[i] - '0' : 0);
		*out = v;
	}
	return 0;
}

/* A number typed as text: digits, one '.' or ',' and its decimals, nothing else. */
static int text_value(const char *s, int whole, int64_t *out)
{
	char *t = text_nfc_trim(s, strlen(s));
	const char *p = t;
	size_t ndig = 0, nfrac = 0;
	int mark = 0, rc;

	if (!t)
		return -1;
	if (*p == '-' && p[1]) {
		free(t);
		return -3;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			mark ? nfrac++ : ndig++;
		else if ((*p == '.' || *p == ',') && !mark && ndig)
			mark = 1;
		else
			break;
	}
	if (*p || !ndig || (mark && !nfrac)) {
		free(t);
		return -1;
	}
	if (nfrac > (whole ? 0u : 2u)) {
		free(t);
		return -2;
	}
	rc = whole ? count_parse(t, out) : points_parse(t, 1, out);
	free(t);
	return rc == 0 ? 1 : rc == -2 ? -4 : -1;
}

int formimport_points(const char *literal, int is_text, int64_t *out)
{
	return is_text ? text_value(literal, 0, out) : literal_value(literal, 0, out);
}

int formimport_count(const char *literal, int is_text, int64_t *out)
{
	int rc = is_text ? text_value(literal, 1, out) : literal_value(literal, 1, out);

	if (rc >= 0 && *out > COUNT_MAX)
		return -4;
	return rc;
}

/* ---- Reading cells ------------------------------------------------------------ */

struct book_ctx {
	struct diag *d;
	const char *path;
	const char *sheet;
	const struct xlsx_sheet *s;
	struct strbuf where;
};

/* "Tự chấm điểm!F14" for 0-based row and column. */
static const char *where(struct book_ctx *c, int row, int col)
{
	char name[16];

	xlsx_cell_name(name, row + 1, col + 1);
	strbuf_reset(&c->where);
	strbuf_addf(&c->where, "%s!%s", c->sheet, name);
	return c->where.buf;
}

static const struct xlsx_cell *at(struct book_ctx *c, int row, int col)
{
	return xlsx_cell(c->s, row + 1, col + 1);
}

/* Whether the cell holds something (text of only spaces counts as nothing). */
static int filled(struct book_ctx *c, int row, int col)
{
	const struct xlsx_cell *x = at(c, row, col);
	char *t;
	int n;

	if (!x || !x->value)
		return 0;
	if (x->type != XLSX_TEXT)
		return 1;
	t = text_nfc_trim(x->value, strlen(x->value));
	n = !t || *t;
	free(t);
	return n;
}

/* The cell as text, cleaned (NFC, trimmed); "" when empty. Caller frees. */
static char *cell_text(struct book_ctx *c, int row, int col)
{
	const struct xlsx_cell *x = at(c, row, col);
	char *t;

	if (!x || !x->value)
		return xstrdup("");
	t = text_nfc_trim(x->value, strlen(x->value));
	return t ? t : xstrdup("");
}

/*
 * A number cell: 1 and *out when it holds a valid one, 0 when empty, -1 after
 * an error at the cell. `whole` for counts; `what` names the column.
 */
static int cell_number(struct book_ctx *c, int row, int col, int whole, const char *what,
		       int64_t *out)
{
	const struct xlsx_cell *x = at(c, row, col);
	int rc, text;
	char *shown;

	if (!filled(c, row, col))
		return 0;
	if (x->type == XLSX_BOOL || x->type == XLSX_ERROR) {
		diag_error_at(c->d, c->path, row + 1, where(c, row, col),
			      "%s: '%s' is not a number", what, x->value);
		return -1;
	}
	text = x->type == XLSX_TEXT;
	rc = whole ? formimport_count(x->value, text, out) : formimport_points(x->value, text, out);
	if (rc >= 0) {
		if (rc == 1)
			diag_warn_at(c->d, c->path, row + 1, where(c, row, col),
				     "%s: the number '%s' was typed as text; it is read as written, but the "
				     "sheet's totals leave it out: type it as a number", what, x->value);
		return 1;
	}
	shown = text_excerpt(x->value);
	switch (rc) {
	case -2:
		if (whole)
			diag_error_at(c->d, c->path, row + 1, where(c, row, col),
				      "%s: '%s' is not a whole number", what, shown);
		else
			diag_error_at(c->d, c->path, row + 1, where(c, row, col),
				      "%s: '%s' has more than two decimals: points are written with at most two (e.g. 1.25)",
				      what, shown);
		break;
	case -3:
		diag_error_at(c->d, c->path, row + 1, where(c, row, col),
			      "%s: '%s' is negative", what, shown);
		break;
	case -4:
		diag_error_at(c->d, c->path, row + 1, where(c, row, col),
			      "%s: '%s' is too large", what, shown);
		break;
	default:
		if (whole)
			diag_error_at(c->d, c->path, row + 1, where(c, row, col),
				      "%s: '%s' is not a number: type a whole number such as 24", what, shown);
		else
			diag_error_at(c->d, c->path, row + 1, where(c, row, col),
				      "%s: '%s' is not a number: type the points, such as 1 or 0.5", what, shown);
		break;
	}
	free(shown);
	return -1;
}

/* The "not applicable" mark: 1 for x, 0 for empty, -1 after an error. */
static int cell_mark(struct book_ctx *c, int row, int col)
{
	char *t;
	int rc = 0;

	if (!filled(c, row, col))
		return 0;
	t = cell_text(c, row, col);
	if (!strcmp(t, FORM_NA_MARK) || !strcmp(t, "X")) {
		rc = 1;
	} else {
		char *shown = text_excerpt(t);

		diag_error_at(c->d, c->path, row + 1, where(c, row, col),
			      "'%s' in the column '%s': type x or leave it empty", shown,
			      form_self_columns[SELF_COL_NA]);
		free(shown);
		rc = -1;
	}
	free(t);
	return rc;
}

/*
 * The texts of a cell, one per line (evidence, notes), each checked as every
 * free text of the contract (text.h); empty lines dropped.
 */
static void cell_lines(struct book_ctx *c, int row, int col, const char *what, char ***v,
		       size_t *n)
{
	const struct xlsx_cell *x = at(c, row, col);
	const char *p;
	size_t alloc = 0;

	*v = NULL;
	*n = 0;
	if (!x || !x->value)
		return;
	p = x->value;
	while (p) {
		const char *nl = strpbrk(p, "\r\n");
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		struct diag one;
		char *t;

		diag_init(&one);
		t = text_checked(&one, NULL, 0, what, p, len);
		diag_copy_at(c->d, &one, c->path, row + 1, where(c, row, col));
		diag_release(&one);
		if (t && *t) {
			xgrow(v, &alloc, *n + 1, sizeof(**v));
			(*v)[(*n)++] = t;
		} else {
			free(t);
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* One checked text of a cell (a reason), line breaks made spaces; NULL after an error. */
static char *cell_one_text(struct book_ctx *c, int row, int col, const char *what)
{
	const struct xlsx_cell *x = at(c, row, col);
	struct diag one;
	char *t;

	if (!x || !x->value)
		return xstrdup("");
	diag_init(&one);
	t = text_checked(&one, NULL, 0, what, x->value, strlen(x->value));
	diag_copy_at(c->d, &one, c->path, row + 1, where(c, row, col));
	diag_release(&one);
	return t;
}

static void free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The column titles of the head row are the form's: else it is not (or no longer) a parx form. */
static int check_heads(struct book_ctx *c, int row, const char *const *titles, int n)
{
	for (int col = 0; col < n; col++) {
		char *t = cell_text(c, row, col);
		int same = !strcmp(t, titles[col]);

		if (!same) {
			char *shown = text_excerpt(t);

			diag_error_at(c->d, c->path, row + 1, where(c, row, col),
				      "the column title is '%s' where the form has '%s': the form was changed or is not a parx form",
				      shown, titles[col]);
			free(shown);
		}
		free(t);
		if (!same)
			return -1;
	}
	return 0;
}

/* A points value against the item's rule: levels one of them, otherwise 0..max. */
static int check_rule_points(struct book_ctx *c, int row, int col, const struct item *it,
			     const char *what, int64_t v)
{
	char a[POINTS_BUFSZ], b[POINTS_BUFSZ];

	if (it->rule == RULE_LEVELS) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < it->nlevels; i++)
			if (it->levels[i].points == v)
				return 0;
		for (size_t i = 0; i < it->nlevels; i++)
			strbuf_addf(&sb, "%s%s", i ? (i18n_decimal_mark() == ',' ? "; " : ", ") : "",
				    points_format(it->levels[i].points, i18n_decimal_mark(), a));
		diag_error_at(c->d, c->path, row + 1, where(c, row, col),
			      "%s %s of item '%s' is not one of its levels (%s)", what,
			      points_format(v, i18n_decimal_mark(), a), it->code, sb.buf);
		strbuf_release(&sb);
		return -1;
	}
	if (v > it->max) {
		diag_error_at(c->d, c->path, row + 1, where(c, row, col),
			      "%s %s of item '%s' is more than its maximum %s", what,
			      points_format(v, i18n_decimal_mark(), a), it->code, points_format(it->max, i18n_decimal_mark(), b));
		return -1;
	}
	return 0;
}

/*
 * Raw data of a ratio or proportional row: both or neither. Returns 1 with both,
 * 0 with neither, -1 after an error.
 */
static int raw_pair(struct book_ctx *c, int row, int ncol, int dcol, const struct item *it,
		    int64_t *num, int64_t *den)
{
	int hn = cell_number(c, row, ncol, 1, form_self_columns[SELF_COL_NUMERATOR], num);
	int hd = cell_number(c, row, dcol, 1, form_self_columns[SELF_COL_DENOMINATOR], den);

	if (hn < 0 || hd < 0)
		return -1;
	if (hn != hd) {
		int col = hn ? dcol : ncol;

		diag_error_at(c->d, c->path, row + 1, where(c, row, col),
			      "item '%s' needs both the numerator and the denominator: the %s is missing",
			      it->code, hn ? _("denominator") : _("numerator"));
		return -1;
	}
	if (hn && *num > *den) {
		diag_error_at(c->d, c->path, row + 1, where(c, row, ncol),
			      "item '%s': the numerator %lld is more than the denominator %lld", it->code,
			      (long long)*num, (long long)*den);
		return -1;
	}
	return hn;
}

/* ---- Writing ----------------------------------------------------------------- */

static void csv_field(struct strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

/* A file to write once every workbook has been read: relative name and content. */
struct output {
	char *name; /* relative to the year folder */
	char *from; /* the workbook it comes from, for messages */
	struct strbuf body;
};

struct run {
	struct diag *d;
	const char *year;
	struct year reg;     /* index and registry */
	int reg_loaded;
	struct year full;    /* the whole year, for appraisal worksheets */
	struct results res;
	int full_loaded, full_ok;
	struct strmap *units; /* unit code -> index in files of the workbook that brought it */
	char **files;         /* the workbooks, in reading order */
	size_t current;       /* the one being read */
	size_t nrows;         /* appraisal rows to write */
	struct output *out;
	size_t nout, aout;
	int round_seen;       /* an appraisal worksheet was read */
};

static struct output *add_output(struct run *r, const char *name, const char *from)
{
	struct output *o;

	xgrow(&r->out, &r->aout, r->nout + 1, sizeof(*r->out));
	o = &r->out[r->nout++];
	o->name = xstrdup(name);
	o->from = xstrdup(from);
	strbuf_init(&o->body);
	return o;
}

/* ---- Self-assessment form ------------------------------------------------------- */

/* The values read from one item row. */
struct self_row {
	int row;           /* 0-based, -1 when the item has no row */
	int na, has_self, has_raw, has_count;
	int64_t self, num, den, count;
	char **evidence, **notes;
	size_t nevidence, nnotes;
};

static void read_self_row(struct book_ctx *c, const struct item *it, int row, struct self_row *sr)
{
	int bad = 0, rc;

	sr->row = row;
	sr->na = cell_mark(c, row, SELF_COL_NA);
	if (sr->na < 0)
		bad = 1, sr->na = 0;
	if (sr->na && !it->na_allowed) {
		diag_error_at(c->d, c->path, row + 1, where(c, row, SELF_COL_NA),
			      "item '%s' cannot be declared not applicable", it->code);
		bad = 1;
	}
	/* A cell already reported is not reported again as missing: bad stops the row's checks. */
	rc = cell_number(c, row, SELF_COL_SELF, 0, form_self_columns[SELF_COL_SELF], &sr->self);
	sr->has_self = rc > 0;
	if (rc < 0 || (rc > 0 && check_rule_points(c, row, SELF_COL_SELF, it, _("self score"), sr->self) < 0))
		bad = 1;
	if (it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL) {
		rc = raw_pair(c, row, SELF_COL_NUMERATOR, SELF_COL_DENOMINATOR, it, &sr->num, &sr->den);
		sr->has_raw = rc > 0;
		bad |= rc < 0;
	} else if (it->rule == RULE_COUNT) {
		rc = cell_number(c, row, SELF_COL_COUNT, 1, form_self_columns[SELF_COL_COUNT], &sr->count);
		sr->has_count = rc > 0;
		bad |= rc < 0;
	}
	cell_lines(c, row, SELF_COL_EVIDENCE, N_("evidence"), &sr->evidence, &sr->nevidence);
	cell_lines(c, row, SELF_COL_NOTE, N_("note"), &sr->notes, &sr->nnotes);
	if (bad)
		return;
	if (sr->na) {
		if (sr->has_self)
			diag_error_at(c->d, c->path, row + 1, where(c, row, SELF_COL_SELF),
				      "item '%s' is marked not applicable and has a self score: clear one of them",
				      it->code);
		if (sr->has_raw || sr->has_count)
			diag_error_at(c->d, c->path, row + 1,
				      where(c, row, sr->has_raw ? SELF_COL_NUMERATOR : SELF_COL_COUNT),
				      "item '%s' is marked not applicable and has data: clear one of them", it->code);
		if (!sr->nnotes)
			diag_error_at(c->d, c->path, row + 1, where(c, row, SELF_COL_NOTE),
				      "item '%s' is marked not applicable: say why in the column '%s'", it->code,
				      form_self_columns[SELF_COL_NOTE]);
		return;
	}
	/* A bonus or penalty left wholly empty is not claimed (absent = 0). */
	if (it->kind != KIND_ITEM && !sr->has_self && !sr->has_raw && !sr->has_count)
		return;
	if (!sr->has_self) {
		char a[POINTS_BUFSZ];

		diag_error_at(c->d, c->path, row + 1, where(c, row, SELF_COL_SELF),
			      "item '%s' has no self score: type the points (0 to %s)", it->code,
			      points_format(it->max, i18n_decimal_mark(), a));
	}
	if ((it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL) && !sr->has_raw)
		diag_error_at(c->d, c->path, row + 1, where(c, row, SELF_COL_NUMERATOR),
			      "item '%s' is scored on a ratio: type the numerator and the denominator", it->code);
	if (it->rule == RULE_COUNT && !sr->has_count)
		diag_error_at(c->d, c->path, row + 1, where(c, row, SELF_COL_COUNT),
			      "item '%s' is scored on a count: type how many times (0 if none)", it->code);
}

static void self_xml(struct strbuf *sb, const struct year *y, const char *unit,
		     const struct self_row *rows)
{
	const struct index *ix = &y->index;
	char a[POINTS_BUFSZ];

	strbuf_addstr(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_addstr(sb, "<submission xmlns=\"urn:parx:submission:1\" index=\"");
	strbuf_addxml(sb, ix->id);
	strbuf_addstr(sb, "\" unit=\"");
	strbuf_addxml(sb, unit);
	strbuf_addstr(sb, "\">\n");
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct self_row *sr = &rows[i];

		if (sr->row < 0 || (!sr->na && !sr->has_self))
			continue;
		strbuf_addf(sb, "  <score code=\"");
		strbuf_addxml(sb, ix->items[i].code);
		strbuf_addch(sb, '"');
		if (sr->na)
			strbuf_addstr(sb, " na=\"true\"");
		else
			strbuf_addf(sb, " self=\"%s\"", points_format(sr->self, '.', a));
		if (!sr->na && sr->has_raw)
			strbuf_addf(sb, " numerator=\"%lld\" denominator=\"%lld\"", (long long)sr->num,
				    (long long)sr->den);
		if (!sr->na && sr->has_count)
			strbuf_addf(sb, " count=\"%lld\"", (long long)sr->count);
		if (!sr->nevidence && !sr->nnotes) {
			strbuf_addstr(sb, "/>\n");
			continue;
		}
		strbuf_addstr(sb, ">\n");
		for (size_t k = 0; k < sr->nevidence; k++) {
			strbuf_addstr(sb, "    <evidence>");
			strbuf_addxml(sb, sr->evidence[k]);
			strbuf_addstr(sb, "</evidence>\n");
		}
		for (size_t k = 0; k < sr->nnotes; k++) {
			strbuf_addstr(sb, "    <note>");
			strbuf_addxml(sb, sr->notes[k]);
			strbuf_addstr(sb, "</note>\n");
		}
		strbuf_addstr(sb, "  </score>\n");
	}
	strbuf_addstr(sb, "</submission>\n");
}

/* The identification of a form: its cell must hold `want`-like text; returns it or NULL. */
static char *ident(struct book_ctx *c, int row, const char *what)
{
	char *t = cell_text(c, row, FORM_ID_COL);

	if (!*t) {
		diag_error_at(c->d, c->path, row + 1, where(c, row, FORM_ID_COL),
			      "the %s is missing from the form", what);
		free(t);
		return NULL;
	}
	return t;
}

static int check_index_id(struct book_ctx *c, int row, const struct index *ix)
{
	char *id = ident(c, row, _("index id"));
	int rc = 0;

	if (id && strcmp(id, ix->id)) {
		char *shown = text_excerpt(id);

		diag_error_at(c->d, c->path, row + 1, where(c, row, FORM_ID_COL),
			      "the form is for the index '%s', not '%s' of index.xml: fill in the form made for this year",
			      shown, ix->id);
		free(shown);
		rc = -1;
	}
	free(id);
	return id ? rc : -1;
}

static void import_self(struct run *r, struct xlsx_book *b)
{
	const struct year *y = &r->reg;
	const struct index *ix = &y->index;
	struct xlsx_sheet s = { 0 };
	struct book_ctx c = { .d = r->d, .path = b->path, .sheet = FORM_SELF_SHEET, .s = &s,
			      .where = STRBUF_INIT };
	struct self_row *rows = NULL;
	size_t errors = r->d->nerrors;
	char *code = NULL;
	int u = -1, g;
	/* A form has a row per field, criterion and item, and the totals: no more. */
	int max_rows = SELF_ROW_FIRST + (int)(ix->nfields + ix->ncriteria + ix->nitems) + 40;

	if (xlsx_read_sheet(b, FORM_SELF_SHEET, max_rows, &s, r->d) < 0)
		goto out;
	if (check_heads(&c, SELF_ROW_HEAD, form_self_columns, SELF_NCOLS) < 0)
		goto out;
	check_index_id(&c, SELF_ROW_INDEX, ix);
	code = ident(&c, SELF_ROW_UNIT, _("unit code"));
	if (code) {
		int first;

		u = registry_find(&y->registry, code);
		if (u < 0) {
			char *shown = text_excerpt(code);

			diag_error_at(r->d, b->path, SELF_ROW_UNIT + 1, where(&c, SELF_ROW_UNIT, FORM_ID_COL),
				      "unit '%s' is not in units.csv", shown);
			free(shown);
		} else if ((first = strmap_get(r->units, code)) >= 0) {
			diag_error_at(r->d, b->path, SELF_ROW_UNIT + 1, where(&c, SELF_ROW_UNIT, FORM_ID_COL),
				      "a second form of unit '%s' (the first is '%s')", code, r->files[first]);
			u = -1;
		} else {
			strmap_put(r->units, y->registry.units[u].code, (int)r->current);
		}
	}
	if (u < 0 || r->d->nerrors > errors)
		goto out;
	g = y->registry.units[u].group;
	rows = xcalloc(ix->nitems, sizeof(*rows));
	for (size_t i = 0; i < ix->nitems; i++)
		rows[i].row = -1;
	for (size_t k = 0; k < s.ncells; k++) {
		const struct xlsx_cell *x = &s.cells[k];
		int row = x->row - 1, i;
		char *t;

		if (x->col != SELF_COL_CODE + 1 || row < SELF_ROW_FIRST)
			continue;
		t = cell_text(&c, row, SELF_COL_CODE);
		i = *t ? index_find_item(ix, t) : -1;
		free(t);
		if (i < 0 || !ix->items[i].in_group[g])
			continue; /* a field, a criterion or a totals row */
		if (rows[i].row >= 0) {
			diag_error_at(r->d, b->path, row + 1, where(&c, row, SELF_COL_CODE),
				      "item '%s' appears twice in the form (first on row %d)", ix->items[i].code,
				      rows[i].row + 1);
			continue;
		}
		read_self_row(&c, &ix->items[i], row, &rows[i]);
	}
	for (size_t i = 0; i < ix->nitems; i++)
		if (ix->items[i].kind == KIND_ITEM && ix->items[i].in_group[g] && rows[i].row < 0)
			diag_error_at(r->d, b->path, 0, FORM_SELF_SHEET,
				      "item '%s' is missing from the form: make the form again with parx forms",
				      ix->items[i].code);
	if (r->d->nerrors == errors) {
		struct strbuf name = STRBUF_INIT;
		struct output *o;

		strbuf_addf(&name, "submissions/%s.xml", y->registry.units[u].code);
		o = add_output(r, name.buf, b->path);
		self_xml(&o->body, y, y->registry.units[u].code, rows);
		strbuf_release(&name);
	}
out:
	for (size_t i = 0; rows && i < ix->nitems; i++) {
		free_lines(rows[i].evidence, rows[i].nevidence);
		free_lines(rows[i].notes, rows[i].nnotes);
	}
	free(rows);
	free(code);
	strbuf_release(&c.where);
	xlsx_sheet_release(&s);
}

/* ---- Appraisal worksheet --------------------------------------------------------- */

/* The appraisal files the year has (rounds done) and the last name among them. */
static int rounds_of(const struct year *y, const char **last)
{
	int n = 0;

	*last = NULL;
	for (size_t i = 0; i < y->nrows; i++)
		if (!*last || strcmp(*last, y->rows[i].file)) {
			*last = y->rows[i].file;
			n++;
		}
	return n;
}

static int load_full(struct run *r)
{
	if (!r->full_loaded) {
		struct diag yd;

		diag_init(&yd);
		r->full_loaded = 1;
		year_load_flags(&r->full, r->year, &yd, YEAR_NO_PUBLICATION);
		if (!yd.nerrors)
			scoring_run(&r->full, &r->res, &yd);
		r->full_ok = !yd.nerrors;
		diag_add_errors(r->d, &yd);
		diag_release(&yd);
	}
	return r->full_ok ? 0 : -1;
}

static void import_appraisal(struct run *r, struct xlsx_book *b)
{
	struct year *y = &r->full;
	const struct index *ix;
	struct xlsx_sheet s = { 0 };
	struct book_ctx c = { .d = r->d, .path = b->path, .sheet = FORM_APPRAISAL_SHEET, .s = &s,
			      .where = STRBUF_INIT };
	struct strbuf csv = STRBUF_INIT;
	struct strmap *seen = NULL;
	char **keys = NULL;
	size_t nkeys = 0, akeys = 0, errors = r->d->nerrors, nrows = 0;
	const char *last;
	int64_t round = 0;
	int done, max_rows;

	if (load_full(r) < 0) {
		diag_error(r->d, b->path, 0,
			   "the appraisal worksheet needs a year without errors: correct the errors above first");
		return;
	}
	ix = &y->index;
	max_rows = APPR_ROW_FIRST + (int)(y->registry.nunits * ix->nitems) + 20;
	if (xlsx_read_sheet(b, FORM_APPRAISAL_SHEET, max_rows, &s, r->d) < 0)
		goto out;
	if (check_heads(&c, APPR_ROW_HEAD, form_appraisal_columns, APPR_NCOLS) < 0)
		goto out;
	check_index_id(&c, APPR_ROW_INDEX, ix);
	done = rounds_of(y, &last);
	if (cell_number(&c, APPR_ROW_ROUND, FORM_ID_COL, 1, _("round"), &round) <= 0) {
		if (r->d->nerrors == errors)
			diag_error_at(r->d, b->path, APPR_ROW_ROUND + 1, where(&c, APPR_ROW_ROUND, FORM_ID_COL),
				      "the %s is missing from the form", _("round"));
	} else if (round != done + 1) {
		diag_error_at(r->d, b->path, APPR_ROW_ROUND + 1, where(&c, APPR_ROW_ROUND, FORM_ID_COL),
			      "the worksheet is for round %lld, but this year's next round is %d: make its worksheet with parx forms",
			      (long long)round, done + 1);
	} else if (r->round_seen) {
		diag_error(r->d, b->path, 0, "a second appraisal worksheet of round %lld in one import",
			   (long long)round);
	}
	if (r->d->nerrors > errors)
		goto out;
	r->round_seen = 1;
	seen = strmap_new();
	strbuf_addstr(&csv, "unit,code,score,numerator,denominator,count,reason\r\n");
	for (int row = APPR_ROW_FIRST; row < s.last_row; row++) {
		char *unit = cell_text(&c, row, APPR_COL_UNIT), *code = cell_text(&c, row, APPR_COL_CODE);
		char *reason = NULL, a[POINTS_BUFSZ];
		int u, i, na, hs, hc = 0, hr = 0, bad = 0;
		int64_t score = 0, num = 0, den = 0, count = 0;
		const struct item *it;
		const struct item_result *ir;
		struct strbuf key = STRBUF_INIT;

		if (!*unit && !*code)
			goto next;
		u = registry_find(&y->registry, unit);
		i = index_find_item(ix, code);
		if (u < 0 || i < 0 || !ix->items[i].in_group[y->registry.units[u].group]) {
			diag_error_at(r->d, b->path, row + 1, where(&c, row, u < 0 ? APPR_COL_UNIT : APPR_COL_CODE),
				      "unit '%s' and item '%s' are not a row of this year's worksheet", unit, code);
			goto next;
		}
		strbuf_addf(&key, "%s\t%s", unit, code);
		if (strmap_get(seen, key.buf) >= 0) {
			diag_error_at(r->d, b->path, row + 1, where(&c, row, APPR_COL_CODE),
				      "unit '%s', item '%s' appears twice in the worksheet", unit, code);
			goto next;
		}
		xgrow(&keys, &akeys, nkeys + 1, sizeof(*keys));
		keys[nkeys] = strbuf_detach(&key);
		strmap_put(seen, keys[nkeys], 1);
		nkeys++;
		it = &ix->items[i];
		ir = &r->res.units[u].items[i];
		na = cell_mark(&c, row, APPR_COL_NA);
		hs = cell_number(&c, row, APPR_COL_SCORE, 0, form_appraisal_columns[APPR_COL_SCORE], &score);
		if (it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL)
			hr = raw_pair(&c, row, APPR_COL_NUMERATOR, APPR_COL_DENOMINATOR, it, &num, &den);
		else if (it->rule == RULE_COUNT)
			hc = cell_number(&c, row, APPR_COL_COUNT, 1, form_appraisal_columns[APPR_COL_COUNT],
					 &count);
		bad = na < 0 || hs < 0 || hr < 0 || hc < 0;
		if (!bad && hs > 0 && check_rule_points(&c, row, APPR_COL_SCORE, it, _("appraised score"), score) < 0)
			bad = 1;
		reason = cell_one_text(&c, row, APPR_COL_REASON, N_("reason"));
		if (!reason)
			bad = 1;
		if (bad)
			goto next;
		if (na <= 0 && hs <= 0 && hr <= 0 && hc <= 0) {
			if (*reason)
				diag_error_at(r->d, b->path, row + 1, where(&c, row, APPR_COL_REASON),
					      "a reason without a change: type the appraised score or the corrected data, or clear the reason");
			goto next;
		}
		if (na > 0 && !it->na_allowed) {
			diag_error_at(r->d, b->path, row + 1, where(&c, row, APPR_COL_NA),
				      "item '%s' cannot be declared not applicable", it->code);
			goto next;
		}
		if (na > 0 && (hs > 0 || hr > 0 || hc > 0)) {
			diag_error_at(r->d, b->path, row + 1, where(&c, row, APPR_COL_NA),
				      "item '%s' is marked not applicable and has a score or data: clear one of them",
				      it->code);
			goto next;
		}
		if (!*reason) {
			diag_error_at(r->d, b->path, row + 1, where(&c, row, APPR_COL_REASON),
				      "every change needs a reason: say why the score of item '%s' changes", it->code);
			goto next;
		}
		/* Only what changes something is written (input/FORMATS.md, "Forms: the workbooks people fill in (.xlsx)"). */
		if (na > 0 ? ir->final_na
			   : hr <= 0 && hc <= 0 && !ir->final_na && score == ir->final) {
			diag_warn_at(r->d, b->path, row + 1, where(&c, row, na > 0 ? APPR_COL_NA : APPR_COL_SCORE),
				     "unit '%s', item '%s': the row keeps the current score and is not written",
				     unit, code);
			goto next;
		}
		csv_field(&csv, unit);
		strbuf_addch(&csv, ',');
		csv_field(&csv, code);
		strbuf_addch(&csv, ',');
		if (na > 0)
			strbuf_addstr(&csv, "na");
		else if (hs > 0)
			strbuf_addstr(&csv, points_format(score, '.', a));
		strbuf_addch(&csv, ',');
		if (hr > 0)
			strbuf_addf(&csv, "%lld,%lld", (long long)num, (long long)den);
		else
			strbuf_addch(&csv, ',');
		strbuf_addch(&csv, ',');
		if (hc > 0)
			strbuf_addf(&csv, "%lld", (long long)count);
		strbuf_addch(&csv, ',');
		csv_field(&csv, reason);
		strbuf_addstr(&csv, "\r\n");
		nrows++;
next:
		free(unit);
		free(code);
		free(reason);
		strbuf_release(&key);
	}
	if (r->d->nerrors == errors && nrows == 0)
		diag_warn(r->d, b->path, 0, "the appraisal worksheet changes nothing: no file written");
	if (r->d->nerrors == errors && nrows > 0) {
		struct strbuf name = STRBUF_INIT;
		struct output *o;

		/* Files apply in name order: the new round's name must come last. */
		strbuf_addf(&name, "%02d-tham-dinh-vong-%d.csv", done + 1, done + 1);
		if (last && strcmp(name.buf, last) <= 0) {
			diag_error(r->d, b->path, 0,
				   "the new appraisal file '%s' would come before '%s' in name order and apply first: rename the files of appraisal/ so that their names sort in round order",
				   name.buf, last);
		} else {
			struct strbuf rel = STRBUF_INIT;

			strbuf_addf(&rel, "appraisal/%s", name.buf);
			o = add_output(r, rel.buf, b->path);
			strbuf_add(&o->body, csv.buf, csv.len);
			strbuf_release(&rel);
			r->nrows += nrows;
		}
		strbuf_release(&name);
	}
out:
	for (size_t k = 0; k < nkeys; k++)
		free(keys[k]);
	free(keys);
	strmap_free(seen);
	strbuf_release(&csv);
	strbuf_release(&c.where);
	xlsx_sheet_release(&s);
}

/* ---- The run ------------------------------------------------------------------ */

static void import_one(struct run *r, const char *path)
{
	struct xlsx_book b;
	int self = 0, appr = 0;

	if (xlsx_open(&b, path, r->d) < 0)
		return;
	for (size_t i = 0; i < b.nsheets; i++) {
		self |= !strcmp(b.sheets[i], FORM_SELF_SHEET);
		appr |= !strcmp(b.sheets[i], FORM_APPRAISAL_SHEET);
	}
	if (self)
		import_self(r, &b);
	else if (appr)
		import_appraisal(r, &b);
	else
		diag_error(r->d, path, 0, "not a parx form: it has no sheet '%s' or '%s'", FORM_SELF_SHEET,
			   FORM_APPRAISAL_SHEET);
	xlsx_close(&b);
}

/* The workbooks named: files as given, folders' *.xlsx in name order (Excel's ~$ files skipped). */
static char **list_forms(char *const *forms, size_t n, struct diag *d, size_t *count)
{
	char **v = NULL;
	size_t alloc = 0;

	*count = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char **names = NULL;

		if (stat(forms[i], &st) < 0) {
			diag_error(d, forms[i], 0, "cannot read it: %s", strerror(errno));
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			xgrow(&v, &alloc, *count + 1, sizeof(*v));
			v[(*count)++] = xstrdup(forms[i]);
			continue;
		}
		if (dir_list(forms[i], ".xlsx", 0, d, &names) < 0)
			continue;
		for (char **p = names; p && *p; p++) {
			if (!strncmp(*p, "~$", 2))
				continue;
			xgrow(&v, &alloc, *count + 1, sizeof(*v));
			v[(*count)++] = path_join(forms[i], *p);
		}
		names_free(names);
	}
	return v;
}

static int write_outputs(struct run *r, int force, struct formimport *fi)
{
	size_t before = r->d->nerrors;

	for (size_t i = 0; i < r->nout; i++) {
		char *path = path_join(r->year, r->out[i].name);

		if (!force && file_exists(path))
			diag_error(r->d, r->out[i].from, 0,
				   "'%s' exists already: parx import does not replace a file unless asked (--force)",
				   path);
		free(path);
	}
	if (r->d->nerrors > before)
		return 1;
	size_t alloc = 0;

	for (size_t i = 0; i < r->nout; i++) {
		char *path = path_join(r->year, r->out[i].name);
		char *dir = xstrdup(path);
		int rc;

		*strrchr(dir, '/') = '\0';
		rc = mkdir_p(dir) < 0 ? error("cannot create '%s': %s", dir, strerror(errno))
				      : file_write_atomic(path, r->out[i].body.buf, r->out[i].body.len);
		free(dir);
		free(path);
		if (rc < 0)
			return -1;
		xgrow(&fi->written, &alloc, fi->nwritten + 1, sizeof(*fi->written));
		fi->written[fi->nwritten++] = xstrdup(r->out[i].name);
	}
	return 0;
}

int formimport_run(char *const *forms, size_t nforms, const char *year, int force,
		   struct diag *d, struct formimport *fi)
{
	struct run r;
	char **files;
	size_t nfiles;
	int rc = 1;

	memset(fi, 0, sizeof(*fi));
	memset(&r, 0, sizeof(r));
	r.d = d;
	r.year = year;
	{
		/* The year's own warnings are parx-validate's business; its errors stop the import. */
		struct diag yd;

		diag_init(&yd);
		year_load_registry(&r.reg, year, &yd);
		diag_add_errors(d, &yd);
		diag_release(&yd);
	}
	r.reg_loaded = 1;
	if (d->nerrors) {
		year_release(&r.reg);
		return 1;
	}
	r.units = strmap_new();
	files = list_forms(forms, nforms, d, &nfiles);
	r.files = files;
	if (nfiles == 0 && !d->nerrors)
		diag_error(d, nforms ? forms[0] : ".", 0, "no workbook (.xlsx) to import");
	for (size_t i = 0; i < nfiles; i++) {
		size_t outs = r.nout;
		int was_round = r.round_seen;

		r.current = i;
		import_one(&r, files[i]);
		if (r.nout > outs && !strncmp(r.out[r.nout - 1].name, "submissions/", 12))
			fi->nself++;
		if (r.round_seen && !was_round)
			fi->nrounds++;
	}
	if (!d->nerrors)
		rc = write_outputs(&r, force, fi);
	if (rc == 0)
		fi->nrows = r.nrows;
	for (size_t i = 0; i < r.nout; i++) {
		free(r.out[i].name);
		free(r.out[i].from);
		strbuf_release(&r.out[i].body);
	}
	free(r.out);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	strmap_free(r.units);
	results_release(&r.res);
	if (r.full_loaded)
		year_release(&r.full);
	year_release(&r.reg);
	return rc;
}

void formimport_release(struct formimport *fi)
{
	for (size_t i = 0; i < fi->nwritten; i++)
		free(fi->written[i]);
	free(fi->written);
	memset(fi, 0, sizeof(*fi));
}
