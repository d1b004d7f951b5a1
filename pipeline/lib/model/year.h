/*
 * year.h: the data model of one year's input folder (input/FORMATS.md), as the
 * loaders fill it and the scorer and renderers read it.
 *
 * All text is UTF-8, NFC, trimmed (text.h). All points and percentages are
 * int64_t hundredths (common.h). Every element remembers the line it came from
 * in the file the user wrote, for messages. Arrays are owned by their struct
 * and freed by year_release().
 */
#ifndef PARX_YEAR_H
#define PARX_YEAR_H

#include <stdint.h>

#include "base/diag.h"
#include "base/strmap.h"

enum rule_kind { RULE_LEVELS, RULE_SCALE, RULE_RATIO, RULE_PROPORTIONAL, RULE_COUNT };
enum item_kind { KIND_ITEM, KIND_BONUS, KIND_PENALTY };

struct level {
	int64_t points;
	char *text;
	int line;
};

struct band {
	int64_t from;   /* percent, hundredths: 80 -> 8000 */
	int64_t points;
	int line;
};

/* One scored code: an item of a field, a bonus or a penalty. */
struct item {
	char *code;
	char *name;
	enum item_kind kind;
	int field;      /* index in index.fields; -1 for bonus/penalty */
	int criterion;  /* index in index.criteria; -1 for bonus/penalty */
	enum rule_kind rule;
	int64_t max;
	struct level *levels;
	size_t nlevels;
	struct band *bands;
	size_t nbands;
	int64_t target; /* proportional: percent hundredths, default 10000 */
	int64_t per;    /* count: points per occurrence */
	int empty_zero; /* ratio/proportional with denominator 0: 1 = zero, 0 = max */
	int na_allowed;
	int evidence_optional; /* evidence="optional": a score without <evidence> is not warned about */
	unsigned char *in_group; /* [index.ngroups]: 1 if the item applies to the group */
	int line;
};

struct criterion {
	char *code;
	char *name;
	int field;
	int line;
};

struct field {
	char *code;
	char *name;
	int line;
};

struct group {
	char *code;
	char *name;
	int line;
};

struct grade {
	int64_t from; /* percent hundredths */
	char *label;
	int line;
};

struct index {
	char *path;
	char *id;
	int year;
	int64_t scale;
	int cap;
	char *title;
	struct group *groups;
	size_t ngroups;
	struct field *fields;
	size_t nfields;
	struct criterion *criteria;
	size_t ncriteria;
	/* Every scored code in index order: field items, then bonuses, then penalties. */
	struct item *items;
	size_t nitems;
	int has_bonuses, has_penalties;
	int64_t bonus_max, penalty_max; /* 0 when absent */
	struct grade *grades;           /* from strictly decreasing, last 0 */
	size_t ngrades;
};

struct unit {
	char *code;
	char *name;
	int group;           /* index in index.groups */
	char *previous_code; /* NULL when not given */
	int line;
};

struct registry {
	char *path;
	struct unit *units; /* registry order */
	size_t nunits;
	struct strmap *by_code; /* code -> unit, for registry_find() */
	/*
	 * Codes written on rows that were refused (a duplicate, a bad group, an
	 * empty name): a submission or appraisal row naming one is not blamed
	 * again, the registry line is.
	 */
	struct strmap *refused;
	char **refused_codes; /* the keys of `refused` (a strmap borrows its keys) */
	size_t nrefused, arefused;
};

/* The raw data behind a ratio, proportional or count rule: each part given or not. */
struct raw_data {
	int64_t numerator, denominator, count;
	unsigned char has_numerator, has_denominator, has_count;
};

/* One <score> of a submission. */
struct score {
	int64_t self;
	struct raw_data raw;
	char **evidence;
	size_t nevidence;
	char **notes;
	size_t nnotes;
	int line;
	/* flags as bytes, together: a year holds units x items of these (500,000 at 10,000 units) */
	unsigned char present, na, has_self;
};

struct submission {
	char *path;  /* NULL: the unit has no (valid) submission */
	int line;    /* of the <submission> start tag */
	char *date;  /* YYYY-MM-DD or NULL */
	struct score *scores; /* [index.nitems], by item */
	char **notes;
	size_t nnotes;
	int has_declared;
	int64_t declared_total;
	int declared_line;
	int group_refused; /* its scores fit another group: units.csv was blamed (submission.c) */
	int hint_group;    /* its scores fit this other group but for one item, or -1 */
};

enum appraisal_score { APPRAISAL_EMPTY, APPRAISAL_NA, APPRAISAL_VALUE };

/* One row of an appraisal file, after checks; rows are kept in application order. */
struct appraisal_row {
	char *file;  /* base name, as changed_by prints it */
	char *path;  /* for messages */
	int line;
	int unit;    /* index in registry.units */
	int item;    /* index in index.items */
	enum appraisal_score kind;
	int64_t score;
	struct raw_data raw;
	char *reason;
};

struct previous_row {
	char *unit_code;
	int64_t index; /* hundredths */
	int rank;
	int line;
	int none;      /* index and rank empty: the unit had no result that year */
};

struct signer {
	char *on_behalf; /* NULL or "KT." etc. */
	char *title;
	char *position;  /* NULL when absent */
	char *name;
};

/*
 * What follows from the particulars, derived once by publication_load() so
 * that the authority line, the signature and every reference to the decision
 * agree (pipeline/DOCUMENTS.md, "Who decides, number and date: one source (`publication_derive()`)").
 * Strings owned by the publication; all set (never NULL) once publication_load() has
 * read an authority.
 */
struct decider_info {
	int collective;       /* the People's Committee as a body, not its Chairman */
	char *authority_line; /* "ỦY BAN NHÂN DÂN TỈNH X" or "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" */
	char *authority_name; /* "Ủy ban nhân dân tỉnh X", in running text */
	char *issuer;         /* "Ủy ban nhân dân tỉnh X" or "Chủ tịch Ủy ban nhân dân tỉnh X" */
	char *number;         /* "05/QĐ-UBND", or blanks then "/QĐ-UBND" */
	char *date;           /* "ngày 15 tháng 01 năm 2026", unknown parts blank */
	char *reference;      /* "Kèm theo Quyết định số 05/QĐ-UBND ngày … của Chủ tịch …" */
	char **signature;     /* the signer's title lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", … */
	size_t nsignature;
};

struct publication {
	char *path;
	char *superior;  /* NULL when absent, or dropped over a UBND/HĐND (with a warning) */
	char *authority;
	char *number;    /* NULL or "": blank number space */
	char *symbol;
	char *place;
	char *date;      /* YYYY-MM-DD, YYYY-MM, YYYY or NULL: blanks for what is missing */
	char *title;
	char *decider;   /* defaults to authority */
	char *coordinator; /* who monitors and reports (Điều 2); NULL when absent */
	char *executors;   /* who executes (Điều 3); NULL when absent */
	char **bases;
	size_t nbases;
	char *proposal;  /* NULL when absent */
	struct signer signer;
	char **recipients;
	size_t nrecipients;
	struct decider_info d; /* derived once from the above (publication.h) */
	struct {                /* lines of the elements the derivation checks (0: absent) */
		int superior, decider, signer, on_behalf, title, position;
	} lines;
};

/* A raw input file and its SHA-256 (hex), for provenance. */
struct input_file {
	char *path;
	char sha256[65];
};

struct year {
	char *dir;
	struct index index;
	struct registry registry;
	struct submission *subs;     /* [registry.nunits], by unit */
	struct appraisal_row *rows;  /* application order: file name order, then line */
	size_t nrows;
	int has_previous;
	struct previous_row *previous;
	size_t nprevious;
	struct publication pub;
	struct input_file *files;    /* every raw input read, in reading order */
	size_t nfiles, files_alloc;
	const char **rounds;         /* year_note_rounds(): the appraisal files' names, round 1 first */
	size_t nrounds;
	int index_ok, registry_ok;   /* loaded without errors: later checks may rely on them */
	int registry_read;           /* units.csv was read, its columns found: its good rows are
				      * trusted (registry_known) even when other rows had errors */
	unsigned flags;              /* YEAR_* of year_load_flags() */
};

#define YEAR_HASH 1u /* compute the SHA-256 of every XML input (CSV inputs always are) */
#define YEAR_NO_PUBLICATION 2u /* leave publication.xml unread (input/load.h) */

void year_release(struct year *y);
/* The parts of a year, released one by one (a loader's scratch copies, tests). */
void index_release(struct index *ix);
void publication_release(struct publication *p);
void submission_release(struct submission *s, size_t nitems);
void decider_info_release(struct decider_info *d);

/*
 * `path` inside the year folder written relative to it ("submissions/a.xml"
 * for "input/2025/submissions/a.xml"): what the archive records, so that it
 * is the year's and not the machine's. Other paths come back unchanged.
 * Borrowed from `path`.
 */
const char *year_relative(const struct year *y, const char *path);

/*
 * The appraisal round of the file `name` (an appraisal file's base name): the
 * files apply in name order, round 1 first; 0 when no row comes from it.
 */
int year_round_of(const struct year *y, const char *name);
/*
 * Notes the appraisal rounds once, when the year's files are all known, so
 * that year_round_of() looks among them only (the documents ask it for every
 * changed score; without it, it looks through every file read).
 */
void year_note_rounds(struct year *y);

/* Appends a raw input and its digest to y->files (provenance). */
void year_add_file(struct year *y, const char *path, const char sha256[65]);

/* Lookups; -1 when absent. */
int index_find_item(const struct index *ix, const char *code);
int index_find_group(const struct index *ix, const char *code);
int registry_find(const struct registry *r, const char *code);

#endif
