/* lsp.c — the server's loop: framing, JSON-RPC, the life cycle
 * (initialize, shutdown, exit) and the table of methods.
 *
 * Every message is answered or dropped, never fatal: a body that is not
 * JSON gets -32700, a request that is not one -32600, an unknown method
 * -32601, bad params -32602, a request before `initialize` -32002. */
#include "lsp_int.h"

#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- framing ----------------------------------------------------------- */

/* One header line (without its CR LF) into buf; false at the end of input.
 * A line longer than buf is cut (its tail read and dropped). */
static bool read_header_line(FILE *in, char *buf, size_t cap, bool *any)
{
    size_t n = 0;
    int ch;
    *any = false;
    while ((ch = getc(in)) != EOF) {
        *any = true;
        if (ch == '\n')
            break;
        if (n + 1 < cap)
            buf[n++] = (char)ch;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return ch != EOF || n > 0;
}

int lsp_read_message(FILE *in, char **body, size_t *len)
{
    char line[256];
    long long length = -1;
    bool bad = false, any_header = false;
    for (;;) {
        bool any;
        if (!read_header_line(in, line, sizeof line, &any))
            return any_header ? -1 : 0;
        any_header = true;
        if (line[0] == '\0')
            break;
        char *colon = strchr(line, ':');
        if (!colon) {
            bad = true;
            continue;
        }
        *colon = '\0';
        if (strcasecmp(line, "Content-Length") != 0)
            continue; /* Content-Type and whatever else: not needed */
        const char *v = colon + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        char *end;
        long long k = isdigit((unsigned char)*v) ? strtoll(v, &end, 10) : -1;
        if (k < 0 || (k >= 0 && *end != '\0' && *end != ' '))
            bad = true;
        else
            length = k;
    }
    if (length < 0 || bad)
        return -1;
    if (length > LSP_MAX_MESSAGE) { /* too large to hold: skip it */
        for (long long i = 0; i < length && getc(in) != EOF; i++)
            ;
        return -1;
    }
    char *b = xmalloc((size_t)length + 1);
    size_t got = fread(b, 1, (size_t)length, in);
    if (got != (size_t)length) {
        free(b);
        return -1;
    }
    b[length] = '\0';
    *body = b;
    *len = (size_t)length;
    return 1;
}

void lsp_write_message(FILE *out, const char *body, size_t len)
{
    fprintf(out, "Content-Length: %zu\r\n\r\n", len);
    fwrite(body, 1, len, out);
    fflush(out);
}

/* --- JSON ------------------------------------------------------------- */

cJSON *lj_add(cJSON *o, const char *k, cJSON *v)
{
    if (k && v)
        cJSON_AddItemToObject(o, k, v);
    else
        cJSON_Delete(v);
    return o;
}

cJSON *lj_obj(const char *k1, cJSON *v1, const char *k2, cJSON *v2, const char *k3, cJSON *v3)
{
    cJSON *o = cJSON_CreateObject();
    lj_add(o, k1, v1);
    lj_add(o, k2, v2);
    lj_add(o, k3, v3);
    return o;
}

cJSON *lj_str(const char *s)
{
    return cJSON_CreateString(s);
}

cJSON *lj_int(long long v)
{
    return cJSON_CreateNumber((double)v);
}

cJSON *lj_get(const cJSON *o, const char *k)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
}

const char *lj_get_str(const cJSON *o, const char *k)
{
    cJSON *v = lj_get(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool lj_get_int(const cJSON *o, const char *k, long long *out)
{
    cJSON *v = lj_get(o, k);
    if (!cJSON_IsNumber(v))
        return false;
    double d = v->valuedouble;
    if (!(d >= -9007199254740992.0 && d <= 9007199254740992.0) || d != (double)(long long)d)
        return false;
    *out = (long long)d;
    return true;
}

bool lj_get_pos(const cJSON *o, LspPos *p)
{
    long long line, ch;
    if (!lj_get_int(o, "line", &line) || !lj_get_int(o, "character", &ch) || line < 0 || ch < 0 ||
        line > UINT32_MAX || ch > UINT32_MAX)
        return false;
    p->line = (uint32_t)line;
    p->character = (uint32_t)ch;
    return true;
}

cJSON *lj_pos(LspPos p)
{
    return lj_obj("line", lj_int(p.line), "character", lj_int(p.character), NULL, NULL);
}

void lsp_send(Server *s, cJSON *msg)
{
    char *text = cJSON_PrintUnformatted(msg);
    if (text) {
        lsp_write_message(s->out, text, strlen(text));
        cJSON_free(text);
    }
    cJSON_Delete(msg);
}

void lsp_notify(Server *s, const char *method, cJSON *params)
{
    lsp_send(s, lj_obj("jsonrpc", lj_str("2.0"), "method", lj_str(method), "params", params));
}

static void reply(Server *s, const cJSON *id, cJSON *result)
{
    lsp_send(s, lj_obj("jsonrpc", lj_str("2.0"), "id", cJSON_Duplicate(id, 1), "result",
                       result ? result : cJSON_CreateNull()));
}

static void reply_error(Server *s, const cJSON *id, int code, const char *msg)
{
    lsp_send(s, lj_obj("jsonrpc", lj_str("2.0"), "id",
                       id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull(), "error",
                       lj_obj("code", lj_int(code), "message", lj_str(msg), NULL, NULL)));
}

/* --- methods ----------------------------------------------------------- */

static cJSON *initialize(Server *s, cJSON *params, int *code, const char **msg)
{
    (void)params;
    if (s->initialized) {
        *code = RPC_INVALID_REQUEST;
        *msg = "the server is already initialized";
        return NULL;
    }
    s->initialized = true;
    cJSON *sync = lj_obj("openClose", cJSON_CreateTrue(), "change", lj_int(2), "save",
                         lj_obj("includeText", cJSON_CreateFalse(), NULL, NULL, NULL, NULL));
    cJSON *trig = cJSON_CreateArray();
    static const char *const chars[] = {".", " ", "/"};
    for (int i = 0; i < 3; i++)
        cJSON_AddItemToArray(trig, lj_str(chars[i]));
    cJSON *caps = lj_obj("positionEncoding", lj_str("utf-16"), "textDocumentSync", sync,
                         "hoverProvider", cJSON_CreateTrue());
    lj_add(caps, "definitionProvider", cJSON_CreateTrue());
    lj_add(caps, "referencesProvider", cJSON_CreateTrue());
    lj_add(caps, "documentSymbolProvider", cJSON_CreateTrue());
    lj_add(caps, "documentFormattingProvider", cJSON_CreateTrue());
    lj_add(caps, "completionProvider", lj_obj("triggerCharacters", trig, NULL, NULL, NULL, NULL));
    lj_add(caps, "renameProvider", cJSON_CreateTrue());
    return lj_obj("capabilities", caps, "serverInfo",
                  lj_obj("name", lj_str("dairy"), NULL, NULL, NULL, NULL), NULL, NULL);
}

static cJSON *shutdown_(Server *s, cJSON *params, int *code, const char **msg)
{
    (void)params;
    (void)code;
    (void)msg;
    s->shutdown = true;
    return NULL;
}

typedef struct {
    const char *method;
    LspHandler fn;
} Method;

static const Method requests[] = {
    {"initialize", initialize},
    {"shutdown", shutdown_},
    {"textDocument/hover", lsp_hover},
    {"textDocument/definition", lsp_definition},
    {"textDocument/references", lsp_references},
    {"textDocument/documentSymbol", lsp_symbols},
    {"textDocument/formatting", lsp_formatting},
    {"textDocument/completion", lsp_completion},
    {"textDocument/rename", lsp_rename},
};

/* The notifications that change documents; false when params are bad (a
 * notification has no reply, so that is all that can be done). */
static bool notification(Server *s, const char *method, cJSON *params)
{
    cJSON *td = lj_get(params, "textDocument");
    const char *uri = lj_get_str(td, "uri");
    if (strcmp(method, "textDocument/didOpen") == 0) {
        const char *text = lj_get_str(td, "text");
        long long version = 0;
        if (!uri || !text || !lj_get_int(td, "version", &version))
            return false;
        lsp_open(s, uri, text, strlen(text), version);
        lsp_recheck(s);
    } else if (strcmp(method, "textDocument/didChange") == 0) {
        cJSON *changes = lj_get(params, "contentChanges");
        Doc *doc = uri ? lsp_doc(s, uri) : NULL;
        if (!doc || !cJSON_IsArray(changes))
            return false;
        long long version = doc->version;
        lj_get_int(td, "version", &version);
        cJSON *ch;
        bool ok = true;
        cJSON_ArrayForEach(ch, changes) ok = ok && lsp_edit(doc, ch);
        doc->version = version;
        lsp_recheck(s);
        return ok;
    } else if (strcmp(method, "textDocument/didClose") == 0) {
        if (!uri)
            return false;
        lsp_close(s, uri);
        lsp_recheck(s);
    } else if (strcmp(method, "textDocument/didSave") == 0) {
        lsp_recheck(s); /* a used file saved: what the others read changed */
    }
    return true; /* initialized, $/cancelRequest, ...: nothing to do */
}

/* One message.  Returns true on `exit`. */
static bool handle(Server *s, const char *body, size_t len)
{
    const char *end = NULL;
    cJSON *msg = cJSON_ParseWithLengthOpts(body, len, &end, 0);
    while (msg && end && end < body + len && strchr(" \t\r\n", *end))
        end++;
    if (!msg || (end && end < body + len)) { /* not JSON, or JSON then more */
        cJSON_Delete(msg);
        reply_error(s, NULL, RPC_PARSE_ERROR, "the message is not JSON");
        return false;
    }
    cJSON *id = lj_get(msg, "id");
    cJSON *method = lj_get(msg, "method");
    if (id && !cJSON_IsNumber(id) && !cJSON_IsString(id) && !cJSON_IsNull(id)) {
        reply_error(s, NULL, RPC_INVALID_REQUEST, "the id is not a number or a string");
        cJSON_Delete(msg);
        return false;
    }
    if (!method && id && (lj_get(msg, "result") || lj_get(msg, "error"))) {
        cJSON_Delete(msg); /* the client's answer to a request of ours: none are sent */
        return false;
    }
    if (!cJSON_IsString(method)) {
        reply_error(s, id, RPC_INVALID_REQUEST, "a request needs a method");
        cJSON_Delete(msg);
        return false;
    }
    const char *name = method->valuestring;
    cJSON *params = lj_get(msg, "params");
    bool exit_now = false;
    if (!id) { /* a notification */
        if (strcmp(name, "exit") == 0)
            exit_now = true;
        else if (s->initialized && !s->shutdown)
            notification(s, name, params);
        cJSON_Delete(msg);
        return exit_now;
    }
    const Method *m = NULL;
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++)
        if (strcmp(requests[i].method, name) == 0)
            m = &requests[i];
    if (!s->initialized && (!m || m->fn != initialize))
        reply_error(s, id, RPC_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
    else if (!m)
        reply_error(s, id, RPC_METHOD_NOT_FOUND, "unknown method");
    else if (s->shutdown)
        reply_error(s, id, RPC_INVALID_REQUEST, "the server is shut down; only exit is left");
    else if (m->fn != initialize && m->fn != shutdown_ && !cJSON_IsObject(params))
        reply_error(s, id, RPC_INVALID_PARAMS, "the params are not an object");
    else {
        int code = 0;
        const char *why = NULL;
        cJSON *result = m->fn(s, params, &code, &why);
        if (code) {
            cJSON_Delete(result);
            reply_error(s, id, code, why);
        } else {
            reply(s, id, result);
        }
    }
    cJSON_Delete(msg);
    return false;
}

int lsp_main(FILE *in, FILE *out, const CheckOptions *opt)
{
    Server s;
    memset(&s, 0, sizeof s);
    s.out = out;
    s.opt = opt;
    vec_init(&s.docs, sizeof(Doc));
    s.published = cJSON_CreateObject();
    int status = 1;
    for (;;) {
        char *body = NULL;
        size_t len = 0;
        int r = lsp_read_message(in, &body, &len);
        if (r == 0)
            break;
        if (r < 0) {
            reply_error(&s, NULL, RPC_PARSE_ERROR, "a message without a valid Content-Length");
            if (feof(in))
                break;
            continue;
        }
        bool done = handle(&s, body, len);
        free(body);
        if (done) {
            status = s.shutdown ? 0 : 1;
            break;
        }
    }
    lsp_docs_free(&s);
    cJSON_Delete(s.published);
    return status;
}
