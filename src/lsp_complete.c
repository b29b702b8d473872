/* lsp_complete.c — completion: what may be written where the cursor is.
 *
 * From the line before the cursor and the declaration around it:
 *   after `use std.`            the standard modules
 *   after a number and a space  units (with the model's currency)
 *   first word in a block       the properties of that kind of entity
 *                               (as check_entity.c and check_scenario.c
 *                               read them)
 *   first word at the top       declaration keywords and table names
 *   elsewhere                   names of the kind the place wants (routes:
 *                               farms, plants, markets; `makes`/`demand`:
 *                               products; `strategy`: strategies; ...),
 *                               else every name, then keywords.
 * Items are those that start with the word being typed. */
#include "lsp_int.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { CI_PROPERTY = 10, CI_UNIT = 11, CI_KEYWORD = 14, CI_MODULE = 9, CI_REFERENCE = 18 };

typedef struct {
    cJSON *items;
    const char *prefix;
    size_t plen;
    cJSON *seen; /* labels given */
} Items;

static void add(Items *it, const char *label, int kind, const char *detail)
{
    if (strncmp(label, it->prefix, it->plen) != 0 ||
        cJSON_GetObjectItemCaseSensitive(it->seen, label))
        return;
    cJSON_AddItemToObject(it->seen, label, cJSON_CreateTrue());
    cJSON_AddItemToArray(it->items, lj_obj("label", lj_str(label), "kind", lj_int(kind), "detail",
                                           detail ? lj_str(detail) : NULL));
}

static void add_list(Items *it, const char *const *words, int kind, const char *detail)
{
    for (int i = 0; words[i]; i++)
        add(it, words[i], kind, detail);
}

/* Declared names of the kinds in mask (1 << EntityKind), in declaration
 * order: of the check that answers for the document, or, when it got no
 * names (a syntax error halfway through typing), of the document's last
 * check that did. */
static void add_names(Items *it, Analysis *an, const Doc *doc, unsigned mask)
{
    const Vec *v = an && an->names.len ? &an->names : &doc->known;
    const NameRef *r = v->data;
    for (size_t i = 0; i < v->len; i++)
        if (r[i].decl && (mask >> r[i].kind & 1))
            add(it, r[i].name, CI_REFERENCE, ast_entity_name((EntityKind)r[i].kind));
}

static const char *const top_words[] = {
    "model", "currency", "use", "objective", "product", "farm", "plant", "market",
    "strategy", "scenario", "segment", "let", "transport", "routes", "products", "farms",
    "plants", "markets", "lines", "demands", "customers", "stores", "components", "grades",
    "periods", "period", NULL};

static const char *const *props_of(EntityKind k)
{
    static const char *const product[] = {"milk", "price", "transport", NULL};
    static const char *const farm[] = {"supply", "price", "at", NULL};
    static const char *const plant[] = {"capacity", "makes", "fixed", "optional", "at",
                                        "stores", NULL};
    static const char *const market[] = {"demand", "at", NULL};
    static const char *const strategy[] = {"volume", "price", "service", "offers", NULL};
    static const char *const scenario[] = {"set", "scale", "close", "open", NULL};
    static const char *const none[] = {NULL};
    switch (k) {
    case K_PRODUCT: return product;
    case K_FARM: return farm;
    case K_PLANT: return plant;
    case K_MARKET: return market;
    case K_STRATEGY: return strategy;
    case K_SCENARIO: return scenario;
    default: return none;
    }
}

#define BIT(k) (1u << (k))

/* The names a table's cells or a property's words want. */
static unsigned wanted(const Decl *d, const char *prev)
{
    if (strcmp(prev, "makes") == 0 || strcmp(prev, "demand") == 0 || strcmp(prev, "offers") == 0)
        return BIT(K_PRODUCT);
    if (strcmp(prev, "strategy") == 0)
        return BIT(K_STRATEGY);
    if (strcmp(prev, "plant") == 0)
        return BIT(K_PLANT);
    if (strcmp(prev, "farm") == 0)
        return BIT(K_FARM);
    if (strcmp(prev, "market") == 0)
        return BIT(K_MARKET);
    if (strcmp(prev, "product") == 0)
        return BIT(K_PRODUCT);
    if (d && (d->kind == D_TABLE || d->kind == D_MATRIX) && d->name) {
        if (d->kind == D_MATRIX || strcmp(d->name, "routes") == 0)
            return BIT(K_FARM) | BIT(K_PLANT) | BIT(K_MARKET);
        if (strcmp(d->name, "lines") == 0 || strcmp(d->name, "stores") == 0)
            return BIT(K_PLANT) | BIT(K_PRODUCT);
        if (strcmp(d->name, "demands") == 0)
            return BIT(K_MARKET) | BIT(K_PRODUCT);
    }
    return ~0u;
}

static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

cJSON *lsp_completion(Server *s, cJSON *params, int *code, const char **msg)
{
    const char *uri = lj_get_str(lj_get(params, "textDocument"), "uri");
    LspPos pos;
    if (!uri || !lj_get_pos(lj_get(params, "position"), &pos)) {
        *code = RPC_INVALID_PARAMS;
        *msg = "textDocument.uri and position are needed";
        return NULL;
    }
    Doc *doc = lsp_doc(s, uri);
    if (!doc) {
        *code = RPC_INVALID_PARAMS;
        *msg = "the document is not open";
        return NULL;
    }
    int32_t file = -1;
    Analysis *an = lsp_owner(s, doc, &file);
    size_t nl;
    uint32_t *st = lsp_line_starts(doc->text, doc->len, &nl);
    size_t off = lsp_offset(doc->text, doc->len, st, nl, pos);
    size_t ls = pos.line < nl ? st[pos.line] : doc->len;
    free(st);
    if (off < ls)
        off = ls;
    /* the word being typed, and the one before it */
    size_t w = off;
    while (w > ls && word_byte((unsigned char)doc->text[w - 1]))
        w--;
    char *prefix = xmalloc(off - w + 1);
    memcpy(prefix, doc->text + w, off - w);
    prefix[off - w] = '\0';
    size_t p = w;
    while (p > ls && (doc->text[p - 1] == ' ' || doc->text[p - 1] == '\t'))
        p--;
    bool after_space = p < w;
    size_t pe = p;
    while (p > ls && word_byte((unsigned char)doc->text[p - 1]))
        p--;
    char prev[32] = "";
    if (pe - p < sizeof prev)
        memcpy(prev, doc->text + p, pe - p), prev[pe - p] = '\0';
    bool line_start = true; /* nothing but blanks (or the block's `{`) before the word */
    for (size_t i = ls; i < w; i++)
        if (doc->text[i] != ' ' && doc->text[i] != '\t' && doc->text[i] != '{')
            line_start = false;
    Items it = {cJSON_CreateArray(), prefix, strlen(prefix), cJSON_CreateObject()};
    const Decl *d = NULL;
    if (an && file >= 0) {
        AstFile *ast = lsp_ast(an, file);
        for (const Decl *k = ast ? ast->decls : NULL; k; k = k->next)
            if (k->block && k->block->span.file == file && k->block->span.lo < off &&
                off <= k->block->span.hi)
                d = k;
    }
    bool number = prev[0] >= '0' && prev[0] <= '9'; /* "9_000 |": a unit comes next */
    if (w >= ls + 8 && memcmp(doc->text + w - 4, "std.", 4) == 0) {
        static const char *const mods[] = {"products", "strategies", "rfm", NULL};
        add_list(&it, mods, CI_MODULE, "standard module");
    } else if (number && after_space) {
        static const char *const units[] = {"t", "kg", "km", "day", "days", "week", "weeks", "%",
                                            NULL};
        add_list(&it, units, CI_UNIT, "unit");
        const char *cur = NULL;
        AstFile *ast = an ? lsp_ast(an, an->root) : NULL;
        for (const Decl *k = ast ? ast->decls : NULL; k; k = k->next)
            if (k->kind == D_CURRENCY && k->name)
                cur = k->name;
        if (cur) {
            char u[3][32];
            snprintf(u[0], sizeof u[0], "%s", cur);
            snprintf(u[1], sizeof u[1], "%s/t", cur);
            snprintf(u[2], sizeof u[2], "%s/t/km", cur);
            for (int i = 0; i < 3; i++)
                add(&it, u[i], CI_UNIT, "unit");
        }
    } else if (line_start && d && d->kind == D_ENTITY) {
        add_list(&it, props_of(d->entity), CI_PROPERTY, ast_entity_name(d->entity));
        if (d->entity == K_SCENARIO)
            add_names(&it, an, doc, ~0u);
    } else if (line_start && !d) {
        add_list(&it, top_words, CI_KEYWORD, "keyword");
    } else {
        add_names(&it, an, doc, wanted(d, prev));
        if (!d)
            add_list(&it, ast_reserved_words, CI_KEYWORD, "keyword");
    }
    free(prefix);
    cJSON_Delete(it.seen);
    return lj_obj("isIncomplete", cJSON_CreateFalse(), "items", it.items, NULL, NULL);
}
