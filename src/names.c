/* names.c — FNV-1a hashes of the names, over the table of table.c. */
#include "names.h"

#include <stdint.h>
#include <string.h>

static size_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return (size_t)h;
}

static size_t key_hash(TableKey k)
{
    return hash(k.name, strlen(k.name));
}

int names_put(NameMap *m, const char *key, int val)
{
    Table *t = &m->t;
    if ((t->len + 1) * 2 > t->cap)
        table_grow(t, 64, key_hash);
    size_t j = hash(key, strlen(key)) & (t->cap - 1);
    while (t->vals[j] >= 0) {
        if (strcmp(t->keys[j].name, key) == 0)
            return t->vals[j];
        j = (j + 1) & (t->cap - 1);
    }
    t->keys[j].name = key;
    t->vals[j] = val;
    t->len++;
    return -1;
}

int names_getn(const NameMap *m, const char *key, size_t n)
{
    const Table *t = &m->t;
    if (!t->cap)
        return -1;
    size_t j = hash(key, n) & (t->cap - 1);
    while (t->vals[j] >= 0) {
        const char *k = t->keys[j].name;
        if (strncmp(k, key, n) == 0 && k[n] == '\0')
            return t->vals[j];
        j = (j + 1) & (t->cap - 1);
    }
    return -1;
}

int names_get(const NameMap *m, const char *key)
{
    return names_getn(m, key, strlen(key));
}
