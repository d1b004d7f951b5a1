/*
 * ingest.c: writes the working copy (see ingest.h): year.tsv, which the later
 * stages read instead of the raw folder (input/workcopy.h), and beside it the
 * same data as tables for people: what an appraiser or an engineer reads to
 * see exactly what parx understood, while PROVENANCE ties every output to the
 * bytes it came from.
 */
#include "score/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "score/csvout.h"
#include "base/fileio.h"
#include "base/points.h"
#include "base/strbuf.h"
#include "input/workcopy.h"

static void cell(struct strbuf *sb, const char *s, int last)
{
	csvout_text_cell(sb, s ? s : "", CSVOUT_RFC4180);
	strbuf_addstr(sb, last ? "\r\n" : ",");
}

static void cell_points(struct strbuf *sb, int has, int64_t v, int last)
{
	char buf[POINTS_BUFSZ];

	cell(sb, has ? points_format(v, '.', buf) : "", last);
}

static void cell_int(struct strbuf *sb, int has, long long v, int last)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	cell(sb, has ? buf : "", last);
}

static void joined(struct strbuf *sb, char *const *v, size_t n, int last)
{
	struct strbuf j = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&j, "%s%s", i ? " | " : "", v[i]);
	cell(sb, j.buf, last);
	strbuf_release(&j);
}

static void units_csv(struct strbuf *sb, const struct year *y)
{
	strbuf_addstr(sb, "code,name,group,previous_code,line\r\n");
	for (size_t u = 0; u < y->registry.nunits; u++) {
		const struct unit *un = &y->registry.units[u];

		cell(sb, un->code, 0);
		cell(sb, un->name, 0);
		cell(sb, y->index.groups[un->group].code, 0);
		cell(sb, un->previous_code, 0);
		cell_int(sb, 1, un->line, 1);
	}
}

static void scores_csv(struct strbuf *sb, const struct year *y)
{
	strbuf_addstr(sb, "unit,code,na,self,numerator,denominator,count,evidence,note,file,line\r\n");
	for (size_t u = 0; u < y->registry.nunits; u++) {
		const struct submission *s = &y->subs[u];

		if (!s->path)
			continue;
		for (size_t i = 0; i < y->index.nitems; i++) {
			const struct score *sc = &s->scores[i];

			if (!sc->present)
				continue;
			cell(sb, y->registry.units[u].code, 0);
			cell(sb, y->index.items[i].code, 0);
			cell(sb, sc->na ? "true" : "false", 0);
			cell_points(sb, sc->has_self, sc->self, 0);
			cell_int(sb, sc->raw.has_numerator, sc->raw.numerator, 0);
			cell_int(sb, sc->raw.has_denominator, sc->raw.denominator, 0);
			cell_int(sb, sc->raw.has_count, sc->raw.count, 0);
			joined(sb, sc->evidence, sc->nevidence, 0);
			joined(sb, sc->notes, sc->nnotes, 0);
			cell(sb, year_relative(y, s->path), 0);
			cell_int(sb, 1, sc->line, 1);
		}
	}
}

static void appraisal_csv(struct strbuf *sb, const struct year *y)
{
	strbuf_addstr(sb, "file,line,unit,code,score,numerator,denominator,count,reason\r\n");
	for (size_t i = 0; i < y->nrows; i++) {
		const struct appraisal_row *r = &y->rows[i];

		cell(sb, year_relative(y, r->path), 0);
		cell_int(sb, 1, r->line, 0);
		cell(sb, y->registry.units[r->unit].code, 0);
		cell(sb, y->index.items[r->item].code, 0);
		if (r->kind == APPRAISAL_NA)
			cell(sb, "na", 0);
		else
			cell_points(sb, r->kind == APPRAISAL_VALUE, r->score, 0);
		cell_int(sb, r->raw.has_numerator, r->raw.numerator, 0);
		cell_int(sb, r->raw.has_denominator, r->raw.denominator, 0);
		cell_int(sb, r->raw.has_count, r->raw.count, 0);
		cell(sb, r->reason, 1);
	}
}

int ingest_write(const struct year *y, const struct diag *d, const char *outdir)
{
	char *dir = path_join(outdir, "ingest");
	struct strbuf sb = STRBUF_INIT;
	struct {
		const char *name;
		void (*fill)(struct strbuf *, const struct year *);
	} tables[] = {
		{ "units.csv", units_csv },
		{ "scores.csv", scores_csv },
		{ "appraisal.csv", appraisal_csv },
	};
	int ret = 0;

	if (mkdir_p(dir) < 0) {
		ret = error("cannot create folder '%s'", dir);
		goto out;
	}
	for (size_t i = 0; i < y->nfiles; i++)
		strbuf_addf(&sb, "%s  %s\n", y->files[i].sha256, year_relative(y, y->files[i].path));
	{
		char *p = path_join(dir, "PROVENANCE");

		ret = file_write_atomic(p, sb.buf, sb.len);
		free(p);
	}
	if (!ret)
		ret = workcopy_write(y, d, dir);
	/* The tables are for people: a year with errors has none. */
	for (size_t t = 0; t < ARRAY_SIZE(tables) && !ret && !d->nerrors; t++) {
		char *p = path_join(dir, tables[t].name);

		strbuf_reset(&sb);
		tables[t].fill(&sb, y);
		ret = file_write_atomic(p, sb.buf, sb.len);
		free(p);
	}
out:
	strbuf_release(&sb);
	free(dir);
	return ret;
}
