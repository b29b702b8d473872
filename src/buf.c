/* buf.c — see buf.h. */
#include "buf.h"

#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_putn(Buf *b, const char *s, size_t n)
{
    if (b->cap - b->len < n + 1) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap - b->len < n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void buf_puts(Buf *b, const char *s)
{
    buf_putn(b, s, strlen(s));
}

void buf_putc(Buf *b, char c)
{
    buf_putn(b, &c, 1);
}

void buf_spaces(Buf *b, size_t n)
{
    while (n-- > 0)
        buf_putc(b, ' ');
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        buf_putn(b, tmp, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_putn(b, big, (size_t)n);
    free(big);
}

void buf_clear(Buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

const char *buf_str(const Buf *b)
{
    return b->s ? b->s : "";
}

void buf_free(Buf *b)
{
    free(b->s);
    *b = (Buf){0};
}
