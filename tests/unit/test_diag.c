/* test_diag.c — unit tests for diagnostics (src/diag.c): line and column in
 * characters, the source line with its caret, long-line windows, the error
 * cap, files, and the edit distance behind "did you mean". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/diag.h"

/* ------------------------------------------------------------ fixture */

typedef struct {
    Diag d;
    FILE *fp;
    char *out;
    size_t outlen;
} D;

static void d_open(D *x)
{
    memset(x, 0, sizeof *x);
    x->fp = open_memstream(&x->out, &x->outlen);
    assert_non_null(x->fp);
    diag_init(&x->d, x->fp);
}

/* Register a heap copy of text (NUL-terminated, ownership passes). */
static int32_t d_add_n(D *x, const char *path, const char *text, size_t n)
{
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    memcpy(copy, text, n);
    copy[n] = '\0';
    return diag_add_file(&x->d, path, copy, n);
}

static int32_t d_add(D *x, const char *text)
{
    return d_add_n(x, "t.dairy", text, strlen(text));
}

static const char *d_out(D *x)
{
    fflush(x->fp);
    return x->out ? x->out : "";
}

static void d_close(D *x)
{
    fclose(x->fp);
    free(x->out);
    diag_free(&x->d);
}

static Span sp(int32_t file, uint32_t lo, uint32_t hi)
{
    Span s = {file, lo, hi};
    return s;
}

static void expect_lc(D *x, int32_t id, uint32_t off, uint32_t line, uint32_t col)
{
    uint32_t l = 0, c = 0;
    diag_line_col(&x->d, id, off, &l, &c);
    if (l != line || c != col)
        fail_msg("offset %u: %u:%u, want %u:%u", off, l, c, line, col);
}

/* Report one error at [lo, hi) of text and compare the whole output. */
static void expect_report(const char *text, uint32_t lo, uint32_t hi, const char *want)
{
    D x;
    d_open(&x);
    int32_t id = d_add(&x, text);
    diag_error(&x.d, sp(id, lo, hi), "msg");
    const char *got = d_out(&x);
    if (strcmp(got, want) != 0)
        fail_msg("report differs:\n--- got\n%s--- want\n%s", got, want);
    d_close(&x);
}

/* ------------------------------------------------------------ line, column */

static void test_line_col_ascii(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "ab\ncd\n\nef");
    expect_lc(&x, id, 0, 1, 1);
    expect_lc(&x, id, 1, 1, 2);
    expect_lc(&x, id, 2, 1, 3);  /* the newline itself */
    expect_lc(&x, id, 3, 2, 1);
    expect_lc(&x, id, 6, 3, 1);  /* the empty line */
    expect_lc(&x, id, 7, 4, 1);
    expect_lc(&x, id, 9, 4, 3);  /* end of file */
    expect_lc(&x, id, 500, 4, 3); /* clamped to the end */
    d_close(&x);
}

static void test_line_col_multibyte(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    /* "farm " 5 bytes, "Смолевичи" 9 letters of 2 bytes, " {" */
    int32_t id = d_add(&x, "farm Смолевичи {\n  ё €x 𝄞y\n");
    expect_lc(&x, id, 5, 1, 6);
    expect_lc(&x, id, 7, 1, 7);   /* second letter */
    expect_lc(&x, id, 23, 1, 15); /* the space after the name */
    expect_lc(&x, id, 24, 1, 16); /* the `{`: column 16 (docs/language.md 2.7) */
    /* line 2 starts at byte 26: "  " ё(2) " " €(3) x " " 𝄞(4) y */
    expect_lc(&x, id, 26, 2, 1);
    expect_lc(&x, id, 28, 2, 3);  /* ё */
    expect_lc(&x, id, 31, 2, 5);  /* € */
    expect_lc(&x, id, 34, 2, 6);  /* x */
    expect_lc(&x, id, 36, 2, 8);  /* 𝄞 */
    expect_lc(&x, id, 40, 2, 9);  /* y */
    d_close(&x);
}

static void test_line_col_many_lines(void **state)
{
    (void)state;
    enum { N = 5000 };
    char *text = malloc(N * 3 + 1);
    assert_non_null(text);
    for (int i = 0; i < N; i++)
        memcpy(text + i * 3, "ab\n", 3);
    text[N * 3] = '\0';
    D x;
    d_open(&x);
    int32_t id = d_add(&x, text);
    for (int i = 0; i < N; i += 997) {
        expect_lc(&x, id, (uint32_t)(i * 3), (uint32_t)i + 1, 1);
        expect_lc(&x, id, (uint32_t)(i * 3 + 1), (uint32_t)i + 1, 2);
    }
    expect_lc(&x, id, N * 3 - 1, N, 3);
    d_close(&x);
    free(text);
}

/* ------------------------------------------------------------ the report */

static void test_report_format(void **state)
{
    (void)state;
    expect_report("farm north { supply 9000 }\n", 20, 24,
                  "t.dairy:1:21: error: msg\n"
                  "   1 | farm north { supply 9000 }\n"
                  "     |                     ^~~~\n");
}

static void test_caret_under_cyrillic(void **state)
{
    (void)state;
    /* the caret stands under the `{`, counted in characters */
    expect_report("farm Смолевичи {\n", 24, 25,
                  "t.dairy:1:16: error: msg\n"
                  "   1 | farm Смолевичи {\n"
                  "     |                ^\n");
    /* a span over the Cyrillic name: one mark per character */
    expect_report("farm Смолевичи {\n", 5, 23,
                  "t.dairy:1:6: error: msg\n"
                  "   1 | farm Смолевичи {\n"
                  "     |      ^~~~~~~~~\n");
}

static void test_tabs_kept_in_caret_line(void **state)
{
    (void)state;
    expect_report("\tfarm\tx y\n", 6, 7,
                  "t.dairy:1:7: error: msg\n"
                  "   1 | \tfarm\tx y\n"
                  "     | \t    \t^\n");
}

static void test_span_clipped_at_line_end(void **state)
{
    (void)state;
    expect_report("abc def\nghi\n", 4, 11,
                  "t.dairy:1:5: error: msg\n"
                  "   1 | abc def\n"
                  "     |     ^~~\n");
    /* CRLF: the carriage return is not part of the line */
    expect_report("abc def\r\nghi\r\n", 4, 12,
                  "t.dairy:1:5: error: msg\n"
                  "   1 | abc def\n"
                  "     |     ^~~\n");
}

static void test_empty_span_and_end_of_line(void **state)
{
    (void)state;
    /* an empty span still shows a caret; at the line end it stands after
     * the last character */
    expect_report("model\n", 5, 5,
                  "t.dairy:1:6: error: msg\n"
                  "   1 | model\n"
                  "     |      ^\n");
    /* at the very end of a file without a final newline */
    expect_report("ab\ncd", 5, 5,
                  "t.dairy:2:3: error: msg\n"
                  "   2 | cd\n"
                  "     |   ^\n");
}

static void test_control_characters_shown_as_spaces(void **state)
{
    (void)state;
    expect_report("a\x01" "b\x1b" "c\n", 4, 5,
                  "t.dairy:1:5: error: msg\n"
                  "   1 | a b c\n"
                  "     |     ^\n");
}

static void test_wide_line_numbers(void **state)
{
    (void)state;
    enum { N = 12344 };
    char *text = malloc(N + 8);
    assert_non_null(text);
    memset(text, '\n', N);
    memcpy(text + N, "xyz\n", 5);
    D x;
    d_open(&x);
    int32_t id = d_add(&x, text);
    diag_error(&x.d, sp(id, N + 1, N + 2), "msg");
    assert_string_equal(d_out(&x), "t.dairy:12345:2: error: msg\n"
                                   "12345 | xyz\n"
                                   "      |  ^\n");
    d_close(&x);
    free(text);
}

static void test_long_line_window(void **state)
{
    (void)state;
    /* 150 a, XYZ, 147 b: 300 characters; the window shows 33 characters
     * before the span and 100 in all, marked with "..." on both sides */
    char line[302];
    memset(line, 'a', 150);
    memcpy(line + 150, "XYZ", 3);
    memset(line + 153, 'b', 147);
    line[300] = '\n';
    line[301] = '\0';
    char want[1024];
    char shown[101];
    memcpy(shown, line + 117, 100);
    shown[100] = '\0';
    snprintf(want, sizeof want,
             "t.dairy:1:151: error: msg\n"
             "   1 | ...%s...\n"
             "     |    %*s^~~\n",
             shown, 33, "");
    expect_report(line, 150, 153, want);
}

static void test_long_line_span_near_start(void **state)
{
    (void)state;
    char line[202];
    memset(line, 'c', 200);
    line[200] = '\n';
    line[201] = '\0';
    char shown[101];
    memcpy(shown, line, 100);
    shown[100] = '\0';
    /* no cut on the left; the span 10..150 is clipped to the window, which
     * ends after 100 characters: a caret and 89 tildes */
    char tildes[90];
    memset(tildes, '~', 89);
    tildes[89] = '\0';
    char want[1024];
    snprintf(want, sizeof want,
             "t.dairy:1:11: error: msg\n"
             "   1 | %s...\n"
             "     |           ^%s\n",
             shown, tildes);
    expect_report(line, 10, 150, want);
}

static void test_long_cyrillic_line_window(void **state)
{
    (void)state;
    /* 120 letters "ж" (2 bytes each), then "!": the window is counted in
     * characters and never splits a letter */
    char line[256 + 8];
    size_t k = 0;
    for (int i = 0; i < 120; i++) {
        memcpy(line + k, "ж", 2);
        k += 2;
    }
    line[k++] = '!';
    line[k++] = '\n';
    line[k] = '\0';
    /* span at "!" (character 121): before = 120 > 33: the window starts 33
     * characters before it and ends at the line end (34 characters) */
    char want[1024];
    char shown[128];
    size_t n = 0;
    for (int i = 0; i < 33; i++) {
        memcpy(shown + n, "ж", 2);
        n += 2;
    }
    shown[n++] = '!';
    shown[n] = '\0';
    snprintf(want, sizeof want,
             "t.dairy:1:121: error: msg\n"
             "   1 | ...%s\n"
             "     |    %*s^\n",
             shown, 33, "");
    expect_report(line, 240, 241, want);
}

static void test_warning_note_hint_plain(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "farm north {}\nplant north {}\n");
    diag_warning(&x.d, sp(id, 5, 10), "unused %s", "farm");
    diag_error(&x.d, sp(id, 20, 25), "`%s` is already the name of a farm", "north");
    diag_note(&x.d, sp(id, 5, 10), "first declared here");
    diag_hint(&x.d, "rename %d of them", 1);
    diag_error(&x.d, sp(-1, 0, 0), "no place");
    diag_plain(&x.d, "cannot read `%s`", "x.dairy");
    assert_string_equal(d_out(&x),
                        "t.dairy:1:6: warning: unused farm\n"
                        "   1 | farm north {}\n"
                        "     |      ^~~~~\n"
                        "t.dairy:2:7: error: `north` is already the name of a farm\n"
                        "   2 | plant north {}\n"
                        "     |       ^~~~~\n"
                        "t.dairy:1:6: note: first declared here\n"
                        "   1 | farm north {}\n"
                        "     |      ^~~~~\n"
                        "hint: rename 1 of them\n"
                        "dairy: error: no place\n"
                        "dairy: error: cannot read `x.dairy`\n");
    assert_int_equal(x.d.warnings, 1);
    assert_int_equal(x.d.errors, 3);
    d_close(&x);
}

static void test_paths_in_messages(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t a = d_add_n(&x, "models/a.dairy", "x\n", 2);
    int32_t b = d_add_n(&x, "data/farms.csv", "name\nnorth\n", 11);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    diag_error(&x.d, sp(b, 5, 10), "bad row");
    assert_string_equal(d_out(&x), "data/farms.csv:2:1: error: bad row\n"
                                   "   2 | north\n"
                                   "     | ^~~~~\n");
    assert_string_equal(diag_file(&x.d, a)->path, "models/a.dairy");
    assert_int_equal(diag_file(&x.d, b)->len, 11);
    assert_null(diag_file(&x.d, 2));
    assert_null(diag_file(&x.d, -1));
    d_close(&x);
}

/* ------------------------------------------------------------ the cap */

static int count_substr(const char *s, const char *sub)
{
    int n = 0;
    for (const char *p = strstr(s, sub); p; p = strstr(p + 1, sub))
        n++;
    return n;
}

static void test_error_cap(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "abc\n");
    for (int i = 1; i <= DIAG_MAX_ERRORS; i++) {
        assert_false(diag_full(&x.d));
        diag_error(&x.d, sp(id, 0, 1), "error %d", i);
        diag_hint(&x.d, "hint %d", i);
    }
    assert_false(diag_full(&x.d)); /* checking goes on, to count the rest */
    const char *out = d_out(&x);
    assert_int_equal(count_substr(out, ": error: "), 20);
    assert_non_null(strstr(out, "error: error 20\n"));
    assert_non_null(strstr(out, "hint: hint 20\n"));
    size_t before = strlen(out);

    diag_error(&x.d, sp(id, 0, 1), "error 21");
    diag_hint(&x.d, "hint 21");
    diag_note(&x.d, sp(id, 0, 1), "note 21");
    diag_error(&x.d, sp(id, 0, 1), "error 22");
    diag_hint(&x.d, "hint 22");
    diag_warning(&x.d, sp(id, 0, 1), "warning after the cap");
    diag_hint(&x.d, "hint of the warning");
    out = d_out(&x);
    assert_int_equal(strlen(out), before); /* nothing more was printed */
    assert_null(strstr(out, "error 21"));
    assert_null(strstr(out, "hint 21"));
    assert_int_equal(x.d.errors, 22); /* the count is kept */
    assert_int_equal(x.d.warnings, 1);
    assert_false(diag_full(&x.d));
    while (x.d.errors < DIAG_COUNT_MAX)
        diag_error(&x.d, sp(id, 0, 1), "more");
    assert_true(diag_full(&x.d)); /* enough counted: checking may stop */
    assert_int_equal(strlen(d_out(&x)), before);
    d_close(&x);
}

/* The last line gives the total only when errors were left unshown. */
static void test_finish_errors(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "abc\n");
    for (int i = 1; i <= DIAG_MAX_ERRORS; i++)
        diag_error(&x.d, sp(id, 0, 1), "error %d", i);
    size_t before = strlen(d_out(&x));
    diag_finish(&x.d);
    assert_int_equal(strlen(d_out(&x)), before); /* exactly 20: all shown */
    for (int i = 0; i < 15; i++)
        diag_error(&x.d, sp(id, 0, 1), "more");
    diag_finish(&x.d);
    assert_string_equal(d_out(&x) + before,
                        "dairy: stopped after 20 errors (35 found); fix these and run again\n");
    d_close(&x);
}

/* Warnings are capped too: 20 shown (with their hints), the rest counted. */
static void test_warning_cap(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "abc\n");
    for (int i = 1; i <= 25; i++) {
        diag_warning(&x.d, sp(id, 0, 1), "warning %d", i);
        diag_hint(&x.d, "hint %d", i);
    }
    const char *out = d_out(&x);
    assert_int_equal(count_substr(out, ": warning: "), DIAG_MAX_WARNINGS);
    assert_non_null(strstr(out, "hint: hint 20\n"));
    assert_null(strstr(out, "warning 21"));
    assert_null(strstr(out, "hint 21"));
    assert_int_equal(x.d.warnings, 25);
    size_t before = strlen(out);
    diag_finish(&x.d);
    assert_string_equal(d_out(&x) + before, "dairy: 5 more warnings not shown (the first 20 are)\n");
    d_close(&x);
}

/* A leading byte order mark takes no column and is not shown. */
static void test_bom(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "\xEF\xBB\xBF" "ab c\nd\n");
    uint32_t line, col;
    diag_line_col(&x.d, id, 3, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    diag_line_col(&x.d, id, 6, &line, &col);
    assert_int_equal(col, 4);
    diag_line_col(&x.d, id, 0, &line, &col); /* inside the mark */
    assert_int_equal(col, 1);
    diag_error(&x.d, sp(id, 6, 7), "here");
    assert_string_equal(d_out(&x), "t.dairy:1:4: error: here\n"
                                   "   1 | ab c\n"
                                   "     |    ^\n");
    d_close(&x);
}

/* LF, CRLF and a lone CR all end lines. */
static void test_cr_line_ends(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "a\rbb\r\nccc\nd\r");
    uint32_t line, col;
    diag_line_col(&x.d, id, 3, &line, &col); /* the second b */
    assert_int_equal(line, 2);
    assert_int_equal(col, 2);
    diag_line_col(&x.d, id, 8, &line, &col); /* the last c */
    assert_int_equal(line, 3);
    assert_int_equal(col, 3);
    diag_line_col(&x.d, id, 10, &line, &col);
    assert_int_equal(line, 4);
    assert_int_equal(col, 1);
    diag_error(&x.d, sp(id, 2, 4), "bb");
    assert_string_equal(d_out(&x), "t.dairy:2:1: error: bb\n"
                                   "   2 | bb\n"
                                   "     | ^~\n");
    d_close(&x);
}

static void test_hints_follow_their_error(void **state)
{
    (void)state;
    /* before the cap, a hint always follows; a suppressed error's hint is
     * dropped but does not silence later output of an uncapped stream */
    D x;
    d_open(&x);
    int32_t id = d_add(&x, "abc\n");
    for (int i = 0; i < 19; i++)
        diag_error(&x.d, sp(id, 0, 1), "e");
    diag_error(&x.d, sp(id, 0, 1), "twentieth");
    diag_note(&x.d, sp(id, 1, 2), "its note");
    diag_hint(&x.d, "its hint");
    const char *out = d_out(&x);
    assert_non_null(strstr(out, "error: twentieth\n"));
    assert_non_null(strstr(out, "note: its note\n"));
    assert_non_null(strstr(out, "hint: its hint\n"));
    d_close(&x);
}

/* ------------------------------------------------------------ files */

static void test_load_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/dairy-diag-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/m.dairy", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("model \"x\"\n", f);
    fclose(f);

    D x;
    d_open(&x);
    int err = 0;
    int32_t id = diag_load_file(&x.d, path, &err);
    assert_true(id >= 0);
    const SrcFile *sf = diag_file(&x.d, id);
    assert_int_equal(sf->len, 10);
    assert_string_equal(sf->text, "model \"x\"\n");
    assert_string_equal(sf->path, path);

    char missing[300];
    snprintf(missing, sizeof missing, "%s/none.dairy", dir);
    assert_int_equal(diag_load_file(&x.d, missing, &err), -1);
    assert_int_equal(err, ENOENT);
    assert_int_equal(diag_load_file(&x.d, dir, &err), -1);
    assert_int_equal(err, EISDIR);
    assert_int_equal(diag_load_file(&x.d, "/dev/null", &err), -1);
    assert_int_equal(err, DIAG_ENOTREG);
    assert_string_equal(diag_strerror(DIAG_ENOTREG), "not a regular file");
    assert_string_equal(diag_strerror(ENOENT), strerror(ENOENT));
    assert_int_equal(x.d.nfiles, 1);
    /* the file read is known by device and inode (output never overwrites it) */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(sf->ino == (unsigned long long)st.st_ino && sf->dev == (unsigned long long)st.st_dev);
    /* a FIFO with no writer is refused at once, not waited on */
    char fifo[300];
    snprintf(fifo, sizeof fifo, "%s/fifo.dairy", dir);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    assert_int_equal(diag_load_file(&x.d, fifo, &err), -1);
    assert_int_equal(err, DIAG_ENOTREG);
    assert_int_equal(diag_map_file(&x.d, fifo, &err), -1);
    assert_int_equal(err, DIAG_ENOTREG);
    unlink(fifo);
    d_close(&x);
    unlink(path);
    rmdir(dir);
}

/* ------------------------------------------------------------ edit distance */

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(diag_edit_distance("", "", 3), 0);
    assert_int_equal(diag_edit_distance("butter", "butter", 3), 0);
    assert_int_equal(diag_edit_distance("butter", "buter", 3), 1);   /* deletion */
    assert_int_equal(diag_edit_distance("buter", "butter", 3), 1);   /* insertion */
    assert_int_equal(diag_edit_distance("butter", "butler", 3), 1);  /* substitution */
    assert_int_equal(diag_edit_distance("abc", "acb", 3), 1);        /* transposition */
    assert_int_equal(diag_edit_distance("ab", "ba", 3), 1);
    assert_int_equal(diag_edit_distance("nroth", "north", 3), 1);
    assert_int_equal(diag_edit_distance("", "abc", 3), 3);
    assert_int_equal(diag_edit_distance("kitten", "sitting", 5), 3);
    /* optimal string alignment: no edits of a transposed pair */
    assert_int_equal(diag_edit_distance("ca", "abc", 5), 3);
    /* case matters */
    assert_int_equal(diag_edit_distance("North", "north", 3), 1);
}

static void test_edit_distance_limit(void **state)
{
    (void)state;
    /* past the limit the result is limit + 1 */
    assert_int_equal(diag_edit_distance("kitten", "sitting", 2), 3);
    assert_int_equal(diag_edit_distance("abcdef", "uvwxyz", 1), 2);
    /* a length difference over the limit gives up at once */
    assert_int_equal(diag_edit_distance("a", "abcdef", 2), 3);
    assert_int_equal(diag_edit_distance("abcdef", "", 0), 1);
    assert_int_equal(diag_edit_distance("same", "same", 0), 0);
    /* names longer than 64 bytes: equal or not */
    char a[80], b[80];
    memset(a, 'x', 79);
    a[79] = '\0';
    memcpy(b, a, sizeof a);
    assert_int_equal(diag_edit_distance(a, b, 3), 0);
    b[40] = 'y';
    assert_int_equal(diag_edit_distance(a, b, 3), 4);
}

static void test_edit_distance_bytes(void **state)
{
    (void)state;
    /* in bytes: a Cyrillic letter changed is up to two edits */
    assert_int_equal(diag_edit_distance("Смолевичи", "Смолевичи", 3), 0);
    size_t d = diag_edit_distance("Смолевичи", "Смолевиче", 3);
    assert_true(d >= 1 && d <= 2);
}

/* The text check of a file: the first fault (NUL or ill-formed UTF-8) is
 * one error at its place, naming the kind of file, with the hint. */
static void test_check_text(void **state)
{
    (void)state;
    D x;
    d_open(&x);
    int32_t ok = d_add_n(&x, "ok.csv", "id,name\nc1,Минск\n", strlen("id,name\nc1,Минск\n"));
    assert_true(diag_check_text(&x.d, ok, "CSV file", "save it as UTF-8"));
    int32_t empty = d_add_n(&x, "empty.csv", "", 0);
    assert_true(diag_check_text(&x.d, empty, "CSV file", "save it as UTF-8"));
    assert_string_equal(d_out(&x), "");
    assert_int_equal(x.d.errors, 0);

    int32_t bad = d_add_n(&x, "bad.csv", "id\nc\xed\xa0\x80" "d\xff\n", 9);
    assert_false(diag_check_text(&x.d, bad, "CSV file", "save it as UTF-8"));
    assert_string_equal(d_out(&x),
                        "bad.csv:2:2: error: CSV file is not valid UTF-8 (bytes 0xed 0xa0 0x80, "
                        "a UTF-16 surrogate)\n"
                        "   2 | c?d?\n"
                        "     |  ^\n"
                        "hint: save it as UTF-8\n");
    d_close(&x);

    /* a NUL before an ill-formed byte is the first fault, and after one
     * it is not reached */
    d_open(&x);
    int32_t nul = d_add_n(&x, "t.dairy", "a\0b\xff", 4);
    assert_false(diag_check_text(&x.d, nul, "model file", "h"));
    assert_non_null(strstr(d_out(&x), "t.dairy:1:2: error: NUL byte in model file\n"));
    d_close(&x);
    d_open(&x);
    int32_t late = d_add_n(&x, "t.dairy", "a\xc3(\0", 4);
    assert_false(diag_check_text(&x.d, late, "model file", "h"));
    assert_non_null(strstr(d_out(&x), "t.dairy:1:2: error: model file is not valid UTF-8 "
                                      "(byte 0xc3, a character cut short)\n"));
    assert_int_equal(x.d.errors, 1);
    d_close(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_col_ascii),
        cmocka_unit_test(test_line_col_multibyte),
        cmocka_unit_test(test_line_col_many_lines),
        cmocka_unit_test(test_report_format),
        cmocka_unit_test(test_caret_under_cyrillic),
        cmocka_unit_test(test_tabs_kept_in_caret_line),
        cmocka_unit_test(test_span_clipped_at_line_end),
        cmocka_unit_test(test_empty_span_and_end_of_line),
        cmocka_unit_test(test_control_characters_shown_as_spaces),
        cmocka_unit_test(test_wide_line_numbers),
        cmocka_unit_test(test_long_line_window),
        cmocka_unit_test(test_long_line_span_near_start),
        cmocka_unit_test(test_long_cyrillic_line_window),
        cmocka_unit_test(test_warning_note_hint_plain),
        cmocka_unit_test(test_paths_in_messages),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_hints_follow_their_error),
        cmocka_unit_test(test_finish_errors),
        cmocka_unit_test(test_warning_cap),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_cr_line_ends),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_edit_distance_limit),
        cmocka_unit_test(test_edit_distance_bytes),
        cmocka_unit_test(test_check_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
