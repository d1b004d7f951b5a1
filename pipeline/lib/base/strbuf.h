/*
 * strbuf.h: a growable, always NUL-terminated byte buffer, for anything built
 * from data (never a fixed char[]).
 *
 * `struct strbuf sb = STRBUF_INIT;` needs no allocation; strbuf_release() frees
 * and re-initialises; strbuf_detach() hands the string to the caller.
 */
#ifndef PARX_STRBUF_H
#define PARX_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf; /* always valid and NUL-terminated */
};

extern char strbuf_empty[];
#define STRBUF_INIT { 0, 0, strbuf_empty }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
/* v in decimal, as printf's %lld writes it, without printf's cost (records of millions of numbers). */
void strbuf_addint(struct strbuf *sb, int64_t v);
/* `s` as XML text or attribute value: & < > " ' as entities. */
void strbuf_addxml(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
