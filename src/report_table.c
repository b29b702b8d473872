/* report_table.c — how the text reports print values: names on one line,
 * numbers in their fixed formats, and tables of them with every column as
 * wide as its widest cell in characters (labels may be Cyrillic). */
#include "report_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A name or label as text: control characters (a label may hold `\n`)
 * become spaces, so that they cannot break a line or a table. */
void rep_name(Buf *b, const char *s)
{
    for (; *s; s++) {
        char c = (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s;
        buf_putn(b, &c, 1);
    }
}

/* v with `dec` decimals, or in exponent form from TEXT_BIG up (text.h);
 * -0.00 is never printed.  Not finite: "-". */
NumStr rep_fixed(double v, int dec)
{
    NumStr r;
    text_fixed(r.s, sizeof r.s, v, dec);
    return r;
}

/* Tonnes in a sentence: 3 decimals, trailing zeros dropped ("150", "96.5"). */
NumStr rep_tonnes_short(double v)
{
    NumStr r = rep_fixed(v, 3);
    if (strchr(r.s, '.') && !strchr(r.s, 'e')) {
        size_t n = strlen(r.s);
        while (r.s[n - 1] == '0')
            r.s[--n] = '\0';
        if (r.s[n - 1] == '.')
            r.s[n - 1] = '\0';
    }
    return r;
}

/* part / whole as a whole percent, "-" when whole is not a positive number. */
NumStr rep_percent(double part, double whole)
{
    NumStr r;
    if (!(whole > 0) || !isfinite(whole)) {
        strcpy(r.s, "-");
        return r;
    }
    /* snapped to 1e-6 first, so that solver noise around a half (37.4999999
     * or 37.5000001 for 150 t of 400 t) cannot flip the rounding */
    double v = round(100 * part / whole * 1e6) / 1e6;
    r = rep_fixed(v, 0);
    strcat(r.s, "%");
    return r;
}

/* "412.00 BYN" (no unit when the model has no currency). */
NumStr rep_money_unit(const Model *m, double v)
{
    NumStr r = rep_money(v);
    if (m->currency[0])
        snprintf(r.s + strlen(r.s), sizeof r.s - strlen(r.s), " %s", m->currency);
    return r;
}

void rep_table_init(Table *t, const char *align)
{
    memset(t, 0, sizeof *t);
    t->align = align;
    t->ncols = (int)strlen(align);
}

/* Append a row of t->ncols cells (NULL is an empty cell). */
void rep_table_row(Table *t, ...)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = xrealloc(t->cells, sizeof(char *) * (size_t)t->cap * (size_t)t->ncols);
    }
    va_list ap;
    va_start(ap, t);
    for (int j = 0; j < t->ncols; j++) {
        const char *c = va_arg(ap, const char *);
        Buf b = {0};
        rep_name(&b, c ? c : "");
        t->cells[t->nrows * t->ncols + j] = b.s ? b.s : xstrdup("");
    }
    va_end(ap);
    t->nrows++;
}

void rep_table_print(const Table *t, const char *indent, FILE *out)
{
    size_t w[REP_MAXCOLS] = {0};
    for (int i = 0; i < t->nrows; i++)
        for (int j = 0; j < t->ncols; j++) {
            size_t n = text_width(t->cells[i * t->ncols + j]);
            if (n > w[j])
                w[j] = n;
        }
    for (int i = 0; i < t->nrows; i++) {
        char **row = t->cells + i * t->ncols;
        int last = t->ncols - 1;
        while (last >= 0 && !row[last][0])
            last--;
        if (last < 0) {
            fputc('\n', out);
            continue;
        }
        fputs(indent, out);
        for (int j = 0; j <= last; j++) {
            size_t pad = w[j] - text_width(row[j]);
            if (j > 0)
                fputs("  ", out);
            if (t->align[j] == 'r')
                fprintf(out, "%*s", (int)pad, "");
            fputs(row[j], out);
            if (t->align[j] != 'r' && j < last)
                fprintf(out, "%*s", (int)pad, "");
        }
        fputc('\n', out);
    }
}

void rep_table_free(Table *t)
{
    for (int i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

/* A table row: a label, then one cell per case (NULL: none). */
void rep_table_cells(Table *t, int n, const char *label, const char *const *cells)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = xrealloc(t->cells, sizeof(char *) * (size_t)t->cap * (size_t)t->ncols);
    }
    char **row = t->cells + t->nrows * t->ncols;
    for (int j = 0; j < t->ncols; j++) {
        const char *c = j == 0 ? label : j <= n && cells ? cells[j - 1] : "";
        Buf b = {0};
        rep_name(&b, c ? c : "");
        row[j] = b.s ? b.s : xstrdup("");
    }
    t->nrows++;
}
