/* pairs.h — an (int, int) → int hash map, for "given twice" checks on
 * pairs of indices (a route's ends, a plant's line, a market's demand).
 * Lookup only: nothing is ever printed in its order. */
#ifndef DAIRY_PAIRS_H
#define DAIRY_PAIRS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t *keys;
    int *vals;       /* -1: empty slot */
    size_t cap, len;
} PairMap;

void pairs_init(PairMap *m);
void pairs_free(PairMap *m);
/* Insert (a, b) → val; if the pair is present, leave it and return its
 * value, else return -1.  a, b and val are not negative. */
int pairs_put(PairMap *m, int a, int b, int val);

#endif
