/*
 * template.c: the article template engine (template.h).
 *
 * A template is parsed line by line into a small tree: literal text,
 * placeholders, lists (each either within one line or enclosing whole lines)
 * and line ends. Filling it in first walks the tree against everything the
 * model could give (the prototypes and every element of each list), so an
 * unknown placeholder is reported even inside a list that happens to be empty
 * this year, then walks it again with the actual elements, one output line per
 * line end that produced any text.
 */
#include "typeset/template.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/strbuf.h"
#include "base/text.h"

/* ---- Model ------------------------------------------------------------------ */

struct tpl_value {
	char *name;
	char *value;
};

struct tpl_list {
	char *name;
	struct tpl_scope *proto;
	struct tpl_scope **elems;
	size_t n, alloc;
};

struct tpl_scope {
	struct tpl_value *vals;
	size_t nvals, avals;
	struct tpl_list *lists;
	size_t nlists, alists;
};

struct tpl_scope *tpl_scope_new(void)
{
	return xcalloc(1, sizeof(struct tpl_scope));
}

void tpl_scope_free(struct tpl_scope *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nvals; i++) {
		free(s->vals[i].name);
		free(s->vals[i].value);
	}
	free(s->vals);
	for (size_t i = 0; i < s->nlists; i++) {
		struct tpl_list *l = &s->lists[i];

		free(l->name);
		tpl_scope_free(l->proto);
		for (size_t j = 0; j < l->n; j++)
			tpl_scope_free(l->elems[j]);
		free(l->elems);
	}
	free(s->lists);
	free(s);
}

static const char *scope_value(const struct tpl_scope *s, const char *name)
{
	for (size_t i = 0; i < s->nvals; i++)
		if (!strcmp(s->vals[i].name, name))
			return s->vals[i].value;
	return NULL;
}

static const struct tpl_list *scope_list(const struct tpl_scope *s, const char *name)
{
	for (size_t i = 0; i < s->nlists; i++)
		if (!strcmp(s->lists[i].name, name))
			return &s->lists[i];
	return NULL;
}

void tpl_set(struct tpl_scope *s, const char *name, const char *value)
{
	char *v = xstrdup(value ? value : "");

	for (char *p = v; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	for (size_t i = 0; i < s->nvals; i++)
		if (!strcmp(s->vals[i].name, name)) {
			free(s->vals[i].value);
			s->vals[i].value = v;
			return;
		}
	xgrow(&s->vals, &s->avals, s->nvals + 1, sizeof(*s->vals));
	s->vals[s->nvals].name = xstrdup(name);
	s->vals[s->nvals].value = v;
	s->nvals++;
}

void tpl_setf(struct tpl_scope *s, const char *name, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	tpl_set(s, name, sb.buf);
	strbuf_release(&sb);
}

static struct tpl_list *list_declare(struct tpl_scope *s, const char *name)
{
	struct tpl_list *l;

	for (size_t i = 0; i < s->nlists; i++)
		if (!strcmp(s->lists[i].name, name))
			return &s->lists[i];
	xgrow(&s->lists, &s->alists, s->nlists + 1, sizeof(*s->lists));
	l = &s->lists[s->nlists++];
	memset(l, 0, sizeof(*l));
	l->name = xstrdup(name);
	l->proto = tpl_scope_new();
	return l;
}

struct tpl_scope *tpl_list_declare(struct tpl_scope *s, const char *name)
{
	return list_declare(s, name)->proto;
}

struct tpl_scope *tpl_list_add(struct tpl_scope *s, const char *name)
{
	struct tpl_list *l = list_declare(s, name);

	xgrow(&l->elems, &l->alloc, l->n + 1, sizeof(*l->elems));
	l->elems[l->n] = tpl_scope_new();
	return l->elems[l->n++];
}

/* ---- Tree ------------------------------------------------------------------- */

enum node_kind { N_TEXT, N_VAR, N_LIST, N_EOL };

struct node;

struct seq {
	struct node *v;
	size_t n, alloc;
};

struct node {
	enum node_kind kind;
	int line;
	char *text;  /* N_TEXT: the literal; N_VAR, N_LIST: the tag as written */
	char *list;  /* N_VAR: list of an element value (NULL: a top value); N_LIST: its name */
	char *name;  /* N_VAR: the value's name */
	char *sep, *last; /* N_LIST within a line: separators (NULL: none) */
	int block;   /* N_LIST: repeats whole lines */
	int invert;  /* N_LIST written {^name}: set once when the list is empty, else never */
	struct seq kids;
};

struct tpl {
	char *path;
	struct seq root;
};

static void seq_release(struct seq *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct node *nd = &s->v[i];

		free(nd->text);
		free(nd->list);
		free(nd->name);
		free(nd->sep);
		free(nd->last);
		seq_release(&nd->kids);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static struct node *seq_push(struct seq *s, enum node_kind kind, int line)
{
	struct node *nd;

	xgrow(&s->v, &s->alloc, s->n + 1, sizeof(*s->v));
	nd = &s->v[s->n++];
	memset(nd, 0, sizeof(*nd));
	nd->kind = kind;
	nd->line = line;
	return nd;
}

void tpl_free(struct tpl *t)
{
	if (!t)
		return;
	seq_release(&t->root);
	free(t->path);
	free(t);
}

/* ---- Parsing ------------------------------------------------------------------ */

enum tok_kind { T_TEXT, T_VAR, T_OPEN, T_CLOSE };

struct token {
	enum tok_kind kind;
	char *text;  /* T_TEXT: literal; others: the tag as written */
	char *list;  /* T_VAR qualified, T_OPEN, T_CLOSE: list name */
	char *name;  /* T_VAR */
	char *sep, *last;
	int invert;  /* T_OPEN: {^name} */
};

struct tokens {
	struct token *v;
	size_t n, alloc;
};

static void tokens_release(struct tokens *ts)
{
	for (size_t i = 0; i < ts->n; i++) {
		free(ts->v[i].text);
		free(ts->v[i].list);
		free(ts->v[i].name);
		free(ts->v[i].sep);
		free(ts->v[i].last);
	}
	free(ts->v);
	memset(ts, 0, sizeof(*ts));
}

static struct token *tokens_push(struct tokens *ts, enum tok_kind kind)
{
	struct token *t;

	xgrow(&ts->v, &ts->alloc, ts->n + 1, sizeof(*ts->v));
	t = &ts->v[ts->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	return t;
}

/* A name: lower case ASCII letters, digits and '_', not empty. */
static int name_ok(const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* s[0..len) without surrounding spaces, as a new string. */
static char *trimmed(const char *s, size_t len)
{
	while (len && *s == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	return xstrndup(s, len);
}

/*
 * Reads the tag between braces (inner[0..len), the whole tag `raw`) into a
 * token. Returns 0, or -1 after reporting it as malformed.
 */
static int parse_tag(struct tokens *ts, const char *raw, const char *inner, size_t len,
		     const char *path, int line, struct diag *d)
{
	char *in = trimmed(inner, len);
	size_t n = strlen(in);
	struct token *t;
	int ret = -1;

	if (!n) {
		diag_error(d, path, line, "empty placeholder '%s': write a name between the braces, "
			   "or '{{' and '}}' for literal braces", raw);
		goto out;
	}
	if (in[0] == '#' || in[0] == '^') {
		char *parts[3] = { NULL, NULL, NULL };
		size_t np = 0;
		/* Separators keep their spaces: split the tag as written, not trimmed. */
		const char *p = (const char *)memchr(inner, in[0], len) + 1;

		for (;;) {
			const char *bar = memchr(p, '|', (size_t)(inner + len - p));

			if (np == 3) {
				diag_error(d, path, line, "malformed list '%s': at most two separators, "
					   "as in {#nhom|, | và }", raw);
				for (size_t i = 0; i < np; i++)
					free(parts[i]);
				goto out;
			}
			parts[np++] = xstrndup(p, bar ? (size_t)(bar - p) : (size_t)(inner + len - p));
			if (!bar)
				break;
			p = bar + 1;
		}
		{
			char *nm = trimmed(parts[0], strlen(parts[0]));

			free(parts[0]);
			if (!name_ok(nm, strlen(nm))) {
				diag_error(d, path, line, "malformed list '%s': a list name is written in "
					   "lower case letters without diacritics, digits and '_', as in {#nhom}",
					   raw);
				free(nm);
				free(parts[1]);
				free(parts[2]);
				goto out;
			}
			if (in[0] == '^' && np > 1) {
				diag_error(d, path, line, "malformed '%s': a text for an empty list is set "
					   "once and takes no separators", raw);
				free(nm);
				free(parts[1]);
				free(parts[2]);
				goto out;
			}
			t = tokens_push(ts, T_OPEN);
			t->text = xstrdup(raw);
			t->list = nm;
			t->sep = parts[1];
			t->last = parts[2];
			t->invert = in[0] == '^';
		}
		ret = 0;
		goto out;
	}
	if (in[0] == '/') {
		char *nm = trimmed(in + 1, n - 1);

		if (!name_ok(nm, strlen(nm))) {
			diag_error(d, path, line, "malformed end of list '%s': write it as {/nhom}", raw);
			free(nm);
			goto out;
		}
		t = tokens_push(ts, T_CLOSE);
		t->text = xstrdup(raw);
		t->list = nm;
		ret = 0;
		goto out;
	}
	{
		const char *dot = strchr(in, '.');

		if (dot ? !name_ok(in, (size_t)(dot - in)) || !name_ok(dot + 1, strlen(dot + 1))
			: !name_ok(in, n)) {
			diag_error(d, path, line, "malformed placeholder '%s': a placeholder is a name in "
				   "lower case letters without diacritics, digits and '_', as in {nam} or "
				   "{nhom.ten}; write '{{' and '}}' for literal braces", raw);
			goto out;
		}
		t = tokens_push(ts, T_VAR);
		t->text = xstrdup(raw);
		if (dot) {
			t->list = xstrndup(in, (size_t)(dot - in));
			t->name = xstrdup(dot + 1);
		} else {
			t->name = xstrdup(in);
		}
	}
	ret = 0;
out:
	free(in);
	return ret;
}

/* Splits one checked line into tokens. Returns 0, or -1 after reporting. */
static int tokenize(const char *s, const char *path, int line, struct tokens *ts, struct diag *d)
{
	struct strbuf lit = STRBUF_INIT;
	int ret = 0;

	for (const char *p = s; *p;) {
		if (p[0] == '{' && p[1] == '{') {
			strbuf_addch(&lit, '{');
			p += 2;
		} else if (p[0] == '}' && p[1] == '}') {
			strbuf_addch(&lit, '}');
			p += 2;
		} else if (p[0] == '}') {
			diag_error(d, path, line, "a '}' without its '{': write '}}' for a literal brace");
			ret = -1;
			p++;
		} else if (p[0] == '{') {
			const char *end = strchr(p + 1, '}');
			const char *open = strchr(p + 1, '{');
			char *raw;

			if (!end || (open && open < end)) {
				char *shown = text_excerpt(p);

				diag_error(d, path, line, "'{' without its closing '}' in '%s': write '{{' "
					   "for a literal brace", shown);
				free(shown);
				ret = -1;
				if (!end)
					break;
				p = open;
				continue;
			}
			if (lit.len) {
				tokens_push(ts, T_TEXT)->text = xstrdup(lit.buf);
				strbuf_reset(&lit);
			}
			raw = xstrndup(p, (size_t)(end - p) + 1);
			if (parse_tag(ts, raw, p + 1, (size_t)(end - p - 1), path, line, d) < 0)
				ret = -1;
			free(raw);
			p = end + 1;
		} else {
			strbuf_addch(&lit, *p++);
		}
	}
	if (lit.len)
		tokens_push(ts, T_TEXT)->text = xstrdup(lit.buf);
	strbuf_release(&lit);
	return ret;
}

struct frame {
	struct seq *seq;   /* where the list's contents go */
	struct node *open; /* the list node */
};

struct parser {
	const char *path;
	struct diag *d;
	struct frame *st;
	size_t n, alloc;
	size_t nblock;     /* frames [0, nblock) are lists of lines */
	struct seq *root;
};

static struct seq *cur_seq(struct parser *ps)
{
	return ps->n ? ps->st[ps->n - 1].seq : ps->root;
}

static int open_list(struct parser *ps, struct token *t, int line, int block)
{
	struct node *nd;

	for (size_t i = 0; i < ps->n; i++)
		if (!strcmp(ps->st[i].open->list, t->list)) {
			diag_error(ps->d, ps->path, line, "list '%s' inside itself (opened on line %d)",
				   t->text, ps->st[i].open->line);
			return -1;
		}
	if (block && (t->sep || t->last)) {
		diag_error(ps->d, ps->path, line, "list '%s' alone on its line repeats whole lines and "
			   "takes no separators: put separators only on a list within one line", t->text);
		return -1;
	}
	nd = seq_push(cur_seq(ps), N_LIST, line);
	nd->text = xstrdup(t->text);
	nd->list = xstrdup(t->list);
	nd->sep = t->sep ? xstrdup(t->sep) : NULL;
	nd->last = t->last ? xstrdup(t->last) : NULL;
	nd->block = block;
	nd->invert = t->invert;
	xgrow(&ps->st, &ps->alloc, ps->n + 1, sizeof(*ps->st));
	ps->st[ps->n].seq = &nd->kids;
	ps->st[ps->n].open = nd;
	ps->n++;
	if (block)
		ps->nblock = ps->n;
	return 0;
}

/* Parses one checked, non-empty line. */
static int parse_line(struct parser *ps, const char *s, int line)
{
	struct tokens ts = { NULL, 0, 0 };
	int ret = 0;

	if (tokenize(s, ps->path, line, &ts, ps->d) < 0) {
		ret = -1;
		goto out;
	}
	/* A tag alone on its line opens or closes a list of lines. */
	if (ts.n == 1 && ts.v[0].kind == T_OPEN) {
		ret = open_list(ps, &ts.v[0], line, 1);
		goto out;
	}
	if (ts.n == 1 && ts.v[0].kind == T_CLOSE) {
		struct token *t = &ts.v[0];

		if (!ps->n) {
			diag_error(ps->d, ps->path, line, "'%s' closes no list: no '{#%s}' is open",
				   t->text, t->list);
			ret = -1;
		} else if (strcmp(ps->st[ps->n - 1].open->list, t->list)) {
			diag_error(ps->d, ps->path, line, "'%s' does not close '%s' opened on line %d",
				   t->text, ps->st[ps->n - 1].open->text, ps->st[ps->n - 1].open->line);
			ret = -1;
		} else {
			ps->n--;
			ps->nblock = ps->n;
		}
		goto out;
	}
	for (size_t i = 0; i < ts.n; i++) {
		struct token *t = &ts.v[i];
		struct node *nd;

		switch (t->kind) {
		case T_TEXT:
			nd = seq_push(cur_seq(ps), N_TEXT, line);
			nd->text = t->text;
			t->text = NULL;
			break;
		case T_VAR:
			nd = seq_push(cur_seq(ps), N_VAR, line);
			nd->text = t->text;
			nd->list = t->list;
			nd->name = t->name;
			t->text = t->list = t->name = NULL;
			break;
		case T_OPEN:
			if (open_list(ps, t, line, 0) < 0)
				ret = -1;
			break;
		case T_CLOSE:
			if (ps->n > ps->nblock && !strcmp(ps->st[ps->n - 1].open->list, t->list)) {
				ps->n--;
			} else if (ps->n > ps->nblock) {
				diag_error(ps->d, ps->path, line, "'%s' does not close '%s' opened on line %d",
					   t->text, ps->st[ps->n - 1].open->text, ps->st[ps->n - 1].open->line);
				ret = -1;
			} else if (ps->n && !strcmp(ps->st[ps->n - 1].open->list, t->list)) {
				diag_error(ps->d, ps->path, line, "'%s' must stand alone on its line to end "
					   "the list of lines opened by '%s' on line %d", t->text,
					   ps->st[ps->n - 1].open->text, ps->st[ps->n - 1].open->line);
				ret = -1;
			} else {
				diag_error(ps->d, ps->path, line, "'%s' closes no list: no '{#%s}' is open",
					   t->text, t->list);
				ret = -1;
			}
			break;
		}
	}
	while (ps->n > ps->nblock) {
		struct node *o = ps->st[ps->n - 1].open;

		diag_error(ps->d, ps->path, line, "'%s' is not closed on its line: end it with '{/%s}' "
			   "on the same line, or put '{#%s}' and '{/%s}' each alone on a line to repeat "
			   "whole lines", o->text, o->list, o->list, o->list);
		ps->n--;
		ret = -1;
	}
	seq_push(cur_seq(ps), N_EOL, line);
out:
	tokens_release(&ts);
	return ret;
}

struct tpl *tpl_parse(const char *path, const char *text, size_t len, struct diag *d)
{
	struct tpl *t = xcalloc(1, sizeof(*t));
	struct parser ps;
	size_t errors = d->nerrors;
	int line = 0;
	const char *p = text, *end = text + len;

	t->path = xstrdup(path);
	memset(&ps, 0, sizeof(ps));
	ps.path = path;
	ps.d = d;
	ps.root = &t->root;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *raw, *clean;
		size_t i = 0;

		line++;
		raw = xmalloc(n + 1);
		memcpy(raw, p, n);
		raw[n] = '\0';
		p = nl ? nl + 1 : end;
		if (n && raw[n - 1] == '\r')
			raw[--n] = '\0';
		for (size_t k = 0; k < n; k++)
			if (raw[k] == '\t')
				raw[k] = ' ';
		while (i < n && raw[i] == ' ')
			i++;
		if (i == n || raw[i] == '#') {
			free(raw);
			continue;
		}
		clean = text_checked(d, path, line, "the template line", raw, n);
		free(raw);
		if (!clean)
			continue;
		if (*clean)
			parse_line(&ps, clean, line);
		free(clean);
	}
	while (ps.n) {
		struct node *o = ps.st[--ps.n].open;

		diag_error(d, path, o->line, "'%s' is never closed: add a line '{/%s}' after the lines "
			   "it repeats", o->text, o->list);
	}
	free(ps.st);
	if (d->nerrors > errors) {
		tpl_free(t);
		return NULL;
	}
	return t;
}

/* ---- Checking against the model ----------------------------------------------- */

/* The scopes an element of a list may be: its prototype and every element. */
struct scopes {
	const struct tpl_scope **v;
	size_t n, alloc;
};

struct cframe {
	const char *list;
	struct scopes s;
};

struct checker {
	const char *path;
	const struct tpl_scope *root;
	struct diag *d;
	struct cframe *st;
	size_t n, alloc;
	int bad;
};

static void scopes_add_list(struct scopes *out, const struct tpl_list *l)
{
	xgrow(&out->v, &out->alloc, out->n + l->n + 1, sizeof(*out->v));
	out->v[out->n++] = l->proto;
	for (size_t i = 0; i < l->n; i++)
		out->v[out->n++] = l->elems[i];
}

/* 1 if list `name` is known anywhere in the model (for the message "outside its list"). */
static int list_known(const struct tpl_scope *s, const char *name)
{
	const struct tpl_list *l = scope_list(s, name);

	if (l)
		return 1;
	for (size_t i = 0; i < s->nlists; i++) {
		if (list_known(s->lists[i].proto, name))
			return 1;
		for (size_t j = 0; j < s->lists[i].n; j++)
			if (list_known(s->lists[i].elems[j], name))
				return 1;
	}
	return 0;
}

static void check_seq(struct checker *ck, const struct seq *sq)
{
	for (size_t i = 0; i < sq->n; i++) {
		const struct node *nd = &sq->v[i];

		if (nd->kind == N_VAR && !nd->list) {
			if (!scope_value(ck->root, nd->name)) {
				diag_error(ck->d, ck->path, nd->line, "unknown placeholder '%s'", nd->text);
				ck->bad = 1;
			}
		} else if (nd->kind == N_VAR) {
			struct cframe *f = NULL;
			int found = 0;

			for (size_t k = ck->n; k-- > 0;)
				if (!strcmp(ck->st[k].list, nd->list)) {
					f = &ck->st[k];
					break;
				}
			if (!f) {
				if (list_known(ck->root, nd->list))
					diag_error(ck->d, ck->path, nd->line, "placeholder '%s' is outside its "
						   "list: put it between {#%s} and {/%s}", nd->text, nd->list,
						   nd->list);
				else
					diag_error(ck->d, ck->path, nd->line, "unknown placeholder '%s'",
						   nd->text);
				ck->bad = 1;
				continue;
			}
			if (!strcmp(nd->name, "stt") || !strcmp(nd->name, "ket"))
				continue;
			for (size_t k = 0; k < f->s.n && !found; k++)
				found = scope_value(f->s.v[k], nd->name) != NULL;
			if (!found) {
				diag_error(ck->d, ck->path, nd->line, "unknown placeholder '%s'", nd->text);
				ck->bad = 1;
			}
		} else if (nd->kind == N_LIST) {
			struct cframe nf;
			int found = 0;

			memset(&nf, 0, sizeof(nf));
			nf.list = nd->list;
			for (size_t k = ck->n; k-- > 0 && !found;)
				for (size_t j = 0; j < ck->st[k].s.n; j++) {
					const struct tpl_list *l = scope_list(ck->st[k].s.v[j], nd->list);

					if (l) {
						scopes_add_list(&nf.s, l);
						found = 1;
					}
				}
			if (!found) {
				const struct tpl_list *l = scope_list(ck->root, nd->list);

				if (l) {
					scopes_add_list(&nf.s, l);
					found = 1;
				}
			}
			if (!found) {
				diag_error(ck->d, ck->path, nd->line, "unknown list '%s'", nd->text);
				ck->bad = 1;
				free(nf.s.v);
				continue;
			}
			/* The text for an empty list has no element: checked where it stands. */
			if (nd->invert) {
				free(nf.s.v);
				check_seq(ck, &nd->kids);
				continue;
			}
			xgrow(&ck->st, &ck->alloc, ck->n + 1, sizeof(*ck->st));
			ck->st[ck->n++] = nf;
			check_seq(ck, &nd->kids);
			ck->n--;
			free(nf.s.v);
		}
	}
}

/* ---- Filling in ------------------------------------------------------------------ */

struct xframe {
	const char *list;
	const struct tpl_scope *el;
	size_t i, n;
};

struct filler {
	const struct tpl_scope *root;
	struct xframe *st;
	size_t n, alloc;
	struct strbuf cur;
	struct tpl_output *out;
};

static void fill_seq(struct filler *fl, const struct seq *sq)
{
	for (size_t i = 0; i < sq->n; i++) {
		const struct node *nd = &sq->v[i];

		switch (nd->kind) {
		case N_TEXT:
			strbuf_addstr(&fl->cur, nd->text);
			break;
		case N_EOL: {
			char *s = text_nfc_trim(fl->cur.buf, fl->cur.len);

			if (s && *s) {
				xgrow(&fl->out->v, &fl->out->alloc, fl->out->n + 1, sizeof(*fl->out->v));
				fl->out->v[fl->out->n].text = s;
				fl->out->v[fl->out->n].line = nd->line;
				fl->out->n++;
			} else {
				free(s);
			}
			strbuf_reset(&fl->cur);
			break;
		}
		case N_VAR: {
			const char *v = NULL;

			if (!nd->list) {
				v = scope_value(fl->root, nd->name);
			} else {
				for (size_t k = fl->n; k-- > 0;) {
					const struct xframe *f = &fl->st[k];

					if (strcmp(f->list, nd->list))
						continue;
					if (!strcmp(nd->name, "stt"))
						strbuf_addf(&fl->cur, "%zu", f->i + 1);
					else if (!strcmp(nd->name, "ket"))
						strbuf_addstr(&fl->cur, f->i + 1 < f->n ? ";" : ".");
					else
						v = scope_value(f->el, nd->name);
					break;
				}
			}
			if (v)
				strbuf_addstr(&fl->cur, v);
			break;
		}
		case N_LIST: {
			const struct tpl_list *l = NULL;

			for (size_t k = fl->n; k-- > 0 && !l;)
				l = scope_list(fl->st[k].el, nd->list);
			if (!l)
				l = scope_list(fl->root, nd->list);
			if (nd->invert) {
				if (!l || !l->n)
					fill_seq(fl, &nd->kids);
				break;
			}
			if (!l)
				break;
			xgrow(&fl->st, &fl->alloc, fl->n + 1, sizeof(*fl->st));
			for (size_t e = 0; e < l->n; e++) {
				struct xframe *f = &fl->st[fl->n];

				if (e && !nd->block) {
					const char *sep = e + 1 == l->n && nd->last ? nd->last : nd->sep;

					if (sep)
						strbuf_addstr(&fl->cur, sep);
				}
				f->list = nd->list;
				f->el = l->elems[e];
				f->i = e;
				f->n = l->n;
				fl->n++;
				fill_seq(fl, &nd->kids);
				fl->n--;
			}
			break;
		}
		}
	}
}

void tpl_output_release(struct tpl_output *out)
{
	for (size_t i = 0; i < out->n; i++)
		free(out->v[i].text);
	free(out->v);
	memset(out, 0, sizeof(*out));
}

int tpl_fill(const struct tpl *t, const struct tpl_scope *root, struct tpl_output *out,
	     struct diag *d)
{
	struct checker ck;
	struct filler fl;

	tpl_output_release(out);
	memset(&ck, 0, sizeof(ck));
	ck.path = t->path;
	ck.root = root;
	ck.d = d;
	check_seq(&ck, &t->root);
	free(ck.st);
	if (ck.bad)
		return -1;
	memset(&fl, 0, sizeof(fl));
	fl.root = root;
	fl.out = out;
	strbuf_init(&fl.cur);
	fill_seq(&fl, &t->root);
	strbuf_release(&fl.cur);
	free(fl.st);
	return 0;
}
