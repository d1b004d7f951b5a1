/*
 * diag.h: diagnostics, the one way parx talks about problems.
 *
 * Problems in the user's data are collected in a `struct diag` so that a run
 * reports all of them at once, each as one GNU-style line:
 *
 *     input/2024/units.csv:7: error: duplicate unit code 'XA-PT' (first on line 3)
 *
 * Problems of the program itself (bad usage, I/O) go through die()/error(),
 * which print "prog: message" at once.
 */
#ifndef PARX_DIAG_H
#define PARX_DIAG_H

#include <stdio.h>

struct strmap;

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag_entry {
	enum diag_level level;
	int line;      /* 0 = the file as a whole */
	const char *path; /* as the user gave it, on one line: input folder joined with the file
			   * (owned by the diag, shared by the entries of one file: shown[order]) */
	char *where;   /* NULL, or the place printed instead of the line (a workbook cell) */
	char *message;
	const char *kind; /* the message's format: warnings of one kind are grouped on a terminal */
	size_t order;  /* first-appearance rank of path, for diag_sort() */
	size_t seq;
};

struct diag {
	struct diag_entry *v;
	size_t n, alloc;
	char **paths;       /* distinct paths in order of first appearance */
	size_t npaths, apaths;
	char **shown;       /* each of paths on one line, as entries print it (made on first use) */
	size_t ashown;
	struct strmap *path_map; /* path -> its rank in paths */
	size_t nerrors, nwarnings;
	size_t max_entries; /* 0 = unbounded; beyond it entries are counted, not kept */
	size_t dropped;
	size_t *kept, *more; /* per file (by rank in paths): entries kept, entries only counted */
	size_t akept, amore;
	char **kinds;        /* the kinds of restored entries (diag_restore), owned */
	size_t nkinds, akinds;
};

/*
 * Bounds, whatever the input: at most DIAG_PER_FILE problems of one file are
 * kept and printed, then one note with the count of the rest (the counts of
 * errors and warnings stay exact); a quoted value ('…' or "…") shows at most
 * DIAG_QUOTE_MAX characters, cut with "…"; a message at most DIAG_MESSAGE_MAX.
 */
#define DIAG_PER_FILE 100
#define DIAG_QUOTE_MAX 80
#define DIAG_MESSAGE_MAX 600

void diag_init(struct diag *d);
void diag_release(struct diag *d);

/* Records a problem at path:line (line 0: no line). Message without trailing newline. */
void diag_error(struct diag *d, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_warn(struct diag *d, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * A problem at a place that is not a line, such as a workbook cell, printed
 * "path:where: error: …" ("received/a.xlsx:Tự chấm điểm!F14"); `line` (the
 * cell's row) orders it among the file's other problems.
 */
void diag_error_at(struct diag *d, const char *path, int line, const char *where,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_warn_at(struct diag *d, const char *path, int line, const char *where,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * The entries of `from` (made with no path, e.g. by a text check) as entries
 * of `d` at path:where, as they are (already translated).
 */
void diag_copy_at(struct diag *d, const struct diag *from, const char *path, int line,
		  const char *where);

/* The errors of `from` (not its warnings) added to `d`, as they are. */
void diag_add_errors(struct diag *d, const struct diag *from);

/*
 * Everything of `from` added to `d` as it is, in its order: entries (kinds and
 * places kept), what it only counted, its notes of problems not shown (for
 * problems found on another thread, then told in the order of the files).
 */
void diag_append(struct diag *d, const struct diag *from);

/*
 * Reading diagnostics back from a file (the working copy, input/workcopy.h):
 * an entry as it was, with its kind's text (entries of one kind group on a
 * terminal as before); the count of a file's entries that were only counted;
 * the totals (never below what the restored entries count).
 */
void diag_restore(struct diag *d, enum diag_level level, const char *path, int line,
		  const char *where, const char *kind, const char *message);
void diag_restore_more(struct diag *d, const char *path, size_t more);
void diag_restore_counts(struct diag *d, size_t nerrors, size_t nwarnings);
/* The entries of the file of rank `order` (in d->paths) that were only counted. */
size_t diag_more(const struct diag *d, size_t order);

/* An error whose message is already made (and translated): printed as it is. */
void diag_error_text(struct diag *d, const char *path, int line, const char *text);

/* Orders entries by file (in order of first appearance), then line; stable. */
void diag_sort(struct diag *d);

/*
 * Writes the entries, one line each: first every error, then (if `warnings`)
 * every warning, each in file and line order, then the notes of what the
 * bounds left out. Returns -1 on a write error.
 */
int diag_print(const struct diag *d, FILE *f, int warnings);

/*
 * The same, with the paths under `dir` written relative to it (validation.txt
 * in the archive names "submissions/a.xml:3", not the machine's folder).
 */
int diag_print_in(const struct diag *d, FILE *f, int warnings, const char *dir);

/*
 * For a person at a terminal: as diag_print(), but a warning that recurs
 * (more than DIAG_GROUP_SHOW times with the same wording) shows its first
 * DIAG_GROUP_SHOW lines, then one note with the count of the others and where
 * they all are (`where`, e.g. "validation.txt"; NULL: nowhere named). Ends with
 * the count line (diag_print_count) when there was anything to say.
 */
#define DIAG_GROUP_SHOW 10
int diag_print_grouped(const struct diag *d, FILE *f, int warnings, const char *where);

/* "prog: 3 errors, 1679 warnings" (nothing when there are neither). */
int diag_print_count(const struct diag *d, FILE *f);

/* The program name used by die()/error()/warning(); set once in main(). */
void diag_set_prog(const char *name);
const char *diag_prog(void);
/* "prog: message" on stderr. error() returns -1; die() exits with `status`. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
