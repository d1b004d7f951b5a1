/*
 * test-csvout.c: the CSV outputs (csvout.h), byte for byte.
 *
 * A two-unit year built by hand (the index of yearfix.h, that of
 * test-scoring.c: scale 100, 1.1 levels 20, 1.2 ratio 30, 2.1 proportional
 * 40, 2.2 scale 10, bonuses C1 and C2 of 2 under a cap of 3, penalty T1
 * count × 0.5 of 2 under 1.5), scored
 * with scoring_run(), written in both dialects and compared with the exact
 * expected files; then the quoting rule cell by cell and the atomic writer.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/common.h"
#include "score/csvout.h"
#include "base/fileio.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "yearfix.h"

/*
 * The hand-made year of yearfix.h with two units:
 * U1: 20 + 30 + 13.33 (self said 40 on 1/3) + 5.50 + 1 - 0.50; declares 95, self sum 96.
 * U2: field 2 not applicable; 1.1 lowered to 10 by the appraisal.
 */
static struct fx *fixture(void)
{
	struct fx *x = fx_new(0);
	int u1 = fx_unit(x, "U1", 0), u2 = fx_unit(x, "U2", 1);

	x->units[u1].name = (char *)"Phòng Nội vụ, \"NV\"";
	x->units[u2].name = (char *)"=Xã Phú Tân";
	fx_self(x, u1, I11, 2000);
	fx_raw(x, u1, I12, 3000, 10, 10);
	fx_raw(x, u1, I21, 4000, 1, 3);
	fx_self(x, u1, I22, 550);
	fx_self(x, u1, C1, 100);
	fx_count(x, u1, T1, 50, 1);
	fx_declared(x, u1, 9500);
	fx_self(x, u2, I11, 2000);
	fx_raw(x, u2, I12, 3000, 10, 10);
	fx_na(x, u2, I21);
	fx_na(x, u2, I22);
	fx_row(x, "a.csv", u1, T1, APPRAISAL_VALUE, 50, "đúng;\r\nghi chú");
	fx_row(x, "a.csv", u2, I11, APPRAISAL_VALUE, 1000, "-trễ hạn, thiếu \"KH\"");
	x->y.has_previous = 1;
	x->y.nprevious = 1;
	x->prev[0] = (struct previous_row){ (char *)"U1", 7012, 2, 2, 0 };
	return x;
}

#define BOM "\xEF\xBB\xBF"

static const char want_results[] =
	"unit_code,unit_name,group,field_1,field_2,base,bonus,penalty,total,max,index,rank,grade,prev_index,prev_rank\r\n"
	"U1,\"Phòng Nội vụ, \"\"NV\"\"\",A,50.00,18.83,68.83,1.00,0.50,69.33,100.00,69.33,1,Trung bình,70.12,2\r\n"
	"U2,=Xã Phú Tân,B,40.00,,40.00,0.00,0.00,40.00,50.00,80.00,1,Khá,,\r\n";

static const char want_results_excel[] =
	BOM "unit_code;unit_name;group;field_1;field_2;base;bonus;penalty;total;max;index;rank;grade;prev_index;prev_rank\r\n"
	"U1;\"Phòng Nội vụ, \"\"NV\"\"\";A;50,00;18,83;68,83;1,00;0,50;69,33;100,00;69,33;1;Trung bình;70,12;2\r\n"
	"U2;'=Xã Phú Tân;B;40,00;;40,00;0,00;0,00;40,00;50,00;80,00;1;Khá;;\r\n";

static const char want_items[] =
	"unit_code,code,kind,max,self,computed,final,changed_by,reason\r\n"
	"U1,1.1,item,20.00,20.00,20.00,20.00,,\r\n"
	"U1,1.2,item,30.00,30.00,30.00,30.00,,\r\n"
	"U1,2.1,item,40.00,40.00,13.33,13.33,rule,\r\n"
	"U1,2.2,item,10.00,5.50,5.50,5.50,,\r\n"
	"U1,C1,bonus,2.00,1.00,1.00,1.00,,\r\n"
	"U1,C2,bonus,2.00,0.00,0.00,0.00,,\r\n"
	"U1,T1,penalty,2.00,0.50,0.50,0.50,a.csv,\"đúng;\r\nghi chú\"\r\n"
	"U2,1.1,item,20.00,20.00,20.00,10.00,a.csv,\"-trễ hạn, thiếu \"\"KH\"\"\"\r\n"
	"U2,1.2,item,30.00,30.00,30.00,30.00,,\r\n"
	"U2,2.1,item,40.00,na,,na,,\r\n"
	"U2,2.2,item,10.00,na,,na,,\r\n"
	"U2,C1,bonus,2.00,0.00,0.00,0.00,,\r\n"
	"U2,C2,bonus,2.00,0.00,0.00,0.00,,\r\n"
	"U2,T1,penalty,2.00,0.00,0.00,0.00,,\r\n";

static const char want_excel_header[] =
	BOM "unit_code;code;kind;max;self;computed;final;changed_by;reason\r\n";

static const char want_items_excel_tail[] =
	"U1;T1;penalty;2,00;0,50;0,50;0,50;a.csv;\"đúng;\r\nghi chú\"\r\n"
	"U2;1.1;item;20,00;20,00;20,00;10,00;a.csv;\"'-trễ hạn, thiếu \"\"KH\"\"\"\r\n";

static const char want_reconciliation[] =
	"unit_code,code,kind,max,self,computed,final,changed_by,reason\r\n"
	"U1,2.1,item,40.00,40.00,13.33,13.33,rule,\r\n"
	"U1,,declared-total,100.00,95.00,96.00,69.33,,\r\n"
	"U2,1.1,item,20.00,20.00,20.00,10.00,a.csv,\"-trễ hạn, thiếu \"\"KH\"\"\"\r\n";

static const char want_reconciliation_excel[] =
	BOM "unit_code;code;kind;max;self;computed;final;changed_by;reason\r\n"
	"U1;2.1;item;40,00;40,00;13,33;13,33;rule;\r\n"
	"U1;;declared-total;100,00;95,00;96,00;69,33;;\r\n"
	"U2;1.1;item;20,00;20,00;20,00;10,00;a.csv;\"'-trễ hạn, thiếu \"\"KH\"\"\"\r\n";

typedef void csv_fn(struct strbuf *out, const struct year *y, const struct results *r,
		    enum csvout_dialect dialect);

/* What `fn` gives for the scored fixture in `dialect` is `want`, byte for byte. */
static void check_bytes(const char *what, csv_fn *fn, const struct fx *x,
			enum csvout_dialect dialect, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	fn(&sb, &x->y, &x->r, dialect);
	TEST_STR(what, sb.buf, want);
	strbuf_release(&sb);
}

static void test_files(void)
{
	struct fx *x = fixture();
	struct strbuf sb = STRBUF_INIT;

	fx_score(x);
	TEST_INT("fixture: warnings (self vs computed, declared total)", x->d.nwarnings, 2);
	TEST_INT("fixture: no errors", x->d.nerrors, 0);

	check_bytes("results.csv bytes", csvout_results, x, CSVOUT_RFC4180, want_results);
	check_bytes("results-excel.csv bytes", csvout_results, x, CSVOUT_EXCEL, want_results_excel);
	check_bytes("items.csv bytes", csvout_items, x, CSVOUT_RFC4180, want_items);
	csvout_items(&sb, &x->y, &x->r, CSVOUT_EXCEL);
	TEST("items-excel.csv starts with a BOM and a ';' header",
	     !strncmp(sb.buf, want_excel_header, strlen(want_excel_header)));
	TEST("items-excel.csv: quoted reason with ';' and CRLF, guarded '-'",
	     strstr(sb.buf, want_items_excel_tail) != NULL);
	TEST("items-excel.csv: na and empty computed", strstr(sb.buf, "\r\nU2;2.1;item;40,00;na;;na;;\r\n") != NULL);
	check_bytes("reconciliation.csv bytes", csvout_reconciliation, x, CSVOUT_RFC4180, want_reconciliation);
	check_bytes("reconciliation-excel.csv bytes", csvout_reconciliation, x, CSVOUT_EXCEL,
		    want_reconciliation_excel);

	/* Without mismatches or changes: the header alone. */
	x->subs[0].declared_total = 6933; /* 20 + 30 + 13.33 + 5.50 + 1 - 0.50 */
	x->rows[1].score = 2000;
	x->scores[0][I21].self = 1333;
	fx_rescore(x);
	check_bytes("reconciliation.csv with nothing to report: header only", csvout_reconciliation, x,
		    CSVOUT_RFC4180, "unit_code,code,kind,max,self,computed,final,changed_by,reason\r\n");

	strbuf_release(&sb);
	fx_free(x);
}

static void test_cells(void)
{
	static const struct {
		const char *in, *rfc, *excel;
	} cells[] = {
		{ "", "", "" },
		{ "plain", "plain", "plain" },
		{ "a,b", "\"a,b\"", "a,b" },
		{ "a;b", "a;b", "\"a;b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"", "\"two\nlines\"" },
		{ "cr\rhere", "\"cr\rhere\"", "\"cr\rhere\"" },
		{ "=SUM(A1)", "=SUM(A1)", "'=SUM(A1)" },
		{ "+84 90", "+84 90", "'+84 90" },
		{ "-5", "-5", "'-5" },
		{ "@cmd", "@cmd", "'@cmd" },
		{ "=1;2", "=1;2", "\"'=1;2\"" },
		{ "a=b", "a=b", "a=b" },
		{ "Ủy ban", "Ủy ban", "Ủy ban" },
	};
	struct strbuf sb = STRBUF_INIT;
	char what[96];

	for (size_t k = 0; k < ARRAY_SIZE(cells); k++) {
		strbuf_reset(&sb);
		csvout_text_cell(&sb, cells[k].in, CSVOUT_RFC4180);
		snprintf(what, sizeof(what), "rfc cell %zu", k);
		TEST_STR(what, sb.buf, cells[k].rfc);
		strbuf_reset(&sb);
		csvout_text_cell(&sb, cells[k].in, CSVOUT_EXCEL);
		snprintf(what, sizeof(what), "excel cell %zu", k);
		TEST_STR(what, sb.buf, cells[k].excel);
	}
	strbuf_reset(&sb);
	csvout_text_cell(&sb, NULL, CSVOUT_RFC4180);
	TEST_STR("NULL cell is empty", sb.buf, "");
	strbuf_release(&sb);
}

static int file_is(const char *path, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag d;
	int ok;

	diag_init(&d);
	ok = file_read(path, &sb, &d) == 0 && sb.len == strlen(want) && !memcmp(sb.buf, want, sb.len);
	strbuf_release(&sb);
	diag_release(&d);
	return ok;
}

static void test_write_all(void)
{
	static const struct {
		const char *name, *want;
	} files[] = {
		{ "results.csv", want_results },
		{ "results-excel.csv", want_results_excel },
		{ "items.csv", want_items },
		{ "reconciliation-excel.csv", want_reconciliation_excel },
	};
	struct fx *x = fixture();
	char tmpl[] = "/tmp/parx-csvout-XXXXXX";
	char *dir = mkdtemp(tmpl), *out, *p;
	int n = 0, stray = 0;
	DIR *dh;
	struct dirent *e;

	fx_score(x);
	TEST("write_all: temp dir", dir != NULL);
	if (!dir)
		goto out;
	out = path_join(dir, "out/2024");
	TEST_INT("write_all: returns 0 and creates the folder", csvout_write_all(&x->y, &x->r, out, 1), 0);
	for (size_t k = 0; k < ARRAY_SIZE(files); k++) {
		char what[96];

		p = path_join(out, files[k].name);
		snprintf(what, sizeof(what), "write_all: %s", files[k].name);
		TEST(what, file_is(p, files[k].want));
		free(p);
	}
	dh = opendir(out);
	while (dh && (e = readdir(dh))) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, "..")))
			continue;
		n++;
		if (!strstr(e->d_name, ".csv") || strstr(e->d_name, ".csv") + 4 != e->d_name + strlen(e->d_name))
			stray++;
	}
	if (dh)
		closedir(dh);
	TEST_INT("write_all: six files", n, 6);
	TEST_INT("write_all: no temporary left", stray, 0);

	/* Without the Excel option only the three plain files; old Excel files are left alone. */
	p = path_join(dir, "plain");
	TEST_INT("write_all plain: returns 0", csvout_write_all(&x->y, &x->r, p, 0), 0);
	n = 0;
	dh = opendir(p);
	while (dh && (e = readdir(dh)))
		if (e->d_name[0] != '.')
			n++;
	if (dh)
		closedir(dh);
	TEST_INT("write_all plain: three files", n, 3);
	free(p);

	/* An output folder that cannot be created: -1 (after error()). */
	p = path_join(dir, "out/2024/results.csv/x");
	TEST_INT("write_all: unwritable folder fails", csvout_write_all(&x->y, &x->r, p, 0), -1);
	free(p);
	free(out);
	{
		/* Clean up: remove the files and folders made above. */
		static const char *const names[] = {
			"out/2024/results.csv", "out/2024/items.csv", "out/2024/reconciliation.csv",
			"out/2024/results-excel.csv", "out/2024/items-excel.csv",
			"out/2024/reconciliation-excel.csv", "plain/results.csv", "plain/items.csv",
			"plain/reconciliation.csv", "out/2024", "out", "plain",
		};

		for (size_t k = 0; k < ARRAY_SIZE(names); k++) {
			p = path_join(dir, names[k]);
			remove(p);
			free(p);
		}
		rmdir(dir);
	}
out:
	fx_free(x);
}

int main(void)
{
	test_files();
	test_cells();
	test_write_all();
	TEST_REPORT();
}
