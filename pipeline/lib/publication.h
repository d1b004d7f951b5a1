/*
 * publication.h: publication.xml, the particulars the decision prints (formats.md §6).
 */
#ifndef PARX_PUBLICATION_H
#define PARX_PUBLICATION_H

#include "year.h"

/*
 * Reads <y->dir>/publication.xml into y->pub (required: a missing file is a
 * data error). Empty optional elements read as NULL. Returns 0.
 */
int publication_load(struct year *y, struct diag *d);
void publication_release(struct publication *p);

#endif
