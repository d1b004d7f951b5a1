/*
 * vnwords.h: where a Vietnamese line may not break. Vietnamese writes every
 * syllable as a word, so a line breaker sees "Ủy" and "ban" as two words;
 * split across lines, a compound ("Ủy ban", "cơ quan", "hành chính") or a
 * place name ("Tân Phú Đông") reads badly in a centred title
 * (pipeline/DOCUMENTS.md, "Title and deciding authority (`title_block()`)").
 * This module knows a short list of compounds (the vocabulary of the
 * decision's titles; vnwords.c holds the list, in one place) plus the names
 * a document adds (its place names), and tells which gaps between words of a
 * text are inside one of them. Pure, no I/O.
 */
#ifndef PARX_VNWORDS_H
#define PARX_VNWORDS_H

#include <stddef.h>

struct vnwords;

/* The built-in compounds. Never NULL; free with vnwords_free(). */
struct vnwords *vnwords_new(void);
void vnwords_free(struct vnwords *w);

/* Adds a name of several words ("Đồng Tháp") that is never split; any case. */
void vnwords_add(struct vnwords *w, const char *name);

/*
 * For the n words word[k][0..len[k]) of a text (any case, as printed),
 * sets glue[k] (k < n - 1) to 1 when the gap between word k and word k + 1
 * lies inside a compound or a name, else 0. Punctuation around a word (",",
 * ";", ":", ".", "(", ")") does not stop a match. In the list, "#" stands for
 * a number or a Roman numeral ("năm #": "năm 2025", "lục #": "Phụ lục II").
 */
void vnwords_glue(const struct vnwords *w, const char *const *word, const size_t *len, size_t n,
		  unsigned char *glue);

#endif
