/*
 * submission.c: one unit's self-assessment, checked against the index and the
 * registry (input/FORMATS.md).
 *
 * The schema has checked the shape. This walk checks the values: the unit and
 * index named, each score's code, its na declaration, its self against the
 * item's rule and the raw data the rule needs; then that every item of the
 * unit's group is present. Whether self agrees with the rule on the raw data
 * is the scorer's warning, not an error here.
 */
#include "input/submission.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "input/index.h"
#include "base/fileio.h"
#include "input/loadutil.h"
#include "base/points.h"
#include "input/registry.h"
#include "base/strbuf.h"
#include "input/xmldoc.h"


/* Appends the cleaned texts of the `name` children of `n`. */
static void read_texts(struct loadctx *c, xmlNodePtr n, const char *name, const char *what,
		       char ***v, size_t *count)
{
	size_t alloc = 0;

	for (xmlNodePtr e = xmldoc_first(n, name); e; e = xmldoc_next(e, name)) {
		char *t = load_text(c, e, what);

		if (!t)
			continue;
		xgrow(v, &alloc, *count + 1, sizeof(**v));
		(*v)[(*count)++] = t;
	}
}

static int level_listed(const struct item *it, int64_t v)
{
	for (size_t i = 0; i < it->nlevels; i++)
		if (it->levels[i].points == v)
			return 1;
	return 0;
}

static void list_levels(struct strbuf *sb, const struct item *it)
{
	char buf[POINTS_BUFSZ];

	for (size_t i = 0; i < it->nlevels; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", points_format(it->levels[i].points, '.', buf));
}

/* Checks `self` against the item's rule, as input/FORMATS.md asks of self and appraisal scores. */
static void check_self(struct loadctx *c, int line, const struct item *it, int64_t self)
{
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];

	if (it->rule == RULE_LEVELS && !level_listed(it, self)) {
		struct strbuf sb = STRBUF_INIT;

		list_levels(&sb, it);
		load_error(c, line, "self=\"%s\" is not a level of %s '%s': expected one of %s",
			   points_format(self, '.', b1), kind_word(it->kind), it->code, sb.buf);
		strbuf_release(&sb);
	} else if (self > it->max) {
		load_error(c, line, "self=\"%s\" is more than the max %s of %s '%s'",
			   points_format(self, '.', b1), points_format(it->max, '.', b2),
			   kind_word(it->kind), it->code);
	}
}

static void read_raw(struct loadctx *c, xmlNodePtr n, const struct item *it, struct score *sc)
{
	struct raw_data *raw = &sc->raw;
	int line = sc->line;
	int ratio = it->rule == RULE_RATIO || it->rule == RULE_PROPORTIONAL;

	raw->has_numerator = load_count(c, n, "numerator", &raw->numerator) > 0;
	raw->has_denominator = load_count(c, n, "denominator", &raw->denominator) > 0;
	raw->has_count = load_count(c, n, "count", &raw->count) > 0;
	if (!ratio && (xmldoc_attr(n, "numerator") || xmldoc_attr(n, "denominator")))
		load_error(c, line, "numerator and denominator belong to ratio and proportional items, not to %s '%s' (rule %s)",
			   kind_word(it->kind), it->code,
			   it->rule == RULE_COUNT ? "count" : it->rule == RULE_LEVELS ? "levels" : "scale");
	if (it->rule != RULE_COUNT && xmldoc_attr(n, "count"))
		load_error(c, line, "count belongs to count items, not to %s '%s'", kind_word(it->kind), it->code);
	if (ratio && (!xmldoc_attr(n, "numerator") || !xmldoc_attr(n, "denominator")))
		load_error(c, line, "%s '%s' (rule %s) needs numerator=\"…\" and denominator=\"…\"",
			   kind_word(it->kind), it->code, it->rule == RULE_RATIO ? "ratio" : "proportional");
	if (it->rule == RULE_COUNT && !xmldoc_attr(n, "count"))
		load_error(c, line, "%s '%s' (rule count) needs count=\"…\", the number of occurrences",
			   kind_word(it->kind), it->code);
	if (raw->has_numerator && raw->has_denominator && raw->numerator > raw->denominator)
		load_error(c, line, "numerator %lld is more than denominator %lld: a ratio is at most 100%%",
			   (long long)raw->numerator, (long long)raw->denominator);
}

/*
 * index_find_item() that tries `*hint` first: submissions list their scores
 * in index order, so the next code is almost always the next item.
 */
static int find_item(const struct index *ix, const char *code, size_t *hint)
{
	int i;

	if (*hint < ix->nitems && !strcmp(ix->items[*hint].code, code))
		i = (int)*hint;
	else
		i = index_find_item(ix, code);
	if (i >= 0)
		*hint = (size_t)i + 1;
	return i;
}

/*
 * The Index's practice asks evidence for every score a unit gives. Exempt: an
 * item marked evidence="optional" in index.xml, a score declared not
 * applicable (its <note> says why), and a penalty the unit does not incur
 * (self 0: nothing to prove). A warning: the appraisal team decides.
 */
static void check_evidence(struct loadctx *c, int line, const struct item *it, const struct score *sc)
{
	for (size_t k = 0; k < sc->nevidence; k++)
		if (sc->evidence[k][0])
			return;
	if (it->evidence_optional || sc->na || (it->kind == KIND_PENALTY && sc->has_self && sc->self == 0))
		return;
	diag_warn(c->d, c->path, line,
		  "%s '%s' cites no evidence: name in <evidence> the document that proves the score",
		  kind_word(it->kind), it->code);
}

static void read_score(struct loadctx *c, struct year *y, struct submission *s, int unit, xmlNodePtr n,
		       size_t *hint)
{
	const struct index *ix = &y->index;
	const struct unit *u = &y->registry.units[unit];
	int line = xmldoc_line(n);
	char *code = load_attr(c, n, "code", "score code");
	const char *na = xmldoc_attr(n, "na");
	const struct item *it;
	struct score *sc;
	int i, note_refused, evidence_refused;

	if (!code)
		return;
	i = find_item(ix, code, hint);
	if (i < 0) {
		load_error(c, line, "unknown code '%s': index '%s' has no item, bonus or penalty with this code",
			   code, ix->id);
		goto out;
	}
	it = &ix->items[i];
	if (!it->in_group[u->group]) {
		if (s->hint_group >= 0)
			load_error(c, line,
				   "%s '%s' does not apply to group '%s' of unit '%s'; the unit's scores are those of group '%s': is its group in units.csv (line %d) right?",
				   kind_word(it->kind), code, ix->groups[u->group].code, u->code,
				   ix->groups[s->hint_group].code, u->line);
		else
			load_error(c, line, "%s '%s' does not apply to group '%s' of unit '%s'",
				   kind_word(it->kind), code, ix->groups[u->group].code, u->code);
		goto out;
	}
	sc = &s->scores[i];
	if (sc->present) {
		load_error(c, line, "second score for '%s' (the first is on line %d): each code appears once",
			   code, sc->line);
		goto out;
	}
	sc->present = 1;
	sc->line = line;
	if (na && strcmp(na, "true") && strcmp(na, "false"))
		load_error(c, line, "na=\"%s\" must be \"true\" or \"false\"", na);
	sc->na = na && !strcmp(na, "true");
	{
		int before = c->errors;

		read_texts(c, n, "evidence", "evidence", &sc->evidence, &sc->nevidence);
		/* Evidence refused for its text is there: do not also call it missing. */
		evidence_refused = c->errors > before;
	}
	{
		int before = c->errors;

		read_texts(c, n, "note", "note", &sc->notes, &sc->nnotes);
		/* A note refused for its text still says why: do not also call it missing. */
		note_refused = c->errors > before;
	}
	if (sc->na) {
		int has_note = note_refused;

		for (size_t k = 0; k < sc->nnotes; k++)
			has_note |= sc->notes[k][0] != '\0';
		if (!it->na_allowed)
			load_error(c, line, "%s '%s' cannot be declared not applicable: the index does not allow it",
				   kind_word(it->kind), code);
		if (xmldoc_attr(n, "self") || xmldoc_attr(n, "numerator") ||
		    xmldoc_attr(n, "denominator") || xmldoc_attr(n, "count"))
			load_error(c, line, "'%s' is declared not applicable, so it carries no self and no raw data",
				   code);
		if (!has_note)
			load_error(c, line, "'%s' is declared not applicable without a <note> saying why", code);
		goto out;
	}
	sc->has_self = load_points(c, n, "self", &sc->self) > 0;
	if (!xmldoc_attr(n, "self"))
		load_error(c, line, "score for '%s' has no self=\"…\": the unit's own score is required", code);
	else if (sc->has_self)
		check_self(c, line, it, sc->self);
	read_raw(c, n, it, sc);
	if (!evidence_refused)
		check_evidence(c, line, it, sc);
out:
	free(code);
}

static void check_missing(struct loadctx *c, struct year *y, struct submission *s, int unit)
{
	const struct index *ix = &y->index;
	int g = y->registry.units[unit].group;
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < ix->nitems; i++)
		if (ix->items[i].kind == KIND_ITEM && ix->items[i].in_group[g] && !s->scores[i].present) {
			strbuf_addf(&sb, "%s'%s'", n ? ", " : "", ix->items[i].code);
			n++;
		}
	if (n)
		load_error(c, s->line, P_("item %s missing: every item of group '%s' must have a <score>",
					  "items %s missing: every item of group '%s' must have a <score>", n),
			   sb.buf, ix->groups[g].code);
	strbuf_release(&sb);
}

/*
 * A unit registered in the wrong group: every score it gives for the items of
 * its real group would be "does not apply", and every item of the registered
 * group "missing". When the scores are exactly the items of one other group
 * (all of them, no other) and two or more of them do not fit the registered
 * group, the registry line is blamed once instead, and the submission is not
 * checked further: returns 1. With only one that does not fit, a mistyped
 * code is as likely: the item's own error says which group would fit, through
 * *hint (the group, or -1). Returns 0 then.
 */
static int wrong_group(struct loadctx *c, const struct year *y, int unit, xmlNodePtr root, int *hint_group)
{
	const struct index *ix = &y->index;
	const struct unit *u = &y->registry.units[unit];
	size_t *misfit = xcalloc(ix->ngroups, sizeof(*misfit));
	unsigned char *scored = xcalloc(ix->nitems ? ix->nitems : 1, 1);
	size_t hint = 0, fits = 0, other = 0, wrong;

	*hint_group = -1;
	for (xmlNodePtr n = xmldoc_first(root, "score"); n; n = xmldoc_next(n, "score")) {
		const char *code = xmldoc_attr(n, "code");
		int i = code ? find_item(ix, code, &hint) : -1;

		if (i < 0 || ix->items[i].kind != KIND_ITEM || scored[i])
			continue;
		scored[i] = 1;
		for (size_t g = 0; g < ix->ngroups; g++)
			misfit[g] += !ix->items[i].in_group[g];
	}
	wrong = misfit[u->group];
	for (size_t g = 0; wrong && g < ix->ngroups; g++) {
		int whole = !misfit[g];

		for (size_t i = 0; whole && i < ix->nitems; i++)
			whole = !(ix->items[i].kind == KIND_ITEM && ix->items[i].in_group[g] && !scored[i]);
		if (whole) {
			fits++;
			other = g;
		}
	}
	free(misfit);
	free(scored);
	if (fits != 1)
		return 0;
	if (wrong < 2) {
		*hint_group = (int)other;
		return 0;
	}
	diag_error(c->d, y->registry.path, u->line,
		   "unit '%s' is registered in group '%s', but its submission '%s' scores the items of group '%s': correct the group here (or the submission)",
		   u->code, ix->groups[u->group].code, year_relative(y, c->path), ix->groups[other].code);
	return 1;
}

static void read_submission(struct year *y, struct diag *d, const char *path, xmlNodePtr root)
{
	struct loadctx c = { path, d, 0 };
	char *index = load_attr(&c, root, "index", "index id");
	char *unit_code = load_attr(&c, root, "unit", "unit code");
	char *date = load_attr(&c, root, "date", "date");
	int line = xmldoc_line(root);
	struct submission *s;
	size_t hint = 0;
	int unit;

	if (index && strcmp(index, y->index.id))
		load_error(&c, line, "index=\"%s\" does not match the id '%s' of index.xml", index, y->index.id);
	if (date && !load_is_date(date))
		load_error(&c, line, "date=\"%s\" is not a real date written YYYY-MM-DD", date);
	unit = unit_code ? registry_find(&y->registry, unit_code) : -1;
	if (unit < 0) {
		/* A code on a refused registry row was blamed there already. */
		if (unit_code && registry_known(y, unit_code) == 0)
			load_error(&c, line, "unit '%s' is not in the registry (units.csv)", unit_code);
		goto out;
	}
	s = &y->subs[unit];
	if (s->path) {
		load_error(&c, line, "second submission for unit '%s': the first is '%s'", unit_code, s->path);
		goto out;
	}
	s->path = xstrdup(path);
	s->line = line;
	if (wrong_group(&c, y, unit, root, &s->hint_group)) {
		s->group_refused = 1;
		goto out;
	}
	s->date = date;
	date = NULL;
	s->scores = xcalloc(y->index.nitems, sizeof(*s->scores));
	for (xmlNodePtr n = xmldoc_first(root, "score"); n; n = xmldoc_next(n, "score"))
		read_score(&c, y, s, unit, n, &hint);
	read_texts(&c, root, "note", "note", &s->notes, &s->nnotes);
	{
		xmlNodePtr dt = xmldoc_first(root, "declared-total");

		if (dt) {
			char *t = load_text(&c, dt, "declared total");

			s->declared_line = xmldoc_line(dt);
			int r = t ? points_parse(t, 0, &s->declared_total) : -1;

			if (t && r == 0)
				s->has_declared = 1;
			else if (t && r == -2)
				load_error(&c, s->declared_line,
					   "declared total '%s' is more than 999999999.99, the most points parx accepts", t);
			else if (t)
				load_error(&c, s->declared_line,
					   "declared total '%s' is not a number of points: write digits with at most two decimals after a '.'",
					   t);
			free(t);
		}
	}
	check_missing(&c, y, s, unit);
out:
	free(index);
	free(unit_code);
	free(date);
}

int submissions_load(struct year *y, struct diag *d, int *parse_failed)
{
	char *dir = path_join(y->dir, "submissions");
	char **names = NULL, **paths;
	struct xmldoc_ahead *ahead;
	size_t n = 0;

	*parse_failed = 0;
	if (!y->subs)
		y->subs = xcalloc(y->registry.nunits ? y->registry.nunits : 1, sizeof(*y->subs));
	if (dir_list(dir, ".xml", 0, d, &names) < 0) {
		*parse_failed = 1;
		goto out;
	}
	while (names[n])
		n++;
	paths = xcalloc(n + 1, sizeof(*paths));
	for (size_t k = 0; k < n; k++)
		paths[k] = path_join(dir, names[k]);
	/* Parsed and validated on a second thread while this one reads each into the model. */
	ahead = xmldoc_ahead_start(paths, n, XMLDOC_SUBMISSION, (y->flags & YEAR_HASH) != 0);
	for (size_t k = 0; k < n; k++) {
		char sha[65] = "";
		xmlDocPtr doc = xmldoc_ahead_next(ahead, d, sha);

		year_add_file(y, paths[k], sha);
		if (!doc)
			*parse_failed = 1;
		else if (y->index_ok)
			read_submission(y, d, paths[k], xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	xmldoc_ahead_stop(ahead);
	names_free(paths);
out:
	names_free(names);
	free(dir);
	return 0;
}
