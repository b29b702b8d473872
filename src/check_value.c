/* check_value.c — quantities with their units (numbers, ranges, column
 * units, the currency) and the reading of a block's property lines. */
#include "check_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ck_model_currency(Ck *c)
{
    return c->has_currency ? c->m->currency : NULL;
}

char *ck_span_text(Ck *c, Span sp)
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
const char *ck_atom_text(Ck *c, const Atom *a)
{
    return a->text ? a->text : ck_span_text(c, a->span);
}

/* Parse a unit written in the source and check its currency. */
bool ck_parse_unit(Ck *c, const char *text, Span sp, Unit *u)
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
                  ck_model_currency(c) ? ck_model_currency(c) : "e.g. BYN",
                  ck_model_currency(c) ? ck_model_currency(c) : "BYN");
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

void ck_parse_col_unit(Ck *c, const char *text, Span sp, ColUnit *cu)
{
    memset(cu, 0, sizeof *cu);
    if (!text)
        return;
    cu->text = text;
    cu->span = sp;
    cu->has = ck_parse_unit(c, text, sp, &cu->unit);
    cu->bad = !cu->has;
}

/* A number's value in base units of dimension `want`.  The unit is the
 * number's own, else its column's (`supply[t]`); a bare number is right only
 * where a ratio is expected.  The hint shows the expected unit. */
bool ck_num_value(Ck *c, const Num *n, const ColUnit *cu, Dim want,
                      double *out)
{
    Unit u;
    char dname[64], ex[64];
    if (n->unit) {
        if (!ck_parse_unit(c, n->unit, n->unit_span, &u))
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
            dim_base_unit(want, ck_model_currency(c), base, sizeof base);
            diag_error(c->d, n->span, "expected %s, found a bare number `%s`", dname,
                       ck_span_text(c, n->span));
            if (cu && cu->csv && cu->col)
                diag_hint(c->d, "give the column its unit in the header: `%s[%s]`", cu->col,
                          base);
            else if (cu && cu->col)
                diag_hint(c->d, "write `%s %s`, or give the column its unit in the header: "
                                "`%s[%s]`", ck_span_text(c, n->span), base, cu->col, base);
            else if (cu)
                diag_hint(c->d, "write `%s %s`, or give the matrix a unit: `routes matrix "
                                "distance km`", ck_span_text(c, n->span), base);
            else
                diag_hint(c->d, "write `%s %s`", ck_span_text(c, n->span), base);
            return false;
        }
    }
    if (!dim_eq(u.dim, want)) {
        dim_name(want, dname, sizeof dname);
        dim_example(want, ck_model_currency(c), ex, sizeof ex);
        char fname[64];
        dim_name(u.dim, fname, sizeof fname);
        Span whole = n->span;
        if (n->unit && n->unit_span.hi > whole.hi)
            whole.hi = n->unit_span.hi;
        diag_error(c->d, whole, "expected %s (e.g. \"%s\"), found %s \"%s\"", dname, ex,
                   fname, n->unit ? ck_span_text(c, whole) : cu->text);
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
bool ck_atom_qty(Ck *c, const Atom *a, const ColUnit *cu, Dim want, double *out)
{
    if (a->kind == A_NUMBER)
        return ck_num_value(c, &a->lo, cu, want, out);
    char dname[64], ex[64];
    dim_name(want, dname, sizeof dname);
    dim_example(want, ck_model_currency(c), ex, sizeof ex);
    if (a->kind == A_RANGE)
        diag_error(c->d, a->span, "expected a single %s, found a range", dname);
    else
        diag_error(c->d, atom_value_span(a), "expected %s (e.g. \"%s\"), found `%s`",
                   dname, ex, ck_span_text(c, a->span));
    if (a->kind == A_RANGE)
        diag_hint(c->d, "write one value, e.g. \"%s\"", ex);
    return false;
}

/* A range `A..B unit`; one bound without a unit takes the other's; a single
 * quantity B means 0..B.  The bounds must be ordered. */
bool ck_atom_range(Ck *c, const Atom *a, const ColUnit *cu, Dim want, Range *out)
{
    if (a->kind == A_NUMBER) {
        out->lo = 0;
        return ck_num_value(c, &a->lo, cu, want, &out->hi);
    }
    if (a->kind != A_RANGE)
        return ck_atom_qty(c, a, cu, want, &out->hi);
    Num lo = a->lo, hi = a->hi;
    if (!lo.unit && hi.unit) {
        lo.unit = hi.unit;
        lo.unit_span = hi.unit_span;
    } else if (lo.unit && !hi.unit) {
        hi.unit = lo.unit;
        hi.unit_span = lo.unit_span;
    }
    if (!ck_num_value(c, &lo, cu, want, &out->lo) || !ck_num_value(c, &hi, cu, want, &out->hi))
        return false;
    if (out->lo > out->hi) {
        diag_error(c->d, a->span, "range `%s` is empty: its lower bound is above its upper bound",
                   ck_span_text(c, a->span));
        diag_hint(c->d, "write the smaller bound first, as in `150..380 t`");
        return false;
    }
    return true;
}

bool ck_nonneg(Ck *c, Span sp, double v, const char *what)
{
    if (v >= 0)
        return true;
    diag_error(c->d, sp, "%s cannot be negative", what);
    diag_hint(c->d, "write a value of 0 or more");
    return false;
}

bool ck_nonneg_range(Ck *c, Span sp, Range r, const char *what)
{
    return ck_nonneg(c, sp, r.lo < r.hi ? r.lo : r.hi, what);
}


void ck_args_of(const Line *l, Args *out)
{
    out->n = 0;
    out->total = l->natoms;
    out->line = l;
    for (const Atom *a = l->atoms; a && out->n < 16; a = a->next)
        out->a[out->n++] = a;
}

bool ck_is_word(const Atom *a, const char *w)
{
    return a && a->kind == A_WORD && strcmp(a->text, w) == 0;
}

/* Exactly `want` values after the property name, or an error that says the
 * expected form. */
bool ck_arity(Ck *c, const Args *g, int want, const char *form)
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
        diag_error(c->d, x->span, "unexpected `%s` after `%s`", ck_span_text(c, x->span),
                   g->a[0]->text);
    }
    diag_hint(c->d, "write `%s`", form);
    return false;
}

void ck_unknown_property(Ck *c, const Atom *a, const char *kind,
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
                   ck_span_text(c, a->span));
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
bool ck_read_at(Ck *c, const Args *g, double *lat, double *lon)
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

bool ck_once(Ck *c, const Atom **seen, const Atom *a)
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
bool ck_qty_prop(Ck *c, const Atom **seen, const Args *g, const char *form, Dim want,
                     const char *what, double *out)
{
    if (!ck_once(c, seen, g->a[0]))
        return false;
    *out = 0;
    return ck_arity(c, g, 1, form) && ck_atom_qty(c, g->a[1], NULL, want, out) &&
           (!what || ck_nonneg(c, g->a[1]->span, *out, what));
}

/* `NAME RANGE` (or a single B, 0..B): the same for ranges. */
bool ck_range_prop(Ck *c, const Atom **seen, const Args *g, const char *form, Dim want,
                       const char *what, Range *out)
{
    if (!ck_once(c, seen, g->a[0]))
        return false;
    *out = (Range){0, 0};
    return ck_arity(c, g, 1, form) && ck_atom_range(c, g->a[1], NULL, want, out) &&
           ck_nonneg_range(c, g->a[1]->span, *out, what);
}
