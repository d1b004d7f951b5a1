/*
 * Unit tests of the forms' pure parts: a cell's number as the hundredths Excel
 * displays (formimport.h), and an item's rule in words (formbook.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testhelp.h"
#include "base/strbuf.h"
#include "forms/formbook.h"
#include "forms/formimport.h"

static void points(const char *lit, int text, int want_rc, int64_t want)
{
	int64_t v = -12345;
	int rc = formimport_points(lit, text, &v);
	char what[160];

	snprintf(what, sizeof(what), "points %s'%s': status", text ? "text " : "", lit);
	TEST_INT(what, rc, want_rc);
	if (want_rc >= 0) {
		snprintf(what, sizeof(what), "points %s'%s': value", text ? "text " : "", lit);
		TEST_INT(what, (int)v, (int)want);
	}
}

static void count(const char *lit, int text, int want_rc, int64_t want)
{
	int64_t v = -12345;
	int rc = formimport_count(lit, text, &v);
	char what[160];

	snprintf(what, sizeof(what), "count %s'%s': status", text ? "text " : "", lit);
	TEST_INT(what, rc, want_rc);
	if (want_rc >= 0) {
		snprintf(what, sizeof(what), "count %s'%s': value", text ? "text " : "", lit);
		TEST_INT(what, (int)v, (int)want);
	}
}

static void test_numbers(void)
{
	/* As Excel stores them. */
	points("1.5", 0, 0, 150);
	points("2", 0, 0, 200);
	points("0", 0, 0, 0);
	points("0.25", 0, 0, 25);
	points("1.257", 0, -2, 0);
	points("0.001", 0, -2, 0);
	/* Binary noise: the decimal Excel displays has 15 significant digits. */
	points("0.30000000000000004", 0, 0, 30);
	points("2.9999999999999996", 0, 0, 300);
	points("1.9999999999999998", 0, 0, 200);
	points("0.56999999999999995", 0, 0, 57);
	points("8.0000000000000018", 0, 0, 800);
	points("0.12500000000000001", 0, -2, 0); /* 0.125: three decimals, not noise */
	points("1.2500000000000001E-1", 0, -2, 0);
	points("1.5E0", 0, 0, 150);
	points("5E-1", 0, 0, 50);
	points("1E2", 0, 0, 10000);
	points("2.5e+1", 0, 0, 2500);
	points("-1", 0, -3, 0);
	points("-0", 0, 0, 0);
	points("1E10", 0, -4, 0);
	points("1e", 0, -1, 0);
	points("abc", 0, -1, 0);
	points("", 0, -1, 0);
	points("1.2.3", 0, -1, 0);
	{
		int64_t v = 0;

		TEST_INT("points 999999999.99: status", formimport_points("999999999.99", 0, &v), 0);
		TEST("points 999999999.99: value", v == 99999999999LL);
	}
	/* Typed as text: read, and said so (1). */
	points("0,5", 1, 1, 50);
	points(" 1.5 ", 1, 1, 150);
	points("2", 1, 1, 200);
	points("1,257", 1, -2, 0);
	points("một", 1, -1, 0);
	points("0,5 điểm", 1, -1, 0);
	points("1/2", 1, -1, 0);
	points("-0,5", 1, -3, 0);
	points(",5", 1, -1, 0);
	points("5,", 1, -1, 0);
	/* Whole numbers. */
	count("24", 0, 0, 24);
	count("24.0", 0, 0, 24);
	count("2.4E1", 0, 0, 24);
	count("23.999999999999996", 0, 0, 24);
	count("1.5", 0, -2, 0);
	count("999999999", 0, 0, 999999999);
	count("1000000000", 0, -4, 0);
	count("-3", 0, -3, 0);
	count("24", 1, 1, 24);
	count("24,5", 1, -2, 0);
}

static void test_rule_words(void)
{
	struct level lv[] = { { 100, (char *)"Kịp thời", 1 }, { 50, (char *)"Không kịp thời", 2 },
			      { 0, (char *)"Không ban hành", 3 } };
	struct band bd[] = { { 10000, 200, 1 }, { 8000, 100, 2 }, { 0, 0, 3 } };
	struct item it;
	struct strbuf sb = STRBUF_INIT;

	memset(&it, 0, sizeof(it));
	it.code = (char *)"1.1.1";
	it.rule = RULE_LEVELS;
	it.max = 100;
	it.levels = lv;
	it.nlevels = 3;
	formbook_rule_words(&sb, &it);
	TEST_STR("words: levels", sb.buf,
		 "Chọn một mức: 1 điểm: Kịp thời; 0,5 điểm: Không kịp thời; 0 điểm: Không ban hành");
	strbuf_reset(&sb);
	memset(&it, 0, sizeof(it));
	it.rule = RULE_RATIO;
	it.max = 200;
	it.bands = bd;
	it.nbands = 3;
	it.na_allowed = 1;
	formbook_rule_words(&sb, &it);
	TEST_STR("words: ratio, empty max, not applicable", sb.buf,
		 "Theo tỷ lệ Tử số/Mẫu số: từ 100% trở lên: 2 điểm; từ 80% đến dưới 100%: 1 điểm; "
		 "dưới 80%: 0 điểm. Mẫu số bằng 0 (không phát sinh): 2 điểm. Nếu đơn vị không có "
		 "nhiệm vụ này, đánh dấu x ở cột Không áp dụng và ghi lý do ở cột Ghi chú");
	strbuf_reset(&sb);
	memset(&it, 0, sizeof(it));
	it.rule = RULE_PROPORTIONAL;
	it.max = 400;
	it.target = 8000;
	it.empty_zero = 1;
	formbook_rule_words(&sb, &it);
	TEST_STR("words: proportional with target, empty zero", sb.buf,
		 "Điểm = 4 × tỷ lệ Tử số/Mẫu số ÷ 80%; đạt từ 80% trở lên được tối đa (làm tròn đến 0,01). "
		 "Mẫu số bằng 0 (không phát sinh): 0 điểm");
	strbuf_reset(&sb);
	memset(&it, 0, sizeof(it));
	it.rule = RULE_COUNT;
	it.kind = KIND_PENALTY;
	it.max = 200;
	it.per = 25;
	formbook_rule_words(&sb, &it);
	TEST_STR("words: penalty count", sb.buf,
		 "Mỗi lần trừ 0,25 điểm, tối đa 2 điểm; nhập số lần ở cột Số lượng");
	strbuf_reset(&sb);
	it.rule = RULE_SCALE;
	it.kind = KIND_BONUS;
	it.max = 150;
	formbook_rule_words(&sb, &it);
	TEST_STR("words: scale", sb.buf, "Chấm từ 0 đến 1,5 điểm");
	strbuf_release(&sb);
}

int main(void)
{
	test_numbers();
	test_rule_words();
	TEST_REPORT();
}
