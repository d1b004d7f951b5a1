/*
 * fuzz-publication.c: publication.xml through the XML reader, the schema and
 * publication.c's checks (signer forms, dates, cleaned texts).
 */
#include <string.h>

#include "base/common.h"
#include "fuzzhelp.h"
#include "input/publication.h"
#include "model/year.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_year("publication.xml");
	struct year y;
	struct diag d;

	fuzz_put("publication.xml", data, size);
	diag_init(&d);
	memset(&y, 0, sizeof(y));
	y.dir = xstrdup(dir);
	publication_load(&y, &d);
	fuzz_show(&d);
	year_release(&y);
	diag_release(&d);
	return 0;
}
