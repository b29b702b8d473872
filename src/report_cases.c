/* report_cases.c — --all-scenarios: the base model and every scenario side
 * by side, as text (a column per case, rows that changed) and as JSON (one
 * report object per case). */
#include "report_int.h"

#include "arena.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Demand class d of case a's program in case b's: the same index when it
 * is the same market, product and strategy, else found by those. */
static int same_class(const Lp *a, int d, const Lp *b)
{
    const DemandClass *x = &a->classes[d];
    if (d < b->nclasses && b->classes[d].market == x->market &&
        b->classes[d].product == x->product && b->classes[d].strategy == x->strategy)
        return d;
    for (int k = 0; k < b->nclasses; k++)
        if (b->classes[k].market == x->market && b->classes[k].product == x->product &&
            b->classes[k].strategy == x->strategy)
            return k;
    return -1;
}

/* Does a row of values (one per case, NaN where a case has no plan)
 * change by more than FLOW_EPS between two cases with plans? */
static bool changed(const double *v, int n)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < n; i++)
        if (!isnan(v[i])) {
            lo = fmin(lo, v[i]);
            hi = fmax(hi, v[i]);
        }
    return hi - lo > FLOW_EPS;
}

typedef char Cell[sizeof(NumStr)];

/* The cells as strings, for rep_table_cells. */
static const char *const *cell_ptrs(const Cell *cells, const char **ptrs, int n)
{
    for (int i = 0; i < n; i++)
        ptrs[i] = cells[i];
    return ptrs;
}

/* A row of tonnes (NaN: "-"), added when it changed; its group heading
 * first, once. */
static void flow_row(Table *t, int n, const char *label, const double *v, Cell *cells,
                     const char **ptrs, const char *heading, bool *headed)
{
    if (!changed(v, n))
        return;
    if (!*headed)
        rep_table_cells(t, n, heading, NULL);
    *headed = true;
    for (int i = 0; i < n; i++)
        snprintf(cells[i], sizeof cells[i], "%s", isnan(v[i]) ? "-" : tonnes(v[i]).s);
    rep_table_cells(t, n, label, cell_ptrs(cells, ptrs, n));
}

int report_text_cases(const ReportCase *cases, int n, FILE *out)
{
    if (n <= 0)
        return ferror(out) ? -1 : 0;
    const Lp *lp0 = cases[0].lp;
    const Model *m = lp0->m;
    bool profit = profit_model(m);
    Plan *plans = xcalloc((size_t)n, sizeof(Plan));
    for (int i = 0; i < n; i++)
        rep_plan_init(&plans[i], cases[i].lp, cases[i].sol);
    Cell *cells = xmalloc(sizeof(Cell) * (size_t)n);
    const char **ptrs = xmalloc(sizeof(char *) * (size_t)n);
    double *v = xmalloc(sizeof(double) * (size_t)n);
    char align[REP_MAXCOLS + 1];
    Table t;
    Buf b = {0};

    rep_title(m, out);
    fprintf(out, "%d cases side by side\n", n);

    /* a table has at most REP_MAXCOLS columns: further cases fill further tables */
    int per = REP_MAXCOLS - 1;
    for (int c0 = 0; c0 < n; c0 += per) {
        int k = n - c0 < per ? n - c0 : per;
        const ReportCase *cs = cases + c0;
        const Plan *ps = plans + c0;
        memset(align, 'r', (size_t)k + 1);
        align[0] = 'l';
        align[k + 1] = '\0';
        rep_table_init(&t, align);
        fputc('\n', out);

        for (int i = 0; i < k; i++)
            ptrs[i] = cs[i].label ? cs[i].label : cs[i].name ? cs[i].name : "";
        rep_table_cells(&t, k, "", ptrs);
        for (int i = 0; i < k; i++)
            snprintf(cells[i], sizeof cells[i], "%s", rep_status_word(cs[i].sol->status));
        rep_table_cells(&t, k, "status", cell_ptrs(cells, ptrs, k));

        /* the objective and its parts (a part zero in every case is left out) */
        double sign = profit ? -1 : 1;
        static const char *const pname[] = {"  revenue", "  milk purchase", "  processing",
                                            "  transport", "  service", "  fixed costs"};
        char objname[32];
        snprintf(objname, sizeof objname, "%s%s%s%s", profit ? "profit" : "total cost",
                 cur(m)[0] ? " (" : "", cur(m), cur(m)[0] ? ")" : "");
        for (int i = 0; i < k; i++)
            snprintf(cells[i], sizeof cells[i], "%s",
                     ps[i].ok ? money(cs[i].sol->objective).s : "-");
        rep_table_cells(&t, k, objname, cell_ptrs(cells, ptrs, k));
        for (int p = profit ? 0 : 1; p < 6; p++) {
            bool any = false;
            for (int i = 0; i < k; i++) {
                const Solution *s = cs[i].sol;
                double parts[6] = {s->revenue, s->milk_cost, s->processing_cost,
                                   s->transport_cost, s->service_cost, s->fixed_cost};
                double val = p == 0 ? parts[0] : sign * parts[p];
                snprintf(cells[i], sizeof cells[i], "%s", ps[i].ok ? money(val).s : "-");
                any |= ps[i].ok && strcmp(cells[i], "0.00") != 0;
            }
            if (any)
                rep_table_cells(&t, k, pname[p], cell_ptrs(cells, ptrs, k));
        }

        /* plants that are optional or closed in some case */
        bool headed = false;
        for (int p = 0; p < m->nplants; p++) {
            bool show = false;
            for (int i = 0; i < k; i++) {
                const Model *mi = cs[i].lp->m;
                show |= p < mi->nplants && (mi->plants[p].optional || mi->plants[p].closed);
            }
            if (!show)
                continue;
            if (!headed)
                rep_table_cells(&t, k, "plants", NULL);
            headed = true;
            for (int i = 0; i < k; i++) {
                const Model *mi = cs[i].lp->m;
                const char *w = p >= mi->nplants ? "-"
                              : mi->plants[p].closed ? "closed"
                              : !ps[i].ok && cs[i].lp->col_open[p] ? "-"
                              : ps[i].open[p] ? "open" : "closed";
                snprintf(cells[i], sizeof cells[i], "%s", w);
            }
            buf_clear(&b);
            buf_puts(&b, "  ");
            rep_name(&b, disp(&m->plants[p].n));
            rep_table_cells(&t, k, buf_str(&b), cell_ptrs(cells, ptrs, k));
        }

        /* flows that changed */
        headed = false;
        for (int r = 0; r < m->nroutes; r++) {
            if (m->routes[r].kind != ROUTE_MILK)
                continue;
            for (int i = 0; i < k; i++)
                v[i] = !ps[i].ok ? NAN : r < ps[i].m->nroutes ? ps[i].x[r] : 0;
            buf_clear(&b);
            buf_puts(&b, "  ");
            rep_name(&b, disp(&m->farms[m->routes[r].from].n));
            buf_puts(&b, " → ");
            rep_name(&b, disp(&m->plants[m->routes[r].to].n));
            flow_row(&t, k, buf_str(&b), v, cells, ptrs, "milk collected (t)", &headed);
        }
        headed = false;
        for (int l = 0; l < m->nlines; l++) {
            for (int i = 0; i < k; i++)
                v[i] = !ps[i].ok ? NAN : l < ps[i].m->nlines ? ps[i].y[l] : 0;
            buf_clear(&b);
            buf_puts(&b, "  ");
            rep_name(&b, disp(&m->plants[m->lines[l].plant].n));
            buf_puts(&b, ": ");
            rep_name(&b, disp(&m->products[m->lines[l].product].n));
            flow_row(&t, k, buf_str(&b), v, cells, ptrs, "production (t)", &headed);
        }
        headed = false;
        for (int d = 0; d < lp0->nclasses; d++) {
            const DemandClass *dc = &lp0->classes[d];
            for (int i = 0; i < k; i++) {
                int e = same_class(lp0, d, cs[i].lp);
                v[i] = !ps[i].ok ? NAN : e >= 0 ? ps[i].sold[e] : 0;
            }
            buf_clear(&b);
            buf_puts(&b, "  ");
            rep_name(&b, disp(&m->markets[dc->market].n));
            buf_puts(&b, ": ");
            rep_name(&b, disp(&m->products[dc->product].n));
            if (dc->strategy >= 0) {
                buf_puts(&b, " (");
                rep_name(&b, disp(&m->strategies[dc->strategy].n));
                buf_puts(&b, ")");
            }
            flow_row(&t, k, buf_str(&b), v, cells, ptrs, "sales (t)", &headed);
        }
        rep_table_print(&t, "", out);
        rep_table_free(&t);
    }

    /* why a case has no plan */
    for (int i = 0; i < n; i++) {
        if (cases[i].sol->status == SOL_OPTIMAL)
            continue;
        buf_clear(&b);
        rep_name(&b, cases[i].label ? cases[i].label : cases[i].name ? cases[i].name : "");
        buf_puts(&b, ": ");
        fputc('\n', out);
        rep_status_sentence(out, buf_str(&b), cases[i].lp->m, cases[i].sol);
        if (cases[i].sol->status == SOL_INFEASIBLE)
            rep_shortfalls(cases[i].lp, cases[i].sol, "  ", out);
    }

    buf_free(&b);
    free(v);
    free(ptrs);
    free(cells);
    for (int i = 0; i < n; i++)
        rep_plan_free(&plans[i]);
    free(plans);
    return ferror(out) ? -1 : 0;
}

int report_json_cases(const ReportCase *cases, int n, FILE *out)
{
    Json j;
    json_init(&j, out);
    json_object(&j);
    json_key(&j, "scenarios");
    json_array(&j);
    for (int i = 0; i < n; i++) {
        json_object(&j);
        json_key_string(&j, "name", cases[i].name);
        json_key_string(&j, "label", cases[i].label);
        rep_json_members(&j, cases[i].lp, cases[i].sol);
        json_end(&j);
    }
    json_end(&j);
    json_end(&j);
    return ferror(out) ? -1 : 0;
}
