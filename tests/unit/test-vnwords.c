/*
 * test-vnwords.c: which gaps between words lie inside a compound or a name
 * (vnwords.h), in any case, through punctuation, with numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "typeset/vnwords.h"

/* The text with '_' where a gap is glued, ' ' where a line may break. */
static char *marked(const struct vnwords *vw, const char *text)
{
	const char *w[64] = { NULL };
	size_t len[64] = { 0 }, n = 0;
	unsigned char glue[64];
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = text; *p && n < 64;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w[n] = p;
		while (*p && *p != ' ')
			p++;
		len[n] = (size_t)(p - w[n]);
		n++;
	}
	vnwords_glue(vw, w, len, n, glue);
	for (size_t i = 0; i < n; i++) {
		strbuf_add(&sb, w[i], len[i]);
		if (i + 1 < n)
			strbuf_addch(&sb, glue[i] ? '_' : ' ');
	}
	return strbuf_detach(&sb);
}

int main(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "Ủy ban nhân dân huyện", "Ủy_ban nhân_dân huyện" },
		{ "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "ỦY_BAN NHÂN_DÂN TỈNH ĐỒNG_THÁP" },
		{ "công bố Chỉ số cải cách hành chính năm 2025", "công_bố Chỉ_số cải_cách hành_chính năm_2025" },
		{ "các sở, ban, ngành tỉnh", "các sở,_ban,_ngành tỉnh" },
		{ "(chi tiết tại Phụ lục II kèm theo)", "(chi tiết tại Phụ_lục_II kèm theo)" },
		{ "của cơ quan, đơn vị.", "của cơ_quan, đơn_vị." },
		{ "năm nay", "năm nay" },
		{ "ban nhân", "ban nhân" },
	};
	struct vnwords *vw = vnwords_new();

	vnwords_add(vw, "Đồng Tháp");
	vnwords_add(vw, "Huế"); /* one word: nothing to glue */
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = marked(vw, cases[i].in);

		TEST_STR(cases[i].in, got, cases[i].want);
		free(got);
	}
	vnwords_free(vw);
	{
		struct vnwords *bare = vnwords_new();
		char *got = marked(bare, "tỉnh Đồng Tháp");

		TEST_STR("a place name glues only once added", got, "tỉnh Đồng Tháp");
		free(got);
		vnwords_free(bare);
	}
	TEST_REPORT();
}
