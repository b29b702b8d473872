/* pairs.h — an (int, int) → int hash map, for "given twice" checks on
 * pairs of indices (a route's ends, a plant's line, a market's demand), on
 * the table of table.h.  Lookup only: nothing is ever printed in its
 * order. */
#ifndef DAIRY_PAIRS_H
#define DAIRY_PAIRS_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

/* A struct of its own, so that a NameMap cannot be passed for it. */
typedef struct {
    Table t; /* keys[].pair */
} PairMap;

static inline void pairs_init(PairMap *m)
{
    table_init(&m->t);
}

static inline void pairs_free(PairMap *m)
{
    table_free(&m->t);
}

/* Double the table (pairs_put does it when half full). */
void pairs_grow(PairMap *m);

/* splitmix64's finalizer: every key bit reaches the low bits we mask. */
static inline size_t pairs_hash(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (size_t)(z ^ (z >> 31));
}

/* Insert (a, b) → val; if the pair is present, leave it and return its
 * value, else return -1.  val is not negative.  Inline: it runs
 * once per row of a million-row routes file. */
static inline int pairs_put(PairMap *m, uint32_t a, uint32_t b, int val)
{
    Table *t = &m->t;
    if ((t->len + 1) * 2 > t->cap)
        pairs_grow(m);
    uint64_t key = ((uint64_t)a << 32) | b;
    size_t j = pairs_hash(key) & (t->cap - 1);
    while (t->vals[j] >= 0) {
        if (t->keys[j].pair == key)
            return t->vals[j];
        j = (j + 1) & (t->cap - 1);
    }
    t->keys[j].pair = key;
    t->vals[j] = val;
    t->len++;
    return -1;
}

#endif
