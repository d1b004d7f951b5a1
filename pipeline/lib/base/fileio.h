/*
 * fileio.h: reading inputs safely and writing outputs atomically.
 *
 * Inputs are read whole, bounded in size, never modified. Outputs go to a
 * temporary name in the destination folder and are renamed into place only
 * after every byte was written and the file closed without error, so a failed
 * or killed run never leaves a truncated file under its final name.
 */
#ifndef PARX_FILEIO_H
#define PARX_FILEIO_H

#include <stdio.h>

#include "base/diag.h"
#include "base/strbuf.h"

#define INPUT_MAX_BYTES (16u << 20) /* a submission is ~25 KB; 16 MB is absurd already */

/*
 * Reads `path` into `out` (NUL-terminated; may hold NULs). A missing, unreadable,
 * non-regular or oversized file (more than INPUT_MAX_BYTES; exactly that many is
 * fine) is reported in `d` at `path` and returns -1; so is a path under the
 * folder given to file_confine() that leads, through a symbolic link, outside
 * it (nothing of such a file is read or shown).
 */
int file_read(const char *path, struct strbuf *out, struct diag *d);

/*
 * From now on, in this process, file_read() of a path starting with `dir`/
 * refuses a file whose real location (links resolved) is outside `dir`: the
 * year folder's links may point within it, never at /etc/shadow. NULL ends the
 * confinement. year_load() confines to the year folder.
 */
void file_confine(const char *dir);

/* 1 if `path` exists (any type), 0 otherwise. */
int file_exists(const char *path);

/*
 * Lists the regular files of `dir` whose names end in `suffix`, in strcmp order,
 * into a NULL-terminated array of base names (free with names_free). Names
 * starting with '.' and sub-folders are skipped; other files are skipped with a
 * warning in `d`. A missing folder gives an empty list when `optional`, else an
 * error. Returns the count, or -1 when the folder cannot be read (reported).
 */
int dir_list(const char *dir, const char *suffix, int optional, struct diag *d, char ***names);
void names_free(char **names);

/* "dir/name" (dir may end in '/'). */
char *path_join(const char *dir, const char *name);

/* Creates `dir` and its parents (mode 0777 & umask). Returns 0 or -1 (errno set). */
int mkdir_p(const char *dir);

/* An output file being written under a temporary name. */
struct outfile {
	FILE *f;
	char *path; /* final name */
	char *tmp;  /* temporary name, same folder */
};

/* Opens `path` for writing under a temporary name. Returns 0, or -1 after error(). */
int outfile_open(struct outfile *o, const char *path);
/* Flushes, checks, closes and renames into place. Returns 0, or -1 after error(); the temporary is removed. */
int outfile_commit(struct outfile *o);
/* Abandons the file: closes and removes the temporary. Safe to call twice. */
void outfile_abort(struct outfile *o);
/*
 * Reserves a temporary name beside `path` for a writer that opens files itself (libharu;
 * pipeline/LIBRARIES.md, "libharu 2.3.0").
 */
char *tmp_name_for(const char *path);
/* Renames a finished temporary into place; -1 after error() (temporary removed). */
int commit_rename(const char *tmp, const char *path);

/* Removes `path` and everything under it, following no link. 0 or -1 (errno set). */
int file_remove_tree(const char *path);

/* Writes `len` bytes atomically to `path`. Returns 0 or -1 after error(). */
int file_write_atomic(const char *path, const void *data, size_t len);

/*
 * Writes `len` bytes to `path` directly, for a file inside a staging folder
 * that is published whole (by renaming the folder or its files): the
 * folder, not a temporary name per file, keeps a half-written file from
 * being taken for a finished one, and 20,000 renames are saved. On a failure
 * nothing is left at `path`. Returns 0 or -1 after error().
 */
int file_write_staged(const char *path, const void *data, size_t len);

#endif
