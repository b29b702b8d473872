/* solve.c — run GLPK, read the plan and its duals, explain infeasibility.
 *
 * GLPK facts that shape this file (GLPK 5.0 reference manual):
 * - invalid arguments abort the process unless glp_error_hook takes over;
 *   recovering with longjmp leaves GLPK's environment unusable, so the hook
 *   frees it (every problem with it): the checker makes this unreachable,
 *   the hook is a last line of defence;
 * - glp_term_hook decides where messages go: nowhere, or stderr (--verbose);
 * - a MIP has no duals: the LP is re-solved with the binaries fixed at their
 *   optimum, and that LP's values and duals are the ones reported; the LP
 *   relaxation is solved first (with presolve) and the branch and bound
 *   starts from its basis, as glpsol does, so the re-solve is warm; a
 *   relaxation already integral in the binaries is the MIP's optimum, and
 *   glp_intopt is not run at all;
 * - how GLPK solves each LP (the method, sifting a large program) is
 *   solve_method.c's, chosen by measurement (bench/README.md);
 * - with presolve on, glp_simplex returns GLP_ENOPFS / GLP_ENODFS instead of
 *   a status when presolve proves the problem infeasible / unbounded;
 * - a simplex iteration limit (glp_smcp.it_lim) ends glp_simplex with
 *   GLP_EITLIM; glp_iocp has no node limit, so a callback counts the
 *   branch-and-bound subproblems and stops the search (GLP_ESTOP);
 * - a bounded run (--time-limit, --gap, Ctrl-C) goes through solve_ctl.c:
 *   every glp_simplex is solve_ctl_simplex (in chunks, checked between
 *   two), the branch-and-bound callback calls solve_ctl_node, and a run
 *   that stops keeps its best plan so far (read_partial). */
#include "solve.h"
#include "solve_method.h"

#include "solve_ctl.h"
#include "xalloc.h"
#include "vec.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf *error_jump;

static void on_error(void *info)
{
    (void)info;
    if (error_jump)
        longjmp(*error_jump, 1);
}

/* Messages go to stderr when verbose, else nowhere; never to stdout. */
static int on_term(void *info, const char *s)
{
    solve_ctl_message(s); /* a bounded run's checks and progress */
    if (*(const bool *)info)
        fputs(s, stderr);
    return 1;
}

/* The caller's limits (SolveOptions) for every LP and MIP that one solve_run()
 * runs, the elastic copy's included; 0 is none.  Set by solve_run(). */
static int iteration_limit, node_limit;

static double clean(double v)
{
    return fabs(v) < 1e-9 ? 0 : v;
}

/* The infeasibility explanation's budget of simplex iterations left for
 * its re-solves (explain); -1 outside it, when there is none.  The
 * caller's budget (SolveOptions.explain_budget; 0: the default). */
static int budget_left = -1, explain_budget;

/* One LP: the method solve_method_default picks for P's size (sifting for
 * a large cold solve, else GLPK's primal simplex as it always was), under
 * the caller's iteration limit and the explanation's budget, whichever is
 * less; the iterations used are taken from the budget. */
static bool run_lp(glp_prob *P, bool verbose, bool presolve, int *rc)
{
    SolveMethod m;
    solve_method_default(P, presolve, verbose, &m);
    m.it_lim = iteration_limit;
    if (budget_left >= 0 && (m.it_lim == 0 || budget_left < m.it_lim))
        m.it_lim = budget_left > 0 ? budget_left : 1;
    int before = glp_get_it_cnt(P);
    *rc = solve_method_lp(P, &m, NULL);
    if (budget_left >= 0) {
        int used = glp_get_it_cnt(P) - before;
        budget_left = used < budget_left ? budget_left - used : 0;
    }
    return *rc == 0;
}

/* glp_intopt's callback: stop once more than node_limit subproblems exist,
 * or once the search has used the explanation's budget (its LPs count in
 * the problem's iterations; *info is the count to stop at); else a bounded
 * run's checks (solve_ctl_node). */
static void count_nodes(glp_tree *T, void *info)
{
    int active, current, total;
    glp_ios_tree_size(T, &active, &current, &total);
    if ((node_limit > 0 && total > node_limit) ||
        (budget_left >= 0 && glp_get_it_cnt(glp_ios_get_prob(T)) >= *(const int *)info))
        glp_ios_terminate(T);
    else
        solve_ctl_node(T);
}

/* A bounded run stopped (solve_ctl.h): its status. */
static SolveStatus stopped(void)
{
    return solve_ctl_stopped() == CTL_INTERRUPTED ? SOL_INTERRUPTED : SOL_TIME_LIMIT;
}

/* Set by optimise(): the branch and bound ended at --gap, not at a proof. */
static bool gap_reached;

/* The branch and bound starts from the optimal basis of the LP relaxation
 * already in P (so presolve stays off: it would work on a copy and leave
 * that basis behind), and leaves a basis close to the final plan's, from
 * which the LP with the binaries fixed solves in a few iterations. */
static bool run_mip(glp_prob *P, bool verbose, int *rc)
{
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    p.presolve = GLP_OFF;
    int before = glp_get_it_cnt(P), stop = before + (budget_left > 0 ? budget_left : 0);
    p.cb_func = count_nodes;
    p.cb_info = &stop;
    solve_ctl_iocp(&p);
    *rc = glp_intopt(P, &p);
    if (budget_left >= 0) {
        int used = glp_get_it_cnt(P) - before;
        budget_left = used < budget_left ? budget_left - used : 0;
    }
    return *rc == 0 || *rc == GLP_EMIPGAP;
}

/* Fix every integer column at its MIP value (saving its bounds in lo/hi
 * and type, unless they are NULL: P is not restored), so that glp_simplex
 * gives the duals of the optimal plan.  from_lp: the value is the one of
 * P's LP solution (an integral relaxation, or the LP already solved with
 * them fixed), not of glp_intopt's. */
static void fix_integers(glp_prob *P, int *type, double *lo, double *hi, bool from_lp)
{
    int n = glp_get_num_cols(P);
    for (int j = 1; j <= n; j++) {
        if (glp_get_col_kind(P, j) == GLP_CV)
            continue;
        if (type) {
            type[j] = glp_get_col_type(P, j);
            lo[j] = glp_get_col_lb(P, j);
            hi[j] = glp_get_col_ub(P, j);
        }
        double v = from_lp ? glp_get_col_prim(P, j) : glp_mip_col_val(P, j);
        glp_set_col_bnds(P, j, GLP_FX, round(v), 0);
    }
}

static void unfix_integers(glp_prob *P, const int *type, const double *lo, const double *hi)
{
    int n = glp_get_num_cols(P);
    for (int j = 1; j <= n; j++)
        if (glp_get_col_kind(P, j) != GLP_CV)
            glp_set_col_bnds(P, j, type[j], lo[j], hi[j]);
}

/* The LP in P with presolve (once more without it if presolve itself
 * fails), or from the basis P holds (warm): its status, P holding an
 * optimal basis when it is SOL_OPTIMAL. */
static SolveStatus solve_lp(glp_prob *P, bool verbose, bool warm, char *msg, size_t msize)
{
    int rc;
    if (!run_lp(P, verbose, !warm, &rc)) {
        if (solve_ctl_stopped() != CTL_RUNNING)
            return stopped();
        if (rc == GLP_ENOPFS)
            return SOL_INFEASIBLE;
        if (rc == GLP_ENODFS)
            return SOL_UNBOUNDED;
        if (rc == GLP_EITLIM) {
            snprintf(msg, msize, "the simplex stopped at its iteration limit (%d)",
                     iteration_limit);
            return SOL_FAILED;
        }
        /* presolve trouble: try once without it */
        if (!run_lp(P, verbose, false, &rc)) {
            snprintf(msg, msize, "glp_simplex failed (code %d)", rc);
            return SOL_FAILED;
        }
    }
    switch (glp_get_status(P)) {
    case GLP_OPT: return SOL_OPTIMAL;
    case GLP_NOFEAS: return SOL_INFEASIBLE;
    case GLP_UNBND: return SOL_UNBOUNDED;
    default:
        snprintf(msg, msize, "the simplex ended without an optimum (status %d)",
                 glp_get_status(P));
        return SOL_FAILED;
    }
}

static double unlimited(double v)
{
    return v <= -DBL_MAX ? -INFINITY : v >= DBL_MAX ? INFINITY : v;
}

/* The objective coefficient range of column j: glp_analyze_coef for a
 * basic column (it refuses a non-basic one); a non-basic column stays out
 * until its coefficient has moved by its reduced cost d, the other way
 * unlimited (as glp_print_ranges, glpsol's report, says it). */
static void coef_range(glp_prob *P, int j, double *lo, double *hi)
{
    int st = glp_get_col_stat(P, j), dir = glp_get_obj_dir(P), var1, var2;
    double c = glp_get_obj_coef(P, j), d = glp_get_col_dual(P, j), v1, v2;
    *lo = -DBL_MAX;
    *hi = DBL_MAX;
    if (st == GLP_BS)
        glp_analyze_coef(P, glp_get_num_rows(P) + j, lo, &var1, &v1, hi, &var2, &v2);
    else if (st == GLP_NF)
        *lo = *hi = c;
    else if ((st == GLP_NL && dir == GLP_MIN) || (st == GLP_NU && dir == GLP_MAX))
        *lo = c - d;
    else if (st != GLP_NS)
        *hi = c - d;
}

/* The sensitivity ranges of P's optimal basis into s->rng_lo/rng_hi (see
 * solve.h): glp_analyze_bound for each row at a bound, coef_range for each
 * column.  Both need the basis factorization, which glp_simplex with
 * presolve does not leave behind, so it is computed first (as glpsol does
 * before its report). */
static void analyse(glp_prob *P, Solution *s)
{
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    s->rng_lo = xmalloc(sizeof(double) * ((size_t)m + n + 1));
    s->rng_hi = xmalloc(sizeof(double) * ((size_t)m + n + 1));
    for (int k = 0; k <= m + n; k++)
        s->rng_lo[k] = s->rng_hi[k] = NAN;
    if (n == 0 || glp_get_status(P) != GLP_OPT ||
        (m > 0 && !glp_bf_exists(P) && glp_factorize(P) != 0))
        return;
    for (int k = 1; k <= m + n; k++) {
        double lo, hi;
        int var1, var2;
        if (k > m)
            coef_range(P, k - m, &lo, &hi);
        else if (glp_get_row_stat(P, k) != GLP_BS)
            glp_analyze_bound(P, k, &lo, &var1, &hi, &var2);
        else
            continue;
        s->rng_lo[k] = unlimited(lo);
        s->rng_hi[k] = unlimited(hi);
    }
}

/* True when every integer column of P's LP solution is integral (to
 * 1e-9): that solution is then the MIP's optimum too (no integer plan can
 * beat the relaxation), and glp_intopt, which would only confirm it at its
 * root, is not run. */
static bool relaxation_integral(glp_prob *P)
{
    int n = glp_get_num_cols(P);
    for (int j = 1; j <= n; j++) {
        if (glp_get_col_kind(P, j) == GLP_CV)
            continue;
        double v = glp_get_col_prim(P, j);
        if (fabs(v - round(v)) > 1e-9)
            return false;
    }
    return true;
}

/* Solve P to optimality: LP, or MIP then the LP with integers fixed.
 * Returns the status; the LP solution in P is the one to read (in a MIP,
 * the one with the integers fixed: read their values with
 * glp_get_col_prim).  With rng, the ranges of that LP's basis go into it
 * (analyse), while the plant decisions of a MIP are still fixed.  warm: P
 * holds a basis to start from (no presolve).  *skipped (unless NULL) says
 * whether a MIP's glp_intopt was left out (relaxation_integral). */
static SolveStatus optimise(glp_prob *P, bool mip, bool verbose, bool warm, Solution *rng,
                            char *msg, size_t msize, bool *skipped)
{
    if (skipped)
        *skipped = false;
    int rc;
    if (glp_get_num_cols(P) == 0) {
        /* nothing to decide: feasible when every row admits 0 */
        int m = glp_get_num_rows(P);
        for (int i = 1; i <= m; i++) {
            int t = glp_get_row_type(P, i);
            if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && glp_get_row_lb(P, i) > 0)
                return SOL_INFEASIBLE;
        }
        run_lp(P, verbose, false, &rc);
        return SOL_OPTIMAL;
    }
    if (mip) {
        /* the relaxation first: its optimal basis starts the search */
        SolveStatus relax = solve_lp(P, verbose, warm, msg, msize);
        if (relax != SOL_OPTIMAL)
            return relax;
        solve_ctl_set_bound(glp_get_obj_val(P));
        bool integral = relaxation_integral(P);
        if (skipped)
            *skipped = integral;
        if (integral)
            ; /* the relaxation's plan is the MIP's */
        else if (!run_mip(P, verbose, &rc)) {
            if (solve_ctl_check() != CTL_RUNNING)
                return stopped(); /* the plan so far, if any, is P's MIP solution */
            if (rc == GLP_ENOPFS)
                return SOL_INFEASIBLE;
            if (rc == GLP_ENODFS)
                return SOL_UNBOUNDED;
            if (rc == GLP_ESTOP)
                snprintf(msg, msize, "the integer search stopped at its subproblem limit (%d)",
                         node_limit);
            else
                snprintf(msg, msize, "glp_intopt failed (code %d)", rc);
            return SOL_FAILED;
        }
        int st = integral ? GLP_OPT : glp_mip_status(P);
        if (st == GLP_NOFEAS)
            return SOL_INFEASIBLE;
        gap_reached = !integral && rc == GLP_EMIPGAP && st == GLP_FEAS;
        if (st != GLP_OPT && !gap_reached) {
            snprintf(msg, msize, "the integer search ended without an optimum (status %d)", st);
            return SOL_FAILED;
        }
        int n = glp_get_num_cols(P);
        int *type = xcalloc((size_t)n + 1, sizeof(int));
        double *lo = xcalloc((size_t)n + 1, sizeof(double));
        double *hi = xcalloc((size_t)n + 1, sizeof(double));
        fix_integers(P, type, lo, hi, integral);
        bool ok = run_lp(P, verbose, false, &rc) && glp_get_status(P) == GLP_OPT;
        if (ok && rng)
            analyse(P, rng);
        unfix_integers(P, type, lo, hi);
        free(type);
        free(lo);
        free(hi);
        if (!ok && solve_ctl_stopped() != CTL_RUNNING)
            return stopped();
        if (!ok) {
            snprintf(msg, msize, "the LP with the plant decisions fixed did not solve (code %d)", rc);
            return SOL_FAILED;
        }
        return SOL_OPTIMAL;
    }
    SolveStatus st = solve_lp(P, verbose, warm, msg, msize);
    if (st == SOL_OPTIMAL && rng)
        analyse(P, rng);
    return st;
}

/* Read values, reduced costs, activities and duals of P's LP solution. */
static void read_solution(glp_prob *P, Solution *s)
{
    s->ncols = glp_get_num_cols(P);
    s->nrows = glp_get_num_rows(P);
    s->col = xcalloc((size_t)s->ncols + 1, sizeof(double));
    s->dj = xcalloc((size_t)s->ncols + 1, sizeof(double));
    s->cstat = xcalloc((size_t)s->ncols + 1, sizeof(int));
    s->row = xcalloc((size_t)s->nrows + 1, sizeof(double));
    s->dual = xcalloc((size_t)s->nrows + 1, sizeof(double));
    s->rstat = xcalloc((size_t)s->nrows + 1, sizeof(int));
    for (int j = 1; j <= s->ncols; j++) {
        s->col[j] = clean(glp_get_col_prim(P, j));
        s->dj[j] = clean(glp_get_col_dual(P, j));
        s->cstat[j] = glp_get_col_stat(P, j);
    }
    for (int i = 1; i <= s->nrows; i++) {
        s->row[i] = clean(glp_get_row_prim(P, i));
        s->dual[i] = clean(glp_get_row_dual(P, i));
        s->rstat[i] = glp_get_row_stat(P, i);
    }
}

/* A stopped run's best plan so far (solve.h, Solution.partial): the MIP's
 * incumbent, or the LP's basis when it is primal feasible (the primal
 * simplex's second phase); values only, no prices.  A MIP's bound is the
 * branch and bound's; an LP's, its objective when the basis is dual
 * feasible (the dual simplex). */
static void read_partial(glp_prob *P, bool mip, Solution *s)
{
    bool plan = mip ? glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT
                    : glp_get_prim_stat(P) == GLP_FEAS;
    double obj = NAN;
    s->bound = mip ? solve_ctl_bound()
                   : glp_get_dual_stat(P) == GLP_FEAS ? glp_get_obj_val(P) : NAN;
    if (!plan)
        return;
    s->partial = true;
    s->ncols = glp_get_num_cols(P);
    s->nrows = glp_get_num_rows(P);
    s->col = xcalloc((size_t)s->ncols + 1, sizeof(double));
    s->row = xcalloc((size_t)s->nrows + 1, sizeof(double));
    for (int j = 1; j <= s->ncols; j++)
        s->col[j] = clean(mip ? glp_mip_col_val(P, j) : glp_get_col_prim(P, j));
    for (int i = 1; i <= s->nrows; i++)
        s->row[i] = clean(mip ? glp_mip_row_val(P, i) : glp_get_row_prim(P, i));
    obj = mip ? glp_mip_obj_val(P) : glp_get_obj_val(P);
    s->gap = solve_ctl_gap(obj, s->bound);
}

bool solve_has_plan(const Solution *s)
{
    return s->status == SOL_OPTIMAL || s->partial;
}

void solve_part_totals(const Lp *lp, const Solution *plan, Solution *s)
{
    const Model *m = lp->m;
    for (int r = 0; r < m->nroutes; r++) {
        int j = lp->col_x[r];
        if (!j)
            continue;
        s->milk_cost += plan->col[j] * lp_farm_price(m, m->routes[r].from);
        s->transport_cost += plan->col[j] * lp->route_cost[r];
    }
    for (int l = 0; l < m->nlines; l++)
        s->processing_cost += plan->col[lp->col_y[l]] * m->lines[l].cost;
    for (int k = 0; k < lp->nships; k++) {
        double v = plan->col[lp->col_s[k]];
        const DemandClass *d = &lp->classes[lp->ships[k].cls];
        s->revenue += v * d->price;
        s->service_cost += v * d->service;
        s->transport_cost += v * lp->ships[k].haulage;
    }
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        if (pl->closed)
            continue;
        double open = lp->col_open[p] ? plan->col[lp->col_open[p]] : 1;
        s->fixed_cost += open * pl->fixed;
    }
}

/* The objective's parts from the plan: each part's, and the holding cost
 * of stock. */
static void totals(const Lp *lp, Solution *s)
{
    solve_totals(lp, s);
}

void solve_totals(const Lp *lp, Solution *s)
{
    const Model *m = lp->m;
    for (int t = 0; t < lp_nparts(lp); t++)
        solve_part_totals(lp_part(lp, t), s, s);
    for (int i = 0; i < m->nstores * lp->nperiods; i++)
        s->storage_cost += s->col[lp->col_inv[i]] * m->stores[i / lp->nperiods].cost;
    double cost = s->milk_cost + s->processing_cost + s->transport_cost + s->service_cost +
                  s->fixed_cost + s->storage_cost;
    s->objective = clean(m->objective == OBJ_MAX_PROFIT ? s->revenue - cost : cost);
}

/* The requirement a row stands for, when it is one the elastic copy may
 * relax: supply, intake, output and demand lower bounds. */
static bool requirement(const Lp *lp, int row, ShortfallKind *kind, int *index)
{
    *index = lp->row_index[row];
    switch ((RowKind)lp->row_kind[row]) {
    case RK_SUPPLY: *kind = SF_SUPPLY; return true;
    case RK_INTAKE: case RK_INTAKE_MIN: *kind = SF_INTAKE; return true;
    case RK_OUTPUT: case RK_OUTPUT_MIN: *kind = SF_OUTPUT; return true;
    case RK_DEMAND: *kind = SF_DEMAND; return true;
    default: return false;
    }
}

static double required_of(const Lp *lp, ShortfallKind k, int i)
{
    const Model *m = lp->m; /* a part: the period's numbers */
    switch (k) {
    case SF_SUPPLY: return m->farms[i].supply.lo;
    case SF_INTAKE: return m->plants[i].capacity.lo;
    case SF_OUTPUT: return m->lines[i].output.lo;
    default: return lp->classes[i].volume.lo;
    }
}

/* The rows with a non-zero dual in E's LP solution, leaving out the
 * requirements that are short there (they are what is explained, not what
 * limits). */
static void dual_rows(glp_prob *E, const int *urow, Vec *out)
{
    int mrows = glp_get_num_rows(E);
    for (int i = 1; i <= mrows; i++)
        if (fabs(glp_get_row_dual(E, i)) > 1e-9 &&
            !(urow[i] && glp_get_col_prim(E, urow[i]) > 1e-9))
            *(int *)vec_push(out) = i;
}

/* The limits of one shortfall among several: minimise its shortfall alone,
 * every other requirement free to give way, from the basis already in E.
 * The rows that still bind are what stops this requirement by itself.
 * False (out untouched) when the LP fails or the requirement could be met
 * once the others give way: then it is short only because they compete
 * with it, and the limits of all of them together are its limits. */
static bool own_limits(glp_prob *E, const int *urow, int row, bool verbose, Vec *out)
{
    int mrows = glp_get_num_rows(E), rc;
    if (budget_left == 0)
        return false; /* the budget is spent: the joint limits */
    for (int i = 1; i <= mrows; i++)
        if (urow[i])
            glp_set_obj_coef(E, urow[i], i == row ? 1 : 0);
    if (!run_lp(E, verbose, false, &rc) || glp_get_status(E) != GLP_OPT ||
        glp_get_obj_val(E) <= 1e-6)
        return false;
    size_t before = out->len;
    dual_rows(E, urow, out);
    return out->len > before;
}

/* The elastic copy of lp->P: no objective but the shortfalls.  Every
 * requirement row with a lower bound gets a shortfall column u >= 0
 * (coefficient 1, cost 1; urow[i] is row i's, 0 where there is none), and
 * the total shortfall is minimised. */
static glp_prob *elastic_copy(const Lp *lp, int **urow_out)
{
    glp_prob *E = glp_create_prob();
    glp_copy_prob(E, lp->P, GLP_ON);
    int n = glp_get_num_cols(E), mrows = glp_get_num_rows(E);
    for (int j = 0; j <= n; j++)
        glp_set_obj_coef(E, j, 0);
    glp_set_obj_dir(E, GLP_MIN);
    int *urow = xcalloc((size_t)mrows + 1, sizeof(int));
    for (int i = 1; i <= mrows; i++) {
        int t = glp_get_row_type(E, i), idx;
        ShortfallKind kind;
        bool min_row = lp->row_kind[i] == RK_INTAKE_MIN || lp->row_kind[i] == RK_OUTPUT_MIN;
        bool has_lo = (t == GLP_LO || t == GLP_DB || t == GLP_FX) && glp_get_row_lb(E, i) > 0;
        if (!requirement(lp, i, &kind, &idx) || !(has_lo || min_row))
            continue;
        int j = glp_add_cols(E, 1);
        int ind[2] = {0, i};
        double val[2] = {0, 1};
        glp_set_mat_col(E, j, 1, ind, val);
        glp_set_col_bnds(E, j, GLP_LO, 0, 0);
        glp_set_obj_coef(E, j, 1);
        urow[i] = j;
    }
    *urow_out = urow;
    return E;
}

/* What row i reaches in E's LP solution: its activity without its
 * shortfall column and without the `open` columns (the minimum an optional
 * plant's binary subtracts is the requirement, not what is reached).  Summed
 * from the columns rather than taken as the lower bound minus the
 * shortfall, which loses every digit of a small amount beside a huge bound
 * (1e20 - (1e20 - 100) is 0).  ind and val hold a row of E. */
static double reached(glp_prob *E, int i, const int *urow, int *ind, double *val)
{
    int len = glp_get_mat_row(E, i, ind, val);
    double sum = 0;
    for (int k = 1; k <= len; k++)
        if (ind[k] != urow[i] && glp_get_col_kind(E, ind[k]) == GLP_CV)
            sum += val[k] * glp_get_col_prim(E, ind[k]);
    return clean(sum);
}

/* The plant a row belongs to (intake, milk balance, a line's rows), or -1. */
static int row_plant(const Lp *lp, int row)
{
    switch ((RowKind)lp->row_kind[row]) {
    case RK_INTAKE: case RK_INTAKE_MIN: case RK_MILK:
        return lp->row_index[row];
    case RK_OUTPUT: case RK_OUTPUT_MIN: case RK_STOCK:
        return lp->m->lines[lp->row_index[row]].plant;
    case RK_COMPONENT: case RK_GRADE:
        return lp_row_plant(lp, (RowKind)lp->row_kind[row], lp->row_index[row]);
    default:
        return -1;
    }
}

/* The requirements E's optimal elastic plan leaves short — by more than
 * base[i], row i's shortfall in an earlier plan, when base is given — each
 * with its limits (the rows with a dual).  When several are short, each
 * gets its own limits (own_limits), so that two unrelated problems are not
 * explained by each other's limits.  E is changed (objective; the plant
 * decisions fixed in a MIP). */
enum { OWN_LIMITS_MAX = 64 }; /* more shortfalls share the joint limits */

static Shortfall *collect(const Lp *lp, glp_prob *E, const int *urow, const double *base,
                          bool verbose, int *nout)
{
    int mrows = glp_get_num_rows(E), ncols = glp_get_num_cols(E);
    int *ind = xmalloc(sizeof(int) * ((size_t)ncols + 1));
    double *val = xmalloc(sizeof(double) * ((size_t)ncols + 1));
    Vec limits, out, rows;
    vec_init(&limits, sizeof(int));
    vec_init(&out, sizeof(Shortfall));
    vec_init(&rows, sizeof(int)); /* each shortfall's row */
    dual_rows(E, urow, &limits);
    for (int i = 1; i <= mrows; i++) {
        if (!urow[i])
            continue;
        double u = glp_get_col_prim(E, urow[i]);
        if (u <= 1e-6 || (base && u <= base[i] + 1e-6 * fmax(1, fabs(base[i]))))
            continue;
        Shortfall *sf = vec_push(&out);
        requirement(lp, i, &sf->kind, &sf->index);
        sf->period = lp_row_period(lp, i);
        sf->required = required_of(lp_part(lp, sf->period < 0 ? 0 : sf->period), sf->kind,
                                   sf->index);
        sf->achievable = reached(E, i, urow, ind, val);
        *(int *)vec_push(&rows) = i;
    }
    free(ind);
    free(val);
    int nsf = (int)out.len;
    Shortfall *sfs = out.data;
    bool own = nsf > 1 && nsf <= OWN_LIMITS_MAX;
    if (own && lp->mip)
        fix_integers(E, NULL, NULL, NULL, true); /* the elastic plan's plant decisions stay */
    Vec mine;
    vec_init(&mine, sizeof(int));
    for (int k = 0; k < nsf; k++) {
        mine.len = 0;
        int row = ((const int *)rows.data)[k];
        const Vec *use = own && own_limits(E, urow, row, verbose, &mine) ? &mine : &limits;
        sfs[k].nlimits = (int)use->len;
        sfs[k].limits = xmalloc(sizeof(int) * (use->len + 1));
        if (use->len)
            memcpy(sfs[k].limits, use->data, sizeof(int) * use->len);
    }
    vec_free(&mine);
    vec_free(&rows);
    vec_free(&limits);
    *nout = nsf;
    return sfs;
}

/* Move the limits of sf that are rows of a plant closed in the plan
 * (closed[p]) into sf->closed, one entry per plant, unexplained. */
static void split_closed(const Lp *lp, const bool *closed, Shortfall *sf)
{
    int np = lp->m->nplants, n = 0;
    bool *hit = xcalloc((size_t)np + 1, sizeof(bool));
    for (int k = 0; k < sf->nlimits; k++) {
        int p = row_plant(lp, sf->limits[k]);
        if (p >= 0 && closed[p])
            hit[p] = true;
        else
            sf->limits[n++] = sf->limits[k];
    }
    sf->nlimits = n;
    for (int p = 0; p < np; p++)
        if (hit[p]) {
            sf->closed = xrealloc(sf->closed, sizeof(Closure) * ((size_t)sf->nclosed + 1));
            sf->closed[sf->nclosed++] = (Closure){.plant = p};
        }
    free(hit);
}

/* Which optional plants E's MIP plan keeps closed (closed[p]). */
static void closed_plants(const Lp *lp, glp_prob *E, bool *closed)
{
    for (int p = 0; p < lp->m->nplants; p++) {
        int j = lp->col_open[p];
        closed[p] = j && glp_get_col_prim(E, j) < 0.5; /* the LP with them fixed */
    }
}

static void shortfalls_free(Shortfall *sfs, int n);

static void closures_free(Closure *cs, int n)
{
    for (int i = 0; i < n; i++)
        shortfalls_free(cs[i].when_open, cs[i].nwhen_open);
    free(cs);
}

static void shortfalls_free(Shortfall *sfs, int n)
{
    for (int i = 0; sfs && i < n; i++) {
        free(sfs[i].limits);
        closures_free(sfs[i].closed, sfs[i].nclosed);
    }
    free(sfs);
}

static Shortfall *shortfalls_dup(const Shortfall *a, int n)
{
    if (!a)
        return NULL;
    Shortfall *r = xmalloc(sizeof *r * ((size_t)n + 1));
    for (int i = 0; i < n; i++) {
        r[i] = a[i];
        r[i].limits = xmalloc(sizeof(int) * ((size_t)a[i].nlimits + 1));
        if (a[i].nlimits)
            memcpy(r[i].limits, a[i].limits, sizeof(int) * (size_t)a[i].nlimits);
        r[i].closed = NULL;
        if (a[i].nclosed) {
            r[i].closed = xmalloc(sizeof(Closure) * (size_t)a[i].nclosed);
            for (int k = 0; k < a[i].nclosed; k++) {
                r[i].closed[k] = a[i].closed[k];
                r[i].closed[k].when_open =
                    shortfalls_dup(a[i].closed[k].when_open, a[i].closed[k].nwhen_open);
            }
        }
    }
    return r;
}

/* A basis of an elastic copy, to start another copy from. */
typedef struct {
    int *rstat, *cstat;
} Basis;

static void basis_get(glp_prob *E, Basis *b)
{
    int m = glp_get_num_rows(E), n = glp_get_num_cols(E);
    b->rstat = xmalloc(sizeof(int) * ((size_t)m + 1));
    b->cstat = xmalloc(sizeof(int) * ((size_t)n + 1));
    for (int i = 1; i <= m; i++)
        b->rstat[i] = glp_get_row_stat(E, i);
    for (int j = 1; j <= n; j++)
        b->cstat[j] = glp_get_col_stat(E, j);
}

static void basis_set(glp_prob *E, const Basis *b)
{
    int m = glp_get_num_rows(E), n = glp_get_num_cols(E);
    for (int i = 1; i <= m; i++)
        glp_set_row_stat(E, i, b->rstat[i]);
    for (int j = 1; j <= n; j++)
        glp_set_col_stat(E, j, b->cstat[j]);
}

/* Why optional plant p stays closed in the elastic plan (base[i]: its
 * shortfall of row i): the elastic copy again, with p forced open and the
 * other plants free, and the requirements that plan leaves shorter, each
 * with its limits; the plants closed in that plan are named in them, not
 * explained further.  A large program's copy (SM_LARGE_COLS columns or
 * more) starts from the elastic plan's basis (from), from which it differs
 * in one bound; a small one is solved afresh, as before issue 14 (the
 * warm start can end at another of several equal plans, or in the last
 * digit of a sum: the goldens' explanations stay as they were).  Unexplained when that MIP does not solve or leaves
 * nothing shorter (a tie: closing p was one of several best plans). */
static Closure why_closed(const Lp *lp, int p, const double *base, const Basis *from,
                          bool verbose)
{
    Closure c = {.plant = p};
    int *urow;
    glp_prob *E = elastic_copy(lp, &urow);
    bool warm = glp_get_num_cols(E) >= SM_LARGE_COLS;
    if (warm)
        basis_set(E, from);
    glp_set_col_bnds(E, lp->col_open[p], GLP_FX, 1, 1);
    char msg[128];
    if (optimise(E, true, verbose, warm, NULL, msg, sizeof msg, NULL) == SOL_OPTIMAL) {
        bool *closed = xcalloc((size_t)lp->m->nplants + 1, sizeof(bool));
        closed_plants(lp, E, closed);
        int n;
        Shortfall *sfs = collect(lp, E, urow, base, verbose, &n);
        for (int k = 0; k < n; k++)
            split_closed(lp, closed, &sfs[k]);
        if (n > 0) {
            c.explained = true;
            c.when_open = sfs;
            c.nwhen_open = n;
        } else {
            shortfalls_free(sfs, n);
        }
        free(closed);
    }
    free(urow);
    glp_delete_prob(E);
    return c;
}

/* Explain an infeasible program with its elastic copy (docs/lp.md, "When
 * there is no solution"): the requirements short in the best elastic plan,
 * each with its limits; in a MIP, an optional plant the plan keeps closed
 * is a limit only through open = 0, so instead of its rows the report gets
 * why it is closed (why_closed, once per plant, up to OWN_LIMITS_MAX).
 *
 * The budget: the re-solves after the elastic plan (own_limits, why_closed
 * and theirs) may take EXPLAIN_BUDGET_FACTOR times the simplex iterations
 * the elastic plan took, at least EXPLAIN_BUDGET_MIN, in all.  Counted in
 * iterations, not seconds, so that the report stays the same from run to
 * run.  Once it is spent, the shortfalls left share their joint limits and
 * the plants left are unexplained, as beyond OWN_LIMITS_MAX. */
enum { EXPLAIN_BUDGET_FACTOR = 20, EXPLAIN_BUDGET_MIN = 50000 };

static void explain(Lp *lp, bool verbose, Solution *s)
{
    int *urow;
    glp_prob *E = elastic_copy(lp, &urow);
    int mrows = glp_get_num_rows(E), np = lp->m->nplants;
    char msg[128];
    if (optimise(E, lp->mip, verbose, false, NULL, msg, sizeof msg, NULL) == SOL_OPTIMAL) {
        int used = glp_get_it_cnt(E);
        budget_left = used > INT_MAX / EXPLAIN_BUDGET_FACTOR ? INT_MAX
                                                              : used * EXPLAIN_BUDGET_FACTOR;
        if (budget_left < EXPLAIN_BUDGET_MIN)
            budget_left = EXPLAIN_BUDGET_MIN;
        if (explain_budget > 0)
            budget_left = explain_budget;
        Basis from;
        basis_get(E, &from);
        double *base = xcalloc((size_t)mrows + 1, sizeof(double));
        for (int i = 1; i <= mrows; i++)
            base[i] = urow[i] ? glp_get_col_prim(E, urow[i]) : 0;
        bool *closed = xcalloc((size_t)np + 1, sizeof(bool));
        if (lp->mip)
            closed_plants(lp, E, closed);
        int nsf;
        Shortfall *sfs = collect(lp, E, urow, NULL, verbose, &nsf);
        Closure *why = xcalloc((size_t)np + 1, sizeof(Closure));
        bool *done = xcalloc((size_t)np + 1, sizeof(bool));
        int asked = 0;
        for (int k = 0; k < nsf; k++) {
            split_closed(lp, closed, &sfs[k]);
            for (int c = 0; c < sfs[k].nclosed; c++) {
                int p = sfs[k].closed[c].plant;
                if (!done[p] && asked < OWN_LIMITS_MAX && budget_left > 0) {
                    why[p] = why_closed(lp, p, base, &from, verbose);
                    done[p] = true;
                    asked++;
                }
                if (done[p]) {
                    Closure *cl = &sfs[k].closed[c];
                    *cl = why[p];
                    cl->when_open = shortfalls_dup(why[p].when_open, why[p].nwhen_open);
                }
            }
        }
        for (int p = 0; p < np; p++)
            shortfalls_free(why[p].when_open, why[p].nwhen_open);
        free(why);
        free(done);
        free(closed);
        free(base);
        free(from.rstat);
        free(from.cstat);
        s->shortfalls = sfs;
        s->nshortfalls = nsf;
        s->explain_budget_spent = budget_left == 0;
        budget_left = -1;
    }
    free(urow);
    glp_delete_prob(E);
}

int solve_run(Lp *lp, const SolveOptions *opt, Solution *sol)
{
    memset(sol, 0, sizeof *sol);
    sol->bound = sol->gap = NAN;
    budget_left = -1;
    static bool verbose;
    verbose = opt && opt->verbose;
    iteration_limit = opt ? opt->iteration_limit : 0;
    node_limit = opt ? opt->node_limit : 0;
    gap_reached = false;
    solve_ctl_set_bound(NAN);
    explain_budget = opt ? opt->explain_budget : 0;
    /* a bounded run reads the simplex's messages (solve_ctl.h) */
    glp_term_out(verbose || solve_ctl_on() ? GLP_ON : GLP_OFF);
    glp_term_hook(on_term, &verbose);
    jmp_buf jb;
    if (setjmp(jb)) {
        /* GLPK hit an internal error: its environment is gone with lp->P */
        error_jump = NULL;
        glp_error_hook(NULL, NULL);
        glp_free_env();
        lp->P = NULL;
        sol->status = SOL_FAILED;
        snprintf(sol->message, sizeof sol->message, "GLPK stopped with an internal error");
        return -1;
    }
    error_jump = &jb;
    glp_error_hook(on_error, NULL);
    sol->status = optimise(lp->P, lp->mip, verbose, false, opt && opt->ranges ? sol : NULL,
                           sol->message, sizeof sol->message, &sol->intopt_skipped);
    if (sol->status == SOL_OPTIMAL && gap_reached) {
        sol->within_gap = true;
        sol->bound = solve_ctl_bound();
        sol->gap = solve_ctl_gap(glp_mip_obj_val(lp->P), sol->bound);
    }
    if (sol->status == SOL_TIME_LIMIT || sol->status == SOL_INTERRUPTED) {
        read_partial(lp->P, lp->mip, sol);
        if (sol->partial)
            totals(lp, sol);
    } else if (sol->status == SOL_OPTIMAL) {
        read_solution(lp->P, sol);
        if (opt && opt->why)
            solve_why(lp->P, sol);
        totals(lp, sol);
    } else if (sol->status == SOL_INFEASIBLE) {
        explain(lp, verbose, sol);
    }
    glp_error_hook(NULL, NULL);
    error_jump = NULL;
    return sol->status == SOL_FAILED ? -1 : 0;
}

void solve_free(Solution *s)
{
    free(s->col);
    free(s->dj);
    free(s->row);
    free(s->dual);
    free(s->rstat);
    free(s->cstat);
    free(s->rng_lo);
    free(s->rng_hi);
    shortfalls_free(s->shortfalls, s->nshortfalls);
    solve_why_free(s);
    memset(s, 0, sizeof *s);
}

double *solve_flows(Lp *lp)
{
    Solution sol;
    SolveOptions so = {false};
    double *flows = NULL;
    if (solve_run(lp, &so, &sol) == 0 && sol.status == SOL_OPTIMAL) {
        size_t nk = lp->m->nproducts > 0 ? (size_t)lp->m->nproducts : 1;
        flows = xcalloc((size_t)lp->m->nroutes * nk + 1, sizeof(double));
        for (int t = 0; t < lp_nparts(lp); t++) { /* with periods, the year's */
            const Lp *part = lp_part(lp, t);
            for (int r = 0; r < part->m->nroutes; r++)
                if (part->col_x[r])
                    flows[(size_t)r * nk] += sol.col[part->col_x[r]];
            for (int k = 0; k < part->nships; k++) {
                const Shipment *sh = &part->ships[k];
                flows[(size_t)sh->route * nk + (size_t)part->classes[sh->cls].product] +=
                    sol.col[part->col_s[k]];
            }
        }
    }
    solve_free(&sol);
    return flows;
}
