/* names.c — open addressing with linear probing, FNV-1a hashes. */
#include "names.h"

#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void names_init(NameMap *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->len = 0;
}

void names_free(NameMap *m)
{
    free(m->keys);
    free(m->vals);
    names_init(m);
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void grow(NameMap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    const char **keys = xcalloc(cap, sizeof *keys);
    int *vals = xcalloc(cap, sizeof *vals);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = hash(m->keys[i], strlen(m->keys[i])) & (cap - 1);
        while (keys[j])
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

int names_put(NameMap *m, const char *key, int val)
{
    if ((m->len + 1) * 2 > m->cap)
        grow(m);
    size_t n = strlen(key);
    size_t j = hash(key, n) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->len++;
    return -1;
}

int names_getn(const NameMap *m, const char *key, size_t n)
{
    if (!m->cap)
        return -1;
    size_t j = hash(key, n) & (m->cap - 1);
    while (m->keys[j]) {
        if (strncmp(m->keys[j], key, n) == 0 && m->keys[j][n] == '\0')
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

int names_get(const NameMap *m, const char *key)
{
    return names_getn(m, key, strlen(key));
}
