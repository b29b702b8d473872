/* check_int.h — what the check_*.c files share: the checker's state (Ck),
 * the types of tables and property lines, and the ck_ functions one file
 * defines and others call.  Private to check; the rest of dairy sees
 * check.h only. */
#ifndef DAIRY_CHECK_INT_H
#define DAIRY_CHECK_INT_H

#include "ast.h"
#include "check.h"
#include "csv.h"
#include "names.h"
#include "pairs.h"
#include "text.h"
#include "vec.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    char *real;       /* canonical path: a file used twice is read once */
    int32_t id;
    AstFile *ast;
    int state;        /* 1 being read (on the use stack), 2 done */
} UsedFile;

/* A column's unit from a table header, parsed once for all its cells. */
typedef struct {
    bool has;
    Unit unit;
    const char *text;
    Span span;
    bool bad;         /* the header unit itself was wrong (already reported) */
    const char *col;  /* the column's name, for hints (NULL: a matrix) */
    bool csv;         /* cells come from a CSV file, which cannot write units */
} ColUnit;

typedef struct {
    Arena *arena;
    Diag *d;
    Model *m;
    const CheckOptions *opt;
    NameMap names;    /* entity name → (index << 4) | EntityKind */
    NameMap attrs;    /* customer column → index; let → (index | LET_BIT) */
    Vec files;        /* UsedFile */
    Vec decls;        /* Decl *, in reading order */
    Vec products, farms, plants, lines, markets, demands, routes, strategies,
        segments, lets, scenarios;
    bool currency_missing_said;
    Span currency_span;
    bool has_currency;
    char *row_text;   /* scratch: NUL-terminated CSV cells */
    size_t row_text_cap;
    /* Table rows dropped after an error (said there): their names are not
     * reported again as unknown where they are used. */
    NameMap dropped;            /* name → EntityKind of the row that had it */
    bool lossy[K_COUNT];        /* a table of this kind lost rows whose names
                                   cannot be known (unreadable file or header,
                                   a record that could not be split) */
    /* for "given twice": (from, to) → route index, milk and product routes
     * in one map (one table sized for all routes; see route_pair);
     * (plant, product) → line index; (market, product) → demand index */
    PairMap route_pairs;
    PairMap line_pairs;
    PairMap demand_pairs;
    /* the products or farms table being read: its `grade` column and its
     * first component column (-1: none; see check_rows.c, quality_table) */
    int grade_col, content_col;
    /* Periods and storage (check_period.c) */
    const Decl *periods_decl;   /* the `periods` declaration, or NULL */
    Vec period_rows;            /* PeriodRow: table rows with a `period` cell,
                                   read once every entity and line is known */
    PairMap period_pairs;       /* (entity key, period) → period_rows index */
    Vec stores;                 /* Store */
    Vec store_spans;            /* Span: each store's product, for messages */
    PairMap store_pairs;        /* (plant, product) → store index */
    bool stores_said;           /* `stores` without `periods`, said once */
    /* The statements of the scenario or period being read, accepted so
     * far (ScenarioAction; NULL outside one): a `scale` of a strategy's
     * price or service is checked against what they leave. */
    const Vec *block_acts;
} Ck;

enum { LET_BIT = 1 << 30 };

#define KIND_OF(v) ((EntityKind)((v)&15))
#define INDEX_OF(v) ((v) >> 4)

/* A property line as an array, for indexed access. */
typedef struct {
    const Atom *a[16];
    int n;          /* atoms read (at most 16) */
    int total;      /* atoms on the line */
    const Line *line;
} Args;

#define PRODUCTS ((Product *)c->products.data)
#define FARMS ((Farm *)c->farms.data)
#define PLANTS ((Plant *)c->plants.data)
#define MARKETS ((Market *)c->markets.data)
#define STRATEGIES ((Strategy *)c->strategies.data)
#define SCENARIOS ((Scenario *)c->scenarios.data)

typedef enum {
    COLF_REQUIRED = 1,
    COLF_TEXT = 2,     /* names, labels, yes/no: no unit */
} ColFlag;

typedef struct {
    const char *name;
    int flags;
} ColSpec;

typedef struct {
    const char *table;     /* "farms" */
    const ColSpec *cols;
    int ncols;
    int one_of[2];     /* columns of which one is needed (0, 0: none) */
    int declares;      /* 1 + the EntityKind each row declares (its column 0
                          is `name`); 0 for tables that declare nothing */
    int period;        /* the `period` column (a row with one gives a
                          period's values); 0: the table has none */
} TableSpec;

/* One row of a table as cells matched to the spec's columns. */
typedef struct {
    const Atom *cell[16];  /* by spec column; NULL when missing or absent */
    ColUnit unit[16];      /* the header's unit of each spec column */
    bool present[16];      /* the column is in the header */
    Span span;             /* the row */
    const Decl *decl;
} Row;

typedef void (*RowFn)(Ck *c, Row *r);

/* What a CSV cell is as a number: none, or one within the language's
 * limits (0, or 1e-300 to 1e300 in size, as a literal in a model), or one
 * written correctly but too large or too small (non-zero, read as 0). */
typedef enum { CSVN_NOT = 0, CSVN_OK, CSVN_BIG, CSVN_SMALL } CsvNum;

/* check_names.c: names, did you mean */
Named *ck_named_at(Ck *c, EntityKind k, int i);
uint32_t ck_line_of(Ck *c, Span sp);
void ck_suggest_kinds(Ck *c, const char *name, const EntityKind *ks, int nk);
void ck_suggest(Ck *c, const char *name, EntityKind k);
bool ck_declare(Ck *c, const char *name, Span sp, EntityKind k, int index);
bool ck_was_dropped(Ck *c, const char *name, const EntityKind *ks, int nk);
int ck_resolve(Ck *c, const char *name, Span sp, EntityKind k);
/* A use of a name found without ck_resolve (routes), for Diag.on_name. */
void ck_used(Ck *c, const char *name, Span sp, EntityKind k);

/* check_value.c: quantities and property lines */
const char *ck_model_currency(Ck *c);
char *ck_span_text(Ck *c, Span sp);
const char *ck_atom_text(Ck *c, const Atom *a);
bool ck_parse_unit(Ck *c, const char *text, Span sp, Unit *u);
void ck_parse_col_unit(Ck *c, const char *text, Span sp, ColUnit *cu);
bool ck_num_value(Ck *c, const Num *n, const ColUnit *cu, Dim want,
                      double *out);
bool ck_atom_qty(Ck *c, const Atom *a, const ColUnit *cu, Dim want, double *out);
bool ck_atom_range(Ck *c, const Atom *a, const ColUnit *cu, Dim want, Range *out);
bool ck_nonneg(Ck *c, Span sp, double v, const char *what);
bool ck_nonneg_range(Ck *c, Span sp, Range r, const char *what);
void ck_args_of(const Line *l, Args *out);
bool ck_is_word(const Atom *a, const char *w);
bool ck_arity(Ck *c, const Args *g, int want, const char *form);
void ck_unknown_property(Ck *c, const Atom *a, const char *kind,
                             const char *const *props);
bool ck_read_at(Ck *c, const Args *g, double *lat, double *lon);
bool ck_once(Ck *c, const Atom **seen, const Atom *a);
/* The product names of a list `P, P, …` from atom first on (the atoms
 * after `offers`), into list (room for one a atom): their count, or -1
 * after an error — each unknown name, a misplaced atom, a last `,` (at
 * span line) — with the hint `example`. */
int ck_product_list(Ck *c, const Atom *first, int *list, Span line, const char *example);
bool ck_qty_prop(Ck *c, const Atom **seen, const Args *g, const char *form, Dim want,
                     const char *what, double *out);
bool ck_range_prop(Ck *c, const Atom **seen, const Args *g, const char *form, Dim want,
                       const char *what, Range *out);

/* check_entity.c: entities */
int ck_add_entity(Ck *c, EntityKind k, const char *name, const char *label, Span sp);
void ck_product_props(Ck *c, const Decl *d, int pi);
void ck_farm_props(Ck *c, const Decl *d, int fi);
void ck_add_line(Ck *c, int plant, const Atom *prod, const Atom *out,
                     const ColUnit *out_cu, const Atom *cost, const ColUnit *cost_cu,
                     Span sp);
void ck_plant_props(Ck *c, const Decl *d, int pi);
void ck_add_demand(Ck *c, int market, const Atom *prod, const Atom *vol,
                       const ColUnit *vol_cu, const Atom *price, const ColUnit *price_cu,
                       Span sp);
void ck_market_props(Ck *c, const Decl *d, int mi);
void ck_strategy_props(Ck *c, const Decl *d, int si);
void ck_transport_props(Ck *c, const Decl *d);

/* check_table.c: tables */
CsvNum ck_csv_number(const char *s, size_t n, double *v);
void ck_csv_number_error(Ck *c, Span sp, const char *text, size_t n, CsvNum k);
char *ck_relative_to(Ck *c, Span where, const char *path);
int32_t ck_load_data_file(Ck *c, const Decl *d, char **full);
bool ck_csv_record(Ck *c, int32_t file, CsvReader *rd, int n, bool quiet,
                       const TableSpec *ts, int name_field);
bool ck_csv_record_atoms(Ck *c, int32_t file, const CsvReader *rd, int n, Atom *atoms);
void ck_table_rows(Ck *c, const Decl *d, const TableSpec *ts, RowFn fn);
const char *ck_cell_name(Ck *c, const Atom *a, const char *what);

/* check_rows.c: what a table's rows mean */
void ck_read_table(Ck *c, const Decl *d, int k);

/* check_route.c: routes */
void ck_read_routes(Ck *c, const Decl *d);
void ck_matrix_routes(Ck *c, const Decl *d);

/* check_customers.c: customers */
void ck_build_customers(Ck *c, const Decl *d);

/* check_expr.c: expressions */
void ck_lets_and_segments(Ck *c);

/* check_scenario.c: scenarios */
void ck_scenario_props(Ck *c, const Decl *d, int si);
bool ck_scenario_line(Ck *c, const Line *l, ScenarioAction *act);

/* check_period.c: periods and storage */
void ck_periods_header(Ck *c);
void ck_period_names(Ck *c);
void ck_period_row(Ck *c, const TableSpec *ts, const Row *r);
void ck_add_store(Ck *c, int plant, const Atom *const *cell, const ColUnit *cu, Span sp);
void ck_periods_finish(Ck *c);

/* check_quality.c: milk components and grades */
enum { CK_MAX_COMPONENTS = 8 }; /* a farms table's columns stay within 16 */
void ck_quality_header(Ck *c);
int ck_component(Ck *c, const char *name);
void ck_suggest_component(Ck *c, const char *name);
int ck_grade(Ck *c, const Atom *a);
bool ck_content(Ck *c, const Atom *a, const ColUnit *cu, int k, double *out);
bool ck_quality_prop(Ck *c, const Args *g, const Atom **seen, double *content, int *grade,
                     const Atom **seen_grade);
bool ck_quality_unknown(Ck *c, const Args *g, const char *kind);
void ck_quality_final(Ck *c);
void ck_name_list(Ck *c, const Decl *d, const char *what, const char *example,
                  const char *const *taken, Named **out, int *n);
bool ck_declare_once(Ck *c, const Decl **first, const Decl *d);

/* check_use.c: files and use */
void ck_read_file(Ck *c);

#endif
