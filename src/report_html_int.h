/* report_html_int.h — what the files of the HTML report share (prefix
 * hx_); nothing outside report_html*.c includes it.
 *
 *   report_html.c        the page: head, styles, one plan (the text report's
 *                        tables, through a RepSink, and its sentences), a
 *                        year, the cases side by side
 *   report_html_chain.c  the chain as SVG: layered by Graphviz, or placed
 *                        by latitude and longitude
 *   report_html_chart.c  bar charts side by side (periods, scenarios)
 *
 * The page is deterministic: no time, no randomness, declaration order,
 * numbers with fixed formats. */
#ifndef DAIRY_REPORT_HTML_INT_H
#define DAIRY_REPORT_HTML_INT_H

#include "report_int.h"

#include <stdio.h>

/* s as HTML or XML text or attribute value: & < > " escaped, control
 * characters but the line break as spaces (a line break separates the
 * sentences of a tooltip and the lines of a <pre>). */
void hx_esc(FILE *out, const char *s);

/* ------------------------------------------------------- report_html_chain.c */

/* The chain of an optimal plan as one inline SVG figure with its legend: farms ->
 * plants -> markets, each route a line as wide as its tonnes (summed over
 * the parts plans[0..n): a year's periods), each entity with a binding
 * limit marked and its sentences in the title tooltip.  Placed by
 * latitude and longitude when every farm, plant and market has them, else
 * in layers laid out by Graphviz's dot.  Returns -1 when Graphviz fails
 * (said in the page), else 0. */
int hx_chain(const Lp *lp, const Solution *sol, const Plan *plans, int n, FILE *out);

/* ------------------------------------------------------- report_html_chart.c */

enum { HX_MAXSERIES = 4 };

/* Grouped bars: a group per category (a period, a case), a bar per series
 * in each, one scale from the least value (or 0) to the greatest (or 0).
 * v[s * ncat + c] is series s in category c; NaN is no bar. */
typedef struct {
    const char *title;
    const char *unit;                   /* "t", "BYN" */
    int ncat, nseries;
    const char *const *cats;            /* ncat names */
    const char *series[HX_MAXSERIES];   /* nseries names */
    const double *v;
    bool money;                         /* values in the titles: money, else tonnes */
} HxBars;

void hx_bars(const HxBars *c, FILE *out);

#endif
