/* table.c — the table NameMap and PairMap share (table.h). */
#include "table.h"

#include "xalloc.h"

#include <stdlib.h>

void table_init(Table *t)
{
    t->keys = NULL;
    t->vals = NULL;
    t->cap = t->len = 0;
}

void table_free(Table *t)
{
    free(t->keys);
    free(t->vals);
    table_init(t);
}

void table_grow(Table *t, size_t first, size_t (*hash)(TableKey key))
{
    size_t cap = t->cap ? t->cap * 2 : first;
    TableKey *keys = xmalloc(cap * sizeof *keys);
    int *vals = xmalloc(cap * sizeof *vals);
    for (size_t i = 0; i < cap; i++)
        vals[i] = -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->vals[i] < 0)
            continue;
        size_t j = hash(t->keys[i]) & (cap - 1);
        while (vals[j] >= 0)
            j = (j + 1) & (cap - 1);
        keys[j] = t->keys[i];
        vals[j] = t->vals[i];
    }
    free(t->keys);
    free(t->vals);
    t->keys = keys;
    t->vals = vals;
    t->cap = cap;
}
