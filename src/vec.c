/* vec.c — see vec.h. */
#include "vec.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void vec_init(Vec *v, size_t elem_size)
{
    v->data = NULL;
    v->len = v->cap = 0;
    v->size = elem_size;
}

void *vec_push(Vec *v)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 16;
        v->data = xrealloc(v->data, v->cap * v->size);
    }
    void *p = (char *)v->data + v->len++ * v->size;
    memset(p, 0, v->size);
    return p;
}

void vec_free(Vec *v)
{
    free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}
