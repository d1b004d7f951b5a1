/*
 * test-xlsx.c: reading a worksheet of an .xlsx workbook (input/xlsx.h).
 *
 * Good workbooks are written at test time by libxlsxwriter (shared strings,
 * and inline strings in its constant-memory mode) and by hand with libzip
 * (prefixed namespaces, absolute targets, rich text, every cell type, rows
 * and cells without r). Hostile archives are built with libzip too: zip
 * bombs (one honest about its size, one lying in both headers, so that the
 * byte counter is what stops it), path traversal, DOCTYPE, OLE2, truncation,
 * encryption, too many rows or entries, broken references.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "input/xlsx.h"
#include "testhelp.h"
#include "tmpdir.h"

static char *dir;
static struct diag d;

static const char *at(const char *name)
{
	static char buf[4][1024];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

/* The first diagnostic whose message holds `sub`, or NULL. */
static const struct diag_entry *find(const char *sub)
{
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.v[i].message, sub))
			return &d.v[i];
	return NULL;
}

static void show(void)
{
	for (size_t i = 0; i < d.n; i++)
		printf("#   diag: %s:%d:%s: %s\n", d.v[i].path, d.v[i].line,
		       d.v[i].where ? d.v[i].where : "", d.v[i].message);
}

/*
 * Checks that an error holding `sub` was reported at `where` (NULL: at the
 * file, no place) and line `line`.
 */
static void expect_error(const char *what, const char *sub, const char *where, int line)
{
	const struct diag_entry *e = find(sub);
	char buf[256];

	snprintf(buf, sizeof(buf), "%s: message '%s'", what, sub);
	TEST(buf, e != NULL);
	if (!e) {
		show();
		return;
	}
	snprintf(buf, sizeof(buf), "%s: located", what);
	TEST_STR(buf, e->where, where);
	snprintf(buf, sizeof(buf), "%s: line", what);
	TEST_INT(buf, e->line, line);
	snprintf(buf, sizeof(buf), "%s: is an error", what);
	TEST(buf, e->level == DIAG_ERROR);
}

/* ---- archives by hand ---- */

struct entry {
	const char *name;
	const char *data; /* NULL: the bomb source of `bomb_size` bytes */
	size_t len;       /* (size_t)-1: strlen */
};

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char workbook_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>";
static const char sst_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\" uniqueCount=\"2\">"
	"<si><t>một</t></si><si><t>hai</t></si></sst>";
#define SHEET_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

static zip_uint64_t bomb_size;
static const char bomb_head[] = SHEET_HEAD;

/* A worksheet of `bomb_size` bytes, mostly spaces, made while libzip reads it. */
static zip_int64_t bomb_source(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	zip_uint64_t *pos = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		*pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		zip_uint64_t n = bomb_size - *pos < len ? bomb_size - *pos : len;
		char *out = data;

		for (zip_uint64_t i = 0; i < n; i++) {
			zip_uint64_t p = *pos + i;

			out[i] = p < sizeof(bomb_head) - 1 ? bomb_head[p] : ' ';
		}
		*pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;

		zip_stat_init(st);
		st->size = bomb_size;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR: {
		zip_error_t e;

		zip_error_init(&e);
		return zip_error_to_data(&e, data, len);
	}
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
						      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return -1;
	}
}

/* Writes a zip of the entries to dir/name; `encrypt`: the entry to encrypt with AES-256, or NULL. */
static const char *write_zip(const char *name, const struct entry *e, size_t n, const char *encrypt)
{
	const char *path = at(name);
	static zip_uint64_t pos;
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	if (!za) {
		fprintf(stderr, "zip_open %s: %d\n", path, err);
		exit(3);
	}
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = e[i].data
			? zip_source_buffer(za, e[i].data,
					    e[i].len == (size_t)-1 ? strlen(e[i].data) : e[i].len, 0)
			: zip_source_function(za, bomb_source, &pos);
		zip_int64_t idx = src ? zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8) : -1;

		if (idx < 0) {
			fprintf(stderr, "zip_file_add %s: %s\n", e[i].name, zip_strerror(za));
			exit(3);
		}
		if (encrypt && !strcmp(encrypt, e[i].name) &&
		    zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "secret") < 0) {
			fprintf(stderr, "zip_file_set_encryption: %s\n", zip_strerror(za));
			exit(3);
		}
	}
	if (zip_close(za) < 0) {
		fprintf(stderr, "zip_close %s: %s\n", path, zip_strerror(za));
		exit(3);
	}
	return path;
}

/* A one-sheet workbook ("Sheet1") with the shared strings "một", "hai" and this worksheet. */
static const char *write_book(const char *name, const char *sheet)
{
	const struct entry e[] = {
		{ "[Content_Types].xml", content_types, (size_t)-1 },
		{ "xl/workbook.xml", workbook_xml, (size_t)-1 },
		{ "xl/_rels/workbook.xml.rels", rels_xml, (size_t)-1 },
		{ "xl/sharedStrings.xml", sst_xml, (size_t)-1 },
		{ "xl/worksheets/sheet1.xml", sheet, (size_t)-1 },
	};

	return write_zip(name, e, ARRAY_SIZE(e), NULL);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		perror(path);
		exit(3);
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(3);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static unsigned rd32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned)p[3] << 24;
}

static unsigned rd16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static void wr32(unsigned char *p, unsigned v)
{
	p[0] = v & 0xFF;
	p[1] = v >> 8 & 0xFF;
	p[2] = v >> 16 & 0xFF;
	p[3] = v >> 24 & 0xFF;
}

/*
 * Makes the entry `name` of the zip at `path` declare `size` uncompressed
 * bytes, in its central record and its local header alike (so that
 * ZIP_CHECKCONS finds them consistent). Returns the number of records changed.
 */
static int forge_size(const char *path, const char *name, unsigned size)
{
	size_t len, i;
	char *buf = slurp(path, &len);
	unsigned char *z = (unsigned char *)buf;
	int changed = 0;
	FILE *f;

	for (i = 0; i + 46 <= len; i++) {
		unsigned nlen;

		if (memcmp(z + i, "PK\1\2", 4))
			continue;
		nlen = rd16(z + i + 28);
		if (nlen == strlen(name) && i + 46 + nlen <= len && !memcmp(z + i + 46, name, nlen)) {
			unsigned local = rd32(z + i + 42);

			wr32(z + i + 24, size);
			changed++;
			if (local + 30 <= len && !memcmp(z + local, "PK\3\4", 4)) {
				wr32(z + local + 22, size);
				changed++;
			}
		}
	}
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(3);
	}
	free(buf);
	return changed;
}

/* ---- the tests ---- */

static void test_cell_names(void)
{
	char b[16];

	xlsx_cell_name(b, 1, 1);
	TEST_STR("cell name A1", b, "A1");
	xlsx_cell_name(b, 14, 6);
	TEST_STR("cell name F14", b, "F14");
	xlsx_cell_name(b, 7, 26);
	TEST_STR("cell name Z7", b, "Z7");
	xlsx_cell_name(b, 7, 27);
	TEST_STR("cell name AA7", b, "AA7");
	xlsx_cell_name(b, 2, 52);
	TEST_STR("cell name AZ2", b, "AZ2");
	xlsx_cell_name(b, 2, 53);
	TEST_STR("cell name BA2", b, "BA2");
	xlsx_cell_name(b, 3, 702);
	TEST_STR("cell name ZZ3", b, "ZZ3");
	xlsx_cell_name(b, 3, 703);
	TEST_STR("cell name AAA3", b, "AAA3");
	xlsx_cell_name(b, 1048576, 16384);
	TEST_STR("cell name XFD1048576", b, "XFD1048576");
	xlsx_cell_name(b, 1, 16385);
	TEST_STR("cell name XFE1, just beyond a sheet", b, "XFE1");
	xlsx_cell_name(b, -2147483647 - 1, 1 << 30);
	TEST_STR("cell name clamped, fits 16 bytes", b, "ZZZ-2147483648");
}

static const char tu_cham[] = "Tự chấm điểm";
static const char long_text[] = "Cải cách hành chính năm 2024:\nđã hoàn thành,\nđúng hạn";

/* A workbook of two sheets by libxlsxwriter; the second one is the form. */
static const char *write_lxw(const char *name, int constant_memory)
{
	const char *path = at(name);
	lxw_workbook_options opt = { .constant_memory = (uint8_t)constant_memory };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *first = workbook_add_worksheet(wb, "Tổng hợp");
	lxw_worksheet *ws = workbook_add_worksheet(wb, tu_cham);
	lxw_format *bold = workbook_add_format(wb);
	double a = 0.1, b = 0.2;

	format_set_bold(bold);
	worksheet_write_string(first, 0, 0, "trang đầu", NULL);
	worksheet_write_number(ws, 0, 0, 1.5, NULL);                /* A1 */
	worksheet_write_string(ws, 0, 1, long_text, NULL);          /* B1 */
	worksheet_write_formula_num(ws, 0, 2, "=A1*2", NULL, 3);    /* C1 */
	worksheet_write_number(ws, 1, 0, a + b, NULL);              /* A2 */
	worksheet_write_blank(ws, 1, 1, bold);                      /* B2: formatted, no value */
	worksheet_write_boolean(ws, 1, 2, 1, NULL);                 /* C2 */
	worksheet_write_string(ws, 13, 5, "ô F14", NULL);            /* F14 */
	worksheet_write_number(ws, 13, 27, -2e-7, NULL);            /* AB14 */
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "libxlsxwriter failed on %s\n", path);
		exit(3);
	}
	return path;
}

static void check_lxw(const char *what, const char *path)
{
	struct xlsx_book b;
	struct xlsx_sheet s;
	const struct xlsx_cell *c;
	char name[128];

#define T(x) (snprintf(name, sizeof(name), "%s: %s", what, x), name)
	diag_init(&d);
	TEST_INT(T("opens"), xlsx_open(&b, path, &d), 0);
	TEST_INT(T("no diagnostics"), d.n, 0);
	TEST_INT(T("two sheets"), b.nsheets, 2);
	TEST_STR(T("first sheet name"), b.nsheets > 0 ? b.sheets[0] : NULL, "Tổng hợp");
	TEST_STR(T("second sheet name, Vietnamese"), b.nsheets > 1 ? b.sheets[1] : NULL, tu_cham);
	TEST_INT(T("reads the second sheet"), xlsx_read_sheet(&b, tu_cham, 100, &s, &d), 0);
	show();
	TEST_STR(T("sheet keeps its name"), s.name, tu_cham);
	TEST_INT(T("7 cells with values (B2 blank left out)"), s.ncells, 7);
	TEST_INT(T("last row"), s.last_row, 14);
	c = xlsx_cell(&s, 1, 1);
	TEST(T("A1 is a number"), c && c->type == XLSX_NUMBER && !c->formula);
	TEST_STR(T("A1 literal"), c ? c->value : NULL, "1.5");
	c = xlsx_cell(&s, 1, 2);
	TEST(T("B1 is text"), c && c->type == XLSX_TEXT);
	TEST_STR(T("B1 Vietnamese with newlines"), c ? c->value : NULL, long_text);
	c = xlsx_cell(&s, 1, 3);
	TEST(T("C1 is a formula with a number"), c && c->type == XLSX_NUMBER && c->formula == 1);
	TEST_STR(T("C1 cached result"), c ? c->value : NULL, "3");
	/* libxlsxwriter writes "%.16G": 0.30000000000000004 is stored as "0.3". */
	c = xlsx_cell(&s, 2, 1);
	TEST_STR(T("A2 literal of 0.1+0.2 as libxlsxwriter stores it"), c ? c->value : NULL, "0.3");
	TEST(T("B2 blank is left out"), xlsx_cell(&s, 2, 2) == NULL);
	c = xlsx_cell(&s, 2, 3);
	TEST(T("C2 is a boolean"), c && c->type == XLSX_BOOL);
	TEST_STR(T("C2 true"), c ? c->value : NULL, "1");
	c = xlsx_cell(&s, 14, 6);
	TEST_STR(T("F14"), c ? c->value : NULL, "ô F14");
	c = xlsx_cell(&s, 14, 28);
	TEST(T("AB14 is a number"), c && c->type == XLSX_NUMBER);
	TEST_STR(T("AB14 literal with exponent"), c ? c->value : NULL, "-2E-07");
	TEST(T("no cell beyond"), xlsx_cell(&s, 14, 29) == NULL && xlsx_cell(&s, 15, 1) == NULL &&
					   xlsx_cell(&s, 0, 0) == NULL);
	xlsx_sheet_release(&s);
	TEST_INT(T("reads the first sheet too"), xlsx_read_sheet(&b, "Tổng hợp", 100, &s, &d), 0);
	c = xlsx_cell(&s, 1, 1);
	TEST_STR(T("first sheet A1"), c ? c->value : NULL, "trang đầu");
	xlsx_sheet_release(&s);
	xlsx_sheet_release(&s); /* twice is safe */
	xlsx_close(&b);
	xlsx_close(&b);         /* and so is closing twice */
	diag_release(&d);
#undef T
}

/* Prefixed namespaces, absolute target, a renamed shared strings part, every cell type. */
static void test_handmade(void)
{
	static const char wb[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:rel=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<x:sheets><x:sheet name=\"Đầu\" sheetId=\"3\" rel:id=\"R9\"/>"
		"<x:sheet name=\"Form\" sheetId=\"1\" rel:id=\"R1\"/></x:sheets></x:workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"R1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/./a%20b.xml\"/>"
		"<Relationship Id=\"R9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"../xl/sheets/first.xml\"/>"
		"<Relationship Id=\"R5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"http://example.org/\" TargetMode=\"External\"/>"
		"<Relationship Id=\"R2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings/s.xml\"/>"
		"</Relationships>";
	static const char sst[] =
		"<s:sst xmlns:s=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<s:si><s:t>plain</s:t></s:si>"
		"<s:si><s:r><s:rPr><s:b/></s:rPr><s:t>Tự </s:t></s:r><s:r><s:t xml:space=\"preserve\">chấm &amp; </s:t></s:r>"
		"<s:r><s:t>điểm</s:t></s:r><s:rPh sb=\"0\" eb=\"1\"><s:t>PHONETIC</s:t></s:rPh>"
		"<s:phoneticPr fontId=\"1\"/></s:si>"
		"<s:si><s:t>a_x000D_b_x005F_x0041_</s:t></s:si>"
		"</s:sst>";
	static const char first[] = SHEET_HEAD "<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>" SHEET_TAIL;
	static const char sheet[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\">"
		"<x:dimension ref=\"A1:D6\"/><x:sheetData>"
		/* row 1 without r: rows and cells are counted */
		"<x:row><x:c><x:v>0.30000000000000004</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c>"
		"<x:c t=\"s\"><x:v>2</x:v></x:c><x:c s=\"3\"/></x:row>"
		/* row 2, then row 4 */
		"<x:row><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r>"
		"<x:rPh><x:t>no</x:t></x:rPh></x:is></x:c>"
		"<x:c t=\"str\"><x:f>CONCAT(\"x\";\"y\")</x:f><x:v>xy</x:v></x:c></x:row>"
		"<x:row r=\"4\"><x:c r=\"A4\" t=\"b\"><x:v>0</x:v></x:c><x:c t=\"e\"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>"
		"<x:c t=\"d\"><x:v>2024-12-31T00:00:00</x:v></x:c><x:c r=\"E4\" t=\"n\"><x:v></x:v></x:c>"
		"<x:c r=\"F4\" t=\"str\"><x:f>\"\"</x:f><x:v></x:v></x:c>"
		"<x:c r=\"G4\"><x:f t=\"shared\" si=\"0\"/><x:v>1E-3</x:v></x:c></x:row>"
		"<x:row r=\"5\" spans=\"1:3\" ht=\"30\" customHeight=\"1\"/>"
		"<x:row r=\"6\"><x:c r=\"XFD6\"><x:v>6</x:v></x:c></x:row>"
		"</x:sheetData><x:extLst><x:ext><x14:c><x14:v>99</x14:v></x14:c></x:ext></x:extLst></x:worksheet>";
	const struct entry e[] = {
		{ "xl/workbook.xml", wb, (size_t)-1 },
		{ "xl/_rels/workbook.xml.rels", rels, (size_t)-1 },
		{ "xl/strings/s.xml", sst, (size_t)-1 },
		{ "xl/worksheets/a b.xml", sheet, (size_t)-1 },
		{ "xl/sheets/first.xml", first, (size_t)-1 },
	};
	const char *path = write_zip("hand.xlsx", e, ARRAY_SIZE(e), NULL);
	struct xlsx_book b;
	struct xlsx_sheet s;
	const struct xlsx_cell *c;

	diag_init(&d);
	TEST_INT("handmade: opens", xlsx_open(&b, path, &d), 0);
	TEST_STR("handmade: absolute target with ./ and %20 resolved", b.nsheets > 1 ? b.parts[1] : NULL,
		 "xl/worksheets/a b.xml");
	TEST_STR("handmade: relative target with .. resolved", b.nsheets > 0 ? b.parts[0] : NULL,
		 "xl/sheets/first.xml");
	TEST_INT("handmade: reads Form", xlsx_read_sheet(&b, "Form", 10, &s, &d), 0);
	show();
	TEST_INT("handmade: shared strings from the renamed part", b.nstrings, 3);
	TEST_INT("handmade: 11 cells", s.ncells, 11);
	c = xlsx_cell(&s, 1, 1);
	TEST_STR("handmade: A1 literal kept as stored", c ? c->value : NULL, "0.30000000000000004");
	c = xlsx_cell(&s, 1, 2);
	TEST_STR("handmade: B1 rich text, phonetic run skipped", c ? c->value : NULL, "Tự chấm & điểm");
	c = xlsx_cell(&s, 1, 3);
	TEST_STR("handmade: C1 escapes decoded", c ? c->value : NULL, "a\rb_x0041_");
	TEST("handmade: D1 styled but empty is left out", xlsx_cell(&s, 1, 4) == NULL);
	c = xlsx_cell(&s, 2, 2);
	TEST_STR("handmade: B2 inline rich text", c ? c->value : NULL, "inline");
	c = xlsx_cell(&s, 2, 3);
	TEST("handmade: C2 formula string", c && c->type == XLSX_TEXT && c->formula);
	TEST_STR("handmade: C2 value", c ? c->value : NULL, "xy");
	c = xlsx_cell(&s, 4, 1);
	TEST("handmade: A4 false", c && c->type == XLSX_BOOL && !strcmp(c->value, "0"));
	c = xlsx_cell(&s, 4, 2);
	TEST("handmade: B4 error", c && c->type == XLSX_ERROR && c->formula && !strcmp(c->value, "#DIV/0!"));
	c = xlsx_cell(&s, 4, 3);
	TEST("handmade: C4 date as ISO text",
	     c && c->type == XLSX_TEXT && !strcmp(c->value, "2024-12-31T00:00:00"));
	TEST("handmade: E4 empty number left out", xlsx_cell(&s, 4, 5) == NULL);
	c = xlsx_cell(&s, 4, 6);
	TEST("handmade: F4 empty formula string kept", c && c->type == XLSX_TEXT && !*c->value);
	c = xlsx_cell(&s, 4, 7);
	TEST("handmade: G4 shared formula", c && c->formula && !strcmp(c->value, "1E-3"));
	c = xlsx_cell(&s, 6, 16384);
	TEST_STR("handmade: XFD6", c ? c->value : NULL, "6");
	TEST_INT("handmade: last row", s.last_row, 6);
	TEST_INT("handmade: no diagnostics", d.n, 0);
	xlsx_sheet_release(&s);
	TEST_INT("handmade: the other sheet", xlsx_read_sheet(&b, "Đầu", 0, &s, &d), 0);
	c = xlsx_cell(&s, 1, 1);
	TEST_STR("handmade: other sheet A1", c ? c->value : NULL, "7");
	xlsx_sheet_release(&s);
	xlsx_close(&b);
	diag_release(&d);
}

/* Opens `path` and reads Sheet1; returns -1 if either failed. */
static int try_read(const char *path, int max_rows, struct xlsx_sheet *s)
{
	struct xlsx_book b;
	int ret;

	memset(s, 0, sizeof(*s));
	if (xlsx_open(&b, path, &d) < 0)
		return -1;
	ret = xlsx_read_sheet(&b, "Sheet1", max_rows, s, &d);
	xlsx_close(&b);
	return ret;
}

/* A workbook whose Sheet1 is `sheet`: its reading fails with `sub` at `where`/`line`. */
static void refused_sheet(const char *what, const char *sheet, const char *sub, const char *where,
			  int line)
{
	struct xlsx_sheet s;
	const char *path = write_book("bad.xlsx", sheet);
	char name[200];

	diag_init(&d);
	snprintf(name, sizeof(name), "%s: refused", what);
	TEST_INT(name, try_read(path, 100, &s), -1);
	snprintf(name, sizeof(name), "%s: sheet left empty", what);
	TEST(name, s.ncells == 0 && s.cells == NULL);
	expect_error(what, sub, where, line);
	xlsx_sheet_release(&s);
	diag_release(&d);
}

static void test_bombs(void)
{
	struct entry e[] = {
		{ "xl/workbook.xml", workbook_xml, (size_t)-1 },
		{ "xl/_rels/workbook.xml.rels", rels_xml, (size_t)-1 },
		{ "xl/sharedStrings.xml", sst_xml, (size_t)-1 },
		{ "xl/worksheets/sheet1.xml", NULL, 0 },
	};
	struct xlsx_sheet s;
	const char *path;
	char *copy;

	bomb_size = 200u << 20;
	path = write_zip("bomb.xlsx", e, ARRAY_SIZE(e), NULL);
	copy = strdup(path);
	diag_init(&d);
	TEST_INT("bomb 200 MB declared: refused", try_read(copy, 100, &s), -1);
	expect_error("bomb 200 MB declared", "'xl/worksheets/sheet1.xml' is 200 MB uncompressed, more than the 64 MB", NULL, 0);
	diag_release(&d);

	/* The same archive lying about the size: only the byte counter can stop it. */
	TEST_INT("bomb forged: both headers changed", forge_size(copy, "xl/worksheets/sheet1.xml", 1234), 2);
	diag_init(&d);
	TEST_INT("bomb forged: refused", try_read(copy, 100, &s), -1);
	expect_error("bomb forged", "'xl/worksheets/sheet1.xml' inflates to more than 64 MB although it declares 1234 bytes",
		     NULL, 0);
	TEST_INT("bomb forged: one error", d.nerrors, 1);
	diag_release(&d);
	unlink(copy);
	free(copy);
}

static void test_names(void)
{
	static const char *const bad[] = { "../../evil.xml", "/etc/evil.xml", "xl\\evil.xml",
					   "xl/../../evil.xml", "C:/evil.xml" };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const struct entry e[] = {
			{ "xl/workbook.xml", workbook_xml, (size_t)-1 },
			{ "xl/_rels/workbook.xml.rels", rels_xml, (size_t)-1 },
			{ bad[i], "<x/>", (size_t)-1 },
			{ "xl/worksheets/sheet1.xml", SHEET_HEAD SHEET_TAIL, (size_t)-1 },
		};
		struct xlsx_book b;
		char what[128], sub[128];

		snprintf(what, sizeof(what), "entry '%s'", bad[i]);
		snprintf(sub, sizeof(sub), "the archive entry '%s' has an unsafe name", bad[i]);
		diag_init(&d);
		TEST_INT(what, xlsx_open(&b, write_zip("names.xlsx", e, ARRAY_SIZE(e), NULL), &d), -1);
		expect_error(what, sub, NULL, 0);
		TEST("book released after a failed open", b.path == NULL && b.zip == NULL && b.nsheets == 0);
		xlsx_close(&b);
		diag_release(&d);
	}
}

static void test_rows_limit(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct xlsx_sheet s;

	strbuf_addstr(&sb, SHEET_HEAD);
	for (int r = 1; r <= 100000; r++)
		strbuf_addf(&sb, "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c><c r=\"B%d\" t=\"s\"><v>0</v></c></row>",
			    r, r, r, r);
	strbuf_addstr(&sb, SHEET_TAIL);
	refused_sheet("100000 rows, 100 allowed", sb.buf, "the sheet has more than 100 rows", "Sheet1!A101", 101);

	/* Exactly the limit passes; empty formatted rows beyond it are skipped. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, SHEET_HEAD);
	for (int r = 1; r <= 100; r++)
		strbuf_addf(&sb, "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c></row>", r, r, r);
	strbuf_addstr(&sb, "<row r=\"101\" ht=\"20\" customHeight=\"1\"><c r=\"A101\" s=\"2\"/></row>");
	strbuf_addstr(&sb, SHEET_TAIL);
	diag_init(&d);
	TEST_INT("100 rows, 100 allowed: read", try_read(write_book("ok100.xlsx", sb.buf), 100, &s), 0);
	TEST_INT("100 rows: cells", s.ncells, 100);
	TEST_INT("100 rows: last row", s.last_row, 100);
	TEST_STR("100 rows: A100", xlsx_cell(&s, 100, 1) ? xlsx_cell(&s, 100, 1)->value : NULL, "100");
	TEST_STR("100 rows: A37 found by binary search", xlsx_cell(&s, 37, 1) ? xlsx_cell(&s, 37, 1)->value : NULL, "37");
	xlsx_sheet_release(&s);
	diag_release(&d);
	strbuf_release(&sb);
}

static void test_hostile_sheets(void)
{
	refused_sheet("DOCTYPE in the sheet",
		      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n"
		      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>" SHEET_TAIL,
		      "the part 'xl/worksheets/sheet1.xml' has a DOCTYPE", NULL, 0);
	refused_sheet("external entity",
		      "<?xml version=\"1.0\"?>\n<!DOCTYPE x SYSTEM \"file:///etc/passwd\">\n"
		      "<worksheet/>", "has a DOCTYPE", NULL, 0);
	refused_sheet("shared string out of range",
		      SHEET_HEAD "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"
		      "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>2</v></c></row>" SHEET_TAIL,
		      "the cell refers to shared string '2' but the workbook has 2", "Sheet1!B2", 2);
	refused_sheet("shared string index not a number",
		      SHEET_HEAD "<row r=\"3\"><c r=\"C3\" t=\"s\"><v>-1</v></c></row>" SHEET_TAIL,
		      "shared string '-1'", "Sheet1!C3", 3);
	refused_sheet("not well-formed",
		      SHEET_HEAD "<row r=\"1\">\n<c r=\"A1\"><v>1</c></row>" SHEET_TAIL,
		      "the part 'xl/worksheets/sheet1.xml' is not well-formed XML (line 3 of the part)", NULL, 0);
	refused_sheet("empty part", "", "is not well-formed XML", NULL, 0);
	refused_sheet("malformed reference",
		      SHEET_HEAD "<row r=\"1\"><c r=\"a1\"><v>1</v></c></row>" SHEET_TAIL,
		      "malformed cell reference r=\"a1\" in 'xl/worksheets/sheet1.xml'", NULL, 0);
	refused_sheet("reference with row 0",
		      SHEET_HEAD "<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>" SHEET_TAIL,
		      "malformed cell reference r=\"A0\"", NULL, 0);
	refused_sheet("column beyond XFD",
		      SHEET_HEAD "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>" SHEET_TAIL,
		      "the cell XFE1 in 'xl/worksheets/sheet1.xml' is beyond the last cell of a sheet", NULL, 0);
	refused_sheet("counted column beyond XFD",
		      SHEET_HEAD "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>" SHEET_TAIL,
		      "the cell XFE1 in 'xl/worksheets/sheet1.xml' is beyond", NULL, 0);
	refused_sheet("row beyond 1048576",
		      SHEET_HEAD "<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>" SHEET_TAIL,
		      "row 1048577 in 'xl/worksheets/sheet1.xml' is beyond the last row of a sheet", NULL, 0);
	refused_sheet("malformed row number",
		      SHEET_HEAD "<row r=\"x\"/>" SHEET_TAIL, "malformed row number r=\"x\"", NULL, 0);
	refused_sheet("rows out of order",
		      SHEET_HEAD "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row><row r=\"2\"/>" SHEET_TAIL,
		      "row 2 comes after row 3 in 'xl/worksheets/sheet1.xml'", NULL, 0);
	refused_sheet("cells out of order",
		      SHEET_HEAD "<row r=\"1\"><c r=\"C1\"><v>1</v></c><c r=\"B1\"><v>1</v></c></row>" SHEET_TAIL,
		      "the cell B1 comes after C1", NULL, 0);
	refused_sheet("cell twice",
		      SHEET_HEAD "<row r=\"1\"><c r=\"C1\"><v>1</v></c><c r=\"C1\"><v>1</v></c></row>" SHEET_TAIL,
		      "the cell C1 comes after C1", NULL, 0);
	refused_sheet("cell in another row",
		      SHEET_HEAD "<row r=\"1\"><c r=\"A2\"><v>1</v></c></row>" SHEET_TAIL,
		      "the cell A2 is inside row 1", NULL, 0);
	refused_sheet("unknown type",
		      SHEET_HEAD "<row r=\"4\"><c r=\"D4\" t=\"zz\"><v>1</v></c></row>" SHEET_TAIL,
		      "unknown cell type t=\"zz\"", "Sheet1!D4", 4);
	refused_sheet("number not a number",
		      SHEET_HEAD "<row r=\"2\"><c r=\"B2\"><v> 1</v></c></row>" SHEET_TAIL,
		      "the number cell holds ' 1', which is not a number", "Sheet1!B2", 2);
	refused_sheet("bad boolean",
		      SHEET_HEAD "<row r=\"2\"><c r=\"B2\" t=\"b\"><v>2</v></c></row>" SHEET_TAIL,
		      "the TRUE/FALSE cell holds '2'", "Sheet1!B2", 2);
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, SHEET_HEAD "<row r=\"9\"><c r=\"AA9\" t=\"inlineStr\"><is><t>");
		for (int i = 0; i < XLSX_MAX_TEXT; i++)
			strbuf_addstr(&sb, "ệ");
		strbuf_addstr(&sb, "!</t></is></c></row>" SHEET_TAIL);
		refused_sheet("text too long", sb.buf, "the text is longer than 32767 characters", "Sheet1!AA9", 9);
		strbuf_release(&sb);
	}
}

static void test_refused_files(void)
{
	static const unsigned char ole2[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 };
	struct xlsx_book b;
	struct xlsx_sheet s;
	char *good = strdup(write_book("good.xlsx", SHEET_HEAD "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" SHEET_TAIL));
	size_t len;
	char *bytes = slurp(good, &len);

	diag_init(&d);
	tmpdir_write(dir, "text.xlsx", "unit,code\nA1,1.1\n", (size_t)-1);
	TEST_INT("csv named .xlsx: refused", xlsx_open(&b, at("text.xlsx"), &d), -1);
	expect_error("csv named .xlsx", "not an .xlsx workbook (not a zip archive)", NULL, 0);
	diag_release(&d);

	diag_init(&d);
	tmpdir_write(dir, "ole.xlsx", (const char *)ole2, sizeof(ole2));
	TEST_INT("OLE2: refused", xlsx_open(&b, at("ole.xlsx"), &d), -1);
	expect_error("OLE2", "encrypted with a password or is an old .xls workbook", NULL, 0);
	TEST_STR("OLE2: error at the file", d.n ? d.v[0].path : NULL, at("ole.xlsx"));
	diag_release(&d);

	diag_init(&d);
	tmpdir_write(dir, "cut.xlsx", bytes, len / 2);
	TEST_INT("truncated: refused", xlsx_open(&b, at("cut.xlsx"), &d), -1);
	expect_error("truncated", "the archive is damaged or truncated", NULL, 0);
	diag_release(&d);

	diag_init(&d);
	tmpdir_write(dir, "empty.xlsx", "", 0);
	TEST_INT("empty file: refused", xlsx_open(&b, at("empty.xlsx"), &d), -1);
	expect_error("empty file", "not a zip archive", NULL, 0);
	diag_release(&d);

	diag_init(&d);
	TEST_INT("absent file: refused", xlsx_open(&b, at("absent.xlsx"), &d), -1);
	expect_error("absent file", "cannot open: No such file or directory", NULL, 0);
	diag_release(&d);

	/* The good one reads; a sheet that is not there is named with those that are. */
	diag_init(&d);
	TEST_INT("good: read", try_read(good, 10, &s), 0);
	TEST_STR("good: shared strings not needed, A1", s.ncells ? s.cells[0].value : NULL, "1");
	xlsx_sheet_release(&s);
	TEST_INT("missing sheet: opens", xlsx_open(&b, good, &d), 0);
	TEST_INT("missing sheet: refused", xlsx_read_sheet(&b, tu_cham, 10, &s, &d), -1);
	expect_error("missing sheet", "no sheet 'Tự chấm điểm' in the workbook (it has: 'Sheet1')", NULL, 0);
	xlsx_close(&b);
	diag_release(&d);
	free(bytes);
	free(good);

	{
		const struct entry e[] = {
			{ "xl/workbook.xml", workbook_xml, (size_t)-1 },
			{ "xl/_rels/workbook.xml.rels", rels_xml, (size_t)-1 },
			{ "xl/worksheets/sheet1.xml", SHEET_HEAD SHEET_TAIL, (size_t)-1 },
		};

		diag_init(&d);
		if (zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
			TEST_INT("encrypted entry: refused",
				 xlsx_open(&b, write_zip("enc.xlsx", e, ARRAY_SIZE(e), "xl/worksheets/sheet1.xml"), &d), -1);
			expect_error("encrypted entry", "the archive entry 'xl/worksheets/sheet1.xml' is encrypted", NULL, 0);
		} else {
			printf("# skipped: this libzip cannot write AES-256 entries\n");
		}
		diag_release(&d);
	}
	{
		const struct entry e[] = {
			{ "xl/workbook.xml",
			  "<?xml version=\"1.0\"?>\n<!DOCTYPE workbook [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
			  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">&e;</workbook>",
			  (size_t)-1 },
		};

		diag_init(&d);
		TEST_INT("DOCTYPE in workbook.xml: refused",
			 xlsx_open(&b, write_zip("dtd.xlsx", e, ARRAY_SIZE(e), NULL), &d), -1);
		expect_error("DOCTYPE in workbook.xml", "the part 'xl/workbook.xml' has a DOCTYPE", NULL, 0);
		diag_release(&d);
	}
	{
		static const char rels_out[] =
			"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			"<Relationship Id=\"rId1\" Type=\"t/worksheet\" Target=\"../../../etc/passwd\"/></Relationships>";
		const struct entry e[] = {
			{ "xl/workbook.xml", workbook_xml, (size_t)-1 },
			{ "xl/_rels/workbook.xml.rels", rels_out, (size_t)-1 },
		};

		diag_init(&d);
		TEST_INT("target climbing out: refused",
			 xlsx_open(&b, write_zip("out.xlsx", e, ARRAY_SIZE(e), NULL), &d), -1);
		expect_error("target climbing out", "the target '../../../etc/passwd' in 'xl/_rels/workbook.xml.rels' is not a part",
			     NULL, 0);
		diag_release(&d);
	}
	{
		static const char rels_none[] =
			"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>";
		const struct entry e[] = {
			{ "xl/workbook.xml", workbook_xml, (size_t)-1 },
			{ "xl/_rels/workbook.xml.rels", rels_none, (size_t)-1 },
		};

		diag_init(&d);
		TEST_INT("no relationship: refused",
			 xlsx_open(&b, write_zip("norel.xlsx", e, ARRAY_SIZE(e), NULL), &d), -1);
		expect_error("no relationship", "the sheet 'Sheet1' has no relationship 'rId1'", NULL, 0);
		diag_release(&d);
	}
	{
		const struct entry e[] = {
			{ "xl/workbook.xml", workbook_xml, (size_t)-1 },
			{ "xl/_rels/workbook.xml.rels", rels_xml, (size_t)-1 },
			{ "xl/sharedStrings.xml", sst_xml, (size_t)-1 },
		};

		diag_init(&d);
		TEST_INT("missing worksheet part: opens", xlsx_open(&b, write_zip("nopart.xlsx", e, ARRAY_SIZE(e), NULL), &d), 0);
		TEST_INT("missing worksheet part: refused", xlsx_read_sheet(&b, "Sheet1", 10, &s, &d), -1);
		expect_error("missing worksheet part", "the part 'xl/worksheets/sheet1.xml' is missing from the workbook", NULL, 0);
		xlsx_close(&b);
		diag_release(&d);
	}
	{
		const struct entry e[] = {
			{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet", (size_t)-1 },
			{ "content.xml", "<x/>", (size_t)-1 },
		};

		diag_init(&d);
		TEST_INT("ods: refused", xlsx_open(&b, write_zip("a.ods", e, ARRAY_SIZE(e), NULL), &d), -1);
		expect_error("ods", "OpenDocument spreadsheet (.ods)", NULL, 0);
		diag_release(&d);
	}
	{
		struct entry *e = calloc(XLSX_MAX_ENTRIES + 1, sizeof(*e));
		char (*names)[32] = calloc(XLSX_MAX_ENTRIES + 1, sizeof(*names));

		for (int i = 0; i <= XLSX_MAX_ENTRIES; i++) {
			snprintf(names[i], sizeof(names[i]), "f/%d.xml", i);
			e[i].name = names[i];
			e[i].data = "<x/>";
			e[i].len = 4;
		}
		diag_init(&d);
		TEST_INT("too many entries: refused",
			 xlsx_open(&b, write_zip("many.xlsx", e, XLSX_MAX_ENTRIES + 1, NULL), &d), -1);
		expect_error("too many entries", "the archive has more than 2000 entries", NULL, 0);
		diag_release(&d);
		free(e);
		free(names);
	}
}

int main(void)
{
	dir = tmpdir_new();
	test_cell_names();
	check_lxw("libxlsxwriter", write_lxw("lxw.xlsx", 0));
	check_lxw("libxlsxwriter constant memory (inline strings)", write_lxw("lxw-cm.xlsx", 1));
	test_handmade();
	test_names();
	test_hostile_sheets();
	test_rows_limit();
	test_refused_files();
	test_bombs();
	tmpdir_remove(dir);
	TEST_REPORT();
}
