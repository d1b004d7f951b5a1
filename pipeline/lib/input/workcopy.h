/*
 * workcopy.h: the working copy, the file the ingest stage hands on to the
 * later stages (README.md, "The working copy"): the year exactly as the
 * loaders understood it (every value normalised, with the file and line it
 * came from), the problems they found, and the size, time and SHA-256 of
 * every input read. validate, score and render read it instead of parsing
 * the year folder again, and their messages still name the user's files.
 *
 * One UTF-8 text file, <dir>/WORKCOPY_FILE, one record per line, fields
 * separated by a tab; in a text field a backslash, tab, line feed and
 * carriage return are written \\ \t \n \r, and an absent text is \N. The
 * first line names the format and the version of parx that wrote it:
 *
 *     parx-working-copy	2	0.1.0
 *
 * then `year`, `inputs` (the SHA-256 of load_listing(): the folder's files by
 * name, so that a file added or removed is seen; and the language of the
 * messages), `file`, `index`, `group`, `field`, `criterion`, `item`
 * (with its `level` and `band` records), `grade`, `registry`, `unit`,
 * `refused`, `pub` (with `basis`, `recipient`), `sub` (with `score`,
 * `evidence`, `note`, `subnote`), `row`, `prev`, `diagfile`, `diag`, `counts`
 * and `end` records, in that order: their fields are in pipeline/STAGEFILES.md,
 * "`ingest/year.tsv`: the working copy (format 2)", and in workcopy.c, where
 * one function writes and one reads every record. A year
 * with errors hands on only its problems: `year`, `inputs`, `file`, then `diagfile`,
 * `diag`, `counts` and `end`.
 */
#ifndef PARX_WORKCOPY_H
#define PARX_WORKCOPY_H

#include "base/diag.h"
#include "model/year.h"

#define WORKCOPY_FILE "year.tsv"
#define WORKCOPY_FORMAT 2

/*
 * Writes the working copy of `y` with the problems `d` holds into the
 * existing folder `dir`, atomically. Returns 0, or -1 after error().
 */
int workcopy_write(const struct year *y, const struct diag *d, const char *dir);

/* 1 when `dir` holds a working copy (its first line says so), else 0. */
int workcopy_is(const char *dir);

/*
 * Reads the working copy in `dir` into `y` and its problems into `d`, as the
 * loaders left them: its errors, and its warnings when `warnings` (else they
 * are only counted: a stage that shows none need not hold them). Refused, with an error at the copy in `d` and -1: a copy
 * written by another version of parx or in another format, a damaged one, or
 * one whose inputs changed since (an input whose size or time differs and
 * whose SHA-256 differs too, or that is gone): the stage that made it must
 * run again. `y` must be year_release()d either way.
 */
int workcopy_read(struct year *y, struct diag *d, const char *dir, int warnings);

#endif
