/*
 * test-publication.c: publication.xml read and its consequences derived
 * (publication.h): the decider, the authority line, the signature's lines,
 * the number, partial dates, the annexes' reference, and every contradiction
 * located at its line.
 */
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "input/publication.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "tmpdir.h"

/* The head of a publication.xml; each case adds its own lines from line 9 on. */
#define HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<publication xmlns=\"urn:parx:publication:1\">\n"

struct pcase {
	const char *what;
	const char *before;   /* elements between <publication> and <basis> */
	const char *signer;   /* the content of <signer> */
	const char *authority_line, *issuer, *signature, *number, *date;
	const char *diags;    /* what loading says, lines joined by '\n' ("" for nothing) */
};

#define PROV "<authority>ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP</authority>\n<number>5</number>\n<symbol>QĐ-UBND</symbol>\n<place>Đồng Tháp</place>\n"
#define TITLE "<title>Về việc công bố Chỉ số cải cách hành chính năm 2025</title>\n"
#define CHAIR "<decider>CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP</decider>\n"

static const struct pcase cases[] = {
	{ "a Chairman's decision signed by a vice-chairman",
	  PROV "<date>2026-01-15</date>\n" TITLE CHAIR,
	  "<on-behalf>KT.</on-behalf><title>CHỦ TỊCH</title><position>PHÓ CHỦ TỊCH</position><name>A</name>",
	  "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp",
	  "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "05/QĐ-UBND", "ngày 15 tháng 01 năm 2026", "" },
	{ "a decision of the committee, signed by a vice-chairman: TM. above KT.",
	  PROV "<date>2026-01</date>\n" TITLE,
	  "<on-behalf>KT.</on-behalf><title>CHỦ TỊCH</title><position>PHÓ CHỦ TỊCH</position><name>A</name>",
	  "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "Ủy ban nhân dân tỉnh Đồng Tháp",
	  "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "05/QĐ-UBND",
	  "ngày\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0 tháng 01 năm 2026", "" },
	{ "a decision of the committee, TM. written out (the 2023 form), a year only",
	  PROV "<date>2025</date>\n" TITLE "<decider>ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP</decider>\n",
	  "<on-behalf>TM.</on-behalf><title>ỦY BAN NHÂN DÂN</title><position>CHỦ TỊCH</position><name>A</name>",
	  "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "Ủy ban nhân dân tỉnh Đồng Tháp",
	  "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "05/QĐ-UBND",
	  "ngày\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0 tháng\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0 năm 2025", "" },
	{ "the Chairman signs himself; no date: every part blank, never 20..",
	  PROV TITLE CHAIR, "<title>CHỦ TỊCH</title><name>A</name>",
	  "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp",
	  "CHỦ TỊCH", "05/QĐ-UBND",
	  "ngày\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0 tháng\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0 năm\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0", "" },
	{ "TM. in a Chairman's decision: an error at <on-behalf>",
	  PROV TITLE CHAIR,
	  "\n<on-behalf>TM.</on-behalf>\n<title>ỦY BAN NHÂN DÂN</title>\n<position>CHỦ TỊCH</position><name>A</name>",
	  "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", NULL, NULL, NULL, NULL,
	  "p/publication.xml:11: error: 'TM.' signs for the committee as a body, but <decider> makes this a decision of the Chairman: remove <on-behalf>TM.</on-behalf>, or remove <decider> for a decision of the committee" },
	{ "a Chairman's decision signed for the committee: an error at <title>",
	  PROV TITLE CHAIR, "\n<title>ỦY BAN NHÂN DÂN</title>\n<name>A</name>",
	  NULL, NULL, NULL, NULL, NULL,
	  "p/publication.xml:11: error: <title> 'ỦY BAN NHÂN DÂN' signs for the committee as a body, but <decider> makes this a decision of the Chairman: write <title>CHỦ TỊCH</title>" },
	{ "a decider of another authority: an error at <decider>",
	  PROV TITLE "<decider>CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG</decider>\n",
	  "<title>CHỦ TỊCH</title><name>A</name>",
	  "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", NULL, NULL, NULL, NULL,
	  "p/publication.xml:8: error: <decider> 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG' is neither the authority 'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP' (a decision of the committee) nor its head, as in 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP' (a decision of the Chairman)" },
	{ "KT. without the signer's own position: an error at <on-behalf>",
	  PROV TITLE CHAIR, "\n<on-behalf>KT.</on-behalf>\n<title>CHỦ TỊCH</title><name>A</name>",
	  NULL, NULL, NULL, NULL, NULL,
	  "p/publication.xml:11: error: 'KT. CHỦ TỊCH' needs the signer's own position in <position> (e.g. PHÓ CHỦ TỊCH)" },
	{ "a vice-chairman without KT.: an error at <position>",
	  PROV TITLE, "\n<title>CHỦ TỊCH</title>\n<position>PHÓ CHỦ TỊCH</position><name>A</name>",
	  NULL, NULL, NULL, NULL, NULL,
	  "p/publication.xml:11: error: <position> 'PHÓ CHỦ TỊCH' differs from <title> 'CHỦ TỊCH' but <on-behalf> does not say on whose behalf the signer signs: add <on-behalf>KT.</on-behalf>" },
	{ "a superior line over a UBND: warned at its line, not printed; 12 keeps its digits",
	  "<superior>ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG</superior>\n<authority>ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG</authority>\n<number>12</number>\n<symbol>QĐ-UBND</symbol>\n<place>Tân Phú Đông</place>\n" TITLE,
	  "<on-behalf>TM.</on-behalf><title>ỦY BAN NHÂN DÂN</title><position>CHỦ TỊCH</position><name>A</name>",
	  "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG", "Ủy ban nhân dân huyện Tân Phú Đông",
	  "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "12/QĐ-UBND", NULL,
	  "p/publication.xml:3: warning: <superior> is not printed: a People's Committee or Council (ỦY BAN NHÂN DÂN) has no superior authority line above its name; remove the element" },
	{ "a date that is not one: an error, no '20..'",
	  PROV "<date>2026-13</date>\n" TITLE CHAIR, "<title>CHỦ TỊCH</title><name>A</name>",
	  NULL, NULL, NULL, NULL, NULL,
	  "p/publication.xml:7: error: date '2026-13' is not a real date written YYYY-MM-DD, YYYY-MM or YYYY (or leave it empty to fill by hand)" },
};

static char *joined(char **v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? " / " : "", v[i]);
	return strbuf_detach(&sb);
}

static void run_case(const struct pcase *pc)
{
	char *dir = tmpdir_new(), *msgs = NULL, *pdir, *sig;
	struct strbuf xml = STRBUF_INIT;
	struct year y;
	struct diag d;
	size_t len = 0;
	FILE *f;

	strbuf_addf(&xml, HEAD "%s<basis>Căn cứ X</basis>\n<signer>%s</signer>\n<recipients><recipient>Lưu: VT</recipient></recipients>\n</publication>\n",
		    pc->before, pc->signer);
	pdir = path_join(dir, "p");
	mkdir(pdir, 0777);
	tmpdir_write(pdir, "publication.xml", xml.buf, (size_t)-1);
	memset(&y, 0, sizeof(y));
	y.dir = xstrdup("p");
	diag_init(&d);
	if (chdir(dir) == 0) {
		publication_load(&y, &d);
		f = open_memstream(&msgs, &len);
		diag_print(&d, f, 1);
		fclose(f);
		if (len && msgs[len - 1] == '\n')
			msgs[len - 1] = '\0';
	}
	printf("# %s\n", pc->what);
	TEST_STR("diagnostics", msgs ? msgs : "", pc->diags);
	if (pc->authority_line)
		TEST_STR("authority line", y.pub.d.authority_line, pc->authority_line);
	if (pc->issuer)
		TEST_STR("the annexes' 'của …'", y.pub.d.issuer, pc->issuer);
	if (pc->signature) {
		sig = joined(y.pub.d.signature, y.pub.d.nsignature);
		TEST_STR("signature lines", sig, pc->signature);
		free(sig);
	}
	if (pc->number)
		TEST_STR("number", y.pub.d.number, pc->number);
	if (pc->date)
		TEST_STR("date", y.pub.d.date, pc->date);
	if (pc->issuer && pc->number && pc->date) {
		struct strbuf want = STRBUF_INIT;

		strbuf_addf(&want, "Kèm theo Quyết định số %s %s của %s", pc->number, pc->date, pc->issuer);
		TEST_STR("reference: number, date and issuer from the same source", y.pub.d.reference, want.buf);
		strbuf_release(&want);
	}
	TEST("no superior over a UBND", !y.pub.superior);
	if (chdir("/") != 0)
		perror("chdir");
	free(msgs);
	free(pdir);
	year_release(&y);
	diag_release(&d);
	strbuf_release(&xml);
	tmpdir_remove(dir);
}

int main(void)
{
	char *cwd = getcwd(NULL, 0);

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		run_case(&cases[i]);
		if (cwd && chdir(cwd) != 0)
			perror("chdir");
	}
	{
		char *a = publication_date_text("2026-03-20"), *b = publication_date_text("2026-02");

		TEST_STR("full date: months from 3 without a leading zero", a, "ngày 20 tháng 3 năm 2026");
		TEST_STR("year and month", b, "ngày\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0 tháng 02 năm 2026");
		TEST("dates accepted", publication_is_date("2025") && publication_is_date("2025-07") &&
		     publication_is_date("2024-02-29"));
		TEST("dates refused", !publication_is_date("25") && !publication_is_date("2025-7") &&
		     !publication_is_date("2025-00") && !publication_is_date("2023-02-29") &&
		     !publication_is_date("20.."));
		free(a);
		free(b);
	}
	free(cwd);
	TEST_REPORT();
}
