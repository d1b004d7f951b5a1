/*
 * test-template.c: the article template engine (template.h): placeholders,
 * lists within a line and of whole lines, separators, nesting, escapes, the
 * text screen, and every located error.
 */
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "typeset/template.h"
#include "testhelp.h"

/* Adds an element to the list `xep_loai` of `owner`: a grade and how many units got it. */
static void add_grade(struct tpl_scope *owner, const char *ten, const char *so)
{
	struct tpl_scope *x = tpl_list_add(owner, "xep_loai");

	tpl_set(x, "ten", ten);
	tpl_set(x, "so", so);
}

/* Adds an element to the list `nhom` of root: a group and its annex. */
static struct tpl_scope *add_group(struct tpl_scope *root, const char *ten, const char *phu_luc)
{
	struct tpl_scope *g = tpl_list_add(root, "nhom");

	tpl_set(g, "ten", ten);
	tpl_set(g, "phu_luc", phu_luc);
	return g;
}

/* The model used by most tests: a year, two groups with grades, top grades. */
static struct tpl_scope *model(void)
{
	struct tpl_scope *root = tpl_scope_new(), *g;

	tpl_set(root, "nam", "2024");
	tpl_set(root, "so_don_vi", "18");
	tpl_set(root, "phu_luc", "Phụ lục I, Phụ lục II");
	tpl_set(root, "ngoac", "{nam} {#x}");
	g = add_group(root, "Cơ quan chuyên môn", "Phụ lục I");
	add_grade(g, "Tốt", "7");
	add_grade(g, "Khá", "3");
	add_grade(g, "Yếu", "1");
	g = add_group(root, "Ủy ban nhân dân các xã", "Phụ lục II");
	add_grade(g, "Tốt", "6");
	add_grade(root, "Tốt", "13");
	tpl_list_declare(root, "trong");
	tpl_set(tpl_list_declare(root, "trong"), "ten", "");
	return root;
}

/* The filled-in template joined as "line|text\n", or the diagnostics "path:line: error: msg\n". */
static char *run(const char *src, size_t len, const struct tpl_scope *root)
{
	struct diag d;
	struct strbuf sb = STRBUF_INIT;
	struct tpl *t;
	struct tpl_output out = { NULL, 0, 0 };

	diag_init(&d);
	t = tpl_parse("t/quyet-dinh.txt", src, len == (size_t)-1 ? strlen(src) : len, &d);
	if (t && tpl_fill(t, root, &out, &d) == 0)
		for (size_t i = 0; i < out.n; i++)
			strbuf_addf(&sb, "%d|%s\n", out.v[i].line, out.v[i].text);
	for (size_t i = 0; i < d.n; i++)
		strbuf_addf(&sb, "%s:%d: %s: %s\n", d.v[i].path, d.v[i].line,
			    d.v[i].level == DIAG_ERROR ? "error" : "warning", d.v[i].message);
	if (!t && !d.nerrors)
		strbuf_addstr(&sb, "NULL without an error\n");
	tpl_output_release(&out);
	tpl_free(t);
	diag_release(&d);
	return strbuf_detach(&sb);
}

/* The template src filled with the model must give want (only its first line when first_line). */
static void check(const char *what, const char *src, const char *want, int first_line)
{
	struct tpl_scope *m = model();
	char *got = run(src, (size_t)-1, m);
	char *nl = strchr(got, '\n');

	if (first_line && nl)
		*nl = '\0';
	TEST_STR(what, got, want);
	free(got);
	tpl_scope_free(m);
}

static void expect(const char *what, const char *src, const char *want)
{
	check(what, src, want, 0);
}

/* Only the first diagnostic line matters. */
static void expect_error(const char *what, const char *src, const char *want)
{
	check(what, src, want, 1);
}

static void test_values(void)
{
	expect("placeholders, one paragraph per line, comments and blank lines skipped",
	       "# comment\n\nĐiều 1. Năm {nam}: {so_don_vi} đơn vị.\n   # indented comment\n"
	       "\n\tĐiều 2. Hết.\n",
	       "3|Điều 1. Năm 2024: 18 đơn vị.\n6|Điều 2. Hết.\n");
	expect("spaces inside braces are tolerated", "{ nam }\n", "1|2024\n");
	expect("literal braces", "a {{nam}} b }} c\n", "1|a {nam} b } c\n");
	expect("CRLF line ends and a BOM", "\xEF\xBB\xBFX {nam}\r\nY\r\n", "1|X 2024\n2|Y\n");
	expect("no final newline", "Z {nam}", "1|Z 2024\n");
	expect("decomposed input comes out NFC",
	       "Ca\xCC\x89i ca\xCC\x81" "ch\n", "1|Cải cách\n");
	expect("a line that fills to nothing is dropped", "{#trong}{trong.ten}{/trong}\nB\n", "2|B\n");
	expect("an empty template gives nothing", "# only a comment\n", "");
}

static void test_lists(void)
{
	expect("inline list with separator and last separator",
	       "{#nhom|, | và }{nhom.ten}{/nhom}.\n",
	       "1|Cơ quan chuyên môn và Ủy ban nhân dân các xã.\n");
	expect("inline list of three, two separators",
	       "{#nhom}{#xep_loai|, | và }{xep_loai.so} {xep_loai.ten}{/xep_loai}{/nhom}\n",
	       "1|7 Tốt, 3 Khá và 1 Yếu6 Tốt\n");
	expect("inline list with one separator only",
	       "{#nhom|; }{nhom.stt}) {nhom.ten}{/nhom}\n",
	       "1|1) Cơ quan chuyên môn; 2) Ủy ban nhân dân các xã\n");
	expect("list of lines, stt and ket",
	       "Điều 1. Công bố:\n{#nhom}\n{nhom.stt}. {nhom.ten} ({nhom.phu_luc}){nhom.ket}\n{/nhom}\n"
	       "Điều 2. Hết.\n",
	       "1|Điều 1. Công bố:\n3|1. Cơ quan chuyên môn (Phụ lục I);\n"
	       "3|2. Ủy ban nhân dân các xã (Phụ lục II).\n5|Điều 2. Hết.\n");
	expect("list of several lines repeats them all",
	       "{#nhom}\nA {nhom.stt}\n\nB {nhom.stt}\n{/nhom}\n",
	       "2|A 1\n4|B 1\n2|A 2\n4|B 2\n");
	expect("nested list found in the element first",
	       "{#nhom}\n{nhom.ten}: {#xep_loai|, }{xep_loai.ten} {xep_loai.so}{/xep_loai}\n{/nhom}\n",
	       "2|Cơ quan chuyên môn: Tốt 7, Khá 3, Yếu 1\n2|Ủy ban nhân dân các xã: Tốt 6\n");
	expect("a list used at the top takes the top list",
	       "Tổng: {#xep_loai}{xep_loai.so} {xep_loai.ten}{/xep_loai}\n", "1|Tổng: 13 Tốt\n");
	expect("outer element values inside an inner list",
	       "{#nhom}\n{#xep_loai|, }{nhom.stt}.{xep_loai.stt} {xep_loai.ten}{xep_loai.ket}{/xep_loai}\n{/nhom}\n",
	       "2|1.1 Tốt;, 1.2 Khá;, 1.3 Yếu.\n2|2.1 Tốt.\n");
	expect("an empty list gives nothing and is still checked",
	       "A{#trong|, }{trong.ten}{/trong}B\n", "1|AB\n");
	expect("a value holding braces is not read as a template", "{ngoac}\n", "1|{nam} {#x}\n");
}

static void test_inverted(void)
{
	expect("{^list} is set for an empty list, {#list} is not",
	       "A{#trong} X{/trong}{^trong} không có{/trong}.\n", "1|A không có.\n");
	expect("{^list} is not set for a list with elements",
	       "{^nhom}không có nhóm{/nhom}{#nhom|, }{nhom.ten}{/nhom}\n",
	       "1|Cơ quan chuyên môn, Ủy ban nhân dân các xã\n");
	expect("{^list} of whole lines",
	       "{^trong}\nDòng thay thế {nam}.\n{/trong}\nB\n", "2|Dòng thay thế 2024.\n4|B\n");
	expect("{^list} inside a list sees the element's values",
	       "{#nhom}\n{nhom.stt}{^trong} {nhom.ten}{/trong}\n{/nhom}\n",
	       "2|1 Cơ quan chuyên môn\n2|2 Ủy ban nhân dân các xã\n");
	expect_error("{^list} takes no separators", "{^trong|, }x{/trong}\n",
		     "t/quyet-dinh.txt:1: error: malformed '{^trong|, }': a text for an empty list is set "
		     "once and takes no separators");
	expect_error("{^list} of an unknown list", "{^khong_co}x{/khong_co}\n",
		     "t/quyet-dinh.txt:1: error: unknown list '{^khong_co}'");
	expect_error("an element value of the empty list is not there in {^list}",
		     "{^trong}{trong.ten}{/trong}\n",
		     "t/quyet-dinh.txt:1: error: placeholder '{trong.ten}' is outside its list: put it "
		     "between {#trong} and {/trong}");
}

static void test_values_set(void)
{
	struct tpl_scope *m = tpl_scope_new();
	char *got;

	tpl_setf(m, "x", "%d-%s", 7, "a\nb\tc");
	tpl_set(m, "y", "first");
	tpl_set(m, "y", "second");
	got = run("{x} {y}\n", (size_t)-1, m);
	TEST_STR("tpl_setf, control characters in values, replacement", got, "1|7-a b c second\n");
	free(got);
	tpl_scope_free(m);
}

static void test_errors(void)
{
	expect_error("unknown placeholder",
		     "Điều 1.\nNăm {xyz}.\n", "t/quyet-dinh.txt:2: error: unknown placeholder '{xyz}'");
	expect_error("unknown element value",
		     "{#nhom}\n{nhom.xyz}\n{/nhom}\n",
		     "t/quyet-dinh.txt:2: error: unknown placeholder '{nhom.xyz}'");
	expect_error("unknown value of an empty list",
		     "{#trong}{trong.xyz}{/trong}\n",
		     "t/quyet-dinh.txt:1: error: unknown placeholder '{trong.xyz}'");
	expect_error("unknown list value of an unknown list",
		     "{abc.ten}\n", "t/quyet-dinh.txt:1: error: unknown placeholder '{abc.ten}'");
	expect_error("element value outside its list",
		     "A\n{nhom.ten}\n",
		     "t/quyet-dinh.txt:2: error: placeholder '{nhom.ten}' is outside its list: put it "
		     "between {#nhom} and {/nhom}");
	expect_error("nested list value outside its list",
		     "{#nhom}{xep_loai.ten}{/nhom}\n",
		     "t/quyet-dinh.txt:1: error: placeholder '{xep_loai.ten}' is outside its list: put "
		     "it between {#xep_loai} and {/xep_loai}");
	expect_error("unknown list", "{#abc}{/abc}\n", "t/quyet-dinh.txt:1: error: unknown list '{#abc}'");
	expect_error("list not closed on its line",
		     "A {#nhom}{nhom.ten}\nB\n",
		     "t/quyet-dinh.txt:1: error: '{#nhom}' is not closed on its line: end it with '{/nhom}' "
		     "on the same line, or put '{#nhom}' and '{/nhom}' each alone on a line to repeat whole "
		     "lines");
	expect_error("list of lines never closed",
		     "X\n{#nhom}\n{nhom.ten}\n",
		     "t/quyet-dinh.txt:2: error: '{#nhom}' is never closed: add a line '{/nhom}' after the "
		     "lines it repeats");
	expect_error("crossed lists",
		     "{#nhom}{#xep_loai}{/nhom}{/xep_loai}\n",
		     "t/quyet-dinh.txt:1: error: '{/nhom}' does not close '{#xep_loai}' opened on line 1");
	expect_error("crossed lists of lines",
		     "{#nhom}\n{#xep_loai}\n{/nhom}\n",
		     "t/quyet-dinh.txt:3: error: '{/nhom}' does not close '{#xep_loai}' opened on line 2");
	expect_error("closing nothing", "a\n{/nhom}\n",
		     "t/quyet-dinh.txt:2: error: '{/nhom}' closes no list: no '{#nhom}' is open");
	expect_error("closing nothing within a line", "a {/nhom} b\n",
		     "t/quyet-dinh.txt:1: error: '{/nhom}' closes no list: no '{#nhom}' is open");
	expect_error("end of a list of lines inside a line",
		     "{#nhom}\nA {/nhom}\n",
		     "t/quyet-dinh.txt:2: error: '{/nhom}' must stand alone on its line to end the list of "
		     "lines opened by '{#nhom}' on line 1");
	expect_error("separators on a list of lines",
		     "{#nhom|, }\nA\n{/nhom}\n",
		     "t/quyet-dinh.txt:1: error: list '{#nhom|, }' alone on its line repeats whole lines and "
		     "takes no separators: put separators only on a list within one line");
	expect_error("list inside itself", "{#nhom}{#nhom}{/nhom}{/nhom}\n",
		     "t/quyet-dinh.txt:1: error: list '{#nhom}' inside itself (opened on line 1)");
	expect_error("too many separators", "{#nhom|a|b|c}{/nhom}\n",
		     "t/quyet-dinh.txt:1: error: malformed list '{#nhom|a|b|c}': at most two separators, as "
		     "in {#nhom|, | và }");
	expect_error("empty braces", "a {} b\n",
		     "t/quyet-dinh.txt:1: error: empty placeholder '{}': write a name between the braces, "
		     "or '{{' and '}}' for literal braces");
	expect_error("placeholder with diacritics", "{năm}\n",
		     "t/quyet-dinh.txt:1: error: malformed placeholder '{năm}': a placeholder is a name in "
		     "lower case letters without diacritics, digits and '_', as in {nam} or {nhom.ten}; "
		     "write '{{' and '}}' for literal braces");
	expect_error("malformed list name", "{#Nhóm}{/Nhóm}\n",
		     "t/quyet-dinh.txt:1: error: malformed list '{#Nhóm}': a list name is written in lower "
		     "case letters without diacritics, digits and '_', as in {#nhom}");
	expect_error("malformed end", "{#nhom}{/}\n",
		     "t/quyet-dinh.txt:1: error: malformed end of list '{/}': write it as {/nhom}");
	expect_error("unclosed brace", "Năm {nam\n",
		     "t/quyet-dinh.txt:1: error: '{' without its closing '}' in '{nam': write '{{' for a "
		     "literal brace");
	expect_error("brace opened twice", "Năm {nam {nam}\n",
		     "t/quyet-dinh.txt:1: error: '{' without its closing '}' in '{nam {nam}': write '{{' "
		     "for a literal brace");
	expect_error("stray closing brace", "Năm nam}\n",
		     "t/quyet-dinh.txt:1: error: a '}' without its '{': write '}}' for a literal brace");
	expect_error("legacy encoding",
		     "Điều 1.\nC¶i c¸ch hµnh chÝnh {nam}\n",
		     "t/quyet-dinh.txt:2: error: the template line looks typed in the legacy TCVN3 (ABC) "
		     "encoding: 'C¶i c¸ch hµnh chÝnh {nam}' would read 'Cải cách hành chính {nam}'; convert "
		     "the text to Unicode");
	expect_error("control character", "A\x01" "B\n",
		     "t/quyet-dinh.txt:1: error: the template line holds the control character U+0001: "
		     "remove it");
	expect_error("invalid UTF-8", "ok\nA\xff\n",
		     "t/quyet-dinh.txt:2: error: the template line is not valid UTF-8: save the file as UTF-8");

	/* Every problem at once, in order. */
	{
		struct tpl_scope *m = model();
		char *got = run("{a}\n{#nhom}\n{nhom.b}\n{/nhom}\n{c.d}\n", (size_t)-1, m);

		TEST_STR("every unknown placeholder reported",
			 got, "t/quyet-dinh.txt:1: error: unknown placeholder '{a}'\n"
			 "t/quyet-dinh.txt:3: error: unknown placeholder '{nhom.b}'\n"
			 "t/quyet-dinh.txt:5: error: unknown placeholder '{c.d}'\n");
		free(got);
		got = run("{x\n{/y}\nok\n{#z|a|b|c}\n", (size_t)-1, m);
		TEST("every parse problem reported",
		     strstr(got, ":1: error:") && strstr(got, ":2: error:") && strstr(got, ":4: error:"));
		free(got);
		tpl_scope_free(m);
	}
	/* A NUL byte in the file. */
	{
		struct tpl_scope *m = model();
		char *got = run("A\0B\n", 4, m);

		TEST("a NUL byte is an error",
		     !strncmp(got, "t/quyet-dinh.txt:1: error: the template line holds a NUL", 56));
		free(got);
		tpl_scope_free(m);
	}
}

int main(void)
{
	test_values();
	test_lists();
	test_inverted();
	test_values_set();
	test_errors();
	TEST_REPORT();
}
