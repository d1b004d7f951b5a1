/*
 * registry.h: units.csv, the registry of the units assessed in a year
 * (input/FORMATS.md).
 */
#ifndef PARX_REGISTRY_H
#define PARX_REGISTRY_H

#include "model/year.h"

/*
 * Reads <y->dir>/units.csv into y->registry (units in file order, each with
 * the physical line of its row) and records the file in y->files. Columns
 * code, name, group are required, previous_code is optional; unknown or
 * duplicate columns are errors. Codes and previous codes match [A-Z0-9-]+,
 * codes are unique (a duplicate is reported on its second row); a group is
 * checked against y->index only when y->index_ok (otherwise unit.group is -1).
 * Rows with errors are left out (their codes noted in registry.refused). A
 * missing file or a registry without units is an error. One name under two
 * codes is a warning on the second row. Sets y->registry_read when the rows
 * could be read, y->registry_ok when the file raised no error. Returns 0 (data
 * problems are in `d`).
 */
int registry_load(struct year *y, struct diag *d);

/*
 * Whether `code` names a unit of the registry, as far as it can be trusted:
 * 1 a unit that loaded; 0 no such unit (the registry was read); -1 unknown,
 * so not to be blamed again: the code is on a refused row of units.csv, or
 * units.csv could not be read at all.
 */
int registry_known(const struct year *y, const char *code);

#endif
