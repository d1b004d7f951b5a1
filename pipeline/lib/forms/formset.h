/*
 * formset.h: every form of a year folder at once (parx forms): one
 * self-assessment form per unit of units.csv and, when the year has
 * submissions, the appraisal worksheet of the next round.
 */
#ifndef PARX_FORMSET_H
#define PARX_FORMSET_H

#include <stddef.h>

#include "base/diag.h"

struct formset {
	size_t nself;    /* self-assessment forms written */
	int round;       /* the appraisal worksheet's round, 0 when none was made */
	char *appraisal; /* its file name, NULL when none */
};

/*
 * Reads what the forms need from the year folder `in` (index.xml and
 * units.csv; with submissions, the whole year but publication.xml) into `d`,
 * and when it holds no error writes the forms into the existing folder `dir`:
 * <unit code>.xlsx and tham-dinh-vong-<N>.xlsx. Returns 0, 1 when the data
 * have errors (nothing written), -1 after a message on a write failure.
 * `fs` must be formset_release()d.
 */
int formset_write(const char *in, const char *dir, struct diag *d, struct formset *fs);
void formset_release(struct formset *fs);

/* The file name of round `round`'s appraisal worksheet: "tham-dinh-vong-2.xlsx". Caller frees. */
char *formset_appraisal_name(int round);

#endif
