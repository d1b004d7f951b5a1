/*
 * vnfmt.h: numbers, dates and letters as Vietnamese documents write them
 * (pipeline/DOCUMENTS.md, "Text, characters, numbers, dates"; Nghị định 30/2020).
 *
 *   8725 hundredths  -> "87,25"       (decimal comma, always two decimals)
 *   332100 hundredths -> "3.321,00"   (thousands with a dot)
 *   3321             -> "3.321"
 *   "2025-01-05"     -> "ngày 05 tháng 01 năm 2025"
 *   "2025-03-20"     -> "ngày 20 tháng 3 năm 2025" (a leading zero only for
 *                       days under 10 and for months 1 and 2)
 *   "Ủy ban nhân dân" -> "ỦY BAN NHÂN DÂN"
 *   4                -> "IV"
 *
 * Pure functions, no floating point; the `vnfmt_add_*` forms append to a
 * strbuf, the others return a new string (caller frees).
 */
#ifndef PARX_VNFMT_H
#define PARX_VNFMT_H

#include <stdint.h>

#include "base/strbuf.h"

/* Hundredths with two decimals: 8725 -> "87,25", -350 -> "-3,50", 123456 -> "1.234,56". */
void vnfmt_add_hundredths(struct strbuf *sb, int64_t v);
char *vnfmt_hundredths(int64_t v);

/* A change, always signed: 125 -> "+1,25", -125 -> "-1,25", 0 -> "0,00". */
void vnfmt_add_hundredths_signed(struct strbuf *sb, int64_t v);

/* An integer with thousands dots: 3321 -> "3.321", -1000000 -> "-1.000.000". */
void vnfmt_add_int(struct strbuf *sb, int64_t v);
char *vnfmt_int(int64_t v);

/* A signed integer change: 2 -> "+2", -3 -> "-3", 0 -> "0". */
void vnfmt_add_int_signed(struct strbuf *sb, int64_t v);

/*
 * 1 if y-m-d is a date of the Gregorian calendar (years 1..9999), else 0.
 */
int vnfmt_valid_date(int y, int m, int d);

/*
 * Parses "YYYY-MM-DD" (exactly that form) into *y, *m, *d. Returns 0, or -1
 * when it is not a valid date.
 */
int vnfmt_parse_date(const char *iso, int *y, int *m, int *d);

/*
 * "ngày 05 tháng 01 năm 2025". Returns 0, or -1 (nothing appended) when the
 * date is not valid.
 */
int vnfmt_add_date(struct strbuf *sb, int y, int m, int d);
/* The same from "YYYY-MM-DD"; NULL when it is not a valid date. */
char *vnfmt_date(const char *iso);

/*
 * A blank to fill in by hand: six no-break spaces, which line breaking and
 * justification keep as they are (never dots, never "20..": DOCUMENTS.md).
 */
#define VNFMT_BLANK "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"

/*
 * A date partly known, its unknown parts blank to fill in by hand: (2026, 1)
 * -> "ngày ______ tháng 01 năm 2026", (2026, 0) -> "ngày ______ tháng ______
 * năm 2026", (0, 0) -> every part blank (each ______ is a VNFMT_BLANK).
 */
void vnfmt_add_date_blanks(struct strbuf *sb, int y, int m);

/* Day and month as the decree writes them: 5 -> "05", 10 -> "10"; month 2 -> "02", 3 -> "3". */
void vnfmt_add_day(struct strbuf *sb, int d);
void vnfmt_add_month(struct strbuf *sb, int m);

/*
 * Upper and lower case of UTF-8 text, with Vietnamese diacritics ("đ" -> "Đ",
 * "ợ" -> "Ợ"), NFC. Returns a new string, or NULL when s is not valid UTF-8.
 */
char *vnfmt_upper(const char *s);
char *vnfmt_lower(const char *s);

/*
 * The word w[0..n) appended with its first letter mapped by fn (vnfmt_upper,
 * vnfmt_lower), the rest unchanged; vnfmt_map_first() does it to a whole
 * string: "Ủy ban nhân dân các xã" -> "ủy ban nhân dân các xã". A letter fn
 * cannot map is kept. The string form returns a new string (caller frees).
 */
void vnfmt_add_first_mapped(struct strbuf *sb, const char *w, size_t n, char *(*fn)(const char *));
char *vnfmt_map_first(const char *s, char *(*fn)(const char *));

/* Roman numeral of 1..3999 ("I", "IV", "XIV"); NULL outside that range. */
char *vnfmt_roman(int n);
void vnfmt_add_roman(struct strbuf *sb, int n); /* appends nothing outside 1..3999 */

#endif
