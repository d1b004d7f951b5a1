/*
 * vnwords.c: the compounds a centred title keeps on one line (vnwords.h).
 *
 * The list is deliberately short: the words of the decision's titles, annex
 * titles and authority names, where a bad break is seen. Matching is on lower
 * case (vnfmt_lower), so "ỦY BAN" and "Ủy ban" are the same compound.
 */
#include "typeset/vnwords.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/vnfmt.h"

static const char *const compounds[] = {
	"ủy ban", "nhân dân", "hội đồng", "chủ tịch", "cơ quan", "đơn vị", "chuyên môn",
	"cải cách", "hành chính", "chỉ số", "kết quả", "công bố", "quyết định", "ban hành",
	"lĩnh vực", "tiêu chí", "thành phần", "nội vụ", "văn phòng", "phụ lục", "đánh giá",
	"xếp hạng", "xếp loại", "thành phố", "thị xã", "thị trấn", "đặc khu", "địa bàn",
	"địa phương", "chính quyền", "tổ chức", "nhà nước", "chương trình", "giai đoạn",
	"trực thuộc", "sở, ban, ngành", "xã, phường", "việt nam",
	"năm #", "lục #", "số #",
};

struct entry {
	char **w;   /* lower-case words */
	size_t n;
};

struct vnwords {
	struct entry *v;
	size_t n, alloc;
};

/* The word w[0..n) without surrounding punctuation, lower case; NULL on bad UTF-8. */
static char *key(const char *w, size_t n)
{
	char *t, *low;

	while (n && strchr("(\"", *w)) {
		w++;
		n--;
	}
	while (n && strchr(",;:.)\"", w[n - 1]))
		n--;
	t = xstrndup(w, n);
	low = vnfmt_lower(t);
	free(t);
	return low;
}

static int is_number(const char *s)
{
	size_t d = strspn(s, "0123456789"), r = strspn(s, "ivxlcdm");

	return *s && (!s[d] || !s[r]);
}

void vnwords_add(struct vnwords *vw, const char *name)
{
	struct entry e = { NULL, 0 };
	size_t alloc = 0;

	for (const char *p = name; *p;) {
		const char *s;
		char *k;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		s = p;
		while (*p && *p != ' ')
			p++;
		k = key(s, (size_t)(p - s));
		if (!k)
			continue;
		xgrow(&e.w, &alloc, e.n + 1, sizeof(*e.w));
		e.w[e.n++] = k;
	}
	if (e.n < 2) {
		for (size_t i = 0; i < e.n; i++)
			free(e.w[i]);
		free(e.w);
		return;
	}
	xgrow(&vw->v, &vw->alloc, vw->n + 1, sizeof(*vw->v));
	vw->v[vw->n++] = e;
}

struct vnwords *vnwords_new(void)
{
	struct vnwords *vw = xcalloc(1, sizeof(*vw));

	for (size_t i = 0; i < ARRAY_SIZE(compounds); i++)
		vnwords_add(vw, compounds[i]);
	return vw;
}

void vnwords_free(struct vnwords *vw)
{
	if (!vw)
		return;
	for (size_t i = 0; i < vw->n; i++) {
		for (size_t k = 0; k < vw->v[i].n; k++)
			free(vw->v[i].w[k]);
		free(vw->v[i].w);
	}
	free(vw->v);
	free(vw);
}

void vnwords_glue(const struct vnwords *vw, const char *const *word, const size_t *len, size_t n,
		  unsigned char *glue)
{
	char **k = xcalloc(n ? n : 1, sizeof(*k));

	for (size_t i = 0; i < n; i++) {
		k[i] = key(word[i], len[i]);
		if (i + 1 < n)
			glue[i] = 0;
	}
	for (size_t e = 0; e < vw->n; e++) {
		const struct entry *en = &vw->v[e];

		for (size_t i = 0; i + en->n <= n; i++) {
			size_t j = 0;

			for (; j < en->n; j++) {
				const char *have = k[i + j], *want = en->w[j];

				if (!have || (strcmp(want, "#") ? strcmp(have, want) : !is_number(have)))
					break;
			}
			if (j == en->n)
				for (j = 0; j + 1 < en->n; j++)
					glue[i + j] = 1;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(k[i]);
	free(k);
}
