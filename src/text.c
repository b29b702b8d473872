/* text.c — see text.h. */
#include "text.h"


#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t text_utf8_char(const char *s, size_t n, Utf8Fault *fault)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    if (c < 0x80)
        return 1;
    /* k: the sequence length the lead byte announces; [lo, hi]: the range
     * of its second byte (narrower after E0, ED, F0, F4) */
    size_t k = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    const char *why = NULL;
    if (c < 0xC0)
        why = "a continuation byte with no lead byte";
    else if (c < 0xC2)
        k = 2, why = "an overlong form";
    else if (c < 0xE0)
        k = 2;
    else if (c < 0xF0) {
        k = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c < 0xF5) {
        k = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else if (c < 0xF8)
        k = 4, why = "a code point above U+10FFFF";
    else
        why = "a byte UTF-8 never uses";
    size_t got = 1; /* the lead byte and the continuation bytes after it */
    while (got < k && got < n && (u[got] & 0xC0) == 0x80)
        got++;
    if (!why && got >= 2 && (u[1] < lo || u[1] > hi))
        why = c == 0xED ? "a UTF-16 surrogate"
            : c == 0xF4 ? "a code point above U+10FFFF"
            : "an overlong form";
    if (!why && got < k)
        why = "a character cut short";
    if (!why)
        return k;
    if (fault) {
        fault->len = k ? got : 1;
        fault->why = why;
    }
    return 0;
}

size_t text_utf8_check(const char *s, size_t n, Utf8Fault *fault)
{
    size_t i = 0;
    while (i < n) {
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, sizeof w);
            if (!(w & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        size_t k = text_utf8_char(s + i, n - i, fault);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

size_t text_width_n(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

size_t text_width(const char *s)
{
    return text_width_n(s, strlen(s));
}

void text_fixed(char *buf, size_t size, double v, int dec)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return;
    }
    if (fabs(v) < 5e-10)
        v = 0;
    if (fabs(v) >= TEXT_BIG) {
        char mant[40];
        snprintf(mant, sizeof mant, "%.9e", v);
        char *e = strchr(mant, 'e');
        size_t n = (size_t)(e - mant);
        while (mant[n - 1] == '0')
            n--;
        if (mant[n - 1] == '.')
            n--;
        snprintf(buf, size, "%.*s%s", (int)n, mant, e);
        return;
    }
    snprintf(buf, size, "%.*f", dec, v);
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
}

void text_put_escaped(Buf *b, const char *s, bool controls)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"')
            buf_puts(b, "\\\"");
        else if (c == '\\')
            buf_puts(b, "\\\\");
        else if (c == '\n')
            buf_puts(b, "\\n");
        else if (controls && (c < 0x20 || c == 0x7f))
            buf_printf(b, "\\x%02x", c);
        else
            buf_putc(b, (char)c);
    }
}

void text_put_label(Buf *b, const char *s)
{
    buf_putc(b, '"');
    text_put_escaped(b, s, false);
    buf_putc(b, '"');
}

void text_put_num(Buf *b, char sign, const char *digits, const char *unit)
{
    if (sign)
        buf_putc(b, sign);
    buf_puts(b, digits ? digits : "0");
    if (unit) {
        if (strcmp(unit, "%") != 0)
            buf_putc(b, ' ');
        buf_puts(b, unit);
    }
}

char *text_double(char buf[TEXT_DOUBLE_MAX], double v)
{
    if (!isfinite(v)) {
        snprintf(buf, TEXT_DOUBLE_MAX, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return buf;
    }
    if (v == 0)
        v = 0; /* -0 too */
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, TEXT_DOUBLE_MAX, "%.*g", digits, v);
        if (digits == 17 || strtod(buf, NULL) == v)
            break;
    }
    /* "1e+21" -> "1e21", "1e-07" -> "1e-7" */
    char *e = strchr(buf, 'e');
    if (e) {
        char *d = e + 1;
        if (*d == '-')
            d++;
        char *z = d;
        if (*z == '+')
            z++;
        while (*z == '0' && z[1])
            z++;
        memmove(d, z, strlen(z) + 1);
    }
    return buf;
}

void text_quoted(FILE *out, const char *s, char quote)
{
    fputc(quote, out);
    for (; *s; s++) {
        if (*s == quote)
            fputc(quote, out);
        fputc(*s, out);
    }
    fputc(quote, out);
}

/* Round to what a reader of a drawing needs: from 100 up whole units with
 * the thousands apart ("8 000"), below one decimal without a trailing
 * ".0" ("150", "60", "3.5"), a positive value under 0.05 "<0.1". */
void text_rounded(char *buf, size_t size, double v)
{
    if (!isfinite(v) || fabs(v) >= TEXT_BIG) {
        text_fixed(buf, size, v, 0);
        return;
    }
    if (v > 0 && v < 0.05) {
        snprintf(buf, size, "<0.1");
        return;
    }
    char digits[32];
    if (fabs(v) < 99.95) {
        text_fixed(buf, size, v, 1);
        size_t n = strlen(buf);
        if (n >= 2 && strcmp(buf + n - 2, ".0") == 0)
            buf[n - 2] = '\0';
        return;
    }
    text_fixed(digits, sizeof digits, v, 0);
    const char *d = digits + (digits[0] == '-');
    size_t nd = strlen(d), o = 0;
    if (digits[0] == '-' && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; i < nd && o + 2 < size; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            buf[o++] = ' ';
        buf[o++] = d[i];
    }
    buf[o] = '\0';
}
