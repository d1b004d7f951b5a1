/*
 * xlsx.h: the cells of one worksheet of an .xlsx workbook, read from a file
 * that may be hostile (a filled form comes back from outside: input/FORMATS.md,
 * "Forms: the workbooks people fill in (.xlsx)").
 *
 * A workbook is a zip archive (libzip) of XML parts (libxml2). Only the parts
 * needed are read: xl/workbook.xml and xl/_rels/workbook.xml.rels (the sheets
 * and where they are), xl/sharedStrings.xml and the one worksheet asked for.
 * Everything is bounded: the number of entries, the uncompressed bytes of each
 * part read (counted while inflating, whatever the archive declares), the rows
 * and cells of a sheet, the shared strings. An archive with an encrypted
 * entry, an entry name that is absolute or climbs out ("../"), a part that is
 * not well-formed XML or has a DOCTYPE, is refused. A password-protected
 * workbook (an OLE2 compound file, not a zip) and an old .xls are recognised
 * and named.
 *
 * Every problem is an error in the diag, located at the file
 * ("received/a.xlsx: error: …") or at a cell ("received/a.xlsx:Tự chấm điểm!A20001: error: …",
 * diag_error_at); the functions never print. Strings returned are owned by
 * the book or the sheet.
 */
#ifndef PARX_XLSX_H
#define PARX_XLSX_H

#include <stddef.h>

#include "base/diag.h"

/* Bounds on what a workbook may hold before it is refused. */
#define XLSX_MAX_ENTRIES 2000           /* entries in the archive */
#define XLSX_MAX_PART (64u << 20)       /* uncompressed bytes of one part read */
#define XLSX_MAX_STRINGS 1000000        /* shared strings */
#define XLSX_MAX_TEXT 32767             /* characters of one cell, as Excel's own limit */

enum xlsx_type {
	XLSX_NUMBER, /* value: the literal as stored: "1.5", "0.30000000000000004", "1E-3" */
	XLSX_TEXT,   /* value: the text, UTF-8 (shared, inline or a formula's string result) */
	XLSX_BOOL,   /* value: "0" or "1" */
	XLSX_ERROR,  /* value: the error as shown: "#DIV/0!" */
};

struct xlsx_cell {
	int row;      /* 1-based, as Excel shows it */
	int col;      /* 1-based: A = 1 */
	enum xlsx_type type;
	int formula;  /* the cell holds a formula; value is its cached result */
	char *value;
};

struct xlsx_sheet {
	char *name;
	struct xlsx_cell *cells; /* ordered by row, then column; cells without a value are left out */
	size_t ncells;
	int last_row;            /* the highest row holding a cell, 0 when empty */
};

struct xlsx_book {
	char *path;        /* as given, for messages */
	void *zip;         /* private to xlsx.c: the open archive and where its shared strings are */
	char **sheets;     /* sheet names, in workbook order */
	char **parts;      /* [nsheets]: the part of each sheet inside the archive */
	size_t nsheets;
	char **strings;    /* shared strings, read with the first sheet */
	size_t nstrings;
	int strings_read;
};

/*
 * Opens the workbook at `path` and reads its list of sheets. Returns 0, or -1
 * after an error in `d` (the book is then released; nothing else to do).
 */
int xlsx_open(struct xlsx_book *b, const char *path, struct diag *d);

/*
 * Reads the sheet called `name` (exactly as the workbook spells it) into `s`.
 * A sheet with more than `max_rows` rows is refused at the first row beyond
 * that holds a value (an error at that row's cell A, "Sheet!A2001", as soon
 * as it is met: a 100,000-row sheet is not read to its end); rows beyond that
 * are only formatted, with no value, are skipped. `max_rows` <= 0 means
 * Excel's own 1,048,576. Rows and cells out of order, a malformed or
 * out-of-range reference, a part too big or not well-formed are errors at
 * the file naming the part. A missing sheet is an error at the file naming
 * the sheets the book has. Shared strings are read with the first sheet.
 * Returns 0, or -1 after an error (`s` is then empty; xlsx_sheet_release is
 * still safe).
 */
int xlsx_read_sheet(struct xlsx_book *b, const char *name, int max_rows, struct xlsx_sheet *s,
		    struct diag *d);

/* The cell at row, col (1-based), or NULL when it holds nothing. */
const struct xlsx_cell *xlsx_cell(const struct xlsx_sheet *s, int row, int col);

/* "F14" for row 14, column 6 (AA, AB … after Z); buf of at least 16 bytes. */
void xlsx_cell_name(char *buf, int row, int col);

void xlsx_sheet_release(struct xlsx_sheet *s);
void xlsx_close(struct xlsx_book *b);

#endif
