/* emit_mps.c — free MPS, byte for byte as GLPK 5's glp_write_mps writes it.
 *
 * `dairy emit mps` used to call glp_write_mps, which writes through a
 * temporary file and formats every number with up to seven sprintf calls;
 * on a 200 000-column model that was 60% of the command's time.  This
 * writer produces the same bytes (tests/unit/test_emit_mps.c compares the
 * two on random problems and on every example and golden model, and
 * bench/run_lp.sh on each benchmark instance) from the same glp_prob,
 * through one buffer.
 *
 * The format, as GLPK writes it (free MPS, one space between fields):
 *
 *   header comments   problem name, class (LP or MIP), rows, columns
 *                     ("N (I integer, B binary)" for a MIP), non-zeros
 *   NAME name         spaces in names become `_`
 *   ROWS              the objective as row R0000000 (type N) unless some
 *                     row is free, then each row: E for fixed and double
 *                     bounded, L for upper, G for lower, N for free
 *   COLUMNS           per column its objective coefficient (when the
 *                     objective row is written and the coefficient is not
 *                     0), then its matrix entries in storage order, two
 *                     entries per line; integer columns between MARKER
 *                     INTORG / INTEND lines; a column with no entry gets a
 *                     `0 $ empty column` entry in row 1
 *   RHS               RHS1: the objective constant (as row R0000000), each
 *                     row's lower bound (upper for an L row), non-zero ones
 *   RANGES            RNG1: ub - lb of each double-bounded row, if any
 *   BOUNDS            BND1, if any column is not a continuous x >= 0: FR;
 *                     LO (when not 0) and PL for an integer x >= lb; MI and
 *                     UP; LO (when not 0) and UP; FX
 *   ENDATA
 *
 * Numbers are printed with %.12G, or %.11E when 0 < |x| < 0.002, with the
 * exponent's sign and leading zeros dropped (E+05 -> E5, E-03 -> E-3); when
 * that is longer than 12 characters, with one digit less, down to 6.
 * mps_number does the common case without printf: x is the double nearest
 * m / 10^k for an integer m of at most 12 digits, so %.12G prints exactly
 * the digits of m (a double is within 2^-53 of it relative, far below half
 * a unit in the 12th digit), and it fits 12 characters. */
#include "emit.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ numbers */

/* GLPK's rule, with printf: the reference, and the path for everything
 * the fast path does not take. */
static size_t number_printf(double v, char out[MPS_NUMBER_MAX])
{
    char field[64];
    for (int dig = 12; dig >= 6; dig--) {
        if (v != 0.0 && fabs(v) < 0.002)
            snprintf(field, sizeof field, "%.*E", dig - 1, v);
        else
            snprintf(field, sizeof field, "%.*G", dig, v);
        char *e = strchr(field, 'E');
        if (e)
            snprintf(e + 1, sizeof field - (size_t)(e + 1 - field), "%d", atoi(e + 1));
        if (strlen(field) <= 12 || dig == 6)
            break;
    }
    /* at most 13 characters (-1.23457E-100), where GLPK would stop on
     * an assertion */
    size_t n = strlen(field);
    memcpy(out, field, n + 1);
    return n;
}

static const double pow10s[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                1e9, 1e10, 1e11, 1e12};

size_t emit_mps_number(double v, char out[MPS_NUMBER_MAX])
{
    double a = fabs(v);
    if (a == 0.0 && !signbit(v)) {
        out[0] = '0', out[1] = '\0';
        return 1;
    }
    /* %.12G in fixed notation without rounding: 0.002 <= |v| < 1e12 and
     * v the double nearest m / 10^k, m < 10^12 */
    if (!(a >= 0.002 && a < 1e12))
        return number_printf(v, out);
    int k = 0;
    uint64_t m = 0;
    for (;; k++) {
        if (k > 12)
            return number_printf(v, out);
        double t = a * pow10s[k];
        if (t >= 1e12)
            return number_printf(v, out);
        double r = floor(t + 0.5);
        if (r / pow10s[k] == a) {
            m = (uint64_t)r;
            break;
        }
    }
    for (; k > 0 && m % 10 == 0; k--)
        m /= 10;
    char digits[24];
    int nd = 0;
    for (uint64_t q = m; q; q /= 10)
        digits[nd++] = (char)('0' + q % 10);          /* reversed */
    if (nd == 0)
        return number_printf(v, out);
    int lead = 0;                                      /* digits before the point */
    int len = (v < 0) + (k == 0 ? nd : nd > k ? nd + 1 : k + 2);
    if (len > 12)
        return number_printf(v, out);
    char *p = out;
    if (v < 0)
        *p++ = '-';
    if (nd > k) {
        lead = nd - k;
        for (int i = 0; i < lead; i++)
            *p++ = digits[nd - 1 - i];
        if (k > 0)
            *p++ = '.';
    } else {
        *p++ = '0', *p++ = '.';
        for (int i = nd; i < k; i++)
            *p++ = '0';
    }
    for (int i = nd - 1 - lead; i >= 0; i--)
        *p++ = digits[i];
    *p = '\0';
    return (size_t)(p - out);
}

/* ------------------------------------------------------------ output */

typedef struct {
    FILE *f;
    size_t n;
    int err;
    char buf[1 << 16];
} W;

static void flush(W *w)
{
    if (w->n && fwrite(w->buf, 1, w->n, w->f) != w->n)
        w->err = 1;
    w->n = 0;
}

static void put(W *w, const char *s, size_t n)
{
    if (n > sizeof w->buf - w->n) {
        flush(w);
        if (n > sizeof w->buf) {
            if (fwrite(s, 1, n, w->f) != n)
                w->err = 1;
            return;
        }
    }
    memcpy(w->buf + w->n, s, n);
    w->n += n;
}

static void puts_(W *w, const char *s)
{
    put(w, s, strlen(s));
}

static void putc_(W *w, char c)
{
    if (w->n == sizeof w->buf)
        flush(w);
    w->buf[w->n++] = c;
}

static void put_number(W *w, double v)
{
    char s[MPS_NUMBER_MAX];
    put(w, s, emit_mps_number(v, s));
}

static void put_int(W *w, long v)
{
    char s[32];
    put(w, s, (size_t)snprintf(s, sizeof s, "%ld", v));
}

/* ------------------------------------------------------------ names */

/* Row and column names as GLPK writes them: its own name with spaces made
 * `_`, or R%07d / C%07d when there is none.  name_of copies (into *owned)
 * only a name it changes; false when the copy cannot be made. */
typedef struct {
    const char *s;
    size_t n;
} Name;

static bool name_of(const char *s, char kind, int i, Name *nm, char **owned)
{
    char tmp[32];
    if (s == NULL) {
        snprintf(tmp, sizeof tmp, "%c%07d", kind, i);
        s = tmp;
    } else if (!strchr(s, ' ')) {
        nm->s = s, nm->n = strlen(s);
        return true;
    }
    size_t n = strlen(s);
    if (!(*owned = malloc(n + 1)))
        return false;
    for (size_t c = 0; c <= n; c++)
        (*owned)[c] = s[c] == ' ' ? '_' : s[c];
    nm->s = *owned, nm->n = n;
    return true;
}

/* Every name, once: rows 0 (the objective, always R0000000) .. m. */
typedef struct {
    Name *v;
    char **owned;
    int n;
} Names;

static int names_init(Names *t, glp_prob *P, bool rows)
{
    int n = rows ? glp_get_num_rows(P) : glp_get_num_cols(P);
    t->n = n;
    t->v = malloc(((size_t)n + 1) * sizeof *t->v);
    t->owned = calloc((size_t)n + 1, sizeof *t->owned);
    if (!t->v || !t->owned)
        return -1;
    for (int i = rows ? 0 : 1; i <= n; i++) {
        const char *s = i == 0 ? NULL : rows ? glp_get_row_name(P, i) : glp_get_col_name(P, i);
        if (!name_of(s, rows ? 'R' : 'C', i, &t->v[i], &t->owned[i]))
            return -1;
    }
    return 0;
}

static void names_free(Names *t)
{
    if (t->owned)
        for (int i = 0; i <= t->n; i++)
            free(t->owned[i]);
    free(t->owned);
    free(t->v);
}

static void put_name(W *w, const Name *nm)
{
    put(w, nm->s, nm->n);
}

/* One " name value" entry of a two-per-line section (COLUMNS, RHS,
 * RANGES): the line's label comes first on even entries. */
static void put_entry(W *w, const Name *label, int *count, const Name *row, double v)
{
    if (*count % 2 == 0) {
        putc_(w, ' ');
        put_name(w, label);
    }
    putc_(w, ' ');
    put_name(w, row);
    putc_(w, ' ');
    put_number(w, v);
    if (++*count % 2 == 0)
        putc_(w, '\n');
}

static void end_entries(W *w, int *count)
{
    if (*count % 2)
        putc_(w, '\n');
    *count = 0;
}

static void put_marker(W *w, int marker, const char *what)
{
    char s[64];
    put(w, s, (size_t)snprintf(s, sizeof s, " M%07d 'MARKER' '%s'\n", marker, what));
}

static void put_bound(W *w, const char *spec, const Name *col, bool has, double v)
{
    putc_(w, ' ');
    puts_(w, spec);
    puts_(w, " BND1 ");
    put_name(w, col);
    if (has) {
        putc_(w, ' ');
        put_number(w, v);
    }
    putc_(w, '\n');
}

/* ------------------------------------------------------------ the file */

/* The comment block GLPK heads the file with, and the NAME line. */
static void write_header(W *w, glp_prob *P)
{
    int nint = glp_get_num_int(P);
    const char *pname = glp_get_prob_name(P);
    puts_(w, pname ? "* Problem:    " : "* Problem:");
    puts_(w, pname ? pname : "");
    puts_(w, nint ? "\n* Class:      MIP\n* Rows:       " : "\n* Class:      LP\n* Rows:       ");
    put_int(w, glp_get_num_rows(P));
    puts_(w, "\n* Columns:    ");
    put_int(w, glp_get_num_cols(P));
    if (nint) {
        puts_(w, " (");
        put_int(w, nint);
        puts_(w, " integer, ");
        put_int(w, glp_get_num_bin(P));
        puts_(w, " binary)");
    }
    puts_(w, "\n* Non-zeros:  ");
    put_int(w, glp_get_num_nz(P));
    puts_(w, "\n* Format:     Free MPS\n*\nNAME");
    if (pname) {
        putc_(w, ' ');
        for (const char *c = pname; *c; c++)
            putc_(w, *c == ' ' ? '_' : *c);
    }
    putc_(w, '\n');
}

/* ROWS.  The objective goes out as row 0 only when no row is free, as
 * glp_write_mps decides it.  Returns whether it went out. */
static bool write_rows(W *w, glp_prob *P, const Names *rows)
{
    int m = glp_get_num_rows(P);
    bool out_obj = true;
    for (int i = 1; i <= m && out_obj; i++)
        out_obj = glp_get_row_type(P, i) != GLP_FR;
    puts_(w, "ROWS\n");
    for (int i = out_obj ? 0 : 1; i <= m; i++) {
        int type = i == 0 ? GLP_FR : glp_get_row_type(P, i);
        putc_(w, ' ');
        putc_(w, type == GLP_FR ? 'N' : type == GLP_LO ? 'G' : type == GLP_UP ? 'L' : 'E');
        putc_(w, ' ');
        put_name(w, &rows->v[i]);
        putc_(w, '\n');
    }
    return out_obj;
}

/* COLUMNS: each column's objective coefficient and matrix entries, runs
 * of integer columns between INTORG and INTEND markers, and a column with
 * no entry at all given a 0 in the first row so that it is not lost. */
static void write_columns(W *w, glp_prob *P, const Names *rows, const Names *cols, bool out_obj,
                          int *ind, double *val)
{
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    puts_(w, "COLUMNS\n");
    int marker = 0, count = 0;
    for (int j = 1; j <= n; j++) {
        bool integer = glp_get_col_kind(P, j) != GLP_CV;
        if (integer != (marker % 2 == 1)) {
            marker++;
            put_marker(w, marker, integer ? "INTORG" : "INTEND");
        }
        const Name *col = &cols->v[j];
        double c = glp_get_obj_coef(P, j);
        int len = glp_get_mat_col(P, j, ind, val);
        bool obj = out_obj && c != 0.0;
        if (!obj && len == 0) {
            putc_(w, ' ');
            put_name(w, col);
            putc_(w, ' ');
            put_name(w, &rows->v[m > 0 ? 1 : 0]);
            puts_(w, " 0 $ empty column\n");
        }
        if (obj)
            put_entry(w, col, &count, &rows->v[0], c);
        for (int k = 1; k <= len; k++)
            put_entry(w, col, &count, &rows->v[ind[k]], val[k]);
        end_entries(w, &count);
    }
    if (marker % 2 == 1)
        put_marker(w, marker + 1, "INTEND");
}

/* RHS, then RANGES when a row has both bounds: the right-hand side is the
 * bound a row's type names (the lower one for a range, which adds ub -
 * lb); row 0's is the objective's constant. */
static void write_rhs_ranges(W *w, glp_prob *P, const Names *rows, bool out_obj)
{
    static const Name rhs1 = {"RHS1", 4}, rng1 = {"RNG1", 4};
    int m = glp_get_num_rows(P);
    int count = 0;
    puts_(w, "RHS\n");
    for (int i = out_obj ? 0 : 1; i <= m; i++) {
        double rhs;
        if (i == 0) {
            rhs = glp_get_obj_coef(P, 0);
        } else {
            int type = glp_get_row_type(P, i);
            rhs = type == GLP_FR ? 0.0 : type == GLP_UP ? glp_get_row_ub(P, i) : glp_get_row_lb(P, i);
        }
        if (rhs != 0.0)
            put_entry(w, &rhs1, &count, &rows->v[i], rhs);
    }
    end_entries(w, &count);

    bool ranges = false;
    for (int i = 1; i <= m && !ranges; i++)
        ranges = glp_get_row_type(P, i) == GLP_DB;
    if (ranges) {
        puts_(w, "RANGES\n");
        for (int i = 1; i <= m; i++)
            if (glp_get_row_type(P, i) == GLP_DB)
                put_entry(w, &rng1, &count, &rows->v[i],
                          glp_get_row_ub(P, i) - glp_get_row_lb(P, i));
        end_entries(w, &count);
    }
}

/* BOUNDS, when some column is not the default continuous x >= 0.  An
 * integer column with only a lower bound also gets PL, as glp_write_mps
 * writes it: some readers take an integer column without bounds as binary. */
static void write_bounds(W *w, glp_prob *P, const Names *cols)
{
    int n = glp_get_num_cols(P);
    bool bounds = false;
    for (int j = 1; j <= n && !bounds; j++)
        bounds = !(glp_get_col_kind(P, j) == GLP_CV && glp_get_col_type(P, j) == GLP_LO &&
                   glp_get_col_lb(P, j) == 0.0);
    if (!bounds)
        return;
    puts_(w, "BOUNDS\n");
    for (int j = 1; j <= n; j++) {
        const Name *col = &cols->v[j];
        double lb = glp_get_col_lb(P, j), ub = glp_get_col_ub(P, j);
        switch (glp_get_col_type(P, j)) {
        case GLP_FR:
            put_bound(w, "FR", col, false, 0);
            break;
        case GLP_LO:
            if (lb != 0.0)
                put_bound(w, "LO", col, true, lb);
            if (glp_get_col_kind(P, j) != GLP_CV)
                put_bound(w, "PL", col, false, 0);
            break;
        case GLP_UP:
            put_bound(w, "MI", col, false, 0);
            put_bound(w, "UP", col, true, ub);
            break;
        case GLP_DB:
            if (lb != 0.0)
                put_bound(w, "LO", col, true, lb);
            put_bound(w, "UP", col, true, ub);
            break;
        default:
            put_bound(w, "FX", col, true, lb);
            break;
        }
    }
}

/* The sections in the order free MPS has them. */
static void write_body(W *w, glp_prob *P, const Names *rows, const Names *cols,
                       int *ind, double *val)
{
    write_header(w, P);
    bool out_obj = write_rows(w, P, rows);
    write_columns(w, P, rows, cols, out_obj, ind, val);
    write_rhs_ranges(w, P, rows, out_obj);
    write_bounds(w, P, cols);
    puts_(w, "ENDATA\n");
}

int emit_mps(glp_prob *P, FILE *out)
{
    Names rows = {0}, cols = {0};
    int m = glp_get_num_rows(P);
    int *ind = malloc(((size_t)m + 1) * sizeof *ind);
    double *val = malloc(((size_t)m + 1) * sizeof *val);
    W *w = malloc(sizeof *w);
    int rc = -1;
    if (ind && val && w && names_init(&rows, P, true) == 0 && names_init(&cols, P, false) == 0) {
        w->f = out, w->n = 0, w->err = 0;
        write_body(w, P, &rows, &cols, ind, val);
        flush(w);
        rc = w->err || ferror(out) ? -1 : 0;
    }
    names_free(&rows);
    names_free(&cols);
    free(w);
    free(val);
    free(ind);
    return rc;
}
