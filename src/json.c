/* json.c — the JSON writer (json.h): quoting, numbers and the layout of
 * containers, items and keys. */
#include "json.h"

#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void json_init(Json *j, FILE *out)
{
    memset(j, 0, sizeof *j);
    j->out = out;
}

/* Before a key, or a value in an array (or at the top): the separator
 * from the previous item and, in a multi-line container, the line break
 * and indentation.  A value after its key needs nothing. */
static void item(Json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth == 0)
        return;
    bool *any = &j->open[j->depth - 1].any;
    if (j->open[j->depth - 1].line)
        fputs(*any ? ", " : "", j->out);
    else
        fprintf(j->out, "%s\n%*s", *any ? "," : "", 2 * j->depth, "");
    *any = true;
}

static void begin(Json *j, char open, char close, bool line)
{
    item(j);
    fputc(open, j->out);
    if (j->depth == JSON_MAX_DEPTH)
        abort(); /* the writers nest at most 11 levels: a case, a shortfall,
                    a closed plant, its when_open shortfalls (explained on
                    the first level only, solve.h) */
    bool in_line = j->depth > 0 && j->open[j->depth - 1].line;
    j->open[j->depth].close = close;
    j->open[j->depth].line = line || in_line;
    j->open[j->depth].any = false;
    j->depth++;
}

void json_object(Json *j) { begin(j, '{', '}', false); }
void json_object_line(Json *j) { begin(j, '{', '}', true); }
void json_array(Json *j) { begin(j, '[', ']', false); }
void json_array_line(Json *j) { begin(j, '[', ']', true); }

void json_end(Json *j)
{
    if (j->depth == 0)
        return;
    j->depth--;
    if (!j->open[j->depth].line && j->open[j->depth].any)
        fprintf(j->out, "\n%*s", 2 * j->depth, "");
    fputc(j->open[j->depth].close, j->out);
    if (j->depth == 0)
        fputc('\n', j->out);
}

void json_key(Json *j, const char *key)
{
    item(j);
    json_put_string(j->out, key);
    fputs(": ", j->out);
    j->after_key = true;
}

void json_string(Json *j, const char *s)
{
    item(j);
    json_put_string(j->out, s);
}

void json_number(Json *j, double v)
{
    item(j);
    json_put_number(j->out, v);
}

void json_size(Json *j, size_t v)
{
    item(j);
    fprintf(j->out, "%zu", v);
}

void json_bool(Json *j, bool v)
{
    item(j);
    fputs(v ? "true" : "false", j->out);
}

void json_null(Json *j)
{
    item(j);
    fputs("null", j->out);
}

void json_key_string(Json *j, const char *key, const char *s)
{
    json_key(j, key);
    json_string(j, s);
}

void json_key_number(Json *j, const char *key, double v)
{
    json_key(j, key);
    json_number(j, v);
}

void json_put_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        Utf8Fault f;
        size_t k = text_utf8_char(s + i, n - i, &f);
        if (k == 0) { /* checked input never gets here; a path might */
            fputs("\\ufffd", out);
            i += f.len;
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fwrite(s + i, 1, k, out);
        i += k;
    }
    fputc('"', out);
}

void json_put_number(FILE *out, double v)
{
    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    if (fabs(v) < 1e-9)
        v = 0;
    char buf[TEXT_DOUBLE_MAX];
    fputs(text_double(buf, v), out);
}
