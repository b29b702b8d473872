/* rexpr.h — a resolved expression: a `let` value or a segment's `when`
 * condition as the checker leaves it in the model.
 *
 * The checker builds it from the syntax tree once every name, type and
 * unit is known, so that nothing after `check` reads the AST or works any
 * of it out again: a name is a column or let index, a number is its value
 * in base units, every node has its type and dimension, a quintile/ntile
 * call has its number of bins.  What the node needs to be printed as
 * written stays with it (a number's digits and unit text, names, the
 * parentheses around it), because messages and reports show the rule. */
#ifndef DAIRY_REXPR_H
#define DAIRY_REXPR_H

#include "diag.h"
#include "text.h"
#include "units.h"

#include <stdbool.h>

typedef enum { T_NUMBER, T_TEXT, T_BOOL } ValueType;

typedef enum {
    RX_NUM,      /* a number literal */
    RX_TEXT,     /* a text literal */
    RX_BOOL,     /* true, false */
    RX_COLUMN,   /* a customer column */
    RX_LET,      /* a `let` above */
    RX_CALL,     /* quintile(a) or ntile(a, b) */
    RX_NEG, RX_NOT,
    RX_AND, RX_OR,
    RX_EQ, RX_NE, RX_LT, RX_LE, RX_GT, RX_GE,
    RX_ADD, RX_SUB, RX_MUL, RX_DIV,
    RX_IN        /* a in (items) */
} RExprKind;

typedef struct RExpr RExpr;
struct RExpr {
    RExprKind kind;
    ValueType type;
    Dim dim;                 /* T_NUMBER; a ratio otherwise */
    int parens;              /* pairs of parentheses written around it */
    Span span;               /* as written, without those parentheses */
    /* RX_NUM */
    double value;            /* base units: the unit converted exactly, % a hundredth */
    double written;          /* as written: sign applied, no unit */
    char sign;               /* '-', '+' or 0 as written */
    const char *digits;      /* as written: "9_000", "1.5e6" */
    const char *unit;        /* as written ("t", "BYN/t", "%"), or NULL */
    /* RX_TEXT: the text; RX_COLUMN, RX_LET: the name; RX_CALL: the function */
    const char *text;
    bool truth;              /* RX_BOOL */
    int index;               /* RX_COLUMN: Customers.cols; RX_LET: Model.lets */
    int bins;                /* RX_CALL: the scores run from 1 to bins */
    /* operands: unary a; binary a, b; RX_CALL the argument a and, for
     * ntile, the number of bins b as written; RX_IN the tested value a */
    const RExpr *a, *b;
    const RExpr *const *items; /* RX_IN: the list */
    int nitems;
};

/* Printing flags. */
enum {
    REXPR_INNER = 1,   /* without the parentheses written around e itself */
    REXPR_COMMENT = 2  /* for a comment in SQL: `- -x`, never `--`, which
                          starts one */
};

/* A binary operator as the language writes it ("and", "==", "+"); "?" for
 * a kind that is none. */
const char *rexpr_op(RExprKind k);

/* e token by token as written, on one line: operators with one space on
 * each side, `not x`, `-x`, `f(a, b)`, `x in ("a", "b")`, numbers with
 * their digits and unit as written, texts as labels, and parentheses
 * exactly where the source has them — what `fmt` prints for the same
 * expression.  The one printer of rules for messages and reports. */
void rexpr_put(Buf *b, const RExpr *e, unsigned flags);

#endif
