/*
 * appraisal.c: the appraisal team's changes, appraisal/<name>.csv (input/FORMATS.md,
 * the section of the appraisal CSVs, "…: the appraisal team's changes", and
 * "Problems and what parx says"). Files apply in strcmp order of their names, rows in line order;
 * the scorer takes the last row for a unit and code. Rows are checked here the
 * way submission.c checks `self`, so the scorer can trust every row it gets;
 * whether a score agrees with the rule applied to the row's raw data is the
 * scorer's business (a warning there), not this module's.
 */
#include "input/appraisal.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "input/index.h"
#include "input/csvfile.h"
#include "base/fileio.h"
#include "base/points.h"
#include "input/registry.h"
#include "base/strbuf.h"
#include "base/text.h"

enum { COL_UNIT, COL_CODE, COL_SCORE, COL_REASON, COL_NUM, COL_DEN, COL_COUNT, NCOLS };

static const char *const columns[NCOLS] = {
	"unit", "code", "score", "reason", "numerator", "denominator", "count",
};

static const char *const rule_word[] = { "levels", "scale", "ratio", "proportional", "count" };

struct file_ctx {
	struct year *y;
	struct diag *d;
	const char *path;
	const char *name;
	int comma;  /* ',' is a decimal mark too (';'-delimited file) */
	int checks; /* index and registry are sound: resolve units and codes */
};

static const char *cell(const struct csv_row *row, const int *col, int c)
{
	return col[c] >= 0 ? row->fields[col[c]] : "";
}

/* Parses an optional raw number; 1 given and valid, 0 empty, -1 reported. */
static int raw_number(struct file_ctx *fc, int line, const char *what, const char *s, int64_t *out)
{
	char *shown;

	if (!*s)
		return 0;
	int r = count_parse(s, out);

	if (r == 0)
		return 1;
	shown = text_excerpt(s);
	if (r == -2)
		diag_error(fc->d, fc->path, line,
			   "%s '%s' is more than 999999999, the largest whole number parx accepts", what, shown);
	else
		diag_error(fc->d, fc->path, line,
			   "%s '%s' is not a whole number: write digits only, from 0 to 999999999", what, shown);
	free(shown);
	return -1;
}

static int level_listed(const struct item *it, int64_t v)
{
	for (size_t i = 0; i < it->nlevels; i++)
		if (it->levels[i].points == v)
			return 1;
	return 0;
}

/* The checks that need the item: raw data fit for its rule, score obeying it. */
static int check_against_item(struct file_ctx *fc, int line, const struct item *it,
			      const struct appraisal_row *r, const char *score)
{
	const char *kw = kind_word(it->kind), *rw = rule_word[it->rule];
	const struct raw_data *raw = &r->raw;
	int ratio = it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL;
	int nd = raw->has_numerator || raw->has_denominator;
	char b1[POINTS_BUFSZ];
	int bad = 0;

	if (nd && !ratio) {
		diag_error(fc->d, fc->path, line,
			   "numerator and denominator belong to ratio and proportional items, not to %s '%s' (rule %s)",
			   kw, it->code, rw);
		bad = 1;
	}
	if (raw->has_count && it->rule != RULE_COUNT) {
		diag_error(fc->d, fc->path, line, "count belongs to count items, not to %s '%s' (rule %s)",
			   kw, it->code, rw);
		bad = 1;
	}
	if (r->kind == APPRAISAL_NA) {
		if (!it->na_allowed) {
			diag_error(fc->d, fc->path, line,
				   "%s '%s' cannot be declared not applicable: the index does not allow it",
				   kw, it->code);
			bad = 1;
		}
		if (nd || raw->has_count) {
			diag_error(fc->d, fc->path, line,
				   "score 'na' comes without raw data: leave numerator, denominator and count empty");
			bad = 1;
		}
		return bad ? -1 : 0;
	}
	if (ratio && nd && !(raw->has_numerator && raw->has_denominator)) {
		diag_error(fc->d, fc->path, line,
			   "%s '%s' (rule %s) needs both numerator and denominator, not only the %s", kw,
			   it->code, rw, raw->has_numerator ? "numerator" : "denominator");
		bad = 1;
	} else if (r->kind == APPRAISAL_EMPTY) {
		if (it->rule == RULE_LEVELS || it->rule == RULE_SCALE) {
			diag_error(fc->d, fc->path, line,
				   "score is empty, but %s '%s' (rule %s) has no raw data to compute it from: give the score",
				   kw, it->code, rw);
			bad = 1;
		} else if (ratio && !nd) {
			diag_error(fc->d, fc->path, line,
				   "score is empty: give the score, or numerator and denominator for %s '%s' (rule %s)",
				   kw, it->code, rw);
			bad = 1;
		} else if (it->rule == RULE_COUNT && !raw->has_count) {
			diag_error(fc->d, fc->path, line,
				   "score is empty: give the score, or count for %s '%s' (rule count)", kw,
				   it->code);
			bad = 1;
		}
	}
	if (r->kind == APPRAISAL_VALUE && it->rule == RULE_LEVELS && !level_listed(it, r->score)) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < it->nlevels; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    points_format(it->levels[i].points, '.', b1));
		diag_error(fc->d, fc->path, line, "score '%s' is not a level of %s '%s': expected one of %s",
			   score, kw, it->code, sb.buf);
		strbuf_release(&sb);
		bad = 1;
	} else if (r->kind == APPRAISAL_VALUE && r->score > it->max) {
		diag_error(fc->d, fc->path, line, "score '%s' is more than the max %s of %s '%s'", score,
			   points_format(it->max, '.', b1), kw, it->code);
		bad = 1;
	}
	return bad ? -1 : 0;
}

static void parse_score(struct file_ctx *fc, int line, const char *score, struct appraisal_row *r,
			int *bad)
{
	char *shown;
	int rc;

	if (!*score) {
		r->kind = APPRAISAL_EMPTY;
		return;
	}
	if (!strcmp(score, "na")) {
		r->kind = APPRAISAL_NA;
		return;
	}
	r->kind = APPRAISAL_VALUE;
	rc = points_parse(score, fc->comma, &r->score);
	if (rc == 0)
		return;
	shown = text_excerpt(score);
	if (rc == -2)
		diag_error(fc->d, fc->path, line,
			   "score '%s' is more than 999999999.99, the most points parx accepts", shown);
	else if (!fc->comma && points_parse(score, 1, &r->score) == 0)
		diag_error(fc->d, fc->path, line,
			   "score '%s' has a decimal comma, which only a ';'-delimited file may use: write it with a '.'",
			   shown);
	else
		diag_error(fc->d, fc->path, line,
			   "score '%s' is not a number: write points with at most two decimals (e.g. %s), 'na', or nothing for the rule to compute it",
			   shown, fc->comma ? _("1.5 or 1,5") : "1.5");
	free(shown);
	*bad = 1;
}

/* Checks one row; returns 0 and fills *r when it may be applied. */
static int check_row(struct file_ctx *fc, const struct csv_row *row, const int *col,
		     struct appraisal_row *r)
{
	struct year *y = fc->y;
	struct raw_data *raw = &r->raw;
	const char *unit = cell(row, col, COL_UNIT), *code = cell(row, col, COL_CODE);
	const char *score = cell(row, col, COL_SCORE), *reason = cell(row, col, COL_REASON);
	int line = row->line, bad = 0, unread = 0, k;
	char *shown;

	memset(r, 0, sizeof(*r));
	r->unit = r->item = -1;
	if (!*unit) {
		diag_error(fc->d, fc->path, line, "unit is empty: name the unit by its code");
		bad = 1;
	} else if (fc->checks && (r->unit = registry_find(&y->registry, unit)) < 0) {
		/* A code on a refused registry row was blamed there already. */
		if (registry_known(y, unit) == 0) {
			shown = text_excerpt(unit);
			diag_error(fc->d, fc->path, line, "unit '%s' is not in the registry (units.csv)", shown);
			free(shown);
		}
		bad = 1;
	}
	if (!*code) {
		diag_error(fc->d, fc->path, line, "code is empty: name the item, bonus or penalty");
		bad = 1;
	} else if (fc->checks && (r->item = index_find_item(&y->index, code)) < 0) {
		shown = text_excerpt(code);
		diag_error(fc->d, fc->path, line,
			   "unknown code '%s': index '%s' has no item, bonus or penalty with this code",
			   shown, y->index.id);
		free(shown);
		bad = 1;
	} else if (fc->checks && r->unit >= 0) {
		const struct item *it = &y->index.items[r->item];
		const struct unit *u = &y->registry.units[r->unit];

		/* A unit registered in the wrong group was blamed on its registry line. */
		if (u->group >= 0 && !it->in_group[u->group] && !(y->subs && y->subs[r->unit].group_refused)) {
			diag_error(fc->d, fc->path, line, "%s '%s' does not apply to group '%s' of unit '%s'",
				   kind_word(it->kind), it->code, y->index.groups[u->group].code, u->code);
			bad = 1;
		}
	}
	/* `unread`: a number that does not parse; the rule checks then stay silent. */
	parse_score(fc, line, score, r, &unread);
	if ((k = raw_number(fc, line, "numerator", cell(row, col, COL_NUM), &raw->numerator)) < 0)
		unread = 1;
	raw->has_numerator = k > 0;
	if ((k = raw_number(fc, line, "denominator", cell(row, col, COL_DEN), &raw->denominator)) < 0)
		unread = 1;
	raw->has_denominator = k > 0;
	if ((k = raw_number(fc, line, "count", cell(row, col, COL_COUNT), &raw->count)) < 0)
		unread = 1;
	raw->has_count = k > 0;
	bad |= unread;
	if (raw->has_numerator && raw->has_denominator && raw->numerator > raw->denominator) {
		diag_error(fc->d, fc->path, line,
			   "numerator %lld is more than denominator %lld: a ratio is at most 100%%",
			   (long long)raw->numerator, (long long)raw->denominator);
		bad = 1;
	}
	if (!*reason) {
		diag_error(fc->d, fc->path, line, "reason is empty: every appraisal change needs a reason");
		bad = 1;
	}
	if (fc->checks && r->item >= 0 && r->unit >= 0 && !unread &&
	    check_against_item(fc, line, &y->index.items[r->item], r, score) < 0)
		bad = 1;
	if (bad || !fc->checks)
		return -1;
	r->file = xstrdup(fc->name);
	r->path = xstrdup(fc->path);
	r->line = line;
	r->reason = xstrdup(reason);
	return 0;
}

static void free_row(struct appraisal_row *r)
{
	free(r->file);
	free(r->path);
	free(r->reason);
}

/* Loads one file and appends its rows to y->rows. */
static void load_file(struct year *y, struct diag *d, const char *dir, const char *name)
{
	/* The registry's good rows are trusted even when other rows had errors. */
	struct file_ctx fc = { .y = y, .d = d, .name = name,
			       .checks = y->index_ok && y->registry_read };
	struct appraisal_row *rows = NULL;
	size_t *last = NULL; /* (unit, item) -> 1 + its row in `rows`, 0 = none */
	size_t n = 0, alloc = 0, kept = 0;
	struct csv_table t;
	char *path = path_join(dir, name);
	int col[NCOLS], rc;

	fc.path = path;
	rc = csv_table_load(&t, path, d);
	if (t.sha256[0])
		year_add_file(y, path, t.sha256);
	if (rc < 0)
		goto out;
	fc.comma = t.delim == ';';
	if (csv_table_columns(&t, d, columns, NCOLS, COL_NUM, 0, col) < 0 &&
	    (col[COL_UNIT] < 0 || col[COL_CODE] < 0 || col[COL_SCORE] < 0 || col[COL_REASON] < 0))
		goto out;
	for (size_t i = 0; i < t.nrows; i++) {
		struct appraisal_row r;

		if (check_row(&fc, &t.rows[i], col, &r) < 0)
			continue;
		/* A later row of the same file for the same unit and code replaces the earlier. */
		if (!last)
			last = xcalloc(y->registry.nunits * y->index.nitems, sizeof(*last));
		{
			size_t key = (size_t)r.unit * y->index.nitems + (size_t)r.item;
			size_t j = last[key];

			if (j && rows[j - 1].file) {
				diag_warn(d, path, r.line,
					  "second change of '%s' for unit '%s' in this file (the first is on line %d): this row replaces it",
					  y->index.items[r.item].code, y->registry.units[r.unit].code,
					  rows[j - 1].line);
				free_row(&rows[j - 1]);
				rows[j - 1].file = NULL;
			}
			last[key] = n + 1;
		}
		xgrow(&rows, &alloc, n + 1, sizeof(*rows));
		rows[n++] = r;
	}
	for (size_t j = 0; j < n; j++)
		kept += rows[j].file != NULL;
	if (kept) {
		y->rows = xrealloc(y->rows, (y->nrows + kept) * sizeof(*y->rows));
		for (size_t j = 0; j < n; j++)
			if (rows[j].file)
				y->rows[y->nrows++] = rows[j];
	}
out:
	free(last);
	free(rows);
	csv_table_release(&t);
	free(path);
}

int appraisal_load(struct year *y, struct diag *d)
{
	char *dir = path_join(y->dir, "appraisal");
	char **names = NULL;

	if (dir_list(dir, ".csv", 1, d, &names) >= 0)
		for (char **p = names; *p; p++)
			load_file(y, d, dir, *p);
	names_free(names);
	free(dir);
	return 0;
}
