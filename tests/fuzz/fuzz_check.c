/* fuzz_check.c — libFuzzer harness: any bytes through parse, check, rule
 * analysis, segmentation, the LP generator, the MPS writer, fmt and, for a
 * small program, the solver, the reports and the scenarios (pipeline.h)
 * must never crash, hang or leak.  Built with clang -fsanitize=fuzzer by
 * tests/fuzz/run.sh; `FUZZ_CHECK_SHOW=1 build/fuzz/fuzz_check FILE` prints
 * what one input does. */
#include "ast.h"
#include "fmt.h"
#include "pipeline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = getenv("FUZZ_CHECK_SHOW") ? stderr : fopen("/dev/null", "w");
    fuzz_pipeline((const char *)data, size, sink);

    Arena arena;
    Diag d;
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
