/*
 * registry.h: units.csv, the registry of the units assessed in a year
 * (formats.md §3, §10).
 */
#ifndef PARX_REGISTRY_H
#define PARX_REGISTRY_H

#include "year.h"

/*
 * Reads <y->dir>/units.csv into y->registry (units in file order, each with
 * the physical line of its row) and records the file in y->files. Columns
 * code, name, group are required, previous_code is optional; unknown or
 * duplicate columns are errors. Codes and previous codes match [A-Z0-9-]+,
 * codes are unique (a duplicate is reported on its second row); a group is
 * checked against y->index only when y->index_ok (otherwise unit.group is -1).
 * Rows with errors are left out. A missing file or a registry without units is
 * an error. Sets y->registry_ok when the file raised no error. Returns 0 (data
 * problems are in `d`).
 */
int registry_load(struct year *y, struct diag *d);

#endif
