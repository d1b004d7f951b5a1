/*
 * formset.c: the forms of a year folder (formset.h).
 */
#include "forms/formset.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "forms/formbook.h"
#include "input/load.h"
#include "score/scoring.h"

char *formset_appraisal_name(int round)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "tham-dinh-vong-%d.xlsx", round);
	return strbuf_detach(&sb);
}

/* Whether the year has a submission file yet (then the appraisal worksheet is due). */
static int has_submissions(const char *in)
{
	char *dir = path_join(in, "submissions");
	char **names = NULL;
	struct diag quiet;
	int n;

	diag_init(&quiet);
	n = file_exists(dir) ? dir_list(dir, ".xml", 1, &quiet, &names) : 0;
	names_free(names);
	diag_release(&quiet);
	free(dir);
	return n > 0;
}

/* The number of appraisal files the year has: the next round is one more. */
static int rounds_done(const struct year *y)
{
	int n = 0;
	const char *last = NULL;

	for (size_t i = 0; i < y->nrows; i++)
		if (!last || strcmp(last, y->rows[i].file)) {
			last = y->rows[i].file;
			n++;
		}
	return n;
}

static int write_appraisal(const char *in, const char *dir, struct diag *d, struct formset *fs)
{
	struct year y;
	struct results r = { 0 };
	int rc = 0;

	struct diag yd;

	/* The year's warnings are parx-validate's business; its errors stop the forms. */
	diag_init(&yd);
	year_load_flags(&y, in, &yd, YEAR_NO_PUBLICATION);
	if (yd.nerrors == 0)
		scoring_run(&y, &r, &yd);
	diag_add_errors(d, &yd);
	diag_release(&yd);
	if (d->nerrors == 0) {
		char *path;

		fs->round = rounds_done(&y) + 1;
		fs->appraisal = formset_appraisal_name(fs->round);
		path = path_join(dir, fs->appraisal);
		rc = formbook_write_appraisal(&y, &r, fs->round, path);
		free(path);
	}
	results_release(&r);
	year_release(&y);
	return rc;
}

int formset_write(const char *in, const char *dir, struct diag *d, struct formset *fs)
{
	struct year y;
	int rc = 0;

	struct diag yd;

	memset(fs, 0, sizeof(*fs));
	diag_init(&yd);
	year_load_registry(&y, in, &yd);
	diag_add_errors(d, &yd);
	diag_release(&yd);
	if (d->nerrors) {
		year_release(&y);
		return 1;
	}
	/* The worksheet's checks first: with any error, no form at all. */
	if (has_submissions(in)) {
		rc = write_appraisal(in, dir, d, fs);
		if (d->nerrors) {
			year_release(&y);
			return 1;
		}
	}
	for (size_t u = 0; rc == 0 && u < y.registry.nunits; u++) {
		struct strbuf name = STRBUF_INIT;
		char *path;

		strbuf_addf(&name, "%s.xlsx", y.registry.units[u].code);
		path = path_join(dir, name.buf);
		rc = formbook_write_self(&y, u, path);
		free(path);
		strbuf_release(&name);
		if (rc == 0)
			fs->nself++;
	}
	year_release(&y);
	return rc;
}

void formset_release(struct formset *fs)
{
	free(fs->appraisal);
	memset(fs, 0, sizeof(*fs));
}
