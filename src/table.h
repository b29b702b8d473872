/* table.h — the open-addressing table under NameMap (names.h) and PairMap
 * (pairs.h): keys and int values in two arrays, linear probing, the size
 * a power of two, doubled when half full.  A slot is empty when its value
 * is negative, so the values put are never negative.  Each map has its own
 * key type, hash and probe; the table, its growth and its freeing are
 * this one. */
#ifndef DAIRY_TABLE_H
#define DAIRY_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef union {
    const char *name; /* NameMap: not owned */
    uint64_t pair;    /* PairMap: (a << 32) | b */
} TableKey;

typedef struct {
    TableKey *keys;
    int *vals;        /* -1: empty slot */
    size_t cap, len;
} Table;

void table_init(Table *t);
void table_free(Table *t);
/* Double t (to `first` slots when it has none), each key placed again
 * by hash. */
void table_grow(Table *t, size_t first, size_t (*hash)(TableKey key));

#endif
