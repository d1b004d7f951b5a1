/*
 * parx-score: scores and reconciles a valid year and writes results.csv,
 * items.csv and reconciliation.csv (README.md and input/FORMATS.md).
 */
#include <stdlib.h>

#include "base/fileio.h"
#include "input/workcopy.h"
#include "score/csvout.h"
#include "score/scored.h"
#include "base/i18n.h"
#include "run/stage.h"

int main(int argc, char **argv)
{
	struct stage_opts o;
	struct year y;
	struct diag d;
	struct results r;
	int status = stage_options(&o, argc, argv,
				   N_("Scores every unit in exact hundredths (self, the rule on its data, each\n"
				   "appraisal round, final), ranks each group, compares with previous.csv, and\n"
				   "writes results.csv, items.csv and reconciliation.csv into OUT. With any data\n"
				   "error nothing is written."),
				   STAGE_OPT_EXCEL | STAGE_OPT_COPY);

	if (status >= 0)
		return status;
	diag_init(&d);
	status = stage_load(&o, &y, &d, &r, 0);
	if (status == EXIT_OK && csvout_write_all(&y, &r, o.out, o.excel) < 0)
		status = EXIT_IO;
	/* From a working copy, the results go on to the render stage, beside the CSVs. */
	if (status == EXIT_OK && o.copy) {
		char *dir = path_join(o.out, SCORED_DIR);

		if (mkdir_p(dir) < 0 || scored_write(&r, o.in, dir) < 0)
			status = EXIT_IO;
		free(dir);
	}
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	stage_opts_release(&o);
	return status;
}
