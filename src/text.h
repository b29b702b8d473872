/* text.h — UTF-8 checks, character widths, and printing of labels
 * and numbers as the language writes them (shared by fmt, the reports and
 * the printer of rules, rexpr.c). */
#ifndef DAIRY_TEXT_H
#define DAIRY_TEXT_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* UTF-8 as Unicode defines it (the well-formed byte sequences of Unicode
 * 15, table 3-7): no overlong forms (C0, C1, E0 80..9F, F0 80..8F), no
 * UTF-16 surrogates (ED A0..BF), nothing above U+10FFFF (F4 90..BF,
 * F5..F7), no F8..FF, no lone continuation bytes, no sequence cut short.  The one validator of
 * the program: .dairy files before lexing, CSV files, diagnostics that echo
 * a source line, JSON strings. */
typedef struct {
    size_t len;         /* bytes of the ill-formed part (1..4): the lead
                           byte and the continuation bytes after it, up to
                           the length it announces; a byte that leads
                           nothing alone */
    const char *why;    /* e.g. "a UTF-16 surrogate", "an overlong form" */
} Utf8Fault;

/* Length (1..4) of the well-formed character at s[0..n), n >= 1; 0 when
 * it is ill-formed, with *fault (if not NULL) saying how. */
size_t text_utf8_char(const char *s, size_t n, Utf8Fault *fault);
/* Offset of the first ill-formed character of s[0..n), n when there is
 * none.  Pure ASCII runs are checked a word at a time. */
size_t text_utf8_check(const char *s, size_t n, Utf8Fault *fault);

/* Width in characters: every byte that is not a UTF-8 continuation byte
 * starts a code point (names and labels may be Cyrillic). */
size_t text_width(const char *s);
size_t text_width_n(const char *s, size_t n);

/* Numbers in text reports: a finite v with `dec` decimals ("7500.000");
 * |v| < 5e-10 is 0 and a value that rounds to zero loses its sign (never
 * "-0.00").  From TEXT_BIG up, where fixed notation would print digits a
 * double does not hold (1e300 has 301), exponent form with at most 10
 * significant digits, trailing zeros dropped ("1e+20", "4.6e+300").
 * Not finite: "-".  Written into buf (32 bytes are always enough). */
#define TEXT_BIG 1e15
void text_fixed(char *buf, size_t size, double v, int dec);
/* A quantity rounded for a drawing (dot edges, the HTML chain): from 100
 * up whole units, thousands apart by a space ("8 000"); below 100 at most
 * one decimal ("150", "60", "3.5"); a positive value under 0.05 "<0.1".
 * From TEXT_BIG up, or not finite, as text_fixed.  32 bytes are enough. */
void text_rounded(char *buf, size_t size, double v);

/* A label as the lexer reads it back: in double quotes, with `"`, `\` and a
 * line break escaped (the only escapes the language has). */
void text_put_label(Buf *b, const char *s);
/* The inside of such a label, without the quotes; with controls, every
 * other control character too (U+0000..U+001F, U+007F), as \xHH, which the
 * language has no escape for: text that never breaks a line, for listings
 * of one fact per line (check --dump) rather than for reading back. */
void text_put_escaped(Buf *b, const char *s, bool controls);
/* A number as written: sign, digits (underscores, exponent, trailing zeros
 * kept; sign 0 for none), then the unit — `%` attached, any other unit after one space,
 * where the lexer reads it back as the number's unit. */
void text_put_num(Buf *b, char sign, const char *digits, const char *unit);

enum { TEXT_DOUBLE_MAX = 32 };
/* A finite double that reads back (strtod) as the same double: the
 * shortest of %.15g, %.16g and %.17g that does (%.17g always does), -0 as
 * 0, the exponent without `+` or leading zeros ("1e21", "1e-7", never
 * "1e+21"), so the text is also a JSON number.  Not finite: "nan", "inf",
 * "-inf", which are not JSON (json_put_number never lets them through).
 * Returns buf. */
char *text_double(char buf[TEXT_DOUBLE_MAX], double v);
/* s between two `quote` characters, each `quote` inside doubled: an SQL
 * identifier ("), an SQL string ('), an RFC 4180 CSV field ("). */
void text_quoted(FILE *out, const char *s, char quote);

#endif
