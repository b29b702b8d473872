/* diff_plan.c — `dairy diff --plan`: the base case of each model solved
 * (as `dairy run` solves it) and the two plans compared by what things
 * are, never by GLPK's row or column numbers, which differ between two
 * programs: a flow by its route or line and product, a limit by what it
 * limits ("supply at north", "butter on hand at city_dairy"), each with
 * " in PERIOD" in a model with periods.
 *
 * Reported: the status; the objective and each of its parts when they
 * differ in cents; flows (milk on a route, a line's output, product on a
 * route, closing stock) that moved by more than the tolerance; plants
 * opened or closed; limits that started or stopped binding, and shadow
 * prices that changed by a cent or more (docs/diff.md, "--plan"). */
#include "diff_int.h"

#include "lp.h"
#include "segment.h"
#include "solve.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A shadow price of at most this much is none (report_int.h's DUAL_EPS). */
#define PLAN_DUAL_EPS 1e-9

/* One case solved. */
typedef struct {
    const Model *m;
    Segmentation seg;
    Lp lp;
    Solution sol;
    bool built, solved;
} Case;

/* Named values of one plan: flows (t), plants open (0/1) or binding
 * limits (their shadow prices), in the order found. */
typedef struct {
    const char **key;
    double *v;
    int n, cap;
} Values;

static void put(Values *vs, Arena *ar, const char *key, double v)
{
    if (vs->n == vs->cap) {
        vs->cap = vs->cap ? 2 * vs->cap : 64;
        vs->key = xrealloc(vs->key, (size_t)vs->cap * sizeof *vs->key);
        vs->v = xrealloc(vs->v, (size_t)vs->cap * sizeof *vs->v);
    }
    vs->key[vs->n] = arena_strdup(ar, key);
    vs->v[vs->n++] = v;
}

static void values_free(Values *vs)
{
    free(vs->key);
    free(vs->v);
}

static const char *in_period(const Model *m, int t, char *buf, size_t size)
{
    if (t < 0 || !m->nperiods)
        return "";
    snprintf(buf, size, " in %s", m->periods[t].n.name);
    return buf;
}

/* The flows of a plan: milk on each milk route, each line's output,
 * product on each product route (its shipments summed), closing stock. */
static void flows(const Case *c, Arena *ar, Values *vs)
{
    const Lp *lp = &c->lp;
    const double *x = c->sol.col;
    char key[512], per[96];
    for (int t = 0; t < lp_nparts(lp); t++) {
        const Lp *p = lp_part(lp, t);
        const Model *m = p->m;
        const char *in = in_period(c->m, lp->nperiods ? t : -1, per, sizeof per);
        for (int r = 0; r < m->nroutes; r++) {
            const Route *rt = &m->routes[r];
            if (rt->kind != ROUTE_MILK || !p->col_x[r])
                continue;
            snprintf(key, sizeof key, "milk %s → %s%s", m->farms[rt->from].n.name,
                     m->plants[rt->to].n.name, in);
            put(vs, ar, key, x[p->col_x[r]]);
        }
        for (int l = 0; l < m->nlines; l++) {
            if (!p->col_y[l])
                continue;
            const ProdLine *ln = &m->lines[l];
            snprintf(key, sizeof key, "output %s at %s%s", m->products[ln->product].n.name,
                     m->plants[ln->plant].n.name, in);
            put(vs, ar, key, x[p->col_y[l]]);
        }
        /* product on a route: its shipments, summed over the classes of
         * one product (customer demand has one per strategy) */
        int nk = m->nproducts ? m->nproducts : 1;
        double *ship = xcalloc((size_t)m->nroutes * (size_t)nk, sizeof *ship);
        bool *used = xcalloc((size_t)m->nroutes * (size_t)nk, sizeof *used);
        for (int s = 0; s < p->nships; s++) {
            const Shipment *sh = &p->ships[s];
            int k = p->classes[sh->cls].product;
            size_t at = (size_t)sh->route * (size_t)nk + (size_t)k;
            used[at] = true;
            if (p->col_s[s])
                ship[at] += x[p->col_s[s]];
        }
        for (int r = 0; r < m->nroutes; r++)
            for (int k = 0; k < m->nproducts; k++) {
                size_t at = (size_t)r * (size_t)nk + (size_t)k;
                if (!used[at])
                    continue;
                const Route *rt = &m->routes[r];
                snprintf(key, sizeof key, "%s %s → %s%s", m->products[k].n.name,
                         m->plants[rt->from].n.name, m->markets[rt->to].n.name, in);
                put(vs, ar, key, ship[at]);
            }
        free(ship);
        free(used);
        for (int s = 0; lp->col_inv && s < c->m->nstores; s++) {
            int col = lp->col_inv[s * lp->nperiods + t];
            if (!col)
                continue;
            const Store *st = &c->m->stores[s];
            snprintf(key, sizeof key, "stock %s at %s%s", c->m->products[st->product].n.name,
                     c->m->plants[st->plant].n.name, in);
            put(vs, ar, key, x[col]);
        }
    }
}

/* The optional plants and whether the plan opens them (1) or not (0). */
static void opened(const Case *c, Arena *ar, Values *vs)
{
    const Lp *lp = &c->lp;
    for (int p = 0; p < c->m->nplants; p++)
        if (lp->col_open && lp->col_open[p])
            put(vs, ar, c->m->plants[p].n.name, c->sol.col[lp->col_open[p]] > 0.5);
}

/* What row i limits, in words that do not depend on the program's
 * numbering: "supply at north", "butter on hand at city_dairy in jan". */
static void row_key(const Lp *lp, int i, char *key, size_t size)
{
    int t = lp_row_period(lp, i);
    const Lp *p = t >= 0 ? lp_part(lp, t) : lp;
    const Model *m = p->m;
    int k = lp->row_index[i];
    char per[96];
    const char *in = in_period(lp->m, t, per, sizeof per);
    switch ((RowKind)lp->row_kind[i]) {
    case RK_SUPPLY: snprintf(key, size, "supply at %s%s", m->farms[k].n.name, in); return;
    case RK_INTAKE: snprintf(key, size, "intake at %s%s", m->plants[k].n.name, in); return;
    case RK_INTAKE_MIN:
        snprintf(key, size, "least intake at %s%s", m->plants[k].n.name, in);
        return;
    case RK_MILK: snprintf(key, size, "raw milk on hand at %s%s", m->plants[k].n.name, in); return;
    case RK_OUTPUT: case RK_OUTPUT_MIN: case RK_STOCK: {
        const ProdLine *l = &m->lines[k];
        const char *what = lp->row_kind[i] == RK_OUTPUT ? "output of %s at %s%s"
                         : lp->row_kind[i] == RK_STOCK ? "%s on hand at %s%s"
                         : "least output of %s at %s%s";
        snprintf(key, size, what, m->products[l->product].n.name, m->plants[l->plant].n.name, in);
        return;
    }
    case RK_DEMAND: {
        const DemandClass *dc = &p->classes[k];
        if (dc->strategy >= 0)
            snprintf(key, size, "demand for %s at %s, strategy %s%s",
                     m->products[dc->product].n.name, m->markets[dc->market].n.name,
                     m->strategies[dc->strategy].n.name, in);
        else
            snprintf(key, size, "demand for %s at %s%s", m->products[dc->product].n.name,
                     m->markets[dc->market].n.name, in);
        return;
    }
    case RK_COMPONENT:
        snprintf(key, size, "%s on hand at %s%s",
                 m->components[lp_row_item(p, RK_COMPONENT, k)].name,
                 m->plants[lp_row_plant(p, RK_COMPONENT, k)].n.name, in);
        return;
    case RK_GRADE:
        snprintf(key, size, "milk of grade %s at %s%s",
                 m->grades[lp_row_item(p, RK_GRADE, k)].name,
                 m->plants[lp_row_plant(p, RK_GRADE, k)].n.name, in);
        return;
    case RK_STORE: {
        const Store *s = &lp->m->stores[k];
        snprintf(key, size, "store of %s at %s%s", lp->m->products[s->product].n.name,
                 lp->m->plants[s->plant].n.name, in);
        return;
    }
    }
    snprintf(key, size, "row %d", i);
}

/* The plant row i belongs to, or -1. */
static int row_plant(const Lp *lp, int i)
{
    int t = lp_row_period(lp, i);
    const Lp *p = t >= 0 ? lp_part(lp, t) : lp;
    int k = lp->row_index[i];
    switch ((RowKind)lp->row_kind[i]) {
    case RK_INTAKE: case RK_INTAKE_MIN: case RK_MILK: return k;
    case RK_OUTPUT: case RK_OUTPUT_MIN: case RK_STOCK: return p->m->lines[k].plant;
    case RK_COMPONENT: case RK_GRADE: return lp_row_plant(p, (RowKind)lp->row_kind[i], k);
    case RK_STORE: return lp->m->stores[k].plant;
    default: return -1;
    }
}

/* Whether the plan runs plant q in the period of row i: not closed by
 * the period, and opened when it is optional.  A closed plant's rows hold
 * nothing, whatever their duals say. */
static bool plant_runs(const Case *c, int i, int q)
{
    int t = lp_row_period(&c->lp, i);
    const Lp *p = t >= 0 ? lp_part(&c->lp, t) : &c->lp;
    if (p->m->plants[q].closed)
        return false;
    int col = c->lp.col_open ? c->lp.col_open[q] : 0;
    return !col || c->sol.col[col] > 0.5;
}

/* The limits that bind: at a bound, with a shadow price, at a plant that
 * runs. */
static void binding(const Case *c, Arena *ar, Values *vs)
{
    char key[512];
    for (int i = 1; i <= c->sol.nrows; i++) {
        if (c->sol.rstat[i] == GLP_BS || fabs(c->sol.dual[i]) <= PLAN_DUAL_EPS)
            continue;
        int q = row_plant(&c->lp, i);
        if (q >= 0 && !plant_runs(c, i, q))
            continue;
        row_key(&c->lp, i, key, sizeof key);
        put(vs, ar, key, c->sol.dual[i]);
    }
}

/* ------------------------------------------------------------ items */

/* v with `dec` decimals, thousands apart by a space; with trim, trailing
 * zeros (and the point) dropped: "3 810", "96.5", "2 974 594.00". */
static void put_fixed(Buf *b, double v, int dec, bool trim, bool sign)
{
    char s[64];
    if (fabs(v) < 0.5 * pow(10, -dec))
        v = 0;
    snprintf(s, sizeof s, sign ? "%+.*f" : "%.*f", dec, v);
    if (fabs(v) >= 1e15) {
        snprintf(s, sizeof s, sign ? "%+.10g" : "%.10g", v);
        buf_puts(b, s);
        return;
    }
    if (trim && strchr(s, '.')) {
        size_t n = strlen(s);
        while (s[n - 1] == '0')
            s[--n] = '\0';
        if (s[n - 1] == '.')
            s[--n] = '\0';
    }
    df_put_grouped(b, s);
}

static const char *fixed_text(DiffList *d, double v, int dec, bool trim, bool sign,
                              const char *unit)
{
    Buf b = {0};
    put_fixed(&b, v, dec, trim, sign);
    if (unit && *unit)
        buf_printf(&b, " %s", unit);
    const char *s = arena_strdup(&d->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static DiffItem *plan_item(DiffList *d, DiffOp op, const char *kind, const char *name,
                           const char *what)
{
    DiffItem *it = df_item(d, op, kind, name, what);
    it->plan = true;
    d->nplan++;
    return it;
}

/* a → b, with `dec` decimals (trimmed for tonnes), and the change. */
static void plan_change(DiffList *d, const char *kind, const char *name, const char *what,
                        double a, double b, int dec, bool trim, const char *unit)
{
    DiffItem *it = plan_item(d, DIFF_CHANGED, kind, name, what);
    /* the values as printed: no solver noise in JSON (806500.0000000001) */
    double k = pow(10, dec), ra = round(a * k) / k, rb = round(b * k) / k;
    it->before = (DiffVal){fixed_text(d, a, dec, trim, false, unit), true, false, 0, ra, unit};
    it->after = (DiffVal){fixed_text(d, b, dec, trim, false, unit), true, false, 0, rb, unit};
    it->change = fixed_text(d, b - a, dec, trim, true, unit);
}

/* The objective and its parts, money with two decimals: reported when
 * they differ in cents. */
static void totals(DiffList *d, const Case *a, const Case *b)
{
    const char *cur = b->m->currency;
    bool profit = a->m->objective == OBJ_MAX_PROFIT && b->m->objective == OBJ_MAX_PROFIT;
    bool cost = a->m->objective == OBJ_MIN_COST && b->m->objective == OBJ_MIN_COST;
    const char *obj = profit ? "profit" : cost ? "total cost" : "objective";
    struct {
        const char *what;
        double a, b;
    } row[] = {
        {obj, a->sol.objective, b->sol.objective},
        {"revenue", a->sol.revenue, b->sol.revenue},
        {"milk purchase", a->sol.milk_cost, b->sol.milk_cost},
        {"processing", a->sol.processing_cost, b->sol.processing_cost},
        {"transport", a->sol.transport_cost, b->sol.transport_cost},
        {"service", a->sol.service_cost, b->sol.service_cost},
        {"fixed costs", a->sol.fixed_cost, b->sol.fixed_cost},
        {"storage", a->sol.storage_cost, b->sol.storage_cost},
    };
    for (size_t i = 0; i < sizeof row / sizeof row[0]; i++)
        if (fabs(round(row[i].a * 100) - round(row[i].b * 100)) >= 1)
            plan_change(d, "plan", NULL, row[i].what, row[i].a, row[i].b, 2, false, cur);
}

/* Each key of b in order, then those of a alone: call each(d, key, has_a,
 * va, has_b, vb). */
static void pairs(DiffList *d, const Values *a, const Values *b, const void *ctx,
                  void (*each)(DiffList *, const void *, const char *, bool, double, bool,
                               double))
{
    DfMatch mt;
    df_match(&mt, a->key, a->n, b->key, b->n);
    for (int j = 0; j < b->n; j++) {
        int i = mt.a_of_b[j];
        each(d, ctx, b->key[j], i >= 0, i >= 0 ? a->v[i] : 0, true, b->v[j]);
    }
    for (int i = 0; i < a->n; i++)
        if (mt.b_of_a[i] < 0)
            each(d, ctx, a->key[i], true, a->v[i], false, 0);
    df_match_free(&mt);
}

/* A flow that one plan has not is 0 t there. */
static void each_flow(DiffList *d, const void *ctx, const char *key, bool ha, double va, bool hb,
                      double vb)
{
    (void)ha;
    (void)hb;
    double tol = *(const double *)ctx;
    if (fabs(vb - va) > tol)
        plan_change(d, "flow", df_strdup(d, key), NULL, va, vb, 3, true, "t");
}

static void each_open(DiffList *d, const void *ctx, const char *key, bool ha, double va, bool hb,
                      double vb)
{
    (void)ctx;
    if (ha && hb && va != vb) {
        DiffItem *it = plan_item(d, DIFF_CHANGED, "plant", df_strdup(d, key), "open");
        it->before.text = va > 0.5 ? "yes" : "no";
        it->after.text = vb > 0.5 ? "yes" : "no";
    }
}

static void each_binding(DiffList *d, const void *ctx, const char *key, bool ha, double va,
                         bool hb, double vb)
{
    const char *unit = ctx;
    if (ha && hb) {
        if (fabs(round(va * 100) - round(vb * 100)) >= 1)
            plan_change(d, "binding", df_strdup(d, key), "shadow price", va, vb, 2, false, unit);
        return;
    }
    DiffItem *it = plan_item(d, ha ? DIFF_REMOVED : DIFF_ADDED, "binding", df_strdup(d, key), NULL);
    DiffVal *v = ha ? &it->before : &it->after;
    double x = round((ha ? va : vb) * 100) / 100;
    *v = (DiffVal){arena_printf(&d->arena, "shadow price %s", fixed_text(d, x, 2, false, false, unit)),
                   true, false, 0, x, unit};
}

static const char *status_word(SolveStatus s)
{
    static const char *const w[] = {"optimal", "infeasible", "unbounded", "failed"};
    return w[s];
}

static int solve(Case *c, const Model *m, const char *side)
{
    *c = (Case){.m = m};
    segment_run(m, &c->seg);
    lp_build_case(m, -1, &c->seg, &c->lp);
    c->built = true;
    SolveOptions so = {0};
    int rc = solve_run(&c->lp, &so, &c->sol);
    c->solved = true;
    if (rc != 0)
        fprintf(stderr, "dairy: error: diff --plan: the %s model could not be solved: %s\n",
                side, c->sol.message[0] ? c->sol.message : "GLPK failed");
    return rc;
}

static void case_free(Case *c)
{
    if (c->solved)
        solve_free(&c->sol);
    if (c->built) {
        lp_free(&c->lp);
        segment_free(&c->seg);
    }
}

int diff_plans(DiffList *d, const Model *a, const Model *b, const DiffPlanOptions *o)
{
    Case ca, cb;
    int rc = solve(&ca, a, "old");
    if (rc == 0)
        rc = solve(&cb, b, "new");
    else
        cb = (Case){0};
    if (rc != 0) {
        case_free(&ca);
        case_free(&cb);
        return -1;
    }
    d->planned = true;
    if (ca.sol.status != cb.sol.status) {
        DiffItem *it = plan_item(d, DIFF_CHANGED, "plan", NULL, "status");
        it->before.text = status_word(ca.sol.status);
        it->after.text = status_word(cb.sol.status);
    }
    if (ca.sol.status == SOL_OPTIMAL && cb.sol.status == SOL_OPTIMAL) {
        totals(d, &ca, &cb);
        Arena ar;
        arena_init(&ar);
        Values fa = {0}, fb = {0};
        opened(&ca, &ar, &fa);
        opened(&cb, &ar, &fb);
        pairs(d, &fa, &fb, NULL, each_open);
        values_free(&fa);
        values_free(&fb);
        fa = (Values){0};
        fb = (Values){0};
        flows(&ca, &ar, &fa);
        flows(&cb, &ar, &fb);
        pairs(d, &fa, &fb, &o->tolerance, each_flow);
        values_free(&fa);
        values_free(&fb);
        fa = (Values){0};
        fb = (Values){0};
        binding(&ca, &ar, &fa);
        binding(&cb, &ar, &fb);
        const char *unit = arena_printf(&d->arena, "%s/t", b->currency);
        pairs(d, &fa, &fb, unit, each_binding);
        values_free(&fa);
        values_free(&fb);
        arena_free(&ar);
    }
    case_free(&ca);
    case_free(&cb);
    return 0;
}
