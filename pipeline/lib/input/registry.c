/*
 * registry.c: units.csv, the list of units assessed this year (input/FORMATS.md,
 * "units.csv: the registry"). The row order is the registry order, which breaks ties in tables.
 */
#include "input/registry.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "input/csvfile.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/text.h"

enum { COL_CODE, COL_NAME, COL_GROUP, COL_PREVIOUS, NCOLS };

static const char *const columns[NCOLS] = { "code", "name", "group", "previous_code" };

/* [A-Z0-9-]+ */
static int valid_code(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

int registry_known(const struct year *y, const char *code)
{
	if (registry_find(&y->registry, code) >= 0)
		return 1;
	if (y->registry.refused && strmap_get(y->registry.refused, code) >= 0)
		return -1;
	return y->registry_read ? 0 : -1;
}

int registry_find(const struct registry *r, const char *code)
{
	if (r->by_code)
		return strmap_get(r->by_code, code);
	for (size_t i = 0; i < r->nunits; i++) /* a registry built by hand, without its map */
		if (!strcmp(r->units[i].code, code))
			return (int)i;
	return -1;
}

static void list_groups(struct strbuf *sb, const struct index *ix)
{
	for (size_t g = 0; g < ix->ngroups; g++)
		strbuf_addf(sb, "%s%s", g ? ", " : "", ix->groups[g].code);
}

/* Notes the code of a refused row (registry.refused). */
static void refuse_code(struct year *y, const char *code)
{
	if (!*code)
		return;
	struct registry *r = &y->registry;

	if (!r->refused)
		r->refused = strmap_new();
	if (strmap_get(r->refused, code) >= 0)
		return;
	xgrow(&r->refused_codes, &r->arefused, r->nrefused + 1, sizeof(*r->refused_codes));
	r->refused_codes[r->nrefused] = xstrdup(code);
	strmap_put(r->refused, r->refused_codes[r->nrefused++], 1);
}

/* Checks one row; returns 0 and fills *u when it is good. */
static int check_row(struct year *y, struct diag *d, const char *path, const struct csv_row *row,
		     const int *col, struct unit *u)
{
	const char *code = row->fields[col[COL_CODE]];
	const char *name = row->fields[col[COL_NAME]];
	const char *group = row->fields[col[COL_GROUP]];
	const char *prev = col[COL_PREVIOUS] >= 0 ? row->fields[col[COL_PREVIOUS]] : "";
	int line = row->line, bad = 0, g = -1, first;
	char *shown;

	if (!*code) {
		diag_error(d, path, line, "unit code is empty: every row needs one");
		bad = 1;
	} else if (!valid_code(code)) {
		shown = text_excerpt(code);
		diag_error(d, path, line,
			   "unit code '%s' is not valid: use capital letters, digits and '-' only", shown);
		free(shown);
		bad = 1;
	} else if ((first = registry_find(&y->registry, code)) >= 0) {
		diag_error(d, path, line, "duplicate unit code '%s' (first on line %d)", code,
			   y->registry.units[first].line);
		bad = 1;
	}
	if (!*name) {
		diag_error(d, path, line, "unit name is empty: give the full name printed in the annex");
		bad = 1;
	} else if (text_length(name) > TEXT_NAME_MAX) {
		diag_error(d, path, line,
			   "unit name is %zu characters long, more than the %d a name may have (the annexes print it in one cell): shorten it",
			   text_length(name), TEXT_NAME_MAX);
		bad = 1;
	}
	if (!*group) {
		diag_error(d, path, line, "group is empty: every unit belongs to a group of the index");
		bad = 1;
	} else if (y->index_ok && (g = index_find_group(&y->index, group)) < 0) {
		struct strbuf sb = STRBUF_INIT;

		list_groups(&sb, &y->index);
		shown = text_excerpt(group);
		diag_error(d, path, line, "group '%s' is not a group of the index: expected one of %s",
			   shown, sb.buf);
		free(shown);
		strbuf_release(&sb);
		bad = 1;
	}
	if (*prev && !valid_code(prev)) {
		shown = text_excerpt(prev);
		diag_error(d, path, line,
			   "previous code '%s' is not valid: use capital letters, digits and '-' only",
			   shown);
		free(shown);
		bad = 1;
	}
	if (bad) {
		refuse_code(y, code);
		return -1;
	}
	u->code = xstrdup(code);
	u->name = xstrdup(name);
	u->group = g;
	u->previous_code = *prev ? xstrdup(prev) : NULL;
	u->line = line;
	return 0;
}

int registry_load(struct year *y, struct diag *d)
{
	struct registry *r = &y->registry;
	struct csv_table t;
	size_t before = d->nerrors, alloc = 0;
	struct strmap *names = NULL; /* name -> first unit with it */
	int col[NCOLS], rc, first;

	r->path = path_join(y->dir, "units.csv");
	y->registry_ok = 0;
	memset(&t, 0, sizeof(t));
	if (!file_exists(r->path)) {
		diag_error(d, r->path, 0, "file not found: the registry of units is required");
		return 0;
	}
	names = strmap_new();
	rc = csv_table_load(&t, r->path, d);
	if (t.sha256[0])
		year_add_file(y, r->path, t.sha256);
	if (rc < 0)
		goto out;
	if (csv_table_columns(&t, d, columns, NCOLS, COL_PREVIOUS, 0, col) < 0 &&
	    (col[COL_CODE] < 0 || col[COL_NAME] < 0 || col[COL_GROUP] < 0))
		goto out;
	for (size_t i = 0; i < t.nrows; i++) {
		struct unit u;

		if (check_row(y, d, r->path, &t.rows[i], col, &u) < 0)
			continue;
		/* One unit, one code: the same name twice is most likely a unit entered twice. */
		if ((first = strmap_get(names, u.name)) >= 0) {
			char *shown = text_excerpt(u.name);

			diag_warn(d, r->path, u.line,
				  "unit name '%s' is also registered under code '%s' (line %d): give each unit one row, or names that tell them apart",
				  shown, r->units[first].code, r->units[first].line);
			free(shown);
		} else {
			strmap_put(names, u.name, (int)r->nunits);
		}
		xgrow(&r->units, &alloc, r->nunits + 1, sizeof(*r->units));
		if (!r->by_code)
			r->by_code = strmap_new();
		r->units[r->nunits] = u;
		strmap_put(r->by_code, r->units[r->nunits].code, (int)r->nunits);
		r->nunits++;
	}
	if (!r->nunits && d->nerrors == before)
		diag_error(d, r->path, 0, "the registry lists no unit: add one row per unit");
	/* Rows dropped for their form still name a code: not to be blamed elsewhere. */
	for (size_t i = 0; i < t.ndropped; i++)
		refuse_code(y, t.dropped[i].fields[col[COL_CODE]]);
	/*
	 * Its good rows are trusted, unless a quoting error swallowed rows (which
	 * codes they held is not known) or no row is good (every code would be
	 * blamed).
	 */
	y->registry_read = r->nunits > 0 && !t.nlost;
out:
	strmap_free(names);
	csv_table_release(&t);
	y->registry_ok = d->nerrors == before;
	return 0;
}
