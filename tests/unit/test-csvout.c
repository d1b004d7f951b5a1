/*
 * test-csvout.c: the CSV outputs (csvout.h), byte for byte.
 *
 * A two-unit year built by hand (the index of test-scoring.c: scale 100,
 * 1.1 levels 20, 1.2 ratio 30, 2.1 proportional 40, 2.2 scale 10, bonuses C1
 * and C2 of 2 under a cap of 3, penalty T1 count × 0.5 of 2 under 1.5), scored
 * with scoring_run(), written in both dialects and compared with the exact
 * expected files; then the quoting rule cell by cell and the atomic writer.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "csvout.h"
#include "fileio.h"
#include "scoring.h"
#include "strbuf.h"
#include "testhelp.h"

enum { I11, I12, I21, I22, C1, C2, T1, NITEMS };

struct fx {
	struct year y;
	struct field fields[2];
	struct group groups[2];
	struct item items[NITEMS];
	unsigned char in_group[NITEMS][2];
	struct band bands[3];
	struct level levels[3];
	struct grade grades[4];
	struct unit units[2];
	struct submission subs[2];
	struct score scores[2][NITEMS];
	struct appraisal_row rows[2];
	struct previous_row prev[1];
};

static void item(struct fx *x, int i, const char *code, enum item_kind kind, int field,
		 enum rule_kind rule, int64_t max)
{
	struct item *it = &x->items[i];

	it->code = (char *)code;
	it->name = (char *)code;
	it->kind = kind;
	it->field = field;
	it->rule = rule;
	it->max = max;
	it->target = 10000;
	it->na_allowed = 1;
	x->in_group[i][0] = x->in_group[i][1] = 1;
	it->in_group = x->in_group[i];
}

static void self(struct fx *x, int u, int i, int64_t v)
{
	x->scores[u][i].present = 1;
	x->scores[u][i].has_self = 1;
	x->scores[u][i].self = v;
	x->scores[u][i].line = 10 + i;
}

static void raw(struct fx *x, int u, int i, int64_t v, int64_t num, int64_t den)
{
	self(x, u, i, v);
	x->scores[u][i].has_numerator = x->scores[u][i].has_denominator = 1;
	x->scores[u][i].numerator = num;
	x->scores[u][i].denominator = den;
}

static void na(struct fx *x, int u, int i)
{
	x->scores[u][i].present = 1;
	x->scores[u][i].na = 1;
}

static struct fx *fixture(void)
{
	struct fx *x = xcalloc(1, sizeof(*x));
	struct index *ix = &x->y.index;
	struct year *y = &x->y;

	ix->scale = 10000;
	x->fields[0].code = (char *)"1";
	x->fields[1].code = (char *)"2";
	ix->fields = x->fields;
	ix->nfields = 2;
	x->groups[0].code = (char *)"A";
	x->groups[1].code = (char *)"B";
	ix->groups = x->groups;
	ix->ngroups = 2;
	item(x, I11, "1.1", KIND_ITEM, 0, RULE_LEVELS, 2000);
	item(x, I12, "1.2", KIND_ITEM, 0, RULE_RATIO, 3000);
	item(x, I21, "2.1", KIND_ITEM, 1, RULE_PROPORTIONAL, 4000);
	item(x, I22, "2.2", KIND_ITEM, 1, RULE_SCALE, 1000);
	item(x, C1, "C1", KIND_BONUS, -1, RULE_SCALE, 200);
	item(x, C2, "C2", KIND_BONUS, -1, RULE_SCALE, 200);
	item(x, T1, "T1", KIND_PENALTY, -1, RULE_COUNT, 200);
	x->levels[0].points = 2000;
	x->levels[1].points = 1000;
	x->items[I11].levels = x->levels;
	x->items[I11].nlevels = 3;
	x->bands[0] = (struct band){ 10000, 3000, 0 };
	x->bands[1] = (struct band){ 8000, 1500, 0 };
	x->items[I12].bands = x->bands;
	x->items[I12].nbands = 3;
	x->items[T1].per = 50;
	ix->items = x->items;
	ix->nitems = NITEMS;
	ix->has_bonuses = ix->has_penalties = 1;
	ix->bonus_max = 300;
	ix->penalty_max = 150;
	x->grades[0] = (struct grade){ 9000, (char *)"Tốt", 0 };
	x->grades[1] = (struct grade){ 8000, (char *)"Khá", 0 };
	x->grades[2] = (struct grade){ 6500, (char *)"Trung bình", 0 };
	x->grades[3] = (struct grade){ 0, (char *)"Yếu", 0 };
	ix->grades = x->grades;
	ix->ngrades = 4;

	y->registry.units = x->units;
	y->registry.nunits = 2;
	y->subs = x->subs;
	x->units[0] = (struct unit){ (char *)"U1", (char *)"Phòng Nội vụ, \"NV\"", 0, NULL, 2 };
	x->units[1] = (struct unit){ (char *)"U2", (char *)"=Xã Phú Tân", 1, NULL, 3 };
	for (int u = 0; u < 2; u++) {
		x->subs[u].path = (char *)(u ? "in/submissions/u2.xml" : "in/submissions/u1.xml");
		x->subs[u].line = 2;
		x->subs[u].scores = x->scores[u];
	}
	/* U1: 20 + 30 + 13.33 (self said 40 on 1/3) + 5.50 + 1 - 0.50; declares 95, self sum 96. */
	self(x, 0, I11, 2000);
	raw(x, 0, I12, 3000, 10, 10);
	raw(x, 0, I21, 4000, 1, 3);
	self(x, 0, I22, 550);
	self(x, 0, C1, 100);
	self(x, 0, T1, 50);
	x->scores[0][T1].has_count = 1;
	x->scores[0][T1].count = 1;
	x->subs[0].has_declared = 1;
	x->subs[0].declared_total = 9500;
	x->subs[0].declared_line = 30;
	/* U2: field 2 not applicable; 1.1 lowered to 10 by the appraisal. */
	self(x, 1, I11, 2000);
	raw(x, 1, I12, 3000, 10, 10);
	na(x, 1, I21);
	na(x, 1, I22);

	y->rows = x->rows;
	y->nrows = 2;
	x->rows[0] = (struct appraisal_row){
		.file = (char *)"a.csv", .path = (char *)"in/appraisal/a.csv", .line = 2, .unit = 0,
		.item = T1, .kind = APPRAISAL_VALUE, .score = 50, .reason = (char *)"đúng;\r\nghi chú",
	};
	x->rows[1] = (struct appraisal_row){
		.file = (char *)"a.csv", .path = (char *)"in/appraisal/a.csv", .line = 3, .unit = 1,
		.item = I11, .kind = APPRAISAL_VALUE, .score = 1000,
		.reason = (char *)"-trễ hạn, thiếu \"KH\"",
	};
	y->has_previous = 1;
	y->previous = x->prev;
	y->nprevious = 1;
	x->prev[0] = (struct previous_row){ (char *)"U1", 7012, 2, 2 };
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

static void test_files(void)
{
	struct fx *x = fixture();
	struct results r;
	struct diag d;
	struct strbuf sb = STRBUF_INIT;

	diag_init(&d);
	scoring_run(&x->y, &r, &d);
	TEST_INT("fixture: warnings (self vs computed, declared total)", d.nwarnings, 2);
	TEST_INT("fixture: no errors", d.nerrors, 0);

	csvout_results(&sb, &x->y, &r, CSVOUT_RFC4180);
	TEST_STR("results.csv bytes", sb.buf, want_results);
	strbuf_reset(&sb);
	csvout_results(&sb, &x->y, &r, CSVOUT_EXCEL);
	TEST_STR("results-excel.csv bytes", sb.buf, want_results_excel);
	strbuf_reset(&sb);
	csvout_items(&sb, &x->y, &r, CSVOUT_RFC4180);
	TEST_STR("items.csv bytes", sb.buf, want_items);
	strbuf_reset(&sb);
	csvout_items(&sb, &x->y, &r, CSVOUT_EXCEL);
	TEST("items-excel.csv starts with a BOM and a ';' header",
	     !strncmp(sb.buf, want_excel_header, strlen(want_excel_header)));
	TEST("items-excel.csv: quoted reason with ';' and CRLF, guarded '-'",
	     strstr(sb.buf, want_items_excel_tail) != NULL);
	TEST("items-excel.csv: na and empty computed", strstr(sb.buf, "\r\nU2;2.1;item;40,00;na;;na;;\r\n") != NULL);
	strbuf_reset(&sb);
	csvout_reconciliation(&sb, &x->y, &r, CSVOUT_RFC4180);
	TEST_STR("reconciliation.csv bytes", sb.buf, want_reconciliation);
	strbuf_reset(&sb);
	csvout_reconciliation(&sb, &x->y, &r, CSVOUT_EXCEL);
	TEST_STR("reconciliation-excel.csv bytes", sb.buf, want_reconciliation_excel);

	/* Without mismatches or changes: the header alone. */
	x->subs[0].declared_total = 6933; /* 20 + 30 + 13.33 + 5.50 + 1 - 0.50 */
	x->rows[1].score = 2000;
	x->scores[0][I21].self = 1333;
	results_release(&r);
	diag_release(&d);
	scoring_run(&x->y, &r, &d);
	strbuf_reset(&sb);
	csvout_reconciliation(&sb, &x->y, &r, CSVOUT_RFC4180);
	TEST_STR("reconciliation.csv with nothing to report: header only", sb.buf,
		 "unit_code,code,kind,max,self,computed,final,changed_by,reason\r\n");

	strbuf_release(&sb);
	results_release(&r);
	diag_release(&d);
	free(x);
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
	struct fx *x = fixture();
	struct results r;
	struct diag d;
	char tmpl[] = "/tmp/parx-csvout-XXXXXX";
	char *dir = mkdtemp(tmpl), *out, *p;
	int n = 0, stray = 0;
	DIR *dh;
	struct dirent *e;

	diag_init(&d);
	scoring_run(&x->y, &r, &d);
	TEST("write_all: temp dir", dir != NULL);
	if (!dir)
		goto out;
	out = path_join(dir, "out/2024");
	TEST_INT("write_all: returns 0 and creates the folder", csvout_write_all(&x->y, &r, out, 1), 0);
	p = path_join(out, "results.csv");
	TEST("write_all: results.csv", file_is(p, want_results));
	free(p);
	p = path_join(out, "results-excel.csv");
	TEST("write_all: results-excel.csv", file_is(p, want_results_excel));
	free(p);
	p = path_join(out, "items.csv");
	TEST("write_all: items.csv", file_is(p, want_items));
	free(p);
	p = path_join(out, "reconciliation-excel.csv");
	TEST("write_all: reconciliation-excel.csv", file_is(p, want_reconciliation_excel));
	free(p);
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
	TEST_INT("write_all plain: returns 0", csvout_write_all(&x->y, &r, p, 0), 0);
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
	TEST_INT("write_all: unwritable folder fails", csvout_write_all(&x->y, &r, p, 0), -1);
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
	results_release(&r);
	diag_release(&d);
	free(x);
}

int main(void)
{
	test_files();
	test_cells();
	test_write_all();
	TEST_REPORT();
}
