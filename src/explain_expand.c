/* explain_expand.c — `dairy explain --expand`: every row of the program,
 * the objective and the bounds, with the model's numbers, as the solver
 * sees them (the way AMPL's `expand` does).  Read from the GLPK problem
 * itself: the names are those of `dairy emit lp`, the numbers written as
 * its LP writer writes them (%.15g), the terms of a row in column order. */
#include "explain_int.h"

#include "xalloc.h"

#include <stdlib.h>

void ex_num(Buf *b, double v)
{
    buf_printf(b, "%.15g", v == 0 ? 0.0 : v);
}

typedef struct {
    int col;
    double val;
} Term;

static int by_col(const void *a, const void *b)
{
    int x = ((const Term *)a)->col, y = ((const Term *)b)->col;
    return (x > y) - (x < y);
}

/* " + 21 y(p,k) - x(f,p)", a coefficient of 1 not written; " 0" when
 * there are no terms. */
static void put_terms(Buf *b, glp_prob *P, Term *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, by_col);
    for (int i = 0; i < n; i++) {
        double v = t[i].val;
        buf_puts(b, v < 0 ? " - " : " + ");
        if (v != 1 && v != -1) {
            ex_num(b, v < 0 ? -v : v);
            buf_putc(b, ' ');
        }
        buf_puts(b, glp_get_col_name(P, t[i].col));
    }
    if (n == 0)
        buf_puts(b, " 0");
}

/* A row's or a column's bounds around what is in b from `from` on:
 * `lo <= ... <= hi`, `... >= lo`, `... <= hi`, `... = v`. */
static void put_bounds(Buf *b, size_t from, int type, double lo, double hi)
{
    Buf head = {0};
    if (type == GLP_DB) {
        ex_num(&head, lo);
        buf_puts(&head, " <=");
    }
    Buf rest = {0};
    buf_puts(&rest, b->s ? b->s + from : "");
    b->len = from;
    if (b->s)
        b->s[from] = '\0';
    if (head.len) {
        buf_puts(b, " ");
        buf_puts(b, head.s);
    }
    buf_puts(b, buf_str(&rest));
    switch (type) {
    case GLP_LO: buf_puts(b, " >= "); ex_num(b, lo); break;
    case GLP_UP: case GLP_DB: buf_puts(b, " <= "); ex_num(b, hi); break;
    case GLP_FX: buf_puts(b, " = "); ex_num(b, lo); break;
    default: buf_puts(b, " free"); break;
    }
    buf_free(&head);
    buf_free(&rest);
}

static void expand_rows(Doc *d, glp_prob *P, Term *t, int *ind, double *val)
{
    Buf b = {0};
    for (int i = 1; i <= glp_get_num_rows(P); i++) {
        buf_clear(&b);
        buf_printf(&b, "%s:", glp_get_row_name(P, i));
        size_t from = b.len;
        int n = glp_get_mat_row(P, i, ind, val);
        for (int k = 0; k < n; k++)
            t[k] = (Term){ind[k + 1], val[k + 1]};
        put_terms(&b, P, t, n);
        put_bounds(&b, from, glp_get_row_type(P, i), glp_get_row_lb(P, i),
                   glp_get_row_ub(P, i));
        ex_code_line(d, buf_str(&b));
    }
    buf_free(&b);
}

static void expand_objective(Doc *d, glp_prob *P, Term *t)
{
    Buf b = {0};
    buf_printf(&b, "%s %s:", glp_get_obj_dir(P) == GLP_MAX ? "maximize" : "minimize",
               glp_get_obj_name(P));
    int n = 0;
    for (int j = 1; j <= glp_get_num_cols(P); j++)
        if (glp_get_obj_coef(P, j) != 0)
            t[n++] = (Term){j, glp_get_obj_coef(P, j)};
    put_terms(&b, P, t, n);
    ex_code_line(d, buf_str(&b));
    buf_free(&b);
}

/* `lo <= name`, `lo <= name <= hi`, `name = v`; `integer` for open. */
static void expand_bounds(Doc *d, glp_prob *P)
{
    Buf b = {0};
    for (int j = 1; j <= glp_get_num_cols(P); j++) {
        buf_clear(&b);
        buf_printf(&b, " %s", glp_get_col_name(P, j));
        int type = glp_get_col_type(P, j);
        put_bounds(&b, 0, type == GLP_LO ? GLP_LO : type, glp_get_col_lb(P, j),
                   glp_get_col_ub(P, j));
        if (glp_get_col_kind(P, j) != GLP_CV)
            buf_puts(&b, " integer");
        ex_code_line(d, buf_str(&b) + 1);
    }
    buf_free(&b);
}

void ex_expand(Doc *d, const Lp *lp)
{
    glp_prob *P = lp->P;
    int nc = glp_get_num_cols(P);
    Term *t = xmalloc(sizeof *t * ((size_t)nc + 1));
    int *ind = xmalloc(sizeof *ind * ((size_t)nc + 1));
    double *val = xmalloc(sizeof *val * ((size_t)nc + 1));
    ex_section(d, "The program, row by row (--expand)");
    ex_para(d, "Every row with the model's numbers, named as in `dairy emit lp`; a coefficient "
               "of 1 is not written.");
    ex_code_begin(d);
    expand_objective(d, P, t);
    ex_code_line(d, "subject to");
    expand_rows(d, P, t, ind, val);
    ex_code_line(d, "bounds");
    expand_bounds(d, P);
    ex_code_end(d);
    free(t);
    free(ind);
    free(val);
}
