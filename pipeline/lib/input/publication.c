/*
 * publication.c: the decision's particulars. Texts are kept as the user wrote
 * them (NFC, trimmed); the renderer adds the punctuation Nghị định 30/2020 asks.
 *
 * What the documents print about the decision itself (who decides, how it is
 * signed, its number and date, how the annexes refer to it) is derived here,
 * once, into pub->d: the decision, the unit sheets, the chart book and the
 * reconciliation report all read it from there, so they cannot disagree, and
 * particulars that contradict each other are reported at their lines while
 * the year is validated, not discovered by a clerk on paper.
 */
#include "input/publication.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/fileio.h"
#include "input/loadutil.h"
#include "base/strbuf.h"
#include "base/vnfmt.h"
#include "input/xmldoc.h"


/* Administrative level words, before the place name (upper case, spaced). */
static const char *const level_words[] = {
	" THÀNH PHỐ ", " THỊ TRẤN ", " THỊ XÃ ", " PHƯỜNG ", " HUYỆN ", " TỈNH ", " QUẬN ",
	" XÃ ", " ĐẶC KHU ",
};

static const char *const on_behalf_forms[] = { "TM.", "KT.", "TL.", "TUQ.", "Q." };

/* The cleaned text of the first `name` child, NULL when absent or empty. */
static char *child_text(struct loadctx *c, xmlNodePtr parent, const char *name, const char *what,
			int required)
{
	xmlNodePtr n = xmldoc_first(parent, name);
	int before = c->errors;
	char *t = n ? load_text(c, n, what) : NULL;

	if (t && !*t) {
		free(t);
		t = NULL;
	}
	/* Text refused (say, for its encoding) is not then also called empty. */
	if (!t && n && required && c->errors == before)
		load_error(c, xmldoc_line(n), "<%s> is empty: the decision needs the %s", name, _(what));
	return t;
}

static void child_list(struct loadctx *c, xmlNodePtr parent, const char *name, const char *what,
		       char ***v, size_t *count)
{
	size_t alloc = 0;

	for (xmlNodePtr n = xmldoc_first(parent, name); n; n = xmldoc_next(n, name)) {
		char *t = load_text(c, n, what);

		if (t && !*t) {
			load_error(c, xmldoc_line(n), "<%s> is empty", name);
			free(t);
			continue;
		}
		if (!t)
			continue;
		xgrow(v, &alloc, *count + 1, sizeof(**v));
		(*v)[(*count)++] = t;
	}
}

/* ---- Texts derived from the particulars ------------------------------------ */

int publication_is_date(const char *s)
{
	size_t n = strlen(s);
	char full[11];

	if (n != 4 && n != 7 && n != 10)
		return 0;
	if (n == 10)
		return load_is_date(s);
	/* A year, or a year and a month: checked as the first day of the period. */
	memcpy(full, s, n);
	memcpy(full + n, n == 4 ? "-01-01" : "-01", n == 4 ? 7 : 4);
	return load_is_date(full);
}

char *publication_date_text(const char *date)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = date ? strlen(date) : 0;
	int y, m, d;

	if (n == 10 && vnfmt_parse_date(date, &y, &m, &d) == 0) {
		vnfmt_add_date(&sb, y, m, d);
		return strbuf_detach(&sb);
	}
	vnfmt_add_date_blanks(&sb, n >= 4 ? atoi(date) : 0,
			      n >= 7 && date[4] == '-' ? atoi(date + 5) : 0);
	return strbuf_detach(&sb);
}

/* s with a capital on every word. */
static char *capitalize_words(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = s; *p;) {
		const char *w = p;

		if (*p == ' ') {
			strbuf_addch(&sb, *p++);
			continue;
		}
		while (*p && *p != ' ')
			p++;
		vnfmt_add_first_mapped(&sb, w, (size_t)(p - w), vnfmt_upper);
	}
	return strbuf_detach(&sb);
}

/* Where the level word ends in `upper` (its last occurrence), or NULL; *begin: where it starts. */
static const char *after_level(const char *upper, const char **begin)
{
	const char *tail = NULL;

	*begin = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(level_words); i++) {
		const char *p = upper, *hit = NULL;

		while ((p = strstr(p, level_words[i])) != NULL) {
			hit = p;
			p++;
		}
		if (hit && (!tail || hit + strlen(level_words[i]) > tail)) {
			tail = hit + strlen(level_words[i]);
			*begin = hit;
		}
	}
	return tail;
}

char *publication_authority_name(const char *authority, const char *place)
{
	char *upper = vnfmt_upper(authority ? authority : "");
	char *lower = vnfmt_lower(authority ? authority : "");
	char *out, *cap;
	const char *begin, *tail;

	if (!lower || !upper) {
		free(upper);
		free(lower);
		return xstrdup(authority ? authority : "");
	}
	cap = vnfmt_map_first(lower, vnfmt_upper);
	/* Case mapping keeps byte lengths of Vietnamese letters, so offsets carry over. */
	tail = strlen(upper) == strlen(cap) ? after_level(upper, &begin) : NULL;
	if (tail && *tail) {
		struct strbuf sb = STRBUF_INIT;
		char *up_place = place ? vnfmt_upper(place) : NULL;
		const char *ctail = cap + (tail - upper);
		char *name;

		if (up_place && !strcmp(up_place, tail))
			name = xstrdup(place);
		else
			name = capitalize_words(ctail);
		strbuf_add(&sb, cap, (size_t)(ctail - cap));
		strbuf_addstr(&sb, name);
		out = strbuf_detach(&sb);
		free(name);
		free(up_place);
		free(cap);
	} else {
		out = cap;
	}
	free(upper);
	free(lower);
	return out;
}

/* Upper case with single spaces, for comparing what people typed; NULL on bad UTF-8. */
static char *norm(const char *s)
{
	char *u = vnfmt_upper(s ? s : "");
	size_t j = 0;

	if (!u)
		return NULL;
	for (size_t i = 0; u[i]; i++) {
		if (u[i] == ' ' && (j == 0 || u[j - 1] == ' '))
			continue;
		u[j++] = u[i];
	}
	while (j && u[j - 1] == ' ')
		j--;
	u[j] = '\0';
	return u;
}

static int same_text(const char *a, const char *b)
{
	char *x = norm(a), *y = norm(b);
	int eq = x && y && !strcmp(x, y);

	free(x);
	free(y);
	return eq;
}

/*
 * "05/QĐ-UBND": a number of digits below 10 gets its leading zero; no number: a blank
 * (pipeline/DOCUMENTS.md, "Who decides, number and date: one source (`publication_derive()`)").
 */
static char *number_text(const struct publication *p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *n = p->number;

	if (n && *n) {
		size_t k = strspn(n, "0123456789");

		if (!n[k] && k) {
			while (n[0] == '0' && n[1])
				n++;
			if (strlen(n) == 1)
				strbuf_addch(&sb, '0');
		}
		strbuf_addstr(&sb, n);
	} else {
		strbuf_addstr(&sb, VNFMT_BLANK);
	}
	strbuf_addf(&sb, "/%s", p->symbol ? p->symbol : "");
	return strbuf_detach(&sb);
}

static void add_line(struct decider_info *d, char *line)
{
	d->signature = xrealloc(d->signature, (d->nsignature + 1) * sizeof(*d->signature));
	d->signature[d->nsignature++] = line;
}

static int child_line(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = parent ? xmldoc_first(parent, name) : NULL;

	return n ? xmldoc_line(n) : parent ? xmldoc_line(parent) : 0;
}

/*
 * The decider, the signature and the references (publication.h). Every
 * contradiction is an error at the line of the particular that contradicts.
 */
void publication_derive(struct publication *p, struct diag *dg)
{
	struct decider_info *d = &p->d;
	const struct signer *s = &p->signer;
	struct loadctx cx = { p->path, dg, 0 }, *c = &cx;
	char *auth, *head = NULL, *body;
	const char *begin = NULL;
	const char *ob = s->on_behalf;
	int is_tm = ob && !strcmp(ob, "TM.");
	struct strbuf sb = STRBUF_INIT;

	decider_info_release(d);
	if (!p->authority)
		return;
	auth = norm(p->authority);
	if (!auth)
		auth = xstrdup(p->authority);
	/* The body that signs "TM.": the authority without its level and place. */
	if (after_level(auth, &begin) && begin > auth)
		body = xstrndup(auth, (size_t)(begin - auth));
	else
		body = xstrdup(auth);

	/* No superior line over a People's Committee or Council (README.md, "Every level of government"). */
	if (p->superior && (!strncmp(auth, "ỦY BAN NHÂN DÂN", strlen("ỦY BAN NHÂN DÂN")) ||
			    !strncmp(auth, "HỘI ĐỒNG NHÂN DÂN", strlen("HỘI ĐỒNG NHÂN DÂN")))) {
		diag_warn(c->d, c->path, p->lines.superior,
			  "<superior> is not printed: a People's Committee or Council (%s) has no superior authority line above its name; remove the element",
			  body);
		free(p->superior);
		p->superior = NULL;
	}

	/* Collective, or its head: "CHỦ TỊCH " + authority. */
	d->collective = 1;
	if (p->decider && !same_text(p->decider, p->authority)) {
		char *dec = norm(p->decider);
		size_t dl = dec ? strlen(dec) : 0, al = strlen(auth);

		if (dec && dl > al + 1 && !strcmp(dec + dl - al, auth) && dec[dl - al - 1] == ' ') {
			d->collective = 0;
			head = xstrndup(dec, dl - al - 1);
		} else {
			load_error(c, p->lines.decider,
				   "<decider> '%s' is neither the authority '%s' (a decision of the committee) nor its head, as in 'CHỦ TỊCH %s' (a decision of the Chairman)",
				   p->decider, p->authority, auth);
		}
		free(dec);
	}
	d->authority_line = xstrdup(d->collective ? p->authority : p->decider);
	d->authority_name = publication_authority_name(p->authority, p->place);
	if (d->collective) {
		d->issuer = xstrdup(d->authority_name);
	} else {
		char *h = vnfmt_lower(head), *hc = h ? vnfmt_map_first(h, vnfmt_upper) : xstrdup(head);

		strbuf_addf(&sb, "%s %s", hc, d->authority_name);
		d->issuer = strbuf_detach(&sb);
		free(h);
		free(hc);
	}
	d->number = number_text(p);
	d->date = publication_date_text(p->date);
	strbuf_addf(&sb, "Kèm theo Quyết định số %s %s của %s", d->number, d->date, d->issuer);
	d->reference = strbuf_detach(&sb);

	/* The signature's lines. */
	if (s->title) {
		int title_is_body = same_text(s->title, body) || same_text(s->title, p->authority);

		if (is_tm && !d->collective)
			load_error(c, p->lines.on_behalf,
				   "'TM.' signs for the committee as a body, but <decider> makes this a decision of the Chairman: remove <on-behalf>TM.</on-behalf>, or remove <decider> for a decision of the committee");
		else if (is_tm && !title_is_body)
			load_error(c, p->lines.title,
				   "after 'TM.' the <title> names the committee ('%s'), not '%s'", body, s->title);
		else if (ob && !is_tm && title_is_body)
			load_error(c, p->lines.on_behalf,
				   "'%s' cannot stand before the committee '%s': a signature for the committee as a body is headed 'TM.'",
				   ob, s->title);
		else if (!d->collective && title_is_body)
			load_error(c, p->lines.title,
				   "<title> '%s' signs for the committee as a body, but <decider> makes this a decision of the Chairman: write <title>%s</title>",
				   s->title, head);
		else if (!d->collective && !same_text(s->title, head))
			load_error(c, p->lines.title,
				   "<title> '%s' is not the head named by <decider> ('%s'): write <title>%s</title>",
				   s->title, head, head);
		else if (ob && !is_tm && strcmp(ob, "Q.") && !s->position)
			load_error(c, p->lines.on_behalf,
				   "'%s %s' needs the signer's own position in <position> (e.g. PHÓ CHỦ TỊCH)",
				   ob, s->title);
		else if (!ob && !title_is_body && s->position && !same_text(s->position, s->title))
			load_error(c, p->lines.position,
				   "<position> '%s' differs from <title> '%s' but <on-behalf> does not say on whose behalf the signer signs: add <on-behalf>KT.</on-behalf>",
				   s->position, s->title);
		if (d->collective && (is_tm || title_is_body)) {
			/* The TM. line written out in publication.xml. */
			strbuf_addf(&sb, "TM. %s", s->title);
			add_line(d, strbuf_detach(&sb));
		} else {
			if (d->collective) {
				strbuf_addf(&sb, "TM. %s", body);
				add_line(d, strbuf_detach(&sb));
			}
			if (ob)
				strbuf_addf(&sb, "%s ", ob);
			strbuf_addstr(&sb, s->title);
			add_line(d, strbuf_detach(&sb));
		}
		if (s->position && !same_text(s->position, s->title))
			add_line(d, xstrdup(s->position));
	}
	free(auth);
	free(head);
	free(body);
}

int publication_load(struct year *y, struct diag *d)
{
	struct publication *p = &y->pub;
	struct loadctx c;
	char sha[65] = "";
	xmlDocPtr doc;
	xmlNodePtr root, signer, date;

	p->path = path_join(y->dir, "publication.xml");
	c.path = p->path;
	c.d = d;
	c.errors = 0;
	if (!file_exists(p->path)) {
		diag_error(d, p->path, 0, "required file is missing: the decision's particulars (number, date, signer) come from publication.xml");
		return 0;
	}
	doc = xmldoc_load(p->path, XMLDOC_PUBLICATION, d, y->flags & YEAR_HASH ? sha : NULL);
	year_add_file(y, p->path, sha);
	if (!doc)
		return 0;
	root = xmlDocGetRootElement(doc);
	p->superior = child_text(&c, root, "superior", "superior authority", 0);
	p->authority = child_text(&c, root, "authority", "issuing authority", 1);
	p->number = child_text(&c, root, "number", "number", 0);
	p->symbol = child_text(&c, root, "symbol", "symbol (e.g. QĐ-UBND)", 1);
	p->place = child_text(&c, root, "place", "place", 1);
	p->date = child_text(&c, root, "date", "date", 0);
	date = xmldoc_first(root, "date");
	if (p->date && !publication_is_date(p->date))
		load_error(&c, xmldoc_line(date), "date '%s' is not a real date written YYYY-MM-DD, YYYY-MM or YYYY (or leave it empty to fill by hand)",
			   p->date);
	p->title = child_text(&c, root, "title", "title (trích yếu)", 1);
	p->decider = child_text(&c, root, "decider", "decider", 0);
	p->coordinator = child_text(&c, root, "coordinator", "coordinator", 0);
	p->executors = child_text(&c, root, "executors", "executors", 0);
	child_list(&c, root, "basis", "legal basis", &p->bases, &p->nbases);
	p->proposal = child_text(&c, root, "proposal", "proposal", 0);
	signer = xmldoc_first(root, "signer");
	p->signer.on_behalf = child_text(&c, signer, "on-behalf", "on-behalf form", 0);
	if (p->signer.on_behalf) {
		int known = 0;

		for (size_t i = 0; i < ARRAY_SIZE(on_behalf_forms); i++)
			known |= !strcmp(p->signer.on_behalf, on_behalf_forms[i]);
		if (!known)
			load_error(&c, xmldoc_line(xmldoc_first(signer, "on-behalf")),
				   "<on-behalf> '%s' is not one of TM., KT., TL., TUQ., Q.", p->signer.on_behalf);
	}
	p->signer.title = child_text(&c, signer, "title", "signer's title", 1);
	p->signer.position = child_text(&c, signer, "position", "signer's position", 0);
	p->signer.name = child_text(&c, signer, "name", "signer's name", 1);
	child_list(&c, xmldoc_first(root, "recipients"), "recipient", "recipient", &p->recipients,
		   &p->nrecipients);
	p->lines.superior = child_line(root, "superior");
	p->lines.decider = child_line(root, "decider");
	p->lines.signer = signer ? xmldoc_line(signer) : 0;
	p->lines.on_behalf = child_line(signer, "on-behalf");
	p->lines.title = child_line(signer, "title");
	p->lines.position = child_line(signer, "position");
	publication_derive(p, d);
	xmlFreeDoc(doc);
	return 0;
}

