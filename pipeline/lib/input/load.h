/*
 * load.h: reading a whole year folder into the model (model/year.h).
 */
#ifndef PARX_LOAD_H
#define PARX_LOAD_H

#include "base/diag.h"
#include "base/strbuf.h"
#include "model/year.h"

/*
 * Reads and checks the year folder `dir` (input/FORMATS.md). Every problem
 * found goes into `d`, in file and line order. Returns 1 when it found data
 * errors (then `y` holds what could be read: the checks that depend on it
 * may rely on y->index_ok and y->registry_read), 0 when none. An I/O failure
 * on an input (unreadable, not a regular file) is a data error at that
 * file, as for a missing one. `y` must be year_release()d either way.
 */
int year_load(struct year *y, const char *dir, struct diag *d);
/*
 * year_load() with YEAR_* flags: YEAR_HASH fills y->files[].sha256 for
 * provenance; YEAR_NO_PUBLICATION leaves publication.xml unread (the forms
 * are made before the decision exists).
 */
int year_load_flags(struct year *y, const char *dir, struct diag *d, unsigned flags);

/*
 * Reads only index.xml and units.csv (what the self-assessment forms and their
 * import need); y->subs is allocated and empty. Returns as year_load().
 */
int year_load_registry(struct year *y, const char *dir, struct diag *d);

/*
 * The inputs of a year folder (input/FORMATS.md, "The folder"): the files of
 * fixed names, and the folders whose files ending in `suffix` are read.
 */
#define LOAD_NFIXED 4
extern const char *const load_fixed[LOAD_NFIXED];
#define LOAD_NLISTED 2
extern const struct load_listed { const char *dir, *suffix; } load_listed[LOAD_NLISTED];

/*
 * Appends to `out` what the loaders would take from the year folder `dir`, by
 * name only: the fixed files present (index.xml, units.csv, publication.xml,
 * previous.csv), the names listed in submissions/ and appraisal/, and the
 * files there that would be skipped. A file added, removed or renamed
 * changes it; an edited one does not (its digest tells that).
 */
void load_listing(const char *dir, struct strbuf *out);

#endif
