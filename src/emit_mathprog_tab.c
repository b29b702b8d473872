/* emit_mathprog_tab.c — what the MathProg writer prints its data with:
 * numbers that read back exactly, set element names, aligned data tables
 * with comments (emit_mathprog_int.h). */
#include "emit_mathprog_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ numbers */

/* The shortest of %.15g, %.16g, %.17g that reads back as v: exact, and
 * 0.45 stays "0.45" rather than "0.45000000000000001". */
void mp_num_text(W *w, double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        w->bad = true;
        snprintf(buf, size, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* ------------------------------------------------------------ names */

typedef struct {
    const char *s;
    int i;
} NameIx;

static int cmp_name(const void *a, const void *b)
{
    const NameIx *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Set element names for n entities of one kind (lp_ident), made unique
 * within the set: two names lp_ident maps to the same text ("f3" written by
 * hand and a third farm named in Cyrillic) get "_<index>" on the later one. */
char **mp_idents(const Model *m, char kind, int n)
{
    char **v = xcalloc((size_t)n + 1, sizeof *v);
    char buf[256];
    for (int i = 0; i < n; i++) {
        const char *name = kind == 'f'   ? m->farms[i].n.name
                           : kind == 'p' ? m->plants[i].n.name
                           : kind == 'k' ? m->products[i].n.name
                           : kind == 'c' ? m->components[i].name
                           : kind == 'g' ? m->grades[i].name
                           : kind == 't' ? m->periods[i].n.name
                                         : m->markets[i].n.name;
        lp_ident(name, kind, i, buf, sizeof buf);
        v[i] = xstrdup(buf);
    }
    NameIx *ix = xmalloc(sizeof *ix * ((size_t)n + 1));
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < n; i++)
            ix[i] = (NameIx){v[i], i};
        qsort(ix, (size_t)n, sizeof *ix, cmp_name);
        for (int i = 1; i < n; i++) {
            if (strcmp(ix[i].s, ix[i - 1].s) != 0)
                continue;
            int j = ix[i].i;
            snprintf(buf, sizeof buf, "%s_%d", v[j], j + 1);
            free(v[j]);
            v[j] = xstrdup(buf);
            changed = true;
        }
    }
    free(ix);
    return v;
}

void mp_free_idents(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ------------------------------------------------------------ tables */

/* A data table: rows of cells printed in aligned columns, each row with an
 * optional trailing comment.  The text is kept in one buffer, row after
 * row: the row's cells, then its comment ("" when none), each ending in
 * NUL; a million-row table is one allocation, not millions. */

void mp_tab_init(Table *t, int ncols, int nleft)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->nleft = nleft;
}

static void tab_put(Table *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4096;
        while (t->len + n + 1 > t->cap)
            t->cap *= 2;
        t->buf = xrealloc(t->buf, t->cap);
    }
    memcpy(t->buf + t->len, s, n);
    t->buf[t->len + n] = '\0';
    t->len += n + 1;
}

void mp_tab_cell(Table *t, const char *s)
{
    size_t n = strlen(s);
    tab_put(t, s, n);
    if ((int)n > t->width[t->col])
        t->width[t->col] = (int)n;
    if (++t->col == t->ncols) {
        tab_put(t, "", 0); /* no comment yet */
        t->col = 0;
        t->nrows++;
    }
}

void mp_tab_num(W *w, Table *t, double v)
{
    char buf[40];
    mp_num_text(w, v, buf, sizeof buf);
    mp_tab_cell(t, buf);
}

/* The comment of the row just completed: a and b with a space between,
 * line breaks and other control characters made spaces so that it stays
 * one `#` comment. */
void mp_tab_note(Table *t, const char *a, const char *b)
{
    t->len--; /* drop the empty comment */
    size_t at = t->len;
    tab_put(t, a, strlen(a));
    if (b && *b) {
        t->len--; /* append to a */
        if (*a) {
            tab_put(t, " ", 1);
            t->len--;
        }
        tab_put(t, b, strlen(b));
    }
    for (size_t i = at; i + 1 < t->len; i++)
        if ((unsigned char)t->buf[i] < 0x20 || t->buf[i] == 0x7f)
            t->buf[i] = ' ';
}

/* `param : NAMES :=` then the rows, columns aligned, `;`. */
void mp_tab_print(W *w, Table *t, const char *head)
{
    fputs(head, w->out);
    const char *p = t->buf;
    for (int r = 0; r < t->nrows; r++) {
        const char *note = p;
        for (int c = 0; c < t->ncols; c++)
            note += strlen(note) + 1;
        fputs("\n ", w->out);
        for (int c = 0; c < t->ncols; c++) {
            /* no padding after a last, left-aligned cell */
            int wd = c == t->ncols - 1 && !*note && c < t->nleft ? 0 : t->width[c];
            fprintf(w->out, " %*s", c < t->nleft ? -wd : wd, p);
            p += strlen(p) + 1;
        }
        if (*note)
            fprintf(w->out, "  # %s", note);
        p = note + strlen(note) + 1;
    }
    fputs(t->nrows ? "\n;\n" : " ;\n", w->out);
    free(t->buf);
}

/* `set NAME := a b c;`, wrapped before column 78. */
void mp_set_line(W *w, const char *name, char **elems, int n)
{
    int col = fprintf(w->out, "set %s :=", name);
    for (int i = 0; i < n; i++) {
        int len = (int)strlen(elems[i]);
        if (col + 1 + len > 78) {
            fputs("\n ", w->out);
            col = 1;
        }
        col += fprintf(w->out, " %s", elems[i]);
    }
    fputs(";\n", w->out);
}

/* A label or a name lp_ident replaced, for the comment of a data row. */
void mp_note_named(Table *t, const Named *n, const char *ident)
{
    bool renamed = strcmp(n->name, ident) != 0;
    if (renamed || n->label)
        mp_tab_note(t, renamed ? n->name : "", n->label);
}

void mp_comment_text(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, out);
}

bool mp_has_components(const Model *m) { return m->ncomponents > 0; }
bool mp_has_grades(const Model *m) { return m->ngrades > 1; }
bool mp_has_pay_by(const Model *m)
{
    return m->pay_by >= 0 && m->pay_by < m->ncomponents && m->pay_basis > 0;
}

void mp_built_set(Data *D, const char *name, int n)
{
    mp_set_line(D->w, name, D->list, n);
    for (int i = 0; i < n; i++)
        free(D->list[i]);
}
