/*
 * common.h: what every parx module shares.
 *
 * Ownership, once for the whole library: a function that returns a `char *` or
 * fills a struct hands ownership to the caller unless its header says "borrowed";
 * `x_release()` frees what `x_init()`/`x_load()` filled, never the struct itself.
 * Functions that can fail return 0 on success and -1 on failure; problems in the
 * user's data are never failures of the function: they are recorded in a
 * `struct diag` (diag.h) and the function still returns 0 when it could go on.
 *
 * Points, percentages and indices are int64_t in hundredths (87.25 -> 8725):
 * no floating point anywhere on a scoring path.
 */
#ifndef PARX_COMMON_H
#define PARX_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define PARX_VERSION "0.1.0"

/* Allocation that cannot fail: on exhaustion prints and aborts (exit 3). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *p (of *alloc elements of `size`) to hold at least `need` elements. */
void xgrow(void *pp, size_t *alloc, size_t need, size_t size);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
