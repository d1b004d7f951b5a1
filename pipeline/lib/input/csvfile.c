/*
 * csvfile.c: the CSV dialect of input/FORMATS.md on top of libcsv.
 *
 * libcsv does the RFC 4180 state machine (quotes, doubled quotes, quoted
 * delimiters and line breaks, CRLF); this module does what it leaves to the
 * application: encoding checks, the delimiter, physical line numbers, column
 * counts, blank rows, cleaning every field, and carrying on after an error so
 * that one run reports every problem of the file.
 *
 * Line numbers: the file is fed to libcsv one physical line at a time (LF,
 * CRLF or a lone CR ends a line), so the line being fed is always known. A
 * record starts on the first line fed while the parser is between records.
 * After a parse error the parser is reset and reading resumes at the next line.
 */
#include "input/csvfile.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/fileio.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/text.h"

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL)
/*
 * libcsv 3.0.3's parser states (libcsv.c); struct csv_parser is public but
 * the names are not. Between records the state is ROW_NOT_BEGUN
 * (pipeline/LIBRARIES.md, "libcsv 3.0.3").
 */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_MIGHT_HAVE_ENDED 3


struct rawfield {
	char *s;
	size_t len;
};

struct reader {
	struct csv_table *t;
	struct diag *d;
	int line;             /* physical line being fed */
	int start;            /* line the current record started on */
	unsigned char *bad;   /* [line]: invalid UTF-8, already reported */
	int have_header;
	int header_failed;
	struct rawfield *f;   /* fields of the current record */
	size_t nf, af;
	size_t over;          /* fields of the current record past CSV_MAX_FIELDS, counted only */
	size_t rows_alloc, dropped_alloc;
};

static void clear_record(struct reader *r)
{
	for (size_t i = 0; i < r->nf; i++)
		free(r->f[i].s);
	r->nf = 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	/* No file of parx has many columns: a record of millions is counted, not kept. */
	if (r->nf >= CSV_MAX_FIELDS) {
		r->over++;
		return;
	}
	xgrow(&r->f, &r->af, r->nf + 1, sizeof(*r->f));
	/* CSV_EMPTY_IS_NULL: an empty unquoted field comes as NULL (pipeline/LIBRARIES.md, "libcsv 3.0.3"). */
	r->f[r->nf].s = s ? xstrndup(s, len) : xstrdup("");
	r->f[r->nf].len = s ? len : 0;
	r->nf++;
}

/* 1 if every field is empty once cleaned. */
static int blank_record(const struct reader *r)
{
	for (size_t i = 0; i < r->nf; i++) {
		char *c = text_nfc_trim(r->f[i].s, r->f[i].len);
		int empty = c && !*c;

		free(c);
		if (!empty)
			return 0;
	}
	return 1;
}

static void take_header(struct reader *r)
{
	struct csv_table *t = r->t;

	t->header_line = r->start;
	t->ncols = r->nf;
	t->header = xcalloc(r->nf, sizeof(*t->header));
	for (size_t i = 0; i < r->nf; i++) {
		t->header[i] = text_checked(r->d, t->path, r->start, "the header", r->f[i].s,
					    r->f[i].len);
		if (!t->header[i])
			r->header_failed = 1;
	}
	r->have_header = 1;
}

/* Keeps, as written, the fields of a row dropped for a reported problem. */
static void note_dropped(struct reader *r)
{
	struct csv_table *t = r->t;
	struct csv_row *row;

	if (!t->ncols || t->ndropped >= CSV_MAX_DROPPED)
		return;
	xgrow(&t->dropped, &r->dropped_alloc, t->ndropped + 1, sizeof(*t->dropped));
	row = &t->dropped[t->ndropped++];
	row->line = r->start;
	row->fields = xcalloc(t->ncols, sizeof(*row->fields));
	for (size_t i = 0; i < t->ncols; i++) {
		row->fields[i] = i < r->nf ? text_nfc_trim(r->f[i].s, r->f[i].len) : NULL;
		if (!row->fields[i])
			row->fields[i] = i < r->nf ? xstrndup(r->f[i].s, r->f[i].len) : xstrdup("");
	}
}

static void take_row(struct reader *r)
{
	struct csv_table *t = r->t;
	struct csv_row row;
	struct strbuf what = STRBUF_INIT;
	int ok = 1;

	if (r->nf != t->ncols) {
		if (r->nf > t->ncols)
			diag_error(r->d, t->path, r->start,
				   "row has %zu fields but the header has %zu: a value holding '%c' must be in quotes",
				   r->nf, t->ncols, t->delim);
		else
			diag_error(r->d, t->path, r->start, "row has %zu fields but the header has %zu",
				   r->nf, t->ncols);
		note_dropped(r);
		return;
	}
	row.line = r->start;
	row.fields = xcalloc(t->ncols ? t->ncols : 1, sizeof(*row.fields));
	for (size_t i = 0; i < t->ncols; i++) {
		strbuf_reset(&what);
		strbuf_addf(&what, _("column '%s'"), t->header[i]);
		row.fields[i] = text_checked(r->d, t->path, r->start, what.buf, r->f[i].s, r->f[i].len);
		if (!row.fields[i])
			ok = 0;
	}
	strbuf_release(&what);
	if (!ok) {
		for (size_t i = 0; i < t->ncols; i++)
			free(row.fields[i]);
		free(row.fields);
		note_dropped(r);
		return;
	}
	xgrow(&t->rows, &r->rows_alloc, t->nrows + 1, sizeof(*t->rows));
	t->rows[t->nrows++] = row;
}

/* End of a record: libcsv's row callback (and the end of the file). */
static void on_record(int c, void *data)
{
	struct reader *r = data;
	int touched_bad = 0;

	(void)c;
	if (r->over) {
		diag_error(r->d, r->t->path, r->start,
			   "this line has %zu fields, more than the %d a parx CSV file may have: check the delimiter",
			   r->nf + r->over, CSV_MAX_FIELDS);
		if (!r->have_header)
			r->have_header = r->header_failed = 1;
		r->over = 0;
		clear_record(r);
		return;
	}
	for (int l = r->start; l <= r->line; l++)
		touched_bad |= r->bad[l];
	/* Encoding errors were reported by line; the record says nothing more. */
	if (touched_bad && !r->have_header)
		r->have_header = r->header_failed = 1;
	else if (touched_bad && !r->header_failed)
		note_dropped(r);
	else if (!touched_bad && !blank_record(r)) {
		if (!r->have_header)
			take_header(r);
		else if (!r->header_failed)
			take_row(r);
	}
	clear_record(r);
}

/* Name of the field being parsed, for messages. */
static void field_name(const struct reader *r, struct strbuf *sb)
{
	if (!r->have_header)
		strbuf_addf(sb, _("field %zu of the header"), r->nf + 1);
	else if (r->nf < r->t->ncols && r->t->header[r->nf])
		strbuf_addf(sb, _("column '%s'"), r->t->header[r->nf]);
	else
		strbuf_addf(sb, _("field %zu"), r->nf + 1);
}

static void parse_error(struct reader *r, struct csv_parser *p, unsigned char c)
{
	struct strbuf name = STRBUF_INIT;

	if (r->bad[r->line])
		return;
	r->t->nlost++;
	field_name(r, &name);
	if (p->pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED && c != '"')
		diag_error(r->d, r->t->path, r->line,
			   "text after the closing quote of %s: a quoted value must end with its quote",
			   name.buf);
	else if (p->pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED)
		diag_error(r->d, r->t->path, r->line,
			   "stray '\"' after the closing quote of %s: a quote inside a quoted value is doubled (\"\")",
			   name.buf);
	else
		diag_error(r->d, r->t->path, r->line,
			   "'\"' inside the unquoted value of %s: put the whole value in quotes and double the quote (\"\")",
			   name.buf);
	strbuf_release(&name);
}

/* Reports every line holding invalid UTF-8 (or a NUL) once, and marks it. */
static void check_utf8(struct reader *r, const char *buf, size_t len)
{
	size_t pos = 0;
	int line = 1, reported = 0;

	while (pos < len) {
		unsigned char c = (unsigned char)buf[pos];
		int32_t cp;
		utf8proc_ssize_t m;

		if (c == '\n' || c == '\r') {
			pos += c == '\r' && pos + 1 < len && buf[pos + 1] == '\n' ? 2 : 1;
			line++;
			reported = 0;
			continue;
		}
		if (c < 0x80 && c) {
			pos++;
			continue;
		}
		m = c ? utf8proc_iterate((const utf8proc_uint8_t *)buf + pos,
					 (utf8proc_ssize_t)(len - pos), &cp) : -1;
		if (m > 0) {
			pos += (size_t)m;
			continue;
		}
		if (!reported) {
			if (!c)
				diag_error(r->d, r->t->path, line,
					   "line holds a NUL byte: this is not UTF-8 text; save the file as \"CSV UTF-8\"");
			else
				diag_error(r->d, r->t->path, line,
					   "line is not valid UTF-8 (byte 0x%02X): save the file as \"CSV UTF-8\"", c);
			r->bad[line] = 1;
			reported = 1;
		}
		pos++;
	}
}

/* End of the physical line starting at pos (after its LF, CRLF or CR). */
static size_t line_end(const char *buf, size_t len, size_t pos)
{
	while (pos < len && buf[pos] != '\n' && buf[pos] != '\r')
		pos++;
	if (pos < len && buf[pos] == '\r') {
		pos++;
		if (pos < len && buf[pos] == '\n')
			pos++;
	} else if (pos < len) {
		pos++;
	}
	return pos;
}

/* ';' when the first non-blank line has more unquoted ';' than ',', else ','. */
static char detect_delim(const char *buf, size_t len)
{
	size_t semis = 0, commas = 0;
	int quoted = 0, seen = 0;

	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r') {
			if (seen)
				break;
		} else if (c == ';')
			semis++;
		else if (c == ',')
			commas++;
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			seen = 1;
	}
	return semis > commas ? ';' : ',';
}

static size_t count_lines(const char *buf, size_t len)
{
	size_t n = 1;

	for (size_t pos = 0; pos < len; n++) {
		size_t e = line_end(buf, len, pos);

		if (e == pos)
			break;
		pos = e;
	}
	return n;
}

int csv_table_load(struct csv_table *t, const char *path, struct diag *d)
{
	struct strbuf raw = STRBUF_INIT;
	struct csv_parser p;
	struct reader r;
	const char *buf;
	size_t len, pos = 0;
	int ret = -1;

	memset(t, 0, sizeof(*t));
	memset(&r, 0, sizeof(r));
	t->path = xstrdup(path);
	t->delim = ',';
	if (file_read(path, &raw, d) < 0)
		return -1;
	sha256_hex(raw.buf, raw.len, t->sha256);
	buf = raw.buf;
	len = raw.len;
	if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
			 ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
		diag_error(d, path, 1, "the file is UTF-16 text (Excel's \"Unicode Text\"): save the file as \"CSV UTF-8\"");
		goto out;
	}
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	r.t = t;
	r.d = d;
	r.bad = xcalloc(count_lines(buf, len) + 2, 1);
	check_utf8(&r, buf, len);
	t->delim = detect_delim(buf, len);
	if (csv_init(&p, CSV_OPTIONS) != 0) {
		diag_error(d, path, 0, "cannot set up the CSV parser");
		goto out;
	}
	csv_set_delim(&p, (unsigned char)t->delim);
	for (r.line = 1; pos < len; r.line++) {
		size_t end = line_end(buf, len, pos), n;

		if (p.pstate == LIBCSV_ROW_NOT_BEGUN)
			r.start = r.line;
		n = csv_parse(&p, buf + pos, end - pos, on_field, on_record, &r);
		if (n < end - pos) {
			if (csv_error(&p) == CSV_EPARSE) {
				parse_error(&r, &p, (unsigned char)buf[pos + n]);
			} else {
				diag_error(d, path, r.line, "cannot parse: %s", csv_strerror(csv_error(&p)));
				t->nlost++;
			}
			/* Drop the record and start afresh on the next line (pipeline/LIBRARIES.md, "libcsv 3.0.3"). */
			clear_record(&r);
			csv_free(&p);
			csv_init(&p, CSV_OPTIONS);
			csv_set_delim(&p, (unsigned char)t->delim);
		}
		pos = end;
	}
	r.line--;
	if (csv_fini(&p, on_field, on_record, &r) != 0) {
		struct strbuf name = STRBUF_INIT;

		field_name(&r, &name);
		if (!r.bad[r.start])
			diag_error(d, path, r.start,
				   "the quoted value of %s is never closed: a '\"' is missing", name.buf);
		t->nlost++;
		strbuf_release(&name);
		clear_record(&r);
	}
	csv_free(&p);
	if (!r.have_header) {
		int lines_bad = 0;

		for (int l = 1; l <= r.line; l++)
			lines_bad |= r.bad[l];
		if (!lines_bad)
			diag_error(d, path, 0, "the file is empty: a header row naming the columns is expected");
		goto out;
	}
	ret = r.header_failed ? -1 : 0;
out:
	clear_record(&r);
	free(r.f);
	free(r.bad);
	strbuf_release(&raw);
	return ret;
}

void csv_table_release(struct csv_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++)
			free(t->rows[i].fields[j]);
		free(t->rows[i].fields);
	}
	free(t->rows);
	for (size_t i = 0; i < t->ndropped; i++) {
		for (size_t j = 0; j < t->ncols; j++)
			free(t->dropped[i].fields[j]);
		free(t->dropped[i].fields);
	}
	free(t->dropped);
	for (size_t j = 0; j < t->ncols && t->header; j++)
		free(t->header[j]);
	free(t->header);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

int csv_table_columns(const struct csv_table *t, struct diag *d, const char *const *names,
		      size_t n, size_t nrequired, int ignore_unknown, int *col)
{
	struct strbuf list = STRBUF_INIT, req = STRBUF_INIT;
	int ret = 0;

	for (size_t i = 0; i < n; i++) {
		col[i] = -1;
		if (i)
			strbuf_addstr(&list, i + 1 == n ? _(" and ") : ", ");
		strbuf_addstr(&list, names[i]);
		if (i < nrequired) {
			if (i)
				strbuf_addstr(&req, i + 1 == nrequired ? _(" and ") : ", ");
			strbuf_addstr(&req, names[i]);
		}
	}
	for (size_t j = 0; j < t->ncols; j++) {
		const char *h = t->header[j];
		size_t i;

		for (i = 0; i < n && strcmp(names[i], h); i++)
			;
		if (i < n && col[i] >= 0) {
			diag_error(d, t->path, t->header_line,
				   "column '%s' appears twice in the header (columns %d and %zu)", h,
				   col[i] + 1, j + 1);
			ret = -1;
		} else if (i < n) {
			col[i] = (int)j;
		} else if (ignore_unknown) {
			continue;
		} else if (!*h) {
			diag_error(d, t->path, t->header_line,
				   "column %zu of the header has no name: the columns are %s", j + 1,
				   list.buf);
			ret = -1;
		} else {
			char *shown = text_excerpt(h);

			diag_error(d, t->path, t->header_line, "unknown column '%s': the columns are %s",
				   shown, list.buf);
			free(shown);
			ret = -1;
		}
	}
	for (size_t i = 0; i < nrequired; i++)
		if (col[i] < 0) {
			diag_error(d, t->path, t->header_line,
				   "the header has no column '%s': the required columns are %s",
				   names[i], req.buf);
			ret = -1;
		}
	strbuf_release(&list);
	strbuf_release(&req);
	return ret;
}
