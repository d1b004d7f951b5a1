/*
 * points.h: exact decimal numbers as int64_t hundredths.
 *
 * The index writes points and percentages as [0-9]+(.[0-9]{1,2})? and raw
 * counts as [0-9]+ (input/FORMATS.md). These parse exactly those forms (nothing
 * else: no sign, exponent, spaces or thousands separators) and format back.
 */
#ifndef PARX_POINTS_H
#define PARX_POINTS_H

#include <stdint.h>

#define POINTS_MAX_INT 999999999LL /* largest integer part of points (999 999 999.99) */
#define COUNT_MAX 999999999LL  /* largest numerator, denominator or count */
#define POINTS_BUFSZ 32

/*
 * Parses a decimal with at most two fractional digits into hundredths.
 * `comma`: also accept ',' as the decimal mark (semicolon CSV files).
 * Leading zeros do not count against the limit. Returns 0, -1 when `s` is not
 * of that form, -2 when it is but its integer part exceeds POINTS_MAX_INT.
 */
int points_parse(const char *s, int comma, int64_t *out);

/*
 * Parses [0-9]+ (leading zeros allowed) up to COUNT_MAX. Returns 0, -1 when
 * `s` is not digits only, -2 when it is more than COUNT_MAX.
 */
int count_parse(const char *s, int64_t *out);

/* Formats hundredths with two decimals and `mark` ('.' or ','): 8725 -> "87.25". */
char *points_format(int64_t v, char mark, char buf[POINTS_BUFSZ]);

/* Rounds num/den (den > 0, num >= 0) half up to an integer. */
int64_t div_round_half_up(int64_t num, int64_t den);

#endif
