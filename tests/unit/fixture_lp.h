/* fixture_lp.h — what the tests of the program share beyond fixture.h:
 * names and coefficients of the GLPK problem, a plan's values by column or
 * row name, and the independent solvers (glpsol on the LP and MathProg
 * files, CBC on the MPS file) that must agree with a hand-solved optimum.
 * Include after fixture.h. */
#ifndef DAIRY_TESTS_UNIT_FIXTURE_LP_H
#define DAIRY_TESTS_UNIT_FIXTURE_LP_H

#include <unistd.h>

#include "../../src/emit.h"

/* The rows (or columns) of P, in order, are exactly names. */
static inline void expect_names(glp_prob *P, bool rows, const char *const *names, int n)
{
    int have = rows ? glp_get_num_rows(P) : glp_get_num_cols(P);
    assert_int_equal(have, n);
    for (int i = 1; i <= n; i++)
        assert_string_equal(rows ? glp_get_row_name(P, i) : glp_get_col_name(P, i),
                            names[i - 1]);
}

/* The coefficient of column j in row i (0 when none). */
static inline double coef(glp_prob *P, int i, int j)
{
    int n = glp_get_num_cols(P);
    int *ind = malloc(sizeof(int) * ((size_t)n + 1));
    double *val = malloc(sizeof(double) * ((size_t)n + 1));
    int len = glp_get_mat_row(P, i, ind, val);
    double v = 0;
    for (int k = 1; k <= len; k++)
        if (ind[k] == j)
            v = val[k];
    free(ind);
    free(val);
    return v;
}

static inline Named *named_list(Arena *a, const char *const *names, int n)
{
    Named *v = arena_alloc(a, sizeof(Named) * (size_t)n);
    memset(v, 0, sizeof(Named) * (size_t)n);
    for (int i = 0; i < n; i++)
        v[i].name = names[i];
    return v;
}

static inline int product_index(const Model *m, const char *name)
{
    for (int k = 0; k < m->nproducts; k++)
        if (strcmp(m->products[k].n.name, name) == 0)
            return k;
    fail_msg("no product %s", name);
    return -1;
}

static inline int farm_index(const Model *m, const char *name)
{
    for (int f = 0; f < m->nfarms; f++)
        if (strcmp(m->farms[f].n.name, name) == 0)
            return f;
    fail_msg("no farm %s", name);
    return -1;
}

static inline double y_of(const Prog *p, const char *name)
{
    int j = col_named(p->lp.P, name);
    assert_true(j > 0);
    return p->sol.col[j];
}

static inline double dual_of(const Prog *p, const char *name)
{
    int i = row_named(p->lp.P, name);
    assert_true(i > 0);
    return p->sol.dual[i];
}

static inline void solve(Prog *p)
{
    SolveOptions opt = {0};
    assert_int_equal(solve_run(&p->lp, &opt, &p->sol), 0);
}

/* ------------------------------------------------------------ independent solvers */

/* The objective glpsol (what "lp") or CBC ("mps") finds for lp's problem,
 * written by emit_lp / emit_mps to a temporary file; NAN when the solver
 * is not installed. */
static inline double other_solver(const Lp *lp, const char *what, bool maximize)
{
    const char *tool = strcmp(what, "mps") == 0 ? "cbc" : "glpsol";
    char cmd[512];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    if (system(cmd) != 0)
        return NAN;
    char path[] = "/tmp/dairy_unit_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    int rc = strcmp(what, "lp") == 0 ? emit_lp(lp->P, fp)
           : strcmp(what, "mps") == 0 ? emit_mps(lp->P, fp)
                                      : emit_mathprog(lp, fp);
    assert_int_equal(rc, 0);
    fclose(fp);
    if (strcmp(what, "mps") == 0)
        snprintf(cmd, sizeof cmd, "cbc %s %s solve 2>&1 | sed -n "
                 "-e 's/^Optimal objective \\([-0-9.eE+]*\\) .*/\\1/p' "
                 "-e 's/^Objective value: *\\([-0-9.eE+]*\\).*/\\1/p'",
                 path, maximize ? "max" : "min");
    else
        snprintf(cmd, sizeof cmd, "glpsol %s %s -o /dev/stdout 2>&1 | sed -n "
                 "'s/^Objective: *[A-Za-z_]* = \\([-0-9.eE+]*\\).*/\\1/p'",
                 strcmp(what, "lp") == 0 ? "--lp" : "--math", path);
    FILE *pp = popen(cmd, "r");
    assert_non_null(pp);
    char line[128] = "";
    double v = NAN;
    if (fgets(line, sizeof line, pp))
        v = strtod(line, NULL);
    pclose(pp);
    if (getenv("DAIRY_UNIT_KEEP"))
        print_message("kept %s\n", path);
    else
        unlink(path);
    print_message("%s on emit %s: %s", tool, what, line[0] ? line : "(nothing)\n");
    return v;
}

/* glpsol on the LP file (and the MathProg file when mathprog) and CBC on
 * the MPS file find `expected` (to 1e-6, as tests/crosscheck.sh
 * compares). */
static inline void other_solvers_agree_on(const Lp *lp, double expected, bool mathprog)
{
    const char *whats[] = {"lp", "mps", "mathprog"};
    for (size_t i = 0; i < (mathprog ? 3u : 2u); i++) {
        double v = other_solver(lp, whats[i], lp->m->objective == OBJ_MAX_PROFIT);
        if (isnan(v) && system(strcmp(whats[i], "mps") == 0
                                   ? "command -v cbc >/dev/null 2>&1"
                                   : "command -v glpsol >/dev/null 2>&1") != 0)
            continue; /* not installed */
        assert_close(v, expected, 1e-6);
    }
}

static inline void other_solvers_agree(const Lp *lp, double expected)
{
    other_solvers_agree_on(lp, expected, true);
}

#endif
