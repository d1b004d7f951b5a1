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
#include <unistd.h>

#include "common.h"
#include "diag.h"
#include "pdfdoc.h"
#include "recon.h"
#include "render.h"
#include "scoring.h"
#include "strbuf.h"
#include "testhelp.h"
#include "vnfmt.h"
#include "year.h"

#define FONTS "/usr/share/fonts/truetype/liberation2"

static char dir[] = "/tmp/parx-test-recon-XXXXXX";

static int run(const char *cmd, struct strbuf *out)
{
	FILE *f = popen(cmd, "r");
	char buf[4096];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(out, buf, n);
	return pclose(f);
}

static void squeeze(struct strbuf *sb)
{
	size_t j = 0;
	int gap = 0;

	for (size_t i = 0; i < sb->len; i++) {
		char c = sb->buf[i];

		if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
			gap = 1;
			continue;
		}
		if (gap && j)
			sb->buf[j++] = ' ';
		gap = 0;
		sb->buf[j++] = c;
	}
	sb->len = j;
	sb->buf[j] = 0;
}

/* Does [from, to) hold `what` (white space squeezed)? */
static int holds(const char *from, const char *to, const char *what, const char *who)
{
	struct strbuf w = STRBUF_INIT;
	const char *at;
	int found;

	strbuf_addstr(&w, what);
	squeeze(&w);
	at = strstr(from, w.buf);
	found = at && (!to || at + w.len <= to);
	if (!found)
		printf("#   %s: missing '%s'\n", who, w.buf);
	strbuf_release(&w);
	return found;
}

/* The sample's changes (input/README.md), the test's own expectations. */
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
	char path[512], again[512], cmd[1200];
	const char **start;
	size_t n = y->registry.nunits, nchanged = 0, nunits_changed = 0;
	int64_t overall = 0;
	int ok;

	snprintf(path, sizeof(path), "%s/doi-chieu.pdf", dir);
	snprintf(again, sizeof(again), "%s/doi-chieu-again.pdf", dir);
	TEST("report rendered", recon_render(c, path) == RENDER_OK);
	snprintf(cmd, sizeof(cmd), "pdftotext -raw '%s' - 2>/dev/null", path);
	TEST("report: text layer", run(cmd, &txt) == 0);
	squeeze(&txt);

	TEST("report: title", holds(txt.buf, NULL, "BÁO CÁO ĐỐI CHIẾU", "title"));
	TEST("report: appraisal files named",
	     holds(txt.buf, NULL, "2025-01-05-tham-dinh.csv, 2025-01-12-giai-trinh.csv", "intro"));

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
			squeeze(&sb);
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
			ok &= holds(start[u], start[u + 1], sb.buf, code);
			strbuf_reset(&sb);
			vnfmt_add_hundredths_signed(&sb, dv);
			ok &= holds(start[u], start[u + 1], sb.buf, code);
			for (size_t k = 0; k < ir->nrounds; k++) {
				const struct appraisal_row *row = &y->rows[ir->rounds[k].row];

				strbuf_reset(&sb);
				strbuf_addf(&sb, "Lần %zu (%s)", k + 1, row->file);
				ok &= holds(start[u], start[u + 1], sb.buf, code);
				ok &= holds(start[u], start[u + 1], row->reason, code);
			}
			if (ir->changed_by && !strcmp(ir->changed_by, "rule"))
				ok &= holds(start[u], start[u + 1], "Quy tắc chấm", code);
		}
		if (!listed) {
			ok &= holds(start[u], start[u + 1], "Không có điều chỉnh", code);
		} else {
			strbuf_reset(&sb);
			strbuf_addstr(&sb, "Cộng chênh lệch (điểm trừ tính ngược dấu) ");
			vnfmt_add_hundredths_signed(&sb, effect);
			ok &= holds(start[u], start[u + 1], sb.buf, code);
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
	TEST("report: overall sum in the introduction", holds(txt.buf, NULL, sb.buf, "intro"));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "Cộng %zu ", nchanged);
	TEST("report: overall sum closes the table of units", holds(txt.buf, start[0], sb.buf, "units") &&
	     holds(txt.buf, start[0], "-8,87", "units"));
	{
		const char *a = strstr(txt.buf, "2. Chênh lệch theo đơn vị");
		const char *b = a ? strstr(a, "3. Tổng điểm kê khai") : NULL;

		TEST("report: the table of unit sums lists the units with changes only",
		     a && b && holds(a, b, "11 Phòng Nông nghiệp và Phát triển nông thôn (CQ-NN) 3 -1,50 0,00 +0,25 -1,75 87,98 86,23", "units") &&
		     holds(a, b, "13 UBND xã Tân Thới (XA-TT) 0 0,00", "units") &&
		     !(strstr(a, "Phòng Nội vụ (CQ-NV)") && strstr(a, "Phòng Nội vụ (CQ-NV)") < b));
	}
	TEST("report: summary by group and field",
	     holds(txt.buf, start[0], "Cơ quan chuyên môn thuộc Ủy ban nhân dân huyện", "groups") &&
	     holds(txt.buf, start[0], "Tác động đến tổng điểm", "groups"));

	/* XA-TTH declared 93,50 against a self total of 93,45: in part I and in its part */
	{
		int u = registry_find(&y->registry, "XA-TTH");

		TEST("report: XA-TTH's declared total in the summary",
		     holds(txt.buf, start[0], "UBND xã Tân Thạnh (XA-TTH) 93,50 93,45 +0,05 xa-tan-thanh.xml, dòng", "mismatch"));
		TEST("report: XA-TTH's declared total in its part",
		     u >= 0 && holds(start[u], start[u + 1], "Tổng điểm đơn vị kê khai 93,50 không khớp với tổng điểm tự chấm tính lại 93,45 (chênh lệch +0,05).", "XA-TTH"));
	}
	TEST("report: XA-TT's round that ended at self is shown, difference 0,00",
	     holds(start[12], start[13], "Lần 2 (2025-01-12-giai-trinh.csv): 1,00", "XA-TT") &&
	     holds(start[12], start[13], "0,00", "XA-TT"));

	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1", path);
	TEST("report: qpdf --check", system(cmd) == 0);
	strbuf_reset(&w);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' /dev/null 2>&1; pdfinfo '%s' 2>&1 >/dev/null", path, path);
	run(cmd, &w);
	TEST("report: poppler reads it without a message", w.len == 0);
	strbuf_reset(&w);
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>&1", path);
	run(cmd, &w);
	TEST("report: landscape A4", strstr(w.buf, " 841.89 x 595.276 pts (A4)") != NULL);
	TEST("report: title and author", strstr(w.buf, "Báo cáo đối chiếu") &&
	     strstr(w.buf, "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG"));
	strbuf_reset(&w);
	snprintf(cmd, sizeof(cmd), "qpdf --json --json-key=outlines '%s' 2>/dev/null", path);
	run(cmd, &w);
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
		const char *p;
		int inside = 1, words = 0;
		const double left = 20 * 72 / 25.4 - 0.5, right = (297 - 20) * 72 / 25.4 + 0.5;
		const double bottom = (210 - 15) * 72 / 25.4 + 0.5;

		strbuf_reset(&w);
		snprintf(cmd, sizeof(cmd), "pdftotext -bbox '%s' - 2>/dev/null", path);
		run(cmd, &w);
		for (p = strstr(w.buf, "<word "); p; p = strstr(p + 1, "<word ")) {
			double x0, y0, x1, y1;

			if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
				   &x0, &y0, &x1, &y1) != 4)
				continue;
			words++;
			if (x0 < left || x1 > right || y1 > bottom) {
				if (inside)
					printf("#   word at %.1f,%.1f-%.1f,%.1f: %.60s\n", x0, y0, x1, y1, p);
				inside = 0;
			}
		}
		TEST("report: every word inside the margins", inside && words > 100);
	}
	TEST("report: rendered again", recon_render(c, again) == RENDER_OK);
	snprintf(cmd, sizeof(cmd), "cmp -s '%s' '%s'", path, again);
	TEST("report: byte-identical across two renderings", system(cmd) == 0);

	free(start);
	strbuf_release(&txt);
	strbuf_release(&sb);
	strbuf_release(&w);
}

/* A unit without a submission (tests/data/mini, A3's taken away): one line, no sums. */
static void test_no_submission(void)
{
	struct year y;
	struct results r;
	struct diag d;
	struct render_ctx c;
	struct strbuf txt = STRBUF_INIT;
	char path[512], cmd[1200], *saved;
	int u;

	memset(&y, 0, sizeof(y));
	memset(&r, 0, sizeof(r));
	diag_init(&d);
	snprintf(path, sizeof(path), "%s/mini.pdf", dir);
	if (year_load(&y, "tests/data/mini", &d) < 0 || (u = registry_find(&y.registry, "A3")) < 0) {
		TEST("mini: loaded", 0);
		goto out;
	}
	saved = y.subs[u].path;
	y.subs[u].path = NULL;
	scoring_run(&y, &r, &d);
	memset(&c, 0, sizeof(c));
	c.y = &y;
	c.r = &r;
	c.epoch = render_epoch(&y);
	c.font_dir = FONTS;
	TEST("mini without A3's submission: report rendered", recon_render(&c, path) == RENDER_OK);
	y.subs[u].path = saved;
	snprintf(cmd, sizeof(cmd), "pdftotext -raw '%s' - 2>/dev/null", path);
	run(cmd, &txt);
	squeeze(&txt);
	TEST("mini: A3 says it has no submission",
	     holds(txt.buf, NULL, "(A3) Không có hồ sơ tự đánh giá hợp lệ.", "A3"));
	TEST("mini: A1's appraisal change listed",
	     holds(txt.buf, NULL, "Lần 1 (2025-01-10-tham-dinh.csv): 0,50", "A1"));
	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1", path);
	TEST("mini: qpdf --check", system(cmd) == 0);
out:
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	strbuf_release(&txt);
}

int main(void)
{
	struct year y;
	struct results r;
	struct diag d;
	struct render_ctx c;
	char cmd[256];

	memset(&y, 0, sizeof(y));
	memset(&r, 0, sizeof(r));
	diag_init(&d);
	diag_set_prog("test-recon");
	if (!mkdtemp(dir)) {
		TEST("scratch folder", 0);
		TEST_REPORT();
	}
	if (year_load(&y, "input/2024", &d) < 0 || d.nerrors || scoring_run(&y, &r, &d) < 0 ||
	    d.nerrors) {
		TEST("load and score input/2024", 0);
		goto out;
	}
	test_sums(&y, &r);
	if (pdfdoc_global_init(FONTS) < 0) {
		TEST("fonts", 0);
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.y = &y;
	c.r = &r;
	c.epoch = render_epoch(&y);
	c.font_dir = FONTS;
	c.templates_dir = "templates";
	test_report(&c);
	test_no_submission();
out:
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	if (!getenv("PARX_KEEP")) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	} else {
		printf("# kept %s\n", dir);
	}
	pdfdoc_global_release();
	TEST_REPORT();
}
