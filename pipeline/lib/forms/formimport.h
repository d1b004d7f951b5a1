/*
 * formimport.h: filled workbooks back into the year folder's own files
 * (input/FORMATS.md, "Forms: the workbooks people fill in (.xlsx)"): a
 * self-assessment form becomes submissions/<unit code>.xml, an appraisal
 * worksheet becomes appraisal/<NN>-tham-dinh-vong-<N>.csv with the rows that
 * change something.
 *
 * A workbook is hostile input (xlsx.h bounds it). Every value obeys the rules
 * of the XML and CSV it becomes, checked here at its cell so that the unit
 * reads "received/a.xlsx:Tự chấm điểm!F14: error: …":
 *  - numbers are read as the decimal Excel displays (15 significant digits:
 *    binary noise such as 0.30000000000000004 is 0.30; pipeline/LIBRARIES.md,
 *    "libxlsxwriter 1.1.4"), then must have at most two decimals (1.257 is an
 *    error); a number typed as text ("0,5", "1.5") is read, with a warning,
 *    since the sheet's own totals skip it; other text in a number cell is an
 *    error;
 *  - the unit code and index id recorded on the form must name a unit of
 *    units.csv and the index of index.xml; a unit's form comes once;
 *  - the rule of each item: a level of a levels item, 0..max otherwise,
 *    numerator ≤ denominator, whole counts; not applicable only where the
 *    index allows it, with a note and without a score.
 */
#ifndef PARX_FORMIMPORT_H
#define PARX_FORMIMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

struct formimport {
	char **written;   /* the files written, relative to the year folder, in order */
	size_t nwritten;
	size_t nself;     /* self-assessment forms read */
	size_t nrounds;   /* appraisal worksheets read */
	size_t nrows;     /* appraisal rows written */
};

/*
 * Reads the workbooks `forms` (files, or folders whose *.xlsx are taken in
 * name order; Excel's "~$" lock files skipped) against the year folder
 * `year` (index.xml and units.csv; for an appraisal worksheet the whole year
 * but publication.xml) and, when none has an error, writes what they hold
 * into `year`. A file that exists already is an error unless `force`.
 * Returns 0, 1 when the workbooks have errors (nothing written), -1 after a
 * message on a write failure. `fi` must be formimport_release()d.
 */
int formimport_run(char *const *forms, size_t nforms, const char *year, int force,
		   struct diag *d, struct formimport *fi);
void formimport_release(struct formimport *fi);

/*
 * A cell's number as the hundredths it holds (the rules above). Returns 0,
 * 1 when it was text that reads as a number, -1 not a number, -2 more than
 * two decimals, -3 negative, -4 too large (over 999 999 999.99).
 */
int formimport_points(const char *literal, int is_text, int64_t *out);

/* The same for a whole number (numerator, denominator, count): -2 when not whole. */
int formimport_count(const char *literal, int is_text, int64_t *out);

#endif
