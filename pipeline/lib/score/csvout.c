/*
 * csvout.c: results.csv, items.csv and reconciliation.csv, in the RFC 4180
 * dialect of README.md and input/FORMATS.md and in the one Vietnamese Excel opens directly.
 *
 * Each file is built whole in a strbuf by a plain function of (year, results,
 * dialect), so tests can compare bytes; csvout_write_all() only adds the
 * atomic write. A `struct row` writer puts the separators and the CRLF in
 * place so that the table functions only name their cells.
 */
#include "score/csvout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/points.h"

struct row {
	struct strbuf *out;
	enum csvout_dialect dialect;
	int ncells;
};

static char sep_of(enum csvout_dialect dialect)
{
	return dialect == CSVOUT_EXCEL ? ';' : ',';
}

static void row_start(struct row *w, struct strbuf *out, enum csvout_dialect dialect)
{
	w->out = out;
	w->dialect = dialect;
	w->ncells = 0;
}

static void row_sep(struct row *w)
{
	if (w->ncells++)
		strbuf_addch(w->out, sep_of(w->dialect));
}

static void row_end(struct row *w)
{
	strbuf_addstr(w->out, "\r\n");
}

void csvout_text_cell(struct strbuf *out, const char *s, enum csvout_dialect dialect)
{
	char sep = sep_of(dialect);
	int quote = 0, guard = 0;

	if (!s)
		s = "";
	if (dialect == CSVOUT_EXCEL && (*s == '=' || *s == '+' || *s == '-' || *s == '@'))
		guard = 1;
	for (const char *p = s; *p; p++)
		if (*p == sep || *p == '"' || *p == '\r' || *p == '\n')
			quote = 1;
	if (quote)
		strbuf_addch(out, '"');
	if (guard)
		strbuf_addch(out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *p);
	}
	if (quote)
		strbuf_addch(out, '"');
}

static void cell_text(struct row *w, const char *s)
{
	row_sep(w);
	csvout_text_cell(w->out, s, w->dialect);
}

/* Numbers never start with a formula character and never hold ',' or ';' in their own dialect. */
static void cell_points(struct row *w, int64_t v)
{
	char buf[POINTS_BUFSZ];

	row_sep(w);
	strbuf_addstr(w->out, points_format(v, w->dialect == CSVOUT_EXCEL ? ',' : '.', buf));
}

static void cell_int(struct row *w, long long v)
{
	row_sep(w);
	strbuf_addf(w->out, "%lld", v);
}

static void cell_empty(struct row *w)
{
	row_sep(w);
}

static void bom(struct strbuf *out, enum csvout_dialect dialect)
{
	if (dialect == CSVOUT_EXCEL)
		strbuf_addstr(out, "\xEF\xBB\xBF");
}

void csvout_results(struct strbuf *out, const struct year *y, const struct results *r,
		    enum csvout_dialect dialect)
{
	const struct index *ix = &y->index;
	struct strbuf name = STRBUF_INIT;
	struct row w;
	static const char *const tail[] = {
		"base", "bonus", "penalty", "total", "max", "index", "rank", "grade",
		"prev_index", "prev_rank",
	};

	bom(out, dialect);
	row_start(&w, out, dialect);
	cell_text(&w, "unit_code");
	cell_text(&w, "unit_name");
	cell_text(&w, "group");
	for (size_t f = 0; f < ix->nfields; f++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "field_%s", ix->fields[f].code);
		cell_text(&w, name.buf);
	}
	for (size_t k = 0; k < ARRAY_SIZE(tail); k++)
		cell_text(&w, tail[k]);
	row_end(&w);

	for (size_t k = 0; k < r->nunits; k++) {
		size_t u = r->order[k];
		const struct unit *un = &y->registry.units[u];
		const struct unit_result *ur = &r->units[u];

		if (!ur->scored)
			continue;
		row_start(&w, out, dialect);
		cell_text(&w, un->code);
		cell_text(&w, un->name);
		cell_text(&w, ix->groups[un->group].code);
		for (size_t f = 0; f < ix->nfields; f++) {
			if (ur->field_max[f])
				cell_points(&w, ur->field_points[f]);
			else
				cell_empty(&w);
		}
		cell_points(&w, ur->base);
		cell_points(&w, ur->bonus);
		cell_points(&w, ur->penalty);
		cell_points(&w, ur->total);
		cell_points(&w, ur->max);
		cell_points(&w, ur->index);
		cell_int(&w, ur->rank);
		cell_text(&w, ur->grade >= 0 ? ix->grades[ur->grade].label : "");
		if (ur->has_prev) {
			cell_points(&w, ur->prev_index);
			cell_int(&w, ur->prev_rank);
		} else {
			cell_empty(&w);
			cell_empty(&w);
		}
		row_end(&w);
	}
	strbuf_release(&name);
}

static const char *const item_header[] = {
	"unit_code", "code", "kind", "max", "self", "computed", "final", "changed_by", "reason",
};

static void header_items(struct strbuf *out, enum csvout_dialect dialect)
{
	struct row w;

	row_start(&w, out, dialect);
	for (size_t k = 0; k < ARRAY_SIZE(item_header); k++)
		cell_text(&w, item_header[k]);
	row_end(&w);
}

static void item_row(struct strbuf *out, const struct year *y, const struct results *r,
		     size_t u, size_t i, enum csvout_dialect dialect)
{
	const struct item *it = &y->index.items[i];
	const struct item_result *ir = &r->units[u].items[i];
	struct row w;

	row_start(&w, out, dialect);
	cell_text(&w, y->registry.units[u].code);
	cell_text(&w, it->code);
	cell_text(&w, it->kind == KIND_BONUS ? "bonus" : it->kind == KIND_PENALTY ? "penalty" : "item");
	cell_points(&w, it->max);
	if (ir->self_na)
		cell_text(&w, "na");
	else if (ir->has_self)
		cell_points(&w, ir->self);
	else
		cell_empty(&w);
	if (ir->has_computed)
		cell_points(&w, ir->computed);
	else
		cell_empty(&w);
	if (ir->final_na)
		cell_text(&w, "na");
	else
		cell_points(&w, ir->final);
	cell_text(&w, ir->changed_by);
	cell_text(&w, ir->reason);
	row_end(&w);
}

void csvout_items(struct strbuf *out, const struct year *y, const struct results *r,
		  enum csvout_dialect dialect)
{
	bom(out, dialect);
	header_items(out, dialect);
	for (size_t u = 0; u < r->nunits; u++)
		for (size_t i = 0; i < r->nitems; i++)
			if (r->units[u].items[i].applies)
				item_row(out, y, r, u, i, dialect);
}

void csvout_reconciliation(struct strbuf *out, const struct year *y, const struct results *r,
			   enum csvout_dialect dialect)
{
	bom(out, dialect);
	header_items(out, dialect);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct unit_result *ur = &r->units[u];
		struct row w;

		for (size_t i = 0; i < r->nitems; i++)
			if (ur->items[i].applies && ur->items[i].changed)
				item_row(out, y, r, u, i, dialect);
		if (!ur->declared_mismatch)
			continue;
		row_start(&w, out, dialect);
		cell_text(&w, y->registry.units[u].code);
		cell_empty(&w);
		cell_text(&w, "declared-total");
		cell_points(&w, ur->self_max);
		cell_points(&w, y->subs[u].declared_total);
		cell_points(&w, ur->self_total);
		if (ur->scored)
			cell_points(&w, ur->total);
		else
			cell_empty(&w);
		cell_empty(&w);
		cell_empty(&w);
		row_end(&w);
	}
}

typedef void table_fn(struct strbuf *, const struct year *, const struct results *,
		      enum csvout_dialect);

static int write_one(const char *outdir, const char *name, const struct strbuf *sb)
{
	struct outfile o;
	char *path = path_join(outdir, name);
	int ret = 0;

	if (outfile_open(&o, path) < 0) {
		ret = -1;
		goto out;
	}
	if (sb->len && fwrite(sb->buf, 1, sb->len, o.f) != sb->len) {
		ret = error("cannot write '%s': %s", path, strerror(errno));
		outfile_abort(&o);
		goto out;
	}
	if (outfile_commit(&o) < 0)
		ret = -1;
out:
	free(path);
	return ret;
}

int csvout_write_all(const struct year *y, const struct results *r, const char *outdir,
		     int excel)
{
	static const struct {
		const char *name, *excel_name;
		table_fn *fn;
	} files[] = {
		{ "results.csv", "results-excel.csv", csvout_results },
		{ "items.csv", "items-excel.csv", csvout_items },
		{ "reconciliation.csv", "reconciliation-excel.csv", csvout_reconciliation },
	};
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	if (mkdir_p(outdir) < 0) {
		ret = error("cannot create '%s': %s", outdir, strerror(errno));
		goto out;
	}
	for (size_t k = 0; k < ARRAY_SIZE(files); k++) {
		for (int e = 0; e <= !!excel; e++) {
			strbuf_reset(&sb);
			files[k].fn(&sb, y, r, e ? CSVOUT_EXCEL : CSVOUT_RFC4180);
			if (write_one(outdir, e ? files[k].excel_name : files[k].name, &sb) < 0) {
				ret = -1;
				goto out;
			}
		}
	}
out:
	strbuf_release(&sb);
	return ret;
}
