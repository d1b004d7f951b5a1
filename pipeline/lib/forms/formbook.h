/*
 * formbook.h: the workbooks people fill in (input/FORMATS.md, "Forms: the workbooks people fill in (.xlsx)"),
 * written with libxlsxwriter in the layout of formdef.h.
 *
 *  - the self-assessment form of one unit: every item of its group under its
 *    field and criterion, the rule in words, input cells (self, numerator,
 *    denominator, count, not applicable, evidence, note) with data
 *    validation, live formulas for the rule's points, the field subtotals, the
 *    total and the index; everything else locked, the sheet protected
 *    without a password; a "Hướng dẫn" sheet;
 *  - the appraisal worksheet of the next round: every unit's items with their
 *    self score, raw data, evidence and current score, and input cells for the
 *    appraised score, corrected raw data and the reason.
 *
 * Both are written to a temporary name beside `path` and renamed into place:
 * a failed write leaves nothing under the final name. Workbooks are the same
 * bytes for the same inputs (the document date is fixed by the index year).
 * Return 0, or -1 after a message (error()) naming the file.
 */
#ifndef PARX_FORMBOOK_H
#define PARX_FORMBOOK_H

#include <stddef.h>

#include "base/strbuf.h"
#include "model/year.h"
#include "score/scoring.h"

/* The self-assessment form of unit `u` of y->registry (index and registry loaded). */
int formbook_write_self(const struct year *y, size_t u, const char *path);

/*
 * The appraisal worksheet of round `round` (1 + the appraisal files the year
 * has): every unit with a submission, scored in `r`.
 */
int formbook_write_appraisal(const struct year *y, const struct results *r, int round,
			     const char *path);

/* The rule of `it` in words, as the form prints it ("Mỗi lần trừ 0,5 điểm, …"). */
void formbook_rule_words(struct strbuf *sb, const struct item *it);

#endif
