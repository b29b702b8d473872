/* fuzz_lsp.c — libFuzzer harness for the language server: the bytes are a
 * script of a session, played through lsp_main on memory streams.  Each
 * step is chosen by one byte:
 *   0  a raw message: the next bytes, as they are (broken JSON, broken
 *      JSON-RPC, anything), framed with a Content-Length — or, with the
 *      step's high bit set, not even framed
 *   1  didOpen of one of four documents (a.dairy, b.dairy, c.csv, and
 *      untitled:u), its text the next bytes
 *   2  didChange of one of them: a range from four bytes (it may lie
 *      past the end or be reversed) and the text, or the whole text
 *   3  a request at a position: hover, definition, references, rename,
 *      symbols, formatting or completion
 *   4  didClose; 5 shutdown; 6 exit; 7 initialize (again)
 * Every session starts with initialize unless the first byte is 0xFF.  The
 * documents live in a folder with nothing on disk, so what they read
 * (`use "b.dairy"`, `farms from "c.csv"`) comes from the editor alone.
 * Seeds: tests/fuzz/lsp_seeds/.  `FUZZ_LSP_SHOW=1 build/fuzz/fuzz_lsp
 * FILE` prints the session's input and output. */
#include "../../src/lsp.h"
#include "../../src/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const uris[] = {"file:///nonexistent-dairy-fuzz/a.dairy",
                                   "file:///nonexistent-dairy-fuzz/b.dairy",
                                   "file:///nonexistent-dairy-fuzz/c.csv", "untitled:u"};

typedef struct {
    const uint8_t *p;
    size_t n;
} In;

static unsigned byte(In *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

/* The next chunk: a length in two bytes (little-endian), then that many
 * bytes (as many as there are). */
static void chunk(In *in, const uint8_t **p, size_t *n)
{
    size_t k = byte(in);
    k |= (size_t)byte(in) << 8;
    if (k > in->n)
        k = in->n;
    *p = in->p;
    *n = k;
    in->p += k;
    in->n -= k;
}

/* A JSON string's inside: bytes as they are except quote, backslash and
 * controls (the server must bear text that is not UTF-8, too). */
static void json_text(Buf *b, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"' || p[i] == '\\')
            buf_printf(b, "\\%c", p[i]);
        else if (p[i] < 0x20)
            buf_printf(b, "\\u%04x", p[i]);
        else
            buf_putc(b, (char)p[i]);
    }
}

static void frame(Buf *all, const char *body, size_t len)
{
    buf_printf(all, "Content-Length: %zu\r\n\r\n", len);
    buf_putn(all, body, len);
}

static void step(Buf *all, In *in, int *id)
{
    static const char *const methods[] = {
        "textDocument/hover", "textDocument/definition", "textDocument/references",
        "textDocument/rename", "textDocument/documentSymbol", "textDocument/formatting",
        "textDocument/completion"};
    unsigned op = byte(in);
    const char *uri = uris[byte(in) % 4];
    Buf m = {0};
    const uint8_t *p;
    size_t n;
    switch (op & 7) {
    case 0:
        chunk(in, &p, &n);
        if (op & 0x80)
            buf_putn(all, (const char *)p, n);
        else
            frame(all, (const char *)p, n);
        break;
    case 1:
        chunk(in, &p, &n);
        buf_printf(&m, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
                       "{\"textDocument\":{\"uri\":\"%s\",\"languageId\":\"dairy\",\"version\":1,"
                       "\"text\":\"", uri);
        json_text(&m, p, n);
        buf_puts(&m, "\"}}}");
        break;
    case 2: {
        unsigned l0 = byte(in) % 16, c0 = byte(in), l1 = byte(in) % 16, c1 = byte(in);
        chunk(in, &p, &n);
        buf_printf(&m, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
                       "{\"textDocument\":{\"uri\":\"%s\",\"version\":2},\"contentChanges\":[{",
                   uri);
        if (!(op & 0x80))
            buf_printf(&m, "\"range\":{\"start\":{\"line\":%u,\"character\":%u},"
                           "\"end\":{\"line\":%u,\"character\":%u}},", l0, c0, l1, c1);
        buf_puts(&m, "\"text\":\"");
        json_text(&m, p, n);
        buf_puts(&m, "\"}]}}");
        break;
    }
    case 3: {
        unsigned k = byte(in) % 7, line = byte(in) % 32, ch = byte(in) % 64;
        buf_printf(&m, "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"%s\",\"params\":"
                       "{\"textDocument\":{\"uri\":\"%s\"},\"position\":{\"line\":%u,"
                       "\"character\":%u},\"newName\":\"%s\",\"context\":"
                       "{\"includeDeclaration\":true}}}",
                   ++*id, methods[k], uri, line, ch, op & 0x80 ? "new_name" : "ферма");
        break;
    }
    case 4:
        buf_printf(&m, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":"
                       "{\"textDocument\":{\"uri\":\"%s\"}}}", uri);
        break;
    case 5:
        buf_printf(&m, "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"shutdown\"}", ++*id);
        break;
    case 6:
        buf_puts(&m, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        break;
    default:
        buf_printf(&m, "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"initialize\",\"params\":{}}",
                   ++*id);
        break;
    }
    if (m.len)
        frame(all, m.s, m.len);
    buf_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    In in = {data, size};
    Buf all = {0};
    int id = 0;
    if (!(size && data[0] == 0xFF))
        frame(&all, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}",
              strlen("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}"));
    else
        byte(&in);
    for (int steps = 0; in.n && steps < 64; steps++)
        step(&all, &in, &id);
    bool show = getenv("FUZZ_LSP_SHOW") != NULL;
    char *out = NULL;
    size_t outlen = 0;
    FILE *r = fmemopen(all.len ? all.s : (char *)"", all.len ? all.len : 1, "r");
    FILE *w = open_memstream(&out, &outlen);
    static const CheckOptions opt = {NULL, 0};
    if (r && w)
        lsp_main(r, w, &opt);
    if (r)
        fclose(r);
    if (w)
        fclose(w);
    if (show) {
        fwrite(all.s ? all.s : "", 1, all.len, stdout);
        fputs("\n----\n", stdout);
        fwrite(out ? out : "", 1, outlen, stdout);
        fputc('\n', stdout);
    }
    free(out);
    buf_free(&all);
    return 0;
}
