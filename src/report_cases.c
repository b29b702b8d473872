/* report_cases.c — --all-scenarios: the base model and every scenario side
 * by side, as text (a column per case, rows that changed, and every
 * segment's sales) and as JSON (one report object per case). */
#include "report_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* One table of the text: cases cs[0..k) with their plans ps, rows named
 * from the base model m (a scenario changes numbers, never which entities
 * exist), and the scratch every row reuses. */
typedef struct {
    const Model *m;
    const Lp *lp0;
    const ReportCase *cs;
    const Plan *ps;
    int k;
    Table t;
    Cell *cells;        /* k */
    const char **ptrs;  /* k */
    double *v;          /* k */
    Buf b;              /* a row's label */
} Side;

/* Add a row: label, then the k cells of s->cells. */
static void cells_row(Side *s, const char *label)
{
    for (int i = 0; i < s->k; i++)
        s->ptrs[i] = s->cells[i];
    rep_table_cells(&s->t, s->k, label, s->ptrs);
}

/* A row of tonnes s->v (NaN: "-") labelled s->b, added when it changed;
 * its group heading first, once. */
static void flow_row(Side *s, const char *heading, bool *headed)
{
    if (!changed(s->v, s->k))
        return;
    if (!*headed)
        rep_table_cells(&s->t, s->k, heading, NULL);
    *headed = true;
    for (int i = 0; i < s->k; i++)
        snprintf(s->cells[i], sizeof s->cells[i], "%s",
                 isnan(s->v[i]) ? "-" : rep_tonnes(s->v[i]).s);
    cells_row(s, buf_str(&s->b));
}

/* The cases' names, their status, the objective and its parts (a part
 * zero in every case is left out). */
static void side_objective(Side *s)
{
    const Model *m = s->m;
    bool profit = rep_profit_model(m);
    double sign = profit ? -1 : 1;
    for (int i = 0; i < s->k; i++)
        s->ptrs[i] = s->cs[i].label ? s->cs[i].label : s->cs[i].name ? s->cs[i].name : "";
    rep_table_cells(&s->t, s->k, "", s->ptrs);
    for (int i = 0; i < s->k; i++)
        snprintf(s->cells[i], sizeof s->cells[i], "%s", rep_sol_status_word(s->cs[i].sol));
    cells_row(s, "status");

    static const char *const pname[] = {"  revenue", "  milk purchase", "  processing",
                                        "  transport", "  service", "  fixed costs",
                                        "  storage"};
    char objname[32];
    snprintf(objname, sizeof objname, "%s%s%s%s", profit ? "profit" : "total cost",
             rep_cur(m)[0] ? " (" : "", rep_cur(m), rep_cur(m)[0] ? ")" : "");
    for (int i = 0; i < s->k; i++)
        snprintf(s->cells[i], sizeof s->cells[i], "%s",
                 s->ps[i].ok ? rep_money(s->cs[i].sol->objective).s : "-");
    cells_row(s, objname);
    for (int p = profit ? 0 : 1; p < 7; p++) {
        bool any = false;
        for (int i = 0; i < s->k; i++) {
            const Solution *sol = s->cs[i].sol;
            double parts[7] = {sol->revenue, sol->milk_cost, sol->processing_cost,
                               sol->transport_cost, sol->service_cost, sol->fixed_cost,
                               sol->storage_cost};
            double val = p == 0 ? parts[0] : sign * parts[p];
            snprintf(s->cells[i], sizeof s->cells[i], "%s", s->ps[i].ok ? rep_money(val).s : "-");
            any |= s->ps[i].ok && strcmp(s->cells[i], "0.00") != 0;
        }
        if (any)
            cells_row(s, pname[p]);
    }
}

/* Plants that are optional or closed in some case: open or closed in each. */
static void side_plants(Side *s)
{
    const Model *m = s->m;
    bool headed = false;
    for (int p = 0; p < m->nplants; p++) {
        bool show = false;
        for (int i = 0; i < s->k; i++) {
            const Model *mi = s->cs[i].lp->m;
            show |= p < mi->nplants && (mi->plants[p].optional || mi->plants[p].closed);
        }
        if (!show)
            continue;
        if (!headed)
            rep_table_cells(&s->t, s->k, "plants", NULL);
        headed = true;
        for (int i = 0; i < s->k; i++) {
            const Model *mi = s->cs[i].lp->m;
            const char *w = p >= mi->nplants ? "-"
                          : mi->plants[p].closed ? "closed"
                          : !s->ps[i].ok && s->cs[i].lp->col_open[p] ? "-"
                          : s->ps[i].open[p] ? "open" : "closed";
            snprintf(s->cells[i], sizeof s->cells[i], "%s", w);
        }
        buf_clear(&s->b);
        buf_puts(&s->b, "  ");
        rep_name(&s->b, rep_disp(&m->plants[p].n));
        cells_row(s, buf_str(&s->b));
    }
}

/* The tonnes of demand class d of program `own` (the same market, product
 * and strategy) in each case, labelled from the base model. */
static void sales_row(Side *s, const Lp *own, int d, bool *headed)
{
    const Model *m = s->m;
    const Plan *ps = s->ps;
    Buf *b = &s->b;
    const DemandClass *dc = &own->classes[d];
    for (int i = 0; i < s->k; i++) {
        int e = rep_same_class(own, d, ps[i].lp);
        s->v[i] = !ps[i].ok ? NAN : e >= 0 ? ps[i].sold[e] : 0;
    }
    buf_clear(b);
    buf_puts(b, "  ");
    rep_name(b, rep_disp(&m->markets[dc->market].n));
    buf_puts(b, ": ");
    rep_name(b, rep_disp(&m->products[dc->product].n));
    if (dc->strategy >= 0) {
        buf_puts(b, " (");
        rep_name(b, rep_disp(&m->strategies[dc->strategy].n));
        buf_puts(b, ")");
    }
    flow_row(s, "sales (t)", headed);
}

/* The flows that changed between cases: milk per route, output per line,
 * sales per demand class, and in a components model what each plant
 * leaves of each component. */
static void side_flows(Side *s)
{
    const Model *m = s->m;
    const Plan *ps = s->ps;
    Buf *b = &s->b;
    bool headed = false;
    for (int r = 0; r < m->nroutes; r++) {
        if (m->routes[r].kind != ROUTE_MILK)
            continue;
        for (int i = 0; i < s->k; i++)
            s->v[i] = !ps[i].ok ? NAN : r < ps[i].m->nroutes ? ps[i].x[r] : 0;
        buf_clear(b);
        buf_puts(b, "  ");
        rep_name(b, rep_disp(&m->farms[m->routes[r].from].n));
        buf_puts(b, " → ");
        rep_name(b, rep_disp(&m->plants[m->routes[r].to].n));
        flow_row(s, "milk collected (t)", &headed);
    }
    headed = false;
    for (int l = 0; l < m->nlines; l++) {
        for (int i = 0; i < s->k; i++)
            s->v[i] = !ps[i].ok ? NAN : l < ps[i].m->nlines ? ps[i].y[l] : 0;
        buf_clear(b);
        buf_puts(b, "  ");
        rep_name(b, rep_disp(&m->plants[m->lines[l].plant].n));
        buf_puts(b, ": ");
        rep_name(b, rep_disp(&m->products[m->lines[l].product].n));
        flow_row(s, "production (t)", &headed);
    }
    headed = false;
    /* the base's classes, then those a scenario adds (a segment served
     * with another strategy, a strategy that now sells): each once */
    for (int c = -1; c < s->k; c++) {
        const Lp *own = c < 0 ? s->lp0 : s->ps[c].lp;
        for (int d = 0; d < own->nclasses; d++) {
            bool seen = c >= 0 && rep_same_class(own, d, s->lp0) >= 0;
            for (int e = 0; e < c && !seen; e++)
                seen = rep_same_class(own, d, s->ps[e].lp) >= 0;
            if (!seen)
                sales_row(s, own, d, &headed);
        }
    }
    headed = false;
    int nc = m->ncomponents;
    for (int p = 0; p < m->nplants; p++)
        for (int c = 0; c < nc; c++) {
            for (int i = 0; i < s->k; i++) {
                int nci = ps[i].m->ncomponents;
                s->v[i] = !ps[i].ok ? NAN
                        : ps[i].comp_in && p < ps[i].m->nplants && c < nci
                            ? ps[i].comp_in[p * nci + c] - ps[i].comp_out[p * nci + c]
                            : 0;
            }
            buf_clear(b);
            buf_puts(b, "  ");
            rep_name(b, rep_disp(&m->plants[p].n));
            buf_puts(b, ": ");
            rep_name(b, rep_disp(&m->components[c]));
            flow_row(s, "components left (t)", &headed);
        }
}

/* In a model with customers, each segment's tonnes served and revenue in
 * every case (all of them, changed or not: what a scenario does to each
 * segment is the question), and the strategy of each segment some case
 * serves with another one (report_segment.c). */
static void side_segments(Side *s)
{
    const Model *m = s->m;
    if (!s->lp0->segment_count || m->nsegments == 0)
        return;
    int ns = m->nsegments;
    SegTotal *tot = xcalloc((size_t)s->k * (size_t)(ns + 1), sizeof(SegTotal));
    for (int i = 0; i < s->k; i++) {
        const Lp *lp = s->cs[i].lp;
        Plan *plans = rep_year_init(lp, s->cs[i].sol);
        if (plans[0].ok && plans[0].m->nsegments == ns)
            rep_segment_totals(plans, lp_nparts(lp), tot + (size_t)i * (size_t)(ns + 1));
        rep_year_free(plans, lp_nparts(lp));
    }
    char money[32];
    snprintf(money, sizeof money, "segment revenue%s%s%s", rep_cur(m)[0] ? " (" : "", rep_cur(m),
             rep_cur(m)[0] ? ")" : "");
    for (int what = 0; what < 3; what++) {
        bool headed = false;
        for (int g = 0; g < ns; g++) {
            bool differs = false;
            for (int i = 0; i < s->k; i++) {
                const Model *mi = s->cs[i].lp->m;
                int st = g < mi->nsegments ? mi->segments[g].strategy : -1;
                const char *name = st >= 0 ? mi->strategies[st].n.name : "-";
                differs |= strcmp(name, m->strategies[m->segments[g].strategy].n.name) != 0;
                if (what == 0)
                    snprintf(s->cells[i], sizeof s->cells[i], "%s", name);
                else if (!s->ps[i].ok)
                    snprintf(s->cells[i], sizeof s->cells[i], "-");
                else {
                    const SegTotal *t = &tot[(size_t)i * (size_t)(ns + 1) + (size_t)g];
                    snprintf(s->cells[i], sizeof s->cells[i], "%s",
                             what == 1 ? rep_tonnes(t->tonnes).s : rep_money(t->revenue).s);
                }
            }
            if (what == 0 && !differs)
                continue;
            if (!headed)
                rep_table_cells(&s->t, s->k, what == 0 ? "segment strategies"
                                           : what == 1 ? "segments served (t)" : money, NULL);
            headed = true;
            buf_clear(&s->b);
            buf_puts(&s->b, "  ");
            rep_name(&s->b, rep_disp(&m->segments[g].n));
            cells_row(s, buf_str(&s->b));
        }
    }
    free(tot);
}

/* Why each case without a plan has none. */
static void side_reasons(const ReportCase *cases, int n, Buf *b, FILE *out)
{
    for (int i = 0; i < n; i++) {
        if (cases[i].sol->status == SOL_OPTIMAL && !cases[i].sol->within_gap)
            continue;
        buf_clear(b);
        rep_name(b, cases[i].label ? cases[i].label : cases[i].name ? cases[i].name : "");
        buf_puts(b, ": ");
        fputc('\n', out);
        rep_status_sentence(out, buf_str(b), cases[i].lp->m, cases[i].sol);
        if (cases[i].sol->status == SOL_INFEASIBLE)
            rep_shortfalls(cases[i].lp, cases[i].sol, "  ", out);
    }
}

void rep_cases_tables(const ReportCase *cases, int n, const Plan *plans, const RepSink *sink)
{
    Side s = {.lp0 = plans[0].lp, .m = cases[0].lp->m}; /* with periods, the first's classes */
    s.cells = xmalloc(sizeof(Cell) * (size_t)n);
    s.ptrs = xmalloc(sizeof(char *) * (size_t)n);
    s.v = xmalloc(sizeof(double) * (size_t)n);
    char align[REP_MAXCOLS + 1];

    /* nine cases a table (REP_MAXCOLS is more): further cases fill further tables */
    int per = 9;
    for (int c0 = 0; c0 < n; c0 += per) {
        s.k = n - c0 < per ? n - c0 : per;
        s.cs = cases + c0;
        s.ps = plans + c0;
        memset(align, 'r', (size_t)s.k + 1);
        align[0] = 'l';
        align[s.k + 1] = '\0';
        rep_table_init(&s.t, align);
        side_objective(&s);
        side_plants(&s);
        side_flows(&s);
        side_segments(&s);
        sink->section(sink, "", &s.t);
    }
    buf_free(&s.b);
    free(s.v);
    free(s.ptrs);
    free(s.cells);
}

/* A table of cases as text: a blank line, the table unindented. */
static void side_section(const RepSink *s, const char *heading, Table *t)
{
    (void)heading;
    fputc('\n', s->out);
    rep_table_print(t, "", s->out);
    rep_table_free(t);
}

int report_text_cases(const ReportCase *cases, int n, FILE *out)
{
    if (n <= 0)
        return ferror(out) ? -1 : 0;
    Plan *plans = xcalloc((size_t)n, sizeof(Plan));
    for (int i = 0; i < n; i++)
        rep_plan_init(&plans[i], cases[i].lp, cases[i].sol);
    rep_title(cases[0].lp->m, out);
    fprintf(out, "%d cases side by side\n", n);
    const RepSink sink = {out, side_section};
    rep_cases_tables(cases, n, plans, &sink);
    Buf b = {0};
    side_reasons(cases, n, &b, out);
    buf_free(&b);
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
