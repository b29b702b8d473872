/* check_route.c — routes: from a routes table or a route matrix, each
 * checked for its ends, its distance or cost, and given once. */
#include "check_int.h"
#include "vec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A route's first index in c->route_pairs: farm 3 and plant 3 are other
 * ends, so the kind takes the top bit (indices are below 2^31). */
static uint32_t route_from_key(RouteKind rk, int from)
{
    return (uint32_t)from | (uint32_t)rk << 31;
}

/* A route links a farm to a plant (milk) or a plant to a market (products);
 * it gives a distance or a cost, not both. */
static void add_route(Ck *c, const Atom *from, const Atom *to, const Atom *dist,
                      const ColUnit *dist_cu, const Atom *cost, const ColUnit *cost_cu,
                      Span sp)
{
    int fv = names_get(&c->names, from->text), tv = names_get(&c->names, to->text);
    static const EntityKind farm_or_plant[] = {K_FARM, K_PLANT};
    if (fv < 0 && ck_was_dropped(c, from->text, farm_or_plant, 2))
        return;
    if (fv < 0) {
        diag_error(c->d, from->span, "unknown farm or plant `%s`", from->text);
        ck_suggest_kinds(c, from->text, farm_or_plant, 2);
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
    if (tv < 0 && ck_was_dropped(c, to->text, &want, 1))
        return;
    if (tv < 0) {
        diag_error(c->d, to->span, "unknown %s `%s`", ast_entity_name(want), to->text);
        ck_suggest(c, to->text, want);
        return;
    }
    if (KIND_OF(tv) != want) {
        diag_error(c->d, to->span, "a route from %s `%s` goes to a %s; `%s` is a %s",
                   ast_entity_name(KIND_OF(fv)), from->text, ast_entity_name(want), to->text,
                   ast_entity_name(KIND_OF(tv)));
        diag_hint(c->d, "routes go farm → plant (milk) or plant → market (products)");
        return;
    }
    ck_used(c, from->text, from->span, KIND_OF(fv));
    ck_used(c, to->text, to->span, want);
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
        if (!ck_atom_qty(c, dist, dist_cu, dim_distance(), &rt.distance) ||
            !ck_nonneg(c, dist->span, rt.distance, "a distance"))
            return;
    } else if (!ck_atom_qty(c, cost, cost_cu, dim_money_per_mass(), &rt.cost) ||
               !ck_nonneg(c, cost->span, rt.cost, "a route cost"))
        return;
    int prev = pairs_put(&c->route_pairs, route_from_key(rk, rt.from), (uint32_t)rt.to,
                         (int)c->routes.len);
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
static const TableSpec routes_table = {"routes", routes_cols, 4, {2, 3}, 0, 0};

static void route_row(Ck *c, Row *r)
{
    if (!ck_cell_name(c, r->cell[0], "farm or plant") || !ck_cell_name(c, r->cell[1], "plant or market"))
        return;
    add_route(c, r->cell[0], r->cell[1], r->cell[2], &r->unit[2], r->cell[3], &r->unit[3],
              r->span);
}

void ck_read_routes(Ck *c, const Decl *d)
{
    ck_table_rows(c, d, &routes_table, route_row);
}

/* routes matrix distance km { dest... ; origin cell... }: '-' is no route. */
void ck_matrix_routes(Ck *c, const Decl *d)
{
    bool is_dist = strcmp(d->name, "distance") == 0;
    if (!is_dist && strcmp(d->name, "cost") != 0) {
        diag_error(c->d, d->name_span, "a route matrix holds `distance` or `cost`, not `%s`",
                   d->name);
        diag_hint(c->d, "write `routes matrix distance km { ... }`");
        return;
    }
    ColUnit cu;
    ck_parse_col_unit(c, d->name2, d->name2_span, &cu);
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
                       ck_span_text(c, a->span));
            diag_hint(c->d, "the first line of a matrix names the destinations");
            return;
        }
        dest[i++] = a;
    }
    for (const Line *l = hl->next; l && !diag_full(c->d); l = l->next) {
        const Atom *orig = l->atoms;
        if (orig->kind != A_WORD) {
            diag_error(c->d, orig->span, "expected an origin name, found `%s`",
                       ck_span_text(c, orig->span));
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
