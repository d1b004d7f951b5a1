/*
 * fuzz-numbers.c: the number and date forms of input/FORMATS.md (points with
 * '.' or ',', counts, ISO dates) and their formatting back: whatever parses
 * must format to text that parses to the same value.
 */
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "fuzzhelp.h"
#include "base/points.h"
#include "base/vnfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[POINTS_BUFSZ], *t;
	int64_t v, w;
	int yy, mm, dd;

	if (size > 64)
		return 0;
	s = xstrndup((const char *)data, size);
	for (int comma = 0; comma <= 1; comma++) {
		if (points_parse(s, comma, &v) < 0)
			continue;
		if (v < 0 || points_parse(points_format(v, comma ? ',' : '.', buf), comma, &w) < 0 ||
		    w != v)
			abort();
		t = vnfmt_hundredths(v);
		free(t);
	}
	if (count_parse(s, &v) == 0) {
		if (v < 0 || v > COUNT_MAX)
			abort();
		t = vnfmt_int(v);
		free(t);
		t = vnfmt_roman((int)(v % 5000));
		free(t);
	}
	if (vnfmt_parse_date(s, &yy, &mm, &dd) == 0) {
		if (!vnfmt_valid_date(yy, mm, dd))
			abort();
		t = vnfmt_date(s);
		if (!t)
			abort();
		free(t);
	}
	free(s);
	return 0;
}
