/*
 * fuzz-index.c: index.xml through the safe XML reader, the schema and every
 * semantic rule of index.c; an index that passes is then used for a whole
 * year (the MINI fixture's registry, submissions and appraisal) and scored.
 */
#include <string.h>

#include "fuzzhelp.h"
#include "input/load.h"
#include "model/year.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_year("index.xml");
	struct year y;
	struct diag d;

	fuzz_put("index.xml", data, size);
	diag_init(&d);
	year_load(&y, dir, &d);
	fuzz_show(&d);
	fuzz_score(&y, &d);
	year_release(&y);
	diag_release(&d);
	return 0;
}
