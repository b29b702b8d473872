/* solve_method.c — how GLPK solves one LP (solve_method.h).
 *
 * Why sifting: a regional program has few rows and many columns (at 1 M
 * variables, 7,000 rows: a row per farm, plant, line and demand class, a
 * column per route and product).  GLPK's simplex prices every column at
 * every iteration, and the number of iterations grows with the rows and
 * with the columns that enter on the way, so the solve grows much faster
 * than the program (bench/README.md).  Yet an optimal plan uses at most one
 * basic column per row: most routes never carry anything.  Sifting solves
 * the LP on a small working set of columns (the most attractive few in each
 * row, by objective coefficient: the nearest plants of a farm, the best
 * paid plants of a demand), prices every other column with that LP's duals,
 * adds those that would improve the plan, and solves again from the same
 * basis (primal simplex: a column added at 0 keeps the basis feasible),
 * until nothing prices out.  The columns left out are fixed at 0 meanwhile,
 * which GLPK's simplex leaves out of its working LP (glp_smcp.excl).  At
 * the end every column gets its bounds back and one more glp_simplex over
 * the whole LP, from that basis, checks the optimum with GLPK's own
 * tolerances (normally in 0 iterations): the status, values and duals read
 * are GLPK's for the whole program, and so is the basis the ranges and
 * the why of a shadow price are taken from. */
#include "solve_method.h"
#include "solve_ctl.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void solve_method_default(const glp_prob *P, bool presolve, bool verbose, SolveMethod *m)
{
    glp_prob *Q = (glp_prob *)P; /* GLPK's getters take no const */
    int n = glp_get_num_cols(Q), rows = glp_get_num_rows(Q);
    *m = (SolveMethod){.meth = GLP_PRIMAL, .pricing = GLP_PT_PSE, .r_test = GLP_RT_HAR,
                       .presolve = presolve, .basis = SM_BASIS_KEEP, .verbose = verbose};
    if (n >= SM_LARGE_COLS && n >= SM_SIFT_RATIO * (rows > 0 ? rows : 1)) {
        m->presolve = false;
        m->sift = 3;
        m->scale = GLP_SF_GM | GLP_SF_EQ | GLP_SF_2N;
    }
}

static bool word_is(const char *w, size_t len, const char *s)
{
    return strlen(s) == len && memcmp(w, s, len) == 0;
}

static bool scale_flags(const char *w, size_t len, int *flags)
{
    static const struct { const char *name; int flag; } names[] = {
        {"gm", GLP_SF_GM}, {"eq", GLP_SF_EQ}, {"2n", GLP_SF_2N},
        {"skip", GLP_SF_SKIP}, {"auto", GLP_SF_AUTO},
    };
    *flags = 0;
    while (len > 0) {
        size_t k = 0;
        while (k < len && w[k] != '+')
            k++;
        size_t i = 0;
        while (i < sizeof names / sizeof names[0] && !word_is(w, k, names[i].name))
            i++;
        if (i == sizeof names / sizeof names[0])
            return false;
        *flags |= names[i].flag;
        w += k < len ? k + 1 : k;
        len -= k < len ? k + 1 : k;
    }
    return *flags != 0;
}

bool solve_method_parse(const char *text, SolveMethod *m)
{
    const char *w = text;
    while (*w) {
        size_t len = strcspn(w, ",");
        if (word_is(w, len, "primal")) m->meth = GLP_PRIMAL;
        else if (word_is(w, len, "dual")) m->meth = GLP_DUAL;
        else if (word_is(w, len, "dualp")) m->meth = GLP_DUALP;
        else if (word_is(w, len, "std")) m->pricing = GLP_PT_STD;
        else if (word_is(w, len, "pse")) m->pricing = GLP_PT_PSE;
        else if (word_is(w, len, "rstd")) m->r_test = GLP_RT_STD;
        else if (word_is(w, len, "har")) m->r_test = GLP_RT_HAR;
        else if (word_is(w, len, "flip")) m->r_test = GLP_RT_FLIP;
        else if (word_is(w, len, "presolve")) m->presolve = true;
        else if (word_is(w, len, "nopresolve")) m->presolve = false;
        else if (word_is(w, len, "ipm")) m->interior = true;
        else if (word_is(w, len, "basis=std")) m->basis = SM_BASIS_STD;
        else if (word_is(w, len, "basis=adv")) m->basis = SM_BASIS_ADV;
        else if (word_is(w, len, "basis=cpx")) m->basis = SM_BASIS_CPX;
        else if (word_is(w, len, "noscale")) m->scale = 0;
        else if (len > 6 && memcmp(w, "scale=", 6) == 0) {
            if (!scale_flags(w + 6, len - 6, &m->scale))
                return false;
        } else if (len > 5 && memcmp(w, "sift=", 5) == 0) {
            char *end;
            long k = strtol(w + 5, &end, 10);
            if (end != w + len || k < 0 || k > 1000)
                return false;
            m->sift = (int)k;
            if (k > 0)
                m->presolve = false; /* sifting starts warm, never presolved */
        } else if (len > 0)
            return false;
        w += len;
        if (*w == ',')
            w++;
    }
    return true;
}

/* One glp_simplex call with m's settings; the iteration limit counts
 * from *it_start (the iterations of the whole solve, all calls). */
static int simplex(glp_prob *P, const SolveMethod *m, int meth, bool presolve, int it_start)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = m->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    p.meth = meth;
    p.pricing = m->pricing;
    p.r_test = m->r_test;
    p.presolve = presolve ? GLP_ON : GLP_OFF;
    if (m->it_lim > 0) {
        int left = m->it_lim - (glp_get_it_cnt(P) - it_start);
        p.it_lim = left > 0 ? left : 0;
    }
    return solve_ctl_simplex(P, &p); /* a bounded run's chunks (solve_ctl.h) */
}

/* A column sifting may leave out: continuous, 0 as its lower bound and
 * non-basic at it (so that leaving it out at 0 moves nothing). */
static bool siftable(glp_prob *P, int j)
{
    int t = glp_get_col_type(P, j);
    return glp_get_col_kind(P, j) == GLP_CV && (t == GLP_LO || t == GLP_DB) &&
           glp_get_col_lb(P, j) == 0 && glp_get_col_stat(P, j) == GLP_NL;
}

typedef struct {
    double score;
    int j;
} Cand;

static int by_score(const void *a, const void *b)
{
    const Cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j); /* deterministic */
}

/* The working set to start from: in[j] for every column that is not
 * siftable, the k best siftable columns of each row by objective
 * coefficient in the objective's direction, and (ipt) the columns the
 * interior-point solution uses.  With was_in (the working set so far),
 * the columns out of it are the siftable ones. */
static bool may_sift(glp_prob *P, int j, const char *was_in)
{
    return was_in ? !was_in[j] : siftable(P, j);
}

static void first_set(glp_prob *P, int k, bool ipt, char *in, const char *was_in)
{
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    double dir = glp_get_obj_dir(P) == GLP_MAX ? 1 : -1;
    int *ind = xmalloc(sizeof(int) * ((size_t)n + 1));
    double *val = xmalloc(sizeof(double) * ((size_t)n + 1));
    Cand *best = xmalloc(sizeof(Cand) * ((size_t)k + 1));
    for (int j = 1; j <= n; j++) {
        in[j] = !may_sift(P, j, was_in);
        if (!in[j] && ipt && glp_ipt_col_prim(P, j) > 1e-7)
            in[j] = 1;
    }
    for (int i = 1; i <= m && k > 0; i++) {
        int len = glp_get_mat_row(P, i, ind, val), nb = 0;
        for (int t = 1; t <= len; t++) {
            int j = ind[t];
            if (!may_sift(P, j, was_in))
                continue;
            Cand c = {dir * glp_get_obj_coef(P, j), j};
            /* insertion into the k best so far */
            int at = nb < k ? nb++ : k;
            while (at > 0 && by_score(&c, &best[at - 1]) < 0) {
                if (at < k)
                    best[at] = best[at - 1];
                at--;
            }
            if (at < k)
                best[at] = c;
        }
        for (int t = 0; t < nb; t++)
            in[best[t].j] = 1;
    }
    free(best);
    free(ind);
    free(val);
}

typedef struct {
    int type;
    double lb, ub;
} Bounds;

/* Give column j its bounds back (it joins the working set, at 0). */
static void bring_in(glp_prob *P, int j, const Bounds *saved)
{
    glp_set_col_bnds(P, j, saved[j].type, saved[j].lb, saved[j].ub);
}

/* The columns out of the working set whose reduced cost with the duals
 * of P's optimal basis says they would improve it, the most attractive
 * first, at most cap of them, into cand; returns how many. */
static int price(glp_prob *P, const char *in, Cand *cand, int cap, int *ind, double *val,
                 double *pi)
{
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P), nc = 0;
    double dir = glp_get_obj_dir(P) == GLP_MAX ? 1 : -1;
    for (int i = 1; i <= m; i++)
        pi[i] = glp_get_row_dual(P, i);
    for (int j = 1; j <= n; j++) {
        if (in[j])
            continue;
        double c = glp_get_obj_coef(P, j), d = c;
        int len = glp_get_mat_col(P, j, ind, val);
        for (int t = 1; t <= len; t++)
            d -= val[t] * pi[ind[t]];
        d *= dir;
        if (d > 1e-9 * (1 + fabs(c)))
            cand[nc++] = (Cand){d, j};
    }
    if (nc > cap) {
        qsort(cand, (size_t)nc, sizeof(Cand), by_score);
        nc = cap;
    }
    return nc;
}

/* Bring into the working set the columns first_set picks with k best a
 * row, and those not yet in it; returns how many joined. */
static int widen(glp_prob *P, int k, char *in, const Bounds *saved)
{
    int n = glp_get_num_cols(P), joined = 0;
    char *more = xmalloc((size_t)n + 1);
    first_set(P, k, false, more, in);
    for (int j = 1; j <= n; j++)
        if (more[j] && !in[j]) {
            in[j] = 1;
            bring_in(P, j, saved);
            joined++;
        }
    free(more);
    return joined;
}

static int sift(glp_prob *P, const SolveMethod *m, int it_start, SolveMethodStats *st)
{
    int rows = glp_get_num_rows(P), n = glp_get_num_cols(P), rc;
    int k = m->sift > 0 ? m->sift : 3;
    char *in = xmalloc((size_t)n + 1);
    first_set(P, k, m->interior, in, NULL);
    Bounds *saved = xmalloc(sizeof(Bounds) * ((size_t)n + 1));
    int out = 0;
    for (int j = 1; j <= n; j++) {
        if (in[j])
            continue;
        saved[j] = (Bounds){glp_get_col_type(P, j), glp_get_col_lb(P, j), glp_get_col_ub(P, j)};
        glp_set_col_bnds(P, j, GLP_FX, 0, 0);
        out++;
    }
    int *ind = xmalloc(sizeof(int) * ((size_t)rows + 1));
    double *val = xmalloc(sizeof(double) * ((size_t)rows + 1));
    double *pi = xmalloc(sizeof(double) * ((size_t)rows + 1));
    Cand *cand = xmalloc(sizeof(Cand) * ((size_t)n + 1));
    /* at most this many columns join in a round: enough to fill a basis
     * twice over, few enough that the working set stays small */
    int cap = 2 * rows > 1000 ? 2 * rows : 1000;
    int meth = m->meth, widened = 0;
    for (;;) {
        rc = simplex(P, m, meth, false, it_start);
        st->rounds++;
        if (rc == 0 && glp_get_status(P) == GLP_NOFEAS && out > 0 && widened < 3) {
            /* the working set cannot meet every lower bound: more
             * columns a row (3, 9, 27 times as many), from where it is */
            k *= 3;
            widened++;
            int joined = widen(P, k, in, saved);
            out -= joined;
            st->priced_in += joined;
            continue;
        }
        if (rc != 0 || glp_get_status(P) != GLP_OPT || out == 0)
            break; /* the whole LP decides (below) */
        int nc = price(P, in, cand, cap, ind, val, pi);
        if (nc == 0)
            break;
        for (int t = 0; t < nc; t++) {
            in[cand[t].j] = 1;
            bring_in(P, cand[t].j, saved);
        }
        out -= nc;
        st->priced_in += nc;
        meth = GLP_PRIMAL; /* the basis stays primal feasible */
    }
    st->work_cols = n - out;
    bool again = out > 0 || rc != 0 || glp_get_status(P) != GLP_OPT;
    for (int j = 1; j <= n; j++)
        if (!in[j])
            bring_in(P, j, saved);
    /* the whole LP, from the basis reached: GLPK's own check of the
     * optimum (an infeasible or failed working LP: its solve from there) */
    bool optimal = rc == 0 && glp_get_status(P) == GLP_OPT;
    bool spent = m->it_lim > 0 && glp_get_it_cnt(P) - it_start >= m->it_lim;
    if (again && !spent)
        rc = simplex(P, m, optimal ? GLP_PRIMAL : m->meth, false, it_start);
    else if (again && !optimal)
        rc = GLP_EITLIM; /* a working set's status is not the LP's */
    free(cand);
    free(pi);
    free(val);
    free(ind);
    free(saved);
    free(in);
    return rc;
}

int solve_method_lp(glp_prob *P, const SolveMethod *m, SolveMethodStats *stats)
{
    SolveMethodStats dummy;
    SolveMethodStats *st = stats ? stats : &dummy;
    memset(st, 0, sizeof *st);
    int it_start = glp_get_it_cnt(P);
    if (m->scale)
        glp_scale_prob(P, m->scale);
    switch (m->basis) {
    case SM_BASIS_STD: glp_std_basis(P); break;
    case SM_BASIS_ADV: glp_adv_basis(P, 0); break;
    case SM_BASIS_CPX: glp_cpx_basis(P); break;
    default: break;
    }
    if (m->interior) {
        glp_iptcp ip;
        glp_init_iptcp(&ip);
        ip.msg_lev = m->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
        int rc = glp_interior(P, &ip);
        if (rc != 0)
            return rc;
        st->ipm_iters = glp_get_it_cnt(P) - it_start;
        if (glp_ipt_status(P) != GLP_OPT)
            return simplex(P, m, m->meth, m->presolve, it_start);
        return sift(P, m, it_start, st);
    }
    if (m->sift > 0 && !m->presolve)
        return sift(P, m, it_start, st);
    return simplex(P, m, m->meth, m->presolve, it_start);
}
