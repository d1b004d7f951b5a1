/*
 * test-text.c: cleaning (NFC, trimming) and screening (legacy encodings,
 * decomposed marks, control characters) of input text.
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/text.h"
#include "testhelp.h"

static void check_clean(const char *what, const char *in, const char *want)
{
	char *got = text_nfc_trim(in, strlen(in));

	TEST_STR(what, got, want);
	free(got);
}

static void check_legacy(const char *in, const char *want_enc, const char *want)
{
	const char *enc = NULL;
	char *conv = NULL;
	char what[256];
	int r = text_legacy(in, &enc, &conv);

	snprintf(what, sizeof(what), "legacy: '%s' is %s", in, want_enc ? want_enc : "not legacy");
	TEST_INT(what, r, want_enc != NULL);
	if (want_enc) {
		TEST_STR(what, enc, want_enc);
		TEST_STR(what, conv, want);
	} else if (r) {
		printf("#   flagged as %s: '%s'\n", enc, conv);
	}
	free(conv);
}

static void test_clean(void)
{
	char *s;

	check_clean("nfc: decomposed tones compose", "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t",
		    "Tiếng Việt");
	check_clean("nfc: already composed stays", "Hà Nội", "Hà Nội");
	check_clean("trim: spaces, tabs, line ends", " \t Phòng Nội vụ \r\n", "Phòng Nội vụ");
	check_clean("trim: no-break spaces", "\xc2\xa0\xc2\xa0UBND xã\xc2\xa0", "UBND xã");
	check_clean("trim: ideographic and thin spaces", "\xe2\x80\x89" "A\xe3\x80\x80", "A");
	check_clean("trim: inner spaces kept", "  a  b\xc2\xa0 c ", "a  b\xc2\xa0 c");
	check_clean("trim: only spaces gives empty", " \xc2\xa0 ", "");
	check_clean("empty stays empty", "", "");
	check_clean("invalid UTF-8 gives NULL", "ab\xc3\x28", NULL);
	check_clean("lone continuation byte gives NULL", "\x80", NULL);
	check_clean("overlong encoding gives NULL", "\xc0\xaf", NULL);
	check_clean("surrogate gives NULL", "\xed\xa0\x80", NULL);
	s = text_nfc_trim("a\0b", 3);
	TEST("NUL inside gives NULL", s == NULL);
	free(s);
	s = text_nfc_trim("abcdef", 3);
	TEST_STR("length is honoured", s, "abc");
	free(s);
}

static void test_legacy(void)
{
	/* TCVN3 (ABC) */
	check_legacy("C¶i c¸ch hµnh chÝnh", "TCVN3", "Cải cách hành chính");
	check_legacy("Phßng Néi vô", "TCVN3", "Phòng Nội vụ");
	check_legacy("UBND x· T©n Phó §«ng", "TCVN3", "UBND xã Tân Phú Đông");
	check_legacy("Ban hµnh kÕ ho¹ch CCHC n¨m", "TCVN3", "Ban hành kế hoạch CCHC năm");
	check_legacy("Tû lÖ hå s¬ gi¶i quyÕt ®óng h¹n", "TCVN3", "Tỷ lệ hồ sơ giải quyết đúng hạn");
	check_legacy("Hµ", "TCVN3", "Hà");
	/* VNI */
	check_legacy("Caûi caùch", "VNI", "Cải cách");
	check_legacy("Phoøng Noäi vuï", "VNI", "Phòng Nội vụ");
	check_legacy("Ñoaøn Thanh nieân", "VNI", "Đoàn Thanh niên");
	check_legacy("ñöôïc coâng nhaän", "VNI", "được công nhận");
	check_legacy("PHOØNG TAØI CHÍNH - KEÁ HOAÏCH", "VNI", "PHÒNG TÀI CHÍNH - KẾ HOẠCH");
	check_legacy("Uûy ban nhaân daân xaõ", "VNI", "Ủy ban nhân dân xã");
	/*
	 * Real Unicode Vietnamese mixed with legacy words (input/FORMATS.md, "Text, in every file") is legacy
	 * text too. The suggestion keeps every word that reads right as written
	 * ("Phó" may be "Phú" in TCVN3: the clerk sees the rest converted).
	 */
	check_legacy("Ủy ban nhân dân huyÖn T©n Phó §«ng", "TCVN3", "Ủy ban nhân dân huyện Tân Phó Đông");
	check_legacy("Sở Nội vụ: ho¹ch c¶i c¸ch hµnh chÝnh", "TCVN3", "Sở Nội vụ: hoạch cải cách hành chính");
	check_legacy("Ủy ban nhân dân xaõ Taân Phuù", "VNI", "Ủy ban nhân dân xaõ Tân Phú");
	/* Not legacy: ASCII, Unicode Vietnamese, Latin-1-only Vietnamese, foreign words. */
	check_legacy("", NULL, NULL);
	check_legacy("UBND xa Tan Phu Dong", NULL, NULL);
	check_legacy("Kế hoạch số 05/KH-UBND ngày 06/01/2024", NULL, NULL);
	check_legacy("Văn phòng HĐND và UBND", NULL, NULL);
	check_legacy("Hà Nội", NULL, NULL);
	check_legacy("Café", NULL, NULL);
	check_legacy("Café de la Paix, Noël à Paris", NULL, NULL);
	check_legacy("José Müller, Zürich, naïve, Raphaël, Israël", NULL, NULL);
	check_legacy("25°C, 3 m², © 2024, «quoted», ½", NULL, NULL);
	{
		/* Registry names written in Unicode whose letters are all Latin-1. */
		static const char *const names[] = {
			"Hòa Bình", "Tây Ninh", "Cà Mau", "Hà Tiên", "Châu Thành", "Cái Bè",
			"Gò Công", "Trà Vinh", "Tân Châu", "Tân Phú", "Phú Tân", "Phòng Tài chính",
			"UBND xã Tân Hòa Thành", "Phòng Giáo dục", "UBND xã Phú Thành A",
			"Thanh tra huyện", "Hoà Bình", "Xuân Lộc", "Tuyên Quang", "Quán Tre",
			"Khánh Hòa", "Tân Thành", "Tân Thới", "Phú Đông", "Mỹ Tho", "Lê Văn Tám",
			"Tô Châu", "Mê Linh", "Cát Tiên", "Thuận An", "Trường THCS Phú Tân",
			"Hoàng Mai", "Toàn", "Doãn", "Khuê", "Nguyên", "Quý", "Xoài", "Ngoáy", "Khuya",
			"Chuyên", "Giêng", "Oanh", "Giám", "Bông Sen", "Sóc Trăng", "Kiên Giang",
			"Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Phòng Tư pháp",
			"Phòng Kinh tế - Hạ tầng", "Phòng Văn hóa và Thông tin",
			"Phòng Lao động - Thương binh và Xã hội", "Phòng Nông nghiệp và PTNT",
			"Phòng Tài nguyên và Môi trường", "Phòng Y tế", "UBND xã Tân Thạnh",
			"UBND xã Phú Thạnh", "UBND xã Tân Thới", "UBND xã Tân Phú", "UBND xã Phú Đông",
			"UBND xã Phú Tân", "Ủy ban nhân dân các xã",
		};
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			check_legacy(names[i], NULL, NULL);
	}
}

static int has_message(const struct diag *d, const char *part)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].message, part))
			return 1;
	return 0;
}

static void test_checked(void)
{
	struct diag d;
	char *s;

	diag_init(&d);
	s = text_checked(&d, "in/units.csv", 3, "column 'name'", " Phòng Nội vụ ", 18);
	TEST_STR("checked: clean text passes", s, "Phòng Nội vụ");
	TEST_INT("checked: no diagnostics", d.n, 0);
	free(s);

	s = text_checked(&d, "in/units.csv", 4, "unit name", "Phßng Néi vô", strlen("Phßng Néi vô"));
	TEST("checked: legacy text refused", s == NULL);
	TEST_INT("checked: one error", d.nerrors, 1);
	TEST_STR("checked: legacy message", d.n ? d.v[0].message : NULL,
		 "unit name looks typed in the legacy TCVN3 (ABC) encoding: 'Phßng Néi vô' would read "
		 "'Phòng Nội vụ'; convert the text to Unicode");
	TEST_INT("checked: at its line", d.n ? d.v[0].line : 0, 4);

	s = text_checked(&d, "p", 5, "reason", "Caûi caùch", strlen("Caûi caùch"));
	TEST("checked: VNI refused", s == NULL && has_message(&d, "legacy VNI encoding: 'Caûi caùch' would read 'Cải cách'"));

	/* e + acute + circumflex: NFC composes é, the circumflex stays separate. */
	s = text_checked(&d, "p", 6, "evidence", "Ke\xcc\x81\xcc\x82 hoa\xcc\xa3" "ch",
			 strlen("Ke\xcc\x81\xcc\x82 hoa\xcc\xa3" "ch"));
	TEST("checked: decomposed tone refused", s == NULL);
	TEST("checked: decomposed message", has_message(&d, "evidence has a tone mark left decomposed (U+0302 in 'Ké\xcc\x82')"));

	s = text_checked(&d, "p", 7, "note", "a\x01" "b", 3);
	TEST("checked: C0 control refused", s == NULL && has_message(&d, "note holds the control character U+0001"));
	s = text_checked(&d, "p", 8, "note", "a\x7f" "b", 3);
	TEST("checked: DEL refused", s == NULL && has_message(&d, "U+007F"));
	s = text_checked(&d, "p", 9, "note", "a\xc2\x85" "b", 4);
	TEST("checked: C1 control refused", s == NULL && has_message(&d, "U+0085"));
	s = text_checked(&d, "p", 10, "note", "line one\nline two\r\n\tthree", 25);
	TEST_STR("checked: TAB, LF, CR LF inside are each one space", s, "line one line two  three");
	free(s);
	{
		/* em, ideographic, thin, Ogham, line separator; figure and narrow no-break. */
		const char *in = "a\xe2\x80\x83" "b\xe3\x80\x80" "c\xe2\x80\x89" "d\xe1\x9a\x80" "e\xe2\x80\xa8"
				 "f\xe2\x80\x87" "3\xe2\x80\xaf" "g\xc2\xa0" "h";

		s = text_checked(&d, "p", 13, "name", in, strlen(in));
		TEST_STR("checked: Unicode spaces inside are a space or U+00A0", s,
			 "a b c d e f\xc2\xa0" "3\xc2\xa0" "g\xc2\xa0" "h");
		free(s);
	}
	s = text_checked(&d, "p", 11, "note", "a\xff", 2);
	TEST("checked: invalid UTF-8", s == NULL && has_message(&d, "note is not valid UTF-8: save the file as UTF-8"));
	s = text_checked(&d, "p", 12, "note", "a\0b", 3);
	TEST("checked: NUL", s == NULL && has_message(&d, "note holds a NUL character"));
	diag_release(&d);
}

static void test_excerpt(void)
{
	char long_text[200];
	char *s;

	s = text_excerpt("a\nb\tc");
	TEST_STR("excerpt: line breaks become spaces", s, "a b c");
	free(s);
	s = text_excerpt("\xef\xbb\xbf" "code");
	TEST_STR("excerpt: BOM shown", s, "<U+FEFF>code");
	free(s);
	memset(long_text, 'x', 100);
	long_text[100] = '\0';
	s = text_excerpt(long_text);
	TEST_INT("excerpt: cut at 60 characters", strlen(s), 63);
	free(s);
	s = text_excerpt("Phòng");
	TEST_STR("excerpt: UTF-8 kept", s, "Phòng");
	free(s);
}

int main(void)
{
	test_clean();
	test_legacy();
	test_checked();
	test_excerpt();
	TEST_REPORT();
}
