/* check.h — names, units, ranges, `use`: from source files to the model. */
#ifndef DAIRY_CHECK_H
#define DAIRY_CHECK_H

#include "arena.h"
#include "diag.h"
#include "model.h"

typedef struct {
    /* folders searched for `use std.NAME` (NAME.dairy), in order */
    const char *const *std_dirs;
    int nstd;
} CheckOptions;

/* Read the model at path (and everything it uses), check it and build the
 * model in `arena`.  Errors go to d; returns NULL when there were any (the
 * caller maps that to exit status 1) — a model is returned only when it is
 * complete and valid.  *io_error is set when the root file cannot be read. */
Model *check_file(Arena *arena, Diag *d, const char *path,
                  const CheckOptions *opt, bool *io_error);

/* The same for a model whose text is in memory (tests, the fuzzer).  text is
 * copied.  `use` of relative files resolves against the current folder. */
Model *check_text(Arena *arena, Diag *d, const char *name, const char *text,
                  size_t len, const CheckOptions *opt);

#endif
