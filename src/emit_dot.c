/* emit_dot.c — the chain as a Graphviz digraph.
 *
 * Left to right: a cluster of farms, one of plants, one of markets; one
 * node per entity, labelled with its label (else its name), one edge per
 * route in declaration order.  Node identifiers are the entities' names,
 * quoted (names are unique across kinds, so they never clash).  With flows,
 * each edge is labelled with its tonnes, rounded, a product route's per
 * product by name, and a route that carries nothing is dashed.  Optional plants are drawn dashed, closed ones dotted. */
#include "emit.h"
#include "text.h"

#include <math.h>
#include <stdio.h>

/* A DOT quoted string: `"` and `\` escaped, line breaks as \n, other
 * control characters as spaces. */
static void quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else {
            fputc(c < 0x20 || c == 0x7f ? ' ' : c, out);
        }
    }
    fputc('"', out);
}

static void node(FILE *out, const Named *n, const char *style)
{
    fputs("        ", out);
    quoted(out, n->name);
    fputs(" [label=", out);
    quoted(out, n->label ? n->label : n->name);
    if (style)
        fprintf(out, ", style=%s", style);
    fputs("];\n", out);
}

/* Less than a gram (1e-6 t) is solver noise: the route is unused. */
static bool unused(double v) { return fabs(v) < 1e-6; }

/* Route r's edge label: a milk route's tonnes, a product route's tonnes
 * per product in declaration order ("butter 150 t, milk32 8 000 t"),
 * rounded (text_rounded); an unused route is "0 t" and dashed. */
static void flow_label(FILE *out, const Model *m, const double *flows, int r)
{
    size_t nk = m->nproducts > 0 ? (size_t)m->nproducts : 1;
    const double *v = flows + (size_t)r * nk;
    int n = m->routes[r].kind == ROUTE_MILK ? 1 : m->nproducts;
    char num[32];
    bool any = false;
    fputs(" [label=\"", out);
    for (int k = 0; k < n; k++) {
        if (unused(v[k]))
            continue;
        text_rounded(num, sizeof num, v[k]);
        if (any)
            fputs(", ", out);
        if (m->routes[r].kind == ROUTE_PRODUCT)
            fprintf(out, "%s ", m->products[k].n.name);
        fprintf(out, "%s t", num);
        any = true;
    }
    fputs(any ? "\"]" : "0 t\", style=dashed]", out);
}

int emit_dot(const Model *m, const double *flows, FILE *out)
{
    fputs("digraph dairy {\n    graph [rankdir=LR", out);
    if (m->title) {
        fputs(", label=", out);
        quoted(out, m->title);
        fputs(", labelloc=t", out);
    }
    fputs("];\n", out);

    if (m->nfarms > 0) {
        fputs("\n    subgraph cluster_farms {\n        label=\"Farms\";\n        node [shape=ellipse];\n", out);
        for (int f = 0; f < m->nfarms; f++)
            node(out, &m->farms[f].n, NULL);
        fputs("    }\n", out);
    }
    if (m->nplants > 0) {
        fputs("\n    subgraph cluster_plants {\n        label=\"Plants\";\n        node [shape=box];\n", out);
        for (int p = 0; p < m->nplants; p++) {
            const Plant *pl = &m->plants[p];
            node(out, &pl->n, pl->closed ? "dotted" : pl->optional ? "dashed" : NULL);
        }
        fputs("    }\n", out);
    }
    if (m->nmarkets > 0) {
        fputs("\n    subgraph cluster_markets {\n        label=\"Markets\";\n        node [shape=house];\n",
              out);
        for (int k = 0; k < m->nmarkets; k++)
            node(out, &m->markets[k].n, NULL);
        fputs("    }\n", out);
    }

    if (m->nroutes > 0)
        fputc('\n', out);
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        bool milk = rt->kind == ROUTE_MILK;
        fputs("    ", out);
        quoted(out, milk ? m->farms[rt->from].n.name : m->plants[rt->from].n.name);
        fputs(" -> ", out);
        quoted(out, milk ? m->plants[rt->to].n.name : m->markets[rt->to].n.name);
        if (flows)
            flow_label(out, m, flows, r);
        fputs(";\n", out);
    }
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}
