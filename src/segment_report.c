/* segment_report.c — the outputs of `dairy segment` (segment.h): a table
 * per segment as text, `id,segment,strategy` as CSV, and the segmentation
 * as JSON through the JSON writer (json.h).  The rules and their analysis
 * are segment.c's. */
#include "segment.h"

#include "xalloc.h"
#include "json.h"
#include "text.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const char *segment_customer_id(const Model *m, size_t i, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    const Customers *cu = &m->customers;
    const char *id = cu->id_text && cu->id_at && i < cu->n ? cu->id_text + cu->id_at[i] : "";
    size_t n = strlen(id);
    if (n >= size)
        n = size - 1;
    memcpy(buf, id, n);
    buf[n] = '\0';
    return buf;
}

static const char *customer_id(const Model *m, size_t i)
{
    const Customers *cu = &m->customers;
    return cu->id_text && cu->id_at && i < cu->n ? cu->id_text + cu->id_at[i] : "";
}

/* Base volume per segment and product: the product columns summed over the
 * segment's customers (a missing cell is 0), in input order. */
typedef struct {
    int np;          /* products with a volume column, in model order */
    int *product;
    double *vol;     /* (nsegments + 1) x np; row 0 unsegmented */
} Volumes;

static void volumes(const Model *m, const Segmentation *s, Volumes *v)
{
    const Customers *cu = &m->customers;
    int *col = xmalloc(sizeof(int) * ((size_t)m->nproducts + 1));
    v->product = xmalloc(sizeof(int) * ((size_t)m->nproducts + 1));
    v->np = 0;
    for (int p = 0; p < m->nproducts; p++)
        for (int j = 0; cu->present && j < cu->ncols; j++)
            if (cu->cols[j].kind == COL_VOLUME && cu->cols[j].product == p) {
                col[v->np] = j;
                v->product[v->np++] = p;
                break;
            }
    size_t np = (size_t)v->np;
    v->vol = xcalloc(((size_t)m->nsegments + 1) * np + 1, sizeof(double));
    for (size_t k = 0; k < np; k++) {
        const double *x = cu->cols[col[k]].num;
        for (size_t i = 0; i < s->n; i++)
            if (!isnan(x[i]))
                v->vol[(size_t)(s->segment[i] + 1) * np + k] += x[i];
    }
    free(col);
}

static void volumes_free(Volumes *v)
{
    free(v->product);
    free(v->vol);
}

/* A name or label on one line: control characters become spaces. */
static void put_name(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, out);
}

static void text_volume(FILE *out, const Model *m, const Volumes *v, int row)
{
    if (v->np == 0)
        return;
    fputs("  base volume  ", out);
    for (int k = 0; k < v->np; k++) {
        if (k)
            fputs(", ", out);
        put_name(out, m->products[v->product[k]].n.name);
        char num[64];
        text_fixed(num, sizeof num, v->vol[(size_t)row * (size_t)v->np + (size_t)k], 3);
        fprintf(out, " %s t", num);
    }
    fputc('\n', out);
}

static void text_share(FILE *out, size_t count, size_t n)
{
    fprintf(out, "  customers    %zu", count);
    if (n)
        fprintf(out, " (%.1f%%)", 100.0 * (double)count / (double)n);
    fputc('\n', out);
}

int segment_report_text(const Model *m, const Segmentation *s, FILE *out)
{
    Volumes v;
    volumes(m, s, &v);
    fprintf(out, "%zu customer%s, %d segment%s, %zu unsegmented\n", s->n, s->n == 1 ? "" : "s",
            m->nsegments, m->nsegments == 1 ? "" : "s", s->unsegmented);
    Buf b = {0};
    for (int i = 0; i < m->nsegments; i++) {
        const Segment *sg = &m->segments[i];
        const Strategy *st = &m->strategies[sg->strategy];
        fputc('\n', out);
        put_name(out, sg->n.name);
        if (sg->n.label) {
            fputs("  ", out);
            put_name(out, sg->n.label);
        }
        fputs("\n  strategy     ", out);
        put_name(out, st->n.name);
        if (st->n.label) {
            fputs("  ", out);
            put_name(out, st->n.label);
        }
        fputs("\n  rule         ", out);
        if (sg->when) {
            b.len = 0;
            rexpr_put(&b, sg->when, 0);
            put_name(out, buf_str(&b));
        } else
            fputs("every customer that reaches it", out);
        fputc('\n', out);
        text_share(out, s->count ? s->count[i] : 0, s->n);
        text_volume(out, m, &v, i + 1);
    }
    fputs("\nunsegmented\n  rule         no rule matches\n", out);
    text_share(out, s->unsegmented, s->n);
    text_volume(out, m, &v, 0);
    free(b.s);
    volumes_free(&v);
    return ferror(out) ? -1 : 0;
}

/* RFC 4180: a field with a comma, quote or line break is quoted, its
 * quotes doubled. */
static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    text_quoted(out, s, '"');
}

int segment_report_csv(const Model *m, const Segmentation *s, FILE *out)
{
    fputs("id,segment,strategy\n", out);
    for (size_t i = 0; i < s->n; i++) {
        csv_field(out, customer_id(m, i));
        int sg = s->segment[i];
        if (sg >= 0) {
            fputc(',', out);
            csv_field(out, m->segments[sg].n.name);
            fputc(',', out);
            csv_field(out, m->strategies[m->segments[sg].strategy].n.name);
            fputc('\n', out);
        } else
            fputs(",,\n", out);
    }
    return ferror(out) ? -1 : 0;
}

/* "volume": {product: tonnes, ...} of row `row` of v, on one line. */
static void json_volume(Json *j, const Model *m, const Volumes *v, int row, const char *key)
{
    json_key(j, key);
    json_object_line(j);
    for (int k = 0; k < v->np; k++)
        json_key_number(j, m->products[v->product[k]].n.name,
                        v->vol[(size_t)row * (size_t)v->np + (size_t)k]);
    json_end(j);
}

int segment_report_json(const Model *m, const Segmentation *s, FILE *out)
{
    Volumes v;
    volumes(m, s, &v);
    Json j;
    json_init(&j, out);
    json_object(&j);
    json_key(&j, "customers");
    json_size(&j, s->n);
    json_key(&j, "unsegmented");
    json_size(&j, s->unsegmented);
    json_key(&j, "segments");
    json_array(&j);
    Buf b = {0};
    for (int i = 0; i < m->nsegments; i++) {
        const Segment *sg = &m->segments[i];
        size_t count = s->count ? s->count[i] : 0;
        json_object_line(&j);
        json_key_string(&j, "segment", sg->n.name);
        json_key_string(&j, "label", sg->n.label);
        json_key_string(&j, "strategy", m->strategies[sg->strategy].n.name);
        json_key(&j, "rule");
        if (sg->when) {
            b.len = 0;
            rexpr_put(&b, sg->when, 0);
            json_string(&j, buf_str(&b));
        } else
            json_null(&j);
        json_key(&j, "customers");
        json_size(&j, count);
        json_key_number(&j, "share", s->n ? (double)count / (double)s->n : NAN);
        json_volume(&j, m, &v, i + 1, "volume");
        json_end(&j);
    }
    json_end(&j);
    json_volume(&j, m, &v, 0, "unsegmented_volume");
    json_key(&j, "assignments");
    json_array(&j);
    for (size_t i = 0; i < s->n; i++) {
        int sg = s->segment[i];
        json_object_line(&j);
        json_key_string(&j, "id", customer_id(m, i));
        json_key_string(&j, "segment", sg >= 0 ? m->segments[sg].n.name : NULL);
        json_key_string(&j, "strategy",
                        sg >= 0 ? m->strategies[m->segments[sg].strategy].n.name : NULL);
        json_end(&j);
    }
    json_end(&j);
    json_end(&j);
    free(b.s);
    volumes_free(&v);
    return ferror(out) ? -1 : 0;
}
