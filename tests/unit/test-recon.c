/*
 * test-recon.c: the reconciliation report (recon.c), drawn from the sample year.
 *
 * input/2024 is loaded and scored; the report is drawn and read back through
 * poppler. Each unit's part (from its numbered heading to the next one) must
 * hold every item of that unit whose final differs from self, with its
 * difference, the reason of every appraisal round and who changed it, or
 * "Không có điều chỉnh"; the declared total of XA-TTH that does not add up
 * must appear; the sums must be right: the pure recon_unit_sum() against the
 * sample's expected changes (input/README.md), and the document's per-unit and
 * overall sums against the test's own sums over the results. The file passes
 * qpdf --check, poppler reads it without a message, and a second rendering is
 * identical.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/diag.h"
#include "pdf/pdfdoc.h"
#include "pdftest.h"
#include "docs/recon.h"
#include "docs/render.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "testhelp.h"
#include "base/vnfmt.h"
#include "model/year.h"
#include "yearfix.h"

/* The sample's changes (input/README.md), the test's own expectations. */
/* The last occurrence of `needle` in `hay` (NULL when none). */
static const char *strrstr_first(const char *hay, const char *needle)
{
	const char *last = NULL;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		last = p;
	return last;
}

static void test_sums(const struct year *y, const struct results *r)
{
	static const struct {
		const char *code;
		int64_t effect;
		size_t nchanged;
	} want[] = {
		{ "CQ-VP", 0, 0 },       { "CQ-NV", 0, 0 },       { "CQ-TP", 188, 1 },
		{ "CQ-TCKH", -300, 2 },  { "CQ-TNMT", 0, 0 },     { "CQ-LDTBXH", 0, 0 },
		{ "CQ-VHTT", 0, 0 },     { "CQ-GDDT", 0, 0 },     { "CQ-YT", -150, 1 },
		{ "CQ-TTR", -200, 1 },   { "CQ-NN", -175, 3 },    { "CQ-KTHT", 0, 0 },
		{ "XA-TT", 0, 0 },       { "XA-TP", 0, 0 },       { "XA-PTH", -50, 1 },
		{ "XA-TTH", 0, 0 },      { "XA-PD", -100, 1 },    { "XA-PT", -100, 1 },
	};
	int ok = 1;
	struct recon_sum s;

	for (size_t k = 0; k < ARRAY_SIZE(want); k++) {
		int u = registry_find(&y->registry, want[k].code);

		if (u < 0) {
			ok = 0;
			continue;
		}
		recon_unit_sum(y, r, (size_t)u, &s, NULL);
		if (s.effect != want[k].effect || s.nchanged != want[k].nchanged) {
			printf("#   %s: effect %lld, %zu changed; want %lld, %zu\n", want[k].code,
			       (long long)s.effect, s.nchanged, (long long)want[k].effect,
			       want[k].nchanged);
			ok = 0;
		}
	}
	TEST("recon_unit_sum: every unit of the sample as input/README.md says", ok);
	{
		int u = registry_find(&y->registry, "CQ-NN");

		recon_unit_sum(y, r, (size_t)u, &s, NULL);
		TEST("CQ-NN: fields -1,50, penalty +0,25, effect -1,75",
		     s.fields == -150 && s.penalty == 25 && s.bonus == 0 && s.effect == -175);
		u = registry_find(&y->registry, "XA-PD");
		recon_unit_sum(y, r, (size_t)u, &s, NULL);
		TEST("XA-PD: an unclaimed penalty given counts against the total",
		     s.penalty == 100 && s.effect == -100);
	}
}

static void test_report(const struct render_ctx *c)
{
	const struct year *y = c->y;
	const struct results *r = c->r;
	struct strbuf txt = STRBUF_INIT, sb = STRBUF_INIT, w = STRBUF_INIT;
	char *path = pt_path("doi-chieu.pdf"), *again = pt_path("doi-chieu-again.pdf");
	const char **start;
	size_t n = y->registry.nunits, nchanged = 0, nunits_changed = 0;
	int64_t overall = 0;
	int ok;

	TEST("report rendered", recon_render(c, path) == RENDER_OK);
	TEST("report: text layer", pt_raw_text(path, &txt) == 0);

	TEST("report: title", pt_holds(txt.buf, NULL, "BÁO CÁO ĐỐI CHIẾU", "title"));
	TEST("report: each round named once with its file",
	     pt_holds(txt.buf, NULL, "2 vòng thẩm định (vòng 1: tệp 2025-01-05-tham-dinh.csv; vòng 2: tệp 2025-01-12-giai-trinh.csv)", "intro"));
	TEST("report: the tables name rounds, not files",
	     strstr(txt.buf, "2025-01-05-tham-dinh.csv") == strrstr_first(txt.buf, "2025-01-05-tham-dinh.csv"));
	{
		const char *conf = strstr(txt.buf, "XÁC NHẬN CỦA TỔ THẨM ĐỊNH");

		TEST("report: ends with the appraisal team's confirmation, after the last unit",
		     conf && strstr(conf, "TỔ TRƯỞNG TỔ THẨM ĐỊNH") && strstr(conf, "THƯ KÝ TỔ THẨM ĐỊNH") &&
		     !strstr(conf, "Cộng chênh lệch"));
		/*
		 * The dated line to sign by hand: the place, then the date's blanks,
		 * no-break spaces that the text layer gives as gaps (no dots).
		 */
		strbuf_reset(&w);
		strbuf_addf(&w, "%s, ngày tháng năm", y->pub.place);
		TEST("report: the confirmation's dated line, its blanks the decision's",
		     conf && strstr(conf, w.buf) && !strstr(conf, "…"));
	}

	/* Each unit's part: from its numbered heading in part II to the next one. */
	start = xcalloc(n + 1, sizeof(*start));
	{
		const char *part2 = strstr(txt.buf, "II. CHI TIẾT THEO ĐƠN VỊ");
		const char *from = part2 ? part2 : txt.buf;

		ok = part2 != NULL;
		for (size_t u = 0; u < n; u++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%zu. %s (%s)", u + 1, y->registry.units[u].name,
				    y->registry.units[u].code);
			pt_squeeze_ws(&sb, 0);
			start[u] = strstr(from, sb.buf);
			if (!start[u]) {
				printf("#   heading '%s' missing or out of order\n", sb.buf);
				ok = 0;
				start[u] = from;
			}
			from = start[u];
		}
		start[n] = txt.buf + txt.len;
	}
	TEST("report: every unit has its heading, in registry order", ok);

	ok = 1;
	for (size_t u = 0; u < n; u++) {
		const struct unit_result *ur = &r->units[u];
		const char *code = y->registry.units[u].code;
		size_t listed = 0, changed = 0;
		int64_t effect = 0;

		for (size_t i = 0; i < r->nitems; i++) {
			const struct item *it = &y->index.items[i];
			const struct item_result *ir = &ur->items[i];
			int64_t dv;

			if (!ir->applies || !(ir->changed || ir->nrounds))
				continue;
			listed++;
			/* the test's own difference: final − self, not applicable as 0 */
			dv = (ir->final_na ? 0 : ir->final) - (ir->self_na ? 0 : ir->self);
			if (ir->changed) {
				changed++;
				effect += it->kind == KIND_PENALTY ? -dv : dv;
			}
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s %s", it->code, it->name);
			ok &= pt_holds(start[u], start[u + 1], sb.buf, code);
			strbuf_reset(&sb);
			vnfmt_add_hundredths_signed(&sb, dv);
			ok &= pt_holds(start[u], start[u + 1], sb.buf, code);
			for (size_t k = 0; k < ir->nrounds; k++) {
				const struct appraisal_row *row = &y->rows[ir->rounds[k].row];

				strbuf_reset(&sb);
				strbuf_addf(&sb, "Vòng %d: ", year_round_of(y, row->file));
				ok &= pt_holds(start[u], start[u + 1], sb.buf, code);
				ok &= pt_holds(start[u], start[u + 1], row->reason, code);
			}
			if (ir->changed_by && !strcmp(ir->changed_by, "rule"))
				ok &= pt_holds(start[u], start[u + 1], "Quy tắc chấm", code);
		}
		if (!listed) {
			ok &= pt_holds(start[u], start[u + 1], "Không có điều chỉnh", code);
		} else {
			strbuf_reset(&sb);
			strbuf_addstr(&sb, "Cộng chênh lệch (điểm trừ tính ngược dấu) ");
			vnfmt_add_hundredths_signed(&sb, effect);
			ok &= pt_holds(start[u], start[u + 1], sb.buf, code);
		}
		nchanged += changed;
		nunits_changed += changed > 0;
		overall += effect;
	}
	TEST("report: every changed item of every unit, with each round's reason, its difference and the unit's sum",
	     ok);
	TEST("report: the sample's expectations (11 items, 8 units, -8,87)",
	     nchanged == 11 && nunits_changed == 8 && overall == -887);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Có %zu tiêu chí của %zu đơn vị có điểm cuối cùng khác điểm tự chấm; tổng chênh lệch là ",
		    nchanged, nunits_changed);
	vnfmt_add_hundredths_signed(&sb, overall);
	strbuf_addstr(&sb, " điểm.");
	TEST("report: overall sum in the introduction", pt_holds(txt.buf, NULL, sb.buf, "intro"));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Cộng %zu ", nchanged);
	TEST("report: overall sum closes the table of units", pt_holds(txt.buf, start[0], sb.buf, "units") &&
	     pt_holds(txt.buf, start[0], "-8,87", "units"));
	{
		const char *a = strstr(txt.buf, "2. Chênh lệch theo đơn vị");
		const char *b = a ? strstr(a, "3. Tổng điểm kê khai") : NULL;

		TEST("report: the table of unit sums lists the units with changes only",
		     a && b && pt_holds(a, b, "11 Phòng Nông nghiệp và Phát triển nông thôn (CQ-NN) 3 -1,50 0,00 +0,25 -1,75 87,98 86,23", "units") &&
		     pt_holds(a, b, "13 UBND xã Tân Thới (XA-TT) 0 0,00", "units") &&
		     !(strstr(a, "Phòng Nội vụ (CQ-NV)") && strstr(a, "Phòng Nội vụ (CQ-NV)") < b));
	}
	TEST("report: summary by group and field",
	     pt_holds(txt.buf, start[0], "Cơ quan chuyên môn thuộc Ủy ban nhân dân huyện", "groups") &&
	     pt_holds(txt.buf, start[0], "Tác động đến tổng điểm", "groups"));

	/* XA-TTH declared 93,50 against a self total of 93,45: in part I and in its part */
	{
		int u = registry_find(&y->registry, "XA-TTH");

		TEST("report: XA-TTH's declared total in the summary",
		     pt_holds(txt.buf, start[0], "UBND xã Tân Thạnh (XA-TTH) 93,50 93,45 +0,05 xa-tan-thanh.xml, dòng", "mismatch"));
		TEST("report: XA-TTH's declared total in its part",
		     u >= 0 && pt_holds(start[u], start[u + 1], "Tổng điểm đơn vị kê khai 93,50 không khớp với tổng điểm tự chấm tính lại 93,45 (chênh lệch +0,05).", "XA-TTH"));
	}
	TEST("report: XA-TT's round that ended at self is shown, difference 0,00",
	     pt_holds(start[12], start[13], "Vòng 2: 1,00", "XA-TT") &&
	     pt_holds(start[12], start[13], "0,00", "XA-TT"));

	TEST("report: qpdf --check", pt_qpdf_passes(path));
	TEST("report: poppler reads it without a message", pt_poppler_quiet(path));
	strbuf_reset(&w);
	pt_sh(&w, "pdfinfo '%s' 2>&1", path);
	TEST("report: landscape A4", strstr(w.buf, " 841.89 x 595.276 pts (A4)") != NULL);
	TEST("report: title and author", strstr(w.buf, "Báo cáo đối chiếu") &&
	     strstr(w.buf, "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG"));
	pt_outlines(path, &w);
	ok = 1;
	for (size_t u = 0; u < n; u++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "\"title\": \"%s", y->registry.units[u].code);
		if (!strstr(w.buf, sb.buf)) {
			printf("#   no bookmark for %s\n", y->registry.units[u].code);
			ok = 0;
		}
	}
	TEST("report: a bookmark for every unit", ok);

	/* every word inside the landscape margins: left and right 20 mm, bottom 15 mm */
	{
		size_t words;
		size_t outside = pt_words_outside(path, 20 * 72 / 25.4 - 0.5, (297 - 20) * 72 / 25.4 + 0.5,
						  (210 - 15) * 72 / 25.4 + 0.5, &words);

		TEST("report: every word inside the margins", outside == 0 && words > 100);
	}
	TEST("report: rendered again", recon_render(c, again) == RENDER_OK);
	TEST("report: byte-identical across two renderings", pt_same_file(path, again));

	free(path);
	free(again);
	free(start);
	strbuf_release(&txt);
	strbuf_release(&sb);
	strbuf_release(&w);
}

/* A unit without a submission (tests/data/mini, A3's taken away): one line, no sums. */
static void test_no_submission(void)
{
	struct yearfix m;
	struct render_ctx c;
	struct strbuf txt = STRBUF_INIT;
	char *path = pt_path("mini.pdf");

	if (yearfix_load(&m, "tests/data/mini") < 0 || yearfix_drop_submission(&m, "A3") < 0) {
		TEST("mini: loaded", 0);
		goto out;
	}
	c = yearfix_ctx(&m, NULL, 0);
	TEST("mini without A3's submission: report rendered", recon_render(&c, path) == RENDER_OK);
	pt_raw_text(path, &txt);
	TEST("mini: A3 says it has no submission",
	     pt_holds(txt.buf, NULL, "(A3) Không có hồ sơ tự đánh giá hợp lệ.", "A3"));
	TEST("mini: A1's appraisal change listed",
	     pt_holds(txt.buf, NULL, "Vòng 1: 0,50", "A1"));
	TEST("mini: qpdf --check", pt_qpdf_passes(path));
out:
	yearfix_release(&m);
	strbuf_release(&txt);
	free(path);
}

int main(void)
{
	struct yearfix f;
	struct render_ctx c;

	diag_set_prog("test-recon");
	if (yearfix_load(&f, "input/2024") < 0) {
		TEST("load and score input/2024", 0);
		goto out;
	}
	test_sums(&f.y, &f.r);
	if (pdfdoc_global_init(YEARFIX_FONTS) < 0) {
		TEST("fonts", 0);
		goto out;
	}
	c = yearfix_ctx(&f, "templates", 0);
	test_report(&c);
	test_no_submission();
out:
	yearfix_release(&f);
	pt_cleanup();
	pdfdoc_global_release();
	TEST_REPORT();
}
