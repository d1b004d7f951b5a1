/*
 * index.h: loading and checking index.xml (input/FORMATS.md).
 */
#ifndef PARX_INDEX_H
#define PARX_INDEX_H

#include "model/year.h"

/*
 * Reads <y->dir>/index.xml into y->index and checks every rule an index must
 * satisfy; each failure is a located error in `d`. Sets y->index_ok when the
 * index has no error (later checks rely on it). Returns 0 (data problems are
 * in `d`).
 */
int index_load(struct year *y, struct diag *d);

/*
 * The most fields an index may have: the ranking and summary tables of the
 * documents give every field a column of numbers on an A4 landscape page, and
 * with more than this many their columns no longer fit (measured: 9 fit the
 * reconciliation report's group-by-field table, 15 the decision's annex).
 */
#define INDEX_MAX_FIELDS 9

/* "item", "bonus" or "penalty", in the language of the messages. */
const char *kind_word(enum item_kind kind);

#endif
