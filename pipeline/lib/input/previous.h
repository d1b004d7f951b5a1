/*
 * previous.h: previous.csv, last year's results.csv, for the year-over-year
 * comparison (README.md and input/FORMATS.md).
 */
#ifndef PARX_PREVIOUS_H
#define PARX_PREVIOUS_H

#include "model/year.h"

/*
 * Reads the optional <y->dir>/previous.csv into y->previous and sets
 * y->has_previous when the file exists (absent: no message). Columns
 * unit_code, index and rank are required, every other column is ignored;
 * index is a points value (',' is also a decimal mark in a ';' file), rank a
 * positive integer; a duplicate unit_code is an error on its second row.
 * Records the file in y->files. Returns 0 (data problems are in `d`).
 */
int previous_load(struct year *y, struct diag *d);

#endif
