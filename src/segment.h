/* segment.h — customer segmentation ("Customers, segments and
 * strategies" in language.md).
 *
 * `let` definitions and segment conditions, already checked (names resolve,
 * types and units agree), are compiled into a compact tree of typed
 * operations over the customer columns and evaluated a block of customers
 * at a time.  Numbers are doubles in base units (NaN = missing); text is an
 * index into Customers.strings (-1 = missing); conditions are three-valued
 * (SQL's logic: a missing value makes a comparison unknown, `not unknown`
 * is unknown, `unknown or true` is true).  `quintile(x)` is
 * 1 + floor(5 k / n), n the customers with a value of x, k those whose value
 * is strictly smaller (ties share a score, missing stays missing);
 * `ntile(x, q)` the same with q bins.  `x / 0` is missing.  Rules are tried
 * in order; the first whose condition is true wins; a customer no rule
 * matches is unsegmented: counted and reported, never dropped. */
#ifndef DAIRY_SEGMENT_H
#define DAIRY_SEGMENT_H

#include "diag.h"
#include "model.h"

#include <stdint.h>
#include <stdio.h>

typedef struct {
    size_t n;               /* customers */
    int16_t *segment;       /* per customer: segment index, -1 unsegmented */
    size_t *count;          /* per segment: customers */
    size_t unsegmented;
} Segmentation;

/* Assign every customer of m to a segment.  Returns 0. */
int segment_run(const Model *m, Segmentation *out);
void segment_free(Segmentation *s);

/* Per segment s, market k and product p, at [(s * nmarkets + k) *
 * nproducts + p]: t of base volume of the segment's customers of market k
 * (a missing volume is 0), added to out, which holds nsegments * nmarkets
 * * nproducts numbers (the report's sales per segment: lp.h,
 * Lp.segment_base). */
void segment_base_volumes(const Model *m, const Segmentation *seg, double *out);

/* Rule analysis (what no RFM tool gives): a warning for each segment that
 * can never match because earlier rules take every customer it would
 * match, and for score combinations that no rule reaches.  Decided exactly
 * by enumerating every combination of the scores (quintile/ntile lets, and
 * lets computed from them) and of the text values the rules compare with;
 * when a rule uses anything else (a raw number, arithmetic on columns) it
 * says so in a note and decides nothing. */
void segment_analyze(const Model *m, Diag *d);

/* A customer's id as written (CSV quoting removed) into buf. */
const char *segment_customer_id(const Model *m, size_t i, char *buf, size_t size);

/* `dairy segment` outputs.  csv: `id,segment,strategy` in input order
 * (empty segment and strategy for an unsegmented customer); text: a table
 * per segment (customers, share, base volume per product, strategy, the
 * rule that matched); json: {"customers": n, "unsegmented": k,
 * "segments": [...], "assignments": [{"id","segment","strategy"}...]}. */
int segment_report_text(const Model *m, const Segmentation *s, FILE *out);
int segment_report_csv(const Model *m, const Segmentation *s, FILE *out);
int segment_report_json(const Model *m, const Segmentation *s, FILE *out);

#endif
