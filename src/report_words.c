/* report_words.c — the sentences of the reports, in the model's words:
 * binding limits and what one more unit is worth, reduced costs of unused
 * routes, the status of a run without a plan, and the shortfalls of an
 * infeasible model with the limits and closed plants that cause them. */
#include "report_int.h"

#include <math.h>
#include <string.h>

/* What one more unit changes, seen from the objective: "is worth 412.00
 * BYN" (more profit, or less cost) or "would cost 12.00 BYN".  delta is
 * the change of the objective GLPK reports (a dual or a reduced cost). */
static void buf_worth(Buf *b, const Model *m, double delta)
{
    double gain = rep_profit_model(m) ? delta : -delta;
    NumStr v = rep_money(fabs(gain));
    bool loss = gain < 0 && strcmp(v.s, "0.00") != 0;
    buf_printf(b, "%s %s", loss ? "would cost" : "is worth", v.s);
    if (rep_cur(m)[0])
        buf_printf(b, " %s", rep_cur(m));
}

/* Whether row `ref` belongs to a plant that does not run in this plan
 * (closed by a scenario, or an optional plant left closed). */
static bool row_plant_idle(const Lp *lp, const Solution *sol, RowRef ref)
{
    const Model *m = lp->m;
    int p;
    switch (ref.kind) {
    case RK_INTAKE: case RK_INTAKE_MIN: case RK_MILK: p = ref.index; break;
    case RK_OUTPUT: case RK_OUTPUT_MIN: case RK_STOCK: p = m->lines[ref.index].plant; break;
    case RK_COMPONENT: case RK_GRADE: p = lp_row_plant(lp, ref.kind, ref.index); break;
    case RK_STORE: p = m->stores[ref.index].plant; break;
    default: return false;
    }
    /* a plant shut keeps its stock, and ships from it */
    bool keeps = ref.kind == RK_STORE || (ref.kind == RK_STOCK && lp_line_stored(m, ref.index));
    if (m->plants[p].closed && !keeps)
        return true;
    int j = lp->col_open[p];
    return j > 0 && j <= sol->ncols && sol->col && sol->col[j] < 0.5;
}

/* " (Loyalty)": the strategy of a customer demand class (nothing for a
 * demand line). */
static void strategy_words(Buf *b, const Model *m, const DemandClass *dc)
{
    if (dc->strategy < 0)
        return;
    buf_puts(b, " (");
    rep_name(b, rep_disp(&m->strategies[dc->strategy].n));
    buf_puts(b, ")");
}

/* " in jun": the period of a row or shortfall (nothing without periods). */
static void in_period(Buf *b, const Lp *top, int t)
{
    if (t < 0 || t >= top->nperiods)
        return;
    buf_puts(b, " in ");
    rep_name(b, rep_disp(&top->m->periods[t].n));
}

/* "butter output at City Dairy" (and its period): what one more tonne of
 * row i is, when row i binds (at a bound, with a non-zero dual).  Returns
 * false, writing nothing, when it does not. */
bool rep_limit_noun(Buf *b, const Lp *top, const Solution *sol, int i)
{
    if (!sol->dual || i < 1 || i > sol->nrows)
        return false;
    int t = lp_row_period(top, i);
    const Lp *lp = t < 0 ? top : lp_part(top, t); /* the row's period's numbers */
    const Model *m = lp->m;
    double d = sol->dual[i];
    if (!(fabs(d) > DUAL_EPS))
        return false;
    int st = sol->rstat ? sol->rstat[i] : GLP_NU;
    if (st == GLP_BS || st == GLP_NF)
        return false;
    bool lower = st == GLP_NL;
    RowRef ref = rep_row_ref(lp, i);
    if (ref.known && row_plant_idle(lp, sol, ref))
        return false; /* a closed plant's limits are worth nothing while it is closed */
    if (rep_unused_row(top, sol, i))
        return false; /* not a limit anybody set: rep_unused says it */
    if (!ref.known) {
        char tmp[32];
        buf_puts(b, "`");
        rep_name(b, rep_row_name(lp, i, tmp, sizeof tmp));
        buf_puts(b, "`");
        return true;
    }
    switch (ref.kind) {
    case RK_SUPPLY:
        buf_puts(b, lower ? "contracted minimum supply at " : "supply at ");
        rep_name(b, rep_disp(&m->farms[ref.index].n));
        break;
    case RK_INTAKE:
    case RK_INTAKE_MIN:
        buf_puts(b, lower || ref.kind == RK_INTAKE_MIN ? "minimum intake at "
                                                       : "intake capacity at ");
        rep_name(b, rep_disp(&m->plants[ref.index].n));
        break;
    case RK_MILK:
        buf_puts(b, "raw milk on hand at ");
        rep_name(b, rep_disp(&m->plants[ref.index].n));
        break;
    case RK_COMPONENT:
        /* "one more tonne of milk fat at City Dairy" */
        buf_puts(b, "milk ");
        rep_name(b, rep_disp(&m->components[lp_row_item(lp, ref.kind, ref.index)]));
        buf_puts(b, " at ");
        rep_name(b, rep_disp(&m->plants[lp_row_plant(lp, ref.kind, ref.index)].n));
        break;
    case RK_GRADE:
        /* "one more tonne of raw milk of grade extra or better at City Dairy" */
        buf_puts(b, "raw milk of grade ");
        rep_name(b, rep_disp(&m->grades[lp_row_item(lp, ref.kind, ref.index)]));
        buf_puts(b, " or better at ");
        rep_name(b, rep_disp(&m->plants[lp_row_plant(lp, ref.kind, ref.index)].n));
        break;
    case RK_OUTPUT:
    case RK_OUTPUT_MIN:
    case RK_STOCK: {
        const ProdLine *ln = &m->lines[ref.index];
        if (ref.kind == RK_OUTPUT_MIN || (ref.kind == RK_OUTPUT && lower))
            buf_puts(b, "minimum ");
        rep_name(b, rep_disp(&m->products[ln->product].n));
        buf_puts(b, ref.kind == RK_STOCK ? " on hand at " : " output at ");
        rep_name(b, rep_disp(&m->plants[ln->plant].n));
        break;
    }
    case RK_STORE: {
        /* "one more tonne of Butter storage at Dairy in jun" */
        const Store *st = &m->stores[ref.index];
        rep_name(b, rep_disp(&m->products[st->product].n));
        buf_puts(b, " storage at ");
        rep_name(b, rep_disp(&m->plants[st->plant].n));
        break;
    }
    case RK_DEMAND: {
        /* a fixed demand (lo = hi) is one the market must take too */
        const DemandClass *dc = &lp->classes[ref.index];
        lower = lower || st == GLP_NS;
        rep_name(b, rep_disp(&m->products[dc->product].n));
        buf_puts(b, lower ? " that " : " demand at ");
        rep_name(b, rep_disp(&m->markets[dc->market].n));
        if (lower)
            buf_puts(b, " must take");
        strategy_words(b, m, dc);
        break;
    }
    }
    in_period(b, top, t);
    return true;
}

/* "one more tonne of butter output at City Dairy is worth 412.00 BYN":
 * row i binds (at a bound, with a non-zero dual).  Returns false, writing
 * nothing, when it does not. */
bool rep_binding(Buf *b, const Lp *top, const Solution *sol, int i)
{
    Buf noun = {0};
    bool binds = rep_limit_noun(&noun, top, sol, i);
    if (binds) {
        buf_printf(b, "one more tonne of %s ", buf_str(&noun));
        buf_worth(b, top->m, sol->dual[i]); /* the currency is every period's */
    }
    buf_free(&noun);
    return binds;
}

/* A shortfall in the model's words, naming entities as the source does:
 * "market `city` must take 150 t of butter; at most 96 t can be delivered".
 * `but` joins the requirement and what can be reached ("; " or ", but ");
 * the intake and lines of plant `self` (or none: -1) are said as "it" and
 * "its line", for the sentence that says why that plant is closed. */
void rep_shortfall(Buf *b, const Lp *top, const Shortfall *sf, int self, const char *but)
{
    bool dated = sf->period >= 0 && sf->period < top->nperiods;
    const Lp *lp = dated ? lp_part(top, sf->period) : top;
    const Model *m = lp->m;
    if (dated) { /* "in jun, market `city` must ..." */
        buf_puts(b, "in ");
        rep_name(b, rep_disp(&top->m->periods[sf->period].n));
        buf_puts(b, ", ");
    }
    NumStr req = rep_tonnes_short(sf->required), got = rep_tonnes_short(sf->achievable);
    switch (sf->kind) {
    case SF_SUPPLY:
        if (sf->index < 0 || sf->index >= m->nfarms)
            break;
        buf_puts(b, "farm `");
        rep_name(b, m->farms[sf->index].n.name);
        buf_printf(b, "` must deliver at least %s t (contract)%sat most %s t can be taken",
                   req.s, but, got.s);
        return;
    case SF_INTAKE:
        if (sf->index < 0 || sf->index >= m->nplants)
            break;
        if (sf->index == self) {
            buf_puts(b, "it");
        } else {
            buf_puts(b, "plant `");
            rep_name(b, m->plants[sf->index].n.name);
            buf_puts(b, "`");
        }
        buf_printf(b, " must take in at least %s t of raw milk%sat most %s t can reach it",
                   req.s, but, got.s);
        return;
    case SF_OUTPUT:
        if (sf->index < 0 || sf->index >= m->nlines)
            break;
        buf_puts(b, m->lines[sf->index].plant == self ? "its line `" : "line `");
        rep_name(b, m->products[m->lines[sf->index].product].n.name);
        if (m->lines[sf->index].plant != self) {
            buf_puts(b, "` at `");
            rep_name(b, m->plants[m->lines[sf->index].plant].n.name);
        }
        buf_printf(b, "` must make at least %s t%sat most %s t can be made", req.s, but, got.s);
        return;
    case SF_DEMAND: {
        if (sf->index < 0 || sf->index >= lp->nclasses)
            break;
        const DemandClass *dc = &lp->classes[sf->index];
        buf_puts(b, "market `");
        rep_name(b, m->markets[dc->market].n.name);
        buf_printf(b, "` must take %s t of ", req.s);
        rep_name(b, m->products[dc->product].n.name);
        if (dc->strategy >= 0) {
            buf_puts(b, " (strategy `");
            rep_name(b, m->strategies[dc->strategy].n.name);
            buf_puts(b, "`)");
        }
        buf_printf(b, "%sat most %s t can be delivered", but, got.s);
        return;
    }
    }
    buf_printf(b, "a lower bound of %s t cannot be met%sat most %s t can be reached", req.s,
               but, got.s);
}

static void line_words(Buf *b, const Model *m, int l)
{
    buf_puts(b, "line `");
    rep_name(b, m->products[m->lines[l].product].n.name);
    buf_puts(b, "` at `");
    rep_name(b, m->plants[m->lines[l].plant].n.name);
    buf_puts(b, "`");
}

/* "at most 400 t", "between 150 and 380 t", "exactly 300 t": a row's
 * bounds as the model wrote them (the elastic re-solve that names limits
 * does not say which side holds). */
static void buf_range(Buf *b, Range r)
{
    if (r.lo == r.hi)
        buf_printf(b, "exactly %s t", rep_tonnes_short(r.hi).s);
    else if (r.lo > 0 && isfinite(r.hi))
        buf_printf(b, "between %s and %s t", rep_tonnes_short(r.lo).s, rep_tonnes_short(r.hi).s);
    else if (r.lo > 0)
        buf_printf(b, "at least %s t", rep_tonnes_short(r.lo).s);
    else
        buf_printf(b, "at most %s t", rep_tonnes_short(r.hi).s);
}

static void limit_words(Buf *b, const Lp *top, const Lp *lp, int row);

/* A limit row in the model's words: "line `butter` at `city_dairy`: at
 * most 400 t", and its period: "line `butter` at `city_dairy` in jun: ...". */
static void limit_text(Buf *b, const Lp *top, int row)
{
    int t = lp_row_period(top, row);
    if (t < 0) {
        limit_words(b, top, top, row);
        return;
    }
    /* the period after the entity: "plant `dairy` in winter: its lines ..." */
    Buf w = {0};
    limit_words(&w, top, lp_part(top, t), row);
    const char *text = buf_str(&w), *colon = strstr(text, "`: ");
    size_t head = colon ? (size_t)(colon - text) + 1 : w.len;
    buf_putn(b, text, head);
    in_period(b, top, t);
    buf_puts(b, text + head);
    buf_free(&w);
}

/* Why plant p of lp (a part of top) is closed, after a colon. */
static const char *closed_words(const Lp *top, const Lp *lp, int p)
{
    return top != lp && !top->m->plants[p].closed ? "shut for the period"
                                                    : "closed by the scenario";
}

static void limit_words(Buf *b, const Lp *top, const Lp *lp, int row)
{
    const Model *m = lp->m;
    RowRef ref = rep_row_ref(lp, row);
    int i = ref.index;
    if (!ref.known) {
        char tmp[32];
        buf_puts(b, "constraint `");
        rep_name(b, rep_row_name(lp, row, tmp, sizeof tmp));
        buf_puts(b, "`");
        return;
    }
    switch (ref.kind) {
    case RK_SUPPLY:
        buf_puts(b, "farm `");
        rep_name(b, m->farms[i].n.name);
        buf_puts(b, "`: delivers ");
        buf_range(b, m->farms[i].supply);
        return;
    case RK_INTAKE:
    case RK_INTAKE_MIN:
    case RK_MILK: {
        const Plant *pl = &m->plants[i];
        buf_puts(b, "plant `");
        rep_name(b, pl->n.name);
        if (pl->closed) {
            buf_printf(b, "`: %s", closed_words(top, lp, i));
        } else if (ref.kind == RK_MILK) {
            buf_puts(b, "`: its lines use no more raw milk than it takes in");
        } else {
            buf_puts(b, "`: takes in ");
            buf_range(b, ref.kind == RK_INTAKE && lp->col_open[i]
                             ? (Range){0, pl->capacity.hi}
                         : ref.kind == RK_INTAKE_MIN ? (Range){pl->capacity.lo, INFINITY}
                                                     : pl->capacity);
            buf_puts(b, lp->col_open[i] ? " of raw milk when open" : " of raw milk");
        }
        return;
    }
    case RK_OUTPUT:
    case RK_OUTPUT_MIN:
    case RK_STOCK: {
        const ProdLine *ln = &m->lines[i];
        line_words(b, m, i);
        if (ref.kind == RK_STOCK && lp_line_stored(m, i)) {
            buf_puts(b, ": ships and stores no more than it makes and has in stock");
        } else if (m->plants[ln->plant].closed) {
            buf_printf(b, ": the plant is %s", closed_words(top, lp, ln->plant));
        } else if (ref.kind == RK_STOCK) {
            buf_puts(b, ": ships no more than it makes");
        } else {
            buf_puts(b, ": ");
            bool optional = lp->col_open[ln->plant] != 0;
            buf_range(b, ref.kind == RK_OUTPUT && optional ? (Range){0, ln->output.hi}
                         : ref.kind == RK_OUTPUT_MIN       ? (Range){ln->output.lo, INFINITY}
                                                           : ln->output);
            if (optional)
                buf_puts(b, " when open");
        }
        return;
    }
    case RK_COMPONENT:
    case RK_GRADE: {
        const Plant *pl = &m->plants[lp_row_plant(lp, ref.kind, i)];
        const Named *item = ref.kind == RK_COMPONENT
                                ? &m->components[lp_row_item(lp, ref.kind, i)]
                                : &m->grades[lp_row_item(lp, ref.kind, i)];
        buf_puts(b, "plant `");
        rep_name(b, pl->n.name);
        if (pl->closed) {
            buf_printf(b, "`: %s", closed_words(top, lp, lp_row_plant(lp, ref.kind, i)));
        } else if (ref.kind == RK_COMPONENT) {
            buf_puts(b, "`: its products contain no more ");
            rep_name(b, item->name);
            buf_puts(b, " than the milk it takes in");
        } else {
            buf_puts(b, "`: its lines use no more milk of grade `");
            rep_name(b, item->name);
            buf_puts(b, "` or better than it takes in");
        }
        return;
    }
    case RK_STORE: {
        const Store *st = &m->stores[i];
        buf_puts(b, "storage of `");
        rep_name(b, m->products[st->product].n.name);
        buf_puts(b, "` at `");
        rep_name(b, m->plants[st->plant].n.name);
        buf_printf(b, "`: holds at most %s t", rep_tonnes_short(st->capacity).s);
        return;
    }
    case RK_DEMAND: {
        const DemandClass *dc = &lp->classes[i];
        buf_puts(b, "market `");
        rep_name(b, m->markets[dc->market].n.name);
        buf_puts(b, "`: takes ");
        buf_range(b, dc->volume);
        buf_puts(b, " of ");
        rep_name(b, m->products[dc->product].n.name);
        if (dc->strategy >= 0) {
            buf_puts(b, " (strategy `");
            rep_name(b, m->strategies[dc->strategy].n.name);
            buf_puts(b, "`)");
        }
        return;
    }
    }
}

/* " would cost 12.00 BYN of profit" (or "add", "take off the cost"):
 * delta is the change of the objective per tonne of the option (a reduced
 * cost, or the dual of a row held at 0). */
static void buf_option(Buf *b, const Model *m, double delta)
{
    bool profit = rep_profit_model(m);
    double loss = profit ? -delta : delta; /* what the objective loses per tonne */
    NumStr v = rep_money(fabs(loss));
    bool gain = loss < 0 && strcmp(v.s, "0.00") != 0;
    if (profit)
        buf_printf(b, " would %s %s%s%s of profit", gain ? "add" : "cost", v.s,
                   rep_cur(m)[0] ? " " : "", rep_cur(m));
    else
        buf_printf(b, " would %s %s%s%s %s the cost", gain ? "take" : "add", v.s,
                   rep_cur(m)[0] ? " " : "", rep_cur(m), gain ? "off" : "to");
}

/* "sending a tonne from south to City Dairy would cost 12.00 BYN of
 * profit": the reduced cost of an unused milk route. */
void rep_route(Buf *b, const Model *m, int r, double dj)
{
    const Route *rt = &m->routes[r];
    buf_puts(b, "sending a tonne from ");
    rep_name(b, rep_disp(&m->farms[rt->from].n));
    buf_puts(b, " to ");
    rep_name(b, rep_disp(&m->plants[rt->to].n));
    buf_option(b, m, dj);
}

bool rep_unused_row(const Lp *top, const Solution *sol, int i)
{
    if (!sol->dual || !sol->rstat || i < 1 || i > sol->nrows || !top->P ||
        !(fabs(sol->dual[i]) > DUAL_EPS))
        return false;
    int st = sol->rstat[i], type = glp_get_row_type(top->P, i);
    if (!(st == GLP_NL || (st == GLP_NS && type == GLP_FX)) || glp_get_row_lb(top->P, i) != 0)
        return false;
    RowRef ref = rep_row_ref(top, i);
    return ref.known && (ref.kind == RK_SUPPLY || ref.kind == RK_INTAKE ||
                         ref.kind == RK_OUTPUT || ref.kind == RK_DEMAND);
}

bool rep_unused(Buf *b, const Lp *top, const Solution *sol, int i)
{
    if (!rep_unused_row(top, sol, i))
        return false;
    int t = lp_row_period(top, i);
    const Lp *lp = t < 0 ? top : lp_part(top, t);
    const Model *m = lp->m;
    RowRef ref = rep_row_ref(lp, i);
    switch (ref.kind) {
    case RK_SUPPLY:
        buf_puts(b, "buying a tonne of milk from ");
        rep_name(b, rep_disp(&m->farms[ref.index].n));
        break;
    case RK_INTAKE:
        buf_puts(b, "taking a tonne of milk into ");
        rep_name(b, rep_disp(&m->plants[ref.index].n));
        break;
    case RK_OUTPUT:
        buf_puts(b, "making a tonne of ");
        rep_name(b, rep_disp(&m->products[m->lines[ref.index].product].n));
        buf_puts(b, " at ");
        rep_name(b, rep_disp(&m->plants[m->lines[ref.index].plant].n));
        break;
    default: {
        const DemandClass *dc = &lp->classes[ref.index];
        buf_puts(b, "selling a tonne of ");
        rep_name(b, rep_disp(&m->products[dc->product].n));
        buf_puts(b, " to ");
        rep_name(b, rep_disp(&m->markets[dc->market].n));
        strategy_words(b, m, dc);
        break;
    }
    }
    in_period(b, top, t);
    buf_option(b, m, sol->dual[i]);
    return true;
}

const char *rep_status_word(SolveStatus s)
{
    switch (s) {
    case SOL_OPTIMAL: return "optimal";
    case SOL_INFEASIBLE: return "infeasible";
    case SOL_UNBOUNDED: return "unbounded";
    case SOL_FAILED: return "failed";
    case SOL_TIME_LIMIT: return "time limit";
    case SOL_INTERRUPTED: return "interrupted";
    }
    return "failed";
}

const char *rep_sol_status_word(const Solution *sol)
{
    return sol->status == SOL_OPTIMAL && sol->within_gap ? "within gap"
                                                          : rep_status_word(sol->status);
}

/* A bounded run's bound and gap (solve.h), when known: "best bound: 1234.00
 * (gap 0.41%)". */
static void bound_line(FILE *out, const Solution *sol)
{
    if (isnan(sol->bound))
        return;
    fprintf(out, "best bound: %s", rep_money(sol->bound).s);
    if (!isnan(sol->gap))
        fprintf(out, " (gap %.2f%%)", 100 * sol->gap);
    fputc('\n', out);
}

/* One sentence for a run without a plan (and what GLPK said). */
void rep_status_sentence(FILE *out, const char *prefix, const Model *m,
                         const Solution *sol)
{
    fputs(prefix, out);
    switch (sol->status) {
    case SOL_OPTIMAL:
        if (sol->within_gap) {
            fputs("within gap — the search stopped at the relative gap asked for (--gap): "
                  "the plan is not proved optimal, and no plan is better than the bound\n", out);
            bound_line(out, sol);
            return;
        }
        fputs("optimal\n", out);
        return;
    case SOL_TIME_LIMIT:
    case SOL_INTERRUPTED:
        fprintf(out, "%s — the solver was stopped %s; ",
                sol->status == SOL_TIME_LIMIT ? "time limit" : "interrupted",
                sol->status == SOL_TIME_LIMIT ? "at the time limit (--time-limit)"
                                              : "by Ctrl-C (SIGINT)");
        fputs(sol->partial ? "the plan below is the best found so far, not proved optimal, "
                             "and has no shadow prices\n"
                           : "no plan meeting every constraint had been found yet\n", out);
        bound_line(out, sol);
        break;
    case SOL_INFEASIBLE:
        fputs("infeasible — no plan meets every lower bound of the model\n", out);
        return;
    case SOL_UNBOUNDED:
        fprintf(out, "unbounded — the %s can %s without limit: some quantity has no "
                     "upper bound\n",
                rep_profit_model(m) ? "profit" : "cost", rep_profit_model(m) ? "grow" : "fall");
        break;
    case SOL_FAILED:
        fputs("failed — the solver stopped without finding a plan\n", out);
        break;
    }
    if (sol->message[0]) {
        Buf b = {0};
        rep_name(&b, sol->message);
        fprintf(out, "solver: %s\n", buf_str(&b));
        buf_free(&b);
    }
}

/* What holds shortfall sf back, under "limited by:" (indent: the
 * shortfall's own): its limit rows, then each optional plant the plan
 * keeps closed — "plant `p` is closed: open, it must take in at least 50 t
 * of raw milk, but at most 10 t can reach it" and, under it, what limits
 * that in the plan with the plant open. */
static void text_limits(const Lp *lp, const Shortfall *sf, int indent, FILE *out)
{
    if (sf->nlimits + sf->nclosed <= 0)
        return;
    fprintf(out, "%*slimited by:\n", indent + 2, "");
    Buf b = {0};
    for (int k = 0; k < sf->nlimits && sf->limits; k++) {
        buf_clear(&b);
        limit_text(&b, lp, sf->limits[k]);
        fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
    }
    for (int k = 0; k < sf->nclosed && sf->closed; k++) {
        const Closure *c = &sf->closed[k];
        buf_clear(&b);
        buf_puts(&b, "plant `");
        rep_name(&b, lp->m->plants[c->plant].n.name);
        buf_puts(&b, "` is closed");
        if (!c->explained || c->nwhen_open <= 0 || !c->when_open) {
            fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
            continue;
        }
        buf_puts(&b, ": open,");
        if (c->nwhen_open == 1) {
            buf_puts(&b, " ");
            rep_shortfall(&b, lp, &c->when_open[0], c->plant, ", but ");
            fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
            text_limits(lp, &c->when_open[0], indent + 4, out);
            continue;
        }
        fprintf(out, "%*s%s\n", indent + 4, "", buf_str(&b));
        for (int w = 0; w < c->nwhen_open; w++) {
            buf_clear(&b);
            rep_shortfall(&b, lp, &c->when_open[w], c->plant, ", but ");
            fprintf(out, "%*s%s\n", indent + 6, "", buf_str(&b));
            text_limits(lp, &c->when_open[w], indent + 6, out);
        }
    }
    buf_free(&b);
}

/* The shortfalls of an infeasible solution, each with its limits. */
void rep_shortfalls(const Lp *lp, const Solution *sol, const char *indent, FILE *out)
{
    if (sol->nshortfalls == 0 || !sol->shortfalls) {
        fprintf(out, "%sno single lower bound could be named as the cause\n", indent);
        return;
    }
    Buf b = {0};
    for (int i = 0; i < sol->nshortfalls; i++) {
        const Shortfall *sf = &sol->shortfalls[i];
        buf_clear(&b);
        rep_shortfall(&b, lp, sf, -1, "; ");
        fprintf(out, "%s%s\n", indent, buf_str(&b));
        text_limits(lp, sf, (int)strlen(indent), out);
    }
    buf_free(&b);
}
