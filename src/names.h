/* names.h — a string → int hash map for name resolution, on the table of
 * table.h.  Lookup only: everything that is printed iterates the model's
 * arrays in declaration order, never this table. */
#ifndef DAIRY_NAMES_H
#define DAIRY_NAMES_H

#include <stddef.h>

#include "table.h"

/* A struct of its own, so that a PairMap cannot be passed for it. */
typedef struct {
    Table t; /* keys[].name, not owned */
} NameMap;

static inline void names_init(NameMap *m)
{
    table_init(&m->t);
}

static inline void names_free(NameMap *m)
{
    table_free(&m->t);
}

/* Insert key → val; if key is present, leave it and return its value,
 * else return -1.  val is not negative. */
int names_put(NameMap *m, const char *key, int val);
/* The value of key, or -1. */
int names_get(const NameMap *m, const char *key);
int names_getn(const NameMap *m, const char *key, size_t len);

#endif
