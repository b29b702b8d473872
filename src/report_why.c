/* report_why.c — the derivation of a shadow price in the model's words
 * (docs/report.md, "Why a shadow price is what it is"): under a binding
 * limit, each activity the optimal basis moves when the limit moves by one
 * tonne, by how much, at what it earns or costs a tonne and what that is
 * made of, and their sum, which is the shadow price.  The terms come from
 * the solver (solve_why.c); this file only names them. */
#include "report_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What a column is: its family (lp.h; known is false for the columns
 * named here by nothing), the part (period) it belongs to, and its entity
 * there (route, line, shipment or store). */
typedef struct {
    bool known;
    ColFamily family;
    int part, index;
} ColRef;

static void mark(ColRef *refs, const int *cols, int n, ColFamily f, int part)
{
    for (int i = 0; cols && i < n; i++)
        if (cols[i] > 0)
            refs[cols[i]] = (ColRef){true, f, part, i};
}

/* Every column's ColRef, [1..ncols]. */
static ColRef *col_refs(const Lp *lp)
{
    int ncols = glp_get_num_cols(lp->P);
    ColRef *refs = xcalloc((size_t)ncols + 1, sizeof(ColRef));
    for (int t = 0; t < lp_nparts(lp); t++) {
        const Lp *part = lp_part(lp, t);
        mark(refs, part->col_x, part->m->nroutes, CF_X, t);
        mark(refs, part->col_y, part->m->nlines, CF_Y, t);
        mark(refs, part->col_s, part->nships, CF_S, t);
    }
    for (int i = 0; lp->nperiods && i < lp->m->nstores * lp->nperiods; i++)
        refs[lp->col_inv[i]] = (ColRef){true, CF_INV, i % lp->nperiods, i / lp->nperiods};
    return refs;
}

/* The activity and what its coefficient is made of, in two buffers:
 * "Butter made at City Dairy", "310.00 processing". */
static void col_words(const Lp *lp, ColRef r, Buf *what, Buf *parts)
{
    const Lp *part = lp_part(lp, r.part);
    const Model *m = part->m;
    bool profit = rep_profit_model(m);
    const char *sep = profit ? " - " : " + ";
    switch (r.known ? r.family : CF_FIXED) {
    case CF_X: {
        const Route *rt = &m->routes[r.index];
        buf_puts(what, "milk from ");
        rep_name(what, rep_disp(&m->farms[rt->from].n));
        buf_puts(what, " to ");
        rep_name(what, rep_disp(&m->plants[rt->to].n));
        buf_printf(parts, "%s%s milk%s%s haulage", profit ? "-" : "",
                   rep_money(lp_farm_price(m, rt->from)).s, sep,
                   rep_money(part->route_cost[r.index]).s);
        break;
    }
    case CF_Y: {
        const ProdLine *ln = &m->lines[r.index];
        rep_name(what, rep_disp(&m->products[ln->product].n));
        buf_puts(what, " made at ");
        rep_name(what, rep_disp(&m->plants[ln->plant].n));
        buf_printf(parts, "%s%s processing", profit ? "-" : "", rep_money(ln->cost).s);
        break;
    }
    case CF_S: {
        const Shipment *sh = &part->ships[r.index];
        const DemandClass *dc = &part->classes[sh->cls];
        rep_name(what, rep_disp(&m->products[dc->product].n));
        buf_puts(what, " from ");
        rep_name(what, rep_disp(&m->plants[sh->plant].n));
        buf_puts(what, " to ");
        rep_name(what, rep_disp(&m->markets[dc->market].n));
        if (profit)
            buf_printf(parts, "%s price", rep_money(dc->price).s);
        if (dc->service != 0)
            buf_printf(parts, "%s%s service", profit ? sep : "", rep_money(dc->service).s);
        buf_printf(parts, "%s%s haulage", profit || dc->service != 0 ? sep : "",
                   rep_money(sh->haulage).s);
        break;
    }
    case CF_INV: {
        const Store *st = &lp->m->stores[r.index];
        rep_name(what, rep_disp(&m->products[st->product].n));
        buf_puts(what, " kept in stock at ");
        rep_name(what, rep_disp(&m->plants[st->plant].n));
        buf_printf(parts, "%s%s holding", profit ? "-" : "", rep_money(st->cost).s);
        break;
    }
    default:
        buf_puts(what, "(another activity)");
        break;
    }
    if (lp->nperiods)
        buf_printf(what, " in %s", lp->m->periods[r.part].n.name);
}

/* A change of an activity, to six decimals without trailing zeros:
 * "+0.047619 t", "-21 t". */
static void change_text(Buf *b, double delta)
{
    NumStr v = rep_fixed(delta, 6);
    size_t n = strlen(v.s);
    if (strchr(v.s, '.')) {
        while (n > 0 && v.s[n - 1] == '0')
            n--;
        if (n > 0 && v.s[n - 1] == '.')
            n--;
    }
    v.s[n] = '\0';
    buf_printf(b, "%s%s t", delta > 0 ? "+" : "", v.s);
}

void rep_why(const Lp *lp, const Solution *sol, int i, const char *indent, FILE *out)
{
    if (!sol->why || i < 1 || i > sol->nrows || sol->why[i].n == 0)
        return;
    const WhyRow *w = &sol->why[i];
    ColRef *refs = col_refs(lp);
    char per_t[16];
    snprintf(per_t, sizeof per_t, "%s/t", rep_cur(lp->m));
    Table t;
    rep_table_init(&t, "rlrl");
    Buf what = {0}, parts = {0}, change = {0};
    for (int k = 0; k < w->n; k++) {
        buf_clear(&what);
        buf_clear(&parts);
        buf_clear(&change);
        change_text(&change, w->terms[k].delta);
        col_words(lp, refs[w->terms[k].col], &what, &parts);
        double c = glp_get_obj_coef(lp->P, w->terms[k].col);
        char coef[96];
        snprintf(coef, sizeof coef, "x %s %s", rep_money(c).s, per_t);
        rep_table_row(&t, buf_str(&change), buf_str(&what), coef, buf_str(&parts));
    }
    buf_free(&change);
    buf_free(&what);
    buf_free(&parts);
    free(refs);
    rep_table_print(&t, indent, out);
    rep_table_free(&t);
    fprintf(out, "%s= %s%s%s %s\n", indent, rep_money(sol->dual[i]).s, rep_cur(lp->m)[0] ? " " : "",
            rep_cur(lp->m), rep_profit_model(lp->m) ? "of profit" : "of cost");
}

void rep_json_why(Json *j, const Lp *lp, const Solution *sol, int i)
{
    if (!sol->why || i < 1 || i > sol->nrows)
        return;
    const WhyRow *w = &sol->why[i];
    json_key(j, "why");
    json_array_line(j);
    for (int k = 0; k < w->n; k++) {
        json_object_line(j);
        json_key_string(j, "column", glp_get_col_name(lp->P, w->terms[k].col));
        json_key_number(j, "change", w->terms[k].delta);
        json_key_number(j, "coefficient", glp_get_obj_coef(lp->P, w->terms[k].col));
        json_end(j);
    }
    json_end(j);
}
