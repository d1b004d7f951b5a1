/*
 * recon.h: the reconciliation report, doi-chieu.pdf
 * (pipeline/DOCUMENTS.md, "Reconciliation report: doi-chieu.pdf (recon.c)").
 *
 * The document function, declared in render.h:
 *
 *     int recon_render(const struct render_ctx *c, const char *path);
 *
 * draws, for the appraisal team and the units, every item whose final score
 * differs from the unit's self score (and every item an appraisal row named
 * although it ended where it started), unit by unit in registry order, each
 * unit a bookmark: self, what the rule gives on the unit's own data, each
 * appraisal round (file, score, reason) in order, final, difference and who
 * changed it; the declared totals that do not add up; the sums of the
 * differences per unit, per group and field, and overall. Landscape pages.
 *
 * Differences are final − self, a not-applicable score counting as 0. The
 * sums of a unit, group or the whole year count a penalty's difference with
 * the opposite sign (a larger penalty lowers the total) and are taken before
 * the caps on bonuses and penalties: they say how far the appraisal moved the
 * total. recon_sums() computes them, for the document and for tests.
 */
#ifndef PARX_RECON_H
#define PARX_RECON_H

#include <stddef.h>
#include <stdint.h>

#include "score/scoring.h"
#include "model/year.h"

/* Differences of one unit (or a group, or all): hundredths, and counts of changed codes. */
struct recon_sum {
	int64_t fields;   /* field items: sum of final − self */
	int64_t bonus;    /* bonuses: sum of final − self */
	int64_t penalty;  /* penalties: sum of final − self (a positive value lowers the total) */
	int64_t effect;   /* fields + bonus − penalty */
	size_t nchanged;  /* codes whose final differs from self */
};

/* final − self of one code of a unit; a not-applicable side counts as 0. */
int64_t recon_diff(const struct item_result *ir);

/*
 * The sums of unit u (out), and, when `by_field` is not NULL, its field items
 * added into by_field[f] (index.nfields elements; fields and nchanged used).
 */
void recon_unit_sum(const struct year *y, const struct results *r, size_t u,
		    struct recon_sum *out, struct recon_sum *by_field);

#endif
