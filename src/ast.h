/* ast.h — the syntax tree of a .dairy file.
 *
 * The parser builds syntax only.  Declarations with a fixed shape (header,
 * let, segment) have their own node; everything inside a block — a
 * property line, a table row, a scenario statement — is a Line: a sequence
 * of Atoms that the checker interprets.  This keeps the grammar small and
 * lets `fmt` print any line without knowing what it means. */
#ifndef DAIRY_AST_H
#define DAIRY_AST_H

#include "arena.h"
#include "diag.h"
#include "entity.h"

#include <stdbool.h>

/* A number as written, with its sign and optional unit. */
typedef struct {
    const char *text;  /* digits as written, without sign: "9_000", "1.5e6" */
    double value;      /* sign applied, no unit scaling, no % */
    char sign;         /* '-', '+' or 0 as written */
    const char *unit;  /* unit text as written ("t", "BYN/t", "%"), or NULL */
    Span span;         /* sign..number */
    Span unit_span;
} Num;

typedef enum {
    A_WORD,    /* identifier or reserved word: text */
    A_STRING,  /* "label": text (unescaped) */
    A_NUMBER,  /* lo */
    A_RANGE,   /* lo..hi */
    A_MISSING, /* - */
    A_COMMA,   /* , */
    A_STAR,    /* * */
    A_HEADER   /* name[unit]: text, unit in lo.unit */
} AtomKind;

typedef struct Atom {
    AtomKind kind;
    Span span;
    const char *text;
    bool reserved;     /* A_WORD that is a reserved word */
    Num lo, hi;
    struct Atom *next;
} Atom;

/* One property line, table row or scenario statement. */
typedef struct Line {
    Span span;
    Atom *atoms;
    int natoms;
    struct Line *next;
} Line;

typedef struct {
    Span span; /* from { to } */
    Line *lines;
    int nlines;
} Block;

typedef enum {
    E_NUM, E_STR, E_NAME, E_BOOL, E_CALL,
    E_NEG, E_NOT, E_AND, E_OR,
    E_EQ, E_NE, E_LT, E_LE, E_GT, E_GE,
    E_ADD, E_SUB, E_MUL, E_DIV,
    E_IN, E_PAREN
} ExprKind;

typedef struct Expr {
    ExprKind kind;
    Span span;
    Span op_span;          /* the operator token, for binary/unary nodes */
    Num num;               /* E_NUM */
    const char *text;      /* E_STR value, E_NAME / E_CALL name */
    bool bval;             /* E_BOOL */
    struct Expr *a, *b;    /* operands (E_PAREN: a) */
    struct Expr *args;     /* E_CALL arguments, E_IN list: linked by next */
    int nargs;
    struct Expr *next;
    int depth;
    bool poisoned;         /* replaces a too-deep subtree (already reported) */
} Expr;

typedef enum {
    D_MODEL,     /* model "title": label */
    D_CURRENCY,  /* currency CODE: name */
    D_USE,       /* use std.x (name, dotted) | use "path" (path) */
    D_OBJECTIVE, /* objective WORD WORD: name, name2 */
    D_ENTITY,    /* KIND NAME ["label"] { lines } — product farm plant market strategy scenario */
    D_TRANSPORT, /* transport { lines } */
    D_TABLE,     /* WORD { rows } | WORD from "file" */
    D_MATRIX,    /* routes matrix WHAT [UNIT] { rows } */
    D_LET,       /* let NAME = expr */
    D_SEGMENT,   /* segment NAME ["label"] [when expr] strategy NAME */
    D_DECLARE,   /* components A, B | grades G1, G2 | pay by C B | periods
                    A, B: name the word, atoms the rest of the line */
    D_PERIOD     /* period NAME { lines }: how a period differs */
} DeclKind;

typedef struct Decl {
    DeclKind kind;
    Span span;
    Span kw_span;          /* the leading keyword or table word */
    EntityKind entity;     /* D_ENTITY */
    const char *name;      /* entity / let / segment name; table word; use std.NAME */
    Span name_span;
    const char *name2;     /* objective's second word; matrix unit text */
    Span name2_span;
    const char *label;     /* model title, entity label, segment label, or NULL */
    Span label_span;
    const char *path;      /* use "path", table from "path" */
    Span path_span;
    bool use_std;          /* use std.NAME */
    Block *block;
    Expr *expr;            /* let value, segment condition (NULL: no when) */
    const char *strategy;  /* segment's strategy */
    Span strategy_span;
    Atom *atoms;           /* D_DECLARE: the atoms after the word */
    int natoms;
    struct Decl *next;
} Decl;

typedef struct {
    Span span;
} Comment;

/* A parsed file: its declarations in order and every comment (for fmt). */
typedef struct AstFile {
    int32_t file;
    Decl *decls;
    int ndecls;
    Comment *comments;
    size_t ncomments;
    bool ok;               /* no syntax error */
} AstFile;

/* Parse the registered source file `file` into an AST allocated in `arena`.
 * Syntax errors are reported through d; returns the (possibly partial)
 * tree, never NULL. */
AstFile *ast_parse(Arena *arena, Diag *d, int32_t file);

/* The reserved words of the language (NULL-terminated list). */
extern const char *const ast_reserved_words[];
bool ast_is_reserved(const char *word);

const char *ast_entity_name(EntityKind k); /* "product", "farm", ... */
const char *ast_entity_plural(EntityKind k); /* "products", "farms", ... */

enum { AST_MAX_DEPTH = 200 }; /* deepest expression accepted */

#endif
