/* check_names.c — the one namespace of entities: declaring a name, resolving
 * one, and "did you mean" hints for names that are not there. */
#include "check_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Named *ck_named_at(Ck *c, EntityKind k, int i)
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

uint32_t ck_line_of(Ck *c, Span sp)
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
        diag_hint(c->d, "the only %s is `%s`", ast_entity_name(k), ck_named_at(c, k, 0)->name);
    } else if (n <= 6) {
        Buf b = {0};
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%s`%s`", i == 0 ? "" : i + 1 == n ? " and " : ", ",
                       ck_named_at(c, k, (int)i)->name);
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
void ck_suggest_kinds(Ck *c, const char *name, const EntityKind *ks, int nk)
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
            const Named *nm = ck_named_at(c, ks[q], (int)i);
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
                  f->path, ck_line_of(c, best->span));
    else
        diag_hint(c->d, "did you mean `%s`?", best->name);
}

void ck_suggest(Ck *c, const char *name, EntityKind k)
{
    ck_suggest_kinds(c, name, &k, 1);
}

/* Register an entity name in the one namespace; a name used twice (in any
 * kind) is an error pointing at the first. */
bool ck_declare(Ck *c, const char *name, Span sp, EntityKind k, int index)
{
    int prev = names_put(&c->names, name, (index << 4) | (int)k);
    if (prev < 0) {
        if (c->d->on_name)
            c->d->on_name(c->d->name_ctx, name, sp, (int)k, true);
        return true;
    }
    EntityKind pk = KIND_OF(prev);
    const Named *first = ck_named_at(c, pk, INDEX_OF(prev));
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
bool ck_was_dropped(Ck *c, const char *name, const EntityKind *ks, int nk)
{
    int v = names_get(&c->dropped, name);
    for (int i = 0; i < nk; i++)
        if (c->lossy[ks[i]] || v == (int)ks[i])
            return true;
    return false;
}

/* The index of entity `name` of kind k, or -1 after an error that names
 * what it found instead (or silently, for a name was_dropped). */
int ck_resolve(Ck *c, const char *name, Span sp, EntityKind k)
{
    int v = names_get(&c->names, name);
    if (v < 0 && ck_was_dropped(c, name, &k, 1))
        return -1;
    if (v < 0) {
        diag_error(c->d, sp, "unknown %s `%s`", ast_entity_name(k), name);
        ck_suggest(c, name, k);
        return -1;
    }
    if (KIND_OF(v) != k) {
        diag_error(c->d, sp, "`%s` is a %s, not a %s", name,
                   ast_entity_name(KIND_OF(v)), ast_entity_name(k));
        diag_note(c->d, ck_named_at(c, KIND_OF(v), INDEX_OF(v))->span,
                  "`%s` is declared here", name);
        return -1;
    }
    ck_used(c, name, sp, k);
    return INDEX_OF(v);
}

void ck_used(Ck *c, const char *name, Span sp, EntityKind k)
{
    if (c->d->on_name)
        c->d->on_name(c->d->name_ctx, name, sp, (int)k, false);
}
