/* fixture.h — the heap fixture the unit tests share: an arena, a Diag whose
 * output is collected in a memstream (out, outlen), and the checked Model.
 *
 * Fixtures live on the heap and are listed, so that the ones a failed test
 * leaves open (cmocka jumps out of it) are closed by the teardown
 * fix_close_leftovers: the sanitizer's leak report then points at the code
 * under test only.
 *
 * A test that needs nothing more uses Fix as it is (fix_new, fix_close).
 * One that needs more per fixture (an Lp, a Solution, a scratch folder)
 * declares its own struct with `Fix fix;` as its FIRST member, allocates it
 * with fix_new_ext(sizeof(TheStruct), its_extra_free) and frees it with
 * fix_free(&x->fix).  Both halves are needed: embedding keeps the file's
 * own fields typed and in the same allocation (no `void *` to cast at every
 * use), and the extra_free hook, kept in the Fix, is what lets the one list
 * and the one teardown free any file's fixture; the hook runs first, so an
 * Lp or a Solution goes before the Model it was made from.
 *
 * Each test is its own program, so everything here is static; the
 * functions are inline so that the ones a test does not call draw no
 * -Wunused-function. */
#ifndef DAIRY_TESTS_UNIT_FIXTURE_H
#define DAIRY_TESTS_UNIT_FIXTURE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/model.h"

/* The tests run from the repository root (the Makefile does so). */
static const char *const fix_std_dirs[] = {"stdlib"};
static const CheckOptions fix_opts = {fix_std_dirs, 1};

typedef struct Fix Fix;
struct Fix {
    Arena arena;
    Diag d;
    FILE *fp;                   /* diagnostics, collected in out */
    char *out;
    size_t outlen;
    Model *m;
    void (*extra_free)(Fix *);  /* frees what the embedding struct adds, or NULL */
};

enum { FIX_MAX_OPEN = 16 };
static Fix *fix_open[FIX_MAX_OPEN];
static int fix_nopen;

/* A zeroed fixture of `size` bytes (a struct that begins with a Fix),
 * listed, with its arena, its diagnostics stream and its hook set. */
static inline void *fix_new_ext(size_t size, void (*extra_free)(Fix *))
{
    Fix *c = calloc(1, size);
    assert_non_null(c);
    assert_true(fix_nopen < FIX_MAX_OPEN);
    fix_open[fix_nopen++] = c;
    c->extra_free = extra_free;
    arena_init(&c->arena);
    c->fp = open_memstream(&c->out, &c->outlen);
    assert_non_null(c->fp);
    diag_init(&c->d, c->fp);
    return c;
}

static inline Fix *fix_new(void)
{
    return fix_new_ext(sizeof(Fix), NULL);
}

static inline void fix_free(Fix *c)
{
    for (int i = 0; i < fix_nopen; i++)
        if (fix_open[i] == c) {
            fix_open[i] = fix_open[--fix_nopen];
            break;
        }
    if (c->extra_free)
        c->extra_free(c);
    model_free(c->m);
    fclose(c->fp);
    free(c->out);
    diag_free(&c->d);
    arena_free(&c->arena);
    free(c);
}

static inline void fix_close(Fix **cp)
{
    fix_free(*cp);
    *cp = NULL;
}

/* Teardown (of a test or of the group): free what is still open. */
static inline int fix_close_leftovers(void **state)
{
    (void)state;
    while (fix_nopen > 0)
        fix_free(fix_open[fix_nopen - 1]);
    return 0;
}

/* Check src as the file `name` into c->m (NULL after errors, which are in
 * c->out); returns c->m. */
static inline Model *fix_check_text(Fix *c, const char *name, const char *src)
{
    c->m = check_text(&c->arena, &c->d, name, src, strlen(src), &fix_opts);
    fflush(c->fp);
    return c->m;
}

/* Check src as "t.dairy" and require a model. */
static inline Model *fix_model(Fix *c, const char *src)
{
    if (!fix_check_text(c, "t.dairy", src))
        fail_msg("unexpected errors:\n%s\n--- in:\n%s", c->out, src);
    return c->m;
}

/* Check the file at path and require a model. */
static inline Model *fix_model_file(Fix *c, const char *path)
{
    bool io = false;
    c->m = check_file(&c->arena, &c->d, path, &fix_opts, &io);
    fflush(c->fp);
    if (!c->m)
        fail_msg("%s: unexpected errors:\n%s", path, c->out);
    return c->m;
}

#endif
