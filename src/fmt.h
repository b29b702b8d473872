/* fmt.h — the canonical printer: AST plus comments back to text. */
#ifndef DAIRY_FMT_H
#define DAIRY_FMT_H

#include "diag.h"

#include <stdio.h>

struct AstFile;

/* Parse source file `file` (registered in d) and, when it has no syntax
 * error, print it in canonical layout into a malloc'd *text of *len bytes
 * (the caller frees it).  Syntax errors are reported through d; then
 * *text is NULL and the result is 1.  0: formatted; -1: out of memory. */
int fmt_file(Diag *d, int32_t file, char **text, size_t *len);

/* Print `ast` (parsed from source file ast->file registered in d) in
 * canonical layout to out.  Only call on a tree without syntax errors
 * (ast->ok).  Returns 0, or -1 on a write error. */
int fmt_print(const Diag *d, const struct AstFile *ast, FILE *out);

#endif
