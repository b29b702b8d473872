/* emit.h — writers of the model in other languages. */
#ifndef DAIRY_EMIT_H
#define DAIRY_EMIT_H

#include "lp.h"

#include <stdio.h>

/* A GNU MathProg model and its data section, equivalent to the LP of
 * lp.h: solving it with `glpsol -m FILE` gives the same optimum.  Readable:
 * sets and parameters named as in language.md section 8, comments
 * explaining each constraint. */
int emit_mathprog(const Lp *lp, FILE *out);

/* The chain as a Graphviz digraph: farms -> plants -> markets, one node per
 * entity (labels shown), one edge per route.  When flows is not NULL it has
 * one value per route (t of milk for milk routes, t of product for product
 * routes) and edges are labelled with them; unused routes are dashed. */
int emit_dot(const Model *m, const double *flows, FILE *out);

/* SQL that runs unchanged on PostgreSQL (15+) and SQLite (3.40+) and
 * defines the view customer_segments(id, segment, strategy) over a table
 * `customers` whose columns are the customer file's header names without
 * their [unit] (values in the file's units, numbers as DOUBLE PRECISION,
 * the rest TEXT, missing cells NULL).  It gives every customer the same
 * segment as `dairy segment` (segment.h), missing values and quintile ties
 * included; an unsegmented customer has NULL segment and strategy.  With
 * create_table, a CREATE TABLE customers statement comes first. */
int emit_sql(const Model *m, bool create_table, FILE *out);

#endif
