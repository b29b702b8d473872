/* pairs.c — open addressing with linear probing over 64-bit pair keys;
 * the probe itself is inline in pairs.h. */
#include "pairs.h"

#include "arena.h"

#include <stdlib.h>

void pairs_init(PairMap *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->len = 0;
}

void pairs_free(PairMap *m)
{
    free(m->keys);
    free(m->vals);
    pairs_init(m);
}

void pairs_grow(PairMap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    uint64_t *keys = xmalloc(cap * sizeof *keys);
    int *vals = xmalloc(cap * sizeof *vals);
    for (size_t i = 0; i < cap; i++)
        vals[i] = -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->vals[i] < 0)
            continue;
        size_t j = pairs_hash(m->keys[i]) & (cap - 1);
        while (vals[j] >= 0)
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
}
