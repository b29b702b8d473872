/* gen_common.h — what the instance generators (gen_check.c, gen_lp.c,
 * gen_customers.c) share: our own PRNG, so that the files are the same on
 * every machine, output files in OUTDIR, and road distances between points.
 * Each generator is one program; it sets gen_name (for messages) and
 * outdir before writing. */
#ifndef DAIRY_BENCH_GEN_COMMON_H
#define DAIRY_BENCH_GEN_COMMON_H

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *gen_name __attribute__((unused)) = "gen";
static const char *outdir __attribute__((unused)) = ".";

/* ---------------------------------------------------------------- PRNG */

static uint64_t rng_state;

static uint64_t rng_next(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double rng_u01(void)
{
    return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in (0, 1]. */
static inline double rng_u01_pos(void)
{
    return ((double)(rng_next() >> 11) + 1.0) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64). */
static inline uint32_t rng_below(uint32_t n)
{
    return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi). */
static inline double rng_unif(double lo, double hi)
{
    return lo + (hi - lo) * rng_u01();
}

/* ---------------------------------------------------------------- files */

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", gen_name);
        exit(2);
    }
    return p;
}

/* OUTDIR/name for writing, with a 64 KB buffer; exits 2 if it cannot. */
static inline FILE *open_out(const char *name)
{
    size_t n = strlen(outdir) + strlen(name) + 2;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/%s", outdir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: cannot write %s: %s\n", gen_name, path, strerror(errno));
        exit(2);
    }
    static char bufs[8][1 << 16];
    static int nb;
    setvbuf(f, bufs[nb++ & 7], _IOFBF, sizeof bufs[0]);
    free(path);
    return f;
}

static inline void close_out(FILE *f, const char *name)
{
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "%s: error writing %s/%s\n", gen_name, outdir, name);
        exit(2);
    }
}

/* ---------------------------------------------------------------- geography */

typedef struct {
    double lat, lon;
} Pt;

/* Road distance: 1.3 × the great-circle distance, at least min_km. */
static inline double road_km(Pt a, Pt b, double min_km)
{
    const double r = 6371.0, d2r = 3.14159265358979323846 / 180.0;
    double dlat = (b.lat - a.lat) * d2r, dlon = (b.lon - a.lon) * d2r;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(a.lat * d2r) * cos(b.lat * d2r) * sin(dlon / 2) * sin(dlon / 2);
    double km = 1.3 * 2 * r * asin(sqrt(h));
    return km < min_km ? min_km : km;
}

#endif
