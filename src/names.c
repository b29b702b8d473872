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
    if ((m->len + 1) * 2 > m->cap)
        table_grow(m, 64, key_hash);
    size_t j = hash(key, strlen(key)) & (m->cap - 1);
    while (m->vals[j] >= 0) {
        if (strcmp(m->keys[j].name, key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j].name = key;
    m->vals[j] = val;
    m->len++;
    return -1;
}

int names_getn(const NameMap *m, const char *key, size_t n)
{
    if (!m->cap)
        return -1;
    size_t j = hash(key, n) & (m->cap - 1);
    while (m->vals[j] >= 0) {
        const char *k = m->keys[j].name;
        if (strncmp(k, key, n) == 0 && k[n] == '\0')
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

int names_get(const NameMap *m, const char *key)
{
    return names_getn(m, key, strlen(key));
}
