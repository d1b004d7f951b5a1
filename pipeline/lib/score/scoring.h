/*
 * scoring.h: the pure core of parx-score (README.md, "Scoring"; input/FORMATS.md,
 * "index.xml: the index" and the section of the appraisal CSVs, "…: the
 * appraisal team's changes"): rules, reconciliation, totals, indices, grades,
 * ranks and year over year, in exact integer hundredths. No I/O, no floating
 * point.
 *
 * Usage:
 *
 *     struct results r;
 *     scoring_run(&y, &r, &d);       fills r, reports warnings/errors in d
 *     ... r.units[u], r.order, r.groups[g] ...
 *     results_release(&r);
 *
 * Units are indexed as in y->registry.units, items as in y->index.items
 * (field items, then bonuses, then penalties), groups as in y->index.groups,
 * fields as in y->index.fields. All points, maxima and indices are int64_t
 * hundredths (87.25 -> 8725); an index is a percentage (87.25 % -> 8725).
 * Everything in a `struct results` is owned by it; `const char *` members are
 * borrowed from the `struct year` it was computed from, which must outlive it.
 */
#ifndef PARX_SCORING_H
#define PARX_SCORING_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/year.h"

/*
 * The points an item's rule gives (input/FORMATS.md, "index.xml: the index", the
 * table of the rules):
 *  - levels, scale: `self`, unchanged;
 *  - ratio: the points of the first band with numerator/denominator × 100 ≥
 *    from, compared exactly; 0 if none is reached;
 *  - proportional: max × min(1, (numerator/denominator) / (target/100)),
 *    rounded half up to the hundredth in one exact rational step;
 *  - ratio and proportional with denominator 0: max, or 0 with empty="zero";
 *  - count: min(max, count × per).
 * Arguments a rule does not use are ignored. Raw data are integers
 * 0..COUNT_MAX (not hundredths); any values within int64_t are computed
 * without overflow. Negative raw data are treated as 0.
 */
int64_t scoring_rule(const struct item *it, int64_t numerator, int64_t denominator,
		     int64_t count, int64_t self);

/*
 * `points` as a percentage of `max` (both hundredths, points ≥ 0, max > 0),
 * rounded half up to the hundredth: scoring_percent(4500, 5000) == 9000.
 * Returns 0 when max ≤ 0.
 */
int64_t scoring_percent(int64_t points, int64_t max);

/* The first grade of `ix` whose `from` ≤ `index` (a rounded index); -1 if none. */
int scoring_grade(const struct index *ix, int64_t index);

/* One appraisal row that touched an item of a unit, in application order. */
struct round_result {
	size_t row;     /* index in y->rows */
	int na;         /* the row says "na" */
	int64_t points; /* its score, or what the rule gives on its raw data (0 when na) */
};

/*
 * One unit and one code. Only codes of the unit's group are meaningful
 * (`applies`); the others are all zero. A year holds units x codes of them
 * (500,000 at 10,000 units): the flags are bytes, together, and the struct
 * is 64 bytes rather than 104.
 */
struct item_result {
	int64_t self;
	int64_t computed; /* the rule on the unit's own data */
	int64_t final;    /* 0 when final_na */
	struct round_result *rounds; /* every appraisal row for it, application order */
	size_t nrounds;
	const char *changed_by; /* borrowed: the last row's file, "rule", or NULL (empty) */
	const char *reason;     /* borrowed: the last row's reason, or NULL (empty) */
	unsigned char applies;      /* the item (bonus, penalty) applies to the unit's group */
	unsigned char claimed;      /* present in the submission (field items always are) */
	unsigned char self_na;      /* the unit declared it not applicable */
	unsigned char has_self;     /* a self value exists (0.00 for an unclaimed bonus/penalty) */
	unsigned char has_computed; /* 0 when the unit declared it not applicable: empty cell */
	unsigned char final_na;     /* not applicable in the end: leaves the applicable max */
	unsigned char changed;      /* final differs from self (na counts as a value of its own) */
};

struct unit_result {
	int scored;          /* has a submission and at least one applicable item */
	struct item_result *items; /* [index.nitems] */

	int64_t max;         /* applicable maximum: scale − max of its not-applicable items */
	int64_t *field_points; /* [index.nfields]: sum of finals of applicable items */
	int64_t *field_max;    /* [index.nfields]: 0 = no applicable item: empty cell */
	int64_t *field_index;  /* [index.nfields]: rounded %, 0 when field_max is 0 */
	int64_t base;        /* sum of field points */
	int64_t bonus_sum, penalty_sum; /* before their caps */
	int64_t bonus, penalty;         /* capped: as published */
	int64_t total;       /* base + bonus − penalty, floored at 0, capped if index cap */
	int64_t index;       /* total / max × 100, rounded half up to the hundredth */
	int grade;           /* index in index.grades, -1 if none */
	int rank;            /* 1-based within the group; 0 when not scored */

	/* Year over year (input/FORMATS.md): matched on previous_code if given, else code. */
	int has_prev;
	int64_t prev_index;
	int prev_rank;
	int64_t index_change; /* index − prev_index: positive = better */
	int rank_change;      /* prev_rank − rank: positive = climbed */

	/* The same formula on the self scores: declared-total check, "self vs final" chart. */
	int64_t self_max;    /* scale − max of the items the unit declared not applicable */
	int64_t self_base, self_bonus, self_penalty; /* bonus/penalty capped */
	int64_t self_total;
	int64_t self_index;  /* 0 when self_max ≤ 0 */
	int declared_mismatch; /* has a declared total and it differs from self_total */
};

/* A group: its units in rank order, and its averages over its scored units. */
struct group_result {
	size_t first, n;     /* r->order[first .. first+n): the group's units, rank then registry order */
	size_t nscored;      /* units with rank > 0; they come first in the slice */
	/*
	 * Averages over scored units, each the mean of the published (rounded)
	 * unit values, rounded half up to the hundredth; 0 when nscored is 0.
	 */
	int64_t avg_base, avg_bonus, avg_penalty, avg_total, avg_index, avg_self_total;
	int64_t best_index;
	/* Per field, over the scored units where the field has an applicable item. */
	size_t *field_n;          /* [nfields]: 0 = no such unit: averages empty */
	int64_t *avg_field_points; /* [nfields] */
	int64_t *avg_field_index;  /* [nfields] */
	int64_t *best_field_index; /* [nfields] */
};

struct results {
	size_t nunits, nitems, nfields, ngroups;
	struct unit_result *units;   /* [nunits], registry order */
	/*
	 * results.csv order: groups in index order, then rank, then registry
	 * order; units that could not be scored close their group's slice.
	 */
	size_t *order;               /* [nunits] unit indices */
	struct group_result *groups; /* [ngroups] */
};

/*
 * Scores every unit of `y` (which must have a loaded index and registry; a
 * unit without a submission is left unscored, never an error here) and fills
 * `r`. Diagnostics added to `d`:
 *  - warning at a submission's score line: a ratio, proportional or count
 *    self score that differs from what the rule gives on the unit's data;
 *  - warning at an appraisal row: a score given with raw data on which the
 *    rule gives something else (the score is used);
 *  - warning at the declared-total line: a declared total that differs from
 *    the total of the self scores;
 *  - error at the <submission> line: a unit with no applicable item.
 * Returns 0; `r` must be results_release()d.
 */
int scoring_run(const struct year *y, struct results *r, struct diag *d);

/*
 * Sizes `r` for the year `y` and allocates its arrays, all zero (grades -1):
 * what scoring_run() fills, and what reading scored results back fills
 * (score/scored.h).
 */
void results_alloc(struct results *r, const struct year *y);

/* Frees everything `r` holds and zeroes it; safe on a zeroed struct. */
void results_release(struct results *r);

#endif
