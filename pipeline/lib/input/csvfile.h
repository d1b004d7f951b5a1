/*
 * csvfile.h: the CSV dialect of input/FORMATS.md, read through libcsv.
 *
 * UTF-8 only (one BOM skipped; a UTF-16 BOM or invalid UTF-8 is an error at
 * its line, with a hint to save as UTF-8); delimiter ';' when the header line
 * has more unquoted ';' than ',', else ','; RFC 4180 quoting; blank rows
 * ignored; every other row must have the header's number of fields; every
 * field NFC-normalised and trimmed (text.h); each record keeps the physical
 * line it starts on.
 */
#ifndef PARX_CSVFILE_H
#define PARX_CSVFILE_H

#include <stddef.h>

#include "base/diag.h"

/* A record of more fields than this is an error at its line (the fields are not kept). */
#define CSV_MAX_FIELDS 1000
#define CSV_MAX_DROPPED 100000

struct csv_row {
	int line;
	char **fields; /* [ncols], never NULL entries ("" when empty) */
};

struct csv_table {
	char *path;
	char delim;    /* ',' or ';' */
	char **header; /* [ncols], trimmed */
	size_t ncols;
	int header_line; /* physical line of the header row (1 unless blank lines precede it) */
	struct csv_row *rows; /* data rows only, blank rows dropped */
	size_t nrows;
	/*
	 * Rows dropped for a problem already reported (a wrong number of fields,
	 * a text refused, bytes that are not UTF-8), with the header's number of
	 * fields as written (trimmed when they are UTF-8; never to be printed), so
	 * that a loader knows the code a refused row named and does not blame it
	 * again elsewhere. At most CSV_MAX_DROPPED are kept.
	 */
	struct csv_row *dropped;
	size_t ndropped;
	size_t nlost; /* records lost to a quoting error: where one row ends is not known */
	char sha256[65];      /* of the raw bytes */
};

/*
 * Reads and parses `path`. Every problem is reported in `d`; rows with problems
 * are dropped (a parse error drops its record and reading resumes on the next
 * line). Returns 0 when the file was read (check d->nerrors), -1 when it could
 * not be read, is UTF-16, or has no usable header row (reported). t->sha256 is
 * set whenever the bytes could be read, even when -1 is returned; `t` must be
 * csv_table_release()d either way.
 */
int csv_table_load(struct csv_table *t, const char *path, struct diag *d);
void csv_table_release(struct csv_table *t);

/*
 * Maps header names to columns: for each of names[0..n) sets col[i] to its
 * column or -1. Reports duplicate columns, missing required ones (the first
 * `nrequired` names) and, unless `ignore_unknown`, unknown ones, at line 1.
 * Returns 0 when all is well, -1 when something was reported.
 */
int csv_table_columns(const struct csv_table *t, struct diag *d, const char *const *names,
		      size_t n, size_t nrequired, int ignore_unknown, int *col);

#endif
