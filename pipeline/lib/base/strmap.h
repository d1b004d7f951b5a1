/*
 * strmap.h: a map from strings to indices, for lookups by code in tables of
 * thousands (units of a registry). Open addressing; keys are borrowed and
 * must outlive the map.
 */
#ifndef PARX_STRMAP_H
#define PARX_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
void strmap_free(struct strmap *m);
/* Maps key to value (>= 0); an existing key keeps its first value. */
void strmap_put(struct strmap *m, const char *key, int value);
/* The value of key, or -1. */
int strmap_get(const struct strmap *m, const char *key);

#endif
