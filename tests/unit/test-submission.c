/*
 * test-submission.c: every rule of a submission (input/FORMATS.md) has a
 * case here: a one-line change to a valid year folder and the message and line
 * it must produce, through year_load() as the programs call it.
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "index-fixture.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "tmpdir.h"
#include "input/load.h"
#include "model/year.h"

static const char units_csv[] =
	"code,name,group\r\n"
	"U1,Phòng Nội vụ,A\r\n"
	"U2,UBND xã Tân Thới,B\r\n";

static const char publication_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<publication xmlns=\"urn:parx:publication:1\">\n"
	"  <authority>ỦY BAN NHÂN DÂN HUYỆN THỬ</authority>\n"
	"  <symbol>QĐ-UBND</symbol>\n"
	"  <place>Thử</place>\n"
	"  <title>Về việc công bố Chỉ số cải cách hành chính năm 2024</title>\n"
	"  <basis>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015</basis>\n"
	"  <signer><title>CHỦ TỊCH</title><name>Nguyễn Văn A</name></signer>\n"
	"  <recipients><recipient>Lưu: VT</recipient></recipients>\n"
	"</publication>\n";

static const char sub_u1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                        /* 1 */
	"<submission xmlns=\"urn:parx:submission:1\" index=\"T-1\" unit=\"U1\" date=\"2025-01-10\">\n"        /* 2 */
	"  <score code=\"1.1.1\" self=\"2\"><evidence>Kế hoạch số 05/KH-UBND ngày 06/01/2024</evidence></score>\n" /* 3 */
	"  <score code=\"1.1.2\" self=\"4\" numerator=\"10\" denominator=\"10\"/>\n"                          /* 4 */
	"  <score code=\"1.1.3\" self=\"3\" numerator=\"8\" denominator=\"10\"/>\n"                           /* 5 */
	"  <score code=\"1.1.4\" self=\"1\"/>\n"                                                              /* 6 */
	"  <score code=\"C1\" self=\"1\" count=\"1\"/>\n"                                                     /* 7 */
	"  <score code=\"T1\" self=\"0\" count=\"0\"/>\n"                                                     /* 8 */
	"  <declared-total>11</declared-total>\n"                                                             /* 9 */
	"</submission>\n";                                                                                    /* 10 */

static const char sub_u2[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<submission xmlns=\"urn:parx:submission:1\" index=\"T-1\" unit=\"U2\">\n"
	"  <score code=\"1.1.1\" self=\"1\"/>\n"
	"  <score code=\"1.1.2\" na=\"true\"><note>Xã không phát sinh</note></score>\n"
	"  <score code=\"1.1.3\" self=\"3\" numerator=\"0\" denominator=\"0\"/>\n"
	"  <score code=\"1.1.5\" self=\"0.5\"/>\n"
	"</submission>\n";

static char *replace(const char *text, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const char *at = from ? strstr(text, from) : NULL;

	if (!at) {
		if (from)
			printf("# patch target not found: %s\n", from);
		strbuf_addstr(&sb, text);
		return strbuf_detach(&sb);
	}
	strbuf_add(&sb, text, (size_t)(at - text));
	strbuf_addstr(&sb, to);
	strbuf_addstr(&sb, at + strlen(from));
	return strbuf_detach(&sb);
}

/*
 * Builds the folder with U1's submission patched (from -> to) and, when
 * `extra` is set, a third file "submissions/u3.xml" holding it; returns the
 * diagnostics with the folder prefix removed.
 */
static char *run(const char *from, const char *to, const char *extra, size_t *nerrors)
{
	char *dir = tmpdir_new();
	char *u1 = replace(sub_u1, from, to);
	struct year y;
	struct diag d;
	char *out = NULL;
	size_t n = 0, dl = strlen(dir);
	FILE *mem = open_memstream(&out, &n);
	struct strbuf sb = STRBUF_INIT;

	tmpdir_write(dir, "index.xml", base_index, (size_t)-1);
	tmpdir_write(dir, "units.csv", units_csv, (size_t)-1);
	tmpdir_write(dir, "publication.xml", publication_xml, (size_t)-1);
	tmpdir_write(dir, "submissions/u1.xml", u1, (size_t)-1);
	tmpdir_write(dir, "submissions/u2.xml", sub_u2, (size_t)-1);
	if (extra)
		tmpdir_write(dir, "submissions/u3.xml", extra, (size_t)-1);
	diag_init(&d);
	year_load(&y, dir, &d);
	diag_print(&d, mem, 1);
	fclose(mem);
	*nerrors = d.nerrors;
	for (const char *p = out; p && *p;) {
		const char *hit = strstr(p, dir);

		if (!hit) {
			strbuf_addstr(&sb, p);
			break;
		}
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_addstr(&sb, "in");
		p = hit + dl;
	}
	year_release(&y);
	diag_release(&d);
	free(out);
	free(u1);
	tmpdir_remove(dir);
	return strbuf_detach(&sb);
}

static const struct {
	const char *what, *from, *to, *want;
} cases[] = {
	{ "index id mismatch", "index=\"T-1\"", "index=\"T-2\"",
	  "in/submissions/u1.xml:2: error: index=\"T-2\" does not match the id 'T-1' of index.xml" },
	{ "unit not in the registry", "unit=\"U1\"", "unit=\"U9\"",
	  "in/submissions/u1.xml:2: error: unit 'U9' is not in the registry (units.csv)" },
	{ "a date that does not exist", "date=\"2025-01-10\"", "date=\"2025-02-30\"",
	  "in/submissions/u1.xml:2: error: date=\"2025-02-30\" is not a real date written YYYY-MM-DD" },
	{ "unknown code", "code=\"1.1.4\"", "code=\"9.9.9\"",
	  "in/submissions/u1.xml:6: error: unknown code '9.9.9': index 'T-1' has no item, bonus or penalty with this code" },
	{ "item of another group", "code=\"1.1.4\"", "code=\"1.1.5\"",
	  "in/submissions/u1.xml:6: error: item '1.1.5' does not apply to group 'A' of unit 'U1'" },
	{ "missing item", "  <score code=\"1.1.4\" self=\"1\"/>\n", "",
	  "in/submissions/u1.xml:2: error: item '1.1.4' missing: every item of group 'A' must have a <score>" },
	{ "duplicate score", "  <score code=\"1.1.4\" self=\"1\"/>\n", "  <score code=\"1.1.4\" self=\"1\"/>\n  <score code=\"1.1.4\" self=\"0\"/>\n",
	  "in/submissions/u1.xml:7: error: second score for '1.1.4' (the first is on line 6): each code appears once" },
	{ "self missing", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\"",
	  "in/submissions/u1.xml:6: error: score for '1.1.4' has no self=\"…\": the unit's own score is required" },
	{ "self not a level", "code=\"1.1.1\" self=\"2\"", "code=\"1.1.1\" self=\"1.5\"",
	  "in/submissions/u1.xml:3: error: self=\"1.50\" is not a level of item '1.1.1': expected one of 2.00, 1.00, 0.00" },
	{ "self above max", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\" self=\"1.01\"",
	  "in/submissions/u1.xml:6: error: self=\"1.01\" is more than the max 1.00 of item '1.1.4'" },
	{ "self with a decimal comma", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\" self=\"0,5\"",
	  "in/submissions/u1.xml:6: error: self=\"0,5\" is not a number of points" },
	{ "self negative", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\" self=\"-0\"",
	  "in/submissions/u1.xml:6: error: self=\"-0\" is not a number of points" },
	{ "self NaN", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\" self=\"NaN\"",
	  "in/submissions/u1.xml:6: error: self=\"NaN\" is not a number of points" },
	{ "raw data on a scale item", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\" self=\"1\" numerator=\"1\" denominator=\"1\"",
	  "in/submissions/u1.xml:6: error: numerator and denominator belong to ratio and proportional items, not to item '1.1.4' (rule scale)" },
	{ "count on a ratio item", "numerator=\"10\" denominator=\"10\"", "numerator=\"10\" denominator=\"10\" count=\"1\"",
	  "in/submissions/u1.xml:4: error: count belongs to count items, not to item '1.1.2'" },
	{ "ratio without denominator", "numerator=\"10\" denominator=\"10\"", "numerator=\"10\"",
	  "in/submissions/u1.xml:4: error: item '1.1.2' (rule ratio) needs numerator=\"…\" and denominator=\"…\"" },
	{ "count without count", "code=\"C1\" self=\"1\" count=\"1\"", "code=\"C1\" self=\"1\"",
	  "in/submissions/u1.xml:7: error: bonus 'C1' (rule count) needs count=\"…\", the number of occurrences" },
	{ "numerator above denominator", "numerator=\"10\" denominator=\"10\"", "numerator=\"11\" denominator=\"10\"",
	  "in/submissions/u1.xml:4: error: numerator 11 is more than denominator 10: a ratio is at most 100%" },
	{ "numerator with a decimal", "numerator=\"8\"", "numerator=\"8.5\"",
	  "in/submissions/u1.xml:5: error: numerator=\"8.5\" is not a whole number: write digits only, from 0 to 999999999" },
	{ "denominator in hex", "denominator=\"10\"/>\n  <score code=\"1.1.3\"", "denominator=\"0x10\"/>\n  <score code=\"1.1.3\"",
	  "in/submissions/u1.xml:4: error: denominator=\"0x10\" is not a whole number" },
	{ "count with an exponent", "count=\"1\"", "count=\"1e3\"",
	  "in/submissions/u1.xml:7: error: count=\"1e3\" is not a whole number" },
	{ "absurd denominator", "denominator=\"10\"/>\n  <score code=\"1.1.3\"", "denominator=\"99999999999999999999\"/>\n  <score code=\"1.1.3\"",
	  "in/submissions/u1.xml:4: error: denominator=\"99999999999999999999\" is more than 999999999" },
	{ "na with a wrong value", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\" self=\"1\" na=\"yes\"",
	  "in/submissions/u1.xml:6: error: na=\"yes\" must be \"true\" or \"false\"" },
	{ "na where not allowed", "<score code=\"1.1.4\" self=\"1\"/>", "<score code=\"1.1.4\" na=\"true\"><note>Không có</note></score>",
	  "in/submissions/u1.xml:6: error: item '1.1.4' cannot be declared not applicable: the index does not allow it" },
	{ "na with self", "<score code=\"1.1.2\" self=\"4\"", "<score code=\"1.1.2\" na=\"true\" self=\"4\"",
	  "in/submissions/u1.xml:4: error: '1.1.2' is declared not applicable, so it carries no self and no raw data" },
	{ "na without a note", "<score code=\"1.1.2\" self=\"4\" numerator=\"10\" denominator=\"10\"/>", "<score code=\"1.1.2\" na=\"true\"/>",
	  "in/submissions/u1.xml:4: error: '1.1.2' is declared not applicable without a <note> saying why" },
	{ "na with an empty note", "<score code=\"1.1.2\" self=\"4\" numerator=\"10\" denominator=\"10\"/>", "<score code=\"1.1.2\" na=\"true\"><note>  </note></score>",
	  "in/submissions/u1.xml:4: error: '1.1.2' is declared not applicable without a <note> saying why" },
	{ "declared total not a number", "<declared-total>11</declared-total>", "<declared-total>11,5</declared-total>",
	  "in/submissions/u1.xml:9: error: declared total '11,5' is not a number of points" },
	{ "two declared totals", "<declared-total>11</declared-total>", "<declared-total>11</declared-total><declared-total>11</declared-total>",
	  "in/submissions/u1.xml:9: error: <declared-total> is not expected here\n" },
	{ "unknown attribute", "code=\"1.1.4\" self=\"1\"", "code=\"1.1.4\" self=\"1\" weight=\"2\"",
	  "in/submissions/u1.xml:6: error: <score> may not have the attribute 'weight'\n" },
	{ "legacy VNI evidence", "Kế hoạch số 05/KH-UBND ngày 06/01/2024", "Keá hoaïch soá 05/KH-UBND",
	  "in/submissions/u1.xml:3: error: evidence looks typed in the legacy VNI" },
	{ "DOCTYPE in a submission", "<submission ", "<!DOCTYPE submission SYSTEM \"http://example.invalid/x.dtd\">\n<submission ",
	  "in/submissions/u1.xml:2: error: a DOCTYPE is not allowed" },
	{ "malformed XML", "</submission>", "</submision>",
	  "in/submissions/u1.xml:10: error: " },
};

static void test_cases(void)
{
	size_t nerr;
	char *out = run(NULL, NULL, NULL, &nerr);

	TEST_INT("the base folder has no error", nerr, 0);
	if (nerr)
		printf("# %s", out);
	free(out);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = run(cases[i].from, cases[i].to, NULL, &nerr);
		TEST(cases[i].what, strstr(out, cases[i].want) != NULL && nerr > 0);
		if (!strstr(out, cases[i].want))
			printf("#   want: %s\n#   got:  %s", cases[i].want, out);
		free(out);
	}
}

static void test_files(void)
{
	size_t nerr;
	char *out = run(NULL, NULL, sub_u1, &nerr);

	TEST("a second submission for a unit is an error in the later file, naming the first",
	     strstr(out, "in/submissions/u3.xml:2: error: second submission for unit 'U1': the first is 'in/submissions/u1.xml'") != NULL);
	free(out);
	out = run("unit=\"U1\"", "unit=\"U2\"", NULL, &nerr);
	TEST("a unit without submission is reported on its registry line",
	     strstr(out, "in/units.csv:2: error: unit 'U1' has no submission") != NULL);
	free(out);
	out = run("</submission>", "</submision>", NULL, &nerr);
	TEST("a submission that does not parse silences 'no submission'",
	     strstr(out, "has no submission") == NULL && nerr == 1);
	if (nerr != 1)
		printf("# %s", out);
	free(out);
}

int main(void)
{
	test_cases();
	test_files();
	TEST_REPORT();
}
