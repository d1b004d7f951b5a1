/*
 * stage.h: what every parx program does the same way: its options, loading
 * the year with its diagnostics, and the exit statuses of README.md and input/FORMATS.md.
 */
#ifndef PARX_STAGE_H
#define PARX_STAGE_H

#include "base/diag.h"
#include "score/scoring.h"
#include "model/year.h"

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,  /* the data has errors: nothing published */
	EXIT_USAGE = 2, /* wrong usage */
	EXIT_IO = 3,    /* I/O or internal failure */
};

/* Options a stage accepts beyond -o/--out, -q/--quiet, --help, --version. */
enum {
	STAGE_OPT_DRAFT = 1 << 0, /* --draft */
	STAGE_OPT_EXCEL = 1 << 1, /* --excel */
	STAGE_OPT_JOBS = 1 << 2,  /* -j N / --jobs N */
	STAGE_OPT_RENDER = 1 << 3, /* --templates DIR, --fonts DIR */
	STAGE_OPT_IMPORT = 1 << 4, /* -f/--force, workbooks after the year folder, no -o */
	STAGE_OPT_COPY = 1 << 5,   /* the working copy OUT/ingest in place of the year folder */
};

struct stage_opts {
	const char *prog;
	const char *in;   /* the year folder */
	char *out;        /* output folder: -o, else output/<name of the year folder> */
	int quiet;        /* no diagnostics on stderr */
	int draft;
	int excel;
	int jobs;         /* 0 = as many as cores */
	unsigned load_flags; /* YEAR_* for year_load_flags(), set by the program */
	char *templates;  /* --templates, else $PARX_TEMPLATES, else <program>/../../templates */
	char *fonts;      /* --fonts, else $PARX_FONTS, else Debian's liberation2 folder */
	int units_set;    /* --units FROM..TO (1-based, inclusive), or --units none (0..0) */
	long units_from, units_to;
	int copy;         /* `in` is a working copy (STAGE_OPT_COPY and its year.tsv found) */
	int read_scored;  /* from a working copy, read OUT/score/results.tsv (render) */
	int force;        /* -f/--force (import) */
	char **forms;     /* the workbooks or folders after the year folder (import) */
	size_t nforms;
};

/*
 * Parses the command line. `what` is the one-paragraph description printed by
 * --help. Returns -1 to go on, or the status to exit with at once (0 after
 * --help/--version, EXIT_USAGE after a message).
 */
int stage_options(struct stage_opts *o, int argc, char **argv, const char *what, unsigned allowed);
void stage_opts_release(struct stage_opts *o);

/* The templates and fonts folders when no option names them ($PARX_TEMPLATES, $PARX_FONTS, else beside the program). Caller frees. */
char *stage_templates(void);
char *stage_fonts(void);

/* The default output folder of a year folder: output/<its name>. Caller frees. */
char *stage_default_out(const char *in);

/*
 * Loads the year folder into `y`, collecting problems in `d`; when the data
 * have no error and `r` is not NULL, also scores them into `r` (which adds the
 * scorer's warnings). Prints the diagnostics on stderr unless quiet (warnings
 * only when `warnings`). Returns EXIT_OK, EXIT_DATA when the data have
 * errors, or EXIT_IO. `y` and `r` must be released either way.
 */
int stage_load(const struct stage_opts *o, struct year *y, struct diag *d, struct results *r,
	       int warnings);

/* Creates the output folder; EXIT_OK or EXIT_IO after a message. */
int stage_outdir(const struct stage_opts *o);

#endif
