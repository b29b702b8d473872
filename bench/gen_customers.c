/* gen_customers.c — writes a customer file and a model for the segmentation
 * benchmark (bench/run_segment.sh).
 *
 *   gen_customers OUT.csv N [SEED]
 *
 * OUT.csv gets N customers under the header
 *
 *   id,market,recency[days],frequency,monetary[BYN],channel,butter725[t],milk32[t]
 *
 * and OUT.dairy (the same path with .csv replaced by .dairy, or .dairy
 * appended) a model that reads it: `use std.products`, `use std.rfm`, one
 * farm, one plant, one market `minsk` with `demand from customers` and
 * prices, and `customers from "OUT.csv"` (the file's base name, so the pair
 * can be moved together).  Every customer is in market minsk.
 *
 * The rows (docs in bench/README.md, "Segmentation"):
 *
 *   - a life state first: active 62%, slowing 23%, lapsed 15%;
 *   - recency: whole days since the last order, exponential by state (mean
 *     9 days; 30 + mean 45; 120 + mean 200, at most 1,095), so long runs of
 *     equal values and the quintile boundaries fall inside them;
 *   - frequency: orders in the last 12 months, lognormal by state and
 *     channel (median 30 / 8 / 2 orders), whole numbers >= 1; 0 when the
 *     last order is more than 365 days ago;
 *   - monetary: revenue in the last 12 months, frequency × a lognormal order
 *     value by channel (median 250 BYN online … 6,000 BYN wholesale);
 *     written as whole BYN (50%), with kopecks (30%) or rounded to 100 BYN
 *     (20%); 0 with frequency 0;
 *   - channel: retail 44%, horeca 24%, wholesale 10%, school 9%, online 6%,
 *     hospital 5%, missing 2%;
 *   - butter725[t], milk32[t]: base volumes for the plan year from the
 *     revenue (5-25% of it on butter at 19,500 BYN/t, 30-70% on milk at
 *     1,520 BYN/t), in tonnes with one decimal (many 0 and 0.1);
 *   - missing cells: recency 0.8%, frequency 0.6%, monetary 0.7% (these
 *     customers get no RFM score and stay unsegmented), channel 2%, each
 *     volume 2%.
 *
 * Output is a pure function of (N, SEED) (default seed 20271127): the PRNG
 * is our own splitmix64 and exp/log are computed here with +, -, *, / only
 * (no libm), so the files are byte-identical on every IEEE-754 machine.
 * Numbers are written from integers (days, orders, kopecks, 0.1 t), never
 * through printf("%g").  C11, no dependencies.  The CSV is written to
 * OUT.csv.tmp and renamed, so an interrupted run leaves no half file. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_common.h"

/* ------------------------------------------------- exp and log, no libm */

static const double LN2 = 0.69314718055994530942;

/* 2^k exactly, for |k| < 1000. */
static double pow2i(int k)
{
    double p = 1.0, b = k < 0 ? 0.5 : 2.0;
    for (int n = k < 0 ? -k : k; n; n >>= 1, b *= b)
        if (n & 1)
            p *= b;
    return p;
}

/* exp(x) for |x| < 700: x = k ln2 + r, |r| <= ln2/2, Taylor to r^16. */
static double det_exp(double x)
{
    int k = (int)(x / LN2 + (x < 0 ? -0.5 : 0.5));
    double r = x - k * LN2, term = 1.0, sum = 1.0;
    for (int i = 1; i <= 16; i++) {
        term = term * r / i;
        sum += term;
    }
    return sum * pow2i(k);
}

/* log(x) for x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), then
 * log m = 2 atanh(t), t = (m - 1)/(m + 1), |t| < 0.172, series to t^31. */
static double det_log(double x)
{
    int e = 0;
    while (x >= 1.4142135623730951) {
        x *= 0.5;
        e++;
    }
    while (x < 0.7071067811865476) {
        x *= 2.0;
        e--;
    }
    double t = (x - 1.0) / (x + 1.0), t2 = t * t, p = t, sum = 0.0;
    for (int i = 1; i <= 31; i += 2) {
        sum += p / i;
        p *= t2;
    }
    return e * LN2 + 2.0 * sum;
}

/* Standard normal, approximately: the sum of 12 uniforms minus 6 (tails cut
 * at ±6, which suits the purpose). */
static double rng_normal(void)
{
    double s = 0.0;
    for (int i = 0; i < 12; i++)
        s += rng_u01();
    return s - 6.0;
}

/* Lognormal with the given median and shape sigma. */
static double rng_lognormal(double median, double sigma) { return median * det_exp(sigma * rng_normal()); }

/* Exponential with the given mean. */
static double rng_exponential(double mean) { return -mean * det_log(rng_u01_pos()); }

/* ---------------------------------------------------------------- output */

static char obuf[1 << 20];
static size_t olen;
static FILE *out;

static void flush_out(void)
{
    if (olen && fwrite(obuf, 1, olen, out) != olen) {
        perror("gen_customers: write");
        exit(1);
    }
    olen = 0;
}

static void put_str(const char *s)
{
    size_t n = strlen(s);
    memcpy(obuf + olen, s, n);
    olen += n;
}

static void put_char(char c) { obuf[olen++] = c; }

static void put_u64(uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        obuf[olen++] = tmp[--n];
}

/* v / 10^dec with exactly dec decimals, trailing zeros (and a bare point)
 * dropped: 12340, 2 -> 123.4; 500, 1 -> 50. */
static void put_fixed(uint64_t v, int dec)
{
    uint64_t scale = 1;
    for (int i = 0; i < dec; i++)
        scale *= 10;
    uint64_t whole = v / scale, frac = v % scale;
    put_u64(whole);
    if (!frac)
        return;
    while (frac % 10 == 0) {
        frac /= 10;
        scale /= 10;
    }
    put_char('.');
    for (scale /= 10; scale; scale /= 10)
        put_char((char)('0' + frac / scale % 10));
}

/* ---------------------------------------------------------------- rows */

enum { RETAIL, HORECA, WHOLESALE, SCHOOL, ONLINE, HOSPITAL, NCHANNELS };

static const char *const channel_name[NCHANNELS] = {"retail", "horeca", "wholesale",
                                                    "school", "online", "hospital"};
/* cumulative shares of the present channels (missing: the last 2%) */
static const double channel_cum[NCHANNELS] = {0.44, 0.68, 0.78, 0.87, 0.93, 0.98};
/* orders a year relative to the state's median */
static const double channel_freq[NCHANNELS] = {1.0, 1.5, 0.5, 1.2, 0.8, 1.3};
/* median order value, BYN */
static const double channel_order[NCHANNELS] = {900, 450, 6000, 700, 250, 1100};

static void write_row(uint64_t i)
{
    /* life state */
    double u = rng_u01();
    int state = u < 0.62 ? 0 : u < 0.85 ? 1 : 2;

    /* channel */
    u = rng_u01();
    int ch = -1;
    for (int c = 0; c < NCHANNELS; c++)
        if (u < channel_cum[c]) {
            ch = c;
            break;
        }
    int chx = ch < 0 ? RETAIL : ch;

    /* recency, whole days */
    double rec;
    if (state == 0)
        rec = rng_exponential(9.0);
    else if (state == 1)
        rec = 30.0 + rng_exponential(45.0);
    else
        rec = 120.0 + rng_exponential(200.0);
    if (rec > 1095.0)
        rec = 1095.0;
    uint64_t recency = (uint64_t)rec;

    /* frequency, orders in the last 12 months */
    static const double state_freq[3] = {30.0, 8.0, 2.0};
    uint64_t frequency = 0;
    if (recency <= 365) {
        double f = rng_lognormal(state_freq[state] * channel_freq[chx], 0.7) + 0.5;
        frequency = f < 1.0 ? 1 : (uint64_t)f;
    }

    /* monetary, kopecks */
    uint64_t kopecks = 0;
    int style = 0;
    if (frequency) {
        double v = (double)frequency * rng_lognormal(channel_order[chx], 0.9) * rng_lognormal(1.0, 0.15);
        kopecks = (uint64_t)(v * 100.0 + 0.5);
        u = rng_u01();
        style = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
        if (style == 0)
            kopecks = (kopecks + 50) / 100 * 100;
        else if (style == 2)
            kopecks = (kopecks + 5000) / 10000 * 10000;
    }

    /* base volumes for the plan year, 0.1 t (revenue in BYN = kopecks/100) */
    double byn = (double)kopecks / 100.0;
    double butter = byn * (0.05 + 0.20 * rng_u01()) / 19500.0;
    double milk = byn * (0.30 + 0.40 * rng_u01()) / 1520.0;
    uint64_t butter10 = (uint64_t)(butter * 10.0 + 0.5);
    uint64_t milk10 = (uint64_t)(milk * 10.0 + 0.5);

    /* missing cells, drawn whatever the values, so the stream is stable */
    double miss[6];
    for (int k = 0; k < 6; k++)
        miss[k] = rng_u01();

    put_char('c');
    char id[24];
    int n = snprintf(id, sizeof id, "%08llu", (unsigned long long)i);
    memcpy(obuf + olen, id, (size_t)n);
    olen += (size_t)n;
    put_str(",minsk,");
    if (miss[0] >= 0.008)
        put_u64(recency);
    put_char(',');
    if (miss[1] >= 0.006)
        put_u64(frequency);
    put_char(',');
    if (miss[2] >= 0.007)
        put_fixed(kopecks, 2);
    put_char(',');
    if (ch >= 0)
        put_str(channel_name[ch]);
    put_char(',');
    if (miss[3] >= 0.02)
        put_fixed(butter10, 1);
    put_char(',');
    if (miss[4] >= 0.02)
        put_fixed(milk10, 1);
    put_char('\n');
    (void)miss[5];
    if (olen > sizeof obuf - 512)
        flush_out();
}

/* ---------------------------------------------------------------- model */

static void write_model(const char *path, const char *csv_base, uint64_t n, uint64_t seed)
{
    FILE *m = fopen(path, "w");
    if (!m) {
        fprintf(stderr, "gen_customers: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fprintf(m,
            "# Written by bench/gen_customers.c: %llu customers, seed %llu.\n"
            "# The segmentation benchmark (bench/run_segment.sh): std.rfm over the\n"
            "# customers of one market.  `dairy segment` and `dairy emit sql` read it.\n"
            "model \"Segmentation benchmark: %llu customers\"\n"
            "currency BYN\n"
            "use std.products            # butter725, milk32\n"
            "use std.rfm                 # r, f, m, fm and the standard RFM map\n"
            "\n"
            "farm zhodino \"Zhodino Agroplemcentr\" { supply 400_000 t; price 930 BYN/t; at 54.10, 28.33 }\n"
            "\n"
            "plant minsk_dairy \"Minsk Dairy\" {\n"
            "  at 53.93, 27.65\n"
            "  capacity 2_000_000 t\n"
            "  makes butter725  20_000 t cost 640 BYN/t\n"
            "  makes milk32    300_000 t cost 150 BYN/t\n"
            "}\n"
            "\n"
            "market minsk \"Minsk\" {\n"
            "  at 53.90, 27.56\n"
            "  demand from customers\n"
            "  demand butter725 price 19_500 BYN/t\n"
            "  demand milk32    price 1_520 BYN/t\n"
            "}\n"
            "\n"
            "transport {\n"
            "  milk    0.36 BYN/t/km\n"
            "  product 0.52 BYN/t/km\n"
            "}\n"
            "\n"
            "routes {\n"
            "  from         to           distance\n"
            "  zhodino      minsk_dairy  52 km\n"
            "  minsk_dairy  minsk         8 km\n"
            "}\n"
            "\n"
            "objective maximize profit\n"
            "\n"
            "# id,market,recency[days],frequency,monetary[BYN],channel,butter725[t],milk32[t]\n"
            "customers from \"%s\"\n",
            (unsigned long long)n, (unsigned long long)seed, (unsigned long long)n, csv_base);
    if (fclose(m) != 0) {
        fprintf(stderr, "gen_customers: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: gen_customers OUT.csv N [SEED]\n");
        return 2;
    }
    const char *csv = argv[1];
    char *end;
    errno = 0;
    unsigned long long n = strtoull(argv[2], &end, 10);
    if (errno || *end || end == argv[2] || n == 0 || n > 99999999ull) {
        fprintf(stderr, "gen_customers: N must be 1..99999999, not `%s`\n", argv[2]);
        return 2;
    }
    unsigned long long seed = 20271127;
    if (argc == 4) {
        seed = strtoull(argv[3], &end, 10);
        if (*end || end == argv[3]) {
            fprintf(stderr, "gen_customers: bad SEED `%s`\n", argv[3]);
            return 2;
        }
    }
    rng_state = seed;

    /* OUT.dairy next to OUT.csv */
    size_t len = strlen(csv);
    char *model = malloc(len + 8), *tmp = malloc(len + 8);
    if (!model || !tmp)
        return 1;
    memcpy(model, csv, len + 1);
    if (len > 4 && strcmp(csv + len - 4, ".csv") == 0)
        model[len - 4] = '\0';
    strcat(model, ".dairy");
    const char *base = strrchr(csv, '/');
    base = base ? base + 1 : csv;
    if (strchr(base, '"') || strchr(base, '\\')) {
        fprintf(stderr, "gen_customers: the file name may not hold '\"' or '\\'\n");
        return 2;
    }
    snprintf(tmp, len + 8, "%s.tmp", csv);

    out = fopen(tmp, "wb");
    if (!out) {
        fprintf(stderr, "gen_customers: %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    put_str("id,market,recency[days],frequency,monetary[BYN],channel,butter725[t],milk32[t]\n");
    for (unsigned long long i = 1; i <= n; i++)
        write_row(i);
    flush_out();
    if (fclose(out) != 0 || rename(tmp, csv) != 0) {
        fprintf(stderr, "gen_customers: %s: %s\n", csv, strerror(errno));
        remove(tmp);
        return 1;
    }
    write_model(model, base, n, seed);
    free(model);
    free(tmp);
    return 0;
}
