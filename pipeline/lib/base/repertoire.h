/*
 * repertoire.h: the characters parx can print, the same in the four styles of
 * Liberation Serif it embeds (fonts/README.md): ASCII, Latin-1, the whole of
 * Vietnamese, and a few signs. Every text of the input is checked against it
 * when it is read (text.h), so a character the documents cannot print is a
 * located data error at validation, never a blank box in a signed PDF; the
 * fonts are cut down to exactly this set (pdfdoc.c).
 */
#ifndef PARX_REPERTOIRE_H
#define PARX_REPERTOIRE_H

#include <stddef.h>
#include <stdint.h>

/* A range of code points, both ends included. */
struct cp_range {
	uint32_t first, last;
};

extern const struct cp_range repertoire_ranges[];
extern const size_t repertoire_nranges;

/* 1 if the code point can be printed. Pure; thread-safe. */
int repertoire_has(uint32_t cp);

#endif
