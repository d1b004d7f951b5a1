/*
 * fuzz-csv.c: the CSV reader (csvfile.c: BOM, encodings, dialect detection,
 * quoting, ragged rows, physical lines), its column mapping, and the same
 * bytes as units.csv and previous.csv of a year whose index loaded (the
 * registry and previous-year loaders with their number and code checks).
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csvfile.h"
#include "fileio.h"
#include "fuzzhelp.h"
#include "index.h"
#include "previous.h"
#include "registry.h"
#include "year.h"

static const char *const names[] = { "unit", "code", "score", "reason", "numerator",
				     "denominator", "count" };

/* Frees what registry_load and previous_load put in y, keeping the index. */
static void reset(struct year *y)
{
	for (size_t u = 0; u < y->registry.nunits; u++) {
		free(y->registry.units[u].code);
		free(y->registry.units[u].name);
		free(y->registry.units[u].previous_code);
	}
	free(y->registry.units);
	free(y->registry.path);
	memset(&y->registry, 0, sizeof(y->registry));
	for (size_t i = 0; i < y->nprevious; i++)
		free(y->previous[i].unit_code);
	free(y->previous);
	y->previous = NULL;
	y->nprevious = 0;
	for (size_t i = 0; i < y->nfiles; i++)
		free(y->files[i].path);
	y->nfiles = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct year y;
	static struct diag d0;
	const char *dir = fuzz_year(NULL);
	struct csv_table t;
	struct diag d;
	char *path;
	int col[sizeof(names) / sizeof(names[0])];

	if (!y.dir) {
		y.dir = xstrdup(dir);
		diag_init(&d0);
		index_load(&y, &d0);
		if (!y.index_ok)
			abort(); /* the fixture's index is valid */
		diag_release(&d0);
	}
	fuzz_put("in.csv", data, size);
	fuzz_put("units.csv", data, size);
	fuzz_put("previous.csv", data, size);
	diag_init(&d);
	path = path_join(dir, "in.csv");
	memset(&t, 0, sizeof(t));
	if (csv_table_load(&t, path, &d) == 0)
		csv_table_columns(&t, &d, names, sizeof(names) / sizeof(names[0]), 4, 0, col);
	csv_table_release(&t);
	free(path);
	registry_load(&y, &d);
	previous_load(&y, &d);
	fuzz_show(&d);
	reset(&y);
	diag_release(&d);
	return 0;
}
