/*
 * workcopy.c: the working copy (workcopy.h). Each record has one writer and
 * one reader below, side by side, so that the two cannot drift apart; the
 * reader checks every field and every index it reads (a damaged copy is
 * refused, never trusted).
 */
#include "input/workcopy.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/tsv.h"
#include "base/strmap.h"
#include "input/load.h"
#include "input/publication.h"

#define MAGIC "parx-working-copy"

/* ---- Writing ------------------------------------------------------------------ */

static void rec(struct strbuf *sb, const char *kind)
{
	strbuf_addstr(sb, kind);
}

static void end(struct strbuf *sb)
{
	strbuf_addch(sb, '\n');
}

static void write_index(struct strbuf *sb, const struct index *ix)
{
	rec(sb, "index");
	tsv_put_text(sb, ix->path);
	tsv_put_text(sb, ix->id);
	tsv_put_int(sb, ix->year);
	tsv_put_int(sb, ix->scale);
	tsv_put_int(sb, ix->cap);
	tsv_put_text(sb, ix->title);
	tsv_put_int(sb, ix->has_bonuses);
	tsv_put_int(sb, ix->has_penalties);
	tsv_put_int(sb, ix->bonus_max);
	tsv_put_int(sb, ix->penalty_max);
	end(sb);
	for (size_t i = 0; i < ix->ngroups; i++) {
		rec(sb, "group");
		tsv_put_text(sb, ix->groups[i].code);
		tsv_put_text(sb, ix->groups[i].name);
		tsv_put_int(sb, ix->groups[i].line);
		end(sb);
	}
	for (size_t i = 0; i < ix->nfields; i++) {
		rec(sb, "field");
		tsv_put_text(sb, ix->fields[i].code);
		tsv_put_text(sb, ix->fields[i].name);
		tsv_put_int(sb, ix->fields[i].line);
		end(sb);
	}
	for (size_t i = 0; i < ix->ncriteria; i++) {
		rec(sb, "criterion");
		tsv_put_text(sb, ix->criteria[i].code);
		tsv_put_text(sb, ix->criteria[i].name);
		tsv_put_int(sb, ix->criteria[i].field);
		tsv_put_int(sb, ix->criteria[i].line);
		end(sb);
	}
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];

		rec(sb, "item");
		tsv_put_text(sb, it->code);
		tsv_put_text(sb, it->name);
		tsv_put_int(sb, it->kind);
		tsv_put_int(sb, it->field);
		tsv_put_int(sb, it->criterion);
		tsv_put_int(sb, it->rule);
		tsv_put_int(sb, it->max);
		tsv_put_int(sb, it->target);
		tsv_put_int(sb, it->per);
		tsv_put_int(sb, it->empty_zero);
		tsv_put_int(sb, it->na_allowed);
		tsv_put_int(sb, it->evidence_optional);
		strbuf_addch(sb, '\t');
		for (size_t g = 0; g < ix->ngroups; g++)
			strbuf_addch(sb, it->in_group && it->in_group[g] ? '1' : '0');
		tsv_put_int(sb, it->line);
		end(sb);
		for (size_t k = 0; k < it->nlevels; k++) {
			rec(sb, "level");
			tsv_put_int(sb, it->levels[k].points);
			tsv_put_text(sb, it->levels[k].text);
			tsv_put_int(sb, it->levels[k].line);
			end(sb);
		}
		for (size_t k = 0; k < it->nbands; k++) {
			rec(sb, "band");
			tsv_put_int(sb, it->bands[k].from);
			tsv_put_int(sb, it->bands[k].points);
			tsv_put_int(sb, it->bands[k].line);
			end(sb);
		}
	}
	for (size_t i = 0; i < ix->ngrades; i++) {
		rec(sb, "grade");
		tsv_put_int(sb, ix->grades[i].from);
		tsv_put_text(sb, ix->grades[i].label);
		tsv_put_int(sb, ix->grades[i].line);
		end(sb);
	}
}

static void write_publication(struct strbuf *sb, const struct publication *p)
{
	rec(sb, "pub");
	tsv_put_text(sb, p->path);
	tsv_put_text(sb, p->superior);
	tsv_put_text(sb, p->authority);
	tsv_put_text(sb, p->number);
	tsv_put_text(sb, p->symbol);
	tsv_put_text(sb, p->place);
	tsv_put_text(sb, p->date);
	tsv_put_text(sb, p->title);
	tsv_put_text(sb, p->decider);
	tsv_put_text(sb, p->coordinator);
	tsv_put_text(sb, p->executors);
	tsv_put_text(sb, p->proposal);
	tsv_put_text(sb, p->signer.on_behalf);
	tsv_put_text(sb, p->signer.title);
	tsv_put_text(sb, p->signer.position);
	tsv_put_text(sb, p->signer.name);
	tsv_put_int(sb, p->lines.superior);
	tsv_put_int(sb, p->lines.decider);
	tsv_put_int(sb, p->lines.signer);
	tsv_put_int(sb, p->lines.on_behalf);
	tsv_put_int(sb, p->lines.title);
	tsv_put_int(sb, p->lines.position);
	end(sb);
	for (size_t i = 0; i < p->nbases; i++) {
		rec(sb, "basis");
		tsv_put_text(sb, p->bases[i]);
		end(sb);
	}
	for (size_t i = 0; i < p->nrecipients; i++) {
		rec(sb, "recipient");
		tsv_put_text(sb, p->recipients[i]);
		end(sb);
	}
}

static void write_raw(struct strbuf *sb, const struct raw_data *raw)
{
	tsv_put_int(sb, raw->has_numerator);
	tsv_put_int(sb, raw->numerator);
	tsv_put_int(sb, raw->has_denominator);
	tsv_put_int(sb, raw->denominator);
	tsv_put_int(sb, raw->has_count);
	tsv_put_int(sb, raw->count);
}

static void write_submissions(struct tsv_writer *w, const struct year *y)
{
	struct strbuf *sb = &w->sb;

	for (size_t u = 0; u < y->registry.nunits; u++) {
		const struct submission *s = &y->subs[u];

		tsv_writer_spill(w);

		if (!s->path)
			continue;
		rec(sb, "sub");
		tsv_put_int(sb, (long long)u);
		tsv_put_text(sb, s->path);
		tsv_put_int(sb, s->line);
		tsv_put_text(sb, s->date);
		tsv_put_int(sb, s->has_declared);
		tsv_put_int(sb, s->declared_total);
		tsv_put_int(sb, s->declared_line);
		tsv_put_int(sb, s->group_refused);
		tsv_put_int(sb, s->hint_group);
		end(sb);
		for (size_t i = 0; s->scores && i < y->index.nitems; i++) {
			const struct score *sc = &s->scores[i];

			if (!sc->present)
				continue;
			rec(sb, "score");
			tsv_put_int(sb, (long long)i);
			tsv_put_int(sb, sc->line);
			tsv_put_int(sb, sc->na);
			tsv_put_int(sb, sc->has_self);
			tsv_put_int(sb, sc->self);
			write_raw(sb, &sc->raw);
			end(sb);
			for (size_t k = 0; k < sc->nevidence; k++) {
				rec(sb, "evidence");
				tsv_put_text(sb, sc->evidence[k]);
				end(sb);
			}
			for (size_t k = 0; k < sc->nnotes; k++) {
				rec(sb, "note");
				tsv_put_text(sb, sc->notes[k]);
				end(sb);
			}
		}
		for (size_t k = 0; k < s->nnotes; k++) {
			rec(sb, "subnote");
			tsv_put_text(sb, s->notes[k]);
			end(sb);
		}
	}
}

static void write_diag(struct tsv_writer *w, const struct diag *d)
{
	struct strbuf *sb = &w->sb;

	for (size_t i = 0; i < d->npaths; i++) {
		rec(sb, "diagfile");
		tsv_put_text(sb, d->paths[i]);
		tsv_put_int(sb, (long long)diag_more(d, i));
		end(sb);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];

		tsv_writer_spill(w);
		rec(sb, "diag");
		tsv_put_int(sb, e->level == DIAG_ERROR);
		tsv_put_text(sb, e->path);
		tsv_put_int(sb, e->line);
		tsv_put_text(sb, e->where);
		tsv_put_text(sb, e->kind);
		tsv_put_text(sb, e->message);
		end(sb);
	}
	rec(sb, "counts");
	tsv_put_int(sb, (long long)d->nerrors);
	tsv_put_int(sb, (long long)d->nwarnings);
	end(sb);
}

/* The digest of load_listing() of the year folder `dir` (NULL: none). */
static void listing_digest(const char *dir, char hex[65])
{
	struct strbuf sb = STRBUF_INIT;

	if (dir)
		load_listing(dir, &sb);
	sha256_hex(sb.buf ? sb.buf : "", sb.len, hex);
	strbuf_release(&sb);
}

int workcopy_write(const struct year *y, const struct diag *d, const char *dir)
{
	struct tsv_writer w;
	struct strbuf *sb = &w.sb;
	char *path = path_join(dir, WORKCOPY_FILE);

	if (tsv_writer_open(&w, path) < 0) {
		free(path);
		return -1;
	}
	strbuf_addf(sb, "%s\t%d\t%s\n", MAGIC, WORKCOPY_FORMAT, PARX_VERSION);
	rec(sb, "year");
	tsv_put_text(sb, y->dir);
	{
		/* Where it ran: the paths it records are relative to that folder. */
		char *cwd = getcwd(NULL, 0);

		tsv_put_text(sb, cwd);
		free(cwd);
	}
	tsv_put_int(sb, y->flags);
	tsv_put_int(sb, y->index_ok);
	tsv_put_int(sb, y->registry_ok);
	tsv_put_int(sb, y->registry_read);
	tsv_put_int(sb, y->has_previous);
	end(sb);
	/*
	 * The folder's files by name (a submission or an appraisal file added or
	 * removed since) and the language its messages are in.
	 */
	{
		char hex[65];

		listing_digest(y->dir, hex);
		rec(sb, "inputs");
		tsv_put_text(sb, hex);
		tsv_put_text(sb, i18n_language());
		end(sb);
	}
	/* The inputs, with what tells a later stage cheaply whether one changed. */
	for (size_t i = 0; i < y->nfiles; i++) {
		struct stat st;
		int ok = stat(y->files[i].path, &st) == 0;

		rec(sb, "file");
		tsv_put_text(sb, y->files[i].path);
		tsv_put_text(sb, y->files[i].sha256);
		tsv_put_int(sb, ok ? (long long)st.st_size : -1);
		tsv_put_int(sb, ok ? (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec : 0);
		end(sb);
	}
	/* A year with errors hands on only its problems: its model is not whole. */
	if (d->nerrors)
		goto problems;
	write_index(sb, &y->index);
	rec(sb, "registry");
	tsv_put_text(sb, y->registry.path);
	end(sb);
	for (size_t u = 0; u < y->registry.nunits; u++) {
		const struct unit *un = &y->registry.units[u];

		rec(sb, "unit");
		tsv_put_text(sb, un->code);
		tsv_put_text(sb, un->name);
		tsv_put_int(sb, un->group);
		tsv_put_text(sb, un->previous_code);
		tsv_put_int(sb, un->line);
		end(sb);
	}
	for (size_t i = 0; i < y->registry.nrefused; i++) {
		rec(sb, "refused");
		tsv_put_text(sb, y->registry.refused_codes[i]);
		end(sb);
	}
	write_publication(sb, &y->pub);
	write_submissions(&w, y);
	for (size_t i = 0; i < y->nrows; i++) {
		const struct appraisal_row *r = &y->rows[i];

		rec(sb, "row");
		tsv_put_text(sb, r->file);
		tsv_put_text(sb, r->path);
		tsv_put_int(sb, r->line);
		tsv_put_int(sb, r->unit);
		tsv_put_int(sb, r->item);
		tsv_put_int(sb, r->kind);
		tsv_put_int(sb, r->score);
		write_raw(sb, &r->raw);
		tsv_put_text(sb, r->reason);
		end(sb);
	}
	for (size_t i = 0; i < y->nprevious; i++) {
		const struct previous_row *p = &y->previous[i];

		rec(sb, "prev");
		tsv_put_text(sb, p->unit_code);
		tsv_put_int(sb, p->index);
		tsv_put_int(sb, p->rank);
		tsv_put_int(sb, p->line);
		tsv_put_int(sb, p->none);
		end(sb);
	}
problems:
	write_diag(&w, d);
	rec(sb, "end");
	end(sb);
	free(path);
	return tsv_writer_commit(&w);
}

/* ---- Reading ------------------------------------------------------------------ */

#define BIG 999999999999999LL
#define TAKE_INT(r) ((int)tsv_int((r), -1, 2147483647))
#define TAKE_NUM(r) ((int64_t)tsv_int((r), -BIG, BIG))
#define TAKE_FLAG(r) ((int)tsv_int((r), 0, 1))

static void read_strings(struct tsv_reader *r, const char *kind, char ***v, size_t *n)
{
	size_t alloc = 0;

	while (!r->bad && tsv_is(r, kind) && tsv_expect(r, kind, 1)) {
		xgrow(v, &alloc, *n + 1, sizeof(**v));
		(*v)[(*n)++] = tsv_text(r);
		tsv_next(r);
	}
}

static void read_index(struct tsv_reader *r, struct index *ix)
{
	size_t ag = 0, af = 0, ac = 0, ai = 0, agr = 0;

	if (!tsv_expect(r, "index", 10))
		return;
	ix->path = tsv_text(r);
	ix->id = tsv_text(r);
	ix->year = TAKE_INT(r);
	ix->scale = TAKE_NUM(r);
	ix->cap = TAKE_FLAG(r);
	ix->title = tsv_text(r);
	ix->has_bonuses = TAKE_FLAG(r);
	ix->has_penalties = TAKE_FLAG(r);
	ix->bonus_max = TAKE_NUM(r);
	ix->penalty_max = TAKE_NUM(r);
	tsv_next(r);
	while (!r->bad && tsv_is(r, "group") && tsv_expect(r, "group", 3)) {
		struct group *g;

		xgrow(&ix->groups, &ag, ix->ngroups + 1, sizeof(*ix->groups));
		g = &ix->groups[ix->ngroups++];
		g->code = tsv_text(r);
		g->name = tsv_text(r);
		g->line = TAKE_INT(r);
		tsv_next(r);
	}
	while (!r->bad && tsv_is(r, "field") && tsv_expect(r, "field", 3)) {
		struct field *f;

		xgrow(&ix->fields, &af, ix->nfields + 1, sizeof(*ix->fields));
		f = &ix->fields[ix->nfields++];
		f->code = tsv_text(r);
		f->name = tsv_text(r);
		f->line = TAKE_INT(r);
		tsv_next(r);
	}
	while (!r->bad && tsv_is(r, "criterion") && tsv_expect(r, "criterion", 4)) {
		struct criterion *c;

		xgrow(&ix->criteria, &ac, ix->ncriteria + 1, sizeof(*ix->criteria));
		c = &ix->criteria[ix->ncriteria++];
		c->code = tsv_text(r);
		c->name = tsv_text(r);
		c->field = (int)tsv_int(r, 0, (long long)ix->nfields - 1);
		c->line = TAKE_INT(r);
		tsv_next(r);
	}
	while (!r->bad && tsv_is(r, "item") && tsv_expect(r, "item", 14)) {
		struct item *it;
		char *groups;
		size_t al = 0, ab = 0;

		xgrow(&ix->items, &ai, ix->nitems + 1, sizeof(*ix->items));
		it = &ix->items[ix->nitems++];
		memset(it, 0, sizeof(*it));
		it->code = tsv_text(r);
		it->name = tsv_text(r);
		it->kind = (enum item_kind)tsv_int(r, KIND_ITEM, KIND_PENALTY);
		it->field = (int)tsv_int(r, -1, (long long)ix->nfields - 1);
		it->criterion = (int)tsv_int(r, -1, (long long)ix->ncriteria - 1);
		it->rule = (enum rule_kind)tsv_int(r, RULE_LEVELS, RULE_COUNT);
		it->max = TAKE_NUM(r);
		it->target = TAKE_NUM(r);
		it->per = TAKE_NUM(r);
		it->empty_zero = TAKE_FLAG(r);
		it->na_allowed = TAKE_FLAG(r);
		it->evidence_optional = TAKE_FLAG(r);
		groups = tsv_text(r);
		it->in_group = xcalloc(ix->ngroups ? ix->ngroups : 1, 1);
		if (!groups || strlen(groups) != ix->ngroups || strspn(groups, "01") != ix->ngroups)
			tsv_damaged(r, N_("an item's groups"));
		for (size_t g = 0; groups && g < ix->ngroups && !r->bad; g++)
			it->in_group[g] = groups[g] == '1';
		free(groups);
		it->line = TAKE_INT(r);
		tsv_next(r);
		while (!r->bad && tsv_is(r, "level") && tsv_expect(r, "level", 3)) {
			xgrow(&it->levels, &al, it->nlevels + 1, sizeof(*it->levels));
			it->levels[it->nlevels].points = TAKE_NUM(r);
			it->levels[it->nlevels].text = tsv_text(r);
			it->levels[it->nlevels++].line = TAKE_INT(r);
			tsv_next(r);
		}
		while (!r->bad && tsv_is(r, "band") && tsv_expect(r, "band", 3)) {
			xgrow(&it->bands, &ab, it->nbands + 1, sizeof(*it->bands));
			it->bands[it->nbands].from = TAKE_NUM(r);
			it->bands[it->nbands].points = TAKE_NUM(r);
			it->bands[it->nbands++].line = TAKE_INT(r);
			tsv_next(r);
		}
	}
	while (!r->bad && tsv_is(r, "grade") && tsv_expect(r, "grade", 3)) {
		struct grade *g;

		xgrow(&ix->grades, &agr, ix->ngrades + 1, sizeof(*ix->grades));
		g = &ix->grades[ix->ngrades++];
		g->from = TAKE_NUM(r);
		g->label = tsv_text(r);
		g->line = TAKE_INT(r);
		tsv_next(r);
	}
}

static void read_registry(struct tsv_reader *r, struct year *y)
{
	struct registry *reg = &y->registry;
	size_t au = 0;

	if (!tsv_expect(r, "registry", 1))
		return;
	reg->path = tsv_text(r);
	tsv_next(r);
	while (!r->bad && tsv_is(r, "unit") && tsv_expect(r, "unit", 5)) {
		struct unit *u;

		xgrow(&reg->units, &au, reg->nunits + 1, sizeof(*reg->units));
		u = &reg->units[reg->nunits];
		u->code = tsv_text(r);
		u->name = tsv_text(r);
		u->group = (int)tsv_int(r, 0, (long long)y->index.ngroups - 1);
		u->previous_code = tsv_text(r);
		u->line = TAKE_INT(r);
		if (!u->code)
			tsv_damaged(r, N_("a unit without a code"));
		if (!r->bad) {
			if (!reg->by_code)
				reg->by_code = strmap_new();
			strmap_put(reg->by_code, u->code, (int)reg->nunits);
		}
		reg->nunits++;
		tsv_next(r);
	}
	while (!r->bad && tsv_is(r, "refused") && tsv_expect(r, "refused", 1)) {
		char *code = tsv_text(r);

		if (!code) {
			tsv_damaged(r, N_("a refused code"));
			break;
		}
		if (!reg->refused)
			reg->refused = strmap_new();
		xgrow(&reg->refused_codes, &reg->arefused, reg->nrefused + 1, sizeof(*reg->refused_codes));
		reg->refused_codes[reg->nrefused] = code;
		strmap_put(reg->refused, reg->refused_codes[reg->nrefused++], 1);
		tsv_next(r);
	}
}

static void read_publication(struct tsv_reader *r, struct publication *p)
{
	struct diag quiet;

	if (!tsv_expect(r, "pub", 22))
		return;
	p->path = tsv_text(r);
	p->superior = tsv_text(r);
	p->authority = tsv_text(r);
	p->number = tsv_text(r);
	p->symbol = tsv_text(r);
	p->place = tsv_text(r);
	p->date = tsv_text(r);
	p->title = tsv_text(r);
	p->decider = tsv_text(r);
	p->coordinator = tsv_text(r);
	p->executors = tsv_text(r);
	p->proposal = tsv_text(r);
	p->signer.on_behalf = tsv_text(r);
	p->signer.title = tsv_text(r);
	p->signer.position = tsv_text(r);
	p->signer.name = tsv_text(r);
	p->lines.superior = TAKE_INT(r);
	p->lines.decider = TAKE_INT(r);
	p->lines.signer = TAKE_INT(r);
	p->lines.on_behalf = TAKE_INT(r);
	p->lines.title = TAKE_INT(r);
	p->lines.position = TAKE_INT(r);
	tsv_next(r);
	read_strings(r, "basis", &p->bases, &p->nbases);
	read_strings(r, "recipient", &p->recipients, &p->nrecipients);
	/* What follows from the particulars is derived again, as the loader did (its problems are in the copy). */
	if (!r->bad && p->authority) {
		diag_init(&quiet);
		publication_derive(p, &quiet);
		diag_release(&quiet);
	}
}

static void read_raw(struct tsv_reader *r, struct raw_data *raw)
{
	raw->has_numerator = TAKE_FLAG(r);
	raw->numerator = TAKE_NUM(r);
	raw->has_denominator = TAKE_FLAG(r);
	raw->denominator = TAKE_NUM(r);
	raw->has_count = TAKE_FLAG(r);
	raw->count = TAKE_NUM(r);
}

static void read_submissions(struct tsv_reader *r, struct year *y)
{
	size_t nitems = y->index.nitems;

	while (!r->bad && tsv_is(r, "sub") && tsv_expect(r, "sub", 9)) {
		long long u = tsv_int(r, 0, (long long)y->registry.nunits - 1);
		struct submission *s;

		if (r->bad)
			break;
		s = &y->subs[u];
		if (s->path) {
			tsv_damaged(r, N_("a unit with two submissions"));
			break;
		}
		s->path = tsv_text(r);
		s->line = TAKE_INT(r);
		s->date = tsv_text(r);
		s->has_declared = TAKE_FLAG(r);
		s->declared_total = TAKE_NUM(r);
		s->declared_line = TAKE_INT(r);
		s->group_refused = TAKE_FLAG(r);
		s->hint_group = (int)tsv_int(r, -1, (long long)y->index.ngroups - 1);
		s->scores = xcalloc(nitems ? nitems : 1, sizeof(*s->scores));
		if (!s->path)
			tsv_damaged(r, N_("a submission without its file"));
		tsv_next(r);
		while (!r->bad && tsv_is(r, "score") && tsv_expect(r, "score", 11)) {
			long long i = tsv_int(r, 0, (long long)nitems - 1);
			struct score *sc;
			size_t ae = 0, an = 0;

			if (r->bad)
				break;
			sc = &s->scores[i];
			if (sc->present) {
				tsv_damaged(r, N_("an item scored twice"));
				break;
			}
			sc->present = 1;
			sc->line = TAKE_INT(r);
			sc->na = TAKE_FLAG(r);
			sc->has_self = TAKE_FLAG(r);
			sc->self = TAKE_NUM(r);
			read_raw(r, &sc->raw);
			tsv_next(r);
			while (!r->bad && tsv_is(r, "evidence") && tsv_expect(r, "evidence", 1)) {
				xgrow(&sc->evidence, &ae, sc->nevidence + 1, sizeof(*sc->evidence));
				sc->evidence[sc->nevidence++] = tsv_text(r);
				tsv_next(r);
			}
			while (!r->bad && tsv_is(r, "note") && tsv_expect(r, "note", 1)) {
				xgrow(&sc->notes, &an, sc->nnotes + 1, sizeof(*sc->notes));
				sc->notes[sc->nnotes++] = tsv_text(r);
				tsv_next(r);
			}
			/* Exactly their size: a year holds half a million scores. */
			if (ae > sc->nevidence)
				sc->evidence = xrealloc(sc->evidence, sc->nevidence * sizeof(*sc->evidence) + 1);
			if (an > sc->nnotes)
				sc->notes = xrealloc(sc->notes, sc->nnotes * sizeof(*sc->notes) + 1);
		}
		read_strings(r, "subnote", &s->notes, &s->nnotes);
	}
}

static void read_rows(struct tsv_reader *r, struct year *y)
{
	size_t alloc = 0;

	while (!r->bad && tsv_is(r, "row") && tsv_expect(r, "row", 14)) {
		struct appraisal_row *a;

		xgrow(&y->rows, &alloc, y->nrows + 1, sizeof(*y->rows));
		a = &y->rows[y->nrows++];
		memset(a, 0, sizeof(*a));
		a->file = tsv_text(r);
		a->path = tsv_text(r);
		a->line = TAKE_INT(r);
		a->unit = (int)tsv_int(r, 0, (long long)y->registry.nunits - 1);
		a->item = (int)tsv_int(r, 0, (long long)y->index.nitems - 1);
		a->kind = (enum appraisal_score)tsv_int(r, APPRAISAL_EMPTY, APPRAISAL_VALUE);
		a->score = TAKE_NUM(r);
		read_raw(r, &a->raw);
		a->reason = tsv_text(r);
		if (!a->file || !a->path)
			tsv_damaged(r, N_("an appraisal row without its file"));
		tsv_next(r);
	}
}

static void read_previous(struct tsv_reader *r, struct year *y)
{
	size_t alloc = 0;

	while (!r->bad && tsv_is(r, "prev") && tsv_expect(r, "prev", 5)) {
		struct previous_row *p;

		xgrow(&y->previous, &alloc, y->nprevious + 1, sizeof(*y->previous));
		p = &y->previous[y->nprevious++];
		p->unit_code = tsv_text(r);
		p->index = TAKE_NUM(r);
		p->rank = TAKE_INT(r);
		p->line = TAKE_INT(r);
		p->none = TAKE_FLAG(r);
		tsv_next(r);
	}
}

/* The problems; the warnings only counted (by the "counts" record) unless `warnings`. */
static void read_diag(struct tsv_reader *r, struct diag *d, int warnings)
{
	long long ne, nw;

	while (!r->bad && tsv_is(r, "diagfile") && tsv_expect(r, "diagfile", 2)) {
		char *path;

		if (!warnings) {
			tsv_next(r);
			continue;
		}
		path = tsv_text(r);
		long long more = tsv_int(r, 0, BIG);

		if (more > 0)
			diag_restore_more(d, path, (size_t)more);
		else
			diag_restore_more(d, path, 0);
		free(path);
		tsv_next(r);
	}
	while (!r->bad && tsv_is(r, "diag") && tsv_expect(r, "diag", 6)) {
		int error = TAKE_FLAG(r);
		char *path;

		if (!error && !warnings && !r->bad) {
			tsv_next(r);
			continue;
		}
		path = tsv_text(r);
		int line = TAKE_INT(r);
		char *where = tsv_text(r), *kind = tsv_text(r), *msg = tsv_text(r);

		if (!r->bad)
			diag_restore(d, error ? DIAG_ERROR : DIAG_WARNING, path, line, where, kind,
				     msg ? msg : "");
		free(path);
		free(where);
		free(kind);
		free(msg);
		tsv_next(r);
	}
	if (!tsv_expect(r, "counts", 2))
		return;
	ne = tsv_int(r, 0, BIG);
	nw = tsv_int(r, 0, BIG);
	if (!r->bad)
		diag_restore_counts(d, (size_t)ne, (size_t)nw);
	tsv_next(r);
}

/* The inputs as they were: same size and time, or else the same digest. */
static void check_file(struct tsv_reader *r, const char *path, const char *sha, long long size,
		       long long mtime)
{
	struct stat st;
	char now[65];

	if (stat(path, &st) == 0 && (long long)st.st_size == size &&
	    (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec == mtime)
		return;
	if (stat(path, &st) < 0) {
		diag_error(r->d, r->path, r->line,
			   "the working copy was made from '%s', which is gone: run parx-ingest again", path);
		r->bad = 1;
	} else if (sha256_file(path, now) < 0 || strcmp(now, sha)) {
		diag_error(r->d, r->path, r->line,
			   "'%s' changed since the working copy was made: run parx-ingest again", path);
		r->bad = 1;
	}
}

int workcopy_is(const char *dir)
{
	char *path = path_join(dir, WORKCOPY_FILE);
	FILE *f = fopen(path, "r");
	char head[sizeof(MAGIC) + 1] = "";
	int yes = 0;

	if (f) {
		yes = fread(head, 1, sizeof(MAGIC), f) == sizeof(MAGIC) &&
		      !memcmp(head, MAGIC "\t", sizeof(MAGIC));
		fclose(f);
	}
	free(path);
	return yes;
}

int workcopy_read(struct year *y, struct diag *d, const char *dir, int warnings)
{
	struct tsv_reader r;
	char *path = path_join(dir, WORKCOPY_FILE);
	size_t afiles = 0;

	memset(y, 0, sizeof(*y));
	if (tsv_open(&r, path, N_("the working copy"), N_("run parx-ingest again"), d) < 0) {
		free(path);
		y->subs = xcalloc(1, sizeof(*y->subs));
		return -1;
	}
	if (!tsv_next(&r) || r.nfield != 3 || strcmp(r.field[0], MAGIC)) {
		tsv_damaged(&r, N_("not a working copy"));
	} else if (atoi(r.field[1]) != WORKCOPY_FORMAT || strcmp(r.field[2], PARX_VERSION)) {
		diag_error(d, path, 1,
			   "the working copy was made by parx %s (format %s), not by this parx %s: run parx-ingest again",
			   r.field[2], r.field[1], PARX_VERSION);
		r.bad = 1;
	}
	if (!r.bad && tsv_next(&r) && tsv_expect(&r, "year", 7)) {
		char *then, *now = getcwd(NULL, 0);

		y->dir = tsv_text(&r);
		then = tsv_text(&r);
		if (!r.bad && y->dir && y->dir[0] != '/' && (!then || !now || strcmp(then, now))) {
			diag_error(d, path, r.line,
				   "the working copy names its files from the folder '%s': run this stage from there",
				   then ? then : "?");
			r.bad = 1;
		}
		free(then);
		free(now);
		y->flags = (unsigned)tsv_int(&r, 0, 255);
		y->index_ok = TAKE_FLAG(&r);
		y->registry_ok = TAKE_FLAG(&r);
		y->registry_read = TAKE_FLAG(&r);
		y->has_previous = TAKE_FLAG(&r);
		tsv_next(&r);
	}
	if (!r.bad && tsv_expect(&r, "inputs", 2)) {
		char *then = tsv_text(&r), *lang = tsv_text(&r), now[65];

		listing_digest(y->dir, now);
		if (!r.bad && (!then || strcmp(then, now))) {
			diag_error(d, path, r.line,
				   "a file was added to or removed from '%s' since the working copy was made: run parx-ingest again",
				   y->dir ? y->dir : ".");
			r.bad = 1;
		} else if (!r.bad && (!lang || strcmp(lang, i18n_language()))) {
			diag_error(d, path, r.line,
				   "the working copy's messages are in the language '%s', this run's in '%s': run parx-ingest again",
				   lang ? lang : "?", i18n_language());
			r.bad = 1;
		}
		free(then);
		free(lang);
		tsv_next(&r);
	}
	while (!r.bad && tsv_is(&r, "file") && tsv_expect(&r, "file", 4)) {
		char *fp = tsv_text(&r), *sha = tsv_text(&r);
		long long size = tsv_int(&r, -1, BIG), mtime = tsv_int(&r, -BIG * 9000, BIG * 9000);

		if (!fp || !sha || strlen(sha) != 64)
			tsv_damaged(&r, N_("an input without its digest"));
		if (!r.bad)
			check_file(&r, fp, sha, size, mtime);
		if (!r.bad) {
			xgrow(&y->files, &afiles, y->nfiles + 1, sizeof(*y->files));
			y->files[y->nfiles].path = fp;
			memcpy(y->files[y->nfiles++].sha256, sha, 65);
			fp = NULL;
		}
		free(fp);
		free(sha);
		tsv_next(&r);
	}
	y->files_alloc = afiles;
	if (!r.bad && !tsv_is(&r, "index")) {
		/* Only the problems of a year with errors (workcopy_write). */
		y->subs = xcalloc(1, sizeof(*y->subs));
		read_diag(&r, d, warnings);
		if (!r.bad && !d->nerrors)
			tsv_damaged(&r, N_("no model and no error"));
		goto end;
	}
	if (!r.bad)
		read_index(&r, &y->index);
	if (!r.bad)
		read_registry(&r, y);
	y->subs = xcalloc(y->registry.nunits ? y->registry.nunits : 1, sizeof(*y->subs));
	if (!r.bad)
		read_publication(&r, &y->pub);
	if (!r.bad)
		read_submissions(&r, y);
	if (!r.bad)
		read_rows(&r, y);
	if (!r.bad)
		read_previous(&r, y);
	if (!r.bad)
		read_diag(&r, d, warnings);
end:
	if (!r.bad && !tsv_expect(&r, "end", 0))
		r.bad = 1;
	if (!r.bad && tsv_next(&r))
		tsv_damaged(&r, N_("something follows its end"));
	tsv_close(&r);
	free(path);
	return r.bad ? -1 : 0;
}
