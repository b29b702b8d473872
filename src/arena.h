/* arena.h — a bump allocator: everything of one compilation is freed at once. */
#ifndef DAIRY_ARENA_H
#define DAIRY_ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;
typedef struct {
    ArenaChunk *head;
    size_t used; /* bytes handed out, for statistics */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* Zeroed memory, aligned for any type; aborts never: returns NULL only when
 * the system is out of memory, which callers treat as fatal (see xalloc). */
void *arena_alloc(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Growable array of fixed-size elements, allocated with malloc (for arrays
 * that may reach millions of elements; the arena would waste half). */
typedef struct {
    void *data;
    size_t len, cap, size;
} Vec;
void vec_init(Vec *v, size_t elem_size);
void *vec_push(Vec *v); /* returns a zeroed new element */
void vec_free(Vec *v);

/* malloc/realloc that print "dairy: out of memory" and abort: memory
 * exhaustion is the one failure the compiler does not recover from. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
