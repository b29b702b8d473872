/* solve_method.h — how GLPK solves one LP: the simplex's method and
 * settings, the starting basis, and sifting (solving on a subset of the
 * columns and pricing the rest), chosen by measurement (bench/README.md,
 * "Choosing GLPK's method"). */
#ifndef DAIRY_SOLVE_METHOD_H
#define DAIRY_SOLVE_METHOD_H

#include <glpk.h>
#include <stdbool.h>

enum {
    SM_BASIS_KEEP, /* the basis P holds (a warm start, or GLPK's standard one) */
    SM_BASIS_STD,  /* glp_std_basis */
    SM_BASIS_ADV,  /* glp_adv_basis */
    SM_BASIS_CPX   /* glp_cpx_basis */
};

typedef struct {
    int meth;      /* glp_smcp.meth: GLP_PRIMAL, GLP_DUALP, GLP_DUAL */
    int pricing;   /* glp_smcp.pricing: GLP_PT_STD, GLP_PT_PSE */
    int r_test;    /* glp_smcp.r_test: GLP_RT_STD, GLP_RT_HAR, GLP_RT_FLIP */
    bool presolve; /* glp_smcp.presolve (no warm start, no sifting with it) */
    int scale;     /* glp_scale_prob flags before solving; 0: none */
    int basis;     /* SM_BASIS_* */
    bool interior; /* glp_interior first; its solution picks the columns
                      sifting starts from (so sift too) */
    int sift;      /* > 0: sift, starting from the `sift` most attractive
                      columns of each row; 0: the whole LP at once */
    int it_lim;    /* glp_smcp.it_lim per glp_simplex call; 0: none */
    bool verbose;  /* GLPK's messages */
} SolveMethod;

/* Programs with fewer columns than this are solved as they always were:
 * primal simplex with presolve from GLPK's standard basis (the goldens'
 * plans and duals, which a degenerate LP does not pin down, stay the ones
 * they were).  Larger ones with at least SM_SIFT_RATIO columns per row are
 * sifted from the 3 best columns of each row, scaled with GLP_SF_GM |
 * GLP_SF_EQ | GLP_SF_2N (solve_method_lp). */
enum { SM_LARGE_COLS = 20000, SM_SIFT_RATIO = 8 };

/* The method dairy uses for P (by its size; see above).  presolve: false
 * when P holds a basis to start from. */
void solve_method_default(const glp_prob *P, bool presolve, bool verbose, SolveMethod *m);

/* The method named by text, for the benchmark (bench/lp_methods.c):
 * comma-separated words from primal dual dualp std pse rstd har flip
 * presolve scale=gm|eq|2n|auto|skip|gm+eq+… basis=std|adv|cpx ipm
 * sift=K (K > 0 also turns presolve off), applied on top of m.  Returns
 * false at an unknown word. */
bool solve_method_parse(const char *text, SolveMethod *m);

/* Statistics of the last solve_method_lp call. */
typedef struct {
    int rounds;       /* sifting rounds (0: not sifted) */
    int priced_in;    /* columns added to the working set by pricing */
    int work_cols;    /* columns in the working set at the end */
    int ipm_iters;    /* interior-point iterations */
} SolveMethodStats;

/* Solve the LP in P with m.  Returns glp_simplex's code of the last call
 * (0: P holds a status; glp_get_status tells which), or a glp_interior
 * failure code.  With sifting, P ends with a basis of the whole LP, every
 * column back with its bounds, checked by one last glp_simplex over all of
 * it.  stats may be NULL. */
int solve_method_lp(glp_prob *P, const SolveMethod *m, SolveMethodStats *stats);

#endif
