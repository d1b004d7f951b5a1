/*
 * tsv.h: the record files stages hand on to each other (the working copy,
 * the scored results): UTF-8 text, one record per line, its name first, then
 * its fields, separated by a tab. In a text field a backslash, tab, line
 * feed and carriage return are written \\ \t \n \r, and an absent text is \N.
 *
 * Writing appends to a strbuf. Reading goes record by record, taking fields
 * in order; every problem (a short record, a bad escape, a number out of its
 * range, an unexpected record) marks the reader bad with one error in its
 * diag at the file and line, after which every take returns a neutral value:
 * callers check tsv_bad() once a record is done.
 */
#ifndef PARX_TSV_H
#define PARX_TSV_H

#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"

void tsv_put_text(struct strbuf *sb, const char *s); /* \N for NULL */
void tsv_put_int(struct strbuf *sb, long long v);

/*
 * A record file being written: records are put into `sb`, which is handed to
 * the file (under a temporary name, renamed by tsv_writer_commit) once it holds
 * a megabyte, so that a file of 80 MB is never whole in memory.
 */
struct tsv_writer {
	struct strbuf sb;
	struct outfile o;
};

/* Returns 0, or -1 after error(). */
int tsv_writer_open(struct tsv_writer *w, const char *path);
/* Hands sb to the file when it is large; call between records. */
void tsv_writer_spill(struct tsv_writer *w);
/* Writes the rest and renames the file into place: 0, or -1 after error() (nothing left). */
int tsv_writer_commit(struct tsv_writer *w);

struct tsv_reader {
	FILE *f;
	const char *path;   /* for messages */
	const char *what;   /* "the working copy", for messages */
	const char *remedy; /* "run parx-ingest again" */
	struct diag *d;
	int line;
	char *buf;
	size_t cap;
	char **field;
	size_t nfield, afield;
	size_t next;
	int bad;
};

/* Opens `path` (an error in d and -1 when it cannot be read). */
int tsv_open(struct tsv_reader *r, const char *path, const char *what, const char *remedy,
	     struct diag *d);
void tsv_close(struct tsv_reader *r);

/* Reads the next record; 0 at the end (then no record name matches). */
int tsv_next(struct tsv_reader *r);
/* The current record is `name`. */
int tsv_is(const struct tsv_reader *r, const char *name);
/* The current record is `name` with exactly `n` fields; else the reader is bad. */
int tsv_expect(struct tsv_reader *r, const char *name, size_t n);
/* The next field: text (NULL for \N; caller frees), or a number within lo..hi. */
char *tsv_text(struct tsv_reader *r);
long long tsv_int(struct tsv_reader *r, long long lo, long long hi);
/* Marks the reader bad with "<what> is damaged (<why>): <remedy>" (once). */
void tsv_damaged(struct tsv_reader *r, const char *why);

#endif
