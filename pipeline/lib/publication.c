/*
 * publication.c: the decision's particulars. Texts are kept as the user wrote
 * them (NFC, trimmed); the renderer adds the punctuation Nghị định 30/2020 asks.
 */
#include "publication.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "fileio.h"
#include "loadutil.h"
#include "xmldoc.h"

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
		load_error(c, xmldoc_line(n), "<%s> is empty: the decision needs the %s", name, what);
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
	if (p->date && !load_is_date(p->date))
		load_error(&c, xmldoc_line(date), "date '%s' is not a real date written YYYY-MM-DD (or leave it empty to fill by hand)",
			   p->date);
	p->title = child_text(&c, root, "title", "title (trích yếu)", 1);
	p->decider = child_text(&c, root, "decider", "decider", 0);
	if (!p->decider && p->authority)
		p->decider = xstrdup(p->authority);
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
	xmlFreeDoc(doc);
	return 0;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
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
	free_list(p->bases, p->nbases);
	free(p->proposal);
	free(p->signer.on_behalf);
	free(p->signer.title);
	free(p->signer.position);
	free(p->signer.name);
	free_list(p->recipients, p->nrecipients);
	memset(p, 0, sizeof(*p));
}
