/* report_ranges.c — the sensitivity ranges of a plan (`dairy run --ranges`),
 * in the model's words: how far each binding limit may move before its
 * shadow price changes, how far each price and cost of an activity in the
 * plan may move before the plan changes, and how much cheaper an unused
 * route, line or sale must get to enter the plan (docs/report.md, "ranges").
 *
 * The numbers are GLPK's (solve.c, analyse): a row's right-hand side range
 * and a column's objective coefficient range.  A column's coefficient is
 * the model's price or cost and other terms (a sale's is price - service -
 * haulage, a milk route's -(price + haulage) under a profit): the range is
 * said as the price or cost the model wrote, the other terms held, so
 * value = a * coef + shift with a = +1 (a revenue, or any cost of a cost
 * model) or -1 (a cost under a profit), and the range moves with it. */
#include "report_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One range: a row (col 0) or a column (row 0) of the whole program. */
typedef struct {
    int row, col;
    const char *kind;   /* docs/report.md: limit, milk, processing, sale, shipping,
                           enter_milk, enter_processing, enter_sale, enter_shipping */
    int period;         /* -1 without periods */
    double value, lo, hi;
    const char *text;
} RangeItem;

typedef void RangeFn(void *ctx, const Lp *lp, const RangeItem *it);

/* "19.65 BYN/t" (or "19.65/t" without a currency). */
static void per_t(Buf *b, const Model *m, double v)
{
    buf_printf(b, "%s%s%s/t", rep_money(v).s, rep_cur(m)[0] ? " " : "", rep_cur(m));
}

/* "between A and B t", "A t or more", "up to B t (no lower limit)",
 * "any amount": an interval whose ends may be unlimited, in tonnes (m
 * NULL) or money per tonne. */
static void interval(Buf *b, const Model *m, double lo, double hi)
{
    Buf l = {0}, h = {0};
    if (m) {
        per_t(&l, m, lo);
        per_t(&h, m, hi);
    } else {
        buf_printf(&l, "%s t", rep_tonnes_short(lo).s);
        buf_printf(&h, "%s t", rep_tonnes_short(hi).s);
    }
    if (isfinite(lo) && isfinite(hi))
        buf_printf(b, "between %s and %s", m ? rep_money(lo).s : rep_tonnes_short(lo).s,
                   buf_str(&h));
    else if (isfinite(lo))
        buf_printf(b, "%s or more", buf_str(&l));
    else if (isfinite(hi))
        buf_printf(b, "up to %s (no lower limit)", buf_str(&h));
    else
        buf_puts(b, "any amount");
    buf_free(&l);
    buf_free(&h);
}

/* " in jun" for a range of period t (nothing without periods). */
static void in_period(Buf *b, const Lp *lp, int t)
{
    if (t >= 0 && t < lp->nperiods) {
        buf_puts(b, " in ");
        rep_name(b, rep_disp(&lp->m->periods[t].n));
    }
}

/* The right-hand side row i is held at in the plan. */
static double rhs(const Lp *lp, const Solution *sol, int i)
{
    return sol->rstat[i] == GLP_NU ? glp_get_row_ub(lp->P, i) : glp_get_row_lb(lp->P, i);
}

/* What the plant decisions, fixed in the LP of a MIP, add to row i's
 * right-hand side: an optional plant's intake row is `sum x - cap open <=
 * 0`, which is a limit of cap t when the plant is open. */
static double decided_part(const Lp *lp, const Solution *sol, int i)
{
    int n = glp_get_num_cols(lp->P);
    int *ind = xmalloc(sizeof(int) * ((size_t)n + 1));
    double *val = xmalloc(sizeof(double) * ((size_t)n + 1)), sum = 0;
    int len = glp_get_mat_row(lp->P, i, ind, val);
    for (int k = 1; k <= len; k++)
        if (glp_get_col_kind(lp->P, ind[k]) != GLP_CV)
            sum -= val[k] * sol->col[ind[k]];
    free(ind);
    free(val);
    return sum;
}

/* A balance (milk, a component, a grade, a product's stock) says what is
 * on hand: its range is said as how much less or more there may be. */
static bool balance_row(const Lp *lp, int i)
{
    RowKind k = (RowKind)lp->row_kind[i];
    return k == RK_MILK || k == RK_COMPONENT || k == RK_GRADE || k == RK_STOCK;
}

/* "supply at south, now 7500 t, may lie between 2310 and 11310 t before
 * its value of 19.65 BYN/t changes"; a balance: "raw milk on hand at City
 * Dairy may be up to 3690 t less or 3810 t more before ...". */
static void limit_sentence(Buf *b, const Lp *lp, const Solution *sol, int i, const char *noun,
                           RangeItem *it)
{
    double r = rhs(lp, sol, i), lo = sol->rng_lo[i], hi = sol->rng_hi[i];
    if (lp->mip) { /* the limit as the model wrote it, the plant open */
        double d = decided_part(lp, sol, i);
        r += d, lo += d, hi += d;
    }
    buf_puts(b, noun);
    if (balance_row(lp, i)) {
        buf_puts(b, " may be ");
        if (isfinite(lo))
            buf_printf(b, "up to %s t less", rep_tonnes_short(r - lo).s);
        else
            buf_puts(b, "any amount less");
        if (isfinite(hi))
            buf_printf(b, " or %s t more", rep_tonnes_short(hi - r).s);
        else
            buf_puts(b, " or any amount more");
    } else {
        buf_printf(b, ", now %s t, may lie ", rep_tonnes_short(r).s);
        interval(b, NULL, lo, hi);
    }
    buf_puts(b, " before its value of ");
    per_t(b, lp->m, rep_profit_model(lp->m) ? sol->dual[i] : -sol->dual[i]);
    buf_puts(b, " changes");
    *it = (RangeItem){i, 0, "limit", lp_row_period(lp, i), sol->dual[i], lo, hi, buf_str(b)};
}

/* Each binding limit (rep_limit_noun) with its right-hand side range. */
static void limit_ranges(const Lp *lp, const Solution *sol, RangeFn *fn, void *ctx)
{
    Buf noun = {0}, b = {0};
    for (int i = 1; i <= sol->nrows; i++) {
        buf_clear(&noun);
        if (!rep_limit_noun(&noun, lp, sol, i) || isnan(sol->rng_lo[i]))
            continue;
        buf_clear(&b);
        RangeItem it;
        limit_sentence(&b, lp, sol, i, buf_str(&noun), &it);
        fn(ctx, lp, &it);
    }
    buf_free(&noun);
    buf_free(&b);
}

/* What a column of the plan is, for its sentence and its JSON kind. */
typedef struct {
    int col, plant, period;
    const char *kind;   /* milk, processing, sale or shipping */
    double value;       /* the price or cost the model wrote, per t */
    int sign;           /* value = sign * coefficient + the other terms */
    Buf what;           /* "milk from north to City Dairy" */
} ColInfo;

/* Whether ci's plant runs in its period: not closed (by a scenario or a
 * period block), and open when it is optional.  An unused option of a
 * plant that does not run cannot enter the plan by getting cheaper. */
static bool plant_runs(const Lp *lp, const Solution *sol, const ColInfo *ci)
{
    int open = lp->col_open[ci->plant];
    return !lp_part(lp, ci->period < 0 ? 0 : ci->period)->m->plants[ci->plant].closed &&
           !(open && sol->col[open] < 0.5);
}

/* The price or cost of ci in the plan, or the amount that brings it in,
 * as a sentence into b and an item for fn. */
static void column_range(const Lp *lp, const Solution *sol, ColInfo *ci, RangeFn *fn,
                         void *ctx)
{
    int j = ci->col, k = sol->nrows + j, st = sol->cstat[j];
    bool used = st == GLP_BS && fabs(sol->col[j]) > FLOW_EPS;
    bool unused = (st == GLP_NL || st == GLP_NU) && sol->col[j] == 0 &&
                  fabs(sol->dj[j]) > DUAL_EPS && plant_runs(lp, sol, ci);
    if (!(used || unused) || isnan(sol->rng_lo[k]))
        return;
    double shift = ci->value - ci->sign * glp_get_obj_coef(lp->P, j);
    double lo = ci->sign > 0 ? sol->rng_lo[k] + shift : shift - sol->rng_hi[k];
    double hi = ci->sign > 0 ? sol->rng_hi[k] + shift : shift - sol->rng_lo[k];
    bool revenue = strcmp(ci->kind, "sale") == 0; /* a price, not a cost */
    Buf b = {0}, kind = {0};
    if (!used) /* "sending milk from ...", "selling butter from ..." */
        buf_puts(&b, strcmp(ci->kind, "milk") == 0 ? "sending " : revenue ? "selling " : "");
    buf_puts(&b, buf_str(&ci->what));
    in_period(&b, lp, ci->period);
    if (used) {
        buf_puts(&b, ", now ");
        per_t(&b, lp->m, ci->value);
        buf_puts(&b, revenue ? ", may sell for " : ", may cost ");
        interval(&b, lp->m, lo, hi);
        buf_puts(&b, " before the plan changes");
    } else {
        double by = revenue ? hi - ci->value : ci->value - lo;
        buf_printf(&b, " enters the plan when it %s ", revenue ? "sells for" : "costs");
        if (isfinite(by))
            per_t(&b, lp->m, by);
        else
            buf_puts(&b, "any amount");
        buf_puts(&b, revenue ? " more" : " less");
    }
    buf_printf(&kind, "%s%s", used ? "" : "enter_", ci->kind);
    RangeItem it = {0, j, buf_str(&kind), ci->period, ci->value, lo, hi, buf_str(&b)};
    fn(ctx, lp, &it);
    buf_free(&b);
    buf_free(&kind);
}

/* The milk routes, lines and shipments of one part (period t, or -1). */
static void part_ranges(const Lp *top, const Solution *sol, int t, RangeFn *fn, void *ctx)
{
    const Lp *lp = lp_part(top, t < 0 ? 0 : t);
    const Model *m = lp->m;
    int a = rep_profit_model(m) ? -1 : 1; /* a cost's sign in the objective */
    ColInfo ci;
    for (int r = 0; r < m->nroutes; r++) {
        if (!lp->col_x[r])
            continue;
        const Route *rt = &m->routes[r];
        ci = (ColInfo){lp->col_x[r], rt->to, t, "milk", lp_farm_price(m, rt->from), a, {0}};
        buf_puts(&ci.what, "milk from ");
        rep_name(&ci.what, rep_disp(&m->farms[rt->from].n));
        buf_puts(&ci.what, " to ");
        rep_name(&ci.what, rep_disp(&m->plants[rt->to].n));
        column_range(top, sol, &ci, fn, ctx);
        buf_free(&ci.what);
    }
    for (int l = 0; l < m->nlines; l++) {
        const ProdLine *ln = &m->lines[l];
        ci = (ColInfo){lp->col_y[l], ln->plant, t, "processing", ln->cost, a, {0}};
        buf_puts(&ci.what, "making ");
        rep_name(&ci.what, rep_disp(&m->products[ln->product].n));
        buf_puts(&ci.what, " at ");
        rep_name(&ci.what, rep_disp(&m->plants[ln->plant].n));
        column_range(top, sol, &ci, fn, ctx);
        buf_free(&ci.what);
    }
    for (int s = 0; s < lp->nships; s++) {
        const Shipment *sh = &lp->ships[s];
        const DemandClass *dc = &lp->classes[sh->cls];
        bool profit = a < 0;
        ci = (ColInfo){lp->col_s[s], sh->plant, t, profit ? "sale" : "shipping",
                       profit ? dc->price : dc->service + sh->haulage, 1, {0}};
        buf_puts(&ci.what, profit ? "" : "shipping ");
        rep_name(&ci.what, rep_disp(&m->products[dc->product].n));
        buf_puts(&ci.what, " from ");
        rep_name(&ci.what, rep_disp(&m->plants[sh->plant].n));
        buf_puts(&ci.what, profit ? " at " : " to ");
        rep_name(&ci.what, rep_disp(&m->markets[dc->market].n));
        if (dc->strategy >= 0) {
            buf_puts(&ci.what, " (");
            rep_name(&ci.what, rep_disp(&m->strategies[dc->strategy].n));
            buf_puts(&ci.what, ")");
        }
        column_range(top, sol, &ci, fn, ctx);
        buf_free(&ci.what);
    }
}

/* Every range of the plan, in order: the limits (row order), then each
 * period's milk routes, lines and shipments (declaration order). */
static void each_range(const Lp *lp, const Solution *sol, RangeFn *fn, void *ctx)
{
    limit_ranges(lp, sol, fn, ctx);
    if (lp->nperiods == 0)
        part_ranges(lp, sol, -1, fn, ctx);
    for (int t = 0; t < lp->nperiods; t++)
        part_ranges(lp, sol, t, fn, ctx);
}

static bool has_ranges(const Solution *sol)
{
    return sol->status == SOL_OPTIMAL && sol->rng_lo && sol->rng_hi && sol->dual && sol->dj;
}

typedef struct {
    FILE *out;
    bool any;
} TextCtx;

static void text_item(void *ctx, const Lp *lp, const RangeItem *it)
{
    (void)lp;
    TextCtx *c = ctx;
    if (!c->any)
        fputs("\nranges\n", c->out);
    c->any = true;
    fprintf(c->out, "  %s\n", it->text);
}

void rep_ranges_text(const Lp *lp, const Solution *sol, FILE *out)
{
    if (!has_ranges(sol))
        return;
    TextCtx c = {out, false};
    each_range(lp, sol, text_item, &c);
}

static void json_item(void *ctx, const Lp *lp, const RangeItem *it)
{
    Json *j = ctx;
    json_object_line(j);
    if (it->period >= 0)
        json_key_string(j, "period", lp->m->periods[it->period].n.name);
    if (it->row) {
        char tmp[32];
        json_key_string(j, "constraint", rep_row_name(lp, it->row, tmp, sizeof tmp));
    } else {
        json_key_string(j, "column", glp_get_col_name(lp->P, it->col));
    }
    json_key_string(j, "kind", it->kind);
    json_key_number(j, "value", it->value);
    json_key_number(j, "lo", it->lo);
    json_key_number(j, "hi", it->hi);
    json_key_string(j, "text", it->text);
    json_end(j);
}

void rep_ranges_json(Json *j, const Lp *lp, const Solution *sol)
{
    if (!has_ranges(sol))
        return;
    json_key(j, "ranges");
    json_array(j);
    each_range(lp, sol, json_item, j);
    json_end(j);
}
