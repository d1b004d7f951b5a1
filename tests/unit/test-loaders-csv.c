/*
 * test-loaders-csv.c: the loaders of units.csv, appraisal/<name>.csv and
 * previous.csv, against a small index built by hand (two groups, one item of
 * each rule, a bonus and a penalty). Input folders are written into a
 * temporary folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/appraisal.h"
#include "base/common.h"
#include "base/diag.h"
#include "input/previous.h"
#include "input/registry.h"
#include "testhelp.h"
#include "model/year.h"

static char root[] = "/tmp/parx-test-loaders-XXXXXX";
static struct diag d;
static struct year y;
static char *created[64];
static size_t ncreated;

static void put(const char *name, const char *content)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	if (strchr(name, '/')) {
		char sub[512];

		snprintf(sub, sizeof(sub), "%s/%.*s", root, (int)(strchr(name, '/') - name), name);
		mkdir(sub, 0777);
	}
	f = fopen(path, "wb");
	if (!f || fputs(content, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	if (ncreated < ARRAY_SIZE(created))
		created[ncreated++] = xstrdup(path);
}

static void rm(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, name);
	unlink(path);
}

static void add_item(struct index *ix, const char *code, enum item_kind kind, enum rule_kind rule,
		     int64_t max, const char *groups)
{
	struct item *it;

	ix->items = xrealloc(ix->items, (ix->nitems + 1) * sizeof(*ix->items));
	it = &ix->items[ix->nitems++];
	memset(it, 0, sizeof(*it));
	it->code = xstrdup(code);
	it->name = xstrdup(code);
	it->kind = kind;
	it->rule = rule;
	it->max = max;
	it->target = 10000;
	it->per = 50;
	it->field = kind == KIND_ITEM ? 0 : -1;
	it->criterion = kind == KIND_ITEM ? 0 : -1;
	it->in_group = xcalloc(ix->ngroups, 1);
	for (size_t g = 0; g < ix->ngroups; g++)
		it->in_group[g] = !groups || strstr(groups, ix->groups[g].code) != NULL;
	if (rule == RULE_LEVELS) {
		static const int64_t pts[] = { 100, 50, 0 };

		it->levels = xcalloc(3, sizeof(*it->levels));
		it->nlevels = 3;
		for (size_t l = 0; l < 3; l++) {
			it->levels[l].points = pts[l];
			it->levels[l].text = xstrdup("level");
		}
	}
}

/* A fresh year over the temporary folder, with the hand-made index. */
static void new_year(int index_ok)
{
	struct index *ix = &y.index;

	year_release(&y);
	diag_release(&d);
	memset(&y, 0, sizeof(y));
	y.dir = xstrdup(root);
	ix->id = xstrdup("TEST-2024");
	ix->scale = 900;
	ix->groups = xcalloc(2, sizeof(*ix->groups));
	ix->ngroups = 2;
	ix->groups[0].code = xstrdup("CQCM");
	ix->groups[0].name = xstrdup("Cơ quan chuyên môn");
	ix->groups[1].code = xstrdup("XA");
	ix->groups[1].name = xstrdup("Ủy ban nhân dân các xã");
	add_item(ix, "1.1.1", KIND_ITEM, RULE_LEVELS, 100, NULL);
	add_item(ix, "1.1.2", KIND_ITEM, RULE_RATIO, 200, NULL);
	add_item(ix, "1.1.3", KIND_ITEM, RULE_PROPORTIONAL, 400, NULL);
	ix->items[2].na_allowed = 1;
	add_item(ix, "1.1.4", KIND_ITEM, RULE_SCALE, 200, "CQCM");
	add_item(ix, "C1", KIND_BONUS, RULE_SCALE, 200, NULL);
	add_item(ix, "T1", KIND_PENALTY, RULE_COUNT, 200, NULL);
	y.index_ok = index_ok;
}

/* The message at (file ending in `file`, line), or NULL; `level` 'e' or 'w'. */
static const char *msg(const char *file, int line, char level)
{
	for (size_t i = 0; i < d.n; i++) {
		const struct diag_entry *e = &d.v[i];
		size_t pl = strlen(e->path), fl = strlen(file);

		if (e->line == line && pl >= fl && !strcmp(e->path + pl - fl, file) &&
		    (e->level == DIAG_ERROR) == (level == 'e'))
			return e->message;
	}
	return NULL;
}

/* 1 if some diagnostic at (file, line) reads `text`. */
static int has(const char *file, int line, const char *text)
{
	for (size_t i = 0; i < d.n; i++) {
		const struct diag_entry *e = &d.v[i];
		size_t pl = strlen(e->path), fl = strlen(file);

		if (e->line == line && pl >= fl && !strcmp(e->path + pl - fl, file) &&
		    !strcmp(e->message, text))
			return 1;
	}
	return 0;
}

static void dump(void)
{
	diag_print(&d, stdout, 1);
}

static void test_registry(void)
{
	new_year(1);
	put("units.csv", "code,name,group,previous_code\r\n"
			 "CQ-NV,Phòng Nội vụ,CQCM,\r\n"
			 "XA-PT,\"UBND xã Phú Tân\",XA,XA-PT-OLD\r\n");
	TEST_INT("registry: returns 0", registry_load(&y, &d), 0);
	TEST_INT("registry: no diagnostics", d.n, 0);
	TEST_INT("registry: ok", y.registry_ok, 1);
	TEST_INT("registry: 2 units", y.registry.nunits, 2);
	if (y.registry.nunits == 2) {
		TEST_STR("registry: code", y.registry.units[1].code, "XA-PT");
		TEST_STR("registry: name", y.registry.units[0].name, "Phòng Nội vụ");
		TEST_INT("registry: group", y.registry.units[1].group, 1);
		TEST("registry: no previous code", y.registry.units[0].previous_code == NULL);
		TEST_STR("registry: previous code", y.registry.units[1].previous_code, "XA-PT-OLD");
		TEST_INT("registry: line", y.registry.units[1].line, 3);
	}
	TEST_INT("registry: find", registry_find(&y.registry, "XA-PT"), 1);
	TEST_INT("registry: find absent", registry_find(&y.registry, "XA"), -1);
	TEST_INT("registry: file recorded", y.nfiles, 1);
	TEST("registry: file path", y.nfiles && strstr(y.files[0].path, "/units.csv"));
	TEST_INT("registry: file digest", y.nfiles ? strlen(y.files[0].sha256) : 0, 64);

	new_year(1);
	put("units.csv", "code;name;group\n"
			 "xa pt;UBND xã;XA\n"
			 "XA-A;Xã A;XA\n"
			 "XA-A;Xã A bis;XA\n"
			 "XA-B;;XA\n"
			 "XA-C;Xã C;HUYEN\n"
			 "XA-D;Xã D;\n"
			 ";Xã E;XA\n"
			 "XA-F;Phßng Néi vô;XA\n");
	registry_load(&y, &d);
	TEST_STR("registry: invalid code", msg("units.csv", 2, 'e'),
		 "unit code 'xa pt' is not valid: use capital letters, digits and '-' only");
	TEST_STR("registry: duplicate on its second row", msg("units.csv", 4, 'e'),
		 "duplicate unit code 'XA-A' (first on line 3)");
	TEST_STR("registry: empty name", msg("units.csv", 5, 'e'),
		 "unit name is empty: give the full name printed in the annex");
	TEST_STR("registry: unknown group", msg("units.csv", 6, 'e'),
		 "group 'HUYEN' is not a group of the index: expected one of CQCM, XA");
	TEST_STR("registry: empty group", msg("units.csv", 7, 'e'),
		 "group is empty: every unit belongs to a group of the index");
	TEST_STR("registry: empty code", msg("units.csv", 8, 'e'), "unit code is empty: every row needs one");
	TEST("registry: legacy name", msg("units.csv", 9, 'e') &&
	     strstr(msg("units.csv", 9, 'e'), "column 'name' looks typed in the legacy TCVN3"));
	TEST_INT("registry: one error per bad row", d.nerrors, 7);
	TEST_INT("registry: not ok", y.registry_ok, 0);
	TEST_INT("registry: good rows kept", y.registry.nunits, 1);

	new_year(1);
	put("units.csv", "code,name,group,previous_code,extra\nA,a,XA,bad code,1\n");
	registry_load(&y, &d);
	TEST_STR("registry: unknown column", msg("units.csv", 1, 'e'),
		 "unknown column 'extra': the columns are code, name, group and previous_code");
	TEST_STR("registry: invalid previous code", msg("units.csv", 2, 'e'),
		 "previous code 'bad code' is not valid: use capital letters, digits and '-' only");

	new_year(1);
	put("units.csv", "code,name\nA,a\n");
	registry_load(&y, &d);
	TEST_STR("registry: missing column", msg("units.csv", 1, 'e'),
		 "the header has no column 'group': the required columns are code, name and group");
	TEST_INT("registry: missing column, one error", d.nerrors, 1);

	new_year(1);
	put("units.csv", "\xEF\xBB\xBF" "code,name,group\n\n");
	registry_load(&y, &d);
	TEST_STR("registry: no unit", msg("units.csv", 0, 'e'),
		 "the registry lists no unit: add one row per unit");

	new_year(0);
	put("units.csv", "code,name,group\nA,a,ANY\n");
	registry_load(&y, &d);
	TEST_INT("registry: group unchecked without a sound index", d.n, 0);
	TEST_INT("registry: group unknown", y.registry.nunits ? y.registry.units[0].group : 0, -1);
	TEST_INT("registry: ok without index", y.registry_ok, 1);

	new_year(1);
	rm("units.csv");
	registry_load(&y, &d);
	TEST_STR("registry: missing file", msg("units.csv", 0, 'e'),
		 "file not found: the registry of units is required");
	TEST_INT("registry: missing file, not ok", y.registry_ok, 0);
	TEST_INT("registry: missing file, not recorded", y.nfiles, 0);
}

static void setup_registry(int index_ok)
{
	new_year(index_ok);
	put("units.csv", "code,name,group\nCQ-NV,Phòng Nội vụ,CQCM\nXA-PT,UBND xã Phú Tân,XA\n");
	registry_load(&y, &d);
}

static void test_appraisal(void)
{
	const char *f1 = "appraisal/01-dot1.csv";

	setup_registry(1);
	put("appraisal/01-dot1.csv",
	    "unit,code,score,reason,numerator,denominator,count\n"  /* 1 */
	    "CQ-NV,1.1.1,0.5,Ban hành chậm,,,\n"                   /* 2: replaced by 20 */
	    "CQ-NV,1.1.2,,Số liệu đúng,9,10,\n"                    /* 3 */
	    "XA-PT,1.1.4,1,x,,,\n"                                 /* 4 */
	    "CQ-NV,1.1.1,0.75,x,,,\n"                              /* 5 */
	    "CQ-NV,1.1.3,na,Không phát sinh,,,\n"                  /* 6 */
	    "XA-PT,1.1.1,na,x,,,\n"                                /* 7 */
	    "CQ-NV,1.1.2,,x,5,,\n"                                 /* 8 */
	    "CQ-NV,1.1.4,,x,,,\n"                                  /* 9 */
	    "CQ-NV,T1,,Nộp trễ 2 báo cáo,,,2\n"                    /* 10 */
	    "CQ-NV,1.1.1,1,,,,\n"                                  /* 11 */
	    "XX,1.1.1,1,x,,,\n"                                    /* 12 */
	    "CQ-NV,9.9,1,x,,,\n"                                   /* 13 */
	    "CQ-NV,1.1.4,2.5,x,,,\n"                               /* 14 */
	    "CQ-NV,1.1.1,\"1,5\",x,,,\n"                           /* 15 */
	    "CQ-NV,1.1.2,,x,11,10,\n"                              /* 16 */
	    "CQ-NV,1.1.1,1,x,3,4,\n"                               /* 17 */
	    "CQ-NV,1.1.3,na,x,1,2,\n"                              /* 18 */
	    "CQ-NV,T1,1,x,,,abc\n"                                 /* 19 */
	    "CQ-NV,1.1.1,1,Lần 2,,,\n"                             /* 20 */
	    "CQ-NV,C1,1.5,Sáng kiến,,,\n"                          /* 21 */
	    "XA-PT,1.1.3,,x,,,\n"                                  /* 22 */
	    "XA-PT,T1,,x,,,\n"                                     /* 23 */
	    "XA-PT,1.1.2,2,x,,10,\n"                               /* 24 */
	    "XA-PT,1.1.3,3,x,,,1\n"                                /* 25 */
	    "XA-PT,1.1.2,2,Có số liệu,4,4,\n"                      /* 26 */
	    "XA-PT,1.1.1,0.75,,,,\n");                             /* 27 */
	put("appraisal/02-dot2.csv", "unit;code;score;reason\n"
				     "CQ-NV;1.1.4;1,5;Giải trình\n"
				     "CQ-NV;1.1.1;0.5;Giải trình lần 2\n");
	put("appraisal/notes.txt", "not a CSV\n");
	put("appraisal/.hidden.csv", "garbage\n");
	TEST_INT("appraisal: returns 0", appraisal_load(&y, &d), 0);

	TEST_STR("appraisal: code not for the unit's group", msg(f1, 4, 'e'),
		 "item '1.1.4' does not apply to group 'XA' of unit 'XA-PT'");
	TEST_STR("appraisal: not a level", msg(f1, 5, 'e'),
		 "score '0.75' is not a level of item '1.1.1': expected one of 1.00, 0.50, 0.00");
	TEST_STR("appraisal: na not allowed", msg(f1, 7, 'e'),
		 "item '1.1.1' cannot be declared not applicable: the index does not allow it");
	TEST_STR("appraisal: partial raw data", msg(f1, 8, 'e'),
		 "item '1.1.2' (rule ratio) needs both numerator and denominator, not only the numerator");
	TEST_STR("appraisal: empty score on scale", msg(f1, 9, 'e'),
		 "score is empty, but item '1.1.4' (rule scale) has no raw data to compute it from: give the score");
	TEST_STR("appraisal: empty reason", msg(f1, 11, 'e'),
		 "reason is empty: every appraisal change needs a reason");
	TEST_STR("appraisal: unknown unit", msg(f1, 12, 'e'), "unit 'XX' is not in the registry (units.csv)");
	TEST_STR("appraisal: unknown code", msg(f1, 13, 'e'),
		 "unknown code '9.9': index 'TEST-2024' has no item, bonus or penalty with this code");
	TEST_STR("appraisal: above max", msg(f1, 14, 'e'), "score '2.5' is more than the max 2.00 of item '1.1.4'");
	TEST_STR("appraisal: decimal comma in a ',' file", msg(f1, 15, 'e'),
		 "score '1,5' has a decimal comma, which only a ';'-delimited file may use: write it with a '.'");
	TEST_STR("appraisal: numerator above denominator", msg(f1, 16, 'e'),
		 "numerator 11 is more than denominator 10: a ratio is at most 100%");
	TEST_STR("appraisal: raw data on a levels item", msg(f1, 17, 'e'),
		 "numerator and denominator belong to ratio and proportional items, not to item '1.1.1' (rule levels)");
	TEST_STR("appraisal: na with raw data", msg(f1, 18, 'e'),
		 "score 'na' comes without raw data: leave numerator, denominator and count empty");
	TEST_STR("appraisal: count not a number", msg(f1, 19, 'e'),
		 "count 'abc' is not a whole number: write digits only, from 0 to 999999999");
	TEST_STR("appraisal: replacement warned", msg(f1, 20, 'w'),
		 "second change of '1.1.1' for unit 'CQ-NV' in this file (the first is on line 2): this row replaces it");
	TEST_STR("appraisal: empty score without raw data (ratio)", msg(f1, 22, 'e'),
		 "score is empty: give the score, or numerator and denominator for item '1.1.3' (rule proportional)");
	TEST_STR("appraisal: empty score without count", msg(f1, 23, 'e'),
		 "score is empty: give the score, or count for penalty 'T1' (rule count)");
	TEST_STR("appraisal: score with partial raw data", msg(f1, 24, 'e'),
		 "item '1.1.2' (rule ratio) needs both numerator and denominator, not only the denominator");
	TEST_STR("appraisal: count on a proportional item", msg(f1, 25, 'e'),
		 "count belongs to count items, not to item '1.1.3' (rule proportional)");
	TEST("appraisal: every problem of a row", has(f1, 27, "reason is empty: every appraisal change needs a reason") &&
	     has(f1, 27, "score '0.75' is not a level of item '1.1.1': expected one of 1.00, 0.50, 0.00"));
	TEST("appraisal: other files skipped with a warning", msg("appraisal/notes.txt", 0, 'w') != NULL);
	TEST_INT("appraisal: errors", d.nerrors, 20);
	TEST_INT("appraisal: warnings", d.nwarnings, 2);
	if (d.nerrors != 20 || d.nwarnings != 2)
		dump();

	TEST_INT("appraisal: rows kept", y.nrows, 8);
	if (y.nrows == 8) {
		static const int lines[] = { 3, 6, 10, 20, 21, 26, 2, 3 };
		int order = 1;

		for (size_t i = 0; i < 8; i++)
			order &= y.rows[i].line == lines[i];
		TEST("appraisal: application order, replaced row gone", order);
		TEST_STR("appraisal: file is the base name", y.rows[0].file, "01-dot1.csv");
		TEST("appraisal: path for messages", strstr(y.rows[0].path, "/appraisal/01-dot1.csv") != NULL);
		TEST_INT("appraisal: unit", y.rows[0].unit, 0);
		TEST_INT("appraisal: item", y.rows[0].item, 1);
		TEST_INT("appraisal: empty score", y.rows[0].kind, APPRAISAL_EMPTY);
		TEST_INT("appraisal: raw data", y.rows[0].raw.numerator * 100 + y.rows[0].raw.denominator, 910);
		TEST_INT("appraisal: raw flags", y.rows[0].raw.has_numerator + y.rows[0].raw.has_denominator +
			 y.rows[0].raw.has_count, 2);
		TEST_INT("appraisal: na", y.rows[1].kind, APPRAISAL_NA);
		TEST_INT("appraisal: count", y.rows[2].raw.has_count && y.rows[2].raw.count == 2, 1);
		TEST_STR("appraisal: reason", y.rows[3].reason, "Lần 2");
		TEST_INT("appraisal: value", y.rows[3].score, 100);
		TEST_INT("appraisal: bonus value", y.rows[4].score, 150);
		TEST_INT("appraisal: decimal comma in a ';' file", y.rows[6].score, 150);
		TEST_STR("appraisal: second file", y.rows[6].file, "02-dot2.csv");
		TEST_INT("appraisal: '.' in a ';' file", y.rows[7].score, 50);
	}
	TEST_INT("appraisal: files recorded", y.nfiles, 3);

	/* Without a sound registry: only what needs neither is checked, nothing kept. */
	setup_registry(1);
	put("units.csv", "code,name,group\nbad code,a,XA\n");
	new_year(1);
	registry_load(&y, &d);
	appraisal_load(&y, &d);
	TEST_INT("appraisal: nothing kept without a sound registry", y.nrows, 0);
	TEST_STR("appraisal: reason still checked", msg(f1, 11, 'e'),
		 "reason is empty: every appraisal change needs a reason");
	TEST("appraisal: units not checked", msg(f1, 12, 'e') == NULL);

	rm("appraisal/01-dot1.csv");
	rm("appraisal/02-dot2.csv");
	rm("appraisal/notes.txt");
	rm("appraisal/.hidden.csv");
	put("appraisal/a.csv", "unit,code,score,reason,weight\nCQ-NV,1.1.1,1,x,2\n");
	setup_registry(1);
	appraisal_load(&y, &d);
	TEST_STR("appraisal: unknown column", msg("appraisal/a.csv", 1, 'e'),
		 "unknown column 'weight': the columns are unit, code, score, reason, numerator, denominator and count");
	TEST_INT("appraisal: rows still read", y.nrows, 1);
	rm("appraisal/a.csv");
	{
		char sub[512];

		snprintf(sub, sizeof(sub), "%s/appraisal", root);
		rmdir(sub);
	}
	setup_registry(1);
	appraisal_load(&y, &d);
	TEST_INT("appraisal: folder optional", d.n, 0);
}

static void test_previous(void)
{
	setup_registry(1);
	put("previous.csv", "unit_code,unit_name,group,index,rank,prev_index\n"
			    "CQ-NV,Phòng Nội vụ,CQCM,87.25,1,\n"
			    "XA-PT,x,XA,90,2,\n"
			    "CQ-NV,dup,CQCM,80,3,\n"
			    "XA-Q,x,XA,abc,0,\n"
			    "XA-R,x,XA,\"87,5\",2,\n");
	TEST_INT("previous: returns 0", previous_load(&y, &d), 0);
	TEST_INT("previous: present", y.has_previous, 1);
	TEST_INT("previous: rows", y.nprevious, 2);
	if (y.nprevious == 2) {
		TEST_STR("previous: unit", y.previous[0].unit_code, "CQ-NV");
		TEST_INT("previous: index", y.previous[0].index, 8725);
		TEST_INT("previous: rank", y.previous[1].rank, 2);
		TEST_INT("previous: line", y.previous[1].line, 3);
	}
	TEST_STR("previous: duplicate", msg("previous.csv", 4, 'e'), "duplicate unit_code 'CQ-NV' (first on line 2)");
	TEST_STR("previous: bad index", msg("previous.csv", 5, 'e'),
		 "index 'abc' is not a number: write it with at most two decimals (e.g. 87.25)");
	TEST("previous: bad rank", has("previous.csv", 5, "rank '0' is not a whole number from 1 up"));
	TEST("previous: decimal comma in a ',' file", msg("previous.csv", 6, 'e') != NULL);
	TEST_INT("previous: recorded", y.nfiles, 2);

	setup_registry(1);
	put("previous.csv", "unit_code;index;rank\nA;87,5;1\nB;90.1;2\n");
	previous_load(&y, &d);
	TEST_INT("previous: ';' file", y.nprevious == 2 ? y.previous[0].index + y.previous[1].index : 0,
		 8750 + 9010);

	setup_registry(1);
	put("previous.csv", "unit_code,index,rank\nA,,\nB,90.1,\nA,80,1\n");
	previous_load(&y, &d);
	TEST("previous: empty index and rank: a row with no result that year",
	     y.nprevious >= 1 && !strcmp(y.previous[0].unit_code, "A") && y.previous[0].none);
	TEST("previous: no result is not an error", !msg("previous.csv", 2, 'e'));
	TEST_STR("previous: an index without its rank", msg("previous.csv", 3, 'e'),
		 "rank '' is not a whole number from 1 up (leave index and rank both empty when the unit had no result)");
	TEST_STR("previous: a row without a result still counts for duplicates", msg("previous.csv", 4, 'e'),
		 "duplicate unit_code 'A' (first on line 2)");

	setup_registry(1);
	put("previous.csv", "unit_code,index\nA,1\n");
	previous_load(&y, &d);
	TEST_STR("previous: missing column", msg("previous.csv", 1, 'e'),
		 "the header has no column 'rank': the required columns are unit_code, index and rank");

	setup_registry(1);
	rm("previous.csv");
	previous_load(&y, &d);
	TEST_INT("previous: absent", y.has_previous, 0);
	TEST_INT("previous: absent is silent", d.n, 0);
}

int main(void)
{
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 2;
	}
	diag_init(&d);
	memset(&y, 0, sizeof(y));
	test_registry();
	test_appraisal();
	test_previous();
	year_release(&y);
	diag_release(&d);
	for (size_t i = 0; i < ncreated; i++) {
		unlink(created[i]);
		free(created[i]);
	}
	rmdir(root);
	TEST_REPORT();
}
