/* report.h — the plan, for a planner and a student (text) and for programs
 * (JSON).  docs/report.md describes every section and key.
 *
 * The report reads the program (which column and row belongs to which
 * entity) and the solution; it never calls the solver.  Text names entities
 * by their labels where they have one; JSON by their names.  Numbers have
 * fixed formats (tonnes with 3 decimals, money with 2, shares in whole
 * percent) and are never printed as -0.  Every function returns 0, or -1
 * when writing to `out` failed. */
#ifndef DAIRY_REPORT_H
#define DAIRY_REPORT_H

#include "lp.h"
#include "solve.h"

#include <stdio.h>

int report_text(const Lp *lp, const Solution *sol, FILE *out);
/* The same for a model with periods, its period tables only for period
 * `period` (-1: every period; without periods, ignored). */
int report_text_period(const Lp *lp, const Solution *sol, int period, FILE *out);
int report_json(const Lp *lp, const Solution *sol, FILE *out);

/* The text report's choices: the period tables of period `period` only
 * (-1: every period; ignored without periods), and with by_segment
 * (`run --by segment`) the sales per segment (docs/report.md, "Sales by
 * segment").  report_text_period is this without by_segment. */
typedef struct {
    int period;
    bool by_segment;
} TextOptions;
int report_text_opts(const Lp *lp, const Solution *sol, const TextOptions *o, FILE *out);

/* --all-scenarios: the base and each scenario side by side.  name is the
 * scenario's name ("base" for the base model), label its label or NULL.
 * Every case's program comes from the same model (a scenario changes
 * numbers, never which entities exist). */
typedef struct {
    const char *name;
    const char *label;
    const Lp *lp;
    const Solution *sol;
} ReportCase;

int report_text_cases(const ReportCase *cases, int n, FILE *out);
int report_json_cases(const ReportCase *cases, int n, FILE *out);
/* One self-contained HTML page (docs/report.md, "HTML"): one case's plan
 * (with periods, the year's), or with n > 1 the cases side by side. */
int report_html(const ReportCase *cases, int n, FILE *out);

#endif
