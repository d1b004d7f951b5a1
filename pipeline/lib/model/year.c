/*
 * year.c: the model's own operations: recording an input file, paths relative
 * to the year folder, and releasing every part of a year. Nothing here reads
 * a file; loading is input/load.c and the loaders beside it.
 */
#include "model/year.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/strmap.h"

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void decider_info_release(struct decider_info *d)
{
	free(d->authority_line);
	free(d->authority_name);
	free(d->issuer);
	free(d->number);
	free(d->date);
	free(d->reference);
	free_list(d->signature, d->nsignature);
	memset(d, 0, sizeof(*d));
}

void publication_release(struct publication *p)
{
	free(p->path);
	free(p->superior);
	free(p->authority);
	free(p->number);
	free(p->symbol);
	free(p->place);
	free(p->date);
	free(p->title);
	free(p->decider);
	free(p->coordinator);
	free(p->executors);
	free_list(p->bases, p->nbases);
	free(p->proposal);
	free(p->signer.on_behalf);
	free(p->signer.title);
	free(p->signer.position);
	free(p->signer.name);
	free_list(p->recipients, p->nrecipients);
	decider_info_release(&p->d);
	memset(p, 0, sizeof(*p));
}

void index_release(struct index *ix)
{
	for (size_t i = 0; i < ix->nitems; i++) {
		struct item *it = &ix->items[i];

		free(it->code);
		free(it->name);
		for (size_t l = 0; l < it->nlevels; l++)
			free(it->levels[l].text);
		free(it->levels);
		free(it->bands);
		free(it->in_group);
	}
	free(ix->items);
	for (size_t i = 0; i < ix->ncriteria; i++) {
		free(ix->criteria[i].code);
		free(ix->criteria[i].name);
	}
	free(ix->criteria);
	for (size_t i = 0; i < ix->nfields; i++) {
		free(ix->fields[i].code);
		free(ix->fields[i].name);
	}
	free(ix->fields);
	for (size_t i = 0; i < ix->ngroups; i++) {
		free(ix->groups[i].code);
		free(ix->groups[i].name);
	}
	free(ix->groups);
	for (size_t i = 0; i < ix->ngrades; i++)
		free(ix->grades[i].label);
	free(ix->grades);
	free(ix->path);
	free(ix->id);
	free(ix->title);
	memset(ix, 0, sizeof(*ix));
}

void submission_release(struct submission *s, size_t nitems)
{
	if (s->scores)
		for (size_t i = 0; i < nitems; i++) {
			free_list(s->scores[i].evidence, s->scores[i].nevidence);
			free_list(s->scores[i].notes, s->scores[i].nnotes);
		}
	free(s->scores);
	free_list(s->notes, s->nnotes);
	free(s->path);
	free(s->date);
	memset(s, 0, sizeof(*s));
}

void year_add_file(struct year *y, const char *path, const char sha256[65])
{
	struct input_file *f;

	xgrow(&y->files, &y->files_alloc, y->nfiles + 1, sizeof(*y->files));
	f = &y->files[y->nfiles++];
	f->path = xstrdup(path);
	memcpy(f->sha256, sha256, 65);
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
	free(y->rounds);
	for (size_t i = 0; i < y->nfiles; i++)
		free(y->files[i].path);
	free(y->files);
	free(y->dir);
	memset(y, 0, sizeof(*y));
}

int year_round_of(const struct year *y, const char *name)
{
	int round = 0;

	if (y->rounds) {
		for (size_t i = 0; i < y->nrounds; i++)
			if (!strcmp(y->rounds[i], name))
				return (int)i + 1;
		return 0;
	}
	/* The appraisal files are recorded as they are read: in name order. */
	for (size_t i = 0; i < y->nfiles; i++) {
		const char *rel = year_relative(y, y->files[i].path);

		if (strncmp(rel, "appraisal/", 10))
			continue;
		round++;
		if (!strcmp(rel + 10, name))
			return round;
	}
	return 0;
}

void year_note_rounds(struct year *y)
{
	free(y->rounds);
	y->rounds = xcalloc(y->nfiles + 1, sizeof(*y->rounds));
	y->nrounds = 0;
	for (size_t i = 0; i < y->nfiles; i++) {
		const char *rel = year_relative(y, y->files[i].path);

		if (!strncmp(rel, "appraisal/", 10))
			y->rounds[y->nrounds++] = rel + 10;
	}
}
