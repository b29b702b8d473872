/* pairs.c — the growth of a PairMap; the probe itself is inline in
 * pairs.h, the table in table.c. */
#include "pairs.h"

static size_t key_hash(TableKey k)
{
    return pairs_hash(k.pair);
}

void pairs_grow(PairMap *m)
{
    table_grow(&m->t, 1024, key_hash);
}
