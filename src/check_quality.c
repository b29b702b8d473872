/* check_quality.c — milk components and grades (language.md, "Milk
 * components and grades"): the `components`, `grades` and `pay by`
 * declarations, a farm's or product's component contents and grade, and
 * the whole-model rules on them (every farm gives every component, every
 * product draws something, a grade needs a milk norm). */
#include "check_int.h"
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names a component may not take: the properties and table columns of the
 * farms and products whose lines it would share. */
static const char *const taken_names[] = {
    "name", "label", "supply", "price", "at", "lat", "lon", "milk", "transport", "grade", NULL,
};

/* The names of a `components`, `grades` or `periods` line, `A, B, C`, into the
 * arena.  A malformed line is said once, and the names on it are kept all
 * the same (a missing comma read as if it were there): the farms and
 * products that give them then read without a cascade of errors. */
void ck_name_list(Ck *c, const Decl *d, const char *what, const char *example,
                      const char *const *taken, Named **out, int *n)
{
    *n = 0;
    *out = arena_alloc(c->arena, sizeof(Named) * (size_t)(d->natoms ? d->natoms : 1));
    bool want_name = true, said = false;
    for (const Atom *a = d->atoms; a; a = a->next) {
        if (a->kind == A_COMMA && !want_name) {
            want_name = true;
            continue;
        }
        bool name = a->kind == A_WORD && !a->reserved;
        if (!want_name || !name) {
            if (!said) {
                if (!want_name && name)
                    diag_error(c->d, a->span, "expected `,` before `%s`", a->text);
                else
                    diag_error(c->d, a->span, "expected a %s name, found `%s`", what,
                               ck_span_text(c, a->span));
                diag_hint(c->d, "write `%s %s`", d->name, example);
                said = true;
            }
            if (!name)
                continue;
        }
        want_name = false;
        /* a name said wrong is left out, the others kept */
        bool keep = true;
        for (int i = 0; i < *n && keep; i++)
            if (strcmp((*out)[i].name, a->text) == 0) {
                diag_error(c->d, a->span, "%s `%s` is named twice", what, a->text);
                diag_note(c->d, (*out)[i].span, "first named here");
                diag_hint(c->d, "name each %s once", what);
                keep = false;
            }
        for (int k = 0; taken && taken[k] && keep; k++)
            if (strcmp(a->text, taken[k]) == 0) {
                diag_error(c->d, a->span, "a %s cannot be named `%s`: farms and products "
                                          "have a `%s` already", what, a->text, a->text);
                diag_hint(c->d, "name the %s otherwise, e.g. `%s_content`", what, a->text);
                keep = false;
            }
        if (keep)
            (*out)[(*n)++] = (Named){.name = a->text, .span = a->span};
    }
    if (!said && (d->natoms == 0 || want_name)) {
        diag_error(c->d, d->span, "`%s` needs %s", d->name,
                   d->natoms == 0 ? "at least one name" : "a name after the last `,`");
        diag_hint(c->d, "write `%s %s`", d->name, example);
    }
}

bool ck_declare_once(Ck *c, const Decl **first, const Decl *d)
{
    if (*first) {
        diag_error(c->d, d->kw_span, "`%s` is declared twice", d->name);
        diag_note(c->d, (*first)->kw_span, "first declared here");
        if (strcmp(d->name, "pay") == 0)
            diag_hint(c->d, "milk is paid by one rule: keep one `pay by` line");
        else
            diag_hint(c->d, "a model declares its %s once, in one list", d->name);
        return false;
    }
    *first = d;
    return true;
}

static void read_components(Ck *c, const Decl *d)
{
    Named *list;
    int n;
    ck_name_list(c, d, "component", "fat, protein", taken_names, &list, &n);
    if (n > CK_MAX_COMPONENTS) {
        diag_error(c->d, list[CK_MAX_COMPONENTS].span, "too many components (at most %d)",
                   CK_MAX_COMPONENTS);
        diag_hint(c->d, "track the components the plan balances: fat and protein, say");
        n = CK_MAX_COMPONENTS; /* the first ones kept, as a malformed list's are */
    }
    c->m->components = list;
    c->m->ncomponents = n;
}

static void read_grades(Ck *c, const Decl *d)
{
    Named *list;
    int n;
    ck_name_list(c, d, "grade", "second, first, high, extra", NULL, &list, &n);
    c->m->grades = list;
    c->m->ngrades = n;
}

/* `pay by C B`: C a declared component, B its basis content in (0, 100 %]. */
static void read_pay(Ck *c, const Decl *d)
{
    const Atom *by = d->atoms, *comp = by ? by->next : NULL, *basis = comp ? comp->next : NULL;
    if (!ck_is_word(by, "by") || !comp || comp->kind != A_WORD || !basis || basis->next) {
        diag_error(c->d, d->span, "`pay` is written `pay by COMPONENT BASIS`");
        diag_hint(c->d, "e.g. `pay by fat 3.4%%`: milk is paid as if it had 3.4 %% fat");
        return;
    }
    int k = ck_component(c, comp->text);
    if (k < 0) {
        if (c->m->ncomponents == 0) {
            diag_error(c->d, comp->span, "`pay by %s` needs the component `%s`, but the model "
                                         "declares no components", comp->text, comp->text);
            diag_hint(c->d, "declare it: `components %s`", comp->text);
        } else {
            diag_error(c->d, comp->span, "unknown component `%s`", comp->text);
            ck_suggest_component(c, comp->text);
        }
        return;
    }
    double b;
    if (!ck_atom_qty(c, basis, NULL, dim_ratio(), &b))
        return;
    if (!(b > 0) || b > 1) {
        diag_error(c->d, basis->span, "a basis content of %s is not above 0 and at most 100%%",
                   ck_span_text(c, basis->span));
        diag_hint(c->d, "the basis is the content milk is paid at, e.g. `pay by %s 3.4%%`",
                  comp->text);
        return;
    }
    c->m->pay_by = k;
    c->m->pay_basis = b;
    c->m->pay_span = d->span;
}

void ck_quality_header(Ck *c)
{
    const Decl **dv = c->decls.data;
    const Decl *comps = NULL, *grades = NULL, *pay = NULL;
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind != D_DECLARE)
            continue;
        if (strcmp(d->name, "components") == 0) {
            if (ck_declare_once(c, &comps, d))
                read_components(c, d);
        } else if (strcmp(d->name, "grades") == 0) {
            if (ck_declare_once(c, &grades, d))
                read_grades(c, d);
        }
    }
    for (size_t i = 0; i < c->decls.len; i++) {
        const Decl *d = dv[i];
        if (d->kind == D_DECLARE && strcmp(d->name, "pay") == 0 && ck_declare_once(c, &pay, d))
            read_pay(c, d);
    }
}

int ck_component(Ck *c, const char *name)
{
    for (int i = 0; i < c->m->ncomponents; i++)
        if (strcmp(c->m->components[i].name, name) == 0)
            return i;
    return -1;
}

static void suggest_among(Ck *c, const char *name, const Named *list, int n, const char *what)
{
    const char *names[64] = {0};
    int k = n < 64 ? n : 64;
    for (int i = 0; i < k; i++)
        names[i] = list[i].name;
    const char *best = diag_closest(name, names, (size_t)k);
    if (best) {
        diag_hint(c->d, "did you mean `%s`?", best);
        return;
    }
    Buf b = {0};
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s`%s`", i == 0 ? "" : i + 1 == n ? " and " : ", ", list[i].name);
    diag_hint(c->d, "the model's %s are %s", what, buf_str(&b));
    buf_free(&b);
}

void ck_suggest_component(Ck *c, const char *name)
{
    suggest_among(c, name, c->m->components, c->m->ncomponents, "components");
}

/* A grade name: its index, or -1 (said) when the model has no such grade. */
int ck_grade(Ck *c, const Atom *a)
{
    if (!a || a->kind != A_WORD) {
        diag_error(c->d, a ? a->span : (Span){0}, "expected a grade name, found `%s`",
                   a ? ck_span_text(c, a->span) : "");
        diag_hint(c->d, "write `grade high`, a grade of `grades`");
        return -1;
    }
    if (c->m->ngrades == 0) {
        diag_error(c->d, a->span, "grade `%s`, but the model declares no grades", a->text);
        diag_hint(c->d, "declare the grades, lowest first: `grades standard, %s`", a->text);
        return -1;
    }
    for (int i = 0; i < c->m->ngrades; i++)
        if (strcmp(c->m->grades[i].name, a->text) == 0)
            return i;
    diag_error(c->d, a->span, "unknown grade `%s`", a->text);
    suggest_among(c, a->text, c->m->grades, c->m->ngrades, "grades");
    return -1;
}

/* A component content: a ratio from 0 to 100 %. */
bool ck_content(Ck *c, const Atom *a, const ColUnit *cu, int k, double *out)
{
    const char *comp = c->m->components[k].name;
    if (!ck_atom_qty(c, a, cu, dim_ratio(), out))
        return false;
    if (*out < 0) {
        diag_error(c->d, a->span, "a `%s` content cannot be negative", comp);
        diag_hint(c->d, "a content is the %s's share of a tonne, 0 to 100%%: `%s 3.9%%`", comp,
                  comp);
        return false;
    }
    if (*out > 1) {
        diag_error(c->d, a->span, "a `%s` content of %s is over 100%%", comp,
                   ck_span_text(c, a->span));
        diag_hint(c->d, "a content is the %s's share of a tonne, 0 to 100%%; write the %% "
                        "sign: `%s 3.9%%`", comp, comp);
        return false;
    }
    return true;
}

/* A property line of a farm or product that may be a component content or
 * `grade`: true when it was one (read, or said wrong). */
bool ck_quality_prop(Ck *c, const Args *g, const Atom **seen, double *content, int *grade,
                     const Atom **seen_grade)
{
    const Atom *p = g->a[0];
    if (p->kind != A_WORD)
        return false;
    int k = ck_component(c, p->text);
    if (k >= 0) {
        char form[80];
        snprintf(form, sizeof form, "%.40s 3.9%%", p->text);
        if (!ck_once(c, &seen[k], p))
            return true;
        content[k] = 0;
        double v;
        if (ck_arity(c, g, 1, form) && ck_content(c, g->a[1], NULL, k, &v))
            content[k] = v;
        return true;
    }
    if (strcmp(p->text, "grade") == 0) {
        if (!ck_once(c, seen_grade, p) || !ck_arity(c, g, 1, "grade high"))
            return true;
        int gi = ck_grade(c, g->a[1]);
        if (gi >= 0)
            *grade = gi;
        return true;
    }
    return false;
}

/* An unknown property line `fat 3.9%` (no farm or product property is a
 * percentage) is a component the model does not track: said with how to
 * track it; true when said. */
bool ck_quality_unknown(Ck *c, const Args *g, const char *kind)
{
    const Atom *p = g->a[0], *v = g->total == 2 ? g->a[1] : NULL;
    if (p->kind != A_WORD || !v || v->kind != A_NUMBER || !v->lo.unit ||
        strcmp(v->lo.unit, "%") != 0)
        return false;
    diag_error(c->d, p->span, "unknown %s property `%s`", kind, p->text);
    const char *names[CK_MAX_COMPONENTS] = {0};
    for (int k = 0; k < c->m->ncomponents; k++)
        names[k] = c->m->components[k].name;
    const char *best = diag_closest(p->text, names, (size_t)c->m->ncomponents);
    if (best)
        diag_hint(c->d, "did you mean the component `%s`?", best);
    else if (c->m->ncomponents == 0)
        diag_hint(c->d, "to track the milk component `%s`, declare it at the top of the "
                        "model: `components %s`", p->text, p->text);
    else
        diag_hint(c->d, "to track `%s` too, add it to the model's `components`", p->text);
    return true;
}

/* Every farm gives every component; every product draws something (a milk
 * norm or a component) and needs a milk norm to ask for a grade above the
 * lowest.  Run before the model's arrays are taken. */
void ck_quality_final(Ck *c)
{
    const Model *m = c->m;
    for (size_t i = 0; i < c->farms.len && m->ncomponents; i++) {
        const Farm *f = &FARMS[i];
        if (f->n.bad)
            continue;
        for (int k = 0; k < m->ncomponents; k++)
            if (isnan(f->content[k])) {
                const char *comp = m->components[k].name;
                diag_error(c->d, f->n.span, "farm `%s` does not give its milk's `%s` content",
                           f->n.name, comp);
                diag_hint(c->d, "add `%s 3.9%%` (in a `farms` table, a `%s[%%]` column): milk "
                                "of unknown %s cannot be balanced", comp, comp, comp);
            }
    }
    for (size_t i = 0; i < c->products.len; i++) {
        Product *p = &PRODUCTS[i];
        if (p->n.bad || p->has_milk)
            continue;
        bool any = false;
        for (int k = 0; k < m->ncomponents; k++)
            any |= p->content[k] > 0;
        if (!any) {
            diag_error(c->d, p->n.span, "product `%s` draws nothing: it has no `milk` norm and "
                                        "no component", p->n.name);
            diag_hint(c->d, "add a milk norm, `milk 1.02 t/t`, or what it contains, `%s 74%%`",
                      m->components[0].name);
        } else if (p->grade > 0) {
            diag_error(c->d, p->n.span, "product `%s` asks for milk of grade `%s`, but it has no "
                                        "`milk` norm", p->n.name, m->grades[p->grade].name);
            diag_hint(c->d, "a grade is the grade of the raw milk a product takes: add `milk "
                            "1.02 t/t`, or remove its `grade`");
        }
    }
}
