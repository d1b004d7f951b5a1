/*
 * test-index.c: every rule an index must satisfy (input/FORMATS.md) has a
 * case here: a one-line change to a valid index, and the message and line it
 * must produce. Also the XML defences of xmldoc.c, which every loader shares.
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "index-fixture.h"
#include "input/index.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "score/scoring.h"
#include "tmpdir.h"
#include "model/year.h"

/* Loads `text` as index.xml of a fresh folder; returns all diagnostics as printed. */
static char *load(const char *text, size_t len, int *ok)
{
	char *dir = tmpdir_new();
	struct year y;
	struct diag d;
	char *out = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&out, &n);

	tmpdir_write(dir, "index.xml", text, len);
	memset(&y, 0, sizeof(y));
	y.dir = strdup(dir);
	diag_init(&d);
	index_load(&y, &d);
	diag_sort(&d);
	diag_print(&d, mem, 1);
	fclose(mem);
	*ok = y.index_ok;
	index_release(&y.index);
	for (size_t i = 0; i < y.nfiles; i++)
		free(y.files[i].path);
	free(y.files);
	free(y.dir);
	diag_release(&d);
	tmpdir_remove(dir);
	/* Paths differ per run: keep "index.xml:LINE: ..." only. */
	{
		struct strbuf sb = STRBUF_INIT;
		const char *p = out;

		while (p && *p) {
			const char *nl = strchr(p, '\n');
			const char *ix = strstr(p, "index.xml");
			size_t l = nl ? (size_t)(nl - p + 1) : strlen(p);

			if (ix && ix < p + l)
				strbuf_add(&sb, ix, l - (size_t)(ix - p));
			else
				strbuf_add(&sb, p, l);
			p += l;
		}
		free(out);
		return strbuf_detach(&sb);
	}
}

/* Replaces the first `from` in base_index with `to`. */
static char *patched(const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const char *at = strstr(base_index, from);

	if (!at) {
		printf("# patch target not found: %s\n", from);
		return strbuf_detach(&sb);
	}
	strbuf_add(&sb, base_index, (size_t)(at - base_index));
	strbuf_addstr(&sb, to);
	strbuf_addstr(&sb, at + strlen(from));
	return strbuf_detach(&sb);
}

static const struct rule_case {
	const char *what, *from, *to, *want;
} cases[] = {
	{ "duplicate item code", "code=\"1.1.2\"", "code=\"1.1.1\"",
	  "index.xml:13: error: item code '1.1.1' is already used on line 8: codes must be unique" },
	{ "bonus code clashing with an item", "code=\"C1\"", "code=\"1.1.3\"",
	  "index.xml:24: error: bonus code '1.1.3' is already used on line 18" },
	{ "duplicate group code", "<group code=\"B\">", "<group code=\"A\">",
	  "index.xml:5: error: group code 'A' is already used on line 4" },
	{ "item code not under its criterion", "code=\"1.1.4\"", "code=\"2.1.4\"",
	  "index.xml:19: error: item code '2.1.4' does not start with its criterion's code '1.1'" },
	{ "item code equal to its criterion", "code=\"1.1.4\"", "code=\"1.1\"",
	  "index.xml:19: error: item code '1.1' does not start with its criterion's code '1.1'" },
	{ "criterion code not under its field", "code=\"1.1\" name", "code=\"2.1\" name",
	  "index.xml:7: error: criterion code '2.1' does not start with its field's code '1'" },
	{ "code with white space", "code=\"1.1.4\"", "code=\"1.1.4 x\"",
	  "index.xml:19: error: item code '1.1.4 x' is empty or contains white space" },
	{ "unknown group in groups", "groups=\"A\"", "groups=\"A Z\"",
	  "index.xml:19: error: item '1.1.4': groups names 'Z', which is not a group of the index" },
	{ "group sums differ from the scale", "max=\"1\" rule=\"scale\" groups=\"B\"", "max=\"1.5\" rule=\"scale\" groups=\"B\"",
	  "index.xml:5: error: the items of group 'B' add up to 10.50 points, but the scale is 10.00" },
	{ "points with a comma", "max=\"3\" rule=\"proportional\"", "max=\"3,0\" rule=\"proportional\"",
	  "index.xml:18: error: max=\"3,0\" is not a number of points" },
	{ "points with three decimals", "<band from=\"80\" points=\"2\"/>", "<band from=\"80\" points=\"2.125\"/>",
	  "index.xml:15: error: points=\"2.125\" is not a number of points" },
	{ "points with a sign", "<band from=\"80\"", "<band from=\"-80\"",
	  "index.xml:15: error: from=\"-80\" is not a number of points" },
	{ "points with an exponent", "scale=\"10\"", "scale=\"1e1\"",
	  "index.xml:2: error: scale=\"1e1\" is not a number of points" },
	{ "max of 0", "max=\"2\" rule=\"count\"", "max=\"0\" rule=\"count\"",
	  "index.xml:24: error: bonus 'C1': max must be more than 0, not 0.00" },
	{ "repeated level", "<level points=\"1\">", "<level points=\"2\">",
	  "index.xml:10: error: level of 2.00 points repeats the level on line 9" },
	{ "level above max", "<level points=\"1\">", "<level points=\"3\">",
	  "index.xml:10: error: level of 3.00 points is more than the maximum 2.00 of item '1.1.1'" },
	{ "no level gives max", "<level points=\"2\">", "<level points=\"1.5\">",
	  "index.xml:8: error: item '1.1.1': no level gives the max 2.00 points; one level must" },
	{ "a single level", "        <level points=\"1\">Một phần</level>\n        <level points=\"0\">Không</level>\n", "",
	  "index.xml:8: error: item '1.1.1' (rule levels) needs at least two <level> elements" },
	{ "bands not decreasing", "<band from=\"80\"", "<band from=\"100\"",
	  "index.xml:15: error: band from=\"100.00\" is not below the band before it (from=\"100.00\")" },
	{ "last band not 0", "<band from=\"0\" points=\"0\"/>", "<band from=\"10\" points=\"0\"/>",
	  "index.xml:16: error: the last band of item '1.1.2' must have from=\"0\"" },
	{ "band above max", "<band from=\"80\" points=\"2\"/>", "<band from=\"80\" points=\"5\"/>",
	  "index.xml:15: error: band gives 5.00 points, more than the maximum 4.00 of item '1.1.2'" },
	{ "ratio without bands", "        <band from=\"100\" points=\"4\"/>\n        <band from=\"80\" points=\"2\"/>\n        <band from=\"0\" points=\"0\"/>\n", "",
	  "index.xml:13: error: item '1.1.2' (rule ratio) needs <band> elements" },
	{ "levels on a scale item", "rule=\"levels\"", "rule=\"scale\"",
	  "index.xml:8: error: item '1.1.1' has <level> elements but rule=\"scale\"" },
	{ "bands on a proportional item", "rule=\"ratio\" empty", "rule=\"proportional\" empty",
	  "index.xml:13: error: item '1.1.2' has <band> elements but rule=\"proportional\"" },
	{ "count without per", "rule=\"count\" per=\"1\"", "rule=\"count\"",
	  "index.xml:24: error: bonus 'C1' (rule count) needs per=" },
	{ "per of 0", "per=\"0.5\"", "per=\"0\"",
	  "index.xml:27: error: penalty 'T1': per must be more than 0" },
	{ "per on a scale item", "rule=\"scale\" groups=\"A\"", "rule=\"scale\" per=\"1\" groups=\"A\"",
	  "index.xml:19: error: item '1.1.4': per is only allowed with rule count" },
	{ "empty on a levels item", "rule=\"levels\"", "rule=\"levels\" empty=\"max\"",
	  "index.xml:8: error: item '1.1.1': empty=\"max\" is only allowed with rule ratio or proportional" },
	{ "empty with a wrong value", "empty=\"zero\"", "empty=\"none\"",
	  "index.xml:13: error: item '1.1.2': empty=\"none\" must be \"max\" or \"zero\"" },
	{ "target on a ratio item", "empty=\"zero\"", "empty=\"zero\" target=\"90\"",
	  "index.xml:13: error: item '1.1.2': target is only allowed with rule proportional" },
	{ "target above 100", "target=\"80\"", "target=\"120\"",
	  "index.xml:18: error: item '1.1.3': target=\"120.00\" must be a percentage above 0 and at most 100" },
	{ "target of 0", "target=\"80\"", "target=\"0\"",
	  "index.xml:18: error: item '1.1.3': target=\"0.00\" must be a percentage above 0 and at most 100" },
	{ "na on a bonus", "rule=\"count\" per=\"1\"", "rule=\"count\" per=\"1\" na=\"allowed\"",
	  "index.xml:24: error: bonus 'C1': na is only allowed on <item>" },
	{ "na with a wrong value", "na=\"allowed\"", "na=\"yes\"",
	  "index.xml:13: error: item '1.1.2': na=\"yes\" must be \"allowed\"" },
	{ "grades not decreasing", "<grade from=\"0\" label=\"Yếu\"/>", "<grade from=\"95\" label=\"Yếu\"/>",
	  "index.xml:31: error: grade from=\"95.00\" is not below the grade before it" },
	{ "last grade not 0", "<grade from=\"0\" label=\"Yếu\"/>", "<grade from=\"50\" label=\"Yếu\"/>",
	  "index.xml:31: error: the last grade must have from=\"0\"" },
	{ "cap not boolean", "scale=\"10\">", "scale=\"10\" cap=\"yes\">",
	  "index.xml:2: error: cap=\"yes\" must be \"true\" or \"false\"" },
	{ "year not four digits", "year=\"2024\"", "year=\"24\"",
	  "index.xml:2: error: year=\"24\" must be a year of four digits" },
	{ "missing id", " id=\"T-1\"", "",
	  "index.xml:2: error: <index> needs the attribute 'id'\n" },
	{ "unknown attribute", "rule=\"scale\" groups=\"A\"", "rule=\"scale\" weight=\"2\" groups=\"A\"",
	  "index.xml:19: error: <item> may not have the attribute 'weight'\n" },
	{ "unknown rule", "rule=\"scale\" groups=\"A\"", "rule=\"weighted\" groups=\"A\"",
	  "index.xml:19: error: rule=\"weighted\" on <item> is not one of 'levels', 'scale', 'ratio', 'proportional', 'count'\n" },
	{ "a criterion without items", "    </criterion>\n", "    </criterion>\n    <criterion code=\"1.2\" name=\"Trống\"/>\n",
	  "index.xml:22: error: <criterion> is missing a child element: expected item\n" },
	{ "no grades", "  <grades>\n    <grade from=\"90\" label=\"Tốt\"/>\n    <grade from=\"0\" label=\"Yếu\"/>\n  </grades>\n", "",
	  "index.xml:2: error: <index> is missing a child element: expected grades\n" },
	{ "bonuses without max", "<bonuses max=\"2\">", "<bonuses>",
	  "index.xml:23: error: <bonuses> needs the attribute 'max'\n" },
	{ "legacy TCVN3 text", "Nhóm A", "Phßng Néi vô",
	  "index.xml:4: error: group name looks typed in the legacy TCVN3" },
	{ "a character the documents cannot print", "Nhóm A", "Nhóm A \xf0\x9f\x98\x80",
	  "index.xml:4: error: group name holds the character U+1F600 '\xf0\x9f\x98\x80', which the documents' font cannot print" },
	{ "Cyrillic in Vietnamese text", "Lĩnh vực một", "Lĩnh vực \xd0\x96",
	  "index.xml:6: error: name of field '1' holds the character U+0416" },
	{ "more fields than the documents hold", "  <bonuses max=\"2\">\n",
	  "  <field code=\"2\" name=\"b\"><criterion code=\"2.1\" name=\"c\"><item code=\"2.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"3\" name=\"b\"><criterion code=\"3.1\" name=\"c\"><item code=\"3.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"4\" name=\"b\"><criterion code=\"4.1\" name=\"c\"><item code=\"4.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"5\" name=\"b\"><criterion code=\"5.1\" name=\"c\"><item code=\"5.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"6\" name=\"b\"><criterion code=\"6.1\" name=\"c\"><item code=\"6.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"7\" name=\"b\"><criterion code=\"7.1\" name=\"c\"><item code=\"7.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"8\" name=\"b\"><criterion code=\"8.1\" name=\"c\"><item code=\"8.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"9\" name=\"b\"><criterion code=\"9.1\" name=\"c\"><item code=\"9.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <field code=\"X\" name=\"b\"><criterion code=\"X.1\" name=\"c\"><item code=\"X.1.1\" name=\"i\" max=\"1\" rule=\"scale\" groups=\"Z\"/></criterion></field>\n"
	  "  <bonuses max=\"2\">\n",
	  "index.xml:31: error: the index has 10 fields, more than the 9 the documents' tables can hold" },
};

static void test_rules(void)
{
	int ok;
	char *out = load(base_index, (size_t)-1, &ok);

	TEST_STR("the base index is valid", out, "");
	TEST("the base index is marked ok", ok);
	free(out);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = patched(cases[i].from, cases[i].to);

		out = load(text, (size_t)-1, &ok);
		TEST(cases[i].what, strstr(out, cases[i].want) != NULL && !ok);
		if (!strstr(out, cases[i].want))
			printf("#   want: %s\n#   got:  %s", cases[i].want, out);
		free(out);
		free(text);
	}
}

static void test_values(void)
{
	struct year y;
	struct diag d;
	char *dir = tmpdir_new();
	const struct item *it;

	tmpdir_write(dir, "index.xml", base_index, (size_t)-1);
	memset(&y, 0, sizeof(y));
	y.dir = strdup(dir);
	diag_init(&d);
	index_load(&y, &d);
	TEST_INT("fields", y.index.nfields, 1);
	TEST_INT("items, bonuses and penalties in one list", y.index.nitems, 7);
	TEST_STR("bonuses follow the items", y.index.items[5].code, "C1");
	TEST_INT("scale in hundredths", y.index.scale, 1000);
	it = &y.index.items[2];
	TEST_INT("target in percent hundredths", it->target, 8000);
	TEST_INT("default target", y.index.items[3].target, 10000);
	TEST("item 1.1.4 applies to A only", y.index.items[3].in_group[0] && !y.index.items[3].in_group[1]);
	TEST("empty=zero", y.index.items[1].empty_zero && y.index.items[1].na_allowed);
	TEST_INT("per 0.5", y.index.items[6].per, 50);
	TEST_INT("penalty max", y.index.penalty_max, 300);
	TEST_INT("grade of 90.00", scoring_grade(&y.index, 9000), 0);
	TEST_INT("grade of 89.99", scoring_grade(&y.index, 8999), 1);
	TEST_STR("NFC, trimmed text", y.index.groups[1].name, "Nhóm B");
	index_release(&y.index);
	for (size_t i = 0; i < y.nfiles; i++)
		free(y.files[i].path);
	free(y.files);
	free(y.dir);
	diag_release(&d);
	tmpdir_remove(dir);
}

/* The defences of xmldoc.c: each hostile file refused at once with its message. */
static void test_hostile(void)
{
	static const struct {
		const char *what, *text, *want;
	} hostile[] = {
		{ "external entity (XXE)",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE index [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<index>&x;</index>\n",
		  "index.xml:2: error: a DOCTYPE is not allowed" },
		{ "billion laughs",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		  "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n<index>&lol3;</index>\n",
		  "index.xml:2: error: a DOCTYPE is not allowed" },
		{ "declared Latin-1",
		  "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<index/>\n",
		  "index.xml:1: error: declared encoding 'ISO-8859-1' is not accepted: only UTF-8 is" },
		{ "UTF-16 byte order mark", "\xff\xfe<\0i\0",
		  "index.xml:1: error: file is UTF-16" },
		{ "undeclared Latin-1 bytes", "<?xml version=\"1.0\"?>\n<index>\n<title>C\xe1i</title></index>\n",
		  "index.xml:3: error: byte 0xE1 is not valid UTF-8" },
		{ "truncated document", "<?xml version=\"1.0\"?>\n<index xmlns=\"urn:parx:index:1\">\n<title>x",
		  "index.xml:3: error: " },
		{ "wrong root", "<?xml version=\"1.0\"?>\n<submission xmlns=\"urn:parx:submission:1\"/>\n",
		  "index.xml:2: error: root element is <submission> in namespace 'urn:parx:submission:1', expected <index xmlns=\"urn:parx:index:1\">" },
		{ "no namespace", "<index id=\"x\"/>\n",
		  "index.xml:1: error: root element is <index> without a namespace" },
	};
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		int ok;
		size_t len = strlen(hostile[i].text);
		char *out;

		if (hostile[i].text[0] == '\xff')
			len = 6;
		out = load(hostile[i].text, len, &ok);
		TEST(hostile[i].what, strstr(out, hostile[i].want) != NULL && !ok);
		if (!strstr(out, hostile[i].want))
			printf("#   want: %s\n#   got:  %s", hostile[i].want, out);
		free(out);
	}
}

/* A quadratic blow-up (one big entity referenced many times) is refused, fast. */
static void test_blowup(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;
	int ok;

	strbuf_addstr(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE index [<!ENTITY a \"");
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&sb, 'a');
	strbuf_addstr(&sb, "\">]>\n<index>");
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "&a;");
	strbuf_addstr(&sb, "</index>\n");
	out = load(sb.buf, sb.len, &ok);
	TEST("quadratic blow-up refused at its DOCTYPE", strstr(out, "index.xml:2: error: a DOCTYPE is not allowed") && !ok);
	free(out);
	strbuf_release(&sb);
}

int main(void)
{
	test_rules();
	test_values();
	test_hostile();
	test_blowup();
	TEST_REPORT();
}
