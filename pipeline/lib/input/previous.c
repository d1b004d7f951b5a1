/*
 * previous.c: previous.csv, last year's results.csv (or its Excel variant),
 * read only for the year-over-year columns (README.md and input/FORMATS.md). Only
 * unit_code, index and rank matter; every other column is ignored, so a
 * results file of any earlier layout will do.
 */
#include "input/previous.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "input/csvfile.h"
#include "base/fileio.h"
#include "base/points.h"
#include "base/strmap.h"
#include "base/text.h"

enum { COL_UNIT, COL_INDEX, COL_RANK, NCOLS };

static const char *const columns[NCOLS] = { "unit_code", "index", "rank" };

/* `seen`: the codes of the rows kept so far -> their index in y->previous. */
static int check_row(struct year *y, struct diag *d, const char *path, int comma,
		     const struct csv_row *row, const int *col, const struct strmap *seen,
		     struct previous_row *p)
{
	const char *unit = row->fields[col[COL_UNIT]];
	const char *index = row->fields[col[COL_INDEX]];
	const char *rank = row->fields[col[COL_RANK]];
	int line = row->line, bad = 0;
	int64_t r;
	char *shown;

	if (!*unit) {
		diag_error(d, path, line, "unit_code is empty: every row names a unit");
		bad = 1;
	} else if (strmap_get(seen, unit) >= 0) {
		shown = text_excerpt(unit);
		diag_error(d, path, line, "duplicate unit_code '%s' (first on line %d)", shown,
			   y->previous[strmap_get(seen, unit)].line);
		free(shown);
		bad = 1;
	}
	/* Both empty: the unit had no result that year, so nothing to compare (input/FORMATS.md,
	 * "previous.csv: last year's results"). */
	if (!*index && !*rank) {
		if (bad)
			return -1;
		p->unit_code = xstrdup(unit);
		p->none = 1;
		p->line = line;
		return 0;
	}
	if (points_parse(index, comma, &p->index) < 0) {
		shown = text_excerpt(index);
		diag_error(d, path, line,
			   "index '%s' is not a number: write it with at most two decimals (e.g. %s)",
			   shown, comma ? _("87.25 or 87,25") : "87.25");
		free(shown);
		bad = 1;
	}
	if (count_parse(rank, &r) < 0 || r < 1) {
		shown = text_excerpt(rank);
		diag_error(d, path, line, "rank '%s' is not a whole number from 1 up%s", shown,
			   *rank ? "" : _(" (leave index and rank both empty when the unit had no result)"));
		free(shown);
		bad = 1;
	}
	if (bad)
		return -1;
	p->unit_code = xstrdup(unit);
	p->rank = (int)r;
	p->line = line;
	p->none = 0;
	return 0;
}

int previous_load(struct year *y, struct diag *d)
{
	char *path = path_join(y->dir, "previous.csv");
	struct csv_table t;
	struct strmap *seen = NULL;
	size_t alloc = 0;
	int col[NCOLS], rc;

	memset(&t, 0, sizeof(t));
	y->has_previous = 0;
	if (!file_exists(path))
		goto out;
	y->has_previous = 1;
	rc = csv_table_load(&t, path, d);
	if (t.sha256[0])
		year_add_file(y, path, t.sha256);
	if (rc < 0 || csv_table_columns(&t, d, columns, NCOLS, NCOLS, 1, col) < 0)
		goto out;
	seen = strmap_new();
	for (size_t i = 0; i < t.nrows; i++) {
		struct previous_row p;

		if (check_row(y, d, path, t.delim == ';', &t.rows[i], col, seen, &p) < 0)
			continue;
		xgrow(&y->previous, &alloc, y->nprevious + 1, sizeof(*y->previous));
		y->previous[y->nprevious] = p;
		strmap_put(seen, p.unit_code, (int)y->nprevious++);
	}
out:
	strmap_free(seen);
	csv_table_release(&t);
	free(path);
	return 0;
}
