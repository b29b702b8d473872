/* pipeline.h — what both fuzz harnesses run on a model text: check it, and
 * when it checks, everything after check (the dump, the rule analysis,
 * segmentation with its CSV report, the program itself and its MPS), then,
 * for a small program, the solver with bounded effort, the text and JSON
 * reports, and each scenario applied, solved and reported side by side with
 * the base, all written to sink and everything freed. */
#ifndef DAIRY_FUZZ_PIPELINE_H
#define DAIRY_FUZZ_PIPELINE_H

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "emit.h"
#include "lp.h"
#include "model.h"
#include "report.h"
#include "scenario.h"
#include "segment.h"
#include "solve.h"

#include <stdio.h>
#include <stdlib.h>

/* How far the solver goes on a fuzzer's model.  Inputs of a few KB (run.sh
 * caps them at 4 KB) make programs of tens of columns; FUZZ_SOLVE_MAX
 * columns and as many rows is room for the largest of them while keeping
 * one input's solves in milliseconds (examples/region.dairy, the largest
 * seed, makes fewer).  A simplex needs a small multiple of the rows in
 * iterations, so FUZZ_ITERATIONS only stops a cycling or stalling one;
 * FUZZ_NODES bounds a branch and bound over the optional plants.  A solve
 * that hits a limit is SOL_FAILED and its reports say so, which is a path
 * worth fuzzing too.  FUZZ_SCENARIOS bounds the extra solves. */
enum {
    FUZZ_SOLVE_MAX = 400,
    FUZZ_ITERATIONS = 2000,
    FUZZ_NODES = 64,
    FUZZ_SCENARIOS = 8,
};

static bool fuzz_small(const Lp *lp)
{
    return lp->P && glp_get_num_cols(lp->P) <= FUZZ_SOLVE_MAX &&
           glp_get_num_rows(lp->P) <= FUZZ_SOLVE_MAX;
}

/* solve_run() recovers from a GLPK internal error by freeing GLPK's whole
 * environment, every problem with it (solve.c): the checker is meant to
 * make that unreachable, so here it is a finding, reported as a crash. */
static void fuzz_solve(Lp *lp, const SolveOptions *so, Solution *sol)
{
    solve_run(lp, so, sol);
    if (!lp->P) {
        fprintf(stderr, "fuzz: GLPK stopped with an internal error: %s\n", sol->message);
        abort();
    }
}

/* The base model's program is solved already (lp, sol); each scenario's is
 * built, solved and reported beside it, as `dairy run --all-scenarios`. */
static void fuzz_scenarios(Arena *arena, const Model *m, const Segmentation *seg, Lp *lp,
                           Solution *sol, const SolveOptions *so, FILE *sink)
{
    int n = m->nscenarios < FUZZ_SCENARIOS ? m->nscenarios : FUZZ_SCENARIOS;
    Lp *lps = calloc((size_t)n + 1, sizeof(Lp));
    Solution *sols = calloc((size_t)n + 1, sizeof(Solution));
    ReportCase *cases = calloc((size_t)n + 1, sizeof(ReportCase));
    if (!lps || !sols || !cases)
        abort();
    cases[0] = (ReportCase){"base", NULL, lp, sol};
    for (int s = 0; s < n; s++) {
        /* a scenario changes numbers, never the program's size */
        lp_build(scenario_apply(arena, m, s), seg, &lps[s]);
        fuzz_solve(&lps[s], so, &sols[s]);
        cases[s + 1] = (ReportCase){m->scenarios[s].n.name, m->scenarios[s].n.label,
                                    &lps[s], &sols[s]};
    }
    report_text_cases(cases, n + 1, sink);
    report_json_cases(cases, n + 1, sink);
    for (int s = 0; s < n; s++) {
        solve_free(&sols[s]);
        lp_free(&lps[s]);
    }
    free(lps);
    free(sols);
    free(cases);
}

static void fuzz_pipeline(const char *text, size_t len, FILE *sink)
{
    static const char *const dirs[] = {"stdlib"};
    CheckOptions opt = {dirs, 1};
    Arena arena;
    arena_init(&arena);
    Diag d;
    diag_init(&d, sink);
    Model *m = check_text(&arena, &d, "fuzz.dairy", text, len, &opt);
    if (m) {
        model_dump(m, sink);
        segment_analyze(m, &d);
        Segmentation seg;
        segment_run(m, &seg);
        if (m->customers.present)
            segment_report_csv(m, &seg, sink);
        Lp lp;
        lp_build(m, &seg, &lp);
        emit_mps(lp.P, sink);
        if (fuzz_small(&lp)) {
            SolveOptions so = {.iteration_limit = FUZZ_ITERATIONS, .node_limit = FUZZ_NODES};
            Solution sol;
            fuzz_solve(&lp, &so, &sol);
            report_text(&lp, &sol, sink);
            report_json(&lp, &sol, sink);
            if (m->nscenarios > 0)
                fuzz_scenarios(&arena, m, &seg, &lp, &sol, &so, sink);
            solve_free(&sol);
        }
        lp_free(&lp);
        segment_free(&seg);
        model_free(m);
    }
    diag_free(&d);
    arena_free(&arena);
}

#endif
