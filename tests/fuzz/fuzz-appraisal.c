/*
 * fuzz-appraisal.c: one appraisal CSV of a valid year: the CSV dialect, the
 * row checks against index and registry, replacement of repeated rows, then
 * scoring when it passes (the scorer trusts every row it is given).
 */
#include "fuzzhelp.h"
#include "input/load.h"
#include "model/year.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_year("appraisal/a.csv");
	struct year y;
	struct diag d;

	fuzz_put("appraisal/a.csv", data, size);
	diag_init(&d);
	year_load(&y, dir, &d);
	fuzz_show(&d);
	fuzz_score(&y, &d);
	year_release(&y);
	diag_release(&d);
	return 0;
}
