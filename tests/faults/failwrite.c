/*
 * failwrite.c: an LD_PRELOAD shim that makes output fail, for the fault cases
 * (tests/cases/t8*). It works the same as root (where chmod does not stop a
 * write) and needs no tiny filesystem.
 *
 *   cc -shared -fPIC -o failwrite.so tests/faults/failwrite.c -ldl
 *   PARX_FAIL_PATH=out/ PARX_FAIL_ERRNO=ENOSPC LD_PRELOAD=./failwrite.so parx-score -o out in
 *
 * Every open for writing (open, openat, creat, fopen, freopen and their *64
 * forms) of a path containing PARX_FAIL_PATH, and every mkdir of such a path,
 * is affected according to PARX_FAIL_ERRNO:
 *   ENOSPC (default)  the open succeeds (the file is created, as on a full
 *                     disk) but its descriptor is /dev/full: every write
 *                     fails with ENOSPC; mkdir is not affected;
 *   EACCES, EROFS, EIO, EDQUOT
 *                     the open and the mkdir fail with that errno;
 *   KILL              the process kills itself with SIGKILL when it renames
 *                     a file to a matching name (a run killed just before a
 *                     finished temporary file takes its final name).
 * Reads and paths not matching are untouched. With an AddressSanitizer
 * program, add verify_asan_link_order=0 to ASAN_OPTIONS.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The errno to inject for `path` opened for writing, or 0 when untouched. */
static int fault_for(const char *path)
{
	const char *pat = getenv("PARX_FAIL_PATH"), *e = getenv("PARX_FAIL_ERRNO");

	if (!pat || !*pat || !path || !strstr(path, pat))
		return 0;
	if (!e || !strcmp(e, "ENOSPC"))
		return ENOSPC;
	if (!strcmp(e, "EACCES"))
		return EACCES;
	if (!strcmp(e, "EROFS"))
		return EROFS;
	if (!strcmp(e, "EDQUOT"))
		return EDQUOT;
	if (!strcmp(e, "KILL"))
		return -1;
	return EIO;
}

static void *next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (!f) {
		fprintf(stderr, "failwrite: no next '%s'\n", name);
		abort();
	}
	return f;
}

/* Points fd at /dev/full, keeping its number and flags. Returns fd, or -1 (ENOSPC). */
static int make_full(int fd)
{
	int (*real_open)(const char *, int, ...) = next("open");
	int full = real_open("/dev/full", O_WRONLY | O_CLOEXEC);

	if (full < 0 || dup2(full, fd) < 0) {
		if (full >= 0)
			close(full);
		close(fd);
		errno = ENOSPC;
		return -1;
	}
	close(full);
	return fd;
}

static int writing_flags(int flags)
{
	return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
}

static int writing_mode(const char *mode)
{
	return mode && strpbrk(mode, "wa+");
}

static int do_openat(const char *sym, int dirfd, const char *path, int flags, mode_t mode)
{
	int fault = writing_flags(flags) ? fault_for(path) : 0, fd;

	if (fault < 0)
		fault = 0;
	if (fault && fault != ENOSPC) {
		errno = fault;
		return -1;
	}
	if (!strcmp(sym, "openat") || !strcmp(sym, "openat64")) {
		int (*real)(int, const char *, int, ...) = next(sym);

		fd = real(dirfd, path, flags, mode);
	} else {
		int (*real)(const char *, int, ...) = next(sym);

		fd = real(path, flags, mode);
	}
	return fd >= 0 && fault ? make_full(fd) : fd;
}

#define MODE_ARG(flags, mode) do { \
	mode = 0; \
	if ((flags) & (O_CREAT | O_TMPFILE)) { \
		va_list ap_; \
		va_start(ap_, flags); \
		mode = (mode_t)va_arg(ap_, int); \
		va_end(ap_); \
	} \
} while (0)

int open(const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return do_openat("open", AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return do_openat("open64", AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return do_openat("openat", dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARG(flags, mode);
	return do_openat("openat64", dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return do_openat("open", AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int creat64(const char *path, mode_t mode)
{
	return do_openat("open64", AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

static FILE *do_fopen(const char *sym, const char *path, const char *mode, FILE *old)
{
	int fault = writing_mode(mode) ? fault_for(path) : 0;
	FILE *f;

	if (fault < 0)
		fault = 0;
	if (fault && fault != ENOSPC) {
		errno = fault;
		if (old)
			fclose(old);
		return NULL;
	}
	if (old) {
		FILE *(*real)(const char *, const char *, FILE *) = next(sym);

		f = real(path, mode, old);
	} else {
		FILE *(*real)(const char *, const char *) = next(sym);

		f = real(path, mode);
	}
	if (f && fault && make_full(fileno(f)) < 0) {
		fclose(f);
		errno = ENOSPC;
		return NULL;
	}
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	return do_fopen("fopen", path, mode, NULL);
}

FILE *fopen64(const char *path, const char *mode)
{
	return do_fopen("fopen64", path, mode, NULL);
}

FILE *freopen(const char *path, const char *mode, FILE *f)
{
	return do_fopen("freopen", path, mode, f);
}

FILE *freopen64(const char *path, const char *mode, FILE *f)
{
	return do_fopen("freopen64", path, mode, f);
}

int mkdir(const char *path, mode_t mode)
{
	int (*real)(const char *, mode_t) = next("mkdir");
	int fault = fault_for(path);

	if (fault > 0 && fault != ENOSPC) {
		errno = fault;
		return -1;
	}
	return real(path, mode);
}

int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) = next("rename");

	if (fault_for(to) < 0)
		raise(SIGKILL);
	return real(from, to);
}
