/* lexstate.h — what the reentrant scanner and the pure parser share
 * (the scanner's "extra" data).  No globals between them. */
#ifndef DAIRY_LEXSTATE_H
#define DAIRY_LEXSTATE_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "vec.h"

typedef struct {
    Arena *arena;
    Diag *diag;
    int32_t file;
    const char *src;   /* the file's text, for token text */
    uint32_t pos;      /* byte offset of the next character */
    int last;          /* the last token returned, 0 at the start */
    int paren;         /* open parentheses: newlines inside do not end a statement */
    int brace;         /* open blocks: `components`, `grades` and `pay` begin a
                          declaration only at the top level */
    Vec comments;      /* Comment */
    AstFile *result;
    int syntax_errors;
} LexState;

#endif
