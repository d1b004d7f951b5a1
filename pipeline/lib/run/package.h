/*
 * package.h: publishing a run's output folder as a whole or not at all.
 *
 * The package (the CSVs, the documents, validation.txt, SHA256SUMS) is what
 * gets signed and archived, so everything in it must come from one run.
 * Every stage writes into a fresh staging folder beside OUT
 * (OUT/../.<name>.new-PID); publishing replaces OUT by two renames (OUT aside
 * to .<name>.old-PID, the staging folder to OUT), then removes the old one. A
 * lock (.<name>.lock beside OUT, flock) keeps a second run out while one runs;
 * under it, what an interrupted run left is repaired first (an old package set
 * aside but never replaced goes back; staging folders go).
 *
 * OUT may not lie inside the year folder, nor the year folder inside OUT, and
 * OUT holds only what parx made: a file its SHA256SUMS does not list stops
 * the run, named, since publishing replaces the folder.
 */
#ifndef PARX_PACKAGE_H
#define PARX_PACKAGE_H

#include <stddef.h>

struct package {
	char *out;    /* OUT as given (for messages) */
	char *path;   /* OUT resolved: absolute, links of existing parts resolved */
	char *parent; /* its folder */
	char *name;   /* its last component */
	char *stage;  /* the staging folder, NULL once published or removed */
	char *old;    /* where the earlier package is set aside while publishing */
	int lock;     /* the lock's descriptor, -1 when not held */
};

/*
 * Checks IN and OUT, takes the lock, repairs what an interrupted run left,
 * checks that OUT holds only parx's files and creates the staging folder.
 * Returns EXIT_OK, EXIT_USAGE (a bad OUT, foreign files) or EXIT_IO (another
 * run holds the lock, a folder cannot be made), after a message.
 */
int package_open(struct package *p, const char *in, const char *out);

/*
 * The forms (parx forms) live in OUT/forms: not part of the package (not in
 * SHA256SUMS, not foreign), kept when a run publishes a new package.
 */
#define PACKAGE_FORMS "forms"

/*
 * What package_open() does before the staging folder: checks IN and OUT,
 * takes the lock, repairs. For a writer of a part of OUT (the forms) that
 * then replaces it with package_replace_sub(). Same returns.
 */
int package_lock(struct package *p, const char *in, const char *out);

/*
 * Replaces OUT/<name> by the folder `fresh` (on the same file system, e.g.
 * inside OUT) by two renames, under the lock of package_lock(). Returns 0, or
 * -1 after a message (OUT/<name> as before).
 */
int package_replace_sub(struct package *p, const char *fresh, const char *name);

/*
 * Keeps only validation.txt in the staging folder (a run whose data have
 * errors publishes its report alone). Returns 0 or -1 after a message.
 */
int package_report_only(struct package *p);

/*
 * The SHA-256 (hex) of the staging folder's file `name` when the caller knows
 * it already (hashed since the file was last written), else NULL.
 */
typedef const char *package_digest_fn(void *ctx, const char *name);

/*
 * Writes SHA256SUMS over every file of the staging folder (sorted by name,
 * `sha256sum -c` format) after removing hidden temporaries; a file whose
 * digest `known` (may be NULL) gives is not read again. Returns 0, or -1
 * after a message (a write error included: never an empty or partial list).
 */
int package_sums(struct package *p, package_digest_fn *known, void *ctx);

/* Replaces OUT by the staging folder. Returns 0, or -1 after a message (OUT then as before). */
int package_publish(struct package *p);

/*
 * The files of `dir` (recursively, names starting with '.' skipped), as paths
 * relative to it, in strcmp order, NULL-terminated (free with names_free).
 * Returns the count, or -1 (errno set).
 */
int package_files(const char *dir, char ***files);

/* Removes the staging folder if still there and releases the lock. */
void package_close(struct package *p);


#endif
