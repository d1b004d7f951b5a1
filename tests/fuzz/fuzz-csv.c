/*
 * fuzz-csv.c: the CSV reader (csvfile.c: BOM, encodings, dialect detection,
 * quoting, ragged rows, physical lines), its column mapping, and the same
 * bytes as units.csv and previous.csv of a year whose index loaded (the
 * registry and previous-year loaders with their number and code checks).
 */
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "input/csvfile.h"
#include "base/fileio.h"
#include "fuzzhelp.h"
#include "input/index.h"
#include "input/previous.h"
#include "input/registry.h"
#include "model/year.h"

static const char *const names[] = { "unit", "code", "score", "reason", "numerator",
				     "denominator", "count" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct year base; /* the fixture's index, loaded once */
	const char *dir = fuzz_year(NULL);
	struct year y;
	struct csv_table t;
	struct diag d;
	char *path;
	int col[sizeof(names) / sizeof(names[0])];

	diag_init(&d);
	if (!base.dir) {
		base.dir = xstrdup(dir);
		index_load(&base, &d);
		if (!base.index_ok)
			abort(); /* the fixture's index is valid */
		diag_release(&d);
	}
	fuzz_put("in.csv", data, size);
	fuzz_put("units.csv", data, size);
	fuzz_put("previous.csv", data, size);
	path = path_join(dir, "in.csv");
	memset(&t, 0, sizeof(t));
	if (csv_table_load(&t, path, &d) == 0)
		csv_table_columns(&t, &d, names, sizeof(names) / sizeof(names[0]), 4, 0, col);
	csv_table_release(&t);
	free(path);
	/* A year sharing the loaded index (detached again before the release). */
	memset(&y, 0, sizeof(y));
	y.dir = xstrdup(dir);
	y.index = base.index;
	y.index_ok = 1;
	registry_load(&y, &d);
	previous_load(&y, &d);
	fuzz_show(&d);
	memset(&y.index, 0, sizeof(y.index));
	year_release(&y);
	diag_release(&d);
	return 0;
}
