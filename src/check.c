/* check.c — from parsed files to the checked model.
 *
 * Passes, each over every declaration in reading order:
 *   0. header: model title, the one currency, objective
 *   1. names: every entity gets its index (declaration order) and its name
 *      in the one namespace; tables that declare entities are read here
 *   2. properties, lines, demands, routes, transport
 *   3. customers, then `let` and segments against the customer columns
 *   4. scenarios, which may name anything above
 *   5. whole-model checks (required properties, rates routes need)
 * Names are resolved only once everything is read, so declarations may come
 * in any order and across `use`d files. */
#include "check.h"

#include "csv.h"
#include "names.h"
#include "pairs.h"
#include "text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- state */

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
    /* for "given twice": (from, to) → route index, one map per RouteKind;
     * (plant, product) → line index; (market, product) → demand index */
    PairMap route_pairs[2];
    PairMap line_pairs;
    PairMap demand_pairs;
} Ck;

enum { LET_BIT = 1 << 30 };

#define KIND_OF(v) ((EntityKind)((v)&15))
#define INDEX_OF(v) ((v) >> 4)

/* ------------------------------------------------------- names, did you mean */

static Named *named_at(Ck *c, EntityKind k, int i)
{
    switch (k) {
    case K_PRODUCT: return &((Product *)c->products.data)[i].n;
    case K_FARM: return &((Farm *)c->farms.data)[i].n;
    case K_PLANT: return &((Plant *)c->plants.data)[i].n;
    case K_MARKET: return &((Market *)c->markets.data)[i].n;
    case K_STRATEGY: return &((Strategy *)c->strategies.data)[i].n;
    case K_SCENARIO: return &((Scenario *)c->scenarios.data)[i].n;
    case K_SEGMENT: return &((Segment *)c->segments.data)[i].n;
    case K_LET: return &((Let *)c->lets.data)[i].n;
    default: return NULL;
    }
}

static size_t kind_count(Ck *c, EntityKind k)
{
    switch (k) {
    case K_PRODUCT: return c->products.len;
    case K_FARM: return c->farms.len;
    case K_PLANT: return c->plants.len;
    case K_MARKET: return c->markets.len;
    case K_STRATEGY: return c->strategies.len;
    case K_SCENARIO: return c->scenarios.len;
    case K_SEGMENT: return c->segments.len;
    case K_LET: return c->lets.len;
    default: return 0;
    }
}

static uint32_t line_of(Ck *c, Span sp)
{
    uint32_t line = 0, col = 0;
    if (sp.file >= 0)
        diag_line_col(c->d, sp.file, sp.lo, &line, &col);
    return line;
}

/* The declared names of kind k, in a hint: "the only market is `minsk`",
 * "the plants are `a`, `b` and `c`", or how many there are. */
static void list_kind(Ck *c, EntityKind k)
{
    const char *kinds = ast_entity_plural(k);
    size_t n = kind_count(c, k);
    if (n == 0) {
        diag_hint(c->d, "the model declares no %s", kinds);
    } else if (n == 1) {
        diag_hint(c->d, "the only %s is `%s`", ast_entity_name(k), named_at(c, k, 0)->name);
    } else if (n <= 6) {
        Buf b = {0};
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%s`%s`", i == 0 ? "" : i + 1 == n ? " and " : ", ",
                       named_at(c, k, (int)i)->name);
        diag_hint(c->d, "the %s are %s", kinds, buf_str(&b));
        buf_free(&b);
    } else {
        diag_hint(c->d, "check the spelling: none of the model's %zu %s is close", n, kinds);
    }
}

/* "did you mean `x` (line N)?" for the closest name of the kinds ks, if
 * close: at most a third of the name's length in edits, and at least one.
 * When none is close, the names there are (list_kind), so that the fix is
 * at hand either way. */
static void suggest_kinds(Ck *c, const char *name, const EntityKind *ks, int nk)
{
    size_t limit = strlen(name) / 3;
    if (limit < 1)
        limit = 1;
    if (limit > 3)
        limit = 3;
    const Named *best = NULL;
    size_t bestd = limit + 1;
    for (int q = 0; q < nk; q++) {
        size_t n = kind_count(c, ks[q]);
        for (size_t i = 0; i < n; i++) {
            const Named *nm = named_at(c, ks[q], (int)i);
            size_t dd = diag_edit_distance(name, nm->name, limit);
            if (dd < bestd) {
                bestd = dd;
                best = nm;
            }
        }
    }
    if (!best) {
        for (int q = 0; q < nk; q++)
            list_kind(c, ks[q]);
        return;
    }
    const SrcFile *f = diag_file(c->d, best->span.file);
    if (f)
        diag_hint(c->d, "did you mean `%s` (%s line %u)?", best->name,
                  f->path, line_of(c, best->span));
    else
        diag_hint(c->d, "did you mean `%s`?", best->name);
}

static void suggest(Ck *c, const char *name, EntityKind k)
{
    suggest_kinds(c, name, &k, 1);
}

/* Register an entity name in the one namespace; a name used twice (in any
 * kind) is an error pointing at the first. */
static bool declare(Ck *c, const char *name, Span sp, EntityKind k, int index)
{
    int prev = names_put(&c->names, name, (index << 4) | (int)k);
    if (prev < 0)
        return true;
    EntityKind pk = KIND_OF(prev);
    const Named *first = named_at(c, pk, INDEX_OF(prev));
    if (pk == k)
        diag_error(c->d, sp, "%s `%s` is declared twice", ast_entity_name(k), name);
    else
        diag_error(c->d, sp, "`%s` is already the name of a %s", name,
                   ast_entity_name(pk));
    diag_note(c->d, first->span, "`%s` is first declared here", name);
    diag_hint(c->d, "names are unique across products, farms, plants, markets, "
                    "strategies, segments and scenarios; rename one");
    return false;
}

/* Whether an unknown name, wanted as one of the kinds ks, may be a row that
 * a table dropped after an error: that error said it, so no other follows. */
static bool was_dropped(Ck *c, const char *name, const EntityKind *ks, int nk)
{
    int v = names_get(&c->dropped, name);
    for (int i = 0; i < nk; i++)
        if (c->lossy[ks[i]] || v == (int)ks[i])
            return true;
    return false;
}

/* The index of entity `name` of kind k, or -1 after an error that names
 * what it found instead (or silently, for a name was_dropped). */
static int resolve(Ck *c, const char *name, Span sp, EntityKind k)
{
    int v = names_get(&c->names, name);
    if (v < 0 && was_dropped(c, name, &k, 1))
        return -1;
    if (v < 0) {
        diag_error(c->d, sp, "unknown %s `%s`", ast_entity_name(k), name);
        suggest(c, name, k);
        return -1;
    }
    if (KIND_OF(v) != k) {
        diag_error(c->d, sp, "`%s` is a %s, not a %s", name,
                   ast_entity_name(KIND_OF(v)), ast_entity_name(k));
        diag_note(c->d, named_at(c, KIND_OF(v), INDEX_OF(v))->span,
                  "`%s` is declared here", name);
        return -1;
    }
    return INDEX_OF(v);
}

/* ------------------------------------------------------------- quantities */

static const char *model_currency(Ck *c)
{
    return c->has_currency ? c->m->currency : NULL;
}

static char *span_text(Ck *c, Span sp)
{
    const SrcFile *f = diag_file(c->d, sp.file);
    if (!f || sp.hi <= sp.lo || sp.hi > f->len)
        return "";
    size_t n = sp.hi - sp.lo;
    if (n > 60)
        n = 60;
    return arena_strndup(c->arena, f->text + sp.lo, n);
}

/* A cell as written: its text, or its source for a number, a range or a
 * `*` (which carry none), where a name or text is wanted. */
static const char *atom_text(Ck *c, const Atom *a)
{
    return a->text ? a->text : span_text(c, a->span);
}

/* Parse a unit written in the source and check its currency. */
static bool parse_unit(Ck *c, const char *text, Span sp, Unit *u)
{
    size_t bo = 0, bl = 0;
    UnitStatus st = unit_parse(text, strlen(text), u, &bo, &bl);
    if (st != UNIT_OK) {
        Span bad = sp;
        if (st == UNIT_UNKNOWN && bl > 0 && sp.hi - sp.lo == strlen(text)) {
            bad.lo = sp.lo + (uint32_t)bo;
            bad.hi = bad.lo + (uint32_t)bl;
        }
        if (st == UNIT_UNKNOWN)
            diag_error(c->d, bad, "unknown unit `%.*s`", (int)(bl ? bl : strlen(text)),
                       text + (bl ? bo : 0));
        else if (st == UNIT_TWO_CURRENCIES)
            diag_error(c->d, sp, "unit `%s` names two currencies", text);
        else
            diag_error(c->d, sp, "malformed unit `%s`", text);
        diag_hint(c->d, "units are t, kg, km, days, weeks, %% and the currency code "
                        "(%s), joined with `/` as in `%s/t`",
                  model_currency(c) ? model_currency(c) : "e.g. BYN",
                  model_currency(c) ? model_currency(c) : "BYN");
        return false;
    }
    if (u->currency[0]) {
        if (!c->has_currency) {
            if (!c->currency_missing_said) {
                c->currency_missing_said = true;
                diag_error(c->d, sp, "money in `%s` but the model declares no currency",
                           text);
                diag_hint(c->d, "add `currency %s` at the top of the model", u->currency);
            }
            return false;
        }
        if (strcmp(u->currency, c->m->currency) != 0) {
            diag_error(c->d, sp, "currency `%s` is not the model's currency `%s`",
                       u->currency, c->m->currency);
            diag_hint(c->d, "a model has one currency; convert the amount to %s",
                      c->m->currency);
            diag_note(c->d, c->currency_span, "the currency is declared here");
            return false;
        }
    }
    return true;
}

static void parse_col_unit(Ck *c, const char *text, Span sp, ColUnit *cu)
{
    memset(cu, 0, sizeof *cu);
    if (!text)
        return;
    cu->text = text;
    cu->span = sp;
    cu->has = parse_unit(c, text, sp, &cu->unit);
    cu->bad = !cu->has;
}

/* A number's value in base units of dimension `want`.  The unit is the
 * number's own, else its column's (`supply[t]`); a bare number is right only
 * where a ratio is expected.  The hint shows the expected unit. */
static bool num_value(Ck *c, const Num *n, const ColUnit *cu, Dim want,
                      double *out)
{
    Unit u;
    char dname[64], ex[64];
    if (n->unit) {
        if (!parse_unit(c, n->unit, n->unit_span, &u))
            return false;
        if (cu && cu->has && !dim_eq(u.dim, cu->unit.dim)) {
            dim_name(cu->unit.dim, dname, sizeof dname);
            diag_error(c->d, n->unit_span, "unit `%s` disagrees with the unit `%s` given for "
                                           "the %s", n->unit, cu->text, cu->col ? "column" : "matrix");
            diag_hint(c->d, "the column holds %s; write the cell as a bare number or in %s",
                      dname, cu->text);
            return false;
        }
    } else if (cu && cu->has) {
        u = cu->unit;
    } else if (cu && cu->bad) {
        return false;
    } else {
        u = unit_ratio();
        if (!dim_is_ratio(want)) {
            dim_name(want, dname, sizeof dname);
            char base[32];
            dim_base_unit(want, model_currency(c), base, sizeof base);
            diag_error(c->d, n->span, "expected %s, found a bare number `%s`", dname,
                       span_text(c, n->span));
            if (cu && cu->csv && cu->col)
                diag_hint(c->d, "give the column its unit in the header: `%s[%s]`", cu->col,
                          base);
            else if (cu && cu->col)
                diag_hint(c->d, "write `%s %s`, or give the column its unit in the header: "
                                "`%s[%s]`", span_text(c, n->span), base, cu->col, base);
            else if (cu)
                diag_hint(c->d, "write `%s %s`, or give the matrix a unit: `routes matrix "
                                "distance km`", span_text(c, n->span), base);
            else
                diag_hint(c->d, "write `%s %s`", span_text(c, n->span), base);
            return false;
        }
    }
    if (!dim_eq(u.dim, want)) {
        dim_name(want, dname, sizeof dname);
        dim_example(want, model_currency(c), ex, sizeof ex);
        char fname[64];
        dim_name(u.dim, fname, sizeof fname);
        Span whole = n->span;
        if (n->unit && n->unit_span.hi > whole.hi)
            whole.hi = n->unit_span.hi;
        diag_error(c->d, whole, "expected %s (e.g. \"%s\"), found %s \"%s\"", dname, ex,
                   fname, n->unit ? span_text(c, whole) : cu->text);
        return false;
    }
    *out = unit_to_base(&u, n->value);
    return true;
}

static Span atom_value_span(const Atom *a)
{
    return a->span;
}

/* A quantity: a single number atom. */
static bool atom_qty(Ck *c, const Atom *a, const ColUnit *cu, Dim want, double *out)
{
    if (a->kind == A_NUMBER)
        return num_value(c, &a->lo, cu, want, out);
    char dname[64], ex[64];
    dim_name(want, dname, sizeof dname);
    dim_example(want, model_currency(c), ex, sizeof ex);
    if (a->kind == A_RANGE)
        diag_error(c->d, a->span, "expected a single %s, found a range", dname);
    else
        diag_error(c->d, atom_value_span(a), "expected %s (e.g. \"%s\"), found `%s`",
                   dname, ex, span_text(c, a->span));
    if (a->kind == A_RANGE)
        diag_hint(c->d, "write one value, e.g. \"%s\"", ex);
    return false;
}

/* A range `A..B unit`; one bound without a unit takes the other's; a single
 * quantity B means 0..B.  The bounds must be ordered. */
static bool atom_range(Ck *c, const Atom *a, const ColUnit *cu, Dim want, Range *out)
{
    if (a->kind == A_NUMBER) {
        out->lo = 0;
        return num_value(c, &a->lo, cu, want, &out->hi);
    }
    if (a->kind != A_RANGE)
        return atom_qty(c, a, cu, want, &out->hi);
    Num lo = a->lo, hi = a->hi;
    if (!lo.unit && hi.unit) {
        lo.unit = hi.unit;
        lo.unit_span = hi.unit_span;
    } else if (lo.unit && !hi.unit) {
        hi.unit = lo.unit;
        hi.unit_span = lo.unit_span;
    }
    if (!num_value(c, &lo, cu, want, &out->lo) || !num_value(c, &hi, cu, want, &out->hi))
        return false;
    if (out->lo > out->hi) {
        diag_error(c->d, a->span, "range `%s` is empty: its lower bound is above its upper bound",
                   span_text(c, a->span));
        diag_hint(c->d, "write the smaller bound first, as in `150..380 t`");
        return false;
    }
    return true;
}

static bool nonneg(Ck *c, Span sp, double v, const char *what)
{
    if (v >= 0)
        return true;
    diag_error(c->d, sp, "%s cannot be negative", what);
    diag_hint(c->d, "write a value of 0 or more");
    return false;
}

static bool nonneg_range(Ck *c, Span sp, Range r, const char *what)
{
    return nonneg(c, sp, r.lo < r.hi ? r.lo : r.hi, what);
}

/* ------------------------------------------------------------ line reading */

/* A property line as an array, for indexed access. */
typedef struct {
    const Atom *a[16];
    int n;          /* atoms read (at most 16) */
    int total;      /* atoms on the line */
    const Line *line;
} Args;

static void args_of(const Line *l, Args *out)
{
    out->n = 0;
    out->total = l->natoms;
    out->line = l;
    for (const Atom *a = l->atoms; a && out->n < 16; a = a->next)
        out->a[out->n++] = a;
}

static bool is_word(const Atom *a, const char *w)
{
    return a && a->kind == A_WORD && strcmp(a->text, w) == 0;
}

/* Exactly `want` values after the property name, or an error that says the
 * expected form. */
static bool arity(Ck *c, const Args *g, int want, const char *form)
{
    if (g->total == want + 1)
        return true;
    if (g->total < want + 1) {
        diag_error(c->d, g->a[0]->span, "`%s` needs a value", g->a[0]->text);
    } else {
        const Atom *x = g->n > want + 1 ? g->a[want + 1] : g->a[g->n - 1];
        const Atom *before = g->n > want + 1 ? g->a[want] : NULL;
        if (x->kind == A_WORD && before && (before->kind == A_NUMBER || before->kind == A_RANGE) &&
            !(before->kind == A_NUMBER ? before->lo.unit : before->hi.unit)) {
            diag_error(c->d, x->span, "unknown unit `%s`", x->text);
            diag_hint(c->d, "units are t, kg, km, days, weeks, %% and the currency code; "
                            "write `%s`", form);
            return false;
        }
        diag_error(c->d, x->span, "unexpected `%s` after `%s`", span_text(c, x->span),
                   g->a[0]->text);
    }
    diag_hint(c->d, "write `%s`", form);
    return false;
}

static void unknown_property(Ck *c, const Atom *a, const char *kind,
                             const char *const *props)
{
    const char *best = NULL;
    size_t bestd = 3;
    for (int i = 0; props[i] && a->kind == A_WORD; i++) {
        size_t dd = diag_edit_distance(a->text, props[i], 2);
        if (dd < bestd) {
            bestd = dd;
            best = props[i];
        }
    }
    if (a->kind == A_WORD)
        diag_error(c->d, a->span, "unknown %s property `%s`", kind, a->text);
    else
        diag_error(c->d, a->span, "expected a %s property, found `%s`", kind,
                   span_text(c, a->span));
    if (best)
        diag_hint(c->d, "did you mean `%s`?", best);
    else {
        char list[256] = "";
        size_t len = 0;
        for (int i = 0; props[i] && len < sizeof list - 32; i++)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s`%s`",
                                    i ? ", " : "", props[i]);
        diag_hint(c->d, "a %s has %s", kind, list);
    }
}

/* `at LAT, LON` (the comma is optional): degrees in [-90,90] and [-180,180]. */
static bool read_at(Ck *c, const Args *g, double *lat, double *lon)
{
    int i = 1;
    const Atom *x = g->n > i ? g->a[i++] : NULL;
    if (g->n > i && g->a[i]->kind == A_COMMA)
        i++;
    const Atom *y = g->n > i ? g->a[i++] : NULL;
    if (!x || !y || x->kind != A_NUMBER || y->kind != A_NUMBER || x->lo.unit ||
        y->lo.unit || g->total != i) {
        diag_error(c->d, g->line->span, "`at` takes a latitude and a longitude in degrees");
        diag_hint(c->d, "write `at 53.90, 27.56`");
        return false;
    }
    *lat = x->lo.value;
    *lon = y->lo.value;
    if (fabs(*lat) > 90 || fabs(*lon) > 180) {
        diag_error(c->d, fabs(*lat) > 90 ? x->span : y->span,
                   "coordinates out of range: latitude is -90..90, longitude -180..180");
        diag_hint(c->d, "write latitude first: `at 53.90, 27.56`");
        return false;
    }
    return true;
}

static bool once(Ck *c, const Atom **seen, const Atom *a)
{
    if (*seen) {
        diag_error(c->d, a->span, "`%s` is given twice", a->text);
        diag_note(c->d, (*seen)->span, "first given here");
        diag_hint(c->d, "keep one `%s` line", a->text);
        return false;
    }
    *seen = a;
    return true;
}

/* `NAME VALUE`: given once, one quantity of dimension want, and (when
 * what is not NULL) not negative.  *out is 0 from the moment the line is
 * seen, so a NaN "not given" marker never survives a given-but-bad line. */
static bool qty_prop(Ck *c, const Atom **seen, const Args *g, const char *form, Dim want,
                     const char *what, double *out)
{
    if (!once(c, seen, g->a[0]))
        return false;
    *out = 0;
    return arity(c, g, 1, form) && atom_qty(c, g->a[1], NULL, want, out) &&
           (!what || nonneg(c, g->a[1]->span, *out, what));
}

/* `NAME RANGE` (or a single B, 0..B): the same for ranges. */
static bool range_prop(Ck *c, const Atom **seen, const Args *g, const char *form, Dim want,
                       const char *what, Range *out)
{
    if (!once(c, seen, g->a[0]))
        return false;
    *out = (Range){0, 0};
    return arity(c, g, 1, form) && atom_range(c, g->a[1], NULL, want, out) &&
           nonneg_range(c, g->a[1]->span, *out, what);
}

/* ------------------------------------------------------------ entities */

static int add_entity(Ck *c, EntityKind k, const char *name, const char *label, Span sp)
{
    Vec *v = NULL;
    switch (k) {
    case K_PRODUCT: v = &c->products; break;
    case K_FARM: v = &c->farms; break;
    case K_PLANT: v = &c->plants; break;
    case K_MARKET: v = &c->markets; break;
    case K_STRATEGY: v = &c->strategies; break;
    case K_SCENARIO: v = &c->scenarios; break;
    case K_SEGMENT: v = &c->segments; break;
    default: return -1;
    }
    Named *n = vec_push(v);
    n->name = name;
    n->label = label;
    n->span = sp;
    int index = (int)v->len - 1;
    /* NaN marks a required property not given (see final_checks) */
    if (k == K_STRATEGY)
        ((Strategy *)n)->volume = (Range){0, 1};
    else if (k == K_PRODUCT)
        ((Product *)n)->milk = NAN;
    else if (k == K_FARM)
        ((Farm *)n)->supply.hi = ((Farm *)n)->price = NAN;
    else if (k == K_PLANT)
        ((Plant *)n)->capacity.hi = NAN;
    declare(c, name, sp, k, index);
    return index;
}

#define PRODUCTS ((Product *)c->products.data)
#define FARMS ((Farm *)c->farms.data)
#define PLANTS ((Plant *)c->plants.data)
#define MARKETS ((Market *)c->markets.data)
#define STRATEGIES ((Strategy *)c->strategies.data)
#define SCENARIOS ((Scenario *)c->scenarios.data)

/* The first line of each property in a block, for "given twice". */
typedef struct {
    const Atom *milk, *price, *transport, *supply, *at, *capacity, *fixed, *optional,
        *volume, *service, *offers;
} Seen;

static void product_props(Ck *c, const Decl *d, int pi)
{
    static const char *const props[] = {"milk", "price", "transport", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        args_of(l, &g);
        const Atom *p = g.a[0];
        Product *pr = &PRODUCTS[pi];
        if (is_word(p, "milk")) {
            if (qty_prop(c, &seen.milk, &g, "milk 21.0 t/t", dim_ratio(), "a milk norm",
                         &pr->milk) && pr->milk == 0) {
                diag_error(c->d, g.a[1]->span, "a milk norm must be above zero");
                diag_hint(c->d, "the norm is tonnes of raw milk per tonne of product, e.g. `milk 1.02 t/t`");
            }
        } else if (is_word(p, "price")) {
            if (qty_prop(c, &seen.price, &g, "price 10_400 BYN/t", dim_money_per_mass(),
                         "a price", &pr->price))
                pr->has_price = true;
        } else if (is_word(p, "transport")) {
            if (qty_prop(c, &seen.transport, &g, "transport 0.80 BYN/t/km",
                         dim_money_per_mass_distance(), "a transport rate", &pr->transport))
                pr->has_transport = true;
        } else {
            unknown_property(c, p, "product", props);
        }
    }
}

static void farm_props(Ck *c, const Decl *d, int fi)
{
    static const char *const props[] = {"supply", "price", "at", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        args_of(l, &g);
        const Atom *p = g.a[0];
        Farm *f = &FARMS[fi];
        if (is_word(p, "supply")) {
            range_prop(c, &seen.supply, &g, "supply 9_000 t", dim_mass(), "supply", &f->supply);
        } else if (is_word(p, "price")) {
            qty_prop(c, &seen.price, &g, "price 820 BYN/t", dim_money_per_mass(), "a milk price",
                     &f->price);
        } else if (is_word(p, "at")) {
            if (once(c, &seen.at, p) && read_at(c, &g, &f->lat, &f->lon))
                f->has_at = true;
        } else {
            unknown_property(c, p, "farm", props);
        }
    }
}

/* `makes P R cost C` — a plant's line. */
static void add_line(Ck *c, int plant, const Atom *prod, const Atom *out,
                     const ColUnit *out_cu, const Atom *cost, const ColUnit *cost_cu,
                     Span sp)
{
    int k = resolve(c, prod->text, prod->span, K_PRODUCT);
    Range r;
    double cc = 0;
    bool ok = atom_range(c, out, out_cu, dim_mass(), &r) &&
              nonneg_range(c, out->span, r, "line output");
    if (cost)
        ok = atom_qty(c, cost, cost_cu, dim_money_per_mass(), &cc) &&
             nonneg(c, cost->span, cc, "a processing cost") && ok;
    if (plant >= 0 && (k < 0 || !ok))
        PLANTS[plant].n.bad = true; /* no "makes nothing" on top of this */
    if (k < 0 || !ok || plant < 0)
        return;
    int prev = pairs_put(&c->line_pairs, plant, k, (int)c->lines.len);
    if (prev >= 0) {
        diag_error(c->d, prod->span, "plant `%s` makes `%s` twice", PLANTS[plant].n.name,
                   prod->text);
        diag_note(c->d, ((ProdLine *)c->lines.data)[prev].span, "the first line is here");
        diag_hint(c->d, "a plant has one line per product; merge them");
        return;
    }
    ProdLine *nl = vec_push(&c->lines);
    nl->plant = plant;
    nl->product = k;
    nl->output = r;
    nl->cost = cc;
    nl->span = sp;
}

static void plant_props(Ck *c, const Decl *d, int pi)
{
    static const char *const props[] = {"capacity", "makes", "fixed", "optional", "at", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        args_of(l, &g);
        const Atom *p = g.a[0];
        Plant *pl = &PLANTS[pi];
        if (is_word(p, "capacity")) {
            range_prop(c, &seen.capacity, &g, "capacity 15_000 t", dim_mass(), "capacity",
                       &pl->capacity);
        } else if (is_word(p, "makes")) {
            if (g.total != 5 || g.a[1]->kind != A_WORD || !is_word(g.a[3], "cost")) {
                diag_error(c->d, l->span, "a line is written `makes PRODUCT OUTPUT cost COST`");
                diag_hint(c->d, "e.g. `makes butter 400 t cost 310 BYN/t`");
                continue;
            }
            add_line(c, pi, g.a[1], g.a[2], NULL, g.a[4], NULL, l->span);
        } else if (is_word(p, "fixed")) {
            qty_prop(c, &seen.fixed, &g, "fixed 120_000 BYN", dim_money(), "a fixed cost",
                     &pl->fixed);
        } else if (is_word(p, "optional")) {
            if (once(c, &seen.optional, p) && arity(c, &g, 0, "optional"))
                pl->optional = true;
        } else if (is_word(p, "at")) {
            if (once(c, &seen.at, p) && read_at(c, &g, &pl->lat, &pl->lon))
                pl->has_at = true;
        } else {
            unknown_property(c, p, "plant", props);
        }
    }
}

/* `demand P R price C`, `demand P R` (the product's price), `demand P price C`
 * (a customers market's price), `demand from customers`. */
static void add_demand(Ck *c, int market, const Atom *prod, const Atom *vol,
                       const ColUnit *vol_cu, const Atom *price, const ColUnit *price_cu,
                       Span sp)
{
    int k = resolve(c, prod->text, prod->span, K_PRODUCT);
    Demand dm = {.market = market, .product = k, .span = sp};
    bool ok = true;
    if (vol) {
        dm.has_volume = true;
        ok = atom_range(c, vol, vol_cu, dim_mass(), &dm.volume) &&
             nonneg_range(c, vol->span, dm.volume, "demand");
    }
    if (price) {
        dm.price_given = true;
        ok = atom_qty(c, price, price_cu, dim_money_per_mass(), &dm.price) &&
             nonneg(c, price->span, dm.price, "a price") && ok;
    }
    if (k < 0 || !ok || market < 0)
        return;
    int prev = pairs_put(&c->demand_pairs, market, k, (int)c->demands.len);
    if (prev >= 0) {
        diag_error(c->d, prod->span, "market `%s` has two demand lines for `%s`",
                   MARKETS[market].n.name, prod->text);
        diag_note(c->d, ((Demand *)c->demands.data)[prev].span, "the first is here");
        diag_hint(c->d, "a market has one demand line per product; merge them");
        return;
    }
    *(Demand *)vec_push(&c->demands) = dm;
}

static void market_props(Ck *c, const Decl *d, int mi)
{
    static const char *const props[] = {"demand", "at", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        args_of(l, &g);
        const Atom *p = g.a[0];
        Market *mk = &MARKETS[mi];
        if (is_word(p, "demand")) {
            if (g.total == 3 && is_word(g.a[1], "from") && is_word(g.a[2], "customers")) {
                if (mk->from_customers) {
                    diag_error(c->d, l->span, "`demand from customers` is given twice");
                    diag_hint(c->d, "keep one");
                }
                mk->from_customers = true;
                continue;
            }
            const Atom *vol = NULL, *price = NULL;
            bool shape = g.total >= 2 && g.a[1]->kind == A_WORD && !g.a[1]->reserved;
            int i = 2;
            if (shape && i < g.n && (g.a[i]->kind == A_NUMBER || g.a[i]->kind == A_RANGE))
                vol = g.a[i++];
            if (shape && i < g.n && is_word(g.a[i], "price")) {
                if (i + 1 < g.n)
                    price = g.a[i + 1];
                i += 2;
            }
            if (!shape || i != g.total || (i > 2 && !vol && !price)) {
                diag_error(c->d, l->span, "a demand line is written `demand PRODUCT VOLUME price PRICE`");
                diag_hint(c->d, "e.g. `demand butter 150..380 t price 10_400 BYN/t`, or "
                                "`demand from customers`");
                continue;
            }
            add_demand(c, mi, g.a[1], vol, NULL, price, NULL, l->span);
        } else if (is_word(p, "at")) {
            if (once(c, &seen.at, p) && read_at(c, &g, &mk->lat, &mk->lon))
                mk->has_at = true;
        } else {
            unknown_property(c, p, "market", props);
        }
    }
}

static void strategy_props(Ck *c, const Decl *d, int si)
{
    static const char *const props[] = {"volume", "price", "service", "offers", NULL};
    Seen seen = {0};
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        args_of(l, &g);
        const Atom *p = g.a[0];
        Strategy *s = &STRATEGIES[si];
        if (is_word(p, "volume")) {
            Range r; /* a single value B is 0..B, as everywhere */
            if (range_prop(c, &seen.volume, &g, "volume 100%..110%", dim_ratio(),
                           "a volume share", &r))
                s->volume = r;
        } else if (is_word(p, "price")) {
            if (qty_prop(c, &seen.price, &g, "price -3%", dim_ratio(), NULL, &s->price) &&
                s->price <= -1) {
                diag_error(c->d, g.a[1]->span, "a price change of %s leaves nothing to sell for",
                           span_text(c, g.a[1]->span));
                diag_hint(c->d, "the change is added to the market price: `-3%%` is a 3%% discount");
            }
        } else if (is_word(p, "service")) {
            qty_prop(c, &seen.service, &g, "service 15 BYN/t", dim_money_per_mass(),
                     "a service cost", &s->service);
        } else if (is_word(p, "offers")) {
            if (!once(c, &seen.offers, p))
                continue;
            int cap = g.total, n = 0;
            int *list = arena_alloc(c->arena, sizeof(int) * (size_t)cap);
            bool want_name = true, ok = g.total > 1;
            for (const Atom *a = g.a[0]->next; a; a = a->next) {
                if (want_name && a->kind == A_WORD) {
                    int k = resolve(c, a->text, a->span, K_PRODUCT);
                    if (k < 0)
                        ok = false;
                    else
                        list[n++] = k;
                    want_name = false;
                } else if (!want_name && a->kind == A_COMMA) {
                    want_name = true;
                } else {
                    if (!want_name && a->kind == A_WORD)
                        diag_error(c->d, a->span, "expected `,` before `%s`", a->text);
                    else
                        diag_error(c->d, a->span, "expected a product name, found `%s`",
                                   span_text(c, a->span));
                    diag_hint(c->d, "write `offers butter, milk32`");
                    ok = false;
                    break;
                }
            }
            if (g.total == 1) {
                diag_error(c->d, p->span, "`offers` needs at least one product");
                diag_hint(c->d, "write `offers butter, milk32`");
            }
            if (ok) {
                s->offers = list;
                s->noffers = n;
            }
        } else {
            unknown_property(c, p, "strategy", props);
        }
    }
}

static void transport_props(Ck *c, const Decl *d)
{
    Transport *t = &c->m->transport;
    t->span = d->span;
    for (const Line *l = d->block->lines; l; l = l->next) {
        Args g;
        args_of(l, &g);
        const Atom *p = g.a[0];
        if (p->kind != A_WORD) {
            diag_error(c->d, p->span, "expected `milk`, `product` or a product name");
            diag_hint(c->d, "write `milk 0.45 BYN/t/km`");
            continue;
        }
        char form[96];
        snprintf(form, sizeof form, "%.40s 0.60 %s/t/km", p->text,
                 model_currency(c) ? model_currency(c) : "BYN");
        double v;
        if (!arity(c, &g, 1, form) ||
            !atom_qty(c, g.a[1], NULL, dim_money_per_mass_distance(), &v) ||
            !nonneg(c, g.a[1]->span, v, "a transport rate"))
            continue;
        if (strcmp(p->text, "milk") == 0 || strcmp(p->text, "product") == 0) {
            bool milk = p->text[0] == 'm';
            bool *has = milk ? &t->has_milk : &t->has_product;
            if (*has) {
                diag_error(c->d, p->span, "the `%s` rate is given twice", p->text);
                diag_hint(c->d, "keep one");
                continue;
            }
            *has = true;
            *(milk ? &t->milk : &t->product) = v;
        } else {
            int k = names_get(&c->names, p->text);
            if (k < 0 || KIND_OF(k) != K_PRODUCT) {
                static const EntityKind product[] = {K_PRODUCT};
                if (k < 0 && was_dropped(c, p->text, product, 1))
                    continue;
                resolve(c, p->text, p->span, K_PRODUCT);
                diag_hint(c->d, "a transport line names `milk`, `product` or a product");
                continue;
            }
            Product *pr = &PRODUCTS[INDEX_OF(k)];
            if (pr->has_transport) {
                diag_error(c->d, p->span, "product `%s` has its transport rate twice", p->text);
                diag_hint(c->d, "give it once, in the product or in `transport`");
                continue;
            }
            pr->has_transport = true;
            pr->transport = v;
        }
    }
}

/* ------------------------------------------------------------ tables */

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
} TableSpec;

/* A row of table ts was dropped after an error: remember its name, if it
 * has one, so that its uses are not reported as unknown (was_dropped). */
static void drop_row(Ck *c, const TableSpec *ts, const Atom *name)
{
    if (ts->declares && name && name->kind == A_WORD && name->text)
        names_put(&c->dropped, arena_strdup(c->arena, name->text), ts->declares - 1);
}

/* A table of ts lost rows that cannot be named (see Ck.lossy). */
static void drop_table(Ck *c, const TableSpec *ts)
{
    if (ts->declares)
        c->lossy[ts->declares - 1] = true;
}

/* One row of a table as cells matched to the spec's columns. */
typedef struct {
    const Atom *cell[16];  /* by spec column; NULL when missing or absent */
    ColUnit unit[16];      /* the header's unit of each spec column */
    bool present[16];      /* the column is in the header */
    Span span;             /* the row */
    const Decl *decl;
} Row;

typedef void (*RowFn)(Ck *c, Row *r);

static void unknown_column(Ck *c, Span sp, const char *name, const TableSpec *ts)
{
    diag_error(c->d, sp, "unknown column `%s` in a `%s` table", name, ts->table);
    const char *best = NULL;
    size_t bestd = 3;
    char list[256] = "";
    size_t len = 0;
    for (int i = 0; i < ts->ncols; i++) {
        size_t dd = diag_edit_distance(name, ts->cols[i].name, 2);
        if (dd < bestd) {
            bestd = dd;
            best = ts->cols[i].name;
        }
        if (len < sizeof list - 32)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s`%s`", i ? ", " : "",
                                    ts->cols[i].name);
    }
    if (best)
        diag_hint(c->d, "did you mean `%s`?", best);
    else
        diag_hint(c->d, "its columns are %s", list);
}

/* The header: a column name per cell, optionally with [unit]. */
typedef struct {
    const char *name;
    const char *unit;
    Span span, unit_span;
} Header;

static bool match_header(Ck *c, const Header *h, int n, const TableSpec *ts, int *map,
                         Row *proto, Span hdr_span, bool csv)
{
    bool ok = true;
    memset(proto, 0, sizeof *proto);
    for (int i = 0; i < n; i++) {
        map[i] = -1;
        int j = 0;
        while (j < ts->ncols && strcmp(ts->cols[j].name, h[i].name) != 0)
            j++;
        if (j == ts->ncols) {
            unknown_column(c, h[i].span, h[i].name, ts);
            ok = false;
            continue;
        }
        if (proto->present[j]) {
            diag_error(c->d, h[i].span, "column `%s` appears twice", h[i].name);
            diag_hint(c->d, "remove one of them");
            ok = false;
            continue;
        }
        proto->present[j] = true;
        map[i] = j;
        if (h[i].unit && (ts->cols[j].flags & COLF_TEXT)) {
            diag_error(c->d, h[i].unit_span, "column `%s` holds names or text, not quantities",
                       h[i].name);
            diag_hint(c->d, "remove `[%s]` from its header", h[i].unit);
            ok = false;
            continue;
        }
        parse_col_unit(c, h[i].unit, h[i].unit_span, &proto->unit[j]);
        proto->unit[j].col = ts->cols[j].name;
        proto->unit[j].csv = csv;
        if (proto->unit[j].bad)
            ok = false;
    }
    if (ok && ts->one_of[0] && !proto->present[ts->one_of[0]] && !proto->present[ts->one_of[1]]) {
        diag_error(c->d, hdr_span, "a `%s` table needs a `%s` or a `%s` column", ts->table,
                   ts->cols[ts->one_of[0]].name, ts->cols[ts->one_of[1]].name);
        diag_hint(c->d, "e.g. `from to distance`, with cells like `38 km`");
        ok = false;
    }
    for (int j = 0; ok && j < ts->ncols; j++)
        if ((ts->cols[j].flags & COLF_REQUIRED) && !proto->present[j]) {
            diag_error(c->d, hdr_span, "a `%s` table needs a `%s` column", ts->table,
                       ts->cols[j].name);
            diag_hint(c->d, "add `%s` to the header line", ts->cols[j].name);
            ok = false;
        }
    return ok;
}

static bool row_required(Ck *c, Row *r, const TableSpec *ts)
{
    bool ok = true;
    for (int j = 0; j < ts->ncols; j++)
        if ((ts->cols[j].flags & COLF_REQUIRED) && r->present[j] && !r->cell[j]) {
            diag_error(c->d, r->span, "this row has no `%s`", ts->cols[j].name);
            diag_hint(c->d, "every row of a `%s` table needs a `%s`", ts->table,
                      ts->cols[j].name);
            ok = false;
        }
    return ok;
}

/* Rows of an inline table: the first line is the header. */
static bool inline_rows(Ck *c, const Decl *d, const TableSpec *ts, RowFn fn)
{
    const Line *hl = d->block->lines;
    if (!hl) {
        diag_error(c->d, d->block->span, "a `%s` table needs a header line", ts->table);
        diag_hint(c->d, "the first line names the columns, e.g. `%s %s`", ts->cols[0].name,
                  ts->cols[1].name);
        return false;
    }
    Header h[16] = {{0}};
    int n = 0;
    bool ok = true;
    for (const Atom *a = hl->atoms; a; a = a->next) {
        if (n == 16) {
            diag_error(c->d, a->span, "too many columns (at most 16)");
            diag_hint(c->d, "a `%s` table has %d columns", ts->table, ts->ncols);
            return false;
        }
        if (a->kind == A_WORD)
            h[n++] = (Header){a->text, NULL, a->span, a->span};
        else if (a->kind == A_HEADER)
            h[n++] = (Header){a->text, a->lo.unit, a->lo.span, a->lo.unit_span};
        else {
            diag_error(c->d, a->span, "expected a column name, found `%s`",
                       span_text(c, a->span));
            diag_hint(c->d, "the first line of a table names its columns, e.g. `name supply[t]`");
            ok = false;
        }
    }
    int map[16];
    Row proto;
    if (!match_header(c, h, n, ts, map, &proto, hl->span, false) || !ok)
        return false;
    for (const Line *l = hl->next; l; l = l->next) {
        if (diag_full(c->d))
            return true;
        Row r = proto;
        r.span = l->span;
        r.decl = d;
        const Atom *name = NULL; /* the `name` cell, for drop_row */
        int i = 0;
        for (const Atom *a = l->atoms; a; a = a->next, i++) {
            if (i < n && map[i] == 0)
                name = a;
            if (i >= n) {
                diag_error(c->d, a->span, "this row has more cells than the header has columns");
                diag_hint(c->d, "the header has %d; write `-` for a missing cell, quote text with spaces", n);
                ok = false;
                break;
            }
            if (map[i] >= 0 && a->kind != A_MISSING)
                r.cell[map[i]] = a;
        }
        if (i < n && ok) {
            diag_error(c->d, l->span, "this row has %d cells; the header has %d columns", i, n);
            diag_hint(c->d, "write `-` for a missing cell");
            drop_row(c, ts, name);
            continue;
        }
        if (!ok) {
            ok = true;
            drop_row(c, ts, name);
            continue;
        }
        if (row_required(c, &r, ts))
            fn(c, &r);
        else
            drop_row(c, ts, name);
    }
    return true;
}

/* What a CSV cell is as a number: none, or one within the language's
 * limits (0, or 1e-300 to 1e300 in size, as a literal in a model), or one
 * written correctly but too large or too small (non-zero, read as 0). */
typedef enum { CSVN_NOT = 0, CSVN_OK, CSVN_BIG, CSVN_SMALL } CsvNum;

/* Parse a CSV cell as a number: [+-] digits [. digits] [e [+-] digits],
 * `_` only between digits, no unit (units live in the header).  The value is
 * the double strtod reads, computed directly in the common case. */
static CsvNum csv_number(const char *s, size_t n, double *v)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (n == 0 || n > 120)
        return CSVN_NOT;
    size_t i = 0;
    bool neg = s[0] == '-';
    if (s[0] == '-' || s[0] == '+')
        i++;
    uint64_t mant = 0;
    int digits = 0, scale = 0;
    bool exact = true, any = false, frac = false;
    for (; i < n; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            any = true;
            if (mant == 0 && ch == '0')
                ; /* a leading zero carries no digit */
            else if (digits < 19) {
                mant = mant * 10 + (uint64_t)(ch - '0');
                digits++;
            } else if (frac)
                continue; /* beyond 19 digits: strtod below */
            else
                scale++;
            if (digits >= 19)
                exact = false;
            if (frac)
                scale--;
        } else if (ch == '_' && i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' &&
                   s[i + 1] >= '0' && s[i + 1] <= '9') {
            continue;
        } else if (ch == '.' && !frac && any) {
            frac = true;
        } else
            break;
    }
    if (!any)
        return CSVN_NOT;
    int exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = i < n && s[i] == '-';
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        if (i >= n || !(s[i] >= '0' && s[i] <= '9'))
            return CSVN_NOT;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (exp < 100000)
                exp = exp * 10 + (s[i] - '0');
        if (eneg)
            exp = -exp;
    }
    if (i != n)
        return CSVN_NOT;
    int e10 = scale + exp;
    if (exact && mant <= (1ull << 53) && e10 >= -22 && e10 <= 22) {
        /* Clinger's fast path: both operands exact, one rounding, the
         * same double strtod gives */
        double d = (double)mant;
        d = e10 >= 0 ? d * pow10[e10] : d / pow10[-e10];
        *v = neg ? -d : d;
        return CSVN_OK;
    }
    char buf[128];
    size_t k = 0;
    for (size_t j = 0; j < n; j++)
        if (s[j] != '_')
            buf[k++] = s[j];
    buf[k] = '\0';
    *v = strtod(buf, NULL);
    if (!isfinite(*v) || fabs(*v) > 1e300)
        return CSVN_BIG;
    if (mant != 0 && fabs(*v) < 1e-300)
        return CSVN_SMALL;
    return CSVN_OK;
}

/* A CSV cell written as a number beyond the language's limits: an error at
 * the number, as written. */
static void csv_number_error(Ck *c, Span sp, const char *text, size_t n, CsvNum k)
{
    int shown = n > 40 ? 40 : (int)n;
    if (k == CSVN_BIG) {
        diag_error(c->d, sp, "number `%.*s` is too large", shown, text);
        diag_hint(c->d, "numbers are at most 1e300 in size, as in a model; check the exponent");
    } else {
        diag_error(c->d, sp, "number `%.*s` is too small: it would be read as 0", shown, text);
        diag_hint(c->d, "numbers other than 0 are at least 1e-300 in size; write `0` for zero");
    }
}

/* Fill a: number, range, text (A_STRING, or A_WORD when it is a name) or
 * missing, from a CSV field; spans point into the CSV file.  False after an
 * error in the cell (a number beyond the limits): the row is to be dropped. */
static bool csv_atom(Ck *c, int32_t file, const CsvField *f, char *text, Atom *a)
{
    memset(a, 0, sizeof *a);
    a->span = (Span){file, (uint32_t)f->offset, (uint32_t)(f->offset + f->len + (f->quoted ? 2 : 0))};
    size_t n = f->len;
    const char *s = f->p;
    while (n > 0 && (*s == ' ' || *s == '\t') && !f->quoted) {
        s++;
        n--;
        a->span.lo++;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t') && !f->quoted) {
        n--;
        a->span.hi--;
    }
    memcpy(text, s, n);
    text[n] = '\0';
    a->text = text;
    if (n == 0) {
        a->kind = A_MISSING;
        return true;
    }
    double v, w;
    const char *dots;
    CsvNum k = f->quoted ? CSVN_NOT : csv_number(s, n, &v), kw;
    if (k != CSVN_NOT) {
        a->kind = A_NUMBER;
        a->lo.value = v;
        a->lo.text = text;
        a->lo.span = a->span;
        if (k != CSVN_OK) {
            csv_number_error(c, a->span, text, n, k);
            return false;
        }
    } else if (!f->quoted && n >= 4 && (dots = strstr(text, "..")) &&
               (k = csv_number(s, (size_t)(dots - text), &v)) != CSVN_NOT &&
               (kw = csv_number(dots + 2, n - (size_t)(dots - text) - 2, &w)) != CSVN_NOT) {
        a->kind = A_RANGE;
        a->lo.value = v;
        a->hi.value = w;
        a->lo.span = a->hi.span = a->span;
        uint32_t cut = a->span.lo + (uint32_t)(dots - text);
        if (k != CSVN_OK) {
            csv_number_error(c, (Span){file, a->span.lo, cut}, text, (size_t)(dots - text), k);
            return false;
        }
        if (kw != CSVN_OK) {
            csv_number_error(c, (Span){file, cut + 2, a->span.hi}, dots + 2,
                             n - (size_t)(dots - text) - 2, kw);
            return false;
        }
    } else {
        bool ident = true;
        for (size_t i = 0; i < n && ident; i++) {
            unsigned char ch = (unsigned char)s[i];
            ident = ch == '_' || ch >= 0x80 || (ch >= 'a' && ch <= 'z') ||
                    (ch >= 'A' && ch <= 'Z') || (i > 0 && ch >= '0' && ch <= '9');
        }
        a->kind = ident ? A_WORD : A_STRING;
    }
    return true;
}

/* The folder part of a path, for resolving paths relative to a file. */
static char *dir_of(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    if (slash == path)
        return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

static char *relative_to(Ck *c, Span where, const char *path)
{
    if (path[0] == '/')
        return arena_strdup(c->arena, path);
    const SrcFile *f = diag_file(c->d, where.file);
    char *dir = dir_of(c->arena, f ? f->path : ".");
    if (strcmp(dir, ".") == 0)
        return arena_strdup(c->arena, path);
    return arena_printf(c->arena, "%s/%s", dir, path);
}

/* A CSV file is text: a NUL byte means a binary file or text saved as
 * UTF-16, where every cell would be wrong.  One error at the first. */
static bool csv_no_nul(Ck *c, int32_t file)
{
    const SrcFile *sf = diag_file(c->d, file);
    const char *nul = sf->len ? memchr(sf->text, '\0', sf->len) : NULL;
    if (!nul)
        return true;
    uint32_t at = (uint32_t)(nul - sf->text);
    diag_error(c->d, (Span){file, at, at + 1}, "found a NUL byte, but a CSV file is text");
    diag_hint(c->d, "is it the right file, or saved as UTF-16? Save it as UTF-8 (\"CSV UTF-8\" "
                    "in a spreadsheet)");
    return false;
}

/* Read a CSV file and register it (so errors show its lines), or report. */
static int32_t load_data_file(Ck *c, const Decl *d, char **full)
{
    *full = relative_to(c, d->path_span, d->path);
    int err = 0;
    int32_t id = diag_map_file(c->d, *full, &err);
    if (id < 0) {
        diag_error(c->d, d->path_span, "cannot read `%s`: %s", *full, diag_strerror(err));
        diag_hint(c->d, "the path is relative to the model file's folder");
    } else if (!csv_no_nul(c, id) ||
               !diag_check_text(c->d, id, "CSV file",
                                "save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")")) {
        return -1;
    }
    return id;
}

/* The next CSV record with n fields: one that cannot be read or has another
 * count is an error (unless quiet: said already) and skipped; ts (if not
 * NULL) learns the dropped row's name from field name_field (or that rows
 * were lost, for a record that cannot be split).  Returns false at the end
 * of the file or when diagnostics are full. */
static bool csv_record(Ck *c, int32_t file, CsvReader *rd, int n, bool quiet,
                       const TableSpec *ts, int name_field)
{
    while (!diag_full(c->d)) {
        int rc = csv_next(rd);
        if (rc == 0)
            return false;
        if (rc < 0) {
            if (!quiet) {
                diag_error(c->d, (Span){file, (uint32_t)rd->err_offset, (uint32_t)rd->err_offset + 1},
                           "%s", rd->err_msg);
                diag_hint(c->d, "CSV quotes a field with `\"` and doubles a quote inside it: `\"\"`");
            }
            if (ts)
                drop_table(c, ts);
            continue;
        }
        if ((int)rd->nfields != n) {
            if (!quiet) {
                size_t at = rd->nfields > (size_t)n ? rd->fields[n].offset : rd->rec_offset;
                diag_error(c->d, (Span){file, (uint32_t)at, (uint32_t)at + 1},
                           "this row has %zu fields; the header has %d", rd->nfields, n);
                diag_hint(c->d, "leave a cell empty for a missing value; quote fields that contain `,`");
            }
            if (ts && name_field >= 0 && (size_t)name_field < rd->nfields) {
                /* the name as csv_atom reads it: blanks around it trimmed */
                const CsvField *f = &rd->fields[name_field];
                const char *p = f->p;
                size_t len = f->len;
                while (!f->quoted && len > 0 && (*p == ' ' || *p == '\t')) {
                    p++;
                    len--;
                }
                while (!f->quoted && len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
                    len--;
                Atom name = {.kind = A_WORD, .text = arena_strndup(c->arena, p, len)};
                drop_row(c, ts, &name);
            }
            continue;
        }
        return true;
    }
    return false;
}

/* The current record's fields as atoms; their text lives in c->row_text
 * until the next record.  False after an error in a cell (said). */
static bool csv_record_atoms(Ck *c, int32_t file, const CsvReader *rd, int n, Atom *atoms)
{
    size_t need = rd->pos - rd->rec_offset + (size_t)n + 16;
    if (need > c->row_text_cap) {
        c->row_text_cap = need * 2;
        c->row_text = xrealloc(c->row_text, c->row_text_cap);
    }
    char *tp = c->row_text;
    bool ok = true;
    for (int i = 0; i < n; i++) {
        ok &= csv_atom(c, file, &rd->fields[i], tp, &atoms[i]);
        tp += strlen(tp) + 1;
    }
    return ok;
}

/* Rows of a CSV table.  The header may carry units, `supply[t]`; an empty
 * cell is missing.  Every bad row is an error at the CSV's line and column. */
static bool csv_rows(Ck *c, const Decl *d, const TableSpec *ts, RowFn fn)
{
    char *full;
    int32_t file = load_data_file(c, d, &full);
    if (file < 0)
        return false;
    const SrcFile *sf = diag_file(c->d, file);
    CsvReader rd;
    csv_init(&rd, sf->text, sf->len);
    int rc = csv_next(&rd);
    if (rc <= 0) {
        Span sp = {file, rc < 0 ? (uint32_t)rd.err_offset : 0, rc < 0 ? (uint32_t)rd.err_offset + 1 : 0};
        if (rc < 0)
            diag_error(c->d, sp, "%s", rd.err_msg);
        else
            diag_error(c->d, d->path_span, "`%s` is empty", full);
        diag_hint(c->d, "the first line names the columns, e.g. `%s,%s`", ts->cols[0].name,
                  ts->cols[1].name);
        csv_free(&rd);
        return false;
    }
    Header h[16] = {{0}};
    int n = (int)rd.nfields;
    if (n > 16) {
        diag_error(c->d, (Span){file, (uint32_t)rd.fields[16].offset, (uint32_t)rd.fields[16].offset + 1},
                   "too many columns (at most 16)");
        diag_hint(c->d, "a `%s` table has %d columns", ts->table, ts->ncols);
        csv_free(&rd);
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const CsvField *f = &rd.fields[i];
        const char *s = f->p;
        size_t len = f->len;
        const char *lb = memchr(s, '[', len);
        size_t nlen = lb ? (size_t)(lb - s) : len;
        h[i].name = arena_strndup(c->arena, s, nlen);
        uint32_t base = (uint32_t)f->offset + (f->quoted ? 1 : 0);
        h[i].span = (Span){file, base, base + (uint32_t)nlen};
        h[i].unit = NULL;
        if (lb) {
            const char *rb = memchr(lb, ']', len - nlen);
            if (!rb || rb != s + len - 1 || rb == lb + 1) {
                diag_error(c->d, (Span){file, base + (uint32_t)nlen, base + (uint32_t)len},
                           "malformed unit in column header `%.*s`", (int)len, s);
                diag_hint(c->d, "write the unit in brackets after the name: `supply[t]`");
                ok = false;
                continue;
            }
            h[i].unit = arena_strndup(c->arena, lb + 1, (size_t)(rb - lb - 1));
            h[i].unit_span = (Span){file, base + (uint32_t)nlen + 1, base + (uint32_t)len - 1};
        }
    }
    int map[16];
    Row proto;
    if (!match_header(c, h, n, ts, map, &proto, (Span){file, 0, (uint32_t)rd.pos}, true) || !ok) {
        csv_free(&rd);
        return false;
    }
    int name_field = -1; /* the field of the `name` column, if any */
    for (int i = 0; i < n; i++)
        if (map[i] == 0)
            name_field = i;
    Atom atoms[16];
    while (csv_record(c, file, &rd, n, false, ts, name_field)) {
        Span rs = {file, (uint32_t)rd.rec_offset, (uint32_t)rd.pos};
        bool cells_ok = csv_record_atoms(c, file, &rd, n, atoms);
        Row r = proto;
        r.decl = d;
        for (int i = 0; i < n; i++)
            if (map[i] >= 0 && atoms[i].kind != A_MISSING)
                r.cell[map[i]] = &atoms[i];
        while (rs.hi > rs.lo && (sf->text[rs.hi - 1] == '\n' || sf->text[rs.hi - 1] == '\r'))
            rs.hi--;
        r.span = rs;
        if (cells_ok && row_required(c, &r, ts))
            fn(c, &r);
        else
            drop_row(c, ts, r.cell[0]);
    }
    csv_free(&rd);
    return true;
}

static void table_rows(Ck *c, const Decl *d, const TableSpec *ts, RowFn fn)
{
    if (!(d->path ? csv_rows(c, d, ts, fn) : inline_rows(c, d, ts, fn)))
        drop_table(c, ts);
}

/* A name cell: an identifier. */
static const char *cell_name(Ck *c, const Atom *a, const char *what)
{
    if (a->kind == A_WORD && !a->reserved)
        return a->text;
    diag_error(c->d, a->span, "expected a %s name, found `%s`", what, span_text(c, a->span));
    diag_hint(c->d, "names are identifiers: letters, digits and `_`, not starting with a digit");
    return NULL;
}

static const char *cell_label(Ck *c, const Atom *a)
{
    if (!a)
        return NULL;
    if (a->kind == A_STRING || a->kind == A_WORD)
        return arena_strdup(c->arena, a->text);
    diag_error(c->d, a->span, "expected a label, found `%s`", span_text(c, a->span));
    diag_hint(c->d, "write labels in double quotes: \"City Dairy\"");
    return NULL;
}

static bool cell_coord(Ck *c, const Atom *a, double lim, double *v)
{
    if (a->kind != A_NUMBER || a->lo.unit || fabs(a->lo.value) > lim) {
        diag_error(c->d, a->span, "expected degrees within ±%g, found `%s`", lim,
                   span_text(c, a->span));
        diag_hint(c->d, "lat is -90..90 and lon -180..180, as bare numbers");
        return false;
    }
    *v = a->lo.value;
    return true;
}

static void row_at(Ck *c, Row *r, int lat_col, bool *has, double *lat, double *lon)
{
    const Atom *la = r->cell[lat_col], *lo = r->cell[lat_col + 1];
    if (!la && !lo)
        return;
    if (!la || !lo) {
        diag_error(c->d, r->span, "this row has only one of `lat` and `lon`");
        diag_hint(c->d, "give both, or neither");
        return;
    }
    if (cell_coord(c, la, 90, lat) && cell_coord(c, lo, 180, lon))
        *has = true;
}

static const ColSpec products_cols[] = {
    {"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT}, {"milk", COLF_REQUIRED}, {"price", 0}, {"transport", 0}};
static const TableSpec products_table = {"products", products_cols, 5, {0, 0}, K_PRODUCT + 1};

static void product_row(Ck *c, Row *r)
{
    const char *name = cell_name(c, r->cell[0], "product");
    if (!name)
        return;
    int i = add_entity(c, K_PRODUCT, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Product *p = &PRODUCTS[i];
    p->milk = 0;
    if (atom_qty(c, r->cell[2], &r->unit[2], dim_ratio(), &p->milk) &&
        nonneg(c, r->cell[2]->span, p->milk, "a milk norm") && p->milk == 0) {
        diag_error(c->d, r->cell[2]->span, "a milk norm must be above zero");
        diag_hint(c->d, "the norm is tonnes of raw milk per tonne of product, e.g. `1.02`");
    }
    if (r->cell[3] && atom_qty(c, r->cell[3], &r->unit[3], dim_money_per_mass(), &p->price))
        p->has_price = nonneg(c, r->cell[3]->span, p->price, "a price");
    if (r->cell[4] &&
        atom_qty(c, r->cell[4], &r->unit[4], dim_money_per_mass_distance(), &p->transport))
        p->has_transport = nonneg(c, r->cell[4]->span, p->transport, "a transport rate");
}

static const ColSpec farms_cols[] = {{"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT},
                                     {"supply", COLF_REQUIRED}, {"price", COLF_REQUIRED},
                                     {"lat", 0}, {"lon", 0}};
static const TableSpec farms_table = {"farms", farms_cols, 6, {0, 0}, K_FARM + 1};

static void farm_row(Ck *c, Row *r)
{
    const char *name = cell_name(c, r->cell[0], "farm");
    if (!name)
        return;
    int i = add_entity(c, K_FARM, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Farm *f = &FARMS[i];
    f->supply = (Range){0, 0};
    f->price = 0;
    if (atom_range(c, r->cell[2], &r->unit[2], dim_mass(), &f->supply))
        nonneg_range(c, r->cell[2]->span, f->supply, "supply");
    if (atom_qty(c, r->cell[3], &r->unit[3], dim_money_per_mass(), &f->price))
        nonneg(c, r->cell[3]->span, f->price, "a milk price");
    row_at(c, r, 4, &f->has_at, &f->lat, &f->lon);
}

static const ColSpec plants_cols[] = {{"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT},
                                      {"capacity", COLF_REQUIRED}, {"fixed", 0},
                                      {"optional", COLF_TEXT}, {"lat", 0}, {"lon", 0}};
static const TableSpec plants_table = {"plants", plants_cols, 7, {0, 0}, K_PLANT + 1};

static void plant_row(Ck *c, Row *r)
{
    const char *name = cell_name(c, r->cell[0], "plant");
    if (!name)
        return;
    int i = add_entity(c, K_PLANT, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Plant *p = &PLANTS[i];
    p->capacity = (Range){0, 0};
    if (atom_range(c, r->cell[2], &r->unit[2], dim_mass(), &p->capacity))
        nonneg_range(c, r->cell[2]->span, p->capacity, "capacity");
    if (r->cell[3] && atom_qty(c, r->cell[3], &r->unit[3], dim_money(), &p->fixed))
        nonneg(c, r->cell[3]->span, p->fixed, "a fixed cost");
    const Atom *o = r->cell[4];
    if (o) {
        if (o->kind == A_WORD && (strcmp(o->text, "yes") == 0 || strcmp(o->text, "no") == 0))
            p->optional = o->text[0] == 'y';
        else {
            diag_error(c->d, o->span, "`optional` is `yes` or `no`, found `%s`",
                       span_text(c, o->span));
            diag_hint(c->d, "write `yes` for a plant that may be closed");
        }
    }
    row_at(c, r, 5, &p->has_at, &p->lat, &p->lon);
}

static const ColSpec markets_cols[] = {{"name", COLF_REQUIRED | COLF_TEXT}, {"label", COLF_TEXT}, {"lat", 0}, {"lon", 0}};
static const TableSpec markets_table = {"markets", markets_cols, 4, {0, 0}, K_MARKET + 1};

static void market_row(Ck *c, Row *r)
{
    const char *name = cell_name(c, r->cell[0], "market");
    if (!name)
        return;
    int i = add_entity(c, K_MARKET, arena_strdup(c->arena, name), cell_label(c, r->cell[1]),
                       r->cell[0]->span);
    Market *mk = &MARKETS[i];
    row_at(c, r, 2, &mk->has_at, &mk->lat, &mk->lon);
}

static const ColSpec lines_cols[] = {{"plant", COLF_REQUIRED | COLF_TEXT}, {"product", COLF_REQUIRED | COLF_TEXT},
                                     {"output", COLF_REQUIRED}, {"cost", COLF_REQUIRED}};
static const TableSpec lines_table = {"lines", lines_cols, 4, {0, 0}, 0};

static void line_row(Ck *c, Row *r)
{
    const char *pn = cell_name(c, r->cell[0], "plant");
    if (!pn || !cell_name(c, r->cell[1], "product"))
        return;
    int p = resolve(c, pn, r->cell[0]->span, K_PLANT);
    add_line(c, p, r->cell[1], r->cell[2], &r->unit[2], r->cell[3], &r->unit[3], r->span);
}

static const ColSpec demands_cols[] = {{"market", COLF_REQUIRED | COLF_TEXT}, {"product", COLF_REQUIRED | COLF_TEXT},
                                       {"volume", 0}, {"price", 0}};
static const TableSpec demands_table = {"demands", demands_cols, 4, {0, 0}, 0};

static void demand_row(Ck *c, Row *r)
{
    const char *mn = cell_name(c, r->cell[0], "market");
    if (!mn || !cell_name(c, r->cell[1], "product"))
        return;
    int m = resolve(c, mn, r->cell[0]->span, K_MARKET);
    add_demand(c, m, r->cell[1], r->cell[2], &r->unit[2], r->cell[3], &r->unit[3], r->span);
}

/* ------------------------------------------------------------ routes */

/* A route links a farm to a plant (milk) or a plant to a market (products);
 * it gives a distance or a cost, not both. */
static void add_route(Ck *c, const Atom *from, const Atom *to, const Atom *dist,
                      const ColUnit *dist_cu, const Atom *cost, const ColUnit *cost_cu,
                      Span sp)
{
    int fv = names_get(&c->names, from->text), tv = names_get(&c->names, to->text);
    static const EntityKind farm_or_plant[] = {K_FARM, K_PLANT};
    if (fv < 0 && was_dropped(c, from->text, farm_or_plant, 2))
        return;
    if (fv < 0) {
        diag_error(c->d, from->span, "unknown farm or plant `%s`", from->text);
        suggest_kinds(c, from->text, farm_or_plant, 2);
        return;
    }
    RouteKind rk;
    EntityKind want;
    if (KIND_OF(fv) == K_FARM) {
        rk = ROUTE_MILK;
        want = K_PLANT;
    } else if (KIND_OF(fv) == K_PLANT) {
        rk = ROUTE_PRODUCT;
        want = K_MARKET;
    } else {
        diag_error(c->d, from->span, "a route starts at a farm or a plant; `%s` is a %s",
                   from->text, ast_entity_name(KIND_OF(fv)));
        diag_hint(c->d, "routes go farm → plant (milk) or plant → market (products)");
        return;
    }
    if (tv < 0 && was_dropped(c, to->text, &want, 1))
        return;
    if (tv < 0) {
        diag_error(c->d, to->span, "unknown %s `%s`", ast_entity_name(want), to->text);
        suggest(c, to->text, want);
        return;
    }
    if (KIND_OF(tv) != want) {
        diag_error(c->d, to->span, "a route from %s `%s` goes to a %s; `%s` is a %s",
                   ast_entity_name(KIND_OF(fv)), from->text, ast_entity_name(want), to->text,
                   ast_entity_name(KIND_OF(tv)));
        diag_hint(c->d, "routes go farm → plant (milk) or plant → market (products)");
        return;
    }
    if (dist && cost) {
        diag_error(c->d, cost->span, "route `%s → %s` gives both a distance and a cost",
                   from->text, to->text);
        diag_hint(c->d, "give one: the cost is rate × distance, or the cost as it is");
        return;
    }
    if (!dist && !cost) {
        diag_error(c->d, sp, "route `%s → %s` needs a distance or a cost", from->text, to->text);
        diag_hint(c->d, "write e.g. `38 km` in the `distance` column");
        return;
    }
    Route rt = {.kind = rk, .from = INDEX_OF(fv), .to = INDEX_OF(tv), .span = sp};
    if (dist) {
        rt.has_distance = true;
        if (!atom_qty(c, dist, dist_cu, dim_distance(), &rt.distance) ||
            !nonneg(c, dist->span, rt.distance, "a distance"))
            return;
    } else if (!atom_qty(c, cost, cost_cu, dim_money_per_mass(), &rt.cost) ||
               !nonneg(c, cost->span, rt.cost, "a route cost"))
        return;
    int prev = pairs_put(&c->route_pairs[rk], rt.from, rt.to, (int)c->routes.len);
    if (prev >= 0) {
        diag_error(c->d, from->span, "route `%s → %s` is given twice", from->text, to->text);
        diag_note(c->d, ((Route *)c->routes.data)[prev].span, "the first is here");
        diag_hint(c->d, "keep one of them");
        return;
    }
    *(Route *)vec_push(&c->routes) = rt;
}

static const ColSpec routes_cols[] = {{"from", COLF_REQUIRED | COLF_TEXT}, {"to", COLF_REQUIRED | COLF_TEXT},
                                      {"distance", 0}, {"cost", 0}};
static const TableSpec routes_table = {"routes", routes_cols, 4, {2, 3}, 0};

static void route_row(Ck *c, Row *r)
{
    if (!cell_name(c, r->cell[0], "farm or plant") || !cell_name(c, r->cell[1], "plant or market"))
        return;
    add_route(c, r->cell[0], r->cell[1], r->cell[2], &r->unit[2], r->cell[3], &r->unit[3],
              r->span);
}

/* routes matrix distance km { dest... ; origin cell... }: '-' is no route. */
static void matrix_routes(Ck *c, const Decl *d)
{
    bool is_dist = strcmp(d->name, "distance") == 0;
    if (!is_dist && strcmp(d->name, "cost") != 0) {
        diag_error(c->d, d->name_span, "a route matrix holds `distance` or `cost`, not `%s`",
                   d->name);
        diag_hint(c->d, "write `routes matrix distance km { ... }`");
        return;
    }
    ColUnit cu;
    parse_col_unit(c, d->name2, d->name2_span, &cu);
    if (cu.bad)
        return;
    const Line *hl = d->block->lines;
    if (!hl)
        return;
    int ncols = hl->natoms;
    const Atom **dest = arena_alloc(c->arena, sizeof(Atom *) * (size_t)ncols);
    int i = 0;
    for (const Atom *a = hl->atoms; a; a = a->next) {
        if (a->kind != A_WORD) {
            diag_error(c->d, a->span, "expected a destination name, found `%s`",
                       span_text(c, a->span));
            diag_hint(c->d, "the first line of a matrix names the destinations");
            return;
        }
        dest[i++] = a;
    }
    for (const Line *l = hl->next; l && !diag_full(c->d); l = l->next) {
        const Atom *orig = l->atoms;
        if (orig->kind != A_WORD) {
            diag_error(c->d, orig->span, "expected an origin name, found `%s`",
                       span_text(c, orig->span));
            diag_hint(c->d, "each row starts with the farm or plant it leaves from");
            continue;
        }
        if (l->natoms - 1 != ncols) {
            diag_error(c->d, l->span, "this row has %d cell%s; the matrix has %d destination%s",
                       l->natoms - 1, l->natoms == 2 ? "" : "s", ncols, ncols == 1 ? "" : "s");
            diag_hint(c->d, "write `-` where there is no route");
            continue;
        }
        int j = 0;
        for (const Atom *a = orig->next; a; a = a->next, j++) {
            if (a->kind == A_MISSING)
                continue;
            add_route(c, orig, dest[j], is_dist ? a : NULL, &cu, is_dist ? NULL : a, &cu,
                      a->span);
        }
    }
}

/* ------------------------------------------------------------ customers */

enum { CUST_MAX_COLS = 64 };

/* The customer table's rows as atoms, from an inline table or a CSV file
 * (mapped, never copied into the heap), read twice: once to learn each
 * column's kind and the number of rows, once to fill the columns. */
typedef struct {
    Ck *c;
    const Decl *d;
    int ncols;
    const Line *next_line;  /* inline */
    int32_t file;           /* CSV */
    CsvReader rd;
    bool csv;
    bool quiet;             /* second pass: errors were said in the first */
    bool classify;          /* first pass: only each cell's kind is needed */
    Atom atoms[CUST_MAX_COLS];
    const Atom *cell[CUST_MAX_COLS]; /* NULL: missing */
    Span where[CUST_MAX_COLS];       /* each cell, missing ones too */
    Span row;
} Rows;

typedef struct {
    const char *name;
    Span span;
    ColUnit cu;
    bool any_text;          /* a present cell that is not a number */
    const char *cell_unit;  /* the first unit an inline cell writes */
    Span cell_unit_span;
} CustCol;

static void rows_rewind(Rows *r)
{
    if (r->csv) {
        const SrcFile *sf = diag_file(r->c->d, r->file);
        csv_free(&r->rd);
        csv_init(&r->rd, sf->text, sf->len);
        csv_next(&r->rd); /* the header */
    } else {
        r->next_line = r->d->block->lines->next;
    }
}

/* The next row with as many cells as the header; a row with another count
 * is an error (said once) and skipped.  Returns false at the end. */
static bool rows_next(Rows *r)
{
    Ck *c = r->c;
    for (;;) {
        if (diag_full(c->d))
            return false;
        if (!r->csv) {
            const Line *l = r->next_line;
            if (!l)
                return false;
            r->next_line = l->next;
            if (l->natoms != r->ncols) {
                if (!r->quiet) {
                    diag_error(c->d, l->span, "this row has %d cells; the header has %d columns",
                               l->natoms, r->ncols);
                    diag_hint(c->d, "write `-` for a missing cell");
                }
                continue;
            }
            int i = 0;
            for (const Atom *a = l->atoms; a; a = a->next, i++) {
                r->cell[i] = a->kind == A_MISSING ? NULL : a;
                r->where[i] = a->span;
            }
            r->row = l->span;
            return true;
        }
        if (!csv_record(c, r->file, &r->rd, r->ncols, r->quiet, NULL, -1))
            return false;
        r->row = (Span){r->file, (uint32_t)r->rd.rec_offset, (uint32_t)r->rd.rec_offset + 1};
        if (r->classify) {
            /* number, text or missing, decided as csv_atom and the quoted
             * numbers rule below decide it, without building atoms */
            for (int i = 0; i < r->ncols; i++) {
                const CsvField *f = &r->rd.fields[i];
                const char *s = f->p;
                size_t n = f->len;
                while (!f->quoted && n > 0 && (*s == ' ' || *s == '\t')) {
                    s++;
                    n--;
                }
                while (!f->quoted && n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                    n--;
                double v;
                r->atoms[i].kind = csv_number(s, n, &v) ? A_NUMBER : A_STRING;
                r->atoms[i].lo.unit = NULL;
                r->cell[i] = n ? &r->atoms[i] : NULL;
            }
            return true;
        }
        /* a cell with an error (said) drops its row, as in other tables */
        bool ok = csv_record_atoms(c, r->file, &r->rd, r->ncols, r->atoms);
        for (int i = 0; i < r->ncols; i++) {
            Atom *a = &r->atoms[i];
            if (a->kind == A_STRING && r->rd.fields[i].quoted) {
                /* a quoted number is a number: CSV quotes say nothing of type */
                double v;
                CsvNum k = csv_number(a->text, strlen(a->text), &v);
                if (k != CSVN_NOT) {
                    a->kind = A_NUMBER;
                    a->lo.value = v;
                    a->lo.text = a->text;
                    a->lo.span = a->span;
                }
                if (k == CSVN_BIG || k == CSVN_SMALL) {
                    csv_number_error(c, a->span, a->text, strlen(a->text), k);
                    ok = false;
                }
            }
            r->cell[i] = a->kind == A_MISSING ? NULL : a;
            r->where[i] = a->span;
        }
        if (!ok)
            continue;
        r->row = (Span){r->file, (uint32_t)r->rd.rec_offset, (uint32_t)r->rd.rec_offset + 1};
        return true;
    }
}

/* The header: column names, each with its optional [unit]. */
static bool rows_start(Ck *c, const Decl *d, Rows *r, CustCol *cols)
{
    memset(r, 0, sizeof *r);
    r->c = c;
    r->d = d;
    if (!d->path) {
        const Line *hl = d->block->lines;
        if (!hl) {
            diag_error(c->d, d->block->span, "a `customers` table needs a header line");
            diag_hint(c->d, "e.g. `id market recency[days] butter[t]`");
            return false;
        }
        for (const Atom *a = hl->atoms; a; a = a->next) {
            if (r->ncols == CUST_MAX_COLS) {
                diag_error(c->d, a->span, "too many customer columns (at most %d)", CUST_MAX_COLS);
                diag_hint(c->d, "keep the columns the rules use");
                return false;
            }
            if (a->kind != A_WORD && a->kind != A_HEADER) {
                diag_error(c->d, a->span, "expected a column name, found `%s`", span_text(c, a->span));
                diag_hint(c->d, "the first line names the columns, e.g. `id market recency[days]`");
                return false;
            }
            CustCol *cc = &cols[r->ncols++];
            cc->name = a->text;
            cc->span = a->kind == A_HEADER ? a->lo.span : a->span;
            parse_col_unit(c, a->kind == A_HEADER ? a->lo.unit : NULL, a->lo.unit_span, &cc->cu);
            cc->cu.col = cc->name;
        }
        r->next_line = hl->next;
        return true;
    }
    char *full;
    r->file = load_data_file(c, d, &full);
    if (r->file < 0)
        return false;
    r->csv = true;
    c->m->customers.file = r->file;
    c->m->customers.path = full;
    const SrcFile *sf = diag_file(c->d, r->file);
    csv_init(&r->rd, sf->text, sf->len);
    int rc = csv_next(&r->rd);
    Span first_line = {r->file, 0, (uint32_t)r->rd.pos};
    if (rc <= 0) {
        if (rc < 0)
            diag_error(c->d, (Span){r->file, (uint32_t)r->rd.err_offset, (uint32_t)r->rd.err_offset + 1},
                       "%s", r->rd.err_msg);
        else
            diag_error(c->d, d->path_span, "`%s` is empty", full);
        diag_hint(c->d, "the first line names the columns, e.g. `id,market,recency[days]`");
        return false;
    }
    if (r->rd.nfields > CUST_MAX_COLS) {
        diag_error(c->d, first_line, "too many customer columns (at most %d)", CUST_MAX_COLS);
        diag_hint(c->d, "keep the columns the rules use");
        return false;
    }
    r->ncols = (int)r->rd.nfields;
    for (int i = 0; i < r->ncols; i++) {
        const CsvField *f = &r->rd.fields[i];
        const char *lb = memchr(f->p, '[', f->len);
        size_t nlen = lb ? (size_t)(lb - f->p) : f->len;
        uint32_t base = (uint32_t)f->offset + (f->quoted ? 1 : 0);
        cols[i].name = arena_strndup(c->arena, f->p, nlen);
        cols[i].span = (Span){r->file, base, base + (uint32_t)nlen};
        if (lb) {
            if (f->p[f->len - 1] != ']' || f->len - nlen < 3) {
                diag_error(c->d, (Span){r->file, base + (uint32_t)nlen, base + (uint32_t)f->len},
                           "malformed unit in column header `%.*s`", (int)f->len, f->p);
                diag_hint(c->d, "write the unit in brackets after the name: `recency[days]`");
                return false;
            }
            const char *u = arena_strndup(c->arena, lb + 1, f->len - nlen - 2);
            parse_col_unit(c, u, (Span){r->file, base + (uint32_t)nlen + 1, base + (uint32_t)f->len - 1},
                           &cols[i].cu);
        }
        cols[i].cu.col = cols[i].name;
        cols[i].cu.csv = true;
    }
    return true;
}

static int intern(NameMap *map, Vec *strings, Arena *a, const char *s)
{
    int v = names_get(map, s);
    if (v >= 0)
        return v;
    const char *copy = arena_strdup(a, s);
    *(const char **)vec_push(strings) = copy;
    v = (int)strings->len - 1;
    names_put(map, copy, v);
    return v;
}

/* Ids must be unique: an open-addressing set of customer indices, hashed
 * and compared by the id text (4 bytes a slot, freed after loading). */
typedef struct {
    uint32_t *slot;   /* customer index + 1, 0 empty */
    size_t cap;
} IdSet;

static uint64_t text_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

/* The customer with the same id, or -1 after adding customer i. */
static long idset_add(IdSet *set, const Customers *cu, size_t i)
{
    const char *id = cu->id_text + cu->id_at[i];
    size_t j = text_hash(id) & (set->cap - 1);
    while (set->slot[j]) {
        size_t k = set->slot[j] - 1;
        if (strcmp(cu->id_text + cu->id_at[k], id) == 0)
            return (long)k;
        j = (j + 1) & (set->cap - 1);
    }
    set->slot[j] = (uint32_t)i + 1;
    return -1;
}

/* Decide each column's kind, then fill it: `id` (unique text), `market` (a
 * market with `demand from customers`), a product's name (its base volume,
 * mass), any other column an attribute: numeric when it has a unit or every
 * present cell is a number, else text. */
static void build_customers(Ck *c, const Decl *d)
{
    Customers *cu = &c->m->customers;
    if (cu->present) {
        diag_error(c->d, d->span, "customers are declared twice");
        diag_note(c->d, cu->span, "the first declaration is here");
        diag_hint(c->d, "a model has one customers table");
        return;
    }
    cu->present = true;
    cu->span = d->span;
    cu->file = d->span.file;
    cu->id_col = cu->market_col = -1;
    CustCol *cols = xcalloc(CUST_MAX_COLS, sizeof *cols);
    Rows rows;
    if (!rows_start(c, d, &rows, cols)) {
        csv_free(&rows.rd);
        free(cols);
        return;
    }
    int n = rows.ncols;
    /* pass 1: kinds and the number of rows */
    rows.classify = true;
    size_t nrows = 0;
    while (rows_next(&rows)) {
        nrows++;
        for (int j = 0; j < n; j++) {
            const Atom *a = rows.cell[j];
            if (!a)
                continue;
            if (a->kind != A_NUMBER)
                cols[j].any_text = true;
            else if (a->lo.unit && !cols[j].cell_unit) {
                cols[j].cell_unit = a->lo.unit;
                cols[j].cell_unit_span = a->lo.unit_span;
            }
        }
    }
    if (nrows > UINT32_MAX - 1) {
        diag_error(c->d, d->span, "more than 4 billion customers");
        diag_hint(c->d, "split the customer file");
        nrows = 0;
    }
    bool any_market = false;
    for (size_t k = 0; k < c->markets.len; k++)
        any_market |= MARKETS[k].from_customers;
    cu->n = nrows;
    cu->ncols = n;
    cu->cols = arena_alloc(c->arena, sizeof(Column) * (size_t)(n ? n : 1));
    cu->row_offset = xmalloc(sizeof(uint32_t) * (nrows + 1));
    bool ok_cols = true;
    for (int j = 0; j < n; j++) {
        Column *col = &cu->cols[j];
        CustCol *cc = &cols[j];
        col->name = cc->name;
        col->span = cc->span;
        col->unit = cc->cu.text;
        col->product = -1;
        col->file_unit = cc->cu.has ? cc->cu.unit : unit_ratio();
        int prev = names_put(&c->attrs, cc->name, j);
        if (prev >= 0) {
            diag_error(c->d, cc->span, "column `%s` appears twice", cc->name);
            diag_note(c->d, cols[prev].span, "first here");
            diag_hint(c->d, "rename or remove one of them");
            col->kind = COL_TEXT;
            ok_cols = false;
            continue;
        }
        int ev = names_get(&c->names, cc->name);
        bool is_product = ev >= 0 && KIND_OF(ev) == K_PRODUCT;
        if (strcmp(cc->name, "id") == 0) {
            col->kind = COL_ID;
            cu->id_col = j;
        } else if (strcmp(cc->name, "market") == 0) {
            col->kind = COL_MARKET;
            cu->market_col = j;
            col->text = xmalloc(sizeof(int) * (nrows + 1));
        } else if (!is_product && !cc->cu.has && cc->any_text) {
            col->kind = COL_TEXT;
            col->text = xmalloc(sizeof(int) * (nrows + 1));
        } else {
            col->kind = is_product ? COL_VOLUME : COL_NUMBER;
            col->product = is_product ? INDEX_OF(ev) : -1;
            Unit u;
            if (cc->cu.has)
                col->dim = cc->cu.unit.dim;
            else if (cc->cu.bad)
                ok_cols = false;
            else if (cc->cell_unit && parse_unit(c, cc->cell_unit, cc->cell_unit_span, &u))
                col->dim = u.dim;
            else if (cc->cell_unit)
                ok_cols = false;
            else if (is_product) {
                diag_error(c->d, cc->span, "product column `%s` needs a unit", cc->name);
                diag_hint(c->d, "it holds each customer's base volume: write the header as `%s[t]`",
                          cc->name);
                ok_cols = false;
            } else
                col->dim = dim_ratio();
            col->num = xmalloc(sizeof(double) * (nrows + 1));
        }
    }
    /* pass 2: the values */
    NameMap strmap;
    names_init(&strmap);
    Vec strings, ids;
    vec_init(&strings, sizeof(const char *));
    vec_init(&ids, 1);
    if (cu->id_col >= 0)
        cu->id_at = xmalloc(sizeof(uint32_t) * (nrows + 1));
    IdSet set = {0};
    if (cu->id_col >= 0) {
        set.cap = 16;
        while (set.cap < nrows * 2)
            set.cap *= 2;
        set.slot = xcalloc(set.cap, sizeof(uint32_t));
    }
    int last_market = -1;
    const char *last_market_name = NULL;
    rows.quiet = true;
    rows.classify = false;
    rows_rewind(&rows);
    size_t i = 0;
    while (ok_cols && i < nrows && rows_next(&rows)) {
        cu->row_offset[i] = rows.row.lo;
        for (int j = 0; j < n; j++) {
            Column *col = &cu->cols[j];
            const Atom *a = rows.cell[j];
            switch (col->kind) {
            case COL_ID: {
                if (!a) {
                    diag_error(c->d, rows.where[j], "customer has no `id`");
                    diag_hint(c->d, "every customer needs a unique id");
                }
                const char *t = a ? atom_text(c, a) : "";
                size_t len = strlen(t) + 1;
                if (ids.len + len > UINT32_MAX) {
                    diag_error(c->d, rows.row, "the customer ids take more than 4 GB");
                    diag_hint(c->d, "use shorter ids");
                    break;
                }
                if (ids.len + len > ids.cap) {
                    ids.cap = (ids.len + len) * 2;
                    ids.data = xrealloc(ids.data, ids.cap);
                }
                cu->id_at[i] = (uint32_t)ids.len;
                memcpy((char *)ids.data + ids.len, t, len);
                ids.len += len;
                cu->id_text = ids.data; /* idset_add reads it */
                long first = a ? idset_add(&set, cu, i) : -1;
                if (first >= 0) {
                    diag_error(c->d, a->span, "duplicate customer id `%s`", t);
                    diag_note(c->d, (Span){rows.row.file, cu->row_offset[first],
                                           cu->row_offset[first] + 1},
                              "`%s` first appears here", t);
                    diag_hint(c->d, "ids must be unique");
                }
                break;
            }
            case COL_MARKET:
                col->text[i] = -1;
                if (!a) {
                    if (any_market) {
                        diag_error(c->d, rows.where[j], "customer has no `market`");
                        diag_hint(c->d, "name the market this customer buys in");
                    }
                    break;
                }
                /* a number or a range names no market: said as written */
                const char *mt = atom_text(c, a);
                if (last_market_name && strcmp(last_market_name, mt) == 0) {
                    col->text[i] = last_market; /* files come sorted by market more often than not */
                    break;
                } else {
                    int mv = names_get(&c->names, mt);
                    if (mv < 0 || KIND_OF(mv) != K_MARKET) {
                        resolve(c, mt, a->span, K_MARKET);
                        break;
                    }
                    const Market *mk = &MARKETS[INDEX_OF(mv)];
                    if (!mk->from_customers) {
                        diag_error(c->d, a->span, "market `%s` does not take demand from customers",
                                   mk->n.name);
                        diag_hint(c->d, "add `demand from customers` to market `%s`", mk->n.name);
                        break;
                    }
                    last_market = col->text[i] = INDEX_OF(mv);
                    last_market_name = mk->n.name;
                }
                break;
            case COL_TEXT:
                /* a number, a range or a `*` in a text column is text */
                col->text[i] = a ? intern(&strmap, &strings, c->arena, atom_text(c, a)) : -1;
                break;
            case COL_VOLUME:
            case COL_NUMBER: {
                col->num[i] = NAN;
                if (!a)
                    break;
                if (a->kind != A_NUMBER) {
                    diag_error(c->d, a->span, "text `%s` in numeric column `%s`",
                               atom_text(c, a), col->name);
                    diag_hint(c->d, col->kind == COL_VOLUME
                                        ? "a product column holds the customer's base volume, e.g. `40`"
                                        : "write a number, or leave the cell empty when it is unknown");
                    break;
                }
                double v = NAN;
                if (!a->lo.unit && cols[j].cu.has)
                    v = unit_to_base(&cols[j].cu.unit, a->lo.value); /* the fast, common case */
                else if (!num_value(c, &a->lo, &cols[j].cu, col->dim, &v))
                    break;
                if (col->kind == COL_VOLUME && !nonneg(c, a->span, v, "a base volume"))
                    break;
                col->num[i] = v;
                break;
            }
            }
        }
        i++;
    }
    cu->n = i;
    cu->id_text = ids.data;
    cu->strings = strings.data;
    cu->nstrings = strings.len;
    names_free(&strmap);
    free(set.slot);
    csv_free(&rows.rd);
    free(cols);
    /* row offsets served the messages above; 4 bytes a customer saved */
    free(cu->row_offset);
    cu->row_offset = NULL;
    if (cu->id_col < 0) {
        diag_error(c->d, d->path ? (Span){cu->file, 0, 1} : d->span,
                   "customers need an `id` column");
        diag_hint(c->d, "add a first column `id` with a unique id per customer");
    }
    if (any_market && cu->market_col < 0) {
        diag_error(c->d, d->path ? (Span){cu->file, 0, 1} : d->span,
                   "customers need a `market` column: a market takes demand from customers");
        diag_hint(c->d, "add a `market` column naming each customer's market");
    }
}

/* ------------------------------------------------------------ expressions */

typedef struct {
    bool ok;
    ValueType type;
    Dim dim;
    bool bare;   /* a number written without a unit */
} Ty;

static const char *type_name(ValueType t)
{
    return t == T_NUMBER ? "a number" : t == T_TEXT ? "text" : "a condition";
}

static Ty check_expr(Ck *c, const Expr *e, int visible_lets);

static bool want_type(Ck *c, const Expr *e, Ty t, ValueType want, const char *where)
{
    if (!t.ok)
        return false;
    if (t.type == want)
        return true;
    diag_error(c->d, e->span, "expected %s %s, found %s", type_name(want), where,
               type_name(t.type));
    if (want == T_BOOL)
        diag_hint(c->d, "compare it, e.g. `r >= 4` or `channel == \"horeca\"`");
    else
        diag_hint(c->d, "this needs %s", type_name(want));
    return false;
}

/* Numbers compared, added or listed together must have one dimension; a
 * bare number beside a quantity is an error that shows its unit. */
static bool same_dim(Ck *c, const Expr *e, const Expr *a, Ty ta, const Expr *b, Ty tb)
{
    if (dim_eq(ta.dim, tb.dim))
        return true;
    char na[64], nb[64], base[32];
    dim_name(ta.dim, na, sizeof na);
    dim_name(tb.dim, nb, sizeof nb);
    if (tb.bare || ta.bare) {
        const Expr *bare = tb.bare ? b : a;
        Dim other = tb.bare ? ta.dim : tb.dim;
        dim_name(other, na, sizeof na);
        dim_base_unit(other, model_currency(c), base, sizeof base);
        diag_error(c->d, bare->span, "expected %s, found a bare number `%s`", na,
                   span_text(c, bare->span));
        diag_hint(c->d, "write `%s %s`", span_text(c, bare->span), base);
        return false;
    }
    diag_error(c->d, e->op_span.hi > e->op_span.lo ? e->op_span : e->span,
               "cannot combine %s with %s", na, nb);
    diag_hint(c->d, "both sides must be in the same dimension");
    return false;
}

static Ty ty(ValueType t, Dim d)
{
    return (Ty){true, t, d, false};
}

static Ty check_name(Ck *c, const Expr *e, int visible_lets)
{
    int v = names_get(&c->attrs, e->text);
    if (v >= 0 && (v & LET_BIT)) {
        int li = v & ~LET_BIT;
        const Let *l = &((Let *)c->lets.data)[li];
        if (li >= visible_lets) {
            diag_error(c->d, e->span, "`%s` is defined below, at line %u", e->text,
                       line_of(c, l->n.span));
            diag_hint(c->d, "a `let` may use customer columns and the lets above it");
            return (Ty){0};
        }
        if (l->type == T_BOOL && l->expr == NULL)
            return (Ty){0};
        return ty(l->type, l->dim);
    }
    if (v >= 0) {
        const Column *col = &c->m->customers.cols[v];
        if (col->kind == COL_NUMBER || col->kind == COL_VOLUME)
            return ty(T_NUMBER, col->dim);
        return ty(T_TEXT, dim_ratio());
    }
    if (!c->m->customers.present) {
        diag_error(c->d, e->span, "unknown customer column `%s`: the model declares no customers",
                   e->text);
        diag_hint(c->d, "add `customers from \"customers.csv\"` with a `%s` column", e->text);
        return (Ty){0};
    }
    diag_error(c->d, e->span, "unknown name `%s`: not a customer column or a `let`", e->text);
    const char *best = NULL;
    size_t bestd = 3;
    for (int i = 0; i < c->m->customers.ncols; i++) {
        size_t dd = diag_edit_distance(e->text, c->m->customers.cols[i].name, 2);
        if (dd < bestd) {
            bestd = dd;
            best = c->m->customers.cols[i].name;
        }
    }
    for (int i = 0; i < visible_lets; i++) {
        const char *ln = ((Let *)c->lets.data)[i].n.name;
        size_t dd = diag_edit_distance(e->text, ln, 2);
        if (dd < bestd) {
            bestd = dd;
            best = ln;
        }
    }
    if (best)
        diag_hint(c->d, "did you mean `%s`?", best);
    else
        diag_hint(c->d, "names here are the customer file's columns and `let` definitions");
    return (Ty){0};
}

/* quintile(x) and ntile(x, q): a score 1..q of a number attribute. */
static Ty check_call(Ck *c, const Expr *e, int visible_lets)
{
    bool quint = strcmp(e->text, "quintile") == 0;
    if (!quint && strcmp(e->text, "ntile") != 0) {
        diag_error(c->d, e->op_span, "unknown function `%s`", e->text);
        diag_hint(c->d, "the functions are `quintile(x)` and `ntile(x, q)`");
        return (Ty){0};
    }
    int want = quint ? 1 : 2;
    if (e->nargs != want) {
        diag_error(c->d, e->span, "`%s` takes %d argument%s, found %d", e->text, want,
                   want == 1 ? "" : "s", e->nargs);
        diag_hint(c->d, quint ? "write `quintile(frequency)`" : "write `ntile(frequency, 4)`");
        return (Ty){0};
    }
    Ty t = check_expr(c, e->args, visible_lets);
    if (!want_type(c, e->args, t, T_NUMBER, "to score"))
        return (Ty){0};
    if (!quint) {
        const Expr *q = e->args->next;
        if (q->kind != E_NUM || q->num.unit || q->num.value < 1 || q->num.value > 1000 ||
            q->num.value != floor(q->num.value)) {
            diag_error(c->d, q->span, "the number of bins must be a whole number from 1 to 1000");
            diag_hint(c->d, "write e.g. `ntile(frequency, 4)` for quartiles");
            return (Ty){0};
        }
    }
    return ty(T_NUMBER, dim_ratio());
}

static Ty check_expr(Ck *c, const Expr *e, int visible_lets)
{
    switch (e->kind) {
    case E_NUM: {
        if (!e->num.unit) {
            Ty t = ty(T_NUMBER, dim_ratio());
            t.bare = true;
            return t;
        }
        Unit u;
        if (!parse_unit(c, e->num.unit, e->num.unit_span, &u))
            return (Ty){0};
        return ty(T_NUMBER, u.dim);
    }
    case E_STR: return ty(T_TEXT, dim_ratio());
    case E_BOOL: return ty(T_BOOL, dim_ratio());
    case E_NAME: return check_name(c, e, visible_lets);
    case E_CALL: return check_call(c, e, visible_lets);
    case E_PAREN: return check_expr(c, e->a, visible_lets);
    case E_NEG: {
        Ty t = check_expr(c, e->a, visible_lets);
        return want_type(c, e->a, t, T_NUMBER, "after `-`") ? t : (Ty){0};
    }
    case E_NOT: {
        Ty t = check_expr(c, e->a, visible_lets);
        return want_type(c, e->a, t, T_BOOL, "after `not`") ? t : (Ty){0};
    }
    case E_AND: case E_OR: {
        Ty a = check_expr(c, e->a, visible_lets), b = check_expr(c, e->b, visible_lets);
        const char *w = e->kind == E_AND ? "beside `and`" : "beside `or`";
        bool ok = want_type(c, e->a, a, T_BOOL, w);
        ok = want_type(c, e->b, b, T_BOOL, w) && ok;
        return ok ? ty(T_BOOL, dim_ratio()) : (Ty){0};
    }
    case E_EQ: case E_NE: case E_LT: case E_LE: case E_GT: case E_GE: {
        Ty a = check_expr(c, e->a, visible_lets), b = check_expr(c, e->b, visible_lets);
        if (!a.ok || !b.ok)
            return (Ty){0};
        if (a.type == T_BOOL || b.type == T_BOOL || a.type != b.type) {
            diag_error(c->d, e->op_span, "cannot compare %s with %s", type_name(a.type),
                       type_name(b.type));
            diag_hint(c->d, "compare numbers with numbers and text with text, e.g. "
                            "`channel == \"horeca\"`");
            return (Ty){0};
        }
        if (a.type == T_TEXT && e->kind != E_EQ && e->kind != E_NE) {
            diag_error(c->d, e->op_span, "text is compared with `==`, `!=` or `in` only");
            diag_hint(c->d, "order applies to numbers");
            return (Ty){0};
        }
        if (a.type == T_NUMBER && !same_dim(c, e, e->a, a, e->b, b))
            return (Ty){0};
        return ty(T_BOOL, dim_ratio());
    }
    case E_ADD: case E_SUB: case E_MUL: case E_DIV: {
        Ty a = check_expr(c, e->a, visible_lets), b = check_expr(c, e->b, visible_lets);
        bool ok = want_type(c, e->a, a, T_NUMBER, "in arithmetic");
        ok = want_type(c, e->b, b, T_NUMBER, "in arithmetic") && ok;
        if (!ok)
            return (Ty){0};
        if (e->kind == E_ADD || e->kind == E_SUB) {
            if (!same_dim(c, e, e->a, a, e->b, b))
                return (Ty){0};
            Ty r = ty(T_NUMBER, a.dim);
            r.bare = a.bare && b.bare;
            return r;
        }
        int s = e->kind == E_MUL ? 1 : -1;
        Dim d = {(signed char)(a.dim.mass + s * b.dim.mass),
                 (signed char)(a.dim.money + s * b.dim.money),
                 (signed char)(a.dim.dist + s * b.dim.dist),
                 (signed char)(a.dim.time + s * b.dim.time)};
        Ty r = ty(T_NUMBER, d);
        r.bare = a.bare && b.bare;
        return r;
    }
    case E_IN: {
        Ty a = check_expr(c, e->a, visible_lets);
        if (!a.ok)
            return (Ty){0};
        if (a.type == T_BOOL) {
            diag_error(c->d, e->a->span, "`in` tests a number or a text, found a condition");
            diag_hint(c->d, "write e.g. `channel in (\"retail\", \"horeca\")`");
            return (Ty){0};
        }
        bool ok = true;
        for (const Expr *x = e->args; x; x = x->next) {
            Ty t = check_expr(c, x, visible_lets);
            if (!t.ok) {
                ok = false;
                continue;
            }
            if (t.type != a.type) {
                diag_error(c->d, x->span, "expected %s in the list, found %s", type_name(a.type),
                           type_name(t.type));
                diag_hint(c->d, "every item of the list is of the tested value's type");
                ok = false;
            } else if (a.type == T_NUMBER && !same_dim(c, e, e->a, a, x, t))
                ok = false;
        }
        return ok ? ty(T_BOOL, dim_ratio()) : (Ty){0};
    }
    }
    return (Ty){0};
}

static void check_lets_and_segments(Ck *c)
{
    const Decl **dv = c->decls.data;
    /* names first, so a let that uses a later one gets a clear message */
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_LET)
            continue;
        int idx = (int)c->lets.len;
        Let *l = vec_push(&c->lets);
        l->n.name = d->name;
        l->n.span = d->name_span;
        l->expr = NULL;
        l->type = T_BOOL;
        int prev = names_put(&c->attrs, d->name, idx | LET_BIT);
        if (prev >= 0) {
            if (prev & LET_BIT) {
                diag_error(c->d, d->name_span, "`let %s` is defined twice", d->name);
                diag_note(c->d, ((Let *)c->lets.data)[prev & ~LET_BIT].n.span, "first defined here");
            } else {
                diag_error(c->d, d->name_span, "`%s` is already a customer column", d->name);
                diag_note(c->d, c->m->customers.cols[prev].span, "the column is here");
            }
            diag_hint(c->d, "choose another name");
        }
    }
    size_t li = 0;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_LET)
            continue;
        Ty t = check_expr(c, d->expr, (int)li);
        Let *l = &((Let *)c->lets.data)[li++];
        if (t.ok) {
            l->expr = d->expr;
            l->type = t.type;
            l->dim = t.dim;
        }
    }
    size_t si = 0;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_SEGMENT)
            continue;
        Segment *s = &((Segment *)c->segments.data)[si++];
        s->strategy = resolve(c, d->strategy, d->strategy_span, K_STRATEGY);
        if (!d->expr)
            continue;
        Ty t = check_expr(c, d->expr, (int)c->lets.len);
        if (want_type(c, d->expr, t, T_BOOL, "after `when`"))
            s->when = d->expr;
    }
    if (!c->m->customers.present && (c->lets.len || c->segments.len)) {
        /* already reported per name where a column is used; a rule without
         * any column still needs customers to run on */
        const Decl *first = NULL;
        for (size_t i = 0; i < c->decls.len && !first; i++)
            if (dv[i]->kind == D_SEGMENT && !dv[i]->expr)
                first = dv[i];
        if (first) {
            diag_error(c->d, first->name_span, "segment `%s` has no customers to segment",
                       first->name);
            diag_hint(c->d, "add `customers from \"customers.csv\"`");
        }
    }
}

/* ------------------------------------------------------------ scenarios */

typedef struct {
    const char *word;
    ScenarioProp prop;
    EntityKind kind;
    int product;    /* 0 no product, 1 required, 2 optional */
    bool range;
    int dim;        /* 0 mass, 1 money/mass, 2 money, 3 ratio, 4 money/mass/dist */
} PropSpec;

static const PropSpec scen_props[] = {
    {"supply", SP_SUPPLY, K_FARM, 0, true, 0},
    {"price", SP_PRICE, K_FARM, 0, false, 1},
    {"capacity", SP_CAPACITY, K_PLANT, 0, true, 0},
    {"fixed", SP_FIXED, K_PLANT, 0, false, 2},
    {"output", SP_OUTPUT, K_PLANT, 1, true, 0},
    {"cost", SP_COST, K_PLANT, 1, false, 1},
    {"demand", SP_DEMAND, K_MARKET, 2, true, 0},
    {"price", SP_PRICE, K_MARKET, 1, false, 1},
    {"milk", SP_MILK, K_PRODUCT, 0, false, 3},
    {"price", SP_PRICE, K_PRODUCT, 0, false, 1},
    {"transport", SP_TRANSPORT, K_PRODUCT, 0, false, 4},
};

static Dim spec_dim(int k)
{
    switch (k) {
    case 0: return dim_mass();
    case 1: return dim_money_per_mass();
    case 2: return dim_money();
    case 3: return dim_ratio();
    default: return dim_money_per_mass_distance();
    }
}

static void scen_usage(Ck *c)
{
    diag_hint(c->d, "scenario statements: `scale farm * supply 85%%`, `set farm north price 900 "
                    "BYN/t`, `close plant NAME`, `open plant NAME`");
}

/* Whether entity `e` of kind k (or any, e = -1) has product p where a
 * property needs it: a plant's line or a market's demand line. */
static bool has_product(Ck *c, EntityKind k, int e, int p)
{
    if (k == K_PLANT) {
        const ProdLine *ln = c->lines.data;
        for (size_t i = 0; i < c->lines.len; i++)
            if (ln[i].product == p && (e < 0 || ln[i].plant == e))
                return true;
    } else {
        const Demand *dm = c->demands.data;
        for (size_t i = 0; i < c->demands.len; i++)
            if (dm[i].product == p && (e < 0 || dm[i].market == e))
                return true;
    }
    return false;
}

static bool scenario_line(Ck *c, const Line *l, ScenarioAction *act)
{
    Args g;
    args_of(l, &g);
    const Atom *op = g.a[0];
    memset(act, 0, sizeof *act);
    act->span = l->span;
    act->product = -1;
    act->prop = SP_NONE;
    if (is_word(op, "close") || is_word(op, "open")) {
        act->op = op->text[0] == 'c' ? SC_CLOSE : SC_OPEN;
        act->kind = K_PLANT;
        if (g.total != 3 || !is_word(g.a[1], "plant") || g.a[2]->kind != A_WORD) {
            diag_error(c->d, l->span, "write `%s plant NAME`", op->text);
            scen_usage(c);
            return false;
        }
        act->entity = resolve(c, g.a[2]->text, g.a[2]->span, K_PLANT);
        if (act->entity < 0)
            return false;
        if (act->op == SC_OPEN && !PLANTS[act->entity].optional) {
            diag_error(c->d, g.a[2]->span, "plant `%s` is not optional: it is always open",
                       g.a[2]->text);
            diag_hint(c->d, "`open plant` forces an optional plant open; remove this line");
            return false;
        }
        return true;
    }
    bool scale = is_word(op, "scale");
    if (!scale && !is_word(op, "set")) {
        diag_error(c->d, op->span, "unknown scenario statement `%s`", span_text(c, op->span));
        scen_usage(c);
        return false;
    }
    act->op = scale ? SC_SCALE : SC_SET;
    if (g.total < 4 || g.a[1]->kind != A_WORD) {
        diag_error(c->d, l->span, "`%s` needs a kind, a name, a property and a value", op->text);
        scen_usage(c);
        return false;
    }
    if (g.total > 16) {
        diag_error(c->d, l->span, "scenario statement is too long");
        scen_usage(c);
        return false;
    }
    const Atom *kind = g.a[1];
    const Atom *val = g.a[g.total - 1];
    if (is_word(kind, "transport")) {
        /* scale transport milk 110% | set transport butter 0.8 BYN/t/km */
        act->kind = K_COUNT;
        act->entity = -1;
        const Atom *rate = g.a[2];
        if (g.total != 4 || rate->kind != A_WORD) {
            diag_error(c->d, l->span, "write `%s transport milk|product|PRODUCT VALUE`", op->text);
            scen_usage(c);
            return false;
        }
        const Transport *t = &c->m->transport;
        bool exists;
        if (strcmp(rate->text, "milk") == 0) {
            act->prop = SP_MILK;
            exists = t->has_milk;
        } else if (strcmp(rate->text, "product") == 0) {
            act->prop = SP_TRANSPORT;
            exists = t->has_product;
        } else {
            act->prop = SP_TRANSPORT;
            act->product = resolve(c, rate->text, rate->span, K_PRODUCT);
            if (act->product < 0)
                return false;
            exists = PRODUCTS[act->product].has_transport || t->has_product;
        }
        if (!exists && scale) { /* `set` gives the rate; `scale` needs one */
            diag_error(c->d, rate->span, "the model has no `%s` transport rate to change",
                       rate->text);
            diag_hint(c->d, "a scenario changes what the model has; add the rate to `transport` first");
            return false;
        }
        if (scale)
            return atom_qty(c, val, NULL, dim_ratio(), &act->ratio) &&
                   nonneg(c, val->span, act->ratio, "a scale");
        return atom_qty(c, val, NULL, dim_money_per_mass_distance(), &act->value.lo) &&
               nonneg(c, val->span, act->value.lo, "a transport rate") &&
               ((act->value.hi = act->value.lo), true);
    }
    EntityKind k;
    if (is_word(kind, "farm"))
        k = K_FARM;
    else if (is_word(kind, "plant"))
        k = K_PLANT;
    else if (is_word(kind, "market"))
        k = K_MARKET;
    else if (is_word(kind, "product"))
        k = K_PRODUCT;
    else {
        diag_error(c->d, kind->span, "a scenario changes a farm, plant, market, product or "
                                     "transport, not `%s`", span_text(c, kind->span));
        scen_usage(c);
        return false;
    }
    act->kind = k;
    const Atom *who = g.a[2];
    if (who->kind == A_STAR) {
        act->entity = -1;
    } else if (who->kind == A_WORD) {
        act->entity = resolve(c, who->text, who->span, k);
        if (act->entity < 0)
            return false;
    } else {
        diag_error(c->d, who->span, "expected a %s name or `*`", ast_entity_name(k));
        scen_usage(c);
        return false;
    }
    const Atom *pw = g.a[3];
    if (pw->kind != A_WORD || g.total == 4) {
        diag_error(c->d, pw->span, "`%s %s` needs a property before the value", op->text,
                   ast_entity_name(k));
        scen_usage(c);
        return false;
    }
    const PropSpec *ps = NULL;
    for (size_t i = 0; i < sizeof scen_props / sizeof *scen_props; i++)
        if (scen_props[i].kind == k && is_word(pw, scen_props[i].word))
            ps = &scen_props[i];
    if (!ps) {
        char list[128] = "";
        size_t len = 0;
        for (size_t i = 0; i < sizeof scen_props / sizeof *scen_props; i++)
            if (scen_props[i].kind == k)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s`%s`", len ? ", " : "",
                                        scen_props[i].word);
        diag_error(c->d, pw->span, "a scenario cannot change `%s` of a %s",
                   span_text(c, pw->span), ast_entity_name(k));
        diag_hint(c->d, "a %s's changeable properties are %s", ast_entity_name(k), list);
        return false;
    }
    act->prop = ps->prop;
    int want_atoms = 5;
    if (ps->product == 1 || (ps->product == 2 && g.total == 6))
        want_atoms = 6;
    if (g.total != want_atoms) {
        diag_error(c->d, l->span, "`%s` of a %s takes %s", pw->text, ast_entity_name(k),
                   ps->product == 1 ? "a product and a value" : ps->product == 2
                                                                    ? "an optional product and a value"
                                                                    : "a value");
        scen_usage(c);
        return false;
    }
    if (want_atoms == 6) {
        const Atom *pa = g.a[4];
        if (pa->kind != A_WORD) {
            diag_error(c->d, pa->span, "expected a product name");
            scen_usage(c);
            return false;
        }
        act->product = resolve(c, pa->text, pa->span, K_PRODUCT);
        if (act->product < 0)
            return false;
        if (!has_product(c, k, act->entity, act->product)) {
            if (act->entity < 0)
                diag_error(c->d, pa->span, "no %s has a %s of `%s`", ast_entity_name(k),
                           k == K_PLANT ? "line" : "demand line", pa->text);
            else
                diag_error(c->d, pa->span, "%s `%s` has no %s of `%s`", ast_entity_name(k),
                           who->text, k == K_PLANT ? "line" : "demand line", pa->text);
            diag_hint(c->d, "a scenario changes what the model has; add the line first");
            return false;
        }
    } else if (ps->product == 2 && !scale) {
        diag_error(c->d, l->span, "`set market ... demand` needs a product");
        diag_hint(c->d, "write `set market city demand butter 150..400 t`");
        return false;
    }
    if (ps->prop == SP_DEMAND && !scale && act->entity >= 0 &&
        MARKETS[act->entity].from_customers) {
        diag_error(c->d, who->span, "market `%s` takes demand from customers: its volumes "
                                    "come from them", who->text);
        diag_hint(c->d, "`scale market %s demand 120%%` scales the customers' volumes instead",
                  who->text);
        return false;
    }
    if (scale && k == K_PRODUCT && (ps->prop == SP_PRICE || ps->prop == SP_TRANSPORT)) {
        /* optional properties: `set` gives one, `scale` needs one to scale */
        bool any = false;
        for (size_t i = 0; i < c->products.len; i++) {
            if (act->entity >= 0 && (int)i != act->entity)
                continue;
            const Product *pr = &PRODUCTS[i];
            any |= ps->prop == SP_PRICE ? pr->has_price
                                        : pr->has_transport || c->m->transport.has_product;
        }
        if (!any) {
            if (act->entity >= 0)
                diag_error(c->d, pw->span, "product `%s` has no `%s` to change", who->text,
                           pw->text);
            else
                diag_error(c->d, pw->span, "no product has a `%s` to change", pw->text);
            diag_hint(c->d, "a scenario changes what the model has; give the product a `%s` first",
                      pw->text);
            return false;
        }
    }
    if (scale) {
        if (!atom_qty(c, val, NULL, dim_ratio(), &act->ratio) ||
            !nonneg(c, val->span, act->ratio, "a scale"))
            return false;
        return true;
    }
    if (ps->range) {
        act->is_range = true;
        return atom_range(c, val, NULL, spec_dim(ps->dim), &act->value) &&
               nonneg_range(c, val->span, act->value, "the value");
    }
    if (!atom_qty(c, val, NULL, spec_dim(ps->dim), &act->value.lo))
        return false;
    act->value.hi = act->value.lo;
    if (ps->prop == SP_MILK && act->value.lo <= 0) {
        diag_error(c->d, val->span, "a milk norm must be above zero");
        diag_hint(c->d, "e.g. `set product butter milk 21.5`");
        return false;
    }
    return nonneg(c, val->span, act->value.lo, "the value");
}

static void scenario_props(Ck *c, const Decl *d, int si)
{
    Vec acts;
    vec_init(&acts, sizeof(ScenarioAction));
    for (const Line *l = d->block->lines; l; l = l->next) {
        ScenarioAction a;
        if (scenario_line(c, l, &a))
            *(ScenarioAction *)vec_push(&acts) = a;
    }
    Scenario *s = &SCENARIOS[si];
    s->nactions = (int)acts.len;
    s->actions = arena_alloc(c->arena, sizeof(ScenarioAction) * (acts.len ? acts.len : 1));
    if (acts.len)
        memcpy(s->actions, acts.data, sizeof(ScenarioAction) * acts.len);
    vec_free(&acts);
}

/* ------------------------------------------------------------ files and use */

static const char *const table_names[] = {"products", "farms",   "plants", "lines",
                                          "markets",  "demands", "routes", "customers", NULL};

/* printf at buf + *len, never past cap (a long text is cut). */
static void append_text(char *buf, size_t cap, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append_text(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, cap - *len, fmt, ap);
    va_end(ap);
    *len = n < 0 || *len + (size_t)n >= cap ? cap - 1 : *len + (size_t)n;
}

/* `use std.NAME` looks in each stdlib folder; `use "path"` is relative to
 * the file that says it.  A file is read once; a cycle is an error.  True
 * when the file is new: it is loaded and last in c->files, to be read. */
static bool use_file(Ck *c, const Decl *d)
{
    char *path = NULL;
    if (d->use_std) {
        if (strcmp(d->path, "std") != 0) {
            diag_error(c->d, d->path_span, "unknown module prefix `%s`", d->path);
            diag_hint(c->d, "standard modules are `use std.NAME`; other files are `use \"file.dairy\"`");
            return false;
        }
        for (int i = 0; i < c->opt->nstd && !path; i++) {
            char *p = arena_printf(c->arena, "%s/%s.dairy", c->opt->std_dirs[i], d->name);
            if (access(p, R_OK) == 0)
                path = p;
        }
        if (!path) {
            static const char *const mods[] = {"products", "strategies", "rfm"};
            for (int i = 0; i < 3; i++)
                if (strcmp(d->name, mods[i]) == 0) {
                    /* a module dairy ships, but no folder searched has it */
                    const char *where =
                        c->opt->nstd == 0 ? "any folder"
                        : arena_printf(c->arena, "`%s`%s", c->opt->std_dirs[0],
                                       c->opt->nstd > 1 ? " or the other folders searched" : "");
                    diag_error(c->d, d->name_span,
                               "the standard library is not found: no `%s.dairy` in %s", d->name,
                               where);
                    diag_hint(c->d, "set DAIRY_PATH to the folder that holds `%s.dairy` "
                                    "(`stdlib/` in dairy's sources), or `make install`",
                              d->name);
                    return false;
                }
            diag_error(c->d, d->name_span, "unknown standard module `std.%s`", d->name);
            const char *best = NULL;
            for (int i = 0; i < 3; i++)
                if (diag_edit_distance(d->name, mods[i], 2) <= 2)
                    best = mods[i];
            if (best)
                diag_hint(c->d, "did you mean `std.%s`?", best);
            else
                diag_hint(c->d, "the standard modules are `std.products`, `std.strategies` and "
                                "`std.rfm`; DAIRY_PATH adds folders to search");
            return false;
        }
    } else {
        path = relative_to(c, d->path_span, d->path);
    }
    char *real = realpath(path, NULL);
    if (!real) {
        diag_error(c->d, d->path ? d->path_span : d->span, "cannot read `%s`: %s", path,
                   strerror(errno));
        diag_hint(c->d, "the path is relative to the file that uses it");
        return false;
    }
    UsedFile *uf = c->files.data;
    for (size_t i = 0; i < c->files.len; i++) {
        if (strcmp(uf[i].real, real) != 0)
            continue;
        if (uf[i].state == 1) {
            /* the files on the stack from uf[i] to here form the cycle; a
             * long one (a chain of thousands) is shown by its two ends */
            size_t total = 0, k = 0;
            for (size_t j = i; j < c->files.len; j++)
                total += uf[j].state == 1;
            char chain[1024] = "";
            size_t len = 0;
            for (size_t j = i; j < c->files.len; j++) {
                if (uf[j].state != 1)
                    continue;
                if (total > 8 && k >= 3 && k < total - 3) {
                    if (k == 3)
                        append_text(chain, sizeof chain, &len, "… (%zu more) → ", total - 6);
                } else {
                    append_text(chain, sizeof chain, &len, "%s → ",
                                diag_file(c->d, uf[j].id)->path);
                }
                k++;
            }
            append_text(chain, sizeof chain, &len, "%s", diag_file(c->d, uf[i].id)->path);
            if (len == sizeof chain - 1) { /* cut: end on a whole character, and say so */
                len = sizeof chain - 4;
                while (len > 0 && ((unsigned char)chain[len] & 0xC0) == 0x80)
                    len--;
                memcpy(chain + len, "…", sizeof "…");
            }
            diag_error(c->d, d->span, "cycle of `use`: %s", chain);
            diag_hint(c->d, "remove one `use` of the cycle; a file may be used by several others");
        }
        free(real);
        return false;
    }
    int err = 0;
    int32_t id = diag_load_file(c->d, path, &err);
    if (id < 0) {
        diag_error(c->d, d->path ? d->path_span : d->span, "cannot read `%s`: %s", path,
                   diag_strerror(err));
        diag_hint(c->d, "the path is relative to the file that uses it");
        free(real);
        return false;
    }
    UsedFile *nf = vec_push(&c->files);
    nf->real = real;
    nf->id = id;
    return true;
}

/* A file being read: where its declarations have got to. */
typedef struct {
    size_t file; /* index in c->files */
    const Decl *next;
} UseFrame;

static void start_file(Ck *c, Vec *stack, size_t file)
{
    UsedFile *uf = (UsedFile *)c->files.data + file;
    uf->state = 1;
    uf->ast = ast_parse(c->arena, c->d, uf->id);
    UseFrame *f = vec_push(stack);
    f->file = file;
    f->next = uf->ast->decls;
}

/* Read the last file of c->files and everything it uses.  A used file's
 * declarations come where its `use` stands, as if pasted in; the files being
 * read are kept on a stack of our own rather than the C stack, so that a
 * chain of thousands of `use`d files cannot overflow it. */
static void read_file(Ck *c)
{
    Vec stack;
    vec_init(&stack, sizeof(UseFrame));
    start_file(c, &stack, c->files.len - 1);
    while (stack.len) {
        UseFrame *top = (UseFrame *)stack.data + stack.len - 1;
        const Decl *d = top->next;
        if (!d) {
            ((UsedFile *)c->files.data)[top->file].state = 2;
            stack.len--;
            continue;
        }
        top->next = d->next;
        if (d->kind != D_USE)
            *(const Decl **)vec_push(&c->decls) = d;
        else if (use_file(c, d))
            start_file(c, &stack, c->files.len - 1);
    }
    vec_free(&stack);
}

/* ------------------------------------------------------------ passes */

static void pass_header(Ck *c)
{
    const Decl **dv = c->decls.data;
    const Decl *title = NULL, *cur = NULL, *obj = NULL;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        const Decl **first = d->kind == D_MODEL ? &title : d->kind == D_CURRENCY ? &cur
                           : d->kind == D_OBJECTIVE ? &obj : NULL;
        if (!first)
            continue;
        if (*first && d->kind == D_CURRENCY && strcmp((*first)->name, d->name) == 0)
            continue; /* a used file may repeat the model's currency */
        if (*first && d->kind == D_CURRENCY) {
            diag_error(c->d, d->name_span, "a second currency `%s`: the model's currency is `%s`",
                       d->name, (*first)->name);
            diag_note(c->d, (*first)->span, "the currency is declared here");
            diag_hint(c->d, "a model has one currency; convert amounts to %s", (*first)->name);
            continue;
        }
        if (*first) {
            diag_error(c->d, d->span, "the %s is declared twice",
                       d->kind == D_MODEL ? "model title" : "objective");
            diag_note(c->d, (*first)->span, "first declared here");
            diag_hint(c->d, "keep one of them");
            continue;
        }
        *first = d;
        if (d->kind == D_MODEL) {
            c->m->title = d->label;
        } else if (d->kind == D_CURRENCY) {
            const char *s = d->name;
            bool ok = strlen(s) == 3;
            for (int k = 0; ok && k < 3; k++)
                ok = s[k] >= 'A' && s[k] <= 'Z';
            if (!ok) {
                diag_error(c->d, d->name_span, "currency `%s` is not a currency code", s);
                diag_hint(c->d, "write three capital letters, as in `currency BYN`");
                c->currency_missing_said = true; /* no "no currency" after this */
                continue;
            }
            memcpy(c->m->currency, s, 4);
            c->has_currency = true;
            c->currency_span = d->name_span;
        } else {
            if (strcmp(d->name, "maximize") == 0 && strcmp(d->name2, "profit") == 0)
                c->m->objective = OBJ_MAX_PROFIT;
            else if (strcmp(d->name, "minimize") == 0 && strcmp(d->name2, "cost") == 0)
                c->m->objective = OBJ_MIN_COST;
            else {
                diag_error(c->d, (Span){d->name_span.file, d->name_span.lo, d->name2_span.hi},
                           "unknown objective `%s %s`", d->name, d->name2);
                diag_hint(c->d, "write `objective maximize profit` or `objective minimize cost`");
            }
        }
    }
}

static int table_kind(Ck *c, const Decl *d)
{
    for (int i = 0; table_names[i]; i++)
        if (strcmp(table_names[i], d->name) == 0)
            return i;
    diag_error(c->d, d->name_span, "unknown table `%s`", d->name);
    const char *best = NULL;
    size_t bestd = 3;
    for (int i = 0; table_names[i]; i++) {
        size_t dd = diag_edit_distance(d->name, table_names[i], 2);
        if (dd < bestd) {
            bestd = dd;
            best = table_names[i];
        }
    }
    if (best)
        diag_hint(c->d, "did you mean `%s`?", best);
    else
        diag_hint(c->d, "tables are products, farms, plants, lines, markets, demands, routes "
                        "and customers");
    return -1;
}

static void pass_names(Ck *c, int *kinds)
{
    const Decl **dv = c->decls.data;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        kinds[i] = -1;
        if (d->kind == D_ENTITY)
            kinds[i] = add_entity(c, d->entity, d->name, d->label, d->name_span);
        else if (d->kind == D_SEGMENT)
            add_entity(c, K_SEGMENT, d->name, d->label, d->name_span);
        else if (d->kind == D_TABLE) {
            kinds[i] = table_kind(c, d);
            switch (kinds[i]) {
            case 0: table_rows(c, d, &products_table, product_row); break;
            case 1: table_rows(c, d, &farms_table, farm_row); break;
            case 2: table_rows(c, d, &plants_table, plant_row); break;
            case 4: table_rows(c, d, &markets_table, market_row); break;
            default: break;
            }
        }
    }
}

static void pass_props(Ck *c, const int *kinds)
{
    const Decl **dv = c->decls.data;
    const Decl *first_transport = NULL;
    for (size_t i = 0; i < c->decls.len && !diag_full(c->d); i++) {
        const Decl *d = dv[i];
        if (d->kind == D_ENTITY && kinds[i] >= 0) {
            int before = c->d->errors;
            switch (d->entity) {
            case K_PRODUCT: product_props(c, d, kinds[i]); break;
            case K_FARM: farm_props(c, d, kinds[i]); break;
            case K_PLANT: plant_props(c, d, kinds[i]); break;
            case K_MARKET: market_props(c, d, kinds[i]); break;
            case K_STRATEGY: strategy_props(c, d, kinds[i]); break;
            default: break;
            }
            if (c->d->errors > before)
                named_at(c, d->entity, kinds[i])->bad = true;
        } else if (d->kind == D_TRANSPORT) {
            if (first_transport) {
                diag_error(c->d, d->kw_span, "`transport` is declared twice");
                diag_note(c->d, first_transport->kw_span, "first declared here");
                diag_hint(c->d, "a model has one `transport` block; merge them");
                continue;
            }
            first_transport = d;
            transport_props(c, d);
        } else if (d->kind == D_TABLE) {
            switch (kinds[i]) {
            case 3: table_rows(c, d, &lines_table, line_row); break;
            case 5: table_rows(c, d, &demands_table, demand_row); break;
            case 6: table_rows(c, d, &routes_table, route_row); break;
            default: break;
            }
        } else if (d->kind == D_MATRIX) {
            matrix_routes(c, d);
        }
    }
}

/* A product that customers of a market buy needs a price there: the
 * market's `demand P price C` line or the product's own `price`. */
static void customer_prices(Ck *c)
{
    const Customers *cu = &c->m->customers;
    if (!cu->present || cu->market_col < 0)
        return;
    const int *mkt = cu->cols[cu->market_col].text;
    bool *priced = xmalloc(c->markets.len + 1);
    for (int j = 0; j < cu->ncols; j++) {
        const Column *col = &cu->cols[j];
        if (col->kind != COL_VOLUME || !col->num)
            continue;
        const Product *pr = &PRODUCTS[col->product];
        for (size_t k = 0; k < c->markets.len; k++)
            priced[k] = pr->has_price;
        const Demand *dm = c->demands.data;
        for (size_t k = 0; k < c->demands.len; k++)
            if (dm[k].product == col->product && dm[k].price_given)
                priced[dm[k].market] = true;
        for (size_t i = 0; i < cu->n; i++) {
            int m = mkt[i];
            if (m < 0 || priced[m] || !(col->num[i] > 0))
                continue;
            priced[m] = true; /* say it once per market */
            diag_error(c->d, col->span, "customers of market `%s` buy `%s`, but it has no price there",
                       MARKETS[m].n.name, pr->n.name);
            diag_hint(c->d, "add `demand %s price ... %s/t` to market `%s`, or a `price` to product `%s`",
                      pr->n.name, model_currency(c) ? model_currency(c) : "BYN",
                      MARKETS[m].n.name, pr->n.name);
        }
    }
    free(priced);
}

/* What no single line can show: required properties never given, demand
 * prices, and the transport rates that routes given by distance need. */
static void final_checks(Ck *c)
{
    for (size_t i = 0; i < c->products.len; i++)
        if (isnan(PRODUCTS[i].milk) && !PRODUCTS[i].n.bad) {
            diag_error(c->d, PRODUCTS[i].n.span, "product `%s` has no `milk` norm",
                       PRODUCTS[i].n.name);
            diag_hint(c->d, "add `milk 21.0 t/t`: tonnes of raw milk per tonne of product");
        }
    for (size_t i = 0; i < c->farms.len; i++) {
        const Farm *f = &FARMS[i];
        if (f->n.bad)
            continue;
        if (isnan(f->supply.hi)) {
            diag_error(c->d, f->n.span, "farm `%s` has no `supply`", f->n.name);
            diag_hint(c->d, "add `supply 9_000 t` (or a range `7_000..9_000 t`)");
        }
        if (isnan(f->price)) {
            diag_error(c->d, f->n.span, "farm `%s` has no milk `price`", f->n.name);
            diag_hint(c->d, "add `price 820 %s/t`", model_currency(c) ? model_currency(c) : "BYN");
        }
    }
    bool *has_line = xcalloc(c->plants.len + 1, 1);
    const ProdLine *ln = c->lines.data;
    for (size_t i = 0; i < c->lines.len; i++)
        has_line[ln[i].plant] = true;
    for (size_t i = 0; i < c->plants.len; i++) {
        const Plant *p = &PLANTS[i];
        if (p->n.bad)
            continue;
        if (isnan(p->capacity.hi)) {
            diag_error(c->d, p->n.span, "plant `%s` has no `capacity`", p->n.name);
            diag_hint(c->d, "add `capacity 15_000 t`: the raw milk it can take in");
        }
        if (!has_line[i]) {
            diag_error(c->d, p->n.span, "plant `%s` makes nothing", p->n.name);
            diag_hint(c->d, "add a line: `makes butter 400 t cost 310 %s/t`",
                      model_currency(c) ? model_currency(c) : "BYN");
        }
    }
    Demand *dm = c->demands.data;
    for (size_t i = 0; i < c->demands.len; i++) {
        const Market *mk = &MARKETS[dm[i].market];
        const Product *pr = &PRODUCTS[dm[i].product];
        if (mk->from_customers && dm[i].has_volume) {
            diag_error(c->d, dm[i].span, "market `%s` takes demand from customers: its `demand` "
                                         "lines give a price, not a volume", mk->n.name);
            diag_hint(c->d, "write `demand %s price ...`; the volume comes from the customers",
                      pr->n.name);
        } else if (!mk->from_customers && !dm[i].has_volume) {
            diag_error(c->d, dm[i].span, "demand for `%s` at market `%s` has no volume",
                       pr->n.name, mk->n.name);
            diag_hint(c->d, "write `demand %s 150..380 t price ...`, or add `demand from "
                            "customers` to the market", pr->n.name);
        }
        if (!dm[i].price_given) {
            if (pr->has_price)
                dm[i].price = pr->price;
            else {
                diag_error(c->d, dm[i].span, "demand for `%s` at market `%s` has no price",
                           pr->n.name, mk->n.name);
                diag_hint(c->d, "add `price 10_400 %s/t` to the line, or a `price` to product `%s`",
                          model_currency(c) ? model_currency(c) : "BYN", pr->n.name);
            }
        }
    }
    customer_prices(c);
    if (c->segments.len > INT16_MAX) {
        const Segment *s = &((Segment *)c->segments.data)[INT16_MAX];
        diag_error(c->d, s->n.span, "too many segments (at most %d)", INT16_MAX);
        diag_hint(c->d, "merge segments that share a strategy");
    }
    for (size_t i = 0; i < c->markets.len; i++)
        if (MARKETS[i].from_customers && !c->m->customers.present) {
            diag_error(c->d, MARKETS[i].n.span,
                       "market `%s` takes demand from customers, but the model has no customers",
                       MARKETS[i].n.name);
            diag_hint(c->d, "add `customers from \"customers.csv\"`");
        }
    /* transport rates needed by routes given by distance, said once each */
    const Transport *t = &c->m->transport;
    bool milk_said = false;
    bool *prod_said = xcalloc(c->products.len + 1, 1);
    const Route *rt = c->routes.data;
    /* lines grouped by plant (counting sort), so each route sees its own */
    int *by_plant = xcalloc(c->plants.len + 2, sizeof(int));
    int *order = xmalloc((c->lines.len + 1) * sizeof(int));
    for (size_t j = 0; j < c->lines.len; j++)
        by_plant[ln[j].plant + 2]++;
    for (size_t p = 0; p < c->plants.len; p++)
        by_plant[p + 2] += by_plant[p + 1];
    for (size_t j = 0; j < c->lines.len; j++)
        order[by_plant[ln[j].plant + 1]++] = (int)j;
    for (size_t i = 0; i < c->routes.len && !diag_full(c->d); i++) {
        if (!rt[i].has_distance)
            continue;
        if (rt[i].kind == ROUTE_MILK) {
            if (!t->has_milk && !milk_said) {
                milk_said = true;
                diag_error(c->d, rt[i].span, "route `%s → %s` is given by distance, but there is "
                                             "no milk transport rate",
                           FARMS[rt[i].from].n.name, PLANTS[rt[i].to].n.name);
                diag_hint(c->d, "add `transport { milk 0.45 %s/t/km }`, or give the route a `cost`",
                          model_currency(c) ? model_currency(c) : "BYN");
            }
            continue;
        }
        for (int j = by_plant[rt[i].from]; j < by_plant[rt[i].from + 1]; j++) {
            int k = ln[order[j]].product;
            if (PRODUCTS[k].has_transport || t->has_product || prod_said[k])
                continue;
            prod_said[k] = true;
            diag_error(c->d, rt[i].span, "route `%s → %s` is given by distance, but product `%s` "
                                         "has no transport rate",
                       PLANTS[rt[i].from].n.name, MARKETS[rt[i].to].n.name, PRODUCTS[k].n.name);
            diag_hint(c->d, "add `transport { product 0.60 %s/t/km }`, or give the route a `cost`",
                      model_currency(c) ? model_currency(c) : "BYN");
        }
    }
    free(prod_said);
    free(has_line);
    free(by_plant);
    free(order);
    /* every product's rate, resolved: its own, else the transport default */
    for (size_t i = 0; i < c->products.len; i++) {
        PRODUCTS[i].transport_is_own = PRODUCTS[i].has_transport;
        if (!PRODUCTS[i].has_transport && t->has_product) {
            PRODUCTS[i].has_transport = true;
            PRODUCTS[i].transport = t->product;
        }
    }
}

static void *take(Vec *v, int *n)
{
    *n = (int)v->len;
    void *p = v->data;
    v->data = NULL;
    v->len = v->cap = 0;
    return p;
}

static Model *run_check(Ck *c)
{
    pass_header(c);
    int *kinds = xmalloc((c->decls.len + 1) * sizeof(int));
    pass_names(c, kinds);
    pass_props(c, kinds);
    const Decl **dv = c->decls.data;
    for (size_t i = 0; i < c->decls.len; i++)
        if (dv[i]->kind == D_TABLE && kinds[i] == 7)
            build_customers(c, dv[i]);
    check_lets_and_segments(c);
    for (size_t i = 0; i < c->decls.len; i++)
        if (dv[i]->kind == D_ENTITY && dv[i]->entity == K_SCENARIO && kinds[i] >= 0)
            scenario_props(c, dv[i], kinds[i]);
    final_checks(c);
    free(kinds);
    Model *m = c->m;
    m->products = take(&c->products, &m->nproducts);
    m->farms = take(&c->farms, &m->nfarms);
    m->plants = take(&c->plants, &m->nplants);
    m->lines = take(&c->lines, &m->nlines);
    m->markets = take(&c->markets, &m->nmarkets);
    m->demands = take(&c->demands, &m->ndemands);
    m->routes = take(&c->routes, &m->nroutes);
    m->strategies = take(&c->strategies, &m->nstrategies);
    m->lets = take(&c->lets, &m->nlets);
    m->segments = take(&c->segments, &m->nsegments);
    m->scenarios = take(&c->scenarios, &m->nscenarios);
    m->nfiles = (int)c->files.len;
    return m;
}

static void ck_init(Ck *c, Arena *arena, Diag *d, const CheckOptions *opt)
{
    memset(c, 0, sizeof *c);
    c->arena = arena;
    c->d = d;
    c->opt = opt;
    c->m = arena_alloc(arena, sizeof(Model));
    c->m->customers.id_col = c->m->customers.market_col = -1;
    c->m->customers.file = -1;
    names_init(&c->names);
    names_init(&c->attrs);
    names_init(&c->dropped);
    vec_init(&c->files, sizeof(UsedFile));
    vec_init(&c->decls, sizeof(const Decl *));
    vec_init(&c->products, sizeof(Product));
    vec_init(&c->farms, sizeof(Farm));
    vec_init(&c->plants, sizeof(Plant));
    vec_init(&c->lines, sizeof(ProdLine));
    vec_init(&c->markets, sizeof(Market));
    vec_init(&c->demands, sizeof(Demand));
    vec_init(&c->routes, sizeof(Route));
    vec_init(&c->strategies, sizeof(Strategy));
    vec_init(&c->segments, sizeof(Segment));
    vec_init(&c->lets, sizeof(Let));
    vec_init(&c->scenarios, sizeof(Scenario));
}

static void ck_free(Ck *c)
{
    names_free(&c->names);
    names_free(&c->attrs);
    names_free(&c->dropped);
    UsedFile *uf = c->files.data;
    for (size_t i = 0; i < c->files.len; i++)
        free(uf[i].real);
    Vec *vs[] = {&c->files, &c->decls, &c->products, &c->farms, &c->plants, &c->lines,
                 &c->markets, &c->demands, &c->routes, &c->strategies, &c->segments,
                 &c->lets, &c->scenarios};
    for (size_t i = 0; i < sizeof vs / sizeof *vs; i++)
        vec_free(vs[i]);
    free(c->row_text);
    pairs_free(&c->route_pairs[ROUTE_MILK]);
    pairs_free(&c->route_pairs[ROUTE_PRODUCT]);
    pairs_free(&c->line_pairs);
    pairs_free(&c->demand_pairs);
}

/* Parse the root and everything it uses; check only when every file
 * parsed, so that one syntax error does not cascade into name errors. */
static Model *check_root(Ck *c, int32_t id, const char *path)
{
    UsedFile *uf = vec_push(&c->files);
    uf->real = realpath(path, NULL);
    if (!uf->real)
        uf->real = xstrdup(path);
    uf->id = id;
    read_file(c);
    Model *m = NULL;
    if (c->d->errors == 0)
        m = run_check(c);
    if (c->d->errors > 0) {
        if (m)
            model_free(m);
        m = NULL;
    }
    ck_free(c);
    return m;
}

Model *check_file(Arena *arena, Diag *d, const char *path, const CheckOptions *opt,
                  bool *io_error)
{
    *io_error = false;
    int err = 0;
    int32_t id = diag_load_file(d, path, &err);
    if (id < 0) {
        diag_plain(d, "cannot read `%s`: %s", path, diag_strerror(err));
        *io_error = true;
        return NULL;
    }
    Ck c;
    ck_init(&c, arena, d, opt);
    return check_root(&c, id, path);
}

Model *check_text(Arena *arena, Diag *d, const char *name, const char *text, size_t len,
                  const CheckOptions *opt)
{
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    int32_t id = diag_add_file(d, name, copy, len);
    Ck c;
    ck_init(&c, arena, d, opt);
    return check_root(&c, id, name);
}
