/*
 * submission.h: loading and checking the units' self-assessments (input/FORMATS.md).
 */
#ifndef PARX_SUBMISSION_H
#define PARX_SUBMISSION_H

#include "model/year.h"

/*
 * Reads every .xml file of <y->dir>/submissions in byte order of names, checks each
 * against y->index and y->registry and fills y->subs (by unit). When the index
 * has errors the files are only parsed. Sets *parse_failed when some file
 * could not be read as a submission at all (so "no submission" for its unit
 * is not reported). Returns 0.
 */
int submissions_load(struct year *y, struct diag *d, int *parse_failed);

#endif
