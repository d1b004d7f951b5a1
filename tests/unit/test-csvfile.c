/*
 * test-csvfile.c: the CSV dialect (input/FORMATS.md): encodings, delimiter,
 * quoting, physical line numbers, column counts, blank rows, column mapping.
 * Each case writes a file into a temporary folder and reads it back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/csvfile.h"
#include "base/diag.h"
#include "base/sha256.h"
#include "testhelp.h"

static char dir[] = "/tmp/parx-test-csv-XXXXXX";
static char path[512];
static struct diag d;
static struct csv_table t;

/* Writes `len` bytes to a fresh file and loads it; returns csv_table_load's result. */
static int load(const char *data, size_t len)
{
	FILE *f;

	csv_table_release(&t);
	diag_release(&d);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	return csv_table_load(&t, path, &d);
}

#define LOAD(s) load((s), sizeof(s) - 1)

/* The message of the i-th diagnostic at `line`, or NULL. */
static const char *msg_at(int line)
{
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line == line)
			return d.v[i].message;
	return NULL;
}

static const char *field(size_t row, size_t col)
{
	return row < t.nrows && col < t.ncols ? t.rows[row].fields[col] : NULL;
}

static void test_basic(void)
{
	char hex[65];
	static const char data[] = "code,name,group\r\nA,Phòng Nội vụ,CQCM\r\nB,\"UBND xã, Tân Phú\",XA\r\n";

	TEST_INT("basic: loads", LOAD(data), 0);
	TEST_INT("basic: no diagnostics", d.n, 0);
	TEST_INT("basic: delimiter ','", t.delim, ',');
	TEST_INT("basic: 3 columns", t.ncols, 3);
	TEST_STR("basic: header", t.header[2], "group");
	TEST_INT("basic: header line", t.header_line, 1);
	TEST_INT("basic: 2 rows", t.nrows, 2);
	TEST_STR("basic: CRLF not in the last field", field(0, 2), "CQCM");
	TEST_STR("basic: quoted delimiter", field(1, 1), "UBND xã, Tân Phú");
	TEST_INT("basic: row lines", t.nrows == 2 ? t.rows[0].line * 10 + t.rows[1].line : 0, 23);
	sha256_hex(data, sizeof(data) - 1, hex);
	TEST_STR("basic: sha256 of the raw bytes", t.sha256, hex);
	TEST_STR("basic: path kept", t.path, path);
}

static void test_bom_and_delimiter(void)
{
	TEST_INT("bom: loads", LOAD("\xEF\xBB\xBF" "code;name;group\n1;a,b;c\n"), 0);
	TEST_INT("bom: no diagnostics", d.n, 0);
	TEST_STR("bom: skipped before the first column name", t.ncols ? t.header[0] : NULL, "code");
	TEST_INT("semicolon: detected", t.delim, ';');
	TEST_STR("semicolon: comma is ordinary text", field(0, 1), "a,b");

	LOAD("a,b;c;d\n1,2;3;4\n");
	TEST_INT("delimiter: more ';' than ','", t.delim, ';');
	LOAD("a;b,c,d\n");
	TEST_INT("delimiter: more ',' than ';'", t.delim, ',');
	LOAD("a;b,c\n");
	TEST_INT("delimiter: a tie is ','", t.delim, ',');
	LOAD("\"a;b;c\",d\n");
	TEST_INT("delimiter: quoted ';' do not count", t.delim, ',');
	LOAD("a,b\n1;2;3;4;5\n");
	TEST_INT("delimiter: only the header line counts", t.delim, ',');
	LOAD("\n\n a;b \n1;2\n");
	TEST_INT("delimiter: leading blank lines skipped", t.delim, ';');
	TEST_INT("header after blank lines: its line", t.header_line, 3);
	TEST_INT("header after blank lines: row line", t.nrows ? t.rows[0].line : 0, 4);
}

static void test_encodings(void)
{
	TEST_INT("utf-16 LE bom: refused", LOAD("\xFF\xFE" "c\0o\0d\0e\0"), -1);
	TEST_STR("utf-16: message at line 1", msg_at(1),
		 "the file is UTF-16 text (Excel's \"Unicode Text\"): save the file as \"CSV UTF-8\"");
	TEST_INT("utf-16 BE bom: refused", LOAD("\xFE\xFF\0c\0o"), -1);
	TEST_INT("utf-16 BE: one error", d.nerrors, 1);

	TEST_INT("invalid utf-8: file still read", LOAD("a,b\n1,ok\n2,caf\xE9\n3,x\n4,\xC3\n"), 0);
	TEST_STR("invalid utf-8: at its line", msg_at(3),
		 "line is not valid UTF-8 (byte 0xE9): save the file as \"CSV UTF-8\"");
	TEST("invalid utf-8: every bad line", msg_at(5) != NULL);
	TEST_INT("invalid utf-8: two errors, nothing more", d.nerrors, 2);
	TEST_INT("invalid utf-8: good rows kept", t.nrows, 2);
	TEST_INT("invalid utf-8: good rows' lines", t.nrows == 2 ? t.rows[1].line : 0, 4);

	LOAD("a,b\n1,\"multi\nline \xE9\"\n2,x\n");
	TEST_INT("invalid utf-8 inside a multi-line record: one error", d.nerrors, 1);
	TEST("invalid utf-8 inside a multi-line record: at the bad line", msg_at(3) != NULL);
	TEST_INT("invalid utf-8 inside a multi-line record: record dropped", t.nrows, 1);

	LOAD("a,b\n1,x\0y\n");
	TEST("NUL byte: error at its line", msg_at(2) && strstr(msg_at(2), "NUL"));
	TEST_INT("NUL byte: row dropped", t.nrows, 0);

	TEST_INT("invalid header: refused", LOAD("\xE9t\xE9,b\n1,2\n"), -1);
	TEST_INT("invalid header: one error", d.nerrors, 1);
}

static void test_quotes_and_lines(void)
{
	LOAD("code,name\n1,\"first line\nsecond line\"\n2,\"\"\"quoted\"\" word\"\n3,\"a\r\nb\"\r\n4,last");
	TEST_INT("quotes: no diagnostics", d.n, 0);
	TEST_INT("quotes: 4 rows", t.nrows, 4);
	TEST_STR("quotes: a line break inside a field is a space (text.h)", field(0, 1), "first line second line");
	TEST_STR("quotes: doubled quotes", field(1, 1), "\"quoted\" word");
	TEST_STR("quotes: a quoted CRLF is one space", field(2, 1), "a b");
	TEST_STR("no final line end: last field", field(3, 1), "last");
	if (t.nrows == 4) {
		TEST_INT("lines: first record", t.rows[0].line, 2);
		TEST_INT("lines: after a quoted line break", t.rows[1].line, 4);
		TEST_INT("lines: record with quoted CRLF", t.rows[2].line, 5);
		TEST_INT("lines: after quoted CRLF", t.rows[3].line, 7);
	}

	LOAD("a,b\r1,2\r3,4\r");
	TEST_INT("lone CR: two rows", t.nrows, 2);
	TEST_INT("lone CR: counted as line ends", t.nrows == 2 ? t.rows[1].line : 0, 3);

	LOAD("a,b\n1,x\"y\n2,\"z\"w\n3,ok\n4,\"a\" \"b\"\n");
	TEST_STR("quote inside unquoted field: at its line", msg_at(2),
		 "'\"' inside the unquoted value of column 'b': put the whole value in quotes and double the quote (\"\")");
	TEST_STR("text after the closing quote", msg_at(3),
		 "text after the closing quote of column 'b': a quoted value must end with its quote");
	TEST("stray quote after the closing quote", msg_at(5) && strstr(msg_at(5), "stray"));
	TEST_INT("parse errors: three errors", d.nerrors, 3);
	TEST_INT("parse errors: reading resumes on the next line", t.nrows, 1);
	TEST_INT("parse errors: the good row", t.nrows ? t.rows[0].line : 0, 4);

	LOAD("a,b\n1,\"x\ny\"\n2,\"never closed\n3,x\n");
	TEST_STR("unterminated quote: at the record's line", msg_at(4),
		 "the quoted value of column 'b' is never closed: a '\"' is missing");
	TEST_INT("unterminated quote: the first row kept", t.nrows, 1);

	LOAD("a,b\n  \"spaced\"  ,  plain  \n");
	TEST_STR("spaces around a quoted value", field(0, 0), "spaced");
	TEST_STR("spaces around a plain value", field(0, 1), "plain");
}

static void test_rows(void)
{
	LOAD("a,b,c\n1,2\n1,2,3,4\n5,6,7\n");
	TEST_STR("ragged: too few", msg_at(2), "row has 2 fields but the header has 3");
	TEST_STR("ragged: too many", msg_at(3),
		 "row has 4 fields but the header has 3: a value holding ',' must be in quotes");
	TEST_INT("ragged: only the good row", t.nrows, 1);

	LOAD("a,b\n\n , \n1,2\n,,,,\n\xC2\xA0,\n\"\",\"\"\n\n");
	TEST_INT("blank rows: no diagnostics", d.n, 0);
	TEST_INT("blank rows: ignored", t.nrows, 1);

	LOAD("a,b\n1,\n,2\n");
	TEST_STR("empty field is \"\", not NULL", field(0, 1), "");
	TEST_STR("empty first field", field(1, 0), "");

	LOAD("name,x\n Tie\xCC\x82\xCC\x81ng\xC2\xA0, x \n");
	TEST_STR("fields: NFC and trimmed", field(0, 0), "Tiếng");

	LOAD("code,name\nA,Phßng Néi vô\nB,ok\n");
	TEST_STR("fields: legacy encoding refused", msg_at(2),
		 "column 'name' looks typed in the legacy TCVN3 (ABC) encoding: 'Phßng Néi vô' would read 'Phòng Nội vụ'; convert the text to Unicode");
	TEST_INT("fields: the row is dropped", t.nrows, 1);

	TEST_INT("empty file: refused", LOAD(""), -1);
	TEST_STR("empty file: message", d.n ? d.v[0].message : NULL,
		 "the file is empty: a header row naming the columns is expected");
	TEST_INT("only a BOM and blank lines: refused", LOAD("\xEF\xBB\xBF\n \n"), -1);

	csv_table_release(&t);
	diag_release(&d);
	snprintf(path, sizeof(path), "%s/missing.csv", dir);
	TEST_INT("missing file: refused", csv_table_load(&t, path, &d), -1);
	TEST_INT("missing file: reported", d.nerrors, 1);
}

static void test_columns(void)
{
	static const char *const names[] = { "code", "name", "group", "previous_code" };
	int col[4];

	LOAD("name,code,group\n");
	TEST_INT("columns: any order", csv_table_columns(&t, &d, names, 4, 3, 0, col), 0);
	TEST_INT("columns: code", col[0], 1);
	TEST_INT("columns: optional absent", col[3], -1);

	LOAD("code,name,code,extra,,x\n");
	TEST_INT("columns: problems", csv_table_columns(&t, &d, names, 4, 3, 0, col), -1);
	TEST_STR("columns: duplicate", d.n > 0 ? d.v[0].message : NULL,
		 "column 'code' appears twice in the header (columns 1 and 3)");
	TEST_STR("columns: unknown", d.n > 1 ? d.v[1].message : NULL,
		 "unknown column 'extra': the columns are code, name, group and previous_code");
	TEST_STR("columns: unnamed", d.n > 2 ? d.v[2].message : NULL,
		 "column 5 of the header has no name: the columns are code, name, group and previous_code");
	TEST_STR("columns: missing", d.n > 4 ? d.v[4].message : NULL,
		 "the header has no column 'group': the required columns are code, name and group");
	TEST_INT("columns: at the header line", d.n ? d.v[0].line : 0, 1);

	LOAD("x,unit_code,rank,index,y\n");
	TEST_INT("columns: unknown ignored when asked",
		 csv_table_columns(&t, &d, (const char *const[]){ "unit_code", "index", "rank" }, 3, 3, 1, col), 0);
	TEST_INT("columns: mapped", col[0] * 100 + col[1] * 10 + col[2], 132);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	diag_init(&d);
	memset(&t, 0, sizeof(t));
	test_basic();
	test_bom_and_delimiter();
	test_encodings();
	test_quotes_and_lines();
	test_rows();
	test_columns();
	csv_table_release(&t);
	diag_release(&d);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	unlink(path);
	rmdir(dir);
	TEST_REPORT();
}
