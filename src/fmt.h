/* fmt.h — the canonical printer: AST plus comments back to text. */
#ifndef DAIRY_FMT_H
#define DAIRY_FMT_H

#include "ast.h"
#include "diag.h"

#include <stdio.h>

/* Print `ast` (parsed from source file ast->file registered in d) in
 * canonical layout to out.  Only call on a tree without syntax errors
 * (ast->ok).  Returns 0, or -1 on a write error. */
int fmt_print(const Diag *d, const AstFile *ast, FILE *out);

#endif
