/* segment_int.h — what segment.c (the segmentation program: rules
 * compiled to typed operations and evaluated a block of customers at a
 * time) and segment_analysis.c (the rule analysis, which runs the same
 * program over every combination of scores and text values) share.
 * Private to the two. */
#ifndef DAIRY_SEGMENT_INT_H
#define DAIRY_SEGMENT_INT_H

#include "names.h"
#include "segment.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { BLOCK = 1024 };

/* Condition values. */
enum { C_FALSE = 0, C_TRUE = 1, C_UNKNOWN = 2 };

/* Text values besides universe indices. */
enum {
    T_MISSING = -1,
    T_OTHER = -3,      /* analysis: a present value none of the literals name */
    T_STRANGER = -4    /* an id that is no other text of the model */
};

typedef struct Analysis Analysis;

typedef struct {
    const Model *m;
    const Customers *cu;
    size_t n;                 /* rows */
    struct Node *nodes;       /* the program (segment.c) */
    int nnodes, capn;
    int *let_node;            /* per let: its leaf node, -1 until compiled */
    const RExpr **call_expr;  /* scores computed so far, reused by equal calls */
    int *call_node;
    int ncalls, capc;
    NameMap strmap;           /* Customers.strings -> index */
    bool strmap_ready;
    NameMap extra;            /* other texts -> nstrings + value */
    int nextra;
    int *market_text;         /* per market: its name's text value */
    void **owned;
    size_t nowned, capo;
    Analysis *an;             /* rule analysis: scores and text columns are bound */
} Prog;

/* segment.c: the program.  A Prog with an Analysis binds the scores and
 * the text columns the analysis enumerates instead of the customers'. */
void seg_prog_init(Prog *p, const Model *m, size_t n, Analysis *an);
void seg_prog_free(Prog *p);
/* The text value of s, added to the universe when no customer has it. */
int seg_text_value(Prog *p, const char *s);
/* The node computing e; its values come from seg_eval. */
int seg_compile(Prog *p, const RExpr *e);
/* The values of node ni for rows s .. s+len-1 (len <= BLOCK). */
const void *seg_eval(Prog *p, int ni, size_t s, size_t len);
/* The segments a customer can be assigned (Segmentation.segment is int16). */
int seg_usable(const Model *m);
/* Two expressions mean the same (parentheses aside). */
bool seg_expr_same(const RExpr *a, const RExpr *b);

/* segment_analysis.c: the enumerated values bound in the analysis's
 * program: a score's per combination, a text column's; NULL for what it
 * does not enumerate. */
const uint16_t *seg_an_scores(Analysis *an, const RExpr *call);
const int *seg_an_texts(Analysis *an, int col);

#endif
