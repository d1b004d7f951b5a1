/*
 * parx-validate: checks a year folder against input/FORMATS.md and writes every
 * diagnostic of the run to OUT/validation.txt (also printed on stderr).
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/fileio.h"
#include "base/i18n.h"
#include "run/stage.h"

int main(int argc, char **argv)
{
	struct stage_opts o;
	struct year y;
	struct diag d;
	struct results r;
	char *report = NULL, *path = NULL;
	size_t len = 0;
	FILE *mem;
	int status = stage_options(&o, argc, argv,
				   N_("Checks the year folder against the index schema and every rule of the data\n"
				   "contract, reports every problem as 'path:line: error: message', and writes\n"
				   "them all to OUT/validation.txt. Warnings do not fail the run."),
				   STAGE_OPT_COPY);

	if (status >= 0)
		return status;
	diag_init(&d);
	status = stage_load(&o, &y, &d, &r, 1);
	if (status != EXIT_IO) {
		mem = open_memstream(&report, &len);
		path = path_join(o.out, "validation.txt");
		if (!mem || diag_print_in(&d, mem, 1, y.dir) < 0 ||
		    diag_print_count(&d, mem) < 0 || fclose(mem) != 0 || stage_outdir(&o) ||
		    file_write_atomic(path, report, len) < 0)
			status = EXIT_IO;
	}
	free(report);
	free(path);
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	stage_opts_release(&o);
	return status;
}
