/*
 * parx-ingest: reads a year folder and writes the normalised working copy
 * with the provenance of every input (pipeline/lib/score/ingest.h).
 */
#include "score/ingest.h"
#include "base/i18n.h"
#include "run/stage.h"

int main(int argc, char **argv)
{
	struct stage_opts o;
	struct year y;
	struct diag d;
	int status = stage_options(&o, argc, argv,
				   N_("Reads the year folder (index.xml, units.csv, publication.xml, submissions/,\n"
				   "appraisal/, previous.csv), normalises every text to NFC and writes the working\n"
				   "copy and PROVENANCE (SHA-256 of every input) into OUT/ingest/. The working copy\n"
				   "(year.tsv) is what parx-validate, parx-score and parx-render read when given\n"
				   "OUT/ingest; with data errors it holds only them."),
				   0);

	if (status >= 0)
		return status;
	diag_init(&d);
	o.load_flags = YEAR_HASH; /* PROVENANCE needs the digest of every input */
	status = stage_load(&o, &y, &d, NULL, 0);
	/* With data errors the working copy still carries them to the validation stage. */
	if ((status == EXIT_OK || status == EXIT_DATA) && (stage_outdir(&o) || ingest_write(&y, &d, o.out) < 0))
		status = EXIT_IO;
	year_release(&y);
	diag_release(&d);
	stage_opts_release(&o);
	return status;
}
