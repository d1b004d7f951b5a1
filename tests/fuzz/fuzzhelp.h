/*
 * fuzzhelp.h: what the fuzz targets share (header-only, like tests/unit/tmpdir.h).
 *
 * The loaders read files, so each target keeps one scratch year folder for
 * the whole process (created on the first input, under /dev/shm when it can,
 * removed at exit) holding a small valid year, the MINI fixture below (a
 * copy of tests/data/mini cut to two units, A1 of group A and B1 of group B,
 * both with valid submissions so that a year without errors gets scored).
 * Each input overwrites the one file its target fuzzes.
 *
 * PARX_FUZZ_PRINT=1 in the environment prints each input's diagnostics on
 * stderr (for writing case folders from a corpus entry).
 */
#ifndef PARX_FUZZHELP_H
#define PARX_FUZZHELP_H

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "score/csvout.h"
#include "base/diag.h"
#include "score/scoring.h"
#include "base/strbuf.h"
#include "model/year.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_mini_index[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<index xmlns=\"urn:parx:index:1\" id=\"MINI-2024\" year=\"2024\" scale=\"10\" cap=\"false\">\n"
	"  <title>Bộ Chỉ số cải cách hành chính thu gọn dùng cho kiểm thử</title>\n"
	"  <group code=\"A\">Cơ quan chuyên môn</group>\n"
	"  <group code=\"B\">Ủy ban nhân dân xã</group>\n"
	"  <field code=\"1\" name=\"Công tác chỉ đạo, điều hành\">\n"
	"    <criterion code=\"1.1\" name=\"Kế hoạch cải cách hành chính\">\n"
	"      <item code=\"1.1.1\" name=\"Ban hành kế hoạch cải cách hành chính năm\" max=\"2\" rule=\"levels\">\n"
	"        <level points=\"2\">Ban hành kịp thời</level>\n"
	"        <level points=\"1\">Ban hành không kịp thời</level>\n"
	"        <level points=\"0\">Không ban hành</level>\n"
	"      </item>\n"
	"      <item code=\"1.1.2\" name=\"Tự kiểm tra công tác cải cách hành chính\" max=\"1\" rule=\"scale\" groups=\"A\"/>\n"
	"    </criterion>\n"
	"    <criterion code=\"1.2\" name=\"Thực hiện kế hoạch\">\n"
	"      <item code=\"1.2.1\" name=\"Tỷ lệ nhiệm vụ hoàn thành\" max=\"3\" rule=\"ratio\" empty=\"zero\">\n"
	"        <band from=\"100\" points=\"3\"/>\n"
	"        <band from=\"80\" points=\"2\"/>\n"
	"        <band from=\"50\" points=\"1\"/>\n"
	"        <band from=\"0\" points=\"0\"/>\n"
	"      </item>\n"
	"    </criterion>\n"
	"  </field>\n"
	"  <field code=\"2\" name=\"Hiện đại hóa hành chính\">\n"
	"    <criterion code=\"2.1\" name=\"Dịch vụ công trực tuyến\">\n"
	"      <item code=\"2.1.1\" name=\"Tỷ lệ hồ sơ trực tuyến toàn trình\" max=\"2\" rule=\"proportional\" target=\"80\" na=\"allowed\"/>\n"
	"      <item code=\"2.1.2\" name=\"Bộ phận Một cửa xã bố trí đủ trang thiết bị\" max=\"1\" rule=\"levels\" groups=\"B\">\n"
	"        <level points=\"1\">Đạt</level>\n"
	"        <level points=\"0\">Không đạt</level>\n"
	"      </item>\n"
	"      <item code=\"2.1.3\" name=\"Số thủ tục hành chính được số hóa kết quả\" max=\"2\" rule=\"count\" per=\"0.5\"/>\n"
	"    </criterion>\n"
	"  </field>\n"
	"  <bonuses max=\"1\">\n"
	"    <bonus code=\"C1\" name=\"Sáng kiến cải cách hành chính được công nhận\" max=\"1.5\" rule=\"count\" per=\"0.5\"/>\n"
	"  </bonuses>\n"
	"  <penalties max=\"1\">\n"
	"    <penalty code=\"T1\" name=\"Hồ sơ trễ hạn không có văn bản xin lỗi\" max=\"2\" rule=\"count\" per=\"0.25\"/>\n"
	"  </penalties>\n"
	"  <grades>\n"
	"    <grade from=\"90\" label=\"Tốt\"/>\n"
	"    <grade from=\"70\" label=\"Khá\"/>\n"
	"    <grade from=\"0\" label=\"Yếu\"/>\n"
	"  </grades>\n"
	"</index>\n";

static const char fuzz_mini_units[] =
	"code,name,group\n"
	"A1,Phòng Nội vụ,A\n"
	"B1,UBND xã Tân Thới,B\n";

static const char fuzz_mini_publication[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<publication xmlns=\"urn:parx:publication:1\">\n"
	"  <superior>ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG</superior>\n"
	"  <authority>ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG</authority>\n"
	"  <number>7</number>\n"
	"  <symbol>QĐ-UBND</symbol>\n"
	"  <place>Tân Phú Đông</place>\n"
	"  <date>2025-01-15</date>\n"
	"  <title>Về việc công bố Chỉ số cải cách hành chính năm 2024 (dữ liệu kiểm thử)</title>\n"
	"  <basis>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015</basis>\n"
	"  <proposal>Theo đề nghị của Trưởng phòng Nội vụ huyện</proposal>\n"
	"  <signer>\n"
	"    <on-behalf>KT.</on-behalf>\n"
	"    <title>CHỦ TỊCH</title>\n"
	"    <position>PHÓ CHỦ TỊCH</position>\n"
	"    <name>Trần Văn Phúc</name>\n"
	"  </signer>\n"
	"  <recipients>\n"
	"    <recipient>Như Điều 3</recipient>\n"
	"    <recipient>Lưu: VT, NV</recipient>\n"
	"  </recipients>\n"
	"</publication>\n";

static const char fuzz_mini_a1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<submission xmlns=\"urn:parx:submission:1\" index=\"MINI-2024\" unit=\"A1\" date=\"2025-01-03\">\n"
	"  <score code=\"1.1.1\" self=\"2\">\n"
	"    <evidence>Kế hoạch số 3/KH-PNV ngày 05/01/2024 của Phòng Nội vụ</evidence>\n"
	"  </score>\n"
	"  <score code=\"1.1.2\" self=\"1\"/>\n"
	"  <score code=\"1.2.1\" self=\"3\" numerator=\"10\" denominator=\"10\"/>\n"
	"  <score code=\"2.1.1\" self=\"1.75\" numerator=\"70\" denominator=\"100\"/>\n"
	"  <score code=\"2.1.3\" self=\"1.5\" count=\"3\"/>\n"
	"  <score code=\"C1\" self=\"1.5\" count=\"3\"/>\n"
	"  <declared-total>10.25</declared-total>\n"
	"</submission>\n";

static const char fuzz_mini_b1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<submission xmlns=\"urn:parx:submission:1\" index=\"MINI-2024\" unit=\"B1\" date=\"2025-01-05\">\n"
	"  <score code=\"1.1.1\" self=\"2\"/>\n"
	"  <score code=\"1.2.1\" self=\"1\" numerator=\"3\" denominator=\"4\"/>\n"
	"  <score code=\"2.1.1\" self=\"0.83\" numerator=\"165\" denominator=\"500\"/>\n"
	"  <score code=\"2.1.2\" self=\"1\"/>\n"
	"  <score code=\"2.1.3\" self=\"2\" count=\"4\"/>\n"
	"  <score code=\"C1\" self=\"0.5\" count=\"1\"/>\n"
	"  <score code=\"T1\" self=\"1.25\" count=\"5\"/>\n"
	"  <note>Xã đã khắc phục các hồ sơ trễ hạn trong quý IV.</note>\n"
	"  <declared-total>6.33</declared-total>\n"
	"</submission>\n";

static const char fuzz_mini_appraisal[] =
	"unit,code,score,reason,numerator,denominator,count\n"
	"B1,1.2.1,,Số liệu đúng là 4/5 nhiệm vụ hoàn thành,4,5,\n"
	"A1,1.1.2,0.5,\"Kế hoạch tự kiểm tra có, nhưng chưa kiểm tra đủ các bộ phận\",,,\n";

static const char *const fuzz_fixture[][2] = {
	{ "index.xml", fuzz_mini_index },
	{ "units.csv", fuzz_mini_units },
	{ "publication.xml", fuzz_mini_publication },
	{ "submissions/a1.xml", fuzz_mini_a1 },
	{ "submissions/b1.xml", fuzz_mini_b1 },
	{ "appraisal/a.csv", fuzz_mini_appraisal },
};

static char fuzz_dir_name[256];

/* Removes `path` and, for a folder, everything under it. */
static inline void fuzz_rmtree(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;

	if (!dir) {
		unlink(path);
		return;
	}
	while ((e = readdir(dir))) {
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		char *sub;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		sub = malloc(len);
		if (!sub)
			abort();
		snprintf(sub, len, "%s/%s", path, e->d_name);
		fuzz_rmtree(sub);
		free(sub);
	}
	closedir(dir);
	rmdir(path);
}

static inline void fuzz_cleanup(void)
{
	if (fuzz_dir_name[0])
		fuzz_rmtree(fuzz_dir_name);
}

/* Writes data[0..size) to <scratch>/name (name may hold one folder level). */
static inline void fuzz_put(const char *name, const void *data, size_t size)
{
	char path[1024];
	const char *slash = strchr(name, '/');
	FILE *f;

	if (slash) {
		snprintf(path, sizeof(path), "%s/%.*s", fuzz_dir_name, (int)(slash - name), name);
		mkdir(path, 0777);
	}
	snprintf(path, sizeof(path), "%s/%s", fuzz_dir_name, name);
	f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* Removes <scratch>/name if present. */
static inline void fuzz_drop(const char *name)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", fuzz_dir_name, name);
	unlink(path);
}

/*
 * The scratch year folder, created with the MINI fixture on the first call
 * (except the fixture file named `skip`, which the target writes itself).
 */
static inline const char *fuzz_year(const char *skip)
{
	if (!fuzz_dir_name[0]) {
		struct stat st;
		const char *base = getenv("TMPDIR");

		if (!base)
			base = stat("/dev/shm", &st) == 0 && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(fuzz_dir_name, sizeof(fuzz_dir_name), "%s/parx-fuzz-XXXXXX", base);
		if (!mkdtemp(fuzz_dir_name)) {
			perror(fuzz_dir_name);
			abort();
		}
		atexit(fuzz_cleanup);
		for (size_t i = 0; i < sizeof(fuzz_fixture) / sizeof(fuzz_fixture[0]); i++)
			if (!skip || strcmp(skip, fuzz_fixture[i][0]))
				fuzz_put(fuzz_fixture[i][0], fuzz_fixture[i][1], strlen(fuzz_fixture[i][1]));
	}
	return fuzz_dir_name;
}

/* Prints the diagnostics when PARX_FUZZ_PRINT is set. */
static inline void fuzz_show(const struct diag *d)
{
	if (getenv("PARX_FUZZ_PRINT"))
		diag_print(d, stderr, 1);
}

/*
 * When the year loaded without errors, scores it and writes the three CSVs of
 * both dialects to memory: the loaders' checks are what the scorer trusts.
 */
static inline void fuzz_score(const struct year *y, struct diag *d)
{
	struct results r;
	struct strbuf sb = STRBUF_INIT;

	memset(&r, 0, sizeof(r));
	if (d->nerrors)
		return;
	scoring_run(y, &r, d);
	for (int dialect = CSVOUT_RFC4180; dialect <= CSVOUT_EXCEL; dialect++) {
		csvout_results(&sb, y, &r, (enum csvout_dialect)dialect);
		csvout_items(&sb, y, &r, (enum csvout_dialect)dialect);
		csvout_reconciliation(&sb, y, &r, (enum csvout_dialect)dialect);
	}
	if (getenv("PARX_FUZZ_PRINT"))
		fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	results_release(&r);
}

#endif
