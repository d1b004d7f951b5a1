/*
 * web.c: the portal edition (web.h). Every page is a tree (html.h) written by
 * its serialiser: text and attributes are escaped there, never here.
 */
#include "docs/web.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/vnfmt.h"
#include "docs/chart.h"
#include "docs/html.h"
#include "input/publication.h"

/* A group's ranking shown whole on the index page up to this many units, else its top. */
#define WEB_TOP 20
/* Bars in a ranking chart: the whole of a group up to this, else its top. */
#define WEB_CHART_MAX 60
/* Rows of a group page: a larger group's ranking goes on several pages. */
#define WEB_PAGE_ROWS 1000

static const char css[] =
	"*{box-sizing:border-box}"
	".draft{border:2px solid #a00;color:#a00;font-weight:bold;padding:.3em .6em;text-align:center}"
	"body{margin:0;font-family:\"Liberation Serif\",\"Times New Roman\",serif;font-size:1.05rem;"
	"line-height:1.5;color:#111;background:#fff}"
	"main{max-width:62rem;margin:0 auto;padding:1rem}"
	"h1{font-size:1.45rem;line-height:1.3}h2{font-size:1.2rem;margin-top:2rem}"
	".date{color:#333;font-style:italic}"
	".scroll{overflow-x:auto;max-width:100%}"
	"table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}"
	"caption{text-align:left;font-weight:bold;padding:.3rem 0}"
	"th,td{border:1px solid #777;padding:.25rem .45rem;vertical-align:top}"
	"thead th{background:#e8e8e8}"
	"td.num,th.num{text-align:right;white-space:nowrap}"
	"tbody th{text-align:left;font-weight:normal;min-width:9rem}"
	"figure{margin:1rem 0}svg{max-width:100%;height:auto}"
	"a{color:#0645ad}"
	"@media print{a{color:#000;text-decoration:none}.scroll{overflow:visible}"
	"h2{break-after:avoid}tr{break-inside:avoid}}";

struct web {
	const struct render_ctx *c;
	const struct year *y;
	const struct results *r;
	const char *pkgdir;
	struct strbuf sb;
};

/* ---- Building trees --------------------------------------------------------- */

static char *pts(int64_t v)
{
	return vnfmt_hundredths(v);
}

/* A number cell (right-aligned). */
static void num_cell(struct html_node *tr, const char *text)
{
	html_attr(html_el(tr, "td", text), "class", "num");
}

static void pts_cell(struct html_node *tr, int64_t v)
{
	char *s = pts(v);

	num_cell(tr, s);
	free(s);
}

/* The mark of a draft run, at the top of every page and of the article (as the PDFs' DỰ THẢO). */
#define DRAFT_NOTE "DỰ THẢO — chưa phải kết quả chính thức"

static void draft_note(struct html_node *parent)
{
	struct html_node *p = html_el(parent, "p", DRAFT_NOTE);

	html_attr(p, "class", "draft");
	html_attr(p, "role", "note");
}

/* A page: <!DOCTYPE html>, <html lang="vi">, its head, and the <main> to fill; a draft's title says DỰ THẢO first. */
static struct html *page_doc(const char *title, int draft, struct html_node **main)
{
	struct html *doc = html_new();
	struct html_node *head = html_head(doc), *meta;

	/* UTF-8, declared in the form libxml2's serialiser wrote (the portal's pages are byte-stable). */
	meta = html_el(head, "meta", NULL);
	html_attr(meta, "http-equiv", "Content-Type");
	html_attr(meta, "content", "text/html; charset=utf-8");
	meta = html_el(head, "meta", NULL);
	html_attr(meta, "name", "viewport");
	html_attr(meta, "content", "width=device-width, initial-scale=1");
	if (draft) {
		struct strbuf t = STRBUF_INIT;

		strbuf_addf(&t, "DỰ THẢO — %s", title);
		html_el(head, "title", t.buf);
		strbuf_release(&t);
	} else {
		html_el(head, "title", title);
	}
	html_el(head, "style", css);
	*main = html_el(html_body(doc), "main", NULL);
	return doc;
}

/* Writes `doc` (or only `node`, for the CMS body) to `path`, in the staging folder. */
static int save(struct html *doc, struct html_node *node, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	html_write(doc, node, &sb);
	strbuf_addch(&sb, '\n');
	ret = file_write_staged(path, sb.buf, sb.len); /* in render's staging folder */
	strbuf_release(&sb);
	return ret;
}

/* ---- SVG elements, in user units ------------------------------------------- */

static void num_attr(struct html_node *n, const char *name, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	html_attr(n, name, buf);
}

static struct html_node *svg_line(struct html_node *g, int64_t x1, int64_t y1, int64_t x2, int64_t y2, const char *stroke)
{
	struct html_node *l = html_el(g, "line", NULL);

	num_attr(l, "x1", x1);
	num_attr(l, "x2", x2);
	num_attr(l, "y1", y1);
	num_attr(l, "y2", y2);
	html_attr(l, "stroke", stroke);
	return l;
}

static struct html_node *svg_text(struct html_node *g, int64_t x, int64_t y, const char *text, const char *anchor)
{
	struct html_node *t = html_el(g, "text", text);

	num_attr(t, "x", x);
	num_attr(t, "y", y);
	if (anchor)
		html_attr(t, "text-anchor", anchor);
	return t;
}

static void svg_rect(struct html_node *g, int64_t x, int64_t y, int64_t w, int64_t h, const char *fill)
{
	struct html_node *r = html_el(g, "rect", NULL);

	num_attr(r, "x", x);
	num_attr(r, "y", y);
	num_attr(r, "width", w > 0 ? w : 0);
	num_attr(r, "height", h);
	html_attr(r, "fill", fill);
}

/* An <svg> of width × height with its accessible name (title, by id) and description. */
static struct html_node *svg_new(struct html_node *parent, int64_t width, int64_t height, const char *id, const char *title,
			  const char *desc)
{
	struct html_node *svg = html_el(parent, "svg", NULL), *g;
	char buf[64];

	html_attr(svg, "xmlns", "http://www.w3.org/2000/svg");
	snprintf(buf, sizeof(buf), "0 0 %lld %lld", (long long)width, (long long)height);
	html_attr(svg, "viewBox", buf);
	num_attr(svg, "width", width);
	html_attr(svg, "role", "img");
	html_attr(svg, "aria-labelledby", id);
	html_attr(html_el(svg, "title", title), "id", id);
	html_el(svg, "desc", desc);
	g = html_el(svg, "g", NULL);
	html_attr(g, "font-family", "Liberation Serif, Times New Roman, serif");
	html_attr(g, "font-size", "14");
	return g;
}

/* The tick labels of a scale under a chart, at `y`. */
static void svg_ticks(struct web *w, struct html_node *g, const struct chart_scale *sc, int64_t left, int64_t right,
		      int64_t y, int64_t grid_top, int64_t grid_bottom)
{
	for (size_t i = 0; i < sc->nticks; i++) {
		int64_t v = chart_scale_tick(sc, i), x = chart_scale_pos(sc, v, left, right);

		if (grid_bottom > grid_top)
			svg_line(g, x, grid_top, x, grid_bottom, "#bbb");
		strbuf_reset(&w->sb);
		chart_scale_label(sc, v, &w->sb);
		svg_text(g, x, y, w->sb.buf, "middle");
	}
}

/* ---- The ranking chart, as SVG ---------------------------------------------- */

/*
 * Horizontal bars of the index of the first `n` units of a group's ranking,
 * on the scale the PDF charts use (chart_scale_nice), with the group's
 * average as a dashed line.
 */
static void ranking_svg(struct web *w, struct html_node *parent, size_t g, size_t n, const char *label)
{
	const struct group_result *gr = &w->r->groups[g];
	const int64_t width = 640, name_w = 230, left = name_w + 10, right = width - 50;
	const int64_t row = 22, top = 10, bottom = top + (int64_t)n * row;
	int64_t hi = 10000;
	struct chart_scale sc;
	struct strbuf id = STRBUF_INIT, desc = STRBUF_INIT;
	struct html_node *ge;

	for (size_t k = 0; k < n; k++)
		if (w->r->units[w->r->order[gr->first + k]].index > hi)
			hi = w->r->units[w->r->order[gr->first + k]].index;
	chart_scale_nice(0, hi, 6, &sc);
	strbuf_addf(&id, "svg-%s", w->y->index.groups[g].code);
	if (n) {
		strbuf_addf(&desc, "%zu đơn vị; cao nhất %s: ", n, w->y->registry.units[w->r->order[gr->first]].name);
		vnfmt_add_hundredths(&desc, w->r->units[w->r->order[gr->first]].index);
		strbuf_addstr(&desc, "%; bình quân nhóm ");
		vnfmt_add_hundredths(&desc, gr->avg_index);
		strbuf_addstr(&desc, "%.");
	}
	ge = svg_new(parent, width, bottom + 26, id.buf, label, desc.buf);
	svg_ticks(w, ge, &sc, left, right, bottom + 16, top, bottom);
	for (size_t k = 0; k < n; k++) {
		size_t u = w->r->order[gr->first + k];
		const struct unit_result *ur = &w->r->units[u];
		int64_t y0 = top + (int64_t)k * row, x1 = chart_scale_pos(&sc, ur->index, left, right);
		char *v = pts(ur->index);

		svg_text(ge, name_w, y0 + 15, w->y->registry.units[u].name, "end");
		svg_rect(ge, left, y0 + 4, x1 - left, 14, "#1f4e79");
		svg_text(ge, x1 + 4, y0 + 15, v, NULL);
		free(v);
	}
	if (n) {
		int64_t x = chart_scale_pos(&sc, gr->avg_index, left, right);

		html_attr(svg_line(ge, x, top, x, bottom, "#b00"), "stroke-dasharray", "4 3");
	}
	html_el(parent, "figcaption", "Chỉ số cải cách hành chính (%) của từng đơn vị; đường đứt nét màu đỏ: bình quân nhóm.");
	strbuf_release(&id);
	strbuf_release(&desc);
}

/* ---- The ranking table ------------------------------------------------------ */

/* A table with its caption, in a box that scrolls sideways on a phone. */
static struct html_node *scroll_table(struct html_node *parent, const char *caption)
{
	struct html_node *box = html_el(parent, "div", NULL), *table;

	html_attr(box, "class", "scroll");
	html_attr(box, "tabindex", "0"); /* a scrolling box is reachable by keyboard */
	table = html_el(box, "table", NULL);
	html_el(table, "caption", caption);
	return table;
}

/* The ranking of units from .. from+n of group g (in ranking order). */
static void ranking_table(struct web *w, struct html_node *parent, size_t g, size_t from, size_t n, int links)
{
	const struct group_result *gr = &w->r->groups[g];
	const struct index *ix = &w->y->index;
	static const char *const heads[] = { "Hạng", "Đơn vị", "Tổng điểm", "Chỉ số (%)", "Xếp loại" };
	struct html_node *table, *tr, *thead, *tbody;

	strbuf_reset(&w->sb);
	strbuf_addf(&w->sb, "Xếp hạng Chỉ số cải cách hành chính năm %d: %s", ix->year, ix->groups[g].name);
	if (from == 0 && n < gr->n)
		strbuf_addf(&w->sb, " (%zu đơn vị đứng đầu trong %zu)", n, gr->n);
	else if (from)
		strbuf_addf(&w->sb, " (thứ %zu đến %zu trong %zu)", from + 1, from + n, gr->n);
	table = scroll_table(parent, w->sb.buf);
	thead = html_el(table, "thead", NULL);
	tr = html_el(thead, "tr", NULL);
	for (size_t k = 0; k < ARRAY_SIZE(heads); k++) {
		struct html_node *th = html_el(tr, "th", heads[k]);

		html_attr(th, "scope", "col");
		if (k != 1 && k != 4)
			html_attr(th, "class", "num");
	}
	if (w->r->units && gr->n && w->y->previous) {
		struct html_node *th = html_el(tr, "th", "Năm trước (%)");

		html_attr(th, "scope", "col");
		html_attr(th, "class", "num");
	}
	tbody = html_el(table, "tbody", NULL);
	for (size_t k = from; k < from + n; k++) {
		size_t u = w->r->order[gr->first + k];
		const struct unit_result *ur = &w->r->units[u];
		const struct unit *un = &w->y->registry.units[u];
		struct html_node *th;

		tr = html_el(tbody, "tr", NULL);
		strbuf_reset(&w->sb);
		if (ur->rank)
			strbuf_addf(&w->sb, "%d", ur->rank);
		num_cell(tr, w->sb.buf);
		th = html_el(tr, "th", NULL);
		html_attr(th, "scope", "row");
		if (links) {
			struct html_node *a = html_el(th, "a", un->name);

			strbuf_reset(&w->sb);
			strbuf_addf(&w->sb, "don-vi/%s.html", un->code);
			html_attr(a, "href", w->sb.buf);
		} else {
			html_text(th, un->name);
		}
		if (ur->scored) {
			pts_cell(tr, ur->total);
			pts_cell(tr, ur->index);
			html_el(tr, "td", ur->grade >= 0 ? ix->grades[ur->grade].label : "");
		} else {
			num_cell(tr, "");
			num_cell(tr, "");
			html_el(tr, "td", "Không chấm điểm");
		}
		if (w->y->previous) {
			if (ur->has_prev)
				pts_cell(tr, ur->prev_index);
			else
				num_cell(tr, "");
		}
	}
}

/* ---- The announcement ------------------------------------------------------- */

static const char *grade_count_text(struct web *w, size_t g)
{
	const struct group_result *gr = &w->r->groups[g];
	const struct index *ix = &w->y->index;

	strbuf_reset(&w->sb);
	for (size_t k = 0; k < ix->ngrades; k++) {
		size_t cnt = 0;

		for (size_t i = 0; i < gr->nscored; i++)
			cnt += w->r->units[w->r->order[gr->first + i]].grade == (int)k;
		if (!cnt)
			continue;
		strbuf_addf(&w->sb, "%s%zu đơn vị xếp loại %s", w->sb.len ? ", " : "", cnt, ix->grades[k].label);
	}
	return w->sb.buf;
}

static void lead(struct web *w, struct html_node *art)
{
	const struct index *ix = &w->y->index;
	char *auth = publication_authority_name(w->y->pub.authority, w->y->pub.place);
	struct strbuf p = STRBUF_INIT;
	size_t total = 0;

	for (size_t g = 0; g < w->r->ngroups; g++)
		total += w->r->groups[g].n;
	strbuf_addf(&p, "%s công bố Chỉ số cải cách hành chính năm %d của %zu cơ quan, đơn vị.", auth, ix->year,
		    total);
	html_el(art, "p", p.buf);
	/* One paragraph a group: its size, average, leader, grades and change. */
	for (size_t g = 0; g < w->r->ngroups; g++) {
		const struct group_result *gr = &w->r->groups[g];
		char *avg;

		if (!gr->nscored)
			continue;
		strbuf_reset(&p);
		avg = pts(gr->avg_index);
		strbuf_addf(&p, "%s: %zu đơn vị, chỉ số bình quân %s%%; ", ix->groups[g].name, gr->n, avg);
		free(avg);
		strbuf_addf(&p, "dẫn đầu là %s (", w->y->registry.units[w->r->order[gr->first]].name);
		vnfmt_add_hundredths(&p, w->r->units[w->r->order[gr->first]].index);
		strbuf_addstr(&p, "%); ");
		strbuf_addstr(&p, grade_count_text(w, g));
		if (w->y->previous) {
			size_t up = 0, down = 0;

			for (size_t i = 0; i < gr->nscored; i++) {
				const struct unit_result *ur = &w->r->units[w->r->order[gr->first + i]];

				up += ur->has_prev && ur->index_change > 0;
				down += ur->has_prev && ur->index_change < 0;
			}
			if (up || down)
				strbuf_addf(&p, "; so với năm %d, %zu đơn vị tăng chỉ số, %zu đơn vị giảm",
					    ix->year - 1, up, down);
		}
		strbuf_addch(&p, '.');
		html_el(art, "p", p.buf);
	}
	strbuf_release(&p);
	free(auth);
}

/* "quyet-dinh.pdf (1,2 MB)": the size of a file of the package, for its link. */
static void download(struct web *w, struct html_node *ul, const char *file, const char *what)
{
	char *path = path_join(w->pkgdir, file);
	struct stat st;
	struct html_node *li, *a;

	if (stat(path, &st) == 0) {
		li = html_el(ul, "li", NULL);
		a = html_el(li, "a", what);
		strbuf_reset(&w->sb);
		strbuf_addf(&w->sb, "../%s", file);
		html_attr(a, "href", w->sb.buf);
		strbuf_reset(&w->sb);
		strbuf_addf(&w->sb, " (%s, ", file);
		if (st.st_size >= 1024 * 1024) {
			vnfmt_add_hundredths(&w->sb, (int64_t)st.st_size * 100 / (1024 * 1024));
			strbuf_addstr(&w->sb, " MB)");
		} else {
			vnfmt_add_int(&w->sb, ((int64_t)st.st_size + 1023) / 1024);
			strbuf_addstr(&w->sb, " KB)");
		}
		html_text(li, w->sb.buf);
	}
	free(path);
}

static struct html_node *announcement(struct web *w, struct html_node *main)
{
	const struct index *ix = &w->y->index;
	struct html_node *art = html_el(main, "article", NULL), *ul, *sec;
	char *date = publication_date_text(w->y->pub.date);

	if (w->c->draft)
		draft_note(art);

	strbuf_reset(&w->sb);
	strbuf_addf(&w->sb, "Công bố Chỉ số cải cách hành chính năm %d", ix->year);
	html_el(art, "h1", w->sb.buf);
	strbuf_reset(&w->sb);
	strbuf_addf(&w->sb, "%s, %s", w->y->pub.place ? w->y->pub.place : "", date);
	html_attr(html_el(art, "p", w->sb.buf), "class", "date");
	free(date);
	lead(w, art);
	for (size_t g = 0; g < w->r->ngroups; g++) {
		const struct group_result *gr = &w->r->groups[g];
		size_t n = gr->n > WEB_TOP ? WEB_TOP : gr->n;
		struct html_node *fig;

		if (!gr->n)
			continue;
		sec = html_el(art, "section", NULL);
		html_el(sec, "h2", ix->groups[g].name);
		ranking_table(w, sec, g, 0, n, 1);
		if (n < gr->n) {
			struct html_node *p = html_el(sec, "p", NULL), *a;

			strbuf_reset(&w->sb);
			strbuf_addf(&w->sb, "Xem xếp hạng đủ %zu đơn vị của nhóm", gr->n);
			a = html_el(p, "a", w->sb.buf);
			strbuf_reset(&w->sb);
			strbuf_addf(&w->sb, "nhom-%s.html", ix->groups[g].code);
			html_attr(a, "href", w->sb.buf);
		}
		fig = html_el(sec, "figure", NULL);
		strbuf_reset(&w->sb);
		strbuf_addf(&w->sb, "Biểu đồ chỉ số cải cách hành chính năm %d: %s", ix->year, ix->groups[g].name);
		{
			char *label = strbuf_detach(&w->sb);

			ranking_svg(w, fig, g, gr->nscored > WEB_TOP ? WEB_TOP : gr->nscored, label);
			free(label);
		}
	}
	sec = html_el(art, "section", NULL);
	html_el(sec, "h2", "Văn bản và số liệu");
	ul = html_el(sec, "ul", NULL);
	download(w, ul, "quyet-dinh.pdf", "Quyết định công bố và các Phụ lục");
	download(w, ul, "bieu-do.pdf", "Biểu đồ so sánh");
	download(w, ul, "doi-chieu.pdf", "Báo cáo đối chiếu kết quả tự đánh giá và thẩm định");
	download(w, ul, "results.csv", "Kết quả các đơn vị (CSV)");
	download(w, ul, "results-excel.csv", "Kết quả các đơn vị (CSV cho Excel)");
	download(w, ul, "items.csv", "Điểm từng tiêu chí (CSV)");
	return art;
}

/* ---- A unit's page ---------------------------------------------------------- */

static void unit_fields_svg(struct web *w, struct html_node *parent, size_t u)
{
	const struct index *ix = &w->y->index;
	const struct unit_result *ur = &w->r->units[u];
	const struct group_result *gr = &w->r->groups[w->y->registry.units[u].group];
	const int64_t width = 640, left = 60, right = width - 50, row = 30, top = 10;
	const int64_t height = top + (int64_t)ix->nfields * row + 26;
	static const char *const fills[2] = { "#1f4e79", "#9db7d1" };
	struct chart_scale sc;
	struct strbuf desc = STRBUF_INIT;
	struct html_node *ge;

	chart_scale_nice(0, 10000, 5, &sc);
	for (size_t f = 0; f < ix->nfields; f++) {
		if (!ur->field_max[f])
			continue;
		strbuf_addf(&desc, "%sLĩnh vực %s: ", desc.len ? "; " : "", ix->fields[f].code);
		vnfmt_add_hundredths(&desc, ur->field_index[f]);
		strbuf_addstr(&desc, "% (bình quân nhóm ");
		vnfmt_add_hundredths(&desc, gr->avg_field_index[f]);
		strbuf_addstr(&desc, "%)");
	}
	ge = svg_new(parent, width, height, "svg-fields",
		     "Chỉ số thành phần theo lĩnh vực của đơn vị và bình quân nhóm", desc.buf);
	svg_ticks(w, ge, &sc, left, right, height - 8, 0, 0);
	for (size_t f = 0; f < ix->nfields; f++) {
		int64_t y0 = top + (int64_t)f * row;
		const int64_t vals[2] = { ur->field_max[f] ? ur->field_index[f] : 0, gr->avg_field_index[f] };

		svg_text(ge, left - 8, y0 + 18, ix->fields[f].code, "end");
		for (int k = 0; k < 2; k++)
			svg_rect(ge, left, y0 + 3 + k * 12, chart_scale_pos(&sc, vals[k], left, right) - left, 11, fills[k]);
	}
	strbuf_release(&desc);
}

static int unit_page(struct web *w, size_t u, const char *dir)
{
	const struct index *ix = &w->y->index;
	const struct unit *un = &w->y->registry.units[u];
	const struct unit_result *ur = &w->r->units[u];
	struct html_node *main, *table, *tr, *th, *tbody;
	struct html *doc;
	char *path, *title;
	int ret;

	strbuf_reset(&w->sb);
	strbuf_addf(&w->sb, "%s: Chỉ số cải cách hành chính năm %d", un->name, ix->year);
	title = strbuf_detach(&w->sb);
	doc = page_doc(title, w->c->draft, &main);
	if (w->c->draft)
		draft_note(main);
	html_el(main, "h1", title);
	free(title);
	{
		struct html_node *p = html_el(main, "p", NULL), *a = html_el(p, "a", "Trở về trang công bố");

		html_attr(a, "href", "../index.html");
	}
	table = scroll_table(main, "Kết quả chung");
	tbody = html_el(table, "tbody", NULL);
	{
		struct { const char *label; int64_t v; int has; } rows[] = {
			{ "Tổng điểm", ur->total, ur->scored },
			{ "Điểm tối đa áp dụng", ur->max, ur->scored },
			{ "Chỉ số (%)", ur->index, ur->scored },
			{ "Chỉ số năm trước (%)", ur->prev_index, ur->has_prev },
		};

		for (size_t k = 0; k < ARRAY_SIZE(rows); k++) {
			if (!rows[k].has)
				continue;
			tr = html_el(tbody, "tr", NULL);
			th = html_el(tr, "th", rows[k].label);
			html_attr(th, "scope", "row");
			pts_cell(tr, rows[k].v);
		}
		if (ur->scored) {
			tr = html_el(tbody, "tr", NULL);
			html_attr(html_el(tr, "th", "Xếp hạng trong nhóm"), "scope", "row");
			strbuf_reset(&w->sb);
			strbuf_addf(&w->sb, "%d / %zu", ur->rank, w->r->groups[un->group].nscored);
			num_cell(tr, w->sb.buf);
			tr = html_el(tbody, "tr", NULL);
			html_attr(html_el(tr, "th", "Xếp loại"), "scope", "row");
			html_el(tr, "td", ur->grade >= 0 ? ix->grades[ur->grade].label : "");
		}
	}
	if (ur->scored) {
		struct html_node *fig;

		html_el(main, "h2", "Chỉ số thành phần theo lĩnh vực");
		fig = html_el(main, "figure", NULL);
		unit_fields_svg(w, fig, u);
		html_el(fig, "figcaption", "Thanh trên (màu đậm): chỉ số của đơn vị; thanh dưới (màu nhạt): bình quân nhóm; "
				      "theo % điểm tối đa áp dụng của từng lĩnh vực.");
	}
	html_el(main, "h2", "Điểm từng tiêu chí");
	table = scroll_table(main, "Điểm tự chấm, điểm cuối cùng và lý do điều chỉnh");
	tr = html_el(html_el(table, "thead", NULL), "tr", NULL);
	{
		static const char *const heads[] = { "Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Điểm cuối cùng",
						     "Lý do điều chỉnh" };

		for (size_t k = 0; k < ARRAY_SIZE(heads); k++) {
			th = html_el(tr, "th", heads[k]);
			html_attr(th, "scope", "col");
			if (k >= 2 && k <= 4)
				html_attr(th, "class", "num");
		}
	}
	tbody = html_el(table, "tbody", NULL);
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];
		const struct item_result *ir = &ur->items[i];

		if (!ir->applies)
			continue;
		tr = html_el(tbody, "tr", NULL);
		num_cell(tr, it->code);
		th = html_el(tr, "th", it->name);
		html_attr(th, "scope", "row");
		pts_cell(tr, it->max);
		if (ir->self_na)
			num_cell(tr, "Không áp dụng");
		else
			pts_cell(tr, ir->self);
		if (ir->final_na)
			num_cell(tr, "Không áp dụng");
		else
			pts_cell(tr, ir->final);
		strbuf_reset(&w->sb);
		if (ir->changed_by && !strcmp(ir->changed_by, "rule"))
			strbuf_addstr(&w->sb, "Theo quy tắc chấm trên số liệu của đơn vị");
		else if (ir->changed_by)
			strbuf_addf(&w->sb, "Vòng %d: %s", year_round_of(w->y, ir->changed_by), ir->reason ? ir->reason : "");
		html_el(tr, "td", w->sb.buf);
	}
	path = path_join(dir, un->code);
	strbuf_reset(&w->sb);
	strbuf_addf(&w->sb, "%s.html", path);
	free(path);
	ret = save(doc, NULL, w->sb.buf);
	html_free(doc);
	return ret;
}

/* ---- A group's whole ranking ------------------------------------------------ */

/* "nhom-XP.html", then "nhom-XP-2.html", … for the pages of a large group. */
static void group_file(struct strbuf *sb, const char *code, size_t page)
{
	strbuf_reset(sb);
	if (page)
		strbuf_addf(sb, "nhom-%s-%zu.html", code, page + 1);
	else
		strbuf_addf(sb, "nhom-%s.html", code);
}

static int group_page(struct web *w, size_t g, size_t page, size_t npages, const char *dir)
{
	const struct index *ix = &w->y->index;
	const struct group_result *gr = &w->r->groups[g];
	size_t from = page * WEB_PAGE_ROWS, n = gr->n - from < WEB_PAGE_ROWS ? gr->n - from : WEB_PAGE_ROWS;
	struct html_node *main, *nav;
	struct html *doc;
	char *title, *path;
	int ret;

	strbuf_reset(&w->sb);
	strbuf_addf(&w->sb, "Chỉ số cải cách hành chính năm %d: %s", ix->year, ix->groups[g].name);
	if (npages > 1)
		strbuf_addf(&w->sb, " (trang %zu/%zu)", page + 1, npages);
	title = strbuf_detach(&w->sb);
	doc = page_doc(title, w->c->draft, &main);
	if (w->c->draft)
		draft_note(main);
	html_el(main, "h1", title);
	nav = html_el(main, "nav", NULL);
	html_attr(nav, "aria-label", "Các trang");
	{
		struct html_node *a = html_el(nav, "a", "Trở về trang công bố");

		html_attr(a, "href", "index.html");
	}
	for (size_t k = 0; npages > 1 && k < npages; k++) {
		struct html_node *a;

		html_text(nav, " · ");
		strbuf_reset(&w->sb);
		strbuf_addf(&w->sb, "Trang %zu", k + 1);
		a = html_el(nav, "a", w->sb.buf);
		group_file(&w->sb, ix->groups[g].code, k);
		html_attr(a, "href", w->sb.buf);
		if (k == page)
			html_attr(a, "aria-current", "page");
	}
	ranking_table(w, main, g, from, n, 1);
	if (page == 0)
		ranking_svg(w, html_el(main, "figure", NULL), g, gr->nscored > WEB_CHART_MAX ? WEB_CHART_MAX : gr->nscored,
			    title);
	free(title);
	group_file(&w->sb, ix->groups[g].code, page);
	path = path_join(dir, w->sb.buf);
	ret = save(doc, NULL, path);
	free(path);
	html_free(doc);
	return ret;
}

int web_unit(const struct render_ctx *c, size_t u, const char *dir)
{
	struct web w = { .c = c, .y = c->y, .r = c->r, .sb = STRBUF_INIT };
	char *units_dir = path_join(dir, "don-vi");
	int ret = u < w.y->registry.nunits && u < w.r->nunits ? unit_page(&w, u, units_dir) : 0;

	free(units_dir);
	strbuf_release(&w.sb);
	return ret ? RENDER_IO : RENDER_OK;
}

int web_render(const struct render_ctx *c, const char *pkgdir, const char *dir)
{
	struct web w = { .c = c, .y = c->y, .r = c->r, .pkgdir = pkgdir, .sb = STRBUF_INIT };
	struct html_node *main, *art;
	struct html *doc;
	char *units_dir = path_join(dir, "don-vi"), *path;
	int ret = 0;

	if (mkdir_p(units_dir) < 0) {
		error("cannot create folder '%s': %s", units_dir, strerror(errno));
		free(units_dir);
		return RENDER_IO;
	}
	strbuf_addf(&w.sb, "Công bố Chỉ số cải cách hành chính năm %d", w.y->index.year);
	{
		char *title = strbuf_detach(&w.sb);

		doc = page_doc(title, w.c->draft, &main);
		free(title);
	}
	art = announcement(&w, main);
	path = path_join(dir, "index.html");
	ret |= save(doc, NULL, path);
	free(path);
	path = path_join(dir, "bai-dang.html");
	ret |= save(doc, art, path);
	free(path);
	html_free(doc);
	for (size_t g = 0; g < w.r->ngroups && !ret; g++) {
		size_t npages = (w.r->groups[g].n + WEB_PAGE_ROWS - 1) / WEB_PAGE_ROWS;

		for (size_t k = 0; k < npages && !ret; k++)
			ret |= group_page(&w, g, k, npages, dir);
	}
	free(units_dir);
	strbuf_release(&w.sb);
	return ret ? RENDER_IO : RENDER_OK;
}
