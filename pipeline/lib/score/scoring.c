/*
 * scoring.c: the pure core of parx-score.
 *
 * scoring_run() works in four passes over a loaded `struct year`: it hands
 * every appraisal row to the (unit, item) it touches, keeping application
 * order; it reconciles each unit's items (self, computed, each round, final
 * and who changed it) and adds them up into field points, base, capped bonus
 * and penalty, total, index and grade, doing the same on the self scores for
 * the declared total; it sorts units into groups and ranks; it matches last
 * year's results and averages each group.
 *
 * Every number is an int64_t in hundredths. Products that could leave int64_t
 * (raw counts up to 999 999 999 times points or percentages in hundredths) are
 * formed in __int128, and every division is one exact rational rounding, so
 * nothing depends on evaluation order or on floating point.
 */
#include "score/scoring.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "input/index.h"
#include "base/points.h"
#include "base/strmap.h"

__extension__ typedef __int128 wide;

/* num/den rounded half up, for num ≥ 0 and den > 0; saturates at INT64_MAX. */
static int64_t round_div(wide num, wide den)
{
	wide q = (2 * num + den) / (2 * den);

	return q > INT64_MAX ? INT64_MAX : (int64_t)q;
}

int64_t scoring_rule(const struct item *it, int64_t numerator, int64_t denominator,
		     int64_t count, int64_t self)
{
	wide num = numerator > 0 ? numerator : 0;
	wide den = denominator > 0 ? denominator : 0;
	wide target;

	switch (it->rule) {
	case RULE_LEVELS:
	case RULE_SCALE:
		return self;
	case RULE_RATIO:
		if (den == 0)
			return it->empty_zero ? 0 : it->max;
		/* num/den × 100 ≥ from%, from in hundredths: num × 100 × 100 ≥ from × den. */
		for (size_t i = 0; i < it->nbands; i++)
			if (num * 10000 >= (wide)it->bands[i].from * den)
				return it->bands[i].points;
		return 0;
	case RULE_PROPORTIONAL:
		if (den == 0)
			return it->empty_zero ? 0 : it->max;
		target = it->target > 0 ? it->target : 10000;
		/* (num/den) / (target/100) ≥ 1 with target in hundredths of a percent. */
		if (num * 10000 >= target * den)
			return it->max;
		/* max × num × 10000 / (den × target), one rounding: max in hundredths already. */
		return round_div((wide)it->max * num * 10000, den * target);
	case RULE_COUNT: {
		wide p = (wide)(count > 0 ? count : 0) * (it->per > 0 ? it->per : 0);

		return p >= it->max ? it->max : (int64_t)p;
	}
	}
	return self;
}

int64_t scoring_percent(int64_t points, int64_t max)
{
	if (max <= 0)
		return 0;
	return round_div((wide)(points > 0 ? points : 0) * 10000, max);
}

int scoring_grade(const struct index *ix, int64_t index)
{
	for (size_t i = 0; i < ix->ngrades; i++)
		if (ix->grades[i].from <= index)
			return (int)i;
	return -1;
}

static const char *kind_name(const struct item *it)
{
	return kind_word(it->kind);
}

static const char *rule_name(const struct item *it)
{
	switch (it->rule) {
	case RULE_LEVELS: return "levels";
	case RULE_SCALE: return "scale";
	case RULE_RATIO: return "ratio";
	case RULE_PROPORTIONAL: return "proportional";
	case RULE_COUNT: return "count";
	}
	return "?";
}

/* Whether the rule of `it` uses raw data at all (and so can disagree with a score). */
static int rule_has_raw(const struct item *it)
{
	return it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL || it->rule == RULE_COUNT;
}

/* The raw data a rule reads, with the unit's own values behind missing ones. */
struct raw {
	int64_t numerator, denominator, count;
	int complete; /* everything the rule needs was given */
};

static void raw_describe(const struct item *it, const struct raw *raw, char *buf, size_t n)
{
	if (it->rule == RULE_COUNT)
		snprintf(buf, n, _("count %lld"), (long long)raw->count);
	else
		snprintf(buf, n, "%lld/%lld", (long long)raw->numerator, (long long)raw->denominator);
}

static struct raw raw_of_score(const struct item *it, const struct score *sc)
{
	const struct raw_data *in = &sc->raw;
	struct raw raw = { 0, 0, 0, 0 };

	if (in->has_numerator)
		raw.numerator = in->numerator;
	if (in->has_denominator)
		raw.denominator = in->denominator;
	if (in->has_count)
		raw.count = in->count;
	if (it->rule == RULE_COUNT)
		raw.complete = in->has_count;
	else if (it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL)
		raw.complete = in->has_numerator && in->has_denominator;
	return raw;
}

/* A row's raw data; `given` is set when the row carries any data its rule reads. */
static struct raw raw_of_row(const struct item *it, const struct appraisal_row *row,
			     const struct raw *own, int *given)
{
	const struct raw_data *in = &row->raw;
	struct raw raw = *own;

	raw.numerator = in->has_numerator ? in->numerator : own->numerator;
	raw.denominator = in->has_denominator ? in->denominator : own->denominator;
	raw.count = in->has_count ? in->count : own->count;
	if (it->rule == RULE_COUNT) {
		raw.complete = in->has_count;
		*given = in->has_count;
	} else if (it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL) {
		raw.complete = in->has_numerator && in->has_denominator;
		*given = in->has_numerator || in->has_denominator;
	} else {
		raw.complete = 0;
		*given = 0;
	}
	return raw;
}

/* Hands every appraisal row to the item result it touches, in application order. */
static void collect_rounds(const struct year *y, struct results *r)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < y->nrows; k++) {
			const struct appraisal_row *row = &y->rows[k];
			struct item_result *ir;

			if (row->unit < 0 || (size_t)row->unit >= r->nunits ||
			    row->item < 0 || (size_t)row->item >= r->nitems)
				continue;
			ir = &r->units[row->unit].items[row->item];
			if (pass == 0) {
				ir->nrounds++;
				continue;
			}
			ir->rounds[ir->nrounds].row = k;
			ir->nrounds++;
		}
		if (pass)
			break;
		/* Between passes: allocate exactly, then count again while filling. */
		for (size_t u = 0; u < r->nunits; u++)
			for (size_t i = 0; i < r->nitems; i++) {
				struct item_result *ir = &r->units[u].items[i];

				if (ir->nrounds)
					ir->rounds = xcalloc(ir->nrounds, sizeof(*ir->rounds));
				ir->nrounds = 0;
			}
	}
}

static int item_applies(const struct index *ix, const struct item *it, int group)
{
	if (group < 0 || (size_t)group >= ix->ngroups)
		return 0;
	return !it->in_group || it->in_group[group];
}

/* self, computed, each round, final, changed_by and reason of one item of one unit. */
static void reconcile_item(const struct year *y, const struct submission *s, size_t i,
			   struct item_result *ir, struct diag *d)
{
	const struct item *it = &y->index.items[i];
	const struct score *sc = s->scores ? &s->scores[i] : NULL;
	const struct unit *un;
	struct raw own = { 0, 0, 0, 0 };
	char buf[3][POINTS_BUFSZ], desc[64];

	if (sc && sc->present) {
		ir->claimed = 1;
		if (sc->na) {
			ir->self_na = 1;
		} else {
			ir->has_self = sc->has_self;
			ir->self = sc->has_self ? sc->self : 0;
			own = raw_of_score(it, sc);
			ir->has_computed = 1;
			/* Without the raw data its rule needs, nothing contradicts self. */
			ir->computed = rule_has_raw(it) && !own.complete ? ir->self :
				scoring_rule(it, own.numerator, own.denominator, own.count, ir->self);
			if (ir->has_self && rule_has_raw(it) && ir->computed != ir->self) {
				raw_describe(it, &own, desc, sizeof(desc));
				diag_warn(d, s->path, sc->line,
					  "%s '%s': self score %s differs from %s, the points its %s rule gives for %s",
					  kind_name(it), it->code, points_format(ir->self, i18n_decimal_mark(), buf[0]),
					  points_format(ir->computed, i18n_decimal_mark(), buf[1]), rule_name(it), desc);
			}
		}
	} else {
		/* An unclaimed bonus or penalty is 0.00 throughout. */
		ir->has_self = 1;
		ir->has_computed = 1;
	}

	for (size_t k = 0; k < ir->nrounds; k++) {
		struct round_result *rd = &ir->rounds[k];
		const struct appraisal_row *row = &y->rows[rd->row];
		int given;
		struct raw raw = raw_of_row(it, row, &own, &given);

		switch (row->kind) {
		case APPRAISAL_NA:
			rd->na = 1;
			rd->points = 0;
			break;
		case APPRAISAL_VALUE:
			rd->points = row->score;
			if (raw.complete && rule_has_raw(it)) {
				int64_t p = scoring_rule(it, raw.numerator, raw.denominator,
							 raw.count, row->score);

				if (p != row->score) {
					un = &y->registry.units[row->unit];
					raw_describe(it, &raw, desc, sizeof(desc));
					diag_warn(d, row->path, row->line,
						  "unit '%s', %s '%s': score %s differs from %s, the points its %s rule gives for %s; the score is used",
						  un->code, kind_name(it), it->code,
						  points_format(row->score, i18n_decimal_mark(), buf[0]),
						  points_format(p, i18n_decimal_mark(), buf[1]), rule_name(it), desc);
				}
			}
			break;
		case APPRAISAL_EMPTY:
			/* Corrected raw data: the rule scores them (levels/scale keep self). */
			rd->points = scoring_rule(it, raw.numerator, raw.denominator, raw.count,
						  ir->self);
			break;
		}
	}

	if (ir->nrounds) {
		const struct round_result *last = &ir->rounds[ir->nrounds - 1];
		const struct appraisal_row *row = &y->rows[last->row];

		ir->final_na = last->na;
		ir->final = last->points;
		ir->changed_by = row->file;
		ir->reason = row->reason;
	} else if (ir->self_na) {
		ir->final_na = 1;
	} else {
		ir->final = ir->computed;
		if (ir->computed != ir->self)
			ir->changed_by = "rule";
	}
	if (ir->self_na || ir->final_na)
		ir->changed = ir->self_na != ir->final_na;
	else
		ir->changed = ir->final != ir->self;
}

/* base + capped bonus − capped penalty, floored at 0, capped at max with cap="true". */
static int64_t total_of(const struct index *ix, int64_t base, int64_t *bonus, int64_t *penalty,
			int64_t max)
{
	int64_t total;

	if (*bonus > ix->bonus_max)
		*bonus = ix->bonus_max;
	if (*penalty > ix->penalty_max)
		*penalty = ix->penalty_max;
	total = base + *bonus - *penalty;
	if (total < 0)
		total = 0;
	if (ix->cap && total > max)
		total = max;
	return total;
}

static void score_unit(const struct year *y, struct results *r, size_t u, struct diag *d)
{
	const struct index *ix = &y->index;
	const struct unit *un = &y->registry.units[u];
	const struct submission *s = y->subs ? &y->subs[u] : NULL;
	struct unit_result *ur = &r->units[u];
	int64_t na_max = 0, self_na_max = 0;
	size_t napplicable = 0;
	char buf[2][POINTS_BUFSZ];

	if (!s || !s->path)
		return;
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];
		struct item_result *ir = &ur->items[i];

		if (!item_applies(ix, it, un->group))
			continue;
		ir->applies = 1;
		reconcile_item(y, s, i, ir, d);

		if (!ir->self_na) {
			int64_t self = ir->has_self ? ir->self : 0;

			if (it->kind == KIND_ITEM)
				ur->self_base += self;
			else if (it->kind == KIND_BONUS)
				ur->self_bonus += self;
			else
				ur->self_penalty += self;
		} else if (it->kind == KIND_ITEM) {
			self_na_max += it->max;
		}

		if (ir->final_na) {
			/* Only items may be not applicable; a bonus or penalty simply gives 0. */
			if (it->kind == KIND_ITEM)
				na_max += it->max;
			continue;
		}
		if (it->kind == KIND_ITEM) {
			if (it->field >= 0 && (size_t)it->field < ix->nfields) {
				ur->field_points[it->field] += ir->final;
				ur->field_max[it->field] += it->max;
			}
			ur->base += ir->final;
			napplicable++;
		} else if (it->kind == KIND_BONUS) {
			ur->bonus_sum += ir->final;
		} else {
			ur->penalty_sum += ir->final;
		}
	}

	/* The same formula on the self scores, for the declared total and the charts. */
	ur->self_max = ix->scale - self_na_max;
	ur->self_total = total_of(ix, ur->self_base, &ur->self_bonus, &ur->self_penalty,
				  ur->self_max);
	ur->self_index = scoring_percent(ur->self_total, ur->self_max);
	if (s->has_declared && s->declared_total != ur->self_total) {
		ur->declared_mismatch = 1;
		diag_warn(d, s->path, s->declared_line,
			  "declared total %s differs from %s, the total of the self scores",
			  points_format(s->declared_total, i18n_decimal_mark(), buf[0]),
			  points_format(ur->self_total, i18n_decimal_mark(), buf[1]));
	}

	ur->max = ix->scale - na_max;
	if (!napplicable) {
		diag_error(d, s->path, s->line,
			   "unit '%s' has no applicable item: every item of its group is not applicable, so it has no index",
			   un->code);
		return;
	}
	if (ur->max <= 0)
		return; /* an index whose items do not sum to its scale: reported there */
	for (size_t f = 0; f < ix->nfields; f++)
		ur->field_index[f] = scoring_percent(ur->field_points[f], ur->field_max[f]);
	ur->bonus = ur->bonus_sum;
	ur->penalty = ur->penalty_sum;
	ur->total = total_of(ix, ur->base, &ur->bonus, &ur->penalty, ur->max);
	ur->index = scoring_percent(ur->total, ur->max);
	ur->grade = scoring_grade(ix, ur->index);
	ur->scored = 1;
}

struct sort_key {
	size_t group; /* ngroups for a unit without a valid group: last */
	int scored;
	int64_t index;
	size_t unit;
};

static int key_cmp(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->scored != y->scored)
		return x->scored ? -1 : 1;
	if (x->index != y->index)
		return x->index > y->index ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* results.csv order, group slices and ranks (1, 2, 2, 4 on the rounded index). */
static void rank_units(const struct year *y, struct results *r)
{
	struct sort_key *keys = xcalloc(r->nunits ? r->nunits : 1, sizeof(*keys));

	for (size_t u = 0; u < r->nunits; u++) {
		int g = y->registry.units[u].group;

		keys[u].group = g >= 0 && (size_t)g < r->ngroups ? (size_t)g : r->ngroups;
		keys[u].scored = r->units[u].scored;
		keys[u].index = r->units[u].index;
		keys[u].unit = u;
	}
	qsort(keys, r->nunits, sizeof(*keys), key_cmp);
	for (size_t k = 0; k < r->nunits; k++) {
		struct unit_result *ur = &r->units[keys[k].unit];
		struct group_result *gr;

		r->order[k] = keys[k].unit;
		if (keys[k].group >= r->ngroups)
			continue;
		gr = &r->groups[keys[k].group];
		if (!gr->n)
			gr->first = k;
		gr->n++;
		if (!ur->scored)
			continue;
		/* Sorted by index: a tie takes the rank of the first of its kind. */
		if (gr->nscored && r->units[r->order[k - 1]].index == ur->index)
			ur->rank = r->units[r->order[k - 1]].rank;
		else
			ur->rank = (int)gr->nscored + 1;
		gr->nscored++;
	}
	free(keys);
}

static void match_previous(const struct year *y, struct results *r)
{
	struct strmap *by_code;

	if (!y->has_previous)
		return;
	/* A code's first row, as a search from the top would find it. */
	by_code = strmap_new();
	for (size_t p = 0; p < y->nprevious; p++)
		if (y->previous[p].unit_code)
			strmap_put(by_code, y->previous[p].unit_code, (int)p);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct unit *un = &y->registry.units[u];
		struct unit_result *ur = &r->units[u];
		int p = strmap_get(by_code, un->previous_code ? un->previous_code : un->code);

		if (p < 0 || y->previous[p].none)
			continue; /* none: matched, with no result that year: no comparison */
		ur->has_prev = 1;
		ur->prev_index = y->previous[p].index;
		ur->prev_rank = y->previous[p].rank;
		if (ur->scored) {
			ur->index_change = ur->index - ur->prev_index;
			ur->rank_change = ur->prev_rank - ur->rank;
		}
	}
	strmap_free(by_code);
}

static int64_t mean(int64_t sum, size_t n)
{
	return n ? round_div(sum, (wide)n) : 0;
}

static void average_groups(struct results *r)
{
	for (size_t g = 0; g < r->ngroups; g++) {
		struct group_result *gr = &r->groups[g];
		int64_t base = 0, bonus = 0, penalty = 0, total = 0, index = 0, self = 0;

		for (size_t k = gr->first; k < gr->first + gr->nscored; k++) {
			const struct unit_result *ur = &r->units[r->order[k]];

			base += ur->base;
			bonus += ur->bonus;
			penalty += ur->penalty;
			total += ur->total;
			index += ur->index;
			self += ur->self_total;
			if (ur->index > gr->best_index)
				gr->best_index = ur->index;
			for (size_t f = 0; f < r->nfields; f++) {
				if (!ur->field_max[f])
					continue;
				gr->field_n[f]++;
				gr->avg_field_points[f] += ur->field_points[f]; /* sums for now */
				gr->avg_field_index[f] += ur->field_index[f];
				if (ur->field_index[f] > gr->best_field_index[f])
					gr->best_field_index[f] = ur->field_index[f];
			}
		}
		gr->avg_base = mean(base, gr->nscored);
		gr->avg_bonus = mean(bonus, gr->nscored);
		gr->avg_penalty = mean(penalty, gr->nscored);
		gr->avg_total = mean(total, gr->nscored);
		gr->avg_index = mean(index, gr->nscored);
		gr->avg_self_total = mean(self, gr->nscored);
		for (size_t f = 0; f < r->nfields; f++) {
			gr->avg_field_points[f] = mean(gr->avg_field_points[f], gr->field_n[f]);
			gr->avg_field_index[f] = mean(gr->avg_field_index[f], gr->field_n[f]);
		}
	}
}

void results_alloc(struct results *r, const struct year *y)
{
	const struct index *ix = &y->index;

	memset(r, 0, sizeof(*r));
	r->nunits = y->registry.nunits;
	r->nitems = ix->nitems;
	r->nfields = ix->nfields;
	r->ngroups = ix->ngroups;
	r->units = xcalloc(r->nunits ? r->nunits : 1, sizeof(*r->units));
	r->order = xcalloc(r->nunits ? r->nunits : 1, sizeof(*r->order));
	r->groups = xcalloc(r->ngroups ? r->ngroups : 1, sizeof(*r->groups));
	for (size_t u = 0; u < r->nunits; u++) {
		struct unit_result *ur = &r->units[u];

		ur->items = xcalloc(r->nitems ? r->nitems : 1, sizeof(*ur->items));
		ur->field_points = xcalloc(r->nfields ? r->nfields : 1, sizeof(int64_t));
		ur->field_max = xcalloc(r->nfields ? r->nfields : 1, sizeof(int64_t));
		ur->field_index = xcalloc(r->nfields ? r->nfields : 1, sizeof(int64_t));
		ur->grade = -1;
	}
	for (size_t g = 0; g < r->ngroups; g++) {
		struct group_result *gr = &r->groups[g];

		gr->field_n = xcalloc(r->nfields ? r->nfields : 1, sizeof(size_t));
		gr->avg_field_points = xcalloc(r->nfields ? r->nfields : 1, sizeof(int64_t));
		gr->avg_field_index = xcalloc(r->nfields ? r->nfields : 1, sizeof(int64_t));
		gr->best_field_index = xcalloc(r->nfields ? r->nfields : 1, sizeof(int64_t));
	}
}

int scoring_run(const struct year *y, struct results *r, struct diag *d)
{
	results_alloc(r, y);
	collect_rounds(y, r);
	for (size_t u = 0; u < r->nunits; u++)
		score_unit(y, r, u, d);
	rank_units(y, r);
	match_previous(y, r);
	average_groups(r);
	return 0;
}

void results_release(struct results *r)
{
	if (r->units) {
		for (size_t u = 0; u < r->nunits; u++) {
			struct unit_result *ur = &r->units[u];

			if (ur->items)
				for (size_t i = 0; i < r->nitems; i++)
					free(ur->items[i].rounds);
			free(ur->items);
			free(ur->field_points);
			free(ur->field_max);
			free(ur->field_index);
		}
	}
	if (r->groups) {
		for (size_t g = 0; g < r->ngroups; g++) {
			free(r->groups[g].field_n);
			free(r->groups[g].avg_field_points);
			free(r->groups[g].avg_field_index);
			free(r->groups[g].best_field_index);
		}
	}
	free(r->units);
	free(r->order);
	free(r->groups);
	memset(r, 0, sizeof(*r));
}
