/* buf.h — a growable string.  A zeroed Buf is empty and ready; buf_free
 * returns it to that state. */
#ifndef DAIRY_BUF_H
#define DAIRY_BUF_H

#include <stddef.h>

typedef struct {
    char *s;            /* NUL-terminated once anything was written */
    size_t len, cap;
} Buf;

void buf_putn(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_spaces(Buf *b, size_t n);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_clear(Buf *b);
const char *buf_str(const Buf *b);   /* "" when empty */
void buf_free(Buf *b);

#endif
