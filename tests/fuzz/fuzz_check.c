/* fuzz_check.c — libFuzzer harness: any bytes through parse, check, rule
 * analysis, segmentation, the LP generator, the MPS writer and fmt must
 * never crash, hang or leak.  Built with clang -fsanitize=fuzzer. */
#include "arena.h"
#include "ast.h"
#include "check.h"
#include "diag.h"
#include "emit.h"
#include "fmt.h"
#include "lp.h"
#include "model.h"
#include "segment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const dirs[] = {"stdlib"};
    CheckOptions opt = {dirs, 1};
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    Arena arena;
    arena_init(&arena);
    Diag d;
    diag_init(&d, sink);
    Model *m = check_text(&arena, &d, "fuzz.dairy", (const char *)data, size, &opt);
    if (m) {
        /* everything after check that needs no solver: the dump, the rule
         * analysis, segmentation, the program itself and its MPS */
        model_dump(m, sink);
        segment_analyze(m, &d);
        Lp lp;
        lp_build(m, &lp);
        emit_mps(lp.P, sink);
        lp_free(&lp);
        model_free(m);
    }
    diag_free(&d);
    arena_free(&arena);

    /* the formatter on whatever parses */
    arena_init(&arena);
    diag_init(&d, sink);
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    int32_t id = diag_add_file(&d, "fuzz.dairy", copy, size);
    AstFile *ast = ast_parse(&arena, &d, id);
    if (ast->ok)
        fmt_print(&d, ast, sink);
    diag_free(&d);
    arena_free(&arena);
    return 0;
}
