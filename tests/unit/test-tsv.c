/*
 * test-tsv.c: the record files the stages hand on (base/tsv.h), with the
 * number writers they rest on: strbuf_addint() and points_format() against
 * printf's answers, text with every escape written and read back, a bad
 * escape refused at its line.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/points.h"
#include "base/strbuf.h"
#include "base/tsv.h"
#include "testhelp.h"
#include "tmpdir.h"

static void test_numbers(void)
{
	static const int64_t v[] = { 0, 1, -1, 9, 10, 99, 100, 101, -100, 123456789, -987654321012,
				     INT64_MAX, INT64_MIN, INT64_MIN + 1 };
	char want[64], buf[POINTS_BUFSZ];
	int same = 1, psame = 1;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		uint64_t a = v[i] < 0 ? (uint64_t)0 - (uint64_t)v[i] : (uint64_t)v[i];

		strbuf_addstr(&sb, "x");
		strbuf_addint(&sb, v[i]);
		snprintf(want, sizeof(want), "x%" PRId64, v[i]);
		if (strcmp(sb.buf, want)) {
			printf("#   strbuf_addint: got '%s', want '%s'\n", sb.buf, want);
			same = 0;
		}
		strbuf_release(&sb);
		snprintf(want, sizeof(want), "%s%" PRIu64 ",%02" PRIu64, v[i] < 0 ? "-" : "", a / 100,
			 a % 100);
		if (strcmp(points_format(v[i], ',', buf), want)) {
			printf("#   points_format: got '%s', want '%s'\n", buf, want);
			psame = 0;
		}
	}
	TEST("strbuf_addint writes what printf's %lld does, the extremes included", same);
	TEST("points_format: hundredths with the mark, the sign and extremes as printf", psame);
	{
		struct strbuf sb = STRBUF_INIT;
		char longer[300];

		memset(longer, 'x', sizeof(longer) - 1);
		longer[sizeof(longer) - 1] = '\0';
		strbuf_addf(&sb, "%d-%s", 7, "short");
		strbuf_addf(&sb, "|%s|", longer);
		strbuf_addf(&sb, "%s", "");
		snprintf(want, sizeof(want), "7-short|%.20s", longer);
		TEST("strbuf_addf: a short text, then one longer than the room, then nothing",
		     sb.len == 7 + 2 + 299 && !strncmp(sb.buf, want, strlen(want)) && sb.buf[sb.len - 1] == '|' &&
		     sb.buf[sb.len] == '\0');
		strbuf_release(&sb);
	}
	TEST_STR("points_format: -0,05", points_format(-5, ',', buf), "-0,05");
	TEST_STR("points_format: 12.50", points_format(1250, '.', buf), "12.50");
}

static void test_round_trip(void)
{
	static const char *const texts[] = { "plain", "tab\there", "two\nlines", "cr\rlf", "back\\slash",
					     "\\N", "", "Điểm tự chấm\t\\n\\", "\t\n\r\\" };
	struct strbuf sb = STRBUF_INIT;
	struct tsv_reader r;
	struct diag d;
	char *dir = tmpdir_new(), path[4096];
	int ok = 1;

	strbuf_addstr(&sb, "rec");
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		tsv_put_text(&sb, texts[i]);
	tsv_put_text(&sb, NULL);
	tsv_put_int(&sb, -42);
	strbuf_addstr(&sb, "\nbad\tx\\qy\n");
	TEST("put_text: escapes leave no tab or newline inside a field",
	     !strstr(sb.buf, "tab\there") && strstr(sb.buf, "tab\\there") != NULL);
	tmpdir_write(dir, "r.tsv", sb.buf, sb.len);
	snprintf(path, sizeof(path), "%s/r.tsv", dir);
	diag_init(&d);
	TEST_INT("open", tsv_open(&r, path, "the test records", "write them again", &d), 0);
	TEST("a record", tsv_next(&r) && tsv_expect(&r, "rec", sizeof(texts) / sizeof(texts[0]) + 2));
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *t = tsv_text(&r);

		if (!t || strcmp(t, texts[i])) {
			printf("#   field %zu: got '%s'\n", i, t ? t : "(null)");
			ok = 0;
		}
		free(t);
	}
	TEST("every text read back as written", ok);
	TEST("NULL read back as NULL", tsv_text(&r) == NULL && !r.bad);
	TEST_INT("an int read back", tsv_int(&r, -100, 100), -42);
	TEST("a bad escape", tsv_next(&r) && tsv_expect(&r, "bad", 1) && tsv_text(&r) == NULL && r.bad);
	TEST_INT("a bad escape is an error at its line", d.nerrors == 1 && d.n == 1 ? d.v[0].line : 0, 2);
	tsv_close(&r);
	diag_release(&d);
	strbuf_release(&sb);
	tmpdir_remove(dir);
}

int main(void)
{
	test_numbers();
	test_round_trip();
	TEST_REPORT();
}
