/*
 * appraisal.h: appraisal/<name>.csv, the appraisal team's changes (input/FORMATS.md).
 */
#ifndef PARX_APPRAISAL_H
#define PARX_APPRAISAL_H

#include "model/year.h"

/*
 * Reads every <y->dir>/appraisal/<name>.csv (the folder is optional) in strcmp
 * order of names and appends the valid rows to y->rows in application order
 * (file order, then line order); each file is recorded in y->files. Columns
 * unit, code, score, reason are required; numerator, denominator, count are
 * optional; unknown or duplicate columns are errors. Rows are checked against
 * the index and the registry only when y->index_ok && y->registry_ok (and only
 * then appended). Within one file, a second row for the same unit and code
 * replaces the first, with a warning. Returns 0 (data problems are in `d`).
 */
int appraisal_load(struct year *y, struct diag *d);

#endif
