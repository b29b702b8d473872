/* pairs.c — open addressing with linear probing over 64-bit pair keys. */
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

/* splitmix64's finalizer: every key bit reaches the low bits we mask. */
static size_t pair_hash(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (size_t)(z ^ (z >> 31));
}

static void grow(PairMap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    uint64_t *keys = xmalloc(cap * sizeof *keys);
    int *vals = xmalloc(cap * sizeof *vals);
    for (size_t i = 0; i < cap; i++)
        vals[i] = -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->vals[i] < 0)
            continue;
        size_t j = pair_hash(m->keys[i]) & (cap - 1);
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

int pairs_put(PairMap *m, int a, int b, int val)
{
    if ((m->len + 1) * 2 > m->cap)
        grow(m);
    uint64_t key = ((uint64_t)(uint32_t)a << 32) | (uint64_t)(uint32_t)b;
    size_t j = pair_hash(key) & (m->cap - 1);
    while (m->vals[j] >= 0) {
        if (m->keys[j] == key)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->len++;
    return -1;
}
