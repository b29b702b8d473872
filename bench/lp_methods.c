/* lp_methods.c — solves one LP file with one GLPK method and prints what
 * it cost (bench/run_methods.sh runs it over methods and instances).
 *
 *   lp_methods FILE.lp METHOD [mip]
 *
 * FILE.lp is `dairy emit lp` (CPLEX LP format: it keeps the objective's
 * direction and the binaries).  METHOD is solve_method_parse's words on top
 * of dairy's default for the program (`default` alone: that default), for
 * example `dual,flip`, `presolve`, `scale=gm+eq`, `basis=adv`, `sift=3`,
 * `ipm`.  The LP relaxation is solved (binaries relaxed: the part of a run
 * that costs); with `mip`, glp_intopt then runs from its basis, as dairy
 * does.  Prints one line:
 *
 *   cpu=SECONDS status=opt obj=VALUE iters=N rounds=R priced=C work=W [mip=VALUE mipcpu=S]
 *
 * The CPU time is the process's (clock()) over the solve only, not the
 * reading of the file.  Links against build/libdairy.a for solve_method. */
#include "../src/solve_method.h"

#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int quiet(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: lp_methods FILE.lp METHOD [mip]\n");
        return 2;
    }
    bool verbose = getenv("LP_METHODS_VERBOSE") != NULL;
    if (!verbose)
        glp_term_hook(quiet, NULL);
    glp_prob *P = glp_create_prob();
    if (glp_read_lp(P, NULL, argv[1]) != 0) {
        fprintf(stderr, "lp_methods: cannot read %s\n", argv[1]);
        return 2;
    }
    SolveMethod m;
    solve_method_default(P, true, verbose, &m);
    if (strcmp(argv[2], "default") != 0 && !solve_method_parse(argv[2], &m)) {
        fprintf(stderr, "lp_methods: unknown method %s\n", argv[2]);
        return 2;
    }
    SolveMethodStats st;
    clock_t t0 = clock();
    int rc = solve_method_lp(P, &m, &st);
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    int s = glp_get_status(P);
    const char *status = rc != 0 ? "failed" : s == GLP_OPT ? "opt" : s == GLP_NOFEAS ? "infeas"
                                          : s == GLP_UNBND ? "unbnd" : "other";
    printf("cpu=%.2f status=%s obj=%.10g iters=%d rounds=%d priced=%d work=%d ipm=%d", cpu,
           status, glp_get_obj_val(P), glp_get_it_cnt(P), st.rounds, st.priced_in, st.work_cols,
           st.ipm_iters);
    if (argc > 3 && strcmp(argv[3], "mip") == 0 && rc == 0 && s == GLP_OPT) {
        glp_iocp p;
        glp_init_iocp(&p);
        p.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
        t0 = clock();
        int r2 = glp_intopt(P, &p);
        printf(" mip=%.10g mipcpu=%.2f mipst=%d", r2 == 0 ? glp_mip_obj_val(P) : 0.0,
               (double)(clock() - t0) / CLOCKS_PER_SEC, r2 == 0 ? glp_mip_status(P) : -r2);
    }
    printf("\n");
    glp_delete_prob(P);
    glp_free_env();
    return rc == 0 && s == GLP_OPT ? 0 : 1;
}
