/*
 * index.c: index.xml, the definition of the year's index (input/FORMATS.md).
 *
 * The schema has already checked the shape (which elements, which attributes,
 * which are required); this walk reads the values and checks every rule an
 * index must satisfy, reporting each failure at the line of the element it is
 * about, and keeps going so a user sees all of them at once.
 */
#include "input/index.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/fileio.h"
#include "input/loadutil.h"
#include "base/points.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "input/xmldoc.h"


const char *kind_word(enum item_kind kind)
{
	static const char *const words[] = {
		[KIND_ITEM] = N_("item"), [KIND_BONUS] = N_("bonus"), [KIND_PENALTY] = N_("penalty"),
	};

	return _(words[kind]);
}

static const char *const rule_names[] = {
	[RULE_LEVELS] = "levels", [RULE_SCALE] = "scale", [RULE_RATIO] = "ratio",
	[RULE_PROPORTIONAL] = "proportional", [RULE_COUNT] = "count",
};


/* Every code seen, for the uniqueness rule across fields, criteria and scored codes. */
struct seen {
	const char *code;
	int line;
};

struct walk {
	struct loadctx c;
	struct index *ix;
	struct seen *seen;
	size_t nseen, aseen;
	size_t alloc_fields, alloc_criteria, alloc_items, alloc_groups, alloc_grades;
};

/* Records `code` (borrowed from the index) and reports a duplicate. */
static void check_unique(struct walk *w, const char *what, const char *code, int line)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (!strcmp(w->seen[i].code, code)) {
			load_error(&w->c, line, "%s code '%s' is already used on line %d: codes must be unique",
				   _(what), code, w->seen[i].line);
			return;
		}
	xgrow(&w->seen, &w->aseen, w->nseen + 1, sizeof(*w->seen));
	w->seen[w->nseen].code = code;
	w->seen[w->nseen].line = line;
	w->nseen++;
}

/* Reads the code attribute of an element; always returns a string (maybe ""). */
static char *read_code(struct walk *w, xmlNodePtr n, const char *what)
{
	char *code = load_attr(&w->c, n, "code", "code");

	if (!code)
		return xstrdup("");
	if (!load_is_code(code))
		load_error(&w->c, xmldoc_line(n), "%s code '%s' is empty or contains white space",
			   _(what), code);
	return code;
}

static char *read_name(struct walk *w, xmlNodePtr n, const char *what, const char *code)
{
	struct strbuf sb = STRBUF_INIT;
	char *name;

	strbuf_addf(&sb, _("name of %s '%s'"), _(what), code);
	name = load_attr(&w->c, n, "name", sb.buf);
	strbuf_release(&sb);
	if (!name && xmldoc_attr(n, "name")) /* refused, and reported */
		return xstrdup("-");
	if (name && !*name)
		load_error(&w->c, xmldoc_line(n), "%s '%s' has an empty name", _(what), code);
	else if (name && text_length(name) > TEXT_NAME_MAX)
		load_error(&w->c, xmldoc_line(n),
			   "the name of %s '%s' is %zu characters long, more than the %d a name may have (the documents print it in one cell): shorten it",
			   _(what), code, text_length(name), TEXT_NAME_MAX);
	return name ? name : xstrdup("");
}

/* True when `code` starts with `parent` and is longer. */
static int extends(const char *code, const char *parent)
{
	size_t n = strlen(parent);

	return strlen(code) > n && !strncmp(code, parent, n);
}

static void read_groups_attr(struct walk *w, xmlNodePtr n, struct item *it)
{
	const char *raw = xmldoc_attr(n, "groups");
	char *copy, *tok, *save = NULL;
	int any = 0;

	it->in_group = xcalloc(w->ix->ngroups ? w->ix->ngroups : 1, 1);
	if (!raw) {
		memset(it->in_group, 1, w->ix->ngroups);
		return;
	}
	copy = xstrdup(raw);
	for (tok = strtok_r(copy, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
		int g = index_find_group(w->ix, tok);

		any = 1;
		if (g < 0)
			load_error(&w->c, it->line, "%s '%s': groups names '%s', which is not a group of the index",
				   kind_word(it->kind), it->code, tok);
		else
			it->in_group[g] = 1;
	}
	if (!any)
		load_error(&w->c, it->line, "%s '%s': groups is empty; leave it out to apply the %s to every group",
			   kind_word(it->kind), it->code, kind_word(it->kind));
	free(copy);
}

static void read_levels(struct walk *w, xmlNodePtr n, struct item *it)
{
	size_t alloc = 0;
	int has_max = 0;
	char buf[POINTS_BUFSZ], b2[POINTS_BUFSZ];

	for (xmlNodePtr l = xmldoc_first(n, "level"); l; l = xmldoc_next(l, "level")) {
		struct level *lv;

		xgrow(&it->levels, &alloc, it->nlevels + 1, sizeof(*it->levels));
		lv = &it->levels[it->nlevels++];
		lv->line = xmldoc_line(l);
		lv->points = 0;
		lv->text = load_text(&w->c, l, "level text");
		if (!lv->text)
			lv->text = xstrdup("");
		if (load_points(&w->c, l, "points", &lv->points) <= 0)
			continue;
		if (lv->points > it->max)
			load_error(&w->c, lv->line, "level of %s points is more than the maximum %s of %s '%s'",
				   points_format(lv->points, '.', buf), points_format(it->max, '.', b2),
				   kind_word(it->kind), it->code);
		if (lv->points == it->max)
			has_max = 1;
		for (size_t i = 0; i + 1 < it->nlevels; i++)
			if (it->levels[i].points == lv->points) {
				load_error(&w->c, lv->line, "level of %s points repeats the level on line %d: level values must be distinct",
					   points_format(lv->points, '.', buf), it->levels[i].line);
				break;
			}
	}
	if (it->rule != RULE_LEVELS) {
		if (it->nlevels)
			load_error(&w->c, it->line, "%s '%s' has <level> elements but rule=\"%s\": levels belong to rule=\"levels\" only",
				   kind_word(it->kind), it->code, rule_names[it->rule]);
		return;
	}
	if (it->nlevels < 2)
		load_error(&w->c, it->line, "%s '%s' (rule levels) needs at least two <level> elements",
			   kind_word(it->kind), it->code);
	else if (!has_max)
		load_error(&w->c, it->line, "%s '%s': no level gives the max %s points; one level must",
			   kind_word(it->kind), it->code, points_format(it->max, '.', buf));
}

static void read_bands(struct walk *w, xmlNodePtr n, struct item *it)
{
	size_t alloc = 0;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];

	for (xmlNodePtr l = xmldoc_first(n, "band"); l; l = xmldoc_next(l, "band")) {
		struct band *bd;
		int okf, okp;

		xgrow(&it->bands, &alloc, it->nbands + 1, sizeof(*it->bands));
		bd = &it->bands[it->nbands++];
		bd->line = xmldoc_line(l);
		bd->from = bd->points = 0;
		okf = load_points(&w->c, l, "from", &bd->from);
		okp = load_points(&w->c, l, "points", &bd->points);
		if (okp > 0 && bd->points > it->max)
			load_error(&w->c, bd->line, "band gives %s points, more than the maximum %s of %s '%s'",
				   points_format(bd->points, '.', b1), points_format(it->max, '.', b2),
				   kind_word(it->kind), it->code);
		if (okf > 0 && it->nbands > 1 && bd->from >= it->bands[it->nbands - 2].from)
			load_error(&w->c, bd->line, "band from=\"%s\" is not below the band before it (from=\"%s\"): bands go from the highest threshold down",
				   points_format(bd->from, '.', b1),
				   points_format(it->bands[it->nbands - 2].from, '.', b2));
	}
	if (it->rule != RULE_RATIO) {
		if (it->nbands)
			load_error(&w->c, it->line, "%s '%s' has <band> elements but rule=\"%s\": bands belong to rule=\"ratio\" only",
				   kind_word(it->kind), it->code, rule_names[it->rule]);
		return;
	}
	if (!it->nbands)
		load_error(&w->c, it->line, "%s '%s' (rule ratio) needs <band> elements, the last with from=\"0\"",
			   kind_word(it->kind), it->code);
	else if (it->bands[it->nbands - 1].from != 0)
		load_error(&w->c, it->bands[it->nbands - 1].line,
			   "the last band of %s '%s' must have from=\"0\" so that every ratio reaches a band",
			   kind_word(it->kind), it->code);
}

/* Attributes allowed only with some rules, and their values. */
static void read_rule_attrs(struct walk *w, xmlNodePtr n, struct item *it)
{
	const char *empty = xmldoc_attr(n, "empty");
	const char *na = xmldoc_attr(n, "na");
	const char *evidence = xmldoc_attr(n, "evidence");
	int has_target, has_per;
	char buf[POINTS_BUFSZ];

	if (empty) {
		if (it->rule != RULE_RATIO && it->rule != RULE_PROPORTIONAL)
			load_error(&w->c, it->line, "%s '%s': empty=\"%s\" is only allowed with rule ratio or proportional",
				   kind_word(it->kind), it->code, empty);
		else if (!strcmp(empty, "zero"))
			it->empty_zero = 1;
		else if (strcmp(empty, "max"))
			load_error(&w->c, it->line, "%s '%s': empty=\"%s\" must be \"max\" or \"zero\"",
				   kind_word(it->kind), it->code, empty);
	}
	it->target = 10000;
	has_target = load_points(&w->c, n, "target", &it->target);
	if (has_target && it->rule != RULE_PROPORTIONAL)
		load_error(&w->c, it->line, "%s '%s': target is only allowed with rule proportional",
			   kind_word(it->kind), it->code);
	else if (has_target > 0 && (it->target <= 0 || it->target > 10000))
		load_error(&w->c, it->line, "%s '%s': target=\"%s\" must be a percentage above 0 and at most 100",
			   kind_word(it->kind), it->code, points_format(it->target, '.', buf));
	if (has_target <= 0)
		it->target = 10000;
	has_per = load_points(&w->c, n, "per", &it->per);
	if (has_per && it->rule != RULE_COUNT)
		load_error(&w->c, it->line, "%s '%s': per is only allowed with rule count",
			   kind_word(it->kind), it->code);
	else if (!has_per && it->rule == RULE_COUNT)
		load_error(&w->c, it->line, "%s '%s' (rule count) needs per=\"…\", the points per occurrence",
			   kind_word(it->kind), it->code);
	else if (has_per > 0 && it->per <= 0)
		load_error(&w->c, it->line, "%s '%s': per must be more than 0", kind_word(it->kind), it->code);
	if (na) {
		if (it->kind != KIND_ITEM)
			load_error(&w->c, it->line, "%s '%s': na is only allowed on <item>", kind_word(it->kind), it->code);
		else if (strcmp(na, "allowed"))
			load_error(&w->c, it->line, "item '%s': na=\"%s\" must be \"allowed\" (or left out)", it->code, na);
		else
			it->na_allowed = 1;
	}
	if (evidence) {
		if (!strcmp(evidence, "optional"))
			it->evidence_optional = 1;
		else if (strcmp(evidence, "required"))
			load_error(&w->c, it->line, "%s '%s': evidence=\"%s\" must be \"required\" or \"optional\"",
				   kind_word(it->kind), it->code, evidence);
	}
}

static const char *rule_of(const char *s, enum rule_kind *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(rule_names); i++)
		if (s && !strcmp(s, rule_names[i])) {
			*out = (enum rule_kind)i;
			return rule_names[i];
		}
	return NULL;
}

static void read_scored(struct walk *w, xmlNodePtr n, enum item_kind kind, int field, int criterion)
{
	struct index *ix = w->ix;
	struct item *it;
	char buf[POINTS_BUFSZ];

	xgrow(&ix->items, &w->alloc_items, ix->nitems + 1, sizeof(*ix->items));
	it = &ix->items[ix->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->field = field;
	it->criterion = criterion;
	it->line = xmldoc_line(n);
	it->code = read_code(w, n, kind_word(kind));
	it->name = read_name(w, n, kind_word(kind), it->code);
	check_unique(w, kind_word(kind), it->code, it->line);
	if (criterion >= 0 && *it->code && !extends(it->code, ix->criteria[criterion].code))
		load_error(&w->c, it->line, "item code '%s' does not start with its criterion's code '%s' (e.g. '%s.1')",
			   it->code, ix->criteria[criterion].code, ix->criteria[criterion].code);
	if (!rule_of(xmldoc_attr(n, "rule"), &it->rule))
		it->rule = RULE_SCALE; /* the schema already reported it */
	if (load_points(&w->c, n, "max", &it->max) > 0 && it->max <= 0)
		load_error(&w->c, it->line, "%s '%s': max must be more than 0, not %s",
			   kind_word(kind), it->code, points_format(it->max, '.', buf));
	read_groups_attr(w, n, it);
	read_rule_attrs(w, n, it);
	read_levels(w, n, it);
	read_bands(w, n, it);
}

static void read_fields(struct walk *w, xmlNodePtr root)
{
	struct index *ix = w->ix;

	for (xmlNodePtr f = xmldoc_first(root, "field"); f; f = xmldoc_next(f, "field")) {
		struct field *fd;
		int fi = (int)ix->nfields;

		xgrow(&ix->fields, &w->alloc_fields, ix->nfields + 1, sizeof(*ix->fields));
		fd = &ix->fields[ix->nfields++];
		fd->line = xmldoc_line(f);
		fd->code = read_code(w, f, "field");
		fd->name = read_name(w, f, "field", fd->code);
		check_unique(w, "field", fd->code, fd->line);
		for (xmlNodePtr c = xmldoc_first(f, "criterion"); c; c = xmldoc_next(c, "criterion")) {
			struct criterion *cr;
			int ci = (int)ix->ncriteria;

			xgrow(&ix->criteria, &w->alloc_criteria, ix->ncriteria + 1, sizeof(*ix->criteria));
			cr = &ix->criteria[ix->ncriteria++];
			cr->field = fi;
			cr->line = xmldoc_line(c);
			cr->code = read_code(w, c, "criterion");
			cr->name = read_name(w, c, "criterion", cr->code);
			check_unique(w, "criterion", cr->code, cr->line);
			if (*cr->code && !extends(cr->code, fd->code))
				load_error(&w->c, cr->line, "criterion code '%s' does not start with its field's code '%s' (e.g. '%s.1')",
					   cr->code, fd->code, fd->code);
			for (xmlNodePtr it = xmldoc_first(c, "item"); it; it = xmldoc_next(it, "item"))
				read_scored(w, it, KIND_ITEM, fi, ci);
		}
	}
}

static void read_extras(struct walk *w, xmlNodePtr root, const char *outer, const char *inner,
			enum item_kind kind, int *has, int64_t *max)
{
	xmlNodePtr o = xmldoc_first(root, outer);

	*has = o != NULL;
	*max = 0;
	if (!o)
		return;
	if (load_points(&w->c, o, "max", max) > 0 && *max <= 0)
		load_error(&w->c, xmldoc_line(o), "<%s> max must be more than 0", outer);
	for (xmlNodePtr n = xmldoc_first(o, inner); n; n = xmldoc_next(n, inner))
		read_scored(w, n, kind, -1, -1);
}

static void read_groups(struct walk *w, xmlNodePtr root)
{
	struct index *ix = w->ix;

	for (xmlNodePtr g = xmldoc_first(root, "group"); g; g = xmldoc_next(g, "group")) {
		struct group *gr;
		int line = xmldoc_line(g);

		xgrow(&ix->groups, &w->alloc_groups, ix->ngroups + 1, sizeof(*ix->groups));
		gr = &ix->groups[ix->ngroups];
		gr->line = line;
		gr->code = load_attr(&w->c, g, "code", "group code");
		if (!gr->code)
			gr->code = xstrdup("");
		gr->name = load_text(&w->c, g, "group name");
		if (!gr->name) /* reported: not also "no name" */
			gr->name = xstrdup("-");
		if (!load_is_code(gr->code))
			load_error(&w->c, line, "group code '%s' is empty or contains white space", gr->code);
		else if (index_find_group(ix, gr->code) >= 0)
			load_error(&w->c, line, "group code '%s' is already used on line %d", gr->code,
				   ix->groups[index_find_group(ix, gr->code)].line);
		if (!*gr->name)
			load_error(&w->c, line, "group '%s' has no name", gr->code);
		else if (text_length(gr->name) > TEXT_NAME_MAX)
			load_error(&w->c, line,
				   "the name of group '%s' is %zu characters long, more than the %d a name may have (the documents print it in one cell): shorten it",
				   gr->code, text_length(gr->name), TEXT_NAME_MAX);
		ix->ngroups++;
	}
}

static void read_grades(struct walk *w, xmlNodePtr root)
{
	struct index *ix = w->ix;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];

	for (xmlNodePtr g = xmldoc_first(xmldoc_first(root, "grades"), "grade"); g;
	     g = xmldoc_next(g, "grade")) {
		struct grade *gr;

		xgrow(&ix->grades, &w->alloc_grades, ix->ngrades + 1, sizeof(*ix->grades));
		gr = &ix->grades[ix->ngrades++];
		gr->line = xmldoc_line(g);
		gr->from = 0;
		gr->label = load_attr(&w->c, g, "label", "grade label");
		if (!gr->label) /* reported: not also "empty" */
			gr->label = xstrdup("-");
		if (!*gr->label)
			load_error(&w->c, gr->line, "grade has an empty label");
		if (load_points(&w->c, g, "from", &gr->from) > 0 && ix->ngrades > 1 &&
		    gr->from >= ix->grades[ix->ngrades - 2].from)
			load_error(&w->c, gr->line, "grade from=\"%s\" is not below the grade before it (from=\"%s\"): grades go from the highest threshold down",
				   points_format(gr->from, '.', b1), points_format(ix->grades[ix->ngrades - 2].from, '.', b2));
	}
	if (ix->ngrades && ix->grades[ix->ngrades - 1].from != 0)
		load_error(&w->c, ix->grades[ix->ngrades - 1].line,
			   "the last grade must have from=\"0\" so that every index gets a grade");
}

/* For every group, the max of the items that apply to it sums to the scale. */
static void check_sums(struct walk *w)
{
	struct index *ix = w->ix;
	char b1[POINTS_BUFSZ], b2[POINTS_BUFSZ];

	for (size_t g = 0; g < ix->ngroups; g++) {
		int64_t sum = 0;

		for (size_t i = 0; i < ix->nitems; i++)
			if (ix->items[i].kind == KIND_ITEM && ix->items[i].in_group[g])
				sum += ix->items[i].max;
		if (sum != ix->scale)
			load_error(&w->c, ix->groups[g].line,
				   "the items of group '%s' add up to %s points, but the scale is %s: their max must sum to the scale exactly",
				   ix->groups[g].code, points_format(sum, '.', b1), points_format(ix->scale, '.', b2));
	}
}

static void read_root(struct walk *w, xmlNodePtr root)
{
	struct index *ix = w->ix;
	const char *year = xmldoc_attr(root, "year");
	const char *cap = xmldoc_attr(root, "cap");
	int line = xmldoc_line(root);
	xmlNodePtr title = xmldoc_first(root, "title");

	ix->id = load_attr(&w->c, root, "id", "index id");
	if (!ix->id)
		ix->id = xstrdup("");
	if (!load_is_code(ix->id))
		load_error(&w->c, line, "index id '%s' is empty or contains white space", ix->id);
	if (!year || strlen(year) != 4 || strspn(year, "0123456789") != 4)
		load_error(&w->c, line, "year=\"%s\" must be a year of four digits", year ? year : "");
	else
		ix->year = atoi(year);
	if (load_points(&w->c, root, "scale", &ix->scale) > 0 && ix->scale <= 0)
		load_error(&w->c, line, "scale must be more than 0");
	if (cap && strcmp(cap, "true") && strcmp(cap, "false"))
		load_error(&w->c, line, "cap=\"%s\" must be \"true\" or \"false\"", cap);
	ix->cap = cap && !strcmp(cap, "true");
	ix->title = title ? load_text(&w->c, title, "index title") : NULL;
	if (!ix->title)
		ix->title = xstrdup("");
	if (title && !*ix->title)
		load_error(&w->c, xmldoc_line(title), "the index <title> is empty");
}

int index_load(struct year *y, struct diag *d)
{
	struct index *ix = &y->index;
	struct walk w;
	char sha[65] = "";
	xmlDocPtr doc;
	xmlNodePtr root;

	memset(&w, 0, sizeof(w));
	ix->path = path_join(y->dir, "index.xml");
	w.c.path = ix->path;
	w.c.d = d;
	w.ix = ix;
	if (!file_exists(ix->path)) {
		diag_error(d, ix->path, 0, "required file is missing: every year folder needs its index.xml");
		return 0;
	}
	doc = xmldoc_load(ix->path, XMLDOC_INDEX, d, y->flags & YEAR_HASH ? sha : NULL);
	year_add_file(y, ix->path, sha);
	if (!doc)
		return 0;
	root = xmlDocGetRootElement(doc);
	read_root(&w, root);
	read_groups(&w, root);
	read_fields(&w, root);
	if (ix->nfields > INDEX_MAX_FIELDS)
		load_error(&w.c, ix->fields[INDEX_MAX_FIELDS].line,
			   "the index has %zu fields, more than the %d the documents' tables can hold on an A4 landscape page: group the criteria into at most %d fields",
			   ix->nfields, INDEX_MAX_FIELDS, INDEX_MAX_FIELDS);
	read_extras(&w, root, "bonuses", "bonus", KIND_BONUS, &ix->has_bonuses, &ix->bonus_max);
	read_extras(&w, root, "penalties", "penalty", KIND_PENALTY, &ix->has_penalties, &ix->penalty_max);
	read_grades(&w, root);
	check_sums(&w);
	free(w.seen);
	xmlFreeDoc(doc);
	y->index_ok = w.c.errors == 0;
	return 0;
}

int index_find_item(const struct index *ix, const char *code)
{
	for (size_t i = 0; i < ix->nitems; i++)
		if (!strcmp(ix->items[i].code, code))
			return (int)i;
	return -1;
}

int index_find_group(const struct index *ix, const char *code)
{
	for (size_t i = 0; i < ix->ngroups; i++)
		if (!strcmp(ix->groups[i].code, code))
			return (int)i;
	return -1;
}


