/* csv.c — RFC 4180 reader; see csv.h for the contract. */
#include "csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CSV_FIELDS_MIN 16
#define CSV_SCRATCH_MIN 256

static const char CSV_MSG_UNTERMINATED[] =
    "unterminated quoted field: add the closing `\"`";
static const char CSV_MSG_STRAY_QUOTE[] =
    "stray `\"` in an unquoted field: quote the whole field and write each "
    "`\"` as `\"\"`";
static const char CSV_MSG_AFTER_QUOTE[] =
    "text after the closing `\"` of a quoted field: put it inside the quotes "
    "or add a `,`";
static const char CSV_MSG_NOMEM[] = "out of memory while reading the file";

/* Bytes that end an unquoted field or make it malformed.  A table lookup
 * keeps the hot loop to one load and one branch per byte. */
static const unsigned char csv_stop[256] = {
    ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1,
};

void csv_init(CsvReader *r, const char *buf, size_t len)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = buf ? len : 0;
    /* A UTF-8 BOM is an encoding marker, not part of the first header cell. */
    if (r->len >= 3 && (unsigned char)buf[0] == 0xEF &&
        (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
        r->pos = 3;
}

void csv_free(CsvReader *r)
{
    free(r->fields);
    free(r->scratch);
    r->fields = NULL;
    r->scratch = NULL;
    r->nfields = r->fcap = r->scap = 0;
}

/* Capacity grows by doubling so a long file costs O(log n) reallocations in
 * total; the arrays are kept across records.  Returns the (possibly moved)
 * block, or NULL with the old block still owned by the caller. */
static void *csv_grow(void *p, size_t *cap, size_t need, size_t elem,
                      size_t min)
{
    if (p && need <= *cap)
        return p;
    size_t ncap = *cap ? *cap : min;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return NULL;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return NULL;
    void *np = realloc(p, ncap * elem);
    if (np)
        *cap = ncap;
    return np;
}

/* Consume one line end (CRLF, LF or a lone CR) at r->pos, if any. */
static void csv_eat_eol(CsvReader *r)
{
    if (r->pos < r->len && r->buf[r->pos] == '\r')
        r->pos++;
    if (r->pos < r->len && r->buf[r->pos] == '\n')
        r->pos++;
}

/* After an error, resynchronise at the physical line after the one holding
 * the error: quote state is unknown there, so line ends are taken at face
 * value, which limits the damage of one bad quote to one reported record. */
static int csv_fail(CsvReader *r, const char *msg, size_t off)
{
    r->err_msg = msg;
    r->err_offset = off;
    r->nfields = 0;
    const char *b = r->buf;
    size_t i = off;
    while (i < r->len && b[i] != '\n' && b[i] != '\r')
        i++;
    r->pos = i;
    csv_eat_eol(r);
    return -1;
}

/* Out of memory: there is no sensible place to resume, so stop the file. */
static int csv_fail_nomem(CsvReader *r)
{
    r->err_msg = CSV_MSG_NOMEM;
    r->err_offset = r->rec_offset;
    r->nfields = 0;
    r->pos = r->len;
    return -1;
}

/* Parse a quoted field whose opening quote is at q.  Inside quotes every byte
 * is literal except `"`, which is either half of a `""` escape or the end of
 * the field.  Fields without escapes point straight into the buffer; those
 * with escapes are unescaped into scratch at *sused, and p is left NULL to be
 * fixed up once the record is complete (scratch may move while growing).
 * Returns the position just past the closing quote, or 0 if unterminated. */
static size_t csv_quoted(CsvReader *r, size_t q, CsvField *f, size_t *sused)
{
    const char *b = r->buf, *end = b + r->len;
    const char *s = b + q + 1;
    const char *close;
    bool escaped = false;
    for (;;) {
        close = memchr(s, '"', (size_t)(end - s));
        if (!close)
            return 0;
        if (close + 1 < end && close[1] == '"') {
            escaped = true;
            s = close + 2;
            continue;
        }
        break;
    }
    const char *body = b + q + 1;
    size_t raw = (size_t)(close - body);
    if (!escaped) {
        f->p = body;
        f->len = raw;
        return (size_t)(close - b) + 1;
    }
    /* Unescaped text is never longer than the raw text. */
    if (raw > SIZE_MAX - *sused)
        return SIZE_MAX;
    char *ns = csv_grow(r->scratch, &r->scap, *sused + raw, 1, CSV_SCRATCH_MIN);
    if (!ns)
        return SIZE_MAX;
    r->scratch = ns;
    char *out = r->scratch + *sused;
    const char *in = body;
    while (in < close) {
        const char *qq = memchr(in, '"', (size_t)(close - in));
        size_t n = qq ? (size_t)(qq - in) + 1 : (size_t)(close - in);
        memcpy(out, in, n);
        out += n;
        in += n + (qq ? 1 : 0); /* skip the second quote of the pair */
    }
    f->p = NULL;
    f->len = (size_t)(out - (r->scratch + *sused));
    *sused += f->len;
    return (size_t)(close - b) + 1;
}

/* One record: fields separated by `,`, ended by a line end or the end of the
 * buffer.  Blank lines before it are skipped; a line holding only spaces is a
 * record with one field, since RFC 4180 treats spaces as data. */
int csv_next(CsvReader *r)
{
    const char *b = r->buf;
    size_t len = r->len;
    size_t pos = r->pos;

    while (pos < len && (b[pos] == '\n' || b[pos] == '\r'))
        pos++;
    r->pos = pos;
    r->nfields = 0;
    if (pos >= len)
        return 0;
    r->rec_offset = pos;

    size_t nf = 0, sused = 0;
    bool any_scratch = false;
    for (;;) {
        if (nf == r->fcap) {
            CsvField *nfl = csv_grow(r->fields, &r->fcap, nf + 1,
                                     sizeof(CsvField), CSV_FIELDS_MIN);
            if (!nfl)
                return csv_fail_nomem(r);
            r->fields = nfl;
        }
        CsvField *f = &r->fields[nf++];
        f->offset = pos;
        if (pos < len && b[pos] == '"') {
            f->quoted = true;
            size_t next = csv_quoted(r, pos, f, &sused);
            if (next == 0)
                return csv_fail(r, CSV_MSG_UNTERMINATED, f->offset);
            if (next == SIZE_MAX)
                return csv_fail_nomem(r);
            if (!f->p)
                any_scratch = true;
            pos = next;
            if (pos < len && b[pos] != ',' && b[pos] != '\n' && b[pos] != '\r')
                return csv_fail(r, CSV_MSG_AFTER_QUOTE, pos);
        } else {
            size_t start = pos;
            while (pos < len && !csv_stop[(unsigned char)b[pos]])
                pos++;
            if (pos < len && b[pos] == '"')
                return csv_fail(r, CSV_MSG_STRAY_QUOTE, pos);
            f->quoted = false;
            f->p = b + start;
            f->len = pos - start;
        }
        if (pos < len && b[pos] == ',') {
            pos++;
            continue;
        }
        break;
    }

    /* Escaped fields were laid out in scratch in field order, so their
     * addresses follow from their lengths. */
    if (any_scratch) {
        size_t at = 0;
        for (size_t i = 0; i < nf; i++) {
            if (!r->fields[i].p) {
                r->fields[i].p = r->scratch + at;
                at += r->fields[i].len;
            }
        }
    }
    r->nfields = nf;
    r->pos = pos;
    csv_eat_eol(r);
    return 1;
}
