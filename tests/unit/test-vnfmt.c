/* Unit tests of vnfmt: Vietnamese numbers, dates, case and Roman numerals. */
#include <stdlib.h>

#include "testhelp.h"
#include "base/vnfmt.h"

static void check_owned(const char *what, char *got, const char *want)
{
	TEST_STR(what, got, want);
	free(got);
}

static void check_sb(const char *what, struct strbuf *sb, const char *want)
{
	TEST_STR(what, sb->buf, want);
	strbuf_reset(sb);
}

static void test_map_first(void)
{
	char *a = vnfmt_map_first("Ủy ban nhân dân các xã", vnfmt_lower);
	char *b = vnfmt_map_first("chủ tịch", vnfmt_upper);
	char *c = vnfmt_map_first("", vnfmt_upper);

	TEST_STR("map_first: lower first letter only", a, "ủy ban nhân dân các xã");
	TEST_STR("map_first: upper first letter only", b, "Chủ tịch");
	TEST_STR("map_first: empty", c, "");
	free(a);
	free(b);
	free(c);
}

int main(void)
{
	test_map_first();
	struct strbuf sb = STRBUF_INIT;
	int y = 0, m = 0, d = 0;

	check_owned("87,25", vnfmt_hundredths(8725), "87,25");
	check_owned("0,00", vnfmt_hundredths(0), "0,00");
	check_owned("0,05", vnfmt_hundredths(5), "0,05");
	check_owned("-3,50", vnfmt_hundredths(-350), "-3,50");
	check_owned("-0,01", vnfmt_hundredths(-1), "-0,01");
	check_owned("100,00", vnfmt_hundredths(10000), "100,00");
	check_owned("1.234,56", vnfmt_hundredths(123456), "1.234,56");
	check_owned("1.000.000,00", vnfmt_hundredths(100000000), "1.000.000,00");
	check_owned("INT64_MIN hundredths", vnfmt_hundredths(INT64_MIN),
		    "-92.233.720.368.547.758,08");
	check_owned("INT64_MAX hundredths", vnfmt_hundredths(INT64_MAX),
		    "92.233.720.368.547.758,07");

	vnfmt_add_hundredths_signed(&sb, 125);
	check_sb("+1,25", &sb, "+1,25");
	vnfmt_add_hundredths_signed(&sb, -125);
	check_sb("-1,25", &sb, "-1,25");
	vnfmt_add_hundredths_signed(&sb, 0);
	check_sb("0,00 unsigned", &sb, "0,00");

	check_owned("3.321", vnfmt_int(3321), "3.321");
	check_owned("999", vnfmt_int(999), "999");
	check_owned("1.000", vnfmt_int(1000), "1.000");
	check_owned("0", vnfmt_int(0), "0");
	check_owned("-12", vnfmt_int(-12), "-12");
	check_owned("-1.000.000", vnfmt_int(-1000000), "-1.000.000");
	check_owned("INT64_MIN", vnfmt_int(INT64_MIN), "-9.223.372.036.854.775.808");
	vnfmt_add_int_signed(&sb, 2);
	check_sb("+2", &sb, "+2");
	vnfmt_add_int_signed(&sb, -3);
	check_sb("-3", &sb, "-3");
	vnfmt_add_int_signed(&sb, 0);
	check_sb("0 unsigned", &sb, "0");

	check_owned("date 2025-01-05", vnfmt_date("2025-01-05"), "ngày 05 tháng 01 năm 2025");
	check_owned("date 2025-02-28", vnfmt_date("2025-02-28"), "ngày 28 tháng 02 năm 2025");
	check_owned("date 2025-03-09: no zero for March", vnfmt_date("2025-03-09"),
		    "ngày 09 tháng 3 năm 2025");
	check_owned("date 2024-12-31", vnfmt_date("2024-12-31"), "ngày 31 tháng 12 năm 2024");
	check_owned("date 2024-02-29 leap", vnfmt_date("2024-02-29"), "ngày 29 tháng 02 năm 2024");
	check_owned("2023-02-29 rejected", vnfmt_date("2023-02-29"), NULL);
	check_owned("1900-02-29 rejected", vnfmt_date("1900-02-29"), NULL);
	check_owned("2000-02-29 accepted", vnfmt_date("2000-02-29"), "ngày 29 tháng 02 năm 2000");
	check_owned("2025-04-31 rejected", vnfmt_date("2025-04-31"), NULL);
	check_owned("2025-13-01 rejected", vnfmt_date("2025-13-01"), NULL);
	check_owned("2025-1-5 rejected", vnfmt_date("2025-1-5"), NULL);
	check_owned("2025-01-05x rejected", vnfmt_date("2025-01-05x"), NULL);
	check_owned("0000-01-01 rejected", vnfmt_date("0000-01-01"), NULL);
	check_owned("NULL rejected", vnfmt_date(NULL), NULL);
	TEST_INT("parse ok", vnfmt_parse_date("2025-10-20", &y, &m, &d), 0);
	TEST("parse parts", y == 2025 && m == 10 && d == 20);
	TEST_INT("add_date invalid", vnfmt_add_date(&sb, 2025, 2, 30), -1);
	TEST_STR("add_date invalid appends nothing", sb.buf, "");
	vnfmt_add_day(&sb, 5);
	vnfmt_add_month(&sb, 11);
	check_sb("day 05 month 11", &sb, "0511");
	vnfmt_add_date_blanks(&sb, 2026, 1);
	check_sb("blanks: the day", &sb, "ngày\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0 tháng 01 năm 2026");
	vnfmt_add_date_blanks(&sb, 2026, 0);
	check_sb("blanks: day and month", &sb,
		 "ngày" VNFMT_BLANK " tháng" VNFMT_BLANK " năm 2026");
	vnfmt_add_date_blanks(&sb, 0, 0);
	check_sb("blanks: all, never \"20..\"", &sb,
		 "ngày" VNFMT_BLANK " tháng" VNFMT_BLANK " năm" VNFMT_BLANK);

	check_owned("upper authority", vnfmt_upper("Ủy ban nhân dân huyện Tân Phú Đông"),
		    "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG");
	check_owned("upper all tones",
		    vnfmt_upper("aàáảãạăằắẳẵặâầấẩẫậ đ eèéẻẽẹêềếểễệ iìíỉĩị oòóỏõọôồốổỗộơờớởỡợ "
				"uùúủũụưừứửữự yỳýỷỹỵ"),
		    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ Đ EÈÉẺẼẸÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ "
		    "UÙÚỦŨỤƯỪỨỬỮỰ YỲÝỶỸỴ");
	check_owned("lower all tones",
		    vnfmt_lower("AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ Đ EÈÉẺẼẸÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ "
				"UÙÚỦŨỤƯỪỨỬỮỰ YỲÝỶỸỴ"),
		    "aàáảãạăằắẳẵặâầấẩẫậ đ eèéẻẽẹêềếểễệ iìíỉĩị oòóỏõọôồốổỗộơờớởỡợ "
		    "uùúủũụưừứửữự yỳýỷỹỵ");
	check_owned("upper keeps digits and punctuation", vnfmt_upper("số 15/qđ-ubnd, 87,25%"),
		    "SỐ 15/QĐ-UBND, 87,25%");
	check_owned("upper of decomposed gives NFC", vnfmt_upper("e\xcc\x82\xcc\x81"), "Ế");
	check_owned("upper invalid UTF-8", vnfmt_upper("a\xff"), NULL);
	check_owned("upper empty", vnfmt_upper(""), "");

	check_owned("roman 1", vnfmt_roman(1), "I");
	check_owned("roman 4", vnfmt_roman(4), "IV");
	check_owned("roman 9", vnfmt_roman(9), "IX");
	check_owned("roman 14", vnfmt_roman(14), "XIV");
	check_owned("roman 40", vnfmt_roman(40), "XL");
	check_owned("roman 1994", vnfmt_roman(1994), "MCMXCIV");
	check_owned("roman 3999", vnfmt_roman(3999), "MMMCMXCIX");
	check_owned("roman 0", vnfmt_roman(0), NULL);
	check_owned("roman 4000", vnfmt_roman(4000), NULL);

	strbuf_release(&sb);
	TEST_REPORT();
}
