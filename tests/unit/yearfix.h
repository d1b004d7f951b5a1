/*
 * yearfix.h: years for the unit tests (header-only, like testhelp.h).
 *
 *  - A year folder (input/2024, tests/data/mini, a generated one) loaded with
 *    year_load() and scored with scoring_run(), and a render context over it.
 *  - A small year built by hand over a fixed index, with units and appraisal
 *    rows written to hit one case each (test-scoring, test-csvout). The index,
 *    in points (the code works in hundredths):
 *      field 1: 1.1 levels  max 20 (20 / 10 / 0)
 *               1.2 ratio   max 30 (from 100 -> 30, from 80 -> 15, from 0 -> 0), na allowed
 *      field 2: 2.1 proportional max 40 (target 100), na allowed
 *               2.2 scale   max 10, na allowed
 *      bonuses (max 3):    C1 scale max 2, C2 scale max 2
 *      penalties (max 1.5): T1 count per 0.5, max 2
 *      grades: 90 Tốt, 80 Khá, 65 Trung bình, 0 Yếu; groups A and B.
 *  - The tests' random numbers (xorshift, fixed seed) for generated years.
 */
#ifndef PARX_YEARFIX_H
#define PARX_YEARFIX_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/diag.h"
#include "docs/render.h"
#include "score/scoring.h"
#include "input/load.h"
#include "model/year.h"

/* ---- a year folder, loaded and scored ---- */

#define YEARFIX_FONTS "/usr/share/fonts/truetype/liberation2"

struct yearfix {
	struct year y;
	struct results r;
	struct diag d;    /* what loading and scoring said */
	int away;         /* the unit whose submission yearfix_drop_submission() took */
	char *away_path;  /* its path, given back by yearfix_release() */
};

/*
 * Loads the year folder `dir` and, when it loaded without an error, scores
 * it. Returns 0 when both went through without an error diagnostic, else -1
 * (the diagnostics printed). Release with yearfix_release() either way.
 */
static inline int yearfix_load(struct yearfix *f, const char *dir)
{
	memset(f, 0, sizeof(*f));
	diag_init(&f->d);
	if (year_load(&f->y, dir, &f->d) != 0 || f->d.nerrors || !f->y.index_ok || !f->y.registry_ok ||
	    scoring_run(&f->y, &f->r, &f->d) < 0 || f->d.nerrors) {
		diag_print(&f->d, stdout, 0);
		return -1;
	}
	return 0;
}

/* Scores the year again, after the test changed it; returns scoring_run()'s status. */
static inline int yearfix_rescore(struct yearfix *f)
{
	results_release(&f->r);
	return scoring_run(&f->y, &f->r, &f->d);
}

/*
 * Takes the submission of unit `code` away, as if the unit had sent none,
 * and scores the year again. Returns the unit's index, -1 when there is no
 * such unit (or a submission was taken already).
 */
static inline int yearfix_drop_submission(struct yearfix *f, const char *code)
{
	int u = registry_find(&f->y.registry, code);

	if (u < 0 || f->away_path)
		return -1;
	f->away = u;
	f->away_path = f->y.subs[u].path;
	f->y.subs[u].path = NULL;
	yearfix_rescore(f);
	return u;
}

/* Frees what the fixture holds and zeroes it: releasing twice is harmless. */
static inline void yearfix_release(struct yearfix *f)
{
	if (f->away_path)
		f->y.subs[f->away].path = f->away_path;
	results_release(&f->r);
	year_release(&f->y);
	diag_release(&f->d);
	memset(f, 0, sizeof(*f));
}

/* The render context of y and r: their epoch, the Liberation fonts, `templates` (may be NULL). */
static inline struct render_ctx yearfix_ctx_of(const struct year *y, const struct results *r,
					       const char *templates, int draft)
{
	struct render_ctx c = { y, r, draft, render_epoch(y), templates, YEARFIX_FONTS, 0, 0, 0, 0 };

	return c;
}

static inline struct render_ctx yearfix_ctx(const struct yearfix *f, const char *templates, int draft)
{
	return yearfix_ctx_of(&f->y, &f->r, templates, draft);
}

/* ---- a year built by hand ---- */

enum { I11, I12, I21, I22, C1, C2, T1, NITEMS };
#define MAXU 16
#define MAXR 16

struct fx {
	struct year y;
	struct field fields[2];
	struct group groups[2];
	struct item items[NITEMS];
	unsigned char in_group[NITEMS][2];
	struct level levels[3];
	struct band bands[3];
	struct grade grades[4];
	struct unit units[MAXU];
	struct submission subs[MAXU];
	struct score scores[MAXU][NITEMS];
	char paths[MAXU][64];
	struct appraisal_row rows[MAXR];
	struct previous_row prev[8];
	struct results r; /* fx_score() */
	struct diag d;
};

static inline void fx_item(struct fx *x, int i, const char *code, enum item_kind kind, int field,
		    enum rule_kind rule, int64_t max, int na)
{
	struct item *it = &x->items[i];

	it->code = (char *)code;
	it->name = (char *)code;
	it->kind = kind;
	it->field = field;
	it->criterion = -1;
	it->rule = rule;
	it->max = max;
	it->target = 10000;
	it->na_allowed = na;
	x->in_group[i][0] = x->in_group[i][1] = 1;
	it->in_group = x->in_group[i];
	it->line = 10 + i;
}

static inline struct fx *fx_new(int cap)
{
	struct fx *x = xcalloc(1, sizeof(*x));
	struct index *ix = &x->y.index;

	ix->path = (char *)"in/index.xml";
	ix->id = (char *)"T";
	ix->scale = 10000;
	ix->cap = cap;
	x->fields[0].code = (char *)"1";
	x->fields[1].code = (char *)"2";
	ix->fields = x->fields;
	ix->nfields = 2;
	x->groups[0].code = (char *)"A";
	x->groups[1].code = (char *)"B";
	ix->groups = x->groups;
	ix->ngroups = 2;
	fx_item(x, I11, "1.1", KIND_ITEM, 0, RULE_LEVELS, 2000, 0);
	fx_item(x, I12, "1.2", KIND_ITEM, 0, RULE_RATIO, 3000, 1);
	fx_item(x, I21, "2.1", KIND_ITEM, 1, RULE_PROPORTIONAL, 4000, 1);
	fx_item(x, I22, "2.2", KIND_ITEM, 1, RULE_SCALE, 1000, 1);
	fx_item(x, C1, "C1", KIND_BONUS, -1, RULE_SCALE, 200, 0);
	fx_item(x, C2, "C2", KIND_BONUS, -1, RULE_SCALE, 200, 0);
	fx_item(x, T1, "T1", KIND_PENALTY, -1, RULE_COUNT, 200, 0);
	x->levels[0].points = 2000;
	x->levels[1].points = 1000;
	x->levels[2].points = 0;
	x->items[I11].levels = x->levels;
	x->items[I11].nlevels = 3;
	x->bands[0] = (struct band){ 10000, 3000, 0 };
	x->bands[1] = (struct band){ 8000, 1500, 0 };
	x->bands[2] = (struct band){ 0, 0, 0 };
	x->items[I12].bands = x->bands;
	x->items[I12].nbands = 3;
	x->items[T1].per = 50;
	ix->items = x->items;
	ix->nitems = NITEMS;
	ix->has_bonuses = ix->has_penalties = 1;
	ix->bonus_max = 300;
	ix->penalty_max = 150;
	x->grades[0] = (struct grade){ 9000, (char *)"Tốt", 0 };
	x->grades[1] = (struct grade){ 8000, (char *)"Khá", 0 };
	x->grades[2] = (struct grade){ 6500, (char *)"Trung bình", 0 };
	x->grades[3] = (struct grade){ 0, (char *)"Yếu", 0 };
	ix->grades = x->grades;
	ix->ngrades = 4;
	x->y.registry.units = x->units;
	x->y.subs = x->subs;
	x->y.rows = x->rows;
	x->y.previous = x->prev;
	x->y.index_ok = x->y.registry_ok = 1;
	return x;
}

/* A unit with a submission scoring 0 everywhere (ratio/proportional raw data 0/1). */
static inline int fx_unit(struct fx *x, const char *code, int group)
{
	int u = (int)x->y.registry.nunits++;
	struct submission *s = &x->subs[u];

	x->units[u].code = (char *)code;
	x->units[u].name = (char *)code;
	x->units[u].group = group;
	x->units[u].line = 2 + u;
	snprintf(x->paths[u], sizeof(x->paths[u]), "in/submissions/%s.xml", code);
	s->path = x->paths[u];
	s->line = 2;
	s->scores = x->scores[u];
	for (int i = 0; i < NITEMS; i++)
		x->scores[u][i].line = 10 + i;
	for (int i = I11; i <= I22; i++) {
		x->scores[u][i].present = 1;
		x->scores[u][i].has_self = 1;
	}
	for (int i = I12; i <= I21; i++) {
		x->scores[u][i].raw.has_numerator = x->scores[u][i].raw.has_denominator = 1;
		x->scores[u][i].raw.denominator = 1;
	}
	return u;
}

static inline void fx_self(struct fx *x, int u, int i, int64_t self)
{
	struct score *sc = &x->scores[u][i];

	sc->present = 1;
	sc->has_self = 1;
	sc->self = self;
}

static inline void fx_raw(struct fx *x, int u, int i, int64_t self, int64_t num, int64_t den)
{
	struct score *sc = &x->scores[u][i];

	fx_self(x, u, i, self);
	sc->raw.has_numerator = sc->raw.has_denominator = 1;
	sc->raw.numerator = num;
	sc->raw.denominator = den;
}

static inline void fx_count(struct fx *x, int u, int i, int64_t self, int64_t count)
{
	struct score *sc = &x->scores[u][i];

	fx_self(x, u, i, self);
	sc->raw.has_count = 1;
	sc->raw.count = count;
}

static inline void fx_na(struct fx *x, int u, int i)
{
	struct score *sc = &x->scores[u][i];

	memset(sc, 0, sizeof(*sc));
	sc->present = 1;
	sc->na = 1;
	sc->line = 10 + i;
}

static inline void fx_declared(struct fx *x, int u, int64_t total)
{
	x->subs[u].has_declared = 1;
	x->subs[u].declared_total = total;
	x->subs[u].declared_line = 30;
}

/* Appends an appraisal row (callers add them in application order). */
static inline struct appraisal_row *fx_row(struct fx *x, const char *file, int u, int i,
				    enum appraisal_score kind, int64_t score, const char *reason)
{
	struct appraisal_row *row = &x->rows[x->y.nrows++];
	static char paths[MAXR][64];

	snprintf(paths[x->y.nrows - 1], sizeof(paths[0]), "in/appraisal/%s", file);
	row->file = (char *)file;
	row->path = paths[x->y.nrows - 1];
	row->line = 1 + (int)x->y.nrows;
	row->unit = u;
	row->item = i;
	row->kind = kind;
	row->score = score;
	row->reason = (char *)reason;
	return row;
}

/* Scores the hand-made year into x->r, its diagnostics into x->d. */
static inline void fx_score(struct fx *x)
{
	diag_init(&x->d);
	scoring_run(&x->y, &x->r, &x->d);
}

/* Scores the hand-made year again, after the test changed it: x->r and x->d released first. */
static inline void fx_rescore(struct fx *x)
{
	results_release(&x->r);
	diag_release(&x->d);
	scoring_run(&x->y, &x->r, &x->d);
}

/* Releases the results and diagnostics, and frees x. */
static inline void fx_free(struct fx *x)
{
	results_release(&x->r);
	diag_release(&x->d);
	free(x);
}

/* ---- random numbers ---- */

/* The next number of the tests' xorshift sequence (one per test binary, fixed seed). */
static inline uint64_t yearfix_random(void)
{
	static uint64_t s = 88172645463325252ULL;

	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return s;
}

#endif
