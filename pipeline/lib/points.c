/*
 * points.c: exact decimal parsing and formatting in hundredths.
 */
#include "points.h"

#include <stdio.h>

int points_parse(const char *s, int comma, int64_t *out)
{
	int64_t v = 0;
	int digits = 0, frac = 0;

	if (!s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > POINTS_MAX_DIGITS)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (!digits)
		return -1;
	v *= 100;
	if (*s == '.' || (comma && *s == ',')) {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		v += (*s++ - '0') * 10;
		frac = 1;
		if (*s >= '0' && *s <= '9') {
			v += *s++ - '0';
			frac = 2;
		}
	}
	(void)frac;
	if (*s)
		return -1;
	*out = v;
	return 0;
}

int count_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	int digits = 0;

	if (!s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (++digits > 10 || v > COUNT_MAX)
			return -1;
	}
	if (!digits || *s)
		return -1;
	*out = v;
	return 0;
}

char *points_format(int64_t v, char mark, char buf[POINTS_BUFSZ])
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	snprintf(buf, POINTS_BUFSZ, "%s%llu%c%02llu", v < 0 ? "-" : "",
		 (unsigned long long)(a / 100), mark, (unsigned long long)(a % 100));
	return buf;
}

int64_t div_round_half_up(int64_t num, int64_t den)
{
	return (2 * num + den) / (2 * den);
}
