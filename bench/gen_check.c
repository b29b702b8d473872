/* gen_check.c — writes a large, valid .dairy model for the `dairy check`
 * speed benchmark (bench/run.sh).
 *
 *   gen_check OUTDIR ROUTES [SEED]
 *
 * OUTDIR/model.dairy plus farms.csv, plants.csv, lines.csv, markets.csv,
 * demands.csv and routes.csv.  The entity counts are fixed (5,000 farms,
 * 200 plants, 2,000 markets, 4 products) so that only the routes table grows
 * with ROUTES: 70% of the rows are farm→plant routes, 30% plant→market
 * routes, and no (from, to) pair appears twice.  Every farm and every market
 * has at least one route, and so does every plant on each side.
 *
 * Output is a pure function of (ROUTES, SEED): the PRNG is our own
 * (splitmix64), so the files are byte-identical on every machine.
 * C11, no dependencies. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_common.h"

enum { NFARMS = 5000, NPLANTS = 200, NMARKETS = 2000, NPRODUCTS = 4 };

static const char *const prod_name[NPRODUCTS] = {"milk32", "kefir", "butter", "cheese"};

/* Points in a box around Belarus; the routes between them are road_km
 * (gen_common.h) apart, at least 1 km. */
static Pt farm_at[NFARMS], plant_at[NPLANTS], market_at[NMARKETS];

static Pt random_pt(void)
{
    return (Pt){rng_unif(51.3, 56.1), rng_unif(23.2, 32.7)};
}


/* ---------------------------------------------------------------- pairs */

/* A permutation of 0..n-1 with its inverse, for drawing k distinct values by
 * a partial Fisher–Yates shuffle.  The array stays a permutation between
 * draws, so it is never reset. */
typedef struct {
    int v[NPLANTS], pos[NPLANTS];
    int n;
} Perm;

static void perm_init(Perm *p, int n)
{
    p->n = n;
    for (int i = 0; i < n; i++)
        p->v[i] = p->pos[i] = i;
}

static void perm_swap(Perm *p, int i, int j)
{
    int a = p->v[i], b = p->v[j];
    p->v[i] = b;
    p->v[j] = a;
    p->pos[b] = i;
    p->pos[a] = j;
}

/* Put k distinct values in p->v[0..k), the first being `first`. */
static void perm_draw(Perm *p, int k, int first)
{
    perm_swap(p, 0, p->pos[first]);
    for (int i = 1; i < k; i++)
        perm_swap(p, i, i + (int)rng_below((uint32_t)(p->n - i)));
}

/* Split `total` among n owners, each at least 1 and at most cap, as evenly
 * as a random remainder allows. */
static void split(int *count, int n, long total, int cap)
{
    long base = total / n, rem = total % n;
    for (int i = 0; i < n; i++)
        count[i] = (int)base;
    /* hand out the remainder to owners picked at random, one each */
    int *idx = malloc(sizeof *idx * (size_t)n);
    for (int i = 0; i < n; i++)
        idx[i] = i;
    for (long r = 0; r < rem; r++) {
        int j = (int)r + (int)rng_below((uint32_t)(n - (int)r));
        int t = idx[r];
        idx[r] = idx[j];
        idx[j] = t;
        count[idx[r]]++;
    }
    free(idx);
    for (int i = 0; i < n; i++)
        if (count[i] < 1 || count[i] > cap) {
            fprintf(stderr, "gen_check: cannot split %ld routes over %d owners\n", total, n);
            exit(2);
        }
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fputs("usage: gen_check OUTDIR ROUTES [SEED]\n", stderr);
        return 2;
    }
    gen_name = "gen_check";
    outdir = argv[1];
    char *end;
    long routes = strtol(argv[2], &end, 10);
    const long fp_max = (long)NFARMS * NPLANTS, pm_max = (long)NPLANTS * NMARKETS;
    if (*end || routes <= 0) {
        fprintf(stderr, "gen_check: ROUTES must be a positive integer, not `%s`\n", argv[2]);
        return 2;
    }
    uint64_t seed = argc == 4 ? strtoull(argv[3], NULL, 10) : 20271;
    rng_state = seed;

    /* 70% farm→plant, 30% plant→market, within what unique pairs allow. */
    long n_fp = routes * 7 / 10, n_pm = routes - n_fp;
    if (n_pm > pm_max) {
        n_pm = pm_max;
        n_fp = routes - n_pm;
    }
    if (n_fp < NFARMS || n_pm < NMARKETS || n_fp > fp_max || n_fp < NPLANTS) {
        fprintf(stderr,
                "gen_check: ROUTES must be between %ld and %ld (every farm and market needs "
                "a route; pairs are unique)\n",
                (long)NFARMS * 10 / 7 + 1, fp_max + pm_max);
        return 2;
    }

    for (int i = 0; i < NFARMS; i++)
        farm_at[i] = random_pt();
    for (int i = 0; i < NPLANTS; i++)
        plant_at[i] = random_pt();
    for (int i = 0; i < NMARKETS; i++)
        market_at[i] = random_pt();

    /* --- farms.csv: a third have a contracted minimum; a few labels need quoting */
    FILE *f = open_out("farms.csv");
    fputs("name,label,supply[t],price[BYN/t],lat,lon\n", f);
    double supply_total = 0;
    for (int i = 0; i < NFARMS; i++) {
        int hi = 2000 + 100 * (int)rng_below(100); /* 2,000..11,900 t */
        int price = 760 + (int)rng_below(200);
        supply_total += hi;
        if (i % 50 == 7)
            fprintf(f, "f%04d,\"SPK \"\"Farm %d\"\"\",", i + 1, i + 1);
        else
            fprintf(f, "f%04d,Farm %d,", i + 1, i + 1);
        if (i % 3 == 0)
            fprintf(f, "%d..%d", hi * 3 / 4, hi);
        else
            fprintf(f, "%d", hi);
        fprintf(f, ",%d,%.4f,%.4f\n", price, farm_at[i].lat, farm_at[i].lon);
    }
    close_out(f, "farms.csv");

    /* --- plants.csv and lines.csv: capacity covers the farms' supply */
    f = open_out("plants.csv");
    FILE *fl = open_out("lines.csv");
    fputs("name,label,capacity[t],fixed[BYN],optional,lat,lon\n", f);
    fputs("plant,product,output[t],cost[BYN/t]\n", fl);
    static const int line_cost[NPRODUCTS] = {150, 170, 650, 1400};
    static const double milk_norm[NPRODUCTS] = {1.02, 1.05, 21.0, 9.5};
    int cap_mean = (int)(supply_total / NPLANTS * 1.1);
    for (int i = 0; i < NPLANTS; i++) {
        int cap = cap_mean / 2 + (int)rng_below((uint32_t)cap_mean);
        cap -= cap % 1000;
        bool optional = i % 10 == 9;
        fprintf(f, "p%03d,Plant %d,", i + 1, i + 1);
        if (optional)
            fprintf(f, "%d..%d,%d,yes", cap / 3, cap, 2000000 + 100000 * (int)rng_below(50));
        else
            fprintf(f, "%d,,no", cap);
        fprintf(f, ",%.4f,%.4f\n", plant_at[i].lat, plant_at[i].lon);
        /* every plant makes milk32; each other product with probability 2/3 */
        for (int k = 0; k < NPRODUCTS; k++) {
            if (k > 0 && rng_below(3) == 0)
                continue;
            double share = k == 0 ? 0.5 : 0.15;
            int out = (int)(cap * share / milk_norm[k]);
            fprintf(fl, "p%03d,%s,%d,%d\n", i + 1, prod_name[k], out < 1 ? 1 : out,
                    line_cost[k] + (int)rng_below(100));
        }
    }
    close_out(f, "plants.csv");
    close_out(fl, "lines.csv");

    /* --- markets.csv and demands.csv */
    f = open_out("markets.csv");
    fl = open_out("demands.csv");
    fputs("name,label,lat,lon\n", f);
    fputs("market,product,volume[t],price[BYN/t]\n", fl);
    static const int dem_price[NPRODUCTS] = {1450, 1600, 18500, 15500};
    static const int dem_hi[NPRODUCTS] = {6000, 2500, 150, 300};
    for (int i = 0; i < NMARKETS; i++) {
        if (i % 40 == 39) /* no location: a missing (empty) cell */
            fprintf(f, "m%04d,Market %d,,\n", i + 1, i + 1);
        else
            fprintf(f, "m%04d,Market %d,%.4f,%.4f\n", i + 1, i + 1, market_at[i].lat,
                    market_at[i].lon);
        for (int k = 0; k < NPRODUCTS; k++) {
            if (k > 0 && rng_below(4) == 0)
                continue;
            int hi = dem_hi[k] / 2 + (int)rng_below((uint32_t)dem_hi[k]);
            int price = dem_price[k] + (int)rng_below((uint32_t)dem_price[k] / 10);
            if (rng_below(2))
                fprintf(fl, "m%04d,%s,%d..%d,%d\n", i + 1, prod_name[k], hi / 5, hi, price);
            else
                fprintf(fl, "m%04d,%s,%d,%d\n", i + 1, prod_name[k], hi, price);
        }
    }
    close_out(f, "markets.csv");
    close_out(fl, "demands.csv");

    /* --- routes.csv: farm→plant rows grouped by farm, then plant→market rows
     * grouped by market.  Farm i's first plant is i mod 200 and market j's
     * first plant is j mod 200, so every plant has routes on both sides. */
    static int count[NFARMS > NMARKETS ? NFARMS : NMARKETS];
    Perm perm;
    f = open_out("routes.csv");
    fputs("from,to,distance[km]\n", f);
    split(count, NFARMS, n_fp, NPLANTS);
    perm_init(&perm, NPLANTS);
    for (int i = 0; i < NFARMS; i++) {
        perm_draw(&perm, count[i], i % NPLANTS);
        for (int j = 0; j < count[i]; j++) {
            int p = perm.v[j];
            fprintf(f, "f%04d,p%03d,%.1f\n", i + 1, p + 1, road_km(farm_at[i], plant_at[p], 1.0));
        }
    }
    split(count, NMARKETS, n_pm, NPLANTS);
    perm_init(&perm, NPLANTS);
    for (int i = 0; i < NMARKETS; i++) {
        perm_draw(&perm, count[i], i % NPLANTS);
        for (int j = 0; j < count[i]; j++) {
            int p = perm.v[j];
            fprintf(f, "p%03d,m%04d,%.1f\n", p + 1, i + 1, road_km(plant_at[p], market_at[i], 1.0));
        }
    }
    close_out(f, "routes.csv");

    /* --- model.dairy */
    f = open_out("model.dairy");
    fprintf(f,
            "# Generated by bench/gen_check %ld %llu — do not edit.\n"
            "# %d farms, %d plants, %d markets, %ld routes (%ld farm->plant, %ld plant->market)\n"
            "model \"Benchmark: %ld routes\"\n"
            "currency BYN\n"
            "objective maximize profit\n"
            "\n",
            routes, (unsigned long long)seed, NFARMS, NPLANTS, NMARKETS, routes, n_fp, n_pm,
            routes);
    fputs("product milk32 \"Drinking milk 3.2%\" { milk 1.02 t/t }\n"
          "product kefir  \"Kefir 2.5%\"         { milk 1.05 t/t }\n"
          "product butter \"Butter 72.5%\" {\n"
          "  milk 21.0 t/t\n"
          "  transport 0.75 BYN/t/km\n"
          "}\n"
          "product cheese \"Cheese 45%\" {\n"
          "  milk 9.5 t/t\n"
          "  price 15_000 BYN/t\n"
          "}\n"
          "\n"
          "farms   from \"farms.csv\"\n"
          "plants  from \"plants.csv\"\n"
          "lines   from \"lines.csv\"\n"
          "markets from \"markets.csv\"\n"
          "demands from \"demands.csv\"\n"
          "\n"
          "transport {\n"
          "  milk    0.36 BYN/t/km\n"
          "  product 0.52 BYN/t/km\n"
          "  cheese  0.70 BYN/t/km\n"
          "}\n"
          "\n"
          "routes from \"routes.csv\"\n",
          f);
    close_out(f, "model.dairy");
    return 0;
}
