/* solve_why.c — why a shadow price is what it is, from the optimal basis
 * (docs/report.md, "Why a shadow price is what it is").
 *
 * A binding row's dual is the change of the objective when its bound moves
 * by one unit.  With the basis fixed, that move is carried by the basic
 * variables: the column of the simplex table of the row's auxiliary
 * variable (glp_eval_tab_col) says by how much each basic column changes,
 * and the dual is the sum of those changes times their objective
 * coefficients.  Those terms are the derivation a teacher writes on the
 * board ("one more tonne of milk makes 1/21 t more butter, sold at ...").
 * A row whose terms do not add up to its dual (a basis GLPK no longer has
 * factorised the same way, rounding far beyond 1e-6) gets none: a wrong
 * derivation is worse than none. */
#include "solve.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>

/* The terms of row i, into *out (n of them); false when they do not add
 * up to dual. */
static bool row_terms(glp_prob *P, int i, double dual, int *ind, double *val, WhyTerm **out,
                      int *n)
{
    int m = glp_get_num_rows(P);
    int len = glp_eval_tab_col(P, i, ind, val);
    WhyTerm *t = xmalloc(sizeof *t * ((size_t)len + 1));
    int k = 0;
    double sum = 0;
    for (int q = 1; q <= len; q++) {
        if (ind[q] <= m || fabs(val[q]) < 1e-12)
            continue; /* an auxiliary variable: a row's slack, no cost */
        int j = ind[q] - m;
        double c = glp_get_obj_coef(P, j);
        if (c == 0)
            continue;
        t[k++] = (WhyTerm){j, val[q]};
        sum += val[q] * c;
    }
    if (k == 0 || fabs(sum - dual) > 1e-6 * fmax(1, fabs(dual))) {
        free(t);
        return false;
    }
    *out = t;
    *n = k;
    return true;
}

void solve_why(glp_prob *P, Solution *sol)
{
    if (glp_get_num_cols(P) == 0 || (!glp_bf_exists(P) && glp_factorize(P) != 0))
        return;
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    int *ind = xmalloc(sizeof(int) * ((size_t)(m + n) + 1));
    double *val = xmalloc(sizeof(double) * ((size_t)(m + n) + 1));
    sol->why = xcalloc((size_t)m + 1, sizeof(WhyRow));
    for (int i = 1; i <= m; i++) {
        int st = glp_get_row_stat(P, i);
        if (st == GLP_BS || !(fabs(sol->dual[i]) > 1e-9))
            continue;
        row_terms(P, i, sol->dual[i], ind, val, &sol->why[i].terms, &sol->why[i].n);
    }
    free(ind);
    free(val);
}

void solve_why_free(Solution *sol)
{
    for (int i = 1; sol->why && i <= sol->nrows; i++)
        free(sol->why[i].terms);
    free(sol->why);
    sol->why = NULL;
}
