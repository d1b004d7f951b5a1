/*
 * year.c: loading a whole year folder (formats.md §1) in the order the checks
 * depend on each other: the index first (everything is checked against it),
 * the registry, the publication particulars, the submissions, the appraisal
 * rows, last year's results. Errors that only follow from an earlier error are
 * not reported (formats.md §10): an index with errors stops the checks of
 * submissions and appraisal, a submission that does not parse silences "unit
 * X has no submission".
 */
#include "year.h"

#include <stdlib.h>
#include <string.h>

#include "appraisal.h"
#include "common.h"
#include "fileio.h"
#include "index.h"
#include "previous.h"
#include "publication.h"
#include "registry.h"
#include "submission.h"

void year_add_file(struct year *y, const char *path, const char sha256[65])
{
	struct input_file *f;

	xgrow(&y->files, &y->files_alloc, y->nfiles + 1, sizeof(*y->files));
	f = &y->files[y->nfiles++];
	f->path = xstrdup(path);
	memcpy(f->sha256, sha256, 65);
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

int year_load_flags(struct year *y, const char *dir, struct diag *d, unsigned flags)
{
	int parse_failed = 0;
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
	publication_load(y, d);
	y->subs = xcalloc(y->registry.nunits ? y->registry.nunits : 1, sizeof(*y->subs));
	submissions_load(y, d, &parse_failed);
	if (y->index_ok && y->registry_read && !parse_failed)
		check_all_submitted(y, d);
	appraisal_load(y, d);
	previous_load(y, d);
	diag_sort(d);
	return 0;
}

const char *year_relative(const struct year *y, const char *path)
{
	size_t n = y->dir ? strlen(y->dir) : 0;

	if (path && n && !strncmp(path, y->dir, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

void year_release(struct year *y)
{
	for (size_t u = 0; u < y->registry.nunits && y->subs; u++)
		submission_release(&y->subs[u], y->index.nitems);
	free(y->subs);
	for (size_t u = 0; u < y->registry.nunits; u++) {
		free(y->registry.units[u].code);
		free(y->registry.units[u].name);
		free(y->registry.units[u].previous_code);
	}
	free(y->registry.units);
	strmap_free(y->registry.by_code);
	strmap_free(y->registry.refused);
	for (size_t i = 0; i < y->registry.nrefused; i++)
		free(y->registry.refused_codes[i]);
	free(y->registry.refused_codes);
	free(y->registry.path);
	for (size_t i = 0; i < y->nrows; i++) {
		free(y->rows[i].file);
		free(y->rows[i].path);
		free(y->rows[i].reason);
	}
	free(y->rows);
	for (size_t i = 0; i < y->nprevious; i++)
		free(y->previous[i].unit_code);
	free(y->previous);
	publication_release(&y->pub);
	index_release(&y->index);
	for (size_t i = 0; i < y->nfiles; i++)
		free(y->files[i].path);
	free(y->files);
	free(y->dir);
	memset(y, 0, sizeof(*y));
}
