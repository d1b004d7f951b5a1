/*
 * scored.h: the scored results, the file the score stage hands on to the
 * render stage (README.md, "The working copy"): every number of a `struct
 * results` (scoring.h) as parx-score computed it from one working copy,
 * whose SHA-256 it records. Same record conventions as the working copy
 * (base/tsv.h); the first line is
 *
 *     parx-scored	1	0.1.0	<sha256 of ingest/year.tsv>
 *
 * then `sizes`, one `unit` record per unit with its `fields` and its `item`
 * records (each with its `round` records), `order`, and one `group` record
 * per group with its `fields`, then `end` (their fields: pipeline/STAGEFILES.md,
 * "`score/results.tsv`: the scored results (format 1)").
 */
#ifndef PARX_SCORED_H
#define PARX_SCORED_H

#include "base/diag.h"
#include "model/year.h"
#include "score/scoring.h"

#define SCORED_DIR "score"
#define SCORED_FILE "results.tsv"

/*
 * Writes `r`, computed from the working copy `copy` (a folder holding
 * year.tsv), into the existing folder `dir`, atomically. Returns 0, or -1
 * after error().
 */
int scored_write(const struct results *r, const char *copy, const char *dir);

/*
 * Reads the scored results in `dir` into `r`, for the year `y` read from the
 * working copy `copy`. Refused with an error in `d` and -1: results of
 * another version of parx, of another working copy (the copy changed since
 * parx-score ran), or damaged. `r` must be results_release()d either way.
 */
int scored_read(struct results *r, const struct year *y, const char *copy, const char *dir,
		struct diag *d);

#endif
