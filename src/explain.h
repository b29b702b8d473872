/* explain.h — `dairy explain`: the program a model compiles to, as a
 * student reads it (language.md, "Teaching outputs").
 *
 * Everything printed is read from the built program (Lp) and the one table
 * of row and column families (lp_family.c) that lp.c names its rows and
 * columns from: the row and column counts per family are counted from the
 * GLPK problem itself, and --expand prints its rows as GLPK holds them, so
 * the explanation cannot drift from what `dairy run` solves. */
#ifndef DAIRY_EXPLAIN_H
#define DAIRY_EXPLAIN_H

#include "buf.h"
#include "diag.h"
#include "lp.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum { EXPLAIN_TEXT, EXPLAIN_LATEX, EXPLAIN_HTML } ExplainFormat;

typedef struct {
    ExplainFormat format;
    bool expand;              /* every row, bound and objective coefficient */
    const char *scenario;     /* the scenario applied (for the title), or NULL */
    const char *path;         /* the model file as given (for the title) */
    const char *const *std_dirs; /* the standard library's folders: a file of one */
    int nstd;                    /* is written `std.NAME` */
} ExplainOptions;

/* Write the explanation of lp (built by lp_build_case from a model checked
 * with d, whose files give the parameters' `file:line`).  Returns 0, or -1
 * when writing failed. */
int explain_write(const Lp *lp, Diag *d, const ExplainOptions *o, FILE *out);

/* The formula notation of lp_family.c rendered for a format: `x[f,p@]`
 * (indexed; `@` is `,t` when periods, else nothing), `sum{p}` or
 * `sum{k: grade[k] >= g}`, `<=`, `>=`, `=`, `+`, `-`, `*`, `in`, `{0,1}`,
 * parentheses and numbers.  Text gives Unicode (x[f,p] ≤ Σ_p ...), LaTeX a
 * math-mode body, HTML a MathML <math> element. */
void explain_math(Buf *out, ExplainFormat f, const char *formula, bool periods);

#endif
