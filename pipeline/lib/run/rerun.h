/*
 * rerun.h: parx run does again only the stages whose inputs changed
 * (README.md, "Running again").
 *
 * Each cached stage (ingest, score, render) has a key: the SHA-256 of
 * everything its output depends on: the stage program itself, and for
 * ingest the year folder's inputs (their names and digests), the folder as
 * named and the working folder; for score the working copy; for render the
 * working copy, the scored results, the templates, the fonts, --draft and
 * SOURCE_DATE_EPOCH. Beside OUT, the folder .<name>.work keeps what the last
 * successful run handed between stages (ingest/year.tsv, score/results.tsv:
 * not part of the package) and STAGES: per stage its key and the files it
 * wrote, each with its digest. A stage whose key is the last run's, and
 * whose files are all still there with those digests (in OUT, or in the work
 * folder), is not run: its files are linked into the staging folder. The
 * validation stage always runs: it is the one that tells the problems.
 */
#ifndef PARX_RERUN_H
#define PARX_RERUN_H

#include <stddef.h>

#include "base/strbuf.h"
#include "base/strmap.h"
#include "run/package.h"

enum rerun_stage { RERUN_INGEST, RERUN_SCORE, RERUN_RENDER, RERUN_NSTAGES };

struct rerun_file {
	char *name;      /* relative to the package */
	char sha256[65];
	/* this run's file when its digest was taken (inode, size, change time): still it? */
	unsigned long long ino, size;
	long long ctime_ns;
};

struct rerun_set {
	char *key;       /* NULL: unknown */
	struct rerun_file *files;
	size_t nfiles, alloc;
};

struct rerun {
	char *work;      /* .<name>.work beside OUT */
	char *out;       /* OUT: the last package */
	char *stage;     /* the staging folder */
	struct rerun_set last[RERUN_NSTAGES]; /* from the last run's STAGES */
	struct rerun_set now[RERUN_NSTAGES];  /* this run's */
	char **before;   /* the staging folder's files before a stage ran */
	int reused[RERUN_NSTAGES];
	struct strmap *digests; /* rerun_digest's index: name -> stage and file */
};

/* Reads the last run's STAGES beside the package `p` (none is fine); `fresh`: ignores them. */
void rerun_open(struct rerun *r, const struct package *p, int fresh);
void rerun_release(struct rerun *r);

/*
 * The key of a stage, into `key`: bin is the folder of the stage programs.
 * ingest: the year folder `in`; score and render: the staging folder's
 * working copy (and scored results); render also `draft`.
 */
void rerun_key(struct rerun *r, enum rerun_stage s, const char *bin, const char *in, int draft,
	       struct strbuf *key);

/*
 * 1 when the stage need not run: the last run had this key and its files
 * are still there; they are then linked (or copied) into the staging folder.
 * 0 when it must run (rerun_before() and rerun_after() around it), -1 after
 * a message on an I/O failure. rerun_after() gives the stage every file that
 * appeared since rerun_before() but validation.txt, which the checks write
 * while the scoring runs.
 */
int rerun_reuse(struct rerun *r, enum rerun_stage s, const char *key);
int rerun_before(struct rerun *r);
int rerun_after(struct rerun *r, enum rerun_stage s, const char *key);

/*
 * Before the package's checksums: moves the files handed between stages out
 * of the staging folder into the work folder (they are not part of the
 * package). After publishing: writes STAGES. Return 0, or -1 after a message.
 */
int rerun_set_aside(struct rerun *r);
int rerun_commit(struct rerun *r);

/*
 * The digest this run holds for the package file `name`: hashed when its
 * stage wrote it, or checked when the stage was kept; NULL if none (the
 * file is then hashed). A package_digest_fn for package_sums(), with r as ctx.
 */
const char *rerun_digest(void *r, const char *name);

#endif
