/* emit.h — writers of the model in other languages. */
#ifndef DAIRY_EMIT_H
#define DAIRY_EMIT_H

#include "lp.h"

#include <stdio.h>

/* A GNU MathProg model and its data section, equivalent to the LP of
 * lp.h: solving it with `glpsol -m FILE` gives the same optimum.  Readable:
 * sets and parameters named as in language.md, "The program a model
 * compiles to", comments
 * explaining each constraint. */
int emit_mathprog(const Lp *lp, FILE *out);

/* The chain as a Graphviz digraph: farms -> plants -> markets, one node per
 * entity (labels shown), one edge per route.  When flows is not NULL it
 * holds the plan's flows as solve_flows gives them (per route and
 * product) and edges are labelled with them, rounded, a product route's
 * per product ("butter 150 t, milk32 8 000 t"); unused routes are dashed. */
int emit_dot(const Model *m, const double *flows, FILE *out);

/* The LP or MIP P in CPLEX LP format, byte for byte as GLPK's
 * glp_write_lp writes it (through a scratch file: GLPK writes LP files by
 * name only; glp_sort_matrix first for a stable file).  Returns 0, or
 * nonzero when GLPK or the scratch file fails. */
int emit_lp(glp_prob *P, FILE *out);

/* The LP or MIP P in free MPS, byte for byte as GLPK's
 * glp_write_mps(P, GLP_MPS_FILE, NULL, ...) writes it (entries in P's
 * storage order: glp_sort_matrix first for a stable file).  Returns 0, or
 * -1 when out cannot be written or memory runs out. */
int emit_mps(glp_prob *P, FILE *out);

/* One number as the MPS writer formats it: %.12G, or %.11E below 0.002,
 * exponent without sign or leading zeros, fewer digits (down to 6) until
 * it fits 12 characters.  Writes a terminated string, returns its length. */
enum { MPS_NUMBER_MAX = 32 };
size_t emit_mps_number(double v, char out[MPS_NUMBER_MAX]);

/* What `dairy emit sql` writes besides the view: the CREATE TABLE, and the
 * client command that loads a customer file into it (sqlite3's .import or
 * psql's \copy, so a dialect is needed then). */
typedef enum { SQL_ANY, SQL_SQLITE, SQL_POSTGRESQL } SqlDialect;
typedef struct {
    bool create_table;  /* CREATE TABLE customers first */
    const char *load;   /* a CSV file to load (implies create_table), or NULL */
    SqlDialect dialect; /* whose loader; SQL_ANY without load */
} SqlOptions;

/* SQL that runs unchanged on PostgreSQL (15+) and SQLite (3.40+) and
 * defines the view customer_segments(id, segment, strategy) over a table
 * `customers` whose columns are the customer file's header names without
 * their [unit] (values in the file's units, numbers as DOUBLE PRECISION,
 * the rest TEXT).  However the file was loaded, a cell that is empty or
 * only blanks counts as missing (SQLite's .import stores it as '') and a
 * number stored as text is read as a number.  It gives every customer the
 * same segment as `dairy segment` (segment.h), missing values and quintile
 * ties included; an unsegmented customer has NULL segment and strategy.
 * With o->create_table, a CREATE TABLE customers statement comes first;
 * with o->load, the table is dropped and made again and o->load loaded
 * into it by o->dialect's client. */
int emit_sql(const Model *m, const SqlOptions *o, FILE *out);

#endif
