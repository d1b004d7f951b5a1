/*
 * vnfmt.c: Vietnamese formatting of numbers, dates and letters.
 *
 * Numbers are built from the digits of the absolute value, so INT64_MIN needs
 * care (its absolute value does not fit an int64_t: we work in uint64_t).
 * Case mapping is utf8proc's simple per-character mapping followed by NFC,
 * which is exactly right for Vietnamese (every letter has a precomposed
 * upper and lower form).
 */
#include "base/vnfmt.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/common.h"

static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
}

/* Digits of u grouped by three with dots. */
static void add_grouped(struct strbuf *sb, uint64_t u)
{
	char digits[24];
	int n = 0, i;

	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	for (i = n - 1; i >= 0; i--) {
		strbuf_addch(sb, digits[i]);
		if (i > 0 && i % 3 == 0)
			strbuf_addch(sb, '.');
	}
}

void vnfmt_add_hundredths(struct strbuf *sb, int64_t v)
{
	uint64_t u = magnitude(v);

	if (v < 0)
		strbuf_addch(sb, '-');
	add_grouped(sb, u / 100);
	strbuf_addch(sb, ',');
	strbuf_addch(sb, (char)('0' + u % 100 / 10));
	strbuf_addch(sb, (char)('0' + u % 10));
}

char *vnfmt_hundredths(int64_t v)
{
	struct strbuf sb = STRBUF_INIT;

	vnfmt_add_hundredths(&sb, v);
	return strbuf_detach(&sb);
}

void vnfmt_add_hundredths_signed(struct strbuf *sb, int64_t v)
{
	if (v > 0)
		strbuf_addch(sb, '+');
	vnfmt_add_hundredths(sb, v);
}

void vnfmt_add_int(struct strbuf *sb, int64_t v)
{
	if (v < 0)
		strbuf_addch(sb, '-');
	add_grouped(sb, magnitude(v));
}

char *vnfmt_int(int64_t v)
{
	struct strbuf sb = STRBUF_INIT;

	vnfmt_add_int(&sb, v);
	return strbuf_detach(&sb);
}

void vnfmt_add_int_signed(struct strbuf *sb, int64_t v)
{
	if (v > 0)
		strbuf_addch(sb, '+');
	vnfmt_add_int(sb, v);
}

int vnfmt_valid_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap, max;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int vnfmt_parse_date(const char *iso, int *y, int *m, int *d)
{
	int yy, mm, dd;

	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return -1;
	yy = digits(iso, 4);
	mm = digits(iso + 5, 2);
	dd = digits(iso + 8, 2);
	if (yy < 0 || mm < 0 || dd < 0 || !vnfmt_valid_date(yy, mm, dd))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

void vnfmt_add_day(struct strbuf *sb, int d)
{
	strbuf_addf(sb, d < 10 ? "0%d" : "%d", d);
}

void vnfmt_add_month(struct strbuf *sb, int m)
{
	/* Nghị định 30/2020: a leading zero for months 1 and 2 only. */
	strbuf_addf(sb, m < 3 ? "0%d" : "%d", m);
}

int vnfmt_add_date(struct strbuf *sb, int y, int m, int d)
{
	if (!vnfmt_valid_date(y, m, d))
		return -1;
	strbuf_addstr(sb, "ngày ");
	vnfmt_add_day(sb, d);
	strbuf_addstr(sb, " tháng ");
	vnfmt_add_month(sb, m);
	strbuf_addf(sb, " năm %d", y);
	return 0;
}

void vnfmt_add_date_blanks(struct strbuf *sb, int y, int m)
{
	strbuf_addstr(sb, "ngày" VNFMT_BLANK " tháng");
	if (m) {
		strbuf_addch(sb, ' ');
		vnfmt_add_month(sb, m);
	} else {
		strbuf_addstr(sb, VNFMT_BLANK);
	}
	if (y)
		strbuf_addf(sb, " năm %d", y);
	else
		strbuf_addstr(sb, " năm" VNFMT_BLANK);
}

char *vnfmt_date(const char *iso)
{
	struct strbuf sb = STRBUF_INIT;
	int y, m, d;

	if (vnfmt_parse_date(iso, &y, &m, &d) < 0)
		return NULL;
	vnfmt_add_date(&sb, y, m, d);
	return strbuf_detach(&sb);
}

/* Maps every character of s through fn, then NFC. NULL on invalid UTF-8. */
static char *map_case(const char *s, utf8proc_int32_t (*fn)(utf8proc_int32_t))
{
	struct strbuf sb = STRBUF_INIT;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s), n;
	utf8proc_uint8_t *nfc;
	char *ret;

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_uint8_t enc[4];

		n = utf8proc_iterate(p, left, &cp);
		if (n <= 0 || cp == 0) {
			strbuf_release(&sb);
			return NULL;
		}
		strbuf_add(&sb, enc, (size_t)utf8proc_encode_char(fn(cp), enc));
		p += n;
		left -= n;
	}
	nfc = utf8proc_NFC((const utf8proc_uint8_t *)sb.buf);
	strbuf_release(&sb);
	if (!nfc)
		return NULL;
	/* utf8proc allocates with malloc; hand over a copy made with ours. */
	ret = xstrdup((const char *)nfc);
	free(nfc);
	return ret;
}

char *vnfmt_upper(const char *s)
{
	return map_case(s, utf8proc_toupper);
}

char *vnfmt_lower(const char *s)
{
	return map_case(s, utf8proc_tolower);
}

void vnfmt_add_roman(struct strbuf *sb, int n)
{
	static const struct {
		int v;
		const char *s;
	} tab[] = {
		{ 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" },
		{ 90, "XC" }, { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" },
		{ 5, "V" }, { 4, "IV" }, { 1, "I" },
	};
	size_t i;

	if (n < 1 || n > 3999)
		return;
	for (i = 0; i < ARRAY_SIZE(tab); i++) {
		while (n >= tab[i].v) {
			strbuf_addstr(sb, tab[i].s);
			n -= tab[i].v;
		}
	}
}

char *vnfmt_roman(int n)
{
	struct strbuf sb = STRBUF_INIT;

	if (n < 1 || n > 3999)
		return NULL;
	vnfmt_add_roman(&sb, n);
	return strbuf_detach(&sb);
}

void vnfmt_add_first_mapped(struct strbuf *sb, const char *w, size_t n, char *(*fn)(const char *))
{
	size_t cl = 1;
	char *first, *mapped;

	if (!n)
		return;
	while (cl < n && ((unsigned char)w[cl] & 0xC0) == 0x80)
		cl++;
	first = xstrndup(w, cl);
	mapped = fn(first);
	strbuf_addstr(sb, mapped ? mapped : first);
	strbuf_add(sb, w + cl, n - cl);
	free(first);
	free(mapped);
}

char *vnfmt_map_first(const char *s, char *(*fn)(const char *))
{
	struct strbuf sb = STRBUF_INIT;

	vnfmt_add_first_mapped(&sb, s, strlen(s), fn);
	return strbuf_detach(&sb);
}
