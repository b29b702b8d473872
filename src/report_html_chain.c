/* report_html_chain.c — the chain of a plan as inline SVG: farms, plants
 * and markets, a line per route as wide as its tonnes, the entities whose
 * limits bind marked, every sentence in an SVG <title> (the tooltip).
 *
 * Placement: by latitude and longitude when every farm, plant and market
 * has them (an equirectangular projection, x = lon cos(mean lat), y = lat,
 * scaled into the box); else in three layers, farms, plants, markets, laid
 * out by Graphviz's dot (libgvc), whose positions, sizes and edge splines
 * are read back and drawn here, so both placements share one drawing.
 * Only the dot layout plugin is loaded (no configuration, no fonts):
 * Graphviz estimates text widths from its own metrics, so the layout is
 * the same on every machine with the same Graphviz. */
#include "report_html_int.h"

#include "xalloc.h"

#include <graphviz/gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

extern gvplugin_library_t gvplugin_dot_layout_LTX_library;

enum { N_FARM, N_PLANT, N_MARKET };

typedef struct {
    int kind;
    const char *label;  /* label or name */
    double x, y, w, h;  /* centre and size, px, y down */
    Buf tip;            /* the label, then a binding limit a line */
    bool binds, closed;
} Node;

typedef struct {
    int from, to, route;
    double t;           /* tonnes, every product */
    Buf label;          /* rounded, per product ("butter 150 t, milk32 8 000 t") */
    Buf tip;            /* exact, with labels */
    double *pts;        /* cubic Bezier: 1 + 3k points (x, y pairs); geo: 2 points */
    int npts;
    double lx, ly;      /* where its label goes */
    bool has_label;
} Edge;

typedef struct {
    const Model *m;
    Node *nodes;
    int nnodes;
    Edge *edges;
    int nedges;
    double w, h;
    bool geo;
} Chain;

static int farm_node(const Model *m, int f) { (void)m; return f; }
static int plant_node(const Model *m, int p) { return m->nfarms + p; }
static int market_node(const Model *m, int k) { return m->nfarms + m->nplants + k; }

/* The node of the entity GLPK row i limits, or -1. */
static int row_node(const Lp *lp, int i)
{
    const Model *m = lp->m;
    RowRef ref = rep_row_ref(lp, i);
    int t = lp_row_period(lp, i);
    const Lp *part = t >= 0 ? lp_part(lp, t) : lp;
    switch (ref.kind) { /* a row that binds is known: rep_binding named it */
    case RK_SUPPLY:
        return farm_node(m, ref.index);
    case RK_INTAKE:
    case RK_INTAKE_MIN:
    case RK_MILK:
        return plant_node(m, ref.index);
    case RK_OUTPUT:
    case RK_OUTPUT_MIN:
    case RK_STOCK:
        return plant_node(m, m->lines[ref.index].plant);
    case RK_COMPONENT:
    case RK_GRADE:
        return plant_node(m, lp_row_plant(part, ref.kind, ref.index));
    case RK_STORE:
        return plant_node(m, m->stores[ref.index].plant);
    case RK_DEMAND:
        return market_node(m, part->classes[ref.index].market);
    }
    return -1;
}

static void chain_nodes(Chain *c, const Lp *lp, const Solution *sol)
{
    const Model *m = c->m;
    c->nnodes = m->nfarms + m->nplants + m->nmarkets;
    c->nodes = xcalloc((size_t)c->nnodes + 1, sizeof(Node));
    for (int i = 0; i < c->nnodes; i++) {
        Node *n = &c->nodes[i];
        const Named *nm = i < m->nfarms ? &m->farms[i].n
                        : i < m->nfarms + m->nplants ? &m->plants[i - m->nfarms].n
                        : &m->markets[i - m->nfarms - m->nplants].n;
        n->kind = i < m->nfarms ? N_FARM : i < m->nfarms + m->nplants ? N_PLANT : N_MARKET;
        n->label = rep_disp(nm);
        n->closed = n->kind == N_PLANT && m->plants[i - m->nfarms].closed;
        rep_name(&n->tip, n->label);
    }
    Buf b = {0};
    for (int i = 1; i <= sol->nrows; i++) {
        buf_clear(&b);
        int k = rep_binding(&b, lp, sol, i) ? row_node(lp, i) : -1;
        if (k < 0 || k >= c->nnodes)
            continue;
        c->nodes[k].binds = true;
        buf_puts(&c->nodes[k].tip, "\n");
        buf_puts(&c->nodes[k].tip, buf_str(&b));
    }
    buf_free(&b);
}

/* The tonnes of each route and product, summed over the parts, at
 * [r * (nproducts + 1) + k] (a milk route's at k = 0). */
static double *route_flows(const Model *m, const Plan *plans, int n)
{
    size_t nk = (size_t)m->nproducts + 1;
    double *v = xcalloc((size_t)m->nroutes * nk + 1, sizeof(double));
    for (int t = 0; t < n; t++) { /* the caller has a plan */
        for (int r = 0; r < m->nroutes; r++)
            if (m->routes[r].kind == ROUTE_MILK)
                v[(size_t)r * nk] += plans[t].x[r];
        int nship;
        ShipRow *rows = rep_ship_rows(&plans[t], &nship);
        for (int i = 0; i < nship; i++)
            v[(size_t)rows[i].route * nk + (size_t)rows[i].product] += rows[i].t;
        free(rows);
    }
    return v;
}

/* One edge per route: its ends, tonnes, label and tooltip. */
static void chain_edges(Chain *c, const Plan *plans, int n)
{
    const Model *m = c->m;
    size_t nk = (size_t)m->nproducts + 1;
    double *v = route_flows(m, plans, n);
    c->nedges = m->nroutes;
    c->edges = xcalloc((size_t)c->nedges + 1, sizeof(Edge));
    char num[32];
    for (int r = 0; r < m->nroutes; r++) {
        const Route *rt = &m->routes[r];
        Edge *e = &c->edges[r];
        bool milk = rt->kind == ROUTE_MILK;
        e->route = r;
        e->from = milk ? farm_node(m, rt->from) : plant_node(m, rt->from);
        e->to = milk ? plant_node(m, rt->to) : market_node(m, rt->to);
        rep_name(&e->tip, c->nodes[e->from].label);
        buf_puts(&e->tip, " → ");
        rep_name(&e->tip, c->nodes[e->to].label);
        for (int k = 0; k < (milk ? 1 : m->nproducts); k++) {
            double t = v[(size_t)r * nk + (size_t)k];
            if (!(t > FLOW_EPS))
                continue;
            e->t += t;
            text_rounded(num, sizeof num, t);
            buf_printf(&e->label, "%s%s%s%s t", e->label.len ? ", " : "",
                       milk ? "" : m->products[k].n.name, milk ? "" : " ", num);
            buf_puts(&e->tip, "\n");
            if (!milk) {
                rep_name(&e->tip, rep_disp(&m->products[k].n));
                buf_puts(&e->tip, ": ");
            }
            buf_printf(&e->tip, "%s t", rep_tonnes(t).s);
        }
        if (!e->label.len)
            buf_puts(&e->tip, "\nunused");
    }
    free(v);
}

/* ------------------------------------------------------------ placement */

static bool all_placed(const Model *m)
{
    for (int f = 0; f < m->nfarms; f++)
        if (!m->farms[f].has_at)
            return false;
    for (int p = 0; p < m->nplants; p++)
        if (!m->plants[p].has_at)
            return false;
    for (int k = 0; k < m->nmarkets; k++)
        if (!m->markets[k].has_at)
            return false;
    return m->nfarms + m->nplants + m->nmarkets > 0;
}

enum { GEO_W = 860, GEO_H = 600, GEO_MARGIN = 40, GEO_LABEL_ROOM = 160 };

/* Equirectangular: x = lon cos(mean lat), y = -lat, the bounding box
 * scaled to fit GEO_W x GEO_H (one scale for both axes), room on the right
 * for the labels; edges straight, labels only in the tooltips. */
static void place_geo(Chain *c)
{
    const Model *m = c->m;
    double *lat = xmalloc(sizeof(double) * (size_t)c->nnodes);
    double *lon = xmalloc(sizeof(double) * (size_t)c->nnodes);
    double mean = 0;
    for (int i = 0; i < c->nnodes; i++) {
        int f = i, p = i - m->nfarms, k = p - m->nplants;
        lat[i] = f < m->nfarms ? m->farms[f].lat : p < m->nplants ? m->plants[p].lat : m->markets[k].lat;
        lon[i] = f < m->nfarms ? m->farms[f].lon : p < m->nplants ? m->plants[p].lon : m->markets[k].lon;
        mean += lat[i] / c->nnodes;
    }
    double k = cos(mean * M_PI / 180);
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; i < c->nnodes; i++) {
        x0 = fmin(x0, lon[i] * k), x1 = fmax(x1, lon[i] * k);
        y0 = fmin(y0, -lat[i]), y1 = fmax(y1, -lat[i]);
    }
    double room_w = GEO_W - 2 * GEO_MARGIN - GEO_LABEL_ROOM, room_h = GEO_H - 2 * GEO_MARGIN;
    double sx = x1 > x0 ? room_w / (x1 - x0) : INFINITY, sy = y1 > y0 ? room_h / (y1 - y0) : INFINITY;
    double s = fmin(sx, sy);
    if (!isfinite(s))
        s = 0;
    for (int i = 0; i < c->nnodes; i++) {
        c->nodes[i].x = GEO_MARGIN + (lon[i] * k - x0) * s;
        c->nodes[i].y = GEO_MARGIN + (-lat[i] - y0) * s;
        c->nodes[i].w = c->nodes[i].h = 14;
        for (int j = 0; j < i; j++) /* one place, several entities: one under the other */
            if (fabs(c->nodes[j].x - c->nodes[i].x) < 8 && fabs(c->nodes[j].y - c->nodes[i].y) < 8)
                c->nodes[i].y = c->nodes[j].y + 16;
    }
    c->w = 2 * GEO_MARGIN + (x1 - x0) * s + GEO_LABEL_ROOM;
    c->h = 2 * GEO_MARGIN + (y1 - y0) * s;
    for (int r = 0; r < c->nedges; r++) {
        Edge *e = &c->edges[r];
        e->npts = 2;
        e->pts = xmalloc(4 * sizeof(double));
        e->pts[0] = c->nodes[e->from].x, e->pts[1] = c->nodes[e->from].y;
        e->pts[2] = c->nodes[e->to].x, e->pts[3] = c->nodes[e->to].y;
    }
    free(lat);
    free(lon);
}

/* A DOT quoted string: `"` and `\` escaped, control characters as spaces. */
static void dot_quoted(Buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            buf_putc(b, '\\');
        buf_putc(b, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
    }
    buf_putc(b, '"');
}

/* The graph for dot: a rank per kind, sizes from the labels as drawn. */
static void dot_source(const Chain *c, Buf *b)
{
    static const char *const shape[] = {"ellipse", "box", "box"};
    buf_puts(b, "digraph chain {\n graph [rankdir=LR, nodesep=0.2, ranksep=0.9];\n"
                " node [fontname=\"Helvetica\", fontsize=11, margin=\"0.12,0.05\"];\n"
                " edge [fontname=\"Helvetica\", fontsize=10, arrowhead=none];\n");
    for (int kind = N_FARM; kind <= N_MARKET; kind++) {
        buf_puts(b, " { rank=same;");
        for (int i = 0; i < c->nnodes; i++)
            if (c->nodes[i].kind == kind)
                buf_printf(b, " n%d;", i);
        buf_puts(b, " }\n");
    }
    for (int i = 0; i < c->nnodes; i++) {
        buf_printf(b, " n%d [shape=%s, label=", i, shape[c->nodes[i].kind]);
        dot_quoted(b, c->nodes[i].label);
        buf_puts(b, "];\n");
    }
    for (int r = 0; r < c->nedges; r++) {
        const Edge *e = &c->edges[r];
        buf_printf(b, " n%d -> n%d [id=\"%d\"", e->from, e->to, r);
        if (e->label.len) {
            buf_puts(b, ", label=");
            dot_quoted(b, buf_str(&e->label));
        }
        buf_puts(b, "];\n");
    }
    buf_puts(b, "}\n");
}

/* Read dot's layout back (points, y up) as px with y down. */
static void read_layout(Chain *c, Agraph_t *g)
{
    enum { MARGIN = 8 };
    boxf bb = GD_bb(g);
    c->w = bb.UR.x - bb.LL.x + 2 * MARGIN;
    c->h = bb.UR.y - bb.LL.y + 2 * MARGIN;
#define PX(p) ((p).x - bb.LL.x + MARGIN)
#define PY(p) (bb.UR.y - (p).y + MARGIN)
    char name[32];
    for (int i = 0; i < c->nnodes; i++) {
        snprintf(name, sizeof name, "n%d", i);
        Agnode_t *n = agnode(g, name, 0); /* dot_source made every one */
        c->nodes[i].x = PX(ND_coord(n));
        c->nodes[i].y = PY(ND_coord(n));
        c->nodes[i].w = ND_width(n) * 72;
        c->nodes[i].h = ND_height(n) * 72;
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            Edge *ed = &c->edges[atoi(agget(e, "id"))]; /* every edge has its route */
            const bezier *bz = &ED_spl(e)->list[0]; /* no arrowheads: no sflag, eflag */
            ed->npts = bz->size;
            ed->pts = xmalloc(sizeof(double) * 2 * ((size_t)ed->npts + 1));
            for (int k = 0; k < bz->size; k++)
                ed->pts[2 * k] = PX(bz->list[k]), ed->pts[2 * k + 1] = PY(bz->list[k]);
            if (ED_label(e)) {
                ed->has_label = true;
                ed->lx = PX(ED_label(e)->pos);
                ed->ly = PY(ED_label(e)->pos);
            }
        }
    }
#undef PX
#undef PY
}

/* Lay the chain out in layers with Graphviz; -1 when it fails. */
static int place_layers(Chain *c)
{
    static lt_symlist_t builtins[] = {
        {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
        {0, 0},
    };
    Buf src = {0};
    dot_source(c, &src);
    GVC_t *gvc = gvContextPlugins(builtins, 0);
    Agraph_t *g = agmemread(buf_str(&src)); /* the graph of dot_source reads */
    int rc = gvLayout(gvc, g, "dot") == 0 ? 0 : -1;
    if (rc == 0) {
        read_layout(c, g);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    gvFreeContext(gvc);
    buf_free(&src);
    return rc;
}

/* ------------------------------------------------------------ drawing */

static const char *const kind_class[] = {"farm", "plant", "market"};

/* A route as wide as its tonnes (1 to 9 px, the widest route 9). */
static void draw_edge(const Edge *e, double tmax, bool geo, FILE *out)
{
    if (e->npts < 2)
        return;
    double w = e->t > FLOW_EPS && tmax > 0 ? 1 + 8 * e->t / tmax : 1;
    fprintf(out, "<g class=\"route%s\"><title>", e->t > FLOW_EPS ? "" : " unused");
    hx_esc(out, buf_str(&e->tip));
    fprintf(out, "</title><path stroke-width=\"%.1f\" d=\"M%.1f,%.1f", w, e->pts[0], e->pts[1]);
    int k = 1;
    for (; !geo && k + 2 < e->npts; k += 3)
        fprintf(out, " C%.1f,%.1f %.1f,%.1f %.1f,%.1f", e->pts[2 * k], e->pts[2 * k + 1],
                e->pts[2 * k + 2], e->pts[2 * k + 3], e->pts[2 * k + 4], e->pts[2 * k + 5]);
    for (; k < e->npts; k++)
        fprintf(out, " L%.1f,%.1f", e->pts[2 * k], e->pts[2 * k + 1]);
    fputs("\"/>", out);
    if (e->has_label) {
        fprintf(out, "<text class=\"flow\" x=\"%.1f\" y=\"%.1f\">", e->lx, e->ly + 3.5);
        hx_esc(out, buf_str(&e->label));
        fputs("</text>", out);
    }
    fputs("</g>\n", out);
}

/* An entity: its shape (a dot on a map), its label, and a ring and a "!"
 * badge when one of its limits binds. */
static void draw_node(const Node *n, bool geo, FILE *out)
{
    fprintf(out, "<g class=\"node %s%s%s\"><title>", kind_class[n->kind],
            n->binds ? " binds" : "", n->closed ? " closed" : "");
    hx_esc(out, buf_str(&n->tip));
    fputs("</title>", out);
    double x = n->x, y = n->y, w = n->w, h = n->h;
    if (n->kind == N_FARM)
        fprintf(out, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\"/>", x, y, w / 2, h / 2);
    else
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%d\"/>",
                x - w / 2, y - h / 2, w, h, n->kind == N_MARKET ? 8 : 2);
    if (geo)
        fprintf(out, "<text class=\"side\" x=\"%.1f\" y=\"%.1f\">", x + w / 2 + 4, y + 4);
    else
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", x, y + 4);
    hx_esc(out, n->label);
    fputs("</text>", out);
    if (n->binds)
        fprintf(out, "<circle class=\"badge\" cx=\"%.1f\" cy=\"%.1f\" r=\"6.5\"/>"
                     "<text class=\"badge\" x=\"%.1f\" y=\"%.1f\">!</text>",
                x + w / 2 - 2, y - h / 2 + 2, x + w / 2 - 2, y - h / 2 + 5.5);
    fputs("</g>\n", out);
}

static void chain_free(Chain *c)
{
    for (int i = 0; i < c->nnodes; i++)
        buf_free(&c->nodes[i].tip);
    for (int r = 0; r < c->nedges; r++) {
        buf_free(&c->edges[r].label);
        buf_free(&c->edges[r].tip);
        free(c->edges[r].pts);
    }
    free(c->nodes);
    free(c->edges);
}

int hx_chain(const Lp *lp, const Solution *sol, const Plan *plans, int n, FILE *out)
{
    Chain c = {.m = lp->m, .geo = all_placed(lp->m)};
    chain_nodes(&c, lp, sol);
    chain_edges(&c, plans, n);
    int rc = 0;
    if (c.geo)
        place_geo(&c);
    else
        rc = place_layers(&c);
    if (rc == 0) {
        double tmax = 0;
        for (int r = 0; r < c.nedges; r++)
            tmax = fmax(tmax, c.edges[r].t);
        fprintf(out, "<figure class=\"chain\">\n<svg class=\"chain\" viewBox=\"0 0 %.0f %.0f\" "
                     "width=\"%.0f\" role=\"img\" aria-label=\"the chain\">\n",
                ceil(c.w), ceil(c.h), fmin(ceil(c.w * (c.geo ? 1 : 1.5)), 1080)); /* dot's are points */
        for (int r = 0; r < c.nedges; r++)
            draw_edge(&c.edges[r], tmax, c.geo, out);
        for (int i = 0; i < c.nnodes; i++)
            draw_node(&c.nodes[i], c.geo, out);
        fprintf(out, "</svg>\n<figcaption><span class=\"sw farm\"></span> farms, "
                     "<span class=\"sw plant\"></span> plants, <span class=\"sw market\"></span> "
                     "markets. %s Line width: tonnes carried (the widest %s t). "
                     "<span class=\"key binds\">!</span> a limit binds there (its sentence "
                     "shows on pointing; all are listed below). Dashed: a route the plan leaves "
                     "unused.</figcaption>\n</figure>\n",
                c.geo ? "Placed by latitude and longitude." : "Left to right.",
                rep_tonnes_short(tmax).s);
    } else {
        fputs("<p class=\"error\">Graphviz could not lay the chain out.</p>\n", out);
    }
    chain_free(&c);
    return rc;
}
