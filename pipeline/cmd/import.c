/*
 * parx-import: filled workbooks (the self-assessment forms and appraisal
 * worksheets of parx-forms) back into the year folder: submissions/<unit>.xml
 * and appraisal/<NN>-tham-dinh-vong-<N>.csv (pipeline/lib/forms/formimport.h).
 */
#include <stdio.h>

#include "base/i18n.h"
#include "forms/formimport.h"
#include "run/stage.h"

int main(int argc, char **argv)
{
	struct stage_opts o;
	struct formimport fi = { 0 };
	struct diag d;
	int rc, status = stage_options(&o, argc, argv,
				       N_("Reads filled workbooks (files, or folders of .xlsx) and writes what they\n"
				       "hold into the year folder: a self-assessment form becomes\n"
				       "submissions/<unit code>.xml, an appraisal worksheet becomes\n"
				       "appraisal/<NN>-tham-dinh-vong-<N>.csv (the rows that change something).\n"
				       "Every problem is reported at its cell; with any error nothing is written,\n"
				       "and no existing file is replaced without --force."),
				       STAGE_OPT_IMPORT);

	if (status >= 0)
		return status;
	diag_init(&d);
	rc = formimport_run(o.forms, o.nforms, o.in, o.force, &d, &fi);
	diag_sort(&d);
	if (!o.quiet && diag_print_grouped(&d, stderr, 1, NULL) < 0)
		rc = -1;
	status = rc < 0 ? EXIT_IO : rc > 0 ? EXIT_DATA : EXIT_OK;
	if (rc > 0 && !o.quiet)
		fprintf(stderr, _("%s: the workbooks have errors: nothing written\n"), diag_prog());
	if (rc == 0 && !o.quiet) {
		for (size_t i = 0; i < fi.nwritten; i++)
			printf("  %s/%s\n", o.in, fi.written[i]);
		printf(P_("%s: %zu file written", "%s: %zu files written", fi.nwritten), diag_prog(),
		       fi.nwritten);
		printf(P_(" (%zu submission", " (%zu submissions", fi.nself), fi.nself);
		printf(P_(", %zu appraisal row)\n", ", %zu appraisal rows)\n", fi.nrows), fi.nrows);
	}
	if (fflush(stdout) != 0)
		status = EXIT_IO;
	formimport_release(&fi);
	diag_release(&d);
	stage_opts_release(&o);
	return status;
}
