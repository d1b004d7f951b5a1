/*
 * test-html.c: the portal's HTML trees (docs/html.h). Text and attributes
 * escaped as HTML needs them (a unit's name with & < > " ' in it), addresses
 * percent-encoded, texts added in pieces joined, and the line layout of a
 * whole page. The expected strings are what libxml2 2.9.14's HTML serialiser
 * wrote for the same trees (it wrote the portal before html.c; checked with a
 * throwaway program built against it), so the portal's pages did not change.
 */
#include <stdlib.h>

#include "base/strbuf.h"
#include "docs/html.h"
#include "testhelp.h"

/* `text` as the content of an <a> whose `name` attribute is `value`, written alone. */
static char *one(const char *name, const char *value, const char *text)
{
	struct html *h = html_new();
	struct html_node *p = html_el(html_body(h), "p", NULL), *a = html_el(p, "a", text);
	struct strbuf sb = STRBUF_INIT;

	html_attr(a, name, value);
	html_write(h, p, &sb);
	html_free(h);
	return strbuf_detach(&sb);
}

static void test_escaping(void)
{
	static const struct {
		const char *what, *name, *value, *text, *want;
	} cases[] = {
		{ "& < > in text and attribute", "title", "a&b<c>d", "a&b<c>d",
		  "<p><a title=\"a&amp;b&lt;c&gt;d\">a&amp;b&lt;c&gt;d</a></p>" },
		{ "a value with \" is quoted with '", "title", "x\"y", "x\"y", "<p><a title='x\"y'>x\"y</a></p>" },
		{ "a value with ' keeps \"", "title", "x'y", "x'y", "<p><a title=\"x'y\">x'y</a></p>" },
		{ "a value with both quotes: \" as &quot;", "title", "x\"y'z", "",
		  "<p><a title=\"x&quot;y'z\"></a></p>" },
		{ "line breaks and tabs stay", "title", "l1\nl2\tt\rr", "l1\nl2\tt\rr",
		  "<p><a title=\"l1\nl2\tt\rr\">l1\nl2\tt\rr</a></p>" },
		{ "Vietnamese stays UTF-8", "title", "Đồng Tháp", "Đồng Tháp",
		  "<p><a title=\"Đồng Tháp\">Đồng Tháp</a></p>" },
		{ "an entity written is text, escaped again", "title", "a&amp;b", "a&amp;b",
		  "<p><a title=\"a&amp;amp;b\">a&amp;amp;b</a></p>" },
		{ "href: space and UTF-8 percent-encoded, & a reference", "href",
		  " don vi/Ồ x.html?a=1&b=2#f", "x",
		  "<p><a href=\"don%20vi/%E1%BB%92%20x.html?a=1&amp;b=2#f\">x</a></p>" },
		{ "href: '\"' percent-encoded, no other quoting", "href", "x\"y'z", "x",
		  "<p><a href=\"x%22y'z\">x</a></p>" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = one(cases[i].name, cases[i].value, cases[i].text);

		TEST_STR(cases[i].what, got, cases[i].want);
		free(got);
	}
}

static void test_building(void)
{
	struct html *h = html_new();
	struct html_node *nav = html_el(html_body(h), "nav", NULL), *a;
	struct strbuf sb = STRBUF_INIT;

	html_text(nav, "one");
	html_text(nav, "");
	html_text(nav, " & two");
	a = html_el(nav, "a", "x");
	html_attr(a, "href", "first.html");
	html_attr(a, "class", "c");
	html_attr(a, "href", "second.html");
	html_text(nav, " · ");
	html_el(nav, "li", NULL);
	html_el(nav, "meta", NULL);
	html_write(h, nav, &sb);
	TEST_STR("texts joined, an attribute set again keeps its place, an empty li and a meta have no end tag",
		 sb.buf, "<nav>one &amp; two<a href=\"second.html\" class=\"c\">x</a> · <li>\n<meta></nav>");
	strbuf_release(&sb);
	html_free(h);
}

static void test_page(void)
{
	struct html *h = html_new();
	struct html_node *main, *table, *tr, *ul, *li;
	struct strbuf sb = STRBUF_INIT;

	html_el(html_head(h), "title", "T");
	html_el(html_head(h), "style", "a>b{x:\"&\"}");
	main = html_el(html_body(h), "main", NULL);
	html_el(main, "h1", "Tiêu đề");
	html_el(html_el(main, "p", NULL), "a", "về");
	table = html_el(html_el(main, "div", NULL), "table", NULL);
	html_el(table, "caption", "C");
	tr = html_el(html_el(table, "tbody", NULL), "tr", NULL);
	html_el(tr, "th", "h");
	html_el(tr, "td", "");
	ul = html_el(main, "ul", NULL);
	li = html_el(ul, "li", NULL);
	html_el(li, "a", "tệp");
	html_text(li, " (1 KB)");
	html_el(html_el(main, "figure", NULL), "svg", NULL);
	html_write(h, NULL, &sb);
	TEST_STR("a page: blocks of several children on lines of their own, the rest inline, style as it is",
		 sb.buf,
		 "<!DOCTYPE html>\n"
		 "<html lang=\"vi\">\n"
		 "<head>\n"
		 "<title>T</title>\n"
		 "<style>a>b{x:\"&\"}</style>\n"
		 "</head>\n"
		 "<body><main><h1>Tiêu đề</h1>\n"
		 "<p><a>về</a></p>\n"
		 "<div><table>\n"
		 "<caption>C</caption>\n"
		 "<tbody><tr>\n"
		 "<th>h</th>\n"
		 "<td></td>\n"
		 "</tr></tbody>\n"
		 "</table></div>\n"
		 "<ul><li>\n"
		 "<a>tệp</a> (1 KB)</li></ul>\n"
		 "<figure><svg></svg></figure></main></body>\n"
		 "</html>\n");
	strbuf_release(&sb);
	html_free(h);
}

int main(void)
{
	test_escaping();
	test_building();
	test_page();
	TEST_REPORT();
}
