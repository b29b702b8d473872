/* gen_lp.c — writes a regional .dairy instance for the generation / solve
 * benchmark (bench/run_lp.sh).
 *
 *   gen_lp [--lp] [--periods N] OUTDIR VARS [SEED]      shape from a target variable count
 *   gen_lp [--lp] [--periods N] OUTDIR F P K M [SEED]   F farms, P plants, K products, M markets
 *
 * With VARS, P = round(sqrt(VARS / 30)), F = 10 P, M = 5 P and K = 4, so
 * the program has F·P + P·K + P·M·K ≈ 30 P² variables (plus one `open`
 * per optional plant).
 *
 * The instance is dense: every farm has a route to every plant (F·P milk
 * routes, each an x variable), every plant makes every product (P·K lines,
 * each a y variable), every plant has a route to every market (P·M product
 * routes) and every market has a demand line for every product, so each
 * product route carries K shipment variables s (P·M·K).  Plants 4, 14,
 * 24, ... (index i % 10 == 3) are optional, with a fixed cost and a
 * minimum intake of a third of their capacity, so the program is a MIP
 * with about P/10 binaries (one at the smallest size).  With --lp no plant
 * is optional and the program is a plain LP.
 *
 * Feasibility: the contracted farm minimum is about 1/4 of the total supply
 * and the plants that always run have about 0.9 × 1.1 of it as capacity;
 * demand minimums need about a tenth of the milk.  The demand maximums need
 * about 1.1 × the milk there is, and prices leave some products barely
 * profitable, so the plan has choices to make.
 *
 * Files: OUTDIR/model.dairy plus farms.csv, plants.csv, lines.csv,
 * markets.csv, demands.csv, routes.csv (all with [unit] headers).  The
 * output is a pure function of the arguments: the PRNG is splitmix64, so
 * every machine gets the same bytes.  C11, no dependencies but libm.
 * Prints "F P K M OPTIONAL VARIABLES" on stdout.
 *
 * --periods N (N >= 1) makes a year of N periods (language.md section 10):
 * `periods jan, ..., dec` (N <= 12; t1..tN beyond, since p1.. are plants),
 * a `period` block per period scaling every farm's supply by a smooth
 * season, 78% in the depth of winter to 130% at the June peak (the month a
 * period falls in is (t + 1/2) 12/N - 1/2), and a `stores` table,
 * stores.csv, with a store at every plant for each storable product it makes
 * (butter, cheese, powder: capacity 1.5 × the line's output, opening stock a
 * tenth of that).  The program then has N times the x, y and s of one period
 * plus one inv per store and period; with VARS, the shape is the one of
 * VARS / N variables a period, so VARS stays the size of the whole program.
 * No random draw is added: without --periods the files are those of before,
 * byte for byte, and with it the same five CSV files plus stores.csv. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_common.h"

enum { KMAX = 8 };

/* Products: name, label, raw milk per t, processing cost, market price
 * range, transport rate (0: the default product rate), share of the raw
 * milk the plants' lines can take, share of the milk the demand needs. */
typedef struct {
    const char *name, *label;
    double milk;
    int cost, price_lo, price_hi;
    double rate;
    double line_share, demand_share;
} Prod;

static const Prod prods[KMAX] = {
    {"milk32", "Drinking milk 3.2%", 1.02, 150, 1300, 1650, 0, 0.55, 0.40},
    {"kefir", "Kefir 2.5%", 1.05, 170, 1350, 1700, 0, 0.30, 0.20},
    {"butter", "Butter 72.5%", 21.0, 650, 19000, 22500, 0.75, 0.25, 0.20},
    {"cheese", "Hard cheese", 9.5, 1400, 10400, 13500, 0.70, 0.30, 0.30},
    {"tvorog", "Tvorog 9%", 6.1, 900, 7200, 8800, 0, 0.15, 0.10},
    {"smetana", "Smetana 20%", 2.2, 520, 3000, 3600, 0, 0.10, 0.08},
    {"wmp", "Whole milk powder", 8.1, 820, 8900, 10800, 0, 0.20, 0.10},
    {"yogurt", "Yogurt 2.5%", 1.1, 260, 1700, 2100, 0, 0.10, 0.05},
};

/* Holding cost (BYN per t of closing stock per period) of the products
 * that keep; 0: not stored. */
static const int store_cost[KMAX] = {0, 0, 20, 25, 0, 0, 15, 0};

static const char *const month[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};

/* Period t (0-based) of n: its name into buf, and its farm supply in per cent
 * of the base, 104 + 26 cos(2 pi (m - 5) / 12) for the month m it falls in
 * (m = 5: June, 130%; m = 11: December, 78%). */
static long period_pct(long t, long n, char *buf, size_t size)
{
    if (n <= 12)
        snprintf(buf, size, "%s", month[t]);
    else
        snprintf(buf, size, "t%ld", t + 1);
    double m = ((double)t + 0.5) * 12.0 / (double)n - 0.5;
    return lround(104.0 + 26.0 * cos(2.0 * 3.14159265358979323846 * (m - 5.0) / 12.0));
}

/* A point in a box around the Minsk region (about 250 × 230 km); the routes
 * between points are road_km (gen_common.h) apart, at least 2 km. */
static Pt random_pt(void)
{
    return (Pt){rng_unif(52.6, 54.9), rng_unif(25.9, 29.4)};
}


/* ---------------------------------------------------------------- main */

static long arg_count(const char *s, const char *what, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno || v < lo || v > hi) {
        fprintf(stderr, "gen_lp: %s must be an integer in %ld..%ld, not `%s`\n", what, lo, hi, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    long F, P, K, M;
    uint64_t seed = 20272;
    bool lp_only = false;
    long N = 0; /* periods; 0: none, the model of one period without `periods` */
    for (;;) {
        if (argc > 1 && strcmp(argv[1], "--lp") == 0)
            lp_only = true;
        else if (argc > 2 && strcmp(argv[1], "--periods") == 0) {
            N = arg_count(argv[2], "--periods", 1, 10000);
            argc--;
            argv++;
        } else
            break;
        argc--;
        argv++;
    }
    if (argc == 3 || argc == 4) {
        long vars = arg_count(argv[2], "VARS", 100, 100000000);
        P = lround(sqrt((double)vars / (N > 0 ? (double)N : 1.0) / 30.0));
        if (P < 2)
            P = 2;
        F = 10 * P;
        M = 5 * P;
        K = 4;
        if (argc == 4)
            seed = strtoull(argv[3], NULL, 10);
    } else if (argc == 6 || argc == 7) {
        F = arg_count(argv[2], "F", 1, 1000000);
        P = arg_count(argv[3], "P", 1, 100000);
        K = arg_count(argv[4], "K", 1, KMAX);
        M = arg_count(argv[5], "M", 1, 1000000);
        if (argc == 7)
            seed = strtoull(argv[6], NULL, 10);
    } else {
        fputs("usage: gen_lp [--lp] [--periods N] OUTDIR VARS [SEED]\n"
              "       gen_lp [--lp] [--periods N] OUTDIR FARMS PLANTS PRODUCTS MARKETS [SEED]\n",
              stderr);
        return 2;
    }
    gen_name = "gen_lp";
    outdir = argv[1];
    rng_state = seed;

    Pt *farm_at = xmalloc(sizeof *farm_at * (size_t)F);
    Pt *plant_at = xmalloc(sizeof *plant_at * (size_t)P);
    Pt *market_at = xmalloc(sizeof *market_at * (size_t)M);
    for (long i = 0; i < F; i++)
        farm_at[i] = random_pt();
    for (long i = 0; i < P; i++)
        plant_at[i] = random_pt();
    for (long i = 0; i < M; i++)
        market_at[i] = random_pt();

    /* --- farms.csv: a third have a contracted minimum of 3/4 */
    FILE *f = open_out("farms.csv");
    fputs("name,label,supply[t],price[BYN/t],lat,lon\n", f);
    double supply_total = 0;
    for (long i = 0; i < F; i++) {
        int hi = 2000 + 100 * (int)rng_below(100); /* 2,000..11,900 t */
        int price = 760 + (int)rng_below(200);
        supply_total += hi;
        fprintf(f, "f%ld,Farm %ld,", i + 1, i + 1);
        if (i % 3 == 0)
            fprintf(f, "%d..%d", hi * 3 / 4, hi);
        else
            fprintf(f, "%d", hi);
        fprintf(f, ",%d,%.4f,%.4f\n", price, farm_at[i].lat, farm_at[i].lon);
    }
    close_out(f, "farms.csv");

    /* --- plants.csv and lines.csv: capacity 1.1 × the farms' supply */
    f = open_out("plants.csv");
    FILE *fl = open_out("lines.csv");
    FILE *fs = N > 0 ? open_out("stores.csv") : NULL;
    fputs("name,label,capacity[t],fixed[BYN],optional,lat,lon\n", f);
    fputs("plant,product,output[t],cost[BYN/t]\n", fl);
    if (fs)
        fputs("plant,product,capacity[t],cost[BYN/t],start[t]\n", fs);
    long nstores = 0;
    double cap_mean = supply_total / (double)P * 1.1;
    long nopt = 0;
    for (long i = 0; i < P; i++) {
        int cap = (int)(cap_mean / 2 + rng_unif(0, cap_mean));
        cap -= cap % 1000;
        if (cap < 1000)
            cap = 1000;
        /* drawn for every plant, so that --lp changes nothing else */
        double fixed_rate = rng_unif(60, 120); /* BYN per t of capacity */
        bool optional = !lp_only && i % 10 == 3;
        fprintf(f, "p%ld,Plant %ld,", i + 1, i + 1);
        if (optional) {
            long fixed = (long)(cap * fixed_rate) / 1000 * 1000;
            fprintf(f, "%d..%d,%ld,yes", cap / 3, cap, fixed);
            nopt++;
        } else
            fprintf(f, "%d,,no", cap);
        fprintf(f, ",%.4f,%.4f\n", plant_at[i].lat, plant_at[i].lon);
        for (long k = 0; k < K; k++) {
            int out = (int)(cap * prods[k].line_share * rng_unif(0.8, 1.2) / prods[k].milk);
            if (out < 1)
                out = 1;
            fprintf(fl, "p%ld,%s,%d,%d\n", i + 1, prods[k].name, out,
                    prods[k].cost + (int)rng_below((uint32_t)prods[k].cost / 5));
            if (fs && store_cost[k] > 0) {
                int scap = out * 3 / 2;
                fprintf(fs, "p%ld,%s,%d,%d,%d\n", i + 1, prods[k].name, scap, store_cost[k],
                        scap / 10);
                nstores++;
            }
        }
    }
    close_out(f, "plants.csv");
    close_out(fl, "lines.csv");
    if (fs)
        close_out(fs, "stores.csv");

    /* --- markets.csv and demands.csv: a market's share of each product's
     * demand is its weight (0.5..1.5) over the total weight */
    double *weight = xmalloc(sizeof *weight * (size_t)M);
    double wsum = 0;
    for (long i = 0; i < M; i++)
        wsum += weight[i] = rng_unif(0.5, 1.5);
    f = open_out("markets.csv");
    fl = open_out("demands.csv");
    fputs("name,label,lat,lon\n", f);
    fputs("market,product,volume[t],price[BYN/t]\n", fl);
    for (long i = 0; i < M; i++) {
        fprintf(f, "m%ld,Market %ld,%.4f,%.4f\n", i + 1, i + 1, market_at[i].lat,
                market_at[i].lon);
        for (long k = 0; k < K; k++) {
            double total = supply_total * prods[k].demand_share / prods[k].milk;
            int hi = (int)(total * weight[i] / wsum);
            if (hi < 2)
                hi = 2;
            int price = prods[k].price_lo +
                        (int)rng_below((uint32_t)(prods[k].price_hi - prods[k].price_lo));
            if (rng_below(2)) /* half of the lines have a minimum of a fifth */
                fprintf(fl, "m%ld,%s,%d..%d,%d\n", i + 1, prods[k].name, hi / 5, hi, price);
            else
                fprintf(fl, "m%ld,%s,%d,%d\n", i + 1, prods[k].name, hi, price);
        }
    }
    close_out(f, "markets.csv");
    close_out(fl, "demands.csv");

    /* --- routes.csv: all farm→plant pairs, then all plant→market pairs */
    f = open_out("routes.csv");
    fputs("from,to,distance[km]\n", f);
    for (long i = 0; i < F; i++)
        for (long p = 0; p < P; p++)
            fprintf(f, "f%ld,p%ld,%.1f\n", i + 1, p + 1, road_km(farm_at[i], plant_at[p], 2.0));
    for (long p = 0; p < P; p++)
        for (long j = 0; j < M; j++)
            fprintf(f, "p%ld,m%ld,%.1f\n", p + 1, j + 1, road_km(plant_at[p], market_at[j], 2.0));
    close_out(f, "routes.csv");

    /* --- model.dairy */
    long T = N > 0 ? N : 1;
    long vars = T * (F * P + P * K + P * M * K + nstores) + nopt;
    f = open_out("model.dairy");
    fprintf(f,
            "# Generated by bench/gen_lp (seed %llu) — do not edit.\n"
            "# %ld farms, %ld plants (%ld optional), %ld products, %ld markets; all routes.\n",
            (unsigned long long)seed, F, P, nopt, K, M);
    if (N > 0)
        fprintf(f,
                "# %ld periods, %ld stores.\n"
                "# Variables: %ld x + %ld y + %ld s + %ld inv + %ld open = %ld.\n"
                "model \"LP benchmark: %ld periods, %ld variables\"\n",
                N, nstores, F * P * N, P * K * N, P * M * K * N, nstores * N, nopt, vars, N, vars);
    else
        fprintf(f,
                "# Variables: %ld x + %ld y + %ld s + %ld open = %ld.\n"
                "model \"LP benchmark: %ld variables\"\n",
                F * P, P * K, P * M * K, nopt, vars, vars);
    fputs("currency BYN\n"
          "objective maximize profit\n"
          "\n",
          f);
    for (long k = 0; k < K; k++) {
        fprintf(f, "product %s \"%s\" { milk %g t/t", prods[k].name, prods[k].label,
                prods[k].milk);
        if (prods[k].rate > 0)
            fprintf(f, "; transport %g BYN/t/km", prods[k].rate);
        fputs(" }\n", f);
    }
    fputs("\n"
          "farms   from \"farms.csv\"\n"
          "plants  from \"plants.csv\"\n"
          "lines   from \"lines.csv\"\n"
          "markets from \"markets.csv\"\n"
          "demands from \"demands.csv\"\n"
          "\n"
          "transport {\n"
          "  milk    0.36 BYN/t/km\n"
          "  product 0.52 BYN/t/km\n"
          "}\n"
          "\n"
          "routes from \"routes.csv\"\n",
          f);
    if (N > 0) {
        char name[32];
        fputs("\nstores from \"stores.csv\"\n\nperiods ", f);
        for (long t = 0; t < N; t++) {
            period_pct(t, N, name, sizeof name);
            fprintf(f, "%s%s", t ? ", " : "", name);
        }
        fputs("\n\n# the season: farm supply in per cent of the base\n", f);
        for (long t = 0; t < N; t++) {
            long pct = period_pct(t, N, name, sizeof name);
            fprintf(f, "period %s { scale farm * supply %ld%% }\n", name, pct);
        }
    }
    close_out(f, "model.dairy");
    printf("%ld %ld %ld %ld %ld %ld\n", F, P, K, M, nopt, vars);
    free(farm_at);
    free(plant_at);
    free(market_at);
    free(weight);
    return 0;
}
