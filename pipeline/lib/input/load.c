/*
 * load.c: loading a whole year folder (input/FORMATS.md, "The folder") in the
 * order the checks depend on each other: the index first (everything is checked
 * against it), the registry, the publication particulars, the submissions, the
 * appraisal rows, last year's results. Errors that only follow from an earlier
 * error are not reported (input/FORMATS.md, "index.xml: the index" and
 * "units.csv: the registry"; README.md, "Diagnostics and exit statuses"): an
 * index with errors stops the checks of submissions and appraisal, a
 * submission that does not parse silences "unit X has no submission".
 */
#include "input/load.h"

#include <stdlib.h>
#include <string.h>

#include "input/appraisal.h"
#include "base/common.h"
#include "base/fileio.h"
#include "input/index.h"
#include "input/previous.h"
#include "input/publication.h"
#include "input/registry.h"
#include "input/submission.h"

const char *const load_fixed[LOAD_NFIXED] = {
	"index.xml", "units.csv", "publication.xml", "previous.csv",
};
const struct load_listed load_listed[LOAD_NLISTED] = {
	{ "submissions", ".xml" }, { "appraisal", ".csv" },
};

void load_listing(const char *dir, struct strbuf *out)
{
	for (size_t i = 0; i < LOAD_NFIXED; i++) {
		char *p = path_join(dir, load_fixed[i]);

		if (file_exists(p))
			strbuf_addf(out, "%s\n", load_fixed[i]);
		free(p);
	}
	for (size_t i = 0; i < LOAD_NLISTED; i++) {
		const struct load_listed *l = &load_listed[i];
		char *sub = path_join(dir, l->dir);
		char **names = NULL;
		struct diag quiet;

		diag_init(&quiet);
		strbuf_addf(out, "%s/\n", l->dir);
		if (dir_list(sub, l->suffix, 1, &quiet, &names) >= 0 && names)
			for (char **n = names; *n; n++)
				strbuf_addf(out, "%s\n", *n);
		for (size_t k = 0; k < quiet.n; k++)
			strbuf_addf(out, "skipped %s\n", quiet.v[k].path);
		names_free(names);
		diag_release(&quiet);
		free(sub);
	}
}

/* Units of the registry without a submission, reported on their registry line. */
static void check_all_submitted(struct year *y, struct diag *d)
{
	for (size_t u = 0; u < y->registry.nunits; u++)
		if (!y->subs[u].path)
			diag_error(d, y->registry.path, y->registry.units[u].line,
				   "unit '%s' has no submission in '%s/submissions'",
				   y->registry.units[u].code, y->dir);
}

int year_load(struct year *y, const char *dir, struct diag *d)
{
	return year_load_flags(y, dir, d, 0);
}

/* The year's folder, the index and the registry: what every loading starts with. */
static void load_start(struct year *y, const char *dir, struct diag *d, unsigned flags)
{
	size_t dl = strlen(dir);

	memset(y, 0, sizeof(*y));
	y->flags = flags;
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	y->dir = xstrndup(dir, dl);
	/* A link in the year folder may point within it, never elsewhere (fileio.h). */
	file_confine(y->dir);
	index_load(y, d);
	registry_load(y, d);
}

int year_load_registry(struct year *y, const char *dir, struct diag *d)
{
	size_t before = d->nerrors;

	load_start(y, dir, d, 0);
	y->subs = xcalloc(y->registry.nunits ? y->registry.nunits : 1, sizeof(*y->subs));
	diag_sort(d);
	return d->nerrors > before;
}

int year_load_flags(struct year *y, const char *dir, struct diag *d, unsigned flags)
{
	int parse_failed = 0;
	size_t before = d->nerrors;

	load_start(y, dir, d, flags);
	if (!(flags & YEAR_NO_PUBLICATION))
		publication_load(y, d);
	y->subs = xcalloc(y->registry.nunits ? y->registry.nunits : 1, sizeof(*y->subs));
	submissions_load(y, d, &parse_failed);
	if (y->index_ok && y->registry_read && !parse_failed)
		check_all_submitted(y, d);
	appraisal_load(y, d);
	previous_load(y, d);
	diag_sort(d);
	return d->nerrors > before;
}

