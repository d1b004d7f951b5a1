/*
 * points.c: exact decimal parsing and formatting in hundredths.
 */
#include "base/points.h"

#include <string.h>

int points_parse(const char *s, int comma, int64_t *out)
{
	int64_t v = 0;
	int digits = 0, big = 0;

	if (!s)
		return -1;
	/*
	 * Only the value counts against the limit: leading zeros are free (input/FORMATS.md,
	 * the section of the submissions, "…: a unit's self-assessment").
	 */
	for (; *s >= '0' && *s <= '9'; s++) {
		digits++;
		if (v > POINTS_MAX_INT / 10 || v * 10 + (*s - '0') > POINTS_MAX_INT)
			big = 1;
		else
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
		if (*s >= '0' && *s <= '9')
			v += *s++ - '0';
	}
	if (*s)
		return -1;
	if (big)
		return -2;
	*out = v;
	return 0;
}

int count_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	int digits = 0, big = 0;

	if (!s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		digits++;
		if (v > COUNT_MAX / 10 || v * 10 + (*s - '0') > COUNT_MAX)
			big = 1;
		else
			v = v * 10 + (*s - '0');
	}
	if (!digits || *s)
		return -1;
	if (big)
		return -2;
	*out = v;
	return 0;
}

char *points_format(int64_t v, char mark, char buf[POINTS_BUFSZ])
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	char tmp[POINTS_BUFSZ];
	size_t k = sizeof(tmp), n = 0;
	uint64_t ip = a / 100;

	/* By hand rather than snprintf: the CSV tables write millions of them. */
	do {
		tmp[--k] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (v < 0)
		buf[n++] = '-';
	memcpy(buf + n, tmp + k, sizeof(tmp) - k);
	n += sizeof(tmp) - k;
	buf[n++] = mark;
	buf[n++] = (char)('0' + a % 100 / 10);
	buf[n++] = (char)('0' + a % 10);
	buf[n] = '\0';
	return buf;
}

int64_t div_round_half_up(int64_t num, int64_t den)
{
	return (2 * num + den) / (2 * den);
}
