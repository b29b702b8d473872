/* test_lsp.c — unit tests for the language server's pieces: protocol
 * positions (UTF-16 units, line ends, a byte order mark), Content-Length
 * framing, the Diag sink that both `dairy check` and the server use, the
 * overlay of unsaved text, and a whole session through lsp_main. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/check.h"
#include "../../src/lsp.h"

/* ------------------------------------------------------------ positions */

typedef struct {
    const char *text;
    size_t len;
    uint32_t *st;
    size_t n;
} T;

static T t_of(const char *text)
{
    T t = {text, strlen(text), NULL, 0};
    t.st = lsp_line_starts(t.text, t.len, &t.n);
    return t;
}

static size_t off(T *t, uint32_t line, uint32_t ch)
{
    return lsp_offset(t->text, t->len, t->st, t->n, (LspPos){line, ch});
}

static LspPos pos(T *t, size_t o)
{
    return lsp_position(t->text, t->len, t->st, t->n, o);
}

static void test_ascii_lines(void **state)
{
    (void)state;
    T t = t_of("ab\ncd\r\nef\rg");
    assert_int_equal(t.n, 4);
    assert_int_equal(off(&t, 0, 1), 1);
    assert_int_equal(off(&t, 1, 0), 3);
    assert_int_equal(off(&t, 1, 2), 5);
    assert_int_equal(off(&t, 1, 99), 5);     /* past the line's end: its end, not the CR */
    assert_int_equal(off(&t, 2, 1), 8);      /* after CRLF */
    assert_int_equal(off(&t, 3, 0), 10);     /* after a lone CR */
    assert_int_equal(off(&t, 9, 0), t.len);  /* past the last line: the end */
    LspPos p = pos(&t, 8);
    assert_int_equal(p.line, 2);
    assert_int_equal(p.character, 1);
    p = pos(&t, 999);
    assert_int_equal(p.line, 3);
    assert_int_equal(p.character, 1);
    free(t.st);
}

static void test_cyrillic_utf16(void **state)
{
    (void)state;
    /* "завод" is five letters, ten bytes, five UTF-16 units */
    T t = t_of("plant завод {}\n");
    assert_int_equal(off(&t, 0, 6), 6);
    assert_int_equal(off(&t, 0, 11), 16);
    LspPos p = pos(&t, 16);
    assert_int_equal(p.character, 11);
    p = pos(&t, 8); /* after "з" */
    assert_int_equal(p.character, 7);
    free(t.st);
}

static void test_astral_two_units(void **state)
{
    (void)state;
    /* U+1F42E (a cow) is four bytes and two UTF-16 units */
    T t = t_of("a\xF0\x9F\x90\xAE" "b");
    assert_int_equal(pos(&t, 5).character, 3);
    assert_int_equal(off(&t, 0, 3), 5);
    assert_int_equal(off(&t, 0, 2), 1); /* inside the pair: the character's start */
    free(t.st);
}

static void test_bom_and_bad_bytes(void **state)
{
    (void)state;
    T t = t_of("\xEF\xBB\xBFx\xFFy");
    assert_int_equal(off(&t, 0, 0), 3); /* the mark is not text */
    assert_int_equal(pos(&t, 0).character, 0);
    assert_int_equal(pos(&t, 5).character, 2); /* a stray byte counts one */
    free(t.st);
}

static void test_empty(void **state)
{
    (void)state;
    T t = t_of("");
    assert_int_equal(t.n, 1);
    assert_int_equal(off(&t, 0, 5), 0);
    assert_int_equal(pos(&t, 3).line, 0);
    free(t.st);
}

/* ------------------------------------------------------------ framing */

static int read_one(const char *in, size_t inlen, char **body, size_t *len)
{
    FILE *f = fmemopen((void *)in, inlen, "r");
    int r = lsp_read_message(f, body, len);
    fclose(f);
    return r;
}

static void test_frame_good(void **state)
{
    (void)state;
    static const char in[] = "content-length: 2\r\nContent-Type: x\r\n\r\n{}";
    char *b = NULL;
    size_t n = 0;
    assert_int_equal(read_one(in, sizeof in - 1, &b, &n), 1);
    assert_int_equal(n, 2);
    assert_string_equal(b, "{}");
    free(b);
}

static void test_frame_bad(void **state)
{
    (void)state;
    char *b = NULL;
    size_t n = 0;
    static const char none[] = "Content-Type: x\r\n\r\n{}";
    assert_int_equal(read_one(none, sizeof none - 1, &b, &n), -1);
    static const char neg[] = "Content-Length: -4\r\n\r\n";
    assert_int_equal(read_one(neg, sizeof neg - 1, &b, &n), -1);
    static const char junk[] = "Content-Length: 4x\r\n\r\nabcd";
    assert_int_equal(read_one(junk, sizeof junk - 1, &b, &n), -1);
    static const char cut[] = "Content-Length: 10\r\n\r\nabc"; /* input ends inside */
    assert_int_equal(read_one(cut, sizeof cut - 1, &b, &n), -1);
    static const char huge[] = "Content-Length: 999999999999\r\n\r\nabc";
    assert_int_equal(read_one(huge, sizeof huge - 1, &b, &n), -1);
    static const char nocolon[] = "garbage\r\nContent-Length: 2\r\n\r\n{}";
    assert_int_equal(read_one(nocolon, sizeof nocolon - 1, &b, &n), -1);
    assert_int_equal(read_one("", 0, &b, &n), 0); /* the end */
}

static void test_frame_write(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    lsp_write_message(f, "{\"a\":\"ж\"}", strlen("{\"a\":\"ж\"}"));
    fclose(f);
    assert_string_equal(buf, "Content-Length: 10\r\n\r\n{\"a\":\"ж\"}"); /* bytes, not characters */
    free(buf);
}

/* ------------------------------------------------------------ the sink */

typedef struct {
    char log[2048];
} Events;

static void record(Diag *d, DiagKind kind, Span sp, const char *msg)
{
    Events *e = d->sink_ctx;
    static const char *const k[] = {"E", "W", "N", "H", "P"};
    size_t n = strlen(e->log);
    snprintf(e->log + n, sizeof e->log - n, "%s%d:%u:%s|", k[kind], (int)sp.file, sp.lo, msg);
}

static bool overlay(void *ctx, const char *path, char **text, size_t *len)
{
    (void)ctx;
    if (strcmp(path, "unsaved.dairy") != 0)
        return false;
    static const char src[] = "model \"m\"\ncurrency BYN\nplant p { capacity 1 t }\n";
    *text = malloc(sizeof src);
    memcpy(*text, src, sizeof src);
    *len = sizeof src - 1;
    return true;
}

static void test_sink_and_overlay(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, NULL);
    Events e = {{0}};
    d.sink = record;
    d.sink_ctx = &e;
    d.overlay = overlay;
    static const CheckOptions opt = {NULL, 0};
    bool io = false;
    /* no such file on disk: the overlay gives its text */
    Model *m = check_file(&a, &d, "unsaved.dairy", &opt, &io);
    assert_null(m);
    assert_false(io);
    assert_string_equal(e.log, "E0:29:plant `p` makes nothing|"
                               "H-1:0:add a line: `makes butter 400 t cost 310 BYN/t`|");
    diag_free(&d);
    arena_free(&a);
}

static void test_print_sink_unchanged(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    Diag d;
    diag_init(&d, f);
    assert_true(d.sink == diag_print);
    char *text = strdup("ab\n");
    int32_t id = diag_add_file(&d, "x.dairy", text, 3);
    diag_error(&d, (Span){id, 1, 2}, "bad %s", "b");
    diag_note(&d, (Span){id, 0, 1}, "see");
    diag_hint(&d, "fix");
    diag_plain(&d, "no place");
    fclose(f);
    assert_string_equal(buf, "x.dairy:1:2: error: bad b\n   1 | ab\n     |  ^\n"
                             "x.dairy:1:1: note: see\n   1 | ab\n     | ^\n"
                             "hint: fix\ndairy: error: no place\n");
    free(buf);
    diag_free(&d);
}

/* ------------------------------------------------------------ a session */

static char *session(const char *const *msgs, int *status)
{
    char *in = NULL, *out = NULL;
    size_t inlen = 0, outlen = 0;
    FILE *fi = open_memstream(&in, &inlen);
    for (int i = 0; msgs[i]; i++)
        fprintf(fi, "Content-Length: %zu\r\n\r\n%s", strlen(msgs[i]), msgs[i]);
    fclose(fi);
    FILE *r = fmemopen(in, inlen ? inlen : 1, "r");
    FILE *w = open_memstream(&out, &outlen);
    static const CheckOptions opt = {NULL, 0};
    *status = lsp_main(r, w, &opt);
    fclose(r);
    fclose(w);
    free(in);
    return out;
}

static void test_session(void **state)
{
    (void)state;
    static const char *const msgs[] = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
        "{\"uri\":\"untitled:1\",\"version\":1,\"text\":\"model \\\"m\\\"\\nfarm ф { supply 1 }\\n\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}",
        NULL};
    int status = -1;
    char *out = session(msgs, &status);
    assert_int_equal(status, 0);
    if (!strstr(out, "\"uri\":\"untitled:1\",\"diagnostics\":[{\"range\":{\"start\":"))
        fail_msg("%s", out);
    assert_non_null(strstr(out, "\"id\":1,\"result\":{\"capabilities\""));
    /* the unsaved text is checked; the place counts the Cyrillic letter as one */
    assert_non_null(strstr(out, "\"uri\":\"untitled:1\",\"diagnostics\":[{\"range\":{\"start\":"
                                "{\"line\":1,\"character\":16},\"end\":{\"line\":1,\"character\":17}}"));
    assert_non_null(strstr(out, "expected mass, found a bare number `1`\\nhint: write `1 t`"));
    assert_non_null(strstr(out, "\"id\":2,\"result\":null"));
    free(out);
}

static void test_session_no_exit(void **state)
{
    (void)state;
    static const char *const msgs[] = {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}", NULL};
    int status = -1;
    char *out = session(msgs, &status);
    assert_int_equal(status, 1); /* the input ended without shutdown and exit */
    assert_string_equal(out, "Content-Length: 94\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":"
                             "{\"code\":-32002,\"message\":\"the server is not initialized yet\"}}");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_lines),
        cmocka_unit_test(test_cyrillic_utf16),
        cmocka_unit_test(test_astral_two_units),
        cmocka_unit_test(test_bom_and_bad_bytes),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_frame_good),
        cmocka_unit_test(test_frame_bad),
        cmocka_unit_test(test_frame_write),
        cmocka_unit_test(test_sink_and_overlay),
        cmocka_unit_test(test_print_sink_unchanged),
        cmocka_unit_test(test_session),
        cmocka_unit_test(test_session_no_exit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
