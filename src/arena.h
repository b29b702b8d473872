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
 * the system is out of memory, which callers treat as fatal (see xalloc.h). */
void *arena_alloc(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
