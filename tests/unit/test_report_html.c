/* test_report_html.c — unit tests for the HTML report (src/report_html*.c):
 * the page holds every table and sentence of the text report, marks the
 * entities where a limit binds with their sentences, is placed by latitude
 * and longitude when every entity has them (in layers by Graphviz else),
 * escapes labels, fetches nothing, and is the same bytes every time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/arena.h"
#include "../../src/check.h"
#include "../../src/diag.h"
#include "../../src/lp.h"
#include "../../src/model.h"
#include "../../src/report.h"
#include "../../src/scenario.h"
#include "../../src/solve.h"
#include "../../src/xalloc.h"
#include "fixture.h"

/* The intro's chain; the city's contract holds butter at 150 t. */
#define CHAIN                                                                                      \
    "currency BYN\n"                                                                               \
    "product butter \"Butter & <co>\" { milk 21.0 t/t }\n"                                         \
    "product milk32 { milk 1.02 t/t }\n"                                                           \
    "farm north { supply 9_000 t; price 820 BYN/t%s }\n"                                           \
    "farm south { supply 7_500 t; price 790 BYN/t%s }\n"                                           \
    "farm east { supply 100 t; price 5_000 BYN/t%s }\n"                                               \
    "plant city_dairy \"City \\\"Dairy\\\"\" { capacity 15_000 t%s\n"                              \
    "  makes butter 400 t cost 310 BYN/t; makes milk32 9_000 t cost 95 BYN/t }\n"                  \
    "market city \"City\" { demand butter 150..380 t price 10_400 BYN/t\n"                         \
    "  demand milk32 8_000 t price 1_450 BYN/t%s }\n"                                              \
    "transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }\n"                                    \
    "routes {\n  from to distance\n  north city_dairy 38 km\n  south city_dairy 61 km\n"           \
    "  east city_dairy 10 km\n  city_dairy city 12 km\n}\n"                                      \
    "scenario dry { scale farm * supply 80%% }\n"

enum { AT_FARMS = 1, AT_PLANT = 2, AT_MARKET = 4, AT_ALL = 7, AT_ONE_PLACE = 8 };

/* The page of the model, solved; `at` says which entities have `at` (all
 * at one place with AT_ONE_PLACE).  With cases, its scenarios side by
 * side.  *text gets the text report. */
static char *page(Prog **pp, int at, bool cases, char **text)
{
    char src[2048];
    const char *one = "; at 53.9, 27.5", *farm = at & AT_ONE_PLACE ? one : "; at 53.5, 27.9";
    snprintf(src, sizeof src, "model \"Page <one> & \\\"two\\\"\"\n" CHAIN,
             at & AT_FARMS ? one : "", at & AT_FARMS ? farm : "", at & AT_FARMS ? farm : "",
             at & AT_PLANT ? (at & AT_ONE_PLACE ? one : "; at 53.8, 27.6") : "",
             at & AT_MARKET ? one : "");
    Prog *p = prog_new();
    *pp = p;
    assert_non_null(fix_model(&p->fix, src));
    prog_build(p, NULL);
    SolveOptions so = {0};
    assert_int_equal(solve_run(&p->lp, &so, &p->sol), 0);
    assert_int_equal(p->sol.status, SOL_OPTIMAL);
    *text = xstrdup(prog_report(p, false));
    ReportCase cs[3] = {{"base", NULL, &p->lp, &p->sol}, {"dry", NULL, &p->lp, &p->sol},
                        {"again", "Once <more>", &p->lp, &p->sol}};
    char *html = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&html, &len);
    assert_non_null(f);
    assert_int_equal(report_html(cs, cases ? 3 : 1, f), 0);
    fclose(f);
    return html;
}

/* s[0..n) as the page escapes it, between <li> and </li>. */
static void li(char *out, size_t size, const char *s, size_t n)
{
    size_t o = (size_t)snprintf(out, size, "<li>");
    for (size_t i = 0; i < n && o + 8 < size; i++) {
        const char *e = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
                      : s[i] == '"' ? "&quot;" : NULL;
        o += e ? (size_t)snprintf(out + o, size - o, "%s", e) : (out[o] = s[i], 1);
    }
    snprintf(out + o, size - o, "</li>");
}

/* Every line of the text report's binding limits is a sentence of the
 * page, and the plant's appears in the plant's tooltip, which is marked. */
static void test_sentences_and_marks(void **state)
{
    (void)state;
    Prog *p;
    char *text, *html = page(&p, 0, false, &text);
    const char *lim = strstr(text, "\nbinding limits\n");
    assert_non_null(lim);
    int n = 0;
    for (const char *s = lim + strlen("\nbinding limits\n"); strncmp(s, "  ", 2) == 0; n++) {
        const char *e = strchr(s, '\n');
        char line[512];
        li(line, sizeof line, s + 2, (size_t)(e - s - 2));
        assert_non_null(strstr(html, line));
        s = e + 1;
    }
    assert_true(n >= 3);
    const char *plant = strstr(html, "<g class=\"node plant binds\"><title>City &quot;Dairy&quot;\n");
    assert_non_null(plant);
    assert_non_null(strstr(plant, "\none more tonne of raw milk on hand at City &quot;Dairy&quot;"));
    assert_non_null(strstr(html, "Left to right."));
    assert_non_null(strstr(html, "<td class=\"num\">3810.000</td>"));
    assert_non_null(strstr(html, "dairy explain MODEL --format html"));
    assert_non_null(strstr(html, "<li>sending a tonne from east to City &quot;Dairy&quot; would cost"));
    free(text);
    free(html);
    fix_free(&p->fix);
}

/* Placed by latitude and longitude; labels escaped; nothing fetched. */
static void test_placed_escaped_offline(void **state)
{
    (void)state;
    Prog *p;
    char *text, *html = page(&p, AT_ALL, false, &text);
    assert_non_null(strstr(html, "Placed by latitude and longitude."));
    assert_non_null(strstr(html, "<title>Page &lt;one&gt; &amp; &quot;two&quot;</title>"));
    assert_non_null(strstr(html, "Butter &amp; &lt;co&gt;"));
    assert_null(strstr(html, "<co>"));
    assert_null(strstr(html, "http:"));
    assert_null(strstr(html, "https:"));
    assert_null(strstr(html, " src="));
    free(text);
    free(html);
    fix_free(&p->fix);
}

/* The cases: charts and the side-by-side table, then each plan; the same
 * bytes on a second run. */
static void test_cases_deterministic(void **state)
{
    (void)state;
    Prog *p, *q;
    char *text, *text2;
    char *html = page(&p, 0, true, &text), *again = page(&q, 0, true, &text2);
    assert_string_equal(html, again);
    assert_non_null(strstr(html, "<h2>3 cases side by side</h2>"));
    assert_non_null(strstr(html, "<h2>Once &lt;more&gt;</h2>"));
    assert_non_null(strstr(html, "Profit by case"));
    assert_non_null(strstr(html, "<section class=\"case\" id=\"case-dry\">"));
    free(text);
    free(text2);
    free(html);
    free(again);
    fix_free(&p->fix);
    fix_free(&q->fix);
}

/* Only when every farm, plant and market has `at` is the chain a map; all
 * at one place, they are drawn one under the other.  No case: no page. */
static void test_placement(void **state)
{
    (void)state;
    static const struct {
        int at;
        const char *says;
    } cases[] = {
        {AT_FARMS, "Left to right."},
        {AT_FARMS | AT_PLANT, "Left to right."},
        {AT_ALL | AT_ONE_PLACE, "Placed by latitude and longitude."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Prog *p;
        char *text, *html = page(&p, cases[i].at, false, &text);
        assert_non_null(strstr(html, cases[i].says));
        free(text);
        free(html);
        fix_free(&p->fix);
    }
    char *html = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&html, &len);
    assert_int_equal(report_html(NULL, 0, f), 0);
    fclose(f);
    assert_int_equal(len, 0);
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences_and_marks),
        cmocka_unit_test(test_placed_escaped_offline),
        cmocka_unit_test(test_cases_deterministic),
        cmocka_unit_test(test_placement),
    };
    return cmocka_run_group_tests(tests, NULL, fix_close_leftovers);
}
