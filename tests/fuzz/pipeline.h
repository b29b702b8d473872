/* pipeline.h — what both fuzz harnesses run on a model text: check it, and
 * when it checks, everything after check that needs no solver (the dump,
 * the rule analysis, segmentation with its CSV report, the program itself
 * and its MPS), all written to sink. */
#ifndef DAIRY_FUZZ_PIPELINE_H
#define DAIRY_FUZZ_PIPELINE_H

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "emit.h"
#include "lp.h"
#include "model.h"
#include "segment.h"

#include <stdio.h>

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
        if (m->customers.present) {
            Segmentation seg;
            if (segment_run(m, &seg) == 0)
                segment_report_csv(m, &seg, sink);
            segment_free(&seg);
        }
        Lp lp;
        lp_build(m, &lp);
        emit_mps(lp.P, sink);
        lp_free(&lp);
        model_free(m);
    }
    diag_free(&d);
    arena_free(&arena);
}

#endif
