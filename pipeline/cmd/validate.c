/*
 * parx-validate: checks a year folder, or the working copy OUT/ingest that
 * parx-ingest made of it, against input/FORMATS.md and writes every
 * diagnostic of the run to OUT/validation.txt (also printed on stderr).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "run/stage.h"

int main(int argc, char **argv)
{
	struct stage_opts o;
	struct year y;
	struct diag d;
	struct results r;
	struct outfile out;
	char *path = NULL;
	int status = stage_options(&o, argc, argv,
				   N_("Checks the year folder against the index schema and every rule of the data\n"
				   "contract, reports every problem as 'path:line: error: message', and writes\n"
				   "them all to OUT/validation.txt. Warnings do not fail the run."),
				   STAGE_OPT_COPY);

	if (status >= 0)
		return status;
	diag_init(&d);
	status = stage_load(&o, &y, &d, &r, 1);
	/* Written as it is printed, under a temporary name (20 MB at 10,000 units: never whole in memory). */
	if (status != EXIT_IO) {
		path = path_join(o.out, "validation.txt");
		if (stage_outdir(&o) || outfile_open(&out, path) < 0) {
			status = EXIT_IO;
		} else if (diag_print_in(&d, out.f, 1, y.dir) < 0 || diag_print_count(&d, out.f) < 0) {
			error("cannot write '%s': %s", path, strerror(errno));
			outfile_abort(&out);
			status = EXIT_IO;
		} else if (outfile_commit(&out) < 0) {
			status = EXIT_IO;
		}
	}
	free(path);
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	stage_opts_release(&o);
	return status;
}
