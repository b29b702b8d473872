/* lsp_int.h — what the lsp_*.c files share: the server's documents, the
 * analysis of each (one check of it as the root model), and the helpers
 * that turn spans into protocol locations.  Private to the server. */
#ifndef DAIRY_LSP_INT_H
#define DAIRY_LSP_INT_H

#include "arena.h"
#include "ast.h"
#include "buf.h"
#include "lsp.h"
#include "vec.h"

#include <cjson/cJSON.h>

/* An entity name where the checker declared it or resolved a use of it. */
typedef struct {
    const char *name;   /* in the analysis arena */
    int kind;           /* EntityKind */
    Span span;
    bool decl;
} NameRef;

/* One diagnostic as `dairy check` prints it: the error or warning, its
 * hints (in the message, after a line break) and its notes (related
 * places). */
typedef struct {
    Span span;
    bool warning;
    Buf msg;
    Vec related;        /* Related */
} Diagnostic;

typedef struct {
    Span span;
    char *msg;
} Related;

/* The check of one open document as the root model, and every file it
 * read: their texts, what they said, the names in them. */
typedef struct {
    Arena arena;
    Diag d;
    Vec diags;          /* Diagnostic */
    Vec names;          /* NameRef */
    AstFile **asts;     /* per file id, parsed when first asked (lsp_ast) */
    uint32_t **starts;  /* per file id: line starts, when first asked */
    size_t *nlines;
    char **uris;        /* per file id, when first asked */
    char **keys;        /* per file id: real path (see lsp_doc.c key_of) */
    size_t nfiles;      /* what the arrays above are sized for */
    int32_t root;       /* the document's file id */
} Analysis;

typedef struct {
    char *uri;
    char *path;         /* the file the URI names (or the URI itself) */
    char *key;          /* its real path when it exists, else path */
    char *text;
    size_t len;
    int64_t version;
    Analysis *an;       /* NULL until checked */
    /* The names declared in the last check that got as far as names
     * (NameRef with decl, name malloc'd): completion offers them while the
     * text has a syntax error, as it does halfway through typing. */
    Vec known;
    size_t order;       /* opening order: who owns a shared file */
} Doc;

typedef struct {
    FILE *out;
    const CheckOptions *opt;
    Vec docs;           /* Doc */
    size_t opened;      /* documents opened so far */
    bool initialized, shutdown;
    cJSON *published;   /* uri → the diagnostics last sent (as JSON text) */
} Server;

/* lsp.c */
void lsp_send(Server *s, cJSON *msg);          /* and frees it */
void lsp_notify(Server *s, const char *method, cJSON *params);
/* cJSON in short.  A new object with up to three members (NULL key: fewer),
 * each taking the value; the getters give NULL, false or -1 when the
 * member is missing or of another type (o itself may be anything). */
cJSON *lj_obj(const char *k1, cJSON *v1, const char *k2, cJSON *v2, const char *k3, cJSON *v3);
cJSON *lj_add(cJSON *o, const char *k, cJSON *v); /* returns o */
cJSON *lj_str(const char *s);
cJSON *lj_int(long long v);
cJSON *lj_get(const cJSON *o, const char *k);
const char *lj_get_str(const cJSON *o, const char *k);
bool lj_get_int(const cJSON *o, const char *k, long long *v);
bool lj_get_pos(const cJSON *o, LspPos *p);     /* {line, character} */
cJSON *lj_pos(LspPos p);

/* lsp_doc.c: documents and their checks */
Doc *lsp_doc(Server *s, const char *uri);       /* NULL when not open */
void lsp_open(Server *s, const char *uri, const char *text, size_t len, int64_t version);
void lsp_close(Server *s, const char *uri);
/* Apply one contentChange (a range or the whole text); false if bad. */
bool lsp_edit(Doc *doc, cJSON *change);
/* Check every open document again and publish what changed. */
void lsp_recheck(Server *s);
void lsp_docs_free(Server *s);
/* The analysis that answers for a document and the file id of the document
 * in it: the first-opened document whose model uses it, else its own. */
Analysis *lsp_owner(Server *s, const Doc *doc, int32_t *file);
/* Spans and files of an analysis. */
char *lsp_uri_of_path(const char *path);        /* malloc'd */
char *lsp_path_of_uri(const char *uri);         /* malloc'd, NULL if not file: */
const char *lsp_file_uri(Analysis *an, int32_t file);
cJSON *lsp_range(Analysis *an, Span sp);
cJSON *lsp_location(Analysis *an, Span sp);
size_t lsp_file_offset(Analysis *an, int32_t file, LspPos pos);
AstFile *lsp_ast(Analysis *an, int32_t file);   /* NULL for a CSV file */
bool lsp_is_csv(Analysis *an, int32_t file);

/* lsp_feat.c: requests on a position or a document.  Each returns the
 * result (the caller frees it; NULL is a null result), or sets *code and
 * *msg for an error. */
typedef cJSON *(*LspHandler)(Server *s, cJSON *params, int *code, const char **msg);
cJSON *lsp_hover(Server *s, cJSON *params, int *code, const char **msg);
cJSON *lsp_definition(Server *s, cJSON *params, int *code, const char **msg);
cJSON *lsp_references(Server *s, cJSON *params, int *code, const char **msg);
cJSON *lsp_rename(Server *s, cJSON *params, int *code, const char **msg);
cJSON *lsp_symbols(Server *s, cJSON *params, int *code, const char **msg);
cJSON *lsp_formatting(Server *s, cJSON *params, int *code, const char **msg);
cJSON *lsp_completion(Server *s, cJSON *params, int *code, const char **msg);

/* JSON-RPC and LSP error codes */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803,
};

#endif
