/* lp.h — the program a model compiles to (language.md, "The program a model
 * compiles to").
 *
 * Sets: farms F, plants P, products K, markets M, demand classes D (one per
 * demand line; one per market, product and strategy for customer demand).
 * Variables, all >= 0, only for listed routes and lines:
 *   x[f,p]  raw milk on milk route f -> p              (one per milk route)
 *   y[p,k]  output of line k at plant p                (one per line)
 *   s[p,d]  product shipped from p to class d          (one per product route
 *           p -> m(d) where p has a line of k(d))
 *   open[p] in {0,1}, optional plants only
 * Rows:
 *   supply(f)        supply_lo <= sum_p x[f,p] <= supply_hi
 *   intake(p)        sum_f x[f,p] (- cap_hi open[p]) <= cap_hi  (>= cap_lo when
 *                    the plant is not optional)
 *   intake_min(p)    sum_f x[f,p] - cap_lo open[p] >= 0  (optional, cap_lo > 0)
 *   milk(p)          sum_k milk[k] y[p,k] - sum_f x[f,p] <= 0  (products with a
 *                    milk norm only)
 *   comp(p,c)        sum_k content[k,c] y[p,k] - sum_f content[f,c] x[f,p] <= 0
 *                    (components models: per component c some line of p
 *                    contains)
 *   grade(p,g)       sum_{k: grade(k) >= g} milk[k] y[p,k]
 *                    - sum_{f: grade(f) >= g} x[f,p] <= 0  (grades models: per
 *                    grade g above the lowest some line of p requires)
 *   output(p,k)      y[p,k] (- out_hi open[p]) <= out_hi  (>= out_lo if not optional)
 *   output_min(p,k)  y[p,k] - out_lo open[p] >= 0        (optional, out_lo > 0)
 *   stock(p,k)       sum_d s[p,d] - y[p,k] <= 0
 *   demand(d)        lo[d] <= sum_p s[p,d] <= hi[d]
 * Objective (maximize profit): revenue of s at price - service - haulage,
 * minus milk purchase (lp_farm_price) and haulage on x, processing on y, fixed costs (a
 * constant for plants that are not optional).  `minimize cost` minimises the
 * same costs without the revenue. */
#ifndef DAIRY_LP_H
#define DAIRY_LP_H

#include "arena.h"
#include "model.h"
#include "segment.h"

#include <glpk.h>
#include <stdbool.h>

/* A demand class: what one market may and must take of one product, at one
 * price (per strategy for customer demand, issue 4). */
typedef struct {
    int market, product;
    int strategy;         /* -1: a demand line */
    int demand;           /* the Demand it comes from, or -1 */
    Range volume;         /* t */
    double price;         /* currency per t, the strategy's change applied */
    double service;       /* currency per t served */
} DemandClass;

/* A shipment variable s[p,d]: product route `route` (plant -> market d's
 * market) carrying class d's product. */
typedef struct {
    int route, cls, plant, line;
    double unit_profit;   /* price - service - haulage, per t */
    double haulage;       /* currency per t */
} Shipment;

/* What a row stands for (row_kind), with row_index the entity. */
typedef enum {
    RK_SUPPLY,      /* farm */
    RK_INTAKE,      /* plant */
    RK_INTAKE_MIN,  /* plant */
    RK_MILK,        /* plant */
    RK_OUTPUT,      /* line */
    RK_OUTPUT_MIN,  /* line */
    RK_STOCK,       /* line */
    RK_DEMAND,      /* demand class */
    RK_COMPONENT,   /* plant * ncomponents + component (lp_row_plant, lp_row_item) */
    RK_GRADE,       /* plant * ngrades + grade */
    RK_STORE        /* store (Model.stores); its period in row_period */
} RowKind;
#define LP_ROW_FAMILIES (RK_STORE + 1)

/* What a column stands for (col_family). */
typedef enum {
    CF_X,           /* x(f,p): raw milk on a milk route */
    CF_Y,           /* y(p,k): a line's output */
    CF_S,           /* s(p,d): a shipment */
    CF_OPEN,        /* open(p): an optional plant runs */
    CF_INV,         /* inv(p,k,t): closing stock */
    CF_FIXED        /* fixed_costs: the constant, on a column fixed at 1 */
} ColFamily;
#define LP_COL_FAMILIES (CF_FIXED + 1)

/* A family of rows or columns, as `dairy explain` prints it and as lp.c
 * names its rows and columns: the one description of the program
 * (lp_family.c), so that the explanation cannot drift from what is built.
 * Formulas are in the small notation of explain_math.c: `x[f,p@]` is
 * x indexed by f and p, `@` standing for `,t` in a model with periods;
 * `sum{p}` a sum over p; `<=`, `>=`, `*` as written. */
typedef struct {
    const char *head;     /* the name head in row and column names: "supply" */
    const char *index;    /* the symbols of its index: "f", "p,k" ("" none) */
    bool by_period;       /* gains the period index t in a model with periods */
    const char *title;    /* a few words: "farm supply" */
    const char *formula;  /* rows: the constraint; columns: the variable's domain */
    const char *formula_alt;  /* rows: for an optional plant (NULL: none);
                                 stock: with periods */
    const char *meaning;  /* one sentence */
    const char *meaning_alt;  /* what formula_alt says, or NULL */
    const char *unit;     /* columns: the variable's unit ("t", "" for a ratio) */
    const char *obj_title;             /* columns: what its objective term is */
    const char *obj_profit, *obj_cost; /* columns: its objective term, or NULL */
} LpFamily;

extern const LpFamily lp_row_family[LP_ROW_FAMILIES];  /* by RowKind */
extern const LpFamily lp_col_family[LP_COL_FAMILIES];  /* by ColFamily */

typedef struct Lp {
    const Model *m;
    DemandClass *classes; int nclasses;
    Shipment *ships;      int nships;
    /* customer segmentation behind the customer demand classes */
    size_t *segment_count;  /* per segment: customers (NULL without customers) */
    size_t unsegmented;
    double *segment_base;   /* per segment, market and product, [(s * nmarkets
                               + k) * nproducts + p]: t of base volume of its
                               customers there (segment_base_volumes; NULL
                               without customers); a segment's share of its
                               class is its base over the class's */
    glp_prob *P;
    bool mip;             /* some plant is optional */
    double obj_const;     /* fixed costs of plants that are always open (negated for profit) */
    /* columns, 1-based GLPK indices; 0 where there is none */
    int *col_x;           /* per route (0 for product routes) */
    int *col_y;           /* per line */
    int *col_s;           /* per shipment */
    int *col_open;        /* per plant */
    /* rows, 1-based; 0 where there is none */
    int *row_supply;      /* per farm */
    int *row_intake, *row_intake_min;  /* per plant */
    int *row_milk;        /* per plant */
    int *row_output, *row_output_min;  /* per line */
    int *row_stock;       /* per line */
    int *row_demand;      /* per class */
    int *row_comp;        /* per plant and component: [p * ncomponents + c]
                             (NULL without components) */
    int *row_grade;       /* per plant and grade: [p * ngrades + g], 0 for the
                             lowest grade (NULL without grades) */
    int *row_kind;        /* [1..nrows] RowKind of each row */
    int *row_index;       /* [1..nrows] its farm, plant, line or class */
    int *col_family;      /* [1..ncols] ColFamily of each column (top Lp only) */
    double *route_cost;   /* per milk route: currency per t (rate x distance, or the
                             route's cost); product routes depend on the product:
                             see Shipment.haulage */
    /* Periods (language.md, "Periods and storage"); 0 and NULL without.
     * With periods, the fields above that belong to one period (classes,
     * ships, segment counts, col_x/y/s, every row_* array but row_kind
     * and row_index) are empty here and live in at[t], a part per period
     * laid out as the program of a model without periods: its m is the
     * period's model (base, the period's changes, the scenario), and it
     * shares P, row_kind and row_index with this Lp.  Here m is the model
     * with the scenario alone (names, stores, what no period changes). */
    int nperiods;
    struct Lp *at;
    int *col_inv;         /* per store and period: closing stock, [store * nperiods + t] */
    int *row_store;       /* per store and period: closing stock <= capacity, the same index */
                          /* (col_open is here too: one column for the horizon) */
    int *row_period;      /* [1..nrows] the period of each row */
    Arena arena;          /* the case's models (the scenario, the periods) */
} Lp;

/* The demand classes of a model's demand lines with a volume, in order.
 * lp_build adds the customer demand classes after them (language.md,
 * "Customers, segments and strategies"): for market m, product p and
 * strategy s, the bounds sum lo_s * v(c,p) .. sum hi_s * v(c,p) over the
 * customers c of m whose segment uses s (and whose strategy offers p; a
 * missing volume is 0), the price price(m,p) * (1 + price_s), price(m,p)
 * the market's `demand P price C` line, else the product's price, and
 * the service cost service_s. */
void lp_classes(const Model *m, DemandClass **out, int *n);

/* Build the GLPK problem.  The model must be checked (every index valid,
 * every rate a route needs present); seg is its customers' segmentation
 * (segment_run on m, or on the model a scenario of m was applied to: a
 * scenario does not change who is in which segment), which the customer
 * demand classes are summed from.  The segmentation is a stage of its
 * own: the caller runs it once and builds any number of programs from it.
 * Returns 0. */
int lp_build(const Model *m, const Segmentation *seg, Lp *lp);
/* The program of one case: base with scenario s applied (-1: none); with
 * periods, each period's model is base -> the period -> the scenario.  The
 * case's models live in lp->arena.  lp_build(m, seg, lp) is
 * lp_build_case(m, -1, seg, lp). */
int lp_build_case(const Model *base, int scenario, const Segmentation *seg, Lp *lp);
void lp_free(Lp *lp);

/* The parts of a program: lp_nparts is 1 without periods (the part is lp
 * itself), else the number of periods; lp_part(lp, t) is part t. */
int lp_nparts(const Lp *lp);
const Lp *lp_part(const Lp *lp, int t);
/* The period of a row, -1 without periods. */
int lp_row_period(const Lp *lp, int row);

/* The purchase price per t of farm f's milk: its price, or with `pay by C
 * B` its price x content[f,C] / B (language.md, "Milk components and
 * grades"). */
double lp_farm_price(const Model *m, int f);

/* The plant of an RK_COMPONENT or RK_GRADE row's index, and its component
 * or grade. */
int lp_row_plant(const Lp *lp, RowKind kind, int index);
int lp_row_item(const Lp *lp, RowKind kind, int index);

/* Whether line l's product may be kept in stock at its plant (a model
 * with periods and a `stores` line for it). */
bool lp_line_stored(const Model *m, int l);

/* Cost per t of moving milk or product along route r. */
double lp_route_cost(const Model *m, int r, int product);

/* A name GLPK's LP and MPS writers keep as it is: the model's name when it
 * is ASCII letters, digits and `_` (at most 60 bytes), else the kind's
 * letter and the index ("f12").  Written into buf. */
void lp_ident(const char *name, char kind, int index, char *buf, size_t size);

#endif
