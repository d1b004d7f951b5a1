/*
 * parx-forms: the workbooks people fill in (input/FORMATS.md, "Forms: the workbooks people fill in (.xlsx)"):
 * one self-assessment form per unit and, once the year has submissions, the
 * appraisal worksheet of the next round, written into OUT/forms/ as a whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/strbuf.h"
#include "forms/formset.h"
#include "run/package.h"
#include "run/stage.h"

int main(int argc, char **argv)
{
	struct stage_opts o;
	struct package p;
	struct formset fs = { 0 };
	struct diag d;
	struct strbuf fresh = STRBUF_INIT;
	char *dest = NULL;
	int rc, status = stage_options(&o, argc, argv,
				       N_("Writes the forms of the year folder into OUT/forms/: a self-assessment\n"
				       "workbook (.xlsx) for every unit of units.csv, and when the year has\n"
				       "submissions the appraisal worksheet of the next round. The filled workbooks\n"
				       "come back through parx-import. With any data error nothing is written."),
				       0);

	if (status >= 0)
		return status;
	diag_init(&d);
	status = package_lock(&p, o.in, o.out);
	if (status)
		goto out;
	if (mkdir_p(o.out) < 0) {
		error("cannot create output folder '%s': %s", o.out, strerror(errno));
		status = EXIT_IO;
		goto out;
	}
	/* Written beside the old forms, then put in their place whole. */
	strbuf_addf(&fresh, "%s/.%s.new-%ld", o.out, PACKAGE_FORMS, (long)getpid());
	if (mkdir(fresh.buf, 0777) < 0) {
		error("cannot create '%s': %s", fresh.buf, strerror(errno));
		status = EXIT_IO;
		goto out;
	}
	rc = formset_write(o.in, fresh.buf, &d, &fs);
	if (!o.quiet && diag_print_grouped(&d, stderr, 0, NULL) < 0)
		rc = -1;
	if (rc == 0 && package_replace_sub(&p, fresh.buf, PACKAGE_FORMS) < 0)
		rc = -1;
	if (rc) {
		file_remove_tree(fresh.buf);
		status = rc > 0 ? EXIT_DATA : EXIT_IO;
		if (rc > 0 && !o.quiet)
			fprintf(stderr, _("%s: the data have errors: no form written\n"), diag_prog());
		goto out;
	}
	dest = path_join(o.out, PACKAGE_FORMS);
	if (!o.quiet) {
		printf(P_("%s: %zu self-assessment form written into %s/\n",
			  "%s: %zu self-assessment forms written into %s/\n", fs.nself),
		       diag_prog(), fs.nself, dest);
		if (fs.appraisal)
			printf(_("%s: the appraisal worksheet of round %d: %s/%s\n"), diag_prog(), fs.round,
			       dest, fs.appraisal);
	}
	if (fflush(stdout) != 0)
		status = EXIT_IO;
out:
	free(dest);
	strbuf_release(&fresh);
	formset_release(&fs);
	package_close(&p);
	diag_release(&d);
	stage_opts_release(&o);
	return status;
}
