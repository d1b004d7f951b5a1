/*
 * fuzz-template.c: the article template reader (template.c): the text screen
 * of every line, lists within a line and over lines, nesting, separators,
 * braces; then filling it in from a fixed model shaped like the decision's
 * (values, a list of groups each with a nested list of grades, an empty list).
 * Every filled-in line must be non-empty text.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzzhelp.h"
#include "typeset/template.h"

static struct tpl_scope *model(void)
{
	static struct tpl_scope *m;
	static const char *const groups[][2] = { { "Cơ quan chuyên môn", "A" }, { "Ủy ban nhân dân xã", "B" } };

	if (m)
		return m;
	m = tpl_scope_new();
	tpl_set(m, "nam", "2024");
	tpl_set(m, "nam_sau", "2025");
	tpl_set(m, "so_don_vi", "18");
	tpl_set(m, "ten_bo_chi_so", "Bộ Chỉ số cải cách hành chính");
	tpl_set(m, "phu_luc", "Phụ lục I, Phụ lục II");
	tpl_set(m, "trong", "");
	tpl_set(tpl_list_declare(m, "rong"), "x", "");
	for (size_t g = 0; g < 2; g++) {
		struct tpl_scope *e = tpl_list_add(m, "nhom");

		tpl_set(e, "ten", groups[g][0]);
		tpl_set(e, "ma", groups[g][1]);
		tpl_setf(e, "so_don_vi", "%zu", 12 - 6 * g);
		tpl_set(e, "binh_quan", "87,25");
		tpl_setf(e, "phu_luc", "Phụ lục %s", g ? "II" : "I");
		for (size_t k = 0; k < 2 + g; k++) {
			struct tpl_scope *x = tpl_list_add(e, "xep_loai");

			tpl_set(x, "ten", k == 0 ? "Tốt" : k == 1 ? "Khá" : "Yếu");
			tpl_setf(x, "so", "%zu", k + 1);
		}
	}
	return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct tpl *t;
	struct tpl_output out = { 0 };

	diag_init(&d);
	t = tpl_parse("templates/fuzz.txt", (const char *)data, size, &d);
	if (t) {
		if (tpl_fill(t, model(), &out, &d) == 0)
			for (size_t i = 0; i < out.n; i++)
				if (!out.v[i].text || !*out.v[i].text || out.v[i].line < 1)
					abort();
		tpl_output_release(&out);
		tpl_free(t);
	}
	fuzz_show(&d);
	diag_release(&d);
	return 0;
}
