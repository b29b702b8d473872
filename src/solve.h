/* solve.h — run GLPK on the program, read the plan, explain failures. */
#ifndef DAIRY_SOLVE_H
#define DAIRY_SOLVE_H

#include "lp.h"

#include <stdbool.h>

/* The limits are for callers that must finish in bounded time whatever the
 * model (the fuzz harnesses); dairy itself leaves them 0, which is none.  A
 * solve that hits one is SOL_FAILED, with the limit named in the message. */
typedef struct {
    bool verbose;          /* GLPK's own messages, on stderr */
    bool why;              /* derive each binding row's shadow price (Solution.why) */
    int iteration_limit;   /* simplex iterations per LP solved; 0: none */
    int node_limit;        /* branch-and-bound subproblems per MIP; 0: none */
    bool ranges;           /* sensitivity ranges of the optimal basis (Solution.rng_lo) */
    int explain_budget;    /* simplex iterations the infeasibility explanation's
                              re-solves may take in all; 0: the default
                              (solve.c, explain) */
} SolveOptions;

/* SOL_TIME_LIMIT and SOL_INTERRUPTED: a bounded run (solve_ctl.h) stopped
 * by --time-limit or by Ctrl-C before the optimum; Solution.partial says
 * whether it found a plan by then. */
typedef enum {
    SOL_OPTIMAL, SOL_INFEASIBLE, SOL_UNBOUNDED, SOL_FAILED, SOL_TIME_LIMIT, SOL_INTERRUPTED
} SolveStatus;

/* A lower bound the model cannot meet, from the elastic re-solve: each
 * lower bound gets a penalised shortfall variable; those left positive are
 * the bounds that cannot be met, and by how much. */
typedef enum { SF_SUPPLY, SF_INTAKE, SF_OUTPUT, SF_DEMAND } ShortfallKind;

typedef struct Closure Closure;

typedef struct {
    ShortfallKind kind;
    int index;             /* farm, plant, line or demand class (of the period's part) */
    int period;            /* its period, -1 without periods */
    double required;       /* the lower bound, t */
    double achievable;     /* what the best plan reaches, t: the row's activity
                              without its shortfall (and open) columns */
    int *limits;           /* GLPK rows that hold it back (binding, dual != 0),
                              except the rows of optional plants the plan keeps
                              closed: those are in closed */
    int nlimits;
    Closure *closed;       /* optional plants left closed whose rows hold it back */
    int nclosed;
} Shortfall;

/* An optional plant the elastic plan keeps closed, whose intake or line
 * rows hold a shortfall back only because open = 0.  Why it stays closed:
 * the elastic copy solved again with the plant forced open, and the
 * requirements that plan leaves shorter than the elastic plan does (its
 * own minimum intake, a line's minimum output, or what its minimum takes
 * from others), each with its own limits.  explained is false when that
 * was not looked for (below the first level, more than 64 plants) or
 * found nothing; when_open is then NULL. */
struct Closure {
    int plant;
    bool explained;
    Shortfall *when_open;
    int nwhen_open;
};

/* One step of the derivation of a shadow price: basic column `col`
 * changes by `delta` when the row's bound moves by one unit. */
typedef struct {
    int col;
    double delta;
} WhyTerm;

/* A row's derivation: its dual is the sum of delta x the column's
 * objective coefficient over terms (none: n 0). */
typedef struct {
    WhyTerm *terms;
    int n;
} WhyRow;

typedef struct {
    SolveStatus status;
    double objective;      /* profit (maximize) or total cost (minimize), currency */
    /* the objective's parts, each a positive amount of money */
    double revenue, milk_cost, processing_cost, transport_cost, service_cost, fixed_cost;
    double storage_cost;   /* holding cost of stock (periods) */
    int ncols, nrows;
    double *col;           /* [1..ncols] primal values (rounded: |v| < 1e-9 is 0) */
    double *dj;            /* [1..ncols] reduced costs (LP, or the LP with binaries fixed) */
    double *row;           /* [1..nrows] row activities */
    double *dual;          /* [1..nrows] shadow prices */
    int *rstat;            /* [1..nrows] GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS */
    int *cstat;            /* [1..ncols] */
    /* Sensitivity ranges (SolveOptions.ranges, an optimal plan; else NULL)
     * of the LP whose values are reported (in a MIP, the LP with the plant
     * decisions fixed), by GLPK's ordinal k: rows 1..nrows, then column j
     * at nrows + j.  A row at a bound: the interval of its right-hand side
     * over which its shadow price holds (glp_analyze_bound); a column: the
     * interval of its objective coefficient over which the basis stays
     * optimal (glp_analyze_coef).  -INFINITY / INFINITY where there is no
     * limit, NAN where nothing was analysed (a basic row). */
    double *rng_lo, *rng_hi;
    Shortfall *shortfalls; /* when infeasible */
    int nshortfalls;
    char message[256];     /* when failed: what GLPK said */
    WhyRow *why;           /* [1..nrows] with SolveOptions.why and a plan, else NULL */
    /* A bounded run.  Stopped (SOL_TIME_LIMIT, SOL_INTERRUPTED): partial says
     * that col and row hold the best plan found so far — a MIP's incumbent,
     * an LP's primal feasible basis — and the objective and its parts are
     * that plan's; dj, dual, rstat, cstat stay NULL (a plan that is not
     * optimal has no prices).  within_gap: SOL_OPTIMAL, but the branch and
     * bound stopped at --gap instead of proving the optimum.  bound: the
     * best bound on the objective known when the solve ended (a MIP's branch
     * and bound; an LP's dual simplex), gap: |objective - bound| /
     * |objective|, as GLPK computes it; NAN when unknown. */
    bool partial, within_gap;
    double bound, gap;
    bool intopt_skipped;   /* a MIP whose LP relaxation was already integral in
                              its binaries: that plan is the optimum, and
                              glp_intopt was not run */
    bool explain_budget_spent; /* the explanation of an infeasible program
                              stopped at its budget (solve.c, explain) */
} Solution;

/* Does sol hold a plan to report (optimal, or the best so far)? */
bool solve_has_plan(const Solution *sol);

/* Solve lp (LP with presolve, or MIP with presolve and then the LP with the
 * binaries fixed at their optimum, for duals).  GLPK never prints (unless
 * verbose, to stderr) and never aborts the process.  Returns 0 when a
 * status was determined (see sol->status), -1 when GLPK failed. */
int solve_run(Lp *lp, const SolveOptions *opt, Solution *sol);
void solve_free(Solution *sol);

/* The derivation of every nonbasic row's shadow price from P's optimal
 * basis, into sol->why (solve_run calls it with SolveOptions.why). */
void solve_why(glp_prob *P, Solution *sol);
void solve_why_free(Solution *sol);

/* Add the objective's parts of one part of a program (lp_part: the whole
 * program without periods, one period's with them) in the plan `plan` to
 * s's revenue, milk_cost, processing_cost, transport_cost, service_cost
 * and fixed_cost (s may be plan).  Holding cost is not a part's. */
void solve_part_totals(const Lp *part, const Solution *plan, Solution *s);

/* The objective and its parts (s->objective, revenue, ..., storage_cost)
 * of the plan in s->col, as solve_run sets them (a plan read from a
 * solver's file: solution_read.h). */
void solve_totals(const Lp *lp, Solution *s);

/* The plan's flows for emit_dot: per route r and product k, at
 * [r * nproducts + k], t of product k shipped on product route r (its
 * shipments summed), and for a milk route t of milk at [r * nproducts]
 * (nproducts taken as 1 when there are none); NULL when lp does not
 * solve to an optimum.  Solves lp quietly;
 * free the result with free(). */
double *solve_flows(Lp *lp);

#endif
