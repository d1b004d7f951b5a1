/*
 * fuzz-xlsx.c: a workbook as it comes back from outside (input/xlsx.c): the
 * zip screen (magic, entry names, encryption, sizes counted while inflating),
 * workbook.xml and its relationships, shared strings, then every sheet it
 * lists, read with a row bound. Whatever is read must be ordered and found
 * again by xlsx_cell().
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzzhelp.h"
#include "input/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[1024];
	struct xlsx_book b;
	struct diag d;

	snprintf(path, sizeof(path), "%s/in.xlsx", fuzz_year(NULL));
	fuzz_put("in.xlsx", data, size);
	diag_init(&d);
	if (xlsx_open(&b, path, &d) == 0) {
		for (size_t i = 0; i < b.nsheets; i++) {
			struct xlsx_sheet s;

			if (xlsx_read_sheet(&b, b.sheets[i], 2000, &s, &d) == 0)
				for (size_t k = 0; k < s.ncells; k++) {
					const struct xlsx_cell *c = &s.cells[k];

					if (xlsx_cell(&s, c->row, c->col) != c || c->row > 2000 ||
					    c->row > s.last_row || !c->value)
						abort();
				}
			xlsx_sheet_release(&s);
		}
		xlsx_close(&b);
	}
	fuzz_show(&d);
	diag_release(&d);
	return 0;
}
