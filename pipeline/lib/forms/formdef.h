/*
 * formdef.h: the layout of the two workbooks people fill in (input/FORMATS.md,
 * "Forms: the workbooks people fill in (.xlsx)"), shared by the writer
 * (formbook.h) and the importer (formimport.h) so that what one writes is what
 * the other reads.
 *
 * Rows and columns are 0-based here, as libxlsxwriter counts them; a message
 * names the cell as Excel shows it (row + 1, column letter).
 *
 * Self-assessment form, sheet FORM_SELF_SHEET:
 *
 *   row 0            title
 *   rows 1..6        identification: label in column A, value in column C
 *                    (unit name, unit code, group, index title, index id, year)
 *   row 8            column titles (FORM_SELF_COLUMNS)
 *   rows 9..         one row per field, criterion and item, in index order,
 *                    then the bonuses, the penalties and the totals; an item
 *                    row holds its code in column A
 *
 * Appraisal worksheet, sheet FORM_APPRAISAL_SHEET:
 *
 *   row 0            title
 *   rows 1..4        identification: index title, index id, year, round
 *   row 6            column titles (FORM_APPRAISAL_COLUMNS)
 *   rows 7..         one row per unit and code that applies to its group
 */
#ifndef PARX_FORMDEF_H
#define PARX_FORMDEF_H

#define FORM_SELF_SHEET "Tự chấm điểm"
#define FORM_APPRAISAL_SHEET "Thẩm định"
#define FORM_GUIDE_SHEET "Hướng dẫn"

/* Identification rows of the self-assessment form (value in FORM_ID_COL). */
enum {
	FORM_ID_COL = 2,
	SELF_ROW_UNIT_NAME = 1,
	SELF_ROW_UNIT = 2,
	SELF_ROW_GROUP = 3,
	SELF_ROW_INDEX_TITLE = 4,
	SELF_ROW_INDEX = 5,
	SELF_ROW_YEAR = 6,
	SELF_ROW_HEAD = 8,
	SELF_ROW_FIRST = 9,
};

/* Columns of the self-assessment form. */
enum {
	SELF_COL_CODE,
	SELF_COL_NAME,
	SELF_COL_MAX,
	SELF_COL_RULE,
	SELF_COL_SELF,        /* input */
	SELF_COL_NUMERATOR,   /* input (ratio, proportional) */
	SELF_COL_DENOMINATOR, /* input (ratio, proportional) */
	SELF_COL_COUNT,       /* input (count) */
	SELF_COL_NA,          /* input (na="allowed"): "x" */
	SELF_COL_POINTS,      /* formula: the rule's points */
	SELF_COL_EVIDENCE,    /* input: one entry per line */
	SELF_COL_NOTE,        /* input: one note per line */
	SELF_NCOLS
};

/* Identification rows of the appraisal worksheet (value in FORM_ID_COL). */
enum {
	APPR_ROW_INDEX_TITLE = 1,
	APPR_ROW_INDEX = 2,
	APPR_ROW_YEAR = 3,
	APPR_ROW_ROUND = 4,
	APPR_ROW_HEAD = 6,
	APPR_ROW_FIRST = 7,
};

/* Columns of the appraisal worksheet. */
enum {
	APPR_COL_UNIT,
	APPR_COL_UNIT_NAME,
	APPR_COL_CODE,
	APPR_COL_NAME,
	APPR_COL_MAX,
	APPR_COL_SELF,
	APPR_COL_RAW,         /* the unit's raw data, as text: "24/25", "2 lần" */
	APPR_COL_EVIDENCE,
	APPR_COL_CURRENT,     /* the score after the rounds before this one */
	APPR_COL_SCORE,       /* input */
	APPR_COL_NUMERATOR,   /* input */
	APPR_COL_DENOMINATOR, /* input */
	APPR_COL_COUNT,       /* input */
	APPR_COL_NA,          /* input: "x" */
	APPR_COL_REASON,      /* input */
	APPR_NCOLS
};

/* The column titles, as a clerk names them; the importer checks them. */
extern const char *const form_self_columns[SELF_NCOLS];
extern const char *const form_appraisal_columns[APPR_NCOLS];

/* The mark of "not applicable" in the FORM_*_NA columns. */
#define FORM_NA_MARK "x"

#endif
