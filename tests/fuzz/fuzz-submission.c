/*
 * fuzz-submission.c: one submission (unit A1's file) of a valid year: the
 * XML reader, the schema, the checks against index and registry (levels,
 * ratios, counts, groups, duplicates), then scoring when it passes.
 */
#include "fuzzhelp.h"
#include "input/load.h"
#include "model/year.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_year("submissions/a1.xml");
	struct year y;
	struct diag d;

	fuzz_put("submissions/a1.xml", data, size);
	diag_init(&d);
	year_load(&y, dir, &d);
	fuzz_show(&d);
	fuzz_score(&y, &d);
	year_release(&y);
	diag_release(&d);
	return 0;
}
