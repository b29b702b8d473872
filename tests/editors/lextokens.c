/* lextokens.c — the tokens of .dairy files as the real scanner
 * (src/lexer.l, linked from build/libdairy.a) reads them, for
 * tests/editors.sh: the editor grammars are checked against this list, so
 * the scanner stays the one definition of what a keyword, unit, number,
 * label or comment is.
 *
 * Output, per file given:
 *   file PATH
 *   CLASS LO HI      one line per token and comment, byte offsets [LO, HI)
 * or "skip PATH" for a file the compiler would refuse before scanning (not
 * UTF-8 text).  CLASS is the token's kind in lower case: keyword words as
 * "kw", the declaration words that are names elsewhere as "ctxkw" when the
 * scanner took them as keywords, then ident, number, unit, string, comment,
 * sep, and the punctuation's own names. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "lexstate.h"
#include "parser.h"
#include "lexer.h"

static const char *token_class(int t)
{
    switch (t) {
    case KW_COMPONENTS: case KW_GRADES: case KW_PAY: case KW_PERIODS: case KW_PERIOD:
        return "ctxkw";
    case IDENT: return "ident";
    case NUMBER: return "number";
    case UNIT: return "unit";
    case STRING: return "string";
    case SEP: return "sep";
    case NEG: case POS: return "sign";
    case MINUS: case PLUS: case STAR: case SLASH: return "arith";
    case LBRACE: return "lbrace";
    case RBRACE: return "rbrace";
    case LPAREN: return "lparen";
    case RPAREN: return "rparen";
    case LBRACK: return "lbrack";
    case RBRACK: return "rbrack";
    case COMMA: return "comma";
    case DOTDOT: return "dotdot";
    case DOT: return "dot";
    case EQ: case NE: case LE: case GE: case LT: case GT: return "compare";
    case ASSIGN: return "assign";
    case PERCENT: return "percent";
    default:
        return t >= KW_MODEL && t <= KW_FALSE ? "kw" : NULL;
    }
}

/* Scan one registered file to its end; comments come out in order with
 * the tokens.  0 on success, 1 when a token has no class here. */
static int scan(Diag *d, int32_t file)
{
    const SrcFile *f = diag_file(d, file);
    uint32_t bom = f->len >= 3 && memcmp(f->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    Arena arena;
    arena_init(&arena);
    LexState st = {.arena = &arena, .diag = d, .file = file, .src = f->text, .pos = bom};
    vec_init(&st.comments, sizeof(Comment));
    yyscan_t scanner;
    int rc = 0;
    if (yylex_init_extra(&st, &scanner) != 0) {
        fprintf(stderr, "lextokens: cannot start the scanner\n");
        rc = 1;
        goto out;
    }
    YY_BUFFER_STATE buf = yy_scan_bytes(f->text + bom, (int)(f->len - bom), scanner);
    size_t shown = 0;
    for (;;) {
        YYSTYPE v;
        Span loc;
        int t = yylex(&v, &loc, scanner);
        /* comments the scanner passed on the way to this token */
        for (; shown < st.comments.len; shown++) {
            const Comment *c = (const Comment *)st.comments.data + shown;
            printf("comment %u %u\n", c->span.lo, c->span.hi);
        }
        if (t == 0)
            break;
        const char *cls = token_class(t);
        if (!cls) {
            fprintf(stderr, "lextokens: token %d has no class\n", t);
            rc = 1;
            break;
        }
        printf("%s %u %u\n", cls, loc.lo, loc.hi);
    }
    yy_delete_buffer(buf, scanner);
    yylex_destroy(scanner);
out:
    vec_free(&st.comments);
    arena_free(&arena);
    return rc;
}

int main(int argc, char **argv)
{
    FILE *quiet = fopen("/dev/null", "w");
    if (!quiet) {
        perror("lextokens: /dev/null");
        return 2;
    }
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        Diag d;
        diag_init(&d, quiet);
        int err = 0;
        int32_t file = diag_load_file(&d, argv[i], &err);
        if (file < 0) {
            fprintf(stderr, "lextokens: %s: %s\n", argv[i], diag_strerror(err));
            rc = 2;
        } else if (!diag_check_text(&d, file, "model file", "")) {
            printf("skip %s\n", argv[i]);
        } else {
            printf("file %s\n", argv[i]);
            rc = scan(&d, file);
        }
        diag_free(&d);
    }
    fclose(quiet);
    return rc;
}
