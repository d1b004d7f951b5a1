/*
 * scored.c: the scored results (scored.h). One writer and one reader per
 * record, side by side. The borrowed strings of an item (changed_by, reason)
 * are not written: they follow from its last round (the file and the reason
 * of that appraisal row) or from the flag that the rule changed it.
 */
#include "score/scored.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/tsv.h"
#include "input/workcopy.h"

#define MAGIC "parx-scored"
#define FORMAT 1
#define BIG 999999999999999LL

/* The digest of the working copy's file in `copy`. */
static int copy_digest(const char *copy, char hex[65])
{
	char *path = path_join(copy, WORKCOPY_FILE);
	int rc = sha256_file(path, hex);

	free(path);
	return rc;
}

static void put_ints(struct strbuf *sb, const int64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tsv_put_int(sb, v[i]);
}

int scored_write(const struct results *r, const char *copy, const char *dir)
{
	struct tsv_writer tw;
	struct strbuf *sb = &tw.sb;
	char hex[65], *path;
	int rc;

	if (copy_digest(copy, hex) < 0)
		return error("cannot read the working copy in '%s'", copy);
	path = path_join(dir, SCORED_FILE);
	rc = tsv_writer_open(&tw, path);
	free(path);
	if (rc < 0)
		return -1;
	strbuf_addf(sb, "%s\t%d\t%s\t%s\n", MAGIC, FORMAT, PARX_VERSION, hex);
	strbuf_addstr(sb, "sizes");
	tsv_put_int(sb, (long long)r->nunits);
	tsv_put_int(sb, (long long)r->nitems);
	tsv_put_int(sb, (long long)r->nfields);
	tsv_put_int(sb, (long long)r->ngroups);
	strbuf_addch(sb, '\n');
	for (size_t u = 0; u < r->nunits; u++) {
		const struct unit_result *ur = &r->units[u];
		const int64_t v[] = { ur->scored, ur->max, ur->base, ur->bonus_sum, ur->penalty_sum,
				      ur->bonus, ur->penalty, ur->total, ur->index, ur->grade, ur->rank,
				      ur->has_prev, ur->prev_index, ur->prev_rank, ur->index_change,
				      ur->rank_change, ur->self_max, ur->self_base, ur->self_bonus,
				      ur->self_penalty, ur->self_total, ur->self_index,
				      ur->declared_mismatch };

		strbuf_addstr(sb, "unit");
		put_ints(sb, v, ARRAY_SIZE(v));
		strbuf_addstr(sb, "\nfields");
		put_ints(sb, ur->field_points, r->nfields);
		put_ints(sb, ur->field_max, r->nfields);
		put_ints(sb, ur->field_index, r->nfields);
		strbuf_addch(sb, '\n');
		for (size_t i = 0; i < r->nitems; i++) {
			const struct item_result *ir = &ur->items[i];
			const int64_t w[] = { ir->applies, ir->claimed, ir->self_na, ir->has_self, ir->self,
					      ir->has_computed, ir->computed, ir->final_na, ir->final,
					      ir->changed, ir->changed_by && !ir->nrounds,
					      (int64_t)ir->nrounds };

			if (!ir->applies)
				continue; /* not of the unit's group: all zero (scoring.h) */
			strbuf_addstr(sb, "item");
			tsv_put_int(sb, (long long)i);
			put_ints(sb, w, ARRAY_SIZE(w));
			strbuf_addch(sb, '\n');
			for (size_t k = 0; k < ir->nrounds; k++) {
				strbuf_addstr(sb, "round");
				tsv_put_int(sb, (long long)ir->rounds[k].row);
				tsv_put_int(sb, ir->rounds[k].na);
				tsv_put_int(sb, ir->rounds[k].points);
				strbuf_addch(sb, '\n');
			}
		}
		tsv_writer_spill(&tw);
	}
	strbuf_addstr(sb, "order");
	for (size_t u = 0; u < r->nunits; u++)
		tsv_put_int(sb, (long long)r->order[u]);
	strbuf_addch(sb, '\n');
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct group_result *gr = &r->groups[g];
		const int64_t v[] = { (int64_t)gr->first, (int64_t)gr->n, (int64_t)gr->nscored,
				      gr->avg_base, gr->avg_bonus, gr->avg_penalty, gr->avg_total,
				      gr->avg_index, gr->avg_self_total, gr->best_index };

		strbuf_addstr(sb, "group");
		put_ints(sb, v, ARRAY_SIZE(v));
		strbuf_addstr(sb, "\nfields");
		for (size_t f = 0; f < r->nfields; f++)
			tsv_put_int(sb, (long long)gr->field_n[f]);
		put_ints(sb, gr->avg_field_points, r->nfields);
		put_ints(sb, gr->avg_field_index, r->nfields);
		put_ints(sb, gr->best_field_index, r->nfields);
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "end\n");
	return tsv_writer_commit(&tw);
}

static void take_ints(struct tsv_reader *t, int64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = tsv_int(t, -BIG, BIG);
}

static void read_unit(struct tsv_reader *t, const struct year *y, struct results *r,
		      struct unit_result *ur)
{
	int64_t v[23];

	if (!tsv_expect(t, "unit", ARRAY_SIZE(v)))
		return;
	take_ints(t, v, ARRAY_SIZE(v));
	ur->scored = (int)v[0];
	ur->max = v[1];
	ur->base = v[2];
	ur->bonus_sum = v[3];
	ur->penalty_sum = v[4];
	ur->bonus = v[5];
	ur->penalty = v[6];
	ur->total = v[7];
	ur->index = v[8];
	ur->grade = (int)v[9];
	ur->rank = (int)v[10];
	ur->has_prev = (int)v[11];
	ur->prev_index = v[12];
	ur->prev_rank = (int)v[13];
	ur->index_change = v[14];
	ur->rank_change = (int)v[15];
	ur->self_max = v[16];
	ur->self_base = v[17];
	ur->self_bonus = v[18];
	ur->self_penalty = v[19];
	ur->self_total = v[20];
	ur->self_index = v[21];
	ur->declared_mismatch = (int)v[22];
	if (ur->grade < -1 || ur->grade >= (int)y->index.ngrades)
		tsv_damaged(t, N_("a grade out of its range"));
	tsv_next(t);
	if (!tsv_expect(t, "fields", 3 * r->nfields))
		return;
	take_ints(t, ur->field_points, r->nfields);
	take_ints(t, ur->field_max, r->nfields);
	take_ints(t, ur->field_index, r->nfields);
	tsv_next(t);
	while (tsv_is(t, "item") && tsv_expect(t, "item", 13)) {
		size_t i = (size_t)tsv_int(t, 0, (long long)r->nitems - 1);
		struct item_result *ir = &ur->items[i];
		int64_t w[12];
		int rule;
		/* The positions of the flags among them (the order scored_write puts them in). */
		static const size_t flags[] = { 0, 1, 2, 3, 5, 7, 9, 10 };

		take_ints(t, w, ARRAY_SIZE(w));
		for (size_t k = 0; k < ARRAY_SIZE(flags) && !t->bad; k++)
			if (w[flags[k]] != 0 && w[flags[k]] != 1)
				tsv_damaged(t, N_("a flag is neither 0 nor 1"));
		if (t->bad)
			return;
		ir->applies = (unsigned char)w[0];
		ir->claimed = (unsigned char)w[1];
		ir->self_na = (unsigned char)w[2];
		ir->has_self = (unsigned char)w[3];
		ir->self = w[4];
		ir->has_computed = (unsigned char)w[5];
		ir->computed = w[6];
		ir->final_na = (unsigned char)w[7];
		ir->final = w[8];
		ir->changed = (unsigned char)w[9];
		rule = (int)w[10];
		if (w[11] < 0 || w[11] > (int64_t)y->nrows) {
			tsv_damaged(t, N_("a count out of its range"));
			return;
		}
		ir->nrounds = (size_t)w[11];
		ir->rounds = ir->nrounds ? xcalloc(ir->nrounds, sizeof(*ir->rounds)) : NULL;
		tsv_next(t);
		for (size_t k = 0; k < ir->nrounds && tsv_expect(t, "round", 3); k++) {
			ir->rounds[k].row = (size_t)tsv_int(t, 0, (long long)y->nrows - 1);
			ir->rounds[k].na = (int)tsv_int(t, 0, 1);
			ir->rounds[k].points = tsv_int(t, -BIG, BIG);
			tsv_next(t);
		}
		if (t->bad)
			return;
		/* The borrowed texts, as scoring.c sets them. */
		if (ir->nrounds) {
			const struct appraisal_row *row = &y->rows[ir->rounds[ir->nrounds - 1].row];

			ir->changed_by = row->file;
			ir->reason = row->reason;
		} else if (rule) {
			ir->changed_by = "rule";
		}
	}
}

int scored_read(struct results *r, const struct year *y, const char *copy, const char *dir,
		struct diag *d)
{
	struct tsv_reader t;
	char *path = path_join(dir, SCORED_FILE), hex[65];
	int rc = -1;

	results_alloc(r, y);
	if (tsv_open(&t, path, N_("the scored-results file"), N_("run parx-score again"), d) < 0)
		goto out;
	if (!tsv_next(&t) || t.nfield != 4 || strcmp(t.field[0], MAGIC)) {
		tsv_damaged(&t, N_("not scored results"));
	} else if (atoi(t.field[1]) != FORMAT || strcmp(t.field[2], PARX_VERSION)) {
		diag_error(d, path, 1, "the scored results were made by parx %s, not by this parx %s: run parx-score again",
			   t.field[2], PARX_VERSION);
		t.bad = 1;
	} else if (copy_digest(copy, hex) < 0 || strcmp(hex, t.field[3])) {
		diag_error(d, path, 1,
			   "the scored results were computed from another working copy than '%s': run parx-score again",
			   copy);
		t.bad = 1;
	}
	tsv_next(&t);
	if (tsv_expect(&t, "sizes", 4) &&
	    (tsv_int(&t, (long long)r->nunits, (long long)r->nunits),
	     tsv_int(&t, (long long)r->nitems, (long long)r->nitems),
	     tsv_int(&t, (long long)r->nfields, (long long)r->nfields),
	     tsv_int(&t, (long long)r->ngroups, (long long)r->ngroups), !t.bad))
		tsv_next(&t);
	for (size_t u = 0; u < r->nunits && !t.bad; u++)
		read_unit(&t, y, r, &r->units[u]);
	if (tsv_expect(&t, "order", r->nunits)) {
		for (size_t u = 0; u < r->nunits; u++)
			r->order[u] = (size_t)tsv_int(&t, 0, (long long)r->nunits - 1);
		tsv_next(&t);
	}
	for (size_t g = 0; g < r->ngroups && tsv_expect(&t, "group", 10); g++) {
		struct group_result *gr = &r->groups[g];
		int64_t v[10];

		take_ints(&t, v, ARRAY_SIZE(v));
		gr->first = (size_t)v[0];
		gr->n = (size_t)v[1];
		gr->nscored = (size_t)v[2];
		gr->avg_base = v[3];
		gr->avg_bonus = v[4];
		gr->avg_penalty = v[5];
		gr->avg_total = v[6];
		gr->avg_index = v[7];
		gr->avg_self_total = v[8];
		gr->best_index = v[9];
		if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[2] > v[1] || (size_t)(v[0] + v[1]) > r->nunits)
			tsv_damaged(&t, N_("a group out of its range"));
		tsv_next(&t);
		if (!tsv_expect(&t, "fields", 4 * r->nfields))
			break;
		for (size_t f = 0; f < r->nfields; f++)
			gr->field_n[f] = (size_t)tsv_int(&t, 0, (long long)r->nunits);
		take_ints(&t, gr->avg_field_points, r->nfields);
		take_ints(&t, gr->avg_field_index, r->nfields);
		take_ints(&t, gr->best_field_index, r->nfields);
		tsv_next(&t);
	}
	if (tsv_expect(&t, "end", 0) && tsv_next(&t))
		tsv_damaged(&t, N_("something follows its end"));
	rc = t.bad ? -1 : 0;
	tsv_close(&t);
out:
	free(path);
	return rc;
}
