/*
 * test-scoring.c: the scoring core (scoring.h) on years built by hand.
 *
 * First each rule on its own with its edges, then scoring_run() on a small
 * fixed index (scale 100, two fields, two bonuses, one penalty) with units
 * written to hit one case each, then properties over a few hundred units of
 * random indices and data (xorshift, fixed seed).
 *
 * The fixed index is described in yearfix.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/points.h"
#include "score/scoring.h"
#include "testhelp.h"
#include "yearfix.h"

/* ---- rules on their own ---- */

static struct band pct_bands[] = {
	{ 10000, 200, 0 }, { 8000, 100, 0 }, { 0, 0, 0 },
};
static struct band odd_bands[] = {
	{ 7999, 300, 0 }, { 0, 0, 0 },
};

static struct item rule_item(enum rule_kind rule, int64_t max)
{
	struct item it;

	memset(&it, 0, sizeof(it));
	it.code = (char *)"X";
	it.rule = rule;
	it.max = max;
	it.target = 10000;
	return it;
}

static void test_rules(void)
{
	struct item it = rule_item(RULE_RATIO, 200);
	static const struct {
		int64_t num, den, want;
		const char *what;
	} ratio[] = {
		{ 7999, 10000, 0, "ratio 79.99% misses the 80% band" },
		{ 8000, 10000, 100, "ratio exactly 80% reaches the 80% band" },
		{ 3999999, 5000000, 0, "ratio 79.99998% misses the 80% band" },
		{ 4000000, 5000000, 100, "ratio 4000000/5000000 reaches 80%" },
		{ 799999999, 999999999, 0, "ratio 79.9999999% (9-digit counts) misses 80%" },
		{ 800000000, 999999999, 100, "ratio 80.00000008% reaches 80%" },
		{ 999999998, 999999999, 100, "ratio just under 100% gets the 80% band" },
		{ 999999999, 999999999, 200, "ratio 100% with 9-digit counts" },
		{ 4, 5, 100, "ratio 4/5 = 80% exactly" },
		{ 0, 7, 0, "ratio 0/7 gets the 0 band" },
		{ 0, 0, 200, "ratio 0/0 with empty=max gives max" },
	};
	/* an item of `rule` and `max` (target, per, empty=zero) given num/den, count and self */
	static const struct {
		enum rule_kind rule;
		int64_t max, target, per;
		int empty_zero;
		int64_t num, den, count, self, want;
		const char *what;
	} rules[] = {
		{ RULE_PROPORTIONAL, 400, 10000, 0, 0, 1, 3, 0, 0, 133, "proportional 1/3 of 4 = 1.33" },
		{ RULE_PROPORTIONAL, 400, 10000, 0, 0, 2, 3, 0, 0, 267, "proportional 2/3 of 4 = 2.67 (2.666… up)" },
		{ RULE_PROPORTIONAL, 400, 10000, 0, 0, 9, 9, 0, 0, 400, "proportional full" },
		{ RULE_PROPORTIONAL, 400, 10000, 0, 0, 0, 5, 0, 0, 0, "proportional 0/5" },
		{ RULE_PROPORTIONAL, 400, 10000, 0, 0, 1, 999999999, 0, 0, 0, "proportional 1/999999999 rounds to 0" },
		{ RULE_PROPORTIONAL, 400, 10000, 0, 0, 999999998, 999999999, 0, 0, 400,
		  "proportional 999999998/999999999 of 4 = 4.00" },
		{ RULE_PROPORTIONAL, 400, 10000, 0, 0, 0, 0, 0, 0, 400, "proportional 0/0 empty=max" },
		{ RULE_PROPORTIONAL, 400, 10000, 0, 1, 0, 0, 0, 0, 0, "proportional 0/0 empty=zero" },
		{ RULE_PROPORTIONAL, 100, 10000, 0, 0, 3, 8, 0, 0, 38,
		  "proportional 3/8 of 1 = 0.375 rounds half up to 0.38" },
		{ RULE_PROPORTIONAL, 100, 10000, 0, 0, 1, 8, 0, 0, 13,
		  "proportional 1/8 of 1 = 0.125 rounds half up to 0.13" },
		{ RULE_PROPORTIONAL, 100, 10000, 0, 0, 1, 200, 0, 0, 1,
		  "proportional 1/200 of 1 = 0.005 rounds half up to 0.01" },
		{ RULE_PROPORTIONAL, 100, 10000, 0, 0, 374999, 1000000, 0, 0, 37,
		  "proportional 374999/1000000 of 1 = 0.374999 rounds to 0.37" },
		{ RULE_PROPORTIONAL, 400, 8000, 0, 0, 80, 100, 0, 0, 400, "proportional target 80: 80% gives max" },
		{ RULE_PROPORTIONAL, 400, 8000, 0, 0, 90, 100, 0, 0, 400, "proportional target 80: 90% capped at max" },
		{ RULE_PROPORTIONAL, 400, 8000, 0, 0, 79, 100, 0, 0, 395,
		  "proportional target 80: 79% gives 4 × 79/80 = 3.95" },
		{ RULE_PROPORTIONAL, 400, 8000, 0, 0, 1, 3, 0, 0, 167,
		  "proportional target 80: 1/3 gives 4 × 33.33/80 = 1.67" },
		{ RULE_PROPORTIONAL, 400, 1, 0, 0, 1, 20000, 0, 0, 200,
		  "proportional target 0.01%: 1/20000 is half of it, 2.00" },
		{ RULE_PROPORTIONAL, 400, 1, 0, 0, 1, 10000, 0, 0, 400, "proportional target 0.01%: 1/10000 reaches it" },
		{ RULE_COUNT, 200, 10000, 50, 0, 0, 0, 0, 0, 0, "count 0" },
		{ RULE_COUNT, 200, 10000, 50, 0, 0, 0, 3, 0, 150, "count 3 × 0.5" },
		{ RULE_COUNT, 200, 10000, 50, 0, 0, 0, 4, 0, 200, "count 4 × 0.5 hits the cap of 2 exactly" },
		{ RULE_COUNT, 200, 10000, 50, 0, 0, 0, 5, 0, 200, "count 5 × 0.5 is capped at 2" },
		{ RULE_COUNT, 200, 10000, 50, 0, 0, 0, 999999999, 0, 200, "count 999999999 is capped" },
		{ RULE_COUNT, 100, 10000, 25, 0, 0, 0, 3, 0, 75, "count 3 × 0.25" },
		{ RULE_LEVELS, 100, 10000, 0, 0, 5, 7, 3, 50, 50, "levels gives self" },
		{ RULE_SCALE, 100, 10000, 0, 0, 5, 7, 3, 37, 37, "scale gives self" },
	};
	static const struct {
		int64_t points, max, want;
		const char *what;
	} percents[] = {
		{ 4500, 5000, 9000, "percent 45/50" },
		{ 5130, 7000, 7329, "percent 51.30/70 = 73.2857 -> 73.29" },
		{ 100, 800, 1250, "percent 1/8 = 12.5 exactly" },
		{ 100, 160000, 6, "percent 1/1600 = 0.0625 -> 0.06" },
		{ 100, 200000, 5, "percent 1/2000 = 0.05 exactly" },
		{ 1, 20000, 1, "percent 0.005 rounds half up to 0.01" },
		{ 1, 20001, 0, "percent 0.0049… rounds down" },
		{ 100, 0, 0, "percent with max 0" },
	};

	it.bands = pct_bands;
	it.nbands = ARRAY_SIZE(pct_bands);
	for (size_t k = 0; k < ARRAY_SIZE(ratio); k++)
		TEST_INT(ratio[k].what, scoring_rule(&it, ratio[k].num, ratio[k].den, 0, 0),
			 ratio[k].want);
	it.empty_zero = 1;
	TEST_INT("ratio 0/0 with empty=zero gives 0", scoring_rule(&it, 0, 0, 0, 0), 0);
	TEST_INT("ratio: self is ignored", scoring_rule(&it, 1, 1, 0, 55), 200);

	/* A band with a fractional from: 79.99 %. */
	it = rule_item(RULE_RATIO, 300);
	it.bands = odd_bands;
	it.nbands = ARRAY_SIZE(odd_bands);
	TEST_INT("ratio 7999/10000 reaches a 79.99% band", scoring_rule(&it, 7999, 10000, 0, 0), 300);
	TEST_INT("ratio 79989999/100000000 misses a 79.99% band",
		 scoring_rule(&it, 79989999, 100000000, 0, 0), 0);

	/* proportional, count, and levels and scale that keep self */
	for (size_t k = 0; k < ARRAY_SIZE(rules); k++) {
		it = rule_item(rules[k].rule, rules[k].max);
		it.target = rules[k].target;
		it.per = rules[k].per;
		it.empty_zero = rules[k].empty_zero;
		TEST_INT(rules[k].what, scoring_rule(&it, rules[k].num, rules[k].den, rules[k].count,
						     rules[k].self), rules[k].want);
	}
	for (size_t k = 0; k < ARRAY_SIZE(percents); k++)
		TEST_INT(percents[k].what, scoring_percent(percents[k].points, percents[k].max),
			 percents[k].want);
}

/* ---- a fixed index and hand-made units (yearfix.h) ---- */

/* Whether d holds a diagnostic of `level` at path:line whose message contains `needle`. */
static int has_diag(const struct diag *d, enum diag_level level, const char *path, int line,
		    const char *needle)
{
	for (size_t k = 0; k < d->n; k++)
		if (d->v[k].level == level && d->v[k].line == line && !strcmp(d->v[k].path, path) &&
		    strstr(d->v[k].message, needle))
			return 1;
	return 0;
}

static void dump_diag(const struct diag *d)
{
	for (size_t k = 0; k < d->n; k++)
		printf("#   %s:%d: %s: %s\n", d->v[k].path, d->v[k].line,
		       d->v[k].level == DIAG_ERROR ? "error" : "warning", d->v[k].message);
}

/*
 * The number forms of input/FORMATS.md, the section of the submissions, "…: a unit's self-assessment":
 * leading zeros are free, the limits are of the value.
 */
static void test_numbers(void)
{
	static const struct {
		const char *s;
		int comma, want;
		int64_t v;
	} pts[] = {
		{ "00000000000005", 0, 0, 500 },
		{ "0", 0, 0, 0 },
		{ "999999999.99", 0, 0, 99999999999 },
		{ "0000999999999.99", 0, 0, 99999999999 },
		{ "1000000000", 0, -2, 0 },
		{ "87,5", 1, 0, 8750 },
		{ "87,5", 0, -1, 0 },
		{ "1.234", 0, -1, 0 },
		{ "-1", 0, -1, 0 },
		{ "", 0, -1, 0 },
	};
	static const struct {
		const char *s;
		int want;
		int64_t v;
	} cnt[] = {
		{ "00000000010", 0, 10 },
		{ "999999999", 0, 999999999 },
		{ "0000000000999999999", 0, 999999999 },
		{ "1000000000", -2, 0 },
		{ "99999999999999999999999", -2, 0 },
		{ "1.0", -1, 0 },
		{ "", -1, 0 },
	};

	for (size_t i = 0; i < sizeof(pts) / sizeof(pts[0]); i++) {
		int64_t v = -1;
		int r = points_parse(pts[i].s, pts[i].comma, &v);

		printf("# points '%s'\n", pts[i].s);
		TEST_INT("points_parse status", r, pts[i].want);
		if (r == 0)
			TEST_INT("points_parse value", v, pts[i].v);
	}
	for (size_t i = 0; i < sizeof(cnt) / sizeof(cnt[0]); i++) {
		int64_t v = -1;
		int r = count_parse(cnt[i].s, &v);

		printf("# count '%s'\n", cnt[i].s);
		TEST_INT("count_parse status", r, cnt[i].want);
		if (r == 0)
			TEST_INT("count_parse value", v, cnt[i].v);
	}
}

static void test_basic(void)
{
	struct fx *x = fx_new(0);
	const struct unit_result *ur;
	const struct item_result *ir;
	int u;

	u = fx_unit(x, "U1", 0);
	fx_self(x, u, I11, 2000);
	fx_raw(x, u, I12, 3000, 10, 10);
	fx_raw(x, u, I21, 4000, 1, 3);  /* 4 × 1/3 = 1.33, not 4 */
	fx_self(x, u, I22, 550);
	fx_self(x, u, C1, 100);
	fx_count(x, u, T1, 50, 1);
	fx_declared(x, u, 9500);        /* self scores add up to 96.00 */
	fx_score(x);
	ur = &x->r.units[u];
	ir = &ur->items[I21];

	TEST_INT("basic: computed of a proportional self 40 on 1/3", ir->computed, 1333);
	TEST_INT("basic: final is computed", ir->final, 1333);
	TEST_STR("basic: changed_by rule", ir->changed_by, "rule");
	TEST("basic: reason empty", ir->reason == NULL);
	TEST("basic: changed", ir->changed);
	TEST("basic: self vs computed warning at the score line",
	     has_diag(&x->d, DIAG_WARNING, "in/submissions/U1.xml", 12,
		      "self score 40.00 differs from 13.33, the points its proportional rule gives for 1/3"));
	TEST("basic: unchanged item has no changed_by", !ur->items[I11].changed_by && !ur->items[I11].changed);
	TEST("basic: unclaimed bonus is 0.00 self/computed/final",
	     ur->items[C2].applies && !ur->items[C2].claimed && ur->items[C2].has_self &&
	     ur->items[C2].self == 0 && ur->items[C2].has_computed && ur->items[C2].computed == 0 &&
	     !ur->items[C2].final_na && ur->items[C2].final == 0 && !ur->items[C2].changed_by);
	TEST_INT("basic: field 1 points", ur->field_points[0], 5000);
	TEST_INT("basic: field 2 points 13.33 + 5.50", ur->field_points[1], 1883);
	TEST_INT("basic: field 2 max", ur->field_max[1], 5000);
	TEST_INT("basic: field 2 index 37.66", ur->field_index[1], 3766);
	TEST_INT("basic: field 1 index", ur->field_index[0], 10000);
	TEST_INT("basic: base", ur->base, 6883);
	TEST_INT("basic: bonus", ur->bonus, 100);
	TEST_INT("basic: penalty", ur->penalty, 50);
	TEST_INT("basic: total 68.83 + 1 - 0.5", ur->total, 6933);
	TEST_INT("basic: max", ur->max, 10000);
	TEST_INT("basic: index", ur->index, 6933);
	TEST_INT("basic: grade Trung bình", ur->grade, 2);
	TEST_INT("basic: rank", ur->rank, 1);
	TEST("basic: scored", ur->scored);
	TEST_INT("basic: self total", ur->self_total, 9600);
	TEST_INT("basic: self index", ur->self_index, 9600);
	TEST("basic: declared mismatch", ur->declared_mismatch);
	TEST("basic: declared-total warning at its line",
	     has_diag(&x->d, DIAG_WARNING, "in/submissions/U1.xml", 30,
		      "declared total 95.00 differs from 96.00, the total of the self scores"));
	TEST_INT("basic: two warnings, no error", (long long)(x->d.nwarnings * 10 + x->d.nerrors), 20);
	if (x->d.nwarnings != 2 || x->d.nerrors)
		dump_diag(&x->d);
	TEST("basic: no previous", !ur->has_prev);

	/* A declared total that matches: no warning. */
	fx_declared(x, u, 9600);
	fx_rescore(x);
	TEST("basic: matching declared total, no mismatch", !x->r.units[u].declared_mismatch);
	TEST_INT("basic: matching declared total, only the self warning", x->d.nwarnings, 1);
	fx_free(x);
}

/* A unit with everything at max and both bonuses (4 claimed, 3 allowed). */
static int full_unit(struct fx *x, const char *code, int group)
{
	int u = fx_unit(x, code, group);

	fx_self(x, u, I11, 2000);
	fx_raw(x, u, I12, 3000, 10, 10);
	fx_raw(x, u, I21, 4000, 5, 5);
	fx_self(x, u, I22, 1000);
	return u;
}

static void test_caps(void)
{

	for (int cap = 0; cap <= 1; cap++) {
		struct fx *x = fx_new(cap);
		int u = full_unit(x, "U", 0), v, w;
		const struct unit_result *ur;

		fx_self(x, u, C1, 200);
		fx_self(x, u, C2, 200);
		/* Penalty beyond its cap: count 10 × 0.5 = 5, item max 2, penalties max 1.5. */
		v = full_unit(x, "V", 0);
		fx_count(x, v, T1, 200, 10);
		/* A total below 0: nothing but a penalty. */
		w = fx_unit(x, "W", 1);
		fx_count(x, w, T1, 150, 3);
		fx_score(x);
		ur = &x->r.units[u];
		TEST_INT(cap ? "cap: bonus sum before cap" : "no cap: bonus sum before cap", ur->bonus_sum, 400);
		TEST_INT(cap ? "cap: bonus capped at 3" : "no cap: bonus capped at 3", ur->bonus, 300);
		TEST_INT(cap ? "cap=true: total capped at the applicable max" : "cap=false: total above 100",
			 ur->total, cap ? 10000 : 10300);
		TEST_INT(cap ? "cap=true: index 100.00" : "cap=false: index 103.00", ur->index, cap ? 10000 : 10300);
		TEST_INT("caps: grade Tốt", ur->grade, 0);
		TEST_INT("caps: self total follows the same formula", ur->self_total, cap ? 10000 : 10300);
		ur = &x->r.units[v];
		TEST_INT("penalty: item capped at its max", ur->items[T1].computed, 200);
		TEST_INT("penalty: sum before cap", ur->penalty_sum, 200);
		TEST_INT("penalty: capped at penalties max", ur->penalty, 150);
		TEST_INT("penalty: total 100 - 1.5", ur->total, 9850);
		ur = &x->r.units[w];
		TEST_INT("floor: base 0", ur->base, 0);
		TEST_INT("floor: penalty 1.5", ur->penalty, 150);
		TEST_INT("floor: total floored at 0", ur->total, 0);
		TEST_INT("floor: index 0", ur->index, 0);
		TEST_INT("floor: grade Yếu", ur->grade, 3);
		TEST_INT("floor: self total floored too", ur->self_total, 0);
		TEST_INT("caps: no diagnostics", (long long)x->d.n, 0);
		fx_free(x);
	}
}

static void test_not_applicable(void)
{
	struct fx *x = fx_new(0);
	const struct unit_result *ur;
	int u, v, w;

	/* 1.2 and 2.1 not applicable: max 100 - 30 - 40 = 30; fields 20 and 10. */
	u = fx_unit(x, "U", 0);
	fx_self(x, u, I11, 1000);
	fx_na(x, u, I12);
	fx_na(x, u, I21);
	fx_self(x, u, I22, 500);
	/* 2.1 and 2.2 not applicable: field 2 has no applicable item. */
	v = full_unit(x, "V", 0);
	fx_na(x, v, I21);
	fx_na(x, v, I22);
	/* Nothing applicable at all (1.1 forced, the index does not allow it). */
	w = fx_unit(x, "W", 1);
	fx_na(x, w, I11);
	fx_na(x, w, I12);
	fx_na(x, w, I21);
	fx_na(x, w, I22);
	fx_score(x);

	ur = &x->r.units[u];
	TEST_INT("na: applicable max shrinks", ur->max, 3000);
	TEST_INT("na: field 1 max shrinks", ur->field_max[0], 2000);
	TEST_INT("na: field 2 max shrinks", ur->field_max[1], 1000);
	TEST_INT("na: base", ur->base, 1500);
	TEST_INT("na: index 15/30", ur->index, 5000);
	TEST_INT("na: field 1 index", ur->field_index[0], 5000);
	TEST_INT("na: field 2 index", ur->field_index[1], 5000);
	TEST("na: self na, computed empty, final na, unchanged",
	     ur->items[I12].self_na && !ur->items[I12].has_computed && ur->items[I12].final_na &&
	     !ur->items[I12].changed && !ur->items[I12].changed_by);
	TEST_INT("na: self max", ur->self_max, 3000);
	TEST_INT("na: self total", ur->self_total, 1500);

	ur = &x->r.units[v];
	TEST_INT("empty field: field 2 max 0", ur->field_max[1], 0);
	TEST_INT("empty field: field 2 points 0", ur->field_points[1], 0);
	TEST_INT("empty field: max 50", ur->max, 5000);
	TEST_INT("empty field: index 100", ur->index, 10000);
	TEST("empty field: still scored", ur->scored);

	ur = &x->r.units[w];
	TEST("nothing applicable: not scored", !ur->scored);
	TEST_INT("nothing applicable: no rank", ur->rank, 0);
	TEST("nothing applicable: error at the submission line",
	     has_diag(&x->d, DIAG_ERROR, "in/submissions/W.xml", 2, "unit 'W' has no applicable item"));
	TEST_INT("nothing applicable: one error", x->d.nerrors, 1);
	TEST_INT("nothing applicable: group B slice keeps it", x->r.groups[1].n, 1);
	TEST_INT("nothing applicable: but not as scored", x->r.groups[1].nscored, 0);
	TEST_INT("nothing applicable: group average 0", x->r.groups[1].avg_index, 0);
	fx_free(x);
}

static void test_appraisal(void)
{
	struct fx *x = fx_new(0);
	const struct unit_result *ur;
	const struct item_result *ir;
	struct appraisal_row *row;
	int u, v, w;

	u = full_unit(x, "U", 0);
	v = full_unit(x, "V", 0);
	fx_na(x, v, I21);
	w = full_unit(x, "W", 1);

	/* a.csv first (file name order), then b.csv. */
	fx_row(x, "a.csv", u, I12, APPRAISAL_NA, 0, "không phát sinh");                 /* line 2 */
	row = fx_row(x, "a.csv", u, I21, APPRAISAL_EMPTY, 0, "sửa số liệu");           /* line 3 */
	row->raw.has_numerator = row->raw.has_denominator = 1;
	row->raw.numerator = 3;
	row->raw.denominator = 4;
	fx_row(x, "a.csv", u, I11, APPRAISAL_VALUE, 1000, "ban hành trễ");              /* line 4 */
	fx_row(x, "a.csv", v, I21, APPRAISAL_VALUE, 2000, "có phát sinh");              /* line 5 */
	row = fx_row(x, "a.csv", w, I12, APPRAISAL_VALUE, 3000, "giữ điểm");           /* line 6 */
	row->raw.has_numerator = row->raw.has_denominator = 1;
	row->raw.numerator = 7999;
	row->raw.denominator = 10000;
	row = fx_row(x, "a.csv", w, I21, APPRAISAL_VALUE, 2000, "đúng");                /* line 7 */
	row->raw.has_numerator = row->raw.has_denominator = 1;
	row->raw.numerator = 1;
	row->raw.denominator = 2;
	fx_row(x, "b.csv", u, I12, APPRAISAL_VALUE, 1500, "giải trình");                /* line 8 */
	fx_row(x, "b.csv", u, I11, APPRAISAL_VALUE, 2000, "đã bổ sung");               /* line 9 */
	fx_row(x, "b.csv", u, I22, APPRAISAL_NA, 0, "không áp dụng");                   /* line 10 */
	fx_score(x);

	ur = &x->r.units[u];
	ir = &ur->items[I12];
	TEST_INT("rounds: two rounds for 1.2", ir->nrounds, 2);
	TEST("rounds: first round na", ir->nrounds == 2 && ir->rounds[0].na && ir->rounds[0].row == 0);
	TEST("rounds: second round 15", ir->nrounds == 2 && !ir->rounds[1].na && ir->rounds[1].points == 1500 &&
	     ir->rounds[1].row == 6);
	TEST("second round replaces the na of the first", !ir->final_na && ir->final == 1500);
	TEST_STR("second round: changed_by its file", ir->changed_by, "b.csv");
	TEST_STR("second round: its reason", ir->reason, "giải trình");
	TEST("second round: changed", ir->changed);

	ir = &ur->items[I21];
	TEST_INT("corrected raw data re-scored: 4 × 3/4", ir->final, 3000);
	TEST_INT("corrected raw data: round points", ir->rounds[0].points, 3000);
	TEST_INT("corrected raw data: computed stays on own data", ir->computed, 4000);
	TEST_STR("corrected raw data: changed_by", ir->changed_by, "a.csv");

	ir = &ur->items[I11];
	TEST_INT("restoring self: final", ir->final, 2000);
	TEST("restoring self: not changed", !ir->changed);
	TEST_STR("restoring self still names its file", ir->changed_by, "b.csv");
	TEST_STR("restoring self: its reason", ir->reason, "đã bổ sung");

	ir = &ur->items[I22];
	TEST("appraisal na: final na", ir->final_na);
	TEST("appraisal na: changed", ir->changed);
	TEST_STR("appraisal na: changed_by", ir->changed_by, "b.csv");
	TEST_INT("appraisal na: max shrinks", ur->max, 9000);
	TEST_INT("appraisal: field 1 = 20 + 15", ur->field_points[0], 3500);
	TEST_INT("appraisal: field 2 = 30", ur->field_points[1], 3000);
	TEST_INT("appraisal: field 2 max 40", ur->field_max[1], 4000);
	TEST_INT("appraisal: field 2 index 75", ur->field_index[1], 7500);
	TEST_INT("appraisal: index 65/90 = 72.22", ur->index, 7222);
	TEST_INT("appraisal: self total untouched", ur->self_total, 10000);

	ur = &x->r.units[v];
	ir = &ur->items[I21];
	TEST("un-na: self na, computed empty", ir->self_na && !ir->has_computed);
	TEST("un-na: final 20, changed", !ir->final_na && ir->final == 2000 && ir->changed);
	TEST_STR("un-na: changed_by", ir->changed_by, "a.csv");
	TEST_INT("un-na: max back to 100", ur->max, 10000);
	TEST_INT("un-na: self max 60", ur->self_max, 6000);
	TEST_INT("un-na: index", ur->index, 8000);

	ur = &x->r.units[w];
	TEST_INT("score with disagreeing raw data: the score is used", ur->items[I12].final, 3000);
	TEST("score with disagreeing raw data: warning at the row",
	     has_diag(&x->d, DIAG_WARNING, "in/appraisal/a.csv", 6,
		      "unit 'W', item '1.2': score 30.00 differs from 0.00, the points its ratio rule gives for 7999/10000"));
	TEST("score with agreeing raw data: no warning",
	     !has_diag(&x->d, DIAG_WARNING, "in/appraisal/a.csv", 7, ""));
	TEST_INT("appraisal: one warning in all", x->d.nwarnings, 1);
	if (x->d.nwarnings != 1)
		dump_diag(&x->d);
	fx_free(x);
}

/* Sets unit u to 1.1 = a, 1.2 = 30 (or na), 2.1 = 40 (from 0/0), 2.2 = b. */
static int rank_unit(struct fx *x, const char *code, int group, int64_t a, int na12, int64_t b)
{
	int u = fx_unit(x, code, group);

	fx_self(x, u, I11, a);
	if (na12)
		fx_na(x, u, I12);
	else
		fx_raw(x, u, I12, 3000, 10, 10);
	fx_raw(x, u, I21, 4000, 0, 0);
	fx_self(x, u, I22, b);
	return u;
}

static void test_ranks(void)
{
	struct fx *x = fx_new(0);
	const struct unit_result *U = NULL;
	int p, q, b1, rr, b3, s, b2, b4;
	static const size_t want_order[] = { 3, 0, 1, 5, 2, 4, 6, 7 };
	int order_ok = 1;

	/* Group A: R 73.30; P 73.29 exactly; Q 51.30/70 = 73.2857 -> 73.29; S 73.28. */
	p = rank_unit(x, "P", 0, 0, 0, 329);
	q = rank_unit(x, "Q", 0, 1000, 1, 130);
	/* Group B: 90, 80, 80, 70; B3 comes before B2 in the registry. */
	b1 = rank_unit(x, "B1", 1, 2000, 0, 0);
	rr = rank_unit(x, "R", 0, 0, 0, 330);
	b3 = rank_unit(x, "B3", 1, 1000, 0, 0);
	s = rank_unit(x, "S", 0, 0, 0, 328);
	b2 = rank_unit(x, "B2", 1, 1000, 0, 0);
	b4 = rank_unit(x, "B4", 1, 0, 0, 0);
	/* Last year: P was OLDP; B1 says its previous code was ZZZ, not in the file. */
	x->units[p].previous_code = (char *)"OLDP";
	x->units[b1].previous_code = (char *)"ZZZ";
	x->prev[0] = (struct previous_row){ (char *)"R", 7000, 3, 2, 0 };
	x->prev[1] = (struct previous_row){ (char *)"OLDP", 8000, 1, 3, 0 };
	x->prev[2] = (struct previous_row){ (char *)"P", 5000, 9, 4, 0 };
	x->prev[3] = (struct previous_row){ (char *)"B1", 6000, 2, 5, 0 };
	/* S was registered last year but had no result (index and rank empty). */
	x->prev[4] = (struct previous_row){ (char *)"S", 0, 0, 6, 1 };
	x->y.nprevious = 5;
	x->y.has_previous = 1;
	fx_score(x);
	U = x->r.units;

	TEST_INT("ranks: R index", U[rr].index, 7330);
	TEST_INT("ranks: P index", U[p].index, 7329);
	TEST_INT("ranks: Q index rounds to P's", U[q].index, 7329);
	TEST_INT("ranks: S index", U[s].index, 7328);
	TEST_INT("ranks: R first", U[rr].rank, 1);
	TEST_INT("ranks: P second (differs by 0.01 from R)", U[p].rank, 2);
	TEST_INT("ranks: Q shares P's rank (equal at two decimals)", U[q].rank, 2);
	TEST_INT("ranks: S fourth (1, 2, 2, 4)", U[s].rank, 4);
	TEST_INT("ranks: B1", U[b1].rank, 1);
	TEST_INT("ranks: B3", U[b3].rank, 2);
	TEST_INT("ranks: B2", U[b2].rank, 2);
	TEST_INT("ranks: B4", U[b4].rank, 4);
	for (size_t k = 0; k < ARRAY_SIZE(want_order); k++)
		if (x->r.order[k] != want_order[k])
			order_ok = 0;
	TEST("ranks: results order: groups, rank, registry order", order_ok);
	TEST("ranks: group slices",
	     x->r.groups[0].first == 0 && x->r.groups[0].n == 4 && x->r.groups[0].nscored == 4 &&
	     x->r.groups[1].first == 4 && x->r.groups[1].n == 4 && x->r.groups[1].nscored == 4);
	TEST_INT("averages: group A index", x->r.groups[0].avg_index, 7329);
	TEST_INT("averages: group B index", x->r.groups[1].avg_index, 8000);
	TEST_INT("averages: group B best", x->r.groups[1].best_index, 9000);
	TEST_INT("averages: group A field 1 points (30+10+30+30)/4", x->r.groups[0].avg_field_points[0], 2500);
	TEST_INT("averages: group A field 1 index (60+50+60+60)/4", x->r.groups[0].avg_field_index[0], 5750);
	TEST_INT("averages: group A field 1 best index", x->r.groups[0].best_field_index[0], 6000);
	TEST_INT("averages: group A total (73.29+51.30+73.30+73.28)/4 = 67.7925", x->r.groups[0].avg_total, 6779);

	TEST("previous: P matched on previous_code only", U[p].has_prev && U[p].prev_index == 8000 &&
	     U[p].prev_rank == 1);
	TEST_INT("previous: P index change", U[p].index_change, -671);
	TEST_INT("previous: P rank change (fell one place)", U[p].rank_change, -1);
	TEST("previous: R matched on its code", U[rr].has_prev && U[rr].prev_index == 7000 &&
	     U[rr].prev_rank == 3);
	TEST_INT("previous: R index change", U[rr].index_change, 330);
	TEST_INT("previous: R rank change (climbed two)", U[rr].rank_change, 2);
	TEST("previous: Q unmatched", !U[q].has_prev);
	TEST("previous: S matched a row without a result: no comparison", !U[s].has_prev);
	TEST("previous: B1 with an unknown previous_code is unmatched", !U[b1].has_prev);
	TEST_INT("ranks: no diagnostics", (long long)x->d.n, 0);

	x->y.has_previous = 0;
	fx_rescore(x);
	TEST("previous: none without previous.csv", !x->r.units[rr].has_prev);
	fx_free(x);
}

static void test_robustness(void)
{
	struct fx *x = fx_new(0);
	int u;

	/* A unit without a submission is left unscored, never a crash. */
	u = fx_unit(x, "U", 0);
	x->subs[u].path = NULL;
	full_unit(x, "V", 0);
	fx_score(x);
	TEST("no submission: not scored", !x->r.units[u].scored && !x->r.units[u].items[I11].applies);
	TEST_INT("no submission: V still first", x->r.units[1].rank, 1);
	TEST_INT("no submission: order puts the unscored last", x->r.order[1], 0);
	TEST_INT("no submission: no diagnostics", (long long)x->d.n, 0);

	/* An item applying to group B only is left out for group A units. */
	x->in_group[C2][0] = 0;
	fx_rescore(x);
	TEST("groups: C2 does not apply to group A", !x->r.units[1].items[C2].applies);
	results_release(&x->r);
	fx_free(x); /* releases r again: twice is harmless */
}

/* ---- properties over random data ---- */

static int64_t rnd_upto(int64_t n) /* 0..n */
{
	return n <= 0 ? 0 : (int64_t)(yearfix_random() % (uint64_t)(n + 1));
}

__extension__ typedef __int128 wide;

/* Reference rules written differently from scoring.c: quotient and remainder. */
static void test_rule_reference(void)
{
	int bad_ratio = 0, bad_prop = 0;
	struct item it;
	struct band bands[3] = { { 10000, 300, 0 }, { 0, 100, 0 }, { 0, 0, 0 } };

	for (int k = 0; k < 20000; k++) {
		int64_t den = 1 + rnd_upto(k % 2 ? 999999998 : 50);
		int64_t num = rnd_upto(den);
		int64_t from = rnd_upto(10000);
		wide x, q, rem;

		it = rule_item(RULE_RATIO, 300);
		bands[1].from = from;
		it.bands = bands;
		it.nbands = 2;
		/* For an integer from: num × 10000 / den ≥ from iff its floor is. */
		x = (wide)num * 10000;
		q = x / den;
		if (scoring_rule(&it, num, den, 0, 0) != (num == den ? 300 : q >= from ? 100 : 0))
			bad_ratio++;

		it = rule_item(RULE_PROPORTIONAL, 1 + rnd_upto(10000000));
		it.target = 1 + rnd_upto(9999);
		x = (wide)it.max * num * 10000;
		q = x / ((wide)den * it.target);
		rem = x % ((wide)den * it.target);
		if (2 * rem >= (wide)den * it.target)
			q++;
		if (q > it.max)
			q = it.max;
		if (scoring_rule(&it, num, den, 0, 0) != (int64_t)q)
			bad_prop++;
	}
	TEST_INT("reference: ratio bands on 20000 random ratios", bad_ratio, 0);
	TEST_INT("reference: proportional on 20000 random ratios", bad_prop, 0);
}

struct gen {
	struct year y;
	unsigned char *in_group;
	size_t nlevels_total;
};

/* prefix, a, then ".b" when b ≥ 0, then suffix: code_of("G", 1, -1, "") = "G1". */
static char *code_of(const char *prefix, int a, int b, const char *suffix)
{
	char buf[64];

	if (b >= 0)
		snprintf(buf, sizeof(buf), "%s%d.%d%s", prefix, a, b, suffix);
	else
		snprintf(buf, sizeof(buf), "%s%d%s", prefix, a, suffix);
	return xstrdup(buf);
}

/* A random valid index with groups G0..G2 (every item in every group). */
static void gen_index(struct gen *g)
{
	struct index *ix = &g->y.index;
	size_t nf = 1 + (size_t)rnd_upto(4), nb = (size_t)rnd_upto(2), np = (size_t)rnd_upto(2);
	size_t cap = nf * 4 + nb + np, n = 0;

	ix->path = xstrdup("gen/index.xml");
	ix->ngroups = 3;
	ix->groups = xcalloc(3, sizeof(*ix->groups));
	for (int k = 0; k < 3; k++)
		ix->groups[k].code = code_of("G", k, -1, "");
	ix->nfields = nf;
	ix->fields = xcalloc(nf, sizeof(*ix->fields));
	ix->items = xcalloc(cap, sizeof(*ix->items));
	g->in_group = xcalloc(cap * 3, 1);
	memset(g->in_group, 1, cap * 3);
	for (size_t k = 0; k < nf + nb + np; k++) {
		size_t nit = k < nf ? 1 + (size_t)rnd_upto(3) : 1;

		if (k < nf)
			ix->fields[k].code = code_of("", (int)k + 1, -1, "");
		for (size_t j = 0; j < nit; j++, n++) {
			struct item *it = &ix->items[n];

			it->code = k < nf ? code_of("", (int)k + 1, (int)j + 1, "") :
				code_of(k < nf + nb ? "C" : "T", (int)k, -1, "");
			it->kind = k < nf ? KIND_ITEM : k < nf + nb ? KIND_BONUS : KIND_PENALTY;
			it->field = k < nf ? (int)k : -1;
			it->rule = (enum rule_kind)rnd_upto(4);
			it->max = 1 + rnd_upto(2000);
			it->target = rnd_upto(1) ? 10000 : 1 + rnd_upto(9999);
			it->per = 1 + rnd_upto(300);
			it->empty_zero = (int)rnd_upto(1);
			it->na_allowed = k < nf && rnd_upto(2) == 0;
			it->in_group = g->in_group + n * 3;
			if (it->rule == RULE_LEVELS) {
				it->nlevels = 3;
				it->levels = xcalloc(3, sizeof(*it->levels));
				it->levels[0].points = it->max;
				it->levels[1].points = it->max / 2;
			} else if (it->rule == RULE_RATIO) {
				it->nbands = 3;
				it->bands = xcalloc(3, sizeof(*it->bands));
				it->bands[0] = (struct band){ 10000, it->max, 0 };
				it->bands[1] = (struct band){ 1 + rnd_upto(9998), rnd_upto(it->max), 0 };
			}
			if (it->kind == KIND_ITEM)
				ix->scale += it->max;
		}
	}
	ix->nitems = n;
	ix->cap = (int)rnd_upto(1);
	ix->has_bonuses = nb > 0;
	ix->has_penalties = np > 0;
	ix->bonus_max = nb ? 1 + rnd_upto(500) : 0;
	ix->penalty_max = np ? 1 + rnd_upto(500) : 0;
	ix->ngrades = 4;
	ix->grades = xcalloc(4, sizeof(*ix->grades));
	ix->grades[0] = (struct grade){ 9000, xstrdup("Tốt"), 0 };
	ix->grades[1] = (struct grade){ 8000, xstrdup("Khá"), 0 };
	ix->grades[2] = (struct grade){ 6500, xstrdup("Trung bình"), 0 };
	ix->grades[3] = (struct grade){ 0, xstrdup("Yếu"), 0 };
}

static void gen_score(const struct item *it, struct score *sc)
{
	sc->present = 1;
	sc->has_self = 1;
	switch (it->rule) {
	case RULE_LEVELS:
		sc->self = it->levels[rnd_upto(2)].points;
		return;
	case RULE_SCALE:
		sc->self = rnd_upto(it->max);
		return;
	case RULE_RATIO:
	case RULE_PROPORTIONAL:
		sc->raw.has_numerator = sc->raw.has_denominator = 1;
		sc->raw.denominator = rnd_upto(3) ? rnd_upto(40) : rnd_upto(999999999);
		sc->raw.numerator = rnd_upto(sc->raw.denominator);
		break;
	case RULE_COUNT:
		sc->raw.has_count = 1;
		sc->raw.count = rnd_upto(8);
		break;
	}
	sc->self = rnd_upto(3) ?
		scoring_rule(it, sc->raw.numerator, sc->raw.denominator, sc->raw.count, 0) :
		rnd_upto(it->max);
}

static void gen_units(struct gen *g, size_t nunits)
{
	struct year *y = &g->y;
	const struct index *ix = &y->index;
	size_t rows_alloc = 0;

	y->registry.nunits = nunits;
	y->registry.units = xcalloc(nunits, sizeof(*y->registry.units));
	y->subs = xcalloc(nunits, sizeof(*y->subs));
	for (size_t u = 0; u < nunits; u++) {
		struct unit *un = &y->registry.units[u];
		struct submission *s = &y->subs[u];

		un->code = code_of("U", (int)u, -1, "");
		un->name = xstrdup(un->code);
		un->group = (int)rnd_upto(2);
		s->path = code_of("gen/s", (int)u, -1, ".xml");
		s->line = 2;
		s->scores = xcalloc(ix->nitems, sizeof(*s->scores));
		for (size_t i = 0; i < ix->nitems; i++) {
			const struct item *it = &ix->items[i];
			struct score *sc = &s->scores[i];

			sc->line = 10 + (int)i;
			if (it->kind != KIND_ITEM && rnd_upto(1))
				continue;
			if (it->na_allowed && rnd_upto(5) == 0) {
				sc->present = sc->na = 1;
				continue;
			}
			gen_score(it, sc);
		}
		/* Appraisal rows for about a third of the units, one to three each. */
		if (rnd_upto(2))
			continue;
		for (int k = (int)rnd_upto(2); k >= 0; k--) {
			size_t i = (size_t)rnd_upto((int64_t)ix->nitems - 1);
			const struct item *it = &ix->items[i];
			struct appraisal_row *row;
			struct score tmp;

			xgrow(&y->rows, &rows_alloc, y->nrows + 1, sizeof(*y->rows));
			row = &y->rows[y->nrows++];
			memset(row, 0, sizeof(*row));
			row->file = xstrdup(k ? "a.csv" : "b.csv");
			row->path = xstrdup("gen/appraisal.csv");
			row->line = (int)y->nrows + 1;
			row->unit = (int)u;
			row->item = (int)i;
			row->reason = xstrdup("lý do");
			memset(&tmp, 0, sizeof(tmp));
			gen_score(it, &tmp);
			if (it->na_allowed && rnd_upto(3) == 0) {
				row->kind = APPRAISAL_NA;
			} else if ((tmp.raw.has_count || tmp.raw.has_denominator) && rnd_upto(1)) {
				row->kind = APPRAISAL_EMPTY;
				row->raw = tmp.raw;
			} else {
				row->kind = APPRAISAL_VALUE;
				row->score = tmp.self;
			}
		}
	}
}

static void gen_release(struct gen *g)
{
	struct year *y = &g->y;
	struct index *ix = &y->index;

	for (size_t k = 0; k < ix->ngroups; k++)
		free(ix->groups[k].code);
	for (size_t k = 0; k < ix->nfields; k++)
		free(ix->fields[k].code);
	for (size_t k = 0; k < ix->nitems; k++) {
		free(ix->items[k].code);
		free(ix->items[k].levels);
		free(ix->items[k].bands);
	}
	for (size_t k = 0; k < ix->ngrades; k++)
		free(ix->grades[k].label);
	free(ix->path);
	free(ix->groups);
	free(ix->fields);
	free(ix->items);
	free(ix->grades);
	free(g->in_group);
	for (size_t u = 0; u < y->registry.nunits; u++) {
		free(y->registry.units[u].code);
		free(y->registry.units[u].name);
		free(y->subs[u].path);
		free(y->subs[u].scores);
	}
	for (size_t k = 0; k < y->nrows; k++) {
		free(y->rows[k].file);
		free(y->rows[k].path);
		free(y->rows[k].reason);
	}
	free(y->rows);
	free(y->registry.units);
	free(y->subs);
	memset(g, 0, sizeof(*g));
}

static void test_properties(void)
{
	int runs = 0, units = 0, bad_sum = 0, bad_rank = 0, bad_index = 0, bad_cause = 0;
	int bad_max = 0, bad_total = 0, bad_order = 0, bad_field = 0, scored = 0;

	for (int run = 0; run < 20; run++) {
		struct gen g;
		struct results r;
		struct diag d;
		const struct index *ix;

		memset(&g, 0, sizeof(g));
		gen_index(&g);
		gen_units(&g, 30 + (size_t)rnd_upto(20));
		ix = &g.y.index;
		diag_init(&d);
		scoring_run(&g.y, &r, &d);
		runs++;
		for (size_t u = 0; u < r.nunits; u++) {
			const struct unit_result *ur = &r.units[u];
			int64_t fsum = 0, fmax = 0, b, p, t;

			units++;
			for (size_t i = 0; i < r.nitems; i++) {
				const struct item_result *ir = &ur->items[i];

				if (ir->applies && ir->changed && !(ir->changed_by && *ir->changed_by))
					bad_cause++;
			}
			if (!ur->scored)
				continue;
			scored++;
			for (size_t f = 0; f < r.nfields; f++) {
				fsum += ur->field_points[f];
				fmax += ur->field_max[f];
				if (ur->field_max[f] &&
				    2 * llabs(ur->field_index[f] * ur->field_max[f] - ur->field_points[f] * 10000) >
				    ur->field_max[f])
					bad_field++;
			}
			if (fsum != ur->base)
				bad_sum++;
			if (fmax != ur->max)
				bad_max++;
			/* index × max ≈ total × 100 (both in hundredths) within half a hundredth. */
			if (2 * llabs(ur->index * ur->max - ur->total * 10000) > ur->max)
				bad_index++;
			b = ur->bonus_sum < ix->bonus_max ? ur->bonus_sum : ix->bonus_max;
			p = ur->penalty_sum < ix->penalty_max ? ur->penalty_sum : ix->penalty_max;
			t = ur->base + b - p;
			t = t < 0 ? 0 : t;
			if (ix->cap && t > ur->max)
				t = ur->max;
			if (t != ur->total || b != ur->bonus || p != ur->penalty)
				bad_total++;
			for (size_t v = 0; v < r.nunits; v++) {
				const struct unit_result *vr = &r.units[v];
				int greater = 0;

				if (!vr->scored || g.y.registry.units[v].group != g.y.registry.units[u].group)
					continue;
				if ((vr->index > ur->index) != (vr->rank < ur->rank) ||
				    (vr->index == ur->index) != (vr->rank == ur->rank))
					bad_rank++;
				for (size_t w = 0; w < r.nunits; w++)
					if (r.units[w].scored &&
					    g.y.registry.units[w].group == g.y.registry.units[u].group &&
					    r.units[w].index > ur->index)
						greater++;
				if (v == u && ur->rank != greater + 1)
					bad_rank++;
			}
		}
		/* results order: groups ascending, then rank, then registry order. */
		for (size_t k = 1; k < r.nunits; k++) {
			size_t a = r.order[k - 1], c = r.order[k];
			int ga = g.y.registry.units[a].group, gc = g.y.registry.units[c].group;
			const struct unit_result *ua = &r.units[a], *uc = &r.units[c];

			if (ga > gc || (ga == gc && ua->scored && uc->scored &&
					(ua->rank > uc->rank || (ua->rank == uc->rank && a > c))) ||
			    (ga == gc && !ua->scored && uc->scored))
				bad_order++;
		}
		results_release(&r);
		diag_release(&d);
		gen_release(&g);
	}
	printf("# properties: %d runs, %d units, %d scored\n", runs, units, scored);
	TEST("properties: enough scored units", scored > 300);
	TEST_INT("properties: field points sum to base", bad_sum, 0);
	TEST_INT("properties: field maxima sum to the applicable max", bad_max, 0);
	TEST_INT("properties: ranks consistent with index order in each group", bad_rank, 0);
	TEST_INT("properties: index × max = total × 100 within half a hundredth", bad_index, 0);
	TEST_INT("properties: field index likewise", bad_field, 0);
	TEST_INT("properties: total = base + capped bonus − capped penalty, floored, capped", bad_total, 0);
	TEST_INT("properties: every final that differs from self names its cause", bad_cause, 0);
	TEST_INT("properties: results order", bad_order, 0);
}

int main(void)
{
	test_numbers();
	test_rules();
	test_basic();
	test_caps();
	test_not_applicable();
	test_appraisal();
	test_ranks();
	test_robustness();
	test_rule_reference();
	test_properties();
	TEST_REPORT();
}
