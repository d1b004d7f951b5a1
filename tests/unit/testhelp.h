/*
 * testhelp.h: the whole unit-test harness (after Redis' testhelp.h).
 *
 * Each check prints one TAP-like line, "ok - what" or "not ok - what (file:line)";
 * tests/run.sh counts them across binaries. TEST_REPORT() ends main() and exits
 * non-zero when anything failed.
 */
#ifndef PARX_TESTHELP_H
#define PARX_TESTHELP_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define TEST(what, cond) do { \
	if (cond) { test_passed++; printf("ok - %s\n", what); } \
	else { test_failed++; printf("not ok - %s (%s:%d)\n", what, __FILE__, __LINE__); } \
} while (0)

#define TEST_STR(what, got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = g_ && w_ ? !strcmp(g_, w_) : g_ == w_; \
	TEST(what, same_); \
	if (!same_) printf("#   got  '%s'\n#   want '%s'\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

#define TEST_INT(what, got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	TEST(what, g_ == w_); \
	if (g_ != w_) printf("#   got  %lld\n#   want %lld\n", g_, w_); \
} while (0)

#define TEST_REPORT() do { \
	printf("# %d passed, %d failed\n", test_passed, test_failed); \
	return test_failed ? 1 : 0; \
} while (0)

#endif
