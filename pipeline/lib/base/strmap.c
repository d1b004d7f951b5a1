/*
 * strmap.c: FNV-1a hashing with linear probing, kept at most half full.
 */
#include "base/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"

struct slot {
	const char *key;
	int value;
};

struct strmap {
	struct slot *slots;
	size_t cap, n; /* cap is a power of two */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

struct strmap *strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));

	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void strmap_free(struct strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

static struct slot *find(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

void strmap_put(struct strmap *m, const char *key, int value)
{
	struct slot *s;

	if (2 * (m->n + 1) > m->cap) {
		struct strmap bigger = { xcalloc(m->cap * 2, sizeof(struct slot)), m->cap * 2, 0 };

		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*find(&bigger, m->slots[i].key) = m->slots[i];
		bigger.n = m->n;
		free(m->slots);
		*m = bigger;
	}
	s = find(m, key);
	if (s->key)
		return;
	s->key = key;
	s->value = value;
	m->n++;
}

int strmap_get(const struct strmap *m, const char *key)
{
	const struct slot *s = find(m, key);

	return s->key ? s->value : -1;
}
