/* names.h — a string → int hash map for name resolution.  Lookup only:
 * everything that is printed iterates the model's arrays in declaration
 * order, never this table. */
#ifndef DAIRY_NAMES_H
#define DAIRY_NAMES_H

#include <stddef.h>

typedef struct {
    const char **keys; /* not owned */
    int *vals;
    size_t cap, len;
} NameMap;

void names_init(NameMap *m);
void names_free(NameMap *m);
/* Insert key → val; if key is present, leave it and return its value,
 * else return -1. */
int names_put(NameMap *m, const char *key, int val);
/* The value of key, or -1. */
int names_get(const NameMap *m, const char *key);
int names_getn(const NameMap *m, const char *key, size_t len);

#endif
