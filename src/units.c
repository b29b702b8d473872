/* units.c — unit parsing and dimension names; see units.h.  Nothing here
 * allocates: results go into caller-owned structs and buffers. */
#include "units.h"

#include <stdio.h>
#include <string.h>

/* A scale is kept as an integer fraction num/den while parsing, divided once
 * at the end: the factors (1000, 7, 100) are small integers, so num and den
 * stay exact in a double and the one division is correctly rounded.  That is
 * what makes 500 kg exactly 0.5 t and BYN/kg exactly 1000. */
typedef struct {
    const char *word;
    Dim dim;
    double num, den;
} UnitWord;

static const UnitWord unit_words[] = {
    {"t", {1, 0, 0, 0}, 1, 1},
    {"kg", {1, 0, 0, 0}, 1, 1000},
    {"km", {0, 0, 1, 0}, 1, 1},
    {"day", {0, 0, 0, 1}, 1, 1},
    {"days", {0, 0, 0, 1}, 1, 1},
    {"week", {0, 0, 0, 1}, 7, 1},
    {"weeks", {0, 0, 0, 1}, 7, 1},
};

/* Exponents beyond this are surely a typo, and stopping here keeps them
 * inside signed char. */
#define UNIT_MAX_EXP 100

/* ISO 4217 style: exactly three capital ASCII letters. */
static bool unit_is_currency(const char *w, size_t n)
{
    if (n != 3)
        return false;
    for (size_t i = 0; i < 3; i++)
        if (w[i] < 'A' || w[i] > 'Z')
            return false;
    return true;
}

/* Every failure reports the word's range and leaves *out a plain ratio, so a
 * caller that ignores the status still holds a well-formed unit. */
static UnitStatus unit_fail(UnitStatus st, size_t off, size_t n,
                            size_t *bad_off, size_t *bad_len, Unit *out)
{
    if (bad_off)
        *bad_off = off;
    if (bad_len)
        *bad_len = n;
    if (out)
        *out = unit_ratio();
    return st;
}

/* Adds e to an exponent, refusing results that no real model writes. */
static bool unit_add_exp(signed char *x, int e)
{
    int v = *x + e;
    if (v > UNIT_MAX_EXP || v < -UNIT_MAX_EXP)
        return false;
    *x = (signed char)v;
    return true;
}

/* "%" stands alone; otherwise the first word multiplies and every word after
 * a `/` divides, so "BYN/t/km" is money per mass per distance.  An empty word
 * (leading, doubled or trailing `/`) is reported at its `/`, which is the
 * character the writer has to delete. */
UnitStatus unit_parse(const char *text, size_t len, Unit *out, size_t *bad_off,
                      size_t *bad_len)
{
    if (!text || len == 0)
        return unit_fail(UNIT_SYNTAX, 0, 0, bad_off, bad_len, out);
    if (len == 1 && text[0] == '%') {
        if (out) {
            *out = unit_ratio();
            out->scale = 1.0 / 100.0;
            out->den = 100;
            out->percent = true;
        }
        return UNIT_OK;
    }

    Unit u = unit_ratio();
    double num = 1, den = 1;
    size_t i = 0;
    for (int nword = 0;; nword++) {
        size_t start = i;
        while (i < len && text[i] != '/')
            i++;
        const char *w = text + start;
        size_t n = i - start;
        int sign = nword == 0 ? 1 : -1;

        if (n == 0) {
            /* At the leading `/`, or at the `/` that ends this empty word. */
            size_t at = nword == 0 ? start : start - 1;
            return unit_fail(UNIT_SYNTAX, at, 1, bad_off, bad_len, out);
        }
        if (memchr(w, '%', n))
            return unit_fail(UNIT_SYNTAX, start, n, bad_off, bad_len, out);

        const UnitWord *known = NULL;
        for (size_t k = 0; k < sizeof unit_words / sizeof unit_words[0]; k++) {
            if (strlen(unit_words[k].word) == n &&
                memcmp(unit_words[k].word, w, n) == 0) {
                known = &unit_words[k];
                break;
            }
        }
        Dim d = {0, 0, 0, 0};
        if (known) {
            d = known->dim;
            if (sign > 0) {
                num *= known->num;
                den *= known->den;
            } else {
                num *= known->den;
                den *= known->num;
            }
        } else if (unit_is_currency(w, n)) {
            if (u.currency[0] && memcmp(u.currency, w, 3) != 0)
                return unit_fail(UNIT_TWO_CURRENCIES, start, n, bad_off,
                                 bad_len, out);
            memcpy(u.currency, w, 3);
            u.currency[3] = '\0';
            d.money = 1;
        } else {
            return unit_fail(UNIT_UNKNOWN, start, n, bad_off, bad_len, out);
        }
        if (!unit_add_exp(&u.dim.mass, sign * d.mass) ||
            !unit_add_exp(&u.dim.money, sign * d.money) ||
            !unit_add_exp(&u.dim.dist, sign * d.dist) ||
            !unit_add_exp(&u.dim.time, sign * d.time))
            return unit_fail(UNIT_SYNTAX, start, n, bad_off, bad_len, out);

        if (i >= len)
            break;
        i++; /* the `/` */
        if (i >= len)
            return unit_fail(UNIT_SYNTAX, i - 1, 1, bad_off, bad_len, out);
    }
    u.scale = num / den;
    u.num = num;
    u.den = den;
    if (out)
        *out = u;
    return UNIT_OK;
}

Unit unit_ratio(void)
{
    Unit u;
    memset(&u, 0, sizeof u);
    u.scale = 1.0;
    u.num = u.den = 1;
    return u;
}

double unit_to_base(const Unit *u, double v)
{
    return v * u->num / u->den;
}

bool dim_eq(Dim a, Dim b)
{
    return a.mass == b.mass && a.money == b.money && a.dist == b.dist &&
           a.time == b.time;
}

bool dim_is_ratio(Dim d)
{
    return d.mass == 0 && d.money == 0 && d.dist == 0 && d.time == 0;
}

static Dim dim_make(int mass, int money, int dist, int time)
{
    Dim d = {(signed char)mass, (signed char)money, (signed char)dist,
             (signed char)time};
    return d;
}

Dim dim_mass(void) { return dim_make(1, 0, 0, 0); }
Dim dim_money(void) { return dim_make(0, 1, 0, 0); }
Dim dim_distance(void) { return dim_make(0, 0, 1, 0); }
Dim dim_time(void) { return dim_make(0, 0, 0, 1); }
Dim dim_ratio(void) { return dim_make(0, 0, 0, 0); }
Dim dim_money_per_mass(void) { return dim_make(-1, 1, 0, 0); }
Dim dim_money_per_mass_distance(void) { return dim_make(-1, 1, -1, 0); }

/* Bounded appending: output is cut at size-1 bytes and always terminated, so
 * a short buffer gives a truncated message rather than an overflow. */
typedef struct {
    char *buf;
    size_t size, len;
} DimOut;

static void out_str(DimOut *o, const char *s)
{
    if (o->size == 0)
        return;
    size_t room = o->size - 1 - o->len;
    size_t n = strlen(s);
    if (n > room)
        n = room;
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void out_init(DimOut *o, char *buf, size_t size)
{
    o->buf = buf;
    o->size = buf ? size : 0;
    o->len = 0;
    if (o->size)
        buf[0] = '\0';
}

/* Money leads, as in "BYN/t"; then mass, distance, time. */
typedef struct {
    const char *name, *unit;
    int exp;
} DimTerm;

static void dim_terms(Dim d, const char *currency, DimTerm t[4])
{
    t[0] = (DimTerm){"money", currency ? currency : "BYN", d.money};
    t[1] = (DimTerm){"mass", "t", d.mass};
    t[2] = (DimTerm){"distance", "km", d.dist};
    t[3] = (DimTerm){"time", "days", d.time};
}

/* Powers are rare in dairy models; 2 and 3 read as words, higher as "^n". */
static void out_power_word(DimOut *o, const char *name, int e)
{
    out_str(o, name);
    if (e == 2) {
        out_str(o, " squared");
    } else if (e == 3) {
        out_str(o, " cubed");
    } else if (e > 3) {
        char tmp[16];
        snprintf(tmp, sizeof tmp, "^%d", e);
        out_str(o, tmp);
    }
}

/* Words read left to right like the unit: positive exponents joined by
 * "times", then each negative one as "per X"; a dimension with nothing on
 * top starts with "1" so the phrase still names a quantity. */
void dim_name(Dim d, char *buf, size_t size)
{
    DimOut o;
    out_init(&o, buf, size);
    if (dim_is_ratio(d)) {
        out_str(&o, "ratio");
        return;
    }
    DimTerm t[4];
    dim_terms(d, NULL, t);
    bool top = false;
    for (int i = 0; i < 4; i++) {
        if (t[i].exp > 0) {
            if (top)
                out_str(&o, " times ");
            out_power_word(&o, t[i].name, t[i].exp);
            top = true;
        }
    }
    if (!top)
        out_str(&o, "1");
    for (int i = 0; i < 4; i++) {
        if (t[i].exp < 0) {
            out_str(&o, " per ");
            out_power_word(&o, t[i].name, -t[i].exp);
        }
    }
}

/* Denominators repeat the word ("t/days/days") so the hint is something
 * unit_parse accepts; a numerator with several factors has no written form
 * in the language, so "*" joins them for the reader's benefit only. */
static void out_base_unit(DimOut *o, Dim d, const char *currency)
{
    if (dim_is_ratio(d))
        return;
    DimTerm t[4];
    dim_terms(d, currency, t);
    bool top = false;
    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < t[i].exp; k++) {
            if (top)
                out_str(o, "*");
            out_str(o, t[i].unit);
            top = true;
        }
    }
    if (!top)
        out_str(o, "1");
    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < -t[i].exp; k++) {
            out_str(o, "/");
            out_str(o, t[i].unit);
        }
    }
}

void dim_base_unit(Dim d, const char *currency, char *buf, size_t size)
{
    DimOut o;
    out_init(&o, buf, size);
    out_base_unit(&o, d, currency);
}

/* Plausible dairy figures for the common dimensions, so a hint looks like a
 * line the user might really write; anything else gets "1 <base unit>". */
void dim_example(Dim d, const char *currency, char *buf, size_t size)
{
    static const struct {
        signed char mass, money, dist, time;
        const char *number;
    } examples[] = {
        {1, 0, 0, 0, "9000 "},  {0, 1, 0, 0, "1000 "},
        {-1, 1, 0, 0, "820 "},  {-1, 1, -1, 0, "0.45 "},
        {0, 0, 1, 0, "38 "},    {0, 0, 0, 1, "30 "},
    };
    DimOut o;
    out_init(&o, buf, size);
    if (dim_is_ratio(d)) {
        out_str(&o, "85%");
        return;
    }
    const char *number = "1 ";
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        Dim e = dim_make(examples[i].mass, examples[i].money, examples[i].dist,
                         examples[i].time);
        if (dim_eq(d, e)) {
            number = examples[i].number;
            break;
        }
    }
    out_str(&o, number);
    out_base_unit(&o, d, currency);
}
