/* test_emit_sql.c — unit tests for src/emit_sql.c (`dairy emit sql`).
 *
 * The exact text for a tiny model; the view run on SQLite (the sqlite3
 * command line) over customers with ties and missing values, whose rows must
 * be the segments worked out by hand below (language.md section 6: quintile
 * ties share a score, missing stays missing, SQL's three-valued logic, the
 * first rule that holds wins, an unsegmented customer has NULL segment and
 * strategy); and the forms that keep PostgreSQL and SQLite on the doubles C
 * computes: literals in base units, CAST beside another literal, NULLIF for
 * x / 0, `- -1.0` not a comment, quoting.  tests/sql/agree.sh compares the
 * view with `dairy segment` on both engines over whole models. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/emit.h"
#include "../../src/model.h"
#include "fixture.h"

/* ------------------------------------------------------------ fixture */

typedef struct {
    Fix fix;            /* first: the shared fixture (fixture.h) */
    char *sql;          /* the emitted text */
    size_t sqllen;
    char dir[64];       /* scratch folder for sqlite3's files */
} C;

static void c_extra_free(Fix *f)
{
    C *c = (C *)f;
    static const char *const files[] = {"view.sql", "run.sql", "out.txt"};
    char path[128];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", c->dir, files[i]);
        unlink(path);
    }
    rmdir(c->dir);
    free(c->sql);
}

static C *c_new(void)
{
    C *c = fix_new_ext(sizeof *c, c_extra_free);
    snprintf(c->dir, sizeof c->dir, "/tmp/dairy_sql_XXXXXX");
    assert_non_null(mkdtemp(c->dir));
    return c;
}

/* Check the model text, emit its SQL into c->sql. */
static C *emit_with(const char *src, const SqlOptions *o)
{
    C *c = c_new();
    if (!fix_check_text(&c->fix, "m.dairy", src))
        fail_msg("the model does not check:\n%s", c->fix.out);
    FILE *out = open_memstream(&c->sql, &c->sqllen);
    assert_non_null(out);
    assert_int_equal(emit_sql(c->fix.m, o, out), 0);
    fclose(out);
    return c;
}

static C *emit(const char *src, bool create)
{
    SqlOptions o = {create, NULL, SQL_ANY};
    return emit_with(src, &o);
}

static void assert_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("expected `%s` in:\n%s", part, text);
}

static bool have_sqlite3(void)
{
    return system("sqlite3 -version >/dev/null 2>&1") == 0;
}

/* Run the view on SQLite: c->sql (with its CREATE TABLE), then `rows`
 * (INSERT statements), then `query`; returns sqlite3's output (list mode,
 * `|` between fields, NULL empty), to be freed. */
static char *run_sqlite(C *c, const char *rows, const char *query)
{
    char view[128], run[128], outp[128], cmd[512];
    snprintf(view, sizeof view, "%s/view.sql", c->dir);
    snprintf(run, sizeof run, "%s/run.sql", c->dir);
    snprintf(outp, sizeof outp, "%s/out.txt", c->dir);
    FILE *f = fopen(view, "w");
    assert_non_null(f);
    fputs(c->sql, f);
    fclose(f);
    f = fopen(run, "w");
    assert_non_null(f);
    fprintf(f, ".read '%s'\n%s\n%s\n", view, rows, query);
    fclose(f);
    snprintf(cmd, sizeof cmd, "sqlite3 -bail :memory: <'%s' >'%s' 2>&1", run, outp);
    int rc = system(cmd);
    f = fopen(outp, "r");
    assert_non_null(f);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int ch;
    while ((ch = fgetc(f)) != EOF)
        fputc(ch, mem);
    fclose(mem);
    fclose(f);
    if (rc != 0)
        fail_msg("sqlite3 failed:\n%s\nSQL:\n%s", buf, c->sql);
    return buf;
}

/* ------------------------------------------------------------ exact text */

static const char *const tiny_model =
    "model \"Tiny\"\n"
    "customers {\n"
    "  id  recency[weeks]  frequency  channel\n"
    "  a   1               1          retail\n"
    "}\n"
    "strategy keep { volume 100% }\n"
    "let f = quintile(frequency)\n"
    "let busy = f >= 3 and recency <= 30 days\n"
    "segment top \"Top\" when busy or channel == \"o'shop\" strategy keep\n"
    "segment rest strategy keep\n";

static const char *const tiny_sql =
    "-- dairy emit sql: the customer segments of \"Tiny\",\n"
    "-- the view customer_segments(id, segment, strategy) over the table customers.\n"
    "-- Runs unchanged on PostgreSQL 15+ and SQLite 3.40+ and gives every customer\n"
    "-- the segment `dairy segment` gives (NULL segment and strategy: no rule\n"
    "-- matched).  quintile(x) = 1 + floor(5 k / n), k the customers with a smaller\n"
    "-- x, n those with an x, is 1 + 5 * (RANK() - 1) / COUNT(x) in integers.\n"
    "\n"
    "-- One row per customer, as in the customer file: numbers in the file's\n"
    "-- units; the view reads a cell that is NULL, '' or blanks as missing.\n"
    "CREATE TABLE customers (\n"
    "  \"id\" TEXT,\n"
    "  \"recency\" DOUBLE PRECISION,  -- weeks\n"
    "  \"frequency\" DOUBLE PRECISION,\n"
    "  \"channel\" TEXT\n"
    ");\n"
    "\n"
    "DROP VIEW IF EXISTS customer_segments;\n"
    "CREATE VIEW customer_segments (id, segment, strategy) AS\n"
    "WITH\n"
    "  -- the columns the rules use, numbers in base units (file value * num / den)\n"
    "  base AS (\n"
    "    SELECT NULLIF(TRIM(\"id\", ' \t'), '') AS \"id\",\n"
    "           CASE WHEN TRIM(CAST(\"recency\" AS TEXT), ' \t') = '' THEN NULL "
    "ELSE CAST(\"recency\" AS DOUBLE PRECISION) END * 7.0 AS \"recency\",\n"
    "           CASE WHEN TRIM(CAST(\"frequency\" AS TEXT), ' \t') = '' THEN NULL "
    "ELSE CAST(\"frequency\" AS DOUBLE PRECISION) END AS \"frequency\",\n"
    "           NULLIF(TRIM(\"channel\", ' \t'), '') AS \"channel\"\n"
    "    FROM customers\n"
    "  ),\n"
    "  -- let f = quintile(frequency)\n"
    "  step1 AS (\n"
    "    SELECT *,\n"
    "      CASE WHEN \"frequency\" IS NULL THEN NULL\n"
    "           ELSE CAST(1 + 5 * (RANK() OVER (PARTITION BY (\"frequency\" IS NULL) ORDER BY \"frequency\") - 1)\n"
    "                         / COUNT(\"frequency\") OVER () AS DOUBLE PRECISION)\n"
    "      END AS \"f\"\n"
    "    FROM base\n"
    "  ),\n"
    "  -- let busy = f >= 3 and recency <= 30 days\n"
    "  step2 AS (\n"
    "    SELECT *, (\"f\" >= 3.0) AND (\"recency\" <= 30.0) AS \"busy\"\n"
    "    FROM step1\n"
    "  ),\n"
    "  -- the first segment whose condition is true\n"
    "  rules AS (\n"
    "    SELECT \"id\", CASE\n"
    "      -- top: busy or channel == \"o'shop\"\n"
    "      WHEN \"busy\" OR (\"channel\" = 'o''shop') THEN 1\n"
    "      -- rest\n"
    "      ELSE 2\n"
    "    END AS \"_seg\"\n"
    "    FROM step2\n"
    "  )\n"
    "SELECT \"id\",\n"
    "       CASE \"_seg\"\n"
    "         WHEN 1 THEN 'top'\n"
    "         WHEN 2 THEN 'rest'\n"
    "       END,\n"
    "       CASE \"_seg\"\n"
    "         WHEN 1 THEN 'keep'\n"
    "         WHEN 2 THEN 'keep'\n"
    "       END\n"
    "FROM rules;\n";

static void test_tiny_text(void **state)
{
    (void)state;
    C *c = emit(tiny_model, true);
    assert_string_equal(c->sql, tiny_sql);
    fix_free(&c->fix);
}

/* Without create_table the text starts at the view. */
static void test_no_create_table(void **state)
{
    (void)state;
    C *c = emit(tiny_model, false);
    assert_null(strstr(c->sql, "CREATE TABLE"));
    const char *view = strstr(tiny_sql, "DROP VIEW");
    assert_non_null(view);
    assert_non_null(strstr(c->sql, view));
    fix_free(&c->fix);
}

/* ------------------------------------------------------------ on SQLite */

/* Ten customers.  quintile(frequency) over the eight with a frequency,
 * 1 2 2 3 5 5 5 8: k = 0 1 1 3 4 4 4 7, 1 + floor(5k/8) = 1 1 1 2 3 3 3 5
 * (ties share), i and j have none (missing).  recency is in weeks (busy
 * needs at most 30 days).  By hand:
 *   a  7 d,  f 1, retail   busy F; top F; lapsed F; small T      -> small
 *   b 35 d,  f 1, retail   busy F; top F; lapsed F; small T      -> small
 *   c  -,    f 1, horeca   busy F (F and U); top F; lapsed U; small F -> none
 *   d 28 d,  f 2, retail   busy F; top F; lapsed F; small F      -> none
 *   e 14 d,  f 3, o'shop   busy T                                -> top
 *   f 21 d,  f 3, -        busy T; top T (T or U)                -> top
 *   g 70 d,  f 3, retail   busy F; top F; lapsed T               -> lapsed
 *   h  0 d,  f 5, horeca   busy T                                -> top
 *   i  7 d,  f -, o'shop   busy U; top T (U or T)                -> top
 *   j  -,    f -, -        everything unknown                    -> none */
static const char *const ties_model =
    "customers {\n"
    "  id  recency[weeks]  frequency  channel\n"
    "  a   1               1          retail\n"
    "  b   5               2          retail\n"
    "  c   -               2          horeca\n"
    "  d   4               3          retail\n"
    "  e   2               5          \"o'shop\"\n"
    "  f   3               5          -\n"
    "  g   10              5          retail\n"
    "  h   0               8          horeca\n"
    "  i   1               -          \"o'shop\"\n"
    "  j   -               -          -\n"
    "}\n"
    "strategy keep { volume 100% }\n"
    "strategy drop { volume 0% }\n"
    "let f = quintile(frequency)\n"
    "let busy = f >= 3 and recency <= 30 days\n"
    "segment top when busy or channel == \"o'shop\" strategy keep\n"
    "segment lapsed when recency > 8 weeks strategy drop\n"
    "segment small when f <= 1 and channel != \"horeca\" strategy keep\n";

static const char *const ties_rows =
    "INSERT INTO customers VALUES\n"
    "  ('a', 1, 1, 'retail'), ('b', 5, 2, 'retail'), ('c', NULL, 2, 'horeca'),\n"
    "  ('d', 4, 3, 'retail'), ('e', 2, 5, 'o''shop'), ('f', 3, 5, NULL),\n"
    "  ('g', 10, 5, 'retail'), ('h', 0, 8, 'horeca'), ('i', 1, NULL, 'o''shop'),\n"
    "  ('j', NULL, NULL, NULL);";

static void test_sqlite_ties_and_missing(void **state)
{
    (void)state;
    if (!have_sqlite3())
        skip();
    C *c = emit(ties_model, true);
    char *out = run_sqlite(c, ties_rows, "SELECT * FROM customer_segments ORDER BY id;");
    assert_string_equal(out,
                        "a|small|keep\n"
                        "b|small|keep\n"
                        "c||\n"
                        "d||\n"
                        "e|top|keep\n"
                        "f|top|keep\n"
                        "g|lapsed|drop\n"
                        "h|top|keep\n"
                        "i|top|keep\n"
                        "j||\n");
    free(out);
    fix_free(&c->fix);
}

/* The same customers as SQLite's .import stores them: every cell text, an
 * empty cell '' (not NULL), blanks (spaces, tabs) around a cell; numbers
 * that are text or REAL alike.  Same segments. */
static const char *const ties_rows_imported =
    "CREATE TABLE customers (id, recency, frequency, channel);\n"
    "INSERT INTO customers VALUES\n"
    "  (' a', ' 1 ', '1', 'retail '), ('b', '5', 2, 'retail'), ('c', '', '2', 'horeca'),\n"
    "  ('d', '4', '3', '\tretail'), ('e', '2', ' 5', 'o''shop'), ('f', '3', '5', '  '),\n"
    "  ('g', '10', 5.0, 'retail'), ('h', '0', '8\t', 'horeca'), ('i', 1, '', 'o''shop'),\n"
    "  ('j', ' ', '\t', '');";

static void test_sqlite_empty_cells_as_imported(void **state)
{
    (void)state;
    if (!have_sqlite3())
        skip();
    /* the view first, then a table without types, as .import makes one */
    C *c = emit(ties_model, false);
    char *out = run_sqlite(c, ties_rows_imported, "SELECT * FROM customer_segments ORDER BY id;");
    assert_string_equal(out,
                        "a|small|keep\n"
                        "b|small|keep\n"
                        "c||\n"
                        "d||\n"
                        "e|top|keep\n"
                        "f|top|keep\n"
                        "g|lapsed|drop\n"
                        "h|top|keep\n"
                        "i|top|keep\n"
                        "j||\n");
    free(out);
    fix_free(&c->fix);
}

/* --load: the table is made again and loaded by the dialect's client. */
static void test_load_statements(void **state)
{
    (void)state;
    SqlOptions lite = {false, "dir/my \"c\" \\.csv", SQL_SQLITE};
    C *c = emit_with(tiny_model, &lite);
    assert_contains(c->sql, "DROP VIEW IF EXISTS customer_segments;\n"
                            "DROP TABLE IF EXISTS customers;\n"
                            "-- One row per customer");
    assert_contains(c->sql, ");\n\n-- sqlite3: the header line skipped, empty cells stored as ''\n"
                            ".import --csv --skip 1 \"dir/my \\\"c\\\" \\\\.csv\" customers\n\n"
                            "DROP VIEW");
    fix_free(&c->fix);
    SqlOptions pg = {true, "it's.csv", SQL_POSTGRESQL};
    c = emit_with(tiny_model, &pg);
    assert_contains(c->sql, "\\copy customers FROM 'it''s.csv' WITH (FORMAT csv, HEADER true, "
                            "NULL '', FORCE_NULL (\"id\", \"recency\", \"frequency\", "
                            "\"channel\"), ENCODING 'UTF8')\n\nDROP VIEW");
    fix_free(&c->fix);
}

/* ntile(x, 3); a score of a computed value, used in a rule directly;
 * x / 0 missing. */
static void test_sqlite_ntile_and_division(void **state)
{
    (void)state;
    if (!have_sqlite3())
        skip();
    C *c = emit("customers {\n"
                "  id  frequency  monetary[BYN]\n"
                "  a   1          10\n"
                "  b   2          -\n"
                "  c   2          40\n"
                "  d   3          0\n"
                "  e   5          50\n"
                "  f   5          5\n"
                "  g   5          25\n"
                "  h   8          80\n"
                "  i   0          10\n"
                "}\n"
                "currency BYN\n"
                "strategy s { volume 100% }\n"
                "let t = ntile(frequency, 3)\n"
                "let avg = monetary / frequency\n"
                "segment third when t == 3 strategy s\n"
                "segment second when t == 2 and avg >= 5 BYN strategy s\n"
                "segment best when quintile(-avg) >= 5 strategy s\n"
                "segment zero when not (avg > 0 BYN) strategy s\n",
                true);
    /* t over 0 1 2 2 3 5 5 5 8 (i a b c d e f g h): k = 0 1 2 2 4 5 5 5 8,
     * 1 + floor(3k/9): i1 a1 b1 c1 d2 e2 f2 g2 h3;
     * avg: a10 b- c20 d0 e10 f1 g5 h10 i- (x / 0);
     * quintile(-avg) over -10 -20 -0 -10 -1 -5 -10 (7 values): c -20 k0 -> 1,
     * a e h -10 k1 -> 1, g -5 k4 -> 3, f -1 k5 -> 4, d 0 k6 -> 5.
     *   a t1: best? q1 no; zero? avg 10 > 0 -> no                -> none
     *   b t1: avg -: everything unknown                          -> none
     *   c t1: q1; avg 20 > 0                                     -> none
     *   d t2, avg 0 < 5                                          -> best (q 5)
     *   e t2, avg 10 >= 5                                        -> second
     *   f t2, avg 1 < 5; q 4; 1 > 0                              -> none
     *   g t2, avg 5 >= 5                                         -> second
     *   h t3                                                     -> third
     *   i t1, avg -                                              -> none */
    const char *rows =
        "INSERT INTO customers VALUES ('a', 1, 10), ('b', 2, NULL), ('c', 2, 40),"
        " ('d', 3, 0), ('e', 5, 50), ('f', 5, 5), ('g', 5, 25), ('h', 8, 80), ('i', 0, 10);";
    char *out = run_sqlite(c, rows, "SELECT id, segment FROM customer_segments ORDER BY id;");
    assert_string_equal(out,
                        "a|\n"
                        "b|\n"
                        "c|\n"
                        "d|best\n"
                        "e|second\n"
                        "f|\n"
                        "g|second\n"
                        "h|third\n"
                        "i|\n");
    free(out);
    assert_contains(c->sql, "\"monetary\" / NULLIF(\"frequency\", 0) AS \"avg\"");
    assert_contains(c->sql, "1 + 3 * (RANK() OVER (PARTITION BY (\"frequency\" IS NULL)");
    assert_contains(c->sql, "PARTITION BY ((-\"avg\") IS NULL) ORDER BY (-\"avg\")");
    fix_free(&c->fix);
}

/* ------------------------------------------------------------ forms */

/* Literals are the base values C computes, written as REAL literals; a
 * literal beside a literal is CAST (PostgreSQL would add NUMERICs exactly:
 * 0.1 + 0.2 would be 0.3, not the double 0.30000000000000004); the file's
 * units are converted as C does: value * num / den. */
static void test_literals_and_units(void **state)
{
    (void)state;
    C *c = emit("currency BYN\n"
                "product butter { milk 21.0 t/t }\n"
                "customers {\n"
                "  id  share[%]  butter[kg]  recency[weeks]  price[BYN/kg]  n\n"
                "  a   30        700         2               0.82           3\n"
                "}\n"
                "strategy s { volume 100% }\n"
                "segment p when share >= 0.1 + 0.2 strategy s\n"
                "segment q when butter >= 700 kg and share < 31% strategy s\n"
                "segment r when recency > 2 weeks or price > 820 BYN/t strategy s\n"
                "segment t when n - -1 > 1e20 or -(-n) == 3 or n / 4 > 0.5 or n == - -3 strategy s\n"
                "segment u when n in (1, 2.5, 1_000) strategy s\n",
                true);
    assert_contains(c->sql, "\"share\" >= (CAST(0.1 AS DOUBLE PRECISION) + CAST(0.2 AS DOUBLE PRECISION))");
    assert_contains(c->sql, "CASE WHEN TRIM(CAST(\"share\" AS TEXT), ' \t') = '' THEN NULL ELSE CAST(\"share\" AS DOUBLE PRECISION) END / 100.0 AS \"share\"");
    /* butter is a product: a missing base volume is 0 */
    assert_contains(c->sql, "COALESCE(CASE WHEN TRIM(CAST(\"butter\" AS TEXT), ' \t') = '' THEN NULL ELSE CAST(\"butter\" AS DOUBLE PRECISION) END, 0.0) / 1000.0 AS \"butter\"");
    assert_contains(c->sql, "CASE WHEN TRIM(CAST(\"recency\" AS TEXT), ' \t') = '' THEN NULL ELSE CAST(\"recency\" AS DOUBLE PRECISION) END * 7.0 AS \"recency\"");
    assert_contains(c->sql, "CASE WHEN TRIM(CAST(\"price\" AS TEXT), ' \t') = '' THEN NULL ELSE CAST(\"price\" AS DOUBLE PRECISION) END * 1000.0 AS \"price\"");
    assert_contains(c->sql, "(\"butter\" >= 0.7) AND (\"share\" < 0.31)");
    assert_contains(c->sql, "(\"recency\" > 14.0) OR (\"price\" > 820.0)");
    assert_contains(c->sql, "(\"n\" - -1.0) > 1e+20"); /* `- -`, never `--`, a comment */
    assert_contains(c->sql, "(-(-\"n\")) = 3.0");
    assert_contains(c->sql, "\"n\" = (- -3.0)");
    assert_contains(c->sql, "(\"n\" / 4.0) > 0.5");
    assert_contains(c->sql, "\"n\" IN (1.0, 2.5, 1000.0)");
    assert_null(strstr(c->sql, "--1"));
    assert_null(strstr(c->sql, "(--"));
    if (have_sqlite3()) {
        /* 30 % is the double 0.3, below 0.1 + 0.2: p does not match */
        char *out = run_sqlite(c, "INSERT INTO customers VALUES ('a', 30, 700, 2, 0.82, 3),"
                                  " ('b', 30, NULL, NULL, NULL, 4);",
                               "SELECT * FROM customer_segments ORDER BY id;");
        /* b: butter 0 (not missing) < 0.7; share 0.3 < 0.31 is true, so q is
         * false, not unknown; r unknown; t: n / 4 = 1 > 0.5 */
        assert_string_equal(out, "a|q|s\nb|t|s\n");
        free(out);
    }
    fix_free(&c->fix);
}

/* SQLite 3.40 reads 727132.912063664 one ulp away from the double C (and
 * PostgreSQL) read: the literal is written with 17 digits, which SQLite
 * reads exactly.  The customer's value is put in bit for bit with the
 * shell's ieee754(M, E) = M * 2^E. */
static void test_literal_sqlite_misreads(void **state)
{
    (void)state;
    C *c = emit("customers {\n  id  x\n  a   727132.912063664\n}\n"
                "strategy s { volume 100% }\n"
                "segment same when x == 727132.912063664 strategy s\n"
                "segment short when x == 0.7 strategy s\n",
                true);
    assert_contains(c->sql, "WHEN \"x\" = 727132.91206366394 THEN 1");
    assert_contains(c->sql, "WHEN \"x\" = 0.7 THEN 2");
    if (have_sqlite3()) {
        char *out = run_sqlite(c, "INSERT INTO customers VALUES ('a', ieee754(6246024154317361, -33)),"
                                  " ('b', ieee754(3152519739159347, -52));",
                               "SELECT * FROM customer_segments ORDER BY id;");
        assert_string_equal(out, "a|same|s\nb|short|s\n");
        free(out);
    }
    fix_free(&c->fix);
}

/* Names are quoted identifiers (keywords, Cyrillic, a quote inside), text
 * literals single-quoted; helper columns never clash with a column. */
static void test_names(void **state)
{
    (void)state;
    C *c = emit("customers {\n"
                "  id  from  order  канал  _seg  select\n"
                "  a   p     x      кафе   1     2\n"
                "  b   q     y      \"it's\" 2     -\n"
                "}\n"
                "strategy стратегия { volume 100% }\n"
                "let рост = quintile(select)\n"
                "segment кафе when канал in (\"кафе\", \"it's\") and order == \"x\" strategy стратегия\n"
                "segment other when _seg == 2 or рост == 1 strategy стратегия\n",
                true);
    assert_contains(c->sql, "\"from\" TEXT,\n  \"order\" TEXT,\n  \"канал\" TEXT,\n"
                            "  \"_seg\" DOUBLE PRECISION,");
    assert_contains(c->sql, "(\"канал\" IN ('кафе', 'it''s')) AND (\"order\" = 'x')");
    assert_contains(c->sql, "END AS \"рост\"");
    assert_contains(c->sql, "END AS \"__seg\"");
    assert_contains(c->sql, "WHEN 1 THEN 'кафе'");
    assert_contains(c->sql, "WHEN 1 THEN 'стратегия'");
    if (have_sqlite3()) {
        char *out = run_sqlite(c,
                               "INSERT INTO customers VALUES ('a', 'p', 'x', 'кафе', 1, 2),"
                               " ('b', 'q', 'y', 'it''s', 2, NULL),"
                               " ('c', 'r', 'x', 'it''s', 1, 1);",
                               "SELECT * FROM customer_segments ORDER BY id;");
        /* рост: select 2 1 over a c -> c 1, a 3; b missing */
        assert_string_equal(out, "a|кафе|стратегия\nb|other|стратегия\nc|кафе|стратегия\n");
        free(out);
    }
    fix_free(&c->fix);
}

/* A model without segments: every customer unsegmented; a first rule
 * without `when` takes everyone. */
static void test_no_rules_and_catch_all(void **state)
{
    (void)state;
    const char *table = "customers {\n  id  n\n  a   1\n}\nstrategy s { volume 100% }\n";
    char src[512];
    C *c = emit(table, true);
    assert_contains(c->sql, "SELECT \"id\", CAST(NULL AS INTEGER) AS \"_seg\"");
    assert_contains(c->sql, "CAST(NULL AS TEXT),\n       CAST(NULL AS TEXT)\nFROM rules;");
    if (have_sqlite3()) {
        char *out = run_sqlite(c, "INSERT INTO customers VALUES ('a', 1);",
                               "SELECT * FROM customer_segments;");
        assert_string_equal(out, "a||\n");
        free(out);
    }
    fix_free(&c->fix);
    snprintf(src, sizeof src, "%ssegment all strategy s\nsegment never when n > 0 strategy s\n",
             table);
    c = emit(src, true);
    assert_contains(c->sql, "SELECT \"id\", 1 AS \"_seg\"");
    if (have_sqlite3()) {
        char *out = run_sqlite(c, "INSERT INTO customers VALUES ('a', 1), ('b', NULL);",
                               "SELECT * FROM customer_segments ORDER BY id;");
        assert_string_equal(out, "a|all|s\nb|all|s\n");
        free(out);
    }
    fix_free(&c->fix);
}

/* A write error is reported. */
static void test_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    C *c = emit(tiny_model, true);
    SqlOptions o = {true, NULL, SQL_ANY};
    assert_int_equal(emit_sql(c->fix.m, &o, full), -1);
    fclose(full);
    fix_free(&c->fix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_tiny_text, fix_close_leftovers),
        cmocka_unit_test_teardown(test_load_statements, fix_close_leftovers),
        cmocka_unit_test_teardown(test_sqlite_empty_cells_as_imported, fix_close_leftovers),
        cmocka_unit_test_teardown(test_no_create_table, fix_close_leftovers),
        cmocka_unit_test_teardown(test_sqlite_ties_and_missing, fix_close_leftovers),
        cmocka_unit_test_teardown(test_sqlite_ntile_and_division, fix_close_leftovers),
        cmocka_unit_test_teardown(test_literals_and_units, fix_close_leftovers),
        cmocka_unit_test_teardown(test_literal_sqlite_misreads, fix_close_leftovers),
        cmocka_unit_test_teardown(test_names, fix_close_leftovers),
        cmocka_unit_test_teardown(test_no_rules_and_catch_all, fix_close_leftovers),
        cmocka_unit_test_teardown(test_write_error, fix_close_leftovers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
