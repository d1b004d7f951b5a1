/*
 * parx-gen: writes a valid year folder of N units over a given index, with
 * realistic random submissions, two appraisal rounds and a previous.csv,
 * deterministic for a seed. For benchmarks and scale tests, not for users.
 *
 *     parx-gen [-s SEED] N SOURCE_YEAR OUT_FOLDER
 *
 * SOURCE_YEAR provides index.xml and publication.xml (copied as they are).
 * About a third of the units go to the index's first group, the rest to the
 * others. Self scores follow each item's rule on the unit's raw data, with a
 * few deliberate disagreements, not-applicable declarations and wrong
 * declared totals, as a real year has.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/common.h"
#include "base/fileio.h"
#include "input/index.h"
#include "base/points.h"
#include "score/scoring.h"
#include "base/strbuf.h"

static uint64_t rng_state = 88172645463325252ULL;

/* xorshift64*: small, fast and the same everywhere. */
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int64_t rnd_in(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

static int chance(int percent)
{
	return (int)(rnd() % 100) < percent;
}

static const char *const syllables[] = {
	"Tân", "Phú", "Hòa", "Thạnh", "Mỹ", "An", "Bình", "Long", "Phước", "Đông", "Tây", "Hưng",
	"Lợi", "Thới", "Khánh", "Vĩnh", "Hiệp", "Thuận", "Nhơn", "Quới", "Trung", "Hậu", "Lộc", "Định",
};

static const char *const agencies[] = {
	"Văn phòng HĐND và UBND", "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch",
	"Phòng Tài nguyên và Môi trường", "Phòng Lao động - Thương binh và Xã hội",
	"Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Thanh tra",
	"Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Kinh tế và Hạ tầng",
};

static const struct {
	const char *kind, *symbol, *about;
} evidence[] = {
	{ "Kế hoạch", "KH", "về cải cách hành chính" },
	{ "Báo cáo", "BC", "về kết quả thực hiện nhiệm vụ" },
	{ "Quyết định", "QĐ", "của Chủ tịch UBND" },
	{ "Thông báo", "TB", "về kết luận kiểm tra" },
};

static void write_file(const char *dir, const char *name, const struct strbuf *sb)
{
	char *p = path_join(dir, name);

	if (file_write_atomic(p, sb->buf, sb->len) < 0)
		exit(3);
	free(p);
}

static void copy_file(const char *from_dir, const char *to_dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag d;
	char *p = path_join(from_dir, name);

	diag_init(&d);
	if (file_read(p, &sb, &d) < 0)
		die(3, "cannot read '%s'", p);
	write_file(to_dir, name, &sb);
	free(p);
	strbuf_release(&sb);
	diag_release(&d);
}

struct gunit {
	char code[32];
	int group;
	int64_t index; /* a plausible previous index */
};

/* A self score for `it` on new raw data; returns the attributes in sb. */
static void score_attrs(struct strbuf *sb, const struct item *it, int64_t *self_out)
{
	char buf[POINTS_BUFSZ];
	int64_t self = 0;

	switch (it->rule) {
	case RULE_LEVELS:
		self = it->levels[chance(70) ? 0 : rnd_in(0, (int64_t)it->nlevels - 1)].points;
		/* levels are listed in any order: prefer the max */
		if (chance(70))
			for (size_t l = 0; l < it->nlevels; l++)
				if (it->levels[l].points == it->max)
					self = it->max;
		break;
	case RULE_SCALE:
		self = chance(60) ? it->max : rnd_in(0, it->max) / 25 * 25;
		break;
	case RULE_RATIO:
	case RULE_PROPORTIONAL: {
		int64_t den = chance(8) ? 0 : rnd_in(1, 400);
		int64_t num = den ? den - (chance(50) ? 0 : rnd_in(0, den / 4)) : 0;

		self = scoring_rule(it, num, den, 0, 0);
		if (chance(3))
			self = self ? 0 : it->max; /* a unit that misreads its own data */
		strbuf_addf(sb, " numerator=\"%lld\" denominator=\"%lld\"", (long long)num, (long long)den);
		break;
	}
	case RULE_COUNT: {
		int64_t count = chance(60) ? 0 : rnd_in(1, 4);

		self = scoring_rule(it, 0, 0, count, 0);
		strbuf_addf(sb, " count=\"%lld\"", (long long)count);
		break;
	}
	}
	strbuf_addf(sb, " self=\"%s\"", points_format(self, '.', buf));
	*self_out = self;
}

static void submission(const struct index *ix, const struct gunit *u, const char *id,
		       struct strbuf *sb)
{
	int64_t total = 0;
	char buf[POINTS_BUFSZ];

	strbuf_reset(sb);
	strbuf_addf(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<submission xmlns=\"urn:parx:submission:1\" index=\"%s\" unit=\"%s\" date=\"%d-01-%02d\">\n",
		    id, u->code, ix->year + 1, (int)rnd_in(2, 15));
	for (size_t i = 0; i < ix->nitems; i++) {
		const struct item *it = &ix->items[i];
		int64_t self;

		if (!it->in_group[u->group])
			continue;
		if (it->kind != KIND_ITEM && !chance(25))
			continue;
		if (it->na_allowed && chance(5)) {
			strbuf_addf(sb, "  <score code=\"%s\" na=\"true\"><note>Đơn vị không phát sinh nhiệm vụ này trong năm %d</note></score>\n",
				    it->code, ix->year);
			continue;
		}
		strbuf_addf(sb, "  <score code=\"%s\"", it->code);
		score_attrs(sb, it, &self);
		total += it->kind == KIND_PENALTY ? -self : self;
		if (chance(60)) {
			size_t e = rnd() % ARRAY_SIZE(evidence);

			strbuf_addstr(sb, ">\n    <evidence>");
			strbuf_addf(sb, "%s số %d/%s-UBND ngày %02d/%02d/%d %s", evidence[e].kind,
				    (int)rnd_in(1, 400), evidence[e].symbol, (int)rnd_in(1, 28),
				    (int)rnd_in(1, 12), ix->year, evidence[e].about);
			strbuf_addstr(sb, "</evidence>\n  </score>\n");
		} else {
			strbuf_addstr(sb, "/>\n");
		}
	}
	if (chance(50))
		strbuf_addf(sb, "  <declared-total>%s</declared-total>\n",
			    points_format(total < 0 ? 0 : total + (chance(5) ? 50 : 0), '.', buf));
	strbuf_addstr(sb, "</submission>\n");
}

/* Two appraisal rounds: changes to levels/scale items of ~10 % of the units. */
static void appraisal(const struct index *ix, const struct gunit *units, size_t n, const char *dir)
{
	struct strbuf r1 = STRBUF_INIT, r2 = STRBUF_INIT;
	char buf[POINTS_BUFSZ];

	strbuf_addstr(&r1, "unit,code,score,reason\r\n");
	strbuf_addstr(&r2, "unit;code;score;reason\r\n");
	for (size_t u = 0; u < n; u++) {
		if (!chance(10))
			continue;
		for (int k = 0; k < 2; k++) {
			size_t i = (size_t)rnd_in(0, (int64_t)ix->nitems - 1);
			const struct item *it = &ix->items[i];
			int64_t v;

			if (it->kind != KIND_ITEM || !it->in_group[units[u].group] ||
			    (it->rule != RULE_LEVELS && it->rule != RULE_SCALE))
				continue;
			v = it->rule == RULE_LEVELS ? it->levels[rnd() % it->nlevels].points
						    : rnd_in(0, it->max) / 25 * 25;
			strbuf_addf(&r1, "%s,%s,%s,\"Hồ sơ minh chứng chưa đầy đủ, điều chỉnh theo kết quả thẩm định\"\r\n",
				    units[u].code, it->code, points_format(v, '.', buf));
			if (chance(30))
				strbuf_addf(&r2, "%s;%s;%s;\"Đơn vị giải trình, bổ sung tài liệu; giữ điểm tự chấm\"\r\n",
					    units[u].code, it->code, points_format(it->max, ',', buf));
		}
	}
	write_file(dir, "appraisal/01-tham-dinh.csv", &r1);
	write_file(dir, "appraisal/02-giai-trinh.csv", &r2);
	strbuf_release(&r1);
	strbuf_release(&r2);
}

int main(int argc, char **argv)
{
	struct year y;
	struct diag d;
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;
	struct gunit *units;
	size_t n;
	int opt_at = 1;
	char buf[POINTS_BUFSZ];

	diag_set_prog(argv[0]);
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		rng_state ^= strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL;
		opt_at = 3;
	}
	if (argc - opt_at != 3)
		die(2, "usage: parx-gen [-s SEED] N SOURCE_YEAR OUT_FOLDER");
	n = strtoul(argv[opt_at], NULL, 10);
	if (n < 1 || n > 100000)
		die(2, "N must be from 1 to 100000");
	memset(&y, 0, sizeof(y));
	y.dir = xstrdup(argv[opt_at + 1]);
	diag_init(&d);
	index_load(&y, &d);
	if (!y.index_ok) {
		diag_print(&d, stderr, 0);
		die(1, "the source index has errors");
	}
	for (const char *sub = "submissions"; sub; sub = !strcmp(sub, "submissions") ? "appraisal" : NULL) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", argv[opt_at + 2], sub);
		if (mkdir_p(path.buf) < 0)
			die(3, "cannot create '%s': %s", path.buf, strerror(errno));
	}
	copy_file(y.dir, argv[opt_at + 2], "index.xml");
	copy_file(y.dir, argv[opt_at + 2], "publication.xml");

	units = xcalloc(n, sizeof(*units));
	strbuf_addstr(&sb, "code,name,group\r\n");
	for (size_t u = 0; u < n; u++) {
		int g = y.index.ngroups < 2 || u % 3 == 0 ? 0 : 1 + (int)(u % (y.index.ngroups - 1));
		const char *gc = y.index.groups[g].code;

		units[u].group = g;
		snprintf(units[u].code, sizeof(units[u].code), "%.8s-%05zu", gc, u + 1);
		strbuf_addf(&sb, "%s,", units[u].code);
		if (g == 0)
			strbuf_addf(&sb, "%s %s %s", agencies[rnd() % ARRAY_SIZE(agencies)],
				    syllables[rnd() % ARRAY_SIZE(syllables)], syllables[rnd() % ARRAY_SIZE(syllables)]);
		else
			strbuf_addf(&sb, "UBND xã %s %s", syllables[rnd() % ARRAY_SIZE(syllables)],
				    syllables[rnd() % ARRAY_SIZE(syllables)]);
		strbuf_addf(&sb, " %zu,%s\r\n", u + 1, gc);
	}
	write_file(argv[opt_at + 2], "units.csv", &sb);

	for (size_t u = 0; u < n; u++) {
		submission(&y.index, &units[u], y.index.id, &sb);
		strbuf_reset(&path);
		strbuf_addf(&path, "submissions/%s.xml", units[u].code);
		write_file(argv[opt_at + 2], path.buf, &sb);
	}
	appraisal(&y.index, units, n, argv[opt_at + 2]);

	/* previous.csv: most units known last year, ranks from a random index. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "unit_code,index,rank\r\n");
	for (size_t u = 0; u < n; u++)
		if (chance(95))
			strbuf_addf(&sb, "%s,%s,%zu\r\n", units[u].code,
				    points_format(rnd_in(6000, 9900), '.', buf), (size_t)rnd_in(1, (int64_t)n));
	write_file(argv[opt_at + 2], "previous.csv", &sb);

	free(units);
	strbuf_release(&sb);
	strbuf_release(&path);
	index_release(&y.index);
	for (size_t i = 0; i < y.nfiles; i++)
		free(y.files[i].path);
	free(y.files);
	free(y.dir);
	diag_release(&d);
	return 0;
}
