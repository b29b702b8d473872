/* model.h — the checked model: the centre of the pipeline.
 *
 * Plain structs and arrays in declaration order (never hash order), every
 * quantity in base units (t, the model's currency, km, days, ratio 1 = 100%)
 * and every name resolved to an index.  Everything after `check` reads only
 * this; nothing here refers to GLPK. */
#ifndef DAIRY_MODEL_H
#define DAIRY_MODEL_H

#include "diag.h"
#include "entity.h"
#include "rexpr.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    double lo, hi;
} Range;

typedef struct {
    const char *name, *label; /* label NULL when none */
    Span span;
    bool bad;                 /* (checker) its declaration had an error already */
} Named;

typedef struct {
    Named n;
    bool has_milk;          /* a `milk` norm is given: always in a model
                               without components; in one with components
                               a product without a norm draws only its
                               components (language.md, "Milk components
                               and grades") */
    double milk;            /* t raw milk per t of product; 0 without a norm */
    double *content;        /* per component (Model.components): its share of
                               a tonne, ratio; 0 for one not given; NULL in a
                               model without components */
    int grade;              /* the lowest grade of milk it may be made from
                               (index into Model.grades, 0 the lowest, also
                               when the model has no grades) */
    bool has_price;
    double price;           /* currency per t */
    bool has_transport;
    double transport;       /* currency per t per km (own rate or transport block) */
    bool transport_is_own;  /* the rate is the product's own (its `transport`, a
                               products-table cell or its line in `transport`),
                               not the copied default `transport { product .. }`:
                               `scale transport product` leaves it alone */
} Product;

typedef struct {
    Named n;
    Range supply;           /* t; lo is a contracted minimum */
    double price;           /* currency per t (of milk at the basis content
                               when the model has `pay by`) */
    double *content;        /* per component, ratio; every one given; NULL in
                               a model without components */
    int grade;              /* the grade of its milk (index into Model.grades,
                               0 the lowest and the default) */
    bool has_at;
    double lat, lon;
} Farm;

typedef struct {
    Named n;
    Range capacity;         /* t of raw milk */
    double fixed;           /* currency */
    bool optional;
    bool closed;            /* a scenario closed it: no intake, output or fixed cost */
    bool forced_open;       /* a scenario opened it (`open plant`) */
    bool has_at;
    double lat, lon;
} Plant;

/* A plant's line: product, output range, processing cost. */
typedef struct {
    int plant, product;
    Range output;           /* t of product */
    double cost;            /* currency per t */
    Span span;
} ProdLine;

typedef struct {
    Named n;
    bool from_customers;    /* demand comes from customers (language.md,
                               "Customers, segments and strategies") */
    bool has_at;
    double lat, lon;
} Market;

/* `demand P R price C`; in a customers market `demand P price C` gives only
 * the price (has_volume false). */
typedef struct {
    int market, product;
    bool has_volume;
    Range volume;           /* t */
    double price;           /* currency per t, resolved (product price if omitted) */
    bool price_given;       /* written on the line, not taken from the product */
    Span span;
} Demand;

typedef enum { ROUTE_MILK, ROUTE_PRODUCT } RouteKind;

/* farm -> plant (milk) or plant -> market (products). */
typedef struct {
    RouteKind kind;
    int from, to;           /* farm/plant, plant/market indices */
    bool has_distance;
    double distance;        /* km */
    double cost;            /* currency per t, when !has_distance */
    Span span;
} Route;

typedef struct {
    bool has_milk, has_product;
    double milk;            /* currency per t per km, raw milk */
    double product;         /* default rate for every product */
    Span span;
} Transport;

typedef struct {
    Named n;
    Range volume;           /* ratio of base volume (1 = 100%) */
    double price;           /* ratio added to the market price */
    double service;         /* currency per t served */
    int *offers;            /* product indices; NULL = every product */
    int noffers;
} Strategy;

typedef enum { COL_ID, COL_MARKET, COL_VOLUME, COL_NUMBER, COL_TEXT } ColumnKind;

/* A customer column, stored column-wise.  Missing cells: NaN / -1.
 * Memory per customer is what the columns need and little more: a double
 * per numeric column, an int per text or market column, the id's bytes. */
typedef struct {
    const char *name;
    Span span;              /* the header cell */
    ColumnKind kind;
    Dim dim;                /* COL_NUMBER, COL_VOLUME (mass) */
    const char *unit;       /* as written in the header, or NULL */
    Unit file_unit;         /* the unit values are written in (ratio when none):
                               base value = file value * num / den */
    int product;            /* COL_VOLUME */
    double *num;            /* COL_NUMBER, COL_VOLUME: base units */
    int *text;              /* COL_TEXT: index into Customers.strings;
                               COL_MARKET: market index; COL_ID: NULL */
} Column;

typedef struct {
    bool present;           /* the model declares customers */
    Span span;              /* the customers declaration */
    const char *path;       /* CSV file, or NULL for an inline table */
    int32_t file;           /* source of the rows (the CSV's id, or the model's) */
    size_t n;               /* customers */
    Column *cols;
    int ncols;
    int id_col, market_col; /* -1 when absent */
    const char **strings;   /* interned text values (text columns) */
    size_t nstrings;
    char *id_text;          /* every id, NUL-terminated, one after another */
    uint32_t *id_at;        /* per customer: offset of its id in id_text */
    uint32_t *row_offset;   /* per customer: its row's byte offset, while checking
                               (for messages); NULL in a checked model */
} Customers;

typedef struct {
    Named n;
    const RExpr *expr;      /* resolved (rexpr.h); NULL only while checking,
                               when it had an error */
    ValueType type;
    Dim dim;
} Let;

typedef struct {
    Named n;
    const RExpr *when;      /* NULL: every customer that reaches it */
    int strategy;
} Segment;

typedef enum { SC_SCALE, SC_SET, SC_CLOSE, SC_OPEN } ScenarioOp;

typedef enum {
    SP_SUPPLY, SP_PRICE, SP_CAPACITY, SP_FIXED, SP_OUTPUT, SP_COST,
    SP_DEMAND, SP_MILK, SP_TRANSPORT,
    SP_NONE,                /* before the two below: `check --dump` prints the
                               number, and models without components dump
                               as they always have */
    SP_CONTENT,             /* a component content: ScenarioAction.component */
    SP_GRADE,               /* a farm's grade: value.lo is the grade index */
    SP_VOLUME,              /* a strategy's volume (ratio range) */
    SP_SERVICE,             /* a strategy's service cost (currency per t) */
    SP_OFFERS,              /* a strategy's package: ScenarioAction.offers */
    SP_STRATEGY             /* a segment's strategy: value.lo is its index */
} ScenarioProp;

/* One scenario statement.  entity -1 means `*` (every entity of the kind);
 * for `transport`, kind is K_COUNT and product -1 means the `milk`
 * (prop SP_MILK) or default `product` rate (prop SP_TRANSPORT).  A
 * strategy's `price` is SP_PRICE of kind K_STRATEGY: the ratio added to
 * the market price, which `scale` multiplies (language.md, "Scenarios"). */
typedef struct {
    ScenarioOp op;
    EntityKind kind;
    int entity;
    ScenarioProp prop;
    int product;            /* -1: none / every product */
    int component;          /* SP_CONTENT: index into Model.components */
    bool is_range;
    Range value;            /* SET: the value (lo == hi when not a range), base units */
    double ratio;           /* SCALE */
    int *offers;            /* SP_OFFERS: product indices (in the model's arena) */
    int noffers;
    Span span;
} ScenarioAction;

typedef struct {
    Named n;
    ScenarioAction *actions;
    int nactions;
} Scenario;

/* A planning period (language.md, "Periods and storage"): how it differs
 * from the base numbers, as scenario statements applied in order: first a
 * `set` for each value of each table row with this period in its `period`
 * cell (in row order, a row's cells left to right), then the statements of
 * its `period` blocks in the order written.  `close plant` shuts the plant
 * for this period only. */
typedef struct {
    Named n;
    ScenarioAction *actions;
    int nactions;
} Period;

/* `stores P CAP cost C [start S]` on a plant, or a row of a `stores` table:
 * the plant may carry stock of product P (one of its lines) from a period
 * to the next. */
typedef struct {
    int plant, product;
    int line;               /* the plant's line of the product */
    double capacity;        /* t: the most closing stock of any period */
    double cost;            /* currency per t of closing stock per period */
    double start;           /* t: opening stock before the first period, and
                               the least closing stock of the last one */
    Span span;
} Store;

typedef enum { OBJ_MAX_PROFIT, OBJ_MIN_COST } Objective;

typedef struct {
    const char *title;      /* model "..." or NULL */
    char currency[4];       /* "" when the model has no money */
    Objective objective;
    Product *products; int nproducts;
    Farm *farms;       int nfarms;
    Plant *plants;     int nplants;
    ProdLine *lines;   int nlines;
    Market *markets;   int nmarkets;
    Demand *demands;   int ndemands;
    Route *routes;     int nroutes;
    Transport transport;
    Strategy *strategies; int nstrategies;
    Customers customers;
    Let *lets;         int nlets;
    Segment *segments; int nsegments;
    Scenario *scenarios; int nscenarios;
    /* Milk components and grades (language.md, "Milk components and
     * grades"); none of it in a model without `components` and `grades`. */
    Named *components; int ncomponents;  /* `components fat, protein` */
    int pay_by;             /* `pay by C B`: component index, -1 without */
    double pay_basis;       /* B, ratio (0.034 for 3.4 %) */
    Span pay_span;
    Named *grades;     int ngrades;      /* lowest first; 0 without `grades` */
    /* Periods and storage (language.md, "Periods and storage"): none of it
     * in a model without `periods`, which has one period, the base. */
    Period *periods;   int nperiods;     /* in order; 0 without `periods` */
    Span periods_span;                   /* the `periods` declaration */
    Store *stores;     int nstores;      /* in declaration order */
    int nfiles;             /* model files read (the root and every `use`) */
} Model;

/* Free what the model holds outside the arena (column arrays). */
void model_free(Model *m);

/* One-line summary: "intro.dairy: ok — 2 products, 2 farms, ...". */
void model_summary_line(const Model *m, const char *path, FILE *out);
/* A one-screen overview of what the model contains. */
void model_summary(const Model *m, FILE *out);
/* Every fact of the checked model, one per line, in a fixed order: two
 * models with the same dump mean the same thing (fmt is tested with it). */
void model_dump(const Model *m, FILE *out);

#endif
