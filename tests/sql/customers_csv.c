/* customers_csv.c — a model's customers as a plain CSV file, for loading
 * into a database (tests/sql/agree.sh builds it against build/libdairy.a).
 *
 *   customers_csv MODEL OUT.csv
 *
 * writes OUT.csv: the header names without their [unit], one row per
 * customer in input order, numbers in the file's units (the header's unit;
 * a number with no unit in the header is in base units), missing cells
 * empty; and prints on stdout:
 *
 *   source PATH       the model's own CSV file, or `-` for an inline table
 *   segments N        the number of segments
 *   column NAME KIND  per column, KIND number or text
 *
 * Numbers are written so that `value * num / den` (what check does, and
 * the emitted SQL does) gives back the model's base value exactly: the
 * double v with v * num / den == base, in 17 digits.  An inline
 * cell written in another unit than its header's (`10 days` under
 * `recency[weeks]`) may have no such v; the nearest is written and a
 * warning printed on stderr.  Exit status: 0, 1 the model has errors, 2
 * usage or I/O error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "model.h"
#include "units.h"

static void field(FILE *out, const char *s)
{
    bool quote = s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' ') || strpbrk(s, ",\"\r\n");
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static double to_base(const Unit *u, double v)
{
    return v * u->num / u->den;
}

/* x with 17 significant digits: read back as x by strtod (PostgreSQL) and
 * by SQLite, whose reader rounds twice and misreads about one in 4,000
 * shorter forms (see sqlite_reads in src/emit_sql.c) but never a 17-digit
 * one, which lies far from the midpoint between two doubles. */
static void digits17(double x, char *buf, size_t size)
{
    snprintf(buf, size, "%.17g", x);
}

static bool file_value(const Unit *u, double base, char *buf, size_t size)
{
    double v = base * u->den / u->num;
    double best = v;
    for (int k = 0; k <= 16; k++) {
        double lo = v, hi = v;
        for (int i = 0; i < k; i++) {
            lo = nextafter(lo, -INFINITY);
            hi = nextafter(hi, INFINITY);
        }
        if (to_base(u, lo) == base) {
            best = lo;
            break;
        }
        if (to_base(u, hi) == base) {
            best = hi;
            break;
        }
    }
    digits17(best, buf, size);
    return to_base(u, best) == base;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: customers_csv MODEL OUT.csv\n");
        return 2;
    }
    static const char *const dirs[] = {"stdlib"};
    CheckOptions opt = {dirs, 1};
    Arena arena;
    arena_init(&arena);
    Diag d;
    diag_init(&d, stderr);
    bool io = false;
    Model *m = check_file(&arena, &d, argv[1], &opt, &io);
    if (!m)
        return io ? 2 : 1;
    const Customers *cu = &m->customers;
    printf("source %s\n", cu->present && cu->path ? cu->path : "-");
    printf("segments %d\n", m->nsegments);
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        return 2;
    }
    for (int j = 0; j < cu->ncols; j++) {
        const Column *c = &cu->cols[j];
        bool num = c->kind == COL_NUMBER || c->kind == COL_VOLUME;
        printf("column %s %s\n", c->name, num ? "number" : "text");
        if (j)
            fputc(',', out);
        field(out, c->name);
    }
    fputc('\n', out);
    int inexact = 0;
    for (size_t i = 0; i < cu->n; i++) {
        for (int j = 0; j < cu->ncols; j++) {
            const Column *c = &cu->cols[j];
            if (j)
                fputc(',', out);
            char buf[64];
            switch (c->kind) {
            case COL_ID:
                field(out, cu->id_text + cu->id_at[i]);
                break;
            case COL_MARKET:
                if (c->text[i] >= 0)
                    field(out, m->markets[c->text[i]].n.name);
                break;
            case COL_TEXT:
                if (c->text[i] >= 0)
                    field(out, cu->strings[c->text[i]]);
                break;
            case COL_NUMBER:
            case COL_VOLUME:
                if (isnan(c->num[i]))
                    break;
                if (!file_value(&c->file_unit, c->num[i], buf, sizeof buf))
                    inexact++;
                fputs(buf, out);
                break;
            }
        }
        fputc('\n', out);
    }
    if (inexact)
        fprintf(stderr, "customers_csv: %s: %d value(s) have no exact form in the file's units\n",
                argv[1], inexact);
    int rc = fclose(out) ? 2 : 0;
    model_free(m);
    diag_free(&d);
    arena_free(&arena);
    return rc;
}
