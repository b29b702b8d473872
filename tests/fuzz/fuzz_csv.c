/* fuzz_csv.c — libFuzzer harness for data files: the bytes are a CSV table
 * that a fixed model reads (`farms from`, `routes from`, `lines from`,
 * `customers from`, chosen by the first byte), then checked, segmented,
 * compiled, written as MPS and, when the program is small, solved and
 * reported with its one scenario (pipeline.h).  fuzz_check.c cannot reach
 * these paths: a model text alone names no file the fuzzer writes.  Built
 * with clang -fsanitize=fuzzer by tests/fuzz/run.sh; `FUZZ_CSV_SHOW=1
 * build/fuzz/fuzz_csv FILE` prints the diagnostics, dump, MPS and reports
 * of one input. */
#include "pipeline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The chain every model shares; %s is where the table under test goes.
 * The scenario names only what every model has, so that it checks
 * whatever the table holds. */
static const char *const chain =
    "currency BYN\n"
    "product butter { milk 21 t/t; price 10_000 BYN/t }\n"
    "product kefir { milk 1.02 t/t; price 1_600 BYN/t }\n"
    "transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }\n"
    "strategy keep { volume 100%%; price +1%% }\n"
    "strategy drop { volume 0%% }\n"
    "scenario fuel { scale transport milk 120%%; scale transport product 120%% }\n"
    "%s";

#define PLANT "plant p1 { capacity 15_000 t; makes butter 400 t cost 310 BYN/t; " \
              "makes kefir 900 t cost 90 BYN/t }\n"

static const char *const tables[] = {
    /* farms from CSV */
    PLANT
    "farms from \"%s\"\n"
    "market city { demand butter 0..380 t }\n"
    "routes {\n  from to distance\n  p1 city 12 km\n}\n",
    /* routes from CSV */
    PLANT
    "farm north { supply 9_000 t; price 820 BYN/t }\n"
    "market city { demand butter 0..380 t }\n"
    "routes from \"%s\"\n",
    /* lines from CSV */
    "plant p1 { capacity 15_000 t }\n"
    "farm north { supply 9_000 t; price 820 BYN/t }\n"
    "market city { demand butter 0..380 t }\n"
    "lines from \"%s\"\n"
    "routes {\n  from to distance\n  north p1 38 km\n  p1 city 12 km\n}\n",
    /* customers from CSV, with RFM-style scores and rules */
    PLANT
    "farm north { supply 9_000 t; price 820 BYN/t }\n"
    "market city { demand from customers; demand butter price 10_400 BYN/t }\n"
    "routes {\n  from to distance\n  north p1 38 km\n  p1 city 12 km\n}\n"
    "customers from \"%s\"\n"
    "let r = quintile(-recency)\n"
    "let f = ntile(frequency, 4)\n"
    "segment best when r >= 4 and f >= 3 strategy keep\n"
    "segment shop when channel == \"retail\" strategy keep\n"
    "segment rest strategy drop\n",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    static char csv_path[64];
    if (!sink) {
        /* FUZZ_CSV_SHOW=1 fuzz_csv FILE shows what one input does */
        sink = getenv("FUZZ_CSV_SHOW") ? stderr : fopen("/dev/null", "w");
        snprintf(csv_path, sizeof csv_path, "/tmp/dairy-fuzz-csv-%d.csv", (int)getpid());
    }
    if (size == 0)
        return 0;
    int which = data[0] % (int)(sizeof tables / sizeof *tables);
    FILE *f = fopen(csv_path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);

    char table[1024], model[2048];
    snprintf(table, sizeof table, tables[which], csv_path);
    int len = snprintf(model, sizeof model, chain, table);

    fuzz_pipeline(model, (size_t)len, sink);
    return 0;
}
