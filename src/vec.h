/* vec.h — a growable array of fixed-size elements, allocated with malloc
 * (for arrays that may reach millions of elements; the arena would waste
 * half). */
#ifndef DAIRY_VEC_H
#define DAIRY_VEC_H

#include <stddef.h>

typedef struct {
    void *data;
    size_t len, cap, size;
} Vec;

void vec_init(Vec *v, size_t elem_size);
void *vec_push(Vec *v); /* returns a zeroed new element */
void vec_free(Vec *v);

#endif
