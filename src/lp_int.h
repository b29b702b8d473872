/* lp_int.h — what the files of the code generator share (lp.h is the
 * public side); nothing outside lp*.c includes it.
 *
 *   lp.c       demand classes, names, columns, and the build of a case
 *   lp_rows.c  the row families 1-7 and their owners
 *
 * Prefix lpi_. */
#ifndef DAIRY_LP_INT_H
#define DAIRY_LP_INT_H

#include "lp.h"

#include <stdbool.h>

/* The matrix, collected as triplets (1-based) for one glp_load_matrix. */
typedef struct {
    int *ia, *ja;
    double *ar;
    int n, cap;
} Triplets;

/* Names of entities in row and column names (see lp_ident). */
typedef struct {
    char **farm, **plant, **product; /* one unique identifier per entity */
    char **comp, **grade;            /* per component and grade */
    char **period;                   /* per period */
    char *block;
} Idents;

/* What lp_build's steps share: the problem under construction, the
 * identifiers for names, the coefficients collected so far and a buffer
 * for each column or row name. */
typedef struct {
    const Model *m;
    Lp *lp;
    glp_prob *P;
    Idents ids;
    Triplets t;
    double sign;     /* +1 maximising profit, -1 minimising cost */
    const char *period; /* the period's identifier in names, NULL without periods */
    char name[256];
    char cls[16];
    int *fam;        /* [1..] ColFamily of each column added */
    int fam_cap;
} Build;

void lpi_put(Triplets *t, int row, int col, double v);
/* A row with bounds lo..hi; -INFINITY / INFINITY for a missing side. */
int lpi_add_row(glp_prob *P, const char *name, double lo, double hi);
/* A column of family fam, recorded for lp->col_family. */
int lpi_add_col(Build *b, ColFamily fam, const char *name, int kind, double lo, double hi,
                double obj);
/* The name of a column or row of the part being built. */
const char *lpi_bname(Build *b, const char *head, const char *a, const char *pr);
/* The name heads of row and column families (lp_family.c). */
const char *lpi_rhead(RowKind k);
const char *lpi_chead(ColFamily f);
/* "d" and a demand class's number, counted from 1, in out. */
const char *lpi_class_ident(char *out, int d);
/* Product k's (farm f's) content of component c, 0 when it gives none. */
double lpi_product_content(const Model *m, int k, int c);
double lpi_farm_content(const Model *m, int f, int c);

/* lp_rows.c: the rows of one part, families 1-6, after its columns; */
void lpi_add_part_rows(Build *b);
/* 7. the store capacities of period t, after its other rows; */
void lpi_add_store_rows(Build *b, Lp *top, int t);
/* stock carried from period to period in the product balances; */
void lpi_put_stock(Build *b, Lp *top);
/* each row of part (period `period`, -1 without) recorded in top's
 * row_kind, row_index and row_period. */
void lpi_record_row_owners(Lp *top, const Lp *part, int period);

#endif
