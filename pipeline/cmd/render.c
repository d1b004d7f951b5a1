/*
 * parx-render: draws the publication of a valid, scored year: the decision
 * and its annexes, the chart book, one score sheet per unit and the
 * reconciliation report (README.md, "The documents"), as PDF/A-2b.
 */
#include "docs/render.h"
#include "base/i18n.h"
#include "run/stage.h"

int main(int argc, char **argv)
{
	struct stage_opts o;
	struct year y;
	struct diag d;
	struct results r;
	int status = stage_options(&o, argc, argv,
				   N_("Draws quyet-dinh.pdf (the decision and its annexes), bieu-do.pdf (the chart\n"
				   "book), don-vi/<code>.pdf (one score sheet per unit) and doi-chieu.pdf (the\n"
				   "reconciliation report) into OUT. With any data error nothing is drawn."),
				   STAGE_OPT_DRAFT | STAGE_OPT_JOBS | STAGE_OPT_RENDER | STAGE_OPT_COPY);

	if (status >= 0)
		return status;
	diag_init(&d);
	o.read_scored = 1; /* from a working copy: the results of parx-score */
	status = stage_load(&o, &y, &d, &r, 0);
	if (status == EXIT_OK)
		status = stage_outdir(&o);
	if (status == EXIT_OK) {
		struct render_ctx c = {
			.y = &y,
			.r = &r,
			.draft = o.draft,
			.epoch = render_epoch(&y),
			.templates_dir = o.templates,
			.font_dir = o.fonts,
		};
		size_t n = y.registry.nunits;

		if (o.units_set) {
			c.partial = 1;
			c.documents = o.units_from == 0;
			c.first = o.units_from ? (size_t)o.units_from - 1 : 0;
			c.last = o.units_from ? ((size_t)o.units_to < n ? (size_t)o.units_to : n) : 0;
			if (c.first > n || (o.units_from && c.first >= n)) {
				error("--units %ld..%ld: units.csv lists %zu units", o.units_from, o.units_to, n);
				status = EXIT_USAGE;
			}
		}
		if (status == EXIT_OK)
			status = render_all(&c, o.out, o.jobs);
	}
	results_release(&r);
	year_release(&y);
	diag_release(&d);
	stage_opts_release(&o);
	return status;
}
