/* model.c — freeing, summarising and dumping the checked model. */
#include "model.h"

#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void model_free(Model *m)
{
    if (!m)
        return;
    free(m->products);
    free(m->farms);
    free(m->plants);
    free(m->lines);
    free(m->markets);
    free(m->demands);
    free(m->routes);
    free(m->strategies);
    free(m->lets);
    free(m->segments);
    free(m->scenarios);
    for (int i = 0; i < m->customers.ncols; i++) {
        free(m->customers.cols[i].num);
        free(m->customers.cols[i].text);
    }
    free(m->customers.strings);
    free(m->customers.row_offset);
    free(m->customers.id_text);
    free(m->customers.id_at);
    m->customers.id_text = NULL;
    m->customers.id_at = NULL;
    m->products = NULL;
    m->farms = NULL;
    m->plants = NULL;
    m->lines = NULL;
    m->markets = NULL;
    m->demands = NULL;
    m->routes = NULL;
    m->strategies = NULL;
    m->lets = NULL;
    m->segments = NULL;
    m->scenarios = NULL;
    m->customers.ncols = 0;
    m->customers.strings = NULL;
    m->customers.row_offset = NULL;
}

static const char *plural(long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void model_summary_line(const Model *m, const char *path, FILE *out)
{
    fprintf(out, "%s: ok: %d %s, %d %s, %d %s, %d %s, %d %s",
            path, m->nproducts, plural(m->nproducts, "product", "products"),
            m->nfarms, plural(m->nfarms, "farm", "farms"),
            m->nplants, plural(m->nplants, "plant", "plants"),
            m->nmarkets, plural(m->nmarkets, "market", "markets"),
            m->nroutes, plural(m->nroutes, "route", "routes"));
    if (m->customers.present)
        fprintf(out, ", %zu %s, %d %s", m->customers.n,
                plural((long)m->customers.n, "customer", "customers"), m->nsegments,
                plural(m->nsegments, "segment", "segments"));
    if (m->nscenarios)
        fprintf(out, ", %d %s", m->nscenarios, plural(m->nscenarios, "scenario", "scenarios"));
    if (m->ncomponents)
        fprintf(out, ", %d %s", m->ncomponents, plural(m->ncomponents, "component", "components"));
    if (m->ngrades)
        fprintf(out, ", %d %s", m->ngrades, plural(m->ngrades, "grade", "grades"));
    if (m->nperiods)
        fprintf(out, ", %d %s", m->nperiods, plural(m->nperiods, "period", "periods"));
    if (m->nstores)
        fprintf(out, ", %d %s", m->nstores, plural(m->nstores, "store", "stores"));
    fputc('\n', out);
}

static const char *disp(const Named *n)
{
    return n->label ? n->label : n->name;
}

static void put_range(FILE *out, Range r, const char *unit)
{
    if (r.lo == 0)
        fprintf(out, "%.10g %s", r.hi, unit);
    else
        fprintf(out, "%.10g..%.10g %s", r.lo, r.hi, unit);
}

void model_summary(const Model *m, FILE *out)
{
    const char *cur = m->currency[0] ? m->currency : "";
    fprintf(out, "model: %s\n", m->title ? m->title : "(untitled)");
    fprintf(out, "objective: %s\n",
            m->objective == OBJ_MAX_PROFIT ? "maximize profit" : "minimize cost");
    if (cur[0])
        fprintf(out, "currency: %s\n", cur);
    double supply_lo = 0, supply_hi = 0, cap = 0;
    for (int i = 0; i < m->nfarms; i++) {
        supply_lo += m->farms[i].supply.lo;
        supply_hi += m->farms[i].supply.hi;
    }
    for (int i = 0; i < m->nplants; i++)
        cap += m->plants[i].capacity.hi;
    fprintf(out, "\nproducts (%d):\n", m->nproducts);
    for (int i = 0; i < m->nproducts && i < 12; i++) {
        const Product *p = &m->products[i];
        if (p->has_milk)
            fprintf(out, "  %-14s %-28s %.10g t milk/t", p->n.name, disp(&p->n), p->milk);
        else
            fprintf(out, "  %-14s %-28s components only", p->n.name, disp(&p->n));
        for (int k = 0; k < m->ncomponents; k++)
            if (p->content[k] > 0)
                fprintf(out, ", %s %.10g%%", m->components[k].name, p->content[k] * 100);
        if (p->grade > 0)
            fprintf(out, ", grade %s", m->grades[p->grade].name);
        fputc('\n', out);
    }
    if (m->nproducts > 12)
        fprintf(out, "  ... and %d more\n", m->nproducts - 12);
    fprintf(out, "farms (%d): raw milk %.10g..%.10g t\n", m->nfarms, supply_lo, supply_hi);
    if (m->ncomponents) {
        fputs("components:", out);
        for (int k = 0; k < m->ncomponents; k++)
            fprintf(out, "%s %s", k ? "," : "", m->components[k].name);
        if (m->pay_by >= 0)
            fprintf(out, "; milk paid by %s %.10g%%", m->components[m->pay_by].name,
                    m->pay_basis * 100);
        fputc('\n', out);
    }
    if (m->ngrades) {
        fputs("grades (lowest first):", out);
        for (int k = 0; k < m->ngrades; k++)
            fprintf(out, "%s %s", k ? "," : "", m->grades[k].name);
        fputc('\n', out);
    }
    fprintf(out, "plants (%d): intake up to %.10g t\n", m->nplants, cap);
    for (int i = 0; i < m->nplants && i < 12; i++) {
        const Plant *p = &m->plants[i];
        int lines = 0;
        for (int j = 0; j < m->nlines; j++)
            lines += m->lines[j].plant == i;
        fprintf(out, "  %-14s %-28s ", p->n.name, disp(&p->n));
        put_range(out, p->capacity, "t");
        fprintf(out, ", %d %s%s\n", lines, plural(lines, "line", "lines"),
                p->optional ? ", optional" : "");
    }
    if (m->nplants > 12)
        fprintf(out, "  ... and %d more\n", m->nplants - 12);
    fprintf(out, "markets (%d):\n", m->nmarkets);
    for (int i = 0; i < m->nmarkets && i < 12; i++) {
        const Market *mk = &m->markets[i];
        fprintf(out, "  %-14s %s%s\n", mk->n.name, disp(&mk->n),
                mk->from_customers ? " (demand from customers)" : "");
        for (int j = 0; j < m->ndemands; j++) {
            const Demand *d = &m->demands[j];
            if (d->market != i)
                continue;
            fprintf(out, "    %-12s ", m->products[d->product].n.name);
            if (d->has_volume)
                put_range(out, d->volume, "t ");
            fprintf(out, "at %.10g %s/t\n", d->price, cur);
        }
    }
    if (m->nmarkets > 12)
        fprintf(out, "  ... and %d more\n", m->nmarkets - 12);
    int milk = 0;
    for (int i = 0; i < m->nroutes; i++)
        milk += m->routes[i].kind == ROUTE_MILK;
    fprintf(out, "routes (%d): %d farm → plant, %d plant → market\n", m->nroutes, milk,
            m->nroutes - milk);
    if (m->customers.present)
        fprintf(out, "customers: %zu, %d %s; %d %s, %d %s, %d %s\n", m->customers.n,
                m->customers.ncols, plural(m->customers.ncols, "column", "columns"), m->nlets,
                plural(m->nlets, "let", "lets"), m->nsegments,
                plural(m->nsegments, "segment", "segments"), m->nstrategies,
                plural(m->nstrategies, "strategy", "strategies"));
    else if (m->nstrategies)
        fprintf(out, "strategies: %d\n", m->nstrategies);
    for (int i = 0; i < m->nscenarios; i++)
        fprintf(out, "scenario %s: %s, %d %s\n", m->scenarios[i].n.name,
                disp(&m->scenarios[i].n), m->scenarios[i].nactions,
                plural(m->scenarios[i].nactions, "change", "changes"));
    for (int i = 0; i < m->nperiods; i++)
        fprintf(out, "period %s: %d %s\n", m->periods[i].n.name, m->periods[i].nactions,
                plural(m->periods[i].nactions, "change", "changes"));
    for (int i = 0; i < m->nstores; i++) {
        const Store *s = &m->stores[i];
        fprintf(out, "store %s at %s: up to %.10g t, %.10g %s/t a period, %.10g t at the start\n",
                disp(&m->products[s->product].n), disp(&m->plants[s->plant].n), s->capacity,
                s->cost, m->currency, s->start);
    }
}

/* Numbers in the dump: %.17g, so equal dumps mean equal doubles. */
static void g(FILE *out, double v)
{
    fprintf(out, " %.17g", v);
}

/* Text in the dump, quoted or not: escaped as a label in the language
 * (`\"`, `\\`, `\n`) and other control characters as \xHH, so that one
 * fact stays one line whatever a label or a CSV cell holds. */
static void dump_text(FILE *out, const char *s, bool quoted)
{
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)s; s && *p && plain; p++)
        plain = *p >= 0x20 && *p != 0x7f && *p != '"' && *p != '\\';
    if (quoted)
        fputc('"', out);
    if (plain)
        fputs(s ? s : "", out);
    else {
        Buf b = {0};
        text_put_escaped(&b, s, true);
        fputs(buf_str(&b), out);
        buf_free(&b);
    }
    if (quoted)
        fputc('"', out);
}

static void named(FILE *out, const char *kind, const Named *n)
{
    fprintf(out, "%s %s ", kind, n->name);
    dump_text(out, n->label ? n->label : "", true);
}

/* An expression in the dump: every operation in parentheses (the ones
 * written are not kept), a number as its value written and its unit text,
 * `[unit]`, so that two rules dump alike exactly when they mean the same. */
static void dump_expr(FILE *out, const RExpr *e)
{
    static const char *const ops[] = {
        [RX_AND] = "and", [RX_OR] = "or", [RX_EQ] = "==", [RX_NE] = "!=", [RX_LT] = "<",
        [RX_LE] = "<=", [RX_GT] = ">", [RX_GE] = ">=", [RX_ADD] = "+", [RX_SUB] = "-",
        [RX_MUL] = "*", [RX_DIV] = "/",
    };
    if (!e) {
        fputs("true", out);
        return;
    }
    switch (e->kind) {
    case RX_NUM: fprintf(out, "%.17g", e->written); if (e->unit) fprintf(out, "[%s]", e->unit); break;
    case RX_TEXT: dump_text(out, e->text, true); break;
    case RX_COLUMN: case RX_LET: fputs(e->text, out); break;
    case RX_BOOL: fputs(e->truth ? "true" : "false", out); break;
    case RX_NEG: fputs("(-", out); dump_expr(out, e->a); fputc(')', out); break;
    case RX_NOT: fputs("(not ", out); dump_expr(out, e->a); fputc(')', out); break;
    case RX_CALL:
        fprintf(out, "%s(", e->text);
        dump_expr(out, e->a);
        if (e->b) {
            fputc(',', out);
            dump_expr(out, e->b);
        }
        fputc(')', out);
        break;
    case RX_IN:
        fputc('(', out);
        dump_expr(out, e->a);
        fputs(" in(", out);
        for (int i = 0; i < e->nitems; i++) {
            if (i)
                fputc(',', out);
            dump_expr(out, e->items[i]);
        }
        fputs("))", out);
        break;
    default:
        fputc('(', out);
        dump_expr(out, e->a);
        fprintf(out, " %s ", ops[e->kind]);
        dump_expr(out, e->b);
        fputc(')', out);
    }
}

/* A farm's or product's component contents and grade: only in a model
 * with components or grades, so that other dumps stay as they were. */
static void dump_quality(FILE *out, const Model *m, const double *content, int grade)
{
    if (!m->ncomponents && !m->ngrades)
        return;
    fputs(" content", out);
    for (int k = 0; k < m->ncomponents; k++)
        g(out, content[k]);
    fprintf(out, " grade %d", grade);
}

/* A scenario's or a period's statements, one a line. */
static void dump_actions(FILE *out, const ScenarioAction *acts, int n)
{
    for (int j = 0; j < n; j++) {
        const ScenarioAction *a = &acts[j];
        fprintf(out, "  %d %d %d %d %d %d", (int)a->op, (int)a->kind, a->entity,
                (int)a->prop, a->product, a->is_range);
        g(out, a->value.lo); g(out, a->value.hi); g(out, a->ratio);
        if (a->prop == SP_CONTENT)
            fprintf(out, " component %d", a->component);
        if (a->prop == SP_OFFERS) {
            fputs(" offers", out);
            for (int k = 0; k < a->noffers; k++)
                fprintf(out, " %d", a->offers[k]);
        }
        fputc('\n', out);
    }
}

/* Periods and stores, only in a model with them, so that other dumps stay
 * as they were. */
static void dump_periods(FILE *out, const Model *m)
{
    for (int i = 0; i < m->nperiods; i++) {
        fprintf(out, "period %s\n", m->periods[i].n.name);
        dump_actions(out, m->periods[i].actions, m->periods[i].nactions);
    }
    for (int i = 0; i < m->nstores; i++) {
        const Store *s = &m->stores[i];
        fprintf(out, "store %d %d %d", s->plant, s->product, s->line);
        g(out, s->capacity); g(out, s->cost); g(out, s->start);
        fputc('\n', out);
    }
}

void model_dump(const Model *m, FILE *out)
{
    fputs("title ", out);
    dump_text(out, m->title ? m->title : "", true);
    fprintf(out, "\ncurrency %s\nobjective %d\n", m->currency, (int)m->objective);
    if (m->ncomponents) {
        fputs("components", out);
        for (int k = 0; k < m->ncomponents; k++)
            fprintf(out, " %s", m->components[k].name);
        fprintf(out, "\npay_by %d", m->pay_by);
        g(out, m->pay_basis);
        fputc('\n', out);
    }
    if (m->ngrades) {
        fputs("grades", out);
        for (int k = 0; k < m->ngrades; k++)
            fprintf(out, " %s", m->grades[k].name);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nproducts; i++) {
        const Product *p = &m->products[i];
        named(out, "product", &p->n);
        g(out, p->milk);
        fprintf(out, " price %d", p->has_price);
        g(out, p->price);
        fprintf(out, " transport %d%s", p->has_transport, p->transport_is_own ? " own" : "");
        g(out, p->transport);
        if (m->ncomponents || m->ngrades)
            fprintf(out, " has_milk %d", p->has_milk);
        dump_quality(out, m, p->content, p->grade);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nfarms; i++) {
        const Farm *f = &m->farms[i];
        named(out, "farm", &f->n);
        g(out, f->supply.lo); g(out, f->supply.hi); g(out, f->price);
        if (f->has_at) { g(out, f->lat); g(out, f->lon); }
        dump_quality(out, m, f->content, f->grade);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nplants; i++) {
        const Plant *p = &m->plants[i];
        named(out, "plant", &p->n);
        g(out, p->capacity.lo); g(out, p->capacity.hi); g(out, p->fixed);
        fprintf(out, " optional %d", p->optional);
        if (p->has_at) { g(out, p->lat); g(out, p->lon); }
        fputc('\n', out);
    }
    for (int i = 0; i < m->nlines; i++) {
        const ProdLine *l = &m->lines[i];
        fprintf(out, "line %d %d", l->plant, l->product);
        g(out, l->output.lo); g(out, l->output.hi); g(out, l->cost);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nmarkets; i++) {
        const Market *k = &m->markets[i];
        named(out, "market", &k->n);
        fprintf(out, " customers %d", k->from_customers);
        if (k->has_at) { g(out, k->lat); g(out, k->lon); }
        fputc('\n', out);
    }
    for (int i = 0; i < m->ndemands; i++) {
        const Demand *d = &m->demands[i];
        fprintf(out, "demand %d %d %d", d->market, d->product, d->has_volume);
        g(out, d->volume.lo); g(out, d->volume.hi); g(out, d->price);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nroutes; i++) {
        const Route *r = &m->routes[i];
        fprintf(out, "route %d %d %d %d", (int)r->kind, r->from, r->to, r->has_distance);
        g(out, r->distance); g(out, r->cost);
        fputc('\n', out);
    }
    fprintf(out, "transport %d", m->transport.has_milk);
    g(out, m->transport.milk);
    fprintf(out, " %d", m->transport.has_product);
    g(out, m->transport.product);
    fputc('\n', out);
    for (int i = 0; i < m->nstrategies; i++) {
        const Strategy *s = &m->strategies[i];
        named(out, "strategy", &s->n);
        g(out, s->volume.lo); g(out, s->volume.hi); g(out, s->price); g(out, s->service);
        if (s->offers) {
            fputs(" offers", out);
            for (int j = 0; j < s->noffers; j++)
                fprintf(out, " %d", s->offers[j]);
        }
        fputc('\n', out);
    }
    const Customers *c = &m->customers;
    if (c->present) {
        fprintf(out, "customers %zu\n", c->n);
        for (int j = 0; j < c->ncols; j++) {
            const Column *col = &c->cols[j];
            fputs("column ", out);
            dump_text(out, col->name, false);
            fprintf(out, " %d %d %d %d %d %d\n", (int)col->kind,
                    col->dim.mass, col->dim.money, col->dim.dist, col->dim.time, col->product);
            for (size_t i = 0; i < c->n; i++) {
                if (col->num) {
                    if (isnan(col->num[i]))
                        fputs(" -", out);
                    else
                        g(out, col->num[i]);
                } else if (col->kind == COL_ID) {
                    fputc(' ', out);
                    dump_text(out, c->id_text + c->id_at[i], true);
                } else if (col->text[i] < 0) {
                    fputs(" -", out);
                } else if (col->kind == COL_MARKET) {
                    fprintf(out, " %d", col->text[i]);
                } else {
                    fputc(' ', out);
                    dump_text(out, c->strings[col->text[i]], true);
                }
            }
            fputc('\n', out);
        }
    }
    for (int i = 0; i < m->nlets; i++) {
        fprintf(out, "let %s = ", m->lets[i].n.name);
        dump_expr(out, m->lets[i].expr);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nsegments; i++) {
        named(out, "segment", &m->segments[i].n);
        fprintf(out, " strategy %d when ", m->segments[i].strategy);
        dump_expr(out, m->segments[i].when);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nscenarios; i++) {
        named(out, "scenario", &m->scenarios[i].n);
        fputc('\n', out);
        dump_actions(out, m->scenarios[i].actions, m->scenarios[i].nactions);
    }
    dump_periods(out, m);
}
