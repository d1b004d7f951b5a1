/*
 * test-diag.c: diag_append(), which tells the problems found on another
 * thread as if they had been found here: the same printout as adding them
 * directly, with the entries beyond a file's bound counted and noted, and the
 * kinds that group warnings kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "testhelp.h"

/* What diag_print() writes for d (warnings included), in a malloc'd string. */
static char *printed(const struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	diag_print(d, f, 1);
	fclose(f);
	return buf;
}

/* The problems of a file "b.xml": n errors, one warning kind twice. */
static void fill(struct diag *d, int n)
{
	for (int i = 0; i < n; i++)
		diag_error(d, "y/b.xml", i + 1, "element %d is not allowed here", i);
	diag_warn(d, "y/b.xml", 3, "item '%s' cites no evidence", "1.1");
	diag_warn(d, "y/b.xml", 4, "item '%s' cites no evidence", "1.2");
}

int main(void)
{
	struct diag direct, here, there;
	char *want, *got;

	/* Directly: a.xml's error, then b.xml's problems, then c.xml's. */
	diag_init(&direct);
	diag_error(&direct, "y/a.xml", 2, "bad date '%s'", "2025-02-30");
	fill(&direct, DIAG_PER_FILE + 5);
	diag_error(&direct, "y/c.xml", 1, "malformed XML");

	/* The same, b.xml's found apart and appended in its turn. */
	diag_init(&here);
	diag_init(&there);
	diag_error(&here, "y/a.xml", 2, "bad date '%s'", "2025-02-30");
	fill(&there, DIAG_PER_FILE + 5);
	diag_append(&here, &there);
	diag_release(&there);
	diag_error(&here, "y/c.xml", 1, "malformed XML");

	TEST_INT("append: errors counted, those beyond the bound too", here.nerrors, direct.nerrors);
	TEST_INT("append: warnings counted", here.nwarnings, direct.nwarnings);
	TEST_INT("append: the same entries kept", here.n, direct.n);
	want = printed(&direct);
	got = printed(&here);
	TEST_STR("append: printed as if found here (the note of problems not shown included)", got, want);
	TEST("append: the note is there", strstr(got, "not shown") != NULL);
	free(want);
	free(got);
	{
		const char *kd = NULL, *kh = NULL;

		for (size_t i = 0; i < direct.n; i++)
			if (direct.v[i].level == DIAG_WARNING)
				kd = direct.v[i].kind;
		for (size_t i = 0; i < here.n; i++)
			if (here.v[i].level == DIAG_WARNING)
				kh = here.v[i].kind;
		TEST("append: a warning keeps its kind (warnings of a kind group on a terminal)",
		     kd && kh == kd);
	}
	diag_release(&direct);
	diag_release(&here);
	TEST_REPORT();
}
