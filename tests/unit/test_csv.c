/* test_csv.c — unit tests for the RFC 4180 reader (src/csv.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../src/csv.h"

/* Every test parses an exact-size heap copy of its input, with no NUL after
 * it, so that the sanitizer or valgrind catches any read past the end. */
typedef struct {
    CsvReader r;
    char *copy;
} Fx;

static void fx_open(Fx *fx, const char *s, size_t len)
{
    fx->copy = malloc(len ? len : 1);
    assert_non_null(fx->copy);
    if (len)
        memcpy(fx->copy, s, len);
    csv_init(&fx->r, fx->copy, len);
}

#define FX_OPEN(fx, lit) fx_open((fx), (lit), sizeof(lit) - 1)

static void fx_close(Fx *fx)
{
    csv_free(&fx->r);
    free(fx->copy);
}

static void assert_field(const CsvReader *r, size_t i, const char *want)
{
    assert_true(i < r->nfields);
    const CsvField *f = &r->fields[i];
    size_t n = strlen(want);
    if (f->len != n || memcmp(f->p, want, n) != 0) {
        fail_msg("field %zu: want \"%s\" (%zu bytes), got \"%.*s\" (%zu bytes)",
                 i, want, n, (int)f->len, f->p, f->len);
    }
}

/* Reads one record and checks its fields; the list ends with NULL. */
static void expect_record(CsvReader *r, ...)
{
    assert_int_equal(csv_next(r), 1);
    va_list ap;
    va_start(ap, r);
    size_t i = 0;
    const char *want;
    while ((want = va_arg(ap, const char *)) != NULL) {
        assert_field(r, i, want);
        i++;
    }
    va_end(ap);
    assert_int_equal(r->nfields, i);
}

static void expect_end(CsvReader *r)
{
    assert_int_equal(csv_next(r), 0);
    assert_int_equal(r->nfields, 0);
    /* The end is sticky. */
    assert_int_equal(csv_next(r), 0);
}

static void expect_error(CsvReader *r, size_t offset, const char *msg_part)
{
    assert_int_equal(csv_next(r), -1);
    assert_non_null(r->err_msg);
    assert_non_null(strstr(r->err_msg, msg_part));
    assert_int_equal(r->err_offset, offset);
    assert_int_equal(r->nfields, 0);
}

/* ---- basic records ---- */

static void test_simple_records(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,b,c\n1,2,3\n");
    expect_record(&fx.r, "a", "b", "c", NULL);
    expect_record(&fx.r, "1", "2", "3", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_empty_buffer(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "");
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_null_buffer(void **state)
{
    (void)state;
    CsvReader r;
    csv_init(&r, NULL, 0);
    assert_int_equal(csv_next(&r), 0);
    csv_free(&r);
}

static void test_single_field(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "x");
    expect_record(&fx.r, "x", NULL);
    assert_int_equal(fx.r.fields[0].offset, 0);
    assert_false(fx.r.fields[0].quoted);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_last_record_without_line_end(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,b\nc,d");
    expect_record(&fx.r, "a", "b", NULL);
    expect_record(&fx.r, "c", "d", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_unquoted_field_points_into_buffer(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "ab,cd\n");
    expect_record(&fx.r, "ab", "cd", NULL);
    assert_ptr_equal(fx.r.fields[0].p, fx.copy);
    assert_ptr_equal(fx.r.fields[1].p, fx.copy + 3);
    fx_close(&fx);
}

static void test_field_offsets(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "ab,,\"q\",x\nyy,z");
    expect_record(&fx.r, "ab", "", "q", "x", NULL);
    assert_int_equal(fx.r.rec_offset, 0);
    assert_int_equal(fx.r.fields[0].offset, 0);
    assert_int_equal(fx.r.fields[1].offset, 3);
    assert_int_equal(fx.r.fields[2].offset, 4); /* the opening quote */
    assert_int_equal(fx.r.fields[3].offset, 8);
    expect_record(&fx.r, "yy", "z", NULL);
    assert_int_equal(fx.r.rec_offset, 10);
    assert_int_equal(fx.r.fields[0].offset, 10);
    assert_int_equal(fx.r.fields[1].offset, 13);
    fx_close(&fx);
}

static void test_spaces_are_data(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, " a , b \n   \n");
    expect_record(&fx.r, " a ", " b ", NULL);
    /* A line of spaces is not blank: it is one field of spaces. */
    expect_record(&fx.r, "   ", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

/* ---- line ends ---- */

static void test_crlf(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,b\r\nc,d\r\n");
    expect_record(&fx.r, "a", "b", NULL);
    /* CRLF is one line end: both bytes are consumed with the record. */
    assert_int_equal(fx.r.pos, 5);
    expect_record(&fx.r, "c", "d", NULL);
    assert_int_equal(fx.r.rec_offset, 5);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_lone_cr(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,b\rc,d\r");
    expect_record(&fx.r, "a", "b", NULL);
    expect_record(&fx.r, "c", "d", NULL);
    assert_int_equal(fx.r.rec_offset, 4);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_mixed_line_ends(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "1\n2\r\n3\r4");
    expect_record(&fx.r, "1", NULL);
    expect_record(&fx.r, "2", NULL);
    expect_record(&fx.r, "3", NULL);
    expect_record(&fx.r, "4", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_crlf_after_quoted_field(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"a\"\r\n\"b\"\r\"c\"\n");
    expect_record(&fx.r, "a", NULL);
    expect_record(&fx.r, "b", NULL);
    expect_record(&fx.r, "c", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

/* ---- blank lines and BOM ---- */

static void test_blank_lines_skipped(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\n\r\n\ra\n\n\r\n\rb\n\n");
    expect_record(&fx.r, "a", NULL);
    assert_int_equal(fx.r.rec_offset, 4);
    expect_record(&fx.r, "b", NULL);
    assert_int_equal(fx.r.rec_offset, 10);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_only_blank_lines(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\r\n\n\r\r\n");
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_bom_skipped(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\xEF\xBB\xBFname,supply\nnorth,9000\n");
    expect_record(&fx.r, "name", "supply", NULL);
    /* Offsets stay relative to the buffer, BOM included. */
    assert_int_equal(fx.r.fields[0].offset, 3);
    assert_int_equal(fx.r.rec_offset, 3);
    expect_record(&fx.r, "north", "9000", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_bom_only(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\xEF\xBB\xBF");
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_bom_before_quoted_field(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\xEF\xBB\xBF\"a\",b");
    expect_record(&fx.r, "a", "b", NULL);
    assert_true(fx.r.fields[0].quoted);
    assert_int_equal(fx.r.fields[0].offset, 3);
    fx_close(&fx);
}

static void test_partial_bom_is_data(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\xEF\xBB,x");
    expect_record(&fx.r, "\xEF\xBB", "x", NULL);
    fx_close(&fx);
}

static void test_bom_only_at_start(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a\n\xEF\xBB\xBF" "b\n");
    expect_record(&fx.r, "a", NULL);
    expect_record(&fx.r, "\xEF\xBB\xBF" "b", NULL);
    fx_close(&fx);
}

/* ---- empty fields ---- */

static void test_empty_fields(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, ",,\n");
    expect_record(&fx.r, "", "", "", NULL);
    assert_int_equal(fx.r.fields[0].offset, 0);
    assert_int_equal(fx.r.fields[1].offset, 1);
    assert_int_equal(fx.r.fields[2].offset, 2);
    assert_false(fx.r.fields[2].quoted);
    fx_close(&fx);
}

static void test_trailing_comma(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,b,\nc,d,\r\ne,");
    expect_record(&fx.r, "a", "b", "", NULL);
    assert_int_equal(fx.r.fields[2].offset, 4);
    expect_record(&fx.r, "c", "d", "", NULL);
    expect_record(&fx.r, "e", "", NULL);
    /* The empty last field sits at the end of the buffer. */
    assert_int_equal(fx.r.fields[1].offset, 13);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_leading_comma(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, ",x\n");
    expect_record(&fx.r, "", "x", NULL);
    fx_close(&fx);
}

static void test_empty_quoted_field(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"\",a,\"\"\n");
    expect_record(&fx.r, "", "a", "", NULL);
    assert_true(fx.r.fields[0].quoted);
    assert_false(fx.r.fields[1].quoted);
    assert_true(fx.r.fields[2].quoted);
    assert_int_equal(fx.r.fields[2].offset, 5);
    fx_close(&fx);
}

/* ---- quoting ---- */

static void test_quoted_field(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"SPK Smolevichi\",x\n");
    expect_record(&fx.r, "SPK Smolevichi", "x", NULL);
    assert_true(fx.r.fields[0].quoted);
    assert_int_equal(fx.r.fields[0].offset, 0);
    /* Without escapes the text is not copied. */
    assert_ptr_equal(fx.r.fields[0].p, fx.copy + 1);
    fx_close(&fx);
}

static void test_comma_inside_quotes(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"a,b\",\",\",c\n");
    expect_record(&fx.r, "a,b", ",", "c", NULL);
    fx_close(&fx);
}

static void test_escaped_quote(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"say \"\"hi\"\"\",x\n");
    expect_record(&fx.r, "say \"hi\"", "x", NULL);
    assert_true(fx.r.fields[0].quoted);
    fx_close(&fx);
}

static void test_only_escaped_quotes(void **state)
{
    (void)state;
    Fx fx;
    /* """""" is a quoted field holding two quotes. */
    FX_OPEN(&fx, "\"\"\"\"\"\"\n\"\"\"\"\n");
    expect_record(&fx.r, "\"\"", NULL);
    expect_record(&fx.r, "\"", NULL);
    fx_close(&fx);
}

static void test_escape_at_field_edges(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"\"\"a\",\"b\"\"\"\n");
    expect_record(&fx.r, "\"a", "b\"", NULL);
    fx_close(&fx);
}

static void test_several_escaped_fields(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"a\"\"1\",plain,\"b\"\"2\",\"c\"\"3\"\n");
    expect_record(&fx.r, "a\"1", "plain", "b\"2", "c\"3", NULL);
    fx_close(&fx);
}

static void test_newline_inside_quotes(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"line1\nline2\",x\n\"a\r\nb\",\"c\rd\"\ny\n");
    expect_record(&fx.r, "line1\nline2", "x", NULL);
    expect_record(&fx.r, "a\r\nb", "c\rd", NULL);
    assert_int_equal(fx.r.rec_offset, 16);
    expect_record(&fx.r, "y", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_blank_line_inside_quotes_is_kept(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"\n\n\"\n");
    expect_record(&fx.r, "\n\n", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_quoted_field_at_end_of_buffer(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,\"b\"");
    expect_record(&fx.r, "a", "b", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_escaped_quoted_field_at_end_of_buffer(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"x\"\"\"");
    expect_record(&fx.r, "x\"", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_nul_bytes_are_data(void **state)
{
    (void)state;
    Fx fx;
    static const char in[] = "a\0b,\"\0\"\"\0\"\n";
    fx_open(&fx, in, sizeof in - 1);
    assert_int_equal(csv_next(&fx.r), 1);
    assert_int_equal(fx.r.nfields, 2);
    assert_int_equal(fx.r.fields[0].len, 3);
    assert_memory_equal(fx.r.fields[0].p, "a\0b", 3);
    assert_int_equal(fx.r.fields[1].len, 3);
    assert_memory_equal(fx.r.fields[1].p, "\0\"\0", 3);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_utf8_text(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "Смолевичи,\"Минск, центр\"\n");
    expect_record(&fx.r, "Смолевичи", "Минск, центр", NULL);
    fx_close(&fx);
}

/* ---- errors and resumption ---- */

static void test_unterminated_quote(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,\"bc");
    expect_error(&fx.r, 2, "unterminated quoted field");
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_unterminated_quote_message(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"");
    expect_error(&fx.r, 0, "unterminated");
    assert_string_equal(fx.r.err_msg,
                        "unterminated quoted field: add the closing `\"`");
    fx_close(&fx);
}

static void test_unterminated_quote_resumes_next_line(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "x,y\na,\"bc\nd,e\n");
    expect_record(&fx.r, "x", "y", NULL);
    expect_error(&fx.r, 6, "unterminated");
    expect_record(&fx.r, "d", "e", NULL);
    assert_int_equal(fx.r.rec_offset, 10);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_unterminated_after_escape(void **state)
{
    (void)state;
    Fx fx;
    /* The last "" is an escape, so the field never closes. */
    FX_OPEN(&fx, "\"abc\"\"");
    expect_error(&fx.r, 0, "unterminated");
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_stray_quote_in_unquoted_field(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "ok,ab\"c,d\nx,y\n");
    expect_error(&fx.r, 5, "stray `\"` in an unquoted field");
    expect_record(&fx.r, "x", "y", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_stray_quote_at_end_of_field(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "5\"\r\n6\r\n");
    expect_error(&fx.r, 1, "unquoted field");
    expect_record(&fx.r, "6", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_garbage_after_closing_quote(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"ab\"c,d\nx\n");
    expect_error(&fx.r, 4, "after the closing");
    expect_record(&fx.r, "x", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_space_after_closing_quote(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a,\"b\" ,c\r\nz");
    expect_error(&fx.r, 5, "after the closing");
    expect_record(&fx.r, "z", NULL);
    fx_close(&fx);
}

static void test_quote_after_escaped_field(void **state)
{
    (void)state;
    Fx fx;
    /* "a""b"x : the escape is consumed, then x follows the closing quote. */
    FX_OPEN(&fx, "\"a\"\"b\"x\n1\n");
    expect_error(&fx.r, 6, "after the closing");
    expect_record(&fx.r, "1", NULL);
    fx_close(&fx);
}

static void test_error_on_last_line(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a\nb\"c");
    expect_record(&fx.r, "a", NULL);
    expect_error(&fx.r, 3, "unquoted");
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_consecutive_errors(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "a\"\n\"b\"c\n\"d\ne\n");
    expect_error(&fx.r, 1, "unquoted");
    expect_error(&fx.r, 6, "after the closing");
    expect_error(&fx.r, 8, "unterminated");
    expect_record(&fx.r, "e", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_error_resumes_after_lone_cr(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"a\"x\rb\r");
    expect_error(&fx.r, 3, "after the closing");
    expect_record(&fx.r, "b", NULL);
    expect_end(&fx.r);
    fx_close(&fx);
}

static void test_error_messages_style(void **state)
{
    (void)state;
    static const char *const inputs[] = {"\"x", "a\"b", "\"a\"b"};
    for (size_t i = 0; i < 3; i++) {
        Fx fx;
        fx_open(&fx, inputs[i], strlen(inputs[i]));
        assert_int_equal(csv_next(&fx.r), -1);
        const char *m = fx.r.err_msg;
        assert_non_null(m);
        size_t n = strlen(m);
        assert_true(n > 0);
        assert_true(m[0] >= 'a' && m[0] <= 'z');
        assert_true(m[n - 1] != '.');
        fx_close(&fx);
    }
}

static void test_good_record_after_error_has_fresh_fields(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"p\"\"q\",r,\"s\"t\n\"u\"\"v\",w\n");
    expect_error(&fx.r, 12, "after the closing");
    expect_record(&fx.r, "u\"v", "w", NULL);
    fx_close(&fx);
}

/* ---- sizes and robustness ---- */

static void test_very_long_unquoted_field(void **state)
{
    (void)state;
    size_t n = 10u * 1024 * 1024;
    char *buf = malloc(n + 4);
    assert_non_null(buf);
    memset(buf, 'x', n);
    memcpy(buf + n, ",y\n", 3);
    CsvReader r;
    csv_init(&r, buf, n + 3);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.nfields, 2);
    assert_int_equal(r.fields[0].len, n);
    assert_ptr_equal(r.fields[0].p, buf);
    assert_int_equal(r.fields[1].offset, n + 1);
    assert_int_equal(csv_next(&r), 0);
    csv_free(&r);
    free(buf);
}

static void test_very_long_escaped_field(void **state)
{
    (void)state;
    /* Escapes force the text into scratch, which must grow well past its
     * first size; a short escaped field before it checks that its pointer is
     * still valid after scratch moved. */
    size_t n = 3u * 1024 * 1024;
    size_t len = 0;
    char *buf = malloc(n * 2 + 32);
    assert_non_null(buf);
    memcpy(buf + len, "\"a\"\"b\",\"", 8);
    len += 8;
    for (size_t i = 0; i < n; i++) {
        if (i % 2 == 0) {
            buf[len++] = 'z';
        } else {
            buf[len++] = '"';
            buf[len++] = '"';
        }
    }
    memcpy(buf + len, "\",\"c\"\"\"", 7);
    len += 7;
    CsvReader r;
    csv_init(&r, buf, len);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.nfields, 3);
    assert_int_equal(r.fields[0].len, 3);
    assert_memory_equal(r.fields[0].p, "a\"b", 3);
    assert_int_equal(r.fields[1].len, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(r.fields[1].p[i], i % 2 == 0 ? 'z' : '"');
    assert_int_equal(r.fields[2].len, 2);
    assert_memory_equal(r.fields[2].p, "c\"", 2);
    assert_int_equal(csv_next(&r), 0);
    csv_free(&r);
    free(buf);
}

static void test_many_fields(void **state)
{
    (void)state;
    size_t nf = 5000;
    char *buf = malloc(nf * 2);
    assert_non_null(buf);
    for (size_t i = 0; i < nf; i++) {
        buf[2 * i] = (char)('a' + i % 26);
        buf[2 * i + 1] = i + 1 < nf ? ',' : '\n';
    }
    CsvReader r;
    csv_init(&r, buf, nf * 2);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.nfields, nf);
    for (size_t i = 0; i < nf; i++) {
        assert_int_equal(r.fields[i].len, 1);
        assert_int_equal(r.fields[i].p[0], 'a' + i % 26);
        assert_int_equal(r.fields[i].offset, 2 * i);
    }
    assert_int_equal(csv_next(&r), 0);
    csv_free(&r);
    free(buf);
}

static void test_many_records_reuse_arrays(void **state)
{
    (void)state;
    Fx fx;
    FX_OPEN(&fx, "\"a\"\"\",b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s\n\"x\"\"\",y\n");
    expect_record(&fx.r, "a\"", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                  "k", "l", "m", "n", "o", "p", "q", "r", "s", NULL);
    CsvField *fields = fx.r.fields;
    char *scratch = fx.r.scratch;
    expect_record(&fx.r, "x\"", "y", NULL);
    /* A smaller record needs no new memory. */
    assert_ptr_equal(fx.r.fields, fields);
    assert_ptr_equal(fx.r.scratch, scratch);
    fx_close(&fx);
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void test_binary_garbage(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    for (int round = 0; round < 300; round++) {
        size_t len = lcg(&seed) % 600;
        char *buf = malloc(len ? len : 1);
        assert_non_null(buf);
        for (size_t i = 0; i < len; i++) {
            /* Bias toward the bytes the reader cares about. */
            static const char special[] = {'"', ',', '\n', '\r', '\0'};
            uint32_t v = lcg(&seed);
            buf[i] = (v % 3 == 0) ? special[v % 5] : (char)(v >> 4);
        }
        CsvReader r;
        csv_init(&r, buf, len);
        size_t last = r.pos;
        int rc, calls = 0;
        while ((rc = csv_next(&r)) != 0) {
            assert_true(rc == 1 || rc == -1);
            /* Every call makes progress, so reading always ends. */
            assert_true(r.pos > last);
            assert_true(r.pos <= len);
            last = r.pos;
            if (rc == -1) {
                assert_true(r.err_offset < len);
            } else {
                for (size_t i = 0; i < r.nfields; i++) {
                    const CsvField *f = &r.fields[i];
                    assert_true(f->offset <= len);
                    /* Touch every byte so the sanitizer checks the range. */
                    volatile char sink = 0;
                    for (size_t k = 0; k < f->len; k++)
                        sink ^= f->p[k];
                    (void)sink;
                }
            }
            assert_true(++calls <= (int)len + 1);
        }
        csv_free(&r);
        free(buf);
    }
}

static void test_free_is_idempotent(void **state)
{
    (void)state;
    CsvReader r;
    csv_init(&r, "a", 1);
    csv_free(&r); /* nothing allocated yet */
    csv_init(&r, "a,b", 3);
    assert_int_equal(csv_next(&r), 1);
    csv_free(&r);
    assert_null(r.fields);
    assert_null(r.scratch);
    csv_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_records),
        cmocka_unit_test(test_empty_buffer),
        cmocka_unit_test(test_null_buffer),
        cmocka_unit_test(test_single_field),
        cmocka_unit_test(test_last_record_without_line_end),
        cmocka_unit_test(test_unquoted_field_points_into_buffer),
        cmocka_unit_test(test_field_offsets),
        cmocka_unit_test(test_spaces_are_data),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_lone_cr),
        cmocka_unit_test(test_mixed_line_ends),
        cmocka_unit_test(test_crlf_after_quoted_field),
        cmocka_unit_test(test_blank_lines_skipped),
        cmocka_unit_test(test_only_blank_lines),
        cmocka_unit_test(test_bom_skipped),
        cmocka_unit_test(test_bom_only),
        cmocka_unit_test(test_bom_before_quoted_field),
        cmocka_unit_test(test_partial_bom_is_data),
        cmocka_unit_test(test_bom_only_at_start),
        cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_trailing_comma),
        cmocka_unit_test(test_leading_comma),
        cmocka_unit_test(test_empty_quoted_field),
        cmocka_unit_test(test_quoted_field),
        cmocka_unit_test(test_comma_inside_quotes),
        cmocka_unit_test(test_escaped_quote),
        cmocka_unit_test(test_only_escaped_quotes),
        cmocka_unit_test(test_escape_at_field_edges),
        cmocka_unit_test(test_several_escaped_fields),
        cmocka_unit_test(test_newline_inside_quotes),
        cmocka_unit_test(test_blank_line_inside_quotes_is_kept),
        cmocka_unit_test(test_quoted_field_at_end_of_buffer),
        cmocka_unit_test(test_escaped_quoted_field_at_end_of_buffer),
        cmocka_unit_test(test_nul_bytes_are_data),
        cmocka_unit_test(test_utf8_text),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_unterminated_quote_message),
        cmocka_unit_test(test_unterminated_quote_resumes_next_line),
        cmocka_unit_test(test_unterminated_after_escape),
        cmocka_unit_test(test_stray_quote_in_unquoted_field),
        cmocka_unit_test(test_stray_quote_at_end_of_field),
        cmocka_unit_test(test_garbage_after_closing_quote),
        cmocka_unit_test(test_space_after_closing_quote),
        cmocka_unit_test(test_quote_after_escaped_field),
        cmocka_unit_test(test_error_on_last_line),
        cmocka_unit_test(test_consecutive_errors),
        cmocka_unit_test(test_error_resumes_after_lone_cr),
        cmocka_unit_test(test_error_messages_style),
        cmocka_unit_test(test_good_record_after_error_has_fresh_fields),
        cmocka_unit_test(test_very_long_unquoted_field),
        cmocka_unit_test(test_very_long_escaped_field),
        cmocka_unit_test(test_many_fields),
        cmocka_unit_test(test_many_records_reuse_arrays),
        cmocka_unit_test(test_binary_garbage),
        cmocka_unit_test(test_free_is_idempotent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
