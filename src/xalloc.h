/* xalloc.h — malloc and friends that print "dairy: out of memory" and
 * abort: memory exhaustion is the one failure the compiler does not
 * recover from.  A zero size asks for one byte, so NULL never means
 * success. */
#ifndef DAIRY_XALLOC_H
#define DAIRY_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
