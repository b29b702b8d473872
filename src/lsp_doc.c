/* lsp_doc.c — the open documents, their checks, and the diagnostics sent.
 *
 * Each open document is checked as the root model by check_file, exactly
 * as `dairy check` would, except that every file is read through
 * Diag.overlay, which gives the editor's unsaved text of an open document
 * instead of the disk's.  The check's events come through Diag.sink and
 * are grouped as `dairy check` prints them: an error or warning, then its
 * notes (relatedInformation) and hints (added to the message, each on a
 * line "hint: ...").  A file that several checks read (a file the root
 * `use`s, a CSV table) answers to the first-opened document that reads it
 * as a used file, or else to its own check: its diagnostics, its
 * definitions.  After every change all open documents
 * are checked again and each file's diagnostics are published when they
 * differ from what was last sent (an empty list clears them; a file that
 * never had any gets none). */
#include "lsp_int.h"

#include "segment.h"
#include "xalloc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- URIs and paths ---------------------------------------------------- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *lsp_path_of_uri(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL;
    size_t n = strlen(p);
    char *out = xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (p[i] == '%' && i + 2 < n + 1 && (h = hexval(p[i + 1])) >= 0 &&
            (l = hexval(p[i + 2])) >= 0 && (h || l)) {
            *o++ = (char)(h * 16 + l);
            i += 2;
        } else {
            *o++ = p[i];
        }
    }
    *o = '\0';
    return out;
}

char *lsp_uri_of_path(const char *path)
{
    char *real = realpath(path, NULL);
    const char *p = real ? real : path;
    Buf b = {0};
    buf_puts(&b, "file://");
    for (const unsigned char *q = (const unsigned char *)p; *q; q++) {
        if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
            strchr("/-._~", *q))
            buf_putc(&b, (char)*q);
        else
            buf_printf(&b, "%%%02X", *q);
    }
    free(real);
    char *s = xstrdup(buf_str(&b));
    buf_free(&b);
    return s;
}

/* What identifies a file: its real path when it exists, else its path. */
static char *key_of(const char *path)
{
    char *real = realpath(path, NULL);
    return real ? real : xstrdup(path);
}

/* --- documents --------------------------------------------------------- */

Doc *lsp_doc(Server *s, const char *uri)
{
    Doc *d = s->docs.data;
    for (size_t i = 0; i < s->docs.len; i++)
        if (strcmp(d[i].uri, uri) == 0)
            return &d[i];
    return NULL;
}

static void analysis_free(Analysis *an);

void lsp_open(Server *s, const char *uri, const char *text, size_t len, int64_t version)
{
    Doc *doc = lsp_doc(s, uri);
    if (!doc) {
        doc = vec_push(&s->docs);
        doc->uri = xstrdup(uri);
        char *path = lsp_path_of_uri(uri);
        doc->path = path ? path : xstrdup(uri);
        doc->key = key_of(doc->path);
        doc->order = s->opened++;
        vec_init(&doc->known, sizeof(NameRef));
    }
    free(doc->text);
    doc->text = xmalloc(len + 1);
    memcpy(doc->text, text, len);
    doc->text[len] = '\0';
    doc->len = len;
    doc->version = version;
}

static void known_free(Doc *d)
{
    NameRef *k = d->known.data;
    for (size_t i = 0; i < d->known.len; i++)
        free((char *)k[i].name);
    d->known.len = 0;
}

static void doc_free(Doc *d)
{
    known_free(d);
    vec_free(&d->known);
    free(d->uri);
    free(d->path);
    free(d->key);
    free(d->text);
    if (d->an)
        analysis_free(d->an);
}

void lsp_close(Server *s, const char *uri)
{
    Doc *d = lsp_doc(s, uri);
    if (!d)
        return;
    doc_free(d);
    Doc *all = s->docs.data;
    size_t i = (size_t)(d - all);
    memmove(d, d + 1, (s->docs.len - i - 1) * sizeof *d);
    s->docs.len--;
}

void lsp_docs_free(Server *s)
{
    Doc *d = s->docs.data;
    for (size_t i = 0; i < s->docs.len; i++)
        doc_free(&d[i]);
    vec_free(&s->docs);
}

bool lsp_edit(Doc *doc, cJSON *change)
{
    const char *text = lj_get_str(change, "text");
    cJSON *range = lj_get(change, "range");
    if (!text)
        return false;
    size_t tlen = strlen(text);
    size_t a = 0, b = doc->len;
    if (range) {
        LspPos p, q;
        if (!lj_get_pos(lj_get(range, "start"), &p) || !lj_get_pos(lj_get(range, "end"), &q))
            return false;
        size_t n;
        uint32_t *st = lsp_line_starts(doc->text, doc->len, &n);
        a = lsp_offset(doc->text, doc->len, st, n, p);
        b = lsp_offset(doc->text, doc->len, st, n, q);
        free(st);
        if (b < a) {
            size_t t = a;
            a = b;
            b = t;
        }
    }
    size_t len = doc->len - (b - a) + tlen;
    char *t = xmalloc(len + 1);
    memcpy(t, doc->text, a);
    memcpy(t + a, text, tlen);
    memcpy(t + a + tlen, doc->text + b, doc->len - b);
    t[len] = '\0';
    free(doc->text);
    doc->text = t;
    doc->len = len;
    return true;
}

/* --- checks ------------------------------------------------------------ */

/* Diag.overlay: the text of an open document, for the file at path. */
static bool overlay(void *ctx, const char *path, char **text, size_t *len)
{
    Server *s = ctx;
    char *key = key_of(path);
    Doc *d = s->docs.data;
    bool found = false;
    for (size_t i = 0; i < s->docs.len && !found; i++)
        if (strcmp(d[i].key, key) == 0) {
            *text = xmalloc(d[i].len + 1);
            memcpy(*text, d[i].text, d[i].len + 1);
            *len = d[i].len;
            found = true;
        }
    free(key);
    return found;
}

/* Diag.sink: the events grouped into diagnostics. */
static void collect(Diag *d, DiagKind kind, Span sp, const char *msg)
{
    Analysis *an = d->sink_ctx;
    Diagnostic *last = an->diags.len ? (Diagnostic *)an->diags.data + an->diags.len - 1 : NULL;
    switch (kind) {
    case DIAG_ERROR:
    case DIAG_WARNING: {
        Diagnostic *g = vec_push(&an->diags);
        g->span = sp.file >= 0 ? sp : (Span){0, 0, 0};
        g->warning = kind == DIAG_WARNING;
        buf_puts(&g->msg, msg);
        vec_init(&g->related, sizeof(Related));
        break;
    }
    case DIAG_NOTE:
        if (!last)
            break;
        if (sp.file < 0) {
            buf_printf(&last->msg, "\nnote: %s", msg);
        } else {
            Related *r = vec_push(&last->related);
            r->span = sp;
            r->msg = xstrdup(msg);
        }
        break;
    case DIAG_HINT:
        if (last)
            buf_printf(&last->msg, "\nhint: %s", msg);
        break;
    case DIAG_PLAIN:
        break; /* totals of diag_finish: not a diagnostic of a place */
    }
}

static void on_name(void *ctx, const char *name, Span sp, int kind, bool decl)
{
    Analysis *an = ctx;
    NameRef *r = vec_push(&an->names);
    r->name = arena_strdup(&an->arena, name);
    r->kind = kind;
    r->span = sp;
    r->decl = decl;
}

static void analysis_free(Analysis *an)
{
    Diagnostic *g = an->diags.data;
    for (size_t i = 0; i < an->diags.len; i++) {
        buf_free(&g[i].msg);
        Related *r = g[i].related.data;
        for (size_t j = 0; j < g[i].related.len; j++)
            free(r[j].msg);
        vec_free(&g[i].related);
    }
    vec_free(&an->diags);
    vec_free(&an->names);
    for (size_t i = 0; i < an->nfiles; i++) {
        free(an->starts[i]);
        free(an->uris[i]);
        free(an->keys[i]);
    }
    free(an->starts);
    free(an->nlines);
    free(an->uris);
    free(an->keys);
    free(an->asts);
    diag_free(&an->d);
    arena_free(&an->arena);
    free(an);
}

static Analysis *analyse(Server *s, Doc *doc)
{
    Analysis *an = xcalloc(1, sizeof *an);
    arena_init(&an->arena);
    diag_init(&an->d, NULL);
    an->d.sink = collect;
    an->d.sink_ctx = an;
    an->d.overlay = overlay;
    an->d.overlay_ctx = s;
    an->d.on_name = on_name;
    an->d.name_ctx = an;
    vec_init(&an->diags, sizeof(Diagnostic));
    vec_init(&an->names, sizeof(NameRef));
    bool io = false;
    Model *m = check_file(&an->arena, &an->d, doc->path, s->opt, &io);
    if (m) {
        segment_analyze(m, &an->d); /* its warnings, as `dairy check` gives them */
        model_free(m);
    }
    an->d.on_name = NULL;
    an->nfiles = an->d.nfiles;
    size_t n = an->nfiles + 1;
    an->starts = xcalloc(n, sizeof *an->starts);
    an->nlines = xcalloc(n, sizeof *an->nlines);
    an->uris = xcalloc(n, sizeof *an->uris);
    an->keys = xcalloc(n, sizeof *an->keys);
    an->asts = xcalloc(n, sizeof *an->asts);
    Doc *docs = s->docs.data;
    for (size_t i = 0; i < an->nfiles; i++) {
        an->keys[i] = key_of(an->d.files[i].path);
        for (size_t k = 0; k < s->docs.len && !an->uris[i]; k++)
            if (strcmp(docs[k].key, an->keys[i]) == 0) /* an open file: the editor's URI */
                an->uris[i] = xstrdup(docs[k].uri);
    }
    an->root = 0;
    return an;
}

/* The analysis that answers for the file key: the first-opened document
 * whose model reads it as a used file (it is checked in that model's
 * context: its currency, its names), else its own check as a root. */
static Analysis *owner(Server *s, const char *key, int32_t *file)
{
    Doc *all = s->docs.data;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->docs.len; i++) { /* in opening order */
            Analysis *an = all[i].an;
            for (size_t f = 0; an && f < an->nfiles; f++)
                if ((pass == 1 || (int32_t)f != an->root) && strcmp(an->keys[f], key) == 0) {
                    if (file)
                        *file = (int32_t)f;
                    return an;
                }
        }
    return NULL;
}

Analysis *lsp_owner(Server *s, const Doc *doc, int32_t *file)
{
    return owner(s, doc->key, file);
}

static Analysis *owner_of_key(Server *s, const char *key)
{
    return owner(s, key, NULL);
}

static cJSON *diagnostic_json(Analysis *an, const Diagnostic *g)
{
    cJSON *j = lj_obj("range", lsp_range(an, g->span), "severity", lj_int(g->warning ? 2 : 1),
                      "source", lj_str("dairy"));
    lj_add(j, "message", lj_str(buf_str(&g->msg)));
    if (g->related.len) {
        cJSON *rel = cJSON_CreateArray();
        const Related *r = g->related.data;
        for (size_t i = 0; i < g->related.len; i++)
            cJSON_AddItemToArray(rel, lj_obj("location", lsp_location(an, r[i].span), "message",
                                             lj_str(r[i].msg), NULL, NULL));
        lj_add(j, "relatedInformation", rel);
    }
    return j;
}

void lsp_recheck(Server *s)
{
    Doc *all = s->docs.data;
    for (size_t i = 0; i < s->docs.len; i++) {
        if (all[i].an)
            analysis_free(all[i].an);
        all[i].an = NULL;
    }
    for (size_t i = 0; i < s->docs.len; i++) {
        all[i].an = analyse(s, &all[i]);
        const NameRef *r = all[i].an->names.data;
        if (!all[i].an->names.len)
            continue;
        known_free(&all[i]);
        for (size_t k = 0; k < all[i].an->names.len; k++)
            if (r[k].decl) {
                NameRef *n = vec_push(&all[i].known);
                *n = r[k];
                n->name = xstrdup(r[k].name);
            }
    }
    /* uri → diagnostics, for every file some check read, from its owner */
    cJSON *now = cJSON_CreateObject();
    for (size_t i = 0; i < s->docs.len; i++) {
        Analysis *an = all[i].an;
        for (size_t f = 0; f < an->nfiles; f++) {
            if (owner_of_key(s, an->keys[f]) != an)
                continue;
            const char *uri = lsp_file_uri(an, (int32_t)f);
            if (!cJSON_GetObjectItemCaseSensitive(now, uri))
                cJSON_AddItemToObject(now, uri, cJSON_CreateArray());
        }
        const Diagnostic *g = an->diags.data;
        for (size_t k = 0; k < an->diags.len; k++) {
            if (owner_of_key(s, an->keys[g[k].span.file]) != an)
                continue;
            cJSON_AddItemToArray(
                cJSON_GetObjectItemCaseSensitive(now, lsp_file_uri(an, g[k].span.file)),
                diagnostic_json(an, &g[k]));
        }
    }
    /* files no longer read by any check: cleared */
    cJSON *v;
    cJSON_ArrayForEach(v, s->published) if (!cJSON_GetObjectItemCaseSensitive(now, v->string))
        cJSON_AddItemToObject(now, v->string, cJSON_CreateArray());
    cJSON_ArrayForEach(v, now) {
        char *text = cJSON_PrintUnformatted(v);
        const char *before = lj_get_str(s->published, v->string);
        /* a file never said anything of: no need to say it has nothing */
        bool news = before ? strcmp(before, text ? text : "") != 0 : cJSON_GetArraySize(v) > 0;
        if (text && news) {
            cJSON_DeleteItemFromObjectCaseSensitive(s->published, v->string);
            cJSON_AddItemToObject(s->published, v->string, lj_str(text));
            lsp_notify(s, "textDocument/publishDiagnostics",
                       lj_obj("uri", lj_str(v->string), "diagnostics", cJSON_Duplicate(v, 1),
                              NULL, NULL));
        }
        cJSON_free(text);
    }
    cJSON_Delete(now);
}

/* --- spans as protocol locations ---------------------------------------- */

const char *lsp_file_uri(Analysis *an, int32_t file)
{
    if (file < 0 || (size_t)file >= an->nfiles)
        file = 0;
    if (!an->uris[file])
        an->uris[file] = lsp_uri_of_path(an->d.files[file].path);
    return an->uris[file];
}

static void ensure_lines(Analysis *an, int32_t f)
{
    if (!an->starts[f])
        an->starts[f] = lsp_line_starts(an->d.files[f].text, an->d.files[f].len, &an->nlines[f]);
}

cJSON *lsp_range(Analysis *an, Span sp)
{
    LspPos a = {0, 0}, b = {0, 0};
    if (sp.file >= 0 && (size_t)sp.file < an->nfiles) {
        ensure_lines(an, sp.file);
        const SrcFile *f = &an->d.files[sp.file];
        a = lsp_position(f->text, f->len, an->starts[sp.file], an->nlines[sp.file], sp.lo);
        b = lsp_position(f->text, f->len, an->starts[sp.file], an->nlines[sp.file],
                         sp.hi < sp.lo ? sp.lo : sp.hi);
    }
    return lj_obj("start", lj_pos(a), "end", lj_pos(b), NULL, NULL);
}

cJSON *lsp_location(Analysis *an, Span sp)
{
    return lj_obj("uri", lj_str(lsp_file_uri(an, sp.file)), "range", lsp_range(an, sp), NULL,
                  NULL);
}

size_t lsp_file_offset(Analysis *an, int32_t file, LspPos pos)
{
    ensure_lines(an, file);
    const SrcFile *f = &an->d.files[file];
    return lsp_offset(f->text, f->len, an->starts[file], an->nlines[file], pos);
}

bool lsp_is_csv(Analysis *an, int32_t file)
{
    const char *p = an->d.files[file].path;
    size_t n = strlen(p);
    return n >= 4 && strcasecmp(p + n - 4, ".csv") == 0;
}

static void silent(Diag *d, DiagKind kind, Span sp, const char *msg)
{
    (void)d, (void)kind, (void)sp, (void)msg;
}

AstFile *lsp_ast(Analysis *an, int32_t file)
{
    if (file < 0 || (size_t)file >= an->nfiles || lsp_is_csv(an, file))
        return NULL;
    if (!an->asts[file]) { /* parsed again, quietly: the check said its errors */
        an->d.sink = silent;
        an->asts[file] = ast_parse(&an->arena, &an->d, file);
        an->d.sink = collect;
    }
    return an->asts[file];
}
